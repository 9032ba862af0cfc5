//! The checks of a target's punctuation and spacing against its source:
//! `heuristic:end-punctuation-mismatch`, `heuristic:whitespace-mismatch`
//! and `heuristic:bracket-mismatch`.
//!
//! Each target language's typography is accepted: `。` for `.`, `？` or
//! Greek `;` for `?`, a space before `?` in French; none of it is an error.

/// How a text ends: the sentence mark it closes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// `.` and its forms in other scripts (`。`, `।`, `۔`).
    Period,
    /// `:`.
    Colon,
    /// `?`.
    Question,
    /// `!`.
    Exclamation,
    /// `…` or `...`.
    Ellipsis,
}

impl End {
    /// The mark as the note names it.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            End::Period => ".",
            End::Colon => ":",
            End::Question => "?",
            End::Exclamation => "!",
            End::Ellipsis => "…",
        }
    }
}

/// Closing quotes and brackets, read past to the mark before them (`"Save."`
/// ends with a period).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '«'
            | '”'
            | '“'
            | '’'
            | '‘'
            | '」'
            | '』'
            | '）'
            | '›'
            | '‹'
            | '】'
    )
}

/// The text's last characters past spaces, closing quotes and closing
/// HTML tags (`… <a href="…">add one</a>?` ends with `?`, `<b>Saved.</b>`
/// with `.`).
pub(super) fn tail(text: &str) -> &str {
    let mut t = text;
    loop {
        t = t.trim_end_matches(|c: char| c.is_whitespace() || is_closer(c));
        let Some(open) = t.strip_suffix('>').and_then(|body| body.rfind("</")) else {
            return t;
        };
        let name = &t[open + 2..t.len() - 1];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return t;
        }
        t = &t[..open];
    }
}

/// How `text` ends, read by the typography of language `lang` (a primary
/// subtag, or `None` when unknown: then every script's marks count).
pub(super) fn end_of(text: &str, lang: Option<&str>) -> Option<End> {
    let t = tail(text);
    // Dots spaced out (`. . .`) are an ellipsis as typed; two dots are a
    // period typed twice.
    if t.ends_with("...")
        || t.ends_with(". . .")
        || t.ends_with('…')
        || t.ends_with('⋯')
        || t.ends_with('‥')
    {
        return Some(End::Ellipsis);
    }
    let c = t.chars().next_back()?;
    let greek = matches!(lang, None | Some("el"));
    // Amharic and Tigrinya end sentences with `።`, which keyboards often
    // give as `:` or `::`.
    let ethiopic = matches!(lang, Some("am" | "ti"));
    // Bengali and Assamese write the colon as the visarga `ঃ`; Armenian
    // ends a sentence with `։` and writes its colon, the mijaket, as `․`.
    let bengali = matches!(lang, None | Some("bn" | "as"));
    let armenian = matches!(lang, None | Some("hy"));
    // Writers of Hindi, Marathi and Nepali often type the danda `।` as a
    // vertical bar.
    let danda = matches!(lang, Some("hi" | "mr" | "ne" | "sa" | "mai" | "bho"));
    if let Some((particles, closers)) = question_particles(lang) {
        let body = t.strip_suffix(closers).unwrap_or(t);
        if particles.iter().any(|p| body.ends_with(p)) {
            return Some(End::Question);
        }
    }
    Some(match c {
        '.' | '。' | '．' | '।' | '॥' | '۔' | '።' | '။' | '།' | '܂' | '｡' | '։' | '។' | '៕' => {
            End::Period
        }
        ':' if ethiopic => End::Period,
        '|' if danda => End::Period,
        'ঃ' if bengali => End::Colon,
        '\u{2024}' if armenian => End::Colon,
        ':' | '：' | '﹕' | '፥' | '៖' => End::Colon,
        '?' | '？' | '؟' | '፧' | '\u{37e}' => End::Question,
        ';' if greek => End::Question,
        '!' | '！' | '¡' => End::Exclamation,
        _ => return None,
    })
}

/// The particles that end a question in language `lang`, and the marks
/// of a statement that may close it; it may also be left open. Japanese
/// closes a question in `か` with `。` as often as with `？`, and a dialog's
/// question is often left open (`削除しますか`); Burmese closes one in
/// `လား`, `လဲ` or `နည်း` with `။`, its only sentence mark.
fn question_particles(lang: Option<&str>) -> Option<(&'static [&'static str], &'static [char])> {
    match lang? {
        "ja" => Some((&["か"], &['。', '｡'])),
        "my" => Some((&["လား", "လဲ", "နည်း"], &['။'])),
        _ => None,
    }
}

