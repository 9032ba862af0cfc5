//! `heuristic:placeholder-mismatch`: the placeholders of a target must be
//! those of its source, as a multiset (their order may change).
//!
//! One hand-written scanner reads every syntax in one pass over the text;
//! which syntaxes it reads comes from the unit's PO format flags, else all
//! of them.

use rustc_hash::FxHashSet;

/// printf: `%s`, `%d`, `%1$s`, `%-5.2f` (`%%` is not one).
pub(super) const PRINTF: u16 = 1;
/// Python named: `%(name)s`.
pub(super) const PY_NAMED: u16 = 1 << 1;
/// Brace fields: `{0}`, `{name}`, `{name!r:>10}`, `{}` (`{{` is a brace).
pub(super) const BRACE: u16 = 1 << 2;
/// ICU MessageFormat arguments: `{count, plural, one {…} other {…}}`.
pub(super) const ICU: u16 = 1 << 3;
/// `${var}`.
pub(super) const DOLLAR_BRACE: u16 = 1 << 4;
/// `$VAR`.
pub(super) const DOLLAR: u16 = 1 << 5;
/// Objective-C objects: `%@`, `%1$@`.
pub(super) const OBJC: u16 = 1 << 6;
/// Jinja and Mustache: `{{ name }}`.
pub(super) const JINJA: u16 = 1 << 7;
/// Ruby: `%{name}`.
pub(super) const RUBY: u16 = 1 << 8;
/// i18next nesting: `$t(key)`, `$t(key, {"count": 3})`.
pub(super) const NESTING: u16 = 1 << 9;
/// Every syntax: the file does not say which apply.
pub(super) const ALL: u16 = (1 << 10) - 1;

/// The syntaxes that PO `flags` (`c-format, fuzzy`) name; all of them when
/// no flag names a format, less those a `no-…-format` flag rules out.
pub(super) fn syntaxes(flags: &str) -> u16 {
    let mut on = 0;
    let mut off = 0;
    for flag in flags.split(',') {
        let flag = flag.trim();
        let (negated, name) = match flag.strip_prefix("no-") {
            Some(rest) => (true, rest),
            None => (false, flag),
        };
        let Some(kind) = name.strip_suffix("-format") else {
            continue;
        };
        let bits = match kind {
            "c" | "javascript" | "php" | "awk" | "gcc-internal" | "lua" => PRINTF,
            "objc" => PRINTF | OBJC,
            "python" => PRINTF | PY_NAMED,
            "python-brace" | "perl-brace" | "csharp" | "java" => BRACE | ICU,
            "ruby" => PRINTF | RUBY,
            "sh" => DOLLAR | DOLLAR_BRACE,
            _ => ALL,
        };
        if negated {
            off |= bits;
        } else {
            on |= bits;
        }
    }
    if on == 0 { ALL & !off } else { on }
}

/// One placeholder: its bytes in the scanned text, and the form it is
/// compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placeholder {
    /// Byte offset of its start in the scanned text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// The placeholder as compared: as written, but for an ICU argument,
    /// which is its name and type (its branches are compared apart), and a
    /// Jinja expression, whose spaces are normalized.
    pub key: String,
}

/// The placeholders of `text` in the `syntaxes`: those at the top level in
/// `top`, those inside ICU plural and select branches in `inner`.
pub(super) fn scan(
    text: &str,
    syntaxes: u16,
    top: &mut Vec<Placeholder>,
    inner: &mut Vec<Placeholder>,
) {
    scan_range(text, 0, text.len(), syntaxes, top, inner, 0);
}

/// Branches nest no deeper than this: deeper text is not read as ICU (a
/// bound on the work a hostile string can make).
const MAX_DEPTH: usize = 8;

