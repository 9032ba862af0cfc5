//! Fuzz target: Apple .strings input through the whole check pipeline.

use mtlint::input::{Columns, InputFormat};

fn main() {
    // Built before AFL's fork server starts, so that every run shares it.
    mtlint_fuzz::pipeline();
    afl::fuzz!(|data: &[u8]| {
        mtlint_fuzz::parse_and_check("fuzz.strings", data, InputFormat::Strings, &Columns::default());
    });
}
