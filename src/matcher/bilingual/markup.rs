//! `heuristic:tag-mismatch`: the inline markup of a target must be that of
//! its source: XLIFF inline codes in the file's own markup, and HTML tags
//! in the (decoded) text of any bilingual format.

/// One tag: its bytes in the scanned text and the form it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tag {
    /// Byte offset of its start in the scanned text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// `<name attr="value">` with the attributes that must not change, in
    /// order; `</name>` for an end tag; with the content for a code element
    /// that holds native code (`<ph id="1">{b}</ph>`).
    pub key: String,
    /// The tag's element name, lower-cased.
    pub name: String,
    /// What kind of tag it is, for the nesting check.
    pub kind: Kind,
    /// For an XLIFF start or end code, the id that pairs it (`bpt`/`ept`
    /// `rid` or `id`, `sc` `id`/`ec` `startRef`).
    pub pair_id: Option<String>,
}

/// Whether a tag opens, closes or stands alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An opening tag with content to come (`<b>`, `<g>`).
    Open,
    /// A closing tag (`</b>`).
    Close,
    /// A tag that stands alone (`<br>`, `<x/>`, `<ph>…</ph>`).
    Empty,
    /// An XLIFF code that begins a paired run (`bpt`, `sc`).
    Begin,
    /// An XLIFF code that ends one (`ept`, `ec`).
    End,
}

/// HTML elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Attributes whose values are text for readers, translated with the
/// rest.
const TRANSLATABLE: [&str; 9] = [
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "label",
    "summary",
    "disp",
    "equiv-text",
];

/// XLIFF 1.2 and 2.x inline code elements.
const XLIFF_CODES: [&str; 11] = [
    "g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "pc", "sc", "ec",
];

/// Code elements whose content is native code, compared with the element.
const WITH_CONTENT: [&str; 4] = ["ph", "bpt", "ept", "it"];

/// The most bytes an attribute value may have.
const MAX_VALUE: usize = 4096;

/// A tag's name and attributes, read from the `<` at `i`, with where it
/// ends and whether it closes itself or is an end tag.
struct RawTag<'t> {
    end: usize,
    name: &'t str,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(&'t str, &'t str)>,
}

fn read_tag(text: &str, i: usize) -> Option<RawTag<'_>> {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    let closing = bytes.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes
        .get(j)
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
    {
        j += 1;
    }
    let name = &text[name_start..j];
    let mut attrs = Vec::new();
    loop {
        let before = j;
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match *bytes.get(j)? {
            b'>' => {
                return Some(RawTag {
                    end: j + 1,
                    name,
                    closing,
                    self_closing: false,
                    attrs,
                });
            }
            b'/' if bytes.get(j + 1) == Some(&b'>') && !closing => {
                return Some(RawTag {
                    end: j + 2,
                    name,
                    closing,
                    self_closing: true,
                    attrs,
                });
            }
            _ if j == before || closing => return None,
            _ => {}
        }
        let attr_start = j;
        // An attribute name starts with a letter: `<a rel="x" …>` and
        // `<a rel=\"x\" ...>`, an ellipsis in the place of attributes, are
        // prose about a tag, not one.
        if !bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b':' | b'@'))
        {
            return None;
        }
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_' | b'.'))
        {
            j += 1;
        }
        if j == attr_start {
            return None;
        }
        let attr = &text[attr_start..j];
        let mut value = "";
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            let quote = *bytes.get(j)?;
            if quote == b'"' || quote == b'\'' {
                // A quote left open is not searched for past a bound: a
                // text of many `<a x="` stays linear.
                let window = &bytes[j + 1..bytes.len().min(j + 1 + MAX_VALUE)];
                let close = memchr::memchr(quote, window)?;
                value = &text[j + 1..j + 1 + close];
                j += close + 2;
            } else {
                let start = j;
                while bytes
                    .get(j)
                    .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>' && *b != b'<')
                {
                    j += 1;
                }
                value = &text[start..j];
            }
        }
        attrs.push((attr, value));
    }
}

