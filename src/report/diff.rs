//! `suggestions.diff`: each file against the file with every suggestion
//! applied, as a unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of
//! context) that `git apply` takes from the folder where mtlint ran. Files
//! without a suggestion are left out.

use std::io::{self, Write};
use std::path::Path;

use similar::TextDiff;

use super::Report;
use crate::check::{Checked, apply_suggestions};
use crate::text::Document;

/// The path a patch names: relative to the current folder where it can be,
/// with `/` separators and no leading `./`, so that `git apply` finds it.
pub fn patch_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_owned()
}

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
        let fixed = apply_suggestions(&doc.text, &checked.findings);
        let diff = unified_diff(&patch_path(&doc.path), &doc.text, &fixed);
        self.out.write_all(diff.as_bytes())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
