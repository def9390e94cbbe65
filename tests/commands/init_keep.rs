//! `chibo init` in a folder already in use: it adds what is missing and never touches a file
//! the office has; `--force` replaces, keeping a backup of each file it replaces; the blank form
//! follows the folder's scoring scheme; the web page's "make it a working folder" does the same.
#![allow(clippy::unwrap_used)]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader as _, Xlsx, open_workbook};

use crate::web_support::{Page, scratch};

const CUSTOM_TOML: &str = "# chibo.toml của Đảng ủy (đã sửa)\n[dang_uy]\nten = \"Đảng bộ Cơ quan Thử\"\ndia_danh = \"Tỉnh Thử\"\n";
const EDITED_TEMPLATE: &[u8] = b"PK not really a docx: the office's own edited template";
/// The template the tests edit.
const TEMPLATE: &str = "templates/bao-cao-quy.docx";

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .output()
        .expect("run chibo")
}

/// A folder in use: a customised `chibo.toml` and one edited template, nothing else.
fn folder_in_use() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-uy");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("chibo.toml"), CUSTOM_TOML).unwrap();
    std::fs::write(dir.join(TEMPLATE), EDITED_TEMPLATE).unwrap();
    (tmp, dir)
}

/// Every file `init` writes, relative, in its order.
fn planned() -> Vec<String> {
    let mut names = vec!["chibo.toml".to_string(), "mau-so-chi-bo.xlsx".to_string()];
    for (name, _) in chibo::view::default_templates() {
        names.push(format!("templates/{name}"));
    }
    names
}

fn listed(items: &[String]) -> String {
    items.iter().map(|i| format!("  {i}\n")).collect()
}

