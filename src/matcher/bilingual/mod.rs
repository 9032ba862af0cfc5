//! Source-aware detectors for bilingual input: they compare each
//! translation unit's target with its source.
//!
//! - `missing-segment`: an empty target for a source with words or numbers.
//! - `untranslated-segment`: a target equal to its source, or whose words
//!   are mostly words of the source.
//! - `number-mismatch`: a number of the source missing from the target, or
//!   changed; each side read by its language's separators (`1.000,5` in
//!   Dutch is `1,000.5` in English).
//! - `term-consistency`: an approved term of the source (`--terms FILE`)
//!   whose required translation the target does not use.
//! - `placeholder-mismatch`, `tag-mismatch`, `url-mismatch`: placeholders,
//!   inline markup, URLs, e-mail addresses and paths of the source missing
//!   from the target or changed (one module each).
//! - `end-punctuation-mismatch`, `whitespace-mismatch`, `bracket-mismatch`:
//!   the target's final mark, edge whitespace and brackets against the
//!   source's, read with the target language's typography.
//! - `untranslated-unit` (off by default): work not done yet, a unit the
//!   file marks untranslated or as a draft (PO `fuzzy`); such units are
//!   not checked as translations.
//!
//! Every check reads one alignment per unit: the source text and the
//! target decoded into one text (`Target`) that maps back to the file.

use crate::matcher::heuristics::{RuleSelection, hit};
mod classes;
pub mod consistency;
mod length;
mod markup;
mod placeholders;
mod punctuation;
mod urls;

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Detector, Hit, contains_words, normalized_words};
use crate::glossary::MAX_WORD_CHARS;
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Joined, Span, Unit, UnitState, normalize_word, word_tokens};

/// A number as written, with its separators (`1,000.5`, `1 000,5`), in
/// any script's digits. A slash before an Extended Arabic-Indic digit is
/// part of the number: Persian writes the decimal separator, the momayyez,
/// as `/` (`۲/۵` is 2.5, `۲/۵/۱` the version 2.5.1).
const NUMBER: &str = r"\d(?:[\d.,'\u{a0}\u{202f}\u{66b}\u{66c}]*\d|/[\u{6f0}-\u{6f9}])*";

/// Position of these rules among all rules: after any glossary.
const ORDER: usize = 1 << 20;

/// One approved term: a source wording and the translations allowed for it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The source term as written.
    pub source: String,
    /// The allowed target terms, as written.
    pub targets: Vec<String>,
    source_words: Vec<String>,
    target_words: Vec<Vec<String>>,
    rule: Arc<Rule>,
}

/// Loads a terminology list: CSV with a header naming `source` and
/// `target` columns (and optionally `note`); several allowed translations
/// are separated by `|`.
///
/// # Errors
///
/// One message per problem, each naming the file and line.
pub fn load_terms(path: &Path) -> Result<Vec<Term>, Vec<String>> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(&bytes[..]);
    let headers = reader
        .headers()
        .map_err(|e| vec![format!("{name}:1: {e}")])?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let (Some(source_at), Some(target_at)) = (col("source"), col("target")) else {
        return Err(vec![format!(
            "{name}:1: expected a header with `source` and `target` columns"
        )]);
    };
    let note_at = col("note");
    let mut terms = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("{name}:{line}: {e}"));
                continue;
            }
        };
        let source = record.get(source_at).unwrap_or("").trim().to_owned();
        let targets: Vec<String> = record
            .get(target_at)
            .unwrap_or("")
            .split('|')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let source_words = normalized_words(&source);
        if source_words.is_empty() || targets.is_empty() {
            errors.push(format!(
                "{name}:{line}: expected a source term and at least one target term"
            ));
            continue;
        }
        // Terms are compared word by word, within a few edits, as glossary
        // terms are: their words have the same limit.
        let longest = std::iter::once(&source)
            .chain(&targets)
            .flat_map(|t| word_tokens(t))
            .map(|w| w.text.chars().count())
            .max()
            .unwrap_or(0);
        if longest > MAX_WORD_CHARS {
            errors.push(format!(
                "{name}:{line}: a term has a word of {longest} characters; words of terms have at most {MAX_WORD_CHARS}"
            ));
            continue;
        }
        let note = match note_at
            .and_then(|n| record.get(n))
            .filter(|n| !n.trim().is_empty())
        {
            Some(note) => note.trim().to_owned(),
            None => format!(
                "approved terminology: `{source}` is translated as `{}`",
                targets.join("` or `")
            ),
        };
        terms.push(Term {
            target_words: targets.iter().map(|t| normalized_words(t)).collect(),
            source_words,
            rule: Arc::new(Rule {
                id: "heuristic:term-consistency".to_owned(),
                category: Category::Terminology,
                severity: Severity::Major,
                note,
                order: ORDER + 16 + terms.len(),
            }),
            source,
            targets,
        });
    }
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(errors)
    }
}

/// The ids of the source-aware rules.
pub const RULE_IDS: [&str; 16] = [
    "heuristic:missing-segment",
    "heuristic:untranslated-segment",
    "heuristic:number-mismatch",
    "heuristic:term-consistency",
    "heuristic:placeholder-mismatch",
    "heuristic:tag-mismatch",
    "heuristic:url-mismatch",
    "heuristic:end-punctuation-mismatch",
    "heuristic:whitespace-mismatch",
    DOUBLED_SPACE,
    "heuristic:bracket-mismatch",
    UNTRANSLATED_UNIT,
    "heuristic:length-ratio",
    "heuristic:length-limit",
    consistency::INCONSISTENT,
    consistency::INCONSISTENT_SOURCE,
];

/// The rule for units not translated yet, off unless enabled.
pub const UNTRANSLATED_UNIT: &str = "heuristic:untranslated-unit";

/// The rule for spaces a translation doubles, off unless enabled.
pub const DOUBLED_SPACE: &str = "heuristic:doubled-space";

/// Whether the source-aware rule `id` is on unless switched off: all are
/// but [`UNTRANSLATED_UNIT`] (untranslated work is counted, and listed
/// only when asked for), [`DOUBLED_SPACE`] (two spaces between words come
/// from typing, not from an engine, and are not seen where the text is
/// HTML: human catalogs hold them in 5 units of 1,000 of Django's, and a
/// gate on a catalog's machine translation should not stop at them) and
/// the run-wide consistency rules (human catalogs vary their wording from
/// file to file: on Django's, 6 units in 1,000 depart from the majority
/// translation of their source, and 21 share a translation with another
/// source, mostly rightly).
pub fn on_by_default(id: &str) -> bool {
    !matches!(
        id,
        UNTRANSLATED_UNIT
            | DOUBLED_SPACE
            | consistency::INCONSISTENT
            | consistency::INCONSISTENT_SOURCE
    )
}

/// The source-aware detectors. They see only documents with units.
#[derive(Debug)]
pub struct Bilingual {
    terms: Vec<Term>,
    min_similarity: f64,
    missing: Arc<Rule>,
    untranslated: Arc<Rule>,
    numbers: Arc<Rule>,
    placeholders: Arc<Rule>,
    tags: Arc<Rule>,
    urls: Arc<Rule>,
    end: Arc<Rule>,
    whitespace: Arc<Rule>,
    brackets: Arc<Rule>,
    length_ratio: Arc<Rule>,
    length_limit: Arc<Rule>,
    /// Reports units not translated yet: `None` unless asked for.
    untranslated_unit: Option<Arc<Rule>>,
    /// Reports doubled spaces: `None` unless asked for.
    doubled: Option<Arc<Rule>>,
    /// Which rules are in force: the work of the others is skipped.
    on: InForce,
    number_re: Regex,
}

/// Which of [`Bilingual`]'s always-present rules are in force, decided
/// once per run ([`Bilingual::select`]): a rule switched off is not
/// computed, rather than computed for every unit and its findings dropped,
/// so that a run of a few rules costs only what they cost.
#[derive(Debug, Clone, Copy)]
struct InForce {
    missing: bool,
    untranslated: bool,
    numbers: bool,
    placeholders: bool,
    tags: bool,
    urls: bool,
    end: bool,
    whitespace: bool,
    brackets: bool,
    length_ratio: bool,
    length_limit: bool,
}

impl InForce {
    const ALL: InForce = InForce {
        missing: true,
        untranslated: true,
        numbers: true,
        placeholders: true,
        tags: true,
        urls: true,
        end: true,
        whitespace: true,
        brackets: true,
        length_ratio: true,
        length_limit: true,
    };
}

fn rule(id: &str, category: Category, severity: Severity, note: &str, order: usize) -> Arc<Rule> {
    Arc::new(Rule {
        id: id.to_owned(),
        category,
        severity,
        note: note.to_owned(),
        order: ORDER + order,
    })
}

impl Bilingual {
    /// The detectors, with the approved `terms` (possibly none) compared at
    /// `min_similarity`.
    pub fn new(terms: Vec<Term>, min_similarity: f64) -> Bilingual {
        Bilingual {
            terms,
            min_similarity,
            missing: rule(
                "heuristic:missing-segment",
                Category::Omission,
                Severity::Major,
                "the source has text and the translation is empty",
                0,
            ),
            untranslated: rule(
                "heuristic:untranslated-segment",
                Category::Untranslated,
                Severity::Major,
                "the translation is the source text, or mostly its words",
                1,
            ),
            numbers: rule(
                "heuristic:number-mismatch",
                Category::Mistranslation,
                Severity::Major,
                "a number of the source is missing or changed in the translation (separators read by each side's language)",
                2,
            ),
            placeholders: rule(
                "heuristic:placeholder-mismatch",
                Category::Mistranslation,
                Severity::Critical,
                "a placeholder of the source is missing or changed in the translation",
                3,
            ),
            tags: rule(
                "heuristic:tag-mismatch",
                Category::Mistranslation,
                Severity::Major,
                "inline markup of the source is missing, added, changed or no longer nests in the translation",
                4,
            ),
            urls: rule(
                "heuristic:url-mismatch",
                Category::Mistranslation,
                Severity::Major,
                "a URL, e-mail address or file path of the source is missing or changed in the translation",
                5,
            ),
            end: rule(
                "heuristic:end-punctuation-mismatch",
                Category::Punctuation,
                Severity::Minor,
                "the source ends with a sentence mark the translation does not end with",
                6,
            ),
            whitespace: rule(
                "heuristic:whitespace-mismatch",
                Category::Punctuation,
                Severity::Minor,
                "leading or trailing whitespace or line breaks differ from the source's",
                7,
            ),
            brackets: rule(
                "heuristic:bracket-mismatch",
                Category::Punctuation,
                Severity::Minor,
                "a bracket or quote of the translation has no partner where the source's all balance",
                8,
            ),
            length_ratio: rule(
                "heuristic:length-ratio",
                Category::Omission,
                Severity::Minor,
                "the translation is much shorter or longer than the source (letters and digits, weighted by script)",
                10,
            ),
            length_limit: rule(
                "heuristic:length-limit",
                Category::Style,
                Severity::Major,
                "the translation is longer than the limit the file sets (XLIFF `maxwidth`, `slr:sizeRestriction`)",
                11,
            ),
            untranslated_unit: None,
            doubled: None,
            on: InForce::ALL,
            // `\d` is any script's decimal digit; `٫` and `٬` are the
            // Arabic decimal and thousands separators.
            number_re: Regex::new(NUMBER).expect("a valid pattern"),
        }
    }

    /// Reports the units the file marks as not translated yet (`--enable
    /// heuristic:untranslated-unit`); they are never checked as
    /// translations either way.
    pub fn with_untranslated_units(mut self) -> Bilingual {
        self.untranslated_unit = Some(rule(
            UNTRANSLATED_UNIT,
            Category::Untranslated,
            Severity::Minor,
            "not translated yet: the file marks the unit untranslated (an empty PO `msgstr`, an XLIFF unit without a target) or as a draft awaiting review (PO `fuzzy`)",
            9,
        ));
        self
    }

    /// Reports spaces the translation doubles where its source does not
    /// (`--enable heuristic:doubled-space`).
    pub fn with_doubled_spaces(mut self) -> Bilingual {
        self.doubled = Some(rule(
            DOUBLED_SPACE,
            Category::Punctuation,
            Severity::Minor,
            "the translation doubles a space between words where the source does not",
            14,
        ));
        self
    }