/// Whether a target ending `target` (None: with no mark) renders a source
/// ending with `source` in language `lang`.
///
/// Any final mark but a question mark may be left out; a mark changed into
/// another is flagged, but where a language's typography allows it.
///
/// - A period or an ellipsis: human translators of interface strings leave
///   a period out about one time in seventy (Django's catalogs), and
///   scripts such as Thai end sentences without one; an ellipsis that
///   says work is going on (`Saving…`) is left out by translators who
///   write the progressive form (`保存中`, `در حال ذخیره سازی`).
/// - A colon: translators leave a label's colon out (`Date:` → `日期`,
///   `Action:` → `Handling`) about one time in twenty (Django's, Wagtail's
///   and Sphinx's catalogs), where the layout sets the label apart. A
///   source that is a `sentence` (five words or more) ending with `:`
///   introduces what follows it, and a translation may also close it with
///   a full stop (`… would require deleting the following objects:` →
///   Korean `… 삭제해야 합니다.`): the list still follows. A label made a
///   sentence (`Name:` → `Nom.`) or a question is flagged.
/// - An exclamation may be toned down to a full stop or left out, as
///   software style guides for many languages ask (`Thanks for using our
///   site!` → `사이트를 이용해 주셔서 고맙습니다.`): translators do so about
///   once in twenty strings (the same catalogs), and the message is the
///   same.
/// - A question left out is a statement, so it is flagged, but in Thai and
///   Lao, which end a question with a particle and no mark.
pub(super) fn ends_match(
    source: End,
    target: Option<End>,
    lang: Option<&str>,
    sentence: bool,
) -> bool {
    if target == Some(source) {
        return true;
    }
    // Armenian marks a question or an exclamation on the stressed word,
    // not at the end.
    if lang == Some("hy") && matches!(source, End::Question | End::Exclamation) {
        return true;
    }
    let Some(target) = target else {
        return source != End::Question || matches!(lang, Some("th" | "lo"));
    };
    match source {
        // Amharic and Tigrinya type `:` for both their full stop and
        // their colon.
        End::Colon => (sentence || matches!(lang, Some("am" | "ti"))) && target == End::Period,
        End::Exclamation => target == End::Period,
        End::Period | End::Ellipsis | End::Question => false,
    }
}

/// The openings of an English question that makes a suggestion
/// (`data/en-suggestion-openers.txt`).
const SUGGESTION_OPENERS: &str = include_str!("../../../data/en-suggestion-openers.txt");

