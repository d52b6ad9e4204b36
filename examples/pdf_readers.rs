//! Compares PDF text readers on a folder of real protocol PDFs: paragraf's
//! reader (`paragraf::protocol::pdf`), `lopdf`'s own `extract_text`, and,
//! when its text files are given, poppler's `pdftotext` (as a reference, not
//! a dependency). For each file and reader: extraction time, and what the
//! parser makes of the text (§ numbers, titles, case numbers).
//!
//! ```sh
//! mkdir -p /tmp/pdftotext
//! for f in DIR/*.pdf; do pdftotext -enc UTF-8 "$f" /tmp/pdftotext/$(basename "$f" .pdf).txt; done
//! cargo run --release --example pdf_readers -- DIR [--pdftotext /tmp/pdftotext] [--out /tmp/texts]
//! ```
//!
//! With `--out`, every reader's text is written there (`NAME.READER.txt`) for
//! reading the order by eye. Prints one line per file and reader, then totals.

use paragraf::protocol::{FolderMeta, parse_text, pdf};
use std::path::{Path, PathBuf};
use std::time::Instant;

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

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut poppler: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pdftotext" => poppler = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: pdf_readers DIR [--pdftotext TXT_DIR] [--out DIR]");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    if let Some(o) = &out {
        std::fs::create_dir_all(o).expect("--out");
    }
    let meta = FolderMeta::default();
    let mut totals: Vec<(&str, f64, usize)> = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        if !pdf::is_pdf(&bytes) {
            println!("{}: not a PDF, skipped", file.display());
            continue;
        }
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let mut readers: Vec<(&str, Result<String, String>, f64)> = Vec::new();
        let t = Instant::now();
        let r = pdf::extract(&bytes).map_err(|e| e.to_string());
        readers.push(("pdf-extract", r, t.elapsed().as_secs_f64()));
        let t = Instant::now();
        let r = lopdf_text(&bytes);
        readers.push(("lopdf", r, t.elapsed().as_secs_f64()));
        if let Some(p) = &poppler {
            let r =
                std::fs::read_to_string(p.join(format!("{name}.txt"))).map_err(|e| e.to_string());
            readers.push(("pdftotext", r, f64::NAN));
        }
        for (reader, text, secs) in readers {
            let summary = match &text {
                Err(e) => format!("error: {e}"),
                Ok(text) => {
                    if let Some(o) = &out {
                        std::fs::write(o.join(format!("{name}.{reader}.txt")), text).unwrap();
                    }
                    match parse_text(text, Path::new(file), &meta) {
                        Err(e) => format!("parse: {e}"),
                        Ok(p) => {
                            let n = p.paragraphs.len();
                            let cases = p
                                .paragraphs
                                .iter()
                                .filter(|p| p.case_number.is_some())
                                .count();
                            let list: Vec<String> = p
                                .paragraphs
                                .iter()
                                .map(|p| {
                                    format!(
                                        "§{} {} [{}]",
                                        p.number,
                                        p.title.chars().take(40).collect::<String>(),
                                        p.case_number.as_deref().unwrap_or("-")
                                    )
                                })
                                .collect();
                            format!(
                                "{n} § ({cases} with case) date {} | {}",
                                p.meeting.date.as_deref().unwrap_or("-"),
                                list.join(" | ")
                            )
                        }
                    }
                }
            };
            println!("{name}\t{reader}\t{:.3} s\t{summary}", secs);
            let pages = text.as_ref().map_or(0, |t| t.matches('\x0c').count() + 1);
            match totals.iter_mut().find(|t| t.0 == reader) {
                Some(t) => {
                    t.1 += secs;
                    t.2 += pages;
                }
                None => totals.push((reader, secs, pages)),
            }
        }
    }
    for (reader, secs, pages) in totals {
        println!(
            "total\t{reader}\t{secs:.3} s\t{pages} pages\t{:.0} pages/s",
            pages as f64 / secs
        );
    }
}
