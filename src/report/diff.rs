//! `suggestions.diff`: each file against the file with every suggestion
//! applied, as a unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of
//! context) that `git apply` takes from the folder where mtlint ran. Files
//! without a suggestion are left out.
//!
//! The lines are the files' own, byte for byte, as a patch must have them:
//! the diff is for `git apply` and review tools, not for echoing into a CI
//! log. A path with a line end, a control character, `"` or `\` is quoted
//! in the header as git quotes it, so it cannot break the patch.

use std::fmt::Write as _;
use std::io::{self, Write};

use similar::TextDiff;

use super::Report;
use super::escape::patch_header_path;
use crate::check::{Checked, apply_suggestions};
use crate::text::Document;
pub use crate::text::patch_path;

/// The unified diff of `old` against `new` for the file at `path`, or an
/// empty string when they are equal. The header names `a/PATH` and
/// `b/PATH`, quoted as git quotes a name when they need it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    // Lines end at LF only, as git reads them: similar's own line split
    // also ends one at a lone CR, and writes no LF after it, which glued
    // the next line of the patch (even the next file's header) onto it.
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = TextDiff::configure()
        .newline_terminated(true)
        .diff_slices(&old_lines, &new_lines);
    let mut out = String::with_capacity(old.len() / 4 + 256);
    let _ = writeln!(out, "--- {}", patch_header_path(&format!("a/{path}")));
    let _ = writeln!(out, "+++ {}", patch_header_path(&format!("b/{path}")));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let _ = write!(out, "{}", change.tag());
            out.push_str(change.value());
            if !change.value().ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_only_so_a_lone_cr_cannot_join_two_patch_lines() {
        assert_eq!(
            unified_diff("a.txt", "one\rtwo\nthree\r", "one\rTWO\nthree\r"),
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-one\rtwo\n+one\rTWO\n three\r\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a.txt", "same\n", "same\n"), "");
    }
}
