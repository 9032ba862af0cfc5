//! A rule switched off is not computed at all (the source-aware detector
//! skips its work), and that must never change what the rules left on
//! find: with any one rule off, or only one on, the findings are those of
//! the full run with the others' dropped, in the same order.

use std::path::PathBuf;

mod common;

use common::root;
use mtlint::input::{Columns, read_at_most};
use mtlint::matcher::bilingual::Bilingual;
use mtlint::matcher::heuristics::RuleSelection;
use mtlint::matcher::{Detector, Hit};
use mtlint::text::Document;

/// Every bilingual fixture: between them, findings of every source-aware
/// rule.
fn documents() -> Vec<Document> {
    let mut paths: Vec<PathBuf> = ["fixtures/bilingual", "fixtures/consistency"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).expect("the fixtures are there"))
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.extension().is_some_and(|x| x == "po" || x == "xlf"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| read_at_most(p, None, &Columns::default(), u64::MAX).expect("fixtures parse"))
        .collect()
}

fn full() -> Bilingual {
    Bilingual::new(Vec::new(), 0.85)
        .with_untranslated_units()
        .with_doubled_spaces()
}

fn hits(detector: &Bilingual, doc: &Document) -> Vec<Hit> {
    let mut out = Vec::new();
    detector.detect(doc, &mut out);
    out
}

#[test]
fn rules_left_on_find_the_same_whichever_are_off() {
    let docs = documents();
    let all: Vec<Vec<Hit>> = docs.iter().map(|d| hits(&full(), d)).collect();
    let ids: Vec<String> = full().rules().iter().map(|r| r.id.clone()).collect();
    let mut seen = 0;
    for id in &ids {
        let without = full().select(&RuleSelection {
            enable: Vec::new(),
            disable: vec![id.clone()],
        });
        let only = full().select(&RuleSelection {
            enable: Vec::new(),
            disable: ids.iter().filter(|other| *other != id).cloned().collect(),
        });
        for (doc, all) in docs.iter().zip(&all) {
            let expected: Vec<&Hit> = all.iter().filter(|h| &h.rule.id != id).collect();
            let got = hits(&without, doc);
            assert_eq!(
                got.iter().collect::<Vec<_>>(),
                expected,
                "{} without {id}",
                doc.path.display()
            );
            let expected: Vec<&Hit> = all.iter().filter(|h| &h.rule.id == id).collect();
            seen += expected.len();
            let got = hits(&only, doc);
            assert_eq!(
                got.iter().collect::<Vec<_>>(),
                expected,
                "{} with only {id}",
                doc.path.display()
            );
        }
    }
    assert!(seen > 50, "the fixtures have findings to compare: {seen}");
}
