//! The command line as clap parses it: raw flags, before the
//! configuration file fills what they leave unset ([`super::settings`]).
//! Nothing here reads a file.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::input::{Columns, InputFormat};
use crate::matcher::DEFAULT_MIN_SIMILARITY;
use crate::matcher::heuristics::RuleSelection;
use crate::report::Format;

/// What `--help` says after the options: the exit codes, and where the
/// documentation is.
const AFTER_HELP: &str = "\
Exit codes:
  0  every document passes (or the command succeeded)
  1  at least one document fails its policy (--fail-on, --max-penalty)
  2  a usage, configuration or input error; the message says which

Documentation: `man mtlint` (from `mtlint man`), and docs/ in the source
repository: commands.md, formats.md, glossary.md, reports.md, configuration.md.";

/// Audit machine-translated text against a glossary of known
/// mistranslations.
#[derive(Debug, Parser)]
#[command(
    name = "mtlint",
    about,
    max_term_width = 100,
    after_help = AFTER_HELP,
    disable_version_flag = true
)]
pub struct Args {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    /// Print the version and the size of the built-in glossary.
    #[arg(short = 'V', long)]
    pub(crate) version: bool,
    /// Read settings from FILE instead of the mtlint.toml found in the
    /// current folder or above.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore every mtlint.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    pub(crate) no_config: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check files, folders (recursively, honouring .gitignore) or stdin (-).
    Check(CheckArgs),
    /// Print the suggestions as a unified diff, or apply them in place.
    Fix(FixArgs),
    /// Work with glossary files.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// List every rule in force: id, category, severity, match and term.
    Rules(RulesArgs),
    /// Write a commented starter mtlint.toml into the current folder.
    Init {
        /// Replace an existing mtlint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print the version and the size of the built-in glossary.
    Version,
    /// Print a completion script for SHELL (bash, zsh, fish, elvish,
    /// powershell) to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `mtlint man >
    /// mtlint.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub(crate) struct GlossaryArgs {
    /// A glossary CSV file, or a folder of them (repeatable).
    #[arg(short = 'g', long = "glossary", value_name = "FILE|DIR")]
    pub(crate) glossaries: Vec<PathBuf>,
    /// Do not use the glossaries compiled into mtlint.
    #[arg(long)]
    pub(crate) no_default_glossary: bool,
    /// The language pair (e.g. nl-en) of inputs that do not declare theirs;
    /// glossary entries for other pairs stay silent on them.
    #[arg(long, value_name = "PAIR")]
    pub(crate) lang: Option<String>,
    /// The least similarity (0-1) of a fuzzy match, for entries that set
    /// none [default: 0.85].
    #[arg(long, value_name = "X", value_parser = parse_unit)]
    pub(crate) min_similarity: Option<f64>,
    /// Approved terminology (CSV: source,target[,note]; `|` between allowed
    /// targets): on bilingual input, flag targets whose source has a term
    /// and that do not use its translation.
    #[arg(long, value_name = "FILE")]
    pub(crate) terms: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) rules: RuleArgs,
}

/// Switching rules on and off by id.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct RuleArgs {
    /// Run this rule even if it is off by default, e.g.
    /// heuristic:garbled-word (repeatable; `mtlint rules` lists the ids).
    #[arg(long = "enable", value_name = "RULE")]
    pub(crate) enable: Vec<String>,
    /// Do not run this rule, e.g. heuristic:truncated-text or
    /// glossary:nl-give-out (repeatable; wins over --enable).
    #[arg(long = "disable", value_name = "RULE")]
    pub(crate) disable: Vec<String>,
}

