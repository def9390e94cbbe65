//! A sheet as the reader sees it: its non-empty cells only (sparse), at absolute positions, plus
//! the merged regions when the format tells them.

use calamine::{Data, DataType as _, Dimensions};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike as _};

use super::{RawCell, Value};
use crate::text::{CELL_TEXT_LIMIT, Sanitized, clean_multiline, sanitize};

/// The non-empty cells of one sheet, row by row.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// Sorted by row; each row's cells sorted by column; no empty row.
    pub(crate) rows: Vec<GridRow>,
    /// Merged regions (absolute, inclusive), or `None` when the format gives none (ods, xlsb).
    pub(crate) merges: Option<Vec<Dimensions>>,
    /// Formula cells that have no cached value (absolute row, col).
    pub(crate) uncached_formulas: Vec<(u32, u32)>,
    /// Cells whose text was changed as it was read (absolute row, col): forbidden characters
    /// removed or text cut to Excel's limit ([`crate::text::sanitize`]).
    pub(crate) sanitized: Vec<(u32, u32, Sanitized)>,
}

#[derive(Debug)]
pub(crate) struct GridRow {
    pub(crate) row: u32,
    pub(crate) cells: Vec<RawCell>,
}

impl Grid {
    /// Builds a grid from cells in any order. Later duplicates of a position are dropped.
    pub(crate) fn from_cells(mut cells: Vec<RawCell>) -> Self {
        cells.sort_by_key(|c| (c.row, c.col));
        cells.dedup_by_key(|c| (c.row, c.col));
        let mut rows: Vec<GridRow> = Vec::new();
        for cell in cells {
            match rows.last_mut() {
                Some(last) if last.row == cell.row => last.cells.push(cell),
                _ => rows.push(GridRow {
                    row: cell.row,
                    cells: vec![cell],
                }),
            }
        }
        Self {
            rows,
            merges: None,
            uncached_formulas: Vec::new(),
            sanitized: Vec::new(),
        }
    }

    /// The cells of absolute row `row` (empty when the row is blank).
    pub(crate) fn row(&self, row: u32) -> &[RawCell] {
        match self.rows.binary_search_by_key(&row, |r| r.row) {
            Ok(i) => self.rows.get(i).map_or(&[], |r| r.cells.as_slice()),
            Err(_) => &[],
        }
    }

    /// The value at an absolute position, if the cell is not empty.
    pub(crate) fn get(&self, row: u32, col: u32) -> Option<&Value> {
        let cells = self.row(row);
        cells
            .binary_search_by_key(&col, |c| c.col)
            .ok()
            .and_then(|i| cells.get(i))
            .map(|c| &c.value)
    }

    /// The merged region covering a position, if any.
    pub(crate) fn merge_at(&self, row: u32, col: u32) -> Option<&Dimensions> {
        self.merges
            .as_ref()?
            .iter()
            .find(|d| d.start.0 <= row && row <= d.end.0 && d.start.1 <= col && col <= d.end.1)
    }

    /// Whether the sheet carries merge information at all.
    pub(crate) fn has_merges(&self) -> bool {
        self.merges.as_ref().is_some_and(|m| !m.is_empty())
    }
}

/// A calamine value as a [`Value`]; `None` for an empty cell (or text that is only spaces).
#[cfg(test)]
pub(crate) fn convert(data: &Data) -> Option<Value> {
    convert_sanitized(data).0
}

/// [`convert`], and what was removed or cut from its text: characters not allowed in the
/// documents and text past Excel's 32,767-character limit are dropped here, at read time, so
/// that the reader can say at which cell.
pub(crate) fn convert_sanitized(data: &Data) -> (Option<Value>, Sanitized) {
    if let Data::String(s) = data {
        let (s, what) = sanitize(s, CELL_TEXT_LIMIT);
        let s = clean_multiline(&s);
        return ((!s.is_empty()).then_some(Value::Text(s)), what);
    }
    (convert_plain(data), Sanitized::default())
}

