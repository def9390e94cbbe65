//! What the committee must act on (domain.md §1.1, §1.6, §6.4; outputs.md `Cảnh báo`), and
//! inconsistencies in the data worth a look.
//!
//! Severity: [`Severity::Error`] for a breach of the meeting rules (a missing meeting, a short
//! meeting, low attendance, an absence without reason, the yearly absence limits);
//! [`Severity::Warning`] for data that does not add up (missing marks, counts that disagree
//! with the rolls, a score that disagrees with its groups, a person on two cells' rolls). Flags
//! never skip a cell and never change the exit code.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::attendance::{MeetingAttendance, meeting_attendance};
use super::period::Period;
use super::score::{ScoreResult, meeting_score};
use super::shortcomings::Shortcoming;
use super::{Rules, held_meetings};
use crate::diagnostic::{Severity, Text};
use crate::model::{AttendanceSource, Birth, Cell, Mark, Meeting, MeetingStatus, Source, Standing};
use crate::t;
use crate::text::name_key;

/// The kind of a flag. [`FlagKind::code`] is stable (for tests and other programs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A due month without a held regular meeting.
    MissingRegular,
    /// A due quarter without a held thematic meeting.
    MissingThematic,
    /// A meeting under the minimum duration.
    ShortMeeting,
    /// Attendance at or under the threshold.
    LowAttendance,
    /// An absence without reason.
    UnexcusedAbsence,
    /// More than the allowed consecutive excused absences in the year.
    ConsecutiveExcused,
    /// The yearly limit of absences without reason reached.
    UnexcusedYear,
    /// An active member has no mark at a meeting that has marks.
    MissingMark,
    /// A held meeting has no attendance data at all.
    AttendanceUnrecorded,
    /// Someone not on the rolls that day has a mark.
    OffRollsMark,
    /// Typed attendance counts disagree with the rolls.
    CountsMismatch,
    /// A person on the rolls of two cells.
    DuplicatePerson,
    /// A typed total disagrees with the sum of the groups.
    TotalMismatch,
    /// A typed band disagrees with the computed one.
    BandMismatch,
    /// A gated band could not be confirmed (gating groups have no score).
    BandUnconfirmed,
}

impl FlagKind {
    /// The stable code: `missing_regular`, `low_attendance` …
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            FlagKind::MissingRegular => "missing_regular",
            FlagKind::MissingThematic => "missing_thematic",
            FlagKind::ShortMeeting => "short_meeting",
            FlagKind::LowAttendance => "low_attendance",
            FlagKind::UnexcusedAbsence => "unexcused_absence",
            FlagKind::ConsecutiveExcused => "consecutive_excused",
            FlagKind::UnexcusedYear => "unexcused_year",
            FlagKind::MissingMark => "missing_mark",
            FlagKind::AttendanceUnrecorded => "attendance_unrecorded",
            FlagKind::OffRollsMark => "off_rolls_mark",
            FlagKind::CountsMismatch => "counts_mismatch",
            FlagKind::DuplicatePerson => "duplicate_person",
            FlagKind::TotalMismatch => "total_mismatch",
            FlagKind::BandMismatch => "band_mismatch",
            FlagKind::BandUnconfirmed => "band_unconfirmed",
        }
    }

    /// The short Vietnamese name shown in the `Loại` column of `Cảnh báo`.
    #[must_use]
    pub fn label_vi(self) -> &'static str {
        match self {
            FlagKind::MissingRegular => "Thiếu sinh hoạt thường kỳ",
            FlagKind::MissingThematic => "Thiếu sinh hoạt chuyên đề",
            FlagKind::ShortMeeting => "Thời lượng dưới mức tối thiểu",
            FlagKind::LowAttendance => "Tỷ lệ dự thấp",
            FlagKind::UnexcusedAbsence => "Vắng không lý do",
            FlagKind::ConsecutiveExcused => "Vắng có lý do liên tiếp",
            FlagKind::UnexcusedYear => "Vắng không lý do nhiều lần trong năm",
            FlagKind::MissingMark => "Thiếu điểm danh",
            FlagKind::AttendanceUnrecorded => "Chưa có điểm danh",
            FlagKind::OffRollsMark => "Điểm danh người ngoài danh sách",
            FlagKind::CountsMismatch => "Số liệu dự họp không khớp",
            FlagKind::DuplicatePerson => "Có tên ở hai chi bộ",
            FlagKind::TotalMismatch => "Tổng điểm không khớp",
            FlagKind::BandMismatch => "Xếp loại không khớp",
            FlagKind::BandUnconfirmed => "Xếp loại chưa xác nhận",
        }
    }
}

