//! `suggestions.diff`: each file against the file with every suggestion
//! applied, as a unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of
//! context) that `git apply` takes from the folder where mtlint ran. Files
//! without a suggestion are left out.
//!
//! The lines are the files' own, byte for byte, as a patch must have them:
//! the diff is for `git apply` and review tools, not for echoing into a CI
//! log. A path with a line end, a control character, `"` or `\` is quoted
//! in the header as git quotes it, so it cannot break the patch.
//!
//! Only the suggestions `fix` applies are in the patch (see
//! [`Pick`]); the findings whose suggestions wait for a person follow each
//! file's patch as `#` comment lines, which `git apply` and `patch` pass
//! over.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use similar::TextDiff;

use super::Report;
use super::escape::patch_header_path;
use crate::check::{Checked, Pick};
use crate::score::Finding;
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

/// Appends to `out` the review lines of `findings`: one `#` comment line
/// for each finding with suggestions that `pick` does not apply, giving
/// its line and column, the flagged text and every suggestion. `header` is
/// set once a file's first such line is written, so that a file read in
/// parts has one heading.
pub fn review_lines(
    doc: &Document,
    findings: &[Finding],
    pick: Pick,
    header: &mut bool,
    out: &mut String,
) {
    use super::escape::visible;
    for finding in findings.iter().filter(|f| pick.leaves(f)) {
        if !*header {
            let _ = writeln!(
                out,
                "# Left for review in {} (fix applies a suggestion only when it is the one fix and the match is sure; fix --pick first applies the first):",
                visible(&doc.patch_path())
            );
            *header = true;
        }
        let hit = &finding.hit;
        let (line, column) = doc.line_col(hit.span.start);
        let _ = write!(
            out,
            "#   {line}:{column} {} \"{}\" ->",
            hit.rule.id,
            visible(&doc.text[hit.span.range()])
        );
        for (i, s) in hit.suggestions.iter().enumerate() {
            let _ = write!(out, "{} \"{}\"", if i == 0 { "" } else { " |" }, visible(s));
        }
        out.push('\n');
    }
}

/// Writes `suggestions.diff`.
pub struct Diff<W: Write> {
    out: W,
    /// The diff of the file being read in parts.
    parts: Option<Hunks>,
    /// Which suggestions the patch applies.
    pick: Pick,
    /// The review lines of the file being read, written after its patch.
    review: String,
    /// Whether the file's review heading is in `review`.
    review_header: bool,
}

impl<W: Write> Diff<W> {
    /// A diff report into `out` of the suggestions `fix` applies by
    /// default.
    pub fn new(out: W) -> Self {
        Diff::with_pick(out, Pick::default())
    }

    /// A diff report into `out` of the suggestions `pick` chooses.
    pub fn with_pick(out: W, pick: Pick) -> Self {
        Diff {
            out,
            parts: None,
            pick,
            review: String::new(),
            review_header: false,
        }
    }
}

