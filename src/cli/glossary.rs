//! `mtlint glossary ...`.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{EXIT_ERROR, EXIT_PASS, Error, Fatal, error_line, write_atomically};
use clap::ValueEnum;

use super::args::parse_unit;
use crate::check::apply_entry;
use crate::glossary::{Glossary, GlossaryError};
use crate::matcher::{DEFAULT_MIN_SIMILARITY, Detector, GlossaryMatcher, Hit, MatchOptions};
use crate::text::Document;

/// `mtlint glossary check`: every problem in one pass. The rows that load
/// are checked further (examples, suggestions other entries flag) in the
/// same run as the syntax of the others, and all problems are printed
/// together, file by file in line order.
pub(super) fn run_check(files: &[PathBuf], min_similarity: f64) -> Result<u8, Error> {
    let (glossary, mut problems) = if files.is_empty() {
        match Glossary::defaults() {
            Ok(g) => (g, Vec::new()),
            Err(errors) => (Glossary::default(), errors),
        }
    } else {
        Glossary::default().load_paths_with_errors(files)
    };
    let options = MatchOptions {
        min_similarity,
        ignore_source_terms: true,
    };
    let whole = GlossaryMatcher::from_entries(glossary.entries.clone(), options);
    let mut examples = 0;
    let mut fixes = 0;
    for entry in &glossary.entries {
        let at = &entry.origin;
        if let Some(example) = &entry.example {
            examples += 1;
            let alone = GlossaryMatcher::from_entries(vec![entry.clone()], options);
            let mut hits = Vec::new();
            let doc = Document::new("example", example.as_str());
            alone.detect(&doc, &mut hits);
            if let Some(fixed) = &entry.fixed {
                fixes += 1;
                let got = apply_entry(&doc, alone);
                if got != *fixed {
                    let message = format!(
                        "applying entry `{}` to its example gives `{got}`, not the `fixed` sentence `{fixed}`",
                        entry.id
                    );
                    problems.push(match at.places.fixed {
                        Some(place) => GlossaryError::at(&at.file, place, "fixed", message),
                        None => GlossaryError::new(&at.file, Some(at.line), message),
                    });
                }
            }
            if hits.is_empty() {
                let message = format!(
                    "the example does not trigger entry `{}` (term `{}`)",
                    entry.id, entry.term
                );
                problems.push(match at.places.example {
                    Some(place) => GlossaryError::at(&at.file, place, "example", message),
                    None => GlossaryError::new(&at.file, Some(at.line), message),
                });
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
                let message = format!(
                    "`{suggestion}` is itself flagged by entry `{}` ({}); fixing would leave a finding",
                    other.id, other.origin
                );
                problems.push(match at.places.suggestion {
                    Some(place) => GlossaryError::at(&at.file, place, "suggestion", message),
                    None => GlossaryError::new(&at.file, Some(at.line), message),
                });
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
            "ok: {} entr{} in {} file{}, {examples} example{} trigger{} {}{}",
            glossary.entries.len(),
            if glossary.entries.len() == 1 {
                "y"
            } else {
                "ies"
            },
            files_seen.len(),
            if files_seen.len() == 1 { "" } else { "s" },
            if examples == 1 { "" } else { "s" },
            if examples == 1 { "s" } else { "" },
            if examples == 1 {
                "its entry"
            } else {
                "their entries"
            },
            match fixes {
                0 => String::new(),
                1 => ", 1 fix reads as its `fixed` sentence".to_owned(),
                n => format!(", {n} fixes read as their `fixed` sentences"),
            },
        )?;
        Ok(EXIT_PASS)
    } else {
        // File by file, in the order the files first come up, and by
        // line and column within each.
        let mut files: Vec<&str> = Vec::new();
        for p in &problems {
            if !files.contains(&p.file.as_str()) {
                files.push(&p.file);
            }
        }
        let file_order = |p: &GlossaryError| files.iter().position(|&f| f == p.file);
        let mut sorted: Vec<&GlossaryError> = problems.iter().collect();
        sorted.sort_by_key(|p| (file_order(p), p.line, p.column));
        for p in sorted {
            error_line(&p.to_string());
        }
        Ok(EXIT_ERROR)
    }
}

/// Where an import reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ImportFormat {
    /// MQM annotation exports (TSV with `<v>…</v>` spans; `.gz`, `.tar.gz`).
    Mqm,
    /// TBX termbases: deprecated and superseded terms.
    Tbx,
    /// Vale `substitution` rules (YAML `swap` maps).
    Vale,
    /// prh dictionaries (YAML `rules` with `expected` and `pattern(s)`).
    Prh,
    /// CSV term lists with a `term` column (other tools, spreadsheets).
    Csv,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The format of the input files.
    #[arg(long = "from", value_enum)]
    format: ImportFormat,
    /// Input files (`.gz` and `.tar.gz` are read too).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Write the glossary here (replaced whole) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT.csv")]
    output: Option<PathBuf>,
    /// Language pair written into every entry (e.g. en-de).
    #[arg(long, value_name = "PAIR")]
    lang: Option<String>,
    /// The fuzzy similarity the glossary will be checked with (mqm: learned
    /// precision is measured with it).
    #[arg(long, value_name = "X", default_value_t = DEFAULT_MIN_SIMILARITY, value_parser = parse_unit)]
    min_similarity: f64,
    /// mqm: least number of times a wording was flagged.
    #[arg(long, value_name = "N", default_value_t = 2, help_heading = "MQM")]
    min_count: usize,
    /// mqm: least number of documents a wording was flagged in.
    #[arg(long, value_name = "N", default_value_t = 1, help_heading = "MQM")]
    min_docs: usize,
    /// mqm: least share of a wording's occurrences in the annotated
    /// translations that reviewers flagged.
    #[arg(long, value_name = "X", default_value_t = 0.4, value_parser = parse_unit, help_heading = "MQM")]
    min_precision: f64,
    /// mqm: longest flagged span learned, in words.
    #[arg(long, value_name = "N", default_value_t = 6, help_heading = "MQM")]
    max_words: usize,
    /// mqm: learn only from this document (repeatable).
    #[arg(long = "doc", value_name = "NAME", help_heading = "MQM")]
    docs: Vec<String>,
    /// mqm: learn only from the documents listed in FILE, one per line.
    #[arg(long, value_name = "FILE", help_heading = "MQM")]
    docs_file: Option<PathBuf>,
    /// mqm: leave out this system's rows, such as a human reference
    /// (repeatable).
    #[arg(long = "skip-system", value_name = "NAME", help_heading = "MQM")]
    skip_systems: Vec<String>,
    /// mqm: give a wording that is imprecise on its own the source word
    /// that makes it precise, as its source_term (bilingual input only).
    #[arg(long, help_heading = "MQM")]
    source_terms: bool,
    /// tbx: the language whose deprecated terms become entries [default:
    /// the only one that has any].
    #[arg(long, value_name = "LANG", help_heading = "TBX")]
    target_lang: Option<String>,
    /// tbx: the language whose term becomes the source_term [default: the
    /// termbase's xml:lang].
    #[arg(long, value_name = "LANG", help_heading = "TBX")]
    source_lang: Option<String>,
    /// The most bytes read from all inputs, after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = crate::import::Limits::default().max_bytes, help_heading = "Limits")]
    max_bytes: u64,
    /// The most bytes a gzip input may give per compressed byte.
    #[arg(long, value_name = "N", default_value_t = crate::import::Limits::default().max_ratio, help_heading = "Limits")]
    max_ratio: u64,
    /// The most files a tar archive may hold.
    #[arg(long, value_name = "N", default_value_t = crate::import::Limits::default().max_files, help_heading = "Limits")]
    max_files: usize,
}

