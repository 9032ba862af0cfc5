//! Whether a character is a letter, or a letter or digit, answered from a
//! bit set for the Basic Multilingual Plane.
//!
//! The standard library answers `char::is_alphabetic` for a non-ASCII
//! character by searching compressed tables, some tens of nanoseconds a
//! call; every word of a Cyrillic, Greek or Arabic target asks it several
//! times (word segmentation, length weighing, the detectors' word tests).
//! A bit per code point below U+10000 is 8 KiB a set, read in one load.
//! The sets are written by `build.rs` with the standard library's own
//! answers; characters beyond the plane are asked of it.

/// One bit per code point below U+10000: `char::is_alphabetic`.
static ALPHABETIC: &BmpSet = include_bytes!(concat!(env!("OUT_DIR"), "/bmp-alphabetic.bin"));

/// One bit per code point below U+10000: `char::is_alphanumeric`.
static ALPHANUMERIC: &BmpSet = include_bytes!(concat!(env!("OUT_DIR"), "/bmp-alphanumeric.bin"));

/// A set of code points below U+10000, one bit each: the form of every set
/// `build.rs` writes.
pub(crate) type BmpSet = [u8; 0x2000];

/// Whether `c` is in `set`; `None` for a character beyond the plane, which
/// the caller asks of the standard library or its crate instead.
#[inline]
pub(crate) fn in_bmp_set(set: &BmpSet, c: char) -> Option<bool> {
    let u = u32::from(c);
    (u < 0x10000).then(|| set[(u >> 3) as usize] & (1 << (u & 7)) != 0)
}

/// `char::is_alphabetic`, faster.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_bmp_set(ALPHABETIC, c).unwrap_or_else(|| c.is_alphabetic())
    }
}

/// `char::is_alphanumeric`, faster.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_bmp_set(ALPHANUMERIC, c).unwrap_or_else(|| c.is_alphanumeric())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_answers_as_the_standard_library_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
