//! Where the index lives: `--index`, else `$PARAGRAF_INDEX`, else the platform
//! data folder; and the bundled sample-data used to build a first index.

use clap::Args;
use std::path::PathBuf;

/// The `--index` option shared by the subcommands that use an index.
#[derive(Debug, Clone, Args)]
pub struct IndexArg {
    /// Index folder [default: the platform data folder, e.g. ~/.local/share/paragraf/index]
    #[arg(long, value_name = "DIR", env = "PARAGRAF_INDEX")]
    pub index: Option<PathBuf>,
}

impl IndexArg {
    /// The index folder to use.
    pub fn resolve(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.index {
            return Ok(dir.clone());
        }
        let dirs =
            directories::ProjectDirs::from("se", "paragraf", "paragraf").ok_or_else(|| {
                anyhow::anyhow!(
                    "no home folder to keep the index in; give --index DIR or set PARAGRAF_INDEX"
                )
            })?;
        Ok(dirs.data_dir().join("index"))
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
