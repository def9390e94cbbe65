//! Real files saved by LibreOffice (`tests/fixtures/workbook/`, see its README): the same
//! workbook as `.xls`, `.ods` and LibreOffice-saved `.xlsx` must read to the same values.

#![allow(clippy::unwrap_used, reason = "test helpers")]

use crate::workbook_common;

use std::path::{Path, PathBuf};

use chibo::schema::{Col, InfoLabel, SheetKind};
use chibo::workbook::{AttendanceShape, RawWorkbook, Value};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use workbook_common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/workbook")
        .join(name)
}

/// Writes the source workbook the committed fixtures were converted from.
/// Run with `cargo test --test reading -- --ignored write_source`.
#[test]
#[ignore = "regenerates tests/fixtures/workbook/nguon.xlsx"]
fn write_source() {
    let mut wb = source_workbook();
    wb.save(fixture("nguon.xlsx")).unwrap();
}

fn source_workbook() -> Workbook {
    let center = Format::new().set_align(FormatAlign::Center);
    let dmy = date_format();
    let hm = Format::new().set_num_format("hh:mm");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    for (r, (l, v)) in [
        ("Tên chi bộ", "Chi bộ Phòng Thử Nghiệm"),
        ("Ký hiệu", "CBTN"),
        ("Đảng bộ cấp trên", "Đảng bộ Sở Mẫu"),
        ("Địa danh", "Phan Thiết"),
        ("Bí thư", "Trần Văn Bình"),
    ]
    .iter()
    .enumerate()
    {
        let r = u32::try_from(r).unwrap();
        ws.write_string(r, 0, *l).unwrap();
        ws.write_string(r, 1, *v).unwrap();
    }
    ws.write_string(5, 0, "Nhiệm kỳ: 2020-2025").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Danh sách đảng viên").unwrap();
    ws.merge_range(0, 0, 0, 5, "ĐẢNG BỘ SỞ MẪU", &center)
        .unwrap();
    ws.merge_range(1, 0, 1, 5, "DANH SÁCH ĐẢNG VIÊN", &center)
        .unwrap();
    ws.merge_range(3, 0, 4, 0, "STT", &center).unwrap();
    ws.merge_range(3, 1, 4, 1, "Họ và tên", &center).unwrap();
    ws.merge_range(3, 2, 4, 2, "Ngày sinh", &center).unwrap();
    ws.merge_range(3, 3, 3, 4, "Ngày vào Đảng", &center)
        .unwrap();
    ws.write_string(4, 3, "Dự bị").unwrap();
    ws.write_string(4, 4, "Chính thức").unwrap();
    ws.merge_range(3, 5, 4, 5, "Số thẻ ĐV", &center).unwrap();
    for c in 0..6u16 {
        ws.write_number(5, c, f64::from(c + 1)).unwrap();
    }
    ws.merge_range(6, 0, 6, 5, "I. Tổ đảng 1", &Format::new())
        .unwrap();
    ws.write_number(7, 0, 1.0).unwrap();
    ws.write_string(7, 1, "Nguyễn Văn An").unwrap();
    ws.write_datetime_with_format(7, 2, d(1980, 3, 5), &dmy)
        .unwrap();
    ws.write_string(7, 3, "14/02/2010").unwrap();
    ws.write_number(7, 4, 40588.0).unwrap();
    ws.write_string(7, 5, "012345").unwrap();
    ws.write_number(8, 0, 2.0).unwrap();
    ws.write_string(8, 1, "Phạm Thị Bích").unwrap();
    ws.write_number(8, 2, 1985.0).unwrap();
    ws.write_datetime_with_format(8, 3, d(2024, 6, 1), &dmy)
        .unwrap();
    ws.set_row_hidden(8).unwrap();
    ws.merge_range(9, 0, 9, 1, "Cộng", &Format::new()).unwrap();
    ws.write_string(9, 2, "2 đ/c").unwrap();
    ws.write_string(11, 3, "Phan Thiết, ngày 20 tháng 12 năm 2024")
        .unwrap();
    ws.write_string(12, 3, "T/M CHI BỘ").unwrap();
    ws.write_string(15, 3, "Trần Văn Bình").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Sinh hoạt").unwrap();
    for (c, h) in ["Ngày", "Loại", "Nội dung", "Giờ bắt đầu", "Số ý kiến"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write_datetime_with_format(1, 0, d(2025, 1, 10), &dmy)
        .unwrap();
    ws.write_string(1, 1, "Thường kỳ").unwrap();
    ws.write_number_with_format(1, 3, 14.0 / 24.0 + 30.0 / 1440.0, &hm)
        .unwrap();
    ws.write_number(1, 4, 6.0).unwrap();
    ws.write_string(2, 0, "14/02/2025").unwrap();
    ws.write_string(2, 1, "Chuyên đề").unwrap();
    ws.write_string(
        2,
        2,
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    )
    .unwrap();
    ws.write_string(2, 3, "8h00").unwrap();
    ws.write_string(2, 4, "07").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Điểm danh").unwrap();
    ws.write_string(0, 0, "Họ và tên").unwrap();
    ws.write_datetime_with_format(0, 1, d(2025, 1, 10), &dmy)
        .unwrap();
    ws.write_string(0, 2, "14/02/2025").unwrap();
    ws.write_string(1, 0, "Nguyễn Văn An").unwrap();
    ws.write_string(1, 1, "x").unwrap();
    ws.write_string(1, 2, "P (ốm)").unwrap();
    ws.write_string(2, 0, "Phạm Thị Bích").unwrap();
    ws.write_string(2, 1, "x").unwrap();
    ws.write_string(2, 2, "x").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Chấm điểm").unwrap();
    for (c, h) in ["Ngày", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Tổng điểm"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write_datetime_with_format(1, 0, d(2025, 1, 10), &dmy)
        .unwrap();
    for (c, v) in [15.0, 18.5, 40.0, 20.0].iter().enumerate() {
        ws.write_number(1, u16::try_from(c + 1).unwrap(), *v)
            .unwrap();
    }
    // A formula with its cached result, as Excel saves it.
    ws.write_formula(
        1,
        5,
        rust_xlsxwriter::Formula::new("=SUM(B2:E2)").set_result("93.5"),
    )
    .unwrap();
    wb
}

/// What every format must give: the values pinned once, compared for each file.
fn check(raw: &RawWorkbook, name: &str) {
    let info = raw.info.as_ref().unwrap();
    let labels: Vec<(InfoLabel, String)> = info
        .entries
        .iter()
        .map(|e| (e.label, e.value.as_ref().unwrap().value.display()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (InfoLabel::Name, "Chi bộ Phòng Thử Nghiệm".into()),
            (InfoLabel::Symbol, "CBTN".into()),
            (InfoLabel::Superior, "Đảng bộ Sở Mẫu".into()),
            (InfoLabel::Place, "Phan Thiết".into()),
            (InfoLabel::Secretary, "Trần Văn Bình".into()),
            (InfoLabel::Term, "2020-2025".into()),
        ],
        "{name}"
    );

    let m = table(raw, SheetKind::Members);
    assert_eq!(m.sheet, "Danh sách đảng viên", "{name}");
    assert_eq!(m.header_row, 4, "{name}");
    assert_eq!(
        m.columns
            .iter()
            .map(|c| (c.col, c.header.as_str(), c.field))
            .collect::<Vec<_>>(),
        vec![
            (0, "STT", Some(Col::Stt)),
            (1, "Họ và tên", Some(Col::FullName)),
            (2, "Ngày sinh", Some(Col::Birth)),
            (3, "Ngày vào Đảng / Dự bị", Some(Col::Joined)),
            (4, "Ngày vào Đảng / Chính thức", None),
            (5, "Số thẻ ĐV", Some(Col::CardNo)),
        ],
        "{name}"
    );
    assert_eq!(
        m.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        vec![7, 8],
        "{name}"
    );
    let r0: Vec<(u32, Value)> = m.rows[0]
        .cells
        .iter()
        .map(|c| (c.col, c.value.clone()))
        .collect();
    assert_eq!(
        r0,
        vec![
            (0, Value::Number(1.0)),
            (1, text("Nguyễn Văn An")),
            (2, midnight(1980, 3, 5)),
            (3, text("14/02/2010")),
            (4, Value::Number(40588.0)),
            (5, text("012345")),
        ],
        "{name}"
    );
    assert_eq!(
        field(m, &m.rows[1], Col::Birth),
        Some(&Value::Number(1985.0)),
        "{name}"
    );
    assert_eq!(
        field(m, &m.rows[1], Col::Joined),
        Some(&midnight(2024, 6, 1)),
        "{name}"
    );

    let s = table(raw, SheetKind::Meetings);
    let cells =
        |i: usize| -> Vec<Value> { s.rows[i].cells.iter().map(|c| c.value.clone()).collect() };
    assert_eq!(
        cells(0),
        vec![
            midnight(2025, 1, 10),
            text("Thường kỳ"),
            Value::Time(14 * 3600 + 30 * 60),
            Value::Number(6.0)
        ],
        "{name}"
    );
    assert_eq!(
        cells(1),
        vec![
            text("14/02/2025"),
            text("Chuyên đề"),
            text("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
            text("8h00"),
            text("07")
        ],
        "{name}"
    );

    let a = table(raw, SheetKind::Attendance);
    assert_eq!(a.shape, Some(AttendanceShape::Matrix), "{name}");
    assert_eq!(
        a.columns.iter().map(|c| c.date.clone()).collect::<Vec<_>>(),
        vec![
            None,
            Some(midnight(2025, 1, 10)),
            Some(midnight(2025, 2, 14))
        ],
        "{name}"
    );
    assert_eq!(
        column_values(a, Col::FullName),
        vec!["Nguyễn Văn An", "Phạm Thị Bích"],
        "{name}"
    );
    assert_eq!(
        a.rows[0].get(2).map(|c| &c.value),
        Some(&text("P (ốm)")),
        "{name}"
    );

    let sc = table(raw, SheetKind::Scores);
    assert_eq!(
        sc.columns.iter().map(|c| c.field).collect::<Vec<_>>(),
        vec![
            Some(Col::Date),
            Some(Col::Group(1)),
            Some(Col::Group(2)),
            Some(Col::Group(3)),
            Some(Col::Group(4)),
            Some(Col::Total)
        ],
        "{name}"
    );
    assert_eq!(
        field(sc, &sc.rows[0], Col::Group(2)),
        Some(&Value::Number(18.5)),
        "{name}"
    );
}

#[test]
fn source_as_written_by_rust_xlsxwriter() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = source_workbook();
    let path = save(&mut wb, dir.path(), "nguon.xlsx");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    check(&raw, "rust_xlsxwriter");
}

#[test]
fn committed_source_matches_the_generator() {
    let (raw, diags) = read(&fixture("nguon.xlsx"));
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    check(&raw, "nguon.xlsx");
    let sc = table(&raw, SheetKind::Scores);
    assert_eq!(
        field(sc, &sc.rows[0], Col::Total),
        Some(&Value::Number(93.5))
    );
}

#[test]
fn libreoffice_files() {
    for name in ["lo-xls.xls", "lo-ods.ods", "lo-xlsx.xlsx"] {
        let (raw, diags) = read(&fixture(name));
        assert!(diags.is_empty(), "{name}: {:?}", rendered(&diags));
        check(&raw, name);
        let sc = table(&raw, SheetKind::Scores);
        assert_eq!(
            field(sc, &sc.rows[0], Col::Total),
            Some(&Value::Number(93.5)),
            "{name}: the cached formula result"
        );
    }
}

/// Writes the source of `lo-stray.ods`: a minimal workbook with one stray cell at the last row
/// of column AMJ (the last column LibreOffice 7.4 keeps by default).
/// Run with `cargo test --test reading -- --ignored write_stray_source`.
#[test]
#[ignore = "regenerates tests/fixtures/workbook/nguon-stray.xlsx"]
fn write_stray_source() {
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    let ws = members_sheet(&mut wb);
    ws.write_string(1_048_575, 1023, "x").unwrap();
    meetings_sheet(&mut wb);
    wb.save(fixture("nguon-stray.xlsx")).unwrap();
}

/// calamine would build the ods sheet as a dense 1,048,576 × 1,024 rectangle; the pre-scan of
/// `content.xml` refuses it first, quickly, naming the far cell.
#[test]
fn ods_stray_cell_is_refused_before_calamine_allocates() {
    let start = std::time::Instant::now();
    let path = fixture("lo-stray.ods");
    let out = chibo::workbook::read_workbook(
        &path,
        "lo-stray.ods",
        &chibo::workbook::ReadOptions::default(),
    );
    assert!(out.workbook.is_none());
    assert_eq!(
        rendered(&out.diagnostics),
        vec![
            "lỗi: dữ liệu của trang tính trải trên 1048576 dòng, vượt giới hạn 100000 dòng: `AMJ1048576`\n  --> lo-stray.ods, trang tính 'Đảng viên'\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, nâng giới hạn `so_dong` trong mục [gioi_han] của chibo.toml"
        ]
    );
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

/// A rough timing, not a timed test: `cargo test --release --test reading -- --ignored
/// --nocapture time_reads`.
#[test]
#[ignore = "measurement"]
fn time_reads() {
    for name in ["nguon.xlsx", "lo-xlsx.xlsx", "lo-xls.xls", "lo-ods.ods"] {
        let path = fixture(name);
        let n = 200u32;
        let start = std::time::Instant::now();
        for _ in 0..n {
            let out = chibo::workbook::read_workbook(
                &path,
                name,
                &chibo::workbook::ReadOptions::default(),
            );
            assert!(out.workbook.is_some());
        }
        println!("{name}: {:?} per read", start.elapsed() / n);
    }
}
