//! `paragraf watch add|list|remove|run`: saved searches that report new §.

use super::location::{IndexArg, IndexLocation, open_existing};
use super::search::{BOLD, DIM, FilterArgs, HitLayout, print_hit};
use super::terminal::stdout_width;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use paragraf::search::SearchRequest;
use paragraf::search::watch::{WatchNews, Watches};
use std::io::Write;

/// Arguments of `paragraf watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(subcommand)]
    action: WatchAction,
}

/// What to do with the watches.
#[derive(Debug, Subcommand)]
enum WatchAction {
    /// Save a search; the § that match now count as seen.
    Add {
        /// A name for it.
        name: String,
        /// The query, as for `paragraf search`.
        query: String,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        index: IndexArg,
    },
    /// List the saved searches.
    List {
        /// Print JSON.
        #[arg(short = 'j', long)]
        json: bool,
        #[command(flatten)]
        index: IndexArg,
    },
    /// Delete a saved search.
    Remove {
        /// Its name.
        name: String,
        #[command(flatten)]
        index: IndexArg,
    },
    /// Print, for each saved search, the § new since its last run, and
    /// record them (run it after `paragraf index`, e.g. from cron). Exit
    /// code 0 if anything is new, 1 if not.
    Run {
        /// Print JSON: [{"name", "query", "hits": [...]}].
        #[arg(short = 'j', long)]
        json: bool,
        #[command(flatten)]
        index: IndexArg,
    },
}

/// What `paragraf watch` does, resolved.
#[derive(Debug)]
pub enum WatchCommand {
    /// Save a search.
    Add {
        /// Its name.
        name: String,
        /// Query and filters.
        request: SearchRequest,
    },
    /// List the saved searches.
    List {
        /// JSON output.
        json: bool,
    },
    /// Delete a saved search.
    Remove {
        /// Its name.
        name: String,
    },
    /// Report what is new.
    Run {
        /// JSON output.
        json: bool,
    },
}

/// The resolved configuration of `paragraf watch`.
#[derive(Debug)]
pub struct WatchConfig {
    /// Index folder.
    pub index: IndexLocation,
    /// What to do.
    pub command: WatchCommand,
}

impl WatchArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<WatchConfig> {
        let (index, command) = match self.action {
            WatchAction::Add {
                name,
                query,
                filters,
                index,
            } => (
                index,
                WatchCommand::Add {
                    name,
                    request: filters.request(query),
                },
            ),
            WatchAction::List { json, index } => (index, WatchCommand::List { json }),
            WatchAction::Remove { name, index } => (index, WatchCommand::Remove { name }),
            WatchAction::Run { json, index } => (index, WatchCommand::Run { json }),
        };
        Ok(WatchConfig {
            index: index.location()?,
            command,
        })
    }
}

/// Runs `paragraf watch`.
pub fn run(cfg: WatchConfig) -> Result<u8> {
    let index = open_existing(&cfg.index)?;
    let mut watches = Watches::open(&index)?;
    let mut out = anstream::stdout().lock();
    let code = match cfg.command {
        WatchCommand::Add { name, request } => {
            let n = watches.add(&index, &name, request)?;
            eprintln!(
                "paragraf: watch {name:?} saved in {}; {n} § match now and count as seen",
                watches.path().display()
            );
            super::exit::FOUND
        }
        WatchCommand::List { json } => {
            if json {
                serde_json::to_writer_pretty(
                    &mut out,
                    &super::json::versioned_each(watches.list()),
                )?;
                writeln!(out)?;
            }
            for w in watches.list().iter().filter(|_| !json) {
                let r = &w.request;
                let filters: Vec<String> = [
                    ("--from", &r.from),
                    ("--to", &r.to),
                    ("--organ", &r.organ),
                    ("--organisation", &r.organisation),
                    ("--case", &r.case),
                ]
                .into_iter()
                .filter_map(|(o, v)| v.as_ref().map(|v| format!("{o} {v:?}")))
                .collect();
                writeln!(
                    out,
                    "{BOLD}{}{BOLD:#}  \"{}\" {}  {DIM}last run {}, {} § seen{DIM:#}",
                    w.name,
                    r.query,
                    filters.join(" "),
                    w.last_run.as_deref().unwrap_or("never"),
                    w.seen.len()
                )?;
            }
            if watches.list().is_empty() {
                super::exit::NOTHING
            } else {
                super::exit::FOUND
            }
        }
        WatchCommand::Remove { name } => {
            if watches.remove(&name)? {
                eprintln!("paragraf: watch {name:?} removed");
                super::exit::FOUND
            } else {
                eprintln!("paragraf: no watch named {name:?}");
                super::exit::NOTHING
            }
        }
        WatchCommand::Run { json } => {
            let news = watches.news(&index)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &super::json::versioned_each(&news))?;
                writeln!(out)?;
            } else {
                let layout = HitLayout {
                    width: stdout_width(),
                    index_option: cfg.index.given.then(|| cfg.index.dir.clone()),
                };
                print_news(&mut out, &news, &layout)?;
            }
            // Delivered first (written, flushed, on disk when the output
            // is a file), then recorded as seen: news that cannot be
            // written (a full disk, a closed pipe) comes again next time.
            out.flush().context("writing the news")?;
            sync_stdout().context("writing the news")?;
            watches.record(&news)?;
            for n in news.iter() {
                if let Some(e) = &n.error {
                    eprintln!("paragraf: error: watch {:?}: {e}", n.name);
                }
            }
            if news.iter().any(|n| n.error.is_some()) {
                super::exit::ERROR
            } else if news.iter().any(|n| !n.hits.is_empty()) {
                super::exit::FOUND
            } else {
                super::exit::NOTHING
            }
        }
    };
    out.flush()?;
    Ok(code)
}

/// Flushes standard output to disk when it is a file (a full disk can be
/// reported only then on some file systems); a pipe or terminal needs
/// nothing.
fn sync_stdout() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stdout().as_fd().try_clone_to_owned()?;
        let file = std::fs::File::from(fd);
        if file.metadata()?.is_file() {
            file.sync_all()?;
        }
    }
    Ok(())
}

/// The new § of each watch; when nothing is new, a line saying so (on
/// standard error, so that a cron job's output stays empty).
fn print_news(out: &mut impl Write, news: &[WatchNews], layout: &HitLayout) -> Result<()> {
    for n in news.iter().filter(|n| !n.hits.is_empty()) {
        writeln!(
            out,
            "{BOLD}{}: {} new § for \"{}\"{BOLD:#}",
            n.name,
            n.hits.len(),
            n.query
        )?;
        for (i, hit) in n.hits.iter().enumerate() {
            print_hit(out, i + 1, hit, layout)?;
        }
        writeln!(out)?;
    }
    // Watches that could not run are named after the news.
    let ran = news.iter().filter(|n| n.error.is_none()).count();
    if news.is_empty() {
        eprintln!("paragraf: no watches yet: add one with `paragraf watch add NAME QUERY`");
    } else if ran > 0 && news.iter().all(|n| n.hits.is_empty()) {
        eprintln!(
            "paragraf: no new § for {}",
            super::plural(ran, "watch", "watches")
        );
    }
    Ok(())
}
