//! Stage 2: typed, validated records of each cell.
//!
//! [`build_cell`] turns a [`RawWorkbook`](crate::workbook::RawWorkbook) into a [`Cell`]:
//! values are parsed (day-first dates, times, numbers written as text), names in the
//! attendance, score and commendation sheets are matched to people, and every problem becomes a
//! [`Diagnostic`](crate::diagnostic::Diagnostic) with its file, sheet, cell, column and value.
//! Nothing here reads files or knows about periods; that is [`crate::aggregate`].

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

mod attendance;
mod build;
mod commendations;
mod example_row;
mod meetings;
mod people;
mod scores;
mod standing;
mod values;

pub use attendance::{ACCEPTED_MARKS, parse_mark};
pub use build::build_cell;
pub use commendations::parse_target;
pub use meetings::{parse_kinds, parse_status as parse_meeting_status};
pub use people::parse_status as parse_declared_status;

/// Where a record came from, for messages and for the `Nguồn` columns of the summary workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The sheet's name as the workbook spells it.
    pub sheet: String,
    /// Absolute 0-based row.
    pub row: u32,
}

/// The identity of a cell (`Thông tin`, with config defaults filled in).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CellInfo {
    /// `Chi bộ 2`.
    pub name: String,
    /// Issuer symbol used in document numbers: `CB2`.
    pub symbol: String,
    /// The superior organisation, first header line: `Đảng bộ Sở Công Thương`.
    pub superior: String,
    /// Place name of the date line: `Bình Thuận`.
    pub place: String,
    pub secretary: Option<String>,
    pub deputy: Option<String>,
    /// `2020-2025`.
    pub term: Option<String>,
}

/// A date of birth, or only its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Birth {
    Date(NaiveDate),
    Year(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Nam,
    Nu,
}

/// The `Trạng thái` column: the status the sheet declares, effective from `Từ ngày`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclaredStatus {
    ChinhThuc,
    DuBi,
    /// Miễn công tác và sinh hoạt đảng.
    MienSinhHoat,
    /// Sinh hoạt tạm thời: hosted by this cell, on its rolls.
    SinhHoatTamThoi,
    ChuyenDi,
    TuTran,
    QuanChung,
}

/// A person's standing on one day, computed from the dated fields
/// ([`Person::standing_on`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Full member, on the rolls.
    ChinhThuc,
    /// Probationary member, on the rolls.
    DuBi,
    /// A member exempted from Party work and meetings (on the rolls, out of the denominator).
    MienSinhHoat,
    /// Not a Party member (or not yet one that day), under the cell's leadership.
    QuanChung,
    /// Not yet on this cell's rolls (before `Ngày chuyển đến`).
    ChuaDen,
    /// Transferred out.
    DaChuyenDi,
    /// Deceased.
    DaTuTran,
}

impl Standing {
    /// A Party member on the cell's rolls that day (exempted included).
    #[must_use]
    pub fn is_member_on_rolls(self) -> bool {
        matches!(
            self,
            Standing::ChinhThuc | Standing::DuBi | Standing::MienSinhHoat
        )
    }

    /// The Vietnamese label (`Chính thức`, `Dự bị` …).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Standing::ChinhThuc => "Chính thức",
            Standing::DuBi => "Dự bị",
            Standing::MienSinhHoat => "Miễn sinh hoạt",
            Standing::QuanChung => "Quần chúng",
            Standing::ChuaDen => "Chưa chuyển đến",
            Standing::DaChuyenDi => "Chuyển đi",
            Standing::DaTuTran => "Từ trần",
        }
    }

    /// The snake_case code used in JSON (`chinh_thuc`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Standing::ChinhThuc => "chinh_thuc",
            Standing::DuBi => "du_bi",
            Standing::MienSinhHoat => "mien_sinh_hoat",
            Standing::QuanChung => "quan_chung",
            Standing::ChuaDen => "chua_den",
            Standing::DaChuyenDi => "chuyen_di",
            Standing::DaTuTran => "tu_tran",
        }
    }
}

/// One person on the cell's rolls (a member, or a quần chúng the cell tracks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The name, cleaned (NFC, single spaces), as typed otherwise.
    pub name: String,
    /// [`crate::text::name_key`] of the name.
    #[serde(skip)]
    pub key: String,
    pub birth: Option<Birth>,
    pub gender: Option<Gender>,
    /// `Ngày vào Đảng`; `None` for quần chúng.
    pub joined: Option<NaiveDate>,
    /// `Ngày chính thức`; `None` while dự bị.
    pub full_member_since: Option<NaiveDate>,
    /// Kept as text: leading zeros matter.
    pub card_no: Option<String>,
    /// `Bí thư`, `Phó Bí thư`, `Chi ủy viên`, `Đảng viên`.
    pub role: Option<String>,
    pub status: Option<DeclaredStatus>,
    /// `Từ ngày` of the declared status.
    pub status_since: Option<NaiveDate>,
    /// First day on this cell's rolls, when the person joined from elsewhere.
    pub transferred_in: Option<NaiveDate>,
    /// Hosted from another cell (`Sinh hoạt tạm thời`).
    pub temporary: bool,
    pub note: Option<String>,
    pub source: Source,
}

/// The kinds of a meeting: a combined session is both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct MeetingKinds {
    /// Thường kỳ.
    pub regular: bool,
    /// Chuyên đề.
    pub thematic: bool,
}

