//! Reading input into [`Document`]s, and the errors bad input gets.

use std::path::{Path, PathBuf};

pub use super::error::{InputError, InputErrorKind};
use super::{LineIndex, Span};

/// A stretch of a document that is checked: prose, as opposed to markup,
/// code or metadata that input formats leave out. In bilingual inputs it
/// carries the source-language text it translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where the segment's text is in the document, in bytes.
    pub span: Span,
    /// When the input is bilingual, the index into [`Document::units`] of
    /// the unit whose target the segment is part of: its source is the
    /// text the segment translates (one copy per unit, not per segment).
    pub unit: Option<usize>,
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
    /// Line starts of `text`, indexed the first time a line or column is
    /// asked for ([`Document::lines`]): most documents of a large run have
    /// no finding, and need none.
    lines: std::sync::OnceLock<LineIndex>,
    /// The parts of `text` that are checked, in order, not overlapping. In
    /// plain text, one segment covers all of it.
    pub segments: Vec<Segment>,
    /// Bilingual inputs: each translation unit (a target with its source);
    /// empty for monolingual inputs.
    pub units: Vec<Unit>,
    /// The language pair, where the file says so (XLIFF `srcLang`/`trgLang`,
    /// TMX `srclang` and `xml:lang`, the PO `Language` header, HTML's root
    /// `lang` for the target, a JSONL record's `lang`), else as `--lang` or
    /// the configuration gives it: what the document is checked as.
    pub lang: Lang,
    /// How text inserted into the file must be escaped (a suggestion that
    /// replaces a span).
    pub escape: Escape,
    /// Runs of segments that read as one text once the character
    /// references or escapes between them are decoded (`support&nbsp;vs`):
    /// glossary terms are matched in the decoded text, and their spans
    /// mapped back to the file. In order, not overlapping.
    pub joined: Vec<Joined>,
    /// Stretches of `text` escaped otherwise than [`Document::escape`]
    /// says: XML CDATA sections (as they are, but for `]]>`), quoted CSV
    /// fields (quotes doubled). In order, not overlapping.
    pub escapes: Vec<(Span, Escape)>,
    /// When the document is one record of a JSON Lines stream: the record's
    /// id and line.
    pub record: Option<RecordRef>,
    /// When the document is one part of a large plain-text file read in
    /// parts: where the part starts in the file, and whether it is the
    /// last. Spans stay offsets into [`Document::text`];
    /// [`Document::line_col`] and [`Document::file_offset`] give the
    /// file's own lines, columns and offsets.
    pub part: Option<Part>,
    /// Whether the median number of words in the units' sources is at
    /// most a number of words, and the number, worked out the first time a
    /// detector asks ([`Document::median_source_words_at_most`]).
    median_at_most: std::sync::OnceLock<(usize, bool)>,
    /// The words of the segments of a bilingual document, found the first
    /// time a reader asks ([`Document::segment_words`]).
    segment_words: std::sync::OnceLock<Option<Words>>,
    /// The words of its units' sources, likewise
    /// ([`Document::source_words`]).
    source_words: std::sync::OnceLock<Option<Words>>,
}

/// The largest bilingual document whose segments' words are kept
/// ([`Document::segment_words`]): a word's span takes 16 bytes, and a word
/// with what parts it from the next at least two, so the spans may take
/// eight times the text; a larger file is segmented by each reader instead.
const MOST_KEPT_WORD_BYTES: usize = 4 << 20;

/// The word tokens of each of a document's segments (or its units'
/// sources), found once and shared by the readers of its words: the word
/// count, the detectors that read words and the source-aware rules.
/// Catalogs have many short units, so each segmentation costs mostly per
/// unit; doing it once rather than two or three times is a measurable part
/// of a run.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// Every word's span, text after text.
    spans: Vec<Span>,
    /// Where each text's words end in `spans`.
    ends: Vec<usize>,
}

