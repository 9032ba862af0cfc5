//! `findings.csv` and `summary.csv`.
//!
//! `findings.csv` has one row per finding, in this column order:
//!
//! ```text
//! file,line,column,start,end,text,suggestion,rule,category,severity,confidence,score,note,context
//! ```
//!
//! `line` and `column` are 1-based (columns in Unicode scalar values);
//! `start` and `end` are byte offsets, end exclusive; `text` is exactly the
//! file's bytes `start..end`; `suggestion` holds the alternatives joined by
//! `|`; `confidence` and `score` have three decimals; `context` is the
//! sentence around the span with the span between `⟦` and `⟧`
//! ([`context`](super::context::context), bounded in length).
//!
//! `summary.csv` has one row per document:
//!
//! ```text
//! file,words,findings,minor,major,critical,penalty,penalty_per_1000_words,quality,verdict,
//! normed_penalty,calibrated_quality,mistranslation_minor,…,garbled_critical,
//! mistranslation_penalty,…,garbled_penalty,lang
//! ```
//!
//! with the scores at two decimals: the MQM scorecard of each document
//! (see [`crate::score`]), and the language pair the document was checked
//! as (`nl-en`, `?` for a side not known, empty when neither is). `totals.csv` has one row for the whole run:
//! `documents,passed,failed` and then the columns of `summary.csv` after
//! `file`, the run scored as one text.
//!
//! With the [BOM](FindingsCsv::bom) option each file starts with a UTF-8
//! byte order mark, which spreadsheets read as the sign of UTF-8.
//!
//! Every cell that holds text, rather than a number mtlint computed, is
//! neutralised unless the report is [raw](FindingsCsv::raw): a cell that
//! starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so that a
//! spreadsheet shows it instead of running it as a formula (see
//! [`csv_cell`]). In `findings.csv` these are `file`, `text`,
//! `suggestion`, `rule`, `category`, `severity` and `note`; in
//! `summary.csv`, `file`, `verdict` and `lang`. The numbers (`line`, `column`,
//! offsets, counts, scores) are written by mtlint, never negative, and
//! never touched.

use std::io::{self, Write};

use super::context::context;
use super::escape::csv_cell;
use super::{Report, fixed};
use crate::check::Checked;
use crate::rule::{Category, Severity};
use crate::score::{Policy, RunTotals, Summary};
use crate::text::Document;

/// The header of `findings.csv`.
pub const FINDINGS_HEADER: [&str; 14] = [
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
    "context",
];

/// The first columns of `summary.csv`; [`summary_header`] has them all.
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

/// Every column of `summary.csv`: [`SUMMARY_HEADER`], the scores, the
/// count of each category and severity, the penalty of each category.
pub fn summary_header() -> Vec<String> {
    let mut header: Vec<String> = SUMMARY_HEADER.iter().map(|s| (*s).to_owned()).collect();
    header.push("normed_penalty".to_owned());
    header.push("calibrated_quality".to_owned());
    for category in Category::ALL {
        for severity in Severity::ALL {
            header.push(format!("{category}_{severity}"));
        }
    }
    for category in Category::ALL {
        header.push(format!("{category}_penalty"));
    }
    header
}

/// The cells of a summary after `file`, in [`summary_header`] order.
fn summary_cells(s: &Summary, raw: bool) -> Vec<String> {
    let mut cells = vec![
        s.words.to_string(),
        s.findings.to_string(),
        s.minor.to_string(),
        s.major.to_string(),
        s.critical.to_string(),
        fixed(s.penalty, 2),
        fixed(s.penalty_per_1000_words, 2),
        fixed(s.quality, 2),
        text_cell(s.verdict.as_str(), raw).into_owned(),
        fixed(s.normed_penalty, 2),
        fixed(s.calibrated_quality, 2),
    ];
    for category in Category::ALL {
        for severity in Severity::ALL {
            cells.push(s.scorecard.count(category, severity).to_string());
        }
    }
    for penalty in s.scorecard.penalties {
        cells.push(fixed(penalty, 2));
    }
    cells
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

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
        Self::bom(out, false)
    }

    /// Starts the report, with a UTF-8 byte order mark first when `bom`.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn bom(mut out: W, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
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
                    &text_cell(&context(&doc.text, span.range()).marked(), raw),
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

/// Writes `totals.csv`: the whole run's scorecard, in one row after the
/// last document.
pub struct TotalsCsv<W: Write> {
    out: ::csv::Writer<W>,
    raw: bool,
    policy: Policy,
    totals: RunTotals,
}

impl<W: Write> TotalsCsv<W> {
    /// Starts the report with its header row, after a UTF-8 byte order
    /// mark when `bom`.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn new(mut out: W, policy: Policy, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut out = ::csv::Writer::from_writer(out);
        let mut header = vec!["documents".to_owned(), "passed".into(), "failed".into()];
        header.extend(summary_header().into_iter().skip(1));
        out.write_record(header).map_err(csv_error)?;
        Ok(TotalsCsv {
            out,
            raw: false,
            policy,
            totals: RunTotals::default(),
        })
    }

    /// Writes text cells exactly as they are (see [`FindingsCsv::raw`]).
    #[must_use]
    pub fn raw(mut self, yes: bool) -> Self {
        self.raw = yes;
        self
    }
}

impl<W: Write> Report for TotalsCsv<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        // A file read in parts counts once, with its last part.
        if doc.ends_file() {
            self.totals.add(&checked.summary);
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let t = &self.totals;
        let mut row = vec![
            t.documents.to_string(),
            (t.documents - t.failed).to_string(),
            t.failed.to_string(),
        ];
        row.extend(summary_cells(&t.summary(&self.policy), self.raw));
        self.out.write_record(row).map_err(csv_error)?;
        self.out.flush()
    }
}

impl<W: Write> SummaryCsv<W> {
    /// Starts the report with its header row.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn new(out: W) -> io::Result<Self> {
        Self::bom(out, false)
    }

    /// Starts the report, with a UTF-8 byte order mark first when `bom`.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    pub fn bom(mut out: W, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut out = ::csv::Writer::from_writer(out);
        let mut header = summary_header();
        header.push("lang".to_owned());
        out.write_record(header).map_err(csv_error)?;
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
        let mut row = vec![text_cell(&doc.display_path(), self.raw).into_owned()];
        row.extend(summary_cells(&checked.summary, self.raw));
        // The language pair the document was checked as, last: a column
        // added after the others keeps their places.
        // It comes from the file (a PO header), so it is a text cell.
        let lang = doc.lang.label().unwrap_or_default();
        row.push(text_cell(&lang, self.raw).into_owned());
        self.out.write_record(row).map_err(csv_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
