//! `inconsistent-translation`: the same source translated differently, or
//! different sources translated the same, across all files of a run.
//!
//! A run-wide rule in a pipeline that reports document by document: a
//! pre-pass over the run's bilingual files ([`Tally`]) counts, per group,
//! how often each translation is used, keeping only hashes; the groups
//! with more than one translation ([`Groups`]) then get their texts from
//! the few files that hold them, and the main pass ([`Consistency`]) flags
//! each unit that departs from its group's majority. Memory grows with the
//! number of distinct units, and texts are kept only for the inconsistent
//! groups.
//!
//! A group is the source language, the target language, the PO
//! `msgctxt` and plural form, and the source; texts are compared with
//! case and runs of whitespace folded, so "Save" and "save " are one source
//! and "Speichern" and "speichern" one translation (differences of case and
//! edge whitespace are other rules' concern).

use std::hash::Hasher as _;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use super::{ORDER, target_texts};
use crate::matcher::heuristics::hit;
use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Escape, Unit, UnitState};

/// The rule for a source translated more than one way.
pub const INCONSISTENT: &str = "heuristic:inconsistent-translation";

/// The rule for a translation that stands for more than one source.
pub const INCONSISTENT_SOURCE: &str = "heuristic:inconsistent-source";

/// The longest text quoted whole in a note; longer ones are cut.
const QUOTED_CHARS: usize = 80;

/// What groups a unit: the hash of its source with its languages and
/// context (`source`), of its target with its languages (`target`), and of
/// the source and target texts alone (`source_text`, `target_text`), the
/// variants of each group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    source: u64,
    target: u64,
    source_text: u64,
    target_text: u64,
}

/// Appends `text` to `folded` with case folded (each character's
/// lowercase form) and whitespace runs as one space, leading and trailing
/// whitespace left out; `pending_space` carries a run across texts.
///
/// The text is UTF-8, built as bytes: ASCII, most of a catalog, is
/// folded a run of bytes at a time.
fn fold_into(folded: &mut Vec<u8>, text: &str, pending_space: &mut bool) {
    // `char::is_whitespace` of ASCII: tab to carriage return, space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if space(b) {
                i += 1;
                *pending_space = !folded.is_empty();
                continue;
            }
            if std::mem::take(pending_space) {
                folded.push(b' ');
            }
            let end = bytes[i..]
                .iter()
                .position(|&b| !b.is_ascii() || space(b))
                .map_or(bytes.len(), |k| i + k);
            folded.extend(bytes[i..end].iter().map(u8::to_ascii_lowercase));
            i = end;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            *pending_space = !folded.is_empty();
            continue;
        }
        if std::mem::take(pending_space) {
            folded.push(b' ');
        }
        if lowers_to_itself(c) {
            // A run of such characters is copied as it is.
            let start = i - c.len_utf8();
            while let Some(d) = text[i..].chars().next().filter(|&d| lowers_to_itself(d)) {
                i += d.len_utf8();
            }
            folded.extend_from_slice(&bytes[start..i]);
            continue;
        }
        let mut utf8 = [0; 4];
        for l in c.to_lowercase() {
            folded.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
        }
    }
}

