//! Guards the synthetic committee's truth (`examples/gen_committee.rs`), which the
//! window-by-window run test (`commands run_windows`) and the benchmarks rely on: the same seed
//! gives the same bytes, and a cell is complete and consistent (12 regular and 4 thematic
//! meetings, attendance only for members on the rolls, scores within the Phú Thọ maxima).
//! What chibo makes of these workbooks is tested in `commands run_windows`.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use common::Standing;
use common::canonical::{Options, write};
use common::readback::{V, read_bytes};
use common::synth::{CHIBO_TOML, file_name, synthetic_cell};

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let a = write(&synthetic_cell(7, 3, 2025), Options::default()).unwrap();
    let b = write(&synthetic_cell(7, 3, 2025), Options::default()).unwrap();
    assert!(a == b);
    assert_ne!(synthetic_cell(7, 3, 2025), synthetic_cell(8, 3, 2025));
    assert_ne!(synthetic_cell(7, 3, 2025), synthetic_cell(7, 4, 2025));
    assert_eq!(file_name(3), "chi-bo-0003.xlsx");
}

#[test]
fn a_synthetic_cell_is_complete_and_consistent() {
    for n in 1..=5 {
        let cell = synthetic_cell(42, n, 2025);
        assert!((22..=28).contains(&cell.people.len()));
        let held: Vec<_> = cell.meetings.iter().filter(|m| !m.planned).collect();
        assert_eq!(held.iter().filter(|m| m.regular).count(), 12);
        assert_eq!(held.iter().filter(|m| m.thematic).count(), 4);
        assert_eq!(held.iter().filter(|m| m.regular && m.thematic).count(), 1);
        for m in &held {
            for a in &m.attendance {
                let s = cell.people[a.person].standing_on(m.date);
                assert!(
                    matches!(
                        s,
                        Standing::ChinhThuc | Standing::DuBi | Standing::MienSinhHoat
                    ),
                    "attendance only for members on the rolls"
                );
            }
            if let Some(score) = &m.score {
                assert_eq!(score.len(), 4);
                assert!(score.iter().zip([15, 20, 45, 20]).all(|(g, max)| *g <= max));
            }
        }

        // Read back: the sheets of the blank form, one attendance column per held meeting,
        // one score row per regular meeting whose groups sum to the total.
        let sheets = read_bytes(&write(&cell, Options::default()).unwrap()).unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Thông tin",
                "Đảng viên",
                "Sinh hoạt",
                "Điểm danh",
                "Chấm điểm",
                "Biểu dương"
            ]
        );
        assert_eq!(sheets[1].rows.len(), cell.people.len() + 1);
        assert_eq!(sheets[3].rows[0].len(), held.len() + 2);
        let scores = &sheets[4];
        assert_eq!(scores.rows.len(), 13);
        for row in &scores.rows[1..] {
            let sum: f64 = row[3..7].iter().map(|v| v.num().unwrap()).sum();
            assert_eq!(row[7], V::Num(sum));
        }
    }
}

/// A committee generated for 2026 is scored on the seven 42-HD groups (5/5/10/40/5/30/5), one
/// `Nhóm k` column each, the total after them.
#[test]
fn a_synthetic_cell_of_2026_has_the_42_hd_groups() {
    let cell = synthetic_cell(42, 1, 2026);
    let scored: Vec<_> = cell
        .meetings
        .iter()
        .filter_map(|m| m.score.as_ref())
        .collect();
    assert_eq!(scored.len(), 12);
    for score in &scored {
        assert_eq!(score.len(), 7);
        assert!(
            score
                .iter()
                .zip([5, 5, 10, 40, 5, 30, 5])
                .all(|(g, max)| *g <= max)
        );
    }
    let sheets = read_bytes(&write(&cell, Options::default()).unwrap()).unwrap();
    let scores = sheets.iter().find(|s| s.name == "Chấm điểm").unwrap();
    let header: Vec<&str> = scores.rows[0]
        .iter()
        .map(|v| v.text().unwrap_or(""))
        .collect();
    assert_eq!(
        header[3..11],
        [
            "Nhóm 1",
            "Nhóm 2",
            "Nhóm 3",
            "Nhóm 4",
            "Nhóm 5",
            "Nhóm 6",
            "Nhóm 7",
            "Tổng điểm"
        ]
    );
    for row in &scores.rows[1..] {
        let sum: f64 = row[3..10].iter().map(|v| v.num().unwrap()).sum();
        assert_eq!(row[10], V::Num(sum));
    }
}

#[test]
fn the_synthetic_config_loads() {
    let c = chibo::config::Config::parse(CHIBO_TOML, "chibo.toml").unwrap();
    // The scheme follows the year of the data (`gen_committee --year`).
    assert_eq!(c.clone().for_year(2025).scheme().id, "phu_tho");
    assert_eq!(c.for_year(2026).scheme().id, "hd42");
}
