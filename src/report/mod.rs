//! The report stage: checked documents written for people and machines.
//!
//! Every format is a [`Report`] generic over its writer, fed documents in
//! path order with their findings sorted, so output is deterministic. The
//! library never prints: everything goes through the writer it is given.
//! Wire formats are documented where they are written.

mod csv;
mod diff;
mod human;

use std::io;

use crate::check::Checked;
use crate::text::Document;

pub use self::csv::{FINDINGS_HEADER, FindingsCsv, SUMMARY_HEADER, SummaryCsv};
pub use diff::{Diff, patch_path, unified_diff};
pub use human::Human;

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
}

/// A report format.
pub trait Report {
    /// Writes (or buffers) one checked document.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()>;

    /// Writes whatever comes after the last document and flushes.
    ///
    /// # Errors
    ///
    /// When the writer fails.
    fn finish(&mut self) -> io::Result<()>;
}

/// Fixed-precision numbers, so that reports compare byte for byte.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    // `-0.000` would only confuse a spreadsheet.
    let value = if value == 0.0 { 0.0 } else { value };
    format!("{value:.decimals$}")
}
