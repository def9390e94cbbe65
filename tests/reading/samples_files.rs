//! Guards the samples' truth: the committed samples are exactly what `cargo run --example
//! gen_samples` produces (so `samples/expected.json`, which chibo's output is checked against
//! in `commands check_samples` and `run_e2e`, describes them).

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::path::{Path, PathBuf};

use common::readback::{V, read_bytes, read_path};
use common::samples;

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

const REGEN: &str = "run `cargo run --example gen_samples` and commit the result";

#[test]
fn the_five_sample_workbooks_are_committed() {
    let files: Vec<String> = samples::cells().into_iter().map(|c| c.file).collect();
    assert_eq!(
        files,
        [
            "chi-bo-1.xlsx",
            "chi-bo-2-messy.xlsx",
            "chi-bo-3.xls",
            "chi-bo-4-dai.xlsx",
            "chi-bo-5-so-luong.ods"
        ]
    );
    for f in &files {
        assert!(samples_dir().join(f).is_file(), "samples/{f} is missing");
    }
}

#[test]
fn xlsx_samples_are_byte_identical_to_the_generator_output() {
    for cell in samples::cells() {
        if !cell.file.ends_with(".xlsx") {
            continue;
        }
        let want = samples::source_xlsx(&cell).unwrap();
        let again = samples::source_xlsx(&cell).unwrap();
        assert!(
            want == again,
            "{}: the generator is not deterministic",
            cell.file
        );
        let got = std::fs::read(samples_dir().join(&cell.file)).unwrap();
        assert!(
            got == want,
            "samples/{} differs from the generator; {REGEN}",
            cell.file
        );
    }
}

#[test]
fn libreoffice_samples_hold_the_generator_values() {
    for cell in samples::cells() {
        if samples::soffice_target(&cell.file).is_none() {
            continue;
        }
        let source = read_bytes(&samples::source_xlsx(&cell).unwrap()).unwrap();
        let saved = read_path(&samples_dir().join(&cell.file)).unwrap();
        let names =
            |s: &[common::readback::Sheet]| s.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&saved), names(&source), "{}: sheets", cell.file);
        for (a, b) in saved.iter().zip(&source) {
            assert_eq!(
                a.rows.len(),
                b.rows.len(),
                "{} / {}: row count; {REGEN}",
                cell.file,
                a.name
            );
            for (r, (ra, rb)) in a.rows.iter().zip(&b.rows).enumerate() {
                assert_eq!(ra, rb, "{} / {} row {}: {REGEN}", cell.file, a.name, r + 1);
            }
        }
    }
}

#[test]
fn the_libreoffice_samples_really_are_xls_and_ods() {
    let xls = std::fs::read(samples_dir().join("chi-bo-3.xls")).unwrap();
    // OLE2 compound document signature (BIFF8 .xls).
    assert_eq!(&xls[..8], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let ods = std::fs::read(samples_dir().join("chi-bo-5-so-luong.ods")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(ods)).unwrap();
    let mut mimetype = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("mimetype").unwrap(), &mut mimetype).unwrap();
    assert_eq!(mimetype, "application/vnd.oasis.opendocument.spreadsheet");
    let mut meta = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("meta.xml").unwrap(), &mut meta).unwrap();
    assert!(
        meta.contains("LibreOffice"),
        "the .ods was not saved by LibreOffice: {meta}"
    );
}

#[test]
fn expected_json_is_current() {
    let committed = std::fs::read_to_string(samples_dir().join("expected.json")).unwrap();
    assert!(
        committed == samples::expected_json().unwrap(),
        "samples/expected.json is stale; {REGEN}"
    );
}

#[test]
fn chibo_toml_is_current_and_loads_with_the_phu_tho_preset() {
    let text = std::fs::read_to_string(samples_dir().join("chibo.toml")).unwrap();
    assert_eq!(text, samples::CHIBO_TOML);
    let config = chibo::config::Config::parse(&text, "chibo.toml").unwrap();
    assert_eq!(config.dang_uy.ten, "Đảng bộ Sở Văn hóa tỉnh Hòa Bình Xanh");
    assert_eq!(config.dang_uy.dia_danh, "Hòa Bình Xanh");
    let scheme = config.scheme();
    assert_eq!(scheme.id, "phu_tho");
    let maxima: Vec<f64> = scheme.groups.iter().map(|g| g.diem_toi_da).collect();
    assert_eq!(maxima, [15.0, 20.0, 45.0, 20.0]);
}

#[test]
fn sample_times_read_back_as_times_in_every_format() {
    // 14:00 start of the first meeting, in the .xls (Excel time) and .ods (duration).
    for file in ["chi-bo-3.xls", "chi-bo-5-so-luong.ods", "chi-bo-1.xlsx"] {
        let sheets = read_path(&samples_dir().join(file)).unwrap();
        let meetings = sheets.iter().find(|s| s.name == "Sinh hoạt").unwrap();
        let start = meetings.col(0, "Giờ bắt đầu").unwrap();
        assert_eq!(meetings.get(1, start), &V::Time(14 * 3600), "{file}");
    }
}
