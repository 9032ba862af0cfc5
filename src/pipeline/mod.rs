//! The pipeline: read → detect → filter → score → report, the one path
//! every document takes, whether it comes from a file, a folder, standard
//! input or a record of a JSON Lines stream, and whether `check` reports it
//! or `fix` rewrites it.
//!
//! It runs in two halves:
//!
//! - [`Pipeline::run`] on any thread: detect and score each hit
//!   ([`crate::check::Checker`]), then the filters that look at one
//!   document alone ([`crate::filter::Filters`]: allowlist, suppression
//!   comments);
//! - [`Session::document`] in input order, on one thread: the filters that
//!   count across the run (recording `--write-baseline`, changed lines,
//!   `--baseline`), the document's score and verdict (computed once, here),
//!   then every report.
//!
//! [`executor::run_ordered`] joins them: it reads and runs jobs on a pool
//! of threads and hands the results to the session in input order, with a
//! bounded number in flight, so memory does not grow with the input.

pub mod executor;

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{Checked, Checker};
use crate::filter::{Baseline, Filters};
use crate::input::{Columns, InputFormat, parse_record};
use crate::report::Report;
use crate::score::{Finding, Verdict, summarize};
use crate::text::{Document, InputError, InputErrorKind};

/// The compiled detectors and the per-document filters. Built once, shared
/// by every thread.
pub struct Pipeline {
    /// Detectors, weights and the pass/fail policy.
    pub checker: Checker,
    /// The filters that look at one document alone.
    pub filters: Filters,
}

/// A document after detection and the per-document filters: its word count
/// and findings, not yet scored as a whole.
#[derive(Debug, Clone)]
pub struct Detected {
    /// Word tokens checked.
    pub words: usize,
    /// The findings, sorted by (start, rule).
    pub findings: Vec<Finding>,
}

/// One unit of work: a file to read, or one line of a JSON Lines stream.
#[derive(Debug)]
pub enum Job {
    /// A file (or `-`) read as a whole.
    File(PathBuf),
    /// One line of the JSON Lines stream `path`.
    Record {
        /// The stream, as named.
        path: Arc<Path>,
        /// The line's 1-based number.
        line: usize,
        /// The line.
        text: String,
    },
    /// Reading the input failed at this point of the stream.
    Failed(InputError),
}

/// How a job's text is read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The format of every file; by extension when `None`.
    pub format: Option<InputFormat>,
    /// CSV/TSV columns.
    pub columns: Columns,
    /// The language pair of documents that do not declare theirs
    /// (`nl-en`).
    pub lang: Option<String>,
    /// The largest file read; a larger one is an input error.
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            columns: Columns::default(),
            lang: None,
            max_file_bytes: crate::text::MAX_FILE_BYTES,
        }
    }
}

impl ReadOptions {
    /// Reads the document a job names.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or parsed, or the line is not a record.
    pub fn read(&self, job: Job) -> Result<Document, InputError> {
        let mut doc = match job {
            Job::File(path) => {
                crate::input::read_at_most(&path, self.format, &self.columns, self.max_file_bytes)?
            }
            Job::Record { path, line, text } => {
                let record = parse_record(text.trim_end_matches(['\n', '\r'])).map_err(|e| {
                    InputError::new(
                        &path,
                        InputErrorKind::Record {
                            line,
                            column: e.column,
                            message: e.message,
                        },
                    )
                })?;
                record.into_document(&path, line)
            }
            Job::Failed(e) => return Err(e),
        };
        if let Some((source, target)) = self.lang.as_deref().and_then(|l| l.split_once('-'))
            && doc.lang.pair().is_none()
        {
            doc.lang.source.get_or_insert_with(|| source.to_owned());
            doc.lang.target.get_or_insert_with(|| target.to_owned());
        }
        Ok(doc)
    }
}

/// The longest line of a JSON Lines stream: a longer one is an error (and
/// ends that stream), so that an endless line cannot take all memory.
pub const MAX_RECORD_BYTES: usize = 256 << 20;

