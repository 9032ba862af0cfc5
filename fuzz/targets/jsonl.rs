//! Fuzz target: a JSON Lines stream, each record through the whole check pipeline, read
//! as `mtlint check --input jsonl` reads it.

use std::path::Path;
use std::sync::Arc;

use mtlint::pipeline::{Job, ReadOptions};

fn main() {
    // Built before AFL's fork server starts, so that every run shares it.
    mtlint_fuzz::pipeline();
    let options = ReadOptions {
        lang: Some("nl-en".to_owned()),
        ..ReadOptions::default()
    };
    let path: Arc<Path> = Arc::from(Path::new("fuzz.jsonl"));
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        // As the stream reader splits it: lines, blank ones skipped, a line
        // that is not UTF-8 an error that ends the stream.
        for (i, line) in data.split_inclusive(|&b| b == b'\n').enumerate() {
            let Ok(text) = std::str::from_utf8(line) else {
                return;
            };
            if text.trim().is_empty() {
                continue;
            }
            let job = Job::Record {
                path: Arc::clone(&path),
                line: i + 1,
                text: text.to_owned(),
            };
            match options.read(job) {
                Ok(doc) => mtlint_fuzz::check(&doc),
                Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
            }
        }
    });
}
