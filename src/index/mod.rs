//! Stage 3: the archive. For now: walking an archive folder for protocol files.

pub mod walk;

pub use walk::{ArchiveFile, walk};
