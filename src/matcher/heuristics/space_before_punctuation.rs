//! `heuristic:space-before-punctuation`: a space before `.` `,` `;` `:` `?`
//! or `!` after a word. In MT output it is the trace of text that was dropped
//! together with its markup, typically the anchor text of a link ("led to a
//! Trade War ."), so it is flagged as an omission and no fix is offered:
//! deleting the space would hide the loss.
//!
//! A space put there on purpose is left alone: after an address or path,
//! which the mark must not seem to end ("write to list@example.org .",
//! "at most %(limit_value)s ."); a
//! mark named after an article ("use the ! shorthand"); a field label's
//! aligned colon at a line start ("Description : text"). A space before
//! `?`, `!`, `:` or `;` that recurs (three times or more in a chunk of the
//! text, or before these marks taken together in the document) is the
//! writer's typography, as French spacing is (and the spacing many writers
//! of Hindi, Marathi and Nepali use before `?` and `:`), not a trace of
//! dropped words. In an interface catalog (see [`super::is_catalog`]),
//! whose units are labels and messages, not a text with links whose words
//! could be dropped, a space before any mark that recurs in three units or
//! more is its translators' habit.
//!
//! Nor is a mark in a table or a formula, as documentation and reference
//! text hold them: a mark after three or more spaces or a tab is aligned
//! in a column; a mark between spaces next to an operand (a one-letter
//! variable other than "a" and "I", a word with digits in it such as `E1`
//! or `0x2c`, or a piece with a symbol of formulas or code: `= + * ^ | < >
//! ( ) [ ] { } \`) is an operator (`f : X -> Y`, `\ x . x+1`, `E1 ? E2 :
//! E3`).

use std::sync::Arc;

use super::{Chunk, Info, ReadsWords, Targets, hit};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::{Document, Span};

static INFO: Info = Info {
    id: "heuristic:space-before-punctuation",
    category: Category::Omission,
    severity: Severity::Major,
    on_by_default: true,
    note: "space before punctuation: text (often a link's words) may have been dropped here",
    bad: "Nevertheless, the same dispute led to a Trade War .",
    good: "Nevertheless, the same dispute led to a trade war. See .NET, 3 .5 and wait ...",
    targets: Targets::Spaced {
        except: &["fr", "br"],
    },
};

single_rule_detector! {
    /// Flags `word .`, `word ,` and the like.
    SpaceBeforePunctuation, reads words
}

/// How many times a space before `?`, `!`, `:` or `;` must recur to be
/// taken for the writer's typography.
pub(super) const STYLE_REPEATS: usize = 3;

/// How far back from a mark [`deliberate_space`] reads, in bytes.
const LOOK_BACK: usize = 64;

/// Whether the space before `mark` was put there on purpose, given the
/// text `before` the space from the start of its line (or its last
/// [`LOOK_BACK`] bytes).
pub(super) fn deliberate_space(before: &str, mark: u8) -> bool {
    let piece = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    // An address, a path or a format placeholder ("%(name)s", "{count}"),
    // whose value the mark must not seem to end, or an article naming the
    // mark.
    if piece.contains(['@', '/', '\\', '%', '{'])
        || matches!(piece, "a" | "an" | "the" | "A" | "An" | "The")
    {
        return true;
    }
    mark == b':' && before.len() <= 40 && before.split_whitespace().count() <= 2
}

/// Whether a mark that `space` precedes, with the text `before` that on
/// its line and `after` it to the end of the text, is a cell of a table
/// or an operator of a formula: aligned in a column (after a tab, or three
/// spaces or more; two may follow a sentence's end), or [`in_formula`].
pub(super) fn in_table_or_formula(space: &str, before: &str, after: &str) -> bool {
    space.contains('\t') || space.len() >= 3 || in_formula(before, after)
}

/// Whether a mark with the text `before` it on its line (up to the space
/// before it) and `after` it to the end of the text is an operator of a
/// formula: after an [`is_operand`], or before one on its line.
fn in_formula(before: &str, after: &str) -> bool {
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    // The next piece is read on the mark's line only.
    let next = after
        .strip_prefix([' ', '\t'])
        .and_then(|rest| rest.split(char::is_whitespace).next())
        .filter(|n| !n.is_empty());
    is_operand(prev) || next.is_some_and(is_operand)
}

