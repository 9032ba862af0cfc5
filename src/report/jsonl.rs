//! The `jsonl` format (`findings.jsonl`): one finding per line, written as
//! each document is reported, so a consumer can start before a long run
//! ends.
//!
//! Each line is a [`JsonLine`]: the fields of a `json` finding (see
//! [`JsonFinding`]) plus the format `version`, so every line stands alone:
//!
//! ```json
//! {"version":2,"file":"article.txt","line":1,"column":58,"start":57,"end":67,"text":"support vs","suggestions":["US support"],"rule":"glossary:nl-support-vs","category":"mistranslation","severity":"major","confidence":1.0,"score":5.0,"note":"..."}
//! ```
//!
//! A record of a JSON Lines stream (`check --input jsonl`) is a document
//! of its own; its findings add the record's `id` and `record_line`:
//!
//! ```json
//! {"version":2,"file":"-#7","id":7,"record_line":3,"line":1,"column":1,...}
//! ```
//!
//! A document without findings writes no line; summaries are in `json`
//! and `summary.csv`.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::Report;
use super::escape::json_bytes;
use super::json::{JSON_VERSION, JsonFinding, round};
use crate::check::Checked;
use crate::text::Document;

/// One line of `jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonLine {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The finding.
    #[serde(flatten)]
    pub finding: JsonFinding,
}

/// Writes `findings.jsonl`.
pub struct JsonLines<W: Write> {
    out: W,
    /// One line, serialized before it is escaped and written.
    line: Vec<u8>,
}

impl<W: Write> JsonLines<W> {
    /// A JSON Lines report into `out`.
    pub fn new(out: W) -> Self {
        JsonLines {
            out,
            line: Vec::new(),
        }
    }
}

/// A line of `jsonl` as it is written: [`JsonLine`]'s fields, in its order,
/// borrowed from the finding rather than copied for each one.
#[derive(Serialize)]
struct LineRef<'a> {
    version: u32,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_line: Option<usize>,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    suggestions: &'a [String],
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    confidence: f64,
    score: f64,
    note: &'a str,
}

impl<W: Write> Report for JsonLines<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let file = doc.display_path();
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col(span.start);
            let rule = &f.hit.rule;
            let finding = LineRef {
                version: JSON_VERSION,
                file: &file,
                id: doc.record.as_ref().map(|r| &r.id),
                record_line: doc.record.as_ref().map(|r| r.line),
                line,
                column,
                start: doc.file_offset(span.start),
                end: doc.file_offset(span.end),
                text: &doc.text[span.range()],
                suggestions: &f.hit.suggestions,
                rule: &rule.id,
                category: rule.category.as_str(),
                severity: rule.severity.as_str(),
                confidence: round(f.hit.confidence, 3),
                score: round(f.score, 3),
                note: &rule.note,
            };
            self.line.clear();
            serde_json::to_writer(&mut self.line, &finding)?;
            self.out.write_all(&json_bytes(&self.line))?;
            self.out.write_all(b"\n")?;
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