/// Characters, no whitespace among them, that lowercase to themselves
/// without looking them up: Cyrillic's small letters, and the scripts
/// without case from Hebrew to Tibetan, kana, CJK and Hangul (a test
/// checks every one).
fn lowers_to_itself(c: char) -> bool {
    matches!(c, '\u{430}'..='\u{45f}' | '\u{590}'..='\u{fff}' | '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// The hash of `texts` one after another, folded by [`fold_into`]. The
/// folded text is built in a buffer kept per thread, and hashed at once.
fn fold_hash<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    thread_local! {
        static FOLDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    FOLDED.with_borrow_mut(|folded| {
        folded.clear();
        let mut pending = false;
        for t in texts {
            fold_into(folded, t, &mut pending);
        }
        let mut h = FxHasher::default();
        h.write(folded);
        // A long text leaves no large buffer behind.
        if folded.capacity() > 1 << 16 {
            *folded = Vec::new();
        }
        h.finish()
    })
}

fn mix(parts: &[u64]) -> u64 {
    let mut h = FxHasher::default();
    for &p in parts {
        h.write_u64(p);
    }
    h.finish()
}

/// The keys of a unit, or `None` for a unit that is no translation to
/// compare: not translated yet, a draft, or without letters or digits on
/// either side.
pub fn keys(doc: &Document, unit: &Unit) -> Option<Keys> {
    if unit.meta.state != UnitState::Translated {
        return None;
    }
    let has_content = |s: &str| s.chars().any(crate::text::is_alphanumeric);
    if !has_content(&unit.source) {
        return None;
    }
    let pieces = target_texts(doc, unit);
    if !pieces.iter().any(|p| has_content(p.text)) {
        return None;
    }
    let source_text = fold_hash([unit.source.as_str()]);
    let target_text = fold_hash(pieces.iter().map(|p| p.text));
    let lang = |l: Option<&str>| fold_hash([l.unwrap_or("")]);
    let (from, to) = (
        lang(doc.lang.source.as_deref()),
        lang(doc.lang.target.as_deref()),
    );
    // Only a PO entry's id is a context (`msgctxt`): the same source in
    // two contexts may rightly be translated two ways. Other formats' ids
    // name units, not meanings.
    let context = match (&unit.id, doc.escape) {
        (Some(id), Escape::Po) => fold_hash([id.as_str()]) | 1,
        _ => 0,
    };
    let plural = unit.meta.plural.map_or(0, |p| p as u64 + 1);
    Some(Keys {
        source: mix(&[from, to, context, plural, source_text]),
        target: mix(&[from, to, plural, target_text]),
        source_text,
        target_text,
    })
}

/// Where a unit is in the run: its document's index among the run's
/// inputs, and its index among the document's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// The document's index.
    pub doc: u32,
    /// The unit's index in the document.
    pub unit: u32,
}

/// How often a variant is used, and where first.
#[derive(Debug, Clone, Copy)]
struct Seen {
    count: u32,
    first: Place,
}

impl Seen {
    fn add(&mut self, place: Place) {
        self.count = self.count.saturating_add(1);
        self.first = self.first.min(place);
    }
}

/// The pre-pass: each group's variants, by hash, counted.
#[derive(Debug, Default)]
pub struct Tally {
    /// Whether translations are grouped too (for `INCONSISTENT_SOURCE`).
    reverse: bool,
    /// (source key, target text) → use.
    by_source: FxHashMap<(u64, u64), Seen>,
    /// (target key, source text) → use.
    by_target: FxHashMap<(u64, u64), Seen>,
}

impl Tally {
    /// An empty tally that groups units by source and, when `reverse`,
    /// by translation.
    pub fn new(reverse: bool) -> Tally {
        Tally {
            reverse,
            ..Tally::default()
        }
    }

    /// Counts the units of document `doc` (its index among the run's
    /// inputs), given as their index in the document and their keys.
    pub fn add(&mut self, doc: u32, units: &[(u32, Keys)]) {
        for &(unit, k) in units {
            let place = Place { doc, unit };
            let new = Seen {
                count: 1,
                first: place,
            };
            self.by_source
                .entry((k.source, k.target_text))
                .and_modify(|s| s.add(place))
                .or_insert(new);
            if self.reverse {
                self.by_target
                    .entry((k.target, k.source_text))
                    .and_modify(|s| s.add(place))
                    .or_insert(new);
            }
        }
    }

    /// Adds the counts of `other`, a tally of other documents.
    pub fn merge(mut self, mut other: Tally) -> Tally {
        if self.by_source.len() < other.by_source.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (to, from) in [
            (&mut self.by_source, other.by_source),
            (&mut self.by_target, other.by_target),
        ] {
            for (k, seen) in from {
                to.entry(k)
                    .and_modify(|s| {
                        s.count = s.count.saturating_add(seen.count);
                        s.first = s.first.min(seen.first);
                    })
                    .or_insert(seen);
            }
        }
        self
    }

    /// The groups with more than one variant, each variant's count and
    /// first place, most used first (the first seen first among equals);
    /// and the places whose texts the notes need.
    pub fn inconsistent(self) -> (Pending, Vec<Place>) {
        let by_source = split(self.by_source);
        let by_target = split(self.by_target);
        let mut places: Vec<Place> = by_source
            .values()
            .chain(by_target.values())
            .flat_map(|vs| vs.iter().map(|v| v.1.first))
            .collect();
        places.sort_unstable();
        places.dedup();
        (
            Pending {
                by_source,
                by_target,
            },
            places,
        )
    }
}

type Variants = Vec<(u64, Seen)>;

fn split(map: FxHashMap<(u64, u64), Seen>) -> FxHashMap<u64, Variants> {
    let mut kinds: FxHashMap<u64, u32> = FxHashMap::default();
    for &(group, _) in map.keys() {
        *kinds.entry(group).or_default() += 1;
    }
    let mut out: FxHashMap<u64, Variants> = FxHashMap::default();
    for ((group, variant), seen) in map {
        if kinds[&group] > 1 {
            out.entry(group).or_default().push((variant, seen));
        }
    }
    for vs in out.values_mut() {
        vs.sort_unstable_by_key(|(_, s)| (std::cmp::Reverse(s.count), s.first));
    }
    out
}

/// The inconsistent groups, before their texts are read.
#[derive(Debug, Default)]
pub struct Pending {
    by_source: FxHashMap<u64, Variants>,
    by_target: FxHashMap<u64, Variants>,
}

/// A unit's source and target text, as read for a note.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The source.
    pub source: String,
    /// The target, its pieces joined.
    pub target: String,
}