/// Whether a piece of text between spaces reads as an operand or operator
/// of a formula or code rather than a word: one letter other than the
/// words "a", "A" and "I"; letters and digits mixed (`E1`, `0x2c`); or a
/// symbol of formulas or code.
fn is_operand(piece: &str) -> bool {
    let mut chars = piece.chars();
    let one_letter = matches!((chars.next(), chars.next()), (Some(c), None)
        if crate::text::is_alphabetic(c) && !matches!(c, 'a' | 'A' | 'I'));
    let mixed =
        piece.chars().any(|c| c.is_ascii_digit()) && piece.chars().any(crate::text::is_alphabetic);
    one_letter
        || mixed
        || piece.contains([
            '=', '+', '*', '^', '|', '<', '>', '(', ')', '[', ']', '{', '}', '\\',
        ])
}

/// The marks of `found` (each hit's mark) that recur often enough to be
/// the writer's typography: `?`, `!`, `:`, `;` only, as `.` and `,` are
/// where dropped links leave their trace.
pub(super) fn style_marks(found: &[u8]) -> [bool; 4] {
    let mut style = [false; 4];
    for (i, mark) in [b'?', b'!', b':', b';'].into_iter().enumerate() {
        style[i] = found.iter().filter(|&&m| m == mark).count() >= STYLE_REPEATS;
    }
    style
}

/// Whether `mark` is one of the `style` marks [`style_marks`] found.
pub(super) fn is_style(style: [bool; 4], mark: u8) -> bool {
    match mark {
        b'?' => style[0],
        b'!' => style[1],
        b':' => style[2],
        b';' => style[3],
        _ => false,
    }
}

