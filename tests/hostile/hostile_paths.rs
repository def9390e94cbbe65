//! Containment and durability: names from data never leave the output folder, text from data
//! never becomes a formula in the summary workbook, inputs are never written, Vietnamese and
//! spaces in names are fine.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use std::path::Path;

use common::*;

/// Every file under `dir`, relative, `/`-separated, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                v.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    v.sort();
    v
}

#[test]
fn render_name_patterns_stay_inside_the_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = tmp.path().join("a/b");
    std::fs::create_dir_all(&inner).unwrap();
    let data = inner.join("du-lieu.json");
    std::fs::write(
        &data,
        serde_json::json!([
            {"ten": "../../thoat-ra"},
            {"ten": "/tuyet-doi/x"},
            {"ten": "CON"},
            {"ten": "lpt1.txt"},
            {"ten": "a:b?*<>|\"c"},
            {"ten": "C:\\Windows\\he-thong"},
            {"ten": ""},
            {"ten": ".an"},
            {"ten": "cuối. "},
            {"ten": "\u{1}điều khiển"},
            {"ten": "..\\..\\..\\ngoai"},
        ])
        .to_string(),
    )
    .unwrap();
    let out_dir = inner.join("ra");
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/ke-hoach-chuyen-de.docx");
    let out = chibo(&[
        "render",
        template.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--name",
        "{{ ten }}.docx",
        "--lenient",
    ]);
    out.code(0).no_panic();
    assert_eq!(
        files(&out_dir),
        [
            "-điều khiển.docx",
            "C-/Windows/he-thong.docx",
            "_CON.docx",
            "_an.docx",
            "_docx.docx",
            "_lpt1.txt.docx",
            "a-b------c.docx",
            "cuối. .docx",
            "ngoai.docx",
            "thoat-ra.docx",
            "tuyet-doi/x.docx",
        ]
    );
    // Nothing was written anywhere else.
    assert_eq!(files(tmp.path()).len(), 12, "{:?}", files(tmp.path()));
}

/// A cell whose name holds a path, a Windows device name and forbidden characters, with
/// Vietnamese folder names on and an output folder that tries to climb out.
#[test]
fn cell_names_and_output_folder_stay_inside() {
    let f = Folder::samples();
    let toml = std::fs::read_to_string(f.dir.join("chibo.toml")).unwrap();
    f.put(
        "chibo.toml",
        format!("{toml}\n[dau_ra]\nthu_muc = \"../../ngoai\"\nten_tieng_viet = true\n").as_bytes(),
    );
    let mut b = CellBook::good();
    b.set("Thông tin", 0, 1, s("../../CON: Chi/bộ?*"));
    f.put("chi-bo-thu-nghiem.xlsx", &b.xlsx());
    let out = f.run();
    out.code(0).no_panic();
    let outputs = files(&f.dir.join("ngoai"));
    let ours: Vec<&String> = outputs.iter().filter(|p| p.contains("CON")).collect();
    assert_eq!(
        ours,
        [
            "2025-Q4/_.-..-CON- Chi-bộ--/Biên bản 2025-10-07 Thường kỳ.docx",
            "2025-Q4/_.-..-CON- Chi-bộ--/Biên bản 2025-11-11 Thường kỳ.docx",
            "2025-Q4/_.-..-CON- Chi-bộ--/Biên bản 2025-12-09 Thường kỳ.docx",
            "2025-Q4/_.-..-CON- Chi-bộ--/Báo cáo quý IV năm 2025.docx",
        ],
        "{outputs:#?}"
    );
    // Nothing outside the committee folder.
    assert_eq!(
        std::fs::read_dir(f.tmp.path()).unwrap().count(),
        1,
        "only the committee folder"
    );
}

