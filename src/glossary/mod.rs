//! The glossary stage: known mistranslations as translators keep them (CSV),
//! parsed and validated into [`Entry`]s.
//!
//! This module owns the glossary format and its validation; turning entries
//! into a matcher is the matcher's job. Every error names the file, the line
//! and column where the field starts (`g.csv:3:9:`, as an editor jumps to
//! it), the column's number and header name (`column 2 `severity``, as a
//! spreadsheet shows it), and says what is wrong, so a translator can fix
//! the spreadsheet without reading code.

pub mod lang;
mod load;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use crate::rule::Rule;

pub use load::{COLUMNS, MAX_WORD_CHARS, is_lang_pair, parse_csv};

/// The glossaries compiled into the binary: `(file name, contents)`.
pub const DEFAULT_GLOSSARIES: &[(&str, &str)] = &[
    ("en.csv", include_str!("../../glossary/en.csv")),
    ("nl-en.csv", include_str!("../../glossary/nl-en.csv")),
    ("de-en.csv", include_str!("../../glossary/de-en.csv")),
    ("fr-en.csv", include_str!("../../glossary/fr-en.csv")),
    ("es-en.csv", include_str!("../../glossary/es-en.csv")),
];

/// How an entry's term is compared with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// Word by word within a few edits, and similar enough as a whole.
    Fuzzy,
    /// The same words in their normal form (case-insensitive, whole words).
    Exact,
    /// A regular expression over the raw text (case-insensitive unless the
    /// pattern says `(?-i)`).
    Regex,
}

impl MatchMode {
    /// The name used in the `match` column.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchMode::Fuzzy => "fuzzy",
            MatchMode::Exact => "exact",
            MatchMode::Regex => "regex",
        }
    }
}

/// One part of a fuzzy or exact term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermPart {
    /// A word, in its normal form (see [`crate::text::normalize_word`]).
    Word(String),
    /// `*`: one to three words of any kind.
    Gap,
}

/// What an entry's term compiles to.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// The words and gaps of a `fuzzy` or `exact` term; never starts or ends
    /// with a gap, never has two gaps in a row.
    Words(Vec<TermPart>),
    /// The compiled expression of a `regex` term.
    Regex(Regex),
}

/// Where an entry was written: for error messages and `mtlint rules`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The glossary file as the user named it (or `<default>/nl-en.csv`).
    pub file: String,
    /// 1-based line of the entry's row.
    pub line: usize,
    /// Where the fields that checks after loading name are (duplicate ids,
    /// suggestions another entry flags, examples that do not trigger).
    pub places: Places,
}

/// Where a field of a glossary file starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1-based line (a quoted field may hold line breaks, so a field need
    /// not be on its row's first line).
    pub line: u32,
    /// 1-based column in the line, in characters.
    pub column: u32,
    /// 1-based number of the field in its row: the spreadsheet's column.
    pub field: u32,
}

/// The places of an entry's fields that are checked once every entry is
/// loaded; `None` for a column the file does not have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Places {
    /// The `id` field.
    pub id: Option<Place>,
    /// The `term` field.
    pub term: Option<Place>,
    /// The `suggestion` field.
    pub suggestion: Option<Place>,
    /// The `example` field.
    pub example: Option<Place>,
    /// The `fixed` field.
    pub fixed: Option<Place>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One known mistranslation.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The rule this entry reports as (`glossary:<id>`).
    pub rule: Arc<Rule>,
    /// The entry id without the `glossary:` namespace.
    pub id: String,
    /// The term as written in the glossary.
    pub term: String,
    /// The compiled term.
    pub pattern: Pattern,
    /// How the term is compared.
    pub mode: MatchMode,
    /// Correct wordings, preferred first; empty means flag only. In a term
    /// with gaps, each `*` stands for the words the gap matched.
    pub suggestions: Vec<String>,
    /// The alternative `fix` applies on its own: the only one, or the one
    /// marked with a leading `!`; `None` when a person must choose.
    pub fix: Option<usize>,
    /// The least similarity of a fuzzy hit, if the entry sets its own.
    pub min_similarity: Option<f64>,
    /// Drops a hit when it matches the sentence around it.
    pub unless: Option<Regex>,
    /// Source-language wording: the entry fires only on bilingual input
    /// whose aligned source contains it.
    pub source_term: Option<String>,
    /// Language pair such as `nl-en`; `None` for any pair.
    pub lang: Option<String>,
    /// A sentence that must trigger this entry.
    pub example: Option<String>,
    /// The example as it must read once `fix` has applied the entry.
    pub fixed: Option<String>,
    /// The `case` column says `any`: the term's all-capitals words match
    /// text in any case, as its other words do. Otherwise an all-capitals
    /// word (an acronym such as `US`) matches only all-capitals text.
    pub any_case: bool,
    /// Where the entry was written.
    pub origin: Origin,
}