fn scan_range(
    text: &str,
    from: usize,
    to: usize,
    syntaxes: u16,
    top: &mut Vec<Placeholder>,
    inner: &mut Vec<Placeholder>,
    depth: usize,
) {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(found) = memchr::memchr3(b'%', b'{', b'$', &bytes[i..to]) {
        i += found;
        let end = match bytes[i] {
            // `%%` is a percent sign: step past both, so that the second
            // does not start a placeholder.
            b'%' if i + 1 < to && bytes[i + 1] == b'%' => {
                i += 2;
                continue;
            }
            b'%' => percent(bytes, i, to, syntaxes),
            b'$' => {
                if syntaxes & NESTING != 0
                    && let Some((end, key)) = nesting(text, i, to)
                {
                    top.push(Placeholder { start: i, end, key });
                    i = end;
                    continue;
                }
                dollar(bytes, i, to, syntaxes)
            }
            _ => {
                if bytes.get(i + 1) == Some(&b'{') && i + 1 < to {
                    if syntaxes & JINJA != 0
                        && let Some(end) = jinja(text, i, to)
                    {
                        let inside = text[i + 2..end - 2].split_whitespace();
                        let key = format!("{{{{{}}}}}", inside.collect::<Vec<_>>().join(" "));
                        top.push(Placeholder { start: i, end, key });
                        i = end;
                        continue;
                    }
                    // An escaped brace: `{{` is the character `{`.
                    i += 2;
                    continue;
                }
                if syntaxes & (BRACE | ICU) != 0
                    && let Some((end, key, branches)) = brace(text, i, to, syntaxes)
                {
                    top.push(Placeholder { start: i, end, key });
                    if depth < MAX_DEPTH {
                        for (s, e) in branches {
                            // A branch's placeholders are compared as a
                            // set: languages have other branches, and
                            // `#` (the number) is not a placeholder.
                            scan_range(text, s, e, syntaxes, inner, &mut Vec::new(), depth + 1);
                        }
                    }
                    i = end;
                    continue;
                }
                None
            }
        };
        match end {
            Some(end) => {
                top.push(Placeholder {
                    start: i,
                    end,
                    key: printf_key(&text[i..end]),
                });
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The key a `%` placeholder is compared by: as written, without a `-`
/// or `0` flag that no width follows. Such a flag changes nothing in
/// printf (there is no field to justify or pad), and in a date format
/// (`%-d`, glibc's day without padding) it is the target's own way of
/// writing the date: `%b %d, %Y` → `%-d %b, %Y`.
fn printf_key(raw: &str) -> String {
    let bytes = raw.as_bytes();
    // Past `%`, then `(name)` or an argument position `1$`.
    let mut flags = 1;
    if bytes.get(1) == Some(&b'(') {
        flags = raw.find(')').map_or(raw.len(), |at| at + 1);
    } else {
        let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if bytes.get(1 + digits) == Some(&b'$') {
            flags = 1 + digits + 1;
        }
    }
    let run = bytes[flags..]
        .iter()
        .take_while(|b| matches!(b, b'-' | b'+' | b'#' | b'0' | b'\''))
        .count();
    let width = bytes
        .get(flags + run)
        .is_some_and(|&b| b.is_ascii_digit() || b == b'*');
    let no_op = |b: &u8| matches!(b, b'-' | b'0');
    if width || !bytes[flags..flags + run].iter().any(no_op) {
        return raw.to_owned();
    }
    let mut key = String::with_capacity(raw.len());
    key.push_str(&raw[..flags]);
    key.extend(
        raw[flags..flags + run]
            .chars()
            .filter(|c| !matches!(c, '-' | '0')),
    );
    key.push_str(&raw[flags + run..]);
    key
}

/// A brace field or ICU argument read: its end, its key, and the byte
/// ranges of its branches' text.
type Field = (usize, String, Vec<(usize, usize)>);

/// The most bytes an ICU argument may span.
const MAX_ICU: usize = 8192;

/// The char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A placeholder starting with `%` at `i` (not `%%`): its end.
fn percent(bytes: &[u8], i: usize, to: usize, syntaxes: u16) -> Option<usize> {
    let at = |j: usize| if j < to { bytes.get(j).copied() } else { None };
    let mut j = i + 1;
    match at(j)? {
        b'(' if syntaxes & PY_NAMED != 0 => {
            j += 1;
            let name_start = j;
            while at(j).is_some_and(|b| b != b')' && b != b'\n' && b != b'%') && j - name_start < 64
            {
                j += 1;
            }
            if at(j)? != b')' {
                return None;
            }
            j += 1;
            return conversion(bytes, j, to, syntaxes & !OBJC);
        }
        b'{' if syntaxes & RUBY != 0 => {
            j += 1;
            let name_start = j;
            while at(j).is_some_and(is_ident) {
                j += 1;
            }
            return (j > name_start && at(j)? == b'}').then_some(j + 1);
        }
        _ => {}
    }
    if syntaxes & (PRINTF | OBJC) == 0 {
        return None;
    }
    // An argument position: `1$`.
    let digits_start = j;
    while at(j).is_some_and(|b| b.is_ascii_digit()) {
        j += 1;
    }
    if !(j > digits_start && at(j) == Some(b'$')) {
        j = digits_start;
    } else {
        j += 1;
    }
    conversion(bytes, j, to, syntaxes)
}

/// Flags, width, precision, length and the conversion of a printf
/// placeholder from `j`; its end.
fn conversion(bytes: &[u8], mut j: usize, to: usize, syntaxes: u16) -> Option<usize> {
    let at = |j: usize| if j < to { bytes.get(j).copied() } else { None };
    // No space flag: `50 % de` in prose is not `% d`.
    while at(j).is_some_and(|b| matches!(b, b'-' | b'+' | b'#' | b'0' | b'\'')) {
        j += 1;
    }
    if at(j) == Some(b'*') {
        j += 1;
    } else {
        while at(j).is_some_and(|b| b.is_ascii_digit()) {
            j += 1;
        }
    }
    if at(j) == Some(b'.') {
        j += 1;
        if at(j) == Some(b'*') {
            j += 1;
        } else {
            while at(j).is_some_and(|b| b.is_ascii_digit()) {
                j += 1;
            }
        }
    }
    while at(j).is_some_and(|b| matches!(b, b'h' | b'l' | b'L' | b'q' | b'j' | b'z' | b't')) {
        j += 1;
    }
    let c = at(j)?;
    let ok = (syntaxes & (PRINTF | PY_NAMED) != 0 && b"diouxXeEfFgGaAcspnr".contains(&c))
        || (syntaxes & OBJC != 0 && c == b'@');
    ok.then_some(j + 1)
}

/// `${var}` or `$VAR` at `i`: its end.
fn dollar(bytes: &[u8], i: usize, to: usize, syntaxes: u16) -> Option<usize> {
    let at = |j: usize| if j < to { bytes.get(j).copied() } else { None };
    let mut j = i + 1;
    if at(j)? == b'{' {
        if syntaxes & DOLLAR_BRACE == 0 {
            return None;
        }
        j += 1;
        let start = j;
        while at(j).is_some_and(|b| is_ident(b) || b == b'.') {
            j += 1;
        }
        return (j > start && at(j)? == b'}').then_some(j + 1);
    }
    if syntaxes & DOLLAR == 0 || !at(j)?.is_ascii_alphabetic() && at(j)? != b'_' {
        return None;
    }
    while at(j).is_some_and(is_ident) {
        j += 1;
    }
    Some(j)
}

/// The most bytes an i18next nesting may span.
const MAX_NESTING: usize = 512;

/// An i18next nesting `$t(key)` or `$t(key, {"count": 3})` at `i`, on one
/// line: its end, and its key (the text with the spaces outside its quoted
/// strings left out, so that `$t(a, {"n": 1})` is `$t(a,{"n":1})`).
/// Parentheses nest; a `)` within quotes is text.
fn nesting(text: &str, i: usize, to: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes.get(i + 1..i + 3) != Some(b"t(") {
        return None;
    }
    // A failed read is retried from the next `$`: bounding each read keeps
    // a text of many unclosed nestings linear.
    let to = to.min(i + MAX_NESTING);
    // Only ASCII spaces are left out, never a byte of a longer character:
    // the key stays UTF-8.
    let mut key = b"$t(".to_vec();
    let (mut depth, mut quote) = (1usize, None::<u8>);
    let (mut in_name, mut name_len) = (true, 0usize);
    let mut j = i + 3;
    while j < to {
        let b = bytes[j];
        if b == b'\n' {
            return None;
        }
        match quote {
            Some(q) => {
                key.push(b);
                if b == b'\\' && j + 1 < to {
                    // An escape: the next byte is text.
                    j += 1;
                    key.push(bytes[j]);
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => {
                    quote = Some(b);
                    key.push(b);
                }
                b'(' => {
                    depth += 1;
                    key.push(b);
                }
                b')' => {
                    key.push(b);
                    depth -= 1;
                    if depth == 0 {
                        if name_len == 0 {
                            return None;
                        }
                        return String::from_utf8(key).ok().map(|k| (j + 1, k));
                    }
                }
                b',' => {
                    in_name = false;
                    key.push(b);
                }
                b if b.is_ascii_whitespace() => {}
                _ => {
                    name_len += usize::from(in_name);
                    key.push(b);
                }
            },
        }
        j += 1;
    }
    None
}

/// `{{ … }}` at `i`, on one line: its end.
fn jinja(text: &str, i: usize, to: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i + 2..to];
    // Read only to the first `{` or line end: a `{{` that is never closed
    // costs its line, not the rest of the text.
    let mut from = 0;
    let close = loop {
        let k = from + memchr::memchr3(b'{', b'\n', b'}', &rest[from..])?;
        if rest[k] != b'}' {
            return None;
        }
        if rest.get(k + 1) == Some(&b'}') {
            break k;
        }
        from = k + 1;
    };
    let inside = &text[i + 2..i + 2 + close];
    (!inside.trim().is_empty()).then_some(i + 2 + close + 2)
}

/// A brace field or ICU argument at `i`: its end, its key, and the ranges
/// of its branches' text.
fn brace(text: &str, i: usize, to: usize, syntaxes: u16) -> Option<Field> {
    let bytes = text.as_bytes();
    let at = |j: usize| if j < to { bytes.get(j).copied() } else { None };
    let mut j = i + 1;
    let name_start = j;
    while at(j).is_some_and(|b| is_ident(b) || matches!(b, b'.' | b'[' | b']' | b'-')) {
        j += 1;
    }
    let name = &text[name_start..j];
    if name.starts_with(['.', '[', ']', '-']) {
        return None;
    }
    let mut k = j;
    while at(k) == Some(b' ') {
        k += 1;
    }
    if at(k) == Some(b',') && syntaxes & ICU != 0 && !name.is_empty() {
        // A failed read is retried from the next brace: bounding each read
        // keeps a text of many unclosed arguments linear.
        let to = floor_boundary(text, to.min(i + MAX_ICU));
        return icu(text, k + 1, to, name);
    }
    if syntaxes & BRACE == 0 {
        return None;
    }
    // `!r` conversion, then a format spec without braces.
    if at(j) == Some(b'!') {
        j += 1;
        if !at(j)?.is_ascii_alphabetic() {
            return None;
        }
        j += 1;
    }
    if at(j) == Some(b':') {
        while at(j).is_some_and(|b| b != b'}' && b != b'{' && b != b'\n') {
            j += 1;
        }
    }
    (at(j)? == b'}').then(|| (j + 1, text[i..j + 1].to_owned(), Vec::new()))
}

/// The rest of an ICU argument `{name,` from `j`.
fn icu(text: &str, mut j: usize, to: usize, name: &str) -> Option<Field> {
    let bytes = text.as_bytes();
    let at = |j: usize| if j < to { bytes.get(j).copied() } else { None };
    let skip_ws = |mut j: usize| {
        while at(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        j
    };
    j = skip_ws(j);
    let type_start = j;
    while at(j).is_some_and(|b| b.is_ascii_alphabetic()) {
        j += 1;
    }
    let kind = &text[type_start..j];
    if kind.is_empty() {
        return None;
    }
    let key = format!("{{{name}, {kind}}}");
    j = skip_ws(j);
    if !matches!(kind, "plural" | "select" | "selectordinal") {
        // `{n, number}`, `{d, date, short}`: the style is part of the key.
        let style_start = j;
        while at(j).is_some_and(|b| b != b'}' && b != b'{') {
            j += 1;
        }
        if at(j)? != b'}' {
            return None;
        }
        let style: String = text[style_start..j].split_whitespace().collect();
        let key = if style.is_empty() {
            key
        } else {
            format!("{{{name}, {kind}{style}}}")
        };
        return Some((j + 1, key, Vec::new()));
    }
    if at(j)? != b',' {
        return None;
    }
    j += 1;
    let mut branches = Vec::new();
    loop {
        j = skip_ws(j);
        match at(j)? {
            b'}' => return Some((j + 1, key, branches)),
            _ => {
                // A selector (`one`, `=0`, `offset:1`), then its branch.
                let selector_start = j;
                while at(j).is_some_and(|b| !b.is_ascii_whitespace() && b != b'{' && b != b'}') {
                    j += 1;
                }
                if text[selector_start..j].starts_with("offset:") {
                    continue;
                }
                if j == selector_start {
                    return None;
                }
                j = skip_ws(j);
                if at(j)? != b'{' {
                    return None;
                }
                let open = j;
                let mut depth = 0usize;
                loop {
                    match at(j)? {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                branches.push((open + 1, j));
                j += 1;
            }
        }
    }
}

/// How the placeholders of a source and its target differ: the target's
/// placeholders not in the source (each with the source's missing one it
/// most likely replaced), and the source's left over.
pub(super) struct Difference<'a> {
    /// Target placeholders the source does not have, in target order, each
    /// with a missing source placeholder paired to it in order.
    pub extra: Vec<(&'a Placeholder, Option<&'a Placeholder>)>,
    /// Source placeholders the target lacks, beyond those paired.
    pub missing: Vec<&'a Placeholder>,
}

/// Whether a placeholder names its argument (`%(name)s`, `{0}`, `{name}`,
/// `%1$s`, `${var}`, ICU arguments) rather than taking the next one in
/// order (`%s`, `{}`, `%@`). A named one may be used twice or once
/// whatever the source does; an unnamed one may not, since each use takes
/// an argument.
pub(super) fn is_named(key: &str) -> bool {
    let b = key.as_bytes();
    match b {
        [b'%', b'(' | b'{', ..] | [b'$', ..] => true,
        [b'%', rest @ ..] => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            digits > 0 && rest.get(digits) == Some(&b'$')
        }
        [b'{', second, ..] => !matches!(second, b'}' | b':' | b'!'),
        _ => false,
    }
}

/// The name a placeholder gives its argument (`count` of `%(count)d`,
/// `{count}`, `{count, plural}`), if it names one.
fn name_of(key: &str) -> Option<&str> {
    if key.starts_with("$t(") {
        // An i18next nesting names another string, not an argument.
        return None;
    }
    let inner = key
        .strip_prefix("%(")
        .or_else(|| key.strip_prefix("%{"))
        .or_else(|| key.strip_prefix("${"))
        .or_else(|| key.strip_prefix("{{"))
        .or_else(|| key.strip_prefix('{'))
        .or_else(|| key.strip_prefix('$'))?;
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    (end > 0).then(|| &inner[..end])
}

/// Whether a placeholder is the number a plural form is chosen by: one the
/// entry's plural source has and its singular does not (English itself
/// says its one number in words: `an hour ago`, `%(count)s hours ago`) or
/// its only one (`%(value)s million`), a
/// printf integer (`%d`, `%(num)d`, `%1$u`), or one named as a count (`n`,
/// `num…`, `…count…`, `cnt`, `total`). A form for one number may leave it
/// out and say the number in words; it may not leave out any other.
pub(super) fn is_number(
    key: &str,
    singular: &FxHashSet<String>,
    plural: &FxHashSet<String>,
) -> bool {
    // The plural source's only placeholder is the number it is chosen by
    // (`%(value)s million`).
    if plural.contains(key) && (!singular.contains(key) || plural.len() == 1) {
        return true;
    }
    if key.starts_with('%') && key.ends_with(['d', 'i', 'u']) {
        return true;
    }
    name_of(key).is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        name == "n"
            || name == "cnt"
            || name == "total"
            || name.starts_with("num")
            || name.contains("count")
    })
}

/// Where `text` has the placeholder `key` broken: spaces after its opening
/// character (`% d`, `% (name)s`, `{ name}`), or a Python named placeholder
/// without its conversion (`%(name) files`). Looked for only when the
/// source's `key` is missing from the target, so that prose (`50 % de`)
/// is never read as one.
pub(super) fn broken(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut chars = key.chars();
    let open = chars.next()?;
    let rest = chars.as_str();
    if rest.is_empty() || !matches!(open, '%' | '{' | '$') {
        return None;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(open) {
        let at = from + found;
        let after = &text[at + open.len_utf8()..];
        let body = after.trim_start_matches(' ');
        if body.len() < after.len() && body.starts_with(rest) {
            let end = text.len() - body.len() + rest.len();
            // Not the start of a word: `% de` is prose, `% d` a
            // placeholder.
            if !text[end..].starts_with(|c: char| crate::text::is_alphanumeric(c) || c == '_') {
                return Some((at, end));
            }
        }
        from = at + open.len_utf8();
    }
    // `%(name)s` written `%(name)` and something else.
    if let Some(named) = key.strip_prefix("%(")
        && let Some(close) = named.find(')')
    {
        let head = &key[..2 + close + 1];
        if let Some(at) = text.find(head) {
            return Some((at, at + head.len()));
        }
    }
    None
}

/// The target's placeholders the source lacks and the source's the target
/// lacks, as multisets of keys, but for named placeholders, compared as
/// sets (see [`is_named`]).
pub(super) fn differ<'a>(
    source: &'a [Placeholder],
    target: &'a [Placeholder],
) -> (Vec<&'a Placeholder>, Vec<&'a Placeholder>) {
    // The common case: the same placeholders in the same order.
    if same_keys(source, target) {
        return (Vec::new(), Vec::new());
    }
    // Each named key once, at its first place.
    let keys = |list: &'a [Placeholder]| -> Vec<&'a Placeholder> {
        let mut seen = FxHashSet::default();
        list.iter()
            .filter(|p| !is_named(&p.key) || seen.insert(p.key.as_str()))
            .collect()
    };
    let (source, target) = (keys(source), keys(target));
    let as_keys =
        |list: &[&'a Placeholder]| list.iter().map(|p| p.key.as_str()).collect::<Vec<_>>();
    let (extra, missing) = multiset_difference(&as_keys(&source), &as_keys(&target));
    (
        extra.into_iter().map(|i| target[i]).collect(),
        missing.into_iter().map(|i| source[i]).collect(),
    )
}

/// Whether two lists have the same keys in the same order: neither lacks
/// one of the other's.
fn same_keys(source: &[Placeholder], target: &[Placeholder]) -> bool {
    source.len() == target.len() && source.iter().zip(target).all(|(s, t)| s.key == t.key)
}

/// The target's placeholders the source lacks and the source's the target
/// lacks, as sets of keys (ICU branches), each key once.
pub(super) fn differ_sets<'a>(
    source: &'a [Placeholder],
    target: &'a [Placeholder],
) -> (Vec<&'a Placeholder>, Vec<&'a Placeholder>) {
    if same_keys(source, target) {
        return (Vec::new(), Vec::new());
    }
    // Sets of keys, so that a unit with thousands of placeholders costs
    // its length, not its length squared.
    let keys = |list: &'a [Placeholder]| -> FxHashSet<&'a str> {
        list.iter().map(|p| p.key.as_str()).collect()
    };
    let (in_source, in_target) = (keys(source), keys(target));
    let lacking = |list: &'a [Placeholder], other: &FxHashSet<&str>| {
        let mut seen = FxHashSet::default();
        list.iter()
            .filter(|p| !other.contains(p.key.as_str()) && seen.insert(p.key.as_str()))
            .collect::<Vec<&Placeholder>>()
    };
    (lacking(target, &in_source), lacking(source, &in_target))
}

/// Pairs each extra target placeholder with a missing source one, in order.
pub(super) fn pair<'a>(
    extra: Vec<&'a Placeholder>,
    missing: Vec<&'a Placeholder>,
) -> Difference<'a> {
    let mut missing = missing.into_iter();
    let extra = extra.into_iter().map(|e| (e, missing.next())).collect();
    Difference {
        extra,
        missing: missing.collect(),
    }
}

