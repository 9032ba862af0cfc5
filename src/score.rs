//! The score stage: hits become [`Finding`]s with an MQM score, and each
//! document gets a [`Summary`] with its scorecard, quality and verdict.
//!
//! Pure functions over numbers; no I/O. The arithmetic is the MQM scoring
//! model (the MQM Council's "The MQM Scoring Models"; Lommel et al. 2024,
//! arXiv 2405.16969), written out in `docs/scoring.md`:
//!
//! - a finding's penalty = severity multiplier × error type weight ×
//!   confidence;
//! - APT (absolute penalty total) = the sum of the penalties; EWC
//!   (evaluation word count) = the words checked;
//! - PWPT (per-word penalty total) = APT / EWC; NPT (normed penalty total)
//!   = PWPT × RWC (reference word count, 1000);
//! - raw quality OQS = (1 − PWPT) × MSV (maximum score value, 100);
//! - calibrated quality = MSV − NPT × (MSV − PT) / NPTh: no penalty scores
//!   MSV, and the normed penalty threshold NPTh (`--max-penalty`) scores
//!   exactly the passing threshold PT.

use std::collections::BTreeMap;

use crate::matcher::Hit;
use crate::rule::{Category, Severity};

/// The MQM severity multipliers and error type weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Multiplier of a minor error.
    pub minor: f64,
    /// Multiplier of a major error.
    pub major: f64,
    /// Multiplier of a critical error.
    pub critical: f64,
    /// Error type weight of each category, in [`Category::ALL`] order.
    pub categories: [f64; Category::ALL.len()],
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
            categories: [1.0; Category::ALL.len()],
        }
    }
}

impl Weights {
    /// The multiplier of `severity`.
    pub fn of(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }

    /// The error type weight of `category`.
    pub fn category(&self, category: Category) -> f64 {
        self.categories[category.index()]
    }
}

/// A scored hit: what reports receive.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What was found.
    pub hit: Hit,
    /// Severity multiplier × error type weight × confidence: the
    /// finding's penalty points.
    pub score: f64,
}

/// Scores a hit.
pub fn score(hit: Hit, weights: &Weights) -> Finding {
    let score =
        weights.of(hit.rule.severity) * weights.category(hit.rule.category) * hit.confidence;
    Finding { hit, score }
}

/// Keeps one of each group of overlapping findings: the higher score wins,
/// then the longer span, then the earlier rule. Returns the kept findings
/// sorted by (start, rule id).
///
/// Only findings that overlap compete, so the findings are cut, in order
/// of their start, into clusters that overlap nothing outside themselves,
/// and each cluster is resolved on its own. Most findings overlap nothing:
/// they cost a place in one sort by start and nothing more.
pub fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    // A stable sort, so that equal findings stay in the order they came,
    // as the ranking below relies on.
    findings.sort_by_key(|f| f.hit.span.start);
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut cluster: Vec<Finding> = Vec::new();
    let mut cluster_end = 0;
    for finding in findings {
        let span = finding.hit.span;
        if !cluster.is_empty() && span.start >= cluster_end {
            resolve_cluster(&mut cluster, &mut kept);
        }
        // An empty span stands for the character after it, as in the
        // clash test of `resolve_cluster`.
        cluster_end = cluster_end.max(span.end.max(span.start + 1));
        cluster.push(finding);
    }
    resolve_cluster(&mut cluster, &mut kept);
    kept
}

/// Resolves one cluster of findings (see [`resolve_overlaps`]), sorted by
/// start, and moves the kept ones to `kept` in report order.
fn resolve_cluster(cluster: &mut Vec<Finding>, kept: &mut Vec<Finding>) {
    if cluster.len() < 2 {
        kept.append(cluster);
        return;
    }
    let from = kept.len();
    keep_best(cluster, kept);
    sort_findings(&mut kept[from..]);
}

