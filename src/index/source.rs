//! A meeting's protocol file as the index knows it: found by the meeting's
//! id, and given out only while its bytes are those indexed.
//!
//! The path comes from the index, never from the caller, so no other file
//! can be named; and the bytes read are compared with the size and content
//! hash recorded when the file was indexed, so a file edited since, or
//! replaced by a link to another file, is refused rather than given out.

use super::{Index, document, key, walk};
use crate::error::{Error, Result};
use crate::protocol::Meeting;
use std::path::PathBuf;
use tantivy::Term;

/// A protocol file of the index, read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The meeting it is the protocol of.
    pub meeting: Meeting,
    /// Where it is.
    pub path: PathBuf,
    /// Its bytes, the same as when it was indexed.
    pub bytes: Vec<u8>,
}

impl Index {
    /// The protocol file of the meeting `meeting_id`, read: `None` when no
    /// meeting has that id; [`Error::SourceChanged`] when its bytes are no
    /// longer those indexed; [`Error::Read`] when it cannot be read (gone,
    /// no permission, not a regular file).
    pub fn source_file(&self, meeting_id: &str) -> Result<Option<SourceFile>> {
        let Some(meeting) = self.meeting(meeting_id)? else {
            return Ok(None);
        };
        let state = self.guarded(|| {
            let searcher = self.searcher()?;
            let f = self.fields();
            let terms = vec![Term::from_field_text(f.file_path, &meeting.source)];
            match self.first_doc(&searcher, document::KIND_FILE, terms)? {
                Some(doc) => Ok(Some(document::record::<document::FileState>(&doc, f)?)),
                None => Ok(None),
            }
        })?;
        let path = key::path(&meeting.source);
        let Some(state) = state else {
            return Err(Error::Internal(format!(
                "no file state stored for {}",
                meeting.source
            )));
        };
        let bytes = walk::read_regular(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if bytes.len() as u64 != state.size || xxhash_rust::xxh3::xxh3_64(&bytes) != state.hash {
            return Err(Error::SourceChanged { path });
        }
        Ok(Some(SourceFile {
            meeting,
            path,
            bytes,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed() -> (tempfile::TempDir, Index, String) {
        let tmp = tempfile::tempdir().unwrap();
        let archive = tmp.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let text =
            "Kommunstyrelsen\nProtokoll 2024-03-05\n\n§ 1 Budget\n\nBeslut\natt anta budgeten\n";
        std::fs::write(archive.join("ks.txt"), text).unwrap();
        let index = Index::create(&tmp.path().join("index")).unwrap();
        index.sync(&archive).unwrap();
        let id = index
            .search(&crate::search::SearchRequest::new("budget"))
            .unwrap()
            .hits[0]
            .meeting
            .id
            .clone();
        (tmp, index, id)
    }

    #[test]
    fn the_file_as_indexed_is_given_out_and_nothing_else() {
        let (tmp, index, id) = indexed();
        let file = index.source_file(&id).unwrap().unwrap();
        assert!(String::from_utf8_lossy(&file.bytes).contains("§ 1 Budget"));
        assert_eq!(file.meeting.id, id);
        assert!(index.source_file("../ks").unwrap().is_none());
        assert!(index.source_file("").unwrap().is_none());
        // Swapped for a link to another file: refused.
        let path = tmp.path().join("archive/ks.txt");
        let other = tmp.path().join("secret.txt");
        std::fs::write(&other, "not a protocol").unwrap();
        std::fs::remove_file(&path).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&other, &path).unwrap();
        #[cfg(not(unix))]
        std::fs::copy(&other, &path).unwrap();
        let e = index.source_file(&id).unwrap_err();
        assert!(matches!(e, Error::SourceChanged { .. }), "{e}");
        // Gone: a read error naming it.
        std::fs::remove_file(&path).unwrap();
        let e = index.source_file(&id).unwrap_err();
        assert!(e.to_string().contains("ks.txt: cannot read"), "{e}");
    }
}
