//! The reader on broken, hostile and odd files, and folder discovery.

mod workbook_common;

use std::time::Instant;

use chibo::diagnostic::Lang;
use chibo::schema::{Col, SheetKind};
use chibo::workbook::{Limits, ReadOptions, discover, read_workbook};
use rust_xlsxwriter::Workbook;
use workbook_common::*;

fn errors_of(path: &std::path::Path, options: &ReadOptions) -> Vec<String> {
    let out = read_workbook(path, "cb.xlsx", options);
    assert!(out.workbook.is_none());
    rendered(&out.diagnostics)
}

fn minimal(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    members_sheet(&mut wb);
    meetings_sheet(&mut wb);
    save(&mut wb, dir, name)
}

#[test]
fn unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = ReadOptions::default();

    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        errors_of(&empty, &o),
        vec![
            "lỗi: tệp rỗng (0 byte)\n  --> cb.xlsx\n  gợi ý: tệp có thể chưa được chép hoặc tải xong; lấy lại tệp từ người gửi"
        ]
    );

    let csv = dir.path().join("csv.xlsx");
    std::fs::write(&csv, "STT,Họ và tên\n1,Lê Thị Hoa\n").unwrap();
    assert_eq!(
        errors_of(&csv, &o),
        vec![
            "lỗi: tệp không phải là bảng tính Excel hay OpenDocument: nội dung là văn bản (có thể là CSV hoặc trang HTML được đặt tên .xls/.xlsx)\n  --> cb.xlsx\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx"
        ]
    );

    let full = minimal(dir.path(), "full.xlsx");
    let bytes = std::fs::read(&full).unwrap();
    let truncated = dir.path().join("cut.xlsx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let msgs = errors_of(&truncated, &o);
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with("lỗi: tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được ("),
        "{}",
        msgs[0]
    );
    let out = read_workbook(&truncated, "cb.xlsx", &o);
    assert_eq!(out.diagnostics[0].code, "file.corrupt");

    let binary = dir.path().join("bin.xls");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0xFF, 0xFE, 0, 0]).unwrap();
    assert_eq!(
        errors_of(&binary, &o),
        vec![
            "lỗi: tệp không phải là bảng tính Excel hay OpenDocument\n  --> cb.xlsx\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx"
        ]
    );

    // A zip that is not a workbook.
    let other = dir.path().join("other.xlsx");
    {
        use std::io::Write as _;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&other).unwrap());
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(b"<w:document/>").unwrap();
        z.finish().unwrap();
    }
    assert_eq!(
        errors_of(&other, &o),
        vec!["lỗi: tệp là văn bản Word, không phải bảng tính\n  --> cb.xlsx"]
    );

    let missing = dir.path().join("nope.xlsx");
    let out = read_workbook(&missing, "nope.xlsx", &o);
    assert_eq!(out.diagnostics[0].code, "file.unreadable");
}

#[test]
fn a_workbook_named_xls_is_read_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = minimal(dir.path(), "really-xlsx.xls");
    let (raw, diags) = read(&path);
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    assert_eq!(
        column_values(table(&raw, SheetKind::Members), Col::FullName),
        vec!["Lê Thị Hoa"]
    );
}

