//! The word cache: what each distinct text word may stand for, looked up
//! in the index on first sight and kept per thread (and, for a large index,
//! shared by the threads).

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::distance::within;
use super::keys::{DEDUP_ABOVE_CHARS, deletion_hashes, key_length_bit};
use super::{AnchorHit, FuzzyIndex};
use crate::text::Span;

/// One shard of the lookups the threads share: word -> the vocabulary
/// words it may stand for.
pub(super) type SharedShard = FxHashMap<compact_str::CompactString, std::sync::Arc<[u32]>>;

/// How many shards the shared lookups are kept in.
pub(super) const SHARDS: usize = 16;

/// Threads share their lookups only when the key table has more slots
/// than this (16 MB of them; about 25,000 entries of the benchmark's
/// glossaries): a smaller table stays in the processor's cache, and a
/// lookup in it costs about what sharing it does (a lock, a hash map, a
/// copy), so two threads that look up the same word each lose less than
/// they would by sharing. Measured with two threads on many files: sharing
/// made 10,000 entries 4% slower and 100,000 entries 5% faster.
pub(super) const SHARE_ABOVE_SLOTS: usize = 1 << 21;

/// A word cache holds at most this many distinct words before it starts
/// afresh, which bounds its memory on corpora of endless vocabulary.
const MAX_CACHED_WORDS: usize = 1 << 20;

/// One thread's memory of which glossary words each distinct text word
/// may stand for.
pub(super) struct WordCache {
    pub(super) index: u64,
    /// Normalized word -> what it may stand for.
    words: FxHashMap<compact_str::CompactString, WordInfo>,
    /// The vocabulary words each text word may stand for, sorted, one run
    /// after another: a handful even for a word as common as "the", where
    /// the entries that use those words may be thousands.
    pub(super) lists: Vec<u32>,
    /// The entries whose anchor each text word may stand for, one run
    /// after another.
    pub(super) anchors: Vec<AnchorHit>,
    /// Word spans and what each word may stand for, of the text being
    /// matched, kept between calls for their capacity.
    pub(super) spans: Vec<Span>,
    pub(super) infos: Vec<WordInfo>,
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
pub(super) struct WordInfo {
    /// The bits of the vocabulary words in `list` (see [`signature_bit`]).
    pub(super) signature: u64,
    /// Start and end in [`WordCache::lists`].
    pub(super) list: (u32, u32),
    /// Start and end in [`WordCache::anchors`].
    pub(super) anchors: (u32, u32),
}

/// A word cache's arenas hold at most this many items before it starts
/// afresh, so that their `u32` offsets cannot overflow.
const MAX_ARENA: usize = 1 << 30;

impl WordCache {
    pub(super) fn new(index: u64) -> WordCache {
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
    pub(super) fn is_full(&self) -> bool {
        self.words.len() > MAX_CACHED_WORDS
            || self.lists.len() > MAX_ARENA
            || self.anchors.len() > MAX_ARENA
    }
}

thread_local! {
    pub(super) static CACHE: RefCell<WordCache> = RefCell::new(WordCache::new(0));
}

/// The bit of vocabulary word `word` in a signature: the signature of a
/// list of words sets the bits of each, so that a clear bit rules a word
/// out of the list without reading it.
pub(super) fn signature_bit(word: u32) -> u64 {
    1 << (word.wrapping_mul(0x9e37_79b9) >> 26)
}

impl FuzzyIndex {
    /// What normalized word `key` may stand for, looked up on first sight.
    pub(super) fn word_info(&self, cache: &mut WordCache, key: &str) -> WordInfo {
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
    /// alone skips this (one of a pool of one, or one outside any pool,
    /// which checks alone), and so does a small index.
    ///
    /// The result is left in `scratch.found`.
    fn shared_lookup(&self, key: &str, scratch: &mut LookupScratch) {
        use std::hash::BuildHasher;
        if !self.share
            || rayon::current_thread_index().is_none()
            || rayon::current_num_threads() == 1
        {
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
        // A long word probes each key once, however often its deletions
        // make it.
        if n > DEDUP_ABOVE_CHARS {
            hashes.sort_unstable();
            hashes.dedup();
        }
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
}
