//! Guards the samples' truth: the workbooks in `samples/`, read back independently of the
//! generator's code, agree with `samples/expected.json`: people, meetings held, present /
//! eligible per meeting, scores. chibo's own reading of them is `commands check_samples`.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chibo::model::{DeclaredStatus, Person, Source};
use chrono::NaiveDate;
use common::readback::{Sheet, V, read_path};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap()
}

fn exp_cell(file: &str) -> Value {
    expected()["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == file)
        .cloned()
        .unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Held meetings of a cell: date → the meeting's JSON.
fn held(cell: &Value) -> BTreeMap<NaiveDate, Value> {
    cell["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "held")
        .map(|m| (date(m["date"].as_str().unwrap()), m.clone()))
        .collect()
}

fn sheet(sheets: &[Sheet], name: &str) -> Sheet {
    sheets.iter().find(|s| s.name == name).cloned().unwrap()
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

/// (present, eligible, exempt) of one matrix column.
fn matrix_column(s: &Sheet, c: usize, present: &[&str], exempt: &[&str]) -> (u64, u64, u64) {
    let (mut p, mut e, mut x) = (0, 0, 0);
    for r in 1..s.rows.len() {
        if let V::Str(mark) = s.get(r, c) {
            if present.contains(&mark.as_str()) {
                p += 1;
                e += 1;
            } else if exempt.contains(&mark.as_str()) {
                x += 1;
            } else if s.get(r, 1) != &V::Empty && s.get(r, 0).num().is_some() {
                e += 1;
            }
        }
    }
    (p, e, x)
}

#[test]
fn matrix_attendance_matches_expected() {
    for file in ["chi-bo-1.xlsx", "chi-bo-3.xls"] {
        let exp = exp_cell(file);
        let held = held(&exp);
        let s = sheet(&read_path(&dir().join(file)).unwrap(), "Điểm danh");
        let dates: Vec<NaiveDate> = s.rows[0][2..].iter().map(|v| v.date().unwrap()).collect();
        assert_eq!(dates, held.keys().copied().collect::<Vec<_>>(), "{file}");
        for (j, d) in dates.iter().enumerate() {
            let (p, e, x) = matrix_column(&s, j + 2, &["x"], &["M"]);
            let m = &held[d];
            assert_eq!(
                (p, e, x),
                (n(&m["present"]), n(&m["eligible"]), n(&m["exempt"])),
                "{file} {d}"
            );
        }
    }
}

#[test]
fn chi_bo_1_has_the_expected_absences() {
    let exp = exp_cell("chi-bo-1.xlsx");
    let held = held(&exp);
    // The rare unexcused absence, in April.
    let april = &held[&date("2025-04-08")];
    assert_eq!(n(&april["unexcused"]), 1);
    assert!(
        april["absent"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Ngô Đức Thắng" && a["excused"] == false)
    );
    // The short meeting.
    assert_eq!(exp["short_meetings"], serde_json::json!(["2025-10-07"]));
    assert_eq!(held[&date("2025-10-07")]["duration_minutes"], 75);
    // The combined session lasts 150 minutes.
    let june = &held[&date("2025-06-10")];
    assert_eq!(june["kinds"], serde_json::json!(["thuong_ky", "chuyen_de"]));
    assert_eq!(june["duration_minutes"], 150);
    // Excused marks carry their reason in both spellings.
    let s = sheet(
        &read_path(&dir().join("chi-bo-1.xlsx")).unwrap(),
        "Điểm danh",
    );
    let texts: Vec<&str> = s.rows.iter().flatten().filter_map(V::text).collect();
    assert!(texts.iter().any(|t| t.starts_with("P: ")));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("CP (") && t.ends_with(')'))
    );
}

#[test]
fn long_attendance_matches_expected() {
    let exp = exp_cell("chi-bo-4-dai.xlsx");
    let held = held(&exp);
    let s = sheet(
        &read_path(&dir().join("chi-bo-4-dai.xlsx")).unwrap(),
        "Điểm danh",
    );
    assert_eq!(
        s.rows[0],
        ["STT", "Ngày", "Họ và tên", "Tình trạng", "Lý do"].map(|h| V::Str(h.into()))
    );
    let mut by_date: BTreeMap<NaiveDate, (u64, u64, u64, u64)> = BTreeMap::new();
    for r in 1..s.rows.len() {
        let d = s.get(r, 1).date().unwrap();
        let e = by_date.entry(d).or_default();
        match s.get(r, 3).text().unwrap() {
            "Có mặt" => e.0 += 1,
            "Vắng có lý do" => {
                e.1 += 1;
                assert!(
                    s.get(r, 4).text().is_some(),
                    "row {}: an excused absence has a reason",
                    r + 1
                );
            }
            "Vắng không lý do" => e.2 += 1,
            "Miễn" => e.3 += 1,
            other => panic!("unexpected mark {other}"),
        }
    }
    assert_eq!(
        by_date.keys().collect::<Vec<_>>(),
        held.keys().collect::<Vec<_>>()
    );
    for (d, (p, x, u, m)) in by_date {
        let e = &held[&d];
        assert_eq!(
            (p, x, u, p + x + u, m),
            (
                n(&e["present"]),
                n(&e["excused"]),
                n(&e["unexcused"]),
                n(&e["eligible"]),
                n(&e["exempt"])
            ),
            "{d}"
        );
    }
}

#[test]
fn split_names_join_to_the_expected_names() {
    let exp = exp_cell("chi-bo-4-dai.xlsx");
    let s = sheet(
        &read_path(&dir().join("chi-bo-4-dai.xlsx")).unwrap(),
        "Đảng viên",
    );
    assert_eq!(s.get(0, 1).text(), Some("Họ và đệm"));
    assert_eq!(s.get(0, 2).text(), Some("Tên"));
    let names: Vec<String> = (1..s.rows.len())
        .map(|r| {
            format!(
                "{} {}",
                s.get(r, 1).text().unwrap(),
                s.get(r, 2).text().unwrap()
            )
        })
        .collect();
    assert_eq!(names.len() as u64, n(&exp["people"]));
    let q4: Vec<String> = exp["standing_at_quarter_end"]["2025-12-31"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
        })
        .collect();
    for name in &names {
        assert!(q4.contains(name), "{name} not in expected.json");
    }
    // No `Địa danh` in this workbook: it comes from chibo.toml.
    assert_eq!(exp["place"], Value::Null);
    let info = sheet(
        &read_path(&dir().join("chi-bo-4-dai.xlsx")).unwrap(),
        "Thông tin",
    );
    assert_eq!(info.get(3, 0).text(), Some("Địa danh"));
    assert_eq!(info.get(3, 1), &V::Empty);
}

#[test]
fn counts_match_expected() {
    let exp = exp_cell("chi-bo-5-so-luong.ods");
    let held = held(&exp);
    let sheets = read_path(&dir().join("chi-bo-5-so-luong.ods")).unwrap();
    assert!(!sheets.iter().any(|s| s.name == "Điểm danh"));
    let s = sheet(&sheets, "Sinh hoạt");
    let c = |h: &str| s.col(0, h).unwrap();
    let (cd, cp, ce, cu, cs) = (
        c("Ngày"),
        c("Có mặt"),
        c("Vắng có lý do"),
        c("Vắng không lý do"),
        c("Tình trạng"),
    );
    let mut seen = Vec::new();
    for r in 1..s.rows.len() {
        let d = s.get(r, cd).date().unwrap();
        if s.get(r, cs).text() == Some("Kế hoạch") {
            assert_eq!(s.get(r, cp), &V::Empty);
            continue;
        }
        let e = &held[&d];
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let got = [cp, ce, cu].map(|col| s.get(r, col).num().unwrap() as u64);
        assert_eq!(
            got,
            [n(&e["present"]), n(&e["excused"]), n(&e["unexcused"])],
            "{d}"
        );
        seen.push(d);
    }
    assert_eq!(seen, held.keys().copied().collect::<Vec<_>>());
}

#[test]
fn scores_sum_and_band_as_expected() {
    for file in [
        "chi-bo-1.xlsx",
        "chi-bo-3.xls",
        "chi-bo-4-dai.xlsx",
        "chi-bo-5-so-luong.ods",
    ] {
        let exp = exp_cell(file);
        let held = held(&exp);
        let s = sheet(&read_path(&dir().join(file)).unwrap(), "Chấm điểm");
        let mut scored = 0;
        for r in 1..s.rows.len() {
            let d = s.get(r, 1).date().unwrap();
            let groups: Vec<f64> = (3..7).map(|c| s.get(r, c).num().unwrap()).collect();
            let maxima = [15.0, 20.0, 45.0, 20.0];
            assert!(
                groups
                    .iter()
                    .zip(maxima)
                    .all(|(g, m)| (0.0..=m).contains(g)),
                "{file} {d}"
            );
            let total = s.get(r, 7).num().unwrap();
            assert!(
                (groups.iter().sum::<f64>() - total).abs() < 1e-9,
                "{file} {d}"
            );
            let band = match total {
                t if t >= 90.0 => "Tốt",
                t if t >= 70.0 => "Khá",
                t if t >= 50.0 => "Trung bình",
                _ => "Kém",
            };
            assert_eq!(s.get(r, 8).text(), Some(band));
            assert_eq!(held[&d]["score_total"].as_f64(), Some(total), "{file} {d}");
            assert_eq!(held[&d]["band"], band);
            scored += 1;
        }
        // Every regular meeting is scored, nothing else.
        assert_eq!(scored, n(&exp["regular_held"]), "{file}");
    }
}

#[test]
fn meeting_counts_per_cell() {
    let exp = expected();
    let got: Vec<(String, u64, u64, u64, u64, u64, Value)> = exp["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap().to_string(),
                n(&c["regular_held"]),
                n(&c["thematic_held"]),
                n(&c["combined_held"]),
                n(&c["planned"]),
                n(&c["people"]),
                c["missing_regular_months"].clone(),
            )
        })
        .collect();
    let j = |v: &[u32]| serde_json::json!(v);
    assert_eq!(
        got,
        vec![
            ("chi-bo-1.xlsx".into(), 12, 4, 1, 4, 20, j(&[])),
            ("chi-bo-2-messy.xlsx".into(), 12, 4, 1, 4, 16, j(&[])),
            ("chi-bo-3.xls".into(), 11, 4, 1, 4, 15, j(&[8])),
            ("chi-bo-4-dai.xlsx".into(), 12, 4, 1, 4, 18, j(&[])),
            ("chi-bo-5-so-luong.ods".into(), 12, 4, 1, 4, 13, j(&[])),
        ]
    );
}

