//! XLIFF 1.2 (`<trans-unit>` with `<source>` and `<target>`) and XLIFF 2.x
//! (`<unit>` of `<segment>`s). Inline codes (`<x/>`, `<ph>`, `<bpt>`,
//! `<ept>`, `<it>`, `<sc/>`, `<ec/>`) are kept out of the checked text;
//! the text of `<g>`, `<mrk>` and `<pc>` is checked. Alternative
//! translations (`<alt-trans>`) and notes are not.
//!
//! Files converted from gettext catalogs (translate-toolkit's `po2xliff`,
//! the most used converter) keep the catalog's header as a unit of
//! `restype="x-gettext-domain-header"`, and a plural entry's forms as the
//! units of a `<group restype="x-gettext-plurals">`: the header is read for
//! its `Plural-Forms` and not checked as text, and the forms are read as a
//! PO entry's are.

use std::borrow::Cow;

use super::plural::{MAX_FORMS, PluralForms};
use super::xml::{ContentBuf, Item, Xml, expect_root, skip};
use super::{Malformed, Parsed};
use crate::text::{Escape, SizeLimit, Span, UnitState};

/// The workflow state an XLIFF 1.2 target `state` or XLIFF 2 segment
/// `state` names: the states before a first translation are untranslated
/// work, those awaiting review drafts; the rest (and unknown custom
/// states) are translations.
fn state(value: &str) -> UnitState {
    match value {
        "new" | "needs-translation" | "initial" => UnitState::Untranslated,
        "needs-adaptation"
        | "needs-l10n"
        | "needs-review-adaptation"
        | "needs-review-l10n"
        | "needs-review-translation" => UnitState::Draft,
        _ => UnitState::Translated,
    }
}

/// The limit an XLIFF 1.2 `maxwidth` sets in its `size-unit`: only
/// `char` and `byte` count what a checker can count; the default unit,
/// `pixel`, and the other display units depend on a font.
fn max_width(width: Option<&str>, unit: Option<&str>) -> Option<SizeLimit> {
    let n = width?.trim().parse().ok()?;
    match unit? {
        "char" => Some(SizeLimit::Chars(n)),
        "byte" => Some(SizeLimit::Utf8Bytes(n)),
        _ => None,
    }
}

/// The limit an XLIFF 2 `slr:sizeRestriction` (counted by the general
/// profile) or `slr:storageRestriction` (counted by the storage profile)
/// sets; only the profiles the specification defines count.
fn restriction(
    size: Option<&str>,
    storage: Option<&str>,
    profiles: &Profiles,
) -> Option<SizeLimit> {
    let parse = |v: Option<&str>| v.and_then(|v| v.trim().parse::<usize>().ok());
    let by_size = parse(size).and_then(|n| match profiles.general.as_deref() {
        Some("xliff:codepoints") => Some(SizeLimit::Chars(n)),
        _ => None,
    });
    let by_storage = parse(storage).and_then(|n| match profiles.storage.as_deref() {
        Some("xliff:utf8") => Some(SizeLimit::Utf8Bytes(n)),
        Some("xliff:utf16") => Some(SizeLimit::Utf16Units(n)),
        Some("xliff:utf32") => Some(SizeLimit::Chars(n / 4)),
        _ => None,
    });
    by_size.or(by_storage)
}

/// The XLIFF 2 size and length restriction profiles of a file
/// (`<slr:profiles>`).
#[derive(Debug, Default)]
struct Profiles {
    general: Option<String>,
    storage: Option<String>,
}

/// Inline elements whose content is native code, not text.
const CODE: [&str; 5] = ["ph", "bpt", "ept", "it", "sub"];

