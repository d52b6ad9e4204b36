//! The library's one error type. User errors (a file that cannot be read or
//! holds no §, a bad `paragraf.toml`) are kept apart from internal ones so
//! callers can report the first and treat the second as bugs.

use std::path::PathBuf;

/// Everything that can go wrong in paragraf.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Output could not be written (an export, the saved searches).
    #[error("cannot write {what}: {source}")]
    Write {
        /// What was being written.
        what: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A file's bytes are not text (a NUL byte near the start).
    #[error("{}: not a text file (binary content)", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// A PDF whose text cannot be read: no text layer (a scan), encrypted,
    /// or broken.
    #[error("{}: cannot read PDF: {reason}", path.display())]
    Pdf {
        /// The file.
        path: PathBuf,
        /// Why ("no text layer (scanned?)", "encrypted ...", "broken: ...").
        reason: String,
    },
    /// A protocol file in which no § paragraph heading was found.
    #[error("{}: no § paragraphs found", path.display())]
    NoParagraphs {
        /// The file.
        path: PathBuf,
    },
    /// A `paragraf.toml` folder configuration that cannot be used.
    #[error("{}:{line}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A folder that is not a paragraf index.
    #[error("{}: not a paragraf index ({reason})", dir.display())]
    NotAnIndex {
        /// The folder.
        dir: PathBuf,
        /// Why not.
        reason: String,
    },
    /// An index built with another schema version.
    #[error(
        "{}: index built with schema version {found}, this paragraf uses version {expected}; rebuild it with `paragraf index --rebuild ARCHIVE`",
        dir.display()
    )]
    SchemaVersion {
        /// The index folder.
        dir: PathBuf,
        /// Version found in the index.
        found: u32,
        /// Version this build uses.
        expected: u32,
    },
    /// Another process is writing to the index.
    #[error("{}: the index is locked by another running indexer", dir.display())]
    Locked {
        /// The index folder.
        dir: PathBuf,
    },
    /// A query that cannot be parsed.
    #[error("bad query: {message}\n  {query}\n  {caret}", caret = caret(*column))]
    Query {
        /// The query as given.
        query: String,
        /// 0-based character column where it went wrong.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A bad search option (a date that is not a date).
    #[error("bad {option}: {message}")]
    Option {
        /// The option.
        option: String,
        /// What is wrong.
        message: String,
    },
    /// An error from the search library.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A bug in paragraf itself.
    #[error("internal error: {0}")]
    Internal(String),
}

fn caret(column: usize) -> String {
    format!("{}^", " ".repeat(column))
}

impl Error {
    /// True for errors caused by the user's input (files, configuration),
    /// false for internal errors.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Internal(_) | Error::Tantivy(_))
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
