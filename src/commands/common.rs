//! Steps `chibo run` and `chibo summary` share: read the period, load the folder, split the
//! usable cells from the skipped ones, write the consolidated workbook.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::aggregate::{Consolidated, Period, Rules, consolidate};
use crate::cli::RunArgs;
use crate::diagnostic::{Diagnostic, Lang, Text};
use crate::model::Cell;
use crate::output::write_atomic;
use crate::pipeline::{Committee, LoadOptions, load};
use crate::t;
use crate::xlsx::{SummaryInput, summary_workbook};

/// A loaded folder ready for a period's outputs.
pub(crate) struct Prepared {
    pub period: Period,
    pub as_of: NaiveDate,
    pub committee: Committee,
    pub rules: Rules,
    /// Where this period's outputs go.
    pub out_dir: PathBuf,
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
    let options = LoadOptions {
        as_of,
        jobs: args.jobs,
    };
    let committee = load(&args.input.dir, &options).map_err(|diags| {
        for d in &diags {
            eprintln!("{}", d.render(lang));
        }
        super::EXIT_FAIL
    })?;
    for d in &committee.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    if committee.cells.is_empty() {
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
        .unwrap_or_else(|| default_out_dir(&args.input.dir, &committee, &period));
    let rules = Rules::from_config(&committee.config);
    Ok(Prepared {
        period,
        as_of,
        committee,
        rules,
        out_dir,
    })
}

/// `DIR/<dau_ra.thu_muc>/<period code>`.
pub(crate) fn default_out_dir(dir: &Path, committee: &Committee, period: &Period) -> PathBuf {
    dir.join(crate::output::safe_relative_path(
        &committee.config.dau_ra.thu_muc,
    ))
    .join(period.code())
}

/// The usable cells, and every problem of the skipped ones.
pub(crate) fn split_cells(committee: &Committee) -> (Vec<&Cell>, Vec<Diagnostic>) {
    let mut cells = Vec::new();
    let mut problems = Vec::new();
    for lc in &committee.cells {
        match lc.usable() {
            Some(cell) => cells.push(cell),
            None => problems.extend(lc.diagnostics.iter().cloned()),
        }
    }
    (cells, problems)
}

/// Consolidates the usable cells.
pub(crate) fn consolidate_cells(p: &Prepared, cells: &[&Cell]) -> Consolidated {
    consolidate(cells, &p.period, p.as_of, &p.rules)
}

/// The file name of the consolidated workbook.
pub(crate) fn summary_file_name(period: &Period) -> String {
    format!("tong-hop-{}.xlsx", period.code())
}

/// Builds and writes the consolidated workbook atomically; returns its path.
pub(crate) fn write_summary(
    p: &Prepared,
    cells: &[&Cell],
    consolidated: &Consolidated,
    problems: &[Diagnostic],
) -> Result<PathBuf, Text> {
    let input = SummaryInput {
        committee: &p.committee.config.dang_uy,
        cells,
        consolidated,
        rules: &p.rules,
        problems,
    };
    let bytes = summary_workbook(&input).map_err(
        |e| t!("không tạo được bảng tổng hợp: {e}" ; "cannot build the summary workbook: {e}"),
    )?;
    let path = p.out_dir.join(summary_file_name(&p.period));
    write_atomic(&path, &bytes).map_err(|e| write_error(&path, &e))?;
    Ok(path)
}

/// The message for an output that could not be written (locked by Word or Excel, read-only …).
pub(crate) fn write_error(path: &Path, e: &std::io::Error) -> Text {
    let shown = path.display();
    t!("không ghi được {shown}: {e} (tệp có đang mở trong Word/Excel, hoặc thư mục chỉ đọc?)" ;
       "cannot write {shown}: {e} (is the file open in Word/Excel, or the folder read-only?)")
}
