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
/// line feeds without changing any word. Runs of plain ASCII (most of
/// English prose) are segmented by the ASCII rules below; a run with any
/// other character goes to the full algorithm, together with the space
/// before it (to which a leading combining mark belongs).
pub fn for_each_word(text: &str, mut f: impl FnMut(Span)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip separators.
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\n') {
            i += 1;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\n') {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        if start == i {
            continue;
        }
        if ascii {
            ascii_words(bytes, start, i, &mut f);
        } else {
            let mut from = start;
            while from > 0 && bytes[from - 1] == b' ' {
                from -= 1;
            }
            for (offset, w) in text[from..i].split_word_bound_indices() {
                if w.chars().any(char::is_alphanumeric) {
                    f(Span::new(from + offset, from + offset + w.len()));
                }
            }
        }
    }
}

/// The word tokens by the Unicode word segmentation algorithm itself, with
/// no shortcut: the reference [`for_each_word`] is tested against.
pub fn word_tokens_uax29(text: &str) -> Vec<Token<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(start, w)| Token {
            span: Span::new(start, start + w.len()),
            text: w,
        })
        .collect()
}

/// UAX #29 word segmentation of `bytes[start..end]`, all ASCII with no
/// space or line feed, reporting the segments that hold a letter or digit.
///
/// The ASCII word-break classes: letters (ALetter), digits (Numeric), `_`
/// (ExtendNumLet), `:` (MidLetter), `.` (MidNumLet), `'` (Single_Quote),
/// `,` and `;` (MidNum); everything else breaks on both sides. Letters and
/// digits join (WB5, WB8–WB10), `_` joins to both (WB13a/b); a single
/// `:`, `.` or `'` joins two letters (WB6/7) and a single `,`, `;`, `.` or
/// `'` joins two digits (WB11/12).
fn ascii_words(bytes: &[u8], start: usize, end: usize, f: &mut impl FnMut(Span)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        Letter,
        Digit,
        Under,
        Other,
    }
    let class = |b: u8| match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Under,
        _ => Class::Other,
    };
    let mut i = start;
    while i < end {
        if class(bytes[i]) == Class::Other {
            i += 1;
            continue;
        }
        let word_start = i;
        let mut has_alnum = false;
        let mut prev = class(bytes[i]);
        has_alnum |= prev != Class::Under;
        i += 1;
        while i < end {
            let c = class(bytes[i]);
            if c != Class::Other {
                has_alnum |= c != Class::Under;
                prev = c;
                i += 1;
                continue;
            }
            // A middle character joins only between two letters or two
            // digits.
            let mid = bytes[i];
            let next = if i + 1 < end {
                class(bytes[i + 1])
            } else {
                Class::Other
            };
            let joins = match (prev, next) {
                (Class::Letter, Class::Letter) => matches!(mid, b':' | b'.' | b'\''),
                (Class::Digit, Class::Digit) => matches!(mid, b',' | b';' | b'.' | b'\''),
                _ => false,
            };
            if !joins {
                break;
            }
            i += 2;
        }
        if has_alnum {
            f(Span::new(word_start, i));
        }
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
        ];
        for text in samples {
            assert_eq!(word_tokens(text), word_tokens_uax29(text), "{text:?}");
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
