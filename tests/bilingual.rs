//! The source-aware rules on one fixture per syntax
//! (`fixtures/bilingual/`): each unit's id (PO `msgctxt`, XLIFF `id`) says
//! what it expects, `expect:ok …` no finding of these rules and
//! `expect:RULE …` a finding of `heuristic:RULE` on one of its lines.
//! Every finding's `text` is the file's bytes at its span.

use std::fs;

mod common;

use common::{root, run, stderr, stdout};

/// The rules these fixtures exercise (`doubled-space`, off by default,
/// switched on for them).
const RULES: [&str; 11] = [
    "heuristic:placeholder-mismatch",
    "heuristic:length-ratio",
    "heuristic:length-limit",
    "heuristic:tag-mismatch",
    "heuristic:url-mismatch",
    "heuristic:end-punctuation-mismatch",
    "heuristic:whitespace-mismatch",
    "heuristic:doubled-space",
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

/// Checks the JSON Lines report `out` of fixture `name` (text `text`)
/// against the expectation of each line's unit (`expect`, from
/// `expectations` or `key_expectations`): every span's `text` is its
/// bytes, a unit marked `ok` gets no finding of `RULES`, any other unit the
/// rule its marker names. Returns the units checked.
fn assert_units(name: &str, text: &str, expect: &[Option<String>], out: &str) -> usize {
    let mut flagged: Vec<(String, String)> = Vec::new();
    for line in out.lines() {
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
        flagged.push((expect[at].clone().unwrap_or_default(), rule.to_owned()));
    }
    let mut units: Vec<&String> = expect.iter().flatten().collect();
    units.dedup();
    for unit in &units {
        let rule = unit.split(' ').next().expect("a word");
        let found: Vec<&str> = flagged
            .iter()
            .filter(|(u, _)| u == *unit)
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
    units.len()
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
        let o = run(
            root(),
            &[
                "check",
                "-f",
                "jsonl",
                "--enable",
                "heuristic:doubled-space",
                &path,
            ],
            None,
        );
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{name}: {}",
            stderr(&o)
        );
        let text = fs::read_to_string(root().join(&path)).expect("fixture");
        assert_units(&name, &text, &expectations(&text), &stdout(&o));
    }
}

