//! The command line: clap [`Args`] (raw flags) become validated settings (a
//! compiled glossary, the input list), then each subcommand runs. This is the
//! only module that knows every stage; each subcommand has its own file.
//!
//! Exit codes: `0` every document passes, `1` at least one fails, `2` a
//! usage, configuration or input error. Finding problems must never look
//! like the tool failing, so errors take precedence only through code 2.

mod check;
mod fix;
mod glossary;
mod init;
mod rules;
mod stream;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::check::{Checked, Checker, apply_suggestions};
use crate::config::Config;
use crate::glossary::{Glossary, GlossaryError, Pattern};
use crate::input::{Columns, InputFormat};
use crate::matcher::heuristics::{self, RuleSelection};
use crate::matcher::{DEFAULT_MIN_SIMILARITY, Detector, GlossaryMatcher, Hit, MatchOptions};
use crate::report::{Format, Report, SummaryCsv, patch_path, unified_diff};
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
/// line are checked whatever their name. CSV/TSV tables and JSONL streams
/// are read only when named: a folder's spreadsheets are more often data
/// (glossaries among them) than translations.
const TEXT_EXTENSIONS: [&str; 12] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "xlf", "xliff", "sdlxliff", "tmx",
    "po",
];

/// Audit machine-translated text against a glossary of known
/// mistranslations.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, max_term_width = 100)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// Read settings from FILE instead of the mtlint.toml found in the
    /// current folder or above.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore every mtlint.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    no_config: bool,
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
    /// Write a commented starter mtlint.toml into the current folder.
    Init {
        /// Replace an existing mtlint.toml.
        #[arg(long)]
        force: bool,
    },
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
    /// for any pair; also the pair of inputs that do not declare theirs.
    #[arg(long, value_name = "PAIR")]
    lang: Option<String>,
    /// The least similarity (0-1) of a fuzzy match, for entries that set
    /// none [default: 0.85].
    #[arg(long, value_name = "X", value_parser = parse_unit)]
    min_similarity: Option<f64>,
    /// Approved terminology (CSV: source,target[,note]; `|` between allowed
    /// targets): on bilingual input, flag targets whose source has a term
    /// and that do not use its translation.
    #[arg(long, value_name = "FILE")]
    terms: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
}

/// Switching rules on and off by id.
#[derive(Debug, Clone, Default, clap::Args)]
struct RuleArgs {
    /// Run this rule even if it is off by default, e.g.
    /// heuristic:garbled-word (repeatable; `mtlint rules` lists the ids).
    #[arg(long = "enable", value_name = "RULE")]
    enable: Vec<String>,
    /// Do not run this rule, e.g. heuristic:truncated-text or
    /// glossary:nl-give-out (repeatable; wins over --enable).
    #[arg(long = "disable", value_name = "RULE")]
    disable: Vec<String>,
}

