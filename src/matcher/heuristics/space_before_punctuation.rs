//! `heuristic:space-before-punctuation`: a space before `.` `,` `;` `:` `?`
//! or `!` after a word. In MT output it is the trace of text that was dropped
//! together with its markup, typically the anchor text of a link ("led to a
//! Trade War ."), so it is flagged as an omission and no fix is offered:
//! deleting the space would hide the loss.

use super::{Chunk, Info, ReadsWords, Targets, hit};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::Span;

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

impl ReadsWords for SpaceBeforePunctuation {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
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
                    .is_some_and(char::is_alphanumeric)
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
            out.push(hit(
                &self.rule,
                Span::new(chunk.base + w.span.end, chunk.base + i + 1),
                Vec::new(),
            ));
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
