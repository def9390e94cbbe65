//! The `Chấm điểm` sheet against the configured scheme (default: Phú Thọ, 15/20/45/20).

use crate::model_support;

use chibo::diagnostic::{Lang, Severity};
use chibo::model::Cell;
use chibo::schema::{Col, SheetKind};
use chibo::workbook::Table;
use model_support::*;

fn the_meetings() -> Table {
    meetings()
        .row(&["10/01/2024", "Thường kỳ", "", ""])
        .row(&["14/02/2024", "Thường kỳ", "", ""])
        .row(&["14/02/2024", "Chuyên đề", "Chủ đề mẫu", ""])
        .row(&["13/03/2024", "Thường kỳ", "", ""])
        .build()
}

/// B Ngày, C Loại, D..G Nhóm 1..4, H Tổng điểm, I Xếp loại.
fn scores() -> TableBuilder {
    TableBuilder::new(SheetKind::Scores, 0)
        .col("Ngày", Col::Date)
        .col("Loại", Col::Kind)
        .col("Nhóm 1", Col::Group(1))
        .col("Nhóm 2", Col::Group(2))
        .col("Nhóm 3", Col::Group(3))
        .col("Nhóm 4", Col::Group(4))
        .col("Tổng điểm", Col::Total)
        .col("Xếp loại", Col::Band)
}

fn run(table: Table) -> (Cell, Vec<chibo::diagnostic::Diagnostic>) {
    build(&workbook(
        Some(standard_info()),
        vec![four_people(), the_meetings(), table],
    ))
}

#[test]
fn totals_are_computed_checked_and_parsed_from_text() {
    let (cell, diags) = run(scores()
        .row(&["10/01/2024", "", "15", "20", "40", "18", "", "Khá"])
        .row(&[
            "14/02/2024",
            "Chuyên đề",
            "14",
            "20",
            "45",
            "20",
            "85 điểm",
            "",
        ])
        .row(&["13/03/2024", "", "", "", "", "", "90,5", ""])
        .build());
    let s0 = cell.meetings[0].score.as_ref().unwrap();
    assert_eq!(s0.groups, [Some(15.0), Some(20.0), Some(40.0), Some(18.0)]);
    assert_eq!(s0.total, Some(93.0), "computed from the groups");
    assert_eq!(s0.band.as_deref(), Some("Khá"));
    assert!(cell.meetings[1].score.is_none(), "the regular one of 14/02");
    let s2 = cell.meetings[2].score.as_ref().unwrap();
    assert_eq!(s2.total, Some(85.0), "the total as written");
    let w = one(&diags, "score.total_mismatch");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(w), "'Chấm điểm'!H3");
    assert_eq!(w.message.vi, "tổng điểm ghi 85 nhưng cộng các nhóm được 99");
    let s3 = cell.meetings[3].score.as_ref().unwrap();
    assert_eq!(s3.total, Some(90.5));
    assert_eq!(s3.groups, [None, None, None, None]);
    // 93 typed `Khá`: the band of 93 is Tốt, a warning at the `Xếp loại` cell.
    let b = one(&diags, "score.band_mismatch");
    assert_eq!(b.severity, Severity::Warning);
    assert_eq!(at(b), "'Chấm điểm'!I2");
    assert_eq!(
        b.message.vi,
        "buổi sinh hoạt ngày 10/01/2024: xếp loại ghi «Khá» nhưng 93 điểm theo thang điểm là «Tốt»"
    );
    assert_eq!(diags.len(), 2, "{diags:#?}");
    // A score is a result.
    assert_eq!(cell.meetings[3].status, chibo::model::MeetingStatus::Held);
}

#[test]
fn scores_over_the_maximum_or_negative_are_errors() {
    let (cell, diags) = run(scores()
        .row(&["10/01/2024", "", "16", "20", "-1", "18", "", ""])
        .row(&["13/03/2024", "", "", "", "", "", "101", ""])
        .row(&["14/02/2024", "Thường kỳ", "tốt", "", "", "", "", ""])
        .build());
    let over = with_code(&diags, "score.over_max");
    assert_eq!(over.len(), 3, "{diags:#?}");
    assert_eq!(at(over[0]), "'Chấm điểm'!D2");
    assert_eq!(
        over[0].render(Lang::Vi),
        "lỗi: điểm nhóm 1 là 16, vượt quá điểm tối đa 15\n  --> cb-thu.xlsx, trang tính 'Chấm điểm', ô D2 (cột «Nhóm 1»)"
    );
    assert_eq!(at(over[1]), "'Chấm điểm'!F2");
    assert_eq!(over[1].message.vi, "điểm nhóm 3 là -1: điểm không được âm");
    assert_eq!(at(over[2]), "'Chấm điểm'!H3");
    assert_eq!(
        over[2].message.vi,
        "tổng điểm là 101, vượt quá điểm tối đa 100"
    );
    let bad = one(&diags, "score.invalid");
    assert_eq!(at(bad), "'Chấm điểm'!D4");
    assert_eq!(bad.message.vi, "điểm nhóm 1: không đọc được số điểm");
    // The bad values are left empty; no total is computed from incomplete groups.
    assert_eq!(cell.meetings[0].score.as_ref().unwrap().total, None);
}

#[test]
fn a_score_must_find_its_meeting() {
    let (_, diags) = run(scores()
        .row(&["15/01/2024", "", "", "", "", "", "90", ""])
        .row(&["14/02/2024", "", "", "", "", "", "90", ""])
        .row(&["10/01/2024", "", "", "", "", "", "90", ""])
        .row(&["10/01/2024", "", "", "", "", "", "80", ""])
        .build());
    let no = one(&diags, "meeting.no_match");
    assert_eq!(at(no), "'Chấm điểm'!B2");
    assert_eq!(
        no.message.vi,
        "điểm chấm cho ngày 15/01/2024: không có buổi sinh hoạt nào ngày 15/01/2024 trong trang «Sinh hoạt»"
    );
    let amb = one(&diags, "meeting.ambiguous");
    assert_eq!(at(amb), "'Chấm điểm'!B3");
    assert_eq!(
        amb.message.vi,
        "ngày 14/02/2024 có 2 buổi sinh hoạt: không biết điểm này của buổi nào"
    );
    let dup = one(&diags, "score.duplicate");
    assert_eq!(at(dup), "'Chấm điểm'!B5");
    assert_eq!(
        dup.message.vi,
        "buổi sinh hoạt ngày 10/01/2024 đã được chấm điểm ở dòng 4"
    );
}

#[test]
fn a_group_outside_the_scheme_is_one_error_for_the_sheet() {
    let (cell, diags) = run(scores()
        .col("Nhóm 5", Col::Group(5))
        .row(&["10/01/2024", "", "15", "20", "45", "20", "", "", "7"])
        .build());
    let e = one(&diags, "score.groups_mismatch");
    assert_eq!(at(e), "'Chấm điểm'!D1");
    assert!(
        e.message.vi.starts_with(
            "trang «Chấm điểm» có 5 cột điểm nhóm («Nhóm 1», «Nhóm 2», «Nhóm 3», «Nhóm 4», «Nhóm 5»), nhưng thang điểm «Phú Thọ, Đảng ủy Khối các cơ quan tỉnh» có 4 nhóm"
        ),
        "{}",
        e.message.vi
    );
    // The groups are not read; with no total typed, the meeting has no score figure.
    let score = cell.meetings[0].score.as_ref().unwrap();
    assert_eq!(score.groups, [None, None, None, None]);
    assert_eq!(score.total, None);
}