/// Whether English `source`, a question, makes a suggestion: its last
/// sentence opens with `Why not`, `How about` and the like (markup and
/// quotes before it read past). A translation may close such a question as
/// the invitation or request it is, with a full stop or an exclamation
/// mark.
pub(super) fn is_suggestion(source: &str) -> bool {
    let body = tail(source);
    let body = body.strip_suffix('?').unwrap_or(body);
    // The last sentence: after the last mark that ends one and a space.
    let start = body
        .char_indices()
        .rfind(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && body[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(0, |(i, _)| i + 1);
    let mut sentence = body[start..].trim_start();
    // Opening tags and quotes before its first word.
    loop {
        let trimmed = sentence.trim_start_matches(|c: char| c.is_whitespace() || is_closer(c));
        match trimmed.strip_prefix('<').and_then(|t| t.split_once('>')) {
            Some((tag, rest)) if !tag.starts_with('/') => sentence = rest,
            _ => {
                sentence = trimmed;
                break;
            }
        }
    }
    SUGGESTION_OPENERS
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|opener| {
            sentence
                .get(..opener.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(opener))
                && !sentence[opener.len()..].starts_with(char::is_alphanumeric)
        })
}

/// The whitespace a text starts and ends with.
pub(super) fn edges(text: &str) -> (&str, &str) {
    let body = text.trim_start();
    let lead = &text[..text.len() - body.len()];
    let trail = &body[body.trim_end().len()..];
    (lead, trail)
}

/// Whether two runs of edge whitespace differ as a reader sees them: one
/// empty and the other not, or a different number of line breaks.
///
/// A source `padded` with spaces at both ends (` By %(filter_title)s `, a
/// template block's text between tags) is not joined to text on either
/// side: its spaces are layout the markup collapses, which translators
/// keep or drop at either end. Only its line breaks are compared.
pub(super) fn edge_differs(source: &str, target: &str, padded: bool) -> bool {
    (!padded && !source.is_empty() && target.is_empty())
        || line_breaks(source) != line_breaks(target)
}

/// The line feeds in `text`: its bytes counted (no other character's
/// UTF-8 has the byte), where a character searcher set up for each of a
/// unit's few edges, most of them empty, cost more than the count.
pub(super) fn line_breaks(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Whether a text's edges are spaces at both ends, without line breaks.
pub(super) fn is_padded(lead: &str, trail: &str) -> bool {
    !lead.is_empty() && !trail.is_empty() && line_breaks(lead) == 0 && line_breaks(trail) == 0
}

/// Where `text` has two spaces in a row inside it (not at its edges, and
/// not after a sentence mark, where two spaces are a typing convention).
pub(super) fn doubled_space(text: &str) -> Option<usize> {
    // Most texts have no two spaces in a row: a search for the byte pair,
    // not a substring searcher set up for each text.
    if !text.as_bytes().windows(2).any(|w| w == b"  ") {
        return None;
    }
    let body = text.trim();
    let lead = text.len() - text.trim_start().len();
    let mut from = 0;
    while let Some(found) = body[from..].find("  ") {
        let at = from + found;
        if !body[..at].ends_with(['.', '!', '?', ':', ';']) {
            return Some(lead + at);
        }
        from = at + body[at..].len() - body[at..].trim_start().len();
    }
    None
}

const PAIRS: [(char, char); 7] = [
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
];

/// The byte offset of the first bracket of `text` that has no partner
/// (a close with no open, an open never closed, or closed by another
/// kind), and of a lone straight double quote; `None` when all balance.
///
/// A straight quote may pair with a curly one: a translator who types
/// `"` to open a quote the source opened with `“` and keeps the source's
/// `”` has balanced it, if not in matching style. So straight quotes are
/// counted together with the curly double quotes (`“”„‟`).
///
/// In Hebrew, `"` also marks abbreviations (gershayim, `ש"ח`): its count
/// says nothing there.
pub(super) fn unbalanced(text: &str, lang: Option<&str>) -> Option<usize> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    // Straight quotes: how many, and where the last is.
    let mut quotes = (0usize, None);
    let mut curly = 0usize;
    let mut guillemets = (0usize, 0usize, None);
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let b = bytes[next];
        // Only the characters counted below are decoded: they start with
        // the bytes of the table, none of which is a continuation byte, so
        // each stop is at a character. Most strings have none of them.
        if !COUNTED_STARTS[usize::from(b)] {
            next += 1;
            continue;
        }
        // A lead byte starts many characters; the second byte tells most
        // of those not counted (kana, a no-break space) apart without
        // decoding them. A lead byte is always followed by a second.
        if b >= 0x80
            && !match (b, bytes[next + 1]) {
                (0xC2, second) => second == 0xAB || second == 0xBB,
                (0xEF, second) => second == 0xBC,
                // The curly quotes (0xE2) and the CJK brackets (0xE3).
                (_, second) => second == 0x80,
            }
        {
            next += 2;
            continue;
        }
        let at = next;
        let c = text[at..]
            .chars()
            .next()
            .expect("a char at a char boundary");
        next += c.len_utf8();
        if c == '"' {
            quotes = (quotes.0 + 1, Some(at));
            continue;
        }
        if matches!(c, '“' | '”' | '„' | '‟') {
            curly += 1;
            continue;
        }
        if c == '«' || c == '»' {
            // Either direction: Danish quotes »so«, French «so».
            if c == '«' {
                guillemets.0 += 1;
            } else {
                guillemets.1 += 1;
            }
            guillemets.2.get_or_insert(at);
            continue;
        }
        if let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) {
            stack.push((close, at));
        } else if PAIRS.iter().any(|(_, close)| *close == c) {
            match stack.pop() {
                Some((want, _)) if want == c => {}
                _ => return Some(at),
            }
        }
    }
    if let Some(&(_, at)) = stack.first() {
        return Some(at);
    }
    if (quotes.0 + curly) % 2 == 1 && quotes.0 > 0 && lang != Some("he") {
        return quotes.1;
    }
    if guillemets.0 != guillemets.1 {
        return guillemets.2;
    }
    None
}

