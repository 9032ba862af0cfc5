//! Turning an entry's suggestion into the replacement for one hit.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::inflect::{Transfer, analyses, is_auxiliary, transfer};
use crate::text::{normalize_word, normalizes_to, word_tokens};

/// Gives `suggestion` the case shape of `matched`: all capitals when the
/// matched text is all capitals (two letters or more), an initial capital
/// when it starts with one, and otherwise the suggestion as written in the
/// glossary (which keeps names and acronyms such as "US" intact).
pub fn apply_case_shape(matched: &str, suggestion: &str) -> String {
    let mut letters = matched.chars().filter(|c| crate::text::is_alphabetic(*c));
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

/// The text whose capitals a suggestion takes ([`apply_case_shape`]) for a
/// match of `matched` at byte `start` of `text`: the match itself, but
/// lowercased when only its first word has an initial capital and it
/// stands inside a sentence ("5 Mio euros", "the Real payment fund": a
/// capital the source language gave a noun), so that only a sentence's
/// first word passes its capital on. A match in title case ("Real Payment
/// Fund") reads as a name and keeps its capitals.
pub fn case_source<'m>(text: &str, start: usize, matched: &'m str) -> std::borrow::Cow<'m, str> {
    let mut letters = matched.chars().filter(|c| crate::text::is_alphabetic(*c));
    let capital = letters.next().is_some_and(char::is_uppercase);
    // Most matches start in lower case: nothing to pass on or take away.
    if !capital {
        return std::borrow::Cow::Borrowed(matched);
    }
    let all_caps = letters.all(char::is_uppercase);
    let title_case = matched
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase));
    if capital && !all_caps && !title_case && !sentence_initial(text, start) {
        std::borrow::Cow::Owned(matched.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(matched)
    }
}

/// Whether byte `start` of `text` begins a sentence: no letter or digit
/// before it on its line (a heading's `## `, a list's `- `), or a sentence
/// end, colon, opening quote or bracket before the spaces.
pub fn sentence_initial(text: &str, start: usize) -> bool {
    // Read back only to the nearest letter or digit, so that a match deep
    // in a long line costs the gap before it, not the line.
    let mut last = None;
    for c in text[..start].chars().rev() {
        if c == '\n' {
            return true;
        }
        if crate::text::is_alphanumeric(c) {
            // The last mark before the match, if any, decides.
            return last.is_some_and(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | ':' | '"' | '“' | '‘' | '«' | '(' | '[' | '\'' | '…'
                )
            });
        }
        if !c.is_whitespace() && last.is_none() {
            last = Some(c);
        }
    }
    true
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

/// Whether [`carry_inflection`] can change `suggestion` at all when the
/// text writes the term's words uninflected ([`uninflected`]): only by
/// copying the text's writing of a word the suggestion shares with the
/// term at its start or end. False means the suggestion stands as it is,
/// which the matcher works out once per entry rather than once per hit.
/// A suggestion that is not ASCII is always said to share, since case
/// shaping may change its words' lengths.
pub fn shares_edge_word(suggestion: &str, term_words: &[String]) -> bool {
    if !suggestion.is_ascii() {
        return true;
    }
    let tokens = word_tokens(suggestion);
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return false;
    };
    let (Some(term_first), Some(term_last)) = (term_words.first(), term_words.last()) else {
        return false;
    };
    normalize_word(first.text) == *term_first || normalize_word(last.text) == *term_last
}

/// Whether the text writes every term word in the term's own form (only
/// its case or quote marks may differ): then no inflection is carried.
pub fn uninflected(text_words: &[&str], term_words: &[String]) -> bool {
    text_words.len() == term_words.len()
        && text_words
            .iter()
            .zip(term_words)
            .all(|(w, t)| normalizes_to(w, t))
}

