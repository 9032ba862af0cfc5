//! Key-value resource files (app strings): JSON i18n files, Java
//! `.properties`, Android `strings.xml` and Apple `.strings`. Each reader
//! gives the file's entries, a key and the text of its value; a target file
//! is checked with its source file's values matched by key (see
//! [`paired`]), or, with no source, its values as monolingual text.
//!
//! Values keep the one coordinate system of mtlint: each is pieces of the
//! file, literal bytes or escapes with what they decode to, so that every
//! span is a byte range of the target file as written.

pub(super) mod android;
pub(super) mod apple;
pub(super) mod properties;

use std::collections::HashMap;

use super::{Malformed, Parsed, Piece};
use crate::text::{Escape, Span, UnitState};

/// The plural categories of CLDR, as i18next key suffixes (`key_one`) and
/// Android `<item quantity="one">` name them.
pub(super) const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One entry of a resource file.
#[derive(Debug)]
pub(super) struct Entry {
    /// The key, nested keys joined with `.` (JSON), with the plural
    /// category or array index in brackets for Android (`n[one]`, `a[0]`).
    pub key: String,
    /// The plural category the value is for, when the format says so
    /// (i18next `_one`, Android `quantity`): a target's form that the
    /// source lacks (Polish `_few`) is matched with the source's `other`.
    pub plural: Option<&'static str>,
    /// The key with the plural suffix taken off.
    pub base: String,
    /// The value's content, from after its opening delimiter to before its
    /// closing one.
    pub span: Span,
    /// The value's text: runs of pieces, inline markup between runs.
    pub runs: Vec<Vec<Piece>>,
    /// The value with escapes decoded and markup left out.
    pub decoded: String,
}

impl Entry {
    /// An entry whose key names no plural form.
    pub(super) fn new(key: String, span: Span, runs: Vec<Vec<Piece>>, decoded: String) -> Entry {
        Entry {
            base: key.clone(),
            key,
            plural: None,
            span,
            runs,
            decoded,
        }
    }

    /// Reads an i18next plural suffix (`_one`, `_ordinal_few`) off the key.
    pub(super) fn i18next_plural(mut self) -> Entry {
        if let Some((base, suffix)) = self.key.rsplit_once('_')
            && let Some(category) = PLURAL_CATEGORIES.iter().find(|c| **c == suffix)
            && !base.is_empty()
        {
            self.plural = Some(category);
            self.base = base.strip_suffix("_ordinal").unwrap_or(base).to_owned();
        }
        self
    }
}

/// What a reader found: the entries in file order and the language the
/// file declares (ARB `@@locale`).
#[derive(Debug, Default)]
pub(super) struct Entries {
    pub entries: Vec<Entry>,
    pub lang: Option<String>,
}

/// The values of a file checked as monolingual text.
pub(super) fn monolingual(text: &str, entries: Entries, escape: Escape) -> Parsed {
    let mut parsed = Parsed {
        escape,
        ..Parsed::default()
    };
    parsed.lang.target = entries.lang;
    for entry in &entries.entries {
        for run in &entry.runs {
            parsed.push_run(text, run, None, false);
        }
    }
    parsed
}

/// Takes `bytes` of source copied into units from what is left of the
/// copy budget; once it runs out, the target (at `at`) is refused.
fn spend(budget: &mut usize, bytes: usize, at: usize) -> Result<(), Malformed> {
    *budget = budget.checked_sub(bytes).ok_or_else(|| {
        Malformed::new(
            at,
            "the sources of the keys add up to more than 16 times the files' size: a key repeated too often",
        )
    })?;
    Ok(())
}

