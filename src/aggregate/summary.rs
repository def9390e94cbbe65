//! A cell's figures for a period (one row of `Tổng hợp`, domain.md §5.1; the numbers of the
//! quarterly report, §4.5), the committee's totals, and the whole consolidation.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::attendance::{AttendanceTotals, MeetingAttendance, meeting_attendance};
use super::flags::{
    DuplicateGroup, Flag, RollEntry, cell_flags, duplicate_flags, duplicate_groups, roll_entries,
};
use super::period::{Period, PeriodKind};
use super::score::{ScoreResult, annual_result, band_rank, meeting_score};
use super::{Rules, held_meetings};
use crate::config::Scheme;
use crate::model::{Cell, Standing, Target};
use crate::text::name_key;

/// Who is on a cell's rolls on one day: the one definition of each member count that every
/// output prints (docs/rules.md "Member counts"). `total = full + probationary`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MemberCounts {
    /// Party members on the rolls (chính thức + dự bị; the exempted are among the chính thức).
    pub total: u32,
    /// Chính thức members, the exempted included (exemption does not end full membership).
    pub full: u32,
    pub probationary: u32,
    /// Of the chính thức, those exempted from meetings (miễn công tác và sinh hoạt đảng).
    pub exempted: u32,
    /// Hosted members (`Sinh hoạt tạm thời`), already counted above.
    pub temporary: u32,
    /// Quần chúng the cell tracks.
    pub masses: u32,
}

impl MemberCounts {
    fn merge(&mut self, o: &MemberCounts) {
        self.total += o.total;
        self.full += o.full;
        self.probationary += o.probationary;
        self.exempted += o.exempted;
        self.temporary += o.temporary;
        self.masses += o.masses;
    }
}

/// The cell's rolls on day `d`, by each person's standing that day.
#[must_use]
pub fn member_counts(cell: &Cell, d: NaiveDate) -> MemberCounts {
    let mut c = MemberCounts::default();
    for p in &cell.people {
        let s = p.standing_on(d);
        match s {
            Standing::ChinhThuc => c.full += 1,
            Standing::DuBi => c.probationary += 1,
            Standing::MienSinhHoat => {
                c.full += 1;
                c.exempted += 1;
            }
            Standing::QuanChung => c.masses += 1,
            Standing::ChuaDen | Standing::DaChuyenDi | Standing::DaTuTran => {}
        }
        if s.is_member_on_rolls() {
            c.total += 1;
            if p.temporary {
                c.temporary += 1;
            }
        }
    }
    c
}

/// The computed figures of one held meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingFigures {
    /// Index into [`Cell::meetings`].
    pub index: usize,
    pub attendance: MeetingAttendance,
    pub score: Option<ScoreResult>,
}

/// The figures of every meeting of `cell` held in `period` by `as_of`, in date order.
#[must_use]
pub fn meeting_figures(
    cell: &Cell,
    period: &Period,
    as_of: NaiveDate,
    rules: &Rules,
) -> Vec<MeetingFigures> {
    held_meetings(cell, period, as_of)
        .map(|(index, m)| MeetingFigures {
            index,
            attendance: meeting_attendance(cell, m, &rules.attendance),
            score: meeting_score(m, &rules.scheme),
        })
        .collect()
}

/// Commendations: people (each counted once) and "lượt" (every commendation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CommendationCounts {
    pub members_people: u32,
    pub members_times: u32,
    pub masses_people: u32,
    pub masses_times: u32,
}

impl CommendationCounts {
    fn merge(&mut self, o: &CommendationCounts) {
        self.members_people += o.members_people;
        self.members_times += o.members_times;
        self.masses_people += o.masses_people;
        self.masses_times += o.masses_times;
    }

    /// All people.
    #[must_use]
    pub fn people(&self) -> u32 {
        self.members_people + self.masses_people
    }

    /// Every commendation ("lượt").
    #[must_use]
    pub fn times(&self) -> u32 {
        self.members_times + self.masses_times
    }
}

