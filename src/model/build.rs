//! [`RawWorkbook`] → [`Cell`]: the order of the work and the helpers every sheet shares.
//!
//! A row whose identifying value is bad (a person without a name, a meeting without a valid
//! date, a score whose date matches no meeting) is reported and skipped. A bad value anywhere
//! else is reported and left empty, so that one typo does not cascade into dozens of
//! "unknown person" errors in the other sheets.

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Text};
use crate::schema::{Col, InfoLabel, SheetKind};
use crate::t;
use crate::workbook::{Column, InfoSheet, RawCell, RawRow, RawWorkbook, Table, Value};

use super::values::{self, CountError};
use super::{AttendanceSource, Cell, CellInfo};

/// Builds a cell's typed records from its raw tables. `as_of` is "today": a meeting marked
/// held after it is suspicious. Bad rows are reported and skipped; the cell is always returned
/// so that the caller can show what was read. The caller skips the cell's documents when any
/// diagnostic is an error.
#[must_use]
pub fn build_cell(raw: &RawWorkbook, config: &Config, as_of: NaiveDate) -> (Cell, Vec<Diagnostic>) {
    let mut ctx = Ctx {
        file: &raw.display,
        diags: Vec::new(),
    };
    let raw = &*super::example_row::without_examples(&mut ctx, raw, config);
    let info = build_info(&mut ctx, raw, config);
    let people = super::people::build(&mut ctx, raw.table(SheetKind::Members));
    let names = super::people::NameIndex::new(&people);
    let meetings_sheet = raw.table(SheetKind::Meetings).map_or_else(
        || SheetKind::Meetings.name().to_string(),
        |t| t.sheet.clone(),
    );
    let (mut meetings, declared) =
        super::meetings::build(&mut ctx, raw.table(SheetKind::Meetings), &info);
    let attendance_source = match raw.table(SheetKind::Attendance) {
        Some(table) => super::attendance::build(
            &mut ctx,
            table,
            &people,
            &names,
            &mut meetings,
            config,
            &meetings_sheet,
        ),
        None => {
            if meetings.iter().any(|m| m.has_counts()) {
                AttendanceSource::Counts
            } else {
                AttendanceSource::None
            }
        }
    };
    if let Some(table) = raw.table(SheetKind::Scores) {
        super::scores::build(&mut ctx, table, &mut meetings, config, &meetings_sheet);
    }
    super::meetings::settle_status(&mut ctx, &mut meetings, &declared, as_of);
    let commendations = raw
        .table(SheetKind::Commendations)
        .map(|t| {
            let roll = super::commendations::Roll {
                people: &people,
                names: &names,
            };
            super::commendations::build(&mut ctx, t, &roll, as_of)
        })
        .unwrap_or_default();
    let cell = Cell {
        file: raw.display.clone(),
        info,
        people,
        meetings,
        attendance_source,
        commendations,
    };
    super::meetings::check_votes(
        &mut ctx.diags,
        &cell,
        raw.table(SheetKind::Meetings),
        &config.diem_danh,
    );
    (cell, ctx.diags)
}

/// The `Thông tin` sheet, with the committee's defaults for the superior and the place.
fn build_info(ctx: &mut Ctx<'_>, raw: &RawWorkbook, config: &Config) -> CellInfo {
    let Some(sheet) = &raw.info else {
        // The reader reports a missing required sheet; fill what the config knows.
        return CellInfo {
            name: file_stem(&raw.display),
            superior: config.dang_uy.ten.clone(),
            place: config.dang_uy.dia_danh.clone(),
            ..CellInfo::default()
        };
    };
    let (mut info, name_row) = info_entries(sheet);
    let at = |row: Option<u32>| {
        let mut loc = Location::file(ctx.file).sheet(sheet.sheet.clone());
        loc.row = row;
        loc
    };
    if info.name.is_empty() {
        ctx.diags.push(
            Diagnostic::error(
                "info.missing",
                at(name_row),
                t!("thiếu tên chi bộ (nhãn «Tên chi bộ»)" ; "the cell's name is missing (label «Tên chi bộ»)"),
            )
            .with_hint(t!("ghi «Tên chi bộ» ở cột đầu và tên, ví dụ «Chi bộ 2», ở ô bên phải" ;
                          "write «Tên chi bộ» in the first column and the name, e.g. «Chi bộ 2», in the cell to its right")),
        );
        info.name = file_stem(&raw.display);
    }
    if info.symbol.is_empty() {
        ctx.diags.push(
            Diagnostic::warning(
                "info.missing",
                at(None),
                t!("thiếu ký hiệu của chi bộ (nhãn «Ký hiệu»): số văn bản sẽ để trống phần ký hiệu" ;
                   "the cell's symbol is missing (label «Ký hiệu»): document numbers will have a blank symbol"),
            )
            .with_hint(t!("ví dụ «CB2» cho Chi bộ 2" ; "for example «CB2» for Chi bộ 2")),
        );
    }
    committee_defaults(ctx, &mut info, config, at(None));
    info
}

