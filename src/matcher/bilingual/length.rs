//! `length-ratio`: a target much shorter or longer than its source, a sign
//! of a sentence left out or of text added; and `length-limit`: a target
//! longer than the limit its file sets.
//!
//! Lengths are compared in letters and digits (spaces and punctuation left
//! out), each weighted by how much a character of its script says: a Han
//! character says about what two or three Latin letters do, so Chinese and
//! Japanese targets are not all "too short" against English sources.
//! On Django's human-translated catalogs (99 languages) the units long
//! enough to judge have a median ratio of about 1.1 by this measure, and
//! about 2 in 1,000 of them fall outside 0.33–3; outside 0.25–4, the
//! bounds used here, 5 units of all 77,539 do.

use crate::text::SizeLimit;

/// The weighted length below which neither side is judged: short strings
/// ("Save" → "Speichern") vary too much.
const MIN_LENGTH: f64 = 30.0;

/// A target shorter than this share of its source is flagged.
const TOO_SHORT: f64 = 0.25;

/// A target longer than this multiple of its source is flagged.
const TOO_LONG: f64 = 4.0;

/// How many Latin letters a character stands for: ideographs and Hangul
/// syllables carry a syllable or a word each, kana a syllable. Never more
/// than the character's bytes in UTF-8 ([`judge`] counts on it).
fn weight(c: char) -> f64 {
    match u32::from(c) {
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => 2.5,
        0xAC00..=0xD7AF => 2.0,
        0x3040..=0x30FF => 1.3,
        _ => 1.0,
    }
}

/// The length of `text` in Latin-letter equivalents: letters and digits
/// only, each by its script's weight.
pub(super) fn weighted_length(text: &str) -> f64 {
    weighted_length_until(text, f64::INFINITY)
}

/// The length of `text` as [`weighted_length`] counts it, or of a part of
/// it from its start once that reaches `stop`: a result below `stop` is the
/// whole text's. The characters are added in the same order, so the sum of
/// the whole is the same number.
fn weighted_length_until(text: &str, stop: f64) -> f64 {
    if let Some(n) = ascii_alphanumerics(text.as_bytes()) {
        return n as f64;
    }
    // An ASCII character weighs 1: the ones among other scripts' (the
    // spaces, digits and Latin letters of most translations) are counted
    // from their bytes, without decoding.
    let bytes = text.as_bytes();
    let mut sum = 0.0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            i += 1;
            if !b.is_ascii_alphanumeric() {
                continue;
            }
            sum += 1.0;
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            if !crate::text::is_alphanumeric(c) {
                continue;
            }
            sum += weight(c);
        }
        if sum >= stop {
            break;
        }
    }
    sum
}

