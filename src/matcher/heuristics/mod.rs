//! Detectors for the artifacts machine translation leaves in English output
//! that no glossary can list: text cut off, link text dropped, garbled
//! words, source words left untranslated.
//!
//! One detector per file, its tests at the bottom (as Harper's
//! `linting/*.rs`). Each is a [`Heuristic`]: a [`Detector`] that also
//! describes itself ([`Info`]: id, category, severity, whether it is on by
//! default, a bad and a good example). Every detector works on the checked
//! segments only and reports byte spans into the original text.
//!
//! The heuristics in force run as one detector ([`Heuristics`]): those that
//! read words ([`ReadsWords`]) are given each chunk of the text with its
//! words cut once for all of them, instead of each cutting the text into
//! words itself.
//!
//! A detector is on by default only when it stays within its
//! false-positive budget on clean, human-written English (`fixtures/clean/`,
//! at most 1 finding per 10,000 words; a test holds it there). The others
//! stay available with `--enable`.

/// Declares a detector that reports under one rule, the one its module's
/// `INFO` describes: the struct holding that rule, `new`, `Default` and
/// `Heuristic`. The module writes the `Detector` impl, or, for a detector
/// declared `reads words`, the [`ReadsWords`] impl, from which the
/// `Detector` impl is made. (Declared before the modules, so that they see
/// it.)
macro_rules! single_rule_detector {
    (@struct $(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name {
            rule: std::sync::Arc<crate::rule::Rule>,
        }

        impl $name {
            /// The detector.
            pub fn new() -> Self {
                $name {
                    rule: super::rule_of(&INFO),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
    ($(#[$doc:meta])* $name:ident, reads words) => {
        single_rule_detector!(@struct $(#[$doc])* $name);

        impl super::Heuristic for $name {
            fn info(&self) -> &'static super::Info {
                &INFO
            }

            fn reads_words(&self) -> Option<&dyn super::ReadsWords> {
                Some(self)
            }
        }

        impl crate::matcher::Detector for $name {
            fn detect(&self, doc: &crate::text::Document, out: &mut Vec<crate::matcher::Hit>) {
                let from = out.len();
                super::for_each_chunk(doc, |chunk| {
                    super::ReadsWords::read_chunk(self, chunk, out);
                });
                super::ReadsWords::finish(self, doc, out, from);
            }

            fn rules(&self) -> Vec<std::sync::Arc<crate::rule::Rule>> {
                vec![std::sync::Arc::clone(&self.rule)]
            }
        }
    };
    ($(#[$doc:meta])* $name:ident) => {
        single_rule_detector!(@struct $(#[$doc])* $name);

        impl super::Heuristic for $name {
            fn info(&self) -> &'static super::Info {
                &INFO
            }
        }
    };
}

mod garbled_word;
mod hyphen_for_dash;
mod lexicon;
mod midsentence_capital;
mod number_without_separators;
mod orphan_article;
#[cfg(test)]
mod reference;
mod repeated_word;
mod space_before_punctuation;
mod truncated_text;
mod untranslated_word;

use std::sync::Arc;

use crate::matcher::{Detector, Hit};
use crate::rule::{Category, Rule, Severity};
use crate::text::{Document, Span, Token, for_each_word};

pub use garbled_word::GarbledWord;
pub use hyphen_for_dash::HyphenForDash;
pub use lexicon::is_english_word;
pub use midsentence_capital::MidsentenceCapital;
pub use number_without_separators::NumberWithoutSeparators;
pub use orphan_article::OrphanArticle;
pub use repeated_word::RepeatedWord;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use truncated_text::TruncatedText;
pub use untranslated_word::UntranslatedWord;

/// What a heuristic is, for `mtlint rules`, the README and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    /// Stable rule id, `heuristic:<name>`.
    pub id: &'static str,
    /// MQM category of what it finds.
    pub category: Category,
    /// Default MQM severity.
    pub severity: Severity,
    /// Whether it runs unless disabled.
    pub on_by_default: bool,
    /// What it flags and why; the note of every finding.
    pub note: &'static str,
    /// Text it flags.
    pub bad: &'static str,
    /// Text it leaves alone.
    pub good: &'static str,
    /// The target languages it serves: on a document in another target
    /// language it does not run.
    pub targets: Targets,
}

/// The target languages a detector serves. A document whose target
/// language is not known is taken for English, the language every detector
/// was first written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// English only: the detector knows English words, grammar or
    /// typography.
    English,
    /// Every language that separates words with spaces, but those named
    /// (primary subtags): the detector reads only words, spaces and
    /// punctuation.
    Spaced {
        /// Languages whose own conventions the detector would flag.
        except: &'static [&'static str],
    },
}

/// Languages written without spaces between words (primary subtags): a
/// detector that reads spaces does not serve them.
const UNSPACED: &[&str] = &["zh", "ja", "th", "lo", "km", "my", "bo", "dz", "yue", "wuu"];

/// The primary subtag of a language code (`fr` of `fr_CA`, `pt` of
/// `pt-BR`), as written.
pub(crate) fn primary(code: &str) -> &str {
    code.split(['-', '_', '@', '.']).next().unwrap_or(code)
}

impl Targets {
    /// Whether a detector serving these targets runs on a document whose
    /// target language is `target` (`None`: not known, taken for English).
    pub fn serves(self, target: Option<&str>) -> bool {
        let Some(target) = target.map(primary).filter(|t| !t.is_empty()) else {
            return true;
        };
        let is = |code: &&str| code.eq_ignore_ascii_case(target);
        match self {
            Targets::English => target.eq_ignore_ascii_case("en"),
            Targets::Spaced { except } => !UNSPACED.iter().any(is) && !except.iter().any(is),
        }
    }

    /// How `mtlint rules` and the docs name them: `en`, `spaced`,
    /// `spaced but fr`.
    pub fn describe(self) -> String {
        match self {
            Targets::English => "en".to_owned(),
            Targets::Spaced { except: [] } => "spaced".to_owned(),
            Targets::Spaced { except } => format!("spaced but {}", except.join(" ")),
        }
    }
}

/// A detector that describes itself.
pub trait Heuristic: Detector {
    /// Its id, category, severity, default and examples.
    fn info(&self) -> &'static Info;

    /// The detector as one that reads a chunk's words, when it is one:
    /// [`Heuristics`] then gives it the words it cuts once for all.
    fn reads_words(&self) -> Option<&dyn ReadsWords> {
        None
    }
}

/// A stretch of a checked segment, about a megabyte cut at a blank line
/// (or all of a smaller segment), with its words.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'t> {
    /// Where the chunk starts in the document.
    pub base: usize,
    /// The chunk's text.
    pub text: &'t str,
    /// Its words, as [`crate::text::word_tokens`] gives them, with spans
    /// into `text`.
    pub words: &'t [Token<'t>],
    /// The document's source language (its primary subtag, as written),
    /// when known.
    pub source: Option<&'t str>,
    /// The document's target language (its primary subtag, as written),
    /// when known.
    pub target: Option<&'t str>,
    /// Whether a single line break is soft (hard-wrapped text, where only
    /// a blank line ends a paragraph) rather than the end of a paragraph:
    /// see [`soft_breaks`].
    pub soft: bool,
}

/// A heuristic whose hits are found in each chunk of the text on its own,
/// from the chunk's words.
pub trait ReadsWords {
    /// Appends the hits in `chunk` to `out`, with spans into the document.
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>);

    /// Once every chunk of `doc` is read, reviews the hits from `from` on
    /// in `out` (all readers' hits, in order), for what only the whole
    /// document tells (a habit that recurs across its units).
    fn finish(&self, _doc: &Document, _out: &mut Vec<Hit>, _from: usize) {}
}

/// Whether a bilingual document's units are an interface's strings (a
/// gettext catalog, an app's messages) rather than a text's paragraphs:
/// the median unit's source has at most
/// [`truncated_text::HEADING_WORDS`] words, the most a heading has
/// (Django's catalogs have medians of 1 to 6, a translated article's
/// paragraphs dozens). Units without a source are left out; a document
/// without units is no catalog.
pub(crate) fn is_catalog(doc: &Document) -> bool {
    doc.median_source_words_at_most(truncated_text::HEADING_WORDS)
}

/// The rule a heuristic reports under. Heuristic rules come after every
/// glossary entry in load order.
fn rule_of(info: &Info) -> Arc<Rule> {
    Arc::new(Rule {
        id: info.id.to_owned(),
        category: info.category,
        severity: info.severity,
        note: info.note.to_owned(),
        order: usize::MAX,
    })
}

/// Every heuristic, in id order.
pub fn all() -> Vec<Box<dyn Heuristic>> {
    vec![
        Box::new(GarbledWord::new()),
        Box::new(HyphenForDash::new()),
        Box::new(MidsentenceCapital::new()),
        Box::new(NumberWithoutSeparators::new()),
        Box::new(OrphanArticle::new()),
        Box::new(RepeatedWord::new()),
        Box::new(SpaceBeforePunctuation::new()),
        Box::new(TruncatedText::new()),
        Box::new(UntranslatedWord::new()),
    ]
}

/// Which rules the user switched on or off, by id (`heuristic:repeated-word`,
/// `glossary:nl-give-out`). Filled from `--enable`/`--disable` and the
/// config file; `--disable` wins when both name a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Rules to run even if they are off by default.
    pub enable: Vec<String>,
    /// Rules not to run.
    pub disable: Vec<String>,
}

impl RuleSelection {
    /// Whether the rule `id`, on or off by default as `by_default` says, is
    /// in force.
    pub fn is_on(&self, id: &str, by_default: bool) -> bool {
        if self.disable.iter().any(|d| d == id) {
            false
        } else {
            by_default || self.enable.iter().any(|e| e == id)
        }
    }

    /// The ids named in the selection that are not in `known`, in the
    /// order given.
    pub fn unknown<'a>(&'a self, known: &[&str]) -> Vec<&'a str> {
        self.enable
            .iter()
            .chain(&self.disable)
            .map(String::as_str)
            .filter(|id| !known.contains(id))
            .collect()
    }
}

