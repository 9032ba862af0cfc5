//! `heuristic:untranslated-word`: a function word of the source language
//! left in the English output ("the minister en the president", "he
//! said dass"). Lists for Dutch, German, French and Spanish; a word that is
//! also English (in the shipped lexicon: "die", "van", "den", "con") or
//! that English borrows in set phrases ("et al.", "faux pas") is not listed.
//! A word next to a capitalised word is taken for part of a name ("Charles
//! de Gaulle", "Rijksmuseum van Oud", "Le Pen"), and one in a phrase
//! English borrows whole ("en route", "en-suite", "sturm und drang") is
//! left alone: the phrases are data, `data/en-loan-phrases.txt`, made from
//! WordNet's multiword lemmas by `scripts/corpus/loan-phrases.py`.
//!
//! When the document's source language is known, only that language's
//! list is used ("en" in English from Dutch is "and" left untranslated;
//! from German it is no German word); with a source language that has no
//! list, nothing is flagged.

use std::sync::Arc;

use super::{Chunk, Heuristic, Info, ReadsWords, Targets, hit, is_capitalized, is_english_word};
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span};

static INFO: Info = Info {
    id: "heuristic:untranslated-word",
    category: Category::Untranslated,
    severity: Severity::Major,
    on_by_default: true,
    note: "a function word of the source language (Dutch, German, French or Spanish) left untranslated",
    bad: "The minister en the president met in Tokyo, und the talks went well.",
    good: "Charles de Gaulle met Vincent van Gogh's heirs, et al., a faux pas.",
    targets: Targets::English,
};

/// `(language, words)`: function words that are not English. Words that
/// the lexicon knows are dropped when the list is used, so adding one by
/// mistake cannot raise false alarms on English.
pub(crate) const SOURCE_FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "het", "een", "niet", "zijn", "wordt", "worden", "werd", "ook", "maar", "met", "uit",
            "bij", "naar", "heeft", "hebben", "deze", "dit", "dat", "voor", "zich", "zoals",
            "omdat", "wel", "nog", "geen", "onder", "tussen", "tegen", "alleen", "kunnen", "moet",
            "zou", "waren", "hun", "hij", "zij", "wij", "jullie", "ons", "onze", "wie", "wat",
            "waar", "hoe", "sinds", "tijdens", "zonder", "echter", "toch", "daarom", "dus", "al",
            "ook", "nu", "jaar", "en", "of", "te", "op", "aan", "om",
        ],
    ),
    (
        "de",
        &[
            "und", "der", "das", "ist", "nicht", "mit", "auch", "wird", "werden", "wurde", "oder",
            "aber", "sich", "eine", "einen", "einem", "einer", "dem", "des", "zum", "zur", "vom",
            "für", "über", "bei", "sind", "dass", "wenn", "noch", "nur", "schon", "sehr", "durch",
            "gegen", "ohne", "nach", "unter", "zwischen", "seit", "weil", "jedoch", "diese",
            "dieser", "dieses", "haben", "hatte", "kann", "muss", "soll", "wir", "ihr", "sie",
            "uns", "ein", "zu", "auf", "aus", "im", "ich",
        ],
    ),
    (
        "fr",
        &[
            "les", "une", "des", "du", "est", "sont", "avec", "dans", "pour", "mais", "qui", "que",
            "sur", "cette", "aux", "leur", "leurs", "très", "été", "ont", "avait", "sans", "entre",
            "depuis", "selon", "chez", "aussi", "donc", "alors", "encore", "nous", "vous", "ils",
            "elle", "elles", "cela", "ces", "ses", "mes", "notre", "votre", "lors", "dont", "où",
            "plus", "peu", "il", "et", "le", "la", "ou",
        ],
    ),
    (
        "es",
        &[
            "los", "las", "una", "del", "por", "para", "pero", "muy", "como", "con", "que", "sus",
            "está", "están", "también", "desde", "entre", "hasta", "sobre", "sin", "según",
            "cuando", "donde", "porque", "aunque", "este", "esta", "estos", "estas", "fue", "han",
            "había", "nosotros", "ellos", "ellas", "su", "y", "el", "es", "al", "lo", "le", "mas",
            "más", "ya",
        ],
    ),
];

