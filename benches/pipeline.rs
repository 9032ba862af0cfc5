//! Benchmarks of each stage on `fixtures/clean/`: about 600 KB of
//! human-written English (news, TED talks, the Rust book, the Python
//! tutorial), the kind of prose mtlint checks, with its spread of common
//! and rare words; and glossaries of the built-in entries or of 100, 1,000
//! and 10,000 fuzzy entries made like `scripts/bench/make-glossaries.py`
//! makes its near phrases: word runs of the corpus with three letters of
//! their longest word replaced, so that their other words are candidates
//! everywhere while few windows match.
//!
//! Run with `cargo bench --bench pipeline`; divan reports time and bytes
//! per second. The whole-process comparison is `scripts/bench/compare.py`.

use divan::counter::BytesCount;
use mtlint::check::Checker;
use mtlint::glossary::Glossary;
use mtlint::matcher::{FuzzyIndex, GlossaryMatcher, MatchOptions};
use mtlint::report::{FindingsCsv, Report};
use mtlint::text::{Document, normalize_word, word_tokens};

fn main() {
    divan::main();
}

/// `fixtures/clean/*.txt`, concatenated in name order.
fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/clean")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 fixture"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A glossary of `n` near phrases of the corpus (0: the built-in ones).
fn glossary(n: usize) -> Glossary {
    if n == 0 {
        return Glossary::defaults().expect("built-in glossaries");
    }
    let text = corpus();
    let words: Vec<String> = word_tokens(&text)
        .iter()
        .filter(|t| t.text.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|t| t.text.to_ascii_lowercase())
        .collect();
    // A fixed linear congruential sequence: the same glossary every run.
    let mut state: u64 = 20261126;
    let mut next = |below: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % below
    };
    let mut seen = std::collections::HashSet::new();
    let mut csv = String::from("id,term\n");
    while seen.len() < n {
        let len = 2 + next(3);
        let start = next(words.len() - len);
        let mut run: Vec<String> = words[start..start + len].to_vec();
        let k = (0..len).max_by_key(|&i| run[i].len()).expect("words");
        if run[k].len() < 7 {
            continue;
        }
        let mut chars: Vec<char> = run[k].chars().collect();
        for _ in 0..3 {
            let i = next(chars.len());
            chars[i] = if chars[i] == 'z' { 'q' } else { 'z' };
        }
        run[k] = chars.into_iter().collect();
        let term = run.join(" ");
        if seen.insert(term.clone()) {
            csv.push_str(&format!("b{},{term}\n", seen.len()));
        }
    }
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    glossary.add_csv("bench.csv", None, csv.as_bytes(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    glossary
}

/// Glossary sizes: 0 stands for the built-in glossaries.
const SIZES: [usize; 4] = [0, 100, 1000, 10000];

#[divan::bench]
fn tokenize(bencher: divan::Bencher<'_, '_>) {
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| word_tokens(divan::black_box(&text)).len());
}

#[divan::bench(args = SIZES)]
fn compile_index(bencher: divan::Bencher<'_, '_>, size: usize) {
    let glossary = glossary(size);
    bencher.bench(|| FuzzyIndex::new(divan::black_box(&glossary.entries), 0.85).len());
}

/// The first sight of every distinct word of the corpus: one index lookup
/// (deletion keys, candidates, verification of each) per word.
#[divan::bench(args = SIZES)]
fn index_lookup(bencher: divan::Bencher<'_, '_>, size: usize) {
    let index = FuzzyIndex::new(&glossary(size).entries, 0.85);
    let text = corpus();
    let mut distinct: Vec<String> = word_tokens(&text)
        .iter()
        .map(|t| normalize_word(t.text).into_owned())
        .collect();
    distinct.sort();
    distinct.dedup();
    bencher
        .counter(divan::counter::ItemsCount::new(distinct.len()))
        .bench(|| {
            distinct
                .iter()
                .map(|w| index.candidates(divan::black_box(w)))
                .sum::<usize>()
        });
}

/// Matching with every word already looked up (the thread's word cache is
/// warm): tokenizing, one cache probe per word, and verifying the windows
/// that candidates open.
#[divan::bench(args = SIZES)]
fn match_and_verify(bencher: divan::Bencher<'_, '_>, size: usize) {
    let text = corpus();
    let index = FuzzyIndex::new(&glossary(size).entries, 0.85);
    index.find(&text);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| index.find(divan::black_box(&text)).len());
}

#[divan::bench(args = SIZES)]
fn check_end_to_end(bencher: divan::Bencher<'_, '_>, size: usize) {
    let doc = Document::new("bench.txt", corpus());
    let checker = Checker {
        glossary: GlossaryMatcher::new(&glossary(size), MatchOptions::default()),
        detectors: if size == 0 {
            mtlint::matcher::heuristics::selected(&Default::default())
        } else {
            Vec::new()
        },
        weights: Default::default(),
        policy: Default::default(),
    };
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .bench(|| checker.check(divan::black_box(&doc)).findings.len());
}

#[divan::bench]
fn report_csv(bencher: divan::Bencher<'_, '_>) {
    // The seed article repeated, for a report with many findings.
    let article = include_str!("../fixtures/seed-article-nl-en.txt");
    let doc = Document::new("bench.txt", article.repeat(200));
    let checker = Checker {
        glossary: GlossaryMatcher::new(&glossary(0), MatchOptions::default()),
        detectors: mtlint::matcher::heuristics::selected(&Default::default()),
        weights: Default::default(),
        policy: Default::default(),
    };
    let checked = checker.check(&doc);
    bencher.counter(BytesCount::of_str(&doc.text)).bench(|| {
        let mut report = FindingsCsv::new(Vec::with_capacity(1 << 16)).expect("in memory");
        report.document(&doc, &checked).expect("in memory");
        report.into_inner().expect("in memory").len()
    });
}
