//! Suppression comments: silencing single findings in the text itself
//! without turning a rule off.
//!
//! Suppression comments are HTML comments, so they are invisible in
//! rendered Markdown and HTML; in plain text they are read the same way:
//!
//! ```text
//! <!-- mtlint-disable glossary:nl-support-vs -->     from here on, that rule is off
//! <!-- mtlint-enable -->                             every rule is on again
//! <!-- mtlint-disable-next-line RULE, RULE -->       only the next line
//! <!-- mtlint-disable -->                            every rule, until enabled
//! <!-- mtlint-disable RULE -- why: quoted source --> text after `--` is a reason
//! ```
//!
//! Findings inside a suppression comment (its rule ids are not prose) are
//! always dropped. `mtlint-enable RULE` ends what `mtlint-disable RULE` started;
//! `mtlint-enable` without a rule ends every region. A region without an
//! `enable` runs to the end of the file. A finding is suppressed when its
//! first byte is inside a region, or on the line after a
//! `disable-next-line`, for one of the comment's rules (or any rule when it
//! names none). A comment (or a rule in it) that suppresses nothing is
//! *unused*: [`apply_suppressions`] returns it so that
//! `--report-unused-suppressions` can report it as a finding of
//! [`UNUSED_RULE_ID`].

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use regex::Regex;

use crate::matcher::Hit;
use crate::rule::{Category, Rule, Severity};
use crate::score::{Finding, Weights, score, sort_findings};
use crate::text::{Document, Span};

/// The rule id of an unused suppression.
pub const UNUSED_RULE_ID: &str = "mtlint:unused-suppression";

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `mtlint-disable`: starts a region.
    Disable,
    /// `mtlint-enable`: ends regions.
    Enable,
    /// `mtlint-disable-next-line`: the line after the comment.
    DisableNextLine,
}

impl DirectiveKind {
    /// The word after `mtlint-` in the comment.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "mtlint-disable",
            DirectiveKind::Enable => "mtlint-enable",
            DirectiveKind::DisableNextLine => "mtlint-disable-next-line",
        }
    }
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    /// The rule ids it names; empty means every rule.
    pub rules: Vec<String>,
}

fn directive_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--[ \t]*mtlint-(disable-next-line|disable|enable)\b((?s:.*?))-->")
            .expect("the directive regex is valid")
    })
}

/// Every suppression comment in `text`, in order.
pub fn directives(text: &str) -> Vec<Directive> {
    directive_regex()
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("group 0 always matches");
            let kind = match &c[1] {
                "disable" => DirectiveKind::Disable,
                "enable" => DirectiveKind::Enable,
                _ => DirectiveKind::DisableNextLine,
            };
            let args = &c[2];
            // ` -- reason` documents the comment and names no rule.
            let args = args.split(" --").next().unwrap_or("");
            let rules = args
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            Directive {
                kind,
                span: Span::new(whole.start(), whole.end()),
                rules,
            }
        })
        .collect()
}

/// The suppression comments in force where one part of a file read in
/// parts ends, carried into the next part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carry {
    /// The rules of `mtlint-disable` regions still open (`None`: every
    /// rule).
    pub open: Vec<Option<String>>,
    /// `mtlint-disable-next-line` rules whose line is in a later part:
    /// the 1-based line in the file, and the rule.
    pub next_line: Vec<(usize, Option<String>)>,
}

