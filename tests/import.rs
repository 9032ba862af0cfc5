//! `mtlint glossary import`: every format on small files written for the
//! tests (fixtures/import/), what it skips and why, malformed input, and
//! that every imported glossary passes `mtlint glossary check` and catches
//! its wordings again, variants included.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::{root, run, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/import").join(name)
}

fn mtlint(args: &[&str]) -> Output {
    run(root(), args, None)
}

/// Imports `files` with `args`, asserts success and that `glossary check`
/// accepts the result; returns the glossary's rows (as maps) and stderr.
fn import(
    format: &str,
    files: &[PathBuf],
    args: &[&str],
) -> (Vec<csv::StringRecord>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    let mut all: Vec<String> = vec![
        "glossary".into(),
        "import".into(),
        "--from".into(),
        format.into(),
    ];
    all.extend(files.iter().map(|f| f.display().to_string()));
    all.extend(["-o".to_owned(), out.display().to_string()]);
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let o = mtlint(&refs);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "stderr: {err}");
    let check = mtlint(&["glossary", "check", &out.display().to_string()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "glossary check: {}",
        stderr(&check)
    );
    let mut reader = csv::Reader::from_path(&out).expect("CSV");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "term",
            "suggestion",
            "category",
            "severity",
            "match",
            "min_similarity",
            "source_term",
            "lang",
            "note",
            "example"
        ]
    );
    let rows = reader.records().map(|r| r.expect("row")).collect();
    (rows, err, dir)
}

fn column(rows: &[csv::StringRecord], i: usize) -> Vec<&str> {
    rows.iter().map(|r| &r[i]).collect()
}

