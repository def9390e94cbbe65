//! `chibo summary`: the committee's consolidated workbook for one period.

use std::path::PathBuf;

use crate::aggregate::{Period, Rules, consolidate};
use crate::cli::RunArgs;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::Cell;
use crate::output::write_atomic;
use crate::pipeline::{LoadOptions, load};
use crate::t;
use crate::xlsx::{SummaryInput, summary_workbook};

/// Runs `chibo summary`: load the folder, consolidate the usable cells, write
/// `<out>/tong-hop-<period>.xlsx` atomically. Exit 0 done, 1 some workbooks were skipped for
/// errors in their data, 2 the tool could not run.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> u8 {
    let period = match Period::parse(&args.period) {
        Ok(p) => p,
        Err(e) => {
            let label = if lang == Lang::Vi { "lỗi" } else { "error" };
            eprintln!("{label}: {}", e.get(lang));
            return super::EXIT_FAIL;
        }
    };
    let as_of = crate::cli::today(args.input.as_of);
    let options = LoadOptions {
        as_of,
        jobs: args.jobs,
    };
    let committee = match load(&args.input.dir, &options) {
        Ok(c) => c,
        Err(diags) => {
            for d in &diags {
                eprintln!("{}", d.render(lang));
            }
            return super::EXIT_FAIL;
        }
    };
    for d in &committee.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    let mut cells: Vec<&Cell> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut skipped = 0usize;
    for lc in &committee.cells {
        if let Some(cell) = lc.usable() {
            cells.push(cell);
        } else {
            skipped += 1;
            for d in lc
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                eprintln!("{}", d.render(lang));
            }
            problems.extend(lc.diagnostics.iter().cloned());
        }
    }
    let rules = Rules::from_config(&committee.config);
    let consolidated = consolidate(&cells, &period, as_of, &rules);
    let input = SummaryInput {
        committee: &committee.config.dang_uy,
        cells: &cells,
        consolidated: &consolidated,
        rules: &rules,
        problems: &problems,
    };
    let bytes = match summary_workbook(&input) {
        Ok(b) => b,
        Err(e) => {
            let msg =
                t!("không tạo được bảng tổng hợp: {e}" ; "cannot build the summary workbook: {e}");
            eprintln!("{}", msg.get(lang));
            return super::EXIT_FAIL;
        }
    };
    let out_dir = args.out.clone().unwrap_or_else(|| {
        args.input
            .dir
            .join(crate::output::safe_relative_path(
                &committee.config.dau_ra.thu_muc,
            ))
            .join(period.code())
    });
    let path: PathBuf = out_dir.join(format!("tong-hop-{}.xlsx", period.code()));
    if let Err(e) = write_atomic(&path, &bytes) {
        let shown = path.display();
        let msg = t!("không ghi được {shown}: {e} (tệp có đang mở trong Excel không?)" ;
                     "cannot write {shown}: {e} (is the file open in Excel?)");
        eprintln!("{}", msg.get(lang));
        return super::EXIT_FAIL;
    }
    let flags = consolidated.flags.len();
    let shown = path.display();
    let n = cells.len();
    let line = if skipped == 0 {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}." , period.label_vi() ;
           "Wrote {shown}: {n} cells, {flags} flags, {}.", period.label_en())
    } else {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}; {skipped} sổ bị bỏ qua vì có lỗi (xem ở trên và trang «Cảnh báo»).", period.label_vi() ;
           "Wrote {shown}: {n} cells, {flags} flags, {}; {skipped} workbook(s) skipped for errors (see above and the «Cảnh báo» sheet).", period.label_en())
    };
    println!("{}", line.get(lang));
    if skipped == 0 {
        super::EXIT_OK
    } else {
        super::EXIT_DATA
    }
}
