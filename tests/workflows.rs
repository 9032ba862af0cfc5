//! The CI and review workflows: machine-readable formats checked against
//! their contracts (SARIF against the official schema, JSON and JSONL
//! against the CSV), GitHub escaping, mtlint.toml, suppression comments,
//! the allowlist, baselines and `--diff-base`.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use mtlint::report::{JsonLine, JsonReport};

const ARTICLE: &str = "fixtures/seed-article-nl-en.txt";
const SUPPRESSIONS: &str = "fixtures/workflows/suppressions.md";
const CONFIG: &str = "fixtures/workflows/mtlint.toml";

mod common;

use common::{Row, csv_rows, root, run, scratch, stderr, stdout};

fn mtlint_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    run(dir, args, Some(stdin))
}

fn mtlint(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, Some(b""))
}

fn rows_of(findings: impl Iterator<Item = mtlint::report::JsonFinding>) -> Vec<Row> {
    findings
        .map(|f| {
            (
                f.line,
                f.column,
                f.start,
                f.end,
                f.text,
                f.suggestions.join("|"),
                f.rule,
                f.confidence,
                f.score,
            )
        })
        .collect()
}

#[test]
fn json_and_jsonl_parse_back_to_the_csv_findings() {
    let csv = mtlint(root(), &["check", "-f", "csv", ARTICLE, SUPPRESSIONS]);
    let expected = csv_rows(&stdout(&csv));
    assert!(expected.len() > 15, "both files have findings");

    let json = mtlint(root(), &["check", "-f", "json", ARTICLE, SUPPRESSIONS]);
    assert_eq!(json.status.code(), csv.status.code());
    let report: JsonReport = serde_json::from_str(&stdout(&json)).expect("json parses");
    assert_eq!(report.version, mtlint::report::JSON_VERSION);
    assert_eq!(report.documents.len(), 2);
    assert_eq!(report.totals.findings, expected.len());
    assert_eq!(
        report.totals.documents,
        report.totals.passed + report.totals.failed
    );
    let found = rows_of(report.documents.into_iter().flat_map(|d| d.results));
    assert_eq!(found, expected);

    let jsonl = mtlint(root(), &["check", "-f", "jsonl", ARTICLE, SUPPRESSIONS]);
    let lines: Vec<JsonLine> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line parses alone"))
        .collect();
    assert!(
        lines
            .iter()
            .all(|l| l.version == mtlint::report::JSON_VERSION)
    );
    assert_eq!(rows_of(lines.into_iter().map(|l| l.finding)), expected);
}

const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn escape_stray_bracket(value: &mut serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(s) if s == STRAY => {
            *s = STRAY.replace("]?", "\\]?");
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema parses");
    // The official schema's `language` patterns have a stray `]`, which
    // ECMAScript reads as a literal and the validator's regex check
    // rejects; escaping it keeps the meaning (mtlint never writes
    // `language`). The file on disk stays as published.
    let fixed = escape_stray_bracket(&mut schema);
    assert_eq!(fixed, 2, "run.language and toolComponent.language");
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");
    log
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    // The schema is strict enough to catch a wrong property.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]})));

    let committed = fs::read_to_string(root().join("reports/seed-article-nl-en/findings.sarif"))
        .expect("committed SARIF");
    let log = assert_valid_sarif(&validator, &committed);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    // The rules that fired, each once, and no other.
    let fired: std::collections::BTreeSet<&str> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    let listed: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(listed.len(), fired.len(), "each rule once: {listed:?}");
    assert_eq!(
        listed
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        fired
    );
    assert!(
        rules.iter().any(|r| r["id"] == "heuristic:truncated-text"),
        "detectors that fired are listed"
    );
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 21);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["note", "warning", "error"].contains(&r["level"].as_str().expect("level")));
        // Findings with a suggestion carry it as a fix; detectors that
        // only flag (truncated text, garbled words) have none.
        if r["ruleId"]
            .as_str()
            .is_some_and(|id| id.starts_with("glossary:"))
        {
            assert!(!r["fixes"].as_array().expect("fixes").is_empty());
        }
    }

    // Odd file names, unused suppressions (a rule not listed up front) and
    // non-ASCII text stay valid.
    let dir = scratch(&[(
        "dir with space/é%,:.md",
        b"<!-- mtlint-disable-next-line glossary:nl-comfort-girls -->\nNothing here.\n\xc3\xa9 The comfort girls.\n",
    )]);
    let o = mtlint(
        dir.path(),
        &[
            "check",
            "-f",
            "sarif",
            "--report-unused-suppressions",
            "--disable",
            "heuristic:midsentence-capital",
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let log = assert_valid_sarif(&validator, &stdout(&o));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "mtlint:unused-suppression");
    let location = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "dir%20with%20space/%C3%A9%25%2C%3A.md"
    );
    assert_eq!(
        location["region"]["startColumn"], 7,
        "columns count code points: é is one"
    );
    assert_eq!(
        location["region"]["byteOffset"],
        74 + 7,
        "bytes count bytes"
    );
}

