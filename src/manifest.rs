//! The record of what chibo wrote into an output folder, so that a rerun never destroys a
//! clerk's work.
//!
//! Each output folder keeps `.chibo-manifest.json`: for every document chibo wrote there, its
//! path, the SHA-256 of the bytes written, the period and the workbook it came from. On a rerun
//! ([`Guard`]):
//! - a document still as chibo wrote it is replaced;
//! - a document changed since (edited in Word), or one the record does not know (a folder of an
//!   older version, a file someone put there), is left as it is and the new version is written
//!   beside it (`… (bản mới).docx`, `…-ban-moi.docx`); with `--ghi-de` it is first copied to
//!   `ban-da-sua/` and then replaced;
//! - a document of an earlier run that this run no longer produces (a meeting's date corrected)
//!   is moved to `van-ban-cu/`, never deleted.
//!
//! The record holds no time, so the same input gives the same bytes. It is written atomically
//! once the documents are in place; a run stopped before that leaves the previous record, and
//! the documents it did replace then count as edited on the next run: kept, never lost.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::batch::StaleReport;
use crate::diagnostic::Text;
use crate::t;

/// The record's file, at the output folder's root.
pub const MANIFEST_FILE: &str = ".chibo-manifest.json";
/// Where documents no longer produced are moved.
pub const STALE_DIR: &str = "van-ban-cu";
/// Where an edited document is copied before `--ghi-de` replaces it.
pub const BACKUP_DIR: &str = "ban-da-sua";

/// One file chibo wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the output folder, `/`-separated.
    pub file: String,
    /// SHA-256 of the bytes written, lowercase hex.
    pub sha256: String,
    /// The period's code (`2025-Q4`).
    pub period: String,
    /// The workbook it came from, as shown to the user; empty for the committee's outputs.
    pub source: String,
}

/// The record of an output folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The record's format.
    pub chibo_manifest: u32,
    /// By file.
    pub files: Vec<Entry>,
}

impl Manifest {
    /// The record of `out_dir`; an empty one when there is none or it cannot be read (every
    /// document already there then counts as edited: kept).
    #[must_use]
    pub fn read(out_dir: &Path) -> Manifest {
        let Ok(bytes) =
            crate::input::read_at_most(&out_dir.join(MANIFEST_FILE), crate::input::SETTINGS_MAX)
        else {
            return Manifest::default();
        };
        let mut m: Manifest = serde_json::from_slice(&bytes).unwrap_or_default();
        m.files.sort_by(|a, b| a.file.cmp(&b.file));
        m
    }

    /// The entry of `file`.
    #[must_use]
    pub fn get(&self, file: &str) -> Option<&Entry> {
        self.files
            .binary_search_by(|e| e.file.as_str().cmp(file))
            .ok()
            .and_then(|i| self.files.get(i))
    }

    /// The record's bytes: pretty JSON, one entry per file in path order.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }
}

/// SHA-256 of `bytes`, lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

/// SHA-256 of a file's content, lowercase hex, read in pieces: a workbook of any size costs a
/// buffer, not its size in memory (a 1.5 GB file must not take 1.5 GB to be recognised).
///
/// # Errors
/// The file cannot be opened or read.
pub fn file_sha256_hex(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
}

fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Where a new document goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// Nothing chibo must keep is there: write it at its place.
    Here,
    /// An edited document is there: the new version goes to this path instead.
    Beside(String),
    /// An edited document is there and was copied to this path: replace it.
    Overwrite { backup: String },
}

/// Decides, for each document of a run, whether it may be written at its place, and keeps the
/// new record.
#[derive(Debug)]
pub struct Guard {
    out_dir: PathBuf,
    old: Manifest,
    overwrite: bool,
    vietnamese_names: bool,
}

impl Guard {
    /// The guard of `out_dir`, reading its record.
    #[must_use]
    pub fn new(out_dir: &Path, overwrite: bool, vietnamese_names: bool) -> Guard {
        Guard {
            out_dir: out_dir.to_path_buf(),
            old: Manifest::read(out_dir),
            overwrite,
            vietnamese_names,
        }
    }

