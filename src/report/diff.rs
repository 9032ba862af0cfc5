//! `suggestions.diff`: each file against the file with every suggestion
//! applied, as a unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of
//! context) that `git apply` takes from the folder where mtlint ran. Files
//! without a suggestion are left out.

use std::io::{self, Write};

use similar::TextDiff;

use super::Report;
use crate::check::{Checked, apply_suggestions};
use crate::text::Document;
pub use crate::text::patch_path;

/// The unified diff of `old` against `new` for the file at `path`, or an
/// empty string when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes `suggestions.diff`.
pub struct Diff<W: Write> {
    out: W,
}

impl<W: Write> Diff<W> {
    /// A diff report into `out`.
    pub fn new(out: W) -> Self {
        Diff { out }
    }
}

impl<W: Write> Report for Diff<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let fixed = apply_suggestions(doc, &checked.findings);
        let diff = unified_diff(&doc.patch_path(), &doc.text, &fixed);
        self.out.write_all(diff.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
