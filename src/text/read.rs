//! Reading input into [`Document`]s, and the errors bad input gets.

use std::fmt;
use std::path::{Path, PathBuf};

use super::{LineIndex, Span};

/// A stretch of a document that is checked: prose, as opposed to markup,
/// code or metadata that input formats leave out. In bilingual inputs it
/// carries the source-language text it translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where the segment's text is in the document, in bytes.
    pub span: Span,
    /// The source-language text this segment translates, when the input is
    /// bilingual.
    pub source: Option<String>,
}

/// One input, as read: the original bytes (never re-encoded) as a string,
/// with its line index and the segments that are checked.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user named it (or `-` for standard input); reports
    /// print it as it is.
    pub path: PathBuf,
    /// The whole file, byte for byte, BOM and CRLF included.
    pub text: String,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// The parts of `text` that are checked, in order, not overlapping. In
    /// plain text, one segment covers all of it.
    pub segments: Vec<Segment>,
    /// Bilingual inputs: each translation unit (a target with its source);
    /// empty for monolingual inputs.
    pub units: Vec<Unit>,
    /// The language pair, where the file says so (XLIFF `srcLang`/`trgLang`,
    /// TMX `srclang` and `xml:lang`, the PO `Language` header, a JSONL
    /// record's `lang`).
    pub lang: Lang,
    /// How text inserted into the file must be escaped (a suggestion that
    /// replaces a span).
    pub escape: Escape,
    /// Runs of segments that read as one text once the character
    /// references or escapes between them are decoded (`support&nbsp;vs`):
    /// glossary terms are matched in the decoded text, and their spans
    /// mapped back to the file. In order, not overlapping.
    pub joined: Vec<Joined>,
    /// Stretches of `text` written verbatim, whatever [`Document::escape`]
    /// says (XML CDATA sections): text inserted there is not escaped. In
    /// order, not overlapping.
    pub verbatim: Vec<Span>,
    /// When the document is one record of a JSON Lines stream: the record's
    /// id and line.
    pub record: Option<RecordRef>,
}

/// Which record of a JSON Lines stream a document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRef {
    /// The record's `id`, a JSON string or number, echoed in reports.
    pub id: serde_json::Value,
    /// The record's 1-based line in its file.
    pub line: usize,
}

/// Consecutive segments and the references or escapes around and between
/// them, decoded into one text, with the map back to the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// Indexes into [`Document::segments`] of the literal runs it joins.
    pub segments: std::ops::Range<usize>,
    /// The decoded text.
    pub text: String,
    /// Each piece: its range in `text`, its bytes in the file, and whether
    /// it is literal (decoded text equal to the file's, byte for byte).
    pieces: Vec<(Span, Span, bool)>,
}

impl Joined {
    /// Joins `pieces` of `file`: each a byte range of the file and, for a
    /// reference or escape, what it decodes to (`None` for literal text).
    pub fn new(
        segments: std::ops::Range<usize>,
        file: &str,
        pieces: &[(Span, Option<&str>)],
    ) -> Joined {
        let mut text = String::new();
        let mut mapped = Vec::with_capacity(pieces.len());
        for (raw, decoded) in pieces {
            let start = text.len();
            text.push_str(decoded.unwrap_or(&file[raw.range()]));
            mapped.push((Span::new(start, text.len()), *raw, decoded.is_none()));
        }
        Joined {
            segments,
            text,
            pieces: mapped,
        }
    }

    /// The file's bytes for `span` of the decoded text: a span that starts
    /// or ends inside a decoded reference takes the whole reference.
    pub fn to_file(&self, span: Span) -> Span {
        let start = self
            .pieces
            .iter()
            .find(|(d, _, _)| d.start <= span.start && span.start < d.end)
            .map_or_else(
                || self.pieces.last().map_or(0, |(_, r, _)| r.end),
                |(d, r, literal)| {
                    if *literal {
                        r.start + (span.start - d.start)
                    } else {
                        r.start
                    }
                },
            );
        let end = self
            .pieces
            .iter()
            .find(|(d, _, _)| d.start < span.end && span.end <= d.end)
            .map_or(start, |(d, r, literal)| {
                if *literal {
                    r.start + (span.end - d.start)
                } else {
                    r.end
                }
            });
        Span::new(start, end.max(start))
    }
}

