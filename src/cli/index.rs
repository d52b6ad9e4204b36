//! `paragraf index ARCHIVE...`: build or update the index.

use super::location::IndexArg;
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use paragraf::index::{
    COMMIT_EVERY, FileOutcome, Index, SyncEvent, SyncOptions, SyncReport, WalkOptions,
};
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
    #[arg(short = 'j', long)]
    json: bool,
    /// Commit after this many new §: a run that is killed keeps what it
    /// committed, and the next run goes on from there.
    #[arg(long, value_name = "N", default_value_t = COMMIT_EVERY as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
    /// Print every file as it is done, and every commit.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// Print no progress and no summary, only warnings and errors.
    #[arg(long, short)]
    quiet: bool,
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
    /// How the sync runs.
    pub options: SyncOptions,
    /// Print each file and commit.
    pub verbose: bool,
    /// Print only warnings and errors.
    pub quiet: bool,
}

impl IndexArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<IndexConfig> {
        Ok(IndexConfig {
            archives: self.archives,
            index: self.index.resolve()?,
            rebuild: self.rebuild,
            json: self.json,
            options: SyncOptions {
                walk: self.filter.resolve()?,
                commit_every: usize::try_from(self.commit_every).unwrap_or(usize::MAX),
            },
            verbose: self.verbose,
            quiet: self.quiet,
        })
    }
}

/// Opens (or creates, or rebuilds) the index and syncs it with the archives.
pub fn sync(
    index_dir: &std::path::Path,
    archives: &[PathBuf],
    rebuild: bool,
    options: &SyncOptions,
    verbose: bool,
    quiet: bool,
) -> Result<SyncReport> {
    // An archive that is not there is an error before the index is touched.
    for archive in archives {
        std::fs::metadata(archive).map_err(|source| paragraf::Error::Read {
            path: archive.clone(),
            source,
        })?;
    }
    let created = !index_dir.exists();
    let context = || format!("opening the index at {}", index_dir.display());
    // A rebuild fills a new index beside the old one, swapped in at the end.
    let (rebuilding, opened) = if rebuild {
        (Some(Index::rebuild(index_dir).with_context(context)?), None)
    } else {
        (
            None,
            Some(Index::open_or_create(index_dir).with_context(context)?),
        )
    };
    let index = match (&rebuilding, &opened) {
        (Some(r), _) => r.index(),
        (None, Some(i)) => i,
        (None, None) => unreachable!("an index is opened or rebuilt"),
    };
    let tty = std::io::stderr().is_terminal();
    let bar = if tty && !quiet {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg:10} [{bar:30}] {pos}/{len} files ({rate}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", files_per_second(state.per_sec()));
            },
        )
        .progress_chars("=> "),
    );
    bar.set_message("indexing");
    let mut done = 0usize;
    let mut total = 0usize;
    let mut commits = 0usize;
    let report = index.sync_with(archives, options, &mut |event| {
        if verbose {
            bar.suspend(|| verbose_line(event, &mut commits));
        }
        match event {
            SyncEvent::Walked(n) => {
                total = *n;
                bar.set_length(*n as u64);
                if !tty && !quiet {
                    eprintln!(
                        "paragraf: {} found",
                        super::plural(*n, "protocol file", "protocol files")
                    );
                }
            }
            SyncEvent::File(_, outcome) => {
                if *outcome != FileOutcome::Removed {
                    done += 1;
                    bar.inc(1);
                    if !tty && !verbose && !quiet && done.is_multiple_of(1000) {
                        eprintln!("paragraf: {done}/{total} files");
                    }
                }
            }
            SyncEvent::Committing => bar.set_message("committing"),
            SyncEvent::Committed => bar.set_message("indexing"),
        }
    });
    bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            // A folder this run made and never committed to goes again.
            if created && !rebuild && index.stats().is_ok_and(|s| s.files == 0) {
                drop(opened);
                let _ = Index::delete(index_dir);
            }
            return Err(e.into());
        }
    };
    if let Some(r) = rebuilding {
        r.finish().with_context(|| {
            format!(
                "putting the rebuilt index in place at {}",
                index_dir.display()
            )
        })?;
    }
    Ok(report)
}

/// One line per file and per commit, for `--verbose`.
fn verbose_line(event: &SyncEvent, commits: &mut usize) {
    match event {
        SyncEvent::Walked(_) => {}
        SyncEvent::File(path, outcome) => {
            let what = match outcome {
                FileOutcome::Unchanged => "unchanged".to_string(),
                FileOutcome::Indexed(n) => format!("indexed {n} §"),
                FileOutcome::Skipped(why) => format!("skipped: {why}"),
                FileOutcome::Removed => "removed".to_string(),
            };
            eprintln!("paragraf: {}: {what}", path.display());
        }
        SyncEvent::Committing => eprintln!("paragraf: committing"),
        SyncEvent::Committed => {
            *commits += 1;
            eprintln!("paragraf: commit {commits} done");
        }
    }
}

/// A rate of files per second as a person reads it: "590 files/s",
/// "2.5 files/s".
fn files_per_second(rate: f64) -> String {
    if rate >= 10.0 || rate == 0.0 {
        format!("{rate:.0} files/s")
    } else {
        format!("{rate:.1} files/s")
    }
}

/// Prints the summary of a sync; with `quiet`, only the skipped files
/// that are errors, and the warnings.
pub fn print_summary(report: &SyncReport, index: &std::path::Path, quiet: bool) {
    use super::plural;
    if !quiet {
        eprintln!(
            "paragraf: indexed into {} in {:.2} s: {} ({} parsed{}, {} unchanged, {} removed), {} and {} § new, {} § in the index",
            index.display(),
            report.elapsed.as_secs_f64(),
            plural(report.files, "file", "files"),
            report.parsed,
            if report.reparsed > 0 {
                format!(", {} of them for a new parser version", report.reparsed)
            } else {
                String::new()
            },
            report.unchanged,
            report.removed,
            plural(report.meetings, "meeting", "meetings"),
            report.paragraphs,
            report.total_paragraphs
        );
    }
    let shown: Vec<_> = report
        .skipped
        .iter()
        .filter(|s| s.error || !quiet)
        .collect();
    if !shown.is_empty() {
        eprintln!("paragraf: {} skipped:", shown.len());
        for s in shown {
            let kind = if s.error { "error" } else { "warning" };
            eprintln!("  {kind}: {}: {}", s.path.display(), s.reason);
        }
    }
    for w in &report.warnings {
        super::warn_at(&w.path, w.line, &w.message);
    }
    if report.files_with_warnings > 0 && !quiet {
        eprintln!(
            "paragraf: {} with warnings (above): check them, or describe them in paragraf.toml",
            plural(report.files_with_warnings, "file", "files")
        );
    }
}

/// Runs `paragraf index`.
pub fn run(cfg: IndexConfig) -> Result<u8> {
    let report = sync(
        &cfg.index,
        &cfg.archives,
        cfg.rebuild,
        &cfg.options,
        cfg.verbose,
        cfg.quiet,
    )?;
    if cfg.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&super::json::versioned(&report))?
        );
    }
    print_summary(&report, &cfg.index, cfg.quiet);
    // Everything readable is indexed; a file or folder that could not be
    // read makes the run an error, as it does for grep and ripgrep.
    Ok(if report.skipped.iter().any(|s| s.error) {
        super::exit::ERROR
    } else {
        super::exit::FOUND
    })
}
