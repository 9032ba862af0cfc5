//! One test per fixed bug, named after it, so that it stays fixed.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{root, run, scratch, stderr, stdout};

/// Paragraphs, one per line, with glossary hits and detector findings on
/// several of them.
const LINES: [&str; 4] = [
    "The support vs Ukraine speaks automatically.",
    "Comfort girls were remembered in Seoul.",
    "All was quiet that day, and nothing happened.",
    "He wanted to profile himself as a statesman .",
];

/// The same paragraphs as a text file (one per line) and as a JSON Lines
/// stream (one record per line, its id the line number).
fn text_and_stream(lines: &[&str]) -> tempfile::TempDir {
    let text = lines.join("\n") + "\n";
    let stream: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}\n", serde_json::json!({"id": i + 1, "text": l})))
        .collect();
    scratch(&[("a.txt", text.as_bytes()), ("a.jsonl", stream.as_bytes())])
}

/// `(paragraph, column, text, suggestion, rule, severity)` of each CSV row:
/// a text file's line is its paragraph, a stream's record id is.
fn paragraphs(csv_text: &str) -> Vec<(usize, String, String, String, String, String)> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            let r = r.expect("row");
            let paragraph = match r[0].split_once('#') {
                Some((_, id)) => {
                    assert_eq!(&r[1], "1", "a record's text is one line here");
                    id.parse().expect("record id")
                }
                None => r[1].parse().expect("line"),
            };
            (
                paragraph,
                r[2].to_owned(),
                r[5].to_owned(),
                r[6].to_owned(),
                r[7].to_owned(),
                r[9].to_owned(),
            )
        })
        .collect()
}

/// Runs `check` with `args` on the text file and on the stream.
fn both(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (Output, Output) {
    let with = |file: &str| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push(file);
        run(dir, &all, stdin)
    };
    (with("a.txt"), with("a.jsonl"))
}

fn assert_same_findings(text: &Output, stream: &Output) {
    assert_eq!(
        text.status.code(),
        stream.status.code(),
        "{}",
        stderr(stream)
    );
    let (t, s) = (paragraphs(&stdout(text)), paragraphs(&stdout(stream)));
    assert!(!t.is_empty(), "the text has findings");
    assert_eq!(t, s);
}

#[test]
fn stream_input_writes_csv_when_asked() {
    // `--input jsonl -f csv` printed JSON Lines.
    let dir = text_and_stream(&LINES);
    let (text, stream) = both(dir.path(), &["-f", "csv"], None);
    assert!(stdout(&stream).starts_with("file,line,column,"));
    assert_same_findings(&text, &stream);
}