/// A document's languages, as far as the file declares them: lower-case
/// codes such as `nl` and `en`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lang {
    /// The source language.
    pub source: Option<String>,
    /// The target language.
    pub target: Option<String>,
}

impl Lang {
    /// The pair as glossaries write it (`nl-en`), when both sides are known;
    /// region subtags are dropped (`nl-NL` counts as `nl`).
    pub fn pair(&self) -> Option<String> {
        let primary = |s: &str| s.split(['-', '_']).next().unwrap_or(s).to_ascii_lowercase();
        Some(format!(
            "{}-{}",
            primary(self.source.as_deref()?),
            primary(self.target.as_deref()?)
        ))
    }
}

/// One translation unit of a bilingual input: where its target is, which
/// segments hold the target's text, and the source it translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The unit's id in the file (XLIFF `id`, PO `msgctxt`, a row number),
    /// when it has one.
    pub id: Option<String>,
    /// From the start of the target's content to its end; empty (at the
    /// place a translation belongs) when the target is empty or missing.
    pub span: Span,
    /// Indexes into [`Document::segments`] of the target's text pieces
    /// (inline markup and escapes split a target into several).
    pub segments: std::ops::Range<usize>,
    /// The source text, markup left out and escapes decoded.
    pub source: String,
}

/// The escaping a text needs before it goes into a file of a format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Escape {
    /// Plain text and Markdown: as it is.
    #[default]
    None,
    /// XML and HTML: `&`, `<`, `>` and quotes as references.
    Xml,
    /// A gettext PO string: backslash escapes.
    Po,
    /// A quoted CSV or TSV field: double quotes doubled.
    CsvQuoted,
    /// An XML CDATA section: as it is, but for the `]]>` that would end it.
    Cdata,
}

impl Escape {
    /// `text` escaped for the format.
    pub fn apply(self, text: &str) -> String {
        match self {
            Escape::None => text.to_owned(),
            Escape::Xml => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '"' => out.push_str("&quot;"),
                        _ => out.push(c),
                    }
                }
                out
            }
            Escape::Po => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '"' => out.push_str("\\\""),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        _ => out.push(c),
                    }
                }
                out
            }
            Escape::CsvQuoted => text.replace('"', "\"\""),
            // `]]>` would end the section: it is split across two.
            Escape::Cdata => text.replace("]]>", "]]]]><![CDATA[>"),
        }
    }
}

