//! The command line: clap arguments, their resolution into a config, and output.

mod case;
mod check;
mod export;
mod index;
mod json;
mod location;
mod parse;
mod positions;
mod schema;
mod search;
mod serve;
mod terminal;
mod watch;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// Search engine for Swedish meeting minutes: every hit is one § paragraph.
#[derive(Debug, Parser)]
#[command(name = "paragraf", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is
    /// set; CLICOLOR_FORCE colours pipes too), always, never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: terminal::ColorWhen,
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
    /// The § where a party or a person moved, reserved, noted, declared a
    /// conflict of interest or abstained, and a summary by party × kind,
    /// e.g. `paragraf positions --party SD --kind reservation --from 2024`.
    Positions(positions::PositionsArgs),
    /// Export every § with its meeting, one JSON document a line.
    Export(export::ExportArgs),
    /// Serve the index over HTTP: a JSON API and a search page (read-only;
    /// on this machine only, unless --bind says otherwise).
    Serve(serve::ServeArgs),
    /// Print the index layout for other engines (an OpenSearch mapping).
    Schema(schema::SchemaArgs),
    /// Verify the index's files (checksums, then every segment read as a
    /// search reads it) and name what is damaged.
    Check(check::CheckArgs),
    /// Print a shell completion script, e.g.
    /// `paragraf completions bash > ~/.local/share/bash-completion/completions/paragraf`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `paragraf man | man -l -`.
    Man,
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
    quiet_panics();
    match std::panic::catch_unwind(run_command) {
        Ok(code) => code,
        Err(_) => {
            let what = LAST_PANIC
                .lock()
                .ok()
                .and_then(|p| p.clone())
                .unwrap_or_default();
            eprintln!("paragraf: internal error (a bug in paragraf: please report it): {what}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The last panic's message and place, for [`run`] to report.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Panics print nothing where they happen: the library turns those it
/// expects (a damaged index file, a PDF the reader cannot handle) into
/// errors naming the file, and [`run`] reports any other as an internal
/// error, with the backtrace when `RUST_BACKTRACE` asks for one.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::capture();
        let backtrace = match backtrace.status() {
            std::backtrace::BacktraceStatus::Captured => format!("\n{backtrace}"),
            _ => String::new(),
        };
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{message}{place}{backtrace}"));
        }
    }));
}

fn run_command() -> ExitCode {
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
    cli.color.apply();
    let result = match cli.command {
        Command::Index(args) => args.resolve().and_then(index::run),
        Command::Search(args) => args.resolve().and_then(search::run),
        Command::Show(args) => search::show(args),
        Command::Parse(args) => args.resolve().and_then(parse::run),
        Command::Case(args) => args.resolve().and_then(case::run),
        Command::Watch(args) => args.resolve().and_then(watch::run),
        Command::Positions(args) => args.resolve().and_then(positions::run),
        Command::Export(args) => args.resolve().and_then(export::run),
        Command::Serve(args) => args.resolve().and_then(serve::run),
        Command::Schema(args) => schema::run(args),
        Command::Check(args) => check::run(args),
        Command::Completions { shell } => completions(shell),
        Command::Man => man_page(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::FOUND);
            }
            eprintln!("paragraf: error: {}", message(&e));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The error and its causes, joined by ": ", leaving out a cause whose text
/// the message already holds (a library error that names its OS error
/// also returns it as its source).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause
            .downcast_ref::<paragraf::Error>()
            .and_then(in_cli_terms)
            .unwrap_or_else(|| cause.to_string());
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// A library error in the command line's terms, where they differ: the
/// flag for a request's field (`bad --from: …`), the command that rebuilds
/// an index. The library's own messages name no flag.
fn in_cli_terms(e: &paragraf::Error) -> Option<String> {
    use paragraf::Error;
    let rebuild = |dir: &std::path::Path| {
        format!(
            "rebuild it with `paragraf index --rebuild ARCHIVE --index {}`",
            terminal::shell_quote(&dir.to_string_lossy())
        )
    };
    match e {
        Error::Option { option, message } if option.bytes().all(|b| b.is_ascii_lowercase()) => {
            Some(format!("bad --{option}: {message}"))
        }
        Error::SchemaVersion {
            dir,
            found,
            expected,
        } => Some(format!(
            "{}: index built with schema version {found}, this paragraf uses version {expected}; {}",
            dir.display(),
            rebuild(dir)
        )),
        Error::Damaged { dir, detail } => Some(format!(
            "the index at {} is damaged ({detail}): {}",
            dir.display(),
            rebuild(dir)
        )),
        _ => None,
    }
}

/// Writes the completion script for `shell` to standard output.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "paragraf", &mut out);
    std::io::Write::flush(&mut out)?;
    Ok(exit::FOUND)
}

/// Writes the manual page, made from the same definitions as `--help`.
fn man_page() -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(exit::FOUND)
}

/// "1 file", "2 files": `n` and the word in the number it needs.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