/// Borrowings and set phrases that English uses as they are.
const BORROWED: &[&str] = &[
    "et", "pas", "la", "le", "el", "del", "al", "das", "des", "sin", "dat", "plus", "ya", "lo",
    "que", "ou", "il", "voor", "ich", "ein",
];

/// Phrases English borrows whole, one a line, words separated by a space
/// or a hyphen; `#` starts a comment line.
const LOAN_PHRASES: &str = include_str!("../../../data/en-loan-phrases.txt");

/// The bit of each language of [`SOURCE_FUNCTION_WORDS`], by its place
/// there, in a word's mask.
fn language_bit(language: &str) -> u8 {
    SOURCE_FUNCTION_WORDS
        .iter()
        .position(|(code, _)| code.eq_ignore_ascii_case(language))
        .map_or(0, |i| 1 << i)
}

/// Flags source-language function words in English text.
pub struct UntranslatedWord {
    rule: Arc<Rule>,
    words: Vec<&'static str>,
    /// The longest of `words`, in bytes.
    longest: usize,
    /// `words` again, for a lookup per word of the text, each with the
    /// languages whose list holds it (a bit each, [`language_bit`]) and
    /// the loan phrases it is part of.
    set: rustc_hash::FxHashMap<&'static str, Listed>,
    /// For each (first byte, last byte), the lengths of `words` that have
    /// them, a bit each: a word whose bit is clear is none of them, which
    /// most words of a text are found to be without hashing them.
    ends: Box<[u16]>,
}

/// A listed word: the languages that list it, and the loan phrases it is
/// in (each phrase's words, and where in them this word is).
#[derive(Debug, Default)]
struct Listed {
    languages: u8,
    phrases: Vec<(Vec<&'static str>, usize)>,
}

/// Where a non-empty word of fewer than 16 bytes is in
/// [`UntranslatedWord::ends`]: its (first byte, last byte) and its length's
/// bit.
fn ends_bit(word: &str) -> (usize, u16) {
    let b = word.as_bytes();
    (
        usize::from(b[0]) << 8 | usize::from(b[b.len() - 1]),
        1 << b.len(),
    )
}

impl UntranslatedWord {
    /// The detector, with every language's list.
    pub fn new() -> Self {
        let mut words: Vec<&'static str> = SOURCE_FUNCTION_WORDS
            .iter()
            .flat_map(|(_, ws)| ws.iter().copied())
            .filter(|w| !BORROWED.contains(w) && !is_english_word(w))
            .collect();
        words.sort_unstable();
        words.dedup();
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        assert!(longest < 16, "the lengths' bits fit a u16");
        let mut ends = vec![0u16; 1 << 16].into_boxed_slice();
        for w in &words {
            let (at, bit) = ends_bit(w);
            ends[at] |= bit;
        }
        let mut set: rustc_hash::FxHashMap<&'static str, Listed> =
            words.iter().map(|&w| (w, Listed::default())).collect();
        for (code, list) in SOURCE_FUNCTION_WORDS {
            for w in *list {
                if let Some(listed) = set.get_mut(w) {
                    listed.languages |= language_bit(code);
                }
            }
        }
        for line in LOAN_PHRASES.lines().filter(|l| !l.starts_with('#')) {
            let parts: Vec<&'static str> =
                line.split([' ', '-']).filter(|p| !p.is_empty()).collect();
            for (at, part) in parts.iter().enumerate() {
                if let Some(listed) = set.get_mut(part) {
                    listed.phrases.push((parts.clone(), at));
                }
            }
        }
        UntranslatedWord {
            rule: super::rule_of(&INFO),
            set,
            words,
            longest,
            ends,
        }
    }

    /// The words it looks for, sorted.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }
}

impl Default for UntranslatedWord {
    fn default() -> Self {
        Self::new()
    }
}

impl Heuristic for UntranslatedWord {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn reads_words(&self) -> Option<&dyn ReadsWords> {
        Some(self)
    }
}

impl Detector for UntranslatedWord {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        super::for_each_chunk(doc, |chunk| self.read_chunk(chunk, out));
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        vec![Arc::clone(&self.rule)]
    }
}

