//! The command line: clap [`Args`] (raw flags) become validated settings (a
//! compiled glossary, the input list), then each subcommand runs. This is the
//! only module that knows every stage.
//!
//! Exit codes: `0` every document passes, `1` at least one fails, `2` a
//! usage, configuration or input error. Finding problems must never look
//! like the tool failing, so errors take precedence only through code 2.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::check::{Checked, Checker, apply_suggestions};
use crate::glossary::{Glossary, GlossaryError, Pattern};
use crate::matcher::{DEFAULT_MIN_SIMILARITY, Detector, GlossaryMatcher, Hit, MatchOptions};
use crate::report::{
    Diff, FindingsCsv, Format, Human, Report, SummaryCsv, patch_path, unified_diff,
};
use crate::rule::Severity;
use crate::score::{Policy, Verdict, Weights};
use crate::text::{Document, InputError};

/// Every document passes.
pub const EXIT_PASS: u8 = 0;
/// At least one document fails.
pub const EXIT_FAIL: u8 = 1;
/// A usage, configuration or input error.
pub const EXIT_ERROR: u8 = 2;

/// Extensions checked when walking a folder; files named on the command
/// line are checked whatever their name.
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];

/// Audit machine-translated text against a glossary of known
/// mistranslations.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, max_term_width = 100)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files, folders (recursively, honouring .gitignore) or stdin (-).
    Check(CheckArgs),
    /// Print the suggestions as a unified diff, or apply them in place.
    Fix(FixArgs),
    /// Work with glossary files.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// List every rule in force: id, category, severity, match and term.
    Rules(RulesArgs),
}

#[derive(Debug, clap::Args)]
struct GlossaryArgs {
    /// A glossary CSV file, or a folder of them (repeatable).
    #[arg(short = 'g', long = "glossary", value_name = "FILE|DIR")]
    glossaries: Vec<PathBuf>,
    /// Do not use the glossaries compiled into mtlint.
    #[arg(long)]
    no_default_glossary: bool,
    /// Use only the entries for this language pair (e.g. nl-en) and those
    /// for any pair.
    #[arg(long, value_name = "PAIR")]
    lang: Option<String>,
    /// The least similarity (0-1) of a fuzzy match, for entries that set
    /// none.
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_SIMILARITY, value_parser = parse_unit)]
    min_similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Minor,
    Major,
    Critical,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files, folders, or - for standard input [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    glossary: GlossaryArgs,
    /// Output format on standard output.
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write findings.csv, summary.csv and suggestions.diff into DIR.
    #[arg(long, value_name = "DIR")]
    report_dir: Option<PathBuf>,
    /// Fail a document that has a finding of this severity or above.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    fail_on: FailOn,
    /// Fail a document whose penalty per 1000 words is above N.
    #[arg(long, value_name = "N", default_value_t = 10.0, value_parser = parse_non_negative)]
    max_penalty: f64,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Number of files checked at once [default: number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
struct FixArgs {
    /// Files or folders to fix, or - for standard input [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    glossary: GlossaryArgs,
    /// Apply the suggestions to the files in place instead of printing a
    /// diff.
    #[arg(long)]
    write: bool,
    /// Number of files checked at once [default: number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Debug, Subcommand)]
enum GlossaryCommand {
    /// Validate glossaries (columns, values, duplicate ids, regexes,
    /// suggestions that other entries flag) and prove that every example
    /// triggers its entry. Without FILE, checks the built-in glossaries.
    Check {
        /// Glossary CSV files or folders.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The least similarity of a fuzzy match, for entries that set none.
        #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_SIMILARITY, value_parser = parse_unit)]
        min_similarity: f64,
    },
}

#[derive(Debug, clap::Args)]
struct RulesArgs {
    #[command(flatten)]
    glossary: GlossaryArgs,
}

fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("`{s}` is not a number of 0 or more")),
    }
}

/// A problem that stops the run: printed as one line, exit code 2.
struct Fatal(String);

/// Why a run stopped early.
enum Stop {
    /// A usage, configuration or I/O error.
    Fatal(Fatal),
    /// The reader of standard output went away (`mtlint check | head`):
    /// not an error, so it exits quietly, as ripgrep does.
    BrokenPipe,
}

impl From<Fatal> for Stop {
    fn from(f: Fatal) -> Self {
        Stop::Fatal(f)
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::BrokenPipe
        } else {
            Stop::Fatal(Fatal(e.to_string()))
        }
    }
}

impl From<io::Error> for Fatal {
    fn from(e: io::Error) -> Self {
        Fatal(e.to_string())
    }
}

