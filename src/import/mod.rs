//! Turning what reviewers and terminologists already have into a glossary:
//! MQM annotation exports ([`mqm`]), TBX termbases ([`tbx`]), Vale
//! substitution rules ([`vale`]), prh dictionaries ([`prh`]) and CSV term
//! lists from other tools ([`termlist`]).
//!
//! Every importer produces [`NewEntry`]s and counts what it left out by
//! reason ([`Skipped`]); [`write_glossary`] then gives the entries unique ids,
//! proves each one through the glossary parser and the same checks as
//! `mtlint glossary check`, and writes the CSV. So an import always yields a
//! glossary that mtlint loads, and whatever did not fit is counted, never
//! silently lost. Malformed input is an [`ImportError`] naming the file and
//! line. This module does not print: the CLI reports the counts.

mod input;
pub mod mqm;
pub mod prh;
pub mod tbx;
pub mod termlist;
pub mod vale;

pub use input::{Input, Limits, read_file, read_inputs, read_inputs_from};

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::glossary::{MAX_WORD_CHARS, MatchMode, parse_csv};
use crate::matcher::{Detector, GlossaryMatcher, Hit, MatchOptions};
use crate::rule::{Category, Severity};
use crate::text::{Document, OneLine, gap_is_joinable, word_tokens};

/// One entry an importer proposes, before ids are assigned and it is
/// validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    /// The wording to flag; a regex when `mode` is [`MatchMode::Regex`].
    pub term: String,
    /// Correct wordings, preferred first.
    pub suggestions: Vec<String>,
    /// mtlint category.
    pub category: Category,
    /// MQM severity.
    pub severity: Severity,
    /// How the term is compared.
    pub mode: MatchMode,
    /// The entry's own least similarity for fuzzy hits, if it needs one.
    pub min_similarity: Option<f64>,
    /// Source-language wording the entry needs on bilingual input.
    pub source_term: Option<String>,
    /// Language pair such as `en-de`.
    pub lang: Option<String>,
    /// Why it is wrong and where the entry came from.
    pub note: String,
    /// A sentence that must trigger the entry.
    pub example: Option<String>,
}

impl NewEntry {
    /// An entry flagging `text` literally: as written when word matching can
    /// take it (see [`literal_term`]), else as an escaped regex.
    pub fn literal(text: &str, category: Category, severity: Severity) -> NewEntry {
        let (term, mode) = literal_term(text);
        NewEntry {
            term,
            suggestions: Vec::new(),
            category,
            severity,
            mode,
            min_similarity: None,
            source_term: None,
            lang: None,
            note: String::new(),
            example: None,
        }
    }
}

/// What an import left out, counted by reason (reasons sort by name, so the
/// report is stable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    counts: BTreeMap<String, (usize, Option<String>)>,
}

impl Skipped {
    /// Counts one item left out for `reason`; `at` (such as `file:line`) is
    /// kept for the first one, so the user can look at an example.
    pub fn add(&mut self, reason: impl Into<String>, at: Option<String>) {
        let slot = self.counts.entry(reason.into()).or_insert((0, None));
        slot.0 += 1;
        if slot.1.is_none() {
            slot.1 = at;
        }
    }

    /// [`Skipped::add`], with the place made only if it is kept (the
    /// first item left out for `reason`): finding a place may cost a
    /// search of the input.
    pub fn add_with(&mut self, reason: impl Into<String>, at: impl FnOnce() -> Option<String>) {
        let slot = self.counts.entry(reason.into()).or_insert((0, None));
        slot.0 += 1;
        if slot.1.is_none() {
            slot.1 = at();
        }
    }