/// The commendations of `cell` dated from `first` to `last` (both included): people counted
/// once (by matched person, else by name key), "lượt" = rows, split đảng viên / quần chúng.
/// Undated rows are not counted. The one count of commendations every output prints.
#[must_use]
pub fn commendation_counts(cell: &Cell, first: NaiveDate, last: NaiveDate) -> CommendationCounts {
    let mut out = CommendationCounts::default();
    let mut members: BTreeSet<String> = BTreeSet::new();
    let mut masses: BTreeSet<String> = BTreeSet::new();
    for c in &cell.commendations {
        if !c.date.is_some_and(|d| first <= d && d <= last) {
            continue;
        }
        let who = c
            .person
            .map_or_else(|| name_key(&c.name), |i| format!("#{i}"));
        match c.target {
            Target::DangVien => {
                out.members_times += 1;
                members.insert(who);
            }
            Target::QuanChung => {
                out.masses_times += 1;
                masses.insert(who);
            }
        }
    }
    out.members_people = count(members.len());
    out.masses_people = count(masses.len());
    out
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One cell's figures for a period: a row of `Tổng hợp`, and the numbers of a quarterly
/// (or annual) report. For the committee's totals row see [`totals`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellSummary {
    /// The cell's name (`Tổng cộng` for the totals).
    pub name: String,
    pub file: String,
    pub period: Period,
    /// The rolls on the first day of the period.
    pub members_start: MemberCounts,
    /// The rolls at the end of the period (or on `as_of` when the period has not ended).
    pub members: MemberCounts,
    /// Held regular meetings (a combined session included); two in a month count as two.
    pub regular_held: u32,
    /// Months due a regular meeting ([`Period::due_months`]).
    pub regular_due: u32,
    /// Due months without one.
    pub regular_missing: Vec<Period>,
    /// Held thematic meetings (a combined session included).
    pub thematic_held: u32,
    /// Quarters due a thematic meeting ([`Period::due_quarters`]).
    pub thematic_due: u32,
    /// Due quarters without one.
    pub thematic_missing: Vec<Period>,
    /// Held meetings of every kind (a combined session counts once).
    pub held: u32,
    /// The held thematic meetings (a combined session included), in date order.
    pub thematic_meetings: Vec<HeldThematic>,
    /// Attendance summed over the held **regular** meetings with attendance data (a combined
    /// session included): the period's rate and absences every output prints under
    /// "sinh hoạt thường kỳ" (docs/rules.md).
    pub attendance: AttendanceTotals,
    /// Sum of the counted scores, and how many meetings had one.
    pub score_sum: f64,
    pub score_count: u32,
    /// Meetings per band, in the scheme's order (best first).
    pub band_counts: Vec<u32>,
    pub commendations: CommendationCounts,
    /// Year periods: the annual grade of the regular meetings over every month due
    /// (`scheme.annual`).
    pub annual_grade: Option<String>,
    /// Why: the reason printed beside the annual grade.
    pub annual_reason: Option<String>,
    /// Flags of this cell, by severity: breaches and data warnings.
    pub flag_errors: u32,
    pub flag_warnings: u32,
    /// Each held meeting's figures. Left empty in [`Consolidated::summaries`]: the
    /// consolidation hands each cell's figures to its caller ([`Consolidator::add`]) instead of
    /// keeping every meeting of every cell.
    pub meetings: Vec<MeetingFigures>,
}

/// A held thematic meeting, as the committee's report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeldThematic {
    pub date: NaiveDate,
    /// The topic (`Nội dung / chuyên đề`), empty when the cell left it blank.
    pub topic: String,
}

impl CellSummary {
    /// A summary with every figure at zero, `bands` band counts.
    fn empty(name: String, period: &Period, bands: usize) -> CellSummary {
        CellSummary {
            name,
            file: String::new(),
            period: *period,
            members_start: MemberCounts::default(),
            members: MemberCounts::default(),
            regular_held: 0,
            regular_due: 0,
            regular_missing: Vec::new(),
            thematic_held: 0,
            thematic_due: 0,
            thematic_missing: Vec::new(),
            held: 0,
            thematic_meetings: Vec::new(),
            attendance: AttendanceTotals::default(),
            score_sum: 0.0,
            score_count: 0,
            band_counts: vec![0; bands],
            commendations: CommendationCounts::default(),
            annual_grade: None,
            annual_reason: None,
            flag_errors: 0,
            flag_warnings: 0,
            meetings: Vec::new(),
        }
    }

    /// The average attendance from the summed counts.
    #[must_use]
    pub fn attendance_rate(&self) -> Option<f64> {
        self.attendance.rate()
    }

    /// Topics of the held thematic meetings, in date order (empty topics left out).
    pub fn topics(&self) -> impl Iterator<Item = &str> {
        self.thematic_meetings
            .iter()
            .map(|m| m.topic.as_str())
            .filter(|t| !t.is_empty())
    }

    /// The average counted score.
    #[must_use]
    pub fn score_avg(&self) -> Option<f64> {
        (self.score_count > 0).then(|| self.score_sum / f64::from(self.score_count))
    }
}

