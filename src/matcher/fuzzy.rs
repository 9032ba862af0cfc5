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

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;
use strsim::{damerau_levenshtein, normalized_damerau_levenshtein};

use crate::glossary::{Entry, MatchMode, Pattern, TermPart};
use crate::text::{Span, for_each_word, gap_is_joinable, normalize_word};

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

/// One shard of the lookups the threads share: word -> the vocabulary
/// words it may stand for.
type SharedShard = FxHashMap<compact_str::CompactString, std::sync::Arc<[u32]>>;

/// How many shards the shared lookups are kept in.
const SHARDS: usize = 16;

/// Threads share their lookups only when the key table has more slots
/// than this (16 MB of them; about 25,000 entries of the benchmark's
/// glossaries): a smaller table stays in the processor's cache, and a
/// lookup in it costs about what sharing it does (a lock, a hash map, a
/// copy), so two threads that look up the same word each lose less than
/// they would by sharing. Measured with two threads on many files: sharing
/// made 10,000 entries 4% slower and 100,000 entries 5% faster.
const SHARE_ABOVE_SLOTS: usize = 1 << 21;

/// Source of [`FuzzyIndex::id`].
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

/// A word cache holds at most this many distinct words before it starts
/// afresh, which bounds its memory on corpora of endless vocabulary.
const MAX_CACHED_WORDS: usize = 1 << 20;

/// One thread's memory of which glossary words each distinct text word
/// may stand for.
struct WordCache {
    index: u64,
    /// Normalized word -> what it may stand for.
    words: FxHashMap<compact_str::CompactString, WordInfo>,
    /// The vocabulary words each text word may stand for, sorted, one run
    /// after another: a handful even for a word as common as "the", where
    /// the entries that use those words may be thousands.
    lists: Vec<u32>,
    /// The entries whose anchor each text word may stand for, one run
    /// after another.
    anchors: Vec<AnchorHit>,
    /// Word spans and what each word may stand for, of the text being
    /// matched, kept between calls for their capacity.
    spans: Vec<Span>,
    infos: Vec<WordInfo>,
    scratch: LookupScratch,
}

/// The buffers of one lookup: the word's characters, its probe hashes, and
/// the glossary words found.
#[derive(Debug, Default)]
struct LookupScratch {
    chars: Vec<char>,
    hashes: Vec<u64>,
    found: Vec<u32>,
}

/// What a distinct text word may stand for: runs of [`WordCache`]'s
/// arenas, which the window search reads through a copy of this kept for
/// each word of the text, in text order.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    /// The bits of the vocabulary words in `list` (see [`signature_bit`]).
    signature: u64,
    /// Start and end in [`WordCache::lists`].
    list: (u32, u32),
    /// Start and end in [`WordCache::anchors`].
    anchors: (u32, u32),
}

/// A word cache's arenas hold at most this many items before it starts
/// afresh, so that their `u32` offsets cannot overflow.
const MAX_ARENA: usize = 1 << 30;

impl WordCache {
    fn new(index: u64) -> WordCache {
        WordCache {
            index,
            words: FxHashMap::default(),
            lists: Vec::new(),
            anchors: Vec::new(),
            spans: Vec::new(),
            infos: Vec::new(),
            scratch: LookupScratch::default(),
        }
    }

    /// Whether the cache must start afresh before matching a text.
    fn is_full(&self) -> bool {
        self.words.len() > MAX_CACHED_WORDS
            || self.lists.len() > MAX_ARENA
            || self.anchors.len() > MAX_ARENA
    }
}

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::new(WordCache::new(0));
}

/// The bit of vocabulary word `word` in a signature: the signature of a
/// list of words sets the bits of each, so that a clear bit rules a word
/// out of the list without reading it.
fn signature_bit(word: u32) -> u64 {
    1 << (word.wrapping_mul(0x9e37_79b9) >> 26)
}

