//! Android `res/values*/strings.xml`: `<string name>`, each `<item
//! quantity>` of `<plurals name>` (key `name[one]`) and each `<item>` of
//! `<string-array name>` (key `name[0]`). Resources marked
//! `translatable="false"` are not checked. Besides XML's own references and
//! CDATA, Android reads backslash escapes (`\'`, `\"`, `\n`, `\t`, `\@`,
//! `\?`, `\\`, `\uXXXX`) and takes unescaped double quotes as marks that
//! keep white space, not text; outside them a run of white space is one
//! space, and none at either end of the value. All of it is decoded here,
//! as pieces, so spans stay on the file's bytes. The text inside inline elements (`<b>`, `<xliff:g>`) is
//! checked; the elements themselves are markup between runs. No entity is
//! expanded: a reference other than XML's five and character references is
//! an error.

use super::{Entries, Entry, PLURAL_CATEGORIES, split_escapes, unicode_escape};
use crate::input::xml::{Content, Item, Start, Xml, expect_root, skip};
use crate::input::{Malformed, Piece};
use crate::text::Span;

pub(in crate::input) fn entries(
    text: &str,
) -> Result<(Entries, Vec<crate::text::Span>), Malformed> {
    let mut out = Entries::default();
    let mut xml = Xml::new(text);
    let mut seen_root = false;
    // The `<plurals>` or `<string-array>` being read: its name, whether its
    // items are plural forms, and the number of items so far.
    let mut group: Option<(String, bool, usize)> = None;
    // Every item of a group repeats its name in its key: a long name over
    // many items could otherwise make far more key bytes than the file has.
    let mut key_budget = text.len().saturating_mul(16) + (1 << 20);
    loop {
        match xml.next()? {
            Item::Eof => break,
            Item::End(name) => {
                if name == "plurals" || name == "string-array" {
                    group = None;
                }
            }
            Item::Start(start) => {
                if !seen_root {
                    expect_root(&start, "resources")?;
                    seen_root = true;
                    continue;
                }
                let translatable = start.attr("translatable") != Some("false");
                match (start.name, &mut group) {
                    ("string", None) if translatable => {
                        let key = name(&start)?.to_owned();
                        let content = xml.content(&start, &[])?;
                        out.entries.push(entry(text, key, content));
                    }
                    ("plurals" | "string-array", None) if translatable && !start.empty => {
                        group = Some((name(&start)?.to_owned(), start.name == "plurals", 0));
                    }
                    ("item", Some((group_name, plural, n))) => {
                        key_budget = key_budget
                            .checked_sub(2 * group_name.len() + 8)
                            .ok_or_else(|| {
                                Malformed::new(
                                    start.span.start,
                                    "keys too long: the names of `<plurals>` and `<string-array>` repeated in their items add up to more than 16 times the file's size",
                                )
                            })?;
                        let content = xml.content(&start, &[])?;
                        if *plural {
                            let quantity = start.attr("quantity").unwrap_or_default();
                            let Some(category) = PLURAL_CATEGORIES.iter().find(|c| **c == quantity)
                            else {
                                return Err(Malformed::new(
                                    start.span.start,
                                    "expected `quantity` to be one of zero, one, two, few, many, other",
                                ));
                            };
                            let mut e = entry(text, format!("{group_name}[{quantity}]"), content);
                            e.base.clone_from(group_name);
                            e.plural = Some(category);
                            out.entries.push(e);
                        } else {
                            out.entries
                                .push(entry(text, format!("{group_name}[{n}]"), content));
                            *n += 1;
                        }
                    }
                    _ => skip(&mut xml, &start)?,
                }
            }
        }
    }
    if !seen_root {
        return Err(Malformed::new(0, "expected a `<resources>` document"));
    }
    Ok((out, xml.cdata))
}

fn name<'s>(start: &'s Start<'_>) -> Result<&'s str, Malformed> {
    start.attr("name").ok_or_else(|| {
        Malformed::new(
            start.span.start,
            format!("expected a `name` attribute on `<{}>`", start.name),
        )
    })
}

/// An entry of an element's content, Android's escapes decoded.
fn entry(text: &str, key: String, content: Content) -> Entry {
    let mut runs = Vec::with_capacity(content.runs.len());
    // What the escapes decode to is read off the pieces below, once the
    // quote marks are split off too.
    let mut scratch = String::new();
    let mut quoted = false;
    let mut blanks: Vec<Vec<bool>> = Vec::with_capacity(content.runs.len());
    for raw_run in content.runs {
        let mut run = Vec::new();
        for piece in raw_run {
            match piece.decoded {
                Some(_) => run.push(piece),
                None => split_escapes(text, piece.raw, &mut run, &mut scratch, unescape),
            }
        }
        // Quote marks are escapes of their own, decoding to nothing; outside
        // them, as Android reads a string, a run of white space is one
        // space (a piece decoding to it, unless it is one already).
        let mut split = Vec::with_capacity(run.len());
        let mut blank = Vec::with_capacity(run.len());
        for piece in run {
            if piece.decoded.is_some() {
                split.push(piece);
                blank.push(false);
                continue;
            }
            let bytes = text.as_bytes();
            let mut i = piece.raw.start;
            while i < piece.raw.end {
                let b = bytes[i];
                let len = if b == b'"' {
                    1
                } else if !quoted && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                    bytes[i..piece.raw.end]
                        .iter()
                        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                        .count()
                } else {
                    bytes[i..piece.raw.end]
                        .iter()
                        .take_while(|&&b| {
                            b != b'"' && (quoted || !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                        })
                        .count()
                };
                let span = Span::new(i, i + len);
                if b == b'"' {
                    quoted = !quoted;
                    split.push(Piece::decoded(span, ""));
                    blank.push(false);
                } else if !quoted && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                    split.push(if &text[span.range()] == " " {
                        Piece::literal(span)
                    } else {
                        Piece::decoded(span, " ")
                    });
                    blank.push(true);
                } else {
                    split.push(Piece::literal(span));
                    blank.push(false);
                }
                i += len;
            }
        }
        runs.push(split);
        blanks.push(blank);
    }
    // White space outside quotes at either end of the value is dropped.
    trim_blanks(&mut runs, &blanks, false);
    trim_blanks(&mut runs, &blanks, true);
    let decoded = decoded_text(&runs, text);
    Entry::new(key, content.span, runs, decoded)
}

