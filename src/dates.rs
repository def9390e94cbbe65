//! Dates and times as Vietnamese offices write them: always day first.
//!
//! Accepted text dates: `14/02/2023`, `14/2/2023`, `14-02-2023`, `14.02.2023`, `14/02/23`,
//! `ngày 14 tháng 02 năm 2023` (with or without a leading `Sáng`/`Chiều`), and ISO `2023-02-14`
//! (year first, so never ambiguous). A date is never read month first. Excel serials use the
//! 1900 date system.

use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime};

use crate::text::fold;

/// A day-first text date, or `None`.
#[must_use]
pub fn parse_text_date(s: &str) -> Option<NaiveDate> {
    let f = fold(s);
    // Numbers only, in order: the folded text turns every separator into a space.
    let nums: Vec<&str> = f
        .split(' ')
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let words: Vec<&str> = f
        .split(' ')
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    // Allow only date words around the numbers, and an optional trailing time (`14/02/2023 14:00`).
    let allowed = [
        "ngay", "thang", "nam", "sang", "chieu", "toi", "trua", "hom", "nay", "vao", "luc", "h",
        "gio", "phut",
    ];
    if words.iter().any(|w| !allowed.contains(w)) {
        return None;
    }
    // The first three numbers that make a date with a four-digit year (`14/02/2023 14:00`,
    // `Tháng 1 (10/01/2025)`), else, when there are exactly three, a two-digit year.
    nums.windows(3)
        .find_map(|w| day_month_year(w[0], w[1], w[2], false))
        .or_else(|| {
            if nums.len() == 3 {
                day_month_year(nums[0], nums[1], nums[2], true)
            } else {
                None
            }
        })
}

/// `(day, month, year)` as typed, or ISO `(year, month, day)`.
fn day_month_year(a: &str, b: &str, c: &str, short_year: bool) -> Option<NaiveDate> {
    let parse = |x: &str| x.parse::<u32>().ok();
    if a.len() == 4 {
        return NaiveDate::from_ymd_opt(i32::try_from(parse(a)?).ok()?, parse(b)?, parse(c)?);
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let year = match c.len() {
        4 => i32::try_from(parse(c)?).ok()?,
        2 if short_year => {
            let yy = i32::try_from(parse(c)?).ok()?;
            if yy < 70 { 2000 + yy } else { 1900 + yy }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, parse(b)?, parse(a)?)
}

/// An Excel serial (1900 date system) to a date-time. Serial 60 is Excel's fictitious
/// 29 February 1900 and has no date.
#[must_use]
pub fn from_excel_serial(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite()
        || !(1.0..2_958_466.0).contains(&serial)
        || (serial.floor() - 60.0).abs() < f64::EPSILON
    {
        return None;
    }
    let days = serial.floor();
    let base = if days < 60.0 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "range checked above"
    )]
    let date = base.checked_add_days(chrono::Days::new(days as u64))?;
    let secs = ((serial - days) * 86_400.0).round();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0..=86400"
    )]
    let secs = (secs as u32).min(86_399);
    Some(date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)?))
}

/// A serial that is a plausible date for records kept by a cell (years 1900 to 2199).
#[must_use]
pub fn plausible_serial(serial: f64) -> bool {
    (1.0..110_000.0).contains(&serial)
}

