//! Stage 3: pure functions over the model: periods, attendance, scores, flags, summaries.
//!
//! Nothing here reads files or the clock: "today" is the `as_of` argument. Every rule, its
//! default, its config key and its source are listed in `docs/rules.md`.

pub mod attendance;
pub mod period;
pub mod score;

pub use attendance::{AttendanceTotals, Excused, MeetingAttendance, meeting_attendance};
pub use period::{Period, PeriodKind};
pub use score::{ScoreResult, annual_grade, band_of, meeting_score};
