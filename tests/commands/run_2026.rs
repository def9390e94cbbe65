//! A 2026 period on a committee generated for 2026 (`examples/gen_committee.rs --year 2026`,
//! written into a temporary folder here): its config leaves the scheme to the year, so the
//! 42-HD/BTCTW preset scores it (seven groups read, banded by 42-HD's bands) and its documents
//! cite 42-HD/BTCTW; the same committee generated for 2025 keeps Phú Thọ and 12-HD/BTCTW
//! (docs/rules.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use chibo::aggregate::meeting_score;
use chibo::pipeline::{LoadOptions, open};
use chrono::NaiveDate;

use crate::docx_common::{part, visible_text};
use crate::examples_common::canonical::{Options, write};
use crate::examples_common::synth::{CHIBO_TOML, synthetic_cell};

const CELLS: usize = 3;

/// `CELLS` synthetic cells of `year` and the synthetic `chibo.toml` in `dir`.
fn generate(dir: &Path, year: i32) {
    for n in 1..=CELLS {
        let cell = synthetic_cell(11, n, year);
        let bytes = write(&cell, Options::default()).unwrap();
        std::fs::write(dir.join(&cell.file), bytes).unwrap();
    }
    std::fs::write(dir.join("chibo.toml"), CHIBO_TOML).unwrap();
}

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap()
}

/// Every `.docx` under `dir`, by file name, with its visible text.
fn documents(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir(dir) {
        let name = e.to_string_lossy().into_owned();
        if name.ends_with(".docx") {
            let bytes = std::fs::read(&e).unwrap();
            out.push((name, visible_text(&part(&bytes, "word/document.xml"))));
        }
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Runs `period` on a committee generated for `year`; the output folder's documents and log.
fn run_period(year: i32, period: &str, as_of: &str) -> (Vec<(String, String)>, String) {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), year);
    let out = chibo(&[
        "run",
        tmp.path().to_str().unwrap(),
        "--period",
        period,
        "--as-of",
        as_of,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out_dir = tmp.path().join("ket-qua").join(period);
    let log = std::fs::read_to_string(out_dir.join("nhat-ky.txt")).unwrap();
    (documents(&out_dir), log)
}

const HD42: &str = "Căn cứ Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương về nâng cao chất lượng sinh hoạt chi bộ;";
const HD12: &str = "Căn cứ Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương về một số vấn đề nâng cao chất lượng sinh hoạt chi bộ;";

#[test]
fn a_2026_period_is_scored_by_42_hd_and_cites_it() {
    let (docs, log) = run_period(2026, "2026-Q1", "2026-04-20");
    assert!(
        log.contains("Quy định áp dụng: Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025")
            && log.contains("thang điểm `hd42`")
            && log.contains("mặc định của năm 2026"),
        "{log}"
    );
    let plans = plans(&docs);
    for (name, text) in &plans {
        assert!(text.contains(HD42), "{name}: {text}");
    }
    // No document of a 2026 period cites the guideline 42-HD replaced.
    assert!(docs.len() > CELLS * 4, "{:?}", names(&docs));
    for (name, text) in &docs {
        assert!(!text.contains("12-HD"), "{name}: {text}");
    }
}

/// The thematic plans among the documents, one per cell.
fn plans(docs: &[(String, String)]) -> Vec<&(String, String)> {
    let plans: Vec<_> = docs
        .iter()
        .filter(|(n, _)| n.contains("ke-hoach"))
        .collect();
    assert_eq!(plans.len(), CELLS, "{:?}", names(docs));
    plans
}

fn names(docs: &[(String, String)]) -> Vec<&str> {
    docs.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn the_same_committee_in_2025_keeps_the_rules_of_2025() {
    let (docs, log) = run_period(2025, "2025-Q1", "2025-04-20");
    assert!(
        log.contains("Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018")
            && log.contains("thang điểm `phu_tho`"),
        "{log}"
    );
    let plans = plans(&docs);
    for (name, text) in &plans {
        assert!(text.contains(HD12), "{name}: {text}");
        assert!(!text.contains("42-HD"), "{name}: {text}");
    }
}

/// The generated 2026 scores sheet has the seven 42-HD groups; read for a 2026 period, every
/// group is read, the groups add up to the total, and the band follows 42-HD's bands.
#[test]
fn a_2026_committee_is_banded_by_the_42_hd_preset() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), 2026);
    let mut folder = open(tmp.path(), None).unwrap();
    folder.config = folder.config.for_year(2026);
    let scheme = folder.config.scheme();
    assert_eq!(scheme.id, "hd42");
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let committee = folder.read_all(&LoadOptions { as_of, jobs: None });
    let mut scored = 0;
    for lc in &committee.cells {
        assert!(
            lc.diagnostics
                .iter()
                .all(|d| !d.is_error() && d.code != "score.unknown_group"),
            "{:?}",
            lc.diagnostics
        );
        let cell = lc.cell.as_ref().unwrap();
        for m in &cell.meetings {
            let Some(s) = meeting_score(m, &scheme) else {
                continue;
            };
            scored += 1;
            assert_eq!(s.groups.len(), 7);
            assert!(s.groups.iter().all(Option::is_some), "{s:?}");
            let total = s.counted.unwrap();
            assert!((s.group_sum.unwrap() - total).abs() < 1e-9, "{s:?}");
            let expected = match total {
                t if t >= 90.0 => "Tốt",
                t if t >= 70.0 => "Khá",
                t if t >= 50.0 => "Trung bình",
                _ => "Kém",
            };
            assert_eq!(s.band.as_deref(), Some(expected), "{s:?}");
            assert!(!s.band_mismatch && !s.total_mismatch, "{s:?}");
        }
    }
    assert!(scored >= CELLS * 11, "{scored} scored meetings");
}

