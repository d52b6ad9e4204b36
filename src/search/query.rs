//! The query language, as people type it into search boxes: words (ranked
//! by how many of them a § matches), "phrases", `+must`, `-exclude` and
//! `NOT x`, `OR` (also `or`, `ELLER`, and `eller` between two words),
//! `AND` (also `and`, `OCH`: every item then required), a trailing `*` for
//! a prefix, `field:value` and `field:"a phrase"` with field names in any
//! case and in Swedish (`titel:`, `dnr:`, `nämnd:`, `parti:`, …), and
//! parentheses. Lower-case `och` and `inte` stay words: they are common in
//! titles and questions ("Krav- och kvalitetsbok", "varför byggs inte …").
//! Anything not understood is an error that points at its column: a query
//! never silently finds nothing because of its syntax.

use super::syntax::{Lexed, Tok, err, lex};
use crate::error::Result;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A run of bare words, as written ("Krav- och kvalitetsbok"), analysed
    /// together so elided compounds are seen.
    Words(String),
    /// A quoted phrase.
    Phrase(String),
    /// A word with a trailing `*`: the words it begins (`bud*`).
    Prefix(String),
    /// `field:value`, `field:"phrase"` or `field:prefix*`.
    Field {
        /// The field's query name (the schema's, whatever the query said).
        name: String,
        /// The value, a word or a phrase (a prefix keeps its `*`).
        value: String,
    },
    /// `+x` (or an item of an `AND`): x is required, never relaxed.
    Must(Box<Node>),
    /// `-x` or `NOT x`: documents matching x are excluded.
    Not(Box<Node>),
    /// All of these (their words ranked by how many match).
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
}

/// Parentheses nest at most this deep: the parser recurses on them, and a
/// query of thousands of `(` overflowed the stack (found by fuzzing).
pub const MAX_NESTING: usize = 64;

struct Parser<'a> {
    query: &'a str,
    toks: Vec<Lexed>,
    at: usize,
    /// Open parentheses around the current token.
    depth: usize,
}

