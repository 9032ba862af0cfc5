//! `heuristic:repeated-word`: the same word twice in a row ("the the"), with
//! nothing but spaces between. Words that English legitimately doubles
//! ("had had", "that that", "very very") and doubled names ("Walla Walla")
//! are left alone; so are the words other target languages double on
//! purpose (French "vous vous", Dutch "die die", Turkish "tek tek"), from
//! `data/doubled-words.txt`. Neither is a word when it is part of another:
//! a placeholder's conversion ("%(name)s s …" in Czech, where `s` is the
//! word "with") or a piece of a hyphenated word ("s s-a", Kabyle
//! "Yemmal-d d").
//!
//! So is a pair that is no repeat in running text: two cells of a table
//! (a tab or three spaces or more between them); an acronym after the
//! word ("at AT&T"); a word joined by a hyphen to the next or the one
//! before ("a 4-bit bit-slice"); a one-letter variable ("t t", not "a a");
//! a quoted doubling ("\"break break\"") and a syntax line's repeat
//! before an ellipsis ("merge bugnumber bugnumber ...").
//!
//! It serves every target language written with spaces (a word written
//! twice is an error in any of them) but Vietnamese, where a space parts
//! syllables and reduplicated syllables make words.

use super::{Chunk, Info, ReadsWords, Targets, hit, is_capitalized};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::{Span, normalize_word};

static INFO: Info = Info {
    id: "heuristic:repeated-word",
    category: Category::Addition,
    severity: Severity::Minor,
    on_by_default: true,
    note: "the same word twice in a row",
    bad: "The meeting offers the the chance to reconcile.",
    good: "What he had had was enough; that that was true, nobody doubted.",
    // Any language that spaces its words; not Vietnamese, whose spaces part
    // syllables, which repeat in many words ("từ từ", "luôn luôn").
    targets: Targets::Spaced { except: &["vi"] },
};

/// Words that English doubles on purpose.
const DOUBLED_ON_PURPOSE: &[&str] = &[
    "had", "that", "is", "was", "do", "does", "bye", "very", "really", "so", "ha", "ho", "la",
    "knock", "tsk", "chop", "blah", "yada", "far", "more", "now", "well", "hey", "oh", "no", "yes",
    "go", "there", "out", "many", "again", "round", "over", "on", "and", "who", "what", "why",
    "boo", "bang", "tick", "ding", "dum", "hush", "pom", "cha", "tut", "mm", "hmm", "uh", "um",
    "ah", "wow", "please", "quick", "slowly", "little", "big", "long", "down", "up", "off", "away",
    "back", "yeah", "zoom", "ylang", "beep", "choo", "pooh",
];

/// What other target languages double on purpose: `language word` lines.
const DOUBLED_ELSEWHERE: &str = include_str!("../../../data/doubled-words.txt");

/// Whether target language `target` (a primary subtag; `None`: unknown,
/// taken for English) doubles `word` (normalised) on purpose. Read only for
/// a pair of equal words, which is rare: the list is scanned, not indexed.
fn doubled_on_purpose(target: Option<&str>, word: &str) -> bool {
    match target {
        None => DOUBLED_ON_PURPOSE.contains(&word),
        Some(t) if t.eq_ignore_ascii_case("en") => DOUBLED_ON_PURPOSE.contains(&word),
        Some(t) => DOUBLED_ELSEWHERE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .any(|(lang, w)| lang.eq_ignore_ascii_case(t) && w == word),
    }
}

single_rule_detector! {
    /// Flags a word written twice in a row.
    RepeatedWord, reads words
}

impl ReadsWords for RepeatedWord {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let (base, text) = (chunk.base, chunk.text);
        // The second word's normal form, kept for the next pair, whose
        // first word it is: in a script other than ASCII most neighbours
        // are compared, and each word is then normalized once, not twice.
        let mut kept: Option<(usize, std::borrow::Cow<'_, str>)> = None;
        for (i, pair) in chunk.words.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            // Most neighbours differ already in their first letter, and
            // words that start with different ASCII letters have different
            // normal forms (what follows may compose with a letter, never
            // change it): that test first.
            let (x, y) = (a.text.as_bytes()[0], b.text.as_bytes()[0]);
            if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() && !x.eq_ignore_ascii_case(&y) {
                continue;
            }
            if !a.text.eq_ignore_ascii_case(b.text) && a.text.is_ascii() && b.text.is_ascii() {
                continue;
            }
            // Told apart by their first letters (most neighbours in other
            // scripts), the pair is neither normalized nor looked around.
            if crate::text::differ_at_first(a.text, b.text) {
                continue;
            }
            if !super::is_inline_gap(&text[a.span.end..b.span.start], chunk.soft) {
                continue;
            }
            if !a.text.chars().all(crate::text::is_alphabetic) {
                continue;
            }
            // Glued to what comes before the first or after the second, a
            // word is part of a placeholder or of a hyphenated word.
            if text[..a.span.start].ends_with([')', '}', '%', '$', '-', '\u{2011}'])
                || text[b.span.end..].starts_with(['-', '\u{2011}'])
                || not_in_running_text(text, a.span.start, a.text, b.text, b.span.end)
                // One letter is a variable in English ("t t"); elsewhere
                // it is as often a word (Czech and Slovak "s", "v", "k").
                || (a.text.chars().count() == 1
                    && !matches!(a.text, "a" | "A" | "I")
                    && chunk.target.is_none_or(|t| t.eq_ignore_ascii_case("en")))
            {
                continue;
            }
            let norm = match kept.take() {
                Some((at, norm)) if at == i => norm,
                _ => normalize_word(a.text),
            };
            let next = normalize_word(b.text);
            let equal = norm == next;
            kept = Some((i + 1, next));
            if !equal || doubled_on_purpose(chunk.target, &norm) {
                continue;
            }
            if is_capitalized(a.text) && is_capitalized(b.text) {
                continue;
            }
            let span = Span::new(base + a.span.start, base + b.span.end);
            out.push(hit(&self.rule, span, vec![a.text.to_owned()]));
        }
    }
}

