//! `heuristic:midsentence-capital`: a capitalised function word in the
//! middle of a sentence ("Kishida The forced prostitution"): engines carry
//! over the capital of a sentence start they moved. A capital that starts a
//! name or title ("in The Hague", "said The New York Times"), follows
//! punctuation (a quotation, a colon) or sits in a title-case line is left
//! alone.

use std::sync::Arc;

use super::{Info, hit, is_capitalized};
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span, word_tokens};

static INFO: Info = Info {
    id: "heuristic:midsentence-capital",
    category: Category::Grammar,
    severity: Severity::Minor,
    on_by_default: true,
    note: "a capitalised function word in mid-sentence",
    bad: "In 2015 the then minister Kishida recognized The forced prostitution.",
    good: "The talks in The Hague ended. He said: The end is near. Lord Of The Rings",
};

/// Function words that are capitalised only at a sentence start or in a
/// name. "A" and "I" are missing: "plan A", "World War I".
const FUNCTION_WORDS: &[&str] = &[
    "The", "An", "Of", "And", "Or", "But", "In", "On", "At", "To", "For", "With", "From", "By",
    "Is", "Are", "Was", "Were", "That", "This", "These", "Those", "Which", "Its", "Their", "His",
    "Her", "Our", "Into", "Onto", "Than", "Because",
];

single_rule_detector! {
    /// Flags a capitalised function word after a word in the same sentence.
    MidsentenceCapital
}

impl Detector for MidsentenceCapital {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        super::for_each_line(doc, |line_span, line, _| {
            let words = word_tokens(line);
            // A title-case line ("Candystripes Defeat Rovers In Season
            // Opener") capitalises function words on purpose.
            let capitals = words.iter().filter(|w| is_capitalized(w.text)).count();
            if words.len() >= 3 && capitals * 2 > words.len() {
                return;
            }
            for (i, w) in words.iter().enumerate() {
                // Most words are not capitalised: test that before the list.
                if i == 0
                    || !w.text.starts_with(|c: char| c.is_ascii_uppercase())
                    || !FUNCTION_WORDS.contains(&w.text)
                {
                    continue;
                }
                let prev = words[i - 1];
                let gap = &line[prev.span.end..w.span.start];
                if !gap.chars().all(|c| c == ' ' || c == '\t') {
                    continue;
                }
                // A name or title starts here ("The Hague"), or the previous
                // word is one that ends ("Lord Of").
                let next_capital = words.get(i + 1).is_some_and(|n| {
                    is_capitalized(n.text) || n.text.chars().next().is_some_and(|c| c.is_numeric())
                });
                if next_capital || words.get(i + 1).is_none() {
                    continue;
                }
                if !prev.text.chars().any(char::is_alphabetic) {
                    continue;
                }
                let span = Span::new(line_span.start + w.span.start, line_span.start + w.span.end);
                out.push(hit(&self.rule, span, vec![w.text.to_lowercase()]));
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
        detect_texts(&MidsentenceCapital::new(), text)
    }

    #[test]
    fn flags_capitalised_article_mid_sentence() {
        assert_eq!(
            flags("In 2015 recognized the then Japanese minister Kishida The forced prostitution."),
            ["The"]
        );
        assert_eq!(flags("support grew And the talks went on."), ["And"]);
    }

    #[test]
    fn suggests_lower_case() {
        let doc = Document::new("t.txt", "Kishida The forced labour");
        let mut hits = Vec::new();
        MidsentenceCapital::new().detect(&doc, &mut hits);
        assert_eq!(hits[0].suggestions, ["the"]);
    }

    #[test]
    fn leaves_names_titles_sentence_starts_and_quotes_alone() {
        assert!(flags("They met in The Hague on Monday.").is_empty());
        assert!(flags("He read it in The 2015 report.").is_empty());
        assert!(flags("It ended. The talks failed.").is_empty());
        assert!(flags("He said: The end is near, “The end”.").is_empty());
        assert!(flags("Candystripes Defeat Rovers In Season Opener at home").is_empty());
        assert!(flags("The talks\nThe end of it").is_empty());
    }
}
