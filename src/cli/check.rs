//! `mtlint check`.

use super::*;
use crate::baseline::Baseline;
use crate::changed::ChangedLines;
use crate::report::{ReportOptions, RuleDescription, reporter};
use crate::score::{Finding, sort_findings, summarize};
use crate::suppress::{Allowlist, apply_suppressions};

pub(super) fn run(args: CheckArgs, config: &Config) -> Result<u8, Stop> {
    let fail_on = match args.fail_on {
        Some(FailOn::Minor) => Some(Severity::Minor),
        Some(FailOn::Major) => Some(Severity::Major),
        Some(FailOn::Critical) => Some(Severity::Critical),
        Some(FailOn::Never) => None,
        None => config
            .fail_on
            .map_or(Some(Severity::Critical), |f| f.severity()),
    };
    let policy = Policy {
        fail_on,
        max_penalty: args
            .max_penalty
            .or(config.max_penalty.as_ref().map(|m| *m.get_ref()))
            .unwrap_or(Policy::default().max_penalty),
    };
    let mut checker = build_checker(&args.glossary, policy)?;
    checker.weights = config_weights(config);
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
    let mut files = collect_inputs(&args.paths)?;
    filter_walked_files(&mut files, &args.paths, config)?;
    if let Some(dir) = &args.report_dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Fatal(format!("--report-dir {}: not a folder", dir.display())).into());
    }
    let changed = match &args.diff_base {
        Some(rev) => Some(changed_lines(rev, &files)?),
        None => None,
    };
    let mut baseline = match &args.baseline {
        Some(path) => Some(Baseline::load(path).map_err(|e| Fatal(e.to_string()))?),
        None => None,
    };
    let filters = Filters {
        changed,
        ..Filters::from_config(config, args.report_unused_suppressions)
    };

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let options = ReportOptions {
        color,
        fail_on,
        rules: rule_descriptions(&checker),
    };
    let mut out = reporter(
        args.format,
        io::BufWriter::new(io::stdout().lock()),
        &options,
    )?;
    let mut code = EXIT_PASS;
    let mut checked_docs: Vec<(Document, Checked)> = Vec::new();
    let mut recorded = Baseline::default();
    check_files_in_order(
        &checker,
        &files,
        &args.input,
        args.glossary.lang.as_deref(),
        args.jobs,
        |result| {
            match result {
                Ok((doc, mut checked)) => {
                    let mut findings = filters.apply(&doc, checked.findings, &checker.weights);
                    if args.write_baseline.is_some() {
                        recorded.record(&doc, &findings);
                    }
                    if let Some(changed) = &filters.changed {
                        changed.retain(&doc, &mut findings);
                    }
                    if let Some(baseline) = &mut baseline {
                        findings = baseline.filter(&doc, findings);
                    }
                    checked.summary = summarize(checked.summary.words, &findings, &checker.policy);
                    checked.findings = findings;
                    out.document(&doc, &checked)?;
                    if checked.summary.verdict == Verdict::Fail && code == EXIT_PASS {
                        code = EXIT_FAIL;
                    }
                    // Only --report-dir needs the documents after reporting.
                    if args.report_dir.is_some() {
                        checked_docs.push((doc, checked));
                    }
                }
                Err(e) => {
                    error_line(&e.to_string());
                    code = EXIT_ERROR;
                }
            }
            Ok(())
        },
    )?;
    out.finish()?;
    drop(out);
    if let Some(path) = &args.write_baseline {
        write_atomically(path, recorded.to_json().as_bytes())?;
    }
    if let Some(dir) = &args.report_dir
        && !checked_docs.is_empty()
    {
        write_report_dir(dir, &checked_docs, &options)?;
    }
    Ok(code)
}

