//! Walking an archive: the protocol files under the given paths, each with the
//! folder metadata (`paragraf.toml`) that applies to it, optionally narrowed
//! by `--include` / `--exclude` globs ([`WalkOptions`]).

use crate::error::{Error, Result};
use crate::protocol::FolderMeta;
use crate::protocol::folder::FILE_NAME;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A protocol file found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFile {
    /// The file.
    pub path: PathBuf,
    /// The merged `paragraf.toml` metadata of its folders.
    pub meta: FolderMeta,
}

/// File extensions read as protocols (case-insensitive). Whether a file is
/// read as text or as a PDF is decided by its content (`%PDF-` magic bytes),
/// not by the extension.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "pdf"];

/// Which of the protocol files in walked folders to take: glob patterns
/// (`*.pdf`, `kommunstyrelsen/**`, `*2024-*`) matched against the path
/// relative to the walked folder and against the file name; `/` is matched
/// by `*` too. A file is taken if it matches an include pattern (or there
/// are none) and no exclude pattern. Files named directly are always taken.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl WalkOptions {
    /// Options from include and exclude patterns; a bad pattern is an
    /// [`Error::Option`] naming it.
    pub fn new<S: AsRef<str>>(include: &[S], exclude: &[S]) -> Result<Self> {
        Ok(WalkOptions {
            include: glob_set("include", include)?,
            exclude: glob_set("exclude", exclude)?,
        })
    }

    /// True if a file at `relative` (to the walked folder) is taken.
    pub fn accepts(&self, relative: &Path) -> bool {
        let name = relative.file_name().map(Path::new);
        let hit = |set: &GlobSet| set.is_match(relative) || name.is_some_and(|n| set.is_match(n));
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

fn glob_set<S: AsRef<str>>(option: &str, patterns: &[S]) -> Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p.as_ref()).map_err(|e| Error::Option {
            option: option.into(),
            message: format!("{}: {}", p.as_ref(), e.kind()),
        })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|e| Error::Option {
        option: option.into(),
        message: e.to_string(),
    })
}

fn is_protocol(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Lists the protocol files under `paths` (files are taken as given; folders
/// are walked recursively, following symbolic links), sorted within each
/// folder. A file reached by several paths (through symbolic links) is
/// listed once, under the first path in walking order. Problems (an unreadable folder, a symbolic-link loop, a bad
/// `paragraf.toml`) come back as errors in the list; the walk goes on.
/// A bad `paragraf.toml` is reported once and the files it governs are skipped.
pub fn walk(paths: &[PathBuf]) -> Vec<Result<ArchiveFile>> {
    walk_with(paths, &WalkOptions::default())
}

/// [`walk`], taking only the files in walked folders that `options` accepts.
pub fn walk_with(paths: &[PathBuf], options: &WalkOptions) -> Vec<Result<ArchiveFile>> {
    let mut out = Vec::new();
    let mut seen: HashSet<FileId> = HashSet::new();
    for root in paths {
        let mut cache: HashMap<PathBuf, Option<FolderMeta>> = HashMap::new();
        if let Ok(meta) = std::fs::metadata(root)
            && !meta.is_file()
            && !meta.is_dir()
        {
            // A FIFO, socket or device named as an archive: said, not read
            // (reading a FIFO blocks until someone writes to it).
            out.push(Err(not_regular(root)));
            continue;
        }
        if root.is_file() {
            let dir = root.parent().unwrap_or(Path::new(".")).to_path_buf();
            push(&mut out, &mut cache, root.clone(), &dir);
            continue;
        }
        if !root.exists() {
            out.push(Err(Error::Read {
                path: root.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            }));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && is_protocol(e.path())
                        && options.accepts(e.path().strip_prefix(root).unwrap_or(e.path())) =>
                {
                    // A file reached again through a symbolic link is indexed once.
                    if identity(&e).is_none_or(|id| seen.insert(id)) {
                        push(&mut out, &mut cache, e.into_path(), root);
                    }
                }
                Ok(e)
                    if !e.file_type().is_file()
                        && !e.file_type().is_dir()
                        && is_protocol(e.path())
                        && options.accepts(e.path().strip_prefix(root).unwrap_or(e.path())) =>
                {
                    out.push(Err(not_regular(e.path())));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let source = match e.into_io_error() {
                        Some(io) => io,
                        None => std::io::Error::other("symbolic link loop"),
                    };
                    out.push(Err(Error::Read { path, source }));
                }
            }
        }
    }
    out
}

/// The error for a path that is neither a regular file nor a folder.
fn not_regular(path: &Path) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other(NOT_REGULAR),
    }
}

const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device), so it is not read";

/// Reads a protocol file whole, if it is a regular file. It is opened
/// without blocking and checked once open: a file swapped for a FIFO after
/// the walk would otherwise block the run until someone wrote to it.
pub(crate) fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(NOT_REGULAR));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What makes a file the same file whatever path reaches it.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn identity(e: &walkdir::DirEntry) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    e.metadata().ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(e: &walkdir::DirEntry) -> Option<FileId> {
    std::fs::canonicalize(e.path()).ok()
}

fn push(
    out: &mut Vec<Result<ArchiveFile>>,
    cache: &mut HashMap<PathBuf, Option<FolderMeta>>,
    path: PathBuf,
    root: &Path,
) {
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    // None: governed by a bad paragraf.toml, already reported.
    if let Some(meta) = meta_for_dir(&dir, root, cache, out) {
        out.push(Ok(ArchiveFile { path, meta }));
    }
}

