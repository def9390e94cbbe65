//! [`RawWorkbook`] → [`Cell`]. (Being built.)

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::workbook::RawWorkbook;

use super::{AttendanceSource, Cell, CellInfo};

/// Builds a cell's typed records from its raw tables. Bad rows are reported and skipped; the
/// cell is always returned so that the caller can show what was read. The caller skips the
/// cell's documents when any diagnostic is an error.
#[must_use]
pub fn build_cell(raw: &RawWorkbook, _config: &Config) -> (Cell, Vec<Diagnostic>) {
    let cell = Cell {
        file: raw.display.clone(),
        info: CellInfo::default(),
        people: Vec::new(),
        meetings: Vec::new(),
        attendance_source: AttendanceSource::None,
        commendations: Vec::new(),
    };
    (cell, Vec::new())
}
