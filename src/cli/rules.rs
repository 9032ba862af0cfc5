//! `mtlint rules`: every rule, glossary entries first (in load order), then
//! the heuristics and the source-aware checks, with whether each is on by default and whether it is in
//! force with the given `--enable`/`--disable`, and the languages each
//! serves (a detector's target languages, a glossary entry's pair).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::args::RulesArgs;
use super::settings::load_glossary;
use super::{EXIT_PASS, Error};
use crate::glossary::Pattern;
use crate::matcher::heuristics;
use crate::matcher::{DEFAULT_MIN_SIMILARITY, Detector};

pub(super) fn run(args: &RulesArgs) -> Result<u8, Error> {
    let glossary = load_glossary(&args.glossary)?;
    let selection = args.glossary.rules.selection();
    let on_off = |on: bool| if on { "on" } else { "off" }.to_owned();
    let mut rows: Vec<[String; 9]> = vec![[
        "RULE".into(),
        "CATEGORY".into(),
        "SEVERITY".into(),
        "DEFAULT".into(),
        "NOW".into(),
        "MATCH".into(),
        "TERM → SUGGESTION".into(),
        "DEFINED AT".into(),
        "LANGUAGES".into(),
    ]];
    for e in &glossary.entries {
        let mut term = match &e.pattern {
            Pattern::Regex(_) => format!("/{}/", e.term),
            Pattern::Words(_) => e.term.clone(),
        };
        if !e.suggestions.is_empty() {
            let _ = write!(term, " → {}", e.suggestions.join(" | "));
        }
        if let Some(source) = &e.source_term {
            let _ = write!(term, " (source: {source})");
        }
        rows.push([
            e.rule.id.clone(),
            e.rule.category.to_string(),
            e.rule.severity.to_string(),
            on_off(true),
            on_off(selection.is_on(&e.rule.id, true)),
            e.mode.as_str().to_owned(),
            term,
            e.origin.to_string(),
            e.lang.clone().unwrap_or_else(|| "any".to_owned()),
        ]);
    }
    for h in heuristics::all() {
        let info = h.info();
        rows.push([
            info.id.to_owned(),
            info.category.to_string(),
            info.severity.to_string(),
            on_off(info.on_by_default),
            on_off(selection.is_on(info.id, info.on_by_default)),
            "heuristic".to_owned(),
            info.note.to_owned(),
            "built in".to_owned(),
            info.targets.describe(),
        ]);
    }
    // The source-aware checks, which fire only on bilingual input.
    let bilingual = crate::matcher::bilingual::Bilingual::new(Vec::new(), DEFAULT_MIN_SIMILARITY)
        .with_untranslated_units()
        .with_doubled_spaces();
    let run_wide = crate::matcher::bilingual::consistency::rules();
    for rule in bilingual.rules().into_iter().chain(run_wide) {
        let by_default = crate::matcher::bilingual::on_by_default(&rule.id);
        rows.push([
            rule.id.clone(),
            rule.category.to_string(),
            rule.severity.to_string(),
            on_off(by_default),
            on_off(selection.is_on(&rule.id, by_default)),
            "bilingual".to_owned(),
            rule.note.clone(),
            "built in".to_owned(),
            "any".to_owned(),
        ]);
    }
    // Terms, notes and ids come from glossaries a repository may hold: a
    // control character in them must not act on the terminal.
    for row in &mut rows {
        for cell in row.iter_mut() {
            if let std::borrow::Cow::Owned(shown) = crate::report::escape::visible(cell) {
                *cell = shown;
            }
        }
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(EXIT_PASS)
}
