//! JSON Lines records, one document each: `{"id", "text", "source"?,
//! "lang"?}`. The stream is read line by line ([`Lines`]) and each record
//! goes through the pipeline as a document of its own, so memory does not
//! grow with the input.

use std::path::Path;

use serde::Deserialize;

use super::{Parsed, Piece};
use crate::text::{Document, Lang, RecordRef, Span};

/// One record of a JSONL stream.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The record's id, a string or a number, echoed in every finding.
    pub id: serde_json::Value,
    /// The translated text to check.
    pub text: String,
    /// The source text, for source-aware checks.
    #[serde(default)]
    pub source: Option<String>,
    /// The language pair, as glossaries write it (`nl-en`).
    #[serde(default)]
    pub lang: Option<String>,
}

/// Why a JSONL line is not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// 1-based column in the line.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses one JSONL line.
///
/// # Errors
///
/// When the line is not a JSON object with a string or number `id` and a
/// string `text` (and optionally string `source` and `lang`, nothing else).
pub fn parse_record(line: &str) -> Result<Record, RecordError> {
    let record: Record = serde_json::from_str(line).map_err(|e| RecordError {
        column: e.column(),
        message: e.to_string(),
    })?;
    if !(record.id.is_string() || record.id.is_number()) {
        return Err(RecordError {
            column: 1,
            message: "expected `id` to be a string or a number".to_owned(),
        });
    }
    if let Some(lang) = &record.lang
        && lang.split('-').count() != 2
    {
        return Err(RecordError {
            column: 1,
            message: format!(
                "expected `lang` to be a language pair such as `nl-en`, found `{lang}`"
            ),
        });
    }
    Ok(record)
}

impl Record {
    /// The record on line `line` of the stream `path` as a document: its
    /// text is one segment, and with a source, one unit.
    pub fn into_document(self, path: &Path, line: usize) -> Document {
        let mut parsed = Parsed::default();
        let span = Span::new(0, self.text.len());
        match &self.source {
            Some(source) => {
                let runs = [vec![Piece::literal(span)]];
                parsed.push_unit(&self.text, None, span, &runs, source.clone());
            }
            None => parsed.push_text(span, None, true),
        }
        let mut doc = Document::with_segments(path, self.text, parsed.segments);
        doc.units = parsed.units;
        doc.record = Some(RecordRef { id: self.id, line });
        if let Some((source, target)) = self.lang.as_deref().and_then(|l| l.split_once('-')) {
            doc.lang = Lang {
                source: Some(source.to_owned()),
                target: Some(target.to_owned()),
            };
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let r = parse_record(r#"{"id": 3, "text": "a vs b", "source": "a VS b", "lang": "nl-en"}"#)
            .unwrap();
        let doc = r.into_document(Path::new("-"), 1);
        assert_eq!(doc.units.len(), 1);
        assert_eq!(doc.lang.pair().as_deref(), Some("nl-en"));
        let err = parse_record(r#"{"id": 3}"#).unwrap_err();
        assert!(err.message.contains("text"), "{}", err.message);
        assert!(parse_record(r#"{"id": [1], "text": ""}"#).is_err());
    }
}
