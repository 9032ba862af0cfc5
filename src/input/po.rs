//! gettext PO: each `msgstr` (each `msgstr[n]` of a plural entry) is a
//! target, its `msgid` (`msgid_plural` for the plural forms) the source.
//! The header entry gives the target language (`Language`) and, where a
//! tool wrote it, the source language (`X-Source-Language`). Obsolete
//! entries (`#~`) are not checked.

use super::plural::{MAX_FORMS, PluralForms};
use super::{Malformed, Parsed, Piece};
use crate::text::{Escape, Span, UnitState};

/// A PO string (one keyword's value, over one or more quoted lines).
#[derive(Default)]
struct Value {
    /// The text with its escapes decoded: kept for sources, contexts and
    /// the header (a target is read from the file through `pieces`).
    decoded: String,
    /// Whether `decoded` would not be empty (it is left empty when the
    /// text is not kept).
    has_text: bool,
    /// Literal text and escapes; the bytes from one line's closing quote to
    /// the next line's opening quote decode to nothing. Made only for a
    /// text not kept (a target).
    pieces: Vec<Piece>,
    /// From after the first opening quote to before the last closing one.
    span: Option<Span>,
}

#[derive(Default)]
struct Entry {
    ctxt: Option<Value>,
    id: Option<Value>,
    plural: Option<Value>,
    strs: Vec<Value>,
    /// The `#,` flags, comma-separated.
    flags: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Ctxt,
    Id,
    Plural,
    Str,
}

pub(super) fn parse(text: &str) -> Result<Parsed, Malformed> {
    let mut parsed = Parsed {
        escape: Escape::Po,
        ..Parsed::default()
    };
    // One entry, emptied by `finish` for the next: its list of strings is
    // made once per file, not once per entry.
    let mut entry = Entry::default();
    let mut field = Field::None;
    // The lists sized for a unit per 128 bytes, rounded up to a power of
    // two as doubling makes (Django's catalogs, a hundred bytes a unit,
    // grow once at most): growing them by doubling from empty copied
    // every unit made so far several times over. Counting the `msgstr`
    // first cost as much as the copies. Room for a unit per 64 bytes
    // saved a little more work but raised the peak memory of a run by
    // most of a MiB, as did lengths not rounded (each took a size class
    // of the allocator). Capped, so that a file of gigabytes, or one giant
    // string, reserves no more than its units may need: beyond the cap
    // they grow as made.
    let room = (text.len() / 128).next_power_of_two().min(1 << 16);
    parsed.units.reserve(room);
    parsed.segments.reserve(room);
    // Which plural forms stand for one number: English's until the header
    // gives the language's formula.
    let mut single = vec![true, false];
    // The piece lists of finished entries, emptied, for the next strings:
    // one allocation per kind of string rather than per string.
    let mut spare: Vec<Vec<Piece>> = Vec::new();
    // A byte order mark is not part of the first line's content.
    let mut offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = text.as_bytes();
    while offset < text.len() {
        let line_start = offset;
        offset = memchr::memchr(b'\n', &bytes[offset..]).map_or(text.len(), |k| offset + k + 1);
        let mut line_end = offset;
        while line_end > line_start && matches!(bytes[line_end - 1], b'\n' | b'\r') {
            line_end -= 1;
        }
        let line = &text[line_start..line_end];
        // Most lines start with a keyword, a quote or `#`: no whitespace
        // to trim.
        let trimmed = match bytes.get(line_start) {
            Some(b) if b.is_ascii_graphic() => line,
            _ => line.trim_start(),
        };
        let indent = line.len() - trimmed.len();
        let at = line_start + indent;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if trimmed.is_empty() {
                field = Field::None;
            } else if let Some(flags) = trimmed.strip_prefix("#,") {
                // Flags come before their entry's msgid: after a msgstr
                // they start the next entry.
                if !entry.strs.is_empty() {
                    finish(&mut parsed, text, &mut entry, &mut single, &mut spare);
                }
                if !entry.flags.is_empty() {
                    entry.flags.push(',');
                }
                entry.flags.push_str(flags.trim());
            }
            continue;
        }
        if trimmed.starts_with('"') {
            let keep = field != Field::Str || is_header(&entry);
            let value = match field {
                Field::None => {
                    return Err(Malformed::new(
                        at,
                        "a string continues nothing: expected `msgid`, `msgstr` or `msgctxt` before it",
                    ));
                }
                Field::Ctxt => entry.ctxt.as_mut(),
                Field::Id => entry.id.as_mut(),
                Field::Plural => entry.plural.as_mut(),
                Field::Str => entry.strs.last_mut(),
            }
            .expect("the field being continued was started");
            string(text, at, line_start + line.len(), value, keep)?;
            continue;
        }
        let keyword_len = keyword_len(trimmed);
        let keyword = &trimmed[..keyword_len];
        let new_field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => Field::Str,
            _ => {
                return Err(Malformed::new(
                    at,
                    format!(
                        "expected `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, a quoted string or a comment, found `{keyword}`"
                    ),
                ));
            }
        };
        // A new msgctxt or msgid after a msgstr starts the next entry.
        if matches!(new_field, Field::Ctxt | Field::Id) && !entry.strs.is_empty() {
            finish(&mut parsed, text, &mut entry, &mut single, &mut spare);
        }
        let rest_start = at + keyword_len;
        let rest = &text[rest_start..line_start + line.len()];
        // One space before the quote, as tools write it, or any.
        let quote = if rest.as_bytes().starts_with(b" \"") {
            rest_start + 1
        } else {
            rest_start + (rest.len() - rest.trim_start().len())
        };
        if !text[quote..].starts_with('"') {
            return Err(Malformed::new(
                quote,
                format!("expected a quoted string after `{keyword}`"),
            ));
        }
        let mut value = Value {
            pieces: spare.pop().unwrap_or_default(),
            ..Value::default()
        };
        let keep = new_field != Field::Str || is_header(&entry);
        string(text, quote, line_start + line.len(), &mut value, keep)?;
        match new_field {
            Field::Ctxt => entry.ctxt = Some(value),
            Field::Id => {
                if entry.id.is_some() {
                    return Err(Malformed::new(
                        at,
                        "expected `msgstr` after `msgid`, found a second `msgid`",
                    ));
                }
                entry.id = Some(value);
            }
            Field::Plural => entry.plural = Some(value),
            Field::Str => {
                if entry.id.is_none() {
                    return Err(Malformed::new(at, "expected `msgid` before `msgstr`"));
                }
                if entry.strs.len() == MAX_FORMS {
                    return Err(Malformed::new(
                        at,
                        format!("more than {MAX_FORMS} `msgstr` in one entry"),
                    ));
                }
                entry.strs.push(value);
            }
            Field::None => unreachable!("a keyword was matched"),
        }
        field = new_field;
    }
    if entry.id.is_some() && entry.strs.is_empty() {
        return Err(Malformed::new(
            text.len(),
            "expected `msgstr` after the last `msgid`",
        ));
    }
    finish(&mut parsed, text, &mut entry, &mut single, &mut spare);
    Ok(parsed)
}