#[test]
fn doubled_spaces_are_reported_only_when_asked() {
    let path = "fixtures/bilingual/punctuation.po";
    let o = run(root(), &["check", "-f", "jsonl", path], None);
    assert!(!stdout(&o).contains("doubled-space"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("doubles a space"), "{}", stdout(&o));
    let o = run(
        root(),
        &[
            "check",
            "-f",
            "jsonl",
            "--enable",
            "heuristic:doubled-space",
            path,
        ],
        None,
    );
    let found: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .filter(|r: &serde_json::Value| r["rule"] == "heuristic:doubled-space")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["text"], "  ");
    assert_eq!(found[0]["severity"], "minor");
    assert_eq!(found[0]["suggestions"], serde_json::json!([" "]));
    // Each run of spaces is its own finding, and `fix` mends them all.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("fr.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgid \"Open the file now\"\nmsgstr \"Ouvrir  le   fichier.  Maintenant\"\n",
    )
    .expect("write");
    let enable = ["--enable", "heuristic:doubled-space"];
    let o = run(
        dir.path(),
        &[&["check", "-f", "jsonl"][..], &enable, &["fr.po"]].concat(),
        None,
    );
    let runs: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|r| r["rule"] == "heuristic:doubled-space")
        .map(|r| r["text"].as_str().expect("text").to_owned())
        .collect();
    assert_eq!(runs, ["  ", "   "], "{}", stderr(&o));
    let o = run(
        dir.path(),
        &[&["fix", "--write"][..], &enable, &["fr.po"]].concat(),
        None,
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let fixed = fs::read_to_string(dir.path().join("fr.po")).expect("read");
    assert!(
        fixed.contains("msgstr \"Ouvrir le fichier.  Maintenant\""),
        "{fixed}"
    );
    let o = run(root(), &["rules"], None);
    let listed = stdout(&o);
    let row = listed
        .lines()
        .find(|l| l.starts_with("heuristic:doubled-space"))
        .expect("listed");
    assert!(row.contains(" off "), "{row}");
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
fn the_json_report_lists_the_groups_with_their_units() {
    let dir = root().join("fixtures/consistency");
    let mut args = vec!["check", "-f", "json", "--fail-on", "never"];
    args.extend(CONSISTENCY);
    args.extend(["de", "fr"]);
    let o = run(&dir, &args, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        report["groups"],
        serde_json::json!([{
            "rule": "heuristic:inconsistent-translation",
            "lang": "?-de",
            "source": "Save",
            "variants": [
                {
                    "target": "Speichern",
                    "count": 2,
                    "units": [{ "file": "de/a.po", "line": 7 }, { "file": "de/c.po", "line": 7 }]
                },
                { "target": "Sichern", "count": 1, "units": [{ "file": "de/b.po", "line": 7 }] }
            ]
        }])
    );
    // With only `inconsistent-source` on, the sources translated two ways
    // are no group of the report; the key is there, so the check ran.
    let args = [
        "check",
        "-f",
        "json",
        "--fail-on",
        "never",
        "--enable",
        "heuristic:inconsistent-source",
        "de",
    ];
    let o = run(&dir, &args, None);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(report["groups"], serde_json::json!([]));
    // Off, the key is absent.
    let o = run(
        &dir,
        &["check", "-f", "json", "--fail-on", "never", "de"],
        None,
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(report.get("groups").is_none(), "{report}");
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

/// The key-value resource fixtures (`fixtures/formats/keyvalue/`), each
/// German target with its English source by the layout of its folders.
const KEYVALUE: [&str; 5] = [
    "i18next/de/app.json",
    "arb/app_de.arb",
    "android/values-de/strings.xml",
    "java/Messages_de.properties",
    "apple/de.lproj/Localizable.strings",
];

/// For each line of a key-value fixture, the expectation of the entry it
/// is in: the key's part before `__` (`ok`, or a rule with `_` for `-`)
/// of the last key at or before it.
fn key_expectations(text: &str) -> Vec<Option<String>> {
    let mut current = None;
    text.lines()
        .map(|line| {
            if let Some(at) = line.find("__") {
                let start = line[..at]
                    .rfind(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                    .map_or(0, |p| p + 1);
                current = Some(format!(
                    "{} {}",
                    line[start..at].replace('_', "-"),
                    line.trim()
                ));
            }
            current.clone()
        })
        .collect()
}

#[test]
fn key_value_resources_are_checked_against_their_source_by_key() {
    let dir = root().join("fixtures/formats/keyvalue");
    for name in KEYVALUE {
        let o = run(
            &dir,
            &["check", "-f", "jsonl", "--source-locale", "en", name],
            None,
        );
        assert!(matches!(o.status.code(), Some(1)), "{name}: {}", stderr(&o));
        let text = fs::read_to_string(dir.join(name)).expect("fixture");
        let expect = key_expectations(&text);
        let units = assert_units(name, &text, &expect, &stdout(&o));
        assert!(units >= 5, "{name}: {units} units");
        // Checked alone, a target has no source to compare with.
        let o = run(&dir, &["check", "-f", "jsonl", name], None);
        assert!(
            !stdout(&o).contains("placeholder-mismatch"),
            "{name}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn each_key_missing_from_the_target_is_a_finding_where_it_belongs() {
    let source = "{\n  \"title\": \"Title\",\n  \"menu\": {\n    \"open\": \"Open\",\n    \"save\": \"Save\"\n  },\n  \"quit\": \"Quit\"\n}\n";
    let target = "{\n  \"title\": \"Titel\",\n  \"menu\": {}\n}\n";
    let dir = common::scratch(&[
        ("locales/en.json", source.as_bytes()),
        ("locales/de.json", target.as_bytes()),
    ]);
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "jsonl",
            "--fail-on",
            "never",
            "--enable",
            "heuristic:untranslated-unit",
            "--source-locale",
            "en",
            "locales/de.json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found: Vec<(u64, u64, u64, String)> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|r| r["rule"] == "heuristic:untranslated-unit")
        .map(|r| {
            assert_eq!(r["start"], r["end"], "{r}");
            assert_eq!(r["text"], "", "{r}");
            (
                r["line"].as_u64().expect("line"),
                r["column"].as_u64().expect("column"),
                r["start"].as_u64().expect("start"),
                r["note"].as_str().expect("note").to_owned(),
            )
        })
        .collect();
    // Each key is its own finding, just after `"Titel`, the value of the
    // key before them in the source.
    let at = target.find("Titel").expect("value") + "Titel".len();
    let note = |key: &str, line: u32| {
        format!(
            "not translated yet: the key `{key}` of the source (locales/en.json:{line}) is missing from the target"
        )
    };
    assert_eq!(
        found,
        [
            (2, 18, at as u64, note("menu.open", 4)),
            (2, 18, at as u64, note("menu.save", 5)),
            (2, 18, at as u64, note("quit", 7)),
        ]
    );
}

#[test]
fn keys_missing_from_the_target_are_untranslated_work() {
    let dir = root().join("fixtures/formats/keyvalue");
    let o = run(
        &dir,
        &[
            "check",
            "-f",
            "csv",
            "--enable",
            "heuristic:untranslated-unit",
            "--source-locale",
            "en",
            "i18next/de/app.json",
            "java/Messages_de.properties",
            // A source among the files is checked alone, not against itself.
            "i18next/en/app.json",
        ],
        None,
    );
    assert_eq!(
        stdout(&o).matches("heuristic:untranslated-unit").count(),
        2,
        "{}",
        stdout(&o)
    );
    for line in stdout(&o).lines() {
        assert!(
            !line.starts_with("i18next/en/")
                || !(line.contains("untranslated") || RULES.iter().any(|r| line.contains(r))),
            "{line}"
        );
    }
    let o = run(
        &dir,
        &[
            "check",
            "--source-file",
            "apple/en.lproj/Localizable.strings",
            "apple/de.lproj/Localizable.strings",
        ],
        None,
    );
    assert!(
        stderr(&o).contains("1 unit not translated yet"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn key_value_sources_may_be_utf16_or_latin1_and_bad_ones_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |p: &str| dir.path().join(p);
    // Xcode writes UTF-16 with a byte order mark; Java 8 ISO-8859-1.
    let mut utf16 = vec![0xff, 0xfe];
    for u in "\"k\" = \"Caf\u{e9} %@.\";\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    fs::write(path("en.strings"), utf16).expect("write");
    fs::write(path("de.strings"), "\"k\" = \"Café.\";\n").expect("write");
    fs::write(path("en.properties"), b"k=Caf\xe9 {0}.\n").expect("write");
    fs::write(path("de.properties"), "k=Café.\n").expect("write");
    for (source, target) in [
        ("en.strings", "de.strings"),
        ("en.properties", "de.properties"),
    ] {
        let o = run(
            dir.path(),
            &["check", "-f", "csv", "--source-file", source, target],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{target}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("heuristic:placeholder-mismatch"),
            "{target}: {}",
            stdout(&o)
        );
    }
    // A broken source is an error naming its own line and column.
    fs::write(path("bad.properties"), "a=ok\nb=\\u12x4\n").expect("write");
    let o = run(
        dir.path(),
        &["check", "--source-file", "bad.properties", "de.properties"],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bad.properties:2:3: not valid properties: expected four hex digits"),
        "{err}"
    );
    // So is a broken target, and a missing source.
    fs::write(path("bad.strings"), "\"a\" = \"b\"\n").expect("write");
    let o = run(
        dir.path(),
        &["check", "--source-file", "de.strings", "bad.strings"],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bad.strings:2:1: not valid Apple strings: expected `;`"),
        "{}",
        stderr(&o)
    );
    let o = run(
        dir.path(),
        &["check", "--source-file", "none.strings", "de.strings"],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("none.strings: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_tag_note_quotes_the_target_tag_decoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let po = concat!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: hu\\n\"\n\n",
        "msgid \"\"\n\"Why not <a href=\\\"%(url)s\\\" \"\n\"rel=\\\"noreferrer\\\">create one</a>?\"\n",
        "msgstr \"\"\n\"Miért nem <a href=\\\"%(url)s\\\" \"\n\"rel=\\\"noopener\\\">hoz létre</a>?\"\n",
    );
    fs::write(dir.path().join("hu.po"), po).expect("write");
    let o = run(dir.path(), &["check", "-f", "jsonl", "hu.po"], None);
    let notes: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|r| r["rule"] == "heuristic:tag-mismatch")
        .map(|r| r["note"].as_str().expect("note").to_owned())
        .collect();
    assert_eq!(
        notes,
        [
            "the source has the tag `<a href=\"%(url)s\" rel=\"noreferrer\">` where the translation has `<a href=\"%(url)s\" rel=\"noopener\">`"
        ],
        "{}",
        stderr(&o)
    );
}

/// The committed samples of Django's human-translated catalogs
/// (`fixtures/clean/registry/catalogs/`, named by their language alone,
/// one per script family): the rules
/// on by default, the source-aware ones with the detectors, flag at most 2
/// of every 1,000 translated units in all of them together and at most 10
/// in any one (the full catalogs' rates are in the README).
#[test]
fn default_rules_stay_quiet_on_the_committed_human_catalogs() {
    let dir = root().join("fixtures/clean/registry/catalogs");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("catalogs")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "po")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().contains('-'))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 7, "the catalogs are missing");
    let (mut units, mut flagged_all) = (0, Vec::new());
    for path in &files {
        let doc = mtlint::input::read(path, None, &Default::default()).expect("catalogs parse");
        let translated: Vec<mtlint::text::Span> = doc
            .units
            .iter()
            .filter(|u| !u.span.is_empty())
            .map(|u| u.span)
            .collect();
        let name = path.to_string_lossy().into_owned();
        let o = run(root(), &["check", "-f", "jsonl", &name], None);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
        let mut flagged: Vec<usize> = Vec::new();
        for line in stdout(&o).lines() {
            let r: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let Some(start) = r["start"].as_u64() else {
                continue;
            };
            let end = r["end"].as_u64().expect("end") as usize;
            let span = mtlint::text::Span::new(start as usize, end.max(start as usize + 1));
            if let Some(i) = translated.iter().position(|u| u.overlaps(&span))
                && !flagged.contains(&i)
            {
                flagged.push(i);
                flagged_all.push(format!("{name}: {} {}", r["rule"], r["text"]));
            }
        }
        assert!(
            flagged.len() * 1000 <= translated.len() * 10,
            "{name}: {} of {} units flagged: {flagged_all:#?}",
            flagged.len(),
            translated.len()
        );
        units += translated.len();
    }
    assert!(units > 1_500, "only {units} units");
    assert!(
        flagged_all.len() * 1000 <= units * 2,
        "{} of {units} units flagged: {flagged_all:#?}",
        flagged_all.len()
    );
}
