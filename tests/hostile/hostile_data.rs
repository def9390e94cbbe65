//! Bad values inside an otherwise good cell workbook (`Chi bộ Thử Nghiệm`), through the real
//! binary: the message names the file, sheet, cell and column; the cell gets no output folder;
//! the five sample cells are produced.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use common::*;

const FILE: &str = "chi-bo-thu-nghiem.xlsx";

fn run_with(edit: impl Fn(&mut CellBook)) -> (Folder, Out) {
    let f = Folder::samples();
    let mut b = CellBook::good();
    edit(&mut b);
    f.put(FILE, &b.xlsx());
    let out = f.run();
    out.no_panic();
    (f, out)
}

/// The cell was skipped with `errors` errors and nothing of it was written.
fn skipped(f: &Folder, out: &Out, errors: usize) {
    out.code(1).prints(&format!(
        "  {FILE}: BỎ QUA, sổ có {errors} lỗi (xem ở trên)"
    ));
    f.assert_outputs(&[]);
    assert!(
        f.log()
            .contains(&format!("- {FILE}: BỎ QUA vì có {errors} lỗi"))
    );
}

#[test]
fn impossible_dates() {
    let (f, out) = run_with(|b| {
        b.set("Đảng viên", 1, 2, s("31/02/2024"));
        b.set("Đảng viên", 2, 3, s("2024-13-45"));
    });
    out.says("lỗi: ngày không hợp lệ: `31/02/2024`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô C2 (cột «Ngày sinh»)\n  gợi ý: ghi ngày sinh dạng ngày/tháng/năm (14/02/1980) hoặc chỉ năm sinh (1980)")
        .says("lỗi: ngày không hợp lệ: `2024-13-45`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô D3 (cột «Ngày vào Đảng»)\n  gợi ý: ghi ngày theo dạng ngày/tháng/năm, ví dụ 14/02/2023");
    skipped(&f, &out, 2);
}

#[test]
fn impossible_meeting_date() {
    let (f, out) = run_with(|b| {
        b.set("Sinh hoạt", 2, 1, s("31/02/2024"));
    });
    out.says("lỗi: ngày không hợp lệ: `31/02/2024`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Sinh hoạt', ô B3 (cột «Ngày»)")
        // The attendance and score rows of the lost meeting are reported, not guessed.
        .says("lỗi: ngày điểm danh: không có buổi sinh hoạt nào ngày 11/11/2025 trong trang «Sinh hoạt»\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Điểm danh', ô A5 (cột «Ngày»)")
        .says("lỗi: điểm chấm cho ngày 11/11/2025: không có buổi sinh hoạt nào ngày 11/11/2025 trong trang «Sinh hoạt»\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô A3 (cột «Ngày»)");
    skipped(&f, &out, 3);
}

#[test]
fn scores_over_the_maximum() {
    let (f, out) = run_with(|b| {
        b.set("Chấm điểm", 1, 3, V::N(50.0));
        b.set("Chấm điểm", 2, 5, V::N(120.0));
    });
    out.says("lỗi: điểm nhóm 3 là 50, vượt quá điểm tối đa 45\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô D2 (cột «Nhóm 3»)")
        .says("lỗi: tổng điểm là 120, vượt quá điểm tối đa 100\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô F3 (cột «Tổng điểm»)");
    skipped(&f, &out, 2);
}

#[test]
fn unknown_attendance_mark() {
    let (f, out) = run_with(|b| {
        b.set("Điểm danh", 2, 2, s("Z"));
    });
    out.says("lỗi: ký hiệu điểm danh không rõ: `Z`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Điểm danh', ô C3 (cột «Tình trạng»)\n  gợi ý: dùng x, ✓, 1, có, có mặt, CM (có mặt);");
    skipped(&f, &out, 1);
}