pub(super) fn parse(text: &str) -> Result<Parsed, Malformed> {
    let mut parsed = Parsed {
        escape: Escape::Xml,
        ..Parsed::default()
    };
    // The lists sized for a unit per 256 bytes (a unit of `po2xliff`'s
    // output takes about 250), rounded up to a power of two, as the PO
    // reader sizes its own; capped, so that a giant file reserves no more
    // than its units may need.
    let room = (text.len() / 256).next_power_of_two().min(1 << 16);
    parsed.units.reserve(room);
    parsed.segments.reserve(room);
    let mut xml = Xml::new(text);
    let mut seen_root = false;
    // The id of the unit being read, and its pending source.
    let mut unit_id: Option<Cow<'_, str>> = None;
    let mut source: Option<(String, Span)> = None;
    // An XLIFF 2 segment's `state`, for its target.
    let mut segment_state: Option<UnitState> = None;
    // The length limit of the unit being read, and the file's profiles.
    let mut limit: Option<SizeLimit> = None;
    let mut profiles = Profiles::default();
    // Whether the unit being read is a gettext header, and whether it
    // claims to be translated (`approved="yes"`).
    let mut header = false;
    let mut approved = false;
    // For each open `<group>`, the index of its first unit if it holds a
    // plural entry's forms; and the plural forms the header names.
    let mut groups: Vec<Option<usize>> = Vec::new();
    let mut plurals = PluralForms::default();
    // The text of the source and target elements being read.
    let mut content = ContentBuf::default();
    loop {
        match xml.next()? {
            Item::Eof => break,
            Item::End(name) => {
                if name == "group" {
                    // A group of more units than a plural entry has forms
                    // is not one: marked as forms, each unit would hold a
                    // copy of the first two's sources.
                    if let Some(Some(first)) = groups.pop()
                        && parsed.units.len() - first <= MAX_FORMS
                    {
                        plural_forms(&mut parsed, text, first, &plurals);
                    }
                } else if matches!(name, "trans-unit" | "segment") {
                    // A source without a target: a missing translation, at
                    // the end of the source.
                    if let Some((src, span)) = source.take()
                        && !header
                    {
                        let at = Span::new(span.end, span.end);
                        parsed.push_unit(text, unit_id.as_deref().map(str::to_owned), at, &[], src);
                        let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
                        meta.state = UnitState::Untranslated;
                        meta.source_raw = Some(span);
                    }
                }
            }
            Item::Start(start) => {
                if !seen_root {
                    expect_root(&start, "xliff")?;
                    seen_root = true;
                    if let Some(s) = start.attr("srcLang") {
                        parsed.lang.source = Some(s.to_owned());
                    }
                    if let Some(t) = start.attr("trgLang") {
                        parsed.lang.target = Some(t.to_owned());
                    }
                    continue;
                }
                match start.name {
                    "file" => {
                        if let Some(s) = start.attr("source-language") {
                            parsed.lang.source.get_or_insert_with(|| s.to_owned());
                        }
                        if let Some(t) = start.attr("target-language") {
                            parsed.lang.target.get_or_insert_with(|| t.to_owned());
                        }
                    }
                    "group" if !start.empty => groups.push(
                        (start.attr("restype") == Some("x-gettext-plurals"))
                            .then_some(parsed.units.len()),
                    ),
                    "trans-unit" | "unit" => {
                        unit_id = start.attr_kept("id");
                        source = None;
                        header = start.attr("restype") == Some("x-gettext-domain-header");
                        approved = start.attr("approved") == Some("yes");
                        limit = max_width(start.attr("maxwidth"), start.attr("size-unit")).or(
                            restriction(
                                start.attr("sizeRestriction"),
                                start.attr("storageRestriction"),
                                &profiles,
                            ),
                        );
                    }
                    "profiles" => {
                        profiles.general = start.attr("generalProfile").map(str::to_owned);
                        profiles.storage = start.attr("storageProfile").map(str::to_owned);
                        if !start.empty {
                            skip(&mut xml, &start)?;
                        }
                    }
                    "segment" => {
                        if let Some(id) = start.attr_kept("id") {
                            unit_id = Some(id);
                        }
                        segment_state = start.attr("state").map(state);
                        source = None;
                    }
                    "source" => {
                        let span = xml.content_into(&start, &CODE, &mut content)?;
                        source = Some((content.decoded.clone(), span));
                    }
                    "target" if header => {
                        xml.content_into(&start, &CODE, &mut content)?;
                        // The target's formula, else the source's.
                        let source = source.take().map(|(s, _)| s).unwrap_or_default();
                        if let Some(forms) = header_plural_forms(&content.decoded)
                            .or_else(|| header_plural_forms(&source))
                        {
                            plurals = forms;
                        }
                    }
                    "target" => {
                        let target_state = start.attr("state").map(state);
                        let span = xml.content_into(&start, &CODE, &mut content)?;
                        let (src, raw) = match source.take() {
                            Some((s, span)) => (s, Some(span)),
                            None => (String::new(), None),
                        };
                        parsed.push_unit(
                            text,
                            unit_id.as_deref().map(str::to_owned),
                            span,
                            content.runs(),
                            src,
                        );
                        let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
                        // An empty target in no state, in a unit not
                        // approved, is a translation not made yet (as
                        // converters write an empty `msgstr`), not one that
                        // lost its text.
                        let blank = target_state.is_none()
                            && segment_state.is_none()
                            && !approved
                            && content.decoded.trim().is_empty();
                        meta.state = if blank {
                            UnitState::Untranslated
                        } else {
                            target_state.or(segment_state).unwrap_or_default()
                        };
                        meta.source_raw = raw;
                        meta.size_limit = limit;
                    }
                    "alt-trans" | "note" | "notes" | "originalData" | "seg-source" | "header"
                    | "context-group" | "ignorable" => skip(&mut xml, &start)?,
                    _ => {}
                }
                xml.recycle(start);
            }
        }
    }
    if !seen_root {
        return Err(Malformed::new(0, "expected an `<xliff>` document"));
    }
    parsed.escapes = xml.cdata.into_iter().map(|s| (s, Escape::Cdata)).collect();
    Ok(parsed)
}