/// The severity weights: the configuration's, defaults for what it leaves
/// out.
fn config_weights(config: &Config) -> Weights {
    let default = Weights::default();
    let w = &config.weights;
    let get = |v: &Option<toml::Spanned<f64>>, d: f64| v.as_ref().map_or(d, |v| *v.get_ref());
    Weights {
        minor: get(&w.minor, default.minor),
        major: get(&w.major, default.major),
        critical: get(&w.critical, default.critical),
    }
}

/// Applies the configuration's `include` and `exclude` patterns
/// (.gitignore syntax, relative to the configuration file's folder) to the
/// files found by walking folders; files named on the command line stay.
fn filter_walked_files(
    files: &mut Vec<PathBuf>,
    named: &[PathBuf],
    config: &Config,
) -> Result<(), Fatal> {
    if config.include.is_empty() && config.exclude.is_empty() {
        return Ok(());
    }
    let cwd = std::env::current_dir().map_err(|e| Fatal(format!("current folder: {e}")))?;
    let root = normalize(&cwd.join(config.dir()));
    let build = |key: &str, patterns: &[String]| {
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&root);
        for p in patterns {
            builder
                .add_line(None, p)
                .map_err(|e| Fatal(format!("{}: {key}: {e}", config.path.display())))?;
        }
        builder
            .build()
            .map_err(|e| Fatal(format!("{}: {key}: {e}", config.path.display())))
    };
    let include = build("include", &config.include)?;
    let exclude = build("exclude", &config.exclude)?;
    files.retain(|file| {
        if file == Path::new("-") || named.contains(file) {
            return true;
        }
        let path = normalize(&cwd.join(file));
        if !path.starts_with(&root) {
            return true;
        }
        let included = config.include.is_empty()
            || include
                .matched_path_or_any_parents(&path, false)
                .is_ignore();
        included
            && !exclude
                .matched_path_or_any_parents(&path, false)
                .is_ignore()
    });
    Ok(())
}

/// `path` without `.` components, so that prefixes compare.
fn normalize(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// What happens to a document's findings after checking, in this order:
/// the allowlist drops its wordings, suppression comments their findings
/// (and, when asked, unused comments become findings), then `--diff-base`
/// keeps those on changed lines. Disabled rules never run: the checker is
/// built without them (`build_checker`), from the flags and the file alike.
pub(super) struct Filters {
    allow: Allowlist,
    report_unused: bool,
    changed: Option<Changed>,
}

impl Filters {
    /// The filters the configuration sets, without `--diff-base`.
    pub(super) fn from_config(config: &Config, report_unused: bool) -> Filters {
        Filters {
            allow: Allowlist::new(&config.allow, &config.allow_rule),
            report_unused,
            changed: None,
        }
    }

    pub(super) fn apply(
        &self,
        doc: &Document,
        findings: Vec<Finding>,
        weights: &Weights,
    ) -> Vec<Finding> {
        let findings: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                !self
                    .allow
                    .allows(&f.hit.rule.id, &doc.text[f.hit.span.range()])
            })
            .collect();
        let (mut findings, unused) = apply_suppressions(doc, findings, weights);
        if self.report_unused && !unused.is_empty() {
            findings.extend(unused);
            sort_findings(&mut findings);
        }
        findings
    }
}

/// The lines `--diff-base` keeps, and how a document's path maps to the
/// diff's paths.
struct Changed {
    lines: ChangedLines,
    /// The folder the diff's paths are relative to (canonical).
    root: PathBuf,
}

