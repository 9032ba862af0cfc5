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

use std::sync::Arc;

use super::{Info, hit, is_english_word, is_lowercase};
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span, word_tokens};

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
fn known(word: &str) -> bool {
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
    GarbledWord
}

impl Detector for GarbledWord {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        super::for_each_chunk(doc, |base, text| {
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
                // The whitespace-delimited chunk around the word: URLs,
                // e-mail addresses, file names and handles are not prose.
                let chunk_start = text[..w.span.start]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
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
                if known(word) {
                    continue;
                }
                let span = Span::new(base + w.span.start, base + w.span.end);
                out.push(hit(&self.rule, span, Vec::new()));
            }
        });
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        vec![Arc::clone(&self.rule)]
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
