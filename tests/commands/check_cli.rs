//! `chibo check`: exit codes, the report, and the JSON document.
#![allow(clippy::unwrap_used)]

use crate::model_support;

use std::path::PathBuf;
use std::process::{Command, Output};

use chibo::commands::check::{exit_code, json_report, text_report};
use chibo::diagnostic::Lang;
use chibo::pipeline::{Committee, LoadedCell};
use chibo::schema::{Col, SheetKind};
use chibo::workbook::AttendanceShape;
use model_support::*;

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .output()
        .expect("run chibo")
}

#[test]
fn no_such_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("khong-co");
    let out = chibo(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("lỗi: không có thư mục «{}»\n", missing.display())),
        "{err}"
    );
    assert!(err.ends_with("không kiểm tra được\n"), "{err}");
}

#[test]
fn a_bad_config_exits_2_and_json_says_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chibo.toml"), "[diem_danh]\nnguon = 3\n").unwrap();
    let out = chibo(&["check", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cells"], serde_json::json!([]));
    assert_eq!(doc["diagnostics"][0]["code"], "config.unknown_key");
    assert_eq!(doc["diagnostics"][0]["file"], "chibo.toml");
}

#[test]
fn an_empty_folder_is_not_a_clean_check() {
    // A wrong folder must never look like a clean check: exit 2, as `run` does.
    let dir = tempfile::tempdir().unwrap();
    let out = chibo(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "31/12/2024",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("cảnh báo: thư mục «"), "{stderr}");
    assert!(stderr.contains("» không có sổ Excel nào (.xlsx, .xls, .ods)\n"));
    assert!(
        stderr.ends_with("không có sổ Excel nào để kiểm tra (kiểm tra lại thư mục)\n"),
        "{stderr}"
    );

    let out = chibo(&[
        "check",
        dir.path().to_str().unwrap(),
        "--json",
        "--as-of",
        "2024-12-31",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["as_of"], "2024-12-31");
    assert_eq!(doc["warnings"], 1);
    assert_eq!(doc["diagnostics"][0]["severity"], "warning");
    assert_eq!(doc["diagnostics"][0]["code"], "input.no_workbook");
}

/// A committee loaded by hand: one cell with a matrix attendance and one data error.
fn committee() -> Committee {
    let table = TableBuilder::new(SheetKind::Attendance, 0)
        .shape(AttendanceShape::Matrix)
        .col("Họ và tên", Col::FullName)
        .date_col("10/01/2024", t("10/01/2024"))
        .row(&["Lê Văn Mẫu", "x"])
        .row(&["Trần Thị Hòa", "P"])
        .row(&["Phạm Minh Thử", "K"])
        .row(&["Người Lạ", "x"])
        .build();
    let meetings = meetings()
        .row(&["10/01/2024", "Thường kỳ", "", ""])
        .row(&["14/02/2024", "Chuyên đề", "Chủ đề mẫu", ""])
        .row(&["13/03/2024", "Thường kỳ", "", "Hoãn"])
        .build();
    let raw = workbook(Some(standard_info()), vec![four_people(), meetings, table]);
    let (cell, diagnostics) = build(&raw);
    Committee {
        dir: PathBuf::from("."),
        config: config(),
        cells: vec![LoadedCell {
            path: PathBuf::from("cb-thu.xlsx"),
            display: "cb-thu.xlsx".into(),
            cell: Some(cell),
            diagnostics,
            ignored_sheets: vec!["Ghi chép".into()],
            read_by: None,
        }],
        diagnostics: Vec::new(),
    }
}

#[test]
fn the_report_groups_problems_by_file_then_summarises_each_cell() {
    let c = committee();
    assert_eq!(exit_code(&c), 1);
    let report = text_report(&c, as_of(), true, Lang::Vi);
    assert_eq!(
        report,
        "── cb-thu.xlsx ──\n\
         lỗi: «Người Lạ»: người không có trong danh sách đảng viên\n  --> cb-thu.xlsx, trang tính 'Điểm danh', ô B5 (cột «Họ và tên»)\n  gợi ý: kiểm tra chính tả họ tên, hoặc thêm người này vào trang «Đảng viên»\n\n\
         Chi bộ Thử Nghiệm (cb-thu.xlsx)\n  \
         Người (ngày 31/12/2024): 2 chính thức, 1 dự bị, 0 miễn sinh hoạt, 1 quần chúng, 0 không còn/chưa có trong danh sách\n  \
         Buổi sinh hoạt: 1 đã họp, 1 kế hoạch, 1 hoãn\n  \
         Điểm danh: 1/1 buổi đã họp có điểm danh (trang Điểm danh, mỗi buổi một cột)\n  \
         Trang tính bỏ qua: Ghi chép\n  \
         Có 1 lỗi, 0 cảnh báo: văn bản của chi bộ này sẽ không được tạo\n\n\
         Đã kiểm tra 1 sổ: 1 lỗi, 0 cảnh báo.\n\
         Quy định áp dụng: Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương; thang điểm `phu_tho` (Phú Thọ, Đảng ủy Khối các cơ quan tỉnh), mặc định của năm 2024.\n"
    );
    let en = text_report(&c, as_of(), false, Lang::En);
    assert!(
        en.contains("Checked 1 workbooks: 1 errors, 0 warnings.\nRules applied: Hướng dẫn số 12-HD/BTCTW")
            && en.ends_with("scoring scheme `phu_tho` (Phú Thọ, Đảng ủy Khối các cơ quan tỉnh), the default of 2024.\n"),
        "{en}"
    );
}

#[test]
fn the_json_document_has_the_agreed_shape() {
    let c = committee();
    let doc = json_report(&c, as_of(), Lang::Vi);
    // Round-trip through text, as another program would read it.
    let doc: serde_json::Value = serde_json::from_str(&doc.to_string()).unwrap();
    let cell = &doc["cells"][0];
    assert_eq!(cell["file"], "cb-thu.xlsx");
    assert_eq!(cell["name"], "Chi bộ Thử Nghiệm");
    assert_eq!(cell["symbol"], "CBTN");
    assert_eq!(cell["usable"], false);
    let members = cell["members"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    assert_eq!(members[0]["name"], "Lê Văn Mẫu");
    assert_eq!(members[0]["status"], "chinh_thuc");
    assert_eq!(members[0]["party_joined"], "2000-02-03");
    assert_eq!(members[0]["full_member_since"], "2001-02-03");
    assert_eq!(members[2]["status"], "du_bi");
    assert_eq!(members[2]["full_member_since"], serde_json::Value::Null);
    assert_eq!(members[3]["status"], "quan_chung");
    let meetings = cell["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 3);
    let m = &meetings[0];
    assert_eq!(m["date"], "2024-01-10");
    assert_eq!(m["kinds"], serde_json::json!(["thuong_ky"]));
    assert_eq!(m["status"], "held");
    assert_eq!(m["present"], 1);
    assert_eq!(m["excused"], 1);
    assert_eq!(m["unexcused"], 1);
    assert_eq!(m["eligible"], 3, "two full members and one probationary");
    assert_eq!(m["score"], serde_json::Value::Null);
    assert_eq!(m["band"], serde_json::Value::Null);
    assert_eq!(meetings[1]["kinds"], serde_json::json!(["chuyen_de"]));
    assert_eq!(meetings[1]["status"], "planned");
    assert_eq!(meetings[1]["present"], serde_json::Value::Null);
    assert_eq!(meetings[2]["status"], "postponed");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "person.unknown");
    assert_eq!(d["file"], "cb-thu.xlsx");
    assert_eq!(d["sheet"], "Điểm danh");
    assert_eq!(d["cell"], "B5");
    assert_eq!(
        d["message"],
        "«Người Lạ»: người không có trong danh sách đảng viên"
    );
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["warnings"], 0);
}