/// One cell's figures for `period` (flag counts are filled by [`consolidate`]).
#[must_use]
pub fn cell_summary(cell: &Cell, period: &Period, as_of: NaiveDate, rules: &Rules) -> CellSummary {
    let meetings = meeting_figures(cell, period, as_of, rules);
    let mut s = CellSummary::empty(cell.info.name.clone(), period, rules.scheme.bands.len());
    s.file.clone_from(&cell.file);
    s.members_start = member_counts(cell, period.first);
    s.members = member_counts(cell, period.last.min(as_of).max(period.first));
    let mut regular_bands: Vec<String> = Vec::new();
    let mut shortfalls: Vec<String> = Vec::new();
    for f in &meetings {
        let Some(m) = cell.meetings.get(f.index) else {
            continue;
        };
        s.held += 1;
        if m.kinds.regular {
            s.regular_held += 1;
        }
        if m.kinds.thematic {
            s.thematic_held += 1;
            s.thematic_meetings.push(HeldThematic {
                date: m.date,
                topic: m.topic.clone().unwrap_or_default(),
            });
        }
        if m.kinds.regular {
            s.attendance.add(&f.attendance);
        }
        if let Some(sc) = &f.score {
            if let Some(c) = sc.counted {
                s.score_sum += c;
                s.score_count += 1;
            }
            if let Some(b) = &sc.band {
                if let Some(slot) =
                    band_rank(&rules.scheme, b).and_then(|r| s.band_counts.get_mut(r))
                {
                    *slot += 1;
                }
                if m.kinds.regular {
                    regular_bands.push(b.clone());
                }
            }
        }
        if m.kinds.regular && f.score.as_ref().and_then(|sc| sc.band.as_ref()).is_none() {
            shortfalls.push(format!(
                "buổi sinh hoạt thường kỳ ngày {} chưa xếp loại",
                m.date.format("%d/%m/%Y")
            ));
        }
    }
    count_due(cell, as_of, &mut s);
    for month in &s.regular_missing {
        shortfalls.push(format!(
            "tháng {}/{} không sinh hoạt thường kỳ",
            month.number, month.year
        ));
    }
    if period.kind == PeriodKind::Year {
        // Missing months first, then unscored meetings, each in date order.
        shortfalls.sort_by_key(|r| !r.starts_with("tháng"));
        if let Some(g) = annual_result(&regular_bands, &shortfalls, &rules.scheme) {
            s.annual_grade = Some(g.band);
            s.annual_reason = Some(g.reason);
        }
    }
    s.commendations = commendation_counts(cell, period.first, period.last);
    s.meetings = meetings;
    s
}

/// The figures of each quarter of `year` that has begun by `as_of`, in order: the rows of the
/// annual report's table by quarter, each the same figures as that quarter's own report. A
/// year's summary ([`cell_summary`] over [`Period::year`]) is their sum: counts add up, rates and
/// the average score come from the summed counts.
#[must_use]
pub fn quarter_summaries(
    cell: &Cell,
    year: i32,
    as_of: NaiveDate,
    rules: &Rules,
) -> Vec<CellSummary> {
    Period::year(year)
        .map(|y| y.quarters())
        .unwrap_or_default()
        .iter()
        .filter(|q| q.first <= as_of)
        .map(|q| {
            let mut s = cell_summary(cell, q, as_of, rules);
            // The meetings are in the year's summary; a quarter row needs only its counts.
            s.meetings.clear();
            s
        })
        .collect()
}

/// How many cells got each annual grade, in the scheme's order (best first), and how many got
/// none (no regular meeting graded and no month due): the committee's annual report.
#[must_use]
pub fn annual_grade_counts(summaries: &[CellSummary], scheme: &Scheme) -> (Vec<u32>, u32) {
    let mut counts = vec![0u32; scheme.bands.len()];
    let mut none = 0u32;
    for s in summaries {
        match s
            .annual_grade
            .as_deref()
            .and_then(|g| band_rank(scheme, g))
            .and_then(|r| counts.get_mut(r))
        {
            Some(slot) => *slot += 1,
            None => none += 1,
        }
    }
    (counts, none)
}

/// The months and quarters of the summary's period due a meeting by `as_of`, and those
/// without one.
fn count_due(cell: &Cell, as_of: NaiveDate, s: &mut CellSummary) {
    let held_in = |p: &Period, regular: bool| {
        held_meetings(cell, p, as_of).any(|(_, m)| {
            if regular {
                m.kinds.regular
            } else {
                m.kinds.thematic
            }
        })
    };
    for month in s.period.due_months(as_of) {
        s.regular_due += 1;
        if !held_in(&month, true) {
            s.regular_missing.push(month);
        }
    }
    for quarter in s.period.due_quarters(as_of) {
        s.thematic_due += 1;
        if !held_in(&quarter, false) {
            s.thematic_missing.push(quarter);
        }
    }
}