/// Runs the command and returns the exit code.
pub fn run(args: Args) -> u8 {
    let result = match args.command {
        Command::Check(a) => run_check(a),
        Command::Fix(a) => run_fix(a),
        Command::Glossary(GlossaryCommand::Check {
            files,
            min_similarity,
        }) => run_glossary_check(&files, min_similarity),
        Command::Rules(a) => run_rules(&a),
    };
    match result {
        Ok(code) => code,
        Err(Stop::BrokenPipe) => EXIT_PASS,
        Err(Stop::Fatal(Fatal(msg))) => {
            error_line(&msg);
            EXIT_ERROR
        }
    }
}

/// Prints one error line to standard error.
fn error_line(msg: &str) {
    // Nothing sensible is left to do when standard error is gone.
    let _ = writeln!(io::stderr(), "mtlint: error: {msg}");
}

/// Loads the glossaries the flags name, or the fatal error listing every
/// problem found in them.
fn load_glossary(args: &GlossaryArgs) -> Result<Glossary, Fatal> {
    if args.no_default_glossary && args.glossaries.is_empty() {
        return Err(Fatal(
            "--no-default-glossary leaves no glossary; name one with -g FILE".to_owned(),
        ));
    }
    if let Some(lang) = &args.lang
        && !lang_pair_ok(lang)
    {
        return Err(Fatal(format!(
            "--lang `{lang}` is not a language pair such as `nl-en`"
        )));
    }
    let base = if args.no_default_glossary {
        Ok(Glossary::default())
    } else {
        Glossary::defaults()
    };
    let glossary = base
        .and_then(|g| g.load_paths(&args.glossaries))
        .map_err(glossary_errors)?;
    let mut glossary = glossary;
    if let Some(lang) = &args.lang {
        glossary.retain_lang(&lang.to_ascii_lowercase());
    }
    Ok(glossary)
}

fn lang_pair_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// All glossary problems as one fatal error: one line each.
fn glossary_errors(errors: Vec<GlossaryError>) -> Fatal {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    Fatal(lines.join("\nmtlint: error: "))
}

/// The files to check, in path order, each once. Paths that do not exist
/// are a usage error: nothing is read or written.
fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Fatal> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = BTreeSet::new();
    let mut stdin = false;
    for path in paths {
        if path == Path::new("-") {
            stdin = true;
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| {
            Fatal(match e.kind() {
                io::ErrorKind::NotFound => format!("{}: no such file or directory", path.display()),
                _ => format!("{}: {e}", path.display()),
            })
        })?;
        if meta.is_dir() {
            let walker = ignore::WalkBuilder::new(path)
                .require_git(false)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                let entry = entry.map_err(|e| Fatal(e.to_string()))?;
                let is_text = entry.file_type().is_some_and(|t| t.is_file())
                    && entry
                        .path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| {
                            TEXT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())
                        });
                if is_text {
                    files.insert(entry.into_path());
                }
            }
        } else {
            files.insert(path.clone());
        }
    }
    let mut files: Vec<PathBuf> = files.into_iter().collect();
    if stdin {
        files.push(PathBuf::from("-"));
    }
    Ok(files)
}

fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Fatal> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        if jobs == 0 {
            return Err(Fatal("--jobs must be at least 1".to_owned()));
        }
        builder = builder.num_threads(jobs);
    }
    builder.build().map_err(|e| Fatal(e.to_string()))
}

/// One input, checked, or why it could not be.
type FileResult = Result<(Document, Checked), InputError>;

/// Reads and checks every file, in parallel, keeping path order.
fn check_files(
    checker: &Checker,
    files: &[PathBuf],
    jobs: Option<usize>,
) -> Result<Vec<FileResult>, Fatal> {
    let pool = thread_pool(jobs)?;
    Ok(pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let doc = Document::read(path)?;
                let checked = checker.check(&doc);
                Ok((doc, checked))
            })
            .collect()
    }))
}

fn build_checker(args: &GlossaryArgs, policy: Policy) -> Result<Checker, Fatal> {
    let glossary = load_glossary(args)?;
    let options = MatchOptions {
        min_similarity: args.min_similarity,
        bilingual: false,
    };
    Ok(Checker {
        glossary: GlossaryMatcher::new(&glossary, options),
        weights: Weights::default(),
        policy,
    })
}

fn run_check(args: CheckArgs) -> Result<u8, Stop> {
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
    let files = collect_inputs(&args.paths)?;
    if let Some(dir) = &args.report_dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Fatal(format!("--report-dir {}: not a folder", dir.display())).into());
    }
    let results = check_files(&checker, &files, args.jobs)?;

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

