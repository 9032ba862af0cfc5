//! The sentence around a span (UAX #29 sentence boundaries), as a glossary
//! entry's `unless` and a baseline's context read it.
//!
//! The sentence of a span is found in its paragraph (the text between
//! blank lines, `\n\n`), but never needs more than the lines the span is
//! on: UAX #29 always breaks a sentence after a line feed (SB4), and none
//! of its rules looks back past one or ahead through one (SB8 stops at a
//! paragraph separator). So a paragraph's sentences are the sentences of
//! each of its lines, segmented alone, and finding a span's sentence costs
//! the length of its lines, not of its paragraph: a file written one
//! paragraph per line, with no blank line anywhere, is one paragraph of
//! many megabytes. [`Sentences`] keeps each line's boundaries once
//! segmented, so that many spans on one long line cost one pass over it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// The byte range of the sentence (UAX #29 sentence boundaries) or sentences
/// that contain `span`, never reaching past the paragraph (blank line) the
/// span is in.
///
/// Costs the length of the lines the span is on. For many spans of one
/// text, [`Sentences`] costs each line once.
pub fn sentence_around(text: &str, span: Span) -> Range<usize> {
    // The lines the span is on: from after the line feed before it to the
    // line feed after it, which a blank line's first line feed ends the
    // paragraph before.
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = match text[span.end..].find('\n') {
        Some(i) => {
            let lf = span.end + i;
            if text.as_bytes().get(lf + 1) == Some(&b'\n') {
                lf
            } else {
                lf + 1
            }
        }
        None => text.len(),
    };
    let lines = &text[start..end];
    touching(
        lines
            .split_sentence_bound_indices()
            .map(|(offset, s)| (start + offset, start + offset + s.len())),
        span,
    )
}

