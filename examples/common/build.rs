//! A year of meetings for a cell: 12 monthly regular meetings (one may be missing), four
//! thematic ones (one held with the regular meeting of its month), next year's planned
//! thematic rows, attendance drawn from each person's standing on the day, Phú Thọ scores.

use chrono::{Datelike as _, NaiveDate, Weekday};

use super::{Att, Cell, Commendation, Mark, Meeting, Person, SplitMix64, Standing, on_or_after};

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

/// Builds the meetings and commendations of a cell from its people and plan.
#[must_use]
pub fn build_meetings(people: &[Person], plan: &Plan) -> (Vec<Meeting>, Vec<Commendation>) {
    let mut rng = SplitMix64::new(plan.seed);
    let y = plan.year;
    let thematic_months = [3, 6, 9, 11];
    let mut meetings = Vec::new();
    for month in 1..=12u32 {
        let quarter = usize::try_from((month - 1) / 3).unwrap_or(0);
        if plan.skip_month != Some(month) {
            let combined = month == plan.combined_month;
            let date = on_or_after(y, month, plan.regular_day, plan.weekday);
            let (next_m, next_y) = if month == 12 {
                (1, y + 1)
            } else {
                (month + 1, y)
            };
            let regular_topic = format!(
                "Đánh giá kết quả thực hiện nhiệm vụ tháng {month:02}/{y}, triển khai nhiệm vụ tháng {next_m:02}/{next_y}"
            );
            let (topic, presenter, form) = if combined {
                let (t, f) = plan.topics[quarter];
                (t.to_string(), Some(plan.presenters[quarter]), Some(f))
            } else {
                (regular_topic, None, None)
            };
            let end = if combined {
                (16, 30)
            } else if plan.short_month == Some(month) {
                (15, 15)
            } else {
                (16, rng.range(0, 2) * 15)
            };
            let mut m = held(
                people,
                plan,
                &mut rng,
                date,
                (true, combined),
                topic,
                ((14, 0), end),
                presenter,
                form,
            );
            if plan.deputy.is_some() && month == 8 {
                // The deputy chairs once, while the bí thư is away on duty.
                m.chair = people[plan.deputy.unwrap_or(plan.chair)].name();
            }
            meetings.push(m);
        }
        if thematic_months.contains(&month) && month != plan.combined_month {
            let date = on_or_after(y, month, 24, Weekday::Thu);
            let (t, f) = plan.topics[quarter];
            let start = (8, 0);
            let end = (10, rng.range(0, 2) * 15);
            meetings.push(held(
                people,
                plan,
                &mut rng,
                date,
                (false, true),
                t.to_string(),
                (start, end),
                Some(plan.presenters[quarter]),
                Some(f),
            ));
        }
    }
    for (i, (t, f)) in plan.next_topics.iter().enumerate() {
        let month = thematic_months.get(i).copied().unwrap_or(12);
        let presenter = plan.presenters[i % 4];
        meetings.push(Meeting {
            date: on_or_after(y + 1, month, 24, Weekday::Thu),
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
        });
    }
    meetings.sort_by_key(|m| m.date);
    let commendations = plan
        .commendations
        .iter()
        .map(|&(month, person, content, form)| {
            let date = meetings
                .iter()
                .filter(|m| !m.planned && m.regular && m.date.month() == month)
                .map(|m| m.date)
                .next()
                .unwrap_or_else(|| super::ymd(y, month, 28));
            Commendation {
                date,
                person,
                masses: people[person].standing_on(date) == Standing::QuanChung,
                content: content.to_string(),
                form: form.to_string(),
            }
        })
        .collect();
    (meetings, commendations)
}

#[allow(clippy::too_many_arguments)]
fn held(
    people: &[Person],
    plan: &Plan,
    rng: &mut SplitMix64,
    date: NaiveDate,
    (regular, thematic): (bool, bool),
    topic: String,
    (start, end): ((u32, u32), (u32, u32)),
    presenter: Option<usize>,
    form: Option<&str>,
) -> Meeting {
    let month = date.month();
    let always = [Some(plan.chair), Some(plan.clerk), presenter];
    let mut attendance = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let s = p.standing_on(date);
        let (mark, reason) = match s {
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
    let votes_for = present
        .iter()
        .filter(|&&p| people[p].standing_on(date) == Standing::ChinhThuc)
        .count();
    let masses = people
        .iter()
        .filter(|p| p.standing_on(date) == Standing::QuanChung && p.joined.is_none())
        .count();
    let score = regular.then(|| {
        let rate = present.len() * 100 / eligible;
        let g2 = match rate {
            95.. => 20,
            90..=94 => 18,
            85..=89 => 16,
            _ => 12,
        };
        let short = (end.0 * 60 + end.1) - (start.0 * 60 + start.1) < 90;
        let g3 = rng.range(39, 45) - if short { 6 } else { 0 };
        [rng.range(13, 15), g2, g3, rng.range(16, 20)]
    });
    let (next_m, next_y) = if month == 12 {
        (1, date.year() + 1)
    } else {
        (month + 1, date.year())
    };
    let conclusion = if thematic && !regular {
        "Đảng viên nắm vững nội dung chuyên đề; mỗi đồng chí đăng ký việc làm cụ thể để thực hiện trong quý.".to_string()
    } else {
        format!(
            "Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ tháng {month:02}/{}; giao chi ủy đôn đốc triển khai nhiệm vụ tháng {next_m:02}/{next_y}.",
            date.year()
        )
    };
    Meeting {
        date,
        regular,
        thematic,
        planned: false,
        topic,
        start: Some(start),
        end: Some(end),
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
        conclusion: Some(conclusion),
        votes_for: Some(u32::try_from(votes_for).unwrap_or(0)),
        votes_against: Some(0),
        attendance,
        score,
    }
}

/// Assembles a cell.
#[must_use]
pub fn cell(
    file: &str,
    name: &str,
    symbol: &str,
    superior: Option<&str>,
    place: Option<&str>,
    people: Vec<Person>,
    plan: &Plan,
) -> Cell {
    let (meetings, commendations) = build_meetings(&people, plan);
    Cell {
        file: file.to_string(),
        name: name.to_string(),
        symbol: symbol.to_string(),
        superior: superior.map(str::to_string),
        place: place.map(str::to_string),
        secretary: people[plan.chair].name(),
        deputy: plan.deputy.map(|d| people[d].name()),
        term: format!("{}-{}", plan.year, plan.year + 5),
        people,
        meetings,
        commendations,
    }
}
