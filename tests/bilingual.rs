//! The source-aware rules on one fixture per syntax
//! (`fixtures/bilingual/`): each unit's id (PO `msgctxt`, XLIFF `id`) says
//! what it expects, `expect:ok …` no finding of these rules and
//! `expect:RULE …` a finding of `heuristic:RULE` on one of its lines.
//! Every finding's `text` is the file's bytes at its span.

use std::fs;

mod common;

use common::{root, run, stderr, stdout};

/// The rules these fixtures exercise.
const RULES: [&str; 10] = [
    "heuristic:placeholder-mismatch",
    "heuristic:length-ratio",
    "heuristic:length-limit",
    "heuristic:tag-mismatch",
    "heuristic:url-mismatch",
    "heuristic:end-punctuation-mismatch",
    "heuristic:whitespace-mismatch",
    "heuristic:bracket-mismatch",
    "heuristic:number-mismatch",
    "heuristic:missing-segment",
];

/// For each line of `text` (0-based), the expectation of the unit it is
/// in: the last `expect:` marker at or before it.
fn expectations(text: &str) -> Vec<Option<String>> {
    let mut current = None;
    text.lines()
        .map(|line| {
            if let Some(at) = line.find("expect:") {
                let rest = &line[at + "expect:".len()..];
                let word = rest.split([' ', '"']).next().unwrap_or("");
                current = Some(format!("{word} {}", line.trim()));
            }
            current.clone()
        })
        .collect()
}

#[test]
fn every_syntax_has_its_positives_and_negatives() {
    let dir = root().join("fixtures/bilingual");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let path = format!("fixtures/bilingual/{name}");
        let o = run(root(), &["check", "-f", "jsonl", &path], None);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{name}: {}",
            stderr(&o)
        );
        let text = fs::read_to_string(root().join(&path)).expect("fixture");
        let expect = expectations(&text);
        let mut flagged: Vec<(String, String)> = Vec::new();
        for line in stdout(&o).lines() {
            let r: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let Some(rule) = r["rule"].as_str() else {
                continue;
            };
            let (start, end) = (
                r["start"].as_u64().expect("start") as usize,
                r["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                r["text"].as_str(),
                Some(&text[start..end]),
                "{name}: the span's bytes"
            );
            if !RULES.contains(&rule) {
                continue;
            }
            let at = r["line"].as_u64().expect("line") as usize - 1;
            let unit = expect[at].clone().unwrap_or_default();
            flagged.push((unit, rule.to_owned()));
        }
        let units: Vec<&String> = {
            let mut u: Vec<&String> = expect.iter().flatten().collect();
            u.dedup();
            u
        };
        for unit in units {
            let rule = unit.split(' ').next().expect("a word");
            let found: Vec<&str> = flagged
                .iter()
                .filter(|(u, _)| u == unit)
                .map(|(_, r)| r.as_str())
                .collect();
            if rule == "ok" {
                assert!(found.is_empty(), "{name}: {unit}: flagged {found:?}");
            } else {
                let want = format!("heuristic:{rule}");
                assert!(
                    found.contains(&want.as_str()),
                    "{name}: {unit}: expected {want}, found {found:?}"
                );
            }
        }
    }
}