    /// Keeps in force only the rules `selection` leaves on (each taken as
    /// on by default: the rules off by default are in force only once
    /// asked for, with [`Bilingual::with_untranslated_units`] and
    /// [`Bilingual::with_doubled_spaces`]): the work of the others is not
    /// done at all. Approved terms whose rule is off are dropped too.
    pub fn select(mut self, selection: &RuleSelection) -> Bilingual {
        let on = |rule: &Arc<Rule>| selection.is_on(&rule.id, true);
        self.on = InForce {
            missing: on(&self.missing),
            untranslated: on(&self.untranslated),
            numbers: on(&self.numbers),
            placeholders: on(&self.placeholders),
            tags: on(&self.tags),
            urls: on(&self.urls),
            end: on(&self.end),
            whitespace: on(&self.whitespace),
            brackets: on(&self.brackets),
            length_ratio: on(&self.length_ratio),
            length_limit: on(&self.length_limit),
        };
        self.terms.retain(|t| on(&t.rule));
        self.untranslated_unit = self.untranslated_unit.filter(on);
        self.doubled = self.doubled.filter(on);
        self
    }

    /// Whether a translated unit has a rule to check it by: with none in
    /// force, a document's units are not read at all.
    fn checks_translations(&self) -> bool {
        let on = self.on;
        on.missing
            || on.untranslated
            || on.numbers
            || on.placeholders
            || on.tags
            || on.urls
            || on.end
            || on.whitespace
            || on.brackets
            || on.length_ratio
            || on.length_limit
            || self.doubled.is_some()
            || !self.terms.is_empty()
    }

