//! The normal form of a word, on which every glossary comparison is made.

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization, is_nfkc_quick};

/// The normal form of a word: NFKC, Unicode default case folding, and every
/// typographic apostrophe or quote mark replaced by its ASCII form (`'` or
/// `"`), so that "Minister’s", "MINISTER'S" and "minister's" compare equal.
///
/// Borrows when the word is already normal, which is the common case for
/// lowercase ASCII prose.
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| NORMAL[usize::from(b)]) {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        // NFKC leaves ASCII alone and case folding lowers its capitals;
        // of its quote marks only the backtick is unified.
        return Cow::Owned(
            word.bytes()
                .map(|b| {
                    if b == b'`' {
                        '\''
                    } else {
                        char::from(b.to_ascii_lowercase())
                    }
                })
                .collect(),
        );
    }
    Cow::Owned(fold(word))
}

/// The bytes a word in normal form may hold without being read further:
/// lowercase ASCII letters, digits, `'` and `_`. A table, since every word
/// of every text is checked against it.
static NORMAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'\'' || c == b'_';
        b += 1;
    }
    table
};

/// Whether `word` normalizes to `normal`, itself a normal form (what
/// [`normalize_word`] returns), without building the word's normal form
/// when it is ASCII.
pub fn normalizes_to(word: &str, normal: &str) -> bool {
    if !word.is_ascii() {
        return normalize_word(word) == normal;
    }
    // An ASCII normal form has no capital and no backtick, so it is its
    // own normal form: the common case, a word written as in the term.
    if word == normal {
        return true;
    }
    // The ASCII form of normalize_word, byte for byte.
    word.len() == normal.len()
        && word.bytes().zip(normal.bytes()).all(|(w, n)| {
            let w = if w == b'`' {
                b'\''
            } else {
                w.to_ascii_lowercase()
            };
            w == n
        })
}

/// Whether `a` and `b` cannot have the same normal form, told from their
/// first characters without building either form: most neighbouring words
/// of a text in a script other than ASCII, which a repeated-word test
/// would otherwise normalize pair by pair. `false` means they may.
///
/// Case folding maps each character on its own, so the normal form of a
/// word starts with its first character's folding when NFKC leaves that
/// character as it is: when it is in NFKC itself and the next character
/// is a starter that composes with nothing before it (canonical combining
/// class 0, NFKC quick check "yes"), which blocks any mark after it from
/// composing with the first. Other words are not judged here.
pub fn differ_at_first(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
        return false;
    };
    if x == y {
        return false;
    }
    // Where case folding and lowercasing agree on a character's first
    // character (Latin-1 and Latin Extended-A but `ß` and `ŉ`, Cyrillic,
    // the scripts from Hebrew to Myanmar, kana, CJK, Hangul: a test checks
    // every one), the standard library's lowercasing answers, faster.
    let first = |c: char| {
        if caseless(c) {
            Some(c)
        } else if folds_as_lowercase(c) {
            c.to_lowercase().next()
        } else {
            use caseless::Caseless;
            std::iter::once(c).default_case_fold().next()
        }
        .map(unify_quote)
    };
    if first(x) == first(y) {
        return false;
    }
    starts_as_written(a) && starts_as_written(b)
}

/// Whether `word`'s normal form surely has a character that is not ASCII,
/// told from its first characters without building the form (`false`
/// when it cannot tell): a word of Cyrillic, Hebrew, Devanagari, CJK...
/// can then never equal an ASCII word's normal form.
pub fn surely_not_ascii(word: &str) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    !c.is_ascii()
        && folds_as_lowercase(c)
        && c.to_lowercase().next().is_some_and(|l| !l.is_ascii())
        && starts_as_written(word)
}

/// Whether `c` is in a block of scripts without case (Hebrew to Myanmar,
/// kana, CJK, Hangul), whose characters fold and lowercase to themselves
/// and are no quote (a test checks every one): such a first character is
/// compared as it is, without a look-up in the lowercasing tables.
fn caseless(c: char) -> bool {
    matches!(c, '\u{590}'..='\u{fff}' | '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether `c` is in a block whose characters case-fold to what they
/// lowercase to (each of them that NFKC leaves as it is, wholly: a test
/// checks every one).
fn folds_as_lowercase(c: char) -> bool {
    matches!(c,
        '\u{c0}'..='\u{17e}' if !matches!(c, 'ß' | 'ŉ'))
        || matches!(c, '\u{400}'..='\u{52f}' | '\u{590}'..='\u{fff}' | '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// One bit per code point below U+10000 that NFKC leaves where it stands
/// (in NFKC, canonical combining class 0), written by `build.rs`.
static NFKC_STABLE: &super::BmpSet =
    include_bytes!(concat!(env!("OUT_DIR"), "/bmp-nfkc-stable.bin"));

/// Whether NFKC leaves `c` where it stands: the build script's set, the
/// quick check beyond the plane.
fn stable(c: char) -> bool {
    super::in_bmp_set(NFKC_STABLE, c).unwrap_or_else(|| {
        is_nfkc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes
            && unicode_normalization::char::canonical_combining_class(c) == 0
    })
}

/// Whether NFKC leaves the first character of `word` as it is (see
/// [`differ_at_first`]), from its first two characters: both stable, so
/// the second composes with nothing before it and blocks what follows.
fn starts_as_written(word: &str) -> bool {
    let mut chars = word.chars();
    let (first, second) = (chars.next(), chars.next());
    first.is_some_and(stable) && second.is_none_or(stable)
}

/// NFKC, case folding and quote unification.
///
/// Most words that are not ASCII are in NFKC already, of characters NFKC
/// leaves where they stand, in scripts whose case folding is their
/// lowercasing (accented Latin, Cyrillic, the scripts without case): such
/// a word's normal form is its lowercasing, made in one pass without the
/// normalizer or the case folder (a test holds the two equal).
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(unify_quote(c.to_ascii_lowercase()));
        } else if folds_as_lowercase(c) && stable(c) {
            out.extend(c.to_lowercase().map(unify_quote));
        } else {
            return fold_by_the_book(word);
        }
    }
    out
}

/// NFKC, case folding and quote unification, by the book.
fn fold_by_the_book(word: &str) -> String {
    let composed: Cow<'_, str> =
        if is_nfkc_quick(word.chars()) == unicode_normalization::IsNormalized::Yes {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.nfkc().collect())
        };
    let folded = caseless::default_case_fold_str(&composed);
    folded.chars().map(unify_quote).collect()
}

