//! `chibo render` and `chibo template check` as the office runs them.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use std::path::Path;
use std::process::Command;

use common::*;
use common::{chibo_in as chibo, folder_with_template as setup, stderr_of as stderr};

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

/// `--out` for one document: a folder (existing, or written with a trailing `/`) gets the
/// document inside it, named by `--name` or after the template; a file name without `.docx`
/// gets it. Before, `--out .` failed with «tệp đang được chương trình khác dùng» and `--out ra`
/// wrote a file named `ra` that Word does not open with a double click.
#[test]
fn one_document_into_a_folder_or_a_name_without_docx() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), ONE).unwrap();
    let render = |out: &str, more: &[&str]| {
        let mut args = vec!["render", "mau.docx", "--data", "d.json", "--out", out];
        args.extend(more);
        let o = chibo(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o).trim().to_string()
    };
    assert_eq!(
        render(".", &[]),
        "đã ghi 1/1 văn bản vào ./mau-ket-qua.docx"
    );
    assert_eq!(render("ra", &[]), "đã ghi 1/1 văn bản vào ra.docx");
    assert_eq!(
        render("moi/", &[]),
        "đã ghi 1/1 văn bản vào moi/mau-ket-qua.docx"
    );
    assert_eq!(
        render("moi", &["--name", "{{ chi_bo.ten }}"]),
        "đã ghi 1/1 văn bản vào moi/Chi bộ 1.docx"
    );
    for p in [
        "mau-ket-qua.docx",
        "ra.docx",
        "moi/mau-ket-qua.docx",
        "moi/Chi bộ 1.docx",
    ] {
        assert!(
            body_text(&dir.path().join(p)).contains("Chi bộ: Chi bộ 1"),
            "{p}"
        );
    }
    assert!(!dir.path().join("ra").exists());
}

