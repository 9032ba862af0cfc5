//! The Damerau-Levenshtein distances that verify candidates: bounded,
//! on the stack for ASCII words, and strsim's where they are not ASCII.

use strsim::{damerau_levenshtein, normalized_damerau_levenshtein};

/// Whether the Damerau-Levenshtein distance of `a` and `b` is at most
/// `bound`, decided cheaply where it can be: most candidates an index
/// lookup turns up are far from the word. ASCII words are ruled out by
/// [`letter_count_bound`] where it can, and measured on the stack by
/// [`ascii_damerau_levenshtein`]; other words by the optimal string
/// alignment distance, which is never below the true Damerau-Levenshtein
/// distance (at or below `bound`, the answer is yes), and only then by the
/// true distance.
pub(super) fn within(a: &str, b: &str, bound: usize) -> bool {
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
pub(super) fn similarity_at_least(a: &str, b: &str, min: f64) -> Option<f64> {
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
