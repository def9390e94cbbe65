//! The committee's batches as library calls: [`run`] (every document of a period and the
//! consolidated workbook), [`summary`] (the workbook alone) and [`check`] (read and validate,
//! produce nothing).
//!
//! Each takes its options and a [`Progress`] sink and returns a report of everything it did:
//! what was read, produced, kept because someone edited it, moved aside as stale, skipped, and
//! every diagnostic. Nothing here prints: the command line (`chibo run`, `check`, `summary`)
//! and the local web page both turn the report into what their user reads. A call that cannot
//! run at all (no such folder, a broken template, an output folder that cannot be written, a
//! second run into the same folder) returns a [`Failure`] instead.
//!
//! ```no_run
//! use chibo::batch::{self, Event, RunOptions};
//! let options = RunOptions::new("committee", "2025-Q4", chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
//! let report = batch::run(&options, &|e: &Event| eprintln!("{e:?}"));
//! ```

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Text};
use crate::model::AttendanceSource;

pub use crate::commands::check::execute as check;
pub use crate::commands::run::execute as run;
pub use crate::commands::summary::execute as summary;

/// What a batch tells its caller while it works, in this order: `Started`, then `Read` after
/// each window of workbooks, then `Writing` once before the documents are put in place.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// The folder is open: `workbooks` will be read.
    Started { workbooks: usize },
    /// `read` of `total` workbooks are done; `documents` documents rendered so far.
    Read {
        read: usize,
        total: usize,
        documents: usize,
    },
    /// Every document is rendered; they are being put in place.
    Writing,
}

/// Where a batch reports its progress. Called from the thread that runs the batch; `Send +
/// Sync` so that a web server can forward the events to another thread (as server-sent events).
/// Any `Fn(&Event) + Send + Sync` closure is one.
pub trait Progress: Send + Sync {
    /// One step of the batch.
    fn event(&self, event: &Event);
}

impl<F: Fn(&Event) + Send + Sync> Progress for F {
    fn event(&self, event: &Event) {
        self(event);
    }
}

/// A sink that ignores every event.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn event(&self, _: &Event) {}
}

/// What [`run`] and [`summary`] are asked to do.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The committee's folder (`chibo.toml` and the cells' workbooks).
    pub dir: PathBuf,
    /// The period, as the user writes it: `2025-03`, `2025-Q1`, `quý I/2025`, `2025` …
    pub period: String,
    /// "Today" for every computation.
    pub as_of: NaiveDate,
    /// The output folder; `None`: `<dir>/<[dau_ra] thu_muc>/<period code>`.
    pub out: Option<PathBuf>,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    /// Only these cells' documents (by name, file name or folder name); empty: every cell.
    pub cells: Vec<String>,
    /// Replace documents edited since chibo wrote them (each edited one is first copied to the
    /// backup folder); `false`: keep them and write the new version beside.
    pub overwrite_edited: bool,
    /// Only these document kinds (`run --van-ban`: keys of [`crate::view::registry::KINDS`],
    /// `ke_hoach`, `bien_ban`, `bao_cao_quy` …); empty: `[dau_ra] van_ban` of the config.
    pub documents: Vec<String>,
}

impl RunOptions {
    /// Every cell, the default output folder, one thread per core, edited documents kept.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>, period: impl Into<String>, as_of: NaiveDate) -> Self {
        RunOptions {
            dir: dir.into(),
            period: period.into(),
            as_of,
            out: None,
            jobs: None,
            cells: Vec::new(),
            overwrite_edited: false,
            documents: Vec::new(),
        }
    }
}

/// A batch that could not run: nothing (or nothing more) was produced.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The one sentence the user reads.
    pub message: Text,
    /// The problems behind it (a config's, a template's), each with its place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub(crate) fn new(message: Text) -> Self {
        Failure {
            message,
            diagnostics: Vec::new(),
        }
    }
}

/// One workbook the batch read.
#[derive(Clone, Debug)]
pub struct WorkbookReport {
    /// As shown to the user (relative to the committee's folder, `/` separators).
    pub file: String,
    /// The cell, when its documents were made (`None`: skipped).
    pub cell: Option<CellReport>,
    /// Every problem of the workbook (warnings only for a used cell).
    pub diagnostics: Vec<Diagnostic>,
}

/// A cell whose documents were made.
#[derive(Clone, Debug)]
pub struct CellReport {
    pub name: String,
    /// Its folder in the output folder (`/`-free).
    pub folder: String,
    pub people: usize,
    pub meetings: usize,
    /// Its documents were asked for in this run (always, but with `--chi-bo`).
    pub produced: bool,
}

/// One document (or the consolidated workbook) and what became of it.
#[derive(Clone, Debug)]
pub struct DocumentReport {
    /// Relative to the output folder, `/`-separated: where chibo meant to write it.
    pub file: String,
    /// The workbook it comes from (index in [`RunReport::workbooks`]); `None`: the committee's.
    pub workbook: Option<usize>,
    pub status: DocumentStatus,
}

