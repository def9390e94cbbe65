//! The figures of one small, hand-typed cell through `chibo check` and `chibo run` (issue #12):
//! the vote and band checks located at their cells, the guests kept whole, the vote line over
//! the chính thức members present, and the plan of a cell without a chi ủy. Then the thematic
//! plan and the quarterly reports of the samples: which runs make them, and when.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_xlsxwriter::Workbook;

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .output()
        .expect("run chibo")
}

fn table(wb: &mut Workbook, name: &str, rows: &[&[&str]]) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *v)
                    .unwrap();
            }
        }
    }
}

/// A cell of three members (two chính thức, one dự bị) who all came to the February meeting,
/// whose sheet says 25 voted for, whose score is 100 typed as `Kém`, with a guest whose
/// position follows a comma, and a thematic meeting planned in May.
fn small_cell(path: &Path) {
    let mut wb = Workbook::new();
    table(
        &mut wb,
        "Thông tin",
        &[
            &["Tên chi bộ", "Chi bộ Thử Nghiệm"],
            &["Ký hiệu", "CBTN"],
            &["Đảng bộ cấp trên", "Đảng bộ Sở Mẫu"],
            &["Địa danh", "Hòa Bình Xanh"],
            &["Bí thư", "Lê Văn Một"],
        ],
    );
    table(
        &mut wb,
        "Đảng viên",
        &[
            &[
                "Họ và tên",
                "Ngày vào Đảng",
                "Ngày chính thức",
                "Trạng thái",
            ],
            &["Lê Văn Một", "03/02/2000", "03/02/2001", "Chính thức"],
            &["Trần Thị Hai", "03/02/2000", "03/02/2001", "Chính thức"],
            &["Phạm Văn Ba", "01/03/2024", "", "Dự bị"],
        ],
    );
    table(
        &mut wb,
        "Sinh hoạt",
        &[
            &[
                "Ngày",
                "Loại",
                "Nội dung",
                "Đại biểu",
                "Tán thành",
                "Không tán thành",
                "Tình trạng",
            ],
            &[
                "14/02/2025",
                "Thường kỳ",
                "Triển khai nhiệm vụ tháng 3",
                "Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở",
                "25",
                "0",
                "Đã họp",
            ],
            &[
                "20/05/2025",
                "Chuyên đề",
                "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                "",
                "",
                "",
                "Kế hoạch",
            ],
        ],
    );
    table(
        &mut wb,
        "Điểm danh",
        &[
            &["Ngày", "Họ và tên", "Tình trạng"],
            &["14/02/2025", "Lê Văn Một", "x"],
            &["14/02/2025", "Trần Thị Hai", "x"],
            &["14/02/2025", "Phạm Văn Ba", "x"],
        ],
    );
    table(
        &mut wb,
        "Chấm điểm",
        &[
            &["Ngày", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Xếp loại"],
            &["14/02/2025", "15", "20", "45", "20", "Kém"],
        ],
    );
    wb.save(path).unwrap();
}

#[test]
fn check_locates_votes_above_the_voters_and_a_band_that_disagrees() {
    let dir = tempfile::tempdir().unwrap();
    small_cell(&dir.path().join("chi-bo-thu.xlsx"));
    let out = chibo(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "31/12/2025",
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // Warnings: the documents are still made.
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("trang tính 'Sinh hoạt', ô E2 (cột «Tán thành»)"),
        "{text}"
    );
    assert!(
        text.contains("25 tán thành và 0 không tán thành, nhiều hơn 2 đảng viên chính thức có mặt"),
        "{text}"
    );
    assert!(text.contains("25/0"), "{text}");
    assert!(
        text.contains("trang tính 'Chấm điểm', ô F2 (cột «Xếp loại»)"),
        "{text}"
    );
    assert!(
        text.contains("xếp loại ghi «Kém» nhưng 100 điểm theo thang điểm là «Tốt»"),
        "{text}"
    );
    assert!(text.contains("2 cảnh báo"), "{text}");
}

fn docx_text(path: &Path) -> String {
    crate::docx_common::visible_text(&crate::docx_common::part(
        &std::fs::read(path).unwrap(),
        "word/document.xml",
    ))
}

#[test]
fn the_minutes_keep_a_guest_whole_and_vote_over_the_full_members_present() {
    let dir = tempfile::tempdir().unwrap();
    small_cell(&dir.path().join("chi-bo-thu.xlsx"));
    let p = dir.path().to_str().unwrap();
    let out = chibo(&["run", p, "--period", "2025-Q1", "--as-of", "2025-12-31"]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let cell = dir.path().join("ket-qua/2025-Q1/chi-bo-thu-nghiem");
    let minutes = docx_text(&cell.join("bien-ban-2025-02-14-thuong-ky.docx"));
    assert!(
        minutes.contains(
            "Đại biểu cấp trên dự và chỉ đạo: Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở."
        ),
        "{minutes}"
    );
    assert!(
        minutes.contains("Có mặt: 03/03 đồng chí phải dự (chính thức: 02, dự bị: 01)"),
        "{minutes}"
    );
    // Over the two chính thức members present, not the three present.
    assert!(
        minutes.contains("25/02 đồng chí đảng viên chính thức có mặt tán thành"),
        "{minutes}"
    );
    assert!(!minutes.contains("/03 đồng chí tán thành"), "{minutes}");
    // Two chính thức members: no chi ủy, the bí thư plans.
    let plan = docx_text(&cell.join("ke-hoach-chuyen-de-2025.docx"));
    assert!(
        plan.contains(
            "Bí thư chi bộ xây dựng Kế hoạch sinh hoạt chuyên đề năm 2025 của Chi bộ Thử Nghiệm"
        ),
        "{plan}"
    );
    assert!(plan.contains("gửi bí thư chi bộ cho ý kiến"), "{plan}");
    // No presenter named yet: no empty `phân công ()`.
    assert!(
        plan.contains("Các đồng chí được phân công xây dựng"),
        "{plan}"
    );
    assert!(!plan.contains("Chi ủy"), "{plan}");
    assert!(plan.contains("ngày 02 tháng 01 năm 2025"), "{plan}");
}

fn samples_copy(dst: &Path) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for e in std::fs::read_dir(samples).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let input = [".xlsx", ".xls", ".ods"].iter().any(|x| name.ends_with(x));
        if e.path().is_file() && (input || name == "chibo.toml") {
            std::fs::copy(e.path(), dst.join(&name)).unwrap();
        }
    }
}