impl Entry {
    /// The normalized words of a fuzzy or exact term, gaps left out; empty
    /// for a regex term.
    pub fn words(&self) -> Vec<String> {
        match &self.pattern {
            Pattern::Words(parts) => parts
                .iter()
                .filter_map(|p| match p {
                    TermPart::Word(w) => Some(w.clone()),
                    TermPart::Gap => None,
                })
                .collect(),
            Pattern::Regex(_) => Vec::new(),
        }
    }
}

/// Whether `word` is written in capitals: at least two letters, none of
/// them lowercase (`US`, `NATO`, `COVID-19`'s `COVID`). One capital alone
/// (`I`, a sentence's `A`) is not: that is how ordinary words start.
pub fn is_all_capitals(word: &str) -> bool {
    let mut capitals = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        capitals += usize::from(c.is_uppercase());
    }
    capitals >= 2
}

/// Loaded and validated glossary entries, in load order.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The entries; their order is the overlap tie-breaker.
    pub entries: Vec<Entry>,
}

/// A problem in a glossary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryError {
    /// The glossary file.
    pub file: String,
    /// 1-based line, where one applies.
    pub line: Option<usize>,
    /// 1-based column in the line, in characters, where one applies.
    pub column: Option<usize>,
    /// The field the problem is in, where one applies: its 1-based number
    /// in the row (the spreadsheet's column) and its header name.
    pub field: Option<(usize, String)>,
    /// What is wrong.
    pub message: String,
}

impl GlossaryError {
    /// A problem of the whole file (or of a row, at `line`), in no field.
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            file: file.to_owned(),
            line,
            column: line.map(|_| 1),
            field: None,
            message: message.into(),
        }
    }

    /// A problem in the field at `place`, headed `name`.
    pub fn at(file: &str, place: Place, name: &str, message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            file: file.to_owned(),
            line: Some(place.line as usize),
            column: Some(place.column as usize),
            field: Some((place.field as usize, name.to_owned())),
            message: message.into(),
        }
    }
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        // Messages and header names quote the file, and a quoted CSV field
        // may hold line breaks.
        if let Some((number, name)) = &self.field {
            // A header is the file's first line: from a file that is no
            // glossary, it may be anything, so only a short, escaped
            // excerpt of it is ever printed.
            write!(f, "column {number} `{}`: ", crate::text::excerpt(name, 40))?;
        }
        write!(f, "{}", crate::text::OneLine(&self.message))
    }
}

impl std::error::Error for GlossaryError {}

impl Glossary {
    /// Loads the compiled-in default glossaries.
    ///
    /// # Errors
    ///
    /// Only if a shipped glossary is broken, which the test suite rules out.
    pub fn defaults() -> Result<Glossary, Vec<GlossaryError>> {
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        for (name, content) in DEFAULT_GLOSSARIES {
            let file = format!("<default>/{name}");
            glossary.add_csv(&file, Some(name), content.as_bytes(), &mut errors);
        }
        finish(glossary, errors)
    }

