//! The matcher stage: detectors that turn a [`Document`] into [`Hit`]s.
//!
//! The glossary detector ([`GlossaryMatcher`]) is compiled once from a
//! [`Glossary`] and shared by every thread. It knows nothing of scores or
//! reports: a hit is a span, a rule, the suggested replacements and how sure
//! the match is.

pub mod bilingual;
mod fuzzy;
pub mod heuristics;
pub mod inflect;
mod suggest;

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashMap;

use crate::glossary::{Entry, Glossary, MatchMode, Pattern};
use crate::rule::Rule;
use crate::text::{
    Document, Joined, Segment, Sentences, Span, Unit, for_each_word, normalize_word, word_tokens,
};

pub use fuzzy::{FuzzyIndex, WindowMatch, token_bound};
pub use suggest::{
    agree_article, apply_case_shape, auxiliary_before, carry_inflection, case_source, fill_gaps,
    sentence_initial, shares_edge_word, takes_an, uninflected,
};

/// The least similarity of a fuzzy hit when neither the entry nor the
/// command line sets one.
pub const DEFAULT_MIN_SIMILARITY: f64 = 0.85;

/// A flagged span, before scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The rule that flagged it.
    pub rule: Arc<Rule>,
    /// The flagged bytes.
    pub span: Span,
    /// Replacements for the span, preferred first, already in the case
    /// shape of the flagged text; empty when the rule only flags.
    pub suggestions: Vec<String>,
    /// How sure the match is, 0–1: the similarity of a fuzzy match, 1.0 for
    /// an exact or regex match.
    pub confidence: f64,
    /// The suggestion `fix` may apply without a person: the only one, or
    /// the one the glossary entry marks as the fix. `None` when a person
    /// must choose: alternatives that mean different things, or a
    /// suggestion whose inflection could not be known.
    pub fix: Option<usize>,
}

impl Hit {
    /// The `fix` of a hit whose suggestions are all equally good: the only
    /// one, or none when there are several.
    pub fn only(suggestions: &[String]) -> Option<usize> {
        (suggestions.len() == 1).then_some(0)
    }
}

/// Anything that finds hits in a document. One compiled detector serves
/// every thread.
pub trait Detector: Send + Sync {
    /// Appends the hits found in `doc` to `out`, in any order.
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>);

    /// The rules this detector reports under.
    fn rules(&self) -> Vec<Arc<Rule>>;
}

/// Options for compiling a glossary.
#[derive(Debug, Clone, Copy)]
pub struct MatchOptions {
    /// The least similarity of a fuzzy hit for entries that do not set one.
    pub min_similarity: f64,
    /// Let entries with a `source_term` fire whatever the source says (or
    /// without one): for proving a glossary's examples, never for checking.
    pub ignore_source_terms: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            min_similarity: DEFAULT_MIN_SIMILARITY,
            ignore_source_terms: false,
        }
    }
}

/// The glossary compiled for matching: an index over every fuzzy and exact
/// entry's words, and the regex entries.
#[derive(Debug)]
pub struct GlossaryMatcher {
    entries: Vec<Entry>,
    /// Each entry's `source_term` as normalized words.
    source_terms: Vec<Option<Vec<String>>>,
    /// Each entry's term words, normalized, for shaping its suggestions:
    /// made once here rather than for every hit.
    term_words: Vec<Vec<String>>,
    /// For each entry, whether each suggestion shares a word with the term
    /// at its start or end ([`shares_edge_word`]): one that does not is
    /// left as it is wherever the text writes the term uninflected, the
    /// common case, without the per-hit inflection work.
    shares_edge: Vec<Vec<bool>>,
    index: FuzzyIndex,
    /// Regex entries: the entry, its expression, and the same expression
    /// without Unicode classes where it compiles so, for ASCII paragraphs.
    regexes: Vec<(usize, Regex, Option<Regex>)>,
    /// Every regex entry's expression in one set, when there are many: a
    /// paragraph is scanned once for which of them match at all, and only
    /// those are run for their hits, so that thousands of regex entries
    /// (an imported prh or Vale dictionary) do not each scan every
    /// paragraph.
    regex_set: Option<regex::RegexSet>,
    options: MatchOptions,
    /// Which entries may fire on a document, by the document's languages
    /// (source, target; `None` where unknown): worked out once per pair a
    /// run meets, so that a hit costs one look-up in a list.
    allowed: Mutex<FxHashMap<LangKey, Arc<[bool]>>>,
}

