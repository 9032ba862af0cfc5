//! Where flags and `mtlint.toml` meet: the configuration is found and
//! read, fills what the flags leave unset (flags win), and the glossary
//! and detectors are compiled. After this, nothing downstream reads a
//! setting or re-validates one.

use std::path::Path;

use super::args::{FailOn, GlossaryArgs};
use super::{Error, Fatal};
use crate::check::Checker;
use crate::config::Config;
use crate::filter::{Allowlist, Filters};
use crate::glossary::{Glossary, GlossaryError};
use crate::matcher::heuristics::{self, RuleSelection};
use crate::matcher::{DEFAULT_MIN_SIMILARITY, GlossaryMatcher, MatchOptions};
use crate::pipeline::Pipeline;
use crate::report::RuleDescription;
use crate::rule::Severity;
use crate::score::{Policy, Weights};

/// The configuration: the file `--config` names, else the first
/// mtlint.toml from the current folder upwards, else the defaults.
pub(super) fn load_config(path: Option<&Path>, no_config: bool) -> Result<Config, Error> {
    if no_config {
        return Ok(Config::default());
    }
    let cwd = std::env::current_dir().map_err(|e| Fatal(format!("current folder: {e}")))?;
    let path = match path {
        Some(p) => cwd.join(p),
        None => match Config::discover(&cwd) {
            Some(found) => found,
            None => return Ok(Config::default()),
        },
    };
    // Errors and glossary paths read best relative to where mtlint runs.
    let path = path
        .strip_prefix(&cwd)
        .map_or(path.clone(), Path::to_path_buf);
    let config = Config::load(&path).map_err(|e| Fatal(e.to_string()))?;
    Ok(config)
}

/// Fills what the glossary flags leave unset from the configuration:
/// flags win.
pub(super) fn apply_config(args: &mut GlossaryArgs, config: &Config) {
    if args.glossaries.is_empty() {
        args.glossaries = config.glossaries.clone();
    }
    if config.default_glossary == Some(false) {
        args.no_default_glossary = true;
    }
    if args.lang.is_none() {
        args.lang = config.lang.as_ref().map(|l| l.get_ref().clone());
    }
    if args.min_similarity.is_none() {
        args.min_similarity = config.min_similarity.as_ref().map(|m| *m.get_ref());
    }
    // The file's rule switches come first; the flags add to them, and a
    // disable (from either) wins over an enable.
    let mut enable = config.enable.clone();
    enable.append(&mut args.rules.enable);
    args.rules.enable = enable;
    let mut disable = config.disable.clone();
    disable.append(&mut args.rules.disable);
    args.rules.disable = disable;
}

/// Loads the glossaries the flags name, or the fatal error listing every
/// problem found in them.
pub(super) fn load_glossary(args: &GlossaryArgs) -> Result<Glossary, Error> {
    let mut glossary = load_glossary_all_pairs(args)?;
    if let Some(lang) = &args.lang {
        glossary.retain_lang(&lang.to_ascii_lowercase());
    }
    Ok(glossary)
}

/// Loads the glossaries as [`load_glossary`] does, but keeps the entries of
/// every pair: a check picks them per document, by the pair the document
/// declares, else `--lang`'s.
fn load_glossary_all_pairs(args: &GlossaryArgs) -> Result<Glossary, Error> {
    if args.no_default_glossary && args.glossaries.is_empty() {
        return Err(Fatal(
            "--no-default-glossary leaves no glossary; name one with -g FILE".to_owned(),
        ));
    }
    if let Some(lang) = &args.lang
        && let Some(problem) = crate::glossary::lang::pair_problem(lang)
    {
        return Err(Fatal(format!("--lang {problem}")));
    }
    let base = if args.no_default_glossary {
        Ok(Glossary::default())
    } else {
        Glossary::defaults()
    };
    let glossary = base
        .and_then(|g| g.load_paths(&args.glossaries))
        .map_err(glossary_errors)?;
    check_rule_ids(&glossary, &args.rules.selection())?;
    if let Some(lang) = &args.lang {
        reversed_pair(&glossary, &lang.to_ascii_lowercase())?;
    }
    Ok(glossary)
}

