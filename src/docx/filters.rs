//! Vietnamese filters for templates, also callable from Rust (the view builders reuse them).
//!
//! Every filter accepts the JSON shapes data usually comes in (a date as `2018-04-03` or
//! `03/04/2018`, a number as a number or as text) and renders `null` as an empty string, so a
//! blank cell never stops a document.

use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, Timelike as _};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::dates::{parse_text_date, parse_text_time, party_date};

/// The filters registered on every template, in the order `docs/templates.md` lists them.
pub const FILTER_NAMES: &[&str] = &[
    "ngay_thang",
    "ngay",
    "gio",
    "so",
    "so_2",
    "phan_tram",
    "la_ma",
    "bang_chu",
    "viet_hoa",
    "viet_hoa_dau",
    "viet_thuong",
];

/// `ngày 03 tháng 4 năm 2018`: day zero-padded, month zero-padded only for 01 and 02.
#[must_use]
pub fn ngay_thang(d: NaiveDate) -> String {
    party_date(d)
}

/// `03/4/2018`: the short form with the same padding rule as [`ngay_thang`].
#[must_use]
pub fn ngay(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}

/// `03/04/2018`: day and month always on two digits.
#[must_use]
pub fn ngay_day_du(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `14 giờ 30`; a full hour gives `14 giờ 00`.
#[must_use]
pub fn gio(t: NaiveTime) -> String {
    format!("{} giờ {:02}", t.hour(), t.minute())
}

/// A number the Vietnamese way: `.` groups thousands, `,` marks decimals, at most two
/// decimals, trailing zeros dropped: `1234.5` → `1.234,5`, `1000000` → `1.000.000`.
#[must_use]
pub fn so(x: f64) -> String {
    so_le(x, 2, true)
}

/// A number with exactly `decimals` decimals (`trim` drops trailing zeros):
/// `so_le(1234.5, 2, false)` → `1.234,50`.
#[must_use]
pub fn so_le(x: f64, decimals: usize, trim: bool) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let decimals = decimals.min(10);
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    let mut frac = frac.to_string();
    if trim {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    let mut out = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(*c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    let is_zero = out.chars().all(|c| c == '0' || c == '.' || c == ',');
    if x < 0.0 && !is_zero {
        out.insert(0, '-');
    }
    out
}

/// Two digits at least: `6` → `06`, `12` → `12`.
#[must_use]
pub fn so_2(n: i64) -> String {
    if n < 0 {
        format!("-{:02}", n.unsigned_abs())
    } else {
        format!("{n:02}")
    }
}

/// A ratio as a percentage with one decimal at most: `0.938` → `93,8%`, `1` → `100%`.
#[must_use]
pub fn phan_tram(ratio: f64) -> String {
    phan_tram_le(ratio, 1)
}

/// A ratio as a percentage with at most `decimals` decimals.
#[must_use]
pub fn phan_tram_le(ratio: f64, decimals: usize) -> String {
    if !ratio.is_finite() {
        return String::new();
    }
    format!("{}%", so_le(ratio * 100.0, decimals, true))
}

/// Roman numerals for 1–3999 (`4` → `IV`); other numbers are written in digits.
#[must_use]
pub fn la_ma(n: i64) -> String {
    if !(1..=3999).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits. `full` is true when a higher group was already read, so
/// `5` reads `không trăm linh năm` (as in `một nghìn không trăm linh năm`).
fn read_group(n: u64, full: bool) -> Vec<&'static str> {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let digit = |d: u64| DIGITS[usize::try_from(d).unwrap_or(0) % 10];
    let mut w = Vec::new();
    if h > 0 || full {
        w.push(digit(h));
        w.push("trăm");
    }
    match t {
        0 => {
            if u > 0 && (h > 0 || full) {
                w.push("linh");
            }
        }
        1 => w.push("mười"),
        _ => {
            w.push(digit(t));
            w.push("mươi");
        }
    }
    match u {
        0 => {}
        1 if t >= 2 => w.push("mốt"),
        5 if t >= 1 => w.push("lăm"),
        _ => w.push(digit(u)),
    }
    w
}

fn read_integer(n: u64) -> String {
    if n == 0 {
        return "không".to_string();
    }
    read_words(n, false).join(" ")
}

/// Words for `n > 0`; `full` when a higher part was already read (`một tỷ không trăm …`).
/// Billions recurse (`một nghìn tỷ`), below that three groups: triệu, nghìn, units.
fn read_words(n: u64, full: bool) -> Vec<&'static str> {
    const BILLION: u64 = 1_000_000_000;
    let mut words = Vec::new();
    let mut full = full;
    let mut rest = n;
    if n >= BILLION {
        words.extend(read_words(n / BILLION, full));
        words.push("tỷ");
        rest = n % BILLION;
        full = true;
    }
    let groups = [
        (rest / 1_000_000, "triệu"),
        ((rest / 1000) % 1000, "nghìn"),
        (rest % 1000, ""),
    ];
    for (k, (g, scale)) in groups.iter().enumerate() {
        if *g == 0 {
            continue;
        }
        // Zero groups are silent, but a group after a higher one reads its hundreds.
        let higher_read = full || groups[..k].iter().any(|(x, _)| *x > 0);
        words.extend(read_group(*g, higher_read));
        if !scale.is_empty() {
            words.push(scale);
        }
    }
    words
}

/// A number in Vietnamese words: `21` → `hai mươi mốt`, `105` → `một trăm linh năm`,
/// `1.5` → `một phẩy năm`, `-3` → `âm ba`.
#[must_use]
pub fn bang_chu(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let neg = x < 0.0;
    let s = so_le(x.abs(), 6, true).replace('.', "");
    let (int, frac) = s.split_once(',').unwrap_or((s.as_str(), ""));
    let int_part: u64 = int.parse().unwrap_or(0);
    let mut out = read_integer(int_part);
    if !frac.is_empty() {
        out.push_str(" phẩy ");
        // `1,05` is read digit by digit for a leading zero (`một phẩy không năm`), otherwise as
        // a number (`1,25` → `một phẩy hai mươi lăm`).
        if frac.starts_with('0') {
            let digits: Vec<&str> = frac
                .chars()
                .filter_map(|c| c.to_digit(10))
                .map(|d| DIGITS[d as usize])
                .collect();
            out.push_str(&digits.join(" "));
        } else {
            out.push_str(&read_integer(frac.parse().unwrap_or(0)));
        }
    }
    if neg && out != "không" {
        out.insert_str(0, "âm ");
    }
    out
}

/// Vietnamese upper case (`Nguyễn Văn Thành` → `NGUYỄN VĂN THÀNH`).
#[must_use]
pub fn viet_hoa(s: &str) -> String {
    crate::text::upper(s)
}

/// The first letter in upper case, the rest unchanged (`chi bộ 2` → `Chi bộ 2`).
#[must_use]
pub fn viet_hoa_dau(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => viet_hoa(&first.to_string()) + chars.as_str(),
        None => String::new(),
    }
}

