//! `mtlint glossary ...`.

use super::*;

pub(super) fn run_check(files: &[PathBuf], min_similarity: f64) -> Result<u8, Stop> {
    let glossary = if files.is_empty() {
        Glossary::defaults()
    } else {
        Glossary::default().load_paths(files)
    };
    let glossary = match glossary {
        Ok(g) => g,
        Err(errors) => {
            for e in &errors {
                error_line(&e.to_string());
            }
            return Ok(EXIT_ERROR);
        }
    };
    let options = MatchOptions {
        min_similarity,
        ignore_source_terms: true,
    };
    let mut problems = Vec::new();
    let whole = GlossaryMatcher::from_entries(glossary.entries.clone(), options);
    let mut examples = 0;
    for entry in &glossary.entries {
        let at = &entry.origin;
        if let Some(example) = &entry.example {
            examples += 1;
            let alone = GlossaryMatcher::from_entries(vec![entry.clone()], options);
            let mut hits = Vec::new();
            alone.detect(&Document::new("example", example.as_str()), &mut hits);
            if hits.is_empty() {
                problems.push(format!(
                    "{at}: column `example`: the example does not trigger entry `{}` (term `{}`)",
                    entry.id, entry.term
                ));
            }
        }
        for suggestion in &entry.suggestions {
            // A suggestion that another entry flags would leave a finding
            // after `fix`, and `fix` would never settle.
            let text = suggestion.replace('*', "things");
            let mut hits: Vec<Hit> = Vec::new();
            whole.detect(&Document::new("suggestion", text.as_str()), &mut hits);
            // An entry with a source term fires only where the source says
            // that term, which is not what made this entry fire: a
            // conflict only with an entry caused by the same source term.
            let other = hits.iter().find_map(|hit| {
                let other = whole
                    .entries()
                    .iter()
                    .find(|e| e.rule.id == hit.rule.id)
                    .expect("hits come from entries");
                let conditional =
                    other.source_term.is_some() && other.source_term != entry.source_term;
                (!conditional).then_some(other)
            });
            if let Some(other) = other {
                problems.push(format!(
                    "{at}: column `suggestion`: `{suggestion}` is itself flagged by entry `{}` ({}); fixing would leave a finding",
                    other.id, other.origin
                ));
            }
        }
    }
    if problems.is_empty() {
        let mut files_seen: Vec<&str> = glossary
            .entries
            .iter()
            .map(|e| e.origin.file.as_str())
            .collect();
        files_seen.dedup();
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "ok: {} entries in {} file{}, {examples} example{} trigger their entries",
            glossary.entries.len(),
            files_seen.len(),
            if files_seen.len() == 1 { "" } else { "s" },
            if examples == 1 { "" } else { "s" },
        )?;
        Ok(EXIT_PASS)
    } else {
        for p in &problems {
            error_line(p);
        }
        Ok(EXIT_ERROR)
    }
}
