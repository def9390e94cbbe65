//! `chibo run` end to end on the shipped samples: the document set, the figures in the
//! documents against the generator's ground truth (`samples/expected.json`), golden documents,
//! byte-identical re-runs, an unwritable output, an interrupted run, and LibreOffice opening
//! every document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::docx_common;
use crate::sample_folder::{copy_samples, samples};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use calamine::DataType as _;
use chibo::text::ascii_slug;
use serde_json::Value;

const AS_OF: &str = "2025-12-31";

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap()
}

fn run(dir: &Path, period: &str) -> Output {
    chibo(&[
        "run",
        dir.to_str().unwrap(),
        "--period",
        period,
        "--as-of",
        AS_OF,
    ])
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(samples().join("expected.json")).unwrap())
        .unwrap()
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn kinds_slug(kinds: &[Value]) -> &'static str {
    let has = |k: &str| kinds.iter().any(|v| v == k);
    match (has("thuong_ky"), has("chuyen_de")) {
        (true, true) => "thuong-ky-chuyen-de",
        (false, true) => "chuyen-de",
        _ => "thuong-ky",
    }
}

/// The held meetings of a cell in the fourth quarter of 2025.
fn q4_meetings(cell: &Value) -> Vec<&Value> {
    cell["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "held" && m["date"].as_str().unwrap() >= "2025-10-01")
        .collect()
}

fn text_of(docx: &[u8]) -> String {
    docx_common::visible_text(&docx_common::part(docx, "word/document.xml"))
}

/// A count as the documents print it: two digits below 10 (`06`).
fn n2(x: u64) -> String {
    chibo::docx::filters::so_2(x as i64)
}

fn percent(num: u64, den: u64) -> String {
    chibo::docx::filters::phan_tram(num as f64 / den as f64)
}

#[test]
fn run_produces_the_period_set_reproducibly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("Đảng bộ mẫu");
    copy_samples(&dir);
    let out = run(&dir, "2025-Q4");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = dir.join("ket-qua/2025-Q4");
    let first = tree(&root);

    let mut want: Vec<String> = vec![
        // The record of what chibo wrote (src/manifest.rs) and the lock of the folder.
        ".chibo-manifest.json".into(),
        ".chibo.lock".into(),
        "nhat-ky.txt".into(),
        "tong-hop-2025-Q4.xlsx".into(),
        "bao-cao-tong-hop-2025-Q4.docx".into(),
    ];
    for cell in expected()["cells"].as_array().unwrap() {
        let folder = ascii_slug(cell["name"].as_str().unwrap());
        for m in q4_meetings(cell) {
            let kinds = m["kinds"].as_array().unwrap();
            want.push(format!(
                "{folder}/bien-ban-{}-{}.docx",
                m["date"].as_str().unwrap(),
                kinds_slug(kinds)
            ));
        }
        // The thematic plan is a document of the start of its year: quarter IV brings none.
        want.push(format!("{folder}/bao-cao-quy-IV-2025.docx"));
    }
    want.sort();
    let got: Vec<String> = first.keys().cloned().collect();
    assert_eq!(got, want);

    // The log says what was read and produced, with no clock time in it.
    let log = String::from_utf8(first["nhat-ky.txt"].clone()).unwrap();
    assert!(log.contains("Kỳ: quý IV năm 2025 (2025-Q4)"), "{log}");
    assert!(
        log.contains("- chi-bo-3.xls: Chi bộ Thư viện tỉnh"),
        "{log}"
    );
    assert!(log.contains("KHÔNG TẠO ĐƯỢC\n(không có)"), "{log}");
    assert!(
        log.contains("\n- bao-cao-tong-hop-2025-Q4.docx\n- tong-hop-2025-Q4.xlsx\n"),
        "{log}"
    );
    assert!(
        log.contains("Tổng: 5 chi bộ dùng được trên 5 sổ; 25 văn bản."),
        "{log}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("  Đảng ủy: 1 văn bản (bao-cao-tong-hop-2025-Q4.docx)"),
        "{stdout}"
    );

    // Same input, same bytes.
    let again = run(&dir, "2025-Q4");
    assert_eq!(again.status.code(), Some(0));
    let second = tree(&root);
    assert_eq!(first.len(), second.len());
    for (name, bytes) in &first {
        assert!(second[name] == *bytes, "{name} differs between two runs");
    }

    // The results folder is never read back as a cell's workbook.
    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("Đã kiểm tra 5 sổ: 0 lỗi"));
}

