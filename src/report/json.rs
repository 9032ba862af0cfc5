//! The `json` format (`findings.json`): one JSON document for the whole run.
//!
//! ```json
//! {
//!   "version": 2,
//!   "documents": [
//!     {
//!       "file": "article.txt",
//!       "words": 515, "findings": 15, "minor": 11, "major": 4, "critical": 0,
//!       "penalty": 30.54, "penalty_per_1000_words": 59.3, "quality": 94.07,
//!       "verdict": "fail", "normed_penalty": 59.3, "calibrated_quality": 40.7,
//!       "scorecard": { "mistranslation": { "minor": 11, "major": 4, "critical": 0, "penalty": 30.54 } },
//!       "results": [
//!         {
//!           "file": "article.txt", "line": 1, "column": 58, "start": 57, "end": 67,
//!           "text": "support vs", "suggestions": ["US support"],
//!           "rule": "glossary:nl-support-vs", "category": "mistranslation",
//!           "severity": "major", "confidence": 1.0, "score": 5.0,
//!           "note": "Dutch 'VS' ..."
//!         }
//!       ]
//!     }
//!   ],
//!   "totals": {
//!     "documents": 1, "passed": 0, "failed": 1, "words": 515, "findings": 15,
//!     "minor": 11, "major": 4, "critical": 0, "penalty": 30.54,
//!     "penalty_per_1000_words": 59.3, "normed_penalty": 59.3, "quality": 94.07,
//!     "calibrated_quality": 40.7, "scorecard": { … }
//!   }
//! }
//! ```
//!
//! A finding carries every column of `findings.csv` under the same name,
//! except that `suggestion` (alternatives joined by `|`) is the array
//! `suggestions`, preferred first. `line`/`column` are 1-based (columns in
//! Unicode scalar values), `start`/`end` byte offsets, end exclusive.
//! `confidence` and `score` are rounded to three decimals, the summary's
//! penalties and scores to two, as in the CSV. The top-level `model` gives
//! the scoring model's parameters ([`crate::score`]). With a consistency
//! rule on, `groups` lists the run's inconsistent groups ([`JsonGroup`]).
//! `version` changes only when a field changes meaning or goes away; new
//! fields may be added without a new version. Version 2 is the first that
//! `check --input jsonl` shares with `-f jsonl`: a stream's findings carry
//! `id` and `record_line`, and its suggestions are the array `suggestions`
//! (version 1 of the stream joined them with `|` in `suggestion`).
//!
//! These structs are the wire format, kept apart from the domain types so
//! that a refactor of [`Finding`](crate::score::Finding) cannot silently
//! change the output.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::Report;
use super::escape::json_bytes;
use crate::check::Checked;
use crate::matcher::bilingual::consistency::{Groups, INCONSISTENT, Members};
use crate::rule::Severity;
use crate::score::{Policy, RunTotals, Scorecard};
use crate::text::Document;

/// The version of the `json` and `jsonl` formats.
pub const JSON_VERSION: u32 = 2;

/// One finding, as `json` and `jsonl` write it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFinding {
    /// The file as given (or found while walking a folder); for a record
    /// of a JSON Lines stream, the stream and `#` and the record's id.
    pub file: String,
    /// For a record of a JSON Lines stream: its `id`, as the record gives
    /// it (a string or a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// For a record of a JSON Lines stream: its 1-based line in the
    /// stream. `line`, `column`, `start` and `end` are then positions in
    /// the record's `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column of the first byte, in Unicode scalar values.
    pub column: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Exactly the file's bytes `start..end`.
    pub text: String,
    /// Replacements, preferred first; empty when the rule only flags.
    pub suggestions: Vec<String>,
    /// The rule id, e.g. `glossary:nl-comfort-girls`.
    pub rule: String,
    /// MQM category.
    pub category: String,
    /// MQM severity: `minor`, `major` or `critical`.
    pub severity: String,
    /// 0–1, three decimals.
    pub confidence: f64,
    /// Severity weight × confidence, three decimals.
    pub score: f64,
    /// Why this is wrong (may be empty).
    pub note: String,
}

/// One document's summary and findings in `json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    /// The file.
    pub file: String,
    /// Words checked.
    pub words: usize,
    /// Number of findings.
    pub findings: usize,
    /// Minor findings.
    pub minor: usize,
    /// Major findings.
    pub major: usize,
    /// Critical findings.
    pub critical: usize,
    /// Sum of the scores, two decimals.
    pub penalty: f64,
    /// Penalty per 1000 words, two decimals.
    pub penalty_per_1000_words: f64,
    /// The raw MQM quality score, (1 − penalty / words) × maximum score,
    /// two decimals.
    pub quality: f64,
    /// `pass` or `fail`.
    pub verdict: String,
    /// The normed penalty total: penalty per reference word count, two
    /// decimals.
    pub normed_penalty: f64,
    /// The calibrated MQM quality score, two decimals.
    pub calibrated_quality: f64,
    /// The MQM error count table: each category with a finding.
    pub scorecard: JsonScorecard,
    /// The language pair the document was checked as (`nl-en`; `?` for a
    /// side not known), or `null` when neither side is known.
    #[serde(default)]
    pub lang: Option<String>,
    /// The findings, sorted by start offset, then rule.
    pub results: Vec<JsonFinding>,
}

