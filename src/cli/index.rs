//! `paragraf index ARCHIVE...`: build or update the index.

use super::location::IndexArg;
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use paragraf::index::{FileOutcome, Index, SyncEvent, SyncReport, WalkOptions};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `paragraf index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Archive folders (or files) of protocols.
    #[arg(required = true, value_name = "ARCHIVE")]
    archives: Vec<PathBuf>,
    #[command(flatten)]
    index: IndexArg,
    /// Delete the index and build it anew (needed after a schema change).
    #[arg(long)]
    rebuild: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

/// `--include` / `--exclude` globs, shared by `index` and `parse`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only take files in the folders whose path (relative to the folder given) or name matches GLOB, e.g. '*.pdf' (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out files whose relative path or name matches GLOB, e.g. 'utkast/**' (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl FilterArgs {
    /// The walk options of the globs.
    pub fn resolve(&self) -> Result<WalkOptions> {
        Ok(WalkOptions::new(&self.include, &self.exclude)?)
    }
}

/// The resolved configuration of `paragraf index`.
#[derive(Debug)]
pub struct IndexConfig {
    /// Archives to index.
    pub archives: Vec<PathBuf>,
    /// Index folder.
    pub index: PathBuf,
    /// Start from an empty index.
    pub rebuild: bool,
    /// JSON summary.
    pub json: bool,
    /// Which files of the archive folders to take.
    pub walk: WalkOptions,
}

impl IndexArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<IndexConfig> {
        Ok(IndexConfig {
            archives: self.archives,
            index: self.index.resolve()?,
            rebuild: self.rebuild,
            json: self.json,
            walk: self.filter.resolve()?,
        })
    }
}

/// Opens (or creates, or rebuilds) the index and syncs it with the archives.
pub fn sync(
    index_dir: &std::path::Path,
    archives: &[PathBuf],
    walk: &WalkOptions,
    rebuild: bool,
) -> Result<SyncReport> {
    let index = if rebuild {
        Index::recreate(index_dir)
    } else {
        Index::open_or_create(index_dir)
    }
    .with_context(|| format!("opening the index at {}", index_dir.display()))?;
    let tty = std::io::stderr().is_terminal();
    let bar = if tty {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg:10} [{bar:30}] {pos}/{len} files ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message("indexing");
    let mut done = 0usize;
    let mut total = 0usize;
    let report = index.sync_with_options(archives, walk, &mut |event| match event {
        SyncEvent::Walked(n) => {
            total = *n;
            bar.set_length(*n as u64);
            if !tty {
                eprintln!("paragraf: {n} protocol files found");
            }
        }
        SyncEvent::File(_, outcome) => {
            if *outcome != FileOutcome::Removed {
                done += 1;
                bar.inc(1);
                if !tty && done.is_multiple_of(1000) {
                    eprintln!("paragraf: {done}/{total} files");
                }
            }
        }
        SyncEvent::Committing => bar.set_message("committing"),
    })?;
    bar.finish_and_clear();
    Ok(report)
}

/// Prints the summary of a sync.
pub fn print_summary(report: &SyncReport, index: &std::path::Path) {
    eprintln!(
        "paragraf: indexed into {} in {:.2} s: {} files ({} parsed, {} unchanged, {} removed), {} meetings and {} § new, {} § in the index",
        index.display(),
        report.elapsed.as_secs_f64(),
        report.files,
        report.parsed,
        report.unchanged,
        report.removed,
        report.meetings,
        report.paragraphs,
        report.total_paragraphs
    );
    if !report.skipped.is_empty() {
        eprintln!("paragraf: {} skipped:", report.skipped.len());
        for s in &report.skipped {
            eprintln!("  {}: {}", s.path.display(), s.reason);
        }
    }
}

/// Runs `paragraf index`.
pub fn run(cfg: IndexConfig) -> Result<u8> {
    let report = sync(&cfg.index, &cfg.archives, &cfg.walk, cfg.rebuild)?;
    if cfg.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    print_summary(&report, &cfg.index);
    Ok(super::exit::FOUND)
}
