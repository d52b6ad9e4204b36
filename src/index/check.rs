//! Damaged indexes: `paragraf check` (as Lucene's CheckIndex) and the
//! conversion of what a damaged file does to a search (an error or a panic
//! inside the index library) into [`Error::Damaged`] naming the file.
//!
//! Every tantivy file ends with a footer holding a CRC32 of its bytes, so a
//! file whose bytes changed after it was written is found by reading it
//! whole ([`damaged_files`]). [`check`] does that for every file of the last
//! commit, then reads every segment as a search would (each stored
//! document, each term's postings and positions, the norms), catching what
//! a checksum cannot see (a file written wrong in the first place).

use super::MARKER;
use super::folder;
use crate::error::{Error, Result};
use serde::Serialize;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, TantivyDocument};

/// What a caught panic's [`Error::Internal`] message begins with.
const PANICKED: &str = "the index library panicked: ";

/// Runs `f`; a panic becomes an [`Error::Internal`] with its message, which
/// [`damage`] then examines.
pub(crate) fn catch<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Error::Internal(format!(
            "{PANICKED}{}",
            panic_message(payload.as_ref())
        ))),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// The error to report for `e`, met while using the index in `dir`: when
/// it may come from damaged files (an index-library error or panic), the
/// files' checksums are verified, and any that fail make it
/// [`Error::Damaged`] naming them; a full disk is said in words; otherwise
/// `e` as it is (a panic with every checksum right is a bug).
pub(crate) fn damage(dir: &Path, e: Error) -> Error {
    use tantivy::TantivyError as T;
    let suspect = match &e {
        // What reading damaged files gives (not a lock, a bad argument, a
        // schema mismatch).
        Error::Tantivy(t) => matches!(
            t,
            T::OpenReadError(_)
                | T::OpenDirectoryError(_)
                | T::IoError(_)
                | T::DataCorruption(_)
                | T::IncompatibleIndex(_)
                | T::ErrorInThread(_)
                | T::InternalError(_)
                | T::SystemError(_)
                | T::DeserializeError(_)
        ),
        // Any inconsistency met reading the index (a panic inside the index
        // library, a stored record unreadable, a § whose meeting is not
        // found: a damaged term dictionary can lose it) may be damage.
        Error::Internal(_) => true,
        _ => false,
    };
    if !suspect {
        return e;
    }
    let e = super::Index::write_failure(dir, e);
    if matches!(e, Error::DiskFull { .. }) {
        return e;
    }
    let problems = damaged_files(dir);
    if !problems.is_empty() {
        return Error::Damaged {
            dir: dir.to_path_buf(),
            detail: summary(&problems),
        };
    }
    match e {
        Error::Tantivy(t) if is_data_error(&t) => Error::Damaged {
            dir: dir.to_path_buf(),
            detail: short(&t.to_string()),
        },
        Error::Internal(m) => Error::Internal(format!(
            "{m} (every file's checksum is right: this is a bug in paragraf or tantivy; please report it)"
        )),
        e => e,
    }
}

/// tantivy errors that mean the files are not what they should be.
fn is_data_error(e: &tantivy::TantivyError) -> bool {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::OpenReadError;
    match e {
        T::DataCorruption(_) | T::IncompatibleIndex(_) => true,
        T::OpenReadError(OpenReadError::FileDoesNotExist(_)) => true,
        T::OpenReadError(OpenReadError::IncompatibleIndex(_)) => true,
        _ => crate::error::tantivy_io_error(e).is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            )
        }),
    }
}

/// The first line of a message, without the advice tantivy gives for
/// indexes of its old versions, at most 200 characters.
fn short(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    let line = line
        .split(" Please use tantivy")
        .next()
        .unwrap_or(line)
        .trim();
    match line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

fn summary(problems: &[Problem]) -> String {
    let mut s = problems
        .iter()
        .take(3)
        .map(|p| format!("{}: {}", p.file, p.problem))
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > 3 {
        s.push_str(&format!("; and {} more", problems.len() - 3));
    }
    s
}

/// One thing wrong in an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (relative to the index folder), or the segment and part.
    pub file: String,
    /// What is wrong with it.
    pub problem: String,
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// The index folder.
    pub dir: PathBuf,
    /// Segments of the last commit.
    pub segments: usize,
    /// Documents (§, meetings and file states) in them, deleted ones included.
    pub documents: u64,
    /// Files whose checksums were verified.
    pub files_checked: usize,
    /// Damage: each makes the index unsound.
    pub problems: Vec<Problem>,
    /// Things the next `paragraf index` repairs by itself (compound-head
    /// dictionaries to rewrite, files no commit references).
    pub notes: Vec<Problem>,
}

