//! The input stage: each format's parser turns a file into a [`Document`]
//! whose segments are the prose to check (markup, code and metadata left
//! out) and, for bilingual formats, whose units pair each target with its
//! source.
//!
//! Every parser keeps the one coordinate system of mtlint: segments are byte
//! ranges of the original file. Where a format escapes text (`&amp;` in
//! XML and HTML, `\"` in PO, `""` in CSV), the escape is not part of any
//! segment: segments are the runs of literal text between escapes and
//! inline markup, so every detector sees exactly what is on disk. Segments
//! separated only by escapes are also recorded as one decoded text
//! ([`crate::text::Joined`]), in which the glossary is matched, its spans
//! mapped back to the file's bytes (a span that ends inside an escape takes
//! all of it). Suggestions are escaped for the format before they go into a
//! file ([`crate::text::Escape`]). Source texts, which are only compared,
//! never edited, are fully decoded.

mod html;
mod json;
mod jsonl;
mod markdown;
mod plural;
mod po;
mod subtitle;
mod table;
mod tmx;
pub mod walk;
mod xliff;
mod xml;

use std::path::Path;

use clap::ValueEnum;

use crate::text::{Document, InputError, InputErrorKind, Joined, Segment, Span, Unit};

pub use jsonl::{Record, RecordError, parse_record};

/// The formats mtlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum InputFormat {
    /// Plain text: all of it is checked.
    Text,
    /// CommonMark with GitHub extensions: prose only.
    Markdown,
    /// HTML: text of the body and `alt`/`title` attributes.
    Html,
    /// XLIFF 1.2 or 2.x: targets, with their sources.
    Xliff,
    /// TMX 1.4: target-language segments, with their sources.
    Tmx,
    /// gettext PO: `msgstr` with their `msgid`.
    Po,
    /// Comma-separated values with a source and a target column.
    Csv,
    /// Tab-separated values with a source and a target column.
    Tsv,
    /// JSON Lines records `{"id", "text", "source"?, "lang"?}`, streamed.
    Jsonl,
    /// A JSON string file (i18next, Chrome `messages.json`, ARB): every
    /// string value, keys and metadata left out.
    Json,
    /// SubRip subtitles: the text of each cue.
    Srt,
    /// WebVTT subtitles: the text of each cue.
    Vtt,
}

impl InputFormat {
    /// The format a file's extension names; plain text for any other.
    pub fn from_path(path: &Path) -> InputFormat {
        let ext = path
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => InputFormat::Markdown,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "xlf" | "xliff" | "sdlxliff" => InputFormat::Xliff,
            "tmx" => InputFormat::Tmx,
            "po" | "pot" => InputFormat::Po,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" | "arb" => InputFormat::Json,
            "srt" => InputFormat::Srt,
            "vtt" => InputFormat::Vtt,
            _ => InputFormat::Text,
        }
    }

    /// Extensions of the files read as a format of their own (or as text:
    /// `txt`, `text`). A folder walk checks only some of them
    /// ([`walk::WALKED_EXTENSIONS`]).
    pub const EXTENSIONS: [&'static str; 20] = [
        "txt", "text", "md", "markdown", "html", "htm", "xhtml", "xlf", "xliff", "sdlxliff", "tmx",
        "po", "csv", "tsv", "tab", "jsonl", "json", "arb", "srt", "vtt",
    ];

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "Markdown",
            InputFormat::Html => "HTML",
            InputFormat::Xliff => "XLIFF",
            InputFormat::Tmx => "TMX",
            InputFormat::Po => "PO",
            InputFormat::Csv => "CSV",
            InputFormat::Tsv => "TSV",
            InputFormat::Jsonl => "JSONL",
            InputFormat::Json => "JSON",
            InputFormat::Srt => "SubRip",
            InputFormat::Vtt => "WebVTT",
        }
    }
}

