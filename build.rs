//! Compiles the English word lists (`data/en-words.txt`, the SCOWL lists,
//! and `data/en-words-extra.txt`, our additions) into a finite-state
//! set that the garbled-word detector reads straight from the binary: about
//! a third of the list's size, and no parsing at startup. The inflection
//! table (`data/en-inflections.txt`) is compiled the same way, into a map
//! that suggestion shaping reads (see `src/matcher/inflect.rs`). And the
//! Basic Multilingual Plane's letters and digits are written as bit sets
//! that `src/text/chars.rs` reads, and its characters that word
//! segmentation always joins into one word, which `src/text/tokens.rs`
//! reads; and its characters NFKC leaves as they are, which
//! `src/text/normalize.rs` reads.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let mut text = String::new();
    for list in ["data/en-words.txt", "data/en-words-extra.txt"] {
        println!("cargo::rerun-if-changed={list}");
        text += &fs::read_to_string(list).expect("the word lists are part of the source tree");
        text.push('\n');
    }
    let mut words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .collect();
    // fst needs its keys sorted by bytes and unique; the file is kept that
    // way, but sorting here makes a hand edit harmless.
    words.sort_unstable();
    words.dedup();
    let set = fst::Set::from_iter(words).expect("sorted, unique keys");
    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("en-words.fst");
    fs::write(out, set.as_fst().as_bytes()).expect("OUT_DIR is writable");
    inflections();
    letter_sets();
    word_sets();
    stable_set();
}

/// Writes `bmp-nfkc-stable.bin`: one bit per code point below U+10000
/// that NFKC leaves where it stands, whatever comes after it: in NFKC
/// (quick check "yes", so it is no composition's second half) and of
/// canonical combining class 0, so that marks after it are not reordered
/// before it. Read by `src/text/normalize.rs`.
fn stable_set() {
    use unicode_normalization::{IsNormalized, char::canonical_combining_class, is_nfkc_quick};
    write_bmp_set("bmp-nfkc-stable.bin", |c| {
        is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes && canonical_combining_class(c) == 0
    });
}

/// Writes `bmp-word-joining.bin` and `bmp-word-start.bin`: one bit per code
/// point below U+10000. A character is joining when the Unicode word
/// segmentation (the `unicode-segmentation` crate the program itself uses)
/// keeps it in one word with a letter, a Hebrew letter, a digit and `_` on
/// either side, and with itself: the classes ALetter, Hebrew_Letter,
/// Numeric, ExtendNumLet, Extend, Format and ZWJ, any run of which is one
/// word. It is a start when it also stands apart from a space before it
/// (Extend, Format and ZWJ attach to one). Probed, not copied from the
/// standard's tables, so the sets follow the segmenter's own version.
fn word_sets() {
    use unicode_segmentation::UnicodeSegmentation;
    let one = |s: &str| s.split_word_bounds().count() == 1;
    let joins = |c: char| {
        ["a", "\u{5d0}", "1", "_"].iter().all(|x| {
            one(&format!("{x}{c}")) && one(&format!("{c}{x}")) && one(&format!("{x}{c}{x}"))
        }) && one(&format!("{c}{c}"))
    };
    // Probed once per character, read by both sets.
    let joining: Vec<bool> = (0..0x10000u32)
        .map(|u| char::from_u32(u).is_some_and(joins))
        .collect();
    write_bmp_set("bmp-word-joining.bin", |c| joining[c as usize]);
    write_bmp_set("bmp-word-start.bin", |c| {
        joining[c as usize] && !one(&format!(" {c}"))
    });
}

/// Writes `bmp-alphabetic.bin` and `bmp-alphanumeric.bin`: one bit per
/// code point below U+10000, set when `char::is_alphabetic` (resp.
/// `char::is_alphanumeric`) holds. The build script is compiled by the
/// same compiler as the crate, so the sets follow the same Unicode version
/// as the standard library the crate calls; a test in `src/text/chars.rs`
/// checks every code point.
fn letter_sets() {
    write_bmp_set("bmp-alphabetic.bin", char::is_alphabetic);
    write_bmp_set("bmp-alphanumeric.bin", char::is_alphanumeric);
}

/// Writes OUT_DIR/`name`: one bit per code point below U+10000 (the
/// surrogates left clear), set where `test` holds; `src/text/chars.rs`
/// reads every such set the same way.
fn write_bmp_set(name: &str, test: impl Fn(char) -> bool) {
    let mut bits = vec![0u8; 0x10000 / 8];
    for c in (0..0x10000u32)
        .filter_map(char::from_u32)
        .filter(|&c| test(c))
    {
        let c = c as usize;
        bits[c / 8] |= 1 << (c % 8);
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join(name), bits).expect("OUT_DIR is writable");
}

/// The slots of a word form, as `src/matcher/inflect.rs` reads them.
const BASE: u64 = 1;
const S: u64 = 2;
const PAST: u64 = 4;
const PARTICIPLE: u64 = 8;
const ING: u64 = 16;

/// Writes `en-inflections.txt`, the table's rows sorted by lemma and part
/// of speech, and `en-inflections.fst`, a map with two kinds of keys:
/// `L` + lemma gives the byte offset of the lemma's first row (its verb
/// and noun rows follow each other), and `F` + form + NUL + `n` or `v` +
/// lemma gives the slots that form fills for that lemma (a bit set).
fn inflections() {
    let list = "data/en-inflections.txt";
    println!("cargo::rerun-if-changed={list}");
    let text = fs::read_to_string(list).expect("the inflection table is part of the source tree");
    let mut rows: Vec<Vec<&str>> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(',').collect())
        .filter(|f: &Vec<&str>| {
            matches!(
                (f.get(1).copied(), f.len()),
                (Some("verb"), 6) | (Some("noun"), 3)
            )
        })
        .collect();
    rows.sort_unstable_by(|a, b| (a[0], a[1]).cmp(&(b[0], b[1])));
    rows.dedup_by(|a, b| (a[0], a[1]) == (b[0], b[1]));
    let mut blob = String::with_capacity(text.len());
    let mut keys: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for row in &rows {
        let lemma = row[0];
        let offset = blob.len() as u64;
        keys.entry([b"L", lemma.as_bytes()].concat())
            .or_insert(offset);
        blob.push_str(&row.join(","));
        blob.push('\n');
        let (pos, slots): (u8, Vec<(usize, u64)>) = if row[1] == "verb" {
            // An empty past participle is the past.
            let past = if row[3].is_empty() {
                PAST | PARTICIPLE
            } else {
                PAST
            };
            (b'v', vec![(2, past), (3, PARTICIPLE), (4, ING), (5, S)])
        } else {
            (b'n', vec![(2, S)])
        };
        let mut add = |form: &str, slot: u64| {
            let key = [b"F", form.as_bytes(), b"\0", &[pos], lemma.as_bytes()].concat();
            *keys.entry(key).or_insert(0) |= slot;
        };
        add(lemma, BASE);
        for (field, slot) in slots {
            for form in row[field].split('/').filter(|f| !f.is_empty()) {
                add(form, slot);
            }
        }
    }
    let map = fst::Map::from_iter(keys).expect("sorted, unique keys");
    let dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dir.join("en-inflections.fst"), map.as_fst().as_bytes())
        .expect("OUT_DIR is writable");
    fs::write(dir.join("en-inflections.txt"), blob).expect("OUT_DIR is writable");
}
