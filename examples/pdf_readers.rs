//! Compares PDF text readers on real protocols against their expected
//! parses (`tests/data/wild/expected/*.json`, written by reading the
//! documents): paragraf's reader (`paragraf::protocol::pdf`, pdf-extract
//! within bounds), `lopdf`'s own `extract_text`, and poppler's `pdftotext`
//! in its default and `-layout` modes when it is installed (as a reference,
//! not a dependency).
//!
//! ```sh
//! cargo run --release --example pdf_readers -- [EXPECTED_DIR] [--docs DIR]... [--out DIR]
//! ```
//!
//! Defaults: `tests/data/wild/expected`, documents looked for in
//! `tests/data/wild/docs` and `corpus/wild-dev/pdf` of `$PARAGRAF_SHARED`
//! (else `../shared`). With `--out`,
//! every reader's text is written there (`STEM.READER.txt`) for reading by
//! eye.
//!
//! Measured for each reader, over every expected § of a PDF:
//! - **heading**: a line on the § page that starts with its `§ N` (after an
//!   organ's abbreviation, if any);
//! - **title** / **case**: the title (whitespace collapsed) within 600
//!   characters after that heading, the case number within 300;
//! - **order**: headings found in the expected order;
//! - **parse**: what paragraf's parser makes of the reader's text: § lists
//!   exactly right, titles and case numbers equal to the expected ones;
//! - **rows**: lines that start with "att " (decision clauses are
//!   line-initial, and the parser reads them so) and the longest line;
//! - **speed**: pages a second (wall time, one thread).

use paragraf::protocol::{FolderMeta, parse_text, pdf};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Expected {
    source: String,
    paragraphs: Vec<ExpectedParagraph>,
}

#[derive(serde::Deserialize)]
struct ExpectedParagraph {
    number: u32,
    #[serde(default)]
    suffix: Option<String>,
    title: String,
    case_number: Option<String>,
    page: Option<u32>,
}

#[derive(Default, Clone)]
struct Score {
    files: usize,
    paragraphs: usize,
    headings: usize,
    titles: usize,
    cases: usize,
    with_case: usize,
    in_order: usize,
    lists_exact: usize,
    parsed_titles: usize,
    parsed_cases: usize,
    pages: usize,
    seconds: f64,
    /// Lines that start with "att " (decision clauses are line-initial).
    att_lines: usize,
    longest_line: usize,
}

fn lopdf_text(bytes: &[u8]) -> Result<String, String> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| e.to_string())?;
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\x0c");
        }
        out.push_str(&doc.extract_text(&[*p]).unwrap_or_default());
    }
    Ok(out)
}

fn pdftotext(file: &Path, layout: bool) -> Result<String, String> {
    let mut c = std::process::Command::new("pdftotext");
    if layout {
        c.arg("-layout");
    }
    let out = c
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte offset of each page's start in `text` (pages split at form feeds).
fn page_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\x0c').map(|(i, _)| i + 1))
        .collect()
}