/// The texts of the units of `doc` at `wanted` (indexes into its units).
pub fn texts(doc: &Document, wanted: &[u32]) -> Vec<(u32, Texts)> {
    wanted
        .iter()
        .filter_map(|&i| {
            let unit = doc.units.get(i as usize)?;
            let target = target_texts(doc, unit).iter().map(|p| p.text).collect();
            Some((
                i,
                Texts {
                    source: unit.source.clone(),
                    target,
                },
            ))
        })
        .collect()
}

impl Pending {
    /// The groups with their texts, read from `texts` (every place
    /// [`Tally::inconsistent`] named; a place missing, as a file changed
    /// since the pre-pass, leaves its text empty).
    pub fn with_texts(self, texts: &FxHashMap<Place, Texts>) -> Groups {
        let empty = Texts::default();
        let text = |p: &Place| texts.get(p).unwrap_or(&empty);
        let build = |map: FxHashMap<u64, Variants>, by_source: bool| {
            map.into_iter()
                .map(|(key, vs)| {
                    let first = text(&vs[0].1.first);
                    let group = Group {
                        shared: if by_source {
                            first.source.clone()
                        } else {
                            first.target.clone()
                        },
                        variants: vs
                            .iter()
                            .map(|(hash, seen)| Variant {
                                hash: *hash,
                                count: seen.count,
                                first: seen.first,
                                text: if by_source {
                                    text(&seen.first).target.clone()
                                } else {
                                    text(&seen.first).source.clone()
                                },
                            })
                            .collect(),
                    };
                    (key, group)
                })
                .collect()
        };
        Groups {
            by_source: build(self.by_source, true),
            by_target: build(self.by_target, false),
        }
    }
}

/// One variant of a group: a translation of the group's source, or a
/// source of the group's translation.
#[derive(Debug, Clone)]
pub struct Variant {
    hash: u64,
    /// The units that use it.
    pub count: u32,
    /// Its first unit in the run.
    pub first: Place,
    /// Its text, as first seen.
    pub text: String,
}

/// A group of units with more than one variant.
#[derive(Debug, Clone)]
pub struct Group {
    /// What the units share: the source, or the translation.
    pub shared: String,
    /// The variants, most used first.
    pub variants: Vec<Variant>,
}