/// The jobs of JSON Lines streams: one per line that is not blank, in
/// order, read lazily, so that a stream of any length runs in bounded
/// memory. A stream that cannot be read is one failed job.
pub fn stream_jobs(paths: Vec<PathBuf>) -> impl Iterator<Item = Job> + Send {
    paths.into_iter().flat_map(|path| {
        let path: Arc<Path> = Arc::from(path);
        let reader: Result<Box<dyn io::BufRead + Send>, InputError> = if &*path == Path::new("-") {
            Ok(Box::new(io::BufReader::new(io::stdin())))
        } else {
            match std::fs::File::open(&path) {
                Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => Err(InputError::new(
                    &path,
                    InputErrorKind::Io(
                        "is a folder; name the JSONL files, or - for standard input".to_owned(),
                    ),
                )),
                Ok(f) => Ok(Box::new(io::BufReader::with_capacity(1 << 16, f))),
                Err(e) => Err(InputError::new(&path, InputErrorKind::Io(e.to_string()))),
            }
        };
        let mut state = match reader {
            Ok(reader) => Ok((reader, 0usize)),
            Err(e) => Err(Some(e)),
        };
        std::iter::from_fn(move || {
            let (reader, line) = match &mut state {
                Ok(ok) => ok,
                Err(e) => return e.take().map(Job::Failed),
            };
            loop {
                *line += 1;
                let mut bytes = Vec::new();
                let read = io::Read::take(&mut *reader, MAX_RECORD_BYTES as u64 + 1)
                    .read_until(b'\n', &mut bytes);
                let fail = |message: String| {
                    Job::Failed(InputError::new(
                        &path,
                        InputErrorKind::Record {
                            line: *line,
                            column: 1,
                            message,
                        },
                    ))
                };
                let job = match read {
                    Ok(0) => return None,
                    Ok(_) if bytes.len() > MAX_RECORD_BYTES => fail(format!(
                        "longer than {} MiB; the rest of the stream is not read",
                        MAX_RECORD_BYTES >> 20
                    )),
                    Ok(_) => match String::from_utf8(bytes) {
                        Ok(text) if text.trim().is_empty() => continue,
                        Ok(text) => {
                            return Some(Job::Record {
                                path: Arc::clone(&path),
                                line: *line,
                                text,
                            });
                        }
                        Err(_) => fail("not UTF-8".to_owned()),
                    },
                    Err(e) => Job::Failed(InputError::new(
                        &path,
                        InputErrorKind::Io(format!("line {}: {e}", *line)),
                    )),
                };
                // After an error the stream's position is unknown: stop it.
                state = Err(None);
                return Some(job);
            }
        })
    })
}

impl Pipeline {
    /// Detects, scores and filters one document (any thread).
    pub fn run(&self, doc: &Document) -> Detected {
        let (words, findings) = self.checker.findings(doc);
        let findings = self.filters.apply(doc, findings, &self.checker.weights);
        Detected { words, findings }
    }
}

/// What a run came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents checked.
    pub documents: usize,
    /// Documents that fail their policy.
    pub failed: usize,
    /// Inputs that could not be checked.
    pub errors: usize,
    /// Documents with translation units (a source beside each target).
    pub bilingual: usize,
}

/// The in-order half of a run: the filters that count across documents,
/// the scores, and the reports.
pub struct Session<'a> {
    pipeline: &'a Pipeline,
    baseline: Option<Baseline>,
    recorded: Option<Baseline>,
    reports: Vec<Box<dyn Report + 'a>>,
    outcome: Outcome,
}

impl<'a> Session<'a> {
    /// A session that writes every document to each of `reports`.
    pub fn new(pipeline: &'a Pipeline, reports: Vec<Box<dyn Report + 'a>>) -> Session<'a> {
        Session {
            pipeline,
            baseline: None,
            recorded: None,
            reports,
            outcome: Outcome::default(),
        }
    }

    /// Drops the findings `baseline` records (`--baseline`).
    pub fn with_baseline(mut self, baseline: Baseline) -> Self {
        self.baseline = Some(baseline);
        self
    }

    /// Records the findings of the run (`--write-baseline`), before changed
    /// lines and `--baseline` filter them; [`Session::finish`] returns it.
    pub fn recording(mut self) -> Self {
        self.recorded = Some(Baseline::default());
        self
    }

    /// Filters, scores and reports one document; returns it as reported.
    ///
    /// # Errors
    ///
    /// When a report cannot be written.
    pub fn document(&mut self, doc: &Document, detected: Detected) -> io::Result<Checked> {
        let Detected {
            words,
            mut findings,
        } = detected;
        if let Some(recorded) = &mut self.recorded {
            recorded.record(doc, &findings);
        }
        self.pipeline.filters.retain_changed(doc, &mut findings);
        if let Some(baseline) = &mut self.baseline {
            findings = baseline.filter(doc, findings);
        }
        let summary = summarize(words, &findings, &self.pipeline.checker.policy);
        let checked = Checked { findings, summary };
        for report in &mut self.reports {
            report.document(doc, &checked)?;
        }
        self.outcome.documents += 1;
        if !doc.units.is_empty() {
            self.outcome.bilingual += 1;
        }
        if checked.summary.verdict == Verdict::Fail {
            self.outcome.failed += 1;
        }
        Ok(checked)
    }

    /// Hands what the reports wrote so far to their readers: the run is
    /// waiting for the next document.
    ///
    /// # Errors
    ///
    /// When a report cannot be written.
    pub fn flush(&mut self) -> io::Result<()> {
        for report in &mut self.reports {
            report.flush()?;
        }
        Ok(())
    }

    /// Counts an input that could not be checked.
    pub fn error(&mut self) {
        self.outcome.errors += 1;
    }

    /// Finishes every report; returns what the run came to and the
    /// recorded baseline, if one was asked for.
    ///
    /// # Errors
    ///
    /// When a report cannot be written.
    pub fn finish(mut self) -> io::Result<(Outcome, Option<Baseline>)> {
        for report in &mut self.reports {
            report.finish()?;
        }
        Ok((self.outcome, self.recorded))
    }
}
