//! The reader on workbooks built in code: the spec's "Tolerance" list, one case at a time.

#![allow(clippy::unwrap_used, reason = "test helpers")]

use crate::workbook_common;

use chibo::schema::{Col, InfoLabel, SheetKind};
use chibo::workbook::{AttendanceShape, ReadOptions, Value};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use workbook_common::*;

#[test]
fn canonical_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    let ws = meetings_sheet(&mut wb);
    ws.write_string(0, 2, "Giờ bắt đầu").unwrap();
    let time = Format::new().set_num_format("hh:mm");
    ws.write_number_with_format(1, 2, 14.0 / 24.0, &time)
        .unwrap();
    ws.write_datetime_with_format(
        2,
        0,
        NaiveDate::from_ymd_opt(2023, 3, 14).unwrap(),
        &date_format(),
    )
    .unwrap();
    ws.write_string(2, 1, "Chuyên đề").unwrap();
    wb.add_worksheet().set_name("Ghi chép").unwrap();
    let path = save(&mut wb, dir.path(), "cb2.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    assert_eq!(raw.display, "cb2.xlsx");
    assert_eq!(raw.ignored_sheets, vec!["Ghi chép".to_string()]);

    let info = raw.info.as_ref().unwrap();
    assert_eq!(info.sheet, "Thông tin");
    let labels: Vec<(InfoLabel, String)> = info
        .entries
        .iter()
        .map(|e| (e.label, e.value.as_ref().unwrap().value.display()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (InfoLabel::Name, "Chi bộ 2".into()),
            (InfoLabel::Symbol, "CB2".into()),
            (InfoLabel::Superior, "Đảng bộ Sở Thử Nghiệm".into()),
            (InfoLabel::Secretary, "Trần Văn Bình".into()),
        ]
    );
    assert_eq!(info.entries[1].value.as_ref().unwrap().row, 1);
    assert_eq!(info.entries[1].value.as_ref().unwrap().col, 1);

    let m = table(&raw, SheetKind::Members);
    assert_eq!(m.header_row, 0);
    assert_eq!(m.rows.len(), 1);
    assert_eq!(
        field(m, &m.rows[0], Col::FullName),
        Some(&text("Lê Thị Hoa"))
    );
    assert_eq!(field(m, &m.rows[0], Col::Stt), Some(&Value::Number(1.0)));

    let s = table(&raw, SheetKind::Meetings);
    assert_eq!(
        s.columns
            .iter()
            .map(|c| (c.header.as_str(), c.field))
            .collect::<Vec<_>>(),
        vec![
            ("Ngày", Some(Col::Date)),
            ("Loại", Some(Col::Kind)),
            ("Giờ bắt đầu", Some(Col::Start))
        ]
    );
    assert_eq!(field(s, &s.rows[0], Col::Date), Some(&text("14/02/2023")));
    assert_eq!(
        field(s, &s.rows[0], Col::Start),
        Some(&Value::Time(14 * 3600))
    );
    assert_eq!(
        field(s, &s.rows[1], Col::Date),
        Some(&midnight(2023, 3, 14))
    );
    assert_eq!(s.rows[1].row, 2);
}

