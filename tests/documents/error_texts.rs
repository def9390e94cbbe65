//! The errors of `chibo render` are Vietnamese through and through: a data file that is not
//! valid JSON, YAML or TOML, a template that is not a zip, a damaged zip entry, damaged XML,
//! a bad `--name`, a folder that cannot be made. The library's own English words appear only
//! in the `(nguyên văn: …)` bracket kept for whoever helps the office; `--lang en` keeps them.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use std::collections::BTreeMap;
use std::io::{Cursor, Write as _};

use common::*;
use common::{chibo_in as chibo, folder_with_template as setup, stderr_of as stderr};

/// English words of the libraries' messages (serde_json, zip, quick-xml, tera, the OS).
const ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "EOF",
    "while",
    "parsing",
    "not found",
    "Could",
    "archive",
    "error",
    "line",
    "column",
    "defined",
    "Unexpected",
    "checksum",
    "mismatch",
    "such file",
];

/// Every `lỗi:` line of `err`, outside the `(nguyên văn: …)` bracket, has no English word of
/// a library.
fn vietnamese_only(err: &str) {
    let mut seen = 0;
    for line in err.lines().filter(|l| l.starts_with("lỗi:")) {
        seen += 1;
        let own = line.split("(nguyên văn:").next().unwrap();
        for word in ENGLISH {
            assert!(!own.contains(word), "English `{word}` in: {line}");
        }
    }
    assert!(seen > 0, "no error line in: {err}");
}

#[test]
fn a_json_data_file_with_a_syntax_error() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), "{\n  \"a\": 1,\n  \"b\": \n}").unwrap();
    let o = chibo(dir.path(), &["render", "mau.docx", "--data", "d.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(
        err,
        "lỗi: tệp dữ liệu viết sai: dòng 4, cột 1: thiếu một giá trị, hoặc có ký tự không hợp lệ (nguyên văn: expected value)\n  --> d.json\n"
    );
    vietnamese_only(&err);
    // The English text keeps serde_json's words.
    let o = chibo(
        dir.path(),
        &["--lang", "en", "render", "mau.docx", "--data", "d.json"],
    );
    assert!(
        stderr(&o)
            .starts_with("error: the data file is not valid: line 4, column 1: expected value\n"),
        "{}",
        stderr(&o)
    );
    // Cut short inside an object.
    std::fs::write(dir.path().join("cut.json"), "{\"a\": {\"b\": 1").unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "cut.json"],
    ));
    assert!(
        err.starts_with(
            "lỗi: tệp dữ liệu viết sai: dòng 1, cột 13: hết tệp khi đang đọc một đối tượng (thiếu `}`) (nguyên văn: EOF while parsing an object)\n  --> cut.json"
        ),
        "{err}"
    );
    vietnamese_only(&err);
}

#[test]
fn an_element_of_an_array_with_a_syntax_error() {
    let dir = setup();
    let good =
        r#"{"chi_bo": {"ten": "1"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []}"#;
    std::fs::write(
        dir.path().join("ds.json"),
        format!("[{good},\n {{\"a\": 1, \"b\" 2}}]"),
    )
    .unwrap();
    let o = chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "ds.json", "--out", "ra"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "lỗi: phần tử 2: dữ liệu viết sai: dòng 1, cột 14: thiếu dấu `:` sau tên khóa (nguyên văn: expected `:`)\n  --> mau.docx\n"
        ),
        "{err}"
    );
    vietnamese_only(&err);
    // An array cut short: the splitter's own words, in one language each.
    std::fs::write(dir.path().join("cut.json"), format!("[{good}")).unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "cut.json", "--out", "ra2"],
    ));
    assert!(
        err.starts_with(
            "lỗi: tệp dữ liệu viết sai: mảng JSON không kết thúc (thiếu `]`)\n  --> cut.json\n"
        ),
        "{err}"
    );
    let err = stderr(&chibo(
        dir.path(),
        &[
            "--lang", "en", "render", "mau.docx", "--data", "cut.json", "--out", "ra2",
        ],
    ));
    assert!(
        err.starts_with(
            "error: the data file is not valid: the JSON array is not closed (missing `]`)\n"
        ),
        "{err}"
    );
}

#[test]
fn yaml_and_toml_data_files_with_a_syntax_error() {
    let dir = setup();
    std::fs::write(dir.path().join("d.yaml"), "a: [1, 2\nb: 3\n").unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "d.yaml"],
    ));
    assert!(
        err.starts_with("lỗi: tệp dữ liệu viết sai: dòng 2, cột 2: cú pháp YAML sai (nguyên văn: "),
        "{err}"
    );
    assert!(err.contains("\n  --> d.yaml\n"), "{err}");
    vietnamese_only(&err);
    std::fs::write(dir.path().join("d.toml"), "a = 1\nb = \n").unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "d.toml"],
    ));
    assert!(
        err.starts_with("lỗi: tệp dữ liệu viết sai: dòng 2, cột 5: cú pháp TOML sai (nguyên văn: "),
        "{err}"
    );
    assert!(err.contains("\n  --> d.toml\n"), "{err}");
    vietnamese_only(&err);
}

#[test]
fn a_missing_data_file_or_template() {
    let dir = setup();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "mau.docx", "--data", "khong-co.json"],
    ));
    assert_eq!(
        err,
        "lỗi: không đọc được tệp dữ liệu: không tìm thấy tệp hoặc thư mục (mã lỗi hệ thống 2)\n  --> khong-co.json\n"
    );
    std::fs::write(dir.path().join("d.json"), "{}").unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "khong-co.docx", "--data", "d.json"],
    ));
    assert_eq!(
        err,
        "lỗi: không đọc được mẫu: không tìm thấy tệp hoặc thư mục (mã lỗi hệ thống 2)\n  --> khong-co.docx\n"
    );
}

