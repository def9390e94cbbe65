//! `[gioi_han]` in `chibo.toml`: the size limits a committee can raise (or lower), through the
//! real binary. Each message over a limit names the key that raises it.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use std::path::Path;
use std::process::Command;

use common::*;

/// `chibo --lang vi <args>` run from `cwd`.
fn chibo_in(cwd: &Path, args: &[&str]) -> Out {
    chibo_lang(cwd, "vi", args)
}

/// `chibo --lang <lang> <args>` run from `cwd`.
fn chibo_lang(cwd: &Path, lang: &str, args: &[&str]) -> Out {
    let o = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .current_dir(cwd)
        .args(["--lang", lang])
        .args(args)
        .env_remove("CHIBO_LANG")
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

/// Appends a `[gioi_han]` section to the folder's `chibo.toml`.
fn set_limits(f: &Folder, lines: &str) {
    let path = f.dir.join("chibo.toml");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str("\n[gioi_han]\n");
    text.push_str(lines);
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

/// The test cell with a value in 1 004 columns of the members sheet.
fn wide_cell() -> Vec<u8> {
    let mut b = CellBook::good();
    for c in 6..1_010 {
        b.set("Đảng viên", 2, c, s("x"));
    }
    b.xlsx()
}

#[test]
fn a_raised_column_limit_lets_a_wide_sheet_through() {
    let f = Folder::samples();
    f.put("chi-bo-thu-nghiem.xlsx", &wide_cell());
    set_limits(&f, "so_cot = 2000");
    let out = f.run();
    out.code(0)
        .no_panic()
        .prints("  Chi bộ Thử Nghiệm: 4 văn bản");
    assert!(!out.stderr.contains("giới hạn"), "{}", out.stderr);
    f.assert_outputs(&[(TEST_CELL, &TEST_CELL_DOCS)]);
}

#[test]
fn a_lowered_row_limit_is_reported_with_its_value_and_key() {
    let f = Folder::empty();
    f.put("chi-bo-thu-nghiem.xlsx", &CellBook::good().xlsx());
    f.put("chibo.toml", b"[gioi_han]\nso_dong = 3\n");
    // Every sheet of the only workbook is over the limit: nothing can be produced (exit 2).
    f.run().code(2).no_panic().says(
        "lỗi: trang tính có hơn 3 dòng có dữ liệu (giới hạn số dòng): `A4`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên'\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, nâng giới hạn `so_dong` trong mục [gioi_han] của chibo.toml",
    );
}

#[test]
fn a_lowered_zip_limit_is_reported_in_english_too() {
    let f = Folder::empty();
    f.put("chi-bo-thu-nghiem.xlsx", &CellBook::good().xlsx());
    f.put("chibo.toml", b"[gioi_han]\nso_thanh_phan_nen = 5\n");
    let dir = f.dir.to_str().unwrap();
    let out = chibo_lang(&f.dir, "en", &["check", dir, "--as-of", AS_OF]);
    out.code(1).no_panic().prints(
        "error: the file holds 14 compressed entries, above the limit of 5\n  --> chi-bo-thu-nghiem.xlsx\n  hint: the file may be damaged or deliberately inflated (a zip bomb): get it again from the sender; if it really is the cell's workbook, raise `so_thanh_phan_nen` in the [gioi_han] section of chibo.toml",
    );
}

#[test]
fn a_zero_limit_is_refused_with_its_line() {
    let f = Folder::samples();
    set_limits(&f, "so_dong = 100000\nso_o = 0");
    let out = f.run();
    out.code(2).no_panic();
    let line = std::fs::read_to_string(f.dir.join("chibo.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("so_o"))
        .unwrap()
        + 1;
    out.says(&format!(
        "lỗi: giới hạn `so_o` trong mục [gioi_han] phải lớn hơn 0\n  --> chibo.toml, dòng {line}, khóa `gioi_han.so_o`"
    ));
    assert_eq!(f.outputs(), Vec::<String>::new());
}

#[test]
fn an_unknown_limit_key_lists_the_valid_ones() {
    let f = Folder::empty();
    f.put("chibo.toml", b"[gioi_han]\nso_trang = 5\n");
    f.run().code(2).no_panic().says(
        "lỗi: khóa không có trong chibo.toml: `so_trang`; các khóa hợp lệ ở chỗ này: `so_dong`, `so_cot`, `so_o`, `so_thanh_phan_nen`, `giai_nen_mb`, `phan_mau_mb`, `van_ban_mb`, `khoi_long_nhau`, `so_bi_danh`
  --> chibo.toml, dòng 2",
    );
}

/// The built-in minutes template with a body over 1 MiB.
fn big_template() -> Vec<u8> {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bien-ban-thuong-ky.docx"),
    )
    .unwrap();
    let pad = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(1_100_000));
    replace_entry(&bytes, "word/document.xml", |x| {
        x.replacen("<w:body>", &format!("<w:body>{pad}"), 1)
    })
}

const PART_OVER: &str = "lỗi: phần word/document.xml lớn hơn giới hạn 1 MiB";
const PART_HINT: &str = "gợi ý: mẫu có thể bị hỏng hoặc cố ý làm phình to: lấy lại mẫu gốc; nếu đó thật là mẫu của Đảng ủy, nâng giới hạn `phan_mau_mb` trong mục [gioi_han] của chibo.toml";

#[test]
fn template_limits_follow_the_committee_config() {
    let f = Folder::samples();
    let t = f.put("templates/bien-ban-thuong-ky.docx", &big_template());
    set_limits(&f, "phan_mau_mb = 1");
    f.run().code(2).no_panic().says(&format!(
        "{PART_OVER}\n  --> templates/bien-ban-thuong-ky.docx\n  {PART_HINT}"
    ));
    assert_eq!(f.outputs(), Vec::<String>::new());
    // `chibo check` looks at the committee's own templates with the same limits.
    let dir = f.dir.to_str().unwrap();
    let out = chibo_in(&f.dir, &["check", dir, "--as-of", AS_OF]);
    out.no_panic().prints(&format!(
        "{PART_OVER}\n  --> templates/bien-ban-thuong-ky.docx\n  {PART_HINT}"
    ));
    // `template check` reads the limits of the chibo.toml in the current folder …
    let path = t.to_str().unwrap();
    let out = chibo_in(&f.dir, &["template", "check", path]);
    out.code(2).no_panic().says(&format!(
        "{PART_OVER}\n  --> bien-ban-thuong-ky.docx\n  {PART_HINT}"
    ));
    // … and the defaults where there is none.
    let out = chibo_in(f.tmp.path(), &["template", "check", path]);
    out.code(0)
        .no_panic()
        .prints("mẫu bien-ban-thuong-ky.docx không có lỗi");
    // `chibo render` too.
    let data = f.tmp.path().join("du-lieu.json");
    std::fs::write(&data, "{}").unwrap();
    let out_file = f.tmp.path().join("ra.docx");
    let render = |cwd: &Path| {
        chibo_in(
            cwd,
            &[
                "render",
                path,
                "--data",
                data.to_str().unwrap(),
                "--out",
                out_file.to_str().unwrap(),
                "--lenient",
            ],
        )
    };
    render(&f.dir).code(2).no_panic().says(PART_OVER);
    assert!(!out_file.exists());
    render(f.tmp.path()).code(0).no_panic();
    assert!(out_file.is_file());
}

#[test]
fn a_raised_part_limit_lets_a_large_template_through() {
    let f = Folder::samples();
    f.put("templates/bien-ban-thuong-ky.docx", &big_template());
    set_limits(&f, "phan_mau_mb = 2");
    let out = f.run();
    out.code(0).no_panic();
    assert!(!out.stderr.contains("giới hạn"), "{}", out.stderr);
}

#[test]
fn template_check_refuses_an_invalid_config_in_the_current_folder() {
    let f = Folder::empty();
    f.put("chibo.toml", b"[gioi_han]\ngiai_nen_mb = -1\n");
    let t = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bien-ban-thuong-ky.docx");
    let out = chibo_in(&f.dir, &["template", "check", t.to_str().unwrap()]);
    out.code(2)
        .no_panic()
        .says("lỗi: chibo.toml không đọc được: ");
    out.says("--> chibo.toml, dòng 2");
}
