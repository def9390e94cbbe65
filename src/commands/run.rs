//! `chibo run`: every document of a period, and the consolidated workbook.
//!
//! [`execute`] is the library call ([`crate::batch::run`]); [`run`] is the command line over it.
//!
//! The folder's workbooks are read a window at a time (stages 1–2, in parallel); each usable
//! cell of a window is consolidated, then its documents are planned (the minutes of each meeting
//! held in the period, a quarterly report per quarter the period covers, the thematic plan of
//! the period's year), rendered in parallel and staged on disk as each is ready, and the
//! window's models are dropped before the next window is read: neither the documents nor the
//! committee's models are ever all in memory. The committee's own report
//! (`bao-cao-tong-hop-<period>.docx`) and the consolidated workbook are written at the output
//! folder's root from the consolidated figures. Every document goes through the output folder's
//! record ([`crate::manifest`]): one edited since chibo wrote it is kept and the new version
//! written beside it, and those no longer produced are moved to `van-ban-cu/`. The run log
//! `nhat-ky.txt` lists what was read, produced, kept, moved and skipped, and why; neither it
//! nor the record holds a clock time, so the same command gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::Path;

use rayon::prelude::*;

use crate::aggregate::Period;
use crate::batch::{
    DocumentReport, DocumentStatus, Event, Failure, Progress, RunOptions, RunReport,
};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Location, Text, count};
use crate::docx::{RenderOptions, Template, TemplateLimits};
use crate::manifest::{Entry, Guard, Place, sha256_hex};
use crate::model::Cell;
use crate::output::{Batch, safe_component, write_atomic};
use crate::pipeline::in_pool;
use crate::register::{Details, Key, Register};
use crate::t;
use crate::text::ascii_slug;
use crate::view::build::{self, Ctx};
use crate::view::registry::{self, Kind, Planned, Planning, Produce};
use crate::view::{self, BAO_CAO_TONG_HOP};

use super::common::{
    Gathered, Prepared, Usable, gather, prepare, say, say_error, say_failure, summary_bytes,
    summary_file_name, write_error,
};

/// One document to produce: its kind and what it is about.
#[derive(Clone, Copy)]
struct Doc {
    kind: &'static Kind,
    subject: registry::Subject,
}

/// A document of one cell, with where it goes.
struct Job<'a> {
    cell: &'a Cell,
    /// Index of the cell among the usable ones (for the closing summary).
    cell_no: usize,
    doc: Doc,
    /// Relative to the output folder, `/`-separated.
    rel: String,
    /// Its number from the register ([`number_jobs`]); `None`: the blank to fill stays.
    number: Option<Numbered>,
}

/// A document's number, and what the register knows it by.
struct Numbered {
    key: Key,
    so: u32,
}

/// The templates of every kind ([`registry::KINDS`]), parsed once per run.
struct Templates {
    by_file: BTreeMap<&'static str, Template>,
}

impl Templates {
    fn load(dir: &Path, config: &Config) -> Result<Templates, Vec<Diagnostic>> {
        let own = dir.join(crate::output::safe_relative_path(&config.dau_ra.mau));
        let own = own.is_dir().then_some(own);
        let mut by_file = BTreeMap::new();
        let mut problems = Vec::new();
        let limits = TemplateLimits::from_config(&config.gioi_han);
        for file in registry::template_files().map(|t| t.file) {
            let bytes = match view::template_bytes(file, own.as_deref()) {
                Ok(b) => b,
                Err(d) => {
                    problems.push(*d);
                    continue;
                }
            };
            // Messages name the committee's own file by its folder (`templates/bao-cao-quy.docx`).
            let shown = match &own {
                Some(d) if d.join(file).is_file() => {
                    format!("{}/{file}", config.dau_ra.mau.trim_matches(['/', '\\']))
                }
                _ => file.to_string(),
            };
            // A built-in template takes the committee's `[the_thuc]` (font, sizes, margins);
            // the committee's own templates keep their own formatting.
            let bytes = if shown == file {
                match crate::docx::format::apply(&bytes, &config.the_thuc) {
                    Ok(b) => std::borrow::Cow::Owned(b),
                    Err(e) => {
                        problems.push(Diagnostic::error(
                            "template-read",
                            crate::diagnostic::Location::file(file),
                            t!("không áp dụng được [the_thuc]: {}", e ; "cannot apply [the_thuc]: {}", e),
                        ));
                        continue;
                    }
                }
            } else {
                bytes
            };
            match Template::parse_with_limits(&bytes, &shown, limits) {
                Ok(t) => {
                    by_file.insert(file, t);
                }
                Err(d) => problems.extend(d),
            }
        }
        if problems.is_empty() {
            Ok(Templates { by_file })
        } else {
            Err(problems)
        }
    }
}

/// What the render threads give back for one document.
struct Rendered {
    status: DocumentStatus,
    /// SHA-256 of the bytes staged, for the output folder's record.
    sha256: Option<String>,
}

/// The documents of a run as they are made, in order; `cell_no` of each, to name its workbook.
#[derive(Default)]
struct Made {
    docs: Vec<DocumentReport>,
    shas: Vec<Option<String>>,
    /// Warnings of the planning: a thematic plan left out because the cell plans nothing.
    notes: Vec<Diagnostic>,
}

impl Made {
    fn push(&mut self, file: String, workbook: Option<usize>, r: Rendered) {
        self.docs.push(DocumentReport {
            file,
            workbook,
            status: r.status,
        });
        self.shas.push(r.sha256);
    }

    /// Where document `i` goes on disk: its place, or beside its edited version.
    fn target(&self, i: usize) -> &str {
        match self.docs.get(i) {
            Some(DocumentReport {
                status: DocumentStatus::KeptEdited { new_version },
                ..
            }) => new_version,
            Some(d) => &d.file,
            None => "",
        }
    }
}

