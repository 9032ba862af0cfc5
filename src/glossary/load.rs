//! Reading and validating one CSV glossary.

use std::sync::Arc;

use regex::{Regex, RegexBuilder};

use crate::text::excerpt;

use super::{Entry, GlossaryError, MatchMode, Origin, Pattern, Place, Places, TermPart};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Token, gap_is_joinable, normalize_word, word_tokens};

/// The columns a glossary may have, in the order the documentation lists
/// them. Only `term` is required.
pub const COLUMNS: [&str; 14] = [
    "id",
    "term",
    "suggestion",
    "category",
    "severity",
    "match",
    "min_similarity",
    "unless",
    "source_term",
    "lang",
    "note",
    "example",
    "fixed",
    "case",
];

/// The most words a fuzzy or exact term may have; longer wordings belong in
/// a regex, and the bound keeps window search cheap.
const MAX_TERM_WORDS: usize = 16;

/// The most characters a word of a fuzzy or exact term (or of a
/// `source_term`) may have. A word is indexed by every string made of it
/// by deleting up to two characters, about n²/2 of them for n characters:
/// a word of thousands would take the compiler minutes and gigabytes,
/// where the longest words of real glossaries have some 40 characters.
/// (The limit is below 63 characters, the length the index lumps all
/// longer keys under, so that a text word of any length is looked up by
/// one key.)
pub const MAX_WORD_CHARS: usize = 60;

/// Whether `s` is a language pair as the `lang` column takes it: two
/// known lowercase language codes joined by a hyphen (`nl-en`; see
/// [`super::lang::is_lang_code`]).
pub fn is_lang_pair(s: &str) -> bool {
    s.split_once('-')
        .is_some_and(|(a, b)| super::lang::is_lang_code(a) && super::lang::is_lang_code(b))
}

/// Where each field of the CSV record that starts at byte `start`, on line
/// `line`, begins: the csv reader gives a record's position, not its
/// fields', so the record's bytes are read again (RFC 4180 quoting, as
/// the reader is set up). A field after a quoted line break is on a later
/// line; columns count characters, and bytes that are not UTF-8 count one
/// each but for continuation bytes.
fn field_places(bytes: &[u8], start: usize, line: usize) -> Vec<Place> {
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut places = Vec::new();
    let (mut at, mut line, mut line_start) = (start, line, start);
    loop {
        let column = 1 + bytes[line_start..at]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        places.push(Place {
            line: to_u32(line),
            column: to_u32(column),
            field: to_u32(places.len() + 1),
        });
        if bytes.get(at) == Some(&b'"') {
            at += 1;
            while let Some(&b) = bytes.get(at) {
                at += 1;
                match b {
                    b'"' if bytes.get(at) == Some(&b'"') => at += 1,
                    b'"' => break,
                    b'\n' => {
                        line += 1;
                        line_start = at;
                    }
                    _ => {}
                }
            }
        }
        while let Some(&b) = bytes.get(at) {
            if matches!(b, b',' | b'\n' | b'\r') {
                break;
            }
            at += 1;
        }
        if bytes.get(at) != Some(&b',') {
            return places;
        }
        at += 1;
    }
}

/// The place of field `i` (0-based) of a record, as [`field_places`] found
/// them; the record's start when there is no such field.
fn place_of(places: &[Place], i: usize) -> Place {
    places.get(i).copied().unwrap_or(Place {
        field: u32::try_from(i + 1).unwrap_or(u32::MAX),
        ..places[0]
    })
}