/// The target file's entries matched by key with the source's: each
/// target value a unit whose source is the source's value for its key.
///
/// - A key of the source missing from the target is work not done: an
///   untranslated unit, empty, where the key belongs in the target (just
///   after the value of the nearest key before it in the source that the
///   target has; before the target's first value when none is; at the end
///   of a target without values), whose [`missing`](crate::text::UnitMeta::missing)
///   names the key and its line in the source (`source_line` gives it for
///   an offset of the source). A plural form is missing only when the
///   target has no form of its key at all, since languages have different
///   forms.
/// - A target form the source lacks (`_few`) takes the source's `other`.
/// - A key only in the target (left over after the source dropped it) has
///   no source to compare with: its text is checked as monolingual text.
/// - An empty target value is untranslated, as an empty PO `msgstr` is.
///
/// Each unit holds a copy of its source: a target that repeats a key with
/// a long source value many times is refused once the copies add up to 16
/// times both files' size.
pub(super) fn paired(
    text: &str,
    target: Entries,
    source: Entries,
    escape: Escape,
    source_line: &dyn Fn(usize) -> String,
) -> Result<Parsed, Malformed> {
    let mut parsed = Parsed {
        escape,
        ..Parsed::default()
    };
    parsed.lang.target = target.lang;
    parsed.lang.source = source.lang;
    let by_key: HashMap<&str, &Entry> =
        source.entries.iter().map(|e| (e.key.as_str(), e)).collect();
    let by_form: HashMap<(&str, &str), &Entry> = source
        .entries
        .iter()
        .filter_map(|e| Some(((e.base.as_str(), e.plural?), e)))
        .collect();
    let mut bases: HashMap<&str, ()> = HashMap::new();
    let source_bytes: usize = source.entries.iter().map(|e| e.decoded.len()).sum();
    let mut budget = (text.len() + source_bytes).saturating_mul(16) + (1 << 20);
    for entry in &target.entries {
        bases.insert(&entry.base, ());
        let found = by_key.get(entry.key.as_str()).copied().or_else(|| {
            let category = entry.plural?;
            by_form
                .get(&(entry.base.as_str(), "other"))
                .or_else(|| by_form.get(&(entry.base.as_str(), category)))
                .copied()
        });
        let Some(source) = found else {
            for run in &entry.runs {
                parsed.push_run(text, run, None, false);
            }
            continue;
        };
        spend(&mut budget, source.decoded.len(), entry.span.start)?;
        parsed.push_unit(
            text,
            Some(entry.key.clone()),
            entry.span,
            &entry.runs,
            source.decoded.clone(),
        );
        let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
        if entry.decoded.is_empty() && !source.decoded.is_empty() {
            meta.state = UnitState::Untranslated;
        }
        if let Some(category) = entry.plural {
            let n = PLURAL_CATEGORIES.iter().position(|c| *c == category);
            meta.plural = n;
            // A form for one number may say it in words.
            meta.one_number = matches!(category, "zero" | "one" | "two");
            // The source's singular and plural, as a PO entry's `msgid` and
            // `msgid_plural`: which placeholder is the number comes from
            // them. Copied once per plural form of the target, within the
            // budget above.
            let form = |c: &str| by_form.get(&(entry.base.as_str(), c)).map(|e| &e.decoded);
            if let (Some(one), Some(other)) = (form("one").or(form("other")), form("other")) {
                spend(&mut budget, one.len() + other.len(), entry.span.start)?;
                meta.plural_sources = Some(Box::new((one.clone(), other.clone())));
            }
        }
    }
    // Where each key of the target ends, for the keys missing from it.
    let value_ends: HashMap<&str, usize> = target
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.span.end))
        .collect();
    let first_value = target.entries.iter().map(|e| e.span.start).min();
    let mut place = first_value.unwrap_or(text.len());
    let paired_units = parsed.units.len();
    for source in &source.entries {
        if let Some(&end) = value_ends.get(source.key.as_str()) {
            place = end;
            continue;
        }
        let missing = match source.plural {
            Some(_) => !bases.contains_key(source.base.as_str()),
            None => true,
        };
        if missing && !source.decoded.is_empty() {
            parsed.push_unit(
                text,
                Some(source.key.clone()),
                Span::new(place, place),
                &[],
                source.decoded.clone(),
            );
            let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
            meta.state = UnitState::Untranslated;
            meta.missing = Some(
                format!(
                    "the key `{}` of the source ({}) is missing from the target",
                    source.key,
                    source_line(source.span.start)
                )
                .into(),
            );
        }
    }
    // Units in the order of the file: each missing key among the others,
    // after the value it follows.
    if parsed.units.len() > paired_units {
        parsed.units.sort_by_key(|u| (u.span.start, u.span.end));
        // Each segment names its unit by place.
        for (k, unit) in parsed.units.iter().enumerate() {
            for segment in &mut parsed.segments[unit.segments.clone()] {
                segment.unit = Some(k);
            }
        }
    }
    Ok(parsed)
}

