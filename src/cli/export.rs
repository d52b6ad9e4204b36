//! `paragraf export --ndjson`: every § with its meeting, one line each.

use super::location::IndexArg;
use anyhow::{Context, Result};
use clap::Args;
use paragraf::index::Index;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

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
    pub index: PathBuf,
    /// Output file, or standard output.
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<ExportConfig> {
        debug_assert!(self.ndjson);
        Ok(ExportConfig {
            index: self.index.resolve()?,
            output: self.output,
        })
    }
}

/// Runs `paragraf export`.
pub fn run(cfg: ExportConfig) -> Result<u8> {
    let index = Index::open(&cfg.index)
        .with_context(|| format!("opening the index at {}", cfg.index.display()))?;
    let lines = match &cfg.output {
        Some(path) => {
            // Written beside the target and renamed, so a failed export
            // leaves no half file under the name.
            let tmp = path.with_extension("ndjson.tmp");
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let mut out = BufWriter::new(file);
            let n = index.export_ndjson(&mut out)?;
            out.into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| f.sync_all())
                .with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
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
