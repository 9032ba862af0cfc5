//! The `sarif` format (`findings.sarif`): SARIF 2.1.0, as code-scanning
//! dashboards (GitHub code scanning, the VS Code SARIF viewer) read it.
//!
//! One run whose `tool.driver` names mtlint, its `version` and
//! `semanticVersion` (and `informationUri` when the package names a
//! `homepage` in Cargo.toml), and
//! whose `rules` list the rules that fired (each glossary entry and
//! detector with at least one result) with their description and default
//! level, in the order they first fire; then one `result` per finding:
//!
//! - `ruleId`/`ruleIndex` name the rule; `level` maps the MQM severity as
//!   every report does: minor → `warning`, major and critical → `error`.
//! - The region has `startLine`, `startColumn`, `endLine`, `endColumn`
//!   (1-based; `endColumn` is the column after the span), and the run sets
//!   `columnKind` to `unicodeCodePoints`, which is how mtlint counts
//!   columns; `byteOffset`/`byteLength` give the exact bytes, and
//!   `snippet` the flagged text.
//! - Each suggestion is a `fix` that replaces the region.
//! - `properties` carry the category, severity, confidence and score.
//!
//! Artifact URIs are the file paths relative to the folder mtlint ran in,
//! with `/` separators and percent-encoding where a URI needs it.
//! The whole log is buffered and written in [`Report::finish`].

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use super::Report;
use super::escape::json_bytes;
use super::json::round;
use crate::check::Checked;
use crate::rule::{Rule, Severity};
use crate::text::Document;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A rule as SARIF describes it: the rule and a one-line summary (for a
/// glossary entry, its term and suggestion).
#[derive(Debug, Clone)]
pub struct RuleDescription {
    /// The rule.
    pub rule: Arc<Rule>,
    /// A one-line description; the rule's note is the full description.
    pub summary: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: String,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
    severity: &'static str,
    tags: Vec<&'static str>,
}

#[derive(Serialize, Clone)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
struct ResultProperties {
    category: &'static str,
    severity: &'static str,
    confidence: f64,
    score: f64,
}

/// The SARIF level of an MQM severity.
pub(crate) fn level(severity: Severity) -> &'static str {
    severity.level()
}

/// A relative path as a URI reference: `/` kept, every byte outside the
/// unreserved set and `/` percent-encoded (RFC 3986).
pub fn path_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Writes `findings.sarif`.
pub struct Sarif<W: Write> {
    out: W,
    /// The one-line description of each rule in force, by id, for the
    /// rules that fire.
    summaries: BTreeMap<String, String>,
    rules: Vec<SarifRule>,
    index: BTreeMap<String, usize>,
    results: Vec<SarifResult>,
}

impl<W: Write> Sarif<W> {
    /// A SARIF log into `out`; `rules` (every rule in force) give the
    /// descriptions of the rules that fire, which alone the log lists: a
    /// code-scanning dashboard needs no description of a rule without a
    /// result, and the built-in glossary alone has hundreds.
    pub fn new(out: W, rules: &[RuleDescription]) -> Self {
        Sarif {
            out,
            summaries: rules
                .iter()
                .map(|r| (r.rule.id.clone(), r.summary.clone()))
                .collect(),
            rules: Vec::new(),
            index: BTreeMap::new(),
            results: Vec::new(),
        }
    }

    /// The index of `rule` in the driver's rules, adding it if it is new
    /// (a finding may come from a rule that was not listed up front, such
    /// as an unused suppression).
    fn rule_index(&mut self, rule: &Rule) -> usize {
        if let Some(&i) = self.index.get(&rule.id) {
            return i;
        }
        let summary = self.summaries.get(&rule.id).map_or("", String::as_str);
        let summary = if summary.is_empty() {
            format!("{} {}", rule.severity, rule.category)
        } else {
            summary.to_owned()
        };
        self.rules.push(SarifRule {
            id: rule.id.clone(),
            short_description: Text { text: summary },
            full_description: (!rule.note.is_empty()).then(|| Text {
                text: rule.note.clone(),
            }),
            default_configuration: Configuration {
                level: level(rule.severity),
            },
            properties: RuleProperties {
                category: rule.category.as_str(),
                severity: rule.severity.as_str(),
                tags: vec!["translation", rule.category.as_str()],
            },
        });
        self.index.insert(rule.id.clone(), self.rules.len() - 1);
        self.rules.len() - 1
    }
}

impl<W: Write> Report for Sarif<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let uri = path_uri(&doc.patch_path());
        for f in &checked.findings {
            let span = f.hit.span;
            let rule = &f.hit.rule;
            let rule_index = self.rule_index(rule);
            let (start_line, start_column) = doc.line_col(span.start);
            let (end_line, end_column) = doc.line_col(span.end);
            let matched = &doc.text[span.range()];
            let region = Region {
                start_line,
                start_column,
                end_line,
                end_column,
                byte_offset: None,
                byte_length: None,
                snippet: None,
            };
            let fixes = f
                .hit
                .suggestions
                .iter()
                // A suggestion the file cannot hold there is no fix.
                .filter_map(|s| Some((s, doc.escaped(span, s)?)))
                .map(|(s, inserted)| Fix {
                    description: Text {
                        text: format!("Replace \"{matched}\" with \"{s}\""),
                    },
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: ArtifactLocation { uri: uri.clone() },
                        replacements: vec![Replacement {
                            deleted_region: region.clone(),
                            // The fix replaces bytes of the file, so it is
                            // written as the file's format writes text.
                            inserted_content: Text {
                                text: inserted.into_owned(),
                            },
                        }],
                    }],
                })
                .collect();
            let mut message = match f.hit.suggestions.as_slice() {
                [] => format!("\"{matched}\" ({} {})", rule.severity, rule.category),
                alternatives => format!(
                    "\"{matched}\" → \"{}\" ({} {})",
                    alternatives.join("\" or \""),
                    rule.severity,
                    rule.category
                ),
            };
            if !rule.note.is_empty() {
                message.push_str(": ");
                message.push_str(&rule.note);
            }
            self.results.push(SarifResult {
                rule_id: rule.id.clone(),
                rule_index,
                level: level(rule.severity),
                message: Text { text: message },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri.clone() },
                        region: Region {
                            byte_offset: Some(doc.file_offset(span.start)),
                            byte_length: Some(span.len()),
                            snippet: Some(Text {
                                text: matched.to_owned(),
                            }),
                            ..region
                        },
                    },
                }],
                fixes,
                properties: ResultProperties {
                    category: rule.category.as_str(),
                    severity: rule.severity.as_str(),
                    confidence: round(f.hit.confidence, 3),
                    score: round(f.score, 3),
                },
            });
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "mtlint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: env!("CARGO_PKG_HOMEPAGE"),
                        rules: std::mem::take(&mut self.rules),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: std::mem::take(&mut self.results),
            }],
        };
        let json = serde_json::to_vec_pretty(&log)?;
        self.out.write_all(&json_bytes(&json))?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_percent_encode_what_a_uri_cannot_hold() {
        assert_eq!(
            path_uri("docs/a b%,:é.txt"),
            "docs/a%20b%25%2C%3A%C3%A9.txt"
        );
    }
}