/// The values of the `Thông tin` sheet (the first of each label wins), and the row of the
/// cell's name.
fn info_entries(sheet: &InfoSheet) -> (CellInfo, Option<u32>) {
    let mut info = CellInfo::default();
    let mut name_row = None;
    for entry in &sheet.entries {
        let value = entry.value.as_ref().and_then(|c| values::text_of(&c.value));
        let slot = match entry.label {
            InfoLabel::Name => {
                name_row = Some(entry.row);
                &mut info.name
            }
            InfoLabel::Symbol => &mut info.symbol,
            InfoLabel::Superior => &mut info.superior,
            InfoLabel::Place => &mut info.place,
            InfoLabel::Secretary => {
                info.secretary = info.secretary.take().or(value);
                continue;
            }
            InfoLabel::Deputy => {
                info.deputy = info.deputy.take().or(value);
                continue;
            }
            InfoLabel::Term => {
                info.term = info.term.take().or(value);
                continue;
            }
        };
        if slot.is_empty() {
            *slot = value.unwrap_or_default();
        }
    }
    (info, name_row)
}

/// The superior and the place a workbook leaves out come from `[dang_uy]`; warns when neither
/// gives one. `at` is the `Thông tin` sheet.
fn committee_defaults(ctx: &mut Ctx<'_>, info: &mut CellInfo, config: &Config, at: Location) {
    if info.superior.is_empty() {
        info.superior.clone_from(&config.dang_uy.ten);
    }
    if info.superior.is_empty() {
        ctx.diags.push(
            Diagnostic::warning(
                "info.missing",
                at.clone(),
                t!("không có tên đảng bộ cấp trên (nhãn «Đảng bộ cấp trên», hoặc `ten` trong mục [dang_uy] của chibo.toml)" ;
                   "no superior organisation (label «Đảng bộ cấp trên», or `ten` in [dang_uy] of chibo.toml)"),
            ),
        );
    }
    if info.place.is_empty() {
        info.place.clone_from(&config.dang_uy.dia_danh);
    }
    if info.place.is_empty() {
        ctx.diags.push(
            Diagnostic::warning(
                "info.missing",
                at.clone(),
                t!("không có địa danh (nhãn «Địa danh», hoặc `dia_danh` trong mục [dang_uy] của chibo.toml)" ;
                   "no place name (label «Địa danh», or `dia_danh` in [dang_uy] of chibo.toml)"),
            ),
        );
    }
}

/// `cb2` for `to-1/cb2.xlsx`: the name of a cell whose workbook gives none.
fn file_stem(display: &str) -> String {
    let base = display.rsplit('/').next().unwrap_or(display);
    base.rsplit_once('.')
        .map_or(base, |(stem, _)| stem)
        .to_string()
}

/// The diagnostics being gathered for one file.
pub(super) struct Ctx<'a> {
    pub(super) file: &'a str,
    pub(super) diags: Vec<Diagnostic>,
}

/// One data row of a table, with the table it belongs to.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) table: &'a Table,
    pub(super) raw: &'a RawRow,
}

impl<'a> Row<'a> {
    pub(super) fn new(table: &'a Table, raw: &'a RawRow) -> Self {
        Self { table, raw }
    }

    /// Absolute row.
    pub(super) fn row(&self) -> u32 {
        self.raw.row
    }

