//! Turning an entry's suggestion into the replacement for one hit.

use crate::text::{normalize_word, word_tokens};

/// Gives `suggestion` the case shape of `matched`: all capitals when the
/// matched text is all capitals (two letters or more), an initial capital
/// when it starts with one, and otherwise the suggestion as written in the
/// glossary (which keeps names and acronyms such as "US" intact).
pub fn apply_case_shape(matched: &str, suggestion: &str) -> String {
    let mut letters = matched.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    // All capitals takes two letters or more, all upper case.
    let mut rest = letters.peekable();
    let all_caps = first_upper && rest.peek().is_some() && rest.all(char::is_uppercase);
    if all_caps {
        return suggestion.to_uppercase();
    }
    if first_upper {
        let mut chars = suggestion.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    suggestion.to_owned()
}

/// Replaces each `*` of `template`, in order, with the text its gap
/// matched, so the words inside a split verb are kept ("spend *" with
/// "billions" gives "spend billions").
pub fn fill_gaps(template: &str, gaps: &[&str]) -> String {
    if gaps.is_empty() {
        return template.to_owned();
    }
    let mut out =
        String::with_capacity(template.len() + gaps.iter().map(|g| g.len()).sum::<usize>());
    let mut gaps = gaps.iter();
    for (i, piece) in template.split('*').enumerate() {
        if i > 0 {
            match gaps.next() {
                Some(gap) => out.push_str(gap),
                None => out.push('*'),
            }
        }
        out.push_str(piece);
    }
    out
}

/// Keeps the text's own form of the words that the suggestion shares with
/// the term, at the suggestion's start and end, where the text only
/// inflects them: "Real Payment Funds" with "reparations fund" gives
/// "Reparations Funds", and "attempts to reconciliation" with "attempt at
/// reconciliation" gives "attempts at reconciliation".
///
/// `term_words` are the term's normalized words; `text_words` the matched
/// text's words, one for each term word, as written.
pub fn carry_inflection(suggestion: &str, term_words: &[String], text_words: &[&str]) -> String {
    let tokens = word_tokens(suggestion);
    let n = tokens.len().min(term_words.len()).min(text_words.len());
    let keeps = |s: usize, t: usize| {
        normalize_word(tokens[s].text) == term_words[t]
            && is_inflection_of(&normalize_word(text_words[t]), &term_words[t])
    };
    let mut replace: Vec<(usize, usize)> = Vec::new();
    let mut prefix = 0;
    while prefix < n && keeps(prefix, prefix) {
        replace.push((prefix, prefix));
        prefix += 1;
    }
    let mut back = 1;
    while back <= n - prefix
        && keeps(tokens.len() - back, term_words.len() - back)
        && term_words.len() - back >= prefix
    {
        replace.push((tokens.len() - back, text_words.len() - back));
        back += 1;
    }
    if replace.is_empty() {
        return suggestion.to_owned();
    }
    replace.sort_unstable();
    let mut out = String::with_capacity(suggestion.len() + 8);
    let mut at = 0;
    for (s, t) in replace {
        let span = tokens[s].span;
        out.push_str(&suggestion[at..span.start]);
        out.push_str(text_words[t]);
        at = span.end;
    }
    out.push_str(&suggestion[at..]);
    out
}

/// Whether `word` is `base` or `base` with a regular English inflection.
fn is_inflection_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    if let Some(suffix) = word.strip_prefix(base) {
        return matches!(suffix, "s" | "es" | "'s" | "d" | "ed" | "ing");
    }
    if let (Some(stem), Some(word_stem)) = (base.strip_suffix('y'), word.strip_suffix("ies")) {
        return stem == word_stem;
    }
    if let (Some(stem), Some(word_stem)) = (base.strip_suffix('e'), word.strip_suffix("ing")) {
        return stem == word_stem;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_shapes() {
        assert_eq!(
            apply_case_shape("Comfort girls", "comfort women"),
            "Comfort women"
        );
        assert_eq!(
            apply_case_shape("COMFORT GIRLS", "comfort women"),
            "COMFORT WOMEN"
        );
        assert_eq!(
            apply_case_shape("comfort girls", "comfort women"),
            "comfort women"
        );
        assert_eq!(apply_case_shape("support vs", "US support"), "US support");
        assert_eq!(apply_case_shape("Über alles", "über"), "Über");
    }

    fn carry(suggestion: &str, term: &str, text: &str) -> String {
        let term: Vec<String> = term.split(' ').map(str::to_owned).collect();
        let text: Vec<&str> = text.split(' ').collect();
        carry_inflection(suggestion, &term, &text)
    }

    #[test]
    fn inflection_is_carried_over_shared_words() {
        assert_eq!(
            carry(
                "attempt at reconciliation",
                "attempt to reconciliation",
                "attempts to reconciliation"
            ),
            "attempts at reconciliation"
        );
        assert_eq!(
            carry(
                "Reparations fund",
                "real payment fund",
                "Real Payment Funds"
            ),
            "Reparations Funds"
        );
        assert_eq!(
            carry("Comfort women", "comfort girls", "Comfort girls"),
            "Comfort women"
        );
        assert_eq!(
            carry(
                "use threatening language",
                "turn threatening language",
                "turns threatening language"
            ),
            "use threatening language"
        );
    }

    #[test]
    fn other_words_are_not_carried() {
        // "itself" is not an inflection of "himself": keep the suggestion.
        assert_eq!(
            carry("present himself", "profile himself", "profile itself"),
            "present himself"
        );
        assert_eq!(
            carry("US support", "support vs", "support vs"),
            "US support"
        );
        assert_eq!(carry("spend *", "give out", "give out"), "spend *");
    }

    #[test]
    fn gaps_are_filled_in_order() {
        assert_eq!(fill_gaps("spend *", &["billions"]), "spend billions");
        assert_eq!(fill_gaps("* and *", &["a", "b"]), "a and b");
        assert_eq!(fill_gaps("no gaps", &[]), "no gaps");
    }

    #[test]
    fn case_shape_then_gap_keeps_gap_text() {
        let shaped = apply_case_shape("GIVE MONEY OUT", "spend *");
        assert_eq!(fill_gaps(&shaped, &["MONEY"]), "SPEND MONEY");
        let shaped = apply_case_shape("Give money out", "spend *");
        assert_eq!(fill_gaps(&shaped, &["money"]), "Spend money");
    }
}