impl Words {
    /// The words of `texts`, each with the offset its spans are shifted
    /// by.
    fn find<'t>(texts: impl ExactSizeIterator<Item = (&'t str, usize)> + Clone) -> Words {
        // Room for a word in six bytes (most texts have fewer), so that the
        // list seldom grows by copying.
        let bytes: usize = texts.clone().map(|(t, _)| t.len()).sum();
        let mut words = Words {
            spans: Vec::with_capacity(bytes / 6),
            ends: Vec::with_capacity(texts.len()),
        };
        for (text, start) in texts {
            super::for_each_word(text, |w| {
                words.spans.push(Span::new(start + w.start, start + w.end));
            });
            words.ends.push(words.spans.len());
        }
        words
    }

    /// The number of words in all segments.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether no segment has a word.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The words of text `i`: of segment `i` (an index into
    /// [`Document::segments`]), as spans into [`Document::text`], or of
    /// unit `i`'s source, as spans into it. What
    /// [`for_each_word`](super::for_each_word) finds in the text, shifted
    /// by where it starts.
    pub fn of(&self, i: usize) -> &[Span] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.spans[start..self.ends[i]]
    }
}

/// Where a part of a file read in parts starts in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Part {
    /// The part's 0-based number in its file.
    pub index: usize,
    /// The file offset of the part's first byte.
    pub byte: usize,
    /// Lines of the file before the part's first line (0 for the first
    /// part).
    pub line: usize,
    /// Chars before the part's first byte on its line: 0 unless the part
    /// begins within a line (a line too long to be cut at its end).
    pub column: usize,
    /// The file's last part.
    pub last: bool,
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

    /// The words of the decoded text into `out`, as spans into it, from
    /// `words`, the words of the document's segments (with this one's
    /// segments among them), when they are the same: what
    /// [`for_each_word`](super::for_each_word) finds in the text. False,
    /// with `out` left as it was, when they may not be.
    ///
    /// A PO string written over several lines is joined by line ends that
    /// decode to nothing, most often after a space: word segmentation
    /// breaks after a space before anything but a space or a combining
    /// mark, and no rule looks across a space, so each line's words are
    /// the text's. So too around a line feed (`\n`), which segmentation
    /// always breaks at, on both sides. Any other decoded piece (a quote, a
    /// reference), or two lines that meet otherwise, may join words or
    /// part them.
    pub fn words_from_segments(
        &self,
        segments: &[Segment],
        words: &Words,
        out: &mut Vec<Span>,
    ) -> bool {
        let text = self.text.as_bytes();
        // What the next literal piece may start with: anything at the
        // start or after a line feed, after a space an ASCII character but
        // a space, after anything else nothing.
        enum Next {
            Any,
            AfterSpace,
            Nothing,
        }
        let mut next = Next::Any;
        let mut segment = self.segments.start;
        let before = out.len();
        for &(decoded, raw, literal) in &self.pieces {
            if decoded.is_empty() {
                continue;
            }
            if !literal {
                if &self.text[decoded.range()] != "\n" {
                    out.truncate(before);
                    return false;
                }
                next = Next::Any;
                continue;
            }
            let first = text[decoded.start];
            let fits = match next {
                Next::Any => true,
                Next::AfterSpace => first.is_ascii() && first != b' ',
                Next::Nothing => false,
            };
            if !fits || segment >= self.segments.end || segments[segment].span != raw {
                out.truncate(before);
                return false;
            }
            out.extend(words.of(segment).iter().map(|w| {
                Span::new(
                    w.start - raw.start + decoded.start,
                    w.end - raw.start + decoded.start,
                )
            }));
            segment += 1;
            next = if text[decoded.end - 1] == b' ' {
                Next::AfterSpace
            } else {
                Next::Nothing
            };
        }
        if segment != self.segments.end {
            out.truncate(before);
            return false;
        }
        true
    }

    /// The file's bytes for `span` of the decoded text: a span that starts
    /// or ends inside a decoded reference takes the whole reference.
    ///
    /// The pieces are in order and touch, so the ones holding the span's
    /// ends are found by binary search: a run of many references with
    /// many hits costs no scan of the run per hit.
    pub fn to_file(&self, span: Span) -> Span {
        // The first piece that ends after the span's start holds it, unless
        // the span starts at the end of the text.
        let first = self.pieces.partition_point(|(d, _, _)| d.end <= span.start);
        let start = match self.pieces.get(first) {
            Some((d, r, literal)) if d.start <= span.start => {
                if *literal {
                    r.start + (span.start - d.start)
                } else {
                    r.start
                }
            }
            _ => self.pieces.last().map_or(0, |(_, r, _)| r.end),
        };
        // The first piece that reaches the span's end holds it, unless that
        // piece starts there (it is empty; so is every later one that
        // starts there).
        let last = self.pieces.partition_point(|(d, _, _)| d.end < span.end);
        let end = match self.pieces.get(last) {
            Some((d, r, literal)) if d.start < span.end => {
                if *literal {
                    r.start + (span.end - d.start)
                } else {
                    r.end
                }
            }
            _ => start,
        };
        Span::new(start, end.max(start))
    }
}

