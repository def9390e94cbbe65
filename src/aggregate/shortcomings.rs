//! Shortcomings (`Hạn chế`): the breaches of the meeting rules a report states, with the
//! figures it states them with, computed once over any period (a quarter for the cell's
//! quarterly report, a year for its annual report, the run's period for the committee's).
//!
//! A shortcoming is the other face of a flag of severity [`Severity::Error`]: each is made where
//! its flag is made ([`super::flags`]) and travels on it, so the report and the consolidated
//! workbook's `Cảnh báo` sheet state the same facts with the same figures. Data warnings (counts
//! that disagree, missing marks …) are not shortcomings of the cell's meetings and are left out.
//! Wording is the views' job; this module only collects and orders.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use super::Rules;
use super::flags::{Flag, FlagKind, cell_flags};
use super::period::Period;
use crate::diagnostic::Severity;
use crate::model::Cell;
use crate::text::collate_numeric;

/// One breach of the meeting rules, with its figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "loai", rename_all = "snake_case")]
pub enum Shortcoming {
    /// A due month without a held regular meeting.
    MissingRegular { month: Period },
    /// A due quarter without a held thematic meeting.
    MissingThematic { quarter: Period },
    /// A meeting shorter than the minimum (`combined`: a combined regular and thematic session,
    /// held to its own minimum).
    ShortMeeting {
        date: NaiveDate,
        minutes: u32,
        minimum: u32,
        combined: bool,
    },
    /// Attendance at or under the threshold: `present` of `eligible` (a `rate` of 0.7), the
    /// threshold in percent (a meeting must be above it).
    LowAttendance {
        date: NaiveDate,
        present: u32,
        eligible: u32,
        rate: f64,
        threshold: f64,
    },
    /// Absences without reason at one meeting: how many, and who when the marks say
    /// (in the order of the rolls; empty for a counts-only cell).
    UnexcusedAbsence {
        date: NaiveDate,
        count: u32,
        people: Vec<String>,
    },
    /// A member absent with reason `times` times in a row in `year`, more than `limit`.
    ConsecutiveExcused {
        person: String,
        times: u32,
        limit: u32,
        year: i32,
    },
    /// A member absent without reason `count` times in `year`, the limit being `limit`.
    UnexcusedYear {
        person: String,
        count: u32,
        limit: u32,
        year: i32,
    },
}

impl Shortcoming {
    /// The kind of the flag it comes from.
    #[must_use]
    pub fn kind(&self) -> FlagKind {
        match self {
            Shortcoming::MissingRegular { .. } => FlagKind::MissingRegular,
            Shortcoming::MissingThematic { .. } => FlagKind::MissingThematic,
            Shortcoming::ShortMeeting { .. } => FlagKind::ShortMeeting,
            Shortcoming::LowAttendance { .. } => FlagKind::LowAttendance,
            Shortcoming::UnexcusedAbsence { .. } => FlagKind::UnexcusedAbsence,
            Shortcoming::ConsecutiveExcused { .. } => FlagKind::ConsecutiveExcused,
            Shortcoming::UnexcusedYear { .. } => FlagKind::UnexcusedYear,
        }
    }

    /// The meeting's date, for the shortcomings about one meeting.
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Shortcoming::ShortMeeting { date, .. }
            | Shortcoming::LowAttendance { date, .. }
            | Shortcoming::UnexcusedAbsence { date, .. } => Some(*date),
            _ => None,
        }
    }

    /// Where it sits in the report: the month's and the meetings' in time order (a quarter
    /// once it is over), then the members' yearly absences.
    fn order_key(&self) -> (u8, Option<NaiveDate>, FlagKind) {
        let when = match self {
            Shortcoming::MissingRegular { month } => Some(month.first),
            Shortcoming::MissingThematic { quarter } => Some(quarter.last),
            other => other.date(),
        };
        (u8::from(when.is_none()), when, self.kind())
    }
}

/// The kinds a shortcoming can be, in the order the committee's report lists them.
pub const SHORTCOMING_KINDS: [FlagKind; 7] = [
    FlagKind::MissingRegular,
    FlagKind::MissingThematic,
    FlagKind::ShortMeeting,
    FlagKind::LowAttendance,
    FlagKind::UnexcusedAbsence,
    FlagKind::ConsecutiveExcused,
    FlagKind::UnexcusedYear,
];

/// The shortcomings among `flags` (those of one cell), in report order: one per breach, the
/// absences without reason of one meeting together as one.
#[must_use]
pub fn shortcomings(flags: &[Flag]) -> Vec<Shortcoming> {
    let mut out: Vec<Shortcoming> = Vec::new();
    for s in flags
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.shortcoming.as_ref())
    {
        if let Shortcoming::UnexcusedAbsence {
            date,
            count,
            people,
        } = s
        {
            let same = out.iter_mut().find_map(|o| match o {
                Shortcoming::UnexcusedAbsence {
                    date: d,
                    count: c,
                    people: p,
                } if d == date => Some((c, p)),
                _ => None,
            });
            if let Some((c, p)) = same {
                *c = c.saturating_add(*count);
                p.extend(people.iter().cloned());
                continue;
            }
        }
        out.push(s.clone());
    }
    out.sort_by_key(Shortcoming::order_key);
    out
}

/// The shortcomings of `cell` in `period`, counted to `as_of`: those of [`cell_flags`].
#[must_use]
pub fn cell_shortcomings(
    cell: &Cell,
    period: &Period,
    as_of: NaiveDate,
    rules: &Rules,
) -> Vec<Shortcoming> {
    shortcomings(&cell_flags(cell, period, as_of, rules))
}

/// The cells concerned by one kind of shortcoming, as the committee's report names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellsConcerned {
    pub kind: FlagKind,
    /// The cells' names, each once, in Vietnamese alphabetical order (ICU `vi` collation).
    pub cells: Vec<String>,
}

/// For each kind of shortcoming found among `flags` (the flags of many cells), in the order of
/// [`SHORTCOMING_KINDS`], the cells concerned. Kinds no cell has are left out.
#[must_use]
pub fn cells_concerned(flags: &[Flag]) -> Vec<CellsConcerned> {
    SHORTCOMING_KINDS
        .iter()
        .filter_map(|&kind| {
            let mut cells: Vec<String> = flags
                .iter()
                .filter(|f| f.severity == Severity::Error && f.kind == kind)
                .filter(|f| f.shortcoming.is_some())
                .map(|f| f.cell.clone())
                .collect();
            cells.sort_by(|a, b| by_cell_name(a, b));
            cells.dedup();
            (!cells.is_empty()).then_some(CellsConcerned { kind, cells })
        })
        .collect()
}

/// Vietnamese alphabetical order, numbers in cell names by their value (`Chi bộ 3` before
/// `Chi bộ 10`), ties broken by the bytes so that the order never depends on the input's.
fn by_cell_name(a: &str, b: &str) -> Ordering {
    collate_numeric(a, b).then_with(|| a.cmp(b))
}
