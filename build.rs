//! Finds the external programs some tests drive (LibreOffice, poppler, Chromium) so that a
//! test needing one is compiled as *ignored, with the reason* when it is missing, instead of
//! passing silently. Nothing here affects the library or the `chibo` binary.
//!
//! Each program found on `PATH` sets a cfg (`has_soffice`, `has_pdftotext` …) and the
//! variable `CHIBO_TOOL_<NAME>` (its path) for the tests' `support::tools` helpers. The
//! script reruns when `PATH` changes; after installing a program without changing `PATH`,
//! `touch build.rs` (docs/testing.md).
//!
//! The lookup is hand-written (a dozen lines) rather than a build-dependency such as `which`,
//! which every user building chibo would then compile.

use std::path::{Path, PathBuf};

/// (cfg name, environment variable, programs that can stand for it, in order of preference).
const TOOLS: &[(&str, &str, &[&str])] = &[
    (
        "has_soffice",
        "CHIBO_TOOL_SOFFICE",
        &["soffice", "libreoffice"],
    ),
    ("has_pdftotext", "CHIBO_TOOL_PDFTOTEXT", &["pdftotext"]),
    ("has_pdftoppm", "CHIBO_TOOL_PDFTOPPM", &["pdftoppm"]),
    (
        "has_chromium",
        "CHIBO_TOOL_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    ),
    (
        "has_chromedriver",
        "CHIBO_TOOL_CHROMEDRIVER",
        &["chromedriver"],
    ),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    for (cfg, var, names) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if let Some(found) = names.iter().find_map(|n| find(&dirs, n)) {
            println!("cargo::rustc-cfg={cfg}");
            println!("cargo::rustc-env={var}={}", found.display());
        }
    }
}

/// The first executable file called `name` in `dirs`.
fn find(dirs: &[PathBuf], name: &str) -> Option<PathBuf> {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    dirs.iter()
        .map(|d| d.join(&file))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}