/// One thing to act on or look at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The cell's workbook, as shown to the user.
    pub file: String,
    /// The cell's name.
    pub cell: String,
    /// The meeting's date, when the flag is about one meeting.
    pub date: Option<NaiveDate>,
    /// The month or quarter (or the year, for yearly limits) the flag is about.
    pub period: Option<Period>,
    /// The person's name, when the flag is about one person.
    pub person: Option<String>,
    pub message: Text,
    pub severity: Severity,
    /// The row the flag points at (meeting, attendance or member row).
    pub source: Option<Source>,
    /// The breach with its figures, as the reports' `Hạn chế` state it: on every flag of
    /// severity [`Severity::Error`] (see [`mod@super::shortcomings`]).
    #[serde(skip)]
    pub shortcoming: Option<Shortcoming>,
}

impl Flag {
    fn new(kind: FlagKind, cell: &Cell, severity: Severity, message: Text) -> Self {
        Flag::named(kind, &cell.info.name, &cell.file, severity, message)
    }

    fn named(kind: FlagKind, cell: &str, file: &str, severity: Severity, message: Text) -> Self {
        Flag {
            kind,
            file: file.to_string(),
            cell: cell.to_string(),
            date: None,
            period: None,
            person: None,
            message,
            severity,
            source: None,
            shortcoming: None,
        }
    }

    fn on(mut self, m: &Meeting) -> Self {
        self.date = Some(m.date);
        self.source = Some(m.source.clone());
        self
    }

    fn person(mut self, name: &str) -> Self {
        self.person = Some(name.to_string());
        self
    }

    fn breach(mut self, s: Shortcoming) -> Self {
        self.shortcoming = Some(s);
        self
    }
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `75,5` with a Vietnamese decimal comma; whole numbers without decimals.
fn num(x: f64) -> String {
    let s = if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    };
    s.replace('.', ",")
}

fn pct_vi(x: f64) -> String {
    format!("{}%", num(x * 100.0))
}

fn pct_en(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The flags of one meeting (held, in the period), from its computed figures.
#[must_use]
pub fn meeting_flags(
    cell: &Cell,
    m: &Meeting,
    a: &MeetingAttendance,
    score: Option<&ScoreResult>,
    rules: &Rules,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let at = FlagsOf {
        cell,
        m,
        day: dmy(m.date),
    };
    at.duration(&mut out, rules);
    at.rate(&mut out, a, rules);
    at.absences(&mut out, a);
    at.marks(&mut out, a);
    if let Some(s) = score {
        at.score(&mut out, s);
    }
    out
}

/// A meeting's flags, by subject, in the order the run log and `Cảnh báo` list them.
struct FlagsOf<'a> {
    cell: &'a Cell,
    m: &'a Meeting,
    /// The meeting's date, `dd/mm/yyyy`.
    day: String,
}

