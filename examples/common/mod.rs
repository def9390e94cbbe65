//! Code shared by the two generators (`gen_samples`, `gen_committee`) and by the
//! `tests/samples_*.rs` tests, which include this folder with `#[path]` so that they can
//! regenerate the samples in memory and compare them with the committed files.
//!
//! The generator's view of a cell is deliberately independent of the `chibo` model: it is the
//! ground truth that chibo's reader is later checked against (`samples/expected.json`).

// Each includer (two examples, several tests) uses a different part of this module.
#![allow(dead_code, unreachable_pub)]

pub mod build;
pub mod canonical;
pub mod fixtures;
pub mod messy;
pub mod readback;
pub mod samples;
pub mod soffice;
pub mod synth;
pub mod truth;

use chrono::{Datelike as _, NaiveDate};

pub type BoxResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// `NaiveDate` from y/m/d; the generators only build literal, valid dates.
#[must_use]
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A tiny deterministic PRNG (SplitMix64, Steele/Lea/Flood 2014). Written here rather than
/// adding `rand` as a dependency: the generators only need reproducible small draws, and a
/// hand-written 10-line generator cannot change its stream under us with a crate upgrade.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`; the tiny modulo bias does not matter here).
    pub fn below(&mut self, n: u32) -> u32 {
        u32::try_from(self.next_u64() % u64::from(n.max(1))).unwrap_or(0)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        let n = u32::try_from(xs.len()).unwrap_or(u32::MAX);
        let i = usize::try_from(self.below(n)).unwrap_or(0);
        &xs[i.min(xs.len() - 1)]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Nam,
    Nu,
}

impl Gender {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Gender::Nam => "Nam",
            Gender::Nu => "Nữ",
        }
    }
}

/// The `Trạng thái` a workbook declares (empty = derived from the dates).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    ChinhThuc,
    MienSinhHoat,
    ChuyenDi,
    TuTran,
    QuanChung,
}

impl Status {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::ChinhThuc => "Chính thức",
            Status::MienSinhHoat => "Miễn sinh hoạt",
            Status::ChuyenDi => "Chuyển đi",
            Status::TuTran => "Từ trần",
            Status::QuanChung => "Quần chúng",
        }
    }
}

/// A person's standing on a day; the codes are those of chibo's `Standing::code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    ChinhThuc,
    DuBi,
    MienSinhHoat,
    QuanChung,
    ChuaDen,
    ChuyenDi,
    TuTran,
}

impl Standing {
    pub const ALL: [Standing; 7] = [
        Standing::ChinhThuc,
        Standing::DuBi,
        Standing::MienSinhHoat,
        Standing::QuanChung,
        Standing::ChuaDen,
        Standing::ChuyenDi,
        Standing::TuTran,
    ];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Standing::ChinhThuc => "chinh_thuc",
            Standing::DuBi => "du_bi",
            Standing::MienSinhHoat => "mien_sinh_hoat",
            Standing::QuanChung => "quan_chung",
            Standing::ChuaDen => "chua_den",
            Standing::ChuyenDi => "chuyen_di",
            Standing::TuTran => "tu_tran",
        }
    }

    /// Counts in the attendance denominator (default rule): on the rolls, not exempted.
    #[must_use]
    pub fn eligible(self) -> bool {
        matches!(self, Standing::ChinhThuc | Standing::DuBi)
    }
}

