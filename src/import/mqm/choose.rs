//! Choosing entries: each flagged wording matched against every annotated
//! translation, as `mtlint check` would match it, and kept when its
//! occurrences are flagged often enough.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{Candidate, Learned, Options, Segment};
use crate::glossary::{MatchMode, parse_csv};
use crate::import::{NewEntry, to_csv};
use crate::matcher::{Detector, GlossaryMatcher, MatchOptions};
use crate::rule::{Category, Severity};
use crate::text::{Document, normalize_word, word_tokens};

/// The variant of a candidate that became an entry, with its measured
/// precision.
#[derive(Clone)]
struct Pick {
    variant: usize,
    source_term: Option<String>,
    right: usize,
    occurrences: usize,
}

fn majority<K: Copy + Ord>(counts: &HashMap<K, usize>) -> Option<K> {
    // Ties go to the smallest key (the lower severity, the earlier
    // category), so the result does not depend on hash order.
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| *k)
}

fn majority_str(counts: &HashMap<String, usize>) -> String {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}

/// Makes entries of the `candidates` precise enough on the `segments`,
/// into `learned`, with the candidates left out counted there.
pub(super) fn entries(
    candidates: HashMap<String, Candidate>,
    segments: &[Segment],
    options: &Options,
    learned: &mut Learned,
) {
    let skipped = &mut learned.skipped;
    // Candidates in a stable order: most flagged first.
    let mut candidates: Vec<(String, Candidate)> = candidates.into_iter().collect();
    candidates.sort_by(|a, b| b.1.flags.cmp(&a.1.flags).then(a.0.cmp(&b.0)));
    let mut kept = Vec::new();
    for (_, c) in candidates {
        if c.flags < options.min_count {
            skipped.add(
                format!("wording flagged fewer than {} times", options.min_count),
                None,
            );
        } else if c.docs.len() < options.min_docs {
            skipped.add(
                format!(
                    "wording flagged in fewer than {} documents",
                    options.min_docs
                ),
                None,
            );
        } else {
            kept.push(c);
        }
    }

    // Each candidate as the entries it could become: fuzzy (or regex) and
    // exact.
    let mut variants: Vec<(usize, NewEntry)> = Vec::new();
    for (i, c) in kept.iter().enumerate() {
        let surface = majority_str(&c.surfaces);
        let entry = NewEntry::literal(&surface, Category::Style, Severity::Minor);
        if entry.mode == MatchMode::Fuzzy {
            let mut exact = entry.clone();
            exact.mode = MatchMode::Exact;
            variants.push((i, entry));
            variants.push((i, exact));
        } else {
            variants.push((i, entry));
        }
    }
    let ids: Vec<String> = (0..variants.len()).map(|v| format!("v{v}")).collect();
    let entries: Vec<NewEntry> = variants.iter().map(|(_, e)| e.clone()).collect();
    let mut errors = Vec::new();
    let parsed = parse_csv("candidates", &to_csv(&entries, &ids), None, 0, &mut errors);
    let rejected: HashSet<String> = errors
        .iter()
        .filter_map(|e| e.line)
        .map(|l| format!("v{}", l.saturating_sub(2)))
        .collect();
    let parsed: Vec<_> = parsed
        .into_iter()
        .filter(|e| !rejected.contains(&e.id))
        .collect();
    let variant_of: HashMap<String, usize> = ids
        .iter()
        .cloned()
        .enumerate()
        .map(|(v, id)| (format!("glossary:{id}"), v))
        .collect();
    let matcher = GlossaryMatcher::from_entries(
        parsed,
        MatchOptions {
            min_similarity: options.min_similarity,
            ignore_source_terms: true,
        },
    );
    // Every occurrence of every variant: (variant, segment, right).
    let occurrences: Vec<(usize, usize, bool)> = segments
        .par_iter()
        .enumerate()
        .flat_map_iter(|(s, seg)| {
            let mut hits = Vec::new();
            matcher.detect(&Document::new("segment", seg.target.as_str()), &mut hits);
            hits.into_iter()
                .map(|h| {
                    let right = seg
                        .flagged
                        .iter()
                        .any(|&(a, b)| a < h.span.end && h.span.start < b);
                    (variant_of[&h.rule.id], s, right)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut by_variant: Vec<Vec<(usize, bool)>> = vec![Vec::new(); variants.len()];
    for (v, s, right) in occurrences {
        by_variant[v].push((s, right));
    }

    let mut chosen: Vec<Option<Pick>> = vec![None; kept.len()];
    for (v, (c, _)) in variants.iter().enumerate() {
        if chosen[*c].is_some() || rejected.contains(&ids[v]) {
            continue;
        }
        let occ = by_variant[v].len();
        let right = by_variant[v].iter().filter(|o| o.1).count();
        if occ > 0 && right as f64 / occ as f64 >= options.min_precision {
            chosen[*c] = Some(Pick {
                variant: v,
                source_term: None,
                right,
                occurrences: occ,
            });
        }
    }
    for (i, c) in kept.iter().enumerate() {
        let Some(pick) = chosen[i].clone().or_else(|| {
            if !options.source_terms {
                return None;
            }
            // The first variant (fuzzy or regex) with a source word.
            let v = variants.iter().position(|(ci, _)| *ci == i)?;
            source_term(&by_variant[v], segments, options).map(|(t, right, occurrences)| Pick {
                variant: v,
                source_term: Some(t),
                right,
                occurrences,
            })
        }) else {
            let v = variants.iter().position(|(ci, _)| *ci == i);
            let rejected_term = v.is_some_and(|v| rejected.contains(&ids[v]));
            if rejected_term {
                skipped.add("wording the glossary cannot express", None);
            } else {
                skipped.add(
                    format!(
                        "wording flagged at fewer than {:.0}% of its occurrences",
                        options.min_precision * 100.0
                    ),
                    None,
                );
            }
            continue;
        };
        let Pick {
            variant: v,
            source_term: source,
            right,
            occurrences: occ,
        } = pick;
        let mut entry = variants[v].1.clone();
        entry.category = majority(&c.categories).unwrap_or(Category::Mistranslation);
        entry.severity = majority(&c.severities).unwrap_or(Severity::Minor);
        entry.lang.clone_from(&options.lang);
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let within = if source.is_some() {
            " where the source has the source term"
        } else {
            ""
        };
        entry.note = format!(
            "MQM reviews: flagged {} by {} in {} ({}); right at {right} of {occ} occurrences{within} in the annotated translations ({:.0}%); mostly {}",
            plural(c.flags, "time", "times"),
            plural(c.raters.len(), "reviewer", "reviewers"),
            plural(c.docs.len(), "document", "documents"),
            plural(c.systems.len(), "system", "systems"),
            right as f64 / occ as f64 * 100.0,
            majority_str(&c.raw_categories),
        );
        entry.source_term = source;
        learned.entries.push(entry);
    }
}

/// The source word or word pair that makes a candidate precise enough:
/// among those in the sources of its right occurrences, in at least two
/// documents (one document's wording proves nothing about the next), the
/// one keeping the most right occurrences at `min_precision` or better.
/// Returns the source term with its right and total occurrences.
fn source_term(
    occurrences: &[(usize, bool)],
    segments: &[Segment],
    options: &Options,
) -> Option<(String, usize, usize)> {
    let mut right: HashMap<String, (usize, HashSet<&str>)> = HashMap::new();
    let mut all: HashMap<String, usize> = HashMap::new();
    for &(s, is_right) in occurrences {
        let Some(source) = &segments[s].source else {
            return None;
        };
        let words: Vec<String> = word_tokens(source)
            .iter()
            .map(|t| normalize_word(t.text).into_owned())
            .collect();
        let mut grams: HashSet<String> = words.iter().cloned().collect();
        grams.extend(words.windows(2).map(|w| w.join(" ")));
        for g in grams {
            *all.entry(g.clone()).or_default() += 1;
            if is_right {
                let slot = right.entry(g).or_default();
                slot.0 += 1;
                slot.1.insert(&segments[s].doc);
            }
        }
    }
    right
        .into_iter()
        .filter(|(g, (r, docs))| {
            *r >= options.min_count
                && docs.len() >= options.min_docs.max(2)
                && *r as f64 / all[g] as f64 >= options.min_precision
        })
        .map(|(g, (r, _))| (g, r))
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(all[&b.0].cmp(&all[&a.0]))
                .then(b.0.cmp(&a.0))
        })
        .map(|(g, r)| {
            let total = all[&g];
            (g, r, total)
        })
}
