//! Attendance of one meeting, with each person's standing on the meeting day
//! (domain.md §1.6 and §6.4; rules in `docs/rules.md`).

use serde::Serialize;

use crate::config::AttendanceRules;
use crate::model::{AttendanceEntry, AttendanceSource, Cell, Mark, Meeting, Standing};

/// An absence with a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Excused {
    /// Index into [`Cell::people`].
    pub person: usize,
    pub reason: Option<String>,
}

/// What a meeting's attendance was, computed with each person's standing on the meeting day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MeetingAttendance {
    /// Whether the meeting has any attendance data (marks, or counts when the cell keeps no
    /// `Điểm danh` sheet). Without it every figure below except the rolls is 0 and `rate` is
    /// `None`.
    pub recorded: bool,
    /// Party members on the rolls that day (chính thức + dự bị + exempted).
    pub on_rolls: u32,
    /// Of them, chính thức (exempted members excluded).
    pub full: u32,
    /// Of them, dự bị.
    pub probationary: u32,
    /// Exempted from meetings that day (by standing, or marked `M` at this meeting).
    pub exempted: u32,
    /// Hosted members (`Sinh hoạt tạm thời`) on the rolls that day, already counted above.
    pub temporary: u32,
    /// The denominator of the rate.
    pub eligible: u32,
    /// Members present, all of them (exempted members who came included).
    pub present: u32,
    /// Chính thức present; `None` when only counts are known.
    pub present_full: Option<u32>,
    /// Dự bị present; `None` when only counts are known.
    pub present_probationary: Option<u32>,
    /// Exempted members who attended anyway (in both numerator and denominator).
    pub exempted_present: u32,
    /// Members present who may vote: chính thức members present, exempted chính thức members
    /// who came included (only chính thức members vote; Điều lệ Đảng). `None` when only counts
    /// are known (they cannot say who is chính thức).
    pub voters_present: Option<u32>,
    /// The numerator of the rate: `present`, less dự bị when they are not counted.
    pub counted_present: u32,
    /// Absences with a reason, per person (empty when only counts are known).
    pub excused: Vec<Excused>,
    /// Absences without a reason, per person (empty when only counts are known).
    pub unexcused: Vec<usize>,
    /// Number of absences with a reason.
    pub excused_count: u32,
    /// Number of absences without a reason.
    pub unexcused_count: u32,
    /// Active members (chính thức or dự bị that day) with no mark.
    pub missing: Vec<usize>,
    /// People marked at this meeting who were not on the rolls that day (not yet transferred
    /// in, transferred out, deceased); left out of every figure.
    pub off_rolls: Vec<usize>,
    /// Quần chúng present: `Số quần chúng dự`, or quần chúng marked present.
    pub masses_present: u32,
    /// `counted_present / eligible`, 0..=1; `None` when nobody is eligible or nothing is
    /// recorded.
    pub rate: Option<f64>,
    /// Counts source only: the typed counts add up to `.0` but the rolls say `.1` members
    /// (active, or active + exempted) were expected.
    pub counts_mismatch: Option<(u32, u32)>,
}

impl MeetingAttendance {
    /// The most members who may vote at the meeting, and who they are (for messages): the
    /// chính thức members present when the marks say who came; the members present when only
    /// counts are known; the chính thức members on the rolls when nothing is recorded.
    #[must_use]
    pub fn voters_bound(&self) -> (u32, crate::diagnostic::Text) {
        match self.voters_present {
            Some(n) => (n, crate::t!("đảng viên chính thức" ; "chính thức members")),
            None if self.recorded => (self.present, crate::t!("đảng viên" ; "members")),
            None => (
                self.full + self.exempted,
                crate::t!("đảng viên chính thức trong danh sách" ; "chính thức members on the rolls"),
            ),
        }
    }
}

fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

