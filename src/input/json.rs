//! JSON string files (i18next, Chrome `messages.json`, Flutter ARB, any
//! nesting of objects and arrays): every string value is checked; keys,
//! numbers, `true`, `false` and `null` are not. Metadata is left out:
//! - a member whose key starts with `@` (ARB's `@key` objects with their
//!   `description` and `placeholders`, and `@@locale`);
//! - in an object that has a string `message` (a Chrome `messages.json`
//!   entry), its `description` and `placeholders`.
//!
//! Escapes (`\"`, `\n`, `\u00e9`, a surrogate pair) split a string into
//! literal pieces, joined decoded for the glossary (see [`super`]); a
//! suggestion is escaped as a JSON string ([`Escape::Json`]).
//!
//! serde_json, already a dependency, reads values but gives no byte spans
//! of them, which every segment needs: the grammar is small enough to read
//! here, in one pass, with an error naming what was expected where.

use super::{Malformed, Parsed, Piece};
use crate::text::{Escape, Span};

/// The deepest nesting of arrays and objects read: string files nest a few
/// levels; the bound keeps a file of `[[[[…` from exhausting the stack.
const MAX_DEPTH: usize = 128;

/// What a value was, as far as its parent needs to know.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Other,
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// An ARB file's `@@locale`.
    locale: Option<String>,
    /// The key path of the value being read, when keys are wanted
    /// (members' keys and array indexes joined with `.`).
    path: Option<String>,
    /// The bytes of key paths still allowed: each string's path is a copy,
    /// and a file of long keys nested deep could otherwise make far more
    /// of them than it has bytes.
    key_budget: usize,
}

/// How many times its own size a file's key paths may add up to: real
/// string files stay far below.
const KEY_BUDGET_FACTOR: usize = 16;

/// A checked string: its key path (members' keys and array indexes joined
/// with `.`, relative to the value read), pieces and decoded text.
struct Str {
    key: String,
    pieces: Vec<Piece>,
    decoded: String,
}

/// The checked strings of a value, in file order.
type Runs = Vec<Str>;

/// Reads the whole file: its checked strings, with their key paths if
/// `keyed`.
fn read(text: &str, keyed: bool) -> Result<(Runs, Option<String>), Malformed> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
        locale: None,
        path: keyed.then(String::new),
        key_budget: text.len().saturating_mul(KEY_BUDGET_FACTOR) + (1 << 20),
    };
    let mut runs = Runs::new();
    reader.value(0, &mut runs)?;
    reader.blank();
    if reader.at < text.len() {
        return Err(Malformed::new(
            reader.at,
            "expected the end of the file after the JSON value",
        ));
    }
    Ok((runs, reader.locale))
}

pub(super) fn parse(text: &str) -> Result<Parsed, Malformed> {
    let (runs, _) = read(text, false)?;
    let mut parsed = Parsed {
        escape: Escape::Json,
        ..Parsed::default()
    };
    for run in &runs {
        parsed.push_run(text, &run.pieces, None, true);
    }
    Ok(parsed)
}

/// The file's strings as key-value entries: nested keys joined with `.`
/// (`menu.file.open`, `list.0`), i18next plural suffixes read off, an ARB
/// file's `@@locale` as its language.
pub(super) fn entries(text: &str) -> Result<super::keyvalue::Entries, Malformed> {
    let (runs, lang) = read(text, true)?;
    let entries = runs
        .into_iter()
        .map(|s| {
            let span = match (s.pieces.first(), s.pieces.last()) {
                (Some(first), Some(last)) => Span::new(first.raw.start, last.raw.end),
                _ => Span::new(0, 0),
            };
            super::keyvalue::Entry::new(s.key, span, vec![s.pieces], s.decoded).i18next_plural()
        })
        .collect();
    Ok(super::keyvalue::Entries { entries, lang })
}

