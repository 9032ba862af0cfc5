//! Fuzz target: a TBX termbase, converted to a glossary as `mtlint glossary import --from tbx` does.

use mtlint::import::tbx::{Options, convert};

fn main() {
    let options = Options::default();
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        match convert(&[mtlint_fuzz::input("terms.tbx", data)], &options) {
            Ok((entries, skipped)) => mtlint_fuzz::write_and_load(entries, skipped),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
