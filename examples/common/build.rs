//! A year of meetings for a cell: 12 monthly regular meetings (one may be missing), four
//! thematic ones (one held with the regular meeting of its month), next year's planned
//! thematic rows, attendance drawn from each person's standing on the day, scores under the
//! scheme of the year (Phú Thọ up to 2025, 42-HD/BTCTW from 2026).

use chrono::{Datelike as _, NaiveDate, Weekday};

use super::{
    Att, Cell, Commendation, Mark, Meeting, Person, Scoring, SplitMix64, Standing, on_or_after,
};

/// How to lay out a cell's year.
#[derive(Clone, Debug)]
pub struct Plan {
    pub year: i32,
    pub seed: u64,
    /// Regular meetings fall on the first `weekday` on or after `regular_day` of each month.
    pub weekday: Weekday,
    pub regular_day: u32,
    /// A month with no regular meeting (the committee should flag it).
    pub skip_month: Option<u32>,
    /// A month whose regular meeting lasts under 90 minutes.
    pub short_month: Option<u32>,
    /// The month whose regular meeting is also that quarter's thematic one.
    pub combined_month: u32,
    /// This year's four thematic topics, one per quarter: (topic, form).
    pub topics: [(&'static str, &'static str); 4],
    /// Next year's planned thematic topics (`Kế hoạch` rows).
    pub next_topics: Vec<(&'static str, &'static str)>,
    pub place: String,
    /// Indexes into `people`: the bí thư (chair), the deputy, the meeting clerk (thư ký),
    /// and the presenters of the thematic meetings (one per quarter).
    pub chair: usize,
    pub deputy: Option<usize>,
    pub clerk: usize,
    pub presenters: [usize; 4],
    /// The rare unexcused absence: (month, person).
    pub unexcused: Vec<(u32, usize)>,
    /// Percentage of eligible members present, roughly.
    pub presence: u32,
    /// Commendations: (month, person, content, form).
    pub commendations: Vec<(u32, usize, &'static str, &'static str)>,
}

/// Reasons given for an excused absence.
pub const REASONS: &[&str] = &[
    "ốm",
    "đi công tác",
    "việc gia đình",
    "đi học",
    "nghỉ phép",
    "trực cơ quan",
];

/// The guest at thematic meetings (an invented name).
pub const GUEST: &str = "Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở";

/// The months of the quarters' thematic meetings.
const THEMATIC_MONTHS: [u32; 4] = [3, 6, 9, 11];

/// Builds the meetings and commendations of a cell from its people and plan.
#[must_use]
pub fn build_meetings(people: &[Person], plan: &Plan) -> (Vec<Meeting>, Vec<Commendation>) {
    let mut rng = SplitMix64::new(plan.seed);
    let mut meetings = Vec::new();
    // One pass over the months in order: the draws of the random generator depend on it.
    for month in 1..=12u32 {
        if plan.skip_month != Some(month) {
            meetings.push(regular_meeting(people, plan, &mut rng, month));
        }
        if THEMATIC_MONTHS.contains(&month) && month != plan.combined_month {
            meetings.push(thematic_meeting(people, plan, &mut rng, month));
        }
    }
    meetings.extend(planned_meetings(people, plan));
    meetings.sort_by_key(|m| m.date);
    let commendations = commendations(people, plan, &meetings);
    (meetings, commendations)
}

/// What a held meeting is: its day, kinds, topic and hours, and for a thematic one its
/// presenter and form.
struct Session {
    date: NaiveDate,
    regular: bool,
    thematic: bool,
    topic: String,
    hours: ((u32, u32), (u32, u32)),
    presenter: Option<usize>,
    form: Option<&'static str>,
}

/// The month's regular meeting (also the quarter's thematic one in `combined_month`).
fn regular_meeting(people: &[Person], plan: &Plan, rng: &mut SplitMix64, month: u32) -> Meeting {
    let y = plan.year;
    let quarter = usize::try_from((month - 1) / 3).unwrap_or(0);
    let combined = month == plan.combined_month;
    let (next_m, next_y) = if month == 12 {
        (1, y + 1)
    } else {
        (month + 1, y)
    };
    let (topic, presenter, form) = if combined {
        let (t, f) = plan.topics[quarter];
        (t.to_string(), Some(plan.presenters[quarter]), Some(f))
    } else {
        let topic = format!(
            "Đánh giá kết quả thực hiện nhiệm vụ tháng {month:02}/{y}, triển khai nhiệm vụ tháng {next_m:02}/{next_y}"
        );
        (topic, None, None)
    };
    let end = if combined {
        (16, 30)
    } else if plan.short_month == Some(month) {
        (15, 15)
    } else {
        (16, rng.range(0, 2) * 15)
    };
    let session = Session {
        date: on_or_after(y, month, plan.regular_day, plan.weekday),
        regular: true,
        thematic: combined,
        topic,
        hours: ((14, 0), end),
        presenter,
        form,
    };
    let mut m = held(people, plan, rng, session);
    if plan.deputy.is_some() && month == 8 {
        // The deputy chairs once, while the bí thư is away on duty.
        m.chair = people[plan.deputy.unwrap_or(plan.chair)].name();
    }
    m
}

