//! The default rules measured on real text: quiet on clean human English
//! (the false-positive budget), and catching the annotated errors of the
//! seed article.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use common::root;
use mtlint::check::{Checked, Checker};
use mtlint::glossary::Glossary;
use mtlint::matcher::heuristics::{self, RuleSelection};
use mtlint::matcher::{GlossaryMatcher, MatchOptions};
use mtlint::text::{Document, Span};

/// The checker `mtlint check` builds without options.
fn default_checker() -> Checker {
    let glossary = Glossary::defaults().expect("the built-in glossaries load");
    Checker {
        glossary: GlossaryMatcher::new(&glossary, MatchOptions::default()),
        detectors: heuristics::selected(&RuleSelection::default()),
        weights: Default::default(),
        policy: Default::default(),
    }
}

fn check(checker: &Checker, path: &Path) -> (Document, Checked) {
    let doc = Document::read(path).expect("fixture files are readable UTF-8");
    let checked = checker.check(&doc);
    (doc, checked)
}

/// At most 2 findings per 10,000 words from all default rules together on
/// human-written English, and at most 1 per rule.
#[test]
fn default_rules_stay_within_the_false_positive_budget_on_clean_english() {
    let checker = default_checker();
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/clean"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() > 30, "the clean set is missing");
    let mut words = 0;
    let mut per_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in &files {
        let (doc, checked) = check(&checker, path);
        words += checked.summary.words;
        for f in &checked.findings {
            let (line, _) = doc.line_col(f.hit.span.start);
            per_rule
                .entry(f.hit.rule.id.clone())
                .or_default()
                .push(format!(
                    "{}:{line}: {:?}",
                    path.display(),
                    &doc.text[f.hit.span.range()]
                ));
        }
    }
    assert!(words > 40_000, "only {words} words of clean text");
    let rate = |n: usize| n as f64 * 10_000.0 / words as f64;
    let total: usize = per_rule.values().map(Vec::len).sum();
    assert!(
        rate(total) <= 2.0,
        "{total} findings in {words} words ({:.2} per 10,000): {per_rule:#?}",
        rate(total)
    );
    for (rule, found) in &per_rule {
        assert!(
            rate(found.len()) <= 1.0,
            "{rule}: {} findings in {words} words: {found:#?}",
            found.len()
        );
    }
}

/// At least 90% of the gold spans that a glossary or heuristic should catch
/// overlap a finding, and at most 2 findings overlap no gold span.
#[test]
fn seed_article_gold_is_covered() {
    let checker = default_checker();
    let (_, checked) = check(&checker, &root().join("fixtures/seed-article-nl-en.txt"));
    let mut reader =
        csv::Reader::from_path(root().join("fixtures/seed-article-nl-en.gold.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (start, end, expected, text) = (col("start"), col("end"), col("expected"), col("text"));
    let mut gold: Vec<(Span, bool, String)> = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let span = Span::new(row[start].parse().unwrap(), row[end].parse().unwrap());
        let catchable = matches!(&row[expected], "glossary" | "heuristic");
        gold.push((span, catchable, row[text].to_owned()));
    }
    let spans: Vec<Span> = checked.findings.iter().map(|f| f.hit.span).collect();
    let catchable: Vec<_> = gold.iter().filter(|g| g.1).collect();
    let missed: Vec<&str> = catchable
        .iter()
        .filter(|g| !spans.iter().any(|s| s.overlaps(&g.0)))
        .map(|g| g.2.as_str())
        .collect();
    let covered = catchable.len() - missed.len();
    assert!(
        covered * 10 >= catchable.len() * 9,
        "{covered} of {} gold spans covered; missed {missed:?}",
        catchable.len()
    );
    let stray: Vec<String> = checked
        .findings
        .iter()
        .filter(|f| !gold.iter().any(|g| g.0.overlaps(&f.hit.span)))
        .map(|f| format!("{} {:?}", f.hit.rule.id, f.hit.span))
        .collect();
    assert!(stray.len() <= 2, "findings outside the gold: {stray:?}");
}

/// Good English that looked like a glossary term or an artifact once:
/// each line must stay clean.
#[test]
fn good_english_near_the_glossary_terms_is_left_alone() {
    let checker = default_checker();
    let lines = [
        "Public support vs. opposition was measured again.",
        "It is a site of national importance.",
        "They give leaflets out at the station.",
        "They draw a balanced conclusion from the data.",
        "We meet measured expectations every year.",
        "They realized a study was needed.",
        "I realized a question remained.",
        "Now you can see the code in action.",
        "The release went out without embargo to the press.",
        "MRD testing is now routine.",
        "Popular classes such as yoga fill up quickly.",
        "The stars number in the thousands of millions.",
        "He had had enough, and that that was true nobody doubted.",
        "They met in The Hague, and Charles de Gaulle was there.",
        "A state-of-the-art, built-in, hands-on design.",
    ];
    for line in lines {
        let doc = Document::new("t.txt", line);
        let found: Vec<String> = checker
            .check(&doc)
            .findings
            .iter()
            .map(|f| format!("{} {:?}", f.hit.rule.id, &line[f.hit.span.range()]))
            .collect();
        assert!(found.is_empty(), "{line:?}: {found:?}");
    }
}
