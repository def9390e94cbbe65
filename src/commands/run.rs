//! `chibo run`: every document of a period, and the consolidated workbook.
//!
//! The folder's workbooks are read a window at a time (stages 1–2, in parallel); each usable
//! cell of a window is consolidated, then its documents are planned (the minutes of each meeting
//! held in the period, a quarterly report per quarter the period covers, the thematic plan of
//! the period's year), rendered in parallel and staged on disk as each is ready, and the
//! window's models are dropped before the next window is read: neither the documents nor the
//! committee's models are ever all in memory. The committee's own report
//! (`bao-cao-tong-hop-<period>.docx`) and the consolidated workbook are written at the output
//! folder's root from the consolidated figures. The run log `nhat-ky.txt`
//! lists what was read, produced and skipped, and why; it holds no clock time, so the same
//! command gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use chrono::Datelike as _;
use rayon::prelude::*;

use crate::aggregate::Period;
use crate::aggregate::period::roman;
use crate::cli::RunArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Text, count};
use crate::docx::{RenderOptions, Template, TemplateLimits};
use crate::model::Cell;
use crate::output::{Batch, safe_component, write_atomic};
use crate::pipeline::in_pool;
use crate::t;
use crate::text::ascii_slug;
use crate::view::build::{self, Ctx};
use crate::view::{
    self, BAO_CAO_QUY, BAO_CAO_TONG_HOP, BIEN_BAN_CHUYEN_DE, BIEN_BAN_THUONG_KY, KE_HOACH,
};

use super::common::{Gathered, Prepared, gather, prepare, say_error, write_error, write_summary};

/// One document to produce.
#[derive(Clone, Debug)]
enum Doc {
    Plan { year: i32 },
    Minutes { meeting: usize },
    Report { year: i32, quarter: u32 },
}

/// A document of one cell, with where it goes.
struct Job<'a> {
    cell: &'a Cell,
    /// Index of the cell among the usable ones (for the closing summary).
    cell_no: usize,
    doc: Doc,
    /// Relative to the output folder, `/`-separated.
    rel: String,
}

/// Every document the run made, or tried to, in order: what the log and the closing lines need
/// once the cells' models are dropped. A yearly run over a thousand cells makes twenty thousand
/// documents, so their paths go into one string rather than twenty thousand small ones, and
/// only the documents that failed keep an [`Outcome`].
#[derive(Default)]
struct Ledger {
    /// Every path, back to back.
    paths: String,
    /// Per document: where its path ends in `paths`, and its cell.
    docs: Vec<(usize, usize)>,
    /// The documents that failed, by number.
    failed: BTreeMap<usize, Outcome>,
}

impl Ledger {
    fn push(&mut self, cell_no: usize, rel: &str, outcome: Outcome) {
        self.paths.push_str(rel);
        if !matches!(outcome, Outcome::Written) {
            self.failed.insert(self.docs.len(), outcome);
        }
        self.docs.push((self.paths.len(), cell_no));
    }

    fn len(&self) -> usize {
        self.docs.len()
    }

    /// The path of document `i`.
    fn rel(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.docs.get(before).map_or(0, |d| d.0),
            None => 0,
        };
        let end = self.docs.get(i).map_or(start, |d| d.0);
        self.paths.get(start..end).unwrap_or_default()
    }

    /// Document `i` could not be put in place after all.
    fn fail(&mut self, i: usize, outcome: Outcome) {
        if i < self.docs.len() {
            self.failed.insert(i, outcome);
        }
    }

    /// Every document: its cell, path, and what went wrong (`None`: written).
    fn iter(&self) -> impl Iterator<Item = (usize, &str, Option<&Outcome>)> + Clone + '_ {
        self.docs
            .iter()
            .enumerate()
            .map(|(i, &(_, cell_no))| (cell_no, self.rel(i), self.failed.get(&i)))
    }
}

/// What became of a job.
enum Outcome {
    Written,
    /// The template could not be filled (a user-edited template naming a missing variable …).
    RenderFailed(Vec<Diagnostic>),
    /// The file could not be written (locked, read-only).
    WriteFailed(Text),
}

