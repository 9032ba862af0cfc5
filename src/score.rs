//! The score stage: hits become [`Finding`]s with an MQM score, and each
//! document gets a [`Summary`] with its quality and verdict.
//!
//! Pure functions over numbers; no I/O. The arithmetic is the contract in
//! `docs/scoring.md`: finding score = severity weight × confidence;
//! penalty = sum of scores; penalty per 1000 words = penalty / words × 1000;
//! quality = max(0, 100 − penalty per 1000 words).

use std::collections::BTreeMap;

use crate::matcher::Hit;
use crate::rule::Severity;

/// MQM weight of each severity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of a minor error.
    pub minor: f64,
    /// Weight of a major error.
    pub major: f64,
    /// Weight of a critical error.
    pub critical: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
        }
    }
}

impl Weights {
    /// The weight of `severity`.
    pub fn of(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

/// A scored hit: what reports receive.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What was found.
    pub hit: Hit,
    /// Severity weight × confidence.
    pub score: f64,
}

/// Scores a hit.
pub fn score(hit: Hit, weights: &Weights) -> Finding {
    let score = weights.of(hit.rule.severity) * hit.confidence;
    Finding { hit, score }
}

/// Keeps one of each group of overlapping findings: the higher score wins,
/// then the longer span, then the earlier rule. Returns the kept findings
/// sorted by (start, rule id).
pub fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.hit.span.len().cmp(&a.hit.span.len()))
            .then(a.hit.rule.order.cmp(&b.hit.rule.order))
            .then(a.hit.span.start.cmp(&b.hit.span.start))
    });
    // Kept spans never overlap, so the one kept span that could overlap a
    // new one is the last that starts before the new one ends.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        let span = finding.hit.span;
        let clash = taken
            .range(..span.end.max(span.start + 1))
            .next_back()
            .is_some_and(|(&start, &end)| end > span.start || start == span.start);
        if !clash {
            taken.insert(span.start, span.end);
            kept.push(finding);
        }
    }
    sort_findings(&mut kept);
    kept
}

/// Sorts findings the way every report prints them: by start offset, then
/// rule id, then end offset.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.hit
            .span
            .start
            .cmp(&b.hit.span.start)
            .then_with(|| a.hit.rule.id.cmp(&b.hit.rule.id))
            .then(a.hit.span.end.cmp(&b.hit.span.end))
    });
}

/// When a document fails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// A finding at or above this severity fails the document; `None`
    /// (`--fail-on never`) fails on no single finding.
    pub fail_on: Option<Severity>,
    /// A penalty per 1000 words above this fails the document.
    pub max_penalty: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: Some(Severity::Critical),
            max_penalty: 10.0,
        }
    }
}

/// Whether a document passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No finding at or above `fail_on`, and the penalty within bounds.
    Pass,
    /// Otherwise.
    Fail,
}

impl Verdict {
    /// `pass` or `fail`, as reports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        }
    }
}

/// One document's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Word tokens checked.
    pub words: usize,
    /// Number of findings.
    pub findings: usize,
    /// Findings of each severity.
    pub minor: usize,
    /// Findings of each severity.
    pub major: usize,
    /// Findings of each severity.
    pub critical: usize,
    /// Sum of the findings' scores.
    pub penalty: f64,
    /// Penalty / words × 1000 (a document of no words counts as one word).
    pub penalty_per_1000_words: f64,
    /// max(0, 100 − penalty per 1000 words).
    pub quality: f64,
    /// Pass or fail.
    pub verdict: Verdict,
}

/// Scores a document of `words` words with these findings.
pub fn summarize(words: usize, findings: &[Finding], policy: &Policy) -> Summary {
    Tally::of(findings).summary(words, policy)
}

/// What a document's score needs of its findings, counted as they come:
/// a file read in parts is scored without holding its findings.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    findings: usize,
    minor: usize,
    major: usize,
    critical: usize,
    penalty: f64,
    worst: Option<Severity>,
}

impl Tally {
    /// The tally of `findings`.
    pub fn of(findings: &[Finding]) -> Tally {
        let mut tally = Tally::default();
        for f in findings {
            tally.add(f);
        }
        tally
    }

    /// Counts one more finding.
    pub fn add(&mut self, finding: &Finding) {
        let severity = finding.hit.rule.severity;
        self.findings += 1;
        match severity {
            Severity::Minor => self.minor += 1,
            Severity::Major => self.major += 1,
            Severity::Critical => self.critical += 1,
        }
        self.penalty += finding.score;
        self.worst = self.worst.max(Some(severity));
    }