    /// Checks `unit`, the document's unit number `unit_index`.
    fn unit<'d>(
        &self,
        doc: &'d Document,
        langs: &Langs,
        unit_index: usize,
        unit: &Unit,
        pieces: &mut Vec<TargetText<'d>>,
        out: &mut Vec<Hit>,
    ) {
        if unit.meta.state != UnitState::Translated {
            if let Some(rule) = &self.untranslated_unit {
                let rule = match &unit.meta.missing {
                    // Missing keys may share a place: each is named.
                    Some(missing) => &Arc::new(Rule {
                        note: format!("not translated yet: {missing}"),
                        ..Rule::clone(rule)
                    }),
                    None => rule,
                };
                out.push(hit(rule, unit.span, Vec::new()));
            }
            return;
        }
        if !self.checks_translations() {
            return;
        }
        target_texts_into(doc, unit, pieces);
        let pieces = &pieces[..];
        let aligned = Target::new(pieces, unit.span);
        // Words are read with the pieces apart, as if inline codes between
        // them were spaces.
        let target: Cow<'_, str> = if pieces.len() <= 1 {
            Cow::Borrowed(&aligned.text)
        } else {
            let mut joined = String::with_capacity(aligned.text.len() + pieces.len());
            for (i, p) in pieces.iter().enumerate() {
                if i > 0 {
                    joined.push(' ');
                }
                joined.push_str(p.text);
            }
            Cow::Owned(joined)
        };
        let has_content = |s: &str| s.chars().any(crate::text::is_alphanumeric);
        // What each side has, for the checks whose trigger is on neither.
        let sides = Sides {
            source: classes::of(&unit.source),
            target: classes::of(&aligned.text),
        };
        let on = self.on;
        // The placeholders are read for the rules that leave them out or
        // compare them.
        let scanned = if on.missing || on.untranslated || on.numbers || on.placeholders {
            Scanned::new(unit, &aligned, sides)
        } else {
            Scanned::default()
        };
        // A target of placeholders and marks alone (`{}.`, an ordinal) is
        // a translation, checked as one; so is one of marks alone (`<<`
        // for "Previous topic", `»` for "Next", a translator's choice of
        // symbols), whose source's placeholders, if it had any, are
        // missing from it. Only a blank target is missing.
        if target.trim().is_empty() && scanned.target_inner.is_empty() {
            if on.missing && has_content(&unit.source) {
                out.push(hit(&self.missing, unit.span, Vec::new()));
            }
            return;
        }
        if on.untranslated && !langs.same_language {
            // Placeholder names are code, not words: `%(value)s million`
            // is one word, and French writes it the same.
            let target_top: &[placeholders::Placeholder] = if pieces.len() <= 1 {
                &scanned.target_top
            } else {
                &[]
            };
            let source: Cow<'_, str> = if scanned.source_top.is_empty() {
                Cow::Borrowed(&unit.source)
            } else {
                Cow::Owned(blank_placeholders(&unit.source, &scanned.source_top))
            };
            let blank_target: Cow<'_, str> = if target_top.is_empty() {
                Cow::Borrowed(&target)
            } else {
                Cow::Owned(blank_placeholders(&target, target_top))
            };
            // Tags are code too: the words of their names and attributes
            // (`<a class="upload-one-now">`) are the source's in any
            // translation.
            // A side without a `<` has no tag to blank: not searched for.
            let (source, source_tags) = if sides.source & classes::TAG != 0 {
                blank_tags(source)
            } else {
                (source, false)
            };
            let (blank_target, target_tags) = if sides.target & classes::TAG != 0 {
                blank_tags(blank_target)
            } else {
                (blank_target, false)
            };
            // A target that is one segment as written (no escape, no
            // placeholder or tag blanked) has its words found already; so
            // has most often one written over several lines.
            let mut joined_words = Vec::new();
            let target_words = match (pieces, doc.segment_words()) {
                ([one], Some(words)) if target_top.is_empty() && !target_tags => match one.joined {
                    None => Some((words.of(unit.segments.start), one.offset)),
                    Some(joined) => joined
                        .words_from_segments(&doc.segments, words, &mut joined_words)
                        .then_some((&joined_words[..], 0)),
                },
                _ => None,
            };
            // So may the source's, when another reader has asked for them.
            let source_words = doc
                .source_words_found()
                .filter(|_| scanned.source_top.is_empty() && !source_tags)
                .map(|words| (words.of(unit_index), 0));
            if is_untranslated(&source, &blank_target, source_words, target_words)
                && !all_capitalized(&blank_target)
                && !is_marker(&unit.source)
            {
                out.push(hit(&self.untranslated, unit.span, Vec::new()));
            }
        }
        if on.numbers {
            self.numbers(langs, unit, &aligned, &scanned, sides, out);
        }
        if !self.terms.is_empty() {
            let source_words = normalized_words(&unit.source);
            // The target's normal forms, made only when a term is in the
            // source.
            let mut target_words: Option<Vec<String>> = None;
            for term in &self.terms {
                if contains_words(&source_words, &term.source_words, self.min_similarity) && {
                    let target_words =
                        target_words.get_or_insert_with(|| normalized_words(&target));
                    !term
                        .target_words
                        .iter()
                        .any(|t| contains_words(target_words, t, self.min_similarity))
                } {
                    out.push(hit(&term.rule, unit.span, Vec::new()));
                }
            }
        }
        let lang = langs.target.as_deref();
        if on.placeholders {
            self.placeholders(unit, &aligned, scanned, out);
        }
        if on.tags {
            self.tags(doc, unit, &aligned, sides, out);
        }
        if on.urls {
            self.urls(unit, &aligned, sides, out);
        }
        if on.end || on.whitespace || on.brackets || self.doubled.is_some() {
            self.punctuation(langs, unit, &aligned, lang, sides, out);
        }
        self.length(unit, &aligned, out);
    }

    fn length(&self, unit: &Unit, target: &Target<'_>, out: &mut Vec<Hit>) {
        if self.on.length_limit
            && let Some(limit) = unit.meta.size_limit
            && let Some((at, length, max)) = length::over_limit(&target.text, limit)
        {
            let note = format!(
                "the translation has {length} {unit}; the file allows {max}",
                unit = limit.unit()
            );
            let span = target.to_file(at, target.text.len());
            out.push(self.noted(&self.length_limit, span, note, None));
        }
        if !self.on.length_ratio {
            return;
        }
        let note = match length::judge(&unit.source, &target.text) {
            Some(length::Departure::Short(r)) => format!(
                "the translation is {:.0} % of the source's length: a sentence or clause may be left out",
                r * 100.0
            ),
            Some(length::Departure::Long(r)) => {
                format!("the translation is {r:.1} times the source's length: text may be added")
            }
            None => return,
        };
        out.push(self.noted(&self.length_ratio, unit.span, note, None));
    }

    fn placeholders(&self, unit: &Unit, target: &Target<'_>, scanned: Scanned, out: &mut Vec<Hit>) {
        let Scanned {
            source_top,
            source_inner,
            target_top,
            target_inner,
        } = scanned;
        if source_top.is_empty()
            && target_top.is_empty()
            && source_inner.is_empty()
            && target_inner.is_empty()
        {
            return;
        }
        let (top_extra, top_missing) = placeholders::differ(&source_top, &target_top);
        let (inner_extra, inner_missing) = placeholders::differ_sets(&source_inner, &target_inner);
        // Most units have the source's placeholders: nothing to report,
        // and a plural entry's sources need not be read.
        if top_extra.is_empty()
            && top_missing.is_empty()
            && inner_extra.is_empty()
            && inner_missing.is_empty()
        {
            return;
        }
        // The placeholders of a plural entry's two sources: every form may
        // use those of either (Arabic's form for zero, `منذ %(count)s ساعة`,
        // renders `an hour ago` of the singular with the plural's count).
        let plural = unit
            .meta
            .plural_sources
            .as_deref()
            .map(|(singular, plural)| {
                let syntaxes = placeholders::syntaxes(&unit.meta.flags);
                let keys = |text: &str| {
                    let (mut top, mut inner) = (Vec::new(), Vec::new());
                    placeholders::scan(text, syntaxes, &mut top, &mut inner);
                    top.into_iter()
                        .chain(inner)
                        .map(|p| p.key)
                        .collect::<FxHashSet<String>>()
                };
                (keys(singular), keys(plural))
            });
        let in_plural = |p: &placeholders::Placeholder| {
            plural
                .as_ref()
                .is_some_and(|(s, pl)| s.contains(&p.key) || pl.contains(&p.key))
        };
        let mut diffs = Vec::with_capacity(2);
        for (extra, missing) in [(top_extra, top_missing), (inner_extra, inner_missing)] {
            let extra: Vec<_> = extra.into_iter().filter(|p| !in_plural(p)).collect();
            let mut kept = Vec::with_capacity(missing.len());
            for m in missing {
                // A placeholder spaced out or cut short is reported where
                // it is, in any form.
                if let Some((start, end)) = placeholders::broken(&target.text, &m.key) {
                    let note = format!(
                        "the source's placeholder `{}` is broken as `{}`",
                        &unit.source[m.start..m.end],
                        &target.text[start..end]
                    );
                    let had = (m.key == unit.source[m.start..m.end]).then(|| m.key.clone());
                    out.push(self.noted(&self.placeholders, target.to_file(start, end), note, had));
                    continue;
                }
                // A plural form for one number may say that number in words
                // (`ein Jahr`, Hebrew `שנתיים`, "two years"), as gettext's
                // `msgfmt --check-format` allows; the PO reader knows the
                // forms from `Plural-Forms`. Only the number may go.
                if unit.meta.one_number
                    && let Some((singular, plural)) = &plural
                    && placeholders::is_number(&m.key, singular, plural)
                {
                    continue;
                }
                kept.push(m);
            }
            diffs.push(placeholders::pair(extra, kept));
        }
        for d in diffs {
            for (extra, replaced) in d.extra {
                let found = &target.text[extra.start..extra.end];
                let (note, suggestion) = match replaced {
                    Some(m) => {
                        let had = &unit.source[m.start..m.end];
                        (
                            format!(
                                "the source has the placeholder `{had}` where the translation has `{found}`"
                            ),
                            (m.key == had).then(|| had.to_owned()),
                        )
                    }
                    None => (
                        format!("the placeholder `{found}` is not in the source"),
                        None,
                    ),
                };
                out.push(self.noted(
                    &self.placeholders,
                    target.to_file(extra.start, extra.end),
                    note,
                    suggestion,
                ));
            }
            if !d.missing.is_empty() {
                let had: Vec<&str> = d
                    .missing
                    .iter()
                    .map(|m| &unit.source[m.start..m.end])
                    .collect();
                let note = format!(
                    "the source's placeholder `{}` is missing from the translation",
                    had.join("`, `")
                );
                out.push(self.noted(&self.placeholders, target.whole, note, None));
            }
        }
    }

    fn tags(
        &self,
        doc: &Document,
        unit: &Unit,
        target: &Target<'_>,
        sides: Sides,
        out: &mut Vec<Hit>,
    ) {
        let (mut source, mut found) = (Vec::new(), Vec::new());
        if sides.source & classes::TAG != 0 {
            markup::html(&unit.source, &mut source);
        }
        if sides.target & classes::TAG != 0 {
            markup::html(&target.text, &mut found);
        }
        let mut at_file: Vec<Span> = found
            .iter()
            .map(|t| target.to_file(t.start, t.end))
            .collect();
        let (source_html, found_html) = (source.len(), found.len());
        let mut source_text = Cow::Borrowed(unit.source.as_str());
        if let Some(raw) = unit.meta.source_raw {
            // XLIFF inline codes, in the file's own markup on both sides.
            let before = source.len();
            markup::xliff(&doc.text[raw.range()], &mut source);
            if source.len() > before {
                // Their notes quote the raw source.
                let mut joined = unit.source.clone();
                joined.push_str(&doc.text[raw.range()]);
                let offset = unit.source.len();
                for t in &mut source[before..] {
                    t.start += offset;
                    t.end += offset;
                }
                source_text = Cow::Owned(joined);
            }
            let before = found.len();
            markup::xliff(&doc.text[unit.span.range()], &mut found);
            at_file.extend(
                found[before..]
                    .iter()
                    .map(|t| Span::new(unit.span.start + t.start, unit.span.start + t.end)),
            );
        }
        if source.is_empty() && found.is_empty() {
            return;
        }
        let source_keys: Vec<&str> = source.iter().map(|t| t.key.as_str()).collect();
        let found_keys: Vec<&str> = found.iter().map(|t| t.key.as_str()).collect();
        let (mut extra, missing) = placeholders::multiset_difference(&source_keys, &found_keys);
        markup::drop_added_typography(&found[..found_html], &mut extra);
        // A note quotes an HTML tag of the target as decoded (no PO escapes
        // or line continuations), as it quotes the source's; an XLIFF code
        // as the file has it.
        let shown = |i: usize| -> &str {
            if i < found_html {
                &target.text[found[i].start..found[i].end]
            } else {
                &doc.text[at_file[i].range()]
            }
        };
        let mut missing = missing.into_iter().map(|i| &source[i]);
        for &i in &extra {
            let span = at_file[i];
            let note = match missing.next() {
                Some(m) => format!(
                    "the source has the tag `{}` where the translation has `{}`",
                    &source_text[m.start..m.end],
                    shown(i)
                ),
                None => format!("the tag `{}` is not in the source", shown(i)),
            };
            out.push(self.noted(&self.tags, span, note, None));
        }
        let missing: Vec<&str> = missing.map(|m| &source_text[m.start..m.end]).collect();
        if !missing.is_empty() {
            let note = format!(
                "the source's tag `{}` is missing from the translation",
                missing.join("`, `")
            );
            out.push(self.noted(&self.tags, target.whole, note, None));
        }
        if extra.is_empty() && missing.is_empty() {
            // HTML tags and XLIFF codes nest each among their own kind: the
            // decoded text and the raw markup are read apart.
            let split = |list: &[markup::Tag], html: usize| -> bool {
                markup::first_misnested(&list[..html]).is_none()
                    && markup::first_misnested(&list[html..]).is_none()
            };
            if split(&source, source_html) {
                let bad = markup::first_misnested(&found[..found_html])
                    .or_else(|| markup::first_misnested(&found[found_html..]));
                if let Some(bad) = bad {
                    let i = found
                        .iter()
                        .position(|t| std::ptr::eq(t, bad))
                        .expect("a tag of the list");
                    let span = at_file[i];
                    let note = format!(
                        "the tag `{}` no longer nests as the source's tags do",
                        shown(i)
                    );
                    out.push(self.noted(&self.tags, span, note, None));
                }
            }
        }
    }

    fn urls(&self, unit: &Unit, target: &Target<'_>, sides: Sides, out: &mut Vec<Hit>) {
        if (sides.source | sides.target) & classes::ADDRESS == 0 {
            return;
        }
        let (mut source, mut found) = (Vec::new(), Vec::new());
        urls::find(&unit.source, &mut source);
        urls::find(&target.text, &mut found);
        if source.is_empty() && found.is_empty() {
            return;
        }
        let source_keys: Vec<&str> = source
            .iter()
            .map(|a| &unit.source[a.start..a.end])
            .collect();
        let found_keys: Vec<&str> = found.iter().map(|a| &target.text[a.start..a.end]).collect();
        let (extra, missing) = {
            let (s, t): (Vec<String>, Vec<String>) = (
                source_keys.iter().map(|a| urls::key(a)).collect(),
                found_keys.iter().map(|a| urls::key(a)).collect(),
            );
            let s: Vec<&str> = s.iter().map(String::as_str).collect();
            let t: Vec<&str> = t.iter().map(String::as_str).collect();
            placeholders::multiset_difference(&s, &t)
        };
        let mut missing = missing.into_iter().map(|i| source_keys[i]).peekable();
        for i in extra {
            // An example route or URL with its words translated, in the
            // place of the source's.
            if missing.peek().is_some_and(|had| {
                urls::is_translated_route(had, found_keys[i])
                    || urls::is_translated_example(had, found_keys[i])
            }) {
                missing.next();
                continue;
            }
            let (note, suggestion) = match missing.next() {
                Some(had) => (
                    format!(
                        "the source has `{had}` where the translation has `{}`",
                        found_keys[i]
                    ),
                    Some(had.to_owned()),
                ),
                None => (format!("`{}` is not in the source", found_keys[i]), None),
            };
            let span = target.to_file(found[i].start, found[i].end);
            out.push(self.noted(&self.urls, span, note, suggestion));
        }
        let missing: Vec<&str> = missing.collect();
        if !missing.is_empty() {
            let note = format!(
                "the source's `{}` is missing from the translation",
                missing.join("`, `")
            );
            out.push(self.noted(&self.urls, target.whole, note, None));
        }
    }

    fn punctuation(
        &self,
        langs: &Langs,
        unit: &Unit,
        target: &Target<'_>,
        lang: Option<&str>,
        sides: Sides,
        out: &mut Vec<Hit>,
    ) {
        let source = unit.source.as_str();
        let text = target.text.as_ref();
        let source_lang = langs.source.as_deref();
        if self.on.end
            && let Some(end) = punctuation::end_of(source, source_lang.or(Some("en")))
        {
            let found = punctuation::end_of(text, lang);
            // A one-word source ending with `.` is an abbreviation
            // (`Jan.`), which other languages write otherwise.
            // Only another mark for it (`Aug.` → `8-р сар!`) is flagged.
            // Read only for a source that ends so: it is a pass over the
            // source's characters.
            let abbreviation = || !source.trim().contains(char::is_whitespace);
            let matches = if end == punctuation::End::Period && abbreviation() {
                // Armenian abbreviates with its mijaket `․`, read at the end
                // of a longer text as its colon.
                matches!(found, None | Some(punctuation::End::Period))
                    || (found == Some(punctuation::End::Colon)
                        && text.trim_end().ends_with('\u{2024}'))
            } else if end == punctuation::End::Question
                && matches!(
                    found,
                    Some(punctuation::End::Period | punctuation::End::Exclamation)
                )
                && source_lang.is_none_or(|l| l == "en")
            {
                // A suggestion (`Why not add one?`) may be made a request;
                // a question that asks may not be made a statement.
                punctuation::is_suggestion(source)
            } else {
                let sentence = source.split_whitespace().nth(4).is_some();
                punctuation::ends_match(end, found, lang, sentence)
            };
            if !matches {
                // The mark itself, before closing quotes and tags.
                let tail = punctuation::tail(text);
                let span = match (found, tail.chars().next_back()) {
                    (Some(_), Some(c)) => target.to_file(tail.len() - c.len_utf8(), tail.len()),
                    _ => target.whole,
                };
                let note = format!("the source ends with `{}`", end.as_str());
                out.push(self.noted(&self.end, span, note, None));
            }
        }
        let (source_lead, source_trail) = punctuation::edges(source);
        let (lead, trail) = punctuation::edges(text);
        let describe = |ws: &str| {
            if ws.is_empty() {
                "no whitespace".to_owned()
            } else {
                format!("{ws:?}")
            }
        };
        // Whitespace the source has at an edge and the target lacks joins
        // the string to the next; line breaks change the layout. Spaces a
        // translation adds at an edge change neither where text is
        // rendered, and human translators add them often: not flagged.
        let padded = punctuation::is_padded(source_lead, source_trail);
        // Chinese and Japanese put no space between words: a string joined
        // to the next needs none, and the spaces at a source's edges are
        // left out. Only line breaks are compared.
        let spaceless = matches!(lang, Some("zh" | "ja" | "yue"));
        let breaks_differ =
            |a: &str, b: &str| punctuation::line_breaks(a) != punctuation::line_breaks(b);
        let lead_not_needed = spaceless && !breaks_differ(source_lead, lead);
        if self.on.whitespace
            && punctuation::edge_differs(source_lead, lead, padded)
            && !lead_not_needed
        {
            let span = if lead.is_empty() {
                target.whole
            } else {
                target.to_file(0, lead.len())
            };
            let note = format!("the source starts with {}", describe(source_lead));
            out.push(self.noted(&self.whitespace, span, note, None));
        }
        // A full-width mark (`，`, `。`) holds its own space: a CJK target
        // drops the source's space after it.
        let full_width_end = trail.is_empty()
            && text.ends_with(|c: char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'));
        let holds_its_space = (full_width_end || spaceless) && !breaks_differ(source_trail, trail);
        if self.on.whitespace
            && punctuation::edge_differs(source_trail, trail, padded)
            && !text.trim().is_empty()
            && !holds_its_space
        {
            let span = if trail.is_empty() {
                target.whole
            } else {
                target.to_file(text.len() - trail.len(), text.len())
            };
            let note = format!("the source ends with {}", describe(source_trail));
            out.push(self.noted(&self.whitespace, span, note, None));
        }
        if let Some(doubled) = &self.doubled
            && punctuation::doubled_space(source).is_none()
        {
            // Each run of spaces is a finding of its own, with one space as
            // its fix, so that `mtlint fix` mends them all.
            let mut from = 0;
            while let Some(at) = punctuation::doubled_space(&text[from..]).map(|at| from + at) {
                let note = "the translation doubles a space the source does not".to_owned();
                let one = Some(" ".to_owned());
                let run = text[at..].len() - text[at..].trim_start_matches(' ').len();
                out.push(self.noted(doubled, target.to_file(at, at + run), note, one));
                from = at + run;
            }
        }
        // A side without a bracket or quote balances; the source is read
        // only for a target that does not.
        if self.on.brackets
            && sides.target & classes::BRACKET != 0
            && let Some(at) = punctuation::unbalanced(text, lang)
            && (sides.source & classes::BRACKET == 0
                || punctuation::unbalanced(source, lang).is_none())
        {
            let c = text[at..]
                .chars()
                .next()
                .expect("a bracket at a char boundary");
            let note = format!("`{c}` has no partner; the source's brackets and quotes balance");
            out.push(self.noted(
                &self.brackets,
                target.to_file(at, at + c.len_utf8()),
                note,
                None,
            ));
        }
    }

    /// A hit whose note says what this unit's source had.
    fn noted(&self, rule: &Arc<Rule>, span: Span, note: String, suggestion: Option<String>) -> Hit {
        let rule = Arc::new(Rule {
            note,
            ..Rule::clone(rule)
        });
        hit(&rule, span, suggestion.into_iter().collect())
    }

    fn numbers(
        &self,
        langs: &Langs,
        unit: &Unit,
        aligned: &Target<'_>,
        scanned: &Scanned,
        sides: Sides,
        out: &mut Vec<Hit>,
    ) {
        // A number is an ASCII digit or another script's, which is not
        // ASCII: a source with neither has no number (see below).
        if sides.source & (classes::DIGIT | classes::NON_ASCII) == 0 {
            return;
        }
        let (source_locale, target_locale) = (langs.source_locale, langs.target_locale);
        // A number inside a placeholder (`%-8.2f`, `{0}`) is the
        // placeholder's, compared by placeholder-mismatch.
        // Clock times are one number each (`6 p.m.` is `18:00`); the
        // target's are read only when the source has one, so that a
        // target's `18.00` is otherwise a decimal.
        let numbers: Vec<Reading<'_>> = self
            .number_re
            .find_iter(&unit.source)
            .filter(|m| {
                !in_placeholder(&scanned.source_top, m.start(), m.end())
                    && !in_char_reference(&unit.source, m.start(), m.end())
            })
            .map(|m| {
                let values = number_values(m.as_str(), source_locale, false);
                (m.start(), m.end(), m.as_str(), values)
            })
            .collect();
        // A source without numbers has none to lose or change. Numbers its
        // translation adds stand for the source's words: months, hours and
        // counts many languages write as numerals (`January` is `1月`,
        // `noon` is `12時`, `One-to-one` is `1:1`).
        if numbers.is_empty() {
            return;
        }
        let source_clocks = if numbers.iter().any(|n| may_be_clock(&unit.source, n)) {
            let hours = if langs.target.as_deref() == Some("sw") {
                Hours::FromDawn
            } else {
                Hours::FromMidnight
            };
            clocks(&unit.source, Some(hours))
                .into_iter()
                .filter(|c| !in_placeholder(&scanned.source_top, c.0, c.1))
                .collect()
        } else {
            Vec::new()
        };
        let sources: Vec<(&str, Vec<String>)> = with_clocks(numbers, source_clocks)
            .into_iter()
            .map(|(_, _, raw, values)| (raw, values))
            .collect();
        let read_clocks = sources
            .iter()
            .any(|(_, v)| v.first().is_some_and(|v| v.starts_with('@')));
        let mut targets: Vec<(Span, Vec<String>)> = Vec::new();
        for (offset, piece) in aligned.pieces() {
            let outside = |s: usize, e: usize| {
                !in_placeholder(&scanned.target_top, offset + s, offset + e)
                    && !in_char_reference(piece.text, s, e)
            };
            let numbers: Vec<Reading<'_>> = self
                .number_re
                .find_iter(piece.text)
                .filter(|m| outside(m.start(), m.end()))
                .map(|m| {
                    let values = number_values(m.as_str(), target_locale, true);
                    (m.start(), m.end(), m.as_str(), values)
                })
                .collect();
            let numbers = space_grouped(piece.text, numbers, &sources, target_locale);
            let piece_clocks = if read_clocks {
                clocks(piece.text, None)
                    .into_iter()
                    .filter(|c| outside(c.0, c.1))
                    .map(|mut c| {
                        // `18.00` may still be a decimal.
                        if c.2.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                            c.3.extend(number_values(c.2, target_locale, true));
                        }
                        c
                    })
                    .collect()
            } else {
                Vec::new()
            };
            for (start, end, _, values) in with_clocks(numbers, piece_clocks) {
                targets.push((piece.to_file(Span::new(start, end)), values));
            }
        }
        // Each source number takes the first target number not yet taken
        // that may have one of its values. The targets that may have each
        // value are listed in order, each list read from where it was left
        // (past the numbers taken since), so that a unit of many numbers
        // is not a scan of its targets per source number.
        let mut by_value: FxHashMap<&str, (usize, Vec<usize>)> = FxHashMap::default();
        for (i, (_, vals)) in targets.iter().enumerate() {
            for v in vals {
                let list = &mut by_value.entry(v.as_str()).or_default().1;
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut used = vec![false; targets.len()];
        let mut missing = Vec::new();
        for (raw, vals) in &sources {
            let mut first: Option<usize> = None;
            for v in vals {
                let Some((read, list)) = by_value.get_mut(v.as_str()) else {
                    continue;
                };
                while list.get(*read).is_some_and(|&t| used[t]) {
                    *read += 1;
                }
                if let Some(&t) = list.get(*read) {
                    first = Some(first.map_or(t, |f| f.min(t)));
                }
            }
            match first {
                Some(t) => used[t] = true,
                None => missing.push(*raw),
            }
        }
        let extra: Vec<Span> = targets
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|((s, _), _)| *s)
            .collect();
        for (i, span) in extra.iter().enumerate() {
            // A changed number: suggest the source's, written the target's
            // way (a clock time is written too many ways to suggest one).
            let suggestion = missing
                .get(i)
                .filter(|raw| !raw.contains(|c: char| c.is_alphabetic() || c == ':' || c == ' '))
                .and_then(|raw| reformat(raw, source_locale, target_locale));
            out.push(hit(&self.numbers, *span, suggestion.into_iter().collect()));
        }
        // A whole number up to ten that is missing, not changed, may be
        // written out in words, as most languages' style guides ask
        // (`Past 7 days` → `Afgelopen zeven dagen`, `0 of %(cnt)s selected`
        // → `None of …`).
        if missing[extra.len().min(missing.len())..]
            .iter()
            .any(|raw| !may_be_spelled_out(raw))
        {
            out.push(hit(&self.numbers, unit.span, Vec::new()));
        }
    }
}