/// A time of day as typed: `14:00`, `14h00`, `14h`, `14 giờ`, `14 giờ 30`, `14g30`,
/// `14 giờ 30 phút`, `2:30 PM`.
#[must_use]
pub fn parse_text_time(s: &str) -> Option<NaiveTime> {
    let f = fold(s).replace("gio", " ").replace("phut", " ");
    let mut pm = false;
    let mut nums = Vec::new();
    for w in f.split(' ').filter(|w| !w.is_empty()) {
        match w {
            "pm" | "chieu" | "toi" => pm = true,
            "am" | "sang" => {}
            _ => {
                // `14h30`, `14g30`, `14h`
                let parts: Vec<&str> = w.split(['h', 'g']).filter(|p| !p.is_empty()).collect();
                for p in parts {
                    nums.push(p.parse::<u32>().ok()?);
                }
            }
        }
    }
    let (mut h, m) = match nums.as_slice() {
        [h] => (*h, 0),
        [h, m] => (*h, *m),
        [h, m, _s] => (*h, *m),
        _ => return None,
    };
    if pm && h < 12 {
        h += 12;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A bare year (`1975`, `1975.0`).
#[must_use]
pub fn parse_year(s: &str) -> Option<i32> {
    let t = s.trim().trim_end_matches(".0");
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        let y: i32 = t.parse().ok()?;
        (1880..=2200).contains(&y).then_some(y)
    } else {
        None
    }
}

/// `ngày 03 tháng 4 năm 2018`: day zero-padded, month zero-padded only for 01 and 02
/// (36-HD/VPTW; domain.md §3.4).
#[must_use]
pub fn party_date(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn day_first_forms() {
        for s in [
            "14/02/2023",
            "14/2/2023",
            "14-02-2023",
            "14.02.2023",
            "14/02/23",
            "ngày 14 tháng 02 năm 2023",
            "Ngày 14 tháng 2 năm 2023",
            "2023-02-14",
            " 14/02/2023 14:00 ",
            "Sáng ngày 14/02/2023",
        ] {
            assert_eq!(parse_text_date(s), Some(d(2023, 2, 14)), "{s}");
        }
        assert_eq!(
            parse_text_date("05/02/2023"),
            Some(d(2023, 2, 5)),
            "never month first"
        );
        assert_eq!(parse_text_date("31/02/2024"), None);
        assert_eq!(parse_text_date("2024-13-45"), None);
        assert_eq!(parse_text_date("abc"), None);
        assert_eq!(parse_text_date("14/02"), None);
        assert_eq!(parse_text_date("Đi công tác 14/02/2023"), None);
        assert_eq!(
            parse_text_date("Tháng 1 (10/01/2025)"),
            Some(d(2025, 1, 10))
        );
        assert_eq!(parse_text_date("1/10/01"), Some(d(2001, 10, 1)));
    }

    #[test]
    fn serials() {
        assert_eq!(from_excel_serial(44971.0).unwrap().date(), d(2023, 2, 14));
        assert_eq!(from_excel_serial(29285.0).unwrap().date(), d(1980, 3, 5));
        assert_eq!(from_excel_serial(1.0).unwrap().date(), d(1900, 1, 1));
        assert_eq!(from_excel_serial(61.0).unwrap().date(), d(1900, 3, 1));
        assert_eq!(from_excel_serial(60.0), None);
        assert_eq!(
            from_excel_serial(44971.5625).unwrap().time(),
            NaiveTime::from_hms_opt(13, 30, 0).unwrap()
        );
        assert_eq!(from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn times() {
        let t = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(parse_text_time("14:00"), t(14, 0));
        assert_eq!(parse_text_time("14h00"), t(14, 0));
        assert_eq!(parse_text_time("14h"), t(14, 0));
        assert_eq!(parse_text_time("14 giờ"), t(14, 0));
        assert_eq!(parse_text_time("14 giờ 30"), t(14, 30));
        assert_eq!(parse_text_time("14g30"), t(14, 30));
        assert_eq!(parse_text_time("7 giờ 30 phút"), t(7, 30));
        assert_eq!(parse_text_time("2:30 PM"), t(14, 30));
        assert_eq!(parse_text_time("25:00"), None);
        assert_eq!(parse_text_time("sáng"), None);
    }

    #[test]
    fn party_dates() {
        assert_eq!(party_date(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(party_date(d(2017, 2, 6)), "ngày 06 tháng 02 năm 2017");
        assert_eq!(party_date(d(2023, 12, 20)), "ngày 20 tháng 12 năm 2023");
    }
}