impl Carry {
    /// What is carried past `text`, a part whose first line is the file's
    /// 1-based line `first_line`, when `self` was carried into it.
    pub fn through(&self, text: &str, first_line: usize) -> Carry {
        let mut open = self.open.clone();
        let mut next_line = Vec::new();
        let mut line = first_line;
        let mut counted = 0;
        let last_line = first_line + memchr::memchr_iter(b'\n', text.as_bytes()).count();
        for d in directives(text) {
            let rules: Vec<Option<String>> = if d.rules.is_empty() {
                vec![None]
            } else {
                d.rules.iter().cloned().map(Some).collect()
            };
            match d.kind {
                DirectiveKind::Disable => open.extend(rules),
                DirectiveKind::Enable => open.retain(|rule| {
                    !(d.rules.is_empty() || rule.as_ref().is_some_and(|r| d.rules.contains(r)))
                }),
                DirectiveKind::DisableNextLine => {
                    line += text.as_bytes()[counted..d.span.end]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    counted = d.span.end;
                    if line + 1 >= last_line {
                        next_line.extend(rules.into_iter().map(|r| (line + 1, r)));
                    }
                }
            }
        }
        // A next-line comment carried into this part may reach past it
        // only if this part is within one line.
        next_line.extend(
            self.next_line
                .iter()
                .filter(|(l, _)| *l >= last_line)
                .cloned(),
        );
        Carry { open, next_line }
    }

    /// Nothing is carried.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty() && self.next_line.is_empty()
    }
}

/// Where one rule (or every rule) of one comment is off.
struct Scope {
    directive: usize,
    rule: Option<String>,
    /// Byte range for a region; ignored for `disable-next-line`.
    start: usize,
    end: usize,
    /// The 1-based line a `disable-next-line` covers.
    line: Option<usize>,
    used: bool,
    /// Opened in an earlier part of the file (never reported unused: its
    /// comment was reported with that part), or still open where this
    /// part ends and the file goes on (it may be used later).
    carried: bool,
}

/// The names under which a comment can name the rule `id`: the whole id,
/// and the id without its `glossary:` or `heuristic:` namespace, which is
/// easy to leave out (`mtlint-disable nl-give-out`).
fn names(id: &str) -> impl Iterator<Item = &str> {
    let bare = id
        .split_once(':')
        .map(|(_, bare)| bare)
        .filter(|bare| !bare.contains(':'));
    std::iter::once(id).chain(bare)
}

/// Where the scopes under one name (or the scopes of every rule) are: byte
/// regions, merged and sorted, and lines.
#[derive(Default)]
struct Coverage {
    regions: Vec<(usize, usize)>,
    lines: HashSet<usize>,
}

impl Coverage {
    fn covers(&self, start: usize, line: usize) -> bool {
        self.lines.contains(&line) || {
            let i = self.regions.partition_point(|&(_, end)| end <= start);
            self.regions.get(i).is_some_and(|&(from, _)| from <= start)
        }
    }
}

/// Where the findings under one name (or every finding) are: their first
/// bytes, sorted, and their lines.
#[derive(Default)]
struct Found {
    starts: Vec<usize>,
    lines: HashSet<usize>,
}

