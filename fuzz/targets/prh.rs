//! Fuzz target: a prh dictionary, converted to a glossary as `mtlint glossary import --from prh` does.
//! The dictionary's folder does not exist, so relative imports fail
//! instead of reading whatever files the fuzzer runs beside.

use mtlint::import::prh::convert;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        match convert(
            &[mtlint_fuzz::input("/nonexistent-mtlint-fuzz/prh.yml", data)],
            Some("en-de"),
        ) {
            Ok((entries, skipped)) => mtlint_fuzz::write_and_load(entries, skipped),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
