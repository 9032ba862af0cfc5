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
mod keyvalue;
mod markdown;
mod plural;
mod po;
mod subtitle;
mod table;
mod tmx;
pub mod walk;
mod xliff;
mod xml;

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::text::{Document, Escape, InputError, InputErrorKind, Joined, Segment, Span, Unit};

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
    /// Java `.properties`: each value, keys and comments left out.
    Properties,
    /// Android `strings.xml` (a `.xml` file in a `values*` folder): each
    /// `string`, `plurals` item and `string-array` item.
    Android,
    /// Apple `.strings`: each value, keys and comments left out.
    Strings,
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
            "properties" => InputFormat::Properties,
            "strings" => InputFormat::Strings,
            "xml"
                if path
                    .parent()
                    .and_then(Path::file_name)
                    .and_then(|d| d.to_str())
                    .is_some_and(|d| d == "values" || d.starts_with("values-")) =>
            {
                InputFormat::Android
            }
            _ => InputFormat::Text,
        }
    }

    /// Extensions of the files read as a format of their own (or as text:
    /// `txt`, `text`). A folder walk checks only some of them
    /// ([`walk::WALKED_EXTENSIONS`]).
    pub const EXTENSIONS: [&'static str; 22] = [
        "txt",
        "text",
        "md",
        "markdown",
        "html",
        "htm",
        "xhtml",
        "xlf",
        "xliff",
        "sdlxliff",
        "tmx",
        "po",
        "csv",
        "tsv",
        "tab",
        "jsonl",
        "json",
        "arb",
        "srt",
        "vtt",
        "properties",
        "strings",
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
            InputFormat::Properties => "properties",
            InputFormat::Android => "Android strings",
            InputFormat::Strings => "Apple strings",
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
        InputFormat::Properties | InputFormat::Android | InputFormat::Strings => {
            keyvalue_entries(&doc.text, format).map(|(entries, escape, cdata)| {
                let mut p = keyvalue::monolingual(&doc.text, entries, escape);
                p.escapes = cdata;
                p
            })
        }
        InputFormat::Jsonl => Err(Malformed::new(
            0,
            "a JSONL stream is read record by record (mtlint check --input jsonl)",
        )),
    };
    finish_parse(doc, format, parsed)
}

/// The document of what a parser gave, or the error at its line and
/// column.
fn finish_parse(
    doc: Document,
    format: InputFormat,
    parsed: Result<Parsed, Malformed>,
) -> Result<Document, InputError> {
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

impl InputFormat {
    /// Whether files of the format are key-value resources, whose values a
    /// source file of the same format can pair by key.
    pub fn is_keyed(self) -> bool {
        matches!(
            self,
            InputFormat::Json
                | InputFormat::Properties
                | InputFormat::Android
                | InputFormat::Strings
        )
    }
}

/// A key-value resource file read: its entries, the escaping its values
/// take, and its stretches escaped otherwise (Android CDATA).
type KeyValueFile = (keyvalue::Entries, Escape, Vec<(Span, Escape)>);

/// Reads a key-value resource file of `format`.
fn keyvalue_entries(text: &str, format: InputFormat) -> Result<KeyValueFile, Malformed> {
    // Properties and `.strings` values take JSON's backslash escapes for
    // `"`, `\` and line breaks.
    match format {
        InputFormat::Json => Ok((json::entries(text)?, Escape::Json, Vec::new())),
        InputFormat::Properties => Ok((
            keyvalue::properties::entries(text)?,
            Escape::Json,
            Vec::new(),
        )),
        InputFormat::Strings => Ok((keyvalue::apple::entries(text)?, Escape::Json, Vec::new())),
        InputFormat::Android => {
            let (entries, cdata) = keyvalue::android::entries(text)?;
            let cdata = cdata.into_iter().map(|s| (s, Escape::Cdata)).collect();
            Ok((entries, Escape::Xml, cdata))
        }
        _ => Err(Malformed::new(
            0,
            format!("{} is not a key-value format", format.name()),
        )),
    }
}

/// Where the source of a key-value resource file is (`--source-file`,
/// `--source-locale`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFiles {
    /// The source of every key-value target file.
    pub file: Option<PathBuf>,
    /// The source locale of files laid out by locale: the source of
    /// `locales/de/app.json` is `locales/en/app.json` (see
    /// [`layout_source`]).
    pub locale: Option<String>,
}

impl SourceFiles {
    /// The source of `target` and the target's language where the layout
    /// names it; `None` when it has none (then it is checked alone).
    pub fn source_for(&self, target: &Path) -> Option<(PathBuf, Option<String>)> {
        if let Some(file) = &self.file {
            // The source named among the files checked is checked alone.
            return (file != target).then(|| (file.clone(), None));
        }
        let locale = self.locale.as_deref()?;
        layout_source(target, locale, |p| p.is_file())
    }
}