fn key_length_bit(chars: usize) -> u64 {
    1 << chars.min(63)
}

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
            let mut parts = Vec::with_capacity(term.len());
            let mut vocab_ids: Vec<u32> = Vec::with_capacity(term.len());
            let mut joined = String::new();
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
            compiled.push(Compiled {
                entry: i,
                parts,
                vocab: vocab_ids,
                joined,
                min_similarity: if exact {
                    1.0
                } else {
                    entry.min_similarity.unwrap_or(min_similarity)
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
        for (id, word) in vocabulary.iter().enumerate() {
            chars.clear();
            chars.extend(word.norm.chars());
            let id = u32::try_from(id).expect("fewer than 2^32 words");
            deletion_hashes(&chars, word.bound, |h| {
                batch.push((h, id));
                if batch.len() == INSERT_BATCH {
                    keys.insert_all(&batch);
                    batch.clear();
                }
            });
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
                let word_ok =
                    |pos: usize, number: u16| stands_for(pos, compiled.vocab[usize::from(number)]);
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

    /// What normalized word `key` may stand for, looked up on first sight.
    fn word_info(&self, cache: &mut WordCache, key: &str) -> WordInfo {
        if let Some(&info) = cache.words.get(key) {
            return info;
        }
        let mut scratch = std::mem::take(&mut cache.scratch);
        self.shared_lookup(key, &mut scratch);
        let list = &scratch.found;
        let mut info = WordInfo::default();
        if !list.is_empty() {
            let offset = |len: usize| u32::try_from(len).expect("arenas are bounded");
            let start = offset(cache.lists.len());
            cache.lists.extend_from_slice(list);
            info.list = (start, offset(cache.lists.len()));
            info.signature = list.iter().fold(0, |sig, &w| sig | signature_bit(w));
            let start = offset(cache.anchors.len());
            for &word in list {
                cache
                    .anchors
                    .extend_from_slice(&self.vocabulary[word as usize].anchored);
            }
            info.anchors = (start, offset(cache.anchors.len()));
        }
        cache.scratch = scratch;
        cache.words.insert(key.into(), info);
        info
    }

    /// The lookup of `key`, shared by the threads: a word one thread has
    /// looked up, the others find here instead of probing the index again,
    /// so that two threads do not do the first-sight work twice. A thread
    /// alone skips this, and so does a small index.
    ///
    /// The result is left in `scratch.found`.
    fn shared_lookup(&self, key: &str, scratch: &mut LookupScratch) {
        use std::hash::BuildHasher;
        if !self.share || rayon::current_num_threads() == 1 {
            return self.lookup_into(key, scratch);
        }
        let hash = rustc_hash::FxBuildHasher.hash_one(key);
        let shard = &self.shared[(hash as usize) % SHARDS];
        // A panicking thread cannot leave a shard half-written (each insert
        // is one call), so a poisoned lock is still good.
        if let Some(found) = shard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
        {
            scratch.found.clear();
            scratch.found.extend_from_slice(found);
            return;
        }
        self.lookup_into(key, scratch);
        let mut guard = shard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.len() < MAX_CACHED_WORDS / SHARDS {
            guard.insert(key.into(), scratch.found.as_slice().into());
        }
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
                };
                if let Some(m) = windows.best(compiled, start, &word_ok) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The vocabulary words within their bound of the normalized text word
    /// `word`, sorted.
    ///
    /// Probes the index with the word and every string made of it by
    /// deleting up to `query_deletions` characters, skipping lengths no key
    /// has; repeats (deleting either of two equal letters) only repeat
    /// candidates, which are deduplicated before verification.
    ///
    /// The result is left in `scratch.found`; the scratch buffers are the
    /// thread's, reused from word to word.
    fn lookup_into(&self, word: &str, scratch: &mut LookupScratch) {
        let LookupScratch {
            chars,
            hashes,
            found,
        } = scratch;
        found.clear();
        chars.clear();
        chars.extend(word.chars());
        let n = chars.len();
        // Only deletions down to a length some key has are worth probing.
        let mut max = 0;
        for deleted in 0..=self.query_deletions.min(n) {
            if self.key_lengths & key_length_bit(n - deleted) != 0 {
                max = deleted;
            }
        }
        hashes.clear();
        deletion_hashes(chars, max, |h| hashes.push(h));
        self.keys.get_all(hashes, found);
        found.sort_unstable();
        found.dedup();
        found.retain(|&id| {
            let w = &self.vocabulary[id as usize];
            if w.bound == 0 {
                w.norm == word
            } else {
                w.chars.abs_diff(n) <= w.bound && within(word, &w.norm, w.bound)
            }
        });
    }

    /// How many glossary words the normalized word `word` may stand for:
    /// one index lookup, uncached, as the first sight of a word costs.
    pub fn candidates(&self, word: &str) -> usize {
        let mut scratch = LookupScratch::default();
        self.lookup_into(word, &mut scratch);
        scratch.found.len()
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

/// Whether the Damerau-Levenshtein distance of `a` and `b` is at most
/// `bound`, decided cheaply where it can be: most candidates an index
/// lookup turns up are far from the word. ASCII words are ruled out by
/// [`letter_count_bound`] where it can, and measured on the stack by
/// [`ascii_damerau_levenshtein`]; other words by the optimal string
/// alignment distance, which is never below the true Damerau-Levenshtein
/// distance (at or below `bound`, the answer is yes), and only then by the
/// true distance.
fn within(a: &str, b: &str, bound: usize) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if a.is_ascii() && b.is_ascii() {
        if letter_count_bound(x, y) > bound {
            return false;
        }
        if x.len().max(y.len()) <= LONG {
            return ascii_distance_at_most(x, y, bound).is_some();
        }
    }
    strsim::osa_distance(a, b) <= bound || damerau_levenshtein(a, b) <= bound
}

/// strsim's `normalized_damerau_levenshtein(a, b)`, exactly, when it is at
/// least `min`; `None` when it is below. A window's joined words are
/// scored so for every window whose words are all close enough, and most
/// of those fall short: ASCII ones are ruled out by [`letter_count_bound`]
/// where it can, and measured on the stack.
fn similarity_at_least(a: &str, b: &str, min: f64) -> Option<f64> {
    let similarity = if a == b {
        1.0
    } else if a.is_ascii() && b.is_ascii() && a.len().max(b.len()) <= LONG {
        let (x, y) = (a.as_bytes(), b.as_bytes());
        let chars = x.len().max(y.len());
        let longer = chars as f64;
        let similarity = |distance: usize| 1.0 - distance as f64 / longer;
        // The most edits that keep the similarity at `min`, found with the
        // very expression that scores, so that rounding cannot disagree.
        let mut most = (((1.0 - min) * longer).floor().max(0.0) as usize).min(chars);
        while most < chars && similarity(most + 1) >= min {
            most += 1;
        }
        while most > 0 && similarity(most) < min {
            most -= 1;
        }
        if similarity(most) < min || letter_count_bound(x, y) > most {
            return None;
        }
        similarity(ascii_distance_at_most(x, y, most)?)
    } else {
        normalized_damerau_levenshtein(a, b)
    };
    (similarity >= min).then_some(similarity)
}

/// A lower bound of the Damerau-Levenshtein distance of two ASCII strings:
/// every edit changes the multiset of their letters by at most one letter
/// out and one in, so the larger one-sided difference of the letter counts
/// is never above the distance. (Letters are counted by their low five
/// bits, so a few share a count; a shared count only lowers the bound,
/// which stays a bound.)
fn letter_count_bound(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i32; 32];
    for &c in a {
        counts[usize::from(c & 31)] += 1;
    }
    for &c in b {
        counts[usize::from(c & 31)] -= 1;
    }
    let (more, fewer) = counts.iter().fold(
        (0, 0),
        |(m, f), &c| {
            if c > 0 { (m + c, f) } else { (m, f - c) }
        },
    );
    more.max(fewer) as usize
}

/// [`ascii_damerau_levenshtein`] of two ASCII strings of at most [`LONG`]
/// bytes, in the smallest of three matrices that holds them: the matrix is
/// filled first, and most words are short.
fn ascii_distance_at_most(a: &[u8], b: &[u8], most: usize) -> Option<usize> {
    match a.len().max(b.len()) {
        0..=14 => ascii_damerau_levenshtein::<16>(a, b, most),
        15..=30 => ascii_damerau_levenshtein::<32>(a, b, most),
        _ => ascii_damerau_levenshtein::<{ LONG + 2 }>(a, b, most),
    }
}

/// The longest strings [`ascii_damerau_levenshtein`] takes at all: every
/// value of its matrix must fit in a byte.
const LONG: usize = 63;

/// The Damerau-Levenshtein distance (transpositions unrestricted, as
/// strsim's) of two ASCII strings of at most `N - 2` bytes (and at most
/// [`LONG`]) when it is at most `most`; `None` when it is more. Computed in
/// a matrix on the stack: strsim allocates a hash map and a matrix per
/// call, which verifying a lookup's candidates, millions of them on a large
/// glossary, cannot afford; and it stops at the first row whose every
/// value is above `most`, which is where most candidates fail.
fn ascii_damerau_levenshtein<const N: usize>(a: &[u8], b: &[u8], most: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    assert!(
        n + 2 <= N && m + 2 <= N && N <= LONG + 2,
        "strings short enough for the matrix"
    );
    // Lowrance and Wagner's algorithm: `d` is the distance matrix with an
    // extra first row and column of "infinity"; `last_row[c]` the last row
    // whose letter of `a` is `c`, `last_col` the last column of this row
    // whose letter of `b` matched.
    //
    // Every value is kept at most `cap`, one above `most`: the recurrence
    // only adds and takes minima, so capped values are the true ones where
    // those are below the cap, and the cap where they are not. "Infinity"
    // is the cap as well. Values before capping stay under 256.
    //
    // A row's least value never falls below the row before's (a value
    // reached through a transposition from an earlier row pays for the
    // rows between), so once a whole row is at the cap, so is the answer.
    // (A row with no cell computed is all cap.)
    let cap = (most.min(n + m) + 1) as u8;
    let mut d = [[cap; N]; N];
    let mut last_row = [0u8; 128];
    for i in 0..=n {
        d[i + 1][1] = (i as u8).min(cap);
    }
    for j in 0..=m {
        d[1][j + 1] = (j as u8).min(cap);
    }
    // Only cells within `most` of the diagonal can hold less than the cap
    // (a cell's value is at least its distance from the diagonal), so
    // only they are computed; the others keep the cap they start with. A
    // match left of the band is not looked for: a transposition from
    // there costs more than `most` on its own.
    let most = usize::from(cap) - 1;
    for i in 1..=n {
        let (low, high) = (i.saturating_sub(most).max(1), (i + most).min(m));
        let mut last_col = 0;
        let mut least = d[i + 1][1];
        for j in low..=high {
            let k = usize::from(last_row[usize::from(b[j - 1])]);
            let l = last_col;
            let cost = if a[i - 1] == b[j - 1] {
                last_col = j;
                0
            } else {
                1
            };
            let value = (d[i][j] + cost)
                .min(d[i + 1][j] + 1)
                .min(d[i][j + 1] + 1)
                .min(d[k][l] + (i - k - 1) as u8 + 1 + (j - l - 1) as u8)
                .min(cap);
            d[i + 1][j + 1] = value;
            least = least.min(value);
        }
        if least == cap {
            return None;
        }
        last_row[usize::from(a[i - 1])] = i as u8;
    }
    let distance = d[n + 1][m + 1];
    (distance < cap).then_some(usize::from(distance))
}

/// How many hashes [`deletion_hashes`] gives for a word of `chars`
/// characters and `max` deletions (a word with a repeated letter has fewer
/// distinct sequences, but as many hashes).
fn deletion_count(chars: usize, max: usize) -> usize {
    match max {
        0 => 1,
        1 => 1 + chars,
        _ => 1 + chars + chars * chars.saturating_sub(1) / 2,
    }
}

/// Calls `f` with the hash of `chars` and of every sequence made of it by
/// deleting up to `max` (at most 2) characters. Equal sequences hash
/// equally, whichever characters were deleted; distinct ones rarely do,
/// and a collision only adds a candidate that verification then drops.
fn deletion_hashes(chars: &[char], max: usize, mut f: impl FnMut(u64)) {
    const B: u64 = 0x0000_0100_0000_01b3;
    let n = chars.len();
    // prefix[i]: hash of chars[..i]; pow[k]: B^k. On the stack for words
    // of up to 63 characters: this runs once per word of the glossary and
    // of the text.
    let mut stack = [0u64; 128];
    let mut heap = Vec::new();
    let buffer = if n < 64 {
        &mut stack[..2 * (n + 1)]
    } else {
        heap.resize(2 * (n + 1), 0);
        &mut heap[..]
    };
    let (prefix, pow) = buffer.split_at_mut(n + 1);
    pow[0] = 1;
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i].wrapping_mul(B).wrapping_add(u64::from(c) + 1);
        pow[i + 1] = pow[i].wrapping_mul(B);
    }
    let (prefix, pow) = (&*prefix, &*pow);
    let sub = |a: usize, b: usize| prefix[b].wrapping_sub(prefix[a].wrapping_mul(pow[b - a]));
    let finish = |h: u64, len: usize| {
        let x = h ^ ((len as u64) << 57);
        let x = (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^ (x >> 29)
    };
    f(finish(prefix[n], n));
    if max >= 1 {
        for i in 0..n {
            let h = sub(0, i)
                .wrapping_mul(pow[n - i - 1])
                .wrapping_add(sub(i + 1, n));
            f(finish(h, n - 1));
        }
    }
    if max >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                let h = sub(0, i)
                    .wrapping_mul(pow[n - i - 2])
                    .wrapping_add(sub(i + 1, j).wrapping_mul(pow[n - j - 1]))
                    .wrapping_add(sub(j + 1, n));
                f(finish(h, n - 2));
            }
        }
    }
}

