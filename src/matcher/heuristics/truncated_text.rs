//! `heuristic:truncated-text`: a paragraph or the document that ends
//! without terminal punctuation, or in the middle of a word: the engine (or
//! the pipeline around it) cut the text off.
//!
//! A line is a paragraph. What is not flagged:
//! - a heading, caption or title: a line of at most [`HEADING_WORDS`] words
//!   with no sentence end inside it;
//! - a list item (`-`, `*`, `•`, `1.`, `a)`);
//! - a line whose sentence the next line continues (it starts in lower
//!   case), as in text wrapped or segmented mid-sentence;
//! - a line that ends in a comma, colon, semicolon, dash, closing bracket or
//!   quote, an ellipsis, a URL or a number.
//!
//! - a table, formula or code ([`is_table_or_formula`]), which ends as it
//!   likes, and a line that introduces one ("the first difference is",
//!   then the formula).
//!
//! The last line of the document is flagged whenever it ends in a letter
//! and the document has more than one line: a document never ends with a
//! heading. It may end with a closing formula or a signature ("THE END",
//! "Finis", "HARRY S. TRUMAN"): a last paragraph of at most
//! [`CLOSING_WORDS`] words, each capitalised, is not flagged.
//!
//! In plain text whose line breaks are soft (hard-wrapped text, see
//! [`super::soft_breaks`]) a paragraph runs to a blank line, not to the
//! end of its line.
//!
//! In bilingual files (XLIFF, PO, TMX, CSV/TSV), where each translation is a
//! unit of its own and many are labels or titles, a unit's translation is
//! flagged when it ends in a letter while its source ends a sentence
//! (`.`, `!`, `?`, `…`, `。`, `।`, `؟`, `։`, `።`, …): the source says where
//! the text should end.
//! A source of one word ("Jan.") or ending in an abbreviation ("p.m.") ends
//! no sentence, and a translation that ends in a placeholder
//! ("`%(max)s`", "`{count}`") ends in no word of its own. A file whose
//! translations leave out their sources' final
//! stop throughout ([`STYLE_UNITS`] or more, and a quarter or more of the
//! units whose source ends a sentence) follows its translators' style, and
//! none of it is reported.
//!
//! This holds only where the units are a text's paragraphs (an article,
//! a book, a document cut into segments): where they are an interface's
//! strings (a gettext catalog, an app's messages: labels, buttons, error
//! messages of a sentence or two), translators leave the final stop out of
//! one unit or another as a matter of style (about one unit in seventy of
//! Django's 98 human-translated catalogs, in every script, short units and
//! long alike), while text cut off by a pipeline is rare. A file is taken
//! for a catalog by [`super::is_catalog`]: when its median unit's source is
//! no longer than a heading.

use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::{Info, Targets, hit, is_capitalized};
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span, for_each_word, word_tokens};

/// The most words a line may have to be taken for a heading even with a
/// sentence end inside ("“Why is Python Installed?” FAQ").
pub(crate) const SHORT_HEADING_WORDS: usize = 8;

/// The most words a line without a sentence end may have and still be taken
/// for a heading, caption or title.
pub(crate) const HEADING_WORDS: usize = 20;

/// The most words a document's last paragraph may have to be taken for a
/// closing formula or signature when all are capitalised.
pub(crate) const CLOSING_WORDS: usize = 3;

static INFO: Info = Info {
    id: "heuristic:truncated-text",
    category: Category::Omission,
    severity: Severity::Major,
    on_by_default: true,
    note: "the paragraph or document ends without terminal punctuation: the text was cut off",
    bad: "Also in Beijing the meeting is followed. For China, it is uncomfortable, because Beijing also tries\nThe balance is frag",
    good: "Pragmatic approach\nThat thaw is now being continued.\n- a list item\nThe end.",
    targets: Targets::Spaced { except: &[] },
};

single_rule_detector! {
    /// Flags the last word of a paragraph that ends without punctuation.
    TruncatedText
}

/// Whether a line starts like a list item.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '*', '•', '–', '—', '+', '#', '>', '|']) {
        return true;
    }
    // A label of at most three letters or digits (read no further).
    let (mut chars, mut bytes, mut digits) = (0, 0, true);
    for c in t
        .chars()
        .take(4)
        .take_while(|c| crate::text::is_alphanumeric(*c))
    {
        chars += 1;
        bytes += c.len_utf8();
        digits &= c.is_ascii_digit();
    }
    (1..=3).contains(&chars) && (digits || chars == 1) && t[bytes..].starts_with(['.', ')'])
}