impl RuleArgs {
    fn selection(&self) -> RuleSelection {
        RuleSelection {
            enable: self.enable.clone(),
            disable: self.disable.clone(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Read every input as this format [default: by extension].
    #[arg(long = "input", id = "input_format", value_enum, value_name = "FORMAT")]
    format: Option<InputFormat>,
    /// CSV/TSV: the source column, a header name or a 1-based number
    /// [default: the column headed `source`, if any].
    #[arg(long, value_name = "NAME|N")]
    source_column: Option<String>,
    /// CSV/TSV: the target column, a header name or a 1-based number.
    #[arg(long, value_name = "NAME|N", default_value = "target")]
    target_column: String,
}

impl InputArgs {
    fn columns(&self) -> Columns {
        Columns {
            source: self.source_column.clone(),
            target: self.target_column.clone(),
        }
    }
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
    #[command(flatten)]
    input: InputArgs,
    /// Output format on standard output.
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write every format into DIR: findings.csv, summary.csv,
    /// suggestions.diff, findings.json, findings.jsonl, findings.sarif,
    /// annotations.txt.
    #[arg(long, value_name = "DIR")]
    report_dir: Option<PathBuf>,
    /// Fail a document that has a finding of this severity or above
    /// [default: critical].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Fail a document whose penalty per 1000 words is above N [default:
    /// 10].
    #[arg(long, value_name = "N", value_parser = parse_non_negative)]
    max_penalty: Option<f64>,
    /// Report suppression comments that suppress nothing, as findings of
    /// mtlint:unused-suppression.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Report only findings that FILE (written by --write-baseline) does
    /// not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's findings in FILE, to use with --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings on lines changed since the git revision REV
    /// (`git diff REV`), or in the unified diff read from standard input
    /// when REV is -.
    #[arg(long, value_name = "REV")]
    diff_base: Option<String>,
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
    #[command(flatten)]
    input: InputArgs,
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
    /// Learn or convert a glossary from what reviewers already have: MQM
    /// annotation exports, TBX termbases, Vale substitution rules, prh
    /// dictionaries, CSV term lists.
    Import(Box<glossary::ImportArgs>),
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
    let config = match &args.command {
        // A glossary stands alone, and `init` writes the file: neither
        // reads one, so naming one is a mistake worth saying.
        Command::Init { .. } | Command::Glossary(_) if args.config.is_some() => Err(Fatal(
            "--config applies to check, fix and rules only".to_owned(),
        )),
        Command::Init { .. } | Command::Glossary(_) => Ok(Config::default()),
        _ => load_config(args.config.as_deref(), args.no_config),
    };
    let result = match config {
        Err(fatal) => Err(Stop::Fatal(fatal)),
        Ok(config) => match args.command {
            Command::Check(mut a) => {
                apply_config(&mut a.glossary, &config);
                check::run(a, &config)
            }
            Command::Fix(mut a) => {
                apply_config(&mut a.glossary, &config);
                fix::run(a, &config)
            }
            Command::Glossary(GlossaryCommand::Check {
                files,
                min_similarity,
            }) => glossary::run_check(&files, min_similarity),
            Command::Glossary(GlossaryCommand::Import(a)) => glossary::run_import(&a),
            Command::Rules(mut a) => {
                apply_config(&mut a.glossary, &config);
                rules::run(&a)
            }
            Command::Init { force } => init::run(force),
        },
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

/// The configuration: the file `--config` names, else the first
/// mtlint.toml from the current folder upwards, else the defaults.
fn load_config(path: Option<&Path>, no_config: bool) -> Result<Config, Fatal> {
    if no_config {
        return Ok(Config::default());
    }
    let cwd = std::env::current_dir().map_err(|e| Fatal(format!("current folder: {e}")))?;
    let path = match path {
        Some(p) => cwd.join(p),
        None => match Config::discover(&cwd) {
            Some(found) => found,
            None => return Ok(Config::default()),
        },
    };
    // Errors and glossary paths read best relative to where mtlint runs.
    let path = path
        .strip_prefix(&cwd)
        .map_or(path.clone(), Path::to_path_buf);
    let config = Config::load(&path).map_err(|e| Fatal(e.to_string()))?;
    Ok(config)
}

/// Fills what the glossary flags leave unset from the configuration:
/// flags win.
fn apply_config(args: &mut GlossaryArgs, config: &Config) {
    if args.glossaries.is_empty() {
        args.glossaries = config.glossaries.clone();
    }
    if config.default_glossary == Some(false) {
        args.no_default_glossary = true;
    }
    if args.lang.is_none() {
        args.lang = config.lang.as_ref().map(|l| l.get_ref().clone());
    }
    if args.min_similarity.is_none() {
        args.min_similarity = config.min_similarity.as_ref().map(|m| *m.get_ref());
    }
    // The file's rule switches come first; the flags add to them, and a
    // disable (from either) wins over an enable.
    let mut enable = config.enable.clone();
    enable.append(&mut args.rules.enable);
    args.rules.enable = enable;
    let mut disable = config.disable.clone();
    disable.append(&mut args.rules.disable);
    args.rules.disable = disable;
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
        && !crate::glossary::is_lang_pair(&lang.to_ascii_lowercase())
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
    check_rule_ids(&glossary, &args.rules.selection())?;
    if let Some(lang) = &args.lang {
        glossary.retain_lang(&lang.to_ascii_lowercase());
    }
    Ok(glossary)
}

/// Every rule id that `--enable`/`--disable` name must exist: a typo must
/// not silently leave a rule running.
fn check_rule_ids(glossary: &Glossary, selection: &RuleSelection) -> Result<(), Fatal> {
    let mut known: Vec<&str> = glossary
        .entries
        .iter()
        .map(|e| e.rule.id.as_str())
        .collect();
    let heuristics = heuristics::all();
    known.extend(heuristics.iter().map(|h| h.info().id));
    known.extend(crate::matcher::bilingual::RULE_IDS);
    let unknown = selection.unknown(&known);
    let Some(id) = unknown.first() else {
        return Ok(());
    };
    let hint = if known.contains(&format!("heuristic:{id}").as_str()) {
        format!("; did you mean `heuristic:{id}`?")
    } else if known.contains(&format!("glossary:{id}").as_str()) {
        format!("; did you mean `glossary:{id}`?")
    } else {
        "; `mtlint rules` lists every rule".to_owned()
    };
    Err(Fatal(format!("no rule `{id}` to enable or disable{hint}")))
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
    input: &InputArgs,
    lang: Option<&str>,
    jobs: Option<usize>,
) -> Result<Vec<FileResult>, Fatal> {
    let mut results = Vec::with_capacity(files.len());
    check_files_in_order(checker, files, input, lang, jobs, |result| {
        results.push(result);
        Ok(())
    })
    .map_err(|stop| match stop {
        Stop::Fatal(f) => f,
        Stop::BrokenPipe => Fatal("broken pipe".to_owned()),
    })?;
    Ok(results)
}

/// Files at least this many show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 10;

/// Reads and checks every file, in parallel, and hands each result to
/// `each` in path order as soon as it and every file before it are done,
/// so that reports stream while a long run goes on. On a terminal, a
/// progress bar on standard error counts the files (never on standard
/// output, never when standard error is not a terminal). When `each`
/// fails, the workers stop picking up files and the error is returned.
fn check_files_in_order(
    checker: &Checker,
    files: &[PathBuf],
    input: &InputArgs,
    lang: Option<&str>,
    jobs: Option<usize>,
    mut each: impl FnMut(FileResult) -> Result<(), Stop>,
) -> Result<(), Stop> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let pool = thread_pool(jobs)?;
    let columns = input.columns();
    let progress = if files.len() >= PROGRESS_MIN_FILES && io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                .expect("the progress template is valid"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let stop = AtomicBool::new(false);
    // Every thread of the pool takes the next file in path order until
    // none is left, so that results come in nearly in order and are
    // reported, and dropped, as they come: with the halves of the list
    // split between threads (as a parallel iterator does), the second
    // half's documents would wait in memory, and be reported alone at the
    // end, while the first half is checked. A thread with no file left is
    // free to help with the chunks of a large one.
    let next_file = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, FileResult)>();
        let (stop, next_file, pool) = (&stop, &next_file, &pool);
        // The sender goes to this thread, and is dropped, so the receiving
        // loop below ends, once every worker is out of files.
        scope.spawn(move || {
            pool.broadcast(|_| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next_file.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else {
                        return;
                    };
                    let result = crate::input::read(path, input.format, &columns).map(|mut doc| {
                        default_lang(&mut doc, lang);
                        let checked = checker.check(&doc);
                        (doc, checked)
                    });
                    // The receiver is gone only when reporting failed.
                    let _ = tx.send((i, result));
                }
            });
        });
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, result) in rx {
            progress.inc(1);
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                if let Err(e) = progress.suspend(|| each(result)) {
                    stop.store(true, Ordering::Relaxed);
                    progress.finish_and_clear();
                    return Err(e);
                }
            }
        }
        progress.finish_and_clear();
        Ok(())
    })
}