/// The number of ASCII letters and digits in `bytes`, or `None` when a
/// byte is not ASCII. Eight bytes at a time: a byte's high bit set by
/// adding, from below 0x80, what carries it past a bound, then the bits
/// counted (a source, most often English, is read whole for every unit
/// long enough to judge; a test per byte was a measurable part of the
/// rule).
fn ascii_alphanumerics(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` (all below 0x80) that is at least
    // `c`.
    let at_least = |v: u64, c: u8| (v + ONES * u64::from(0x80 - c)) & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if x & HIGH != 0 {
            return None;
        }
        // Setting bit 5 makes the capitals lower case, and nothing else a
        // lower-case letter.
        let folded = x | (ONES * 0x20);
        let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
        let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
        n += (letter | digit).count_ones() as usize;
    }
    let rest = chunks.remainder();
    if !rest.is_ascii() {
        return None;
    }
    Some(n + rest.iter().filter(|b| b.is_ascii_alphanumeric()).count())
}

/// How a target's length departs from its source's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Departure {
    /// The target is this share of the source's length.
    Short(f64),
    /// The target is this multiple of the source's length.
    Long(f64),
}

/// Whether `target` is much shorter or longer than `source`; `None` when
/// the lengths are within the expected range or too short to judge.
pub(super) fn judge(source: &str, target: &str) -> Option<Departure> {
    // No character weighs more than its bytes in UTF-8 (a Han character,
    // 2.5, takes three), so two short texts are not judged, without
    // reading their characters: most units of a catalog.
    if (source.len().max(target.len()) as f64) < MIN_LENGTH {
        return None;
    }
    let s = weighted_length(source);
    if s == 0.0 {
        return None;
    }
    // A target of at most four times the source's length in bytes, less
    // one for rounding, is not too long (no character weighs more than its
    // bytes); nor is it too short once a part of it from its start has a
    // quarter of the source's length. Most translations are told so from
    // their first words. (The sum only grows as characters are added.)
    let t = if (target.len() as f64) + 1.0 <= s * TOO_LONG {
        let t = weighted_length_until(target, s * TOO_SHORT);
        if t >= s * TOO_SHORT {
            return None;
        }
        t
    } else {
        weighted_length(target)
    };
    if s.max(t) < MIN_LENGTH {
        return None;
    }
    departure(t / s)
}

/// How a target of `ratio` times its source's weight departs from it.
fn departure(ratio: f64) -> Option<Departure> {
    if ratio < TOO_SHORT {
        Some(Departure::Short(ratio))
    } else if ratio > TOO_LONG {
        Some(Departure::Long(ratio))
    } else {
        None
    }
}

/// Where `text` goes past `limit`: the byte offset of the first character
/// beyond it, its length and the limit; `None` when it fits.
pub(super) fn over_limit(text: &str, limit: SizeLimit) -> Option<(usize, usize, usize)> {
    let (length, max) = limit.measure(text);
    if length <= max {
        return None;
    }
    // The first character that no longer fits.
    let mut used = 0;
    let at = text
        .char_indices()
        .find(|&(_, c)| {
            used += match limit {
                SizeLimit::Chars(_) => 1,
                SizeLimit::Utf8Bytes(_) => c.len_utf8(),
                SizeLimit::Utf16Units(_) => c.len_utf16(),
            };
            used > max
        })
        .map_or(text.len(), |(i, _)| i);
    Some((at, length, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_sentence_is_short() {
        let source = "Are you sure you want to delete the selected items? All of the following objects and their related items will be deleted:";
        assert!(matches!(
            judge(source, "Wirklich löschen?"),
            Some(Departure::Short(r)) if r < 0.25
        ));
        assert_eq!(
            judge(
                source,
                "Sollen die ausgewählten Objekte wirklich gelöscht werden? Alle folgenden Objekte und ihre verwandten Objekte werden gelöscht:"
            ),
            None
        );
    }

    #[test]
    fn an_added_paragraph_is_long() {
        let source = "Delete the selected items.";
        let target = "Die ausgewählten Objekte löschen. Bitte beachten Sie, dass dieser Vorgang nicht rückgängig gemacht werden kann und alle verwandten Objekte ebenfalls entfernt werden, einschließlich ihrer Historie.";
        assert!(matches!(judge(source, target), Some(Departure::Long(_))));
    }

    #[test]
    fn short_units_and_dense_scripts_are_not_judged_short() {
        assert_eq!(judge("Save", "Speichern und schließen"), None);
        // Chinese says in 12 characters what English says in 50 letters.
        assert_eq!(
            judge(
                "Please correct the errors below and save again.",
                "请更正下面的错误然后再次保存。"
            ),
            None
        );
        assert_eq!(judge("", ""), None);
    }

    #[test]
    fn limits_count_in_their_unit() {
        assert_eq!(over_limit("Speichern", SizeLimit::Chars(9)), None);
        assert_eq!(
            over_limit("Speichern", SizeLimit::Chars(6)),
            Some((6, 9, 6))
        );
        // `ü` is two bytes: the first that no longer fits is at byte 4.
        assert_eq!(
            over_limit("Grüße", SizeLimit::Utf8Bytes(4)),
            Some((4, 7, 4))
        );
        assert_eq!(over_limit("Grüße", SizeLimit::Utf8Bytes(7)), None);
        assert_eq!(
            over_limit("a😀b", SizeLimit::Utf16Units(2)),
            Some((1, 4, 2))
        );
    }

    /// [`judge`] as it reads both texts whole.
    fn judge_reading_all(source: &str, target: &str) -> Option<Departure> {
        let (s, t) = (weighted_length(source), weighted_length(target));
        if s.max(t) < MIN_LENGTH || s == 0.0 {
            return None;
        }
        departure(t / s)
    }

    proptest::proptest! {
        #[test]
        fn judging_from_a_part_of_the_target_gives_the_same_answer(
            source in proptest::collection::vec(proptest::sample::select(vec!['a', 'Z', '7', ' ', ',', 'é', 'ж', '中', '한', 'か', '。']), 0..120),
            target in proptest::collection::vec(proptest::sample::select(vec!['a', '7', ' ', '.', 'é', 'ж', '中', '한', 'か', 'カ', '。', '😀']), 0..400),
        ) {
            let (source, target): (String, String) = (source.into_iter().collect(), target.into_iter().collect());
            proptest::prop_assert_eq!(judge(&source, &target), judge_reading_all(&source, &target));
        }

        /// The ASCII characters counted from their bytes, the others
        /// decoded: the same sum, added in the same order, as over every
        /// character.
        #[test]
        fn counting_ascii_by_bytes_sums_as_the_characters_do(
            text in "([a-zA-Z0-9 ,.]|é|ж|中|한|か|😀|\\PC){0,60}",
            stop in 0.0f64..80.0,
        ) {
            for stop in [stop, f64::INFINITY] {
                let mut sum = 0.0;
                for c in text.chars().filter(|&c| crate::text::is_alphanumeric(c)) {
                    sum += weight(c);
                    if sum >= stop {
                        break;
                    }
                }
                proptest::prop_assert_eq!(weighted_length_until(&text, stop).to_bits(), sum.to_bits());
            }
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time, the letters and digits a test per byte
        /// counts, or none at all for a text not all ASCII.
        #[test]
        fn ascii_alphanumerics_are_counted_by_bytes(
            text in "([\\x00-\\x7f]|é|中){0,40}",
        ) {
            let want = text
                .is_ascii()
                .then(|| text.bytes().filter(u8::is_ascii_alphanumeric).count());
            proptest::prop_assert_eq!(ascii_alphanumerics(text.as_bytes()), want);
        }
    }

    #[test]
    fn ascii_alphanumerics_of_every_byte() {
        for b in 0u8..=0x7f {
            for at in 0..9 {
                let mut text = vec![b' '; 9];
                text[at] = b;
                assert_eq!(
                    ascii_alphanumerics(&text),
                    Some(usize::from(b.is_ascii_alphanumeric())),
                    "{b:#x} at {at}"
                );
            }
        }
        assert_eq!(ascii_alphanumerics("abcdefgh é".as_bytes()), None);
        assert_eq!(ascii_alphanumerics("é abcdefgh".as_bytes()), None);
    }

    #[test]
    fn no_character_weighs_more_than_its_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(weight(c) <= c.len_utf8() as f64, "{c:?}");
        }
        assert_eq!(weighted_length("ab1 ,é"), 4.0);
        assert_eq!(weighted_length("ab1 ,e"), 4.0);
    }
}
