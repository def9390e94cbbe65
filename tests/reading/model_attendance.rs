//! Attendance in both shapes, name matching, and the standing on each meeting day.

use crate::model_support;

use chibo::diagnostic::{Lang, Severity};
use chibo::model::{AttendanceSource, Cell, Mark, MeetingStatus};
use chibo::schema::{Col, SheetKind};
use chibo::workbook::{AttendanceShape, Table};
use model_support::*;
use unicode_normalization::UnicodeNormalization;

fn two_meetings() -> Table {
    meetings()
        .row(&["10/01/2024", "Thường kỳ", "", ""])
        .row(&["14/02/2024", "Chuyên đề", "Học tập và làm theo", ""])
        .build()
}

fn matrix() -> TableBuilder {
    TableBuilder::new(SheetKind::Attendance, 1)
        .shape(AttendanceShape::Matrix)
        .col("STT", Col::Stt)
        .col("Họ và tên", Col::FullName)
        .date_col("10/01/2024", t("10/01/2024"))
        .date_col("14/02/2024", dt(2024, 2, 14))
}

/// (person, mark, reason) of one meeting's entries.
fn marks(cell: &Cell, meeting: usize) -> Vec<(usize, Option<Mark>, Option<String>)> {
    cell.meetings[meeting]
        .attendance
        .iter()
        .map(|e| (e.person, e.mark, e.reason.clone()))
        .collect()
}

#[test]
fn matrix_marks_reasons_and_name_matching() {
    let decomposed: String = "Phạm  Minh   Thử".nfd().collect();
    let table = matrix()
        .row(&["1", "Đ/c Lê Văn Mẫu", "x", "P: đi công tác"])
        .row(&["2", "trần thị hoà", "CP (ốm)", "K"])
        .row(&["3", &decomposed, "", "✓"])
        .row(&["4", "Võ Thị Quần", "", "có mặt"])
        .build();
    let (cell, diags) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), two_meetings(), table],
    ));
    assert_eq!(cell.attendance_source, AttendanceSource::Matrix);
    // The probationary member's empty cell is a warning; the quần chúng's is nothing.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let w = one(&diags, "attendance.empty");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(w), "'Điểm danh'!D5");
    assert_eq!(
        w.render(Lang::Vi),
        "cảnh báo: «Phạm Minh Thử» chưa được điểm danh buổi sinh hoạt ngày 10/01/2024\n  --> cb-thu.xlsx, trang tính 'Điểm danh', ô D5 (cột «10/01/2024»)\n  gợi ý: ghi x (có mặt), P (vắng có lý do), K (vắng không lý do) hoặc M (miễn); ô trống không được tính là có mặt"
    );
    assert_eq!(
        marks(&cell, 0),
        [
            (0, Some(Mark::Present), None),
            (1, Some(Mark::Excused), Some("ốm".to_string())),
            (2, None, None),
        ]
    );
    assert_eq!(
        marks(&cell, 1),
        [
            (0, Some(Mark::Excused), Some("đi công tác".to_string())),
            (1, Some(Mark::Unexcused), None),
            (2, Some(Mark::Present), None),
            (3, Some(Mark::Present), None),
        ]
    );
    assert_eq!(cell.meetings[0].attendance[0].source.row, 2);
    // Attendance is a result: both meetings are held.
    assert!(
        cell.meetings
            .iter()
            .all(|m| m.status == MeetingStatus::Held)
    );
}