/// Whether a name is a locale: `de`, `pt-BR`, `pt_BR`, `zh-Hant-TW`,
/// `es-419`.
fn is_locale(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
                || p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The source of `target` in a layout of files by locale, whose source
/// locale is `locale`, and the target's language; `exists` says which
/// candidate files are there. Tried from the file's name up:
///
/// - Android: `res/values-de/strings.xml` → `res/values/strings.xml`
///   (`values-pt-rBR` is `pt-BR`);
/// - Apple: `de.lproj/x.strings` → `en.lproj/x.strings`, else
///   `Base.lproj/x.strings`;
/// - a locale after the name: `Messages_de.properties` →
///   `Messages_en.properties`, else `Messages.properties` (Java);
///   `app_de.arb` → `app_en.arb` (Flutter); `main-de.json` → `main-en.json`,
///   else `main.json`;
/// - a file named by its locale: `locales/de.json` → `locales/en.json`;
/// - a folder named by its locale: `locales/de/x.json` →
///   `locales/en/x.json` (the nearest such folder whose file exists).
///
/// A target that is its own source (`en`) has none.
pub fn layout_source(
    target: &Path,
    locale: &str,
    exists: impl Fn(&Path) -> bool,
) -> Option<(PathBuf, Option<String>)> {
    let file = target.file_name()?.to_str()?;
    let parent = target.parent().unwrap_or(Path::new(""));
    let found = |p: PathBuf, lang: &str| {
        (p != target && exists(&p)).then(|| (p, Some(lang.replace('_', "-"))))
    };
    let dir = parent
        .file_name()
        .and_then(|d| d.to_str())
        .unwrap_or_default();
    if let Some(qualifier) = dir.strip_prefix("values-") {
        // Android's default resources are the source, whatever their locale.
        let lang = qualifier.replacen("-r", "-", 1);
        let source = parent.with_file_name("values").join(file);
        return found(source, &lang);
    }
    if let Some(lang) = dir.strip_suffix(".lproj") {
        let own = parent.with_file_name(format!("{locale}.lproj")).join(file);
        let base = parent.with_file_name("Base.lproj").join(file);
        return found(own, lang).or_else(|| found(base, lang));
    }
    let (stem, ext) = match file.rsplit_once('.') {
        Some((stem, ext)) => (stem, format!(".{ext}")),
        None => (file, String::new()),
    };
    // `Messages_de`, `main-pt-BR`: the first `_` or `-` after which the
    // rest of the name is a locale.
    if let Some(at) = stem
        .match_indices(['_', '-'])
        .map(|(at, _)| at)
        .find(|&at| at > 0 && is_locale(&stem[at + 1..]))
    {
        let (bundle, sep, lang) = (&stem[..at], &stem[at..=at], &stem[at + 1..]);
        let own = parent.join(format!("{bundle}{sep}{locale}{ext}"));
        let base = parent.join(format!("{bundle}{ext}"));
        if let Some(hit) = found(own, lang).or_else(|| found(base, lang)) {
            return Some(hit);
        }
    }
    if is_locale(stem)
        && let Some(hit) = found(parent.join(format!("{locale}{ext}")), stem)
    {
        return Some(hit);
    }
    let components: Vec<_> = target.components().collect();
    for (i, c) in components.iter().enumerate().rev().skip(1) {
        let Some(name) = c.as_os_str().to_str().filter(|n| is_locale(n)) else {
            continue;
        };
        let mut source = PathBuf::new();
        for (j, c) in components.iter().enumerate() {
            if i == j {
                source.push(locale);
            } else {
                source.push(c);
            }
        }
        if let Some(hit) = found(source, name) {
            return Some(hit);
        }
    }
    None
}

/// Reads `path` as [`read_at_most`] does, a key-value resource file with
/// the source `sources` give it, if any: its values are then units whose
/// sources are the source file's values for the same keys.
///
/// # Errors
///
/// As [`read_at_most`], for the target and for its source.
pub fn read_with_source(
    path: &Path,
    format: Option<InputFormat>,
    columns: &Columns,
    max: u64,
    sources: &SourceFiles,
) -> Result<Document, InputError> {
    let format = format.unwrap_or_else(|| InputFormat::from_path(path));
    if !format.is_keyed() {
        return read_at_most(path, Some(format), columns, max);
    }
    let Some((source, lang)) = sources.source_for(path) else {
        return read_at_most(path, Some(format), columns, max);
    };
    let doc = Document::read_at_most(path, max)?;
    let bytes = read_bytes(&source, max)?;
    let mut doc = parse_paired(doc, format, &source, bytes)?;
    if doc.lang.target.is_none() {
        doc.lang.target = lang;
    }
    if doc.lang.source.is_none() {
        doc.lang.source.clone_from(&sources.locale);
    }
    Ok(doc)
}

/// At most `max` bytes of a file.
fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, InputError> {
    use std::io::Read as _;
    let io = |e: std::io::Error| InputError::new(path, InputErrorKind::Io(e.to_string()));
    let file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(InputError::new(
            path,
            InputErrorKind::Io("is a directory".to_owned()),
        ));
    }
    let mut buf = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(io)?;
    if buf.len() as u64 > max {
        return Err(InputError::new(path, InputErrorKind::TooLarge { max }));
    }
    Ok(buf)
}

