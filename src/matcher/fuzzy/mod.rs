//! Fuzzy and exact matching of glossary terms against windows of words.
//!
//! The definition (`docs/glossary.md`, "Fuzzy matching, precisely"): an entry of k words matches k
//! consecutive text words (a `*` matching one to three words of any kind),
//! joined only by whitespace with at most one line break, hyphens, dashes or
//! slashes; each word pair within a Damerau-Levenshtein distance of 0, 1 or
//! 2 by the entry word's length (0 for a closed-class word; in German a
//! word other than the entry's keeps its initial, see [`initial_ok`]); and
//! the joined normal forms at least `min_similarity` alike (normalized
//! Damerau-Levenshtein), at least [`ONE_WORD_MIN_SIMILARITY`] for a German
//! term of one word unless the entry sets its own.
//!
//! Finding candidates: the per-word bound means every matching window holds,
//! for each entry word, a text word within two edits of it. Two words within
//! d edits share a string reachable by deleting at most d characters from
//! each, so an index from every such deletion of every distinct entry word
//! (SymSpell's deletion neighbourhoods, kept as hashes in a flat table with
//! a Bloom filter in front) to the word, queried once per distinct text word
//! with that word's own deletions, finds every glossary word a text word may
//! stand for. Only those candidates are verified. A window search then
//! starts only where a text word may stand for an entry's *anchor*, the word
//! the fewest entries share (then the longest), which is rare in text; and
//! only when the text words there may also stand for the entry's first word
//! and for the word right after the anchor. The exhaustive search
//! ([`FuzzyIndex::find_exhaustive`]) compares every entry with every window
//! and is the oracle the tests hold the index to.
//!
//! Speed: running text repeats its words, so each distinct normalized word
//! is looked up once per thread (and once in all, for an index too large
//! for the cache, whose lookups the threads share), and the glossary words
//! and anchored entries it may stand for are cached per thread (the cache
//! lives across documents, keyed by the index it belongs to). Per word the
//! hot path is a tokenizer step, an ASCII lowercase and one hash lookup;
//! per word that may be an anchor, a few bit tests of the signatures of
//! the words around it. Candidates are verified with a distance computed
//! on the stack, near the diagonal only, and stopped as soon as it must
//! exceed the bound.
//!
//! Layout: [`distance`] holds the edit distances that verify candidates,
//! [`keys`] the deletion keys and the table they are filed in, [`cache`]
//! the lookups of text words and the per-thread cache of them, and
//! [`windows`] the search and scoring of the windows an anchor starts; this
//! module builds the index and drives the search.

mod cache;
mod closed;
mod distance;
mod keys;
mod windows;

use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;
use strsim::damerau_levenshtein;

use crate::glossary::{Entry, MatchMode, Pattern, TermPart, is_all_capitals};
use crate::text::{Span, for_each_word, normalize_word, word_tokens};

use cache::{CACHE, SHARDS, SHARE_ABOVE_SLOTS, SharedShard, WordCache, signature_bit};
use keys::{
    DEDUP_ABOVE_CHARS, INSERT_BATCH, KeyTable, deletion_count, deletion_hashes, key_length_bit,
};
use windows::Windows;

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
    /// The entry's word of this number (see `Compiled::vocab`).
    Word(u16),
    Gap,
}

#[derive(Debug)]
struct Compiled {
    entry: usize,
    parts: Vec<Part>,
    /// Each word's place in the index's vocabulary, which holds its normal
    /// form and edit bound.
    vocab: Vec<u32>,
    /// The entry's words joined by single spaces.
    joined: String,
    min_similarity: f64,
    /// Bit `n` set when the entry's word number `n` is written in capitals
    /// (an acronym such as `US`) and so matches only text in capitals.
    capitals: u32,
    /// In a target language that capitalises its nouns
    /// ([`NOUN_CAPITALS`]), each word's initial as the term writes it and
    /// its normal form: a text word other than the term's word must keep
    /// that initial ([`initial_ok`]). Empty in other languages.
    initials: Vec<(char, String)>,
}

