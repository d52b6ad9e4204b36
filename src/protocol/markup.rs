//! Markup that PDF-to-text tools add is page furniture. A protocol
//! converted to Markdown (`## **§ 41**`, `**Beslut**`, tables
//! `|§|41|Informationsärenden||5 - 6|`, YAML front matter, rules, links,
//! HTML comments) is read as the plain text it marks up, line for line, so
//! line numbers stay those of the file:
//! - heading marks, emphasis, block quotes and escapes are dropped;
//! - a table row becomes its cells in columns (two spaces apart, as text
//!   extraction renders a column; a cell that is only `§` joins the next,
//!   so `|§|41|` reads `§ 41`); a separator row becomes blank;
//! - YAML front matter keeps its `key: value` lines, the keys of a
//!   meeting's date and body in the words the front matter reader knows;
//! - an HTML comment that marks a page (`<!-- page 3 -->`) is a page break.

/// True if `text` holds Markdown that would hide its § headings: emphasis,
/// heading marks or table rows at line starts, or YAML front matter.
pub(crate) fn is_markup(text: &str) -> bool {
    let b = text.as_bytes();
    b.starts_with(b"---")
        || memchr::memmem::find(b, b"**").is_some()
        || memchr::memmem::find(b, b"\n#").is_some()
        || memchr::memmem::find(b, b"\n|").is_some()
        || b.starts_with(b"#")
        || b.starts_with(b"|")
}

/// The plain text of Markdown `text`: one line for each of its lines.
pub(crate) fn to_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut front_matter = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (line, cr) = match line.strip_suffix('\r') {
            Some(l) => (l, true),
            None => (line, false),
        };
        let t = line.trim();
        if i == 0 && t == "---" {
            front_matter = true;
        } else if front_matter {
            if t == "---" || t == "..." {
                front_matter = false;
            } else {
                out.push_str(&yaml_line(t));
            }
        } else {
            out.push_str(&plain_line(t));
        }
        if cr {
            out.push('\r');
        }
    }
    out
}

/// A YAML `key: value` line with its value unquoted, and the keys of a
/// meeting's date and body as the front matter reader knows them.
fn yaml_line(t: &str) -> String {
    let Some((key, value)) = t.split_once(':') else {
        return t.to_string();
    };
    let value = value.trim().trim_matches(['"', '\'']);
    let key = key.trim();
    let known = match key.to_lowercase().as_str() {
        "date" | "datum" | "meeting_date" | "sammanträdesdatum" | "mötesdatum" => "Datum",
        "organ" | "body" | "committee" | "nämnd" | "board" => "Organ",
        "place" | "plats" => "Plats",
        _ => key,
    };
    format!("{known}: {value}")
}

/// One line of Markdown as plain text.
fn plain_line(t: &str) -> String {
    let mut t = t;
    // Block quotes and heading marks.
    while let Some(r) = t.strip_prefix('>') {
        t = r.trim_start();
    }
    if t.starts_with('#') {
        let r = t.trim_start_matches('#');
        if r.is_empty() || r.starts_with(' ') {
            t = r.trim().trim_end_matches('#').trim_end();
        }
    }
    // A rule.
    if t.len() >= 3
        && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
        && t.chars().filter(|&c| c != ' ').count() >= 3
    {
        return String::new();
    }
    // A page marked by an HTML comment is a page break; other comments go.
    if let Some(inner) = t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) {
        let f = inner.to_lowercase();
        return if f.contains("page") || f.contains("sida") {
            "\x0c".into()
        } else {
            String::new()
        };
    }
    if t.starts_with('|') {
        return table_row(t);
    }
    let bullet = t.starts_with("* ") || t.starts_with("+ ");
    let t = if bullet { &t[2..] } else { t };
    let mut s = inline(t);
    if bullet {
        s.insert_str(0, "- ");
    }
    s
}