/// Title rows merged across the width, a header merged over two rows, a column-number row,
/// group, total, blank and footer rows, a hidden row and a hidden column.
#[test]
fn messy_members_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("DANH SACH DANG VIEN").unwrap();
    let center = Format::new().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 6, "ĐẢNG BỘ SỞ THỬ NGHIỆM", &center)
        .unwrap();
    ws.merge_range(1, 0, 1, 6, "CHI BỘ 2", &center).unwrap();
    ws.merge_range(2, 0, 2, 6, "DANH SÁCH ĐẢNG VIÊN NĂM 2024", &center)
        .unwrap();
    // Header: rows 5-6 (0-based 4-5).
    ws.merge_range(4, 0, 5, 0, "STT", &center).unwrap();
    ws.merge_range(4, 1, 5, 1, "Họ và tên\nđảng viên", &center)
        .unwrap();
    ws.merge_range(4, 2, 5, 2, "NGÀY SINH:", &center).unwrap();
    ws.merge_range(4, 3, 4, 4, "Ngày vào Đảng", &center)
        .unwrap();
    ws.write_string(5, 3, "Dự bị").unwrap();
    ws.write_string(5, 4, "Chính thức").unwrap();
    ws.merge_range(4, 5, 5, 5, "Số thẻ ĐV", &center).unwrap();
    ws.merge_range(4, 6, 5, 6, "Ghi chú", &center).unwrap();
    for c in 0..7u16 {
        ws.write_string(6, c, format!("({})", c + 1)).unwrap();
    }
    ws.merge_range(7, 0, 7, 6, "I. Tổ đảng 1", &Format::new())
        .unwrap();
    ws.write_number(8, 0, 1.0).unwrap();
    ws.write_string(8, 1, "Nguyễn Văn An").unwrap();
    ws.write_string(8, 2, "05/02/1980").unwrap();
    ws.write_string(8, 3, "14/2/2010").unwrap();
    ws.write_string(8, 4, "14/02/2011").unwrap();
    ws.write_string(8, 5, "012345").unwrap();
    ws.write_number(9, 0, 2.0).unwrap();
    ws.write_string(9, 1, "Phạm Thị Bích").unwrap();
    ws.write_number(9, 2, 1985.0).unwrap();
    ws.set_row_hidden(9).unwrap();
    // row 10 blank
    ws.write_string(11, 0, "II").unwrap();
    ws.write_string(11, 1, "Tổ đảng 2").unwrap();
    ws.write_number(12, 0, 3.0).unwrap();
    ws.write_string(12, 1, "Võ Minh Châu").unwrap();
    ws.write_number(12, 2, 29285.0).unwrap();
    ws.write_string(12, 6, "Chuyển đến 2023").unwrap();
    ws.set_column_hidden(6).unwrap();
    ws.merge_range(13, 0, 13, 1, "Tổng cộng", &Format::new())
        .unwrap();
    ws.write_string(13, 2, "3 đ/c").unwrap();
    ws.write_string(15, 4, "Phan Thiết, ngày 20 tháng 12 năm 2024")
        .unwrap();
    ws.write_string(16, 1, "NGƯỜI LẬP BIỂU").unwrap();
    ws.write_string(16, 4, "T/M CHI BỘ").unwrap();
    ws.write_string(17, 4, "BÍ THƯ").unwrap();
    ws.write_string(20, 1, "Hoàng Thị Lập").unwrap();
    ws.write_string(20, 4, "Trần Văn Bình").unwrap();
    let path = save(&mut wb, dir.path(), "messy.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let m = table(&raw, SheetKind::Members);
    assert_eq!(m.sheet, "DANH SACH DANG VIEN");
    assert_eq!(m.header_row, 5);
    assert_eq!(
        m.columns
            .iter()
            .map(|c| (c.col, c.header.as_str(), c.field))
            .collect::<Vec<_>>(),
        vec![
            (0, "STT", Some(Col::Stt)),
            (1, "Họ và tên đảng viên", Some(Col::FullName)),
            (2, "NGÀY SINH:", Some(Col::Birth)),
            (3, "Ngày vào Đảng / Dự bị", Some(Col::Joined)),
            (4, "Ngày vào Đảng / Chính thức", None),
            (5, "Số thẻ ĐV", Some(Col::CardNo)),
            (6, "Ghi chú", Some(Col::Note)),
        ]
    );
    assert_eq!(
        m.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        vec![8, 9, 12]
    );
    assert_eq!(
        column_values(m, Col::FullName),
        vec!["Nguyễn Văn An", "Phạm Thị Bích", "Võ Minh Châu"]
    );
    // Text stays text (the model parses it, day first); a serial in a General cell stays a number.
    assert_eq!(field(m, &m.rows[0], Col::Birth), Some(&text("05/02/1980")));
    assert_eq!(
        field(m, &m.rows[1], Col::Birth),
        Some(&Value::Number(1985.0))
    );
    assert_eq!(
        field(m, &m.rows[2], Col::Birth),
        Some(&Value::Number(29285.0))
    );
    assert_eq!(field(m, &m.rows[0], Col::CardNo), Some(&text("012345")));
    assert_eq!(
        field(m, &m.rows[2], Col::Note),
        Some(&text("Chuyển đến 2023"))
    );
    assert_eq!(
        m.rows[0].get(4).map(|c| &c.value),
        Some(&text("14/02/2011"))
    );
}

