//! End to end: workbooks on disk → the real reader → the model → `chibo check`.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use chibo::model::{Mark, MeetingStatus, Standing};
use chibo::pipeline::{LoadOptions, load};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .output()
        .expect("run chibo")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_blank_form_reads_back_clean() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().to_str().unwrap();
    assert_eq!(chibo(&["init", p]).status.code(), Some(0));
    // The form itself is never read as a cell (it holds only an example row): a folder with
    // only the form has no workbook to check, which is not a clean check ...
    let out = chibo(&["check", p, "--as-of", "31/12/2025"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("không có sổ Excel nào để kiểm tra"),
        "{out:?}"
    );
    // ... and a copy of it, as a cell starts its own workbook, is its example rows: each left
    // out with a warning, nothing read ...
    std::fs::copy(
        dir.path().join("mau-so-chi-bo.xlsx"),
        dir.path().join("chi-bo-moi.xlsx"),
    )
    .unwrap();
    let out = chibo(&["check", p, "--as-of", "31/12/2025"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout
            .matches("là dòng ví dụ của sổ mẫu («VÍ DỤ – xóa dòng này»): chibo bỏ qua dòng này")
            .count(),
        5,
        "{stdout}"
    );
    assert!(
        stdout.contains("Người (ngày 31/12/2025): 0 chính thức"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("Đã kiểm tra 1 sổ: 0 lỗi, 5 cảnh báo.\n"),
        "{stdout}"
    );
    // ... while, the mark deleted (the clerk keeps the rows as data), it reads back clean.
    without_example_mark(&dir.path().join("chi-bo-moi.xlsx"));
    let out = chibo(&["check", p, "--as-of", "31/12/2025"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Chi bộ Mẫu (chi-bo-moi.xlsx)\n  \
         Người (ngày 31/12/2025): 1 chính thức, 0 dự bị, 0 miễn sinh hoạt, 0 quần chúng, 0 không còn/chưa có trong danh sách\n  \
         Buổi sinh hoạt: 1 đã họp, 0 kế hoạch, 0 hoãn\n  \
         Điểm danh: 1/1 buổi đã họp có điểm danh (trang Điểm danh, mỗi dòng một người một buổi)\n  \
         Dùng được (0 cảnh báo)\n\n\
         Đã kiểm tra 1 sổ: 0 lỗi, 0 cảnh báo.\n\
         Quy định áp dụng: Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương; thang điểm `phu_tho` (Phú Thọ, Đảng ủy Khối các cơ quan tỉnh), mặc định của năm 2025.\n"
    );
    let c = load(
        dir.path(),
        &LoadOptions {
            as_of: d(2025, 12, 31),
            jobs: Some(1),
        },
    )
    .unwrap();
    let cell = c.cells[0].usable().unwrap();
    let score = cell.meetings[0].score.as_ref().unwrap();
    assert_eq!(
        score.groups,
        [Some(15.0), Some(20.0), Some(45.0), Some(18.0)]
    );
    assert_eq!(score.total, Some(98.0));
    let doc = chibo::commands::check::json_report(&c, d(2025, 12, 31), chibo::diagnostic::Lang::Vi);
    let m = &doc["cells"][0]["meetings"][0];
    assert_eq!(m["present"], 1);
    assert_eq!(m["eligible"], 1);
    assert_eq!(m["score"], 98.0);
    assert_eq!(m["band"], "Tốt");
    assert_eq!(cell.commendations[0].person, Some(0));
}

/// Empties the example mark of the form at `path`, as a clerk deleting it in every sheet: the
/// shared string the form writes it as becomes empty.
fn without_example_mark(path: &Path) {
    use std::io::{Read as _, Write as _};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let mark = chibo::xlsx::form::EXAMPLE_MARK;
            assert!(text.contains(mark));
            bytes = text.replace(mark, "").into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// A workbook typed by hand over the years: no diacritics in a sheet name, title rows, a year
/// in a General cell, a date serial in a General cell, text dates, old tone placement, a
/// matrix attendance sheet with one real date header and one text date header.
fn messy_workbook(path: &Path, secretary: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thong tin").unwrap();
    for (r, (label, value)) in [
        ("Tên chi bộ:", "Chi bộ Số Hai"),
        ("Ký hiệu", "CB2"),
        ("Đảng bộ cấp trên", "Đảng bộ Khối Mẫu"),
        ("Địa danh", "Tỉnh Mẫu"),
        ("Bí thư", secretary),
    ]
    .iter()
    .enumerate()
    {
        let r = u32::try_from(r).unwrap();
        ws.write(r, 0, *label).unwrap();
        ws.write(r, 1, *value).unwrap();
    }

    let ws = wb.add_worksheet();
    ws.set_name("DANH SÁCH ĐẢNG VIÊN").unwrap();
    ws.write(0, 0, "ĐẢNG BỘ KHỐI MẪU").unwrap();
    ws.write(1, 0, "DANH SÁCH ĐẢNG VIÊN CHI BỘ SỐ HAI").unwrap();
    let headers = [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Số thẻ ĐV",
        "Trạng thái",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write(3, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write(4, 0, 1).unwrap();
    ws.write(4, 1, "Lê Văn Một").unwrap();
    ws.write(4, 2, 1975).unwrap();
    ws.write(4, 3, "03/02/2000").unwrap();
    ws.write(4, 4, 36892).unwrap(); // 01/01/2001 in a General cell
    ws.write(4, 5, "01234567").unwrap();
    ws.write(4, 6, "Chính thức").unwrap();
    ws.write(5, 0, 2).unwrap();
    ws.write(5, 1, "Trần Thị Hoà").unwrap();
    ws.write(5, 2, "1982").unwrap();
    ws.write(5, 3, "19/05/2010").unwrap();
    ws.write(5, 4, "19/05/2011").unwrap();
    ws.write(6, 0, 3).unwrap();
    ws.write(6, 1, "Phạm Minh Ba").unwrap();
    ws.write(6, 2, 1995).unwrap();
    ws.write(6, 3, "01/03/2023").unwrap();
    ws.write(6, 6, "Dự bị").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Sinh hoạt").unwrap();
    for (c, h) in ["Ngày sinh hoạt", "Loại", "Nội dung", "Tình trạng"]
        .iter()
        .enumerate()
    {
        ws.write(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    ws.write(1, 0, "10/01/2024").unwrap();
    ws.write(1, 1, "TK").unwrap();
    ws.write(2, 0, "14/02/2024").unwrap();
    ws.write(2, 1, "CĐ").unwrap();
    ws.write(2, 2, "Học tập và làm theo").unwrap();
    ws.write(3, 0, "13/03/2024").unwrap();
    ws.write(3, 1, "Thường kỳ").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("Điểm danh").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write(0, 0, "Họ và tên").unwrap();
    ws.write_date_with_format(0, 1, d(2024, 1, 10), &date)
        .unwrap();
    ws.write(0, 2, "14/02/2024").unwrap();
    for (r, row) in [
        ["Đ/c Lê Văn Một", "x", "P: ốm"],
        ["Trần Thị Hòa", "x", "?"],
        ["Người Lạ Mặt", "x", "x"],
        ["Phạm Minh Ba", "", "x"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write(u32::try_from(r + 1).unwrap(), u16::try_from(c).unwrap(), *v)
                    .unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_hand_typed_workbook_is_read_and_its_problems_located() {
    let dir = tempfile::tempdir().unwrap();
    messy_workbook(&dir.path().join("cb2.xlsx"), "Lê Văn Một");
    let c = load(
        dir.path(),
        &LoadOptions {
            as_of: d(2024, 12, 31),
            jobs: Some(2),
        },
    )
    .unwrap();
    assert_eq!(c.cells.len(), 1);
    let loaded = &c.cells[0];
    let cell = loaded.cell.as_ref().unwrap();
    assert_eq!(cell.info.name, "Chi bộ Số Hai");
    assert_eq!(cell.people.len(), 3);
    assert_eq!(cell.people[0].card_no.as_deref(), Some("01234567"));
    assert_eq!(cell.people[0].full_member_since, Some(d(2001, 1, 1)));
    assert_eq!(cell.people[2].standing_on(d(2024, 1, 10)), Standing::DuBi);
    let m0 = &cell.meetings[0];
    assert_eq!(m0.status, MeetingStatus::Held);
    let entries: Vec<(usize, Option<Mark>)> =
        m0.attendance.iter().map(|e| (e.person, e.mark)).collect();
    assert_eq!(
        entries,
        [
            (0, Some(Mark::Present)),
            (1, Some(Mark::Present)),
            (2, None)
        ]
    );
    assert_eq!(cell.meetings[1].attendance[0].reason.as_deref(), Some("ốm"));
    assert_eq!(cell.meetings[2].status, MeetingStatus::Planned);

    let located: Vec<(&str, String)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.sheet_cell().unwrap_or_default()))
        .collect();
    assert!(
        located.contains(&("mark.unknown", "'Điểm danh'!C3".to_string())),
        "{located:?}"
    );
    assert!(located.contains(&("person.unknown", "'Điểm danh'!A4".to_string())));
    assert!(located.contains(&("attendance.empty", "'Điểm danh'!B5".to_string())));

    let out = chibo(&[
        "check",
        dir.path().to_str().unwrap(),
        "--json",
        "--as-of",
        "2024-12-31",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cells"][0]["name"], "Chi bộ Số Hai");
    assert_eq!(doc["cells"][0]["usable"], false);
    assert_eq!(doc["cells"][0]["meetings"][1]["excused"], 1);
    assert_eq!(doc["errors"], 2);
}

#[test]
fn several_workbooks_come_back_in_display_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("to-2")).unwrap();
    // Three different workbooks (identical files are one workbook, read once).
    messy_workbook(&dir.path().join("to-2/cb9.xlsx"), "Lê Văn Một");
    messy_workbook(&dir.path().join("cb3.xlsx"), "Lê Văn Hai");
    messy_workbook(&dir.path().join("a.xlsx"), "Lê Văn Ba");
    // Output and template folders are never read as input.
    std::fs::create_dir(dir.path().join("ket-qua")).unwrap();
    messy_workbook(&dir.path().join("ket-qua/old.xlsx"), "Lê Văn Một");
    let c = load(
        dir.path(),
        &LoadOptions {
            as_of: d(2024, 12, 31),
            jobs: None,
        },
    )
    .unwrap();
    let files: Vec<&str> = c.cells.iter().map(|l| l.display.as_str()).collect();
    assert_eq!(files, ["a.xlsx", "cb3.xlsx", "to-2/cb9.xlsx"]);
    assert!(c.cells.iter().all(|l| l.diagnostics.len() == 3));
}

/// Writes a large committee folder for timing `chibo check` by hand:
/// `CHIBO_BENCH_DIR=somewhere cargo test --test commands check_e2e:: -- --ignored`, then
/// `/usr/bin/time -v chibo check somewhere`. 40 cells × 60 people × 24 meetings.
#[test]
#[ignore = "writes a large folder for timing"]
fn write_a_large_folder_for_timing() {
    let Some(dir) = std::env::var_os("CHIBO_BENCH_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let days: Vec<NaiveDate> = (0..24)
        .map(|i| d(2023 + i / 12, u32::try_from(i % 12).unwrap() + 1, 10))
        .collect();
    for cell in 0..40 {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Thông tin").unwrap();
        ws.write(0, 0, "Tên chi bộ").unwrap();
        ws.write(0, 1, format!("Chi bộ {cell}")).unwrap();
        ws.write(1, 0, "Ký hiệu").unwrap();
        ws.write(1, 1, format!("CB{cell}")).unwrap();
        ws.write(2, 0, "Đảng bộ cấp trên").unwrap();
        ws.write(2, 1, "Đảng bộ Khối Mẫu").unwrap();
        ws.write(3, 0, "Địa danh").unwrap();
        ws.write(3, 1, "Tỉnh Mẫu").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("Đảng viên").unwrap();
        for (c, h) in [
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Ngày vào Đảng",
            "Ngày chính thức",
        ]
        .iter()
        .enumerate()
        {
            ws.write(0, u16::try_from(c).unwrap(), *h).unwrap();
        }
        let names: Vec<String> = (0..60).map(|p| format!("Thành Viên Số {p}")).collect();
        for (p, name) in names.iter().enumerate() {
            let r = u32::try_from(p + 1).unwrap();
            ws.write(r, 0, u32::try_from(p + 1).unwrap()).unwrap();
            ws.write(r, 1, name).unwrap();
            ws.write(r, 2, 1970 + u32::try_from(p % 30).unwrap())
                .unwrap();
            ws.write(r, 3, "03/02/2000").unwrap();
            ws.write(r, 4, "03/02/2001").unwrap();
        }
        let ws = wb.add_worksheet();
        ws.set_name("Sinh hoạt").unwrap();
        ws.write(0, 0, "Ngày").unwrap();
        ws.write(0, 1, "Loại").unwrap();
        let ws_att = {
            for (i, day) in days.iter().enumerate() {
                let r = u32::try_from(i + 1).unwrap();
                ws.write_date_with_format(r, 0, *day, &date).unwrap();
                ws.write(r, 1, "Thường kỳ").unwrap();
            }
            wb.add_worksheet()
        };
        ws_att.set_name("Điểm danh").unwrap();
        ws_att.write(0, 0, "Họ và tên").unwrap();
        for (i, day) in days.iter().enumerate() {
            let c = u16::try_from(i + 1).unwrap();
            ws_att.write_date_with_format(0, c, *day, &date).unwrap();
        }
        for (p, name) in names.iter().enumerate() {
            let r = u32::try_from(p + 1).unwrap();
            ws_att.write(r, 0, name).unwrap();
            for i in 0..days.len() {
                let mark = if (p + i) % 17 == 0 {
                    "P: công tác"
                } else {
                    "x"
                };
                ws_att
                    .write(r, u16::try_from(i + 1).unwrap(), mark)
                    .unwrap();
            }
        }
        wb.save(dir.join(format!("cb{cell:02}.xlsx"))).unwrap();
    }
}