/// Moves to `kept` the findings of `findings` that win their span: the
/// higher score first, then the longer span, then the earlier rule; a
/// finding that overlaps one kept before it is dropped.
fn keep_best(findings: &mut Vec<Finding>, kept: &mut Vec<Finding>) {
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
    for finding in findings.drain(..) {
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

/// The parameters of the MQM scoring model besides the weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// RWC: the words the normed penalty total is counted per.
    pub reference_words: f64,
    /// MSV: the score of a text without errors.
    pub max_score: f64,
    /// PT: the calibrated score of a text whose normed penalty total is
    /// exactly the threshold ([`Policy::max_penalty`]); the lowest that
    /// passes.
    pub passing_score: f64,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            reference_words: 1000.0,
            max_score: 100.0,
            passing_score: 90.0,
        }
    }
}

/// When a document fails, and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// A finding at or above this severity fails the document; `None`
    /// (`--fail-on never`) fails no document at all.
    pub fail_on: Option<Severity>,
    /// NPTh, the normed penalty threshold: a normed penalty total (penalty
    /// per [`Model::reference_words`] words) above this fails the document.
    pub max_penalty: f64,
    /// The scoring model's other parameters.
    pub model: Model,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: Some(Severity::Critical),
            max_penalty: 10.0,
            model: Model::default(),
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

/// The MQM error count table: findings and penalty points per category and
/// severity. Adds up over documents, so the run has one too.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scorecard {
    /// Findings per category (in [`Category::ALL`] order) and severity (in
    /// [`Severity::ALL`] order).
    pub counts: [[usize; Severity::ALL.len()]; Category::ALL.len()],
    /// Penalty points per category.
    pub penalties: [f64; Category::ALL.len()],
}

impl Scorecard {
    /// The table of these findings.
    pub fn of(findings: &[Finding]) -> Scorecard {
        let mut card = Scorecard::default();
        for f in findings {
            let c = f.hit.rule.category.index();
            card.counts[c][f.hit.rule.severity.index()] += 1;
            card.penalties[c] += f.score;
        }
        card
    }

    /// Adds another table to this one.
    pub fn add(&mut self, other: &Scorecard) {
        for (row, other) in self.counts.iter_mut().zip(&other.counts) {
            for (n, m) in row.iter_mut().zip(other) {
                *n += m;
            }
        }
        for (p, q) in self.penalties.iter_mut().zip(&other.penalties) {
            *p += q;
        }
    }

    /// Findings of `category` and `severity`.
    pub fn count(&self, category: Category, severity: Severity) -> usize {
        self.counts[category.index()][severity.index()]
    }

    /// Findings of `category`.
    pub fn category_total(&self, category: Category) -> usize {
        self.counts[category.index()].iter().sum()
    }

    /// Findings of `severity`.
    pub fn severity_total(&self, severity: Severity) -> usize {
        self.counts.iter().map(|row| row[severity.index()]).sum()
    }

    /// Every finding.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// The categories with a finding, in [`Category::ALL`] order.
    pub fn categories(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL
            .into_iter()
            .filter(|c| self.category_total(*c) > 0)
    }
}

/// One document's score (or the run's, over every document).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// EWC: word tokens checked.
    pub words: usize,
    /// Number of findings.
    pub findings: usize,
    /// Findings of each severity.
    pub minor: usize,
    /// Findings of each severity.
    pub major: usize,
    /// Findings of each severity.
    pub critical: usize,
    /// APT: the sum of the findings' penalties.
    pub penalty: f64,
    /// APT / EWC × 1000 (a document of no words counts as one word).
    pub penalty_per_1000_words: f64,
    /// NPT: APT / EWC × RWC, the normed penalty total.
    pub normed_penalty: f64,
    /// The raw quality score: (1 − APT / EWC) × MSV.
    pub quality: f64,
    /// The calibrated quality score: MSV − NPT × (MSV − PT) / NPTh; the
    /// raw score where NPTh is 0.
    pub calibrated_quality: f64,
    /// The error count table.
    pub scorecard: Scorecard,
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
    scorecard: Scorecard,
    penalty: f64,
    worst: Option<Severity>,
}