/// What became of a document.
#[derive(Clone, Debug)]
pub enum DocumentStatus {
    /// Written (new, or replacing the one chibo wrote before).
    Written,
    /// The file at its place was edited since chibo wrote it (or chibo has no record of it): it
    /// was left as it is and the new version written beside it, at `new_version`.
    KeptEdited { new_version: String },
    /// The edited file was replaced, as asked; it was first copied to `backup`.
    OverwroteEdited { backup: String },
    /// The template could not be filled.
    RenderFailed(Vec<Diagnostic>),
    /// The file could not be written.
    WriteFailed(Text),
}

impl DocumentStatus {
    /// A version of the document is on disk from this run.
    #[must_use]
    pub fn is_written(&self) -> bool {
        !matches!(self, Self::RenderFailed(_) | Self::WriteFailed(_))
    }
}

/// A document an earlier run wrote that this run no longer produces, moved aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleReport {
    /// Where it was, relative to the output folder.
    pub file: String,
    /// Where it is now (`None`: it could not be moved and stays where it was).
    pub moved_to: Option<String>,
}

/// Everything [`run`] did.
#[derive(Clone, Debug)]
pub struct RunReport {
    /// The period's code (`2025-Q4`) and its Vietnamese and English labels.
    pub period_code: String,
    pub period_label: Text,
    pub as_of: NaiveDate,
    /// Which rules apply to the period: its guideline and scoring scheme
    /// ([`crate::config::Config::rules_line`]).
    pub rules: Text,
    pub out_dir: PathBuf,
    /// Every workbook, in display order.
    pub workbooks: Vec<WorkbookReport>,
    /// Every document, the committee's report and the consolidated workbook last.
    pub documents: Vec<DocumentReport>,
    /// Documents of earlier runs moved to the stale folder.
    pub stale: Vec<StaleReport>,
    /// Problems of the folder, the config or the run that belong to no workbook.
    pub diagnostics: Vec<Diagnostic>,
    /// Problems of the run itself (the log or the record could not be written …).
    pub problems: Vec<Text>,
    /// `0` done, `1` some data had errors or some output failed or was kept, `2` nothing usable.
    pub exit_code: u8,
}

impl RunReport {
    /// The workbooks skipped for errors in their data.
    pub fn skipped(&self) -> impl Iterator<Item = &WorkbookReport> {
        self.workbooks.iter().filter(|w| w.cell.is_none())
    }

    /// The documents kept because they were edited.
    pub fn kept(&self) -> impl Iterator<Item = (&DocumentReport, &str)> {
        self.documents.iter().filter_map(|d| match &d.status {
            DocumentStatus::KeptEdited { new_version } => Some((d, new_version.as_str())),
            _ => None,
        })
    }
}

/// Everything [`summary`] did.
#[derive(Clone, Debug)]
pub struct SummaryReport {
    pub period_label: Text,
    /// The consolidated workbook.
    pub path: PathBuf,
    /// What became of it.
    pub status: DocumentStatus,
    /// Cells consolidated, and the flags raised on them.
    pub cells: usize,
    pub flags: usize,
    /// Every workbook, in display order.
    pub workbooks: Vec<WorkbookReport>,
    pub diagnostics: Vec<Diagnostic>,
    pub exit_code: u8,
}

/// What [`check`] is asked to do.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub dir: PathBuf,
    /// "Today": standings and what counts as held.
    pub as_of: NaiveDate,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
}

/// One workbook as [`check`] saw it.
#[derive(Clone, Debug)]
pub struct CheckedWorkbook {
    pub file: String,
    /// `None`: the file could not be read as a workbook.
    pub cell: Option<CellCounts>,
    pub diagnostics: Vec<Diagnostic>,
    /// Sheets that matched no known kind.
    pub ignored_sheets: Vec<String>,
    /// The rules it was read by, when not those of the report's year (a workbook of last
    /// year checked in January: `crate::pipeline::ReadBy`).
    pub rules: Option<crate::diagnostic::Text>,
}

impl CheckedWorkbook {
    /// The cell's documents can be made: it was read and has no error.
    #[must_use]
    pub fn usable(&self) -> bool {
        self.cell.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The figures `check` shows for a cell.
#[derive(Clone, Debug)]
pub struct CellCounts {
    pub name: String,
    /// People on `as_of`: full members, probationary, exempted, non-members, off the rolls.
    pub standing: [usize; 5],
    pub held: usize,
    pub planned: usize,
    pub postponed: usize,
    /// Held meetings with attendance data.
    pub covered: usize,
    pub attendance_source: AttendanceSource,
}

/// Everything [`check`] found.
#[derive(Clone, Debug)]
pub struct CheckReport {
    pub as_of: NaiveDate,
    /// Which rules apply on `as_of`: the guideline of its year and the scoring scheme the
    /// scores were banded by ([`crate::config::Config::rules_line`]).
    pub rules: Text,
    /// Problems of the folder and config, duplicate workbooks, people on two cells' rolls,
    /// workbooks left out of the folder's reading.
    pub diagnostics: Vec<Diagnostic>,
    pub workbooks: Vec<CheckedWorkbook>,
    /// `0` no error, `1` some data has errors or there is no workbook at all.
    pub exit_code: u8,
}
