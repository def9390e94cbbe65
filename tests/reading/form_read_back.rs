//! The blank form of `chibo init`, read back: its group columns are the scheme's, its example
//! row never becomes data; a score sheet whose group columns are not the scheme's gets ONE
//! error, not one per cell.
#![allow(clippy::unwrap_used)]

use chibo::config::Config;
use chibo::diagnostic::{Diagnostic, Lang, Severity};
use chibo::model::{Cell, build_cell};
use chibo::schema::{Col, SheetKind};
use chibo::workbook::{RawWorkbook, ReadOptions, Table, Value, read_workbook};
use chibo::xlsx::form::{EXAMPLE_MARK, blank_form, form_headers};

use crate::model_support::{
    TableBuilder, as_of, at, four_people, meetings, one, standard_info, with_code, workbook,
};

fn nghe_an() -> Config {
    let mut c = Config::default();
    c.cham_diem.mau = "nghe_an".into();
    c
}

/// The form made for `made_for`, written to disk and read back under `read_under`.
fn read_form(made_for: &Config, read_under: &Config) -> (RawWorkbook, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau-so-chi-bo.xlsx");
    std::fs::write(&path, blank_form(made_for).unwrap()).unwrap();
    let out = read_workbook(
        &path,
        "mau-so-chi-bo.xlsx",
        &ReadOptions::from_config(read_under),
    );
    (out.workbook.unwrap(), out.diagnostics)
}

fn group_fields(table: &Table) -> Vec<(String, Col)> {
    table
        .columns
        .iter()
        .filter(|c| matches!(c.field, Some(Col::Group(_))))
        .map(|c| (c.header.clone(), c.field.unwrap()))
        .collect()
}

#[test]
fn the_forms_group_columns_read_back_as_the_schemes_groups() {
    for config in [Config::default(), nghe_an()] {
        let (raw, diags) = read_form(&config, &config);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
        let scores = raw.table(SheetKind::Scores).unwrap();
        let expected: Vec<(String, Col)> = form_headers(SheetKind::Scores, &config)
            .into_iter()
            .filter(|(_, c)| matches!(c, Col::Group(_)))
            .collect();
        assert_eq!(expected.len(), config.scheme().groups.len());
        assert_eq!(group_fields(scores), expected);
    }
}

#[test]
fn the_untouched_example_rows_are_left_out_with_a_warning_each() {
    let config = Config::default();
    let (raw, _) = read_form(&config, &config);
    let (cell, diags) = build_cell(&raw, &config, as_of());
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let examples = with_code(&diags, "row.example");
    let places: Vec<String> = examples.iter().map(|d| at(d)).collect();
    assert_eq!(
        places,
        [
            "'Đảng viên'!L2",
            "'Sinh hoạt'!X2",
            "'Điểm danh'!F2",
            "'Chấm điểm'!K2",
            "'Biểu dương'!G2",
        ]
    );
    assert!(examples.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(
        examples[0].render(Lang::Vi),
        format!(
            "cảnh báo: dòng 2 là dòng ví dụ của sổ mẫu («{EXAMPLE_MARK}»): chibo bỏ qua dòng này\n  --> mau-so-chi-bo.xlsx, trang tính 'Đảng viên', ô L2 (cột «Ghi chú»)\n  gợi ý: xóa dòng ví dụ khi đã ghi số liệu thật"
        )
    );
    // Nothing of the example reached the cell.
    assert!(cell.people.is_empty(), "{:?}", cell.people);
    assert!(cell.meetings.is_empty());
    assert!(cell.commendations.is_empty());
}

/// The read-back form with its `Đảng viên` example row changed by `edit`, and a real row
/// under it (the example row copied without the mark, renamed).
fn form_with_members_edit(edit: impl Fn(&mut Vec<chibo::workbook::RawCell>)) -> RawWorkbook {
    let config = Config::default();
    let (mut raw, _) = read_form(&config, &config);
    let members = raw
        .tables
        .iter_mut()
        .find(|t| t.kind == SheetKind::Members)
        .unwrap();
    let mut real = members.rows[0].clone();
    real.row += 1;
    real.cells.retain(|c| c.col != 11);
    for c in &mut real.cells {
        c.row += 1;
        if c.col == 1 {
            c.value = Value::Text("Lê Thị Thật".into());
        }
    }
    edit(&mut members.rows[0].cells);
    members.rows.push(real);
    raw
}

#[test]
fn an_edited_example_row_is_an_error_and_not_read() {
    let raw = form_with_members_edit(|cells| {
        for c in cells.iter_mut().filter(|c| c.col == 1) {
            c.value = Value::Text("Trần Văn Đã Sửa".into());
        }
    });
    let (cell, diags) = build_cell(&raw, &Config::default(), as_of());
    let e = one(&diags, "row.example_edited");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(at(e), "'Đảng viên'!L2");
    assert_eq!(
        e.message.vi,
        format!(
            "dòng 2 còn ghi «{EXAMPLE_MARK}» nhưng đã được sửa (cột «Họ và tên»): chibo không biết đây là số liệu thật hay ví dụ nên bỏ qua dòng này"
        )
    );
    let names: Vec<&str> = cell.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Lê Thị Thật"],
        "the real row is read, the edited example is not"
    );
}

