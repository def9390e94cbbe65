//! `chibo summary`: only the committee's consolidated workbook for one period.

use crate::cli::RunArgs;
use crate::diagnostic::{Lang, Severity};
use crate::t;

use super::common::{gather, prepare, say_error, write_summary};

/// Runs `chibo summary`: read the folder, consolidate the usable cells, write
/// `<out>/tong-hop-<period>.xlsx` atomically. Exit 0 done, 1 some workbooks were skipped for
/// errors in their data, 2 the tool could not run.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> u8 {
    let p = match prepare(args, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut g = gather(&p, |_, _| {});
    for d in g
        .skipped()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!("{}", d.render(lang));
    }
    let skipped = g.skipped().count();
    let path = match write_summary(&p, &mut g) {
        Ok(path) => path,
        Err(e) => {
            say_error(lang, &e);
            return super::EXIT_FAIL;
        }
    };
    let flags = g.consolidated.flags.len();
    let shown = path.display();
    let n = g.consolidated.summaries.len();
    let line = if skipped == 0 {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}.", p.period.label_vi() ;
           "Wrote {shown}: {n} cells, {flags} flags, {}.", p.period.label_en())
    } else {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}; {skipped} sổ bị bỏ qua vì có lỗi (xem ở trên và trang «Cảnh báo»).", p.period.label_vi() ;
           "Wrote {shown}: {n} cells, {flags} flags, {}; {skipped} workbook(s) skipped for errors (see above and the «Cảnh báo» sheet).", p.period.label_en())
    };
    println!("{}", line.get(lang));
    if skipped == 0 {
        super::EXIT_OK
    } else {
        super::EXIT_DATA
    }
}