/// The findings that no suppression comment in `doc` silences, and the
/// unused comments as findings of [`UNUSED_RULE_ID`] (minor, style,
/// confidence 1), sorted like any findings.
///
/// In a part of a file read in parts, `carry` is what the comments of the
/// parts before left in force ([`Carry::through`]).
pub fn apply_suppressions(
    doc: &Document,
    findings: Vec<Finding>,
    weights: &Weights,
    carry: &Carry,
) -> (Vec<Finding>, Vec<Finding>) {
    let directives = directives(&doc.text);
    if directives.is_empty() && carry.is_empty() {
        return (findings, Vec::new());
    }
    let mut scopes: Vec<Scope> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for rule in &carry.open {
        open.push(scopes.len());
        scopes.push(Scope {
            directive: usize::MAX,
            rule: rule.clone(),
            start: 0,
            end: doc.text.len(),
            line: None,
            used: false,
            carried: true,
        });
    }
    for (line, rule) in &carry.next_line {
        scopes.push(Scope {
            directive: usize::MAX,
            rule: rule.clone(),
            start: 0,
            end: 0,
            line: Some(*line),
            used: false,
            carried: true,
        });
    }
    for (i, d) in directives.iter().enumerate() {
        let rules: Vec<Option<String>> = if d.rules.is_empty() {
            vec![None]
        } else {
            d.rules.iter().cloned().map(Some).collect()
        };
        match d.kind {
            DirectiveKind::Disable => {
                for rule in rules {
                    open.push(scopes.len());
                    scopes.push(Scope {
                        directive: i,
                        rule,
                        start: d.span.end,
                        end: doc.text.len(),
                        line: None,
                        used: false,
                        carried: false,
                    });
                }
            }
            DirectiveKind::Enable => {
                open.retain(|&s| {
                    let closes = d.rules.is_empty()
                        || scopes[s].rule.as_ref().is_some_and(|r| d.rules.contains(r));
                    if closes {
                        scopes[s].end = d.span.start;
                    }
                    !closes
                });
            }
            DirectiveKind::DisableNextLine => {
                let (line, _) = doc.line_col(d.span.end);
                for rule in rules {
                    scopes.push(Scope {
                        directive: i,
                        rule,
                        start: 0,
                        end: 0,
                        line: Some(line + 1),
                        used: false,
                        carried: false,
                    });
                }
            }
        }
    }
    if !doc.ends_file() {
        // What reaches past this part may be used in the next one.
        let (last_line, _) = doc.line_col(doc.text.len());
        for &s in &open {
            scopes[s].carried = true;
        }
        for scope in &mut scopes {
            if scope.line.is_some_and(|l| l >= last_line) {
                scope.carried = true;
            }
        }
    }
    // Each finding is looked up under the names that can name its rule,
    // and each scope under its own: a few map and binary-search steps per
    // finding and per scope, however many of both a file has.
    let key = |rule: &Option<String>| rule.clone();
    let mut coverage: HashMap<Option<String>, Coverage> = HashMap::new();
    for scope in &scopes {
        let c = coverage.entry(key(&scope.rule)).or_default();
        match scope.line {
            Some(line) => {
                c.lines.insert(line);
            }
            None if scope.start < scope.end => c.regions.push((scope.start, scope.end)),
            None => {}
        }
    }
    for c in coverage.values_mut() {
        c.regions.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(c.regions.len());
        for &(start, end) in &c.regions {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        c.regions = merged;
    }
    let in_comment = |span: &Span| {
        // The comments are mtlint's own markup: the rule ids in them
        // ("nl-comfort-girls") are not prose to check. They are sorted and
        // do not overlap.
        let i = directives.partition_point(|d| d.span.end <= span.start);
        directives.get(i).is_some_and(|d| d.span.overlaps(span))
    };
    let mut found: HashMap<Option<String>, Found> = HashMap::new();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        if in_comment(&f.hit.span) {
            continue;
        }
        let start = f.hit.span.start;
        let (line, _) = doc.line_col(start);
        let under: Vec<Option<String>> = names(&f.hit.rule.id)
            .map(|n| Some(n.to_owned()))
            .chain([None])
            .collect();
        let suppressed = under
            .iter()
            .any(|k| coverage.get(k).is_some_and(|c| c.covers(start, line)));
        for k in under {
            let at = found.entry(k).or_default();
            at.starts.push(start);
            at.lines.insert(line);
        }
        if !suppressed {
            kept.push(f);
        }
    }
    for at in found.values_mut() {
        at.starts.sort_unstable();
    }
    // A scope is used when a finding it names is where it reaches.
    for scope in &mut scopes {
        let Some(at) = found.get(&key(&scope.rule)) else {
            continue;
        };
        scope.used = match scope.line {
            Some(line) => at.lines.contains(&line),
            None => {
                let i = at.starts.partition_point(|&s| s < scope.start);
                at.starts.get(i).is_some_and(|&s| s < scope.end)
            }
        };
    }
    let mut unused: Vec<Finding> = scopes
        .iter()
        .filter(|s| !s.used && !s.carried)
        .map(|s| {
            let d = &directives[s.directive];
            let what = match &s.rule {
                Some(rule) => format!("`{} {rule}`", d.kind.as_str()),
                None => format!("`{}`", d.kind.as_str()),
            };
            let rule = Rule {
                id: UNUSED_RULE_ID.to_owned(),
                category: Category::Style,
                severity: Severity::Minor,
                note: format!("{what} suppresses no finding: remove it (or check the rule id)"),
                order: usize::MAX,
            };
            score(
                Hit {
                    rule: Arc::new(rule),
                    span: d.span,
                    suggestions: Vec::new(),
                    confidence: 1.0,
                    fix: None,
                },
                weights,
            )
        })
        .collect();
    sort_findings(&mut unused);
    (kept, unused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::Category;

    fn finding(doc: &Document, text: &str, rule: &str) -> Finding {
        let start = doc.text.find(text).unwrap();
        let rule = Rule {
            id: rule.to_owned(),
            category: Category::Mistranslation,
            severity: Severity::Major,
            note: String::new(),
            order: 0,
        };
        score(
            Hit {
                rule: Arc::new(rule),
                span: Span::new(start, start + text.len()),
                suggestions: Vec::new(),
                confidence: 1.0,
                fix: None,
            },
            &Weights::default(),
        )
    }

    fn kept_and_unused(text: &str, flagged: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
        let doc = Document::new("t.md", text);
        let findings = flagged.iter().map(|(t, r)| finding(&doc, t, r)).collect();
        let (kept, unused) =
            apply_suppressions(&doc, findings, &Weights::default(), &Carry::default());
        (
            kept.iter()
                .map(|f| doc.text[f.hit.span.range()].to_owned())
                .collect(),
            unused.iter().map(|f| f.hit.rule.note.clone()).collect(),
        )
    }

    #[test]
    fn directives_parse_rules_and_reasons() {
        let d = directives(
            "a <!-- mtlint-disable-next-line x:a, x:b -- quoted --> b <!--mtlint-enable-->",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].kind, DirectiveKind::DisableNextLine);
        assert_eq!(d[0].rules, ["x:a", "x:b"]);
        assert_eq!(d[1].kind, DirectiveKind::Enable);
        assert!(d[1].rules.is_empty());
        assert!(directives("<!-- mtlint-disabled x -->").is_empty());
    }

    #[test]
    fn regions_suppress_until_enabled() {
        let text = "one bad\n<!-- mtlint-disable r:a -->\ntwo bad\n<!-- mtlint-enable r:a -->\nthree bad\n";
        let (kept, unused) = kept_and_unused(
            text,
            &[("one bad", "r:a"), ("two bad", "r:a"), ("three bad", "r:a")],
        );
        assert_eq!(kept, ["one bad", "three bad"]);
        assert!(unused.is_empty());
    }

    #[test]
    fn a_region_is_for_its_rules_only() {
        let text = "<!-- mtlint-disable r:a -->\ntwo bad\n";
        let (kept, _) = kept_and_unused(text, &[("two bad", "r:b")]);
        assert_eq!(kept, ["two bad"]);
        let text = "<!-- mtlint-disable -->\ntwo bad\n";
        let (kept, _) = kept_and_unused(text, &[("two bad", "r:b")]);
        assert!(kept.is_empty(), "no rule named: every rule");
    }

    #[test]
    fn next_line_is_only_the_next_line() {
        let text = "<!-- mtlint-disable-next-line r:a -->\nfirst bad\nsecond bad\n";
        let (kept, unused) = kept_and_unused(text, &[("first bad", "r:a"), ("second bad", "r:a")]);
        assert_eq!(kept, ["second bad"]);
        assert!(unused.is_empty());
    }

    #[test]
    fn unused_suppressions_are_reported_per_rule() {
        let text =
            "<!-- mtlint-disable-next-line r:a r:b -->\nfirst bad\n<!-- mtlint-disable r:c -->\n";
        let (kept, unused) = kept_and_unused(text, &[("first bad", "r:a")]);
        assert!(kept.is_empty());
        assert_eq!(
            unused,
            [
                "`mtlint-disable-next-line r:b` suppresses no finding: remove it (or check the rule id)",
                "`mtlint-disable r:c` suppresses no finding: remove it (or check the rule id)",
            ]
        );
    }
}
