//! The `html` format (`report.html`): one self-contained audit report to
//! open in a browser, offline or from an e-mail attachment.
//!
//! The file is written as the run goes: the page's head and style first,
//! then each document as it is done, as one JSON data block (`<script
//! type="application/json">`, which a browser never runs or shows): its
//! file name, text, summary and findings, offsets in UTF-16 code units as
//! a script counts them. When the run ends come the rule table, the
//! scorecard and the charts (inline SVG, drawn here) and the script that
//! shows the documents. Nothing is fetched: no network, no font, no
//! external script, and a Content-Security-Policy that forbids them.
//!
//! The script renders one document (or, for a long one, one part of a few
//! hundred findings) at a time, and the findings list a page at a time, so
//! a report of a million findings opens as fast as its data parses.
//!
//! Text from the input reaches the page only as data: in the JSON blocks
//! every `<`, `>` and `&` is a `\u` escape (so `</script>` in a file cannot
//! end a block), the script puts it into the page with `textContent`, never
//! as markup, and what is drawn here (file names in the charts, the
//! scorecard) is HTML-escaped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use super::json::round;
use crate::check::Checked;
use crate::rule::{Category, Severity};
use crate::score::{Policy, RunTotals};
use crate::text::Document;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// At most this many documents get a bar of their own in the chart of
/// scores; more are drawn as a histogram.
const BARS_MAX: usize = 40;

/// `s` escaped for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON bytes made safe inside a `<script>` element: `<`, `>` and `&` as
/// `\u` escapes (they only occur inside strings), and U+2028/U+2029 too.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One finding in a data block: UTF-16 start and end, rule index,
/// confidence, score, suggestions, line, column.
type HtmlFinding<'a> = (usize, usize, usize, f64, f64, &'a [String], usize, usize);

/// One document as its data block holds it.
#[derive(Serialize)]
struct HtmlDocument<'a> {
    file: String,
    text: &'a str,
    words: usize,
    penalty: f64,
    quality: f64,
    calibrated: f64,
    verdict: &'static str,
    findings: Vec<HtmlFinding<'a>>,
}

/// Byte offsets of `text` as UTF-16 offsets, for offsets given in any
/// order: one pass over the text up to the largest.
fn utf16_offsets(text: &str, offsets: &[usize]) -> HashMap<usize, usize> {
    let mut sorted: Vec<usize> = offsets.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut map = HashMap::with_capacity(sorted.len());
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    for offset in sorted {
        while byte < offset {
            match chars.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    unit += c.len_utf16();
                }
                None => break,
            }
        }
        map.insert(offset, unit);
    }
    map
}

/// What the chart of scores shows of a document.
struct Scored {
    file: String,
    quality: f64,
    failed: bool,
}

/// Writes `report.html`.
pub struct Html<W: Write> {
    out: W,
    policy: Policy,
    run: RunTotals,
    /// Rule id → index in `rules`.
    rule_index: HashMap<String, usize>,
    /// id, category, severity, note.
    rules: Vec<(String, &'static str, &'static str, String)>,
    scored: Vec<Scored>,
    started: bool,
}

impl<W: Write> Html<W> {
    /// An HTML report into `out`, scored by `policy`.
    pub fn new(out: W, policy: Policy) -> Self {
        Html {
            out,
            policy,
            run: RunTotals::default(),
            rule_index: HashMap::new(),
            rules: Vec::new(),
            scored: Vec::new(),
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"generator\" content=\"mtlint {}\">\n\
             <title>mtlint audit report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION")
        )
    }
}

