//! Large plain-text files read in parts, so that a file of any size (or an
//! endless standard input) is checked in memory bounded by the part size.
//!
//! A part ends where no finding can span the cut, in this order of
//! preference: after a blank line (a paragraph's end), after a line that
//! ends a sentence, after any line end, after sentence punctuation and the
//! space that follows it, after any space, and, in a run of text with no
//! space at all, at a character boundary. The glossary never matches across
//! a blank line or sentence punctuation, and the detectors read at most a
//! paragraph around a word, so a file read in parts gives the findings it
//! gives read whole (held by `tests/regression.rs`), except in a paragraph
//! longer than a part. A suppression comment is never cut: the part ends
//! before a `<!--` that it does not close.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use super::Job;
use crate::filter::suppress::Carry;
use crate::text::{InputError, InputErrorKind, Part, position_in_bytes};

/// The bytes of a part, by default: large enough that parts cost nothing
/// beside their text, small enough that a few in flight per thread stay
/// far below any memory limit.
pub const PART_BYTES: usize = 4 << 20;

/// Reads one file (or standard input) as the jobs of its parts.
pub(super) struct Parts {
    path: Arc<Path>,
    reader: Option<Box<dyn Read + Send>>,
    /// Bytes read and not yet handed out in a part.
    buf: Vec<u8>,
    part_bytes: usize,
    next: Part,
    carry: Carry,
    done: bool,
}

impl Parts {
    /// The parts of `path`, read from `reader`.
    pub(super) fn new(path: Arc<Path>, reader: Box<dyn Read + Send>, part_bytes: usize) -> Parts {
        Parts {
            path,
            reader: Some(reader),
            buf: Vec::new(),
            part_bytes: part_bytes.max(1),
            next: Part::default(),
            carry: Carry::default(),
            done: false,
        }
    }

    fn fail(&mut self, kind: InputErrorKind) -> Option<Job> {
        self.done = true;
        Some(Job::Failed(InputError::new(&self.path, kind)))
    }

    /// Fills the buffer to one part and a byte more, or to the end;
    /// whether the end was reached.
    fn fill(&mut self) -> io::Result<bool> {
        let Some(reader) = &mut self.reader else {
            return Ok(true);
        };
        let want = (self.part_bytes + 1).saturating_sub(self.buf.len());
        // Grown as bytes come, so that a small file costs no part's worth
        // of memory.
        let got = reader
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut self.buf)?;
        if got < want {
            self.reader = None;
            return Ok(true);
        }
        Ok(false)
    }
}

impl Iterator for Parts {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        if self.done {
            return None;
        }
        let end = match self.fill() {
            Ok(end) => end,
            Err(e) => return self.fail(InputErrorKind::Io(e.to_string())),
        };
        let first = self.next.index == 0;
        if first && (self.buf.starts_with(&[0xff, 0xfe]) || self.buf.starts_with(&[0xfe, 0xff])) {
            return self.fail(InputErrorKind::Utf16);
        }
        let cut = if end {
            self.buf.len()
        } else {
            cut_point(&self.buf[..self.part_bytes])
        };
        let rest = self.buf.split_off(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let part = Part {
            last: end && self.buf.is_empty(),
            ..self.next
        };
        let text = match check(bytes, &part) {
            Ok(text) => text,
            Err(kind) => return self.fail(kind),
        };
        if part.last {
            self.done = true;
        }
        if first && part.last {
            // A file of one part is read as any file is (an empty one
            // is an error, a BOM is skipped).
            return Some(Job::Text {
                path: Arc::clone(&self.path),
                text,
                part: None,
                carry: Carry::default(),
            });
        }
        // Where the next part starts.
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let after_line = memchr::memrchr(b'\n', text.as_bytes()).map_or(0, |i| i + 1);
        let tail = text[after_line..].chars().count();
        let carry = std::mem::take(&mut self.carry);
        self.carry = carry.through(&text, part.line + 1);
        self.next = Part {
            index: part.index + 1,
            byte: part.byte + text.len(),
            line: part.line + newlines,
            column: if newlines == 0 {
                part.column + tail
            } else {
                tail
            },
            last: false,
        };
        Some(Job::Text {
            path: Arc::clone(&self.path),
            text,
            part: Some(part),
            carry,
        })
    }
}