/// Headers spelt every way users spell them.
#[test]
fn header_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("dang_vien").unwrap();
    let headers = [
        "TT",
        "Ho va ten",
        "  Năm   sinh ",
        "Ngày kết nạp:",
        "Ngay chinh thuc",
        "SỐ THẺ Đ/V",
        "Tình trạng",
        "Ngày sinh\n(dd/mm/yyyy)",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write_string(1, 1, "Bùi Văn Đức").unwrap();
    let path = save(&mut wb, dir.path(), "spell.xlsx");
    let (raw, diags) = read(&path);
    let m = table(&raw, SheetKind::Members);
    assert_eq!(
        m.columns.iter().map(|c| c.field).collect::<Vec<_>>(),
        vec![
            Some(Col::Stt),
            Some(Col::FullName),
            Some(Col::Birth),
            Some(Col::Joined),
            Some(Col::FullMemberSince),
            Some(Col::CardNo),
            Some(Col::Status),
            None,
        ]
    );
    assert_eq!(m.columns[2].header, "Năm sinh");
    assert_eq!(
        rendered(&diags),
        vec![
            "cảnh báo: cột «Ngày sinh (dd/mm/yyyy)» có hai lần; dùng cột C đầu tiên, bỏ qua cột H\n  --> spell.xlsx, trang tính 'dang_vien', ô H1 (cột «Ngày sinh (dd/mm/yyyy)»)"
        ]
    );
}

/// NFC, NBSP and the eth look-alike in sheet names, headers and values.
#[test]
fn unicode_forms() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    // "Ðảng viên" with U+00D0 and decomposed "ả".
    ws.set_name("\u{00D0}a\u{0309}ng vie\u{0302}n").unwrap();
    ws.write_string(0, 0, "Ho\u{0323}\u{00A0}va\u{0300} te\u{0302}n")
        .unwrap();
    ws.write_string(
        1,
        0,
        "Nguye\u{0302}\u{0303}n\u{00A0}\u{00A0}Va\u{0306}n  \u{00D0}u\u{031B}\u{0301}c ",
    )
    .unwrap();
    ws.write_string(2, 0, "Lê Thị\nHòa").unwrap();
    let path = save(&mut wb, dir.path(), "nfc.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let m = table(&raw, SheetKind::Members);
    assert_eq!(m.columns[0].header, "Họ và tên");
    assert_eq!(
        column_values(m, Col::FullName),
        vec!["Nguyễn Văn Đức", "Lê Thị\nHòa"]
    );
}

