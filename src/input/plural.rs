//! The gettext `Plural-Forms` formula (`plural=(n==1 ? 0 : n==2 ? 1 : 2);`),
//! read to learn which plural forms stand for one number only: such a form
//! may say its number in words (Hebrew `שנתיים`, "two years") and leave out
//! the source's placeholders.

/// The most forms an entry may have (PO `msgstr`, the units of an XLIFF
/// plural group). Each is a unit that holds a copy of the entry's sources
/// and is checked against them, so a string of a megabyte with thousands
/// of forms would take thousands of times the file's size in memory (a 2
/// MB PO file, 300 forms: 4.8 GB); no language has more than six plural
/// forms.
pub(super) const MAX_FORMS: usize = 8;

/// A catalog's plural forms, from the value of its `Plural-Forms` header
/// field (`nplurals=2; plural=(n != 1);`).
#[derive(Debug, Default)]
pub(super) struct PluralForms {
    /// How many forms the language has (`nplurals`), if it says.
    pub count: Option<usize>,
    /// Which forms stand for one number only; none when the formula
    /// cannot be read.
    pub single: Vec<bool>,
}

impl PluralForms {
    /// The plural forms `value` names.
    pub(super) fn of(value: &str) -> PluralForms {
        let count = value
            .split_once("nplurals=")
            .and_then(|(_, n)| n.split(';').next())
            .and_then(|n| n.trim().parse().ok());
        let formula = value.split_once("plural=").map_or("", |(_, f)| f);
        PluralForms {
            count,
            single: known_single_number_forms(formula),
        }
    }
}

/// [`single_number_forms`], none when the formula cannot be read. A run
/// reads the same few formulas in every file of a language, each worked
/// out by evaluating it two hundred times, so the answers are kept for the
/// run (a bounded number of short formulas).
fn known_single_number_forms(formula: &str) -> Vec<bool> {
    static KNOWN: std::sync::Mutex<Option<rustc_hash::FxHashMap<String, Vec<bool>>>> =
        std::sync::Mutex::new(None);
    const MOST_KEPT: usize = 256;
    const LONGEST_KEPT: usize = 512;
    let work = || single_number_forms(formula).unwrap_or_default();
    if formula.len() > LONGEST_KEPT {
        return work();
    }
    // A poisoned lock only means another thread panicked mid-insert; the
    // map is still a cache of correct answers.
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let known = known.get_or_insert_with(Default::default);
    if let Some(forms) = known.get(formula) {
        return forms.clone();
    }
    let forms = work();
    if known.len() >= MOST_KEPT {
        known.clear();
    }
    known.insert(formula.to_owned(), forms.clone());
    forms
}

/// The forms of the formula `expr` that exactly one `n` of 0 to 199
/// selects, by index; `None` when the formula cannot be read (then no form
/// is taken for one number). Formulas read `n % 10` and `n % 100`: two
/// hundred numbers show every form at least twice that is not for one.
pub(super) fn single_number_forms(expr: &str) -> Option<Vec<bool>> {
    let tokens = tokenize(expr)?;
    // The formula comes from the file: a real one has a few dozen tokens,
    // and a bound on their number bounds the tree, its depth, and the
    // recursion that reads, evaluates and drops it.
    if tokens.len() > MAX_TOKENS {
        return None;
    }
    // Parse once into a tree, then evaluate it for each n.
    let mut p = Parser {
        tokens: &tokens,
        at: 0,
    };
    let tree = p.ternary()?;
    if p.at != tokens.len() {
        return None;
    }
    let mut counts: Vec<u32> = Vec::new();
    for n in 0..200 {
        let form = usize::try_from(tree.eval(n)?).ok()?;
        if form > 16 {
            return None;
        }
        if counts.len() <= form {
            counts.resize(form + 1, 0);
        }
        counts[form] += 1;
    }
    Some(counts.into_iter().map(|c| c == 1).collect())
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    N,
    Num(i64),
    Op(&'static str),
}

fn tokenize(expr: &str) -> Option<Vec<Token>> {
    const OPS: [&str; 17] = [
        "==", "!=", "<=", ">=", "&&", "||", "<", ">", "%", "?", ":", "(", ")", "!", "+", "-", "*",
    ];
    let mut out = Vec::new();
    let mut rest = expr.trim().trim_end_matches(';');
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == 'n' {
            out.push(Token::N);
            rest = &rest[1..];
        } else if c.is_ascii_digit() {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            out.push(Token::Num(rest[..len].parse().ok()?));
            rest = &rest[len..];
        } else {
            let op = OPS.iter().find(|op| rest.starts_with(**op))?;
            out.push(Token::Op(op));
            rest = &rest[op.len()..];
        }
        if out.len() > 512 {
            return None;
        }
    }
    Some(out)
}

