//! Learning a glossary from MQM annotations: the error spans reviewers
//! marked in machine-translated text.
//!
//! # Input
//!
//! Tab-separated rows with a header, as MQM annotation tools export them
//! (the layout of Google's `wmt-mqm-human-evaluation` files): columns
//! `system`, `doc`, `seg_id` (or `globalSegId`, else `docSegId`/`doc_id`),
//! `rater`, `source` (optional), `target`, `category`, `severity`, in any
//! order, matched by name; other columns (`comment`, `metadata`, an extra
//! header name no row fills) are ignored. One row is one error, its span
//! wrapped in `<v>…</v>` inside `target` (or `source` for an omission);
//! `No-error` rows mark clean segments. Fields are not quoted.
//!
//! # What is learned
//!
//! A span flagged once inside a long clause is not a known mistranslation;
//! a wording flagged in several documents, or almost every time it appears,
//! is. So each flagged wording (up to `max_words` words) is a candidate,
//! and the candidates are matched, exactly as `mtlint check` would match
//! them, against every annotated translation: an occurrence is *right* when
//! it overlaps a span some reviewer marked there (any category, as an MQM
//! scorer counts). A candidate becomes an entry when it was flagged often
//! enough (`min_count` times, in `min_docs` documents) and its occurrences
//! are right at least `min_precision` of the time. Fuzzy matching is tried
//! first; where it catches too much, exact matching. On request
//! (`source_terms`), a wording that both fall short on gets the source word
//! or word pair that makes it precise enough, in at least two documents, as
//! its `source_term` (such an entry fires only on bilingual input). That is
//! off by default: the precision it is chosen by is measured on the same
//! annotations, and with source sentences of a few dozen words, chance
//! co-occurrences pass too often.
//!
//! Layout: `annotations.rs` reads the exports into annotated translations
//! and flagged wordings; `choose.rs` measures the wordings against the
//! translations and makes entries of those that pass.

mod annotations;
mod choose;

use std::collections::{HashMap, HashSet};

use super::{ImportError, Input, NewEntry, Skipped};
use crate::matcher::DEFAULT_MIN_SIMILARITY;
use crate::rule::{Category, Severity};

pub use annotations::map_category;

/// Thresholds of what is learned.
#[derive(Debug, Clone)]
pub struct Options {
    /// Least number of times a wording was flagged (rows).
    pub min_count: usize,
    /// Least number of documents it was flagged in.
    pub min_docs: usize,
    /// Least share of its occurrences in the annotated translations that
    /// reviewers flagged.
    pub min_precision: f64,
    /// Longest flagged span learned, in words.
    pub max_words: usize,
    /// The fuzzy similarity the glossary will be checked with.
    pub min_similarity: f64,
    /// Learn only from these documents (`None`: all).
    pub docs: Option<HashSet<String>>,
    /// Leave out these systems (such as human references rated alongside).
    pub skip_systems: HashSet<String>,
    /// Try a `source_term` for wordings not precise enough without one
    /// (default off).
    pub source_terms: bool,
    /// Language pair written into every entry.
    pub lang: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            min_count: 2,
            min_docs: 1,
            min_precision: 0.4,
            max_words: 6,
            min_similarity: DEFAULT_MIN_SIMILARITY,
            docs: None,
            skip_systems: HashSet::new(),
            source_terms: false,
            lang: None,
        }
    }
}

/// What [`learn`] found.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// The entries, most often flagged first.
    pub entries: Vec<NewEntry>,
    /// Rows and candidates left out, by reason.
    pub skipped: Skipped,
    /// Annotation rows read.
    pub rows: usize,
    /// Distinct annotated translations (segments).
    pub segments: usize,
    /// Distinct flagged wordings considered.
    pub candidates: usize,
}

/// One annotated translation.
struct Segment {
    doc: String,
    target: String,
    source: Option<String>,
    /// Byte ranges into `target` that some reviewer marked.
    flagged: Vec<(usize, usize)>,
}

