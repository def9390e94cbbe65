//! Steps `chibo run` and `chibo summary` share: read the period, open the folder, read its
//! cells a window at a time and gather what the committee's outputs need, write the
//! consolidated workbook.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::aggregate::{Consolidated, Period, Rules};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Text};
use crate::model::Cell;
use crate::output::write_atomic;
use crate::pipeline::{Folder, open};
use crate::t;
use crate::view::build::CellFacts;
use crate::xlsx::rows::Collector;
use crate::xlsx::{SheetRows, SummaryInput, summary_workbook};
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
}

/// Prints an error line in the user's language.
pub(crate) fn say_error(lang: Lang, text: &Text) {
    let label = if lang == Lang::Vi { "lỗi" } else { "error" };
    eprintln!("{label}: {}", text.get(lang));
}

/// Parses the period, loads the folder and works out the output folder. On failure the
/// problems are printed and the exit code is returned.
pub(crate) fn prepare(args: &RunArgs, lang: Lang) -> Result<Prepared, u8> {
    let period = Period::parse(&args.period).map_err(|e| {
        say_error(lang, &e);
        super::EXIT_FAIL
    })?;
    let as_of = crate::cli::today(args.input.as_of);
    let folder = open(&args.input.dir).map_err(|diags| {
        for d in &diags {
            eprintln!("{}", d.render(lang));
        }
        super::EXIT_FAIL
    })?;
    for d in &folder.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    if folder.files.is_empty() {
        // Nothing to produce: an empty workbook and log would only hide the mistake (the
        // wrong folder, or files not yet copied in).
        say_error(
            lang,
            &t!("không có sổ Excel nào để tổng hợp; chưa tạo gì (kiểm tra lại thư mục)" ;
                "no workbook to work on; nothing was produced (check the folder)"),
        );
        return Err(super::EXIT_FAIL);
    }
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&args.input.dir, &folder.config, &period));
    let rules = Rules::from_config(&folder.config);
    Ok(Prepared {
        period,
        as_of,
        folder,
        rules,
        out_dir,
        pool: crate::pipeline::pool(args.jobs),
    })
}

/// `DIR/<dau_ra.thu_muc>/<period code>`.
pub(crate) fn default_out_dir(dir: &Path, config: &Config, period: &Period) -> PathBuf {
    dir.join(crate::output::safe_relative_path(&config.dau_ra.thu_muc))
        .join(period.code())
}

/// A workbook once the run is done with it: what the log and the closing lines say of it after
/// its model is dropped.
pub(crate) struct CellRecord {
    /// As shown to the user.
    pub display: String,
    /// The cell, when it was used.
    pub used: Option<UsedCell>,
    /// Every problem of the workbook (warnings only for a used cell).
    pub diagnostics: Vec<Diagnostic>,
}

/// What the log says of a used cell.
pub(crate) struct UsedCell {
    pub name: String,
    pub people: usize,
    pub meetings: usize,
}

/// Everything gathered from the cells of a folder, one window of them at a time.
pub(crate) struct Gathered {
    /// Every workbook, in display order.
    pub records: Vec<CellRecord>,
    /// The used cells, consolidated in display order.
    pub consolidated: Consolidated,
    pub rows: SheetRows,
    pub facts: CellFacts,
}

impl Gathered {
    /// The workbooks skipped for errors in their data.
    pub(crate) fn skipped(&self) -> impl Iterator<Item = &CellRecord> {
        self.records.iter().filter(|r| r.used.is_none())
    }

    /// Every problem of the skipped workbooks, for the workbook's `Cảnh báo` sheet.
    pub(crate) fn problems(&self) -> Vec<Diagnostic> {
        self.skipped()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect()
    }
}

/// Reads the folder a window of workbooks at a time; each usable cell is consolidated and its
/// workbook rows gathered, in display order; `each_window` then gets the window's usable cells
/// with their index among the used ones (to make their documents), and how many workbooks the
/// window read, before the window's models are dropped.
pub(crate) fn gather(
    p: &Prepared,
    mut each_window: impl FnMut(&[(usize, &Cell)], usize),
) -> Gathered {
    let mut collector = Collector::new(&p.period, p.as_of, &p.rules);
    let mut facts = CellFacts::default();
    let mut records = Vec::with_capacity(p.folder.files.len());
    p.folder.stream(
        p.as_of,
        p.pool.as_ref(),
        crate::pipeline::window(p.pool.as_ref()),
        |window| {
            let mut usable: Vec<(usize, &Cell)> = Vec::new();
            for lc in &window {
                if let Some(cell) = lc.usable() {
                    let ci = collector.add(cell);
                    facts.add(cell);
                    usable.push((ci, cell));
                }
            }
            each_window(&usable, window.len());
            for lc in window {
                let used = lc.usable().map(|c| UsedCell {
                    name: c.info.name.clone(),
                    people: c.people.len(),
                    meetings: c.meetings.len(),
                });
                records.push(CellRecord {
                    display: lc.display,
                    used,
                    diagnostics: lc.diagnostics,
                });
            }
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

/// Builds and writes the consolidated workbook atomically; returns its path.
pub(crate) fn write_summary(p: &Prepared, g: &mut Gathered) -> Result<PathBuf, Text> {
    let problems = g.problems();
    let input = SummaryInput {
        committee: &p.folder.config.dang_uy,
        consolidated: &g.consolidated,
        rules: &p.rules,
        problems: &problems,
    };
    let bytes = summary_workbook(&input, &mut g.rows).map_err(|e| match e {
        // The list sheets and their rows go through the system's temporary folder.
        XlsxError::TempFileError(..) | XlsxError::IoError(_) => t!(
            "không tạo được bảng tổng hợp: {e} (thư mục tạm của máy có ghi được và còn chỗ trống không?)" ;
            "cannot build the summary workbook: {e} (is the system's temporary folder writable, with free space?)"
        ),
        _ => t!("không tạo được bảng tổng hợp: {e}" ; "cannot build the summary workbook: {e}"),
    })?;
    let path = p.out_dir.join(summary_file_name(&p.period));
    write_atomic(&path, &bytes).map_err(|e| write_error(&path, &e))?;
    Ok(path)
}

/// The message for an output that could not be written (locked by Word or Excel, read-only …).
pub(crate) fn write_error(path: &Path, e: &std::io::Error) -> Text {
    let shown = path.display();
    let why = crate::os_error::describe(e);
    let (vi, en) = (&why.vi, &why.en);
    t!("không ghi được {shown}: {vi} (tệp có đang mở trong Word/Excel, hoặc thư mục chỉ đọc?)" ;
       "cannot write {shown}: {en} (is the file open in Word/Excel, or the folder read-only?)")
}