/// The length of the word that starts `line`: up to whitespace or a
/// quote. A keyword is ASCII, followed by a space or the quote: found by
/// bytes, or by characters when something else ends the word.
fn keyword_len(line: &str) -> usize {
    match line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'[' | b']')))
    {
        Some(k) if matches!(line.as_bytes()[k], b' ' | b'"') => k,
        _ => line
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(line.len()),
    }
}

/// Whether `entry` is the header: an empty `msgid` without context. Its
/// `msgstr` is read as text; another entry's only through its pieces.
fn is_header(entry: &Entry) -> bool {
    entry.ctxt.is_none() && entry.id.as_ref().is_some_and(|id| !id.has_text)
}

/// Reads the quoted string at `quote` (ending before `line_end`) into
/// `value`: when `keep`, its decoded text (a source, a context, the
/// header: read only as text), else its pieces (a target, read from the
/// file through them). Each is made only where it is read: an escape of a
/// source costs no piece, a target's no copy.
fn string(
    text: &str,
    quote: usize,
    line_end: usize,
    value: &mut Value,
    keep: bool,
) -> Result<(), Malformed> {
    let bytes = text.as_bytes();
    if keep {
        // At most the rest of the line, escapes decoding to fewer bytes.
        value.decoded.reserve(line_end - quote);
    } else if let Some(previous) = value.span {
        value
            .pieces
            .push(Piece::decoded(Span::new(previous.end, quote + 1), ""));
    }
    let mut i = quote + 1;
    let mut run = i;
    loop {
        // Jump to the next quote or backslash: the bytes between are the
        // string's own.
        i = memchr::memchr2(b'"', b'\\', &bytes[i.min(line_end)..line_end])
            .map_or(line_end, |k| i + k);
        if i >= line_end {
            return Err(Malformed::new(
                i,
                "expected `\"` to close the string on this line",
            ));
        }
        match bytes[i] {
            b'"' => break,
            b'\\' => {
                let decoded = match bytes.get(i + 1) {
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    Some(b'r') => '\r',
                    Some(b'"') => '"',
                    Some(b'\\') => '\\',
                    Some(b'a') => '\u{7}',
                    Some(b'b') => '\u{8}',
                    Some(b'f') => '\u{c}',
                    Some(b'v') => '\u{b}',
                    _ => {
                        return Err(Malformed::new(
                            i,
                            "expected an escape such as `\\n`, `\\\"` or `\\\\` after `\\`",
                        ));
                    }
                };
                if keep {
                    value.decoded.push_str(&text[run..i]);
                    value.decoded.push(decoded);
                } else {
                    value.pieces.push(Piece::literal(Span::new(run, i)));
                    value
                        .pieces
                        .push(Piece::decoded(Span::new(i, i + 2), decoded));
                }
                value.has_text = true;
                i += 2;
                run = i;
            }
            _ => i += 1,
        }
    }
    if keep {
        value.decoded.push_str(&text[run..i]);
    } else {
        value.pieces.push(Piece::literal(Span::new(run, i)));
    }
    value.has_text |= run < i;
    let rest = &text[i + 1..line_end];
    if !rest.is_empty() && !rest.trim().is_empty() {
        return Err(Malformed::new(
            i + 1,
            "expected the end of the line after the closing `\"`",
        ));
    }
    value.span = Some(match value.span {
        Some(first) => Span::new(first.start, i),
        None => Span::new(quote + 1, i),
    });
    Ok(())
}