#[test]
fn attendance_matrix_and_long() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Điểm danh").unwrap();
    ws.merge_range(0, 0, 0, 5, "BẢNG ĐIỂM DANH NĂM 2025", &Format::new())
        .unwrap();
    ws.write_string(2, 0, "STT").unwrap();
    ws.write_string(2, 1, "Họ và tên").unwrap();
    ws.write_datetime_with_format(
        2,
        2,
        NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(),
        &date_format(),
    )
    .unwrap();
    ws.write_string(2, 3, "14/02/2025").unwrap();
    ws.write_string(2, 4, "Tháng 3 (12/03/2025)").unwrap();
    ws.write_number(2, 5, 45771.0).unwrap();
    ws.write_string(2, 6, "Ghi chú").unwrap();
    ws.write_number(3, 0, 1.0).unwrap();
    ws.write_string(3, 1, "Lê Thị Hoa").unwrap();
    for (c, v) in ["x", "P: đi công tác", "x", "K"].iter().enumerate() {
        ws.write_string(3, u16::try_from(c + 2).unwrap(), *v)
            .unwrap();
    }
    let path = save(&mut wb, dir.path(), "matrix.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let a = table(&raw, SheetKind::Attendance);
    assert_eq!(a.shape, Some(AttendanceShape::Matrix));
    assert_eq!(a.header_row, 2);
    let dates: Vec<Option<Value>> = a.columns.iter().map(|c| c.date.clone()).collect();
    assert_eq!(
        dates,
        vec![
            None,
            None,
            Some(midnight(2025, 1, 10)),
            Some(midnight(2025, 2, 14)),
            Some(midnight(2025, 3, 12)),
            Some(midnight(2025, 4, 24)),
            None
        ]
    );
    assert_eq!(a.columns[6].field, Some(Col::Note));
    assert_eq!(a.rows.len(), 1);
    assert_eq!(
        a.rows[0].get(3).map(|c| &c.value),
        Some(&text("P: đi công tác"))
    );

    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Diem danh").unwrap();
    for (c, h) in ["Ngày", "Họ và tên", "Tình trạng", "Lý do"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write_datetime_with_format(
        1,
        0,
        NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(),
        &date_format(),
    )
    .unwrap();
    ws.write_string(1, 1, "Lê Thị Hoa").unwrap();
    ws.write_string(1, 2, "CP").unwrap();
    ws.write_string(1, 3, "ốm").unwrap();
    let path = save(&mut wb, dir.path(), "long.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let a = table(&raw, SheetKind::Attendance);
    assert_eq!(a.shape, Some(AttendanceShape::Long));
    assert!(a.columns.iter().all(|c| c.date.is_none()));
    assert_eq!(
        field(a, &a.rows[0], Col::Date),
        Some(&midnight(2025, 1, 10))
    );
    assert_eq!(field(a, &a.rows[0], Col::Mark), Some(&text("CP")));
    assert_eq!(field(a, &a.rows[0], Col::Reason), Some(&text("ốm")));
}

#[test]
fn score_groups() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Chấm điểm").unwrap();
    ws.merge_range(0, 0, 1, 0, "Ngày", &Format::new()).unwrap();
    ws.merge_range(0, 1, 0, 4, "Điểm các nhóm tiêu chí", &Format::new())
        .unwrap();
    for (c, h) in ["Nhóm 1", "TC2", "III", "Kết thúc hội nghị"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, u16::try_from(c + 1).unwrap(), *h)
            .unwrap();
    }
    ws.merge_range(0, 5, 1, 5, "Tổng điểm", &Format::new())
        .unwrap();
    ws.merge_range(0, 6, 1, 6, "Xếp loại", &Format::new())
        .unwrap();
    ws.write_string(2, 0, "14/02/2023").unwrap();
    for (c, v) in [15.0, 18.0, 40.0, 20.0, 93.0].iter().enumerate() {
        ws.write_number(2, u16::try_from(c + 1).unwrap(), *v)
            .unwrap();
    }
    ws.write_string(2, 6, "Tốt").unwrap();
    let path = save(&mut wb, dir.path(), "scores.xlsx");
    let options = ReadOptions {
        group_titles: vec![
            "Công tác chuẩn bị".into(),
            "Tỷ lệ đảng viên tham dự".into(),
            "Tổ chức sinh hoạt".into(),
            "Kết thúc hội nghị".into(),
        ],
        ..ReadOptions::default()
    };
    let (raw, diags) = read_with(&path, &options);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let s = table(&raw, SheetKind::Scores);
    assert_eq!(s.header_row, 1);
    assert_eq!(
        s.columns
            .iter()
            .map(|c| (c.header.as_str(), c.field))
            .collect::<Vec<_>>(),
        vec![
            ("Ngày", Some(Col::Date)),
            ("Điểm các nhóm tiêu chí / Nhóm 1", Some(Col::Group(1))),
            ("Điểm các nhóm tiêu chí / TC2", Some(Col::Group(2))),
            ("Điểm các nhóm tiêu chí / III", Some(Col::Group(3))),
            (
                "Điểm các nhóm tiêu chí / Kết thúc hội nghị",
                Some(Col::Group(4))
            ),
            ("Tổng điểm", Some(Col::Total)),
            ("Xếp loại", Some(Col::Band)),
        ]
    );
    assert_eq!(s.rows.len(), 1);
    assert_eq!(
        field(s, &s.rows[0], Col::Group(3)),
        Some(&Value::Number(40.0))
    );
}