#[test]
fn a_person_in_attendance_not_on_the_rolls() {
    let (f, out) = run_with(|b| {
        b.set("Điểm danh", 3, 1, s("Lê Văn Lạ"));
    });
    out.says("lỗi: «Lê Văn Lạ»: người không có trong danh sách đảng viên\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Điểm danh', ô B4 (cột «Họ và tên»)\n  gợi ý: kiểm tra chính tả họ tên, hoặc thêm người này vào trang «Đảng viên»");
    skipped(&f, &out, 1);
}

#[test]
fn duplicate_people() {
    let (f, out) = run_with(|b| {
        let r = b.sheet("Đảng viên")[2].clone();
        b.sheet("Đảng viên").push(r);
        b.set("Đảng viên", 4, 0, s("4"));
    });
    out.says("lỗi: «Phan Thị Lụa» bị ghi hai lần: trùng họ tên và ngày sinh với dòng 3; bỏ qua dòng này\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô B5 (cột «Họ và tên»)");
    skipped(&f, &out, 1);
}

const REF_HINT: &str =
    "gợi ý: sửa công thức (ô nó tham chiếu có thể đã bị xóa), hoặc thay bằng giá trị";

#[test]
fn formulas_that_evaluate_to_errors() {
    let (f, out) = run_with(|b| {
        b.set(
            "Chấm điểm",
            1,
            5,
            V::F("SUM(B2:E2)/0".into(), Some("#DIV/0!".into())),
        );
        b.set(
            "Chấm điểm",
            2,
            1,
            V::F("#REF!+1".into(), Some("#REF!".into())),
        );
    });
    out.says(&format!("lỗi: công thức trong ô cho kết quả lỗi `#DIV/0!`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô F2 (cột «Tổng điểm»)\n  {REF_HINT}"))
        .says("lỗi: công thức trong ô cho kết quả lỗi `#REF!`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô B3 (cột «Nhóm 1»)");
    // Reported once each: not again as an unreadable score.
    assert!(
        !out.stderr.contains("không đọc được số điểm"),
        "{}",
        out.stderr
    );
    skipped(&f, &out, 2);
}

/// Regression: a `#REF!` in a name cell used to become a person called "#REF!", silently
/// (and the real person then "not on the rolls" in the attendance).
#[test]
fn a_formula_error_never_becomes_a_name() {
    let (f, out) = run_with(|b| {
        b.set(
            "Đảng viên",
            3,
            1,
            V::F("Sheet9!A1".into(), Some("#REF!".into())),
        );
        b.set(
            "Thông tin",
            0,
            1,
            V::F("Sheet9!B1".into(), Some("#REF!".into())),
        );
    });
    out.says("lỗi: công thức trong ô cho kết quả lỗi `#REF!`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô B4 (cột «Họ và tên»)")
        .says("lỗi: công thức trong ô cho kết quả lỗi `#REF!`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Thông tin', ô B1");
    assert!(!out.stderr.contains("«#REF!»"), "{}", out.stderr);
    out.code(1);
    f.assert_outputs(&[]);
}

#[test]
fn a_formula_without_a_cached_value_is_a_warning_in_run() {
    let (f, out) = run_with(|b| {
        b.set("Chấm điểm", 1, 5, V::F("SUM(B2:E2)".into(), None));
    });
    let warning = "cảnh báo: công thức chưa có giá trị\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Chấm điểm', ô F2 (cột «Tổng điểm»)\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính";
    out.code(0)
        .says(warning)
        .prints("  Chi bộ Thử Nghiệm: 4 văn bản");
    f.assert_outputs(&[(TEST_CELL, &TEST_CELL_DOCS)]);
    // The log lists the warning under its file.
    let log = f.log();
    assert!(
        log.contains(&format!(
            "- {FILE}: Chi bộ Thử Nghiệm, 3 người, 3 buổi sinh hoạt; 1 cảnh báo\n  {}",
            warning.replace('\n', "\n  ")
        )),
        "{log}"
    );
}
