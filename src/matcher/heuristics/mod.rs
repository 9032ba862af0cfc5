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
                super::for_each_chunk(doc, |chunk| {
                    super::ReadsWords::read_chunk(self, chunk, out);
                });
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
}

/// A heuristic whose hits are found in each chunk of the text on its own,
/// from the chunk's words.
pub trait ReadsWords {
    /// Appends the hits in `chunk` to `out`, with spans into the document.
    fn read_chunk(&self, chunk: &Chunk<'_>, out: &mut Vec<Hit>);
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
        let readers: Vec<&dyn ReadsWords> =
            self.list.iter().filter_map(|h| h.reads_words()).collect();
        if !readers.is_empty() {
            for_each_chunk(doc, |chunk| {
                for reader in &readers {
                    reader.read_chunk(chunk, out);
                }
            });
        }
        for h in self.list.iter().filter(|h| h.reads_words().is_none()) {
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
    for segment in &doc.segments {
        for span in crate::matcher::paragraph_chunks(&doc.text, segment.span, 1 << 20) {
            let text = &doc.text[span.range()];
            words.clear();
            for_each_word(text, |w| {
                words.push(Token {
                    span: w,
                    text: &text[w.range()],
                });
            });
            f(&Chunk {
                base: span.start,
                text,
                words: &words,
            });
        }
    }
}

/// Calls `f` with each non-blank line of each checked segment: the line's
/// span (without its line break), its text, and whether it is the last
/// non-blank line of the document.
fn for_each_line(doc: &Document, mut f: impl FnMut(Span, &str, bool)) {
    let mut lines: Vec<Span> = Vec::new();
    for segment in &doc.segments {
        let mut at = segment.span.start;
        for line in doc.text[segment.span.range()].split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let span = Span::new(at, at + body.len());
            at += line.len();
            if !body.trim().is_empty() {
                lines.push(span);
            }
        }
    }
    let last = lines.len().saturating_sub(1);
    for (i, span) in lines.into_iter().enumerate() {
        f(span, &doc.text[span.range()], i == last);
    }
}

/// A hit with confidence 1.0.
fn hit(rule: &Arc<Rule>, span: Span, suggestions: Vec<String>) -> Hit {
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
    word.chars().all(|c| !c.is_alphabetic() || c.is_lowercase())
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
        for_each_line(&doc, |span, line, last| {
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
