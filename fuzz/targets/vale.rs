//! Fuzz target: a Vale rule file, converted to a glossary as `mtlint glossary import --from vale` does.

use mtlint::import::vale::convert;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        match convert(&[mtlint_fuzz::input("Terms.yml", data)], Some("en-de")) {
            Ok((entries, skipped)) => mtlint_fuzz::write_and_load(entries, skipped),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