/// The quarter's thematic meeting on its own day.
fn thematic_meeting(people: &[Person], plan: &Plan, rng: &mut SplitMix64, month: u32) -> Meeting {
    let quarter = usize::try_from((month - 1) / 3).unwrap_or(0);
    let (t, f) = plan.topics[quarter];
    let end = (10, rng.range(0, 2) * 15);
    let session = Session {
        date: on_or_after(plan.year, month, 24, Weekday::Thu),
        regular: false,
        thematic: true,
        topic: t.to_string(),
        hours: ((8, 0), end),
        presenter: Some(plan.presenters[quarter]),
        form: Some(f),
    };
    held(people, plan, rng, session)
}

/// Next year's thematic meetings, planned (`Kế hoạch`).
fn planned_meetings(people: &[Person], plan: &Plan) -> Vec<Meeting> {
    let planned = |(i, (t, f)): (usize, &(&str, &str))| {
        let month = THEMATIC_MONTHS.get(i).copied().unwrap_or(12);
        let presenter = plan.presenters[i % 4];
        Meeting {
            date: on_or_after(plan.year + 1, month, 24, Weekday::Thu),
            regular: false,
            thematic: true,
            planned: true,
            topic: (*t).to_string(),
            start: None,
            end: None,
            place: plan.place.clone(),
            chair: people[plan.chair].name(),
            secretary: String::new(),
            presenter: Some(people[presenter].name()),
            form: Some((*f).to_string()),
            guests: Vec::new(),
            masses_present: None,
            opinions: None,
            speakers: Vec::new(),
            conclusion: None,
            votes_for: None,
            votes_against: None,
            attendance: Vec::new(),
            score: None,
        }
    };
    plan.next_topics.iter().enumerate().map(planned).collect()
}

/// The plan's commendations, each dated on its month's regular meeting (the 28th without one).
fn commendations(people: &[Person], plan: &Plan, meetings: &[Meeting]) -> Vec<Commendation> {
    plan.commendations
        .iter()
        .map(|&(month, person, content, form)| {
            let date = meetings
                .iter()
                .filter(|m| !m.planned && m.regular && m.date.month() == month)
                .map(|m| m.date)
                .next()
                .unwrap_or_else(|| super::ymd(plan.year, month, 28));
            Commendation {
                date,
                person,
                masses: people[person].standing_on(date) == Standing::QuanChung,
                content: content.to_string(),
                form: form.to_string(),
            }
        })
        .collect()
}

/// A held meeting: attendance, speakers, the score of a regular meeting, conclusion
/// and votes. The random draws come in this order: attendance, speakers, score, opinions.
fn held(people: &[Person], plan: &Plan, rng: &mut SplitMix64, session: Session) -> Meeting {
    let Session {
        date,
        regular,
        thematic,
        topic,
        hours,
        presenter,
        form,
    } = session;
    let attendance = attendance(people, plan, rng, date, presenter);
    let present: Vec<usize> = attendance
        .iter()
        .filter(|a| a.mark == Mark::Present)
        .map(|a| a.person)
        .collect();
    let eligible = attendance
        .iter()
        .filter(|a| a.mark != Mark::Exempt)
        .count()
        .max(1);
    let speakers = speakers(plan, rng, &present);
    let votes_for = present
        .iter()
        .filter(|&&p| people[p].standing_on(date) == Standing::ChinhThuc)
        .count();
    let masses = people
        .iter()
        .filter(|p| p.standing_on(date) == Standing::QuanChung && p.joined.is_none())
        .count();
    let scoring = Scoring::of_year(date.year());
    let score = regular.then(|| score(scoring, rng, present.len() * 100 / eligible, hours));
    Meeting {
        date,
        regular,
        thematic,
        planned: false,
        topic,
        start: Some(hours.0),
        end: Some(hours.1),
        place: plan.place.clone(),
        chair: people[plan.chair].name(),
        secretary: people[plan.clerk].name(),
        presenter: presenter.map(|p| people[p].name()),
        form: form.map(str::to_string),
        guests: if thematic {
            vec![GUEST.to_string()]
        } else {
            Vec::new()
        },
        masses_present: (thematic && masses > 0).then(|| u32::try_from(masses).unwrap_or(0)),
        opinions: Some(u32::try_from(speakers.len()).unwrap_or(0) + rng.range(0, 3)),
        speakers: speakers.iter().map(|&p| people[p].name()).collect(),
        conclusion: Some(conclusion(date, thematic && !regular)),
        votes_for: Some(u32::try_from(votes_for).unwrap_or(0)),
        votes_against: Some(0),
        attendance,
        score,
    }
}