/// A number as printed by a bare `{{ x }}`: integers as they are, `9.0` as `9`, other
/// decimals with a decimal comma and no grouping (`93.8` → `93,8`), so that years and codes
/// are never grouped.
#[must_use]
pub fn plain_number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // Exact: the value is integral and well inside i64.
        #[expect(clippy::cast_possible_truncation, reason = "integral and < 1e15")]
        return (x as i64).to_string();
    }
    x.to_string().replace('.', ",")
}

// ----- adapters from template values -----

fn date_of(v: &Value) -> Option<NaiveDate> {
    let s = v.as_str()?;
    let s = s.trim();
    // `2018-04-03T14:30:00` (a serialised date-time) is a date too.
    if let Some((d, _)) = s.split_once('T')
        && let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d")
    {
        return Some(d);
    }
    parse_text_date(s)
}

fn time_of(v: &Value) -> Option<NaiveTime> {
    if let Some(h) = v.as_i64() {
        return NaiveTime::from_hms_opt(u32::try_from(h).ok()?, 0, 0);
    }
    let s = v.as_str()?.trim();
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(dt.time());
    }
    if let Ok(t) = NaiveTime::parse_from_str(s, "%H:%M:%S") {
        return Some(t);
    }
    parse_text_time(s)
}

fn number_of(v: &Value) -> Option<f64> {
    if let Some(x) = v.as_f64() {
        return Some(x);
    }
    let s = v.as_str()?.trim();
    if s.is_empty() {
        return None;
    }
    s.parse::<f64>().ok().or_else(|| {
        // Vietnamese text: `1.234,5`.
        s.replace('.', "").replace(',', ".").parse::<f64>().ok()
    })
}

