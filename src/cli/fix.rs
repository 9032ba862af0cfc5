//! `mtlint fix`.

use super::*;

pub(super) fn run(args: FixArgs, config: &Config) -> Result<u8, Stop> {
    let checker = build_checker(&args.glossary, Policy::default())?;
    // What `check` would not report, `fix` does not change.
    let filters = check::Filters::from_config(config, false);
    let files = collect_inputs(&args.paths)?;
    if args.write && files.iter().any(|f| f == Path::new("-")) {
        return Err(Fatal(
            "fix --write cannot write to standard input; drop --write to print the diff".to_owned(),
        )
        .into());
    }
    let results = check_files(
        &checker,
        &files,
        &args.input,
        args.glossary.lang.as_deref(),
        args.jobs,
    )?;
    let mut code = EXIT_PASS;
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr();
    for result in results {
        let (doc, mut checked) = match result {
            Ok(ok) => ok,
            Err(e) => {
                error_line(&e.to_string());
                code = EXIT_ERROR;
                continue;
            }
        };
        checked.findings = filters.apply(&doc, checked.findings, &checker.weights);
        let fixed = apply_suggestions(&doc.text, &checked.findings);
        if fixed == doc.text {
            continue;
        }
        if args.write {
            let applied = checked
                .findings
                .iter()
                .filter(|f| !f.hit.suggestions.is_empty())
                .count();
            match write_atomically(&doc.path, fixed.as_bytes()) {
                Ok(()) => writeln!(
                    stderr,
                    "mtlint: fixed {applied} span{} in {}",
                    if applied == 1 { "" } else { "s" },
                    doc.path.display()
                )?,
                Err(Fatal(msg)) => {
                    error_line(&msg);
                    code = EXIT_ERROR;
                }
            }
        } else {
            stdout.write_all(unified_diff(&patch_path(&doc.path), &doc.text, &fixed).as_bytes())?;
        }
    }
    stdout.flush()?;
    Ok(code)
}
