//! Why an input could not be checked: the errors bad input gets, each one
//! line naming the file (and the line and column where there is one).

use std::fmt;

use super::OneLine;
use std::path::{Path, PathBuf};

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
    /// It is larger than the most a file may be.
    TooLarge {
        /// The limit, in bytes.
        max: u64,
    },
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
            InputErrorKind::TooLarge { max } => write!(
                f,
                "{path}: larger than {max} bytes, not checked (--max-file-size raises the limit)"
            ),
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
                "{path}:{line}:{column}: not valid UTF-8 at byte offset {offset}, not checked; if it is Latin-1 or Windows-1252, convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
            ),
        }
    }
}

impl std::error::Error for InputError {}