impl FlagsOf<'_> {
    fn name_of(&self, i: usize) -> &str {
        self.cell.people.get(i).map_or("", |p| p.name.as_str())
    }

    /// A meeting shorter than the minimum (a combined session's own minimum).
    fn duration(&self, out: &mut Vec<Flag>, rules: &Rules) {
        let (cell, m, day) = (self.cell, self.m, &self.day);
        if let Some(minutes) = m.duration_minutes() {
            let min = if m.kinds.combined() {
                rules.duration.ket_hop
            } else {
                rules.duration.toi_thieu
            };
            if minutes < min {
                let (kind_vi, kind_en) = if m.kinds.combined() {
                    (
                        "buổi sinh hoạt kết hợp thường kỳ và chuyên đề",
                        "combined regular and thematic session",
                    )
                } else {
                    ("buổi sinh hoạt", "meeting")
                };
                out.push(
                    Flag::new(
                        FlagKind::ShortMeeting,
                        cell,
                        Severity::Error,
                        t!("{kind_vi} ngày {day} kéo dài {minutes} phút, dưới mức tối thiểu {min} phút" ;
                           "{kind_en} of {day} lasted {minutes} minutes, under the minimum of {min}"),
                    )
                    .on(m)
                    .breach(Shortcoming::ShortMeeting {
                        date: m.date,
                        minutes,
                        minimum: min,
                        combined: m.kinds.combined(),
                    }),
                );
            }
        }
    }

    /// No attendance recorded, or a rate at or under the threshold.
    fn rate(&self, out: &mut Vec<Flag>, a: &MeetingAttendance, rules: &Rules) {
        let (cell, m, day) = (self.cell, self.m, &self.day);
        if !a.recorded {
            out.push(
                Flag::new(
                    FlagKind::AttendanceUnrecorded,
                    cell,
                    Severity::Warning,
                    t!("buổi sinh hoạt ngày {day} chưa có số liệu điểm danh" ;
                       "the meeting of {day} has no attendance data"),
                )
                .on(m),
            );
        }
        if let Some(rate) = a.rate {
            let threshold = rules.attendance.nguong;
            if rate * 100.0 <= threshold + 1e-9 {
                out.push(
                    Flag::new(
                        FlagKind::LowAttendance,
                        cell,
                        Severity::Error,
                        t!("buổi sinh hoạt ngày {day}: tỷ lệ đảng viên dự {} ({}/{}), không trên {}%", pct_vi(rate), a.counted_present, a.eligible, num(threshold) ;
                           "meeting of {day}: attendance {} ({}/{}), not above {}%", pct_en(rate), a.counted_present, a.eligible, threshold),
                    )
                    .on(m)
                    .breach(Shortcoming::LowAttendance {
                        date: m.date,
                        present: a.counted_present,
                        eligible: a.eligible,
                        rate,
                        threshold,
                    }),
                );
            }
        }
    }

    /// Absences without reason: one flag per person named, or one for a bare count.
    fn absences(&self, out: &mut Vec<Flag>, a: &MeetingAttendance) {
        let (cell, m, day) = (self.cell, self.m, &self.day);
        for &i in &a.unexcused {
            let name = self.name_of(i);
            out.push(
                Flag::new(
                    FlagKind::UnexcusedAbsence,
                    cell,
                    Severity::Error,
                    t!("đồng chí {name} vắng không lý do buổi sinh hoạt ngày {day}" ;
                       "{name} was absent without reason from the meeting of {day}"),
                )
                .on(m)
                .person(name)
                .breach(Shortcoming::UnexcusedAbsence {
                    date: m.date,
                    count: 1,
                    people: vec![name.to_string()],
                }),
            );
        }
        if a.unexcused.is_empty() && a.unexcused_count > 0 {
            let n = a.unexcused_count;
            out.push(
                Flag::new(
                    FlagKind::UnexcusedAbsence,
                    cell,
                    Severity::Error,
                    t!("buổi sinh hoạt ngày {day} có {n} lượt đảng viên vắng không lý do" ;
                       "the meeting of {day} had {n} absence(s) without reason"),
                )
                .on(m)
                .breach(Shortcoming::UnexcusedAbsence {
                    date: m.date,
                    count: n,
                    people: Vec::new(),
                }),
            );
        }
    }

    /// Marks missing, marks of people off the rolls that day, counts that do not add up.
    fn marks(&self, out: &mut Vec<Flag>, a: &MeetingAttendance) {
        let (cell, m, day) = (self.cell, self.m, &self.day);
        for &i in &a.missing {
            let name = self.name_of(i);
            out.push(
                Flag::new(
                    FlagKind::MissingMark,
                    cell,
                    Severity::Warning,
                    t!("đồng chí {name} chưa được điểm danh buổi sinh hoạt ngày {day}" ;
                       "{name} has no attendance mark for the meeting of {day}"),
                )
                .on(m)
                .person(name),
            );
        }
        for &i in &a.off_rolls {
            let name = self.name_of(i);
            let standing = cell
                .people
                .get(i)
                .map_or(Standing::ChuaDen, |p| p.standing_on(m.date));
            out.push(
                Flag::new(
                    FlagKind::OffRollsMark,
                    cell,
                    Severity::Warning,
                    t!("{name} có điểm danh ngày {day} nhưng ngày đó không có trong danh sách chi bộ ({}); không tính", standing.label() ;
                       "{name} has a mark on {day} but was not on the cell's rolls that day ({}); not counted", standing.code()),
                )
                .on(m)
                .person(name),
            );
        }
        if let Some((total, expected)) = a.counts_mismatch {
            out.push(
                Flag::new(
                    FlagKind::CountsMismatch,
                    cell,
                    Severity::Warning,
                    t!("buổi sinh hoạt ngày {day}: có mặt + vắng = {total}, nhưng danh sách có {expected} đảng viên phải dự" ;
                       "meeting of {day}: present + absent = {total}, but the rolls have {expected} members expected"),
                )
                .on(m),
            );
        }
    }

    /// A total that is not the groups' sum, a band written that the score does not give, a
    /// band the scheme cannot confirm.
    fn score(&self, out: &mut Vec<Flag>, s: &ScoreResult) {
        let (cell, m, day) = (self.cell, self.m, &self.day);
        if s.total_mismatch {
            let (t, g) = (s.total.unwrap_or_default(), s.group_sum.unwrap_or_default());
            out.push(
                Flag::new(
                    FlagKind::TotalMismatch,
                    cell,
                    Severity::Warning,
                    t!("buổi sinh hoạt ngày {day}: tổng điểm ghi {} nhưng cộng các nhóm được {}", num(t), num(g) ;
                       "meeting of {day}: the total is {t} but the groups add up to {g}"),
                )
                .on(m),
            );
        }
        if s.band_mismatch {
            let given = s.given_band.as_deref().unwrap_or_default();
            let band = s.band.as_deref().unwrap_or_default();
            let score = num(s.counted.unwrap_or_default());
            out.push(
                Flag::new(
                    FlagKind::BandMismatch,
                    cell,
                    Severity::Warning,
                    t!("buổi sinh hoạt ngày {day}: xếp loại ghi «{given}» nhưng {score} điểm theo thang là «{band}»" ;
                       "meeting of {day}: the band written is «{given}» but {score} points give «{band}»"),
                )
                .on(m),
            );
        }
        if let Some(note) = s.band_note.as_ref().filter(|_| s.band_unconfirmed) {
            out.push(
                Flag::new(
                    FlagKind::BandUnconfirmed,
                    cell,
                    Severity::Warning,
                    t!("buổi sinh hoạt ngày {day}: {}", note.vi ; "meeting of {day}: {}", note.en),
                )
                .on(m),
            );
        }
    }
}

