//! The exact-matching yardstick of the benchmark: every term of a glossary
//! found case-insensitively as whole words with one Aho-Corasick automaton,
//! the way an exact glossary checker works. `scripts/bench/compare.py`
//! times mtlint's fuzzy matching against it.
//!
//! Usage: `cargo run --release --example exact_scan -- GLOSSARY.csv FILE...`
//! Prints the number of matches.

use std::process::ExitCode;

use aho_corasick::{AhoCorasick, MatchKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((glossary, files)) = args.split_first() else {
        eprintln!("usage: exact_scan GLOSSARY.csv FILE...");
        return ExitCode::from(2);
    };
    let mut reader = match csv::Reader::from_path(glossary) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{glossary}: {e}");
            return ExitCode::from(2);
        }
    };
    let term_column = reader
        .headers()
        .ok()
        .and_then(|h| h.iter().position(|c| c == "term"))
        .unwrap_or(0);
    let terms: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(term_column).map(str::to_owned))
        .filter(|t| !t.is_empty() && !t.contains('*'))
        .collect();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&terms)
        .expect("terms compile");
    let mut count = 0usize;
    for file in files {
        let text = match std::fs::read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::from(2);
            }
        };
        let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        for m in automaton.find_iter(&text) {
            let before = m.start().checked_sub(1).map(|i| text[i]);
            let after = text.get(m.end()).copied();
            if !before.is_some_and(word) && !after.is_some_and(word) {
                count += 1;
            }
        }
    }
    println!("{count}");
    ExitCode::SUCCESS
}
