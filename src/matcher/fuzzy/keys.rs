//! Deletion keys, the hashes of a word and of every string made of it by
//! deleting up to two characters, and the table that files them.

/// The bit of a key of `chars` characters in the index's set of key
/// lengths (keys of 63 or more characters share bit 63).
pub(super) fn key_length_bit(chars: usize) -> u64 {
    1 << chars.min(63)
}

/// How many hashes [`deletion_hashes`] gives for a word of `chars`
/// characters and `max` deletions (a word with a repeated letter has fewer
/// distinct sequences, but as many hashes).
pub(super) fn deletion_count(chars: usize, max: usize) -> usize {
    match max {
        0 => 1,
        1 => 1 + chars,
        _ => 1 + chars + chars * chars.saturating_sub(1) / 2,
    }
}

/// Words longer than this have their deletion keys deduplicated before
/// they are inserted or probed: a short word repeats few (at most a few
/// dozen, which cost less than sorting), a long one up to hundreds of
/// times each.
pub(super) const DEDUP_ABOVE_CHARS: usize = 16;

/// Calls `f` with the hash of `chars` and of every sequence made of it by
/// deleting up to `max` (at most 2) characters. Equal sequences hash
/// equally, whichever characters were deleted; distinct ones rarely do,
/// and a collision only adds a candidate that verification then drops.
pub(super) fn deletion_hashes(chars: &[char], max: usize, mut f: impl FnMut(u64)) {
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
pub(super) struct KeyTable {
    /// (low half of the key hash, word id + 1); a 0 is an empty slot, so
    /// that a new table is zeroed memory, which the system hands over
    /// untouched (a fill would write every page of it first).
    pub(super) slots: Vec<(u32, u32)>,
    /// Two bits per key, eight bits per key in all (a Bloom filter of one
    /// word per key): most probes are for keys that no glossary word has,
    /// and this small bitset answers them without a trip to the larger
    /// table.
    filter: Vec<u64>,
}

/// How many keys [`KeyTable::insert_all`] is given at once.
pub(super) const INSERT_BATCH: usize = 64;

/// `hash`'s top 32 bits scaled to `0..len`.
fn scaled(hash: u64, len: usize) -> usize {
    (((hash >> 32) * len as u64) >> 32) as usize
}

impl KeyTable {
    /// An empty table for up to `keys` keys, at most two thirds full.
    pub(super) fn with_capacity(keys: usize) -> KeyTable {
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
    pub(super) fn insert_all(&mut self, batch: &[(u64, u32)]) {
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
    pub(super) fn get_all(&self, hashes: &mut Vec<u64>, out: &mut Vec<u32>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
