//! The `mtlint` binary: parse the command line, run, map the outcome to an
//! exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = mtlint::cli::Args::parse();
    ExitCode::from(mtlint::cli::run(args))
}
