//! `mtlint version`, `mtlint completions SHELL` and `mtlint man`: what the
//! tool says about itself, generated from the clap definition so that it
//! cannot drift from the options.

use std::io::{self, Write};

use clap::CommandFactory;

use super::args::Args;
use super::{EXIT_PASS, Error};
use crate::glossary::Glossary;

/// `mtlint version` and `--version`: the version and what the built-in
/// glossary holds.
pub(super) fn version() -> Result<u8, Error> {
    let mut out = io::stdout().lock();
    writeln!(out, "mtlint {}", env!("CARGO_PKG_VERSION"))?;
    match Glossary::defaults() {
        Ok(glossary) => {
            let pairs: std::collections::BTreeSet<&str> = glossary
                .entries
                .iter()
                .filter_map(|e| e.lang.as_deref())
                .filter(|l| l.contains('-'))
                .collect();
            writeln!(
                out,
                "built-in glossary: {} entries ({} language pairs: {})",
                glossary.entries.len(),
                pairs.len(),
                pairs.into_iter().collect::<Vec<_>>().join(", ")
            )?;
        }
        // The built-in glossary is checked by the tests; if it ever fails
        // to load, the version is still worth printing.
        Err(errors) => writeln!(out, "built-in glossary: {} errors", errors.len())?,
    }
    Ok(EXIT_PASS)
}

/// `mtlint completions SHELL`.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut command = Args::command();
    // Written to memory first: the generator panics on a failed write,
    // and a closed pipe (`mtlint completions bash | head`) is no error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "mtlint", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(EXIT_PASS)
}

/// `mtlint man`: the manual page in roff.
pub(super) fn man() -> Result<u8, Error> {
    let command = Args::command().version(env!("CARGO_PKG_VERSION"));
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(EXIT_PASS)
}
