//! Table tests of the fuzzy, exact and regex matching rules, each run through
//! both the indexed and the exhaustive search.

use super::*;
use crate::glossary::Glossary;

fn matcher(csv: &str) -> GlossaryMatcher {
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    glossary.add_csv("t.csv", None, csv.as_bytes(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    GlossaryMatcher::new(&glossary, MatchOptions::default())
}

/// The flagged texts, by both searches, which must agree.
fn flagged(m: &GlossaryMatcher, text: &str) -> Vec<String> {
    let doc = Document::new("t.txt", text);
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    let mut exhaustive = m.detect_exhaustive(&doc);
    let key = |h: &Hit| (h.span, h.rule.id.clone());
    hits.sort_by_key(key);
    exhaustive.sort_by_key(key);
    assert_eq!(
        hits, exhaustive,
        "index and exhaustive search disagree on {text:?}"
    );
    hits.iter()
        .map(|h| doc.text[h.span.range()].to_owned())
        .collect()
}

fn assert_flags(csv: &str, text: &str, expected: &[&str]) {
    assert_eq!(flagged(&matcher(csv), text), expected, "in {text:?}");
}

fn assert_clean(csv: &str, text: &str) {
    assert_flags(csv, text, &[]);
}

const GLOSSARY: &str = "term,suggestion\n\
    comfort girls,comfort women\n\
    real payment fund,reparations fund\n\
    climbed into prime minister,risen to prime minister\n\
    profile himself,present himself\n\
    give * out,spend *\n";

#[test]
fn fuzzy_positives() {
    let rows = [
        ("Comfort girls", "case"),
        ("COMFORT GIRLS", "all caps"),
        ("comfort-girls", "hyphen"),
        ("comfort – girls", "dash"),
        ("comfort/girls", "slash"),
        ("comfort\ngirls", "one line break"),
        ("comfort\r\ngirls", "CRLF line break"),
        ("comfort girl", "singular"),
        ("comfort grils", "transposition"),
        ("comfort gitls", "typo"),
        ("Real Payment Funds", "plural and case"),
        ("real paymant fund", "typo in a long word"),
        ("reall payement fund", "two typos"),
        ("profiles himself", "inflection"),
        ("climbed in to prime minister", "split word is not a match"),
    ];
    for (text, why) in rows {
        let found = flagged(&matcher(GLOSSARY), text);
        if why == "split word is not a match" {
            assert!(found.is_empty(), "{why}: {text:?} gave {found:?}");
        } else {
            assert_eq!(found, [text], "{why}");
        }
    }
}

#[test]
fn fuzzy_negatives() {
    let rows = [
        ("comfortable girls", "a word four edits away"),
        ("the girls of comfort", "another order"),
        ("comfort the girls", "a word inserted"),
        ("climbed into the prime minister's car", "a word inserted"),
        ("a real fund for payment", "another order"),
        ("real, payment fund", "a comma between words"),
        ("comfort. Girls", "a sentence end between words"),
        ("comfort\n\ngirls", "a paragraph break between words"),
        (
            "discomfort girls",
            "a longer word containing the term's letters",
        ),
        ("profiled himselves", "too far from both words together"),
        ("profile itself", "a pronoun is matched only as itself"),
        ("give all of our", "a particle is matched only as itself"),
    ];
    for (text, why) in rows {
        assert!(
            flagged(&matcher(GLOSSARY), text).is_empty(),
            "{why}: {text:?} must not match"
        );
    }
}

#[test]
fn short_words_must_be_exact() {
    let csv = "term\nsupport vs\n";
    assert_flags(csv, "support vs", &["support vs"]);
    assert_flags(csv, "Support VS", &["Support VS"]);
    assert_clean(csv, "support us");
    assert_clean(csv, "support vsa");
}

#[test]
fn closed_class_words_match_only_themselves() {
    let csv = "term,suggestion\ngive * out,spend *\nprofile himself,present himself\n";
    // "out" and "our", "himself" and "itself": one and two edits apart,
    // within the allowance of their length, but other words of their class.
    assert_clean(csv, "we must give more of our time");
    assert_clean(csv, "we give all of our support");
    assert_clean(csv, "the chance to profile itself");
    // Case aside, the word itself still matches, and so do the open-class
    // words around it, by their allowance.
    assert_flags(csv, "they GIVE billions OUT", &["GIVE billions OUT"]);
    assert_flags(csv, "they gave billions out", &["gave billions out"]);
    assert_flags(csv, "to profiles himself", &["profiles himself"]);
    // The lists are per target language: a term for another target keeps
    // the allowance ("out" is no closed-class word of German).
    let de = "term,lang\ngive * out,en-de\n";
    assert_flags(de, "give all of our", &["give all of our"]);
}

#[test]
fn german_one_word_terms_need_a_similarity_of_nine_tenths() {
    let csv = "term,lang\nmöchten,en-de\njährigen,en-de\nherausgegebene,en-de\n";
    // One edit in a word of fewer than ten characters: another form.
    assert_clean(csv, "sie möchte das");
    assert_clean(csv, "ein jähriger");
    // One edit in fifteen characters, and the word itself, match.
    assert_flags(csv, "die herausgegebenen", &["herausgegebenen"]);
    assert_flags(csv, "Möchten Sie", &["Möchten"]);
    // An entry's own min_similarity rules over the floor.
    assert_flags(
        "term,min_similarity,lang\nmöchten,0.8,en-de\n",
        "sie möchte",
        &["möchte"],
    );
    // A term of two words keeps the default, and so does English.
    assert_flags(
        "term,lang\nsie möchten,en-de\n",
        "sie möchte",
        &["sie möchte"],
    );
    assert_flags("term\nsuburb\n", "the suburbs", &["suburbs"]);
}

#[test]
fn german_words_keep_their_initial() {
    let csv = "term,lang\nder Beginn,en-de\ndas managen,en-de\ndie Unordnung,en-de\n";
    // A noun's capital, a verb's small letter, a prefix's first letter.
    assert_clean(csv, "der beginnt");
    assert_clean(csv, "das Manager");
    assert_clean(csv, "die Anordnung");
    // Inflection keeps the initial; the term's first word may start a
    // sentence; the same word matches in any case.
    assert_flags(csv, "der Beginns", &["der Beginns"]);
    assert_flags(csv, "Das managten", &["Das managten"]);
    assert_flags(csv, "die unordnung", &["die unordnung"]);
    // Other target languages keep the edit allowance of the word's length.
    assert_flags("term\nthe Beginn\n", "the beginnt", &["the beginnt"]);
}

#[test]
fn capitals_match_only_capitals_unless_the_entry_says_any() {
    let csv = "term,suggestion\nsupport VS,US support\n";
    assert_flags(csv, "support VS", &["support VS"]);
    assert_flags(csv, "Support VS", &["Support VS"]);
    assert_clean(csv, "support vs");
    assert_clean(csv, "support Vs");
    // A fuzzy capitals word still takes its allowance, in capitals.
    assert_flags("term\nNATO summit\n", "NATA summit", &["NATA summit"]);
    assert_clean("term\nNATO summit\n", "Nato summit");
    // `case` = `any`: written in capitals, matched in any case.
    let any = "term,case\nsupport VS,any\n";
    assert_flags(any, "support vs", &["support vs"]);
    // One capital is how words start, not an acronym.
    assert_flags("term\nI profile\n", "i profile", &["i profile"]);
    // Exact terms alike.
    assert_clean("term,match\nthe US,exact\n", "give it to us");
    assert_flags("term,match\nthe US,exact\n", "The US", &["The US"]);
}

#[test]
fn gaps_take_one_to_three_words() {
    let csv = "term,suggestion\ngive * out,spend *\n";
    assert_flags(csv, "they give billions out", &["give billions out"]);
    assert_flags(
        csv,
        "they give many more billions out",
        &["give many more billions out"],
    );
    assert_clean(csv, "they give out");
    assert_clean(csv, "they give far too many billions out");
    assert_clean(csv, "they give billions. Out");
}

#[test]
fn exact_mode_is_case_insensitive_whole_words() {
    let csv = "term,match\nreal payment fund,exact\n";
    assert_flags(csv, "A Real-Payment Fund", &["Real-Payment Fund"]);
    assert_clean(csv, "real payment funds");
    assert_clean(csv, "real payment fundraiser");
}

#[test]
fn regex_mode_uses_raw_text() {
    let csv = "term,suggestion,match\n\\bthe vs\\b,the US,regex\n";
    assert_flags(csv, "Support from The vs is gone", &["The vs"]);
    assert_clean(csv, "the vsx");
}

#[test]
fn regex_suggestion_expands_groups() {
    let m = matcher("term,suggestion,match\n(\\w+) vs\\b,$1 US,regex\n");
    let doc = Document::new("t", "backing vs");
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(hits[0].suggestions, ["backing US"]);
}

#[test]
fn min_similarity_per_entry() {
    let strict = "term,min_similarity\nreal payment fund,0.99\n";
    assert_clean(strict, "real payment funds");
    assert_flags(strict, "Real payment fund", &["Real payment fund"]);
    let loose = "term,min_similarity\nreal payment fund,0.5\n";
    assert_flags(loose, "reel paiment funds", &["reel paiment funds"]);
}

#[test]
fn unless_drops_hits_in_matching_sentences() {
    let csv = "term,unless\ncomfort girls,\\bhistorian\n";
    assert_flags(
        csv,
        "The historian quoted 'comfort girls'. Comfort girls were victims.",
        &["Comfort girls"],
    );
}

#[test]
fn unless_reads_each_hit_its_own_sentence_on_long_lines() {
    // A paragraph per line and no blank line, then one long line: each
    // hit's sentence is still its own, whichever sentence another hit of
    // the same entry (or the same sentence) was judged by.
    let csv = "term,unless\ncomfort girls,\\bhistorian\nreal payment fund,\\bhistorian\n";
    let kept = "Comfort girls were victims. ";
    let dropped = "The historian said comfort girls and a real payment fund. ";
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(if i % 3 == 0 { dropped } else { kept });
        text.push('\n');
    }
    let long_line = format!("{}\n", [kept, dropped, kept].concat().repeat(300));
    for text in [text, long_line] {
        let found = flagged(&matcher(csv), &text);
        let expected = text.matches(kept).count();
        assert_eq!(found.len(), expected);
        assert!(found.iter().all(|f| f == "Comfort girls"), "{found:?}");
    }
}

/// One unit per segment, with the sources given.
fn units_of(segments: &[Segment], sources: &[&str]) -> Vec<crate::text::Unit> {
    segments
        .iter()
        .zip(sources)
        .enumerate()
        .map(|(i, (segment, source))| crate::text::Unit {
            id: None,
            span: segment.span,
            segments: i..i + 1,
            source: (*source).to_owned(),
            meta: crate::text::UnitMeta::default(),
        })
        .collect()
}

#[test]
fn source_term_entries_wait_for_bilingual_input() {
    let csv = "term,source_term\neventually,eventueel\n";
    assert_clean(csv, "We will eventually leave.");
    let m = matcher(csv);
    let text = "We will eventually leave. It will eventually rain.";
    let second = text.find("It").unwrap();
    let segments = vec![
        Segment {
            span: Span::new(0, second - 1),
            unit: Some(0),
        },
        Segment {
            span: Span::new(second, text.len()),
            unit: Some(1),
        },
    ];
    let mut doc = Document::with_segments("t", text, segments);
    doc.units = units_of(
        &doc.segments,
        &["We gaan eventueel weg.", "Het gaat uiteindelijk regenen."],
    );
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(hits.len(), 1, "only where the source says 'eventueel'");
    assert_eq!(&text[hits[0].span.range()], "eventually");
    assert!(hits[0].span.end < second);
}

#[test]
fn source_terms_are_judged_per_segment_with_many_hits() {
    // Segments whose sources alternate between holding the term and not,
    // each with many hits: every hit follows its own segment's source.
    let csv = "term,source_term\neventually,eventueel\n";
    let m = matcher(csv);
    let line = "It will eventually rain. ".repeat(50);
    let mut text = String::new();
    let mut segments = Vec::new();
    let mut sources = Vec::new();
    for n in 0..6 {
        let start = text.len();
        text.push_str(&line);
        segments.push(Segment {
            span: Span::new(start, text.len()),
            unit: Some(n),
        });
        sources.push(if n % 2 == 0 {
            "Het gaat eventueel regenen."
        } else {
            "Het gaat uiteindelijk regenen."
        });
        text.push('\n');
    }
    let mut doc = Document::with_segments("t", text, segments.clone());
    doc.units = units_of(&segments, &sources);
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(hits.len(), 3 * 50);
    for hit in &hits {
        let n = segments
            .iter()
            .position(|s| s.span.start <= hit.span.start && hit.span.end <= s.span.end)
            .unwrap();
        assert_eq!(n % 2, 0, "a hit in segment {n}");
    }
}

#[test]
fn segments_bound_windows_and_offsets() {
    let m = matcher(GLOSSARY);
    let text = "<p>comfort</p> <p>girls and comfort girls</p>";
    let a = text.find("comfort").unwrap();
    let b = text.find("girls").unwrap();
    let segments = vec![
        Segment {
            span: Span::new(a, a + 7),
            unit: None,
        },
        Segment {
            span: Span::new(b, text.len() - 4),
            unit: None,
        },
    ];
    let doc = Document::with_segments("t", text, segments);
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    let mut exhaustive = m.detect_exhaustive(&doc);
    exhaustive.sort_by_key(|h| h.span);
    hits.sort_by_key(|h| h.span);
    assert_eq!(hits, exhaustive);
    let found: Vec<&str> = hits.iter().map(|h| &text[h.span.range()]).collect();
    assert_eq!(found, ["comfort girls"], "no window across segments");
    assert_eq!(hits[0].span.start, text.rfind("comfort").unwrap());
}

#[test]
fn confidence_is_similarity() {
    let m = matcher(GLOSSARY);
    let doc = Document::new("t", "a chance to profiles himself as");
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(hits.len(), 1);
    let expected = strsim::normalized_damerau_levenshtein("profiles himself", "profile himself");
    assert!((hits[0].confidence - expected).abs() < 1e-12);
    assert!(hits[0].confidence < 1.0);
}

#[test]
fn suggestions_keep_case_and_gap_words() {
    let m = matcher(GLOSSARY);
    let doc = Document::new(
        "t",
        "COMFORT GIRLS. Real payment funds. They give money out.",
    );
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    hits.sort_by_key(|h| h.span);
    let suggestions: Vec<&str> = hits.iter().map(|h| h.suggestions[0].as_str()).collect();
    assert_eq!(
        suggestions,
        ["COMFORT WOMEN", "Reparations funds", "spend money"]
    );
}

#[test]
fn offsets_point_at_the_original_bytes() {
    let m = matcher(GLOSSARY);
    let text = "\u{feff}Über “Comfort girls”\r\nnext";
    let doc = Document::new("t", text);
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(&text[hits[0].span.range()], "Comfort girls");
    assert_eq!(doc.line_col(hits[0].span.start), (1, 7));
}

#[test]
fn source_terms_match_fuzzily_by_the_token_rules() {
    let words = |s: &str| super::normalized_words(s);
    let term = words("eventueel");
    assert!(super::contains_words(
        &words("de eventuele kosten"),
        &term,
        0.85
    ));
    assert!(super::contains_words(&words("EVENTUEEL"), &term, 0.85));
    assert!(!super::contains_words(&words("uiteindelijk"), &term, 0.85));
    let term = words("zich profileren");
    assert!(super::contains_words(
        &words("om zich te profileren"),
        &words("te profileren"),
        0.85
    ));
    assert!(!super::contains_words(
        &words("zich niet profileren"),
        &term,
        0.85
    ));
}

#[test]
fn entries_for_another_pair_stay_silent_on_a_declared_pair() {
    let csv = "term,lang\ncomfort girls,nl-en\n";
    let m = matcher(csv);
    let mut doc = Document::new("t", "Comfort girls");
    let mut hits = Vec::new();
    m.detect(&doc, &mut hits);
    assert_eq!(hits.len(), 1, "no pair declared: the entry applies");
    doc.lang = crate::text::Lang {
        source: Some("de".to_owned()),
        target: Some("en".to_owned()),
    };
    hits.clear();
    m.detect(&doc, &mut hits);
    assert!(hits.is_empty());
}

mod chunks {
    use super::*;
    use proptest::prelude::*;

    /// Text of glossary words, punctuation, line ends of every kind and
    /// blank lines, with words that are not ASCII.
    fn text() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "comfort", "girls", "Comfort", "grils", "real", "payment", "fund", "give", "billions",
            "out", "café", " ", " ", " ", "\t", "-", "/", ".", ",", ";", ":", "!", "?", "\n",
            "\r\n", "\n\n", "\n \n", "e.g.", "3.5", "\u{a0}", "\u{301}", "日本",
        ];
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn chunks_find_what_the_whole_finds(text in text(), size in 1usize..40) {
            let m = matcher(GLOSSARY);
            let whole = Span::new(0, text.len());
            let chunks = match_chunks(&text, whole, size);
            prop_assert_eq!(chunks.first().map(|c| c.start), Some(0));
            prop_assert_eq!(chunks.last().map(|c| c.end), Some(text.len()));
            for pair in chunks.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
                prop_assert!(pair[0].start < pair[0].end);
            }
            let mut words = 0;
            let mut found = Vec::new();
            for c in &chunks {
                let (matches, n) = m.index.find_counting(&text[c.range()]);
                words += n;
                found.extend(matches.into_iter().map(|w| w.shifted(c.start)));
            }
            let (expected, n) = m.index.find_counting(&text);
            prop_assert_eq!(found, expected);
            prop_assert_eq!(words, n);
        }
    }

    #[test]
    fn a_paragraph_per_line_is_cut_at_its_lines() {
        let text = "Comfort girls were here.\nThe real payment fund, he said.\n".repeat(1000);
        let chunks = match_chunks(&text, Span::new(0, text.len()), 4096);
        assert!(chunks.len() > 10, "{}", chunks.len());
        assert!(chunks.iter().all(|c| c.len() < 4096 + 64));
        // One long line of sentences too.
        let line = text.replace('\n', " ");
        assert!(match_chunks(&line, Span::new(0, line.len()), 4096).len() > 10);
        // Nowhere to cut: one piece.
        let words = "comfort girls ".repeat(1000);
        assert_eq!(
            match_chunks(&words, Span::new(0, words.len()), 4096).len(),
            1
        );
    }
}