#[test]
fn untranslated_units_are_reported_only_when_asked() {
    let path = "fixtures/bilingual/workflow.po";
    let o = run(root(), &["check", "-f", "csv", path], None);
    assert!(!stdout(&o).contains("untranslated-unit"), "{}", stdout(&o));
    let o = run(
        root(),
        &[
            "check",
            "-f",
            "csv",
            "--enable",
            "heuristic:untranslated-unit",
            path,
        ],
        None,
    );
    let out = stdout(&o);
    let o = run(root(), &["check", path], None);
    assert!(
        stderr(&o).contains(
            "1 unit not translated yet and 1 draft (fuzzy, needs review) were not checked"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        out.matches("heuristic:untranslated-unit").count(),
        2,
        "{out}{}",
        stderr(&o)
    );
}

/// The `heuristic:inconsistent-*` findings of a run: (file, line, note).
fn inconsistent(out: &str) -> Vec<(String, u64, String)> {
    out.lines()
        .filter_map(|line| {
            let r: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let rule = r["rule"].as_str().unwrap_or("");
            rule.starts_with("heuristic:inconsistent-").then(|| {
                (
                    r["file"].as_str().expect("file").to_owned(),
                    r["line"].as_u64().expect("line"),
                    r["note"].as_str().expect("note").to_owned(),
                )
            })
        })
        .collect()
}

/// The flags that switch the consistency rules on.
const CONSISTENCY: [&str; 4] = [
    "--enable",
    "heuristic:inconsistent-translation",
    "--enable",
    "heuristic:inconsistent-source",
];

#[test]
fn the_same_source_translated_two_ways_across_files() {
    // "Save" is "Speichern" in a.po and c.po, "Sichern" in b.po; "Open"
    // has two contexts, the plural forms are one per form, the fuzzy
    // entry is no translation yet and French is another language.
    let dir = root().join("fixtures/consistency");
    for jobs in ["1", "3"] {
        let mut args = vec!["check", "-f", "jsonl", "--fail-on", "never", "-j", jobs];
        args.extend(CONSISTENCY);
        args.extend(["de", "fr"]);
        let o = run(&dir, &args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let found = inconsistent(&stdout(&o));
        assert_eq!(found.len(), 1, "{found:?}");
        let (file, line, note) = &found[0];
        assert_eq!((file.as_str(), *line), ("de/b.po", 7));
        assert!(
            note.contains("`Save` is translated `Speichern` in 2 of 3 units"),
            "{note}"
        );
    }
    // The human summary lists the group.
    let mut args = vec!["check"];
    args.extend(CONSISTENCY);
    args.extend(["de", "fr"]);
    let o = run(&dir, &args, None);
    assert!(
        stderr(&o).contains(
            "across the run, 1 source is translated more than one way (heuristic:inconsistent-translation):\n  `Save` → `Speichern` ×2, `Sichern` ×1\n"
        ),
        "{}",
        stderr(&o)
    );
    // Standard input is read once, for the groups and for the check.
    let b = std::fs::read(dir.join("de/b.po")).expect("fixture");
    let mut args = vec!["check", "-f", "jsonl", "--input", "po"];
    args.extend(CONSISTENCY);
    args.extend(["de/a.po", "-", "de/c.po"]);
    let o = run(&dir, &args, Some(&b));
    let found = inconsistent(&stdout(&o));
    assert_eq!(found.len(), 1, "{found:?} {}", stderr(&o));
    assert_eq!((found[0].0.as_str(), found[0].1), ("-", 7));
    // Off by default: no pre-pass and no finding.
    let o = run(&dir, &["check", "-f", "jsonl", "de"], None);
    assert!(inconsistent(&stdout(&o)).is_empty());
}

#[test]
fn units_that_depart_from_their_group_are_flagged() {
    let path = "fixtures/consistency/units.xlf";
    let text = fs::read_to_string(root().join(path)).expect("fixture");
    let expect = expectations(&text);
    let mut args = vec!["check", "-f", "jsonl"];
    args.extend(CONSISTENCY);
    args.push(path);
    let o = run(root(), &args, None);
    let mut flagged: Vec<String> = Vec::new();
    for line in stdout(&o).lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let rule = r["rule"].as_str().unwrap_or("");
        if let Some(name) = rule.strip_prefix("heuristic:inconsistent-") {
            let at = r["line"].as_u64().expect("line") as usize - 1;
            let unit = expect[at].clone().expect("a unit");
            assert!(
                unit.starts_with(&format!("inconsistent-{name} ")),
                "{unit}: {rule}"
            );
            flagged.push(unit);
        }
    }
    let wanted = expect
        .iter()
        .flatten()
        .filter(|u| u.starts_with("inconsistent-"))
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(wanted.len(), 2);
    assert_eq!(flagged.len(), 2, "{flagged:?}");
}
