//! How an open index follows commits: one reload at a time, so a handle's
//! state never goes back.
//!
//! A handle sees a new commit in two ways: at once after its own sync
//! commits, and shortly after another process (a running `paragraf index`)
//! commits, when `meta.json` changes. tantivy's own watching
//! (`ReloadPolicy::OnCommitWithDelay`) reloads on a thread of its own,
//! unordered with an explicit reload: a watch reload that read the commit
//! before last could store its searcher after the explicit reload stored
//! the last, and the handle then searched an older state than its own sync
//! had just committed (until the next commit, if any). Here both go through
//! [`Reloader::reload`], which holds a lock from reading `meta.json` to
//! storing the searcher: each reload sees the newest commit there is, and
//! stores it after any earlier one.
//!
//! A reload first verifies the checksums of the column files of segments
//! new to the handle (see `check::verify_columns`): damage there can abort
//! the process when a search reads it.

use super::check;
use crate::error::{Error, Result};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tantivy::directory::{Directory, WatchCallback, WatchHandle};
use tantivy::index::SegmentId;
use tantivy::{IndexReader, ReloadPolicy};

/// What reloads one handle's reader.
pub(crate) struct Reloader {
    dir: PathBuf,
    inner: tantivy::Index,
    reader: IndexReader,
    /// The segments whose column files' checksums were verified, before
    /// any search opened them.
    columns_verified: Mutex<HashSet<SegmentId>>,
    /// Held from reading `meta.json` to storing the searcher.
    lock: Mutex<()>,
}

impl Reloader {
    /// A reader of the last commit of `inner` (in `dir`), its column files
    /// verified; and the watch that reloads it when another process
    /// commits (dropped with the handle).
    pub(crate) fn open(
        dir: PathBuf,
        inner: &tantivy::Index,
    ) -> Result<(Arc<Reloader>, Option<WatchHandle>)> {
        let columns_verified = Mutex::new(HashSet::new());
        check::verify_columns(&dir, inner, &columns_verified)?;
        let reader = super::catch(|| {
            Ok(inner
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?)
        })?;
        let reloader = Arc::new(Reloader {
            dir,
            inner: inner.clone(),
            reader,
            columns_verified,
            lock: Mutex::new(()),
        });
        let weak = Arc::downgrade(&reloader);
        // A folder that cannot be watched (tantivy's RAM directory) is
        // reloaded by its own syncs only.
        let watch = inner
            .directory()
            .watch(WatchCallback::new(move || {
                if let Some(r) = weak.upgrade() {
                    // A failed reload keeps the state searched so far; the
                    // next search that reloads, or `check`, names the damage.
                    let _ = r.reload();
                }
            }))
            .ok();
        Ok((reloader, watch))
    }

    /// The reader (its searcher is the state searched now).
    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Makes the newest commit the state searched, its column files
    /// verified first.
    pub(crate) fn reload(&self) -> Result<()> {
        let _one_at_a_time = self
            .lock
            .lock()
            .map_err(|_| Error::Internal("the reload lock is poisoned".into()))?;
        check::verify_columns(&self.dir, &self.inner, &self.columns_verified)?;
        Ok(self.reader.reload()?)
    }
}