impl<W: Write> Report for Html<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        self.start()?;
        let s = &checked.summary;
        // A file read in parts is shown part by part, each with the
        // file's summary so far; the run counts it once, at its end.
        if doc.ends_file() {
            self.run.add(s);
        }
        let offsets: Vec<usize> = checked
            .findings
            .iter()
            .flat_map(|f| [f.hit.span.start, f.hit.span.end])
            .collect();
        let units = utf16_offsets(&doc.text, &offsets);
        let mut findings = Vec::with_capacity(checked.findings.len());
        for f in &checked.findings {
            let rule = &f.hit.rule;
            let index = match self.rule_index.get(&rule.id) {
                Some(&i) => i,
                None => {
                    let i = self.rules.len();
                    self.rule_index.insert(rule.id.clone(), i);
                    self.rules.push((
                        rule.id.clone(),
                        rule.category.as_str(),
                        rule.severity.as_str(),
                        rule.note.clone(),
                    ));
                    i
                }
            };
            let (line, column) = doc.line_col(f.hit.span.start);
            findings.push((
                units[&f.hit.span.start],
                units[&f.hit.span.end],
                index,
                round(f.hit.confidence, 3),
                round(f.score, 3),
                f.hit.suggestions.as_slice(),
                line,
                column,
            ));
        }
        let file = match doc.part {
            Some(part) => format!("{} (part {})", doc.display_path(), part.index + 1),
            None => doc.display_path(),
        };
        let data = HtmlDocument {
            file,
            text: &doc.text,
            words: s.words,
            penalty: round(s.penalty, 2),
            quality: round(s.quality, 2),
            calibrated: round(s.calibrated_quality, 2),
            verdict: s.verdict.as_str(),
            findings,
        };
        let json = serde_json::to_string(&data)?;
        writeln!(
            self.out,
            "<script type=\"application/json\" class=\"mtlint-doc\">{}</script>",
            script_safe(&json)
        )?;
        if doc.ends_file() {
            self.scored.push(Scored {
                file: doc.display_path(),
                quality: s.quality,
                failed: s.verdict == crate::score::Verdict::Fail,
            });
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.start()?;
        let rules = serde_json::to_string(&self.rules)?;
        writeln!(
            self.out,
            "<script type=\"application/json\" id=\"mtlint-rules\">{}</script>",
            script_safe(&rules)
        )?;
        let overview = self.overview();
        self.out.write_all(overview.as_bytes())?;
        write!(self.out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n")?;
        self.out.flush()
    }
}

/// Colours of the severities, as the style sheet has them.
const COLOURS: [&str; 3] = ["#d9a400", "#e0661b", "#c4162a"];

