//! Word tokens (UAX #29) and the rules for which gaps between words a
//! glossary window may cross.

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// A word of the text: a UAX #29 word segment that contains at least one
/// letter or digit ("minister's" is one token, "comfort-girls" two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'d> {
    /// Where the word is, in bytes.
    pub span: Span,
    /// The word exactly as written.
    pub text: &'d str,
}

/// The word tokens of `text`, in order, with byte spans into `text`.
pub fn word_tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_word(text, |span| {
        out.push(Token {
            span,
            text: &text[span.range()],
        });
    });
    out
}

/// Calls `f` with the span of every word token of `text`, in order: the
/// same words as [`word_tokens_uax29`], found faster.
///
/// UAX #29 always breaks before and after a line feed, and before a space
/// that follows a non-space; a space joins only to following spaces and
/// combining marks. So the text can be cut into runs between spaces and
/// line feeds without changing any word. Stretches of runs of plain ASCII
/// (most of English prose) are segmented by the ASCII rules
/// (`ascii_words`); a run with any other character goes to the full
/// algorithm, together with the spaces before it (to which a leading
/// combining mark belongs).
pub fn for_each_word(text: &str, mut f: impl FnMut(Span)) {
    let bytes = text.as_bytes();
    let separator = |b: &u8| matches!(b, b' ' | b'\n');
    let mut i = 0;
    while i < bytes.len() {
        let Some(other) = first_non_ascii(bytes, i) else {
            ascii_words(bytes, i, bytes.len(), &mut f);
            return;
        };
        // The run that holds the character, and the ASCII runs before it.
        let start = bytes[i..other]
            .iter()
            .rposition(separator)
            .map_or(i, |k| i + k + 1);
        ascii_words(bytes, i, start, &mut f);
        let (end, word) = one_word_run(text, start);
        if let Some(word) = word {
            if let Some((a, b)) = word {
                f(Span::new(a, b));
            }
            i = end;
            continue;
        }
        let mut from = start;
        while from > 0 && bytes[from - 1] == b' ' {
            from -= 1;
        }
        for (offset, w) in text[from..end].split_word_bound_indices() {
            if w.chars().any(crate::text::is_alphanumeric) {
                f(Span::new(from + offset, from + offset + w.len()));
            }
        }
        i = end;
    }
}

/// One bit per code point below U+10000: the characters word
/// segmentation joins to letters, digits, `_` and themselves on both sides
/// (written by `build.rs`, probing the segmenter).
static WORD_JOINING: &super::BmpSet =
    include_bytes!(concat!(env!("OUT_DIR"), "/bmp-word-joining.bin"));

/// Of those, the ones a word may start with: not the marks that attach to
/// the space or punctuation before them.
static WORD_START: &super::BmpSet = include_bytes!(concat!(env!("OUT_DIR"), "/bmp-word-start.bin"));

fn in_set(set: &super::BmpSet, c: char) -> bool {
    super::in_bmp_set(set, c).unwrap_or(false)
}

/// Punctuation that stands apart from the word it starts or ends: of word
/// break class Other, or one that joins two letters or digits only
/// between them (`.`, `,`, `:`, `;` and their full-width forms), never at
/// a word's edge. Not the quotes (`'` and `"` join a Hebrew letter).
/// The no-break space is of class Other too (French puts one inside
/// `« »` and before `:`, `?` and `!`).
fn is_edge_mark(c: char) -> bool {
    matches!(
        c,
        '!' | '#'..='&'
            | '('..='/'
            | ':'..='@'
            | '['..='^'
            | '`'
            | '{'..='~'
            | '\u{a0}'
            | '¡'
            | '¿'
            | '«'
            | '»'
            | '–'
            | '—'
            | '“'
            | '”'
            | '„'
            | '…'
            | '、'
            | '。'
            | '！'
            | '（'
            | '）'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
    )
}

