//! Incremental, crash-safe synchronisation of an index with an archive.
//!
//! The index remembers each protocol file in a file-state document (size,
//! modification time, content hash, § count). On a sync:
//! - a file whose size and time are unchanged is not read;
//! - a file whose content hash is unchanged is not parsed;
//! - a changed file's documents are deleted and the new ones added;
//! - a file no longer in the archive loses its documents.
//!
//! The file-state documents live in the index itself, so they are committed
//! atomically with the paragraphs: a crash (even `kill -9`) leaves the last
//! committed state, and the next sync redoes what was not committed.
//! Parsing runs on worker threads; the documents go to tantivy's writer.

use super::Index;
use super::document::{self, FileState, RootState};
use super::ids::{self, MeetingIds};
use super::key;
use super::pipeline;
use super::walk::{self, ArchiveFile, WalkOptions, walk_with};
use crate::error::{Error, Result};
use crate::protocol;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};
use tantivy::{IndexWriter, TantivyDocument, Term};

/// Memory for tantivy's writer.
const WRITER_HEAP: usize = 200_000_000;
/// A sync ends by merging the segments under a quarter of the largest one's
/// size, when there are at least this many.
const SMALL_SEGMENTS_MERGED: usize = 4;
/// By default, commit after this many new paragraphs, so a long run keeps its progress.
pub const COMMIT_EVERY: usize = 50_000;

/// How a sync runs.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Which files of the archive folders to take (`--include` / `--exclude`).
    /// The index mirrors the archive as selected: files under the roots that
    /// are no longer taken lose their §.
    pub walk: WalkOptions,
    /// Commit after this many new § (at least 1), so that a run that is
    /// killed keeps what it committed. Fewer means less work redone after a
    /// crash and more, smaller commits.
    pub commit_every: usize,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            walk: WalkOptions::default(),
            commit_every: COMMIT_EVERY,
        }
    }
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file (or folder).
    #[serde(serialize_with = "path_text")]
    pub path: PathBuf,
    /// Why, without the path.
    pub reason: String,
    /// True for an error: the file (or folder) could not be read, or its
    /// `paragraf.toml` is bad; the index keeps what it had for it. False for
    /// a warning: a file that was read but is not a protocol (binary, no §).
    pub error: bool,
}

/// Something odd in an indexed file that the parser worked around.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileWarning {
    /// The file.
    #[serde(serialize_with = "path_text")]
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is odd.
    pub message: String,
}

/// What happened to one file in a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// Not changed since the last sync.
    Unchanged,
    /// Parsed and indexed, with this many §.
    Indexed(usize),
    /// Not indexed; the reason.
    Skipped(String),
    /// Gone from the archive; its § were removed.
    Removed,
}

/// Progress of a sync, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// The archive was walked: this many protocol files.
    Walked(usize),
    /// One file is done.
    File(PathBuf, FileOutcome),
    /// Committing to disk.
    Committing,
    /// A commit is done: searches from now on see it.
    Committed,
}

/// The summary of a sync.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    /// Protocol files found in the archive.
    pub files: usize,
    /// Files read and parsed in this run.
    pub parsed: usize,
    /// Of those, files parsed again only because another version of the
    /// parser had parsed them ([`crate::protocol::PARSER_VERSION`]).
    pub reparsed: usize,
    /// Files unchanged since the last sync (not parsed).
    pub unchanged: usize,
    /// Files gone from the archive whose § were removed.
    pub removed: usize,
    /// Meetings indexed in this run.
    pub meetings: usize,
    /// § indexed in this run.
    pub paragraphs: usize,
    /// § in the index after the sync.
    pub total_paragraphs: u64,
    /// Files not indexed, with reasons (including unchanged ones skipped before).
    pub skipped: Vec<Skipped>,
    /// Warnings about files parsed in this run (a repeated § heading; what
    /// the parser could not find: the meeting date, organ or organisation,
    /// § numbers, titles, case numbers).
    pub warnings: Vec<FileWarning>,
    /// Files parsed in this run with at least one warning.
    pub files_with_warnings: usize,
    /// Wall time.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

