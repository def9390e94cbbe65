//! Flags, cell summaries, totals and the consolidation, on hand-built cells.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common;

use aggregate_common::*;
use chibo::aggregate::{
    FlagKind, Period, Rules, cell_flags, cell_summary, consolidate, duplicate_people, member_counts,
};
use chibo::diagnostic::Severity;
use chibo::model::Cell;

fn q1() -> Period {
    Period::parse("2023-Q1").unwrap()
}

fn as_of() -> chrono::NaiveDate {
    d(2023, 4, 5)
}

fn kinds(flags: &[chibo::aggregate::Flag]) -> Vec<(&'static str, Option<String>, Option<String>)> {
    flags
        .iter()
        .map(|f| {
            (
                f.kind.code(),
                f.date.map(|d| d.to_string()),
                f.person.clone(),
            )
        })
        .collect()
}

#[test]
fn cell_one_summary() {
    let cells = sample_cells();
    let s = cell_summary(&cells[0], &q1(), as_of(), &Rules::default());
    assert_eq!(s.name, "Chi bộ Một");
    // 1/1: An, Bình, Dũng chính thức; Cường dự bị. 31/3: Dũng exempted.
    let start = s.members_start;
    assert_eq!(
        (
            start.total,
            start.full,
            start.probationary,
            start.exempted,
            start.masses
        ),
        (4, 3, 1, 0, 1)
    );
    let end = s.members;
    assert_eq!(
        (end.total, end.full, end.probationary, end.exempted),
        // The exempted member is still chính thức: total = full + probationary.
        (4, 3, 1, 1)
    );
    assert_eq!((s.regular_held, s.regular_due), (3, 3));
    assert_eq!((s.thematic_held, s.thematic_due), (1, 1));
    assert!(s.regular_missing.is_empty() && s.thematic_missing.is_empty());
    assert_eq!(
        s.topics().collect::<Vec<_>>(),
        ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"]
    );
    // Jan 3/4, Feb 1/3 (Dũng exempted, no mark), Mar 3/3.
    let rates: Vec<_> = s.meetings.iter().map(|m| m.attendance.rate).collect();
    assert_eq!(rates, [Some(0.75), Some(1.0 / 3.0), Some(1.0)]);
    assert_eq!((s.attendance.present, s.attendance.eligible), (7, 10));
    assert_eq!(s.attendance_rate(), Some(0.7));
    assert_eq!((s.attendance.excused, s.attendance.unexcused), (2, 1));
    assert_eq!(s.attendance.masses_present, 2); // Em in January and March
    assert_eq!((s.score_sum, s.score_count), (272.0, 3));
    assert!((s.score_avg().unwrap() - 272.0 / 3.0).abs() < 1e-12);
    assert_eq!(s.band_counts, [2, 1, 0, 0]);
    let c = s.commendations;
    assert_eq!(
        (
            c.members_people,
            c.members_times,
            c.masses_people,
            c.masses_times
        ),
        (1, 2, 1, 1)
    );
    assert_eq!(s.annual_grade, None);
}

#[test]
fn cell_one_flags() {
    let cells = sample_cells();
    let f = cell_flags(&cells[0], &q1(), as_of(), &Rules::default());
    assert_eq!(
        kinds(&f),
        [
            ("low_attendance", Some("2023-01-10".into()), None),
            ("short_meeting", Some("2023-02-14".into()), None),
            ("low_attendance", Some("2023-02-14".into()), None),
            (
                "unexcused_absence",
                Some("2023-02-14".into()),
                Some("Lê Văn Cường".into())
            ),
            ("band_mismatch", Some("2023-03-14".into()), None),
        ]
    );
    assert_eq!(
        f[1].message.vi,
        "buổi sinh hoạt kết hợp thường kỳ và chuyên đề ngày 14/02/2023 kéo dài 90 phút, dưới mức tối thiểu 120 phút"
    );
    assert_eq!(
        f[2].message.vi,
        "buổi sinh hoạt ngày 14/02/2023: tỷ lệ đảng viên dự 33,3% (1/3), không trên 85%"
    );
    assert_eq!(
        f[2].message.en,
        "meeting of 14/02/2023: attendance 33.3% (1/3), not above 85%"
    );
    assert_eq!(
        f[3].message.vi,
        "đồng chí Lê Văn Cường vắng không lý do buổi sinh hoạt ngày 14/02/2023"
    );
    assert_eq!(
        f[4].message.vi,
        "buổi sinh hoạt ngày 14/03/2023: xếp loại ghi «Khá» nhưng 92 điểm theo thang là «Tốt»"
    );
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[4].severity, Severity::Warning);
    assert_eq!(f[0].source.as_ref().unwrap().sheet, "Sinh hoạt");
}

