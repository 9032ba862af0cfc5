//! `heuristic:url-mismatch`: the URLs, e-mail addresses and file paths of
//! a source must be in its target, unchanged.
//!
//! Each is found from an anchor byte (`:` of `://`, `@`, a leading `/` or
//! `~/`), grown over the ASCII characters such addresses are made of, so
//! that an address touching CJK text or closing punctuation ends where it
//! should.

/// An address as compared: a path segment that is a language code
/// (`/en/`, `/pt-br/`) stands for any, since translations link to the
/// pages in their own language.
pub(super) fn key(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for (i, part) in address.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let (lang, region) = part.split_once(['-', '_']).unwrap_or((part, "ab"));
        let is_lang = i >= 3
            && lang.len() == 2
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && (2..=4).contains(&region.len())
            && region.bytes().all(|b| b.is_ascii_alphabetic());
        out.push_str(if is_lang { "*" } else { part });
    }
    // `/about/` and `/about` name the same page.
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// One address: its bytes in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Address {
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
}

fn is_url_byte(b: u8) -> bool {
    b.is_ascii_graphic()
        && !matches!(
            b,
            b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^'
        )
}

/// Punctuation that ends a sentence or closes a bracket after an address,
/// not part of it (`-` too: a suffix joined to a quoted address,
/// Kazakh `'http://'-дан`).
fn is_trailing(b: u8) -> bool {
    matches!(
        b,
        b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'\'' | b'*' | b'-'
    )
}

/// A letter of an alphabet below the CJK blocks (Latin, Greek, Cyrillic,
/// Arabic, Indic…), which a path's words may be written in.
fn is_path_letter(c: char) -> bool {
    !c.is_ascii() && c < '\u{2e80}' && crate::text::is_alphanumeric(c)
}

/// Whether `source` and `target` are the same route with its words
/// translated: both paths from the root (`/about/contact/` and
/// `/om/kontakt/`), with as many segments (a final slash names the same
/// page, as in [`key`]), each segment made of letters, `-` and `_` only. Translators localize the
/// words of an example path and keep its form; a path with a file name,
/// a number or a dot (`/etc/hosts.conf`, `/en/5.2/`) is compared as
/// written.
pub(super) fn is_translated_route(source: &str, target: &str) -> bool {
    match (route_words(source), route_words(target)) {
        (Some(s), Some(t)) => s == t,
        _ => false,
    }
}

/// Whether `source` and `target` are the same example URL with its words
/// translated: the source's path holds a part in square brackets for the
/// reader to fill in (`http://domain.com/blog/[my-slug]/`), and the target
/// is a URL of the same scheme whose path holds one too
/// (`http://domein.nl/blog/[mijn-slug]/`). Translators localize the whole
/// of such an example, its host too.
pub(super) fn is_translated_example(source: &str, target: &str) -> bool {
    let pattern = |url: &str| -> Option<String> {
        let (scheme, rest) = url.split_once("://")?;
        let path = &rest[rest.find('/')?..];
        path.contains('[').then(|| scheme.to_ascii_lowercase())
    };
    matches!((pattern(source), pattern(target)), (Some(s), Some(t)) if s == t)
}

