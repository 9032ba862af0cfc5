//! Fuzz target: Android strings.xml input through the whole check pipeline.

use mtlint::input::{Columns, InputFormat};

fn main() {
    // Built before AFL's fork server starts, so that every run shares it.
    mtlint_fuzz::pipeline();
    afl::fuzz!(|data: &[u8]| {
        mtlint_fuzz::parse_and_check("values/strings.xml", data, InputFormat::Android, &Columns::default());
    });
}
