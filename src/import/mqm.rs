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

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{ImportError, Input, NewEntry, Skipped, to_csv};
use crate::glossary::{MatchMode, parse_csv};
use crate::matcher::{DEFAULT_MIN_SIMILARITY, Detector, GlossaryMatcher, MatchOptions};
use crate::rule::{Category, Severity};
use crate::text::{Document, normalize_word, word_tokens};

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

/// The variant of a candidate that became an entry, with its measured
/// precision.
#[derive(Clone)]
struct Pick {
    variant: usize,
    source_term: Option<String>,
    right: usize,
    occurrences: usize,
}

/// The columns, by index.
struct Columns {
    system: usize,
    doc: usize,
    seg: usize,
    rater: usize,
    source: Option<usize>,
    target: usize,
    category: usize,
    severity: usize,
    needed: usize,
}

impl Columns {
    fn from_header(file: &str, header: &str) -> Result<Columns, ImportError> {
        let names: Vec<String> = header
            .split('\t')
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        let find = |alts: &[&str]| alts.iter().find_map(|a| names.iter().position(|n| n == a));
        let need = |alts: &[&str]| {
            find(alts).ok_or_else(|| {
                ImportError::new(
                    file,
                    Some(1),
                    format!(
                        "the header has no `{}` column; an MQM export needs system, doc, seg_id, rater, target, category and severity, tab-separated",
                        alts[0]
                    ),
                )
            })
        };
        let c = Columns {
            system: need(&["system"])?,
            doc: need(&["doc", "document"])?,
            seg: need(&["seg_id", "globalsegid", "docsegid", "doc_id"])?,
            rater: need(&["rater"])?,
            source: find(&["source"]),
            target: need(&["target"])?,
            category: need(&["category"])?,
            severity: need(&["severity"])?,
            needed: 0,
        };
        let needed = [
            c.system, c.doc, c.seg, c.rater, c.target, c.category, c.severity,
        ]
        .into_iter()
        .chain(c.source)
        .max()
        .expect("the list is not empty")
            + 1;
        Ok(Columns { needed, ..c })
    }
}

/// Where the `<v>…</v>` span is.
enum Marked {
    /// No span: the whole row is about the segment.
    None,
    /// Text without the tags, and the span's byte range in it.
    Span(String, usize, usize),
    /// Tags that do not pair up.
    Unbalanced,
}

fn strip_span(field: &str) -> Marked {
    let open = field.matches("<v>").count();
    let close = field.matches("</v>").count();
    match (open, close) {
        (0, 0) => Marked::None,
        (1, 1) => {
            let a = field.find("<v>").expect("counted");
            let b = field.find("</v>").expect("counted");
            if b < a {
                return Marked::Unbalanced;
            }
            let mut text = String::with_capacity(field.len());
            text.push_str(&field[..a]);
            text.push_str(&field[a + 3..b]);
            text.push_str(&field[b + 4..]);
            Marked::Span(text, a, b - 3)
        }
        _ => Marked::Unbalanced,
    }
}

fn plain(field: &str) -> String {
    field.replace("<v>", "").replace("</v>", "")
}

