//! Saved searches that report what is new: `paragraf watch`.
//!
//! The watches of an index live in one JSON file beside the index folder
//! (`<index>.watches.json`, see [`Watches::path_for`]), so rebuilding the
//! index keeps them. Each watch keeps its query and filters (a
//! [`SearchRequest`]) and the identities of the § it has reported
//! (`meeting id#§ number`, which stay the same when a protocol is indexed
//! again), never timestamps.
//!
//! - Adding a watch records the § that match now as seen: a run reports
//!   only § indexed after the watch was added.
//! - A run reports, for each watch, the matching § not seen before
//!   ([`Watches::news`]); once that report is delivered, they are recorded
//!   as seen ([`Watches::record`]).
//!
//! The file is replaced atomically (a temporary file renamed over it), and
//! [`Watches::open`] holds an exclusive lock on `<index>.watches.lock`
//! until the [`Watches`] is dropped: a second `paragraf watch run` (from
//! cron, say) waits for the first and then finds nothing new twice.

use super::{Hit, SearchRequest};
use crate::error::{Error, Result};
use crate::index::Index;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Version of the watches file format.
const FILE_VERSION: u32 = 1;

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// Its name.
    pub name: String,
    /// The query and filters (`limit`, `offset`, `recent` and `facets` are not used).
    pub request: SearchRequest,
    /// When it was added (RFC 3339, UTC).
    pub added: String,
    /// When it last ran, if it has.
    pub last_run: Option<String>,
    /// § already reported or there when the watch was added: `meeting_id#number`.
    pub seen: BTreeSet<String>,
}

/// What one watch found new in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchNews {
    /// The watch's name.
    pub name: String,
    /// Its query.
    pub query: String,
    /// The new §, by meeting date and § number.
    pub hits: Vec<Hit>,
    /// Why the watch could not run (its saved query or filter is not valid
    /// any more), if it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct WatchFile {
    version: u32,
    watches: Vec<Watch>,
}

/// How long [`Watches::open`] waits for another process's lock.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The watches of one index, locked for this process while the value lives.
#[derive(Debug)]
pub struct Watches {
    path: PathBuf,
    file: WatchFile,
    _lock: File,
}

fn identity(meeting_id: &str, number: u32) -> String {
    format!("{meeting_id}#{number}")
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        what: path.display().to_string(),
        source,
    }
}

impl Watches {
    /// The watches file of the index in `index_dir`: `<index_dir>.watches.json` beside it.
    pub fn path_for(index_dir: &Path) -> PathBuf {
        match index_dir.file_name() {
            Some(name) => {
                let mut file = name.to_os_string();
                file.push(".watches.json");
                index_dir.with_file_name(file)
            }
            None => index_dir.join("paragraf.watches.json"),
        }
    }

    /// Loads the watches of `index` (none if the file does not exist yet),
    /// waiting while another process has them open, for at most
    /// [`LOCK_WAIT`]: a hung run does not block every later cron run.
    pub fn open(index: &Index) -> Result<Watches> {
        Self::open_waiting(index, LOCK_WAIT)
    }