impl<W: Write> Html<W> {
    /// The page above the documents: the run's scorecard, the charts, the
    /// filters and the places the script fills.
    fn overview(&self) -> String {
        let s = self.run.summary(&self.policy);
        let model = &self.policy.model;
        let mut h = String::new();
        let _ = write!(
            h,
            "<header><h1>mtlint audit report</h1><p class=\"verdict {v}\">{docs} document{plural}, {failed} failed · {words} words · {findings} findings · quality {q} of {msv} (raw), {c} calibrated (passing at {pt}) · <strong>{V}</strong></p></header>\n<main>\n<section id=\"scorecard\" aria-labelledby=\"scorecard-h\"><h2 id=\"scorecard-h\">MQM scorecard</h2>\n",
            v = s.verdict.as_str(),
            docs = self.run.documents,
            plural = if self.run.documents == 1 { "" } else { "s" },
            failed = self.run.failed,
            words = s.words,
            findings = s.findings,
            q = fmt2(s.quality),
            msv = fmt0(model.max_score),
            c = fmt2(s.calibrated_quality),
            pt = fmt2(model.passing_score),
            V = s.verdict.as_str().to_uppercase(),
        );
        h.push_str("<table class=\"card\"><thead><tr><th scope=\"col\">category</th><th scope=\"col\">minor</th><th scope=\"col\">major</th><th scope=\"col\">critical</th><th scope=\"col\">penalty</th></tr></thead><tbody>");
        for category in s.scorecard.categories() {
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                category.as_str(),
                s.scorecard.count(category, Severity::Minor),
                s.scorecard.count(category, Severity::Major),
                s.scorecard.count(category, Severity::Critical),
                fmt2(s.scorecard.penalties[category.index()]),
            );
        }
        let _ = write!(
            h,
            "</tbody><tfoot><tr><th scope=\"row\">total</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tfoot></table>\n\
             <p class=\"formula\">APT {} over EWC {} words: NPT {} per {} words; raw quality (1 − APT/EWC) × {} = {}; calibrated {} − NPT × ({} − {}) / {} = {}.</p>\n",
            s.minor,
            s.major,
            s.critical,
            fmt2(s.penalty),
            fmt2(s.penalty),
            s.words,
            fmt2(s.normed_penalty),
            fmt0(model.reference_words),
            fmt0(model.max_score),
            fmt2(s.quality),
            fmt0(model.max_score),
            fmt0(model.max_score),
            fmt2(model.passing_score),
            fmt2(self.policy.max_penalty),
            fmt2(s.calibrated_quality),
        );
        h.push_str("<div class=\"charts\">");
        h.push_str(&self.score_chart());
        h.push_str(&category_chart(&s.scorecard));
        h.push_str("</div></section>\n");
        h.push_str(PAGE);
        h
    }

    /// Raw quality per document: a bar each, or a histogram for many.
    fn score_chart(&self) -> String {
        let max = self.policy.model.max_score;
        let mut svg = String::new();
        if self.scored.len() <= BARS_MAX {
            let height = 24 + 18 * self.scored.len();
            let _ = write!(
                svg,
                "<figure><figcaption>Quality per document (raw, 0–{})</figcaption><svg role=\"img\" aria-label=\"Quality per document\" viewBox=\"0 0 520 {height}\" width=\"520\" height=\"{height}\">",
                fmt0(max)
            );
            for (i, d) in self.scored.iter().enumerate() {
                let y = 4 + 18 * i;
                let width = (d.quality.max(0.0) / max * 300.0).min(300.0);
                // The end of a long path says most.
                let chars = d.file.chars().count();
                let name: String = if chars > 28 {
                    std::iter::once('…')
                        .chain(d.file.chars().skip(chars - 27))
                        .collect()
                } else {
                    d.file.clone()
                };
                let _ = write!(
                    svg,
                    "<text x=\"176\" y=\"{ty}\" text-anchor=\"end\" class=\"label\">{name}</text><rect x=\"180\" y=\"{y}\" width=\"{width:.1}\" height=\"14\" class=\"{cls}\"><title>{full}: {q}</title></rect><text x=\"{tx:.1}\" y=\"{ty}\" class=\"value\">{q}</text>",
                    ty = y + 11,
                    name = escape_html(&name),
                    cls = if d.failed { "bar fail" } else { "bar pass" },
                    full = escape_html(&d.file),
                    q = fmt2(d.quality),
                    tx = 184.0 + width,
                );
            }
            svg.push_str("</svg></figure>");
        } else {
            // Ten buckets of the scale, the lowest taking everything below.
            let mut buckets = [0usize; 10];
            for d in &self.scored {
                let b = ((d.quality / max * 10.0).floor().max(0.0) as usize).min(9);
                buckets[b] += 1;
            }
            let most = buckets.iter().copied().max().unwrap_or(1).max(1);
            let _ = write!(
                svg,
                "<figure><figcaption>Documents by quality (raw, 0–{})</figcaption><svg role=\"img\" aria-label=\"Documents by quality\" viewBox=\"0 0 520 220\" width=\"520\" height=\"220\">",
                fmt0(max)
            );
            for (i, n) in buckets.iter().enumerate() {
                let h = *n as f64 / most as f64 * 170.0;
                let x = 20 + 48 * i;
                let _ = write!(
                    svg,
                    "<rect x=\"{x}\" y=\"{y:.1}\" width=\"40\" height=\"{h:.1}\" class=\"bar pass\"><title>{lo}–{hi}: {n}</title></rect><text x=\"{cx}\" y=\"214\" text-anchor=\"middle\" class=\"label\">{lo}</text><text x=\"{cx}\" y=\"{vy:.1}\" text-anchor=\"middle\" class=\"value\">{n}</text>",
                    y = 190.0 - h,
                    lo = fmt0(max * i as f64 / 10.0),
                    hi = fmt0(max * (i + 1) as f64 / 10.0),
                    cx = x + 20,
                    vy = 186.0 - h,
                );
            }
            svg.push_str("</svg></figure>");
        }
        svg
    }
}

