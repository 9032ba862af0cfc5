//! What XLIFF and TMX share: an XML reader that keeps byte offsets, and the
//! collection of one element's text content.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};

use super::{Malformed, Piece};
use crate::text::Span;

/// An XML element start, with its attributes decoded. Names and values
/// are borrowed from the file's text (a value only when it needs no
/// decoding): a unit has half a dozen elements, and copying each name and
/// attribute was a tenth of reading an XLIFF file.
pub(super) struct Start<'a> {
    /// Local name (namespace prefix dropped).
    pub name: &'a str,
    /// Attributes by local name, except `xml:lang`, kept whole.
    pub attrs: Vec<(&'a str, Cow<'a, str>)>,
    /// `<name/>`: no content, no end tag.
    pub empty: bool,
    /// The start tag's bytes.
    pub span: Span,
}

impl<'a> Start<'a> {
    fn value(&self, name: &str) -> Option<&Cow<'a, str>> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.value(name).map(AsRef::as_ref)
    }

    /// The value of attribute `name`, to keep after the start: borrowed
    /// from the file's text unless it had to be decoded.
    pub(crate) fn attr_kept(&self, name: &str) -> Option<Cow<'a, str>> {
        self.value(name).cloned()
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

/// Where [`Xml::content_into`] writes an element's text: kept from one
/// element to the next, so that reading the source and the target of each
/// unit makes no allocation once the buffers have grown.
#[derive(Default)]
pub(super) struct ContentBuf {
    /// Runs of text and references, in order; inline markup ends a run.
    /// Only the first `used` are the element's; those after are empty,
    /// kept for their capacity.
    runs: Vec<Vec<Piece>>,
    used: usize,
    /// The text with references decoded and inline code left out.
    pub decoded: String,
}

impl ContentBuf {
    /// The element's runs of text, none of them empty.
    pub(crate) fn runs(&self) -> &[Vec<Piece>] {
        &self.runs[..self.used]
    }

    fn clear(&mut self) {
        for run in &mut self.runs[..self.used] {
            run.clear();
        }
        self.used = 0;
        self.decoded.clear();
    }

    /// Starts a run, unless the current one is still empty.
    fn new_run(&mut self) {
        if self.used > 0 && self.runs[self.used - 1].is_empty() {
            return;
        }
        if self.used == self.runs.len() {
            self.runs.push(Vec::new());
        }
        self.used += 1;
    }

    fn push(&mut self, piece: Piece) {
        self.runs[self.used - 1].push(piece);
    }

    /// Ends the element: a last run left empty is not one.
    fn finish(&mut self) {
        if self.used > 0 && self.runs[self.used - 1].is_empty() {
            self.used -= 1;
        }
    }
}

/// Element events of an XML file, with byte offsets.
pub(super) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    /// Where the reader's input starts in `text`: after a byte order mark,
    /// which the reader would otherwise skip without counting it.
    base: usize,
    open: Vec<&'a str>,
    /// The contents of the CDATA sections read so far, in order: text
    /// written there is not escaped.
    pub cdata: Vec<Span>,
    /// Where the text of skipped elements goes.
    scratch: ContentBuf,
    /// A list for the next start tag's attributes, given back by
    /// [`Xml::recycle`]: a unit's starts need one each.
    attrs: Vec<(&'a str, Cow<'a, str>)>,
}

