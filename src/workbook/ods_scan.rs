//! The memory guard for `.ods`: calamine builds every ods sheet as a dense rectangle while it
//! opens the file, so one stray cell at the far corner would make it allocate gigabytes
//! (crates.md pitfall 7). Before calamine sees the file, stream `content.xml` once with
//! quick-xml and measure the rectangle each sheet's non-empty cells really span.
#![allow(
    clippy::result_large_err,
    reason = "one diagnostic per file or sheet, on a cold path"
)]

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::reader::Limits;
use crate::config::MIB;
use crate::diagnostic::{Diagnostic, Location, column_letters};
use crate::t;

/// The span of one table's non-empty cells.
#[derive(Debug, Default)]
struct Extent {
    name: String,
    min_row: u64,
    max_row: u64,
    min_col: u64,
    max_col: u64,
    any: bool,
}

impl Extent {
    /// Widens the extent to a block of `row_rep` × `col_rep` cells at (`row`, `col`).
    fn include(&mut self, row: u64, row_rep: u64, col: u64, col_rep: u64) {
        let (r0, r1) = (row, row.saturating_add(row_rep - 1));
        let (c0, c1) = (col, col.saturating_add(col_rep - 1));
        if self.any {
            self.min_row = self.min_row.min(r0);
            self.max_row = self.max_row.max(r1);
            self.min_col = self.min_col.min(c0);
            self.max_col = self.max_col.max(c1);
        } else {
            self.min_row = r0;
            self.max_row = r1;
            self.min_col = c0;
            self.max_col = c1;
            self.any = true;
        }
    }

    fn cells(&self) -> u64 {
        if !self.any {
            return 0;
        }
        (self.max_row - self.min_row + 1).saturating_mul(self.max_col - self.min_col + 1)
    }
}

fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Fails when a sheet's cells would make calamine allocate more than the limits allow.
pub(crate) fn check(path: &Path, display: &str, limits: &Limits) -> Result<(), Diagnostic> {
    let scan = match scan(path) {
        Ok(scan) => scan,
        // The scan reads as calamine does (end names unchecked); what it cannot read is
        // damaged, and is never handed to calamine unmeasured.
        Err(e) => {
            return Err(super::open::corrupt(display, &crate::error_text::any(&*e)));
        }
    };
    let text_limit = limits.max_unzipped_bytes / 2;
    if scan.text_bytes > text_limit {
        let raise = crate::config::raise_limit("giai_nen_mb");
        return Err(Diagnostic::error(
            "file.too_large",
            Location::file(display),
            t!("chữ trong các ô của tệp, khi mở ra (tính cả các ô và khoảng trắng lặp lại), chiếm {} MB, vượt giới hạn {} MB (một nửa giới hạn giải nén)", scan.text_bytes.div_ceil(MIB), text_limit / MIB ;
               "the text of the file's cells, opened out (repeated cells and spaces counted), takes {} MB, above the limit of {} MB (half the unzipped-size limit)", scan.text_bytes.div_ceil(MIB), text_limit / MIB),
        )
        .with_hint(t!("tệp có thể bị hỏng hoặc cố ý làm phình to: lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, {}", raise.vi ;
                      "the file may be damaged or deliberately inflated: get it again from the sender; if it really is the cell's workbook, {}", raise.en)));
    }
    for ext in scan.extents {
        let rows = if ext.any {
            ext.max_row - ext.min_row + 1
        } else {
            0
        };
        let cols = if ext.any {
            ext.max_col - ext.min_col + 1
        } else {
            0
        };
        let far = format!(
            "{}{}",
            column_letters(u32::try_from(ext.max_col).unwrap_or(u32::MAX)),
            ext.max_row + 1
        );
        let message = if rows > u64::from(limits.max_rows) {
            Some((
                "so_dong",
                t!("dữ liệu của trang tính trải trên {rows} dòng, vượt giới hạn {} dòng", limits.max_rows ;
                    "the sheet's data spans {rows} rows, above the limit of {} rows", limits.max_rows),
            ))
        } else if cols > u64::from(limits.max_cols) {
            Some((
                "so_cot",
                t!("dữ liệu của trang tính trải trên {cols} cột, vượt giới hạn {} cột", limits.max_cols ;
                    "the sheet's data spans {cols} columns, above the limit of {} columns", limits.max_cols),
            ))
        } else if ext.cells() > limits.max_cells as u64 {
            Some((
                "so_o",
                t!("dữ liệu của trang tính trải trên {} ô (tính cả ô trống ở giữa), vượt giới hạn {} ô", ext.cells(), limits.max_cells ;
                    "the sheet's data spans {} cells (counting the empty ones between), above the limit of {} cells", ext.cells(), limits.max_cells),
            ))
        } else {
            None
        };
        if let Some((key, message)) = message {
            return Err(Diagnostic::error(
                "sheet.too_large",
                Location::file(display).sheet(ext.name),
                message,
            )
            .with_value(far)
            .with_hint(super::open::limit_hint(key)));
        }
    }
    Ok(())
}

