//! The command line: clap arguments, their resolution into a config, and output.

mod case;
mod export;
mod index;
mod location;
mod parse;
mod schema;
mod search;
mod watch;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Search engine for Swedish meeting minutes: every hit is one § paragraph.
#[derive(Debug, Parser)]
#[command(name = "paragraf", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index from archive folders of protocols (incremental).
    Index(index::IndexArgs),
    /// Search the index: ranked § hits with their meetings.
    Search(search::SearchArgs),
    /// Print one whole § with its meeting.
    Show(search::ShowArgs),
    /// Parse protocol files into meetings and § paragraphs and print them.
    Parse(parse::ParseArgs),
    /// Follow a case number: every § with it across bodies and meetings, in
    /// the order of the decision chain, and the § that refer to them.
    Case(case::CaseArgs),
    /// Saved searches that report the § new since their last run.
    Watch(watch::WatchArgs),
    /// Export every § with its meeting, one JSON document a line.
    Export(export::ExportArgs),
    /// Print the index layout for other engines (an OpenSearch mapping).
    Schema(schema::SchemaArgs),
}

/// Exit codes, as grep and ripgrep use them.
pub mod exit {
    /// Something was found / done.
    pub const FOUND: u8 = 0;
    /// Nothing was found.
    pub const NOTHING: u8 = 1;
    /// An error.
    pub const ERROR: u8 = 2;
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::FOUND
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Index(args) => args.resolve().and_then(index::run),
        Command::Search(args) => args.resolve().and_then(search::run),
        Command::Show(args) => search::show(args),
        Command::Parse(args) => args.resolve().and_then(parse::run),
        Command::Case(args) => args.resolve().and_then(case::run),
        Command::Watch(args) => args.resolve().and_then(watch::run),
        Command::Export(args) => args.resolve().and_then(export::run),
        Command::Schema(args) => schema::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::FOUND);
            }
            eprintln!("paragraf: error: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Prints a warning about a line of a file, as `paragraf: warning: FILE:LINE: message`.
pub(crate) fn warn_at(path: &std::path::Path, line: usize, message: &str) {
    eprintln!("paragraf: warning: {}:{line}: {message}", path.display());
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}