#[test]
fn a_filled_column_the_example_leaves_empty_is_an_edit_too() {
    let raw = form_with_members_edit(|cells| {
        // «Ngày chuyển đến» (K): empty in the example.
        cells.push(chibo::workbook::RawCell {
            row: 1,
            col: 10,
            value: Value::Text("01/02/2024".into()),
        });
        cells.sort_by_key(|c| c.col);
    });
    let (_, diags) = build_cell(&raw, &Config::default(), as_of());
    let e = one(&diags, "row.example_edited");
    assert!(
        e.message.vi.contains("(cột «Ngày chuyển đến»)"),
        "{}",
        e.message.vi
    );
    assert!(
        with_code(&diags, "row.example")
            .iter()
            .all(|d| d.location.sheet.as_deref() != Some("Đảng viên"))
    );
}

#[test]
fn a_mark_retyped_without_diacritics_still_marks_the_example() {
    let raw = form_with_members_edit(|cells| {
        for c in cells.iter_mut().filter(|c| c.col == 11) {
            c.value = Value::Text("vi du - xoa dong nay".into());
        }
    });
    let (cell, diags) = build_cell(&raw, &Config::default(), as_of());
    assert!(with_code(&diags, "row.example_edited").is_empty());
    let examples: Vec<String> = with_code(&diags, "row.example")
        .iter()
        .map(|d| at(d))
        .collect();
    assert_eq!(examples[0], "'Đảng viên'!L2");
    assert_eq!(cell.people.len(), 1);
}

/// B Ngày, C Loại, D.. the given group headers, then Tổng điểm.
fn score_sheet(groups: &[&str]) -> TableBuilder {
    let mut b = TableBuilder::new(SheetKind::Scores, 0)
        .col("Ngày", Col::Date)
        .col("Loại", Col::Kind);
    for (i, h) in groups.iter().enumerate() {
        b = b.col(h, Col::Group(u8::try_from(i + 1).unwrap()));
    }
    b.col("Tổng điểm", Col::Total)
}

fn the_meetings() -> Table {
    meetings()
        .row(&["10/01/2024", "Thường kỳ", "", ""])
        .row(&["14/02/2024", "Thường kỳ", "", ""])
        .row(&["13/03/2024", "Thường kỳ", "", ""])
        .build()
}

fn run(table: Table, config: &Config) -> (Cell, Vec<Diagnostic>) {
    let raw = workbook(
        Some(standard_info()),
        vec![four_people(), the_meetings(), table],
    );
    build_cell(&raw, config, as_of())
}