/// Every flag of one cell for `period` (duplicates across cells aside: [`duplicate_people`]).
#[must_use]
pub fn cell_flags(cell: &Cell, period: &Period, as_of: NaiveDate, rules: &Rules) -> Vec<Flag> {
    let mut out = Vec::new();
    out.extend(missing_meeting_flags(cell, period, as_of));
    for (_, m) in held_meetings(cell, period, as_of) {
        let a = meeting_attendance(cell, m, &rules.attendance);
        let s = meeting_score(m, &rules.scheme);
        out.extend(meeting_flags(cell, m, &a, s.as_ref(), rules));
    }
    out.extend(yearly_absence_flags(cell, period, as_of, rules));
    out
}

/// Whether `m` counts as held by `as_of`.
fn held_by(m: &Meeting, as_of: NaiveDate) -> bool {
    m.status == MeetingStatus::Held && m.date <= as_of
}

/// A due month without a held regular meeting; a due quarter without a held thematic one.
/// A combined session counts for both.
#[must_use]
pub fn missing_meeting_flags(cell: &Cell, period: &Period, as_of: NaiveDate) -> Vec<Flag> {
    let mut out = Vec::new();
    for month in period.due_months(as_of) {
        let held = cell
            .meetings
            .iter()
            .any(|m| m.kinds.regular && held_by(m, as_of) && month.contains(m.date));
        if !held {
            let mut f = Flag::new(
                FlagKind::MissingRegular,
                cell,
                Severity::Error,
                t!("không có buổi sinh hoạt thường kỳ nào trong {}", month.label_vi() ;
                   "no regular meeting in {}", month.label_en()),
            );
            f.period = Some(month);
            out.push(f.breach(Shortcoming::MissingRegular { month }));
        }
    }
    for quarter in period.due_quarters(as_of) {
        let held = cell
            .meetings
            .iter()
            .any(|m| m.kinds.thematic && held_by(m, as_of) && quarter.contains(m.date));
        if !held {
            let mut f = Flag::new(
                FlagKind::MissingThematic,
                cell,
                Severity::Error,
                t!("không có buổi sinh hoạt chuyên đề nào trong {}", quarter.label_vi() ;
                   "no thematic meeting in {}", quarter.label_en()),
            );
            f.period = Some(quarter);
            out.push(f.breach(Shortcoming::MissingThematic { quarter }));
        }
    }
    out
}

