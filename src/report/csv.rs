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

use std::io::{self, Write};

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

/// Writes `findings.csv`.
pub struct FindingsCsv<W: Write> {
    out: ::csv::Writer<W>,
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
        Ok(FindingsCsv { out })
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
        let file = doc.display_path();
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col(span.start);
            let rule = &f.hit.rule;
            self.out
                .write_record([
                    file.as_str(),
                    &line.to_string(),
                    &column.to_string(),
                    &span.start.to_string(),
                    &span.end.to_string(),
                    &doc.text[span.range()],
                    &f.hit.suggestions.join("|"),
                    &rule.id,
                    rule.category.as_str(),
                    rule.severity.as_str(),
                    &fixed(f.hit.confidence, 3),
                    &fixed(f.score, 3),
                    &rule.note,
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
        Ok(SummaryCsv { out })
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
        let s = &checked.summary;
        self.out
            .write_record([
                doc.display_path(),
                s.words.to_string(),
                s.findings.to_string(),
                s.minor.to_string(),
                s.major.to_string(),
                s.critical.to_string(),
                fixed(s.penalty, 2),
                fixed(s.penalty_per_1000_words, 2),
                fixed(s.quality, 2),
                s.verdict.as_str().to_owned(),
            ])
            .map_err(csv_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
