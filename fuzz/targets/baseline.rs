//! Fuzz target: a baseline file (`--baseline`): read, written back, and used to filter
//! the findings of a document.

use std::path::Path;

use mtlint::filter::Baseline;
use mtlint::text::Document;

fn main() {
    let doc = Document::new(
        "fixtures/seed-article-nl-en.txt",
        include_str!("../../fixtures/seed-article-nl-en.txt"),
    );
    let detected = mtlint_fuzz::pipeline().run(&doc);
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let mut baseline = match Baseline::parse(Path::new("baseline.json"), text) {
            Ok(baseline) => baseline,
            Err(e) => return mtlint_fuzz::assert_one_line(&e.to_string()),
        };
        let again = Baseline::parse(Path::new("baseline.json"), &baseline.to_json())
            .expect("a written baseline reads back");
        assert_eq!(again, baseline);
        let _ = baseline.len();
        let kept = baseline.filter(&doc, detected.findings.clone());
        assert!(kept.len() <= detected.findings.len());
    });
}
