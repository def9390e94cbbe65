//! Shortcomings (`Hạn chế`): the cell's quarterly report states each breach of the `Cảnh báo`
//! sheet (`Vi phạm` rows) with the same figures, a cell with none says so, and the committee's
//! report names the cells concerned in Vietnamese order. Every name is fictional.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common::*;

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chibo::aggregate::{Consolidated, FlagKind, Period, Rules, cell_shortcomings};
use chibo::config::{Committee, Config};
use chibo::docx::{RenderOptions, Template};
use chibo::model::Cell;
use chibo::view::build::{self, CellFacts, Ctx};
use chibo::view::{self, BaoCaoQuy};
use chibo::xlsx::summary::LIST_HEADER_ROW;
use chibo::xlsx::{SummaryInput, consolidate_with_rows, summary_workbook};
use chrono::NaiveDate;

const AS_OF: (i32, u32, u32) = (2023, 4, 5);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn timed(mut m: chibo::model::Meeting, end: (u32, u32)) -> chibo::model::Meeting {
    m.end = Some(hm(end.0, end.1));
    m
}

/// Every breach at once: a short meeting, low attendance, absences without reason (two at one
/// meeting), a member absent with reason four times in a row, one absent without reason three
/// times, no meeting in February, no thematic meeting in the quarter.
fn chi_bo_10() -> Cell {
    let people = vec![
        member("Nguyễn Văn An"),
        member("Trần Thị Bình"),
        member("Lê Văn Cường"),
        member("Phạm Văn Dũng"),
        member("Đỗ Thị Giang"),
    ];
    let meetings = vec![
        timed(with_marks(regular(d(2023, 1, 10)), "xxxxp"), (15, 0)),
        with_marks(regular(d(2023, 1, 20)), "kxxxp"),
        with_marks(regular(d(2023, 1, 25)), "kxxxp"),
        with_marks(regular(d(2023, 3, 14)), "kkxxp"),
    ];
    cell("Chi bộ 10", people, meetings)
}

fn three_present() -> Vec<chibo::model::Person> {
    vec![
        member("Hồ Văn Hải"),
        member("Kiều Thị Khuê"),
        member("Lý Văn Lâm"),
    ]
}

/// Every month held, every member present, no thematic meeting.
fn chi_bo_3() -> Cell {
    let meetings = [(1, 10), (2, 14), (3, 14)]
        .into_iter()
        .map(|(m, day)| with_marks(regular(d(2023, m, day)), "xxx"))
        .collect();
    cell("Chi bộ 3", three_present(), meetings)
}

/// Nothing to say: every month held (February's combined with the quarter's thematic
/// meeting), long enough, everyone present.
fn chi_bo_anh_duong() -> Cell {
    let mut feb = timed(
        with_marks(meeting(d(2023, 2, 14), true, true), "xxx"),
        (17, 0),
    );
    feb.topic = Some("Học tập Nghị quyết của Đảng bộ".into());
    let meetings = vec![
        with_marks(regular(d(2023, 1, 10)), "xxx"),
        feb,
        with_marks(regular(d(2023, 3, 14)), "xxx"),
    ];
    cell("Chi bộ Ánh Dương", three_present(), meetings)
}

/// No meeting in March, no thematic meeting.
fn chi_bo_binh_minh() -> Cell {
    let meetings = vec![
        with_marks(regular(d(2023, 1, 10)), "xxx"),
        with_marks(regular(d(2023, 2, 14)), "xxx"),
    ];
    cell("Chi bộ Bình Minh", three_present(), meetings)
}

/// The cells in an order that is not the alphabetical one.
fn cells() -> Vec<Cell> {
    vec![
        chi_bo_10(),
        chi_bo_binh_minh(),
        chi_bo_anh_duong(),
        chi_bo_3(),
    ]
}

fn q1() -> Period {
    Period::parse("2023-Q1").unwrap()
}

fn consolidated_and_workbook(cells: &[Cell]) -> (Consolidated, Vec<u8>) {
    let refs: Vec<&Cell> = cells.iter().collect();
    let rules = Rules::default();
    let (c, mut rows) = consolidate_with_rows(&refs, &q1(), as_of(), &rules);
    let committee = Committee::default();
    let input = SummaryInput {
        committee: &committee,
        consolidated: &c,
        rules: &rules,
        problems: &[],
    };
    let bytes = summary_workbook(&input, &mut rows).unwrap();
    (c, bytes)
}