/// Runs a period's batch: reads the folder, makes every document and the consolidated
/// workbook, writes them (never over an edited document), moves aside the documents no longer
/// produced, writes the log `nhat-ky.txt` and the folder's record; reports progress to
/// `progress` and returns what it did. Prints nothing.
///
/// # Errors
/// The batch cannot run: a bad period, no such folder or no workbook, an invalid config or
/// template, an output folder that cannot be written or is in use by another run.
pub fn execute(options: &RunOptions, progress: &dyn Progress) -> Result<RunReport, Failure> {
    let mut p = prepare(options)?;
    let templates = Templates::load(&options.dir, &p.folder.config).map_err(|diagnostics| Failure {
        message: t!("mẫu văn bản có lỗi: sửa mẫu (xem `chibo template check`) rồi chạy lại; chưa tạo văn bản nào" ;
                    "a template has problems: fix it (see `chibo template check`) and run again; nothing was produced"),
        diagnostics,
    })?;
    // Held from reading the register to writing it back (the end of this function).
    let _register_lock = lock_register(&p)?;
    let register = load_register(&p)?;
    p.lock()?;
    // Stale temporary files of an interrupted earlier run (the lock is ours: no run is using them).
    remove_stale_temporaries(&p.out_dir);
    let guard = Guard::new(
        &p.out_dir,
        options.overwrite_edited,
        p.folder.config.dau_ra.ten_tieng_viet,
    );
    // Two workbooks of one cell with different content: both are left out, and the cells read
    // again without them (only when it happens: the committee's figures must not count either).
    let mut excluded: BTreeMap<String, Diagnostic> = BTreeMap::new();
    let (mut g, mut made, mut register) = loop {
        // Each attempt numbers from the register as read: a workbook left out gives nothing.
        let numbering = register.clone();
        let (g, made, batch, conflicts, numbering) = attempt(
            &p,
            options,
            (&templates, &guard),
            &excluded,
            numbering,
            progress,
        );
        let fresh: Vec<_> = conflicts
            .into_iter()
            .filter(|(f, _)| !excluded.contains_key(f))
            .collect();
        if fresh.is_empty() {
            progress.event(&Event::Writing);
            let mut made = made;
            // Every document in place with one sync; those the batch could not put there fail.
            for (index, path, e) in batch.commit(|i| p.out_dir.join(made.target(i))) {
                if let Some(d) = made.docs.get_mut(index) {
                    d.status = DocumentStatus::WriteFailed(write_error(&path, &e));
                }
            }
            break (g, made, numbering);
        }
        batch.abandon(|i| p.out_dir.join(made.target(i)));
        excluded.extend(fresh);
    };
    let wanted = Wanted::of(options, &p.folder.config);
    let mut report = committee_outputs(
        &p,
        (&templates, &guard),
        &mut g,
        (&mut made, register.as_mut()),
        &wanted,
    );
    if let Some(Err(d)) = register.map(|r| r.save(&p.folder.dir)) {
        made.notes.push(*d);
    }
    report.diagnostics.extend(unmatched_cells(options, &g));
    report.diagnostics.append(&mut made.notes);
    finish(&p, &guard, g, made, report)
}

/// What [`attempt`] gives back: what was gathered, the documents, their batch, the workbooks
/// found to be a second, different version of a cell already read, and the register with the
/// numbers given.
type Attempt = (
    Gathered,
    Made,
    Batch,
    BTreeMap<String, Diagnostic>,
    Option<Register>,
);

/// One pass over the folder: every cell's documents numbered (when `register` is kept),
/// rendered and staged.
fn attempt(
    p: &Prepared,
    options: &RunOptions,
    (templates, guard): (&Templates, &Guard),
    excluded: &BTreeMap<String, Diagnostic>,
    register: Option<Register>,
    progress: &dyn Progress,
) -> Attempt {
    let wanted = Wanted::of(options, &p.folder.config);
    let batch = Batch::new();
    let mut folders = CellFolders::reserving(root_names(p));
    let made = std::cell::RefCell::new(Made::default());
    let register = std::cell::RefCell::new(register);
    let mut identities = Identities::default();
    let g = gather(
        p,
        excluded,
        &mut identities,
        progress,
        &|| made.borrow().docs.len(),
        |usable| {
            let names: Vec<String> = usable
                .iter()
                .map(|u| folders.assign(u.cell, &p.folder.config))
                .collect();
            let picked: Vec<bool> = usable
                .iter()
                .zip(&names)
                .map(|(u, folder)| is_chosen(options, u, folder))
                .collect();
            let chosen: Vec<(usize, &Cell)> = usable
                .iter()
                .zip(&picked)
                .filter(|(_, p)| **p)
                .map(|(u, _)| (u.cell_no, u.cell))
                .collect();
            let workbook_of: BTreeMap<usize, usize> =
                usable.iter().map(|u| (u.cell_no, u.workbook)).collect();
            let (mut jobs, notes) = plan(p, &chosen, &mut folders, &wanted);
            made.borrow_mut().notes.extend(notes);
            if let Some(register) = register.borrow_mut().as_mut() {
                number_jobs(register, &mut jobs, &p.folder.config);
            }
            let first = made.borrow().docs.len();
            let outcomes = render_window(p, templates, guard, &jobs, first, &batch);
            let mut made = made.borrow_mut();
            let mut register = register.borrow_mut();
            for (job, (r, details)) in jobs.iter().zip(outcomes) {
                made.push(job.rel.clone(), workbook_of.get(&job.cell_no).copied(), r);
                if let (Some(register), Some(n), Some(d)) =
                    (register.as_mut(), &job.number, details)
                {
                    register.describe(&n.key, d);
                }
            }
            names.into_iter().zip(picked).collect()
        },
    );
    (
        g,
        made.into_inner(),
        batch,
        identities.conflicts,
        register.into_inner(),
    )
}

/// The register's lock when `[nhiem_ky]` switches the register on: another run numbering
/// from the same working folder (into another output folder) is refused, not raced.
///
/// # Errors
/// Another run holds the lock, or it cannot be created: nothing is produced.
fn lock_register(p: &Prepared) -> Result<Option<crate::register::RegisterLock>, Failure> {
    if p.folder.config.nhiem_ky.is_none() {
        return Ok(None);
    }
    crate::register::RegisterLock::take(&p.folder.dir)
        .map(Some)
        .map_err(Failure::new)
}

/// The register of the working folder when `[nhiem_ky]` switches it on.
///
/// # Errors
/// The register cannot be read or is broken: nothing is produced and it is left as it is.
pub(crate) fn load_register(p: &Prepared) -> Result<Option<Register>, Failure> {
    let Some(term) = &p.folder.config.nhiem_ky else {
        return Ok(None);
    };
    Register::load(&p.folder.dir, &term.ten)
        .map(Some)
        .map_err(|diagnostics| Failure {
            message: t!("sổ văn bản {} có lỗi: sửa sổ rồi chạy lại; chưa tạo văn bản nào và sổ được giữ nguyên", crate::register::FILE_NAME ;
                        "the number register {} has errors: fix it and run again; nothing was produced and the register is left as it is", crate::register::FILE_NAME),
            diagnostics,
        })
}