/// mtlint's category for an MQM category such as `Fluency/Punctuation`.
pub fn map_category(mqm: &str) -> Category {
    let c = mqm.to_lowercase();
    let has = |s: &str| c.contains(s);
    if c.starts_with("terminology") {
        Category::Terminology
    } else if has("omission") {
        Category::Omission
    } else if has("addition") {
        Category::Addition
    } else if has("untranslated") || has("source language fragment") {
        Category::Untranslated
    } else if c.starts_with("accuracy") {
        Category::Mistranslation
    } else if has("punctuation") {
        Category::Punctuation
    } else if has("spelling") {
        Category::Spelling
    } else if has("grammar") {
        Category::Grammar
    } else if has("text-breaking") || has("encoding") || has("display") {
        Category::Garbled
    } else if c.starts_with("style")
        || c.starts_with("locale")
        || has("register")
        || has("inconsisten")
    {
        Category::Style
    } else if c.starts_with("fluency") {
        Category::Grammar
    } else {
        Category::Mistranslation
    }
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

/// Reads the annotations and learns entries.
///
/// # Errors
///
/// When an input is not UTF-8, has no header naming the needed columns, or
/// a row has fewer fields than the header needs: the error names the file
/// and line.
pub fn learn(inputs: &[Input], options: &Options) -> Result<Learned, ImportError> {
    let mut learned = Learned::default();
    let skipped = &mut learned.skipped;
    let mut segments: Vec<Segment> = Vec::new();
    let mut seg_index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut candidates: HashMap<String, Candidate> = HashMap::new();

    for input in inputs {
        let text = input.text()?;
        let mut lines = text.lines().enumerate();
        let Some((_, header)) = lines.next() else {
            return Err(ImportError::new(
                &input.name,
                Some(1),
                "empty file; expected an MQM header row",
            ));
        };
        let cols = Columns::from_header(&input.name, header)?;
        for (i, line) in lines {
            let line_no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let at = || Some(format!("{}:{line_no}", input.name));
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < cols.needed {
                return Err(ImportError::new(
                    &input.name,
                    Some(line_no),
                    format!(
                        "{} tab-separated fields, but the header puts columns up to field {}",
                        fields.len(),
                        cols.needed
                    ),
                ));
            }
            learned.rows += 1;
            let system = fields[cols.system].trim();
            let doc = fields[cols.doc].trim();
            if options.docs.as_ref().is_some_and(|d| !d.contains(doc)) {
                skipped.add("row of a document not selected (--doc)", None);
                continue;
            }
            if options.skip_systems.contains(system) {
                skipped.add("row of a system left out (--skip-system)", None);
                continue;
            }
            let category = fields[cols.category].trim();
            let severity = fields[cols.severity].trim().to_ascii_lowercase();
            if severity.starts_with("hotw") || matches!(category, "Found" | "Missed") {
                skipped.add("attention check (HOTW), not a real error", at());
                continue;
            }
            let target_field = fields[cols.target];
            let source = cols.source.map(|c| plain(fields[c]));
            let marked = strip_span(target_field);
            let target = match &marked {
                Marked::Span(t, ..) => t.clone(),
                Marked::None => target_field.to_owned(),
                Marked::Unbalanced => {
                    skipped.add("unbalanced <v> tags in the target", at());
                    continue;
                }
            };
            let key = (doc.to_owned(), fields[cols.seg].trim().to_owned(), target);
            let seg = match seg_index.get(&key) {
                Some(&s) => s,
                None => {
                    segments.push(Segment {
                        doc: key.0.clone(),
                        target: key.2.clone(),
                        source: source.clone(),
                        flagged: Vec::new(),
                    });
                    seg_index.insert(key, segments.len() - 1);
                    segments.len() - 1
                }
            };
            let no_error = |s: &str| s.eq_ignore_ascii_case("no-error") || s.is_empty();
            if no_error(category) && no_error(&severity) {
                continue;
            }
            let lc = category.to_ascii_lowercase();
            if lc.starts_with("source") {
                skipped.add("issue of the source, not the translation", at());
                continue;
            }
            if lc.starts_with("non-translation") {
                skipped.add("whole segment marked as non-translation", at());
                continue;
            }
            let severity = match severity.as_str() {
                "minor" => Severity::Minor,
                "major" => Severity::Major,
                "critical" => Severity::Critical,
                "neutral" => {
                    skipped.add("neutral severity (not an error)", at());
                    continue;
                }
                _ => {
                    skipped.add(
                        format!("unknown severity `{}`", fields[cols.severity].trim()),
                        at(),
                    );
                    continue;
                }
            };
            let Marked::Span(_, start, end) = marked else {
                if cols.source.is_some_and(|c| fields[c].contains("<v>")) {
                    skipped.add("span marked in the source (an omission)", at());
                } else {
                    skipped.add("no span marked", at());
                }
                continue;
            };
            let span_text = segments[seg].target[start..end].to_owned();
            if span_text.trim().is_empty() {
                skipped.add("empty or whitespace-only span", at());
                continue;
            }
            segments[seg].flagged.push((start, end));
            let words = word_tokens(&span_text).len();
            if words > options.max_words || span_text.trim().chars().count() > 80 {
                skipped.add(
                    format!(
                        "span longer than {} words (a clause, not a wording)",
                        options.max_words
                    ),
                    None,
                );
                continue;
            }
            let surface = span_text.split_whitespace().collect::<Vec<_>>().join(" ");
            let c = candidates.entry(surface.to_lowercase()).or_default();
            *c.surfaces.entry(surface).or_default() += 1;
            c.flags += 1;
            c.raters.insert(fields[cols.rater].trim().to_owned());
            c.docs.insert(doc.to_owned());
            c.systems.insert(system.to_owned());
            *c.categories.entry(map_category(category)).or_default() += 1;
            *c.raw_categories.entry(category.to_owned()).or_default() += 1;
            *c.severities.entry(severity).or_default() += 1;
        }
    }
    learned.segments = segments.len();
    learned.candidates = candidates.len();

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
            source_term(&by_variant[v], &segments, options).map(|(t, right, occurrences)| Pick {
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
    Ok(learned)
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
    fn strips_the_span_and_keeps_offsets() {
        let Marked::Span(text, a, b) = strip_span("Die <v>Frau</v> geht.") else {
            panic!("span expected");
        };
        assert_eq!(&text[a..b], "Frau");
        assert_eq!(text, "Die Frau geht.");
        assert!(matches!(strip_span("<v>offen"), Marked::Unbalanced));
        assert!(matches!(strip_span("ohne"), Marked::None));
    }

    #[test]
    fn maps_mqm_categories() {
        assert_eq!(map_category("Fluency/Punctuation"), Category::Punctuation);
        assert_eq!(
            map_category("Accuracy/Gender Mismatch"),
            Category::Mistranslation
        );
        assert_eq!(map_category("Accuracy/Omission"), Category::Omission);
        assert_eq!(
            map_category("Terminology/Inappropriate for context"),
            Category::Terminology
        );
        assert_eq!(map_category("Style/Awkward"), Category::Style);
        assert_eq!(map_category("Fluency/Register"), Category::Style);
        assert_eq!(map_category("Other"), Category::Mistranslation);
    }

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