/// The totals over every document in `json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JsonTotals {
    /// Documents checked.
    pub documents: usize,
    /// Documents that pass.
    pub passed: usize,
    /// Documents that fail.
    pub failed: usize,
    /// Words checked.
    pub words: usize,
    /// Findings.
    pub findings: usize,
    /// Minor findings.
    pub minor: usize,
    /// Major findings.
    pub major: usize,
    /// Critical findings.
    pub critical: usize,
    /// Sum of all penalties, two decimals.
    pub penalty: f64,
    /// The run's penalty per 1000 words, two decimals.
    pub penalty_per_1000_words: f64,
    /// The run's normed penalty total, two decimals.
    pub normed_penalty: f64,
    /// The run's raw quality score, two decimals.
    pub quality: f64,
    /// The run's calibrated quality score, two decimals.
    pub calibrated_quality: f64,
    /// The run's error count table.
    pub scorecard: JsonScorecard,
}

/// One row of the MQM error count table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JsonCategory {
    /// Minor findings.
    pub minor: usize,
    /// Major findings.
    pub major: usize,
    /// Critical findings.
    pub critical: usize,
    /// Penalty points, two decimals.
    pub penalty: f64,
}

/// The error count table: category name → its row, for each category with
/// a finding.
pub type JsonScorecard = std::collections::BTreeMap<String, JsonCategory>;

/// The scoring model's parameters, as the run used them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonModel {
    /// Reference word count (RWC).
    pub reference_word_count: f64,
    /// Maximum score value (MSV).
    pub maximum_score: f64,
    /// Passing threshold (PT) of the calibrated score.
    pub passing_score: f64,
    /// Normed penalty threshold (NPTh, `--max-penalty`).
    pub max_penalty: f64,
}

/// The wire form of a scorecard.
pub(crate) fn json_scorecard(card: &Scorecard) -> JsonScorecard {
    card.categories()
        .map(|c| {
            (
                c.as_str().to_owned(),
                JsonCategory {
                    minor: card.count(c, Severity::Minor),
                    major: card.count(c, Severity::Major),
                    critical: card.count(c, Severity::Critical),
                    penalty: round(card.penalties[c.index()], 2),
                },
            )
        })
        .collect()
}

/// The whole `json` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The scoring model's parameters.
    pub model: JsonModel,
    /// Every document, in path order.
    pub documents: Vec<JsonDocument>,
    /// Sums over the documents.
    pub totals: JsonTotals,
    /// When `heuristic:inconsistent-translation` or
    /// `heuristic:inconsistent-source` is on: the run's inconsistent
    /// groups (none when the run is consistent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<JsonGroup>>,
}

/// One inconsistent group of the run: a source translated more than one
/// way (`source` and its translations), or a translation that stands for
/// more than one source (`target` and its sources).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonGroup {
    /// `heuristic:inconsistent-translation` or
    /// `heuristic:inconsistent-source`.
    pub rule: String,
    /// The language pair of the group's first unit's document, as a
    /// document's `lang`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The source the units share (`inconsistent-translation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The translation the units share (`inconsistent-source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The variants, most used first.
    pub variants: Vec<JsonVariant>,
}

/// One variant of a group: a translation of its source (`target`), or a
/// source of its translation (`source`), as first seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonVariant {
    /// A source of the group's translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A translation of the group's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// How many units of the run use it.
    pub count: u32,
    /// Its units in input order, the first
    /// [`UNITS_LISTED`](crate::matcher::bilingual::consistency::UNITS_LISTED).
    pub units: Vec<JsonUnit>,
    /// Its units not listed in `units`; absent when none is left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub units_left_out: usize,
}

/// A unit of a group: where it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonUnit {
    /// The file, as a finding's `file`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The wire form of the groups `members` lists.