/// Which columns of a CSV or TSV file hold the source and the target: a
/// header name, or a 1-based column number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The source column; by default the column headed `source`, if any
    /// (without one the file is checked as monolingual).
    pub source: Option<String>,
    /// The target column; `target` by default.
    pub target: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            source: None,
            target: "target".to_owned(),
        }
    }
}

/// Reads `path` as `format` (by its extension when `None`).
///
/// # Errors
///
/// As [`Document::read`], and when the text does not parse as the format:
/// the error names the line and column and what was expected there.
pub fn read(
    path: &Path,
    format: Option<InputFormat>,
    columns: &Columns,
) -> Result<Document, InputError> {
    read_at_most(path, format, columns, crate::text::MAX_FILE_BYTES)
}

/// Reads `path` as [`read`] does, refusing a file of more than `max` bytes.
///
/// # Errors
///
/// As [`read`], and when the file is larger than `max`.
pub fn read_at_most(
    path: &Path,
    format: Option<InputFormat>,
    columns: &Columns,
    max: u64,
) -> Result<Document, InputError> {
    let doc = Document::read_at_most(path, max)?;
    let format = format.unwrap_or_else(|| InputFormat::from_path(path));
    parse(doc, format, columns)
}

/// Turns a plain document (as [`Document::read`] makes it) into one of
/// `format`.
///
/// # Errors
///
/// When the text does not parse as the format. JSONL is a stream of
/// documents, not one: read it with [`parse_record`].
pub fn parse(
    doc: Document,
    format: InputFormat,
    columns: &Columns,
) -> Result<Document, InputError> {
    let parsed = match format {
        InputFormat::Text => return Ok(doc),
        InputFormat::Markdown => Ok(markdown::parse(&doc.text)),
        InputFormat::Html => Ok(html::parse(&doc.text)),
        InputFormat::Xliff => xliff::parse(&doc.text),
        InputFormat::Tmx => tmx::parse(&doc.text),
        InputFormat::Po => po::parse(&doc.text),
        InputFormat::Csv => table::parse(&doc.text, b',', columns),
        InputFormat::Tsv => table::parse(&doc.text, b'\t', columns),
        InputFormat::Json => json::parse(&doc.text),
        InputFormat::Srt => subtitle::parse_srt(&doc.text),
        InputFormat::Vtt => subtitle::parse_vtt(&doc.text),
        InputFormat::Jsonl => Err(Malformed::new(
            0,
            "a JSONL stream is read record by record (mtlint check --input jsonl)",
        )),
    };
    match parsed {
        Ok(p) => {
            let mut out = Document::with_segments(doc.path, doc.text, p.segments);
            out.units = p.units;
            out.joined = p.joined;
            out.lang = p.lang;
            out.escape = p.escape;
            out.escapes = p.escapes;
            Ok(out)
        }
        Err(m) => {
            let (line, column) = doc.line_col(floor_boundary(&doc.text, m.offset));
            Err(InputError::new(
                &doc.path,
                InputErrorKind::Malformed {
                    format: format.name(),
                    line,
                    column,
                    message: m.message,
                },
            ))
        }
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What a parser found: segments, units, languages and escaping.
#[derive(Debug, Default)]
struct Parsed {
    segments: Vec<Segment>,
    units: Vec<Unit>,
    lang: crate::text::Lang,
    escape: crate::text::Escape,
    joined: Vec<Joined>,
    escapes: Vec<(Span, crate::text::Escape)>,
}

/// A piece of a run of text: literal bytes of the file, or an escape or
/// reference and what it decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    raw: Span,
    decoded: Option<String>,
}

impl Piece {
    fn literal(raw: Span) -> Piece {
        Piece { raw, decoded: None }
    }

    fn decoded(raw: Span, decoded: impl Into<String>) -> Piece {
        Piece {
            raw,
            decoded: Some(decoded.into()),
        }
    }
}

impl Parsed {
    /// The text of each segment, in order: what the readers' tests compare.
    #[cfg(test)]
    fn segment_texts<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.segments
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    /// Adds a stretch of prose, merging it with the previous segment when
    /// they touch. A span that is empty, or that starts before the last
    /// segment ends (a parser recovering from broken markup), is dropped.
    fn push_text(&mut self, span: Span, source: Option<&str>) {
        if span.is_empty()
            || self
                .segments
                .last()
                .is_some_and(|l| span.start < l.span.end)
        {
            return;
        }
        if let Some(last) = self.segments.last_mut()
            && last.span.end == span.start
            && last.source.as_deref() == source
        {
            last.span = Span::new(last.span.start, span.end);
            return;
        }
        self.segments.push(Segment {
            span,
            source: source.map(str::to_owned),
        });
    }

    /// Adds a run of text: its literal pieces as segments (merged with the
    /// previous segment where they touch, if `merge`), and when escapes
    /// join them, the decoded text.
    fn push_run(&mut self, file: &str, run: &[Piece], source: Option<&str>, merge: bool) {
        // Touching literal pieces are one.
        let mut merged: Vec<Piece> = Vec::with_capacity(run.len());
        for piece in run {
            match merged.last_mut() {
                Some(last)
                    if last.decoded.is_none()
                        && piece.decoded.is_none()
                        && last.raw.end == piece.raw.start =>
                {
                    last.raw = Span::new(last.raw.start, piece.raw.end);
                }
                _ => merged.push(piece.clone()),
            }
        }
        let run = &merged[..];
        let has_decoded = run.iter().any(|p| p.decoded.is_some());
        let first = self.segments.len();
        let mut in_order = true;
        for piece in run.iter().filter(|p| p.decoded.is_none()) {
            if merge && !has_decoded {
                self.push_text(piece.raw, source);
                continue;
            }
            if piece.raw.is_empty() {
                continue;
            }
            if self
                .segments
                .last()
                .is_some_and(|l| piece.raw.start < l.span.end)
            {
                in_order = false;
                continue;
            }
            self.segments.push(Segment {
                span: piece.raw,
                source: source.map(str::to_owned),
            });
        }
        let last = self.segments.len();
        if has_decoded && in_order && last > first {
            let pieces: Vec<(Span, Option<&str>)> =
                run.iter().map(|p| (p.raw, p.decoded.as_deref())).collect();
            self.joined.push(Joined::new(first..last, file, &pieces));
        }
    }

    /// Adds a translation unit whose target is the runs of text `runs`
    /// (inline markup between them) within `span`.
    fn push_unit(
        &mut self,
        file: &str,
        id: Option<String>,
        span: Span,
        runs: &[Vec<Piece>],
        source: String,
    ) {
        let first = self.segments.len();
        for run in runs {
            // Units never share a segment: no merging.
            self.push_run(file, run, Some(&source), false);
        }
        let last = self.segments.len();
        self.units.push(Unit {
            id,
            span,
            segments: first..last,
            source,
            meta: crate::text::UnitMeta::default(),
        });
    }
}

/// A parse failure: where and what was expected.
#[derive(Debug)]
struct Malformed {
    offset: usize,
    message: String,
}

impl Malformed {
    fn new(offset: usize, message: impl Into<String>) -> Malformed {
        Malformed {
            offset,
            message: message.into(),
        }
    }
}

/// Splits `text[span]`, a run of text in which `&...;` character references
/// may occur, into literal pieces and references decoded by `decode` (which
/// gives the reference back unchanged when it is none).
fn split_at_references(text: &str, span: Span, decode: impl Fn(&str) -> String) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = span.start;
    let mut i = span.start;
    while i < span.end {
        if bytes[i] == b'&' {
            let len = reference_len(&bytes[i..span.end]);
            let raw = &text[i..i + len];
            let decoded = if len > 0 { decode(raw) } else { String::new() };
            if len > 0 && decoded != raw {
                if start < i {
                    out.push(Piece::literal(Span::new(start, i)));
                }
                out.push(Piece::decoded(Span::new(i, i + len), decoded));
                i += len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    if start < span.end || out.is_empty() {
        out.push(Piece::literal(Span::new(start, span.end)));
    }
    out
}

/// The length of the character reference at the start of `bytes` (`&amp;`,
/// `&#233;`, `&#xE9;`), or 0 when there is none.
fn reference_len(bytes: &[u8]) -> usize {
    let body = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    if body == 0 {
        return 0;
    }
    if bytes.get(1 + body) == Some(&b';') {
        body + 2
    } else {
        // HTML lets some references end without `;`; take the name alone.
        body + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            InputFormat::from_path(Path::new("a.XLF")),
            InputFormat::Xliff
        );
        assert_eq!(InputFormat::from_path(Path::new("a.po")), InputFormat::Po);
        assert_eq!(InputFormat::from_path(Path::new("a")), InputFormat::Text);
        for ext in InputFormat::EXTENSIONS {
            let format = InputFormat::from_path(Path::new(&format!("x.{ext}")));
            assert!(
                ext == "txt" || ext == "text" || format != InputFormat::Text,
                "{ext}"
            );
        }
    }

    proptest::proptest! {
        /// No input makes a parser panic, and every segment it gives is in
        /// order, in bounds and on char boundaries (`with_segments` checks).
        #[test]
        fn parsers_never_panic(text in "[<>/&;#\"=a-z \n\tétxrgpsu\\,\\[\\]!{}:0-9.\\\\-]{0,80}") {
            let formats = [
                InputFormat::Markdown, InputFormat::Html, InputFormat::Xliff, InputFormat::Tmx,
                InputFormat::Po, InputFormat::Csv, InputFormat::Tsv, InputFormat::Json,
                InputFormat::Srt, InputFormat::Vtt,
            ];
            for format in formats {
                let doc = Document::new("p", text.clone());
                let _ = parse(doc, format, &Columns::default());
            }
        }
    }

    #[test]
    fn references_split_text() {
        let text = "Tom &amp; Jerry&#233;s AT&T";
        let decode = |r: &str| match r {
            "&amp;" => "&".to_owned(),
            "&#233;" => "é".to_owned(),
            other => other.to_owned(),
        };
        let out = split_at_references(text, Span::new(0, text.len()), decode);
        let pieces: Vec<(&str, Option<&str>)> = out
            .iter()
            .map(|p| (&text[p.raw.range()], p.decoded.as_deref()))
            .collect();
        assert_eq!(
            pieces,
            [
                ("Tom ", None),
                ("&amp;", Some("&")),
                (" Jerry", None),
                ("&#233;", Some("é")),
                ("s AT&T", None)
            ]
        );
    }

    #[test]
    fn terms_match_across_decoded_references_with_spans_in_the_file() {
        let text = "<p>Our support&nbsp;vs is caf&eacute; talk.</p>";
        let doc = parse(
            Document::new("a.html", text),
            InputFormat::Html,
            &Columns::default(),
        )
        .unwrap();
        let mut glossary = crate::glossary::Glossary::default();
        let mut errors = Vec::new();
        let csv = "term,suggestion\nsupport vs,US support\ncafé talk,small talk\n";
        glossary.add_csv("g.csv", None, csv.as_bytes(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let matcher = crate::matcher::GlossaryMatcher::new(
            &glossary,
            crate::matcher::MatchOptions::default(),
        );
        let mut hits = Vec::new();
        crate::matcher::Detector::detect(&matcher, &doc, &mut hits);
        hits.sort_by_key(|h| h.span);
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (&text[h.span.range()], h.suggestions[0].as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("support&nbsp;vs", "US support"),
                ("caf&eacute; talk", "small talk")
            ]
        );
    }
}
