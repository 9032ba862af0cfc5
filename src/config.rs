//! `mtlint.toml`: the settings a project keeps beside its texts.
//!
//! mtlint looks for `mtlint.toml` in the current folder and then in each
//! folder above it up to the root of the git repository it is in (a folder
//! with `.git`), as git and typos do, and uses the first it finds
//! (`--config FILE` names one, `--no-config` ignores them). A file above the
//! repository belongs to someone else's project and is never read.
//!
//! A configuration comes with the repository, so it is trusted no more
//! than the repository's texts: the glossaries it names must be `.csv`
//! files, or folders, inside the repository the file is in (outside any
//! repository: inside the file's own folder). A glossary elsewhere is
//! named on the command line (`-g`), which the user types. Keys are kebab-case; an unknown key, a value
//! of the wrong type or out of range is an error that names the file, line
//! and column. Flags given on the command line win over the file. Paths in
//! the file (glossaries, include/exclude patterns) are relative to the
//! folder the file is in.
//!
//! This module only reads and validates the file; the CLI merges it with
//! the flags.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::rule::Severity;

/// The file name mtlint looks for.
pub const FILE_NAME: &str = "mtlint.toml";

/// The starter file `mtlint init` writes: every key, commented out, with
/// its default. It parses as an empty configuration.
pub const STARTER: &str = r#"# mtlint.toml: settings for `mtlint check` (and `fix`, `rules`) in this
# folder and below. Flags on the command line win over this file.
# Paths are relative to this file's folder. Uncomment what you need.

# Glossary CSV files or folders, added after the built-in glossary.
# glossaries = ["glossary/our-terms.csv"]
# Set to false to leave out the built-in glossary.
# default-glossary = true
# The language pair of inputs that do not declare theirs (a PO, XLIFF,
# TMX or HTML file may); glossary entries for other pairs stay silent.
# lang = "nl-en"
# The least similarity (0-1) of a fuzzy match, for entries that set none.
# min-similarity = 0.85

# A finding of this severity or above fails its document:
# "minor", "major", "critical" or "never".
# fail-on = "critical"
# A penalty per 1000 words above this fails the document ("never" above
# fails none). The MQM scoring model (docs/scoring.md): the calibrated score
# of a document at max-penalty is passing-score; penalties are counted per
# reference-word-count words; a document without findings scores
# maximum-score.
# max-penalty = 10.0
# passing-score = 90.0
# reference-word-count = 1000.0
# maximum-score = 100.0

# Write the CSV reports exactly, for programs that read them. By default a
# cell that starts like a formula (=, +, -, @, tab or CR) gets a leading ',
# so that a spreadsheet shows it instead of running it.
# csv-raw = false
# Start the CSV reports with a UTF-8 byte order mark, so that spreadsheets
# read accents and symbols right.
# csv-bom = false

# Rule ids to turn on (rules that are off by default) or off.
# enable = []
# disable = ["glossary:nl-support-vs"]

# Which files a folder walk checks, as .gitignore-style patterns. `include`
# keeps only matching files; `exclude` drops matching ones. Files named on
# the command line are always checked.
# include = ["docs/**"]
# exclude = ["docs/legacy/", "*.draft.md"]

# Wordings never to flag, by any rule (compared word by word, ignoring case
# and punctuation between the words).
# allow = ["Real Payment Funds"]

# MQM severity multipliers: a finding's score is multiplier x category
# weight x confidence.
# [weights]
# minor = 1.0
# major = 5.0
# critical = 25.0

# MQM error type weights, per category (1 for any not named).
# [category-weights]
# mistranslation = 1.0
# terminology = 1.0

# Wordings never to flag by one rule.
# [allow-rule]
# "glossary:nl-profile-itself" = ["profile itself as a company"]
"#;

/// When a document fails, as the file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// A minor finding or worse.
    Minor,
    /// A major finding or worse.
    Major,
    /// A critical finding.
    Critical,
    /// No document fails.
    Never,
}

impl FailOn {
    /// The severity threshold, `None` for `never`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        }
    }
}

/// `[weights]`: the MQM weight of each severity.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WeightsConfig {
    /// Weight of a minor finding.
    pub minor: Option<Spanned<f64>>,
    /// Weight of a major finding.
    pub major: Option<Spanned<f64>>,
    /// Weight of a critical finding.
    pub critical: Option<Spanned<f64>>,
}