/// Whether the pair of `a` (starting at byte `start` of `text`) and `b`
/// (ending at byte `end`) is no repeat in running text: cells of a table,
/// an acronym after a word, part of a hyphenated compound, a quoted
/// doubling or a syntax line's "x x ...".
fn not_in_running_text(text: &str, start: usize, a: &str, b: &str, end: usize) -> bool {
    let gap = &text[start + a.len()..end - b.len()];
    let (before, after) = (&text[..start], &text[end..]);
    let acronym = b.chars().count() >= 2
        && !b.chars().any(char::is_lowercase)
        && a.chars().any(char::is_lowercase);
    let quoted = before.ends_with(['"', '\u{201c}']) && after.starts_with(['"', '\u{201d}']);
    gap.contains('\t')
        || gap.len() >= 3
        || acronym
        || quoted
        || before.ends_with('-')
        || after.starts_with('-')
        || after.trim_start_matches([' ', '\t']).starts_with("...")
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;
    use crate::matcher::Detector;
    use crate::text::Document;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&RepeatedWord::new(), text)
    }

    proptest::proptest! {
        /// What the first-letter test takes for granted.
        #[test]
        fn different_first_letters_never_normalize_alike(
            x in 0u8..26,
            apart in 1u8..26,
            (upper_x, upper_y) in (proptest::bool::ANY, proptest::bool::ANY),
            rest_x in "[a-zA-Z'’\u{301}\u{308}\u{327}\u{fb01}\u{df}\u{130}\u{212a}]{0,4}",
            rest_y in "[a-zA-Z'’\u{301}\u{308}\u{327}\u{fb01}\u{df}\u{130}\u{212a}]{0,4}",
        ) {
            let letter = |n: u8, upper: bool| char::from(if upper { b'A' } else { b'a' } + n % 26);
            let (x, y) = (letter(x, upper_x).to_string(), letter(x + apart, upper_y).to_string());
            let (a, b) = (x + &rest_x, y + &rest_y);
            proptest::prop_assert_ne!(
                crate::text::normalize_word(&a),
                crate::text::normalize_word(&b)
            );
        }
    }

    #[test]
    fn flags_a_doubled_word_whatever_its_case() {
        assert_eq!(
            flags("The the meeting is in in Tokyo."),
            ["The the", "in in"]
        );
    }

    #[test]
    fn suggests_the_word_once() {
        let doc = Document::new("t.txt", "at the the border");
        let mut hits = Vec::new();
        RepeatedWord::new().detect(&doc, &mut hits);
        assert_eq!(hits[0].suggestions, ["the"]);
    }

    fn flags_in(target: &str, text: &str) -> Vec<String> {
        let mut doc = Document::new("t.txt", text);
        doc.lang.target = Some(target.to_owned());
        let mut hits = Vec::new();
        RepeatedWord::new().detect(&doc, &mut hits);
        hits.iter()
            .map(|h| text[h.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn leaves_each_languages_own_doubles_alone() {
        assert!(flags_in("fr", "avec laquelle vous vous êtes enregistré").is_empty());
        assert!(flags_in("tr-TR", "tek tek alanlara").is_empty());
        assert!(flags_in("nl", "de weergave die die pagina genereert").is_empty());
        // Only in the language that doubles them.
        assert_eq!(flags_in("es", "si vous vous"), ["vous vous"]);
        assert_eq!(flags_in("sv", "har inte sparat sparat"), ["sparat sparat"]);
        // English's are English's.
        assert_eq!(flags_in("de", "dass es es korrekt"), ["es es"]);
        assert!(flags_in("en", "he had had enough").is_empty());
    }

    #[test]
    fn a_placeholders_letter_or_a_hyphenated_words_piece_is_no_word() {
        assert!(flags_in("cs", "Položka %(model_name)s s touto hodnotou").is_empty());
        assert!(flags_in("ro", "%(name)s s-a modificat").is_empty());
        assert!(flags_in("kab", "Yemmal-d d akken").is_empty());
        assert_eq!(flags_in("cs", "Položka s s touto"), ["s s"]);
    }

    #[test]
    fn leaves_purposeful_doubles_names_numbers_and_punctuated_pairs_alone() {
        assert!(flags("He had had enough. Walla Walla is far far away.").is_empty());
        assert!(flags("It cost 10 10 times. No, no. the\nthe").is_empty());
        assert!(flags("the, the").is_empty());
    }

    #[test]
    fn leaves_tables_compounds_acronyms_variables_and_syntax_alone() {
        assert!(flags("a ^ a  =  a    a V a and f\tf | t   t").is_empty());
        assert!(flags("at AT&T, a 4-bit bit-slice, t t f").is_empty());
        assert!(flags("say \"break break\" or merge bugnumber bugnumber ...").is_empty());
        assert_eq!(flags("a a day, said \"the the man\""), ["a a", "the the"]);
    }
}
