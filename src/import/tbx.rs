//! Converting a TBX termbase (ISO 30042) into glossary entries.
//!
//! Both TBX generations are read: TBX 2 (`<martif>`, `<termEntry>`,
//! `<langSet>`, `<tig>`/`<ntig>`) and TBX 3 (`<tbx>`, `<conceptEntry>`,
//! `<langSec>`, `<termSec>`), with the status as
//! `<termNote type="administrativeStatus">` (or `normativeAuthorization`)
//! or as a DCT element `<administrativeStatus>`. A target-language term
//! whose status says it must not be used (`deprecatedTerm-admn-sts`,
//! `supersededTerm-admn-sts`, or a value naming it forbidden, not
//! recommended or obsolete) becomes an entry; its suggestion is the
//! preferred term of the same concept (else its admitted terms). When the
//! deprecated wording is an allowed term of another concept, the entry
//! would be wrong there, so it gets the concept's source-language term as
//! its `source_term`.

use std::collections::{BTreeSet, HashMap};

use super::{ImportError, Input, NewEntry, Skipped};
use crate::rule::{Category, Severity};

/// Which languages to read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language whose deprecated terms become entries (`None`: the only
    /// one that has any).
    pub target_lang: Option<String>,
    /// The language of `source_term` (`None`: the termbase's `xml:lang`,
    /// else another language of the concept).
    pub source_lang: Option<String>,
    /// Language pair for every entry (`None`: source-target when both are
    /// known).
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Preferred,
    Admitted,
    Banned,
}

#[derive(Debug, Clone)]
struct Term {
    text: String,
    status: Status,
    status_name: String,
}

#[derive(Debug, Default)]
struct Concept {
    id: String,
    line: usize,
    /// Terms by language (as written in `xml:lang`, lowercased).
    langs: Vec<(String, Vec<Term>)>,
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

fn status_of(value: &str) -> Status {
    let v = value.to_ascii_lowercase();
    if [
        "deprecated",
        "superseded",
        "forbidden",
        "notrecommended",
        "not recommended",
        "obsolete",
    ]
    .iter()
    .any(|s| v.contains(s))
    {
        Status::Banned
    } else if v.contains("preferred") {
        Status::Preferred
    } else {
        Status::Admitted
    }
}

fn lang_matches(written: &str, wanted: &str) -> bool {
    let w = wanted.to_ascii_lowercase();
    written == w || written.split(['-', '_']).next() == Some(w.as_str())
}

fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// The most XML nodes a termbase may have: far more than a real one, few
/// enough that a crafted file cannot take all memory.
const MAX_NODES: u32 = 50_000_000;

fn parse(input: &Input) -> Result<(Option<String>, Vec<Concept>), ImportError> {
    let text = input.text()?;
    // TBX files commonly declare the standard DTD (`<!DOCTYPE martif SYSTEM
    // "TBXcoreStructV02.dtd">`). roxmltree never fetches an external DTD,
    // bounds entity expansion itself, and is held to a node count here, so
    // allowing the declaration reads the file and nothing else.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        ImportError::new(
            &input.name,
            Some(e.pos().row as usize),
            format!("not well-formed XML: {e}"),
        )
    })?;
    let root = doc.root_element();
    let root_name = root.tag_name().name();
    if root_name != "martif" && root_name != "tbx" {
        return Err(ImportError::new(
            &input.name,
            Some(doc.text_pos_at(root.range().start).row as usize),
            format!("not a TBX termbase: the root element is <{root_name}>, not <martif> or <tbx>"),
        ));
    }
    let default_lang = root
        .attribute((XML_NS, "lang"))
        .map(str::to_ascii_lowercase);
    let mut concepts = Vec::new();
    for entry in root
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "termEntry" | "conceptEntry"))
    {
        let line = doc.text_pos_at(entry.range().start).row as usize;
        let mut concept = Concept {
            id: entry.attribute("id").unwrap_or_default().to_owned(),
            line,
            langs: Vec::new(),
        };
        for set in entry
            .children()
            .filter(|n| matches!(n.tag_name().name(), "langSet" | "langSec"))
        {
            let Some(lang) = set.attribute((XML_NS, "lang")) else {
                return Err(ImportError::new(
                    &input.name,
                    Some(doc.text_pos_at(set.range().start).row as usize),
                    format!("<{}> without xml:lang", set.tag_name().name()),
                ));
            };
            let mut terms = Vec::new();
            for group in set
                .descendants()
                .filter(|n| matches!(n.tag_name().name(), "tig" | "ntig" | "termSec"))
            {
                let Some(term) = group.descendants().find(|n| n.has_tag_name("term")) else {
                    return Err(ImportError::new(
                        &input.name,
                        Some(doc.text_pos_at(group.range().start).row as usize),
                        format!("<{}> without <term>", group.tag_name().name()),
                    ));
                };
                let text: String = term
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                let status_name = group
                    .descendants()
                    .find(|n| {
                        (n.has_tag_name("termNote")
                            && matches!(
                                n.attribute("type"),
                                Some("administrativeStatus" | "normativeAuthorization")
                            ))
                            || matches!(
                                n.tag_name().name(),
                                "administrativeStatus" | "normativeAuthorization"
                            )
                    })
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                terms.push(Term {
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    status: status_of(&status_name),
                    status_name,
                });
            }
            concept.langs.push((lang.to_ascii_lowercase(), terms));
        }
        concepts.push(concept);
    }
    Ok((default_lang, concepts))
}