/// One person on a cell's rolls, as the generator knows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// `Nguyễn Văn`: family and middle names.
    pub family: String,
    /// `Hùng`.
    pub given: String,
    pub birth: NaiveDate,
    /// Write only the year of birth.
    pub birth_year_only: bool,
    pub gender: Gender,
    pub joined: Option<NaiveDate>,
    pub full: Option<NaiveDate>,
    pub card: Option<String>,
    pub role: String,
    pub status: Option<Status>,
    pub since: Option<NaiveDate>,
    pub transferred_in: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Person {
    /// The full name, NFC, single spaces.
    #[must_use]
    pub fn name(&self) -> String {
        format!("{} {}", self.family, self.given)
    }

    /// The standing on day `d`, by the rules of `shared/spec/input-workbook.md`.
    #[must_use]
    pub fn standing_on(&self, d: NaiveDate) -> Standing {
        if self.transferred_in.is_some_and(|t| d < t) {
            return Standing::ChuaDen;
        }
        let since_ok = self.since.is_none_or(|s| s <= d);
        match self.status {
            Some(Status::ChuyenDi) if since_ok => return Standing::ChuyenDi,
            Some(Status::TuTran) if since_ok => return Standing::TuTran,
            Some(Status::QuanChung) => return Standing::QuanChung,
            _ => {}
        }
        let Some(joined) = self.joined else {
            return Standing::QuanChung;
        };
        if d < joined {
            return Standing::QuanChung;
        }
        if self.status == Some(Status::MienSinhHoat) && since_ok {
            return Standing::MienSinhHoat;
        }
        if self.full.is_some_and(|f| f <= d) {
            Standing::ChinhThuc
        } else {
            Standing::DuBi
        }
    }

    /// A Party member on the rolls at some day of `days`.
    #[must_use]
    pub fn member_some_day(&self, days: &[NaiveDate]) -> bool {
        days.iter().any(|d| {
            matches!(
                self.standing_on(*d),
                Standing::ChinhThuc | Standing::DuBi | Standing::MienSinhHoat
            )
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Present,
    Excused,
    Unexcused,
    Exempt,
}

/// One person's attendance at one meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Att {
    /// Index into [`Cell::people`].
    pub person: usize,
    pub mark: Mark,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    pub date: NaiveDate,
    pub regular: bool,
    pub thematic: bool,
    pub planned: bool,
    pub topic: String,
    /// Start and end, `(hour, minute)`; `None` for planned rows.
    pub start: Option<(u32, u32)>,
    pub end: Option<(u32, u32)>,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub presenter: Option<String>,
    pub form: Option<String>,
    pub guests: Vec<String>,
    pub masses_present: Option<u32>,
    pub opinions: Option<u32>,
    pub speakers: Vec<String>,
    pub conclusion: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    /// One entry per person whose standing that day is a member on the rolls.
    pub attendance: Vec<Att>,
    /// The group scores of a scored (regular) meeting, under the scheme of its year
    /// ([`Scoring::of_year`]): Phú Thọ's four groups, or 42-HD's seven.
    pub score: Option<Vec<u32>>,
}

impl Meeting {
    /// `Thường kỳ`, `Chuyên đề` or `Thường kỳ + Chuyên đề`.
    #[must_use]
    pub fn kind_label(&self) -> &'static str {
        match (self.regular, self.thematic) {
            (true, true) => "Thường kỳ + Chuyên đề",
            (false, true) => "Chuyên đề",
            _ => "Thường kỳ",
        }
    }

    #[must_use]
    pub fn duration_minutes(&self) -> Option<u32> {
        let (sh, sm) = self.start?;
        let (eh, em) = self.end?;
        (eh * 60 + em).checked_sub(sh * 60 + sm)
    }

    /// `(present, excused, unexcused)` among the eligible (chính thức + dự bị).
    #[must_use]
    pub fn counts(&self, people: &[Person]) -> (u32, u32, u32) {
        let mut c = (0, 0, 0);
        for a in &self.attendance {
            if !people[a.person].standing_on(self.date).eligible() {
                continue;
            }
            match a.mark {
                Mark::Present => c.0 += 1,
                Mark::Excused => c.1 += 1,
                Mark::Unexcused => c.2 += 1,
                Mark::Exempt => {}
            }
        }
        c
    }

    #[must_use]
    pub fn total_score(&self) -> Option<u32> {
        self.score.as_ref().map(|s| s.iter().sum())
    }
}

/// The scoring scheme a generated year is scored by: the one chibo applies to a period of
/// that year when `[cham_diem] mau` is not set (docs/rules.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scoring {
    /// Phú Thọ, 15/20/45/20: up to 2025.
    PhuTho,
    /// Hướng dẫn 42-HD/BTCTW, 5/5/10/40/5/30/5: from 2026.
    Hd42,
}

impl Scoring {
    #[must_use]
    pub fn of_year(year: i32) -> Scoring {
        if year >= 2026 {
            Scoring::Hd42
        } else {
            Scoring::PhuTho
        }
    }

    /// The number of criteria groups (score columns).
    #[must_use]
    pub fn groups(self) -> usize {
        match self {
            Scoring::PhuTho => 4,
            Scoring::Hd42 => 7,
        }
    }
}

/// The Phú Thọ band of a total (Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50, Kém).
#[must_use]
pub fn band(total: u32) -> &'static str {
    match total {
        90.. => "Tốt",
        70..=89 => "Khá",
        50..=69 => "Trung bình",
        _ => "Kém",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commendation {
    pub date: NaiveDate,
    /// Index into [`Cell::people`].
    pub person: usize,
    pub masses: bool,
    pub content: String,
    pub form: String,
}

/// One Party cell as the generator made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The file name in the committee folder (`chi-bo-1.xlsx`).
    pub file: String,
    pub name: String,
    pub symbol: String,
    /// `None`: left to the committee config.
    pub superior: Option<String>,
    pub place: Option<String>,
    pub secretary: String,
    pub deputy: Option<String>,
    pub term: String,
    pub people: Vec<Person>,
    /// Held and planned, by date.
    pub meetings: Vec<Meeting>,
    pub commendations: Vec<Commendation>,
}

impl Cell {
    /// The dates of held meetings, in order.
    #[must_use]
    pub fn held_dates(&self) -> Vec<NaiveDate> {
        self.meetings
            .iter()
            .filter(|m| !m.planned)
            .map(|m| m.date)
            .collect()
    }

    /// People who appear in the attendance sheet: members on the rolls at some held meeting.
    #[must_use]
    pub fn attendance_people(&self) -> Vec<usize> {
        let days = self.held_dates();
        (0..self.people.len())
            .filter(|&i| self.people[i].member_some_day(&days))
            .collect()
    }

    /// The attendance entry of person `p` at meeting `m`.
    #[must_use]
    pub fn att<'a>(&self, m: &'a Meeting, p: usize) -> Option<&'a Att> {
        m.attendance.iter().find(|a| a.person == p)
    }
}

/// `dd/mm/yyyy`.
#[must_use]
pub fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The last day of each quarter of `year`.
#[must_use]
pub fn quarter_ends(year: i32) -> [NaiveDate; 4] {
    [
        ymd(year, 3, 31),
        ymd(year, 6, 30),
        ymd(year, 9, 30),
        ymd(year, 12, 31),
    ]
}

/// The first `weekday` on or after `ymd(y, m, d)`.
#[must_use]
pub fn on_or_after(y: i32, m: u32, d: u32, weekday: chrono::Weekday) -> NaiveDate {
    let mut day = ymd(y, m, d);
    while day.weekday() != weekday {
        day = day.succ_opt().unwrap_or(day);
    }
    day
}