/// Gives the window's documents their numbers, cell by cell and, within a cell, by type, date
/// and identity: the order never depends on the render threads or the sheet's row order.
/// Minutes are numbered only with `[the_thuc] bien_ban_co_so`, and never over a number typed
/// in the sheet.
fn number_jobs(register: &mut Register, jobs: &mut [Job<'_>], config: &Config) {
    let mut seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let keys: Vec<Option<(Key, chrono::NaiveDate)>> = jobs
        .iter()
        .map(|job| {
            let (key, date) = register_key(job, config)?;
            // Two minutes of one day and kind: the second is `… thuong-ky 2`.
            let n = seen.entry((job.cell_no, key.identity.clone())).or_insert(0);
            *n += 1;
            let identity = match *n {
                1 => key.identity,
                n => format!("{} {n}", key.identity),
            };
            Some((Key { identity, ..key }, date))
        })
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).filter(|&i| keys[i].is_some()).collect();
    // On one date, a shorter subject first: the fourth quarter's report before the year's.
    let span = |i: usize| match jobs[i].doc.subject {
        registry::Subject::Meeting(_) => 0,
        registry::Subject::Quarter(..) => 1,
        registry::Subject::Year(_) => 2,
    };
    let sort_key = |i: usize| {
        let (k, d) = keys[i].as_ref().map(|(k, d)| (k, *d)).unzip();
        (
            jobs[i].cell_no,
            k.map(|k| (&k.kind, d, span(i), &k.identity)),
        )
    };
    order.sort_by(|&a, &b| sort_key(a).cmp(&sort_key(b)));
    for i in order {
        let Some((key, _)) = keys[i].clone() else {
            continue;
        };
        let job = &mut jobs[i];
        let symbol = issuer_symbol(&job.cell.info.symbol);
        let so = register.number(&key, &format!("{}/{symbol}", key.kind));
        job.number = Some(Numbered { key, so });
    }
}

/// What the register knows a job's document by (its kind's number symbol from the registry,
/// its key and subject: `ke_hoach 2026`, `bao_cao_quy 2026-Q1`, `bien_ban 2026-03-14
/// thuong-ky`), and the date it is ordered by; `None` for a document that takes no number
/// from the register (a kind without a symbol; minutes without `[the_thuc] bien_ban_co_so`
/// or with a number typed in the sheet).
fn register_key(job: &Job<'_>, config: &Config) -> Option<(Key, chrono::NaiveDate)> {
    use registry::Subject;
    let cell = job.cell;
    let kind = job.doc.kind;
    if kind.symbol.is_empty() {
        return None;
    }
    let (subject, date) = match job.doc.subject {
        // A year is ordered at its end, so that a year's report comes after the reports of
        // its quarters (types are numbered apart: the year's plan is the only `KH`).
        Subject::Year(year) => (
            year.to_string(),
            chrono::NaiveDate::from_ymd_opt(year, 12, 31)?,
        ),
        Subject::Quarter(year, quarter) => (
            format!("{year}-Q{quarter}"),
            Period::quarter(year, quarter)?.last,
        ),
        Subject::Meeting(meeting) => {
            let m = cell.meetings.get(meeting)?;
            let typed = m
                .doc_number
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty());
            if kind.key == "bien_ban" && (!config.the_thuc.bien_ban_co_so || typed) {
                return None;
            }
            let day = m.date.format("%Y-%m-%d");
            (format!("{day} {}", ascii_slug(m.kinds.label())), m.date)
        }
    };
    let issuer = if cell.info.name.trim().is_empty() {
        cell.file.clone()
    } else {
        cell.info.name.clone()
    };
    let key = Key {
        issuer,
        kind: kind.symbol.to_string(),
        identity: format!("{} {subject}", kind.key),
    };
    Some((key, date))
}

/// The issuer's symbol as the number line prints it (`…` when the workbook gives none).
fn issuer_symbol(symbol: &str) -> &str {
    let symbol = symbol.trim();
    if symbol.is_empty() { "…" } else { symbol }
}

/// The cell `u` is one the run was asked for (`--chi-bo`): by its name, its workbook's name
/// (with or without extension) or its folder; every cell when none was named.
fn is_chosen(options: &RunOptions, u: &Usable<'_>, folder: &str) -> bool {
    if options.cells.is_empty() {
        return true;
    }
    let key = |s: &str| crate::text::clean(s).to_lowercase();
    let file = key(&u.cell.file);
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    options.cells.iter().any(|c| {
        let c = key(c);
        c == key(&u.cell.info.name) || c == file || c == stem || c == key(folder)
    })
}

/// A warning for each `--chi-bo` name that matched no cell.
fn unmatched_cells(options: &RunOptions, g: &Gathered) -> Vec<Diagnostic> {
    let key = |s: &str| crate::text::clean(s).to_lowercase();
    options
        .cells
        .iter()
        .filter(|c| {
            let c = key(c);
            !g.records.iter().any(|r| {
                let file = key(&r.file);
                let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
                c == file
                    || c == stem
                    || r.cell
                        .as_ref()
                        .is_some_and(|cell| key(&cell.name) == c || key(&cell.folder) == c)
            })
        })
        .map(|c| {
            Diagnostic::error(
                "run.no_such_cell",
                Location::file(c.clone()),
                t!("không có chi bộ nào tên «{c}» (--chi-bo)" ; "no cell is named «{c}» (--chi-bo)"),
            )
            .with_hint(t!("ghi đúng tên chi bộ như trong sổ, hoặc tên tệp sổ; `chibo check` liệt kê các chi bộ" ;
                          "write the cell's name as in its workbook, or the workbook's file name; `chibo check` lists the cells"))
        })
        .collect()
}

/// Who each cell is (name and symbol), to find two workbooks of one cell.
#[derive(Default)]
pub(crate) struct Identities {
    /// (name, symbol), folded → the first workbook and its content.
    seen: BTreeMap<(String, String), String>,
    /// The workbooks of a cell seen twice, each with the error that names both.
    pub conflicts: BTreeMap<String, Diagnostic>,
}