/// Whether a line is a caption: it starts with a label such as "Listing
/// 10-25:", "Figure 3:", "Photo:".
pub(super) fn is_caption(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "Listing",
        "Figure",
        "Fig.",
        "Table",
        "Photo",
        "Image",
        "Picture",
        "Source",
        "Caption",
        "Credit",
        "Chart",
        "Map",
        "Video",
        "Illustration",
    ];
    let t = line.trim_start();
    LABELS.iter().any(|label| {
        t.strip_prefix(label).is_some_and(|rest| {
            let head: String = rest.chars().take(12).collect();
            head.contains(':') && !rest.starts_with(|c: char| crate::text::is_alphabetic(c))
        })
    })
}

/// Whether a paragraph is, or holds, a table, a formula or code rather
/// than prose: a line of it has a tab or three spaces in a row between its
/// words (columns), or a piece between spaces is an operator, symbols only
/// with one of `= < > | \ ^` among them (`=`, `->`, `<=`, `|`).
pub(super) fn is_table_or_formula(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        line.contains(['\t']) || line.contains("   ")
    }) || text.split_whitespace().any(|piece| {
        piece.contains(['=', '<', '>', '|', '\\', '^'])
            && !piece.chars().any(crate::text::is_alphanumeric)
    })
}

/// Whether the line holds a sentence end before its last sentence.
pub(super) fn has_inner_sentence_end(line: &str) -> bool {
    line.trim_end().unicode_sentences().count() > 1
}

/// Whether a wrapped paragraph holds a sentence end before its last
/// sentence: `.`, `!`, `?` or `…`, then spacing (line breaks included), then
/// a capital or a digit.
fn has_inner_sentence_end_wrapped(text: &str) -> bool {
    let mut after_end = false;
    let mut spaced = false;
    for c in text.chars() {
        if after_end && spaced && (c.is_uppercase() || c.is_numeric()) {
            return true;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            (after_end, spaced) = (true, false);
        } else if c.is_whitespace() {
            spaced = after_end;
        } else if !matches!(c, '"' | '\'' | '”' | '’' | ')') || spaced {
            after_end = false;
        }
    }
    false
}

impl TruncatedText {
    /// The bilingual case: each unit against its source.
    fn detect_units(&self, doc: &Document, out: &mut Vec<Hit>) {
        let mut found: Vec<Span> = Vec::new();
        let mut sentences = 0;
        for unit in &doc.units {
            if !ends_sentence(&unit.source) {
                continue;
            }
            sentences += 1;
            let Some(last) = unit.segments.clone().next_back().map(|i| &doc.segments[i]) else {
                continue;
            };
            let text = &doc.text[last.span.range()];
            let body = text.trim_end();
            if !body
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alphabetic)
            {
                continue;
            }
            if let Some(word) = word_tokens(body).last() {
                // A placeholder's conversion ("%(max)s", "%1$s") is no word.
                if body[..word.span.start].ends_with([')', '}', '$', '%']) {
                    continue;
                }
                let s = last.span.start + word.span.start;
                found.push(Span::new(s, s + word.text.len()));
            }
        }
        // A translator (or a team's style guide) that leaves out the
        // final stop does so throughout a catalog; text cut off is rare.
        // (The length against the source does not tell them apart: text
        // cut off near its end, "The balance is frag", is as long.)
        if found.len() >= STYLE_UNITS && found.len() * 4 >= sentences {
            return;
        }
        // Asked last: the median counts the words of the units' sources
        // (half of them at least), which most documents, with no unit
        // found, need not pay for.
        if found.is_empty() || super::is_catalog(doc) {
            return;
        }
        out.extend(
            found
                .into_iter()
                .map(|span| hit(&self.rule, span, Vec::new())),
        );
    }
}

/// How many of a file's units must end without the stop their sources end
/// with (and at least a quarter of those units) to be taken for the
/// translator's style.
const STYLE_UNITS: usize = 3;

/// The marks that end a sentence, in the scripts of the sources mtlint
/// reads: Latin, CJK full-width, Devanagari and Bengali danda, Arabic and
/// Urdu, Armenian, Ethiopic, Myanmar, Tibetan, Khmer.
const SENTENCE_ENDS: &[char] = &[
    '.', '!', '?', '…', '。', '！', '？', '।', '॥', '؟', '۔', '։', '።', '။', '།', '។',
];

/// Whether a unit's source ends a sentence: it ends with one of
/// [`SENTENCE_ENDS`], and is not one abbreviation ("Jan.", "p.m.").
fn ends_sentence(source: &str) -> bool {
    let source = source.trim_end();
    if !source.ends_with(SENTENCE_ENDS) {
        return false;
    }
    let last = source.rsplit(char::is_whitespace).next().unwrap_or(source);
    let inner_stop = last.trim_end_matches(SENTENCE_ENDS).contains('.');
    !(last.len() == source.len() || inner_stop)
}

