//! `heuristic:midsentence-capital`: a capitalised function word in the
//! middle of a sentence ("Kishida The forced prostitution"): engines carry
//! over the capital of a sentence start they moved. A capital that starts a
//! name or title ("in The Hague", "said The New York Times"), follows
//! punctuation (a quotation, a colon) or sits in a title-case line is left
//! alone.
//!
//! So is a capital English puts on a possessive on purpose, from lists in
//! `data/en-reverent-capitals.txt`: before a style of address ("His
//! Majesty", "Her Excellency") and, in a paragraph that names God near
//! it, the reverential "His" ("in His ways", "His exaltation to the right
//! hand of God").
//!
//! Nor is a capital that is no sentence's word: a field or header name, as
//! a label before its colon ("From: me") or before a noun of
//! `data/en-interface-nouns.txt` ("edit the To field", "the From
//! header"); the first part of a hyphenated word ("The Free On-line
//! Dictionary"); and a capital after two spaces or more, which the
//! typewriter convention puts after a sentence's end (or a table its
//! columns between).

use super::{Chunk, Info, ReadsWords, Targets, hit, is_capitalized};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::{Span, Token};
use std::sync::LazyLock;

static INFO: Info = Info {
    id: "heuristic:midsentence-capital",
    category: Category::Grammar,
    severity: Severity::Minor,
    on_by_default: true,
    note: "a capitalised function word in mid-sentence",
    bad: "In 2015 the then minister Kishida recognized The forced prostitution.",
    good: "The talks in The Hague ended. He said: The end is near. Lord Of The Rings",
    targets: Targets::English,
};

/// Whether `word` is a function word capitalised, as only a sentence
/// start or a name capitalises it. "A" and "I" are missing: "plan A",
/// "World War I". (By length first: most capitalised words are names.)
fn is_function_word(word: &str) -> bool {
    let same_length: &[&str] = match word.len() {
        2 => &["An", "Of", "Or", "In", "On", "At", "To", "By", "Is"],
        3 => &[
            "The", "And", "But", "For", "Are", "Was", "Its", "His", "Her", "Our",
        ],
        4 => &[
            "With", "From", "Were", "That", "This", "Into", "Onto", "Than",
        ],
        5 => &["These", "Those", "Which", "Their"],
        7 => &["Because"],
        _ => return false,
    };
    same_length.contains(&word)
}

/// The lists of `data/en-reverent-capitals.txt`: `[titles]` and `[deity]`.
const REVERENT: &str = include_str!("../../../data/en-reverent-capitals.txt");

/// The words of one section of [`REVERENT`].
fn reverent(section: &str) -> Vec<&'static str> {
    let header = format!("[{section}]");
    REVERENT
        .lines()
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The `[titles]` section, read once.
static TITLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| reverent("titles"));

/// The `[deity]` section, read once.
static DEITY: LazyLock<Vec<&'static str>> = LazyLock::new(|| reverent("deity"));

/// Whether the capitalised possessive `word` before `next` is a title
/// ("His Majesty") or, with `names_god` (the paragraph names God near
/// it, asked only for "His"), the reverential capital ("His ways").
fn is_reverent(word: &str, next: &str, names_god: impl FnOnce() -> bool) -> bool {
    if !matches!(word, "His" | "Her" | "Their" | "Our") {
        return false;
    }
    TITLES.iter().any(|t| next.eq_ignore_ascii_case(t)) || (word == "His" && names_god())
}

/// Nouns that a capitalised word before them names a field, key or
/// control of: `data/en-interface-nouns.txt`, one a line.
static INTERFACE_NOUNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../../data/en-interface-nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether a capitalised word that `after` follows (the text from its end
/// on), `next` its next word, is no sentence's word: a label ("From:"),
/// the first part of a compound ("On-line"), or the name of a field ("the
/// To field").
pub(super) fn is_label(after: &str, next: &str) -> bool {
    after.starts_with([':', '-']) || INTERFACE_NOUNS.iter().any(|n| next.eq_ignore_ascii_case(n))
}

/// Whether `word` is a name of God.
fn is_deity(word: &str) -> bool {
    is_capitalized(word) && DEITY.iter().any(|d| word.eq_ignore_ascii_case(d))
}

single_rule_detector! {
    /// Flags a capitalised function word after a word in the same sentence.
    MidsentenceCapital, reads words
}

impl ReadsWords for MidsentenceCapital {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let (words, text) = (chunk.words, chunk.text);
        let bytes = text.as_bytes();
        // A line (a paragraph, where line breaks are soft) is read only
        // where a word may be flagged, its words found from there: those
        // between gaps with a line feed (with two, where breaks are soft).
        let most = usize::from(chunk.soft);
        let breaks = |i: usize| {
            bytes[words[i - 1].span.end..words[i].span.start]
                .iter()
                .filter(|&&b| b == b'\n')
                .nth(most)
                .is_some()
        };
        let mut line_end = 0;
        for i in 1..words.len() {
            if i < line_end || !is_candidate(&words[i]) {
                continue;
            }
            let mut start = i;
            while start > 0 && !breaks(start) {
                start -= 1;
            }
            line_end = i + 1;
            while line_end < words.len() && !breaks(line_end) {
                line_end += 1;
            }
            self.read_line(text, &words[start..line_end], chunk.base, chunk.soft, out);
        }
    }
}

