//! The shipped sample committee, for the tests that run chibo on it or on a copy of it.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// `samples/`, the fictional committee shipped with chibo.
pub(crate) fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Copies the sample committee (workbooks and `chibo.toml`, not earlier results) into `dst`.
pub(crate) fn copy_samples(dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(samples()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let input = [".xlsx", ".xls", ".ods"].iter().any(|x| name.ends_with(x));
        if e.path().is_file() && (input || name == "chibo.toml") {
            std::fs::copy(e.path(), dst.join(&name)).unwrap();
        }
    }
}