/// Text from a cell's data that starts with `=`, `+`, `-` or `@` is written to the summary
/// workbook as text: no cell of it is a formula.
#[test]
fn spreadsheet_injection_stays_text() {
    let f = Folder::samples();
    let mut b = CellBook::good();
    b.set(
        "Thông tin",
        0,
        1,
        s("=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")"),
    );
    b.set("Thông tin", 1, 1, s("@SUM(1+1)*cmd|' /C calc'!A0"));
    b.set("Đảng viên", 1, 1, s("+Đỗ Văn Khải"));
    b.set("Điểm danh", 1, 1, s("+Đỗ Văn Khải"));
    b.set("Điểm danh", 4, 1, s("+Đỗ Văn Khải"));
    b.set("Điểm danh", 7, 1, s("+Đỗ Văn Khải"));
    b.set("Thông tin", 4, 1, s("+Đỗ Văn Khải"));
    f.put("chi-bo-thu-nghiem.xlsx", &b.xlsx());
    // A skipped cell whose bad value (shown in the problems sheet) is a formula too.
    let mut bad = CellBook::good();
    bad.set("Thông tin", 0, 1, s("Chi bộ Hỏng"));
    bad.set("Đảng viên", 2, 2, s("-1+2+cmd|' /C calc'!A0"));
    f.put("chi-bo-hong.xlsx", &bad.xlsx());
    let out = f.run();
    out.code(1).no_panic();
    let summary = f.out().join("tong-hop-2025-Q4.xlsx");
    let bytes = std::fs::read(&summary).unwrap();
    let mut strings = String::new();
    for (name, data) in unzip(&bytes) {
        let xml = String::from_utf8(data).unwrap();
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>"), "{name} holds a formula:\n{xml}");
            assert!(!xml.contains("<f "), "{name} holds a formula:\n{xml}");
        }
        if name == "xl/sharedStrings.xml" {
            strings = xml;
        }
    }
    for text in [
        "<t>=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")</t>",
        "<t>+Đỗ Văn Khải</t>",
        "`-1+2+cmd|' /C calc'!A0`",
    ] {
        assert!(
            strings.contains(text),
            "{text} not in the shared strings:\n{strings}"
        );
    }
}

#[test]
fn vietnamese_and_spaces_in_file_and_folder_names() {
    let f = Folder::samples_in("Đảng bộ Sở Văn hóa/Sổ sách quý IV");
    let good = CellBook::good().xlsx();
    f.put("Chi bộ số 6/Sổ chi bộ Thử Nghiệm (bản cuối).xlsx", &good);
    f.put(
        "Chi bộ số 7/Sổ hỏng của chi bộ.xlsx",
        &good[..good.len() / 3],
    );
    let out = f.run();
    out.code(1)
        .no_panic()
        .says("  --> Chi bộ số 7/Sổ hỏng của chi bộ.xlsx\n")
        .prints("  Chi bộ Thử Nghiệm: 4 văn bản")
        .prints("  Chi bộ số 7/Sổ hỏng của chi bộ.xlsx: BỎ QUA, sổ có 1 lỗi (xem ở trên)");
    f.assert_outputs(&[(TEST_CELL, &TEST_CELL_DOCS)]);
}

#[test]
fn an_empty_folder() {
    // Nothing could run: the office named the wrong folder, or the files are not there yet.
    let f = Folder::empty();
    let out = f.run();
    out.code(2)
        .no_panic()
        .says(&format!(
            "cảnh báo: thư mục «{}» không có sổ Excel nào (.xlsx, .xls, .ods)",
            f.dir.display()
        ))
        .says("lỗi: không có sổ Excel nào để tổng hợp; chưa tạo gì (kiểm tra lại thư mục)");
    assert_eq!(f.outputs(), Vec::<String>::new());
}

#[test]
fn inputs_are_never_written() {
    let f = Folder::samples();
    f.put("chi-bo-thu-nghiem.xlsx", &CellBook::good().xlsx());
    f.put("rong.xlsx", b"");
    f.put("templates/ghi-chu.txt", b"mau rieng");
    let before = snapshot(&f.dir);
    assert_eq!(before.len(), 11);
    f.run().code(1).no_panic();
    f.run().code(1).no_panic();
    assert_eq!(snapshot(&f.dir), before);
}