/// Maps the apostrophe and quote variants that MT engines and word
/// processors produce onto ASCII.
fn unify_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}'
        | '\u{ff07}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ff02}' => '"',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_quotes() {
        assert_eq!(normalize_word("Minister’s"), "minister's");
        assert_eq!(normalize_word("MINISTER'S"), "minister's");
        assert_eq!(normalize_word("Straße"), "strasse");
    }

    #[test]
    fn nfkc_compatibility_forms() {
        // U+FB01 LATIN SMALL LIGATURE FI
        assert_eq!(normalize_word("\u{fb01}nance"), "finance");
        // e + combining acute is the same word as é
        assert_eq!(normalize_word("cafe\u{301}"), normalize_word("café"));
    }

    #[test]
    fn lowercasing_is_case_folding_where_fold_takes_it_for_one() {
        use caseless::Caseless;
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            if folds_as_lowercase(c) && stable(c) {
                let folded: String = std::iter::once(c).default_case_fold().collect();
                let lowered: String = c.to_lowercase().collect();
                assert_eq!(folded, lowered, "U+{:04X}", u32::from(c));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_short_way_to_a_normal_form_is_the_book(
            word in "[a-zA-Z`'’éÉßſİıДдЁёΣσςﬀ가ᄀ\u{1161}かカｶﾞ\u{301}\u{327}Å\u{212b}ǅ中]{1,8}",
        ) {
            proptest::prop_assert_eq!(fold(&word), fold_by_the_book(&word));
        }
    }

    #[test]
    fn every_ascii_character_takes_the_short_way_to_the_same_form() {
        for b in 0u8..128 {
            let word = format!("A{}b", char::from(b));
            assert_eq!(normalize_word(&word), fold_by_the_book(&word), "{b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_takes_the_short_way_to_the_same_form(word in "[ -~]{0,12}") {
            proptest::prop_assert_eq!(normalize_word(&word), fold_by_the_book(&word));
        }
    }

    proptest::proptest! {
        #[test]
        fn comparing_with_a_normal_form_is_normalizing(
            word in "[ -~éÉß’]{0,8}",
            other in "[a-z'`’]{0,8}",
        ) {
            for normal in [normalize_word(&word).into_owned(), normalize_word(&other).into_owned()] {
                proptest::prop_assert_eq!(normalizes_to(&word, &normal), normalize_word(&word) == normal.as_str());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_told_apart_by_their_first_letters_normalize_apart(
            a in "[a-zA-Zéſß’`ΣσςДдﬀ\u{301}\u{316}\u{327}Å\u{212b}ǅ가\u{1161}\u{11a8}ᄀ]{1,4}",
            b in "[a-zA-Zéſß’`ΣσςДдﬀ\u{301}\u{316}\u{327}Å\u{212b}ǅ가\u{1161}\u{11a8}ᄀ]{1,4}",
        ) {
            if differ_at_first(&a, &b) {
                proptest::prop_assert_ne!(normalize_word(&a), normalize_word(&b));
            }
        }
    }

    #[test]
    fn the_stable_set_is_the_quick_check_of_class_zero() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = is_nfkc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes
                && unicode_normalization::char::canonical_combining_class(c) == 0;
            assert_eq!(stable(c), expected, "{c:?}");
        }
    }

    #[test]
    fn caseless_blocks_fold_to_themselves() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| caseless(c))
        {
            assert!(folds_as_lowercase(c), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            assert_eq!(unify_quote(c), c, "{c:?}");
        }
    }

    #[test]
    fn blocks_read_by_lowercasing_fold_that_way() {
        use caseless::Caseless;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| folds_as_lowercase(c))
        {
            assert_eq!(
                std::iter::once(c).default_case_fold().next(),
                c.to_lowercase().next(),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_word_surely_not_ascii_has_a_normal_form_that_is_not(
            word in "[a-zA-ZéÀİſßДд\u{301}\u{327}가\u{11a8}カ中אﬀＡ]{1,4}",
        ) {
            if surely_not_ascii(&word) {
                proptest::prop_assert!(!normalize_word(&word).is_ascii());
            }
        }
    }

    #[test]
    fn first_letters_tell_words_apart() {
        assert!(differ_at_first("дом", "кот"));
        assert!(!differ_at_first("Дом", "дом"));
        assert!(!differ_at_first("ſun", "sun"));
        assert!(!differ_at_first("Σοφία", "σοφία"));
        // NFKC turns the ligature into `ff`: not judged.
        assert!(!differ_at_first("ﬀ", "fa"));
    }

    #[test]
    fn lowercase_ascii_borrows() {
        assert!(matches!(normalize_word("plain"), Cow::Borrowed(_)));
    }
}