/// Gives the suggestion the form the text gave the term, and says whether
/// that form is known.
///
/// Words the suggestion shares with the term, at its start and end, take
/// the text's own form of them where the text only inflects them ("Real
/// Payment Funds" with "reparations fund" gives "Reparations Funds";
/// "taken in account" with "take into account" gives "taken into
/// account"), in the suggestion's capitals where it has some (a proper
/// noun stays as the glossary writes it). A first (or last) word that the
/// suggestion replaces passes its form on to the suggestion's word there,
/// from the inflection table: "turns threatening language" with "use
/// threatening language" gives "uses threatening language".
///
/// The second value is false when the text's word is inflected but the
/// suggestion's form cannot be known (the word's readings disagree, or
/// the table lacks the suggestion's word): the suggestion is then left in
/// its base form for a person to check.
///
/// `term_words` are the term's normalized words; `text_words` the matched
/// text's words, one for each term word, as written; `after_auxiliary`
/// says whether an auxiliary ("has", "was") stands just before the match,
/// which makes a past-or-participle form the participle.
pub fn carry_inflection(
    suggestion: &str,
    term_words: &[String],
    text_words: &[&str],
    after_auxiliary: bool,
) -> (String, bool) {
    let tokens = word_tokens(suggestion);
    let n = tokens.len().min(term_words.len()).min(text_words.len());
    if n == 0 {
        return (suggestion.to_owned(), true);
    }
    let keeps = |s: usize, t: usize| {
        normalize_word(tokens[s].text) == term_words[t]
            && is_form_of(&normalize_word(text_words[t]), &term_words[t])
    };
    // (suggestion token, its new text)
    let mut replace: Vec<(usize, String)> = Vec::new();
    let mut prefix = 0;
    while prefix < n && keeps(prefix, prefix) {
        replace.push((prefix, copy_word(text_words[prefix], tokens[prefix].text)));
        prefix += 1;
    }
    let mut back = 1;
    while back <= n - prefix
        && keeps(tokens.len() - back, term_words.len() - back)
        && term_words.len() - back >= prefix
    {
        let t = text_words.len() - back;
        replace.push((
            tokens.len() - back,
            copy_word(text_words[t], tokens[tokens.len() - back].text),
        ));
        back += 1;
    }
    let mut known = true;
    // The head words the suggestion does not share: the first, and the
    // last of a longer term (a noun phrase's noun).
    let heads = [(0, 0), (tokens.len() - 1, text_words.len() - 1)];
    let longer = term_words.len() > 1 && tokens.len() > 1;
    for &(s, t) in &heads[..1 + usize::from(longer)] {
        if replace.iter().any(|(r, _)| *r == s) || t >= term_words.len() {
            continue;
        }
        let head = normalize_word(tokens[s].text);
        let word = normalize_word(text_words[t]);
        if head == term_words[t] {
            continue;
        }
        match transfer(&head, &word, &term_words[t], after_auxiliary) {
            Transfer::Base => {}
            Transfer::Form(form) => replace.push((s, apply_case_shape(tokens[s].text, form))),
            Transfer::Unknown => known = false,
        }
    }
    if replace.is_empty() {
        return (suggestion.to_owned(), known);
    }
    replace.sort_unstable_by_key(|(s, _)| *s);
    let mut out = String::with_capacity(suggestion.len() + 8);
    let mut at = 0;
    for (s, word) in replace {
        let span = tokens[s].span;
        out.push_str(&suggestion[at..span.start]);
        out.push_str(&word);
        at = span.end;
    }
    out.push_str(&suggestion[at..]);
    (out, known)
}

/// The text's word as it stands in the suggestion: as written in the
/// text, unless the suggestion's word has capitals of its own (a name such
/// as "Federal Employment Agency"), which it keeps.
fn copy_word(text_word: &str, suggestion_word: &str) -> String {
    if suggestion_word.chars().any(char::is_uppercase) {
        apply_case_shape(suggestion_word, &text_word.to_lowercase())
    } else {
        text_word.to_owned()
    }
}

/// Whether `word` is `base` or a form of it: in the inflection table, or
/// with a possessive `'s`.
fn is_form_of(word: &str, base: &str) -> bool {
    word == base
        || word.strip_suffix("'s") == Some(base)
        || analyses(word).iter().any(|a| a.lemma == base)
}

/// Whether one of the two words before byte `start` of `text` is an
/// auxiliary ("has taken", "has already taken").
pub fn auxiliary_before(text: &str, start: usize) -> bool {
    let in_word = |c: char| crate::text::is_alphabetic(c) || c == '\'';
    // Read back word by word rather than splitting the text before the
    // match, so that a match deep in a long line costs two words.
    let mut rest = &text[..start];
    for _ in 0..2 {
        rest = rest.trim_end_matches(|c: char| !in_word(c));
        let Some(last) = rest.chars().next_back() else {
            return false;
        };
        let begin = rest
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_word(c))
            .last()
            .map_or(rest.len() - last.len_utf8(), |(i, _)| i);
        let word = &rest[begin..];
        // Every auxiliary is a short ASCII word.
        let mut lower = [0u8; 8];
        if word.len() <= lower.len() && word.is_ascii() {
            let lower = &mut lower[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if std::str::from_utf8(lower).is_ok_and(is_auxiliary) {
                return true;
            }
        }
        rest = &rest[..begin];
    }
    false
}

/// The article table (`data/en-articles.txt`): a word start, or a capital
/// letter or a word of capitals, and whether it takes "an".
fn articles() -> &'static HashMap<&'static str, bool> {
    static TABLE: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/en-articles.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| match l.trim().split_once(' ') {
                Some(("an", key)) => Some((key, true)),
                Some(("a", key)) => Some((key, false)),
                _ => None,
            })
            .collect()
    })
}