/// Either a start or an end of an element.
pub(super) enum Item<'a> {
    Start(Start<'a>),
    End(&'a str),
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
            scratch: ContentBuf::default(),
            attrs: Vec::new(),
        }
    }

    fn pos(&self) -> usize {
        self.base
            + usize::try_from(self.reader.buffer_position()).expect("offsets of a string fit usize")
    }

    /// The next event and its bytes. `between` elements, where text is
    /// not read, the reader skips whitespace without making an event of
    /// it (the indentation of an XLIFF file is half of its events), and
    /// the span starts before the whitespace skipped.
    fn event(&mut self, between: bool) -> Result<(Event<'a>, Span), Malformed> {
        self.reader.config_mut().trim_text_start = between;
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

    /// The start tag `e`, which ends where `read` ends.
    fn start(
        &mut self,
        e: &BytesStart<'_>,
        read: Span,
        empty: bool,
    ) -> Result<Start<'a>, Malformed> {
        // The tag's name and attributes, as the file's text: the reader
        // reads a string, so the event holds the text between `<` and `>`
        // (`/>` if empty). Whitespace skipped before may be part of `read`.
        let span = Span::new(read.end - e.len() - if empty { 3 } else { 2 }, read.end);
        let inner = span.start + 1;
        let raw: &'a str = &self.text[inner..inner + e.len()];
        debug_assert_eq!(raw, &**e);
        debug_assert_eq!(self.text.as_bytes()[span.start], b'<');
        let name_len = e.name().as_ref().len();
        let name = local(&raw[..name_len]);
        let mut attrs = std::mem::take(&mut self.attrs);
        for attr in Attributes::new(raw, name_len) {
            let attr = attr.map_err(|err| Malformed::new(span.start, err.to_string()))?;
            let key = attr.key.into_inner();
            let key = if key == "xml:lang" { key } else { local(key) };
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| Malformed::new(span.start, err.to_string()))?;
            attrs.push((key, value));
        }
        Ok(Start {
            name,
            attrs,
            empty,
            span,
        })
    }

    /// Takes back the attribute list of `start`, done with, for the next
    /// start tag.
    pub(crate) fn recycle(&mut self, start: Start<'a>) {
        let mut attrs = start.attrs;
        attrs.clear();
        self.attrs = attrs;
    }

    /// The next element start or end; text between elements is skipped.
    pub(crate) fn next(&mut self) -> Result<Item<'a>, Malformed> {
        loop {
            let (event, span) = self.event(true)?;
            match event {
                Event::Start(e) => {
                    let start = self.start(&e, span, false)?;
                    self.open.push(start.name);
                    return Ok(Item::Start(start));
                }
                Event::Empty(e) => return Ok(Item::Start(self.start(&e, span, true)?)),
                Event::End(e) => {
                    // The reader checks that an end tag names the element
                    // it ends: the last one opened here, as the content of
                    // an element is read to its end by `content`.
                    let name = self.open.pop().unwrap_or_default();
                    debug_assert_eq!(local(e.name().into_inner()), name);
                    return Ok(Item::End(name));
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
    pub(crate) fn content(
        &mut self,
        start: &Start<'_>,
        code: &[&str],
    ) -> Result<Content, Malformed> {
        let mut buf = ContentBuf::default();
        let span = self.content_into(start, code, &mut buf)?;
        buf.runs.truncate(buf.used);
        Ok(Content {
            runs: buf.runs,
            decoded: buf.decoded,
            span,
        })
    }

    /// [`Xml::content`] written into `buf`, which is cleared first; the
    /// span from the end of the start tag to the start of the end tag
    /// (empty at the end of `<name/>`).
    pub(crate) fn content_into(
        &mut self,
        start: &Start<'_>,
        code: &[&str],
        buf: &mut ContentBuf,
    ) -> Result<Span, Malformed> {
        buf.clear();
        if start.empty {
            return Ok(Span::new(start.span.end, start.span.end));
        }
        let begin = start.span.end;
        buf.new_run();
        let mut depth = 0usize;
        let mut in_code = 0usize;
        loop {
            let (event, span) = self.event(false)?;
            if matches!(event, Event::Start(_) | Event::End(_) | Event::Empty(_)) {
                buf.new_run();
            }
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if in_code > 0 || code.contains(&e.local_name().into_inner()) {
                        in_code += 1;
                    }
                }
                Event::Empty(_) => {}
                Event::End(e) => {
                    if depth == 0 {
                        self.open.pop();
                        debug_assert_eq!(e.local_name().into_inner(), start.name);
                        buf.finish();
                        return Ok(Span::new(begin, span.start));
                    }
                    depth -= 1;
                    in_code = in_code.saturating_sub(1);
                }
                Event::Text(_) if in_code == 0 => {
                    buf.decoded.push_str(&self.text[span.range()]);
                    buf.push(Piece::literal(span));
                }
                Event::CData(_) if in_code == 0 => {
                    // `<![CDATA[` and `]]>` around the literal text.
                    let inner = Span::new(span.start + 9, span.end - 3);
                    self.cdata.push(inner);
                    buf.decoded.push_str(&self.text[inner.range()]);
                    buf.push(Piece::literal(inner));
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
                    buf.decoded.push_str(&resolved);
                    buf.push(Piece::decoded(span, resolved));
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

/// A name without its namespace prefix (up to the first `:`). Names are a
/// few bytes long: a plain loop over them costs less than quick-xml's
/// general search.
fn local(name: &str) -> &str {
    match name.bytes().position(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// Checks that the document's first element, `start`, is `<name>`.
pub(super) fn expect_root(start: &Start<'_>, name: &str) -> Result<(), Malformed> {
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
pub(super) fn skip(xml: &mut Xml<'_>, start: &Start<'_>) -> Result<(), Malformed> {
    if !start.empty {
        let mut scratch = std::mem::take(&mut xml.scratch);
        let read = xml.content_into(start, &[], &mut scratch);
        xml.scratch = scratch;
        read?;
    }
    Ok(())
}