/// An open-addressing table from hashed deletion keys to vocabulary words:
/// two `u32` per key, no allocation per key, so that a 100,000-entry
/// glossary compiles in a fraction of a second and little memory.
///
/// A key's slot and its filter word come from the top bits of its hash,
/// scaled to the table's size, which need not be a power of two: the table
/// is two thirds full whatever the number of keys.
#[derive(Debug)]
struct KeyTable {
    /// (low half of the key hash, word id + 1); a 0 is an empty slot, so
    /// that a new table is zeroed memory, which the system hands over
    /// untouched (a fill would write every page of it first).
    slots: Vec<(u32, u32)>,
    /// Two bits per key, eight bits per key in all (a Bloom filter of one
    /// word per key): most probes are for keys that no glossary word has,
    /// and this small bitset answers them without a trip to the larger
    /// table.
    filter: Vec<u64>,
}

/// How many keys [`KeyTable::insert_all`] is given at once.
const INSERT_BATCH: usize = 64;

/// `hash`'s top 32 bits scaled to `0..len`.
fn scaled(hash: u64, len: usize) -> usize {
    (((hash >> 32) * len as u64) >> 32) as usize
}

impl KeyTable {
    /// An empty table for up to `keys` keys, at most two thirds full.
    fn with_capacity(keys: usize) -> KeyTable {
        KeyTable {
            slots: vec![(0, 0); (keys + keys / 2).max(16)],
            filter: vec![0; (keys / 8).max(1)],
        }
    }