impl Compiled {
    /// Whether text word `word` may stand for the entry's word `number` by
    /// its case: any case does, but for a word the term writes in capitals,
    /// which needs capitals and no lowercase letter ("US", not "us").
    fn case_ok(&self, number: u16, word: &str) -> bool {
        (self.capitals & (1 << number) == 0
            || (!word.chars().any(char::is_lowercase) && word.chars().any(char::is_uppercase)))
            && self
                .initials
                .get(usize::from(number))
                .is_none_or(|(initial, norm)| initial_ok(*initial, norm, number == 0, word))
    }
}

/// Target languages that capitalise every noun and inflect by endings
/// (primary subtags): German and Luxembourgish. In them a word's initial
/// says its word class ("Beginn" is a noun, "beginnt" a verb; "Manager" a
/// noun, "managen" a verb), and their prefixes make other words from one
/// stem ("Unordnung", "Anordnung"): a word that differs from a term's word
/// at its initial is another word. And one changed ending is another case,
/// number, gender or person ("möchten" and "möchte", "jährigen" and
/// "jähriger"), which is what a reviewer who flags one form flags it
/// against: a term of one word needs [`ONE_WORD_MIN_SIMILARITY`].
const NOUN_CAPITALS: &[&str] = &["de", "lb"];

/// Whether text `word` may stand for a term word written with `initial`
/// whose normal form is `norm`, by its initial, in a language of
/// [`NOUN_CAPITALS`]: the same word (normal forms equal) may; another
/// (within the edit bound) must start with the same letter, a capital
/// where the term has one, and a small letter where the term has one,
/// but for the term's `first` word, which a sentence's start capitalises.
fn initial_ok(initial: char, norm: &str, first: bool, word: &str) -> bool {
    let Some(start) = word.chars().next() else {
        return false;
    };
    if normalize_word(word) == norm {
        return true;
    }
    let same_letter = start.to_lowercase().eq(initial.to_lowercase());
    let same_case = if initial.is_uppercase() {
        start.is_uppercase()
    } else {
        first || !start.is_uppercase()
    };
    same_letter && same_case
}

/// The least similarity of a fuzzy match of a term of one word in a target
/// language of [`NOUN_CAPITALS`], whatever lower `min_similarity` the
/// options give (an entry's own `min_similarity` still rules): one edit in
/// a word of fewer than ten characters there makes another form of it, or
/// another word, more often than the same one. In a term of several words
/// the words around an edited one vouch for it; in English, which inflects
/// little, one edit is mostly the same word ("suburb", "suburbs").
pub(crate) const ONE_WORD_MIN_SIMILARITY: f64 = 0.9;

/// The target language of an entry's words: its pair's second code, its
/// `lang` when that is a target language alone, or English for an entry
/// of any pair (every built-in glossary's target).
fn target_language(entry: &Entry) -> &str {
    entry.lang.as_deref().map_or("en", |lang| {
        lang.split_once('-').map_or(lang, |(_, target)| target)
    })
}

/// Bit `n` set for each word number `n` of the entry's term that is
/// written in capitals, unless the entry's `case` is `any`. The term's
/// words are read again from the term as written (compiled words are
/// normal forms): one per word, in order, as the loader made them.
fn capitals_mask(entry: &Entry, words: usize) -> u32 {
    if entry.any_case || !entry.term.chars().any(char::is_uppercase) {
        return 0;
    }
    let tokens = word_tokens(&entry.term);
    if tokens.len() != words {
        return 0;
    }
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| is_all_capitals(t.text))
        .fold(0, |mask, (n, _)| mask | 1 << n)
}

/// Each word's initial as the entry's term writes it, with the word's
/// normal form (`vocab` holds the compiled words' places in
/// `vocabulary`); empty when the term's words cannot be read again one for
/// one (as [`capitals_mask`] reads them).
fn term_initials(entry: &Entry, vocab: &[u32], vocabulary: &[IndexedWord]) -> Vec<(char, String)> {
    let tokens = word_tokens(&entry.term);
    if tokens.len() != vocab.len() {
        return Vec::new();
    }
    tokens
        .iter()
        .zip(vocab)
        .filter_map(|(t, &id)| Some((t.text.chars().next()?, vocabulary[id as usize].norm.clone())))
        .collect()
}

