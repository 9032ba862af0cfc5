//! `mtlint check`: every input through the pipeline, into the report on
//! standard output and, with `--report-dir`, every report file.

use std::io::{self, IsTerminal, Write as _};
use std::path::Path;

use super::args::{CheckArgs, Color};
use super::write::Pending;
use super::{
    EXIT_ERROR, EXIT_FAIL, EXIT_PASS, Error, Fatal, input_error, input_files, is_stream, run_jobs,
    settings, write_atomically,
};
use crate::check::Checked;
use crate::config::Config;
use crate::filter::{Baseline, Changed};
use crate::input::walk;
use crate::matcher::bilingual::consistency::Groups;
use crate::pipeline::Session;
use crate::report::{Format, Report, ReportOptions, SummaryCsv, TotalsCsv, reporter};
use crate::text::Document;

pub(super) fn run(args: CheckArgs, config: &Config) -> Result<u8, Error> {
    let shared = &args.shared;
    let policy = settings::policy(
        settings::ScoringFlags {
            fail_on: args.fail_on,
            max_penalty: args.max_penalty,
            passing_score: args.passing_score,
            reference_word_count: args.reference_word_count,
            maximum_score: args.maximum_score,
        },
        config,
    )?;
    let mut pipeline = settings::pipeline(
        &shared.glossary,
        policy,
        config,
        args.report_unused_suppressions,
    )?;
    let (files, unreadable) = input_files(shared, config)?;
    if let Some(dir) = &args.report_dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Fatal(format!(
            "--report-dir {}: not a folder",
            dir.display()
        )));
    }
    pipeline.filters.changed = match args.diff_base.as_deref() {
        Some("-") => Some(diff_from_stdin(&files)?),
        Some(rev) => Some(Changed::from_git(rev)?),
        None => None,
    };
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::load(path)?),
        None => None,
    };

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // A stream's findings go on as JSON Lines unless another format is
    // asked for: it is the map step of a batch job.
    let format = args.format.unwrap_or(if is_stream(shared) {
        Format::Jsonl
    } else {
        Format::Human
    });
    // Before the rules are described: the run-wide rule joins them here.
    let super::RunWide { stdin, groups } = super::run_wide_groups(&mut pipeline, shared, &files)?;
    let options = ReportOptions {
        color,
        policy,
        // Only SARIF describes the rules; the built-in glossary alone has
        // hundreds, not worth describing for any other report.
        rules: if format == Format::Sarif || args.report_dir.is_some() {
            settings::rule_descriptions(&pipeline.checker)
        } else {
            Vec::new()
        },
        csv_raw: args.csv_raw || config.csv_raw == Some(true),
        csv_bom: args.csv_bom || config.csv_bom == Some(true),
        groups: groups.clone(),
    };
    if format == Format::Xlsx && args.output.is_none() && io::stdout().is_terminal() {
        return Err(Fatal(
            "-f xlsx writes a binary workbook: send it to a file with -o FILE (or use --report-dir)"
                .to_owned(),
        ));
    }
    if args.quiet && format != Format::Human {
        return Err(Fatal(format!(
            "--quiet applies to the human output, not to -f {}",
            format.name()
        )));
    }
    // With --output, the report goes to a temporary file beside FILE,
    // moved into place when the run ends.
    let mut output = match &args.output {
        Some(path) => Some(Pending::beside(path).map_err(|e| Fatal(format!("--output {e}")))?),
        None => None,
    };
    let out: Box<dyn io::Write> = match &mut output {
        Some(tmp) => Box::new(io::BufWriter::new(
            tmp.file()
                .reopen()
                .map_err(|e| Fatal(format!("--output: cannot write: {e}")))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let main = reporter(format, out, &options)?;
    let mut reports = vec![if args.quiet {
        Box::new(SummaryOnly(main))
    } else {
        main
    }];
    let mut report_dir = match &args.report_dir {
        Some(dir) => Some(ReportDir::new(dir)?),
        None => None,
    };
    if let Some(dir) = &mut report_dir {
        reports.extend(dir.reports(&options)?);
    }
    let mut session = Session::new(&pipeline, reports);
    if let Some(baseline) = baseline {
        session = session.with_baseline(baseline);
    }
    if args.write_baseline.is_some() {
        session = session.recording();
    }
    // The JSON report lists the units of the run's inconsistent groups,
    // read from each document's units as it is reported; no other report
    // reads them.
    let shed = groups.is_none();
    run_jobs(&pipeline, shared, files, true, stdin, shed, |outcome| {
        match outcome {
            Some(Ok((doc, detected))) => {
                session.document(&doc, detected)?;
            }
            Some(Err(e)) => {
                input_error(&e);
                session.error();
            }
            None => session.flush()?,
        }
        Ok(())
    })?;
    let (outcome, recorded) = session.finish()?;
    if let Some(output) = output {
        output.commit()?;
    }
    let needs_source = pipeline
        .checker
        .glossary
        .entries()
        .iter()
        .filter(|e| e.source_term.is_some())
        .count();
    if format == Format::Human
        && outcome.documents > 0
        && outcome.bilingual == 0
        && needs_source > 0
    {
        // Half the built-in glossary names a source term: without a source
        // those entries cannot fire, and a clean report should not read as
        // if they had been checked.
        let _ = writeln!(
            io::stderr(),
            "mtlint: note: {needs_source} of {} glossary entries need the source text and could not fire: check XLIFF, PO, TMX, or CSV/TSV with a source column",
            pipeline.checker.glossary.entries().len()
        );
    }
    if format == Format::Human && outcome.untranslated + outcome.drafts > 0 {
        // Work not done is not an error of the translation: counted here,
        // listed only on request.
        let _ = writeln!(
            io::stderr(),
            "mtlint: note: {} unit{} not translated yet and {} draft{} (fuzzy, needs review) were not checked; --enable heuristic:untranslated-unit lists them",
            outcome.untranslated,
            if outcome.untranslated == 1 { "" } else { "s" },
            outcome.drafts,
            if outcome.drafts == 1 { "" } else { "s" }
        );
    }
    if format == Format::Human
        && let Some(groups) = &groups
    {
        let _ = io::stderr().write_all(groups_summary(groups).as_bytes());
    }
    if format == Format::Human && outcome.failed > 0 && outcome.errors + unreadable == 0 {
        // A person reading a terminal (or `cargo run`, which adds its own
        // line about the exit status) should know the run did its job.
        let _ = writeln!(
            io::stderr(),
            "mtlint: {} of {} document{} failed the policy (exit code 1); --fail-on and --max-penalty set it",
            outcome.failed,
            outcome.documents,
            if outcome.documents == 1 { "" } else { "s" }
        );
    }
    if let (Some(path), Some(recorded)) = (&args.write_baseline, recorded) {
        write_atomically(path, recorded.to_json().as_bytes())?;
    }
    match report_dir {
        Some(dir) if outcome.documents > 0 => dir.persist()?,
        Some(dir) => dir.discard(),
        None => {}
    }
    Ok(if outcome.errors + unreadable > 0 {
        EXIT_ERROR
    } else if outcome.failed > 0 {
        EXIT_FAIL
    } else {
        EXIT_PASS
    })
}

/// The most groups the human summary lists.
const GROUPS_SHOWN: usize = 20;

/// The inconsistent groups of the run for the human summary: each
/// source with its translations, each translation with its sources, the
/// most used first, with how many units use each.
fn groups_summary(groups: &Groups) -> String {
    use crate::matcher::bilingual::consistency::quote;
    use std::fmt::Write as _;
    let (by_source, by_target) = groups.sorted();
    if by_source.is_empty() && by_target.is_empty() {
        return String::new();
    }
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let kinds: Vec<String> = [
        count(
            by_source.len(),
            "source is translated more than one way (heuristic:inconsistent-translation)",
            "sources are translated more than one way (heuristic:inconsistent-translation)",
        ),
        count(
            by_target.len(),
            "translation stands for more than one source (heuristic:inconsistent-source)",
            "translations stand for more than one source (heuristic:inconsistent-source)",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = format!("mtlint: note: across the run, {}:\n", kinds.join(" and "));
    let lines = by_source
        .iter()
        .map(|g| ("→", g))
        .chain(by_target.iter().map(|g| ("←", g)));
    let total = by_source.len() + by_target.len();
    for (arrow, g) in lines.take(GROUPS_SHOWN) {
        let variants: Vec<String> = g
            .variants
            .iter()
            .map(|v| format!("{} ×{}", quote(&v.text), v.count))
            .collect();
        let line = format!("  {} {arrow} {}", quote(&g.shared), variants.join(", "));
        // Texts come from the files: a control character in them must not
        // act on the terminal.
        let _ = writeln!(out, "{}", crate::report::escape::visible(&line));
    }
    if total > GROUPS_SHOWN {
        let _ = writeln!(
            out,
            "  … and {} more; each departing unit is a finding",
            total - GROUPS_SHOWN
        );
    }
    out
}

/// A report of each document's summary alone (`--quiet`): the findings are
/// left out, the summary keeps counting them.
struct SummaryOnly<'a>(Box<dyn Report + 'a>);

impl Report for SummaryOnly<'_> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let summary = Checked {
            findings: Vec::new(),
            summary: checked.summary.clone(),
        };
        self.0.document(doc, &summary)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.0.finish()
    }
}

