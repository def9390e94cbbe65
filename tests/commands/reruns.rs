//! Reruns never destroy a clerk's work; one cell is one cell; the output folder is chibo's
//! alone (#13). Every case through the real binary, with its files and exit code.
#![allow(clippy::unwrap_used)]

use crate::docx_common;
use crate::examples_common as common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::Cell;
use common::canonical::{Options, write};
use common::synth::{CHIBO_TOML, synthetic_cell};

const AS_OF: &str = "2025-12-31";
const SEED: u64 = 13;

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// `chibo run DIR --period 2025-Q4 --as-of 2025-12-31` and `more`.
fn run(dir: &Path, more: &[&str]) -> Output {
    let mut args = vec!["run", dir.to_str().unwrap(), "--period", "2025-Q4"];
    args.extend(["--as-of", AS_OF]);
    args.extend(more);
    chibo(&args)
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn cell(n: usize) -> Cell {
    synthetic_cell(SEED, n, 2025)
}

fn put(dir: &Path, cell: &Cell) {
    std::fs::write(
        dir.join(&cell.file),
        write(cell, Options::default()).unwrap(),
    )
    .unwrap();
}

/// A committee of `n` synthetic cells in a new folder.
fn committee(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-bo");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chibo.toml"), CHIBO_TOML).unwrap();
    for i in 1..=n {
        put(&dir, &cell(i));
    }
    (tmp, dir)
}

