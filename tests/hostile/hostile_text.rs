//! Issue 14, text from the workbooks: characters that XML 1.0 forbids (and Excel's `_xFFFE_`
//! escapes of them), terminal escape sequences, text over Excel's 32,767-character cell limit,
//! a name on two thousand cells' rolls, and a config with a hundred thousand column aliases.
//! Each is cleaned or bounded at read time with a warning at its cell, through the real binary.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use common::*;

/// The test cell with `placeholder` → `raw` written straight into its shared strings (as Excel
/// stores them: `_x0001_`, `_xFFFE_`, `_x001B_`).
fn with_raw(book: &CellBook, swaps: &[(&str, &str)]) -> Vec<u8> {
    replace_entry(&book.xlsx(), "xl/sharedStrings.xml", |x| {
        swaps
            .iter()
            .fold(x.to_string(), |acc, (from, to)| acc.replace(from, to))
    })
}

#[test]
fn forbidden_characters_are_removed_at_their_cell() {
    let f = Folder::samples();
    let mut book = CellBook::good();
    book.set("Thông tin", 3, 1, s("Hòa Bình§C1§ Xanh"));
    book.set("Đảng viên", 0, 6, s("Chức vụ"));
    book.set("Đảng viên", 1, 6, s("Bí thư§FFFE§"));
    f.put(
        "chi-bo-thu-nghiem.xlsx",
        &with_raw(&book, &[("§C1§", "_x0001_"), ("§FFFE§", "_xFFFE__xFFFF_")]),
    );
    let run = f.run_capped();
    let out = run.contained();
    out.code(0)
        .says("cảnh báo: đã bỏ 1 ký tự điều khiển hoặc ký tự không hợp lệ khỏi ô (Word và Excel không nhận các ký tự này)\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Thông tin', ô B4")
        .says("cảnh báo: đã bỏ 2 ký tự điều khiển hoặc ký tự không hợp lệ khỏi ô (Word và Excel không nhận các ký tự này)\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô G2");
    f.assert_outputs_well_formed(&[(TEST_CELL, &TEST_CELL_DOCS)]);
    let plan = f.out().join(TEST_CELL).join(
        TEST_CELL_DOCS
            .iter()
            .find(|d| d.starts_with("bao-cao-quy"))
            .unwrap(),
    );
    assert!(
        zip_entry(&plan, "word/document.xml").contains("Hòa Bình Xanh"),
        "the place name lost more than its control character"
    );
}

#[test]
fn an_escape_sequence_in_a_cell_name_never_reaches_the_terminal_or_the_log() {
    let f = Folder::samples();
    let mut book = CellBook::good();
    book.set("Thông tin", 0, 1, s("Chi bộ Thử Nghiệm§ESC§"));
    f.put(
        "chi-bo-thu-nghiem.xlsx",
        &with_raw(&book, &[("§ESC§", "_x001B_]0;bi-chiem_x0007__x009B_2J")]),
    );
    let run = f.run_capped();
    let out = run.contained();
    out.code(0).says(
        "cảnh báo: đã bỏ 3 ký tự điều khiển hoặc ký tự không hợp lệ khỏi ô (Word và Excel không nhận các ký tự này)\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Thông tin', ô B1",
    );
    let controls = |s: &str| s.chars().filter(|c| c.is_control() && *c != '\n').count();
    assert_eq!(controls(&out.stdout), 0, "{:?}", out.stdout);
    assert_eq!(controls(&out.stderr), 0, "{:?}", out.stderr);
    assert_eq!(controls(&f.log()), 0, "{:?}", f.log());
}

#[test]
fn a_file_name_with_an_escape_sequence_is_escaped_in_messages() {
    let f = Folder::samples();
    f.put("hong\u{1b}[2J.xlsx", b"not a workbook at all");
    let run = f.run_capped();
    let out = run.contained();
    out.code(1).says("  --> hong\\u{1b}[2J.xlsx");
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    // The closing summary on standard output names the skipped file the same way.
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    assert!(
        out.stdout.contains("hong\\u{1b}[2J.xlsx"),
        "{:?}",
        out.stdout
    );
}

#[test]
fn text_over_excels_cell_limit_is_cut_at_its_cell() {
    let f = Folder::samples();
    let mut book = CellBook::good();
    book.set("Đảng viên", 0, 6, s("Chức vụ"));
    book.set("Đảng viên", 2, 6, s("§LONG§"));
    let long = "Ủy viên Ban Chấp hành ".repeat(40_000 / 22 + 1);
    let long = &long[..long.char_indices().nth(40_000).unwrap().0];
    f.put(
        "chi-bo-thu-nghiem.xlsx",
        &with_raw(&book, &[("§LONG§", long)]),
    );
    let run = f.run_capped();
    let out = run.contained();
    out.code(0).says(
        "cảnh báo: chữ trong ô dài 40000 ký tự, quá giới hạn 32767 ký tự của một ô Excel: chỉ giữ 32767 ký tự đầu\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên', ô G3",
    );
    f.assert_outputs_well_formed(&[(TEST_CELL, &TEST_CELL_DOCS)]);
}