/// Splits the literal piece `raw` at backslash escapes, which `decode`
/// reads at the backslash (given the bytes from it to the end of the
/// piece): the escape's length and what it stands for, or `None` for a
/// backslash that is literal. Adds the pieces to `run` and the text to
/// `decoded`.
pub(super) fn split_escapes(
    text: &str,
    raw: Span,
    run: &mut Vec<Piece>,
    decoded: &mut String,
    decode: impl Fn(&str) -> Option<(usize, String)>,
) {
    let bytes = text.as_bytes();
    let mut start = raw.start;
    let mut i = raw.start;
    while i < raw.end {
        if bytes[i] == b'\\'
            && let Some((len, value)) = decode(&text[i..raw.end])
        {
            if start < i {
                run.push(Piece::literal(Span::new(start, i)));
                decoded.push_str(&text[start..i]);
            }
            decoded.push_str(&value);
            run.push(Piece::decoded(Span::new(i, i + len), value));
            i += len;
            start = i;
            continue;
        }
        i += 1;
    }
    if start < raw.end {
        run.push(Piece::literal(Span::new(start, raw.end)));
        decoded.push_str(&text[start..raw.end]);
    }
}

/// The number the four hex digits at the start of `hex` (`\u00e9`
/// without its `\u`) write.
pub(super) fn hex4(hex: &str) -> Option<u32> {
    hex.get(..4)
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        .and_then(|h| u32::from_str_radix(h, 16).ok())
}