/// The fuzzy and exact entries of a glossary, indexed by the deletion
/// neighbourhoods of their words.
#[derive(Debug)]
pub struct FuzzyIndex {
    /// Unique per index, so that a thread's word cache knows whose
    /// candidate lists it holds.
    id: u64,
    compiled: Vec<Compiled>,
    /// The distinct words of the entries, each with its edit bound and the
    /// entries it is the anchor of.
    vocabulary: Vec<IndexedWord>,
    /// Deletion key (hashed) -> the words of `vocabulary` it was made from.
    keys: KeyTable,
    /// Lookups already made, by any thread, in shards by word hash.
    shared: Vec<std::sync::Mutex<SharedShard>>,
    /// Whether threads share their lookups at all: only where a lookup
    /// costs more than sharing it (see [`SHARE_ABOVE_SLOTS`]).
    share: bool,
    /// How many deletions a text word's lookup needs: the largest bound.
    query_deletions: usize,
    /// Bit `n` set when some key has `n` characters (keys of 63 or more
    /// characters set bit 63): deletions of other lengths are not looked up.
    key_lengths: u64,
}

/// A distinct word of the glossary's terms.
#[derive(Debug)]
struct IndexedWord {
    norm: String,
    chars: usize,
    bound: usize,
    /// The compiled entries whose anchor this word is.
    anchored: Vec<AnchorHit>,
}

/// A compiled entry whose anchor is some text word, with what rules out
/// most of its windows without reading the entry itself: a common word
/// may anchor many entries, and nearly all of them fail at once.
#[derive(Debug, Clone, Copy)]
struct AnchorHit {
    slot: u32,
    /// The vocabulary word of the entry's first word.
    first: u32,
    /// The vocabulary word of the part right after the anchor, when that
    /// part is a word ([`NO_WORD`] when it is a gap or there is none).
    next: u32,
    /// How many text words may stand before the anchor in a window: the
    /// words before it, and one to three for each gap before it.
    before: (u16, u16),
}

/// [`AnchorHit::next`] when no word follows the anchor directly.
const NO_WORD: u32 = u32::MAX;

/// Source of [`FuzzyIndex::id`].
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