    /// Where the document `rel` goes. Runs on the render threads: each document reads only its
    /// own file.
    ///
    /// # Errors
    /// A folder on the way is a symbolic link (chibo writes nothing outside its folder).
    pub fn place(&self, rel: &str) -> Result<Place, Text> {
        crate::output::real_parent(&self.out_dir, rel)?;
        let path = self.out_dir.join(rel);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Ok(Place::Here);
        };
        if meta.is_dir() {
            // Not a document: putting the file in place fails and says so.
            return Ok(Place::Here);
        }
        let unchanged = !meta.file_type().is_symlink()
            && self
                .old
                .get(rel)
                .is_some_and(|e| file_sha256_hex(&path).is_ok_and(|h| h == e.sha256));
        if unchanged {
            return Ok(Place::Here);
        }
        if self.overwrite && !meta.file_type().is_symlink() {
            let backup = free_name(&self.out_dir, &format!("{BACKUP_DIR}/{rel}"));
            let to = self.out_dir.join(&backup);
            let copied = crate::output::real_parent(&self.out_dir, &backup).is_ok()
                && std::fs::copy(&path, &to).is_ok();
            if copied {
                return Ok(Place::Overwrite { backup });
            }
        }
        Ok(Place::Beside(self.beside(rel)))
    }

    /// The name of the new version of an edited `rel`.
    fn beside(&self, rel: &str) -> String {
        let (stem, ext) = match rel.rsplit_once('.') {
            Some((s, e)) if !e.contains('/') => (s, format!(".{e}")),
            _ => (rel, String::new()),
        };
        if self.vietnamese_names {
            format!("{stem} (bản mới){ext}")
        } else {
            format!("{stem}-ban-moi{ext}")
        }
    }

    /// Moves aside the documents of earlier runs of `period` that this run no longer produces:
    /// those recorded with a source in `scope` (or the committee's, source empty) and not in
    /// `produced`.
    /// Returns them, and the new record from the old one and `written`.
    pub fn finish(
        &self,
        period: &str,
        scope: &BTreeSet<String>,
        produced: &BTreeSet<String>,
        written: Vec<Entry>,
    ) -> (Vec<StaleReport>, Manifest) {
        let mut files: BTreeMap<String, Entry> = BTreeMap::new();
        let mut stale = Vec::new();
        for e in &self.old.files {
            let in_scope = e.period == period && (e.source.is_empty() || scope.contains(&e.source));
            if in_scope && !produced.contains(&e.file) {
                if std::fs::symlink_metadata(self.out_dir.join(&e.file)).is_ok() {
                    stale.push(self.move_aside(&e.file));
                }
                continue;
            }
            files.insert(e.file.clone(), e.clone());
        }
        for e in written {
            files.insert(e.file.clone(), e);
        }
        let manifest = Manifest {
            chibo_manifest: 1,
            files: files.into_values().collect(),
        };
        (stale, manifest)
    }

    /// The old record with `written` added (nothing moved aside): for a command that writes
    /// only some of the folder's files (`chibo summary`).
    #[must_use]
    pub fn record(&self, written: Vec<Entry>) -> Manifest {
        let mut files: BTreeMap<String, Entry> = self
            .old
            .files
            .iter()
            .map(|e| (e.file.clone(), e.clone()))
            .collect();
        for e in written {
            files.insert(e.file.clone(), e);
        }
        Manifest {
            chibo_manifest: 1,
            files: files.into_values().collect(),
        }
    }

    /// Moves `rel` into the stale folder, under a name not taken yet.
    fn move_aside(&self, rel: &str) -> StaleReport {
        let to = free_name(&self.out_dir, &format!("{STALE_DIR}/{rel}"));
        let moved = crate::output::real_parent(&self.out_dir, &to).is_ok()
            && std::fs::rename(self.out_dir.join(rel), self.out_dir.join(&to)).is_ok();
        StaleReport {
            file: rel.to_string(),
            moved_to: moved.then_some(to),
        }
    }
}

/// `rel`, or `rel` with `-2`, `-3` … before its extension: the first that is not taken in
/// `dir`.
fn free_name(dir: &Path, rel: &str) -> String {
    if std::fs::symlink_metadata(dir.join(rel)).is_err() {
        return rel.to_string();
    }
    let (stem, ext) = match rel.rsplit_once('.') {
        Some((s, e)) if !e.contains('/') => (s, format!(".{e}")),
        _ => (rel, String::new()),
    };
    (2u32..)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|c| std::fs::symlink_metadata(dir.join(c)).is_err())
        .unwrap_or_else(|| rel.to_string())
}

/// The message for a document kept because it was edited.
#[must_use]
pub fn kept_message(file: &str, new_version: &str) -> Text {
    t!("{file} đã được sửa sau lần tạo trước nên được giữ nguyên; bản mới ghi ở {new_version}" ;
       "{file} was edited since chibo wrote it and is kept as it is; the new version is {new_version}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_document_is_kept_and_an_unchanged_one_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.docx"), b"chibo").unwrap();
        std::fs::write(dir.path().join("b.docx"), b"edited").unwrap();
        let m = Manifest {
            chibo_manifest: 1,
            files: ["a.docx", "b.docx"]
                .map(|f| Entry {
                    file: f.into(),
                    sha256: sha256_hex(b"chibo"),
                    period: "2025".into(),
                    source: "x.xlsx".into(),
                })
                .to_vec(),
        };
        std::fs::write(dir.path().join(MANIFEST_FILE), m.to_bytes()).unwrap();
        let g = Guard::new(dir.path(), false, false);
        assert_eq!(g.place("a.docx").unwrap(), Place::Here);
        assert_eq!(
            g.place("b.docx").unwrap(),
            Place::Beside("b-ban-moi.docx".into())
        );
        assert_eq!(g.place("c.docx").unwrap(), Place::Here);
        let g = Guard::new(dir.path(), true, true);
        assert_eq!(
            g.place("b.docx").unwrap(),
            Place::Overwrite {
                backup: "ban-da-sua/b.docx".into()
            }
        );
        assert_eq!(
            std::fs::read(dir.path().join("ban-da-sua/b.docx")).unwrap(),
            b"edited"
        );
        let produced = BTreeSet::from(["b.docx".to_string()]);
        let scope = BTreeSet::from(["x.xlsx".to_string()]);
        let (stale, m) = g.finish("2025", &scope, &produced, Vec::new());
        assert_eq!(
            stale,
            vec![StaleReport {
                file: "a.docx".into(),
                moved_to: Some("van-ban-cu/a.docx".into())
            }]
        );
        assert!(dir.path().join("van-ban-cu/a.docx").is_file());
        assert_eq!(m.files.len(), 1);
    }
}