/// The text of a source file: UTF-8, or UTF-16 with a byte order mark
/// (Xcode's `.strings`), or for `.properties` ISO-8859-1 (Java's encoding
/// before resource bundles took UTF-8). A source is only compared, never
/// pointed into, so it may be decoded.
fn source_text(path: &Path, bytes: Vec<u8>, format: InputFormat) -> Result<Document, InputError> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let text = if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        utf16(rest, true)
    } else if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        utf16(rest, false)
    } else if format == InputFormat::Properties && std::str::from_utf8(&bytes).is_err() {
        bytes.iter().map(|&b| char::from(b)).collect()
    } else {
        return Document::from_bytes(path, bytes);
    };
    Document::from_bytes(path, text.into_bytes())
}

/// Parses `doc`, a key-value resource file of `format`, with its source
/// (`source_bytes`, read from `source`): each target value a unit whose
/// source is the source file's value for its key (a key on one side only
/// is described in the key-value reader's `paired`).
///
/// # Errors
///
/// When either file does not parse as the format (the error names that
/// file, line and column), or the source is not text.
pub fn parse_paired(
    doc: Document,
    format: InputFormat,
    source: &Path,
    source_bytes: Vec<u8>,
) -> Result<Document, InputError> {
    let source_doc = source_text(source, source_bytes, format)?;
    let source_entries = match keyvalue_entries(&source_doc.text, format) {
        Ok((entries, _, _)) => entries,
        Err(m) => return finish_parse(source_doc, format, Err(m)),
    };
    let parsed = keyvalue_entries(&doc.text, format).and_then(|(entries, escape, cdata)| {
        let source_line = |at: usize| {
            format!(
                "{}:{}",
                source_doc.path.display(),
                source_doc.line_col(at).0
            )
        };
        let mut p = keyvalue::paired(&doc.text, entries, source_entries, escape, &source_line)?;
        p.escapes = cdata;
        Ok(p)
    });
    finish_parse(doc, format, parsed)
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
    /// they touch and `merge` says so. A span that is empty, or that
    /// starts before the last segment ends (a parser recovering from
    /// broken markup), is dropped.
    fn push_text(&mut self, span: Span, unit: Option<usize>, merge: bool) {
        if span.is_empty()
            || self
                .segments
                .last()
                .is_some_and(|l| span.start < l.span.end)
        {
            return;
        }
        if merge
            && let Some(last) = self.segments.last_mut()
            && last.span.end == span.start
            && last.unit == unit
        {
            last.span = Span::new(last.span.start, span.end);
            return;
        }
        self.segments.push(Segment { span, unit });
    }

    /// Adds a run of text: its literal pieces as segments (merged with the
    /// previous segment where they touch, if `merge`), and when escapes
    /// join them, the decoded text.
    fn push_run(&mut self, file: &str, run: &[Piece], unit: Option<usize>, merge: bool) {
        // Most runs are one literal piece (a string without escapes): what
        // the general case below does with it, without its passes.
        if let [piece] = run
            && piece.decoded.is_none()
        {
            self.push_text(piece.raw, unit, merge);
            return;
        }
        self.push_pieces(file, run, unit, merge);
    }

    /// [`Parsed::push_run`] for any run, one literal piece included.
    fn push_pieces(&mut self, file: &str, run: &[Piece], unit: Option<usize>, merge: bool) {
        // Touching literal pieces are one (most runs have none: no copy).
        let touching = |a: &Piece, b: &Piece| {
            a.decoded.is_none() && b.decoded.is_none() && a.raw.end == b.raw.start
        };
        let mut merged: Vec<Piece> = Vec::new();
        if run.windows(2).any(|w| touching(&w[0], &w[1])) {
            merged.reserve(run.len());
            for piece in run {
                match merged.last_mut() {
                    Some(last) if touching(last, piece) => {
                        last.raw = Span::new(last.raw.start, piece.raw.end);
                    }
                    _ => merged.push(piece.clone()),
                }
            }
        }
        let run = if merged.is_empty() { run } else { &merged[..] };
        let has_decoded = run.iter().any(|p| p.decoded.is_some());
        let first = self.segments.len();
        let mut in_order = true;
        for piece in run.iter().filter(|p| p.decoded.is_none()) {
            if merge && !has_decoded {
                self.push_text(piece.raw, unit, true);
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
                unit,
            });
        }
        // A run of escapes alone (`&lt;&lt;` for "Previous topic", a JSON
        // `\u00bb`) has no literal text to hold its decoded text: an empty
        // segment where it starts does, so that it is read, and counted
        // as the words it has as written (none), rather than taken for an
        // empty target.
        if has_decoded
            && in_order
            && self.segments.len() == first
            && run
                .iter()
                .any(|p| p.decoded.as_deref().is_some_and(|d| !d.trim().is_empty()))
            && let Some(at) = run.first().map(|p| p.raw.start)
            && self.segments.last().is_none_or(|l| l.span.end <= at)
        {
            self.segments.push(Segment {
                span: Span::new(at, at),
                unit,
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
            self.push_run(file, run, Some(self.units.len()), false);
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
                InputFormat::Srt, InputFormat::Vtt, InputFormat::Properties,
                InputFormat::Android, InputFormat::Strings,
            ];
            for format in formats {
                let doc = Document::new("p", text.clone());
                let _ = parse(doc, format, &Columns::default());
            }
        }
    }

    proptest::proptest! {
        /// A run of one literal piece is pushed as the general case pushes
        /// it, after any segments (touching, overlapping, of the same unit
        /// or another), merged or not.
        #[test]
        fn one_piece_runs_push_as_any_run(
            before in proptest::collection::vec((0usize..20, 0usize..6, proptest::bool::ANY), 0..4),
            start in 0usize..30,
            len in 0usize..6,
            merge in proptest::bool::ANY,
            same_unit in proptest::bool::ANY,
        ) {
            let file = "x".repeat(40);
            let mut fast = Parsed::default();
            let mut at = 0;
            for (gap, len, unit) in before {
                at += gap;
                fast.segments.push(Segment { span: Span::new(at, at + len), unit: unit.then_some(0) });
                at += len;
            }
            let mut general = Parsed { segments: fast.segments.clone(), ..Parsed::default() };
            let run = [Piece::literal(Span::new(start, start + len))];
            let unit = same_unit.then_some(0);
            fast.push_run(&file, &run, unit, merge);
            general.push_pieces(&file, &run, unit, merge);
            proptest::prop_assert_eq!(fast.segments, general.segments);
            proptest::prop_assert!(fast.joined.is_empty() && general.joined.is_empty());
        }
    }

    #[test]
    fn sources_by_layout() {
        let files = [
            "l/en/app.json",
            "l/de/app.json",
            "src/res/values/strings.xml",
            "src/res/values-pt-rBR/strings.xml",
            "i18n/Messages.properties",
            "i18n/Messages_fr_CA.properties",
            "app/Base.lproj/Main.strings",
            "app/de.lproj/Main.strings",
            "app/en.lproj/Other.strings",
            "app/de.lproj/Other.strings",
            "po/en.json",
            "po/de.json",
            "l10n/app_en.arb",
            "l10n/app_de.arb",
            "lang/main.json",
            "lang/main-pt-BR.json",
        ];
        let exists = |p: &Path| files.iter().any(|f| Path::new(f) == p);
        let source = |target: &str| {
            layout_source(Path::new(target), "en", exists)
                .map(|(p, lang)| (p.to_string_lossy().into_owned(), lang.unwrap_or_default()))
        };
        let want = |p: &str, l: &str| Some((p.to_owned(), l.to_owned()));
        assert_eq!(source("l/de/app.json"), want("l/en/app.json", "de"));
        assert_eq!(
            source("src/res/values-pt-rBR/strings.xml"),
            want("src/res/values/strings.xml", "pt-BR")
        );
        assert_eq!(
            source("i18n/Messages_fr_CA.properties"),
            want("i18n/Messages.properties", "fr-CA")
        );
        assert_eq!(
            source("app/de.lproj/Main.strings"),
            want("app/Base.lproj/Main.strings", "de")
        );
        assert_eq!(
            source("app/de.lproj/Other.strings"),
            want("app/en.lproj/Other.strings", "de")
        );
        assert_eq!(source("po/de.json"), want("po/en.json", "de"));
        assert_eq!(source("l10n/app_de.arb"), want("l10n/app_en.arb", "de"));
        assert_eq!(
            source("lang/main-pt-BR.json"),
            want("lang/main.json", "pt-BR")
        );
        // A source is not its own source; a file outside any layout has none.
        assert_eq!(source("l/en/app.json"), None);
        assert_eq!(source("src/res/values/strings.xml"), None);
        assert_eq!(source("i18n/Messages.properties"), None);
        assert_eq!(source("docs/readme.json"), None);
        assert!(is_locale("zh-Hant-TW") && is_locale("es_419") && !is_locale("values"));
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