impl MeetingKinds {
    #[must_use]
    pub fn combined(self) -> bool {
        self.regular && self.thematic
    }

    /// `Thường kỳ`, `Chuyên đề` or `Thường kỳ + Chuyên đề`, as documents and the summary
    /// workbook print it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match (self.regular, self.thematic) {
            (true, true) => "Thường kỳ + Chuyên đề",
            (false, true) => "Chuyên đề",
            _ => "Thường kỳ",
        }
    }

    /// `["thuong_ky", "chuyen_de"]` as in `check --json`.
    #[must_use]
    pub fn codes(self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.regular {
            v.push("thuong_ky");
        }
        if self.thematic {
            v.push("chuyen_de");
        }
        v
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Đã họp.
    Held,
    /// Kế hoạch.
    Planned,
    /// Hoãn.
    Postponed,
}

impl MeetingStatus {
    /// The Vietnamese label (`Đã họp`, `Kế hoạch`, `Hoãn`), as the workbooks write it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Held => "Đã họp",
            MeetingStatus::Planned => "Kế hoạch",
            MeetingStatus::Postponed => "Hoãn",
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Held => "held",
            MeetingStatus::Planned => "planned",
            MeetingStatus::Postponed => "postponed",
        }
    }
}

/// An attendance mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Present,
    /// Vắng có lý do.
    Excused,
    /// Vắng không lý do.
    Unexcused,
    /// Miễn.
    Exempt,
}

/// One person's attendance at one meeting, from the `Điểm danh` sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendanceEntry {
    /// Index into [`Cell::people`].
    pub person: usize,
    /// `None`: the cell was left empty.
    pub mark: Option<Mark>,
    pub reason: Option<String>,
    pub source: Source,
}

/// Attendance counts typed in the `Sinh hoạt` sheet, used only when there is no `Điểm danh`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AttendanceCounts {
    pub present: Option<u32>,
    pub excused: Option<u32>,
    pub unexcused: Option<u32>,
}

/// The score a meeting got (`Chấm điểm`), as typed; bands are computed in
/// [`crate::aggregate`] with the configured scheme.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// One entry per criteria group of the configured scheme, in order.
    pub groups: Vec<Option<f64>>,
    /// `Tổng điểm` as typed.
    pub total: Option<f64>,
    /// `Xếp loại` as typed.
    pub band: Option<String>,
    /// `Điểm cấp trên`.
    pub upper: Option<f64>,
    pub source: Source,
}

/// One meeting (buổi sinh hoạt), held or planned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meeting {
    pub date: NaiveDate,
    pub kinds: MeetingKinds,
    pub status: MeetingStatus,
    /// `Nội dung`: the topic of a chuyên đề, or the content.
    pub topic: Option<String>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: Option<String>,
    /// Defaults to the Bí thư when empty.
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub presenter: Option<String>,
    /// Form of a chuyên đề: tập trung, tọa đàm …
    pub form: Option<String>,
    pub guests: Vec<String>,
    pub masses_present: Option<u32>,
    pub opinions: Option<u32>,
    pub speakers: Vec<String>,
    pub conclusion: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub counts: AttendanceCounts,
    pub doc_number: Option<String>,
    pub note: Option<String>,
    /// From `Điểm danh`, one entry per person listed for this meeting.
    pub attendance: Vec<AttendanceEntry>,
    pub score: Option<Score>,
    pub source: Source,
}

impl Meeting {
    /// Any attendance count typed in `Sinh hoạt`.
    #[must_use]
    pub fn has_counts(&self) -> bool {
        self.counts.present.is_some()
            || self.counts.excused.is_some()
            || self.counts.unexcused.is_some()
    }

    /// The meeting has a result: attendance counts, a marked `Điểm danh` entry, a score, a
    /// conclusion or a vote. A meeting whose `Tình trạng` is empty is held when it has one.
    #[must_use]
    pub fn has_result(&self) -> bool {
        self.has_counts()
            || self.attendance.iter().any(|e| e.mark.is_some())
            || self.score.is_some()
            || self.conclusion.is_some()
            || self.votes_for.is_some()
            || self.votes_against.is_some()
    }

    /// Minutes between start and end (an end past midnight wraps).
    #[must_use]
    pub fn duration_minutes(&self) -> Option<u32> {
        let (s, e) = (self.start?, self.end?);
        let mut d = (e - s).num_minutes();
        if d < 0 {
            d += 24 * 60;
        }
        u32::try_from(d).ok()
    }
}

/// Đảng viên or quần chúng, for commendations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    DangVien,
    QuanChung,
}

/// One commendation (`Biểu dương`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commendation {
    pub date: Option<NaiveDate>,
    pub name: String,
    /// Index into [`Cell::people`] when the name matched someone.
    pub person: Option<usize>,
    pub target: Target,
    pub content: Option<String>,
    pub form: Option<String>,
    pub source: Source,
}

/// Where the attendance of a cell's meetings comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceSource {
    Matrix,
    Long,
    /// The counts in `Sinh hoạt` (no `Điểm danh` sheet).
    Counts,
    None,
}

/// One Party cell and everything its workbook says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The workbook, as shown to the user (relative to the input folder).
    pub file: String,
    pub info: CellInfo,
    pub people: Vec<Person>,
    /// Sorted by date, then by source row.
    pub meetings: Vec<Meeting>,
    pub attendance_source: AttendanceSource,
    pub commendations: Vec<Commendation>,
}