pub(super) fn run_import(args: &ImportArgs) -> Result<u8, Error> {
    use crate::import::{self, mqm};

    if let Some(lang) = &args.lang
        && !crate::glossary::is_lang_pair(&lang.to_ascii_lowercase())
    {
        return Err(Fatal(format!(
            "--lang `{lang}` is not a language pair such as `en-de`"
        )));
    }
    let lang = args.lang.as_ref().map(|l| l.to_ascii_lowercase());
    let fail = |e: import::ImportError| Fatal(e.to_string());
    let mut limits = import::Limits {
        max_bytes: args.max_bytes,
        max_ratio: args.max_ratio,
        max_files: args.max_files,
    };
    let mut inputs = Vec::new();
    for path in &args.files {
        let read = import::read_inputs(path, &limits).map_err(fail)?;
        // The byte limit is for the run, not for each file.
        let used: u64 = read.iter().map(|i| i.bytes.len() as u64).sum();
        limits.max_bytes = limits.max_bytes.saturating_sub(used);
        inputs.extend(read);
    }
    let (entries, mut skipped, prefix) = match args.format {
        ImportFormat::Mqm => {
            let mut docs: Vec<String> = args.docs.clone();
            if let Some(file) = &args.docs_file {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| Fatal(format!("{}: cannot read: {e}", file.display())))?;
                docs.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_owned),
                );
            }
            let options = mqm::Options {
                min_count: args.min_count,
                min_docs: args.min_docs,
                min_precision: args.min_precision,
                max_words: args.max_words,
                min_similarity: args.min_similarity,
                docs: (!docs.is_empty() || args.docs_file.is_some())
                    .then(|| docs.into_iter().collect()),
                skip_systems: args.skip_systems.iter().cloned().collect(),
                source_terms: args.source_terms,
                lang: lang.clone(),
            };
            let learned = mqm::learn(&inputs, &options).map_err(fail)?;
            let mut err = io::stderr().lock();
            writeln!(
                err,
                "mtlint: read {} annotation rows, {} distinct translations, {} flagged wordings",
                learned.rows, learned.segments, learned.candidates
            )?;
            (learned.entries, learned.skipped, "mqm")
        }
        ImportFormat::Tbx => {
            let options = import::tbx::Options {
                target_lang: args.target_lang.clone(),
                source_lang: args.source_lang.clone(),
                lang: lang.clone(),
            };
            let (entries, skipped) = import::tbx::convert(&inputs, &options).map_err(fail)?;
            (entries, skipped, "tbx")
        }
        ImportFormat::Vale => {
            let (entries, skipped) =
                import::vale::convert(&inputs, lang.as_deref()).map_err(fail)?;
            (entries, skipped, "vale")
        }
        ImportFormat::Prh => {
            let (entries, skipped) =
                import::prh::convert(&inputs, lang.as_deref()).map_err(fail)?;
            (entries, skipped, "prh")
        }
        ImportFormat::Csv => {
            let (entries, skipped) =
                import::termlist::convert(&inputs, lang.as_deref()).map_err(fail)?;
            (entries, skipped, "csv")
        }
    };
    let (bytes, written) =
        import::write_glossary(entries, prefix, args.min_similarity, &mut skipped);
    match &args.output {
        Some(path) => write_atomically(path, &bytes)?,
        None => io::stdout().lock().write_all(&bytes)?,
    }
    let mut err = io::stderr().lock();
    let target = args
        .output
        .as_ref()
        .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    writeln!(err, "mtlint: wrote {written} entries to {target}")?;
    // Reasons and places name what the inputs hold (an archive member, a
    // wording): a control character in them must not reach the terminal.
    let shown = crate::text::visible;
    for (reason, n, at) in skipped.iter() {
        match at {
            Some(at) => writeln!(
                err,
                "mtlint: skipped {n}: {} (first: {})",
                shown(reason),
                shown(at)
            )?,
            None => writeln!(err, "mtlint: skipped {n}: {}", shown(reason))?,
        }
    }
    Ok(EXIT_PASS)
}
