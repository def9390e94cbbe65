//! Matching what users type (headers, labels, sheet names) against the schema's aliases.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::Value;
use super::reader::ReadOptions;
use crate::dates::{from_excel_serial, parse_text_date};
use crate::schema::{Col, Field, INFO_LABELS, InfoLabel, SheetKind};
use crate::text::{fold, fold_compact};

/// The folded forms a header or label is compared under: as typed, without parenthesised
/// parts (`Ngày sinh (dd/mm/yyyy)`), and each with `ĐV` read as `đảng viên`.
pub(crate) fn keys(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(4);
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let base = fold(text);
    // Most texts have no brackets: fold them once (header matching runs on every text cell
    // of the first rows of each sheet).
    let no_paren = if text.contains(['(', '[']) {
        fold(&strip_parens(text))
    } else {
        base.clone()
    };
    for k in [base, no_paren] {
        let expanded = expand_dv(&k);
        push(k);
        push(expanded);
    }
    out
}

/// Removes `( … )` and `[ … ]` groups.
fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// `so the dv` → `so the dang vien`; also the common abbreviations `ĐV`/`đ/v`.
fn expand_dv(folded: &str) -> String {
    let words: Vec<&str> = folded.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len() + 2);
    let mut i = 0;
    while let Some(w) = words.get(i) {
        if *w == "dv" {
            out.extend(["dang", "vien"]);
        } else if *w == "d" && words.get(i + 1) == Some(&"v") {
            out.extend(["dang", "vien"]);
            i += 1;
        } else {
            out.push(w);
        }
        i += 1;
    }
    out.join(" ")
}

/// Matches headers of one sheet kind.
pub(crate) struct HeaderMatcher<'a> {
    kind: SheetKind,
    options: &'a ReadOptions,
    /// Folded group titles of the configured scheme.
    group_titles: Vec<String>,
}

impl<'a> HeaderMatcher<'a> {
    pub(crate) fn new(kind: SheetKind, options: &'a ReadOptions) -> Self {
        Self {
            kind,
            options,
            group_titles: options.group_titles.iter().map(|t| fold(t)).collect(),
        }
    }

    pub(crate) fn kind(&self) -> SheetKind {
        self.kind
    }

    pub(crate) fn fields(&self) -> &'static [Field] {
        self.kind.fields()
    }

    /// The known column a header text names, if any.
    pub(crate) fn field(&self, text: &str) -> Option<Col> {
        let keys = keys(text);
        for f in self.fields() {
            let extra = self.options.column_aliases.get(&f.col);
            let hit = keys.iter().any(|k| {
                f.aliases.contains(&k.as_str()) || extra.is_some_and(|x| x.iter().any(|a| a == k))
            });
            if hit {
                return Some(f.col);
            }
        }
        if self.kind == SheetKind::Scores {
            return self.group(&keys);
        }
        None
    }

    /// `Nhóm 1`, `Tiêu chí 1`, `TC1`, `I`, `1`, `1. Công tác chuẩn bị`, or a configured title.
    fn group(&self, keys: &[String]) -> Option<Col> {
        let max = if self.group_titles.is_empty() {
            20
        } else {
            self.group_titles.len()
        };
        let ok = |n: usize| {
            (1..=max)
                .contains(&n)
                .then(|| u8::try_from(n).ok())
                .flatten()
        };
        for k in keys {
            if let Some(g) = group_number(k).and_then(ok) {
                return Some(Col::Group(g));
            }
        }
        for k in keys {
            for (i, title) in self.group_titles.iter().enumerate() {
                if !title.is_empty() && (k.contains(title.as_str()) || title == k) {
                    return ok(i + 1).map(Col::Group);
                }
            }
        }
        None
    }
}