#[test]
fn four_groups_under_a_five_group_scheme_is_one_error_not_one_per_cell() {
    // A Phú Thọ sheet (15/20/45/20) read under Nghệ An (20/10/45/15/10): cell by cell, group 2
    // would be "over the maximum 10" on every row.
    let table = score_sheet(&["Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4"])
        .row(&["10/01/2024", "", "15", "20", "45", "18", "98"])
        .row(&["14/02/2024", "", "15", "19", "44", "20", "98"])
        .row(&["13/03/2024", "", "14", "20", "45", "20", ""])
        .build();
    let (cell, diags) = run(table, &nghe_an());
    assert!(with_code(&diags, "score.over_max").is_empty(), "{diags:#?}");
    let e = one(&diags, "score.groups_mismatch");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(at(e), "'Chấm điểm'!D1");
    assert_eq!(e.location.column.as_deref(), Some("Nhóm 1"));
    assert_eq!(
        e.message.vi,
        "trang «Chấm điểm» có 4 cột điểm nhóm («Nhóm 1», «Nhóm 2», «Nhóm 3», «Nhóm 4»), nhưng thang điểm «Nghệ An, Quy định 08-QĐ/TU ngày 15/9/2021» có 5 nhóm: 1. Công tác chuẩn bị sinh hoạt chi bộ (20); 2. Tỷ lệ đảng viên dự sinh hoạt chi bộ (10); 3. Tổ chức sinh hoạt chi bộ (45); 4. Thực hiện nguyên tắc tổ chức, sinh hoạt chi bộ (15); 5. Chất lượng của các báo cáo và kết luận tại kỳ họp (10); chibo không đọc điểm các nhóm của trang này"
    );
    // The typed totals still count; the groups are not read.
    let s0 = cell.meetings[0].score.as_ref().unwrap();
    assert_eq!(s0.total, Some(98.0));
    assert_eq!(s0.groups, [None, None, None, None, None]);
    assert_eq!(cell.meetings[2].score.as_ref().unwrap().total, None);
}

#[test]
fn a_stated_maximum_that_is_not_the_schemes_is_one_error() {
    let table = score_sheet(&[
        "1. Công tác chuẩn bị (25)",
        "2. Tỷ lệ đảng viên tham dự (25)",
        "3. Tổ chức sinh hoạt (25)",
        "4. Kết thúc hội nghị (25)",
    ])
    .row(&["10/01/2024", "", "25", "25", "25", "20", ""])
    .build();
    let (_, diags) = run(table, &Config::default());
    assert!(with_code(&diags, "score.over_max").is_empty(), "{diags:#?}");
    let e = one(&diags, "score.groups_mismatch");
    assert!(
        e.message.vi.starts_with(
            "cột «1. Công tác chuẩn bị (25)» ghi điểm tối đa 25, nhưng thang điểm «Phú Thọ, Đảng ủy Khối các cơ quan tỉnh» có các nhóm: 1. Công tác chuẩn bị (15); 2."
        ),
        "{}",
        e.message.vi
    );
}

#[test]
fn the_schemes_own_headers_read_without_a_word() {
    let table = score_sheet(&[
        "1. Công tác chuẩn bị (15)",
        "2. Tỷ lệ đảng viên tham dự (20)",
        "3. Tổ chức sinh hoạt (45)",
        "4. Kết thúc hội nghị (20)",
    ])
    .row(&["10/01/2024", "", "15", "20", "45", "18", ""])
    .build();
    let (cell, diags) = run(table, &Config::default());
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(cell.meetings[0].score.as_ref().unwrap().total, Some(98.0));
}

#[test]
fn a_fifth_group_header_the_reader_does_not_match_is_counted() {
    // Through the real reader: under a 4-group scheme `Nhóm 5` matches no column, yet the
    // sheet plainly has five groups.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    crate::workbook_common::info_sheet(&mut wb);
    crate::workbook_common::members_sheet(&mut wb);
    crate::workbook_common::meetings_sheet(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Chấm điểm").unwrap();
    let headers = ["Ngày", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Nhóm 5"];
    for (c, h) in (0u16..).zip(headers) {
        ws.write_string(0, c, h).unwrap();
    }
    ws.write_string(1, 0, "14/02/2023").unwrap();
    for (c, v) in (1u16..).zip([20.0, 10.0, 45.0, 15.0, 10.0]) {
        ws.write_number(1, c, v).unwrap();
    }
    let path = crate::workbook_common::save(&mut wb, dir.path(), "cb.xlsx");
    let config = Config::default();
    let out = read_workbook(&path, "cb.xlsx", &ReadOptions::from_config(&config));
    let (_, diags) = build_cell(&out.workbook.unwrap(), &config, as_of());
    assert!(with_code(&diags, "score.over_max").is_empty(), "{diags:#?}");
    let e = one(&diags, "score.groups_mismatch");
    assert_eq!(at(e), "'Chấm điểm'!B1");
    assert!(
        e.message.vi.starts_with("trang «Chấm điểm» có 5 cột điểm nhóm («Nhóm 1», «Nhóm 2», «Nhóm 3», «Nhóm 4», «Nhóm 5»), nhưng thang điểm «Phú Thọ, Đảng ủy Khối các cơ quan tỉnh» có 4 nhóm"),
        "{}",
        e.message.vi
    );
}
