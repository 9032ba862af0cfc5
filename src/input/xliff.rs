//! XLIFF 1.2 (`<trans-unit>` with `<source>` and `<target>`) and XLIFF 2.x
//! (`<unit>` of `<segment>`s). Inline codes (`<x/>`, `<ph>`, `<bpt>`,
//! `<ept>`, `<it>`, `<sc/>`, `<ec/>`) are kept out of the checked text;
//! the text of `<g>`, `<mrk>` and `<pc>` is checked. Alternative
//! translations (`<alt-trans>`) and notes are not.

use super::xml::{Item, Xml, expect_root, skip};
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
    let mut xml = Xml::new(text);
    let mut seen_root = false;
    // The id of the unit being read, and its pending source.
    let mut unit_id: Option<String> = None;
    let mut source: Option<(String, Span)> = None;
    // An XLIFF 2 segment's `state`, for its target.
    let mut segment_state: Option<UnitState> = None;
    // The length limit of the unit being read, and the file's profiles.
    let mut limit: Option<SizeLimit> = None;
    let mut profiles = Profiles::default();
    loop {
        match xml.next()? {
            Item::Eof => break,
            Item::End(name) => {
                if matches!(name.as_str(), "trans-unit" | "segment") {
                    // A source without a target: a missing translation, at
                    // the end of the source.
                    if let Some((src, span)) = source.take() {
                        let at = Span::new(span.end, span.end);
                        parsed.push_unit(text, unit_id.clone(), at, &[], src);
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
                match start.name.as_str() {
                    "file" => {
                        if let Some(s) = start.attr("source-language") {
                            parsed.lang.source.get_or_insert_with(|| s.to_owned());
                        }
                        if let Some(t) = start.attr("target-language") {
                            parsed.lang.target.get_or_insert_with(|| t.to_owned());
                        }
                    }
                    "trans-unit" | "unit" => {
                        unit_id = start.attr("id").map(str::to_owned);
                        source = None;
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
                        if let Some(id) = start.attr("id") {
                            unit_id = Some(id.to_owned());
                        }
                        segment_state = start.attr("state").map(state);
                        source = None;
                    }
                    "source" => {
                        let content = xml.content(&start, &CODE)?;
                        source = Some((content.decoded, content.span));
                    }
                    "target" => {
                        let target_state = start.attr("state").map(state);
                        let content = xml.content(&start, &CODE)?;
                        let (src, raw) = match source.take() {
                            Some((s, span)) => (s, Some(span)),
                            None => (String::new(), None),
                        };
                        parsed.push_unit(text, unit_id.clone(), content.span, &content.runs, src);
                        let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
                        meta.state = target_state.or(segment_state).unwrap_or_default();
                        meta.source_raw = raw;
                        meta.size_limit = limit;
                    }
                    "alt-trans" | "note" | "notes" | "originalData" | "seg-source" | "header"
                    | "context-group" | "ignorable" => skip(&mut xml, &start)?,
                    _ => {}
                }
            }
        }
    }
    if !seen_root {
        return Err(Malformed::new(0, "expected an `<xliff>` document"));
    }
    parsed.escapes = xml.cdata.into_iter().map(|s| (s, Escape::Cdata)).collect();
    Ok(parsed)
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

    #[test]
    fn workflow_states() {
        let text = r#"<xliff version="1.2"><file><body>
<trans-unit id="1"><source>a</source><target state="needs-review-translation">b</target></trans-unit>
<trans-unit id="2"><source>a</source><target state="new">a</target></trans-unit>
<trans-unit id="3"><source>a</source><target state="final">b</target></trans-unit>
</body></file></xliff>"#;
        let states: Vec<UnitState> = parse(text)
            .unwrap()
            .units
            .iter()
            .map(|u| u.meta.state)
            .collect();
        assert_eq!(
            states,
            [
                UnitState::Draft,
                UnitState::Untranslated,
                UnitState::Translated
            ]
        );
        let text = r#"<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment state="initial"><source>a</source><target>a</target></segment><segment state="reviewed"><source>b</source><target>c</target></segment></unit></file></xliff>"#;
        let states: Vec<UnitState> = parse(text)
            .unwrap()
            .units
            .iter()
            .map(|u| u.meta.state)
            .collect();
        assert_eq!(states, [UnitState::Untranslated, UnitState::Translated]);
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