/// Parses one CSV glossary. Entries that have problems are left out and the
/// problems pushed to `errors`, so that one run reports all of them: a
/// header with an unknown or repeated column still has its rows read (the
/// column left out), so that their problems come in the same run.
///
/// `pair` is the language pair taken from the file name, for entries whose
/// `lang` is empty; `first_order` is the number of rules loaded before.
pub fn parse_csv(
    file: &str,
    bytes: &[u8],
    pair: Option<&str>,
    first_order: usize,
    errors: &mut Vec<GlossaryError>,
) -> Vec<Entry> {
    let err = |line: Option<usize>, message: String| GlossaryError::new(file, line, message);
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let places_of = |position: Option<&csv::Position>| match position {
        Some(p) => field_places(
            bytes,
            usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len()),
            usize::try_from(p.line()).unwrap_or(usize::MAX),
        ),
        None => field_places(bytes, 0, 1),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            errors.push(err(Some(1), csv_message(&e)));
            return Vec::new();
        }
    };
    if headers.iter().all(|h| h.trim().is_empty()) {
        errors.push(err(
            Some(1),
            "empty glossary: the first line must be a header naming the columns, e.g. `term,suggestion,severity,note`".to_owned(),
        ));
        return Vec::new();
    }
    let header_places = places_of(headers.position());
    let mut index: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        let at =
            |message: String| GlossaryError::at(file, place_of(&header_places, i), name, message);
        match COLUMNS.iter().position(|&c| c == name) {
            Some(c) if index[c].is_some() => {
                errors.push(at(format!(
                    "column appears twice in the header (first as column {}); the first one is read",
                    index[c].map_or(0, |first| first + 1)
                )));
            }
            Some(c) => index[c] = Some(i),
            None => {
                let hint = if headers.len() == 1 && name.contains([';', '\t', '|']) {
                    // One column holding the names: another separator.
                    format!(
                        "; the header is one column: glossaries are comma-separated, and this file seems to use `{}`",
                        name.chars()
                            .find(|c| [';', '\t', '|'].contains(c))
                            .unwrap_or(';')
                            .escape_default()
                    )
                } else {
                    COLUMNS
                        .iter()
                        .filter(|c| strsim::damerau_levenshtein(c, &name.to_lowercase()) <= 2)
                        .min_by_key(|c| strsim::damerau_levenshtein(c, &name.to_lowercase()))
                        .map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
                };
                errors.push(at(format!(
                    "unknown column (known columns: {}){hint}",
                    COLUMNS.join(", ")
                )));
            }
        }
    }
    if index[1].is_none() {
        errors.push(err(
            Some(1),
            "the header has no `term` column, the one column every glossary needs".to_owned(),
        ));
        return Vec::new();
    }

    // A row per line, as most glossaries are written: the list is sized
    // once instead of growing by copies.
    let mut entries = Vec::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count());
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                errors.push(match e.kind() {
                    csv::ErrorKind::Utf8 { pos, err: utf8 } => {
                        let field = utf8.field();
                        let name = headers.get(field).unwrap_or("").trim();
                        let place = place_of(&places_of(pos.as_ref()), field);
                        GlossaryError::at(file, place, name, csv_message(&e))
                    }
                    _ => err(e.position().map(|p| p.line() as usize), csv_message(&e)),
                });
                // A malformed row may have desynchronised the reader only
                // for its own line; UTF-8 and length errors leave it usable.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let record_places = places_of(record.position());
        let place = |c: usize| index[c].map(|i| place_of(&record_places, i));
        let field = |c: usize| index[c].and_then(|i| record.get(i)).unwrap_or("").trim();
        let row = Row {
            id: field(0),
            term: field(1),
            suggestion: field(2),
            category: field(3),
            severity: field(4),
            mode: field(5),
            min_similarity: field(6),
            unless: field(7),
            source_term: field(8),
            lang: field(9),
            note: field(10),
            example: field(11),
            fixed: field(12),
            case: field(13),
        };
        if row.term.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank spreadsheet row
        }
        let order = first_order + entries.len();
        match row.to_entry(
            Origin {
                file: file.to_owned(),
                line,
                places: Places {
                    id: place(0),
                    term: place(1),
                    suggestion: place(2),
                    example: place(11),
                    fixed: place(12),
                },
            },
            pair,
            order,
        ) {
            Ok(entry) => entries.push(entry),
            Err((column, message)) => {
                let c = COLUMNS
                    .iter()
                    .position(|&name| name == column)
                    .expect("rows name their own columns");
                errors.push(match place(c) {
                    Some(place) => GlossaryError::at(file, place, column, message),
                    // The id made of the term: no `id` column to point at.
                    None => match place(1) {
                        Some(place) => GlossaryError::at(file, place, "term", message),
                        None => err(Some(line), message),
                    },
                });
            }
        }
    }
    entries
}