/// A `\uXXXX` escape at the start of `s`, with a following low surrogate
/// read as part of it: its length and character.
pub(super) fn unicode_escape(s: &str) -> Option<(usize, String)> {
    let high = hex4(s.get(2..)?)?;
    if (0xd800..0xdc00).contains(&high)
        && s[6..].starts_with("\\u")
        && let Some(low) = s.get(8..).and_then(hex4)
        && (0xdc00..0xe000).contains(&low)
    {
        let c = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
        return Some((12, char::from_u32(c).unwrap_or('\u{fffd}').to_string()));
    }
    Some((6, char::from_u32(high).unwrap_or('\u{fffd}').to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: &str, at: usize) -> Entry {
        let span = Span::new(at, at + value.len());
        Entry::new(
            key.to_owned(),
            span,
            vec![vec![Piece::literal(span)]],
            value.to_owned(),
        )
        .i18next_plural()
    }

    #[test]
    fn units_by_key_missing_keys_and_plural_forms() {
        // Target values at their offsets in `text`.
        let text = "Hallo|Welt|{{count}} Dinge|{{count}} Ding|Alt|";
        let target = Entries {
            entries: vec![
                entry("greet", "Hallo", 0),
                entry("a.b", "Welt", 6),
                entry("items_few", "{{count}} Dinge", 11),
                entry("items_one", "{{count}} Ding", 27),
                entry("old", "Alt", 42),
            ],
            lang: Some("pl".to_owned()),
        };
        let source = Entries {
            entries: vec![
                entry("greet", "Hello", 0),
                entry("a.b", "World", 0),
                entry("items_one", "One thing", 0),
                entry("items_other", "{{count}} things", 0),
                entry("gone", "Missing", 0),
                entry("empty", "", 0),
            ],
            lang: None,
        };
        let parsed = paired(text, target, source, Escape::Json, &|at| format!("en@{at}")).unwrap();
        let units: Vec<(&str, &str, &str, UnitState)> = parsed
            .units
            .iter()
            .map(|u| {
                (
                    u.id.as_deref().unwrap(),
                    &text[u.span.range()],
                    u.source.as_str(),
                    u.meta.state,
                )
            })
            .collect();
        assert_eq!(
            units,
            [
                ("greet", "Hallo", "Hello", UnitState::Translated),
                ("a.b", "Welt", "World", UnitState::Translated),
                (
                    "items_few",
                    "{{count}} Dinge",
                    "{{count}} things",
                    UnitState::Translated
                ),
                (
                    "items_one",
                    "{{count}} Ding",
                    "One thing",
                    UnitState::Translated
                ),
                ("gone", "", "Missing", UnitState::Untranslated),
            ]
        );
        assert!(parsed.units[3].meta.one_number);
        // The missing key is where it belongs: after `items_one`, the key
        // before it in the source that the target has.
        assert_eq!(parsed.units[4].span, Span::new(41, 41));
        assert_eq!(
            parsed.units[4].meta.missing.as_deref(),
            Some("the key `gone` of the source (en@0) is missing from the target")
        );
        // The key only in the target is still checked, as text.
        assert_eq!(parsed.segment_texts(text).last(), Some(&"Alt"));
        assert_eq!(parsed.lang.target.as_deref(), Some("pl"));
    }

    #[test]
    fn each_missing_key_has_its_place_and_its_name() {
        let text = "{\"b\": \"Bé\", \"d\": \"Dé\"}";
        let (b, d) = (text.find("Bé").unwrap(), text.find("Dé").unwrap());
        let target = Entries {
            entries: vec![entry("b", "Bé", b), entry("d", "Dé", d)],
            lang: None,
        };
        let source = Entries {
            entries: ["a", "b", "c1", "c2", "d", "e"]
                .iter()
                .enumerate()
                .map(|(i, k)| entry(k, "x", i * 10))
                .collect(),
            lang: None,
        };
        let parsed = paired(text, target, source, Escape::Json, &|at| format!("en:{at}")).unwrap();
        let units: Vec<(&str, Span, Option<&str>)> = parsed
            .units
            .iter()
            .map(|u| (u.id.as_deref().unwrap(), u.span, u.meta.missing.as_deref()))
            .collect();
        let at = |i: usize| Span::new(i, i);
        let b_end = b + "Bé".len();
        let d_end = d + "Dé".len();
        assert_eq!(
            units,
            [
                // Before the first value: no key before it in the target.
                (
                    "a",
                    at(b),
                    Some("the key `a` of the source (en:0) is missing from the target")
                ),
                ("b", Span::new(b, b_end), None),
                (
                    "c1",
                    at(b_end),
                    Some("the key `c1` of the source (en:20) is missing from the target")
                ),
                (
                    "c2",
                    at(b_end),
                    Some("the key `c2` of the source (en:30) is missing from the target")
                ),
                ("d", Span::new(d, d_end), None),
                (
                    "e",
                    at(d_end),
                    Some("the key `e` of the source (en:50) is missing from the target")
                ),
            ]
        );
        // The units were put in the file's order after the segments were
        // made: each segment still names the unit that holds it.
        assert_eq!(parsed.segments.len(), 2);
        for (i, segment) in parsed.segments.iter().enumerate() {
            let unit = &parsed.units[segment.unit.expect("a target's segment")];
            assert!(unit.segments.contains(&i), "segment {i} in unit {unit:?}");
        }
        // A target without values: the end of the file.
        let source = Entries {
            entries: vec![entry("a", "x", 0)],
            lang: None,
        };
        let parsed = paired("{}", Entries::default(), source, Escape::Json, &|_| {
            String::new()
        })
        .unwrap();
        assert_eq!(parsed.units[0].span, Span::new(2, 2));
    }

    #[test]
    fn a_key_repeated_too_often_with_a_long_source_is_refused() {
        let text = "x".repeat(40);
        let target = Entries {
            entries: (0..40).map(|i| entry("k", "x", i)).collect(),
            lang: None,
        };
        let long = "y".repeat(1 << 20);
        let source = Entries {
            entries: vec![entry("k", &long, 0)],
            lang: None,
        };
        let err = paired(&text, target, source, Escape::Json, &|_| String::new())
            .err()
            .unwrap();
        assert!(
            err.message.contains("repeated too often"),
            "{}",
            err.message
        );
    }

    #[test]
    fn plural_suffixes() {
        let e = entry("place_ordinal_two", "x", 0);
        assert_eq!((e.base.as_str(), e.plural), ("place", Some("two")));
        let e = entry("phone_number", "x", 0);
        assert_eq!((e.base.as_str(), e.plural), ("phone_number", None));
        let e = entry("_one", "x", 0);
        assert_eq!(e.plural, None);
    }

    #[test]
    fn escapes_split_into_pieces() {
        let text = "a\\u00e9b\\ud83d\\ude00\\q";
        let mut run = Vec::new();
        let mut decoded = String::new();
        split_escapes(
            text,
            Span::new(0, text.len()),
            &mut run,
            &mut decoded,
            |s| {
                if s.starts_with("\\u") {
                    unicode_escape(s)
                } else {
                    None
                }
            },
        );
        assert_eq!(decoded, "aéb😀\\q");
        let raw: Vec<&str> = run.iter().map(|p| &text[p.raw.range()]).collect();
        assert_eq!(raw, ["a", "\\u00e9", "b", "\\ud83d\\ude00", "\\q"]);
    }
}
