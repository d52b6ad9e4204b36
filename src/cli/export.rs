//! `paragraf export --ndjson`: every § with its meeting, one line each.

use super::location::{IndexArg, IndexLocation, open_existing};
use anyhow::{Context, Result, bail};
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Arguments of `paragraf export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write NDJSON: one JSON document per §, with the index-schema/ fields
    /// and a `record` holding the meeting and the §.
    #[arg(long, required = true)]
    ndjson: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    index: IndexArg,
}

/// The resolved configuration of `paragraf export`.
#[derive(Debug)]
pub struct ExportConfig {
    /// Index folder.
    pub index: IndexLocation,
    /// Output file, or standard output.
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<ExportConfig> {
        debug_assert!(self.ndjson);
        Ok(ExportConfig {
            index: self.index.location()?,
            output: self.output,
        })
    }
}

/// Runs `paragraf export`.
pub fn run(cfg: ExportConfig) -> Result<u8> {
    let index = open_existing(&cfg.index)?;
    let lines = match &cfg.output {
        Some(path) => {
            let n = write_to(path, &mut |out| {
                index.export_ndjson(out).map_err(|e| named(e, path))
            })?;
            eprintln!("paragraf: exported {n} § to {}", path.display());
            n
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let n = index.export_ndjson(&mut out)?;
            out.flush()?;
            n
        }
    };
    Ok(if lines > 0 {
        super::exit::FOUND
    } else {
        super::exit::NOTHING
    })
}

/// A failed write of the export, named by its file (the library, writing
/// to any writer, can only say "the export").
fn named(e: paragraf::Error, path: &Path) -> anyhow::Error {
    match e {
        paragraf::Error::Write { source, .. } => {
            anyhow::Error::new(source).context(format!("cannot write {}", path.display()))
        }
        e => e.into(),
    }
}

/// Writes what `write` produces to `path`. A regular file (or a new one) is
/// replaced whole: written beside it and renamed over it once complete, so
/// a failed export leaves the old file (and no temporary one). Anything
/// else (a FIFO, a device such as /dev/null, a terminal) is written
/// through, never replaced; a symbolic link is followed to its target.
fn write_to(path: &Path, write: &mut dyn FnMut(&mut dyn Write) -> Result<u64>) -> Result<u64> {
    let meta = std::fs::symlink_metadata(path).ok();
    if let Some(m) = &meta {
        if m.file_type().is_symlink() {
            return match std::fs::canonicalize(path) {
                Ok(target) => write_to(&target, write),
                // A link to nothing yet: the file is made where it points.
                Err(_) => write_through(path, write),
            };
        }
        if m.is_dir() {
            bail!(
                "{}: is a folder; give the name of a file to write",
                path.display()
            );
        }
        if !m.is_file() {
            return write_through(path, write);
        }
    }
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".paragraf-{}.tmp", std::process::id()));
    let tmp = TempFile(path.with_file_name(tmp_name));
    let file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&tmp.0)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = BufWriter::new(file);
    let n = write(&mut out)?;
    out.into_inner()
        .map_err(|e| e.into_error())
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::rename(&tmp.0, path).with_context(|| format!("cannot write {}", path.display()))?;
    std::mem::forget(tmp);
    Ok(n)
}

fn write_through(path: &Path, write: &mut dyn FnMut(&mut dyn Write) -> Result<u64>) -> Result<u64> {
    let file = std::fs::File::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = BufWriter::new(file);
    let n = write(&mut out)?;
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(n)
}

/// A temporary file, removed when dropped (a failed export).
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
