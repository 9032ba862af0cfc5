//! Fuzz target: `mtlint.toml`, the configuration file.

use std::path::Path;

use mtlint::config::Config;
use mtlint::filter::Allowlist;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if data.len() > mtlint_fuzz::MAX_INPUT {
            return;
        }
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        match Config::parse(Path::new("project/mtlint.toml"), text) {
            Ok(config) => {
                // The allowlist is the part of the configuration that
                // compiles the file's text.
                let allow = Allowlist::new(&config.allow, &config.allow_rule);
                for (rule, words) in &config.allow_rule {
                    for word in words {
                        assert!(allow.allows(rule, word), "{rule}: {word:?} is not allowed");
                    }
                }
            }
            Err(e) => mtlint_fuzz::assert_one_line(&e.to_string()),
        }
    });
}
