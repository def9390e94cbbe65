//! calamine → [`RawWorkbook`](super::RawWorkbook). (Being built.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::schema::{Col, SheetKind};

use super::ReadOutcome;

/// Limits that keep a hostile or broken file from exhausting memory.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Rows a sheet may declare (its used range).
    pub max_rows: u32,
    /// Columns a sheet may declare.
    pub max_cols: u32,
    /// Total uncompressed bytes of an `.xlsx`/`.ods` package.
    pub max_unzipped_bytes: u64,
    /// Entries in an `.xlsx`/`.ods` package.
    pub max_zip_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_rows: 100_000,
            max_cols: 1_000,
            max_unzipped_bytes: 512 * 1024 * 1024,
            max_zip_entries: 10_000,
        }
    }
}

/// What the reader needs besides the file.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Extra sheet names per kind, folded without spaces.
    pub sheet_aliases: BTreeMap<SheetKind, Vec<String>>,
    /// Extra header names per column, folded.
    pub column_aliases: BTreeMap<Col, Vec<String>>,
    /// The titles of the configured scoring scheme's groups, in order.
    pub group_titles: Vec<String>,
    pub limits: Limits,
}

impl ReadOptions {
    /// The options a committee's config implies.
    #[must_use]
    pub fn from_config(_config: &Config) -> Self {
        Self::default()
    }
}

/// Reads one workbook. `display` is the path shown in messages. Never panics; every problem
/// is a diagnostic in the outcome.
#[must_use]
pub fn read_workbook(_path: &Path, _display: &str, _options: &ReadOptions) -> ReadOutcome {
    ReadOutcome {
        workbook: None,
        diagnostics: Vec::new(),
    }
}

/// Every workbook under `dir` (sub-folders too), skipping lock files (`~$…`), hidden files and
/// folders, and the folders in `skip`; sorted by the display path (relative, `/` separators).
#[must_use]
pub fn discover(
    _dir: &Path,
    _skip: &[&Path],
) -> (
    Vec<(std::path::PathBuf, String)>,
    Vec<crate::diagnostic::Diagnostic>,
) {
    (Vec::new(), Vec::new())
}
