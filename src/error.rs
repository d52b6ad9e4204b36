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
    /// A file's bytes are not text (a NUL byte near the start).
    #[error("{}: not a text file (binary content)", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
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
    /// A bug in paragraf itself.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// True for errors caused by the user's input (files, configuration),
    /// false for internal errors.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Internal(_))
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
