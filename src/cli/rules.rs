//! `mtlint rules`.

use super::*;

pub(super) fn run(args: &RulesArgs) -> Result<u8, Stop> {
    let glossary = load_glossary(&args.glossary)?;
    let mut rows: Vec<[String; 6]> = vec![[
        "RULE".into(),
        "CATEGORY".into(),
        "SEVERITY".into(),
        "MATCH".into(),
        "TERM → SUGGESTION".into(),
        "DEFINED AT".into(),
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
            e.mode.as_str().to_owned(),
            term,
            e.origin.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..6)
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
