//! `chibo run --pdf`: a PDF beside every document, each with the pages LibreOffice gives the
//! document alone; without LibreOffice, one Vietnamese message and the Word documents all the
//! same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::tools;
use crate::web_support::copy_samples;

fn run_pdf(dir: &Path, path_env: Option<&Path>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chibo"));
    cmd.args(["run", dir.to_str().unwrap()])
        .args(["--period", "2025-Q4", "--as-of", "2025-12-31", "--pdf"])
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("CHIBO_SOFFICE");
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    cmd.output().unwrap()
}

fn documents(dir: &Path) -> Vec<PathBuf> {
    chibo::pdf::documents_under(dir)
}

/// Pages of a PDF, by poppler's `pdfinfo` (installed with `pdftotext`).
fn pages(pdf: &Path) -> usize {
    let pdfinfo = tools::pdftotext().with_file_name("pdfinfo");
    let out = Command::new(pdfinfo).arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdfinfo {}: {out:?}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The document converted alone, the way one would by hand: its page count.
fn pages_alone(doc: &Path) -> usize {
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(tools::soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(doc)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let name = doc.with_extension("pdf");
    pages(&out.path().join(name.file_name().unwrap()))
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc poppler (pdfinfo) không có trên máy"
)]
fn run_pdf_writes_a_pdf_beside_each_document() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    let out = run_pdf(dir.path(), None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let results = dir.path().join("ket-qua/2025-Q4");
    let docs = documents(&results);
    assert!(docs.len() >= 25, "{docs:?}");
    assert!(
        stdout.contains(&format!("Đã tạo {} tệp PDF", docs.len())),
        "{stdout}"
    );
    for doc in &docs {
        let pdf = doc.with_extension("pdf");
        assert!(pdf.is_file(), "no PDF for {}", doc.display());
        assert!(pages(&pdf) >= 1, "{}", pdf.display());
    }
    // No work folder left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&results)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".chibo-pdf"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The batch gives each document the pages it has converted alone: one of each kind.
    for kind in ["bao-cao-tong-hop", "bao-cao-quy", "bien-ban", "ke-hoach"] {
        let doc = docs
            .iter()
            .find(|d| d.file_name().unwrap().to_string_lossy().starts_with(kind))
            .unwrap();
        assert_eq!(
            pages(&doc.with_extension("pdf")),
            pages_alone(doc),
            "{}",
            doc.display()
        );
    }
}

#[test]
fn without_libreoffice_the_documents_are_made_and_the_message_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    let empty = tempfile::tempdir().unwrap();
    let out = run_pdf(dir.path(), Some(empty.path()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr.contains("lỗi: không tìm thấy LibreOffice nên chưa tạo PDF"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("không tìm thấy LibreOffice").count(),
        1,
        "{stderr}"
    );
    let docs = documents(&dir.path().join("ket-qua/2025-Q4"));
    assert!(docs.len() >= 25, "{docs:?}");
    assert!(docs.iter().all(|d| !d.with_extension("pdf").exists()));
}
