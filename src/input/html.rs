//! HTML: the text of the body and the `alt` and `title` attributes; the
//! head, `script`, `style`, `code`, `pre`, `textarea` and other attributes
//! left out. The root element's `lang` is the target language. Character references split the text into literal runs (see the
//! module docs of [`super`]).

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{Parsed, Piece, split_at_references};
use crate::text::{Escape, Span};

/// Elements whose content is not prose.
const SKIPPED: [&[u8]; 9] = [
    b"head",
    b"script",
    b"style",
    b"code",
    b"pre",
    b"textarea",
    b"template",
    b"svg",
    b"math",
];

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed {
        escape: Escape::Xml,
        ..Parsed::default()
    };
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    // Open skipped elements, innermost last.
    let mut skipping: Vec<Vec<u8>> = Vec::new();
    let mut runs: Vec<Vec<Piece>> = Vec::new();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                // The root element's `lang` is the language the page is
                // written in: for a translation, its target.
                if name == b"html"
                    && parsed.lang.target.is_none()
                    && let Some(value) = tag
                        .attributes
                        .get(&b"lang"[..])
                        .or_else(|| tag.attributes.get(&b"xml:lang"[..]))
                {
                    let code = String::from_utf8_lossy(&value.value).trim().to_owned();
                    parsed.lang.target = (!code.is_empty()).then_some(code);
                }
                if skipping.is_empty() {
                    for attr in [&b"alt"[..], b"title"] {
                        if let Some(value) = tag.attributes.get(attr)
                            && let Some(span) =
                                attribute_value(text, value.span.start, value.span.end)
                        {
                            runs.push(split_at_references(text, span, decode));
                        }
                    }
                }
                if !tag.self_closing && SKIPPED.contains(&name.as_slice()) {
                    skipping.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(i) = skipping.iter().rposition(|n| *n == name) {
                    skipping.truncate(i);
                }
            }
            Token::String(s) if skipping.is_empty() => {
                let span = Span::new(s.span.start, s.span.end);
                if span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
                {
                    runs.push(split_at_references(text, span, decode));
                }
            }
            _ => {}
        }
        for run in runs.drain(..) {
            parsed.push_run(text, &run, None, true);
        }
    }
    parsed
}

/// A character reference as the HTML tokenizer decodes it (unchanged when
/// it is none, as `&T` in `AT&T`).
pub(super) fn decode(reference: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(reference).flatten() {
        if let Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s.value));
        }
    }
    out
}

/// The value's bytes in an attribute's span (`name="value"`), quotes
/// excluded.
fn attribute_value(text: &str, start: usize, end: usize) -> Option<Span> {
    let raw = text.get(start..end)?;
    let eq = raw.find('=')?;
    let after = &raw[eq + 1..];
    let value_start = start + eq + 1 + (after.len() - after.trim_start().len());
    let value = &text[value_start..end];
    let span = match value.chars().next() {
        Some(q @ ('"' | '\'')) if value.len() >= 2 && value.ends_with(q) => {
            Span::new(value_start + 1, end - 1)
        }
        _ => Span::new(value_start, end),
    };
    (!span.is_empty()).then_some(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_and_alt() {
        let text = "<!DOCTYPE html><html><head><title>vs</title><style>p{}</style></head><body>\n<p class=\"vs\">Tom &amp; Jerry</p><script>var vs = 1 < 2;</script><pre>vs</pre><img alt='An image' src=x.png><p title=\"A title\">caf&eacute;</p></body></html>";
        let parsed = parse(text);
        let got = parsed.segment_texts(text);
        assert_eq!(got, ["\n", "Tom ", " Jerry", "An image", "A title", "caf"]);
        let joined: Vec<&str> = parsed.joined.iter().map(|j| j.text.as_str()).collect();
        assert_eq!(joined, ["Tom & Jerry", "café"]);
        assert_eq!(parsed.lang, crate::text::Lang::default());
    }

    #[test]
    fn the_root_lang_is_the_target() {
        let text = "<!DOCTYPE html><html lang=\"en-GB\"><body><p lang=\"fr\">vs</p></body></html>";
        let parsed = parse(text);
        assert_eq!(parsed.lang.target.as_deref(), Some("en-GB"));
        assert_eq!(parsed.lang.source, None);
    }
}
