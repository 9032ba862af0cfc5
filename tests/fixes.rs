//! Fixes that read right: the built-in glossary's suggestions take the
//! inflection and article the text needs, `fix --write` applies only the
//! certain ones, and every built-in entry's `fixed` sentence is what
//! applying the entry to its example gives.

mod common;

use std::fs;

use common::{run, scratch, stderr, stdout};
use mtlint::check::{Checker, Pick, apply_entry, apply_suggestions};
use mtlint::glossary::Glossary;
use mtlint::matcher::{GlossaryMatcher, MatchOptions};
use mtlint::text::Document;

/// The built-in glossary, with the entries that wait for a source term
/// (on bilingual input) firing too: these tests are about the wording of
/// the fix, not about when an entry fires.
fn checker() -> Checker {
    let glossary = Glossary::defaults().expect("the built-in glossaries load");
    let options = MatchOptions {
        ignore_source_terms: true,
        ..MatchOptions::default()
    };
    Checker {
        glossary: GlossaryMatcher::new(&glossary, options),
        detectors: Vec::new(),
        weights: Default::default(),
        policy: Default::default(),
    }
}

/// `text` with the built-in glossary's suggestions applied as `pick` says.
fn fixed(text: &str, pick: Pick) -> String {
    let doc = Document::new("t.txt", text);
    let (_, findings) = checker().findings(&doc);
    apply_suggestions(&doc, &findings, pick)
}

/// The suggestions of the one finding of rule `rule` in `text`.
fn suggestions(text: &str, rule: &str) -> Vec<String> {
    let doc = Document::new("t.txt", text);
    let (_, findings) = checker().findings(&doc);
    findings
        .into_iter()
        .find(|f| f.hit.rule.id == rule)
        .unwrap_or_else(|| panic!("{rule} does not fire on {text:?}"))
        .hit
        .suggestions
}

#[test]
fn third_person_turns_gives_uses() {
    assert_eq!(
        fixed(
            "Trump still regularly turns threatening language.",
            Pick::default()
        ),
        "Trump still regularly uses threatening language."
    );
}

#[test]
fn third_person_realizes_gives_conducts() {
    assert_eq!(
        fixed("Our company realizes a study on smog.", Pick::default()),
        "Our company conducts a study on smog."
    );
}

#[test]
fn participle_realised_gives_conducted() {
    let text = "We have realised a study on smog.";
    assert_eq!(
        suggestions(text, "glossary:es-realize-a-study"),
        ["conducted a study", "carried out a study"]
    );
    // The British spelling makes the match less sure than the default
    // takes: left for review, and applied at a lower threshold.
    assert_eq!(fixed(text, Pick::default()), text);
    assert_eq!(
        fixed(
            text,
            Pick::Certain {
                min_confidence: 0.85
            }
        ),
        "We have conducted a study on smog."
    );
}

#[test]
fn past_without_an_auxiliary_is_the_past() {
    assert_eq!(
        fixed("The company realized a study on smog.", Pick::default()),
        "The company conducted a study on smog."
    );
}

#[test]
fn irregular_participle_taken_is_kept() {
    assert_eq!(
        fixed("We have taken in account the risks.", Pick::default()),
        "We have taken into account the risks."
    );
}

#[test]
fn article_follows_the_suggestions_first_sound() {
    assert_eq!(
        fixed("He was a pronounced critic of the plan.", Pick::default()),
        "He was an outspoken critic of the plan."
    );
    assert_eq!(
        fixed("A pronounced critic spoke.", Pick::default()),
        "An outspoken critic spoke."
    );
    assert_eq!(
        fixed("There is a trajectory control on the A2.", Pick::First),
        "There is an average speed check on the A2."
    );
}

#[test]
fn proper_noun_keeps_the_glossarys_capitals() {
    assert_eq!(
        fixed(
            "Jobs grew, says the federal agency for work.",
            Pick::default()
        ),
        "Jobs grew, says the Federal Employment Agency."
    );
}

#[test]
fn a_capital_inside_a_sentence_is_not_passed_on() {
    assert_eq!(
        fixed("Sales reached 5 Mio euros.", Pick::First),
        "Sales reached 5 million euros."
    );
}

#[test]
fn alternatives_that_mean_different_things_wait_for_a_person() {
    let text = "They work under four eyes with their chef.";
    assert_eq!(fixed(text, Pick::default()), text);
    assert_eq!(
        fixed(text, Pick::First),
        "They work in private with their boss."
    );
    let text = "The party must draw consequences.";
    assert_eq!(fixed(text, Pick::default()), text);
}

#[test]
fn every_built_in_entry_has_a_fixed_sentence_that_its_fix_gives() {
    let glossary = Glossary::defaults().expect("the built-in glossaries load");
    let options = MatchOptions {
        ignore_source_terms: true,
        ..MatchOptions::default()
    };
    let mut wrong = Vec::new();
    for entry in &glossary.entries {
        let example = entry
            .example
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no example", entry.id));
        let want = entry
            .fixed
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no fixed sentence", entry.id));
        let alone = GlossaryMatcher::from_entries(vec![entry.clone()], options);
        let got = apply_entry(&Document::new("example", example), alone);
        if got != want {
            wrong.push(format!("{}: {got:?} != {want:?}", entry.id));
        }
        if !entry.suggestions.is_empty() {
            assert_ne!(want, example, "{}: the fix changes nothing", entry.id);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(glossary.entries.len() > 600);
}

#[test]
fn glossary_check_names_a_fixed_sentence_that_the_fix_does_not_give() {
    let dir = scratch(&[(
        "g.csv",
        b"id,term,suggestion,example,fixed\nmeet,meet a decision,make a decision,They meet a decision.,They take a decision.\n",
    )]);
    let o = run(dir.path(), &["glossary", "check", "g.csv"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("g.csv:2:") && err.contains("fixed") && err.contains("They make a decision."),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn fix_write_applies_the_certain_findings_and_reports_the_rest_then_settles() {
    let text = "He was a pronounced critic of the plan.\nThey met under four eyes.\n";
    let dir = scratch(&[("a.txt", text.as_bytes())]);
    let diff = run(dir.path(), &["fix", "a.txt"], None);
    let shown = stdout(&diff);
    assert!(
        shown.contains("+He was an outspoken critic of the plan.")
            && shown.contains("# Left for review in a.txt")
            && shown.contains("\"under four eyes\" -> \"in private\" | \"one-on-one\""),
        "{shown}"
    );
    let first = run(dir.path(), &["fix", "--write", "a.txt"], None);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let said = stderr(&first);
    assert!(
        said.contains("fixed 1 span in a.txt") && said.contains("left 1 finding for review"),
        "{said}"
    );
    let after = fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(
        after,
        "He was an outspoken critic of the plan.\nThey met under four eyes.\n"
    );
    let second = run(dir.path(), &["fix", "--write", "a.txt"], None);
    assert!(!stderr(&second).contains("fixed"), "{}", stderr(&second));
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), after);
    let first = run(
        dir.path(),
        &["fix", "--write", "--pick", "first", "a.txt"],
        None,
    );
    assert!(
        stderr(&first).contains("fixed 1 span"),
        "{}",
        stderr(&first)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "He was an outspoken critic of the plan.\nThey met in private.\n"
    );
}
