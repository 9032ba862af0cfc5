//! CSV and TSV with a header row: the target column is checked, the source
//! column (when there is one) is its source. Quoting follows RFC 4180 (a
//! field in double quotes, `""` for a quote inside it) in both.

use super::{Columns, Malformed, Parsed, Piece};
use crate::text::{Escape, Span};

/// One field as it is in the file.
struct Field {
    /// Literal text, and the `""` of quoted fields decoded to `"`.
    pieces: Vec<Piece>,
    /// The field's content, quotes excluded.
    span: Span,
    decoded: String,
    quoted: bool,
}

/// Reads the records of `text`, each with the offset where it starts.
fn records(text: &str, delim: u8) -> Result<Vec<(usize, Vec<Field>)>, Malformed> {
    let bytes = text.as_bytes();
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut out = Vec::new();
    while i < bytes.len() {
        // Blank lines are not records.
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            i += if bytes[i] == b'\r' { 2 } else { 1 };
            continue;
        }
        let record_start = i;
        let mut fields = Vec::new();
        loop {
            let field = if bytes.get(i) == Some(&b'"') {
                let open = i;
                i += 1;
                let start = i;
                let mut run = i;
                let mut pieces = Vec::new();
                let mut decoded = String::new();
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(Malformed::new(
                                open,
                                "expected `\"` to close the quoted field that starts here",
                            ));
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            pieces.push(Piece::literal(Span::new(run, i)));
                            pieces.push(Piece::decoded(Span::new(i, i + 2), "\""));
                            decoded.push_str(&text[run..i]);
                            decoded.push('"');
                            i += 2;
                            run = i;
                        }
                        Some(b'"') => break,
                        _ => i += 1,
                    }
                }
                pieces.push(Piece::literal(Span::new(run, i)));
                decoded.push_str(&text[run..i]);
                let span = Span::new(start, i);
                i += 1;
                match bytes.get(i) {
                    None | Some(b'\n') => {}
                    Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => {}
                    Some(&b) if b == delim => {}
                    _ => {
                        return Err(Malformed::new(
                            i,
                            format!(
                                "expected `{}` or the end of the line after the closing quote",
                                if delim == b'\t' { "\\t" } else { "," }
                            ),
                        ));
                    }
                }
                Field {
                    pieces,
                    span,
                    decoded,
                    quoted: true,
                }
            } else {
                let start = i;
                while i < bytes.len() && bytes[i] != delim && bytes[i] != b'\n' {
                    i += 1;
                }
                let mut end = i;
                if end > start && bytes[end - 1] == b'\r' && bytes.get(i) == Some(&b'\n') {
                    end -= 1;
                }
                let span = Span::new(start, end);
                Field {
                    pieces: vec![Piece::literal(span)],
                    span,
                    decoded: text[start..end].to_owned(),
                    quoted: false,
                }
            };
            fields.push(field);
            match bytes.get(i) {
                Some(&b) if b == delim => i += 1,
                Some(b'\r') => {
                    i += 2;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    break;
                }
                _ => break,
            }
        }
        out.push((record_start, fields));
    }
    Ok(out)
}

/// The index of the column `name` names: a header (case-insensitive) or a
/// 1-based number.
fn column(header: &[Field], name: &str) -> Option<usize> {
    if let Ok(n) = name.parse::<usize>() {
        return (1..=header.len()).contains(&n).then(|| n - 1);
    }
    header
        .iter()
        .position(|f| f.decoded.trim().eq_ignore_ascii_case(name))
}

pub(super) fn parse(text: &str, delim: u8, columns: &Columns) -> Result<Parsed, Malformed> {
    let mut parsed = Parsed {
        escape: Escape::CsvUnquoted(delim),
        ..Parsed::default()
    };
    let records = records(text, delim)?;
    let Some(((header_at, header), rows)) = records.split_first() else {
        return Err(Malformed::new(0, "expected a header row"));
    };
    let names = || {
        header
            .iter()
            .map(|f| format!("`{}`", f.decoded.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let target = column(header, &columns.target).ok_or_else(|| {
        Malformed::new(
            *header_at,
            format!(
                "expected a target column `{}` (columns: {}); name it with --target-column",
                columns.target,
                names()
            ),
        )
    })?;
    let source = match &columns.source {
        Some(name) => Some(column(header, name).ok_or_else(|| {
            Malformed::new(
                *header_at,
                format!(
                    "expected a source column `{name}` (columns: {}); name it with --source-column",
                    names()
                ),
            )
        })?),
        None => column(header, "source"),
    };
    let id_column = column(header, "id");
    for (at, row) in rows {
        let need = target.max(source.unwrap_or(0)) + 1;
        if row.len() < need {
            return Err(Malformed::new(
                *at,
                format!(
                    "expected at least {need} fields in this row, found {}",
                    row.len()
                ),
            ));
        }
        let field = &row[target];
        // A suggestion goes into a quoted field with its quotes doubled; an
        // unquoted field cannot take a delimiter, a quote or a line break
        // (the file's default, set below).
        if field.quoted {
            parsed.escapes.push((field.span, Escape::CsvQuoted));
        }
        match source {
            Some(s) => {
                let id = id_column
                    .and_then(|i| row.get(i))
                    .map(|f| f.decoded.clone());
                let runs = [field.pieces.clone()];
                parsed.push_unit(text, id, field.span, &runs, row[s].decoded.clone());
            }
            None => parsed.push_run(text, &field.pieces, None, true),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_columns() {
        let text =
            "id,source,target\r\n1,Een,\"A \"\"quoted\"\" one\"\r\n2,\"Twee, drie\",Two three\r\n";
        let parsed = parse(text, b',', &Columns::default()).unwrap();
        let pieces = parsed.segment_texts(text);
        assert_eq!(pieces, ["A ", "quoted", " one", "Two three"]);
        assert_eq!(parsed.units[1].source, "Twee, drie");
        assert_eq!(parsed.units[0].id.as_deref(), Some("1"));
    }

    #[test]
    fn missing_target_column() {
        let err = parse("source\tdoel\nx\ty\n", b'\t', &Columns::default())
            .err()
            .unwrap();
        assert!(err.message.contains("`target`"), "{}", err.message);
        let columns = Columns {
            source: Some("1".to_owned()),
            target: "doel".to_owned(),
        };
        assert_eq!(
            parse("source\tdoel\nx\ty\n", b'\t', &columns)
                .unwrap()
                .units
                .len(),
            1
        );
        let err = parse("source\tdoel\nx\n", b'\t', &columns).err().unwrap();
        assert!(err.message.contains("at least 2 fields"), "{}", err.message);
    }
}
