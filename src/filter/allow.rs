//! The configuration's allowlist: wordings never to flag, globally or for
//! one rule (`allow` and `[allow-rule]` in mtlint.toml).

use std::collections::BTreeMap;

use crate::text::{normalize_word, word_tokens};

/// Wordings never to flag: globally or for one rule. A wording matches a
/// finding when their words are the same (as glossary matching normalizes
/// them: case, NFKC, typographic quotes), whatever separates the words.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    global: Vec<Vec<String>>,
    by_rule: BTreeMap<String, Vec<Vec<String>>>,
}

fn words(text: &str) -> Vec<String> {
    word_tokens(text)
        .iter()
        .map(|t| normalize_word(t.text).into_owned())
        .collect()
}

impl Allowlist {
    /// An allowlist of `global` wordings and per-rule ones.
    pub fn new(global: &[String], by_rule: &BTreeMap<String, Vec<String>>) -> Allowlist {
        Allowlist {
            global: global.iter().map(|w| words(w)).collect(),
            by_rule: by_rule
                .iter()
                .map(|(rule, list)| (rule.clone(), list.iter().map(|w| words(w)).collect()))
                .collect(),
        }
    }

    /// Whether the allowlist is empty.
    pub fn is_empty(&self) -> bool {
        self.global.is_empty() && self.by_rule.is_empty()
    }

    /// Whether `rule` may not flag `text`. A glossary finding takes in the
    /// "a" or "an" before its term when its suggestion needs the other
    /// one, so a wording also matches the text without that article.
    pub fn allows(&self, rule: &str, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let found = words(text);
        let bare = match found.first().map(String::as_str) {
            Some("a" | "an") => &found[1..],
            _ => &found[..],
        };
        let listed =
            |list: &Vec<Vec<String>>| list.iter().any(|w| *w == found || w.as_slice() == bare);
        listed(&self.global) || self.by_rule.get(rule).is_some_and(listed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlist_compares_words() {
        let mut by_rule = BTreeMap::new();
        by_rule.insert("r:a".to_owned(), vec!["profile itself".to_owned()]);
        let allow = Allowlist::new(&["Comfort girls".to_owned()], &by_rule);
        assert!(allow.allows("r:x", "comfort-girls"));
        assert!(allow.allows("r:a", "Profile\nitself"));
        assert!(!allow.allows("r:b", "profile itself"));
        assert!(!allow.allows("r:x", "comfort girl"));
        // The article a finding took in for its suggestion is not the
        // wording.
        assert!(allow.allows("r:x", "a comfort girls"));
        assert!(!allow.allows("r:x", "the comfort girls"));
    }
}
