//! One test per fixed bug, named after it, so that it stays fixed.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{git_apply, root, run, scratch, stderr, stdout};

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
    // No row flags it (the context column of another row may quote it).
    assert!(
        !stdout(&stream).contains(",support vs,"),
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
    git_apply(dir.path(), diff.stdout.as_ref());
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

/// A scratch git repository (a `.git` folder is enough for mtlint) with
/// `files`, inside a folder that may hold files of its own.
fn repository(outer: &[(&str, &[u8])], files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = scratch(outer);
    for (name, bytes) in files {
        let path = dir.path().join("repo").join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    fs::create_dir_all(dir.path().join("repo/.git")).expect(".git");
    dir
}

#[test]
fn a_config_cannot_read_the_environment() {
    // `glossaries = ["/proc/self/environ"]` printed the whole process
    // environment in the "unknown column" error.
    let dir = repository(
        &[],
        &[
            ("mtlint.toml", b"glossaries = [\"/proc/self/environ\"]\n"),
            ("a.txt", b"Comfort girls.\n"),
        ],
    );
    let o = run(&dir.path().join("repo"), &["check", "a.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is outside"), "{err}");
    assert!(!err.contains("PATH="), "{err}");
}

#[test]
fn a_glossary_that_is_no_file_is_refused_unread() {
    // `/dev/zero` took 3 GB; a FIFO hung.
    let dir = scratch(&[("a.txt", b"Comfort girls.\n")]);
    let fifo = dir.path().join("fifo.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for glossary in ["/dev/zero", "fifo.csv"] {
        let o = run(dir.path(), &["check", "-g", glossary, "a.txt"], None);
        assert_eq!(o.status.code(), Some(2), "{glossary}");
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
}

#[test]
fn a_config_above_the_repository_is_not_read() {
    // A parent folder's `fail-on = "never"` turned a failing run into
    // exit 0.
    let dir = repository(
        &[("mtlint.toml", b"fail-on = \"never\"\nmax-penalty = 1e9\n")],
        &[("a.txt", b"The comfort girls were there.\n")],
    );
    let o = run(&dir.path().join("repo"), &["check", "a.txt"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn fix_write_keeps_a_symlink_and_writes_its_target() {
    // A symlink was replaced by a regular file and its target left as it
    // was.
    let dir = scratch(&[("real.txt", b"The comfort girls were there.\n")]);
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).expect("symlink");
    let o = run(dir.path(), &["fix", "--write", "link.txt"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = fs::symlink_metadata(dir.path().join("link.txt")).expect("link");
    assert!(link.file_type().is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("real.txt")).expect("target"),
        "The comfort women were there.\n"
    );
}

#[test]
fn fix_write_refuses_a_hard_linked_file() {
    let dir = scratch(&[("a.txt", b"The comfort girls were there.\n")]);
    fs::hard_link(dir.path().join("a.txt"), dir.path().join("b.txt")).expect("link");
    let o = run(dir.path(), &["fix", "--write", "a.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hard links"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("b.txt")).expect("b"),
        "The comfort girls were there.\n"
    );
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    // A killed run left a hidden `.mtlint-XXXXXX` file behind.
    let dir = scratch(&[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir.path())
        .args(["check", "--report-dir", "r", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("mtlint runs");
    // The report files are open while the run reads standard input.
    let started = std::time::Instant::now();
    let temporary = || {
        fs::read_dir(dir.path().join("r"))
            .map(|d| d.filter_map(Result::ok).count())
            .unwrap_or(0)
    };
    while temporary() < 7 && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(temporary() >= 7, "the run opened its reports");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("mtlint ends");
    assert_eq!(status.code(), Some(130));
    assert_eq!(temporary(), 0, "no temporary file is left");
}

#[test]
fn a_failed_run_leaves_no_stale_reports() {
    // When every input failed, the previous run's reports stayed as if
    // they were this run's.
    let dir = scratch(&[("a.txt", b"The comfort girls were there.\n")]);
    let o = run(dir.path(), &["check", "--report-dir", "r", "a.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(dir.path().join("r/findings.csv").exists());
    fs::write(dir.path().join("a.txt"), b"\0binary").expect("break the input");
    let o = run(dir.path(), &["check", "--report-dir", "r", "a.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("r/findings.csv").exists());
    assert!(!dir.path().join("r/summary.csv").exists());
}

#[test]
fn a_report_folder_in_the_tree_is_not_checked_next_run() {
    // A report folder inside the checked tree was checked on the next run:
    // its annotations raised 30 findings.
    let dir = scratch(&[("docs/a.txt", b"The comfort girls were there.\n")]);
    let first = run(
        dir.path(),
        &["check", "-f", "csv", "--report-dir", "docs/r", "docs"],
        None,
    );
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let second = run(dir.path(), &["check", "-f", "csv", "docs"], None);
    assert_eq!(stdout(&first), stdout(&second));
}

#[test]
fn a_huge_invalid_regex_is_not_echoed_whole() {
    // An invalid 1.4 MB regex was echoed whole in its error.
    let pattern = format!("({}", "a".repeat(1_400_000));
    let glossary = format!("term,match\n{pattern},regex\n");
    let dir = scratch(&[("g.csv", glossary.as_bytes()), ("a.txt", b"text\n")]);
    let o = run(dir.path(), &["check", "-g", "g.csv", "a.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).len() < 1000, "{} bytes", stderr(&o).len());
}

/// `bytes` gzipped.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

#[test]
fn a_gzip_bomb_ends_in_one_error() {
    // A 10 MB gzip passed 7 GB in 13 s.
    let bomb = gzip(&vec![b'a'; 50 << 20]);
    let dir = scratch(&[("bomb.tsv.gz", &bomb)]);
    let o = run(
        dir.path(),
        &[
            "glossary",
            "import",
            "--from",
            "mqm",
            "bomb.tsv.gz",
            "-o",
            "g.csv",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--max-ratio"), "{err}");
    assert!(!dir.path().join("g.csv").exists());
}

#[test]
fn a_huge_archive_member_ends_in_one_error() {
    // A tar member that declares 10 GB was read whole.
    let mut tar = tar::Builder::new(Vec::new());
    let data = vec![b'x'; 8 << 20];
    let mut header = tar::Header::new_gnu();
    header.set_size(data.len() as u64);
    header.set_cksum();
    tar.append_data(&mut header, "big.tsv", data.as_slice())
        .expect("member");
    let archive = gzip(&tar.into_inner().expect("tar"));
    let dir = scratch(&[("a.tar.gz", &archive)]);
    let o = run(
        dir.path(),
        &[
            "glossary",
            "import",
            "--from",
            "mqm",
            "a.tar.gz",
            "--max-bytes",
            "1000000",
            "-o",
            "g.csv",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gives more than"), "{}", stderr(&o));
}

#[test]
fn a_prh_import_of_a_device_is_refused() {
    // `imports: [/dev/zero]` was read until memory ran out.
    let dir = scratch(&[("prh.yml", b"version: 1\nimports:\n  - /dev/zero\n")]);
    let o = run(
        dir.path(),
        &[
            "glossary", "import", "--from", "prh", "prh.yml", "-o", "g.csv",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

#[test]
fn a_tbx_with_the_standard_doctype_is_read() {
    // `<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">` was refused, and
    // the error named the wrong line.
    let tbx = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n\
        <martif type=\"TBX\" xml:lang=\"en\"><text><body>\n\
        <termEntry id=\"c1\">\n\
        <langSet xml:lang=\"nl\"><tig><term>troostmeisjes</term></tig></langSet>\n\
        <langSet xml:lang=\"en\"><tig><term>comfort women</term></tig>\
        <tig><term>comfort girls</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig></langSet>\n\
        </termEntry></body></text></martif>\n";
    let dir = scratch(&[("t.tbx", tbx.as_bytes())]);
    let o = run(
        dir.path(),
        &[
            "glossary", "import", "--from", "tbx", "t.tbx", "-o", "g.csv",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let glossary = fs::read_to_string(dir.path().join("g.csv")).expect("glossary");
    assert!(
        glossary.contains("comfort girls,comfort women"),
        "{glossary}"
    );
}

#[test]
fn dev_zero_ends_in_one_error() {
    // `/dev/zero` (and an endless standard input) was read until memory ran
    // out. Read as text, it is refused at its first part; read whole, at
    // the size limit.
    let o = run(root(), &["check", "/dev/zero"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/dev/zero:1:1: binary file"),
        "{}",
        stderr(&o)
    );
    let o = run(
        root(),
        &[
            "check",
            "--input",
            "markdown",
            "--max-file-size",
            "4M",
            "/dev/zero",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("larger than 4194304 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fix_write_keeps_csv_fields_whole() {
    // A suggestion with a comma, quote or tab went into an unquoted field,
    // and the row silently gained fields.
    let table = "id,source,target\n\
        1,het lab,The research lab is open.\n\
        2,het lab,\"The research lab is \"\"open\"\".\"\n";
    let glossary = "id,term,suggestion,severity\nlab,research lab,\"lab, \"\"R&D\"\"\",minor\n";
    let dir = scratch(&[("t.csv", table.as_bytes()), ("g.csv", glossary.as_bytes())]);
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "t.csv",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = fs::read_to_string(dir.path().join("t.csv")).expect("fixed");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(fixed.as_bytes())
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 3), "{fixed}");
    // The unquoted field cannot hold the comma: it is left for a person.
    assert_eq!(rows[0][2], "The research lab is open.");
    // The quoted one takes it, its quotes doubled.
    assert_eq!(rows[1][2], "The lab, \"R&D\" is \"open\".");
    // The finding that was left is still reported.
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "t.csv",
        ],
        None,
    );
    assert_eq!(common::csv_rows(&stdout(&o)).len(), 1, "{}", stdout(&o));
}

#[test]
fn diff_of_a_file_with_a_lone_cr_applies() {
    // The diff split lines at a lone CR (old Mac line ends) as well as at
    // LF, and wrote no LF after such a line: the next line of the patch,
    // even the next file's header, was glued onto it, and `git apply`
    // failed or patched the wrong lines.
    let text = "Old line\rThe comfort girls.\nlast\r";
    let dir = scratch(&[
        ("a.txt", text.as_bytes()),
        ("b.txt", b"The comfort girls.\n"),
    ]);
    let o = run(dir.path(), &["fix", "a.txt", "b.txt"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = stdout(&o);
    assert!(diff.contains("\n+++ b/b.txt\n"), "{diff:?}");
    git_apply(dir.path(), diff.as_ref());
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).expect("a"),
        text.replace("comfort girls", "comfort women")
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.txt")).expect("b"),
        "The comfort women.\n"
    );
}

/// Whether a terminal or a CI log may act on `c` instead of showing it:
/// what the human output, GitHub annotations and error lines must never
/// print raw (C0, DEL, C1, U+2028/9, the bidi embeddings, overrides and
/// isolates).
fn is_unsafe(c: char) -> bool {
    mtlint::report::escape::is_unsafe(c)
}

/// The output lines that GitHub Actions would run as a workflow command:
/// `::name` at the start after white space, or `##[name` anywhere.
fn command_lines(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.trim_start().starts_with("::") || l.contains("##["))
        .collect()
}

/// Every raw character of `out` that a terminal would act on, but the
/// line ends that the format writes itself.
fn raw_controls(out: &str) -> Vec<char> {
    out.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect()
}

#[test]
fn file_name_cannot_inject_a_workflow_command() {
    // A file named `a\n::error file=x::INJECTED\n.txt` printed a line that
    // GitHub Actions ran as a workflow command: in the human output, in
    // `--format github` and in the `mtlint: error:` line on stderr. So did
    // a file whose name starts with `::`, at the start of the human
    // output's summary line.
    let evil = "a\n::error file=x::INJECTED\n.txt";
    let colons = "::warning::x.txt";
    let dir = scratch(&[
        (evil, b"The comfort girls.\n"),
        (colons, b"The comfort girls.\n"),
    ]);
    for format in ["human", "github"] {
        let o = run(
            dir.path(),
            &["check", "-f", format, "--", evil, colons],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let commands = command_lines(&out);
        match format {
            "github" => {
                assert_eq!(commands.len(), 2, "{out}");
                assert!(
                    // Major findings: errors, as in SARIF.
                    commands.iter().all(|l| l.starts_with("::error file=")),
                    "{out}"
                );
                assert!(out.contains("file=a\\n%3A%3Aerror file=x%3A%3AINJECTED\\n.txt,"));
            }
            _ => {
                assert!(commands.is_empty(), "{out}");
                assert!(out.contains("a\\n::error file=x::INJECTED\\n.txt: 1 finding"));
                assert!(out.contains("\n./::warning::x.txt: 1 finding"), "{out}");
            }
        }
    }
    let missing = "missing\n::error file=x::INJECTED\x1b[31m";
    let o = run(dir.path(), &["check", "--", missing], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "mtlint: error: missing\\n::error file=x::INJECTED\\u{1b}[31m: no such file or directory\n"
    );
}

#[test]
fn diff_header_quotes_a_file_name_that_would_break_it() {
    // A line end in a file name broke the `---`/`+++` header of the diff,
    // and with it the patch. The name is quoted as git quotes it, and
    // `git apply` takes the patch.
    let name = "we\x1b[31mird\n+++ b/x\t\"q\"\r\u{202e}\u{9b}.txt";
    let dir = scratch(&[(name, b"The comfort girls.\n")]);
    let o = run(dir.path(), &["fix", "--", name], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = stdout(&o);
    let quoted = "\"a/we\\033[31mird\\n+++ b/x\\t\\\"q\\\"\\r\\342\\200\\256\\302\\233.txt\"";
    assert!(
        diff.starts_with(&format!("--- {quoted}\n+++ \"b/")),
        "{diff}"
    );
    assert_eq!(diff.lines().filter(|l| l.starts_with("+++")).count(), 1);
    git_apply(dir.path(), o.stdout.as_ref());
    assert_eq!(
        fs::read_to_string(dir.path().join(name)).expect("patched"),
        "The comfort women.\n"
    );
}

#[test]
fn csv_formula_injection_is_neutralised() {
    // A file name, the flagged text, a suggestion or a note that started
    // with `=`, `+`, `-` or `@` went into findings.csv and summary.csv as
    // it was, and a spreadsheet ran it as a formula.
    let glossary = "id,term,suggestion,match,severity,note\n\
        sum,[-+=@]sum\\(\\d\\),\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",regex,major,\"@SUM(1+1)*cmd|' /C calc'!A0\"\n";
    let dir = scratch(&[
        ("=cmd.txt", b"It says -sum(1) here.\n"),
        ("g.csv", glossary.as_bytes()),
    ]);
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "--report-dir",
            "r",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "=cmd.txt"]);
        let o = run(dir.path(), &args, None);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let read = |name: &str| fs::read_to_string(dir.path().join("r").join(name)).expect(name);
        let cells = |text: String| -> Vec<Vec<String>> {
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .map(|r| r.expect("row").iter().map(str::to_owned).collect())
                .collect()
        };
        (cells(read("findings.csv")), cells(read("summary.csv")))
    };

    let (findings, summary) = check(&[]);
    assert_eq!(findings.len(), 1);
    let row = &findings[0];
    assert_eq!(row[0], "'=cmd.txt");
    assert_eq!(row[5], "'-sum(1)");
    assert_eq!(row[6], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(row[12], "'@SUM(1+1)*cmd|' /C calc'!A0");
    // The numbers mtlint writes are left alone.
    assert_eq!(&row[1..5], ["1", "9", "8", "15"]);
    assert_eq!(row[11], "5.000");
    assert_eq!(summary[0][0], "'=cmd.txt");
    assert!(summary[0][1].parse::<usize>().is_ok(), "{:?}", summary[0]);

    // --csv-raw and `csv-raw = true` write the cells exactly.
    let (findings, summary) = check(&["--csv-raw"]);
    assert_eq!(findings[0][0], "=cmd.txt");
    assert_eq!(findings[0][5], "-sum(1)");
    assert_eq!(findings[0][12], "@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(summary[0][0], "=cmd.txt");
    fs::write(dir.path().join("mtlint.toml"), "csv-raw = true\n").expect("config");
    let (findings, summary) = check(&[]);
    assert_eq!(findings[0][6], "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(summary[0][0], "=cmd.txt");
}

/// One of every class of character that a terminal or CI log acts on,
/// with an escape sequence, a title-setting sequence, a line that looks
/// like a workflow command and a legacy one.
const CLASSES: &str = "\x01\x07\x08\t\x0b\x0c\x1b[31m\x1b]0;owned\x07\x1f\x7f\u{80}\u{85}\u{9b}2J\u{9f}\
    \u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{2028}\u{2029}\
    lone\rcr\r\n::error file=x::INJECTED ##[error]legacy";

#[test]
fn every_format_is_safe_for_every_codepoint_class() {
    // File names, flagged text, suggestions and notes with every class of
    // control character went raw into the human output, the GitHub
    // annotations and error lines, and formula-looking cells into the CSV.
    // Every format now either escapes them (human, github, stderr),
    // neutralises them (csv), or keeps them exactly (json, jsonl, sarif,
    // and the diff, which must stay a patch).
    let file = format!("={}.txt", CLASSES.replace(['\0', '/'], ""));
    let text = format!("x\x1b[31my =sum(1) z\nthen bad{CLASSES}word end.\n");
    let suggestion = format!("+fix{}", CLASSES.replace('$', ""));
    let note = format!("-note \0{CLASSES}");
    let csv_field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let glossary = format!(
        "id,term,suggestion,match,severity,note\n\
         span,(?s)bad.+?word,{},regex,major,{}\n\
         sum,[-+=@]sum\\(\\d\\),@fixed,regex,minor,{}\n",
        csv_field(&suggestion),
        csv_field(&note),
        csv_field(&note),
    );
    let dir = scratch(&[
        (file.as_str(), text.as_bytes()),
        ("g.csv", glossary.as_bytes()),
    ]);
    let matched = {
        let start = text.find("bad").expect("bad");
        let end = start + text[start..].find("word").expect("word") + 4;
        &text[start..end]
    };
    let check = |format: &str, extra: &[&str]| {
        let mut args = vec![
            "check",
            "--no-default-glossary",
            "-g",
            "g.csv",
            "--fail-on",
            "never",
            "--max-penalty",
            "1e9",
            "--color",
            "never",
            "-f",
            format,
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", &file]);
        let o = run(dir.path(), &args, None);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(raw_controls(&stderr(&o)).is_empty(), "{}", stderr(&o));
        stdout(&o)
    };

    // JSON keeps every text exactly, and writes no raw control character.
    let json = check("json", &[]);
    assert!(raw_controls(&json).is_empty(), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let results = v["documents"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let span = &results[1];
    assert_eq!(span["file"], file.as_str());
    assert_eq!(span["text"], matched);
    assert_eq!(span["suggestions"][0], suggestion.as_str());
    assert_eq!(span["note"], note.as_str());
    assert_eq!(results[0]["text"], "=sum(1)");
    let jsonl = check("jsonl", &[]);
    assert!(raw_controls(&jsonl).is_empty(), "{jsonl}");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{jsonl}");
    for (line, result) in lines.iter().zip(results) {
        for key in ["file", "text", "suggestions", "note", "start", "end"] {
            assert_eq!(line[key], result[key], "{key}");
        }
    }
    let sarif = check("sarif", &[]);
    assert!(raw_controls(&sarif).is_empty(), "{sarif}");
    let v: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    let result = &v["runs"][0]["results"][1];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["snippet"]["text"], matched);
    assert_eq!(
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        suggestion.as_str()
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .expect("message")
            .ends_with(&note)
    );

    // The human output and the annotations escape everything.
    for format in ["human", "github"] {
        let out = check(format, &[]);
        assert!(raw_controls(&out).is_empty(), "{format}: {out}");
        let commands = command_lines(&out);
        if format == "github" {
            assert_eq!(commands.len(), 2, "{out}");
            for line in commands {
                let (props, data) = line
                    .strip_prefix("::warning ")
                    .or_else(|| line.strip_prefix("::error "))
                    .and_then(|l| l.split_once("::"))
                    .expect("one workflow command per line");
                assert!(
                    props.starts_with("file==") && !props.contains(':'),
                    "{line}"
                );
                assert!(!data.is_empty());
            }
        } else {
            assert!(commands.is_empty(), "{out}");
        }
        assert!(
            out.contains("\\u{1b}[31m") && out.contains("\\u{202e}"),
            "{out}"
        );
        assert!(out.contains("lone\\rcr\\r\\n::error file="), "{out}");
    }
    // The caret stays under the flagged text when the line before it has
    // an escape sequence (shown as one column, ␛).
    let human = check("human", &[]);
    let lines: Vec<&str> = human.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("␛[31my =sum(1)"))
        .expect("the source line");
    let column = |l: &str, pat: char| l.chars().position(|c| c == pat).expect("column");
    assert_eq!(
        column(lines[at], '='),
        column(lines[at + 1], '^'),
        "{human}"
    );

    // CSV neutralises formula-looking text cells unless --csv-raw.
    for raw in [false, true] {
        let csv_text = check("csv", if raw { &["--csv-raw"] } else { &[] });
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv_text.as_bytes())
            .records()
            .map(|r| r.expect("row"))
            .collect();
        assert_eq!(rows.len(), 2);
        for (row, result) in rows.iter().zip(results) {
            let exact = [
                (0, result["file"].as_str()),
                (5, result["text"].as_str()),
                (6, result["suggestions"][0].as_str()),
                (12, result["note"].as_str()),
            ];
            for (i, value) in exact {
                let value = value.expect("a string");
                if raw {
                    assert_eq!(&row[i], value);
                } else if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    assert_eq!(row[i], format!("'{value}"));
                } else {
                    assert_eq!(&row[i], value);
                }
            }
            assert_eq!(row[3], result["start"].to_string());
        }
    }

    // The diff keeps the lines exactly (it is a patch) and its header on
    // one line each.
    let diff = check("diff", &[]);
    let headers: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with("--- ") || l.starts_with("+++ "))
        .collect();
    assert_eq!(headers.len(), 2, "{diff}");
    assert!(headers[0].starts_with("--- \"a/=\\001\\a\\b\\t"), "{diff}");
    let first_line = &matched[..=matched.find('\n').expect("two lines")];
    assert!(diff.contains(&format!("\n-then {first_line}")), "{diff:?}");
    assert!(!headers.iter().any(|h| h.contains("##[")), "{diff}");
    assert!(diff.contains("\n+x\x1b[31my @fixed z\n"), "{diff:?}");
    // And it applies: `git apply` gives what `fix --write` writes.
    git_apply(dir.path(), diff.as_ref());
    let patched = fs::read_to_string(dir.path().join(&file)).expect("patched");
    assert_eq!(
        patched,
        text.replace(matched, &suggestion)
            .replace("=sum(1)", "@fixed")
    );
}

#[test]
fn first_hour_messages_say_what_to_do() {
    // A Latin-1 file got no iconv hint (UTF-16 did); --diff-base outside a
    // repository printed git's `fatal:`; a missing glossary said `entity
    // not found`; `glossary check` said `ok: 1 entries`.
    let dir = scratch(&[
        ("latin1.txt", b"caf\xe9\n"),
        ("a.txt", b"Comfort girls.\n"),
        (
            "one.csv",
            b"term,suggestion,example\ncomfort girls,comfort women,The comfort girls.\n",
        ),
    ]);
    let o = run(dir.path(), &["check", "latin1.txt"], None);
    assert!(
        stderr(&o).contains("iconv -f WINDOWS-1252 -t UTF-8"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), &["check", "--diff-base", "HEAD", "a.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not in a git repository"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("fatal:"), "{}", stderr(&o));
    let o = run(dir.path(), &["check", "-g", "missing.csv", "a.txt"], None);
    assert!(
        stderr(&o).contains("missing.csv: cannot read glossary: no such file or directory"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), &["glossary", "check", "one.csv"], None);
    assert_eq!(
        stdout(&o),
        "ok: 1 entry in 1 file, 1 example triggers its entry\n"
    );
}

#[test]
fn a_suppression_without_the_namespace_still_suppresses() {
    // `<!-- mtlint-disable-next-line nl-comfort-girls -->` (without
    // `glossary:`) was ignored silently.
    let dir = scratch(&[(
        "a.txt",
        b"<!-- mtlint-disable-next-line nl-comfort-girls -->\nThe comfort girls were there.\n",
    )]);
    let o = run(dir.path(), &["check", "-f", "csv", "a.txt"], None);
    assert!(!stdout(&o).contains("nl-comfort-girls"), "{}", stdout(&o));
    let o = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--report-unused-suppressions",
            "a.txt",
        ],
        None,
    );
    assert!(!stdout(&o).contains("unused-suppression"), "{}", stdout(&o));
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

#[test]
fn a_path_too_long_for_the_system_does_not_stop_the_walk() {
    // One path longer than PATH_MAX anywhere in a folder aborted the whole
    // run.
    let dir = scratch(&[("a.txt", b"The comfort girls were there.\n")]);
    // Made one folder at a time from inside the last, as no single path
    // that long can be.
    let name = "d".repeat(200);
    let made = std::process::Command::new("bash")
        .current_dir(dir.path())
        .args([
            "-c",
            &format!("for i in $(seq 1 25); do mkdir {name} && cd {name} || exit 1; done; echo text > deep.txt"),
        ])
        .status()
        .expect("bash runs");
    assert!(made.success());
    let o = run(dir.path(), &["check", "-f", "csv", "."], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).contains("comfort girls"), "the rest is checked");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.len() < 400, "a short line: {} bytes", err.len());
}

/// The seed article repeated, written three ways: paragraphs between blank
/// lines, one paragraph per line, and all of it on one line.
fn article_layouts(copies: usize) -> tempfile::TempDir {
    let article = fs::read_to_string(root().join("fixtures/seed-article-nl-en.txt"))
        .expect("the seed article");
    let blank = article.repeat(copies);
    let lines = article.replace("\n\n", "\n").repeat(copies);
    let one = article.replace('\n', " ").repeat(copies);
    scratch(&[
        ("blank.txt", blank.as_bytes()),
        ("lines.txt", lines.as_bytes()),
        ("one.txt", one.as_bytes()),
    ])
}

#[test]
fn a_large_text_read_in_parts_is_reported_as_if_read_whole() {
    // Parts of 1,500 bytes cut a 38 KB file thirty-odd times: at blank
    // lines, at the ends of sentences within lines, and within its one
    // line. Every report, the diff included, must be byte for byte what
    // the whole file gives; the human output too, but for the columns a
    // part that starts within a line counts from its start.
    let dir = article_layouts(12);
    for file in ["blank.txt", "lines.txt", "one.txt"] {
        for format in ["csv", "json", "jsonl", "sarif", "github", "diff", "human"] {
            if file == "one.txt" && format == "human" {
                continue;
            }
            let args = [
                "check",
                "--color",
                "never",
                "--fail-on",
                "never",
                "--max-penalty",
                "1e9",
                "-f",
                format,
                file,
            ];
            let whole = run(dir.path(), &args, None);
            let mut parted = args.to_vec();
            parted.extend(["--part-size", "1500"]);
            let parts = run(dir.path(), &parted, None);
            assert_eq!(whole.status.code(), Some(0), "{}", stderr(&whole));
            assert!(whole.stdout.len() > 1000, "{file} {format}");
            assert_eq!(stdout(&whole), stdout(&parts), "{file} -f {format}");
        }
    }
    // The summary of the parts is the file's, in summary.csv too.
    let whole = run(
        dir.path(),
        &["check", "--report-dir", "w", "lines.txt"],
        None,
    );
    let parts = run(
        dir.path(),
        &[
            "check",
            "--report-dir",
            "p",
            "--part-size",
            "1500",
            "lines.txt",
        ],
        None,
    );
    assert_eq!(whole.status.code(), parts.status.code());
    for name in ["summary.csv", "findings.csv", "suggestions.diff"] {
        assert_eq!(
            fs::read(dir.path().join("w").join(name)).unwrap(),
            fs::read(dir.path().join("p").join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn suppression_comments_reach_across_parts() {
    // A region opened in the first part holds to the end of the file, a
    // next-line comment on a part's last line covers the next part's
    // first line, and neither is reported unused.
    let article = fs::read_to_string(root().join("fixtures/seed-article-nl-en.txt"))
        .expect("the seed article");
    let body = article.replace("\n\n", "\n").repeat(10);
    let text = format!(
        "<!-- mtlint-disable glossary:nl-comfort-girls -->\n{body}\
         <!-- mtlint-disable-next-line -->\nComfort girls give billions out.\n"
    );
    let dir = scratch(&[("a.txt", text.as_bytes())]);
    let args = [
        "check",
        "-f",
        "csv",
        "--fail-on",
        "never",
        "--report-unused-suppressions",
        "a.txt",
    ];
    let whole = run(dir.path(), &args, None);
    let mut parted = args.to_vec();
    parted.extend(["--part-size", "2000"]);
    let parts = run(dir.path(), &parted, None);
    let found = stdout(&whole);
    assert!(!found.contains("nl-comfort-girls"), "{found}");
    assert!(!found.contains("unused-suppression"), "{found}");
    assert_eq!(found, stdout(&parts));
    // The next-line comment, cut from its line by the part size.
    let cut = text.len() - "Comfort girls give billions out.\n".len();
    let size = cut.to_string();
    let at_end = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--fail-on",
            "never",
            "--part-size",
            &size,
            "a.txt",
        ],
        None,
    );
    assert_eq!(stdout(&at_end), found);
}

#[test]
fn standard_input_of_any_size_is_read_in_parts() {
    // Far more than --max-file-size, which bounds only what is read
    // whole: plain text is checked a part at a time.
    let article = fs::read_to_string(root().join("fixtures/seed-article-nl-en.txt"))
        .expect("the seed article");
    let text = article.repeat(40);
    let dir = scratch(&[("a.txt", text.as_bytes())]);
    let piped = run(
        dir.path(),
        &[
            "check",
            "-f",
            "csv",
            "--max-file-size",
            "4K",
            "--part-size",
            "4K",
            "-",
        ],
        Some(text.as_bytes()),
    );
    let whole = run(dir.path(), &["check", "-f", "csv", "a.txt"], None);
    assert_eq!(piped.status.code(), Some(1), "{}", stderr(&piped));
    assert_eq!(stdout(&piped).replace("\n'-,", "\na.txt,"), stdout(&whole),);
    // Bad bytes deep in the stream are placed in it.
    let mut bad = text.clone().into_bytes();
    bad.extend(b"A \xff here\n");
    let out = run(dir.path(), &["check", "--part-size", "4K", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    let line = text.matches('\n').count() + 1;
    let column = text[text.rfind('\n').unwrap() + 1..].chars().count() + 3;
    let place = format!(
        "-:{line}:{column}: not valid UTF-8 at byte offset {}",
        text.len() + 2
    );
    assert!(stderr(&out).contains(&place), "{}", stderr(&out));
}

#[test]
fn a_language_code_from_the_file_is_shown_not_run() {
    // The human summary names the language pair a document was checked
    // as; a PO header or an HTML `lang` attribute can hold anything.
    let po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: {}\\n\"\n\nmsgid \"Save\"\nmsgstr \"Save it\"\n",
        "x\x1b[31m\u{202e}"
    );
    let html = "<html lang=\"&#x1b;[31m&#x202e;x\"><body><p>The text.</p></body></html>\n";
    let dir = scratch(&[("a.po", po.as_bytes()), ("b.html", html.as_bytes())]);
    for file in ["a.po", "b.html"] {
        let o = run(
            dir.path(),
            &[
                "check",
                "--fail-on",
                "never",
                "--color",
                "never",
                "--",
                file,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(raw_controls(&out).is_empty(), "{file}: {out:?}");
        assert!(out.contains(" (as "), "{file}: {out:?}");
    }
}