/// A path in the JSON report: as it is if it is UTF-8, else with `\xNN`
/// for the bytes that are not (as index keys write it), never an error
/// (serde refuses a path that is not UTF-8, and the whole report was lost).
fn path_text<S: serde::Serializer>(p: &Path, s: S) -> std::result::Result<S::Ok, S::Error> {
    match p.to_str() {
        Some(text) => s.serialize_str(text),
        None => s.serialize_str(&key::key(p)),
    }
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// The work one file needs, decided from its metadata.
struct Job {
    file: ArchiveFile,
    key: String,
    /// The file's path relative to the archive folder it was found in.
    rel: PathBuf,
    size: u64,
    mtime_ns: u128,
    old: Option<FileState>,
}

/// What a worker made of a job.
enum Done {
    /// Content unchanged: only the file state is renewed.
    SameContent(FileState),
    /// Parsed: the documents to add and the new state.
    Parsed {
        docs: Vec<TantivyDocument>,
        /// The parse, its meeting named with its base id (see `ids`): the
        /// documents are made again if another file has that id.
        protocol: Box<protocol::Protocol>,
        state: FileState,
        paragraphs: usize,
        warnings: Vec<protocol::ParseWarning>,
    },
    /// Readable but not a protocol (no §, binary, a PDF without text): its
    /// old documents go.
    NotProtocol(FileState, String),
    /// Unreadable now: keep what the index has.
    Unreadable(String),
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

impl Index {
    /// Brings the index up to date with the archive at `archive`.
    pub fn sync(&self, archive: &Path) -> Result<SyncReport> {
        self.sync_with(
            &[archive.to_path_buf()],
            &SyncOptions::default(),
            &mut |_| {},
        )
    }

    /// Brings the index up to date with the archives `roots`, reporting
    /// progress to `progress`.
    ///
    /// The run holds the index's write lock throughout (another indexer gets
    /// [`Error::Locked`]). A run that fails leaves the last commit and
    /// removes the files it wrote after it (a full disk is then
    /// [`Error::DiskFull`]); damaged index files are [`Error::Damaged`].
    pub fn sync_with(
        &self,
        roots: &[PathBuf],
        options: &SyncOptions,
        progress: &mut dyn FnMut(&SyncEvent),
    ) -> Result<SyncReport> {
        self.guarded(|| {
            // paragraf's lock on the folder, then tantivy's: the file states
            // read below stay true until this run writes. The writer itself
            // (its threads and memory) is made only once there is something
            // to write.
            let _folder_lock = self.write_lock()?;
            let lock = self.with_lock_retries(|| {
                tantivy::directory::Directory::acquire_lock(
                    self.tantivy().directory(),
                    &tantivy::directory::INDEX_WRITER_LOCK,
                )
                .map_err(|e| tantivy::TantivyError::LockFailure(e, None))
            })?;
            // What other runs committed up to now, not the state when this
            // handle last reloaded (a run that took the lock just after
            // another ended redid every file from a stale state).
            self.reload()?;
            // What a failed or killed run left (on a full disk, it keeps
            // the disk full).
            super::folder::remove_unreferenced(self.dir(), self.tantivy())?;
            super::folder::remove_rebuild_leftovers(self.dir());
            self.sync_locked(roots, options, progress, lock)
                .map_err(|e| {
                    // Said before the files are removed: a full disk then
                    // has room again.
                    let e = Index::write_failure(self.dir(), e);
                    let _ = super::folder::remove_unreferenced(self.dir(), self.tantivy());
                    e
                })
        })
    }

    fn sync_locked(
        &self,
        roots: &[PathBuf],
        options: &SyncOptions,
        progress: &mut dyn FnMut(&SyncEvent),
        lock: tantivy::directory::DirectoryLock,
    ) -> Result<SyncReport> {
        let commit_every = options.commit_every.max(1);
        let started = Instant::now();
        let f = *self.fields();
        self.mark_current_version()?;
        let roots = Roots::resolve(roots)?;
        let mut report = SyncReport::default();
        let known = self.file_states()?;
        let known_roots = self.root_states()?;
        // Roots that lead elsewhere than at the last sync (a symbolic link
        // switched to another folder): what was indexed under the old
        // folder goes, unless a root of this run still reaches it.
        let mut root_changes: Vec<(String, RootState)> = Vec::new();
        let mut left_folders: Vec<PathBuf> = Vec::new();
        for (given, canonical) in roots.given.iter().zip(&roots.canonical) {
            let state = RootState {
                canonical: key::key(canonical),
            };
            match known_roots.get(given) {
                Some(old) if *old == state => {}
                Some(old) => {
                    left_folders.push(key::path(&old.canonical));
                    root_changes.push((given.clone(), state));
                }
                None => root_changes.push((given.clone(), state)),
            }
        }
        left_folders.retain(|old| !roots.canonical.iter().any(|r| old.starts_with(r)));

        // Walk the archive.
        let mut files = Vec::new();
        let mut unreachable: Vec<PathBuf> = Vec::new();
        for item in walk_with(&roots.canonical, &options.walk) {
            match item {
                Ok(file) => files.push(file),
                Err(e) => {
                    let path = match &e {
                        Error::Read { path, .. } | Error::Config { path, .. } => path.clone(),
                        _ => PathBuf::new(),
                    };
                    let is_folder_meta = path.file_name()
                        == Some(std::ffi::OsStr::new(crate::protocol::folder::FILE_NAME));
                    let mut reason = reason_of(&e);
                    if is_folder_meta {
                        // Files under a paragraf.toml that cannot be read
                        // or used are not walked: keep their documents.
                        unreachable.push(path.parent().unwrap_or(&path).to_path_buf());
                        reason.push_str("; the files it governs keep their § from the last run");
                    } else {
                        unreachable.push(path.clone());
                    }
                    report.skipped.push(Skipped {
                        error: matches!(e, Error::Read { .. } | Error::Config { .. }),
                        path,
                        reason,
                    });
                }
            }
        }
        report.files = files.len();
        progress(&SyncEvent::Walked(files.len()));

        // Decide per file from its metadata.
        let mut seen: HashSet<String> = HashSet::with_capacity(files.len());
        let mut jobs = Vec::new();
        for file in files {
            let key = key::key(&file.path);
            seen.insert(key.clone());
            let meta = match std::fs::metadata(&file.path) {
                Ok(m) => m,
                Err(e) => {
                    let reason = format!("cannot read: {e}");
                    progress(&SyncEvent::File(
                        file.path.clone(),
                        FileOutcome::Skipped(reason.clone()),
                    ));
                    report.skipped.push(Skipped {
                        path: file.path,
                        reason,
                        error: true,
                    });
                    continue;
                }
            };
            let old = known.get(&key).cloned();
            let (size, mtime) = (meta.len(), mtime_ns(&meta));
            if let Some(o) = &old
                && o.size == size
                && o.mtime_ns == mtime
                && o.parser == protocol::PARSER_VERSION
            {
                report.unchanged += 1;
                if let Some(reason) = &o.skipped {
                    report.skipped.push(Skipped {
                        path: file.path.clone(),
                        reason: reason.clone(),
                        error: false,
                    });
                }
                progress(&SyncEvent::File(file.path, FileOutcome::Unchanged));
                continue;
            }
            let rel = roots.relative(&file.path);
            jobs.push(Job {
                file,
                key,
                rel,
                size,
                mtime_ns: mtime,
                old,
            });
        }

        // Files gone from the archive (not those below a folder we could not read).
        let mut removed: Vec<&str> = Vec::new();
        for (key, _) in known.iter() {
            let path = &key::path(key);
            let under_root = roots.canonical.iter().any(|r| path.starts_with(r));
            let left = left_folders.iter().any(|l| path.starts_with(l));
            let unreachable = unreachable
                .iter()
                .any(|u| !u.as_os_str().is_empty() && path.starts_with(u));
            if (under_root && !unreachable || left) && !seen.contains(key) {
                removed.push(key);
            }
        }

        if jobs.is_empty() && removed.is_empty() && root_changes.is_empty() {
            // Nothing changed: no writer, commit or merge, so a re-run on an
            // unchanged archive costs the walk and the file states only
            // (and the compound heads of segments that have none).
            self.write_heads()?;
            drop(lock);
            report.total_paragraphs = self.stats()?.paragraphs;
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        // tantivy's writer takes its lock itself: it is let go just before
        // (paragraf's lock on the folder keeps other runs out meanwhile).
        drop(lock);
        let mut writer: IndexWriter<TantivyDocument> =
            self.with_lock_retries(|| self.tantivy().writer(WRITER_HEAP))?;
        let mut states: Vec<TantivyDocument> = Vec::new();
        let mut ids = MeetingIds::new(self, self.searcher()?);
        for key in removed {
            ids.release(key);
            writer.delete_term(Term::from_field_text(f.source, key));
            writer.delete_term(Term::from_field_text(f.file_path, key));
            report.removed += 1;
            progress(&SyncEvent::File(key::path(key), FileOutcome::Removed));
        }
        for (given, state) in &root_changes {
            let file_path = format!("{}{given}", document::ROOT_PREFIX);
            writer.delete_term(Term::from_field_text(f.file_path, &file_path));
            states.push(document::root_document(&f, given, state)?);
        }

        // Read, hash and parse on worker threads; write here, in the walk's
        // order (see `pipeline`).
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 8);
        let mut since_commit = 0usize;
        let mut failure: Option<Error> = None;
        pipeline::in_order(
            jobs,
            workers,
            |job| process(&f, job),
            |job, done| {
                let step = apply(
                    &mut writer,
                    &f,
                    &job,
                    done,
                    &mut ids,
                    &mut report,
                    &mut states,
                )
                .and_then(|outcome| {
                    if let FileOutcome::Indexed(n) = outcome {
                        since_commit += n;
                    }
                    progress(&SyncEvent::File(job.file.path.clone(), outcome));
                    if since_commit >= commit_every {
                        since_commit = 0;
                        progress(&SyncEvent::Committing);
                        add_states(&mut writer, &mut states)?;
                        writer.commit()?;
                        self.reload()?;
                        progress(&SyncEvent::Committed);
                    }
                    Ok(())
                });
                match step {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failure = Some(e);
                        ControlFlow::Break(())
                    }
                }
            },
        );
        if let Some(e) = failure {
            return Err(e);
        }
        progress(&SyncEvent::Committing);
        add_states(&mut writer, &mut states)?;
        writer.commit()?;
        self.reload()?;
        progress(&SyncEvent::Committed);
        writer.wait_merging_threads()?;
        self.finish_segments()?;
        self.write_heads()?;
        report.total_paragraphs = self.stats()?.paragraphs;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Takes the writer's lock with `take`, trying again for a moment while
    /// it is busy: a lock this process has just let go stays busy while a
    /// process forked from it (any thread spawning a command) has not yet
    /// exec'd, as the child shares the lock file's descriptor until then.
    /// A lock another indexer holds stays busy: then [`Error::Locked`].
    fn with_lock_retries<T>(&self, mut take: impl FnMut() -> tantivy::Result<T>) -> Result<T> {
        for wait_ms in [1, 2, 5, 10, 20, 50, 100, 0] {
            match take() {
                Ok(t) => return Ok(t),
                Err(tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                )) if wait_ms > 0 => {
                    std::thread::sleep(std::time::Duration::from_millis(wait_ms));
                }
                Err(tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                )) => break,
                Err(e) => return Err(e.into()),
            }
        }
        Err(Error::Locked {
            dir: self.dir().to_path_buf(),
        })
    }

    /// Merges the small segments a run leaves, when there are several: each
    /// commit writes a segment per indexing thread, and tantivy's merge
    /// policy leaves the last ones of a long run unmerged (at 1M §: 8
    /// segments of 19,000 to 33,000 documents beside 4 of 209,000). Every
    /// search visits every segment, so fewer is faster. A kill during the
    /// merge leaves the committed segments as they were.
    ///
    /// Then removes the files of segments merged away. tantivy does so at the
    /// end of each merge, but keeps the files of every segment whose
    /// `SegmentMeta` is still alive; the list of metas read here was, so a
    /// 1M run left 132 MB of merged-away segments behind.
    fn finish_segments(&self) -> Result<()> {
        let small: Vec<tantivy::index::SegmentId> = {
            // A `SegmentMeta` alive anywhere keeps its segment's files from
            // garbage collection: these are gone before the merge ends.
            let metas = self.tantivy().searchable_segment_metas()?;
            let largest = metas.iter().map(|m| m.max_doc()).max().unwrap_or(0);
            metas
                .iter()
                .filter(|m| m.max_doc() < largest / 4)
                .map(|m| m.id())
                .collect()
        };
        // One thread and the least memory tantivy takes (15 MB a thread):
        // this writer indexes nothing.
        let mut writer: IndexWriter<TantivyDocument> =
            self.with_lock_retries(|| self.tantivy().writer_with_num_threads(1, 15_000_000))?;
        if small.len() >= SMALL_SEGMENTS_MERGED {
            writer.merge(&small).wait()?;
        }
        self.reload()?;
        // Already done at the end of the merge, unless the meta lock was
        // busy then. A failure leaves files that the next run removes.
        let _ = writer.garbage_collect_files().wait();
        writer.wait_merging_threads()?;
        Ok(())
    }

    /// Where each archive root led at the last sync, by the key of the
    /// root as given.
    fn root_states(&self) -> Result<HashMap<String, RootState>> {
        let searcher = self.searcher()?;
        let f = self.fields();
        let docs = super::sorted_docs(&searcher, &*self.kind_query(document::KIND_ROOT))?;
        let mut out = HashMap::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let Some(given) = document::text(&doc, f.file_path)
                .and_then(|p| p.strip_prefix(document::ROOT_PREFIX))
            else {
                continue;
            };
            out.insert(given.to_string(), document::record(&doc, f)?);
        }
        Ok(out)
    }

    /// The state of every file the index knows, by path.
    fn file_states(&self) -> Result<HashMap<String, FileState>> {
        let searcher = self.searcher()?;
        let f = self.fields();
        let docs = super::sorted_docs(&searcher, &*self.kind_query(document::KIND_FILE))?;
        let mut out = HashMap::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let Some(path) = document::text(&doc, f.file_path) else {
                continue;
            };
            let state: FileState = document::record(&doc, f)?;
            out.insert(path.to_string(), state);
        }
        Ok(out)
    }
}

