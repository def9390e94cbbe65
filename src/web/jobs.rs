//! A run started from the page, and its progress as the page watches it.
//!
//! The run is `chibo run` itself, started as a child process of this server with the page's
//! choices: the command line and the page then give the same documents, a failure inside a
//! run can never take the page down, and its progress lines (`đã xử lý 3/5 sổ, 17 văn bản`) are
//! read as they come and passed on to the page (server-sent events, [`Runs::watch`]).

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// Runs `chibo run` for the request and reports each line; waits for its end.
fn run_child(tx: &watch::Sender<RunState>, req: &RunRequest) {
    let code = match spawn(req) {
        Ok(mut child) => {
            // Progress and problems come on stderr, the closing lines on stdout: stderr is read
            // as it comes, stdout at the end (a few lines).
            if let Some(err) = child.stderr.take() {
                for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                    tx.send_modify(|s| take_line(s, line));
                }
            }
            let mut out = String::new();
            if let Some(mut o) = child.stdout.take() {
                let _ = std::io::Read::read_to_string(&mut o, &mut out);
            }
            for line in out.lines() {
                tx.send_modify(|s| push_line(s, line.to_string()));
            }
            child.wait().ok().and_then(|s| s.code()).unwrap_or(2)
        }
        Err(e) => {
            let why = crate::os_error::describe(&e);
            tx.send_modify(|s| {
                s.dong
                    .push(format!("lỗi: không chạy được chibo: {}", why.vi))
            });
            2
        }
    };
    tx.send_modify(|s| {
        s.dang_chay = false;
        s.ma_thoat = Some(code);
    });
}

/// The child: this same program, `run` with the page's choices, in Vietnamese.
fn spawn(req: &RunRequest) -> std::io::Result<std::process::Child> {
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg("--lang")
        .arg("vi")
        .arg("run")
        .arg(&req.folder)
        .arg("--period")
        .arg(&req.period)
        .arg("--as-of")
        .arg(req.as_of.format("%Y-%m-%d").to_string());
    if req.pdf {
        cmd.arg("--pdf");
    }
    cmd.current_dir(folder_or_here(&req.folder))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

fn folder_or_here(folder: &Path) -> &Path {
    if folder.is_dir() {
        folder
    } else {
        Path::new(".")
    }
}

/// A line of the run: a progress line (`đã xử lý 3/5 sổ, 17 văn bản`) moves the bar; every
/// line is kept.
fn take_line(s: &mut RunState, line: String) {
    if let Some((read, total, docs)) = progress_numbers(&line) {
        s.da_doc = read;
        s.tong = total;
        s.van_ban = docs;
    }
    push_line(s, line);
}

fn push_line(s: &mut RunState, line: String) {
    if s.dong.len() >= KEPT_LINES {
        s.dong.remove(0);
        s.bo_bot += 1;
    }
    s.dong.push(line);
}

fn progress_numbers(line: &str) -> Option<(usize, usize, usize)> {
    let rest = line.strip_prefix("đã xử lý ")?;
    let (read, rest) = rest.split_once('/')?;
    let (total, rest) = rest.split_once(" sổ, ")?;
    let docs = rest.strip_suffix(" văn bản")?;
    Some((read.parse().ok()?, total.parse().ok()?, docs.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_are_read() {
        assert_eq!(
            progress_numbers("đã xử lý 3/5 sổ, 17 văn bản"),
            Some((3, 5, 17))
        );
        assert_eq!(progress_numbers("lỗi: x"), None);
    }

    #[test]
    fn only_the_last_lines_are_kept() {
        let mut s = RunState::default();
        for i in 0..KEPT_LINES + 5 {
            take_line(&mut s, format!("dòng {i}"));
        }
        assert_eq!(s.dong.len(), KEPT_LINES);
        assert_eq!(s.bo_bot, 5);
        assert_eq!(s.dong.first().map(String::as_str), Some("dòng 5"));
    }
}
