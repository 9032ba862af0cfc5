//! Converting a CSV term list from another tool (or a spreadsheet) into an
//! mtlint glossary.
//!
//! The header must name a `term` column; `suggestion` (or `correction`),
//! `category`, `severity`, `match`, `min_similarity`, `source_term`,
//! `lang`, `note` and `example` are taken when present, and other columns
//! are ignored (and counted). A category may be one of mtlint's or an MQM
//! one (`Fluency/Grammar`), which is mapped. A term that word matching
//! cannot express (punctuation inside it, such as `ja, und`) becomes an
//! escaped regex instead of being rejected, and duplicates are merged, so
//! a term list that `mtlint glossary check` would refuse still imports.

use super::mqm::map_category;
use super::{ImportError, Input, NewEntry, Skipped};
use crate::glossary::MatchMode;
use crate::rule::{Category, Severity};

/// Reads the term lists.
///
/// # Errors
///
/// When a file is not UTF-8 or not CSV, or its header has no `term` column.
pub fn convert(
    inputs: &[Input],
    lang: Option<&str>,
) -> Result<(Vec<NewEntry>, Skipped), ImportError> {
    let mut skipped = Skipped::default();
    let mut entries = Vec::new();
    for input in inputs {
        let text = input.text()?;
        let mut reader = ::csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let csv_error = |e: ::csv::Error| {
            let line = e.position().map(|p| p.line() as usize);
            ImportError::new(&input.name, line, format!("not valid CSV: {e}"))
        };
        let headers = reader.headers().map_err(csv_error)?.clone();
        let col = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let Some(term_col) = col(&["term"]) else {
            return Err(ImportError::new(
                &input.name,
                Some(1),
                "the header has no `term` column",
            ));
        };
        // The columns an imported glossary carries, and `correction` for
        // `suggestion`, as other tools name it.
        let known = super::OUT_COLUMNS.iter().chain(&["correction"]);
        for h in headers.iter() {
            if !known.clone().any(|k| h.trim().eq_ignore_ascii_case(k)) {
                skipped.add(
                    format!("column `{}` (not a glossary column)", h.trim()),
                    Some(input.name.clone()),
                );
            }
        }
        let cols = [
            col(&["suggestion", "correction"]),
            col(&["category"]),
            col(&["severity"]),
            col(&["match"]),
            col(&["min_similarity"]),
            col(&["source_term"]),
            col(&["lang"]),
            col(&["note"]),
            col(&["example"]),
        ];
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let at = Some(format!("{}:{line}", input.name));
            let get = |c: Option<usize>| {
                c.and_then(|c| record.get(c))
                    .map(str::trim)
                    .unwrap_or_default()
            };
            let term = get(Some(term_col));
            if term.is_empty() {
                skipped.add("row without a term", at);
                continue;
            }
            let category_text = get(cols[1]);
            let category = if category_text.is_empty() {
                Category::Mistranslation
            } else {
                category_text
                    .to_ascii_lowercase()
                    .parse()
                    .unwrap_or_else(|_| map_category(category_text))
            };
            let severity_text = get(cols[2]).to_ascii_lowercase();
            let severity = if severity_text.is_empty() {
                Severity::Minor
            } else if let Ok(s) = severity_text.parse() {
                s
            } else {
                skipped.add(
                    format!("unknown severity `{severity_text}` (minor used)"),
                    at.clone(),
                );
                Severity::Minor
            };
            let mut entry = match get(cols[3]).to_ascii_lowercase().as_str() {
                "regex" => {
                    let mut e = NewEntry::literal("x", category, severity);
                    e.term = term.to_owned();
                    e.mode = MatchMode::Regex;
                    e
                }
                "exact" => {
                    let mut e = NewEntry::literal(term, category, severity);
                    if e.mode == MatchMode::Fuzzy {
                        e.mode = MatchMode::Exact;
                    }
                    e
                }
                _ => NewEntry::literal(term, category, severity),
            };
            entry.suggestions = get(cols[0])
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            entry.min_similarity = get(cols[4]).parse().ok();
            let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            entry.source_term = some(get(cols[5]));
            entry.lang = some(get(cols[6])).or_else(|| lang.map(str::to_owned));
            entry.note = get(cols[7]).to_owned();
            entry.example = some(get(cols[8]));
            entries.push(entry);
        }
    }
    Ok((entries, skipped))
}
