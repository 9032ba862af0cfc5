//! Command-line cases: each `tests/cmd/*.toml` runs mtlint with its
//! arguments (and standard input) and compares the exit code, standard
//! output and standard error with what the case says. `TRYCMD=overwrite
//! cargo test --test cmd` rewrites the expectations; read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