/// Reads the termbases and makes an entry of every deprecated target term.
///
/// # Errors
///
/// When a file is not well-formed XML or not TBX, a language section has
/// no `xml:lang`, a term group has no term, or no target language is given
/// and several languages have deprecated terms.
pub fn convert(
    inputs: &[Input],
    options: &Options,
) -> Result<(Vec<NewEntry>, Skipped), ImportError> {
    let mut skipped = Skipped::default();
    let mut entries = Vec::new();
    for input in inputs {
        let (default_lang, concepts) = parse(input)?;
        let target = match &options.target_lang {
            Some(t) => t.to_ascii_lowercase(),
            None => {
                let banned: BTreeSet<&str> = concepts
                    .iter()
                    .flat_map(|c| &c.langs)
                    .filter(|(_, terms)| terms.iter().any(|t| t.status == Status::Banned))
                    .map(|(l, _)| l.as_str())
                    .collect();
                match banned.len() {
                    0 => {
                        skipped.add(
                            "termbase without deprecated terms",
                            Some(input.name.clone()),
                        );
                        continue;
                    }
                    1 => banned.into_iter().next().expect("one").to_owned(),
                    _ => {
                        return Err(ImportError::new(
                            &input.name,
                            None,
                            format!(
                                "deprecated terms in several languages ({}); choose one with --target-lang",
                                banned.into_iter().collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    }
                }
            }
        };
        let source_lang = options
            .source_lang
            .as_ref()
            .map(|s| s.to_ascii_lowercase())
            .or(default_lang.filter(|d| !lang_matches(d, &target)));
        // Wordings allowed somewhere: a deprecated term that is one of them
        // is wrong only for its own concept.
        let mut allowed: HashMap<String, usize> = HashMap::new();
        for c in &concepts {
            for (l, terms) in &c.langs {
                if lang_matches(l, &target) {
                    for t in terms.iter().filter(|t| t.status != Status::Banned) {
                        *allowed.entry(t.text.to_lowercase()).or_default() += 1;
                    }
                }
            }
        }
        for c in &concepts {
            let at = Some(format!("{}:{}", input.name, c.line));
            let targets: Vec<&Term> = c
                .langs
                .iter()
                .filter(|(l, _)| lang_matches(l, &target))
                .flat_map(|(_, t)| t)
                .collect();
            let banned: Vec<&&Term> = targets
                .iter()
                .filter(|t| t.status == Status::Banned)
                .collect();
            if banned.is_empty() {
                skipped.add("concept without a deprecated target term", None);
                continue;
            }
            let pick = |s: Status| -> Vec<String> {
                targets
                    .iter()
                    .filter(|t| t.status == s)
                    .map(|t| t.text.clone())
                    .collect()
            };
            let mut suggestions = pick(Status::Preferred);
            if suggestions.is_empty() {
                suggestions = pick(Status::Admitted);
            }
            let source = c
                .langs
                .iter()
                .filter(|(l, _)| match &source_lang {
                    Some(s) => lang_matches(l, s),
                    None => !lang_matches(l, &target),
                })
                .flat_map(|(l, terms)| terms.iter().map(move |t| (l, t)))
                .filter(|(_, t)| t.status != Status::Banned)
                .min_by_key(|(_, t)| t.status != Status::Preferred);
            for term in banned {
                if term.text.is_empty() {
                    skipped.add("empty term", at.clone());
                    continue;
                }
                let ambiguous = allowed.contains_key(&term.text.to_lowercase());
                let source_term = if ambiguous {
                    match source {
                        Some((_, s)) => Some(s.text.clone()),
                        None => {
                            skipped.add(
                                "deprecated term that another concept allows, with no source term to tell them apart",
                                at.clone(),
                            );
                            continue;
                        }
                    }
                } else {
                    None
                };
                let severity = if term.status_name.to_ascii_lowercase().contains("forbidden") {
                    Severity::Major
                } else {
                    Severity::Minor
                };
                let mut entry = NewEntry::literal(&term.text, Category::Terminology, severity);
                entry.suggestions.clone_from(&suggestions);
                entry.source_term = source_term;
                entry.lang = options.lang.clone().or_else(|| {
                    source.map(|(l, _)| format!("{}-{}", primary(l), primary(&target)))
                });
                let status = if term.status_name.is_empty() {
                    "deprecated"
                } else {
                    term.status_name.as_str()
                };
                entry.note = if c.id.is_empty() {
                    format!("TBX: {status}")
                } else {
                    format!("TBX concept {}: {status}", c.id)
                };
                if let Some((_, s)) = source {
                    entry.note.push_str(&format!("; source term `{}`", s.text));
                }
                entries.push(entry);
            }
        }
    }
    Ok((entries, skipped))
}