impl Identities {
    /// Notes `cell` of workbook `file`. Identical files were already left out by the folder's
    /// reading, so a second workbook with the same name and symbol has other content.
    pub(crate) fn note(&mut self, cell: &Cell, file: &str) {
        let name = crate::text::clean(&cell.info.name).to_lowercase();
        if name.is_empty() {
            return;
        }
        let key = (name, crate::text::clean(&cell.info.symbol).to_lowercase());
        match self.seen.get(&key) {
            None => {
                self.seen.insert(key, file.to_string());
            }
            Some(first) => {
                let first = first.clone();
                let cell_name = &cell.info.name;
                for (this, other) in [(first.as_str(), file), (file, first.as_str())] {
                    let d = Diagnostic::error(
                        "input.duplicate_cell",
                        Location::file(this.to_string()),
                        t!("hai sổ {first} và {file} cùng là {cell_name} nhưng khác nội dung: bỏ qua chi bộ này cho đến khi chỉ còn một sổ" ;
                           "{first} and {file} are both {cell_name} but differ: this cell is skipped until only one is left"),
                    )
                    .with_hint(t!("giữ sổ đúng, xóa hoặc chuyển sổ kia ra khỏi thư mục ({other})" ;
                                  "keep the right workbook, delete or move the other one out of the folder ({other})"));
                    self.conflicts.entry(this.to_string()).or_insert(d);
                }
            }
        }
    }
}

/// Names at the output folder's root that no cell folder may take.
fn root_names(p: &Prepared) -> Vec<String> {
    vec![
        crate::manifest::MANIFEST_FILE.to_string(),
        crate::manifest::STALE_DIR.to_string(),
        crate::manifest::BACKUP_DIR.to_string(),
        crate::output::LOCK_FILE.to_string(),
        "nhat-ky.txt".to_string(),
        summary_file_name(&p.period),
        committee_report_name(&p.period, true),
        committee_report_name(&p.period, false),
    ]
}

/// Writes a root output (the committee's report, the consolidated workbook) through the guard.
fn write_guarded(p: &Prepared, guard: &Guard, rel: &str, bytes: &[u8]) -> Rendered {
    let (target, status) = match guard.place(rel) {
        Err(e) => {
            return Rendered {
                status: DocumentStatus::WriteFailed(e),
                sha256: None,
            };
        }
        Ok(Place::Here) => (rel.to_string(), DocumentStatus::Written),
        Ok(Place::Beside(new_version)) => (
            new_version.clone(),
            DocumentStatus::KeptEdited { new_version },
        ),
        Ok(Place::Overwrite { backup }) => {
            (rel.to_string(), DocumentStatus::OverwroteEdited { backup })
        }
    };
    let path = p.out_dir.join(target);
    match write_atomic(&path, bytes) {
        Ok(()) => Rendered {
            status,
            sha256: Some(sha256_hex(bytes)),
        },
        Err(e) => Rendered {
            status: DocumentStatus::WriteFailed(write_error(&path, &e)),
            sha256: None,
        },
    }
}

/// The committee's report, then the consolidated workbook (which lists the register): one
/// after the other, as both grow with the number of cells. Returns the report so far.
fn committee_outputs(
    p: &Prepared,
    (templates, guard): (&Templates, &Guard),
    g: &mut Gathered,
    (made, mut register): (&mut Made, Option<&mut Register>),
    wanted: &Wanted,
) -> RunReport {
    let config = &p.folder.config;
    if wanted.has("bao_cao_tong_hop") && !g.consolidated.summaries.is_empty() {
        let rel = committee_report_name(&p.period, config.dau_ra.ten_tieng_viet);
        let numbered = register
            .as_deref_mut()
            .and_then(|r| committee_number(r, config, &p.period));
        let number = numbered.as_ref().map(|(_, so)| *so);
        let (bytes, details) = committee_report(p, templates, g, number, &rel);
        if let (Some(r), Some((key, _)), Some(d)) = (register.as_deref_mut(), &numbered, details) {
            r.describe(key, d);
        }
        let r = match bytes {
            Ok(bytes) => write_guarded(p, guard, &rel, &bytes),
            Err(diags) => Rendered {
                status: DocumentStatus::RenderFailed(diags),
                sha256: None,
            },
        };
        made.push(rel, None, r);
    }
    if wanted.has("tong_hop") {
        let rel = summary_file_name(&p.period);
        match summary_bytes(p, g, register.as_deref()) {
            Ok(bytes) => {
                let r = write_guarded(p, guard, &rel, &bytes);
                made.push(rel, None, r);
            }
            Err(e) => made.push(
                rel,
                None,
                Rendered {
                    status: DocumentStatus::WriteFailed(e),
                    sha256: None,
                },
            ),
        }
    }
    RunReport {
        period_code: p.period.code(),
        period_label: p.period.label(),
        as_of: p.as_of,
        rules: p.folder.config.rules_line(),
        out_dir: p.out_dir.clone(),
        workbooks: Vec::new(),
        documents: Vec::new(),
        stale: Vec::new(),
        diagnostics: p.folder.diagnostics.clone(),
        problems: Vec::new(),
        exit_code: super::EXIT_OK,
    }
}

/// Moves aside what is no longer produced, writes the record and the log, works out the exit
/// code.
fn finish(
    p: &Prepared,
    guard: &Guard,
    g: Gathered,
    made: Made,
    mut report: RunReport,
) -> Result<RunReport, Failure> {
    let code = p.period.code();
    // Only the documents of the cells produced in this run can be stale: a cell skipped for
    // errors, left out by --chi-bo or whose workbook is gone keeps its earlier documents.
    let scope: BTreeSet<String> = g
        .records
        .iter()
        .filter(|r| r.cell.as_ref().is_some_and(|c| c.produced))
        .map(|r| r.file.clone())
        .collect();
    let mut produced: BTreeSet<String> = BTreeSet::new();
    let mut written = Vec::new();
    for (i, (d, sha)) in made.docs.iter().zip(&made.shas).enumerate() {
        produced.insert(d.file.clone());
        produced.insert(made.target(i).to_string());
        if let (true, Some(sha)) = (d.status.is_written(), sha) {
            written.push(Entry {
                file: made.target(i).to_string(),
                sha256: sha.clone(),
                period: code.clone(),
                source: d
                    .workbook
                    .and_then(|w| g.records.get(w))
                    .map(|r| r.file.clone())
                    .unwrap_or_default(),
            });
        }
    }
    let (stale, manifest) = guard.finish(&code, &scope, &produced, written);
    report.stale = stale;
    report.documents = made.docs;
    report.workbooks = g.records;
    let manifest_path = p.out_dir.join(crate::manifest::MANIFEST_FILE);
    if let Err(e) = write_atomic(&manifest_path, &manifest.to_bytes()) {
        report.problems.push(write_error(&manifest_path, &e));
    }
    let log = run_log(&report, g.consolidated.summaries.len());
    let log_path = p.out_dir.join("nhat-ky.txt");
    if let Err(e) = write_atomic(&log_path, log.as_bytes()) {
        report.problems.push(write_error(&log_path, &e));
    }
    report.exit_code = exit_code(&report, g.consolidated.summaries.is_empty());
    Ok(report)
}

