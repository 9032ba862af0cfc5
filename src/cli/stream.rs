//! `mtlint check --input jsonl`: records in, findings out, as JSON Lines.
//!
//! Each input line is a record `{"id", "text", "source"?, "lang"?}`; each
//! finding is written as one line with the record's `id` and the columns of
//! `findings.csv` (offsets, lines and columns into the record's `text`).
//! Records are read in batches of a fixed size, checked in parallel and
//! written in input order, so memory stays the same however long the
//! stream is: this is the map step of a batch engine (Spark `pipe`, Hadoop
//! streaming).

use std::io::BufRead;

use serde_json::json;

use super::*;
use crate::input::parse_record;

/// Records checked at once: enough to keep every core busy, few enough that
/// memory does not depend on the input.
const BATCH: usize = 2048;

/// The version of the JSONL finding format.
const VERSION: u32 = 1;

pub(super) fn run(
    checker: &Checker,
    paths: &[PathBuf],
    lang: Option<&str>,
    jobs: Option<usize>,
) -> Result<u8, Stop> {
    let pool = thread_pool(jobs)?;
    let paths = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut code = EXIT_PASS;
    for path in &paths {
        let reader: Box<dyn BufRead> = if path == Path::new("-") {
            Box::new(io::BufReader::new(io::stdin().lock()))
        } else {
            match std::fs::File::open(path) {
                Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                    error_line(&format!(
                        "{}: is a folder; name the JSONL files, or - for standard input",
                        path.display()
                    ));
                    code = EXIT_ERROR;
                    continue;
                }
                Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
                Err(e) => {
                    error_line(&format!("{}: cannot read: {e}", path.display()));
                    code = EXIT_ERROR;
                    continue;
                }
            }
        };
        let file_code = stream(checker, &pool, path, lang, reader, &mut out)?;
        code = worse(code, file_code);
    }
    out.flush()?;
    Ok(code)
}

/// The more serious of two exit codes (errors over failures over passes).
fn worse(a: u8, b: u8) -> u8 {
    a.max(b)
}

fn stream(
    checker: &Checker,
    pool: &rayon::ThreadPool,
    path: &Path,
    lang: Option<&str>,
    mut reader: Box<dyn BufRead>,
    out: &mut impl Write,
) -> Result<u8, Stop> {
    let mut code = EXIT_PASS;
    let mut line_no = 0usize;
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
    let mut eof = false;
    while !eof {
        batch.clear();
        while batch.len() < BATCH {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) => {
                    line_no += 1;
                    if !line.trim().is_empty() {
                        batch.push((line_no, line));
                    }
                }
                Err(e) => {
                    error_line(&format!(
                        "{}:{}: cannot read: {e}",
                        path.display(),
                        line_no + 1
                    ));
                    return Ok(EXIT_ERROR);
                }
            }
        }
        let results: Vec<Result<(Vec<u8>, bool), String>> = pool.install(|| {
            batch
                .par_iter()
                .map(|(n, line)| check_line(checker, path, lang, *n, line))
                .collect()
        });
        for result in results {
            match result {
                Ok((bytes, failed)) => {
                    out.write_all(&bytes)?;
                    if failed {
                        code = worse(code, EXIT_FAIL);
                    }
                }
                Err(msg) => {
                    error_line(&msg);
                    code = EXIT_ERROR;
                }
            }
        }
    }
    Ok(code)
}

/// Checks one record: its findings as JSON lines, and whether it fails.
fn check_line(
    checker: &Checker,
    path: &Path,
    lang: Option<&str>,
    line_no: usize,
    line: &str,
) -> Result<(Vec<u8>, bool), String> {
    let record = parse_record(line.trim_end_matches(['\n', '\r'])).map_err(|e| {
        format!(
            "{}:{line_no}:{}: not a valid JSONL record: {}",
            path.display(),
            e.column,
            e.message
        )
    })?;
    let id = record.id.clone();
    let mut doc = record.into_document(path);
    default_lang(&mut doc, lang);
    let checked = checker.check(&doc);
    let mut bytes = Vec::new();
    for f in &checked.findings {
        let span = f.hit.span;
        let (line, column) = doc.line_col(span.start);
        let rule = &f.hit.rule;
        let value = json!({
            "version": VERSION,
            "id": id,
            "file": doc.display_path(),
            "record_line": line_no,
            "line": line,
            "column": column,
            "start": span.start,
            "end": span.end,
            "text": &doc.text[span.range()],
            "suggestion": f.hit.suggestions.join("|"),
            "rule": rule.id,
            "category": rule.category.as_str(),
            "severity": rule.severity.as_str(),
            "confidence": round3(f.hit.confidence),
            "score": round3(f.score),
            "note": rule.note,
        });
        serde_json::to_writer(&mut bytes, &value).expect("writing JSON to memory cannot fail");
        bytes.push(b'\n');
    }
    Ok((bytes, checked.summary.verdict == Verdict::Fail))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