    /// The score of a document of `words` words with the findings counted.
    pub fn summary(&self, words: usize, policy: &Policy) -> Summary {
        let penalty = self.penalty;
        let penalty_per_1000_words = penalty / words.max(1) as f64 * 1000.0;
        let quality = (100.0 - penalty_per_1000_words).max(0.0);
        let too_severe = policy
            .fail_on
            .is_some_and(|threshold| self.worst.is_some_and(|w| w >= threshold));
        let verdict = if too_severe || penalty_per_1000_words > policy.max_penalty {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        Summary {
            words,
            findings: self.findings,
            minor: self.minor,
            major: self.major,
            critical: self.critical,
            penalty,
            penalty_per_1000_words,
            quality,
            verdict,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rule::{Category, Rule};
    use crate::text::Span;

    fn finding(
        start: usize,
        end: usize,
        severity: Severity,
        confidence: f64,
        order: usize,
    ) -> Finding {
        let rule = Arc::new(Rule {
            id: format!("glossary:r{order}"),
            category: Category::Mistranslation,
            severity,
            note: String::new(),
            order,
        });
        score(
            Hit {
                rule,
                span: Span::new(start, end),
                suggestions: Vec::new(),
                confidence,
            },
            &Weights::default(),
        )
    }

    #[test]
    fn score_is_weight_times_confidence() {
        let table = [
            (Severity::Minor, 1.0, 1.0),
            (Severity::Major, 1.0, 5.0),
            (Severity::Critical, 1.0, 25.0),
            (Severity::Major, 0.9, 4.5),
        ];
        for (severity, confidence, expected) in table {
            let f = finding(0, 1, severity, confidence, 0);
            assert!(
                (f.score - expected).abs() < 1e-9,
                "{severity:?} {confidence}"
            );
        }
    }

    #[test]
    fn overlap_keeps_higher_score_then_longer_then_earlier() {
        let kept = resolve_overlaps(vec![
            finding(0, 5, Severity::Minor, 1.0, 0),
            finding(2, 8, Severity::Major, 0.9, 1),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].hit.rule.order, 1);

        let kept = resolve_overlaps(vec![
            finding(0, 5, Severity::Minor, 1.0, 0),
            finding(0, 9, Severity::Minor, 1.0, 1),
        ]);
        assert_eq!(kept[0].hit.span, Span::new(0, 9));

        let kept = resolve_overlaps(vec![
            finding(4, 8, Severity::Minor, 1.0, 3),
            finding(0, 4, Severity::Minor, 1.0, 2),
            finding(0, 4, Severity::Minor, 1.0, 1),
        ]);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].hit.rule.order, 1);
        assert_eq!(kept[1].hit.span, Span::new(4, 8));
    }

    #[test]
    fn summary_arithmetic() {
        let findings = vec![
            finding(0, 1, Severity::Minor, 1.0, 0),
            finding(2, 3, Severity::Major, 0.8, 1),
        ];
        let s = summarize(500, &findings, &Policy::default());
        assert_eq!((s.findings, s.minor, s.major, s.critical), (2, 1, 1, 0));
        assert!((s.penalty - 5.0).abs() < 1e-9);
        assert!((s.penalty_per_1000_words - 10.0).abs() < 1e-9);
        assert!((s.quality - 90.0).abs() < 1e-9);
        assert_eq!(s.verdict, Verdict::Pass, "10 is not above the default 10");
    }

    #[test]
    fn verdicts() {
        let critical = vec![finding(0, 1, Severity::Critical, 0.5, 0)];
        let policy = Policy::default();
        assert_eq!(
            summarize(1_000_000, &critical, &policy).verdict,
            Verdict::Fail
        );
        let never = Policy {
            fail_on: None,
            ..policy
        };
        assert_eq!(
            summarize(1_000_000, &critical, &never).verdict,
            Verdict::Pass
        );
        let minor = vec![finding(0, 1, Severity::Minor, 1.0, 0)];
        let strict = Policy {
            fail_on: Some(Severity::Minor),
            ..policy
        };
        assert_eq!(summarize(1_000_000, &minor, &strict).verdict, Verdict::Fail);
        assert_eq!(
            summarize(50, &minor, &policy).verdict,
            Verdict::Fail,
            "20 per 1000 words"
        );
    }

    #[test]
    fn quality_never_negative() {
        let many: Vec<_> = (0..10)
            .map(|i| finding(i, i + 1, Severity::Critical, 1.0, i))
            .collect();
        assert_eq!(summarize(10, &many, &Policy::default()).quality, 0.0);
    }
}
