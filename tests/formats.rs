//! Every input format, as users run mtlint on it: the seed article written
//! as Markdown, HTML, XLIFF 1.2 and 2.0, TMX, PO, TSV, JSON, SubRip and
//! WebVTT yields the same
//! findings as the plain text, at the right lines and columns of each file,
//! and `suggestions.diff` applies to each with `git apply`. Then the
//! source-aware checks, malformed files, and JSONL streams.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "fixtures/seed-article-nl-en.txt";
const FORMATS: [&str; 10] = [
    "seed-article-nl-en.md",
    "seed-article-nl-en.html",
    "seed-article-nl-en.xlf",
    "seed-article-nl-en.v2.xlf",
    "seed-article-nl-en.tmx",
    "seed-article-nl-en.po",
    "seed-article-nl-en.tsv",
    "seed-article-nl-en.json",
    "seed-article-nl-en.srt",
    "seed-article-nl-en.vtt",
];

mod common;

use common::{csv_rows, root, run, stderr, stdout};

fn mtlint(args: &[&str]) -> Output {
    run(root(), args, None)
}

/// `(line, column, start, end, text, suggestion, rule)` of each finding.
type Row = (usize, usize, usize, usize, String, String, String);

fn rows(csv_text: &str) -> Vec<Row> {
    csv_rows(csv_text)
        .into_iter()
        .map(|(l, c, s, e, text, suggestion, rule, _, _)| (l, c, s, e, text, suggestion, rule))
        .collect()
}

/// Line and column of `offset`, counted here independently of mtlint.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[test]
fn every_format_finds_the_seed_article_errors_where_they_are() {
    let plain = rows(&stdout(&mtlint(&["check", "-f", "csv", ARTICLE])));
    assert!(plain.len() >= 10, "the article has findings");
    let what = |rows: &[Row]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|r| (r.4.clone(), r.5.clone(), r.6.clone()))
            .collect()
    };
    for name in FORMATS {
        let path = format!("fixtures/formats/{name}");
        let o = mtlint(&["check", "-f", "csv", &path]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{name}: {}", stderr(&o));
        let found = rows(&stdout(&o));
        assert_eq!(what(&found), what(&plain), "{name}: the same findings");
        let text = fs::read_to_string(root().join(&path)).expect("fixture");
        for (line, column, start, end, flagged, _, _) in &found {
            assert_eq!(&text[*start..*end], flagged, "{name}: offsets");
            assert_eq!(
                line_col(&text, *start),
                (*line, *column),
                "{name}: {flagged}"
            );
        }
        // The findings as committed: lines and columns of each file
        // (`SNAPSHOTS=overwrite` rewrites them; then read the diff).
        snapbox::assert_data_eq!(
            o.stdout.clone(),
            snapbox::Data::read_from(
                &root().join(format!("fixtures/formats/expected/{name}.csv")),
                None
            )
            .raw()
        );
    }
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs")
}

#[test]
fn suggestions_diff_applies_to_every_format() {
    for name in FORMATS {
        let dir = tempfile::tempdir().expect("temp dir");
        let original = fs::read(root().join("fixtures/formats").join(name)).expect("fixture");
        fs::write(dir.path().join(name), &original).expect("copy");
        let o = run(dir.path(), &["check", "--report-dir", "out", name], None);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let applied = git(
            dir.path(),
            &["apply", "--whitespace=nowarn", "out/suggestions.diff"],
        );
        assert!(applied.status.success(), "{name}: {}", stderr(&applied));
        let fixed = fs::read_to_string(dir.path().join(name)).expect("patched");
        assert_ne!(
            fixed.as_bytes(),
            &original[..],
            "{name}: the patch changed it"
        );
        // Still a file of its format, with the suggestions in it.
        let o = run(
            dir.path(),
            &[
                "check",
                "-f",
                "csv",
                "--fail-on",
                "never",
                "--max-penalty",
                "1000000",
                name,
            ],
            None,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name} parses after the fix: {}",
            stderr(&o)
        );
        assert!(fixed.contains("Comfort women"), "{name}");
        assert!(!stdout(&o).contains("glossary:nl-comfort-girls"), "{name}");
    }
}