impl ReadsWords for UntranslatedWord {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let base = chunk.base;
        let words = chunk.words;
        // With the source language known, only its list; a language
        // without a list has no word to flag.
        let languages = chunk.source.map_or(u8::MAX, language_bit);
        if languages == 0 {
            return;
        }
        for (i, w) in words.iter().enumerate() {
            // Source function words are short: skip long words before
            // the search, and words whose ends no listed word has.
            if w.text.len() > self.longest {
                continue;
            }
            let (at, bit) = ends_bit(w.text);
            if self.ends[at] & bit == 0 {
                continue;
            }
            let Some(listed) = self.set.get(w.text) else {
                continue;
            };
            if listed.languages & languages == 0
                || listed
                    .phrases
                    .iter()
                    .any(|(phrase, at)| in_phrase(chunk, i, phrase, *at))
            {
                continue;
            }
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            let in_name = neighbours
                .iter()
                .flatten()
                .filter_map(|&j| words.get(j))
                .any(|n| is_capitalized(n.text));
            // A foreign phrase (a quotation, a title) has foreign words
            // around it; an untranslated function word stands among
            // English ones.
            let in_phrase = neighbours
                .iter()
                .flatten()
                .filter_map(|&j| words.get(j))
                .any(|n| !is_english_word(n.text));
            if in_name || in_phrase {
                continue;
            }
            let span = Span::new(base + w.span.start, base + w.span.end);
            out.push(hit(&self.rule, span, Vec::new()));
        }
    }
}

/// Whether the word at `i` of the chunk is word `at` of `phrase`: the
/// words around it are the phrase's (in any case), with a space or a
/// hyphen between each two.
fn in_phrase(chunk: &Chunk<'_>, i: usize, phrase: &[&str], at: usize) -> bool {
    let Some(first) = i.checked_sub(at) else {
        return false;
    };
    let Some(found) = chunk.words.get(first..first + phrase.len()) else {
        return false;
    };
    found
        .iter()
        .zip(phrase)
        .all(|(w, p)| w.text.eq_ignore_ascii_case(p))
        && found.windows(2).all(|pair| {
            let gap = &chunk.text[pair[0].span.end..pair[1].span.start];
            gap == "-" || (!gap.is_empty() && gap.chars().all(char::is_whitespace))
        })
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&UntranslatedWord::new(), text)
    }

    #[test]
    fn flags_source_function_words_among_english_ones() {
        assert_eq!(
            flags("the minister en the president, und the talks, avec the press, pero not now"),
            ["en", "und", "avec", "pero"]
        );
    }

    #[test]
    fn leaves_loan_phrases_alone() {
        assert!(flags("they were en route to the hotel, with rooms en-suite").is_empty());
        assert!(flags("the Sturm und Drang of youth, en masse").is_empty());
        assert_eq!(flags("the route en the hotel"), ["en"]);
    }

    #[test]
    fn uses_the_known_source_languages_list_only() {
        let d = UntranslatedWord::new();
        let text = "the minister en the president, und the talks went well";
        let found = |source: Option<&str>| {
            let mut doc = Document::new("t.txt", text);
            doc.lang.source = source.map(str::to_owned);
            let mut hits = Vec::new();
            d.detect(&doc, &mut hits);
            hits.iter()
                .map(|h| text[h.span.range()].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(found(None), ["en", "und"]);
        assert_eq!(found(Some("nl_BE")), ["en"]);
        assert_eq!(found(Some("de")), ["und"]);
        assert!(found(Some("ja")).is_empty());
    }

    #[test]
    fn lists_no_english_word() {
        let d = UntranslatedWord::new();
        for w in d.words() {
            assert!(!is_english_word(w), "{w}");
        }
        for w in ["die", "van", "den", "con", "et", "pas"] {
            assert!(!d.words().contains(&w), "{w}");
        }
    }

    #[test]
    fn leaves_names_borrowings_and_foreign_phrases_alone() {
        assert!(flags("Charles de Gaulle and Ludwig van Beethoven, et al., a faux pas").is_empty());
        assert!(flags("the motto “liberté, égalité et fraternité” and Der Spiegel").is_empty());
        assert!(flags("she said “je ne sais quoi” twice").is_empty());
    }
}
