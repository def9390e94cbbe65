//! The cell's annual report (`bao-cao-nam.docx`) on the sample committee: its figures are the
//! sum or aggregation of the four quarterly reports' figures, its annual grade is the one the
//! committee's year report lists for the cell, and a year not yet over is counted to `as_of`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chibo::aggregate::{Period, Rules, consolidate};
use chibo::config::Config;
use chibo::model::Cell;
use chibo::pipeline::{LoadOptions, load};
use chibo::view::build::{self, CellFacts, Ctx};
use chibo::view::{self, BaoCaoNam, BaoCaoQuy};

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The sample committee's cells (every one of them usable) and its settings.
fn samples(as_of: chrono::NaiveDate) -> (Vec<Cell>, Config) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let committee = load(
        &dir,
        &LoadOptions {
            as_of,
            jobs: Some(1),
        },
    )
    .unwrap_or_else(|d| panic!("samples load: {d:#?}"));
    let cells: Vec<Cell> = committee
        .cells
        .iter()
        .map(|c| c.usable().expect("a usable sample").clone())
        .collect();
    assert_eq!(cells.len(), 5);
    (cells, committee.config)
}

fn reports(
    cell: &Cell,
    config: &Config,
    rules: &Rules,
    as_of: chrono::NaiveDate,
) -> (BaoCaoNam, Vec<BaoCaoQuy>) {
    let ctx = Ctx {
        cell,
        config,
        rules,
        as_of,
    };
    let year = view::bao_cao_nam(&ctx, 2025).expect("annual report");
    let quarters = (1..=4)
        .map(|q| build::bao_cao_quy(&ctx, 2025, q).expect("quarterly report"))
        .collect();
    (year, quarters)
}

fn sum(qs: &[BaoCaoQuy], f: impl Fn(&BaoCaoQuy) -> u32) -> u32 {
    qs.iter().map(f).sum()
}