impl Detector for TruncatedText {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        if !doc.units.is_empty() {
            self.detect_units(doc, out);
            return;
        }
        // In hard-wrapped text a paragraph runs to a blank line: a line
        // that ends mid-sentence is wrapped, not cut off.
        let soft = super::soft_breaks(doc);
        let mut lines: Vec<(Span, bool)> = Vec::new();
        super::for_each_paragraph(doc, soft, |span, _, last| lines.push((span, last)));
        let single_line = lines.len() < 2;
        for (i, &(span, last)) in lines.iter().enumerate() {
            let line = &doc.text[span.range()];
            let body = line.trim_end();
            let Some(end) = body.chars().next_back() else {
                continue;
            };
            // Only a line that ends in a letter was cut off: punctuation,
            // digits, brackets and quotes end lines on purpose.
            if !crate::text::is_alphabetic(end) || is_list_item(line) || is_caption(line) {
                continue;
            }
            // A URL, address or file name ends a line on purpose.
            let last_chunk = body.rsplit(char::is_whitespace).next().unwrap_or(body);
            if last_chunk.contains(['/', '@', '_']) {
                continue;
            }
            // A line whose sentence the next line continues, or a lone
            // line, is not cut off: known before the words are counted.
            if last {
                if single_line {
                    continue;
                }
            } else {
                let next = &doc.text[lines[i + 1].0.range()];
                let continues = next
                    .trim_start()
                    .chars()
                    .find(|c| crate::text::is_alphanumeric(*c))
                    .is_some_and(char::is_lowercase);
                if continues || is_table_or_formula(next) {
                    continue;
                }
            }
            if is_table_or_formula(body) {
                continue;
            }
            let mut words = 0;
            let mut last_word = None;
            for_each_word(body, |w| {
                words += 1;
                last_word = Some(w);
            });
            let Some(last_word) = last_word else {
                continue;
            };
            // A wrapped paragraph's line breaks are spaces, not the
            // sentence breaks they are to Unicode's segmentation.
            let inner_end = if soft {
                has_inner_sentence_end_wrapped(body)
            } else {
                has_inner_sentence_end(body)
            };
            let heading = words <= SHORT_HEADING_WORDS || (words <= HEADING_WORDS && !inner_end);
            let closing = last && words <= CLOSING_WORDS && {
                let mut all = true;
                for_each_word(body, |w| all &= is_capitalized(&body[w.range()]));
                all
            };
            if (last && !closing) || (!last && !heading) {
                let s = span.start + last_word.start;
                out.push(hit(
                    &self.rule,
                    Span::new(s, s + last_word.len()),
                    Vec::new(),
                ));
            }
        }
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
        detect_texts(&TruncatedText::new(), text)
    }

    #[test]
    fn flags_the_document_cut_off_in_a_word() {
        assert_eq!(flags("The visit went well.\nThe balance is frag"), ["frag"]);
        assert_eq!(
            flags("The visit went well.\nThe balance is frag\n\n"),
            ["frag"]
        );
    }

    #[test]
    fn leaves_tables_formulas_and_their_introductions_alone() {
        let text = "The first difference of a long sequence is the sequence of these\n\n\
                    D u(n) = u(n+1) - u(n)\n\n\
                    The sample rate is 48KHz in the first and in most other decks SN = 93 dB\n\n\
                    IBM     PC EGA\t640x350\n\n\
                    It was fine. The balance of it all is then right at the end of the frag\n\n\
                    End.";
        assert_eq!(flags(text), ["frag"]);
    }

    #[test]
    fn flags_a_paragraph_that_loses_its_end() {
        let text = "Also in Beijing it is followed. For China, it is uncomfortable, because Beijing tries the collaboration with Japan\nThe balance is fragile.";
        assert_eq!(flags(text), ["Japan"]);
    }

    #[test]
    fn flags_a_long_line_without_a_sentence_end() {
        let long = "word ".repeat(HEADING_WORDS) + "end";
        assert_eq!(flags(&format!("{long}\nNext line.")), ["end"]);
    }

    #[test]
    fn leaves_headings_captions_lists_and_continuations_alone() {
        assert!(
            flags(
                "Comfort girls\nThe relationship is tense.\nPragmatic approach\nThat thaw goes on."
            )
            .is_empty()
        );
        assert!(flags("- first item\n- second item\n1. third\nDone.").is_empty());
        assert!(flags("“Why is Python Installed on my Computer?” FAQ\nIt is.").is_empty());
        let caption = format!(
            "Listing 10-25: A function{}\nThe reason is historical.",
            " with words".repeat(12)
        );
        assert!(flags(&caption).is_empty());
        assert!(flags("It has a characteristic song, which\nrings out. And so it goes. And then we saw\nthat it works.").is_empty());
        assert!(
            flags("Intro:\nA list, one, two,\nthree, four …\nsee https://example.org/a_b")
                .is_empty()
        );
    }

    #[test]
    fn a_wrapped_line_is_not_a_paragraph_end() {
        let wrapped = "Queequeg was George\nWashington cannibalistically developed, and he\nsaid so without a doubt, then went on at\nlength about it all.\n\nCHAPTER 11\n\nHe turned, and the other said it was so; then\nthey went in, and sat down by the fire, and\nspoke no more of it.\n";
        assert!(flags(wrapped).is_empty());
        // A wrapped paragraph cut off is still one.
        let cut = wrapped.replace("spoke no more of it.", "spoke no more of");
        assert_eq!(flags(&cut), ["of"]);
        // One paragraph per line: the break ends the paragraph.
        let doc = "Queequeg was George\nWashington was not.";
        assert!(!super::super::soft_breaks(&Document::new("t.txt", doc)));
    }

    #[test]
    fn a_closing_formula_or_signature_ends_a_document() {
        assert!(flags("It was over.\n\nTHE END").is_empty());
        assert!(flags("Thank you.\nHARRY S. TRUMAN").is_empty());
        assert_eq!(flags("It was over.\nThe balance is frag"), ["frag"]);
        assert_eq!(flags("It was over.\nThe balance"), ["balance"]);
    }

    fn unit_flags(po: &str) -> Vec<String> {
        let doc = Document::new("t.po", po);
        let doc = crate::input::parse(doc, crate::input::InputFormat::Po, &Default::default())
            .expect("the catalog parses");
        let mut hits = Vec::new();
        TruncatedText::new().detect(&doc, &mut hits);
        hits.iter()
            .map(|h| doc.text[h.span.range()].to_owned())
            .collect()
    }

    /// A PO entry whose source and translation are paragraphs: each
    /// opens with a sentence of 20 words before the `source` and `target`
    /// given.
    fn paragraph(source: &str, target: &str) -> String {
        format!(
            "msgid \"The talks in Tokyo this week went on for many hours and touched on trade, history, security and the region. {source}\"\nmsgstr \"Die Gespräche in Tokio dauerten diese Woche viele Stunden und berührten Handel, Geschichte, Sicherheit und die Region. {target}\"\n\n"
        )
    }

    #[test]
    fn a_unit_without_its_sources_stop_is_cut_off() {
        let po = [
            paragraph("The visit went well.", "Der Besuch verlief gut."),
            paragraph("The balance is fragile.", "Das Gleichgewicht ist frag"),
            paragraph("Enter a valid value.", "Geben Sie einen gültigen Wert ein"),
            "msgid \"Jan.\"\nmsgstr \"Januar\"\n\n".to_owned(),
            paragraph("Enter a number, please.", "Bitte geben Sie eine Zahl ein."),
            paragraph("At most %(max)s.", "Höchstens %(max)s"),
        ]
        .concat();
        assert_eq!(unit_flags(&po), ["frag", "ein"]);
    }

    #[test]
    fn a_text_that_drops_every_stop_follows_its_style() {
        let unit = |n: usize| paragraph(&format!("Item {n} is saved."), &format!("Ding {n}"));
        let po: String = (0..4).map(unit).collect();
        assert!(unit_flags(&po).is_empty());
    }

    #[test]
    fn a_catalogs_strings_may_leave_their_stop_out() {
        let po = "msgid \"Enter a valid value.\"\nmsgstr \"Geben Sie einen gültigen Wert ein\"\n\nmsgid \"Save\"\nmsgstr \"Sichern\"\n\nmsgid \"The file is empty.\"\nmsgstr \"Die Datei ist leer.\"\n\n";
        let with_a_paragraph = format!(
            "{po}{}",
            paragraph("The balance is fragile.", "Das Gleichgewicht ist frag")
        );
        assert!(unit_flags(&with_a_paragraph).is_empty());
        // Where paragraphs are most of the file, it is a text.
        let text = format!(
            "{with_a_paragraph}{}{}",
            paragraph("Done.", "Fertig."),
            paragraph("Next.", "Weiter.")
        );
        assert_eq!(unit_flags(&text), ["ein", "frag"]);
    }

    #[test]
    fn a_single_line_is_a_title() {
        assert!(flags("South Korea and Japan are seeking rapprochement").is_empty());
    }

    #[test]
    fn spans_the_last_word_exactly() {
        let text = "Lee’s first trip.\nThe Tōkyō balance is fragí";
        let doc = Document::new("t.txt", text);
        let mut hits = Vec::new();
        TruncatedText::new().detect(&doc, &mut hits);
        assert_eq!(&text[hits[0].span.range()], "fragí");
    }
}
