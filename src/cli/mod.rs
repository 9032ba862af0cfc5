//! The command line: it parses and wires, nothing more. clap's raw flags
//! ([`args`]) meet `mtlint.toml` in [`settings`], which compiles the
//! glossary and builds the [`Pipeline`](crate::pipeline::Pipeline); each
//! subcommand then drives the pipeline (`check`, `fix`) or a glossary tool
//! (`glossary`, `rules`, `init`), one file each.
//!
//! Exit codes: `0` every document passes, `1` at least one fails, `2` a
//! usage, configuration or input error. Finding problems must never look
//! like the tool failing, so errors take precedence only through code 2.

mod args;
mod check;
mod fix;
mod glossary;
mod init;
mod rules;
mod settings;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub use args::Args;

use crate::config::Config;
use crate::filter::{BaselineError, ChangedError};
use crate::glossary::GlossaryError;
use crate::input::{InputFormat, walk};
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

/// Runs the command and returns the exit code.
pub fn run(args: Args) -> u8 {
    let config = match &args.command {
        // A glossary stands alone, and `init` writes the file: neither
        // reads one, so naming one is a mistake worth saying.
        Command::Init { .. } | Command::Glossary(_) if args.config.is_some() => Err(Fatal(
            "--config applies to check, fix and rules only".to_owned(),
        )),
        Command::Init { .. } | Command::Glossary(_) => Ok(Config::default()),
        _ => settings::load_config(args.config.as_deref(), args.no_config),
    };
    let result = config.and_then(|config| match args.command {
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
fn jobs(shared: &SharedArgs, files: Vec<PathBuf>) -> Box<dyn Iterator<Item = Job> + Send> {
    if is_stream(shared) {
        Box::new(crate::pipeline::stream_jobs(files))
    } else {
        Box::new(files.into_iter().map(Job::File))
    }
}

/// The files a run reads: streams as named (`-` when none is), otherwise
/// the walk of the named paths with the configuration's patterns applied.
fn input_files(shared: &SharedArgs, config: &Config) -> Result<Vec<PathBuf>, Error> {
    if is_stream(shared) {
        return Ok(if shared.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            shared.paths.clone()
        });
    }
    let mut files = walk::collect_inputs(&shared.paths)?;
    walk::filter_walked_files(&mut files, &shared.paths, config)?;
    Ok(files)
}

/// One input through the pipeline, or why it could not be read.
type Outcome = Result<(Document, Detected), InputError>;

/// Files at least this many show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 10;

/// Reads and runs every job on the pipeline, in parallel, and hands each
/// result to `each` in input order as soon as it and every one before it
/// are done, so that reports stream while a long run goes on. On a
/// terminal, a progress bar on standard error counts the files (never on
/// standard output, never when standard error is not a terminal).
fn run_jobs(
    pipeline: &Pipeline,
    shared: &SharedArgs,
    files: Vec<PathBuf>,
    mut each: impl FnMut(Outcome) -> Result<(), Error>,
) -> Result<(), Error> {
    let pool = settings::thread_pool(shared.jobs)?;
    let read = ReadOptions {
        format: shared.input.format,
        columns: shared.input.columns(),
        lang: shared.glossary.lang.clone(),
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
    let result = executor::run_ordered(
        &pool,
        jobs(shared, files),
        |job| {
            read.read(job).map(|doc| {
                let detected = pipeline.run(&doc);
                (doc, detected)
            })
        },
        |outcome| {
            progress.inc(1);
            progress.suspend(|| each(outcome))
        },
    );
    progress.finish_and_clear();
    result
}

/// An input error: printed, and the run goes on.
fn input_error(e: &InputError) {
    error_line(&e.to_string());
}

/// Writes `bytes` to a temporary file beside `path` and renames it over
/// `path`; the permissions of an existing file are kept. If anything fails,
/// `path` is left as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Args::command().debug_assert();
    }
}