/// The merged metadata for `dir`, computed once per folder; `None` if a
/// `paragraf.toml` on the way is bad (the error is pushed to `out` once).
fn meta_for_dir(
    dir: &Path,
    root: &Path,
    cache: &mut HashMap<PathBuf, Option<FolderMeta>>,
    out: &mut Vec<Result<ArchiveFile>>,
) -> Option<FolderMeta> {
    if let Some(m) = cache.get(dir) {
        return m.clone();
    }
    let outer = if dir != root && dir.starts_with(root) {
        match dir.parent() {
            Some(p) => meta_for_dir(p, root, cache, out),
            None => Some(FolderMeta::default()),
        }
    } else {
        Some(FolderMeta::default())
    };
    let result = outer.and_then(|outer| {
        let p = dir.join(FILE_NAME);
        if !p.is_file() {
            return Some(outer);
        }
        match FolderMeta::load(&p) {
            Ok(m) => Some(m.or(&outer)),
            Err(e) => {
                out.push(Err(e));
                None
            }
        }
    });
    cache.insert(dir.to_path_buf(), result.clone());
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_text_files_with_folder_meta() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("ks")).unwrap();
        std::fs::write(root.join(FILE_NAME), "organisation = \"Göteborgs Stad\"\n").unwrap();
        std::fs::write(
            root.join("ks").join(FILE_NAME),
            "organ = \"Kommunstyrelsen\"\n",
        )
        .unwrap();
        std::fs::write(root.join("ks/a.TXT"), "§ 1 A\n").unwrap();
        std::fs::write(root.join("ks/b.pdf.bak"), "x").unwrap();
        let files: Vec<ArchiveFile> = walk(&[root.to_path_buf()])
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(
            files[0].meta.organisation.as_deref(),
            Some("Göteborgs Stad")
        );
        assert_eq!(files[0].meta.organ.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn pdf_files_are_walked() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.PDF"), "%PDF-1.7").unwrap();
        std::fs::write(tmp.path().join("b.doc"), "x").unwrap();
        let files: Vec<PathBuf> = walk(&[tmp.path().to_path_buf()])
            .into_iter()
            .map(|r| r.unwrap().path)
            .collect();
        assert_eq!(files, [tmp.path().join("a.PDF")]);
    }

    fn walked_names(root: &Path, include: &[&str], exclude: &[&str]) -> Vec<String> {
        let options = WalkOptions::new(include, exclude).unwrap();
        walk_with(&[root.to_path_buf()], &options)
            .into_iter()
            .map(|r| {
                let p = r.unwrap().path;
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn include_and_exclude_globs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("ks/old")).unwrap();
        std::fs::create_dir_all(root.join("kf")).unwrap();
        for f in [
            "ks/a_2024-01-10.pdf",
            "ks/b_2023-05-02.txt",
            "ks/old/c_2024-02-01.pdf",
            "kf/d_2024-03-01.txt",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let all = walked_names(root, &[], &[]);
        assert_eq!(all.len(), 4);
        assert_eq!(
            walked_names(root, &["*.pdf"], &[]),
            ["ks/a_2024-01-10.pdf", "ks/old/c_2024-02-01.pdf"]
        );
        assert_eq!(
            walked_names(root, &["*.pdf"], &["old/**", "ks/old/**"]),
            ["ks/a_2024-01-10.pdf"]
        );
        assert_eq!(
            walked_names(root, &["ks/**"], &["*2023-*"]),
            ["ks/a_2024-01-10.pdf", "ks/old/c_2024-02-01.pdf"]
        );
        assert_eq!(
            walked_names(root, &[], &["kf/**"]),
            [
                "ks/a_2024-01-10.pdf",
                "ks/b_2023-05-02.txt",
                "ks/old/c_2024-02-01.pdf"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_fifo_is_not_waited_on() {
        // Regression: a protocol file replaced by a FIFO between the walk
        // and its reading blocked the run until someone wrote to the FIFO.
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("a.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(read_regular(&fifo).map_err(|e| e.to_string())));
        let read = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("reading waits on the FIFO");
        let e = read.unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
    }

    #[test]
    fn bad_glob_is_an_option_error() {
        let e = WalkOptions::new(&["a[b"], &[]).unwrap_err();
        assert!(matches!(e, Error::Option { .. }), "{e:?}");
        assert!(e.to_string().contains("bad include"), "{e}");
        assert!(e.to_string().contains("a[b"), "{e}");
    }

    #[test]
    fn bad_config_is_reported_once_and_other_folders_still_walked() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("bad")).unwrap();
        std::fs::create_dir_all(root.join("good")).unwrap();
        std::fs::write(root.join("bad").join(FILE_NAME), "organ = \n").unwrap();
        std::fs::write(root.join("bad/a.txt"), "§ 1 A\n").unwrap();
        std::fs::write(root.join("bad/b.txt"), "§ 1 A\n").unwrap();
        std::fs::write(root.join("good/c.txt"), "§ 1 A\n").unwrap();
        let r = walk(&[root.to_path_buf()]);
        assert_eq!(r.iter().filter(|r| r.is_err()).count(), 1);
        assert_eq!(r.iter().filter(|r| r.is_ok()).count(), 1);
    }
}
