//! The default templates open in LibreOffice: each converts to PDF, and the PDF's text holds the
//! fixed parts of the Party format. Skipped (with a note) when `soffice` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use chibo::view;

/// Whether a program runs (`soffice --version`; poppler's tools only know `-v`).
fn has(program: &str) -> bool {
    let flag = if program == "soffice" {
        "--version"
    } else {
        "-v"
    };
    Command::new(program)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Converts every file to PDF with one soffice call and a private profile; returns the PDFs.
fn to_pdf(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = out.join("profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("run soffice");
    assert!(status.status.success(), "soffice failed: {status:?}");
    files
        .iter()
        .map(|f| out.join(f.with_extension("pdf").file_name().expect("name")))
        .collect()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn default_templates_convert_to_pdf_with_the_party_format() {
    if !has("soffice") {
        eprintln!("note: soffice is not installed; PDF conversion not checked");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (name, bytes) in view::default_templates() {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        files.push(path);
    }
    let pdfs = to_pdf(&files, dir.path());
    for pdf in &pdfs {
        let size = std::fs::metadata(pdf).map(|m| m.len()).unwrap_or(0);
        assert!(size > 1000, "{}: no PDF written", pdf.display());
    }
    if !has("pdftotext") {
        eprintln!("note: pdftotext is not installed; PDF text not checked");
        return;
    }
    for (pdf, (name, _)) in pdfs.iter().zip(view::default_templates()) {
        let text = pdf_text(pdf);
        assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{name}: {text}");
        let issuer = if *name == "bao-cao-tong-hop.docx" {
            "{{ dang_uy.ten_hoa }}"
        } else {
            "{{ chi_bo.ten_hoa }}"
        };
        assert!(text.contains(issuer), "{name}: {text}");
        let title = match *name {
            "ke-hoach-chuyen-de.docx" => "KẾ HOẠCH",
            "bao-cao-quy.docx" | "bao-cao-tong-hop.docx" => "BÁO CÁO",
            _ => "BIÊN BẢN",
        };
        assert!(text.contains(title), "{name}: {text}");
        if name.starts_with("bien-ban") {
            assert!(
                text.contains("THƯ KÝ") && text.contains("CHỦ TRÌ"),
                "{name}"
            );
        } else {
            assert!(text.contains("Nơi nhận:"), "{name}: {text}");
            assert!(text.contains("{{ nguoi_ky.quyen_han }}"), "{name}");
        }
    }
}