impl Document {
    /// Makes a plain-text document (one segment covering the whole text)
    /// from text already known to be good.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Document {
        let text = text.into();
        let segments = vec![Segment {
            span: Span::new(0, text.len()),
            source: None,
        }];
        Document::with_segments(path, text, segments)
    }

    /// Makes a document whose checked parts are `segments`.
    ///
    /// # Panics
    ///
    /// When a segment is out of bounds, not on char boundaries, or the
    /// segments overlap or are out of order: input parsers guarantee that.
    pub fn with_segments(
        path: impl Into<PathBuf>,
        text: impl Into<String>,
        segments: Vec<Segment>,
    ) -> Document {
        let text = text.into();
        let mut end = 0;
        for seg in &segments {
            assert!(
                seg.span.start >= end
                    && seg.span.end <= text.len()
                    && text.is_char_boundary(seg.span.start)
                    && text.is_char_boundary(seg.span.end),
                "segment {:?} is out of order or bounds",
                seg.span
            );
            end = seg.span.end;
        }
        let lines = LineIndex::new(&text);
        Document {
            path: path.into(),
            text,
            lines,
            segments,
            units: Vec::new(),
            lang: Lang::default(),
            escape: Escape::None,
            joined: Vec::new(),
            verbatim: Vec::new(),
            record: None,
        }
    }

    /// Checks raw bytes and makes a document of them.
    ///
    /// # Errors
    ///
    /// When the bytes are empty (or only a BOM and whitespace), look like a
    /// binary file (a NUL byte), are UTF-16, or are not valid UTF-8. The
    /// error names the byte offset and its line and column.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Document, InputError> {
        let path = path.into();
        let fail = |kind| Err(InputError::new(&path, kind));
        if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            return fail(InputErrorKind::Utf16);
        }
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            let (line, column) = position_in_bytes(&bytes, offset);
            return fail(InputErrorKind::Binary {
                offset,
                line,
                column,
            });
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let (line, column) = position_in_bytes(err.as_bytes(), offset);
                return fail(InputErrorKind::NotUtf8 {
                    offset,
                    line,
                    column,
                });
            }
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return fail(InputErrorKind::Empty);
        }
        Ok(Document::new(path, text))
    }

    /// Reads a file (or standard input for `-`) into a document.
    ///
    /// # Errors
    ///
    /// As [`Document::from_bytes`], and when the file cannot be read.
    pub fn read(path: &Path) -> Result<Document, InputError> {
        let bytes = if path == Path::new("-") {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
                .map_err(|e| InputError::new(path, InputErrorKind::Io(e.to_string())))?;
            buf
        } else {
            std::fs::read(path)
                .map_err(|e| InputError::new(path, InputErrorKind::Io(io_message(&e))))?
        };
        Document::from_bytes(path, bytes)
    }

    /// The 1-based line and column of byte `offset` (see [`LineIndex`]).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// The path as reports print it; a record of a JSON Lines stream adds
    /// `#` and its id (`records.jsonl#42`).
    pub fn display_path(&self) -> String {
        match &self.record {
            None => self.path.display().to_string(),
            Some(RecordRef {
                id: serde_json::Value::String(id),
                ..
            }) => format!("{}#{id}", self.path.display()),
            Some(record) => format!("{}#{}", self.path.display(), record.id),
        }
    }

    /// The path as a patch names it (see [`patch_path`]).
    pub fn patch_path(&self) -> String {
        patch_path(&self.path)
    }

    /// How text that replaces `span` must be escaped: the format's escaping
    /// ([`Document::escape`]), or none but CDATA's inside a CDATA section.
    pub fn escape_at(&self, span: Span) -> Escape {
        if self.escape == Escape::Xml && !self.verbatim.is_empty() {
            let i = self.verbatim.partition_point(|v| v.end < span.end);
            if self
                .verbatim
                .get(i)
                .is_some_and(|v| v.start <= span.start && span.end <= v.end)
            {
                return Escape::Cdata;
            }
        }
        self.escape
    }

    /// `text` escaped to replace `span` of the file.
    pub fn escaped<'t>(&self, span: Span, text: &'t str) -> std::borrow::Cow<'t, str> {
        match self.escape_at(span) {
            Escape::None => std::borrow::Cow::Borrowed(text),
            escape => std::borrow::Cow::Owned(escape.apply(text)),
        }
    }
}

/// The path a patch names: relative to the current folder where it can be,
/// with `/` separators and no leading `./`, so that `git apply` finds it.
pub fn patch_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_owned()
}

/// An I/O error's message without the "(os error N)" suffix users do not need.
fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => err.to_string(),
    }
}

/// Line and column of a byte offset in bytes that may not be UTF-8 (lossy
/// before the offset only where the bytes are bad, which they are not).
fn position_in_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut line_text = &before[line_start..];
    if line == 1 && line_text.starts_with(&[0xef, 0xbb, 0xbf]) {
        line_text = &line_text[3..];
    }
    let column = String::from_utf8_lossy(line_text).chars().count() + 1;
    (line, column)
}

