//! Broken, half-saved, protected and oversized workbooks, through the real binary: each bad
//! file is reported by name, its cell gets no output, and the five sample cells are produced.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use common::*;

/// The log line of a skipped file.
fn skipped(f: &Folder, file: &str, errors: usize) {
    let log = f.log();
    assert!(
        log.contains(&format!("- {file}: BỎ QUA vì có {errors} lỗi")),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "- mọi văn bản của {file}: sổ có lỗi, sửa rồi chạy lại"
        )),
        "{log}"
    );
}

#[test]
fn zero_byte_file() {
    let f = Folder::samples();
    f.put("rong.xlsx", b"");
    f.run().code(1).no_panic().says(
        "lỗi: tệp rỗng (0 byte)\n  --> rong.xlsx\n  gợi ý: tệp có thể chưa được chép hoặc tải xong; lấy lại tệp từ người gửi",
    ).prints("  rong.xlsx: BỎ QUA, sổ có 1 lỗi (xem ở trên)");
    f.assert_outputs(&[]);
    skipped(&f, "rong.xlsx", 1);
}

#[test]
fn text_file_named_xlsx() {
    let f = Folder::samples();
    f.put(
        "danh-sach.xlsx",
        "STT,Họ và tên\n1,Đỗ Văn Khải\n".as_bytes(),
    );
    f.put(
        "trang-web.xls",
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    );
    let out = f.run();
    out.code(1).no_panic().says(
        "lỗi: tệp không phải là bảng tính Excel hay OpenDocument: nội dung là văn bản (có thể là CSV hoặc trang HTML được đặt tên .xls/.xlsx)\n  --> danh-sach.xlsx\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
    );
    out.says("  --> trang-web.xls");
    f.assert_outputs(&[]);
    skipped(&f, "danh-sach.xlsx", 1);
    skipped(&f, "trang-web.xls", 1);
}

#[test]
fn truncated_zip() {
    let f = Folder::samples();
    let whole = std::fs::read(f.dir.join("chi-bo-1.xlsx")).unwrap();
    f.put("chi-bo-1-dang-tai.xlsx", &whole[..whole.len() / 2]);
    // The start of a package cut inside its first entry, and a package whose last byte is gone.
    f.put("cat-dau.xlsx", &whole[..200]);
    f.put("thieu-1-byte.xlsx", &whole[..whole.len() - 1]);
    let out = f.run();
    out.code(1).no_panic();
    for name in [
        "chi-bo-1-dang-tai.xlsx",
        "cat-dau.xlsx",
        "thieu-1-byte.xlsx",
    ] {
        out.says(&format!("  --> {name}\n  gợi ý: lấy lại tệp từ người gửi, hoặc mở bằng Excel/LibreOffice (có thể sửa được) rồi lưu lại"));
        skipped(&f, name, 1);
    }
    out.says("lỗi: tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được (không tìm thấy mục lục ở cuối tệp nén: tệp bị cụt, hoặc không phải tệp nén (nguyên văn: invalid Zip archive: Could not find EOCD))\n  --> chi-bo-1-dang-tai.xlsx");
    f.assert_outputs(&[]);
}

#[test]
fn password_protected_xls_made_by_libreoffice() {
    let f = Folder::samples();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile/mat-khau.xls");
    f.put("mat-khau.xls", &std::fs::read(fixture).unwrap());
    f.run().code(1).no_panic().says(
        "lỗi: tệp có mật khẩu, không đọc được\n  --> mat-khau.xls\n  gợi ý: mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, để trống) rồi lưu lại",
    );
    f.assert_outputs(&[]);
    skipped(&f, "mat-khau.xls", 1);
}

