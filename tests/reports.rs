//! The reports for people: `findings.xlsx` read back by openpyxl, and
//! `report.html` checked for what it must hold and must never run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{csv_rows, root, run, scratch, stderr};

const ARTICLE: &str = "fixtures/seed-article-nl-en.txt";

/// The Python with openpyxl: `MTLINT_PYTHON`, or the virtual environment
/// `.ci/run` makes under target/. `None` (the test is skipped, saying so)
/// only outside CI.
fn python_with_openpyxl() -> Option<PathBuf> {
    let candidate = std::env::var_os("MTLINT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/report-venv/bin/python"));
    let works = Command::new(&candidate)
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(candidate);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run this test: {} has no openpyxl (.ci/run installs it)",
        candidate.display()
    );
    eprintln!(
        "skipped: no Python with openpyxl at {} (run .ci/run, or set MTLINT_PYTHON)",
        candidate.display()
    );
    None
}

/// A folder with the sample article and files whose names and text try to
/// break out of a report.
fn hostile_inputs() -> tempfile::TempDir {
    let article = fs::read(root().join(ARTICLE)).expect("article");
    let dir = scratch(&[
        ("article.txt", &article),
        (
            "a<script>alert(1)</script>.txt",
            "=HYPERLINK(\"x\") the comfort girls </script><script>alert(2)</script> were remembered.\n"
                .as_bytes(),
        ),
        (
            "b.txt",
            "Café <b>bold</b> & the comfort girls: \u{202e}reversed\u{202c}, \"quoted\" 'text'.\n"
                .as_bytes(),
        ),
    ]);
    fs::write(
        dir.path().join("g.csv"),
        "id,term,suggestion,category,severity,note\n\
         comfort,comfort girls,comfort women,terminology,major,\"<script>alert(3)</script> & </script> note\"\n",
    )
    .expect("glossary");
    dir
}

fn report_dir(dir: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec![
        "check",
        "--color",
        "never",
        "-g",
        "g.csv",
        "--report-dir",
        "r",
        "article.txt",
        "a<script>alert(1)</script>.txt",
        "b.txt",
    ];
    args.extend_from_slice(extra);
    let o = run(dir, &args, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    dir.join("r")
}

#[test]
fn xlsx_opens_in_openpyxl_with_every_finding_in_its_context() {
    let dir = hostile_inputs();
    let reports = report_dir(dir.path(), &[]);
    let findings = csv_rows(&fs::read_to_string(reports.join("findings.csv")).expect("csv"));
    assert!(findings.len() > 20, "{}", findings.len());
    let Some(python) = python_with_openpyxl() else {
        return;
    };
    let o = Command::new(python)
        .arg(root().join("tests/reports/check_xlsx.py"))
        .arg(&reports)
        .output()
        .expect("python runs");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .starts_with(&format!("ok {} findings in 3 documents", findings.len())),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
