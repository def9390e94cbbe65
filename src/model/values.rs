//! Reading one cell's value as a date, a time, a count, a score or a list, the ways offices
//! type them. These functions only parse; the callers turn a failure into a diagnostic with
//! the cell's location.

use chrono::{Datelike as _, NaiveDate, NaiveTime, Timelike as _};

use crate::dates::{
    from_excel_serial, parse_text_date, parse_text_time, parse_year, plausible_serial,
};
use crate::text::{clean, fold};
use crate::workbook::Value;

use super::Birth;

/// A single-line text, cleaned; `None` when empty.
pub(crate) fn text_of(v: &Value) -> Option<String> {
    let s = clean(&v.display());
    (!s.is_empty()).then_some(s)
}

/// A long text: line breaks kept, each line cleaned; `None` when empty.
pub(crate) fn long_text_of(v: &Value) -> Option<String> {
    let s = crate::text::clean_multiline(&v.display());
    (!s.is_empty()).then_some(s)
}

/// A date: an Excel date, a plausible serial in a General cell, or day-first text.
pub(crate) fn date_of(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::DateTime(dt) => Some(dt.date()),
        Value::Number(n) if plausible_serial(*n) => from_excel_serial(*n).map(|dt| dt.date()),
        Value::Text(s) => parse_text_date(s),
        _ => None,
    }
}

/// A date of birth, or a bare year (`1975`, as a number or as text).
pub(crate) fn birth_of(v: &Value) -> Option<Birth> {
    match v {
        Value::Number(n) if n.fract() == 0.0 && (1880.0..=2200.0).contains(n) => {
            // A year typed in a General cell; as a serial it would be a day of 1905.
            #[expect(clippy::cast_possible_truncation, reason = "range checked")]
            Some(Birth::Year(*n as i32))
        }
        Value::Text(s) => parse_year(s)
            .map(Birth::Year)
            .or_else(|| parse_text_date(s).map(Birth::Date)),
        _ => date_of(v).map(Birth::Date),
    }
}

/// A time of day: an Excel time, the time part of a date-time, a day fraction, a whole hour
/// (`14`), or text (`14h00`, `14 giờ`).
pub(crate) fn time_of(v: &Value) -> Option<NaiveTime> {
    match v {
        Value::Time(secs) => NaiveTime::from_num_seconds_from_midnight_opt(secs % 86_400, 0),
        Value::DateTime(dt) => Some(dt.time()),
        Value::Number(n) if (0.0..1.0).contains(n) => {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "0..86400"
            )]
            let secs = ((n * 86_400.0).round() as u32).min(86_399);
            let t = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)?;
            // Round to the minute: a day fraction rarely lands exactly on one.
            NaiveTime::from_hms_opt(t.hour(), t.minute(), 0)
        }
        Value::Number(n) if n.fract() == 0.0 && (0.0..24.0).contains(n) =>
        {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "0..24"
            )]
            NaiveTime::from_hms_opt(*n as u32, 0, 0)
        }
        Value::Text(s) => parse_text_time(s),
        _ => None,
    }
}

/// Why a count could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CountError {
    Negative,
    Fraction,
    NotANumber,
}

/// Words that may follow a count in a cell (`21 đ/c`, `15 đồng chí`), folded.
const COUNT_UNITS: &[&str] = &[
    "d c",
    "dc",
    "dong chi",
    "nguoi",
    "dang vien",
    "dv",
    "y kien",
    "luot",
    "quan chung",
    "qc",
    "phieu",
    "ban",
    "ca nhan",
];

/// A count: a whole number, written `21`, `06`, `21.0`, `21 đ/c`.
pub(crate) fn count_of(v: &Value) -> Result<u32, CountError> {
    let n = match v {
        Value::Number(n) => *n,
        Value::Text(s) => number_in_text(s, COUNT_UNITS).ok_or(CountError::NotANumber)?,
        _ => return Err(CountError::NotANumber),
    };
    if !n.is_finite() {
        return Err(CountError::NotANumber);
    }
    if n < 0.0 {
        return Err(CountError::Negative);
    }
    if n.fract() != 0.0 {
        return Err(CountError::Fraction);
    }
    u32::try_from(n as u64).map_err(|_| CountError::NotANumber)
}

