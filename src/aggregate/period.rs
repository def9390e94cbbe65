//! Reporting periods: a month, a quarter or a year, and what is "due" in them.
//!
//! Parsing is hand-written: the forms are Vietnamese office habits (`tháng 3/2023`,
//! `quý I năm 2023`, `T3/2023`) that no date crate knows. The text is folded first
//! ([`crate::text::fold`]), so case, diacritics and separators do not matter.

use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use crate::diagnostic::Text;
use crate::t;
use crate::text::fold;

/// The kind of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

/// A month, a quarter or a year, with its first and last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    /// 1..=12 for a month, 1..=4 for a quarter, 0 for a year.
    pub number: u32,
    /// The first day.
    pub first: NaiveDate,
    /// The last day (inclusive).
    pub last: NaiveDate,
}

/// Roman numerals of the quarters, as Vietnamese documents write them (`quý III`).
#[must_use]
pub fn roman(quarter: u32) -> &'static str {
    match quarter {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => "",
    }
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Years a period may name: anything else is a typing mistake (`203`, `20233`).
const YEARS: std::ops::RangeInclusive<i32> = 1930..=2200;

impl Period {
    /// The month `month` (1..=12) of `year`.
    #[must_use]
    pub fn month(year: i32, month: u32) -> Option<Period> {
        if !YEARS.contains(&year) {
            return None;
        }
        Some(Period {
            kind: PeriodKind::Month,
            year,
            number: month,
            first: NaiveDate::from_ymd_opt(year, month, 1)?,
            last: month_end(year, month)?,
        })
    }