/// The run between spaces that starts at `from`: where it ends (at the
/// next space or line feed), and its word if it is one word with
/// punctuation around it (`(слово),`, `«Wort»`), as the full algorithm
/// would find it: `Some(Some(range))` for the word, `Some(None)` for a
/// run of punctuation alone, `None` when the run needs the full
/// algorithm.
///
/// Letters, digits and `_` ([`WORD_JOINING`]) make one word whatever
/// their order (UAX #29 rules WB5, WB8–WB10, WB13a/b), and the marks that
/// follow one of them ([`joins_after`]) belong to it (WB4); the
/// punctuation around it joins to nothing at a word's edge.
fn one_word_run(text: &str, from: usize) -> (usize, Option<Option<(usize, usize)>>) {
    // One pass over the characters, which finds the run's end as well:
    // the marks before the word, then the word, whose end moves past each
    // joining character. No mark joins (a test holds the sets apart), and
    // a word's first character is one that joins, so a character of the
    // word is told by one look-up, and only what is not is asked whether
    // it is a mark. A mark followed by more of the word is inside it: the
    // full algorithm decides what it joins.
    let run_end = |at: usize| {
        text.as_bytes()[at..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\n'))
            .map_or(text.len(), |k| at + k)
    };
    let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c));
    let (start, first) = loop {
        match chars.next() {
            None => return (text.len(), Some(None)),
            Some((i, ' ' | '\n')) => return (i, Some(None)),
            Some(found) if in_set(WORD_START, found.1) => break found,
            Some((_, c)) if is_edge_mark(c) => {}
            Some((i, _)) => return (run_end(i), None),
        }
    };
    let mut alnum = crate::text::is_alphanumeric(first);
    let mut end = start + first.len_utf8();
    for (i, c) in chars {
        if c == ' ' || c == '\n' {
            return (i, Some(alnum.then_some((start, end))));
        }
        if in_set(WORD_JOINING, c) || joins_after(c) {
            if i != end {
                return (run_end(i), None);
            }
            alnum = alnum || crate::text::is_alphanumeric(c);
            end = i + c.len_utf8();
        } else if !is_edge_mark(c) {
            return (run_end(i), None);
        }
    }
    (text.len(), Some(alnum.then_some((start, end))))
}

/// Whether `c` belongs to the word character before it, whatever follows:
/// a combining mark (the vowel signs and viramas of the Indic scripts), a
/// zero-width joiner or non-joiner, a soft hyphen, which word segmentation
/// passes over after any character but a line break (UAX #29 WB4). Then a
/// word of Devanagari or Malayalam is one word without the full algorithm.
/// Not one of [`WORD_JOINING`]: at the start of a text they stand alone.
///
/// The tables of marks (the normalizer's) and of word segmentation may
/// follow different Unicode versions (a mark new in one is unassigned in
/// the other), so each mark is probed once with the segmenter itself, as
/// the build script probes the joining characters, and the answer kept;
/// a character outside the Basic Multilingual Plane is left to the full
/// algorithm.
fn joins_after(c: char) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
    // Per character: 0 not probed yet, 1 joins, 2 does not.
    static PROBED: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(0) }; 0x1_0000];
    let Some(slot) = PROBED.get(c as usize) else {
        return false;
    };
    match slot.load(Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let joins = (matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}')
                || unicode_normalization::char::is_combining_mark(c))
                && passed_over(c);
            slot.store(if joins { 1 } else { 2 }, Relaxed);
            joins
        }
    }
}

/// Whether word segmentation keeps `c` in one word with a letter, a
/// Hebrew letter, a digit or `_` before it, alone, doubled, or with any
/// of those after it.
fn passed_over(c: char) -> bool {
    let sides = ['a', '\u{5d0}', '1', '_'];
    let one = |s: &[char]| {
        let s: String = s.iter().collect();
        s.split_word_bounds().count() == 1
    };
    sides
        .iter()
        .all(|&x| one(&[x, c]) && one(&[x, c, c]) && sides.iter().all(|&y| one(&[x, c, y])))
}

