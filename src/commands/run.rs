//! `chibo run`: every document of a period, and the consolidated workbook.
//!
//! The folder is loaded (stage 1–2), the period's documents are planned per usable cell (the
//! minutes of each meeting held in the period, a quarterly report per quarter the period
//! covers, the thematic plan of the period's year), then rendered in parallel and written
//! atomically as each is ready (never the whole batch in memory). The committee's own report
//! (`bao-cao-tong-hop-<period>.docx`) and the consolidated workbook are written at the output
//! folder's root from the consolidated figures. The run log `nhat-ky.txt`
//! lists what was read, produced and skipped, and why; it holds no clock time, so the same
//! command gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Datelike as _;
use rayon::prelude::*;

use crate::aggregate::period::roman;
use crate::aggregate::{Consolidated, Period};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Text, count};
use crate::docx::{RenderOptions, Template, TemplateLimits};
use crate::model::Cell;
use crate::output::{Batch, safe_component, write_atomic};
use crate::pipeline::LoadedCell;
use crate::t;
use crate::text::ascii_slug;
use crate::view::build::{self, Ctx};
use crate::view::{
    self, BAO_CAO_QUY, BAO_CAO_TONG_HOP, BIEN_BAN_CHUYEN_DE, BIEN_BAN_THUONG_KY, KE_HOACH,
};

use super::common::{
    Prepared, consolidate_cells, prepare, say_error, split_cells, write_error, write_summary,
};

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
    /// Relative to the output folder.
    rel: PathBuf,
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
    let wanted = |k: &str| p.committee.config.dau_ra.van_ban.iter().any(|v| v == k);
    let templates = match Templates::load(&args.input.dir, &p.committee.config) {
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
    let (cells, problems) = split_cells(&p.committee);
    let folders = cell_folders(&cells, &p.committee.config);
    let jobs = plan(&p, &cells, &folders, &wanted);

    // Stale temporary files of an interrupted earlier run.
    remove_stale_temporaries(&p.out_dir);

    // The consolidated figures and workbook are built on their own thread while the documents
    // render: it is mostly one thread's work, and the document threads wait on the disk part of
    // the time. The committee's report needs the figures, so it is rendered afterwards.
    let want_workbook = wanted("tong_hop");
    let want_report = wanted("bao_cao_tong_hop") && !cells.is_empty();
    let (outcomes, consolidated, workbook) = std::thread::scope(|scope| {
        let summary = (want_workbook || want_report).then(|| {
            scope.spawn(|| {
                let consolidated = consolidate_cells(&p, &cells);
                let workbook =
                    want_workbook.then(|| write_summary(&p, &cells, &consolidated, &problems));
                (consolidated, workbook)
            })
        });
        let outcomes = render_all(&p, &templates, &jobs, args.jobs, lang);
        let (consolidated, workbook): (_, Option<Result<PathBuf, Text>>) =
            match summary.map(|h| h.join()) {
                Some(Ok((c, w))) => (Some(c), w),
                Some(Err(_)) => (
                    None,
                    Some(Err(t!("không tạo được bảng tổng hợp (lỗi nội bộ)" ;
                            "cannot build the summary workbook (internal error)"))),
                ),
                None => (None, None),
            };
        (outcomes, consolidated, workbook)
    });
    let report: Option<(PathBuf, Outcome)> = match (&consolidated, want_report) {
        (Some(c), true) => Some(committee_report(&p, &templates, c, &cells)),
        _ => None,
    };

    let log = run_log(
        &p,
        &cells,
        &jobs,
        &outcomes,
        report.as_ref(),
        workbook.as_ref(),
    );
    let log_path = p.out_dir.join("nhat-ky.txt");
    let log_written =
        write_atomic(&log_path, log.as_bytes()).map_err(|e| write_error(&log_path, &e));

    // Closing summary, per cell.
    let skipped: Vec<&LoadedCell> = p
        .committee
        .cells
        .iter()
        .filter(|lc| lc.usable().is_none())
        .collect();
    // The warnings of the cells that were produced (an uncached formula, a missing mark …):
    // the documents are made, but the office must see what they were made from.
    for lc in p.committee.cells.iter().filter(|lc| lc.usable().is_some()) {
        for d in &lc.diagnostics {
            eprintln!("{}", d.render(lang));
        }
    }
    for lc in &skipped {
        for d in lc.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", d.render(lang));
        }
    }
    print_closing(
        &p,
        &cells,
        &jobs,
        &outcomes,
        report.as_ref(),
        &skipped,
        lang,
    );
    let mut failed_outputs = outcomes
        .iter()
        .chain(report.as_ref().map(|(_, o)| o))
        .any(|o| !matches!(o, Outcome::Written));
    if let Some(Err(e)) = &workbook {
        say_error(lang, e);
        failed_outputs = true;
    }
    if let Err(e) = &log_written {
        say_error(lang, e);
        failed_outputs = true;
    }
    if cells.is_empty() && !p.committee.cells.is_empty() {
        return super::EXIT_FAIL;
    }
    if skipped.is_empty() && !failed_outputs {
        super::EXIT_OK
    } else {
        super::EXIT_DATA
    }
}