/// The union of `span` and the sentences (as byte ranges, in order) that
/// touch it: that share a byte with it, or, for an empty span, that
/// contain its position.
fn touching(sentences: impl Iterator<Item = (usize, usize)>, span: Span) -> Range<usize> {
    let mut start = span.start;
    let mut end = span.end;
    for (s, e) in sentences {
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

/// The sentences of one text, for many spans: each line is segmented the
/// first time a span on it asks, and its boundaries kept, so that the
/// sentence of a span costs a binary search once its lines are known.
/// Gives exactly what [`sentence_around`] gives.
#[derive(Debug)]
pub struct Sentences<'t> {
    text: &'t str,
    /// Line start -> the line's end (after its line feed, or the end of the
    /// text) and its sentence boundaries, from the start to the end.
    lines: RefCell<BTreeMap<usize, Line>>,
}

#[derive(Debug)]
struct Line {
    end: usize,
    bounds: Vec<usize>,
}

impl<'t> Sentences<'t> {
    /// No line segmented yet: the work is done as spans ask.
    pub fn new(text: &'t str) -> Sentences<'t> {
        Sentences {
            text,
            lines: RefCell::new(BTreeMap::new()),
        }
    }

    /// [`sentence_around`] of `span` in the text.
    pub fn around(&self, span: Span) -> Range<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        if span.is_empty() {
            let at = span.start;
            // At the end of the text, or at a paragraph's end (the first
            // line feed of a blank line): no sentence holds the position.
            if at >= text.len() || bytes[at..].starts_with(b"\n\n") {
                return at..at;
            }
            let (start, end) = self.with_line(at, |line, bounds| {
                let end = self.paragraph_end(line, at);
                let i = bounds.partition_point(|&b| b <= at);
                (bounds[i - 1], bounds[i].min(end))
            });
            return start..end;
        }
        let start = self.with_line(span.start, |_, bounds| {
            bounds[bounds.partition_point(|&b| b <= span.start) - 1]
        });
        let end = self.with_line(span.end - 1, |line, bounds| {
            let end = self.paragraph_end(line, span.end);
            bounds[bounds.partition_point(|&b| b < span.end)].min(end)
        });
        start..end
    }

    /// Where the paragraph of a span ending at `span_end` ends, as far as
    /// the line `line` (holding the span's last byte) tells: before the
    /// line's line feed when a blank line follows it and the span stops
    /// short of it; else the line's end.
    fn paragraph_end(&self, line: Span, span_end: usize) -> usize {
        let bytes = self.text.as_bytes();
        let lf = line.end - 1;
        if line.end > line.start
            && bytes[lf] == b'\n'
            && lf >= span_end
            && bytes.get(lf + 1) == Some(&b'\n')
        {
            lf
        } else {
            line.end
        }
    }

    /// Calls `f` with the line that holds byte `at` and its sentence
    /// boundaries, segmenting the line on first use.
    fn with_line<T>(&self, at: usize, f: impl FnOnce(Span, &[usize]) -> T) -> T {
        let mut lines = self.lines.borrow_mut();
        if let Some((&start, line)) = lines.range(..=at).next_back()
            && at < line.end
        {
            return f(Span::new(start, line.end), &line.bounds);
        }
        // By bytes: `at` may be the last byte of a character. A line feed
        // is a character of its own, so the line's ends are boundaries.
        let text = self.text;
        let bytes = text.as_bytes();
        let start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| at + i + 1);
        let mut bounds: Vec<usize> = text[start..end]
            .split_sentence_bound_indices()
            .map(|(offset, _)| start + offset)
            .collect();
        bounds.push(end);
        let line = lines.entry(start).or_insert(Line { end, bounds });
        f(Span::new(start, end), &line.bounds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, as it was first written: segment the whole paragraph
    /// around the span.
    fn reference(text: &str, span: Span) -> Range<usize> {
        let para_start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
        let para_end = text[span.end..]
            .find("\n\n")
            .map_or(text.len(), |i| span.end + i);
        let paragraph = &text[para_start..para_end];
        touching(
            paragraph
                .split_sentence_bound_indices()
                .map(|(o, s)| (para_start + o, para_start + o + s.len())),
            span,
        )
    }

    #[test]
    fn sentence_around_a_word() {
        let text = "First one here. Second has the word. Third.";
        let at = text.find("word").unwrap();
        let range = sentence_around(text, Span::new(at, at + 4));
        assert_eq!(text[range].trim(), "Second has the word.");
    }

    #[test]
    fn a_paragraph_per_line_is_a_sentence_per_line() {
        let text = "One line here\nThe word is here. Next one.\n\nAfter a blank line.";
        let at = text.find("word").unwrap();
        let span = Span::new(at, at + 4);
        let expected = "The word is here. ";
        assert_eq!(&text[sentence_around(text, span)], expected);
        assert_eq!(&text[Sentences::new(text).around(span)], expected);
        // The paragraph's last sentence keeps its line feed, but not the
        // blank line's.
        let at = text.find("Next").unwrap();
        let span = Span::new(at, at + 4);
        assert_eq!(&text[sentence_around(text, span)], "Next one.");
        assert_eq!(&text[Sentences::new(text).around(span)], "Next one.");
    }

    #[test]
    fn many_spans_on_one_long_line() {
        // One line of 20,000 sentences: each span's sentence is its own,
        // the line segmented once.
        let text = "Alpha beta gamma. ".repeat(20_000);
        let sentences = Sentences::new(&text);
        for i in (0..20_000).step_by(997) {
            let at = i * 18 + 6;
            let range = sentences.around(Span::new(at, at + 4));
            assert_eq!(range, i * 18..i * 18 + 18);
        }
        assert_eq!(sentences.lines.borrow().len(), 1);
    }

    /// Every span of `text` on char boundaries, empty ones too.
    fn spans(text: &str) -> Vec<Span> {
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut out = Vec::new();
        for (n, &a) in cuts.iter().enumerate() {
            for &b in &cuts[n..] {
                out.push(Span::new(a, b));
            }
        }
        out
    }

    proptest! {
        #[test]
        fn agrees_with_the_whole_paragraph(
            text in "[aA1 .!?,)\"\n\r\u{85}\u{2029}\u{301}\u{200b}\u{3002}]{0,24}",
        ) {
            let sentences = Sentences::new(&text);
            for span in spans(&text) {
                let expected = reference(&text, span);
                prop_assert_eq!(sentence_around(&text, span), expected.clone(), "{:?}", span);
                prop_assert_eq!(sentences.around(span), expected, "{:?}", span);
            }
        }
    }
}
