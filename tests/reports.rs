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
            "Café <b>bold</b> & the comfort girls: \u{202e}reversed\u{202c}, \"quoted\" 'text', on a long day.\n"
                .as_bytes(),
        ),
    ]);
    fs::write(
        dir.path().join("g.csv"),
        "id,term,suggestion,category,severity,note\n\
         remembered,were remembered,were commemorated,style,minor,\"<script>alert(3)</script> & </script> note\"\n",
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

/// The data blocks of a report: the JSON inside each `<script
/// type="application/json">`.
fn data_blocks(html: &str) -> Vec<serde_json::Value> {
    html.split("<script type=\"application/json\"")
        .skip(1)
        .map(|rest| {
            let start = rest.find('>').expect("tag end") + 1;
            let end = rest.find("</script>").expect("block end");
            serde_json::from_str(&rest[start..end]).expect("a block is JSON")
        })
        .collect()
}

#[test]
fn html_report_is_self_contained_and_escapes_everything() {
    let dir = hostile_inputs();
    let reports = report_dir(dir.path(), &[]);
    let html = fs::read_to_string(reports.join("report.html")).expect("report.html");
    let findings = csv_rows(&fs::read_to_string(reports.join("findings.csv")).expect("csv"));
    // Nothing from the input runs: the only script elements are the data
    // blocks and the report's own script at the end.
    assert!(!html.contains("<script>alert"), "a script from the input");
    assert!(!html.contains("alert(1)</script>"));
    assert!(!html.contains("<b>bold"));
    let scripts = html.matches("<script").count();
    let blocks = data_blocks(&html);
    assert_eq!(scripts, blocks.len() + 1, "data blocks and one script");
    assert_eq!(blocks.len(), 3 + 1, "three documents and the rules");
    // The file name with markup is escaped where the page draws it.
    assert!(html.contains("a&lt;script&gt;alert(1)&lt;/script&gt;.txt"));
    // Every byte of the text and every note survives, as data.
    let docs: Vec<&serde_json::Value> = blocks.iter().filter(|b| b.get("text").is_some()).collect();
    let texts: Vec<&str> = docs
        .iter()
        .map(|d| d["text"].as_str().expect("text"))
        .collect();
    // Different articles, different scores.
    let mut qualities: Vec<String> = docs.iter().map(|d| d["quality"].to_string()).collect();
    qualities.sort();
    qualities.dedup();
    assert_eq!(qualities.len(), 3, "{qualities:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("</script><script>alert(2)</script>"))
    );
    assert!(texts.iter().any(|t| t.contains("\u{202e}reversed")));
    let rules = blocks.last().expect("rules").to_string();
    assert!(rules.contains("<script>alert(3)</script> & </script> note"));
    // Every finding is in the data, with UTF-16 offsets that point at its
    // text.
    let in_data: usize = docs
        .iter()
        .map(|d| d["findings"].as_array().expect("findings").len())
        .sum();
    assert_eq!(in_data, findings.len());
    for doc in &docs {
        let units: Vec<u16> = doc["text"].as_str().expect("text").encode_utf16().collect();
        for f in doc["findings"].as_array().expect("findings") {
            let (start, end) = (f[0].as_u64().expect("start"), f[1].as_u64().expect("end"));
            let text = String::from_utf16(&units[start as usize..end as usize]).expect("utf-16");
            let file = doc["file"].as_str().expect("file");
            let line = f[6].as_u64().expect("line") as usize;
            assert!(
                findings.iter().any(|r| r.4 == text && r.0 == line),
                "{file}:{line}: {text:?} is not a finding"
            );
        }
    }
    // Self-contained: nothing is fetched.
    for fetch in ["src=", "href=\"http", "@import", "url(", "<link", "<iframe"] {
        assert!(!html.contains(fetch), "{fetch}");
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("<svg role=\"img\""));
}

/// LibreOffice's `soffice`, which `.ci/run` installs; `None` (skipped,
/// saying so) only outside CI.
fn soffice() -> Option<&'static str> {
    let works = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some("soffice");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run this test: no soffice (.ci/run installs libreoffice-calc-nogui)"
    );
    eprintln!("skipped: no LibreOffice (soffice) on the PATH");
    None
}

#[test]
fn csv_with_bom_opens_in_libreoffice_with_accents_intact() {
    let dir = scratch(&[(
        "t.txt",
        "Café: the comfort girls → were remembered.\n".as_bytes(),
    )]);
    let o = run(
        dir.path(),
        &[
            "check",
            "--csv-bom",
            "-f",
            "csv",
            "-o",
            "findings.csv",
            "t.txt",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let Some(soffice) = soffice() else {
        return;
    };
    // Read as UTF-8 (what the BOM says; LibreOffice's headless conversion
    // takes the charset from the filter options) and written back as
    // UTF-8 CSV: the BOM must not leak into the first header cell, and
    // the accents and arrows must survive.
    let o = Command::new(soffice)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .args([
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            "out",
            "findings.csv",
        ])
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let back = fs::read_to_string(dir.path().join("out/findings.csv")).expect("converted");
    assert!(back.starts_with("file,line,column,"), "{back}");
    assert!(
        back.contains("Café: the ⟦comfort girls⟧ → were remembered."),
        "{back}"
    );
}
