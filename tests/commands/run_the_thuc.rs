//! `chibo run` applies the committee's `[the_thuc]` to the built-in templates, and writes
//! each document's Word properties from the issuer and `--as-of` (issue #12 items 11 and 12).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::docx_common::part;
use crate::sample_folder::copy_samples;

use std::process::Command;

#[test]
fn the_committee_format_and_properties_reach_the_documents() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    let toml = tmp.path().join("chibo.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    assert!(!config.contains("[the_thuc"), "the samples set no format");
    std::fs::write(
        &toml,
        format!(
            "{config}\n[the_thuc]\nphong_chu = \"Liberation Serif\"\n[the_thuc.co_chu]\nnoi_dung = 13.0\n[the_thuc.le]\ntrai = 35.0\n"
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["run", tmp.path().to_str().unwrap(), "--period", "2025-Q4"])
        .args(["--as-of", "2026-01-05"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let root = tmp.path().join("ket-qua/2025-Q4");
    let cell = root.join("chi-bo-van-phong-so");
    let mut docs: Vec<_> = std::fs::read_dir(&cell)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    docs.push(root.join("bao-cao-tong-hop-2025-Q4.docx"));
    docs.sort();
    assert!(docs.len() > 3, "{docs:?}");
    for path in &docs {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let doc = part(&bytes, "word/document.xml");
        // 35 mm = 1984 twips.
        assert!(doc.contains(r#"w:left="1984""#), "{name}: left margin");
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains(r#"w:ascii="Liberation Serif""#),
            "{name}: font"
        );
        assert!(!styles.contains("Times New Roman"), "{name}: old font");
        let core = part(&bytes, "docProps/core.xml");
        let issuer = if name.starts_with("bao-cao-tong-hop") {
            "Đảng ủy Sở Văn hóa tỉnh Hòa Bình Xanh"
        } else {
            "Chi bộ Văn phòng Sở"
        };
        assert!(
            core.contains(&format!("<dc:creator>{issuer}</dc:creator>")),
            "{name}: {core}"
        );
        assert!(
            core.contains(">2026-01-05T00:00:00Z</dcterms:modified>"),
            "{name}: {core}"
        );
        assert!(!core.contains("unknown"), "{name}: {core}");
    }
}