/// The heuristics in force under `selection`, as detectors: one,
/// [`Heuristics`], when any is in force.
pub fn selected(selection: &RuleSelection) -> Vec<Box<dyn Detector>> {
    let list: Vec<Box<dyn Heuristic>> = all()
        .into_iter()
        .filter(|h| selection.is_on(h.info().id, h.info().on_by_default))
        .collect();
    if list.is_empty() {
        return Vec::new();
    }
    vec![Box::new(Heuristics { list })]
}

/// Heuristics run together: those that read words share one cutting of
/// each chunk into words (cutting costs more than any of them does with
/// the words), the others read the document their own way.
pub struct Heuristics {
    list: Vec<Box<dyn Heuristic>>,
}

impl Heuristics {
    /// Runs `list` together.
    pub fn new(list: Vec<Box<dyn Heuristic>>) -> Heuristics {
        Heuristics { list }
    }
}

impl Detector for Heuristics {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        let target = doc.lang.target.as_deref();
        let serving = || {
            self.list
                .iter()
                .filter(move |h| h.info().targets.serves(target))
        };
        let readers: Vec<&dyn ReadsWords> = serving().filter_map(|h| h.reads_words()).collect();
        if !readers.is_empty() {
            let from = out.len();
            for_each_chunk(doc, |chunk| {
                for reader in &readers {
                    reader.read_chunk(chunk, out);
                }
            });
            for reader in &readers {
                reader.finish(doc, out, from);
            }
        }
        for h in serving().filter(|h| h.reads_words().is_none()) {
            h.detect(doc, out);
        }
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        self.list.iter().flat_map(|h| h.rules()).collect()
    }
}