/// The five templates, parsed once per run.
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
        for file in [
            KE_HOACH,
            BIEN_BAN_THUONG_KY,
            BIEN_BAN_CHUYEN_DE,
            BAO_CAO_QUY,
            BAO_CAO_TONG_HOP,
        ] {
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

/// Runs `chibo run`.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> u8 {
    let p = match prepare(args, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let wanted = |k: &str| p.folder.config.dau_ra.van_ban.iter().any(|v| v == k);
    let templates = match Templates::load(&args.input.dir, &p.folder.config) {
        Ok(t) => t,
        Err(diags) => {
            for d in &diags {
                eprintln!("{}", d.render(lang));
            }
            say_error(
                lang,
                &t!("mẫu văn bản có lỗi: sửa mẫu (xem `chibo template check`) rồi chạy lại; chưa tạo văn bản nào" ;
                    "a template has problems: fix it (see `chibo template check`) and run again; nothing was produced"),
            );
            return super::EXIT_FAIL;
        }
    };

    // Stale temporary files of an interrupted earlier run.
    remove_stale_temporaries(&p.out_dir);

    // Each window of cells: plan its documents, render them in parallel, stage them on disk.
    let batch = Batch::new();
    let mut folders = CellFolders::default();
    let mut done = Ledger::default();
    let mut progress = Progress::new(p.folder.files.len(), lang);
    let mut g = gather(&p, |cells, read| {
        let jobs = plan(&p, cells, &mut folders, &wanted);
        let outcomes = render_window(&p, &templates, &jobs, done.len(), &batch);
        for (job, outcome) in jobs.iter().zip(outcomes) {
            done.push(job.cell_no, &job.rel, outcome);
        }
        progress.advance(read, done.len());
    });
    // Every document in place with one sync; those the batch could not put there fail.
    for (index, path, e) in batch.commit(|i| p.out_dir.join(done.rel(i))) {
        done.fail(index, Outcome::WriteFailed(write_error(&path, &e)));
    }
    progress.finish();

    // The consolidated workbook, then the committee's report: one after the other, as both
    // grow with the number of cells (a row per meeting and per person, a table row per cell).
    let workbook = wanted("tong_hop").then(|| write_summary(&p, &mut g));
    let want_report = wanted("bao_cao_tong_hop") && !g.consolidated.summaries.is_empty();
    let report = want_report.then(|| committee_report(&p, &templates, &g));

    let log = run_log(&p, &g, &done, report.as_ref(), workbook.as_ref());
    let log_path = p.out_dir.join("nhat-ky.txt");
    let log_written =
        write_atomic(&log_path, log.as_bytes()).map_err(|e| write_error(&log_path, &e));

    // The warnings of the cells that were produced (an uncached formula, a missing mark …):
    // the documents are made, but the office must see what they were made from.
    for r in g.records.iter().filter(|r| r.used.is_some()) {
        for d in &r.diagnostics {
            eprintln!("{}", d.render(lang));
        }
    }
    for r in g.skipped() {
        for d in r.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", d.render(lang));
        }
    }
    print_closing(&p, &g, &done, report.as_ref(), lang);
    let mut failed_outputs = !done.failed.is_empty()
        || report
            .as_ref()
            .is_some_and(|(_, o)| !matches!(o, Outcome::Written));
    if let Some(Err(e)) = &workbook {
        say_error(lang, e);
        failed_outputs = true;
    }
    if let Err(e) = &log_written {
        say_error(lang, e);
        failed_outputs = true;
    }
    if g.consolidated.summaries.is_empty() && !g.records.is_empty() {
        return super::EXIT_FAIL;
    }
    if g.skipped().next().is_none() && !failed_outputs {
        super::EXIT_OK
    } else {
        super::EXIT_DATA
    }
}

/// Progress on stderr: a bar on a terminal, a line at every tenth of the workbooks otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    read: usize,
    step: usize,
    lang: Lang,
}

