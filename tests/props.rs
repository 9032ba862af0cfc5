//! Property tests: offsets, line/column, CSV round trip, and the indexed
//! matcher against the exhaustive one, over arbitrary Unicode text with CRLF.

use mtlint::check::{Checker, apply_suggestions};
use mtlint::glossary::Glossary;
use mtlint::matcher::{GlossaryMatcher, MatchOptions};
use mtlint::report::{FindingsCsv, Report};
use mtlint::text::{Document, LineIndex, word_tokens};
use proptest::prelude::*;

/// Words that glossary terms are made of, with near misses of them, so that
/// random text holds matches, fuzzy matches and non-matches.
const WORDS: &[&str] = &[
    "comfort",
    "comfrot",
    "Comfort",
    "girls",
    "girl",
    "GIRLS",
    "real",
    "reall",
    "payment",
    "paymant",
    "fund",
    "funds",
    "give",
    "out",
    "our",
    "all",
    "OUT",
    "billions",
    "profile",
    "himself",
    "itself",
    "vs",
    "VS",
    "us",
    "US",
    "Us",
    "NATO",
    "Nato",
    "NATA",
    "a",
    "an",
    "the",
    "of",
    "in",
    "prime",
    "minister",
    "minister’s",
    "Straße",
    "strasse",
    "café",
    "cafe\u{301}",
    "ﬁnance",
    "日本",
    "кот",
    "naïve",
    "Beginn",
    "beginnt",
    "Manager",
    "managen",
    "Unordnung",
    "Anordnung",
    "möchten",
    "möchte",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "-", " – ", "/", "\r\n", "\n", "\n\n", ". ", ", ", "“", "” ", "'", "\t",
    "\u{feff}",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_owned),
        4 => prop::sample::select(SEPARATORS).prop_map(str::to_owned),
        1 => any::<String>().prop_map(|s| s.chars().take(4).collect()),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..60)).prop_map(|(bom, pieces)| {
        let mut text = if bom {
            String::from("\u{feff}")
        } else {
            String::new()
        };
        text.extend(pieces);
        text
    })
}

/// Text built from the characters whose word-break rules interact.
fn tricky_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "a", "Z", "é", "1", "9", "_", ":", ".", "'", ",", ";", "\"", "’", " ", "  ", "\n", "\r\n",
        "\t", "\u{301}", "\u{93e}", "\u{200d}", "\u{a0}", "日", "ア", "🇳🇱", "👍", "-", "\u{5d0}",
        "\u{ad}",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

fn term_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..4).prop_flat_map(|words| {
        let n = words.len();
        (Just(words), prop::collection::vec(any::<bool>(), n)).prop_map(|(words, gaps)| {
            let mut term = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    term.push_str(if gaps[i] { " * " } else { " " });
                }
                term.push_str(w);
            }
            term
        })
    })
}

/// Glossary rows: (term, match mode, min_similarity).
fn rows_strategy() -> impl Strategy<Value = Vec<(String, &'static str, f64)>> {
    prop::collection::vec(
        (
            term_strategy(),
            prop::sample::select(&["", "exact", "fuzzy"][..]),
            0.5f64..1.0,
        ),
        1..8,
    )
}

fn rows_csv(rows: &[(String, &str, f64)]) -> String {
    let mut csv = String::from("id,term,suggestion,match,min_similarity,lang\n");
    for (i, (term, mode, sim)) in rows.iter().enumerate() {
        let stars = term.matches('*').count();
        let suggestion = format!("fix{i}{}", " *".repeat(stars));
        // Every other entry is for a German target, whose words keep their
        // initials; the others' own `min_similarity` is left out at times,
        // so that the one-word floor applies.
        let lang = if i % 2 == 1 { "en-de" } else { "" };
        let sim = if i % 3 == 2 {
            String::new()
        } else {
            format!("{sim:.2}")
        };
        csv.push_str(&format!(
            "e{i},\"{term}\",\"{suggestion}\",{mode},{sim},{lang}\n"
        ));
    }
    csv
}

fn glossary_strategy() -> impl Strategy<Value = String> {
    rows_strategy().prop_map(|rows| rows_csv(&rows))
}