fn quarterly_report(cell: &Cell) -> BaoCaoQuy {
    let config = Config::default();
    let rules = Rules::default();
    let ctx = Ctx {
        cell,
        config: &config,
        rules: &rules,
        as_of: as_of(),
    };
    build::bao_cao_quy(&ctx, 2023, 1).unwrap()
}

/// One `Vi phạm` row of `Cảnh báo`.
#[derive(Debug)]
struct Breach {
    cell: String,
    kind: String,
    when: String,
    person: String,
    message: String,
}

fn breaches(xlsx: &[u8]) -> Vec<Breach> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    let r = wb.worksheet_range("Cảnh báo").unwrap();
    let text = |row: u32, col: u32| match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    (LIST_HEADER_ROW + 1..=r.end().unwrap().0)
        .filter(|&row| text(row, 3) == "Vi phạm")
        .map(|row| Breach {
            cell: text(row, 1),
            kind: text(row, 4),
            when: text(row, 5),
            person: text(row, 6),
            message: text(row, 7),
        })
        .collect()
}

/// The numbers a sentence states (`02/03`, `66,7%`, dates: every run of digits, a decimal comma
/// included), as values so that `02` and `2` are the same figure.
fn numbers(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let decimal_comma =
            c == ',' && !cur.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || decimal_comma {
            cur.push(if c == ',' { '.' } else { c });
        } else if !cur.is_empty() {
            out.push(cur.parse().unwrap());
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().unwrap());
    }
    out
}

/// What a report line of each kind says, to tell the kinds apart.
fn phrase_of(kind: &str) -> &'static str {
    match kind {
        "Thiếu sinh hoạt thường kỳ" => "không tổ chức sinh hoạt thường kỳ",
        "Thiếu sinh hoạt chuyên đề" => "không tổ chức sinh hoạt chuyên đề",
        "Thời lượng dưới mức tối thiểu" => "chỉ kéo dài",
        "Tỷ lệ dự thấp" => "đảng viên dự",
        "Vắng không lý do" => "đảng viên vắng không lý do",
        "Vắng có lý do liên tiếp" => "lần liên tiếp",
        "Vắng không lý do nhiều lần trong năm" => "xem xét xóa tên",
        other => panic!("not a breach of the meeting rules: {other}"),
    }
}

/// `tháng 2 năm 2023` → `Tháng 02/2023`; `quý I năm 2023` → `Quý I/2023`; a date as it is.
fn when_in_report(when: &str) -> String {
    if let Some(rest) = when.strip_prefix("tháng ") {
        let (m, y) = rest.split_once(" năm ").unwrap();
        let m: u32 = m.parse().unwrap();
        let m = if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        };
        format!("Tháng {m}/{y}")
    } else if let Some(rest) = when.strip_prefix("quý ") {
        let (q, y) = rest.split_once(" năm ").unwrap();
        format!("Quý {q}/{y}")
    } else {
        when.to_string()
    }
}

/// The report's line for one group of `Vi phạm` rows of a cell (one row, or every absence
/// without reason of one meeting): the same kind, day or month, person and figures.
fn matches(line: &str, group: &[&Breach]) -> bool {
    let first = group[0];
    if !line.contains(phrase_of(&first.kind)) {
        return false;
    }
    let yearly = first.kind.starts_with("Vắng có lý do") || first.kind.contains("trong năm");
    if yearly {
        // About a person over the year: the person, and only figures the sheet states.
        let sheet = numbers(&first.message);
        return line.contains(&first.person) && numbers(line).iter().all(|n| sheet.contains(n));
    }
    if !line.contains(&when_in_report(&first.when)) {
        return false;
    }
    if first.kind == "Vắng không lý do" {
        let count = format!("có {:02} đảng viên", group.len());
        return line.contains(&count) && group.iter().all(|b| line.contains(&b.person));
    }
    let sheet = numbers(&first.message);
    numbers(line).iter().all(|n| sheet.contains(n))
}

