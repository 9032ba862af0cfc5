//! TMX 1.4: each `<tu>` holds one `<tuv>` per language; the one in the
//! header's `srclang` is the source and the others are targets. Inline
//! codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) are kept out of the
//! checked text; the text of `<hi>` is checked.

use super::xml::{Content, Item, Xml, expect_root, skip};
use super::{Malformed, Parsed};
use crate::text::Escape;

const CODE: [&str; 6] = ["bpt", "ept", "ph", "it", "ut", "sub"];

pub(super) fn parse(text: &str) -> Result<Parsed, Malformed> {
    let mut parsed = Parsed {
        escape: Escape::Xml,
        ..Parsed::default()
    };
    let mut xml = Xml::new(text);
    let mut seen_root = false;
    let mut srclang: Option<String> = None;
    // The current unit: its id, the language of the `<tuv>` being read,
    // and each variant's (language, content).
    let mut tu_id: Option<String> = None;
    let mut tuv_lang: Option<String> = None;
    let mut variants: Vec<(Option<String>, Content)> = Vec::new();
    loop {
        match xml.next()? {
            Item::Eof => break,
            Item::End(name) => {
                if name == "tu" {
                    finish_tu(
                        &mut parsed,
                        text,
                        srclang.as_deref(),
                        tu_id.take(),
                        &mut variants,
                    );
                }
            }
            Item::Start(start) => {
                if !seen_root {
                    expect_root(&start, "tmx")?;
                    seen_root = true;
                    continue;
                }
                match start.name {
                    "header" => {
                        srclang = start
                            .attr("srclang")
                            .filter(|l| !l.eq_ignore_ascii_case("*all*"))
                            .map(str::to_owned);
                        parsed.lang.source.clone_from(&srclang);
                        skip(&mut xml, &start)?;
                    }
                    "tu" => {
                        tu_id = start.attr("tuid").map(str::to_owned);
                        variants.clear();
                    }
                    "tuv" => {
                        tuv_lang = start
                            .attr("xml:lang")
                            .or_else(|| start.attr("lang"))
                            .map(str::to_owned);
                    }
                    "seg" => {
                        let content = xml.content(&start, &CODE)?;
                        variants.push((tuv_lang.clone(), content));
                    }
                    "note" | "prop" => skip(&mut xml, &start)?,
                    _ => {}
                }
            }
        }
    }
    if !seen_root {
        return Err(Malformed::new(0, "expected a `<tmx>` document"));
    }
    parsed.escapes = xml.cdata.into_iter().map(|s| (s, Escape::Cdata)).collect();
    Ok(parsed)
}

/// Turns a unit's variants into units: the source variant (the header's
/// `srclang`, or the first) against each other.
fn finish_tu(
    parsed: &mut Parsed,
    text: &str,
    srclang: Option<&str>,
    id: Option<String>,
    variants: &mut Vec<(Option<String>, Content)>,
) {
    let same =
        |a: &Option<String>, b: &str| a.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(b));
    let source_at = match srclang {
        Some(lang) => variants.iter().position(|(l, _)| same(l, lang)),
        None => (!variants.is_empty()).then_some(0),
    };
    let Some(source_at) = source_at else {
        variants.clear();
        return;
    };
    let (_, source) = variants.remove(source_at);
    for (lang, target) in variants.drain(..) {
        if parsed.lang.target.is_none() {
            parsed.lang.target = lang;
        }
        parsed.push_unit(
            text,
            id.clone(),
            target.span,
            &target.runs,
            source.decoded.clone(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_by_srclang() {
        let text = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="nl" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body><tu tuid="7"><tuv xml:lang="en"><seg>Comfort <bpt i="1">&lt;b&gt;</bpt>girls<ept i="1">&lt;/b&gt;</ept></seg></tuv>
<tuv xml:lang="nl"><seg>Troostmeisjes</seg></tuv></tu></body></tmx>"#;
        let parsed = parse(text).unwrap();
        let pieces = parsed.segment_texts(text);
        assert_eq!(pieces, ["Comfort ", "girls"]);
        assert_eq!(parsed.units[0].source, "Troostmeisjes");
        assert_eq!(parsed.lang.pair().as_deref(), Some("nl-en"));
    }
}
