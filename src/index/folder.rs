//! The index folder: what belongs in it, its write lock, and replacing it.
//!
//! - A folder is deleted or replaced only if it is verifiably a paragraf
//!   index: its marker reads as one and it holds nothing but the index's
//!   own files ([`verify_ours`]).
//! - One writer at a time: a run that writes holds an OS lock (`flock`) on
//!   the index folder itself ([`WriteLock`]), which no one deletes by hand
//!   as they might a lock file; tantivy's own lock file is taken as well.
//! - A rebuild builds the new index beside the old one and swaps the two
//!   folders at once ([`swap`], `renameat2(RENAME_EXCHANGE)` on Linux), so a
//!   search sees the old index or the new one, never an empty or partial one.
//! - Files no commit references (left by a run that failed, say on a full
//!   disk, or was killed) are removed before a run writes
//!   ([`remove_unreferenced`]).

use super::MARKER;
use crate::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder of compound-head dictionaries inside an index.
use super::heads::DIR as HEADS_DIR;

/// True for a name that a paragraf index folder holds: its marker,
/// tantivy's files (`meta.json`, `.managed.json`, locks, temporary files of
/// its atomic writes, and segment files named by a 32-digit hex id) and the
/// compound-head dictionaries.
pub(crate) fn is_index_entry(name: &str) -> bool {
    name == MARKER
        || name == HEADS_DIR
        || name.starts_with(MARKER) && name.ends_with(".tmp")
        || name == "meta.json"
        || name == ".managed.json"
        || name.starts_with(".tantivy-") && name.ends_with(".lock")
        || name.starts_with(".tmp")
        || is_segment_file(name)
}

/// A segment file: `<32 hex digits>.<extension…>`.
pub(crate) fn is_segment_file(name: &str) -> bool {
    segment_id(name).is_some()
}

/// The segment id of a segment file's name.
fn segment_id(name: &str) -> Option<&str> {
    let (stem, _) = name.split_once('.')?;
    (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())).then_some(stem)
}

/// Checks that `dir` is a paragraf index that may be deleted: its marker
/// reads as a paragraf marker and every entry is one of the index's own
/// files. Otherwise [`Error::NotAnIndex`] naming what is in the way.
pub(crate) fn verify_ours(dir: &Path) -> Result<()> {
    let refuse = |reason: String| Error::NotAnIndex {
        dir: dir.to_path_buf(),
        reason,
    };
    let marker = dir.join(MARKER);
    let text = std::fs::read_to_string(&marker).map_err(|e| {
        refuse(format!(
            "{MARKER} cannot be read ({e}), so it is not deleted"
        ))
    })?;
    serde_json::from_str::<super::Marker>(&text).map_err(|_| {
        refuse(format!(
            "{MARKER} is not a paragraf index marker, so the folder is not deleted"
        ))
    })?;
    let mut foreign: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error(dir))? {
        let entry = entry.map_err(read_error(dir))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !is_index_entry(&name) {
            foreign.push(name.into_owned());
        } else if name == HEADS_DIR {
            // Only dictionaries in it.
            let heads = entry.path();
            for e in std::fs::read_dir(&heads).map_err(read_error(&heads))? {
                let e = e.map_err(read_error(&heads))?;
                let n = e.file_name().to_string_lossy().into_owned();
                if !e.file_type().is_ok_and(|t| t.is_file()) {
                    foreign.push(format!("{HEADS_DIR}/{n}"));
                }
            }
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let more = foreign.len().saturating_sub(5);
    foreign.truncate(5);
    let mut list = foreign.join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    Err(refuse(format!(
        "it holds files that are not the index's ({list}), so it is not deleted"
    )))
}

fn read_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

pub(crate) fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| {
        if crate::error::is_disk_full(&source) {
            Error::DiskFull {
                path: path.to_path_buf(),
            }
        } else {
            Error::Write {
                what: path.display().to_string(),
                source,
            }
        }
    }
}

pub(crate) fn delete_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Delete {
        path: path.to_path_buf(),
        source,
    }
}

