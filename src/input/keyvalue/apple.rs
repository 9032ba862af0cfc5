//! Apple `.strings` files: `"key" = "value";` entries (a key may also be a
//! bare word), `/* … */` and `//` comments, and backslash escapes (`\"`,
//! `\\`, `\n`, `\t`, `\r`, `\U00e9`). A target file is read as UTF-8;
//! Xcode's UTF-16 files are read as sources only, which are compared, not
//! pointed into (see [`crate::input`]).

use super::{Entries, Entry, hex4, split_escapes};
use crate::input::{Malformed, Piece};
use crate::text::Span;

pub(in crate::input) fn entries(text: &str) -> Result<Entries, Malformed> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
    };
    let mut out = Entries::default();
    loop {
        r.blank()?;
        if r.at >= r.bytes.len() {
            return Ok(out);
        }
        let key = if r.bytes[r.at] == b'"' {
            r.string()?.2
        } else {
            let start = r.at;
            while r
                .bytes
                .get(r.at)
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            {
                r.at += 1;
            }
            if r.at == start {
                return Err(Malformed::new(
                    start,
                    "expected a key in double quotes, a comment or the end of the file",
                ));
            }
            text[start..r.at].to_owned()
        };
        r.blank()?;
        r.expect(b'=', "expected `=` after the key")?;
        r.blank()?;
        if r.bytes.get(r.at) != Some(&b'"') {
            return Err(Malformed::new(r.at, "expected a value in double quotes"));
        }
        let (span, run, decoded) = r.string()?;
        r.blank()?;
        r.expect(b';', "expected `;` after the value")?;
        out.entries.push(Entry::new(key, span, vec![run], decoded));
    }
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl Reader<'_> {
    /// Skips white space and comments.
    fn blank(&mut self) -> Result<(), Malformed> {
        loop {
            match self.bytes.get(self.at..self.at + 2) {
                Some(b"/*") => {
                    let open = self.at;
                    match self.text[self.at + 2..].find("*/") {
                        Some(p) => self.at += 2 + p + 2,
                        None => {
                            return Err(Malformed::new(
                                open,
                                "expected `*/` to close the comment that starts here",
                            ));
                        }
                    }
                }
                Some(b"//") => {
                    self.at = self.text[self.at..]
                        .find('\n')
                        .map_or(self.text.len(), |p| self.at + p);
                }
                _ => match self.bytes.get(self.at) {
                    Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                    _ => return Ok(()),
                },
            }
        }
    }

    fn expect(&mut self, b: u8, message: &str) -> Result<(), Malformed> {
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            Ok(())
        } else {
            Err(Malformed::new(self.at, message))
        }
    }

    /// The quoted string at the opening quote: its content's span, pieces
    /// and decoded text.
    fn string(&mut self) -> Result<(Span, Vec<Piece>, String), Malformed> {
        let open = self.at;
        let start = open + 1;
        let mut i = start;
        loop {
            match self.bytes.get(i) {
                None => {
                    return Err(Malformed::new(
                        open,
                        "expected `\"` to close the string that starts here",
                    ));
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    if matches!(self.bytes.get(i + 1), Some(b'U' | b'u'))
                        && self.text.get(i + 2..).and_then(hex4).is_none()
                    {
                        return Err(Malformed::new(i, "expected four hex digits after `\\U`"));
                    }
                    i += 2;
                }
                Some(_) => i += 1,
            }
        }
        let span = Span::new(start, i);
        let mut run = Vec::new();
        let mut decoded = String::new();
        split_escapes(self.text, span, &mut run, &mut decoded, |s| {
            let c = match s.as_bytes().get(1)? {
                b'U' | b'u' => {
                    let c = char::from_u32(hex4(&s[2..])?).unwrap_or('\u{fffd}');
                    return Some((6, c.to_string()));
                }
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'a' => '\u{7}',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'v' => '\u{b}',
                _ => s[1..].chars().next()?,
            };
            Some((1 + s[1..].chars().next()?.len_utf8(), c.to_string()))
        });
        self.at = i + 1;
        Ok((span, run, decoded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_comments_and_escapes() {
        let text = "/* Title */\n\"title\" = \"Save \\\"%@\\\"\";\n// line\nbare_key = \"%1$@ of %2$@\\n\";\n\"é\"=\"\\U00e9t\\U00E9\" ;";
        let got: Vec<(String, String, &str)> = entries(text)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.key, e.decoded, &text[e.span.range()]))
            .collect();
        assert_eq!(got[0].0, "title");
        assert_eq!(got[0].1, "Save \"%@\"");
        assert_eq!(got[0].2, "Save \\\"%@\\\"");
        assert_eq!(
            (got[1].0.as_str(), got[1].1.as_str()),
            ("bare_key", "%1$@ of %2$@\n")
        );
        assert_eq!((got[2].0.as_str(), got[2].1.as_str()), ("é", "été"));
    }

    #[test]
    fn malformed_strings() {
        let cases: [(&str, usize, &str); 6] = [
            ("\"a\" \"b\";", 4, "expected `=`"),
            ("\"a\" = \"b\"", 9, "expected `;`"),
            ("\"a\" = b;", 6, "in double quotes"),
            ("\"a\" = \"b;", 6, "close the string"),
            ("/* open", 0, "close the comment"),
            ("\"a\" = \"\\Uzz\";", 7, "hex digits"),
        ];
        for (text, offset, needle) in cases {
            let err = entries(text).err().unwrap();
            assert!(err.message.contains(needle), "{text}: {}", err.message);
            assert_eq!(err.offset, offset, "{text}");
        }
    }
}