/// `check` on the 2026 committee says which rules apply.
#[test]
fn check_says_which_rules_apply() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), 2026);
    let dir = tmp.path().to_str().unwrap();
    let out = chibo(&["check", dir, "--as-of", "2026-12-31"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Quy định áp dụng: Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025")
            && stdout.contains("`hd42`"),
        "{stdout}"
    );
    let out = chibo(&["check", dir, "--as-of", "2025-12-31", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = doc["rules"].as_str().unwrap();
    assert!(
        rules.contains("12-HD/BTCTW ngày 06/7/2018") && rules.contains("`phu_tho`"),
        "{rules}"
    );
}

/// `check` in January 2026 of the workbooks of 2025, where the scheme follows the year: each
/// is read by the rules of its meetings' year, as `run --period 2025` reads it. Before, every
/// cell had an error (`score.groups_mismatch`, its Phú Thọ columns against the 42-HD scheme)
/// and «văn bản của chi bộ này sẽ không được tạo», which the run then contradicted. The same
/// for next year's workbooks prepared in December.
#[test]
fn check_reads_each_workbook_by_the_rules_of_its_meetings_year() {
    for (year, as_of, read_by) in [(2025, "2026-01-10", 2025), (2026, "2025-12-20", 2026)] {
        let tmp = tempfile::tempdir().unwrap();
        generate(tmp.path(), year);
        let dir = tmp.path().to_str().unwrap();
        let out = chibo(&["check", dir, "--as-of", as_of]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(
            stdout.contains(&format!("Đã kiểm tra {CELLS} sổ: 0 lỗi")),
            "{stdout}"
        );
        let line = format!(
            "  Các buổi họp của sổ là của năm {read_by}, nên sổ được đọc theo quy định năm {read_by}: "
        );
        assert_eq!(stdout.matches(&line).count(), CELLS, "{stdout}");
        assert!(
            stdout.contains(&format!(
                "; trừ {CELLS} sổ đọc theo quy định năm của các buổi họp trong sổ (ghi ở từng sổ)."
            )),
            "{stdout}"
        );
        let out = chibo(&["check", dir, "--as-of", as_of, "--json"]);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["errors"], 0, "{doc:#}");
        let scheme = if read_by == 2025 {
            "`phu_tho`"
        } else {
            "`hd42`"
        };
        for cell in doc["cells"].as_array().unwrap() {
            let rules = cell["rules"].as_str().unwrap();
            assert!(rules.contains(scheme), "{rules}");
            assert!(
                cell["meetings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m["band"].is_string())
            );
        }
        // Banded by that scheme: the bands are those the workbook gets in its own year.
        let own_year = chibo(&[
            "check",
            dir,
            "--as-of",
            &format!("{read_by}-12-31"),
            "--json",
        ]);
        let own: serde_json::Value = serde_json::from_slice(&own_year.stdout).unwrap();
        let bands = |d: &serde_json::Value| -> Vec<serde_json::Value> {
            d["cells"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| {
                    c["meetings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|m| m["band"].clone())
                })
                .collect()
        };
        assert_eq!(bands(&doc), bands(&own));
    }
    // A workbook with a meeting of the as-of year is read by that year's rules, as before; one
    // of an earlier year under the same rules (2024, checked in 2025) is not read again.
    for year in [2025, 2024] {
        let tmp = tempfile::tempdir().unwrap();
        generate(tmp.path(), year);
        let out = chibo(&[
            "check",
            tmp.path().to_str().unwrap(),
            "--as-of",
            "2025-12-31",
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stdout.contains("Các buổi họp của sổ là của năm"),
            "{stdout}"
        );
        assert!(!stdout.contains("; trừ "), "{stdout}");
    }
}