fn integer_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        let x = number_of(v)?;
        // Only whole numbers convert; 2.5 has no Roman numeral.
        (x.fract() == 0.0 && x.abs() < 1e15).then(|| {
            #[expect(clippy::cast_possible_truncation, reason = "integral and < 1e15")]
            let n = x as i64;
            n
        })
    })
}

fn blank(v: &Value) -> bool {
    v.is_none() || v.is_undefined() || v.as_str().is_some_and(|s| s.trim().is_empty())
}

fn bad(filter: &str, expected: &str, v: &Value) -> tera::Error {
    tera::Error::message(format!(
        "bộ lọc `{filter}` cần {expected}, nhận được `{}` / filter `{filter}` expects {expected}, got `{}`",
        shown(v),
        shown(v)
    ))
}

fn shown(v: &Value) -> String {
    v.as_str().map_or_else(|| format!("{v}"), str::to_string)
}

fn decimals(kwargs: &Kwargs, default: usize) -> TeraResult<usize> {
    Ok(kwargs
        .get::<i64>("le")?
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(default))
}

/// The filter wrapped around every `{{ … }}`: numbers the Vietnamese way, `null` (and, in
/// lenient mode, undefined values) as nothing.
pub(crate) const OUT_FILTER: &str = "__v";

fn out_value(v: &Value, lenient: bool) -> TeraResult<Value> {
    if v.is_undefined() {
        if lenient {
            return Ok(Value::from(""));
        }
        return Err(tera::Error::message("undefined value"));
    }
    if v.is_none() {
        return Ok(Value::from(""));
    }
    if v.is_number() && !v.is_string() {
        if let Some(i) = v.as_i64() {
            return Ok(Value::from(i.to_string()));
        }
        if let Some(x) = v.as_f64() {
            return Ok(Value::from(plain_number(x)));
        }
    }
    Ok(v.clone())
}

/// Registers the filters on `tera`, and turns `safe` into a no-op so that data can never
/// write raw XML into a document.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter(OUT_FILTER, |v: &Value, _: Kwargs, state: &State| {
        let lenient = v.is_undefined()
            && state
                .get::<bool>(super::LENIENT_VAR)
                .ok()
                .flatten()
                .unwrap_or(false);
        out_value(v, lenient)
    });
    tera.register_filter("safe", |v: &Value, _: Kwargs, _: &State| {
        // Values stay escaped: `safe` would let data inject XML and corrupt the document.
        v.as_str().map_or_else(|| v.clone(), Value::from)
    });
    tera.register_filter("ngay_thang", |v: &Value, _: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        date_of(v)
            .map(ngay_thang)
            .ok_or_else(|| bad("ngay_thang", "một ngày / a date", v))
    });
    tera.register_filter("ngay", |v: &Value, kw: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        let d = date_of(v).ok_or_else(|| bad("ngay", "một ngày / a date", v))?;
        Ok(match kw.get::<&str>("kieu")? {
            Some("dd/mm/yyyy") => ngay_day_du(d),
            Some("d/m/yyyy") => d.format("%-d/%-m/%Y").to_string(),
            _ => ngay(d),
        })
    });
    tera.register_filter("gio", |v: &Value, _: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        if let Some(h) = v.as_i64() {
            return Ok(format!("{h} giờ"));
        }
        time_of(v)
            .map(gio)
            .ok_or_else(|| bad("gio", "một giờ / a time", v))
    });
    tera.register_filter("so", |v: &Value, kw: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        let x = number_of(v).ok_or_else(|| bad("so", "một số / a number", v))?;
        Ok(match kw.get::<i64>("le")? {
            Some(n) => so_le(x, usize::try_from(n).unwrap_or(0), false),
            None => so(x),
        })
    });
    tera.register_filter("so_2", |v: &Value, _: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        integer_of(v)
            .map(so_2)
            .ok_or_else(|| bad("so_2", "một số nguyên / a whole number", v))
    });
    tera.register_filter("phan_tram", |v: &Value, kw: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        let x = number_of(v).ok_or_else(|| bad("phan_tram", "một tỷ lệ / a ratio", v))?;
        Ok(phan_tram_le(x, decimals(&kw, 1)?))
    });
    tera.register_filter("la_ma", |v: &Value, _: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        integer_of(v)
            .map(la_ma)
            .ok_or_else(|| bad("la_ma", "một số nguyên / a whole number", v))
    });
    tera.register_filter("bang_chu", |v: &Value, _: Kwargs, _: &State| {
        if blank(v) {
            return Ok(String::new());
        }
        number_of(v)
            .map(bang_chu)
            .ok_or_else(|| bad("bang_chu", "một số / a number", v))
    });
    tera.register_filter("viet_hoa", |v: &Value, _: Kwargs, _: &State| {
        viet_hoa(&text_of(v))
    });
    tera.register_filter("viet_hoa_dau", |v: &Value, _: Kwargs, _: &State| {
        viet_hoa_dau(&text_of(v))
    });
    tera.register_filter("viet_thuong", |v: &Value, _: Kwargs, _: &State| {
        text_of(v).to_lowercase()
    });
}

