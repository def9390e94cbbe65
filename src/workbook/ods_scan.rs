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
    let Ok(extents) = scan(path) else {
        // Whatever went wrong, calamine will say it more precisely when it opens the file.
        return Ok(());
    };
    for ext in extents {
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

fn scan(path: &Path) -> Result<Vec<Extent>, Box<dyn std::error::Error>> {
    let file = File::open(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))?;
    let content = zip.by_name("content.xml")?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut out: Vec<Extent> = Vec::new();
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut row_rep: u64 = 1;
    // Depth inside a cell: a cell with children (text, annotation) is not empty.
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf)?;
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
                out.push(Extent {
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
                let valued = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                if (valued || has_children)
                    && let Some(ext) = out.last_mut()
                {
                    let (r0, r1) = (row, row.saturating_add(row_rep - 1));
                    let (c0, c1) = (col, col.saturating_add(col_rep - 1));
                    if ext.any {
                        ext.min_row = ext.min_row.min(r0);
                        ext.max_row = ext.max_row.max(r1);
                        ext.min_col = ext.min_col.min(c0);
                        ext.max_col = ext.max_col.max(c1);
                    } else {
                        *ext = Extent {
                            name: std::mem::take(&mut ext.name),
                            min_row: r0,
                            max_row: r1,
                            min_col: c0,
                            max_col: c1,
                            any: true,
                        };
                    }
                }
                col = col.saturating_add(col_rep);
                if has_children {
                    // Skip the cell's content: its text may hold nested elements.
                    let end = e.to_end().into_owned();
                    let mut skip = Vec::new();
                    xml.read_to_end_into(end.name(), &mut skip)?;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