/// A document's source and target languages, primary codes lowercased.
type LangKey = (Option<String>, Option<String>);

/// Whether an entry for pair `entry` (`nl-en`; `en` for a target language
/// whatever the source; `None` for any pair) may fire
/// on a document in languages `doc`. A side the document declares must be
/// the entry's. Where the document does not say its source language, an
/// entry with a `source_term` (source-language wording such as `chef`,
/// which several languages spell alike) stays silent, since its pair cannot
/// be told; the entry's other kinds, English wordings that are wrong
/// whatever the source, fire.
pub fn lang_allows(entry: Option<&str>, source_term: bool, doc: &LangKey) -> bool {
    let agrees = |side: &Option<String>, code: &str| side.as_deref().is_none_or(|s| s == code);
    let Some(lang) = entry else {
        return true;
    };
    match lang.split_once('-') {
        Some((source, target)) => {
            agrees(&doc.0, source) && agrees(&doc.1, target) && (doc.0.is_some() || !source_term)
        }
        // A target language alone (`en`): any source.
        None => agrees(&doc.1, lang),
    }
}

/// The languages of `doc` as [`lang_allows`] compares them.
fn lang_key(doc: &Document) -> LangKey {
    let primary = |tag: &Option<String>| tag.as_deref().and_then(crate::text::primary_subtag);
    (primary(&doc.lang.source), primary(&doc.lang.target))
}

/// Regex entries from which on they are screened with one set.
const REGEX_SET_FROM: usize = 16;

impl GlossaryMatcher {
    /// Compiles `glossary`.
    pub fn new(glossary: &Glossary, options: MatchOptions) -> GlossaryMatcher {
        Self::from_entries(glossary.entries.clone(), options)
    }

