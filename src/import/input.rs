//! What an import reads: plain, gzip and tar.gz files, each bounded by
//! [`Limits`], so that a small hostile file ends in one error line.

use std::io::Read;
use std::path::Path;

use super::ImportError;

/// One input file's bytes, under the name errors use.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given, or `archive.tar.gz:member` for an archive member.
    pub name: String,
    /// The (decompressed) contents.
    pub bytes: Vec<u8>,
}

impl Input {
    /// The contents as UTF-8 text (a BOM removed).
    ///
    /// # Errors
    ///
    /// When the bytes are not UTF-8: the error names the line of the first
    /// bad byte.
    pub fn text(&self) -> Result<&str, ImportError> {
        let bytes = self
            .bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(&self.bytes);
        std::str::from_utf8(bytes).map_err(|e| {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            ImportError::new(
                &self.name,
                Some(line),
                format!("not UTF-8 (byte offset {at})"),
            )
        })
    }

    /// The contents parsed as YAML (Vale rules, prh dictionaries).
    ///
    /// # Errors
    ///
    /// When they are not UTF-8 or not YAML: the error names the line.
    pub fn yaml(&self) -> Result<serde_norway::Value, ImportError> {
        let text = self.text()?;
        if let Some((line, column)) = flow_nesting_beyond(text, MAX_YAML_DEPTH) {
            return Err(ImportError::new(
                &self.name,
                Some(line),
                format!(
                    "not valid YAML: collections nest deeper than {MAX_YAML_DEPTH} levels at line {line} column {column}"
                ),
            ));
        }
        serde_norway::from_str(text).map_err(|e| {
            ImportError::new(
                &self.name,
                e.location().map(|l| l.line()),
                format!("not valid YAML: {e}"),
            )
        })
    }
}

/// How deep YAML collections may nest: the YAML reader's own limit, past
/// which it gives up.
const MAX_YAML_DEPTH: usize = 128;

/// Where the flow collections (`[…]`, `{…}`) of YAML `text` first nest
/// deeper than `max`, as a 1-based line and column; `None` if they never
/// do.
///
/// The YAML reader fails on such nesting too, but only after it has read
/// the whole file, at a cost that grows with the depth at every token: a
/// file of 100,000 `[` took it over a minute to reject. This scan, one
/// pass without a grammar, counts a bracket only where one may open a
/// collection (after whitespace, a line start or a bracket it counted, or
/// after `,` or `:` within a collection), skipping comments and what look
/// like quoted strings. It
/// may count a bracket inside a plain or block string too, but more than
/// 128 of those left open is no YAML anyone writes; where it misreads a
/// quote and misses real brackets, the reader still rejects the file.
fn flow_nesting_beyond(text: &str, max: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut prev = b'\n';
    // Whether `prev` opened a collection (a bracket inside a plain string,
    // `x[[`, opens none, nor do those after it).
    let mut prev_opened = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let opens = matches!(prev, b' ' | b'\t' | b'\n' | b'\r')
            || prev_opened
            || (depth > 0 && matches!(prev, b',' | b':'));
        prev_opened = false;
        match b {
            b'#' if matches!(prev, b' ' | b'\t' | b'\n' | b'\r') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                prev = b'\n';
                i += 1;
                continue;
            }
            b'"' | b'\'' if opens => {
                // To the closing quote: `\"` escapes one in double quotes,
                // `''` is one in single quotes.
                i += 1;
                while i < bytes.len() {
                    let escaped = (b == b'"' && bytes[i] == b'\\')
                        || (b == b'\'' && bytes[i] == b && bytes.get(i + 1) == Some(&b'\''));
                    if escaped {
                        i += 2;
                    } else if bytes[i] == b {
                        break;
                    } else {
                        i += 1;
                    }
                }
            }
            b'[' | b'{' if opens => {
                depth += 1;
                prev_opened = true;
                if depth > max {
                    let line_start = bytes[..i]
                        .iter()
                        .rposition(|&c| c == b'\n')
                        .map_or(0, |n| n + 1);
                    let line = bytes[..i].iter().filter(|&&c| c == b'\n').count() + 1;
                    let column = text[line_start..i].chars().count() + 1;
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = b;
        i += 1;
    }
    None
}

/// What an import may read, so that a small hostile file (a gzip bomb, an
/// archive that declares huge members, an import of `/dev/zero`) ends in a
/// one-line error instead of taking all memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read from one run's inputs in all, after
    /// decompression.
    pub max_bytes: u64,
    /// The most bytes a compressed input may give per compressed byte.
    pub max_ratio: u64,
    /// The most files an archive may hold.
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 1 << 30,
            max_ratio: 1000,
            max_files: 100_000,
        }
    }
}