/// A detector whose rules are switched by a selection: hits of a rule the
/// selection turns off are dropped (every rule of it is on by default).
pub struct Selected {
    inner: Box<dyn Detector>,
    selection: RuleSelection,
}

impl Selected {
    /// Wraps `inner`.
    pub fn new(inner: Box<dyn Detector>, selection: RuleSelection) -> Selected {
        Selected { inner, selection }
    }
}

impl Detector for Selected {
    fn detect(&self, doc: &Document, out: &mut Vec<Hit>) {
        let before = out.len();
        self.inner.detect(doc, out);
        let mut i = before;
        while i < out.len() {
            if self.selection.is_on(&out[i].rule.id, true) {
                i += 1;
            } else {
                out.swap_remove(i);
            }
        }
    }

    fn rules(&self) -> Vec<Arc<Rule>> {
        self.inner
            .rules()
            .into_iter()
            .filter(|r| self.selection.is_on(&r.id, true))
            .collect()
    }
}

/// Calls `f` with each checked segment's text in paragraph chunks of about
/// a megabyte (cut at blank lines), each with its words: detectors that
/// read words then hold one chunk's words at a time, not a whole large
/// file's, in one buffer for all chunks.
fn for_each_chunk(doc: &Document, mut f: impl FnMut(&Chunk<'_>)) {
    let mut words: Vec<Token<'_>> = Vec::new();
    let source = doc.lang.source.as_deref().map(primary);
    let target = doc.lang.target.as_deref().map(primary);
    let soft = soft_breaks(doc);
    let found = doc.segment_words();
    for (i, segment) in doc.segments.iter().enumerate() {
        // A segment of at most a chunk is one (most are: no list made).
        let chunks = if segment.span.len() <= CHUNK_BYTES {
            vec![]
        } else {
            crate::matcher::paragraph_chunks(&doc.text, segment.span, CHUNK_BYTES)
        };
        let whole = [segment.span];
        for &span in if chunks.is_empty() {
            &whole[..]
        } else {
            &chunks[..]
        } {
            let text = &doc.text[span.range()];
            words.clear();
            match found {
                // A segment of one chunk, whose words are already found.
                Some(found) if span == segment.span => {
                    words.extend(found.of(i).iter().map(|w| {
                        let w = Span::new(w.start - span.start, w.end - span.start);
                        Token {
                            span: w,
                            text: &text[w.range()],
                        }
                    }));
                }
                _ => for_each_word(text, |w| {
                    words.push(Token {
                        span: w,
                        text: &text[w.range()],
                    });
                }),
            }
            f(&Chunk {
                base: span.start,
                text,
                words: &words,
                source,
                target,
                soft,
            });
        }
    }
}

/// The size of the chunks [`for_each_chunk`] reads, about.
const CHUNK_BYTES: usize = 1 << 20;

/// How many bytes at the start of a document [`soft_breaks`] reads.
const LAYOUT_SAMPLE: usize = 64 << 10;

/// Lines longer than this (in chars) are not hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// Whether the document's single line breaks are soft: it is hard-wrapped
/// text (books, e-mails, many `.txt` files: lines of at most about 80
/// characters, paragraphs separated by blank lines), where a line that ends
/// mid-sentence goes on in the next, rather than one paragraph per line, as
/// most MT output and the units of bilingual files are.
///
/// Decided from the first `LAYOUT_SAMPLE` bytes of the checked text, so
/// that it costs the same on any size of file: a file read in parts
/// decides for each part from the part's start, which for a file of one
/// layout is the same answer. The text is wrapped when no more than one
/// line in twenty is longer than `WRAP_WIDTH`, and of the lines followed
/// by another line of the same paragraph, at least three and at least half
/// end open: in a letter, a digit, a comma or a hyphen, where no sentence
/// ends. Text of one paragraph per line has such pairs only after headings.
pub fn soft_breaks(doc: &Document) -> bool {
    if !doc.units.is_empty() {
        return false;
    }
    let (mut lines, mut long, mut pairs, mut open) = (0usize, 0usize, 0usize, 0usize);
    let mut budget = LAYOUT_SAMPLE;
    'segments: for segment in &doc.segments {
        let mut prev_open: Option<bool> = None;
        for line in doc.text[segment.span.range()].split('\n') {
            if budget == 0 {
                break 'segments;
            }
            budget = budget.saturating_sub(line.len() + 1);
            let body = line.trim_end();
            if body.trim_start().is_empty() {
                prev_open = None;
                continue;
            }
            lines += 1;
            long += usize::from(body.chars().nth(WRAP_WIDTH).is_some());
            if let Some(was_open) = prev_open {
                pairs += 1;
                open += usize::from(was_open);
            }
            prev_open = body
                .chars()
                .next_back()
                .map(|c| crate::text::is_alphanumeric(c) || matches!(c, ',' | '-'));
        }
    }
    lines >= 4 && long * 20 <= lines && open >= 3 && open * 2 >= pairs
}

