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

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::Report;
use super::escape::json_bytes;
use super::json::{JSON_VERSION, JsonFinding, round};
use crate::check::Checked;
use crate::rule::Rule;
use crate::text::{Columns, Document};

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
///
/// A line is mostly the same bytes as the line before: the file, the
/// rule's id, category, severity and note. Those are serialized once, per
/// document and per rule, and each finding serializes only its own fields,
/// so that a text with millions of findings costs little per finding.
pub struct JsonLines<W: Write> {
    out: W,
    /// One line, serialized before it is escaped and written.
    line: Vec<u8>,
    /// Per rule: `"rule":…,"category":…,"severity":…,` and `"note":…}`.
    /// The map holds the rule itself, so its address names no other rule
    /// while the map lives.
    rules: FxHashMap<usize, RuleBytes>,
    /// The last confidence and score written, and how they were written.
    numbers: [(u64, Vec<u8>); 2],
}

impl<W: Write> JsonLines<W> {
    /// A JSON Lines report into `out`.
    pub fn new(out: W) -> Self {
        JsonLines {
            out,
            line: Vec::new(),
            rules: FxHashMap::default(),
            numbers: Default::default(),
        }
    }
}

/// A rule, and its fields as a line writes them: `"rule":…,"category":…,
/// "severity":…,` and `"note":…}`.
type RuleBytes = (Arc<Rule>, Box<[u8]>, Box<[u8]>);

/// The fields of a line that depend on the document only, in
/// [`JsonLine`]'s order (`version`, `file`, and a record's `id` and
/// `record_line`).
#[derive(Serialize)]
struct DocumentFields<'a> {
    version: u32,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_line: Option<usize>,
}

/// The fields of a line that depend on the rule only, before and after the
/// finding's `confidence` and `score`.
#[derive(Serialize)]
struct RuleFields<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
}

/// Serializes `value` as a JSON object's members: `{"a":1}` becomes
/// `"a":1`.
fn members(value: &impl Serialize) -> Vec<u8> {
    let mut json = serde_json::to_vec(value).unwrap_or_default();
    // An object serializes as `{…}`; keep what is between the braces.
    json.pop();
    json.remove(0);
    json
}

/// Writes `"name":` and `value` as serde_json writes an `f64`, reusing
/// the bytes of the last value written in this slot.
fn number(line: &mut Vec<u8>, slot: &mut (u64, Vec<u8>), value: f64) {
    if slot.1.is_empty() || slot.0 != value.to_bits() {
        slot.0 = value.to_bits();
        slot.1.clear();
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut slot.1, &value);
    }
    line.extend_from_slice(&slot.1);
}

/// Whether `bytes` hold a quote, a backslash or a control character below
/// U+0020: the bytes serde_json escapes. Read eight bytes at a time, since
/// it runs on the text and suggestions of every finding.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `x` is below `n` (n <= 0x80).
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        if below(x, 0x20)
            || below(x ^ (ONES * u64::from(b'"')), 1)
            || below(x ^ (ONES * u64::from(b'\\')), 1)
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Writes `value` as a JSON string, with the characters that could act on
/// a terminal escaped too ([`json_bytes`]).
fn string(line: &mut Vec<u8>, value: &str) {
    let start = line.len();
    // Most strings need no escape at all: serde_json escapes exactly the
    // quote, the backslash and the control characters below U+0020, so
    // such a string is written as it is, without its per-byte writer.
    if needs_escape(value.as_bytes()) {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *line, value);
    } else {
        line.reserve(value.len() + 2);
        line.push(b'"');
        line.extend_from_slice(value.as_bytes());
        line.push(b'"');
    }
    // Terminal escapes work character by character, so a line escaped a
    // string at a time is the line escaped whole.
    if let Cow::Owned(escaped) = json_bytes(&line[start..]) {
        line.truncate(start);
        line.extend_from_slice(&escaped);
    }
}

/// A rule's fields as a line writes them (see [`RuleBytes`]).
fn rule_bytes(rule: &Rule) -> (Box<[u8]>, Box<[u8]>) {
    let mut fields = members(&RuleFields {
        rule: &rule.id,
        category: rule.category.as_str(),
        severity: rule.severity.as_str(),
    });
    fields.push(b',');
    let fields = json_bytes(&fields).into_owned();
    let mut note = b"\"note\":".to_vec();
    string(&mut note, &rule.note);
    note.push(b'}');
    (fields.into(), note.into())
}

