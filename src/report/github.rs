//! The `github` format (`annotations.txt`): GitHub Actions workflow
//! commands, one per finding, which GitHub shows as annotations on the
//! changed lines of a pull request.
//!
//! ```text
//! ::warning file=article.txt,line=6,col=1,endLine=6,endColumn=14,title=mtlint glossary%3Anl-comfort-girls (major terminology)::"Comfort girls" → "Comfort women"%0A%0ADutch 'troostmeisjes': ...
//! ```
//!
//! A major or critical finding is an `::error`, a minor one a
//! `::warning`, as in SARIF and the human output
//! ([`Severity::level`](crate::rule::Severity::level)). `col` and `endColumn` are 1-based, in Unicode scalar values,
//! `endColumn` exclusive (the column after the span). Values are escaped as
//! the runner requires: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`;
//! in properties also `:` → `%3A` and `,` → `%2C`.
//!
//! Before that, text from the input (the file name, the flagged text,
//! suggestions, the note, the rule id) goes through
//! [`escape::visible`](super::escape::visible): GitHub's escaping keeps a
//! value on its line, but the runner shows the message in the log, where
//! escape sequences and bidi controls would act, and a line end in the
//! flagged text would read as the break between suggestion and note. Every
//! line is one command, and its value cannot end it: a `::` in the file
//! name is `%3A%3A`.

use std::io::{self, Write};

use super::Report;
use super::escape::visible;
use crate::check::Checked;
use crate::text::Document;

/// Escapes the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes workflow commands.
pub struct Github<W: Write> {
    out: W,
}

impl<W: Write> Github<W> {
    /// Annotations into `out`.
    pub fn new(out: W) -> Self {
        Github { out }
    }
}

impl<W: Write> Report for Github<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let file = escape_property(&visible(&doc.patch_path()));
        for f in &checked.findings {
            let span = f.hit.span;
            let rule = &f.hit.rule;
            let (line, col) = doc.line_col(span.start);
            let (end_line, end_col) = doc.line_col(span.end);
            let command = rule.severity.level();
            let title = format!(
                "mtlint {} ({} {})",
                visible(&rule.id),
                rule.severity,
                rule.category
            );
            let matched = visible(&doc.text[span.range()]);
            let mut message = match f.hit.suggestions.as_slice() {
                [] => format!("\"{matched}\""),
                alternatives => {
                    let shown: Vec<_> = alternatives.iter().map(|s| visible(s)).collect();
                    format!("\"{matched}\" → \"{}\"", shown.join("\" or \""))
                }
            };
            if !rule.note.is_empty() {
                // The blank line is the format's own; GitHub shows it.
                message.push_str("\n\n");
                message.push_str(&visible(&rule.note));
            }
            writeln!(
                self.out,
                "::{command} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(&title),
                escape_data(&message),
            )?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_ends_only() {
        assert_eq!(escape_data("50% a,b: c\r\nd"), "50%25 a,b: c%0D%0Ad");
    }

    #[test]
    fn a_value_cannot_end_its_command() {
        let file = escape_property("a\n::error file=x::INJECTED\n.txt");
        assert!(!file.contains(['\n', ':', ',']), "{file}");
        let data = escape_data("x\r\n::error::y");
        assert!(!data.contains(['\r', '\n']), "{data}");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("a,b:c%d\ne"),
            "a%2Cb%3Ac%25d%0Ae",
            "% is escaped first, so the escapes are not escaped again"
        );
    }
}