/// The word of `run`, a run between spaces, as [`one_word_run`] finds it
/// but as first written, a pass for each edge of the word and one over
/// it: the reference the one pass is tested against.
#[cfg(test)]
fn one_word_run_by_edges(run: &str) -> Option<Option<(usize, usize)>> {
    let Some(start) = run.find(|c| !is_edge_mark(c)) else {
        return Some(None);
    };
    let end = run
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_edge_mark(c))
        .map_or(start, |(i, c)| i + c.len_utf8());
    let mut chars = run[start..end].chars();
    let first = chars.next()?;
    if !in_set(WORD_START, first) {
        return None;
    }
    let mut alnum = crate::text::is_alphanumeric(first);
    for c in chars {
        if !(in_set(WORD_JOINING, c) || joins_after(c)) {
            return None;
        }
        alnum = alnum || crate::text::is_alphanumeric(c);
    }
    Some(alnum.then_some((start, end)))
}

/// The position of the first byte from `i` on that is not ASCII: eight
/// bytes at a time.
fn first_non_ascii(bytes: &[u8], mut i: usize) -> Option<usize> {
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let high = x & HIGH;
        if high != 0 {
            return Some(i + high.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| !b.is_ascii()).map(|k| i + k)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bit-masks of one block of up to 64 ASCII bytes: bit `k` for byte
/// `k`.
#[derive(Default)]
struct Masks {
    /// Letters, digits and `_`: the bytes words are made of.
    word: u64,
    /// Letters and digits: a word needs one.
    alnum: u64,
    letter: u64,
    digit: u64,
}

impl Masks {
    /// The masks of `block` (at most 64 ASCII bytes), eight bytes at a
    /// time: each class is a comparison of all eight at once, its answers
    /// (the high bit of each byte) gathered into eight bits.
    ///
    /// The marks that join two letters or two digits are not classed
    /// here: they matter only between two of those, a few bytes of a
    /// block, which [`joining_marks`] reads one by one.
    fn of(block: &[u8]) -> Masks {
        // The high bit of each byte of `v` (all below 0x80) that is at
        // least `c`; of each byte of `x` that equals `c`.
        let at_least = |v: u64, c: u8| (v + ONES * u64::from(0x80 - c)) & HIGH;
        // (A byte of `t` is below 0x80, as `x`'s are: adding 0x7F sets
        // its high bit unless it is 0, and carries into no other byte.)
        let equal = |x: u64, c: u8| {
            let t = x ^ (ONES * u64::from(c));
            !((t + !HIGH) | t) & HIGH
        };
        let gather = |v: u64| v.wrapping_mul(0x0002_0408_1020_4081) >> 56;
        let mut m = Masks::default();
        for (n, chunk) in block.chunks(8).enumerate() {
            // The last chunk may be short: its bytes are gathered one by
            // one (a copy of a length not known here calls `memcpy`).
            let x = match <[u8; 8]>::try_from(chunk) {
                Ok(eight) => u64::from_le_bytes(eight),
                Err(_) => chunk.iter().rev().fold(0, |x, &b| (x << 8) | u64::from(b)),
            };
            let folded = x | (ONES * 0x20);
            let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
            let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
            let shift = 8 * n;
            m.letter |= gather(letter) << shift;
            m.digit |= gather(digit) << shift;
            m.word |= gather(equal(x, b'_')) << shift;
        }
        // Gathering high bits is or-ing them, so the letters' and digits'
        // masks make the others without gathering them again.
        m.alnum = m.letter | m.digit;
        m.word |= m.alnum;
        m
    }
}

/// Of the bytes of `block` in `between_letters` (each between two
/// letters) and `between_digits` (between two digits), the marks that
/// join their neighbours into one word: `:`, `.` and `'` between letters,
/// `,`, `;`, `.` and `'` between digits (UAX #29 WB6/7, WB11/12).
fn joining_marks(block: &[u8], between_letters: u64, between_digits: u64) -> u64 {
    let mut joined = 0;
    let mut rest = between_letters | between_digits;
    while rest != 0 {
        let k = rest.trailing_zeros();
        let bit = 1 << k;
        rest &= rest - 1;
        let joins = match block[k as usize] {
            b'.' | b'\'' => true,
            b':' => between_letters & bit != 0,
            b',' | b';' => between_digits & bit != 0,
            _ => false,
        };
        if joins {
            joined |= bit;
        }
    }
    joined
}

/// The word tokens by the Unicode word segmentation algorithm itself, with
/// no shortcut: the reference [`for_each_word`] is tested against.
pub fn word_tokens_uax29(text: &str) -> Vec<Token<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(crate::text::is_alphanumeric))
        .map(|(start, w)| Token {
            span: Span::new(start, start + w.len()),
            text: w,
        })
        .collect()
}