#[test]
fn each_shortcoming_of_the_report_is_a_breach_of_the_warnings_sheet_with_its_figures() {
    let cells = cells();
    let (_, xlsx) = consolidated_and_workbook(&cells);
    let rows = breaches(&xlsx);
    assert!(rows.len() >= 15, "the fixture breaks every rule: {rows:#?}");
    for cell in &cells {
        let report = quarterly_report(cell);
        // The sheet's rows of this cell, the absences without reason of one meeting together.
        let mut groups: BTreeMap<(String, String), Vec<&Breach>> = BTreeMap::new();
        for (i, b) in rows.iter().filter(|b| b.cell == cell.info.name).enumerate() {
            let key = if b.kind == "Vắng không lý do" {
                b.when.clone()
            } else {
                format!("#{i}")
            };
            groups.entry((b.kind.clone(), key)).or_default().push(b);
        }
        assert_eq!(
            report.han_che.len(),
            groups.len(),
            "{}: one line per breach\n{:#?}\n{:#?}",
            cell.info.name,
            report.han_che,
            groups
        );
        for group in groups.values() {
            let found: Vec<&String> = report
                .han_che
                .iter()
                .filter(|l| matches(l, group))
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{}: {:#?} stated once in\n{:#?}",
                cell.info.name,
                group,
                report.han_che
            );
        }
    }
}

#[test]
fn the_shortcomings_are_worded_with_their_figures_in_time_order() {
    let report = quarterly_report(&chi_bo_10());
    let lines = &report.han_che;
    assert_eq!(
        lines.first().map(String::as_str),
        Some("Buổi sinh hoạt ngày 10/01/2023 chỉ kéo dài 60 phút, dưới 90 phút theo quy định."),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"Tháng 02/2023 chi bộ không tổ chức sinh hoạt thường kỳ.".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"Buổi sinh hoạt ngày 14/03/2023 có 02 đảng viên vắng không lý do (các đồng chí: Nguyễn Văn An, Trần Thị Bình)."
                .to_string()
        ),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"Buổi sinh hoạt ngày 20/01/2023 chỉ có 03/05 đảng viên dự, đạt 60%, chưa vượt mức 85% theo quy định."
                .to_string()
        ),
        "{lines:#?}"
    );
    // The quarter's thematic meeting after March's meetings; the members' year last.
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    assert!(at("ngày 14/03/2023") < at("Quý I/2023"), "{lines:#?}");
    assert!(at("Quý I/2023") < at("Đồng chí"), "{lines:#?}");
    assert!(at("Tháng 02/2023") < at("ngày 14/03/2023"), "{lines:#?}");
    assert!(at("ngày 25/01/2023") < at("Tháng 02/2023"), "{lines:#?}");
    assert!(
        lines.contains(
            &"Đồng chí Nguyễn Văn An vắng sinh hoạt không lý do 03 lần trong năm 2023, đến mức phải xem xét xóa tên (03 lần, Điều 8 Điều lệ Đảng)."
                .to_string()
        ),
        "{lines:#?}"
    );
}

#[test]
fn the_same_function_serves_a_year() {
    // As of 5 April nothing of the year is due beyond the first quarter: the same list.
    let cell = chi_bo_10();
    let rules = Rules::default();
    let year = Period::parse("2023").unwrap();
    let in_year = cell_shortcomings(&cell, &year, as_of(), &rules);
    let in_q1 = cell_shortcomings(&cell, &q1(), as_of(), &rules);
    assert_eq!(in_year, in_q1);
    assert!(!in_year.is_empty());
    // Later in the year, the months since are due too.
    let later = cell_shortcomings(&cell, &year, d(2023, 6, 30), &rules);
    let missing_months = later
        .iter()
        .filter(|s| s.kind() == FlagKind::MissingRegular)
        .count();
    assert_eq!(missing_months, 4, "February, April, May, June: {later:#?}");
}

