//! The `mtlint` binary: parse the command line, run, map the outcome to an
//! exit code.

use std::process::ExitCode;

use clap::Parser;

// mtlint allocates many small strings (glossary entries, words, findings);
// mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = mtlint::cli::Args::parse();
    ExitCode::from(mtlint::cli::run(args))
}