impl Reader<'_> {
    /// Skips white space as JSON defines it.
    fn blank(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Reads one value, adding its strings to `runs`.
    fn value(&mut self, depth: usize, runs: &mut Runs) -> Result<Kind, Malformed> {
        self.blank();
        match self.bytes.get(self.at) {
            Some(b'"') => {
                let at = self.at;
                let (pieces, decoded) = self.string()?;
                let key = match &self.path {
                    Some(path) => {
                        self.key_budget = self.key_budget.checked_sub(path.len()).ok_or_else(|| {
                            Malformed::new(at, "key paths too long: keys nested deep add up to more than 16 times the file's size")
                        })?;
                        path.clone()
                    }
                    None => String::new(),
                };
                runs.push(Str {
                    key,
                    pieces,
                    decoded,
                });
                Ok(Kind::String)
            }
            Some(b'{') => self.object(depth + 1, runs).map(|()| Kind::Other),
            Some(b'[') => self.array(depth + 1, runs).map(|()| Kind::Other),
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(Malformed::new(
                self.at,
                "expected a value: a string, number, object, array, `true`, `false` or `null`",
            )),
        }
    }

    fn word(&mut self, word: &str) -> Result<Kind, Malformed> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(Kind::Other)
        } else {
            Err(Malformed::new(
                self.at,
                format!("expected `{word}` or another value"),
            ))
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<Kind, Malformed> {
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let first = self.at;
        if !digits(self) {
            return Err(Malformed::new(self.at, "expected a digit in the number"));
        }
        if self.bytes[first] == b'0' && self.at - first > 1 {
            return Err(Malformed::new(
                first,
                "a number cannot start with `0` followed by digits",
            ));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(Malformed::new(self.at, "expected a digit after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(Malformed::new(self.at, "expected a digit in the exponent"));
            }
        }
        Ok(Kind::Other)
    }

    /// Adds `key` to the key path, if keys are wanted; returns the path's
    /// length before, for [`Reader::pop_key`].
    fn push_key(&mut self, key: &str) -> usize {
        let Some(path) = &mut self.path else { return 0 };
        let len = path.len();
        if len > 0 {
            path.push('.');
        }
        path.push_str(key);
        len
    }

    fn pop_key(&mut self, len: usize) {
        if let Some(path) = &mut self.path {
            path.truncate(len);
        }
    }

    fn too_deep(&self, depth: usize) -> Result<(), Malformed> {
        if depth > MAX_DEPTH {
            return Err(Malformed::new(
                self.at,
                format!("arrays and objects nested more than {MAX_DEPTH} deep"),
            ));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize, runs: &mut Runs) -> Result<(), Malformed> {
        self.too_deep(depth)?;
        self.at += 1;
        self.blank();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            let len = self.push_key(&index.to_string());
            self.value(depth, runs)?;
            self.pop_key(len);
            index += 1;
            self.blank();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => {
                    return Err(Malformed::new(
                        self.at,
                        "expected `,` or `]` after an array element",
                    ));
                }
            }
        }
    }

    fn object(&mut self, depth: usize, runs: &mut Runs) -> Result<(), Malformed> {
        self.too_deep(depth)?;
        self.at += 1;
        // Each member's key, kind and strings: which members are metadata
        // is known only once the whole object is read.
        let mut members: Vec<(String, Kind, Runs)> = Vec::new();
        self.blank();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.blank();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(Malformed::new(self.at, "expected a key in double quotes"));
            }
            let (_, key) = self.string()?;
            self.blank();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(Malformed::new(self.at, "expected `:` after the key"));
            }
            self.at += 1;
            let mut member = Runs::new();
            let len = self.push_key(&key);
            let kind = self.value(depth, &mut member)?;
            self.pop_key(len);
            members.push((key, kind, member));
            self.blank();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    break;
                }
                _ => {
                    return Err(Malformed::new(
                        self.at,
                        "expected `,` or `}` after an object member",
                    ));
                }
            }
        }
        let chrome_message = members
            .iter()
            .any(|(key, kind, _)| key == "message" && *kind == Kind::String);
        for (key, kind, mut member) in members {
            if depth == 1 && key == "@@locale" && kind == Kind::String {
                self.locale = member.pop().map(|s| s.decoded);
            }
            let metadata = key.starts_with('@')
                || (chrome_message && (key == "description" || key == "placeholders"));
            if !metadata {
                runs.extend(member);
            }
        }
        Ok(())
    }

    /// Reads the string at the opening quote: its content's pieces (literal
    /// runs and escapes) and its decoded text.
    fn string(&mut self) -> Result<(Vec<Piece>, String), Malformed> {
        let open = self.at;
        self.at += 1;
        let mut pieces = Vec::new();
        let mut decoded = String::new();
        let mut run = self.at;
        loop {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(Malformed::new(
                    open,
                    "expected `\"` to close the string that starts here",
                ));
            };
            match b {
                b'"' => break,
                b'\\' => {
                    let start = self.at;
                    let c = self.escape()?;
                    if run < start {
                        pieces.push(Piece::literal(Span::new(run, start)));
                        decoded.push_str(&self.text[run..start]);
                    }
                    pieces.push(Piece::decoded(Span::new(start, self.at), c));
                    decoded.push(c);
                    run = self.at;
                }
                0..0x20 => {
                    return Err(Malformed::new(
                        self.at,
                        "a line break or control character inside a string: expected `\\n` or another escape, or `\"` to close it",
                    ));
                }
                _ => self.at += 1,
            }
        }
        if run < self.at || pieces.is_empty() {
            pieces.push(Piece::literal(Span::new(run, self.at)));
            decoded.push_str(&self.text[run..self.at]);
        }
        self.at += 1;
        Ok((pieces, decoded))
    }

    /// Reads the escape at the backslash: the character it stands for. A
    /// surrogate pair (`\ud83d\ude00`) is one character; a lone surrogate,
    /// which no text can hold, stands for U+FFFD.
    fn escape(&mut self) -> Result<char, Malformed> {
        let at = self.at;
        let c = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = self.hex(at + 2)?;
                self.at = at + 6;
                if (0xd800..0xdc00).contains(&high)
                    && self.text[self.at..].starts_with("\\u")
                    && let Ok(low) = self.hex(self.at + 2)
                    && (0xdc00..0xe000).contains(&low)
                {
                    self.at += 6;
                    let c = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                    return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
                }
                return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
            }
            _ => {
                return Err(Malformed::new(
                    at,
                    "expected an escape such as `\\n`, `\\\"`, `\\\\` or `\\u00e9` after `\\`",
                ));
            }
        };
        self.at = at + 2;
        Ok(c)
    }

    /// The four hex digits at `at`.
    fn hex(&self, at: usize) -> Result<u32, Malformed> {
        self.text
            .get(at..at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| Malformed::new(at, "expected four hex digits after `\\u`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values_only_in_file_order() {
        let text = "{\"title\": \"Hello\", \"n\": 3, \"nested\": {\"list\": [\"one\", true, null, -1.5e3, \"two\"]}, \"empty\": \"\"}";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.segment_texts(text), ["Hello", "one", "two"]);
        assert_eq!(parsed.escape, Escape::Json);
    }

    #[test]
    fn arb_and_chrome_metadata_is_left_out() {
        let arb = r#"{"@@locale": "en", "greet": "Hi {name}", "@greet": {"description": "A greeting", "placeholders": {"name": {"example": "Bob"}}}}"#;
        assert_eq!(parse(arb).unwrap().segment_texts(arb), ["Hi {name}"]);
        let chrome = r#"{"app": {"message": "My app $N$", "description": "Its name", "placeholders": {"n": {"content": "$1", "example": "Mail"}}}, "other": {"description": "kept: no message here"}}"#;
        assert_eq!(
            parse(chrome).unwrap().segment_texts(chrome),
            ["My app $N$", "kept: no message here"]
        );
    }

    #[test]
    fn escapes_split_pieces_and_decode() {
        let text = "[\"Tom \\\"and\\\" caf\\u00e9 \\ud83d\\ude00\\n\\ud800x\"]";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed.segment_texts(text),
            ["Tom ", "and", " caf", " ", "x"]
        );
        let joined: Vec<&str> = parsed.joined.iter().map(|j| j.text.as_str()).collect();
        assert_eq!(joined, ["Tom \"and\" café 😀\n\u{fffd}x"]);
    }

    #[test]
    fn key_paths_of_nested_members_and_array_items() {
        let text =
            r#"{"a": {"b": "x", "c": ["y", {"d": "z"}]}, "@meta": {"e": "m"}, "f_one": "w"}"#;
        let got: Vec<(String, String)> = entries(text)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.key, e.decoded))
            .collect();
        let want = [
            ("a.b", "x"),
            ("a.c.0", "y"),
            ("a.c.1.d", "z"),
            ("f_one", "w"),
        ];
        assert_eq!(got.len(), want.len());
        for ((k, v), (wk, wv)) in got.iter().zip(want) {
            assert_eq!((k.as_str(), v.as_str()), (wk, wv));
        }
    }

    #[test]
    fn bom_and_a_top_level_string() {
        let text = "\u{feff} \"Alone\"\r\n";
        assert_eq!(parse(text).unwrap().segment_texts(text), ["Alone"]);
    }

    #[test]
    fn malformed_json_names_what_was_expected() {
        let cases: [(&str, usize, &str); 9] = [
            ("{\"a\" \"b\"}", 5, "expected `:`"),
            ("{\"a\": \"b\",}", 10, "expected a key"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("{\"a\": \"b\n\"}", 8, "line break"),
            ("[\"\\x\"]", 2, "expected an escape"),
            ("[\"\\u12g4\"]", 4, "four hex digits"),
            ("[01]", 1, "start with `0`"),
            ("[\"open", 1, "close the string"),
            ("{} x", 3, "end of the file"),
        ];
        for (text, offset, needle) in cases {
            let err = parse(text).err().unwrap();
            assert!(err.message.contains(needle), "{text}: {}", err.message);
            assert_eq!(err.offset, offset, "{text}");
        }
        // Long keys nested deep, each string a copy of the whole path: refused
        // once the copies outgrow the file, not after quadratic work.
        let key = "k".repeat(4096);
        let nest = 100;
        let mut hostile = format!("{{\"{key}\":").repeat(nest);
        hostile.push('[');
        hostile.push_str(&vec!["\"x\""; 2000].join(","));
        hostile.push(']');
        hostile.push_str(&"}".repeat(nest));
        assert!(parse(&hostile).is_ok());
        let err = entries(&hostile).err().unwrap();
        assert!(
            err.message.contains("key paths too long"),
            "{}",
            err.message
        );
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).err().unwrap().message.contains("nested"));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// The decoded text of each checked string: a joined run's text, or a
    /// segment's own where no escape joins it.
    fn decoded(parsed: &Parsed, text: &str) -> Vec<String> {
        let mut out: Vec<(usize, String)> = parsed
            .joined
            .iter()
            .map(|j| (parsed.segments[j.segments.start].span.start, j.text.clone()))
            .collect();
        for (i, s) in parsed.segments.iter().enumerate() {
            if !parsed.joined.iter().any(|j| j.segments.contains(&i)) {
                out.push((s.span.start, text[s.span.range()].to_owned()));
            }
        }
        out.sort();
        out.into_iter().map(|(_, t)| t).collect()
    }

    proptest! {
        /// Strings written by serde_json, some with every non-ASCII
        /// character as `\u` escapes, read back as they were, each a run of
        /// segments in bounds and in order.
        #[test]
        fn strings_read_back_as_written(
            strings in proptest::collection::vec("[a-zé😀 \"\\\\\n\t/]{1,12}", 0..6),
            ascii in any::<bool>(),
        ) {
            let mut text = serde_json::to_string(&serde_json::json!({ "k": strings })).unwrap();
            if ascii {
                text = text.chars().map(|c| if c.is_ascii() {
                    c.to_string()
                } else {
                    c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect()
                }).collect();
            }
            let parsed = parse(&text).unwrap();
            let doc = crate::text::Document::with_segments("p.json", text.clone(), parsed.segments.clone());
            prop_assert_eq!(doc.segments.len(), parsed.segments.len());
            // A string of escapes only is checked when it decodes to more
            // than white space.
            let literal = |s: &&String| s.chars().any(|c| {
                !matches!(c, '"' | '\\' | '\n' | '\t') && (!ascii || c.is_ascii())
            });
            let checked = |s: &&String| literal(s) || s.chars().any(|c| !c.is_whitespace());
            let expected: Vec<String> = strings.iter().filter(checked).cloned().collect();
            prop_assert_eq!(decoded(&parsed, &text), expected);
        }
    }
}