/// A score: a number, or text such as `85`, `85,5`, `85.5`, `85 điểm`. May be negative (the
/// caller reports it).
pub(crate) fn score_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::Text(s) => number_in_text(s, &["diem", "d"]),
        _ => None,
    }
}

/// A number in text, with a decimal comma or point, optionally followed by one of `units`
/// (folded). Hand-written because the grammar is tiny and locale-specific (a comma is the
/// decimal separator here, which general number parsers do not assume).
fn number_in_text(s: &str, units: &[&str]) -> Option<f64> {
    let s = clean(s);
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | ' ')))
        .map_or(s.len(), |(i, _)| i);
    let (num, rest) = s.split_at(end);
    let rest = fold(rest);
    if !rest.is_empty() && !units.contains(&rest.as_str()) {
        return None;
    }
    let num: String = num.chars().filter(|c| *c != ' ').collect();
    if num.is_empty() || num.matches([',', '.']).count() > 1 {
        return None;
    }
    num.replace(',', ".").parse::<f64>().ok()
}

/// Names or items in one cell, separated by `;`, `,` or line breaks, each cleaned.
pub(crate) fn list_of(v: &Value) -> Vec<String> {
    v.display()
        .split([';', ',', '\n', '\r'])
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `14/02/2023`, for messages.
pub(crate) fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// A number for messages: no `.0`, decimal comma (`85,5`).
pub(crate) fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{}", (n * 1000.0).round() / 1000.0).replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn counts() {
        assert_eq!(count_of(&t("06")), Ok(6));
        assert_eq!(count_of(&t("21 đ/c")), Ok(21));
        assert_eq!(count_of(&t("15 đồng chí")), Ok(15));
        assert_eq!(count_of(&t("21.0")), Ok(21));
        assert_eq!(count_of(&Value::Number(21.0)), Ok(21));
        assert_eq!(count_of(&t("-2")), Err(CountError::Negative));
        assert_eq!(count_of(&Value::Number(2.5)), Err(CountError::Fraction));
        assert_eq!(count_of(&t("2,5")), Err(CountError::Fraction));
        assert_eq!(count_of(&t("hai")), Err(CountError::NotANumber));
        assert_eq!(count_of(&t("21 quả táo")), Err(CountError::NotANumber));
    }

    #[test]
    fn scores() {
        assert_eq!(score_of(&t("85 điểm")), Some(85.0));
        assert_eq!(score_of(&t("85,5")), Some(85.5));
        assert_eq!(score_of(&t("85.5")), Some(85.5));
        assert_eq!(score_of(&Value::Number(92.0)), Some(92.0));
        assert_eq!(score_of(&t("tốt")), None);
        assert_eq!(score_of(&t("1,234.5")), None);
    }

    #[test]
    fn times_and_dates() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(time_of(&Value::Time(14 * 3600)), hm(14, 0));
        assert_eq!(time_of(&Value::Number(0.5833333)), hm(14, 0));
        assert_eq!(time_of(&Value::Number(14.0)), hm(14, 0));
        assert_eq!(time_of(&t("7h30")), hm(7, 30));
        assert_eq!(time_of(&t("bảy giờ")), None);
        let d = NaiveDate::from_ymd_opt(2023, 2, 14);
        assert_eq!(date_of(&Value::Number(44971.0)), d);
        assert_eq!(date_of(&t("14/02/2023")), d);
        assert_eq!(date_of(&Value::Number(-3.0)), None);
        assert_eq!(birth_of(&Value::Number(1975.0)), Some(Birth::Year(1975)));
        assert_eq!(birth_of(&t("1975")), Some(Birth::Year(1975)));
        assert_eq!(
            birth_of(&t("05/03/1980")),
            NaiveDate::from_ymd_opt(1980, 3, 5).map(Birth::Date)
        );
    }

    #[test]
    fn lists_and_numbers() {
        assert_eq!(
            list_of(&t("Lê Văn Một; Trần Thị Hai,Phạm Ba\nVõ Bốn")),
            vec!["Lê Văn Một", "Trần Thị Hai", "Phạm Ba", "Võ Bốn"]
        );
        assert_eq!(num(85.0), "85");
        assert_eq!(num(85.5), "85,5");
    }
}