/// The test cell under another name and file, with the same three people.
fn copy_of_the_test_cell(n: usize) -> Vec<u8> {
    let mut book = CellBook::good();
    book.set("Thông tin", 0, 1, s(&format!("Chi bộ Bản Sao {n:03}")));
    book.set("Thông tin", 1, 1, s(&format!("CBS{n:03}")));
    book.xlsx()
}

/// People on the rolls of many cells: each flag names at most five other cells, then how many
/// more (before: every flag listed every other cell, 2,000 cells sharing 20 names took 7.3 GB).
#[test]
fn a_name_on_many_cells_rolls_is_flagged_in_bounded_text() {
    let f = Folder::empty();
    for n in 0..40 {
        f.put(&format!("ban-sao-{n:03}.xlsx"), &copy_of_the_test_cell(n));
    }
    let run = chibo_capped(&[
        "summary",
        f.dir.to_str().unwrap(),
        "--period",
        PERIOD,
        "--as-of",
        AS_OF,
    ]);
    let out = run.contained();
    let book = f
        .dir
        .join("ket-qua")
        .join(PERIOD)
        .join(format!("tong-hop-{PERIOD}.xlsx"));
    assert_xml_parts_parse(&book);
    let strings = zip_entry(&book, "xl/sharedStrings.xml");
    let flag = strings
        .split("<t>")
        .find(|t| t.contains("cũng có tên trong danh sách"))
        .unwrap_or_else(|| panic!("no duplicate flag: {}", out.stderr));
    assert!(
        flag.contains(" và 34 chi bộ khác (cùng họ tên và năm sinh)"),
        "{flag}"
    );
    assert!(flag.len() < 1_000, "{} bytes: {flag}", flag.len());
    // The members sheet names each person's other cells the same bounded way.
    let texts: Vec<String> = unzip(&std::fs::read(&book).unwrap())
        .into_iter()
        .filter(|(n, _)| n.ends_with(".xml"))
        .flat_map(|(_, b)| {
            String::from_utf8(b)
                .unwrap()
                .split("<t>")
                .skip(1)
                .map(|t| t.split("</t>").next().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("; Chi bộ Bản Sao 005 và 34 chi bộ khác")),
        "no bounded list of other cells"
    );
    let longest = texts.iter().map(String::len).max().unwrap();
    assert!(longest < 1_000, "a text of {longest} bytes");
}

#[test]
fn a_hundred_thousand_column_aliases_are_refused_with_their_key() {
    let f = Folder::samples();
    let names: Vec<String> = (0..100_000).map(|i| format!("\"Tên {i}\"")).collect();
    let mut toml = std::fs::read_to_string(f.dir.join("chibo.toml")).unwrap();
    toml.push_str(&format!(
        "\n[bi_danh.cot]\nho_va_ten = [{}]\n",
        names.join(", ")
    ));
    f.put("chibo.toml", toml.as_bytes());
    let started = std::time::Instant::now();
    let run = f.run_capped();
    run.contained().code(2).says(
        "lỗi: [bi_danh] có 100000 bí danh, vượt giới hạn 1000\n  --> chibo.toml (cột «bi_danh.cot.ho_va_ten»)",
    );
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

/// A TOML escape puts a character Word refuses into a value of `chibo.toml`: refused at its
/// key and line before anything is written (before: it reached every document raw).
#[test]
fn a_forbidden_character_in_chibo_toml_is_refused_at_its_key() {
    let f = Folder::samples();
    let toml = std::fs::read_to_string(f.dir.join("chibo.toml")).unwrap();
    let toml = toml.replacen("dia_danh = \"Hòa Bình", "dia_danh = \"Hòa\\uFFFE Bình", 1);
    f.put("chibo.toml", toml.as_bytes());
    let run = f.run_capped();
    run.contained().code(2).says(
        "lỗi: giá trị của `dang_uy.dia_danh` có 1 ký tự điều khiển hoặc ký tự không hợp lệ (Word và Excel không nhận các ký tự này)\n  --> chibo.toml, dòng 5, khóa `dang_uy.dia_danh`",
    );
    assert!(
        !f.out().exists(),
        "a run with an invalid chibo.toml wrote outputs"
    );
}
