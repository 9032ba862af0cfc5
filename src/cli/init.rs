//! `mtlint init`.

use std::io::{self, Write};
use std::path::Path;

use super::{EXIT_PASS, Error, Fatal, write_atomically};
use crate::config::{FILE_NAME, STARTER};

pub(super) fn run(force: bool) -> Result<u8, Error> {
    let path = Path::new(FILE_NAME);
    if path.exists() && !force {
        return Err(Fatal(format!(
            "{FILE_NAME} already exists; use --force to replace it"
        )));
    }
    write_atomically(path, STARTER.as_bytes())?;
    writeln!(io::stderr(), "mtlint: wrote {FILE_NAME}")?;
    Ok(EXIT_PASS)
}