#[test]
fn cell_two_flags_and_counts() {
    let cells = sample_cells();
    let rules = Rules::default();
    let f = cell_flags(&cells[1], &q1(), as_of(), &rules);
    assert_eq!(
        kinds(&f),
        [
            ("missing_regular", None, None),
            ("missing_thematic", None, None),
            ("low_attendance", Some("2023-03-09".into()), None),
            ("unexcused_absence", Some("2023-03-09".into()), None),
        ]
    );
    assert_eq!(
        f[0].message.vi,
        "không có buổi sinh hoạt thường kỳ nào trong tháng 2 năm 2023"
    );
    assert_eq!(f[0].period.unwrap().code(), "2023-02");
    assert_eq!(
        f[1].message.vi,
        "không có buổi sinh hoạt chuyên đề nào trong quý I năm 2023"
    );
    assert_eq!(
        f[3].message.vi,
        "buổi sinh hoạt ngày 09/03/2023 có 1 lượt đảng viên vắng không lý do"
    );
    let s = cell_summary(&cells[1], &q1(), as_of(), &rules);
    assert_eq!(
        (
            s.regular_held,
            s.regular_due,
            s.thematic_held,
            s.thematic_due
        ),
        (2, 3, 0, 1)
    );
    assert_eq!(
        s.regular_missing
            .iter()
            .map(Period::code)
            .collect::<Vec<_>>(),
        ["2023-02"]
    );
    assert_eq!(
        (
            s.attendance.present,
            s.attendance.eligible,
            s.attendance.unexcused
        ),
        (9, 10, 1)
    );
    assert_eq!(s.score_avg(), None);
    // Before the quarter ends nothing about March or the quarter is missing yet.
    let early = cell_flags(&cells[1], &q1(), d(2023, 3, 5), &rules);
    assert_eq!(kinds(&early), [("missing_regular", None, None)]);
}

#[test]
fn totals_from_sums() {
    let cells = sample_cells();
    let refs: Vec<&Cell> = cells.iter().collect();
    let c = consolidate(&refs, &q1(), as_of(), &Rules::default());
    let t = &c.totals;
    assert_eq!(t.name, "Tổng cộng");
    assert_eq!(
        (
            t.members.total,
            t.members.full,
            t.members.probationary,
            t.members.exempted
        ),
        (9, 8, 1, 1)
    );
    assert_eq!(
        (
            t.regular_held,
            t.regular_due,
            t.thematic_held,
            t.thematic_due
        ),
        (5, 6, 1, 2)
    );
    // 16/20 = 80 %, not the mean of 70 % and 90 %.
    assert_eq!((t.attendance.present, t.attendance.eligible), (16, 20));
    assert_eq!(t.attendance_rate(), Some(0.8));
    assert_eq!((t.attendance.excused, t.attendance.unexcused), (2, 2));
    assert_eq!((t.score_sum, t.score_count), (272.0, 3));
    assert_eq!(t.band_counts, [2, 1, 0, 0]);
    assert_eq!(t.commendations.people(), 2);
    // Flags: 5 + 4 per cell, then the two halves of the duplicate.
    assert_eq!(c.flags.len(), 11);
    let dup: Vec<_> = c
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::DuplicatePerson)
        .collect();
    assert_eq!(dup.len(), 2);
    assert_eq!(
        dup[0].message.vi,
        "đồng chí Nguyễn Văn An cũng có tên trong danh sách Chi bộ Hai (chi-bo-hai.xlsx) (cùng họ tên và năm sinh)"
    );
    assert_eq!(dup[1].file, "chi-bo-hai.xlsx");
    assert_eq!(
        (c.summaries[0].flag_errors, c.summaries[0].flag_warnings),
        (4, 2)
    );
    assert_eq!(
        (c.summaries[1].flag_errors, c.summaries[1].flag_warnings),
        (4, 1)
    );
}

#[test]
fn duplicates_by_card_and_hosted_members() {
    let mut a = member("Lý Văn Thẻ");
    a.card_no = Some("00123456".into());
    let mut b = member("Lý Văn The"); // a different spelling, same card
    b.card_no = Some(" 00123456".into());
    let mut hosted = member("Lý Văn Thẻ");
    hosted.card_no = Some("00123456".into());
    hosted.temporary = true;
    let c1 = cell("Chi bộ Một", vec![a], vec![]);
    let c2 = cell("Chi bộ Hai", vec![b], vec![]);
    let c3 = cell("Chi bộ Ba", vec![hosted], vec![]);
    let g = duplicate_people(&[&c1, &c2, &c3], d(2023, 3, 31));
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].members, [(0, 0), (1, 0)]);
    assert_eq!(g[0].by, "card");
    // Same name without a birth date never matches; someone who left does not count.
    let c4 = cell("Chi bộ Bốn", vec![member("Lý Văn Thẻ")], vec![]);
    let mut gone = member("Lý Văn Thẻ");
    gone.card_no = Some("00123456".into());
    gone.status = Some(chibo::model::DeclaredStatus::ChuyenDi);
    let c5 = cell("Chi bộ Năm", vec![gone], vec![]);
    assert_eq!(duplicate_people(&[&c1, &c4, &c5], d(2023, 3, 31)), []);
}