/// Writes `bytes` to a temporary file beside `path` and renames it over
/// `path`; the permissions of an existing file are kept. If anything fails,
/// `path` is left as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    let fail = |e: &dyn std::fmt::Display| Fatal(format!("{}: cannot write: {e}", path.display()));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    tmp.write_all(bytes).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| fail(&e))?;
    }
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

fn run_fix(args: FixArgs) -> Result<u8, Stop> {
    let checker = build_checker(&args.glossary, Policy::default())?;
    let files = collect_inputs(&args.paths)?;
    if args.write && files.iter().any(|f| f == Path::new("-")) {
        return Err(Fatal(
            "fix --write cannot write to standard input; drop --write to print the diff".to_owned(),
        )
        .into());
    }
    let results = check_files(&checker, &files, args.jobs)?;
    let mut code = EXIT_PASS;
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr();
    for result in results {
        let (doc, checked) = match result {
            Ok(ok) => ok,
            Err(e) => {
                error_line(&e.to_string());
                code = EXIT_ERROR;
                continue;
            }
        };
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

fn run_glossary_check(files: &[PathBuf], min_similarity: f64) -> Result<u8, Stop> {
    let glossary = if files.is_empty() {
        Glossary::defaults()
    } else {
        Glossary::default().load_paths(files)
    };
    let glossary = match glossary {
        Ok(g) => g,
        Err(errors) => {
            for e in &errors {
                error_line(&e.to_string());
            }
            return Ok(EXIT_ERROR);
        }
    };
    let options = MatchOptions {
        min_similarity,
        bilingual: true,
    };
    let mut problems = Vec::new();
    let whole = GlossaryMatcher::from_entries(glossary.entries.clone(), options);
    let mut examples = 0;
    for entry in &glossary.entries {
        let at = &entry.origin;
        if let Some(example) = &entry.example {
            examples += 1;
            let alone = GlossaryMatcher::from_entries(vec![entry.clone()], options);
            let mut hits = Vec::new();
            alone.detect(&Document::new("example", example.as_str()), &mut hits);
            if hits.is_empty() {
                problems.push(format!(
                    "{at}: column `example`: the example does not trigger entry `{}` (term `{}`)",
                    entry.id, entry.term
                ));
            }
        }
        for suggestion in &entry.suggestions {
            // A suggestion that another entry flags would leave a finding
            // after `fix`, and `fix` would never settle.
            let text = suggestion.replace('*', "things");
            let mut hits: Vec<Hit> = Vec::new();
            whole.detect(&Document::new("suggestion", text.as_str()), &mut hits);
            if let Some(hit) = hits.first() {
                let other = whole
                    .entries()
                    .iter()
                    .find(|e| e.rule.id == hit.rule.id)
                    .expect("hits come from entries");
                problems.push(format!(
                    "{at}: column `suggestion`: `{suggestion}` is itself flagged by entry `{}` ({}); fixing would leave a finding",
                    other.id, other.origin
                ));
            }
        }
    }
    if problems.is_empty() {
        let mut files_seen: Vec<&str> = glossary
            .entries
            .iter()
            .map(|e| e.origin.file.as_str())
            .collect();
        files_seen.dedup();
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "ok: {} entries in {} file{}, {examples} example{} trigger their entries",
            glossary.entries.len(),
            files_seen.len(),
            if files_seen.len() == 1 { "" } else { "s" },
            if examples == 1 { "" } else { "s" },
        )?;
        Ok(EXIT_PASS)
    } else {
        for p in &problems {
            error_line(p);
        }
        Ok(EXIT_ERROR)
    }
}

fn run_rules(args: &RulesArgs) -> Result<u8, Stop> {
    let glossary = load_glossary(&args.glossary)?;
    let mut rows: Vec<[String; 6]> = vec![[
        "RULE".into(),
        "CATEGORY".into(),
        "SEVERITY".into(),
        "MATCH".into(),
        "TERM → SUGGESTION".into(),
        "DEFINED AT".into(),
    ]];
    for e in &glossary.entries {
        let mut term = match &e.pattern {
            Pattern::Regex(_) => format!("/{}/", e.term),
            Pattern::Words(_) => e.term.clone(),
        };
        if !e.suggestions.is_empty() {
            let _ = write!(term, " → {}", e.suggestions.join(" | "));
        }
        if let Some(source) = &e.source_term {
            let _ = write!(term, " (source: {source})");
        }
        rows.push([
            e.rule.id.clone(),
            e.rule.category.to_string(),
            e.rule.severity.to_string(),
            e.mode.as_str().to_owned(),
            term,
            e.origin.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(EXIT_PASS)
}