    /// Loads glossary files and folders (every `*.csv` inside a folder, in
    /// name order) after the entries already loaded.
    ///
    /// # Errors
    ///
    /// Every problem found, each naming file, line and column: unreadable
    /// files, bad headers, bad values, duplicate ids (also across files).
    pub fn load_paths(self, paths: &[PathBuf]) -> Result<Glossary, Vec<GlossaryError>> {
        let (glossary, errors) = self.load_paths_with_errors(paths);
        if errors.is_empty() {
            Ok(glossary)
        } else {
            Err(errors)
        }
    }

    /// Loads glossary files and folders as [`Glossary::load_paths`] does,
    /// giving back the entries that are valid together with every problem
    /// found, so that checks of the entries (examples, conflicts) can run
    /// in the same pass as the syntax is checked.
    pub fn load_paths_with_errors(mut self, paths: &[PathBuf]) -> (Glossary, Vec<GlossaryError>) {
        let mut errors = Vec::new();
        for path in paths {
            for file in expand_path(path, &mut errors) {
                let name = file.display().to_string();
                match read_glossary_file(&file) {
                    Ok(bytes) => {
                        let file_name = file.file_name().and_then(|n| n.to_str());
                        self.add_csv(&name, file_name, &bytes, &mut errors);
                    }
                    Err(message) => errors.push(GlossaryError::new(&name, None, message)),
                }
            }
        }
        duplicate_ids(&self, &mut errors);
        (self, errors)
    }

    /// Parses one CSV glossary and appends its entries; problems go to
    /// `errors`. `file_name` supplies the language pair of entries that name
    /// none, when the file is named like `nl-en.csv`.
    pub fn add_csv(
        &mut self,
        file: &str,
        file_name: Option<&str>,
        bytes: &[u8],
        errors: &mut Vec<GlossaryError>,
    ) {
        let pair = file_name
            .and_then(|n| n.strip_suffix(".csv"))
            .filter(|stem| load::is_lang_pair(stem));
        let first_order = self.entries.len();
        let entries = parse_csv(file, bytes, pair, first_order, errors);
        // The first glossary's entries are taken as they are: appending
        // 100,000 of them to an empty list would copy them all.
        if self.entries.is_empty() {
            self.entries = entries;
        } else {
            self.entries.extend(entries);
        }
    }

    /// Keeps only the entries for language pair `pair`, those for its
    /// target language alone, and those with none.
    pub fn retain_lang(&mut self, pair: &str) {
        let target = pair.split_once('-').map_or(pair, |(_, t)| t);
        self.entries.retain(|e| {
            e.lang
                .as_deref()
                .is_none_or(|l| l.eq_ignore_ascii_case(pair) || l.eq_ignore_ascii_case(target))
        });
    }
}

/// Adds an error for each entry whose id an earlier entry has (in any
/// file): at its `id` field, or its `term` when the id was made of it.
fn duplicate_ids(glossary: &Glossary, errors: &mut Vec<GlossaryError>) {
    let mut seen: HashMap<&str, &Origin> = HashMap::new();
    for entry in &glossary.entries {
        if let Some(first) = seen.insert(&entry.id, &entry.origin) {
            let at = &entry.origin;
            let message = format!(
                "duplicate id `{}` (first used at {first}); give one of them another `id`",
                entry.id
            );
            errors.push(match (at.places.id, at.places.term) {
                (Some(place), _) => GlossaryError::at(&at.file, place, "id", message),
                (None, Some(place)) => GlossaryError::at(
                    &at.file,
                    place,
                    "term",
                    format!("{message} (the id is made of the term)"),
                ),
                (None, None) => GlossaryError::new(&at.file, Some(at.line), message),
            });
        }
    }
}

