//! mtlint audits machine-translated text.
//!
//! It matches a glossary of known mistranslations against the text by fuzzy
//! comparison, so that case, hyphenation, inflection and typos do not hide a
//! known error; scores every flagged span the way MQM reviewers do; and
//! writes reports for people (a terminal view, CSV, a unified diff of the
//! suggested corrections) and for pipelines (JSON, JSON Lines, SARIF,
//! GitHub annotations) with a pass/fail verdict per document.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! text::Document ──> matcher::Detector ──> Hit ──> score ──> Finding ──> report
//!                    (glossary compiled                      (CSV, diff, human,
//!                     once, shared)                           JSON, SARIF, GitHub)
//! ```
//!
//! Offsets everywhere are byte offsets into the original file, end
//! exclusive, on char boundaries; lines and columns are computed only by
//! reports.
//!
//! ```
//! use mtlint::check::Checker;
//! use mtlint::glossary::Glossary;
//! use mtlint::matcher::{GlossaryMatcher, MatchOptions};
//! use mtlint::text::Document;
//!
//! let mut glossary = Glossary::default();
//! let mut errors = Vec::new();
//! glossary.add_csv(
//!     "g.csv",
//!     None,
//!     b"term,suggestion,severity\ncomfort girls,comfort women,major\n",
//!     &mut errors,
//! );
//! assert!(errors.is_empty());
//! let checker = Checker {
//!     glossary: GlossaryMatcher::new(&glossary, MatchOptions::default()),
//!     detectors: Vec::new(),
//!     weights: Default::default(),
//!     policy: Default::default(),
//! };
//! let doc = Document::new("a.txt", "The Comfort-Girls were remembered.");
//! let checked = checker.check(&doc);
//! let hit = &checked.findings[0].hit;
//! assert_eq!(&doc.text[hit.span.range()], "Comfort-Girls");
//! assert_eq!(hit.suggestions, ["Comfort women"]);
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod config;
pub mod filter;
pub mod glossary;
pub mod import;
pub mod input;
pub mod matcher;
pub mod pipeline;
pub mod report;
pub mod rule;
pub mod score;
pub mod text;
