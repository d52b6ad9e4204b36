//! The words of the query language: what each thing a person types is.
//! A quoted phrase (straight or typographic quotes), `field:value` with
//! field names in any case and in Swedish (`titel:`, `dnr:`, `nämnd:`,
//! `parti:`, `reserverat:`, `yrkande:`, `omröstning:`; `vote:` takes
//! `close` or `any`), the operator words of other search boxes (`AND`, `and`,
//! `OCH`; `OR`, `or`, `ELLER`, and `eller` unless it joins an elided
//! compound, "bygg- eller miljönämnden"; `NOT`, `not`, `INTE`), `+`, `-`
//! and `!` before a word, a trailing `*`, parentheses, and words. The
//! grammar that puts them together is `super::query`.

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    Word(String),
    Phrase(String),
    Prefix(String),
    Field(String, String),
    Minus,
    Plus,
    Not,
    And,
    Or,
    Open,
    Close,
}

pub(super) struct Lexed {
    pub tok: Tok,
    /// Character column of the token's start.
    pub col: usize,
    /// Byte range in the query (for word runs).
    pub start: usize,
    pub end: usize,
}

pub(super) fn err(query: &str, col: usize, message: impl Into<String>) -> Error {
    Error::Query {
        query: query.to_string(),
        column: col,
        message: message.into(),
    }
}

/// Other names of the query fields (Swedish, and common habits), each to
/// the schema's name.
const FIELD_ALIASES: &[(&str, &str)] = &[
    ("titel", "title"),
    ("rubrik", "title"),
    ("klausul", "clause"),
    ("att", "clause"),
    ("text", "body"),
    ("dnr", "case"),
    ("diarienummer", "case"),
    ("ärende", "case"),
    ("arende", "case"),
    ("ärendenummer", "case"),
    ("nämnd", "organ"),
    ("namnd", "organ"),
    ("kommun", "organisation"),
    ("region", "organisation"),
    ("organization", "organisation"),
    ("org", "organisation"),
    // Named in the § (a mover, a reserver, in the text); `ledamot:` and
    // `närvarande:` are about the meeting: who attended it.
    ("namn", "person"),
    ("ledamot", "attended"),
    ("närvarande", "attended"),
    ("narvarande", "attended"),
    ("present", "attended"),
    ("parti", "party"),
    ("reservation", "reserved"),
    ("reserverat", "reserved"),
    ("reserverade", "reserved"),
    ("reserverad", "reserved"),
    ("yrkande", "moved"),
    ("yrkat", "moved"),
    ("yrkade", "moved"),
    ("motion", "moved"),
    ("omröstning", "vote"),
    ("omrostning", "vote"),
    ("votering", "vote"),
    ("röstning", "vote"),
    ("rostning", "vote"),
];

/// The values of `vote:`, each to the index's term: a close vote (ja and
/// nej at most 5 apart), or any vote.
const VOTE_VALUES: &[(&str, &str)] = &[
    ("close", "close"),
    ("knapp", "close"),
    ("jämn", "close"),
    ("jamn", "close"),
    ("any", "any"),
    ("all", "any"),
    ("alla", "any"),
];

/// The index term of the value of `vote:` (named `name` in the query),
/// or an error at the field's column.
fn checked_vote(query: &str, name: &str, value: &str, col: usize) -> Result<String> {
    vote_value(value.trim()).map(str::to_string).ok_or_else(|| {
        err(
            query,
            col,
            format!("'{name}:' takes 'close' (ja and nej at most 5 apart) or 'any', not '{value}'"),
        )
    })
}

/// The index term of a `vote:` value, any case.
fn vote_value(value: &str) -> Option<&'static str> {
    let lower = value.to_lowercase();
    VOTE_VALUES
        .iter()
        .find(|(v, _)| *v == lower)
        .map(|(_, term)| *term)
}

/// The schema's name for a field named `name` in a query (any case, or an
/// alias), if it is one of `fields`.
fn field_name(name: &str, fields: &[&str]) -> Option<String> {
    let lower = name.to_lowercase();
    if fields.contains(&lower.as_str()) {
        return Some(lower);
    }
    FIELD_ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map(|(_, canonical)| canonical.to_string())
        .filter(|c| fields.contains(&c.as_str()))
}

/// What an operator word means where it stands, if it is one.
fn operator(word: &str, after_elided: bool) -> Option<Tok> {
    match word {
        "AND" | "and" | "OCH" | "&&" => Some(Tok::And),
        "OR" | "or" | "ELLER" | "||" => Some(Tok::Or),
        // "bygg- eller miljönämnden" is an elided compound, not a choice.
        "eller" if !after_elided => Some(Tok::Or),
        "NOT" | "not" | "INTE" => Some(Tok::Not),
        _ => None,
    }
}