/// What a document says of its languages, read once for all its units.
struct Langs {
    /// The source's primary language subtag, if the document says.
    source: Option<String>,
    /// The target's primary language subtag, if the document says.
    target: Option<String>,
    /// The separators of the source's and the target's numbers.
    source_locale: Option<Locale>,
    target_locale: Option<Locale>,
    /// The target is a regional variant of the source's language.
    same_language: bool,
}

impl Langs {
    fn of(doc: &Document) -> Langs {
        let source = primary(doc.lang.source.as_deref());
        let target = primary(doc.lang.target.as_deref());
        // A regional variant of the source's language (`en_GB` for a
        // catalog whose `msgid`s are English, as gettext's are when the
        // file does not say) keeps most strings as they are.
        let same_language =
            target.is_some() && target.as_deref() == source.as_deref().or(Some("en"));
        Langs {
            source_locale: doc.lang.source.as_deref().and_then(Locale::of),
            target_locale: doc.lang.target.as_deref().and_then(Locale::of),
            source,
            target,
            same_language,
        }
    }
}

impl Detector for Bilingual {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        // Units not translated yet are reported without their text read.
        if !self.checks_translations() && self.untranslated_unit.is_none() {
            return;
        }
        let langs = Langs::of(doc);
        // One list of a target's pieces for all the units.
        let mut pieces = Vec::new();
        for (i, unit) in doc.units.iter().enumerate() {
            self.unit(doc, &langs, i, unit, &mut pieces, out);
        }
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        let mut rules = vec![
            Arc::clone(&self.missing),
            Arc::clone(&self.untranslated),
            Arc::clone(&self.numbers),
            Arc::clone(&self.placeholders),
            Arc::clone(&self.tags),
            Arc::clone(&self.urls),
            Arc::clone(&self.end),
            Arc::clone(&self.whitespace),
            Arc::clone(&self.brackets),
            Arc::clone(&self.length_ratio),
            Arc::clone(&self.length_limit),
        ];
        rules.extend(self.untranslated_unit.iter().map(Arc::clone));
        rules.extend(self.doubled.iter().map(Arc::clone));
        rules.extend(self.terms.iter().map(|t| Arc::clone(&t.rule)));
        rules
    }
}

/// Whether a target reads as its source left untranslated: its words with
/// letters (normalized) are the source's, in order and at least two (a
/// lone name or code is often the same in both languages), or at least
/// four in five of three or more are words of the source. Names (every
/// word capitalized) are left alone by the caller, and a single ASCII
/// letter is no word here.
///
/// Neither side is normalized whole. The target's words are normalized one
/// at a time, each compared with the source's words as written, and the
/// count stops as soon as too many are missing from the source: a
/// translated target, the common case, costs a word or two rather than
/// all of them, and a source word is normalized only when it is not ASCII.
///
/// `source_words` and `target_words`, when given, are the words of each
/// as [`for_each_word`](crate::text::for_each_word) finds them, as spans
/// into a text in which it starts at the offset given (the target's file).
fn is_untranslated(
    source: &str,
    target: &str,
    source_words: Option<(&[Span], usize)>,
    target_words: Option<(&[Span], usize)>,
) -> bool {
    thread_local! {
        // Kept from unit to unit: a catalog has many short units, and
        // four buffers made and freed per unit were a measurable part of
        // its checks.
        static SCRATCH: std::cell::RefCell<UntranslatedScratch> =
            std::cell::RefCell::default();
    }
    SCRATCH.with_borrow_mut(|scratch| {
        untranslated_with(source, target, source_words, target_words, scratch)
    })
}

/// The buffers of [`is_untranslated`].
#[derive(Default)]
struct UntranslatedScratch {
    /// The target's words with letters, as spans into it.
    target: Vec<Span>,
    /// The source's, likewise.
    source: Vec<Span>,
    /// An ASCII source, folded.
    folded: Vec<u8>,
    /// One target word, folded.
    word_folded: Vec<u8>,
}

/// [`is_untranslated`] with its buffers.
fn untranslated_with(
    source_text: &str,
    target_text: &str,
    source_words: Option<(&[Span], usize)>,
    target_words: Option<(&[Span], usize)>,
    scratch: &mut UntranslatedScratch,
) -> bool {
    /// The words of `text` with letters, into `words` as spans into
    /// `text`: of those given (spans into a text where `text` starts at
    /// the offset given), or found.
    fn letter_words(text: &str, found: Option<(&[Span], usize)>, words: &mut Vec<Span>) {
        words.clear();
        let mut keep = |span: Span| {
            let word = &text[span.range()];
            // A lone ASCII letter is a variable or a format code (`%b %d,
            // %Y` kept as the source has it), not a word to translate.
            let code = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
            if !code && normal_has_letter(word) {
                words.push(span);
            }
        };
        match found {
            Some((found, offset)) => {
                for w in found {
                    keep(Span::new(w.start - offset, w.end - offset));
                }
            }
            None => crate::text::for_each_word(text, keep),
        }
    }
    let UntranslatedScratch {
        target: target_spans,
        source: source_spans,
        folded,
        word_folded,
    } = scratch;
    letter_words(target_text, target_words, target_spans);
    let target = || target_spans.iter().map(|w| &target_text[w.range()]);
    let target_len = target_spans.len();
    if target_len < 2 {
        return false;
    }
    let ascii_source = source_text.is_ascii();
    // The target's words that are surely none of an ASCII source's are
    // counted first, so that most translations are told translated
    // without finding the source's words: an ASCII word's normal form is
    // ASCII, so a word in another script is none of them (a third of
    // Django's languages); and an ASCII word's normal form is its bytes
    // lowercased (a backtick an apostrophe), as is an ASCII source word's,
    // so a word whose normal form is not in the source so folded is none
    // of them either. The count below only grows, so the answer is the
    // same.
    if ascii_source {
        folded.clear();
        let fold = |text: &str, into: &mut Vec<u8>| {
            into.clear();
            into.extend(text.bytes().map(|b| {
                if b == b'`' {
                    b'\''
                } else {
                    b.to_ascii_lowercase()
                }
            }));
        };
        // More than a fifth of the words missing (one of two) is a
        // translation: the count stops there, most often within the
        // first few words.
        let mut surely_missing = 0;
        for w in target() {
            let missing = if w.is_ascii() {
                if folded.is_empty() {
                    fold(source_text, folded);
                }
                fold(w, word_folded);
                !contains(folded, word_folded)
            } else {
                crate::text::surely_not_ascii(w)
            };
            if missing {
                surely_missing += 1;
                if surely_missing > target_len / 5 {
                    return false;
                }
            }
        }
    }
    letter_words(source_text, source_words, source_spans);
    let source = || source_spans.iter().map(|w| &source_text[w.range()]);
    if target_len == 2 {
        return source_spans.len() == 2
            && source()
                .zip(target())
                .all(|(s, t)| crate::text::normalizes_to(s, &normalize_word(t)));
    }
    // A long source is looked up in a set, not scanned per word.
    let set: Option<FxHashSet<Cow<'_, str>>> =
        (source_spans.len() > 32).then(|| source().map(normalize_word).collect());
    // shared * 5 >= len * 4, that is at most len / 5 missing.
    let most_missing = target_len / 5;
    let mut missing = 0;
    for word in target() {
        // An ASCII word's normal form is ASCII: a target word in another
        // script is not one of an ASCII source's, without looking (and,
        // most often, without normalizing it).
        if ascii_source && crate::text::surely_not_ascii(word) {
            missing += 1;
            if missing > most_missing {
                return false;
            }
            continue;
        }
        let word = normalize_word(word);
        let shared = if ascii_source && !word.is_ascii() {
            false
        } else {
            match &set {
                Some(set) => set.contains(&*word),
                None => source().any(|s| crate::text::normalizes_to(s, &word)),
            }
        };
        if !shared {
            missing += 1;
            if missing > most_missing {
                return false;
            }
        }
    }
    true
}

