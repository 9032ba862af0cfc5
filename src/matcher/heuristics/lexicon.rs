//! The English lexicon: the SCOWL word lists of Debian's `wamerican` and
//! `wbritish` (size 50, American and British spellings, possessives left
//! out, case-folded), `data/en-words.txt`, compiled by `build.rs` into a
//! finite-state set that is read in place from the binary (about 75,000
//! words in some 300 KB; nothing is parsed at startup). Licence:
//! `data/en-words.COPYRIGHT`.

use std::sync::OnceLock;

use fst::Set;

static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-words.fst"));

fn set() -> &'static Set<&'static [u8]> {
    static SET: OnceLock<Set<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| Set::new(FST).expect("build.rs writes a valid set"))
}

/// Whether `word` is an English word (in any case; a possessive `'s` and
/// typographic apostrophes are allowed).
pub fn is_english_word(word: &str) -> bool {
    let folded = crate::text::normalize_word(word);
    let w = folded.as_ref();
    let w = w.strip_suffix("'s").unwrap_or(w);
    set().contains(w) || w.strip_suffix('\'').is_some_and(|w| set().contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_and_inflected_words_in_both_spellings() {
        for w in [
            "the",
            "The",
            "colour",
            "color",
            "organised",
            "running",
            "women's",
            "Minister’s",
        ] {
            assert!(is_english_word(w), "{w}");
        }
    }

    #[test]
    fn rejects_non_words() {
        for w in ["koretanthe", "qzxv", "teh", ""] {
            assert!(!is_english_word(w), "{w}");
        }
    }
}