/// `2` when no workbook was usable; `1` when anything needs the office's attention (a workbook
/// skipped, a document not written or kept because it was edited, a stale document that could
/// not be moved, a `--chi-bo` name that matched nothing); `0` otherwise.
fn exit_code(report: &RunReport, none_used: bool) -> u8 {
    if none_used && !report.workbooks.is_empty() {
        return super::EXIT_FAIL;
    }
    let attention = report.skipped().next().is_some()
        || report.documents.iter().any(|d| {
            !matches!(
                d.status,
                DocumentStatus::Written | DocumentStatus::OverwroteEdited { .. }
            )
        })
        || report.stale.iter().any(|s| s.moved_to.is_none())
        || report.diagnostics.iter().any(Diagnostic::is_error)
        || !report.problems.is_empty();
    if attention {
        super::EXIT_DATA
    } else {
        super::EXIT_OK
    }
}

/// Runs `chibo run`: the batch, then its report on the terminal.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> u8 {
    let options = options_of(args);
    let progress = TerminalProgress::new(lang);
    let report = execute(&options, &progress);
    progress.finish();
    match report {
        Err(f) => {
            say_failure(lang, &f);
            super::EXIT_FAIL
        }
        Ok(report) => {
            print_diagnostics(&report, lang);
            print_closing(&report, lang);
            report.exit_code
        }
    }
}

/// The batch's options from the command line.
pub(crate) fn options_of(args: &RunArgs) -> RunOptions {
    RunOptions {
        dir: args.input.dir.clone(),
        period: args.period.clone(),
        as_of: crate::cli::today(args.input.as_of),
        out: args.out.clone(),
        jobs: args.jobs,
        cells: args.chi_bo.clone(),
        overwrite_edited: args.ghi_de,
        documents: args.van_ban.clone(),
    }
}

/// The folder's problems, the warnings of the cells that were produced (an uncached formula, a
/// missing mark …: the documents are made, but the office must see what they were made from),
/// then the errors of the skipped ones.
fn print_diagnostics(report: &RunReport, lang: Lang) {
    for d in &report.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    for w in report.workbooks.iter().filter(|w| w.cell.is_some()) {
        for d in &w.diagnostics {
            eprintln!("{}", d.render(lang));
        }
    }
    for w in report.skipped() {
        for d in w.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", d.render(lang));
        }
    }
}

/// Progress on stderr: a bar on a terminal, a line at every tenth of the workbooks otherwise.
struct TerminalProgress {
    bar: Option<indicatif::ProgressBar>,
    /// The last line's tenth, for the plain lines.
    step: std::sync::Mutex<usize>,
    lang: Lang,
}

