//! Java `.properties` files as `java.util.Properties` reads them: logical
//! lines (a line ending in an odd number of backslashes goes on, the next
//! line's leading white space dropped), `#` and `!` comment lines, a key
//! ended by an unescaped `=`, `:` or white space, and escapes (`\t`, `\n`,
//! `\r`, `\f`, `\uXXXX`, a backslash before any other character being that
//! character). A file is read as UTF-8 (Java 9 resource bundles are); one
//! in ISO-8859-1 with non-ASCII bytes is refused as any file that is not
//! UTF-8, except as a source, which is only compared (see
//! [`crate::input`]). MessageFormat's `{0}` and `''` stay as written: the
//! placeholder checks read them.

use super::{Entries, Entry, split_escapes, unicode_escape};
use crate::input::Malformed;
use crate::text::Span;

pub(in crate::input) fn entries(text: &str) -> Result<Entries, Malformed> {
    let bytes = text.as_bytes();
    let mut out = Entries::default();
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while i < bytes.len() {
        // Leading white space of a natural line.
        while let Some(b' ' | b'\t' | b'\x0c') = bytes.get(i) {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b'\n' | b'\r') => {
                i += 1;
                continue;
            }
            Some(b'#' | b'!') => {
                i = line_end(bytes, i);
                continue;
            }
            Some(_) => {}
        }
        let end = logical_end(bytes, i);
        // The key: to the first unescaped separator.
        let key_start = i;
        let mut k = i;
        while k < end {
            match bytes[k] {
                b'\\' => k += 2,
                b'=' | b':' | b' ' | b'\t' | b'\x0c' => break,
                _ => k += 1,
            }
        }
        let key_end = k.min(end);
        let mut v = key_end;
        while let Some(b' ' | b'\t' | b'\x0c') = bytes.get(v).filter(|_| v < end) {
            v += 1;
        }
        if v < end && matches!(bytes[v], b'=' | b':') {
            v += 1;
            while v < end && matches!(bytes[v], b' ' | b'\t' | b'\x0c') {
                v += 1;
            }
        }
        // White space after a continuation before the value starts is
        // dropped too: skip whole continuations here.
        while v < end && bytes[v] == b'\\' && continuation_len(bytes, v, end) > 0 {
            v += continuation_len(bytes, v, end);
        }
        let mut key_run = Vec::new();
        let mut key = String::new();
        unescape(text, Span::new(key_start, key_end), &mut key_run, &mut key)?;
        let span = Span::new(v, end);
        let mut run = Vec::new();
        let mut decoded = String::new();
        unescape(text, span, &mut run, &mut decoded)?;
        out.entries.push(Entry::new(key, span, vec![run], decoded));
        i = end;
    }
    Ok(out)
}

/// The end of the natural line at `i` (before its line break).
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r'))
        .map_or(bytes.len(), |p| i + p)
}

/// The end of the logical line at `i`: natural lines joined while one ends
/// in an odd number of backslashes.
fn logical_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        let end = line_end(bytes, i);
        let backslashes = bytes[i..end]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        if backslashes % 2 == 0 || end == bytes.len() {
            return end;
        }
        i = end
            + if bytes[end..].starts_with(b"\r\n") {
                2
            } else {
                1
            };
    }
}

/// The length of a continuation at the backslash `i` (the backslash, the
/// line break and the next line's leading white space), or 0.
fn continuation_len(bytes: &[u8], i: usize, end: usize) -> usize {
    let mut j = i + 1;
    match bytes.get(j) {
        Some(b'\r') if bytes.get(j + 1) == Some(&b'\n') => j += 2,
        Some(b'\n' | b'\r') => j += 1,
        _ => return 0,
    }
    while j < end && matches!(bytes[j], b' ' | b'\t' | b'\x0c') {
        j += 1;
    }
    j - i
}

/// Splits `text[span]` at its escapes and continuations.
fn unescape(
    text: &str,
    span: Span,
    run: &mut Vec<crate::input::Piece>,
    decoded: &mut String,
) -> Result<(), Malformed> {
    let bytes = text.as_bytes();
    // A broken `\u` is an error, as Java's `Malformed \uxxxx encoding`.
    let mut i = span.start;
    while i < span.end {
        if bytes[i] == b'\\' {
            if bytes.get(i + 1) == Some(&b'u') && unicode_escape(&text[i..span.end]).is_none() {
                return Err(Malformed::new(i, "expected four hex digits after `\\u`"));
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    split_escapes(text, span, run, decoded, |s| {
        let b = s.as_bytes();
        let len = continuation_len(b, 0, b.len());
        if len > 0 {
            return Some((len, String::new()));
        }
        let c = match b.get(1)? {
            b'u' => return unicode_escape(s),
            b't' => '\t',
            b'n' => '\n',
            b'r' => '\r',
            b'f' => '\u{c}',
            _ => s[1..].chars().next()?,
        };
        Some((1 + s[1..].chars().next()?.len_utf8(), c.to_string()))
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String, &str)> {
        entries(text)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.key, e.decoded, &text[e.span.range()]))
            .collect()
    }

    #[test]
    fn separators_comments_and_escapes() {
        let text =
            "# comment\n! also\n\na=1\nb : two \nc three\n  d\\ e\\:f = g\\u00e9\\n\\\\\nempty\n";
        let got = pairs(text);
        let want = [
            ("a", "1", "1"),
            ("b", "two ", "two "),
            ("c", "three", "three"),
            ("d e:f", "gé\n\\", "g\\u00e9\\n\\\\"),
            ("empty", "", ""),
        ];
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2), w);
        }
    }

    #[test]
    fn continuation_lines() {
        let text = "msg = Hello \\\r\n    {0}, \\\n\tgood day\nnext=\\\n   x\n";
        let got = pairs(text);
        assert_eq!(got[0].1, "Hello {0}, good day");
        assert_eq!(got[0].2, "Hello \\\r\n    {0}, \\\n\tgood day");
        assert_eq!((got[1].1.as_str(), got[1].2), ("x", "x"));
        // An even number of backslashes ends the line.
        let got = pairs("a=b\\\\\nc=d");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "b\\");
    }

    #[test]
    fn broken_unicode_escape() {
        let err = entries("a=ok\nb=\\u12x4\n").err().unwrap();
        assert_eq!(err.offset, 7);
        assert!(err.message.contains("hex"), "{}", err.message);
    }
}
