//! The text stage: documents as read, byte spans, word tokens and the line
//! index.
//!
//! This module owns the one coordinate system of mtlint: byte offsets into
//! the original file, end exclusive, always on char boundaries. A UTF-8 byte
//! order mark, CRLF line ends and a missing final newline are kept as they
//! are, so an offset always points at the same bytes a user sees on disk.
//! Lines and columns are computed only when a report asks for them
//! ([`LineIndex`]). It knows nothing of glossaries, scores or reports.

mod chars;
mod error;
mod normalize;
mod read;
mod sentence;
mod tokens;
mod visible;

pub(crate) use chars::{BmpSet, in_bmp_set};
pub use chars::{is_alphabetic, is_alphanumeric};
pub use normalize::{differ_at_first, normalize_word, normalizes_to, surely_not_ascii};
pub(crate) use read::position_in_bytes;
pub use read::{
    Document, Escape, InputError, InputErrorKind, Joined, Lang, MAX_FILE_BYTES, Part, RecordRef,
    Segment, SizeLimit, Unit, UnitMeta, UnitState, Words, patch_path, primary_subtag,
};
pub use sentence::{Sentences, sentence_around};
pub use tokens::{Token, for_each_word, gap_is_joinable, word_tokens, word_tokens_uax29};
pub(crate) use visible::LEGACY_COMMAND;
pub(crate) use visible::OneLine;
pub use visible::{excerpt, is_unsafe, visible};

use std::ops::Range;

/// A half-open byte range `start..end` into a document's text.
///
/// Invariant: `start <= end`; both are char boundaries of the text the span
/// was made for (checked by the constructors that take a text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span.
    ///
    /// # Panics
    ///
    /// When `start > end`: that is a bug in the caller, never bad input.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Turns byte offsets into 1-based line and column numbers.
///
/// Lines end at `\n` (so a CRLF line ends after its `\n` and the `\r` belongs
/// to the line's content). Columns count Unicode scalar values from the start
/// of the line, 1-based; on line 1 a UTF-8 byte order mark is not counted,
/// since no editor shows it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0]` is after the BOM.
    starts: Vec<usize>,
    /// The number of chars before each block of [`CHAR_BLOCK`] bytes: a
    /// column far into a long line is counted from the block it is in,
    /// not from the line's start, so that a file of one long line with
    /// many findings costs no pass over the line per finding. Counted the
    /// first time a column is that far into its line: most texts never
    /// need it.
    blocks: std::sync::OnceLock<Vec<usize>>,
    /// Whether the text is ASCII, where a column is a count of bytes.
    ascii: bool,
}

/// Where [`LineIndex::line_col_from`] last counted: a 1-based line, a byte
/// offset in it and the chars of the line before that offset.
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
    line: usize,
    offset: usize,
    chars: usize,
}

/// The bytes of text per entry of [`LineIndex`]'s char counts.
const CHAR_BLOCK: usize = 4096;

