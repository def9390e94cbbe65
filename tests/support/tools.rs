//! The external programs some tests drive: LibreOffice (`soffice`), poppler (`pdftotext`,
//! `pdftoppm`), Chromium and chromedriver.
//!
//! `build.rs` looks for them on `PATH` when the tests are compiled and sets one cfg per program
//! found (`has_soffice`, `has_pdftotext`, `has_pdftoppm`, `has_chromium`, `has_chromedriver`).
//! A test that needs one is marked so that, without it, cargo lists it as ignored with the
//! reason:
//!
//! ```ignore
//! #[test]
//! #[cfg_attr(not(has_soffice), ignore = "LibreOffice (soffice) không có trên máy")]
//! fn opens_in_libreoffice() {
//!     let soffice = support::tools::soffice();
//!     // …
//! }
//! ```
//!
//! Under `CI=true` a missing program is an error instead: [`tools_present_under_ci`] fails,
//! naming it and the Debian package that brings it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One program a test may need.
struct Tool {
    /// The name tests and messages use.
    name: &'static str,
    /// Where `build.rs` found it, if it did.
    path: Option<&'static str>,
    /// The cfg set when it was found.
    cfg: &'static str,
    /// The Debian package `.ci/run` installs for it.
    package: &'static str,
}

const TOOLS: [Tool; 5] = [
    Tool {
        name: "soffice",
        path: option_env!("CHIBO_TOOL_SOFFICE"),
        cfg: "has_soffice",
        package: "libreoffice-writer-nogui",
    },
    Tool {
        name: "pdftotext",
        path: option_env!("CHIBO_TOOL_PDFTOTEXT"),
        cfg: "has_pdftotext",
        package: "poppler-utils",
    },
    Tool {
        name: "pdftoppm",
        path: option_env!("CHIBO_TOOL_PDFTOPPM"),
        cfg: "has_pdftoppm",
        package: "poppler-utils",
    },
    Tool {
        name: "chromium",
        path: option_env!("CHIBO_TOOL_CHROMIUM"),
        cfg: "has_chromium",
        package: "chromium",
    },
    Tool {
        name: "chromedriver",
        path: option_env!("CHIBO_TOOL_CHROMEDRIVER"),
        cfg: "has_chromedriver",
        package: "chromium-driver",
    },
];

/// The path of a program, or a panic naming it. Only reached by a test whose `cfg_attr`
/// forgot the tool (without it the test is ignored).
fn path_of(name: &str) -> &'static Path {
    let tool = TOOLS.iter().find(|t| t.name == name).expect("a known tool");
    match tool.path {
        Some(p) => Path::new(p),
        None => panic!(
            "{name} không có trên máy (gói {}): mark this test \
             #[cfg_attr(not({}), ignore = \"…\")]",
            tool.package, tool.cfg
        ),
    }
}

/// LibreOffice.
pub fn soffice() -> &'static Path {
    path_of("soffice")
}

/// poppler's `pdftotext`.
pub fn pdftotext() -> &'static Path {
    path_of("pdftotext")
}

/// poppler's `pdftoppm`.
pub fn pdftoppm() -> &'static Path {
    path_of("pdftoppm")
}

/// Chromium (or Chrome).
pub fn chromium() -> &'static Path {
    path_of("chromium")
}

/// chromedriver.
pub fn chromedriver() -> &'static Path {
    path_of("chromedriver")
}

/// Whether the tests run under CI (`CI` set to anything but empty, `0` or `false`).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false" | "FALSE"))
}

/// Converts `files` with LibreOffice (`soffice --headless --convert-to <to>`) into `out_dir`,
/// with a private profile so that parallel tests and a running LibreOffice do not collide.
/// Returns the converted files, in the order of `files`; fails the test if one is missing.
pub fn convert(files: &[PathBuf], to: &str, out_dir: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("a temporary folder");
    let output = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out_dir)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ext = to.split(':').next().unwrap_or(to);
    files
        .iter()
        .map(|f| {
            let stem = f.file_stem().expect("a file name").to_string_lossy();
            let converted = out_dir.join(format!("{stem}.{ext}"));
            assert!(
                converted.is_file(),
                "LibreOffice did not convert {}: {}",
                f.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            converted
        })
        .collect()
}

/// The text of a PDF, laid out as on the page (`pdftotext -layout`).
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new(pdftotext())
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        output.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Under `CI=true` every program must be there: the tests that need one would otherwise be
/// ignored and CI would pass without them. Outside CI this only checks that what `build.rs`
/// found still exists (a stale build would ignore or fail tests for no reason).
#[test]
fn tools_present_under_ci() {
    let mut problems = Vec::new();
    for tool in &TOOLS {
        match tool.path {
            None if under_ci() => problems.push(format!(
                "{} không có trên máy (cài gói {}); CI=true requires it",
                tool.name, tool.package
            )),
            Some(p) if !Path::new(p).is_file() => problems.push(format!(
                "{} was found at {p} when the tests were built but is gone: `touch build.rs`",
                tool.name
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