/// The archive roots of a run: as given (the keys of their absolute paths,
/// symbolic links kept) and where they lead (canonical paths, under which
/// the files are walked and keyed).
struct Roots {
    given: Vec<String>,
    canonical: Vec<PathBuf>,
}

impl Roots {
    fn resolve(roots: &[PathBuf]) -> Result<Roots> {
        let mut given = Vec::with_capacity(roots.len());
        let mut canonical = Vec::with_capacity(roots.len());
        for r in roots {
            let read = |source| Error::Read {
                path: r.clone(),
                source,
            };
            given.push(key::key(&std::path::absolute(r).map_err(read)?));
            canonical.push(std::fs::canonicalize(r).map_err(read)?);
        }
        Ok(Roots { given, canonical })
    }

    /// `path` relative to the outermost root it is under (the file's name
    /// when it is a root itself): the most of its path that is the
    /// archive's, for its meeting id (see `ids`).
    fn relative(&self, path: &Path) -> PathBuf {
        self.canonical
            .iter()
            .filter_map(|r| path.strip_prefix(r).ok())
            .filter(|rel| !rel.as_os_str().is_empty())
            .max_by_key(|rel| rel.components().count())
            .map(Path::to_path_buf)
            .or_else(|| path.file_name().map(PathBuf::from))
            .unwrap_or_else(|| path.to_path_buf())
    }
}

