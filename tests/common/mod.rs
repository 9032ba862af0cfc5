//! Helpers the integration tests share: running the binary, reading its
//! output, scratch folders.

// Each test file uses its own share of these.
#![allow(dead_code)]

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The repository root.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs mtlint in `dir` with `args`, feeding `stdin` when given (standard
/// input is closed otherwise), with the user's NO_COLOR taken away.
pub(crate) fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mtlint runs");
    // Fed from a thread while the output is read: mtlint writes findings
    // while it still reads, and a full output pipe would otherwise wait
    // on a full input pipe.
    std::thread::scope(|scope| {
        if let Some(bytes) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            scope.spawn(move || {
                // mtlint may stop reading early (an error ends the input).
                let _ = pipe.write_all(bytes);
            });
        }
        child.wait_with_output().expect("mtlint ends")
    })
}

/// Standard output as text.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

/// Standard error as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// A scratch folder with the given files.
pub(crate) fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    dir
}

/// `(line, column, start, end, text, suggestion, rule, confidence, score)`
/// of each row of a findings CSV.
pub(crate) type Row = (usize, usize, usize, usize, String, String, String, f64, f64);

/// The rows of a findings CSV (`-f csv`, `findings.csv`).
pub(crate) fn csv_rows(csv_text: &str) -> Vec<Row> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            let r = r.expect("row");
            (
                r[1].parse().expect("line"),
                r[2].parse().expect("column"),
                r[3].parse().expect("start"),
                r[4].parse().expect("end"),
                r[5].to_owned(),
                r[6].to_owned(),
                r[7].to_owned(),
                r[10].parse().expect("confidence"),
                r[11].parse().expect("score"),
            )
        })
        .collect()
}

/// Writes `diff` into `dir` and applies it there with `git apply`,
/// asserting that git takes it.
pub(crate) fn git_apply(dir: &Path, diff: &[u8]) {
    fs::write(dir.join("fix.diff"), diff).expect("write the diff");
    let git = Command::new("git")
        .current_dir(dir)
        .args(["apply", "--unsafe-paths", "fix.diff"])
        .output()
        .expect("git runs");
    assert!(
        git.status.success(),
        "git apply: {}",
        String::from_utf8_lossy(&git.stderr)
    );
}