/// The text of a part, or what is wrong with its bytes, placed in the file.
fn check(bytes: Vec<u8>, part: &Part) -> Result<String, InputErrorKind> {
    let place = |bytes: &[u8], offset: usize| {
        let (line, column) = position_in_bytes(bytes, offset);
        let column = if line == 1 {
            part.column + column
        } else {
            column
        };
        (part.byte + offset, part.line + line, column)
    };
    if let Some(at) = memchr::memchr(0, &bytes) {
        let (offset, line, column) = place(&bytes, at);
        return Err(InputErrorKind::Binary {
            offset,
            line,
            column,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let (offset, line, column) = place(e.as_bytes(), e.utf8_error().valid_up_to());
        InputErrorKind::NotUtf8 {
            offset,
            line,
            column,
        }
    })
}

/// Where to end a part of `bytes` (all of which may go into it): the
/// latest cut of the most preferred kind (see the module's documentation)
/// in the second half of `bytes`, so that no part is much shorter than the
/// part size; else the latest cut of any kind. Never 0 unless `bytes` is
/// empty, and always on a character boundary.
fn cut_point(bytes: &[u8]) -> usize {
    // A suppression comment that the part would cut goes whole into the
    // next part.
    let mut bytes = bytes;
    if let Some(open) = memchr::memmem::rfind(bytes, b"<!--")
        && open > 0
        && memchr::memmem::find(&bytes[open..], b"-->").is_none()
    {
        bytes = &bytes[..open];
    }
    let half = bytes.len() / 2;
    // Closing quotes and brackets may follow the punctuation.
    let ends_sentence = |before: &[u8]| {
        let trimmed = before
            .iter()
            .rposition(|&b| !matches!(b, b'"' | b'\'' | b')' | b']' | b'\r'));
        trimmed.is_some_and(|i| matches!(before[i], b'.' | b'!' | b'?'))
    };
    // Cuts, by preference: a blank line, a line that ends a sentence,
    // sentence punctuation and a space, any line end, any space.
    let mut best: [Option<usize>; 5] = [None; 5];
    for at in (0..bytes.len()).rev() {
        let kind = match bytes[at] {
            b'\n' => {
                let before = &bytes[..at];
                if before.ends_with(b"\n") || before.ends_with(b"\n\r") {
                    0
                } else if ends_sentence(before) {
                    1
                } else {
                    3
                }
            }
            b' ' | b'\t' if ends_sentence(&bytes[..at]) => 2,
            b' ' | b'\t' => 4,
            _ => continue,
        };
        best[kind].get_or_insert(at + 1);
        if kind == 0 && at >= half {
            break;
        }
        if at < half && best.iter().any(Option::is_some) {
            break;
        }
    }
    if let Some(cut) = best.iter().flatten().find(|&&cut| cut > half) {
        return *cut;
    }
    if let Some(cut) = best.iter().flatten().max() {
        return *cut;
    }
    // No space at all: at a character boundary.
    let mut cut = bytes.len();
    while cut > 1 && (bytes[cut - 1] as i8) < -0x40 {
        cut -= 1;
    }
    if cut > 1 && bytes[cut - 1] >= 0xc0 {
        cut -= 1;
    }
    cut.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_line_is_the_first_choice() {
        let text = b"One. Two\nthree.\n\nFour five\nsix";
        assert_eq!(cut_point(text), 17);
    }

    #[test]
    fn then_a_sentence_then_any_line_in_the_second_half() {
        assert_eq!(
            cut_point(b"Zero one two three. Four five six seven.\nEight"),
            41
        );
        assert_eq!(
            cut_point(b"Zero one two three four five six \"seven.\"\nEight"),
            42
        );
        assert_eq!(cut_point(b"Zero one two three. Four five\nsix seven"), 20);
        assert_eq!(cut_point(b"Zero one two three four five six\nseven"), 33);
        // Nothing in the second half: the latest cut of any kind.
        assert_eq!(cut_point(b"Zero one.\nTwothreefourfivesixseveneight"), 10);
    }

    #[test]
    fn a_long_line_is_cut_after_a_sentence_or_a_space() {
        assert_eq!(cut_point(b"One two three. Four five"), 15);
        assert_eq!(cut_point(b"One two three four"), 14);
        let word = "é".repeat(10);
        let cut = cut_point(&word.as_bytes()[..7]);
        assert!(word.is_char_boundary(cut) && cut > 0, "{cut}");
    }

    #[test]
    fn an_open_suppression_comment_goes_to_the_next_part() {
        assert_eq!(cut_point(b"One.\nTwo.\n<!-- mtlint-disable\nx"), 10);
        assert_eq!(cut_point(b"One.\n<!-- mtlint-enable -->\nTwo"), 28);
    }

    fn parts(text: &str, part_bytes: usize) -> Vec<(String, Option<Part>)> {
        let reader = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
        Parts::new(Arc::from(Path::new("a.txt")), reader, part_bytes)
            .map(|job| match job {
                Job::Text { text, part, .. } => (text, part),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn parts_join_to_the_file_and_know_where_they_start() {
        let text = "Ab cd.\nEf gh ij\n\nKl mn. Op qr st uv wx yz.\nOne.";
        let got = parts(text, 12);
        assert!(got.len() > 3, "{got:?}");
        assert_eq!(
            got.iter().map(|(t, _)| t.as_str()).collect::<String>(),
            text
        );
        let mut byte = 0;
        for (i, (t, part)) in got.iter().enumerate() {
            let part = part.expect("a part");
            assert_eq!((part.index, part.byte), (i, byte));
            assert_eq!(part.line, text[..byte].matches('\n').count());
            let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(part.column, text[line_start..byte].chars().count());
            assert_eq!(part.last, i + 1 == got.len());
            byte += t.len();
        }
    }

    #[test]
    fn a_file_of_one_part_is_a_whole_file() {
        assert_eq!(parts("Short.", 100), [("Short.".to_owned(), None)]);
    }

    #[test]
    fn bad_bytes_are_placed_in_the_file() {
        let mut bytes = b"Ab cd.\nEf gh.\nIj kl.\nMn \xff op.".to_vec();
        bytes.extend(b"\n");
        let reader = Box::new(io::Cursor::new(bytes));
        let jobs: Vec<Job> = Parts::new(Arc::from(Path::new("a.txt")), reader, 8).collect();
        let Some(Job::Failed(e)) = jobs.last() else {
            panic!("{jobs:?}")
        };
        assert_eq!(
            e.kind,
            InputErrorKind::NotUtf8 {
                offset: 24,
                line: 4,
                column: 4
            }
        );
    }
}
