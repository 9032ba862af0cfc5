//! `findings.csv` and `summary.csv`.
//!
//! `findings.csv` has one row per finding, in this column order:
//!
//! ```text
//! file,line,column,start,end,text,suggestion,rule,category,severity,confidence,score,note
//! ```
//!
//! `line` and `column` are 1-based (columns in Unicode scalar values);
//! `start` and `end` are byte offsets, end exclusive; `text` is exactly the
//! file's bytes `start..end`; `suggestion` holds the alternatives joined by
//! `|`; `confidence` and `score` have three decimals.
//!
//! `summary.csv` has one row per document:
//!
//! ```text
//! file,words,findings,minor,major,critical,penalty,penalty_per_1000_words,quality,verdict
//! ```
//!
//! with `penalty`, `penalty_per_1000_words` and `quality` at two decimals.
//!
//! Every cell that holds text, rather than a number mtlint computed, is
//! neutralised unless the report is [raw](FindingsCsv::raw): a cell that
//! starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so that a
//! spreadsheet shows it instead of running it as a formula (see
//! [`csv_cell`]). In `findings.csv` these are `file`, `text`,
//! `suggestion`, `rule`, `category`, `severity` and `note`; in
//! `summary.csv`, `file` and `verdict`. The numbers (`line`, `column`,
//! offsets, counts, scores) are written by mtlint, never negative, and
//! never touched.

use std::io::{self, Write};

use super::escape::csv_cell;
use super::{Report, fixed};
use crate::check::Checked;
use crate::text::Document;

/// The header of `findings.csv`.
pub const FINDINGS_HEADER: [&str; 13] = [
    "file",
    "line",
    "column",
    "start",
    "end",
    "text",
    "suggestion",
    "rule",
    "category",
    "severity",
    "confidence",
    "score",
    "note",
];

/// The header of `summary.csv`.
pub const SUMMARY_HEADER: [&str; 10] = [
    "file",
    "words",
    "findings",
    "minor",
    "major",
    "critical",
    "penalty",
    "penalty_per_1000_words",
    "quality",
    "verdict",
];

fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A text cell as written: neutralised unless `raw`.
fn text_cell(cell: &str, raw: bool) -> std::borrow::Cow<'_, str> {
    if raw {
        std::borrow::Cow::Borrowed(cell)
    } else {
        csv_cell(cell)
    }
}

/// Writes `findings.csv`.
pub struct FindingsCsv<W: Write> {
    out: ::csv::Writer<W>,
    raw: bool,
}

impl<W: Write> FindingsCsv<W> {
    /// Starts the report with its header row.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = ::csv::Writer::from_writer(out);
        out.write_record(FINDINGS_HEADER).map_err(csv_error)?;
        Ok(FindingsCsv { out, raw: false })
    }

    /// Writes text cells exactly as they are, for programs that read the
    /// file, instead of neutralising the ones a spreadsheet would run as
    /// a formula.
    #[must_use]
    pub fn raw(mut self, yes: bool) -> Self {
        self.raw = yes;
        self
    }

    /// Flushes and hands back the writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> Report for FindingsCsv<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let raw = self.raw;
        let path = doc.display_path();
        let file = text_cell(&path, raw);
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col(span.start);
            let rule = &f.hit.rule;
            self.out
                .write_record([
                    &*file,
                    &line.to_string(),
                    &column.to_string(),
                    &doc.file_offset(span.start).to_string(),
                    &doc.file_offset(span.end).to_string(),
                    &text_cell(&doc.text[span.range()], raw),
                    &text_cell(&f.hit.suggestions.join("|"), raw),
                    &text_cell(&rule.id, raw),
                    &text_cell(rule.category.as_str(), raw),
                    &text_cell(rule.severity.as_str(), raw),
                    &fixed(f.hit.confidence, 3),
                    &fixed(f.score, 3),
                    &text_cell(&rule.note, raw),
                ])
                .map_err(csv_error)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes `summary.csv`.
pub struct SummaryCsv<W: Write> {
    out: ::csv::Writer<W>,
    raw: bool,
}

impl<W: Write> SummaryCsv<W> {
    /// Starts the report with its header row.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = ::csv::Writer::from_writer(out);
        out.write_record(SUMMARY_HEADER).map_err(csv_error)?;
        Ok(SummaryCsv { out, raw: false })
    }

    /// Writes text cells exactly as they are (see [`FindingsCsv::raw`]).
    #[must_use]
    pub fn raw(mut self, yes: bool) -> Self {
        self.raw = yes;
        self
    }

    /// Flushes and hands back the writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> Report for SummaryCsv<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        // A file read in parts has one row, after its last part.
        if !doc.ends_file() {
            return Ok(());
        }
        let s = &checked.summary;
        self.out
            .write_record([
                text_cell(&doc.display_path(), self.raw).into_owned(),
                s.words.to_string(),
                s.findings.to_string(),
                s.minor.to_string(),
                s.major.to_string(),
                s.critical.to_string(),
                fixed(s.penalty, 2),
                fixed(s.penalty_per_1000_words, 2),
                fixed(s.quality, 2),
                text_cell(s.verdict.as_str(), self.raw).into_owned(),
            ])
            .map_err(csv_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