#[test]
fn suggestions_are_escaped_for_the_format() {
    let glossary = "id,term,suggestion\nrd,research and development,R&D \"lab\"\n";
    let cases: [(&str, &str, &str); 7] = [
        (
            "a.xlf",
            "<xliff version=\"1.2\"><file source-language=\"nl\" target-language=\"en\"><body><trans-unit id=\"1\"><source>O&amp;O</source><target>Our research and development grew.</target></trans-unit></body></file></xliff>\n",
            "R&amp;D &quot;lab&quot;",
        ),
        (
            "a.json",
            "{\"k\": {\"t\": \"Our research and development grew.\"}}\n",
            "R&D \\\"lab\\\"",
        ),
        (
            "a.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nOur research and development grew.\n",
            "R&D \"lab\"",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nOur research and development grew.\n",
            "R&amp;D \"lab\"",
        ),
        (
            "a.html",
            "<p>Our research and development grew.</p>\n",
            "R&amp;D &quot;lab&quot;",
        ),
        (
            "a.po",
            "msgid \"Onze O&O groeide.\"\nmsgstr \"Our research and development grew.\"\n",
            "R&D \\\"lab\\\"",
        ),
        (
            "a.csv",
            "source,target\nO&O,\"Our research and development grew.\"\n",
            "R&D \"\"lab\"\"",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("g.csv"), glossary).expect("glossary");
        fs::write(dir.path().join(name), text).expect("input");
        let o = run(
            dir.path(),
            &[
                "fix",
                "--write",
                "--no-default-glossary",
                "-g",
                "g.csv",
                name,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let fixed = fs::read_to_string(dir.path().join(name)).expect("fixed");
        assert!(
            fixed.contains(&format!("Our {expected} grew.")),
            "{name}: {fixed}"
        );
        let o = run(
            dir.path(),
            &["check", "--no-default-glossary", "-g", "g.csv", name],
            None,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name} still parses: {}",
            stderr(&o)
        );
    }
}

#[test]
fn source_term_entry_fires_only_where_the_source_says_it() {
    let glossary = "fixtures/formats/source-terms.csv";
    let xlf = "fixtures/formats/seed-article-nl-en.xlf";
    let o = mtlint(&["check", "-f", "csv", "-g", glossary, xlf]);
    let found = rows(&stdout(&o));
    let hit: Vec<&Row> = found
        .iter()
        .filter(|r| r.6 == "glossary:nl-toenadering-recovery")
        .collect();
    assert_eq!(hit.len(), 1, "{}", stdout(&o));
    assert_eq!(hit[0].4, "cautious recovery");
    assert_eq!(hit[0].5, "cautious rapprochement");
    // The same target text without the source word: silent.
    let text = fs::read_to_string(root().join(xlf)).expect("fixture");
    let without = text.replace("voorzichtige toenadering", "voorzichtig herstel");
    assert_ne!(text, without);
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.xlf"), without).expect("write");
    let g = root().join(glossary);
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "-g",
            g.to_str().expect("utf-8"),
            "a.xlf",
        ],
        None,
    );
    assert!(
        !stdout(&o).contains("nl-toenadering-recovery"),
        "{}",
        stdout(&o)
    );
    // And monolingual text never has a source: silent too.
    let o = mtlint(&["check", "-f", "csv", "-g", glossary, ARTICLE]);
    assert!(!stdout(&o).contains("nl-toenadering-recovery"));
}

#[test]
fn source_aware_checks_on_a_tsv() {
    let tsv = "id\tsource\ttarget\n\
               1\tHet kost 1.000,5 euro.\tIt costs 1.000,5 euros.\n\
               2\tGoede morgen iedereen\tGoede morgen iedereen\n\
               3\tDe troostmeisjes\t\n\
               4\tDe troostmeisjes van 1910\tThe comfort girls of 1910\n";
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.tsv"), tsv).expect("write");
    fs::write(
        dir.path().join("terms.csv"),
        "source,target\ntroostmeisjes,comfort women\n",
    )
    .expect("terms");
    fs::write(dir.path().join("none.csv"), "id,term\n").expect("glossary");
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--no-default-glossary",
            "-g",
            "none.csv",
            "--lang",
            "nl-en",
            "--terms",
            "terms.csv",
            "a.tsv",
        ],
        None,
    );
    let found = rows(&stdout(&o));
    let got: Vec<(usize, &str, &str, &str)> = found
        .iter()
        .map(|r| (r.0, r.4.as_str(), r.5.as_str(), r.6.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "1.000,5", "1,000.5", "heuristic:number-mismatch"),
            (
                3,
                "Goede morgen iedereen",
                "",
                "heuristic:untranslated-segment"
            ),
            (4, "", "", "heuristic:missing-segment"),
            (
                5,
                "The comfort girls of 1910",
                "",
                "heuristic:term-consistency"
            ),
        ],
        "{}",
        stderr(&o)
    );
}

