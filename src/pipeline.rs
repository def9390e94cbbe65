//! Wires stages 1 and 2 for the commands: find the workbooks of a folder, read them in
//! parallel, build each cell's model. (Being built.)

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Cell;

/// How to load a committee's folder.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// "Today": what counts as held, standings in `check`.
    pub as_of: NaiveDate,
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
}

/// One cell's workbook after reading and building.
#[derive(Debug)]
pub struct LoadedCell {
    /// The workbook's path.
    pub path: PathBuf,
    /// As shown to the user (relative to the input folder, `/` separators).
    pub display: String,
    /// `None` when the file could not be read as a workbook at all.
    pub cell: Option<Cell>,
    /// Every problem of this file, reader and model.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedCell {
    /// The cell can be used for documents: it was read and has no error.
    #[must_use]
    pub fn usable(&self) -> Option<&Cell> {
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            None
        } else {
            self.cell.as_ref()
        }
    }
}

/// A committee folder, loaded.
#[derive(Debug)]
pub struct Committee {
    pub dir: PathBuf,
    pub config: Config,
    /// In a stable order (by display path).
    pub cells: Vec<LoadedCell>,
    /// Problems of the folder or config that belong to no workbook (warnings only; errors stop
    /// the load).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a committee's folder: `chibo.toml`, then every workbook in it and its sub-folders.
///
/// # Errors
/// The tool cannot run: no such folder, or an invalid `chibo.toml` (every problem of it).
pub fn load(dir: &Path, _options: &LoadOptions) -> Result<Committee, Vec<Diagnostic>> {
    let config = Config::load(dir)?;
    Ok(Committee {
        dir: dir.to_path_buf(),
        config,
        cells: Vec::new(),
        diagnostics: Vec::new(),
    })
}