impl<W: Write> Report for JsonLines<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        if checked.findings.is_empty() {
            return Ok(());
        }
        let file = doc.display_path();
        // Escaped for a terminal here, as the rule's pieces are when they
        // are made and each string as it is written: a line is then
        // written as it is built.
        let head = json_bytes(&members(&DocumentFields {
            version: JSON_VERSION,
            file: &file,
            id: doc.record.as_ref().map(|r| &r.id),
            record_line: doc.record.as_ref().map(|r| r.line),
        }))
        .into_owned();
        let mut columns = Columns::default();
        let mut numbers = itoa::Buffer::new();
        for f in &checked.findings {
            let span = f.hit.span;
            let (line, column) = doc.line_col_from(span.start, &mut columns);
            let rule = &f.hit.rule;
            let made;
            let (rule_fields, note): (&[u8], &[u8]) = if Arc::strong_count(rule) == 1 {
                // A rule made for this finding alone (a note that names
                // what a unit's source had): not worth keeping.
                made = rule_bytes(rule);
                (&made.0, &made.1)
            } else {
                if self.rules.len() >= super::RULE_CACHE {
                    self.rules.clear();
                }
                let (_, fields, note) = self
                    .rules
                    .entry(Arc::as_ptr(rule) as usize)
                    .or_insert_with(|| {
                        let (fields, note) = rule_bytes(rule);
                        (Arc::clone(rule), fields, note)
                    });
                (fields, note)
            };
            let l = &mut self.line;
            l.clear();
            l.push(b'{');
            l.extend_from_slice(&head);
            for (name, value) in [
                (&b",\"line\":"[..], line),
                (b",\"column\":", column),
                (b",\"start\":", doc.file_offset(span.start)),
                (b",\"end\":", doc.file_offset(span.end)),
            ] {
                l.extend_from_slice(name);
                l.extend_from_slice(numbers.format(value).as_bytes());
            }
            l.extend_from_slice(b",\"text\":");
            string(l, &doc.text[span.range()]);
            l.extend_from_slice(b",\"suggestions\":[");
            for (i, suggestion) in f.hit.suggestions.iter().enumerate() {
                if i > 0 {
                    l.push(b',');
                }
                string(l, suggestion);
            }
            l.extend_from_slice(b"],");
            l.extend_from_slice(rule_fields);
            l.extend_from_slice(b"\"confidence\":");
            number(l, &mut self.numbers[0], round(f.hit.confidence, 3));
            l.extend_from_slice(b",\"score\":");
            number(l, &mut self.numbers[1], round(f.score, 3));
            l.push(b',');
            l.extend_from_slice(note);
            l.push(b'\n');
            self.out.write_all(l)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{Category, Severity};
    use crate::text::RecordRef;
    use proptest::strategy::Strategy;

    fn rule(id: &str, note: &str, severity: Severity, order: usize) -> Arc<Rule> {
        Arc::new(Rule {
            id: id.to_owned(),
            category: Category::Mistranslation,
            severity,
            note: note.to_owned(),
            order,
        })
    }

    /// Every line as `json` serializes the same finding, whole, with
    /// serde: the form the cached pieces must add up to.
    fn expected(doc: &Document, checked: &Checked) -> Vec<u8> {
        let mut out = Vec::new();
        for finding in super::super::json::json_findings(doc, checked) {
            let line = serde_json::to_vec(&JsonLine {
                version: JSON_VERSION,
                finding,
            })
            .unwrap();
            out.extend_from_slice(&json_bytes(&line));
            out.push(b'\n');
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_are_found_eight_bytes_at_a_time(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::sample::select(vec![b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff]),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
        ) {
            proptest::prop_assert_eq!(
                needs_escape(&bytes),
                bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
            );
        }

        #[test]
        fn lines_are_what_serde_writes(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "word ", "\"quoted\" ", "é ", "\u{202e}bidi ", "tab\t", "\n", "\u{2028} ", "\\ ", "😀 ",
                ]),
                1..40,
            ),
            spans in proptest::collection::vec((0usize..40, 0usize..3, 0usize..3, 0usize..4, 0u8..=10), 0..30),
            record in proptest::option::of(proptest::prop_oneof![
                (0u64..1000).prop_map(serde_json::Value::from),
                "[a-z\"\u{202e}]{0,6}".prop_map(serde_json::Value::from),
            ]),
        ) {
            let text = pieces.concat();
            let mut doc = Document::new("dir/\"odd\u{202e}\".txt", text.clone());
            doc.record = record.map(|id| RecordRef { id, line: 7 });
            let rules = [
                rule("glossary:a", "", Severity::Minor, 0),
                rule("glossary:b\"q", "a \"note\"\u{2028} with \u{1b}[31m escapes", Severity::Major, 1),
                rule("heuristic:c", "plain", Severity::Critical, 2),
            ];
            let checked = super::super::testing::checked(&text, &rules, &spans, |i| if i % 2 == 0 { format!("s{i} é") } else { format!("s{i} \"é\u{202e}") });
            let mut report = JsonLines::new(Vec::new());
            report.document(&doc, &checked).unwrap();
            // A second document reuses the cached rules.
            report.document(&doc, &checked).unwrap();
            let mut want = expected(&doc, &checked);
            want.extend(expected(&doc, &checked));
            proptest::prop_assert_eq!(String::from_utf8(report.out).unwrap(), String::from_utf8(want).unwrap());
        }
    }
}