#[test]
fn minutes_state_the_attendance_of_the_day() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let root = tmp.path().join("ket-qua/2025-Q4");
    let mut checked = 0;
    for cell in expected()["cells"].as_array().unwrap() {
        let folder = ascii_slug(cell["name"].as_str().unwrap());
        let counts_only = cell["file"].as_str().unwrap().ends_with(".ods");
        for m in q4_meetings(cell) {
            let file = format!(
                "{folder}/bien-ban-{}-{}.docx",
                m["date"].as_str().unwrap(),
                kinds_slug(m["kinds"].as_array().unwrap())
            );
            let text = text_of(&std::fs::read(root.join(&file)).unwrap());
            let (present, eligible) = (
                m["present"].as_u64().unwrap(),
                m["eligible"].as_u64().unwrap(),
            );
            let line = format!(
                "- Có mặt: {}/{} đồng chí phải dự",
                n2(present),
                n2(eligible)
            );
            assert!(text.contains(&line), "{file}: no «{line}» in\n{text}");
            assert!(
                text.contains(&format!("đạt {}.", percent(present, eligible))),
                "{file}"
            );
            if !counts_only {
                for a in m["absent"].as_array().unwrap() {
                    let name = a["name"].as_str().unwrap();
                    let want = if a["excused"].as_bool().unwrap() {
                        format!("đồng chí {name} ({})", a["reason"].as_str().unwrap())
                    } else {
                        format!("đồng chí {name}")
                    };
                    assert!(
                        text.contains(&want),
                        "{file}: absentee «{want}» missing in\n{text}"
                    );
                }
            }
            if let Some(total) = m["score_total"].as_u64() {
                let band = m["band"].as_str().unwrap();
                assert!(
                    text.contains(&format!("{total},0/100 điểm; xếp loại: {band}.")),
                    "{file}\n{text}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 19, "only {checked} minutes checked");
}

#[test]
fn quarterly_report_figures_equal_hand_computed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let e = expected();
    let cell = &e["cells"][0];
    let meetings = q4_meetings(cell);
    let regular: Vec<&&Value> = meetings
        .iter()
        .filter(|m| {
            m["kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == "thuong_ky")
        })
        .collect();
    // By hand from the ground truth: the rate under «Sinh hoạt thường kỳ» is summed present
    // over summed eligible of the regular meetings (a combined session included).
    let sum = |key: &str| -> u64 { regular.iter().map(|m| m[key].as_u64().unwrap()).sum() };
    let (present, eligible) = (sum("present"), sum("eligible"));
    let (excused, unexcused) = (sum("excused"), sum("unexcused"));
    let scores: Vec<u64> = meetings
        .iter()
        .filter_map(|m| m["score_total"].as_u64())
        .collect();
    let avg = scores.iter().sum::<u64>() as f64 / scores.len() as f64;

    let folder = ascii_slug(cell["name"].as_str().unwrap());
    let text = text_of(
        &std::fs::read(
            tmp.path()
                .join(format!("ket-qua/2025-Q4/{folder}/bao-cao-quy-IV-2025.docx")),
        )
        .unwrap(),
    );
    let want = [
        format!(
            "Chi bộ đã tổ chức {}/03 buổi sinh hoạt thường kỳ",
            n2(regular.len() as u64)
        ),
        format!(
            "Tỷ lệ đảng viên dự sinh hoạt bình quân: {}",
            percent(present, eligible)
        ),
        format!(
            "vắng có lý do: {} lượt; vắng không lý do: {} lượt",
            n2(excused),
            n2(unexcused)
        ),
        format!(
            "Điểm bình quân: {} điểm",
            chibo::docx::filters::so_le(avg, 1, false)
        ),
        "kết quả sinh hoạt chi bộ quý IV năm 2025".to_string(),
    ];
    for w in want {
        assert!(text.contains(&w), "report lacks «{w}»:\n{text}");
    }
    // The end-of-quarter rolls, from the generator's standings.
    let st = &cell["standing_at_quarter_end"]["2025-12-31"];
    let n = |k: &str| st[k].as_array().unwrap().len();
    let members = n("chinh_thuc") + n("du_bi") + n("mien_sinh_hoat");
    let c = |x: usize| n2(x as u64);
    let line = format!(
        "Cuối quý, chi bộ có {} đảng viên (chính thức: {}, dự bị: {}; miễn sinh hoạt: {})",
        c(members),
        c(n("chinh_thuc") + n("mien_sinh_hoat")),
        c(n("du_bi")),
        c(n("mien_sinh_hoat"))
    );
    assert!(text.contains(&line), "report lacks «{line}»:\n{text}");
}

/// Golden documents: the normalised `document.xml` of each kind for the first sample cell.
/// `CHIBO_BLESS=1 cargo test --test commands run_e2e::` re-blesses them.
#[test]
fn golden_documents_of_each_kind() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let folder = tmp.path().join("ket-qua/2025-Q4/chi-bo-van-phong-so");
    for (file, golden) in [
        (
            "bien-ban-2025-10-07-thuong-ky.docx",
            "bien-ban-thuong-ky.xml",
        ),
        (
            "bien-ban-2025-11-27-chuyen-de.docx",
            "bien-ban-chuyen-de.xml",
        ),
        ("bao-cao-quy-IV-2025.docx", "bao-cao-quy.xml"),
        // The plan comes with the run that starts its year.
        (
            "../../2025-Q1/chi-bo-van-phong-so/ke-hoach-chuyen-de-2025.docx",
            "ke-hoach-chuyen-de.xml",
        ),
    ] {
        if file.contains("2025-Q1") && !folder.join(file).exists() {
            assert_eq!(run(tmp.path(), "2025-Q1").status.code(), Some(0));
        }
        let bytes = std::fs::read(folder.join(file)).unwrap();
        let xml = docx_common::normalize(&docx_common::part(&bytes, "word/document.xml"));
        docx_common::golden("run-samples", golden, &xml);
    }
    let report = std::fs::read(
        tmp.path()
            .join("ket-qua/2025-Q4/bao-cao-tong-hop-2025-Q4.docx"),
    )
    .unwrap();
    let xml = docx_common::normalize(&docx_common::part(&report, "word/document.xml"));
    docx_common::golden("run-samples", "bao-cao-tong-hop.xml", &xml);
    // The combined session of the fifth cell uses the thematic minutes with both parts.
    let combined = tmp.path().join("ket-qua/2025-Q4/chi-bo-trung-tam-van-hoa-nghe-thuat/bien-ban-2025-11-10-thuong-ky-chuyen-de.docx");
    let text = text_of(&std::fs::read(combined).unwrap());
    assert!(
        text.contains("sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề tháng 11 năm 2025"),
        "{text}"
    );
}

#[test]
fn months_and_years_plan_the_right_documents() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    // November closes no quarter: minutes and the plan, no report.
    assert_eq!(run(tmp.path(), "tháng 11/2025").status.code(), Some(0));
    let nov = tree(&tmp.path().join("ket-qua/2025-11"));
    assert!(
        nov.keys()
            .any(|k| k.ends_with("bien-ban-2025-11-11-thuong-ky.docx"))
    );
    assert!(!nov.keys().any(|k| k.contains("bao-cao-quy")));
    assert!(
        nov.keys()
            .all(|k| !k.contains("2025-10-") && !k.contains("2025-12-"))
    );
    // December closes quarter IV.
    assert_eq!(run(tmp.path(), "12/2025").status.code(), Some(0));
    let dec = tree(&tmp.path().join("ket-qua/2025-12"));
    assert_eq!(
        dec.keys()
            .filter(|k| k.ends_with("bao-cao-quy-IV-2025.docx"))
            .count(),
        5
    );
    // A year brings the four quarterly reports of every cell.
    assert_eq!(run(tmp.path(), "2025").status.code(), Some(0));
    let year = tree(&tmp.path().join("ket-qua/2025"));
    assert_eq!(
        year.keys().filter(|k| k.contains("/bao-cao-quy-")).count(),
        20
    );
    assert_eq!(year.keys().filter(|k| k.contains("/bien-ban-")).count(), 74);
}

#[test]
fn an_unwritable_output_is_named_and_the_rest_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    // A folder where a document should go: the rename onto it fails, as a locked file would.
    let blocked = tmp
        .path()
        .join("ket-qua/2025-Q4/chi-bo-van-phong-so/bao-cao-quy-IV-2025.docx");
    std::fs::create_dir_all(blocked.join("x")).unwrap();
    let out = run(tmp.path(), "2025-Q4");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("không ghi được") && err.contains("bao-cao-quy-IV-2025.docx"),
        "{err}"
    );
    let root = tmp.path().join("ket-qua/2025-Q4");
    assert!(
        root.join("chi-bo-van-phong-so/bien-ban-2025-10-07-thuong-ky.docx")
            .is_file()
    );
    assert!(
        root.join("chi-bo-thu-vien-tinh/bao-cao-quy-IV-2025.docx")
            .is_file()
    );
    assert!(root.join("tong-hop-2025-Q4.xlsx").is_file());
    let log = std::fs::read_to_string(root.join("nhat-ky.txt")).unwrap();
    assert!(
        log.contains(
            "KHÔNG TẠO ĐƯỢC\n- chi-bo-van-phong-so/bao-cao-quy-IV-2025.docx: không ghi được"
        ),
        "{log}"
    );
}

