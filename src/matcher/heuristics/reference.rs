//! The detectors that read a chunk's shared words, or that find their
//! candidates by searching, as they were first written: each a pass of its
//! own over lines or whitespace-delimited pieces. The property test below
//! holds the faster ones to them (GarbledWord's piece now starts after a
//! whitespace character of any width, where this one sliced into it).

use proptest::prelude::*;

use super::*;
use crate::text::word_tokens;

/// (span, suggestions) of each hit, sorted.
type Found = Vec<(Span, Vec<String>)>;

fn space_before_punctuation(doc: &Document) -> Found {
    let mut out: Vec<(Span, u8)> = Vec::new();
    for_each_paragraph(doc, false, |line_span, line, _| {
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b'.' | b',' | b';' | b':' | b'?' | b'!') || i == 0 {
                continue;
            }
            let spaces_start = line[..i].trim_end_matches([' ', '\t']).len();
            if spaces_start == i || spaces_start == 0 {
                continue;
            }
            let before = line[..spaces_start].chars().next_back();
            if !before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let after = line[i + 1..].chars().next();
            if after.is_some_and(|c| {
                !c.is_whitespace() && !matches!(c, '"' | '\u{201d}' | '\'' | '\u{2019}')
            }) {
                continue;
            }
            if b == b'.' && line[i + 1..].trim_start().starts_with('.') {
                continue;
            }
            let before = &line[..spaces_start];
            let mut from = before.len().saturating_sub(64);
            while !before.is_char_boundary(from) {
                from += 1;
            }
            if super::space_before_punctuation::deliberate_space(&before[from..], b)
                || super::space_before_punctuation::in_table_or_formula(
                    &line[spaces_start..i],
                    &before[from..],
                    &line[i + 1..],
                )
            {
                continue;
            }
            let start = line_span.start + spaces_start;
            out.push((Span::new(start, line_span.start + i + 1), b));
        }
    });
    let marks: Vec<u8> = out.iter().map(|f| f.1).collect();
    let style = super::space_before_punctuation::style_marks(&marks);
    out.retain(|f| !super::space_before_punctuation::is_style(style, f.1));
    // The high marks together, across the document.
    let high = |m: u8| matches!(m, b'?' | b'!' | b':' | b';');
    let highs = out.iter().filter(|f| high(f.1)).count();
    out.into_iter()
        .filter(|f| highs < super::space_before_punctuation::STYLE_REPEATS || !high(f.1))
        .map(|f| (f.0, Vec::new()))
        .collect()
}

fn hyphen_for_dash(doc: &Document) -> Found {
    const NEVER_SECOND: &[&str] = &[
        "a", "an", "the", "and", "but", "or", "which", "that", "this", "these", "those", "it",
        "we", "they", "he", "she", "i", "you", "if", "because", "so", "at", "of", "is", "was",
        "are", "were", "its", "their", "his", "her", "our",
    ];
    const NEVER_FIRST: &[&str] = &["but", "and", "because", "which", "that", "the"];
    let mut out = Vec::new();
    for segment in &doc.segments {
        let base = segment.span.start;
        let text = &doc.text[segment.span.range()];
        let mut at = 0;
        for chunk in text.split_inclusive(char::is_whitespace) {
            let start = at;
            at += chunk.len();
            let core = chunk
                .trim_end()
                .trim_end_matches(|c: char| !c.is_alphanumeric());
            let lead = core.len()
                - core
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            let core = &core[lead..];
            let Some((first, second)) = core.split_once('-') else {
                continue;
            };
            if second.contains('-')
                || !first.chars().all(char::is_alphabetic)
                || !second.chars().all(char::is_alphabetic)
            {
                continue;
            }
            let (f, s) = (first.to_lowercase(), second.to_lowercase());
            let glued = (NEVER_SECOND.contains(&s.as_str()) && first.chars().count() > 1)
                || (NEVER_FIRST.contains(&f.as_str()) && second.chars().count() > 1);
            if !glued
                || (f == "post" && s == "it")
                || hyphen_for_dash::is_letter_or_acronym(first)
                || hyphen_for_dash::is_letter_or_acronym(second)
            {
                continue;
            }
            let s0 = base + start + lead;
            out.push((
                Span::new(s0, s0 + core.len()),
                vec![format!("{first} — {second}")],
            ));
        }
    }
    out
}