/// Every file under `dir`, relative with `/`, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn init_in_a_folder_in_use_adds_only_what_is_missing() {
    let (_tmp, dir) = folder_in_use();
    let out = chibo(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let added: Vec<String> = planned()
        .into_iter()
        .filter(|p| p != "chibo.toml" && p != TEMPLATE)
        .collect();
    let expected = format!(
        "Đã thêm:\n{}Giữ nguyên (đã có; chibo không ghi đè, thêm --force để thay bằng bản mới và giữ bản sao lưu):\n  chibo.toml\n  {TEMPLATE}\n",
        listed(&added)
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(stdout.contains("Bước tiếp theo"), "{stdout}");

    // The customised settings and the edited template, byte for byte.
    assert_eq!(
        std::fs::read_to_string(dir.join("chibo.toml")).unwrap(),
        CUSTOM_TOML
    );
    assert_eq!(std::fs::read(dir.join(TEMPLATE)).unwrap(), EDITED_TEMPLATE);
    // What was missing is there; no backup folder, nothing else.
    assert_eq!(tree(&dir), {
        let mut all = planned();
        all.sort();
        all
    });

    // A second init has nothing left to add and changes nothing.
    let before: Vec<Vec<u8>> = planned()
        .iter()
        .map(|p| std::fs::read(dir.join(p)).unwrap())
        .collect();
    let again = chibo(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    let stdout = String::from_utf8(again.stdout).unwrap();
    assert!(!stdout.contains("Đã thêm"), "{stdout}");
    let after: Vec<Vec<u8>> = planned()
        .iter()
        .map(|p| std::fs::read(dir.join(p)).unwrap())
        .collect();
    assert!(before == after, "a second init changed a file");
}

#[test]
fn force_backs_up_each_file_it_replaces_and_never_a_backup() {
    let (_tmp, dir) = folder_in_use();
    let out = chibo(&["init", dir.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "Đã sao lưu bản cũ rồi thay bằng bản mới:\n  chibo.toml → ban-sao-luu/chibo.toml\n  {TEMPLATE} → ban-sao-luu/{TEMPLATE}\n"
        )),
        "{stdout}"
    );
    // The old files are in the backup folder, byte for byte; the new ones in their place.
    assert_eq!(
        std::fs::read_to_string(dir.join("ban-sao-luu/chibo.toml")).unwrap(),
        CUSTOM_TOML
    );
    assert_eq!(
        std::fs::read(dir.join("ban-sao-luu").join(TEMPLATE)).unwrap(),
        EDITED_TEMPLATE
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("chibo.toml")).unwrap(),
        chibo::commands::init::CONFIG_TEMPLATE
    );
    let default_template = chibo::view::default_templates()
        .iter()
        .find(|(n, _)| format!("templates/{n}") == TEMPLATE)
        .unwrap()
        .1;
    assert_eq!(std::fs::read(dir.join(TEMPLATE)).unwrap(), default_template);

    // Edited again, forced again: the second backup takes the next number; the first stays.
    std::fs::write(dir.join("chibo.toml"), "# lần hai\n").unwrap();
    let out = chibo(&["init", dir.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  chibo.toml → ban-sao-luu/chibo-2.toml\n"),
        "{stdout}"
    );
    // Files identical to the new ones are kept, not backed up.
    assert!(
        stdout.contains("Giữ nguyên (giống hệt bản mới):\n  mau-so-chi-bo.xlsx\n"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ban-sao-luu/chibo.toml")).unwrap(),
        CUSTOM_TOML
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ban-sao-luu/chibo-2.toml")).unwrap(),
        "# lần hai\n"
    );
    let backups: Vec<String> = tree(&dir)
        .into_iter()
        .filter(|p| p.starts_with("ban-sao-luu/"))
        .collect();
    assert_eq!(
        backups,
        [
            "ban-sao-luu/chibo-2.toml".to_string(),
            "ban-sao-luu/chibo.toml".to_string(),
            format!("ban-sao-luu/{TEMPLATE}"),
        ]
    );
}

#[test]
fn a_backup_is_never_read_as_a_cell() {
    // `--force` over an edited blank form puts a workbook into ban-sao-luu/: `check` must not
    // take it for a cell's workbook.
    let (_tmp, dir) = folder_in_use();
    assert_eq!(
        chibo(&["init", dir.to_str().unwrap()]).status.code(),
        Some(0)
    );
    std::fs::write(dir.join("mau-so-chi-bo.xlsx"), b"edited form").unwrap();
    assert_eq!(
        chibo(&["init", dir.to_str().unwrap(), "--force"])
            .status
            .code(),
        Some(0)
    );
    assert!(dir.join("ban-sao-luu/mau-so-chi-bo.xlsx").is_file());
    let out = chibo(&["check", dir.to_str().unwrap()]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("ban-sao-luu"), "{all}");
}

/// The header row of the form's `Chấm điểm` sheet.
fn score_headers(form: &Path) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook(form).unwrap();
    let range = wb.worksheet_range("Chấm điểm").unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| match d {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn the_form_follows_the_folders_scheme() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("chibo.toml"), "[cham_diem]\nmau = \"nghe_an\"\n").unwrap();
    assert_eq!(
        chibo(&["init", dir.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let headers = score_headers(&dir.join("mau-so-chi-bo.xlsx"));
    assert_eq!(
        headers[3..9],
        [
            "1. Công tác chuẩn bị sinh hoạt chi bộ (20)",
            "2. Tỷ lệ đảng viên dự sinh hoạt chi bộ (10)",
            "3. Tổ chức sinh hoạt chi bộ (45)",
            "4. Thực hiện nguyên tắc tổ chức, sinh hoạt chi bộ (15)",
            "5. Chất lượng của các báo cáo và kết luận tại kỳ họp (10)",
            "Tổng điểm",
        ]
    );

    // Without a chibo.toml, the default scheme (Phú Thọ, 4 groups).
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(
        chibo(&["init", fresh.path().to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let headers = score_headers(&fresh.path().join("mau-so-chi-bo.xlsx"));
    assert_eq!(
        headers[3..8],
        [
            "1. Công tác chuẩn bị (15)",
            "2. Tỷ lệ đảng viên tham dự (20)",
            "3. Tổ chức sinh hoạt (45)",
            "4. Kết thúc hội nghị (20)",
            "Tổng điểm",
        ]
    );
}

#[test]
fn an_invalid_chibo_toml_stops_init_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("chibo.toml"), "[cham_diem]\nmau = \"khong_co\"\n").unwrap();
    let out = chibo(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("lỗi: chibo.toml có lỗi: chibo chưa thêm tệp nào"),
        "{stderr}"
    );
    assert!(stderr.contains("khong_co"), "{stderr}");
    assert_eq!(tree(dir), ["chibo.toml"]);
}

#[test]
fn the_library_call_reports_what_it_did() {
    let (_tmp, dir) = folder_in_use();
    let report =
        chibo::commands::init::init_folder(&dir, false, chibo::diagnostic::Lang::Vi).unwrap();
    assert_eq!(
        report.kept,
        [PathBuf::from("chibo.toml"), PathBuf::from(TEMPLATE)]
    );
    assert_eq!(report.added.len(), planned().len() - 2);
    assert!(report.replaced.is_empty() && report.failed.is_empty());
}

/// `POST /api/thu-muc` with a JSON body and the token.
fn post_json(page: &Page, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&page.host).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: chibo_token={}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        page.host,
        page.token,
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, text)
}

#[test]
fn the_web_pages_folder_init_keeps_the_folders_files_too() {
    let (_keep, scratch_dir) = scratch();
    let start = scratch_dir.join("bat-dau");
    std::fs::create_dir_all(&start).unwrap();
    let (_tmp, dir) = folder_in_use();
    let page = Page::start(&start);
    let body =
        serde_json::json!({ "duong_dan": dir.to_str().unwrap(), "tao_moi": true }).to_string();
    let (status, text) = post_json(&page, "/api/thu-muc", &body);
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.join("chibo.toml")).unwrap(),
        CUSTOM_TOML
    );
    assert_eq!(std::fs::read(dir.join(TEMPLATE)).unwrap(), EDITED_TEMPLATE);
    assert!(dir.join("mau-so-chi-bo.xlsx").is_file());
    assert!(!dir.join("ban-sao-luu").exists());
}