impl Group {
    fn total(&self) -> u32 {
        self.variants.iter().map(|v| v.count).sum()
    }
}

/// The run's inconsistent groups.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// Sources translated more than one way.
    pub by_source: FxHashMap<u64, Group>,
    /// Translations that stand for more than one source.
    pub by_target: FxHashMap<u64, Group>,
}

impl Groups {
    /// The groups of each kind, in the order of their first unit in the
    /// run: sources translated several ways, then translations of several
    /// sources.
    pub fn sorted(&self) -> (Vec<&Group>, Vec<&Group>) {
        (by_first(&self.by_source), by_first(&self.by_target))
    }

    /// Whether no group is inconsistent.
    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty() && self.by_target.is_empty()
    }
}

fn by_first(groups: &FxHashMap<u64, Group>) -> Vec<&Group> {
    keyed_by_first(groups).into_iter().map(|(_, g)| g).collect()
}

fn keyed_by_first(groups: &FxHashMap<u64, Group>) -> Vec<(u64, &Group)> {
    let mut v: Vec<(u64, &Group)> = groups.iter().map(|(k, g)| (*k, g)).collect();
    v.sort_by_key(|(_, g)| g.variants.iter().map(|v| v.first).min());
    v
}

/// The most units of one variant that a report lists; the rest are
/// counted, so that a source used in every file of a large run costs a
/// line, not a list as long as the run.
pub const UNITS_LISTED: usize = 100;

/// A unit of a group, as a report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its file, as reports print it.
    pub file: String,
    /// The 1-based line where the unit's target starts (as a finding on
    /// the unit).
    pub line: usize,
}

/// The units of one variant that a report has seen.
#[derive(Debug, Clone, Default)]
struct Seats {
    /// The first [`UNITS_LISTED`], in input order.
    listed: Vec<Member>,
    /// All of them.
    seen: usize,
}

/// The units of one group that a report has seen.
#[derive(Debug, Clone, Default)]
struct GroupUnits {
    /// The language pair of the first unit's document.
    lang: Option<String>,
    /// By variant, in the order of [`Group::variants`].
    variants: Vec<Seats>,
}

/// The units of the run's inconsistent groups, gathered as a report sees
/// the documents (in input order): a group's variants with the files and
/// lines of their units, for a report of the groups.
#[derive(Debug)]
pub struct Members {
    groups: Arc<Groups>,
    /// (by source, group key) → its units.
    found: FxHashMap<(bool, u64), GroupUnits>,
}

/// One variant of a group with its units, as [`Members::listed`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedVariant<'a> {
    /// Its text: a translation of the group's source, or a source of the
    /// group's translation.
    pub text: &'a str,
    /// The units of the run that use it, as the pre-pass counted them.
    pub count: u32,
    /// The first of its units in input order, at most [`UNITS_LISTED`].
    pub units: &'a [Member],
    /// Its units seen but not listed.
    pub left_out: usize,
}

/// One inconsistent group with its units, as [`Members::listed`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedGroup<'a> {
    /// The rule it is a group of: [`INCONSISTENT`] (one source, several
    /// translations) or [`INCONSISTENT_SOURCE`] (one translation, several
    /// sources).
    pub rule: &'static str,
    /// The language pair of its first unit's document, if known.
    pub lang: Option<&'a str>,
    /// What its units share: the source, or the translation.
    pub shared: &'a str,
    /// Its variants, most used first.
    pub variants: Vec<ListedVariant<'a>>,
}

impl Members {
    /// No units yet of the inconsistent `groups`.
    pub fn new(groups: Arc<Groups>) -> Members {
        Members {
            groups,
            found: FxHashMap::default(),
        }
    }

