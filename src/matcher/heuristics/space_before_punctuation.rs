//! `heuristic:space-before-punctuation`: a space before `.` `,` `;` `:` `?`
//! or `!` after a word. In MT output it is the trace of text that was dropped
//! together with its markup, typically the anchor text of a link ("led to a
//! Trade War ."), so it is flagged as an omission and no fix is offered:
//! deleting the space would hide the loss.

use std::sync::Arc;

use super::{Info, hit};
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span};

static INFO: Info = Info {
    id: "heuristic:space-before-punctuation",
    category: Category::Omission,
    severity: Severity::Major,
    on_by_default: true,
    note: "space before punctuation: text (often a link's words) may have been dropped here",
    bad: "Nevertheless, the same dispute led to a Trade War .",
    good: "Nevertheless, the same dispute led to a trade war. See .NET, 3 .5 and wait ...",
};

single_rule_detector! {
    /// Flags `word .`, `word ,` and the like.
    SpaceBeforePunctuation
}

impl Detector for SpaceBeforePunctuation {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        super::for_each_line(doc, |line_span, line, _| {
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if !matches!(b, b'.' | b',' | b';' | b':' | b'?' | b'!') || i == 0 {
                    continue;
                }
                // The spaces before the mark, and the word before them.
                let spaces_start = line[..i].trim_end_matches([' ', '\t']).len();
                if spaces_start == i || spaces_start == 0 {
                    continue;
                }
                let before = line[..spaces_start].chars().next_back();
                if !before.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                // ".NET", ".5", "...", ":)" and ". . ." are not the trace of
                // a drop; neither is a mark followed by another mark.
                let after = line[i + 1..].chars().next();
                if after.is_some_and(|c| {
                    !c.is_whitespace() && !matches!(c, '"' | '\u{201d}' | '\'' | '\u{2019}')
                }) {
                    continue;
                }
                // A spaced ellipsis (". . .").
                if b == b'.' && line[i + 1..].trim_start().starts_with('.') {
                    continue;
                }
                let start = line_span.start + spaces_start;
                out.push(hit(
                    &self.rule,
                    Span::new(start, line_span.start + i + 1),
                    Vec::new(),
                ));
            }
        });
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        vec![Arc::clone(&self.rule)]
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&SpaceBeforePunctuation::new(), text)
    }

    #[test]
    fn flags_space_before_each_mark() {
        assert_eq!(
            flags("a Trade War . Then , he said ; and : really ? yes !"),
            [" .", " ,", " ;", " :", " ?", " !"]
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
