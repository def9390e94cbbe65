//! Periods: parsing, codes, labels, covered months and quarters, what is due.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common;

use aggregate_common::d;
use chibo::aggregate::{Period, PeriodKind};

#[test]
fn month_forms() {
    for s in [
        "2023-03",
        "03/2023",
        "3/2023",
        "tháng 3/2023",
        "Tháng 03/2023",
        "T3/2023",
        "t3-2023",
        "tháng 03 năm 2023",
        "THÁNG 3 NĂM 2023",
    ] {
        let p = Period::parse(s).unwrap_or_else(|e| panic!("{s}: {}", e.vi));
        assert_eq!(p.kind, PeriodKind::Month, "{s}");
        assert_eq!((p.year, p.number), (2023, 3), "{s}");
        assert_eq!(p.first, d(2023, 3, 1));
        assert_eq!(p.last, d(2023, 3, 31));
        assert_eq!(p.code(), "2023-03");
        assert_eq!(p.label_vi(), "tháng 3 năm 2023");
        assert_eq!(p.label_en(), "March 2023");
    }
    let feb = Period::parse("2/2024").unwrap();
    assert_eq!(feb.last, d(2024, 2, 29));
    assert_eq!(feb.code(), "2024-02");
    assert_eq!(Period::parse("12/2023").unwrap().last, d(2023, 12, 31));
}

#[test]
fn quarter_forms() {
    for s in [
        "2023-Q1",
        "Q1/2023",
        "q1-2023",
        "quý I/2023",
        "Quý 1/2023",
        "quý I năm 2023",
        "QUÝ I NĂM 2023",
    ] {
        let p = Period::parse(s).unwrap_or_else(|e| panic!("{s}: {}", e.vi));
        assert_eq!(p.kind, PeriodKind::Quarter, "{s}");
        assert_eq!((p.year, p.number), (2023, 1), "{s}");
        assert_eq!((p.first, p.last), (d(2023, 1, 1), d(2023, 3, 31)));
        assert_eq!(p.code(), "2023-Q1");
        assert_eq!(p.label_vi(), "quý I năm 2023");
    }
    let q4 = Period::parse("quý IV/2023").unwrap();
    assert_eq!((q4.first, q4.last), (d(2023, 10, 1), d(2023, 12, 31)));
    assert_eq!(q4.label_vi(), "quý IV năm 2023");
    assert_eq!(q4.label_en(), "Q4 2023");
    assert_eq!(
        Period::parse("Q3/2023").unwrap().label_vi(),
        "quý III năm 2023"
    );
}

#[test]
fn year_forms() {
    for s in ["2023", "năm 2023", " 2023 "] {
        let p = Period::parse(s).unwrap();
        assert_eq!(p.kind, PeriodKind::Year);
        assert_eq!((p.first, p.last), (d(2023, 1, 1), d(2023, 12, 31)));
        assert_eq!(p.code(), "2023");
        assert_eq!(p.label_vi(), "năm 2023");
    }
}

#[test]
fn rejects_with_a_message() {
    for s in [
        "",
        "2023-13",
        "quý 5/2023",
        "quý V/2023",
        "tháng 2023",
        "abc",
        "3/23",
        "2023-Q1-03",
        "tháng I/2023",
        "quý 1 tháng 2/2023",
        "20233",
    ] {
        let e = Period::parse(s).expect_err(s);
        assert_eq!(
            e.vi,
            format!(
                "kỳ báo cáo không hợp lệ: `{s}`; ghi tháng (2023-03, 03/2023, tháng 3/2023), quý (2023-Q1, Q1/2023, quý I/2023) hoặc năm (2023)"
            )
        );
        assert!(e.en.starts_with(&format!("invalid period: `{s}`")));
    }
}

#[test]
fn months_and_quarters_covered() {
    let y = Period::parse("2023").unwrap();
    assert_eq!(y.months().len(), 12);
    assert_eq!(
        y.quarters().iter().map(Period::code).collect::<Vec<_>>(),
        ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    );
    let q2 = Period::parse("2023-Q2").unwrap();
    assert_eq!(
        q2.months().iter().map(Period::code).collect::<Vec<_>>(),
        ["2023-04", "2023-05", "2023-06"]
    );
    assert_eq!(q2.quarters(), vec![q2]);
    let m = Period::parse("2023-08").unwrap();
    assert_eq!(m.months(), vec![m]);
    assert_eq!(m.quarters()[0].code(), "2023-Q3");
}

#[test]
fn due_counts_only_ended_months_and_quarters() {
    let q1 = Period::parse("2023-Q1").unwrap();
    // Mid-March: January and February are due, March is in progress, the quarter too.
    let due = q1.due_months(d(2023, 3, 15));
    assert_eq!(
        due.iter().map(Period::code).collect::<Vec<_>>(),
        ["2023-01", "2023-02"]
    );
    assert!(q1.due_quarters(d(2023, 3, 15)).is_empty());
    // From the last day of the quarter, everything is due.
    assert_eq!(q1.due_months(d(2023, 3, 31)).len(), 3);
    assert_eq!(q1.due_quarters(d(2023, 3, 31)).len(), 1);
    assert_eq!(q1.due_months(d(2023, 4, 1)).len(), 3);
    assert_eq!(q1.due_quarters(d(2023, 4, 1)).len(), 1);
    // Before the period starts nothing is due.
    assert!(q1.due_months(d(2022, 12, 1)).is_empty());
    // A month period: its quarter is due only once the quarter's last day is reached.
    let feb = Period::parse("2023-02").unwrap();
    assert_eq!(feb.due_months(d(2023, 2, 28)).len(), 1);
    assert!(feb.due_months(d(2023, 2, 27)).is_empty());
    assert!(feb.due_quarters(d(2023, 3, 1)).is_empty());
    let mar = Period::parse("2023-03").unwrap();
    assert_eq!(mar.due_quarters(d(2023, 4, 2)).len(), 1);
    let y = Period::parse("2023").unwrap();
    assert_eq!(y.due_months(d(2023, 7, 1)).len(), 6);
    assert_eq!(y.due_quarters(d(2023, 7, 1)).len(), 2);
}
