//! Reading an untrusted `.xls`, `.ods` or `.xlsb` first in a child process with a memory limit.
//!
//! calamine builds these formats' sheets whole while it opens them (`.xls` and `.ods` as dense
//! rectangles, `.xls` with every shared string copied into each cell that uses it), and a failed
//! allocation aborts the process: it cannot be caught like a panic, so one small crafted file
//! would take every other cell's documents with it. The guards before calamine (the `.ods`
//! scan, the OLE chain check, the size limits) stop the cases we know, with a located message;
//! what they cannot see is contained here: the binary runs itself (`chibo __doc-thu <file>`,
//! a hidden command) under `setrlimit(RLIMIT_AS)`, reads every sheet, and exits. If the child
//! dies (an abort, a signal), the file is refused with a message naming it, and the parent
//! never reads it. If it ends normally, the parent reads the file itself, within the same
//! bound. `.xlsx`, the format of almost every cell's workbook, is streamed with guards and
//! pays nothing. Without a binary to run (the library used from another program, or a
//! platform without `setrlimit`), the file is read in-process, as before.
#![allow(
    clippy::result_large_err,
    reason = "one diagnostic per file, on a cold path"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::reader::Limits;
use crate::config::MIB;
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// The hidden command the binary answers with [`child_main`].
pub const PROBE_COMMAND: &str = "__doc-thu";

static PROBE_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Makes every later read of an `.xls`, `.ods` or `.xlsb` go first through a child process
/// running `exe` (the `chibo` binary: `src/main.rs` calls this with its own path).
pub fn isolate_with(exe: PathBuf) {
    let _ = PROBE_EXE.set(exe);
}

/// The address space the child may use: 1 GiB, or twice the unzipped-size limit if that was
/// raised above 512 MiB (a committee with really large files raises that one).
fn memory_limit(limits: &Limits) -> u64 {
    (1024 * MIB).max(limits.max_unzipped_bytes.saturating_mul(2))
}

/// Reads `path` in a child under the memory limit; `Err` when the child did not survive it.
pub(crate) fn check(path: &Path, display: &str, limits: &Limits) -> Result<(), Diagnostic> {
    let Some(exe) = PROBE_EXE.get() else {
        return Ok(());
    };
    let limit = memory_limit(limits);
    let child = Command::new(exe)
        .arg(PROBE_COMMAND)
        .arg(limit.to_string())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    // The child could not be started: read in-process, as without isolation.
    let Ok(child) = child else {
        return Ok(());
    };
    match wait(child) {
        Some(s) if s.success() => Ok(()),
        None => Err(Diagnostic::error(
            "file.too_slow",
            Location::file(display),
            t!("đọc tệp mất hơn {} giây mà chưa xong: tệp bị hỏng hoặc cố ý làm sai, chibo không đọc", TIME_LIMIT.as_secs() ;
               "reading the file took more than {} seconds without finishing: the file is damaged or crafted, chibo does not read it", TIME_LIMIT.as_secs()),
        )
        .with_hint(t!("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx, hoặc lấy lại tệp từ người gửi" ;
                      "open the file in Excel or LibreOffice and save it again as .xlsx, or get it again from the sender"))),
        Some(_) => Err(Diagnostic::error(
            "file.too_large",
            Location::file(display),
            t!("đọc tệp cần hơn {} MB bộ nhớ: tệp bị hỏng hoặc cố ý làm phình to, chibo không đọc", limit / MIB ;
               "reading the file needs more than {} MB of memory: the file is damaged or deliberately inflated, chibo does not read it", limit / MIB),
        )
        .with_hint(t!("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx, hoặc lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, {}", crate::config::raise_limit("giai_nen_mb").vi ;
                      "open the file in Excel or LibreOffice and save it again as .xlsx, or get it again from the sender; if it really is the cell's workbook, {}", crate::config::raise_limit("giai_nen_mb").en))),
    }
}

/// How long the child may read: a Party cell's workbook takes well under a second; a file
/// that keeps calamine busy longer is not one.
const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Waits for the child up to [`TIME_LIMIT`]; `None` (the child killed) past it.
/// Hand-written polling: the standard library has no wait with a timeout.
fn wait(mut child: std::process::Child) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < TIME_LIMIT => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// The child: `chibo __doc-thu <memory limit in bytes> <file>`. Caps its own address space,
/// opens the file and reads every sheet as the parent would, and exits 0 whatever the file
/// holds (errors and panics included: the parent reports them itself); only an abort or a
/// signal, which the parent sees, means the file cannot be read within the limit.
pub fn child_main(args: &[std::ffi::OsString]) -> u8 {
    let (Some(limit), Some(path)) = (args.first(), args.get(1)) else {
        return 2;
    };
    let Some(limit) = limit.to_str().and_then(|l| l.parse::<u64>().ok()) else {
        return 2;
    };
    if !cap_memory(limit) {
        return 3;
    }
    std::panic::set_hook(Box::new(|_| {}));
    let path = Path::new(path);
    let _ = std::panic::catch_unwind(|| read_all(path));
    0
}

#[cfg(unix)]
fn cap_memory(limit: u64) -> bool {
    use rustix::process::{Resource, Rlimit, setrlimit};
    setrlimit(
        Resource::As,
        Rlimit {
            current: Some(limit),
            maximum: Some(limit),
        },
    )
    .is_ok()
}

#[cfg(not(unix))]
fn cap_memory(_limit: u64) -> bool {
    false
}

/// Opens the file and reads every sheet (no limit of `[gioi_han]` stops it early: the memory
/// cap is the limit here).
fn read_all(path: &Path) {
    let limits = Limits {
        max_rows: u32::MAX,
        max_cols: u32::MAX,
        max_cells: usize::MAX,
        max_unzipped_bytes: u64::MAX,
        max_zip_entries: usize::MAX,
    };
    let Ok(mut book) = super::open::open_unprobed(path, "", &limits) else {
        return;
    };
    let mut text_bytes = 0;
    for sheet in book.sheet_names() {
        let _ = book.load(&sheet, "", &limits, &mut text_bytes);
    }
}