    /// The slot where `hash`'s probe starts.
    fn home(&self, hash: u64) -> usize {
        scaled(hash, self.slots.len())
    }

    /// The slot after `i`, wrapping round.
    fn after(&self, i: usize) -> usize {
        if i + 1 == self.slots.len() { 0 } else { i + 1 }
    }

    /// The filter word of `hash` and the two bits it sets there: one memory
    /// access, and a third of the false positives of one bit.
    fn filter_bits(&self, hash: u64) -> (usize, u64) {
        let word = scaled(hash, self.filter.len());
        let bits = (1u64 << ((hash >> 20) & 63)) | (1u64 << ((hash >> 26) & 63));
        (word, bits)
    }

    /// Inserts (hash, word) pairs, a batch at a time: the filter words and
    /// slots of the whole batch are read first, a read that depends on no
    /// other, so that the processor overlaps their cache misses instead of
    /// waiting for each insertion's in turn.
    fn insert_all(&mut self, batch: &[(u64, u32)]) {
        let mut touched = 0;
        for &(hash, _) in batch {
            let (w, _) = self.filter_bits(hash);
            touched ^= self.filter[w] ^ u64::from(self.slots[self.home(hash)].1);
        }
        std::hint::black_box(touched);
        for &(hash, word) in batch {
            self.insert(hash, word);
        }
    }