/// The number of segments of a path from the root whose segments are all
/// words.
fn route_words(path: &str) -> Option<usize> {
    let rest = path.strip_prefix('/')?.trim_end_matches('/');
    let mut n = 0;
    for segment in rest.split('/') {
        if segment.is_empty()
            || !segment
                .chars()
                .all(|c| crate::text::is_alphabetic(c) || c == '-' || c == '_')
        {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The addresses of `text`, in order.
pub(super) fn find(text: &str, out: &mut Vec<Address>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last_end = 0;
    while let Some(found) = memchr::memchr3(b':', b'@', b'/', &bytes[i..]) {
        i += found;
        if i < last_end {
            i = last_end;
            continue;
        }
        let candidate = match bytes[i] {
            b':' if bytes[i + 1..].starts_with(b"//") => {
                // The scheme: letters before `://`.
                let mut s = i;
                while s > last_end
                    && (bytes[s - 1].is_ascii_alphanumeric()
                        || matches!(bytes[s - 1], b'+' | b'-' | b'.'))
                {
                    s -= 1;
                }
                (s < i && bytes[s].is_ascii_alphabetic()).then_some(s)
            }
            b'@' => {
                let mut s = i;
                while s > last_end
                    && (bytes[s - 1].is_ascii_alphanumeric()
                        || matches!(bytes[s - 1], b'.' | b'_' | b'%' | b'+' | b'-'))
                {
                    s -= 1;
                }
                let domain = &bytes[i + 1..];
                let len = domain
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
                    .count();
                let domain = &text[i + 1..i + 1 + len].trim_end_matches('.');
                let tld = domain.rsplit('.').next().unwrap_or("");
                (s < i
                    && domain.contains('.')
                    && tld.len() >= 2
                    && tld.bytes().all(|b| b.is_ascii_alphabetic()))
                .then_some(s)
            }
            b'/' => {
                // A path starts a word (`/etc/hosts`, `~/.config`, `./run`):
                // `and/or`, `km/h`, `км/ч` and Persian `۲/۵/۱` (2.5.1) are
                // words. Text in a CJK script may touch a path.
                let s = match i.checked_sub(1).map(|p| bytes[p]) {
                    Some(b'~') => i - 1,
                    Some(b'.') if i >= 2 && bytes[i - 2] == b'.' => i - 2,
                    Some(b'.') => i - 1,
                    _ => i,
                };
                let starts_word = s == 0
                    || !(bytes[s - 1].is_ascii_alphanumeric()
                        || matches!(bytes[s - 1], b'/' | b'.' | b'~' | b'-' | b'_' | b'%' | b')')
                        || text[..s].chars().next_back().is_some_and(is_path_letter));
                // At least a second component: `/admin/` or `/etc/hosts`.
                // Read only where a path can start, and only to the next
                // `/`, so that `a/a/a/…` costs one pass.
                let component = || {
                    let mut letters = false;
                    for c in text[i + 1..].chars() {
                        if c == '/' {
                            return letters;
                        }
                        if c.is_ascii_alphabetic() || is_path_letter(c) {
                            letters = true;
                        } else if !u8::try_from(c).is_ok_and(is_url_byte) {
                            return false;
                        }
                    }
                    false
                };
                (starts_word && component()).then_some(s)
            }
            _ => None,
        };
        let Some(start) = candidate else {
            i += 1;
            continue;
        };
        let mut end = i;
        // A path's words may be in any alphabet (`/за_сајтот/контакт/`,
        // `/eventos/búsqueda/`); not those of the CJK blocks, which touch
        // addresses with no space between.
        let bare_path = bytes[i] == b'/';
        while end < bytes.len() {
            if is_url_byte(bytes[end]) {
                end += 1;
            } else if bare_path
                && let Some(c) = text[end..].chars().next()
                && is_path_letter(c)
            {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        while end > i + 1 && is_trailing(bytes[end - 1]) {
            end -= 1;
        }
        // A closing bracket is the address's when it opened one.
        if bytes.get(end) == Some(&b')') && text[start..end].contains('(') {
            end += 1;
        }
        out.push(Address { start, end });
        last_end = end;
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|a| &text[a.start..a.end]).collect()
    }

    #[test]
    fn urls_emails_and_paths() {
        assert_eq!(
            found("See https://example.com/a?b=1. Mail me@example.org, or (ftp://x.org/y)"),
            [
                "https://example.com/a?b=1",
                "me@example.org",
                "ftp://x.org/y"
            ]
        );
        assert_eq!(
            found("请访问https://example.com。"),
            ["https://example.com"]
        );
        assert_eq!(
            found("Edit /etc/hosts or ~/.config/app and ./run/it"),
            ["/etc/hosts", "~/.config/app", "./run/it"]
        );
        assert_eq!(found("and/or km/h 1/2 a@b / x"), Vec::<&str>::new());
        assert_eq!(
            found("at https://en.wikipedia.org/wiki/A_(b)."),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(found("“/about/contact/”"), ["/about/contact/"]);
        assert_eq!(found("„/за_сајтот/контакт/“"), ["/за_сајтот/контакт/"]);
        assert_eq!(found("/eventos/búsqueda/ y"), ["/eventos/búsqueda/"]);
        assert_eq!(found("'http://'-дан"), ["http://"]);
        assert_eq!(found("见/about/contact/页面"), ["/about/contact/"]);
        assert_eq!(found("نسخه ۲/۵/۱ یا ۳/۰"), Vec::<&str>::new());
        assert_eq!(found("скорость км/ч/с"), Vec::<&str>::new());
        assert_eq!(found("فایل /etc/hosts"), ["/etc/hosts"]);
    }

    #[test]
    fn translated_routes() {
        assert!(is_translated_route("/about/contact/", "/om/kontakt/"));
        assert!(is_translated_route("/events/search/", "/eventos/búsqueda/"));
        assert!(is_translated_route("/about/contact", "/om/kontakt/"));
        assert!(!is_translated_route("/about/contact/", "/om/"));
        assert!(!is_translated_route("/etc/hosts.conf", "/etc/hostz.conf"));
        assert!(!is_translated_route("/en/5.2/", "/de/5.3/"));
        assert!(!is_translated_route("https://x.org/a", "https://y.org/a"));
    }

    #[test]
    fn translated_examples() {
        let had = "http://domain.com/blog/[my-slug]/";
        assert!(is_translated_example(
            had,
            "http://domein.nl/blog/[mijn-slug]/"
        ));
        assert!(is_translated_example(had, "http://domain.com/blog/[oldal"));
        assert!(!is_translated_example(had, "https://domain.com/blog/[x]/"));
        assert!(!is_translated_example(
            had,
            "http://domene.no/blogg/min-slug/"
        ));
        assert!(!is_translated_example(
            "https://example.com/a",
            "https://example.com/[b]"
        ));
        assert!(!is_translated_example("http://[::1]/", "http://[::2]/"));
    }

    #[test]
    fn language_segments_stand_for_any() {
        let k = |a: &str| key(a);
        assert_eq!(
            k("https://docs.example.com/en/5.2/"),
            k("https://docs.example.com/pt-br/5.2/")
        );
        assert_ne!(
            k("https://docs.example.com/en/5.2/"),
            k("https://docs.example.com/en/5.1/")
        );
        assert_eq!(k("/en/about/"), "/en/about");
        assert_eq!(k("/about/contact/"), k("/about/contact"));
    }
}