#[test]
fn info_sheet_forms() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("THONG TIN CHI BO").unwrap();
    ws.merge_range(0, 0, 0, 3, "THÔNG TIN CHI BỘ", &Format::new())
        .unwrap();
    ws.write_string(2, 1, "Tên chi bộ:").unwrap();
    ws.write_string(2, 3, "Chi bộ 5").unwrap();
    ws.write_string(3, 1, "Viết tắt: CB5").unwrap();
    ws.write_string(4, 0, "Trực thuộc").unwrap();
    ws.write_string(4, 1, "Đảng bộ Khối Thử Nghiệm").unwrap();
    ws.write_string(5, 0, "Phó Bí thư").unwrap();
    ws.write_string(6, 0, "Tên chi bộ").unwrap();
    ws.write_string(6, 1, "Chi bộ 6").unwrap();
    members_sheet(&mut wb);
    meetings_sheet(&mut wb);
    let path = save(&mut wb, dir.path(), "info.xlsx");
    let (raw, diags) = read(&path);
    let info = raw.info.unwrap();
    type Entry<'a> = (InfoLabel, &'a str, Option<(u32, u32, String)>);
    let got: Vec<Entry<'_>> = info
        .entries
        .iter()
        .map(|e| {
            (
                e.label,
                e.label_text.as_str(),
                e.value.as_ref().map(|v| (v.row, v.col, v.value.display())),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                InfoLabel::Name,
                "Tên chi bộ",
                Some((2, 3, "Chi bộ 5".into()))
            ),
            (InfoLabel::Symbol, "Viết tắt", Some((3, 1, "CB5".into()))),
            (
                InfoLabel::Superior,
                "Trực thuộc",
                Some((4, 1, "Đảng bộ Khối Thử Nghiệm".into()))
            ),
            (InfoLabel::Deputy, "Phó Bí thư", None),
        ]
    );
    assert_eq!(
        rendered(&diags),
        vec![
            "cảnh báo: mục «Tên chi bộ» có hai lần; dùng dòng 3 đầu tiên: `Chi bộ 6`\n  --> info.xlsx, trang tính 'THONG TIN CHI BO', ô A7"
        ]
    );
}

#[test]
fn missing_and_duplicate_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    wb.add_worksheet().set_name("Đảng viên 2023").unwrap();
    wb.add_worksheet().set_name("Sheet3").unwrap();
    let path = save(&mut wb, dir.path(), "thieu.xlsx");
    let (raw, diags) = read(&path);
    assert_eq!(
        rendered(&diags),
        vec![
            "cảnh báo: có hai trang tính «Đảng viên»: dùng 'Đảng viên', bỏ qua 'Đảng viên 2023'\n  --> thieu.xlsx, trang tính 'Đảng viên 2023'",
            "lỗi: không có trang tính «Sinh hoạt»; các trang tính trong tệp: 'Thông tin', 'Đảng viên', 'Đảng viên 2023', 'Sheet3'\n  --> thieu.xlsx\n  gợi ý: đặt tên trang tính là «Sinh hoạt», hoặc thêm bí danh trong chibo.toml (mục [bi_danh.trang_tinh])",
        ]
    );
    assert_eq!(diags[1].code, "sheet.missing");
    assert_eq!(raw.ignored_sheets, vec!["Đảng viên 2023", "Sheet3"]);
    assert_eq!(raw.tables.len(), 1);
}

#[test]
fn no_header_and_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    ws.write_string(0, 0, "Danh sách").unwrap();
    ws.write_string(1, 0, "Nguyễn Văn An").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Sinh hoạt").unwrap();
    ws.write_string(0, 0, "Loại").unwrap();
    ws.write_string(0, 1, "Nội dung").unwrap();
    ws.write_string(1, 0, "Thường kỳ").unwrap();
    let path = save(&mut wb, dir.path(), "hdr.xlsx");
    let (raw, diags) = read(&path);
    assert_eq!(
        rendered(&diags),
        vec![
            "lỗi: không tìm thấy dòng tiêu đề của bảng trong 20 dòng đầu\n  --> hdr.xlsx, trang tính 'Đảng viên'\n  gợi ý: bảng cần một dòng tiêu đề với các cột như: Họ và tên, Họ và đệm, Tên, Ngày sinh, Giới tính, Ngày vào Đảng, Ngày chính thức, Số thẻ đảng viên, Chức vụ, Trạng thái, Từ ngày, Ngày chuyển đến, Ghi chú",
            "lỗi: bảng thiếu cột «Ngày»; các cột tìm thấy: «Loại», «Nội dung»\n  --> hdr.xlsx, trang tính 'Sinh hoạt', dòng 1\n  gợi ý: đặt tiêu đề cột là «Ngày», hoặc thêm bí danh trong chibo.toml (mục [bi_danh.cot])",
        ]
    );
    assert!(raw.table(SheetKind::Members).is_none());
    assert_eq!(table(&raw, SheetKind::Meetings).rows.len(), 1);
}

