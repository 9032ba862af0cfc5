//! What XLIFF and TMX share: an XML reader that keeps byte offsets, and the
//! collection of one element's text content.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Malformed, Piece};
use crate::text::Span;

/// An XML element start, with its attributes decoded.
pub(super) struct Start {
    /// Local name (namespace prefix dropped).
    pub name: String,
    /// Attributes by local name, except `xml:lang`, kept whole.
    pub attrs: Vec<(String, String)>,
    /// `<name/>`: no content, no end tag.
    pub empty: bool,
    /// The start tag's bytes.
    pub span: Span,
}

impl Start {
    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An element's text: its runs (text between inline elements), and the
/// decoded text.
pub(super) struct Content {
    /// Runs of text and references, in order; inline markup ends a run.
    pub runs: Vec<Vec<Piece>>,
    /// The text with references decoded and inline code left out.
    pub decoded: String,
    /// From the end of the start tag to the start of the end tag; empty at
    /// the end of `<name/>`.
    pub span: Span,
}

/// Element events of an XML file, with byte offsets.
pub(super) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    /// Where the reader's input starts in `text`: after a byte order mark,
    /// which the reader would otherwise skip without counting it.
    base: usize,
    open: Vec<String>,
    /// The contents of the CDATA sections read so far, in order: text
    /// written there is not escaped.
    pub cdata: Vec<Span>,
}

/// Either a start or an end of an element.
pub(super) enum Item {
    Start(Start),
    End(String),
    Eof,
}

impl<'a> Xml<'a> {
    pub(crate) fn new(text: &'a str) -> Xml<'a> {
        let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut reader = Reader::from_str(&text[base..]);
        reader.config_mut().check_end_names = true;
        Xml {
            reader,
            text,
            base,
            open: Vec::new(),
            cdata: Vec::new(),
        }
    }

    fn pos(&self) -> usize {
        self.base
            + usize::try_from(self.reader.buffer_position()).expect("offsets of a string fit usize")
    }

    fn event(&mut self) -> Result<(Event<'a>, Span), Malformed> {
        let start = self.pos();
        match self.reader.read_event() {
            Ok(event) => Ok((event, Span::new(start, self.pos()))),
            Err(e) => {
                let offset =
                    usize::try_from(self.reader.error_position()).map_or(start, |p| self.base + p);
                Err(Malformed::new(offset, e.to_string()))
            }
        }
    }

    fn start(&self, e: &BytesStart<'_>, span: Span, empty: bool) -> Result<Start, Malformed> {
        let name = local(e.local_name().as_ref());
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| Malformed::new(span.start, err.to_string()))?;
            let key = attr.key.as_ref();
            let key = if key == "xml:lang" {
                "xml:lang".to_owned()
            } else {
                local(attr.key.local_name().as_ref())
            };
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| Malformed::new(span.start, err.to_string()))?;
            attrs.push((key, value.into_owned()));
        }
        Ok(Start {
            name,
            attrs,
            empty,
            span,
        })
    }

    /// The next element start or end; text between elements is skipped.
    pub(crate) fn next(&mut self) -> Result<Item, Malformed> {
        loop {
            let (event, span) = self.event()?;
            match event {
                Event::Start(e) => {
                    let start = self.start(&e, span, false)?;
                    self.open.push(start.name.clone());
                    return Ok(Item::Start(start));
                }
                Event::Empty(e) => return Ok(Item::Start(self.start(&e, span, true)?)),
                Event::End(e) => {
                    self.open.pop();
                    return Ok(Item::End(local(e.local_name().as_ref())));
                }
                Event::Eof => {
                    if let Some(name) = self.open.last() {
                        return Err(Malformed::new(
                            self.text.len(),
                            format!("expected `</{name}>` before the end of the file"),
                        ));
                    }
                    return Ok(Item::Eof);
                }
                _ => {}
            }
        }
    }

    /// The content of `start` (just returned by [`Xml::next`]), up to and
    /// including its end tag. Elements named in `code` are inline code:
    /// their text is neither checked nor part of the decoded text.
    pub(crate) fn content(&mut self, start: &Start, code: &[&str]) -> Result<Content, Malformed> {
        if start.empty {
            return Ok(Content {
                runs: Vec::new(),
                decoded: String::new(),
                span: Span::new(start.span.end, start.span.end),
            });
        }
        let begin = start.span.end;
        let mut runs: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut decoded = String::new();
        let mut depth = 0usize;
        let mut in_code = 0usize;
        loop {
            let (event, span) = self.event()?;
            if matches!(event, Event::Start(_) | Event::End(_) | Event::Empty(_))
                && runs.last().is_some_and(|r| !r.is_empty())
            {
                runs.push(Vec::new());
            }
            let run = runs.last_mut().expect("never empty");
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if in_code > 0 || code.contains(&local(e.local_name().as_ref()).as_str()) {
                        in_code += 1;
                    }
                }
                Event::Empty(_) => {}
                Event::End(e) => {
                    if depth == 0 {
                        self.open.pop();
                        debug_assert_eq!(local(e.local_name().as_ref()), start.name);
                        runs.retain(|r| !r.is_empty());
                        return Ok(Content {
                            runs,
                            decoded,
                            span: Span::new(begin, span.start),
                        });
                    }
                    depth -= 1;
                    in_code = in_code.saturating_sub(1);
                }
                Event::Text(_) if in_code == 0 => {
                    let raw = &self.text[span.range()];
                    decoded.push_str(raw);
                    run.push(Piece::literal(span));
                }
                Event::CData(_) if in_code == 0 => {
                    // `<![CDATA[` and `]]>` around the literal text.
                    let inner = Span::new(span.start + 9, span.end - 3);
                    self.cdata.push(inner);
                    decoded.push_str(&self.text[inner.range()]);
                    run.push(Piece::literal(inner));
                }
                Event::GeneralRef(r) if in_code == 0 => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                            .map(str::to_owned)
                            .ok_or_else(|| {
                                Malformed::new(span.start, format!("unknown entity `&{};`", &*r))
                            })?,
                        Err(e) => return Err(Malformed::new(span.start, e.to_string())),
                    };
                    decoded.push_str(&resolved);
                    run.push(Piece::decoded(span, resolved));
                }
                Event::Eof => {
                    return Err(Malformed::new(
                        self.text.len(),
                        format!("expected `</{}>` before the end of the file", start.name),
                    ));
                }
                _ => {}
            }
        }
    }
}

fn local(name: &str) -> String {
    name.to_owned()
}

/// Checks that the document's first element, `start`, is `<name>`.
pub(super) fn expect_root(start: &Start, name: &str) -> Result<(), Malformed> {
    if start.name == name {
        Ok(())
    } else {
        Err(Malformed::new(
            start.span.start,
            format!(
                "expected the root element `<{name}>`, found `<{}>`",
                start.name
            ),
        ))
    }
}

/// Skips everything up to the end of the element `start` just returned.
pub(super) fn skip(xml: &mut Xml<'_>, start: &Start) -> Result<(), Malformed> {
    if !start.empty {
        xml.content(start, &[])?;
    }
    Ok(())
}