    /// Notes the units of `doc` that belong to an inconsistent group.
    pub fn add(&mut self, doc: &Document) {
        if self.groups.is_empty() {
            return;
        }
        let mut file: Option<String> = None;
        for (i, k) in unit_keys(doc) {
            let kinds = [
                (true, k.source, k.target_text, &self.groups.by_source),
                (false, k.target, k.source_text, &self.groups.by_target),
            ];
            for (by_source, key, variant, map) in kinds {
                let Some(group) = map.get(&key) else { continue };
                let Some(v) = group.variants.iter().position(|v| v.hash == variant) else {
                    // A variant the pre-pass did not see: the file changed
                    // since.
                    continue;
                };
                let units = self.found.entry((by_source, key)).or_default();
                if units.variants.is_empty() {
                    units.variants = vec![Seats::default(); group.variants.len()];
                    units.lang = doc.lang.label();
                }
                let seats = &mut units.variants[v];
                seats.seen += 1;
                if seats.listed.len() < UNITS_LISTED {
                    let file = file.get_or_insert_with(|| doc.display_path()).clone();
                    let line = doc.line_col(doc.units[i as usize].span.start).0;
                    seats.listed.push(Member { file, line });
                }
            }
        }
    }

    /// Every inconsistent group with the units seen so far: sources
    /// translated several ways, then translations of several sources, each
    /// kind in the order of its first unit in the run.
    pub fn listed(&self) -> Vec<ListedGroup<'_>> {
        let kinds = [
            (true, INCONSISTENT, &self.groups.by_source),
            (false, INCONSISTENT_SOURCE, &self.groups.by_target),
        ];
        kinds
            .into_iter()
            .flat_map(|(by_source, rule, map)| {
                keyed_by_first(map).into_iter().map(move |(key, g)| {
                    let units = self.found.get(&(by_source, key));
                    ListedGroup {
                        rule,
                        lang: units.and_then(|u| u.lang.as_deref()),
                        shared: &g.shared,
                        variants: g
                            .variants
                            .iter()
                            .enumerate()
                            .map(|(i, v)| {
                                let seats = units.and_then(|u| u.variants.get(i));
                                let listed = seats.map_or(&[][..], |s| &s.listed[..]);
                                ListedVariant {
                                    text: &v.text,
                                    count: v.count,
                                    units: listed,
                                    left_out: seats.map_or(0, |s| s.seen - s.listed.len()),
                                }
                            })
                            .collect(),
                    }
                })
            })
            .collect()
    }
}

/// Quotes `text` for a note, cut after a few dozen characters
/// (`QUOTED_CHARS`) and with line breaks shown as `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::from("`");
    for (i, c) in text.trim().chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '`' => out.push('\''),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// The main pass: flags the units that depart from their group's
/// majority.
#[derive(Debug)]
pub struct Consistency {
    groups: Arc<Groups>,
    /// `INCONSISTENT`, when on.
    translation: Option<Arc<Rule>>,
    /// `INCONSISTENT_SOURCE`, when on.
    source: Option<Arc<Rule>>,
}

impl Consistency {
    /// The detector over the run's `groups`, reporting the rules that are
    /// on: sources translated several ways (`translation`), translations
    /// of several sources (`source`).
    pub fn new(groups: Arc<Groups>, translation: bool, source: bool) -> Consistency {
        let [t, s] = rules();
        Consistency {
            groups,
            translation: translation.then_some(t),
            source: source.then_some(s),
        }
    }
}

/// The rules, as `mtlint rules` lists them.
pub fn rules() -> [Arc<Rule>; 2] {
    let rule = |id: &str, note: &str, order| {
        Arc::new(Rule {
            id: id.to_owned(),
            category: Category::Terminology,
            severity: Severity::Minor,
            note: note.to_owned(),
            order: ORDER + order,
        })
    };
    [
        rule(
            INCONSISTENT,
            "the same source is translated another way in most units of the run",
            12,
        ),
        rule(
            INCONSISTENT_SOURCE,
            "the same translation stands for another source in most units of the run",
            13,
        ),
    ]
}

