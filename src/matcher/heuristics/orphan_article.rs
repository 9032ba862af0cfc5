//! `heuristic:orphan-article`: an article followed directly by a
//! preposition, a conjunction or punctuation ("a on the crumbling", "the
//! ."). English never lets an article stand without its noun, so the noun
//! phrase between them was lost, usually with the markup around it.

use super::{Chunk, Info, ReadsWords, Targets, hit};
use crate::matcher::Hit;
use crate::rule::{Category, Severity};
use crate::text::{Span, normalize_word};

static INFO: Info = Info {
    id: "heuristic:orphan-article",
    category: Category::Omission,
    severity: Severity::Major,
    on_by_default: true,
    note: "an article with no noun after it: the words between were dropped",
    bad: "His position is uncertain because of a on the crumbling support.",
    good: "The in-crowd voted for a change of the rules, and the rest abstained.",
    targets: Targets::English,
};

/// Words that cannot follow an article: prepositions, conjunctions and
/// articles. Words that can head a noun after "the" ("the in-crowd", "the
/// before and after", "the up side") are not listed.
const NOT_AFTER_ARTICLE: &[&str] = &[
    "of", "on", "at", "to", "for", "with", "from", "by", "into", "onto", "upon", "and", "or",
    "but", "nor", "than", "because", "although", "though", "whereas", "if", "unless", "the", "an",
    "of", "towards", "toward", "among", "between", "during", "without", "within",
];

/// Nouns that a keyword between an article and them turns into a name of a
/// programming construct ("a for loop", "the if expression").
const CONSTRUCTS: &[&str] = &[
    "loop",
    "loops",
    "block",
    "blocks",
    "statement",
    "statements",
    "expression",
    "expressions",
    "clause",
    "clauses",
    "keyword",
    "keywords",
    "construct",
    "constructs",
    "operator",
    "branch",
];

single_rule_detector! {
    /// Flags an article directly followed by a preposition, conjunction or
    /// punctuation.
    OrphanArticle, reads words
}

impl ReadsWords for OrphanArticle {
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>) {
        let (base, text) = (chunk.base, chunk.text);
        let words = chunk.words;
        for (i, w) in words.iter().enumerate() {
            // Lower case only: "Vitamin A." and "Plan A or B" name a
            // letter, not an article.
            if !matches!(w.text, "a" | "an" | "the") {
                continue;
            }
            // An article that starts the segment may be a list label
            // or a fragment; it needs a word before it.
            let before = text[..w.span.start].trim_end_matches([' ', '\t']);
            if i == 0 || !before.ends_with(|c: char| crate::text::is_alphanumeric(c) || c == ',') {
                continue;
            }
            let rest = &text[w.span.end..];
            let after = super::skip_inline_gap(rest, chunk.soft);
            let gap = rest.len() - after.len();
            if gap == 0 {
                continue;
            }
            let end = match after.chars().next() {
                // "the ." "a ," — but not "a)" list labels or "a.m.".
                Some(c @ ('.' | ',' | ';' | ':' | '!' | '?')) => {
                    let next = after[c.len_utf8()..].chars().next();
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        continue;
                    }
                    // "use the ! shorthand": a `!` or `?` that a small
                    // letter follows ends no sentence; the article names
                    // the mark.
                    let named = matches!(c, '!' | '?')
                        && super::skip_inline_gap(&after[1..], chunk.soft)
                            .starts_with(|n: char| n.is_lowercase());
                    if named {
                        continue;
                    }
                    w.span.end + gap + c.len_utf8()
                }
                _ => {
                    let Some(next) = words.get(i + 1) else {
                        continue;
                    };
                    // The cheapest tests first: most articles are followed
                    // by a noun, an adjective or a name.
                    // "the AT&T interface" is a name.
                    if !super::is_lowercase(next.text) || next.span.start != w.span.end + gap {
                        continue;
                    }
                    // "the the" is heuristic:repeated-word's.
                    let next_norm = normalize_word(next.text);
                    if next_norm == w.text
                        || !NOT_AFTER_ARTICLE.contains(&next_norm.as_ref())
                        || rest[gap + next.text.len()..]
                            .starts_with(['-', '\u{2010}', '\u{2011}', '/'])
                    {
                        continue;
                    }
                    // "a for loop", "the with block" name a programming
                    // construct.
                    let construct = words
                        .get(i + 2)
                        .is_some_and(|n| CONSTRUCTS.contains(&normalize_word(n.text).as_ref()));
                    // "vectors a and b", "sets a or c": "a" names a letter
                    // when a conjunction joins it to another letter.
                    let letters = w.text == "a"
                        && matches!(next_norm.as_ref(), "and" | "or")
                        && words
                            .get(i + 2)
                            .is_some_and(|n| n.text.chars().nth(1).is_none());
                    if construct || letters {
                        continue;
                    }
                    next.span.end
                }
            };
            let span = Span::new(base + w.span.start, base + end);
            out.push(hit(&self.rule, span, Vec::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_texts;
    use super::*;

    fn flags(text: &str) -> Vec<String> {
        detect_texts(&OrphanArticle::new(), text)
    }

    #[test]
    fn flags_article_before_preposition_conjunction_or_punctuation() {
        assert_eq!(
            flags("because of a on the crumbling . It led to the and an , too."),
            ["a on", "the and", "an ,"]
        );
        assert_eq!(flags("support for the ."), ["the ."]);
        assert_eq!(flags("met a the man, the the end"), ["a the"]);
    }

    #[test]
    fn leaves_nouns_compounds_labels_and_letters_alone() {
        assert!(flags("the in-crowd, the to-do list, the up side").is_empty());
        assert!(
            flags("the AT&T interface, a for loop, the with block, the if expression").is_empty()
        );
        assert!(flags("Vitamin A. Plan A or B. Option a) or b).").is_empty());
        assert!(flags("a\nb; the.").is_empty());
        assert!(flags("the sum of vectors a and b, or of sets a or c").is_empty());
        assert_eq!(flags("the sum of a and the rest"), ["a and"]);
        assert_eq!(flags("It was 9 a.m. before the of"), ["the of"]);
        assert!(flags("you can use the ! shorthand or the ? key").is_empty());
        assert_eq!(flags("led to the ! Then"), ["the !"]);
    }
}