/// The number a folded header key gives a score group (`nhom 3`, `tieu chi 3`, `tc3`, `iii`,
/// `3 ...`), whatever the scheme.
fn group_number(key: &str) -> Option<usize> {
    let words: Vec<&str> = key.split(' ').collect();
    let number_at = |i: usize| words.get(i).and_then(|w| number_or_roman(w));
    match words.as_slice() {
        ["nhom", "tieu", "chi", ..] => number_at(3),
        ["tieu", "chi", ..] => number_at(2),
        ["nhom" | "tc", ..] => number_at(1),
        [w, ..] if w.starts_with("tc") => number_or_roman(&w[2..]),
        _ => None,
    }
    .or_else(|| number_at(0))
}

/// The group number a score sheet header names by its form (`Nhóm 5`, `Tiêu chí 5`, `TC5`,
/// `V`, `5. …`), even beyond the configured scheme's groups: what the header says, to tell the
/// user how many groups the sheet has.
pub(crate) fn numbered_group(header: &str) -> Option<usize> {
    keys(header).iter().find_map(|k| group_number(k))
}

/// `3` or a Roman numeral `iii` (folded, lower case), 1..=39.
pub(crate) fn number_or_roman(w: &str) -> Option<usize> {
    if !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()) {
        return w.parse().ok();
    }
    roman(w)
}

/// A Roman numeral up to 39, lower or upper case.
pub(crate) fn roman(w: &str) -> Option<usize> {
    const TABLE: [&str; 39] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi",
        "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi",
        "xxxvii", "xxxviii", "xxxix",
    ];
    let lower = w.to_ascii_lowercase();
    TABLE.iter().position(|r| *r == lower).map(|p| p + 1)
}

/// The `Thông tin` label a text names.
pub(crate) fn info_label(text: &str) -> Option<InfoLabel> {
    let keys = keys(text);
    INFO_LABELS
        .iter()
        .find(|(_, _, aliases)| keys.iter().any(|k| aliases.contains(&k.as_str())))
        .map(|(label, _, _)| *label)
}

/// How well a sheet name names a kind: exact beats contains; among contains, the longer key,
/// then the earlier position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SheetMatch {
    /// `(usize::MAX - len, position)`: smaller is better.
    Contains(usize, usize),
    Exact,
}

/// The kind a sheet name names, if any.
pub(crate) fn sheet_kind(name: &str, options: &ReadOptions) -> Option<(SheetKind, SheetMatch)> {
    let folded = fold_compact(name);
    if folded.is_empty() {
        return None;
    }
    let mut best: Option<(SheetKind, SheetMatch)> = None;
    for kind in SheetKind::ALL {
        let extra = options.sheet_aliases.get(&kind);
        let keys = kind
            .keys()
            .iter()
            .map(|k| (*k).to_string())
            .chain(extra.into_iter().flatten().map(|a| fold_compact(a)));
        for key in keys.filter(|k| !k.is_empty()) {
            let m = if folded == key {
                Some(SheetMatch::Exact)
            } else {
                folded
                    .find(key.as_str())
                    .map(|pos| SheetMatch::Contains(usize::MAX - key.len(), pos))
            };
            let Some(m) = m else { continue };
            let better = match (best, m) {
                (None, _) => true,
                (Some((_, SheetMatch::Exact)), _) => false,
                (Some(_), SheetMatch::Exact) => true,
                (Some((_, SheetMatch::Contains(l0, p0))), SheetMatch::Contains(l1, p1)) => {
                    (l1, p1) < (l0, p0)
                }
            };
            if better {
                best = Some((kind, m));
            }
        }
    }
    best
}

/// A header cell read as a meeting date (attendance matrix): an Excel date, a serial number in
/// a plausible range, or a day-first text date, also inside other text (`Tháng 1 (10/01/2025)`).
pub(crate) fn header_date(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::DateTime(dt) => Some(dt.date()),
        Value::Number(n) if n.fract() == 0.0 && (18_264.0..=109_574.0).contains(n) => {
            // 1950-01-01 ..= 2199-12-31
            from_excel_serial(*n).map(|d| d.date())
        }
        Value::Text(s) => date_inside(s).or_else(|| parse_text_date(s)),
        _ => None,
    }
}