/// Every `.docx` under `dir` is a complete package whose main part is well-formed XML.
fn assert_all_documents_complete(dir: &Path) -> usize {
    let mut n = 0;
    for (name, bytes) in tree(dir) {
        assert!(
            !name.ends_with(".tmp") || name.rsplit('/').next().unwrap().starts_with('.'),
            "{name}"
        );
        if name.ends_with(".docx") {
            let xml = docx_common::part(&bytes, "word/document.xml");
            assert!(xml.contains("</w:document>"), "{name} is incomplete");
            n += 1;
        }
    }
    n
}

/// Waits until the running `child` has a temporary file (`.name.<pid>-<key>.tmp`, see
/// src/output.rs) under `root`: it is then writing documents. Fails if it ends first.
fn wait_until_writing(child: &mut std::process::Child, root: &Path) {
    let marker = format!(".{}-", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    loop {
        if names_under(root)
            .iter()
            .any(|n| n.starts_with('.') && n.contains(&marker) && n.ends_with(".tmp"))
        {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was seen writing a temporary file"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the run wrote no temporary file in 5 minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// The names of the files under `dir`, at any depth (names only: cheap enough to poll).
fn names_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(names_under(&e.path()));
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn an_interrupted_run_leaves_no_partial_document_and_the_previous_ones_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Twelve different synthetic cells: enough documents for the run to be stopped midway
    // (copies of the samples would be one cell each: identical files are read once).
    for n in 1..=12 {
        let cell = crate::examples_common::synth::synthetic_cell(5, n, 2025);
        let bytes = crate::examples_common::canonical::write(
            &cell,
            crate::examples_common::canonical::Options::default(),
        )
        .unwrap();
        std::fs::write(dir.join(&cell.file), bytes).unwrap();
    }
    std::fs::write(
        dir.join("chibo.toml"),
        crate::examples_common::synth::CHIBO_TOML,
    )
    .unwrap();
    let args = |jobs: &str| {
        vec![
            "run".to_string(),
            dir.to_str().unwrap().into(),
            "--period".into(),
            "2025".into(),
            "--as-of".into(),
            AS_OF.into(),
            "--jobs".into(),
            jobs.into(),
        ]
    };
    // A complete run first: the previous outputs.
    let done = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args("2"))
        .output()
        .unwrap();
    assert!(
        done.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let root = dir.join("ket-qua/2025");
    let before = tree(&root);
    let docs_before = assert_all_documents_complete(&root);
    assert!(docs_before > 150, "{docs_before}");

    // The same run again, killed while it writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args("1"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Stopped once it is seen writing: one of its temporary files exists.
    wait_until_writing(&mut child, &root);
    child.kill().unwrap();
    let _ = child.wait();
    let after = tree(&root);
    for (name, bytes) in &before {
        assert!(
            after.get(name) == Some(bytes),
            "{name} was damaged by the interrupted run"
        );
    }
    assert_eq!(assert_all_documents_complete(&root), docs_before);

    // A new run finishes the job and leaves no temporary file behind.
    let again = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args("2"))
        .output()
        .unwrap();
    assert!(again.status.code().is_some_and(|c| c <= 1));
    assert!(tree(&root).keys().all(|k| !k.ends_with(".tmp")));
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc pdftotext không có trên máy"
)]
fn every_document_opens_in_libreoffice() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let files: Vec<(String, Vec<u8>)> = tree(&tmp.path().join("ket-qua/2025-Q4"))
        .into_iter()
        .filter(|(k, _)| k.ends_with(".docx"))
        .map(|(k, v)| (k.replace(['/', '.'], "_"), v))
        .collect();
    assert_eq!(files.len(), 25);
    let docs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    let texts = docx_common::libreoffice_texts(&docs);
    for ((name, _), text) in files.iter().zip(texts) {
        assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{name}: {text}");
        assert!(
            text.contains("T/M CHI BỘ") || text.contains("CHỦ TRÌ") || text.contains("T/M ĐẢNG ỦY"),
            "{name}: no signature block"
        );
    }
}

