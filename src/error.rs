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
    /// A file or folder could not be created or written (an index folder,
    /// an export, the saved searches).
    #[error("cannot write {what}: {source}")]
    Write {
        /// What was being written.
        what: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be deleted (what a failed run left in an
    /// index folder, an index being deleted or cleared).
    #[error("cannot delete {}: {source}", path.display())]
    Delete {
        /// The file or folder.
        path: PathBuf,
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
        "{}: index built with schema version {found}, this paragraf uses version {expected}; rebuild it from its archive",
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
    /// An index whose files are damaged (a checksum that does not match, a
    /// file missing, a file the index library cannot decode).
    #[error(
        "the index at {} is damaged ({detail}); rebuild it from its archive",
        dir.display()
    )]
    Damaged {
        /// The index folder.
        dir: PathBuf,
        /// The damaged files, or what is wrong.
        detail: String,
    },
    /// The disk (or the user's quota) is full.
    #[error(
        "{}: the disk is full: free some space and run again (the index keeps its last commit)",
        path.display()
    )]
    DiskFull {
        /// The file or folder being written.
        path: PathBuf,
    },
    /// The index folder was replaced (rebuilt) by another process while this
    /// one had it open.
    #[error("{}: the index was rebuilt by another process meanwhile; run again", dir.display())]
    Replaced {
        /// The index folder.
        dir: PathBuf,
    },
    /// A protocol file whose bytes are no longer those indexed (edited,
    /// replaced, or swapped for a link to another file since).
    #[error("{}: changed since it was indexed; index the archive again", path.display())]
    SourceChanged {
        /// The file.
        path: PathBuf,
    },
    /// A query that cannot be parsed, or one too long to run.
    #[error("bad query: {message}\n{}", excerpt(query, *column))]
    Query {
        /// The query as given.
        query: String,
        /// 0-based character column where it went wrong.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A bad option of a request (a date that is not a date, a bad glob).
    #[error("bad {option}: {message}")]
    Option {
        /// The option: the name of the request's field (`from`, `to`,
        /// `organ`, `organisation`, `case`, `limit`, `offset`, `include`,
        /// `exclude`), or of the value (`CASE_NUMBER`, `NAME`). The command
        /// line names its flag instead.
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

/// Characters of a query shown on each side of the column of an error.
const EXCERPT_CHARS: usize = 60;

/// The query (or, for a long one, the part around `column`) with a caret
/// under the column, each line indented by two spaces.
fn excerpt(query: &str, column: usize) -> String {
    let chars: Vec<char> = query.chars().collect();
    let from = column.saturating_sub(EXCERPT_CHARS);
    let to = (column + EXCERPT_CHARS).min(chars.len());
    let (from, to) = if chars.len() <= 2 * EXCERPT_CHARS {
        (0, chars.len())
    } else {
        (from.min(to), to)
    };
    let mut line = String::new();
    let mut caret_at = column - from.min(column);
    if from > 0 {
        line.push('…');
        caret_at += 1;
    }
    line.extend(&chars[from..to]);
    if to < chars.len() {
        line.push('…');
    }
    format!("  {line}\n  {}^", " ".repeat(caret_at))
}

/// The I/O error inside a tantivy error, if there is one.
pub(crate) fn tantivy_io_error(e: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenReadError, OpenWriteError};
    match e {
        T::IoError(io) => Some(io),
        T::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(io_error),
        T::OpenReadError(OpenReadError::IoError { io_error, .. }) => Some(io_error),
        _ => None,
    }
}

/// True if `e` says the disk (or quota) is full.
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.to_string().contains("No space left on device")
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