/// UAX #29 word segmentation of `bytes[start..end]`, all ASCII, `start`
/// and `end` where runs start and end, reporting the segments that hold a
/// letter or digit.
///
/// The ASCII word-break classes: letters (ALetter), digits (Numeric), `_`
/// (ExtendNumLet), `:` (MidLetter), `.` (MidNumLet), `'` (Single_Quote),
/// `,` and `;` (MidNum); everything else breaks on both sides. Letters and
/// digits join (WB5, WB8–WB10), `_` joins to both (WB13a/b); a single
/// `:`, `.` or `'` joins two letters (WB6/7) and a single `,`, `;`, `.` or
/// `'` joins two digits (WB11/12). So a word is a stretch of letters,
/// digits, `_` and joining marks (a mark between two letters, or two
/// digits, of its kind) that holds a letter or digit. It is found with
/// bit-masks of 64 bytes at a time, not a test per byte.
fn ascii_words(bytes: &[u8], start: usize, end: usize, f: &mut impl FnMut(Span)) {
    let mut word_start = None;
    let mut has_alnum = false;
    // The last byte of the block before: a letter, a digit?
    let (mut letter_before, mut digit_before) = (0, 0);
    let mut p = start;
    while p < end {
        let len = (end - p).min(64);
        let m = Masks::of(&bytes[p..p + len]);
        let top = len - 1;
        let (letter_after, digit_after) = match bytes.get(p + len).filter(|_| p + len < end) {
            Some(b) => (
                u64::from(b.is_ascii_alphabetic()),
                u64::from(b.is_ascii_digit()),
            ),
            None => (0, 0),
        };
        let letter_prev = (m.letter << 1) | letter_before;
        let digit_prev = (m.digit << 1) | digit_before;
        let letter_next = (m.letter >> 1) | (letter_after << top);
        let digit_next = (m.digit >> 1) | (digit_after << top);
        let valid = u64::MAX >> (64 - len);
        let joined = joining_marks(
            &bytes[p..p + len],
            letter_prev & letter_next & !m.word & valid,
            digit_prev & digit_next & !m.word & valid,
        );
        let in_word = (m.word | joined) & valid;
        let mut k = 0;
        while k < len {
            if word_start.is_none() {
                let rest = in_word >> k;
                if rest == 0 {
                    break;
                }
                k += rest.trailing_zeros() as usize;
                word_start = Some(p + k);
                has_alnum = false;
            }
            // The word's bytes from `k` on in this block (none when it
            // ended with the block before).
            let run = (((!in_word) >> k).trailing_zeros() as usize).min(len - k);
            if run > 0 {
                has_alnum |= (m.alnum >> k) & (u64::MAX >> (64 - run)) != 0;
            }
            k += run;
            // A word that ends in this block is done.
            if k < len
                && let Some(s) = word_start.take()
                && has_alnum
            {
                f(Span::new(s, p + k));
            }
        }
        letter_before = (m.letter >> top) & 1;
        digit_before = (m.digit >> top) & 1;
        p += len;
    }
    if let Some(s) = word_start
        && has_alnum
    {
        f(Span::new(s, end));
    }
}

