//! Changed lines from a unified diff, for `--diff-base`: pull-request
//! checks that report only findings on lines the change touched.
//!
//! The diff comes from `git diff -U0 REV` ([`Changed::from_git`]) or from
//! a diff the user hands over ([`Changed::from_diff`]). Only the parts that say which lines
//! of the new files were added or changed are read: the `+++ b/PATH`
//! header and the `@@ -a,b +c,d @@` hunk headers. Everything else (`diff
//! --git`, `index`, mode and rename lines, the hunk bodies) is skipped,
//! which is why this is a few lines here rather than a patch-parsing crate:
//! none of them is needed to apply anything.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::score::Finding;
use crate::text::Document;

/// A diff that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("diff line {line}: {message}")]
pub struct DiffError {
    /// 1-based line of the diff.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Why the changed lines of `--diff-base` cannot be had: one line, naming
/// the revision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--diff-base {rev}: {message}")]
pub struct ChangedError {
    /// The revision (or `-`) as given.
    pub rev: String,
    /// What went wrong.
    pub message: String,
}

/// The lines each file gained or changed, by path as the diff names it
/// (without the `b/` prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    files: BTreeMap<String, Vec<RangeInclusive<usize>>>,
}

/// A path from a `+++` header: git quotes names with unusual characters
/// ("\"b/a\\tb.txt\"") and escapes them C-style.
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_owned();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&next @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(next - b'0');
                        chars.next();
                    }
                }
                bytes.push(u8::try_from(value & 0xff).expect("masked to a byte"));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `c` or `c,d` of a hunk header: the first line and the line count.
fn range(spec: &str) -> Option<(usize, usize)> {
    match spec.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((spec.parse().ok()?, 1)),
    }
}

impl ChangedLines {
    /// Reads the changed lines of a unified diff (as `git diff` or `diff
    /// -u` write it). Paths lose one leading `b/`, as `git apply -p1` does.
    ///
    /// # Errors
    ///
    /// A hunk header that cannot be read, or a hunk before any `+++`.
    pub fn parse(diff: &str) -> Result<ChangedLines, DiffError> {
        let mut changed = ChangedLines::default();
        let mut current: Option<String> = None;
        let mut seen_file = false;
        for (i, line) in diff.lines().enumerate() {
            let error = |message: &str| DiffError {
                line: i + 1,
                message: message.to_owned(),
            };
            if let Some(path) = line.strip_prefix("+++ ") {
                seen_file = true;
                // `diff -u` puts a tab and a timestamp after the name.
                let path = unquote(path.split('\t').next().unwrap_or(path).trim_end());
                current = if path == "/dev/null" {
                    None
                } else {
                    Some(path.strip_prefix("b/").unwrap_or(&path).to_owned())
                };
                continue;
            }
            let Some(header) = line.strip_prefix("@@ ") else {
                continue;
            };
            let new = header
                .split_whitespace()
                .find_map(|part| part.strip_prefix('+'))
                .ok_or_else(|| error("a hunk header without a `+` range"))?;
            let (start, count) =
                range(new).ok_or_else(|| error("a hunk header that is not `@@ -a,b +c,d @@`"))?;
            let Some(file) = &current else {
                // A deleted file has no new lines; a hunk before any file
                // header is not a diff we understand.
                if seen_file {
                    continue;
                }
                return Err(error("a hunk before any `+++ FILE` header"));
            };
            if count > 0 {
                changed
                    .files
                    .entry(file.clone())
                    .or_default()
                    // Saturating: a header may name any number.
                    .push(start..=start.saturating_add(count - 1));
            }
        }
        Ok(changed)
    }

    /// Whether any line in `first..=last` of `file` changed.
    pub fn touches(&self, file: &str, first: usize, last: usize) -> bool {
        self.files.get(file).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|r| *r.start() <= last && first <= *r.end())
        })
    }

    /// The files the diff names, with changed lines.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// The lines `--diff-base` keeps, and the folder the diff's paths are
/// relative to.
#[derive(Debug, Clone)]
pub struct Changed {
    lines: ChangedLines,
    /// The folder the diff's paths are relative to (canonical).
    root: PathBuf,
}

impl Changed {
    /// The lines of `diff`, whose paths are relative to `root`.
    ///
    /// # Errors
    ///
    /// When the diff cannot be read, or `root` does not exist.
    pub fn from_diff(rev: &str, diff: &str, root: &Path) -> Result<Changed, ChangedError> {
        let error = |message: String| ChangedError {
            rev: rev.to_owned(),
            message,
        };
        let lines = ChangedLines::parse(diff).map_err(|e| error(e.to_string()))?;
        let root = root
            .canonicalize()
            .map_err(|e| error(format!("{}: {e}", root.display())))?;
        Ok(Changed { lines, root })
    }