#[test]
fn unknown_and_ambiguous_names() {
    let people = members()
        .row(&["1", "Lê Văn Mẫu", "1975", "", "", "", "Chính thức", ""])
        .row(&["2", "Lê Văn Mẫu", "1988", "", "", "", "Chính thức", ""])
        .row(&["3", "Trần Thị Hòa", "1980", "", "", "", "Chính thức", ""])
        .build();
    let table = matrix()
        .row(&["1", "Lê Văn Mẫu", "x", "x"])
        .row(&["2", "Lê Văn Mẫu (1988)", "x", "x"])
        .row(&["3", "TRẦN THỊ HOÀ", "x", "x"])
        .row(&["4", "Nguyễn Văn Lạ", "x", "x"])
        .build();
    let (cell, diags) = build(&workbook(
        Some(standard_info()),
        vec![people, two_meetings(), table],
    ));
    let amb = one(&diags, "person.ambiguous");
    assert_eq!(amb.severity, Severity::Error);
    assert_eq!(at(amb), "'Điểm danh'!C3");
    assert_eq!(
        amb.render(Lang::Vi),
        "lỗi: «Lê Văn Mẫu»: có 2 người trùng tên trong danh sách đảng viên (dòng 4, dòng 5)\n  --> cb-thu.xlsx, trang tính 'Điểm danh', ô C3 (cột «Họ và tên»)\n  gợi ý: ghi thêm năm sinh sau tên để phân biệt, ví dụ «Lê Văn Mẫu (1980)»"
    );
    let unk = one(&diags, "person.unknown");
    assert_eq!(at(unk), "'Điểm danh'!C6");
    assert_eq!(
        unk.message.vi,
        "«Nguyễn Văn Lạ»: người không có trong danh sách đảng viên"
    );
    assert_eq!(
        unk.hint.as_ref().unwrap().vi,
        "kiểm tra chính tả họ tên, hoặc thêm người này vào trang «Đảng viên»"
    );
    // `(1988)` picked the second Lê Văn Mẫu; `HOÀ` matched `Hòa`.
    let people: Vec<usize> = cell.meetings[0]
        .attendance
        .iter()
        .map(|e| e.person)
        .collect();
    assert_eq!(people, [1, 2]);
}

#[test]
fn unknown_marks_list_the_accepted_ones() {
    let mut config = config();
    config.diem_danh.ky_hieu.co_mat = vec!["Đủ".into()];
    let table = matrix().row(&["1", "Lê Văn Mẫu", "đủ", "?"]).build();
    let raw = workbook(
        Some(standard_info()),
        vec![four_people(), two_meetings(), table],
    );
    let (cell, diags) = chibo::model::build_cell(&raw, &config, as_of());
    let e = one(&diags, "mark.unknown");
    assert_eq!(at(e), "'Điểm danh'!E3");
    assert_eq!(
        e.render(Lang::Vi),
        "lỗi: ký hiệu điểm danh không rõ: `?`\n  --> cb-thu.xlsx, trang tính 'Điểm danh', ô E3 (cột «14/02/2024»)\n  gợi ý: dùng x, ✓, 1, có, có mặt, CM, Đủ (có mặt); P, CP, có phép, vắng có lý do, VCLD, V/CLD (vắng có lý do); K, KP, không phép, vắng không lý do, VKLD, 0 (vắng không lý do); M, miễn (miễn). Lý do ghi sau ký hiệu, ví dụ «P: đi công tác»"
    );
    assert_eq!(marks(&cell, 0), [(0, Some(Mark::Present), None)]);
}

#[test]
fn a_date_column_without_a_meeting_is_an_error_at_its_header() {
    let table = matrix()
        .date_col("Ngày 20/03/2024", t("20/03/2024"))
        .row(&["1", "Lê Văn Mẫu", "x", "x", "x"])
        .build();
    let (_, diags) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), two_meetings(), table],
    ));
    let e = one(&diags, "meeting.no_match");
    assert_eq!(at(e), "'Điểm danh'!F2");
    assert_eq!(
        e.message.vi,
        "cột «Ngày 20/03/2024»: không có buổi sinh hoạt nào ngày 20/03/2024 trong trang «Sinh hoạt»"
    );
}

#[test]
fn standing_on_the_day_decides_whether_an_empty_cell_matters() {
    let people = members()
        .row(&[
            "1",
            "Lê Văn Mẫu",
            "",
            "01/01/1990",
            "01/01/1991",
            "",
            "Chuyển đi",
            "01/02/2024",
        ])
        .row(&[
            "2",
            "Trần Thị Hòa",
            "",
            "01/01/1990",
            "01/01/1991",
            "",
            "Miễn sinh hoạt",
            "01/01/2024",
        ])
        .row(&["3", "Phạm Minh Thử", "", "20/01/2024", "", "", "", ""])
        .row(&["4", "Đỗ Văn Đủ", "", "01/01/2000", "01/01/2001", "", "", ""])
        .build();
    let table = matrix()
        .row(&["1", "Lê Văn Mẫu", "", ""])
        .row(&["2", "Trần Thị Hòa", "", ""])
        .row(&["3", "Phạm Minh Thử", "", ""])
        .row(&["4", "Đỗ Văn Đủ", "x", "x"])
        .build();
    let (cell, diags) = build(&workbook(
        Some(standard_info()),
        vec![people, two_meetings(), table],
    ));
    // 10/01: Mẫu still on the rolls (transferred 01/02) → warning; Hòa exempted → nothing;
    // Thử not yet admitted (20/01) → nothing. 14/02: Mẫu gone → nothing; Thử dự bị → warning.
    let empties: Vec<String> = with_code(&diags, "attendance.empty")
        .iter()
        .map(|d| at(d))
        .collect();
    assert_eq!(empties, ["'Điểm danh'!D3", "'Điểm danh'!E5"], "{diags:#?}");
    assert_eq!(diags.len(), 2);
    assert_eq!(cell.meetings[0].attendance.len(), 2);
}

