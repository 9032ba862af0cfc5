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
use crate::rule::Rule;
use crate::rule::{Category, Severity};
use crate::score::{Policy, RunTotals, Summary};
use crate::text::{Columns, Document};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Arc;

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
///
/// The cells of a rule (id, category, severity, note) are made once per
/// rule, and numbers are written without allocating, so that a text with
/// millions of findings costs little per finding.
pub struct FindingsCsv<W: Write> {
    out: ::csv::Writer<W>,
    raw: bool,
    /// Per rule: the rule, and its id, category, severity and note cells.
    /// The map holds the rule, so its address names no other rule while
    /// the map lives.
    rules: FxHashMap<usize, (Arc<Rule>, [String; 4])>,
    /// The last confidence and score written, and how they were written.
    numbers: [(u64, String); 2],
    /// The context cell, made again for each finding.
    context: String,
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
        Ok(FindingsCsv {
            out,
            raw: false,
            rules: FxHashMap::default(),
            numbers: Default::default(),
            context: String::new(),
        })
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
        let mut columns = Columns::default();
        let mut numbers = itoa::Buffer::new();
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col_from(span.start, &mut columns);
            let rule = &f.hit.rule;
            let cells_of = |rule: &Rule| {
                [
                    rule.id.as_str(),
                    rule.category.as_str(),
                    rule.severity.as_str(),
                    rule.note.as_str(),
                ]
                .map(|cell| text_cell(cell, raw).into_owned())
            };
            let made;
            let rule_cells = if Arc::strong_count(rule) == 1 {
                // A rule made for this finding alone (a note that names
                // what a unit's source had): not worth keeping.
                made = cells_of(rule);
                &made
            } else {
                if self.rules.len() >= super::RULE_CACHE {
                    self.rules.clear();
                }
                let (_, cells) = self
                    .rules
                    .entry(Arc::as_ptr(rule) as usize)
                    .or_insert_with(|| (Arc::clone(rule), cells_of(rule)));
                &*cells
            };
            let suggestions = match f.hit.suggestions.as_slice() {
                [one] => Cow::Borrowed(one.as_str()),
                more => Cow::Owned(more.join("|")),
            };
            let out = &mut self.out;
            out.write_field(&*file).map_err(csv_error)?;
            for n in [
                line,
                column,
                doc.file_offset(span.start),
                doc.file_offset(span.end),
            ] {
                out.write_field(numbers.format(n)).map_err(csv_error)?;
            }
            out.write_field(&*text_cell(&doc.text[span.range()], raw))
                .map_err(csv_error)?;
            out.write_field(&*text_cell(&suggestions, raw))
                .map_err(csv_error)?;
            for cell in &rule_cells[..3] {
                out.write_field(cell).map_err(csv_error)?;
            }
            for (slot, value) in self.numbers.iter_mut().zip([f.hit.confidence, f.score]) {
                if slot.1.is_empty() || slot.0 != value.to_bits() {
                    *slot = (value.to_bits(), fixed(value, 3));
                }
                out.write_field(&slot.1).map_err(csv_error)?;
            }
            out.write_field(&rule_cells[3]).map_err(csv_error)?;
            self.context.clear();
            context(&doc.text, span.range()).mark_into(&mut self.context);
            out.write_field(&*text_cell(&self.context, raw))
                .map_err(csv_error)?;
            out.write_record(None::<&[u8]>).map_err(csv_error)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows as the whole record of each finding gives them, every
    /// cell made afresh: the form the cached cells must add up to.
    fn expected(doc: &Document, checked: &Checked, raw: bool) -> Vec<u8> {
        let mut out = ::csv::Writer::from_writer(Vec::new());
        let file = text_cell(&doc.display_path(), raw).into_owned();
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col(span.start);
            let rule = &f.hit.rule;
            out.write_record([
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
            .unwrap();
        }
        out.into_inner().unwrap()
    }

    proptest::proptest! {
        #[test]
        fn rows_are_the_cells_of_each_finding(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "word ", "=cmd ", "\"quoted\" ", "é, ", "\u{202e}bidi ", "tab\t", ". ", "\n", "😀 ",
                ]),
                1..40,
            ),
            spans in proptest::collection::vec((0usize..40, 0usize..3, 0usize..3, 0usize..4, 0u8..=10), 0..30),
            raw in proptest::bool::ANY,
        ) {
            let text = pieces.concat();
            let doc = Document::new("dir/=odd,\".txt", text.clone());
            let rules = [
                ("glossary:a", ""),
                ("glossary:=b\"q", "+a \"note\", with\n\u{1b}[31m escapes"),
                ("heuristic:c", "plain"),
            ]
            .map(|(id, note)| {
                Arc::new(Rule {
                    id: id.to_owned(),
                    category: Category::Omission,
                    severity: Severity::Major,
                    note: note.to_owned(),
                    order: 0,
                })
            });
            let checked = super::super::testing::checked(&text, &rules, &spans, |i| format!("-s{i}, \"é"));
            let mut report = FindingsCsv::new(Vec::new()).unwrap();
            report.raw = raw;
            report.out.flush().unwrap();
            let header = report.out.get_ref().len();
            report.document(&doc, &checked).unwrap();
            report.document(&doc, &checked).unwrap();
            let written = report.out.into_inner().unwrap();
            let mut want = expected(&doc, &checked, raw);
            want.extend(expected(&doc, &checked, raw));
            proptest::prop_assert_eq!(
                String::from_utf8_lossy(&written[header..]),
                String::from_utf8_lossy(&want)
            );
        }
    }
}
