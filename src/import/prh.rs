//! Converting prh dictionaries into glossary entries.
//!
//! A prh dictionary is YAML: `rules`, each with the right wording in
//! `expected` and the wrong ones in `pattern` or `patterns` (a string, or a
//! JavaScript regex written `/…/flags`), an optional note in `prh`, and
//! `specs` (`from`/`to` pairs, the rule's own tests). `imports` name other
//! dictionaries, read relative to the importing file. Each pattern becomes
//! an entry suggesting `expected` (`$1` in it refers to a regex group, in
//! both tools); the first spec's `from` becomes its `example`, which the
//! import proves. A rule without a pattern means "flag the other spellings
//! of `expected`", which prh derives itself; mtlint needs the wrong wording,
//! so such rules are skipped and counted.

use std::path::Path;

use serde_norway::Value;

use super::vale::line_of;
use super::{ImportError, Input, NewEntry, Skipped};
use crate::glossary::MatchMode;
use crate::rule::{Category, Severity};

/// How deep `imports` may nest; deeper is taken for a cycle.
const MAX_IMPORT_DEPTH: usize = 8;

/// Reads the dictionaries (and what they import) and converts their rules.
///
/// # Errors
///
/// When a file is not YAML or not a prh dictionary, a rule has no
/// `expected`, a pattern is not a string, or an import cannot be read.
pub fn convert(
    inputs: &[Input],
    lang: Option<&str>,
) -> Result<(Vec<NewEntry>, Skipped), ImportError> {
    let mut skipped = Skipped::default();
    let mut entries = Vec::new();
    for input in inputs {
        convert_one(input, lang, 0, &mut entries, &mut skipped)?;
    }
    Ok((entries, skipped))
}

fn convert_one(
    input: &Input,
    lang: Option<&str>,
    depth: usize,
    entries: &mut Vec<NewEntry>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let text = input.text()?;
    let doc = input.yaml()?;
    let Value::Mapping(dict) = &doc else {
        return Err(ImportError::new(
            &input.name,
            Some(1),
            "not a prh dictionary: expected a YAML map with `rules`",
        ));
    };
    let get = |k: &str| dict.get(Value::String(k.to_owned()));
    if let Some(imports) = get("imports") {
        let list: Vec<&Value> = match imports {
            Value::Sequence(s) => s.iter().collect(),
            other => vec![other],
        };
        for item in list {
            // An import is a path, or a map with `path`.
            let path = match item {
                Value::String(s) => Some(s.as_str()),
                Value::Mapping(m) => m
                    .get(Value::String("path".to_owned()))
                    .and_then(Value::as_str),
                _ => None,
            };
            let Some(path) = path else {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, "imports"),
                    "an import must be a path",
                ));
            };
            if depth >= MAX_IMPORT_DEPTH {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, path),
                    format!("imports nest deeper than {MAX_IMPORT_DEPTH} (a cycle?)"),
                ));
            }
            let base = Path::new(&input.name).parent().unwrap_or(Path::new("."));
            let full = base.join(path);
            let bytes = super::read_file(&full, &super::Limits::default()).map_err(|e| {
                ImportError::new(
                    &input.name,
                    line_of(text, path),
                    format!("cannot read import `{}`: {e}", full.display()),
                )
            })?;
            let imported = Input {
                name: full.display().to_string(),
                bytes,
            };
            convert_one(&imported, lang, depth + 1, entries, skipped)?;
        }
    }
    let rules = match get("rules") {
        Some(Value::Sequence(r)) => r,
        None if get("imports").is_some() => return Ok(()),
        _ => {
            return Err(ImportError::new(
                &input.name,
                line_of(text, "rules"),
                "a prh dictionary needs a `rules` list",
            ));
        }
    };
    for (n, rule) in rules.iter().enumerate() {
        let Value::Mapping(rule) = rule else {
            return Err(ImportError::new(
                &input.name,
                line_of(text, "rules"),
                format!("rule {} is not a map", n + 1),
            ));
        };
        let field = |k: &str| rule.get(Value::String(k.to_owned()));
        let expected = match field("expected") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(x)) => x.to_string(),
            _ => {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, "rules"),
                    format!("rule {} has no `expected` string", n + 1),
                ));
            }
        };
        let at = line_of(text, &expected);
        let place = Some(format!("{}:{}", input.name, at.unwrap_or(1)));
        let patterns: Vec<String> = match field("patterns").or_else(|| field("pattern")) {
            None => {
                skipped.add(
                    "rule without a pattern (prh derives the variants of `expected`)",
                    place,
                );
                continue;
            }
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Sequence(list)) => {
                let mut out = Vec::new();
                for p in list {
                    match p {
                        Value::String(s) => out.push(s.clone()),
                        _ => {
                            return Err(ImportError::new(
                                &input.name,
                                at,
                                format!("rule `{expected}`: every pattern must be a string"),
                            ));
                        }
                    }
                }
                out
            }
            Some(_) => {
                return Err(ImportError::new(
                    &input.name,
                    at,
                    format!("rule `{expected}`: `pattern` must be a string or a list of strings"),
                ));
            }
        };
        let note = field("prh").and_then(Value::as_str).unwrap_or_default();
        let example = match field("specs") {
            Some(Value::Sequence(specs)) => specs
                .iter()
                .find_map(|s| s.get("from").and_then(Value::as_str).map(str::to_owned)),
            _ => None,
        };
        for pattern in patterns {
            if pattern.trim().is_empty() {
                skipped.add("empty pattern", place.clone());
                continue;
            }
            let mut entry = match js_regex(&pattern) {
                Some((body, ignore_case)) => {
                    let mut e = NewEntry::literal("x", Category::Terminology, Severity::Minor);
                    e.term = if ignore_case {
                        body
                    } else {
                        format!("(?-i){body}")
                    };
                    e.mode = MatchMode::Regex;
                    e
                }
                None => NewEntry::literal(&pattern, Category::Terminology, Severity::Minor),
            };
            entry.suggestions = vec![expected.clone()];
            entry.note = if note.is_empty() {
                format!("prh: write `{expected}`")
            } else {
                format!("prh: {note}")
            };
            entry.example.clone_from(&example);
            entry.lang = lang.map(str::to_owned);
            entries.push(entry);
        }
    }
    Ok(())
}

/// `/body/flags` as (body, case-insensitive); `None` for a plain string.
fn js_regex(pattern: &str) -> Option<(String, bool)> {
    let rest = pattern.strip_prefix('/')?;
    let end = rest.rfind('/')?;
    let flags = &rest[end + 1..];
    if !flags.chars().all(|c| "gimsuy".contains(c)) {
        return None;
    }
    Some((rest[..end].to_owned(), flags.contains('i')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_javascript_regex_literals() {
        assert_eq!(
            js_regex("/foo(bar)?/gi"),
            Some(("foo(bar)?".to_owned(), true))
        );
        assert_eq!(js_regex("/a/"), Some(("a".to_owned(), false)));
        assert_eq!(js_regex("plain"), None);
        assert_eq!(js_regex("/usr/local"), None);
    }
}
