//! What the reports do to text they do not trust, which is all of it: file
//! names, the files' own text, glossary terms, suggestions and notes, and
//! the ids of JSON Lines records may all come from a stranger's pull
//! request. This module owns the escaping; each report decides where it
//! applies (see `docs/security.md`).
//!
//! - **For a terminal or a CI log** (the human output, GitHub workflow
//!   commands, error lines): every character a terminal or a log viewer
//!   would act on instead of showing ([`is_unsafe`]) is written as a
//!   visible escape, and GitHub's `##[command]` syntax is broken up
//!   ([`visible`]). The source line under a caret keeps its columns
//!   instead (`snippet`).
//! - **For a spreadsheet** (`findings.csv`, `summary.csv`): a cell that a
//!   spreadsheet would run as a formula gets a leading `'` ([`csv_cell`]).
//! - **For JSON** (`json`, `jsonl`, `sarif`): the text stays exact, but
//!   the characters JSON allows raw and a terminal acts on are written as
//!   `\u` escapes (`json_bytes`), so the file is safe to `cat` too.
//! - **For a patch** (`suggestions.diff`): the lines stay byte for byte,
//!   as `git apply` needs them; a path that would break a header line is
//!   quoted as git quotes it (`patch_header_path`).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use crate::text::LEGACY_COMMAND;
pub use crate::text::{is_unsafe, visible};

/// A path for the start of a line of output: [`visible`], and prefixed
/// with `./` (the same file) when it would start the line with `::` after
/// white space, which GitHub Actions reads as a workflow command.
pub fn visible_line_start(path: &str) -> Cow<'_, str> {
    let shown = visible(path);
    if shown.trim_start().starts_with("::") {
        Cow::Owned(format!("./{shown}"))
    } else {
        shown
    }
}

/// The one visible character that stands for `c` in a source line, where
/// each character must keep one column: the Control Picture of a C0
/// control (U+2400 plus its code, `␛` for ESC), `␡` for DEL, U+FFFD for
/// the others.
fn picture(c: char) -> char {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// A source line (or lines) as the human output draws it under a caret,
/// with the byte range `span` of `source` moved to where it is in the
/// result.
///
/// Each [unsafe](is_unsafe) character becomes one single-width visible
/// character ([`picture`]), so the caret stays under the span, except
/// what the snippet renderer lays out itself: LF, the CR of a CRLF, and
/// tab (drawn as spaces). The `[` of a `##[` becomes U+FFFD.
///
/// `span` must lie in `source` on character boundaries.
pub(crate) fn snippet(source: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let keeps = |i: usize, c: char| match c {
        '\n' | '\t' => true,
        '\r' => source[i + 1..].starts_with('\n'),
        '[' => !source[..i].ends_with("##"),
        c => !is_unsafe(c),
    };
    if source.char_indices().all(|(i, c)| keeps(i, c)) {
        return (Cow::Borrowed(source), span);
    }
    let mut out = String::with_capacity(source.len() + 8);
    let (mut start, mut end) = (0, 0);
    for (i, c) in source.char_indices() {
        if i == span.start {
            start = out.len();
        }
        if i == span.end {
            end = out.len();
        }
        out.push(if keeps(i, c) { c } else { picture(c) });
    }
    if span.start == source.len() {
        start = out.len();
    }
    if span.end == source.len() {
        end = out.len();
    }
    (Cow::Owned(out), start..end)
}

/// A CSV cell that a spreadsheet will take as text, as OWASP advises
/// against CSV injection: a cell that starts with `=`, `+`, `-`, `@`, tab
/// or CR gets a leading `'`, which a spreadsheet shows and does not run.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// JSON as serde_json wrote it, with every [unsafe](is_unsafe) character
/// that JSON allows raw (DEL, C1, U+2028, U+2029, the bidi controls) as a
/// `\uXXXX` escape; serde_json already escapes the C0 controls. JSON has
/// such characters only inside strings, where the escape reads back as the
/// same character, so the text round-trips exactly.
pub(crate) fn json_bytes(json: &[u8]) -> Cow<'_, [u8]> {
    // Every such character starts with one of these bytes in UTF-8 (DEL
    // 7F, C1 C2 80–9F, the others E2 80/81 ..): the common case is one scan.
    if memchr::memchr3(0x7f, 0xc2, 0xe2, json).is_none() {
        return Cow::Borrowed(json);
    }
    let Ok(text) = std::str::from_utf8(json) else {
        // serde_json writes UTF-8; nothing to do if it ever does not.
        return Cow::Borrowed(json);
    };
    // Curly quotes and arrows start with E2 too: look at the characters
    // that start so, and copy only when one of them is unsafe.
    let suspect = memchr::memchr3_iter(0x7f, 0xc2, 0xe2, json).any(|i| {
        text[i..]
            .chars()
            .next()
            .is_some_and(|c| c > '\x1f' && is_unsafe(c))
    });
    if !suspect {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        // A raw C0 character can only be the layout of pretty JSON (LF),
        // outside any string: serde_json escapes them in strings.
        if c > '\x1f' && is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out.into_bytes())
}

