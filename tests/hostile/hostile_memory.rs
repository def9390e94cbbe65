//! Issue 14, input side: no small file can make chibo allocate without bound or take down the
//! run. Each case runs the real binary on a copy of `samples/` plus the bad file, under
//! `ulimit -v 4000000`, and checks: an exit code (0, 1 or 2, never a signal), at most 1 GB of
//! peak memory, a Vietnamese message naming the file (and sheet and cell where there is one),
//! the five sample cells' documents all produced, every XML part of every output parses.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;
use std::path::Path;

use common::*;

/// The bad file is refused with `message` (one line of the rendered diagnostic, naming it),
/// under the memory cap, and everything else is produced.
fn refused(f: &Folder, file: &str, message: &str) -> Capped {
    let run = f.run_capped();
    run.contained().code(1).says(message);
    assert!(
        run.out.stderr.contains(&format!("--> {file}")),
        "the message does not name {file}: {}",
        run.out.stderr
    );
    f.assert_outputs_well_formed(&[]);
    assert_skipped(f, file);
    run
}

/// A copy of the `.ods` sample with `edit` applied to its `content.xml`.
fn ods_with(f: &Folder, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let bytes = std::fs::read(f.dir.join("chi-bo-5-so-luong.ods")).unwrap();
    let entries: Vec<(String, Vec<u8>)> = unzip(&bytes)
        .into_iter()
        .map(|(n, b)| {
            if n == "content.xml" {
                let s = String::from_utf8(b).unwrap();
                (n, edit(&s).into_bytes())
            } else {
                (n, b)
            }
        })
        .collect();
    // `mimetype` must stay first and stored; zip_of deflates, which calamine accepts.
    zip_of(&entries)
}

