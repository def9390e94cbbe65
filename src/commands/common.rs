//! Steps `chibo run` and `chibo summary` share: read the period, open the folder, make the
//! output folder ours for the run (created, locked), read the cells a window at a time and
//! gather what the committee's outputs need, write the consolidated workbook.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::aggregate::{Consolidated, Period, Rules};
use crate::batch::{CellReport, Failure, Progress, RunOptions, WorkbookReport};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Text};
use crate::model::Cell;
use crate::pipeline::{Folder, open};
use crate::t;
use crate::view::build::CellFacts;
use crate::xlsx::rows::Collector;
use crate::xlsx::{SheetRows, SummaryInput, summary_workbook_with_register};
use rust_xlsxwriter::XlsxError;

/// An opened folder ready for a period's outputs.
pub(crate) struct Prepared {
    pub period: Period,
    pub as_of: NaiveDate,
    pub folder: Folder,
    pub rules: Rules,
    /// Where this period's outputs go.
    pub out_dir: PathBuf,
    /// The `--jobs` worker threads.
    pub pool: Option<rayon::ThreadPool>,
    /// Held for the whole run once taken ([`Prepared::lock`]): no second run writes into the
    /// same folder meanwhile.
    lock: Option<crate::output::FolderLock>,
}

impl Prepared {
    /// Creates the output folder and locks it for this run: the last step before writing.
    pub(crate) fn lock(&mut self) -> Result<(), Failure> {
        crate::output::check_out_dir(&self.folder.dir, &self.out_dir, &self.folder.files)
            .map_err(Failure::new)?;
        self.lock = Some(crate::output::FolderLock::take(&self.out_dir).map_err(Failure::new)?);
        Ok(())
    }
}

/// Prints an error line in the user's language.
pub(crate) fn say_error(lang: Lang, text: &Text) {
    let label = if lang == Lang::Vi { "lỗi" } else { "error" };
    eprintln!("{label}: {}", escaped_lines(text.get(lang)));
}

/// Prints `text` on standard output, each line with its control characters shown
/// ([`crate::text::escape_controls`]): summaries carry file and cell names from the user's
/// files, and an escape sequence in a name must not act on the terminal.
pub(crate) fn say(text: &str) {
    println!("{}", escaped_lines(text));
}

/// `text` with the control characters of each line shown, its line breaks kept.
pub(crate) fn escaped_lines(text: &str) -> String {
    text.split('\n')
        .map(crate::text::escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prints a failed batch: its problems, then its one sentence.
pub(crate) fn say_failure(lang: Lang, failure: &Failure) {
    for d in &failure.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    say_error(lang, &failure.message);
}

/// Parses the period, opens the folder, works out the output folder (created and locked later,
/// by [`Prepared::lock`], once nothing can stop the run before it writes).
pub(crate) fn prepare(options: &RunOptions) -> Result<Prepared, Failure> {
    let period = Period::parse(&options.period).map_err(Failure::new)?;
    let config = crate::pipeline::open_config(&options.dir).map_err(|diagnostics| Failure {
        message: t!("không đọc được thư mục của Đảng ủy; chưa tạo gì" ;
                    "cannot open the committee's folder; nothing was produced"),
        diagnostics,
    })?;
    let out_dir = options
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&options.dir, &config, &period));
    let mut folder = open(&options.dir, Some(&out_dir)).map_err(|diagnostics| Failure {
        message: t!("không đọc được thư mục của Đảng ủy; chưa tạo gì" ;
                    "cannot open the committee's folder; nothing was produced"),
        diagnostics,
    })?;
    if folder.files.is_empty() {
        // Nothing to produce: an empty workbook and log would only hide the mistake (the
        // wrong folder, or files not yet copied in).
        return Err(Failure {
            message: t!("không có sổ Excel nào để tổng hợp; chưa tạo gì (kiểm tra lại thư mục)" ;
                        "no workbook to work on; nothing was produced (check the folder)"),
            diagnostics: folder.diagnostics,
        });
    }
    // The scheme and the legal bases follow the period's year unless chibo.toml sets them;
    // resolved before any workbook is read (the score columns follow the scheme).
    folder.config = folder.config.for_year(period.year);
    let rules = Rules::from_config(&folder.config);
    Ok(Prepared {
        period,
        as_of: options.as_of,
        folder,
        rules,
        out_dir,
        pool: crate::pipeline::pool(options.jobs),
        lock: None,
    })
}

/// `DIR/<dau_ra.thu_muc>/<period code>`.
pub(crate) fn default_out_dir(dir: &Path, config: &Config, period: &Period) -> PathBuf {
    dir.join(crate::output::safe_relative_path(&config.dau_ra.thu_muc))
        .join(period.code())
}

/// Everything gathered from the cells of a folder, one window of them at a time.
pub(crate) struct Gathered {
    /// Every workbook, in display order.
    pub records: Vec<WorkbookReport>,
    /// The used cells, consolidated in display order.
    pub consolidated: Consolidated,
    pub rows: SheetRows,
    pub facts: CellFacts,
}

