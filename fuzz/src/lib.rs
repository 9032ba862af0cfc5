//! What the fuzz targets share: the checker as `mtlint check` builds it
//! (built-in glossaries, every heuristic, the bilingual checks), and the
//! invariants every target asserts on what a parser or importer gives.
//!
//! A target panics (and AFL records a crash) when an invariant fails:
//!
//! - no input makes mtlint panic;
//! - every segment, unit, joined run and escaped stretch of a document is
//!   in bounds and on char boundaries, segments in order;
//! - every finding's span is in bounds and on char boundaries, and the JSON
//!   report's `text` of it is exactly the file's bytes there, at the line
//!   and column the report names (the `text` target runs every other
//!   report format too);
//! - every error is one line, as mtlint prints it;
//! - what an importer writes loads as a glossary without errors, and a
//!   written baseline reads back unchanged.
//!
//! Time and memory are bounded by AFL (`-t`, `-m`); inputs over
//! [`MAX_INPUT`] are not tried, since a real file that large takes
//! proportionally longer and says nothing new about the parser.

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use mtlint::check::{Checker, apply_suggestions};
use mtlint::filter::{Allowlist, Baseline, Filters};
use mtlint::glossary::Glossary;
use mtlint::import::{Input, NewEntry, Skipped, write_glossary};
use mtlint::input::{Columns, InputFormat};
use mtlint::matcher::bilingual::Bilingual;
use mtlint::matcher::heuristics::{self, RuleSelection, Selected};
use mtlint::matcher::{DEFAULT_MIN_SIMILARITY, GlossaryMatcher, MatchOptions};
use mtlint::pipeline::{Pipeline, Session};
use mtlint::report::{Format, JsonReport, ReportOptions, reporter};
use mtlint::text::{Document, Span};

/// The largest input a target tries: 1 MiB.
pub const MAX_INPUT: usize = 1 << 20;

/// The pipeline `mtlint check` runs with its defaults, with every heuristic
/// on (also those off by default) and unused suppression comments
/// reported, so that every detector and filter sees the input. Built once
/// per process: AFL runs many inputs in one.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let glossary = Glossary::defaults().expect("the built-in glossaries load");
        let selection = RuleSelection {
            enable: heuristics::all()
                .iter()
                .map(|h| h.info().id.to_owned())
                .collect(),
            disable: Vec::new(),
        };
        let mut detectors = heuristics::selected(&selection);
        detectors.push(Box::new(Selected::new(
            Box::new(Bilingual::new(Vec::new(), DEFAULT_MIN_SIMILARITY)),
            selection,
        )));
        let checker = Checker {
            glossary: GlossaryMatcher::new(&glossary, MatchOptions::default()),
            detectors,
            weights: Default::default(),
            policy: Default::default(),
        };
        Pipeline {
            checker,
            filters: Filters {
                allow: Allowlist::new(&["vs".to_owned()], &Default::default()),
                report_unused: true,
                changed: None,
            },
        }
    })
}

/// Asserts that `message` (an error as mtlint prints it) is one line.
pub fn assert_one_line(message: &str) {
    assert!(
        !message.contains(['\n', '\r']),
        "an error message spans lines: {message:?}"
    );
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} {span:?} is out of bounds or not on char boundaries (text of {} bytes)",
        text.len()
    );
}

/// Asserts the invariants of a parsed document's structure.
pub fn assert_document(doc: &Document) {
    let text = doc.text.as_str();
    let mut end = 0;
    for seg in &doc.segments {
        assert_span(text, seg.span, "segment");
        assert!(
            seg.span.start >= end,
            "segments out of order: {:?}",
            doc.segments
        );
        end = seg.span.end;
    }
    for unit in &doc.units {
        assert_span(text, unit.span, "unit");
        assert!(
            unit.segments.start <= unit.segments.end && unit.segments.end <= doc.segments.len(),
            "unit segments {:?} of {}",
            unit.segments,
            doc.segments.len()
        );
    }
    for joined in &doc.joined {
        assert!(
            joined.segments.start <= joined.segments.end
                && joined.segments.end <= doc.segments.len(),
            "joined segments {:?} of {}",
            joined.segments,
            doc.segments.len()
        );
        assert_span(
            text,
            joined.to_file(Span::new(0, joined.text.len())),
            "joined run",
        );
    }
    for (span, _) in &doc.escapes {
        assert_span(text, *span, "escaped stretch");
    }
}

