//! A run started from the page, and its progress as the page watches it.
//!
//! The run is the library's batch ([`crate::batch::run`], what `chibo run` calls) on a thread
//! of its own; its progress events move the page's bar as they come (server-sent events,
//! [`Runs::watch`]), and its report becomes the lines the page shows: what was produced per
//! cell, kept because edited, skipped and why. A panic inside a run ends that run, not the page.

use std::path::PathBuf;

use crate::batch::{DocumentStatus, Event, RunOptions, RunReport};
use crate::diagnostic::{Lang, count};
use serde::Serialize;
use tokio::sync::watch;

/// What the page shows of the current (or last) run.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct RunState {
    /// A run is going on.
    pub dang_chay: bool,
    /// The period's code (`2025-Q4`).
    pub ky: String,
    /// Workbooks read so far, of how many.
    pub da_doc: usize,
    pub tong: usize,
    /// Documents made so far.
    pub van_ban: usize,
    /// The last [`KEPT_LINES`] lines the run printed, in order (the run log has them all).
    pub dong: Vec<String>,
    /// Lines left out before those.
    pub bo_bot: usize,
    /// The documents kept because someone edited them (relative to the output folder).
    pub giu_nguyen: Vec<String>,
    /// Finished: the exit code (`0` done, `1` some cells skipped or files not written, `2` the
    /// run could not start).
    pub ma_thoat: Option<i32>,
}

/// Lines of a run the page keeps: every state sent to the page carries them, and a run over a
/// thousand workbooks with problems prints thousands.
const KEPT_LINES: usize = 400;

/// The page's runs: one at a time.
pub(crate) struct Runs {
    tx: watch::Sender<RunState>,
}

impl Default for Runs {
    fn default() -> Self {
        Runs {
            tx: watch::Sender::new(RunState::default()),
        }
    }
}

/// What the page asked for.
pub(crate) struct RunRequest {
    pub folder: PathBuf,
    pub period: String,
    pub code: String,
    pub as_of: chrono::NaiveDate,
    pub pdf: bool,
}

impl Runs {
    /// A receiver that sees every change.
    pub(crate) fn watch(&self) -> watch::Receiver<RunState> {
        self.tx.subscribe()
    }

    /// Starts a run unless one is going on (then `false`).
    pub(crate) fn start(&self, req: RunRequest) -> bool {
        let mut started = false;
        self.tx.send_if_modified(|s| {
            if s.dang_chay {
                return false;
            }
            *s = RunState {
                dang_chay: true,
                ky: req.code.clone(),
                ..RunState::default()
            };
            started = true;
            true
        });
        if started {
            let tx = self.tx.clone();
            std::thread::spawn(move || run_child(&tx, &req));
        }
        started
    }
}

/// Runs the batch for the request, passes its progress on, and ends with its report's lines.
fn run_child(tx: &watch::Sender<RunState>, req: &RunRequest) {
    let options = RunOptions::new(&req.folder, &req.period, req.as_of);
    let progress = |e: &Event| {
        if let Event::Read {
            read,
            total,
            documents,
        } = e
        {
            tx.send_modify(|s| {
                s.da_doc = *read;
                s.tong = *total;
                s.van_ban = *documents;
            });
        }
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::batch::run(&options, &progress)
    }));
    let (lines, kept, code) = match outcome {
        Ok(Ok(report)) => {
            let mut lines = report_lines(&report);
            let mut code = i32::from(report.exit_code);
            if req.pdf {
                let (pdf_lines, pdf_ok) = pdf_lines(&report);
                lines.extend(pdf_lines);
                if !pdf_ok {
                    code = code.max(1);
                }
            }
            let kept = report.kept().map(|(d, _)| d.file.clone()).collect();
            (lines, kept, code)
        }
        Ok(Err(failure)) => {
            let mut lines = vec![format!("lỗi: {}", failure.message.vi)];
            lines.extend(failure.diagnostics.iter().map(|d| d.render(Lang::Vi)));
            (lines, Vec::new(), 2)
        }
        Err(_) => (
            vec![
                "lỗi: chibo gặp sự cố khi tạo văn bản; chưa chắc các văn bản đã đủ, hãy chạy lại"
                    .to_string(),
            ],
            Vec::new(),
            2,
        ),
    };
    tx.send_modify(|s| {
        for line in lines {
            push_line(s, line);
        }
        s.giu_nguyen = kept;
        s.dang_chay = false;
        s.ma_thoat = Some(code);
    });
}