/// Why an input could not be checked. Other inputs are still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The input, as the user named it.
    pub path: PathBuf,
    /// What is wrong with it.
    pub kind: InputErrorKind,
}

impl InputError {
    /// Makes an error about `path`.
    pub fn new(path: &Path, kind: InputErrorKind) -> InputError {
        InputError {
            path: path.to_path_buf(),
            kind,
        }
    }
}

/// What is wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// It could not be read (missing, a permission, a device error).
    Io(String),
    /// It holds no text to check.
    Empty,
    /// A NUL byte: not text.
    Binary {
        /// Byte offset of the NUL.
        offset: usize,
        /// 1-based line of it.
        line: usize,
        /// 1-based column of it.
        column: usize,
    },
    /// It starts with a UTF-16 byte order mark.
    Utf16,
    /// The text does not parse as its format.
    Malformed {
        /// The format's name (`XLIFF`, `PO`, ...).
        format: &'static str,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of it.
        column: usize,
        /// What was expected there, or what is wrong.
        message: String,
    },
    /// A line of a JSON Lines stream that is not a record.
    Record {
        /// 1-based line of the stream.
        line: usize,
        /// 1-based column in the line.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Bytes that are not UTF-8.
    NotUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// 1-based line of it.
        line: usize,
        /// 1-based column of it.
        column: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            InputErrorKind::Io(msg) => write!(f, "{path}: cannot read: {msg}"),
            InputErrorKind::Empty => write!(f, "{path}: empty file, nothing to check"),
            InputErrorKind::Binary {
                offset,
                line,
                column,
            } => write!(
                f,
                "{path}:{line}:{column}: binary file (NUL byte at byte offset {offset}), not checked"
            ),
            InputErrorKind::Malformed {
                format,
                line,
                column,
                message,
            } => write!(
                f,
                "{path}:{line}:{column}: not valid {format}: {}",
                OneLine(message)
            ),
            InputErrorKind::Record {
                line,
                column,
                message,
            } => write!(
                f,
                "{path}:{line}:{column}: not a valid JSONL record: {}",
                OneLine(message)
            ),
            InputErrorKind::Utf16 => write!(
                f,
                "{path}: UTF-16 text is not supported, convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
            ),
            InputErrorKind::NotUtf8 {
                offset,
                line,
                column,
            } => write!(
                f,
                "{path}:{line}:{column}: not valid UTF-8 at byte offset {offset}, not checked"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Shows a text with its control characters but tab escaped (`\n`), so that
/// an error message that quotes the input (the tag an XML parser did not
/// expect, a value of a record, a tar header) stays one line.
pub(crate) struct OneLine<'a>(pub(crate) &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() && c != '\t' {
                write!(f, "{}", c.escape_default())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_line_and_column() {
        let err = Document::from_bytes("a.txt", b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            err.kind,
            InputErrorKind::NotUtf8 {
                offset: 5,
                line: 2,
                column: 3
            }
        );
        assert_eq!(
            err.to_string(),
            "a.txt:2:3: not valid UTF-8 at byte offset 5, not checked"
        );
    }

    #[test]
    fn nul_byte_is_binary() {
        let err = Document::from_bytes("b.bin", b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(matches!(err.kind, InputErrorKind::Binary { offset: 4, .. }));
    }

    #[test]
    fn empty_and_bom_only_are_empty() {
        for bytes in [&b""[..], b"\xef\xbb\xbf", b" \n\r\n"] {
            let err = Document::from_bytes("e.txt", bytes.to_vec()).unwrap_err();
            assert_eq!(err.kind, InputErrorKind::Empty);
        }
    }

    #[test]
    fn bom_and_crlf_are_kept() {
        let doc = Document::from_bytes("c.txt", b"\xef\xbb\xbfHi\r\nthere".to_vec()).unwrap();
        assert_eq!(doc.text.len(), 12);
        assert_eq!(doc.line_col(3), (1, 1));
        assert_eq!(doc.line_col(7), (2, 1));
    }
}