/// A pair that no loaded entry is for, while entries are for the pair the
/// other way round (`--lang en-de` with the built-in `de-en`), is a slip:
/// refused with the hint.
fn reversed_pair(glossary: &Glossary, pair: &str) -> Result<(), Error> {
    let count = |p: &str| {
        glossary
            .entries
            .iter()
            .filter(|e| e.lang.as_deref() == Some(p))
            .count()
    };
    let Some(reversed) = crate::glossary::lang::reversed(pair) else {
        return Ok(());
    };
    if count(pair) > 0 {
        return Ok(());
    }
    match count(&reversed) {
        0 => Ok(()),
        n => Err(Fatal(format!(
            "language pair `{pair}`: no glossary entry is for {pair}, but {n} are for {reversed} (a pair is source-target); did you mean `{reversed}`?"
        ))),
    }
}

/// Every rule id that `--enable`/`--disable` name must exist: a typo must
/// not silently leave a rule running.
pub(super) fn check_rule_ids(glossary: &Glossary, selection: &RuleSelection) -> Result<(), Error> {
    let mut known: Vec<&str> = glossary
        .entries
        .iter()
        .map(|e| e.rule.id.as_str())
        .collect();
    let heuristics = heuristics::all();
    known.extend(heuristics.iter().map(|h| h.info().id));
    known.extend(crate::matcher::bilingual::RULE_IDS);
    let unknown = selection.unknown(&known);
    let Some(id) = unknown.first() else {
        return Ok(());
    };
    let hint = if known.contains(&format!("heuristic:{id}").as_str()) {
        format!("; did you mean `heuristic:{id}`?")
    } else if known.contains(&format!("glossary:{id}").as_str()) {
        format!("; did you mean `glossary:{id}`?")
    } else {
        "; `mtlint rules` lists every rule".to_owned()
    };
    Err(Fatal(format!("no rule `{id}` to enable or disable{hint}")))
}

/// All glossary problems as one fatal error: one line each.
fn glossary_errors(errors: Vec<GlossaryError>) -> Error {
    Error::Glossary(errors)
}

/// The severity weights: the configuration's, defaults for what it leaves
/// out.
pub(super) fn config_weights(config: &Config) -> Weights {
    let default = Weights::default();
    let w = &config.weights;
    let get = |v: &Option<toml::Spanned<f64>>, d: f64| v.as_ref().map_or(d, |v| *v.get_ref());
    let mut categories = default.categories;
    for (weight, given) in categories
        .iter_mut()
        .zip(config.category_weights.in_order())
    {
        *weight = get(given, *weight);
    }
    Weights {
        minor: get(&w.minor, default.minor),
        major: get(&w.major, default.major),
        critical: get(&w.critical, default.critical),
        categories,
    }
}

pub(super) fn build_checker(args: &GlossaryArgs, policy: Policy) -> Result<Checker, Error> {
    let mut glossary = load_glossary_all_pairs(args)?;
    let selection = args.rules.selection();
    glossary
        .entries
        .retain(|e| selection.is_on(&e.rule.id, true));
    let options = MatchOptions {
        min_similarity: args.min_similarity.unwrap_or(DEFAULT_MIN_SIMILARITY),
        ignore_source_terms: false,
    };
    let terms = match &args.terms {
        Some(path) => crate::matcher::bilingual::load_terms(path)
            .map_err(|errors| Fatal(errors.join("\nmtlint: error: ")))?,
        None => Vec::new(),
    };
    let mut bilingual = crate::matcher::bilingual::Bilingual::new(
        terms,
        args.min_similarity.unwrap_or(DEFAULT_MIN_SIMILARITY),
    )
    .select(&selection);
    let unit = crate::matcher::bilingual::UNTRANSLATED_UNIT;
    if selection.is_on(unit, crate::matcher::bilingual::on_by_default(unit)) {
        bilingual = bilingual.with_untranslated_units();
    }
    let doubled = crate::matcher::bilingual::DOUBLED_SPACE;
    if selection.is_on(doubled, crate::matcher::bilingual::on_by_default(doubled)) {
        bilingual = bilingual.with_doubled_spaces();
    }
    let mut detectors = heuristics::selected(&selection);
    detectors.push(Box::new(heuristics::Selected::new(
        Box::new(bilingual),
        selection,
    )));
    Ok(Checker {
        glossary: GlossaryMatcher::from_entries(glossary.entries, options),
        detectors,
        weights: Weights::default(),
        policy,
    })
}

