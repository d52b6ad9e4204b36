//! Rebuilding an index: the new index is built beside the old one
//! (`.NAME.paragraf-rebuild`) and put in its place in one step when it is
//! complete, so searches meanwhile see the old index, and a rebuild that
//! fails or is killed leaves it as it was.

use super::Index;
use super::folder::{self, WriteLock};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// An index being rebuilt (see [`Index::rebuild`]): fill [`Rebuild::index`],
/// then [`Rebuild::finish`]. Dropped unfinished, it removes what it built
/// and the old index stays.
#[derive(Debug)]
pub struct Rebuild {
    index: Option<Index>,
    target: PathBuf,
    building: PathBuf,
    /// The old index's write lock, held from the start to the swap: no other
    /// run writes to the old index meanwhile (its work would be lost).
    _lock: WriteLock,
    /// The target folder did not exist: it was made (empty) to hold the lock.
    made_target: bool,
    done: bool,
}

impl Rebuild {
    pub(crate) fn start(dir: &Path) -> Result<Rebuild> {
        let target = std::path::absolute(dir).map_err(folder::write_error(dir))?;
        let made_target = !target.exists();
        if made_target {
            std::fs::create_dir_all(&target).map_err(folder::write_error(&target))?;
        }
        // `--index .` and the like: the folder itself, by its real name.
        let target = std::fs::canonicalize(&target).map_err(|source| Error::Read {
            path: target.clone(),
            source,
        })?;
        let start = || -> Result<Rebuild> {
            if !target.is_dir() {
                return Err(Error::NotAnIndex {
                    dir: target.clone(),
                    reason: "not a folder, so it is not replaced".into(),
                });
            }
            let non_empty = std::fs::read_dir(&target)
                .map_err(|source| Error::Read {
                    path: target.clone(),
                    source,
                })?
                .next()
                .is_some();
            if non_empty {
                folder::verify_ours(&target)?;
            }
            let lock = WriteLock::acquire(&target)?;
            let building = folder::sibling(&target, "rebuild");
            // Left by a rebuild that was killed (none runs now: each holds
            // the old index's lock, as this one does), or by a swap that
            // could not exchange.
            for leftover in [building.clone(), folder::sibling(&target, "old")] {
                if leftover.exists() {
                    folder::remove_leftover(&leftover)?;
                }
            }
            let index = Index::create(&building)?;
            Ok(Rebuild {
                index: Some(index),
                target: target.clone(),
                building,
                _lock: lock,
                made_target,
                done: false,
            })
        };
        start().inspect_err(|_| {
            if made_target {
                let _ = std::fs::remove_dir(&target);
            }
        })
    }

    /// The new index, to fill with [`Index::sync_with`].
    pub fn index(&self) -> &Index {
        self.index
            .as_ref()
            .expect("the index of a rebuild lives until it is finished")
    }

    /// Where the index will be once finished.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Puts the new index in the place of the old one (in one step on
    /// Linux) and removes the old one; returns the new index, opened where
    /// the old one was.
    pub fn finish(mut self) -> Result<Index> {
        drop(self.index.take());
        let old = folder::swap(&self.building, &self.target)?;
        self.done = true;
        if let Some(old) = old {
            // The old index, verified when the rebuild started. Left behind
            // if it cannot be removed: the next rebuild removes it.
            let _ = std::fs::remove_dir_all(old);
        }
        Index::open(&self.target)
    }
}

impl Drop for Rebuild {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        drop(self.index.take());
        let _ = std::fs::remove_dir_all(&self.building);
        if self.made_target {
            let _ = std::fs::remove_dir(&self.target);
        }
    }
}