#[test]
fn stream_input_writes_sarif_when_asked() {
    let dir = text_and_stream(&LINES);
    let (text, stream) = both(dir.path(), &["-f", "sarif"], None);
    let results = |o: &Output| {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("SARIF is JSON");
        v["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| (r["ruleId"].clone(), r["message"].clone()))
            .collect::<Vec<_>>()
    };
    assert!(!results(&text).is_empty());
    assert_eq!(results(&text), results(&stream));
}

#[test]
fn stream_input_writes_a_report_folder() {
    // `--input jsonl --report-dir` was refused.
    let dir = text_and_stream(&LINES);
    let (text, stream) = (
        run(dir.path(), &["check", "--report-dir", "t", "a.txt"], None),
        run(dir.path(), &["check", "--report-dir", "s", "a.jsonl"], None),
    );
    assert_eq!(
        text.status.code(),
        stream.status.code(),
        "{}",
        stderr(&stream)
    );
    let read = |d: &str| fs::read_to_string(dir.path().join(d).join("findings.csv")).expect("csv");
    assert_eq!(paragraphs(&read("t")), paragraphs(&read("s")));
    let summary = fs::read_to_string(dir.path().join("s/summary.csv")).expect("summary");
    assert_eq!(summary.lines().count(), 1 + LINES.len(), "a row per record");
}

#[test]
fn stream_input_honours_a_baseline() {
    // `--baseline` was ignored for JSONL input, and a missing one was not
    // an error.
    let dir = text_and_stream(&LINES);
    let (text, stream) = both(dir.path(), &["--baseline", "missing.json"], None);
    assert_eq!(text.status.code(), Some(2));
    assert_eq!(stream.status.code(), Some(2), "{}", stderr(&stream));
    for file in ["a.txt", "a.jsonl"] {
        let o = run(
            dir.path(),
            &["check", "--write-baseline", "b.json", file],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let o = run(
            dir.path(),
            &["check", "-f", "csv", "--baseline", "b.json", file],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(paragraphs(&stdout(&o)).is_empty(), "{file}: {}", stdout(&o));
    }
}

#[test]
fn stream_input_keeps_only_changed_lines() {
    // `--diff-base` was ignored for JSONL input. A record is a line of its
    // stream, so a diff that changes lines 2 and 4 keeps those paragraphs.
    let dir = text_and_stream(&LINES);
    let diff = |file: &str| {
        format!("--- a/{file}\n+++ b/{file}\n@@ -2 +2 @@\n-x\n+y\n@@ -4 +4 @@\n-x\n+y\n")
    };
    let text = run(
        dir.path(),
        &["check", "-f", "csv", "--diff-base", "-", "a.txt"],
        Some(diff("a.txt").as_bytes()),
    );
    let stream = run(
        dir.path(),
        &["check", "-f", "csv", "--diff-base", "-", "a.jsonl"],
        Some(diff("a.jsonl").as_bytes()),
    );
    assert_same_findings(&text, &stream);
    let kept: Vec<usize> = paragraphs(&stdout(&stream)).iter().map(|r| r.0).collect();
    assert!(kept.iter().all(|p| [2, 4].contains(p)), "{kept:?}");
}

#[test]
fn stream_input_honours_suppression_comments() {
    let mut lines = LINES;
    lines[1] = "<!-- mtlint-disable glossary:nl-comfort-girls --> Comfort girls were remembered.";
    let dir = text_and_stream(&lines);
    let (text, stream) = both(dir.path(), &["-f", "csv"], None);
    assert_same_findings(&text, &stream);
    assert!(
        !stdout(&stream).contains("comfort-girls"),
        "{}",
        stdout(&stream)
    );
}

#[test]
fn stream_input_honours_the_allowlist() {
    let dir = text_and_stream(&LINES);
    fs::write(dir.path().join("mtlint.toml"), "allow = [\"support vs\"]\n").expect("config");
    let (text, stream) = both(dir.path(), &["-f", "csv"], None);
    assert_same_findings(&text, &stream);
    assert!(
        !stdout(&stream).contains("support vs"),
        "{}",
        stdout(&stream)
    );
}

/// An XLIFF file whose glossary entry suggests text with `&` and quotes,
/// once in an escaped target and once in a CDATA section.
const XLIFF: &str = "<?xml version=\"1.0\"?>\n\
<xliff version=\"1.2\"><file source-language=\"nl\" target-language=\"en\" datatype=\"plaintext\" original=\"a\"><body>\n\
<trans-unit id=\"1\"><source>het lab</source><target>The research lab &amp; more.</target></trans-unit>\n\
<trans-unit id=\"2\"><source>het lab</source><target><![CDATA[The research lab & more.]]></target></trans-unit>\n\
</body></file></xliff>\n";

const LAB_GLOSSARY: &str =
    "id,term,suggestion,severity\nlab,research lab,\"R&D \"\"lab\"\"\",minor\n";

#[test]
fn reports_show_suggestions_unescaped() {
    // The JSON, CSV and human reports of an XLIFF file showed
    // `R&amp;D &quot;lab&quot;`.
    let dir = scratch(&[
        ("a.xlf", XLIFF.as_bytes()),
        ("g.csv", LAB_GLOSSARY.as_bytes()),
    ]);
    let args = |format: &str| {
        vec![
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "--fail-on",
            "never",
            "--max-penalty",
            "1e9",
            "-f",
            format,
        ]
        .into_iter()
        .map(str::to_owned)
        .chain(["a.xlf".to_owned()])
        .collect::<Vec<_>>()
    };
    for format in ["json", "csv", "human", "jsonl"] {
        let a = args(format);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = run(dir.path(), &a, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("R&D"), "{format}: {out}");
        assert!(
            !out.contains("R&amp;D") && !out.contains("&quot;lab"),
            "{format}: {out}"
        );
    }
    let o = run(
        dir.path(),
        &[
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "-f",
            "json",
            "a.xlf",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let results = &v["documents"][0]["results"];
    assert_eq!(results.as_array().map(Vec::len), Some(2));
    assert_eq!(results[0]["suggestions"][0], "R&D \"lab\"");
}

#[test]
fn fix_escapes_for_the_format_and_keeps_cdata() {
    // `fix` wrote escaped text into CDATA sections.
    let dir = scratch(&[
        ("a.xlf", XLIFF.as_bytes()),
        ("g.csv", LAB_GLOSSARY.as_bytes()),
    ]);
    let diff = run(
        dir.path(),
        &["fix", "--no-default-glossary", "-g", "g.csv", "a.xlf"],
        None,
    );
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "a.xlf",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = fs::read_to_string(dir.path().join("a.xlf")).expect("fixed");
    assert!(
        fixed.contains("<target>The R&amp;D &quot;lab&quot; &amp; more.</target>"),
        "{fixed}"
    );
    assert!(
        fixed.contains("<target><![CDATA[The R&D \"lab\" & more.]]></target>"),
        "{fixed}"
    );
    // The diff applies with git and gives what --write wrote.
    fs::write(dir.path().join("a.xlf"), XLIFF).expect("restore");
    fs::write(dir.path().join("fix.diff"), &diff.stdout).expect("diff");
    let git = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "--unsafe-paths", "fix.diff"])
        .output()
        .expect("git runs");
    assert!(
        git.status.success(),
        "{}",
        String::from_utf8_lossy(&git.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.xlf")).expect("applied"),
        fixed
    );
}

#[test]
fn a_cdata_suggestion_cannot_end_the_section() {
    let dir = scratch(&[
        ("a.xlf", XLIFF.as_bytes()),
        (
            "g.csv",
            b"id,term,suggestion,severity\nlab,research lab,lab ]]> x,minor\n",
        ),
    ]);
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "a.xlf",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = fs::read_to_string(dir.path().join("a.xlf")).expect("fixed");
    assert!(
        fixed.contains("<![CDATA[The lab ]]]]><![CDATA[> x & more.]]>"),
        "{fixed}"
    );
    let o = run(dir.path(), &["check", "a.xlf"], None);
    assert_ne!(o.status.code(), Some(2), "still XLIFF: {}", stderr(&o));
}

#[test]
fn diff_base_that_looks_like_an_option_is_refused() {
    // `--diff-base=--output=FILE` made git write FILE, and mtlint reported
    // nothing and exited 0.
    let dir = scratch(&[("a.txt", b"Comfort girls.\n")]);
    let o = run(
        dir.path(),
        &["check", "--diff-base=--output=written.txt", "a.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot start with `-`"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("written.txt").exists());
}

#[test]
fn the_article_through_the_library_matches_the_command_line() {
    // The scores were computed twice, once in the library and once in the
    // command line; the pipeline scores once, and both agree.
    let o = run(
        root(),
        &["check", "-f", "json", "fixtures/seed-article-nl-en.txt"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let glossary = mtlint::glossary::Glossary::defaults().expect("built-in glossaries");
    let checker = mtlint::check::Checker {
        glossary: mtlint::matcher::GlossaryMatcher::from_entries(
            glossary.entries,
            mtlint::matcher::MatchOptions::default(),
        ),
        detectors: mtlint::matcher::heuristics::selected(&Default::default()),
        weights: Default::default(),
        policy: Default::default(),
    };
    let text = fs::read_to_string(root().join("fixtures/seed-article-nl-en.txt")).expect("article");
    let checked = checker.check(&mtlint::text::Document::new("a.txt", text));
    let doc = &v["documents"][0];
    assert_eq!(doc["words"], checked.summary.words);
    assert_eq!(
        doc["minor"].as_u64().expect("minor") as usize,
        checked.summary.minor
    );
}

/// An XML parser's message quotes the closing tag it found, up to the next
/// `>`: a line break in it broke the error onto two lines.
#[test]
fn malformed_xml_errors_stay_one_line() {
    let xliff = "<xliff version=\"2.0\" srcLang=\"nl\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\">\
                 <segment><source>a</source3\n<target>b</target></segment></unit></file></xliff>";
    let doc = mtlint::text::Document::new("a.xlf", xliff);
    let err = mtlint::input::parse(doc, mtlint::input::InputFormat::Xliff, &Default::default())
        .expect_err("not well-formed");
    let shown = err.to_string();
    assert!(!shown.contains('\n'), "{shown}");
    assert!(shown.contains(r"source3\n<target"), "{shown}");
}
