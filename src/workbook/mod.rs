//! Stage 1: read a cell's workbook (`.xlsx`, `.xls`, `.ods`) into raw tables.
//!
//! The reader finds each known sheet by its folded name, finds the header row by scoring rows
//! against the known headers (title rows above it are skipped), flattens headers merged over
//! several rows, skips column-number rows, group rows, total rows and the signature footer,
//! and keeps every value with its **absolute** sheet position. It does not interpret values
//! beyond what the file says (a text cell stays text): turning `14/02/2023` into a date is the
//! model stage's work, so that a bad value is reported against the cell it came from.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::schema::{Col, InfoLabel, SheetKind};

mod discover;
mod grid;
mod info;
mod matcher;
mod ods_scan;
mod open;
mod probe;
mod reader;
mod sst_scan;
mod table;

pub use discover::{Skip, discover};
pub(crate) use matcher::numbered_group;
pub use probe::{
    PROBE_COMMAND, child_main as probe_child_main, isolate_with as isolate_reading_with,
};
pub use reader::{Limits, ReadOptions, alias_problems, read_workbook, too_many_aliases};

/// A cell value as the file stores it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Value {
    /// Text, already cleaned ([`crate::text::clean_multiline`]).
    Text(String),
    /// A number with no date format (a General cell holding a date serial comes as this).
    Number(f64),
    /// A cell formatted as a date or date-time (xlsx/xls date formats, ods dates).
    DateTime(NaiveDateTime),
    /// A cell formatted as a time of day or a duration, in seconds since midnight.
    Time(u32),
    Bool(bool),
    /// A formula error (`#REF!`, `#DIV/0!`), as text.
    Error(String),
}

impl Value {
    /// The value as the user would see it, for messages.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) | Value::Error(s) => s.clone(),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{n:.0}")
                } else {
                    format!("{n}")
                }
            }
            Value::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.format("%d/%m/%Y").to_string()
                } else {
                    dt.format("%d/%m/%Y %H:%M").to_string()
                }
            }
            Value::Time(secs) => format!("{:02}:{:02}", secs / 3600, (secs / 60) % 60),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// One non-empty cell: absolute 0-based position and value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RawCell {
    pub row: u32,
    pub col: u32,
    pub value: Value,
}

/// A column of a table sheet, as found in the header.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// Absolute 0-based column.
    pub col: u32,
    /// The header as the user typed it, merged parents flattened as `Parent / Child`.
    pub header: String,
    /// The known column it matched, if any.
    pub field: Option<Col>,
    /// For the attendance matrix: the header read as a date (a meeting column).
    pub date: Option<Value>,
}

/// A data row: its absolute row and its non-empty cells, left to right.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RawRow {
    pub row: u32,
    pub cells: Vec<RawCell>,
}

impl RawRow {
    /// The cell in absolute column `col`, if it is not empty.
    #[must_use]
    pub fn get(&self, col: u32) -> Option<&RawCell> {
        self.cells.iter().find(|c| c.col == col)
    }
}

/// The shape of an attendance sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceShape {
    /// Name column, then one column per meeting whose header is the date.
    Matrix,
    /// Columns `Ngày`, `Họ và tên`, `Tình trạng`, `Lý do`.
    Long,
}

/// A table sheet: header found, data rows kept.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// The sheet's name as the workbook spells it.
    pub sheet: String,
    pub kind: SheetKind,
    /// Absolute row of the (last) header row.
    pub header_row: u32,
    pub columns: Vec<Column>,
    /// Data rows only: title, header, column-number, group, total, blank and footer rows are gone.
    pub rows: Vec<RawRow>,
    /// Only for [`SheetKind::Attendance`].
    pub shape: Option<AttendanceShape>,
}

impl Table {
    /// The first column that matched `field`.
    #[must_use]
    pub fn column(&self, field: Col) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == Some(field))
    }
}

/// One label/value pair of the `Thông tin` sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InfoEntry {
    pub label: InfoLabel,
    /// The label as typed.
    pub label_text: String,
    /// Where the value is (absolute), and the value; `None` when the value cell is empty.
    pub value: Option<RawCell>,
    /// Row of the label.
    pub row: u32,
}

/// The `Thông tin` sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InfoSheet {
    pub sheet: String,
    pub entries: Vec<InfoEntry>,
}

/// Everything read from one workbook file.
#[derive(Clone, Debug, Serialize)]
pub struct RawWorkbook {
    /// The file as given to the reader.
    #[serde(skip)]
    pub path: PathBuf,
    /// The path shown to the user: relative to the input folder, `/` separators.
    pub display: String,
    pub info: Option<InfoSheet>,
    /// The table sheets found, at most one per kind, in [`SheetKind::ALL`] order.
    pub tables: Vec<Table>,
    /// The sheets that matched no known kind (reported in verbose mode).
    pub ignored_sheets: Vec<String>,
}

impl RawWorkbook {
    #[must_use]
    pub fn table(&self, kind: SheetKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}

/// What reading one file gave: the workbook, if the file could be opened at all, and every
/// problem found on the way (unreadable file, missing required sheet, no header row …).
#[derive(Debug)]
pub struct ReadOutcome {
    pub workbook: Option<RawWorkbook>,
    pub diagnostics: Vec<Diagnostic>,
}