/// A language tag's primary subtag, lower-cased (`pt` of `pt_BR` and
/// `PT-br`); `None` for an empty one.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    (!primary.is_empty()).then(|| primary.to_ascii_lowercase())
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
    /// The pair the document is checked as, for reports: `nl-en`, with `?`
    /// for a side that is not known (`?-de`, a PO file that names only its
    /// target language); `None` when neither side is.
    pub fn label(&self) -> Option<String> {
        let source = self.source.as_deref().and_then(primary_subtag);
        let target = self.target.as_deref().and_then(primary_subtag);
        if source.is_none() && target.is_none() {
            return None;
        }
        Some(format!(
            "{}-{}",
            source.as_deref().unwrap_or("?"),
            target.as_deref().unwrap_or("?")
        ))
    }

    /// The pair as glossaries write it (`nl-en`), when both sides are known;
    /// region subtags are dropped (`nl-NL` counts as `nl`).
    pub fn pair(&self) -> Option<String> {
        Some(format!(
            "{}-{}",
            primary_subtag(self.source.as_deref()?)?,
            primary_subtag(self.target.as_deref()?)?
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
    /// What the file says about the unit beside its text.
    pub meta: UnitMeta,
}

/// Where a unit is in its translation workflow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnitState {
    /// A translation to check (the state of every unit of a format that
    /// has no workflow).
    #[default]
    Translated,
    /// Not translated yet: a PO entry with an empty `msgstr`, an XLIFF
    /// unit without a target or in state `new`, `needs-translation` or
    /// `initial`.
    Untranslated,
    /// A draft awaiting review: a PO `fuzzy` entry, an XLIFF target in a
    /// `needs-review-*` or `needs-adaptation`/`needs-l10n` state.
    Draft,
}

/// What a file says about a unit beside its source and target text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitMeta {
    /// Where the unit is in its workflow.
    pub state: UnitState,
    /// The PO flags of the entry (`#, python-format, fuzzy`), as written
    /// after `#,`, comma-separated; empty for other formats.
    pub flags: String,
    /// The source as written in the file, markup and escapes included
    /// (XLIFF, where inline codes are compared), when the format keeps it.
    pub source_raw: Option<Span>,
    /// The plural form the target is (`msgstr[n]` of a PO entry with
    /// `msgid_plural`).
    pub plural: Option<usize>,
    /// The plural form stands for one number only (by the PO
    /// `Plural-Forms` formula: English `msgstr[0]`, Hebrew's dual), so it
    /// may say the number in words.
    pub one_number: bool,
    /// For a plural form, its entry's singular and plural sources (PO
    /// `msgid` and `msgid_plural`): every form may use the placeholders of
    /// either, as gettext's `msgfmt --check-format` allows.
    pub plural_sources: Option<Box<(String, String)>>,
    /// The most the target may hold, as the file sets it (XLIFF 1.2
    /// `maxwidth` in `char` or `byte` units, XLIFF 2
    /// `slr:sizeRestriction`/`slr:storageRestriction`).
    pub size_limit: Option<SizeLimit>,
    /// For a key of a key-value source missing from its target: what is
    /// missing (the key and its place in the source), for the note of
    /// `heuristic:untranslated-unit`.
    pub missing: Option<Box<str>>,
}

/// A limit on a target's length, in the unit the file counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeLimit {
    /// Characters (Unicode code points).
    Chars(usize),
    /// Bytes of UTF-8.
    Utf8Bytes(usize),
    /// UTF-16 code units.
    Utf16Units(usize),
}

impl SizeLimit {
    /// The length of `text` in this limit's unit, and the limit.
    pub fn measure(self, text: &str) -> (usize, usize) {
        match self {
            SizeLimit::Chars(max) => (text.chars().count(), max),
            SizeLimit::Utf8Bytes(max) => (text.len(), max),
            SizeLimit::Utf16Units(max) => (text.chars().map(char::len_utf16).sum(), max),
        }
    }

