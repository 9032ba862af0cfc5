//! Fuzz target: CSV and TSV input through the whole check pipeline. The first byte picks
//! the delimiter and the columns, the rest is the file.

use mtlint::input::{Columns, InputFormat};

fn main() {
    // Built before AFL's fork server starts, so that every run shares it.
    mtlint_fuzz::pipeline();
    afl::fuzz!(|data: &[u8]| {
        let Some((&mode, file)) = data.split_first() else {
            return;
        };
        let (path, format) = if mode & 1 == 0 {
            ("fuzz.csv", InputFormat::Csv)
        } else {
            ("fuzz.tsv", InputFormat::Tsv)
        };
        // By header name (the default, with and without a source column)
        // and by column number.
        let columns = match (mode >> 1) & 3 {
            0 => Columns::default(),
            1 => Columns {
                source: Some("source".to_owned()),
                target: "target".to_owned(),
            },
            2 => Columns {
                source: Some("1".to_owned()),
                target: "2".to_owned(),
            },
            _ => Columns {
                source: None,
                target: "3".to_owned(),
            },
        };
        mtlint_fuzz::parse_and_check(path, file, format, &columns);
    });
}