#[test]
fn the_annual_figures_are_the_four_quarters_summed() {
    let as_of = d(2025, 12, 31);
    let (cells, config) = samples(as_of);
    let rules = Rules::from_config(&config);
    for cell in &cells {
        let name = &cell.info.name;
        let (y, qs) = reports(cell, &config, &rules, as_of);
        // Regular meetings: held, due, dates, absences.
        assert_eq!(
            y.thuong_ky.so_da_hop,
            sum(&qs, |q| q.thuong_ky.so_da_hop),
            "{name}"
        );
        assert_eq!(
            y.thuong_ky.so_ke_hoach,
            sum(&qs, |q| q.thuong_ky.so_ke_hoach),
            "{name}"
        );
        assert_eq!(y.thuong_ky.so_ke_hoach, 12, "{name}");
        let dates: Vec<_> = qs
            .iter()
            .flat_map(|q| q.thuong_ky.ngay_hop.clone())
            .collect();
        assert_eq!(y.thuong_ky.ngay_hop, dates, "{name}");
        assert_eq!(
            y.thuong_ky.vang_co_ly_do,
            sum(&qs, |q| q.thuong_ky.vang_co_ly_do),
            "{name}"
        );
        assert_eq!(
            y.thuong_ky.vang_khong_ly_do,
            sum(&qs, |q| q.thuong_ky.vang_khong_ly_do),
            "{name}"
        );
        // Thematic meetings: the quarters' lists one after the other.
        let topics: Vec<_> = qs.iter().flat_map(|q| q.chuyen_de.clone()).collect();
        assert_eq!(y.chuyen_de, topics, "{name}");
        assert_eq!(y.chuyen_de_ke_hoach, 4, "{name}");
        // Quality: every meeting once, bands summed, the average of all scored meetings.
        let buoi: Vec<_> = qs
            .iter()
            .flat_map(|q| q.chat_luong.cac_buoi.clone())
            .collect();
        assert_eq!(y.chat_luong.cac_buoi, buoi, "{name}");
        for (i, band) in y.chat_luong.theo_loai.iter().enumerate() {
            assert_eq!(
                band.so_buoi,
                sum(&qs, |q| q.chat_luong.theo_loai[i].so_buoi),
                "{name}: {}",
                band.ten
            );
        }
        let scores: Vec<f64> = buoi.iter().filter_map(|b| b.diem).collect();
        assert!(!scores.is_empty(), "{name}: the samples are scored");
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let avg = y.chat_luong.diem_binh_quan.expect("scored");
        assert!((avg - mean).abs() < 1e-9, "{name}: {avg} ≠ {mean}");
        // Commendations: every one counted once; a person commended in two quarters is one
        // person of the year.
        assert_eq!(
            y.bieu_duong.so_luot,
            sum(&qs, |q| q.bieu_duong.so_luot),
            "{name}"
        );
        assert!(
            y.bieu_duong.so_nguoi <= sum(&qs, |q| q.bieu_duong.so_nguoi),
            "{name}"
        );
        // Members: the year starts as quarter I starts and ends as quarter IV ends.
        assert_eq!(y.dang_vien.dau_ky, qs[0].dang_vien.dau_ky, "{name}");
        assert_eq!(y.dang_vien.cuoi_ky, qs[3].dang_vien.cuoi_ky, "{name}");
        assert_eq!(y.quan_chung, qs[3].quan_chung, "{name}");
        // The table by quarter: one row per quarter, each that quarter's report.
        assert_eq!(y.theo_quy.len(), 4, "{name}");
        for (row, q) in y.theo_quy.iter().zip(&qs) {
            assert_eq!(row.ten, format!("Quý {}", q.quy_la_ma), "{name}");
            assert_eq!(row.thuong_ky_da_hop, q.thuong_ky.so_da_hop, "{name}");
            assert_eq!(row.thuong_ky_ke_hoach, q.thuong_ky.so_ke_hoach, "{name}");
            assert_eq!(row.ty_le_du, q.thuong_ky.ty_le_binh_quan, "{name}");
            assert_eq!(row.diem_binh_quan, q.chat_luong.diem_binh_quan, "{name}");
            let bands: Vec<u32> = q.chat_luong.theo_loai.iter().map(|t| t.so_buoi).collect();
            assert_eq!(row.xep_loai, bands, "{name}");
        }
        assert_eq!(y.ca_nam.ten, "Cả năm");
        assert_eq!(y.ca_nam.thuong_ky_da_hop, y.thuong_ky.so_da_hop, "{name}");
        assert_eq!(y.ca_nam.ty_le_du, y.thuong_ky.ty_le_binh_quan, "{name}");
        assert_eq!(
            y.ca_nam.diem_binh_quan, y.chat_luong.diem_binh_quan,
            "{name}"
        );
        assert_eq!(y.tinh_den, None, "{name}: the year is over");
        // Hạn chế: every breach a quarterly report states, the annual report states too.
        for q in &qs {
            for line in &q.han_che {
                assert!(
                    y.han_che.contains(line),
                    "{name}: «{line}» not in {:?}",
                    y.han_che
                );
            }
        }
        let lines: usize = qs.iter().map(|q| q.han_che.len()).sum();
        assert!(y.han_che.len() >= lines.min(1), "{name}");
    }
}

#[test]
fn the_annual_rate_comes_from_the_summed_counts_not_the_quarters_rates() {
    let as_of = d(2025, 12, 31);
    let (cells, config) = samples(as_of);
    let rules = Rules::from_config(&config);
    for cell in &cells {
        let year = Period::year(2025).unwrap();
        let s = chibo::aggregate::cell_summary(cell, &year, as_of, &rules);
        let quarters = chibo::aggregate::summary::quarter_summaries(cell, 2025, as_of, &rules);
        let present: u32 = quarters.iter().map(|q| q.attendance.present).sum();
        let eligible: u32 = quarters.iter().map(|q| q.attendance.eligible).sum();
        let (y, _) = reports(cell, &config, &rules, as_of);
        if eligible == 0 {
            assert_eq!(y.thuong_ky.ty_le_binh_quan, None);
            continue;
        }
        assert_eq!(
            (s.attendance.present, s.attendance.eligible),
            (present, eligible)
        );
        let rate = y.thuong_ky.ty_le_binh_quan.expect("rate");
        assert!(
            (rate - f64::from(present) / f64::from(eligible)).abs() < 1e-12,
            "{}",
            cell.info.name
        );
    }
}