impl Tally {
    /// The tally of `findings`.
    pub fn of(findings: &[Finding]) -> Tally {
        Tally {
            scorecard: Scorecard::of(findings),
            // Summed in order, as the findings of a whole file always were.
            penalty: findings.iter().map(|f| f.score).sum(),
            worst: findings.iter().map(|f| f.hit.rule.severity).max(),
        }
    }

    /// Counts the findings of one more part of a file.
    pub fn add(&mut self, findings: &[Finding]) {
        let part = Tally::of(findings);
        self.scorecard.add(&part.scorecard);
        self.penalty += part.penalty;
        self.worst = self.worst.max(part.worst);
    }

    /// The score of a document of `words` words with the findings counted.
    pub fn summary(&self, words: usize, policy: &Policy) -> Summary {
        let too_severe = policy
            .fail_on
            .is_some_and(|threshold| self.worst.is_some_and(|w| w >= threshold));
        score_card(words, self.penalty, self.scorecard, too_severe, policy)
    }
}

/// The scores of `words` words with `penalty` points in the table `card`;
/// `too_severe` when a finding alone fails the text. For a whole run,
/// pass the sums over its documents.
pub fn score_card(
    words: usize,
    penalty: f64,
    scorecard: Scorecard,
    too_severe: bool,
    policy: &Policy,
) -> Summary {
    let model = &policy.model;
    let per_word = penalty / words.max(1) as f64;
    let normed_penalty = per_word * model.reference_words;
    let quality = (1.0 - per_word) * model.max_score;
    let calibrated_quality = if policy.max_penalty > 0.0 {
        model.max_score
            - normed_penalty * (model.max_score - model.passing_score) / policy.max_penalty
    } else {
        quality
    };
    // `--fail-on never` means no document fails, whatever its penalty.
    let verdict = if policy.fail_on.is_some() && (too_severe || normed_penalty > policy.max_penalty)
    {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    Summary {
        words,
        findings: scorecard.total(),
        minor: scorecard.severity_total(Severity::Minor),
        major: scorecard.severity_total(Severity::Major),
        critical: scorecard.severity_total(Severity::Critical),
        penalty,
        penalty_per_1000_words: per_word * 1000.0,
        normed_penalty,
        quality,
        calibrated_quality,
        scorecard,
        verdict,
    }
}

/// Sums over every document of a run, for the run's scorecard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunTotals {
    /// Documents checked.
    pub documents: usize,
    /// Documents that fail.
    pub failed: usize,
    /// Words checked.
    pub words: usize,
    /// Penalty points.
    pub penalty: f64,
    /// The error count table of every document together.
    pub scorecard: Scorecard,
}

impl RunTotals {
    /// Adds one document's summary.
    pub fn add(&mut self, summary: &Summary) {
        self.documents += 1;
        if summary.verdict == Verdict::Fail {
            self.failed += 1;
        }
        self.words += summary.words;
        self.penalty += summary.penalty;
        self.scorecard.add(&summary.scorecard);
    }