/// Makes the units of `entry`, and leaves it empty for the next entry.
fn finish(
    parsed: &mut Parsed,
    text: &str,
    entry: &mut Entry,
    single: &mut Vec<bool>,
    spare: &mut Vec<Vec<Piece>>,
) {
    let mut recycle = |mut pieces: Vec<Piece>| {
        pieces.clear();
        spare.push(pieces);
    };
    let ctxt = entry.ctxt.take();
    let plural = entry.plural.take();
    let mut flags = std::mem::take(&mut entry.flags);
    let Some(mut id) = entry.id.take() else {
        entry.strs.clear();
        return;
    };
    recycle(std::mem::take(&mut id.pieces));
    if !id.has_text && ctxt.is_none() {
        // The header: `Key: value` lines.
        for str in &entry.strs {
            for line in str.decoded.lines() {
                if let Some((key, value)) = line.split_once(':') {
                    let value = value.trim();
                    if value.is_empty() {
                        continue;
                    }
                    match key.trim().to_ascii_lowercase().as_str() {
                        "language" => parsed.lang.target = Some(value.to_owned()),
                        "x-source-language" => parsed.lang.source = Some(value.to_owned()),
                        "plural-forms" => *single = PluralForms::of(value).single,
                        _ => {}
                    }
                }
            }
        }
        entry.strs.drain(..).for_each(|s| recycle(s.pieces));
        return;
    }
    let mut unit_id = ctxt.map(|c| {
        recycle(c.pieces);
        c.decoded
    });
    // Most entries have no flags: nothing to split.
    let fuzzy = !flags.is_empty() && flags.split(',').any(|f| f.trim() == "fuzzy");
    // An entry is untranslated when all its strings are empty: one empty
    // plural form of a translated entry is an omission.
    let untranslated = entry.strs.iter().all(|s| !s.has_text);
    let is_plural = plural.is_some();
    // The last unit takes the texts the others copy.
    let last = entry.strs.len().saturating_sub(1);
    for (n, str) in entry.strs.drain(..).enumerate() {
        let source = match (&plural, n) {
            (Some(plural), 1..) => plural.decoded.clone(),
            (None, _) if n == last => std::mem::take(&mut id.decoded),
            _ => id.decoded.clone(),
        };
        let span = str.span.expect("a parsed string has a span");
        let runs = [str.pieces];
        let unit_id = if n == last {
            unit_id.take()
        } else {
            unit_id.clone()
        };
        parsed.push_unit(text, unit_id, span, &runs, source);
        let [pieces] = runs;
        recycle(pieces);
        let meta = &mut parsed.units.last_mut().expect("just pushed").meta;
        meta.state = if untranslated {
            UnitState::Untranslated
        } else if fuzzy {
            UnitState::Draft
        } else {
            UnitState::Translated
        };
        meta.flags = if n == last {
            std::mem::take(&mut flags)
        } else {
            flags.clone()
        };
        meta.plural = is_plural.then_some(n);
        meta.one_number = is_plural && single.get(n).copied().unwrap_or(false);
        meta.plural_sources = plural
            .as_ref()
            .map(|p| Box::new((id.decoded.clone(), p.decoded.clone())));
    }
    if let Some(plural) = plural {
        recycle(plural.pieces);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Unit;

    const PO: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"X-Source-Language: nl\\n\"\n\n#: a.c:1\nmsgid \"Eén \\\"vraag\\\"\"\nmsgstr \"One \\\"question\\\"\"\n\nmsgid \"%d boek\"\nmsgid_plural \"%d boeken\"\nmsgstr[0] \"%d book\"\nmsgstr[1] \"\"\n\"%d books\"\n\nmsgid \"Leeg\"\nmsgstr \"\"\n";

    #[test]
    fn entries_plurals_and_header() {
        let parsed = parse(PO).unwrap();
        let pieces: Vec<&str> = parsed
            .segments
            .iter()
            .map(|s| &PO[s.span.range()])
            .collect();
        assert_eq!(pieces, ["One ", "question", "%d book", "%d books"]);
        let sources: Vec<&str> = parsed.units.iter().map(|u| u.source.as_str()).collect();
        assert_eq!(sources, ["Eén \"vraag\"", "%d boek", "%d boeken", "Leeg"]);
        assert!(parsed.units[3].span.is_empty());
        assert_eq!(parsed.lang.pair().as_deref(), Some("nl-en"));
    }

    #[test]
    fn flags_plural_forms_and_workflow_states() {
        let text = "#, fuzzy, python-format\nmsgid \"%(n)s a\"\nmsgstr \"%(n)s b\"\n\n#: x.py:1\n#, c-format\nmsgid \"%d c\"\nmsgid_plural \"%d cs\"\nmsgstr[0] \"%d d\"\nmsgstr[1] \"\"\n\nmsgid \"e\"\nmsgstr \"\"\n#, python-brace-format\nmsgid \"{x}\"\nmsgstr \"{x}\"\n";
        let parsed = parse(text).unwrap();
        let got: Vec<(UnitState, &str, Option<usize>)> = parsed
            .units
            .iter()
            .map(|u| (u.meta.state, u.meta.flags.as_str(), u.meta.plural))
            .collect();
        assert_eq!(
            got,
            [
                (UnitState::Draft, "fuzzy, python-format", None),
                (UnitState::Translated, "c-format", Some(0)),
                (UnitState::Translated, "c-format", Some(1)),
                (UnitState::Untranslated, "", None),
                (UnitState::Translated, "python-brace-format", None),
            ]
        );
    }

    #[test]
    fn an_entry_of_more_forms_than_any_language_has_is_refused() {
        let forms = |n: usize| {
            let mut text = "msgid \"a\"\nmsgid_plural \"b\"\n".to_owned();
            for k in 0..n {
                text.push_str(&format!("msgstr[{k}] \"x\"\n"));
            }
            text
        };
        assert_eq!(parse(&forms(MAX_FORMS)).unwrap().units.len(), MAX_FORMS);
        let err = parse(&forms(MAX_FORMS + 1)).err().unwrap();
        assert!(err.message.contains("more than 8"), "{}", err.message);
        assert_eq!(err.offset, forms(MAX_FORMS).len(), "at the form too many");
    }

    #[test]
    fn plural_forms_for_one_number() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: nplurals=3; plural=(n == 1) ? 0 : (n == 2) ? 1 : 2;\\n\"\n\nmsgid \"%d year\"\nmsgid_plural \"%d years\"\nmsgstr[0] \"a\"\nmsgstr[1] \"b\"\nmsgstr[2] \"%d c\"\n\nmsgid \"x\"\nmsgstr \"y\"\n";
        let parsed = parse(text).unwrap();
        let one: Vec<bool> = parsed.units.iter().map(|u| u.meta.one_number).collect();
        assert_eq!(one, [true, true, false, false]);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}msgid \"Een\"\r\nmsgstr \"One\"\r\n";
        let parsed = parse(text).unwrap();
        assert_eq!(&text[parsed.segments[0].span.range()], "One");
    }

    /// `text` written as a PO string's contents.
    fn escaped(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    }

    /// `text` as the quoted lines of a PO keyword, cut at `cuts` (char
    /// counts, taken modulo the length).
    fn quoted_lines(keyword: &str, text: &str, cuts: &[usize]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut at: Vec<usize> = cuts.iter().map(|c| c % (chars.len() + 1)).collect();
        at.sort_unstable();
        let mut out = format!("{keyword} \"\"\n");
        let mut from = 0;
        for to in at.into_iter().chain([chars.len()]) {
            let piece: String = chars[from..to].iter().collect();
            out.push_str(&format!("\"{}\"\n", escaped(&piece)));
            from = to;
        }
        out
    }

    proptest::proptest! {
        /// A source is decoded as it is read, without pieces, and a target
        /// is read through its pieces, without a decoded copy: both give
        /// the text written, over any lines and escapes, and the target's
        /// span runs from its first line's opening quote to its last
        /// line's closing one.
        #[test]
        fn sources_and_targets_read_the_same_text(
            text in "[a-zé\"\\\\\n\t\r %{}]{0,12}x[a-zé\"\\\\\n\t ]{0,12}",
            id_cuts in proptest::collection::vec(0usize..30, 0..3),
            str_cuts in proptest::collection::vec(0usize..30, 0..3),
        ) {
            let file = format!(
                "{}{}",
                quoted_lines("msgid", &text, &id_cuts),
                quoted_lines("msgstr", &text, &str_cuts)
            );
            let parsed = parse(&file).unwrap();
            proptest::prop_assert_eq!(parsed.units.len(), 1);
            let unit = &parsed.units[0];
            proptest::prop_assert_eq!(&unit.source, &text);
            let target = match parsed
                .joined
                .iter()
                .find(|j| j.segments.start == unit.segments.start)
            {
                Some(joined) => joined.text.clone(),
                None => parsed.segments[unit.segments.clone()]
                    .iter()
                    .map(|s| &file[s.span.range()])
                    .collect(),
            };
            proptest::prop_assert_eq!(&target, &text);
            let msgstr = file.find("msgstr").unwrap();
            let first = msgstr + file[msgstr..].find('"').unwrap() + 1;
            let last = file.trim_end().len() - 1;
            proptest::prop_assert_eq!(unit.span, Span::new(first, last));
        }
    }

    proptest::proptest! {
        /// The keyword found by bytes is the one found by characters.
        #[test]
        fn keywords_by_bytes_as_by_characters(line in "[a-z_\\[\\]0-9é \t\"\u{a0}\u{2003}\x0b]{0,12}") {
            let by_chars = line
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(line.len());
            proptest::prop_assert_eq!(keyword_len(&line), by_chars);
        }
    }

    /// An entry written from its parts: flags, context, a plural and how
    /// many of its strings are empty.
    fn entry(fuzzy: bool, ctxt: bool, plural: bool, empty: usize, n: usize) -> String {
        let mut out = String::new();
        if fuzzy {
            out.push_str("#, fuzzy, c-format\n");
        }
        if ctxt {
            out.push_str(&format!("msgctxt \"c{n}\"\n"));
        }
        out.push_str(&format!("msgid \"s{n}\"\n"));
        if plural {
            out.push_str(&format!("msgid_plural \"p{n}\"\n"));
            for k in 0..2 {
                let text = if k < empty { "" } else { "t" };
                out.push_str(&format!("msgstr[{k}] \"{text}\"\n"));
            }
        } else {
            let text = if empty > 0 { "" } else { "t" };
            out.push_str(&format!("msgstr \"{text}\"\n"));
        }
        out
    }

    proptest::proptest! {
        /// One entry, emptied and reused for the next, makes each entry's
        /// units as that entry alone makes them: nothing of an entry's
        /// flags, context or plural is left to the next.
        #[test]
        fn entries_read_in_a_row_as_alone(
            entries in proptest::collection::vec(
                (proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY, 0usize..3, proptest::bool::ANY),
                1..6,
            ),
        ) {
            let texts: Vec<String> = entries
                .iter()
                .enumerate()
                .map(|(n, &(fuzzy, ctxt, plural, empty, _))| entry(fuzzy, ctxt, plural, empty, n))
                .collect();
            let mut file = String::new();
            for (text, &(.., blank)) in texts.iter().zip(&entries) {
                file.push_str(text);
                if blank {
                    file.push('\n');
                }
            }
            let described = |units: &[Unit]| -> Vec<String> {
                units
                    .iter()
                    .map(|u| format!("{:?} {} {:?} {:?} {:?} {:?}", u.id, u.source, u.meta.state, u.meta.flags, u.meta.plural, u.meta.plural_sources))
                    .collect()
            };
            let together = described(&parse(&file).unwrap().units);
            let alone: Vec<String> = texts
                .iter()
                .flat_map(|t| described(&parse(t).unwrap().units))
                .collect();
            proptest::prop_assert_eq!(together, alone);
        }
    }

    #[test]
    fn broken_po() {
        let err = parse("msgid \"a\"\nmsgstr \"b\n").err().unwrap();
        assert!(err.message.contains("close the string"), "{}", err.message);
        let err = parse("msgid \"a\"\nmsgtsr \"b\"\n").err().unwrap();
        assert!(err.message.contains("msgtsr"), "{}", err.message);
        assert_eq!(err.offset, 10);
    }
}
