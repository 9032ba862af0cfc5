//! Benchmarks of each stage on the seed article repeated to about 1 MB, with
//! the default glossary and with synthetic glossaries of 100 and 1,000
//! entries whose terms are word pairs and triples taken from the article
//! itself, half of them with a typo, so that candidates are everywhere.
//!
//! Run with `cargo bench`; divan reports time and bytes per second.

use divan::counter::BytesCount;
use mtlint::check::Checker;
use mtlint::glossary::Glossary;
use mtlint::matcher::{FuzzyIndex, GlossaryMatcher, MatchOptions};
use mtlint::report::{FindingsCsv, Report};
use mtlint::text::{Document, word_tokens};

fn main() {
    divan::main();
}

const ARTICLE: &str = include_str!("../fixtures/seed-article-nl-en.txt");

/// The article repeated to about 1 MB.
fn corpus() -> String {
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(ARTICLE);
        text.push_str("\n\n");
    }
    text
}

/// A glossary of `n` entries made from the article's word runs.
fn synthetic_glossary(n: usize) -> Glossary {
    let words: Vec<&str> = word_tokens(ARTICLE).iter().map(|t| t.text).collect();
    let mut csv = String::from("id,term,suggestion\n");
    let mut made = 0;
    let mut i = 0;
    while made < n {
        let len = 1 + (i % 3);
        let start = (i * 7919) % (words.len() - len);
        let mut term: Vec<String> = words[start..start + len]
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        if i % 2 == 1 {
            // A typo: swap two letters of the last word.
            let last = term.last_mut().expect("terms have words");
            let mut chars: Vec<char> = last.chars().collect();
            if chars.len() > 3 {
                chars.swap(1, 2);
                *last = chars.into_iter().collect();
            }
        }
        csv.push_str(&format!("s{i},\"{}\",fix\n", term.join(" ")));
        made += 1;
        i += 1;
    }
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    glossary.add_csv("bench.csv", None, csv.as_bytes(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    glossary
}

fn glossary(size: usize) -> Glossary {
    if size == 0 {
        Glossary::defaults().expect("default glossary")
    } else {
        synthetic_glossary(size)
    }
}

/// Glossary sizes: 0 stands for the default glossary.
const SIZES: [usize; 3] = [0, 100, 1000];

#[divan::bench]
fn tokenize(bencher: divan::Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| word_tokens(divan::black_box(&text)).len());
}

#[divan::bench(args = SIZES)]
fn compile_index(bencher: divan::Bencher, size: usize) {
    let glossary = glossary(size);
    bencher.bench(|| FuzzyIndex::new(divan::black_box(&glossary.entries), 0.85).len());
}

#[divan::bench(args = SIZES)]
fn match_glossary(bencher: divan::Bencher, size: usize) {
    let text = corpus();
    let index = FuzzyIndex::new(&glossary(size).entries, 0.85);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| index.find(divan::black_box(&text)).len());
}

#[divan::bench(args = SIZES)]
fn check_end_to_end(bencher: divan::Bencher, size: usize) {
    let doc = Document::new("bench.txt", corpus());
    let checker = Checker {
        glossary: GlossaryMatcher::new(&glossary(size), MatchOptions::default()),
        detectors: Vec::new(),
        weights: Default::default(),
        policy: Default::default(),
    };
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .bench(|| checker.check(divan::black_box(&doc)).findings.len());
}

#[divan::bench]
fn report_csv(bencher: divan::Bencher) {
    let doc = Document::new("bench.txt", corpus());
    let checker = Checker {
        glossary: GlossaryMatcher::new(&glossary(0), MatchOptions::default()),
        detectors: Vec::new(),
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