fn render(template: &str, data: &serde_json::Value) -> String {
    let bytes = view::template_bytes(template, None).unwrap();
    let t = Template::parse(&bytes, template).unwrap();
    let docx = t.render(data, &RenderOptions::default()).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn a_cell_with_none_says_the_data_shows_none() {
    let cell = chi_bo_anh_duong();
    let (_, xlsx) = consolidated_and_workbook(std::slice::from_ref(&cell));
    assert!(breaches(&xlsx).is_empty(), "the cell breaks no rule");
    let report = quarterly_report(&cell);
    assert!(report.han_che.is_empty(), "{:#?}", report.han_che);
    let xml = render(view::BAO_CAO_QUY, &serde_json::to_value(&report).unwrap());
    assert!(
        xml.contains("Qua số liệu theo dõi, chưa phát hiện hạn chế trong việc thực hiện quy định về sinh hoạt chi bộ trong quý I năm 2023."),
        "the sentence for none"
    );
    assert!(
        !xml.contains("Nguyên nhân"),
        "no causes to give for nothing"
    );
}

#[test]
fn the_report_prints_each_line_then_leaves_the_causes_to_fill() {
    let report = quarterly_report(&chi_bo_10());
    let xml = render(view::BAO_CAO_QUY, &serde_json::to_value(&report).unwrap());
    let mut last = 0;
    for line in &report.han_che {
        let at = xml[last..]
            .find(&format!("- {line}"))
            .unwrap_or_else(|| panic!("{line} printed in order"));
        last += at;
    }
    assert!(
        xml[last..].contains("Nguyên nhân: "),
        "the causes after the lines"
    );
    assert!(!xml.contains("chưa phát hiện hạn chế"));
}

#[test]
fn the_committee_names_the_cells_concerned_in_vietnamese_order() {
    let (c, _) = consolidated_and_workbook(&cells());
    let report = build::bao_cao_tong_hop(&c, &CellFacts::default(), &Config::default(), &[]);
    let by_kind: Vec<(&str, Vec<&str>)> = report
        .han_che
        .iter()
        .map(|h| {
            (
                h.noi_dung.as_str(),
                h.chi_bo.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        by_kind,
        [
            (
                "Chưa tổ chức sinh hoạt thường kỳ đủ các tháng",
                vec!["Chi bộ 10", "Chi bộ Bình Minh"]
            ),
            (
                "Chưa tổ chức sinh hoạt chuyên đề trong quý",
                vec!["Chi bộ 3", "Chi bộ 10", "Chi bộ Bình Minh"]
            ),
            (
                "Có buổi sinh hoạt chưa bảo đảm thời lượng tối thiểu",
                vec!["Chi bộ 10"]
            ),
            (
                "Có buổi sinh hoạt tỷ lệ đảng viên dự chưa đạt mức quy định",
                vec!["Chi bộ 10"]
            ),
            ("Có đảng viên vắng sinh hoạt không lý do", vec!["Chi bộ 10"]),
            (
                "Có đảng viên vắng sinh hoạt có lý do nhiều lần liên tiếp",
                vec!["Chi bộ 10"]
            ),
            (
                "Có đảng viên vắng sinh hoạt không lý do đến mức phải xem xét xóa tên",
                vec!["Chi bộ 10"]
            ),
        ]
    );
    assert_eq!(
        report.han_che[1].text,
        "Chưa tổ chức sinh hoạt chuyên đề trong quý: Chi bộ 3, Chi bộ 10, Chi bộ Bình Minh."
    );
    // Every cell named is one with a `Vi phạm` row of that kind in the workbook, and back.
    for h in &report.han_che {
        for name in &h.chi_bo {
            assert!(
                c.flags
                    .iter()
                    .any(|f| &f.cell == name && f.severity == chibo::diagnostic::Severity::Error)
            );
        }
    }
    let xml = render(
        view::BAO_CAO_TONG_HOP,
        &serde_json::to_value(&report).unwrap(),
    );
    assert!(xml.contains(&format!("- {}", report.han_che[1].text)));
    assert!(xml.contains("Nguyên nhân: "));
}

#[test]
fn a_committee_with_none_says_so() {
    let (c, _) = consolidated_and_workbook(&[chi_bo_anh_duong()]);
    let report = build::bao_cao_tong_hop(&c, &CellFacts::default(), &Config::default(), &[]);
    assert!(report.han_che.is_empty());
    let xml = render(
        view::BAO_CAO_TONG_HOP,
        &serde_json::to_value(&report).unwrap(),
    );
    assert!(xml.contains(
        "Qua số liệu tổng hợp, chưa phát hiện chi bộ nào có hạn chế trong việc thực hiện quy định về sinh hoạt chi bộ quý I năm 2023."
    ));
    assert!(!xml.contains("Nguyên nhân"));
}