/// Calls `f` with each paragraph of each checked segment: its span (from
/// its first non-blank character's line start to the end of its last
/// line, without the line break), its text, and whether it is the last of
/// the document. With `soft` breaks a paragraph runs to a blank line;
/// otherwise each non-blank line is one.
fn for_each_paragraph(doc: &Document, soft: bool, mut f: impl FnMut(Span, &str, bool)) {
    let mut paragraphs: Vec<Span> = Vec::new();
    for segment in &doc.segments {
        let mut at = segment.span.start;
        let mut open: Option<Span> = None;
        for line in doc.text[segment.span.range()].split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let span = Span::new(at, at + body.len());
            at += line.len();
            if body.trim().is_empty() {
                paragraphs.extend(open.take());
            } else if let Some(p) = open.as_mut().filter(|_| soft) {
                p.end = span.end;
            } else {
                paragraphs.extend(open.replace(span));
            }
        }
        paragraphs.extend(open);
    }
    let last = paragraphs.len().saturating_sub(1);
    for (i, span) in paragraphs.into_iter().enumerate() {
        f(span, &doc.text[span.range()], i == last);
    }
}

/// Whether `gap`, the text between two words, is spacing within one
/// sentence: spaces and tabs, and, where line breaks are `soft`, at most
/// one line break.
fn is_inline_gap(gap: &str, soft: bool) -> bool {
    let mut breaks = 0;
    !gap.is_empty()
        && gap.chars().all(|c| match c {
            ' ' | '\t' => true,
            '\r' => soft,
            '\n' => {
                breaks += 1;
                soft && breaks == 1
            }
            _ => false,
        })
}