/// An encrypted OOXML package as Excel saves it: an OLE compound file (CFB v3, 512-byte
/// sectors) holding the streams `EncryptionInfo` and `EncryptedPackage`. Built by hand because
/// LibreOffice here cannot save an encrypted .xlsx from a script; the stream contents are
/// random-looking filler (chibo must refuse the file from its structure alone).
fn encrypted_ooxml() -> Vec<u8> {
    const SECTOR: usize = 512;
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    let stream_sectors = 8; // 4096 bytes each: at the mini-stream cutoff, so in normal sectors
    let info_start = 2u32;
    let pkg_start = info_start + stream_sectors;
    let total_sectors = 2 + 2 * stream_sectors as usize;

    let mut header = vec![0u8; SECTOR];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x003Eu16.to_le_bytes()); // minor version
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes()); // byte order
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    header[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes()); // no extra DIFAT
    header[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes()); // FAT is sector 0
    for i in 1..109 {
        let at = 0x4C + 4 * i;
        header[at..at + 4].copy_from_slice(&FREE.to_le_bytes());
    }

    let mut fat = vec![FREE; SECTOR / 4];
    fat[0] = FATSECT;
    fat[1] = END;
    for start in [info_start, pkg_start] {
        for k in 0..stream_sectors {
            let s = (start + k) as usize;
            fat[s] = if k + 1 == stream_sectors {
                END
            } else {
                start + k + 1
            };
        }
    }
    let fat: Vec<u8> = fat.iter().flat_map(|x| x.to_le_bytes()).collect();

    let entry = |name: &str, kind: u8, left: u32, right: u32, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e[..utf16.len()].copy_from_slice(&utf16);
        e[0x40..0x42].copy_from_slice(&u16::try_from(utf16.len() + 2).unwrap().to_le_bytes());
        e[0x42] = kind;
        e[0x43] = 1; // black
        e[0x44..0x48].copy_from_slice(&left.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut dir = Vec::new();
    dir.extend(entry("Root Entry", 5, FREE, FREE, 1, END, 0));
    dir.extend(entry("EncryptionInfo", 2, FREE, 2, FREE, info_start, 4096));
    dir.extend(entry(
        "EncryptedPackage",
        2,
        FREE,
        FREE,
        FREE,
        pkg_start,
        4096,
    ));
    dir.resize(SECTOR, 0);
    // Unused directory slots must say "no sibling".
    for slot in 3..4 {
        let at = slot * 128;
        for off in [0x44, 0x48, 0x4C] {
            dir[at + off..at + off + 4].copy_from_slice(&FREE.to_le_bytes());
        }
    }

    let mut out = header;
    out.extend(fat);
    out.extend(dir);
    let mut x: u32 = 0x1234_5678;
    while out.len() < SECTOR * (1 + total_sectors) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push(x.to_le_bytes()[0]);
    }
    out
}

#[test]
fn password_protected_xlsx() {
    let f = Folder::samples();
    f.put("bao-mat.xlsx", &encrypted_ooxml());
    f.run().code(1).no_panic().says(
        "lỗi: tệp có mật khẩu, không đọc được\n  --> bao-mat.xlsx\n  gợi ý: mở tệp bằng Excel, gỡ mật khẩu",
    );
    f.assert_outputs(&[]);
    skipped(&f, "bao-mat.xlsx", 1);
}

#[test]
fn word_document_named_xlsx() {
    let f = Folder::samples();
    let docx = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bao-cao-quy.docx"),
    )
    .unwrap();
    f.put("bao-cao.xlsx", &docx);
    f.run()
        .code(1)
        .no_panic()
        .says("lỗi: tệp là văn bản Word, không phải bảng tính\n  --> bao-cao.xlsx");
    f.assert_outputs(&[]);
}

#[test]
fn a_stray_cell_at_xfd1048576_costs_nothing() {
    let f = Folder::samples();
    // The used range claims A1:XFD1048576 because of one formatted empty cell in the corner,
    // and one real stray value far away in the info sheet.
    let good = CellBook::good().xlsx();
    let bytes = replace_entry(&good, "xl/worksheets/sheet2.xml", |x| {
        x.replace(
            "<dimension ref=\"A1:F4\"/>",
            "<dimension ref=\"A1:XFD1048576\"/>",
        )
        .replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"0\"/></row></sheetData>",
        )
    });
    let bytes = replace_entry(&bytes, "xl/worksheets/sheet1.xml", |x| {
        x.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>.</t></is></c></row></sheetData>",
        )
    });
    assert!(zip_entry_bytes(&bytes, "xl/worksheets/sheet2.xml").contains("A1:XFD1048576"));
    f.put("chi-bo-thu-nghiem.xlsx", &bytes);
    let started = std::time::Instant::now();
    let out = f.run();
    out.code(0).no_panic();
    // Far below what allocating 17 billion cells would take; generous for a loaded CI machine.
    assert!(started.elapsed().as_secs() < 60);
    f.assert_outputs(&[(TEST_CELL, &TEST_CELL_DOCS)]);
}

