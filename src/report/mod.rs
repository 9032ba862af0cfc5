//! The report stage: checked documents written for people and machines.
//!
//! Every format is a [`Report`] generic over its writer, fed documents in
//! path order with their findings sorted, so output is deterministic. The
//! library never prints: everything goes through the writer it is given.
//! Wire formats are documented where they are written.
//!
//! Nothing a report writes from its input is trusted: file names, the
//! files' text, glossary terms, suggestions and notes may come from a
//! stranger's pull request. [`escape`] says what each format does about it.

pub mod context;
mod csv;
mod diff;
pub mod escape;
mod github;
mod html;
mod human;
mod json;
mod jsonl;
mod sarif;
mod xlsx;

use std::io;

use crate::check::Checked;
use crate::text::Document;

pub use self::csv::{
    FINDINGS_HEADER, FindingsCsv, SUMMARY_HEADER, SummaryCsv, TotalsCsv, summary_header,
};
pub use diff::{Diff, patch_path, review_lines, unified_diff};
pub use github::{Github, escape_data, escape_property};
pub use html::{Html, escape_html};
pub use human::Human;
pub use json::{
    JSON_VERSION, Json, JsonCategory, JsonDocument, JsonFinding, JsonModel, JsonReport,
    JsonScorecard, JsonTotals,
};
pub use jsonl::{JsonLine, JsonLines};
pub use sarif::{RuleDescription, Sarif, path_uri};
pub use xlsx::Xlsx;

/// What `--format` selects for standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with its line, a caret under the span, the suggestion
    /// and the note; a summary line per document.
    Human,
    /// `findings.csv`: one row per finding.
    Csv,
    /// `suggestions.diff`: a unified diff of each file against the file
    /// with every suggestion applied.
    Diff,
    /// `findings.json`: one JSON document with every finding, the
    /// per-document summaries and the totals.
    Json,
    /// `findings.jsonl`: one JSON finding per line, streamed.
    Jsonl,
    /// `findings.sarif`: SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the changed lines.
    Github,
    /// `findings.xlsx`: a workbook with the findings (the span marked in
    /// its context) and the scorecard.
    Xlsx,
    /// `report.html`: a self-contained audit report for a browser, each
    /// document's text with its findings highlighted, filters, the
    /// scorecard and charts.
    Html,
}

impl Format {
    /// Every format, in the order `--report-dir` writes them.
    pub const ALL: [Format; 9] = [
        Format::Csv,
        Format::Diff,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
        Format::Xlsx,
        Format::Html,
        Format::Human,
    ];

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Csv => "csv",
            Format::Diff => "diff",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// The file name `--report-dir` writes the format to; `None` for
    /// `human`, which is for a terminal.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Format::Human => None,
            Format::Csv => Some("findings.csv"),
            Format::Diff => Some("suggestions.diff"),
            Format::Json => Some("findings.json"),
            Format::Jsonl => Some("findings.jsonl"),
            Format::Sarif => Some("findings.sarif"),
            Format::Github => Some("annotations.txt"),
            Format::Xlsx => Some("findings.xlsx"),
            Format::Html => Some("report.html"),
        }
    }
}

/// What some formats need beyond the findings.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Colour the human output.
    pub color: bool,
    /// When a document fails and how it is scored, for the scorecards.
    pub policy: crate::score::Policy,
    /// Every rule in force, for SARIF's rule list.
    pub rules: Vec<RuleDescription>,
    /// Write CSV text cells exactly, without the `'` that keeps a
    /// spreadsheet from running them as formulas ([`FindingsCsv::raw`]).
    pub csv_raw: bool,
    /// Start CSV reports with a UTF-8 byte order mark, which spreadsheets
    /// take as the sign of UTF-8.
    pub csv_bom: bool,
    /// The run's inconsistent groups, when a consistency rule is on, for
    /// the JSON report's list of them.
    pub groups: Option<std::sync::Arc<crate::matcher::bilingual::consistency::Groups>>,
}

/// The report of `format` into `out`.
///
/// # Errors
///
/// When the writer fails (the CSV header is written at once).
pub fn reporter<'a, W: io::Write + 'a>(
    format: Format,
    out: W,
    options: &ReportOptions,
) -> io::Result<Box<dyn Report + 'a>> {
    Ok(match format {
        Format::Human => Box::new(Human::new(out, options.color, options.policy)),
        Format::Csv => Box::new(FindingsCsv::bom(out, options.csv_bom)?.raw(options.csv_raw)),
        Format::Diff => Box::new(Diff::new(out)),
        Format::Json => {
            Box::new(Json::new(out, options.policy).with_groups(options.groups.clone()))
        }
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Sarif => Box::new(Sarif::new(out, &options.rules)),
        Format::Github => Box::new(Github::new(out)),
        Format::Xlsx => Box::new(Xlsx::new(out, options.policy)?),
        Format::Html => Box::new(Html::new(out, options.policy)),
    })
}