/// Whether the text between two words lets them belong to one glossary
/// window: only whitespace with at most one line break, hyphens, dashes and
/// slashes. Any other punctuation, or a blank line, ends the window, so a
/// match never spans a sentence end or a paragraph break.
pub fn gap_is_joinable(gap: &str) -> bool {
    // Nearly every gap is one space: answered without decoding.
    if let [byte] = gap.as_bytes() {
        return matches!(
            byte,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' | b'/'
        );
    }
    let mut line_breaks = 0;
    for c in gap.chars() {
        match c {
            '\n' => {
                line_breaks += 1;
                if line_breaks > 1 {
                    return false;
                }
            }
            '\r' | '\u{2028}' => {
                // A CR is part of a CRLF line end, counted at its LF; a lone
                // CR or a LINE SEPARATOR is a break of its own.
                if c == '\u{2028}' {
                    line_breaks += 1;
                    if line_breaks > 1 {
                        return false;
                    }
                }
            }
            c if c.is_whitespace() => {}
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {}
            '/' | '\u{2044}' | '\u{2215}' | '\u{ff0f}' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        word_tokens(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn apostrophe_words_stay_whole() {
        assert_eq!(
            words("Lee’s visit, minister's car"),
            ["Lee’s", "visit", "minister's", "car"]
        );
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(words("comfort-girls"), ["comfort", "girls"]);
    }

    #[test]
    fn ascii_rules_match_uax29() {
        let samples = [
            "e.g. the U.S. a:b a.1 1.a 3.14 1,000,000 1;2 it's rock'n'roll",
            "foo_bar _x x_ __ a__b 1_2 a-b a'b' 'a 1'2 x.:y 1..2 a..b",
            "tab\tsep\r\nline \x0b vt \x0c ff end.",
            "A1b2 9z z9 ,a a, .5 5. :a a:",
        ];
        for text in samples {
            assert_eq!(word_tokens(text), word_tokens_uax29(text), "{text:?}");
        }
    }

    #[test]
    fn mixed_scripts_match_uax29() {
        let samples = [
            "café naïve Lee’s “quoted” 日本語 кот",
            "a \u{301}b \u{93e}x  \u{200d}y",
            "Straße\u{a0}x ﬁnance",
            "अरबी (हिन्दी), ആഫ്രിക്കാന്‍സ് বাংলা: ਪੰਜਾਬੀ \u{940}क क\u{94d}\u{200d}ष",
            "«\u{a0}Enregistrer\u{a0}» ici\u{a0}: oui\u{a0}? a\u{a0}\u{301}b \u{a0}\u{a0}x\u{a0}1.5\u{a0}",
        ];
        for text in samples {
            assert_eq!(word_tokens(text), word_tokens_uax29(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Runs of letters of many scripts, marks, digits and punctuation
        /// around and inside them: the one-word shortcut finds what the
        /// full algorithm does.
        #[test]
        fn one_word_runs_match_uax29(
            text in "([a-c1_'\"().,:;!?«»“”„…、。，：？ дЖאבעربसक\u{93e}\u{940}\u{94d}\u{d02}ബ\u{301}\u{200d}\u{200c}\u{ad}カ中\u{a0}ก\u{e31}Ⅻ²٣·’\n-]){0,40}",
        ) {
            proptest::prop_assert_eq!(word_tokens(&text), word_tokens_uax29(&text));
        }

        /// ASCII text of every word-break class, long enough to cross the
        /// 64-byte blocks, with a character that is not ASCII here and
        /// there.
        #[test]
        fn ascii_blocks_match_uax29(
            text in "([a-cA-C0-2_:.',; \n\t!-]{1,90}|é|\u{301}| ){0,12}",
        ) {
            proptest::prop_assert_eq!(word_tokens(&text), word_tokens_uax29(&text));
        }
    }

    #[test]
    fn no_edge_mark_joins() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            assert!(
                !(is_edge_mark(c) && (in_set(WORD_JOINING, c) || joins_after(c))),
                "{c:?} is a mark that joins"
            );
        }
    }

    #[test]
    fn marks_join_the_word_before_them() {
        let one = |s: &str| s.split_word_bounds().count() == 1;
        let sides = ["a", "\u{5d0}", "1", "_", "\u{915}", "\u{d15}"];
        let marks: Vec<char> = (0..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| joins_after(c))
            .collect();
        // The Indic vowel signs and viramas among them.
        for c in [
            '\u{93e}', '\u{940}', '\u{94d}', '\u{d02}', '\u{d4d}', '\u{200c}', '\u{200d}',
        ] {
            assert!(marks.contains(&c), "{c:?}");
        }
        for c in marks {
            for x in sides {
                assert!(one(&format!("{x}{c}")), "{x}{c:?}");
                assert!(one(&format!("{x}{c}{c}")), "{x}{c:?}{c:?}");
                for y in sides {
                    assert!(one(&format!("{x}{c}{y}")), "{x}{c:?}{y}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The one pass over a run finds the word that the pass per edge
        /// does, or leaves the run to the full algorithm.
        #[test]
        fn one_pass_finds_the_word_by_edges(
            text in "([a-c1_'\"().,:;!?«»“”„…、。，：？дЖאבعربसक\u{93e}\u{940}\u{94d}\u{d02}\u{301}\u{200d}\u{ad}カ中\u{a0}ก\u{e31}²٣·’ \n-]){0,16}",
        ) {
            let (end, word) = one_word_run(&text, 0);
            let run_end = text.find([' ', '\n']).unwrap_or(text.len());
            proptest::prop_assert_eq!(end, run_end);
            let run = &text[..end];
            match (word, one_word_run_by_edges(run)) {
                (Some(word), by_edges) => proptest::prop_assert_eq!(Some(word), by_edges),
                // Left to the full algorithm only for a mark inside the
                // word.
                (None, Some(Some((start, end)))) => {
                    proptest::prop_assert!(run[start..end].chars().any(is_edge_mark));
                }
                (None, Some(None)) => proptest::prop_assert!(false, "a run of marks"),
                (None, None) => {}
            }
        }
    }

    #[test]
    fn words_across_block_edges() {
        // Words, joining marks and underscores at every offset around the
        // edges of the 64-byte blocks.
        let pieces = [
            "ab", "a.b", "1,5", "1.5.3", "a:b", "x_", "__", "a..b", "3'4", "e.g.",
        ];
        for shift in 0..70 {
            for piece in pieces {
                let text = format!("{}{piece} {piece}.{}", "x".repeat(shift), " z".repeat(40));
                assert_eq!(word_tokens(&text), word_tokens_uax29(&text), "{text:?}");
                let text = format!("{}{piece}", " ".repeat(shift));
                assert_eq!(word_tokens(&text), word_tokens_uax29(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn empty_input_is_no_tokens() {
        assert!(word_tokens("").is_empty());
        assert!(word_tokens(" .,; \n").is_empty());
    }

    #[test]
    fn joinable_gaps() {
        assert!(gap_is_joinable(" "));
        assert!(gap_is_joinable(" - "));
        assert!(gap_is_joinable("/"));
        assert!(gap_is_joinable(" \r\n "));
        assert!(gap_is_joinable("\u{2014}"));
        assert!(!gap_is_joinable(". "));
        assert!(!gap_is_joinable(", "));
        assert!(!gap_is_joinable("\n\n"));
        assert!(!gap_is_joinable("\r\n\r\n"));
        // One ASCII character, the fast path, as the general rule has it.
        for byte in 0u8..128 {
            let c = char::from(byte);
            let joinable = c.is_whitespace() || c == '-' || c == '/';
            assert_eq!(gap_is_joinable(&c.to_string()), joinable, "{c:?}");
        }
    }
}
