//! Guards the samples' truth: `samples/chi-bo-2-messy.xlsx` carries every item of the spec's
//! "Tolerance" list (so chibo's reading of it, in `commands check_samples`, tests each one),
//! and its data still agrees with `samples/expected.json` once read the forgiving way.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use chibo::dates::{from_excel_serial, parse_text_date};
use chibo::text::clean;
use chrono::NaiveDate;
use common::readback::{Sheet, V, read_path};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization as _;

const FILE: &str = "chi-bo-2-messy.xlsx";

fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(FILE)
}

fn sheets() -> Vec<Sheet> {
    read_path(&path()).unwrap()
}

fn sheet(name: &str) -> Sheet {
    sheets().into_iter().find(|s| s.name == name).unwrap()
}

fn expected() -> Value {
    let text = std::fs::read_to_string(path().with_file_name("expected.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == FILE)
        .cloned()
        .unwrap()
}

fn as_date(v: &V) -> Option<NaiveDate> {
    match v {
        V::Date(d) => Some(d.date()),
        V::Str(s) => parse_text_date(s),
        V::Num(n) => from_excel_serial(*n).map(|d| d.date()),
        _ => None,
    }
}

fn texts(s: &Sheet) -> Vec<String> {
    s.rows
        .iter()
        .flatten()
        .filter_map(|v| v.text().map(str::to_string))
        .collect()
}

#[test]
fn sheet_names_are_messy() {
    let names: Vec<String> = sheets().into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "Thong tin chi bo",
            "DANH SACH DANG VIEN",
            "Sinh_hoat",
            "DIEM DANH",
            "Cham diem",
            "Bieu duong",
            "Huong dan"
        ]
    );
}

#[test]
fn member_sheet_layout() {
    let s = sheet("DANH SACH DANG VIEN");
    // Three title rows, a blank row, a header over two rows, a column-number row.
    assert_eq!(
        s.get(0, 0).text(),
        Some("ĐẢNG BỘ SỞ VĂN HÓA TỈNH HÒA BÌNH XANH")
    );
    assert_eq!(
        s.get(2, 0).text(),
        Some("DANH SÁCH ĐẢNG VIÊN VÀ QUẦN CHÚNG NĂM 2025")
    );
    assert!(s.rows[3].is_empty());
    assert_eq!(s.get(4, 1).text(), Some("HỌ VÀ TÊN"));
    assert_eq!(s.get(4, 2).text(), Some("Ngay sinh:"));
    assert_eq!(s.get(4, 3).text(), Some("Giới\ntính"));
    assert_eq!(s.get(4, 4).text(), Some("Ngày"));
    assert_eq!(s.get(5, 4).text(), Some("Vào Đảng"));
    assert_eq!(s.get(5, 5).text(), Some("Chính thức"));
    assert_eq!(s.get(6, 0).text(), Some("(1)"));
    assert_eq!(s.get(7, 0).text(), Some("I. Tổ đảng 1"));
    let all = texts(&s);
    assert!(all.iter().any(|t| t == "II. Tổ đảng 2"));
    assert!(all.iter().any(|t| t == "Tổng cộng"));
    assert!(all.iter().any(|t| t == "T/M CHI BỘ"));
    assert!(all.iter().any(|t| t == "NGƯỜI LẬP BIỂU"));

    // The merged ranges (title rows across the width, the two-row header).
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path()).unwrap()).unwrap();
    zip.by_name("xl/worksheets/sheet2.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for range in ["A1:L1", "A2:L2", "A3:L3", "B5:B6", "E5:F5"] {
        assert!(xml.contains(&format!("ref=\"{range}\"")), "merged {range}");
    }
    // One data row is hidden.
    assert_eq!(xml.matches("hidden=\"1\"").count(), 1);
}