/// A CSV reader error as one line, without the position (given apart).
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 (save the file as UTF-8)".to_owned(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} fields but the header has {expected_len} (a comma inside a value needs the value in double quotes)"
        ),
        _ => e.to_string(),
    }
}

/// The raw, trimmed fields of one row.
struct Row<'r> {
    id: &'r str,
    term: &'r str,
    suggestion: &'r str,
    category: &'r str,
    severity: &'r str,
    mode: &'r str,
    min_similarity: &'r str,
    unless: &'r str,
    source_term: &'r str,
    lang: &'r str,
    note: &'r str,
    example: &'r str,
    fixed: &'r str,
    case: &'r str,
}

type ColumnError = (&'static str, String);

impl Row<'_> {
    fn to_entry(
        &self,
        origin: Origin,
        pair: Option<&str>,
        order: usize,
    ) -> Result<Entry, ColumnError> {
        if self.term.is_empty() {
            return Err((
                "term",
                "empty term: every entry needs the wording to flag".to_owned(),
            ));
        }
        let mode = match self.mode.to_ascii_lowercase().as_str() {
            "" | "fuzzy" => MatchMode::Fuzzy,
            "exact" => MatchMode::Exact,
            "regex" => MatchMode::Regex,
            other => {
                return Err((
                    "match",
                    format!("`{other}` is not one of fuzzy, exact, regex"),
                ));
            }
        };
        let pattern = match mode {
            MatchMode::Regex => Pattern::Regex(compile_regex(self.term).map_err(|m| ("term", m))?),
            _ => Pattern::Words(parse_term(self.term).map_err(|m| ("term", m))?),
        };
        let gaps = match &pattern {
            Pattern::Words(parts) => parts.iter().filter(|p| **p == TermPart::Gap).count(),
            Pattern::Regex(_) => 0,
        };
        let (suggestions, fix) =
            parse_suggestions(self.suggestion, gaps).map_err(|m| ("suggestion", m))?;
        if !self.fixed.is_empty() && self.example.is_empty() {
            return Err((
                "fixed",
                "a `fixed` sentence needs the `example` it is the fix of".to_owned(),
            ));
        }
        let category = if self.category.is_empty() {
            Category::Mistranslation
        } else {
            self.category
                .parse()
                .map_err(|e| ("category", format!("{e}")))?
        };
        let severity = if self.severity.is_empty() {
            Severity::Minor
        } else {
            self.severity
                .parse()
                .map_err(|e| ("severity", format!("{e}")))?
        };
        let min_similarity = match self.min_similarity {
            "" => None,
            s => match s.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
                _ => {
                    return Err((
                        "min_similarity",
                        format!("`{s}` is not a number from 0 to 1"),
                    ));
                }
            },
        };
        if !self.source_term.is_empty() {
            long_word_error(
                "source term",
                self.source_term,
                &word_tokens(self.source_term),
            )
            .map_err(|m| ("source_term", m))?;
        }
        let unless = match self.unless {
            "" => None,
            s => Some(compile_regex(s).map_err(|m| ("unless", m))?),
        };
        let lang = match self.lang {
            "" => pair.map(str::to_owned),
            s if is_lang_pair(&s.to_ascii_lowercase()) => Some(s.to_ascii_lowercase()),
            // One code: the target language, whatever the source.
            s if super::lang::is_lang_code(&s.to_ascii_lowercase()) => Some(s.to_ascii_lowercase()),
            s => {
                return Err((
                    "lang",
                    format!(
                        "`{s}` is neither a language pair such as `nl-en` (two known lowercase language codes joined by `-`) nor a target language such as `en`"
                    ),
                ));
            }
        };
        let any_case = match self.case.to_ascii_lowercase().as_str() {
            "" | "auto" => false,
            "any" if mode == MatchMode::Regex => {
                return Err((
                    "case",
                    "regex terms set their case in the expression (`(?-i)`); leave `case` empty"
                        .to_owned(),
                ));
            }
            "any"
                if !word_tokens(self.term)
                    .iter()
                    .any(|t| super::is_all_capitals(t.text)) =>
            {
                return Err((
                    "case",
                    format!(
                        "`any` changes nothing: term `{}` has no all-capitals word",
                        self.term
                    ),
                ));
            }
            "any" => true,
            other => {
                return Err(("case", format!("`{other}` is not one of auto, any")));
            }
        };
        let id = if self.id.is_empty() {
            derive_id(self.term, &pattern).ok_or((
                "id",
                "cannot derive an id from this term; give the entry an `id`".to_owned(),
            ))?
        } else if is_kebab_case(self.id) {
            self.id.to_owned()
        } else {
            return Err((
                "id",
                format!(
                    "`{}` is not kebab-case (lowercase letters and digits joined by single `-`)",
                    self.id
                ),
            ));
        };
        let rule = Arc::new(Rule {
            id: format!("glossary:{id}"),
            category,
            severity,
            note: self.note.to_owned(),
            order,
        });
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok(Entry {
            rule,
            id,
            term: self.term.to_owned(),
            pattern,
            mode,
            suggestions,
            fix,
            min_similarity,
            unless,
            source_term: non_empty(self.source_term),
            lang,
            example: non_empty(self.example),
            fixed: non_empty(self.fixed),
            any_case,
            origin,
        })
    }
}

