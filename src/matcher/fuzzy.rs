//! Fuzzy and exact matching of glossary terms against windows of words.
//!
//! The definition (README, "Fuzzy matching"): an entry of k words matches k
//! consecutive text words (a `*` matching one to three words of any kind),
//! joined only by whitespace with at most one line break, hyphens, dashes or
//! slashes; each word pair within a Damerau-Levenshtein distance of 0, 1 or
//! 2 by the entry word's length; and the joined normal forms at least
//! `min_similarity` alike (normalized Damerau-Levenshtein).
//!
//! Finding candidates: the per-word bound means every matching window holds,
//! for each entry word, a text word within two edits of it. Two words within
//! d edits share a string reachable by deleting at most d characters from
//! each, so an index from every such deletion of every entry word
//! (SymSpell's deletion neighbourhoods) to the entry words, queried once per
//! distinct text word with that word's own deletions, finds every entry word
//! a text word may stand for. Only those candidates are verified. The
//! exhaustive search ([`FuzzyIndex::find_exhaustive`]) compares every entry
//! with every window and is the oracle the tests hold the index to.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use strsim::{damerau_levenshtein, normalized_damerau_levenshtein};

use crate::glossary::{Entry, MatchMode, Pattern, TermPart};
use crate::text::{Span, Token, gap_is_joinable, normalize_word, word_tokens};

/// The most edits allowed between an entry word of `chars` characters and
/// a text word: 0 for 1–2 characters, 1 for 3–5, 2 for longer words.
pub fn token_bound(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The most words one `*` gap may stand for.
const MAX_GAP: usize = 3;

/// A window that matched an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowMatch {
    /// Index of the entry in the list the index was built from.
    pub entry: usize,
    /// From the first word's start to the last word's end.
    pub span: Span,
    /// What each `*` matched, in order.
    pub gaps: Vec<Span>,
    /// The text words matched to the entry's words, one for each.
    pub words: Vec<Span>,
    /// Normalized Damerau-Levenshtein similarity of the joined words.
    pub similarity: f64,
}

impl WindowMatch {
    /// The same match with every span moved `offset` bytes on: for matches
    /// found in a segment, to make them offsets into the whole document.
    pub fn shifted(mut self, offset: usize) -> WindowMatch {
        let shift = |s: &mut Span| *s = Span::new(s.start + offset, s.end + offset);
        shift(&mut self.span);
        self.gaps.iter_mut().for_each(shift);
        self.words.iter_mut().for_each(shift);
        self
    }
}

#[derive(Debug, Clone, Copy)]
enum Part {
    /// The entry's word of this number (see `Compiled::words`).
    Word(u16),
    Gap,
}

#[derive(Debug)]
struct Compiled {
    entry: usize,
    parts: Vec<Part>,
    /// Each word's normal form and its edit bound.
    words: Vec<(String, usize)>,
    /// The entry's words joined by single spaces.
    joined: String,
    min_similarity: f64,
}

/// The fuzzy and exact entries of a glossary, indexed by the deletion
/// neighbourhoods of their words.
#[derive(Debug)]
pub struct FuzzyIndex {
    compiled: Vec<Compiled>,
    /// Deletion key -> (compiled entry, word number within the entry).
    keys: HashMap<Box<str>, Vec<(u32, u16)>>,
    /// How many deletions a text word's lookup needs: the largest bound.
    query_deletions: usize,
}

