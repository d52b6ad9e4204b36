//! `paragraf check`: verifies an index's files, as Lucene's CheckIndex.

use super::location::IndexArg;
use anyhow::{Context, Result};
use clap::Args;
use paragraf::index::check::{CheckReport, check};
use std::io::Write;

/// Arguments of `paragraf check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    index: IndexArg,
    /// Print the report as JSON: {"schema_version", "dir", "segments", "documents",
    /// "files_checked", "problems": [{"file", "problem"}], "notes": [...]}.
    #[arg(short = 'j', long)]
    json: bool,
}

/// Runs `paragraf check`: exit 0 if the index is sound, 2 if something is
/// damaged (each damaged file is named).
pub fn run(args: CheckArgs) -> Result<u8> {
    let dir = args.index.resolve()?;
    let report = check(&dir).with_context(|| format!("checking the index at {}", dir.display()))?;
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &super::json::versioned(&report))?;
        writeln!(out)?;
    } else {
        print(&mut out, &report)?;
    }
    out.flush()?;
    Ok(if report.is_sound() {
        super::exit::FOUND
    } else {
        super::exit::ERROR
    })
}

fn print(out: &mut impl Write, r: &CheckReport) -> Result<()> {
    writeln!(
        out,
        "{}: {} segments, {} documents, {} files verified",
        r.dir.display(),
        r.segments,
        r.documents,
        r.files_checked
    )?;
    for p in &r.problems {
        writeln!(out, "damaged: {}: {}", p.file, p.problem)?;
    }
    for n in &r.notes {
        writeln!(out, "note: {}: {}", n.file, n.problem)?;
    }
    if r.is_sound() {
        writeln!(out, "the index is sound")?;
    } else {
        writeln!(
            out,
            "the index is damaged ({} problems): rebuild it with `paragraf index --rebuild ARCHIVE`",
            r.problems.len()
        )?;
    }
    Ok(())
}