/// Asserts exit 2 and an error line naming the file, line and column.
fn assert_malformed(name: &str, text: &str, needle: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(name), text).expect("write");
    fs::write(dir.path().join("good.txt"), "Comfort girls were there.\n").expect("write");
    let o = run(dir.path(), &["check", "-f", "csv", name, "good.txt"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{name}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(
        stdout(&o).contains("good.txt"),
        "the other file is still checked"
    );
}

#[test]
fn malformed_inputs_are_errors_naming_file_line_and_what_was_expected() {
    assert_malformed(
        "bad.xlf",
        "<xliff version=\"1.2\">\n<file>\n<trans-unit id=\"1\"><source>a</source>\n<target>b</source></trans-unit></file></xliff>\n",
        "bad.xlf:4:",
    );
    assert_malformed(
        "bad.tmx",
        "<tmx version=\"1.4\"><header srclang=\"nl\"/><body><tu>\n",
        "bad.tmx:2:1: not valid TMX: expected `</tu>`",
    );
    assert_malformed(
        "bad.po",
        "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\nmsgstr \"d\"\n",
        "bad.po:4:9: not valid PO: expected `\"` to close the string",
    );
    assert_malformed(
        "bad.csv",
        "source,translation\na,b\n",
        "bad.csv:1:1: not valid CSV: expected a target column `target`",
    );
    assert_malformed(
        "bad.json",
        "{\n  \"a\": \"b\",\n  \"c\" 1\n}\n",
        "bad.json:3:7: not valid JSON: expected `:` after the key",
    );
    assert_malformed(
        "bad.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:03 --> 00:00:04,000\nThere.\n",
        "bad.srt:6:1: not valid SubRip: expected a timing line",
    );
    assert_malformed(
        "bad.vtt",
        "00:01.000 --> 00:02.000\nHi.\n",
        "bad.vtt:1:1: not valid WebVTT: expected `WEBVTT` on the first line",
    );
    assert_malformed(
        "bad.tsv",
        "source\ttarget\na\tb\nc\n",
        "bad.tsv:3:1: not valid TSV: expected at least 2 fields",
    );
}

#[test]
fn input_flag_overrides_the_extension_and_columns_are_chosen() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("export.txt"),
        "nl;en\nx;y\n".replace(';', "\t") + "Troostmeisjes\tComfort girls\n",
    )
    .expect("write");
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--input",
            "tsv",
            "--source-column",
            "nl",
            "--target-column",
            "2",
            "export.txt",
        ],
        None,
    );
    let found = rows(&stdout(&o));
    assert_eq!(found.len(), 1, "{}", stderr(&o));
    assert_eq!(
        (found[0].0, found[0].1, found[0].4.as_str()),
        (3, 15, "Comfort girls")
    );
    let o = run(
        dir.path(),
        &[
            "check",
            "--input",
            "tsv",
            "--source-column",
            "fr",
            "--target-column",
            "en",
            "export.txt",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected a source column `fr`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folders_are_walked_for_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in FORMATS {
        fs::copy(
            root().join("fixtures/formats").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let o = run(dir.path(), &["check", "-f", "csv", "."], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let files: std::collections::BTreeSet<String> = csv::Reader::from_reader(o.stdout.as_slice())
        .records()
        .map(|r| r.expect("row")[0].to_owned())
        .collect();
    // Tables and JSON files are checked when named, not found in a folder.
    let named_only = |n: &str| n.ends_with(".tsv") || n.ends_with(".json");
    let tables = FORMATS.iter().filter(|n| named_only(n)).count();
    assert_eq!(files.len(), FORMATS.len() - tables, "{files:?}");
    assert!(files.iter().all(|f| !named_only(f)), "{files:?}");
}

#[test]
fn jsonl_streams_records_to_findings_with_their_ids() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Comfort girls were there.\"}\n",
        "\n",
        "{\"id\": 2, \"text\": \"It costs 1.000,5 euros.\", \"source\": \"Het kost 1.000,5 euro.\", \"lang\": \"nl-en\"}\n",
        "{\"id\": \"c\", \"text\": \"All fine here.\"}\n",
        "{\"id\": \"d\", \"txt\": \"typo\"}\n",
        "{\"id\": \"e\", \"text\": \"support vs\"}\n",
    );
    let o = run(
        root(),
        &["check", "--input", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2), "a bad record: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("-:5:"), "{err}");
    assert!(err.contains("not a valid JSONL record"), "{err}");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let got: Vec<(String, String, String)> = lines
        .iter()
        .map(|v| {
            (
                v["id"].to_string(),
                v["rule"].as_str().unwrap_or("").to_owned(),
                v["text"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "\"a\"".to_owned(),
                "glossary:nl-comfort-girls".to_owned(),
                "Comfort girls".to_owned()
            ),
            (
                "2".to_owned(),
                "heuristic:number-mismatch".to_owned(),
                "1.000,5".to_owned()
            ),
            (
                "\"e\"".to_owned(),
                "glossary:nl-support-vs".to_owned(),
                "support vs".to_owned()
            ),
        ]
    );
    // One schema with `-f jsonl`: the alternatives as an array, and the
    // record's id and line beside the file.
    assert_eq!(lines[1]["suggestions"], serde_json::json!(["1,000.5"]));
    assert_eq!(lines[1]["version"], 2);
    assert_eq!(lines[1]["record_line"], 3);
    assert_eq!(lines[1]["file"], "-#2");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["column"], 1);
}

#[test]
fn numbers_are_read_across_references() {
    let xlf = "<xliff version=\"2.0\" srcLang=\"fr\" trgLang=\"en\"><file id=\"f\">\n\
        <unit id=\"1\"><segment><source>Il co\u{fb}te 1&#160;000,5 euros.</source><target>It costs 1,000.5 euros.</target></segment></unit>\n\
        <unit id=\"2\"><segment><source>Il co\u{fb}te 1&#160;000 euros.</source><target>It costs 1&#160;000 euros.</target></segment></unit>\n\
        <unit id=\"3\"><segment><source>Il co\u{fb}te 2&#160;000 euros.</source><target>It costs 2&#160;500 euros.</target></segment></unit>\n\
        </file></xliff>\n";
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.xlf"), xlf).expect("input");
    let o = run(dir.path(), &["check", "-f", "csv", "a.xlf"], None);
    let found = rows(&stdout(&o));
    let got: Vec<(usize, &str, &str)> = found
        .iter()
        .map(|r| (r.0, r.4.as_str(), r.6.as_str()))
        .collect();
    assert_eq!(
        got,
        [(4, "2&#160;500", "heuristic:number-mismatch")],
        "{}",
        stderr(&o)
    );
}

#[test]
fn terms_are_matched_across_references_escapes_and_po_line_wraps() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "a.json",
            "{\"@x\": \"support vs\", \"x\": \"Now that support\\u0020vs is gone.\"}\n",
            "support\\u0020vs",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nNow that support&#32;vs is gone.\n",
            "support&#32;vs",
        ),
        (
            "a.xlf",
            "<xliff version=\"1.2\"><file source-language=\"nl\" target-language=\"en\"><body><trans-unit id=\"1\"><source>steun VS</source>\n<target>Now that support&#160;vs is gone.</target></trans-unit></body></file></xliff>\n",
            "support&#160;vs",
        ),
        (
            "a.html",
            "<p>Now that support&nbsp;vs is gone.</p>\n",
            "support&nbsp;vs",
        ),
        (
            "a.po",
            "msgid \"steun VS\"\nmsgstr \"\"\n\"Now that support \"\n\"vs is gone.\"\n",
            "support \"\n\"vs",
        ),
        (
            "a.md",
            "Now that support&#32;vs is gone.\n",
            "support&#32;vs",
        ),
    ];
    for (name, text, flagged) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join(name), text).expect("input");
        let o = run(dir.path(), &["check", "-f", "csv", name], None);
        let found = rows(&stdout(&o));
        assert_eq!(found.len(), 1, "{name}: {}", stdout(&o));
        assert_eq!(found[0].4, flagged, "{name}");
        assert_eq!(found[0].5, "US support", "{name}");
        let o = run(dir.path(), &["check", "--report-dir", "out", name], None);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let applied = git(dir.path(), &["apply", "out/suggestions.diff"]);
        assert!(applied.status.success(), "{name}: {}", stderr(&applied));
        let fixed = fs::read_to_string(dir.path().join(name)).expect("fixed");
        assert!(
            fixed.contains("Now that US support is gone."),
            "{name}: {fixed}"
        );
        let o = run(dir.path(), &["check", name], None);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
    }
}