impl Detector for Consistency {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        if self.groups.is_empty() {
            return;
        }
        for unit in &doc.units {
            let Some(k) = keys(doc, unit) else { continue };
            let (rule, note) = if let Some(rule) = &self.translation
                && let Some(g) = self.groups.by_source.get(&k.source)
                && g.variants[0].hash != k.target_text
            {
                let top = &g.variants[0];
                (
                    rule,
                    format!(
                        "the source {} is translated {} in {} of {} units of the run ({} translations)",
                        quote(&g.shared),
                        quote(&top.text),
                        top.count,
                        g.total(),
                        g.variants.len()
                    ),
                )
            } else if let Some(rule) = &self.source
                && let Some(g) = self.groups.by_target.get(&k.target)
                && g.variants[0].hash != k.source_text
            {
                let top = &g.variants[0];
                (
                    rule,
                    format!(
                        "the translation {} stands for {} in {} of {} units of the run, and here for another source",
                        quote(&g.shared),
                        quote(&top.text),
                        top.count,
                        g.total()
                    ),
                )
            } else {
                continue;
            };
            let rule = Arc::new(Rule {
                note,
                ..Rule::clone(rule)
            });
            out.push(hit(&rule, unit.span, Vec::new()));
        }
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        self.translation
            .iter()
            .chain(&self.source)
            .cloned()
            .collect()
    }
}

/// The keys of every unit of `doc` to count, by unit index.
pub fn unit_keys(doc: &Document) -> Vec<(u32, Keys)> {
    doc.units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((u32::try_from(i).ok()?, keys(doc, u)?)))
        .collect()
}

