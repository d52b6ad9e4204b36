//! Stage 3: the archive and the index. Walking an archive folder
//! ([`walk`]), turning protocols into documents (`document`), and
//! incremental, crash-safe synchronisation of an index with an archive
//! ([`Index::sync`]).

pub mod check;
mod document;
mod export;
mod folder;
mod heads;
mod ids;
mod key;
mod pipeline;
mod positions;
mod rebuild;
mod record;
mod reload;
mod source;
mod sync;
mod walk;

use check::catch;
pub use positions::{PositionFilter, PositionMatch};
pub use rebuild::Rebuild;
use reload::Reloader;
pub use source::SourceFile;
pub use sync::{
    COMMIT_EVERY, FileOutcome, FileWarning, Skipped, SyncEvent, SyncOptions, SyncReport,
};
pub use walk::{ArchiveFile, EXTENSIONS, WalkOptions, walk, walk_with};

use crate::analysis;
use crate::error::{Error, Result};
use crate::protocol::{Meeting, Paragraph};
use crate::schema::{Fields, IndexSchema};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::WatchHandle;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

pub(crate) use document::{KIND_PARAGRAPH, text as stored_text};
pub(crate) use heads::{Heads, MIN_HEAD_CHARS, compounds_ending, heads_contain};
pub(crate) use record::hit_paragraph as stored_hit_paragraph;

/// The tantivy documents paragraf writes for one protocol: its meeting and
/// each §. For `examples/tantivy_ceiling.rs`, which measures what indexing
/// paragraf's own documents costs tantivy alone; not a stable API.
#[doc(hidden)]
pub fn documents_for_benchmark(
    schema: &IndexSchema,
    p: &crate::protocol::Protocol,
    source: &str,
) -> Result<Vec<TantivyDocument>> {
    document::protocol_documents(&schema.fields, p, source)
}

/// The marker file that makes a folder a paragraf index and records its schema version.
const MARKER: &str = "paragraf.json";

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Marker {
    schema_version: u32,
}

/// What [`Index::open`] compares before and after an attempt: the
/// folder's identity, its change time and its meta.json.
type OpenState = (
    Option<folder::Identity>,
    Option<(i64, i64)>,
    Option<Vec<u8>>,
);

/// A paragraf index on disk: tantivy's files plus a marker with the schema version.
pub struct Index {
    dir: PathBuf,
    inner: tantivy::Index,
    schema: IndexSchema,
    /// The reader and what reloads it (see `reload`).
    reloader: Arc<Reloader>,
    /// Reloads the reader when another process commits; dropped with the
    /// handle.
    _watch: Option<WatchHandle>,
    /// Meetings by source file, for the searcher generation they were read from.
    meetings: Mutex<(u64, HashMap<String, Arc<Meeting>>)>,
    /// The schema version in the index's marker: an older one of
    /// `schema.opens` until this build first writes to it.
    marker_version: Mutex<u32>,
    /// The compound-head dictionaries of the segments searched lately.
    heads: Mutex<HashMap<tantivy::index::SegmentId, Arc<Heads>>>,
    /// The folder opened (device and inode), to notice a rebuild that
    /// swapped another in its place.
    identity: Option<folder::Identity>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

fn io(dir: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    }
}

/// Counts of what an index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// § paragraphs.
    pub paragraphs: u64,
    /// Meetings (protocol files with at least one §).
    pub meetings: u64,
    /// Protocol files known, skipped ones included.
    pub files: u64,
    /// Index segments a search goes through.
    pub segments: usize,
}