#[test]
fn values_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    let ws = meetings_sheet(&mut wb);
    for (c, h) in ["Số ý kiến", "Tán thành", "Kết luận", "Giờ kết thúc"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(c + 2).unwrap(), *h)
            .unwrap();
    }
    ws.write_string(1, 2, "06").unwrap();
    ws.write_string(1, 3, "21 đ/c").unwrap();
    ws.write_string(1, 4, "Thống nhất  cao.\n\nGiao chi ủy  theo dõi.")
        .unwrap();
    ws.write_string(1, 5, "16h30").unwrap();
    ws.write_string(2, 0, "ngày 14 tháng 02 năm 2023").unwrap();
    ws.write_number(2, 2, 7.5).unwrap();
    ws.write_boolean(2, 3, true).unwrap();
    ws.write_formula(2, 4, "=1/0").unwrap();
    ws.write_datetime_with_format(
        2,
        5,
        NaiveDate::from_ymd_opt(2023, 2, 14)
            .unwrap()
            .and_hms_opt(16, 30, 0)
            .unwrap(),
        &Format::new().set_num_format("dd/mm/yyyy hh:mm"),
    )
    .unwrap();
    let path = save(&mut wb, dir.path(), "values.xlsx");
    // rust_xlsxwriter stores 0 as every formula's result; give this one a cached error.
    rewrite_entry(&path, "xl/worksheets/sheet3.xml", |s| {
        s.replace("<f>1/0</f><v>0</v>", "<f>1/0</f><v>#DIV/0!</v>")
            .replace(r#"<c r="E3">"#, r#"<c r="E3" t="e">"#)
    });
    let (raw, diags) = read(&path);
    // A formula error is reported at its cell and read as empty (never as text).
    assert_eq!(
        rendered(&diags),
        vec![
            "lỗi: công thức trong ô cho kết quả lỗi `#DIV/0!`\n  --> values.xlsx, trang tính 'Sinh hoạt', ô E3 (cột «Kết luận»)\n  gợi ý: sửa công thức (ô nó tham chiếu có thể đã bị xóa), hoặc thay bằng giá trị"
        ]
    );
    let s = table(&raw, SheetKind::Meetings);
    let row = |i: usize| {
        s.rows[i]
            .cells
            .iter()
            .map(|c| c.value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row(0),
        vec![
            text("14/02/2023"),
            text("Thường kỳ"),
            text("06"),
            text("21 đ/c"),
            text("Thống nhất cao.\nGiao chi ủy theo dõi."),
            text("16h30"),
        ]
    );
    assert_eq!(
        row(1),
        vec![
            text("ngày 14 tháng 02 năm 2023"),
            Value::Number(7.5),
            Value::Bool(true),
            Value::DateTime(
                NaiveDate::from_ymd_opt(2023, 2, 14)
                    .unwrap()
                    .and_hms_opt(16, 30, 0)
                    .unwrap()
            ),
        ]
    );
}

#[test]
fn formula_without_cached_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    let ws = meetings_sheet(&mut wb);
    ws.write_string(0, 2, "Có mặt").unwrap();
    ws.write_formula(1, 2, "=COUNTA(B2:B3)").unwrap();
    let path = save(&mut wb, dir.path(), "formula.xlsx");
    rewrite_entry(&path, "xl/worksheets/sheet3.xml", |s| {
        s.replace("<f>COUNTA(B2:B3)</f><v>0</v>", "<f>COUNTA(B2:B3)</f>")
    });
    let (raw, diags) = read(&path);
    assert_eq!(
        rendered(&diags),
        vec![
            "cảnh báo: công thức chưa có giá trị\n  --> formula.xlsx, trang tính 'Sinh hoạt', ô C2 (cột «Có mặt»)\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính"
        ]
    );
    let s = table(&raw, SheetKind::Meetings);
    assert_eq!(s.rows[0].get(2), None);
}