#[test]
fn the_annual_grade_is_the_committee_reports_grade_of_the_cell() {
    let as_of = d(2025, 12, 31);
    let (cells, config) = samples(as_of);
    let rules = Rules::from_config(&config);
    let refs: Vec<&Cell> = cells.iter().collect();
    let c = consolidate(&refs, &Period::year(2025).unwrap(), as_of, &rules);
    let mut facts = CellFacts::default();
    for cell in &cells {
        facts.add(cell);
    }
    let committee = build::bao_cao_tong_hop(&c, &facts, &config, &[]);
    assert_eq!(committee.xep_loai_nam.len(), cells.len());
    for (cell, listed) in cells.iter().zip(&committee.xep_loai_nam) {
        let (y, _) = reports(cell, &config, &rules, as_of);
        let grade = y.xep_loai_nam.expect("every sample cell is graded");
        assert_eq!(listed.chi_bo, cell.info.name);
        assert_eq!(
            (&listed.xep_loai, &listed.ly_do),
            (&grade.xep_loai, &grade.ly_do)
        );
    }
    // Chi bộ Thư viện tỉnh misses August: its grade says so.
    let thu_vien = committee
        .xep_loai_nam
        .iter()
        .find(|x| x.chi_bo == "Chi bộ Thư viện tỉnh")
        .expect("listed");
    assert!(
        thu_vien
            .ly_do
            .contains("tháng 8/2025 không sinh hoạt thường kỳ"),
        "{thu_vien:?}"
    );
    // The cells per grade add up to the cells, and match the list.
    let total: u32 = committee
        .xep_loai_nam_tong
        .iter()
        .map(|l| l.so_chi_bo)
        .sum();
    assert_eq!(total, 5);
    for l in &committee.xep_loai_nam_tong {
        let listed = committee
            .xep_loai_nam
            .iter()
            .filter(|x| x.xep_loai == l.ten)
            .count();
        assert_eq!(l.so_chi_bo as usize, listed, "{}", l.ten);
    }
}

#[test]
fn a_year_not_over_is_counted_to_as_of() {
    let as_of = d(2025, 12, 20);
    let (cells, config) = samples(as_of);
    let rules = Rules::from_config(&config);
    let thu_vien = cells
        .iter()
        .find(|c| c.info.name == "Chi bộ Thư viện tỉnh")
        .expect("sample");
    let ctx = Ctx {
        cell: thu_vien,
        config: &config,
        rules: &rules,
        as_of,
    };
    let y = view::bao_cao_nam(&ctx, 2025).expect("report");
    assert_eq!(y.tinh_den, Some(as_of));
    // December has not ended: 11 months and 3 quarters are due.
    assert_eq!(y.thuong_ky.so_ke_hoach, 11);
    assert_eq!(y.chuyen_de_ke_hoach, 3);
    assert_eq!(y.thang_thieu, ["8/2025"]);
    assert!(
        y.han_che
            .iter()
            .any(|l| l == "Tháng 8/2025 chi bộ không tổ chức sinh hoạt thường kỳ."),
        "{:?}",
        y.han_che
    );
    assert!(y.quy_thieu.is_empty(), "{:?}", y.quy_thieu);
    assert_eq!(y.theo_quy.len(), 4);
    assert_eq!(y.theo_quy[3].thuong_ky_ke_hoach, 2);
    assert_eq!(y.van_ban.trich_yeu, "kết quả sinh hoạt chi bộ năm 2025");
    assert_eq!(y.van_ban.ngay, as_of);
    assert_eq!(y.nam_toi, 2026);
    // Quarters not begun have no row.
    let early = Ctx {
        as_of: d(2025, 5, 2),
        ..ctx
    };
    let y = view::bao_cao_nam(&early, 2025).expect("report");
    let rows: Vec<&str> = y.theo_quy.iter().map(|r| r.ten.as_str()).collect();
    assert_eq!(rows, ["Quý I", "Quý II"]);
}

#[test]
fn a_quarter_committee_report_lists_no_annual_grade() {
    let as_of = d(2025, 12, 31);
    let (cells, config) = samples(as_of);
    let rules = Rules::from_config(&config);
    let refs: Vec<&Cell> = cells.iter().collect();
    let c = consolidate(&refs, &Period::quarter(2025, 4).unwrap(), as_of, &rules);
    let committee = build::bao_cao_tong_hop(&c, &CellFacts::default(), &config, &[]);
    assert!(committee.xep_loai_nam.is_empty());
    assert!(committee.xep_loai_nam_tong.is_empty());
}