/// Gives `doc` the pair `--lang` names when the file declares none.
fn default_lang(doc: &mut Document, lang: Option<&str>) {
    if let Some((source, target)) = lang.and_then(|l| l.split_once('-'))
        && doc.lang.pair().is_none()
    {
        doc.lang.source.get_or_insert_with(|| source.to_owned());
        doc.lang.target.get_or_insert_with(|| target.to_owned());
    }
}

fn build_checker(args: &GlossaryArgs, policy: Policy) -> Result<Checker, Fatal> {
    let mut glossary = load_glossary(args)?;
    let selection = args.rules.selection();
    glossary
        .entries
        .retain(|e| selection.is_on(&e.rule.id, true));
    let options = MatchOptions {
        min_similarity: args.min_similarity.unwrap_or(DEFAULT_MIN_SIMILARITY),
        ignore_source_terms: false,
    };
    let terms = match &args.terms {
        Some(path) => crate::matcher::bilingual::load_terms(path)
            .map_err(|errors| Fatal(errors.join("\nmtlint: error: ")))?,
        None => Vec::new(),
    };
    let bilingual = crate::matcher::bilingual::Bilingual::new(
        terms,
        args.min_similarity.unwrap_or(DEFAULT_MIN_SIMILARITY),
    );
    let mut detectors = heuristics::selected(&selection);
    detectors.push(Box::new(heuristics::Selected::new(
        Box::new(bilingual),
        selection,
    )));
    Ok(Checker {
        glossary: GlossaryMatcher::from_entries(glossary.entries, options),
        detectors,
        weights: Weights::default(),
        policy,
    })
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
    } else {
        // A temporary file is private (0600); a new report, baseline or
        // mtlint.toml is an ordinary file that others may read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(|e| fail(&e))?;
        }
    }
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}
