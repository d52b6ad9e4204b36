//! paragraf: a full-text search engine for Swedish meeting minutes
//! ("protokoll"), whose hit is one § paragraph with its meeting's metadata.
//!
//! The library follows the data: [`protocol`] parses a protocol file into a
//! [`Meeting`] and its [`Paragraph`]s; [`index`] walks an archive folder of them.
//!
//! ```no_run
//! let protocol = paragraf::protocol::parse_file(std::path::Path::new("sample-data/x.txt"))?;
//! for p in &protocol.paragraphs {
//!     println!("§ {} {}", p.number, p.title);
//! }
//! # Ok::<(), paragraf::Error>(())
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod error;
pub mod index;
pub mod protocol;
pub mod schema;
pub mod search;

pub use error::{Error, Result};
pub use protocol::{Decision, DecisionKind, Meeting, Paragraph, Person, Protocol, Section};
