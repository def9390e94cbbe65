//! Reading a workbook back with calamine into plain values that compare equal across formats
//! (xlsx `Float` vs xls `Int`, xlsx `DateTime` vs ods `DateTimeIso`, times vs `DurationIso`),
//! for the tests.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto, open_workbook_auto_from_rs};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike as _};

use super::BoxResult;

/// A cell value, format-independent.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Empty,
    Num(f64),
    Str(String),
    Date(NaiveDateTime),
    /// Seconds since midnight.
    Time(u32),
    Bool(bool),
    Err(String),
}

impl V {
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            V::Date(d) => Some(d.date()),
            _ => None,
        }
    }

    #[must_use]
    pub fn num(&self) -> Option<f64> {
        match self {
            V::Num(n) => Some(*n),
            _ => None,
        }
    }
}

fn iso_duration(s: &str) -> Option<u32> {
    // PT14H00M00S
    let s = s.strip_prefix("PT")?;
    let (h, rest) = s.split_once('H')?;
    let (m, rest) = rest.split_once('M')?;
    let sec = rest.trim_end_matches('S');
    let sec: f64 = if sec.is_empty() {
        0.0
    } else {
        sec.parse().ok()?
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let sec = sec.round() as u32;
    Some(h.parse::<u32>().ok()? * 3600 + m.parse::<u32>().ok()? * 60 + sec)
}

#[must_use]
pub fn norm(d: &Data) -> V {
    match d {
        Data::Empty => V::Empty,
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => V::Num(*i as f64),
        Data::Float(f) => V::Num(*f),
        Data::String(s) => V::Str(s.clone()),
        Data::Bool(b) => V::Bool(*b),
        Data::Error(e) => V::Err(format!("{e:?}")),
        Data::DateTime(e) => {
            let f = e.as_f64();
            if e.is_duration() || f < 1.0 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let secs = (f.fract() * 86_400.0).round() as u32;
                V::Time(secs)
            } else {
                e.as_datetime().map_or(V::Num(f), V::Date)
            }
        }
        Data::DateTimeIso(s) => {
            if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                V::Date(d.and_time(NaiveTime::MIN))
            } else if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
                V::Date(dt)
            } else if let Ok(t) = NaiveTime::parse_from_str(s, "%H:%M:%S") {
                V::Time(t.num_seconds_from_midnight())
            } else {
                V::Str(s.clone())
            }
        }
        Data::DurationIso(s) => iso_duration(s).map_or_else(|| V::Str(s.clone()), V::Time),
    }
}

/// One sheet as an absolute grid from A1, trailing empty cells and rows removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<V>>,
}

impl Sheet {
    #[must_use]
    pub fn get(&self, r: usize, c: usize) -> &V {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&V::Empty)
    }

    /// The column whose header (in row `header_row`) is `name`.
    #[must_use]
    pub fn col(&self, header_row: usize, name: &str) -> Option<usize> {
        self.rows
            .get(header_row)?
            .iter()
            .position(|v| v.text() == Some(name))
    }
}

fn sheets<RS: Read + Seek>(mut wb: Sheets<RS>) -> BoxResult<Vec<Sheet>> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<V>> = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let r = usize::try_from(r0)? + i;
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            let mut vals = vec![V::Empty; usize::try_from(c0)?];
            vals.extend(row.iter().map(norm));
            while vals.last() == Some(&V::Empty) {
                vals.pop();
            }
            rows[r] = vals;
        }
        while rows.last().is_some_and(Vec::is_empty) {
            rows.pop();
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

pub fn read_path(path: &Path) -> BoxResult<Vec<Sheet>> {
    sheets(open_workbook_auto(path)?)
}

pub fn read_bytes(bytes: &[u8]) -> BoxResult<Vec<Sheet>> {
    sheets(open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))?)
}