/// The indexes of the keys of `target` that `source` lacks and of those
/// of `source` that `target` lacks, each in its own order; sorting keeps a
/// unit of many placeholders from a scan per placeholder.
pub(super) fn multiset_difference(source: &[&str], target: &[&str]) -> (Vec<usize>, Vec<usize>) {
    let sorted = |list: &[&str]| {
        let mut v: Vec<usize> = (0..list.len()).collect();
        v.sort_by(|&a, &b| list[a].cmp(list[b]).then(a.cmp(&b)));
        v
    };
    let (s, t) = (sorted(source), sorted(target));
    let (mut i, mut j) = (0, 0);
    let mut extra = Vec::new();
    let mut missing = Vec::new();
    loop {
        match (s.get(i), t.get(j)) {
            (Some(&a), Some(&b)) if source[a] == target[b] => {
                i += 1;
                j += 1;
            }
            (Some(&a), Some(&b)) if source[a] < target[b] => {
                missing.push(a);
                i += 1;
            }
            (_, Some(&b)) => {
                extra.push(b);
                j += 1;
            }
            (Some(&a), None) => {
                missing.push(a);
                i += 1;
            }
            (None, None) => break,
        }
    }
    extra.sort_unstable();
    missing.sort_unstable();
    (extra, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, syntaxes: u16) -> (Vec<String>, Vec<String>) {
        let (mut top, mut inner) = (Vec::new(), Vec::new());
        scan(text, syntaxes, &mut top, &mut inner);
        for p in top.iter().chain(&inner) {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
        (
            top.into_iter().map(|p| p.key).collect(),
            inner.into_iter().map(|p| p.key).collect(),
        )
    }

    #[test]
    fn printf_and_python() {
        assert_eq!(
            keys("%s of %d, %1$s %-5.2f %% done 100%", ALL).0,
            ["%s", "%d", "%1$s", "%-5.2f"]
        );
        assert_eq!(
            keys("%(name)s has %(count)d", PRINTF | PY_NAMED).0,
            ["%(name)s", "%(count)d"]
        );
        assert_eq!(keys("50 % de gens, % s", ALL).0, Vec::<String>::new());
        assert_eq!(keys("%@ and %1$@", ALL).0, ["%@", "%1$@"]);
        assert_eq!(keys("%@", PRINTF).0, Vec::<String>::new());
        assert_eq!(keys("%%s is literal", ALL).0, Vec::<String>::new());
        // A `-` or `0` flag with no width changes nothing.
        assert_eq!(
            keys("%-d %0d %-5d %05d %1$-s %(n)-d %+-d", ALL).0,
            ["%d", "%d", "%-5d", "%05d", "%1$s", "%(n)d", "%+d"]
        );
    }

    #[test]
    fn braces_icu_and_others() {
        assert_eq!(
            keys("{0} {name} {name!r:>10} {}", ALL).0,
            ["{0}", "{name}", "{name!r:>10}", "{}"]
        );
        assert_eq!(keys("{{literal}} {x}", BRACE).0, ["{x}"]);
        assert_eq!(keys("Hi {{ user.name }}!", ALL).0, ["{{user.name}}"]);
        assert_eq!(
            keys("${HOME} and $PATH cost $5", ALL).0,
            ["${HOME}", "$PATH"]
        );
        assert_eq!(keys("%{count} items", ALL).0, ["%{count}"]);
        let (top, inner) = keys(
            "{count, plural, =0 {none} one {# file in {dir}} other {# files in {dir}}}",
            ALL,
        );
        assert_eq!(top, ["{count, plural}"]);
        assert_eq!(inner, ["{dir}", "{dir}"]);
        assert_eq!(keys("{n, number, integer}", ALL).0, ["{n, number,integer}"]);
        assert_eq!(keys("a { b } {é}", ALL).0, Vec::<String>::new());
    }

    #[test]
    fn i18next_nesting_is_one_placeholder() {
        assert_eq!(
            keys("$t(menu.open), then $t(ns:save, {\"count\": 3 })", ALL).0,
            ["$t(menu.open)", "$t(ns:save,{\"count\":3})"]
        );
        // Parentheses nest; spaces, commas and `)` within quotes are text.
        assert_eq!(
            keys("$t(a, {\"x\": \"(b), \\\"c)\"}) end", ALL).0,
            ["$t(a,{\"x\":\"(b), \\\"c)\"})"]
        );
        assert_eq!(keys("$t(x (y))", ALL).0, ["$t(x(y))"]);
        // Unclosed, empty, or cut by a line break: `$t` is a `$VAR`.
        for text in ["$t(a", "$t()", "$t( )", "$t(a\nb)"] {
            assert_eq!(keys(text, ALL).0, ["$t"], "{text}");
        }
        // Not a nesting: `$to`, and `$t(` where the syntax is off.
        assert_eq!(keys("$top(x)", ALL).0, ["$top"]);
        assert_eq!(keys("$t(a)", DOLLAR).0, ["$t"]);
        assert_eq!(keys("$t(a)", PRINTF).0, Vec::<String>::new());
        // Many unclosed ones cost a bounded read each.
        let mut text = "$t(a, \"".repeat(5_000);
        text.push_str("$t(b)");
        assert_eq!(keys(&text, NESTING).0, ["$t(b)"]);
        assert!(is_named("$t(a)") && name_of("$t(count)").is_none());
    }

    #[test]
    fn unclosed_arguments_are_text() {
        let mut text = "{a, plural, one {x ".repeat(5_000);
        text.push_str("{b}");
        assert_eq!(keys(&text, ALL).0, ["{b}"]);
    }

    #[test]
    fn flags_choose_syntaxes() {
        assert_eq!(syntaxes("c-format"), PRINTF);
        assert_eq!(syntaxes("fuzzy, python-format"), PRINTF | PY_NAMED);
        assert_eq!(syntaxes("python-brace-format"), BRACE | ICU);
        assert_eq!(syntaxes(""), ALL);
        assert_eq!(syntaxes("no-python-format"), ALL & !(PRINTF | PY_NAMED));
    }

    #[test]
    fn multisets() {
        let p = |k: &str| Placeholder {
            start: 0,
            end: 0,
            key: k.to_owned(),
        };
        let s = [p("%s"), p("%s"), p("%d")];
        let t = [p("%d"), p("%s"), p("%x")];
        let (extra, missing) = differ(&s, &t);
        let d = pair(extra, missing);
        assert_eq!(d.extra.len(), 1);
        assert_eq!(d.extra[0].0.key, "%x");
        assert_eq!(d.extra[0].1.map(|m| m.key.as_str()), Some("%s"));
        assert!(d.missing.is_empty());
    }

    #[test]
    fn named_placeholders_may_repeat() {
        let p = |k: &str| Placeholder {
            start: 0,
            end: 0,
            key: k.to_owned(),
        };
        // A named placeholder used twice, or once for the source's two.
        let s = [p("%(name)s"), p("{obj}"), p("{obj}")];
        let t = [p("%(name)s"), p("%(name)s"), p("{obj}")];
        let (extra, missing) = differ(&s, &t);
        assert!(extra.is_empty() && missing.is_empty());
        // An unnamed one takes an argument per use.
        let (one, two) = ([p("%s")], [p("%s"), p("%s")]);
        let (extra, missing) = differ(&one, &two);
        assert_eq!((extra.len(), missing.len()), (1, 0));
        for (key, named) in [
            ("%s", false),
            ("{}", false),
            ("{:>10}", false),
            ("%@", false),
            ("%1$s", true),
            ("%(n)d", true),
            ("{0}", true),
            ("{count, plural}", true),
            ("${HOME}", true),
            ("%{x}", true),
        ] {
            assert_eq!(is_named(key), named, "{key}");
        }
    }

    #[test]
    fn number_placeholders() {
        let set = |keys: &[&str]| {
            keys.iter()
                .map(|k| (*k).to_owned())
                .collect::<FxHashSet<String>>()
        };
        let (none, count) = (set(&[]), set(&["%(count)s"]));
        assert!(
            is_number("%(count)s", &none, &count),
            "the singular says it in words"
        );
        assert!(is_number("%d", &none, &none));
        assert!(is_number("%(num)d", &none, &none));
        assert!(is_number("{count}", &none, &none));
        assert!(is_number("%(total_count)s", &none, &none));
        assert!(!is_number("%s", &none, &none));
        assert!(!is_number("%(name)s", &none, &none));
        assert!(!is_number("{obj}", &none, &none));
        let two = set(&["%(value)s", "%(name)s"]);
        assert!(!is_number("%(value)s", &two, &two));
        let one = set(&["%(value)s"]);
        assert!(is_number("%(value)s", &one, &one));
    }

    #[test]
    fn broken_placeholders() {
        fn at<'t>(text: &'t str, key: &str) -> Option<&'t str> {
            broken(text, key).map(|(s, e)| &text[s..e])
        }
        assert_eq!(at("% d jours", "%d"), Some("% d"));
        assert_eq!(at("a %  1$s b", "%1$s"), Some("%  1$s"));
        assert_eq!(at("Scrios %(name) roghnaithe", "%(name)s"), Some("%(name)"));
        assert_eq!(at("{ name} x", "{name}"), Some("{ name}"));
        assert_eq!(at("50 % de gens", "%d"), None);
        assert_eq!(at("100 %", "%s"), None);
        assert_eq!(at("% é", "%s"), None);
    }
}