/// Reads all of `reader`, at most `max` bytes: `Ok(None)` when there is
/// more.
fn read_at_most(reader: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Reads a plain file named by an import (a prh `imports:` entry): a
/// regular file of at most [`Limits::max_bytes`] bytes.
///
/// # Errors
///
/// A message when it is no regular file, cannot be read, or is too large.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    read_at_most(std::io::BufReader::new(file), limits.max_bytes)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("larger than {} bytes", limits.max_bytes))
}

/// Reads `path`: a plain file, a gzip file (`.gz`), or a gzipped tar
/// archive (`.tar.gz`, `.tgz`), whose regular files become one input each
/// (in archive order, names starting with `.` left out), within `limits`.
///
/// # Errors
///
/// When the file cannot be read, the compression or archive is broken, or
/// a limit is reached (the error says which, and how to raise it).
pub fn read_inputs(path: &Path, limits: &Limits) -> Result<Vec<Input>, ImportError> {
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| ImportError::new(&name, None, format!("cannot read: {e}"));
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(ImportError::new(
            &name,
            None,
            "cannot read: not a regular file",
        ));
    }
    let lower = name.to_ascii_lowercase();
    // A compressed file may give at most `max_ratio` times its size, and
    // never more than `max_bytes` in all.
    let compressed = lower.ends_with(".gz") || lower.ends_with(".tgz");
    let budget = if compressed {
        meta.len()
            .saturating_mul(limits.max_ratio)
            .max(1 << 20)
            .min(limits.max_bytes)
    } else {
        limits.max_bytes
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    read_inputs_from(
        &name,
        std::io::BufReader::new(file),
        &Limits {
            max_bytes: budget,
            ..*limits
        },
    )
    .map_err(|mut e| {
        if compressed && e.message.starts_with("gives more than") {
            e.message = format!(
                "{} (compressed {} bytes, at most {}:1); raise --max-ratio or --max-bytes if it is genuine",
                e.message.trim_end_matches("; raise --max-bytes if it is genuine"),
                meta.len(),
                limits.max_ratio
            );
        }
        e
    })
}

/// Reads the contents of the file `name` from `reader`, as [`read_inputs`]
/// reads a file: its name's extension says whether it is a gzipped tar
/// archive, a gzip file or a plain file. At most `limits.max_bytes` are
/// read in all, and at most `limits.max_files` archive members.
///
/// # Errors
///
/// When `reader` fails, the compression or archive is broken, or a limit
/// is reached.
pub fn read_inputs_from(
    name: &str,
    reader: impl Read,
    limits: &Limits,
) -> Result<Vec<Input>, ImportError> {
    let io_err = |e: std::io::Error| ImportError::new(name, None, format!("cannot read: {e}"));
    let budget = limits.max_bytes;
    let too_large = || {
        ImportError::new(
            name,
            None,
            format!("gives more than {budget} bytes; raise --max-bytes if it is genuine"),
        )
    };
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tar.gz") || lower.ends_with(".tgz") {
        let mut archive = tar::Archive::new(flate2::read::MultiGzDecoder::new(reader));
        let mut inputs = Vec::new();
        let mut left = budget;
        let entries = archive.entries().map_err(io_err)?;
        for (i, entry) in entries.enumerate() {
            if i >= limits.max_files {
                return Err(ImportError::new(
                    name,
                    None,
                    format!(
                        "holds more than {} files; raise --max-files if it is genuine",
                        limits.max_files
                    ),
                ));
            }
            let entry = entry.map_err(io_err)?;
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let member = entry.path().map_err(io_err)?.display().to_string();
            let hidden = Path::new(&member)
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            // A member's declared size is not trusted: it is read up to
            // what is left of the budget.
            let bytes = read_at_most(entry, left)
                .map_err(io_err)?
                .ok_or_else(too_large)?;
            left -= bytes.len() as u64;
            inputs.push(Input {
                name: format!("{name}:{member}"),
                bytes,
            });
        }
        Ok(inputs)
    } else if lower.ends_with(".gz") {
        let bytes = read_at_most(flate2::read::MultiGzDecoder::new(reader), budget)
            .map_err(io_err)?
            .ok_or_else(too_large)?;
        Ok(vec![Input {
            name: name.to_owned(),
            bytes,
        }])
    } else {
        let bytes = read_at_most(reader, budget)
            .map_err(io_err)?
            .ok_or_else(too_large)?;
        Ok(vec![Input {
            name: name.to_owned(),
            bytes,
        }])
    }
}