/// Asserts exit 2 with one error line naming `at` (`file:line`).
fn assert_malformed(format: &str, file: &str, at: &str, needle: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    let path = fixture(file);
    let o = mtlint(&[
        "glossary",
        "import",
        "--from",
        format,
        &path.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("mtlint: error: "), "{err}");
    assert!(
        err.contains(&format!("{}:{at}: ", path.display())),
        "{at} not in {err}"
    );
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(!out.exists(), "nothing may be written");
}

/// Checks `text` with `glossary` and returns the flagged texts.
fn flagged(glossary: &Path, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("t.txt");
    fs::write(&file, text).expect("write");
    let o = mtlint(&[
        "check",
        "--no-default-glossary",
        "-g",
        &glossary.display().to_string(),
        "--fail-on",
        "never",
        "--max-penalty",
        "1000000",
        "-f",
        "csv",
        &file.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    reader
        .records()
        .map(|r| r.expect("row")[5].to_owned())
        .collect()
}

#[test]
fn mqm_learns_wordings_flagged_reliably_and_reports_what_it_skipped() {
    let (rows, err, dir) = import(
        "mqm",
        &[fixture("mqm/ted-layout.tsv")],
        &["--lang", "en-de"],
    );
    assert_eq!(column(&rows, 1), ["du", "Trostmädchen"]);
    assert_eq!(column(&rows, 3), ["style", "terminology"]);
    // du: 6 minor and 6 major flags; the tie goes to the lower severity.
    assert_eq!(column(&rows, 4), ["minor", "major"]);
    assert_eq!(column(&rows, 8), ["en-de", "en-de"]);
    assert!(
        rows[0][9]
            .starts_with("MQM reviews: flagged 12 times by 2 reviewers in 3 documents (2 systems)"),
        "{}",
        &rows[0][9]
    );
    assert!(
        err.contains("skipped 1: span marked in the source (an omission) (first: "),
        "{err}"
    );
    assert!(
        err.contains("skipped 1: unbalanced <v> tags in the target (first: "),
        "{err}"
    );
    assert!(err.contains("ted-layout.tsv:29)"), "{err}");
    assert!(
        err.contains("skipped 1: issue of the source, not the translation"),
        "{err}"
    );
    assert!(
        err.contains("skipped 1: wording flagged fewer than 2 times"),
        "{err}"
    );
    assert!(err.contains("wrote 2 entries"), "{err}");
    // Variants are caught at check time.
    let glossary = dir.path().join("out.csv");
    assert_eq!(
        flagged(&glossary, "Die Trostmädchens kamen.\n"),
        ["Trostmädchens"]
    );
}

#[test]
fn mqm_thresholds_and_document_selection_are_options() {
    let file = fixture("mqm/ted-layout.tsv");
    let (rows, _, _d) = import(
        "mqm",
        std::slice::from_ref(&file),
        &["--min-docs", "3", "--min-count", "7"],
    );
    assert_eq!(column(&rows, 1), ["du"]);
    let (rows, err, _d) = import(
        "mqm",
        std::slice::from_ref(&file),
        &["--doc", "talk.1", "--min-count", "4"],
    );
    assert_eq!(column(&rows, 1), ["du"], "{err}");
    assert!(
        err.contains("row of a document not selected (--doc)"),
        "{err}"
    );
    let (rows, _, _d) = import(
        "mqm",
        &[file],
        &["--skip-system", "SysA", "--skip-system", "SysB"],
    );
    assert!(rows.is_empty());
}

#[test]
fn mqm_reads_the_wmt_layout_with_attention_checks_and_punctuation() {
    let (rows, err, dir) = import("mqm", &[fixture("mqm/wmt-layout.tsv")], &[]);
    assert_eq!(column(&rows, 1), ["\""]);
    assert_eq!(column(&rows, 5), ["regex"]);
    assert_eq!(column(&rows, 3), ["punctuation"]);
    assert!(
        err.contains("skipped 1: attention check (HOTW), not a real error"),
        "{err}"
    );
    let glossary = dir.path().join("out.csv");
    assert_eq!(flagged(&glossary, "Er sagte \"ja\".\n"), ["\"", "\""]);
}

#[test]
fn mqm_reads_gzip_and_tar_gz_exports() {
    let tsv = fs::read(fixture("mqm/ted-layout.tsv")).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let gz = dir.path().join("export.tsv.gz");
    let mut enc = flate2::write::GzEncoder::new(
        fs::File::create(&gz).expect("create"),
        flate2::Compression::default(),
    );
    enc.write_all(&tsv).expect("write");
    enc.finish().expect("finish");
    let (rows, _, _d) = import("mqm", &[gz], &[]);
    assert_eq!(column(&rows, 1), ["du", "Trostmädchen"]);

    let tgz = dir.path().join("export.tar.gz");
    let enc = flate2::write::GzEncoder::new(
        fs::File::create(&tgz).expect("create"),
        flate2::Compression::default(),
    );
    let mut tar = tar::Builder::new(enc);
    let mut header = tar::Header::new_gnu();
    header.set_size(tsv.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    tar.append_data(&mut header, "ende/mqm.tsv", tsv.as_slice())
        .expect("append");
    tar.into_inner().expect("tar").finish().expect("gzip");
    let (rows, _, _d) = import("mqm", &[tgz], &[]);
    assert_eq!(column(&rows, 1), ["du", "Trostmädchen"]);
}

#[test]
fn mqm_malformed_input_names_file_and_line() {
    assert_malformed("mqm", "mqm/short-row.tsv", "2", "6 tab-separated fields");
    assert_malformed(
        "mqm",
        "mqm/no-header.tsv",
        "1",
        "the header has no `system` column",
    );
}

#[test]
fn tbx_deprecated_terms_suggest_the_preferred_term() {
    let (rows, err, dir) = import("tbx", &[fixture("tbx/termbase.tbx")], &[]);
    assert_eq!(column(&rows, 1), ["Trostmädchen", "Bank"]);
    assert_eq!(column(&rows, 2), ["Trostfrauen", "Ufer"]);
    // `Bank` is allowed for another concept (bench), so it needs its source.
    assert_eq!(column(&rows, 7), ["", "bank"]);
    assert_eq!(column(&rows, 8), ["en-de", "en-de"]);
    assert!(
        err.contains("skipped 1: concept without a deprecated target term"),
        "{err}"
    );
    let glossary = dir.path().join("out.csv");
    // Plain text has no source: the ambiguous entry stays quiet.
    assert_eq!(
        flagged(&glossary, "Die Trostmädchens auf der Bank.\n"),
        ["Trostmädchens"]
    );
}

#[test]
fn tbx_3_is_read_too() {
    let (rows, _, _d) = import(
        "tbx",
        &[fixture("tbx/termbase-v3.tbx")],
        &["--target-lang", "en"],
    );
    assert_eq!(column(&rows, 1), ["premier", "real payment funds"]);
    assert_eq!(column(&rows, 2), ["prime minister", "reparations funds"]);
}

#[test]
fn tbx_malformed_input_names_file_and_line() {
    assert_malformed("tbx", "tbx/broken.tbx", "8", "not well-formed XML");
    assert_malformed("tbx", "vale/Terms.yml", "1", "not well-formed XML");
}

#[test]
fn vale_swaps_become_entries_and_other_rules_are_skipped() {
    let (rows, err, dir) = import(
        "vale",
        &[fixture("vale/Terms.yml"), fixture("vale/Existence.yml")],
        &[],
    );
    assert_eq!(
        column(&rows, 1),
        [
            "comfort girls",
            "real payment funds",
            r"\b(?:(?:utilise|utilize))\b",
            "e-mail"
        ]
    );
    assert_eq!(column(&rows, 5), ["fuzzy", "fuzzy", "regex", "fuzzy"]);
    assert_eq!(column(&rows, 4), ["major"; 4]);
    assert_eq!(
        &rows[0][9],
        "Vale rule Terms: Use 'comfort women' instead of 'comfort girls'."
    );
    assert!(
        err.contains("skipped 1: Vale rule that is not a substitution (extends: existence)"),
        "{err}"
    );
    let glossary = dir.path().join("out.csv");
    assert_eq!(
        flagged(
            &glossary,
            "The Comfort-Girls and the Real Payment Fund utilised nothing.\n"
        ),
        ["Comfort-Girls", "Real Payment Fund"]
    );
}

#[test]
fn vale_malformed_yaml_names_file_and_line() {
    assert_malformed("vale", "vale/broken.yml", "4", "not valid YAML");
}

#[test]
fn prh_rules_follow_imports_and_keep_specs_as_examples() {
    let (rows, err, dir) = import("prh", &[fixture("prh/prh.yml")], &[]);
    assert_eq!(
        column(&rows, 1),
        [
            "premier minister",
            r"(?-i)\bJavascript\b",
            "comfort girls",
            "troost girls",
            "(comfort|trust) ladies"
        ]
    );
    assert_eq!(
        column(&rows, 2),
        [
            "prime minister",
            "JavaScript",
            "comfort women",
            "comfort women",
            "$1 women"
        ]
    );
    assert_eq!(&rows[1][10], "We write Javascript every day.");
    assert!(err.contains("skipped 1: rule without a pattern"), "{err}");
    let glossary = dir.path().join("out.csv");
    assert_eq!(
        flagged(&glossary, "Javascript and JavaScript; the trust ladies.\n"),
        ["Javascript", "trust ladies"]
    );
}

#[test]
fn prh_malformed_rule_names_file_and_line() {
    assert_malformed(
        "prh",
        "prh/no-expected.yml",
        "2",
        "rule 2 has no `expected` string",
    );
}

#[test]
fn csv_term_lists_import_even_where_the_glossary_format_would_refuse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("list.csv");
    fs::write(
        &list,
        "term,correction,category,severity,count\n\"ja, und\",,Fluency/Grammar,Minor,3\nFrau Bulley,Ms Bulley,Style/Awkward,Major,2\nfrau bulley,,,,1\n",
    )
    .expect("write");
    let (rows, err, _d) = import("csv", &[list], &[]);
    assert_eq!(column(&rows, 1), [r"\bja,\s+und\b", "Frau Bulley"]);
    assert_eq!(column(&rows, 3), ["grammar", "style"]);
    assert_eq!(column(&rows, 4), ["minor", "major"]);
    assert!(
        err.contains("skipped 1: column `count` (not a glossary column)"),
        "{err}"
    );
    assert!(
        err.contains("skipped 1: the same term as an earlier entry"),
        "{err}"
    );
}

#[test]
fn import_writes_to_standard_output_without_o() {
    let o = mtlint(&[
        "glossary",
        "import",
        "--from",
        "vale",
        &fixture("vale/Terms.yml").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("id,term,suggestion,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn missing_input_is_an_error() {
    let o = mtlint(&["glossary", "import", "--from", "tbx", "no/such.tbx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such.tbx: cannot read"),
        "{}",
        stderr(&o)
    );
}