/// The yearly absence rules, counted over the person's meetings from 1 January of the period's
/// year to the period's end (and `as_of`): more than `vang_co_ly_do_lien_tiep` consecutive
/// excused absences, and `vang_khong_ly_do_nam` or more absences without reason. A meeting where
/// the person is not an active member (exempted, marked `M`, off the rolls) or has no mark
/// neither breaks nor extends a run. Needs per-person marks: nothing for a counts-only cell.
#[must_use]
pub fn yearly_absence_flags(
    cell: &Cell,
    period: &Period,
    as_of: NaiveDate,
    rules: &Rules,
) -> Vec<Flag> {
    if !matches!(
        cell.attendance_source,
        AttendanceSource::Matrix | AttendanceSource::Long
    ) {
        return Vec::new();
    }
    let limit = rules.attendance.vang_co_ly_do_lien_tiep;
    let max = rules.attendance.vang_khong_ly_do_nam;
    let records = absence_records(cell, period, as_of, limit);
    let mut out = Vec::new();
    for (p, r) in cell.people.iter().zip(&records) {
        if let Some((len, date)) = r.over {
            let day = dmy(date);
            let mut f = Flag::new(
                FlagKind::ConsecutiveExcused,
                cell,
                Severity::Error,
                t!("đồng chí {} vắng có lý do {len} lần liên tiếp trong năm {} (từ lần thứ {} vào ngày {day}), quá {limit} lần", p.name, period.year, limit + 1 ;
                   "{} was absent with reason {len} times in a row in {} (the {}th time on {day}), more than {limit}", p.name, period.year, limit + 1),
            )
            .breach(Shortcoming::ConsecutiveExcused {
                person: p.name.clone(),
                times: len,
                limit,
                year: period.year,
            });
            f.date = Some(date);
            out.push(on_person_in_year(f, p, period));
        }
        let count = r.unexcused;
        if max > 0 && count >= max {
            let mut f = Flag::new(
                FlagKind::UnexcusedYear,
                cell,
                Severity::Error,
                t!("đồng chí {} đã vắng không lý do {count} lần trong năm {} (mức xem xét xóa tên: {max} lần, Điều lệ Đảng Điều 8)", p.name, period.year ;
                   "{} has been absent without reason {count} times in {} (the limit for removal under Article 8 of the Party Statute: {max})", p.name, period.year),
            )
            .breach(Shortcoming::UnexcusedYear {
                person: p.name.clone(),
                count,
                limit: max,
                year: period.year,
            });
            f.date = r.last_unexcused;
            out.push(on_person_in_year(f, p, period));
        }
    }
    out
}

/// A yearly flag placed on a person: their name and row, and the period of the year.
fn on_person_in_year(f: Flag, p: &crate::model::Person, period: &Period) -> Flag {
    let mut f = f.person(&p.name);
    f.period = Period::year(period.year);
    f.source = Some(p.source.clone());
    f
}

/// One person's absences over the year so far (chính thức and dự bị days only).
#[derive(Clone, Copy, Default)]
struct AbsenceRecord {
    /// Excused absences in a row up to the last meeting.
    run: u32,
    /// The longest run over the limit and the day it first passed it.
    over: Option<(u32, NaiveDate)>,
    /// Absences without reason.
    unexcused: u32,
    /// The day of the last of them.
    last_unexcused: Option<NaiveDate>,
}

