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
mod parts;
pub mod prepass;

pub use parts::PART_BYTES;

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{Checked, Checker};
use crate::filter::suppress::Carry;
use crate::filter::{Baseline, Filters};
use crate::input::{Columns, InputFormat, parse_record};
use crate::report::Report;
use crate::score::{Finding, Tally, Verdict};
use crate::text::{Document, InputError, InputErrorKind, Part};

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
    /// The document's translation units, counted by state.
    pub units: UnitCounts,
}

/// How many translation units a document has, and how many of them the
/// file marks as not translated or as drafts: counted when the document is
/// checked, so that the units need not be kept until it is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitCounts {
    /// Every unit.
    pub all: usize,
    /// Units not translated yet.
    pub untranslated: usize,
    /// Draft units.
    pub drafts: usize,
}

impl UnitCounts {
    /// Counts the units of `doc`.
    pub fn of(doc: &Document) -> UnitCounts {
        let mut counts = UnitCounts {
            all: doc.units.len(),
            ..UnitCounts::default()
        };
        for unit in &doc.units {
            match unit.meta.state {
                crate::text::UnitState::Untranslated => counts.untranslated += 1,
                crate::text::UnitState::Draft => counts.drafts += 1,
                crate::text::UnitState::Translated => {}
            }
        }
        counts
    }
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
    /// Text already read: a part of a large plain-text file (or the whole
    /// of a file that turned out to be one part).
    Text {
        /// The file, as named.
        path: Arc<Path>,
        /// The part's text.
        text: String,
        /// Where the part is in its file; `None` for a whole file.
        part: Option<Part>,
        /// The suppression comments of the parts before, in force here.
        carry: Carry,
    },
    /// Reading the input failed at this point of the stream.
    Failed(InputError),
}

