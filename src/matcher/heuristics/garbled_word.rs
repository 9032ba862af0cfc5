//! `heuristic:garbled-word`: a lower-case token that is not an English word
//! ("the Worth-koretanthe"): engines sometimes emit fragments of subwords
//! that spell nothing. The English lexicon is shipped with the binary (see
//! [`super::is_english_word`]).
//!
//! Skipped: capitalised words (names), words with digits or inner capitals
//! (acronyms, product names), parts of URLs, addresses and file names, and
//! words the lexicon knows once a common prefix or suffix is taken off
//! ("re-", "un-", "-ly", "-ness", …), so that the parts of hyphenated
//! compounds of real words, and regular derivations, pass.

use super::{Chunk, Info, ReadsWords, Targets, hit, is_english_word, is_lowercase};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::Span;

static INFO: Info = Info {
    id: "heuristic:garbled-word",
    category: Category::Garbled,
    severity: Severity::Major,
    // Off by default: on clean English (fixtures/clean/) every technical
    // term, plant name and neologism the lexicon lacks is a false alarm,
    // far over the budget of 1 per 10,000 words.
    on_by_default: false,
    note: "not an English word: the engine may have produced garbled text",
    bad: "a serious attack of the worth-koretanthe bye-one",
    good: "The Brandywell curtain-raiser re-elected non-partisan Foylesiders at 10am on www.example.org.",
    targets: Targets::English,
};

const PREFIXES: &[&str] = &[
    "anti", "counter", "de", "dis", "hyper", "inter", "micro", "mid", "mis", "multi", "non",
    "over", "post", "pre", "pro", "re", "semi", "sub", "super", "trans", "un", "under",
];
const SUFFIXES: &[&str] = &[
    "ly", "ness", "less", "ish", "like", "wise", "ful", "able", "ism", "ist", "ists", "s", "es",
    "ed", "ing", "er", "ers",
];

/// Whether a word is English, alone or after taking off one common prefix
/// and/or one common suffix.
pub(super) fn known(word: &str) -> bool {
    if is_english_word(word) {
        return true;
    }
    let stems = std::iter::once(word).chain(
        PREFIXES
            .iter()
            .filter_map(|p| word.strip_prefix(p))
            .filter(|s| s.len() >= 3),
    );
    for stem in stems {
        if stem != word && is_english_word(stem) {
            return true;
        }
        for suffix in SUFFIXES {
            if let Some(root) = stem.strip_suffix(suffix)
                && root.len() >= 3
                && (is_english_word(root) || is_english_word(&format!("{root}e")))
            {
                return true;
            }
        }
    }
    false
}

single_rule_detector! {
    /// Flags lower-case tokens that are not English words.
    GarbledWord, reads words
}

/// Whether a whitespace-delimited piece of text is an URL, an e-mail
/// address, a file name or a handle rather than prose.
fn is_address(piece: &str) -> bool {
    piece.contains(['/', '@', '_', '#', '=', '\\', '<', '>', '{', '}'])
        || piece.contains("www.")
        || piece
            .trim_end_matches(['.', ',', ';', ':', ')', '"'])
            .contains('.')
}

impl ReadsWords for GarbledWord {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let (base, text) = (chunk.base, chunk.text);
        // The whitespace-delimited piece of text around the last word
        // looked at, and whether it is an address: its other words share
        // it, so a long piece is read once, not once per word.
        let mut piece: Option<(usize, usize, bool)> = None;
        for w in chunk.words {
            let word = w.text;
            if word.chars().count() < 3
                || !is_lowercase(word)
                || !word
                    .chars()
                    .all(|c| crate::text::is_alphabetic(c) || c == '\'' || c == '\u{2019}')
                || !word.is_ascii()
            {
                continue;
            }
            let address = match piece {
                Some((start, end, address)) if start <= w.span.start && w.span.end <= end => {
                    address
                }
                _ => {
                    // Pieces do not overlap: this one starts after the last.
                    let floor = piece.map_or(0, |(_, end, _)| end);
                    let start =
                        text[floor..w.span.start]
                            .rfind(char::is_whitespace)
                            .map_or(floor, |i| {
                                let at = floor + i;
                                at + text[at..].chars().next().map_or(1, char::len_utf8)
                            });
                    let end = text[w.span.end..]
                        .find(char::is_whitespace)
                        .map_or(text.len(), |i| w.span.end + i);
                    let address = is_address(&text[start..end]);
                    piece = Some((start, end, address));
                    address
                }
            };
            if address || known(word) {
                continue;
            }
            let span = Span::new(base + w.span.start, base + w.span.end);
            out.push(hit(&self.rule, span, Vec::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&GarbledWord::new(), text)
    }

    #[test]
    fn long_pieces_and_wide_spaces() {
        // One whitespace-free piece of 20,000 words: each flagged, the
        // piece read once.
        assert_eq!(flags(&"xqzv-".repeat(20_000)).len(), 20_000);
        // A word after a no-break space, two bytes wide.
        assert_eq!(flags("The foo\u{a0}qzxvbl went."), ["qzxvbl"]);
        assert!(flags("see\u{a0}www.qzxvbl.org").is_empty());
    }

    #[test]
    fn flags_non_words() {
        assert_eq!(
            flags("the worth-koretanthe bye-one and qzxvbl"),
            ["koretanthe", "qzxvbl"]
        );
    }

    #[test]
    fn passes_derivations_compounds_and_inflections() {
        assert!(
            flags("unreasonably re-elected non-partisan, the colour's organisers keep eating")
                .is_empty()
        );
        assert!(flags("an outspoken critic, rethinking underfunded semifinals").is_empty());
    }

    #[test]
    fn skips_names_acronyms_numbers_and_addresses() {
        assert!(flags("Koretanthe met NATO's iPhone team at 10am").is_empty());
        assert!(flags("mail foo@bar.org or see example.org/zzqx and file_name.txt").is_empty());
    }
}