fn convert_plain(data: &Data) -> Option<Value> {
    match data {
        Data::Empty => None,
        Data::Int(i) =>
        {
            #[expect(
                clippy::cast_precision_loss,
                reason = "cell integers are far below 2^52"
            )]
            Some(Value::Number(*i as f64))
        }
        Data::Float(f) => Some(Value::Number(*f)),
        Data::String(_) => None,
        Data::Bool(b) => Some(Value::Bool(*b)),
        Data::Error(e) => Some(Value::Error(e.to_string())),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                let secs = dt.as_duration().map_or(0, |d| d.num_seconds());
                return Some(Value::Time(u32::try_from(secs.max(0)).unwrap_or(u32::MAX)));
            }
            let serial = dt.as_f64();
            if (0.0..1.0).contains(&serial) {
                // Time-only cell: its "date" would be 1899-12-31, meaningless (crates.md pitfall 3).
                return data.as_time().map(|t| Value::Time(rounded_seconds(t)));
            }
            match dt.as_datetime() {
                Some(d) => Some(Value::DateTime(round_to_second(d))),
                None => Some(Value::Number(serial)),
            }
        }
        Data::DateTimeIso(s) => Some(iso_datetime(s).unwrap_or_else(|| Value::Text(odd_text(s)))),
        Data::DurationIso(s) => Some(
            iso_duration(s)
                .map(Value::Time)
                .unwrap_or_else(|| Value::Text(odd_text(s))),
        ),
    }
}

/// An ods date or duration that is not one, kept as text (cleaned; the model reports it).
fn odd_text(s: &str) -> String {
    clean_multiline(&sanitize(s, CELL_TEXT_LIMIT).0)
}

/// Seconds since midnight, rounded to the nearest second (a serial's float error can give
/// `08:14:59.999`).
fn rounded_seconds(t: NaiveTime) -> u32 {
    let secs = t.num_seconds_from_midnight();
    if t.nanosecond() >= 500_000_000 {
        secs + 1
    } else {
        secs
    }
}

fn round_to_second(d: NaiveDateTime) -> NaiveDateTime {
    let secs = rounded_seconds(d.time());
    let date = d.date();
    if secs >= 86_400 {
        date.succ_opt()
            .map_or(d, |next| next.and_time(NaiveTime::MIN))
    } else {
        NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).map_or(d, |t| date.and_time(t))
    }
}

/// ods dates: `2023-02-14`, `2023-02-14T13:30:00`; a bare time gives [`Value::Time`].
fn iso_datetime(s: &str) -> Option<Value> {
    if let Ok(d) = s.parse::<NaiveDateTime>() {
        return Some(Value::DateTime(round_to_second(d)));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Value::DateTime(d.and_time(NaiveTime::MIN)));
    }
    s.parse::<NaiveTime>()
        .ok()
        .map(|t| Value::Time(rounded_seconds(t)))
}

/// ods durations: `PT08H15M00S`, `PT25H00M00S`, `P1DT02H00M00S`, fractional seconds allowed.
/// Hand-written: chrono has no ISO-8601 duration parser, and calamine's `as_time` rejects hours
/// above 23 (a `[h]:mm` cell).
fn iso_duration(s: &str) -> Option<u32> {
    let rest = s.trim().strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = 0.0_f64;
    if !days.is_empty() {
        total += days.strip_suffix('D')?.parse::<f64>().ok()? * 86_400.0;
    }
    let mut num = String::new();
    for c in time.chars() {
        match c {
            '0'..='9' | '.' | ',' => num.push(if c == ',' { '.' } else { c }),
            'H' | 'M' | 'S' => {
                let n: f64 = num.parse().ok()?;
                num.clear();
                total += n * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
            }
            _ => return None,
        }
    }
    if !num.is_empty() || !total.is_finite() || total < 0.0 {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked finite and non-negative; clamped"
    )]
    Some(total.round().min(f64::from(u32::MAX)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(iso_duration("PT08H15M00S"), Some(8 * 3600 + 15 * 60));
        assert_eq!(iso_duration("PT25H00M00S"), Some(25 * 3600));
        assert_eq!(iso_duration("P1DT02H00M00.4S"), Some(26 * 3600));
        assert_eq!(iso_duration("PT"), Some(0));
        assert_eq!(iso_duration("8:15"), None);
        assert_eq!(iso_duration("PT8X"), None);
    }

    #[test]
    fn iso_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            iso_datetime("1980-03-05"),
            Some(Value::DateTime(d(1980, 3, 5).and_time(NaiveTime::MIN)))
        );
        assert_eq!(
            iso_datetime("2023-02-14T13:30:00"),
            Some(Value::DateTime(
                d(2023, 2, 14).and_hms_opt(13, 30, 0).unwrap()
            ))
        );
        assert_eq!(iso_datetime("nope"), None);
    }

    #[test]
    fn converts_values() {
        assert_eq!(convert(&Data::Int(3)), Some(Value::Number(3.0)));
        assert_eq!(convert(&Data::String(" \u{a0} ".into())), None);
        assert_eq!(
            convert(&Data::String("Ð\u{a0}c  A".into())),
            Some(Value::Text("Đ c A".into()))
        );
        assert_eq!(
            convert(&Data::Error(calamine::CellErrorType::Ref)),
            Some(Value::Error("#REF!".into()))
        );
    }
}
