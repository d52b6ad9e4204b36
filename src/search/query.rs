//! The query language: words (all required), "phrases", `OR`, `-exclude`,
//! `field:value` and `field:"a phrase"`, and parentheses. Errors point at
//! the column where the query went wrong.

use crate::error::{Error, Result};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A run of bare words, as written ("Krav- och kvalitetsbok"), analysed
    /// together so elided compounds are seen.
    Words(String),
    /// A quoted phrase.
    Phrase(String),
    /// `field:value` or `field:"phrase"`.
    Field {
        /// The field's query name.
        name: String,
        /// The value, a word or a phrase.
        value: String,
    },
    /// `-x`: documents matching x are excluded.
    Not(Box<Node>),
    /// All of these.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Phrase(String),
    Field(String, String),
    Minus,
    Or,
    Open,
    Close,
}

struct Lexed {
    tok: Tok,
    /// Character column of the token's start.
    col: usize,
    /// Byte range in the query (for word runs).
    start: usize,
    end: usize,
}

fn err(query: &str, col: usize, message: impl Into<String>) -> Error {
    Error::Query {
        query: query.to_string(),
        column: col,
        message: message.into(),
    }
}

fn lex(query: &str, fields: &[&str]) -> Result<Vec<Lexed>> {
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let byte = |i: usize| chars.get(i).map_or(query.len(), |c| c.0);
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let col = i;
        match c {
            '(' => {
                out.push(Lexed {
                    tok: Tok::Open,
                    col,
                    start: b,
                    end: b + 1,
                });
                i += 1;
            }
            ')' => {
                out.push(Lexed {
                    tok: Tok::Close,
                    col,
                    start: b,
                    end: b + 1,
                });
                i += 1;
            }
            '"' => {
                let close = (i + 1..chars.len()).find(|&j| chars[j].1 == '"');
                let Some(close) = close else {
                    return Err(err(query, col, "unclosed quote"));
                };
                let text = query[byte(i + 1)..byte(close)].to_string();
                out.push(Lexed {
                    tok: Tok::Phrase(text),
                    col,
                    start: b,
                    end: byte(close + 1),
                });
                i = close + 1;
            }
            '-' if chars
                .get(i + 1)
                .is_some_and(|(_, n)| !n.is_whitespace() && *n != ')') =>
            {
                out.push(Lexed {
                    tok: Tok::Minus,
                    col,
                    start: b,
                    end: b + 1,
                });
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].1.is_whitespace()
                    && !matches!(chars[j].1, '(' | ')' | '"')
                {
                    j += 1;
                }
                let word = &query[b..byte(j)];
                // field:value / field:"phrase"
                if let Some((name, rest)) = word.split_once(':')
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase())
                {
                    if !fields.contains(&name) {
                        return Err(err(
                            query,
                            col,
                            format!("unknown field '{name}' (fields: {})", fields.join(", ")),
                        ));
                    }
                    if rest.is_empty() {
                        if chars.get(j).is_some_and(|c| c.1 == '"') {
                            let close = (j + 1..chars.len()).find(|&k| chars[k].1 == '"');
                            let Some(close) = close else {
                                return Err(err(query, j, "unclosed quote"));
                            };
                            let value = query[byte(j + 1)..byte(close)].to_string();
                            out.push(Lexed {
                                tok: Tok::Field(name.to_string(), value),
                                col,
                                start: b,
                                end: byte(close + 1),
                            });
                            i = close + 1;
                            continue;
                        }
                        return Err(err(query, col, format!("'{name}:' needs a value")));
                    }
                    out.push(Lexed {
                        tok: Tok::Field(name.to_string(), rest.to_string()),
                        col,
                        start: b,
                        end: byte(j),
                    });
                } else if word == "OR" {
                    out.push(Lexed {
                        tok: Tok::Or,
                        col,
                        start: b,
                        end: byte(j),
                    });
                } else {
                    out.push(Lexed {
                        tok: Tok::Word(word.to_string()),
                        col,
                        start: b,
                        end: byte(j),
                    });
                }
                i = j;
            }
        }
    }
    Ok(out)
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

impl Parser<'_> {
    fn peek(&self) -> Option<&Lexed> {
        self.toks.get(self.at)
    }

    fn end_col(&self) -> usize {
        self.query.chars().count()
    }

    fn or_expr(&mut self) -> Result<Node> {
        let mut parts = vec![self.and_expr()?];
        while let Some(l) = self.peek() {
            if l.tok != Tok::Or {
                break;
            }
            let col = l.col;
            self.at += 1;
            if self
                .peek()
                .is_none_or(|l| matches!(l.tok, Tok::Or | Tok::Close))
            {
                return Err(err(self.query, col, "OR needs a term on both sides"));
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
            Tok::Minus => {
                self.at += 1;
                if self
                    .peek()
                    .is_none_or(|l| matches!(l.tok, Tok::Or | Tok::Close | Tok::Minus))
                {
                    return Err(err(self.query, col, "'-' needs a term to exclude"));
                }
                Ok(Node::Not(Box::new(self.unary()?)))
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
            Tok::Or => Err(err(self.query, col, "OR needs a term on both sides")),
            Tok::Phrase(p) => {
                self.at += 1;
                Ok(Node::Phrase(p))
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
        Node::And(v) => v.iter().any(has_positive),
        Node::Or(v) => v.iter().all(has_positive),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &[&str] = &["title", "organ", "case", "person", "party", "organisation"];

    fn col(q: &str) -> (usize, String) {
        match parse(q, F).unwrap_err() {
            Error::Query {
                column, message, ..
            } => (column, message),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn words_run_keeps_the_text_as_written() {
        assert_eq!(
            parse("Krav- och kvalitetsbok", F).unwrap(),
            Node::Words("Krav- och kvalitetsbok".into())
        );
    }

    #[test]
    fn the_whole_language() {
        let n = parse(r#"vård -tandvård organ:"Regionstyrelsens arbetsutskott" (kravbok OR "Krav och") case:23RS5009"#, F).unwrap();
        assert_eq!(
            n,
            Node::And(vec![
                Node::Words("vård".into()),
                Node::Not(Box::new(Node::Words("tandvård".into()))),
                Node::Field {
                    name: "organ".into(),
                    value: "Regionstyrelsens arbetsutskott".into()
                },
                Node::Or(vec![
                    Node::Words("kravbok".into()),
                    Node::Phrase("Krav och".into())
                ]),
                Node::Field {
                    name: "case".into(),
                    value: "23RS5009".into()
                },
            ])
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
        assert_eq!(parse(&ok, F).unwrap(), Node::Words("a".into()));
    }

    #[test]
    fn case_numbers_with_colons_are_words() {
        assert_eq!(
            parse("SLK-2023-00027:58", F).unwrap(),
            Node::Words("SLK-2023-00027:58".into())
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
    }
}