/// `rows` added after the data of the `Đảng viên` table of an ods `content.xml` (before the
/// empty rows LibreOffice writes down to row 1,048,576).
fn append_to_members(content: &str, rows: &str) -> String {
    let start = content.find("table:name=\"Đảng viên\"").unwrap();
    let end = start
        + content[start..]
            .find("<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"1048")
            .unwrap();
    format!("{}{rows}{}", &content[..end], &content[end..])
}

/// 6,000 empty rows, then a row whose cell at column 16,001 is `cell`: calamine would build
/// the whole 6,000 × 16,001 rectangle, 96 million cells (under its own cap of 100 million),
/// about 5 GB with the formula of each.
fn far_away(cell: &str) -> String {
    format!(
        "<table:table-row table:number-rows-repeated=\"6000\"><table:table-cell/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/>{cell}</table:table-row>"
    )
}

const ODS_SPAN: &str = "lỗi: dữ liệu của trang tính trải trên 16001 cột, vượt giới hạn 1000 cột";

#[test]
fn ods_number_with_a_value_but_no_value_type() {
    let f = Folder::samples();
    let bad = ods_with(&f, |c| {
        append_to_members(c, &far_away("<table:table-cell office:value=\"7\"/>"))
    });
    f.put("so-khong-kieu.ods", &bad);
    refused(&f, "so-khong-kieu.ods", ODS_SPAN);
}

#[test]
fn ods_formula_only_cell() {
    let f = Folder::samples();
    let bad = ods_with(&f, |c| {
        append_to_members(
            c,
            &far_away("<table:table-cell table:formula=\"of:=1+1\"/>"),
        )
    });
    f.put("chi-cong-thuc.ods", &bad);
    refused(&f, "chi-cong-thuc.ods", ODS_SPAN);
}

#[test]
fn ods_mismatched_end_tag_before_a_far_away_cell() {
    let f = Folder::samples();
    let bad = ods_with(&f, |c| {
        let rows = format!(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>lệch</text:span></table:table-cell></table:table-row>{}",
            far_away("<table:table-cell office:value-type=\"float\" office:value=\"1\"/>")
        );
        append_to_members(c, &rows)
    });
    f.put("the-dong-lech.ods", &bad);
    refused(&f, "the-dong-lech.ods", ODS_SPAN);
}

#[test]
fn ods_two_billion_spaces() {
    let f = Folder::samples();
    let bad = ods_with(&f, |c| {
        c.replacen(
            "<text:p>Chi bộ Trung tâm",
            "<text:p><text:s text:c=\"2000000000\"/>Chi bộ Trung tâm",
            1,
        )
    });
    f.put("hai-ty-khoang-trang.ods", &bad);
    refused(
        &f,
        "hai-ty-khoang-trang.ods",
        "lỗi: chữ trong các ô của tệp, khi mở ra (tính cả các ô và khoảng trắng lặp lại), chiếm 1908 MB, vượt giới hạn 256 MB",
    );
}

#[test]
fn binary_workbook_content_under_an_xlsx_name_with_a_far_away_cell() {
    let f = Folder::samples();
    f.put(
        "nhi-phan.xlsx",
        &xlsb("Đảng viên", "rId1", &[(0, 0), (1_000_000, 16_000)]),
    );
    refused(&f, "nhi-phan.xlsx", "lỗi: không có trang tính «Thông tin»");
}

#[test]
fn a_panic_in_the_spreadsheet_library_is_reported_in_vietnamese() {
    // calamine indexes the relationships by the sheet's id without checking (a panic).
    let f = Folder::samples();
    f.put("hoang-loan.xlsx", &xlsb("Đảng viên", "rId9", &[(0, 0)]));
    let run = refused(
        &f,
        "hoang-loan.xlsx",
        "lỗi: tệp bị hỏng, không đọc được (thư viện đọc bảng tính gặp lỗi nội bộ)",
    );
    assert!(!run.out.stderr.contains("thread '"), "{}", run.out.stderr);
}

#[test]
fn shared_strings_declaring_a_hundred_million_strings() {
    let f = Folder::samples();
    let good = std::fs::read(f.dir.join("chi-bo-1.xlsx")).unwrap();
    let empties = "<si/>".repeat(60_000_000);
    let entries: Vec<(String, Vec<u8>)> = unzip(&good)
        .into_iter()
        .map(|(n, b)| {
            if n != "xl/sharedStrings.xml" {
                return (n, b);
            }
            let x = String::from_utf8(b).unwrap();
            let x = x.replacen("uniqueCount=\"", "uniqueCount=\"100000000\" old=\"", 1);
            (
                n,
                x.replacen("</sst>", &format!("{empties}</sst>"), 1)
                    .into_bytes(),
            )
        })
        .collect();
    // Deflated at the best level, as a crafted file would be: 300 MB of `<si/>` in 300 KB.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (n, b) in &entries {
        w.start_file(n.as_str(), opt).unwrap();
        std::io::Write::write_all(&mut w, b).unwrap();
    }
    let bad = w.finish().unwrap().into_inner();
    assert!(bad.len() < 1_000_000, "{} bytes", bad.len());
    f.put("tram-trieu-chuoi.xlsx", &bad);
    refused(
        &f,
        "tram-trieu-chuoi.xlsx",
        "lỗi: bảng chuỗi dùng chung của tệp (xl/sharedStrings.xml) có hơn 2000000 chuỗi (100000000), vượt giới hạn số ô 2000000",
    );
}

/// The `.xls` sample grown to `len` bytes without writing them (a sparse file).
fn sparse_xls(f: &Folder, name: &str, len: u64, xls: &[u8]) {
    let p = f.put(name, xls);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(len)
        .unwrap();
}

