//! Wires stages 1 and 2 for the commands: find the workbooks of a folder, read them in
//! parallel, build each cell's model: all at once ([`load`], for `check`), or a window at a
//! time ([`Folder::stream`], for `run` and `summary`, which drop each window's models once
//! they are done with them).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::Cell;
use crate::t;
use crate::workbook::{ReadOptions, Skip, discover, read_workbook};

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
    /// Sheets of the workbook that matched no known kind (shown by `check -v`).
    pub ignored_sheets: Vec<String>,
    /// The rules the workbook was read by, when they are not the folder's
    /// ([`Folder::rules_by_data`]).
    pub read_by: Option<ReadBy>,
}

/// The rules of a year other than the folder's that a workbook was read by.
#[derive(Clone, Debug)]
pub struct ReadBy {
    /// The year of its data ([`data_year`]).
    pub year: i32,
    /// [`Config::rules_line`] of that year.
    pub rules: crate::diagnostic::Text,
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

/// A committee's folder, opened: its config read and its workbooks found, none read yet.
#[derive(Debug)]
pub struct Folder {
    pub dir: PathBuf,
    pub config: Config,
    /// The workbooks: path, and the path shown to the user, in display order.
    pub files: Vec<(PathBuf, String)>,
    /// Problems of the folder or config that belong to no workbook (warnings only).
    pub diagnostics: Vec<Diagnostic>,
    /// Each workbook is read by the rules of its own year ([`data_year`]) where the scheme
    /// follows the year: `check`, which has no period, sets it.
    pub rules_by_data: bool,
}

/// Checks that `dir` is a folder and reads its `chibo.toml`.
///
/// # Errors
/// No such folder, a file instead of a folder, or an invalid `chibo.toml`.
pub fn open_config(dir: &Path) -> Result<Config, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    if !dir.exists() {
        return Err(vec![
            Diagnostic::error(
                "input.no_dir",
                Location::file(shown.clone()),
                t!("không có thư mục «{shown}»" ; "no such folder «{shown}»"),
            )
            .with_hint(
                t!("kiểm tra đường dẫn tới thư mục chứa các sổ Excel của chi bộ" ;
                          "check the path of the folder holding the cells' workbooks"),
            ),
        ]);
    }
    if !dir.is_dir() {
        return Err(vec![
            Diagnostic::error(
                "input.not_dir",
                Location::file(shown.clone()),
                t!("«{shown}» là một tệp, không phải thư mục" ; "«{shown}» is a file, not a folder"),
            )
            .with_hint(t!("chỉ ra thư mục chứa tệp này, không phải chính tệp" ;
                          "name the folder that holds the file, not the file itself")),
        ]);
    }
    let config = Config::load(dir)?;
    if let Some(problem) = crate::workbook::too_many_aliases(&config) {
        return Err(vec![problem]);
    }
    Ok(config)
}

/// Opens a committee's folder: `chibo.toml`, then the list of every workbook in it and its
/// sub-folders (the output and templates folders, `out` when given, and `chibo init`'s blank
/// form and backup folder excepted, each workbook so left out named in a warning). Two files with the same bytes
/// are one workbook: the second is left out with a warning naming both.
///
/// # Errors
/// The tool cannot run: no such folder, or an invalid `chibo.toml` (every problem of it).
pub fn open(dir: &Path, out: Option<&Path>) -> Result<Folder, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    let config = open_config(dir)?;
    let output = dir.join(crate::output::safe_relative_path(&config.dau_ra.thu_muc));
    let templates = dir.join(crate::output::safe_relative_path(&config.dau_ra.mau));
    let form = dir.join(crate::xlsx::form::FORM_FILE);
    // `init --force` keeps there the files it replaced: chibo's own copies, never cells.
    let backups = dir.join(crate::commands::init::BACKUP_DIR);
    let mut skip = vec![
        Skip::output(output.as_path()),
        Skip::templates(templates.as_path()),
        Skip::quiet(form.as_path()),
        Skip::quiet(backups.as_path()),
    ];
    if let Some(out) = out {
        skip.push(Skip::output(out));
    }
    let (files, mut diagnostics) = discover(dir, &skip);
    let files = drop_identical(files, &mut diagnostics);
    if files.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                "input.no_workbook",
                Location::file(shown.clone()),
                t!("thư mục «{shown}» không có sổ Excel nào (.xlsx, .xls, .ods)" ;
                   "folder «{shown}» holds no workbook (.xlsx, .xls, .ods)"),
            )
            .with_hint(t!("chép sổ của các chi bộ vào thư mục này; `chibo init` tạo một sổ mẫu" ;
                          "copy the cells' workbooks into this folder; `chibo init` writes a blank form")),
        );
    }
    Ok(Folder {
        dir: dir.to_path_buf(),
        config,
        files,
        diagnostics,
        rules_by_data: false,
    })
}