    /// The run scored as one text (its verdict fails when a document
    /// fails).
    pub fn summary(&self, policy: &Policy) -> Summary {
        let mut summary = score_card(self.words, self.penalty, self.scorecard, false, policy);
        summary.verdict = if self.failed > 0 {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        summary
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
                fix: None,
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

    /// [`resolve_overlaps`] over the whole set at once, as it was before
    /// findings were cut into clusters: the oracle it must match.
    fn resolve_all_at_once(mut findings: Vec<Finding>) -> Vec<Finding> {
        let mut kept = Vec::new();
        keep_best(&mut findings, &mut kept);
        sort_findings(&mut kept);
        kept
    }

    proptest::proptest! {
        #[test]
        fn clusters_resolve_as_the_whole_set_does(
            spans in proptest::collection::vec((0usize..60, 0usize..6, 0usize..3, 0usize..4), 0..40)
        ) {
            let findings: Vec<Finding> = spans
                .iter()
                .map(|&(start, len, severity, order)| {
                    finding(start, start + len, Severity::ALL[severity], 1.0 - len as f64 / 10.0, order)
                })
                .collect();
            let key = |f: &Finding| (f.hit.span, f.hit.rule.order, f.score.to_bits());
            let expected: Vec<_> = resolve_all_at_once(findings.clone()).iter().map(key).collect();
            let actual: Vec<_> = resolve_overlaps(findings).iter().map(key).collect();
            proptest::prop_assert_eq!(actual, expected);
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
        assert!((s.normed_penalty - 10.0).abs() < 1e-9);
        assert!((s.quality - 99.0).abs() < 1e-9, "(1 - 5/500) x 100");
        assert!(
            (s.calibrated_quality - 90.0).abs() < 1e-9,
            "the threshold scores the passing score"
        );
        assert_eq!(s.verdict, Verdict::Pass, "10 is not above the default 10");
        assert_eq!(
            s.scorecard.count(Category::Mistranslation, Severity::Major),
            1
        );
        assert!((s.scorecard.penalties[0] - 5.0).abs() < 1e-9);
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
        assert_eq!(
            summarize(50, &minor, &never).verdict,
            Verdict::Pass,
            "never fails on the penalty either"
        );
    }

    #[test]
    fn the_sample_article_scores_as_the_model_says() {
        // 56.54 penalty points over 515 words (the fixture article).
        let policy = Policy::default();
        let s = score_card(515, 56.54, Scorecard::default(), false, &policy);
        assert!((s.quality - 89.021_359).abs() < 1e-5, "{}", s.quality);
        assert!((s.normed_penalty - 109.786_408).abs() < 1e-5);
        assert!((s.calibrated_quality - (100.0 - 109.786_408)).abs() < 1e-5);
        assert_eq!(s.verdict, Verdict::Fail);
        // Other parameters: RWC 500, MSV 10, PT 8, NPTh 20.
        let other = Policy {
            max_penalty: 20.0,
            model: Model {
                reference_words: 500.0,
                max_score: 10.0,
                passing_score: 8.0,
            },
            ..policy
        };
        let s = score_card(1000, 40.0, Scorecard::default(), false, &other);
        assert!((s.normed_penalty - 20.0).abs() < 1e-9);
        assert!((s.quality - 9.6).abs() < 1e-9);
        assert!((s.calibrated_quality - 8.0).abs() < 1e-9);
        assert_eq!(s.verdict, Verdict::Pass);
    }

    #[test]
    fn never_means_never() {
        let many: Vec<_> = (0..10)
            .map(|i| finding(i, i + 1, Severity::Critical, 1.0, i))
            .collect();
        let never = Policy {
            fail_on: None,
            max_penalty: 0.0,
            ..Policy::default()
        };
        let s = summarize(10, &many, &never);
        assert_eq!(s.verdict, Verdict::Pass);
        // The score is not cut at zero, so such documents still rank.
        assert!((s.quality - (1.0 - 25.0) * 100.0).abs() < 1e-9);
    }

    #[test]
    fn category_weights_scale_penalties() {
        let mut weights = Weights::default();
        weights.categories[Category::Mistranslation.index()] = 2.0;
        let f = finding(0, 1, Severity::Major, 1.0, 0);
        assert!((score(f.hit, &weights).score - 10.0).abs() < 1e-9);
    }

    #[test]
    fn run_totals_score_the_run_as_one_text() {
        let policy = Policy::default();
        let a = summarize(500, &[finding(0, 1, Severity::Minor, 1.0, 0)], &policy);
        let b = summarize(500, &[finding(0, 1, Severity::Major, 1.0, 0)], &policy);
        let mut run = RunTotals::default();
        run.add(&a);
        run.add(&b);
        let s = run.summary(&policy);
        assert_eq!((s.words, s.findings, s.minor, s.major), (1000, 2, 1, 1));
        assert!((s.normed_penalty - 6.0).abs() < 1e-9);
        assert_eq!(s.verdict, Verdict::Pass);
    }
}