impl FuzzyIndex {
    /// Builds the index over the `fuzzy` and `exact` entries of `entries`
    /// (regex entries are skipped); `min_similarity` applies to entries that
    /// set none.
    pub fn new(entries: &[Entry], min_similarity: f64) -> FuzzyIndex {
        let mut compiled = Vec::new();
        let mut chars: Vec<char> = Vec::new();
        let mut vocabulary: Vec<IndexedWord> = Vec::new();
        // How many entries use each vocabulary word, to choose anchors by.
        let mut uses: Vec<u32> = Vec::new();
        let mut word_ids: FxHashMap<(&str, usize), u32> = FxHashMap::default();
        let mut query_deletions = 0;
        let mut key_lengths = 0;
        for (i, entry) in entries.iter().enumerate() {
            let Pattern::Words(term) = &entry.pattern else {
                continue;
            };
            let exact = entry.mode == MatchMode::Exact;
            let target = target_language(entry);
            let mut parts = Vec::with_capacity(term.len());
            let mut vocab_ids: Vec<u32> = Vec::with_capacity(term.len());
            let mut joined = String::new();
            for part in term {
                match part {
                    TermPart::Gap => parts.push(Part::Gap),
                    TermPart::Word(norm) => {
                        // A closed-class word matches only itself: one
                        // edit makes another word of its class.
                        let bound = if exact || closed::is_closed_class(target, norm) {
                            0
                        } else {
                            token_bound(norm.chars().count())
                        };
                        query_deletions = query_deletions.max(bound);
                        let number = u16::try_from(vocab_ids.len()).expect("terms are short");
                        // Entries share words ("the", "of"): each distinct
                        // word is indexed, and verified, once.
                        let id = *word_ids.entry((norm, bound)).or_insert_with(|| {
                            let id =
                                u32::try_from(vocabulary.len()).expect("fewer than 2^32 words");
                            vocabulary.push(IndexedWord {
                                norm: norm.clone(),
                                chars: norm.chars().count(),
                                bound,
                                anchored: Vec::new(),
                            });
                            uses.push(0);
                            id
                        });
                        uses[id as usize] += 1;
                        vocab_ids.push(id);
                        if !joined.is_empty() {
                            joined.push(' ');
                        }
                        joined.push_str(norm);
                        parts.push(Part::Word(number));
                    }
                }
            }
            let capitals = capitals_mask(entry, vocab_ids.len());
            let inflecting = NOUN_CAPITALS.contains(&target);
            let initials = if exact || !inflecting {
                Vec::new()
            } else {
                term_initials(entry, &vocab_ids, &vocabulary)
            };
            let floor = if inflecting && vocab_ids.len() == 1 {
                ONE_WORD_MIN_SIMILARITY
            } else {
                0.0
            };
            compiled.push(Compiled {
                entry: i,
                capitals,
                initials,
                parts,
                vocab: vocab_ids,
                joined,
                min_similarity: if exact {
                    1.0
                } else {
                    entry.min_similarity.unwrap_or(min_similarity.max(floor))
                },
            });
        }
        // Each entry's anchor, the word that triggers a window search, is
        // the word the fewest entries share (a word that many entries use,
        // such as "the", is common in text too), the longest of those, the
        // last of equals.
        for (slot, c) in compiled.iter().enumerate() {
            let anchor = (0..c.vocab.len())
                .rev()
                .min_by_key(|&w| {
                    let id = c.vocab[w] as usize;
                    (uses[id], std::cmp::Reverse(vocabulary[id].chars))
                })
                .expect("terms have words");
            let mut before = (0, 0);
            let mut parts = c.parts.iter();
            for part in parts.by_ref() {
                match part {
                    Part::Word(n) if usize::from(*n) == anchor => break,
                    Part::Word(_) => {
                        before.0 += 1;
                        before.1 += 1;
                    }
                    Part::Gap => {
                        before.0 += 1;
                        before.1 += MAX_GAP as u16;
                    }
                }
            }
            let next = match parts.next() {
                Some(Part::Word(n)) => c.vocab[usize::from(*n)],
                _ => NO_WORD,
            };
            vocabulary[c.vocab[anchor] as usize]
                .anchored
                .push(AnchorHit {
                    slot: u32::try_from(slot).expect("fewer than 2^32 entries"),
                    first: c.vocab[0],
                    next,
                    before,
                });
        }
        for word in &vocabulary {
            for deleted in 0..=word.bound.min(word.chars) {
                key_lengths |= key_length_bit(word.chars - deleted);
            }
        }
        // The deletion keys of every distinct word.
        let count = vocabulary
            .iter()
            .map(|w| deletion_count(w.chars, w.bound))
            .sum();
        let mut keys = KeyTable::with_capacity(count);
        let mut batch = Vec::with_capacity(INSERT_BATCH);
        let mut hashes = Vec::new();
        for (id, word) in vocabulary.iter().enumerate() {
            chars.clear();
            chars.extend(word.norm.chars());
            let id = u32::try_from(id).expect("fewer than 2^32 words");
            // A word that repeats a letter makes some deletions twice, and
            // a long one many times (60 `a`s make one key 1,831 times),
            // which the table would chain: a long word's keys go in once.
            hashes.clear();
            deletion_hashes(&chars, word.bound, |h| hashes.push(h));
            if chars.len() > DEDUP_ABOVE_CHARS {
                hashes.sort_unstable();
                hashes.dedup();
            }
            for &h in &hashes {
                batch.push((h, id));
                if batch.len() == INSERT_BATCH {
                    keys.insert_all(&batch);
                    batch.clear();
                }
            }
        }
        keys.insert_all(&batch);
        let share = keys.slots.len() > SHARE_ABOVE_SLOTS;
        FuzzyIndex {
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
            compiled,
            vocabulary,
            keys,
            shared: (0..SHARDS).map(|_| Default::default()).collect(),
            share,
            query_deletions,
            key_lengths,
        }
    }

    /// Every window of `text` that matches an entry, found through the
    /// index.
    pub fn find(&self, text: &str) -> Vec<WindowMatch> {
        self.find_counting(text).0
    }