/// The workbooks with the same bytes as an earlier one (a file downloaded twice,
/// `chi-bo-1 (1).xlsx`) left out, each with a warning naming both files: one cell is one cell.
fn drop_identical(
    files: Vec<(PathBuf, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let hashes: Vec<Option<String>> = files
        .par_iter()
        .map(|(path, _)| crate::manifest::file_sha256_hex(path).ok())
        .collect();
    // The copy kept of each content: the shortest name (`chi-bo-1.xlsx` rather than
    // `chi-bo-1 (1).xlsx`), then the first in display order.
    let mut kept: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for ((_, display), hash) in files.iter().zip(&hashes) {
        if let Some(hash) = hash {
            let k = kept.entry(hash.as_str()).or_insert(display.as_str());
            if display.len() < k.len() {
                *k = display.as_str();
            }
        }
    }
    let mut keep = vec![true; files.len()];
    for (i, ((_, display), hash)) in files.iter().zip(&hashes).enumerate() {
        let Some(&kept) = hash.as_ref().and_then(|h| kept.get(h.as_str())) else {
            continue;
        };
        if kept == display {
            continue;
        }
        if let Some(k) = keep.get_mut(i) {
            *k = false;
        }
        diagnostics.push(
            Diagnostic::warning(
                "input.duplicate_file",
                Location::file(display.clone()),
                t!("sổ {display} giống hệt sổ {kept}: chỉ đọc một lần (một chi bộ là một chi bộ)" ;
                   "{display} is identical to {kept}: read once (one cell is one cell)"),
            )
            .with_hint(t!("xóa bản thừa ({display}) khỏi thư mục" ;
                          "delete the extra copy ({display}) from the folder")),
        );
    }
    files
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

/// A pool of `jobs` worker threads (`None`: one per core); `None` when no thread can be
/// started (resource limits), and the work then runs on the calling thread.
#[must_use]
pub fn pool(jobs: Option<usize>) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .ok()
}

/// How many workbooks [`Folder::stream`] reads at a time per worker thread of `pool`: a
/// window is read in parallel, used, then its models dropped, so memory holds one window, not
/// the committee. 16 per thread measured best on 1,000 cells (4: 70 MB, 16: 60 MB, 64: 88 MB;
/// docs/decisions.md).
#[must_use]
pub fn window(pool: Option<&rayon::ThreadPool>) -> usize {
    const PER_THREAD: usize = 16;
    PER_THREAD * pool.map_or(1, rayon::ThreadPool::current_num_threads)
}

/// Runs `work` in `pool` (or on this thread without one).
pub fn in_pool<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

impl Folder {
    /// Reads and builds the workbooks `files[range]` in parallel (in the current pool); they
    /// come back in display order whatever order the threads finish in.
    fn read(&self, range: std::ops::Range<usize>, as_of: NaiveDate) -> Vec<LoadedCell> {
        let read_options = ReadOptions::from_config(&self.config);
        let files = self.files.get(range).unwrap_or_default();
        files
            .par_iter()
            .map(|(path, display)| {
                let mut lc = load_one(path, display, &read_options, &self.config, as_of);
                if self.rules_by_data {
                    self.reread_by_its_year(&mut lc, as_of);
                }
                lc
            })
            .collect()
    }

    /// Reads `lc` again by the rules of its own year when they differ from the folder's (another
    /// guideline or scheme; the same rules of an earlier year are not read again): a
    /// 2025 workbook checked in January 2026 is read by the 2025 scheme, as
    /// `run --period 2025` reads it, instead of failing on the 2026 scheme's columns.
    fn reread_by_its_year(&self, lc: &mut LoadedCell, as_of: NaiveDate) {
        if !self.config.scheme_by_year() {
            return;
        }
        let Some(year) = lc.cell.as_ref().and_then(|c| data_year(c, as_of)) else {
            return;
        };
        // The scheme follows the year's guideline: the same guideline, the same rules.
        if self.config.guideline() == Some(crate::config::Guideline::of_year(year)) {
            return;
        }
        let theirs = self.config.clone().for_year(year);
        let rules = theirs.rules_line();
        let read_options = ReadOptions::from_config(&theirs);
        *lc = load_one(&lc.path, &lc.display, &read_options, &theirs, as_of);
        lc.read_by = Some(ReadBy { year, rules });
    }

    /// Reads every workbook and keeps them all ([`load`]).
    #[must_use]
    pub fn read_all(self, options: &LoadOptions) -> Committee {
        let pool = pool(options.jobs);
        let cells = in_pool(pool.as_ref(), || {
            self.read(0..self.files.len(), options.as_of)
        });
        Committee {
            dir: self.dir,
            config: self.config,
            cells,
            diagnostics: self.diagnostics,
        }
    }

    /// Reads the workbooks `window` at a time (each window in parallel in `pool`) and hands
    /// each window to `each`, in display order; a window is dropped before the next is read,
    /// so at most `window` cells' models are in memory whatever the size of the committee.
    /// (Reading the next window while `each` works on the current one saved no time on two
    /// cores and raised the peak memory by half: docs/performance.md.)
    pub fn stream(
        &self,
        as_of: NaiveDate,
        pool: Option<&rayon::ThreadPool>,
        window: usize,
        mut each: impl FnMut(Vec<LoadedCell>),
    ) {
        let window = window.max(1);
        let mut start = 0;
        while start < self.files.len() {
            let end = (start + window).min(self.files.len());
            each(in_pool(pool, || self.read(start..end, as_of)));
            start = end;
        }
    }
}

/// Loads a committee's folder: `chibo.toml`, then every workbook in it and its sub-folders
/// (the output and templates folders excepted), read and built in parallel; the cells come
/// back in display order whatever order the threads finish in.
///
/// # Errors
/// The tool cannot run: no such folder, or an invalid `chibo.toml` (every problem of it).
pub fn load(dir: &Path, options: &LoadOptions) -> Result<Committee, Vec<Diagnostic>> {
    let mut folder = open(dir, None)?;
    // As `check`: the rules of `as_of`'s year (docs/rules.md).
    folder.config = folder
        .config
        .for_year(chrono::Datelike::year(&options.as_of));
    Ok(folder.read_all(options))
}

/// The year of a workbook's data: that of its last meeting on or before `as_of`, or, in a
/// workbook that only plans meetings after it (next year's, prepared in December), of the
/// first of those.
#[must_use]
pub fn data_year(cell: &Cell, as_of: NaiveDate) -> Option<i32> {
    let dates = || cell.meetings.iter().map(|m| m.date);
    let last_held = dates().filter(|d| *d <= as_of).max();
    let first_planned = || dates().filter(|d| *d > as_of).min();
    last_held
        .or_else(first_planned)
        .map(|d| chrono::Datelike::year(&d))
}

/// Reads and builds one workbook.
fn load_one(
    path: &Path,
    display: &str,
    read_options: &ReadOptions,
    config: &Config,
    as_of: NaiveDate,
) -> LoadedCell {
    let outcome = read_workbook(path, display, read_options);
    let mut diagnostics = outcome.diagnostics;
    let (cell, ignored_sheets) = match outcome.workbook {
        Some(raw) => {
            // A panic while building one cell costs that cell, reported against its file.
            let built = crate::diagnostic::panics::in_file(display, || {
                crate::model::build_cell(&raw, config, as_of)
            });
            match built {
                Ok((cell, more)) => {
                    diagnostics.extend(more);
                    (Some(cell), raw.ignored_sheets)
                }
                Err(why) => {
                    diagnostics.push(crate::diagnostic::internal_error(display, why));
                    (None, Vec::new())
                }
            }
        }
        None => (None, Vec::new()),
    };
    LoadedCell {
        path: path.to_path_buf(),
        display: display.to_string(),
        cell,
        diagnostics,
        ignored_sheets,
        read_by: None,
    }
}