/// Whether a file of this path and format can hold translation units, so
/// that the pre-pass reads it.
pub fn may_have_units(path: &Path, format: Option<crate::input::InputFormat>) -> bool {
    use crate::input::InputFormat as F;
    !matches!(
        format.unwrap_or_else(|| F::from_path(path)),
        F::Text | F::Markdown | F::Html | F::Srt | F::Vtt | F::Jsonl
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Columns, InputFormat};

    fn po(name: &str, body: &str) -> Document {
        let text = format!("msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\n{body}");
        crate::input::parse(
            Document::new(name, text),
            InputFormat::Po,
            &Columns::default(),
        )
        .expect("PO")
    }

    /// The notes of the findings in each document, after a pre-pass over
    /// all of them.
    fn run(docs: &[Document]) -> Vec<Vec<String>> {
        let detector = Consistency::new(Arc::new(groups(docs)), true, true);
        docs.iter()
            .map(|d| {
                let mut hits = Vec::new();
                detector.detect(d, &mut hits);
                hits.iter().map(|h| h.rule.note.clone()).collect()
            })
            .collect()
    }

    /// The groups of a pre-pass over `docs`.
    fn groups(docs: &[Document]) -> Groups {
        let tally = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut t = Tally::new(true);
                t.add(i as u32, &unit_keys(d));
                t
            })
            .fold(Tally::new(true), Tally::merge);
        let (pending, places) = tally.inconsistent();
        let mut texts_at = FxHashMap::default();
        for p in places {
            for (unit, t) in texts(&docs[p.doc as usize], &[p.unit]) {
                texts_at.insert(Place { doc: p.doc, unit }, t);
            }
        }
        pending.with_texts(&texts_at)
    }

    #[test]
    fn members_list_the_first_units_of_each_variant_and_count_the_rest() {
        let many = "msgid \"Save\"\nmsgstr \"Speichern\"\n\n".repeat(UNITS_LISTED + 2);
        let docs = [
            po("a.po", &many),
            po("b.po", "msgid \"Save\"\nmsgstr \"Sichern\"\n"),
        ];
        let mut members = Members::new(Arc::new(groups(&docs)));
        for d in &docs {
            members.add(d);
        }
        let listed = members.listed();
        assert_eq!(listed.len(), 1, "{listed:?}");
        let g = &listed[0];
        assert_eq!(
            (g.rule, g.shared, g.lang),
            (INCONSISTENT, "Save", Some("?-de"))
        );
        let [top, other] = &g.variants[..] else {
            panic!("{g:?}")
        };
        assert_eq!(
            (top.text, top.count),
            ("Speichern", UNITS_LISTED as u32 + 2)
        );
        assert_eq!((top.units.len(), top.left_out), (UNITS_LISTED, 2));
        // The first units, in order, at their `msgstr` (the header is
        // lines 1-3).
        assert_eq!(top.units[0].line, 6);
        assert_eq!(top.units[1].line, 9);
        assert_eq!((other.text, other.count, other.left_out), ("Sichern", 1, 0));
        assert_eq!(
            other.units,
            [Member {
                file: "b.po".to_owned(),
                line: 6
            }]
        );
    }

    #[test]
    fn what_lowers_to_itself_does() {
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            if lowers_to_itself(c) {
                assert!(!c.is_whitespace(), "U+{:04X}", u32::from(c));
                assert!(c.to_lowercase().eq([c]), "U+{:04X}", u32::from(c));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_is_lowercasing_each_character_with_whitespace_as_one_space(
            texts in proptest::collection::vec("[ a-zA-Z\t\r\nÉéΣς\u{a0}\u{3000}İ.дДЁёאب中カ가]{0,12}", 0..4),
        ) {
            let mut folded = Vec::new();
            let mut pending = false;
            for t in &texts {
                fold_into(&mut folded, t, &mut pending);
            }
            let folded = String::from_utf8(folded).expect("UTF-8");
            let joined = texts.concat();
            let expected = joined
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(folded, expected);
        }
    }

    #[test]
    fn the_minority_translation_is_flagged_with_the_majority_named() {
        let a = po("a.po", "msgid \"Save\"\nmsgstr \"Speichern\"\n");
        let b = po("b.po", "msgid \"Save\"\nmsgstr \"Sichern\"\n");
        let c = po("c.po", "msgid \"Save\"\nmsgstr \"speichern \"\n");
        let notes = run(&[a, b, c]);
        assert!(notes[0].is_empty() && notes[2].is_empty(), "{notes:?}");
        assert_eq!(
            notes[1],
            [
                "the source `Save` is translated `Speichern` in 2 of 3 units of the run (2 translations)"
            ]
        );
    }

    #[test]
    fn a_tie_keeps_the_first_seen() {
        let a = po("a.po", "msgid \"Save\"\nmsgstr \"Speichern\"\n");
        let b = po("b.po", "msgid \"Save\"\nmsgstr \"Sichern\"\n");
        let notes = run(&[a, b]);
        assert!(notes[0].is_empty());
        assert_eq!(notes[1].len(), 1);
    }

    #[test]
    fn contexts_and_plural_forms_are_groups_of_their_own() {
        let a = po(
            "a.po",
            "msgctxt \"verb\"\nmsgid \"Open\"\nmsgstr \"Öffnen\"\n\nmsgctxt \"adjective\"\nmsgid \"Open\"\nmsgstr \"Offen\"\n\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d Datei\"\nmsgstr[1] \"%d Dateien\"\n",
        );
        let b = po(
            "b.po",
            "msgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"Eine Datei\"\nmsgstr[1] \"%d Dateien\"\n",
        );
        assert_eq!(run(&[a, b]), [Vec::<String>::new(), Vec::new()]);
    }

    #[test]
    fn one_translation_for_two_sources_is_flagged() {
        let a = po(
            "a.po",
            "msgid \"Delete\"\nmsgstr \"Löschen\"\n\nmsgid \"Delete it\"\nmsgstr \"Es löschen\"\n",
        );
        let b = po(
            "b.po",
            "msgid \"Delete\"\nmsgstr \"Löschen\"\n\nmsgid \"Erase\"\nmsgstr \"Löschen\"\n",
        );
        let notes = run(&[a, b]);
        assert!(notes[0].is_empty());
        assert_eq!(
            notes[1],
            [
                "the translation `Löschen` stands for `Delete` in 2 of 3 units of the run, and here for another source"
            ]
        );
    }

    #[test]
    fn quotes_are_cut_and_line_breaks_shown() {
        assert_eq!(quote(" a\nb "), "`a\\nb`");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), QUOTED_CHARS + 3);
    }
}
