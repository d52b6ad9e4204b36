//! Folder metadata: a `paragraf.toml` in an archive folder names the
//! organisation and organ of the files below it and overrides inference.
//!
//! ```toml
//! organisation = "Region Örebro län"
//! organ = "Regionstyrelsens arbetsutskott"
//! ```
//!
//! Files nearer to a protocol win over files further up, key by key.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name of the folder configuration file.
pub const FILE_NAME: &str = "paragraf.toml";

/// Organisation and organ for the protocols in a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderMeta {
    /// Organisation, e.g. "Göteborgs Stad".
    pub organisation: Option<String>,
    /// Organ, e.g. "Kommunstyrelsen".
    pub organ: Option<String>,
}

impl FolderMeta {
    /// Reads one `paragraf.toml`.
    pub fn load(path: &Path) -> Result<FolderMeta> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            line: e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().to_string(),
        })
    }

    /// Fills what `self` leaves open from `outer` (a folder further up).
    pub fn or(self, outer: &FolderMeta) -> FolderMeta {
        FolderMeta {
            organisation: self.organisation.or_else(|| outer.organisation.clone()),
            organ: self.organ.or_else(|| outer.organ.clone()),
        }
    }

    /// The merged configuration for `file`, reading `paragraf.toml` in every
    /// folder from `root` down to the file's own folder. `root` must be an
    /// ancestor of `file` (or its folder); otherwise only the file's folder is read.
    pub fn for_file(file: &Path, root: &Path) -> Result<FolderMeta> {
        let dir = file.parent().unwrap_or(Path::new("."));
        let mut dirs: Vec<PathBuf> = Vec::new();
        for d in dir.ancestors() {
            dirs.push(d.to_path_buf());
            if d == root || d.as_os_str().is_empty() {
                break;
            }
        }
        if !dir.starts_with(root) {
            dirs.truncate(1);
        }
        let mut meta = FolderMeta::default();
        for d in &dirs {
            let p = d.join(FILE_NAME);
            if p.is_file() {
                meta = meta.or(&FolderMeta::load(&p)?);
            }
        }
        Ok(meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearer_file_wins_key_by_key() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("ks/2024")).unwrap();
        std::fs::write(
            root.join(FILE_NAME),
            "organisation = \"Göteborgs Stad\"\norgan = \"X\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("ks").join(FILE_NAME),
            "organ = \"Kommunstyrelsen\"\n",
        )
        .unwrap();
        let m = FolderMeta::for_file(&root.join("ks/2024/a.txt"), root).unwrap();
        assert_eq!(m.organisation.as_deref(), Some("Göteborgs Stad"));
        assert_eq!(m.organ.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn bad_config_names_file_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join(FILE_NAME);
        std::fs::write(&p, "organisation = \"A\"\norgn = \"B\"\n").unwrap();
        let e = FolderMeta::load(&p).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("paragraf.toml:2:"), "{msg}");
        assert!(e.is_user_error());
    }
}
