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

/// The samples of the English fetched from the package registries
/// (`fixtures/clean/registry/`, made by scripts/corpus/make-samples.py), in
/// both layouts, hard-wrapped and one paragraph per line: all default rules
/// together at most 1 finding per 10,000 words, no genre over 2, no rule
/// over 0.5.
#[test]
fn default_rules_stay_within_budget_on_registry_english_in_both_layouts() {
    let checker = default_checker();
    for layout in ["wrapped", "lines"] {
        let dir = root().join("fixtures/clean/registry").join(layout);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(files.len() >= 3, "{layout}: the samples are missing");
        let (mut words, mut total) = (0, Vec::new());
        let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
        for path in &files {
            let (doc, checked) = check(&checker, path);
            let w = checked.summary.words;
            assert!(w > 15_000, "{}: only {w} words", path.display());
            let found: Vec<String> = checked
                .findings
                .iter()
                .map(|f| {
                    *per_rule.entry(f.hit.rule.id.clone()).or_default() += 1;
                    format!(
                        "{}:{}: {} {:?}",
                        path.display(),
                        doc.line_col(f.hit.span.start).0,
                        f.hit.rule.id,
                        &doc.text[f.hit.span.range()]
                    )
                })
                .collect();
            assert!(
                found.len() as f64 * 10_000.0 / w as f64 <= 2.0,
                "{layout}: over 2 per 10,000 words: {found:#?}"
            );
            words += w;
            total.extend(found);
        }
        let rate = |n: usize| n as f64 * 10_000.0 / words as f64;
        assert!(
            rate(total.len()) <= 1.0,
            "{layout}: {} findings in {words} words: {total:#?}",
            total.len()
        );
        for (rule, n) in &per_rule {
            assert!(rate(*n) <= 0.5, "{layout}: {rule}: {n} in {words} words");
        }
    }
}

/// Human-translated catalogs (Django's, one of Sphinx's and one of Wagtail's,
/// `fixtures/clean/registry/catalogs/`):
/// at most 10 of every 1,000 translated units get a finding from a
/// detector, in every target language; the English-target detectors do not
/// run on them at all.
#[test]
fn detectors_stay_quiet_on_human_translated_catalogs() {
    let detectors = heuristics::selected(&RuleSelection::default());
    let dir = root().join("fixtures/clean/registry/catalogs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "po"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "the catalogs are missing");
    for path in &files {
        let doc = mtlint::input::read(path, None, &Default::default()).expect("catalogs parse");
        assert!(
            doc.lang.target.is_some(),
            "{}: no Language header",
            path.display()
        );
        let mut hits = Vec::new();
        for d in &detectors {
            d.detect(&doc, &mut hits);
        }
        let translated: Vec<_> = doc.units.iter().filter(|u| !u.span.is_empty()).collect();
        assert!(translated.len() > 100, "{}: few units", path.display());
        let flagged = translated
            .iter()
            .filter(|u| hits.iter().any(|h| h.span.overlaps(&u.span)))
            .count();
        let english_only: Vec<&str> = hits
            .iter()
            .map(|h| h.rule.id.as_str())
            .filter(|id| {
                heuristics::all()
                    .iter()
                    .any(|x| x.info().id == *id && x.info().targets == heuristics::Targets::English)
            })
            .collect();
        assert!(
            english_only.is_empty(),
            "{}: {english_only:?}",
            path.display()
        );
        assert!(
            flagged * 1000 <= translated.len() * 10,
            "{}: {flagged} of {} translated units flagged: {:?}",
            path.display(),
            translated.len(),
            hits.iter()
                .map(|h| format!("{} {:?}", h.rule.id, &doc.text[h.span.range()]))
                .collect::<Vec<_>>()
        );
    }
}