#[test]
fn sheet_and_column_aliases_from_config() {
    let config = chibo::config::Config::parse(
        "[bi_danh.trang_tinh]\nsinh_hoat = [\"Lịch họp\"]\nxyz = [\"a\"]\n[bi_danh.cot]\nho_va_ten = [\"Đồng chí\"]\ntinh_trang = [\"Kết quả\"]\nkhong_co = [\"b\"]\n",
        "chibo.toml",
    )
    .unwrap();
    let options = ReadOptions::from_config(&config);
    assert_eq!(
        options.sheet_aliases.get(&SheetKind::Meetings),
        Some(&vec!["lichhop".to_string()])
    );
    assert_eq!(
        options.column_aliases.get(&Col::FullName),
        Some(&vec!["dong chi".to_string()])
    );
    assert_eq!(
        options.column_aliases.get(&Col::Mark),
        Some(&vec!["ket qua".to_string()])
    );
    assert_eq!(
        options.column_aliases.get(&Col::MeetingStatus),
        Some(&vec!["ket qua".to_string()])
    );
    assert_eq!(
        options.group_titles,
        vec![
            "Công tác chuẩn bị",
            "Tỷ lệ đảng viên tham dự",
            "Tổ chức sinh hoạt",
            "Kết thúc hội nghị"
        ]
    );
    let problems: Vec<String> = chibo::workbook::alias_problems(&config)
        .iter()
        .map(|d| d.render(chibo::diagnostic::Lang::Vi))
        .collect();
    assert_eq!(
        problems,
        vec![
            "lỗi: [bi_danh.trang_tinh] không có trang tính `xyz`\n  --> chibo.toml (cột «bi_danh.trang_tinh.xyz»)\n  gợi ý: dùng một trong: thong_tin, dang_vien, sinh_hoat, diem_danh, cham_diem, bieu_duong",
            "lỗi: [bi_danh.cot] không có cột `khong_co`\n  --> chibo.toml (cột «bi_danh.cot.khong_co»)\n  gợi ý: khóa là tên cột chuẩn viết không dấu, nối bằng `_`, ví dụ ho_va_ten, ngay_vao_dang, so_the_dang_vien",
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    ws.write_string(0, 0, "Đồng chí").unwrap();
    ws.write_string(1, 0, "Lê Thị Hoa").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Lịch họp 2025").unwrap();
    ws.write_string(0, 0, "Ngày").unwrap();
    let path = save(&mut wb, dir.path(), "alias.xlsx");
    let (raw, diags) = read_with(&path, &options);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    assert_eq!(table(&raw, SheetKind::Meetings).sheet, "Lịch họp 2025");
    let m = table(&raw, SheetKind::Members);
    assert_eq!(column_values(m, Col::FullName), vec!["Lê Thị Hoa"]);
}

/// Dates typed as text in every listed form, percentages and decimal commas: kept verbatim as
/// text in data rows (never taken for a footer or a total), for the model to parse day first.
#[test]
fn text_dates_and_numbers_stay_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Sinh hoạt").unwrap();
    ws.write_string(0, 0, "Ngày").unwrap();
    ws.write_string(0, 1, "Có mặt").unwrap();
    let forms = [
        "14/02/2023",
        "14/2/2023",
        "14-02-2023",
        "14.02.2023",
        "14/02/23",
        "ngày 14 tháng 02 năm 2023",
    ];
    for (r, f) in forms.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap();
        ws.write_string(r, 0, *f).unwrap();
        ws.write_string(
            r,
            1,
            ["93,76%", "7,5", "21 đ/c", "06", "0.85", "85%"][r as usize - 1],
        )
        .unwrap();
    }
    let path = save(&mut wb, dir.path(), "dates.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let s = table(&raw, SheetKind::Meetings);
    assert_eq!(column_values(s, Col::Date), forms.to_vec());
    assert_eq!(
        column_values(s, Col::Present),
        vec!["93,76%", "7,5", "21 đ/c", "06", "0.85", "85%"]
    );
}