/// Whether `needle` occurs in `haystack`: both a few dozen bytes, too short
/// to repay setting up a substring searcher.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(found) = memchr::memchr(first, &haystack[from..]) {
        let at = from + found;
        if haystack[at + 1..].starts_with(rest) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Whether a source is wholly a marker in doubled brackets (Sphinx's
/// `<<original entry>>`), which translators keep as it is, as they keep a
/// tag.
fn is_marker(source: &str) -> bool {
    let t = source.trim();
    [("<<", ">>"), ("[[", "]]")].iter().any(|(open, close)| {
        t.len() > open.len() + close.len()
            && t.starts_with(open)
            && t.ends_with(close)
            && !t[open.len()..t.len() - close.len()]
                .contains([open.as_bytes()[0] as char, close.as_bytes()[0] as char])
    })
}

fn has_letter(word: &str) -> bool {
    word.chars().any(crate::text::is_alphabetic)
}

/// The letters that are no letter once normalized: the modifier letter
/// apostrophe (an apostrophe) and the half-width kana sound marks
/// (combining marks).
const LOST_LETTERS: [char; 3] = ['\u{2bc}', '\u{ff9e}', '\u{ff9f}'];

/// Whether `word`'s normal form has a letter. Every other letter stays a
/// letter when normalized (a test holds it for every character), so only
/// a word without one need be normalized to know: a few symbols become
/// letters (`™` is `tm`).
fn normal_has_letter(word: &str) -> bool {
    word.chars()
        .any(|c| crate::text::is_alphabetic(c) && !LOST_LETTERS.contains(&c))
        || (!word.is_ascii() && has_letter(&normalize_word(word)))
}

/// `text` with its placeholders (not ICU arguments, whose branches are
/// text) as spaces.
fn blank_placeholders(text: &str, list: &[placeholders::Placeholder]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in list.iter().filter(|p| !p.key.contains(", ")) {
        if p.start < at {
            continue;
        }
        out.push_str(&text[at..p.start]);
        out.push(' ');
        at = p.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `text` with each HTML tag in it made a space, and whether it had one.
fn blank_tags(text: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    if !text.contains('<') {
        return (text, false);
    }
    let mut tags = Vec::new();
    markup::html(&text, &mut tags);
    if tags.is_empty() {
        return (text, false);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for t in &tags {
        if t.start < at {
            continue;
        }
        out.push_str(&text[at..t.start]);
        out.push(' ');
        at = t.end;
    }
    out.push_str(&text[at..]);
    (Cow::Owned(out), true)
}

/// Whether every word with letters starts with a capital: a name or a
/// title (`Shigeru Ishiba`), often the same in both languages. A word with
/// digits too is a version or a code (`Wagtail API v2`, `x86_64`), written
/// alike in every language, and is left out; a name still needs a word.
fn all_capitalized(text: &str) -> bool {
    let mut words = word_tokens(text).into_iter().filter(|t| {
        t.text.chars().any(crate::text::is_alphabetic)
            && !t.text.chars().any(|c| c.is_ascii_digit())
    });
    let capitalized = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    words.next().is_some_and(|first| capitalized(first.text)) && words.all(|t| capitalized(t.text))
}

/// A stretch of a unit's target: a segment, or the decoded text of
/// segments joined by references (so `1&#160;000` reads as one number).
struct TargetText<'d> {
    text: &'d str,
    /// The segment's start in the file, or the joined run that maps back.
    offset: usize,
    joined: Option<&'d Joined>,
}

impl TargetText<'_> {
    fn to_file(&self, span: Span) -> Span {
        match self.joined {
            Some(j) => j.to_file(span),
            None => Span::new(self.offset + span.start, self.offset + span.end),
        }
    }
}

/// The placeholders of a unit's source and target, scanned once for the
/// placeholder check and for the number check, which leaves their digits
/// alone.
#[derive(Default)]
struct Scanned {
    source_top: Vec<placeholders::Placeholder>,
    source_inner: Vec<placeholders::Placeholder>,
    target_top: Vec<placeholders::Placeholder>,
    target_inner: Vec<placeholders::Placeholder>,
}

impl Scanned {
    fn new(unit: &Unit, target: &Target<'_>, sides: Sides) -> Scanned {
        let mut s = Scanned {
            source_top: Vec::new(),
            source_inner: Vec::new(),
            target_top: Vec::new(),
            target_inner: Vec::new(),
        };
        // Every placeholder starts with `%`, `{` or `$`: the flags are not
        // read for a unit with none.
        if (sides.source | sides.target) & classes::PLACEHOLDER == 0 {
            return s;
        }
        let syntaxes = placeholders::syntaxes(&unit.meta.flags);
        if sides.source & classes::PLACEHOLDER != 0 {
            placeholders::scan(
                &unit.source,
                syntaxes,
                &mut s.source_top,
                &mut s.source_inner,
            );
        }
        if sides.target & classes::PLACEHOLDER != 0 {
            placeholders::scan(
                &target.text,
                syntaxes,
                &mut s.target_top,
                &mut s.target_inner,
            );
        }
        s
    }
}

/// The byte classes ([`classes::of`]) of a unit's source and of its
/// target's decoded text.
#[derive(Clone, Copy)]
struct Sides {
    source: u8,
    target: u8,
}

/// Whether `start..end` overlaps one of `list` (in text order, not
/// overlapping one another).
/// Whether `start..end` of `text` is the code of an HTML or XML character
/// reference (`&#169;`, `&#x2013;`), which stands for a character, not a
/// number: a translation writes `©` or `–` for it.
fn in_char_reference(text: &str, start: usize, end: usize) -> bool {
    // A reference's code has at most 7 digits (U+10FFFF is `&#1114111;`):
    // only that much is read on either side, so that a line of numbers
    // between hex letters (`1a1a1a…`) is not read once per number.
    const CODE: usize = 8;
    let bytes = text.as_bytes();
    let hex_digits = bytes[..start]
        .iter()
        .rev()
        .take(CODE)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    let hex_before = &bytes[..start - hex_digits];
    let hex = hex_before.ends_with(b"&#x") || hex_before.ends_with(b"&#X");
    if !hex && !bytes[..start].ends_with(b"&#") {
        return false;
    }
    let digits = bytes[end..]
        .iter()
        .take(CODE)
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    bytes.get(end + digits) == Some(&b';')
}

fn in_placeholder(list: &[placeholders::Placeholder], start: usize, end: usize) -> bool {
    let i = list.partition_point(|p| p.end <= start);
    list.get(i).is_some_and(|p| p.start < end)
}

/// A language tag's primary subtag, lower-cased (`pt_BR` is `pt`).
fn primary(tag: Option<&str>) -> Option<String> {
    tag.and_then(crate::text::primary_subtag)
}

/// A unit's target decoded into one text (its pieces one after another),
/// with the map from that text back to the file: the alignment every
/// check of the unit reads.
struct Target<'d> {
    text: Cow<'d, str>,
    /// The pieces, one after another in `text`.
    pieces: &'d [TargetText<'d>],
    /// Where each piece starts in `text`, for a target of several pieces
    /// (most have one, which starts at 0: no list made).
    starts: Vec<usize>,
    /// The whole target in the file.
    whole: Span,
}

impl<'d> Target<'d> {
    fn new(pieces: &'d [TargetText<'d>], whole: Span) -> Target<'d> {
        let text = match pieces {
            [one] => Cow::Borrowed(one.text),
            _ => Cow::Owned(pieces.iter().map(|p| p.text).collect()),
        };
        let mut starts = Vec::new();
        if pieces.len() > 1 {
            let mut at = 0;
            starts = pieces
                .iter()
                .map(|p| {
                    let start = at;
                    at += p.text.len();
                    start
                })
                .collect();
        }
        Target {
            text,
            pieces,
            starts,
            whole,
        }
    }

    /// Each piece with where it starts in `text`.
    fn pieces(&self) -> impl Iterator<Item = (usize, &'d TargetText<'d>)> + '_ {
        let pieces: &'d [TargetText<'d>] = self.pieces;
        pieces
            .iter()
            .enumerate()
            .map(|(i, p)| (self.starts.get(i).copied().unwrap_or(0), p))
    }

    /// The file's bytes for `start..end` of the decoded text.
    fn to_file(&self, start: usize, end: usize) -> Span {
        // The piece holding the start, and the one holding the end (a span
        // that ends where a piece ends belongs to that piece).
        let (first, last) = if self.pieces.len() <= 1 {
            (0, 0)
        } else {
            let first = self
                .starts
                .partition_point(|s| *s <= start)
                .saturating_sub(1);
            let last = self
                .starts
                .partition_point(|s| *s < end)
                .saturating_sub(1)
                .max(first);
            (first, last)
        };
        let Some(p0) = self.pieces.get(first) else {
            return self.whole;
        };
        let s0 = self.starts.get(first).copied().unwrap_or(0);
        let (s1, p1) = (
            self.starts.get(last).copied().unwrap_or(0),
            &self.pieces[last],
        );
        if first == last {
            return p0.to_file(Span::new(start - s0, end - s0));
        }
        let a = p0.to_file(Span::new(start - s0, p0.text.len()));
        let b = p1.to_file(Span::new(0, end - s1));
        Span::new(a.start, b.end.max(a.start))
    }
}

/// The unit's target as texts to read: each segment, or each joined run.
fn target_texts<'d>(doc: &'d Document, unit: &Unit) -> Vec<TargetText<'d>> {
    let mut out = Vec::new();
    target_texts_into(doc, unit, &mut out);
    out
}

/// [`target_texts`] into `out`, emptied first.
fn target_texts_into<'d>(doc: &'d Document, unit: &Unit, out: &mut Vec<TargetText<'d>>) {
    out.clear();
    let mut i = unit.segments.start;
    while i < unit.segments.end {
        if let Ok(at) = doc.joined.binary_search_by_key(&i, |j| j.segments.start) {
            let j = &doc.joined[at];
            out.push(TargetText {
                text: &j.text,
                offset: 0,
                joined: Some(j),
            });
            i = j.segments.end.max(i + 1);
            continue;
        }
        let span = doc.segments[i].span;
        out.push(TargetText {
            text: &doc.text[span.range()],
            offset: span.start,
            joined: None,
        });
        i += 1;
    }
}

/// A language's number separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Locale {
    decimal: char,
    thousands: char,
}

impl Locale {
    /// The separators of language `tag` (`nl`, `en-GB`), for the languages
    /// whose convention is known.
    fn of(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        const COMMA: [&str; 31] = [
            "nl", "de", "fr", "es", "it", "pt", "ru", "pl", "sv", "da", "nb", "nn", "no", "fi",
            "cs", "sk", "tr", "el", "hu", "ro", "bg", "uk", "hr", "sl", "sr", "lt", "lv", "et",
            "id", "vi", "ca",
        ];
        const DOT: [&str; 9] = ["en", "zh", "ja", "ko", "he", "th", "hi", "ms", "ga"];
        if COMMA.contains(&primary.as_str()) {
            Some(Locale {
                decimal: ',',
                thousands: '.',
            })
        } else if DOT.contains(&primary.as_str()) {
            Some(Locale {
                decimal: '.',
                thousands: ',',
            })
        } else {
            None
        }
    }
}

