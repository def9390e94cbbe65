//! `chibo render` and `chibo template check` as the office runs them.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn chibo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .current_dir(dir)
        .env("LANG", "vi_VN.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("libreoffice.docx"), dir.path().join("mau.docx")).unwrap();
    dir
}

const ONE: &str = r#"{"chi_bo": {"ten": "Chi bộ 1"}, "ngay": "2024-03-08", "nguoi_ky": "Lê Văn Cường", "dang_vien": [{"ho_ten": "A", "vai_tro": "B"}]}"#;

fn body_text(path: &Path) -> String {
    visible_text(&part(&std::fs::read(path).unwrap(), "word/document.xml"))
}

#[test]
fn one_object_gives_one_document() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), ONE).unwrap();
    let o = chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "d.json", "--out", "ra.docx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        body_text(&dir.path().join("ra.docx"))
            .contains("Chi bộ: Chi bộ 1, ngày 08 tháng 3 năm 2024")
    );
    assert_eq!(stderr(&o).trim(), "đã ghi 1/1 văn bản vào ra.docx");
    // Default name when --out is not given.
    let o = chibo(dir.path(), &["render", "mau.docx", "--data", "d.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.path().join("mau-ket-qua.docx").exists());
}

#[test]
fn yaml_and_toml_data() {
    let dir = setup();
    std::fs::write(
        dir.path().join("d.yaml"),
        "chi_bo:\n  ten: Chi bộ Y\nngay: 2024-03-08\nnguoi_ky: X\ndang_vien: []\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d.toml"),
        "ngay = \"2024-03-08\"\nnguoi_ky = \"X\"\ndang_vien = []\n[chi_bo]\nten = \"Chi bộ T\"\n",
    )
    .unwrap();
    for (data, want) in [("d.yaml", "Chi bộ Y"), ("d.toml", "Chi bộ T")] {
        let o = chibo(
            dir.path(),
            &["render", "mau.docx", "--data", data, "--out", "x.docx"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(body_text(&dir.path().join("x.docx")).contains(want));
    }
}

#[test]
fn array_named_by_pattern_with_failures_and_duplicates() {
    let dir = setup();
    let data = serde_json::json!([
        {"ten_tep": "Nguyễn An", "chi_bo": {"ten": "1"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []},
        {"ten_tep": "../../ngoai", "chi_bo": {"ten": "2"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []},
        {"ten_tep": "thieu", "chi_bo": {"ten": "3"}, "ngay": "2024-03-08", "dang_vien": []},
        {"ten_tep": "trung", "chi_bo": {"ten": "4"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []},
        {"ten_tep": "TRUNG", "chi_bo": {"ten": "5"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []}
    ]);
    std::fs::write(dir.path().join("ds.json"), data.to_string()).unwrap();
    let o = chibo(
        dir.path(),
        &[
            "render",
            "mau.docx",
            "--data",
            "ds.json",
            "--name",
            "{{ ten_tep }}",
            "--out",
            "ra",
            "--jobs",
            "2",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(dir.path().join("ra/Nguyễn An.docx").exists());
    // `..` cannot leave the output folder.
    assert!(dir.path().join("ra/ngoai.docx").exists());
    assert!(!dir.path().join("ngoai.docx").exists());
    assert!(!dir.path().join("ra/thieu.docx").exists());
    assert!(!dir.path().join("ra/trung.docx").exists());
    assert!(!dir.path().join("ra/TRUNG.docx").exists());
    assert!(err.contains("lỗi: phần tử 3: dữ liệu không có biến `nguoi_ky` (dùng ở thẻ `{{ nguoi_ky }}`), trong đoạn «Người ký: {{ nguoi_ky }}»"), "{err}");
    assert!(err.contains("lỗi: phần tử 4: phần tử 4 và phần tử 5 cho cùng một tên tệp «TRUNG.docx»; hãy đổi --name"), "{err}");
    assert!(err.contains("lỗi: phần tử 5: phần tử 4 và phần tử 5 cho cùng một tên tệp «TRUNG.docx»; hãy đổi --name"), "{err}");
    assert!(
        err.trim_end().ends_with("đã ghi 2/5 văn bản vào ra"),
        "{err}"
    );
    // --lenient fills the missing one with nothing.
    let o = chibo(
        dir.path(),
        &[
            "render",
            "mau.docx",
            "--data",
            "ds.json",
            "--out",
            "ra2",
            "--lenient",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(dir.path().join("ra2"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names,
        ["001.docx", "002.docx", "003.docx", "004.docx", "005.docx"]
    );
    assert!(body_text(&dir.path().join("ra2/003.docx")).contains("Người ký: \n"));
}

#[test]
fn broken_template_exits_2_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = unzip(&build_docx("word-habits"));
    let doc = String::from_utf8(files["word/document.xml"].clone())
        .unwrap()
        .replace("{{ ghi_chu }}", "{{ ghi_chu }")
        .replace("| so }}", "| so_vn }}");
    files.insert("word/document.xml".into(), doc.into_bytes());
    std::fs::write(dir.path().join("hong.docx"), zip_files(&files)).unwrap();
    std::fs::write(dir.path().join("d.json"), "{}").unwrap();
    let o = chibo(dir.path(), &["render", "hong.docx", "--data", "d.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("lỗi: thẻ `{{ ghi_chu }` chưa đóng (thiếu `}}`), trong đoạn «Ghi chú: {{ ghi_chu }»\n  --> hong.docx, thân văn bản, đoạn 3\n"), "{err}");
    assert!(
        err.contains("lỗi: thẻ `{{ tien | so_vn }}`: không có bộ lọc `so_vn`"),
        "{err}"
    );
    let o = chibo(
        dir.path(),
        &["--lang", "en", "render", "hong.docx", "--data", "d.json"],
    );
    assert!(stderr(&o).starts_with("error: tag `{{ ghi_chu }` is not closed (missing `}}`), in paragraph «Ghi chú: {{ ghi_chu }»\n  --> hong.docx, body, paragraph 3\n"), "{}", stderr(&o));
    // Unreadable data is exit 2 too.
    std::fs::write(dir.path().join("x.json"), "{ oops").unwrap();
    let o = chibo(
        dir.path(),
        &[
            "render",
            &fixture("libreoffice.docx").display().to_string(),
            "--data",
            "x.json",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("lỗi: tệp dữ liệu viết sai: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn template_check_lists_problems_and_variables() {
    let dir = setup();
    let o = chibo(dir.path(), &["template", "check", "mau.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "mẫu mau.docx không có lỗi\nbiến mẫu dùng (6):\n  chi_bo.ten\n  dang_vien\n  dang_vien[].ho_ten\n  dang_vien[].vai_tro\n  ngay\n  nguoi_ky\n"
    );
    let o = chibo(dir.path(), &["template", "check", "mau.docx", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["ok"], true);
    assert_eq!(j["variables"][1], "dang_vien");
    // A broken one.
    let mut files = unzip(&std::fs::read(fixture("libreoffice.docx")).unwrap());
    let doc = String::from_utf8(files["word/document.xml"].clone())
        .unwrap()
        .replace("{%tr endfor %}", "{%tr endif %}");
    files.insert("word/document.xml".into(), doc.into_bytes());
    std::fs::write(dir.path().join("hong.docx"), zip_files(&files)).unwrap();
    let o = chibo(dir.path(), &["template", "check", "hong.docx", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["ok"], false);
    assert_eq!(j["problems"][0]["code"], "docx.block_unopened");
    assert_eq!(
        j["problems"][0]["place"],
        "thân văn bản, bảng 1, dòng 4, ô 1"
    );
    assert_eq!(j["problems"][1]["code"], "docx.block_unclosed");
    assert_eq!(j["variables"].as_array().unwrap().len(), 6);
}
