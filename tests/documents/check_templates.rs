//! `chibo check` validates the committee's own templates (they replace the built-in ones in
//! `chibo run`), and `chibo run` refuses to start with a broken one.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

/// The built-in quarterly report with one tag given a filter that does not exist.
fn broken_report() -> Vec<u8> {
    let src =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bao-cao-quy.docx"))
            .unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            assert!(xml.contains("{{ chi_bo.ten }}"));
            data = xml
                .replacen("{{ chi_bo.ten }}", "{{ chi_bo.ten | ngay_vn }}", 1)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_broken_own_template_is_reported_by_check_and_stops_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for name in ["chi-bo-1.xlsx", "chibo.toml"] {
        std::fs::copy(samples.join(name), dir.join(name)).unwrap();
    }
    std::fs::create_dir(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates/bao-cao-quy.docx"), broken_report()).unwrap();

    let check = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["check", dir.to_str().unwrap(), "--as-of", "2025-12-31"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let err = String::from_utf8_lossy(&check.stdout);
    assert!(err.contains("không có bộ lọc `ngay_vn`"), "{err}");
    assert!(
        err.contains("--> templates/bao-cao-quy.docx, thân văn bản, đoạn 4"),
        "{err}"
    );

    let run = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args([
            "run",
            dir.to_str().unwrap(),
            "--period",
            "2025-Q4",
            "--as-of",
            "2025-12-31",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("chưa tạo văn bản nào"));
    assert!(
        !dir.join("ket-qua").exists(),
        "nothing may be produced with a broken template"
    );
}