#[test]
fn zip_limits() {
    let dir = tempfile::tempdir().unwrap();
    let path = minimal(dir.path(), "cb.xlsx");
    let options = ReadOptions {
        limits: Limits {
            max_zip_entries: 3,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let msgs = errors_of(&path, &options);
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with("lỗi: tệp chứa ")
            && msgs[0].contains(" thành phần nén, vượt giới hạn 3 thành phần\n  --> cb.xlsx\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, liên hệ người quản trị để nâng giới hạn"),
        "{}",
        msgs[0]
    );
    let options = ReadOptions {
        limits: Limits {
            max_unzipped_bytes: 1024,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let msgs = errors_of(&path, &options);
    assert!(
        msgs[0].starts_with("lỗi: tệp giải nén ra 0 MB, vượt giới hạn 0 MB"),
        "{}",
        msgs[0]
    );
}

#[test]
fn row_limit_names_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    let ws = members_sheet(&mut wb);
    for r in 2..40u32 {
        ws.write_string(r, 1, format!("Người thứ {r}")).unwrap();
    }
    meetings_sheet(&mut wb);
    let path = save(&mut wb, dir.path(), "big.xlsx");
    let options = ReadOptions {
        limits: Limits {
            max_rows: 30,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let (raw, diags) = read_with(&path, &options);
    assert_eq!(
        rendered(&diags),
        vec![
            "lỗi: trang tính có hơn 30 dòng có dữ liệu (giới hạn số dòng): `B31`\n  --> big.xlsx, trang tính 'Đảng viên'\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, liên hệ người quản trị để nâng giới hạn"
        ]
    );
    assert!(raw.table(SheetKind::Members).is_none());
    assert!(raw.table(SheetKind::Meetings).is_some());
}

/// A stray cell at XFD1048576 makes the sheet declare the whole grid as its dimension: only
/// the real cells are kept, nothing the size of the rectangle is allocated.
#[test]
fn stray_far_cell_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    info_sheet(&mut wb);
    let ws = members_sheet(&mut wb);
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    meetings_sheet(&mut wb);
    let path = save(&mut wb, dir.path(), "stray.xlsx");
    let declared = std::io::Read::bytes(
        zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .by_name("xl/worksheets/sheet2.xml")
            .unwrap(),
    )
    .map(Result::unwrap)
    .collect::<Vec<u8>>();
    assert!(
        String::from_utf8(declared)
            .unwrap()
            .contains(r#"<dimension ref="A1:XFD1048576"/>"#)
    );
    let start = Instant::now();
    let (raw, diags) = read(&path);
    let elapsed = start.elapsed();
    assert!(diags.is_empty(), "{:?}", rendered(&diags));
    let m = table(&raw, SheetKind::Members);
    assert_eq!(m.rows.len(), 2);
    assert_eq!(m.rows[1].row, 1_048_575);
    assert_eq!(m.rows[1].cells[0].col, 16_383);
    assert_eq!(table(&raw, SheetKind::Meetings).rows.len(), 1);
    // A dense 2^34-cell rectangle would take minutes and gigabytes; the sparse read is instant.
    assert!(elapsed.as_secs() < 5, "{elapsed:?}");
}

#[test]
fn discover_finds_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for p in [
        "Chi bộ 2.xlsx",
        "a/cb1.XLSX",
        "a/b/cb3.ods",
        "cb4.xls",
        "cb5.xlsm",
        "~$Chi bộ 2.xlsx",
        ".hidden.xlsx",
        ".an/cb.xlsx",
        "ket-qua/tong-hop.xlsx",
        "templates/mau.xlsx",
        "ghi chú.txt",
        "bien-ban.docx",
    ] {
        let path = d.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"x").unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("a/loop")).unwrap();
    let (found, diags) = discover(d, &[&d.join("ket-qua"), std::path::Path::new("templates")]);
    assert!(diags.is_empty());
    let shown: Vec<&str> = found.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        shown,
        vec![
            "Chi bộ 2.xlsx",
            "a/b/cb3.ods",
            "a/cb1.XLSX",
            "cb4.xls",
            "cb5.xlsm"
        ]
    );
    assert_eq!(found[1].0, d.join("a/b/cb3.ods"));
}

#[test]
fn english_messages() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("e.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let out = read_workbook(&empty, "e.xlsx", &ReadOptions::default());
    assert_eq!(
        out.diagnostics[0].render(Lang::En),
        "error: the file is empty (0 bytes)\n  --> e.xlsx\n  hint: the file may not have been copied or downloaded completely; get it again from the sender"
    );
}