fn text_of(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    v.as_str().map_or_else(|| format!("{v}"), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates() {
        assert_eq!(ngay_thang(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(ngay_thang(d(2023, 2, 14)), "ngày 14 tháng 02 năm 2023");
        assert_eq!(ngay(d(2018, 4, 3)), "03/4/2018");
        assert_eq!(ngay(d(2018, 1, 3)), "03/01/2018");
        assert_eq!(ngay_day_du(d(2018, 4, 3)), "03/04/2018");
        assert_eq!(
            gio(NaiveTime::from_hms_opt(14, 30, 0).unwrap()),
            "14 giờ 30"
        );
        assert_eq!(gio(NaiveTime::from_hms_opt(7, 0, 0).unwrap()), "7 giờ 00");
    }

    #[test]
    fn numbers() {
        assert_eq!(so(1234.5), "1.234,5");
        assert_eq!(so(1_000_000.0), "1.000.000");
        assert_eq!(so(-1234.567), "-1.234,57");
        assert_eq!(so(0.0), "0");
        assert_eq!(so(-0.001), "0");
        assert_eq!(so_le(1234.5, 2, false), "1.234,50");
        assert_eq!(so_2(6), "06");
        assert_eq!(so_2(12), "12");
        assert_eq!(phan_tram(0.938), "93,8%");
        assert_eq!(phan_tram(1.0), "100%");
        assert_eq!(phan_tram_le(0.93756, 2), "93,76%");
        assert_eq!(plain_number(9.0), "9");
        assert_eq!(plain_number(93.8), "93,8");
        assert_eq!(plain_number(2023.0), "2023");
    }

    #[test]
    fn roman() {
        assert_eq!(la_ma(4), "IV");
        assert_eq!(la_ma(1), "I");
        assert_eq!(la_ma(2023), "MMXXIII");
        assert_eq!(la_ma(0), "0");
    }

    #[test]
    fn words() {
        let cases = [
            (0.0, "không"),
            (5.0, "năm"),
            (10.0, "mười"),
            (11.0, "mười một"),
            (15.0, "mười lăm"),
            (21.0, "hai mươi mốt"),
            (25.0, "hai mươi lăm"),
            (24.0, "hai mươi bốn"),
            (100.0, "một trăm"),
            (105.0, "một trăm linh năm"),
            (110.0, "một trăm mười"),
            (115.0, "một trăm mười lăm"),
            (1005.0, "một nghìn không trăm linh năm"),
            (1_000_000.0, "một triệu"),
            (1_000_001.0, "một triệu không trăm linh một"),
            (2_500_000.0, "hai triệu năm trăm nghìn"),
            (1_000_000_000.0, "một tỷ"),
            (1_000_000_000_000.0, "một nghìn tỷ"),
            (-3.0, "âm ba"),
            (1.5, "một phẩy năm"),
            (1.25, "một phẩy hai mươi lăm"),
            (1.05, "một phẩy không năm"),
        ];
        for (x, w) in cases {
            assert_eq!(bang_chu(x), w, "{x}");
        }
    }

    #[test]
    fn case() {
        assert_eq!(viet_hoa("Nguyễn Văn Thành đi"), "NGUYỄN VĂN THÀNH ĐI");
        assert_eq!(viet_hoa_dau("đảng bộ"), "Đảng bộ");
    }
}
