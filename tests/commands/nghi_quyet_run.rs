//! The monthly resolution (`nghi_quyet`): its figures are the minutes' figures of the same
//! meeting, a run writes one per regular meeting only for the cells `[dau_ra] nghi_quyet`
//! names, and the first sample cell's resolution is a golden document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::docx_common;
use crate::sample_folder::{copy_samples, samples};

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use chibo::aggregate::{Period, Rules, held_meetings, meeting_attendance};
use chibo::config::Config;
use chibo::model::{Cell, build_cell};
use chibo::view::build::{Ctx, bien_ban};
use chibo::view::nghi_quyet::nghi_quyet;
use chibo::workbook::{ReadOptions, read_workbook};
use chrono::NaiveDate;

const AS_OF: &str = "2025-12-31";

/// The sample committee (workbooks and `chibo.toml`) in `dst`, with `extra` appended to its
/// `chibo.toml`.
fn samples_with(dst: &Path, extra: &str) {
    copy_samples(dst);
    let toml = std::fs::read_to_string(dst.join("chibo.toml")).unwrap() + extra;
    std::fs::write(dst.join("chibo.toml"), toml).unwrap();
}

fn run(dir: &Path, period: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["run", dir.to_str().unwrap(), "--period", period])
        .args(["--as-of", AS_OF])
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap()
}

fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            let sub = e.file_name().to_string_lossy().into_owned();
            out.extend(files(&p).into_iter().map(|f| format!("{sub}/{f}")));
        } else {
            out.insert(e.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    docx_common::visible_text(&docx_common::part(&bytes, "word/document.xml"))
}

/// The sample cells, read as `chibo run` reads them.
fn sample_cells(config: &Config, as_of: NaiveDate) -> Vec<Cell> {
    let mut names: Vec<String> = std::fs::read_dir(samples())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| [".xlsx", ".xls", ".ods"].iter().any(|x| n.ends_with(x)))
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let read = read_workbook(
                &samples().join(name),
                name,
                &ReadOptions::from_config(config),
            );
            let raw = read
                .workbook
                .unwrap_or_else(|| panic!("{name}: {:?}", read.diagnostics));
            build_cell(&raw, config, as_of).0
        })
        .collect()
}

#[test]
fn the_resolutions_totals_are_the_minutes_figures_of_the_same_meeting() {
    let config = Config::load(&samples()).unwrap();
    let rules = Rules::from_config(&config);
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let year = Period::year(2025).unwrap();
    let mut checked = 0;
    for cell in sample_cells(&config, as_of) {
        let ctx = Ctx {
            cell: &cell,
            config: &config,
            rules: &rules,
            as_of,
        };
        for (index, m) in held_meetings(&cell, &year, as_of).filter(|(_, m)| m.kinds.regular) {
            let nq = nghi_quyet(&ctx, index).expect("resolution");
            let bb = bien_ban(&ctx, index).expect("minutes");
            let a = meeting_attendance(&cell, m, &rules.attendance);
            assert_eq!(nq.diem_danh, bb.diem_danh, "{} {}", cell.file, m.date);
            assert_eq!(nq.diem_danh.co_mat, a.present);
            assert_eq!(nq.diem_danh.phai_du, a.eligible);
            assert_eq!(
                nq.vang_co_ly_do + nq.vang_khong_ly_do,
                bb.diem_danh.vang,
                "{} {}",
                cell.file,
                m.date
            );
            assert_eq!(nq.buoi.bieu_quyet, bb.buoi.bieu_quyet);
            assert_eq!(nq.buoi.chu_tri, bb.buoi.chu_tri);
            assert_eq!(nq.buoi.thu_ky, bb.buoi.thu_ky);
            assert_eq!(nq.diem, bb.diem);
            assert_eq!(nq.van_ban.ngay, m.date);
            assert_eq!(
                nq.van_ban.so_ky_hieu,
                format!("Số     -NQ/{}", cell.info.symbol)
            );
            if !bb.buoi.ket_luan.is_empty() {
                assert_eq!(nq.nhiem_vu[0].chu, "a");
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} meetings");
}

#[test]
fn a_run_writes_a_resolution_for_each_regular_meeting_of_the_cells_that_issue_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-uy");
    samples_with(&dir, "\n[dau_ra]\nnghi_quyet = [\"*\"]\n");
    let out = run(&dir, "2025-Q4");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let made = files(&dir.join("ket-qua/2025-Q4"));
    let regular: BTreeSet<String> = made
        .iter()
        .filter(|f| f.contains("/bien-ban-") && f.contains("-thuong-ky"))
        .map(|f| f.replace("/bien-ban-", "/nghi-quyet-"))
        .collect();
    let resolutions: BTreeSet<String> = made
        .iter()
        .filter(|f| f.contains("/nghi-quyet-"))
        .cloned()
        .collect();
    assert!(regular.len() >= 10, "{made:?}");
    assert_eq!(resolutions, regular);

    // The first sample cell's October resolution: golden, and its totals are its minutes'.
    let folder = dir.join("ket-qua/2025-Q4/chi-bo-van-phong-so");
    let bytes = std::fs::read(folder.join("nghi-quyet-2025-10-07-thuong-ky.docx")).unwrap();
    let xml = docx_common::normalize(&docx_common::part(&bytes, "word/document.xml"));
    docx_common::golden("run-samples", "nghi-quyet-thang.xml", &xml);
    let nq = text_of(&folder.join("nghi-quyet-2025-10-07-thuong-ky.docx"));
    let bb = text_of(&folder.join("bien-ban-2025-10-07-thuong-ky.docx"));
    let present = |text: &str, from: &str| {
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("no «{from}»: {text}"));
        text[at + from.len()..]
            .split(" đồng chí phải dự")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(present(&nq, "có mặt: "), present(&bb, "- Có mặt: "));
    let vote = |text: &str, from: &str| {
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("no «{from}»: {text}"));
        text[at + from.len()..]
            .split('.')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        vote(&nq, "biểu quyết thông qua: "),
        vote(&bb, "biểu quyết thông qua kết luận: ")
    );
    for want in [
        "NGHỊ QUYẾT",
        "chi bộ tháng 10 năm 2025",
        "QUYẾT NGHỊ:",
        "II- NHIỆM VỤ THÁNG 11 NĂM 2025",
        "a) ",
        "T/M CHI BỘ",
        "BÍ THƯ",
    ] {
        assert!(nq.contains(want), "no «{want}»: {nq}");
    }
}

#[test]
fn only_the_cells_named_issue_a_resolution_and_none_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-uy");
    samples_with(&dir, "\n[dau_ra]\nnghi_quyet = [\"chi-bo-1.xlsx\"]\n");
    assert_eq!(run(&dir, "2025-11").status.code(), Some(0));
    let made = files(&dir.join("ket-qua/2025-11"));
    let with: BTreeSet<&str> = made
        .iter()
        .filter(|f| f.contains("/nghi-quyet-"))
        .filter_map(|f| f.split('/').next())
        .collect();
    assert_eq!(with, BTreeSet::from(["chi-bo-van-phong-so"]), "{made:?}");

    let plain = tmp.path().join("mac-dinh");
    samples_with(&plain, "");
    assert_eq!(run(&plain, "2025-11").status.code(), Some(0));
    let made = files(&plain.join("ket-qua/2025-11"));
    assert!(!made.iter().any(|f| f.contains("nghi-quyet")), "{made:?}");
    assert!(made.iter().any(|f| f.contains("/bien-ban-")), "{made:?}");
}