/// What the page shows of a finished run: the problems of the skipped workbooks, each cell's
/// documents, those kept because edited, and what could not be written.
fn report_lines(report: &RunReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.render(Lang::Vi))
        .collect();
    for w in report.skipped() {
        out.extend(
            w.diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.render(Lang::Vi)),
        );
    }
    for d in &report.documents {
        match &d.status {
            DocumentStatus::RenderFailed(_) => {
                out.push(format!("lỗi: không điền được mẫu cho {}", d.file))
            }
            DocumentStatus::WriteFailed(e) => out.push(format!("lỗi: {}", e.vi)),
            _ => {}
        }
    }
    out.extend(report.problems.iter().map(|p| format!("lỗi: {}", p.vi)));
    out.push(format!(
        "Kết quả {} trong {}:",
        report.period_label.vi,
        report.out_dir.display()
    ));
    for (i, w) in report.workbooks.iter().enumerate() {
        let Some(c) = &w.cell else { continue };
        let written = report
            .documents
            .iter()
            .filter(|d| d.workbook == Some(i) && d.status.is_written())
            .count();
        out.push(format!("  {}: {written} văn bản", c.name));
    }
    for d in report.documents.iter().filter(|d| d.workbook.is_none()) {
        if d.status.is_written() && d.file.ends_with(".docx") {
            out.push(format!("  Đảng ủy: 1 văn bản ({})", d.file));
        }
    }
    for (d, new_version) in report.kept() {
        out.push(format!(
            "  {}",
            crate::manifest::kept_message(&d.file, new_version).vi
        ));
    }
    for w in report.skipped() {
        let (e, _) = count(&w.diagnostics);
        out.push(format!("  {}: BỎ QUA, sổ có {e} lỗi (xem ở trên)", w.file));
    }
    out
}

/// A PDF beside each Word document the run wrote; the lines to show and whether all were made.
fn pdf_lines(report: &RunReport) -> (Vec<String>, bool) {
    let Some(soffice) = crate::pdf::find_soffice() else {
        return (
            vec![format!("lỗi: {}", crate::pdf::missing_message().vi)],
            false,
        );
    };
    let docs: Vec<PathBuf> = crate::pdf::documents_under(&report.out_dir);
    match crate::pdf::convert(&soffice, &docs, &report.out_dir) {
        Ok(done) => {
            let mut lines: Vec<String> = done
                .failed
                .iter()
                .map(|(doc, why)| format!("lỗi: {}: {}", doc.display(), why.vi))
                .collect();
            lines.push(format!(
                "Đã tạo {} tệp PDF cạnh các văn bản Word.",
                done.written.len()
            ));
            (lines, done.failed.is_empty())
        }
        Err(e) => (vec![format!("lỗi: {}", e.vi)], false),
    }
}

/// Adds a line, dropping the oldest beyond [`KEPT_LINES`].
fn push_line(s: &mut RunState, line: String) {
    if s.dong.len() >= KEPT_LINES {
        s.dong.remove(0);
        s.bo_bot += 1;
    }
    s.dong.push(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_lines_are_kept() {
        let mut s = RunState::default();
        for i in 0..KEPT_LINES + 5 {
            push_line(&mut s, format!("dòng {i}"));
        }
        assert_eq!(s.dong.len(), KEPT_LINES);
        assert_eq!(s.bo_bot, 5);
        assert_eq!(s.dong.first().map(String::as_str), Some("dòng 5"));
    }
}