/// One flagged wording and who flagged it where.
#[derive(Default)]
struct Candidate {
    surfaces: HashMap<String, usize>,
    flags: usize,
    raters: HashSet<String>,
    docs: HashSet<String>,
    systems: HashSet<String>,
    categories: HashMap<Category, usize>,
    raw_categories: HashMap<String, usize>,
    severities: HashMap<Severity, usize>,
}

/// Reads the annotations and learns entries.
///
/// # Errors
///
/// When an input is not UTF-8, has no header naming the needed columns, or
/// a row has fewer fields than the header needs: the error names the file
/// and line.
pub fn learn(inputs: &[Input], options: &Options) -> Result<Learned, ImportError> {
    let mut learned = Learned::default();
    let (segments, candidates) = annotations::read(inputs, options, &mut learned)?;
    learned.segments = segments.len();
    learned.candidates = candidates.len();
    choose::entries(candidates, &segments, options, &mut learned);
    Ok(learned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        Input {
            name: "a.tsv".to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    const HEADER: &str = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n";
    #[test]
    fn learns_reliable_wordings_and_drops_common_ones() {
        let mut tsv = HEADER.to_owned();
        for (sys, doc) in [("A", "d1"), ("B", "d1"), ("A", "d2")] {
            tsv += &format!(
                "{sys}\t{doc}\t1\t1\tr1\tsrc\tEr hat <v>zugeschlossen</v> die Tür.\tAccuracy/Mistranslation\tMajor\n"
            );
            tsv += &format!(
                "{sys}\t{doc}\t1\t1\tr2\tsrc\tEr hat zugeschlossen <v>die</v> Tür.\tFluency/Grammar\tMinor\n"
            );
            tsv += &format!(
                "{sys}\t{doc}\t2\t2\tr1\tsrc\tDie Tür die Tür die Tür.\tNo-error\tNo-error\n"
            );
        }
        let learned = learn(&[input(&tsv)], &Options::default()).unwrap();
        let terms: Vec<&str> = learned.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["zugeschlossen"]);
        let e = &learned.entries[0];
        assert_eq!(e.category, Category::Mistranslation);
        assert_eq!(e.severity, Severity::Major);
        assert!(
            e.note
                .contains("flagged 3 times by 1 reviewer in 2 documents (2 systems)"),
            "{}",
            e.note
        );
        assert_eq!(
            learned
                .skipped
                .count("wording flagged at fewer than 40% of its occurrences"),
            1
        );
    }

    #[test]
    fn a_source_term_is_recorded_only_where_it_makes_the_entry_precise() {
        let mut tsv = HEADER.to_owned();
        for doc in ["d1", "d2", "d3"] {
            tsv += &format!(
                "A\t{doc}\t1\t1\tr1\tHe left eventually.\tEr ging <v>eventuell</v>.\tAccuracy/Mistranslation\tMajor\n"
            );
            tsv += &format!(
                "A\t{doc}\t2\t2\tr1\tMaybe he left.\tEr ging eventuell.\tNo-error\tNo-error\n"
            );
        }
        let mut options = Options {
            min_precision: 0.6,
            ..Options::default()
        };
        let learned = learn(&[input(&tsv)], &options).unwrap();
        assert!(
            learned.entries.is_empty(),
            "right at 3 of 6: too imprecise alone"
        );
        options.source_terms = true;
        let learned = learn(&[input(&tsv)], &options).unwrap();
        assert_eq!(learned.entries.len(), 1);
        assert_eq!(
            learned.entries[0].source_term.as_deref(),
            Some("eventually")
        );
        assert!(
            learned.entries[0]
                .note
                .contains("right at 3 of 3 occurrences where the source has the source term")
        );
    }

    #[test]
    fn short_rows_are_malformed() {
        let err = learn(
            &[input(&format!("{HEADER}A\td1\t1\n"))],
            &Options::default(),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string()
                .starts_with("a.tsv:2: 3 tab-separated fields"),
            "{err}"
        );
    }

    #[test]
    fn header_must_name_the_columns() {
        let err = learn(&[input("a\tb\n1\t2\n")], &Options::default()).unwrap_err();
        assert!(err.to_string().contains("no `system` column"), "{err}");
    }
}