/// One folder per cell: its name made ASCII (or kept Vietnamese when configured), unique.
fn cell_folders(cells: &[&Cell], config: &Config) -> Vec<String> {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    cells
        .iter()
        .map(|c| {
            let name = if c.info.name.is_empty() {
                &c.file
            } else {
                &c.info.name
            };
            let base = if config.dau_ra.ten_tieng_viet {
                safe_component(name)
            } else {
                ascii_slug(name)
            };
            let n = used.entry(base.to_lowercase()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
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

fn plan<'a>(
    p: &Prepared,
    cells: &[&'a Cell],
    folders: &[String],
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<Job<'a>> {
    let vi = p.committee.config.dau_ra.ten_tieng_viet;
    let mut jobs = Vec::new();
    for (cell_no, (cell, folder)) in cells.iter().zip(folders).enumerate() {
        let dir = PathBuf::from(folder);
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
                    rel: dir.join(unique(name)),
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
                    rel: dir.join(unique(name)),
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
                rel: dir.join(unique(name)),
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
fn committee_report(
    p: &Prepared,
    templates: &Templates,
    consolidated: &Consolidated,
    cells: &[&Cell],
) -> (PathBuf, Outcome) {
    let config = &p.committee.config;
    let rel = PathBuf::from(committee_report_name(
        &p.period,
        config.dau_ra.ten_tieng_viet,
    ));
    // Workbooks left out: the report says their figures are missing.
    let skipped: Vec<String> = p
        .committee
        .cells
        .iter()
        .filter(|lc| lc.usable().is_none())
        .map(|lc| lc.display.clone())
        .collect();
    let view = build::bao_cao_tong_hop(consolidated, cells, config, &skipped);
    let (Ok(data), Some(template)) = (
        serde_json::to_value(view),
        templates.by_file.get(BAO_CAO_TONG_HOP),
    ) else {
        return (rel, Outcome::RenderFailed(Vec::new()));
    };
    let outcome = match template.render(&data, &RenderOptions::default()) {
        Ok(bytes) => {
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
        config: &p.committee.config,
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
            let path = p.out_dir.join(&job.rel);
            match batch.stage(index, &path, &bytes) {
                Ok(()) => Outcome::Written,
                Err(e) => Outcome::WriteFailed(write_error(&path, &e)),
            }
        }
        Err(diags) => Outcome::RenderFailed(diags),
    }
}

/// Renders every job in parallel (`--jobs` threads), each document going to disk as soon as it
/// is rendered (never the whole run in memory), then puts them all in place with one sync
/// ([`Batch`]). Outcomes come back in job order.
fn render_all(
    p: &Prepared,
    templates: &Templates,
    jobs: &[Job<'_>],
    threads: Option<usize>,
    lang: Lang,
) -> Vec<Outcome> {
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let tty = std::io::stderr().is_terminal();
    let bar = tty.then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar.set_message(if lang == Lang::Vi {
            "văn bản"
        } else {
            "documents"
        });
        bar
    });
    let step = (total / 10).max(1);
    let tick = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        match &bar {
            Some(bar) => bar.inc(1),
            None => {
                if n.is_multiple_of(step) || n == total {
                    let line = t!("đã tạo {n}/{total} văn bản" ; "{n}/{total} documents done");
                    eprintln!("{}", line.get(lang));
                }
            }
        }
    };
    let batch = Batch::new();
    let work = || {
        jobs.par_iter()
            .enumerate()
            .map(|item| {
                let outcome = render_one(p, templates, item, &batch);
                tick();
                outcome
            })
            .collect::<Vec<_>>()
    };
    let mut outcomes =
        match threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
            Some(pool) => pool.install(work),
            None => work(),
        };
    for (index, path, e) in batch.commit() {
        if let Some(o) = outcomes.get_mut(index) {
            *o = Outcome::WriteFailed(write_error(&path, &e));
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    outcomes
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

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The run log (Vietnamese, as the office reads it): what was read, produced and skipped.
fn run_log(
    p: &Prepared,
    cells: &[&Cell],
    jobs: &[Job<'_>],
    outcomes: &[Outcome],
    report: Option<&(PathBuf, Outcome)>,
    workbook: Option<&Result<PathBuf, Text>>,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "NHẬT KÝ CHẠY CHIBO");
    let _ = writeln!(s, "Kỳ: {} ({})", p.period.label_vi(), p.period.code());
    let _ = writeln!(s, "Ngày tính (--as-of): {}", p.as_of.format("%d/%m/%Y"));
    let _ = writeln!(s);
    let _ = writeln!(s, "ĐÃ ĐỌC");
    for lc in &p.committee.cells {
        let (errors, warnings) = count(&lc.diagnostics);
        match (&lc.cell, lc.usable()) {
            (Some(c), Some(_)) => {
                let _ = writeln!(
                    s,
                    "- {}: {}, {} người, {} buổi sinh hoạt; {warnings} cảnh báo",
                    lc.display,
                    c.info.name,
                    c.people.len(),
                    c.meetings.len()
                );
                for d in &lc.diagnostics {
                    let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
                }
            }
            _ => {
                let _ = writeln!(
                    s,
                    "- {}: BỎ QUA vì có {errors} lỗi, {warnings} cảnh báo",
                    lc.display
                );
            }
        }
    }
    for d in &p.committee.diagnostics {
        let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "ĐÃ TẠO");
    // The cells' documents, then the committee's report.
    let all = jobs
        .iter()
        .map(|j| &j.rel)
        .zip(outcomes)
        .chain(report.map(|(rel, o)| (rel, o)));
    for (rel, outcome) in all.clone() {
        if matches!(outcome, Outcome::Written) {
            let _ = writeln!(s, "- {}", slash(rel));
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
    for (rel, outcome) in all {
        match outcome {
            Outcome::Written => {}
            Outcome::RenderFailed(diags) => {
                any = true;
                let _ = writeln!(s, "- {}: lỗi khi điền mẫu", slash(rel));
                for d in diags {
                    let _ = writeln!(s, "  {}", d.render(Lang::Vi).replace('\n', "\n  "));
                }
            }
            Outcome::WriteFailed(e) => {
                any = true;
                let _ = writeln!(s, "- {}: {}", slash(rel), e.vi);
            }
        }
    }
    if let Some(Err(e)) = workbook {
        any = true;
        let _ = writeln!(s, "- bảng tổng hợp: {}", e.vi);
    }
    for lc in p.committee.cells.iter().filter(|lc| lc.usable().is_none()) {
        any = true;
        let _ = writeln!(
            s,
            "- mọi văn bản của {}: sổ có lỗi, sửa rồi chạy lại",
            lc.display
        );
        for d in lc.diagnostics.iter().filter(|d| d.is_error()) {
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
        cells.len(),
        p.committee.cells.len(),
        jobs.len() + usize::from(report.is_some())
    );
    s
}

fn print_closing(
    p: &Prepared,
    cells: &[&Cell],
    jobs: &[Job<'_>],
    outcomes: &[Outcome],
    report: Option<&(PathBuf, Outcome)>,
    skipped: &[&LoadedCell],
    lang: Lang,
) {
    let mut written = vec![0usize; cells.len()];
    let mut failed = vec![0usize; cells.len()];
    for (job, outcome) in jobs.iter().zip(outcomes) {
        if let Some(slot) = if matches!(outcome, Outcome::Written) {
            written.get_mut(job.cell_no)
        } else {
            failed.get_mut(job.cell_no)
        } {
            *slot += 1;
        }
    }
    let all = jobs
        .iter()
        .map(|j| &j.rel)
        .zip(outcomes)
        .chain(report.map(|(rel, o)| (rel, o)));
    for (rel, outcome) in all {
        match outcome {
            Outcome::RenderFailed(diags) => {
                for d in diags {
                    eprintln!("{}", d.render(lang));
                }
                let rel = slash(rel);
                say_error(
                    lang,
                    &t!("không điền được mẫu cho {rel}" ; "could not fill the template for {rel}"),
                );
            }
            Outcome::WriteFailed(e) => say_error(lang, e),
            Outcome::Written => {}
        }
    }
    let out = p.out_dir.display();
    println!("{}", t!("Kết quả {} trong {out}:", p.period.label_vi() ; "Results for {} in {out}:", p.period.label_en()).get(lang));
    for (i, c) in cells.iter().enumerate() {
        let (w, f) = (written[i], failed[i]);
        let line = if f == 0 {
            t!("  {}: {w} văn bản", c.info.name ; "  {}: {w} documents", c.info.name)
        } else {
            t!("  {}: {w} văn bản, {f} không tạo được", c.info.name ; "  {}: {w} documents, {f} failed", c.info.name)
        };
        println!("{}", line.get(lang));
    }
    if let Some((rel, outcome)) = report {
        let rel = slash(rel);
        let line = if matches!(outcome, Outcome::Written) {
            t!("  Đảng ủy: 1 văn bản ({rel})" ; "  Committee: 1 document ({rel})")
        } else {
            t!("  Đảng ủy: 0 văn bản, 1 không tạo được ({rel})" ; "  Committee: 0 documents, 1 failed ({rel})")
        };
        println!("{}", line.get(lang));
    }
    for lc in skipped {
        let (e, _) = count(&lc.diagnostics);
        let line = t!("  {}: BỎ QUA, sổ có {e} lỗi (xem ở trên)", lc.display ; "  {}: SKIPPED, the workbook has {e} errors (see above)", lc.display);
        println!("{}", line.get(lang));
    }
}