/// Compiles a glossary regex: case-insensitive by default, like the other
/// modes; it must not match empty text, which would flag nothing visible.
fn compile_regex(pattern: &str) -> Result<Regex, String> {
    let regex = RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let detail = e.to_string();
            let last = detail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            format!(
                "invalid regex `{}`: {}",
                excerpt(pattern, 80),
                excerpt(last.trim().trim_start_matches("error: "), 200)
            )
        })?;
    if regex.is_match("") {
        return Err(format!(
            "regex `{}` matches empty text; it must match at least one character",
            excerpt(pattern, 80)
        ));
    }
    Ok(regex)
}

/// Splits a fuzzy or exact term into normalized words and `*` gaps.
fn parse_term(term: &str) -> Result<Vec<TermPart>, String> {
    let tokens = word_tokens(term);
    if tokens.is_empty() {
        return Err(format!(
            "term `{term}` has no words (use match=regex for punctuation)"
        ));
    }
    let outside = |s: &str| s.chars().find(|c| !c.is_whitespace());
    if let Some(c) = outside(&term[..tokens[0].span.start])
        .or_else(|| outside(&term[tokens[tokens.len() - 1].span.end..]))
    {
        return Err(if c == '*' {
            format!("term `{term}` starts or ends with `*`; a gap must stand between two words")
        } else {
            format!(
                "term `{term}` has `{c}` outside its words; fuzzy and exact terms match words only (use match=regex)"
            )
        });
    }
    long_word_error("term", term, &tokens)?;
    let mut parts = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            let gap = &term[tokens[i - 1].span.end..token.span.start];
            match gap.matches('*').count() {
                0 if gap_is_joinable(gap) => {}
                0 => {
                    return Err(format!(
                        "term `{term}` has punctuation between words (`{}`) that a match never spans (use match=regex)",
                        gap.trim()
                    ));
                }
                1 if gap.trim() == "*" => parts.push(TermPart::Gap),
                _ => {
                    return Err(format!(
                        "term `{term}`: write one `*` between two words for each gap"
                    ));
                }
            }
        }
        parts.push(TermPart::Word(normalize_word(token.text).into_owned()));
    }
    let words = parts.iter().filter(|p| **p != TermPart::Gap).count();
    if words > MAX_TERM_WORDS {
        return Err(format!(
            "term has {words} words; at most {MAX_TERM_WORDS} (use match=regex for longer wordings)"
        ));
    }
    Ok(parts)
}

