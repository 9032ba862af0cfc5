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
        // At an empty span (a place where something is missing), findings
        // of one rule that name different things are not duplicates: the
        // keys missing from a key-value target where they belong.
        findings.dedup_by(|a, b| {
            a.hit.span == b.hit.span
                && a.hit.rule.id == b.hit.rule.id
                && (!a.hit.span.is_empty() || a.hit.rule.note == b.hit.rule.note)
        });
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

/// Which suggestions `fix` (and `suggestions.diff`) apply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    /// Only the certain ones: a finding's [`Hit::fix`](crate::matcher::Hit)
    /// (its one suggestion, or the one its entry marks), from a match at
    /// least this sure. The others are left for a person.
    Certain {
        /// The least confidence of a finding applied.
        min_confidence: f64,
    },
    /// The preferred suggestion of every finding that has one (the one its
    /// entry marks, else the first), however many alternatives it has and
    /// however sure the match.
    First,
}

/// The least confidence `fix` applies by default: exact matches and fuzzy
/// ones that differ from the term by an inflection or one small typo.
pub const DEFAULT_FIX_CONFIDENCE: f64 = 0.9;

impl Default for Pick {
    fn default() -> Self {
        Pick::Certain {
            min_confidence: DEFAULT_FIX_CONFIDENCE,
        }
    }
}

impl Pick {
    /// The suggestion of `finding` this pick applies, if any.
    pub fn choose<'f>(&self, finding: &'f Finding) -> Option<&'f str> {
        let hit = &finding.hit;
        let i = match *self {
            Pick::First => hit.fix.unwrap_or(0),
            Pick::Certain { min_confidence } => {
                if hit.confidence < min_confidence {
                    return None;
                }
                hit.fix?
            }
        };
        hit.suggestions.get(i).map(String::as_str)
    }

    /// Whether `finding` has suggestions that this pick leaves for a person.
    pub fn leaves(&self, finding: &Finding) -> bool {
        !finding.hit.suggestions.is_empty() && self.choose(finding).is_none()
    }
}

/// The document's text with the chosen suggestion (see [`Pick`]) of every
/// finding that has one applied, each escaped as the file's format writes text there
/// (`&amp;` in XML, `\"` in PO, as it is in a CDATA section); one that the
/// file cannot hold there (a comma in an unquoted CSV field) is not applied.
/// Findings must
/// not overlap (as [`Checker::findings`] returns them); an overlapping one
/// is skipped.
pub fn apply_suggestions(doc: &Document, findings: &[Finding], pick: Pick) -> String {
    let text = doc.text.as_str();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits(doc, findings, pick) {
        out.push_str(&text[at..span.start]);
        out.push_str(&replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits [`apply_suggestions`] makes: each span with its replacement,
/// escaped, in order, not overlapping.
pub fn edits<'f>(doc: &Document, findings: &'f [Finding], pick: Pick) -> Vec<(Span, Cow<'f, str>)> {
    let mut edits: Vec<(Span, &str)> = findings
        .iter()
        .filter_map(|f| pick.choose(f).map(|s| (f.hit.span, s)))
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

/// `doc` with the one entry of `alone` (a matcher of that entry only)
/// applied as `fix --pick first` applies it: the marked or first
/// suggestion of each finding, in the form the text's words give it. This
/// is what `glossary check` compares with an entry's `fixed` sentence.
pub fn apply_entry(doc: &Document, alone: GlossaryMatcher) -> String {
    let checker = Checker {
        glossary: alone,
        detectors: Vec::new(),
        weights: Weights::default(),
        policy: Policy::default(),
    };
    let (_, findings) = checker.findings(doc);
    apply_suggestions(doc, &findings, Pick::First)
}