/// What calamine will build from `content.xml`: each table's extent and the bytes of text of
/// every cell once repeats are expanded.
#[derive(Debug, Default)]
struct Scan {
    extents: Vec<Extent>,
    text_bytes: u64,
}

/// Bytes a cell costs calamine besides its text (its `Data` and formula slots).
const CELL_OVERHEAD: u64 = 64;

/// Whether calamine reads the cell as non-empty: any value, value type or formula attribute
/// (a number may carry `office:value` with no value type, a formula no value at all).
fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            "office:value"
                | "office:value-type"
                | "office:string-value"
                | "office:date-value"
                | "office:time-value"
                | "office:boolean-value"
                | "table:formula"
                | "calcext:value-type"
        )
    })
}

/// The bytes of a cell's text: its attribute values, its text content, and the spaces its
/// `<text:s text:c="…"/>` elements stand for. Reads up to the cell's end.
fn cell_text_bytes<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    e: &BytesStart<'_>,
    has_children: bool,
) -> Result<u64, quick_xml::Error> {
    let mut bytes: u64 = e.attributes().flatten().map(|a| a.value.len() as u64).sum();
    if !has_children {
        return Ok(bytes);
    }
    let mut depth = 1u32;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(c) => {
                depth += 1;
                bytes = bytes.saturating_add(spaces(&c));
            }
            Event::Empty(c) => bytes = bytes.saturating_add(spaces(&c)),
            Event::Text(t) => bytes = bytes.saturating_add(t.len() as u64),
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(bytes);
                }
            }
            Event::Eof => return Ok(bytes),
            _ => {}
        }
    }
}

/// The spaces a `<text:s>` stands for (calamine pushes that many); other elements: 1 byte
/// (a tab, a line break, a paragraph's separator).
fn spaces(e: &BytesStart<'_>) -> u64 {
    if e.local_name().as_ref() != "s" {
        return 1;
    }
    e.try_get_attribute("text:c")
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        // A count calamine cannot parse makes it fail, not allocate.
        .unwrap_or(1)
}

fn scan(path: &Path) -> Result<Scan, Box<dyn std::error::Error>> {
    let file = File::open(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))?;
    let content = zip.by_name("content.xml")?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    // As calamine reads it: a mismatched end tag does not stop it, so it must not stop the scan.
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut out = Scan::default();
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut row_rep: u64 = 1;
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf)?;
        // A cell with children (text, annotation) is not empty.
        let (e, has_children) = match &ev {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                if e.local_name().as_ref() == "table-row" {
                    row = row.saturating_add(row_rep);
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "table" => {
                let name = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                out.extents.push(Extent {
                    name,
                    ..Extent::default()
                });
                row = 0;
            }
            "table-row" => {
                row_rep = repeat(e, "table:number-rows-repeated");
                col = 0;
                if !has_children {
                    row = row.saturating_add(row_rep);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let col_rep = repeat(e, "table:number-columns-repeated");
                let valued = has_value(e) || has_children;
                let text = cell_text_bytes(&mut xml, e, has_children)?;
                if valued && let Some(ext) = out.extents.last_mut() {
                    ext.include(row, row_rep, col, col_rep);
                    let copies = row_rep.saturating_mul(col_rep);
                    out.text_bytes = out
                        .text_bytes
                        .saturating_add(copies.saturating_mul(text.saturating_add(CELL_OVERHEAD)));
                }
                col = col.saturating_add(col_rep);
            }
            _ => {}
        }
    }
    Ok(out)
}
