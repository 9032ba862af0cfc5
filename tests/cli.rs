//! The command line as users run it: exit codes, error lines, reports,
//! `fix`, and bad input of every kind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLE: &str = "fixtures/seed-article-nl-en.txt";

mod common;

use common::{root, run, scratch, stderr, stdout};

fn mtlint(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, None)
}

/// Asserts exit code 2, exactly one error line that contains `needle`, and
/// that nothing was written to the report folder.
fn assert_one_error(o: &Output, needle: &str, report_dir: &Path) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("mtlint: error: "), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(!report_dir.exists(), "nothing may be written");
}

struct FindingRow {
    start: usize,
    end: usize,
    text: String,
    line: usize,
    column: usize,
    confidence: f64,
}

fn findings_csv(csv_text: &str) -> Vec<FindingRow> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        mtlint::report::FINDINGS_HEADER
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            FindingRow {
                line: r[1].parse().expect("line"),
                column: r[2].parse().expect("column"),
                start: r[3].parse().expect("start"),
                end: r[4].parse().expect("end"),
                text: r[5].to_owned(),
                confidence: r[10].parse().expect("confidence"),
            }
        })
        .collect()
}

#[test]
fn seed_article_gold_glossary_spans_are_all_found() {
    let o = mtlint(root(), &["check", "-f", "csv", ARTICLE]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the article fails: {}",
        stderr(&o)
    );
    let findings = findings_csv(&stdout(&o));
    let text = fs::read_to_string(root().join(ARTICLE)).expect("article");
    for f in &findings {
        assert_eq!(text[f.start..f.end], f.text);
    }
    let mut gold =
        csv::Reader::from_path(root().join("fixtures/seed-article-nl-en.gold.csv")).expect("gold");
    let mut expected = 0;
    for row in gold.records() {
        let row = row.expect("gold row");
        if &row[8] != "glossary" {
            continue;
        }
        expected += 1;
        let (start, end): (usize, usize) =
            (row[2].parse().expect("start"), row[3].parse().expect("end"));
        assert!(
            findings.iter().any(|f| f.start < end && start < f.end),
            "gold span {start}..{end} {:?} is not found",
            &row[4]
        );
    }
    assert!(expected >= 14);
    let speaks = findings
        .iter()
        .find(|f| f.text == "speaks automatically")
        .expect("speaks automatically is found by fuzzy matching");
    assert!(speaks.confidence < 1.0);
    // A pronoun is matched only as itself: "profile itself" is found by
    // its own entry, not as a fuzzy match of "profile himself".
    let itself = findings
        .iter()
        .find(|f| f.text == "profile itself")
        .expect("profile itself is found");
    assert_eq!(itself.confidence, 1.0);
}