enum Tree {
    N,
    Num(i64),
    Not(Box<Tree>),
    Binary(&'static str, Box<Tree>, Box<Tree>),
    If(Box<Tree>, Box<Tree>, Box<Tree>),
}

impl Tree {
    fn eval(&self, n: i64) -> Option<i64> {
        Some(match self {
            Tree::N => n,
            Tree::Num(v) => *v,
            Tree::Not(t) => i64::from(t.eval(n)? == 0),
            Tree::If(c, a, b) => {
                if c.eval(n)? != 0 {
                    a.eval(n)?
                } else {
                    b.eval(n)?
                }
            }
            Tree::Binary(op, a, b) => {
                let (x, y) = (a.eval(n)?, b.eval(n)?);
                match *op {
                    "==" => i64::from(x == y),
                    "!=" => i64::from(x != y),
                    "<" => i64::from(x < y),
                    ">" => i64::from(x > y),
                    "<=" => i64::from(x <= y),
                    ">=" => i64::from(x >= y),
                    "&&" => i64::from(x != 0 && y != 0),
                    "||" => i64::from(x != 0 || y != 0),
                    "%" => x.checked_rem(y)?,
                    "+" => x.checked_add(y)?,
                    "-" => x.checked_sub(y)?,
                    "*" => x.checked_mul(y)?,
                    _ => return None,
                }
            }
        })
    }
}

/// The most tokens a formula may have; the longest in gettext's own table
/// (Arabic, six forms) has about sixty.
const MAX_TOKENS: usize = 256;

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
}

/// Binary operators by precedence, loosest first, as in C.
const LEVELS: [&[&str]; 6] = [
    &["||"],
    &["&&"],
    &["==", "!="],
    &["<", ">", "<=", ">="],
    &["+", "-"],
    &["*", "%"],
];

impl Parser<'_> {
    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.tokens.get(self.at), Some(Token::Op(o)) if *o == op) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ternary(&mut self) -> Option<Tree> {
        let cond = self.binary(0)?;
        if !self.eat("?") {
            return Some(cond);
        }
        let a = self.ternary()?;
        if !self.eat(":") {
            return None;
        }
        let b = self.ternary()?;
        Some(Tree::If(Box::new(cond), Box::new(a), Box::new(b)))
    }

    fn binary(&mut self, level: usize) -> Option<Tree> {
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            let op = match self.tokens.get(self.at) {
                Some(Token::Op(op)) if LEVELS[level].contains(op) => *op,
                _ => return Some(left),
            };
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = Tree::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Option<Tree> {
        let token = self.tokens.get(self.at)?.clone();
        self.at += 1;
        match token {
            Token::N => Some(Tree::N),
            Token::Num(v) => Some(Tree::Num(v)),
            Token::Op("!") => Some(Tree::Not(Box::new(self.unary()?))),
            Token::Op("(") => {
                let inner = self.ternary()?;
                self.eat(")").then_some(inner)
            }
            Token::Op(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_for_one_number() {
        // English: form 0 is n == 1 only.
        assert_eq!(single_number_forms("(n != 1)"), Some(vec![true, false]));
        // French: form 0 is 0 and 1.
        assert_eq!(single_number_forms("(n > 1)"), Some(vec![false, false]));
        // Hebrew: one, two, then the rest.
        assert_eq!(
            single_number_forms("(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: 2;"),
            Some(vec![true, true, false])
        );
        // Arabic: zero, one, two, few, many, other.
        assert_eq!(
            single_number_forms(
                "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5)"
            ),
            Some(vec![true, true, true, false, false, false])
        );
        // Russian: none of its forms is one number.
        assert_eq!(
            single_number_forms(
                "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2)"
            ),
            Some(vec![false, false, false])
        );
        assert_eq!(single_number_forms("n %% 2"), None);
        assert_eq!(single_number_forms("(n == 1"), None);
        assert_eq!(single_number_forms("n % 0"), None);
    }

    #[test]
    fn formulas_from_a_hostile_file_end_in_none() {
        for formula in [
            "(".repeat(100_000) + "n" + &")".repeat(100_000),
            "!".repeat(100_000) + "n",
            "n".to_owned() + &"+1".repeat(100_000),
            "n?".repeat(50_000) + "0" + &":0".repeat(50_000),
        ] {
            assert_eq!(single_number_forms(&formula), None);
        }
    }
}
