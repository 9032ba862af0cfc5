//! The English inflection table (`data/en-inflections.txt`, compiled by
//! `build.rs`): which forms a word is, and the same form of another word,
//! so that a suggestion's head word takes the form the flagged word had
//! ("realizes a study" gives "conducts a study", "have taken" stays
//! "have taken").
//!
//! Lookups read a finite-state map straight from the binary: a form's
//! analyses are one range of keys, a lemma's row one key and one line.

use std::sync::OnceLock;

use fst::{IntoStreamer, Map, Streamer};

static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-inflections.fst"));
static ROWS: &str = include_str!(concat!(env!("OUT_DIR"), "/en-inflections.txt"));

/// A base form: a verb's infinitive or present, a noun's singular.
pub const BASE: u8 = 1;
/// A verb's third person singular or a noun's plural (`-s`).
pub const S: u8 = 2;
/// A verb's past.
pub const PAST: u8 = 4;
/// A verb's past participle.
pub const PARTICIPLE: u8 = 8;
/// A verb's `-ing` form.
pub const ING: u8 = 16;

fn map() -> &'static Map<&'static [u8]> {
    static MAP: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| Map::new(FST).expect("build.rs writes a valid map"))
}

/// Whether `word` (lowercase) is an auxiliary after which a verb that may
/// be past or past participle is the participle ("has taken", "was
/// taken", "got taken").
pub fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "have"
            | "has"
            | "had"
            | "having"
            | "'ve"
            | "be"
            | "is"
            | "are"
            | "was"
            | "were"
            | "been"
            | "being"
            | "am"
            | "get"
            | "gets"
            | "got"
            | "gotten"
            | "getting"
    )
}

/// Part of speech of a row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A noun: base and plural.
    Noun,
    /// A verb: base, `-s`, past, past participle and `-ing`.
    Verb,
}

/// One reading of a word form: the lemma it is a form of, as what, and
/// which slots it fills (a set of [`BASE`], [`S`], [`PAST`], ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The lemma, lowercase.
    pub lemma: String,
    /// Noun or verb.
    pub pos: Pos,
    /// The slots the form fills.
    pub slots: u8,
}

/// Every reading of `form` (lowercase) in the table; empty for a word the
/// table does not know. A form has a handful of readings at most.
pub fn analyses(form: &str) -> Vec<Analysis> {
    let mut start = Vec::with_capacity(form.len() + 2);
    start.push(b'F');
    start.extend_from_slice(form.as_bytes());
    start.push(0);
    let mut end = start.clone();
    *end.last_mut().expect("pushed above") = 1;
    let mut stream = map().range().ge(&start).lt(&end).into_stream();
    let mut out = Vec::new();
    while let Some((key, slots)) = stream.next() {
        let rest = &key[start.len()..];
        let Some((&pos, lemma)) = rest.split_first() else {
            continue;
        };
        let Ok(lemma) = std::str::from_utf8(lemma) else {
            continue;
        };
        out.push(Analysis {
            lemma: lemma.to_owned(),
            pos: if pos == b'v' { Pos::Verb } else { Pos::Noun },
            slots: u8::try_from(slots).unwrap_or(0),
        });
    }
    out
}

/// The row of `lemma` (lowercase) as `pos`: its fields, lemma first.
fn row(lemma: &str, pos: Pos) -> Option<std::str::Split<'static, char>> {
    let mut key = Vec::with_capacity(lemma.len() + 1);
    key.push(b'L');
    key.extend_from_slice(lemma.as_bytes());
    let offset = usize::try_from(map().get(&key)?).ok()?;
    let name = match pos {
        Pos::Noun => "noun",
        Pos::Verb => "verb",
    };
    // A lemma's rows follow each other: at most a noun and a verb.
    ROWS.get(offset..)?
        .lines()
        .take(2)
        .find(|line| {
            let mut fields = line.split(',');
            fields.next() == Some(lemma) && fields.next() == Some(name)
        })
        .map(|line| line.split(','))
}

/// `lemma` (lowercase) in the form of `slot` (one of [`BASE`], [`S`], ...)
/// as `pos`; `None` when the table has no such row. Of variant spellings
/// the table's first is taken.
pub fn form_of(lemma: &str, pos: Pos, slot: u8) -> Option<&'static str> {
    let fields: Vec<&'static str> = row(lemma, pos)?.collect();
    let field = match (pos, slot) {
        (_, BASE) => return fields.first().copied(),
        (Pos::Noun, S) => 2,
        (Pos::Verb, PAST) => 2,
        // An empty past participle is the past.
        (Pos::Verb, PARTICIPLE) if fields.get(3).is_some_and(|f| f.is_empty()) => 2,
        (Pos::Verb, PARTICIPLE) => 3,
        (Pos::Verb, ING) => 4,
        (Pos::Verb, S) => 5,
        _ => return None,
    };
    fields
        .get(field)?
        .split('/')
        .next()
        .filter(|f| !f.is_empty())
}

