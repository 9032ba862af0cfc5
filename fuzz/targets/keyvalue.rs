//! Fuzz target: a key-value resource file paired with its source by key,
//! through the whole check pipeline. The first byte picks the format (JSON,
//! .properties, Android strings.xml, Apple .strings); the rest is the
//! source, a NUL byte, then the target (a source is decoded from UTF-16 or
//! ISO-8859-1 where it must be, so it may hold any bytes but NUL).

use std::path::Path;

use mtlint::input::InputFormat;
use mtlint::text::Document;

const FORMATS: [InputFormat; 4] = [
    InputFormat::Json,
    InputFormat::Properties,
    InputFormat::Android,
    InputFormat::Strings,
];

fn main() {
    mtlint_fuzz::pipeline();
    afl::fuzz!(|data: &[u8]| {
        let Some((&mode, rest)) = data.split_first() else {
            return;
        };
        if rest.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        let format = FORMATS[usize::from(mode) % FORMATS.len()];
        let (source, target) = match rest.iter().position(|&b| b == 0) {
            Some(nul) => (&rest[..nul], &rest[nul + 1..]),
            None => (rest, rest),
        };
        let doc = match Document::from_bytes("fuzz-target", target.to_vec()) {
            Ok(doc) => doc,
            Err(e) => return mtlint_fuzz::assert_one_line(&e.to_string()),
        };
        match mtlint::input::parse_paired(doc, format, Path::new("fuzz-source"), source.to_vec()) {
            Ok(doc) => mtlint_fuzz::check(&doc),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
