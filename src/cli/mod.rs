//! The command line: it parses and wires, nothing more. clap's raw flags
//! (`args.rs`) meet `mtlint.toml` in `settings.rs`, which compiles the
//! glossary and builds the [`Pipeline`]; each
//! subcommand then drives the pipeline (`check`, `fix`) or a glossary tool
//! (`glossary`, `rules`, `init`), one file each.
//!
//! Exit codes: `0` every document passes, `1` at least one fails, `2` a
//! usage, configuration or input error. Finding problems must never look
//! like the tool failing, so errors take precedence only through code 2.

mod about;
mod args;
mod check;
mod fix;
mod glossary;
mod init;
mod rules;
mod settings;
mod write;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub use args::Args;

use write::write_atomically;

use crate::config::Config;
use crate::filter::{BaselineError, ChangedError};
use crate::glossary::GlossaryError;
use crate::input::{InputFormat, walk};
use crate::matcher::bilingual::consistency::Groups;
use crate::pipeline::{Detected, Job, Pipeline, ReadOptions, executor};
use crate::text::{Document, InputError};
use args::{Command, GlossaryCommand, SharedArgs};

/// Every document passes.
pub const EXIT_PASS: u8 = 0;
/// At least one document fails.
pub const EXIT_FAIL: u8 = 1;
/// A usage, configuration or input error.
pub const EXIT_ERROR: u8 = 2;

/// Why a run stopped early. Every variant but [`Error::BrokenPipe`] is
/// printed as `mtlint: error: ` and its message, and exits with code 2.
#[derive(Debug, thiserror::Error)]
enum Error {
    /// A usage, configuration or I/O problem, said in one line.
    #[error("{0}")]
    Fatal(String),
    /// Every problem found in the glossaries, one line each.
    #[error("{}", glossary_lines(.0))]
    Glossary(Vec<GlossaryError>),
    /// A baseline file that cannot be used.
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    /// `--diff-base` cannot say which lines changed.
    #[error(transparent)]
    Changed(#[from] ChangedError),
    /// The files to check cannot be listed.
    #[error(transparent)]
    Walk(#[from] walk::WalkError),
    /// The reader of standard output went away (`mtlint check | head`):
    /// not an error, so it exits quietly, as ripgrep does.
    #[error("broken pipe")]
    BrokenPipe,
}

use Error::Fatal;

fn glossary_lines(errors: &[GlossaryError]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\nmtlint: error: ")
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Fatal(e.to_string())
        }
    }
}

/// Parses the command line. `--help` and `--version` print and return 0;
/// a usage error prints one `mtlint: error:` line (with clap's tip, if it
/// has one) and returns 2, like every other error.
///
/// # Errors
///
/// The exit code, when the run ends here.
pub fn parse_args<I, T>(args: I) -> Result<Args, u8>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::Parser as _;
    use clap::error::ErrorKind;
    let err = match Args::try_parse_from(args) {
        Ok(args) => return Ok(args),
        Err(err) => err,
    };
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Nothing to add when the output is gone.
            let _ = err.print();
            Err(if err.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_PASS
            })
        }
        _ => {
            error_line(&usage_line(&err.render().to_string()));
            Err(EXIT_ERROR)
        }
    }
}

/// clap's usage error (several lines: the error, a tip, the usage) as one
/// line: the error, its tip, and where to look.
fn usage_line(rendered: &str) -> String {
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines
        .next()
        .unwrap_or("invalid command line")
        .trim_start_matches("error: ");
    let mut line = first.to_owned();
    for more in lines {
        if let Some(tip) = more.strip_prefix("tip: ") {
            line.push_str("; ");
            line.push_str(tip);
        } else if more.starts_with("[possible values:") {
            line.push(' ');
            line.push_str(more);
        }
    }
    line.push_str("; see mtlint --help");
    line
}