fn measure(text: &str, expected: &Expected, file: &Path, s: &mut Score) {
    for line in text.lines() {
        if line.trim_start().starts_with("att ") {
            s.att_lines += 1;
        }
        s.longest_line = s.longest_line.max(line.chars().count());
    }
    let starts = page_starts(text);
    let mut last = 0usize;
    for p in &expected.paragraphs {
        s.paragraphs += 1;
        let suffix = p
            .suffix
            .as_deref()
            .map(|x| format!(r"\s*{}", regex::escape(x)))
            .unwrap_or_default();
        let re = Regex::new(&format!(
            r"(?m)^[^\S\n]*(?:[A-ZÅÄÖa-zåäö]{{1,6}}[^\S\n]+)?§[^\S\n]*{}{suffix}(?:\s|$)",
            p.number
        ))
        .unwrap();
        let page = p.page.unwrap_or(1) as usize;
        let (from, to) = match (starts.get(page - 1), starts.get(page)) {
            (Some(&a), Some(&b)) => (a, b),
            (Some(&a), None) => (a, text.len()),
            _ => continue,
        };
        let Some(m) = re.find(&text[from..to]) else {
            continue;
        };
        s.headings += 1;
        let at = from + m.start();
        if at >= last {
            s.in_order += 1;
        }
        last = at;
        let after = |chars: usize| -> String {
            collapse(&text[at..].chars().take(chars).collect::<String>())
        };
        if after(600).contains(&collapse(&p.title)) {
            s.titles += 1;
        }
        if let Some(c) = &p.case_number {
            s.with_case += 1;
            if after(300).contains(&collapse(c)) {
                s.cases += 1;
            }
        }
    }
    if let Ok(parsed) = parse_text(text, file, &FolderMeta::default()) {
        let got: Vec<u32> = parsed.paragraphs.iter().map(|p| p.number).collect();
        let want: Vec<u32> = expected.paragraphs.iter().map(|p| p.number).collect();
        if got == want {
            s.lists_exact += 1;
        }
        for p in &expected.paragraphs {
            if let Some(q) = parsed.paragraphs.iter().find(|q| q.number == p.number) {
                if collapse(&q.title) == collapse(&p.title) {
                    s.parsed_titles += 1;
                }
                if p.case_number.is_some() && q.case_number == p.case_number {
                    s.parsed_cases += 1;
                }
            }
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut expected_dir = root.join("tests/data/wild/expected");
    let shared = std::env::var_os("PARAGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let mut docs = vec![
        root.join("tests/data/wild/docs"),
        shared.join("corpus/wild-dev/pdf"),
    ];
    let mut out: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs.extend(args.next().map(PathBuf::from)),
            "--out" => out = args.next().map(PathBuf::from),
            _ => expected_dir = PathBuf::from(a),
        }
    }
    if let Some(o) = &out {
        std::fs::create_dir_all(o).expect("--out");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&expected_dir)
        .expect("expected dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let has_poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    let readers: &[&str] = if has_poppler {
        &["paragraf", "lopdf", "pdftotext", "pdftotext -layout"]
    } else {
        &["paragraf", "lopdf"]
    };
    let mut scores = vec![Score::default(); readers.len()];
    for json in &files {
        let expected: Expected =
            serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
        let Some(file) = docs
            .iter()
            .map(|d| d.join(&expected.source))
            .find(|p| p.exists())
        else {
            eprintln!("{}: not found, skipped", expected.source);
            continue;
        };
        let bytes = std::fs::read(&file).unwrap();
        if !pdf::is_pdf(&bytes) {
            continue;
        }
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        for (reader, score) in readers.iter().zip(scores.iter_mut()) {
            let t = Instant::now();
            let text = match *reader {
                "paragraf" => pdf::extract(&bytes).map_err(|e| e.to_string()),
                "lopdf" => lopdf_text(&bytes),
                "pdftotext" => pdftotext(&file, false),
                _ => pdftotext(&file, true),
            };
            score.seconds += t.elapsed().as_secs_f64();
            score.files += 1;
            let text = match text {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{stem}: {reader}: {e}");
                    String::new()
                }
            };
            score.pages += text.matches('\x0c').count() + usize::from(!text.ends_with('\x0c'));
            if let Some(o) = &out {
                let name = reader.replace(' ', "");
                std::fs::write(o.join(format!("{stem}.{name}.txt")), &text).unwrap();
            }
            measure(&text, &expected, &file, score);
        }
    }
    println!(
        "| reader | § headings on their page | titles after heading | case numbers after heading | in order | lines 'att …' | longest line | parse: § lists exact | parse: titles | parse: case numbers | pages/s |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (reader, s) in readers.iter().zip(&scores) {
        let pct =
            |a: usize, b: usize| format!("{a}/{b} ({:.0} %)", 100.0 * a as f64 / b.max(1) as f64);
        println!(
            "| {reader} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {} | {:.0} |",
            pct(s.headings, s.paragraphs),
            pct(s.titles, s.paragraphs),
            pct(s.cases, s.with_case),
            pct(s.in_order, s.headings),
            s.att_lines,
            s.longest_line,
            s.lists_exact,
            s.files,
            pct(s.parsed_titles, s.paragraphs),
            pct(s.parsed_cases, s.with_case),
            s.pages as f64 / s.seconds
        );
    }
}