    /// [`Watches::open`], waiting at most `wait` for another process's lock.
    pub fn open_waiting(index: &Index, wait: std::time::Duration) -> Result<Watches> {
        let path = Self::path_for(index.dir());
        let lock_path = path.with_extension("lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(write_error(&lock_path))?;
        let started = std::time::Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(write_error(&lock_path)(std::io::Error::new(
                        std::io::ErrorKind::WouldBlock,
                        format!(
                            "another paragraf watch has held this lock for {} s",
                            wait.as_secs_f32()
                        ),
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(write_error(&lock_path)(e)),
            }
        }
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let file: WatchFile = serde_json::from_str(&text).map_err(|e| Error::Config {
                    path: path.clone(),
                    line: e.line(),
                    message: format!("the saved watches are damaged: {e}"),
                })?;
                if file.version != FILE_VERSION {
                    return Err(Error::Config {
                        path,
                        line: 1,
                        message: format!(
                            "watches file version {}, this paragraf reads version {FILE_VERSION}",
                            file.version
                        ),
                    });
                }
                file
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => WatchFile {
                version: FILE_VERSION,
                watches: Vec::new(),
            },
            Err(e) => return Err(read_error(&path)(e)),
        };
        Ok(Watches {
            path,
            file,
            _lock: lock,
        })
    }

    /// The file the watches are kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The watches, in the order they were added.
    pub fn list(&self) -> &[Watch] {
        &self.file.watches
    }

    /// Adds a watch named `name` for `request` and saves. The § matching
    /// now count as seen; returns how many there are. Fails on a bad query
    /// or filter, or when the name is taken.
    pub fn add(&mut self, index: &Index, name: &str, request: SearchRequest) -> Result<usize> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Option {
                option: "NAME".into(),
                message: "a watch needs a name".into(),
            });
        }
        if self.file.watches.iter().any(|w| w.name == name) {
            return Err(Error::Option {
                option: "NAME".into(),
                message: format!("there is a watch named {name:?} already; remove it first"),
            });
        }
        let matched = index.guarded(|| index.matching(&index.searcher()?, &request))?;
        let matched = matched.2;
        let seen: BTreeSet<String> = matched
            .iter()
            .map(|m| identity(&m.meeting_id, m.number))
            .collect();
        let n = seen.len();
        self.file.watches.push(Watch {
            name: name.to_string(),
            request,
            added: now(),
            last_run: None,
            seen,
        });
        self.save()?;
        Ok(n)
    }

    /// Removes the watch `name` and saves; false if there is none.
    pub fn remove(&mut self, name: &str) -> Result<bool> {
        let before = self.file.watches.len();
        self.file.watches.retain(|w| w.name != name.trim());
        if self.file.watches.len() == before {
            return Ok(false);
        }
        self.save()?;
        Ok(true)
    }

    /// Runs every watch on the last committed state of `index`: the § new
    /// to each, by meeting date and § number. Nothing is recorded: once the
    /// news is delivered (written and flushed), [`Watches::record`] marks
    /// it seen, so news that could not be delivered (a full disk, a closed
    /// pipe) is reported again by the next run.
    ///
    /// A watch that cannot run (its saved query or filter is no longer
    /// valid) gets an [`WatchNews::error`] and the others run.
    pub fn news(&self, index: &Index) -> Result<Vec<WatchNews>> {
        index.guarded(|| {
            let searcher = index.searcher()?;
            let mut news = Vec::with_capacity(self.file.watches.len());
            for w in &self.file.watches {
                let found = (|| {
                    let (highlighter, levels, matched) = index.matching(&searcher, &w.request)?;
                    let fresh: Vec<_> = matched
                        .into_iter()
                        .filter(|m| !w.seen.contains(&identity(&m.meeting_id, m.number)))
                        .map(|m| (m.score, m.addr))
                        .collect();
                    index.hits(&searcher, &highlighter, fresh, levels, None)
                })();
                let (mut hits, error) = match found {
                    Ok(hits) => (hits, None),
                    Err(e @ (Error::Query { .. } | Error::Option { .. })) => {
                        (Vec::new(), Some(e.to_string()))
                    }
                    Err(e) => return Err(e),
                };
                hits.sort_by(|a, b| {
                    (&a.meeting.date, &a.meeting.id, a.paragraph.number).cmp(&(
                        &b.meeting.date,
                        &b.meeting.id,
                        b.paragraph.number,
                    ))
                });
                news.push(WatchNews {
                    name: w.name.clone(),
                    query: w.request.query.clone(),
                    hits,
                    error,
                });
            }
            Ok(news)
        })
    }

    /// Records `news` (from [`Watches::news`]) as seen, and the time of the
    /// run for each watch that ran, and saves.
    pub fn record(&mut self, news: &[WatchNews]) -> Result<()> {
        let ran = now();
        for n in news.iter().filter(|n| n.error.is_none()) {
            if let Some(w) = self.file.watches.iter_mut().find(|w| w.name == n.name) {
                w.seen.extend(
                    n.hits
                        .iter()
                        .map(|h| identity(&h.meeting.id, h.paragraph.number)),
                );
                w.last_run = Some(ran.clone());
            }
        }
        self.save()
    }

    /// Writes the file: a temporary file beside it, renamed over it.
    fn save(&self) -> Result<()> {
        let json = serde_json::to_vec_pretty(&self.file)
            .map_err(|e| Error::Internal(format!("serialising the watches: {e}")))?;
        let tmp = self.path.with_extension("json.tmp");
        let mut out = File::create(&tmp).map_err(write_error(&tmp))?;
        out.write_all(&json).map_err(write_error(&tmp))?;
        out.sync_all().map_err(write_error(&tmp))?;
        drop(out);
        std::fs::rename(&tmp, &self.path).map_err(write_error(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_waited_for_a_while_then_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let index = Index::create(&tmp.path().join("index")).unwrap();
        let held = Watches::open(&index).unwrap();
        let wait = std::time::Duration::from_millis(200);
        let Err(e) = Watches::open_waiting(&index, wait) else {
            panic!("the lock is held, yet a second open succeeded");
        };
        assert!(e.to_string().contains("another paragraf watch"), "{e}");
        drop(held);
        assert!(Watches::open_waiting(&index, wait).is_ok());
    }

    #[test]
    fn the_file_sits_beside_the_index() {
        assert_eq!(
            Watches::path_for(Path::new("/data/paragraf/index")),
            Path::new("/data/paragraf/index.watches.json")
        );
    }
}