/// Runs the command and returns the exit code.
pub fn run(args: Args) -> u8 {
    let command = match args.command {
        Some(command) => command,
        None if args.version => Command::Version,
        None => {
            // Without a subcommand there is nothing to run: say what there
            // is, on standard error, as for any usage error.
            let help = <Args as clap::CommandFactory>::command().render_help();
            let _ = write!(io::stderr(), "{help}");
            return EXIT_ERROR;
        }
    };
    let config = match &command {
        // These stand alone: none reads a configuration, so naming one is
        // a mistake worth saying.
        Command::Init { .. }
        | Command::Glossary(_)
        | Command::Version
        | Command::Completions { .. }
        | Command::Man
            if args.config.is_some() =>
        {
            Err(Fatal(
                "--config applies to check, fix and rules only".to_owned(),
            ))
        }
        Command::Init { .. }
        | Command::Glossary(_)
        | Command::Version
        | Command::Completions { .. }
        | Command::Man => Ok(Config::default()),
        _ => settings::load_config(args.config.as_deref(), args.no_config),
    };
    let result = config.and_then(|config| match command {
        Command::Check(mut a) => {
            settings::apply_config(&mut a.shared.glossary, &config);
            check::run(a, &config)
        }
        Command::Fix(mut a) => {
            settings::apply_config(&mut a.shared.glossary, &config);
            fix::run(a, &config)
        }
        Command::Glossary(GlossaryCommand::Check {
            files,
            min_similarity,
        }) => glossary::run_check(&files, min_similarity),
        Command::Glossary(GlossaryCommand::Import(a)) => glossary::run_import(&a),
        Command::Rules(mut a) => {
            settings::apply_config(&mut a.glossary, &config);
            rules::run(&a)
        }
        Command::Init { force } => init::run(force),
        Command::Version => about::version(),
        Command::Completions { shell } => about::completions(shell),
        Command::Man => about::man(),
    });
    match result {
        Ok(code) => code,
        Err(Error::BrokenPipe) => EXIT_PASS,
        Err(e) => {
            error_line(&e.to_string());
            EXIT_ERROR
        }
    }
}

/// Prints an error to standard error: one `mtlint: error: ` line for
/// each error in `msg` (several come joined by the line break and prefix
/// that `glossary_lines` puts between them).
///
/// Messages name files and quote their text, which may come from a
/// stranger, so each is shown through [`visible`](crate::report::escape::visible):
/// a line end or an escape sequence in a file name must neither start a
/// line that a CI log reads as a command nor act on the terminal. A name
/// that holds the separator itself can only make one error read as two,
/// each line still starting with `mtlint: error: `.
fn error_line(msg: &str) {
    let mut err = io::stderr().lock();
    for one in msg.split("\nmtlint: error: ") {
        // Nothing sensible is left to do when standard error is gone.
        let _ = writeln!(
            err,
            "mtlint: error: {}",
            crate::report::escape::visible(one)
        );
    }
}

/// Whether the inputs are JSON Lines streams: with `--input jsonl`, or when
/// every named file is one.
fn is_stream(shared: &SharedArgs) -> bool {
    shared.input.format == Some(InputFormat::Jsonl)
        || (shared.input.format.is_none()
            && !shared.paths.is_empty()
            && shared
                .paths
                .iter()
                .all(|p| InputFormat::from_path(p) == InputFormat::Jsonl))
}

/// The jobs of a run: one per file, or one per line of each stream.
fn jobs(
    shared: &SharedArgs,
    files: Vec<PathBuf>,
    read: &ReadOptions,
) -> Box<dyn Iterator<Item = Job> + Send> {
    if is_stream(shared) {
        Box::new(crate::pipeline::stream_jobs(files))
    } else {
        Box::new(crate::pipeline::file_jobs(files, read))
    }
}

/// The files a run reads: streams as named (`-` when none is), otherwise
/// the walk of the named paths with the configuration's patterns applied;
/// and how many folder entries could not be read (each printed as an
/// error line: the run goes on and ends with code 2).
fn input_files(shared: &SharedArgs, config: &Config) -> Result<(Vec<PathBuf>, usize), Error> {
    if is_stream(shared) {
        let files = if shared.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            shared.paths.clone()
        };
        return Ok((files, 0));
    }
    let mut errors = Vec::new();
    let mut files = walk::collect_inputs(&shared.paths, &mut errors)?;
    walk::filter_walked_files(&mut files, &shared.paths, config)?;
    for e in &errors {
        error_line(&e.to_string());
    }
    Ok((files, errors.len()))
}

/// One input through the pipeline, or why it could not be read.
type Outcome = Result<(Document, Detected), InputError>;

/// Files at least this many show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 10;

/// Reads and runs every job on the pipeline, in parallel, and hands each
/// result to `each` in input order as soon as it and every one before it
/// are done, so that reports stream while a long run goes on; `each` gets
/// `None` when the run waits for the next result (the moment to flush
/// output). On a terminal, a progress bar on standard error counts the
/// files (never on standard output, never when standard error is not a
/// terminal).
/// How the jobs of a run read their text.
fn read_options(shared: &SharedArgs, in_parts: bool) -> ReadOptions {
    let part_bytes = shared
        .input
        .part_size
        .map_or(crate::pipeline::PART_BYTES, |size| {
            usize::try_from(size).unwrap_or(usize::MAX)
        });
    ReadOptions {
        format: shared.input.format,
        columns: shared.input.columns(),
        lang: shared.glossary.lang.clone(),
        max_file_bytes: shared.input.max_file_size,
        part_bytes: in_parts.then_some(part_bytes),
        stdin: None,
        sources: shared.input.sources(),
    }
}

