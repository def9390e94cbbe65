//! `chibo run` reads a committee a window of workbooks at a time and drops each window's models
//! once its documents are made (docs/performance.md). Whatever crosses windows must come out as
//! if every cell had been held at once: the consolidated workbook byte for byte, people on the
//! rolls of two cells in different windows, cell folders made unique across windows, a broken
//! workbook in the middle skipped without stopping the others.
#![allow(clippy::unwrap_used)]

use crate::examples_common as common;

use std::path::Path;
use std::process::Command;

use chibo::aggregate::{Period, Rules, held_meetings};
use chibo::commands::check::text_report;
use chibo::diagnostic::Lang;
use chibo::model::Cell;
use chibo::pipeline::{LoadOptions, load};
use chibo::xlsx::{SummaryInput, consolidate_with_rows, summary_workbook};
use common::canonical::{Options, write};
use common::synth::{CHIBO_TOML, synthetic_cell};

/// With `--jobs 1` a run reads 16 workbooks at a time: 40 cells make three windows.
const CELLS: usize = 40;
const SEED: u64 = 11;

fn committee(dir: &Path) {
    for n in 1..=CELLS {
        let mut cell = synthetic_cell(SEED, n, 2025);
        if n == 39 {
            // Same name as cell 1, two windows later: its folder must not be cell 1's.
            cell.name = "Chi bộ 1".into();
        }
        if n == 40 {
            // Cell 1's secretary is on this cell's rolls too.
            cell.people[0] = synthetic_cell(SEED, 1, 2025).people[0].clone();
        }
        let bytes = write(&cell, Options::default()).unwrap();
        std::fs::write(dir.join(&cell.file), bytes).unwrap();
    }
    // A broken workbook in the second window.
    std::fs::write(dir.join("chi-bo-0020.xlsx"), b"not a workbook").unwrap();
    std::fs::write(dir.join("chibo.toml"), CHIBO_TOML).unwrap();
}

fn docx_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += docx_count(&p);
        } else if p.extension().is_some_and(|x| x == "docx") {
            n += 1;
        }
    }
    n
}

#[test]
fn a_committee_read_window_by_window_gives_what_all_cells_at_once_give() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-bo");
    std::fs::create_dir_all(&dir).unwrap();
    committee(&dir);
    let out = tmp.path().join("ket-qua");
    let status = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi", "run"])
        .arg(&dir)
        .args(["--period", "2025", "--as-of", "2025-12-31", "--jobs", "1"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&status.stdout);
    // 1: a workbook was skipped for errors; the others were produced.
    assert_eq!(status.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("chi-bo-0020.xlsx: BỎ QUA"), "{stdout}");

    // The same folder, every cell in memory at once.
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let all = load(
        &dir,
        &LoadOptions {
            as_of,
            jobs: Some(1),
        },
    )
    .unwrap();
    let cells: Vec<&Cell> = all.cells.iter().filter_map(|c| c.usable()).collect();
    assert_eq!(cells.len(), CELLS - 1);
    let period = Period::parse("2025").unwrap();
    let rules = Rules::from_config(&all.config);
    let (consolidated, mut rows) = consolidate_with_rows(&cells, &period, as_of, &rules);
    let problems: Vec<_> = all
        .cells
        .iter()
        .filter(|c| c.usable().is_none())
        .flat_map(|c| c.diagnostics.iter().cloned())
        .collect();
    let expected = summary_workbook(
        &SummaryInput {
            committee: &all.config.dang_uy,
            consolidated: &consolidated,
            rules: &rules,
            problems: &problems,
        },
        &mut rows,
    )
    .unwrap();
    let written = std::fs::read(out.join("tong-hop-2025.xlsx")).unwrap();
    assert!(
        written == expected,
        "the run's workbook differs from the one built from every cell at once"
    );

    // Cell 1 (first window) and cell 40 (third window, index 38 once cell 20 is skipped)
    // share a member.
    assert!(
        consolidated.duplicates.iter().any(|g| {
            g.members.iter().any(|m| m.0 == 0) && g.members.iter().any(|m| m.0 == CELLS - 2)
        }),
        "{:?}",
        consolidated.duplicates
    );

    // Every document of every usable cell (minutes, four quarterly reports, the plan, the
    // annual report), and the committee's report.
    let expected_docs: usize = cells
        .iter()
        .map(|c| held_meetings(c, &period, as_of).count() + 4 + 1 + 1)
        .sum::<usize>()
        + 1;
    assert_eq!(docx_count(&out), expected_docs);
    // Two cells named `Chi bộ 1`, two folders.
    assert!(out.join("chi-bo-1").is_dir());
    assert!(out.join("chi-bo-1-2").is_dir());
    // Cell 39 is the 38th usable one (cell 20 is skipped).
    assert_eq!(cells[37].info.name, "Chi bộ 1");
    assert_eq!(
        docx_count(&out.join("chi-bo-1-2")),
        held_meetings(cells[37], &period, as_of).count() + 6
    );
    // `chibo check` streams its text report the same way (two windows of 32 on two cores, one
    // per 16 on one): the same report as from every cell at once.
    let check = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi", "check"])
        .arg(&dir)
        .args(["--as-of", "2025-12-31"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(check.stdout).unwrap(),
        text_report(&all, as_of, false, Lang::Vi)
    );
    // Nothing left half-written.
    let log = std::fs::read_to_string(out.join("nhat-ky.txt")).unwrap();
    assert!(
        log.contains(&format!(
            "Tổng: {} chi bộ dùng được trên {CELLS} sổ; {expected_docs} văn bản.",
            CELLS - 1
        )),
        "{log}"
    );
}

/// The workbook's rows go through temporary files: when the system's temporary folder cannot
/// be used, the workbook is reported as not made, and every document is still produced.
#[test]
fn no_temporary_folder_costs_the_workbook_only() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let output = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi", "run"])
        .arg(&samples)
        .args(["--period", "2025-Q4", "--as-of", "2025-12-31"])
        .arg("--out")
        .arg(&out)
        .env("TMPDIR", tmp.path().join("khong-co"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("lỗi: không tạo được bảng tổng hợp")
            && stderr.contains("thư mục tạm của máy có ghi được"),
        "{stderr}"
    );
    assert!(!out.join("tong-hop-2025-Q4.xlsx").exists());
    // The 24 documents of the cells and the committee's report, as in the golden run.
    assert_eq!(docx_count(&out), 25);
    let log = std::fs::read_to_string(out.join("nhat-ky.txt")).unwrap();
    assert!(
        log.contains("- tong-hop-2025-Q4.xlsx: không tạo được bảng tổng hợp"),
        "{log}"
    );
}
