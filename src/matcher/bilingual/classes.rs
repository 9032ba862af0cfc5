//! Which kinds of byte a text has, read in one pass per side of a unit, so
//! that a check whose trigger is on neither side returns without scanning
//! the text itself: most interface strings have no digit, placeholder,
//! tag, address or bracket, and a scan per check costs more than a table
//! read per byte.

/// An ASCII digit. A number of the source needs one, or a character that
/// is not ASCII (the other scripts' digits).
pub(super) const DIGIT: u8 = 1;
/// A byte of a character that is not ASCII.
pub(super) const NON_ASCII: u8 = 1 << 1;
/// `%`, `{` or `$`: where every placeholder syntax starts.
pub(super) const PLACEHOLDER: u8 = 1 << 2;
/// `<`: where an HTML tag starts.
pub(super) const TAG: u8 = 1 << 3;
/// `:`, `@` or `/`: a URL's scheme, an e-mail address, a path.
pub(super) const ADDRESS: u8 = 1 << 4;
/// An ASCII bracket or straight double quote, or the lead byte of `«`,
/// `»`, the CJK brackets and the full-width parentheses (0xC2, 0xE3,
/// 0xEF): what [`unbalanced`](super::punctuation::unbalanced) looks for.
pub(super) const BRACKET: u8 = 1 << 5;

/// Each byte's classes.
static TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let mut c = 0;
        if b >= 0x80 {
            c |= NON_ASCII;
        }
        if b >= b'0' as usize && b <= b'9' as usize {
            c |= DIGIT;
        }
        if matches!(b as u8, b'%' | b'{' | b'$') {
            c |= PLACEHOLDER;
        }
        if b == b'<' as usize {
            c |= TAG;
        }
        if matches!(b as u8, b':' | b'@' | b'/') {
            c |= ADDRESS;
        }
        if matches!(
            b as u8,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | 0xC2 | 0xE3 | 0xEF
        ) {
            c |= BRACKET;
        }
        t[b] = c;
        b += 1;
    }
    t
};

/// The classes of the bytes of `text`, or-ed together.
pub(super) fn of(text: &str) -> u8 {
    // Eight bytes a step, four tables read into separate masks, so that
    // the reads do not wait on one another.
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let (mut a, mut b, mut c, mut d) = (0u8, 0u8, 0u8, 0u8);
    for ch in &mut chunks {
        a |= TABLE[ch[0] as usize] | TABLE[ch[4] as usize];
        b |= TABLE[ch[1] as usize] | TABLE[ch[5] as usize];
        c |= TABLE[ch[2] as usize] | TABLE[ch[6] as usize];
        d |= TABLE[ch[3] as usize] | TABLE[ch[7] as usize];
    }
    for &x in chunks.remainder() {
        a |= TABLE[x as usize];
    }
    a | b | c | d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_is_found_wherever_it_is() {
        assert_eq!(of(""), 0);
        assert_eq!(of("Save the file"), 0);
        assert_eq!(of("Page 2 of %(n)s"), DIGIT | PLACEHOLDER | BRACKET);
        assert_eq!(of("Go to <a href=\"x\">here</a>"), TAG | BRACKET | ADDRESS);
        assert_eq!(of("Speichern unter…"), NON_ASCII);
        // Past the eighth byte and in the tail after the last full step.
        assert_eq!(of("abcdefghijk:"), ADDRESS);
        assert_eq!(of("abcdefgh{"), PLACEHOLDER | BRACKET);
        assert_eq!(of("«oui»"), NON_ASCII | BRACKET);
    }

    proptest::proptest! {
        /// Each check a class lets a unit skip finds nothing in a text
        /// without that class, as the check itself would tell.
        #[test]
        fn a_text_without_a_class_has_nothing_of_its_check(
            text in "[ -~«»“”„‟（）「」『』【】٣١۵߂᠑０é€ж中\u{a0}\u{202f}\u{66b}]{0,24}",
        ) {
            let classes = of(&text);
            if classes & BRACKET == 0 {
                for lang in [None, Some("he"), Some("fr"), Some("ja")] {
                    proptest::prop_assert_eq!(super::super::punctuation::unbalanced(&text, lang), None);
                }
            }
            if classes & ADDRESS == 0 {
                let mut found = Vec::new();
                super::super::urls::find(&text, &mut found);
                proptest::prop_assert!(found.is_empty());
            }
            if classes & TAG == 0 {
                let mut found = Vec::new();
                super::super::markup::html(&text, &mut found);
                proptest::prop_assert!(found.is_empty());
            }
            if classes & PLACEHOLDER == 0 {
                let (mut top, mut inner) = (Vec::new(), Vec::new());
                super::super::placeholders::scan(&text, super::super::placeholders::ALL, &mut top, &mut inner);
                proptest::prop_assert!(top.is_empty() && inner.is_empty());
            }
            if classes & (DIGIT | NON_ASCII) == 0 {
                let number = regex::Regex::new(super::super::NUMBER).expect("a valid pattern");
                proptest::prop_assert!(!number.is_match(&text));
            }
        }
    }
}
