//! The search of the windows of words an anchor starts, and their scoring.

use std::cell::RefCell;

use super::distance::similarity_at_least;
use super::{Compiled, MAX_GAP, Part, WindowMatch};
use crate::text::{Span, gap_is_joinable, normalize_word};

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

/// The text's words, for window search.
pub(super) struct Windows<'a> {
    text: &'a str,
    spans: &'a [Span],
    /// Where a window's words are joined for scoring, reused.
    joined: RefCell<String>,
}

impl<'a> Windows<'a> {
    pub(super) fn new(text: &'a str, spans: &'a [Span]) -> Windows<'a> {
        Windows {
            text,
            spans,
            joined: RefCell::default(),
        }
    }

    /// The best window for `compiled` that starts at word `start`: highest
    /// similarity, then fewest words. `word_ok(pos, n)` says whether text
    /// word `pos` is close enough to the entry's word number `n`.
    pub(super) fn best(
        &self,
        compiled: &Compiled,
        start: usize,
        word_ok: &dyn Fn(usize, u16) -> bool,
    ) -> Option<WindowMatch> {
        let mut search = Search {
            compiled,
            start,
            word_ok,
            words: Vec::with_capacity(compiled.vocab.len()),
            gaps: Vec::new(),
            best: None,
        };
        self.extend(&mut search, 0, start);
        search.best
    }

    /// Whether word `pos` may be the next word of a window that starts at
    /// word `start`.
    fn reachable(&self, start: usize, pos: usize) -> bool {
        pos < self.spans.len()
            && (pos == start
                || gap_is_joinable(&self.text[self.spans[pos - 1].end..self.spans[pos].start]))
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
        let mut joined = self.joined.borrow_mut();
        joined.clear();
        for (n, &p) in words.iter().enumerate() {
            if n > 0 {
                joined.push(' ');
            }
            joined.push_str(&normalize_word(&self.text[self.spans[p].range()]));
        }
        let Some(similarity) =
            similarity_at_least(&joined, &compiled.joined, compiled.min_similarity)
        else {
            return;
        };
        let first = words[0];
        let last = *words.last().expect("terms have words");
        let better = best.as_ref().is_none_or(|b| {
            similarity > b.similarity
                || similarity == b.similarity && self.spans[last].end < b.span.end
        });
        if better {
            *best = Some(WindowMatch {
                entry: compiled.entry,
                span: Span::new(self.spans[first].start, self.spans[last].end),
                gaps: gaps
                    .iter()
                    .map(|&(a, b)| Span::new(self.spans[a].start, self.spans[b].end))
                    .collect(),
                words: words.iter().map(|&p| self.spans[p]).collect(),
                similarity,
            });
        }
    }
}