fn zip_entry_bytes(bytes: &[u8], name: &str) -> String {
    unzip(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .unwrap()
}

#[test]
fn the_good_test_cell_is_produced() {
    let f = Folder::samples();
    f.put("chi-bo-thu-nghiem.xlsx", &CellBook::good().xlsx());
    let out = f.run();
    out.code(0)
        .no_panic()
        .prints("  Chi bộ Thử Nghiệm: 4 văn bản");
    assert_eq!(out.stderr.matches("cảnh báo").count(), 0, "{}", out.stderr);
    f.assert_outputs(&[(TEST_CELL, &TEST_CELL_DOCS)]);
}

#[test]
fn a_zip_bomb_that_declares_its_size() {
    let f = Folder::samples();
    let good = CellBook::good().xlsx();
    f.put(
        "bom-khai-that.xlsx",
        &patch_declared_size(&good, "xl/sharedStrings.xml", 0xFFFF_FFF0),
    );
    f.run().code(1).no_panic().says(
        "lỗi: tệp giải nén ra 4097 MB, vượt giới hạn 512 MB\n  --> bom-khai-that.xlsx\n  gợi ý: tệp có thể bị hỏng hoặc cố ý làm phình to (bom zip): lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, nâng giới hạn `giai_nen_mb` trong mục [gioi_han] của chibo.toml",
    );
    f.assert_outputs(&[]);
    skipped(&f, "bom-khai-that.xlsx", 1);
}

/// An entry that declares a few bytes but inflates to much more: the zip reader stops at the
/// declared size (so the declared total, checked against the limit, bounds the memory), and
/// the file is reported as damaged. Two megabytes stand for gigabytes.
#[test]
fn a_zip_bomb_that_lies_about_its_size() {
    let f = Folder::samples();
    let mut b = CellBook::good();
    for i in 0..70 {
        b.set(
            "Thông tin",
            7 + i,
            3,
            s(&format!("{i}{}", "a".repeat(30_000))),
        );
    }
    let bytes = b.xlsx();
    f.put(
        "bom-noi-doi.xlsx",
        &patch_declared_size(&bytes, "xl/sharedStrings.xml", 1000),
    );
    f.run().code(1).no_panic().says(
        "lỗi: tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được (dữ liệu không hợp lệ (nguyên văn: File is larger than its declared uncompressed size))\n  --> bom-noi-doi.xlsx",
    );
    f.assert_outputs(&[]);
    skipped(&f, "bom-noi-doi.xlsx", 1);
}

#[test]
fn too_many_zip_entries() {
    let f = Folder::samples();
    let mut entries = unzip(&CellBook::good().xlsx());
    for i in 0..10_000 {
        entries.push((format!("customXml/item{i}.xml"), b"<a/>".to_vec()));
    }
    f.put("nhieu-muc.xlsx", &zip_of(&entries));
    f.run().code(1).no_panic().says(
        "lỗi: tệp chứa 10014 thành phần nén, vượt giới hạn 10000 thành phần\n  --> nhieu-muc.xlsx\n  gợi ý: tệp có thể bị hỏng hoặc cố ý làm phình to (bom zip): lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, nâng giới hạn `so_thanh_phan_nen` trong mục [gioi_han] của chibo.toml",
    );
    f.assert_outputs(&[]);
}

#[test]
fn too_many_columns() {
    let f = Folder::samples();
    let mut b = CellBook::good();
    for c in 6..1_010 {
        b.set("Đảng viên", 2, c, s("x"));
    }
    f.put("chi-bo-thu-nghiem.xlsx", &b.xlsx());
    f.run().code(1).no_panic().says(
        "lỗi: trang tính có hơn 1000 cột có dữ liệu (giới hạn số cột): `ALM3`\n  --> chi-bo-thu-nghiem.xlsx, trang tính 'Đảng viên'\n  gợi ý: xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, nâng giới hạn `so_cot` trong mục [gioi_han] của chibo.toml",
    );
    f.assert_outputs(&[]);
}

/// Regression (found by the mutation test, seed 590): an `.xls` whose directory chain loops
/// back on itself made calamine allocate without bound (4 GiB, then more) until the system
/// killed chibo. The chains are now checked first. The run is capped at 2 GB of address space
/// so that a regression fails here instead of exhausting the machine.
#[test]
fn an_xls_whose_sector_chain_loops() {
    let f = Folder::samples();
    let mut xls = std::fs::read(f.dir.join("chi-bo-3.xls")).unwrap();
    let le = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let dir_start = le(&xls, 0x30);
    let fat_sector = le(&xls, 0x4C);
    let at =
        (usize::try_from(fat_sector).unwrap() + 1) * 512 + 4 * usize::try_from(dir_start).unwrap();
    xls[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
    f.put("vong-lap.xls", &xls);
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000; exec '{}' --lang vi run '{}' --period {PERIOD} --as-of {AS_OF} --jobs 2",
            env!("CARGO_BIN_EXE_chibo"),
            f.dir.display()
        ))
        .output()
        .unwrap();
    let out = Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    };
    out.code(1).no_panic().says(
        "lỗi: tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được (cấu trúc bên trong của tệp .xls bị đứt hoặc lặp vòng)\n  --> vong-lap.xls",
    );
    f.assert_outputs(&[]);
    skipped(&f, "vong-lap.xls", 1);
}
