//! `chibo summary`: only the committee's consolidated workbook for one period.
//!
//! [`execute`] is the library call ([`crate::batch::summary`]); [`run`] is the command line
//! over it.

use std::collections::BTreeMap;

use crate::batch::{DocumentStatus, Failure, Progress, RunOptions, SummaryReport};
use crate::cli::RunArgs;
use crate::diagnostic::{Lang, Severity};
use crate::manifest::{Entry, Guard, MANIFEST_FILE, Place, sha256_hex};
use crate::output::write_atomic;
use crate::t;

use super::common::{
    gather, prepare, say_error, say_failure, summary_bytes, summary_file_name, write_error,
};

/// Reads the folder, consolidates the usable cells and writes `<out>/tong-hop-<period>.xlsx`
/// atomically (beside it when the one there was edited since chibo wrote it, as for `run`);
/// prints nothing.
///
/// # Errors
/// The batch cannot run (see [`crate::batch::run`]), or the workbook cannot be built.
pub fn execute(options: &RunOptions, progress: &dyn Progress) -> Result<SummaryReport, Failure> {
    let mut p = prepare(options)?;
    p.lock()?;
    let mut identities = super::run::Identities::default();
    let mut g = gather(
        &p,
        &BTreeMap::new(),
        &mut identities,
        progress,
        &|| 0,
        |u| vec![(String::new(), false); u.len()],
    );
    let bytes = summary_bytes(&p, &mut g).map_err(Failure::new)?;
    let guard = Guard::new(
        &p.out_dir,
        options.overwrite_edited,
        p.folder.config.dau_ra.ten_tieng_viet,
    );
    let rel = summary_file_name(&p.period);
    let (target, status) = match guard.place(&rel).map_err(Failure::new)? {
        Place::Here => (rel.clone(), DocumentStatus::Written),
        Place::Beside(new_version) => (
            new_version.clone(),
            DocumentStatus::KeptEdited { new_version },
        ),
        Place::Overwrite { backup } => (rel.clone(), DocumentStatus::OverwroteEdited { backup }),
    };
    let path = p.out_dir.join(&target);
    write_atomic(&path, &bytes).map_err(|e| Failure::new(write_error(&path, &e)))?;
    let manifest = guard.record(vec![Entry {
        file: target,
        sha256: sha256_hex(&bytes),
        period: p.period.code(),
        source: String::new(),
    }]);
    let mut diagnostics = p.folder.diagnostics.clone();
    diagnostics.extend(identities.conflicts.into_values());
    let manifest_path = p.out_dir.join(MANIFEST_FILE);
    write_atomic(&manifest_path, &manifest.to_bytes())
        .map_err(|e| Failure::new(write_error(&manifest_path, &e)))?;
    let skipped = g.skipped().next().is_some();
    let kept = matches!(status, DocumentStatus::KeptEdited { .. });
    Ok(SummaryReport {
        period_label: p.period.label(),
        path,
        status,
        cells: g.consolidated.summaries.len(),
        flags: g.consolidated.flags.len(),
        workbooks: g.records,
        exit_code: if skipped || kept || diagnostics.iter().any(|d| d.is_error()) {
            super::EXIT_DATA
        } else {
            super::EXIT_OK
        },
        diagnostics,
    })
}

/// Runs `chibo summary`. Exit 0 done, 1 some workbooks were skipped for errors in their data
/// (or the workbook there was edited and kept), 2 the tool could not run.
#[must_use]
pub fn run(args: &RunArgs, lang: Lang) -> u8 {
    let report = match execute(&super::run::options_of(args), &crate::batch::Silent) {
        Ok(r) => r,
        Err(f) => {
            say_failure(lang, &f);
            return super::EXIT_FAIL;
        }
    };
    for d in &report.diagnostics {
        eprintln!("{}", d.render(lang));
    }
    for d in report
        .workbooks
        .iter()
        .filter(|w| w.cell.is_none())
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!("{}", d.render(lang));
    }
    let skipped = report.workbooks.iter().filter(|w| w.cell.is_none()).count();
    let shown = report.path.display();
    let (n, flags, label) = (report.cells, report.flags, &report.period_label);
    let line = if skipped == 0 {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}.", label.vi ;
           "Wrote {shown}: {n} cells, {flags} flags, {}.", label.en)
    } else {
        t!("Đã ghi {shown}: {n} chi bộ, {flags} cảnh báo, {}; {skipped} sổ bị bỏ qua vì có lỗi (xem ở trên và trang «Cảnh báo»).", label.vi ;
           "Wrote {shown}: {n} cells, {flags} flags, {}; {skipped} workbook(s) skipped for errors (see above and the «Cảnh báo» sheet).", label.en)
    };
    super::common::say(line.get(lang));
    if let DocumentStatus::KeptEdited { .. } = &report.status {
        let file = summary_file_name_of(&report);
        say_error(
            lang,
            &crate::manifest::kept_message(&file, &shown.to_string()),
        );
    }
    report.exit_code
}

/// The name the workbook was meant to have.
fn summary_file_name_of(report: &SummaryReport) -> String {
    let name = report
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.replace("-ban-moi", "").replace(" (bản mới)", "")
}