/// The attendance of meeting `m` of `cell` under `rules` (module docs; `docs/rules.md`).
#[must_use]
pub fn meeting_attendance(cell: &Cell, m: &Meeting, rules: &AttendanceRules) -> MeetingAttendance {
    let mut a = MeetingAttendance::default();
    let per_person = matches!(
        cell.attendance_source,
        AttendanceSource::Matrix | AttendanceSource::Long
    );
    a.recorded = if per_person {
        m.attendance.iter().any(|e| e.mark.is_some())
    } else if cell.attendance_source == AttendanceSource::Counts {
        m.counts.present.is_some() || m.counts.excused.is_some() || m.counts.unexcused.is_some()
    } else {
        false
    };
    let marked = tally_rolls(cell, m, per_person, &mut a);
    if per_person {
        a.masses_present = m.masses_present.unwrap_or(marked.masses);
        if !a.recorded {
            return a;
        }
        settle_marks(cell, m, rules, &marked, &mut a);
    } else {
        a.masses_present = m.masses_present.unwrap_or(0);
        if !a.recorded {
            return a;
        }
        settle_counts(m, rules, &mut a);
    }
    a.rate = ratio(a.counted_present, a.eligible);
    a
}

/// What the marks of the day say beyond the lists [`tally_rolls`] fills.
#[derive(Default)]
struct Marked {
    /// Quần chúng marked present.
    masses: u32,
    /// Chính thức members present (not exempted).
    present_full: u32,
    /// Dự bị members present.
    present_prob: u32,
    /// Exempted chính thức members who came anyway (they may vote).
    exempted_voters: u32,
}

/// Walks the rolls on the meeting's day: counts who is on them and in which standing, and,
/// for a per-person source with marks, who came, who was excused or not, who has no mark and
/// who was marked while off the rolls.
fn tally_rolls(cell: &Cell, m: &Meeting, per_person: bool, a: &mut MeetingAttendance) -> Marked {
    let mut entries: Vec<Option<&AttendanceEntry>> = vec![None; cell.people.len()];
    for e in &m.attendance {
        if let Some(slot) = entries.get_mut(e.person) {
            *slot = Some(e);
        }
    }
    let mut marked = Marked::default();
    for (idx, p) in cell.people.iter().enumerate() {
        let standing = p.standing_on(m.date);
        let entry = entries.get(idx).copied().flatten();
        let mark = entry.and_then(|e| e.mark);
        if !standing.is_member_on_rolls() {
            match standing {
                Standing::QuanChung => {
                    if per_person && mark == Some(Mark::Present) {
                        marked.masses += 1;
                    }
                }
                _ => {
                    if per_person && mark.is_some() {
                        a.off_rolls.push(idx);
                    }
                }
            }
            continue;
        }
        a.on_rolls += 1;
        if p.temporary {
            a.temporary += 1;
        }
        // An `M` mark exempts the member for this meeting.
        let exempt =
            standing == Standing::MienSinhHoat || (per_person && mark == Some(Mark::Exempt));
        if exempt {
            a.exempted += 1;
            if per_person && mark == Some(Mark::Present) {
                a.exempted_present += 1;
                if standing != Standing::DuBi {
                    marked.exempted_voters += 1;
                }
            }
            continue;
        }
        let probationary = standing == Standing::DuBi;
        if probationary {
            a.probationary += 1;
        } else {
            a.full += 1;
        }
        if !per_person || !a.recorded {
            continue;
        }
        match mark {
            Some(Mark::Present) if probationary => marked.present_prob += 1,
            Some(Mark::Present) => marked.present_full += 1,
            Some(Mark::Excused) => a.excused.push(Excused {
                person: idx,
                reason: entry.and_then(|e| e.reason.clone()),
            }),
            Some(Mark::Unexcused) => a.unexcused.push(idx),
            Some(Mark::Exempt) => {}
            None => a.missing.push(idx),
        }
    }
    marked
}