impl Gathered {
    /// The workbooks skipped for errors in their data.
    pub(crate) fn skipped(&self) -> impl Iterator<Item = &WorkbookReport> {
        self.records.iter().filter(|r| r.cell.is_none())
    }

    /// Every problem of the skipped workbooks, for the workbook's `Cảnh báo` sheet.
    pub(crate) fn problems(&self) -> Vec<Diagnostic> {
        self.skipped()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect()
    }
}

/// A usable cell of a window, as [`gather`] hands it on.
pub(crate) struct Usable<'a> {
    /// Its index among the used cells.
    pub cell_no: usize,
    /// Its index among the workbooks.
    pub workbook: usize,
    pub cell: &'a Cell,
}

/// Reads the folder a window of workbooks at a time; each usable cell is consolidated and its
/// workbook rows gathered, in display order; `each_window` then gets the window's usable cells
/// before the window's models are dropped, and returns each one's folder name and whether its
/// documents were made. Progress goes
/// to `progress` after each window (`documents` tells how many documents were made so far).
/// A workbook in `excluded` is read but not used, with its diagnostic; every cell read is noted
/// in `identities`, to find two workbooks of one cell.
pub(crate) fn gather(
    p: &Prepared,
    excluded: &BTreeMap<String, Diagnostic>,
    identities: &mut super::run::Identities,
    progress: &dyn Progress,
    documents: &dyn Fn() -> usize,
    mut each_window: impl FnMut(&[Usable<'_>]) -> Vec<(String, bool)>,
) -> Gathered {
    let mut collector = Collector::new(&p.period, p.as_of, &p.rules);
    let mut facts = CellFacts::default();
    let mut records = Vec::with_capacity(p.folder.files.len());
    let total = p.folder.files.len();
    progress.event(&crate::batch::Event::Started { workbooks: total });
    p.folder.stream(
        p.as_of,
        p.pool.as_ref(),
        crate::pipeline::window(p.pool.as_ref()),
        |mut window| {
            for lc in &mut window {
                if let Some(cell) = &lc.cell {
                    identities.note(cell, &lc.display);
                }
                if let Some(d) = excluded.get(&lc.display) {
                    lc.diagnostics.push(d.clone());
                }
            }
            let mut usable = Vec::new();
            for (i, lc) in window.iter().enumerate() {
                if let Some(cell) = lc.usable() {
                    let cell_no = collector.add(cell);
                    facts.add(cell);
                    let workbook = records.len() + i;
                    usable.push(Usable {
                        cell_no,
                        workbook,
                        cell,
                    });
                }
            }
            let mut folders = each_window(&usable).into_iter();
            for lc in window {
                let cell = lc.usable().map(|c| {
                    let (folder, produced) = folders.next().unwrap_or_default();
                    CellReport {
                        name: c.info.name.clone(),
                        folder,
                        people: c.people.len(),
                        meetings: c.meetings.len(),
                        produced,
                    }
                });
                records.push(WorkbookReport {
                    file: lc.display,
                    cell,
                    diagnostics: lc.diagnostics,
                });
            }
            progress.event(&crate::batch::Event::Read {
                read: records.len(),
                total,
                documents: documents(),
            });
        },
    );
    let (consolidated, rows) = collector.finish();
    Gathered {
        records,
        consolidated,
        rows,
        facts,
    }
}

/// The file name of the consolidated workbook.
pub(crate) fn summary_file_name(period: &Period) -> String {
    format!("tong-hop-{}.xlsx", period.code())
}

/// Builds the consolidated workbook.
pub(crate) fn summary_bytes(
    p: &Prepared,
    g: &mut Gathered,
    register: Option<&crate::register::Register>,
) -> Result<Vec<u8>, Text> {
    let problems = g.problems();
    let register_rows = register.map(crate::register::Register::of_term);
    let input = SummaryInput {
        committee: &p.folder.config.dang_uy,
        consolidated: &g.consolidated,
        rules: &p.rules,
        problems: &problems,
    };
    summary_workbook_with_register(&input, &mut g.rows, register_rows.as_deref()).map_err(|e| {
        let text = crate::error_text::xlsxwriter(&e);
        let (vi, en) = (text.vi, text.en);
        match e {
            // The list sheets and their rows go through the system's temporary folder.
            XlsxError::TempFileError(..) | XlsxError::IoError(_) => t!(
                "không tạo được bảng tổng hợp: {vi} (thư mục tạm của máy có ghi được và còn chỗ trống không?)" ;
                "cannot build the summary workbook: {en} (is the system's temporary folder writable, with free space?)"
            ),
            _ => t!("không tạo được bảng tổng hợp: {vi}" ; "cannot build the summary workbook: {en}"),
        }
    })
}

/// The message for an output that could not be written (locked by Word or Excel, read-only …).
pub(crate) fn write_error(path: &Path, e: &std::io::Error) -> Text {
    let shown = path.display();
    let why = crate::os_error::describe(e);
    let (vi, en) = (&why.vi, &why.en);
    t!("không ghi được {shown}: {vi} (tệp có đang mở trong Word/Excel, hoặc thư mục chỉ đọc?)" ;
       "cannot write {shown}: {en} (is the file open in Word/Excel, or the folder read-only?)")
}
