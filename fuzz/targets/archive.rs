//! Fuzz target: an MQM import from a `.tar.gz` archive or a `.gz` file. The first byte
//! picks how the rest is read: as the archive's bytes, or as a tar (or
//! plain) file that the target gzips first, so that the fuzzer reaches the
//! tar reader without having to forge gzip checksums.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use mtlint::import::mqm::{Options, learn};
use mtlint::import::{Limits, read_inputs_from};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(data).expect("writes to memory");
    encoder.finish().expect("writes to memory")
}

fn main() {
    let options = Options {
        min_count: 1,
        min_precision: 0.0,
        ..Options::default()
    };
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        let Some((&mode, rest)) = data.split_first() else {
            return;
        };
        let (name, bytes) = match mode % 4 {
            0 => ("mqm.tar.gz", rest.to_vec()),
            1 => ("mqm.tgz", gzip(rest)),
            2 => ("mqm.tsv.gz", gzip(rest)),
            _ => ("mqm.tsv.gz", rest.to_vec()),
        };
        // The fuzzer's own bound on what an input may unpack to.
        let limits = Limits {
            max_bytes: 4 * mtlint_fuzz::MAX_INPUT as u64,
            ..Limits::default()
        };
        let inputs = match read_inputs_from(name, &bytes[..], &limits) {
            Ok(inputs) => inputs,
            Err(e) => return mtlint_fuzz::assert_one_line(&e.to_string()),
        };
        // A small archive can unpack to a lot; the importer reads it all,
        // as it would from disk, but the fuzzer need not learn from more.
        if inputs.iter().map(|i| i.bytes.len()).sum::<usize>() > 4 * mtlint_fuzz::MAX_INPUT {
            return;
        }
        match learn(&inputs, &options) {
            Ok(learned) => mtlint_fuzz::write_and_load(learned.entries, learned.skipped),
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