    /// Compiles exactly `entries`.
    pub fn from_entries(entries: Vec<Entry>, options: MatchOptions) -> GlossaryMatcher {
        let source_terms = entries
            .iter()
            .map(|e| e.source_term.as_deref().map(normalized_words))
            .collect();
        let term_words: Vec<Vec<String>> = entries.iter().map(Entry::words).collect();
        let shares_edge = entries
            .iter()
            .zip(&term_words)
            .map(|(e, words)| {
                e.suggestions
                    .iter()
                    .map(|s| shares_edge_word(s, words))
                    .collect()
            })
            .collect();
        let index = FuzzyIndex::new(&entries, options.min_similarity);
        let regexes: Vec<(usize, Regex, Option<Regex>)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match &e.pattern {
                Pattern::Regex(re) => Some((i, re.clone(), ascii_regex(re.as_str()))),
                Pattern::Words(_) => None,
            })
            .collect();
        // Built as the entries' own expressions are; a set too large to
        // compile leaves each expression to scan alone, as before.
        let regex_set = (regexes.len() >= REGEX_SET_FROM)
            .then(|| {
                regex::RegexSetBuilder::new(regexes.iter().map(|(_, re, _)| re.as_str()))
                    .case_insensitive(true)
                    .size_limit(1 << 26)
                    .build()
                    .ok()
            })
            .flatten();
        GlossaryMatcher {
            entries,
            source_terms,
            term_words,
            shares_edge,
            index,
            regexes,
            regex_set,
            options,
            allowed: Mutex::default(),
        }
    }

    /// Which entries may fire on `doc`, by its languages (see
    /// [`lang_allows`]); the same list for every document of a pair.
    fn allowed_for(&self, doc: &Document) -> Arc<[bool]> {
        let key = lang_key(doc);
        let mut cache = self.allowed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(allowed) = cache.get(&key) {
            return Arc::clone(allowed);
        }
        let allowed: Arc<[bool]> = self
            .entries
            .iter()
            .map(|e| {
                // Proving examples, a source term is taken as said, in
                // whatever language.
                let source_term = e.source_term.is_some() && !self.options.ignore_source_terms;
                lang_allows(e.lang.as_deref(), source_term, &key)
            })
            .collect();
        cache.insert(key, Arc::clone(&allowed));
        allowed
    }

    /// The compiled entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every hit in `doc`, found by comparing every entry with every window
    /// directly, without the index. Slow; it is the reference the indexed
    /// search is tested against, and the two must agree exactly.
    pub fn detect_exhaustive(&self, doc: &Document) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut joined = doc.joined.iter().peekable();
        let allowed = self.allowed_for(doc);
        let plain = View::plain(doc, &allowed);
        let mut i = 0;
        while let Some(segment) = doc.segments.get(i) {
            if let Some(j) = joined.next_if(|j| j.segments.start == i) {
                let view = View::joined(doc, j, &allowed);
                for m in self.index.find_exhaustive(&j.text) {
                    self.push_window(&view, segment, m, &mut out);
                }
                self.detect_regexes(&view, segment, Span::new(0, j.text.len()), &mut out);
                i = j.segments.end.max(i + 1);
                continue;
            }
            let offset = segment.span.start;
            for m in self.index.find_exhaustive(&doc.text[segment.span.range()]) {
                self.push_window(&plain, segment, m.shifted(offset), &mut out);
            }
            self.detect_regexes(&plain, segment, segment.span, &mut out);
            i += 1;
        }
        out
    }

    /// Whether entry `i` may fire in `segment`: an entry with a
    /// `source_term` needs the segment's source to contain it. Each entry
    /// reads each segment's source once (its words normalized once for
    /// all entries): a long unit with many hits is not read per hit.
    fn source_allows(&self, i: usize, view: &View<'_>, segment: &Segment) -> bool {
        let Some(term) = &self.source_terms[i] else {
            return true;
        };
        if self.options.ignore_source_terms {
            return true;
        }
        let Some(source) = segment.unit.map(|u| view.units[u].source.as_str()) else {
            return false;
        };
        // A segment is known by where it starts: segments do not overlap.
        let at = segment.span.start;
        if let Some(&allowed) = view.sources.borrow().get(&(i, at)) {
            return allowed;
        }
        let mut words = view.source_words.borrow_mut();
        if words.as_ref().is_none_or(|(start, _)| *start != at) {
            *words = Some((at, normalized_words(source)));
        }
        let words = &words.as_ref().expect("just filled").1;
        let min = self.entries[i]
            .min_similarity
            .unwrap_or(self.options.min_similarity);
        let allowed = contains_words(words, term, min);
        view.sources.borrow_mut().insert((i, at), allowed);
        allowed
    }

    fn push_window(&self, view: &View<'_>, segment: &Segment, m: WindowMatch, out: &mut Vec<Hit>) {
        let entry = &self.entries[m.entry];
        let span = m.span;
        if !view.allowed[m.entry]
            || !self.source_allows(m.entry, view, segment)
            || self.rejected_by_context(m.entry, view, span)
        {
            return;
        }
        let matched = &view.text[span.range()];
        let gaps: Vec<&str> = m.gaps.iter().map(|g| &view.text[g.range()]).collect();
        // The matched words, on the stack for a term of up to 16 words
        // (every term the glossary loads): a hit allocates only what it
        // keeps.
        let mut small = [""; 16];
        let owned: Vec<&str>;
        let text_words: &[&str] = if m.words.len() <= small.len() {
            for (slot, w) in small.iter_mut().zip(&m.words) {
                *slot = &view.text[w.range()];
            }
            &small[..m.words.len()]
        } else {
            owned = m.words.iter().map(|w| &view.text[w.range()]).collect();
            &owned
        };
        let term_words = &self.term_words[m.entry];
        let plain = uninflected(text_words, term_words);
        // Read only when some suggestion is inflected: it tells a past from
        // a participle.
        let mut after_auxiliary = None;
        let case_from = case_source(view.text, span.start, matched);
        let mut known = true;
        let mut suggestions: Vec<String> = entry
            .suggestions
            .iter()
            .zip(&self.shares_edge[m.entry])
            .map(|(s, &shares)| {
                let shaped = apply_case_shape(&case_from, s);
                if plain && !shares {
                    // What carry_inflection would return: see
                    // shares_edge_word.
                    return fill_gaps(&shaped, &gaps);
                }
                let after_auxiliary =
                    *after_auxiliary.get_or_insert_with(|| auxiliary_before(view.text, span.start));
                let (carried, form_known) =
                    carry_inflection(&shaped, term_words, text_words, after_auxiliary);
                known &= form_known;
                fill_gaps(&carried, &gaps)
            })
            .collect();
        let start = agree_article(view.text, span.start, &mut suggestions).unwrap_or(span.start);
        let span = view.to_file(Span::new(start, span.end));
        out.push(Hit {
            rule: Arc::clone(&entry.rule),
            span,
            suggestions,
            confidence: if entry.mode == MatchMode::Exact {
                1.0
            } else {
                m.similarity
            },
            fix: entry.fix.filter(|_| known),
        });
    }

    /// Regex entries in `range` of the view's text.
    fn detect_regexes(&self, view: &View<'_>, segment: &Segment, range: Span, out: &mut Vec<Hit>) {
        if self.regexes.is_empty() {
            return;
        }
        // A regex term, like every term, matches within a paragraph. An
        // ASCII paragraph takes the expression without Unicode classes,
        // which finds the same matches there and runs on the fast engines
        // (Unicode word boundaries would force the slowest one).
        let paragraphs = paragraph_chunks(view.text, range, 0);
        for piece in paragraphs {
            let text = &view.text[piece.range()];
            let ascii = text.is_ascii();
            let matching = self.regex_set.as_ref().map(|set| set.matches(text));
            let regexes = self
                .regexes
                .iter()
                .enumerate()
                .filter(|(k, _)| matching.as_ref().is_none_or(|m| m.matched(*k)))
                .map(|(_, r)| r);
            for (i, unicode, plain) in regexes {
                if !view.allowed[*i] || !self.source_allows(*i, view, segment) {
                    continue;
                }
                let re = match plain {
                    Some(plain) if ascii => plain,
                    _ => unicode,
                };
                self.regex_hits(*i, re, view, piece.start, text, out);
            }
        }
    }

    /// The hits of entry `i`'s expression `re` in `text`, which starts at
    /// byte `offset` of the view.
    fn regex_hits(
        &self,
        i: usize,
        re: &Regex,
        view: &View<'_>,
        offset: usize,
        text: &str,
        out: &mut Vec<Hit>,
    ) {
        let entry = &self.entries[i];
        for caps in re.captures_iter(text) {
            let m = caps.get(0).expect("group 0 is the whole match");
            if m.is_empty() {
                continue;
            }
            let span = Span::new(offset + m.start(), offset + m.end());
            if self.rejected_by_context(i, view, span) {
                continue;
            }
            let mut suggestions: Vec<String> = entry
                .suggestions
                .iter()
                .map(|s| {
                    let mut expanded = String::new();
                    caps.expand(s, &mut expanded);
                    apply_case_shape(m.as_str(), &expanded)
                })
                .collect();
            let start =
                agree_article(view.text, span.start, &mut suggestions).unwrap_or(span.start);
            let span = view.to_file(Span::new(start, span.end));
            out.push(Hit {
                rule: Arc::clone(&entry.rule),
                span,
                suggestions,
                confidence: 1.0,
                fix: entry.fix,
            });
        }
    }

    /// Whether entry `i`'s `unless` matches the sentence around the hit.
    /// Each entry reads each sentence once: the hits of one sentence share
    /// the answer, so a long sentence with many hits is not read for each.
    fn rejected_by_context(&self, i: usize, view: &View<'_>, span: Span) -> bool {
        let Some(re) = &self.entries[i].unless else {
            return false;
        };
        let sentence = view.sentences.around(span);
        *view
            .verdicts
            .borrow_mut()
            .entry((i, sentence.start, sentence.end))
            .or_insert_with(|| re.is_match(&view.text[sentence]))
    }

    /// The options the matcher was compiled with.
    pub fn options(&self) -> MatchOptions {
        self.options
    }
}