impl AbsenceRecord {
    fn mark(&mut self, mark: Option<Mark>, date: NaiveDate, limit: u32) {
        match mark {
            Some(Mark::Excused) => {
                self.run += 1;
                if self.run > limit {
                    match &mut self.over {
                        Some((len, _)) => *len = (*len).max(self.run),
                        None => self.over = Some((self.run, date)),
                    }
                }
            }
            Some(Mark::Present) => self.run = 0,
            Some(Mark::Unexcused) => {
                self.run = 0;
                self.unexcused += 1;
                self.last_unexcused = Some(date);
            }
            Some(Mark::Exempt) | None => {}
        }
    }
}

/// Each person's absences (by index in `cell.people`) over the meetings held from the start
/// of `period`'s year to its end or `as_of`.
fn absence_records(
    cell: &Cell,
    period: &Period,
    as_of: NaiveDate,
    limit: u32,
) -> Vec<AbsenceRecord> {
    let (from, to) = period.year_to_date();
    let to = to.min(as_of);
    let mut records = vec![AbsenceRecord::default(); cell.people.len()];
    let held = cell
        .meetings
        .iter()
        .filter(|m| held_by(m, as_of) && from <= m.date && m.date <= to);
    for m in held {
        for e in &m.attendance {
            let Some(p) = cell.people.get(e.person) else {
                continue;
            };
            if !matches!(p.standing_on(m.date), Standing::ChinhThuc | Standing::DuBi) {
                continue;
            }
            if let Some(r) = records.get_mut(e.person) {
                r.mark(e.mark, m.date, limit);
            }
        }
    }
    records
}

/// People on the rolls of more than one cell.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DuplicateGroup {
    /// `(cell index, person index)`, sorted; at least two cells.
    pub members: Vec<(usize, usize)>,
    /// What matched: `name_birth` or `card`.
    pub by: &'static str,
}

fn birth_year(b: Birth) -> i32 {
    use chrono::Datelike as _;
    match b {
        Birth::Date(d) => d.year(),
        Birth::Year(y) => y,
    }
}

/// What duplicate detection keeps of one person on a cell's rolls: enough to match them and to
/// word the flag, so that the cell's model can be dropped once the cell is consolidated. Kept
/// small (one allocation, the name; the sheet's name shared by the cell's entries): a
/// province-wide run keeps one per member until the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollEntry {
    /// Index of the cell among the consolidated ones.
    pub cell: usize,
    /// Index of the person in the cell's [`Cell::people`].
    pub person: usize,
    name: String,
    /// Year of birth, when known and the name is not empty.
    birth_year: Option<i32>,
    /// Card number, trimmed, when there is one.
    card: Option<String>,
    sheet: std::sync::Arc<str>,
    row: u32,
}

/// The people of `cell` (index `ci`) that duplicate detection looks at: members on the rolls on
/// `on`, hosted members (`Sinh hoạt tạm thời`, legitimately on two cells' rolls) left out, and
/// only those with a name and birth year or a card number to match on.
#[must_use]
pub fn roll_entries(cell: &Cell, ci: usize, on: NaiveDate) -> Vec<RollEntry> {
    let mut sheet: Option<std::sync::Arc<str>> = None;
    cell.people
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.temporary && p.standing_on(on).is_member_on_rolls())
        .filter_map(|(pi, p)| {
            let birth_year = p.birth.filter(|_| !p.key.is_empty()).map(birth_year);
            let card = p
                .card_no
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string);
            if birth_year.is_none() && card.is_none() {
                return None;
            }
            let shared = match &sheet {
                Some(s) if **s == *p.source.sheet => s.clone(),
                _ => {
                    let s: std::sync::Arc<str> = p.source.sheet.as_str().into();
                    sheet = Some(s.clone());
                    s
                }
            };
            Some(RollEntry {
                cell: ci,
                person: pi,
                name: p.name.clone(),
                birth_year,
                card,
                sheet: shared,
                row: p.source.row,
            })
        })
        .collect()
}

