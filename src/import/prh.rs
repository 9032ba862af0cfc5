//! Converting prh dictionaries into glossary entries.
//!
//! A prh dictionary is YAML: `rules`, each with the right wording in
//! `expected` and the wrong ones in `pattern` or `patterns` (a string, or a
//! JavaScript regex written `/…/flags`), an optional note in `prh`, and
//! `specs` (`from`/`to` pairs, the rule's own tests). `imports` name other
//! dictionaries, read relative to the importing file (each file once,
//! however many dictionaries import it; an import of a file that is still
//! being read is a cycle, an error). Each pattern becomes
//! an entry suggesting `expected` (`$1` in it refers to a regex group, in
//! both tools); the first spec's `from` becomes its `example`, which the
//! import proves. A rule without a pattern means "flag the other spellings
//! of `expected`", which prh derives itself; mtlint needs the wrong wording,
//! so such rules are skipped and counted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_norway::Value;

use super::vale::line_of;
use super::{ImportError, Input, NewEntry, Skipped};
use crate::glossary::MatchMode;
use crate::rule::{Category, Severity};

/// How deep `imports` may nest.
const MAX_IMPORT_DEPTH: usize = 8;

/// The files an import has read, and those being read (the chain of
/// imports down to the current file, for finding cycles), each by its
/// canonical path where it has one, else by its name.
#[derive(Default)]
struct Visits {
    read: HashSet<PathBuf>,
    chain: Vec<PathBuf>,
}

/// What names a file in [`Visits`].
fn file_key(name: &str) -> PathBuf {
    std::fs::canonicalize(name).unwrap_or_else(|_| PathBuf::from(name))
}

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
    let mut visits = Visits::default();
    for input in inputs {
        let key = file_key(&input.name);
        if visits.read.insert(key.clone()) {
            visits.chain.push(key);
            convert_one(input, lang, &mut visits, &mut entries, &mut skipped)?;
            visits.chain.pop();
        }
    }
    Ok((entries, skipped))
}

/// Converts `input`, the last of `visits.chain`, and the files it imports
/// that no dictionary has imported before.
fn convert_one(
    input: &Input,
    lang: Option<&str>,
    visits: &mut Visits,
    entries: &mut Vec<NewEntry>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let depth = visits.chain.len() - 1;
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
            let base = Path::new(&input.name).parent().unwrap_or(Path::new("."));
            let full = base.join(path);
            let key = file_key(&full.display().to_string());
            if visits.chain.contains(&key) {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, path),
                    format!("imports `{path}`, which imports this file (a cycle of imports)"),
                ));
            }
            if visits.read.contains(&key) {
                // Its rules are in already.
                continue;
            }
            if depth >= MAX_IMPORT_DEPTH {
                return Err(ImportError::new(
                    &input.name,
                    line_of(text, path),
                    format!("imports nest deeper than {MAX_IMPORT_DEPTH}"),
                ));
            }
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
            visits.read.insert(key.clone());
            visits.chain.push(key);
            convert_one(&imported, lang, visits, entries, skipped)?;
            visits.chain.pop();
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
        // The rule's line, for messages: looked for only when one is
        // written, since the search reads the file up to it (all of a
        // file's rules looked for would read it once per rule).
        let at = || line_of(text, &expected);
        let place = || Some(format!("{}:{}", input.name, at().unwrap_or(1)));
        let patterns: Vec<String> = match field("patterns").or_else(|| field("pattern")) {
            None => {
                skipped.add_with(
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
                                at(),
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
                    at(),
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
                skipped.add_with("empty pattern", place);
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

    /// Writes the dictionaries `files` (name, YAML) into a new folder and
    /// converts the first.
    fn convert_files(files: &[(&str, String)]) -> Result<(Vec<NewEntry>, Skipped), ImportError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, yaml) in files {
            std::fs::write(dir.path().join(name), yaml).unwrap();
        }
        let first = dir.path().join(files[0].0);
        let input = Input {
            name: first.display().to_string(),
            bytes: std::fs::read(&first).unwrap(),
        };
        convert(&[input], None)
    }

    /// A dictionary that imports each of `imports` and has one rule.
    fn dictionary(imports: &[&str], expected: &str) -> String {
        let mut yaml = String::from("version: 1\n");
        if !imports.is_empty() {
            yaml.push_str("imports:\n");
            for import in imports {
                yaml.push_str(&format!("  - {import}\n"));
            }
        }
        yaml + &format!("rules:\n  - expected: {expected}\n    pattern: x{expected}\n")
    }

    #[test]
    fn each_imported_file_is_read_once() {
        // Eight levels, each importing the next ten times: read naively,
        // the last would be read ten million times.
        let files: Vec<(String, String)> = (0..8)
            .map(|n| {
                let next = format!("d{}.yml", n + 1);
                let imports = if n < 7 {
                    vec![next.as_str(); 10]
                } else {
                    Vec::new()
                };
                (
                    format!("d{n}.yml"),
                    dictionary(&imports, &format!("Word{n}")),
                )
            })
            .collect();
        let files: Vec<(&str, String)> =
            files.iter().map(|(n, y)| (n.as_str(), y.clone())).collect();
        let (entries, skipped) = convert_files(&files).unwrap();
        let terms: Vec<&str> = entries.iter().map(|e| e.term.as_str()).collect();
        let expected: Vec<String> = (0..8).rev().map(|n| format!("xWord{n}")).collect();
        assert_eq!(terms, expected);
        assert!(skipped.is_empty());
    }

    #[test]
    fn many_rules_without_a_pattern_are_counted_with_the_first_place() {
        let mut yaml = String::from("version: 1\nrules:\n");
        for n in 0..3000 {
            yaml.push_str(&format!("  - expected: Rule{n}\n"));
            if n % 3 == 0 {
                yaml.push_str(&format!("    pattern: rle{n}\n"));
            }
        }
        let (entries, skipped) = convert_files(&[("many.yml", yaml)]).unwrap();
        assert_eq!(entries.len(), 1000);
        let reasons: Vec<(&str, usize, Option<&str>)> = skipped.iter().collect();
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].1, 2000);
        assert!(reasons[0].2.unwrap().ends_with("many.yml:5"), "{reasons:?}");
    }

    #[test]
    fn import_cycles_and_deep_nesting_are_errors() {
        let err = convert_files(&[
            ("a.yml", dictionary(&["b.yml"], "A")),
            ("b.yml", dictionary(&["a.yml"], "B")),
        ])
        .unwrap_err();
        assert!(err.file.ends_with("b.yml"), "{err}");
        assert_eq!(err.line, Some(3));
        assert_eq!(
            err.message,
            "imports `a.yml`, which imports this file (a cycle of imports)"
        );
        let chain: Vec<(String, String)> = (0..12)
            .map(|n| {
                let next = format!("c{}.yml", n + 1);
                (format!("c{n}.yml"), dictionary(&[&next], "C"))
            })
            .collect();
        let chain: Vec<(&str, String)> =
            chain.iter().map(|(n, y)| (n.as_str(), y.clone())).collect();
        let err = convert_files(&chain).unwrap_err();
        assert!(err.file.ends_with("c8.yml"), "{err}");
        assert_eq!(err.message, "imports nest deeper than 8");
    }

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