#[test]
fn member_rows_clean_to_the_expected_names() {
    let s = sheet("DANH SACH DANG VIEN");
    let rows: Vec<usize> = (7..s.rows.len())
        .filter(|&r| s.get(r, 0).num().is_some() && s.get(r, 1).text().is_some())
        .collect();
    let raw: Vec<&str> = rows.iter().map(|&r| s.get(r, 1).text().unwrap()).collect();
    // NFD, NBSP, U+00D0 and doubled spaces are all there…
    assert!(
        raw.iter().any(|n| n.nfc().collect::<String>() != **n),
        "an NFD name"
    );
    assert!(raw.iter().any(|n| n.contains('\u{A0}')), "an NBSP");
    assert!(raw.iter().any(|n| n.starts_with('\u{D0}')), "a U+00D0");
    assert!(raw.iter().any(|n| n.contains("  ")), "extra spaces");
    // …and clean away to the names of expected.json.
    let exp = expected();
    let mut want: Vec<String> = exp["standing_at_quarter_end"]["2025-12-31"]
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
    let mut got: Vec<String> = raw.iter().map(|n| clean(n)).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn every_date_form_is_used_and_each_reads_day_first() {
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut serials = 0;
    for name in ["DANH SACH DANG VIEN", "Sinh_hoat"] {
        let s = sheet(name);
        for v in s.rows.iter().flatten() {
            match v {
                V::Str(t) if parse_text_date(t).is_some() && !t.contains(',') => {
                    let form = if t.starts_with("ngày") {
                        "words"
                    } else if t.contains('.') {
                        "dot"
                    } else if t.contains('-') {
                        "dash"
                    } else if t.len() == 8 {
                        "two-digit year"
                    } else if t.len() == 10 {
                        "dd/mm/yyyy"
                    } else {
                        "d/m/yyyy"
                    };
                    *forms.entry(form).or_default() += 1;
                }
                V::Num(n) if (20_000.0..50_000.0).contains(n) => serials += 1,
                _ => {}
            }
        }
    }
    assert_eq!(
        forms.keys().copied().collect::<Vec<_>>(),
        [
            "d/m/yyyy",
            "dash",
            "dd/mm/yyyy",
            "dot",
            "two-digit year",
            "words"
        ]
    );
    assert!(serials > 0, "dates as serials in General cells");
    assert!(
        sheet("Cham diem").rows[3..]
            .iter()
            .all(|r| matches!(r[1], V::Num(_)))
    );
}

#[test]
fn numbers_as_text() {
    let s = sheet("Sinh_hoat");
    let all = texts(&s);
    assert!(
        all.iter().any(|t| t.len() == 2 && t.starts_with('0')),
        "`06`-style counts"
    );
    assert!(all.iter().any(|t| t.ends_with(" đ/c")), "`12 đ/c`");
}

#[test]
fn meetings_and_scores_read_as_expected() {
    let exp = expected();
    let held: BTreeMap<NaiveDate, Value> = exp["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "held")
        .map(|m| {
            (
                NaiveDate::parse_from_str(m["date"].as_str().unwrap(), "%Y-%m-%d").unwrap(),
                m.clone(),
            )
        })
        .collect();
    let all: Vec<NaiveDate> = exp["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| NaiveDate::parse_from_str(m["date"].as_str().unwrap(), "%Y-%m-%d").unwrap())
        .collect();
    // Sinh_hoat: header on row 4, numbers row 5; the records are the rows with a numeric TT
    // and a date.
    let s = sheet("Sinh_hoat");
    let dates: Vec<NaiveDate> = (5..s.rows.len())
        .filter(|&r| s.get(r, 0).num().is_some())
        .filter_map(|r| as_date(s.get(r, 1)))
        .collect();
    assert_eq!(dates, all);

    // DIEM DANH: date headers in every form, marks of every spelling.
    let a = sheet("DIEM DANH");
    let cols: Vec<NaiveDate> = a.rows[2][2..].iter().map(|v| as_date(v).unwrap()).collect();
    assert_eq!(cols, held.keys().copied().collect::<Vec<_>>());
    let present = ["x", "X", "✓", "có", "có mặt", "CM"];
    for (j, d) in cols.iter().enumerate() {
        let mut p = 0;
        let mut eligible = 0;
        for r in 3..a.rows.len() {
            if a.get(r, 0).num().is_none() {
                continue; // the total row
            }
            match a.get(r, j + 2) {
                V::Str(m) if present.contains(&m.as_str()) => {
                    p += 1;
                    eligible += 1;
                }
                V::Str(m) if m == "M" || m == "miễn" => {}
                V::Str(_) => eligible += 1,
                _ => {}
            }
        }
        assert_eq!(
            (p, eligible),
            (
                held[d]["present"].as_u64().unwrap(),
                held[d]["eligible"].as_u64().unwrap()
            ),
            "{d}"
        );
        // The total row under the table agrees.
        assert_eq!(a.rows.last().unwrap()[j + 2], V::Num(p as f64));
    }

    // Cham diem: serial dates, totals.
    let c = sheet("Cham diem");
    for r in 3..c.rows.len() {
        let d = as_date(c.get(r, 1)).unwrap();
        assert_eq!(held[&d]["score_total"].as_f64(), c.get(r, 7).num(), "{d}");
    }
}
