//! `mtlint fix`: every input through the pipeline, then its suggestions
//! applied: printed as a unified diff, or written in place.

use std::io::{self, Write};
use std::path::Path;

use super::args::FixArgs;
use super::{
    EXIT_ERROR, EXIT_PASS, Error, Fatal, error_line, input_error, input_files, is_stream, run_jobs,
    settings, write_atomically,
};
use crate::check::apply_suggestions;
use crate::config::Config;
use crate::report::unified_diff;
use crate::score::Policy;

pub(super) fn run(args: FixArgs, config: &Config) -> Result<u8, Error> {
    let shared = &args.shared;
    // What `check` would not report, `fix` does not change.
    let pipeline = settings::pipeline(&shared.glossary, Policy::default(), config, false)?;
    let (files, unreadable) = input_files(shared, config)?;
    if args.write && is_stream(shared) {
        return Err(Fatal(
            "fix --write cannot rewrite a JSON Lines stream; drop --write to print the diff"
                .to_owned(),
        ));
    }
    if args.write && files.iter().any(|f| f == Path::new("-")) {
        return Err(Fatal(
            "fix --write cannot write to standard input; drop --write to print the diff".to_owned(),
        ));
    }
    let mut code = if unreadable > 0 {
        EXIT_ERROR
    } else {
        EXIT_PASS
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr();
    run_jobs(&pipeline, shared, files, false, |outcome| {
        let (doc, detected) = match outcome {
            None => return Ok(stdout.flush()?),
            Some(Ok(ok)) => ok,
            Some(Err(e)) => {
                input_error(&e);
                code = EXIT_ERROR;
                return Ok(());
            }
        };
        let fixed = apply_suggestions(&doc, &detected.findings);
        if fixed == doc.text {
            return Ok(());
        }
        if args.write {
            let applied = detected
                .findings
                .iter()
                .filter(|f| !f.hit.suggestions.is_empty())
                .count();
            match write_atomically(&doc.path, fixed.as_bytes()) {
                Ok(()) => writeln!(
                    stderr,
                    "mtlint: fixed {applied} span{} in {}",
                    if applied == 1 { "" } else { "s" },
                    crate::report::escape::visible(&doc.path.display().to_string())
                )?,
                Err(e) => {
                    error_line(&e.to_string());
                    code = EXIT_ERROR;
                }
            }
        } else {
            stdout.write_all(unified_diff(&doc.patch_path(), &doc.text, &fixed).as_bytes())?;
        }
        Ok(())
    })?;
    stdout.flush()?;
    Ok(code)
}
