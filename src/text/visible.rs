//! Text for one line of a terminal, a CI log or an error message: the
//! characters a terminal or a log viewer would act on, written as visible
//! escapes. Reports use it (`report::escape`), and so do the errors of
//! every stage, which quote the files they are about.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Whether a terminal or a log viewer may act on `c` rather than show it:
/// the C0 controls (tab, LF and CR included), DEL, the C1 controls, the
/// line and paragraph separators U+2028 and U+2029, and the Unicode
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which can make a line read differently from its bytes.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// GitHub Actions runs a `##[command]` found anywhere in a line of a
/// step's output (the runner's first command syntax), and a
/// `::command::` at the start of a line, after any white space.
pub(crate) const LEGACY_COMMAND: &str = "##[";

/// `text` made safe for one line of a terminal or a CI log: every
/// [unsafe](is_unsafe) character as an escape, as Rust writes them (`\n`,
/// `\r`, `\t`, otherwise `\u{1b}` with the code in lower-case hex), and the
/// `[` of every `##[` as `\u{5b}`, so that GitHub Actions cannot read a
/// command in it.
///
/// The escapes are for reading, not for parsing back: a backslash is
/// written as it is. The JSON reports carry the exact text.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) && !text.contains(LEGACY_COMMAND) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '[' if text[..i].ends_with("##") => out.push_str("\\u{5b}"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` for an error message: [`visible`], cut after `max` characters
/// with `…`, so that a message stays one short line whatever a file holds.
pub fn excerpt(text: &str, max: usize) -> String {
    let cut = match text.char_indices().nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let mut out = visible(cut).into_owned();
    if cut.len() < text.len() {
        out.push('…');
    }
    out
}

/// Shows a text through [`visible`], so that an error message that quotes
/// the input (the tag an XML parser did not expect, a value of a record, a
/// tar header) stays one line.
pub(crate) struct OneLine<'a>(pub(crate) &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(self.0))
    }
}