/// `text` without the spacing [`is_inline_gap`] allows at its start.
fn skip_inline_gap(text: &str, soft: bool) -> &str {
    let rest = text.trim_start_matches([' ', '\t']);
    if !soft {
        return rest;
    }
    let after = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .map(|r| r.trim_start_matches([' ', '\t']));
    match after {
        Some(a) if !a.starts_with(['\r', '\n']) => a,
        _ => rest,
    }
}

/// A hit with confidence 1.0, its only suggestion the fix.
pub(crate) fn hit(rule: &Arc<Rule>, span: Span, suggestions: Vec<String>) -> Hit {
    Hit {
        rule: Arc::clone(rule),
        span,
        fix: Hit::only(&suggestions),
        suggestions,
        confidence: 1.0,
    }
}

/// Whether a word starts with an upper-case letter.
fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter of a word is lower-case.
fn is_lowercase(word: &str) -> bool {
    word.chars()
        .all(|c| !crate::text::is_alphabetic(c) || c.is_lowercase())
}

#[cfg(test)]
fn detect_texts(detector: &dyn Detector, text: &str) -> Vec<String> {
    let doc = Document::new("t.txt", text);
    let mut hits = Vec::new();
    detector.detect(&doc, &mut hits);
    hits.sort_by_key(|h| h.span.start);
    hits.iter()
        .map(|h| doc.text[h.span.range()].to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_namespaced_unique_and_sorted() {
        let ids: Vec<&str> = all().iter().map(|h| h.info().id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        assert!(ids.iter().all(|id| id.starts_with("heuristic:")));
    }

    #[test]
    fn every_heuristic_flags_its_bad_example_and_not_its_good_one() {
        for h in all() {
            let info = h.info();
            assert!(
                !detect_texts(h.as_ref(), info.bad).is_empty(),
                "{}: bad example not flagged",
                info.id
            );
            assert!(
                detect_texts(h.as_ref(), info.good).is_empty(),
                "{}: good example flagged",
                info.id
            );
            assert_eq!(h.rules()[0].id, info.id);
        }
    }

    #[test]
    fn disable_wins_over_enable_and_default() {
        let sel = RuleSelection {
            enable: vec!["heuristic:a".into(), "heuristic:b".into()],
            disable: vec!["heuristic:b".into(), "heuristic:c".into()],
        };
        assert!(sel.is_on("heuristic:a", false));
        assert!(!sel.is_on("heuristic:b", true));
        assert!(!sel.is_on("heuristic:c", true));
        assert!(sel.is_on("heuristic:d", true));
        assert!(!sel.is_on("heuristic:d", false));
        assert_eq!(
            sel.unknown(&["heuristic:a", "heuristic:b"]),
            ["heuristic:c"]
        );
    }

    #[test]
    fn lines_carry_exact_spans() {
        let doc = Document::new("t.txt", "One.\r\n\r\n  Two\nThree");
        let mut seen = Vec::new();
        for_each_paragraph(&doc, false, |span, line, last| {
            assert_eq!(&doc.text[span.range()], line);
            seen.push((line.to_owned(), last));
        });
        assert_eq!(
            seen,
            [
                ("One.".to_owned(), false),
                ("  Two".to_owned(), false),
                ("Three".to_owned(), true)
            ]
        );
    }
}