/// Whether a word is a capitalised function word.
fn is_candidate(w: &Token<'_>) -> bool {
    w.text.as_bytes()[0].is_ascii_uppercase() && is_function_word(w.text)
}

impl MidsentenceCapital {
    /// The hits among the `words` of one line of `text`, which starts at
    /// byte `base` of the document.
    fn read_line(
        &self,
        text: &str,
        words: &[Token<'_>],
        base: usize,
        soft: bool,
        out: &mut Vec<Hit>,
    ) {
        // A title-case line ("Candystripes Defeat Rovers In Season
        // Opener") capitalises function words on purpose.
        let capitals = words.iter().filter(|w| is_capitalized(w.text)).count();
        if words.len() >= 3 && capitals * 2 > words.len() {
            return;
        }
        for (i, w) in words.iter().enumerate() {
            if i == 0 || !is_candidate(w) {
                continue;
            }
            let prev = words[i - 1];
            // Words may touch ("日The"): no gap is no break either.
            let gap = &text[prev.span.end..w.span.start];
            if !gap.is_empty() && (!super::is_inline_gap(gap, soft) || gap.contains("  ")) {
                continue;
            }
            let next = words.get(i + 1).map_or("", |n| n.text);
            if is_label(&text[w.span.end..], next) {
                continue;
            }
            // A name or title starts here ("The Hague"), or the previous
            // word is one that ends ("Lord Of").
            let next_capital = words.get(i + 1).is_some_and(|n| {
                is_capitalized(n.text) || n.text.chars().next().is_some_and(|c| c.is_numeric())
            });
            if next_capital || words.get(i + 1).is_none() {
                continue;
            }
            if !prev.text.chars().any(crate::text::is_alphabetic) {
                continue;
            }
            // Read only for a capitalised possessive: a name of God among
            // the 40 words on either side of it in the paragraph.
            let around = &words[i.saturating_sub(40)..words.len().min(i + 40)];
            if is_reverent(w.text, next, || around.iter().any(|p| is_deity(p.text))) {
                continue;
            }
            let span = Span::new(base + w.span.start, base + w.span.end);
            out.push(hit(&self.rule, span, vec![w.text.to_lowercase()]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;
    use crate::matcher::Detector;
    use crate::text::Document;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&MidsentenceCapital::new(), text)
    }

    #[test]
    fn leaves_titles_and_the_reverential_capital_alone() {
        let flags = |t: &str| detect_texts(&MidsentenceCapital::new(), t);
        assert!(flags("May God give us wisdom to lead the world in His ways of peace.").is_empty());
        assert!(flags("they bowed to His majesty and left").is_empty());
        assert_eq!(
            flags("We will lead the world in His ways of peace."),
            ["His"]
        );
    }

    #[test]
    fn leaves_field_names_compounds_and_spaced_sentence_starts_alone() {
        assert!(flags("Edit the To field and the From header; set From: me").is_empty());
        assert!(flags("the Free On-line Dictionary of Computing").is_empty());
        assert!(flags("bottom is below v  For all v in D").is_empty());
        assert_eq!(flags("the minister recognized The forced labour"), ["The"]);
    }

    #[test]
    fn function_words_by_length() {
        let words = "The An Of And Or But In On At To For With From By Is Are Was Were That This \
                     These Those Which Its Their His Her Our Into Onto Than Because";
        for w in words.split_whitespace() {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["A", "I", "the", "Python", "Thee", "Becaus", "THE", "Oft"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn flags_capitalised_article_mid_sentence() {
        assert_eq!(
            flags("In 2015 recognized the then Japanese minister Kishida The forced prostitution."),
            ["The"]
        );
        assert_eq!(flags("support grew And the talks went on."), ["And"]);
    }

    #[test]
    fn suggests_lower_case() {
        let doc = Document::new("t.txt", "Kishida The forced labour");
        let mut hits = Vec::new();
        MidsentenceCapital::new().detect(&doc, &mut hits);
        assert_eq!(hits[0].suggestions, ["the"]);
    }

    #[test]
    fn leaves_names_titles_sentence_starts_and_quotes_alone() {
        assert!(flags("They met in The Hague on Monday.").is_empty());
        assert!(flags("He read it in The 2015 report.").is_empty());
        assert!(flags("It ended. The talks failed.").is_empty());
        assert!(flags("He said: The end is near, “The end”.").is_empty());
        assert!(flags("Candystripes Defeat Rovers In Season Opener at home").is_empty());
        assert!(flags("The talks\nThe end of it").is_empty());
    }
}
