//! Reading MQM annotation exports: the header's columns, the `<v>…</v>`
//! span of each row, and the rows gathered into annotated translations and
//! flagged wordings.

use std::collections::HashMap;

use super::{Candidate, Learned, Options, Segment};
use crate::import::{ImportError, Input};
use crate::rule::{Category, Severity};
use crate::text::word_tokens;

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

/// Reads the annotation rows of `inputs`: the annotated translations, and
/// the flagged wordings by their lowercase form. Counts the rows read, and
/// those left out, in `learned`.
///
/// # Errors
///
/// As [`learn`](super::learn).
pub(super) fn read(
    inputs: &[Input],
    options: &Options,
    learned: &mut Learned,
) -> Result<(Vec<Segment>, HashMap<String, Candidate>), ImportError> {
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
    Ok((segments, candidates))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
