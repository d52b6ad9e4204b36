//! Where the index lives: `--index`, else `$PARAGRAF_INDEX`, else the platform
//! data folder; and the demo index of the bundled sample-data, which the
//! reading commands use before the user has an index of their own.
//!
//! The demo index is a folder of its own (`demo-index-N` beside the default
//! `index`, N the parser version, so an upgraded parser makes it anew),
//! built from `sample-data/` the first time it is needed: a
//! user's first `paragraf index ARCHIVE` starts an empty index of their
//! own, with nothing of the demo in it, and a search never writes to the
//! user's index. An index folder given by name (`--index`,
//! `$PARAGRAF_INDEX`) is never replaced by the demo: when it is missing,
//! the command says so and fails.

use anyhow::{Context, Result, bail};
use clap::Args;
use paragraf::index::Index;
use std::path::{Path, PathBuf};

/// The `--index` option shared by the subcommands that use an index.
#[derive(Debug, Clone, Args)]
pub struct IndexArg {
    /// Index folder [default: the platform data folder, e.g. ~/.local/share/paragraf/index]
    #[arg(short = 'i', long, value_name = "DIR", env = "PARAGRAF_INDEX")]
    pub index: Option<PathBuf>,
}

/// The index folder a command uses, and whether the user named it.
#[derive(Debug, Clone)]
pub struct IndexLocation {
    /// The folder.
    pub dir: PathBuf,
    /// Named with `--index` or `$PARAGRAF_INDEX` (else the platform default).
    pub given: bool,
}

/// The platform data folder of paragraf (`~/.local/share/paragraf` on Linux).
fn data_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("se", "paragraf", "paragraf").ok_or_else(|| {
        anyhow::anyhow!(
            "no home folder to keep the index in; give --index DIR or set PARAGRAF_INDEX"
        )
    })?;
    Ok(dirs.data_dir().to_path_buf())
}

impl IndexArg {
    /// The index folder to use.
    pub fn resolve(&self) -> Result<PathBuf> {
        Ok(self.location()?.dir)
    }

    /// The index folder to use, and how it was chosen.
    pub fn location(&self) -> Result<IndexLocation> {
        Ok(match &self.index {
            Some(dir) => IndexLocation {
                dir: dir.clone(),
                given: true,
            },
            None => IndexLocation {
                dir: data_dir()?.join("index"),
                given: false,
            },
        })
    }
}

/// An index opened for a command that only reads it.
pub struct Reading {
    /// The index.
    pub index: Index,
    /// What a printed `paragraf show` line must add to reach this index:
    /// the folder when the user named it, nothing for the default (or the
    /// demo, which `show` falls back to as `search` does).
    pub index_option: Option<PathBuf>,
}

/// True if `dir` is missing or an empty folder: no index there yet.
fn no_index_at(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Opens the index at `loc` for a command that must not use the demo
/// (`watch`, `export`): a missing one is an error saying how to build it.
pub fn open_existing(loc: &IndexLocation) -> Result<Index> {
    if no_index_at(&loc.dir) {
        bail!("{}", missing(loc));
    }
    Index::open(&loc.dir).with_context(|| format!("opening the index at {}", loc.dir.display()))
}

fn missing(loc: &IndexLocation) -> String {
    let dir = loc.dir.display();
    if loc.given {
        format!("no index at {dir}: build one with `paragraf index ARCHIVE --index {dir}`")
    } else {
        format!("no index yet at {dir}: build one with `paragraf index ARCHIVE`")
    }
}

/// Opens the index at `loc` for `search`, `show` or `case`. Before the user
/// has an index at the default place, the demo index of the bundled
/// sample-data, saying so; a folder the user named must hold an index.
pub fn open_for_reading(loc: &IndexLocation) -> Result<Reading> {
    let index_option = loc.given.then(|| loc.dir.clone());
    if loc.given || !no_index_at(&loc.dir) {
        return Ok(Reading {
            index: open_existing(loc)?,
            index_option,
        });
    }
    let Some(sample) = bundled_sample_data() else {
        bail!("{}", missing(loc));
    };
    let demo = data_dir()?.join(format!("demo-index-{}", paragraf::protocol::PARSER_VERSION));
    eprintln!(
        "paragraf: no index yet at {} (`paragraf index ARCHIVE` builds yours): \
         searching the demo index of the bundled sample-data",
        loc.dir.display()
    );
    Ok(Reading {
        index: open_demo(&demo, &sample)?,
        index_option,
    })
}

/// Opens the demo index in `dir`, building it from `sample` first when it
/// is missing or cannot be opened (made by another version of paragraf).
/// It is built in a folder beside and renamed into place, so a search
/// running meanwhile sees the old demo or the new one.
fn open_demo(dir: &Path, sample: &Path) -> Result<Index> {
    if !no_index_at(dir)
        && let Ok(index) = Index::open(dir)
    {
        return Ok(index);
    }
    eprintln!(
        "paragraf: building the demo index of {} in {}",
        sample.display(),
        dir.display()
    );
    let parent = dir.parent().unwrap_or(Path::new("."));
    let work = parent.join(format!("demo-index.new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let result = build_demo(dir, sample, &work);
    let _ = std::fs::remove_dir_all(&work);
    result?;
    remove_other_demos(parent, dir);
    Index::open(dir).with_context(|| format!("opening the demo index at {}", dir.display()))
}

/// Builds the demo index in `work` and renames it to `dir`.
fn build_demo(dir: &Path, sample: &Path, work: &Path) -> Result<()> {
    let built = work.join("index");
    {
        let index = Index::create(&built)?;
        index.sync(sample)?;
    }
    if dir.exists() {
        // Moved aside first: a rename cannot replace a folder that is not empty.
        std::fs::rename(dir, work.join("old"))
            .with_context(|| format!("replacing {}", dir.display()))?;
    }
    // Another search may have built it meanwhile: then that one is used.
    if std::fs::rename(&built, dir).is_err() && no_index_at(dir) {
        bail!("cannot build the demo index in {}", dir.display());
    }
    Ok(())
}

/// Removes the demo indexes of other parser versions beside `kept`.
fn remove_other_demos(parent: &Path, kept: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let demo = name == "demo-index"
            || name
                .strip_prefix("demo-index-")
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
        if demo && path != kept {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The sample-data bundled with paragraf: the source tree's copy when run
/// from it (`cargo run`), else `./sample-data`.
pub fn bundled_sample_data() -> Option<PathBuf> {
    [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data"),
        PathBuf::from("sample-data"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}