/// Data from a pipe (`--data /dev/stdin`) is read once: an object, and an array too. Before,
/// the file was opened twice and the second reading found the pipe empty.
#[cfg(unix)]
#[test]
fn data_from_a_pipe() {
    use std::io::Write as _;
    let dir = setup();
    for (data, out, made) in [
        (ONE.to_string(), "mot.docx", vec!["mot.docx"]),
        (
            format!("[{ONE}, {ONE}]"),
            "nhieu",
            vec!["nhieu/001.docx", "nhieu/002.docx"],
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chibo"))
            .current_dir(dir.path())
            .args(["render", "mau.docx", "--data", "/dev/stdin", "--out", out])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(data.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        for p in made {
            assert!(body_text(&dir.path().join(p)).contains("Chi bộ 1"), "{p}");
        }
    }
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

/// Numbered names are given once the batch is read (one pass): past 999 documents they are
/// four digits wide, every one of them; and a template that is itself a numbered document of
/// the output folder is never written over.
#[test]
fn numbered_names_follow_the_count_and_spare_the_template() {
    let dir = setup();
    let data = format!("[{}]", vec![ONE; 1000].join(","));
    std::fs::write(dir.path().join("ds.json"), &data).unwrap();
    let o = chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "ds.json", "--out", "ra"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("ra"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 1000, "{names:?}");
    assert_eq!(names[0], "0001.docx");
    assert_eq!(names[999], "1000.docx");
    assert!(names.iter().all(|n| n.len() == "0001.docx".len()));
    assert!(body_text(&dir.path().join("ra/0500.docx")).contains("Lê Văn Cường"));

    std::fs::create_dir(dir.path().join("ra2")).unwrap();
    let template = dir.path().join("ra2/002.docx");
    std::fs::copy(dir.path().join("mau.docx"), &template).unwrap();
    let before = std::fs::read(&template).unwrap();
    std::fs::write(dir.path().join("ba.json"), format!("[{ONE},{ONE},{ONE}]")).unwrap();
    let o = chibo(
        dir.path(),
        &[
            "render",
            "ra2/002.docx",
            "--data",
            "ba.json",
            "--out",
            "ra2",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lỗi: phần tử 2: tệp kết quả «ra2/002.docx» trùng với chính tệp mẫu"),
        "{err}"
    );
    assert_eq!(std::fs::read(&template).unwrap(), before);
    assert!(dir.path().join("ra2/001.docx").exists());
    assert!(dir.path().join("ra2/003.docx").exists());
}

/// An element that is not valid JSON fails alone, like one lacking a variable; an array that
/// is cut off stops the batch before anything is written.
#[test]
fn a_broken_element_fails_alone_a_broken_array_stops_all() {
    let dir = setup();
    let good =
        r#"{"chi_bo": {"ten": "1"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []}"#;
    let data = format!(r#"[{good}, {{"chi_bo": {{"ten": }}}}, {good}]"#);
    std::fs::write(dir.path().join("ds.json"), &data).unwrap();
    let o = chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "ds.json", "--out", "ra"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(dir.path().join("ra/001.docx").exists());
    assert!(!dir.path().join("ra/002.docx").exists());
    assert!(dir.path().join("ra/003.docx").exists());
    assert!(err.contains("lỗi: phần tử 2: dữ liệu viết sai: "), "{err}");
    assert!(
        err.trim_end().ends_with("đã ghi 2/3 văn bản vào ra"),
        "{err}"
    );
    // Cut off: no document at all, and the file named.
    std::fs::write(dir.path().join("cut.json"), &data[..data.len() - 1]).unwrap();
    let o = chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "cut.json", "--out", "ra2"],
    );
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("tệp dữ liệu viết sai: mảng JSON không kết thúc"),
        "{err}"
    );
    assert!(!dir.path().join("ra2/001.docx").exists());
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

/// Peak resident memory of `chibo render` on `n` elements of about 45 KB each, in KB
/// (`/usr/bin/time -f %M`).
fn render_peak_kb(dir: &Path, n: usize) -> u64 {
    let big = "Khu phố ".repeat(5_000);
    // The data is what grows; the document shows only its number.
    let data: Vec<serde_json::Value> = (0..n)
        .map(|i| serde_json::json!({"so": i, "ghi_chu": big}))
        .collect();
    let file = format!("ds-{n}.json");
    std::fs::write(dir.join(&file), serde_json::to_vec(&data).unwrap()).unwrap();
    let out = format!("ra-{n}");
    let o = Command::new("/usr/bin/time")
        .current_dir(dir)
        .args(["-f", "%M", env!("CARGO_BIN_EXE_chibo")])
        .args(["render", "nho.docx", "--data", &file, "--out", &out])
        .output()
        .expect("/usr/bin/time is needed to measure memory");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(std::fs::read_dir(dir.join(&out)).unwrap().count(), n);
    err.lines().last().unwrap().trim().parse().unwrap()
}

#[test]
fn a_json_array_is_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = std::collections::BTreeMap::new();
    for rel in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        files.insert(
            rel.to_string(),
            std::fs::read(fixture("skeleton").join(rel)).unwrap(),
        );
    }
    let doc = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Số {{ so }}{% if ghi_chu == "" %}!{% endif %}</w:t></w:r></w:p></w:body></w:document>"#;
    files.insert("word/document.xml".to_string(), doc.as_bytes().to_vec());
    std::fs::write(dir.path().join("nho.docx"), zip_files(&files)).unwrap();
    let small = render_peak_kb(dir.path(), 100);
    let large = render_peak_kb(dir.path(), 1_000);
    // 900 more elements are 40 MB more JSON: held whole, the peak would grow by more than
    // that; streamed, a chunk at a time, it stays where it was.
    eprintln!("peak {small} KB for 100 elements, {large} KB for 1 000");
    assert!(
        large < small + 16_000,
        "peak {small} KB for 100 elements, {large} KB for 1 000"
    );
    assert_eq!(body_text(&dir.path().join("ra-1000/0001.docx")), "Số 0\n");
    assert_eq!(body_text(&dir.path().join("ra-1000/1000.docx")), "Số 999\n");
}

#[test]
fn template_check_knows_the_variables_of_a_default_document() {
    let dir = tempfile::tempdir().unwrap();
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for file in [
        "ke-hoach-chuyen-de.docx",
        "bien-ban-thuong-ky.docx",
        "bien-ban-chuyen-de.docx",
        "bao-cao-quy.docx",
        "bao-cao-tong-hop.docx",
    ] {
        std::fs::copy(templates.join(file), dir.path().join(file)).unwrap();
        let o = chibo(dir.path(), &["template", "check", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    }
    // The committee's copy of the quarterly report with a misspelt variable.
    let mut files = unzip(&std::fs::read(templates.join("bao-cao-quy.docx")).unwrap());
    let doc = String::from_utf8(files["word/document.xml"].clone())
        .unwrap()
        .replacen("{{ chi_bo.ten }}", "{{ chi_bo.ten_chi_bo }}", 1);
    files.insert("word/document.xml".into(), doc.into_bytes());
    let own = dir.path().join("mau-rieng");
    std::fs::create_dir(&own).unwrap();
    std::fs::write(own.join("bao-cao-quy.docx"), zip_files(&files)).unwrap();
    let o = chibo(
        dir.path(),
        &["template", "check", "mau-rieng/bao-cao-quy.docx"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mẫu dùng biến `chi_bo.ten_chi_bo`, nhưng dữ liệu của văn bản bao-cao-quy.docx không có biến này"),
        "{err}"
    );
    assert!(err.contains("docs/default-documents.md"), "{err}");
    // Another file name is not a default document: any variable goes.
    std::fs::write(own.join("thu-moi.docx"), zip_files(&files)).unwrap();
    let o = chibo(dir.path(), &["template", "check", "mau-rieng/thu-moi.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