pub(crate) fn json_groups(members: &Members) -> Vec<JsonGroup> {
    members
        .listed()
        .into_iter()
        .map(|g| {
            let by_source = g.rule == INCONSISTENT;
            let (shared, other) = (Some(g.shared.to_owned()), None);
            let (source, target) = if by_source {
                (shared, other)
            } else {
                (other, shared)
            };
            JsonGroup {
                rule: g.rule.to_owned(),
                lang: g.lang.map(str::to_owned),
                source,
                target,
                variants: g
                    .variants
                    .into_iter()
                    .map(|v| {
                        let text = Some(v.text.to_owned());
                        let (source, target) = if by_source {
                            (None, text)
                        } else {
                            (text, None)
                        };
                        JsonVariant {
                            source,
                            target,
                            count: v.count,
                            units: v
                                .units
                                .iter()
                                .map(|m| JsonUnit {
                                    file: m.file.clone(),
                                    line: m.line,
                                })
                                .collect(),
                            units_left_out: v.left_out,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// `value` rounded to `decimals` places, so that JSON numbers print as
/// briefly and deterministically as the CSV's fixed-precision ones.
pub(crate) fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// The wire form of every finding of `checked`.
pub(crate) fn json_findings(doc: &Document, checked: &Checked) -> Vec<JsonFinding> {
    let file = doc.display_path();
    checked
        .findings
        .iter()
        .map(|f| {
            let span = f.hit.span;
            let (line, column) = doc.line_col(span.start);
            let rule = &f.hit.rule;
            JsonFinding {
                file: file.clone(),
                id: doc.record.as_ref().map(|r| r.id.clone()),
                record_line: doc.record.as_ref().map(|r| r.line),
                line,
                column,
                start: doc.file_offset(span.start),
                end: doc.file_offset(span.end),
                text: doc.text[span.range()].to_owned(),
                suggestions: f.hit.suggestions.clone(),
                rule: rule.id.clone(),
                category: rule.category.as_str().to_owned(),
                severity: rule.severity.as_str().to_owned(),
                confidence: round(f.hit.confidence, 3),
                score: round(f.score, 3),
                note: rule.note.clone(),
            }
        })
        .collect()
}

/// Writes `findings.json`: buffers every document and writes in
/// [`Report::finish`].
pub struct Json<W: Write> {
    out: W,
    report: JsonReport,
    run: RunTotals,
    policy: Policy,
    pending: Vec<JsonFinding>,
    /// The units of the run's inconsistent groups, when the rules are on.
    members: Option<Members>,
}

impl<W: Write> Json<W> {
    /// A JSON report into `out`, scored by `policy`.
    pub fn new(out: W, policy: Policy) -> Self {
        Json {
            out,
            report: JsonReport {
                version: JSON_VERSION,
                model: JsonModel {
                    reference_word_count: policy.model.reference_words,
                    maximum_score: policy.model.max_score,
                    passing_score: policy.model.passing_score,
                    max_penalty: policy.max_penalty,
                },
                documents: Vec::new(),
                totals: JsonTotals::default(),
                groups: None,
            },
            run: RunTotals::default(),
            policy,
            pending: Vec::new(),
            members: None,
        }
    }

    /// Lists the run's inconsistent `groups` (of the consistency rules
    /// that are on) with the units of each variant, under `groups`.
    #[must_use]
    pub fn with_groups(mut self, groups: Option<std::sync::Arc<Groups>>) -> Self {
        self.members = groups.map(Members::new);
        self
    }
}

impl<W: Write> Report for Json<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        // The findings of a file read in parts wait for its last part,
        // which brings its summary. A file whose parts were cut short by
        // an error is dropped with the next file's first part.
        if doc.part.is_none_or(|p| p.index == 0) {
            self.pending.clear();
        }
        self.pending.extend(json_findings(doc, checked));
        if let Some(members) = &mut self.members {
            members.add(doc);
        }
        if !doc.ends_file() {
            return Ok(());
        }
        let s = &checked.summary;
        self.run.add(s);
        self.report.documents.push(JsonDocument {
            file: doc.display_path(),
            words: s.words,
            findings: s.findings,
            minor: s.minor,
            major: s.major,
            critical: s.critical,
            penalty: round(s.penalty, 2),
            penalty_per_1000_words: round(s.penalty_per_1000_words, 2),
            quality: round(s.quality, 2),
            verdict: s.verdict.as_str().to_owned(),
            normed_penalty: round(s.normed_penalty, 2),
            calibrated_quality: round(s.calibrated_quality, 2),
            scorecard: json_scorecard(&s.scorecard),
            lang: doc.lang.label(),
            results: std::mem::take(&mut self.pending),
        });
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let run = &self.run;
        let s = run.summary(&self.policy);
        self.report.totals = JsonTotals {
            documents: run.documents,
            passed: run.documents - run.failed,
            failed: run.failed,
            words: s.words,
            findings: s.findings,
            minor: s.minor,
            major: s.major,
            critical: s.critical,
            penalty: round(s.penalty, 2),
            penalty_per_1000_words: round(s.penalty_per_1000_words, 2),
            normed_penalty: round(s.normed_penalty, 2),
            quality: round(s.quality, 2),
            calibrated_quality: round(s.calibrated_quality, 2),
            scorecard: json_scorecard(&s.scorecard),
        };
        self.report.groups = self.members.as_ref().map(json_groups);
        let json = serde_json::to_vec_pretty(&self.report)?;
        self.out.write_all(&json_bytes(&json))?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_brief_and_never_negative_zero() {
        assert_eq!(round(0.866_666_7, 3), 0.867);
        assert_eq!(round(-0.000_1, 3).to_string(), "0");
        assert_eq!(serde_json::to_string(&round(5.0, 3)).unwrap(), "5.0");
    }
}
