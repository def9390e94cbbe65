//! A year run on the shipped samples writes each cell's annual report (`bao-cao-nam-2025.docx`)
//! beside its four quarterly reports, and the committee's year report lists every cell's annual
//! grade. Golden documents: `CHIBO_BLESS=1 cargo test --test commands run_e2e` re-blesses them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::docx_common;
use crate::sample_folder::copy_samples;

use std::path::Path;
use std::process::{Command, Output};

const AS_OF: &str = "2025-12-31";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("run")
        .arg(dir)
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap()
}

fn text_of(docx: &[u8]) -> String {
    docx_common::visible_text(&docx_common::part(docx, "word/document.xml"))
}

const CELLS: [&str; 5] = [
    "chi-bo-van-phong-so",
    "chi-bo-phong-quan-ly-van-hoa",
    "chi-bo-thu-vien-tinh",
    "chi-bo-bao-tang-tinh",
    "chi-bo-trung-tam-van-hoa-nghe-thuat",
];

#[test]
fn a_year_run_writes_each_cells_annual_report_golden() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    let out = run(tmp.path(), &["--period", "2025", "--as-of", AS_OF]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = tmp.path().join("ket-qua/2025");
    for cell in CELLS {
        let dir = root.join(cell);
        assert!(dir.join("bao-cao-nam-2025.docx").is_file(), "{cell}");
        for q in ["I", "II", "III", "IV"] {
            assert!(dir.join(format!("bao-cao-quy-{q}-2025.docx")).is_file());
        }
    }
    let bytes = std::fs::read(root.join("chi-bo-van-phong-so/bao-cao-nam-2025.docx")).unwrap();
    let xml = docx_common::normalize(&docx_common::part(&bytes, "word/document.xml"));
    docx_common::golden("run-samples", "bao-cao-nam.xml", &xml);

    // The cell that missed August: its report and its annual grade say so.
    let thu_vien =
        text_of(&std::fs::read(root.join("chi-bo-thu-vien-tinh/bao-cao-nam-2025.docx")).unwrap());
    for want in [
        "kết quả sinh hoạt chi bộ năm 2025",
        "Trong năm, chi bộ đã tổ chức 11/12 buổi sinh hoạt thường kỳ theo kế hoạch; chưa sinh hoạt thường kỳ tháng 8/2025.",
        "(tháng 8/2025 không sinh hoạt thường kỳ).",
        "Trong năm, chi bộ tổ chức 04 buổi sinh hoạt chuyên đề:",
        "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "T/M CHI BỘ",
    ] {
        assert!(thu_vien.contains(want), "no «{want}»:\n{thu_vien}");
    }
    assert!(!thu_vien.contains("số liệu tính đến"), "{thu_vien}");

    // The committee's year report: the cells per grade, then every cell with its grade.
    let report = std::fs::read(root.join("bao-cao-tong-hop-2025.docx")).unwrap();
    let xml = docx_common::normalize(&docx_common::part(&report, "word/document.xml"));
    docx_common::golden("run-samples", "bao-cao-tong-hop-nam.xml", &xml);
    let text = text_of(&report);
    assert!(
        text.contains("Xếp loại chất lượng sinh hoạt chi bộ năm 2025: Tốt: "),
        "{text}"
    );
    assert!(
        text.contains("- Chi bộ Thư viện tỉnh: ")
            && text.contains("(tháng 8/2025 không sinh hoạt thường kỳ)"),
        "{text}"
    );
}

#[test]
fn a_quarter_run_writes_no_annual_report_and_a_year_not_over_only_when_named() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(
        run(tmp.path(), &["--period", "2025-Q4", "--as-of", AS_OF])
            .status
            .code(),
        Some(0)
    );
    let q4 = tmp.path().join("ket-qua/2025-Q4/chi-bo-van-phong-so");
    assert!(q4.join("bao-cao-quy-IV-2025.docx").is_file());
    assert!(!q4.join("bao-cao-nam-2025.docx").exists());

    // On 20/12 the year is still running: no annual report unless asked for by name.
    assert_eq!(
        run(tmp.path(), &["--period", "2025", "--as-of", "2025-12-20"])
            .status
            .code(),
        Some(0)
    );
    let year = tmp.path().join("ket-qua/2025/chi-bo-van-phong-so");
    assert!(!year.join("bao-cao-nam-2025.docx").exists());
    let out = run(
        tmp.path(),
        &[
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--van-ban",
            "bao_cao_nam",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = text_of(&std::fs::read(year.join("bao-cao-nam-2025.docx")).unwrap());
    assert!(
        text.contains(
            "báo cáo kết quả sinh hoạt chi bộ năm 2025 (số liệu tính đến ngày 20/12/2025) như sau:"
        ),
        "{text}"
    );
    assert!(
        text.contains("buổi sinh hoạt thường kỳ theo kế hoạch") && text.contains("/11 buổi"),
        "{text}"
    );
}

#[test]
fn two_year_runs_write_the_same_annual_report() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    let args = [
        "--period",
        "2025",
        "--as-of",
        AS_OF,
        "--van-ban",
        "bao_cao_nam",
    ];
    let a_out = tmp.path().join("a");
    let b_out = tmp.path().join("b");
    for out in [&a_out, &b_out] {
        let mut all: Vec<&str> = args.to_vec();
        let o = out.to_str().unwrap();
        all.extend(["--out", o]);
        assert_eq!(run(tmp.path(), &all).status.code(), Some(0));
    }
    for cell in CELLS {
        let file = format!("{cell}/bao-cao-nam-2025.docx");
        let a = std::fs::read(a_out.join(&file)).unwrap();
        let b = std::fs::read(b_out.join(&file)).unwrap();
        assert!(a == b, "{file} differs between two runs");
    }
}