/// The code points of the digit zero of each script whose decimal digits
/// Unicode encodes (general category `Nd`, Unicode 14): each script's ten
/// digits follow its zero in order.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// A number token with every script's digits as ASCII digits (Bengali
/// `৫০০` is `500`, Persian `۱٫۵` is `1.5`), so that a translation writing
/// its own digits keeps the source's number. A digit of a script the table
/// does not know is kept, and the token then matches only itself.
fn ascii_digits(token: &str) -> Cow<'_, str> {
    if token.is_ascii() {
        return Cow::Borrowed(token);
    }
    Cow::Owned(
        token
            .chars()
            .map(|c| match c {
                // The Arabic decimal separator, and the Persian one as
                // typed (only ever between Persian digits: see NUMBER).
                '\u{66b}' | '/' => '.',
                // The Arabic thousands separator only ever groups.
                '\u{66c}' => '\'',
                c if c.is_ascii() => c,
                c => {
                    let code = u32::from(c);
                    let at = DIGIT_ZEROS.partition_point(|&z| z <= code);
                    match at.checked_sub(1).map(|i| code - DIGIT_ZEROS[i]) {
                        Some(d @ 0..=9) => char::from_digit(d, 10).unwrap_or(c),
                        _ => c,
                    }
                }
            })
            .collect(),
    )
}

/// The values of a number token in any script's digits (see [`values`]);
/// a token with a digit [`ascii_digits`] does not know is compared as
/// written.
///
/// A token of one separator that no one reads as grouping thousands
/// (`2.5`, `3.0`: not three digits after it) is also the number it is
/// written as: a translator who keeps it as it stands in the source (a
/// version, mostly) has kept the number, whatever the target language's
/// decimal separator would make of it. `1,000` and `1.000,5` are read only
/// by their languages, so a thousand copied into German as `1,000` (one) is
/// still a changed number.
fn number_values(token: &str, locale: Option<Locale>, strict: bool) -> Vec<String> {
    let ascii = ascii_digits(token);
    if ascii.chars().all(|c| c.is_ascii() || is_group_only(c)) {
        let mut found = values(&ascii, locale, strict);
        let mut parts = ascii.split(|c: char| !c.is_ascii_digit());
        let unmistakable = matches!(
            (parts.next(), parts.next(), parts.next()),
            (Some(_), Some(after), None) if after.len() != 3
        );
        let written = format!("={ascii}");
        if unmistakable && !found.contains(&written) {
            found.push(written);
        }
        found
    } else {
        vec![format!("={token}")]
    }
}

/// A number read in a text: its byte range, its text and the values it
/// may stand for.
type Reading<'a> = (usize, usize, &'a str, Vec<String>);

/// The clock times a source writes (`6 p.m.`, `6pm`, `6:00 PM`, `12 a.m.`,
/// `18:00`) and, in a target, also the forms of other languages (`18.00`,
/// `18 h`, `18h00`, `18 h 30`).
static CLOCK_RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?P<h>[0-9]{1,2})(?:
            (?:[:.](?P<m12>[0-9]{2}))?\s?(?P<ap>[aApP])\.?\s?[mM](?-u:\b)\.?
          | :(?P<m24>[0-9]{2})(?-u:\b)
          | \.(?P<md>[0-9]{2})(?-u:\b)
          | \s?h(?:\s?(?P<mh>[0-9]{2}))?(?-u:\b)
        )",
    )
    .expect("a valid pattern")
});

/// How the target's language says a whole hour as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hours {
    /// Counted from midnight, or from noon (`18 Uhr`, `6 de la tarde`).
    FromMidnight,
    /// Counted from dawn and from dusk, as Swahili does: 6 a.m. is `saa
    /// 12` (asubuhi), 7 a.m. `saa 1`.
    FromDawn,
}

/// The clock times of `text` (see [`CLOCK_RE`]): with `source_hours`
/// those a source writes, said in the target's language that counts hours
/// so; without, those of a target, other languages' forms too. Each is one
/// number whose value is `@18:00`; a source's whole hour is also the hour
/// as a number (`6 p.m.` is `6` or `18`, as in `18 Uhr` or `6 de la
/// tarde`; `12` in Swahili), and a target's hour up to 12 without a.m. or
/// p.m. either half of the day (`6:00` is `@6:00` or `@18:00`). A reading
/// out of range (`25:00`, `13 p.m.`) is no clock time, and its digits stay
/// numbers.
fn clocks(text: &str, source_hours: Option<Hours>) -> Vec<Reading<'_>> {
    let target = source_hours.is_none();
    let mut out = Vec::new();
    for c in CLOCK_RE.captures_iter(text) {
        let number = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let Some(said) = number("h") else { continue };
        let twelve = c.name("ap").is_some();
        let (hour, minute) = if let Some(ap) = c.name("ap") {
            if !(1..=12).contains(&said) {
                continue;
            }
            // 12 a.m. is midnight, 12 p.m. noon.
            let pm = ap.as_str().eq_ignore_ascii_case("p");
            (
                said % 12 + if pm { 12 } else { 0 },
                number("m12").unwrap_or(0),
            )
        } else if let Some(m) = number("m24") {
            (said, m)
        } else if target {
            (said, number("md").or(number("mh")).unwrap_or(0))
        } else {
            continue;
        };
        if hour > 24 || minute > 59 {
            continue;
        }
        let mut values = vec![format!("@{hour}:{minute:02}")];
        if target && !twelve && (1..=12).contains(&hour) {
            // Without a.m. or p.m., a target's hour up to 12 may be of
            // either half of the day: languages that count twelve hours
            // say which in words (Czech `6h večer`, six in the evening).
            values.push(format!("@{}:{minute:02}", (hour + 12) % 24));
        }
        // A target may say a source's whole hour as a number; a target's
        // `6:00` or `6 h` is a time of day, not the `6` of `6 p.m.`.
        match source_hours {
            Some(Hours::FromMidnight) if minute == 0 => {
                values.push(hour.to_string());
                if twelve && said != hour {
                    values.push(said.to_string());
                }
            }
            Some(Hours::FromDawn) if minute == 0 => values.push(swahili_hour(hour).to_string()),
            _ => {}
        }
        let whole = c.get(0).expect("the match");
        out.push((whole.start(), whole.end(), whole.as_str(), values));
    }
    out
}

/// The hour a Swahili speaker says for the whole hour `hour` (0–24):
/// Swahili counts the hours from dawn and from dusk ([`Hours::FromDawn`]).
fn swahili_hour(hour: u32) -> u32 {
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    (twelve + 5) % 12 + 1
}

/// Whether the number `n` of `text` may be the hour of a clock time: a
/// `:`, `.`, a.m., p.m. or `h` follows it (after a space at most), so that
/// the clock pattern runs only on the few texts that may have one.
fn may_be_clock(text: &str, n: &Reading<'_>) -> bool {
    let rest = &text[n.1..];
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    n.2.contains('.') || rest.starts_with([':', 'a', 'A', 'p', 'P', 'h'])
}

/// `numbers` with `clocks` in place of the numbers they hold, in text
/// order.
fn with_clocks<'a>(numbers: Vec<Reading<'a>>, clocks: Vec<Reading<'a>>) -> Vec<Reading<'a>> {
    if clocks.is_empty() {
        return numbers;
    }
    let mut all: Vec<Reading<'a>> = numbers
        .into_iter()
        .filter(|n| !clocks.iter().any(|c| c.0 <= n.0 && n.1 <= c.1))
        .collect();
    all.extend(clocks);
    all.sort_by_key(|r| r.0);
    all
}