/// True if `dir` holds what a creation of an index that was cut short
/// leaves (tantivy's files of an empty index, no marker): then it may be
/// cleared and created again.
pub(crate) fn interrupted_creation(dir: &Path) -> bool {
    if dir.join(MARKER).exists() {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut tantivy_files = false;
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ok = name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(".tantivy-") && name.ends_with(".lock")
            || name.starts_with(".tmp");
        if !ok || !entry.file_type().is_ok_and(|t| t.is_file()) {
            return false;
        }
        tantivy_files |= name == "meta.json" || name == ".managed.json";
    }
    tantivy_files
}

/// Removes the files in `dir` (see [`interrupted_creation`]).
pub(crate) fn clear(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(read_error(dir))? {
        let path = entry.map_err(read_error(dir))?.path();
        std::fs::remove_file(&path).map_err(delete_error(&path))?;
    }
    Ok(())
}

/// True if the file system of `dir` has less than 1 MiB left for this
/// user: a write that failed without saying why (tantivy's indexing threads
/// report only that they stopped) failed for want of space.
pub(crate) fn nearly_full(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::statvfs(dir).is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < 1 << 20)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// What makes a folder the same folder: (device, inode) on Unix.
pub(crate) type Identity = (u64, u64);

/// The identity of `dir`.
#[cfg(unix)]
pub(crate) fn identity(dir: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

/// The identity of `dir`.
#[cfg(not(unix))]
pub(crate) fn identity(_dir: &Path) -> Option<Identity> {
    None
}

/// The write lock of an index folder, held while the value lives.
#[derive(Debug)]
pub(crate) struct WriteLock {
    _file: File,
    /// The identity of the folder locked.
    pub identity: Option<Identity>,
}

impl WriteLock {
    /// Takes the write lock of `dir`, trying again for a moment while it is
    /// busy (as for tantivy's lock: a child process forked from this one
    /// shares it until it execs); [`Error::Locked`] if another writer
    /// keeps it.
    pub(crate) fn acquire(dir: &Path) -> Result<WriteLock> {
        let file = Self::lock_file(dir)?;
        for wait_ms in [1, 2, 5, 10, 20, 50, 100, 0] {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(WriteLock {
                        identity: file_identity(&file),
                        _file: file,
                    });
                }
                Err(std::fs::TryLockError::WouldBlock) if wait_ms > 0 => {
                    std::thread::sleep(std::time::Duration::from_millis(wait_ms));
                }
                Err(std::fs::TryLockError::WouldBlock) => break,
                Err(std::fs::TryLockError::Error(e)) => return Err(write_error(dir)(e)),
            }
        }
        Err(Error::Locked {
            dir: dir.to_path_buf(),
        })
    }

    /// What is locked: the folder itself on Unix (it cannot be deleted by
    /// hand apart from the index), else a file in it that paragraf never
    /// deletes.
    #[cfg(unix)]
    fn lock_file(dir: &Path) -> Result<File> {
        File::open(dir).map_err(read_error(dir))
    }

    #[cfg(not(unix))]
    fn lock_file(dir: &Path) -> Result<File> {
        let path = dir.join("paragraf.lock");
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(write_error(&path))
    }
}

#[cfg(unix)]
fn file_identity(file: &File) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_identity(_file: &File) -> Option<Identity> {
    None
}

/// Makes the entries of `dir` (a rename, a new file) durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(write_error(dir))?;
    }
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `path` so that a crash leaves the old content or the
/// new, never a mix: a temporary file beside it, flushed to disk, renamed
/// over it, and the folder flushed.
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let mut f = File::create(&tmp).map_err(write_error(&tmp))?;
        f.write_all(bytes).map_err(write_error(&tmp))?;
        f.sync_all().map_err(write_error(&tmp))?;
        std::fs::rename(&tmp, path).map_err(write_error(path))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// Removes the files of `dir` that the committed state does not reference:
/// segment files of segments no commit kept (a run that failed or was
/// killed before its commit, a merge cut short) and temporary files of
/// atomic writes. Call with the write lock held. Returns the bytes freed.
pub(crate) fn remove_unreferenced(dir: &Path, inner: &tantivy::Index) -> Result<u64> {
    let referenced = inner.load_metas()?.list_segment_files();
    let mut freed = 0;
    for entry in std::fs::read_dir(dir).map_err(read_error(dir))? {
        let entry = entry.map_err(read_error(dir))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = match segment_id(&name) {
            Some(_) => !referenced.contains(Path::new(name.as_ref())),
            None => name.starts_with(".tmp") || name.starts_with(MARKER) && name.ends_with(".tmp"),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let size = entry.metadata().map_or(0, |m| m.len());
            match std::fs::remove_file(entry.path()) {
                Ok(()) => freed += size,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(delete_error(&entry.path())(e)),
            }
        }
    }
    Ok(freed)
}

/// Puts the folder `new` in the place of `target`: on Linux both are
/// swapped in one step (`renameat2` with `RENAME_EXCHANGE`), so `target`
/// always holds a whole index, and the old one is then at `new`. Elsewhere
/// (or where the file system cannot exchange) `target` is moved aside
/// first; the old index is then at the returned path. A missing or empty
/// `target` is simply replaced.
pub(crate) fn swap(new: &Path, target: &Path) -> Result<Option<PathBuf>> {
    let parent = target.parent().unwrap_or(Path::new("."));
    if !target.exists() {
        std::fs::rename(new, target).map_err(write_error(target))?;
        sync_dir(parent)?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => {
                sync_dir(parent)?;
                return Ok(Some(new.to_path_buf()));
            }
            // The file system cannot exchange: move aside below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(write_error(target)(e.into())),
        }
    }
    let aside = sibling(target, "old");
    std::fs::rename(target, &aside).map_err(write_error(target))?;
    if let Err(e) = std::fs::rename(new, target) {
        // Put the old one back.
        let _ = std::fs::rename(&aside, target);
        return Err(write_error(target)(e));
    }
    sync_dir(parent)?;
    Ok(Some(aside))
}

/// Removes a folder a rebuild left beside an index (killed before its
/// swap), if it holds nothing but an index's files.
pub(crate) fn remove_leftover(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(read_error(dir))? {
        let name = entry.map_err(read_error(dir))?.file_name();
        if !is_index_entry(&name.to_string_lossy()) {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: format!(
                    "a rebuild left this folder, but it holds {} as well; remove it by hand",
                    name.to_string_lossy()
                ),
            });
        }
    }
    std::fs::remove_dir_all(dir).map_err(delete_error(dir))
}

/// Removes what rebuilds of the index at `target` left beside it (a rebuild
/// that was killed). Call with the index's write lock held: every rebuild
/// holds it until its swap, so none is running. A leftover that holds
/// other files is kept.
pub(crate) fn remove_rebuild_leftovers(target: &Path) {
    let Ok(target) = std::fs::canonicalize(target) else {
        return;
    };
    for purpose in ["rebuild", "old"] {
        let leftover = sibling(&target, purpose);
        if leftover.is_dir() {
            let _ = remove_leftover(&leftover);
        }
    }
}

/// A hidden folder beside `target` for one purpose: `.NAME.paragraf-PURPOSE`.
pub(crate) fn sibling(target: &Path, purpose: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.paragraf-{purpose}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_entries_and_others() {
        for name in [
            "paragraf.json",
            "paragraf.json.tmp",
            "meta.json",
            ".managed.json",
            ".tantivy-writer.lock",
            ".tantivy-meta.lock",
            ".tmpAb12Cd",
            "compound-heads",
            "0123456789abcdef0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdef.12.del",
            "0123456789abcdef0123456789abcdef.store.temp",
        ] {
            assert!(is_index_entry(name), "{name}");
        }
        for name in [
            "src",
            "Cargo.toml",
            "notes.txt",
            "0123.idx",
            "meta.json.bak",
        ] {
            assert!(!is_index_entry(name), "{name}");
        }
    }
}
