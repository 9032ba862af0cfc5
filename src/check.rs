//! The detect stage: one document through every detector, each hit
//! scored into a finding, overlaps resolved. The pipeline
//! ([`crate::pipeline`]) runs it per document, then filters and
//! summarizes; [`Checker::check`] does all of it without filters, for
//! tests, benchmarks and library users.

use crate::matcher::{Detector, GlossaryMatcher, Hit};
use crate::score::{
    Finding, Policy, Summary, Weights, resolve_overlaps, score, sort_findings, summarize,
};
use std::borrow::Cow;

use crate::text::{Document, Span};

/// The compiled detectors and scoring settings. Built once, shared by every
/// thread.
pub struct Checker {
    /// The glossary matcher.
    pub glossary: GlossaryMatcher,
    /// The other detectors (heuristics for MT artifacts), each reporting
    /// under its own rules.
    pub detectors: Vec<Box<dyn Detector>>,
    /// MQM severity weights.
    pub weights: Weights,
    /// When a document fails.
    pub policy: Policy,
}

/// A checked document: its findings, sorted by (start, rule), and its
/// summary.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The findings, sorted, overlaps resolved.
    pub findings: Vec<Finding>,
    /// Words, penalty, quality and verdict.
    pub summary: Summary,
}

impl Checker {
    /// Runs every detector on `doc` and scores what they find: the
    /// document's word count and its findings, sorted by (start, rule),
    /// glossary overlaps resolved. Suggestions are plain text; they are
    /// escaped only where they are written into a file
    /// ([`apply_suggestions`]).
    pub fn findings(&self, doc: &Document) -> (usize, Vec<Finding>) {
        let mut hits: Vec<Hit> = Vec::new();
        // The matcher counts the words as it reads them.
        let words = self.glossary.detect_counting(doc, &mut hits);
        let scored = hits.into_iter().map(|h| score(h, &self.weights)).collect();
        // Glossary hits compete for their span: one wording has one fix.
        let mut findings = resolve_overlaps(scored);
        // Other detectors' findings stand beside them: they name another
        // kind of problem in the same words.
        let mut hits: Vec<Hit> = Vec::new();
        for detector in &self.detectors {
            detector.detect(doc, &mut hits);
        }
        findings.extend(hits.into_iter().map(|h| score(h, &self.weights)));
        sort_findings(&mut findings);
        findings.dedup_by(|a, b| a.hit.span == b.hit.span && a.hit.rule.id == b.hit.rule.id);
        (words, findings)
    }

    /// Runs every detector on `doc` and summarizes the findings, with no
    /// filter (see [`crate::pipeline::Pipeline`] for the whole run).
    pub fn check(&self, doc: &Document) -> Checked {
        let (words, findings) = self.findings(doc);
        let summary = summarize(words, &findings, &self.policy);
        Checked { findings, summary }
    }
}

impl Checker {
    /// Every rule in force, glossary entries first, in load order.
    pub fn rules(&self) -> Vec<std::sync::Arc<crate::rule::Rule>> {
        let mut rules = self.glossary.rules();
        for detector in &self.detectors {
            rules.extend(detector.rules());
        }
        rules
    }
}

/// The document's text with the preferred suggestion of every finding that
/// has one applied, each escaped as the file's format writes text there
/// (`&amp;` in XML, `\"` in PO, as it is in a CDATA section); one that the
/// file cannot hold there (a comma in an unquoted CSV field) is not applied.
/// Findings must
/// not overlap (as [`Checker::findings`] returns them); an overlapping one
/// is skipped.
pub fn apply_suggestions(doc: &Document, findings: &[Finding]) -> String {
    let text = doc.text.as_str();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits(doc, findings) {
        out.push_str(&text[at..span.start]);
        out.push_str(&replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits [`apply_suggestions`] makes: each span with its replacement,
/// escaped, in order, not overlapping.
pub fn edits<'f>(doc: &Document, findings: &'f [Finding]) -> Vec<(Span, Cow<'f, str>)> {
    let mut edits: Vec<(Span, &str)> = findings
        .iter()
        .filter_map(|f| f.hit.suggestions.first().map(|s| (f.hit.span, s.as_str())))
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut kept = Vec::with_capacity(edits.len());
    let mut at = 0;
    for (span, replacement) in edits {
        if span.start < at {
            continue;
        }
        // A suggestion the file cannot hold there is left for a person.
        let Some(replacement) = doc.escaped(span, replacement) else {
            continue;
        };
        kept.push((span, replacement));
        at = span.end;
    }
    kept
}