fn op_name(query: &str, l: &Lexed) -> String {
    query[l.start..l.end].to_string()
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Lexed> {
        self.toks.get(self.at)
    }

    fn end_col(&self) -> usize {
        self.query.chars().count()
    }

    /// Whether the token after the current one can end an operand list
    /// (nothing, `OR`, `AND`, `)`).
    fn at_operand_end(&self) -> bool {
        self.peek()
            .is_none_or(|l| matches!(l.tok, Tok::Or | Tok::And | Tok::Close))
    }

    fn or_expr(&mut self) -> Result<Node> {
        let mut parts = vec![self.and_expr()?];
        while let Some(l) = self.peek() {
            if l.tok != Tok::Or {
                break;
            }
            let (col, name) = (l.col, op_name(self.query, l));
            self.at += 1;
            if self.at_operand_end() {
                return Err(err(
                    self.query,
                    col,
                    format!("{name} needs a term on both sides"),
                ));
            }
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap_or(Node::And(vec![]))
        } else {
            Node::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Node> {
        let mut items = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        let mut explicit_and = false;
        while let Some(l) = self.peek() {
            match &l.tok {
                Tok::Word(_) => {
                    run = Some(match run {
                        Some((s, _)) => (s, l.end),
                        None => (l.start, l.end),
                    });
                    self.at += 1;
                    continue;
                }
                Tok::And => {
                    let (col, name) = (l.col, op_name(self.query, l));
                    if run.is_none() && items.is_empty() {
                        return Err(err(
                            self.query,
                            col,
                            format!("{name} needs a term on both sides"),
                        ));
                    }
                    self.at += 1;
                    if self.at_operand_end() {
                        return Err(err(
                            self.query,
                            col,
                            format!("{name} needs a term on both sides"),
                        ));
                    }
                    explicit_and = true;
                    if let Some((s, e)) = run.take() {
                        items.push(Node::Words(self.query[s..e].to_string()));
                    }
                    continue;
                }
                Tok::Or | Tok::Close => break,
                _ => {}
            }
            if let Some((s, e)) = run.take() {
                items.push(Node::Words(self.query[s..e].to_string()));
            }
            items.push(self.unary()?);
        }
        if let Some((s, e)) = run.take() {
            items.push(Node::Words(self.query[s..e].to_string()));
        }
        if explicit_and {
            // "a AND b": both required, as in the search boxes it comes from.
            items = items
                .into_iter()
                .map(|n| match n {
                    Node::Not(_) | Node::Must(_) => n,
                    other => Node::Must(Box::new(other)),
                })
                .collect();
        }
        match items.len() {
            0 => {
                let col = self.peek().map_or(self.end_col(), |l| l.col);
                Err(err(self.query, col, "expected a word or phrase"))
            }
            1 => Ok(items.pop().unwrap_or(Node::And(vec![]))),
            _ => Ok(Node::And(items)),
        }
    }

    fn unary(&mut self) -> Result<Node> {
        let Some(l) = self.peek() else {
            return Err(err(self.query, self.end_col(), "expected a word or phrase"));
        };
        let col = l.col;
        match l.tok.clone() {
            op @ (Tok::Minus | Tok::Not | Tok::Plus) => {
                let name = op_name(self.query, l);
                self.at += 1;
                if self.peek().is_none_or(|l| {
                    matches!(
                        l.tok,
                        Tok::Or | Tok::And | Tok::Close | Tok::Minus | Tok::Not | Tok::Plus
                    )
                }) {
                    let what = if op == Tok::Plus {
                        "a term to require"
                    } else {
                        "a term to exclude"
                    };
                    return Err(err(self.query, col, format!("'{name}' needs {what}")));
                }
                // One word only: "-budget skola" excludes budget, finds skola.
                let inner = match self.peek().map(|l| l.tok.clone()) {
                    Some(Tok::Word(w)) => {
                        self.at += 1;
                        Node::Words(w)
                    }
                    _ => self.unary()?,
                };
                Ok(if op == Tok::Plus {
                    Node::Must(Box::new(inner))
                } else {
                    Node::Not(Box::new(inner))
                })
            }
            Tok::Open => {
                self.at += 1;
                if self.peek().is_some_and(|l| l.tok == Tok::Close) {
                    return Err(err(self.query, col, "empty parentheses"));
                }
                if self.depth == MAX_NESTING {
                    return Err(err(
                        self.query,
                        col,
                        format!("parentheses nested more than {MAX_NESTING} deep"),
                    ));
                }
                self.depth += 1;
                let inner = self.or_expr()?;
                self.depth -= 1;
                match self.peek() {
                    Some(l) if l.tok == Tok::Close => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(err(self.query, col, "unclosed parenthesis")),
                }
            }
            Tok::Close => Err(err(self.query, col, "unmatched ')'")),
            Tok::Or | Tok::And => {
                let name = op_name(self.query, l);
                Err(err(
                    self.query,
                    col,
                    format!("{name} needs a term on both sides"),
                ))
            }
            Tok::Phrase(p) => {
                self.at += 1;
                Ok(Node::Phrase(p))
            }
            Tok::Prefix(p) => {
                self.at += 1;
                Ok(Node::Prefix(p))
            }
            Tok::Field(name, value) => {
                self.at += 1;
                Ok(Node::Field { name, value })
            }
            Tok::Word(w) => {
                self.at += 1;
                Ok(Node::Words(w))
            }
        }
    }
}

/// Parses `query`; `fields` are the names allowed in `field:value`.
pub fn parse(query: &str, fields: &[&str]) -> Result<Node> {
    let toks = lex(query, fields)?;
    if toks.is_empty() {
        return Err(err(query, 0, "empty query"));
    }
    let mut p = Parser {
        query,
        toks,
        at: 0,
        depth: 0,
    };
    let node = p.or_expr()?;
    if let Some(l) = p.peek() {
        let msg = if l.tok == Tok::Close {
            "unmatched ')'"
        } else {
            "unexpected token"
        };
        return Err(err(query, l.col, msg));
    }
    if !has_positive(&node) {
        return Err(err(query, 0, "the query excludes only; add a term to find"));
    }
    Ok(node)
}

fn has_positive(n: &Node) -> bool {
    match n {
        Node::Not(_) => false,
        Node::Must(inner) => has_positive(inner),
        Node::And(v) => v.iter().any(has_positive),
        Node::Or(v) => v.iter().all(has_positive),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    const F: &[&str] = &[
        "title",
        "clause",
        "body",
        "organ",
        "case",
        "person",
        "party",
        "organisation",
    ];

    fn col(q: &str) -> (usize, String) {
        match parse(q, F).unwrap_err() {
            Error::Query {
                column, message, ..
            } => (column, message),
            e => panic!("{e}"),
        }
    }

    fn words(w: &str) -> Node {
        Node::Words(w.into())
    }

    fn must(n: Node) -> Node {
        Node::Must(Box::new(n))
    }

    #[test]
    fn words_run_keeps_the_text_as_written() {
        assert_eq!(
            parse("Krav- och kvalitetsbok", F).unwrap(),
            words("Krav- och kvalitetsbok")
        );
    }

    #[test]
    fn the_whole_language() {
        let n = parse(r#"vård -tandvård organ:"Regionstyrelsens arbetsutskott" (kravbok OR "Krav och") case:23RS5009"#, F).unwrap();
        assert_eq!(
            n,
            Node::And(vec![
                words("vård"),
                Node::Not(Box::new(words("tandvård"))),
                Node::Field {
                    name: "organ".into(),
                    value: "Regionstyrelsens arbetsutskott".into()
                },
                Node::Or(vec![words("kravbok"), Node::Phrase("Krav och".into())]),
                Node::Field {
                    name: "case".into(),
                    value: "23RS5009".into()
                },
            ])
        );
    }

    #[test]
    fn boolean_words_as_other_search_boxes_take_them() {
        assert_eq!(
            parse("budget AND skola", F).unwrap(),
            Node::And(vec![must(words("budget")), must(words("skola"))])
        );
        assert_eq!(
            parse("budget and skola", F).unwrap(),
            parse("budget AND skola", F).unwrap()
        );
        assert_eq!(
            parse("budget NOT skola", F).unwrap(),
            Node::And(vec![words("budget"), Node::Not(Box::new(words("skola")))])
        );
        for q in ["budget or skola", "budget OR skola", "budget eller skola"] {
            assert_eq!(
                parse(q, F).unwrap(),
                Node::Or(vec![words("budget"), words("skola")]),
                "{q}"
            );
        }
        // Lower-case "och" and "inte" are words of the run.
        assert_eq!(
            parse("skola och förskola", F).unwrap(),
            words("skola och förskola")
        );
        // An elided compound with "eller" is no choice.
        assert_eq!(
            parse("bygg- eller miljönämnden", F).unwrap(),
            words("bygg- eller miljönämnden")
        );
        assert_eq!(
            parse("+budget skola", F).unwrap(),
            Node::And(vec![must(words("budget")), words("skola")])
        );
        // An exclusion takes one word; the rest of the run is searched.
        assert_eq!(
            parse("-budget skola förskola", F).unwrap(),
            Node::And(vec![
                Node::Not(Box::new(words("budget"))),
                words("skola förskola")
            ])
        );
    }

    #[test]
    fn prefixes_and_fields_in_any_case() {
        assert_eq!(parse("bud*", F).unwrap(), Node::Prefix("bud".into()));
        assert_eq!(
            parse("Title:budget", F).unwrap(),
            Node::Field {
                name: "title".into(),
                value: "budget".into()
            }
        );
        assert_eq!(
            parse("dnr:KS-2024-88", F).unwrap(),
            Node::Field {
                name: "case".into(),
                value: "KS-2024-88".into()
            }
        );
        assert_eq!(
            parse("PARTI:SD", F).unwrap(),
            Node::Field {
                name: "party".into(),
                value: "SD".into()
            }
        );
    }

    #[test]
    fn deep_parentheses_are_an_error_not_a_stack_overflow() {
        // Found by fuzzing: 50 000 "(" overflowed the stack (SIGSEGV/abort).
        let deep = format!("{}a{}", "(".repeat(50_000), ")".repeat(50_000));
        let Err(Error::Query {
            column, message, ..
        }) = parse(&deep, F)
        else {
            panic!("a 50 000-deep query parsed");
        };
        assert_eq!(column, MAX_NESTING);
        assert!(message.contains("nested more than"), "{message}");
        let ok = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(parse(&ok, F).unwrap(), words("a"));
    }

    #[test]
    fn case_numbers_with_colons_are_words() {
        assert_eq!(
            parse("SLK-2023-00027:58", F).unwrap(),
            words("SLK-2023-00027:58")
        );
    }

    #[test]
    fn errors_show_where() {
        assert_eq!(col(r#"kravbok "Krav och"#).0, 8);
        assert!(col(r#"kravbok "Krav och"#).1.contains("unclosed quote"));
        assert_eq!(col("(kravbok OR vård").0, 0);
        assert_eq!(col("kravbok)").0, 7);
        assert!(col("foo:bar").1.contains("unknown field 'foo'"));
        assert!(col("kravbok OR").1.contains("OR needs"));
        assert!(col("-kravbok").1.contains("excludes only"));
        assert_eq!(col("   ").1, "empty query");
        assert!(col("()").1.contains("empty parentheses"));
        assert_eq!(col("budget AND").0, 7);
        assert!(col("AND budget").1.contains("AND needs"));
        assert!(col("budget NOT").1.contains("needs a term to exclude"));
        assert_eq!(col("*budget").0, 0);
        assert_eq!(col("bu*dget").0, 2);
        assert!(col("b*").1.contains("two letters"));
        assert!(col("bud?").1.contains("'?'"));
        assert!(col(r#"budget """#).1.contains("empty phrase"));
    }
}
