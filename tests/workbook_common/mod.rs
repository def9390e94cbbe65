//! Helpers shared by the workbook reader tests: build workbooks with rust_xlsxwriter, read them
//! back, look values up by A1 reference.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    reason = "test support code"
)]

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use chibo::diagnostic::{Diagnostic, Lang};
use chibo::schema::{Col, SheetKind};
use chibo::workbook::{RawRow, RawWorkbook, ReadOptions, Table, Value, read_workbook};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// The canonical minimal `Thông tin` sheet.
pub fn info_sheet(wb: &mut Workbook) {
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    for (r, (l, v)) in [
        ("Tên chi bộ", "Chi bộ 2"),
        ("Ký hiệu", "CB2"),
        ("Đảng bộ cấp trên", "Đảng bộ Sở Thử Nghiệm"),
        ("Bí thư", "Trần Văn Bình"),
    ]
    .iter()
    .enumerate()
    {
        let r = u32::try_from(r).unwrap();
        ws.write_string(r, 0, *l).unwrap();
        ws.write_string(r, 1, *v).unwrap();
    }
}

/// A plain `Sinh hoạt` sheet with a header and one meeting.
pub fn meetings_sheet(wb: &mut Workbook) -> &mut Worksheet {
    let ws = wb.add_worksheet();
    ws.set_name("Sinh hoạt").unwrap();
    ws.write_string(0, 0, "Ngày").unwrap();
    ws.write_string(0, 1, "Loại").unwrap();
    ws.write_string(1, 0, "14/02/2023").unwrap();
    ws.write_string(1, 1, "Thường kỳ").unwrap();
    ws
}

/// A plain `Đảng viên` sheet with a header and one person.
pub fn members_sheet(wb: &mut Workbook) -> &mut Worksheet {
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Họ và tên").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "Lê Thị Hoa").unwrap();
    ws
}

pub fn date_format() -> Format {
    Format::new().set_num_format("dd/mm/yyyy")
}

pub fn save(wb: &mut Workbook, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

pub fn read(path: &Path) -> (RawWorkbook, Vec<Diagnostic>) {
    read_with(path, &ReadOptions::default())
}

pub fn read_with(path: &Path, options: &ReadOptions) -> (RawWorkbook, Vec<Diagnostic>) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let out = read_workbook(path, &name, options);
    let wb = out
        .workbook
        .unwrap_or_else(|| panic!("not read: {:?}", rendered(&out.diagnostics)));
    (wb, out.diagnostics)
}

/// Diagnostics as the user reads them (Vietnamese).
pub fn rendered(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.render(Lang::Vi)).collect()
}

/// `"B7"` → (6, 1).
pub fn a1(s: &str) -> (u32, u32) {
    let letters: String = s.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &s[letters.len()..];
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    (digits.parse::<u32>().unwrap() - 1, col)
}

/// The value of `field` in a data row.
pub fn field<'a>(table: &Table, row: &'a RawRow, field: Col) -> Option<&'a Value> {
    let col = table.column(field)?.col;
    row.get(col).map(|c| &c.value)
}

/// A date cell's value: that day at midnight.
pub fn midnight(y: i32, m: u32, d: u32) -> Value {
    Value::DateTime(
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
}

pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub fn table(wb: &RawWorkbook, kind: SheetKind) -> &Table {
    wb.table(kind)
        .unwrap_or_else(|| panic!("no {kind:?} table"))
}

/// The display texts of a column over the data rows.
pub fn column_values(t: &Table, f: Col) -> Vec<String> {
    t.rows
        .iter()
        .map(|r| field(t, r, f).map(Value::display).unwrap_or_default())
        .collect()
}

/// Rewrites one entry of a zip package (to make files no writer would make).
pub fn rewrite_entry(path: &Path, entry: &str, edit: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == entry {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    let cursor = out.finish().unwrap();
    std::fs::write(path, cursor.into_inner()).unwrap();
}