impl Job {
    /// What suppression comments of earlier parts of the file are in force
    /// in this job's text.
    pub fn carry(&self) -> Carry {
        match self {
            Job::Text { carry, .. } => carry.clone(),
            _ => Carry::default(),
        }
    }
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
    /// The largest file read whole; a larger one is an input error.
    pub max_file_bytes: u64,
    /// Plain text larger than this is read in parts of about this size
    /// ([`file_jobs`]); `None` reads every file whole (`fix` does, since
    /// it rewrites whole files).
    pub part_bytes: Option<usize>,
    /// Standard input, when a pre-pass has read it (it can be read only
    /// once): `-` is then read from here.
    pub stdin: Option<Arc<Vec<u8>>>,
    /// The source files of key-value resource files (`--source-file`,
    /// `--source-locale`).
    pub sources: crate::input::SourceFiles,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            columns: Columns::default(),
            lang: None,
            max_file_bytes: crate::text::MAX_FILE_BYTES,
            part_bytes: None,
            stdin: None,
            sources: crate::input::SourceFiles::default(),
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
            Job::File(path) if path == Path::new("-") && self.stdin.is_some() => {
                let bytes = self.stdin.as_deref().expect("checked").clone();
                if bytes.len() as u64 > self.max_file_bytes {
                    return Err(InputError::new(
                        &path,
                        InputErrorKind::TooLarge {
                            max: self.max_file_bytes,
                        },
                    ));
                }
                let format = self.format.unwrap_or_else(|| InputFormat::from_path(&path));
                crate::input::parse(Document::from_bytes(&path, bytes)?, format, &self.columns)?
            }
            Job::File(path) => {
                let format = self.format.unwrap_or_else(|| InputFormat::from_path(&path));
                // Plain text read in parts has no size limit; a file that
                // is one part has none either.
                let max = if self.part_bytes.is_some() && format == InputFormat::Text {
                    u64::MAX
                } else {
                    self.max_file_bytes
                };
                crate::input::read_with_source(
                    &path,
                    Some(format),
                    &self.columns,
                    max,
                    &self.sources,
                )?
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
            Job::Text {
                path, text, part, ..
            } => {
                let mut doc = match part {
                    // A whole file read as text is checked as any file.
                    None => Document::from_bytes(&*path, text.into_bytes())?,
                    Some(_) => Document::new(&*path, text),
                };
                doc.set_part(part);
                doc
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

/// The jobs of the files of a run, in order: a job per file, but a plain
/// text file larger than `read.part_bytes` (or standard input read as
/// text) is read here, in order, a job per part, so that its size never
/// bounds what the run can check.
pub fn file_jobs(
    paths: Vec<PathBuf>,
    read: &ReadOptions,
) -> impl Iterator<Item = Job> + Send + use<> {
    let format = read.format;
    let part_bytes = read.part_bytes;
    paths.into_iter().flat_map(move |path| {
        let whole = || Box::new(std::iter::once(Job::File(path.clone())));
        let Some(part_bytes) = part_bytes else {
            return whole() as Box<dyn Iterator<Item = Job> + Send>;
        };
        if format.unwrap_or_else(|| InputFormat::from_path(&path)) != InputFormat::Text {
            return whole();
        }
        let reader: Box<dyn io::Read + Send> = if path == Path::new("-") {
            Box::new(io::stdin())
        } else {
            match std::fs::File::open(&path) {
                // A regular file of one part is read as every file is; so
                // is what cannot be opened, to fail there.
                Ok(f) => match f.metadata() {
                    Ok(m) if m.is_file() && m.len() > part_bytes as u64 => Box::new(f),
                    Ok(m) if !m.is_file() && !m.is_dir() => Box::new(f),
                    _ => return whole(),
                },
                Err(_) => return whole(),
            }
        };
        Box::new(parts::Parts::new(
            Arc::from(path.as_path()),
            reader,
            part_bytes,
        ))
    })
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
        self.run_with(doc, &Carry::default())
    }

    /// Detects, scores and filters one document, or one part of a file
    /// with the suppression comments in force from the parts before it.
    pub fn run_with(&self, doc: &Document, carry: &Carry) -> Detected {
        let (words, findings) = self.checker.findings(doc);
        let findings = self
            .filters
            .apply(doc, findings, &self.checker.weights, carry);
        Detected {
            words,
            findings,
            units: UnitCounts::of(doc),
        }
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
    /// Units the files mark as not translated yet (an empty PO `msgstr`,
    /// an XLIFF unit without a target): work not done, not checked.
    pub untranslated: usize,
    /// Units the files mark as drafts (PO `fuzzy`, XLIFF `needs-review-*`):
    /// not checked as translations.
    pub drafts: usize,
}

/// The in-order half of a run: the filters that count across documents,
/// the scores, and the reports.
pub struct Session<'a> {
    pipeline: &'a Pipeline,
    baseline: Option<Baseline>,
    recorded: Option<Baseline>,
    reports: Vec<Box<dyn Report + 'a>>,
    outcome: Outcome,
    /// The words and findings of the parts of a file read in parts, until
    /// its last part.
    parts: Option<(usize, Tally)>,
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
            parts: None,
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
            units,
        } = detected;
        if let Some(recorded) = &mut self.recorded {
            recorded.record(doc, &findings);
        }
        self.pipeline.filters.retain_changed(doc, &mut findings);
        if let Some(baseline) = &mut self.baseline {
            findings = baseline.filter(doc, findings);
        }
        // A file read in parts is scored when its last part is in: the
        // summary of the parts before is the file's so far.
        let policy = &self.pipeline.checker.policy;
        let summary = match doc.part {
            None => Tally::of(&findings).summary(words, policy),
            Some(part) => {
                let (sum, tally) = match (part.index, self.parts.take()) {
                    (0, _) | (_, None) => (0, Tally::default()),
                    (_, Some(before)) => before,
                };
                let mut tally = tally;
                tally.add(&findings);
                let words = sum + words;
                let summary = tally.summary(words, policy);
                if !part.last {
                    self.parts = Some((words, tally));
                }
                summary
            }
        };
        let checked = Checked { findings, summary };
        for report in &mut self.reports {
            report.document(doc, &checked)?;
        }
        if !doc.ends_file() {
            return Ok(checked);
        }
        self.outcome.documents += 1;
        if units.all > 0 {
            self.outcome.bilingual += 1;
            self.outcome.untranslated += units.untranslated;
            self.outcome.drafts += units.drafts;
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