#[test]
fn long_shape() {
    let table = TableBuilder::new(SheetKind::Attendance, 0)
        .shape(AttendanceShape::Long)
        .col("Ngày", Col::Date)
        .col("Họ và tên", Col::FullName)
        .col("Tình trạng", Col::Mark)
        .col("Lý do", Col::Reason)
        .row(&["10/01/2024", "Lê Văn Mẫu", "có mặt", ""])
        .row(&["10/01/2024", "Trần Thị Hòa", "vắng có lý do", "ốm"])
        .row(&["10/01/2024", "Phạm Minh Thử", "", ""])
        .row(&["11/01/2024", "Lê Văn Mẫu", "x", ""])
        .row(&["11/01/2024", "Trần Thị Hòa", "x", ""])
        .row(&["10/01/2024", "Lê Văn Mẫu", "K", ""])
        .build();
    let (cell, diags) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), two_meetings(), table],
    ));
    assert_eq!(cell.attendance_source, AttendanceSource::Long);
    assert_eq!(
        marks(&cell, 0),
        [
            (0, Some(Mark::Present), None),
            (1, Some(Mark::Excused), Some("ốm".to_string())),
            (2, None, None),
        ]
    );
    let w = one(&diags, "attendance.empty");
    assert_eq!(at(w), "'Điểm danh'!D4");
    // One error per unknown day, at its first row.
    let e = one(&diags, "meeting.no_match");
    assert_eq!(at(e), "'Điểm danh'!B5");
    assert_eq!(
        e.message.vi,
        "ngày điểm danh: không có buổi sinh hoạt nào ngày 11/01/2024 trong trang «Sinh hoạt»"
    );
    let dup = one(&diags, "attendance.duplicate");
    assert_eq!(at(dup), "'Điểm danh'!D7");
    assert_eq!(
        dup.message.vi,
        "«Lê Văn Mẫu» được điểm danh hai lần cho buổi sinh hoạt ngày 10/01/2024 (lần đầu ở dòng 2)"
    );
    assert_eq!(diags.len(), 3);
}

#[test]
fn counts_only_cells_and_cells_without_attendance() {
    let with_counts = TableBuilder::new(SheetKind::Meetings, 0)
        .col("Ngày", Col::Date)
        .col("Có mặt", Col::Present)
        .row(&["10/01/2024", "20"])
        .row(&["14/02/2024", ""])
        .build();
    let (cell, diags) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), with_counts],
    ));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(cell.attendance_source, AttendanceSource::Counts);
    assert_eq!(cell.meetings[0].counts.present, Some(20));
    assert_eq!(cell.meetings[0].status, MeetingStatus::Held);
    assert_eq!(cell.meetings[1].status, MeetingStatus::Planned);
    let (cell, _) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), two_meetings()],
    ));
    assert_eq!(cell.attendance_source, AttendanceSource::None);
}

#[test]
fn a_day_with_two_sessions_shares_its_attendance() {
    let both = meetings()
        .row(&["10/01/2024", "Thường kỳ", "", ""])
        .row(&["10/01/2024", "Chuyên đề", "Chủ đề mẫu", ""])
        .build();
    let table = matrix().row(&["1", "Lê Văn Mẫu", "x", ""]).build();
    let (cell, _) = build(&workbook(
        Some(standard_info()),
        vec![four_people(), both, table],
    ));
    assert_eq!(marks(&cell, 0), [(0, Some(Mark::Present), None)]);
    assert_eq!(marks(&cell, 1), [(0, Some(Mark::Present), None)]);
}