    fn insert(&mut self, hash: u64, word: u32) {
        let (w, b) = self.filter_bits(hash);
        self.filter[w] |= b;
        let mut i = self.home(hash);
        while self.slots[i].1 != 0 {
            i = self.after(i);
        }
        self.slots[i] = (
            hash as u32,
            word.checked_add(1).expect("fewer than 2^32 - 1 words"),
        );
    }

    /// Appends the words filed under each of `hashes` to `out` (and
    /// leaves in `hashes` those the filter let through).
    ///
    /// The filter is read for all the hashes first, without a branch, so
    /// that the processor overlaps their cache misses; a branch per hash,
    /// taken at random, would have it wait for each in turn.
    fn get_all(&self, hashes: &mut Vec<u64>, out: &mut Vec<u32>) {
        let mut kept = 0;
        for i in 0..hashes.len() {
            let hash = hashes[i];
            let (w, b) = self.filter_bits(hash);
            hashes[kept] = hash;
            kept += usize::from(self.filter[w] & b == b);
        }
        hashes.truncate(kept);
        // The slots too are read once for all first, for the same reason.
        let mut touched = 0;
        for &hash in hashes.iter() {
            touched ^= self.slots[self.home(hash)].1;
        }
        std::hint::black_box(touched);
        for &hash in hashes.iter() {
            let tag = hash as u32;
            let mut i = self.home(hash);
            loop {
                let (t, word) = self.slots[i];
                if word == 0 {
                    break;
                }
                if t == tag {
                    out.push(word - 1);
                }
                i = self.after(i);
            }
        }
    }
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

/// The text's words, for window search.
struct Windows<'a> {
    text: &'a str,
    spans: &'a [Span],
    /// Where a window's words are joined for scoring, reused.
    joined: RefCell<String>,
}