fn status(label: &str) -> DeclaredStatus {
    match label {
        "Chính thức" => DeclaredStatus::ChinhThuc,
        "Miễn sinh hoạt" => DeclaredStatus::MienSinhHoat,
        "Chuyển đi" => DeclaredStatus::ChuyenDi,
        "Từ trần" => DeclaredStatus::TuTran,
        "Quần chúng" => DeclaredStatus::QuanChung,
        other => panic!("unexpected status {other}"),
    }
}

/// The standings in expected.json are what chibo's own rule (`Person::standing_on`) gives
/// for the rows of the canonical workbooks.
#[test]
fn standings_agree_with_chibo_rule() {
    for file in ["chi-bo-1.xlsx", "chi-bo-3.xls", "chi-bo-5-so-luong.ods"] {
        let exp = exp_cell(file);
        let s = sheet(&read_path(&dir().join(file)).unwrap(), "Đảng viên");
        let c = |h: &str| s.col(0, h).unwrap();
        let people: Vec<Person> = (1..s.rows.len())
            .map(|r| Person {
                name: s.get(r, c("Họ và tên")).text().unwrap().to_string(),
                key: String::new(),
                birth: None,
                gender: None,
                joined: s.get(r, c("Ngày vào Đảng")).date(),
                full_member_since: s.get(r, c("Ngày chính thức")).date(),
                card_no: None,
                role: None,
                status: s.get(r, c("Trạng thái")).text().map(status),
                status_since: s.get(r, c("Từ ngày")).date(),
                transferred_in: s.get(r, c("Ngày chuyển đến")).date(),
                temporary: false,
                note: None,
                source: Source::default(),
            })
            .collect();
        for (day, by) in exp["standing_at_quarter_end"].as_object().unwrap() {
            let d = date(day);
            let mut got: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for p in &people {
                got.entry(p.standing_on(d).code())
                    .or_default()
                    .push(p.name.clone());
            }
            for (code, names) in by.as_object().unwrap() {
                let want: Vec<String> = names
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().into())
                    .collect();
                assert_eq!(
                    got.remove(code.as_str()).unwrap_or_default(),
                    want,
                    "{file} {day} {code}"
                );
            }
            assert!(got.is_empty(), "{file} {day}: {got:?}");
        }
    }
}
