//! Fuzz target: a glossary CSV: loaded, compiled, and matched against its own
//! examples and its own text.

use mtlint::check::Checker;
use mtlint::glossary::Glossary;
use mtlint::matcher::{GlossaryMatcher, MatchOptions};
use mtlint::text::Document;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        // Named like a language-pair file, which gives entries their pair.
        glossary.add_csv("glossary/nl-en.csv", Some("nl-en.csv"), data, &mut errors);
        for e in &errors {
            mtlint_fuzz::assert_one_line(&e.to_string());
        }
        mtlint_fuzz::check_glossary(&glossary);
        // The glossary's own text is a document its terms occur in.
        if let Ok(text) = std::str::from_utf8(data) {
            let checker = Checker {
                glossary: GlossaryMatcher::new(&glossary, MatchOptions::default()),
                detectors: Vec::new(),
                weights: Default::default(),
                policy: Default::default(),
            };
            let doc = Document::new("glossary.txt", text);
            for f in checker.check(&doc).findings {
                assert!(
                    doc.text.get(f.hit.span.range()).is_some(),
                    "{:?}",
                    f.hit.span
                );
            }
        }
    });
}
