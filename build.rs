//! Compiles the English word lists (`data/en-words.txt`, the SCOWL lists,
//! and `data/en-words-extra.txt`, our additions) into a finite-state
//! set that the garbled-word detector reads straight from the binary: about
//! a third of the list's size, and no parsing at startup.

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
}