impl RuleArgs {
    pub(crate) fn selection(&self) -> RuleSelection {
        RuleSelection {
            enable: self.enable.clone(),
            disable: self.disable.clone(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Read every input as this format [default: by extension].
    #[arg(long = "input", id = "input_format", value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<InputFormat>,
    /// CSV/TSV: the source column, a header name or a 1-based number
    /// [default: the column headed `source`, if any].
    #[arg(long, value_name = "NAME|N")]
    pub(crate) source_column: Option<String>,
    /// CSV/TSV: the target column, a header name or a 1-based number.
    #[arg(long, value_name = "NAME|N", default_value = "target")]
    pub(crate) target_column: String,
    /// The largest file read whole, in bytes (K, M and G suffixes count
    /// 1024s); a larger file is an error and the others are still checked.
    /// `check` reads plain text in parts, of any size.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub(crate) max_file_size: u64,
    /// The size of the parts `check` reads plain text in (for tests of
    /// what parts must not change).
    #[arg(long, value_name = "SIZE", hide = true, value_parser = parse_size)]
    pub(crate) part_size: Option<u64>,
    /// Key-value resource files (JSON, .properties, Android strings.xml,
    /// Apple .strings): the source file whose values, matched by key, are
    /// the sources of every target file's.
    #[arg(long, value_name = "FILE", conflicts_with = "source_locale")]
    pub(crate) source_file: Option<PathBuf>,
    /// Key-value resource files laid out by locale: the source locale,
    /// whose file is each target's source (locales/en/x.json for
    /// locales/de/x.json, values/ for values-de/, Messages_en.properties or
    /// Messages.properties for Messages_de.properties, en.lproj/ or
    /// Base.lproj/ for de.lproj/).
    #[arg(long, value_name = "LOCALE")]
    pub(crate) source_locale: Option<String>,
}

impl InputArgs {
    pub(crate) fn sources(&self) -> crate::input::SourceFiles {
        crate::input::SourceFiles {
            file: self.source_file.clone(),
            locale: self.source_locale.clone(),
        }
    }

    pub(crate) fn columns(&self) -> Columns {
        Columns {
            source: self.source_column.clone(),
            target: self.target_column.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Minor,
    Major,
    Critical,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

/// What `check` and `fix` share: the inputs, the glossary and the rules,
/// how inputs are read, and the threads.
#[derive(Debug, clap::Args)]
pub(crate) struct SharedArgs {
    /// Files, folders, or - for standard input [default: .]
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) glossary: GlossaryArgs,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Number of files checked at once [default: number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) shared: SharedArgs,
    /// Output format on standard output [default: human; jsonl for
    /// --input jsonl].
    #[arg(short = 'f', long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Also write every format into DIR: findings.csv, summary.csv,
    /// totals.csv, suggestions.diff, findings.json, findings.jsonl,
    /// findings.sarif, annotations.txt, findings.xlsx, report.html.
    #[arg(long, value_name = "DIR")]
    pub(crate) report_dir: Option<PathBuf>,
    /// Fail a document that has a finding of this severity or above
    /// [default: critical].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// Fail a document whose penalty per 1000 words (per
    /// --reference-word-count words) is above N: the MQM normed penalty
    /// threshold [default: 10].
    #[arg(long, value_name = "N", value_parser = parse_non_negative)]
    pub(crate) max_penalty: Option<f64>,
    /// The calibrated quality score of a document whose penalty is exactly
    /// --max-penalty: the MQM passing threshold [default: 90].
    #[arg(long, value_name = "N", value_parser = parse_non_negative)]
    pub(crate) passing_score: Option<f64>,
    /// The MQM reference word count: penalties are normed per N words
    /// [default: 1000].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub(crate) reference_word_count: Option<f64>,
    /// The MQM maximum score value: the score of a document without
    /// findings [default: 100].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub(crate) maximum_score: Option<f64>,
    /// Report suppression comments that suppress nothing, as findings of
    /// mtlint:unused-suppression.
    #[arg(long)]
    pub(crate) report_unused_suppressions: bool,
    /// Report only findings that FILE (written by --write-baseline) does
    /// not record.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record this run's findings in FILE, to use with --baseline.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Report only findings on lines changed since the git revision REV
    /// (`git diff REV`), or in the unified diff read from standard input
    /// when REV is -.
    #[arg(long, value_name = "REV")]
    pub(crate) diff_base: Option<String>,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Human output: print only each document's summary line, not its
    /// findings.
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Write the report to FILE instead of standard output (as a whole,
    /// when the run ends).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Write CSV cells exactly, for programs that read them; by default a
    /// cell that starts with =, +, -, @, tab or CR gets a leading ' so that
    /// a spreadsheet does not run it as a formula.
    #[arg(long)]
    pub(crate) csv_raw: bool,
    /// Start the CSV reports with a UTF-8 byte order mark, so that
    /// spreadsheets read accents and symbols right.
    #[arg(long)]
    pub(crate) csv_bom: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct FixArgs {
    #[command(flatten)]
    pub(crate) shared: SharedArgs,
    /// Apply the suggestions to the files in place instead of printing a
    /// diff.
    #[arg(long)]
    pub(crate) write: bool,
    /// Which suggestions to apply: `certain` ones (a finding's only
    /// suggestion, or the one its glossary entry marks with `!`, from a
    /// match at least --min-confidence sure; the rest are left for review)
    /// or the `first` suggestion of every finding.
    #[arg(long, value_enum, value_name = "WHICH", default_value_t = PickArg::Certain)]
    pub(crate) pick: PickArg,
    /// With `--pick certain`, the least confidence (0-1) of a match whose
    /// suggestion is applied; 0.9 takes exact matches and inflected or
    /// near-exact fuzzy ones.
    #[arg(long, value_name = "X", default_value_t = crate::check::DEFAULT_FIX_CONFIDENCE, value_parser = parse_unit)]
    pub(crate) min_confidence: f64,
}

/// Which suggestions `fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PickArg {
    /// Only certain suggestions; the others are left for review.
    Certain,
    /// The first suggestion of every finding.
    First,
}

#[derive(Debug, Subcommand)]
pub(crate) enum GlossaryCommand {
    /// Validate glossaries (columns, values, duplicate ids, regexes,
    /// suggestions that other entries flag) and prove that every example
    /// triggers its entry. Without FILE, checks the built-in glossaries.
    Check {
        /// Glossary CSV files or folders.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The least similarity of a fuzzy match, for entries that set none.
        #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_SIMILARITY, value_parser = parse_unit)]
        min_similarity: f64,
    },
    /// Learn or convert a glossary from what reviewers already have: MQM
    /// annotation exports, TBX termbases, Vale substitution rules, prh
    /// dictionaries, CSV term lists.
    Import(Box<super::glossary::ImportArgs>),
}

#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub(crate) glossary: GlossaryArgs,
}

/// A size in bytes: a number, optionally followed by K, M or G (powers of
/// 1024).
pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, shift) = match s.trim().to_ascii_uppercase().as_str() {
        t if t.ends_with('K') => (t[..t.len() - 1].to_owned(), 10),
        t if t.ends_with('M') => (t[..t.len() - 1].to_owned(), 20),
        t if t.ends_with('G') => (t[..t.len() - 1].to_owned(), 30),
        t => (t.to_owned(), 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{s}` is not a size such as 1000000, 512K, 256M or 2G"))
}

pub(crate) fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

pub(crate) fn parse_positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("`{s}` is not a number above 0")),
    }
}

pub(crate) fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("`{s}` is not a number of 0 or more")),
    }
}
