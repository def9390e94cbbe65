//! Attendance per meeting, with each person's standing on the day.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common;

use aggregate_common::*;
use chibo::aggregate::{AttendanceTotals, Excused, meeting_attendance};
use chibo::config::AttendanceRules;
use chibo::model::{AttendanceCounts, AttendanceSource, Person};

fn rules() -> AttendanceRules {
    AttendanceRules::default()
}

fn people() -> Vec<Person> {
    vec![
        member("Nguyễn Văn Thử"), // 0 chính thức
        member("Trần Thị Mẫu"),   // 1 chính thức
        probationary("Lê Văn Dự", d(2023, 2, 10), Some(d(2024, 2, 10))), // 2 dự bị from 10/2/2023
        exempted("Phạm Văn Miễn", d(2023, 3, 1)), // 3 exempted from 1/3/2023
        transferred_out("Hoàng Thị Đi", d(2023, 3, 15)), // 4 off the rolls from 15/3
        masses("Vũ Văn Quần"),    // 5 quần chúng
    ]
}

#[test]
fn standing_on_the_day_and_rate() {
    // 14/3/2023: 0,1 chính thức; 2 dự bị; 3 exempted; 4 still on the rolls; 5 quần chúng.
    let m = with_marks(regular(d(2023, 3, 14)), "xpx-kx");
    let c = cell("Chi bộ Thử", people(), vec![]);
    let a = meeting_attendance(&c, &m, &rules());
    assert!(a.recorded);
    assert_eq!(
        (a.on_rolls, a.full, a.probationary, a.exempted),
        (5, 3, 1, 1)
    );
    assert_eq!(a.eligible, 4); // 5 on the rolls − 1 exempted
    assert_eq!(a.present, 2);
    assert_eq!((a.present_full, a.present_probationary), (Some(1), Some(1)));
    assert_eq!(a.counted_present, 2);
    assert_eq!(
        a.excused,
        vec![Excused {
            person: 1,
            reason: Some("đi công tác".into())
        }]
    );
    assert_eq!(a.unexcused, vec![4]);
    assert_eq!((a.excused_count, a.unexcused_count), (1, 1));
    assert!(a.missing.is_empty());
    assert_eq!(a.masses_present, 1);
    assert_eq!(a.rate, Some(0.5));
}

#[test]
fn before_and_after_mid_period_changes() {
    let c = cell("Chi bộ Thử", people(), vec![]);
    // 9/2/2023: Dự is still quần chúng (joins 10/2), Miễn not yet exempted, Đi on the rolls.
    let feb = with_marks(regular(d(2023, 2, 9)), "xxxxx.");
    let a = meeting_attendance(&c, &feb, &rules());
    assert_eq!(
        (a.on_rolls, a.full, a.probationary, a.exempted),
        (4, 4, 0, 0)
    );
    assert_eq!(a.masses_present, 1); // Dự, a quần chúng that day, marked present
    assert_eq!((a.present, a.eligible, a.rate), (4, 4, Some(1.0)));
    // 20/3/2023: Đi has left; a mark for her is off the rolls and ignored.
    let mar = with_marks(regular(d(2023, 3, 20)), "xx.xx");
    let a = meeting_attendance(&c, &mar, &rules());
    assert_eq!(
        (a.on_rolls, a.full, a.probationary, a.exempted),
        (4, 2, 1, 1)
    );
    assert_eq!(a.off_rolls, vec![4]);
    // Dự has an empty cell: missing, not present.
    assert_eq!(a.missing, vec![2]);
    // The exempted member came: counted in numerator and denominator.
    assert_eq!(a.exempted_present, 1);
    assert_eq!((a.present, a.counted_present, a.eligible), (3, 3, 4));
    assert_eq!(a.rate, Some(0.75));
    // 10/2/2024: Dự becomes chính thức that day.
    let later = with_marks(regular(d(2024, 2, 10)), "xxx");
    let a = meeting_attendance(&c, &later, &rules());
    assert_eq!((a.full, a.probationary), (3, 0));
    assert_eq!(a.present_full, Some(3));
}

#[test]
fn exempted_attending_never_exceeds_100_percent() {
    let c = cell(
        "Chi bộ Thử",
        vec![member("A Thử"), exempted("B Thử", d(2020, 1, 1))],
        vec![],
    );
    let m = with_marks(regular(d(2023, 5, 9)), "xx");
    let a = meeting_attendance(&c, &m, &rules());
    assert_eq!((a.counted_present, a.eligible, a.rate), (2, 2, Some(1.0)));
    let m = with_marks(regular(d(2023, 5, 9)), "x.");
    let a = meeting_attendance(&c, &m, &rules());
    // An exempted member with no mark is neither missing nor in the denominator.
    assert!(a.missing.is_empty());
    assert_eq!((a.counted_present, a.eligible, a.rate), (1, 1, Some(1.0)));
}

#[test]
fn m_mark_exempts_for_the_meeting() {
    let c = cell("Chi bộ Thử", vec![member("A Thử"), member("B Thử")], vec![]);
    let m = with_marks(regular(d(2023, 5, 9)), "xm");
    let a = meeting_attendance(&c, &m, &rules());
    assert_eq!(
        (a.exempted, a.full, a.eligible, a.rate),
        (1, 1, 1, Some(1.0))
    );
}