/// Findings by category, stacked by severity.
fn category_chart(card: &crate::score::Scorecard) -> String {
    let categories: Vec<Category> = card.categories().collect();
    let most = categories
        .iter()
        .map(|c| card.category_total(*c))
        .max()
        .unwrap_or(1)
        .max(1);
    let height = 40 + 20 * categories.len();
    let mut svg = format!(
        "<figure><figcaption>Findings by category and severity</figcaption><svg role=\"img\" aria-label=\"Findings by category and severity\" viewBox=\"0 0 520 {height}\" width=\"520\" height=\"{height}\">"
    );
    for (i, category) in categories.iter().enumerate() {
        let y = 4 + 20 * i;
        let _ = write!(
            svg,
            "<text x=\"126\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>",
            y + 12,
            category.as_str()
        );
        let mut x = 130.0;
        for (severity, colour) in Severity::ALL.into_iter().zip(COLOURS) {
            let n = card.count(*category, severity);
            if n == 0 {
                continue;
            }
            let w = n as f64 / most as f64 * 330.0;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"><title>{category} {severity}: {n}</title></rect>",
            );
            x += w;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" class=\"value\">{}</text>",
            x + 4.0,
            y + 12,
            card.category_total(*category)
        );
    }
    let y = height - 14;
    for (i, (severity, colour)) in Severity::ALL.into_iter().zip(COLOURS).enumerate() {
        let x = 130 + 90 * i;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" class=\"label\">{severity}</text>",
            y - 10,
            x + 16,
            y
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

fn fmt2(value: f64) -> String {
    super::fixed(value, 2)
}

fn fmt0(value: f64) -> String {
    super::fixed(value, 0)
}

/// The places the script fills: filters, the documents, the text, the
/// findings list, the tooltip.
const PAGE: &str = r#"<section id="filters" aria-labelledby="filters-h"><h2 id="filters-h">Filters</h2>
<form id="filter-form" onsubmit="return false">
<fieldset><legend>Severity</legend>
<label><input type="checkbox" name="severity" value="minor" checked> minor</label>
<label><input type="checkbox" name="severity" value="major" checked> major</label>
<label><input type="checkbox" name="severity" value="critical" checked> critical</label>
</fieldset>
<label>Category <select id="filter-category"><option value="">all</option></select></label>
<label>Rule <select id="filter-rule"><option value="">all</option></select></label>
<label>File <input id="filter-file" type="search" placeholder="part of the file name"></label>
<output id="filter-count" aria-live="polite"></output>
</form></section>
<section id="documents" aria-labelledby="documents-h"><h2 id="documents-h">Documents</h2>
<table class="docs"><thead><tr><th scope="col">file</th><th scope="col">words</th><th scope="col">findings</th><th scope="col">penalty</th><th scope="col">quality</th><th scope="col">calibrated</th><th scope="col">verdict</th></tr></thead><tbody id="doc-rows"></tbody></table>
<nav class="pager" id="doc-pager" aria-label="Document pages"></nav></section>
<section id="viewer" aria-labelledby="viewer-h"><h2 id="viewer-h">Text</h2>
<p id="viewer-file" class="file"></p>
<nav class="pager" id="part-pager" aria-label="Parts of the document"></nav>
<div id="text" class="text" tabindex="-1"></div></section>
<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>
<table class="list"><thead><tr><th scope="col">file</th><th scope="col">line:col</th><th scope="col">severity</th><th scope="col">category</th><th scope="col">rule</th><th scope="col">text</th><th scope="col">suggestion</th></tr></thead><tbody id="finding-rows"></tbody></table>
<nav class="pager" id="finding-pager" aria-label="Finding pages"></nav></section>
</main>
<div id="tip" role="tooltip" hidden></div>
<noscript><p>The documents and findings need JavaScript; the scorecard above does not.</p></noscript>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_end_its_block() {
        let json = serde_json::to_string("</script><!-- & \u{2028}").expect("json");
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, "</script><!-- & \u{2028}");
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "a😀é b";
        let map = utf16_offsets(text, &[text.len(), 0, 1, 5]);
        assert_eq!((map[&0], map[&1], map[&5]), (0, 1, 3));
        assert_eq!(map[&text.len()], 6);
    }

    #[test]
    fn html_escape() {
        assert_eq!(
            escape_html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