#[test]
fn a_template_that_is_not_a_zip() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), "{}").unwrap();
    std::fs::write(dir.path().join("hong.docx"), "không phải zip").unwrap();
    let mau = std::fs::read(dir.path().join("mau.docx")).unwrap();
    std::fs::write(dir.path().join("cut.docx"), &mau[..mau.len() / 2]).unwrap();
    for name in ["hong.docx", "cut.docx"] {
        let o = chibo(dir.path(), &["render", name, "--data", "d.json"]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("lỗi: tệp không phải là văn bản Word .docx (không mở được dạng zip: không tìm thấy mục lục ở cuối tệp nén: tệp bị cụt, hoặc không phải tệp nén (nguyên văn: invalid Zip archive: Could not find EOCD))\n  --> {name}\n")),
            "{err}"
        );
        vietnamese_only(&err);
    }
}

/// The fixture's parts, zipped without compression so that a part's bytes can be spoiled.
fn stored(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in files {
        zip.start_file(name.as_str(), opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_damaged_zip_entry_names_its_part() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), "{}").unwrap();
    let files = unzip(&std::fs::read(dir.path().join("mau.docx")).unwrap());
    let mut bytes = stored(&files);
    // One byte of word/styles.xml changed: its checksum no longer matches.
    let at = memchr::memmem::find(&bytes, b"<w:styles").unwrap();
    bytes[at + 3] = b'S';
    std::fs::write(dir.path().join("hong.docx"), &bytes).unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "hong.docx", "--data", "d.json"],
    ));
    assert!(
        err.starts_with(
            "lỗi: không đọc được phần word/styles.xml của tệp: dữ liệu không hợp lệ (nguyên văn: "
        ),
        "{err}"
    );
    assert!(err.contains("\n  --> hong.docx\n"), "{err}");
    vietnamese_only(&err);
}

#[test]
fn damaged_xml_in_a_template() {
    let dir = setup();
    std::fs::write(dir.path().join("d.json"), "{}").unwrap();
    let mut files = unzip(&std::fs::read(dir.path().join("mau.docx")).unwrap());
    // A part without tags (read whole at load) and the body (scanned for tags).
    let styles = String::from_utf8(files["word/styles.xml"].clone()).unwrap();
    let styles = styles.replacen("</w:style>", "</w:stile>", 1);
    files.insert("word/styles.xml".into(), styles.into_bytes());
    std::fs::write(dir.path().join("kieu.docx"), zip_files(&files)).unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "kieu.docx", "--data", "d.json"],
    ));
    assert!(
        err.starts_with("lỗi: phần word/styles.xml của mẫu hỏng, không phải XML hợp lệ (byte "),
        "{err}"
    );
    assert!(
        err.contains(": cần thẻ đóng </w:style> nhưng gặp </w:stile> (nguyên văn: "),
        "{err}"
    );
    assert!(err.contains("\n  --> kieu.docx\n"), "{err}");
    vietnamese_only(&err);

    let mut files = unzip(&std::fs::read(dir.path().join("mau.docx")).unwrap());
    let body = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    let body = body.replacen("</w:body>", "</w:bodi>", 1);
    files.insert("word/document.xml".into(), body.into_bytes());
    std::fs::write(dir.path().join("than.docx"), zip_files(&files)).unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &["render", "than.docx", "--data", "d.json"],
    ));
    assert!(err.starts_with("lỗi: XML hỏng ở byte "), "{err}");
    assert!(
        err.contains(": cần thẻ đóng </w:body> nhưng gặp </w:bodi> (nguyên văn: "),
        "{err}"
    );
    assert!(err.contains("\n  --> than.docx"), "{err}");
    vietnamese_only(&err);
}

#[test]
fn a_bad_name_pattern() {
    let dir = setup();
    let good =
        r#"{"chi_bo": {"ten": "1"}, "ngay": "2024-03-08", "nguoi_ky": "K", "dang_vien": []}"#;
    std::fs::write(dir.path().join("ds.json"), format!("[{good}]")).unwrap();
    let run = |name: &str| {
        stderr(&chibo(
            dir.path(),
            &[
                "render", "mau.docx", "--data", "ds.json", "--name", name, "--out", "ra",
            ],
        ))
    };
    let err = run("{{ ho_ten ");
    assert_eq!(
        err,
        "lỗi: mẫu tên tệp --name viết sai: dòng 1, cột 10: hết mẫu khi thẻ chưa đóng (thiếu `}}` hoặc `%}`) (nguyên văn: Unexpected end of input)\n  --> mau.docx\n"
    );
    let err = run("{{ ho_ten }}.docx");
    assert!(
        err.starts_with("lỗi: phần tử 1: không tạo được tên tệp từ --name: dòng 1, cột 4: dữ liệu không có biến `ho_ten` (nguyên văn: Variable `ho_ten` is not defined."),
        "{err}"
    );
    assert!(err.contains("\n  --> mau.docx\n"), "{err}");
    vietnamese_only(&err);
}

#[test]
fn an_output_folder_under_a_file() {
    let dir = setup();
    std::fs::write(dir.path().join("tep"), "x").unwrap();
    std::fs::write(dir.path().join("ds.json"), r#"[{"ten": "a"}]"#).unwrap();
    let err = stderr(&chibo(
        dir.path(),
        &[
            "render",
            "mau.docx",
            "--data",
            "ds.json",
            "--lenient",
            "--name",
            "x/{{ ten }}",
            "--out",
            "tep/ra",
        ],
    ));
    assert!(
        err.starts_with(
            "lỗi: phần tử 1: không tạo được thư mục «tep/ra»: đây là một tệp, không phải thư mục"
        ),
        "{err}"
    );
    vietnamese_only(&err);
}
