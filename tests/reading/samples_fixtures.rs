//! Guards the fixtures' truth: the LibreOffice-saved fixtures in `tests/fixtures/libreoffice/`
//! hold what their README says (formulas with cached values, merged titles, text dates), so
//! `workbook_libreoffice`, chibo's reading of them, tests what it claims.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::path::{Path, PathBuf};

use common::fixtures::{MEMBERS, SCORES};
use common::readback::{V, read_path};
use common::ymd;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/libreoffice")
        .join(name)
}

#[test]
fn formulas_carry_the_values_libreoffice_computed() {
    for file in ["cong-thuc-tong-diem.xlsx", "cong-thuc-tong-diem.ods"] {
        let sheets = read_path(&fixture(file)).unwrap();
        assert_eq!(sheets.len(), 1);
        let s = &sheets[0];
        assert_eq!(s.name, "Chấm điểm");
        assert_eq!(s.get(0, 7).text(), Some("Tổng điểm"));
        let totals: Vec<&V> = (1..=4).map(|r| s.get(r, 7)).collect();
        assert_eq!(
            totals,
            [&V::Num(97.0), &V::Num(90.0), &V::Num(86.0), &V::Num(69.0)],
            "{file}"
        );
        let bands: Vec<Option<&str>> = (1..=4).map(|r| s.get(r, 8).text()).collect();
        assert_eq!(
            bands,
            [Some("Tốt"), Some("Tốt"), Some("Khá"), Some("Trung bình")],
            "{file}"
        );
        for (i, ((y, m, d), groups)) in SCORES.iter().enumerate() {
            assert_eq!(s.get(i + 1, 1).date(), Some(ymd(*y, *m, *d)), "{file}");
            let got: Vec<f64> = (3..7).map(|c| s.get(i + 1, c).num().unwrap()).collect();
            assert_eq!(got, groups.map(f64::from), "{file}");
        }
    }
}

#[test]
fn the_formulas_are_still_formulas() {
    let mut wb: calamine::Sheets<_> =
        calamine::open_workbook_auto(fixture("cong-thuc-tong-diem.xlsx")).unwrap();
    use calamine::Reader as _;
    let f = wb.worksheet_formula("Chấm điểm").unwrap();
    let texts: Vec<&String> = f
        .used_cells()
        .map(|(_, _, s)| s)
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        texts.iter().any(|s| s.as_str() == "SUM(D2:G2)"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|s| s.starts_with("IF(H2>=90")),
        "{texts:?}"
    );
}

#[test]
fn merged_titles_and_text_dates_survive_a_libreoffice_save() {
    let file = fixture("tieu-de-gop-ngay-van-ban.xlsx");
    let s = &read_path(&file).unwrap()[0];
    assert_eq!(s.name, "Đảng viên");
    assert_eq!(
        s.get(0, 0).text(),
        Some("ĐẢNG BỘ SỞ VĂN HÓA TỈNH HÒA BÌNH XANH")
    );
    assert_eq!(s.get(0, 1), &V::Empty);
    assert!(s.rows[2].is_empty());
    assert_eq!(s.get(3, 3).text(), Some("Ngày vào Đảng"));
    for (i, (name, year, joined, (y, m, d), card)) in MEMBERS.iter().enumerate() {
        let r = i + 4;
        assert_eq!(s.get(r, 1).text(), Some(*name));
        assert_eq!(s.get(r, 2).text(), Some(*year), "a bare year kept as text");
        assert_eq!(
            s.get(r, 3).text(),
            Some(*joined),
            "the text date stays text"
        );
        assert_eq!(s.get(r, 4).date(), Some(ymd(*y, *m, *d)));
        assert_eq!(s.get(r, 5).text(), Some(*card), "leading zero kept");
        // The text date is a day-first date one year before the full-membership date.
        let parsed = chibo::dates::parse_text_date(joined).unwrap();
        assert_eq!(parsed, ymd(y - 1, *m, *d));
    }
    let mut wb = calamine::open_workbook::<calamine::Xlsx<_>, _>(&file).unwrap();
    let regions = wb.merge_cells_by_sheet_name("Đảng viên").unwrap();
    let spans: Vec<((u32, u32), (u32, u32))> = regions.iter().map(|d| (d.start, d.end)).collect();
    assert_eq!(spans, [((0, 0), (0, 5)), ((1, 0), (1, 5))]);
    // Saved by LibreOffice, not by rust_xlsxwriter.
    let mut app = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/app.xml").unwrap(), &mut app).unwrap();
    assert!(app.contains("LibreOffice"), "{app}");
}