/// The `Tổng cộng` row of the workbook's `Tổng hợp` sheet: (column, value) read back.
fn workbook_totals(xlsx: &Path) -> Vec<calamine::Data> {
    use calamine::Reader as _;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(xlsx).unwrap();
    let r = wb.worksheet_range("Tổng hợp").unwrap();
    let (first_row, _) = r.start().unwrap();
    let row = r
        .rows()
        .find(|row| {
            row.get(1)
                .is_some_and(|c| c.get_string() == Some("Tổng cộng"))
        })
        .unwrap_or_else(|| panic!("no Tổng cộng row from row {first_row}"));
    row.to_vec()
}

#[test]
fn committee_report_figures_equal_the_workbook_totals() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let root = tmp.path().join("ket-qua/2025-Q4");
    let t = workbook_totals(&root.join("tong-hop-2025-Q4.xlsx"));
    let num = |c: usize| {
        t[c].get_float()
            .unwrap_or_else(|| panic!("column {c}: {:?}", t[c]))
    };
    let int = |c: usize| num(c) as u64;
    let (members, due, held) = (int(2), int(6), int(7));
    let (thematic_due, thematic_held) = (int(8), int(9));
    let (present, eligible, rate) = (int(11), int(12), num(13));
    let (excused, unexcused, score) = (int(14), int(15), num(16));
    assert_eq!(members, 65);
    assert!((rate - present as f64 / eligible as f64).abs() < 1e-12);

    let text = text_of(&std::fs::read(root.join("bao-cao-tong-hop-2025-Q4.docx")).unwrap());
    let so_2 = |n: u64| chibo::docx::filters::so_2(n as i64);
    // Scores are printed with one decimal, as in the workbook.
    let fig = |x: f64| chibo::docx::filters::so_le(x, 1, false);
    let want = [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH HÒA BÌNH XANH".to_string(),
        "ĐẢNG ỦY SỞ VĂN HÓA TỈNH HÒA BÌNH XANH".to_string(),
        "Số     -BC/ĐU".to_string(),
        "Hòa Bình Xanh, ngày 31 tháng 12 năm 2025".to_string(),
        "tổng hợp kết quả sinh hoạt chi bộ quý IV năm 2025".to_string(),
        "Đảng bộ Sở Văn hóa tỉnh Hòa Bình Xanh có 05 chi bộ trực thuộc.".to_string(),
        format!("Cuối quý có {} đảng viên", so_2(members)),
        format!(
            "Các chi bộ đã tổ chức {} buổi sinh hoạt thường kỳ (phải tổ chức {} buổi",
            so_2(held),
            so_2(due)
        ),
        format!(
            "Tỷ lệ đảng viên dự sinh hoạt bình quân: {} ({present}/{eligible} lượt); vắng có lý do: {} lượt; vắng không lý do: {} lượt.",
            percent(present, eligible),
            so_2(excused),
            so_2(unexcused)
        ),
        // Before a quarter has ended nothing is due.
        if thematic_due == 0 {
            format!(
                "Các chi bộ đã tổ chức {} buổi sinh hoạt chuyên đề (chưa có quý nào kết thúc tính đến ngày 31/12/2025):",
                so_2(thematic_held)
            )
        } else {
            format!(
                "Các chi bộ đã tổ chức {} buổi sinh hoạt chuyên đề (phải tổ chức {} buổi",
                so_2(thematic_held),
                so_2(thematic_due)
            )
        },
        format!("điểm bình quân {} điểm", fig(score)),
        // The table's Tổng cộng row, cell by cell.
        format!(
            "\n | Tổng cộng\n | {members}\n | {held}/{due}\n | {thematic_held}/{thematic_due}\n | {}\n | {}\n",
            percent(present, eligible),
            fig(score)
        ),
        "- Đảng ủy Khối các cơ quan tỉnh Hòa Bình Xanh (để báo cáo),".to_string(),
        "T/M ĐẢNG ỦY".to_string(),
        "Trịnh Quang Vĩnh".to_string(),
    ];
    for w in want {
        assert!(text.contains(&w), "report lacks «{w}»:\n{text}");
    }
    // One table row per cell, in the workbook's order.
    for (i, cell) in expected()["cells"].as_array().unwrap().iter().enumerate() {
        let line = format!(" | {}\n | {}\n", i + 1, cell["name"].as_str().unwrap());
        assert!(text.contains(&line), "no row «{line}»:\n{text}");
    }
}