/// A glossary and a text that holds its terms again and again, gaps filled
/// with one to three words, words sometimes swapped for a near miss, joined
/// by every kind of separator: so that matches, near misses and every gap
/// length are common, not rare.
fn glossary_and_text() -> impl Strategy<Value = (String, String)> {
    rows_strategy().prop_flat_map(|rows| {
        let terms: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let piece = prop_oneof![
            3 => prop::sample::select(WORDS).prop_map(str::to_owned),
            3 => prop::sample::select(SEPARATORS).prop_map(str::to_owned),
            4 => (
                prop::sample::select(terms),
                prop::collection::vec((1usize..4, prop::sample::select(WORDS)), 3),
                prop::sample::select(&[" ", "-", " \n", " – ", ", "][..]),
            )
                .prop_map(|(term, fills, sep)| {
                    let mut fills = fills.into_iter();
                    term.split(' ')
                        .map(|w| {
                            if w == "*" {
                                let (n, word) = fills.next().unwrap_or((1, "x"));
                                vec![word; n].join(" ")
                            } else {
                                w.to_owned()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(sep)
                }),
        ];
        (Just(rows_csv(&rows)), prop::collection::vec(piece, 0..30))
            .prop_map(|(csv, pieces)| (csv, pieces.join(" ")))
    })
}

fn compile(csv: &str, min_similarity: f64) -> Option<GlossaryMatcher> {
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    glossary.add_csv("p.csv", None, csv.as_bytes(), &mut errors);
    errors.is_empty().then(|| {
        GlossaryMatcher::new(
            &glossary,
            MatchOptions {
                min_similarity,
                ignore_source_terms: false,
            },
        )
    })
}

/// Line and column computed the slow, obvious way.
fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut col_text = &text[start..offset];
    if start == 0 {
        col_text = col_text.strip_prefix('\u{feff}').unwrap_or(col_text);
    }
    (line, col_text.chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn index_finds_exactly_what_exhaustive_search_finds(
        (csv, text) in glossary_and_text(),
        min_similarity in 0.5f64..1.0,
    ) {
        let Some(matcher) = compile(&csv, min_similarity) else { return Ok(()) };
        let doc = Document::new("p.txt", text);
        let mut indexed = Vec::new();
        mtlint::matcher::Detector::detect(&matcher, &doc, &mut indexed);
        let mut exhaustive = matcher.detect_exhaustive(&doc);
        // Hits come in no set order. Two windows can end on the same span
        // once one takes in the article before it ("an an comfort of" for
        // "an * of"), so the suggestions are part of the order too.
        let key = |h: &mtlint::matcher::Hit| (h.span, h.rule.id.clone(), h.suggestions.clone());
        indexed.sort_by_key(key);
        exhaustive.sort_by_key(key);
        prop_assert_eq!(indexed, exhaustive);
    }

    #[test]
    fn findings_are_exact_byte_spans_with_agreeing_line_and_column(
        csv in glossary_strategy(),
        text in text_strategy(),
    ) {
        let Some(matcher) = compile(&csv, 0.85) else { return Ok(()) };
        let checker = Checker { glossary: matcher, detectors: Vec::new(), weights: Default::default(), policy: Default::default() };
        let doc = Document::new("p.txt", text.clone());
        let checked = checker.check(&doc);
        // The matcher's word count is the tokenizer's.
        prop_assert_eq!(checked.summary.words, word_tokens(&text).len());
        for f in &checked.findings {
            let span = f.hit.span;
            prop_assert!(span.start < span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert_eq!(doc.line_col(span.start), naive_line_col(&text, span.start));
            prop_assert!(f.hit.confidence > 0.0 && f.hit.confidence <= 1.0);
        }
        // Overlaps are resolved: spans are disjoint and sorted.
        for pair in checked.findings.windows(2) {
            prop_assert!(pair[0].hit.span.end <= pair[1].hit.span.start);
        }
        // findings.csv parses back to the same bytes and positions.
        let mut report = FindingsCsv::new(Vec::new()).unwrap();
        report.document(&doc, &checked).unwrap();
        let bytes = report.into_inner().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), checked.findings.len());
        for (row, f) in rows.iter().zip(&checked.findings) {
            let start: usize = row[3].parse().unwrap();
            let end: usize = row[4].parse().unwrap();
            prop_assert_eq!((start, end), (f.hit.span.start, f.hit.span.end));
            prop_assert_eq!(&row[5], &text[start..end]);
            let line: usize = row[1].parse().unwrap();
            let column: usize = row[2].parse().unwrap();
            prop_assert_eq!((line, column), naive_line_col(&text, start));
        }
    }

    #[test]
    fn paragraph_chunks_find_what_the_whole_finds(
        csv in glossary_strategy(),
        text in text_strategy(),
        size in 1usize..64,
    ) {
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        glossary.add_csv("p.csv", None, csv.as_bytes(), &mut errors);
        if !errors.is_empty() { return Ok(()) }
        let index = mtlint::matcher::FuzzyIndex::new(&glossary.entries, 0.85);
        let whole = mtlint::text::Span::new(0, text.len());
        let chunks = mtlint::matcher::paragraph_chunks(&text, whole, size);
        prop_assert_eq!(chunks.first().map(|c| c.start), Some(0));
        prop_assert_eq!(chunks.last().map(|c| c.end), Some(text.len()));
        for pair in chunks.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
        }
        let pieces: Vec<_> = chunks
            .iter()
            .flat_map(|c| index.find(&text[c.range()]).into_iter().map(|m| m.shifted(c.start)))
            .collect();
        prop_assert_eq!(pieces, index.find(&text));
    }

    #[test]
    fn applying_no_suggestion_returns_the_input(text in text_strategy()) {
        prop_assert_eq!(apply_suggestions(&mtlint::text::Document::new("t.txt", text.clone()), &[], mtlint::check::Pick::First), text);
    }

    #[test]
    fn fast_tokenizer_equals_uax29(text in tricky_text()) {
        prop_assert_eq!(word_tokens(&text), mtlint::text::word_tokens_uax29(&text));
    }

    #[test]
    fn fast_tokenizer_equals_uax29_on_any_string(text in any::<String>()) {
        prop_assert_eq!(word_tokens(&text), mtlint::text::word_tokens_uax29(&text));
    }

    #[test]
    fn tokens_are_sorted_disjoint_and_on_char_boundaries(text in any::<String>()) {
        let tokens = word_tokens(&text);
        for t in &tokens {
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert_eq!(&text[t.span.range()], t.text);
        }
        for pair in tokens.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
    }

    #[test]
    fn line_index_round_trips(text in "(\\PC|\r\n|\n){0,80}") {
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices() {
            let (line, column) = index.line_col(&text, offset);
            prop_assert_eq!((line, column), naive_line_col(&text, offset));
            let start = index.line_start(line);
            let back = text[start.min(offset)..].char_indices().nth(column - 1).map(|(i, _)| start + i);
            if !(line == 1 && text.starts_with('\u{feff}') && offset == 0) {
                prop_assert_eq!(back, Some(offset));
            }
        }
    }
}

/// Text in which every detector has something to find: articles,
/// prepositions, capitals, doubled words, spaces before marks, hyphens,
/// foreign function words, line ends with and without punctuation.
fn artifact_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "the",
        "The",
        "a",
        "an",
        "on",
        "of",
        "and",
        "en",
        "und",
        "avec",
        "Norway",
        "that",
        "frag",
        "koretanthe",
        "Lee’s",
        "Tōkyō",
        "é",
        "日",
        "🇳🇱",
        " ",
        " ",
        " ",
        "  ",
        " .",
        " ,",
        ".",
        ",",
        "-",
        "—",
        "\n",
        "\r\n",
        "\n\n",
        ":",
        "“",
        "”",
        "1.",
        "- ",
        "\u{301}",
        "\u{feff}",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_detector_flags_exact_char_boundary_spans(text in artifact_text()) {
        let doc = Document::new("t.txt", text.as_str());
        for heuristic in mtlint::matcher::heuristics::all() {
            let mut hits = Vec::new();
            heuristic.detect(&doc, &mut hits);
            for hit in &hits {
                let span = hit.span;
                prop_assert!(span.start < span.end && span.end <= text.len(), "{}: {:?}", heuristic.info().id, span);
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                prop_assert_eq!(&hit.rule.id, heuristic.info().id);
            }
        }
    }
}

