//! `mtlint fix`: every input through the pipeline, then its suggestions
//! applied: printed as a unified diff, or written in place.
//!
//! Only what is certain is applied by default (see [`Pick`]): the diff
//! printed and the file written change the same spans, and the findings
//! left for review are listed after the diff (as `#` lines that patch
//! tools pass over) or counted on standard error.

use std::io::{self, Write};
use std::path::Path;

use super::args::{FixArgs, PickArg};
use super::{
    EXIT_ERROR, EXIT_PASS, Error, Fatal, error_line, input_error, input_files, is_stream, run_jobs,
    settings, write_atomically,
};
use crate::check::{Pick, apply_suggestions};
use crate::config::Config;
use crate::report::{review_lines, unified_diff};
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
    let pick = match args.pick {
        PickArg::Certain => Pick::Certain {
            min_confidence: args.min_confidence,
        },
        PickArg::First => Pick::First,
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr();
    let mut left_in_all = 0;
    // A fix reads a document's text and escapes, not its units.
    run_jobs(&pipeline, shared, files, false, None, true, |outcome| {
        let (doc, detected) = match outcome {
            None => return Ok(stdout.flush()?),
            Some(Ok(ok)) => ok,
            Some(Err(e)) => {
                input_error(&e);
                code = EXIT_ERROR;
                return Ok(());
            }
        };
        let fixed = apply_suggestions(&doc, &detected.findings, pick);
        let left = detected.findings.iter().filter(|f| pick.leaves(f)).count();
        left_in_all += left;
        let shown = doc.path.display().to_string();
        let path = crate::report::escape::visible(&shown);
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if args.write {
            if fixed != doc.text {
                let applied = detected
                    .findings
                    .iter()
                    .filter(|f| pick.choose(f).is_some())
                    .count();
                match write_atomically(&doc.path, fixed.as_bytes()) {
                    Ok(()) => writeln!(
                        stderr,
                        "mtlint: fixed {applied} span{} in {path}",
                        plural(applied)
                    )?,
                    Err(e) => {
                        error_line(&e.to_string());
                        code = EXIT_ERROR;
                        return Ok(());
                    }
                }
            }
            if left > 0 {
                writeln!(
                    stderr,
                    "mtlint: left {left} finding{} for review in {path} (`mtlint fix` without --write lists them)",
                    plural(left)
                )?;
            }
        } else {
            stdout.write_all(unified_diff(&doc.patch_path(), &doc.text, &fixed).as_bytes())?;
            let mut review = String::new();
            review_lines(&doc, &detected.findings, pick, &mut false, &mut review);
            stdout.write_all(review.as_bytes())?;
        }
        Ok(())
    })?;
    stdout.flush()?;
    if !args.write && left_in_all > 0 {
        writeln!(
            stderr,
            "mtlint: left {left_in_all} finding{} for review (listed after the diff; --pick first applies the first suggestion of each)",
            if left_in_all == 1 { "" } else { "s" }
        )?;
    }
    Ok(code)
}