    /// [`FuzzyIndex::find`], and the number of words of `text`, which the
    /// search counts on its way (a document's word count then costs no
    /// second pass over the text).
    pub fn find_counting(&self, text: &str) -> (Vec<WindowMatch>, usize) {
        let mut out = Vec::new();
        if self.compiled.is_empty() {
            let mut words = 0;
            for_each_word(text, |_| words += 1);
            return (out, words);
        }
        let words = CACHE.with_borrow_mut(|cache| {
            if cache.index != self.id || cache.is_full() {
                *cache = WordCache::new(self.id);
            }
            self.find_cached(text, cache, &mut out)
        });
        (out, words)
    }

    /// Finds the matches of `text` into `out`; returns its number of words.
    fn find_cached(&self, text: &str, cache: &mut WordCache, out: &mut Vec<WindowMatch>) -> usize {
        // The word buffers are the thread's, reused from call to call: a
        // large file is matched a megabyte at a time, and fresh buffers
        // each time would cost the kernel a page-zeroing per page.
        let mut spans = std::mem::take(&mut cache.spans);
        let mut infos = std::mem::take(&mut cache.infos);
        spans.clear();
        infos.clear();
        let mut lower = String::new();
        for_each_word(text, |span| {
            let word = &text[span.range()];
            let info = if word.is_ascii() {
                // ASCII's normal form is its lowercase.
                let key = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.clear();
                    lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                    lower.as_str()
                } else {
                    word
                };
                self.word_info(cache, key)
            } else {
                self.word_info(cache, &normalize_word(word))
            };
            spans.push(span);
            infos.push(info);
        });
        let windows = Windows::new(text, &spans);
        // Windows are tried from their anchor word: for each text word that
        // may stand for some entry's anchor, each start the entry's words
        // and gaps before the anchor allow. A start is tried once per
        // entry, even when gaps let two anchors reach it.
        let mut tried: rustc_hash::FxHashSet<(u32, usize)> = Default::default();
        // Whether text word `pos` may stand for vocabulary word `word`: the
        // signature, side by side with the other words', rules out most;
        // the lists are short, so a scan beats a search.
        let stands_for = |pos: usize, word: u32| {
            infos.get(pos).is_some_and(|info| {
                info.signature & signature_bit(word) != 0
                    && cache.lists[info.list.0 as usize..info.list.1 as usize].contains(&word)
            })
        };
        for (pos, info) in infos.iter().enumerate() {
            for hit in &cache.anchors[info.anchors.0 as usize..info.anchors.1 as usize] {
                let (low, high) = (usize::from(hit.before.0), usize::from(hit.before.1));
                if low > pos || (hit.next != NO_WORD && !stands_for(pos + 1, hit.next)) {
                    continue;
                }
                let compiled = &self.compiled[hit.slot as usize];
                let word_ok = |pos: usize, number: u16| {
                    stands_for(pos, compiled.vocab[usize::from(number)])
                        && compiled.case_ok(number, &text[spans[pos].range()])
                };
                for offset in low..=high.min(pos) {
                    let start = pos - offset;
                    if !stands_for(start, hit.first)
                        || (high > low && !tried.insert((hit.slot, start)))
                    {
                        continue;
                    }
                    if let Some(m) = windows.best(compiled, start, &word_ok) {
                        out.push(m);
                    }
                }
            }
        }
        let words = spans.len();
        cache.spans = spans;
        cache.infos = infos;
        words
    }

    /// Every window of `text` that matches an entry, by comparing every
    /// entry with every window. The reference for [`FuzzyIndex::find`].
    pub fn find_exhaustive(&self, text: &str) -> Vec<WindowMatch> {
        let mut spans = Vec::new();
        for_each_word(text, |span| spans.push(span));
        let normals: Vec<String> = spans
            .iter()
            .map(|s| normalize_word(&text[s.range()]).into_owned())
            .collect();
        let windows = Windows::new(text, &spans);
        let mut out = Vec::new();
        for start in 0..spans.len() {
            for compiled in &self.compiled {
                let word_ok = |pos: usize, number: u16| {
                    let word = &self.vocabulary[compiled.vocab[usize::from(number)] as usize];
                    damerau_levenshtein(&normals[pos], &word.norm) <= word.bound
                        && compiled.case_ok(number, &text[spans[pos].range()])
                };
                if let Some(m) = windows.best(compiled, start, &word_ok) {
                    out.push(m);
                }
            }
        }
        out
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