impl CheckReport {
    /// True if nothing is damaged.
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies the checksum of every file of the last commit of the index in
/// `dir`, and that each file meta.json names is there. Returns what is
/// wrong (empty when all is well). Never panics.
pub(crate) fn damaged_files(dir: &Path) -> Vec<Problem> {
    let mut report = CheckReport::default();
    let _ = checksums(dir, &mut report);
    report.problems
}

/// Verifies the checksum of the column file (`.fast`) of each segment of
/// the last commit in `inner` not in `verified`, and adds those that pass.
///
/// A column file whose bytes changed can make the index library allocate
/// what its bytes claim when the segment is opened or searched: an abort
/// of the process, which no `catch` can turn into an error. Its checksum
/// is cheap (the column files of 1M § are a few MB) and read once per
/// segment. A file that fails is [`Error::Damaged`] naming it.
pub(crate) fn verify_columns(
    dir: &Path,
    inner: &tantivy::Index,
    verified: &std::sync::Mutex<std::collections::HashSet<tantivy::index::SegmentId>>,
) -> Result<()> {
    let metas = catch(|| Ok(inner.searchable_segment_metas()?))?;
    let mut verified = verified
        .lock()
        .map_err(|_| Error::Internal("the verified-columns set is poisoned".into()))?;
    for meta in metas {
        if verified.contains(&meta.id()) {
            continue;
        }
        let file = meta.relative_path(tantivy::index::SegmentComponent::FastFields);
        let sound = catch(|| Ok(inner.directory().validate_checksum(&file).ok()));
        match sound {
            Ok(Some(true)) => {
                verified.insert(meta.id());
            }
            Ok(Some(false)) => {
                return Err(Error::Damaged {
                    dir: dir.to_path_buf(),
                    detail: format!(
                        "{}: checksum does not match (its bytes changed after it was written)",
                        file.display()
                    ),
                });
            }
            // A file that cannot be read is for the caller's own reading
            // (and `damage`) to report, with whatever else is wrong.
            Ok(None) | Err(_) => {}
        }
    }
    Ok(())
}

/// Checks the index in `dir` without changing it: the marker, meta.json,
/// each file's checksum, then each segment read as a search reads it.
/// [`Error::NotAnIndex`] for a folder that is no index at all; damage is
/// in the report.
pub fn check(dir: &Path) -> Result<CheckReport> {
    if !dir.is_dir() {
        return Err(Error::NotAnIndex {
            dir: dir.to_path_buf(),
            reason: "no such folder".into(),
        });
    }
    let mut report = CheckReport {
        dir: dir.to_path_buf(),
        ..CheckReport::default()
    };
    let problem = |file: &str, problem: String| Problem {
        file: file.to_string(),
        problem,
    };
    match std::fs::read_to_string(dir.join(MARKER)) {
        Ok(text) => {
            if let Err(e) = serde_json::from_str::<super::Marker>(&text) {
                report
                    .problems
                    .push(problem(MARKER, format!("not a paragraf index marker: {e}")));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !dir.join("meta.json").exists() {
                return Err(Error::NotAnIndex {
                    dir: dir.to_path_buf(),
                    reason: format!("no {MARKER} in it"),
                });
            }
            report.problems.push(problem(MARKER, "missing".into()));
        }
        Err(e) => report
            .problems
            .push(problem(MARKER, format!("cannot be read: {e}"))),
    }
    let Some(inner) = checksums(dir, &mut report) else {
        return Ok(report);
    };
    read_segments(&inner, &mut report);
    notes(dir, &inner, &mut report);
    Ok(report)
}

/// Opens the index and verifies every file of its last commit (see
/// [`damaged_files`]); `None` if meta.json itself cannot be read.
fn checksums(dir: &Path, report: &mut CheckReport) -> Option<tantivy::Index> {
    let problem = |file: &Path, problem: String| Problem {
        file: file.display().to_string(),
        problem,
    };
    if !dir.join("meta.json").is_file() {
        report
            .problems
            .push(problem(Path::new("meta.json"), "missing".into()));
        return None;
    }
    let opened = catch(|| {
        let inner = tantivy::Index::open_in_dir(dir)?;
        let metas = inner.load_metas()?;
        Ok((inner, metas))
    });
    let (inner, metas) = match opened {
        Ok(x) => x,
        Err(e) => {
            report.problems.push(problem(
                Path::new("meta.json"),
                format!("cannot be read: {}", short(&e.to_string())),
            ));
            return None;
        }
    };
    report.segments = metas.segments.len();
    report.documents = metas.segments.iter().map(|m| u64::from(m.max_doc())).sum();
    let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
    files.sort();
    for file in files {
        let name = file.to_string_lossy();
        if name.ends_with(".store.temp") {
            continue;
        }
        if name.ends_with(".del") {
            // Named for every segment; there only if it has deletions.
            let wanted = metas.segments.iter().any(|m| {
                m.has_deletes() && m.relative_path(tantivy::index::SegmentComponent::Delete) == file
            });
            if !wanted {
                continue;
            }
        }
        if !dir.join(&file).exists() {
            report.problems.push(problem(&file, "missing".into()));
            continue;
        }
        report.files_checked += 1;
        match catch(|| Ok(inner.directory().validate_checksum(&file))) {
            Ok(Ok(true)) => {}
            Ok(Ok(false)) => report.problems.push(problem(
                &file,
                "checksum does not match (its bytes changed after it was written)".into(),
            )),
            Ok(Err(e)) => report.problems.push(problem(
                &file,
                format!("cannot be read: {}", short(&e.to_string())),
            )),
            Err(e) => report.problems.push(problem(&file, e.to_string())),
        }
    }
    Some(inner)
}

/// Reads every segment as a search does: each stored document, each term
/// of each indexed field with its postings and positions, the norms.
fn read_segments(inner: &tantivy::Index, report: &mut CheckReport) {
    let reader = match catch(|| Ok(inner.reader()?)) {
        Ok(r) => r,
        Err(e) => {
            report.problems.push(Problem {
                file: "segments".into(),
                problem: format!("cannot be opened: {}", short(&e.to_string())),
            });
            return;
        }
    };
    let searcher = reader.searcher();
    let schema = inner.schema();
    for segment in searcher.segment_readers() {
        let id = segment.segment_id().uuid_string();
        let mut part = |what: &str, f: &mut dyn FnMut() -> Result<()>| {
            if let Err(e) = catch(f) {
                report.problems.push(Problem {
                    file: format!("{id} ({what})"),
                    problem: format!("cannot be read: {}", short(&e.to_string())),
                });
            }
        };
        part("stored documents", &mut || {
            let store = segment
                .get_store_reader(1)
                .map_err(tantivy::TantivyError::from)?;
            for doc in 0..segment.max_doc() {
                store.get::<TantivyDocument>(doc)?;
            }
            Ok(())
        });
        for (field, entry) in schema.fields() {
            if !entry.is_indexed() {
                continue;
            }
            let with_positions = entry
                .field_type()
                .get_index_record_option()
                .is_some_and(|o| o.has_positions());
            part(&format!("terms of {}", entry.name()), &mut || {
                let inverted = segment.inverted_index(field)?;
                let mut terms = inverted
                    .terms()
                    .stream()
                    .map_err(tantivy::TantivyError::from)?;
                let mut positions = Vec::new();
                while terms.advance() {
                    let mut postings = inverted
                        .read_postings_from_terminfo(
                            terms.value(),
                            IndexRecordOption::WithFreqsAndPositions,
                        )
                        .map_err(tantivy::TantivyError::from)?;
                    while postings.doc() != TERMINATED {
                        if postings.doc() >= segment.max_doc() {
                            return Err(Error::Internal(format!(
                                "a posting names document {} of {}",
                                postings.doc(),
                                segment.max_doc()
                            )));
                        }
                        if with_positions {
                            positions.clear();
                            postings.positions(&mut positions);
                        }
                        postings.advance();
                    }
                }
                Ok(())
            });
            if entry.has_fieldnorms() {
                part(&format!("norms of {}", entry.name()), &mut || {
                    let norms = segment.get_fieldnorms_reader(field)?;
                    for doc in 0..segment.max_doc() {
                        norms.fieldnorm_id(doc);
                    }
                    Ok(())
                });
            }
        }
    }
}

/// What the next index run repairs: damaged compound-head dictionaries,
/// files no commit references.
fn notes(dir: &Path, inner: &tantivy::Index, report: &mut CheckReport) {
    let heads = dir.join(super::heads::DIR);
    if let Ok(entries) = std::fs::read_dir(&heads) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let readable = std::fs::read(entry.path())
                .ok()
                .is_some_and(|b| fst::Map::new(b).is_ok());
            if !readable {
                report.notes.push(Problem {
                    file: format!("{}/{name}", super::heads::DIR),
                    problem:
                        "damaged compound-head dictionary: rewritten by the next `paragraf index`"
                            .into(),
                });
            }
        }
    }
    let referenced = inner
        .load_metas()
        .map(|m| m.list_segment_files())
        .unwrap_or_default();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut stale: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| folder::is_segment_file(n) && !referenced.contains(Path::new(n)))
            .collect();
        stale.sort();
        for name in stale {
            report.notes.push(Problem {
                file: name,
                problem: "no commit references it (left by a run that failed or was killed): removed by the next `paragraf index`".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_inconsistency_met_reading_the_index_has_its_checksums_verified() {
        // Regression: a damaged term dictionary lost a meeting, and search
        // said "internal error: no meeting stored for …" without looking
        // at the files. Now every internal error is checked: here the
        // files are sound, so it is said to be a bug, with that verified.
        let tmp = tempfile::tempdir().unwrap();
        crate::index::Index::create(tmp.path()).unwrap();
        match damage(
            tmp.path(),
            Error::Internal("no meeting stored for a.txt".into()),
        ) {
            Error::Internal(m) => {
                assert!(m.starts_with("no meeting stored for a.txt"), "{m}");
                assert!(m.contains("every file's checksum is right"), "{m}");
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn tantivys_advice_for_old_versions_is_left_out() {
        assert_eq!(
            short(
                "An IO error occurred: 'Footer magic byte mismatch. File corrupted or index was created using old an tantivy version which is not supported anymore. Please use tantivy 0.15 or above to recreate the index.'"
            ),
            "An IO error occurred: 'Footer magic byte mismatch. File corrupted or index was created using old an tantivy version which is not supported anymore."
        );
    }
}