/// A report format.
pub trait Report {
    /// Writes (or buffers) one checked document.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()>;

    /// Hands what is written so far to the reader. The run calls it when it
    /// waits for the next document, so that streamed output arrives while
    /// a long run goes on, without a write for every document of a fast
    /// one. Formats that write only at the end do nothing.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Writes whatever comes after the last document and flushes.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    fn finish(&mut self) -> io::Result<()>;
}

/// The most rules whose cells or fields a report keeps made at once (see
/// `findings.csv` and `findings.jsonl`): far more than a glossary has, a
/// bound on memory all the same.
pub(crate) const RULE_CACHE: usize = 1 << 16;

/// Fixed-precision numbers, so that reports compare byte for byte.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    // `-0.000` would only confuse a spreadsheet.
    let value = if value == 0.0 { 0.0 } else { value };
    // Exact decimal formatting costs a microsecond for many values, and
    // reports format a few numbers per finding: a value that is not near
    // a rounding tie is rounded in integers instead, to the same digits.
    if decimals <= 6 && value.is_finite() && value.abs() < 1e9 {
        let scale = 10f64.powi(decimals as i32);
        let scaled = value.abs() * scale;
        let fraction = scaled - scaled.floor();
        if (fraction - 0.5).abs() > 1e-6 {
            let units = scaled.round() as u64;
            let power = 10u64.pow(decimals as u32);
            let sign = if value < 0.0 { "-" } else { "" };
            let whole = units / power;
            return if decimals == 0 {
                format!("{sign}{whole}")
            } else {
                format!("{sign}{whole}.{:0decimals$}", units % power)
            };
        }
    }
    format!("{value:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn fixed_is_what_exact_formatting_gives() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let value = match i % 4 {
                0 => (x % 100_000) as f64 / 997.0,
                1 => f64::from(i) / 8.0,
                2 => -((x % 1000) as f64) / 1000.0,
                _ => (x >> 11) as f64 / (1u64 << 53) as f64,
            };
            for decimals in [0, 1, 2, 3] {
                let value = if value == 0.0 { 0.0 } else { value };
                assert_eq!(
                    fixed(value, decimals),
                    format!("{value:.decimals$}"),
                    "{value}"
                );
            }
        }
    }
}

/// What the reports' property tests share: findings made from generated
/// picks over a text.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Arc;

    use crate::check::Checked;
    use crate::matcher::Hit;
    use crate::rule::Rule;
    use crate::score::{Policy, Weights, score, sort_findings, summarize};
    use crate::text::Span;

    /// A pick: the piece of the text a finding starts at (of 40), its length
    /// in chars, its rule (of 3), its number of suggestions and its
    /// confidence in tenths.
    pub(crate) type Pick = (usize, usize, usize, usize, u8);

    /// The findings `picks` make in `text`, sorted, with `suggestion(i)` as
    /// the `i`th suggestion. The last rule is made afresh for each finding,
    /// as a unit's own note is.
    pub(crate) fn checked(
        text: &str,
        rules: &[Arc<Rule>; 3],
        picks: &[Pick],
        suggestion: impl Fn(usize) -> String,
    ) -> Checked {
        let starts: Vec<usize> = (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        let mut findings: Vec<_> = picks
            .iter()
            .map(|&(piece, len, r, suggestions, confidence)| {
                let start = starts[piece * starts.len() / 40];
                let end = starts
                    .iter()
                    .copied()
                    .chain([text.len()])
                    .filter(|&e| e >= start)
                    .nth(len)
                    .unwrap_or(text.len());
                let hit = Hit {
                    rule: if r == 2 {
                        Arc::new(Rule::clone(&rules[r]))
                    } else {
                        Arc::clone(&rules[r])
                    },
                    span: Span::new(start, end),
                    suggestions: (0..suggestions).map(&suggestion).collect(),
                    confidence: f64::from(confidence) / 10.0 + 1e-4,
                    fix: None,
                };
                score(hit, &Weights::default())
            })
            .collect();
        sort_findings(&mut findings);
        let summary = summarize(10, &findings, &Policy::default());
        Checked { findings, summary }
    }
}