    /// Runs `git diff -U0 REV` in the current folder and reads the lines
    /// the working tree changed since `rev`.
    ///
    /// # Errors
    ///
    /// When `rev` looks like an option (git would take it as one), git
    /// cannot run or fails (its first line of error), or prints a diff that
    /// is not UTF-8.
    pub fn from_git(rev: &str) -> Result<Changed, ChangedError> {
        let error = |message: String| ChangedError {
            rev: rev.to_owned(),
            message,
        };
        // A revision never starts with `-`; passed on, `--output=FILE`
        // would make git write a file instead of a diff.
        if rev.starts_with('-') {
            return Err(error(
                "a revision cannot start with `-` (use - alone to read a diff from standard input)"
                    .to_owned(),
            ));
        }
        let git = |args: &[&str]| {
            let output = std::process::Command::new("git")
                .args(args)
                .output()
                .map_err(|e| error(format!("cannot run git: {e}")))?;
            if !output.status.success() {
                let err = String::from_utf8_lossy(&output.stderr);
                let first = err.lines().next().unwrap_or("git failed").trim().to_owned();
                return Err(error(first));
            }
            String::from_utf8(output.stdout)
                .map_err(|_| error("git printed a diff that is not UTF-8".to_owned()))
        };
        // Outside a repository git says `fatal: not a git repository (or
        // any of the parent directories): .git`; say what to do instead.
        let root = git(&["rev-parse", "--show-toplevel"]).map_err(|e| {
            if e.message.contains("not a git repository") {
                error(
                    "the current folder is not in a git repository; run mtlint from the repository, or pipe a diff with --diff-base -"
                        .to_owned(),
                )
            } else {
                e
            }
        })?;
        let diff = git(&[
            "-c",
            "core.quotePath=false",
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--end-of-options",
            rev,
            "--",
        ])?;
        Changed::from_diff(rev, &diff, Path::new(root.trim_end_matches(['\n', '\r'])))
    }

    /// Keeps the findings of `doc` that touch a changed line; a file
    /// outside the diff (or the repository) keeps none. A record of a JSON
    /// Lines stream is one line of its file: its findings stay when that
    /// line changed.
    pub fn retain(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let relative = doc.path.canonicalize().ok().and_then(|p| {
            p.strip_prefix(&self.root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        });
        let Some(relative) = relative else {
            findings.clear();
            return;
        };
        if let Some(record) = &doc.record {
            if !self.lines.touches(&relative, record.line, record.line) {
                findings.clear();
            }
            return;
        }
        findings.retain(|f| {
            let (first, _) = doc.line_col(f.hit.span.start);
            let (last, _) = doc.line_col(f.hit.span.end);
            self.lines.touches(&relative, first, last)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIT_DIFF: &str = "\
diff --git a/docs/a.md b/docs/a.md
index 1111111..2222222 100644
--- a/docs/a.md
+++ b/docs/a.md
@@ -3 +3 @@ Heading
-old line
+new line
@@ -10,0 +11,2 @@
+added one
+added two
@@ -20,2 +21,0 @@
-removed
-removed
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
--- a/gone.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git \"a/we\\tird.txt\" \"b/we\\tird.txt\"
--- \"a/we\\tird.txt\"
+++ \"b/we\\tird.txt\"
@@ -0,0 +1 @@
+\\303\\251
";

    #[test]
    fn reads_added_and_changed_lines() {
        let changed = ChangedLines::parse(GIT_DIFF).unwrap();
        assert_eq!(
            changed.files().collect::<Vec<_>>(),
            ["docs/a.md", "we\tird.txt"]
        );
        assert!(changed.touches("docs/a.md", 3, 3));
        assert!(!changed.touches("docs/a.md", 4, 10));
        assert!(changed.touches("docs/a.md", 12, 15));
        assert!(
            !changed.touches("docs/a.md", 21, 22),
            "removed lines are not new lines"
        );
        assert!(changed.touches("we\tird.txt", 1, 1));
        assert!(!changed.touches("other.md", 1, 100));
    }

    #[test]
    fn octal_escapes_are_bytes() {
        assert_eq!(unquote("\"b/\\303\\251t\\303\\251.txt\""), "b/été.txt");
    }

    #[test]
    fn a_bad_hunk_header_names_its_line() {
        let err = ChangedLines::parse("+++ b/a\n@@ -1 +x @@\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "diff line 2: a hunk header that is not `@@ -a,b +c,d @@`"
        );
        let err = ChangedLines::parse("@@ -1 +1 @@\n").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn a_range_past_the_largest_line_number_saturates() {
        let diff = format!("+++ b/a\n@@ -1 +{},2 @@\n", usize::MAX);
        let changed = ChangedLines::parse(&diff).unwrap();
        assert!(changed.touches("a", usize::MAX, usize::MAX));
    }

    #[test]
    fn hunks_of_a_deleted_file_are_read_in_linear_time() {
        // Each hunk after `+++ /dev/null` used to look back over every line
        // before it: minutes for a diff of under 1 MiB.
        let diff = format!(
            "{}+++ /dev/null\n{}",
            "\n".repeat(400_000),
            "@@ -1 +1 @@\n".repeat(50_000)
        );
        let start = std::time::Instant::now();
        let changed = ChangedLines::parse(&diff).unwrap();
        assert_eq!(changed.files().count(), 0);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}