impl<W: Write> Report for Diff<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        // The diff is written line by line as the text comes (a file read
        // in parts, a part at a time): only the lines of an open hunk, and
        // of an unfinished line, wait; and its cost grows with the lines,
        // not with the square of the changes.
        if doc.part.is_none_or(|p| p.index == 0) || self.parts.is_none() {
            self.parts = Some(Hunks::new(doc.patch_path()));
        }
        let hunks = self.parts.as_mut().expect("set above");
        hunks.feed(doc, &checked.findings, self.pick, &mut self.out)?;
        review_lines(
            doc,
            &checked.findings,
            self.pick,
            &mut self.review_header,
            &mut self.review,
        );
        if doc.ends_file() {
            hunks.finish(&mut self.out)?;
            self.parts = None;
            self.out.write_all(self.review.as_bytes())?;
            self.review.clear();
            self.review_header = false;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Lines of context around a change.
const CONTEXT: usize = 3;

/// A hunk this long is written at its next unchanged line, so that dense
/// changes do not hold a file's lines.
const MOST_HUNK_LINES: usize = 4096;

/// An open hunk: its first old and new line (1-based), its lines with
/// their tags, and how many unchanged lines end it.
type Hunk = (usize, usize, Vec<(char, String)>, usize);

/// A unified diff written as the text comes, a piece at a time: a file read
/// in parts. Its hunks are those `similar` makes where a change is a line
/// that a finding's suggestion rewrote.
struct Hunks {
    path: String,
    header_written: bool,
    /// The unfinished last line of the pieces so far: as it is, and with
    /// the suggestions in it applied.
    tail: (String, String),
    /// Whether an edit is in the unfinished line.
    tail_changed: bool,
    /// The new lines of the run of changed lines the open hunk ends with.
    added: Vec<String>,
    /// Unchanged lines before the next change, at most [`CONTEXT`].
    before: std::collections::VecDeque<String>,
    /// The open hunk: its first old and new line (1-based), its lines
    /// with their tags, and how many unchanged lines end it.
    hunk: Option<Hunk>,
    /// The next old and new line numbers (1-based).
    old_line: usize,
    new_line: usize,
}

impl Hunks {
    fn new(path: String) -> Hunks {
        Hunks {
            path,
            header_written: false,
            tail: (String::new(), String::new()),
            tail_changed: false,
            added: Vec::new(),
            before: std::collections::VecDeque::new(),
            hunk: None,
            old_line: 1,
            new_line: 1,
        }
    }

    /// Takes the next piece of the file: `doc`'s text, with the
    /// suggestions of `findings` applied as `fix` applies them.
    fn feed(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        pick: Pick,
        out: &mut impl Write,
    ) -> io::Result<()> {
        // The piece is cut into units of whole lines: one unchanged line,
        // or the lines an edit touches, old and new.
        let old = doc.text.as_str();
        let edits = crate::check::edits(doc, findings, pick);
        let mut edits = edits.iter().peekable();
        let mut at = 0;
        let mut unit = 0;
        // The new text of a unit is written out only once an edit is in it.
        let mut new = String::new();
        let mut changed = false;
        loop {
            let next = edits.peek().map_or(old.len(), |(span, _)| span.start);
            if let Some(i) = memchr::memchr(b'\n', &old.as_bytes()[at..next]) {
                let end = at + i + 1;
                if changed {
                    new.push_str(&old[at..end]);
                }
                self.unit(&old[unit..end], changed.then_some(new.as_str()), out)?;
                new.clear();
                changed = false;
                (at, unit) = (end, end);
                continue;
            }
            if let Some((span, replacement)) = edits.next() {
                // Before a unit's first edit, `at` is where the unit starts.
                new.push_str(&old[at..span.start]);
                new.push_str(replacement);
                at = span.end;
                changed = true;
                continue;
            }
            // What is left is an unfinished line.
            self.tail.0.push_str(&old[unit..]);
            if changed {
                new.push_str(&old[at..]);
                self.tail.1.push_str(&new);
            } else {
                self.tail.1.push_str(&old[unit..]);
            }
            self.tail_changed |= changed;
            return Ok(());
        }
    }

    /// Takes one unit of whole lines: as it was, and as the edits in it
    /// made it (`None`: none did).
    fn unit(&mut self, old: &str, new: Option<&str>, out: &mut impl Write) -> io::Result<()> {
        let edited = new.is_some() || std::mem::take(&mut self.tail_changed);
        let (old, new): (Cow<'_, str>, Cow<'_, str>) =
            if self.tail.0.is_empty() && self.tail.1.is_empty() {
                (Cow::Borrowed(old), Cow::Borrowed(new.unwrap_or(old)))
            } else {
                let (mut o, mut n) = std::mem::take(&mut self.tail);
                o.push_str(old);
                n.push_str(new.unwrap_or(old));
                (Cow::Owned(o), Cow::Owned(n))
            };
        // An edit that changes nothing is no change, as a diff of the
        // texts sees it.
        if !edited || old == new {
            self.old_line += 1;
            self.new_line += 1;
            match &mut self.hunk {
                Some((_, _, lines, trailing)) => {
                    lines.extend(self.added.drain(..).map(|l| ('+', l)));
                    lines.push((' ', old.into_owned()));
                    *trailing += 1;
                    // Past twice the context, the next change is a hunk of
                    // its own; a long hunk ends at once.
                    if *trailing > 2 * CONTEXT || (lines.len() > MOST_HUNK_LINES && *trailing >= 1)
                    {
                        self.close(out)?;
                    }
                }
                None => {
                    // The oldest context line's buffer takes the newest.
                    let mut line = if self.before.len() == CONTEXT {
                        self.before.pop_front().unwrap_or_default()
                    } else {
                        String::new()
                    };
                    line.clear();
                    line.push_str(&old);
                    self.before.push_back(line);
                }
            }
            return Ok(());
        }
        if self.hunk.is_none() {
            let before: Vec<(char, String)> = self.before.drain(..).map(|l| (' ', l)).collect();
            self.hunk = Some((
                self.old_line - before.len(),
                self.new_line - before.len(),
                before,
                0,
            ));
        }
        let (_, _, lines, trailing) = self.hunk.as_mut().expect("opened above");
        // Changed lines in a row are written as similar writes them: the
        // old ones, then the new ones, which wait until the run ends.
        for line in old.split_inclusive('\n') {
            lines.push(('-', line.to_owned()));
            self.old_line += 1;
        }
        for line in new.split_inclusive('\n') {
            self.added.push(line.to_owned());
            self.new_line += 1;
        }
        *trailing = 0;
        Ok(())
    }

    /// Writes the open hunk, with at most [`CONTEXT`] unchanged lines
    /// after its last change; the unchanged lines past them may lead the
    /// next hunk.
    fn close(&mut self, out: &mut impl Write) -> io::Result<()> {
        let Some((old_start, new_start, mut lines, trailing)) = self.hunk.take() else {
            return Ok(());
        };
        lines.extend(self.added.drain(..).map(|l| ('+', l)));
        let extra = trailing.saturating_sub(CONTEXT);
        let after: Vec<String> = lines.drain(lines.len() - extra..).map(|(_, l)| l).collect();
        self.before.clear();
        self.before
            .extend(after.into_iter().rev().take(CONTEXT).rev());
        if !self.header_written {
            writeln!(
                out,
                "--- {}",
                patch_header_path(&format!("a/{}", self.path))
            )?;
            writeln!(
                out,
                "+++ {}",
                patch_header_path(&format!("b/{}", self.path))
            )?;
            self.header_written = true;
        }
        let old_len = lines.iter().filter(|(t, _)| *t != '+').count();
        let new_len = lines.iter().filter(|(t, _)| *t != '-').count();
        let range = |start: usize, len: usize| match len {
            1 => format!("{start}"),
            0 => format!("{},0", start - 1),
            _ => format!("{start},{len}"),
        };
        writeln!(
            out,
            "@@ -{} +{} @@",
            range(old_start, old_len),
            range(new_start, new_len)
        )?;
        for (tag, line) in &lines {
            write!(out, "{tag}{line}")?;
            if !line.ends_with('\n') {
                out.write_all(b"\n\\ No newline at end of file\n")?;
            }
        }
        Ok(())
    }

    /// The file's end: its unfinished last line, and the open hunk.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if !self.tail.0.is_empty() || !self.tail.1.is_empty() {
            self.unit("", None, out)?;
        }
        self.close(out)
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