#[test]
fn committed_reports_are_what_mtlint_writes() {
    let out = tempfile::tempdir().expect("temp");
    let dir = out.path().join("seed-article-nl-en");
    let o = mtlint(
        root(),
        &[
            "check",
            "--color",
            "never",
            ARTICLE,
            "--report-dir",
            dir.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let committed = root().join("reports/seed-article-nl-en");
    let mut fresh: Vec<(String, Vec<u8>)> = [
        "findings.csv",
        "summary.csv",
        "totals.csv",
        "suggestions.diff",
        "findings.json",
        "findings.jsonl",
        "findings.sarif",
        "annotations.txt",
        "report.html",
    ]
    .iter()
    .map(|name| {
        (
            name.to_string(),
            fs::read(dir.join(name)).expect("report written"),
        )
    })
    .collect();
    fresh.push(("human.txt".to_owned(), o.stdout.clone()));
    // `SNAPSHOTS=overwrite cargo test` rewrites them; then read the diff.
    for (name, bytes) in fresh {
        snapbox::assert_data_eq!(
            snapbox::Data::binary(bytes),
            snapbox::Data::read_from(&committed.join(&name), None).raw()
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
fn diff_applies_with_git_and_equals_fix_write() {
    let article = fs::read(root().join(ARTICLE)).expect("article");
    let crlf = String::from_utf8(article.clone())
        .expect("utf-8")
        .replace('\n', "\r\n");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&article);
    let files: [(&str, &[u8]); 3] = [
        ("a/article.txt", &article),
        ("a/crlf.txt", crlf.as_bytes()),
        ("a/bom.txt", &bom),
    ];
    let patched = scratch(&files);
    let fixed = scratch(&files);

    let o = mtlint(patched.path(), &["check", "-f", "diff", "a"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diff = o.stdout;
    assert!(
        diff.starts_with(b"--- a/a/"),
        "{}",
        String::from_utf8_lossy(&diff)
    );
    fs::write(patched.path().join("s.diff"), &diff).expect("write diff");
    let applied = git(patched.path(), &["apply", "--whitespace=nowarn", "s.diff"]);
    assert!(applied.status.success(), "git apply: {}", stderr(&applied));

    let o = mtlint(fixed.path(), &["fix", "--write", "a"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("fixed 11 spans in a/article.txt")
            && stderr(&o).contains("left 5 findings for review in a/article.txt"),
        "{}",
        stderr(&o)
    );
    for (name, original) in files {
        let by_patch = fs::read(patched.path().join(name)).expect("patched");
        let by_fix = fs::read(fixed.path().join(name)).expect("fixed");
        assert_eq!(by_patch, by_fix, "{name}: git apply and fix --write differ");
        assert_ne!(by_fix, original, "{name} was fixed");
    }
    // BOM, CRLF and the missing final newline survive.
    let crlf_fixed = fs::read(fixed.path().join("a/crlf.txt")).expect("crlf");
    assert_eq!(
        crlf_fixed.windows(2).filter(|w| w == b"\r\n").count(),
        crlf.matches("\r\n").count()
    );
    assert!(
        fs::read(fixed.path().join("a/bom.txt"))
            .expect("bom")
            .starts_with(b"\xef\xbb\xbf")
    );

    let again = mtlint(fixed.path(), &["fix", "--write", "a"]);
    assert_eq!(again.status.code(), Some(0));
    // A second fix changes nothing; it says again what waits for review.
    assert!(
        stderr(&again)
            .lines()
            .all(|l| l.starts_with("mtlint: left 5 findings for review in ")),
        "{}",
        stderr(&again)
    );
    for (name, _) in files {
        assert_eq!(
            fs::read(fixed.path().join(name)).expect("read"),
            fs::read(patched.path().join(name)).expect("read")
        );
    }
    // No change is left, only the list of what waits for review.
    let diff_again = mtlint(fixed.path(), &["fix", "a"]);
    let listed = stdout(&diff_again);
    assert!(listed.lines().all(|l| l.starts_with('#')), "{listed}");
    assert_eq!(listed.lines().filter(|l| l.starts_with("#   ")).count(), 15);
}

#[test]
fn fix_without_write_prints_the_diff_and_changes_nothing() {
    let dir = scratch(&[("t.txt", b"The comfort girls were remembered.\n")]);
    let o = mtlint(dir.path(), &["fix", "t.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "--- a/t.txt\n+++ b/t.txt\n@@ -1 +1 @@\n-The comfort girls were remembered.\n+The comfort women were remembered.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("t.txt")).expect("read"),
        "The comfort girls were remembered.\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_write_keeps_the_file_untouched_when_it_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(&[("ro/t.txt", b"The comfort girls.\n")]);
    let ro = dir.path().join("ro");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
    let o = mtlint(dir.path(), &["fix", "--write", "ro/t.txt"]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).expect("chmod back");
    // Root may write anyway; then the fix simply succeeded.
    if o.status.code() == Some(2) {
        assert!(
            stderr(&o).contains("ro/t.txt: cannot write"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            fs::read_to_string(ro.join("t.txt")).expect("read"),
            "The comfort girls.\n"
        );
    } else {
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            fs::read_to_string(ro.join("t.txt")).expect("read"),
            "The comfort women.\n"
        );
    }
    let leftovers: Vec<_> = fs::read_dir(&ro).expect("ls").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn fix_write_refuses_stdin() {
    let o = mtlint(root(), &["fix", "--write", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input"));
}

#[test]
fn missing_path_is_an_error_and_writes_nothing() {
    let dir = scratch(&[("good.txt", b"The comfort girls.\n")]);
    let reports = dir.path().join("reports");
    let o = mtlint(
        dir.path(),
        &["check", "good.txt", "nope.txt", "--report-dir", "reports"],
    );
    assert_one_error(&o, "nope.txt: no such file or directory", &reports);
    assert!(o.stdout.is_empty());
}

#[test]
fn binary_file_is_an_error() {
    let dir = scratch(&[("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")]);
    let o = mtlint(dir.path(), &["check", "img.png", "--report-dir", "out"]);
    assert_one_error(
        &o,
        "img.png:3:1: binary file (NUL byte at byte offset 8)",
        &dir.path().join("out"),
    );
}

#[test]
fn non_utf8_file_names_the_offset_and_others_are_still_checked() {
    let dir = scratch(&[
        ("bad.txt", b"caf\xe9 comfort girls\n"),
        ("good.txt", b"The comfort girls.\n"),
    ]);
    let o = mtlint(dir.path(), &["check", "-f", "csv", "bad.txt", "good.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "mtlint: error: bad.txt:1:4: not valid UTF-8 at byte offset 3, not checked; \
         if it is Latin-1 or Windows-1252, convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8)\n"
    );
    let out = stdout(&o);
    assert!(out.contains("good.txt,1,5,4,17,comfort girls"), "{out}");
    assert!(!out.contains("bad.txt"));
}

#[test]
fn empty_file_is_an_error() {
    let dir = scratch(&[("empty.txt", b"")]);
    let o = mtlint(dir.path(), &["check", "empty.txt", "--report-dir", "out"]);
    assert_one_error(
        &o,
        "empty.txt: empty file, nothing to check",
        &dir.path().join("out"),
    );
}

#[test]
fn utf16_file_is_explained() {
    let dir = scratch(&[("u16.txt", b"\xff\xfeh\x00i\x00")]);
    let o = mtlint(dir.path(), &["check", "u16.txt", "--report-dir", "out"]);
    assert_one_error(&o, "UTF-16", &dir.path().join("out"));
}

fn glossary_error(glossary: &[u8], needle: &str) {
    let dir = scratch(&[("g.csv", glossary), ("t.txt", b"The comfort girls.\n")]);
    let o = mtlint(
        dir.path(),
        &[
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "t.txt",
            "--report-dir",
            "out",
        ],
    );
    assert_one_error(&o, needle, &dir.path().join("out"));
    assert!(
        o.stdout.is_empty(),
        "no input is checked with a bad glossary"
    );
    let o = mtlint(dir.path(), &["glossary", "check", "g.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(needle));
}

#[test]
fn glossary_without_term_column() {
    glossary_error(
        b"suggestion,note\ncomfort women,x\n",
        "g.csv:1:1: the header has no `term` column",
    );
}

#[test]
fn glossary_with_unknown_column() {
    glossary_error(
        b"term,sugestion\ncomfort girls,x\n",
        "g.csv:1:6: column 2 `sugestion`: unknown column",
    );
}

#[test]
fn glossary_with_unknown_severity() {
    glossary_error(
        b"term,severity\ncomfort girls,huge\n",
        "g.csv:2:15: column 2 `severity`: `huge` is not one of minor, major, critical",
    );
}

#[test]
fn glossary_with_invalid_regex() {
    glossary_error(
        b"term,match\n(comfort,regex\n",
        "g.csv:2:1: column 1 `term`: invalid regex `(comfort`",
    );
}

#[test]
fn glossary_with_duplicate_id() {
    glossary_error(
        b"id,term\nx,comfort girls\nx,real payment fund\n",
        "g.csv:3:1: column 1 `id`: duplicate id `x` (first used at g.csv:2)",
    );
}

#[test]
fn glossary_with_missing_term_value() {
    glossary_error(
        b"term,suggestion\n,comfort women\n",
        "g.csv:2:1: column 1 `term`: empty term",
    );
}

#[test]
fn missing_glossary_file() {
    let dir = scratch(&[("t.txt", b"x\n")]);
    let o = mtlint(dir.path(), &["check", "-g", "nope.csv", "t.txt"]);
    assert_one_error(
        &o,
        "nope.csv: cannot read glossary",
        &dir.path().join("out"),
    );
}

#[test]
fn every_glossary_problem_is_listed() {
    let dir = scratch(&[(
        "g.csv",
        b"term,severity\nfoo bar,huge\n,minor\nbaz qux,tiny\n",
    )]);
    let o = mtlint(dir.path(), &["glossary", "check", "g.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 3, "{}", stderr(&o));
}

#[test]
fn glossary_check_proves_examples_and_finds_conflicts() {
    let dir = scratch(&[(
        "g.csv",
        b"term,suggestion,example\n\
          comfort girls,comfort women,The Comfort-Girls were remembered.\n\
          real payment fund,reparations fund,This example has no such words.\n\
          women of comfort,comfort girls,\n",
    )]);
    let o = mtlint(dir.path(), &["glossary", "check", "g.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "g.csv:3:36: column 3 `example`: the example does not trigger entry `real-payment-fund`"
        ),
        "{err}"
    );
    assert!(
        err.contains("g.csv:4:18: column 2 `suggestion`: `comfort girls` is itself flagged by entry `comfort-girls` (g.csv:2)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2);
}

#[test]
fn glossary_check_reports_syntax_conflicts_and_examples_in_one_pass() {
    // Conflicts and examples came only once the syntax errors were fixed.
    let dir = scratch(&[
        (
            "a.csv",
            b"term,suggestion,example,severty\n\
              comfort girls,comfort women,The comfort girls.,x\n\
              women of comfort,comfort girls,,x\n\
              broken,row\n\
              real payment fund,reparations fund,No such words.,x\n\
              ,empty term,,x\n",
        ),
        ("b.csv", b"term,example\ncomfort girls,The comfort girls.\n"),
    ]);
    let o = mtlint(dir.path(), &["glossary", "check", "a.csv", "b.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    let known = "id, term, suggestion, category, severity, match, min_similarity, unless, source_term, lang, note, example, fixed, case";
    assert_eq!(
        lines,
        [
            format!("mtlint: error: a.csv:1:25: column 4 `severty`: unknown column (known columns: {known}); did you mean `severity`?"),
            "mtlint: error: a.csv:3:18: column 2 `suggestion`: `comfort girls` is itself flagged by entry `comfort-girls` (a.csv:2); fixing would leave a finding".to_owned(),
            "mtlint: error: a.csv:4:1: this row has 2 fields but the header has 4 (a comma inside a value needs the value in double quotes)".to_owned(),
            "mtlint: error: a.csv:5:36: column 3 `example`: the example does not trigger entry `real-payment-fund` (term `real payment fund`)".to_owned(),
            "mtlint: error: a.csv:6:1: column 1 `term`: empty term: every entry needs the wording to flag".to_owned(),
            "mtlint: error: b.csv:2:1: column 1 `term`: duplicate id `comfort-girls` (first used at a.csv:2); give one of them another `id` (the id is made of the term)".to_owned(),
        ]
    );
}

#[test]
fn default_glossary_passes_its_own_check() {
    let o = mtlint(root(), &["glossary", "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
    let o = mtlint(root(), &["glossary", "check", "glossary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn rules_lists_every_entry() {
    let o = mtlint(root(), &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("RULE"));
    assert!(out.contains("glossary:nl-comfort-girls"));
    assert!(out.contains("comfort girls → comfort women"));
    let o = mtlint(root(), &["rules", "--lang", "de-en"]);
    assert!(!stdout(&o).contains("glossary:nl-"), "--lang filters");
}

#[test]
fn exit_codes_follow_the_policy() {
    let dir = scratch(&[
        ("t.txt", "word ".repeat(200).as_bytes()),
        ("g.csv", b"term,severity\nword word,minor\n"),
    ]);
    let base = [
        "check",
        "--no-default-glossary",
        "-g",
        "g.csv",
        "--disable",
        "heuristic:repeated-word",
        "t.txt",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        mtlint(dir.path(), &args).status.code()
    };
    // 100 minor findings in 200 words: 500 per 1000 words.
    assert_eq!(run(&[]), Some(1), "penalty above the default 10");
    assert_eq!(run(&["--max-penalty", "1000"]), Some(0));
    assert_eq!(
        run(&["--max-penalty", "1000", "--fail-on", "minor"]),
        Some(1)
    );
    assert_eq!(
        run(&["--max-penalty", "1000", "--fail-on", "never"]),
        Some(0)
    );
    assert_eq!(
        run(&["--fail-on", "never"]),
        Some(0),
        "never fails no document, whatever its penalty"
    );
    assert_eq!(
        run(&["--fail-on", "never", "--max-penalty", "1e9"]),
        Some(0)
    );
    assert_eq!(
        run(&["--passing-score", "101"]),
        Some(2),
        "a passing score above the maximum is an error"
    );
    assert_eq!(
        run(&["--min-similarity", "2"]),
        Some(2),
        "a bad flag is a usage error"
    );
}

#[test]
fn clean_text_passes() {
    let dir = scratch(&[("t.txt", b"The comfort women were remembered.\n")]);
    let o = mtlint(dir.path(), &["check", "--color", "never", "t.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("t.txt: 0 findings"), "{}", stdout(&o));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "-f", "csv", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"They met the comfort girls.")
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(
        stdout(&o).contains("-,1,14,13,26,comfort girls"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn folders_are_walked_honouring_gitignore() {
    let dir = scratch(&[
        ("docs/a.txt", b"comfort girls\n"),
        ("docs/sub/b.md", b"comfort girls\n"),
        ("docs/skip/c.txt", b"comfort girls\n"),
        ("docs/image.png", b"\x00\x01"),
        ("docs/.gitignore", b"skip/\n"),
    ]);
    let o = mtlint(dir.path(), &["check", "-f", "csv", "docs"]);
    let out = stdout(&o);
    assert!(out.contains("docs/a.txt,"), "{out}");
    assert!(out.contains("docs/sub/b.md,"), "{out}");
    assert!(!out.contains("skip"), "{out}");
    assert!(!out.contains("image.png"), "{out}");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn report_dir_gets_every_report() {
    let dir = scratch(&[("t.txt", b"The comfort girls.\n")]);
    let o = mtlint(dir.path(), &["check", "t.txt", "--report-dir", "out/r"]);
    assert_eq!(o.status.code(), Some(1));
    let summary = fs::read_to_string(dir.path().join("out/r/summary.csv")).expect("summary");
    let mut rows = summary.lines();
    assert!(
        rows.next().expect("header").starts_with(
            "file,words,findings,minor,major,critical,penalty,penalty_per_1000_words,quality,verdict,\
             normed_penalty,calibrated_quality,mistranslation_minor,"
        ),
        "{summary}"
    );
    // 5 points in 3 words: (1 - 5/3) x 100, not cut at 0 so it still ranks.
    assert!(
        rows.next()
            .expect("row")
            .starts_with("t.txt,3,1,0,1,0,5.00,1666.67,-66.67,fail,1666.67,-1566.67,0,0,0,0,1,0,"),
        "{summary}"
    );
    let totals = fs::read_to_string(dir.path().join("out/r/totals.csv")).expect("totals");
    assert!(
        totals.starts_with("documents,passed,failed,words,"),
        "{totals}"
    );
    assert!(
        totals
            .lines()
            .nth(1)
            .expect("row")
            .starts_with("1,0,1,3,1,0,1,0,5.00,"),
        "{totals}"
    );
    let mut names: Vec<PathBuf> = fs::read_dir(dir.path().join("out/r"))
        .expect("ls")
        .map(|e| PathBuf::from(e.expect("entry").file_name()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            // Marks the folder as mtlint's reports, which a walk skips.
            ".mtlint-reports",
            "annotations.txt",
            "findings.csv",
            "findings.json",
            "findings.jsonl",
            "findings.sarif",
            "findings.xlsx",
            "report.html",
            "suggestions.diff",
            "summary.csv",
            "totals.csv"
        ]
        .map(PathBuf::from),
        "no temporary file is left behind"
    );
}

#[test]
fn huge_crlf_bom_input_keeps_offsets() {
    let mut text = String::from("\u{feff}");
    for i in 0..60_000 {
        text.push_str(&format!(
            "Line {i} of the archive, with ünïcödé and the comfort girls.\r\n"
        ));
    }
    assert!(text.len() > 4_000_000);
    let dir = scratch(&[("big.txt", text.as_bytes())]);
    let o = mtlint(dir.path(), &["check", "-f", "csv", "big.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = findings_csv(&stdout(&o));
    assert_eq!(rows.len(), 60_000);
    for (i, row) in rows.iter().enumerate().step_by(997) {
        assert_eq!(&text[row.start..row.end], row.text);
        assert_eq!(row.line, i + 1);
        let line_start = if i == 0 {
            3
        } else {
            text[..row.start].rfind('\n').expect("nl") + 1
        };
        assert_eq!(row.column, text[line_start..row.start].chars().count() + 1);
    }
}

#[test]
fn broken_pipe_exits_quietly() {
    let mut text = String::new();
    for _ in 0..20_000 {
        text.push_str("The comfort girls.\n");
    }
    let dir = scratch(&[("t.txt", text.as_bytes())]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir.path())
        .args(["check", "-f", "csv", "t.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Read;
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("read");
    }
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.code().is_some(), "no signal death");
    assert_eq!(stderr(&o), "", "no error message for a closed pipe");
}

#[test]
fn rules_lists_detectors_with_their_default_and_switches() {
    let o = mtlint(root(), &["rules"]);
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert!(
        header.contains("DEFAULT") && header.contains("NOW"),
        "{header}"
    );
    let line = |out: &str, id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} not listed"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line(&out, "heuristic:truncated-text")[..5],
        ["heuristic:truncated-text", "omission", "major", "on", "on"]
    );
    assert_eq!(line(&out, "heuristic:garbled-word")[3..5], ["off", "off"]);
    let o = mtlint(
        root(),
        &[
            "rules",
            "--enable",
            "heuristic:garbled-word",
            "--disable",
            "heuristic:truncated-text",
            "--disable",
            "glossary:nl-give-out",
        ],
    );
    let out = stdout(&o);
    assert_eq!(line(&out, "heuristic:garbled-word")[3..5], ["off", "on"]);
    assert_eq!(line(&out, "heuristic:truncated-text")[3..5], ["on", "off"]);
    assert_eq!(line(&out, "glossary:nl-give-out")[3..5], ["on", "off"]);
}

#[test]
fn enable_and_disable_switch_rules_in_check() {
    let dir = scratch(&[(
        "t.txt",
        b"The first line is fine.\nIt ends in the the koretanthe of a sentence",
    )]);
    let rules_of = |extra: &[&str]| {
        let mut args = vec!["check", "-f", "csv", "t.txt"];
        args.extend_from_slice(extra);
        let o = mtlint(dir.path(), &args);
        let out = stdout(&o);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let mut rules: Vec<String> = reader.records().map(|r| r.unwrap()[7].to_owned()).collect();
        rules.sort();
        rules
    };
    assert_eq!(
        rules_of(&[]),
        ["heuristic:repeated-word", "heuristic:truncated-text"]
    );
    assert_eq!(
        rules_of(&[
            "--enable",
            "heuristic:garbled-word",
            "--disable",
            "heuristic:truncated-text"
        ]),
        ["heuristic:garbled-word", "heuristic:repeated-word"]
    );
}

#[test]
fn unknown_rule_to_switch_is_a_usage_error() {
    let dir = scratch(&[("t.txt", b"Fine text.\n")]);
    let o = mtlint(
        dir.path(),
        &["check", "--disable", "truncated-text", "t.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "mtlint: error: no rule `truncated-text` to enable or disable; did you mean `heuristic:truncated-text`?\n"
    );
    let o = mtlint(dir.path(), &["rules", "--enable", "heuristic:nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`mtlint rules` lists every rule"));
}

/// What bash completes for `words`, the last one being completed, with the
/// script `mtlint completions bash` prints.
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let words_list = words.join(" ");
    let current = words.last().copied().unwrap_or("");
    let previous = words
        .get(words.len().wrapping_sub(2))
        .copied()
        .unwrap_or("");
    let program = format!(
        "source '{}'; COMP_WORDS=({words_list}); COMP_CWORD={}; _mtlint mtlint '{current}' '{previous}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.len() - 1
    );
    let o = Command::new("bash")
        .args(["-c", &program])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completion_loads_and_completes_subcommands_and_options() {
    let o = mtlint(root(), &["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = scratch(&[("mtlint.bash", &o.stdout)]);
    let script = dir.path().join("mtlint.bash");
    assert_eq!(bash_completes(&script, &["mtlint", "ch"]), ["check"]);
    assert_eq!(
        bash_completes(&script, &["mtlint", "check", "--fail"]),
        ["--fail-on"]
    );
    let shells = bash_completes(&script, &["mtlint", "completions", ""]);
    assert!(shells.contains(&"zsh".to_owned()), "{shells:?}");
}

#[test]
fn version_names_the_built_in_glossary() {
    for args in [&["version"][..], &["--version"], &["-V"]] {
        let o = mtlint(root(), args);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(
            out.starts_with(concat!("mtlint ", env!("CARGO_PKG_VERSION"), "\n")),
            "{out}"
        );
        assert!(out.contains("built-in glossary: "), "{out}");
    }
}

#[test]
fn help_shows_the_exit_codes_and_the_man_page_renders() {
    let help = stdout(&mtlint(root(), &["--help"]));
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(help.contains("1  at least one document fails"), "{help}");
    let man = mtlint(root(), &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.starts_with(".ie"), "roff: {page}");
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(page.contains("check"), "{page}");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = scratch(&[("a.txt", b"The comfort girls were there.\n")]);
    let o = mtlint(
        dir.path(),
        &["check", "-f", "csv", "--output", "out/f.csv", "a.txt"],
    );
    // The folder must exist; a missing one is a clear error.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--output out/f.csv: cannot write"),
        "{}",
        stderr(&o)
    );
    let o = mtlint(dir.path(), &["check", "-f", "csv", "-o", "f.csv", "a.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let csv = fs::read_to_string(dir.path().join("f.csv")).expect("report");
    assert!(csv.starts_with("file,line,column,"), "{csv}");
    assert!(csv.contains("comfort girls"), "{csv}");
}

#[test]
fn scoring_model_parameters_and_csv_bom() {
    let dir = scratch(&[
        ("t.txt", "Café: the comfort girls were remembered.\n".as_bytes()),
        (
            "mtlint.toml",
            b"csv-bom = true\nreference-word-count = 100\nmaximum-score = 10\n[category-weights]\nterminology = 2\n",
        ),
    ]);
    let o = mtlint(dir.path(), &["check", "t.txt", "--report-dir", "r"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let findings = fs::read(dir.path().join("r/findings.csv")).expect("findings");
    assert!(findings.starts_with(b"\xef\xbb\xbffile,line,"));
    let text = String::from_utf8(findings).expect("utf-8");
    assert!(
        text.contains(",Café: the ⟦comfort girls⟧ were remembered."),
        "{text}"
    );
    let summary = fs::read_to_string(dir.path().join("r/summary.csv")).expect("summary");
    assert!(summary.starts_with('\u{feff}'));
    // One major terminology finding, weight 2: 10 points in 6 words, normed
    // per 100 words; the raw score on a scale of 10.
    let row: Vec<&str> = summary.lines().nth(1).expect("row").split(',').collect();
    assert_eq!(&row[..3], ["t.txt", "6", "1"]);
    assert_eq!(row[6], "10.00", "penalty");
    assert_eq!(
        row[8],
        format!("{:.2}", (1.0 - 10.0 / 6.0) * 10.0),
        "quality"
    );
    assert_eq!(row[10], format!("{:.2}", 10.0 / 6.0 * 100.0), "normed");
    // The terminology row of the table: 0 minor, 1 major, 0 critical.
    let header: Vec<String> = summary
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(row[col("terminology_major")], "1");
    assert_eq!(row[col("terminology_penalty")], "10.00");
    let o = mtlint(dir.path(), &["check", "-f", "csv", "--no-config", "t.txt"]);
    assert!(o.stdout.starts_with(b"file,"), "no BOM unless asked for");
}

#[test]
fn reports_name_the_language_pair_each_document_was_checked_as() {
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: de_DE\\n\"\n\nmsgid \"Save the file.\"\nmsgstr \"Datei speichern.\"\n";
    let dir = scratch(&[("a.po", po.as_bytes()), ("b.txt", b"The comfort girls.\n")]);
    let o = mtlint(
        dir.path(),
        &[
            "check",
            "--fail-on",
            "never",
            "a.po",
            "b.txt",
            "--report-dir",
            "r",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let human = stdout(&o);
    let summary = fs::read_to_string(dir.path().join("r/summary.csv")).expect("summary");
    let rows: Vec<&str> = summary.lines().collect();
    assert!(rows[0].ends_with(",lang"), "{summary}");
    assert!(
        rows[1].starts_with("a.po,") && rows[1].ends_with(",?-de"),
        "{summary}"
    );
    assert!(
        rows[2].starts_with("b.txt,") && rows[2].ends_with(','),
        "{summary}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("r/findings.json")).expect("json"),
    )
    .expect("valid json");
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs[0]["lang"], "?-de");
    assert_eq!(docs[1]["lang"], serde_json::Value::Null);
    assert!(human.contains("(as ?-de)"), "{human}");
    assert!(human.contains("(language pair unknown)"), "{human}");

    // `mtlint rules` says which target languages each detector serves.
    let o = mtlint(dir.path(), &["rules"]);
    let out = stdout(&o);
    let header = out.lines().next().expect("header");
    assert!(header.contains("LANGUAGES"), "{header}");
    let row = out
        .lines()
        .find(|l| l.starts_with("heuristic:orphan-article "))
        .expect("orphan-article row");
    assert!(row.trim_end().ends_with("en"), "{row}");
}