/// The diff `--diff-base -` reads from standard input, with paths relative
/// to the current folder.
fn diff_from_stdin(files: &[std::path::PathBuf]) -> Result<Changed, Error> {
    if files.iter().any(|f| f == Path::new("-")) {
        return Err(Fatal(
            "--diff-base - reads the diff from standard input, which cannot also be checked"
                .to_owned(),
        ));
    }
    let mut diff = String::new();
    io::Read::read_to_string(&mut io::stdin(), &mut diff)
        .map_err(|e| Fatal(format!("--diff-base -: reading standard input: {e}")))?;
    let cwd = std::env::current_dir().map_err(|e| Fatal(format!("current folder: {e}")))?;
    Ok(Changed::from_diff("-", &diff, &cwd)?)
}

/// `--report-dir`: every format written as the run goes into a temporary
/// file beside its final name, and moved into place only when the run has
/// checked something, so a report is either this run's whole report or
/// the previous one, never a half-written file.
struct ReportDir {
    dir: std::path::PathBuf,
    /// Whether this run made the folder: it goes again when the run checks
    /// nothing, so that a failed run leaves no trace.
    created: bool,
    files: Vec<(&'static str, Pending)>,
}

impl ReportDir {
    fn new(dir: &Path) -> Result<ReportDir, Error> {
        let created = !dir.exists();
        std::fs::create_dir_all(dir)
            .map_err(|e| Fatal(format!("--report-dir {}: {e}", dir.display())))?;
        let mut files = Vec::new();
        let names = ["summary.csv", "totals.csv"]
            .into_iter()
            .chain(Format::ALL.iter().filter_map(|f| f.file_name()));
        for name in names {
            files.push((name, Pending::beside(&dir.join(name))?));
        }
        Ok(ReportDir {
            dir: dir.to_path_buf(),
            created,
            files,
        })
    }