impl Index {
    /// Creates a new index in `dir` (created if missing). The folder must be
    /// empty or not exist.
    pub fn create(dir: &Path) -> Result<Index> {
        let schema = IndexSchema::load()?;
        std::fs::create_dir_all(dir).map_err(folder::write_error(dir))?;
        let non_empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_some();
        if non_empty {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "the folder is not empty; choose an empty or new folder".into(),
            });
        }
        let inner = tantivy::Index::create_in_dir(dir, schema.schema.clone())
            .map_err(|e| Self::write_failure(dir, e))?;
        // The marker last: a folder with a marker is a whole index. A crash
        // before it leaves tantivy's files of an empty index, which
        // `open_or_create` recognises and starts again.
        write_marker(dir, schema.version)?;
        let version = schema.version;
        Self::finish_open(dir, inner, schema, version)
    }

    /// Opens an existing index, for reading and writing; opening writes
    /// nothing. Fails with a clear error for a folder that is not an index,
    /// an index of another schema version, or a damaged one.
    pub fn open(dir: &Path) -> Result<Index> {
        let schema = IndexSchema::load()?;
        // The folder's state can move on while it is being opened: a writer
        // commits and collects the old segment files, or a rebuild swaps
        // another folder in, and the files of the meta.json read are then
        // looked for in vain. An open that fails while the state changed
        // under it says nothing about the state now: open again (as
        // Lucene's FindSegmentsFile retries a commit that went while read).
        // An open that fails on a state that stayed is the answer.
        let mut attempt = 0;
        loop {
            attempt += 1;
            let before = Self::state(dir);
            match Self::open_once(dir, &schema) {
                Err(e @ (Error::Damaged { .. } | Error::NotAnIndex { .. }))
                    if attempt < 10 && Self::state(dir) != before =>
                {
                    drop(e);
                    std::thread::sleep(std::time::Duration::from_millis(attempt));
                }
                other => return other,
            }
        }
    }

    /// What identifies the state of the index in `dir`: the folder itself
    /// (a rebuild swaps another in) with its change time (which a rename
    /// or a file added or removed sets, so that a folder swapped out and
    /// back differs), and its last commit (meta.json).
    fn state(dir: &Path) -> OpenState {
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(dir)
                .ok()
                .map(|m| (m.ctime(), m.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let changed = None;
        (
            folder::identity(dir),
            changed,
            std::fs::read(dir.join("meta.json")).ok(),
        )
    }

    /// One attempt of [`Index::open`].
    fn open_once(dir: &Path, schema: &IndexSchema) -> Result<Index> {
        let marker_path = dir.join(MARKER);
        if !dir.is_dir() {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "no such folder".into(),
            });
        }
        let marker: Marker = match std::fs::read_to_string(&marker_path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: format!("{MARKER} is damaged: {e}"),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotAnIndex {
                    dir: dir.to_path_buf(),
                    reason: format!("no {MARKER} in it"),
                });
            }
            Err(e) => return Err(io(&marker_path)(e)),
        };
        if marker.schema_version != schema.version && !schema.opens.contains(&marker.schema_version)
        {
            return Err(Error::SchemaVersion {
                dir: dir.to_path_buf(),
                found: marker.schema_version,
                expected: schema.version,
            });
        }
        Self::open_tantivy(dir, schema, marker.schema_version)
    }

    fn open_tantivy(dir: &Path, schema: &IndexSchema, marker_version: u32) -> Result<Index> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Damaged {
                dir: dir.to_path_buf(),
                detail: "meta.json is missing".into(),
            });
        }
        let inner =
            catch(|| Ok(tantivy::Index::open_in_dir(dir)?)).map_err(|e| check::damage(dir, e))?;
        if inner.schema() != schema.schema {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "its fields differ from index-schema/ although the version is the same"
                    .into(),
            });
        }
        Self::finish_open(dir, inner, schema.clone(), marker_version)
            .map_err(|e| check::damage(dir, e))
    }

    /// Opens the index in `dir`, creating it if the folder is missing or empty.
    pub fn open_or_create(dir: &Path) -> Result<Index> {
        let empty = !dir.exists() || std::fs::read_dir(dir).map_err(io(dir))?.next().is_none();
        if empty {
            Self::create(dir)
        } else if folder::interrupted_creation(dir) {
            folder::clear(dir)?;
            Self::create(dir)
        } else {
            Self::open(dir)
        }
    }

    /// Starts building the index in `dir` anew (needed after a schema
    /// change), beside the old one: fill [`Rebuild::index`] (with
    /// [`Index::sync_with`]) and call [`Rebuild::finish`], which puts it in
    /// the place of the old index in one step. Until then searches see
    /// the old index; a rebuild that fails or is dropped leaves it as it
    /// was. `dir` must be missing, empty or a paragraf index (of any
    /// schema version), verified before anything is deleted.
    pub fn rebuild(dir: &Path) -> Result<Rebuild> {
        Rebuild::start(dir)
    }

    /// Deletes the index in `dir`, if it is verifiably a paragraf index:
    /// its marker reads as one and the folder holds nothing but the index's
    /// files (else [`Error::NotAnIndex`] naming what is in the way).
    pub fn delete(dir: &Path) -> Result<()> {
        let _lock = folder::WriteLock::acquire(dir)?;
        folder::verify_ours(dir)?;
        std::fs::remove_dir_all(dir).map_err(folder::delete_error(dir))
    }

    fn finish_open(
        dir: &Path,
        mut inner: tantivy::Index,
        schema: IndexSchema,
        marker_version: u32,
    ) -> Result<Index> {
        analysis::register(inner.tokenizers());
        // Search the segments of a large index on all cores: an expensive
        // query (a phrase of common words) then takes a fraction of the time.
        inner.set_default_multithread_executor()?;
        // Commits by another process (a running `paragraf index`) are picked
        // up shortly after they land; our own syncs reload at once.
        let (reloader, watch) = Reloader::open(dir.to_path_buf(), &inner)?;
        Ok(Index {
            dir: dir.to_path_buf(),
            identity: folder::identity(dir),
            inner,
            schema,
            reloader,
            _watch: watch,
            meetings: Mutex::new((u64::MAX, HashMap::new())),
            marker_version: Mutex::new(marker_version),
            heads: Mutex::new(HashMap::new()),
        })
    }

    /// The error for a failed write to the index in `dir`: a full disk in
    /// words, else as it came.
    pub(crate) fn write_failure(dir: &Path, e: impl Into<Error>) -> Error {
        let e = e.into();
        let full = match &e {
            Error::Tantivy(t) => {
                crate::error::tantivy_io_error(t).is_some_and(crate::error::is_disk_full)
                    || [
                        "No space left on device",
                        "os error 28",
                        "Disk quota exceeded",
                    ]
                    .iter()
                    .any(|m| t.to_string().contains(m))
            }
            Error::Write { source, .. } => crate::error::is_disk_full(source),
            _ => false,
        } || matches!(&e, Error::Tantivy(tantivy::TantivyError::ErrorInThread(_)))
            && folder::nearly_full(dir);
        if full {
            Error::DiskFull {
                path: dir.to_path_buf(),
            }
        } else {
            e
        }
    }

    /// Runs `f` on this index: a panic inside the index library (a damaged
    /// segment file it decodes without checking) and its errors for damaged
    /// files become [`Error::Damaged`] naming the files whose checksums
    /// fail.
    pub(crate) fn guarded<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        catch(f).map_err(|e| check::damage(&self.dir, e))
    }

    /// Takes this index's write lock (see `folder`) and makes sure the
    /// folder is still the one opened (a rebuild may have swapped it).
    pub(crate) fn write_lock(&self) -> Result<folder::WriteLock> {
        let lock = folder::WriteLock::acquire(&self.dir)?;
        if self.identity.is_some() && lock.identity != self.identity {
            return Err(Error::Replaced {
                dir: self.dir.clone(),
            });
        }
        Ok(lock)
    }

    /// Marks an index of an older version that this build opens as of this
    /// build's version; called before this build first writes to it, so
    /// that an older build then refuses the index.
    pub(crate) fn mark_current_version(&self) -> Result<()> {
        let mut version = self
            .marker_version
            .lock()
            .map_err(|_| Error::Internal("the marker lock is poisoned".into()))?;
        if *version != self.schema.version {
            write_marker(&self.dir, self.schema.version)?;
            *version = self.schema.version;
        }
        Ok(())
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The loaded schema.
    pub fn schema(&self) -> &IndexSchema {
        &self.schema
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.schema.fields
    }

    pub(crate) fn tantivy(&self) -> &tantivy::Index {
        &self.inner
    }

    /// A searcher on the last committed state (as of the last reload).
    pub(crate) fn searcher(&self) -> Result<Searcher> {
        Ok(self.reloader.reader().searcher())
    }

    /// Makes the last commit visible to searches now.
    pub(crate) fn reload(&self) -> Result<()> {
        self.reloader.reload()
    }

    /// The compound-head dictionaries of the segments of `searcher` (see
    /// `heads`): kept from earlier searches, read from their files, or
    /// built from the segment when it has no readable file.
    pub(crate) fn segment_heads(&self, searcher: &Searcher) -> Result<Vec<Arc<Heads>>> {
        let poisoned = || Error::Internal("the compound-head cache is poisoned".into());
        let mut cache = self.heads.lock().map_err(|_| poisoned())?;
        let mut out = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let id = segment.segment_id();
            let h = match cache.get(&id) {
                Some(h) => Arc::clone(h),
                None => Arc::new(match Heads::read(&self.dir, &id.uuid_string()) {
                    Some(h) => h,
                    None => Heads::build(segment, &self.head_fields())?,
                }),
            };
            out.push(h);
        }
        // Keep the segments of this searcher only: merged-away ones go.
        cache.clear();
        for (segment, h) in searcher.segment_readers().iter().zip(&out) {
            cache.insert(segment.segment_id(), Arc::clone(h));
        }
        Ok(out)
    }

    /// Writes the compound-head dictionaries of the segments of the last
    /// commit that have none, and removes those of segments gone.
    pub(crate) fn write_heads(&self) -> Result<()> {
        heads::write_missing(&self.dir, &self.searcher()?, &self.head_fields())
    }

    /// The fields whose words the compound-head dictionaries hold.
    fn head_fields(&self) -> [tantivy::schema::Field; 2] {
        let f = self.fields();
        [f.title, f.body]
    }

    pub(crate) fn kind_query(&self, kind: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields().kind, kind),
            IndexRecordOption::Basic,
        ))
    }

    /// Runs a search on the last committed state of the index.
    pub fn search(
        &self,
        req: &crate::search::SearchRequest,
    ) -> Result<crate::search::SearchResults> {
        self.guarded(|| self.search_unguarded(req))
    }

    /// The thread of `case_number`: every § with that case number in date
    /// and decision-chain order, and the § that refer to it.
    /// A case number longer than [`crate::search::MAX_QUERY_CHARS`] is an
    /// [`Error::Option`].
    pub fn case(&self, case_number: &str) -> Result<crate::search::case::CaseThread> {
        if case_number
            .chars()
            .nth(crate::search::MAX_QUERY_CHARS)
            .is_some()
        {
            return Err(Error::Option {
                option: "CASE_NUMBER".into(),
                message: format!("longer than {} characters", crate::search::MAX_QUERY_CHARS),
            });
        }
        self.guarded(|| self.case_unguarded(case_number))
    }

    /// Counts of paragraphs, meetings and files in the last committed state.
    pub fn stats(&self) -> Result<IndexStats> {
        self.guarded(|| self.stats_unguarded())
    }

    fn stats_unguarded(&self) -> Result<IndexStats> {
        let searcher = self.searcher()?;
        let count = |kind: &str| -> Result<u64> {
            Ok(searcher.search(&*self.kind_query(kind), &tantivy::collector::Count)? as u64)
        };
        Ok(IndexStats {
            paragraphs: count(document::KIND_PARAGRAPH)?,
            meetings: count(document::KIND_MEETING)?,
            files: count(document::KIND_FILE)?,
            segments: searcher.segment_readers().len(),
        })
    }

    /// The meeting of the protocol file `source`, from a cache kept per
    /// searcher generation (meetings are shared by many hits and searches).
    pub(crate) fn cached_meeting(
        &self,
        searcher: &Searcher,
        source: &str,
    ) -> Result<Option<Arc<Meeting>>> {
        let generation = searcher.generation().generation_id();
        {
            let mut cache = self
                .meetings
                .lock()
                .map_err(|_| Error::Internal("meeting cache poisoned".into()))?;
            if cache.0 != generation {
                *cache = (generation, HashMap::new());
            } else if let Some(m) = cache.1.get(source) {
                return Ok(Some(Arc::clone(m)));
            }
        }
        let Some(m) = self.meeting_of(searcher, source)? else {
            return Ok(None);
        };
        let m = Arc::new(m);
        let mut cache = self
            .meetings
            .lock()
            .map_err(|_| Error::Internal("meeting cache poisoned".into()))?;
        if cache.0 == generation {
            if cache.1.len() > 100_000 {
                cache.1.clear();
            }
            cache.1.insert(source.to_string(), Arc::clone(&m));
        }
        Ok(Some(m))
    }

    /// The first document (stored) of `kind` with all `terms`.
    fn first_doc(
        &self,
        searcher: &Searcher,
        kind: &str,
        terms: Vec<Term>,
    ) -> Result<Option<TantivyDocument>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.kind_query(kind))];
        for t in terms {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, addr)) => Ok(Some(searcher.doc(*addr)?)),
            None => Ok(None),
        }
    }

    /// The meeting of the protocol file `source`.
    pub(crate) fn meeting_of(&self, searcher: &Searcher, source: &str) -> Result<Option<Meeting>> {
        let f = self.fields();
        let terms = vec![Term::from_field_text(f.source, source)];
        match self.first_doc(searcher, document::KIND_MEETING, terms)? {
            Some(doc) => Ok(Some(document::meeting(&doc, f)?)),
            None => Ok(None),
        }
    }

    /// The meeting with the id `meeting_id` (as search results give it).
    pub fn meeting(&self, meeting_id: &str) -> Result<Option<Meeting>> {
        self.guarded(|| {
            let searcher = self.searcher()?;
            let f = self.fields();
            let terms = vec![Term::from_field_text(f.meeting_id, meeting_id)];
            match self.first_doc(&searcher, document::KIND_MEETING, terms)? {
                Some(doc) => Ok(Some(document::meeting(&doc, f)?)),
                None => Ok(None),
            }
        })
    }

    /// One whole § with its meeting: `meeting_id` as in search results, `number` the §.
    pub fn paragraph(&self, meeting_id: &str, number: u32) -> Result<Option<(Meeting, Paragraph)>> {
        self.guarded(|| self.paragraph_unguarded(meeting_id, number))
    }

    fn paragraph_unguarded(
        &self,
        meeting_id: &str,
        number: u32,
    ) -> Result<Option<(Meeting, Paragraph)>> {
        let searcher = self.searcher()?;
        let f = self.fields();
        let terms = vec![
            Term::from_field_text(f.meeting_id, meeting_id),
            Term::from_field_u64(f.number, u64::from(number)),
        ];
        let Some(doc) = self.first_doc(&searcher, document::KIND_PARAGRAPH, terms)? else {
            return Ok(None);
        };
        let para = record::paragraph(&doc, f)?;
        let source = document::text(&doc, f.source).unwrap_or_default();
        let meeting = self
            .meeting_of(&searcher, source)?
            .ok_or_else(|| Error::Internal(format!("no meeting stored for {source}")))?;
        Ok(Some((meeting, para)))
    }
}

/// The documents matching `q`, in index order: reading their stored fields
/// in this order decompresses each block of the store once.
pub(crate) fn sorted_docs(searcher: &Searcher, q: &dyn Query) -> Result<Vec<tantivy::DocAddress>> {
    let docs = searcher.search(q, &tantivy::collector::DocSetCollector)?;
    let mut docs: Vec<tantivy::DocAddress> = docs.into_iter().collect();
    docs.sort();
    Ok(docs)
}

fn write_marker(dir: &Path, version: u32) -> Result<()> {
    let json = serde_json::to_string(&Marker {
        schema_version: version,
    })
    .map_err(|e| Error::Internal(e.to_string()))?;
    folder::write_durably(&dir.join(MARKER), json.as_bytes())
}
