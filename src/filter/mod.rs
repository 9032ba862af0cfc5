//! The filter stage: what happens to a document's findings between
//! detection and scoring, so that a run reports only what it should.
//!
//! In this order:
//!
//! 1. the configuration's allowlist drops its wordings ([`allow`]);
//! 2. suppression comments in the text drop their findings, and with
//!    `--report-unused-suppressions` unused comments become findings
//!    ([`suppress`]);
//! 3. `--write-baseline` records what is left ([`baseline`]);
//! 4. `--diff-base` keeps the findings on changed lines ([`changed`]);
//! 5. `--baseline` drops the findings it records ([`baseline`]).
//!
//! Steps 1, 2 and 4 look at one document alone, so [`Filters`] runs them
//! on any thread; steps 3 and 5 count findings across the whole run, so
//! the pipeline's session runs them in input order
//! ([`crate::pipeline::Session`]). Disabled rules never get here: the
//! checker is built without them.

pub mod allow;
pub mod baseline;
pub mod changed;
pub mod suppress;

pub use allow::Allowlist;
pub use baseline::{Baseline, BaselineError};
pub use changed::{Changed, ChangedError, ChangedLines, DiffError};

use crate::score::{Finding, Weights, sort_findings};
use crate::text::Document;

/// The filters that look at one document at a time: allowlist,
/// suppression comments and changed lines.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Wordings never to flag.
    pub allow: Allowlist,
    /// Report suppression comments that suppress nothing.
    pub report_unused: bool,
    /// With `--diff-base`: the changed lines.
    pub changed: Option<Changed>,
}

impl Filters {
    /// The findings of `doc` that the allowlist and the suppression
    /// comments leave (with the unused comments as findings when asked),
    /// sorted. Changed lines are kept apart ([`Filters::retain_changed`])
    /// because a baseline is recorded between the two. `carry` is what the
    /// suppression comments of a file's earlier parts left in force (empty
    /// for a whole file).
    pub fn apply(
        &self,
        doc: &Document,
        findings: Vec<Finding>,
        weights: &Weights,
        carry: &suppress::Carry,
    ) -> Vec<Finding> {
        let findings: Vec<Finding> = if self.allow.is_empty() {
            findings
        } else {
            findings
                .into_iter()
                .filter(|f| {
                    !self
                        .allow
                        .allows(&f.hit.rule.id, &doc.text[f.hit.span.range()])
                })
                .collect()
        };
        let (mut findings, unused) = suppress::apply_suppressions(doc, findings, weights, carry);
        if self.report_unused && !unused.is_empty() {
            findings.extend(unused);
            sort_findings(&mut findings);
        }
        findings
    }

    /// Keeps only the findings on lines changed since `--diff-base`, when
    /// it is given.
    pub fn retain_changed(&self, doc: &Document, findings: &mut Vec<Finding>) {
        if let Some(changed) = &self.changed {
            changed.retain(doc, findings);
        }
    }
}