#[test]
fn yearly_absence_rules() {
    // Five monthly meetings; Bình excused four times in a row, Cường unexcused three times.
    let pat = ["xpk", "xpk", "xpx", "xpk", "xxx"];
    let meetings = pat
        .iter()
        .enumerate()
        .map(|(i, p)| with_marks(regular(d(2023, u32::try_from(i).unwrap() + 1, 10)), p))
        .collect();
    let c = cell(
        "Chi bộ Thử",
        vec![
            member("Nguyễn Văn An"),
            member("Trần Thị Bình"),
            member("Lê Văn Cường"),
        ],
        meetings,
    );
    let rules = Rules::default();
    let may = Period::parse("2023-05").unwrap();
    let f = cell_flags(&c, &may, d(2023, 6, 1), &rules);
    let yearly: Vec<_> = f
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FlagKind::ConsecutiveExcused | FlagKind::UnexcusedYear
            )
        })
        .collect();
    assert_eq!(yearly.len(), 2);
    assert_eq!(yearly[0].kind, FlagKind::ConsecutiveExcused);
    assert_eq!(
        yearly[0].message.vi,
        "đồng chí Trần Thị Bình vắng có lý do 4 lần liên tiếp trong năm 2023 (từ lần thứ 4 vào ngày 10/04/2023), quá 3 lần"
    );
    assert_eq!(yearly[0].date, Some(d(2023, 4, 10)));
    assert_eq!(yearly[1].kind, FlagKind::UnexcusedYear);
    assert_eq!(yearly[1].person.as_deref(), Some("Lê Văn Cường"));
    assert_eq!(yearly[1].date, Some(d(2023, 4, 10)));
    // In March neither limit is reached yet.
    let mar = Period::parse("2023-03").unwrap();
    let f = cell_flags(&c, &mar, d(2023, 6, 1), &rules);
    assert!(!f.iter().any(|f| matches!(
        f.kind,
        FlagKind::ConsecutiveExcused | FlagKind::UnexcusedYear
    )));
}

#[test]
fn month_period_two_meetings_and_quarter_end() {
    // Two regular meetings in March, the thematic one on the last day of the quarter.
    let c = cell(
        "Chi bộ Thử",
        vec![member("Nguyễn Văn An")],
        vec![
            with_marks(regular(d(2023, 3, 2)), "x"),
            with_marks(regular(d(2023, 3, 16)), "x"),
            with_marks(thematic(d(2023, 3, 31), "Chuyên đề quý I"), "x"),
        ],
    );
    let mar = Period::parse("2023-03").unwrap();
    let s = cell_summary(&c, &mar, d(2023, 4, 1), &Rules::default());
    assert_eq!(
        (
            s.regular_held,
            s.regular_due,
            s.thematic_held,
            s.thematic_due
        ),
        (2, 1, 1, 1)
    );
    assert!(cell_flags(&c, &mar, d(2023, 4, 1), &Rules::default()).is_empty());
    // Run on 31/3 itself: the meeting of the day counts, and March and quarter I are due.
    let s = cell_summary(&c, &mar, d(2023, 3, 31), &Rules::default());
    assert_eq!((s.thematic_held, s.regular_due, s.thematic_due), (1, 1, 1));
    assert!(cell_flags(&c, &mar, d(2023, 3, 31), &Rules::default()).is_empty());
    // On 30/3 March is still in progress.
    let s = cell_summary(&c, &mar, d(2023, 3, 30), &Rules::default());
    assert_eq!((s.regular_held, s.regular_due, s.thematic_due), (2, 0, 0));
    assert_eq!(member_counts(&c, d(2023, 3, 31)).full, 1);
}

#[test]
fn annual_grade_for_a_year() {
    let meetings = (1..=12)
        .map(|m| {
            let g = if m <= 7 {
                [15.0, 20.0, 45.0, 20.0]
            } else {
                [15.0, 20.0, 40.0, 10.0]
            };
            with_score(with_marks(regular(d(2023, m, 10)), "x"), &g)
        })
        .collect();
    let c = cell("Chi bộ Thử", vec![member("Nguyễn Văn An")], meetings);
    let y = Period::parse("2023").unwrap();
    let s = cell_summary(&c, &y, d(2024, 1, 2), &Rules::default());
    assert_eq!(s.band_counts, [7, 5, 0, 0]);
    assert_eq!(s.annual_grade.as_deref(), Some("Tốt"));
    assert_eq!((s.regular_held, s.regular_due, s.thematic_due), (12, 12, 4));
}

#[test]
fn a_year_with_august_missing_is_not_graded_good() {
    // Eleven meetings, every one Tốt, none in August.
    let meetings = (1..=12)
        .filter(|&m| m != 8)
        .map(|m| {
            with_score(
                with_marks(regular(d(2023, m, 10)), "x"),
                &[15.0, 20.0, 45.0, 20.0],
            )
        })
        .collect();
    let c = cell("Chi bộ Thử", vec![member("Nguyễn Văn An")], meetings);
    let y = Period::parse("2023").unwrap();
    let s = cell_summary(&c, &y, d(2024, 1, 2), &Rules::default());
    assert_eq!(s.band_counts, [11, 0, 0, 0]);
    assert_eq!(s.annual_grade.as_deref(), Some("Trung bình"));
    assert_eq!(
        s.annual_reason.as_deref(),
        Some("tháng 8/2023 không sinh hoạt thường kỳ")
    );
}