/// The groups of `heuristic:inconsistent-translation`, when it is on:
/// the run's bilingual files are read once before the run (standard input
/// is kept, for the run to read it again), and the rule's detector joins
/// the pipeline. Returns standard input as read, if it was.
fn run_wide_groups(
    pipeline: &mut Pipeline,
    shared: &SharedArgs,
    files: &[PathBuf],
) -> Result<RunWide, Error> {
    use crate::matcher::bilingual::{consistency, on_by_default};
    let selection = shared.glossary.rules.selection();
    let on = |id: &str| selection.is_on(id, on_by_default(id));
    let (translation, source) = (
        on(consistency::INCONSISTENT),
        on(consistency::INCONSISTENT_SOURCE),
    );
    if is_stream(shared) || !(translation || source) {
        return Ok(RunWide::default());
    }
    let mut read = read_options(shared, false);
    let dash = std::path::Path::new("-");
    if files.iter().any(|f| f == dash) && consistency::may_have_units(dash, read.format) {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(read.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("-: cannot read standard input: {e}")))?;
        read.stdin = Some(Arc::new(bytes));
    }
    let pool = settings::thread_pool(shared.jobs)?;
    let mut groups = crate::pipeline::prepass::consistency_groups(files, &read, &pool, source);
    if !translation {
        // The pre-pass always groups by source; with only
        // `inconsistent-source` on, those groups are no rule's to report.
        groups.by_source.clear();
    }
    let groups = Arc::new(groups);
    pipeline
        .checker
        .detectors
        .push(Box::new(consistency::Consistency::new(
            Arc::clone(&groups),
            translation,
            source,
        )));
    Ok(RunWide {
        stdin: read.stdin,
        groups: Some(groups),
    })
}

/// What the pre-pass of the run-wide rules leaves for the run.
#[derive(Default)]
struct RunWide {
    /// Standard input, if the pre-pass read it.
    stdin: Option<Arc<Vec<u8>>>,
    /// The groups, if the rules are on.
    groups: Option<Arc<Groups>>,
}

/// Checks `files` on the run's threads and calls `each` with each outcome
/// in order (`None` when the run waits for the next). With `shed`, a
/// document's segments and units are dropped before it is handed on
/// ([`Document::shed_checked_parts`](crate::text::Document::shed_checked_parts)):
/// only when nothing that `each` reports reads them.
fn run_jobs(
    pipeline: &Pipeline,
    shared: &SharedArgs,
    files: Vec<PathBuf>,
    in_parts: bool,
    stdin: Option<Arc<Vec<u8>>>,
    shed: bool,
    each: impl FnMut(Option<Outcome>) -> Result<(), Error>,
) -> Result<(), Error> {
    let report = std::cell::RefCell::new(each);
    let pool = settings::thread_pool(shared.jobs)?;
    let read = ReadOptions {
        stdin,
        ..read_options(shared, in_parts)
    };
    let progress =
        if !is_stream(shared) && files.len() >= PROGRESS_MIN_FILES && io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(files.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                    .expect("the progress template is valid"),
            );
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
    // A stream's records are small: taken 64 at a time, their hand-over
    // costs little beside checking them. Files are taken four at a time:
    // a catalog of a few kilobytes takes about as long to check as a
    // wake-up of the thread that reports it, which one file at a time
    // paid per file; the window in flight is two batches a thread, twice
    // the files it was. Not with standard input among the files: it may
    // stay open, and the files taken with it would wait for it.
    let stdin_named = files.iter().any(|f| f.as_os_str() == "-");
    let batch = if is_stream(shared) {
        64
    } else if stdin_named {
        1
    } else {
        4
    };
    let work = |job: Job| {
        let carry = job.carry();
        read.read(job).map(|mut doc| {
            let detected = pipeline.run_with(&doc, &carry);
            // Freed here, on the thread that made them, not on the
            // thread that reports.
            if shed {
                doc.shed_checked_parts();
            }
            (doc, detected)
        })
    };
    let each = |outcome| {
        progress.inc(1);
        progress.suspend(|| (report.borrow_mut())(Some(outcome)))
    };
    let idle = || (report.borrow_mut())(None);
    // A run of one thread checks on this thread: no hand-over at all. Not
    // when standard input or a stream is read, whose next record may be
    // long in coming while what was reported before it waits to be flushed.
    let result = if pool.current_num_threads() == 1 && !is_stream(shared) && !stdin_named {
        executor::run_here(jobs(shared, files, &read), work, each, idle)
    } else {
        executor::run_ordered(&pool, jobs(shared, files, &read), batch, work, each, idle)
    };
    progress.finish_and_clear();
    result
}

/// An input error: printed, and the run goes on.
fn input_error(e: &InputError) {
    error_line(&e.to_string());
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Args::command().debug_assert();
    }
}