#[test]
fn long_words_of_repeated_letters_match_as_other_words_do() {
    // Words whose deletions repeat one another hundreds of times, at the
    // longest a glossary allows, found within their edit bound, by the
    // index as by the exhaustive search.
    let a = "a".repeat(60);
    let ab = "ab".repeat(30);
    let m = matcher(&format!("id,term\nx,{a}\ny,{ab} word\n"));
    let one_less = "a".repeat(59);
    let swapped = format!("{}ba word", "ab".repeat(29));
    let text = format!(
        "It says {one_less} here, and {swapped}. Not {}.",
        "a".repeat(57)
    );
    assert_eq!(flagged(&m, &text), [one_less, swapped]);
}

#[test]
fn many_regex_entries_screened_by_one_set_find_what_each_finds_alone() {
    // From REGEX_SET_FROM entries on, a set says which expressions match a
    // paragraph at all; the hits must be those of each entry on its own.
    let patterns = [
        r"\bcolou?r\b",
        r"(?-i)Javascript",
        r"na[iï]ve",
        r"\bteh\b",
        r"\d+ ?%",
        r"\bvs\b",
        r"give \w+ out",
        r"\bthe the\b",
        r"é+t[ée]",
        r"\bco-?operate\b",
        r"e-?mail",
        r"\bwhich\b",
        r"\s,",
        r"\bits'",
        r"\b[A-Z]{2,}s\b",
        r"irregardless",
        r"\bcould of\b",
        r"\balot\b",
    ];
    let rows: String = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| format!("r{i},\"{}\",regex\n", p.replace('"', "\"\"")))
        .collect();
    let csv = format!("id,term,match\n{rows}");
    let text = "The colour and color of Javascript (not JavaScript) is naïve, naive.\n\n\
                Teh report said 50 % and 7%: support vs the the été APIs.\n\
                We co-operate by e-mail , which its' irregardless alot could of.\n\n\
                Nothing here at all.";
    let all = matcher(&csv);
    assert!(all.regex_set.is_some());
    let together = flagged(&all, text);
    let mut alone: Vec<(usize, String)> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        let one = matcher(&format!(
            "id,term,match\nr{i},\"{}\",regex\n",
            p.replace('"', "\"\"")
        ));
        assert!(one.regex_set.is_none());
        let doc = Document::new("t.txt", text);
        let mut hits = Vec::new();
        one.detect(&doc, &mut hits);
        alone.extend(
            hits.iter()
                .map(|h| (h.span.start, text[h.span.range()].to_owned())),
        );
    }
    alone.sort();
    let doc = Document::new("t.txt", text);
    let mut hits = Vec::new();
    all.detect(&doc, &mut hits);
    let mut both: Vec<(usize, String)> = hits
        .iter()
        .map(|h| (h.span.start, text[h.span.range()].to_owned()))
        .collect();
    both.sort();
    assert_eq!(both, alone);
    assert!(together.len() > 15, "{together:?}");
}