/// Separators that only ever group thousands.
/// The target's `numbers` in `text`, with each pair that is one number
/// grouped by a plain space (`1 000`, as French and Swedish writers type
/// the narrow space that groups thousands) read as one where the source
/// has that number: a group of one to three digits, one space, and three
/// digits. Only a source's number joins them, so that `2 100` stays two
/// numbers elsewhere.
fn space_grouped<'a>(
    text: &'a str,
    numbers: Vec<Reading<'a>>,
    sources: &[(&str, Vec<String>)],
    locale: Option<Locale>,
) -> Vec<Reading<'a>> {
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.chars().count()) && t.chars().all(|c| c.is_numeric())
    };
    if numbers.len() < 2 || !numbers.iter().any(|n| digits(n.2, 3..=3)) {
        return numbers;
    }
    let mut out: Vec<Reading<'a>> = Vec::with_capacity(numbers.len());
    for n in numbers {
        if let Some(last) = out.last()
            && last.1 + 1 == n.0
            && text.as_bytes()[last.1] == b' '
            && digits(last.2, 1..=3)
            && digits(n.2, 3..=3)
        {
            let joined = &text[last.0..n.1];
            let values = number_values(&joined.replace(' ', ""), locale, true);
            if sources
                .iter()
                .any(|(_, v)| v.iter().any(|v| values.contains(v)))
            {
                let start = last.0;
                out.pop();
                out.push((start, n.1, joined, values));
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// Whether a source number may be written out in words in a translation:
/// a whole number from 0 to 10 in ASCII digits, or a whole hour of the
/// clock (`6 a.m.`, which Thai says `หกโมงเช้า`).
fn may_be_spelled_out(raw: &str) -> bool {
    let small = |n: &str, most: u8| {
        n.len() <= 2
            && n.bytes().all(|b| b.is_ascii_digit())
            && n.parse::<u8>().is_ok_and(|n| n <= most)
    };
    if small(raw, 10) {
        return true;
    }
    let hour = raw.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.' || c == ' ');
    hour.len() < raw.len()
        && small(hour, 12)
        && matches!(
            raw[hour.len()..]
                .to_ascii_lowercase()
                .replace(['.', ' '], "")
                .as_str(),
            "am" | "pm"
        )
}

fn is_group_only(c: char) -> bool {
    matches!(c, '\'' | '\u{a0}' | '\u{202f}')
}

/// Canonical value: integer digits without leading zeros, and the fraction
/// without trailing zeros after a `.`.
fn canonical(int: &str, frac: &str) -> String {
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    }
}

/// The values a number token may stand for. With the language's
/// separators known, the token is read by them; a target that breaks them
/// (`1.000,5` in English) has no value, so it never matches. Unknown, a
/// token like `1,000` may be either a thousand or one.
fn values(token: &str, locale: Option<Locale>, strict: bool) -> Vec<String> {
    let groups: Vec<&str> = token.split(|c: char| !c.is_ascii_digit()).collect();
    let seps: Vec<char> = token.chars().filter(|c| !c.is_ascii_digit()).collect();
    if seps.is_empty() {
        return vec![canonical(token, "")];
    }
    let digits: String = groups.concat();
    let grouped = |from: usize| groups[from..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
    let distinct: Vec<char> = {
        let mut d = seps.clone();
        d.sort_unstable();
        d.dedup();
        d
    };
    // One separator repeated between groups that are not thousands: a date,
    // a version or a code, compared as written.
    if distinct.len() == 1 && seps.len() > 1 && !grouped(1) {
        return vec![format!("={token}")];
    }
    let last = *seps.last().expect("not empty");
    let split_decimal = || {
        let (int, frac) = groups.split_at(groups.len() - 1);
        canonical(&int.concat(), frac[0])
    };
    if let Some(l) = locale {
        let valid = seps[..seps.len() - 1]
            .iter()
            .all(|&c| c == l.thousands || is_group_only(c))
            && (last == l.decimal || ((last == l.thousands || is_group_only(last)) && grouped(1)))
            && (seps.len() == 1 || last != l.decimal || grouped_until(&groups));
        if valid {
            return vec![if last == l.decimal {
                split_decimal()
            } else {
                canonical(&digits, "")
            }];
        }
        if strict {
            return Vec::new();
        }
    }
    if distinct.len() > 1 {
        return vec![if is_group_only(last) {
            canonical(&digits, "")
        } else {
            split_decimal()
        }];
    }
    if is_group_only(last) || seps.len() > 1 {
        return vec![canonical(&digits, "")];
    }
    if groups[1].len() == 3 {
        vec![canonical(&digits, ""), split_decimal()]
    } else {
        vec![split_decimal()]
    }
}

/// Whether every group but the first and the last (the fraction) has three
/// digits.
fn grouped_until(groups: &[&str]) -> bool {
    groups[0].len() <= 3 && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3)
}

/// A source number token written with the target language's separators,
/// when both languages are known and the token's reading is.
fn reformat(token: &str, from: Option<Locale>, to: Option<Locale>) -> Option<String> {
    let (from, to) = (from?, to?);
    if values(token, Some(from), true).len() != 1 || token.starts_with('=') {
        return None;
    }
    Some(
        token
            .chars()
            .map(|c| {
                if c == from.decimal {
                    to.decimal
                } else if c == from.thousands {
                    to.thousands
                } else {
                    c
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, Segment};

    const NL: Option<Locale> = Some(Locale {
        decimal: ',',
        thousands: '.',
    });
    const EN: Option<Locale> = Some(Locale {
        decimal: '.',
        thousands: ',',
    });

    #[test]
    fn numbers_read_by_locale() {
        assert_eq!(values("1.000,5", NL, false), ["1000.5"]);
        assert_eq!(values("1,000.5", EN, true), ["1000.5"]);
        assert!(
            values("1.000,5", EN, true).is_empty(),
            "Dutch separators in English"
        );
        assert_eq!(values("1,000.5", None, false), ["1000.5"]);
        assert_eq!(values("1.000", None, false), ["1000", "1"]);
        assert_eq!(values("2,50", NL, false), ["2.5"]);
        assert_eq!(values("1\u{a0}000", EN, true), ["1000"]);
        assert_eq!(values("12.03.2024", EN, true), ["=12.03.2024"]);
        assert_eq!(values("1965", EN, true), ["1965"]);
        assert_eq!(reformat("1.000,5", NL, EN).as_deref(), Some("1,000.5"));
        // Other scripts' digits.
        assert_eq!(number_values("৫০০", None, false), ["500"]);
        assert_eq!(number_values("١٬٠٠٠", None, false), ["1000"]);
        assert_eq!(number_values("۱٫۵", None, false), ["1.5", "=1.5"]);
        // Persian's decimal separator as typed: a slash.
        assert_eq!(number_values("۲/۵", None, false), ["2.5", "=2.5"]);
        let re = Regex::new(NUMBER).expect("a valid pattern");
        fn found<'t>(re: &Regex, text: &'t str) -> Vec<&'t str> {
            re.find_iter(text).map(|m| m.as_str()).collect()
        }
        assert_eq!(found(&re, "۲/۵ یا ۳/۰a۱"), ["۲/۵", "۳/۰", "۱"]);
        assert_eq!(
            found(&re, "1/2/2020, 1.000,5"),
            ["1", "2", "2020", "1.000,5"]
        );
        assert_eq!(
            texts_of(
                "heuristic:number-mismatch",
                &[(
                    "the version is like 2.5 or 3.0, the release like 2.5.1",
                    "نسخه چیزی شبیه به ۲/۵ یا ۳/۰ است، انتشار شبیه به ۲/۵/۱",
                )],
                ("en", "fa"),
            ),
            Vec::<String>::new()
        );
        assert_eq!(number_values("१५०", EN, true), ["150"]);
        assert_eq!(number_values("１２", EN, true), ["12"]);
        assert_eq!(number_values("1\u{a0}000,5", None, false), ["1000.5"]);
        assert_eq!(number_values("१\u{a0}०००", EN, true), ["1000"]);
        // Kept as written: a version keeps its dot in Dutch.
        assert_eq!(number_values("2.5", NL, true), ["=2.5"]);
        assert_eq!(number_values("۲.۵", NL, true), ["=2.5"]);
        assert_eq!(number_values("1,000", NL, true), ["1"]);
        assert!(number_values("1.000,5", EN, true).is_empty());
    }

    fn doc(pairs: &[(&str, &str)], lang: (&str, &str)) -> Document {
        let mut text = String::new();
        let mut segments = Vec::new();
        let mut units = Vec::new();
        for (i, (source, target)) in pairs.iter().enumerate() {
            let start = text.len();
            text.push_str(target);
            let span = Span::new(start, text.len());
            let first = segments.len();
            if !target.is_empty() {
                segments.push(Segment {
                    span,
                    unit: Some(i),
                });
            }
            units.push(Unit {
                id: Some(i.to_string()),
                span,
                segments: first..segments.len(),
                source: (*source).to_owned(),
                meta: crate::text::UnitMeta::default(),
            });
            text.push('\n');
        }
        let mut doc = Document::with_segments("t.xlf", text, segments);
        doc.units = units;
        doc.lang = Lang {
            source: Some(lang.0.to_owned()),
            target: Some(lang.1.to_owned()),
        };
        doc
    }

    fn run(b: &Bilingual, doc: &Document) -> Vec<(String, String, Vec<String>)> {
        let mut hits = Vec::new();
        b.detect(doc, &mut hits);
        hits.into_iter()
            .map(|h| {
                (
                    h.rule.id.clone(),
                    doc.text[h.span.range()].to_owned(),
                    h.suggestions,
                )
            })
            .collect()
    }

    #[test]
    fn clock_times_are_read() {
        let read = |text: &str, target: bool| -> Vec<(String, Vec<String>)> {
            clocks(text, (!target).then_some(Hours::FromMidnight))
                .into_iter()
                .map(|(s, e, raw, values)| {
                    assert_eq!(&text[s..e], raw);
                    (raw.to_owned(), values)
                })
                .collect()
        };
        let one = |raw: &str, values: &[&str]| {
            vec![(
                raw.to_owned(),
                values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>(),
            )]
        };
        assert_eq!(
            read("at 6 p.m.", false),
            one("6 p.m.", &["@18:00", "18", "6"])
        );
        assert_eq!(read("6pm", false), one("6pm", &["@18:00", "18", "6"]));
        assert_eq!(read("6:30 PM", false), one("6:30 PM", &["@18:30"]));
        assert_eq!(
            read("12 a.m.", false),
            one("12 a.m.", &["@0:00", "0", "12"])
        );
        assert_eq!(read("12 p.m.", false), one("12 p.m.", &["@12:00", "12"]));
        assert_eq!(read("at 18:00", false), one("18:00", &["@18:00", "18"]));
        // A target's forms, read as times of day only.
        for (text, values) in [
            ("18:00", &["@18:00"][..]),
            ("18 h", &["@18:00"]),
            ("18\u{a0}h", &["@18:00"]),
            ("18h00", &["@18:00"]),
            ("18 h 30", &["@18:30"]),
            ("18.00", &["@18:00"]),
            ("00:00", &["@0:00"]),
            ("6 p. m.", &["@18:00"]),
            // Either half of the day, without a.m. or p.m.
            ("6h", &["@6:00", "@18:00"]),
            ("12:30", &["@12:30", "@0:30"]),
        ] {
            assert_eq!(read(text, true), one(text, values), "{text}");
        }
        // Not clock times: out of range, other words, or a source's
        // `18.00` and `18 h` (a decimal, an abbreviation).
        for text in [
            "13 p.m.", "25:00", "10:75", "1:1", "6 hours", "6 apples", "6 amps",
        ] {
            assert!(read(text, true).is_empty(), "{text}");
        }
        assert!(read("18.00 and 18 h", false).is_empty());
    }

    #[test]
    fn number_mismatch_reads_clock_times() {
        let b = Bilingual::new(Vec::new(), 0.85);
        let d = doc(
            &[
                ("6 p.m.", "18:00"),
                ("6 a.m.", "06.00"),
                ("6 p.m.", "18 Uhr"),
                ("6 p.m.", "18h00"),
                ("Opens at 6:00 PM.", "Ouvre à 18 h."),
                ("12 a.m.", "0:00"),
                ("6 p.m.", "6h večer"),
                ("6 p.m.", "19:00"),
                ("6 a.m.", "18 h"),
                (
                    "From 9 a.m. to 5 p.m., 3 rooms",
                    "Von 9 bis 17 Uhr, 3 Räume",
                ),
            ],
            ("en", "de"),
        );
        let flagged = |text: &str| {
            (
                "heuristic:number-mismatch".to_owned(),
                text.to_owned(),
                vec![],
            )
        };
        assert_eq!(run(&b, &d), [flagged("19:00"), flagged("18 h")]);
        // Swahili counts the hours from dawn and dusk: 6 a.m. is saa 12,
        // 7 p.m. saa 1; a Swahili 6 for 6 a.m. is six hours off.
        let pairs = [
            ("6 a.m.", "Saa 12 alfajiri"),
            ("7 p.m.", "saa 1 usiku"),
            ("6 a.m.", "Saa 6 asubuhi"),
        ];
        assert_eq!(
            texts_of("heuristic:number-mismatch", &pairs, ("en", "sw")),
            ["6"]
        );
        assert_eq!(swahili_hour(0), 6);
        assert_eq!(swahili_hour(12), 6);
        assert_eq!(clocks("18:30", Some(Hours::FromDawn))[0].3, ["@18:30"]);
    }

    /// The texts of `rule`'s findings on units of `pairs` in languages
    /// `lang`.
    fn texts_of(rule: &str, pairs: &[(&str, &str)], lang: (&str, &str)) -> Vec<String> {
        let b = Bilingual::new(Vec::new(), 0.85);
        run(&b, &doc(pairs, lang))
            .into_iter()
            .filter(|(r, ..)| r == rule)
            .map(|(_, text, _)| text)
            .collect()
    }

    #[test]
    fn the_words_of_tags_are_not_the_source_left_untranslated() {
        let found = texts_of(
            "heuristic:untranslated-segment",
            &[
                (
                    "Why not <a class=\"upload-one-now\" href=\"#tab-upload\" data-action=\"w-tabs#select:prevent\">upload one now</a>?",
                    "Warum nicht <a class=\"upload-one-now\" href=\"#tab-upload\" data-action=\"w-tabs#select:prevent\">ein neues hochladen</a>?",
                ),
                (
                    "Why not <a href=\"#new\">upload one now</a>?",
                    "Why not <a href=\"#new\">upload one now</a>?",
                ),
            ],
            ("en", "de"),
        );
        assert_eq!(found, ["Why not <a href=\"#new\">upload one now</a>?"]);
    }

    #[test]
    fn a_date_formats_day_without_padding_is_the_sources_day() {
        let pairs = [("%b %d, %Y", "%-d %b, %Y"), ("%d files", "%-5d fichiers")];
        assert_eq!(
            texts_of("heuristic:placeholder-mismatch", &pairs, ("en", "fr")),
            ["%-5d"]
        );
    }

    #[test]
    fn a_marker_in_doubled_brackets_may_be_kept() {
        let found = texts_of(
            "heuristic:untranslated-segment",
            &[
                ("<<original entry>>", "<<original entry>>"),
                ("[[original entry]]", "[[original entry]]"),
                ("<<original>> entry", "<<original>> entry"),
                ("original entry", "original entry"),
            ],
            ("en", "de"),
        );
        assert_eq!(found, ["<<original>> entry", "original entry"]);
    }

    #[test]
    fn thousands_may_be_grouped_by_a_plain_space() {
        let found = texts_of(
            "heuristic:number-mismatch",
            &[
                (
                    "a limit of 1000 in conf.py",
                    "une limite de 1 000 dans conf.py",
                ),
                ("a limit of 10000", "une limite de 10 000"),
                ("a limit of 1000", "une limite de 2 000"),
                ("pages 2 and 100", "pages 2 100"),
                ("limit 1000", "limite 1 0000"),
            ],
            ("en", "fr"),
        );
        assert_eq!(found, ["2", "000", "1", "0000"]);
    }

    #[test]
    fn an_armenian_abbreviation_may_end_with_its_mijaket() {
        let found = texts_of(
            "heuristic:end-punctuation-mismatch",
            &[
                ("Jan.", "Հնվ\u{2024}"),
                ("Jan.", "Հնվ!"),
                ("Date:", "Ամսաթիվ\u{2024}"),
            ],
            ("en", "hy"),
        );
        assert_eq!(found, ["!"]);
    }

    #[test]
    fn character_references_are_no_numbers() {
        let found = texts_of(
            "heuristic:number-mismatch",
            &[
                ("&#169; %(name)s.", "© %(name)s."),
                ("Index &#x2013; %(key)s", "Index – %(key)s"),
                ("Quote &#xE9;", "Citation é"),
                ("Page &#8212; 12", "Seite — 13"),
                ("#169; and 169", "#169; und 170"),
            ],
            ("en", "de"),
        );
        assert_eq!(found, ["13", "170"]);
        assert!(in_char_reference("a &#169; b", 4, 7));
        assert!(in_char_reference("&#x201C;", 3, 6));
        assert!(!in_char_reference("&#169 b", 2, 5));
        assert!(!in_char_reference("# 169;", 2, 5));
    }

    #[test]
    fn small_whole_numbers_may_be_written_out() {
        let found = texts_of(
            "heuristic:number-mismatch",
            &[
                ("Past 7 days", "Afgelopen zeven dagen"),
                ("0 of %(cnt)s selected", "Geen van %(cnt)s geselecteerd"),
                ("7 days and 3 hours", "zeven dagen en 3 uur"),
                ("Past 7 days", "Afgelopen 8 dagen"),
                ("Past 11 days", "Afgelopen elf dagen"),
                ("Version 2.5", "Versie twee"),
                ("7 days and 3 hours", "zeven dagen en drie uur"),
                ("6 a.m.", "zes uur 's ochtends"),
                ("6:30 a.m.", "half zeven"),
            ],
            ("en", "nl"),
        );
        assert_eq!(
            found,
            ["8", "Afgelopen elf dagen", "Versie twee", "half zeven"]
        );
        assert!(may_be_spelled_out("6 p.m."));
        assert!(may_be_spelled_out("12am"));
        assert!(!may_be_spelled_out("13 p.m."));
        assert!(!may_be_spelled_out("6 items"));
    }

    #[test]
    fn number_mismatch_with_locale_formats() {
        let b = Bilingual::new(Vec::new(), 0.85);
        let d = doc(
            &[
                ("Het kost 1.000,5 euro.", "It costs 1,000.5 euros."),
                ("Het kost 1.000,5 euro.", "It costs 1.000,5 euros."),
                ("In 1965 en 2015.", "In 1965 and 2016."),
                ("Tussen 1910-1945.", "Between 1910 and then."),
            ],
            ("nl", "en"),
        );
        assert_eq!(
            run(&b, &d),
            [
                (
                    "heuristic:number-mismatch".to_owned(),
                    "1.000,5".to_owned(),
                    vec!["1,000.5".to_owned()]
                ),
                (
                    "heuristic:number-mismatch".to_owned(),
                    "2016".to_owned(),
                    vec!["2015".to_owned()]
                ),
                (
                    "heuristic:number-mismatch".to_owned(),
                    "Between 1910 and then.".to_owned(),
                    vec![]
                ),
            ]
        );
    }

    #[test]
    fn long_units_pair_their_numbers_and_words_as_short_ones_do() {
        // A thousand numbers, the target's in reverse order, three changed:
        // each changed one is flagged with a missing source number, in
        // order, and no other.
        let b = Bilingual::new(Vec::new(), 0.85);
        let source: Vec<String> = (10_001..=11_000).map(|n| n.to_string()).collect();
        let changed = [("10900", "20003"), ("10500", "20002"), ("10005", "20001")];
        let target: Vec<String> = source
            .iter()
            .rev()
            .map(|n| {
                changed
                    .iter()
                    .find(|(from, _)| from == n)
                    .map_or(n.clone(), |(_, to)| (*to).to_owned())
            })
            .collect();
        let d = doc(&[(&source.join(" "), &target.join(" "))], ("nl", "en"));
        let hits: Vec<(String, Vec<String>)> = run(&b, &d)
            .into_iter()
            .filter(|h| h.0 == "heuristic:number-mismatch")
            .map(|h| (h.1, h.2))
            .collect();
        let expected = [("20003", "10005"), ("20002", "10500"), ("20001", "10900")];
        let expected: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(hit, fix)| ((*hit).to_owned(), vec![(*fix).to_owned()]))
            .collect();
        assert_eq!(hits, expected);
        // A long target made of its source's words is untranslated; with
        // a fifth of its words its own, it is not.
        let words: Vec<String> = (0..200).map(|n| format!("woord{n}")).collect();
        let same = words.join(" ");
        let own: Vec<String> = (0..200)
            .map(|n| {
                if n % 5 == 0 {
                    format!("word{n}")
                } else {
                    format!("woord{n}")
                }
            })
            .collect();
        let mostly = own[..199].join(" ");
        let d = doc(&[(&same, &same), (&same, &mostly)], ("nl", "en"));
        let untranslated: Vec<String> = run(&b, &d)
            .into_iter()
            .filter(|h| h.0 == "heuristic:untranslated-segment")
            .map(|h| h.1)
            .collect();
        assert_eq!(untranslated, [same]);
    }

    #[test]
    fn untranslated_and_missing() {
        let b = Bilingual::new(Vec::new(), 0.85);
        let d = doc(
            &[
                ("Goede morgen", "Goede morgen"),
                (
                    "Japan bevestigde de steun aan Korea",
                    "Japan bevestigde de steun",
                ),
                ("Tokyo", "Tokyo"),
                ("Shigeru Ishiba", "Shigeru Ishiba"),
                // A name with a version: the version is no word.
                ("Wagtail API v2", "Wagtail API v2"),
                ("Leeg", ""),
                ("Vorige", "<<"),
                ("Japan steunt Korea", "Japan supports Korea"),
            ],
            ("nl", "en"),
        );
        let ids: Vec<String> = run(&b, &d).into_iter().map(|h| h.0).collect();
        assert_eq!(
            ids,
            [
                "heuristic:untranslated-segment",
                "heuristic:untranslated-segment",
                "heuristic:missing-segment"
            ]
        );
        // Placeholder names are not words; a regional variant of the
        // source's language keeps the source's text.
        let pairs = [
            ("%(value)s million", "%(value)s million"),
            ("Delete %(name)s now", "Delete %(name)s now"),
            // A name with a placeholder, and format codes, kept as they are.
            (
                "Python Enhancement Proposals; PEP %s",
                "Python Enhancement Proposals; PEP %s",
            ),
            ("%b %d, %Y", "%b %d, %Y"),
        ];
        let ids = |lang: (&str, &str)| -> Vec<String> {
            run(&b, &doc(&pairs, lang))
                .into_iter()
                .map(|h| h.0)
                .collect()
        };
        assert_eq!(ids(("en", "fr")), ["heuristic:untranslated-segment"]);
        assert!(ids(("en", "en-GB")).is_empty());
    }

    #[test]
    fn a_target_of_marks_alone_is_checked_and_only_a_blank_one_is_missing() {
        let b = Bilingual::new(Vec::new(), 0.85);
        let d = doc(
            &[("Previous topic", "<<"), ("{}.", "."), ("Save", "  ")],
            ("en", "fi"),
        );
        let ids: Vec<String> = run(&b, &d).into_iter().map(|h| h.0).collect();
        assert_eq!(
            ids,
            [
                "heuristic:placeholder-mismatch",
                "heuristic:missing-segment"
            ]
        );
        // The source's space after a list separator: dropped after a Latin
        // comma, held by a full-width one; Chinese and Japanese need none
        // at an edge, but keep the source's line breaks.
        let d = doc(&[(", ", ","), (", ", "，")], ("en", "de"));
        let ids: Vec<String> = run(&b, &d).into_iter().map(|h| h.0).collect();
        assert_eq!(ids, ["heuristic:whitespace-mismatch"]);
        let d = doc(
            &[
                ("Loading... ", "加载中..."),
                (" (in ", "（在"),
                ("Done.\n", "完成。"),
            ],
            ("en", "zh"),
        );
        let ids: Vec<String> = run(&b, &d).into_iter().map(|h| h.0).collect();
        assert_eq!(ids, ["heuristic:whitespace-mismatch"]);
    }

    #[test]
    fn term_consistency() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.csv");
        std::fs::write(&path, "source,target\ntroostmeisjes,comfort women\nherstelbetalingsfonds,reparations fund|compensation fund\n").unwrap();
        let terms = load_terms(&path).unwrap();
        let b = Bilingual::new(terms, 0.85);
        let d = doc(
            &[
                ("De troostmeisjes", "The comfort girls"),
                ("De troostmeisjes", "The comfort women"),
                (
                    "Een herstelbetalingsfonds van 1.000,5 miljoen",
                    "A compensation fund of 1,000.5 million",
                ),
                ("Een herstelbetalingsfonds", "A real payment fund"),
            ],
            ("nl", "en"),
        );
        let hits: Vec<(String, String)> = run(&b, &d).into_iter().map(|h| (h.0, h.1)).collect();
        assert_eq!(
            hits,
            [
                (
                    "heuristic:term-consistency".to_owned(),
                    "The comfort girls".to_owned()
                ),
                (
                    "heuristic:term-consistency".to_owned(),
                    "A real payment fund".to_owned()
                ),
            ]
        );
        std::fs::write(&path, "source,doel\nx,y\n").unwrap();
        assert!(load_terms(&path).unwrap_err()[0].contains("terms.csv:1"));
        let long = "a".repeat(10_000);
        std::fs::write(&path, format!("source,target\nok,fine\nterm,{long} word\n")).unwrap();
        let errors = load_terms(&path).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].ends_with(&format!(
                "terms.csv:3: a term has a word of 10000 characters; words of terms have at most {MAX_WORD_CHARS}"
            )),
            "{errors:?}"
        );
    }

    #[test]
    fn a_letter_stays_a_letter_when_normalized() {
        let lost: Vec<String> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| {
                crate::text::is_alphabetic(*c) && !has_letter(&normalize_word(&c.to_string()))
            })
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        // What LOST_LETTERS lists, and no more.
        let listed: Vec<String> = LOST_LETTERS
            .iter()
            .map(|&c| format!("U+{:04X}", c as u32))
            .collect();
        assert_eq!(lost, listed);
    }

    /// The plain statement of the untranslated test: every word of both
    /// sides normalized, then compared.
    fn untranslated_by_normalizing_all(source: &str, target: &str) -> bool {
        let words = |text: &str| -> Vec<String> {
            word_tokens(text)
                .iter()
                .filter(|t| !(t.text.len() == 1 && t.text.as_bytes()[0].is_ascii_alphabetic()))
                .map(|t| normalize_word(t.text).into_owned())
                .filter(|w| has_letter(w))
                .collect()
        };
        let (source, target) = (words(source), words(target));
        if target.len() >= 2 && source == target {
            return true;
        }
        if target.len() < 3 {
            return false;
        }
        let shared = target.iter().filter(|w| source.contains(w)).count();
        shared * 5 >= target.len() * 4
    }

    proptest::proptest! {
        #[test]
        fn a_needle_is_found_where_it_is(
            haystack in proptest::collection::vec(b'a'..=b'c', 0..12),
            needle in proptest::collection::vec(b'a'..=b'c', 0..4),
        ) {
            let answer = needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle.as_slice());
            proptest::prop_assert_eq!(contains(&haystack, &needle), answer);
        }

        #[test]
        fn untranslated_stops_early_with_the_same_answer(
            source in proptest::collection::vec(proptest::sample::select(vec!["Save", "the", "file", "™", "Datei", "speichern", "5", "ÉTÉ", "été", "b", "%Y"]), 0..40),
            target in proptest::collection::vec(proptest::sample::select(vec!["save", "THE", "File", "tm", "™", "Datei", "Speichern", "5", "été", "die", "ʼ", "B", "y", "Ａ", "Сохранить", "he", "FIL", "sa`ve"]), 0..12),
        ) {
            let (source, target) = (source.join(" "), target.join(" "));
            let answer = untranslated_by_normalizing_all(&source, &target);
            proptest::prop_assert_eq!(is_untranslated(&source, &target, None, None), answer);
            // The words given: the source's as spans into it, the target's
            // into a file where it starts at byte 7.
            let source_words: Vec<Span> = word_tokens(&source).iter().map(|w| w.span).collect();
            let found: Vec<Span> = word_tokens(&target)
                .iter()
                .map(|w| Span::new(w.span.start + 7, w.span.end + 7))
                .collect();
            let given = is_untranslated(&source, &target, Some((&source_words, 0)), Some((&found, 7)));
            proptest::prop_assert_eq!(given, answer);
        }
    }
}