fn midsentence_capital(doc: &Document) -> Found {
    const FUNCTION_WORDS: &[&str] = &[
        "The", "An", "Of", "And", "Or", "But", "In", "On", "At", "To", "For", "With", "From", "By",
        "Is", "Are", "Was", "Were", "That", "This", "These", "Those", "Which", "Its", "Their",
        "His", "Her", "Our", "Into", "Onto", "Than", "Because",
    ];
    let mut out = Vec::new();
    for_each_paragraph(doc, false, |line_span, line, _| {
        let words = word_tokens(line);
        let capitals = words.iter().filter(|w| is_capitalized(w.text)).count();
        if words.len() >= 3 && capitals * 2 > words.len() {
            return;
        }
        for (i, w) in words.iter().enumerate() {
            if i == 0
                || !w.text.starts_with(|c: char| c.is_ascii_uppercase())
                || !FUNCTION_WORDS.contains(&w.text)
            {
                continue;
            }
            let prev = words[i - 1];
            let gap = &line[prev.span.end..w.span.start];
            if !gap.chars().all(|c| c == ' ' || c == '\t') || gap.contains("  ") {
                continue;
            }
            let next = words.get(i + 1).map_or("", |n| n.text);
            if super::midsentence_capital::is_label(&line[w.span.end..], next) {
                continue;
            }
            let next_capital = words.get(i + 1).is_some_and(|n| {
                is_capitalized(n.text) || n.text.chars().next().is_some_and(|c| c.is_numeric())
            });
            if next_capital || words.get(i + 1).is_none() {
                continue;
            }
            if !prev.text.chars().any(char::is_alphabetic) {
                continue;
            }
            let span = Span::new(line_span.start + w.span.start, line_span.start + w.span.end);
            out.push((span, vec![w.text.to_lowercase()]));
        }
    });
    out
}

fn garbled_word(doc: &Document) -> Found {
    let mut out = Vec::new();
    for segment in &doc.segments {
        for chunk in crate::matcher::paragraph_chunks(&doc.text, segment.span, 1 << 20) {
            let (base, text) = (chunk.start, &doc.text[chunk.range()]);
            for w in word_tokens(text) {
                let word = w.text;
                if word.chars().count() < 3
                    || !is_lowercase(word)
                    || !word
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
                    || !word.is_ascii()
                {
                    continue;
                }
                let chunk_start = text[..w.span.start]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let chunk_end = text[w.span.end..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |i| w.span.end + i);
                let chunk = &text[chunk_start..chunk_end];
                if chunk.contains(['/', '@', '_', '#', '=', '\\', '<', '>', '{', '}'])
                    || chunk.contains("www.")
                    || chunk
                        .trim_end_matches(['.', ',', ';', ':', ')', '"'])
                        .contains('.')
                {
                    continue;
                }
                if garbled_word::known(word) {
                    continue;
                }
                out.push((
                    Span::new(base + w.span.start, base + w.span.end),
                    Vec::new(),
                ));
            }
        }
    }
    out
}

fn number_without_separators(doc: &Document) -> Found {
    let mut out = Vec::new();
    for segment in &doc.segments {
        let base = segment.span.start;
        let text = &doc.text[segment.span.range()];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            if digits.len() < 5 || digits.starts_with('0') {
                continue;
            }
            let before = text[..start].chars().next_back();
            let after = text[i..].chars().next();
            let after2 = text[i..].chars().nth(1);
            let joined_before = before.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-' | '#' | ':' | '_')
            });
            let joined_after = after
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | ':' | '_'))
                || (matches!(after, Some('.' | ',')) && after2.is_some_and(|c| c.is_ascii_digit()));
            if joined_before || joined_after {
                continue;
            }
            let prev_word = text[..start]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let zip = digits.len() == 5
                && prev_word.len() == 2
                && prev_word.chars().all(|c| c.is_ascii_uppercase());
            if zip {
                continue;
            }
            out.push((
                Span::new(base + start, base + i),
                vec![number_without_separators::grouped(digits)],
            ));
        }
    }
    out
}