/// A key-value resource file of `format` holding `values` under the keys
/// `k0`, `k1`, …, each value escaped as the format's writers escape it
/// (some characters as `\u` escapes where `unicode` says, and a
/// `.properties` value split over lines where `wrap` says).
fn resource_file(
    format: mtlint::input::InputFormat,
    values: &[String],
    unicode: bool,
    wrap: bool,
) -> String {
    use mtlint::input::InputFormat;
    let u = |c: char| -> String {
        c.encode_utf16(&mut [0; 2])
            .iter()
            .map(|u| format!("\\u{u:04x}"))
            .collect()
    };
    let mut out = String::new();
    match format {
        InputFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("k{i}"), serde_json::Value::String(v.clone())))
                .collect();
            out = serde_json::to_string_pretty(&map).expect("JSON");
            if unicode {
                out = out
                    .chars()
                    .map(|c| if c.is_ascii() { c.to_string() } else { u(c) })
                    .collect();
            }
        }
        InputFormat::Properties => {
            for (i, v) in values.iter().enumerate() {
                out.push_str(&format!("k{i} = "));
                for (n, c) in v.chars().enumerate() {
                    if wrap && n == 2 {
                        out.push_str("\\\n    ");
                    }
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        ' ' if n == 0 || (wrap && n == 2) => out.push_str("\\ "),
                        c if unicode && !c.is_ascii() => out.push_str(&u(c)),
                        c => out.push(c),
                    }
                }
                out.push('\n');
            }
        }
        InputFormat::Strings => {
            for (i, v) in values.iter().enumerate() {
                let escaped: String = v
                    .chars()
                    .map(|c| match c {
                        '"' => "\\\"".to_owned(),
                        '\\' => "\\\\".to_owned(),
                        '\n' => "\\n".to_owned(),
                        c if unicode && !c.is_ascii() && (c as u32) < 0x10000 => {
                            format!("\\U{:04x}", c as u32)
                        }
                        c => c.to_string(),
                    })
                    .collect();
                out.push_str(&format!("/* k{i} */\n\"k{i}\" = \"{escaped}\";\n"));
            }
        }
        InputFormat::Android => {
            out.push_str("<resources>\n");
            for (i, v) in values.iter().enumerate() {
                // Android collapses white space: spaces that would be
                // collapsed or trimmed are written as escapes.
                let chars: Vec<char> = v.chars().collect();
                let escaped: String = chars
                    .iter()
                    .enumerate()
                    .map(|(n, &c)| match c {
                        ' ' if n == 0 || n + 1 == chars.len() || chars[n - 1] == ' ' => {
                            "\\u0020".to_owned()
                        }
                        '\t' => "\\t".to_owned(),
                        '"' => "\\\"".to_owned(),
                        '\'' => "\\'".to_owned(),
                        '\\' => "\\\\".to_owned(),
                        '\n' => "\\n".to_owned(),
                        '&' => "&amp;".to_owned(),
                        '<' => "&lt;".to_owned(),
                        '@' => "\\@".to_owned(),
                        c if unicode && !c.is_ascii() => u(c),
                        c => c.to_string(),
                    })
                    .collect();
                out.push_str(&format!("  <string name=\"k{i}\">{escaped}</string>\n"));
            }
            out.push_str("</resources>\n");
        }
        other => unreachable!("{other:?} is not a key-value format"),
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Values written by each format's escaping read back as written, as
    /// both the source and the target of a pair: each unit's source is the
    /// value, and its target's literal pieces and escapes, decoded, are the
    /// value too, every piece a byte range of the file on char boundaries.
    #[test]
    fn key_value_values_read_back_with_spans_in_the_file(
        values in prop::collection::vec("[a-zé😀 \"'\\\\\n\t&<@{}%0-9]{1,10}", 1..6),
        format in prop::sample::select(vec![
            mtlint::input::InputFormat::Json,
            mtlint::input::InputFormat::Properties,
            mtlint::input::InputFormat::Strings,
            mtlint::input::InputFormat::Android,
        ]),
        unicode in any::<bool>(),
        wrap in any::<bool>(),
    ) {
        let text = resource_file(format, &values, unicode, wrap);
        let doc = Document::new("t", text.as_str());
        let doc = mtlint::input::parse_paired(doc, format, std::path::Path::new("s"), text.clone().into_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(doc.units.len(), values.len(), "{}", text);
        for (unit, value) in doc.units.iter().zip(&values) {
            prop_assert_eq!(&unit.source, value, "{}", text);
            prop_assert!(text.is_char_boundary(unit.span.start) && text.is_char_boundary(unit.span.end));
            let segments = &doc.segments[unit.segments.clone()];
            for s in segments {
                prop_assert!(unit.span.start <= s.span.start && s.span.end <= unit.span.end);
            }
            let joined = doc.joined.iter().find(|j| j.segments == unit.segments);
            let decoded = match (joined, segments) {
                (Some(j), _) => j.text.clone(),
                (None, [one]) => text[one.span.range()].to_owned(),
                // All escapes: no literal text to check.
                (None, []) => continue,
                (None, more) => return Err(TestCaseError::fail(format!("{} segments, not joined", more.len()))),
            };
            prop_assert_eq!(&decoded, value, "{}", text);
        }
    }
}
