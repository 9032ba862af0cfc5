//! Word tokens (UAX #29) and the rules for which gaps between words a
//! glossary window may cross.

use std::ops::Range;

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
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(start, w)| Token {
            span: Span::new(start, start + w.len()),
            text: w,
        })
        .collect()
}

/// Whether the text between two words lets them belong to one glossary
/// window: only whitespace with at most one line break, hyphens, dashes and
/// slashes. Any other punctuation, or a blank line, ends the window, so a
/// match never spans a sentence end or a paragraph break.
pub fn gap_is_joinable(gap: &str) -> bool {
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

/// The byte range of the sentence (UAX #29 sentence boundaries) or sentences
/// that contain `span`, never reaching past the paragraph (blank line) the
/// span is in.
pub fn sentence_around(text: &str, span: Span) -> Range<usize> {
    let para_start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = text[span.end..]
        .find("\n\n")
        .map_or(text.len(), |i| span.end + i);
    let paragraph = &text[para_start..para_end];
    let mut start = span.start;
    let mut end = span.end;
    for (offset, sentence) in paragraph.split_sentence_bound_indices() {
        let s = para_start + offset;
        let e = s + sentence.len();
        let touches = if span.is_empty() {
            s <= span.start && span.start < e
        } else {
            s < span.end && span.start < e
        };
        if touches {
            start = start.min(s);
            end = end.max(e);
        }
    }
    start..end
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
    }

    #[test]
    fn sentence_around_a_word() {
        let text = "First one here. Second has the word. Third.";
        let at = text.find("word").unwrap();
        let range = sentence_around(text, Span::new(at, at + 4));
        assert_eq!(text[range].trim(), "Second has the word.");
    }
}