#[test]
fn a_target_language_alone_fires_whatever_the_source() {
    let key = |s: Option<&str>, t: Option<&str>| (s.map(str::to_owned), t.map(str::to_owned));
    // `en`: English wordings, wrong in English from any source.
    assert!(super::lang_allows(Some("en"), false, &key(None, None)));
    assert!(super::lang_allows(
        Some("en"),
        false,
        &key(Some("fr"), Some("en"))
    ));
    assert!(super::lang_allows(
        Some("en"),
        false,
        &key(Some("de"), None)
    ));
    // ... and right in the languages they come from.
    assert!(!super::lang_allows(
        Some("en"),
        false,
        &key(Some("en"), Some("fr"))
    ));
    assert!(!super::lang_allows(
        Some("en"),
        false,
        &key(None, Some("da"))
    ));
    // A pair still needs both sides.
    assert!(!super::lang_allows(
        Some("nl-en"),
        false,
        &key(Some("de"), Some("en"))
    ));
}

#[test]
fn the_built_in_english_entries_stay_silent_on_other_targets() {
    let glossary = crate::glossary::Glossary::defaults().unwrap();
    let matcher = GlossaryMatcher::new(&glossary, MatchOptions::default());
    let text = "Les informations sont ici.";
    let mut doc = Document::new("fr.txt", text.to_owned());
    let fired = |doc: &Document| {
        let mut out = Vec::new();
        matcher.detect_counting(doc, &mut out);
        out.iter().any(|h| h.rule.id == "glossary:en-informations")
    };
    assert!(fired(&doc), "no language known: the entry fires");
    doc.lang.target = Some("fr".to_owned());
    assert!(!fired(&doc), "a French target: it does not");
}
