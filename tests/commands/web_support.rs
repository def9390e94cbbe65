//! What the page's and the PDF tests share: the samples copied, the page started as the office
//! starts it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Copies the sample committee (workbooks and `chibo.toml`) into `dst`.
pub(crate) fn copy_samples(dst: &Path) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(samples).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let wanted = [".xlsx", ".xls", ".ods"].iter().any(|x| name.ends_with(x));
        if e.path().is_file() && (wanted || name == "chibo.toml") {
            std::fs::copy(e.path(), dst.join(&name)).unwrap();
        }
    }
}

/// A running `chibo giao-dien`, stopped when dropped.
pub(crate) struct Page {
    child: Child,
    /// The first address, with the token.
    pub(crate) url: String,
    /// `127.0.0.1:<port>`.
    pub(crate) host: String,
    pub(crate) token: String,
}

impl Page {
    /// Starts `chibo giao-dien <dir> --khong-mo` and reads the address it prints.
    pub(crate) fn start(dir: &Path) -> Page {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chibo"))
            .args(["giao-dien", dir.to_str().unwrap(), "--khong-mo"])
            .env("LANG", "vi_VN.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        assert!(first.starts_with("Trang làm việc của chibo: "), "{first}");
        let rest = url.trim_start_matches("http://");
        let (host, query) = rest.split_once('/').unwrap();
        let token = query.trim_start_matches("?token=").to_string();
        Page {
            child,
            host: host.to_string(),
            url,
            token,
        }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh folder under the system's temporary folder.
pub(crate) fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = std::fs::canonicalize(dir.path()).unwrap();
    (dir, path)
}
