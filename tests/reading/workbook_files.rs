//! The reader on broken, hostile and odd files, and folder discovery.

#![allow(clippy::unwrap_used, reason = "test helpers")]

use crate::workbook_common;

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
            && msgs[0].contains(" thành phần nén, vượt giới hạn 3 thành phần\n  --> cb.xlsx\n  gợi ý: tệp có thể bị hỏng hoặc cố ý làm phình to (bom zip): lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, nâng giới hạn `so_thanh_phan_nen` trong mục [gioi_han] của chibo.toml"),
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
        msgs[0].starts_with("lỗi: tệp giải nén ra 1 MB, vượt giới hạn 0 MB"),
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
            "lỗi: trang tính có hơn 30 dòng có dữ liệu (giới hạn số dòng): `B31`\n  --> big.xlsx, trang tính 'Đảng viên'\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, nâng giới hạn `so_dong` trong mục [gioi_han] của chibo.toml"
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
        "ket-qua/2025/tong-hop-2025.xlsx",
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
    let out = d.join("ket-qua");
    let (found, diags) = discover(
        d,
        &[
            chibo::workbook::Skip::output(&out),
            chibo::workbook::Skip::templates(std::path::Path::new("templates")),
        ],
    );
    // A workbook left out is named, but chibo's own `tong-hop-*.xlsx` in the output folder.
    let skipped: Vec<&str> = diags
        .iter()
        .map(|d| {
            assert_eq!(d.code, "input.skipped");
            d.location.file.as_str()
        })
        .collect();
    assert!(skipped.contains(&"templates/mau.xlsx"), "{skipped:?}");
    assert!(
        !skipped.iter().any(|s| s.starts_with("ket-qua/")),
        "{skipped:?}"
    );
    // A folder behind a symbolic link is not entered; its workbooks are named.
    #[cfg(unix)]
    assert!(skipped.contains(&"a/loop/cb4.xls"), "{skipped:?}");
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

/// The smallest OLE compound file holding one stream named `name` (CFB v3: header, one FAT
/// sector, one directory sector, one data sector). Excel wraps a password-protected `.xlsx` in
/// such a container, with an `EncryptedPackage` stream.
fn ole_with_stream(name: &str) -> Vec<u8> {
    let put32 =
        |buf: &mut Vec<u8>, at: usize, v: u32| buf[at..at + 4].copy_from_slice(&v.to_le_bytes());
    let put16 =
        |buf: &mut Vec<u8>, at: usize, v: u16| buf[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let (end, free) = (0xFFFF_FFFE_u32, 0xFFFF_FFFF_u32);
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut h, 24, 0x3E);
    put16(&mut h, 26, 3);
    put16(&mut h, 28, 0xFFFE);
    put16(&mut h, 30, 9);
    put16(&mut h, 32, 6);
    put32(&mut h, 44, 1); // FAT sectors
    put32(&mut h, 48, 1); // first directory sector
    put32(&mut h, 56, 0x1000);
    put32(&mut h, 60, end); // no mini FAT
    put32(&mut h, 68, end); // no DIFAT sectors
    put32(&mut h, 76, 0); // the FAT is sector 0
    for i in 1..109 {
        put32(&mut h, 76 + 4 * i, free);
    }
    let mut fat = vec![0xFFu8; 512];
    put32(&mut fat, 0, 0xFFFF_FFFD); // FAT sector
    put32(&mut fat, 4, end); // directory
    put32(&mut fat, 8, end); // stream data
    let mut dir = vec![0u8; 512];
    let entry =
        |dir: &mut Vec<u8>, at: usize, name: &str, typ: u8, child: u32, start: u32, len: u32| {
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                put16(dir, at + 2 * i, *u);
            }
            put16(dir, at + 64, u16::try_from((units.len() + 1) * 2).unwrap());
            dir[at + 66] = typ;
            dir[at + 67] = 1;
            put32(dir, at + 68, free);
            put32(dir, at + 72, free);
            put32(dir, at + 76, child);
            put32(dir, at + 116, start);
            put32(dir, at + 120, len);
        };
    entry(&mut dir, 0, "Root Entry", 5, 1, end, 0);
    entry(&mut dir, 128, name, 2, free, 2, 4096);
    let data = vec![0u8; 512];
    [h, fat, dir, data].concat()
}

#[test]
fn password_protected_and_other_ole_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = ReadOptions::default();
    let locked = dir.path().join("locked.xlsx");
    std::fs::write(&locked, ole_with_stream("EncryptedPackage")).unwrap();
    assert_eq!(
        errors_of(&locked, &o),
        vec![
            "lỗi: tệp có mật khẩu, không đọc được\n  --> cb.xlsx\n  gợi ý: mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, để trống) rồi lưu lại"
        ]
    );
    let doc = dir.path().join("old.xls");
    std::fs::write(&doc, ole_with_stream("WordDocument")).unwrap();
    assert_eq!(
        errors_of(&doc, &o),
        vec![
            "lỗi: tệp là tài liệu Office cũ nhưng không phải bảng tính Excel (có thể là tệp Word .doc)\n  --> cb.xlsx\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx"
        ]
    );
}