impl FuzzyIndex {
    /// Builds the index over the `fuzzy` and `exact` entries of `entries`
    /// (regex entries are skipped); `min_similarity` applies to entries that
    /// set none.
    pub fn new(entries: &[Entry], min_similarity: f64) -> FuzzyIndex {
        let mut compiled = Vec::new();
        let mut keys: HashMap<Box<str>, Vec<(u32, u16)>> = HashMap::new();
        let mut query_deletions = 0;
        for (i, entry) in entries.iter().enumerate() {
            let Pattern::Words(term) = &entry.pattern else {
                continue;
            };
            let exact = entry.mode == MatchMode::Exact;
            let slot = u32::try_from(compiled.len()).expect("fewer than 2^32 entries");
            let mut parts = Vec::with_capacity(term.len());
            let mut words: Vec<(String, usize)> = Vec::new();
            for part in term {
                match part {
                    TermPart::Gap => parts.push(Part::Gap),
                    TermPart::Word(norm) => {
                        let bound = if exact {
                            0
                        } else {
                            token_bound(norm.chars().count())
                        };
                        query_deletions = query_deletions.max(bound);
                        let number = u16::try_from(words.len()).expect("terms are short");
                        for key in deletions(norm, bound) {
                            let list = keys.entry(key.into_boxed_str()).or_default();
                            if list.last() != Some(&(slot, number)) {
                                list.push((slot, number));
                            }
                        }
                        words.push((norm.clone(), bound));
                        parts.push(Part::Word(number));
                    }
                }
            }
            let joined = words
                .iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            compiled.push(Compiled {
                entry: i,
                parts,
                words,
                joined,
                min_similarity: if exact {
                    1.0
                } else {
                    entry.min_similarity.unwrap_or(min_similarity)
                },
            });
        }
        for list in keys.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        FuzzyIndex {
            compiled,
            keys,
            query_deletions,
        }
    }