#[test]
fn switches_excused_and_probationary() {
    let c = cell(
        "Chi bộ Thử",
        vec![
            member("A Thử"),
            member("B Thử"),
            member("C Thử"),
            probationary("D Thử", d(2023, 1, 1), None),
        ],
        vec![],
    );
    let m = with_marks(regular(d(2023, 5, 9)), "xpkx");
    let a = meeting_attendance(&c, &m, &rules());
    assert_eq!((a.counted_present, a.eligible), (2, 4));
    let ex = AttendanceRules {
        mau_so: "tru_mien_va_vang_co_ly_do".into(),
        ..rules()
    };
    let a = meeting_attendance(&c, &m, &ex);
    assert_eq!((a.counted_present, a.eligible), (2, 3));
    let no_du_bi = AttendanceRules {
        tinh_du_bi: false,
        ..rules()
    };
    let a = meeting_attendance(&c, &m, &no_du_bi);
    assert_eq!((a.present, a.counted_present, a.eligible), (2, 1, 3));
    assert!((a.rate.unwrap() - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn unrecorded_meeting_has_no_rate() {
    let c = cell("Chi bộ Thử", vec![member("A Thử")], vec![]);
    let a = meeting_attendance(&c, &regular(d(2023, 5, 9)), &rules());
    assert!(!a.recorded);
    assert_eq!((a.on_rolls, a.eligible, a.rate), (1, 0, None));
    assert!(a.missing.is_empty());
    // Nobody eligible: rate None even when recorded.
    let c = cell("Chi bộ Thử", vec![exempted("B Thử", d(2020, 1, 1))], vec![]);
    let a = meeting_attendance(&c, &with_marks(regular(d(2023, 5, 9)), "."), &rules());
    assert_eq!((a.eligible, a.rate), (0, None));
}

#[test]
fn counts_source() {
    let mut c = cell(
        "Chi bộ Đếm",
        vec![
            member("A Đếm"),
            member("B Đếm"),
            member("C Đếm"),
            member("D Đếm"),
            probationary("E Đếm", d(2023, 1, 1), None),
            exempted("F Đếm", d(2020, 1, 1)),
        ],
        vec![],
    );
    c.attendance_source = AttendanceSource::Counts;
    let mut m = regular(d(2023, 5, 9));
    m.counts = AttendanceCounts {
        present: Some(4),
        excused: Some(1),
        unexcused: None,
    };
    m.masses_present = Some(3);
    let a = meeting_attendance(&c, &m, &rules());
    assert!(a.recorded);
    assert_eq!(
        (a.present, a.eligible, a.excused_count, a.unexcused_count),
        (4, 5, 1, 0)
    );
    assert_eq!((a.present_full, a.present_probationary), (None, None));
    assert_eq!(a.rate, Some(0.8));
    assert_eq!(a.masses_present, 3);
    assert_eq!(a.counts_mismatch, None);
    // Counts that disagree with the rolls (7 ≠ 5 active, ≠ 6 on the rolls).
    m.counts.present = Some(6);
    let a = meeting_attendance(&c, &m, &rules());
    assert_eq!(a.counts_mismatch, Some((7, 5)));
    assert_eq!((a.eligible, a.rate), (6, Some(1.0)));
    // Counting the exempted member as well (6 on the rolls) is accepted.
    m.counts.present = Some(5);
    assert_eq!(meeting_attendance(&c, &m, &rules()).counts_mismatch, None);
}

#[test]
fn period_rate_is_from_sums() {
    let c = cell(
        "Chi bộ Thử",
        vec![
            member("A Thử"),
            member("B Thử"),
            member("C Thử"),
            member("D Thử"),
        ],
        vec![],
    );
    let mut t = AttendanceTotals::default();
    // 1/4 then 4/4: mean of percentages would be 62.5 %, the sums give 5/8.
    // With 2 members eligible at the first (2 on leave, switch on), sums differ from means.
    t.add(&meeting_attendance(
        &c,
        &with_marks(regular(d(2023, 1, 9)), "xkkk"),
        &rules(),
    ));
    t.add(&meeting_attendance(
        &c,
        &with_marks(regular(d(2023, 2, 9)), "xxxx"),
        &rules(),
    ));
    t.add(&meeting_attendance(&c, &regular(d(2023, 3, 9)), &rules())); // unrecorded
    assert_eq!(
        (t.meetings, t.present, t.eligible, t.unexcused),
        (2, 5, 8, 3)
    );
    assert_eq!(t.rate(), Some(0.625));
    let ex = AttendanceRules {
        mau_so: "tru_mien_va_vang_co_ly_do".into(),
        ..rules()
    };
    let mut t = AttendanceTotals::default();
    t.add(&meeting_attendance(
        &c,
        &with_marks(regular(d(2023, 1, 9)), "xppk"),
        &ex,
    )); // 1/2
    t.add(&meeting_attendance(
        &c,
        &with_marks(regular(d(2023, 2, 9)), "xxxx"),
        &ex,
    )); // 4/4
    assert_eq!((t.present, t.eligible, t.excused), (5, 6, 2));
    assert!((t.rate().unwrap() - 5.0 / 6.0).abs() < 1e-12); // not (50 % + 100 %) / 2
}