/// An error when a word of `tokens` (the words of `text`, a term or a
/// source term as `what` says) is longer than [`MAX_WORD_CHARS`]: one line,
/// the text cut short.
fn long_word_error(what: &str, text: &str, tokens: &[Token<'_>]) -> Result<(), String> {
    let Some(chars) = tokens
        .iter()
        .map(|t| t.text.chars().count())
        .find(|&chars| chars > MAX_WORD_CHARS)
    else {
        return Ok(());
    };
    let shown: String = text.chars().take(32).collect();
    let more = if shown.len() < text.len() { "…" } else { "" };
    Err(format!(
        "{what} `{shown}{more}` has a word of {chars} characters; words of fuzzy and exact terms have at most {MAX_WORD_CHARS} (use match=regex for longer strings)"
    ))
}

/// Splits `a|b` into alternatives; each must keep the term's gaps. Also
/// gives the alternative `fix` applies on its own: the only one, or the
/// one written with a leading `!` (`!conduct a study|carry out a study`).
fn parse_suggestions(field: &str, gaps: usize) -> Result<(Vec<String>, Option<usize>), String> {
    if field.is_empty() {
        return Ok((Vec::new(), None));
    }
    let mut out = Vec::new();
    let mut marked = None;
    for alt in field.split('|').map(str::trim) {
        let alt = match alt.strip_prefix('!') {
            Some(rest) => {
                if marked.is_some() {
                    return Err(format!(
                        "`{field}` marks more than one alternative with `!`; mark the one `fix` applies"
                    ));
                }
                marked = Some(out.len());
                rest.trim_start()
            }
            None => alt,
        };
        if alt.is_empty() {
            return Err(format!("`{field}` has an empty alternative between `|`"));
        }
        let stars = alt.matches('*').count();
        if stars != gaps {
            return Err(format!(
                "`{alt}` has {stars} `*` but the term has {gaps} gap(s); write one `*` for each gap so its words are kept"
            ));
        }
        out.push(alt.to_owned());
    }
    let fix = marked.or((out.len() == 1).then_some(0));
    Ok((out, fix))
}

/// An id made of the term: its normalized words joined by `-`.
fn derive_id(term: &str, pattern: &Pattern) -> Option<String> {
    let words: Vec<String> = match pattern {
        Pattern::Words(parts) => parts
            .iter()
            .filter_map(|p| match p {
                TermPart::Word(w) => Some(w.clone()),
                TermPart::Gap => None,
            })
            .collect(),
        Pattern::Regex(_) => word_tokens(term)
            .iter()
            .map(|t| normalize_word(t.text).into_owned())
            .collect(),
    };
    let id = words
        .iter()
        .flat_map(|w| w.split(|c: char| !crate::text::is_alphanumeric(c)))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (!id.is_empty() && is_kebab_case(&id)).then_some(id)
}

/// Lowercase letters and digits joined by single hyphens.
fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_numeric() || c.is_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(csv: &str) -> (Vec<Entry>, Vec<String>) {
        let mut errors = Vec::new();
        let entries = parse_csv("g.csv", csv.as_bytes(), None, 0, &mut errors);
        (entries, errors.iter().map(ToString::to_string).collect())
    }

    fn one_error(csv: &str) -> String {
        let (_, errors) = parse(csv);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].clone()
    }

    #[test]
    fn every_column_is_read() {
        let (entries, errors) = parse(
            "id,term,suggestion,category,severity,match,min_similarity,unless,source_term,lang,note,example\n\
             give-out,give * out,spend *,mistranslation,major,fuzzy,0.9,give up,uitgeven,nl-en,Dutch 'uitgeven',They give billions out.\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let e = &entries[0];
        assert_eq!(e.id, "give-out");
        assert_eq!(e.rule.id, "glossary:give-out");
        assert_eq!(e.rule.severity, Severity::Major);
        assert_eq!(e.suggestions, ["spend *"]);
        assert_eq!(e.min_similarity, Some(0.9));
        assert!(e.unless.is_some());
        assert_eq!(e.source_term.as_deref(), Some("uitgeven"));
        assert_eq!(e.lang.as_deref(), Some("nl-en"));
        assert_eq!(e.example.as_deref(), Some("They give billions out."));
        let Pattern::Words(parts) = &e.pattern else {
            panic!()
        };
        assert_eq!(
            parts,
            &[
                TermPart::Word("give".into()),
                TermPart::Gap,
                TermPart::Word("out".into())
            ]
        );
    }

    #[test]
    fn defaults_apply() {
        let (entries, _) = parse("term\nComfort Girls\n");
        let e = &entries[0];
        assert_eq!(e.id, "comfort-girls");
        assert_eq!(e.rule.category, Category::Mistranslation);
        assert_eq!(e.rule.severity, Severity::Minor);
        assert_eq!(e.mode, MatchMode::Fuzzy);
        assert!(e.suggestions.is_empty());
    }

    #[test]
    fn missing_term_column() {
        assert_eq!(
            one_error("suggestion,note\nfoo,bar\n"),
            "g.csv:1:1: the header has no `term` column, the one column every glossary needs"
        );
    }

    #[test]
    fn a_typo_in_the_header_gets_a_suggestion() {
        let msg = one_error("term,severty\nfoo,minor\n");
        assert!(msg.ends_with("; did you mean `severity`?"), "{msg}");
    }

    #[test]
    fn another_separator_is_named() {
        let mut errors = Vec::new();
        let mut g = crate::glossary::Glossary::default();
        g.add_csv("g.csv", None, b"term;suggestion\nfoo;bar\n", &mut errors);
        assert!(
            errors[0].to_string().contains("this file seems to use `;`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn unknown_column_is_named() {
        let msg = one_error("term,sugestion\nfoo,bar\n");
        assert!(
            msg.starts_with("g.csv:1:6: column 2 `sugestion`: unknown column"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_severity_names_line_and_column() {
        assert_eq!(
            one_error("term,severity\nfoo,minor\nbar,huge\n"),
            "g.csv:3:5: column 2 `severity`: `huge` is not one of minor, major, critical"
        );
    }

    #[test]
    fn invalid_regex_is_explained() {
        let msg = one_error("term,match\n(unclosed,regex\n");
        assert!(
            msg.starts_with("g.csv:2:1: column 1 `term`: invalid regex `(unclosed`"),
            "{msg}"
        );
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn regex_matching_empty_text_is_refused() {
        let msg = one_error("term,match\na*,regex\n");
        assert!(msg.contains("matches empty text"), "{msg}");
    }

    #[test]
    fn gaps_must_stand_between_words() {
        assert!(one_error("term\n* out\n").contains("starts or ends with `*`"));
        assert!(one_error("term\ngive * * out\n").contains("one `*`"));
        assert!(one_error("term,suggestion\ngive * out,spend\n").contains("gap"));
    }

    #[test]
    fn punctuation_in_fuzzy_term_is_refused() {
        assert!(one_error("term\n\"hello, world\"\n").contains("punctuation"));
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(one_error("term,min_similarity\nfoo,1.5\n").contains("from 0 to 1"));
        assert!(one_error("term,lang\nfoo,dutch\n").contains("language pair"));
        assert!(one_error("term,lang\nfoo,xx-yy\n").contains("language pair"));
        assert!(one_error("term,case\nsupport VS,upper\n").contains("not one of auto, any"));
        assert!(one_error("term,case\nsupport vs,any\n").contains("no all-capitals word"));
        assert!(one_error("term,match,case\nVS,regex,any\n").contains("(?-i)"));
        assert!(one_error("term,id\nfoo,Foo_Bar\n").contains("kebab-case"));
        assert!(one_error("term,category\nfoo,meaning\n").contains("mistranslation"));
        assert!(one_error("term,match\nfoo,approx\n").contains("fuzzy, exact, regex"));
    }

    #[test]
    fn words_longer_than_the_limit_are_refused_with_the_entry() {
        let longest = "x".repeat(MAX_WORD_CHARS);
        let (entries, errors) = parse(&format!("term,match\n{longest} town,\n{longest},exact\n"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 2);
        // A word of 10 KB, alone, among others, or in a source term: one
        // line naming the file, the row, the column and the term's start.
        let long = "ab".repeat(5_000);
        let msg = one_error(&format!("term\n{long}\n"));
        assert_eq!(
            msg,
            format!(
                "g.csv:2:1: column 1 `term`: term `{}…` has a word of 10000 characters; words of fuzzy and exact terms have at most {MAX_WORD_CHARS} (use match=regex for longer strings)",
                &long[..32]
            )
        );
        let msg = one_error(&format!("id,term,match\nlong,the {long} word,exact\n"));
        assert!(
            msg.starts_with("g.csv:2:6: column 2 `term`: term `the abab") && !msg.contains('\n'),
            "{msg}"
        );
        let msg = one_error(&format!("term,source_term\nfoo,{long}\n"));
        assert!(
            msg.starts_with("g.csv:2:5: column 2 `source_term`: source term `abab"),
            "{msg}"
        );
        // One character over the limit is refused too; a regex may be long.
        let over = "y".repeat(MAX_WORD_CHARS + 1);
        let chars = format!("{} characters", MAX_WORD_CHARS + 1);
        assert!(one_error(&format!("term\n{over}\n")).contains(&chars));
        let (_, errors) = parse(&format!("term,match\n{long},regex\n"));
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn ragged_row_is_reported_and_others_kept() {
        let (entries, errors) = parse("term,note\nfoo,a,b\nbar,ok\n");
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("g.csv:2:1: this row has 3 fields"),
            "{errors:?}"
        );
    }

    #[test]
    fn bom_comments_and_blank_rows_are_fine() {
        let (entries, errors) = parse("\u{feff}term,note\n# a comment\n,\nfoo bar,x\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].origin.line, 4);
    }

    #[test]
    fn errors_name_the_line_and_column_where_the_field_starts() {
        // After a quoted field over two lines, a field of the same row is
        // on the next line; columns count characters, not bytes.
        let (_, errors) =
            parse("term,note,severity\n\"é x\",\"a \"\"q\"\", two\nlines\",huge\nbar,é,tiny\n");
        assert_eq!(
            errors,
            [
                "g.csv:3:8: column 3 `severity`: `huge` is not one of minor, major, critical",
                "g.csv:4:7: column 3 `severity`: `tiny` is not one of minor, major, critical",
            ]
        );
        let mut errors = Vec::new();
        parse_csv("g.csv", b"term,note\nfoo,caf\xe9\n", None, 0, &mut errors);
        assert_eq!(
            errors[0].to_string(),
            "g.csv:2:5: column 2 `note`: not valid UTF-8 (save the file as UTF-8)"
        );
    }

    #[test]
    fn a_bad_header_does_not_hide_the_rows_problems() {
        let (entries, errors) = parse("term,severty,term\nfoo,x,y\nbar,x\nbaz qux,x,y\n");
        assert_eq!(
            errors,
            [
                "g.csv:1:6: column 2 `severty`: unknown column (known columns: id, term, suggestion, category, severity, match, min_similarity, unless, source_term, lang, note, example, fixed, case); did you mean `severity`?",
                "g.csv:1:14: column 3 `term`: column appears twice in the header (first as column 1); the first one is read",
                "g.csv:3:1: this row has 2 fields but the header has 3 (a comma inside a value needs the value in double quotes)",
            ]
        );
        let terms: Vec<&str> = entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["foo", "baz qux"]);
    }

    #[test]
    fn empty_file_needs_a_header() {
        assert!(one_error("").contains("header"));
    }

    #[test]
    fn lang_pairs() {
        assert!(is_lang_pair("nl-en"));
        assert!(is_lang_pair("fil-en"));
        assert!(!is_lang_pair("nl_en"));
        assert!(!is_lang_pair("nl-EN"));
        assert!(!is_lang_pair("nl-en-gb"));
    }
}