/// A name for a `---`/`+++` line of a patch: as it is, or, when it holds
/// `"`, `\` or an [unsafe](is_unsafe) character (a line end would end the
/// header), in double quotes with C escapes, as git writes it: `\t`, `\n`,
/// `\"`, `\\`, … and the UTF-8 bytes of the others in octal. `git apply`
/// and GNU patch read both forms back to the same name. A name with `##[`
/// is quoted too, its `[` as `\133`, so that the header is not a GitHub
/// Actions command.
pub(crate) fn patch_header_path(name: &str) -> Cow<'_, str> {
    if !name.chars().any(|c| c == '"' || c == '\\' || is_unsafe(c))
        && !name.contains(LEGACY_COMMAND)
    {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    out.push('"');
    for (i, c) in name.char_indices() {
        match c {
            '[' if name[..i].ends_with("##") => out.push_str("\\133"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_unsafe(c) => {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(out, "\\{b:03o}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One character of every class the reports must not pass on raw.
    const UNSAFE: &[char] = &[
        '\0', '\x07', '\x08', '\t', '\n', '\x0b', '\x0c', '\r', '\x1b', '\x1f', '\x7f', '\u{80}',
        '\u{85}', '\u{9b}', '\u{9f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}',
        '\u{2069}',
    ];

    #[test]
    fn unsafe_characters_are_the_controls_separators_and_bidi_overrides() {
        for &c in UNSAFE {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            ' ', '~', '\u{a0}', 'é', '\u{200d}', '\u{2027}', '\u{202f}', '\u{206a}',
        ] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn visible_escapes_every_unsafe_character() {
        assert_eq!(visible("plain text"), Cow::Borrowed("plain text"));
        assert_eq!(
            visible("a\nb\r\tc\x1b[31md\u{9b}e\u{202e}f\u{2028}"),
            "a\\nb\\r\\tc\\u{1b}[31md\\u{9b}e\\u{202e}f\\u{2028}"
        );
        for &c in UNSAFE {
            let shown = visible(&c.to_string()).into_owned();
            assert!(!shown.chars().any(is_unsafe), "{c:?} → {shown:?}");
        }
    }

    #[test]
    fn visible_breaks_up_legacy_github_commands() {
        assert_eq!(visible("x ##[error]y"), "x ##\\u{5b}error]y");
        assert_eq!(visible("# [a] #[b]"), "# [a] #[b]");
        assert_eq!(visible("###[x"), "###\\u{5b}x");
    }

    #[test]
    fn a_path_never_starts_a_line_with_a_workflow_command() {
        assert_eq!(visible_line_start("docs/a.md"), "docs/a.md");
        assert_eq!(visible_line_start("::error::x.txt"), "./::error::x.txt");
        assert_eq!(
            visible_line_start(" \u{3000}::warning::x"),
            "./ \u{3000}::warning::x"
        );
        assert_eq!(visible_line_start("a::b"), "a::b");
    }

    #[test]
    fn snippets_keep_one_column_per_character() {
        let source = "a\x1b[31mb\u{9b}c\u{202e}d SPAN\r\n";
        let start = source.find("SPAN").unwrap();
        let (shown, span) = snippet(source, start..start + 4);
        assert_eq!(shown, "a␛[31mb\u{fffd}c\u{fffd}d SPAN\r\n");
        assert_eq!(&shown[span.clone()], "SPAN");
        assert_eq!(
            shown[..span.start].chars().count(),
            source[..start].chars().count(),
            "the caret column is the same"
        );
    }

    #[test]
    fn snippets_keep_line_ends_and_tabs_and_show_lone_carriage_returns() {
        let source = "a\tb\r\nc\rd\x7f##[e]\n";
        let (shown, span) = snippet(source, 0..source.len());
        assert_eq!(shown, "a\tb\r\nc␍d␡##\u{fffd}e]\n");
        assert_eq!(span, 0..shown.len());
        let (same, span) = snippet("a\tb\r\n", 1..2);
        assert!(matches!(same, Cow::Borrowed(_)));
        assert_eq!(span, 1..2);
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_quoted() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(cell), format!("'{cell}"));
        }
        for cell in ["", "a=1", " =1", "'=1", "1-2", "\n=1"] {
            assert_eq!(csv_cell(cell), cell);
        }
    }

    #[test]
    fn json_escapes_what_json_allows_raw_and_round_trips() {
        let text: String = UNSAFE.iter().chain(&['é', '日', '"']).collect();
        let json = json_bytes(&serde_json::to_vec(&text).unwrap()).into_owned();
        let written = String::from_utf8(json.clone()).unwrap();
        assert!(!written.chars().any(is_unsafe), "{written}");
        assert_eq!(serde_json::from_slice::<String>(&json).unwrap(), text);
        assert!(written.contains("\\u202e") && written.contains('é'));
        let pretty = serde_json::to_vec_pretty(&[&text]).unwrap();
        let pretty = json_bytes(&pretty).into_owned();
        assert_eq!(
            serde_json::from_slice::<[String; 1]>(&pretty).unwrap(),
            [text]
        );
        assert!(String::from_utf8(pretty).unwrap().starts_with("[\n  \""));
    }

    #[test]
    fn patch_paths_are_quoted_as_git_quotes_them() {
        assert_eq!(patch_header_path("a/b c.txt"), "a/b c.txt");
        assert_eq!(patch_header_path("a/é.txt"), "a/é.txt");
        assert_eq!(patch_header_path("a/##[x].txt"), "\"a/##\\133x].txt\"");
        assert_eq!(
            patch_header_path("a/x\n+++ b\t\"\\\x1b\u{202e}"),
            "\"a/x\\n+++ b\\t\\\"\\\\\\033\\342\\200\\256\""
        );
    }
}