/// The `.xls` sample whose directory sector chain loops back on itself (calamine follows it
/// without end: the chain check refuses it when it can read the file).
fn looping_xls(f: &Folder) -> Vec<u8> {
    let mut xls = std::fs::read(f.dir.join("chi-bo-3.xls")).unwrap();
    let le = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let dir_start = le(&xls, 0x30);
    let fat_sector = le(&xls, 0x4C);
    let at =
        (usize::try_from(fat_sector).unwrap() + 1) * 512 + 4 * usize::try_from(dir_start).unwrap();
    xls[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
    xls
}

/// Before: reading the 8 GB file whole failed, so the chain check was skipped and calamine
/// followed the loop until the process died.
#[test]
fn a_sparse_xls_too_large_to_read_whole() {
    let f = Folder::samples();
    sparse_xls(&f, "thua-thot.xls", 8 << 30, &looping_xls(&f));
    refused(
        &f,
        "thua-thot.xls",
        "lỗi: tệp nặng 8192 MB, vượt giới hạn 512 MB",
    );
}

#[test]
fn an_xls_over_the_size_limit_is_not_read_whole() {
    let f = Folder::samples();
    let xls = std::fs::read(f.dir.join("chi-bo-3.xls")).unwrap();
    sparse_xls(&f, "qua-lon.xls", 1500 << 20, &xls);
    refused(
        &f,
        "qua-lon.xls",
        "lỗi: tệp nặng 1500 MB, vượt giới hạn 512 MB",
    );
}

/// The `.xls` sample whose first sheet's DIMENSIONS record declares a million rows by 65,535
/// columns: calamine reserves room for every cell of it when it opens the file. No guard
/// reads BIFF records: the child process that reads it first dies on its memory limit.
#[test]
fn an_xls_declaring_a_huge_sheet_is_contained_by_the_child_process() {
    let f = Folder::samples();
    let mut xls = std::fs::read(f.dir.join("chi-bo-3.xls")).unwrap();
    let at = xls
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    xls[at + 8..at + 12].copy_from_slice(&1_000_000u32.to_le_bytes());
    xls[at + 14..at + 16].copy_from_slice(&0xFFFFu16.to_le_bytes());
    f.put("khai-lon.xls", &xls);
    refused(
        &f,
        "khai-lon.xls",
        "lỗi: đọc tệp cần hơn 1024 MB bộ nhớ: tệp bị hỏng hoặc cố ý làm phình to, chibo không đọc",
    );
}

#[test]
fn duplicate_zip_entries_are_a_damaged_file() {
    let f = Folder::samples();
    let good = std::fs::read(f.dir.join("chi-bo-1.xlsx")).unwrap();
    let mut entries = unzip(&good);
    let sheet = entries
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1
        .clone();
    entries.push(("xl/worksheets/sheet1.xmX".into(), sheet));
    let mut bad = zip_of(&entries);
    // Rename the copy to the original's name, in its local header and the central directory.
    let (from, to) = (b"xl/worksheets/sheet1.xmX", b"xl/worksheets/sheet1.xml");
    let mut i = 0;
    while i + from.len() <= bad.len() {
        if &bad[i..i + from.len()] == from {
            bad[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    f.put("hai-ban.xlsx", &bad);
    refused(
        &f,
        "hai-ban.xlsx",
        "lỗi: tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được (tệp nén có hai mục trùng tên)",
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let f = Folder::samples();
    let mut child = std::process::Command::new(chibo_bin())
        .args(["--lang", "vi", "check", "--json", f.dir.to_str().unwrap()])
        .args(["--as-of", AS_OF])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before chibo writes anything (`chibo check --json | head -c 0`).
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Files read whole (a template, the data of `chibo render`, `chibo.toml`) are read to a bound
/// and no further: here each is a link to `/dev/zero`, which never ends. Before, chibo read
/// until the 4 GB cap stopped it ("máy hết bộ nhớ"); on a machine without a cap, until it ran
/// out of memory.
#[cfg(unix)]
#[test]
fn files_read_whole_stop_at_a_bound() {
    let f = Folder::empty();
    let zero = |name: &str| {
        let p = f.dir.join(name);
        std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (template, data) = (zero("mau.docx"), zero("du-lieu.json"));
    let good = f.put(
        "that.docx",
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/docx/libreoffice-engine.docx"),
        )
        .unwrap(),
    );
    let out = f.dir.join("ra.docx");
    let out = out.to_str().unwrap();
    chibo_capped(&["render", &template, "--data", &data, "--out", out])
        .contained()
        .code(2)
        .says("lỗi: không đọc được mẫu: tệp lớn hơn 512 MB, mức chibo đọc cho loại tệp này\n  --> mau.docx");
    chibo_capped(&["render", good.to_str().unwrap(), "--data", &data, "--out", out])
        .contained()
        .code(2)
        .says("lỗi: không đọc được tệp dữ liệu: tệp lớn hơn 512 MB, mức chibo đọc cho loại tệp này\n  --> du-lieu.json");
    chibo_capped(&["template", "check", &template])
        .contained()
        .code(2)
        .says("lỗi: không đọc được mẫu: tệp lớn hơn 512 MB");
    zero("chibo.toml");
    chibo_capped(&["check", f.dir.to_str().unwrap(), "--as-of", AS_OF])
        .contained()
        .says("lỗi: không mở được chibo.toml: tệp lớn hơn 64 MB, mức chibo đọc cho loại tệp này");
    assert!(!Path::new(out).exists());
}