/// A table row's cells in columns; a separator row is blank.
fn table_row(t: &str) -> String {
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    if inner
        .chars()
        .all(|c| matches!(c, '-' | ':' | '|' | ' ' | '='))
    {
        return String::new();
    }
    let mut cells: Vec<String> = Vec::new();
    let mut join_next = false;
    for cell in inner.split('|') {
        let c = inline(cell.trim());
        if c.is_empty() {
            continue;
        }
        if join_next && let Some(last) = cells.last_mut() {
            last.push(' ');
            last.push_str(&c);
            join_next = false;
            continue;
        }
        join_next = c == "§" || c == "§§";
        cells.push(c);
    }
    cells.join("  ")
}

/// Inline markup dropped: emphasis, escapes, links, images, HTML tags.
fn inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '*' => {}
            '_' if t[i + 1..].starts_with('_') || (i > 0 && t[..i].ends_with('_')) => {}
            '\\' => {
                if let Some(&(_, n)) = chars.peek()
                    && n.is_ascii_punctuation()
                {
                    out.push(n);
                    chars.next();
                } else {
                    out.push(c);
                }
            }
            '!' if t[i + 1..].starts_with('[') => {
                // An image: its alt text goes too.
                if let Some(end) = link_end(&t[i + 1..]) {
                    while chars.peek().is_some_and(|&(k, _)| k < i + 1 + end) {
                        chars.next();
                    }
                } else {
                    out.push(c);
                }
            }
            '[' => match link_end(&t[i..]) {
                Some(end) => {
                    let close = t[i..].find("](").map_or(i + 1, |k| i + k);
                    out.push_str(&inline(&t[i + 1..close]));
                    while chars.peek().is_some_and(|&(k, _)| k < i + end) {
                        chars.next();
                    }
                }
                None => out.push(c),
            },
            '<' if is_tag(&t[i..]) => {
                let end = t[i..].find('>').map_or(t.len(), |k| i + k + 1);
                while chars.peek().is_some_and(|&(k, _)| k < end) {
                    chars.next();
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// The byte length of a link `[text](url)` at the start of `t`.
fn link_end(t: &str) -> Option<usize> {
    let close = t.find("](")?;
    let end = t[close..].find(')')?;
    Some(close + end + 1)
}

/// True if `t` starts with an HTML tag (`<br>`, `</b>`, `<span …>`).
fn is_tag(t: &str) -> bool {
    let b = t.as_bytes();
    let start = usize::from(b.get(1) == Some(&b'/')) + 1;
    b.get(start).is_some_and(u8::is_ascii_alphabetic) && t.contains('>') && t.find('>') < Some(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_read_as_plain_text_line_for_line() {
        let md = "---\ntitle: \"Protokoll\"\ndate: 2024-05-08\norgan: Valnämnden\n---\n# Protokoll\n\n## **§ 41**\n\n**Beslut**\n\nValnämnden beslutar *att* godkänna \\- förslaget.\n\n|§|41|Informationsärenden||5 - 6|\n|---|---|---|---|---|\n\n* punkt ett\n[Bilaga 1](http://x.se/a.pdf) och ![logo](logo.png)\n<!-- page 2 -->\n---\n";
        let plain = to_plain(md);
        let lines: Vec<&str> = plain.split('\n').collect();
        assert_eq!(lines.len(), md.split('\n').count());
        assert_eq!(
            lines,
            [
                "",
                "title: Protokoll",
                "Datum: 2024-05-08",
                "Organ: Valnämnden",
                "",
                "Protokoll",
                "",
                "§ 41",
                "",
                "Beslut",
                "",
                "Valnämnden beslutar att godkänna - förslaget.",
                "",
                "§ 41  Informationsärenden  5 - 6",
                "",
                "",
                "- punkt ett",
                "Bilaga 1 och",
                "\x0c",
                "",
                "",
            ]
        );
    }

    #[test]
    fn plain_text_is_no_markup() {
        assert!(!is_markup("Kommunstyrelsen\n§ 1 Val\nText med 5 * 3.\n"));
        assert!(is_markup("Kommunstyrelsen\n## § 1 Val\n"));
        assert!(is_markup("**§ 1**\n"));
    }
}