pub(super) fn lex(query: &str, fields: &[&str]) -> Result<Vec<Lexed>> {
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let mut out: Vec<Lexed> = Vec::new();
    let mut i = 0;
    let byte = |i: usize| chars.get(i).map_or(query.len(), |c| c.0);
    let unclosed = |col: usize| err(query, col, "unclosed quote");
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let col = i;
        let single = |tok| Lexed {
            tok,
            col,
            start: b,
            end: b + c.len_utf8(),
        };
        match c {
            '(' => {
                out.push(single(Tok::Open));
                i += 1;
            }
            ')' => {
                out.push(single(Tok::Close));
                i += 1;
            }
            '"' | '“' | '”' | '„' => {
                let close = (i + 1..chars.len()).find(|&j| matches!(chars[j].1, '"' | '“' | '”'));
                let Some(close) = close else {
                    return Err(unclosed(col));
                };
                let text = query[byte(i + 1)..byte(close)].to_string();
                if text.trim().is_empty() {
                    return Err(err(query, col, "empty phrase"));
                }
                out.push(Lexed {
                    tok: Tok::Phrase(text),
                    col,
                    start: b,
                    end: byte(close + 1),
                });
                i = close + 1;
            }
            '-' | '+' | '!'
                if chars
                    .get(i + 1)
                    .is_some_and(|(_, n)| !n.is_whitespace() && *n != ')') =>
            {
                out.push(single(match c {
                    '+' => Tok::Plus,
                    '!' => Tok::Not,
                    _ => Tok::Minus,
                }));
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].1.is_whitespace()
                    && !matches!(chars[j].1, '(' | ')' | '"' | '“' | '”' | '„')
                {
                    j += 1;
                }
                let word = &query[b..byte(j)];
                let after_elided = out.last().is_some_and(|l| match &l.tok {
                    Tok::Word(w) => w.ends_with('-'),
                    _ => false,
                });
                let lexed = |tok| Lexed {
                    tok,
                    col,
                    start: b,
                    end: byte(j),
                };
                // field:value / field:"phrase": a name of letters before the colon.
                if let Some((name, rest)) = word.split_once(':')
                    && !name.is_empty()
                    && name.chars().all(char::is_alphabetic)
                {
                    let Some(field) = field_name(name, fields) else {
                        return Err(err(
                            query,
                            col,
                            format!("unknown field '{name}' (fields: {})", fields.join(", ")),
                        ));
                    };
                    if rest.is_empty() {
                        if chars.get(j).is_some_and(|c| c.1 == '"') {
                            let close = (j + 1..chars.len()).find(|&k| chars[k].1 == '"');
                            let Some(close) = close else {
                                return Err(unclosed(j));
                            };
                            let value = query[byte(j + 1)..byte(close)].to_string();
                            if value.trim().is_empty() {
                                return Err(err(query, j, "empty phrase"));
                            }
                            let value = if field == "vote" {
                                checked_vote(query, name, &value, col)?
                            } else {
                                value
                            };
                            out.push(Lexed {
                                tok: Tok::Field(field, value),
                                col,
                                start: b,
                                end: byte(close + 1),
                            });
                            i = close + 1;
                            continue;
                        }
                        return Err(err(query, col, format!("'{name}:' needs a value")));
                    }
                    if field == "vote" {
                        let term = checked_vote(query, name, rest, col)?;
                        out.push(lexed(Tok::Field(field, term)));
                        i = j;
                        continue;
                    }
                    check_wildcards(query, rest, col + name.chars().count() + 1)?;
                    out.push(lexed(Tok::Field(field, rest.to_string())));
                } else if let Some(op) = operator(word, after_elided) {
                    out.push(lexed(op));
                } else {
                    check_wildcards(query, word, col)?;
                    match word.strip_suffix('*') {
                        Some(stem) => out.push(lexed(Tok::Prefix(stem.to_string()))),
                        None => out.push(lexed(Tok::Word(word.to_string()))),
                    }
                }
                i = j;
            }
        }
    }
    Ok(out)
}

/// A `*` is understood at the end of a word of at least two letters only.
fn check_wildcards(query: &str, word: &str, col: usize) -> Result<()> {
    let Some(at) = word.find(['*', '?']) else {
        return Ok(());
    };
    let at_col = col + word[..at].chars().count();
    if word[at..].starts_with('?') {
        return Err(err(
            query,
            at_col,
            "'?' is not a wildcard here; use a trailing '*' for a prefix",
        ));
    }
    if at + 1 != word.len() {
        return Err(err(
            query,
            at_col,
            "'*' is understood only at the end of a word (a prefix: 'bud*')",
        ));
    }
    if word[..at].chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err(err(
            query,
            at_col,
            "a prefix needs at least two letters before '*'",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &[&str] = &["person", "attended", "reserved", "moved", "vote"];

    fn field(q: &str) -> Tok {
        let mut toks = lex(q, F).unwrap();
        assert_eq!(toks.len(), 1, "{q}");
        toks.remove(0).tok
    }

    #[test]
    fn swedish_names_of_the_position_fields() {
        let f = |n: &str, v: &str| Tok::Field(n.into(), v.into());
        assert_eq!(field("namn:Berg"), f("person", "Berg"));
        assert_eq!(field("Ledamot:Berg"), f("attended", "Berg"));
        assert_eq!(field("närvarande:Berg"), f("attended", "Berg"));
        assert_eq!(field("reserverade:SD"), f("reserved", "SD"));
        assert_eq!(field("yrkande:\"Anna Berg\""), f("moved", "Anna Berg"));
        assert_eq!(field("omröstning:knapp"), f("vote", "close"));
        assert_eq!(field("vote:\"Close\""), f("vote", "close"));
        assert_eq!(field("votering:alla"), f("vote", "any"));
    }

    #[test]
    fn a_vote_value_not_known_is_an_error_at_the_field() {
        for q in [
            "budget vote:maybe",
            "budget vote:clo*",
            "budget vote:\"nära\"",
        ] {
            match lex(q, F) {
                Err(Error::Query {
                    column, message, ..
                }) => {
                    assert_eq!(column, 7, "{q}");
                    assert!(message.contains("'close'"), "{message}");
                }
                _ => panic!("{q} lexed"),
            }
        }
    }
}