#[test]
fn github_escapes_file_names_and_messages() {
    let glossary = "term,suggestion,severity,note\n\
                    comfort girls,comfort women,major,\"50% wrong, see: the note\nsecond line\"\n\
                    support vs,US support,critical,\n";
    let name = "a,b:c%d\ne.txt";
    let dir = scratch(&[
        (name, b"The comfort girls.\r\nThe support vs China.\n"),
        ("g.csv", glossary.as_bytes()),
    ]);
    let o = mtlint(
        dir.path(),
        &[
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "-f",
            "github",
            "--fail-on",
            "critical",
            name,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            // A line end from the input is shown as `\n`, as in the
            // human output; only the break before the note is the
            // format's own (`%0A%0A`).
            "::error file=a%2Cb%3Ac%25d\\ne.txt,line=1,col=5,endLine=1,endColumn=18,\
             title=mtlint glossary%3Acomfort-girls (major mistranslation)::\
             \"comfort girls\" → \"comfort women\"%0A%0A50%25 wrong, see: the note\\nsecond line",
            "::error file=a%2Cb%3Ac%25d\\ne.txt,line=2,col=5,endLine=2,endColumn=15,\
             title=mtlint glossary%3Asupport-vs (critical mistranslation)::\"support vs\" → \"US support\"",
        ]
    );
}

#[test]
fn suppression_comments_on_a_fixture() {
    let o = mtlint(root(), &["check", "--no-config", "-f", "csv", SUPPRESSIONS]);
    let rows = csv_rows(&stdout(&o));
    let found: Vec<(usize, &str)> = rows.iter().map(|r| (r.0, r.6.as_str())).collect();
    assert_eq!(
        found,
        [
            (3, "glossary:nl-comfort-girls"),
            (11, "glossary:nl-support-vs"),
            (16, "glossary:nl-pronounced-critic"),
            (16, "glossary:nl-real-payment-fund"),
        ],
        "line 6 is in a disabled region, line 10 follows disable-next-line, \
         and the comments' own rule ids are not flagged"
    );

    let o = mtlint(
        root(),
        &[
            "check",
            "--no-config",
            "-f",
            "csv",
            "--report-unused-suppressions",
            SUPPRESSIONS,
        ],
    );
    let rows = csv_rows(&stdout(&o));
    let unused: Vec<(usize, &str)> = rows
        .iter()
        .filter(|r| r.6 == "mtlint:unused-suppression")
        .map(|r| (r.0, r.4.as_str()))
        .collect();
    assert_eq!(
        unused,
        [(
            13,
            "<!-- mtlint-disable-next-line glossary:nl-pronounced-critic -->"
        )]
    );
}

