//! Stage 3: pure functions over the model: periods, attendance, scores, flags, summaries.
//!
//! Nothing here reads files or the clock: "today" is the `as_of` argument. Every rule, its
//! default, its config key and its source are listed in `docs/rules.md`.

use chrono::NaiveDate;

use crate::config::{AttendanceRules, Config, DurationRules, Scheme};
use crate::model::{Cell, Meeting, MeetingStatus};

pub mod attendance;
pub mod flags;
pub mod period;
pub mod score;
pub mod shortcomings;
pub mod summary;

pub use attendance::{AttendanceTotals, Excused, MeetingAttendance, meeting_attendance};
pub use flags::{
    DuplicateGroup, Flag, FlagKind, RollEntry, cell_flags, duplicate_groups, duplicate_people,
    meeting_flags, roll_entries,
};
pub use period::{Period, PeriodKind};
pub use score::{
    AnnualGrade, Banded, ScoreResult, annual_grade, annual_result, band_of, meeting_score,
};
pub use shortcomings::{
    CellsConcerned, SHORTCOMING_KINDS, Shortcoming, cell_shortcomings, cells_concerned,
    shortcomings,
};
pub use summary::{
    CellSummary, CommendationCounts, Consolidated, Consolidator, HeldThematic, MeetingFigures,
    MemberCounts, cell_summary, commendation_counts, consolidate, meeting_figures, member_counts,
    totals,
};

/// The rules the aggregate stage applies, resolved from the config once.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub attendance: AttendanceRules,
    pub duration: DurationRules,
    pub scheme: Scheme,
}

impl Rules {
    /// The rules of a committee's config (the scheme resolved from its preset). Resolve the
    /// config for the period's year first ([`Config::for_year`]): with `[cham_diem] mau` unset
    /// the scheme follows that year (`phu_tho` up to 2025, `hd42` from 2026; docs/rules.md).
    #[must_use]
    pub fn from_config(config: &Config) -> Rules {
        Rules {
            attendance: config.diem_danh.clone(),
            duration: config.thoi_luong.clone(),
            scheme: config.scheme(),
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::from_config(&Config::default())
    }
}

/// The meetings of `cell` held in `period` by `as_of` (status `Đã họp`, dated inside the period
/// and not after `as_of`), with their index in [`Cell::meetings`].
pub fn held_meetings<'a>(
    cell: &'a Cell,
    period: &Period,
    as_of: NaiveDate,
) -> impl Iterator<Item = (usize, &'a Meeting)> + 'a {
    let period = *period;
    cell.meetings.iter().enumerate().filter(move |(_, m)| {
        m.status == MeetingStatus::Held && period.contains(m.date) && m.date <= as_of
    })
}
