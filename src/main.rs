//! The `mtlint` binary: parse the command line, run, map the outcome to an
//! exit code.

use std::process::ExitCode;

// mtlint allocates many small strings (glossary entries, words, findings);
// mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match mtlint::cli::parse_args(std::env::args_os()) {
        Ok(args) => ExitCode::from(mtlint::cli::run(args)),
        Err(code) => ExitCode::from(code),
    }
}