impl TerminalProgress {
    fn new(lang: Lang) -> TerminalProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        TerminalProgress {
            bar,
            step: std::sync::Mutex::new(0),
            lang,
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for TerminalProgress {
    fn event(&self, event: &Event) {
        match (event, &self.bar) {
            (Event::Started { workbooks }, Some(bar)) => bar.set_length(*workbooks as u64),
            (
                &Event::Read {
                    read,
                    total,
                    documents,
                },
                Some(bar),
            ) => {
                bar.set_position(read as u64);
                bar.set_message(if self.lang == Lang::Vi {
                    format!("sổ, {documents} văn bản")
                } else {
                    format!("workbooks, {documents} documents")
                });
                let _ = total;
            }
            (
                &Event::Read {
                    read,
                    total,
                    documents,
                },
                None,
            ) => {
                let tenth = read * 10 / total.max(1);
                let Ok(mut last) = self.step.lock() else {
                    return;
                };
                if tenth > *last || read == total {
                    *last = tenth;
                    let line = t!("đã xử lý {read}/{total} sổ, {documents} văn bản" ;
                                  "{read}/{total} workbooks done, {documents} documents");
                    eprintln!("{}", line.get(self.lang));
                }
            }
            _ => {}
        }
    }
}

/// One folder per cell: its name made ASCII (or kept Vietnamese when configured), shortened
/// when too long, unique across the run whatever the names fold to (a second `Chi bộ 1` gets
/// `chi-bo-1-2`, and a cell named `Chi bộ 1 2` then `chi-bo-1-2-2`), never one of the output
/// folder's own names (the committee's report, the workbook, the log, the stale folder …).
/// Every usable cell gets its folder in display order, whether or not it is produced
/// (`--chi-bo`), so a cell's folder is the same in every run.
#[derive(Default)]
struct CellFolders {
    /// The names taken, folded as file systems that ignore case do.
    used: BTreeSet<String>,
    /// Workbook → its cell's folder.
    assigned: BTreeMap<String, String>,
}

impl CellFolders {
    fn reserving(names: Vec<String>) -> CellFolders {
        CellFolders {
            used: names.iter().map(|n| folded(n)).collect(),
            assigned: BTreeMap::new(),
        }
    }

    /// Gives `cell` its folder.
    fn assign(&mut self, cell: &Cell, config: &Config) -> String {
        let name = if cell.info.name.is_empty() {
            &cell.file
        } else {
            &cell.info.name
        };
        let base = if config.dau_ra.ten_tieng_viet {
            safe_component(name)
        } else {
            crate::output::shorten(&ascii_slug(name))
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while self.used.contains(&folded(&candidate)) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.used.insert(folded(&candidate));
        self.assigned.insert(cell.file.clone(), candidate.clone());
        candidate
    }

    /// The folder of `cell` (given by [`CellFolders::assign`]).
    fn next(&mut self, cell: &Cell, config: &Config) -> String {
        match self.assigned.get(&cell.file) {
            Some(f) => f.clone(),
            None => self.assign(cell, config),
        }
    }
}

/// A name as a file system that ignores case and normalisation sees it.
fn folded(name: &str) -> String {
    crate::text::clean(name).to_lowercase()
}

/// The document kinds of this run: `--van-ban` when given (`chosen`), else `[dau_ra] van_ban`.
struct Wanted {
    kinds: Vec<String>,
    /// The kinds were chosen for this run on the command line.
    chosen: bool,
}

impl Wanted {
    fn of(options: &RunOptions, config: &Config) -> Wanted {
        if options.documents.is_empty() {
            Wanted {
                kinds: config.dau_ra.van_ban.clone(),
                chosen: false,
            }
        } else {
            Wanted {
                kinds: options.documents.clone(),
                chosen: true,
            }
        }
    }

    fn has(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
}

/// The documents of `cells` (each with its index among the used cells), kind by kind as each
/// kind's plan gives them ([`registry::cell_kinds`]), and the warnings of the planning (a
/// thematic plan left out because the cell plans no thematic meeting that year).
fn plan<'a>(
    p: &Prepared,
    cells: &[(usize, &'a Cell)],
    folders: &mut CellFolders,
    wanted: &Wanted,
) -> (Vec<Job<'a>>, Vec<Diagnostic>) {
    let mut jobs = Vec::new();
    let mut notes = Vec::new();
    for &(cell_no, cell) in cells {
        let dir = folders.next(cell, &p.folder.config);
        let planning = Planning {
            cell,
            config: &p.folder.config,
            period: &p.period,
            as_of: p.as_of,
            chosen: wanted.chosen,
        };
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for kind in registry::cell_kinds().filter(|k| wanted.has(k.key)) {
            let Produce::Cell { plan, .. } = kind.produce else {
                continue;
            };
            for Planned { subject, file } in plan(&planning, &mut notes) {
                jobs.push(Job {
                    cell,
                    cell_no,
                    doc: Doc { kind, subject },
                    rel: format!("{dir}/{}", unique(&mut names, file)),
                    number: None,
                });
            }
        }
    }
    (jobs, notes)
}

/// `name`, or `name-2.docx`, `name-3.docx` … when the cell already has a document of that name.
fn unique(names: &mut BTreeMap<String, usize>, name: String) -> String {
    let n = names.entry(name.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        name
    } else {
        format!("{}-{n}", name.trim_end_matches(".docx")) + ".docx"
    }
}

/// The committee report's file name: `bao-cao-tong-hop-2025-Q4.docx`, or
/// `Báo cáo tổng hợp quý IV năm 2025.docx` with Vietnamese names.
fn committee_report_name(period: &Period, vietnamese: bool) -> String {
    if vietnamese {
        format!("Báo cáo tổng hợp {}.docx", period.label_vi())
    } else {
        format!("bao-cao-tong-hop-{}.docx", period.code())
    }
}

/// Builds the view of a job and the template it uses.
fn view_of(p: &Prepared, job: &Job<'_>) -> Option<(&'static str, serde_json::Value)> {
    let ctx = Ctx {
        cell: job.cell,
        config: &p.folder.config,
        rules: &p.rules,
        as_of: p.as_of,
    };
    let Produce::Cell { build, .. } = job.doc.kind.produce else {
        return None;
    };
    let built = build(&ctx, job.doc.subject)?;
    Some((built.template, built.data))
}

/// The number of the committee's report of `period` (its kind's symbol from the registry, the
/// issuer symbol `[dang_uy] ky_hieu` or `ĐU`), and what the register knows it by.
fn committee_number(
    register: &mut Register,
    config: &Config,
    period: &Period,
) -> Option<(Key, u32)> {
    let kind = registry::kind("bao_cao_tong_hop").filter(|k| !k.symbol.is_empty())?;
    let key = Key {
        issuer: committee_issuer(config),
        kind: kind.symbol.to_string(),
        identity: format!("{} {}", kind.key, period.code()),
    };
    let symbol = match config.dang_uy.ky_hieu.trim() {
        "" => "ĐU",
        s => s,
    };
    let so = register.number(&key, &format!("{}/{symbol}", kind.symbol));
    Some((key, so))
}

/// The committee as the register names it: `[dang_uy] ten`, or `Đảng ủy`.
fn committee_issuer(config: &Config) -> String {
    let name = config.dang_uy.ten.trim();
    if name.is_empty() {
        "Đảng ủy"
    } else {
        name
    }
    .to_string()
}

/// Renders the committee's report from the consolidated figures, with its `number` from the
/// register when there is one; gives what the register notes of it (`tep` is `rel`).
fn committee_report(
    p: &Prepared,
    templates: &Templates,
    g: &Gathered,
    number: Option<u32>,
    rel: &str,
) -> (Result<Vec<u8>, Vec<Diagnostic>>, Option<Details>) {
    let config = &p.folder.config;
    // Workbooks left out: the report says their figures are missing.
    let skipped: Vec<String> = g.skipped().map(|r| r.file.clone()).collect();
    let view = build::bao_cao_tong_hop(&g.consolidated, &g.facts, config, &skipped);
    let (Ok(mut data), Some(template)) = (
        serde_json::to_value(view),
        templates.by_file.get(BAO_CAO_TONG_HOP),
    ) else {
        return (Err(Vec::new()), None);
    };
    let details = number.map(|so| number_view(&mut data, so, rel));
    let bytes = template
        .render(&data, &RenderOptions::default())
        .map(|bytes| with_properties(bytes, &data, p.as_of));
    (bytes, details)
}

/// Renders one job and stages the document in the batch, at its place or, when an edited
/// document is there, beside it. A document the batch cannot put in place is reported when the
/// batch is committed.
fn render_one(
    p: &Prepared,
    templates: &Templates,
    guard: &Guard,
    (index, job): (usize, &Job<'_>),
    batch: &Batch,
) -> (Rendered, Option<Details>) {
    let Some((file, mut data)) = view_of(p, job) else {
        let status = DocumentStatus::RenderFailed(Vec::new());
        return (
            Rendered {
                status,
                sha256: None,
            },
            None,
        );
    };
    let details = job
        .number
        .as_ref()
        .map(|n| number_view(&mut data, n.so, &job.rel));
    let rendered = stage_view(p, templates, guard, (index, job), batch, (file, &data));
    (rendered, details)
}

/// Prints number `so` in the view's number line (`Số 07-KH/CB2` for `Số     -KH/CB2`) and
/// gives what the register notes of the document (`tep` is `rel`).
fn number_view(data: &mut serde_json::Value, so: u32, rel: &str) -> Details {
    let text = |ptr: &str| {
        data.pointer(ptr)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let line = text("/van_ban/so_ky_hieu");
    let ky_hieu = line
        .split_once('-')
        .map_or("", |(_, k)| k)
        .trim()
        .to_string();
    let ngay = chrono::NaiveDate::parse_from_str(&text("/van_ban/ngay"), "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    let details = Details {
        ngay,
        trich_yeu: text("/van_ban/trich_yeu"),
        tep: rel.to_string(),
        ky_hieu,
    };
    if let Some(vb) = data
        .pointer_mut("/van_ban")
        .and_then(serde_json::Value::as_object_mut)
    {
        let so = crate::register::two_digits(so);
        vb.insert(
            "so_ky_hieu".into(),
            format!("Số {so}-{}", details.ky_hieu).into(),
        );
        vb.insert("so".into(), so.into());
    }
    details
}

/// Renders the view of one job and stages the document in the batch (see [`render_one`]).
fn stage_view(
    p: &Prepared,
    templates: &Templates,
    guard: &Guard,
    (index, job): (usize, &Job<'_>),
    batch: &Batch,
    (file, data): (&'static str, &serde_json::Value),
) -> Rendered {
    let failed = |status| Rendered {
        status,
        sha256: None,
    };
    let Some(template) = templates.by_file.get(file) else {
        return failed(DocumentStatus::RenderFailed(Vec::new()));
    };
    let bytes = match template.render(data, &RenderOptions::default()) {
        Ok(bytes) => with_properties(bytes, data, p.as_of),
        Err(diags) => return failed(DocumentStatus::RenderFailed(diags)),
    };
    let (target, status) = match guard.place(&job.rel) {
        Err(e) => return failed(DocumentStatus::WriteFailed(e)),
        Ok(Place::Here) => (job.rel.as_str(), DocumentStatus::Written),
        Ok(Place::Beside(new_version)) => {
            let status = DocumentStatus::KeptEdited { new_version };
            let DocumentStatus::KeptEdited { new_version } = &status else {
                unreachable!()
            };
            let path = p.out_dir.join(new_version);
            return match batch.stage(index, &path, &bytes) {
                Ok(()) => Rendered {
                    sha256: Some(sha256_hex(&bytes)),
                    status: status.clone(),
                },
                Err(e) => failed(DocumentStatus::WriteFailed(write_error(&path, &e))),
            };
        }
        Ok(Place::Overwrite { backup }) => {
            (job.rel.as_str(), DocumentStatus::OverwroteEdited { backup })
        }
    };
    let path = p.out_dir.join(target);
    match batch.stage(index, &path, &bytes) {
        Ok(()) => Rendered {
            status,
            sha256: Some(sha256_hex(&bytes)),
        },
        Err(e) => failed(DocumentStatus::WriteFailed(write_error(&path, &e))),
    }
}

/// The document's Word properties: the issuing cell or committee as author, `--as-of` as the
/// date (never the docx generator's placeholders). A document that cannot be reopened is
/// written as rendered.
fn with_properties(bytes: Vec<u8>, data: &serde_json::Value, as_of: chrono::NaiveDate) -> Vec<u8> {
    let issuer = data
        .pointer("/chi_bo/ten")
        .or_else(|| data.pointer("/dang_uy/ten"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    crate::docx::format::properties(&bytes, issuer, as_of).unwrap_or(bytes)
}

/// Renders the jobs of a window in parallel (`--jobs` threads), each document staged on disk
/// as soon as it is rendered (never a window's documents in memory); `first` is the batch index
/// of the first job. Outcomes come back in job order.
fn render_window(
    p: &Prepared,
    templates: &Templates,
    guard: &Guard,
    jobs: &[Job<'_>],
    first: usize,
    batch: &Batch,
) -> Vec<(Rendered, Option<Details>)> {
    in_pool(p.pool.as_ref(), || {
        jobs.par_iter()
            .enumerate()
            .map(|(i, job)| render_one(p, templates, guard, (first + i, job), batch))
            .collect()
    })
}

/// Removes `.*.tmp` files an interrupted run left in the output folder (they never have the
/// name of a finished document). Symbolic links are not followed.
fn remove_stale_temporaries(out_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(out_dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            remove_stale_temporaries(&path);
        } else if ft.is_file()
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// One indented diagnostic of the log.
fn log_diagnostic(s: &mut String, d: &Diagnostic) {
    let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
}

/// The run log (Vietnamese, as the office reads it): what was read, produced, kept, moved
/// aside and skipped.
fn run_log(report: &RunReport, used: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "NHẬT KÝ CHẠY CHIBO");
    let _ = writeln!(s, "Kỳ: {} ({})", report.period_label.vi, report.period_code);
    let _ = writeln!(
        s,
        "Ngày tính (--as-of): {}",
        report.as_of.format("%d/%m/%Y")
    );
    let _ = writeln!(s, "Quy định áp dụng: {}", report.rules.vi);
    let _ = writeln!(s);
    log_read(&mut s, report);
    let _ = writeln!(s);
    log_written(&mut s, report);
    log_kept(&mut s, report);
    let _ = writeln!(s);
    log_failed(&mut s, report);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Tổng: {used} chi bộ dùng được trên {} sổ; {} văn bản.",
        report.workbooks.len(),
        report
            .documents
            .iter()
            .filter(|d| d.file.ends_with(".docx"))
            .count()
    );
    s
}

fn log_read(s: &mut String, report: &RunReport) {
    let _ = writeln!(s, "ĐÃ ĐỌC");
    for r in &report.workbooks {
        let (errors, warnings) = count(&r.diagnostics);
        match &r.cell {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "- {}: {}, {} người, {} buổi sinh hoạt; {warnings} cảnh báo",
                    r.file, c.name, c.people, c.meetings
                );
                for d in &r.diagnostics {
                    log_diagnostic(s, d);
                }
            }
            None => {
                let _ = writeln!(
                    s,
                    "- {}: BỎ QUA vì có {errors} lỗi, {warnings} cảnh báo",
                    r.file
                );
            }
        }
    }
    for d in &report.diagnostics {
        log_diagnostic(s, d);
    }
}

/// The documents written: the cells', then the committee's report and the workbook.
fn log_written(s: &mut String, report: &RunReport) {
    let _ = writeln!(s, "ĐÃ TẠO");
    let (cells, committee): (Vec<_>, Vec<_>) =
        report.documents.iter().partition(|d| d.workbook.is_some());
    for d in cells.iter().chain(&committee) {
        match &d.status {
            DocumentStatus::Written => {
                let _ = writeln!(s, "- {}", d.file);
            }
            DocumentStatus::OverwroteEdited { backup } => {
                let _ = writeln!(
                    s,
                    "- {} (ghi đè bản đã sửa; bản đã sửa chép ở {backup})",
                    d.file
                );
            }
            _ => {}
        }
    }
}

/// Documents kept because they were edited, and documents of earlier runs moved aside.
fn log_kept(s: &mut String, report: &RunReport) {
    if report.kept().next().is_some() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "GIỮ NGUYÊN VÌ ĐÃ ĐƯỢC SỬA (không ghi đè; bản mới ghi bên cạnh, chạy với --ghi-de để thay)"
        );
        for (d, new_version) in report.kept() {
            let _ = writeln!(s, "- {} → bản mới: {new_version}", d.file);
        }
    }
    if !report.stale.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "VĂN BẢN CŨ (lần này không tạo nữa, đã chuyển sang thư mục {}/, không xóa)",
            crate::manifest::STALE_DIR
        );
        for st in &report.stale {
            match &st.moved_to {
                Some(to) => {
                    let _ = writeln!(s, "- {} → {to}", st.file);
                }
                None => {
                    let _ = writeln!(s, "- {}: không chuyển được, vẫn ở chỗ cũ", st.file);
                }
            }
        }
    }
}

fn log_failed(s: &mut String, report: &RunReport) {
    let _ = writeln!(s, "KHÔNG TẠO ĐƯỢC");
    let mut any = false;
    for d in &report.documents {
        match &d.status {
            DocumentStatus::RenderFailed(diags) => {
                any = true;
                let _ = writeln!(s, "- {}: lỗi khi điền mẫu", d.file);
                for d in diags {
                    log_diagnostic(s, d);
                }
            }
            DocumentStatus::WriteFailed(e) => {
                any = true;
                let _ = writeln!(s, "- {}: {}", d.file, e.vi);
            }
            _ => {}
        }
    }
    for r in report.skipped() {
        any = true;
        let _ = writeln!(
            s,
            "- mọi văn bản của {}: sổ có lỗi, sửa rồi chạy lại",
            r.file
        );
        for d in r.diagnostics.iter().filter(|d| d.is_error()) {
            log_diagnostic(s, d);
        }
    }
    for e in &report.problems {
        any = true;
        let _ = writeln!(s, "- {}", e.vi);
    }
    if !any {
        let _ = writeln!(s, "(không có)");
    }
}

/// The closing lines on the terminal: per cell, what was written, kept and failed; the
/// committee's report; the kept and moved documents; the skipped workbooks.
fn print_closing(report: &RunReport, lang: Lang) {
    for d in &report.documents {
        match &d.status {
            DocumentStatus::RenderFailed(diags) => {
                for x in diags {
                    eprintln!("{}", x.render(lang));
                }
                let rel = &d.file;
                say_error(
                    lang,
                    &t!("không điền được mẫu cho {rel}" ; "could not fill the template for {rel}"),
                );
            }
            DocumentStatus::WriteFailed(e) => say_error(lang, e),
            _ => {}
        }
    }
    for e in &report.problems {
        say_error(lang, e);
    }
    let out = report.out_dir.display();
    let label = report.period_label.get(lang);
    say(t!("Kết quả {label} trong {out}:" ; "Results for {label} in {out}:").get(lang));
    for (i, w) in report.workbooks.iter().enumerate() {
        let Some(c) = w.cell.as_ref().filter(|c| c.produced) else {
            continue;
        };
        let mine = report.documents.iter().filter(|d| d.workbook == Some(i));
        let (mut done, mut kept, mut failed) = (0, 0, 0);
        for d in mine {
            match d.status {
                DocumentStatus::KeptEdited { .. } => kept += 1,
                ref s if s.is_written() => done += 1,
                _ => failed += 1,
            }
        }
        say(cell_line(&c.name, done, kept, failed).get(lang));
    }
    for d in report
        .documents
        .iter()
        .filter(|d| d.workbook.is_none() && d.file.ends_with(".docx"))
    {
        let rel = &d.file;
        let line = if d.status.is_written() {
            t!("  Đảng ủy: 1 văn bản ({rel})" ; "  Committee: 1 document ({rel})")
        } else {
            t!("  Đảng ủy: 0 văn bản, 1 không tạo được ({rel})" ; "  Committee: 0 documents, 1 failed ({rel})")
        };
        say(line.get(lang));
    }
    for (d, new_version) in report.kept() {
        say(crate::manifest::kept_message(&d.file, new_version).get(lang));
    }
    for st in &report.stale {
        let (file, to) = (&st.file, st.moved_to.as_deref().unwrap_or("?"));
        let line = t!("  {file}: lần này không tạo nữa, đã chuyển sang {to}" ;
                      "  {file}: no longer produced, moved to {to}");
        say(line.get(lang));
    }
    for r in report.skipped() {
        let (e, _) = count(&r.diagnostics);
        let line = t!("  {}: BỎ QUA, sổ có {e} lỗi (xem ở trên)", r.file ; "  {}: SKIPPED, the workbook has {e} errors (see above)", r.file);
        say(line.get(lang));
    }
}

/// A cell's closing line.
fn cell_line(name: &str, done: usize, kept: usize, failed: usize) -> Text {
    let mut line = t!("  {name}: {done} văn bản" ; "  {name}: {done} documents");
    if kept > 0 {
        line.vi += &format!(", {kept} giữ nguyên vì đã được sửa (bản mới ghi bên cạnh)");
        line.en += &format!(", {kept} kept because edited (new version beside)");
    }
    if failed > 0 {
        line.vi += &format!(", {failed} không tạo được");
        line.en += &format!(", {failed} failed");
    }
    line
}
