//! Fuzz target: an MQM annotation TSV (WMT and TED layouts), learned into a glossary
//! as `mtlint glossary import --from mqm` does.

use mtlint::import::mqm::{Options, learn};

fn main() {
    let options = Options {
        // Low thresholds, so that small inputs become entries.
        min_count: 1,
        min_precision: 0.0,
        source_terms: true,
        ..Options::default()
    };
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        match learn(&[mtlint_fuzz::input("mqm.tsv", data)], &options) {
            Ok(learned) => mtlint_fuzz::write_and_load(learned.entries, learned.skipped),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