    /// The unit's name in a note: `characters`, `bytes`.
    pub fn unit(self) -> &'static str {
        match self {
            SizeLimit::Chars(_) => "characters",
            SizeLimit::Utf8Bytes(_) => "bytes (UTF-8)",
            SizeLimit::Utf16Units(_) => "UTF-16 code units",
        }
    }
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
    /// An unquoted CSV or TSV field with this delimiter: text that holds
    /// the delimiter, a quote or a line break cannot be written into it.
    CsvUnquoted(u8),
    /// An XML CDATA section: as it is, but for the `]]>` that would end it.
    Cdata,
    /// A JSON string: `"`, `\` and control characters as backslash
    /// escapes.
    Json,
    /// A SubRip subtitle cue's text: as it is, but a line break, which
    /// could end the cue, cannot be written into it.
    Cue,
    /// A WebVTT cue's text: `&`, `<` and `>` as references, and no line
    /// break, as in [`Escape::Cue`].
    WebVtt,
}

impl Escape {
    /// `text` escaped for the format, or `None` when the format cannot
    /// hold it there.
    pub fn apply(self, text: &str) -> Option<String> {
        Some(match self {
            Escape::None => text.to_owned(),
            Escape::Xml => replace_chars(text, |c| match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                _ => None,
            }),
            Escape::Po => replace_chars(text, |c| match c {
                '\\' => Some("\\\\"),
                '"' => Some("\\\""),
                '\n' => Some("\\n"),
                '\t' => Some("\\t"),
                _ => None,
            }),
            Escape::CsvQuoted => text.replace('"', "\"\""),
            Escape::CsvUnquoted(delimiter) => {
                if text
                    .bytes()
                    .any(|b| b == delimiter || matches!(b, b'"' | b'\n' | b'\r'))
                {
                    return None;
                }
                text.to_owned()
            }
            // `]]>` would end the section: it is split across two.
            Escape::Cdata => text.replace("]]>", "]]]]><![CDATA[>"),
            // A JSON string's contents, as serde_json writes them.
            Escape::Json => {
                let quoted = serde_json::to_string(text).ok()?;
                quoted[1..quoted.len() - 1].to_owned()
            }
            Escape::Cue | Escape::WebVtt if text.contains(['\n', '\r']) => return None,
            Escape::Cue => text.to_owned(),
            Escape::WebVtt => replace_chars(text, |c| match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                _ => None,
            }),
        })
    }
}

