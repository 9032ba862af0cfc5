//! Baselines: adopt mtlint on a corpus with known findings, and report only
//! new ones.
//!
//! `mtlint check --write-baseline FILE` records every finding of the run;
//! `--baseline FILE` then drops the findings the file records. A finding is
//! recorded by its rule, its file, its text and its *context*, the
//! sentence around it, never by offsets or line numbers: an edit elsewhere
//! in the file (a paragraph added above) keeps old findings recorded,
//! while rewording the sentence around one makes it new again. Identical
//! findings in one file are counted, so a second copy of a recorded
//! mistake is new.
//!
//! The file is JSON, sorted, so that it diffs well under version control:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "rule": "glossary:nl-comfort-girls",
//!       "file": "articles/a.txt",
//!       "text": "Comfort girls",
//!       "context": "Comfort girls",
//!       "count": 1
//!     }
//!   ]
//! }
//! ```
//!
//! `file` is the path relative to the folder mtlint runs in (as in
//! `suggestions.diff`), so write and use a baseline from the same folder.
//! Whitespace runs in `text` and `context` are single spaces.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::score::Finding;
use crate::text::{Document, sentence_around};

/// The version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Key {
    rule: String,
    file: String,
    text: String,
    context: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A baseline file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// The JSON parser's message quotes the file (an unknown field's name).
#[error("{}: {}", path.display(), crate::text::OneLine(message))]
pub struct BaselineError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, with the line and column where JSON names one.
    pub message: String,
}

/// Recorded findings, counted by rule, file, text and context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(doc: &Document, finding: &Finding) -> Key {
    let span = finding.hit.span;
    Key {
        rule: finding.hit.rule.id.clone(),
        file: doc.patch_path(),
        text: collapse(&doc.text[span.range()]),
        context: collapse(&doc.text[sentence_around(&doc.text, span)]),
    }
}

impl Baseline {
    /// Records the findings of one document.
    pub fn record(&mut self, doc: &Document, findings: &[Finding]) {
        for f in findings {
            *self.counts.entry(key(doc, f)).or_default() += 1;
        }
    }

    /// The number of findings recorded.
    pub fn len(&self) -> usize {
        // Counts come from a file: a huge one must not overflow.
        self.counts
            .values()
            .fold(0, |sum, &n| sum.saturating_add(n))
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Drops the findings of `doc` that are recorded, each recorded one
    /// at most as many times as it was recorded; returns the new ones.
    pub fn filter(&mut self, doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| match self.counts.get_mut(&key(doc, f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }

    /// The file's contents: pretty JSON, sorted, with a final newline.
    pub fn to_json(&self) -> String {
        let file = File {
            version: BASELINE_VERSION,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| Entry {
                    key: key.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline always serializes");
        text.push('\n');
        text
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    ///
    /// When it cannot be read, is not a baseline (naming the line and
    /// column), or has another version.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
        Baseline::parse(path, &text)
    }

    /// Parses `text` as the contents of the baseline file at `path`.
    ///
    /// # Errors
    ///
    /// As [`Baseline::load`].
    pub fn parse(path: &Path, text: &str) -> Result<Baseline, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let file: File = serde_json::from_str(text).map_err(|e| {
            error(format!(
                "line {} column {}: not a baseline file: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if file.version != BASELINE_VERSION {
            return Err(error(format!(
                "version {} is not {BASELINE_VERSION}; write it again with --write-baseline",
                file.version
            )));
        }
        let mut baseline = Baseline::default();
        for entry in file.findings {
            let count = baseline.counts.entry(entry.key).or_default();
            *count = count.saturating_add(entry.count);
        }
        Ok(baseline)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::matcher::Hit;
    use crate::rule::{Category, Rule, Severity};
    use crate::text::Span;

    fn findings(doc: &Document, needle: &str) -> Vec<Finding> {
        let rule = Arc::new(Rule {
            id: "glossary:x".to_owned(),
            category: Category::Terminology,
            severity: Severity::Major,
            note: String::new(),
            order: 0,
        });
        doc.text
            .match_indices(needle)
            .map(|(start, m)| Finding {
                hit: Hit {
                    rule: Arc::clone(&rule),
                    span: Span::new(start, start + m.len()),
                    suggestions: Vec::new(),
                    confidence: 1.0,
                    fix: None,
                },
                score: 5.0,
            })
            .collect()
    }

    #[test]
    fn survives_edits_elsewhere_but_not_in_its_sentence() {
        let old = Document::new("a.txt", "Intro.\n\nThe comfort girls wept. Later text.\n");
        let mut baseline = Baseline::default();
        baseline.record(&old, &findings(&old, "comfort girls"));

        let edited_above = Document::new(
            "a.txt",
            "A new first paragraph.\n\nIntro, longer now.\n\nThe comfort girls wept. Later text changed.\n",
        );
        let found = findings(&edited_above, "comfort girls");
        assert!(baseline.clone().filter(&edited_above, found).is_empty());

        let reworded = Document::new("a.txt", "Intro.\n\nThe comfort girls cried. Later text.\n");
        let found = findings(&reworded, "comfort girls");
        assert_eq!(baseline.clone().filter(&reworded, found).len(), 1);

        let other_file = Document::new("b.txt", "Intro.\n\nThe comfort girls wept. Later text.\n");
        let found = findings(&other_file, "comfort girls");
        assert_eq!(baseline.filter(&other_file, found).len(), 1);
    }

    #[test]
    fn counts_copies() {
        let doc = Document::new("a.txt", "Comfort girls. Comfort girls.");
        let mut baseline = Baseline::default();
        baseline.record(&doc, &findings(&doc, "Comfort girls")[..1]);
        assert_eq!(baseline.len(), 1);
        let found = findings(&doc, "Comfort girls");
        assert_eq!(
            baseline.filter(&doc, found).len(),
            1,
            "the second copy is new"
        );
    }

    #[test]
    fn file_round_trips() {
        let doc = Document::new("a.txt", "The comfort girls wept.");
        let mut baseline = Baseline::default();
        baseline.record(&doc, &findings(&doc, "comfort girls"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), baseline);
        std::fs::write(&path, "{\"version\": 1, \"findings\": [}").unwrap();
        let err = Baseline::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 1 column"), "{err}");
    }

    #[test]
    fn huge_counts_saturate() {
        let entry = |text: &str| {
            format!(
                r#"{{"rule": "r", "file": "a.txt", "text": "{text}", "context": "c", "count": {}}}"#,
                usize::MAX
            )
        };
        // The same finding twice, and another: neither the sum per finding
        // nor the total may overflow.
        let text = format!(
            r#"{{"version": 1, "findings": [{}, {}, {}]}}"#,
            entry("x"),
            entry("x"),
            entry("y")
        );
        let baseline = Baseline::parse(Path::new("b.json"), &text).unwrap();
        assert_eq!(baseline.len(), usize::MAX);
        assert_eq!(
            Baseline::parse(Path::new("b.json"), &baseline.to_json()).unwrap(),
            baseline
        );
    }

    #[test]
    fn errors_quoting_the_file_stay_one_line() {
        let text = r#"{"version": 1, "findings": [], "a\nb": 1}"#;
        let err = Baseline::parse(Path::new("b.json"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains(r"unknown field `a\nb`"), "{err}");
    }
}