/// `[category-weights]`: the MQM error type weight of each category
/// (1 by default).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryWeightsConfig {
    /// Weight of a mistranslation.
    pub mistranslation: Option<Spanned<f64>>,
    /// Weight of a terminology error.
    pub terminology: Option<Spanned<f64>>,
    /// Weight of untranslated text.
    pub untranslated: Option<Spanned<f64>>,
    /// Weight of an omission.
    pub omission: Option<Spanned<f64>>,
    /// Weight of an addition.
    pub addition: Option<Spanned<f64>>,
    /// Weight of a grammar error.
    pub grammar: Option<Spanned<f64>>,
    /// Weight of a spelling error.
    pub spelling: Option<Spanned<f64>>,
    /// Weight of a punctuation error.
    pub punctuation: Option<Spanned<f64>>,
    /// Weight of a style error.
    pub style: Option<Spanned<f64>>,
    /// Weight of garbled text.
    pub garbled: Option<Spanned<f64>>,
}

impl CategoryWeightsConfig {
    /// Each weight given, in [`crate::rule::Category::ALL`] order.
    pub fn in_order(&self) -> [&Option<Spanned<f64>>; 10] {
        [
            &self.mistranslation,
            &self.terminology,
            &self.untranslated,
            &self.omission,
            &self.addition,
            &self.grammar,
            &self.spelling,
            &self.punctuation,
            &self.style,
            &self.garbled,
        ]
    }
}

/// The contents of `mtlint.toml`. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Glossary files or folders, resolved against the file's folder.
    #[serde(default)]
    pub glossaries: Vec<PathBuf>,
    /// `false` leaves out the built-in glossary.
    pub default_glossary: Option<bool>,
    /// Language pair such as `nl-en`.
    pub lang: Option<Spanned<String>>,
    /// Least similarity of a fuzzy match, 0–1.
    pub min_similarity: Option<Spanned<f64>>,
    /// When a finding fails its document.
    pub fail_on: Option<FailOn>,
    /// Largest penalty per 1000 words (per `reference-word-count` words)
    /// that passes: the MQM normed penalty threshold.
    pub max_penalty: Option<Spanned<f64>>,
    /// The calibrated score of a text at `max-penalty`: the MQM passing
    /// threshold, on the scale of `maximum-score`.
    pub passing_score: Option<Spanned<f64>>,
    /// The MQM reference word count.
    pub reference_word_count: Option<Spanned<f64>>,
    /// The MQM maximum score value.
    pub maximum_score: Option<Spanned<f64>>,
    /// `true` starts the CSV reports with a UTF-8 byte order mark.
    pub csv_bom: Option<bool>,
    /// `true` writes CSV text cells exactly, without the `'` that keeps a
    /// spreadsheet from running one as a formula.
    pub csv_raw: Option<bool>,
    /// Severity weights.
    #[serde(default)]
    pub weights: WeightsConfig,
    /// Error type weights per category.
    #[serde(default)]
    pub category_weights: CategoryWeightsConfig,
    /// Rule ids to turn on.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Rule ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// `.gitignore`-style patterns: a folder walk checks only matching
    /// files.
    #[serde(default)]
    pub include: Vec<String>,
    /// `.gitignore`-style patterns: a folder walk skips matching files.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Wordings no rule flags.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Wordings one rule does not flag, by rule id.
    #[serde(default)]
    pub allow_rule: BTreeMap<String, Vec<String>>,
    /// The file this was read from (empty for the default configuration).
    #[serde(skip)]
    pub path: PathBuf,
}

/// A problem in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column of the problem, when it has a place.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages quote values from the file, line breaks and all.
        let message = crate::text::OneLine(&self.message);
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {message}", self.path.display()),
            None => write!(f, "{}: {message}", self.path.display()),
        }
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and column (in chars) of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