/// `text` with each character for which `escape` gives a replacement
/// replaced by it.
fn replace_chars(text: &str, escape: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match escape(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

impl Document {
    /// Makes a plain-text document (one segment covering the whole text)
    /// from text already known to be good.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Document {
        let text = text.into();
        let segments = vec![Segment {
            span: Span::new(0, text.len()),
            unit: None,
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
        Document {
            path: path.into(),
            text,
            lines: std::sync::OnceLock::new(),
            segments,
            units: Vec::new(),
            lang: Lang::default(),
            escape: Escape::None,
            joined: Vec::new(),
            escapes: Vec::new(),
            record: None,
            part: None,
            median_at_most: std::sync::OnceLock::new(),
            segment_words: std::sync::OnceLock::new(),
            source_words: std::sync::OnceLock::new(),
        }
    }

    /// Drops the segments, units and joined runs, and the words found in
    /// them, which the detectors read; the path, text, line index,
    /// languages and escapes, which reports and fixes read, stay.
    ///
    /// A run whose reports do not read the units (all but the JSON
    /// report's list of inconsistent groups) calls it on the thread that
    /// read and checked the document, before handing the document to the
    /// thread that reports it: a
    /// catalog holds a few blocks of memory per unit, and the allocator
    /// frees a block more slowly on another thread than the one that made
    /// it.
    pub fn shed_checked_parts(&mut self) {
        self.segments = Vec::new();
        self.units = Vec::new();
        self.joined = Vec::new();
        self.median_at_most = std::sync::OnceLock::new();
        self.segment_words = std::sync::OnceLock::new();
        self.source_words = std::sync::OnceLock::new();
    }

    /// The words of every segment, found once for all their readers, for a
    /// bilingual document (one with units) of at most a few megabytes;
    /// `None` for others, whose readers segment the text themselves in
    /// chunks (a large text's words would take several times its size).
    /// Asked only once reading is done: the segments do not change after
    /// that.
    pub fn segment_words(&self) -> Option<&Words> {
        self.segment_words
            .get_or_init(|| {
                self.keeps_words().then(|| {
                    let texts = self
                        .segments
                        .iter()
                        .map(|s| (&self.text[s.span.range()], s.span.start));
                    Words::find(texts)
                })
            })
            .as_ref()
    }

    /// The words of every unit's source, found once, on the same terms as
    /// [`Document::segment_words`].
    pub fn source_words(&self) -> Option<&Words> {
        self.source_words
            .get_or_init(|| {
                self.keeps_words()
                    .then(|| Words::find(self.units.iter().map(|u| (u.source.as_str(), 0))))
            })
            .as_ref()
    }

    /// The words of the units' sources if a reader has asked for them
    /// already ([`Document::source_words`]): a reader that would find only
    /// some of them itself takes them only then.
    pub fn source_words_found(&self) -> Option<&Words> {
        self.source_words.get().and_then(Option::as_ref)
    }

    /// Whether the words of the document's texts are kept for their
    /// readers: in a bilingual document of at most a few megabytes.
    fn keeps_words(&self) -> bool {
        !self.units.is_empty() && self.text.len() <= MOST_KEPT_WORD_BYTES
    }

    /// Whether the median number of words of the units' sources that are
    /// not blank is at most `most` (a catalog of interface strings has
    /// short ones): false without such units. Worked out once per document
    /// for the `most` first asked (later asks for another are worked out
    /// again), once reading is done: the units do not change after that.
    ///
    /// Cheaper than the median itself, which would segment every source:
    /// the count stops once more than half the sources are known to have at
    /// most `most` words, or too many to leave the median there; and an
    /// ASCII source of at most `2 * most` bytes has at most `most` words,
    /// without segmenting it (in ASCII, two words always have a character
    /// between them that is in neither: letters, digits and `_` next to
    /// each other are one word).
    pub fn median_source_words_at_most(&self, most: usize) -> bool {
        let work = || {
            let sources = || {
                self.units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| !u.source.trim().is_empty())
            };
            let count = sources().count();
            // The median is the count at `count / 2` in order: at most
            // `most` when that many and one more are.
            let short_needed = count / 2 + 1;
            let long_allowed = count - count.min(short_needed);
            let found = self.source_words_found();
            let (mut short, mut long) = (0, 0);
            for (i, u) in sources() {
                let is_short = (u.source.len() <= 2 * most && u.source.is_ascii())
                    || match found {
                        Some(found) => found.of(i).len() <= most,
                        None => {
                            let mut n = 0;
                            super::for_each_word(&u.source, |_| n += 1);
                            n <= most
                        }
                    };
                if is_short {
                    short += 1;
                    if short == short_needed {
                        return true;
                    }
                } else {
                    long += 1;
                    if long > long_allowed {
                        return false;
                    }
                }
            }
            false
        };
        match self.median_at_most.get() {
            Some(&(asked, answer)) if asked == most => answer,
            Some(_) => work(),
            None => self.median_at_most.get_or_init(|| (most, work())).1,
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
        if let Some(offset) = memchr::memchr(0, &bytes) {
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

    /// Reads a file (or standard input for `-`) into a document, of at most
    /// [`MAX_FILE_BYTES`].
    ///
    /// # Errors
    ///
    /// As [`Document::read_at_most`].
    pub fn read(path: &Path) -> Result<Document, InputError> {
        Document::read_at_most(path, MAX_FILE_BYTES)
    }

    /// Reads a file (or standard input for `-`) into a document, of at most
    /// `max` bytes: a larger file, a device or an endless stream is refused
    /// after `max` bytes are read, so that memory stays bounded.
    ///
    /// # Errors
    ///
    /// As [`Document::from_bytes`], when the file cannot be read, and when
    /// it holds more than `max` bytes.
    pub fn read_at_most(path: &Path, max: u64) -> Result<Document, InputError> {
        use std::io::Read as _;
        let io = |e: std::io::Error| InputError::new(path, InputErrorKind::Io(io_message(&e)));
        let mut buf = Vec::new();
        if path == Path::new("-") {
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(io)?;
        } else {
            let file = std::fs::File::open(path).map_err(io)?;
            if let Ok(meta) = file.metadata() {
                if meta.is_dir() {
                    return Err(InputError::new(
                        path,
                        InputErrorKind::Io("is a directory".to_owned()),
                    ));
                }
                if meta.len() > max {
                    return Err(InputError::new(path, InputErrorKind::TooLarge { max }));
                }
                buf.reserve(usize::try_from(meta.len()).unwrap_or(0));
            }
            file.take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(io)?;
        }
        if buf.len() as u64 > max {
            return Err(InputError::new(path, InputErrorKind::TooLarge { max }));
        }
        Document::from_bytes(path, buf)
    }

    /// The 1-based line and column in the file of byte `offset` of
    /// [`Document::text`] (see [`LineIndex`]).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.in_file(self.lines().line_col(&self.text, offset))
    }

    /// A line and column of [`Document::text`] as they are in the file.
    fn in_file(&self, (line, column): (usize, usize)) -> (usize, usize) {
        match self.part {
            None => (line, column),
            Some(part) if line == 1 => (part.line + 1, part.column + column),
            Some(part) => (part.line + line, column),
        }
    }

    /// [`Document::line_col`] for offsets taken in increasing order (see
    /// [`super::LineIndex::line_col_from`]).
    pub fn line_col_from(&self, offset: usize, columns: &mut super::Columns) -> (usize, usize) {
        self.in_file(self.lines().line_col_from(&self.text, offset, columns))
    }

    /// The line index of [`Document::text`], made the first time it is
    /// asked for. In a part of a file read in parts that starts past the
    /// file's first byte, a U+FEFF at the start is a character of the
    /// line, not a byte order mark.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| {
            if self.part.is_some_and(|p| p.byte > 0) {
                LineIndex::without_bom(&self.text)
            } else {
                LineIndex::new(&self.text)
            }
        })
    }

    /// Makes the document a part of a file read in parts (or a whole file
    /// for `None`).
    pub fn set_part(&mut self, part: Option<Part>) {
        // Only the file's first bytes can be a byte order mark: the index
        // is made again, knowing where the part starts.
        self.lines = std::sync::OnceLock::new();
        self.part = part;
    }

    /// The file offset of byte `offset` of [`Document::text`]: the same,
    /// but in a part of a file read in parts.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.part.map_or(0, |p| p.byte) + offset
    }

    /// Whether reports have seen all of the document's file with this
    /// document: it is a whole file, or the last part of one.
    pub fn ends_file(&self) -> bool {
        self.part.is_none_or(|p| p.last)
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

    /// How text that replaces `span` must be escaped: as the stretch of
    /// [`Document::escapes`] that holds it says, else as the format does
    /// ([`Document::escape`]).
    pub fn escape_at(&self, span: Span) -> Escape {
        let i = self.escapes.partition_point(|(s, _)| s.end < span.end);
        match self.escapes.get(i) {
            Some((s, escape)) if s.start <= span.start && span.end <= s.end => *escape,
            _ => self.escape,
        }
    }

    /// `text` escaped to replace `span` of the file, or `None` when it
    /// cannot be written there (a comma in an unquoted CSV field): a fix
    /// then leaves the span for a person.
    pub fn escaped<'t>(&self, span: Span, text: &'t str) -> Option<std::borrow::Cow<'t, str>> {
        match self.escape_at(span) {
            Escape::None => Some(std::borrow::Cow::Borrowed(text)),
            escape => escape.apply(text).map(std::borrow::Cow::Owned),
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
pub(crate) fn position_in_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
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

/// The largest file read whole, by default (`--max-file-size`): 256 MiB.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    /// A joined text of `pieces`, each written in the file as given and
    /// decoded (`None` for literal text), with its segments and their
    /// words: as the PO reader makes them.
    fn joined_of(pieces: &[(&str, Option<&str>)]) -> (Joined, Vec<Segment>, Words, String) {
        let mut file = String::new();
        let mut spans = Vec::new();
        for (raw, decoded) in pieces {
            let start = file.len();
            file.push_str(raw);
            spans.push((Span::new(start, file.len()), *decoded));
        }
        let segments: Vec<Segment> = spans
            .iter()
            .filter(|(raw, decoded)| decoded.is_none() && !raw.is_empty())
            .map(|&(span, _)| Segment { span, unit: None })
            .collect();
        let words = Words::find(
            segments
                .iter()
                .map(|s| (&file[s.span.range()], s.span.start))
                .collect::<Vec<_>>()
                .into_iter(),
        );
        let joined = Joined::new(0..segments.len(), &file, &spans);
        (joined, segments, words, file)
    }

    #[test]
    fn a_string_over_lines_has_its_lines_words() {
        let (joined, segments, words, _) = joined_of(&[
            ("Save the ", None),
            ("\"\n\"", Some("")),
            ("file.", None),
            ("\\n", Some("\n")),
            ("\u{301}now", None),
        ]);
        let mut out = vec![Span::new(0, 0)];
        assert!(joined.words_from_segments(&segments, &words, &mut out));
        let got: Vec<&str> = out[1..].iter().map(|w| &joined.text[w.range()]).collect();
        // A combining mark after a line feed stands alone.
        assert_eq!(got, ["Save", "the", "file", "now"]);
        // A quote, or lines that meet without a space, may change words.
        for pieces in [
            [("Save the", None), ("\"\n\"", Some("")), ("file", None)],
            [("Save the ", None), ("\\\"", Some("\"")), ("file", None)],
            [("Save the ", None), ("\"\n\"", Some("")), (" file", None)],
        ] {
            let (joined, segments, words, _) = joined_of(&pieces);
            assert!(!joined.words_from_segments(&segments, &words, &mut out));
            assert_eq!(out.len(), 5);
        }
    }

    /// The median number of words of `doc`'s sources that are not blank,
    /// worked out whole: what [`Document::median_source_words_at_most`]
    /// compares with its count.
    fn median_source_words(doc: &Document) -> Option<usize> {
        let mut words: Vec<usize> = doc
            .units
            .iter()
            .filter(|u| !u.source.trim().is_empty())
            .map(|u| {
                let mut n = 0;
                crate::text::for_each_word(&u.source, |_| n += 1);
                n
            })
            .collect();
        if words.is_empty() {
            return None;
        }
        let middle = words.len() / 2;
        Some(*words.select_nth_unstable(middle).1)
    }

    proptest::proptest! {
        #[test]
        fn a_joined_texts_words_from_its_segments_are_those_found_in_it(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    ("Save", None), ("the ", None), (" file", None), ("x.", None), ("1,", None),
                    ("  ", None), ("\u{301}a ", None), ("日本 ", None), ("שלום ", None), ("'s ", None),
                    ("\u{93e}", None), ("_", None), ("\"\n\"", Some("")), ("\\n", Some("\n")),
                    ("\\\"", Some("\"")), ("&amp;", Some("&")), ("", None),
                ]),
                0..10,
            ),
        ) {
            let (joined, segments, words, _) = joined_of(&pieces);
            let mut out = Vec::new();
            if joined.words_from_segments(&segments, &words, &mut out) {
                let mut expected = Vec::new();
                crate::text::for_each_word(&joined.text, |w| expected.push(w));
                proptest::prop_assert_eq!(out, expected, "{:?}", &joined.text);
            } else {
                proptest::prop_assert!(out.is_empty());
            }
        }

        #[test]
        fn an_ascii_text_has_a_word_in_two_bytes_at_most(
            text in proptest::collection::vec(
                proptest::sample::select(b" \n\t._-:,;'\"()%$aZ09".to_vec()),
                0..24,
            ),
        ) {
            let text = String::from_utf8(text).expect("ASCII");
            let mut n = 0;
            crate::text::for_each_word(&text, |_| n += 1);
            proptest::prop_assert!(n <= text.len().div_ceil(2), "{n} words in {text:?}");
        }

        #[test]
        fn the_median_is_at_most_a_count_as_the_median_says(
            sources in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!["a", "word", " ", "  ", "x.y", "%s", "日本語", "слово", "\n"]),
                    0..12,
                ),
                0..9,
            ),
            most in 0..6usize,
            found_first in proptest::bool::ANY,
        ) {
            let mut doc = Document::with_segments("t.po", String::new(), Vec::new());
            doc.units = sources
                .iter()
                .map(|s| Unit {
                    id: None,
                    span: Span::new(0, 0),
                    segments: 0..0,
                    source: s.concat(),
                    meta: UnitMeta::default(),
                })
                .collect();
            // With the sources' words found already, and without.
            if found_first {
                doc.source_words();
            }
            // Asked first: the median finds every source's words.
            let answer = doc.median_source_words_at_most(most);
            let expected = median_source_words(&doc).is_some_and(|m| m <= most);
            proptest::prop_assert_eq!(answer, expected);
            // Asked again, for the same count or another.
            proptest::prop_assert_eq!(doc.median_source_words_at_most(most), expected);
            let other = median_source_words(&doc).is_some_and(|m| m <= most + 1);
            proptest::prop_assert_eq!(doc.median_source_words_at_most(most + 1), other);
        }
    }

    #[test]
    fn segment_words_are_each_segments_words_kept_for_bilingual_documents() {
        let text = "Bonjour le monde\n...\nÇa va, «très» bien ?\n";
        let spans = [Span::new(0, 16), Span::new(17, 20), Span::new(21, 43)];
        let segments: Vec<Segment> = spans
            .iter()
            .map(|&span| Segment { span, unit: None })
            .collect();
        let mut doc = Document::with_segments("t.po", text.to_owned(), segments);
        // A document without units keeps no words.
        assert!(doc.clone().segment_words().is_none());
        doc.units = vec![Unit {
            id: None,
            span: Span::new(0, 43),
            segments: 0..3,
            source: "Hello, world".to_owned(),
            meta: UnitMeta::default(),
        }];
        let found = doc.segment_words().expect("a bilingual document");
        let mut total = 0;
        for (i, span) in spans.iter().enumerate() {
            let mut expected = Vec::new();
            crate::text::for_each_word(&text[span.range()], |w| {
                expected.push(&text[span.start + w.start..span.start + w.end]);
            });
            let got: Vec<&str> = found.of(i).iter().map(|w| &text[w.range()]).collect();
            assert_eq!(got, expected, "segment {i}");
            total += expected.len();
        }
        assert_eq!(found.of(1), &[]);
        assert_eq!((found.len(), found.is_empty()), (total, false));
        // The sources' words are given to a reader that does not ask for
        // all of them only once another has.
        assert!(doc.source_words_found().is_none());
        let sources = doc.source_words().expect("a bilingual document");
        let got: Vec<&str> = sources
            .of(0)
            .iter()
            .map(|w| &doc.units[0].source[w.range()])
            .collect();
        assert_eq!(got, ["Hello", "world"]);
        assert!(doc.source_words_found().is_some());
    }

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
            "a.txt:2:3: not valid UTF-8 at byte offset 5, not checked; \
             if it is Latin-1 or Windows-1252, convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
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

    /// The first definition of [`Joined::to_file`]: a scan of the pieces.
    fn to_file_by_scan(joined: &Joined, span: Span) -> Span {
        let pieces = &joined.pieces;
        let start = pieces
            .iter()
            .find(|(d, _, _)| d.start <= span.start && span.start < d.end)
            .map_or_else(
                || pieces.last().map_or(0, |(_, r, _)| r.end),
                |(d, r, literal)| {
                    if *literal {
                        r.start + (span.start - d.start)
                    } else {
                        r.start
                    }
                },
            );
        let end = pieces
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

    #[test]
    fn joined_spans_map_back_as_a_scan_of_the_pieces_does() {
        // Literal runs, references that decode to one or several
        // characters, and escapes that decode to nothing (a PO string's
        // line break), next to each other and repeated.
        let parts: [(&str, Option<&str>); 11] = [
            ("ab", None),
            ("&amp;", Some("&")),
            ("c", None),
            ("\"\n\"", Some("")),
            ("d", None),
            ("&#32;", Some(" ")),
            ("&#32;", Some(" ")),
            ("e", None),
            ("\"\n\"", Some("")),
            ("&lt;", Some("<")),
            ("\"\n\"", Some("")),
        ];
        let mut file = String::new();
        let mut pieces: Vec<(Span, Option<&str>)> = Vec::new();
        for _ in 0..50 {
            for (raw, decoded) in parts {
                pieces.push((Span::new(file.len(), file.len() + raw.len()), decoded));
                file.push_str(raw);
            }
        }
        let joined = Joined::new(0..1, &file, &pieces);
        let len = joined.text.len();
        for a in 0..=len {
            for b in a..=len.min(a + 12) {
                let span = Span::new(a, b);
                assert_eq!(
                    joined.to_file(span),
                    to_file_by_scan(&joined, span),
                    "{span:?}"
                );
            }
        }
        let empty = Joined::new(0..0, "", &[]);
        assert_eq!(empty.to_file(Span::new(0, 0)), Span::new(0, 0));
    }

    #[test]
    fn bom_and_crlf_are_kept() {
        let doc = Document::from_bytes("c.txt", b"\xef\xbb\xbfHi\r\nthere".to_vec()).unwrap();
        assert_eq!(doc.text.len(), 12);
        assert_eq!(doc.line_col(3), (1, 1));
        assert_eq!(doc.line_col(7), (2, 1));
    }
}