/// Checks what holds across files (unique ids) and hands back the result.
fn finish(
    glossary: Glossary,
    mut errors: Vec<GlossaryError>,
) -> Result<Glossary, Vec<GlossaryError>> {
    duplicate_ids(&glossary, &mut errors);
    if errors.is_empty() {
        Ok(glossary)
    } else {
        Err(errors)
    }
}

/// A glossary path as files: itself, or the `*.csv` files in a folder.
/// Why a file cannot be read, as a person says it (not `entity not found`).
fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        kind => kind.to_string(),
    }
}

/// The largest glossary file read: a larger one is refused, so that a
/// device or an endless file named as a glossary cannot take all memory.
pub const MAX_GLOSSARY_BYTES: u64 = 256 << 20;

/// The bytes of a glossary file: a regular file of at most
/// [`MAX_GLOSSARY_BYTES`]. A FIFO, a device or `/proc` file is refused
/// before it is read, so that it can neither hang the run nor be quoted.
fn read_glossary_file(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let cannot = |err: std::io::Error| format!("cannot read glossary: {}", io_reason(&err));
    let meta = std::fs::metadata(file).map_err(cannot)?;
    if !meta.is_file() {
        return Err("cannot read glossary: not a regular file".to_owned());
    }
    let too_large = || format!("glossary larger than {} MiB", MAX_GLOSSARY_BYTES >> 20);
    if meta.len() > MAX_GLOSSARY_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(file)
        .map_err(cannot)?
        .take(MAX_GLOSSARY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    // Files under /proc say they are empty and are not.
    if bytes.len() as u64 > MAX_GLOSSARY_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn expand_path(path: &Path, errors: &mut Vec<GlossaryError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(dir) => dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "csv"))
            .collect(),
        Err(err) => {
            errors.push(GlossaryError::new(
                &path.display().to_string(),
                None,
                format!("cannot read glossary folder: {}", io_reason(&err)),
            ));
            Vec::new()
        }
    };
    if files.is_empty() && errors.is_empty() {
        errors.push(GlossaryError::new(
            &path.display().to_string(),
            None,
            "glossary folder holds no .csv file",
        ));
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_glossaries_load() {
        let glossary = Glossary::defaults().unwrap();
        for (name, _) in DEFAULT_GLOSSARIES {
            // Each language pair's file has its pair; en.csv, English
            // wordings wrong whatever the source, has the target alone.
            let pair = name.strip_suffix(".csv");
            let file = format!("<default>/{name}");
            let entries: Vec<_> = glossary
                .entries
                .iter()
                .filter(|e| e.origin.file == file)
                .collect();
            assert!(entries.len() >= 50, "{name}: {} entries", entries.len());
            assert!(entries.iter().all(|e| e.lang.as_deref() == pair), "{name}");
        }
    }

    #[test]
    fn duplicate_ids_across_files_are_named() {
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        glossary.add_csv("a.csv", None, b"term\ncomfort girls\n", &mut errors);
        glossary.add_csv("b.csv", None, b"term\nComfort Girls\n", &mut errors);
        let errors = finish(glossary, errors).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "b.csv:2:1: column 1 `term`: duplicate id `comfort-girls` (first used at a.csv:2); give one of them another `id` (the id is made of the term)"
        );
    }

    #[test]
    fn retain_lang_keeps_unpaired_entries() {
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        glossary.add_csv(
            "g.csv",
            None,
            b"term,lang\nfoo bar,nl-en\nbaz qux,de-en\nany pair,\n",
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        glossary.retain_lang("nl-en");
        let ids: Vec<_> = glossary.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["foo-bar", "any-pair"]);
    }

    #[test]
    fn errors_quoting_a_field_stay_one_line() {
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        let csv = "term,suggestion,severity\nfoo,bar,\"maj\nor\"\n";
        glossary.add_csv("g.csv", None, csv.as_bytes(), &mut errors);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [r"g.csv:2:9: column 3 `severity`: `maj\nor` is not one of minor, major, critical"]
        );
    }
}