/// Runs the check pipeline on `doc` (detect, score, filters, the JSON
/// report, the fixes) and asserts the invariants of what it finds. The
/// other reports cost several times what detection does, and only the
/// findings' spans reach them, which the `text` target varies as well as
/// any: it runs them all ([`check_all_reports`]); the other targets spend
/// their time in their parsers.
pub fn check(doc: &Document) {
    check_with(doc, &[Format::Json]);
}

/// [`check`] with every report format.
pub fn check_all_reports(doc: &Document) {
    check_with(doc, &Format::ALL);
}

fn check_with(doc: &Document, formats: &[Format]) {
    assert_document(doc);
    let pipeline = pipeline();
    let detected = pipeline.run(doc);
    for f in &detected.findings {
        assert_span(&doc.text, f.hit.span, "finding");
    }
    // What `mtlint fix` writes.
    let _ = apply_suggestions(doc, &detected.findings, mtlint::check::Pick::default());

    let mut json = Vec::new();
    {
        let options = ReportOptions::default();
        let mut reports =
            vec![reporter(Format::Json, &mut json, &options).expect("writes to memory")];
        for &format in formats.iter().filter(|&&f| f != Format::Json) {
            reports.push(reporter(format, io::sink(), &options).expect("writes to a sink"));
        }
        let mut session = Session::new(pipeline, reports).recording();
        session
            .document(doc, detected)
            .expect("reports write to memory");
        let (_, recorded) = session.finish().expect("reports write to memory");
        // The recorded baseline reads back as it was written.
        let recorded = recorded.expect("the session records");
        let again = Baseline::parse(Path::new("baseline.json"), &recorded.to_json())
            .expect("a written baseline reads back");
        assert_eq!(again, recorded);
    }
    let report: JsonReport = serde_json::from_slice(&json).expect("the JSON report is JSON");
    for finding in report.documents.iter().flat_map(|d| &d.results) {
        assert_span(
            &doc.text,
            Span::new(finding.start, finding.end),
            "reported finding",
        );
        assert_eq!(
            finding.text,
            doc.text[finding.start..finding.end],
            "a finding's text is not the file's bytes at its span"
        );
        assert_eq!(
            (finding.line, finding.column),
            doc.line_col(finding.start),
            "a finding's line and column are not those of its start"
        );
    }
}

/// Reads `bytes` as a file named `path` in `format`, and checks it when it
/// parses ([`check`]); asserts that an error is one line.
pub fn parse_and_check(path: &str, bytes: &[u8], format: InputFormat, columns: &Columns) {
    if bytes.len() > MAX_INPUT {
        return;
    }
    let doc = match Document::from_bytes(path, bytes.to_vec()) {
        Ok(doc) => doc,
        Err(e) => return assert_one_line(&e.to_string()),
    };
    match mtlint::input::parse(doc, format, columns) {
        Ok(doc) if format == InputFormat::Text => check_all_reports(&doc),
        Ok(doc) => check(&doc),
        Err(e) => assert_one_line(&e.to_string()),
    }
}

/// One input file of an importer, named `name`.
pub fn input(name: &str, bytes: &[u8]) -> Input {
    Input {
        name: name.to_owned(),
        bytes: bytes.to_vec(),
    }
}

/// Writes what an importer found as a glossary, as `mtlint import` does,
/// and asserts that it loads without errors and that its matcher runs on
/// the entries' own examples.
pub fn write_and_load(entries: Vec<NewEntry>, mut skipped: Skipped) {
    let (csv, _) = write_glossary(entries, "fuzz", DEFAULT_MIN_SIMILARITY, &mut skipped);
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    glossary.add_csv("imported.csv", None, &csv, &mut errors);
    assert!(
        errors.is_empty(),
        "an imported glossary does not load: {errors:?}\n{}",
        String::from_utf8_lossy(&csv)
    );
    check_glossary(&glossary);
}

/// Checks every example of `glossary` with a matcher of it alone, and
/// asserts the invariants of the findings.
pub fn check_glossary(glossary: &Glossary) {
    let matcher = GlossaryMatcher::new(glossary, MatchOptions::default());
    let checker = Checker {
        glossary: matcher,
        detectors: Vec::new(),
        weights: Default::default(),
        policy: Default::default(),
    };
    for example in glossary.entries.iter().filter_map(|e| e.example.as_deref()) {
        let doc = Document::new("example.txt", example);
        let checked = checker.check(&doc);
        for f in &checked.findings {
            assert_span(&doc.text, f.hit.span, "finding");
        }
        let _ = apply_suggestions(&doc, &checked.findings, mtlint::check::Pick::default());
    }
}