    pub(super) fn column(&self, col: Col) -> Option<&'a Column> {
        self.table.column(col)
    }

    /// The non-empty cell of `col`, with its column.
    pub(super) fn cell(&self, col: Col) -> Option<(&'a Column, &'a RawCell)> {
        let column = self.table.column(col)?;
        let cell = self.raw.get(column.col)?;
        if matches!(&cell.value, Value::Text(s) if s.trim().is_empty()) {
            return None;
        }
        Some((column, cell))
    }

    /// Any non-empty cell other than the `STT` column.
    pub(super) fn has_data(&self) -> bool {
        let stt = self.table.column(Col::Stt).map(|c| c.col);
        self.raw
            .cells
            .iter()
            .any(|c| Some(c.col) != stt && values::text_of(&c.value).is_some())
    }

    /// Where `col` of this row is: its cell when the column exists, else the row.
    pub(super) fn loc(&self, file: &str, col: Col) -> Location {
        let loc = Location::file(file).sheet(self.table.sheet.clone());
        match self.table.column(col) {
            Some(c) => loc.cell(self.raw.row, c.col).column(c.header.clone()),
            None => loc.row(self.raw.row),
        }
    }

    /// Where `column` of this row is.
    pub(super) fn loc_at(&self, file: &str, column: &Column) -> Location {
        Location::file(file)
            .sheet(self.table.sheet.clone())
            .cell(self.raw.row, column.col)
            .column(column.header.clone())
    }
}

impl Ctx<'_> {
    /// A single-line text.
    pub(super) fn text(&self, row: Row<'_>, col: Col) -> Option<String> {
        row.cell(col).and_then(|(_, c)| values::text_of(&c.value))
    }

    /// A long text (line breaks kept).
    pub(super) fn long_text(&self, row: Row<'_>, col: Col) -> Option<String> {
        row.cell(col)
            .and_then(|(_, c)| values::long_text_of(&c.value))
    }

    /// A date; a value that is not one is an error (`date.invalid`).
    pub(super) fn date(&mut self, row: Row<'_>, col: Col) -> Option<NaiveDate> {
        let (column, cell) = row.cell(col)?;
        let d = values::date_of(&cell.value);
        if d.is_none() {
            self.diags
                .push(invalid_date(row.loc_at(self.file, column), &cell.value));
        }
        d
    }

    /// A time of day; a value that is not one is an error (`time.invalid`).
    pub(super) fn time(&mut self, row: Row<'_>, col: Col) -> Option<chrono::NaiveTime> {
        let (column, cell) = row.cell(col)?;
        let t = values::time_of(&cell.value);
        if t.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "time.invalid",
                    row.loc_at(self.file, column),
                    t!("giờ không hợp lệ" ; "invalid time"),
                )
                .with_value(cell.value.display())
                .with_hint(t!("ghi giờ như 14:00, 14h00 hoặc 14 giờ" ; "write the time as 14:00, 14h00 or 14 giờ")),
            );
        }
        t
    }

    /// A count; anything but a whole number ≥ 0 is an error (`count.invalid`).
    pub(super) fn count(&mut self, row: Row<'_>, col: Col) -> Option<u32> {
        let (column, cell) = row.cell(col)?;
        match values::count_of(&cell.value) {
            Ok(n) => Some(n),
            Err(e) => {
                let msg = match e {
                    CountError::Negative => {
                        t!("số lượng không được âm" ; "a count cannot be negative")
                    }
                    CountError::Fraction => {
                        t!("số lượng phải là số nguyên" ; "a count must be a whole number")
                    }
                    CountError::NotANumber => {
                        t!("không đọc được số lượng" ; "the count cannot be read")
                    }
                };
                self.diags.push(
                    Diagnostic::error("count.invalid", row.loc_at(self.file, column), msg)
                        .with_value(cell.value.display())
                        .with_hint(t!("ghi một số nguyên, ví dụ 21 hoặc 06" ; "write a whole number, e.g. 21 or 06")),
                );
                None
            }
        }
    }
}

/// `date.invalid` at `loc`.
pub(super) fn invalid_date(loc: Location, value: &Value) -> Diagnostic {
    Diagnostic::error(
        "date.invalid",
        loc,
        t!("ngày không hợp lệ" ; "invalid date"),
    )
    .with_value(value.display())
    .with_hint(date_hint())
}

pub(super) fn date_hint() -> Text {
    t!("ghi ngày theo dạng ngày/tháng/năm, ví dụ 14/02/2023" ;
       "write the date day/month/year, e.g. 14/02/2023")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(file_stem("to-1/cb2.xlsx"), "cb2");
        assert_eq!(file_stem("cb"), "cb");
    }
}