/// The plural forms a gettext header's text (`Key: value` lines) names, if
/// it has a `Plural-Forms` line.
fn header_plural_forms(text: &str) -> Option<PluralForms> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case("plural-forms")
            .then(|| PluralForms::of(value))
    })
}

/// Marks the units from `first` on as the forms of one plural entry: the
/// first form's source is the singular, the second's the plural (as
/// `po2xliff` writes them), and any form may use either's placeholders. A
/// form the language does not have (the second of a language with one,
/// which `po2xliff` writes with an empty target) is not a translation to
/// check when it is empty.
fn plural_forms(parsed: &mut Parsed, text: &str, first: usize, plurals: &PluralForms) {
    let forms = &mut parsed.units[first..];
    let sources = match forms {
        [one, many, ..] => Some((one.source.clone(), many.source.clone())),
        _ => None,
    };
    for (n, unit) in forms.iter_mut().enumerate() {
        unit.meta.plural = Some(n);
        unit.meta.one_number = plurals.single.get(n).copied().unwrap_or(false);
        unit.meta.plural_sources = sources.clone().map(Box::new);
        if plurals.count.is_some_and(|count| n >= count)
            && text[unit.span.range()].trim().is_empty()
        {
            unit.meta.state = UnitState::Untranslated;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xliff_12_units_with_inline_codes() {
        let text = r#"<?xml version="1.0"?>
<xliff version="1.2"><file source-language="nl" target-language="en" datatype="plaintext" original="a">
<body>
<trans-unit id="1"><source>VS &amp; Japan</source><target>vs &amp; Japan <x id="1"/>now<ph id="2">{vs}</ph></target>
<alt-trans><target>vs other</target></alt-trans></trans-unit>
<trans-unit id="2"><source>Leeg</source></trans-unit>
</body></file></xliff>"#;
        let parsed = parse(text).unwrap();
        let pieces = parsed.segment_texts(text);
        assert_eq!(pieces, ["vs ", " Japan ", "now"]);
        assert_eq!(parsed.units.len(), 2);
        assert_eq!(parsed.units[0].source, "VS & Japan");
        assert_eq!(parsed.units[0].id.as_deref(), Some("1"));
        assert!(parsed.units[1].span.is_empty());
        assert_eq!(parsed.units[0].meta.state, UnitState::Translated);
        assert_eq!(parsed.units[1].meta.state, UnitState::Untranslated);
        let raw = parsed.units[0].meta.source_raw.unwrap();
        assert_eq!(&text[raw.range()], "VS &amp; Japan");
        assert_eq!(parsed.lang.pair().as_deref(), Some("nl-en"));
    }

    /// The workflow state of each unit of `text`.
    fn states_of(text: &str) -> Vec<UnitState> {
        parse(text)
            .unwrap()
            .units
            .iter()
            .map(|u| u.meta.state)
            .collect()
    }

    #[test]
    fn workflow_states() {
        let text = r#"<xliff version="1.2"><file><body>
<trans-unit id="1"><source>a</source><target state="needs-review-translation">b</target></trans-unit>
<trans-unit id="2"><source>a</source><target state="new">a</target></trans-unit>
<trans-unit id="3"><source>a</source><target state="final">b</target></trans-unit>
</body></file></xliff>"#;
        let states = states_of(text);
        assert_eq!(
            states,
            [
                UnitState::Draft,
                UnitState::Untranslated,
                UnitState::Translated
            ]
        );
        let text = r#"<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment state="initial"><source>a</source><target>a</target></segment><segment state="reviewed"><source>b</source><target>c</target></segment></unit></file></xliff>"#;
        let states = states_of(text);
        assert_eq!(states, [UnitState::Untranslated, UnitState::Translated]);
    }

    #[test]
    fn an_empty_target_is_untranslated_unless_its_state_or_approval_says_it_is_done() {
        let text = r#"<xliff version="1.2"><file><body>
<trans-unit id="1"><source>a</source><target></target></trans-unit>
<trans-unit id="2"><source>a</source><target/></trans-unit>
<trans-unit id="3"><source>a</source><target state="translated"></target></trans-unit>
<trans-unit id="4" approved="yes"><source>a</source><target> </target></trans-unit>
<trans-unit id="5"><source>a</source><target>b</target></trans-unit>
</body></file></xliff>"#;
        let states = states_of(text);
        use UnitState::{Translated, Untranslated};
        assert_eq!(
            states,
            [
                Untranslated,
                Untranslated,
                Translated,
                Translated,
                Translated
            ]
        );
    }

    /// A catalog as translate-toolkit's `po2xliff` writes it: the header a
    /// unit, a plural entry a group of forms.
    const FROM_PO: &str = r#"<xliff version="1.1"><file source-language="en-US" target-language="id"><body>
<trans-unit xml:space="preserve" id="1" approved="no" restype="x-gettext-domain-header"><source>Language: id
Plural-Forms: nplurals=1; plural=0;
</source><target state="translated">Language: id
Plural-Forms: nplurals=1; plural=0;
</target></trans-unit>
<trans-unit id="2" approved="yes"><source>Save</source><target state="translated">Simpan</target></trans-unit>
<group restype="x-gettext-plurals" id="3" approved="yes">
<trans-unit id="3[0]" approved="yes"><source>%(count)s file</source><target state="translated">%(count)s berkas</target></trans-unit>
<trans-unit id="3[1]" approved="yes"><source>%(count)s files</source><target state="translated"></target></trans-unit>
</group>
</body></file></xliff>"#;

    #[test]
    fn a_gettext_header_is_read_for_its_plural_forms_and_not_checked() {
        let parsed = parse(FROM_PO).unwrap();
        let ids: Vec<&str> = parsed
            .units
            .iter()
            .filter_map(|u| u.id.as_deref())
            .collect();
        assert_eq!(ids, ["2", "3[0]", "3[1]"]);
        // A language of one form: the second is not one of its forms, and
        // empty it is not a translation that lost its text.
        let states: Vec<UnitState> = parsed.units.iter().map(|u| u.meta.state).collect();
        use UnitState::{Translated, Untranslated};
        assert_eq!(states, [Translated, Translated, Untranslated]);
    }

    #[test]
    fn a_group_of_more_units_than_forms_is_not_a_plural_entry() {
        let unit = r#"<trans-unit id="f"><source>x</source><target>y</target></trans-unit>"#;
        let group = |n: usize| {
            format!(
                r#"<xliff version="1.2"><file><body><group restype="x-gettext-plurals">{}</group></body></file></xliff>"#,
                unit.repeat(n)
            )
        };
        let limit = super::MAX_FORMS;
        let plural = |n| {
            parse(&group(n))
                .unwrap()
                .units
                .iter()
                .all(|u| u.meta.plural.is_some())
        };
        assert!(plural(limit));
        assert!(
            !parse(&group(limit + 1))
                .unwrap()
                .units
                .iter()
                .any(|u| u.meta.plural.is_some())
        );
    }

    #[test]
    fn a_plural_group_is_read_as_the_forms_of_one_entry() {
        let text = FROM_PO.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);");
        let parsed = parse(&text).unwrap();
        let forms: Vec<_> = parsed
            .units
            .iter()
            .map(|u| (u.meta.plural, u.meta.one_number, u.meta.state))
            .collect();
        assert_eq!(
            forms,
            [
                (None, false, UnitState::Translated),
                (Some(0), true, UnitState::Translated),
                (Some(1), false, UnitState::Translated),
            ]
        );
        let sources = parsed.units[2].meta.plural_sources.as_deref();
        assert_eq!(
            sources,
            Some(&("%(count)s file".to_owned(), "%(count)s files".to_owned()))
        );
    }

    #[test]
    fn xliff_20_segments() {
        let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nl-NL" trgLang="en-GB">
<file id="f"><unit id="u1"><segment><source>Een <pc id="1">test</pc></source><target>A <pc id="1">test</pc></target></segment></unit></file></xliff>"#;
        let parsed = parse(text).unwrap();
        let pieces = parsed.segment_texts(text);
        assert_eq!(pieces, ["A ", "test"]);
        assert_eq!(parsed.units[0].source, "Een test");
        assert_eq!(parsed.lang.pair().as_deref(), Some("nl-en"));
    }

    #[test]
    fn length_limits() {
        let text = r#"<xliff version="1.2"><file><body>
<trans-unit id="1" maxwidth="10" size-unit="char"><source>a</source><target>b</target></trans-unit>
<trans-unit id="2" maxwidth="10"><source>a</source><target>b</target></trans-unit>
<trans-unit id="3" maxwidth="8" size-unit="byte"><source>a</source><target>b</target></trans-unit>
<trans-unit id="4"><source>a</source><target>b</target></trans-unit>
</body></file></xliff>"#;
        let limits: Vec<_> = parse(text)
            .unwrap()
            .units
            .iter()
            .map(|u| u.meta.size_limit)
            .collect();
        assert_eq!(
            limits,
            [
                Some(SizeLimit::Chars(10)),
                None,
                Some(SizeLimit::Utf8Bytes(8)),
                None
            ]
        );
        let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" version="2.0" srcLang="en" trgLang="de">
<file id="f"><slr:profiles generalProfile="xliff:codepoints" storageProfile="xliff:utf8"/>
<unit id="u1" slr:sizeRestriction="12"><segment><source>Save</source><target>Speichern</target></segment></unit>
<unit id="u2" slr:storageRestriction="20"><segment><source>Save</source><target>Speichern</target></segment></unit>
<unit id="u3"><segment><source>Save</source><target>Speichern</target></segment></unit></file></xliff>"#;
        let limits: Vec<_> = parse(text)
            .unwrap()
            .units
            .iter()
            .map(|u| u.meta.size_limit)
            .collect();
        assert_eq!(
            limits,
            [
                Some(SizeLimit::Chars(12)),
                Some(SizeLimit::Utf8Bytes(20)),
                None
            ]
        );
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}<?xml version=\"1.0\"?>\r\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\">\r\n<source>Een</source>\r\n<target>One\r\ntwo</target></trans-unit></body></file></xliff>\r\n";
        let parsed = parse(text).unwrap();
        assert_eq!(&text[parsed.segments[0].span.range()], "One\r\ntwo");
    }

    #[test]
    fn malformed_names_the_place() {
        let err = parse("<xliff><file><trans-unit><target>x</source></trans-unit></file></xliff>")
            .err()
            .unwrap();
        assert!(err.message.contains("source"), "{}", err.message);
        let err = parse("<xliff><file>").err().unwrap();
        assert!(err.message.contains("</file>"), "{}", err.message);
    }
}