/// Every rule in force with a one-line description for SARIF: a glossary
/// entry's term and suggestion, a detector's severity and category.
pub(super) fn rule_descriptions(checker: &Checker) -> Vec<RuleDescription> {
    let terms: std::collections::HashMap<&str, String> = checker
        .glossary
        .entries()
        .iter()
        .map(|e| {
            let summary = match e.suggestions.as_slice() {
                [] => format!("\"{}\"", e.term),
                s => format!("\"{}\" → \"{}\"", e.term, s.join("\" or \"")),
            };
            (e.rule.id.as_str(), summary)
        })
        .collect();
    checker
        .rules()
        .into_iter()
        .map(|rule| RuleDescription {
            summary: terms.get(rule.id.as_str()).cloned().unwrap_or_default(),
            rule,
        })
        .collect()
}

/// The scoring flags of `check`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ScoringFlags {
    pub(super) fail_on: Option<FailOn>,
    pub(super) max_penalty: Option<f64>,
    pub(super) passing_score: Option<f64>,
    pub(super) reference_word_count: Option<f64>,
    pub(super) maximum_score: Option<f64>,
}

/// When a document fails and how it is scored: the flags, else the
/// configuration, else the defaults.
pub(super) fn policy(flags: ScoringFlags, config: &Config) -> Result<Policy, Error> {
    let ScoringFlags {
        fail_on,
        max_penalty,
        ..
    } = flags;
    let given = |flag: Option<f64>, key: &Option<toml::Spanned<f64>>, default: f64| {
        flag.or(key.as_ref().map(|v| *v.get_ref()))
            .unwrap_or(default)
    };
    let defaults = crate::score::Model::default();
    let max_score = given(
        flags.maximum_score,
        &config.maximum_score,
        defaults.max_score,
    );
    let model = crate::score::Model {
        reference_words: given(
            flags.reference_word_count,
            &config.reference_word_count,
            defaults.reference_words,
        ),
        max_score,
        // The default passing score is the same share of any maximum.
        passing_score: given(
            flags.passing_score,
            &config.passing_score,
            defaults.passing_score / defaults.max_score * max_score,
        ),
    };
    if model.passing_score > model.max_score {
        return Err(Fatal(format!(
            "the passing score {} is above the maximum score {}",
            model.passing_score, model.max_score
        )));
    }
    let fail_on = match fail_on {
        Some(FailOn::Minor) => Some(Severity::Minor),
        Some(FailOn::Major) => Some(Severity::Major),
        Some(FailOn::Critical) => Some(Severity::Critical),
        Some(FailOn::Never) => None,
        None => config
            .fail_on
            .map_or(Some(Severity::Critical), |f| f.severity()),
    };
    Ok(Policy {
        fail_on,
        max_penalty: max_penalty
            .or(config.max_penalty.as_ref().map(|m| *m.get_ref()))
            .unwrap_or(Policy::default().max_penalty),
        model,
    })
}

/// The pipeline `check` and `fix` run: the checker the flags and the
/// configuration describe, with the configuration's weights and filters.
pub(super) fn pipeline(
    args: &GlossaryArgs,
    policy: Policy,
    config: &Config,
    report_unused: bool,
) -> Result<Pipeline, Error> {
    let mut checker = build_checker(args, policy)?;
    checker.weights = config_weights(config);
    Ok(Pipeline {
        checker,
        filters: Filters {
            allow: Allowlist::new(&config.allow, &config.allow_rule),
            report_unused,
            changed: None,
        },
    })
}

/// The most threads `--jobs` may ask for.
pub(super) const MAX_JOBS: usize = 1024;

/// The threads of a run: `--jobs`, or one per core.
pub(super) fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        if jobs == 0 {
            return Err(Fatal("--jobs must be at least 1".to_owned()));
        }
        // Each thread is a system thread with its own stack: thousands of
        // them only wait on each other, and the system refuses them late.
        if jobs > MAX_JOBS {
            return Err(Fatal(format!("--jobs {jobs}: at most {MAX_JOBS}")));
        }
        builder = builder.num_threads(jobs);
    }
    builder.build().map_err(|e| Fatal(e.to_string()))
}
