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
            if let Some(score) = m.score {
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

#[test]
fn the_synthetic_config_loads() {
    let c = chibo::config::Config::parse(CHIBO_TOML, "chibo.toml").unwrap();
    assert_eq!(c.scheme().id, "phu_tho");
}