impl Detector for GlossaryMatcher {
    fn rules(&self) -> Vec<Arc<Rule>> {
        self.entries.iter().map(|e| Arc::clone(&e.rule)).collect()
    }

    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        self.detect_counting(doc, out);
    }
}

impl GlossaryMatcher {
    /// [`Detector::detect`], and the number of words in the document's
    /// segments, counted on the way.
    pub fn detect_counting(&self, doc: &Document, out: &mut Vec<Hit>) -> usize {
        let mut words = 0;
        let mut joined = doc.joined.iter().peekable();
        // One view of the document's text for all its segments, so that
        // the sentences it has segmented serve them all.
        let allowed = self.allowed_for(doc);
        if !allowed.iter().any(|&a| a) {
            // No entry may fire here (an empty glossary, or none for the
            // document's languages, as for most targets of a catalog):
            // only the words are counted, as the matching would count them.
            if let Some(found) = doc.segment_words() {
                return found.len();
            }
            for segment in &doc.segments {
                for_each_word(&doc.text[segment.span.range()], |_| words += 1);
            }
            return words;
        }
        let plain = View::plain(doc, &allowed);
        let mut i = 0;
        while let Some(segment) = doc.segments.get(i) {
            // Segments joined by decoded references are matched as one
            // decoded text.
            if let Some(j) = joined.next_if(|j| j.segments.start == i) {
                // Words are counted in the segments, as on disk.
                for s in &doc.segments[j.segments.start..j.segments.end.max(i + 1)] {
                    for_each_word(&doc.text[s.span.range()], |_| words += 1);
                }
                let view = View::joined(doc, j, &allowed);
                for m in self.index.find(&j.text) {
                    self.push_window(&view, segment, m, out);
                }
                self.detect_regexes(&view, segment, Span::new(0, j.text.len()), out);
                i = j.segments.end.max(i + 1);
                continue;
            }
            i += 1;
            let view = &plain;
            // Large segments are matched in chunks in parallel, cut where
            // no window can span the cut (see `match_chunks`), so the
            // chunks find exactly what the whole would, and memory stays
            // bounded. In parallel only on a pool's thread: a run of one
            // thread checks on its own thread, and the chunks sent from
            // there would go to a pool of every core.
            let chunks = match_chunks(&doc.text, segment.span, CHUNK_BYTES);
            let find = |c: &Span| {
                let (found, n) = self.index.find_counting(&doc.text[c.range()]);
                (shift_all(found, c.start), n)
            };
            let found: Vec<(Vec<WindowMatch>, usize)> =
                if chunks.len() > 1 && rayon::current_thread_index().is_some() {
                    chunks.par_iter().map(find).collect()
                } else {
                    chunks.iter().map(find).collect()
                };
            words += found.iter().map(|(_, n)| n).sum::<usize>();
            for m in found.into_iter().flat_map(|(f, _)| f) {
                self.push_window(view, segment, m, out);
            }
            self.detect_regexes(view, segment, segment.span, out);
        }
        words
    }
}