impl Config {
    /// The first `mtlint.toml` in `start` or a folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        for dir in start.ancestors() {
            let file = dir.join(FILE_NAME);
            if file.is_file() {
                return Some(file);
            }
            if dir.join(".git").exists() {
                return None;
            }
        }
        None
    }

    /// The folder a configuration file's glossaries must be in: the root
    /// of the git repository the file is in, else the file's own folder.
    fn trusted_root(path: &Path) -> PathBuf {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = dir.canonicalize().unwrap_or(dir);
        dir.ancestors()
            .find(|d| d.join(".git").exists())
            .map_or_else(|| dir.clone(), Path::to_path_buf)
    }

    /// Every glossary the file names is a `.csv` file or a folder inside
    /// [`Config::trusted_root`].
    fn check_glossaries(&self) -> Result<(), ConfigError> {
        let root = Config::trusted_root(&self.path);
        for glossary in &self.glossaries {
            let error = |why: &str| ConfigError {
                path: self.path.clone(),
                position: None,
                message: format!(
                    "glossaries: `{}` {why}; a glossary elsewhere can be named on the command line with -g",
                    glossary.display()
                ),
            };
            // A path that does not exist is reported where glossaries are
            // read, with the usual message.
            let Ok(real) = glossary.canonicalize() else {
                continue;
            };
            if !real.starts_with(&root) {
                return Err(error(&format!(
                    "is outside {} (the repository of the configuration file)",
                    root.display()
                )));
            }
            if !real.is_dir() && real.extension().is_none_or(|x| x != "csv") {
                return Err(error("is not a .csv file or a folder"));
            }
        }
        Ok(())
    }

    /// Reads and validates the file at `path`.
    ///
    /// # Errors
    ///
    /// When the file cannot be read, is not TOML, has an unknown key or a
    /// bad value; the error names the line and column where it can.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: format!("cannot read: {e}"),
        })?;
        let config = Config::parse(path, &text)?;
        config.check_glossaries()?;
        Ok(config)
    }

    /// Parses `text` as the contents of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`Config::load`].
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let error = |span: Option<Range<usize>>, message: String| ConfigError {
            path: path.to_path_buf(),
            position: span.map(|s| position(text, s.start)),
            message,
        };
        let mut config: Config = toml::from_str(text).map_err(|e| {
            // The TOML error spans lines; one line is what a user reads.
            let message = e
                .message()
                .trim()
                .replace("unknown field", "unknown key")
                .replace('\n', " ");
            error(e.span(), message)
        })?;
        let unit = |v: &Option<Spanned<f64>>, key: &str| match v {
            Some(v) if !(0.0..=1.0).contains(v.get_ref()) => Err(error(
                Some(v.span()),
                format!("{key}: `{}` is not a number from 0 to 1", v.get_ref()),
            )),
            _ => Ok(()),
        };
        let non_negative = |v: &Option<Spanned<f64>>, key: &str| match v {
            Some(v) if !(v.get_ref().is_finite() && *v.get_ref() >= 0.0) => Err(error(
                Some(v.span()),
                format!("{key}: `{}` is not a number of 0 or more", v.get_ref()),
            )),
            _ => Ok(()),
        };
        unit(&config.min_similarity, "min-similarity")?;
        non_negative(&config.max_penalty, "max-penalty")?;
        non_negative(&config.weights.minor, "weights.minor")?;
        non_negative(&config.weights.major, "weights.major")?;
        non_negative(&config.weights.critical, "weights.critical")?;
        for (weight, category) in config
            .category_weights
            .in_order()
            .into_iter()
            .zip(crate::rule::Category::ALL)
        {
            non_negative(weight, &format!("category-weights.{category}"))?;
        }
        non_negative(&config.passing_score, "passing-score")?;
        let positive = |v: &Option<Spanned<f64>>, key: &str| match v {
            Some(v) if !(v.get_ref().is_finite() && *v.get_ref() > 0.0) => Err(error(
                Some(v.span()),
                format!("{key}: `{}` is not a number above 0", v.get_ref()),
            )),
            _ => Ok(()),
        };
        positive(&config.reference_word_count, "reference-word-count")?;
        positive(&config.maximum_score, "maximum-score")?;
        if let Some(lang) = &config.lang
            && let Some(problem) = crate::glossary::lang::pair_problem(lang.get_ref())
        {
            return Err(error(Some(lang.span()), format!("lang: {problem}")));
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        for glossary in &mut config.glossaries {
            *glossary = dir.join(&*glossary);
        }
        config.path = path.to_path_buf();
        Ok(config)
    }

    /// The folder the file is in: where its relative paths start.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("dir/mtlint.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn starter_file_parses_as_the_defaults() {
        let config = parse(STARTER).unwrap();
        assert!(config.glossaries.is_empty() && config.fail_on.is_none());
        let uncommented: String = STARTER
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| l.contains(" = ") || l.starts_with('['))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = parse(&uncommented).unwrap();
        assert_eq!(
            config.glossaries,
            [PathBuf::from("dir/glossary/our-terms.csv")]
        );
        assert_eq!(config.fail_on, Some(FailOn::Critical));
        assert_eq!(config.csv_raw, Some(false));
        assert_eq!(config.weights.major.map(|w| *w.get_ref()), Some(5.0));
        assert_eq!(config.allow_rule["glossary:nl-profile-itself"].len(), 1);
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let err = parse("lang = \"nl-en\"\nfail-onn = \"major\"\n").unwrap_err();
        assert!(
            err.starts_with("dir/mtlint.toml:2:1: unknown key `fail-onn`"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1);
        let err = parse("[weights]\nminor = 1.0\nhuge = 2.0\n").unwrap_err();
        assert!(
            err.starts_with("dir/mtlint.toml:3:1: unknown key `huge`"),
            "{err}"
        );
    }

    #[test]
    fn bad_values_name_their_place() {
        let err = parse("\nmin-similarity = 1.5\n").unwrap_err();
        assert_eq!(
            err,
            "dir/mtlint.toml:2:18: min-similarity: `1.5` is not a number from 0 to 1"
        );
        let err = parse("fail-on = \"huge\"\n").unwrap_err();
        assert!(
            err.starts_with("dir/mtlint.toml:1:11: unknown variant `huge`"),
            "{err}"
        );
        let err = parse("lang = \"dutch\"\n").unwrap_err();
        assert!(
            err.contains("1:8: lang: `dutch` is not a language pair"),
            "{err}"
        );
        let err = parse("glossaries = \"one.csv\"\n").unwrap_err();
        assert!(
            err.starts_with("dir/mtlint.toml:1:14: invalid type"),
            "{err}"
        );
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        // Someone else's configuration, above the repository.
        std::fs::write(dir.path().join("mtlint.toml"), "fail-on = \"never\"\n").unwrap();
        assert_eq!(Config::discover(&deep), None);
        std::fs::write(repo.join("mtlint.toml"), "").unwrap();
        assert_eq!(Config::discover(&deep), Some(repo.join("mtlint.toml")));
    }

    #[test]
    fn glossaries_outside_the_repository_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("g")).unwrap();
        std::fs::write(repo.join("g/terms.csv"), "term\nx\n").unwrap();
        std::fs::write(dir.path().join("secret.csv"), "term\nx\n").unwrap();
        std::fs::write(repo.join("notes.txt"), "x").unwrap();
        let config = repo.join("mtlint.toml");
        let load = |glossaries: &str| {
            std::fs::write(&config, format!("glossaries = [{glossaries}]\n")).unwrap();
            Config::load(&config).map_err(|e| e.to_string())
        };
        assert!(load("\"g/terms.csv\", \"g\"").is_ok());
        let err = load("\"../secret.csv\"").unwrap_err();
        assert!(err.contains("is outside"), "{err}");
        let err = load("\"/proc/self/environ\"").unwrap_err();
        assert!(err.contains("is outside"), "{err}");
        let err = load("\"notes.txt\"").unwrap_err();
        assert!(err.contains("not a .csv file"), "{err}");
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(Config::discover(&deep), None);
        std::fs::write(dir.path().join("a/mtlint.toml"), "").unwrap();
        assert_eq!(
            Config::discover(&deep),
            Some(dir.path().join("a/mtlint.toml"))
        );
    }

    #[test]
    fn errors_quoting_a_value_stay_one_line() {
        for text in ["lang = \"nl-\\n\"\n", "fail-on = \"maj\\r\"\n"] {
            let err = Config::parse(Path::new("mtlint.toml"), text)
                .unwrap_err()
                .to_string();
            assert!(!err.contains(['\n', '\r']), "{err}");
        }
        let err = Config::parse(Path::new("mtlint.toml"), "lang = \"nl-\\n\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            r"mtlint.toml:1:8: lang: `nl-\n`: `\n` is not a known language code (ISO 639-1, such as `nl` or `en`)"
        );
    }
}
