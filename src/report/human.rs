//! The `human` format: each finding as a diagnostic with its line and a
//! caret under the span, the suggestion and the note, grouped by file, one
//! summary line per document, and at the end the run's MQM scorecard (the
//! error count table, the penalty and the scores).
//!
//! Text from the input (file names, the flagged text, suggestions, notes,
//! rule ids) is shown through [`escape::visible`](super::escape::visible),
//! and the source line through [`escape::snippet`](super::escape::snippet),
//! so a file cannot move the cursor, recolour the terminal, reorder a line
//! or write a line that GitHub Actions would run as a workflow command.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::escape::{snippet, visible, visible_line_start};
use super::{Report, fixed};
use crate::check::Checked;
use crate::rule::Severity;
use crate::score::{Policy, RunTotals, Verdict};
use crate::text::Document;

/// Writes findings for a person at a terminal.
pub struct Human<W: Write> {
    out: W,
    renderer: Renderer,
    color: bool,
    policy: Policy,
    run: RunTotals,
}

impl<W: Write> Human<W> {
    /// A human report into `out`, coloured when `color`, scored by
    /// `policy`.
    pub fn new(out: W, color: bool, policy: Policy) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Human {
            out,
            renderer,
            color,
            policy,
            run: RunTotals::default(),
        }
    }
}

impl<W: Write> Human<W> {
    /// `PASS` or `FAIL`, bold green or red when coloured.
    fn verdict(&self, verdict: Verdict) -> String {
        let word = verdict.as_str().to_uppercase();
        if !self.color {
            return word;
        }
        let code = match verdict {
            Verdict::Pass => "32",
            Verdict::Fail => "31",
        };
        format!("\x1b[1;{code}m{word}\x1b[0m")
    }
}

impl<W: Write> Report for Human<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        let display_path = doc.display_path();
        let path = visible_line_start(&display_path);
        for f in &checked.findings {
            let span = f.hit.span;
            // Lines of the text (a part of the file may start within one),
            // numbered as the file's.
            let (first, _) = doc.lines().line_col(&doc.text, span.start);
            let (last, _) = doc.lines().line_col(&doc.text, span.end);
            let (first_line, _) = doc.line_col(span.start);
            let start = doc.lines().line_range(&doc.text, first).start;
            let end = doc.lines().line_range(&doc.text, last).end.max(span.end);
            let (source, local) =
                snippet(&doc.text[start..end], span.start - start..span.end - start);
            let rule = &f.hit.rule;
            let matched = visible(&doc.text[span.range()]);
            let suggestions: Vec<_> = f.hit.suggestions.iter().map(|s| visible(s)).collect();
            let title = match suggestions.first() {
                Some(s) => format!(
                    "{} {}: \"{matched}\" → \"{s}\"",
                    rule.severity, rule.category
                ),
                None => format!("{} {}: \"{matched}\"", rule.severity, rule.category),
            };
            let label = if suggestions.is_empty() {
                String::new()
            } else {
                format!("use \"{}\"", suggestions.join("\" or \""))
            };
            // The level every report gives the severity (an `error` in
            // SARIF and GitHub annotations is an error here too).
            let level = match rule.severity {
                Severity::Major | Severity::Critical => Level::ERROR,
                Severity::Minor => Level::WARNING,
            };
            let id = visible(&rule.id);
            let mut group = level.primary_title(title).id(&*id).element(
                Snippet::source(&*source)
                    .line_start(first_line)
                    .path(&*path)
                    .annotation(AnnotationKind::Primary.span(local).label(label)),
            );
            if !rule.note.is_empty() {
                group = group.element(Level::NOTE.message(visible(&rule.note)));
            }
            if f.hit.confidence < 1.0 {
                group = group.element(Level::NOTE.message(format!(
                    "fuzzy match, confidence {}",
                    fixed(f.hit.confidence, 3)
                )));
            }
            let report: [Group<'_>; 1] = [group];
            writeln!(self.out, "{}\n", self.renderer.render(&report))?;
        }
        // A file read in parts is summed up after its last part.
        if !doc.ends_file() {
            return Ok(());
        }
        let s = &checked.summary;
        self.run.add(s);
        writeln!(
            self.out,
            "{path}: {} finding{} ({} minor, {} major, {} critical) in {} words ({}); penalty {} per 1000 words, quality {} (calibrated {}): {}",
            s.findings,
            if s.findings == 1 { "" } else { "s" },
            s.minor,
            s.major,
            s.critical,
            s.words,
            // The pair the glossary entries were chosen by, as the file
            // wrote it: shown, never run, by the terminal.
            doc.lang.label().map_or_else(
                || "language pair unknown".to_owned(),
                |l| format!("as {}", visible(&l))
            ),
            fixed(s.penalty_per_1000_words, 2),
            fixed(s.quality, 2),
            fixed(s.calibrated_quality, 2),
            self.verdict(s.verdict),
        )
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        let run = &self.run;
        if run.documents == 0 {
            return self.out.flush();
        }
        if run.documents > 1 {
            writeln!(
                self.out,
                "{} documents checked, {} failed, {} findings",
                run.documents,
                run.failed,
                run.scorecard.total()
            )?;
        }
        let s = run.summary(&self.policy);
        let model = &self.policy.model;
        writeln!(self.out)?;
        writeln!(
            self.out,
            "MQM scorecard: {} document{}, {} words",
            run.documents,
            if run.documents == 1 { "" } else { "s" },
            s.words
        )?;
        writeln!(
            self.out,
            "  {:<15} {:>6} {:>6} {:>8} {:>8}",
            "category", "minor", "major", "critical", "penalty"
        )?;
        for category in s.scorecard.categories() {
            let count = |severity| s.scorecard.count(category, severity);
            writeln!(
                self.out,
                "  {:<15} {:>6} {:>6} {:>8} {:>8}",
                category.as_str(),
                count(Severity::Minor),
                count(Severity::Major),
                count(Severity::Critical),
                fixed(s.scorecard.penalties[category.index()], 2)
            )?;
        }
        writeln!(
            self.out,
            "  {:<15} {:>6} {:>6} {:>8} {:>8}",
            "total",
            s.minor,
            s.major,
            s.critical,
            fixed(s.penalty, 2)
        )?;
        writeln!(
            self.out,
            "Quality {} of {} (raw); calibrated {}, passing at {} = {} penalty per {} words: {}",
            fixed(s.quality, 2),
            fixed(model.max_score, 0),
            fixed(s.calibrated_quality, 2),
            fixed(model.passing_score, 2),
            fixed(self.policy.max_penalty, 2),
            fixed(model.reference_words, 0),
            self.verdict(s.verdict),
        )?;
        self.out.flush()
    }
}