/// The text matches are made in: the document's own, or a joined run's
/// decoded text, whose spans are mapped back to the file; with what the
/// `unless` of entries has read of it.
struct View<'a> {
    text: &'a str,
    joined: Option<&'a Joined>,
    /// The document's units, whose sources its segments translate.
    units: &'a [Unit],
    /// Which entries may fire on the document, by its languages.
    allowed: &'a [bool],
    sentences: Sentences<'a>,
    /// (entry, sentence start, sentence end) -> whether the entry's
    /// `unless` matches the sentence.
    verdicts: RefCell<rustc_hash::FxHashMap<(usize, usize, usize), bool>>,
    /// (entry, segment start) -> whether the segment's source holds the
    /// entry's `source_term`.
    sources: RefCell<rustc_hash::FxHashMap<(usize, usize), bool>>,
    /// The normalized words of the source of the segment that starts at
    /// the offset given, the last one read.
    source_words: RefCell<Option<(usize, Vec<String>)>>,
}

impl<'a> View<'a> {
    fn plain(doc: &'a Document, allowed: &'a [bool]) -> View<'a> {
        View::of(&doc.text, None, &doc.units, allowed)
    }

    fn joined(doc: &'a Document, joined: &'a Joined, allowed: &'a [bool]) -> View<'a> {
        View::of(&joined.text, Some(joined), &doc.units, allowed)
    }

    fn of(
        text: &'a str,
        joined: Option<&'a Joined>,
        units: &'a [Unit],
        allowed: &'a [bool],
    ) -> View<'a> {
        View {
            text,
            joined,
            units,
            allowed,
            sentences: Sentences::new(text),
            verdicts: RefCell::default(),
            sources: RefCell::default(),
            source_words: RefCell::default(),
        }
    }

    fn to_file(&self, span: Span) -> Span {
        self.joined.map_or(span, |j| j.to_file(span))
    }
}