    /// `(reason, count, first place)`, by reason.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize, Option<&str>)> {
        self.counts
            .iter()
            .map(|(r, (n, at))| (r.as_str(), *n, at.as_deref()))
    }

    /// The number of items left out for `reason`.
    pub fn count(&self, reason: &str) -> usize {
        self.counts.get(reason).map_or(0, |c| c.0)
    }

    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// Malformed input: the import stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file (an archive member is `archive.tar.gz:member`).
    pub file: String,
    /// 1-based line, where one applies.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error at `line` of `file`.
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages quote the input (a tar header, the character an XML
        // parser did not expect, an archive member's name): one line still.
        write!(f, "{}", OneLine(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", OneLine(&self.message))
    }
}

impl std::error::Error for ImportError {}

/// How a literal wording becomes a term: unchanged with `fuzzy` matching
/// when the glossary's word matching can express it (at most 16 words of
/// at most [`MAX_WORD_CHARS`] characters, separated only by spaces,
/// hyphens, dashes or slashes, no `*`); otherwise an escaped
/// regex (whitespace runs match any whitespace, and word boundaries are
/// required where the wording starts or ends with a letter or digit), so
/// punctuation such as a straight quote can be an entry too.
pub fn literal_term(text: &str) -> (String, MatchMode) {
    let text = text.trim();
    let tokens = word_tokens(text);
    let words_only = !tokens.is_empty()
        && !text.contains('*')
        && tokens.len() <= 16
        && tokens
            .iter()
            .all(|t| t.text.chars().count() <= MAX_WORD_CHARS)
        && text[..tokens[0].span.start].trim().is_empty()
        && text[tokens[tokens.len() - 1].span.end..].trim().is_empty()
        && tokens
            .windows(2)
            .all(|w| gap_is_joinable(&text[w[0].span.end..w[1].span.start]));
    if words_only {
        (text.to_owned(), MatchMode::Fuzzy)
    } else {
        (literal_regex(text), MatchMode::Regex)
    }
}

/// An escaped regex matching `text` literally; see [`literal_term`].
pub fn literal_regex(text: &str) -> String {
    let mut out = String::new();
    if text
        .chars()
        .next()
        .is_some_and(crate::text::is_alphanumeric)
    {
        out.push_str(r"\b");
    }
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
        } else {
            in_space = false;
            out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    if text
        .chars()
        .last()
        .is_some_and(crate::text::is_alphanumeric)
    {
        out.push_str(r"\b");
    }
    out
}

/// The columns [`write_glossary`] writes, all of them glossary columns.
const OUT_COLUMNS: [&str; 11] = [
    "id",
    "term",
    "suggestion",
    "category",
    "severity",
    "match",
    "min_similarity",
    "source_term",
    "lang",
    "note",
    "example",
];

/// Gives `entries` unique ids (`PREFIX-words-of-the-term`), validates them
/// as `mtlint glossary check` does, and returns the glossary CSV with the
/// number of entries in it.
///
/// What does not pass is repaired where that keeps its meaning, else left
/// out and counted in `skipped`: an entry the glossary parser rejects is
/// left out; an example that does not trigger its entry is dropped; an
/// entry that flags its own suggestion (a case-only correction such as
/// `Javascript` → `JavaScript`) becomes a case-sensitive regex; a
/// suggestion another entry flags is dropped, since fixing would never
/// settle.
pub fn write_glossary(
    entries: Vec<NewEntry>,
    prefix: &str,
    min_similarity: f64,
    skipped: &mut Skipped,
) -> (Vec<u8>, usize) {
    let mut entries: Vec<NewEntry> = entries
        .into_iter()
        .map(|mut e| {
            // One physical line per entry keeps parser errors mappable to
            // entries.
            e.note = one_line(&e.note);
            e.example = e.example.as_deref().map(one_line);
            e
        })
        .collect();
    // Identical wordings would report twice; keep the first.
    let mut seen = HashSet::new();
    entries.retain(|e| {
        let fresh = seen.insert((
            e.term.to_lowercase(),
            e.mode.as_str(),
            e.source_term.clone(),
        ));
        if !fresh {
            skipped.add("the same term as an earlier entry", Some(e.term.clone()));
        }
        fresh
    });
    for _round in 0..3 {
        let ids = unique_ids(&entries, prefix);
        let bytes = to_csv(&entries, &ids);
        let mut errors = Vec::new();
        let parsed = parse_csv("import", &bytes, None, 0, &mut errors);
        if !errors.is_empty() {
            let bad: HashSet<usize> = errors
                .iter()
                .filter_map(|e| e.line)
                .filter(|&l| l >= 2)
                .map(|l| l - 2)
                .collect();
            for e in &errors {
                let column = e.field.as_ref().map_or("row", |(_, name)| name.as_str());
                skipped.add(
                    format!("not a valid glossary entry (column `{column}`)"),
                    Some(e.message.clone()),
                );
            }
            let mut i = 0;
            entries.retain(|_| {
                i += 1;
                !bad.contains(&(i - 1))
            });
            continue;
        }
        let options = MatchOptions {
            min_similarity,
            ignore_source_terms: true,
        };
        let whole = GlossaryMatcher::from_entries(parsed.clone(), options);
        let mut changed = false;
        for (i, entry) in parsed.iter().enumerate() {
            if let Some(example) = &entry.example {
                let alone = GlossaryMatcher::from_entries(vec![entry.clone()], options);
                if hits(&alone, example).is_empty() {
                    skipped.add(
                        "example that does not trigger its entry (example dropped)",
                        Some(example.clone()),
                    );
                    entries[i].example = None;
                    changed = true;
                }
            }
            let mut keep = Vec::new();
            for suggestion in &entries[i].suggestions {
                let found = hits(&whole, &suggestion.replace('*', "things"));
                let by_self = found.iter().any(|h| h.rule.id == entry.rule.id);
                if by_self && entries[i].mode != MatchMode::Regex {
                    // A case-only correction: match the wrong casing only.
                    entries[i].term = format!("(?-i){}", literal_regex(&entries[i].term));
                    entries[i].mode = MatchMode::Regex;
                    keep = entries[i].suggestions.clone();
                    changed = true;
                    break;
                }
                if found.is_empty() {
                    keep.push(suggestion.clone());
                } else {
                    skipped.add(
                        "suggestion that an entry flags (suggestion dropped)",
                        Some(suggestion.clone()),
                    );
                    changed = true;
                }
            }
            entries[i].suggestions = keep;
        }
        if !changed {
            return (bytes, entries.len());
        }
    }
    let ids = unique_ids(&entries, prefix);
    (to_csv(&entries, &ids), entries.len())
}

fn hits(matcher: &GlossaryMatcher, text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    if !text.trim().is_empty() {
        matcher.detect(&Document::new("check", text), &mut out);
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `prefix-words-of-the-term`, made unique with `-2`, `-3`, …; a term
/// without letters or digits is named by its code points (`"` → `u22`).
fn unique_ids(entries: &[NewEntry], prefix: &str) -> Vec<String> {
    let mut used = HashSet::new();
    entries
        .iter()
        .map(|e| {
            let shown = if e.mode == MatchMode::Regex {
                e.term
                    .replace("(?-i)", "")
                    .replace(r"\s+", " ")
                    .replace(r"\b", "")
            } else {
                e.term.clone()
            };
            let lower = shown.to_lowercase();
            let words: Vec<String> = lower
                .split(|c: char| !(c.is_lowercase() || c.is_numeric()))
                .filter(|w| !w.is_empty())
                .take(6)
                .map(str::to_owned)
                .collect();
            let slug = if words.is_empty() {
                shown
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '\\')
                    .take(4)
                    .map(|c| format!("u{:x}", c as u32))
                    .collect::<Vec<_>>()
                    .join("-")
            } else {
                words.join("-")
            };
            let base = if slug.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}-{slug}")
            };
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

fn to_csv(entries: &[NewEntry], ids: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(OUT_COLUMNS)
        .expect("writing to memory cannot fail");
    for (e, id) in entries.iter().zip(ids) {
        let min_similarity = e.min_similarity.map(|x| format!("{x:.2}"));
        let record = [
            id.as_str(),
            e.term.as_str(),
            &e.suggestions.join("|"),
            e.category.as_str(),
            e.severity.as_str(),
            e.mode.as_str(),
            min_similarity.as_deref().unwrap_or(""),
            e.source_term.as_deref().unwrap_or(""),
            e.lang.as_deref().unwrap_or(""),
            e.note.as_str(),
            e.example.as_deref().unwrap_or(""),
        ];
        w.write_record(record)
            .expect("writing to memory cannot fail");
    }
    w.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stay_fuzzy_and_punctuation_becomes_regex() {
        assert_eq!(
            literal_term(" comfort girls "),
            ("comfort girls".to_owned(), MatchMode::Fuzzy)
        );
        assert_eq!(
            literal_term("E-Mail"),
            ("E-Mail".to_owned(), MatchMode::Fuzzy)
        );
        assert_eq!(literal_term("\""), ("\"".to_owned(), MatchMode::Regex));
        assert_eq!(
            literal_term("ja, und"),
            (r"\bja,\s+und\b".to_owned(), MatchMode::Regex)
        );
        assert_eq!(
            literal_term("Nr. 5"),
            (r"\bNr\.\s+5\b".to_owned(), MatchMode::Regex)
        );
        // A word too long for word matching.
        let long = "ab".repeat(5_000);
        assert_eq!(
            literal_term(&long),
            (format!(r"\b{long}\b"), MatchMode::Regex)
        );
    }

    #[test]
    fn yaml_nesting_is_refused_before_it_is_read() {
        let input = |text: String| Input {
            name: "deep.yml".to_owned(),
            bytes: text.into_bytes(),
        };
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let deep = format!(
                "rules: {}1{}\n",
                open.repeat(100_000),
                close.repeat(100_000)
            );
            let err = input(deep).yaml().unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "deep.yml:1: not valid YAML: collections nest deeper than 128 levels at line 1 column {}",
                    8 + 128 * open.len()
                )
            );
        }
        // Nesting the reader takes, and brackets in comments, strings and
        // plain scalars, are left to the reader.
        let fine = format!(
            "a: {}1{}\nb: \"{}\"\nc: '{}'\n# {}\nd: x{}\n",
            "[".repeat(100),
            "]".repeat(100),
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300),
            "[".repeat(300)
        );
        let result = input(fine).yaml();
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let e = |t: &str| NewEntry::literal(t, Category::Style, Severity::Minor);
        let ids = unique_ids(
            &[e("Frau Bulley"), e("frau bulley!"), e("\""), e("你好")],
            "mqm",
        );
        assert_eq!(
            ids,
            [
                "mqm-frau-bulley",
                "mqm-frau-bulley-2",
                "mqm-u22",
                "mqm-u4f60-u597d"
            ]
        );
    }

    #[test]
    fn case_only_corrections_become_case_sensitive() {
        let mut e = NewEntry::literal("Javascript", Category::Spelling, Severity::Minor);
        e.suggestions = vec!["JavaScript".to_owned()];
        let mut skipped = Skipped::default();
        let (csv, _) = write_glossary(vec![e], "prh", 0.85, &mut skipped);
        let text = String::from_utf8(csv).unwrap();
        assert!(text.contains(r"(?-i)\bJavascript\b,JavaScript"), "{text}");
        assert!(skipped.is_empty());
    }

    #[test]
    fn invalid_entries_are_counted_not_written() {
        let mut bad = NewEntry::literal("x", Category::Style, Severity::Minor);
        bad.term = "(".to_owned();
        bad.mode = MatchMode::Regex;
        let good = NewEntry::literal("good words", Category::Style, Severity::Minor);
        let mut skipped = Skipped::default();
        let csv =
            String::from_utf8(write_glossary(vec![bad, good], "t", 0.85, &mut skipped).0).unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert_eq!(
            skipped.count("not a valid glossary entry (column `term`)"),
            1
        );
    }

    #[test]
    fn errors_that_quote_the_input_stay_one_line() {
        use std::io::Write;

        // A tar header whose checksum field holds a line break: the tar
        // reader's message quotes the field and the member's name.
        let mut header = [0u8; 512];
        header[..9].copy_from_slice(b"a\nb.tsv\r\n");
        header[148..156].copy_from_slice(b"12\n34\n56");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&header).unwrap();
        let bytes = gz.finish().unwrap();
        let err = read_inputs_from("mqm.tar.gz", &bytes[..], &Limits::default()).unwrap_err();
        let shown = err.to_string();
        assert!(!shown.contains(['\n', '\r']), "{shown}");
        assert!(shown.contains(r"12\n34\n56"), "{shown}");

        // The XML parser names the character it did not expect.
        let tbx =
            "<martif type=\"TBX\">\n<text><body><termEntry id=\"c1\"/\n</body></text></martif>";
        let input = Input {
            name: "terms.tbx".to_owned(),
            bytes: tbx.as_bytes().to_vec(),
        };
        let err = tbx::convert(&[input], &tbx::Options::default()).unwrap_err();
        let shown = err.to_string();
        assert!(!shown.contains('\n'), "{shown}");
        assert!(shown.contains(r"'\n'"), "{shown}");
    }
}