impl Changed {
    /// Keeps the findings of `doc` that touch a changed line; a file
    /// outside the diff (or the repository) keeps none.
    fn retain(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let relative = doc.path.canonicalize().ok().and_then(|p| {
            p.strip_prefix(&self.root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        });
        let Some(relative) = relative else {
            findings.clear();
            return;
        };
        findings.retain(|f| {
            let (first, _) = doc.line_col(f.hit.span.start);
            let (last, _) = doc.line_col(f.hit.span.end);
            self.lines.touches(&relative, first, last)
        });
    }
}

/// Runs `git diff -U0 REV` (or reads a diff on standard input for `-`)
/// and reads the changed lines.
fn changed_lines(rev: &str, files: &[PathBuf]) -> Result<Changed, Fatal> {
    let cwd = std::env::current_dir().map_err(|e| Fatal(format!("current folder: {e}")))?;
    let (diff, root) = if rev == "-" {
        if files.iter().any(|f| f == Path::new("-")) {
            return Err(Fatal(
                "--diff-base - reads the diff from standard input, which cannot also be checked"
                    .to_owned(),
            ));
        }
        let mut diff = String::new();
        io::Read::read_to_string(&mut io::stdin(), &mut diff)
            .map_err(|e| Fatal(format!("--diff-base -: reading standard input: {e}")))?;
        (diff, cwd)
    } else {
        let git = |args: &[&str]| {
            let output = std::process::Command::new("git")
                .args(args)
                .output()
                .map_err(|e| Fatal(format!("--diff-base {rev}: cannot run git: {e}")))?;
            if !output.status.success() {
                let err = String::from_utf8_lossy(&output.stderr);
                let first = err.lines().next().unwrap_or("git failed").trim().to_owned();
                return Err(Fatal(format!("--diff-base {rev}: {first}")));
            }
            String::from_utf8(output.stdout).map_err(|_| {
                Fatal(format!(
                    "--diff-base {rev}: git printed a diff that is not UTF-8"
                ))
            })
        };
        let root = git(&["rev-parse", "--show-toplevel"])?;
        let diff = git(&[
            "-c",
            "core.quotePath=false",
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            rev,
            "--",
        ])?;
        (diff, PathBuf::from(root.trim_end_matches(['\n', '\r'])))
    };
    let lines = ChangedLines::parse(&diff).map_err(|e| Fatal(format!("--diff-base {rev}: {e}")))?;
    let root = root
        .canonicalize()
        .map_err(|e| Fatal(format!("{}: {e}", root.display())))?;
    Ok(Changed { lines, root })
}

/// Every rule in force with a one-line description for SARIF: a glossary
/// entry's term and suggestion, a detector's severity and category.
fn rule_descriptions(checker: &Checker) -> Vec<RuleDescription> {
    let terms: std::collections::HashMap<&str, String> = checker
        .glossary
        .entries()
        .iter()
        .map(|e| {
            let summary = match e.suggestions.as_slice() {
                [] => format!("\"{}\"", e.term),
                s => format!("\"{}\" → \"{}\"", e.term, s.join("\" or \"")),
            };
            (e.rule.id.as_str(), summary)
        })
        .collect();
    checker
        .rules()
        .into_iter()
        .map(|rule| RuleDescription {
            summary: terms.get(rule.id.as_str()).cloned().unwrap_or_default(),
            rule,
        })
        .collect()
}

/// Writes every format into `dir`, each built whole in memory and then
/// moved into place, so a report is either the new one or the old one,
/// never a half-written file.
fn write_report_dir(
    dir: &Path,
    docs: &[(Document, Checked)],
    options: &ReportOptions,
) -> Result<(), Stop> {
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut summary = SummaryCsv::new(Vec::new())?;
    for (doc, checked) in docs {
        summary.document(doc, checked)?;
    }
    summary.finish()?;
    files.push(("summary.csv", summary.into_inner()?));
    for format in Format::ALL {
        let Some(name) = format.file_name() else {
            continue;
        };
        let mut bytes = Vec::new();
        {
            let mut report = reporter(format, &mut bytes, options)?;
            for (doc, checked) in docs {
                report.document(doc, checked)?;
            }
            report.finish()?;
        }
        files.push((name, bytes));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Fatal(format!("--report-dir {}: {e}", dir.display())))?;
    for (name, bytes) in files {
        write_atomically(&dir.join(name), &bytes)?;
    }
    Ok(())
}