/// The number of chars in UTF-8 `bytes` (whole or cut anywhere): the bytes
/// that are not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Indexes `text`; a byte order mark at its start is not part of its
    /// first line.
    pub fn new(text: &str) -> LineIndex {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self::from(text, first)
    }

    /// Indexes `text`, which does not start a file: a U+FEFF at its start
    /// is a character of its first line.
    pub fn without_bom(text: &str) -> LineIndex {
        Self::from(text, 0)
    }

    fn from(text: &str, first: usize) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(first);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            blocks: std::sync::OnceLock::new(),
            ascii: text.is_ascii(),
        }
    }

    fn blocks(&self, text: &str) -> &[usize] {
        self.blocks.get_or_init(|| {
            let mut blocks = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
            let mut chars = 0;
            blocks.push(0);
            for block in text.as_bytes().chunks_exact(CHAR_BLOCK) {
                chars += chars_in(block);
                blocks.push(chars);
            }
            blocks
        })
    }

    /// The number of chars in `text[..offset]`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        self.blocks(text)[block] + chars_in(&text.as_bytes()[block * CHAR_BLOCK..offset])
    }

    /// The number of lines (a final newline does not start a new line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1]
    }

    /// The 1-based line and 1-based column (in Unicode scalar values) of
    /// byte `offset`.
    ///
    /// # Panics
    ///
    /// When `offset` is past the end of `text` or not on a char boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        let count = if self.ascii {
            offset - start
        } else if offset - start <= CHAR_BLOCK {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line, count + 1)
    }

    /// [`LineIndex::line_col`] for offsets taken in increasing order: a
    /// report that walks a document's findings counts each column from the
    /// finding before it on the same line, not from the line's start.
    /// Any order gives the same answers; only the cost differs.
    pub fn line_col_from(
        &self,
        text: &str,
        offset: usize,
        columns: &mut Columns,
    ) -> (usize, usize) {
        // Findings mostly follow one another on a line: the line of the
        // last one is tried before searching all of them.
        let same_line = columns.line > 0
            && self
                .starts
                .get(columns.line - 1)
                .is_some_and(|&s| s <= offset)
            && self
                .starts
                .get(columns.line)
                .is_none_or(|&next| offset < next);
        let line = if same_line {
            columns.line
        } else {
            self.starts.partition_point(|&s| s <= offset).max(1)
        };
        // A line's columns count from its start: an offset before it (the
        // byte-order mark before the first line) is counted afresh.
        if columns.line != line
            || columns.offset > offset
            || columns.offset < self.starts[line - 1]
            || offset - columns.offset > CHAR_BLOCK
        {
            let (_, column) = self.line_col(text, offset);
            *columns = Columns {
                line,
                offset,
                chars: column - 1,
            };
        } else {
            columns.chars += if self.ascii {
                offset - columns.offset
            } else {
                text[columns.offset..offset].chars().count()
            };
            columns.offset = offset;
        }
        (line, columns.chars + 1)
    }

    /// The byte range of 1-based line `line`'s content, without its line end
    /// (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_are_short_and_escaped() {
        assert_eq!(super::excerpt("a\nb\u{1b}[31m", 10), "a\\nb\\u{1b}[31m");
        assert_eq!(super::excerpt("abcdef", 3), "abc…");
        assert_eq!(super::excerpt("héllo", 5), "héllo");
    }

    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\nçé x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 4));
        assert_eq!(index.line_col(text, text.len()), (3, 1));
    }

    #[test]
    fn columns_far_into_a_long_line() {
        // Long enough for several blocks, with characters of every width
        // across their edges.
        let text = "aé€😀 ".repeat(3000) + "\nx" + &"ü".repeat(5000);
        let index = LineIndex::new(&text);
        let offsets = (0..=text.len()).filter(|&o| text.is_char_boundary(o));
        for offset in offsets.step_by(29).chain([text.len()]) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() + 1;
            let line = 1 + usize::from(line_start > 0);
            assert_eq!(index.line_col(&text, offset), (line, column), "{offset}");
        }
    }

    proptest::proptest! {
        #[test]
        fn columns_from_the_last_finding_are_the_columns(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "€", "😀", " ", "\n", "\r\n", "\u{feff}"]),
                0..400,
            ),
            picks in proptest::collection::vec(0usize..10_000, 0..60),
            sorted in proptest::bool::ANY,
        ) {
            let text = pieces.concat() + &"x".repeat(5000);
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&o| text.is_char_boundary(o)).collect();
            let mut offsets: Vec<usize> =
                picks.iter().map(|p| boundaries[p * boundaries.len() / 10_000]).collect();
            if sorted {
                offsets.sort_unstable();
            }
            let mut columns = Columns::default();
            for offset in offsets {
                proptest::prop_assert_eq!(
                    index.line_col_from(&text, offset, &mut columns),
                    index.line_col(&text, offset),
                    "{}", offset
                );
            }
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}Word";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), (1, 1));
        assert_eq!(index.line_col(text, 0), (1, 1));
    }

    #[test]
    fn crlf_lines() {
        let text = "one\r\ntwo\r\nthree";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_col(text, 5), (2, 1));
        assert_eq!(&text[index.line_range(text, 1)], "one");
        assert_eq!(&text[index.line_range(text, 2)], "two");
        assert_eq!(&text[index.line_range(text, 3)], "three");
    }

    #[test]
    fn spans_overlap_only_when_sharing_bytes() {
        assert!(Span::new(0, 3).overlaps(&Span::new(2, 5)));
        assert!(!Span::new(0, 3).overlaps(&Span::new(3, 5)));
    }
}
