//! The sentence around a finding, for reports read without the file at
//! hand (`findings.csv`, `findings.xlsx`): a row whose text is ` .` or
//! `the the` means nothing alone.
//!
//! The context is bounded: it looks at most [`WINDOW`] bytes either side of
//! the span, and shows at most [`SPAN_MAX`] bytes of the span itself, so
//! each finding costs the same however long its line, paragraph or file
//! (a file of one endless line with millions of findings stays linear).

use std::borrow::Cow;

/// How far the context reaches either side of the span, in bytes.
pub const WINDOW: usize = 160;

/// The most of a span shown whole; a longer one shows its start and end.
pub const SPAN_MAX: usize = 200;

/// The mark before the span in [`Context::marked`].
pub const OPEN: &str = "⟦";

/// The mark after the span in [`Context::marked`].
pub const CLOSE: &str = "⟧";

/// A finding's sentence, cut into the text before the span, the span and
/// the text after it, each on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context<'a> {
    /// The sentence before the span, `…` first where it was cut.
    pub before: Cow<'a, str>,
    /// The span (its start and end around `…` when longer than
    /// [`SPAN_MAX`]).
    pub span: Cow<'a, str>,
    /// The sentence after the span, `…` last where it was cut.
    pub after: Cow<'a, str>,
}

impl Context<'_> {
    /// The context with the span between [`OPEN`] and [`CLOSE`].
    pub fn marked(&self) -> String {
        let mut out = String::new();
        self.mark_into(&mut out);
        out
    }

    /// Appends [`Context::marked`] to `out`.
    pub fn mark_into(&self, out: &mut String) {
        out.reserve(self.before.len() + self.span.len() + self.after.len() + 6);
        for piece in [&*self.before, OPEN, &self.span, CLOSE, &self.after] {
            out.push_str(piece);
        }
    }
}

/// The largest char boundary at or below `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i`.
fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `b` ends a sentence when whitespace follows it.
fn ends_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?')
}

/// Line breaks and tabs as spaces, so a cell is one line.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        Cow::Owned(
            s.chars()
                .map(|c| {
                    if matches!(c, '\n' | '\r' | '\t') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// The context of `span` (a byte range on char boundaries) in `text`.
pub fn context(text: &str, span: std::ops::Range<usize>) -> Context<'_> {
    let bytes = text.as_bytes();
    // Before: back to the start of the sentence (after `. `, `! `, `? `
    // or a line break), within the window.
    let lower = floor(text, span.start.saturating_sub(WINDOW));
    let mut start = lower;
    let mut cut_before = lower > 0;
    let mut i = span.start;
    while i > lower {
        let b = bytes[i - 1];
        if b == b'\n' || (b.is_ascii_whitespace() && i >= 2 && ends_sentence(bytes[i - 2])) {
            start = i;
            cut_before = false;
            break;
        }
        i -= 1;
    }
    if cut_before {
        // Start at a word where the window cut one.
        if let Some(space) = text[start..span.start].find(' ') {
            start += space + 1;
        }
    }
    // After: on to the end of the sentence, within the window.
    let upper = ceil(text, span.end.saturating_add(WINDOW));
    let mut end = upper;
    let mut cut_after = upper < text.len();
    let mut i = span.end;
    // A span that ends its sentence (` .`, a dropped word's stop) shows
    // that sentence, not the next one.
    if span.end > span.start
        && ends_sentence(bytes[span.end - 1])
        && (span.end == text.len() || bytes[span.end].is_ascii_whitespace())
    {
        end = span.end;
        cut_after = false;
        i = upper;
    }
    while i < upper {
        let b = bytes[i];
        if b == b'\n' {
            end = i;
            cut_after = false;
            break;
        }
        if ends_sentence(b) && (i + 1 == text.len() || bytes[i + 1].is_ascii_whitespace()) {
            end = i + 1;
            cut_after = false;
            break;
        }
        i += 1;
    }
    if cut_after && let Some(space) = text[span.end..end].rfind(' ') {
        end = span.end + space;
    }
    let matched = &text[span.clone()];
    let shown = if matched.len() > SPAN_MAX {
        let head = floor(matched, SPAN_MAX / 2);
        let tail = ceil(matched, matched.len() - SPAN_MAX / 2);
        Cow::Owned(format!(
            "{}…{}",
            one_line(&matched[..head]),
            one_line(&matched[tail..])
        ))
    } else {
        one_line(matched)
    };
    let before = one_line(text[start..span.start].trim_start());
    let after = one_line(text[span.end..end].trim_end());
    Context {
        before: if cut_before {
            Cow::Owned(format!("…{before}"))
        } else {
            before
        },
        span: shown,
        after: if cut_after {
            Cow::Owned(format!("{after}…"))
        } else {
            after
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, needle: &str) -> String {
        let start = text.find(needle).expect("needle");
        context(text, start..start + needle.len()).marked()
    }

    #[test]
    fn the_sentence_around_the_span() {
        let text = "First one. The the cat sat. Last one.";
        assert_eq!(marked(text, "The the"), "⟦The the⟧ cat sat.");
        assert_eq!(marked(text, "sat"), "The the cat ⟦sat⟧.");
        assert_eq!(marked(text, "First"), "⟦First⟧ one.");
        assert_eq!(marked("a\nb c\nd", "c"), "b ⟦c⟧");
        assert_eq!(marked("3.5 km away", "km"), "3.5 ⟦km⟧ away");
        assert_eq!(
            marked("It was a War . Then peace.", " ."),
            "It was a War⟦ .⟧"
        );
    }

    #[test]
    fn bounded_on_an_endless_line() {
        let text = format!("{}needle{}", "word ".repeat(10_000), " word".repeat(10_000));
        let m = marked(&text, "needle");
        assert!(m.starts_with('…') && m.ends_with('…'), "{m}");
        assert!(m.len() < 2 * WINDOW + 40, "{}", m.len());
        assert!(m.contains("word ⟦needle⟧ word"));
    }

    #[test]
    fn long_spans_are_shortened_and_lines_joined() {
        let text = format!("Start {} end.", "é".repeat(500));
        let start = 6;
        let c = context(&text, start..start + 1000);
        assert!(c.span.len() <= SPAN_MAX + 8 && c.span.contains('…'));
        assert_eq!(marked("a\tb\r\nc", "b\r\nc"), "a ⟦b  c⟧");
    }
}