impl Progress {
    fn new(total: usize, lang: Lang) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            read: 0,
            step: (total / 10).max(1),
            lang,
        }
    }

    /// `read` more workbooks done; `docs` documents so far.
    fn advance(&mut self, read: usize, docs: usize) {
        let before = self.read;
        self.read += read;
        let (n, total) = (self.read, self.total);
        match &self.bar {
            Some(bar) => {
                bar.set_position(n as u64);
                bar.set_message(if self.lang == Lang::Vi {
                    format!("sổ, {docs} văn bản")
                } else {
                    format!("workbooks, {docs} documents")
                });
            }
            None => {
                if n / self.step > before / self.step || n == total {
                    let line = t!("đã xử lý {n}/{total} sổ, {docs} văn bản" ;
                                  "{n}/{total} workbooks done, {docs} documents");
                    eprintln!("{}", line.get(self.lang));
                }
            }
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// One folder per cell: its name made ASCII (or kept Vietnamese when configured), unique
/// across the run (a second `Chi bộ 1` gets `chi-bo-1-2`).
#[derive(Default)]
struct CellFolders {
    used: BTreeMap<String, usize>,
}

impl CellFolders {
    fn next(&mut self, cell: &Cell, config: &Config) -> String {
        let name = if cell.info.name.is_empty() {
            &cell.file
        } else {
            &cell.info.name
        };
        let base = if config.dau_ra.ten_tieng_viet {
            safe_component(name)
        } else {
            ascii_slug(name)
        };
        let n = self.used.entry(base.to_lowercase()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }
}

/// The quarters whose report a period brings: every quarter of a year or a quarter; for a month,
/// the quarter it closes (March brings quarter I), so the monthly run at a quarter's end gives
/// the report.
fn report_quarters(period: &Period) -> Vec<(i32, u32)> {
    use crate::aggregate::period::PeriodKind;
    match period.kind {
        PeriodKind::Month => {
            let m = period.first.month();
            if m.is_multiple_of(3) {
                vec![(period.year, m / 3)]
            } else {
                Vec::new()
            }
        }
        PeriodKind::Quarter | PeriodKind::Year => period
            .quarters()
            .iter()
            .map(|q| (q.year, q.number))
            .collect(),
    }
}

/// The documents of `cells` (each with its index among the used cells).
fn plan<'a>(
    p: &Prepared,
    cells: &[(usize, &'a Cell)],
    folders: &mut CellFolders,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<Job<'a>> {
    let vi = p.folder.config.dau_ra.ten_tieng_viet;
    let mut jobs = Vec::new();
    for &(cell_no, cell) in cells {
        let dir = folders.next(cell, &p.folder.config);
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let mut unique = |name: String| {
            let n = names.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                name
            } else {
                format!("{}-{n}", name.trim_end_matches(".docx")) + ".docx"
            }
        };
        if wanted("bien_ban") {
            for (meeting, m) in crate::aggregate::held_meetings(cell, &p.period, p.as_of) {
                let name = if vi {
                    format!(
                        "Biên bản {} {}.docx",
                        m.date.format("%Y-%m-%d"),
                        m.kinds.label().replace(" + ", " và ")
                    )
                } else {
                    format!(
                        "bien-ban-{}-{}.docx",
                        m.date.format("%Y-%m-%d"),
                        ascii_slug(m.kinds.label())
                    )
                };
                jobs.push(Job {
                    cell,
                    cell_no,
                    doc: Doc::Minutes { meeting },
                    rel: format!("{dir}/{}", unique(name)),
                });
            }
        }
        if wanted("bao_cao_quy") {
            for (year, quarter) in report_quarters(&p.period) {
                let name = if vi {
                    format!("Báo cáo quý {} năm {year}.docx", roman(quarter))
                } else {
                    format!("bao-cao-quy-{}-{year}.docx", roman(quarter))
                };
                jobs.push(Job {
                    cell,
                    cell_no,
                    doc: Doc::Report { year, quarter },
                    rel: format!("{dir}/{}", unique(name)),
                });
            }
        }
        if wanted("ke_hoach") {
            let year = p.period.year;
            let name = if vi {
                format!("Kế hoạch chuyên đề năm {year}.docx")
            } else {
                format!("ke-hoach-chuyen-de-{year}.docx")
            };
            jobs.push(Job {
                cell,
                cell_no,
                doc: Doc::Plan { year },
                rel: format!("{dir}/{}", unique(name)),
            });
        }
    }
    jobs
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

/// Renders the committee's report once, at the output folder's root, and writes it
/// atomically; returns its path relative to the output folder and what became of it.
fn committee_report(p: &Prepared, templates: &Templates, g: &Gathered) -> (String, Outcome) {
    let config = &p.folder.config;
    let rel = committee_report_name(&p.period, config.dau_ra.ten_tieng_viet);
    // Workbooks left out: the report says their figures are missing.
    let skipped: Vec<String> = g.skipped().map(|r| r.display.clone()).collect();
    let view = build::bao_cao_tong_hop(&g.consolidated, &g.facts, config, &skipped);
    let (Ok(data), Some(template)) = (
        serde_json::to_value(view),
        templates.by_file.get(BAO_CAO_TONG_HOP),
    ) else {
        return (rel, Outcome::RenderFailed(Vec::new()));
    };
    let outcome = match template.render(&data, &RenderOptions::default()) {
        Ok(bytes) => {
            let bytes = with_properties(bytes, &data, p.as_of);
            let path = p.out_dir.join(&rel);
            match write_atomic(&path, &bytes) {
                Ok(()) => Outcome::Written,
                Err(e) => Outcome::WriteFailed(write_error(&path, &e)),
            }
        }
        Err(diags) => Outcome::RenderFailed(diags),
    };
    (rel, outcome)
}

/// Builds the view of a job and the template it uses.
fn view_of(p: &Prepared, job: &Job<'_>) -> Option<(&'static str, serde_json::Value)> {
    let ctx = Ctx {
        cell: job.cell,
        config: &p.folder.config,
        rules: &p.rules,
        as_of: p.as_of,
    };
    let (file, value) = match job.doc {
        Doc::Plan { year } => (KE_HOACH, serde_json::to_value(build::ke_hoach(&ctx, year))),
        Doc::Minutes { meeting } => {
            let m = job.cell.meetings.get(meeting)?;
            (
                build::minutes_template(m),
                serde_json::to_value(build::bien_ban(&ctx, meeting)?),
            )
        }
        Doc::Report { year, quarter } => (
            BAO_CAO_QUY,
            serde_json::to_value(build::bao_cao_quy(&ctx, year, quarter)?),
        ),
    };
    Some((file, value.ok()?))
}

/// Renders one job and stages the document in the batch. `Written` means staged; a document
/// the batch cannot put in place is reported when the batch is committed.
fn render_one(
    p: &Prepared,
    templates: &Templates,
    (index, job): (usize, &Job<'_>),
    batch: &Batch,
) -> Outcome {
    let Some((file, data)) = view_of(p, job) else {
        return Outcome::RenderFailed(Vec::new());
    };
    let Some(template) = templates.by_file.get(file) else {
        return Outcome::RenderFailed(Vec::new());
    };
    match template.render(&data, &RenderOptions::default()) {
        Ok(bytes) => {
            let bytes = with_properties(bytes, &data, p.as_of);
            let path = p.out_dir.join(&job.rel);
            match batch.stage(index, &path, &bytes) {
                Ok(()) => Outcome::Written,
                Err(e) => Outcome::WriteFailed(write_error(&path, &e)),
            }
        }
        Err(diags) => Outcome::RenderFailed(diags),
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
    jobs: &[Job<'_>],
    first: usize,
    batch: &Batch,
) -> Vec<Outcome> {
    in_pool(p.pool.as_ref(), || {
        jobs.par_iter()
            .enumerate()
            .map(|(i, job)| render_one(p, templates, (first + i, job), batch))
            .collect()
    })
}

/// Removes `.*.tmp` files an interrupted run left in the output folder (they never have the
/// name of a finished document).
fn remove_stale_temporaries(out_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(out_dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            remove_stale_temporaries(&path);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// What went wrong with an output (`None`: written).
fn failed(o: &Outcome) -> Option<&Outcome> {
    (!matches!(o, Outcome::Written)).then_some(o)
}

/// The run log (Vietnamese, as the office reads it): what was read, produced and skipped.
fn run_log(
    p: &Prepared,
    g: &Gathered,
    done: &Ledger,
    report: Option<&(String, Outcome)>,
    workbook: Option<&Result<PathBuf, Text>>,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "NHẬT KÝ CHẠY CHIBO");
    let _ = writeln!(s, "Kỳ: {} ({})", p.period.label_vi(), p.period.code());
    let _ = writeln!(s, "Ngày tính (--as-of): {}", p.as_of.format("%d/%m/%Y"));
    let _ = writeln!(s);
    let _ = writeln!(s, "ĐÃ ĐỌC");
    for r in &g.records {
        let (errors, warnings) = count(&r.diagnostics);
        match &r.used {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "- {}: {}, {} người, {} buổi sinh hoạt; {warnings} cảnh báo",
                    r.display, c.name, c.people, c.meetings
                );
                for d in &r.diagnostics {
                    let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
                }
            }
            None => {
                let _ = writeln!(
                    s,
                    "- {}: BỎ QUA vì có {errors} lỗi, {warnings} cảnh báo",
                    r.display
                );
            }
        }
    }
    for d in &p.folder.diagnostics {
        let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "ĐÃ TẠO");
    // The cells' documents, then the committee's report.
    let all = done
        .iter()
        .map(|(_, rel, failed)| (rel, failed))
        .chain(report.map(|(rel, o)| (rel.as_str(), failed(o))));
    for (rel, failed) in all.clone() {
        if failed.is_none() {
            let _ = writeln!(s, "- {rel}");
        }
    }
    if let Some(Ok(path)) = workbook {
        let _ = writeln!(
            s,
            "- {}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "KHÔNG TẠO ĐƯỢC");
    let mut any = false;
    for (rel, failed) in all {
        match failed {
            None | Some(Outcome::Written) => {}
            Some(Outcome::RenderFailed(diags)) => {
                any = true;
                let _ = writeln!(s, "- {rel}: lỗi khi điền mẫu");
                for d in diags {
                    let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
                }
            }
            Some(Outcome::WriteFailed(e)) => {
                any = true;
                let _ = writeln!(s, "- {rel}: {}", e.vi);
            }
        }
    }
    if let Some(Err(e)) = workbook {
        any = true;
        let _ = writeln!(s, "- bảng tổng hợp: {}", e.vi);
    }
    for r in g.skipped() {
        any = true;
        let _ = writeln!(
            s,
            "- mọi văn bản của {}: sổ có lỗi, sửa rồi chạy lại",
            r.display
        );
        for d in r.diagnostics.iter().filter(|d| d.is_error()) {
            let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
        }
    }
    if !any {
        let _ = writeln!(s, "(không có)");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Tổng: {} chi bộ dùng được trên {} sổ; {} văn bản.",
        g.consolidated.summaries.len(),
        g.records.len(),
        done.len() + usize::from(report.is_some())
    );
    s
}

fn print_closing(
    p: &Prepared,
    g: &Gathered,
    done: &Ledger,
    report: Option<&(String, Outcome)>,
    lang: Lang,
) {
    let cells = &g.consolidated.summaries;
    let mut written = vec![0usize; cells.len()];
    let mut failed_docs = vec![0usize; cells.len()];
    for (cell_no, _, failed) in done.iter() {
        if let Some(slot) = if failed.is_none() {
            written.get_mut(cell_no)
        } else {
            failed_docs.get_mut(cell_no)
        } {
            *slot += 1;
        }
    }
    let all = done
        .iter()
        .map(|(_, rel, failed)| (rel, failed))
        .chain(report.map(|(rel, o)| (rel.as_str(), failed(o))));
    for (rel, failed) in all {
        match failed {
            Some(Outcome::RenderFailed(diags)) => {
                for d in diags {
                    eprintln!("{}", d.render(lang));
                }
                say_error(
                    lang,
                    &t!("không điền được mẫu cho {rel}" ; "could not fill the template for {rel}"),
                );
            }
            Some(Outcome::WriteFailed(e)) => say_error(lang, e),
            None | Some(Outcome::Written) => {}
        }
    }
    let out = p.out_dir.display();
    println!("{}", t!("Kết quả {} trong {out}:", p.period.label_vi() ; "Results for {} in {out}:", p.period.label_en()).get(lang));
    for (i, c) in cells.iter().enumerate() {
        let (w, f) = (written[i], failed_docs[i]);
        let line = if f == 0 {
            t!("  {}: {w} văn bản", c.name ; "  {}: {w} documents", c.name)
        } else {
            t!("  {}: {w} văn bản, {f} không tạo được", c.name ; "  {}: {w} documents, {f} failed", c.name)
        };
        println!("{}", line.get(lang));
    }
    if let Some((rel, outcome)) = report {
        let line = if matches!(outcome, Outcome::Written) {
            t!("  Đảng ủy: 1 văn bản ({rel})" ; "  Committee: 1 document ({rel})")
        } else {
            t!("  Đảng ủy: 0 văn bản, 1 không tạo được ({rel})" ; "  Committee: 0 documents, 1 failed ({rel})")
        };
        println!("{}", line.get(lang));
    }
    for r in g.skipped() {
        let (e, _) = count(&r.diagnostics);
        let line = t!("  {}: BỎ QUA, sổ có {e} lỗi (xem ở trên)", r.display ; "  {}: SKIPPED, the workbook has {e} errors (see above)", r.display);
        println!("{}", line.get(lang));
    }
}