    /// The quarter `quarter` (1..=4) of `year`.
    #[must_use]
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) || !YEARS.contains(&year) {
            return None;
        }
        Some(Period {
            kind: PeriodKind::Quarter,
            year,
            number: quarter,
            first: NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?,
            last: month_end(year, quarter * 3)?,
        })
    }

    /// The calendar year.
    #[must_use]
    pub fn year(year: i32) -> Option<Period> {
        if !YEARS.contains(&year) {
            return None;
        }
        Some(Period {
            kind: PeriodKind::Year,
            year,
            number: 0,
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The month that contains `d`.
    #[must_use]
    pub fn month_of(d: NaiveDate) -> Option<Period> {
        Period::month(d.year(), d.month())
    }

    /// The quarter that contains `d`.
    #[must_use]
    pub fn quarter_of(d: NaiveDate) -> Option<Period> {
        Period::quarter(d.year(), (d.month() - 1) / 3 + 1)
    }

    /// Parses a period as offices write it:
    /// a month (`2023-03`, `03/2023`, `3/2023`, `tháng 3/2023`, `T3/2023`,
    /// `tháng 03 năm 2023`), a quarter (`2023-Q1`, `Q1/2023`, `quý I/2023`, `quý 1/2023`,
    /// `quý I năm 2023`) or a year (`2023`, `năm 2023`).
    ///
    /// # Errors
    /// The text is none of these; the message quotes it and shows the accepted forms.
    pub fn parse(s: &str) -> Result<Period, Text> {
        parse_folded(&fold(s)).ok_or_else(|| {
            t!("kỳ báo cáo không hợp lệ: `{s}`; ghi tháng (2023-03, 03/2023, tháng 3/2023), quý (2023-Q1, Q1/2023, quý I/2023) hoặc năm (2023)" ;
               "invalid period: `{s}`; write a month (2023-03, 03/2023, tháng 3/2023), a quarter (2023-Q1, Q1/2023, quý I/2023) or a year (2023)")
        })
    }

    /// The code used in folder and file names: `2023-03`, `2023-Q1`, `2023`.
    #[must_use]
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}-{:02}", self.year, self.number),
            PeriodKind::Quarter => format!("{}-Q{}", self.year, self.number),
            PeriodKind::Year => format!("{}", self.year),
        }
    }

    /// The Vietnamese label: `tháng 3 năm 2023`, `quý I năm 2023`, `năm 2023`.
    #[must_use]
    pub fn label_vi(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("tháng {} năm {}", self.number, self.year),
            PeriodKind::Quarter => format!("quý {} năm {}", roman(self.number), self.year),
            PeriodKind::Year => format!("năm {}", self.year),
        }
    }

    /// The English label: `March 2023`, `Q1 2023`, `2023`.
    #[must_use]
    pub fn label_en(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self.kind {
            PeriodKind::Month => {
                let idx = usize::try_from(self.number.saturating_sub(1)).unwrap_or(0);
                format!(
                    "{} {}",
                    MONTHS.get(idx).copied().unwrap_or_default(),
                    self.year
                )
            }
            PeriodKind::Quarter => format!("Q{} {}", self.number, self.year),
            PeriodKind::Year => format!("{}", self.year),
        }
    }

    /// Both labels.
    #[must_use]
    pub fn label(&self) -> Text {
        Text::new(self.label_vi(), self.label_en())
    }

    /// Whether `d` falls in the period.
    #[must_use]
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }

    /// The months the period covers, in order.
    #[must_use]
    pub fn months(&self) -> Vec<Period> {
        let (from, to) = (self.first.month(), self.last.month());
        (from..=to)
            .filter_map(|m| Period::month(self.year, m))
            .collect()
    }

    /// The quarters the period covers (a month lies in one quarter), in order.
    #[must_use]
    pub fn quarters(&self) -> Vec<Period> {
        let (from, to) = (
            (self.first.month() - 1) / 3 + 1,
            (self.last.month() - 1) / 3 + 1,
        );
        (from..=to)
            .filter_map(|q| Period::quarter(self.year, q))
            .collect()
    }

    /// Whether the period is due by `as_of`: `as_of` is its last day or later. Offices run the
    /// quarter's documents on its last day as often as after it, and a run dated 31/3 must count
    /// March and quarter I as due (a meeting held that day is already in the data).
    #[must_use]
    pub fn ended_by(&self, as_of: NaiveDate) -> bool {
        self.last <= as_of
    }

    /// The months that are due a regular meeting: the period's months that have ended by
    /// `as_of`. A month in progress is not yet missing its meeting.
    #[must_use]
    pub fn due_months(&self, as_of: NaiveDate) -> Vec<Period> {
        self.months()
            .into_iter()
            .filter(|m| m.ended_by(as_of))
            .collect()
    }

    /// The quarters that are due a thematic meeting: the quarters the period covers that have
    /// ended by `as_of`. For a month period this is the month's quarter, when it has ended.
    #[must_use]
    pub fn due_quarters(&self, as_of: NaiveDate) -> Vec<Period> {
        self.quarters()
            .into_iter()
            .filter(|q| q.ended_by(as_of))
            .collect()
    }

    /// The period from the first day of its calendar year to its last day: the window in which
    /// the yearly attendance rules (consecutive excused, unexcused per year) are counted.
    #[must_use]
    pub fn year_to_date(&self) -> (NaiveDate, NaiveDate) {
        let first = NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(self.first);
        (first, self.last)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

/// A kind marker of the period text.
fn marker(word: &str) -> Option<PeriodKind> {
    match word {
        "thang" | "t" => Some(PeriodKind::Month),
        "quy" | "q" => Some(PeriodKind::Quarter),
        "nam" => Some(PeriodKind::Year),
        _ => None,
    }
}

fn roman_value(word: &str) -> Option<u32> {
    match word {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => None,
    }
}

/// Parses folded text (`quy i 2023`, `2023 q1`, `t3 2023`).
fn parse_folded(f: &str) -> Option<Period> {
    let mut kind: Option<PeriodKind> = None;
    // Numbers with their digit count, and roman numerals.
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let mut romans: Vec<u32> = Vec::new();
    for word in f.split(' ').filter(|w| !w.is_empty()) {
        // `q1`, `t3`: a marker glued to its number.
        let (head, tail) = match word.find(|c: char| c.is_ascii_digit()) {
            Some(i) if i > 0 => word.split_at(i),
            _ => (word, ""),
        };
        if let Some(k) = marker(head) {
            // `năm` only names the year; it never overrides a month or quarter marker.
            if k != PeriodKind::Year {
                if kind.is_some_and(|prev| prev != k) {
                    return None;
                }
                kind = Some(k);
            }
            if tail.is_empty() {
                continue;
            }
        }
        let digits = if tail.is_empty() { head } else { tail };
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            numbers.push((digits.parse().ok()?, digits.len()));
        } else if let Some(r) = roman_value(digits) {
            romans.push(r);
        } else {
            return None;
        }
    }
    let year_pos = numbers.iter().position(|&(_, len)| len == 4)?;
    let year = i32::try_from(numbers.get(year_pos)?.0).ok()?;
    let rest: Vec<u32> = numbers
        .iter()
        .enumerate()
        .filter(|&(i, &(_, len))| i != year_pos && len <= 2)
        .map(|(_, &(n, _))| n)
        .collect();
    if numbers.len() != rest.len() + 1 {
        return None;
    }
    match (kind, rest.as_slice(), romans.as_slice()) {
        (None, [], []) => Period::year(year),
        (None | Some(PeriodKind::Month), [m], []) => Period::month(year, *m),
        (Some(PeriodKind::Quarter), [q], []) | (Some(PeriodKind::Quarter), [], [q]) => {
            Period::quarter(year, *q)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(5), "");
    }
}