/// The committee's totals row: every count summed, the rates and the average score computed
/// from the sums (never a mean of the cells' percentages).
#[must_use]
pub fn totals(summaries: &[CellSummary], period: &Period, bands: usize) -> CellSummary {
    let mut t = CellSummary::empty("Tổng cộng".into(), period, bands);
    for s in summaries {
        t.members_start.merge(&s.members_start);
        t.members.merge(&s.members);
        t.held += s.held;
        t.regular_held += s.regular_held;
        t.regular_due += s.regular_due;
        t.thematic_held += s.thematic_held;
        t.thematic_due += s.thematic_due;
        t.attendance.merge(&s.attendance);
        t.score_sum += s.score_sum;
        t.score_count += s.score_count;
        for (a, b) in t.band_counts.iter_mut().zip(&s.band_counts) {
            *a += b;
        }
        t.commendations.merge(&s.commendations);
        t.flag_errors += s.flag_errors;
        t.flag_warnings += s.flag_warnings;
    }
    t
}

/// Everything the committee's workbook and report need.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Consolidated {
    pub period: Period,
    pub as_of: NaiveDate,
    /// One per cell, in the order given.
    pub summaries: Vec<CellSummary>,
    pub totals: CellSummary,
    /// Every flag: per cell in the order given, then people on two cells' rolls.
    pub flags: Vec<Flag>,
    pub duplicates: Vec<DuplicateGroup>,
}

/// Consolidates cells one at a time, in order, keeping of each only what the committee's
/// outputs need: its summary (without per-meeting figures), its flags and who is on its rolls.
/// A run over a thousand cells can so drop each cell's model as soon as its documents are made,
/// and its memory does not grow with the models (docs/performance.md).
#[derive(Debug)]
pub struct Consolidator<'r> {
    period: Period,
    as_of: NaiveDate,
    rules: &'r Rules,
    /// The day the rolls are compared on for people on two cells' rolls.
    on: NaiveDate,
    summaries: Vec<CellSummary>,
    flags: Vec<Flag>,
    rolls: Vec<RollEntry>,
}

impl<'r> Consolidator<'r> {
    #[must_use]
    pub fn new(period: &Period, as_of: NaiveDate, rules: &'r Rules) -> Self {
        Consolidator {
            period: *period,
            as_of,
            rules,
            on: period.last.min(as_of).max(period.first),
            summaries: Vec::new(),
            flags: Vec::new(),
            rolls: Vec::new(),
        }
    }

    /// How many cells were added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// No cell was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// Adds the next cell (its index is [`Self::len`] before the call) and returns the figures
    /// of each meeting it held in the period, which the kept summary leaves out.
    pub fn add(&mut self, cell: &Cell) -> Vec<MeetingFigures> {
        let ci = self.summaries.len();
        let mut s = cell_summary(cell, &self.period, self.as_of, self.rules);
        let flags = cell_flags(cell, &self.period, self.as_of, self.rules);
        s.flag_errors = count(
            flags
                .iter()
                .filter(|f| f.severity == crate::diagnostic::Severity::Error)
                .count(),
        );
        s.flag_warnings = count(flags.len()) - s.flag_errors;
        self.flags.extend(flags);
        self.rolls.extend(roll_entries(cell, ci, self.on));
        let figures = std::mem::take(&mut s.meetings);
        self.summaries.push(s);
        figures
    }

    /// The consolidation of the cells added: people on two cells' rolls found and flagged, the
    /// totals summed.
    #[must_use]
    pub fn finish(self) -> Consolidated {
        let mut summaries = self.summaries;
        let duplicates = duplicate_groups(&self.rolls);
        let names = |ci: usize| {
            summaries
                .get(ci)
                .map(|s| (s.name.as_str(), s.file.as_str()))
        };
        let dup_flags = duplicate_flags(&self.rolls, names, &duplicates);
        for &(ci, _) in duplicates.iter().flat_map(|g| &g.members) {
            if let Some(s) = summaries.get_mut(ci) {
                s.flag_warnings += 1;
            }
        }
        let mut flags = self.flags;
        flags.extend(dup_flags);
        let totals = totals(&summaries, &self.period, self.rules.scheme.bands.len());
        Consolidated {
            period: self.period,
            as_of: self.as_of,
            summaries,
            totals,
            flags,
            duplicates,
        }
    }
}

/// Consolidates the cells, in the order given (so it is the same on every run). The summaries
/// leave out per-meeting figures ([`Consolidator`]).
#[must_use]
pub fn consolidate(
    cells: &[&Cell],
    period: &Period,
    as_of: NaiveDate,
    rules: &Rules,
) -> Consolidated {
    let mut c = Consolidator::new(period, as_of, rules);
    for cell in cells {
        c.add(cell);
    }
    c.finish()
}
