//! chibo's reader and model on workbooks LibreOffice itself saved
//! (`tests/fixtures/libreoffice/`, whose content `samples_fixtures` guards): merged title rows
//! above the header, dates typed as text in several forms, card numbers with a leading zero,
//! and formulas whose values only LibreOffice computed.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::path::{Path, PathBuf};

use chibo::diagnostic::Lang;
use chibo::schema::SheetKind;
use chibo::workbook::{ReadOptions, Value, read_workbook};
use common::fixtures::{MEMBERS, SCORES};
use common::ymd;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/libreoffice")
        .join(name)
}

#[test]
fn members_under_merged_titles_with_text_dates_read_day_first() {
    let file = "tieu-de-gop-ngay-van-ban.xlsx";
    let out = read_workbook(&fixture(file), file, &ReadOptions::default());
    // Only a member sheet: the two missing required sheets are named, nothing else.
    let missing: Vec<String> = out.diagnostics.iter().map(|d| d.render(Lang::Vi)).collect();
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(missing[0].starts_with("lỗi: không có trang tính «Thông tin»"));
    assert!(missing[1].starts_with("lỗi: không có trang tính «Sinh hoạt»"));
    let raw = out.workbook.unwrap();
    let members = raw.table(SheetKind::Members).unwrap();
    assert_eq!(
        members.header_row, 3,
        "the header under two merged titles and a blank row"
    );

    let (cell, diags) = crate::model_support::build(&raw);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(cell.people.len(), MEMBERS.len());
    for (p, (name, _, joined, (y, m, d), card)) in cell.people.iter().zip(MEMBERS) {
        assert_eq!(p.name, name);
        // `14/02/2009`, `3/2/2005`, `19-05-2015`, `ngày 02 tháng 09 năm 2012`: day first, one
        // year before full membership.
        assert_eq!(p.joined, Some(ymd(y - 1, m, d)), "{name}: {joined}");
        assert_eq!(p.full_member_since, Some(ymd(y, m, d)), "{name}");
        assert_eq!(
            p.card_no.as_deref(),
            Some(card),
            "{name}: leading zero kept"
        );
    }
}

#[test]
fn formula_totals_read_as_the_values_libreoffice_computed() {
    for file in ["cong-thuc-tong-diem.xlsx", "cong-thuc-tong-diem.ods"] {
        let out = read_workbook(&fixture(file), file, &ReadOptions::default());
        let raw = out.workbook.unwrap();
        let scores = raw.table(SheetKind::Scores).unwrap();
        assert_eq!(scores.rows.len(), SCORES.len(), "{file}");
        let value = |r: usize, c: u32| scores.rows[r].get(c).map(|x| x.value.clone());
        let totals = [97.0, 90.0, 86.0, 69.0];
        let bands = ["Tốt", "Tốt", "Khá", "Trung bình"];
        for (r, ((y, m, d), groups)) in SCORES.iter().enumerate() {
            let date = ymd(*y, *m, *d).and_hms_opt(0, 0, 0).unwrap();
            assert_eq!(value(r, 1), Some(Value::DateTime(date)), "{file}");
            for (g, want) in groups.iter().enumerate() {
                let col = 3 + u32::try_from(g).unwrap();
                assert_eq!(
                    value(r, col),
                    Some(Value::Number(f64::from(*want))),
                    "{file}"
                );
            }
            // `=SUM(D:G)` and an `IF` on it: the values LibreOffice cached, not the formulas.
            assert_eq!(value(r, 7), Some(Value::Number(totals[r])), "{file}");
            assert_eq!(value(r, 8), Some(Value::Text(bands[r].into())), "{file}");
        }
    }
}