/// Why a file was skipped, without its path (the report pairs the two).
fn reason_of(e: &Error) -> String {
    match e {
        Error::Read { source, .. } => format!("cannot read: {source}"),
        Error::Binary { .. } => "not a text file (binary content)".into(),
        Error::NoParagraphs { .. } => "no § paragraphs found".into(),
        Error::Pdf { reason, .. } => format!("cannot read PDF: {reason}"),
        Error::Config { line, message, .. } => format!("line {line}: {message}"),
        other => other.to_string(),
    }
}

/// Reads, hashes and (if needed) parses one file, text or PDF (the bytes
/// decide: see [`protocol::parse_bytes`]), so a PDF's size, time and hash
/// make re-indexing incremental as for text. Runs on a worker thread; a
/// panic in the parser is caught and reported as an internal error for this
/// file only (a panic in PDF extraction is already a broken-PDF reason).
fn process(f: &crate::schema::Fields, job: &Job) -> Done {
    let bytes = match walk::read_regular(&job.file.path) {
        Ok(b) => b,
        Err(e) => return Done::Unreadable(format!("cannot read: {e}")),
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let mut state = FileState {
        size: job.size,
        mtime_ns: job.mtime_ns,
        hash,
        paragraphs: 0,
        skipped: None,
        parser: protocol::PARSER_VERSION,
    };
    if let Some(old) = &job.old
        && old.hash == hash
        && old.parser == protocol::PARSER_VERSION
    {
        state.paragraphs = old.paragraphs;
        state.skipped = old.skipped.clone();
        return Done::SameContent(state);
    }
    let parsed =
        std::panic::catch_unwind(|| protocol::parse_bytes(&bytes, &job.file.path, &job.file.meta));
    let mut protocol = match parsed {
        Ok(Ok(p)) => p,
        Ok(Err(e @ (Error::NoParagraphs { .. } | Error::Binary { .. } | Error::Pdf { .. }))) => {
            let reason = reason_of(&e);
            state.skipped = Some(reason.clone());
            return Done::NotProtocol(state, reason);
        }
        Ok(Err(e)) => return Done::Unreadable(reason_of(&e)),
        Err(_) => {
            let reason = "internal error: the parser panicked on this file".to_string();
            state.skipped = Some(reason.clone());
            return Done::NotProtocol(state, reason);
        }
    };
    protocol.meeting.id = ids::base_id(&protocol.meeting, &job.rel);
    match document::protocol_documents(f, &protocol, &job.key) {
        Ok(docs) => {
            state.paragraphs = protocol.paragraphs.len() as u64;
            Done::Parsed {
                docs,
                paragraphs: protocol.paragraphs.len(),
                state,
                warnings: std::mem::take(&mut protocol.warnings),
                protocol: Box::new(protocol),
            }
        }
        Err(e) => Done::Unreadable(e.to_string()),
    }
}

/// Adds the file-state documents [`apply`] kept back, before a commit.
fn add_states(
    writer: &mut IndexWriter<TantivyDocument>,
    states: &mut Vec<TantivyDocument>,
) -> Result<()> {
    for d in states.drain(..) {
        writer.add_document(d)?;
    }
    Ok(())
}

/// Applies a worker's result to the writer. The file-state document goes
/// to `states`, added just before the next commit ([`add_states`]): the
/// states then lie together in the document store, so the next sync reads
/// a few blocks for them instead of one per file.
fn apply(
    writer: &mut IndexWriter<TantivyDocument>,
    f: &crate::schema::Fields,
    job: &Job,
    done: Done,
    ids: &mut MeetingIds<'_>,
    report: &mut SyncReport,
    states: &mut Vec<TantivyDocument>,
) -> Result<FileOutcome> {
    let source = Term::from_field_text(f.source, &job.key);
    let file_term = Term::from_field_text(f.file_path, &job.key);
    let new_parser = job.old.as_ref().is_some_and(|o| {
        o.parser != protocol::PARSER_VERSION && o.size == job.size && o.mtime_ns == job.mtime_ns
    });
    if new_parser && matches!(done, Done::Parsed { .. } | Done::NotProtocol(..)) {
        report.reparsed += 1;
    }
    Ok(match done {
        Done::SameContent(state) => {
            report.unchanged += 1;
            if let Some(reason) = &state.skipped {
                report.skipped.push(Skipped {
                    path: job.file.path.clone(),
                    reason: reason.clone(),
                    error: false,
                });
            }
            writer.delete_term(file_term);
            states.push(document::file_document(f, &job.key, &state)?);
            FileOutcome::Unchanged
        }
        Done::Parsed {
            mut docs,
            mut protocol,
            state,
            paragraphs,
            warnings,
        } => {
            let id = ids.assign(&job.key, &protocol.meeting.id, &job.rel)?;
            if id != protocol.meeting.id {
                // Another file has the base id: this one's documents again.
                protocol.meeting.id = id;
                docs = document::protocol_documents(f, &protocol, &job.key)?;
            }
            report.parsed += 1;
            report.files_with_warnings += usize::from(!warnings.is_empty());
            report
                .warnings
                .extend(warnings.into_iter().map(|w| FileWarning {
                    path: job.file.path.clone(),
                    line: w.line,
                    message: w.message,
                }));
            report.meetings += 1;
            report.paragraphs += paragraphs;
            writer.delete_term(source);
            writer.delete_term(file_term);
            for d in docs {
                writer.add_document(d)?;
            }
            states.push(document::file_document(f, &job.key, &state)?);
            FileOutcome::Indexed(paragraphs)
        }
        Done::NotProtocol(state, reason) => {
            ids.release(&job.key);
            report.parsed += 1;
            report.skipped.push(Skipped {
                path: job.file.path.clone(),
                reason: reason.clone(),
                error: false,
            });
            writer.delete_term(source);
            writer.delete_term(file_term);
            states.push(document::file_document(f, &job.key, &state)?);
            FileOutcome::Skipped(reason)
        }
        Done::Unreadable(reason) => {
            report.skipped.push(Skipped {
                path: job.file.path.clone(),
                reason: reason.clone(),
                error: true,
            });
            FileOutcome::Skipped(reason)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_files_of_merged_away_segments_are_left() {
        // Regression: the small segments merged at the end of a run kept
        // their files (132 MB at 1M §), as the list of segment metas read
        // to choose them was alive when tantivy collected garbage.
        // Small commits make many small segments, which the run merges when
        // tantivy's own merges leave four or more: not every run, so ten.
        for _ in 0..10 {
            left_segment_files_are_live();
        }
    }

    fn left_segment_files_are_live() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        let index = Index::create(&dir).unwrap();
        let sample = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let options = SyncOptions {
            commit_every: 5,
            ..SyncOptions::default()
        };
        index.sync_with(&[sample], &options, &mut |_| {}).unwrap();
        let live: HashSet<String> = index
            .tantivy()
            .searchable_segment_metas()
            .unwrap()
            .iter()
            .map(|m| m.id().uuid_string())
            .collect();
        let mut segment_files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or("");
            if stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) {
                segment_files += 1;
                assert!(
                    live.contains(stem),
                    "{name} belongs to no segment of the index"
                );
            }
        }
        assert!(segment_files > 0);
    }

    #[test]
    fn file_states_lie_together_at_the_end_of_each_segment() {
        // Regression: each file's state was added right after its
        // paragraphs, so reading the states on a re-run decompressed one
        // document-store block per file.
        let tmp = tempfile::tempdir().unwrap();
        let index = Index::create(&tmp.path().join("index")).unwrap();
        let sample = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let report = index
            .sync_with(&[sample], &SyncOptions::default(), &mut |_| {})
            .unwrap();
        assert!(report.files >= 4, "{report:?}");
        let searcher = index.searcher().unwrap();
        // One commit, no merge: each indexing thread's segment gets its
        // share of the states after all of its other documents.
        let states =
            super::super::sorted_docs(&searcher, &*index.kind_query(document::KIND_FILE)).unwrap();
        assert_eq!(states.len(), report.files);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ids: Vec<u32> = states
                .iter()
                .filter(|a| a.segment_ord as usize == ord)
                .map(|a| a.doc_id)
                .collect();
            let max_doc = segment.max_doc();
            let first = max_doc - ids.len() as u32;
            assert_eq!(ids, (first..max_doc).collect::<Vec<_>>(), "segment {ord}");
        }
    }
}