/// What the form of a text word tells about a suggestion's head word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transfer {
    /// The word is in the base form: the head stays as written.
    Base,
    /// The head in the word's form.
    Form(&'static str),
    /// The word is inflected but the head's form cannot be known: no
    /// such row for the head, or the word's readings give different forms.
    Unknown,
}

/// The form of `head` (lowercase, a lemma) that `word` (lowercase) has as
/// a form of `lemma` (the glossary term's word): "realizes" of "realize"
/// gives "conducts" of "conduct". Readings of `word` as a form of `lemma`
/// are preferred; a word that is no form of it (a variant spelling such as
/// "realised") is read as whatever the table says it is. A form that is
/// both past and past participle ("realized") is read as the participle
/// after an auxiliary (`after_auxiliary`: "have realized") and as the past
/// otherwise, so that "took" and "taken" are told apart.
pub fn transfer(head: &str, word: &str, lemma: &str, after_auxiliary: bool) -> Transfer {
    if word == lemma {
        return Transfer::Base;
    }
    let mut readings = analyses(word);
    if readings.iter().any(|a| a.lemma == lemma) {
        readings.retain(|a| a.lemma == lemma);
    }
    if readings.is_empty() {
        return Transfer::Unknown;
    }
    let mut found: Option<&'static str> = None;
    let mut base = false;
    for reading in &readings {
        let mut slots = reading.slots;
        if slots & (PAST | PARTICIPLE) == PAST | PARTICIPLE {
            slots &= if after_auxiliary { !PAST } else { !PARTICIPLE };
        }
        for slot in [BASE, S, PAST, PARTICIPLE, ING] {
            if slots & slot == 0 {
                continue;
            }
            if slot == BASE {
                base = true;
                continue;
            }
            let Some(form) = form_of(head, reading.pos, slot) else {
                continue;
            };
            match found {
                Some(f) if f != form => return Transfer::Unknown,
                _ => found = Some(form),
            }
        }
    }
    match (found, base) {
        (Some(form), false) => Transfer::Form(form),
        // A base reading beside an inflected one ("put" as present and
        // past) leaves the form open unless both give the same word.
        (Some(form), true) if form == head => Transfer::Form(form),
        (Some(_), true) => Transfer::Unknown,
        (None, true) => Transfer::Base,
        (None, false) => Transfer::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_read_from_the_table() {
        assert_eq!(form_of("take", Pos::Verb, PARTICIPLE), Some("taken"));
        assert_eq!(form_of("take", Pos::Verb, PAST), Some("took"));
        assert_eq!(form_of("conduct", Pos::Verb, PARTICIPLE), Some("conducted"));
        assert_eq!(form_of("child", Pos::Noun, S), Some("children"));
        assert_eq!(form_of("use", Pos::Verb, S), Some("uses"));
        assert_eq!(form_of("xyzzy", Pos::Verb, S), None);
    }

    #[test]
    fn readings_name_lemma_and_slots() {
        let taken = analyses("taken");
        assert!(
            taken
                .iter()
                .any(|a| a.lemma == "take" && a.pos == Pos::Verb && a.slots == PARTICIPLE),
            "{taken:?}"
        );
        assert!(analyses("qwzx").is_empty());
    }

    #[test]
    fn the_head_takes_the_words_form() {
        assert_eq!(
            transfer("use", "turns", "turn", false),
            Transfer::Form("uses")
        );
        assert_eq!(
            transfer("conduct", "realizes", "realize", false),
            Transfer::Form("conducts")
        );
        assert_eq!(
            transfer("conduct", "realised", "realize", true),
            Transfer::Form("conducted")
        );
        assert_eq!(
            transfer("go", "taken", "take", false),
            Transfer::Form("gone")
        );
        assert_eq!(transfer("go", "took", "take", true), Transfer::Form("went"));
        assert_eq!(transfer("use", "turn", "turn", false), Transfer::Base);
        assert_eq!(transfer("use", "realise", "realize", false), Transfer::Base);
    }

    #[test]
    fn past_or_participle_is_told_by_an_auxiliary() {
        assert_eq!(
            transfer("take", "seized", "seize", false),
            Transfer::Form("took")
        );
        assert_eq!(
            transfer("take", "seized", "seize", true),
            Transfer::Form("taken")
        );
        assert!(is_auxiliary("has") && !is_auxiliary("city"));
    }

    #[test]
    fn an_open_form_is_unknown() {
        // "put" is present, past and participle: "take" has three forms.
        assert_eq!(transfer("take", "put", "set", false), Transfer::Unknown);
        // No such word in the table.
        assert_eq!(transfer("use", "turnz", "turn", false), Transfer::Unknown);
        // "is" is not a lemma of the table.
        assert_eq!(transfer("is", "speaks", "speak", false), Transfer::Unknown);
    }
}
