//! `mtlint check`.

use super::*;

pub(super) fn run(args: CheckArgs) -> Result<u8, Stop> {
    let policy = Policy {
        fail_on: match args.fail_on {
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        },
        max_penalty: args.max_penalty,
    };
    let checker = build_checker(&args.glossary, policy)?;
    // JSONL is streamed: with --input jsonl, or when every named file is one.
    let jsonl = args.input.format == Some(InputFormat::Jsonl)
        || (args.input.format.is_none()
            && !args.paths.is_empty()
            && args
                .paths
                .iter()
                .all(|p| InputFormat::from_path(p) == InputFormat::Jsonl));
    if jsonl {
        if args.report_dir.is_some() {
            return Err(Fatal(
                "--input jsonl streams findings to standard output; --report-dir does not apply"
                    .to_owned(),
            )
            .into());
        }
        return stream::run(
            &checker,
            &args.paths,
            args.glossary.lang.as_deref(),
            args.jobs,
        );
    }
    let files = collect_inputs(&args.paths)?;
    if let Some(dir) = &args.report_dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Fatal(format!("--report-dir {}: not a folder", dir.display())).into());
    }
    let results = check_files(
        &checker,
        &files,
        &args.input,
        args.glossary.lang.as_deref(),
        args.jobs,
    )?;

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout = io::stdout().lock();
    let mut out: Box<dyn Report> = match args.format {
        Format::Human => Box::new(Human::new(io::BufWriter::new(stdout), color)),
        Format::Csv => Box::new(FindingsCsv::new(io::BufWriter::new(stdout))?),
        Format::Diff => Box::new(Diff::new(io::BufWriter::new(stdout))),
    };
    let mut code = EXIT_PASS;
    let mut checked_docs = Vec::new();
    for result in &results {
        match result {
            Ok((doc, checked)) => {
                out.document(doc, checked)?;
                if checked.summary.verdict == Verdict::Fail && code == EXIT_PASS {
                    code = EXIT_FAIL;
                }
                checked_docs.push((doc, checked));
            }
            Err(e) => {
                error_line(&e.to_string());
                code = EXIT_ERROR;
            }
        }
    }
    out.finish()?;
    if let Some(dir) = &args.report_dir
        && !checked_docs.is_empty()
    {
        write_report_dir(dir, &checked_docs)?;
    }
    Ok(code)
}

/// Writes findings.csv, summary.csv and suggestions.diff into `dir`, each
/// built whole in memory and then moved into place, so a report is either
/// the new one or the old one, never a half-written file.
fn write_report_dir(dir: &Path, docs: &[(&Document, &Checked)]) -> Result<(), Stop> {
    let mut findings = FindingsCsv::new(Vec::new())?;
    let mut summary = SummaryCsv::new(Vec::new())?;
    let mut diff_bytes = Vec::new();
    {
        let mut diff = Diff::new(&mut diff_bytes);
        for (doc, checked) in docs {
            findings.document(doc, checked)?;
            summary.document(doc, checked)?;
            diff.document(doc, checked)?;
        }
        diff.finish()?;
    }
    findings.finish()?;
    summary.finish()?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Fatal(format!("--report-dir {}: {e}", dir.display())))?;
    let files = [
        ("findings.csv", findings.into_inner()?),
        ("summary.csv", summary.into_inner()?),
        ("suggestions.diff", diff_bytes),
    ];
    for (name, bytes) in files {
        write_atomically(&dir.join(name), &bytes)?;
    }
    Ok(())
}