#[test]
fn the_committee_report_is_left_out_when_not_wanted_and_named_in_vietnamese_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    let toml = tmp.path().join("chibo.toml");
    let base = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{base}\n[dau_ra]\nvan_ban = [\"tong_hop\"]\n"),
    )
    .unwrap();
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let got: Vec<String> = tree(&tmp.path().join("ket-qua/2025-Q4"))
        .into_keys()
        .collect();
    assert_eq!(
        got,
        [
            ".chibo-manifest.json",
            ".chibo.lock",
            "nhat-ky.txt",
            "tong-hop-2025-Q4.xlsx"
        ]
    );

    std::fs::write(
        &toml,
        format!("{base}\n[dau_ra]\nten_tieng_viet = true\nvan_ban = [\"bao_cao_tong_hop\"]\n"),
    )
    .unwrap();
    assert_eq!(run(tmp.path(), "2025").status.code(), Some(0));
    let got: Vec<String> = tree(&tmp.path().join("ket-qua/2025")).into_keys().collect();
    assert_eq!(
        got,
        [
            ".chibo-manifest.json",
            ".chibo.lock",
            "Báo cáo tổng hợp năm 2025.docx",
            "nhat-ky.txt"
        ]
    );
    let text = text_of(
        &std::fs::read(
            tmp.path()
                .join("ket-qua/2025/Báo cáo tổng hợp năm 2025.docx"),
        )
        .unwrap(),
    );
    assert!(
        text.contains("tổng hợp kết quả sinh hoạt chi bộ năm 2025"),
        "{text}"
    );
    assert!(
        text.contains("IV- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI"),
        "{text}"
    );
}

#[test]
fn a_committees_own_report_template_wins() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    // The built-in report with one word changed, as an office would edit it in Word.
    let src = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bao-cao-tong-hop.docx"),
    )
    .unwrap();
    let mut files = docx_common::unzip(&src);
    let xml = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    assert!(xml.contains("ĐÁNH GIÁ CHUNG"));
    files.insert(
        "word/document.xml".into(),
        xml.replace("ĐÁNH GIÁ CHUNG", "NHẬN XÉT CHUNG").into_bytes(),
    );
    let own = docx_common::zip_files(&files);
    std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
    std::fs::write(tmp.path().join("templates/bao-cao-tong-hop.docx"), own).unwrap();
    assert_eq!(run(tmp.path(), "2025-Q4").status.code(), Some(0));
    let text = text_of(
        &std::fs::read(
            tmp.path()
                .join("ket-qua/2025-Q4/bao-cao-tong-hop-2025-Q4.docx"),
        )
        .unwrap(),
    );
    assert!(text.contains("III- NHẬN XÉT CHUNG"), "{text}");
    assert!(!text.contains("ĐÁNH GIÁ CHUNG"), "{text}");
}