fn key_of(raw: &RawTag<'_>, content: Option<&str>) -> String {
    let mut key = String::with_capacity(raw.name.len() + 2);
    key.push('<');
    if raw.closing {
        key.push('/');
    }
    key.push_str(&raw.name.to_ascii_lowercase());
    let mut attrs: Vec<&(&str, &str)> = raw
        .attrs
        .iter()
        .filter(|(a, _)| {
            let a = a.to_ascii_lowercase();
            !TRANSLATABLE.contains(&a.as_str()) && !a.starts_with("disp") && !a.starts_with("equiv")
        })
        .collect();
    attrs.sort();
    for (a, v) in attrs {
        key.push(' ');
        key.push_str(a);
        key.push_str("=\"");
        // A link to the page in the translation's own language is the
        // same link.
        if a.eq_ignore_ascii_case("href") || a.eq_ignore_ascii_case("src") {
            key.push_str(&super::urls::key(v));
        } else {
            key.push_str(v);
        }
        key.push('"');
    }
    key.push('>');
    if let Some(c) = content {
        key.push_str(c);
        key.push_str("</>");
    }
    key
}

/// The HTML tags of decoded text. A `<` that starts no well-formed tag
/// (`a < b`, `<3`) is text, and so is a "tag" in doubled angle brackets
/// (`<<original entry>>`, the angle quotes of plain-text messages).
pub(super) fn html(text: &str, out: &mut Vec<Tag>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        i += found;
        let Some(raw) = read_tag(text, i) else {
            i += 1;
            continue;
        };
        if i > 0 && bytes[i - 1] == b'<' && bytes.get(raw.end) == Some(&b'>') {
            i = raw.end;
            continue;
        }
        let name = raw.name.to_ascii_lowercase();
        let kind = if raw.closing {
            Kind::Close
        } else if raw.self_closing || VOID.contains(&name.as_str()) {
            Kind::Empty
        } else {
            Kind::Open
        };
        out.push(Tag {
            start: i,
            end: raw.end,
            key: key_of(&raw, None),
            name,
            kind,
            pair_id: None,
        });
        i = raw.end;
    }
}

/// The XLIFF inline codes of the raw markup of a source or target (the
/// file's bytes between `<source>` and `</source>`).
pub(super) fn xliff(text: &str, out: &mut Vec<Tag>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // For each code of WITH_CONTENT, where a search for its close tag
    // failed: none follows from there, so the text is searched once.
    let mut unclosed = [usize::MAX; WITH_CONTENT.len()];
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        i += found;
        let Some(raw) = read_tag(text, i) else {
            i += 1;
            continue;
        };
        if !XLIFF_CODES.contains(&raw.name) {
            i = raw.end;
            continue;
        }
        let attr = |n: &str| raw.attrs.iter().find(|(a, _)| *a == n).map(|(_, v)| *v);
        let mut end = raw.end;
        let mut content = None;
        // A code with native code inside is read whole: its content is
        // part of what must not change.
        let with_content = WITH_CONTENT.iter().position(|&n| n == raw.name);
        if let Some(k) =
            with_content.filter(|&k| !raw.closing && !raw.self_closing && raw.end < unclosed[k])
        {
            let close = format!("</{}>", raw.name);
            match text[raw.end..].find(&close) {
                Some(at) => {
                    content = Some(&text[raw.end..raw.end + at]);
                    end = raw.end + at + close.len();
                }
                None => unclosed[k] = raw.end,
            }
        }
        let kind = match (raw.name, raw.closing) {
            (_, true) => Kind::Close,
            ("bpt" | "sc", _) => Kind::Begin,
            ("ept" | "ec", _) => Kind::End,
            ("g" | "pc", _) if !raw.self_closing => Kind::Open,
            _ => Kind::Empty,
        };
        let pair_id = match raw.name {
            "bpt" | "ept" => attr("rid").or_else(|| attr("id")),
            "sc" => attr("id"),
            "ec" => attr("startRef").or_else(|| attr("id")),
            _ => None,
        }
        .map(str::to_owned);
        out.push(Tag {
            start: i,
            end,
            key: key_of(&raw, content),
            name: raw.name.to_owned(),
            kind,
            pair_id,
        });
        i = end;
    }
}