/// The figures of a meeting marked person by person: who came and who counts, and the members
/// expected (those excused left out where the rules say so).
fn settle_marks(
    cell: &Cell,
    m: &Meeting,
    rules: &AttendanceRules,
    marked: &Marked,
    a: &mut MeetingAttendance,
) {
    let counted_prob = |n: u32| if rules.tinh_du_bi { n } else { 0 };
    let active = a.full + counted_prob(a.probationary);
    let (full, prob) = (marked.present_full, marked.present_prob);
    a.present_full = Some(full);
    a.voters_present = Some(full + marked.exempted_voters);
    a.present_probationary = Some(prob);
    a.present = full + prob + a.exempted_present;
    a.counted_present = full + counted_prob(prob) + a.exempted_present;
    a.excused_count = u32::try_from(a.excused.len()).unwrap_or(u32::MAX);
    a.unexcused_count = u32::try_from(a.unexcused.len()).unwrap_or(u32::MAX);
    let excused_counted = if rules.excludes_excused() {
        let counted = a
            .excused
            .iter()
            .filter(|e| {
                rules.tinh_du_bi
                    || cell
                        .people
                        .get(e.person)
                        .is_some_and(|p| p.standing_on(m.date) != Standing::DuBi)
            })
            .count();
        u32::try_from(counted).unwrap_or(u32::MAX)
    } else {
        0
    };
    a.eligible = (active + a.exempted_present).saturating_sub(excused_counted);
}

/// The figures of a meeting recorded as counts in `Sinh hoạt`: the counts as written, checked
/// against the rolls.
fn settle_counts(m: &Meeting, rules: &AttendanceRules, a: &mut MeetingAttendance) {
    let active = a.full + if rules.tinh_du_bi { a.probationary } else { 0 };
    let present = m.counts.present.unwrap_or(0);
    a.excused_count = m.counts.excused.unwrap_or(0);
    a.unexcused_count = m.counts.unexcused.unwrap_or(0);
    a.present = present;
    a.counted_present = present;
    let total = present
        .saturating_add(a.excused_count)
        .saturating_add(a.unexcused_count);
    let expected = a.full + a.probationary;
    if total != expected && total != a.on_rolls {
        a.counts_mismatch = Some((total, expected));
    }
    let excused_counted = if rules.excludes_excused() {
        a.excused_count
    } else {
        0
    };
    // The counts cannot say who came: an exempted member who came, or a count that
    // disagrees with the rolls, must not push the rate above 100 %.
    a.eligible = active.saturating_sub(excused_counted).max(present);
}

/// Attendance summed over several meetings: the period rate is `present / eligible` of the sums,
/// never a mean of the meetings' percentages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct AttendanceTotals {
    /// Meetings with attendance data.
    pub meetings: u32,
    /// Sum of the numerators.
    pub present: u32,
    /// Sum of the denominators.
    pub eligible: u32,
    pub excused: u32,
    pub unexcused: u32,
    pub masses_present: u32,
}

impl AttendanceTotals {
    /// Adds one meeting (nothing when it has no attendance data).
    pub fn add(&mut self, a: &MeetingAttendance) {
        if !a.recorded {
            return;
        }
        self.meetings += 1;
        self.present += a.counted_present;
        self.eligible += a.eligible;
        self.excused += a.excused_count;
        self.unexcused += a.unexcused_count;
        self.masses_present += a.masses_present;
    }

    /// Adds another total (for the committee's totals row).
    pub fn merge(&mut self, o: &AttendanceTotals) {
        self.meetings += o.meetings;
        self.present += o.present;
        self.eligible += o.eligible;
        self.excused += o.excused;
        self.unexcused += o.unexcused;
        self.masses_present += o.masses_present;
    }

    /// `present / eligible` of the sums; `None` when nothing is eligible.
    #[must_use]
    pub fn rate(&self) -> Option<f64> {
        ratio(self.present, self.eligible)
    }
}
