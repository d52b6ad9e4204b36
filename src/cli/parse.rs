//! `paragraf parse PATH...`: print the parse of protocol files.

use super::exit;
use anyhow::{Context, Result};
use clap::Args;
use paragraf::index::{WalkOptions, walk_with};
use paragraf::{Error, Meeting, Paragraph, Protocol, protocol};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `paragraf parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Protocol files or folders (folders are walked for .txt, .text, .md and .pdf files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print JSON: one object {"meeting", "paragraphs"} for a single file, an array of them for several.
    #[arg(short = 'j', long, conflicts_with = "ndjson")]
    json: bool,
    /// Print one JSON line per § paragraph: {"meeting": {...}, "paragraph": {...}}.
    #[arg(long)]
    ndjson: bool,
    #[command(flatten)]
    filter: super::index::FilterArgs,
}

/// Output format of `paragraf parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A readable outline.
    Outline,
    /// JSON documents.
    Json,
    /// One JSON line per paragraph.
    Ndjson,
}

/// The resolved configuration of `paragraf parse`.
#[derive(Debug)]
pub struct ParseConfig {
    /// Files and folders to parse.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Which files of the folders to take.
    pub walk: WalkOptions,
}

impl ParseArgs {
    /// Resolves the arguments into a [`ParseConfig`].
    pub fn resolve(self) -> Result<ParseConfig> {
        let format = if self.json {
            Format::Json
        } else if self.ndjson {
            Format::Ndjson
        } else {
            Format::Outline
        };
        Ok(ParseConfig {
            paths: self.paths,
            format,
            walk: self.filter.resolve()?,
        })
    }
}

#[derive(Serialize)]
struct NdjsonLine<'a> {
    meeting: &'a Meeting,
    paragraph: &'a Paragraph,
}

/// Runs `paragraf parse`; returns the exit code.
pub fn run(cfg: ParseConfig) -> Result<u8> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut protocols: Vec<Protocol> = Vec::new();
    let mut errors = 0usize;
    let mut paragraphs = 0usize;
    let mut warned = 0usize;
    for item in walk_with(&cfg.paths, &cfg.walk) {
        let file = match item {
            Ok(f) => f,
            Err(e) => {
                errors += 1;
                eprintln!("paragraf: error: {e}");
                continue;
            }
        };
        match protocol::parse_file_with(&file.path, &file.meta) {
            Ok(p) => {
                paragraphs += p.paragraphs.len();
                warned += usize::from(!p.warnings.is_empty());
                for w in &p.warnings {
                    super::warn_at(&file.path, w.line, &w.message);
                }
                match cfg.format {
                    Format::Outline => outline(&mut out, &p)?,
                    Format::Ndjson => {
                        for para in &p.paragraphs {
                            serde_json::to_writer(
                                &mut out,
                                &super::json::versioned(NdjsonLine {
                                    meeting: &p.meeting,
                                    paragraph: para,
                                }),
                            )?;
                            out.write_all(b"\n")?;
                        }
                    }
                    Format::Json => protocols.push(p),
                }
            }
            Err(e @ (Error::NoParagraphs { .. } | Error::Binary { .. } | Error::Pdf { .. })) => {
                eprintln!("paragraf: warning: {e}");
            }
            Err(e) => {
                errors += 1;
                eprintln!("paragraf: error: {e}");
            }
        }
    }
    if cfg.format == Format::Json {
        if protocols.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &super::json::versioned(&protocols[0]))?;
        } else {
            serde_json::to_writer_pretty(&mut out, &super::json::versioned_each(&protocols))?;
        }
        out.write_all(b"\n")?;
    }
    out.flush().context("writing output")?;
    if warned > 0 {
        eprintln!(
            "paragraf: {} with warnings (above)",
            super::plural(warned, "file", "files")
        );
    }
    Ok(if errors > 0 {
        exit::ERROR
    } else if paragraphs == 0 {
        exit::NOTHING
    } else {
        exit::FOUND
    })
}

fn outline(out: &mut impl Write, p: &Protocol) -> Result<()> {
    let m = &p.meeting;
    let dash = "-";
    writeln!(
        out,
        "{}  {} · {} · {}  ({} §)",
        m.source,
        m.organisation.as_deref().unwrap_or(dash),
        m.organ.as_deref().unwrap_or(dash),
        m.date.as_deref().unwrap_or(dash),
        p.paragraphs.len()
    )?;
    for para in &p.paragraphs {
        match &para.case_number {
            Some(c) => writeln!(out, "§ {:<4} {}  [{}]", para.number, para.title, c)?,
            None => writeln!(out, "§ {:<4} {}", para.number, para.title)?,
        }
    }
    writeln!(out)?;
    Ok(())
}
