//! Property tests: the date parsers, the value parsers of the model (dates, times, counts,
//! scores, marks, names), the header matcher and the whole render path never panic, and give
//! the right answer where one is known.
//!
//! Case counts are bounded for CI (`PROPTEST_CASES` raises them, e.g.
//! `PROPTEST_CASES=10000 cargo test --test hostile prop_parsers::`).
#![allow(clippy::unwrap_used)]

use chibo::config::Config;
use chibo::dates::{from_excel_serial, parse_text_date, parse_text_time, parse_year};
use chibo::docx::{RenderOptions, Template};
use chibo::schema::{Col, SheetKind};
use chibo::workbook::{
    Column, InfoEntry, InfoSheet, RawCell, RawRow, RawWorkbook, ReadOptions, Table, Value,
    read_workbook,
};
use chrono::{Datelike as _, NaiveDate};
use proptest::prelude::*;

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Text the way office staff type it: digits, separators, Vietnamese words, odd characters.
fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9/\\-. ]{0,14}",
        "[0-9]{1,4}[/.-][0-9]{1,4}[/.-][0-9]{1,6}",
        "(ngày|Sáng ngày|tháng|năm|giờ|h|g|PM|AM|đ/c|điểm|,|:| |[0-9]){0,12}",
        "\\PC{0,24}",
        ".{0,24}",
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        messy().prop_map(Value::Text),
        any::<f64>().prop_map(Value::Number),
        (-1e6f64..1e6).prop_map(Value::Number),
        (0u32..200_000).prop_map(Value::Time),
        any::<bool>().prop_map(Value::Bool),
        "#(REF!|DIV/0!|N/A|VALUE!)".prop_map(Value::Error),
        (1i32..3000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Value::DateTime(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn date_and_time_parsers_never_panic(s in messy(), x in any::<f64>()) {
        let _ = parse_text_date(&s);
        let _ = parse_text_time(&s);
        let _ = parse_year(&s);
        let _ = from_excel_serial(x);
    }

    /// Every real date typed day first, in every separator and padding, reads back as itself.
    #[test]
    fn day_first_dates_round_trip(
        date in (1900i32..2200, 1u32..13, 1u32..32)
            .prop_filter_map("a real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        sep in prop_oneof![Just("/"), Just("-"), Just(".")],
        pad in any::<bool>(),
    ) {
        let text = if pad {
            format!("{:02}{sep}{:02}{sep}{}", date.day(), date.month(), date.year())
        } else {
            format!("{}{sep}{}{sep}{}", date.day(), date.month(), date.year())
        };
        prop_assert_eq!(parse_text_date(&text), Some(date));
        prop_assert_eq!(parse_text_date(&format!("ngày {} tháng {} năm {}", date.day(), date.month(), date.year())), Some(date));
    }

    /// Impossible days and months are refused, never rolled over.
    #[test]
    fn impossible_dates_are_refused(y in 1900i32..2200, m in 1u32..13, extra in 0u32..5) {
        let last = (28..=31).rev().find(|d| NaiveDate::from_ymd_opt(y, m, *d).is_some()).unwrap();
        let day = last + 1 + extra;
        prop_assert_eq!(parse_text_date(&format!("{day}/{m}/{y}")), None);
        prop_assert_eq!(parse_text_date(&format!("{y}-{:02}-{day:02}", m + 12)), None);
    }
}

fn column(col: u32, header: &str, field: Col) -> Column {
    Column {
        col,
        header: header.into(),
        field: Some(field),
        date: None,
    }
}

fn table(kind: SheetKind, sheet: &str, columns: Vec<Column>, rows: Vec<Vec<Value>>) -> Table {
    Table {
        sheet: sheet.into(),
        kind,
        header_row: 0,
        columns,
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, vals)| {
                let row = u32::try_from(i).unwrap() + 1;
                RawRow {
                    row,
                    cells: vals
                        .into_iter()
                        .enumerate()
                        .map(|(c, value)| RawCell {
                            row,
                            col: u32::try_from(c).unwrap(),
                            value,
                        })
                        .collect(),
                }
            })
            .collect(),
        shape: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    /// The model's value parsers (dates, births, times, counts, scores, marks, lists, names)
    /// take any value in any column without panicking.
    #[test]
    fn the_model_takes_any_value(
        people in proptest::collection::vec(proptest::collection::vec(any_value(), 5), 0..5),
        meetings in proptest::collection::vec(proptest::collection::vec(any_value(), 6), 0..5),
        attendance in proptest::collection::vec(proptest::collection::vec(any_value(), 3), 0..8),
        scores in proptest::collection::vec(proptest::collection::vec(any_value(), 6), 0..5),
        name in any_value(),
    ) {
        let info = InfoSheet {
            sheet: "Thông tin".into(),
            entries: vec![InfoEntry {
                label: chibo::schema::InfoLabel::Name,
                label_text: "Tên chi bộ".into(),
                value: Some(RawCell { row: 0, col: 1, value: name }),
                row: 0,
            }],
        };
        let mut attendance_table = table(
            SheetKind::Attendance,
            "Điểm danh",
            vec![column(0, "Ngày", Col::Date), column(1, "Họ và tên", Col::FullName), column(2, "Tình trạng", Col::Mark)],
            attendance,
        );
        attendance_table.shape = Some(chibo::workbook::AttendanceShape::Long);
        let raw = RawWorkbook {
            path: "p.xlsx".into(),
            display: "p.xlsx".into(),
            info: Some(info),
            tables: vec![
                table(SheetKind::Members, "Đảng viên", vec![
                    column(0, "Họ và tên", Col::FullName),
                    column(1, "Ngày sinh", Col::Birth),
                    column(2, "Ngày vào Đảng", Col::Joined),
                    column(3, "Trạng thái", Col::Status),
                    column(4, "Từ ngày", Col::StatusSince),
                ], people),
                table(SheetKind::Meetings, "Sinh hoạt", vec![
                    column(0, "Ngày", Col::Date),
                    column(1, "Loại", Col::Kind),
                    column(2, "Giờ bắt đầu", Col::Start),
                    column(3, "Giờ kết thúc", Col::End),
                    column(4, "Có mặt", Col::Present),
                    column(5, "Tình trạng", Col::MeetingStatus),
                ], meetings),
                attendance_table,
                table(SheetKind::Scores, "Chấm điểm", vec![
                    column(0, "Ngày", Col::Date),
                    column(1, "Nhóm 1", Col::Group(1)),
                    column(2, "Nhóm 2", Col::Group(2)),
                    column(3, "Nhóm 3", Col::Group(3)),
                    column(4, "Nhóm 4", Col::Group(4)),
                    column(5, "Tổng điểm", Col::Total),
                ], scores),
            ],
            ignored_sheets: Vec::new(),
        };
        let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let (_cell, diags) = chibo::model::build_cell(&raw, &Config::default(), as_of);
        for d in &diags {
            // Every problem is located in the file.
            prop_assert!(d.render(chibo::diagnostic::Lang::Vi).contains("p.xlsx"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    /// The header matcher and the table reader take any header row and any title rows above
    /// it, in a real file: the outcome is a workbook or a located diagnostic, never a panic.
    #[test]
    fn the_header_matcher_takes_any_header(
        titles in proptest::collection::vec(messy(), 0..3),
        headers in proptest::collection::vec(prop_oneof![
            messy(),
            Just("Họ và tên".to_string()),
            Just("HO VA TEN".to_string()),
            Just("Ngày".to_string()),
            Just("Nhóm I".to_string()),
            Just("Tổng điểm".to_string()),
            Just("Ngày\nsinh".to_string()),
            Just("14/02/2023".to_string()),
        ], 1..8),
        data in proptest::collection::vec(messy(), 0..8),
        sheet in prop_oneof![Just("Đảng viên"), Just("Sinh hoạt"), Just("Điểm danh"), Just("Chấm điểm"), Just("DANG VIEN")],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Thông tin").unwrap();
        ws.write_string(0, 0, "Tên chi bộ").unwrap();
        ws.write_string(0, 1, "Chi bộ Thử").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        let mut r = 0u32;
        for t in &titles {
            ws.write_string(r, 0, t).unwrap();
            r += 1;
        }
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(r, u16::try_from(c).unwrap(), h).unwrap();
        }
        for (i, d) in data.iter().enumerate() {
            let c = u16::try_from(i % headers.len()).unwrap();
            ws.write_string(r + 1 + u32::try_from(i / headers.len()).unwrap(), c, d).unwrap();
        }
        let path = dir.path().join("h.xlsx");
        wb.save(&path).unwrap();
        let out = read_workbook(&path, "h.xlsx", &ReadOptions::default());
        prop_assert!(out.workbook.is_some());
        for d in &out.diagnostics {
            prop_assert!(d.render(chibo::diagnostic::Lang::Vi).contains("h.xlsx"));
        }
    }
}

/// The built-in templates and their example views.
fn templates() -> Vec<(Template, serde_json::Value)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        ("bao-cao-quy.docx", "bao_cao_quy.json"),
        ("bien-ban-thuong-ky.docx", "bien_ban_thuong_ky.json"),
        ("bien-ban-chuyen-de.docx", "bien_ban_chuyen_de.json"),
        ("ke-hoach-chuyen-de.docx", "ke_hoach.json"),
    ]
    .iter()
    .map(|(t, v)| {
        let bytes = std::fs::read(root.join("templates").join(t)).unwrap();
        let view = std::fs::read_to_string(root.join("tests/fixtures/views").join(v)).unwrap();
        (
            Template::parse(&bytes, t).unwrap(),
            serde_json::from_str(&view).unwrap(),
        )
    })
    .collect()
}

/// Replaces the `n`-th leaf of `v` (counting leaves in order) by `with`.
fn replace_leaf(v: &mut serde_json::Value, n: &mut usize, with: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(m) => m.values_mut().any(|x| replace_leaf(x, n, with)),
        serde_json::Value::Array(a) => a.iter_mut().any(|x| replace_leaf(x, n, with)),
        leaf => {
            if *n == 0 {
                *leaf = with.clone();
                true
            } else {
                *n -= 1;
                false
            }
        }
    }
}

fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        ".{0,30}".prop_map(serde_json::Value::from),
        "[<>&\"'{}%#\\n\\t]{0,12}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|x| serde_json::json!(x)),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// The whole render path (the built-in templates, their filters, the XML post-processing)
    /// with any value in place of any field of the view: a document or located diagnostics;
    /// a document is always a well-formed package.
    #[test]
    fn the_render_path_takes_any_value(
        which in 0usize..4,
        edits in proptest::collection::vec((0usize..400, json_leaf()), 1..6),
    ) {
        thread_local! {
            static TEMPLATES: Vec<(Template, serde_json::Value)> = templates();
        }
        TEMPLATES.with(|all| {
            let (template, view) = &all[which];
            let mut view = view.clone();
            for (at, with) in &edits {
                let mut n = *at;
                replace_leaf(&mut view, &mut n, with);
            }
            match template.render(&view, &RenderOptions::default()) {
                Ok(bytes) => {
                    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                    let mut xml = String::new();
                    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
                    let mut r = quick_xml::Reader::from_str(&xml);
                    loop {
                        match r.read_event() {
                            Ok(quick_xml::events::Event::Eof) => break,
                            Ok(_) => {}
                            Err(e) => panic!("malformed output: {e}"),
                        }
                    }
                }
                Err(diags) => assert!(!diags.is_empty()),
            }
        });
    }
}