/// Every file under `dir`, relative, `/`-separated.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                walk(base, &p, out);
            } else if ft.is_file() {
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

/// The minutes of a cell folder, sorted.
fn minutes(out: &Path, folder: &str) -> Vec<String> {
    tree(&out.join(folder))
        .into_keys()
        .filter(|k| k.starts_with("bien-ban-") && !k.contains('/'))
        .collect()
}

/// `docx` with one more paragraph at the end of the body, as a secretary types into Word.
fn with_typed_paragraph(docx: &[u8], text: &str) -> Vec<u8> {
    let mut files = docx_common::unzip(docx);
    let xml = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    let at = xml
        .rfind("<w:sectPr")
        .unwrap_or_else(|| xml.rfind("</w:body>").unwrap());
    let para = format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>");
    let edited = format!("{}{para}{}", &xml[..at], &xml[at..]);
    files.insert("word/document.xml".into(), edited.into_bytes());
    docx_common::zip_files(&files)
}

fn text_of(docx: &[u8]) -> String {
    docx_common::visible_text(&docx_common::part(docx, "word/document.xml"))
}

#[test]
fn an_edited_minutes_is_kept_and_the_new_version_written_beside_it() {
    let (_tmp, dir) = committee(2);
    let first = run(&dir, &[]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let out = dir.join("ket-qua/2025-Q4");
    let folder = "chi-bo-1";
    let name = minutes(&out, folder).remove(0);
    let doc = out.join(folder).join(&name);
    let original = std::fs::read(&doc).unwrap();
    let typed = "Đồng chí Bí thư phát biểu kết luận (thư ký ghi thêm).";
    let edited = with_typed_paragraph(&original, typed);
    std::fs::write(&doc, &edited).unwrap();

    let again = run(&dir, &[]);
    // Something needs the office's attention: exit 1, and every place says so.
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    assert_eq!(
        std::fs::read(&doc).unwrap(),
        edited,
        "the edit was overwritten"
    );
    assert!(text_of(&std::fs::read(&doc).unwrap()).contains(typed));
    let beside = out
        .join(folder)
        .join(name.replace(".docx", "-ban-moi.docx"));
    // The new version is what chibo would write: the same input gives the same bytes.
    assert_eq!(std::fs::read(&beside).unwrap(), original);
    let said = stdout(&again);
    assert!(
        said.contains(&format!("{folder}/{name} đã được sửa sau lần tạo trước nên được giữ nguyên; bản mới ghi ở {folder}/{}", name.replace(".docx", "-ban-moi.docx"))),
        "{said}"
    );
    assert!(
        said.contains("1 giữ nguyên vì đã được sửa (bản mới ghi bên cạnh)"),
        "{said}"
    );
    let log = std::fs::read_to_string(out.join("nhat-ky.txt")).unwrap();
    assert!(
        log.contains("GIỮ NGUYÊN VÌ ĐÃ ĐƯỢC SỬA")
            && log.contains(&format!("- {folder}/{name} → bản mới: {folder}/")),
        "{log}"
    );

    // A third run: the edit still intact, the new version replaced as chibo's own.
    let third = run(&dir, &[]);
    assert_eq!(code(&third), 1);
    assert_eq!(std::fs::read(&doc).unwrap(), edited);
    assert_eq!(std::fs::read(&beside).unwrap(), original);

    // Asked to overwrite: the edited one is copied to ban-da-sua/ first, then replaced; the
    // version beside is no longer produced and goes to the stale folder.
    let forced = run(&dir, &["--ghi-de"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert_eq!(std::fs::read(&doc).unwrap(), original);
    assert_eq!(
        std::fs::read(out.join("ban-da-sua").join(folder).join(&name)).unwrap(),
        edited
    );
    assert!(!beside.exists());
    assert!(
        out.join("van-ban-cu")
            .join(folder)
            .join(name.replace(".docx", "-ban-moi.docx"))
            .is_file()
    );
}

#[test]
fn a_document_chibo_has_no_record_of_is_kept() {
    // A folder of an older version (no record): whatever is there counts as edited.
    let (_tmp, dir) = committee(1);
    assert_eq!(code(&run(&dir, &[])), 0);
    let out = dir.join("ket-qua/2025-Q4");
    std::fs::remove_file(out.join(".chibo-manifest.json")).unwrap();
    let before = tree(&out);
    let again = run(&dir, &[]);
    assert_eq!(code(&again), 1);
    let after = tree(&out);
    for (name, bytes) in &before {
        if name.ends_with(".docx") || name.ends_with(".xlsx") {
            assert_eq!(&after[name], bytes, "{name} was replaced");
            let stem = name.rsplit_once('.').unwrap().0;
            assert!(
                after
                    .keys()
                    .any(|k| k.starts_with(&format!("{stem}-ban-moi."))),
                "no new version beside {name}"
            );
        }
    }
}

#[test]
fn a_corrected_date_moves_the_old_minutes_to_the_stale_folder() {
    let (_tmp, dir) = committee(2);
    assert_eq!(code(&run(&dir, &[])), 0);
    let out = dir.join("ket-qua/2025-Q4");
    let folder = "chi-bo-2";
    let before = minutes(&out, folder);
    // The clerk corrects the date of the cell's first meeting of the quarter.
    let mut c = cell(2);
    let m = c
        .meetings
        .iter_mut()
        .find(|m| !m.planned && m.date >= chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap())
        .unwrap();
    let old = m.date.format("bien-ban-%Y-%m-%d").to_string();
    m.date = m.date.succ_opt().unwrap();
    let new = m.date.format("bien-ban-%Y-%m-%d").to_string();
    put(&dir, &c);

    let again = run(&dir, &[]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let after = minutes(&out, folder);
    let old_name = before.iter().find(|n| n.starts_with(&old)).unwrap().clone();
    assert!(!after.contains(&old_name), "{after:?}");
    assert!(after.iter().any(|n| n.starts_with(&new)), "{after:?}");
    assert_eq!(after.len(), before.len());
    // Moved, never deleted, and said so.
    assert!(
        out.join("van-ban-cu")
            .join(folder)
            .join(&old_name)
            .is_file()
    );
    let log = std::fs::read_to_string(out.join("nhat-ky.txt")).unwrap();
    assert!(
        log.contains(&format!(
            "- {folder}/{old_name} → van-ban-cu/{folder}/{old_name}"
        )),
        "{log}"
    );
    assert!(stdout(&again).contains("lần này không tạo nữa, đã chuyển sang van-ban-cu/"));
    // The other cell's documents are untouched.
    assert!(!out.join("van-ban-cu/chi-bo-1").exists());
}

#[test]
fn a_workbook_received_twice_is_one_cell() {
    let (_tmp, dir) = committee(3);
    let clean = run(
        &dir,
        &[
            "--out",
            dir.parent().unwrap().join("clean").to_str().unwrap(),
        ],
    );
    assert_eq!(code(&clean), 0);
    // Downloaded twice: `chi-bo-0001 (1).xlsx`.
    let first = &cell(1).file;
    let copy = first.replace(".xlsx", " (1).xlsx");
    std::fs::copy(dir.join(first), dir.join(&copy)).unwrap();

    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let said = stdout(&check);
    assert_eq!(code(&check), 0, "{said}");
    assert!(
        said.contains(&format!("sổ {copy} giống hệt sổ {first}: chỉ đọc một lần")),
        "{said}"
    );
    assert!(
        said.contains("Đã kiểm tra 3 sổ: 0 lỗi, 1 cảnh báo."),
        "{said}"
    );

    let out = run(&dir, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("sổ {copy} giống hệt sổ {first}")));
    let got = tree(&dir.join("ket-qua/2025-Q4"));
    let want = tree(&dir.parent().unwrap().join("clean"));
    // The committee's totals are those of three cells, byte for byte.
    assert_eq!(got["tong-hop-2025-Q4.xlsx"], want["tong-hop-2025-Q4.xlsx"]);
    assert_eq!(
        got["bao-cao-tong-hop-2025-Q4.docx"],
        want["bao-cao-tong-hop-2025-Q4.docx"]
    );
    let folders: std::collections::BTreeSet<&str> = got
        .keys()
        .filter_map(|k| k.split_once('/'))
        .map(|(f, _)| f)
        .collect();
    assert_eq!(folders.len(), 3, "{folders:?}");
}

#[test]
fn two_different_workbooks_of_one_cell_are_both_skipped_and_the_report_says_so() {
    let (_tmp, dir) = committee(3);
    // A second, different workbook of cell 1 (same name and symbol, one date differs).
    let mut other = cell(1);
    other.file = "chi-bo-1-ban-sua.xlsx".into();
    if let Some(m) = other.meetings.iter_mut().find(|m| !m.planned) {
        m.date = m.date.succ_opt().unwrap();
    }
    put(&dir, &other);
    let first = cell(1).file;

    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let said = stdout(&check);
    assert_eq!(code(&check), 1, "{said}");
    assert!(
        said.contains(&format!(
            "hai sổ {first} và chi-bo-1-ban-sua.xlsx cùng là {} nhưng khác nội dung",
            cell(1).name
        )),
        "{said}"
    );
    // `check --json` reports the same clash, at each workbook, and exits the same way.
    let json = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF, "--json"]);
    assert_eq!(code(&json), 1, "{}", stdout(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let clashes: Vec<&serde_json::Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "input.duplicate_cell")
        .collect();
    assert_eq!(clashes.len(), 2, "{doc:#}");
    assert!(doc["errors"].as_u64().unwrap() >= 2, "{doc:#}");

    let out = run(&dir, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let root = dir.join("ket-qua/2025-Q4");
    assert!(!root.join("chi-bo-1").exists(), "{:?}", tree(&root).keys());
    assert!(root.join("chi-bo-2").is_dir() && root.join("chi-bo-3").is_dir());
    // Nothing of the first, discarded pass is left behind.
    assert!(tree(&root).keys().all(|k| !k.ends_with(".tmp")));
    let report = text_of(&std::fs::read(root.join("bao-cao-tong-hop-2025-Q4.docx")).unwrap());
    assert!(
        report.contains(&first) && report.contains("chi-bo-1-ban-sua.xlsx"),
        "{report}"
    );
    let said = stdout(&out);
    assert!(said.contains(&format!("  {first}: BỎ QUA")), "{said}");
}

#[test]
fn check_shows_people_on_two_cells_rolls() {
    let (_tmp, dir) = committee(2);
    let mut c = cell(2);
    c.people[0] = cell(1).people[0].clone();
    put(&dir, &c);
    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let said = stdout(&check);
    let who = format!("{} {}", c.people[0].family, c.people[0].given);
    assert!(
        said.contains(&format!(
            "cảnh báo: đồng chí {who} cũng có tên trong danh sách {}",
            cell(2).name
        )),
        "{said}"
    );
}

#[test]
fn cells_whose_names_fold_alike_never_share_a_folder() {
    let (_tmp, dir) = committee(0);
    for (n, name) in [
        (1, "Chi bộ A"),
        (2, "Chi  bộ A"),
        (3, "Chi bộ A 2"),
        (4, "Văn bản cũ"),
    ] {
        let mut c = cell(n);
        c.name = name.into();
        put(&dir, &c);
    }
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let root = dir.join("ket-qua/2025-Q4");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    // A cell named like the stale folder never takes it.
    assert_eq!(
        folders,
        ["chi-bo-a", "chi-bo-a-2", "chi-bo-a-2-2", "van-ban-cu-2"]
    );
    for f in &folders {
        assert!(!minutes(&root, f).is_empty(), "{f}");
    }
    // A rerun moves nothing of theirs aside.
    assert_eq!(code(&run(&dir, &[])), 0);
    assert!(!root.join("van-ban-cu").exists());
}

#[test]
fn a_cell_named_like_a_root_output_never_blocks_it() {
    let (_tmp, dir) = committee(0);
    let mut toml = CHIBO_TOML.to_string();
    toml.push_str("\n[dau_ra]\nten_tieng_viet = true\n");
    std::fs::write(dir.join("chibo.toml"), toml).unwrap();
    for (n, name) in [(1, "tong-hop-2025-Q4.xlsx"), (2, "nhat-ky.txt")] {
        let mut c = cell(n);
        c.name = name.into();
        put(&dir, &c);
    }
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let root = dir.join("ket-qua/2025-Q4");
    assert!(root.join("tong-hop-2025-Q4.xlsx").is_file());
    assert!(root.join("nhat-ky.txt").is_file());
    assert!(root.join("Báo cáo tổng hợp quý IV năm 2025.docx").is_file());
    assert!(root.join("tong-hop-2025-Q4.xlsx-2").is_dir());
    assert!(root.join("nhat-ky.txt-2").is_dir());
}

#[test]
fn a_name_too_long_for_the_file_system_is_shortened_the_same_way_every_time() {
    let (_tmp, dir) = committee(0);
    let mut c = cell(1);
    c.name = format!("Chi bộ {}", "Phòng Quản lý Văn hóa và Gia đình ".repeat(12));
    put(&dir, &c);
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let root = dir.join("ket-qua/2025-Q4");
    let folder = |root: &Path| {
        std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .find(|e| e.file_type().unwrap().is_dir())
            .unwrap()
            .file_name()
            .to_string_lossy()
            .into_owned()
    };
    let first = folder(&root);
    assert!(
        first.len() <= 100 && first.starts_with("chi-bo-phong-quan-ly"),
        "{first}"
    );
    let other = dir.parent().unwrap().join("lan-2");
    assert_eq!(code(&run(&dir, &["--out", other.to_str().unwrap()])), 0);
    assert_eq!(folder(&other), first);
}

#[test]
fn the_output_folder_is_never_the_input_folder() {
    let (_tmp, dir) = committee(1);
    let before = tree(&dir);
    let same = run(&dir, &["--out", dir.to_str().unwrap()]);
    assert_eq!(code(&same), 2);
    assert!(
        stderr(&same).contains("trùng với (hoặc chứa) thư mục sổ Excel"),
        "{}",
        stderr(&same)
    );
    assert_eq!(tree(&dir), before, "an input file was touched");

    // Inside the input folder: fine, and never read back as a cell, by `run` or `check`.
    let inside = dir.join("ban-in");
    let out = run(&dir, &["--out", inside.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(inside.join("tong-hop-2025-Q4.xlsx").is_file());
    let again = run(&dir, &["--out", inside.to_str().unwrap()]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(
        stdout(&check).contains("Đã kiểm tra 1 sổ"),
        "{}",
        stdout(&check)
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_the_output_folder_are_not_followed() {
    let (tmp, dir) = committee(2);
    let outside = tmp.path().join("ngoai");
    std::fs::create_dir_all(&outside).unwrap();
    let root = dir.join("ket-qua/2025-Q4");
    std::fs::create_dir_all(&root).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("chi-bo-1")).unwrap();
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("là một liên kết (symlink)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "written outside"
    );
    assert!(!minutes(&root, "chi-bo-2").is_empty());

    // `render --name` with a folder that is a link.
    let data = tmp.path().join("data.json");
    std::fs::write(&data, r#"[{"f": "x/a"}, {"f": "b"}]"#).unwrap();
    let render_out = tmp.path().join("render-out");
    std::fs::create_dir_all(&render_out).unwrap();
    std::os::unix::fs::symlink(&outside, render_out.join("x")).unwrap();
    let template = docx_common::fixture("libreoffice.docx");
    let r = chibo(&[
        "render",
        template.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--out",
        render_out.to_str().unwrap(),
        "--name",
        "{{ f }}.docx",
        "--lenient",
    ]);
    assert_eq!(code(&r), 1, "{}", stderr(&r));
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "written outside"
    );
    assert!(render_out.join("b.docx").is_file());
}

#[test]
fn a_second_run_into_the_same_folder_is_refused_and_touches_nothing() {
    let (_tmp, dir) = committee(1);
    assert_eq!(code(&run(&dir, &[])), 0);
    let root = dir.join("ket-qua/2025-Q4");
    // A first run holds the lock and has a staged file.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(root.join(".chibo.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let staged = root.join("chi-bo-1/.bao-cao-quy-IV-2025.docx.4242-7.tmp");
    std::fs::write(&staged, b"staged by the first run").unwrap();
    let before = tree(&root);
    let second = run(&dir, &[]);
    assert_eq!(code(&second), 2);
    let err = stderr(&second);
    assert!(
        err.contains("một lần chạy chibo khác đang ghi vào thư mục")
            && err.contains("đợi lần đó xong rồi chạy lại"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(tree(&root), before);
    drop(lock);
    assert_eq!(code(&run(&dir, &[])), 0);
}

#[test]
fn an_output_folder_that_cannot_be_created_is_one_message() {
    let (_tmp, dir) = committee(2);
    // `ket-qua` is a file: the default output folder cannot be created.
    std::fs::write(dir.join("ket-qua"), b"").unwrap();
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("lỗi: không tạo hoặc ghi được thư mục kết quả «")
            && err.contains("ket-qua/2025-Q4»")
            && !err.contains("Word"),
        "{err}"
    );
    // The same for the workbook alone.
    let s = chibo(&[
        "summary",
        dir.to_str().unwrap(),
        "--period",
        "2025-Q4",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code(&s), 2);
    assert_eq!(stderr(&s).lines().count(), 1, "{}", stderr(&s));
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_one_message() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_tmp, dir) = committee(1);
    let root = dir.join("ket-qua");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o555)).unwrap();
    // As root, permissions do not stop a write: a read-only bind is not available in a test,
    // so a file system that refuses writes is simulated the same way as above.
    let writable_anyway = std::fs::write(root.join(".probe"), b"").is_ok();
    if writable_anyway {
        std::fs::remove_file(root.join(".probe")).unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(root.join("2025-Q4"), b"").unwrap();
    }
    let out = run(&dir, &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("không tạo hoặc ghi được thư mục kết quả"),
        "{err}"
    );
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn check_names_every_workbook_it_leaves_out() {
    let (_tmp, dir) = committee(1);
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::create_dir_all(dir.join("ket-qua/2025-Q4")).unwrap();
    put_as(&dir, 2, "templates/chi-bo-lac.xlsx");
    put_as(&dir, 3, "ket-qua/2025-Q4/chi-bo-nham-cho.xlsx");
    #[cfg(unix)]
    {
        let linked = dir.parent().unwrap().join("o-ngoai");
        std::fs::create_dir_all(&linked).unwrap();
        put_as(&linked, 4, "chi-bo-lien-ket.xlsx");
        std::os::unix::fs::symlink(&linked, dir.join("lien-ket")).unwrap();
    }
    let check = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    let said = stdout(&check);
    assert_eq!(code(&check), 0, "{said}");
    for file in [
        "templates/chi-bo-lac.xlsx",
        "ket-qua/2025-Q4/chi-bo-nham-cho.xlsx",
        #[cfg(unix)]
        "lien-ket/chi-bo-lien-ket.xlsx",
    ] {
        assert!(
            said.contains(&format!("sổ {file} bị bỏ qua")),
            "{file}: {said}"
        );
    }
    assert!(said.contains("Đã kiểm tra 1 sổ"), "{said}");
}

fn put_as(dir: &Path, n: usize, rel: &str) {
    std::fs::write(dir.join(rel), write(&cell(n), Options::default()).unwrap()).unwrap();
}

#[test]
fn chi_bo_limits_a_run_to_some_cells() {
    let (_tmp, dir) = committee(3);
    assert_eq!(code(&run(&dir, &[])), 0);
    let root = dir.join("ket-qua/2025-Q4");
    let before = tree(&root);
    // The clerk corrects cell 2's workbook and produces only it.
    let mut c = cell(2);
    let m = c.meetings.iter_mut().rev().find(|m| !m.planned).unwrap();
    m.date = m.date.pred_opt().unwrap();
    put(&dir, &c);
    let name2 = c.name.clone();
    let file3 = cell(3).file;
    let out = run(&dir, &["--chi-bo", &name2, "--chi-bo", &file3]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let after = tree(&root);
    // Cell 1 untouched and nothing of it moved aside; cell 2's corrected minutes there.
    for (k, v) in &before {
        if k.starts_with("chi-bo-1/") {
            assert_eq!(after.get(k), Some(v), "{k}");
        }
    }
    assert!(!root.join("van-ban-cu/chi-bo-1").exists());
    assert!(root.join("van-ban-cu/chi-bo-2").is_dir());
    let said = stdout(&out);
    assert!(
        said.contains(&name2) && !said.contains(&format!("{}:", cell(1).name)),
        "{said}"
    );

    let wrong = run(&dir, &["--chi-bo", "Chi bộ Không Có"]);
    assert_eq!(code(&wrong), 1);
    assert!(stderr(&wrong).contains("không có chi bộ nào tên «Chi bộ Không Có» (--chi-bo)"));
}