/// Whether `words` hold `term` by the token rules of fuzzy matching:
/// consecutive words, each within the edit bound of its term word
/// ([`token_bound`]), and the joined words at least `min_similarity` alike.
/// So a source term `eventueel` is found in a source that says `eventuele`.
pub fn contains_words(words: &[String], term: &[String], min_similarity: f64) -> bool {
    if term.is_empty() || words.len() < term.len() {
        return false;
    }
    let joined_term = term.join(" ");
    let term_chars: Vec<usize> = term.iter().map(|t| t.chars().count()).collect();
    words.windows(term.len()).any(|window| {
        window
            .iter()
            .zip(term)
            .zip(&term_chars)
            .all(|((w, t), &chars)| {
                // The distance is at least the difference of the lengths:
                // a word far longer or shorter is ruled out without measuring
                // it (which costs the product of the lengths).
                let bound = token_bound(chars);
                w == t
                    || (w.len().abs_diff(t.len()) <= 4 * bound
                        && w.chars().count().abs_diff(chars) <= bound
                        && strsim::damerau_levenshtein(w, t) <= bound)
            })
            && strsim::normalized_damerau_levenshtein(&window.join(" "), &joined_term)
                >= min_similarity
    })
}

/// `pattern` compiled as glossary regexes are, but with Unicode classes and
/// word boundaries off, or `None` where it needs them.
fn ascii_regex(pattern: &str) -> Option<Regex> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .unicode(false)
        .size_limit(1 << 22)
        .build()
        .ok()
}

/// Segments larger than this are matched in chunks.
const CHUNK_BYTES: usize = 1 << 20;

fn shift_all(matches: Vec<WindowMatch>, offset: usize) -> Vec<WindowMatch> {
    matches.into_iter().map(|m| m.shifted(offset)).collect()
}

/// Cuts `span` of `text` into pieces of about `size` bytes where no
/// window of words can span the cut, so that matching the pieces one by
/// one finds exactly what matching the whole does: before the space or
/// line feed after a `.`, `!`, `?`, `,`, `;` or `:` (such a mark is never
/// part of a word, and a window never spans punctuation; a space or line
/// feed ends the words on both sides as it does in the whole), or at a
/// blank line. A file written one paragraph per line, with no blank line,
/// is cut as finely as one with blank lines. A piece with no such place
/// after `size` bytes stays whole.
pub fn match_chunks(text: &str, span: Span, size: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut start = span.start;
    while span.end - start > size {
        let mut cut = None;
        for i in start + size.max(1)..span.end {
            let b = bytes[i];
            if !matches!(b, b' ' | b'\n') {
                continue;
            }
            let mark = |c: u8| matches!(c, b'.' | b'!' | b'?' | b',' | b';' | b':');
            if mark(bytes[i - 1])
                || (b == b'\n' && bytes[i - 1] == b'\r' && i >= start + 2 && mark(bytes[i - 2]))
            {
                cut = Some(i);
                break;
            }
            // A line feed after a blank line: cut at it, as
            // `paragraph_chunks` does.
            if b == b'\n' {
                let line_start = bytes[start..i]
                    .iter()
                    .rposition(|&c| !matches!(c, b' ' | b'\t' | b'\r'))
                    .map(|k| start + k);
                if line_start.is_some_and(|k| bytes[k] == b'\n') {
                    cut = Some(i);
                    break;
                }
            }
        }
        let Some(cut) = cut else { break };
        chunks.push(Span::new(start, cut));
        start = cut;
    }
    chunks.push(Span::new(start, span.end));
    chunks
}

/// Cuts `span` of `text` into pieces of about `size` bytes at blank lines
/// (a line feed, blanks, another line feed), which no match spans. A
/// paragraph longer than `size` stays whole.
pub fn paragraph_chunks(text: &str, span: Span, size: usize) -> Vec<Span> {
    let mut chunks = Vec::new();
    let mut start = span.start;
    while span.end - start > size {
        let bytes = text.as_bytes();
        let mut cut = None;
        let mut i = start + size;
        while i < span.end {
            if bytes[i] == b'\n' {
                let mut j = i + 1;
                while j < span.end && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j < span.end && bytes[j] == b'\n' {
                    cut = Some(j);
                    break;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        let Some(cut) = cut else { break };
        chunks.push(Span::new(start, cut));
        start = cut;
    }
    chunks.push(Span::new(start, span.end));
    chunks
}

/// The normalized words of `text`.
pub fn normalized_words(text: &str) -> Vec<String> {
    word_tokens(text)
        .iter()
        .map(|t| normalize_word(t.text).into_owned())
        .collect()
}

#[cfg(test)]
mod tests;