/// Whether `word` takes "an" (`Some(true)`) or "a" (`Some(false)`) before
/// it, by its first sound; `None` when that is not known from its letters
/// (a number, a symbol). A word of capitals is read letter by letter
/// ("an FBI agent") unless the table has it as a word ("a NATO summit").
pub fn takes_an(word: &str) -> Option<bool> {
    let end = word
        .find(|c: char| !crate::text::is_alphabetic(c))
        .unwrap_or(word.len());
    let letters = &word[..end];
    let first = letters.chars().next()?;
    let table = articles();
    if letters.chars().all(char::is_uppercase) {
        if let Some(&an) = table.get(letters) {
            return Some(an);
        }
        let mut name = [0; 4];
        return table.get(&*first.encode_utf8(&mut name)).copied();
    }
    let lower = letters.to_lowercase();
    let prefix = lower
        .char_indices()
        .map(|(i, c)| &lower[..i + c.len_utf8()])
        .rev()
        .find_map(|p| table.get(p).copied());
    Some(
        prefix.unwrap_or_else(|| matches!(lower.chars().next(), Some('a' | 'e' | 'i' | 'o' | 'u'))),
    )
}

/// Makes the indefinite article before a suggestion agree with it: when
/// `text` has "a" or "an" right before `start` and some suggestion starts
/// with a sound that takes the other article, each suggestion is given its
/// own article (in the capitals of the one in the text, with the same
/// space after it) and the start of the span to replace, the article's,
/// is returned. "a pronounced critic" with "outspoken critic" gives
/// "an outspoken critic".
pub fn agree_article(text: &str, start: usize, suggestions: &mut [String]) -> Option<usize> {
    let before = &text[..start];
    let word_end = before.trim_end_matches([' ', '\t', '\u{a0}']).len();
    // Both articles end in `a` or `n`: most words before a match are
    // ruled out by their last byte, without reading them back.
    if word_end == 0
        || word_end == start
        || !matches!(before.as_bytes()[word_end - 1], b'a' | b'A' | b'n' | b'N')
    {
        return None;
    }
    let word_start = before[..word_end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| crate::text::is_alphabetic(*c))
        .last()
        .map_or(word_end, |(i, _)| i);
    let article = &before[word_start..word_end];
    let an = if article.eq_ignore_ascii_case("a") {
        false
    } else if article.eq_ignore_ascii_case("an") {
        true
    } else {
        return None;
    };
    // "a" inside a word ("Lima an...") is no article.
    if before[..word_start]
        .chars()
        .next_back()
        .is_some_and(|c| crate::text::is_alphanumeric(c) || c == '-' || c == '\'')
    {
        return None;
    }
    let needs = |s: &str| {
        let first = s.split_whitespace().next().unwrap_or("");
        // A suggestion that brings its own determiner is left alone.
        if matches!(first.to_ascii_lowercase().as_str(), "a" | "an" | "the") {
            return None;
        }
        takes_an(first)
    };
    if suggestions.iter().all(|s| needs(s).is_none_or(|n| n == an)) {
        return None;
    }
    let space = &before[word_end..];
    for s in suggestions.iter_mut() {
        let word = match needs(s) {
            Some(true) => "an",
            Some(false) => "a",
            None => article,
        };
        let word = apply_case_shape(article, word);
        *s = format!("{word}{space}{s}");
    }
    Some(word_start)
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
        carry_inflection(suggestion, &term, &text, false).0
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
            "uses threatening language"
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
    fn the_article_follows_the_first_sound() {
        for (word, an) in [
            ("outspoken", true),
            ("critic", false),
            ("hour", true),
            ("honest", true),
            ("house", false),
            ("European", false),
            ("one-off", false),
            ("umbrella", true),
            ("university", false),
            ("unidentified", true),
            ("FBI", true),
            ("UN", false),
            ("NATO", false),
            ("X-ray", true),
        ] {
            assert_eq!(takes_an(word), Some(an), "{word}");
        }
        assert_eq!(takes_an("18-year-old"), None);
    }

    fn agree(text: &str, start: usize, suggestion: &str) -> (Option<usize>, String) {
        let mut s = [suggestion.to_owned()];
        let at = agree_article(text, start, &mut s);
        let [s] = s;
        (at, s)
    }

    #[test]
    fn the_article_before_the_match_agrees() {
        assert_eq!(
            agree("He was a pronounced critic", 9, "outspoken critic"),
            (Some(7), "an outspoken critic".to_owned())
        );
        assert_eq!(
            agree("An hour-long talk", 3, "long talk"),
            (Some(0), "A long talk".to_owned())
        );
        // Already right, or no article: the span stays.
        assert_eq!(
            agree("a pronounced critic", 2, "vocal critic"),
            (None, "vocal critic".to_owned())
        );
        assert_eq!(
            agree("the pronounced critic", 4, "outspoken critic"),
            (None, "outspoken critic".to_owned())
        );
        // Only spaces before the match.
        assert_eq!(
            agree("  pronounced critic", 2, "outspoken critic"),
            (None, "outspoken critic".to_owned())
        );
        // "a" ending another word is no article.
        assert_eq!(
            agree("Lima pronounced critic", 5, "outspoken critic"),
            (None, "outspoken critic".to_owned())
        );
    }

    #[test]
    fn sentence_starts() {
        assert!(sentence_initial("Mio euros", 0));
        assert!(sentence_initial("Yes. Mio euros", 5));
        assert!(sentence_initial("Title\nMio euros", 6));
        assert!(!sentence_initial("5 Mio euros", 2));
        assert!(sentence_initial("## Mio euros", 3));
        assert_eq!(case_source("5 Mio euros", 2, "Mio"), "mio");
        assert_eq!(case_source("Mio euros", 0, "Mio"), "Mio");
        assert_eq!(
            case_source("the Real payment fund", 4, "Real payment fund"),
            "real payment fund"
        );
        assert_eq!(
            case_source("the Real Payment Fund", 4, "Real Payment Fund"),
            "Real Payment Fund"
        );
    }

    /// Whether a sentence starts at `start`, read from the whole line: the
    /// plain statement [`sentence_initial`] must agree with.
    fn starts_sentence_by_the_line(text: &str, start: usize) -> bool {
        let before = &text[..start];
        let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
        if !line.contains(crate::text::is_alphanumeric) {
            return true;
        }
        matches!(
            before.trim_end().chars().next_back(),
            Some('.' | '!' | '?' | ':' | '"' | '“' | '‘' | '«' | '(' | '[' | '\'' | '…')
        )
    }

    proptest::proptest! {
        #[test]
        fn sentence_starts_read_back_to_the_nearest_word(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "5", " ", "\n", ".", ",", "## ", "“", "\u{a0}", "é", "-"]),
                0..30,
            ),
        ) {
            let text = pieces.concat();
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    sentence_initial(&text, start),
                    starts_sentence_by_the_line(&text, start),
                    "{:?} at {}", text, start
                );
            }
        }
    }

    /// Whether one of the two words before `start` is an auxiliary, read
    /// by splitting the whole text before it: the plain statement
    /// [`auxiliary_before`] must agree with.
    fn auxiliary_by_splitting(text: &str, start: usize) -> bool {
        text[..start]
            .rsplit(|c: char| !(crate::text::is_alphabetic(c) || c == '\''))
            .filter(|w| !w.is_empty())
            .take(2)
            .any(|w| is_auxiliary(&w.to_lowercase()))
    }

    proptest::proptest! {
        #[test]
        fn auxiliaries_are_read_two_words_back(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["has", "HAVE", "'ve", " ", "taken", "5", ", ", "é", "Been", "x", "\n"]),
                0..12,
            ),
        ) {
            let text = pieces.concat();
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    auxiliary_before(&text, start),
                    auxiliary_by_splitting(&text, start),
                    "{:?} at {}", text, start
                );
            }
        }
    }

    proptest::proptest! {
        /// The matcher's shortcut: a suggestion that shares no edge word
        /// with the term, for a match the text writes uninflected, is left
        /// as it is, in every case shape and after any auxiliary.
        #[test]
        fn unshared_suggestions_of_uninflected_matches_stand_as_they_are(
            term in proptest::collection::vec(
                proptest::sample::select(vec!["take", "taken", "fund", "funds", "into", "the", "has", "it's"]),
                1..4,
            ),
            suggestion in proptest::collection::vec(
                proptest::sample::select(vec!["take", "took", "fund", "funds", "in", "the", "account", "*", "US"]),
                1..4,
            ),
            shape in proptest::sample::select(vec!["lower", "Capital", "CAPS"]),
            after_auxiliary in proptest::bool::ANY,
        ) {
            let term_words: Vec<String> = term.iter().map(|w| (*w).to_owned()).collect();
            let text_words: Vec<String> = term
                .iter()
                .map(|w| match shape {
                    "CAPS" => w.to_uppercase(),
                    "Capital" => apply_case_shape("Xy", w),
                    _ => (*w).to_owned(),
                })
                .collect();
            let text_words: Vec<&str> = text_words.iter().map(String::as_str).collect();
            let suggestion = suggestion.join(" ");
            let shaped = apply_case_shape(text_words[0], &suggestion);
            proptest::prop_assert!(uninflected(&text_words, &term_words));
            if !shares_edge_word(&suggestion, &term_words) {
                proptest::prop_assert_eq!(
                    carry_inflection(&shaped, &term_words, &text_words, after_auxiliary),
                    (shaped.clone(), true)
                );
            }
        }
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