/// Every file under `dir`, relative, `/`-separated.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p: PathBuf = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn the_plan_comes_with_the_start_of_its_year_or_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    samples_copy(dir.path());
    let p = dir.path().to_str().unwrap();
    let run = |period: &str, as_of: &str, extra: &[&str]| {
        let mut args = vec!["run", p, "--period", period, "--as-of", as_of];
        args.extend_from_slice(extra);
        let out = chibo(&args);
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        out
    };
    let plans = |period: &str| {
        files(&dir.path().join("ket-qua").join(period))
            .into_iter()
            .filter(|f| f.contains("ke-hoach-chuyen-de"))
            .count()
    };
    // November: minutes only; no plan regenerated in every monthly folder.
    run("2025-11", "2025-12-31", &[]);
    assert_eq!(plans("2025-11"), 0);
    // January and quarter I start the year: the plan of every cell.
    run("2025-01", "2025-12-31", &[]);
    assert_eq!(plans("2025-01"), 5);
    // Next year's plan alone, before the year: dated the day it is made, nothing else written.
    run("2026", "2025-12-20", &["--van-ban", "ke_hoach"]);
    let made = files(&dir.path().join("ket-qua/2026"));
    let docs: Vec<&String> = made.iter().filter(|f| f.ends_with(".docx")).collect();
    assert_eq!(docs.len(), 5, "{made:?}");
    assert!(
        docs.iter()
            .all(|f| f.ends_with("ke-hoach-chuyen-de-2026.docx")),
        "{made:?}"
    );
    assert!(!made.iter().any(|f| f.ends_with(".xlsx")), "{made:?}");
    let plan = docx_text(&dir.path().join("ket-qua/2026").join(docs[0]));
    assert!(plan.contains("ngày 20 tháng 12 năm 2025"), "{plan}");
    assert!(
        plan.contains("Chi ủy xây dựng Kế hoạch sinh hoạt chuyên đề năm 2026"),
        "{plan}"
    );
    // A quarter not ended by --as-of brings no quarterly report.
    run("2025-Q4", "2025-11-15", &[]);
    let q4 = files(&dir.path().join("ket-qua/2025-Q4"));
    assert!(!q4.iter().any(|f| f.contains("bao-cao-quy")), "{q4:?}");
    assert!(q4.iter().any(|f| f.contains("bien-ban-2025-10-")), "{q4:?}");
}

#[test]
fn a_cell_with_nothing_to_plan_gets_a_warning_not_an_empty_plan() {
    let dir = tempfile::tempdir().unwrap();
    samples_copy(dir.path());
    let p = dir.path().to_str().unwrap();
    // The samples plan 2026, not 2027.
    let out = chibo(&[
        "run",
        p,
        "--period",
        "2027",
        "--as-of",
        "2026-12-20",
        "--van-ban",
        "ke-hoach",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("không lập kế hoạch sinh hoạt chuyên đề năm 2027"),
        "{err}"
    );
    let made = files(&dir.path().join("ket-qua/2027"));
    assert!(!made.iter().any(|f| f.ends_with(".docx")), "{made:?}");
    let log = std::fs::read_to_string(dir.path().join("ket-qua/2027/nhat-ky.txt")).unwrap();
    assert!(
        log.contains("không lập kế hoạch sinh hoạt chuyên đề năm 2027"),
        "{log}"
    );
    // An unknown kind is refused before anything runs.
    let bad = chibo(&["run", p, "--period", "2027", "--van-ban", "bao_cao_thang"]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
}
