//! The vocabulary every stage shares: what a rule is, its MQM category and
//! severity.

use std::fmt;
use std::str::FromStr;

/// One rule in force: a glossary entry or a detector. Hits point at their
/// rule, and reports print its id, category, severity and note.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Stable, namespaced id as printed in reports: `glossary:<entry-id>`.
    pub id: String,
    /// MQM error category.
    pub category: Category,
    /// MQM severity.
    pub severity: Severity,
    /// Why this is wrong, shown in every report (may be empty).
    pub note: String,
    /// Position among all loaded rules; the last tie-breaker between
    /// overlapping hits (earlier wins).
    pub order: usize,
}

/// An MQM severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Awkward or unidiomatic, but the meaning comes through.
    Minor,
    /// The meaning changes or the reader is misled.
    Major,
    /// Seriously misleading, offensive, or unusable.
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    /// The position in [`Severity::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The level of a finding of this severity in every report that has
    /// levels (the human output, SARIF, GitHub annotations): a minor
    /// finding is a `warning`, a major or critical one an `error`.
    pub fn level(self) -> &'static str {
        match self {
            Severity::Minor => "warning",
            Severity::Major | Severity::Critical => "error",
        }
    }

    /// The name used in glossaries and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

/// An MQM error category, as mtlint names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// The meaning of the source is rendered wrongly.
    Mistranslation,
    /// A term of art or established name is rendered wrongly.
    Terminology,
    /// Source-language text left as it was.
    Untranslated,
    /// Content of the source is missing.
    Omission,
    /// Content not in the source was added.
    Addition,
    /// Ungrammatical target text.
    Grammar,
    /// Misspelling.
    Spelling,
    /// Wrong or missing punctuation.
    Punctuation,
    /// Unidiomatic or wrong register.
    Style,
    /// Text that is not words at all.
    Garbled,
}

impl Category {
    /// Every category, in the order the glossary documentation lists them.
    pub const ALL: [Category; 10] = [
        Category::Mistranslation,
        Category::Terminology,
        Category::Untranslated,
        Category::Omission,
        Category::Addition,
        Category::Grammar,
        Category::Spelling,
        Category::Punctuation,
        Category::Style,
        Category::Garbled,
    ];

    /// The position in [`Category::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in glossaries and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Mistranslation => "mistranslation",
            Category::Terminology => "terminology",
            Category::Untranslated => "untranslated",
            Category::Omission => "omission",
            Category::Addition => "addition",
            Category::Grammar => "grammar",
            Category::Spelling => "spelling",
            Category::Punctuation => "punctuation",
            Category::Style => "style",
            Category::Garbled => "garbled",
        }
    }
}

/// A value that is not one of the names a column accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was written.
    pub given: String,
    /// What is accepted, comma-separated.
    pub expected: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not one of {}", self.given, self.expected)
    }
}

fn parse_name<T: Copy>(s: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, UnknownName> {
    let wanted = s.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|&v| name(v) == wanted)
        .ok_or_else(|| UnknownName {
            given: s.to_owned(),
            expected: all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", "),
        })
}

impl FromStr for Severity {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(s, &Severity::ALL, Severity::as_str)
    }
}

impl FromStr for Category {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(s, &Category::ALL, Category::as_str)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>(), Ok(s));
        }
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(c));
        }
    }

    #[test]
    fn unknown_name_lists_the_accepted_ones() {
        let err = "huge".parse::<Severity>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`huge` is not one of minor, major, critical"
        );
    }

    #[test]
    fn severities_order_by_weight() {
        assert!(Severity::Minor < Severity::Major && Severity::Major < Severity::Critical);
    }
}