impl ReadsWords for SpaceBeforePunctuation {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let mut found: Vec<(Span, u8)> = Vec::new();
        // The spaces end a word (a letter or digit before a space always
        // ends one), so the marks are looked for after the words.
        let (text, bytes) = (chunk.text, chunk.text.as_bytes());
        for w in chunk.words {
            let mut i = w.span.end;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            if i == w.span.end
                || i == bytes.len()
                || !matches!(bytes[i], b'.' | b',' | b';' | b':' | b'?' | b'!')
                || !w
                    .text
                    .chars()
                    .next_back()
                    .is_some_and(crate::text::is_alphanumeric)
            {
                continue;
            }
            // ".NET", ".5", "...", ":)" and ". . ." are not the trace of a
            // drop; neither is a mark followed by another mark. (What
            // follows is read up to the end of the line.)
            let rest = &text[i + 1..];
            let after = rest.chars().next();
            if after.is_some_and(|c| {
                !c.is_whitespace() && !matches!(c, '"' | '\u{201d}' | '\'' | '\u{2019}')
            }) {
                continue;
            }
            // A spaced ellipsis (". . .").
            if bytes[i] == b'.'
                && rest
                    .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
                    .starts_with('.')
            {
                continue;
            }
            let mut from = w.span.end.saturating_sub(LOOK_BACK);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let line = text[from..w.span.end]
                .rfind('\n')
                .map_or(from, |n| from + n + 1);
            if deliberate_space(&text[line..w.span.end], bytes[i])
                || in_table_or_formula(&text[w.span.end..i], &text[line..w.span.end], rest)
            {
                continue;
            }
            found.push((Span::new(w.span.end, i + 1), bytes[i]));
        }
        let marks: Vec<u8> = found.iter().map(|f| f.1).collect();
        let style = style_marks(&marks);
        for (span, mark) in found {
            if !is_style(style, mark) {
                let span = Span::new(chunk.base + span.start, chunk.base + span.end);
                out.push(hit(&self.rule, span, Vec::new()));
            }
        }
    }

    fn finish(&self, doc: &Document, out: &mut Vec<Hit>, from: usize) {
        let mark = |h: &Hit| doc.text.as_bytes()[h.span.end - 1];
        let mine = |h: &Hit| Arc::ptr_eq(&h.rule, &self.rule);
        let high = |m: u8| matches!(m, b'?' | b'!' | b':' | b';');
        let (mut all, mut highs) = (0, 0);
        for h in out[from..].iter().filter(|h| mine(h)) {
            all += 1;
            highs += usize::from(high(mark(h)));
        }
        // Whether the units are a catalog's is asked only where it matters.
        let catalog = all >= STYLE_REPEATS && super::is_catalog(doc);
        let habit = |h: &Hit| catalog || (highs >= STYLE_REPEATS && high(mark(h)));
        if catalog || highs >= STYLE_REPEATS {
            // Hits before `from` are another document's business.
            let mut seen = 0;
            out.retain(|h| {
                seen += 1;
                seen <= from || !(mine(h) && habit(h))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;
    use crate::matcher::Detector;
    use crate::text::Document;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&SpaceBeforePunctuation::new(), text)
    }

    #[test]
    fn flags_space_before_each_mark() {
        assert_eq!(
            flags("a Trade War . Then , he said ; and : really"),
            [" .", " ,", " ;", " :"]
        );
        assert_eq!(flags("really ? yes !"), [" ?", " !"]);
    }

    #[test]
    fn leaves_deliberate_spaces_and_recurring_typography_alone() {
        assert!(flags("write to list@example.org . Or see /usr/share/doc .").is_empty());
        assert!(flags("at most %(limit)s . Or {count} , then").is_empty());
        assert!(flags("use the ! shorthand, or the ; key").is_empty());
        assert!(flags("Description : news\nModerated   : yes").is_empty());
        assert!(flags("Why ? Who ? What ? Where ?").is_empty());
        assert_eq!(flags("Why ? Who ? and then ."), [" ?", " ?", " ."]);
        assert_eq!(flags("The long sentence here : the rest"), [" :"]);
    }

    fn po_flags(po: &str) -> Vec<String> {
        let doc = Document::new("t.po", po);
        let doc = crate::input::parse(doc, crate::input::InputFormat::Po, &Default::default())
            .expect("the catalog parses");
        let mut hits = Vec::new();
        SpaceBeforePunctuation::new().detect(&doc, &mut hits);
        hits.iter()
            .map(|h| doc.text[h.span.range()].to_owned())
            .collect()
    }

    fn entry(source: &str, target: &str) -> String {
        format!("msgid \"{source}\"\nmsgstr \"{target}\"\n\n")
    }

    #[test]
    fn a_high_mark_spaced_across_a_document_is_its_typography() {
        let text = "मिटाएँ ?\nकृपया नया कूटशब्द चुनिये :\nक्या आप निश्चित हैं ?\nसहेजा गया .";
        assert_eq!(flags(text), [" ."]);
        assert_eq!(flags("मिटाएँ ?\nकृपया नया कूटशब्द चुनिये :"), [" ?", " :"]);
    }

    #[test]
    fn a_catalogs_recurring_space_is_its_translators_habit() {
        let po: String = ["Back.", "Jump.", "Tools."]
            .iter()
            .map(|s| entry(s, &format!("{} .", s.trim_end_matches('.'))))
            .collect();
        assert!(po_flags(&po).is_empty());
        assert_eq!(
            po_flags(&po[..po.find("msgid \"Tools").unwrap()]),
            [" .", " ."]
        );
        // In a text's paragraphs, dropped links leave the same trace.
        let long = "word ".repeat(25);
        let text: String = (0..3)
            .map(|n| entry(&format!("{long}{n}."), &format!("{long}{n} .")))
            .collect();
        assert_eq!(po_flags(&text).len(), 3);
    }

    #[test]
    fn leaves_columns_and_formulas_alone() {
        assert!(flags("binary  hex\n00011  03      A      ?\n01001  09      D\t:").is_empty());
        assert!(flags("A function f : X -> Y, and \\ x . x+1 or E1 ? E2 : E3 then").is_empty());
        assert!(flags("given (foo . 42) and g o f :\nA -> C, or \\ x .\n").is_empty());
        assert_eq!(flags("a translator , written in C"), [" ,"]);
        assert_eq!(
            flags("The title of it is Data Communications : a user's guide"),
            [" :"]
        );
    }

    #[test]
    fn spans_every_space() {
        assert_eq!(flags("the crumbling  ."), ["  ."]);
    }

    #[test]
    fn leaves_decimals_extensions_ellipses_and_line_starts_alone() {
        assert!(flags("Use .NET or version .5 and wait ... or . . . then").is_empty());
        assert!(flags(". leading\n, also leading").is_empty());
        assert!(flags("a dash - . then").is_empty());
    }

    #[test]
    fn flags_before_a_closing_quote_and_at_the_end() {
        assert_eq!(flags("he said “we agree .” Then: done ."), [" .", " ."]);
    }

    #[test]
    fn offsets_are_exact_after_multibyte_text() {
        let text = "Lee’s visit to Tōkyō .";
        let doc = Document::new("t.txt", text);
        let mut hits = Vec::new();
        SpaceBeforePunctuation::new().detect(&doc, &mut hits);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].span.range()], " .");
        assert!(hits[0].suggestions.is_empty());
    }
}