    /// Every window of `text` that matches an entry, found through the
    /// index.
    pub fn find(&self, text: &str) -> Vec<WindowMatch> {
        let tokens = word_tokens(text);
        let normals: Vec<Cow<'_, str>> = tokens.iter().map(|t| normalize_word(t.text)).collect();
        // One lookup per distinct word: running text repeats its words.
        let mut cache: HashMap<&str, usize> = HashMap::new();
        let mut lists: Vec<Vec<(u32, u16)>> = Vec::new();
        let per_token: Vec<usize> = normals
            .iter()
            .map(|n| {
                *cache.entry(n.as_ref()).or_insert_with(|| {
                    lists.push(self.lookup(n));
                    lists.len() - 1
                })
            })
            .collect();
        let window = Windows::new(text, &tokens, &normals);
        let mut out = Vec::new();
        for (start, &list) in per_token.iter().enumerate() {
            for &(slot, number) in &lists[list] {
                if number != 0 {
                    continue;
                }
                let word_ok = |pos: usize, number: u16| {
                    lists[per_token[pos]].binary_search(&(slot, number)).is_ok()
                };
                let compiled = &self.compiled[slot as usize];
                if let Some(m) = window.best(compiled, start, &word_ok) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Every window of `text` that matches an entry, by comparing every
    /// entry with every window. The reference for [`FuzzyIndex::find`].
    pub fn find_exhaustive(&self, text: &str) -> Vec<WindowMatch> {
        let tokens = word_tokens(text);
        let normals: Vec<Cow<'_, str>> = tokens.iter().map(|t| normalize_word(t.text)).collect();
        let window = Windows::new(text, &tokens, &normals);
        let mut out = Vec::new();
        for start in 0..tokens.len() {
            for compiled in &self.compiled {
                let word_ok = |pos: usize, number: u16| {
                    let (norm, bound) = &compiled.words[number as usize];
                    damerau_levenshtein(&normals[pos], norm) <= *bound
                };
                if let Some(m) = window.best(compiled, start, &word_ok) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The (entry, word number) pairs whose word is within its bound of the
    /// normalized text word `word`, sorted.
    fn lookup(&self, word: &str) -> Vec<(u32, u16)> {
        let mut found = Vec::new();
        for key in deletions(word, self.query_deletions) {
            if let Some(list) = self.keys.get(key.as_str()) {
                found.extend_from_slice(list);
            }
        }
        found.sort_unstable();
        found.dedup();
        found.retain(|&(slot, number)| {
            let (norm, bound) = &self.compiled[slot as usize].words[number as usize];
            if *bound == 0 {
                norm == word
            } else {
                damerau_levenshtein(word, norm) <= *bound
            }
        });
        found
    }

    /// How many fuzzy and exact entries are indexed.
    pub fn len(&self) -> usize {
        self.compiled.len()
    }

    /// Whether no entry is indexed.
    pub fn is_empty(&self) -> bool {
        self.compiled.is_empty()
    }
}

/// Every string made of `word` by deleting at most `max` characters,
/// `word` itself included, without repeats.
fn deletions(word: &str, max: usize) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(word.to_owned());
    let mut frontier = vec![word.to_owned()];
    for _ in 0..max {
        let mut next = Vec::new();
        for w in &frontier {
            for (i, c) in w.char_indices() {
                let mut shorter = String::with_capacity(w.len());
                shorter.push_str(&w[..i]);
                shorter.push_str(&w[i + c.len_utf8()..]);
                if seen.insert(shorter.clone()) {
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    seen.into_iter().collect()
}

/// The state of one window search.
struct Search<'s> {
    compiled: &'s Compiled,
    start: usize,
    word_ok: &'s dyn Fn(usize, u16) -> bool,
    /// Text word positions matched to the entry's words so far.
    words: Vec<usize>,
    /// First and last text word of each gap so far.
    gaps: Vec<(usize, usize)>,
    best: Option<WindowMatch>,
}

/// The text's words, prepared for window search.
struct Windows<'a> {
    tokens: &'a [Token<'a>],
    normals: &'a [Cow<'a, str>],
    /// `joinable[i]`: whether words `i` and `i + 1` may be in one window.
    joinable: Vec<bool>,
}

impl<'a> Windows<'a> {
    fn new(text: &'a str, tokens: &'a [Token<'a>], normals: &'a [Cow<'a, str>]) -> Self {
        let joinable = tokens
            .windows(2)
            .map(|w| gap_is_joinable(&text[w[0].span.end..w[1].span.start]))
            .collect();
        Windows {
            tokens,
            normals,
            joinable,
        }
    }

    /// The best window for `compiled` that starts at word `start`: highest
    /// similarity, then fewest words. `word_ok(pos, n)` says whether text
    /// word `pos` is close enough to the entry's word number `n`.
    fn best(
        &self,
        compiled: &Compiled,
        start: usize,
        word_ok: &dyn Fn(usize, u16) -> bool,
    ) -> Option<WindowMatch> {
        let mut search = Search {
            compiled,
            start,
            word_ok,
            words: Vec::with_capacity(compiled.words.len()),
            gaps: Vec::new(),
            best: None,
        };
        self.extend(&mut search, 0, start);
        search.best
    }

    /// Whether word `pos` may be the next word of a window that starts at
    /// word `start`.
    fn reachable(&self, start: usize, pos: usize) -> bool {
        pos < self.tokens.len() && (pos == start || self.joinable[pos - 1])
    }

    /// Matches the entry's parts from `part` on, from text word `pos` on.
    fn extend(&self, search: &mut Search<'_>, part: usize, pos: usize) {
        let Some(&next) = search.compiled.parts.get(part) else {
            self.finish(search);
            return;
        };
        match next {
            Part::Word(number) => {
                if self.reachable(search.start, pos) && (search.word_ok)(pos, number) {
                    search.words.push(pos);
                    self.extend(search, part + 1, pos + 1);
                    search.words.pop();
                }
            }
            Part::Gap => {
                for len in 1..=MAX_GAP {
                    let last = pos + len - 1;
                    if !self.reachable(search.start, last) {
                        break;
                    }
                    search.gaps.push((pos, last));
                    self.extend(search, part + 1, pos + len);
                    search.gaps.pop();
                }
            }
        }
    }

    /// Scores a complete window and keeps it if it is the best so far.
    fn finish(&self, search: &mut Search<'_>) {
        let Search {
            compiled,
            words,
            gaps,
            best,
            ..
        } = search;
        let joined = words
            .iter()
            .map(|&p| self.normals[p].as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        let similarity = if joined == compiled.joined {
            1.0
        } else {
            normalized_damerau_levenshtein(&joined, &compiled.joined)
        };
        if similarity < compiled.min_similarity {
            return;
        }
        let first = words[0];
        let last = *words.last().expect("terms have words");
        let better = best.as_ref().is_none_or(|b| {
            similarity > b.similarity
                || similarity == b.similarity && self.tokens[last].span.end < b.span.end
        });
        if better {
            *best = Some(WindowMatch {
                entry: compiled.entry,
                span: Span::new(self.tokens[first].span.start, self.tokens[last].span.end),
                gaps: gaps
                    .iter()
                    .map(|&(a, b)| Span::new(self.tokens[a].span.start, self.tokens[b].span.end))
                    .collect(),
                words: words.iter().map(|&p| self.tokens[p].span).collect(),
                similarity,
            });
        }
    }
}