    /// A report into each file.
    fn reports<'a>(&mut self, options: &ReportOptions) -> Result<Vec<Box<dyn Report + 'a>>, Error> {
        let mut reports: Vec<Box<dyn Report + 'a>> = Vec::new();
        for (name, tmp) in &mut self.files {
            let out = io::BufWriter::new(
                tmp.file()
                    .reopen()
                    .map_err(|e| Fatal(format!("--report-dir {}: {e}", self.dir.display())))?,
            );
            if *name == "summary.csv" {
                reports.push(Box::new(
                    SummaryCsv::bom(out, options.csv_bom)?.raw(options.csv_raw),
                ));
                continue;
            }
            if *name == "totals.csv" {
                reports.push(Box::new(
                    TotalsCsv::new(out, options.policy, options.csv_bom)?.raw(options.csv_raw),
                ));
                continue;
            }
            let format = Format::ALL
                .into_iter()
                .find(|f| f.file_name() == Some(name))
                .expect("every file is a format's");
            reports.push(reporter(format, out, options)?);
        }
        Ok(reports)
    }

    /// Drops every report unwritten, when the run checked nothing. The
    /// reports of an earlier run go too: left in place, they would read as
    /// this run's.
    fn discard(self) {
        let (dir, created) = (self.dir.clone(), self.created);
        let names: Vec<&str> = self.files.iter().map(|(name, _)| *name).collect();
        drop(self.files);
        if created {
            // Only an empty folder goes: nothing else can have been put
            // there by this run.
            let _ = std::fs::remove_dir(dir);
        } else {
            for name in names.into_iter().chain([walk::REPORT_MARKER]) {
                let _ = std::fs::remove_file(dir.join(name));
            }
        }
    }

    /// Moves every report into place.
    fn persist(self) -> Result<(), Error> {
        for (_, pending) in self.files {
            pending.commit()?;
        }
        // The folder's own reports are no text to check on the next run.
        write_atomically(
            &self.dir.join(walk::REPORT_MARKER),
            walk::REPORT_MARKER_TEXT.as_bytes(),
        )
    }
}
