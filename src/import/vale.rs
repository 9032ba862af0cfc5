//! Converting Vale `substitution` rules into glossary entries.
//!
//! A Vale rule file is YAML; a substitution rule maps wrong wordings to
//! right ones in `swap` (`extends: substitution`). Each key becomes an
//! entry whose suggestion is its value (`|` separates alternatives in both
//! tools). A key with regex syntax stays a regex (Vale keys are regexes,
//! matched as whole words); a plain wording becomes a fuzzy term, so that
//! inflected and misspelt variants are caught too. Vale matches
//! case-sensitively unless `ignorecase: true`; mtlint's word matching is
//! always case-insensitive, and regex keys keep Vale's case rule. `level`
//! maps onto severity (`error` → major, else minor), and `message`, with
//! its `%s` filled in, becomes the note. Rule files of another kind are
//! skipped and counted.

use serde_norway::Value;

use super::{ImportError, Input, NewEntry, Skipped, literal_term};
use crate::glossary::MatchMode;
use crate::rule::{Category, Severity};

/// Characters that make a Vale key a regex rather than a wording.
const REGEX_SYNTAX: &[char] = &[
    '[', ']', '(', ')', '{', '}', '?', '*', '+', '\\', '^', '$', '.', '|',
];

/// The 1-based line where `needle` first appears in `text`, to point
/// errors at a rule (YAML values carry no positions).
pub(super) fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
}

/// Reads the rule files and converts their swaps.
///
/// # Errors
///
/// When a file is not YAML, or a substitution rule's `swap` is not a map of
/// strings.
pub fn convert(
    inputs: &[Input],
    lang: Option<&str>,
) -> Result<(Vec<NewEntry>, Skipped), ImportError> {
    let mut skipped = Skipped::default();
    let mut entries = Vec::new();
    for input in inputs {
        let text = input.text()?;
        let doc = input.yaml()?;
        let Value::Mapping(rule) = &doc else {
            return Err(ImportError::new(
                &input.name,
                Some(1),
                "not a Vale rule: expected a YAML map with `extends`",
            ));
        };
        let get = |k: &str| rule.get(Value::String(k.to_owned()));
        let extends = get("extends").and_then(Value::as_str).unwrap_or_default();
        if extends != "substitution" {
            skipped.add(
                format!(
                    "Vale rule that is not a substitution (extends: {})",
                    if extends.is_empty() { "none" } else { extends }
                ),
                Some(input.name.clone()),
            );
            continue;
        }
        let ignorecase = get("ignorecase").and_then(Value::as_bool).unwrap_or(false);
        let severity = match get("level").and_then(Value::as_str) {
            Some("error") => Severity::Major,
            _ => Severity::Minor,
        };
        let message = get("message").and_then(Value::as_str).unwrap_or_default();
        let Some(Value::Mapping(swap)) = get("swap") else {
            return Err(ImportError::new(
                &input.name,
                line_of(text, "swap"),
                "a substitution rule needs a `swap` map of wrong wording: right wording",
            ));
        };
        let name = std::path::Path::new(&input.name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("vale");
        for (key, value) in swap {
            let as_text = |v: &Value| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            let (Some(key), Some(value)) = (as_text(key), as_text(value)) else {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, "swap"),
                    "every `swap` key and value must be a string",
                ));
            };
            let key = key.trim();
            if key.is_empty() {
                skipped.add("empty swap key", Some(input.name.clone()));
                continue;
            }
            let mut entry = NewEntry::literal(key, Category::Terminology, severity);
            if key.contains(REGEX_SYNTAX) {
                let case = if ignorecase { "" } else { "(?-i)" };
                entry.term = format!(r"{case}\b(?:{key})\b");
                entry.mode = MatchMode::Regex;
            } else if literal_term(key).1 == MatchMode::Regex && !ignorecase {
                entry.term = format!("(?-i){}", entry.term);
            }
            entry.suggestions = value
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let shown = message.replacen("%s", &value, 1).replacen("%s", key, 1);
            entry.note = if shown.is_empty() {
                format!("Vale rule {name}")
            } else {
                format!("Vale rule {name}: {shown}")
            };
            entry.lang = lang.map(str::to_owned);
            entries.push(entry);
        }
    }
    Ok((entries, skipped))
}
