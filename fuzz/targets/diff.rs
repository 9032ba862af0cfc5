//! Fuzz target: a unified diff, read for its changed lines (`--diff-base`) and used to
//! keep the findings on them.

use mtlint::filter::{Changed, ChangedLines};
use mtlint::text::Document;

fn main() {
    // The diff's paths are relative to the fuzz crate's parent, where the
    // document is.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let doc = Document::new(
        root.join("fixtures/seed-article-nl-en.txt"),
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
        let lines = match ChangedLines::parse(text) {
            Ok(lines) => lines,
            Err(e) => return mtlint_fuzz::assert_one_line(&e.to_string()),
        };
        for file in lines.files() {
            let _ = lines.touches(file, 1, usize::MAX);
            let _ = lines.touches(file, usize::MAX, usize::MAX);
        }
        let changed = Changed::from_diff("HEAD", text, &root).expect("the diff parsed once");
        let mut findings = detected.findings.clone();
        changed.retain(&doc, &mut findings);
        assert!(findings.len() <= detected.findings.len());
    });
}