/// Groups the entries of people on two or more cells' rolls: same name key and birth year, or
/// same card number. One pass into `BTreeMap`s: no pairwise scan, stable order.
#[must_use]
pub fn duplicate_groups(entries: &[RollEntry]) -> Vec<DuplicateGroup> {
    let mut by_name: BTreeMap<(String, i32), Vec<(usize, usize)>> = BTreeMap::new();
    let mut by_card: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for e in entries {
        if let Some(year) = e.birth_year {
            by_name
                .entry((name_key(&e.name), year))
                .or_default()
                .push((e.cell, e.person));
        }
        if let Some(card) = &e.card {
            by_card
                .entry(card.as_str())
                .or_default()
                .push((e.cell, e.person));
        }
    }
    let spans_cells =
        |v: &[(usize, usize)]| v.iter().map(|&(c, _)| c).collect::<BTreeSet<_>>().len() > 1;
    let mut seen: BTreeSet<Vec<(usize, usize)>> = BTreeSet::new();
    let mut out = Vec::new();
    for (by, groups) in [
        ("name_birth", by_name.into_values().collect::<Vec<_>>()),
        ("card", by_card.into_values().collect::<Vec<_>>()),
    ] {
        for mut g in groups {
            g.sort_unstable();
            if spans_cells(&g) && seen.insert(g.clone()) {
                out.push(DuplicateGroup { members: g, by });
            }
        }
    }
    out.sort();
    out
}

/// People on the rolls (as members, on `on`) of two or more cells: same name key and birth year,
/// or same card number. Hosted members (`Sinh hoạt tạm thời`) are legitimately on two cells'
/// rolls and are left out.
#[must_use]
pub fn duplicate_people(cells: &[&Cell], on: NaiveDate) -> Vec<DuplicateGroup> {
    let entries: Vec<RollEntry> = cells
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| roll_entries(c, ci, on))
        .collect();
    duplicate_groups(&entries)
}

/// The other cells a flag names: at most [`OTHERS_NAMED`], then how many more, so that a flag
/// stays a line long however many cells share a name.
const OTHERS_NAMED: usize = 5;

/// The first [`OTHERS_NAMED`] of the group's cells other than `own`, and how many more there
/// are. `cells` holds one label per cell of the group, `own` among them, sorted: the work is in
/// the names shown, not the size of the group.
fn others_named(cells: &BTreeSet<(String, usize)>, own: usize) -> (String, usize) {
    let others = cells.len().saturating_sub(1);
    let shown: Vec<&str> = cells
        .iter()
        .filter(|(_, c)| *c != own)
        .take(OTHERS_NAMED)
        .map(|(label, _)| label.as_str())
        .collect();
    (shown.join(", "), others.saturating_sub(shown.len()))
}

/// One flag per person of each group, naming the other cells. `entries` are sorted by
/// `(cell, person)`, as [`roll_entries`] gives them cell after cell; `names` gives a cell's name
/// and workbook.
pub(crate) fn duplicate_flags<'a>(
    entries: &[RollEntry],
    names: impl Fn(usize) -> Option<(&'a str, &'a str)>,
    groups: &[DuplicateGroup],
) -> Vec<Flag> {
    let mut out = Vec::new();
    for g in groups {
        // The group's cells, named once (a name shared by 2,000 cells' rolls made each of its
        // 2,000 flags list the 1,999 others: gigabytes of text).
        let cells: BTreeSet<(String, usize)> = g
            .members
            .iter()
            .filter_map(|&(c, _)| names(c).map(|(name, file)| (format!("{name} ({file})"), c)))
            .collect();
        for &(ci, pi) in &g.members {
            let Ok(at) = entries.binary_search_by(|e| (e.cell, e.person).cmp(&(ci, pi))) else {
                continue;
            };
            let (Some(e), Some((cell, file))) = (entries.get(at), names(ci)) else {
                continue;
            };
            let (others, more) = others_named(&cells, ci);
            let (more_vi, more_en) = if more > 0 {
                (
                    format!(" và {more} chi bộ khác"),
                    format!(" and {more} other cells"),
                )
            } else {
                (String::new(), String::new())
            };
            let (why_vi, why_en) = if g.by == "card" {
                ("cùng số thẻ đảng viên", "same card number")
            } else {
                ("cùng họ tên và năm sinh", "same name and year of birth")
            };
            let mut f = Flag::named(
                FlagKind::DuplicatePerson,
                cell,
                file,
                Severity::Warning,
                t!("đồng chí {} cũng có tên trong danh sách {others}{more_vi} ({why_vi})", e.name ;
                   "{} is also on the rolls of {others}{more_en} ({why_en})", e.name),
            )
            .person(&e.name);
            f.source = Some(Source {
                sheet: e.sheet.to_string(),
                row: e.row,
            });
            out.push(f);
        }
    }
    out
}