fn truncated_text(doc: &Document) -> Found {
    use truncated_text::{HEADING_WORDS, SHORT_HEADING_WORDS, has_inner_sentence_end, is_caption};
    fn is_list_item(line: &str) -> bool {
        let t = line.trim_start();
        if t.starts_with(['-', '*', '•', '–', '—', '+', '#', '>', '|']) {
            return true;
        }
        let label: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
        let rest = &t[label.len()..];
        !label.is_empty()
            && label.chars().count() <= 3
            && (label.chars().all(|c| c.is_ascii_digit()) || label.chars().count() == 1)
            && rest.starts_with(['.', ')'])
    }
    let mut out = Vec::new();
    if !doc.units.is_empty() {
        return out;
    }
    let mut lines: Vec<(Span, bool)> = Vec::new();
    for_each_paragraph(doc, false, |span, _, last| lines.push((span, last)));
    let single_line = lines.len() < 2;
    for (i, &(span, last)) in lines.iter().enumerate() {
        let line = &doc.text[span.range()];
        let body = line.trim_end();
        let Some(end) = body.chars().next_back() else {
            continue;
        };
        if !end.is_alphabetic() || is_list_item(line) || is_caption(line) {
            continue;
        }
        let words = word_tokens(body);
        let Some(last_word) = words.last() else {
            continue;
        };
        let last_chunk = body.rsplit(char::is_whitespace).next().unwrap_or(body);
        if last_chunk.contains(['/', '@', '_']) {
            continue;
        }
        let flagged = if last {
            let closing = words.len() <= truncated_text::CLOSING_WORDS
                && words.iter().all(|w| is_capitalized(w.text));
            !single_line && !closing
        } else {
            let next = &doc.text[lines[i + 1].0.range()];
            let continues = next
                .trim_start()
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_lowercase);
            let heading = words.len() <= SHORT_HEADING_WORDS
                || (words.len() <= HEADING_WORDS && !has_inner_sentence_end(body));
            !continues && !heading && !truncated_text::is_table_or_formula(next)
        };
        let flagged = flagged && !truncated_text::is_table_or_formula(body);
        if flagged {
            let s = span.start + last_word.span.start;
            out.push((Span::new(s, s + last_word.text.len()), Vec::new()));
        }
    }
    out
}

/// The hits of `detector` on `doc`, sorted.
fn found(detector: &dyn Detector, doc: &Document) -> Found {
    let mut hits = Vec::new();
    detector.detect(doc, &mut hits);
    let mut out: Found = hits.into_iter().map(|h| (h.span, h.suggestions)).collect();
    out.sort();
    out
}

fn sorted(mut found: Found) -> Found {
    found.sort();
    found
}

/// Text with what every detector looks for, and the characters whose
/// handling differs between reading lines, chunks and pieces: line ends of
/// every kind, tabs, wide whitespace, combining marks.
fn tricky_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "the",
        "The",
        "a",
        "an",
        "on",
        "Of",
        "In",
        "and",
        "en",
        "und",
        "het",
        "Norway",
        "that",
        "frag",
        "koretanthe",
        "zzyzx",
        "Lee’s",
        "Tōkyō",
        "é",
        "日",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\u{2028}",
        " .",
        " ,",
        " ;",
        " !",
        ".",
        ",",
        "...",
        ". . .",
        "-",
        "-the",
        "but-",
        "post-it",
        "—",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        ":",
        "“",
        "”",
        "'",
        "\"",
        "1.",
        "12345",
        "250000",
        "WI ",
        "(",
        ")",
        "www.",
        "a/b",
        "x@y",
        "- ",
        "\u{301}",
        "U.S.",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn detectors_find_what_they_first_found(text in tricky_text()) {
        let doc = Document::new("t.txt", text.as_str());
        // These passes read one paragraph per line; hard-wrapped text has
        // tests of its own.
        prop_assume!(!soft_breaks(&doc));
        prop_assert_eq!(found(&SpaceBeforePunctuation::new(), &doc), sorted(space_before_punctuation(&doc)));
        prop_assert_eq!(found(&HyphenForDash::new(), &doc), sorted(hyphen_for_dash(&doc)));
        prop_assert_eq!(found(&MidsentenceCapital::new(), &doc), sorted(midsentence_capital(&doc)));
        prop_assert_eq!(found(&GarbledWord::new(), &doc), sorted(garbled_word(&doc)));
        prop_assert_eq!(
            found(&NumberWithoutSeparators::new(), &doc),
            sorted(number_without_separators(&doc))
        );
        prop_assert_eq!(found(&TruncatedText::new(), &doc), sorted(truncated_text(&doc)));
        // Run together, as `check` runs them, the heuristics find what
        // each finds alone.
        let together = Heuristics::new(all());
        let mut alone: Found = Vec::new();
        for h in all() {
            alone.extend(found(h.as_ref(), &doc));
        }
        prop_assert_eq!(found(&together, &doc), sorted(alone));
    }
}