/// The first `d/m/y` (or `-`, `.`) date inside a longer text.
fn date_inside(s: &str) -> Option<NaiveDate> {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '/' | '-' | '.');
    s.split(|c: char| !is_part(c))
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_digit()))
        .filter(|t| t.len() >= 6)
        .find_map(parse_text_date)
}

/// A date as the [`Value`] a matrix column carries.
pub(crate) fn date_value(d: NaiveDate) -> Value {
    Value::DateTime(NaiveDateTime::new(d, NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys() {
        assert_eq!(keys("Số thẻ ĐV:"), vec!["so the dv", "so the dang vien"]);
        assert_eq!(
            keys("Ngày sinh\n(dd/mm/yyyy)"),
            vec!["ngay sinh dd mm yyyy", "ngay sinh"]
        );
    }

    #[test]
    fn fields_by_alias() {
        let o = ReadOptions::default();
        let m = HeaderMatcher::new(SheetKind::Members, &o);
        assert_eq!(m.field("HỌ VÀ TÊN"), Some(Col::FullName));
        assert_eq!(m.field("Ho va ten"), Some(Col::FullName));
        assert_eq!(m.field("  Họ  và\ntên : "), Some(Col::FullName));
        assert_eq!(m.field("Họ và tên ĐV"), Some(Col::FullName));
        assert_eq!(m.field("Số thẻ đ/v"), Some(Col::CardNo));
        assert_eq!(m.field("Quê quán"), None);
        let s = HeaderMatcher::new(SheetKind::Scores, &o);
        for (h, n) in [
            ("Nhóm 1", 1),
            ("Tiêu chí 2", 2),
            ("TC3", 3),
            ("TC 4", 4),
            ("III", 3),
            ("2", 2),
            ("Nhóm II", 2),
            ("1. Công tác chuẩn bị", 1),
        ] {
            assert_eq!(s.field(h), Some(Col::Group(n)), "{h}");
        }
        assert_eq!(s.field("Tổng điểm"), Some(Col::Total));
    }

    #[test]
    fn group_titles() {
        let o = ReadOptions {
            group_titles: vec!["Công tác chuẩn bị".into(), "Tỷ lệ đảng viên tham dự".into()],
            ..ReadOptions::default()
        };
        let s = HeaderMatcher::new(SheetKind::Scores, &o);
        assert_eq!(
            s.field("Tỷ lệ đảng viên tham dự (20đ)"),
            Some(Col::Group(2))
        );
        assert_eq!(s.field("CÔNG TÁC CHUẨN BỊ"), Some(Col::Group(1)));
        assert_eq!(s.field("Nhóm 3"), None, "only two groups configured");
    }

    #[test]
    fn sheets() {
        let o = ReadOptions::default();
        let k = |n: &str| sheet_kind(n, &o).map(|(k, _)| k);
        assert_eq!(k("Đảng viên"), Some(SheetKind::Members));
        assert_eq!(k("DANG VIEN"), Some(SheetKind::Members));
        assert_eq!(k("dang_vien"), Some(SheetKind::Members));
        assert_eq!(k("Danh sách đảng viên"), Some(SheetKind::Members));
        assert_eq!(k("Điểm danh sinh hoạt"), Some(SheetKind::Attendance));
        assert_eq!(k("Chấm điểm sinh hoạt"), Some(SheetKind::Scores));
        assert_eq!(k("Sheet1"), None);
    }

    #[test]
    fn dates_in_headers() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            header_date(&Value::Text("Tháng 1 (10/01/2025)".into())),
            d(2025, 1, 10)
        );
        assert_eq!(
            header_date(&Value::Text("14/02/2023".into())),
            d(2023, 2, 14)
        );
        assert_eq!(header_date(&Value::Number(44971.0)), d(2023, 2, 14));
        assert_eq!(header_date(&Value::Number(3.0)), None);
        assert_eq!(header_date(&Value::Text("Ghi chú".into())), None);
    }
}