/// Everyone on the rolls that day: the chair, the clerk and the presenter are present; the
/// plan's unexcused absences; the others present with the plan's probability, else excused.
fn attendance(
    people: &[Person],
    plan: &Plan,
    rng: &mut SplitMix64,
    date: NaiveDate,
    presenter: Option<usize>,
) -> Vec<Att> {
    let month = date.month();
    let always = [Some(plan.chair), Some(plan.clerk), presenter];
    let mut attendance = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let (mark, reason) = match p.standing_on(date) {
            Standing::MienSinhHoat => (Mark::Exempt, None),
            Standing::ChinhThuc | Standing::DuBi => {
                let roll = rng.below(100);
                if plan.unexcused.contains(&(month, i)) {
                    (Mark::Unexcused, None)
                } else if always.contains(&Some(i)) || roll < plan.presence {
                    (Mark::Present, None)
                } else {
                    (Mark::Excused, Some((*rng.pick(REASONS)).to_string()))
                }
            }
            _ => continue,
        };
        attendance.push(Att {
            person: i,
            mark,
            reason,
        });
    }
    attendance
}

/// Two or three of the present, never the chair.
fn speakers(plan: &Plan, rng: &mut SplitMix64, present: &[usize]) -> Vec<usize> {
    let n_speakers = rng.range(2, 4) as usize;
    let mut speakers = Vec::new();
    let mut k = rng.below(u32::try_from(present.len()).unwrap_or(1)) as usize;
    while speakers.len() < n_speakers.min(present.len().saturating_sub(1)) {
        let p = present[k % present.len()];
        if p != plan.chair && !speakers.contains(&p) {
            speakers.push(p);
        }
        k += 1;
    }
    speakers
}

/// The groups of a regular meeting under `scoring`: attendance from the rate; a short meeting
/// loses points (Phú Thọ: 6 on the organisation group; 42-HD: 3 of its 5 for the duration).
fn score(
    scoring: Scoring,
    rng: &mut SplitMix64,
    rate: usize,
    (start, end): ((u32, u32), (u32, u32)),
) -> Vec<u32> {
    let short = (end.0 * 60 + end.1) - (start.0 * 60 + start.1) < 90;
    match scoring {
        Scoring::PhuTho => {
            let g2 = match rate {
                95.. => 20,
                90..=94 => 18,
                85..=89 => 16,
                _ => 12,
            };
            let g3 = rng.range(39, 45) - if short { 6 } else { 0 };
            vec![rng.range(13, 15), g2, g3, rng.range(16, 20)]
        }
        Scoring::Hd42 => hd42_score(rng, rate, short),
    }
}

/// 42-HD (5/5/10/40/5/30/5, domain.md §0.2): duration, attendance by rate (ward B's steps),
/// preparation, conduct, principles, last month's resolution, closing.
fn hd42_score(rng: &mut SplitMix64, rate: usize, short: bool) -> Vec<u32> {
    let time = if short { 2 } else { 5 };
    let attendance = match rate {
        90.. => 5,
        75..=89 => 4,
        _ => 3,
    };
    vec![
        time,
        attendance,
        rng.range(8, 10),
        rng.range(32, 40),
        rng.range(4, 5),
        rng.range(24, 30),
        rng.range(4, 5),
    ]
}

/// The conclusion of a thematic meeting held alone, or of a regular one.
fn conclusion(date: NaiveDate, thematic_only: bool) -> String {
    let month = date.month();
    if thematic_only {
        return "Đảng viên nắm vững nội dung chuyên đề; mỗi đồng chí đăng ký việc làm cụ thể để thực hiện trong quý.".to_string();
    }
    let (next_m, next_y) = if month == 12 {
        (1, date.year() + 1)
    } else {
        (month + 1, date.year())
    };
    format!(
        "Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ tháng {month:02}/{}; giao chi ủy đôn đốc triển khai nhiệm vụ tháng {next_m:02}/{next_y}.",
        date.year()
    )
}

/// A cell's header: its file and the names its `Thông tin` sheet gives.
pub struct Header<'a> {
    pub file: &'a str,
    pub name: &'a str,
    pub symbol: &'a str,
    pub superior: Option<&'a str>,
    pub place: Option<&'a str>,
}

/// Assembles a cell.
#[must_use]
pub fn cell(header: &Header<'_>, people: Vec<Person>, plan: &Plan) -> Cell {
    let (meetings, commendations) = build_meetings(&people, plan);
    Cell {
        file: header.file.to_string(),
        name: header.name.to_string(),
        symbol: header.symbol.to_string(),
        superior: header.superior.map(str::to_string),
        place: header.place.map(str::to_string),
        secretary: people[plan.chair].name(),
        deputy: plan.deputy.map(|d| people[d].name()),
        term: format!("{}-{}", plan.year, plan.year + 5),
        people,
        meetings,
        commendations,
    }
}