#[test]
fn allowlist_in_the_config_silences_wordings() {
    let o = mtlint(
        root(),
        &["check", "--config", CONFIG, "-f", "csv", SUPPRESSIONS],
    );
    let rules: Vec<String> = csv_rows(&stdout(&o)).into_iter().map(|r| r.6).collect();
    assert!(
        !rules.contains(&"glossary:nl-real-payment-fund".to_owned()),
        "the global allowlist: {rules:?}"
    );
    assert!(rules.contains(&"glossary:nl-pronounced-critic".to_owned()));

    // A per-rule entry silences that rule only.
    let dir = scratch(&[
        (
            "mtlint.toml",
            b"[allow-rule]\n\"glossary:nl-pronounced-critic\" = [\"Pronounced critic\"]\n",
        ),
        ("t.txt", b"A pronounced critic. The comfort girls.\n"),
    ]);
    let o = mtlint(dir.path(), &["check", "-f", "csv", "t.txt"]);
    let rules: Vec<String> = csv_rows(&stdout(&o)).into_iter().map(|r| r.6).collect();
    assert_eq!(rules, ["glossary:nl-comfort-girls"]);
}

#[test]
fn fix_leaves_suppressed_and_allowed_spans_alone() {
    let dir = scratch(&[
        ("mtlint.toml", b"allow = [\"pronounced critic\"]\n"),
        (
            "t.md",
            b"A pronounced critic.\n<!-- mtlint-disable-next-line -->\nThe comfort girls.\nThe comfort girls.\n",
        ),
    ]);
    let o = mtlint(dir.path(), &["fix", "--write", "t.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("t.md")).expect("read"),
        "A pronounced critic.\n<!-- mtlint-disable-next-line -->\nThe comfort girls.\nThe comfort women.\n"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

/// The article with a new first paragraph and a new finding on line 3.
fn edited_article() -> String {
    let article = fs::read_to_string(root().join(ARTICLE)).expect("article");
    format!("A new opening paragraph.\n\nHe is a pronounced critic of the plan.\n{article}")
}

#[test]
fn baseline_survives_an_edit_above_the_finding() {
    let article = fs::read(root().join(ARTICLE)).expect("article");
    let dir = scratch(&[("docs/a.txt", &article)]);
    let o = mtlint(
        dir.path(),
        &[
            "check",
            "--write-baseline",
            "baseline.json",
            "-f",
            "csv",
            "docs",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let baseline = fs::read_to_string(dir.path().join("baseline.json")).expect("written");
    assert!(baseline.contains("\"file\": \"docs/a.txt\""), "{baseline}");
    assert_eq!(baseline.matches("\"count\": 1").count(), 21);

    let o = mtlint(
        dir.path(),
        &["check", "--baseline", "baseline.json", "-f", "csv", "docs"],
    );
    assert_eq!(o.status.code(), Some(0), "nothing new: {}", stdout(&o));
    assert!(csv_rows(&stdout(&o)).is_empty());

    fs::write(dir.path().join("docs/a.txt"), edited_article()).expect("edit");
    let o = mtlint(
        dir.path(),
        &["check", "--baseline", "baseline.json", "-f", "csv", "docs"],
    );
    let rows = csv_rows(&stdout(&o));
    let found: Vec<(usize, &str)> = rows.iter().map(|r| (r.0, r.4.as_str())).collect();
    assert_eq!(
        found,
        [(3, "a pronounced critic")],
        "only the new finding; the old ones moved down three lines and stay known"
    );

    fs::write(
        dir.path().join("baseline.json"),
        "{\"version\": 7, \"findings\": []}",
    )
    .expect("write");
    let o = mtlint(
        dir.path(),
        &["check", "--baseline", "baseline.json", "docs"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("baseline.json: version 7 is not 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_base_reports_only_changed_lines() {
    let article = fs::read(root().join(ARTICLE)).expect("article");
    let dir = scratch(&[
        ("docs/a.txt", &article),
        ("docs/b.txt", b"The comfort girls.\n"),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    fs::write(dir.path().join("docs/a.txt"), edited_article()).expect("edit");

    let o = mtlint(
        dir.path(),
        &["check", "--diff-base", "HEAD", "-f", "csv", "docs"],
    );
    let rows = csv_rows(&stdout(&o));
    let found: Vec<(usize, &str)> = rows.iter().map(|r| (r.0, r.4.as_str())).collect();
    assert_eq!(found, [(3, "a pronounced critic")], "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0), "a minor finding passes");

    // From a subfolder, paths still map onto the diff's.
    let o = mtlint(
        &dir.path().join("docs"),
        &["check", "--diff-base", "HEAD", "-f", "csv", "."],
    );
    assert_eq!(csv_rows(&stdout(&o)).len(), 1, "{}", stderr(&o));

    // The same diff on standard input.
    let diff = Command::new("git")
        .current_dir(dir.path())
        .args(["diff", "-U0", "HEAD"])
        .output()
        .expect("git diff");
    let o = mtlint_with_stdin(
        dir.path(),
        &["check", "--diff-base", "-", "-f", "csv", "docs"],
        &diff.stdout,
    );
    let rows = csv_rows(&stdout(&o));
    assert_eq!(rows.len(), 1, "{}", stderr(&o));
    assert_eq!(rows[0].4, "a pronounced critic");

    let o = mtlint(dir.path(), &["check", "--diff-base", "no-such-rev", "docs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("mtlint: error: --diff-base no-such-rev: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn config_is_found_upwards_and_flags_win() {
    let dir = scratch(&[
        (
            "mtlint.toml",
            b"fail-on = \"never\"\nmax-penalty = 100000\nglossaries = [\"terms/g.csv\"]\ndefault-glossary = false\n",
        ),
        ("terms/g.csv", b"term,suggestion,severity\nbad phrase,good phrase,critical\n"),
        ("sub/t.txt", b"A bad phrase and the comfort girls.\n"),
    ]);
    let sub = dir.path().join("sub");
    let o = mtlint(&sub, &["check", "-f", "csv", "t.txt"]);
    assert_eq!(o.status.code(), Some(0), "fail-on never: {}", stderr(&o));
    let rules: Vec<String> = csv_rows(&stdout(&o)).into_iter().map(|r| r.6).collect();
    assert_eq!(
        rules,
        ["glossary:bad-phrase"],
        "only the configured glossary"
    );

    let o = mtlint(&sub, &["check", "--fail-on", "critical", "t.txt"]);
    assert_eq!(o.status.code(), Some(1), "the flag wins");

    let o = mtlint(&sub, &["check", "--no-config", "-f", "csv", "t.txt"]);
    let rules: Vec<String> = csv_rows(&stdout(&o)).into_iter().map(|r| r.6).collect();
    assert_eq!(rules, ["glossary:nl-comfort-girls"]);
}

#[test]
fn config_errors_name_the_key_and_line() {
    let dir = scratch(&[
        (
            "mtlint.toml",
            b"lang = \"nl-en\"\n\n[weights]\nmajor = 5.0\nmajr = 4.0\n",
        ),
        ("t.txt", b"Text.\n"),
    ]);
    let o = mtlint(dir.path(), &["check", "t.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("mtlint: error: mtlint.toml:5:1: unknown key `majr`, expected one of"),
        "{err}"
    );
    let o = mtlint(dir.path(), &["check", "--config", "missing.toml", "t.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn include_and_exclude_filter_folder_walks() {
    let dir = scratch(&[
        (
            "mtlint.toml",
            b"include = [\"docs/\"]\nexclude = [\"legacy/\", \"*.draft.md\"]\n",
        ),
        ("docs/a.txt", b"The comfort girls.\n"),
        ("docs/b.draft.md", b"The comfort girls.\n"),
        ("docs/legacy/c.txt", b"The comfort girls.\n"),
        ("notes/d.txt", b"The comfort girls.\n"),
    ]);
    let o = mtlint(dir.path(), &["check", "-f", "csv"]);
    let files: Vec<String> = csv::Reader::from_reader(o.stdout.as_slice())
        .records()
        .map(|r| r.expect("row")[0].to_owned())
        .collect();
    assert_eq!(files, ["./docs/a.txt"]);
    let o = mtlint(dir.path(), &["check", "-f", "csv", "notes/d.txt"]);
    assert_eq!(
        csv_rows(&stdout(&o)).len(),
        1,
        "a file named explicitly is checked"
    );
}

#[test]
fn init_writes_a_starter_that_loads() {
    let dir = scratch(&[("t.txt", b"The comfort girls.\n")]);
    let o = mtlint(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("mtlint.toml")).expect("written"),
        mtlint::config::STARTER
    );
    let with = mtlint(dir.path(), &["check", "-f", "csv", "t.txt"]);
    let without = mtlint(dir.path(), &["check", "--no-config", "-f", "csv", "t.txt"]);
    assert_eq!(stderr(&with), "");
    assert_eq!(with.stdout, without.stdout, "the starter changes nothing");
    assert_eq!(with.status.code(), without.status.code());
    let o = mtlint(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        mtlint(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
}

#[test]
fn machine_output_has_no_progress_bar() {
    let files: Vec<(String, Vec<u8>)> = (0..30)
        .map(|i| (format!("f{i:02}.txt"), b"The comfort girls.\n".to_vec()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = scratch(&refs);
    let o = mtlint(dir.path(), &["check", "-f", "jsonl", "-j", "2"]);
    assert_eq!(stderr(&o), "", "standard error is not a terminal here");
    let lines: Vec<JsonLine> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("only JSON on stdout"))
        .collect();
    let order: Vec<String> = lines.into_iter().map(|l| l.finding.file).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order.len(), 30);
    assert_eq!(order, sorted, "streamed in path order");
}

/// Runs `command` (a shell line) on a pseudo-terminal with `script`
/// (util-linux), and returns what the terminal showed.
fn on_a_terminal(dir: &Path, command: &str, no_color: bool) -> String {
    let log = dir.join("terminal.log");
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args(["-qec", command])
        .arg(&log)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let status = cmd.status().expect("`script` (util-linux) runs");
    assert!(status.code().is_some());
    fs::read_to_string(&log).expect("terminal log")
}

#[test]
fn terminals_get_a_progress_bar_and_colour() {
    let files: Vec<(String, Vec<u8>)> = (0..12)
        .map(|i| (format!("d/f{i:02}.txt"), b"The comfort girls.\n".to_vec()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = scratch(&refs);
    let bin = env!("CARGO_BIN_EXE_mtlint");

    // Standard output to a file, standard error on the terminal.
    let shown = on_a_terminal(
        dir.path(),
        &format!("'{bin}' check -f jsonl d > out.jsonl"),
        false,
    );
    assert!(shown.contains("/12 files"), "a progress bar: {shown:?}");
    let out = fs::read_to_string(dir.path().join("out.jsonl")).expect("out");
    assert_eq!(out.lines().count(), 12);
    for line in out.lines() {
        serde_json::from_str::<JsonLine>(line).expect("only JSON in the output");
    }

    // Human output on the terminal is coloured, unless NO_COLOR is set.
    let shown = on_a_terminal(dir.path(), &format!("'{bin}' check d/f00.txt"), false);
    assert!(shown.contains("\x1b[1;31mFAIL\x1b[0m"), "{shown:?}");
    let shown = on_a_terminal(dir.path(), &format!("'{bin}' check d/f00.txt"), true);
    assert!(!shown.contains('\x1b'), "{shown:?}");
    assert!(shown.contains(": FAIL"), "{shown:?}");
    let o = mtlint(dir.path(), &["check", "--color", "always", "d/f00.txt"]);
    assert!(stdout(&o).contains("\x1b[1;31mFAIL\x1b[0m"));
}

#[cfg(unix)]
#[test]
fn new_reports_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(&[("t.txt", b"The comfort girls.\n")]);
    mtlint(
        dir.path(),
        &[
            "check",
            "t.txt",
            "--report-dir",
            "r",
            "--write-baseline",
            "b.json",
        ],
    );
    mtlint(dir.path(), &["init"]);
    for name in ["r/findings.sarif", "r/summary.csv", "b.json", "mtlint.toml"] {
        let mode = fs::metadata(dir.path().join(name))
            .expect(name)
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{name}");
    }
}

#[test]
fn jsonl_streams_each_document_as_it_is_done() {
    use std::io::BufRead as _;
    // Standard input is checked last and stays open: the first file's
    // findings must arrive before it ends.
    let dir = scratch(&[("a.txt", b"The comfort girls.\n")]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir.path())
        .args(["check", "-f", "jsonl", "-j", "2", "a.txt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("mtlint runs");
    let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut first = String::new();
        out.read_line(&mut first).expect("read");
        tx.send(first).expect("send");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest).expect("read");
        rest
    });
    let first = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the first document's line arrives while standard input is still open");
    let line: JsonLine = serde_json::from_str(&first).expect("a finding");
    assert_eq!(line.finding.file, "a.txt");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"Support vs China.\n").expect("write");
    drop(stdin);
    let rest = reader.join().expect("reader");
    child.wait().expect("mtlint ends");
    let line: JsonLine = serde_json::from_str(rest.trim()).expect("the stdin finding");
    assert_eq!(line.finding.rule, "glossary:nl-support-vs");
}

/// Runs the GitHub Action's step (`scripts/action/run.sh`) in `dir` as the
/// runner would, with the built mtlint on PATH (as the action's cache
/// restores it).
fn run_action(dir: &Path, args: &str, base_ref: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint"))
        .parent()
        .expect("bin folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(root().join("scripts/action/run.sh"))
        .current_dir(dir)
        .env("PATH", path)
        .env("GITHUB_ACTION_PATH", root())
        .env("MTLINT_ARGS", args)
        .env("MTLINT_DIFF_BASE", "auto")
        .env("MTLINT_BASE_REF", base_ref)
        .env("MTLINT_REPORT_DIR", "mtlint-report")
        .output()
        .expect("the action's script runs")
}

#[test]
fn the_action_annotates_the_changed_lines_of_a_pull_request() {
    let dir = scratch(&[("docs/a.txt", b"The old text was fine.\n")]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(
        dir.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    fs::write(
        dir.path().join("docs/a.txt"),
        "The old text was fine.\nThe comfort girls were remembered.\n",
    )
    .expect("edit");
    git(dir.path(), &["commit", "-q", "-am", "change"]);
    let o = run_action(dir.path(), "docs", "main");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::") && l.contains("file=docs/a.txt,line=2")),
        "{out}"
    );
    assert!(dir.path().join("mtlint-report/findings.sarif").is_file());
    // Outside a pull request everything is checked, here the same line.
    let o = run_action(dir.path(), "docs", "");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn the_action_splits_its_arguments_without_running_them() {
    let dir = scratch(&[("a.txt", b"Fine text.\n")]);
    let o = run_action(dir.path(), "a.txt ; touch pwned $(touch pwned2)", "");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join("pwned").exists());
    assert!(!dir.path().join("pwned2").exists());
}

#[test]
fn the_pre_commit_hook_takes_every_walked_extension_and_no_other() {
    // The hook covered only `.txt` and `.md` once; scripts/pre-commit/test.sh
    // runs it through pre-commit in CI.
    let text = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks file");
    let hooks: Vec<serde_json::Value> = serde_norway::from_str(&text).expect("hooks YAML");
    let mtlint = hooks
        .iter()
        .find(|h| h["id"] == "mtlint")
        .expect("an mtlint hook");
    assert_eq!(mtlint["language"], "rust");
    let files = regex::Regex::new(mtlint["files"].as_str().expect("files")).expect("a regex");
    for ext in mtlint::input::walk::WALKED_EXTENSIONS {
        assert!(files.is_match(&format!("docs/a.{ext}")), "{ext}");
        assert!(
            files.is_match(&format!("docs/A.{}", ext.to_uppercase())),
            "{ext}"
        );
    }
    for ext in mtlint::input::InputFormat::EXTENSIONS
        .iter()
        .filter(|e| !mtlint::input::walk::WALKED_EXTENSIONS.contains(e))
    {
        assert!(!files.is_match(&format!("a.{ext}")), "{ext}");
    }
    // No advice names a tag that does not exist (`@v0` once did).
    for file in [
        ".pre-commit-hooks.yaml",
        "README.md",
        "action.yml",
        "examples/github-actions/mtlint.yml",
    ] {
        let text = fs::read_to_string(root().join(file)).expect("file");
        assert!(!text.contains("mtlint@v"), "{file}");
        assert!(!text.contains("rev: v"), "{file}");
    }
}
