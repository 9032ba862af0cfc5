//! Language codes: which ones mtlint knows, for `--lang`, the
//! configuration's `lang` and the glossary's `lang` column.

/// The two-letter codes of ISO 639-1: the registration authority's 183
/// codes in force, and `sh` (Serbo-Croatian, withdrawn but still in use),
/// sorted for binary search.
const ISO_639_1: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Whether `code` is a language code mtlint accepts: a lowercase ISO 639-1
/// code (`nl`), or three lowercase letters, the form of ISO 639-2 and 639-3
/// (`fil`, `yue`). Those two lists hold thousands of codes and are not
/// shipped, so a three-letter code is taken as written; a two-letter code
/// must be a real one, so `xx` and `EN` are refused.
pub fn is_lang_code(code: &str) -> bool {
    match code.len() {
        2 => ISO_639_1.binary_search(&code).is_ok(),
        3 => code.bytes().all(|b| b.is_ascii_lowercase()),
        _ => false,
    }
}

/// Why `pair` is no language pair, in words for an error message; `None`
/// when it is one (`nl-en`; any case, as `--lang` takes it).
pub fn pair_problem(pair: &str) -> Option<String> {
    let lower = pair.to_ascii_lowercase();
    let Some((source, target)) = lower.split_once('-') else {
        return Some(format!(
            "`{pair}` is not a language pair such as `nl-en` (source and target language codes joined by `-`)"
        ));
    };
    let unknown: Vec<&str> = [source, target]
        .into_iter()
        .filter(|c| !is_lang_code(c))
        .collect();
    match unknown.as_slice() {
        [] if source == target => Some(format!(
            "`{pair}` has the same language on both sides; a pair is source-target, such as `nl-en`"
        )),
        [] => None,
        [code] => Some(format!(
            "`{pair}`: `{code}` is not a known language code (ISO 639-1, such as `nl` or `en`)"
        )),
        _ => Some(format!(
            "`{pair}`: `{source}` and `{target}` are not known language codes (ISO 639-1, such as `nl` or `en`)"
        )),
    }
}

/// The pair the other way round (`en-de` for `de-en`).
pub fn reversed(pair: &str) -> Option<String> {
    let (source, target) = pair.split_once('-')?;
    Some(format!("{target}-{source}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_lowercase() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ISO_639_1
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn codes() {
        for known in ["nl", "en", "de", "zh", "fil", "yue"] {
            assert!(is_lang_code(known), "{known}");
        }
        for unknown in ["xx", "yy", "EN", "e", "engl", "n1", ""] {
            assert!(!is_lang_code(unknown), "{unknown}");
        }
    }

    #[test]
    fn pair_problems_name_the_value() {
        assert_eq!(pair_problem("nl-en"), None);
        assert_eq!(pair_problem("NL-EN"), None);
        assert!(
            pair_problem("xx-yy")
                .unwrap()
                .contains("`xx` and `yy` are not known")
        );
        assert!(
            pair_problem("nl-xx")
                .unwrap()
                .contains("`xx` is not a known")
        );
        assert!(
            pair_problem("dutch")
                .unwrap()
                .contains("not a language pair")
        );
        assert!(pair_problem("en-en").unwrap().contains("same language"));
        assert!(
            pair_problem("nl-en-gb")
                .unwrap()
                .contains("`en-gb` is not a known")
        );
    }
}