/// The bytes that start a character [`unbalanced`] counts: the ASCII
/// brackets and straight double quote, and the lead bytes of `«` and `»`
/// (0xC2), the curly quotes (0xE2), the CJK brackets (0xE3) and the
/// full-width parentheses (0xEF). A table read per byte costs less than
/// comparing each byte with eleven values.
static COUNTED_STARTS: [bool; 256] = {
    let mut t = [false; 256];
    let starts = *b"()[]{}\"\xC2\xE2\xE3\xEF";
    let mut i = 0;
    while i < starts.len() {
        t[starts[i] as usize] = true;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    /// [`unbalanced`] as it reads every character.
    fn unbalanced_char_by_char(text: &str, lang: Option<&str>) -> Option<usize> {
        let mut stack: Vec<(char, usize)> = Vec::new();
        let mut quotes: Vec<usize> = Vec::new();
        let mut curly = 0usize;
        let mut guillemets = (0usize, 0usize, None);
        for (at, c) in text.char_indices() {
            if c == '"' {
                quotes.push(at);
            } else if matches!(c, '“' | '”' | '„' | '‟') {
                curly += 1;
            } else if c == '«' || c == '»' {
                if c == '«' {
                    guillemets.0 += 1;
                } else {
                    guillemets.1 += 1;
                }
                guillemets.2.get_or_insert(at);
            } else if let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) {
                stack.push((close, at));
            } else if PAIRS.iter().any(|(_, close)| *close == c) {
                match stack.pop() {
                    Some((want, _)) if want == c => {}
                    _ => return Some(at),
                }
            }
        }
        if let Some(&(_, at)) = stack.first() {
            return Some(at);
        }
        if (quotes.len() + curly) % 2 == 1 && !quotes.is_empty() && lang != Some("he") {
            return quotes.last().copied();
        }
        if guillemets.0 != guillemets.1 {
            return guillemets.2;
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn brackets_are_counted_as_when_every_character_is_read(
            text in "[a-c ()\\[\\]{}\"“”„‟«»（）「」『』【】é€ж中¡‐ｘ の。、\u{a0}©　⁄〈〉｛｝]{0,24}",
        ) {
            for lang in [None, Some("he"), Some("de")] {
                proptest::prop_assert_eq!(unbalanced(&text, lang), unbalanced_char_by_char(&text, lang));
            }
        }
    }

    #[test]
    fn ends_by_typography() {
        // (text, its language, how it ends)
        let ends = [
            ("Save the file.", Some("en"), Some(End::Period)),
            ("保存しますか？", Some("ja"), Some(End::Question)),
            (
                "Voulez-vous enregistrer\u{a0}?",
                Some("fr"),
                Some(End::Question),
            ),
            ("Αποθήκευση;", Some("el"), Some(End::Question)),
            ("ተቀምጧል::", Some("am"), Some(End::Period)),
            ("a; b;", Some("de"), None),
            ("Wait...", None, Some(End::Ellipsis)),
            ("ހުށައެޅެނީ . . . ", Some("dv"), Some(End::Ellipsis)),
            ("Ανέβασμα εγγράφου ..", Some("el"), Some(End::Period)),
            ("e.g.", None, Some(End::Period)),
            (
                "Why not <a href=\"x\">add one</a>?",
                None,
                Some(End::Question),
            ),
            ("<b>Saved.</b>", None, Some(End::Period)),
            ("<p>Saved.</p>\n", None, Some(End::Period)),
            ("a </ b>", None, None),
            ("Enter \"foo\".", None, Some(End::Period)),
            ("« Sauver. »", None, Some(End::Period)),
            ("削除しますか。", Some("ja"), Some(End::Question)),
            (
                "コレクションを完全に削除しますか",
                Some("ja"),
                Some(End::Question),
            ),
            ("削除しました", Some("ja"), None),
            ("削除します。", Some("ja"), Some(End::Period)),
            // Each language's colon.
            ("তারিখঃ", Some("bn"), Some(End::Colon)),
            ("Ամսաթիվ\u{2024}", Some("hy"), Some(End::Colon)),
            ("Ամսաթիվ։", Some("hy"), Some(End::Period)),
            ("ពាក្យសំងាត់ថ្មី៖", Some("km"), Some(End::Colon)),
            ("មិនមាន។", Some("km"), Some(End::Period)),
            ("ဤဆိုက်ကို ဖျက်သိမ်းဖို့ သေချာပါသလား။", Some("my"), Some(End::Question)),
            ("မူလလား", Some("my"), Some(End::Question)),
            ("ဖျက်သိမ်းပြီးပါပြီ။", Some("my"), Some(End::Period)),
            ("မူလလား", Some("th"), None),
            ("हटा दी जाएँगी |", Some("hi"), Some(End::Period)),
            ("a | b |", Some("de"), None),
        ];
        for (text, lang, want) in ends {
            assert_eq!(end_of(text, lang), want, "{text:?} in {lang:?}");
        }
        // (the source's end, the target's, the target's language, whether
        // the source is a sentence, whether the two match)
        let pairs = [
            (End::Ellipsis, None, Some("ja"), false, true),
            (End::Ellipsis, Some(End::Period), Some("de"), false, false),
            (End::Period, None, Some("th"), false, true),
            (End::Period, None, Some("de"), false, true),
            (End::Period, Some(End::Colon), Some("de"), false, false),
            (End::Colon, Some(End::Question), Some("de"), false, false),
            (End::Question, Some(End::Period), Some("fr"), false, false),
            (End::Question, None, Some("th"), false, true),
            (End::Question, Some(End::Period), Some("th"), false, false),
            (
                End::Colon,
                end_of("ቀን:", Some("am")),
                Some("am"),
                false,
                true,
            ),
            (
                End::Colon,
                end_of("ቀን?", Some("am")),
                Some("am"),
                false,
                false,
            ),
            // A sentence that introduces a list may be closed; a label may not.
            (End::Colon, Some(End::Period), Some("ko"), true, true),
            (End::Colon, Some(End::Period), Some("ko"), false, false),
            // Either may leave its colon out.
            (End::Colon, None, Some("ko"), true, true),
            (End::Colon, None, Some("ja"), false, true),
            // An exclamation may become a full stop or go; not a question.
            (End::Exclamation, Some(End::Period), Some("ko"), false, true),
            (End::Exclamation, None, Some("fa"), false, true),
            (
                End::Exclamation,
                Some(End::Question),
                Some("de"),
                false,
                false,
            ),
            (End::Question, Some(End::Period), Some("de"), false, false),
            (End::Colon, None, Some("th"), false, true),
            (End::Colon, Some(End::Question), Some("ko"), true, false),
        ];
        for (source, target, lang, sentence, want) in pairs {
            assert_eq!(
                ends_match(source, target, lang, sentence),
                want,
                "{source:?} → {target:?} in {lang:?} (sentence: {sentence})"
            );
        }
    }

    #[test]
    fn a_question_that_suggests_is_told_from_one_that_asks() {
        let suggestions = [
            "Why not add one?",
            "No pages yet. Why not <a href=\"%(url)s\">create one now</a>?",
            "You haven't created any. <b>Why not</b> add some?",
            "How about a new one?",
            "Why don't you try again?",
            "Nothing here. \"Why not add one?\"",
        ];
        for text in suggestions {
            assert!(is_suggestion(text), "{text:?}");
        }
        let questions = [
            "Why is it not saved?",
            "Why nothing?",
            "Why not? Are you sure?",
            "Delete the page?",
            "Why notify them?",
            "",
        ];
        for text in questions {
            assert!(!is_suggestion(text), "{text:?}");
        }
    }

    #[test]
    fn whitespace() {
        assert_eq!(edges("  a b \n"), ("  ", " \n"));
        assert!(edge_differs(" ", "", false));
        assert!(!edge_differs("", " ", false));
        assert!(edge_differs("\n", " ", false));
        assert!(!edge_differs(" ", "\u{a0}", false));
        // A padded source's spaces may go; a line break may not come.
        assert!(is_padded(" ", " "));
        assert!(!is_padded(" ", "\n"));
        assert!(!edge_differs(" ", "", true));
        assert!(edge_differs(" ", "\n", true));
        assert_eq!(doubled_space(" a  b"), Some(2));
        assert_eq!(doubled_space("  a b  "), None);
        assert_eq!(doubled_space("Done.  Next"), None);
    }

    #[test]
    fn brackets() {
        assert_eq!(unbalanced("a (b [c]) d", None), None);
        assert_eq!(unbalanced("a (b [c) d]", None), Some(7));
        assert_eq!(unbalanced("a (b", None), Some(2));
        assert_eq!(unbalanced("say \"hi", None), Some(4));
        assert_eq!(unbalanced("»so« «so»", None), None);
        assert_eq!(unbalanced("«so", None), Some(0));
        assert_eq!(unbalanced("「はい」", None), None);
        assert_eq!(unbalanced("100 ש\"ח", Some("he")), None);
        // A straight quote opened, the source's curly quote kept to close.
        assert_eq!(unbalanced("Se agrega \"%(object)s”.", None), None);
        assert_eq!(unbalanced("„so\" and \"so", None), Some(11));
        assert_eq!(unbalanced("say “hi", None), None);
    }
}