/// Makes the white space pieces (`blanks`) at the start of `runs` (at the
/// end, if `from_end`) decode to nothing, up to the first piece of text.
fn trim_blanks(runs: &mut [Vec<Piece>], blanks: &[Vec<bool>], from_end: bool) {
    let mut at: Vec<(usize, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(r, run)| (0..run.len()).map(move |p| (r, p)))
        .collect();
    if from_end {
        at.reverse();
    }
    for (r, p) in at {
        let piece = &mut runs[r][p];
        if blanks[r][p] {
            piece.decoded = Some(String::new());
        } else if piece.decoded.as_deref() != Some("") {
            return;
        }
    }
}

/// The decoded text of `runs`: escapes decoded, quote marks left out.
fn decoded_text(runs: &[Vec<Piece>], text: &str) -> String {
    let mut out = String::new();
    for piece in runs.iter().flatten() {
        match &piece.decoded {
            Some(d) => out.push_str(d),
            None => out.push_str(&text[piece.raw.range()]),
        }
    }
    out
}

/// An Android escape at the backslash starting `s`.
fn unescape(s: &str) -> Option<(usize, String)> {
    let c = match s.as_bytes().get(1)? {
        b'u' => return unicode_escape(s),
        b'n' => '\n',
        b't' => '\t',
        b'\'' => '\'',
        b'"' => '"',
        b'@' => '@',
        b'?' => '?',
        b'\\' => '\\',
        _ => return None,
    };
    Some((2, c.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_plurals_arrays_and_escapes() {
        let text = r#"<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <string name="app" translatable="false">MyApp</string>
    <string name="hello">Don\'t say \"hi\" to <xliff:g id="name" example="Bob">%1$s</xliff:g>!\n</string>
    <string name="q">"  kept  "</string>
    <string name="cdata"><![CDATA[<b>%d</b> files]]></string>
    <plurals name="songs">
        <item quantity="one">%d song &amp; more</item>
        <item quantity="other">%d songs</item>
    </plurals>
    <string-array name="days"><item>Mon</item><item>Tue</item></string-array>
    <color name="red">#f00</color>
</resources>"#;
        let (got, cdata) = entries(text).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = got
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.decoded.as_str(), e.plural))
            .collect();
        assert_eq!(
            got,
            [
                ("hello", "Don't say \"hi\" to %1$s!\n", None),
                ("q", "  kept  ", None),
                ("cdata", "<b>%d</b> files", None),
                ("songs[one]", "%d song & more", Some("one")),
                ("songs[other]", "%d songs", Some("other")),
                ("days[0]", "Mon", None),
                ("days[1]", "Tue", None),
            ]
        );
        assert_eq!(cdata.len(), 1);
    }

    #[test]
    fn pieces_are_the_file_bytes() {
        let text = "<resources><string name=\"a\">It\\'s \"x\"</string></resources>";
        let (got, _) = entries(text).unwrap();
        let raw: Vec<(&str, Option<&str>)> = got.entries[0].runs[0]
            .iter()
            .map(|p| (&text[p.raw.range()], p.decoded.as_deref()))
            .collect();
        assert_eq!(
            raw,
            [
                ("It", None),
                ("\\'", Some("'")),
                ("s", None),
                (" ", None),
                ("\"", Some("")),
                ("x", None),
                ("\"", Some(""))
            ]
        );
    }

    #[test]
    fn white_space_outside_quotes_is_read_as_android_reads_it() {
        let text = "<resources><string name=\"a\">\n    Two\n    lines,  <b>bold</b> \"  kept  \"\n</string></resources>";
        let (got, _) = entries(text).unwrap();
        assert_eq!(got.entries[0].decoded, "Two lines, bold   kept  ");
        for piece in got.entries[0].runs.iter().flatten() {
            assert!(text.is_char_boundary(piece.raw.start) && text.is_char_boundary(piece.raw.end));
        }
    }

    #[test]
    fn long_group_names_over_many_items_are_refused_fast() {
        let name = "n".repeat(1 << 16);
        let items = "<item>x</item>".repeat(20_000);
        let text =
            format!("<resources><string-array name=\"{name}\">{items}</string-array></resources>");
        let err = entries(&text).err().unwrap();
        assert!(err.message.contains("keys too long"), "{}", err.message);
    }

    #[test]
    fn malformed_resources() {
        let cases: [(&str, &str); 4] = [
            ("<resource/>", "`<resources>`"),
            ("<resources><string>x</string></resources>", "`name`"),
            (
                "<resources><plurals name=\"p\"><item quantity=\"lots\">x</item></plurals></resources>",
                "quantity",
            ),
            (
                "<resources><string name=\"a\">&ent;</string></resources>",
                "entity",
            ),
        ];
        for (text, needle) in cases {
            let err = entries(text).err().unwrap();
            assert!(err.message.contains(needle), "{text}: {}", err.message);
        }
    }
}