/// Whether the tags nest: each close ends the innermost open element,
/// and each paired code ends after it begins. The first tag that breaks
/// it, if any.
pub(super) fn first_misnested(tags: &[Tag]) -> Option<&Tag> {
    let mut stack: Vec<&str> = Vec::new();
    // A set: a unit with thousands of paired codes stays linear.
    let mut begun: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for tag in tags {
        match tag.kind {
            Kind::Open => stack.push(&tag.name),
            Kind::Close => {
                if stack.pop() != Some(tag.name.as_str()) {
                    return Some(tag);
                }
            }
            Kind::Begin => begun.extend(tag.pair_id.as_deref()),
            Kind::End => {
                if let Some(id) = &tag.pair_id
                    && !begun.contains(id.as_str())
                {
                    return Some(tag);
                }
            }
            Kind::Empty => {}
        }
    }
    None
}

/// HTML elements of typography alone, which a language may need where
/// the source has none: French ordinals (`1<sup>er</sup>`), chemical
/// formulas, emphasis.
const TYPOGRAPHY: [&str; 7] = ["sup", "sub", "i", "em", "b", "strong", "small"];

/// Removes from `extra` (indexes into `html`, the target's HTML tags, in
/// order) each pair of a bare typographic start tag and its end tag that
/// the translation adds: `<sup>` and `</sup>` around a French ordinal
/// suffix change no markup of the source's. A start tag with attributes,
/// or one left unclosed, stays extra.
pub(super) fn drop_added_typography(html: &[Tag], extra: &mut Vec<usize>) {
    let mut open: Vec<usize> = Vec::new();
    let mut paired = Vec::new();
    for &i in extra.iter() {
        let Some(tag) = html.get(i) else {
            continue;
        };
        if !TYPOGRAPHY.contains(&tag.name.as_str()) {
            continue;
        }
        match tag.kind {
            Kind::Open if tag.key == format!("<{}>", tag.name) => open.push(i),
            Kind::Close => {
                if let Some(at) = open.iter().rposition(|&o| html[o].name == tag.name) {
                    paired.push(open.remove(at));
                    paired.push(i);
                }
            }
            _ => {}
        }
    }
    extra.retain(|i| !paired.contains(i));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, xliff_codes: bool) -> Vec<String> {
        let mut out = Vec::new();
        if xliff_codes {
            xliff(text, &mut out);
        } else {
            html(text, &mut out);
        }
        out.into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn html_tags_with_their_fixed_attributes() {
        assert_eq!(
            keys(
                r#"See <a title="Hi" href="/x" class=c>here</a> <br/>, a < b, <3"#,
                false
            ),
            [r#"<a class="c" href="/x">"#, "</a>", "<br>"]
        );
        assert_eq!(
            keys("<email@example.com> x </ b>", false),
            Vec::<String>::new()
        );
        assert_eq!(keys("<<original entry>>", false), Vec::<String>::new());
        assert_eq!(keys("<<b>bold</b>", false), ["<b>", "</b>"]);
    }

    #[test]
    fn xliff_codes_with_content() {
        assert_eq!(
            keys(
                r#"A <g id="1" ctype="bold">b</g> <x id="2"/> <ph id="3">{vs}</ph> <mrk mtype="x">m</mrk>"#,
                true
            ),
            [
                r#"<g ctype="bold" id="1">"#,
                "</g>",
                r#"<x id="2">"#,
                r#"<ph id="3">{vs}</>"#
            ]
        );
    }

    #[test]
    fn nesting() {
        let mut tags = Vec::new();
        html("<b><i>x</b></i>", &mut tags);
        assert_eq!(first_misnested(&tags).map(|t| t.start), Some(7));
        let mut tags = Vec::new();
        html("<b>x</b><br><i>y</i>", &mut tags);
        assert!(first_misnested(&tags).is_none());
        let mut tags = Vec::new();
        xliff(
            r#"<ept id="1">&lt;/b></ept> x <bpt id="1">&lt;b></bpt>"#,
            &mut tags,
        );
        assert_eq!(first_misnested(&tags).map(|t| t.start), Some(0));
    }
}
