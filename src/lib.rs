//! paragraf: a full-text search engine for Swedish meeting minutes
//! ("protokoll"), whose hit is one § paragraph with its meeting's metadata.
//!
//! The library follows the data: [`protocol`] parses a protocol file into a
//! [`Meeting`] and its [`Paragraph`]s; [`analysis`] is the Swedish analyzer;
//! [`schema`] loads the index layout from `index-schema/`; [`index`] walks an
//! archive and keeps an [`Index`] in sync with it; [`search`] runs queries.
//!
//! ```no_run
//! use paragraf::{Index, SearchRequest};
//!
//! let index = Index::open_or_create(std::path::Path::new("/tmp/paragraf-index"))?;
//! index.sync(std::path::Path::new("sample-data"))?;
//! for hit in index.search(&SearchRequest::new("Krav- och kvalitetsbok"))?.hits {
//!     println!("{} § {} {}", hit.meeting.id, hit.paragraph.number, hit.paragraph.title);
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
pub use index::{Index, SyncReport};
pub use protocol::{
    Decision, DecisionKind, Meeting, Paragraph, Person, Position, PositionKind, Protocol, Section,
    Vote,
};
pub use search::case::{CaseReference, CaseStep, CaseThread, Cited};
pub use search::{Hit, SearchRequest, SearchResults};

/// The README's Rust examples, compiled (and run, unless marked `no_run`)
/// by `cargo test` as doctests, so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