impl<'a> Windows<'a> {
    fn new(text: &'a str, spans: &'a [Span]) -> Windows<'a> {
        Windows {
            text,
            spans,
            joined: RefCell::default(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn within_agrees_with_the_distance_on_hard_cases() {
        // "ca" → "abc": a transposition with an insertion between, 2 edits
        // by Damerau-Levenshtein, 3 by optimal string alignment.
        assert!(within("ca", "abc", 2));
        assert!(!within("ca", "abc", 1));
        assert!(within("comfort", "comfrot", 1));
        assert!(!within("comfortable", "comfort", 2));
        assert!(within("naïve", "naive", 1));
        assert_eq!(ascii_damerau_levenshtein::<33>(b"ca", b"abc", 9), Some(2));
        assert_eq!(ascii_damerau_levenshtein::<33>(b"ca", b"abc", 1), None);
        assert_eq!(ascii_damerau_levenshtein::<33>(b"", b"abc", 9), Some(3));
        assert_eq!(ascii_damerau_levenshtein::<33>(b"abcdef", b"", 6), Some(6));
        assert_eq!(ascii_damerau_levenshtein::<33>(b"abcdef", b"", 5), None);
    }

    #[test]
    fn deletion_hashes_meet_for_strings_two_deletions_apart() {
        let hashes = |w: &str, max| {
            let chars: Vec<char> = w.chars().collect();
            let mut out = Vec::new();
            deletion_hashes(&chars, max, |h| out.push(h));
            out
        };
        let a = hashes("payment", 2);
        let b = hashes("paymnet", 2);
        assert!(a.iter().any(|h| b.contains(h)));
        assert_eq!(hashes("abc", 0).len(), 1);
        assert_eq!(hashes("abc", 1).len(), 4);
        assert_eq!(hashes("abcd", 2).len(), 1 + 4 + 6);
        for (word, max) in [("abc", 0), ("abc", 1), ("abcd", 2), ("letter", 2)] {
            assert_eq!(hashes(word, max).len(), deletion_count(word.len(), max));
        }
    }

    proptest! {
        #[test]
        fn within_is_the_damerau_levenshtein_bound(
            a in "[abcé]{0,7}",
            b in "[abcé]{0,7}",
            bound in 0usize..3,
        ) {
            prop_assert_eq!(within(&a, &b, bound), damerau_levenshtein(&a, &b) <= bound);
        }

        #[test]
        fn the_ascii_distance_is_strsims(
            a in "[a-dp0-3'-]{0,31}",
            b in "[a-dp0-3'-]{0,31}",
        ) {
            prop_assert_eq!(
                ascii_damerau_levenshtein::<33>(a.as_bytes(), b.as_bytes(), usize::MAX),
                Some(damerau_levenshtein(&a, &b))
            );
        }

        #[test]
        fn every_matrix_gives_strsims_distance(
            a in "[a-c]{0,63}",
            b in "[a-c]{0,63}",
        ) {
            // Lengths on both sides of each matrix's limit.
            let (a, b) = (&a[..a.len() % 33], &b[..b.len() % 33 + b.len() / 33]);
            let most = a.len() % 5;
            let distance = damerau_levenshtein(a, b);
            prop_assert_eq!(
                ascii_distance_at_most(a.as_bytes(), b.as_bytes(), most),
                (distance <= most).then_some(distance)
            );
        }

        #[test]
        fn the_long_ascii_distance_is_strsims(
            a in "[a-c ]{0,63}",
            b in "[a-c ]{0,63}",
        ) {
            prop_assert_eq!(
                ascii_damerau_levenshtein::<65>(a.as_bytes(), b.as_bytes(), usize::MAX),
                Some(damerau_levenshtein(&a, &b))
            );
        }

        #[test]
        fn similarity_is_strsims_above_the_least(
            a in "[a-dé ]{1,70}",
            edits in proptest::collection::vec((0usize..80, "[a-dé ]"), 0..8),
            min in 0.5f64..1.0,
        ) {
            // Strings a few random edits apart, where the least similarity
            // is in doubt; short and long, ASCII and not.
            let mut b: Vec<char> = a.chars().collect();
            for (at, c) in edits {
                let at = at % (b.len() + 1);
                let c = c.chars().next().expect("one letter");
                match at % 3 {
                    0 if at < b.len() => { b.remove(at); }
                    1 if at < b.len() => b[at] = c,
                    _ => b.insert(at, c),
                }
            }
            let b: String = b.into_iter().collect();
            let exact = normalized_damerau_levenshtein(&a, &b);
            prop_assert_eq!(similarity_at_least(&a, &b, min), (exact >= min).then_some(exact));
        }

        #[test]
        fn within_is_the_bound_on_near_ascii_words(
            a in "[a-dp0-3]{0,34}",
            edits in proptest::collection::vec((0usize..40, "[a-dp0-3]"), 0..4),
            bound in 0usize..3,
        ) {
            // Words a few random edits apart, where the bound is in doubt.
            let mut b = a.clone().into_bytes();
            for (at, c) in edits {
                let at = at % (b.len() + 1);
                match at % 3 {
                    0 if at < b.len() => { b.remove(at); }
                    1 if at < b.len() => b[at] = c.as_bytes()[0],
                    _ => b.insert(at, c.as_bytes()[0]),
                }
            }
            let b = String::from_utf8(b).expect("ASCII");
            prop_assert_eq!(within(&a, &b, bound), damerau_levenshtein(&a, &b) <= bound);
        }
    }
}
