//! Hand-built cells for the aggregate and workbook tests. Every name is fictional.
#![allow(dead_code, unreachable_pub)]

use chibo::model::{
    AttendanceCounts, AttendanceEntry, AttendanceSource, Cell, CellInfo, Commendation,
    DeclaredStatus, Mark, Meeting, MeetingKinds, MeetingStatus, Person, Score, Source, Target,
};
use chrono::{NaiveDate, NaiveTime};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A chính thức member since long ago.
pub fn member(name: &str) -> Person {
    Person {
        name: name.into(),
        key: chibo::text::name_key(name),
        birth: None,
        gender: None,
        joined: Some(d(2000, 1, 1)),
        full_member_since: Some(d(2001, 1, 1)),
        card_no: None,
        role: None,
        status: None,
        status_since: None,
        transferred_in: None,
        temporary: false,
        note: None,
        source: Source {
            sheet: "Đảng viên".into(),
            row: 3,
        },
    }
}

pub fn probationary(name: &str, joined: NaiveDate, full: Option<NaiveDate>) -> Person {
    Person {
        joined: Some(joined),
        full_member_since: full,
        ..member(name)
    }
}

pub fn exempted(name: &str, since: NaiveDate) -> Person {
    Person {
        status: Some(DeclaredStatus::MienSinhHoat),
        status_since: Some(since),
        ..member(name)
    }
}

pub fn transferred_out(name: &str, since: NaiveDate) -> Person {
    Person {
        status: Some(DeclaredStatus::ChuyenDi),
        status_since: Some(since),
        ..member(name)
    }
}

pub fn masses(name: &str) -> Person {
    Person {
        joined: None,
        full_member_since: None,
        status: Some(DeclaredStatus::QuanChung),
        ..member(name)
    }
}

pub fn meeting(date: NaiveDate, regular: bool, thematic: bool) -> Meeting {
    Meeting {
        date,
        kinds: MeetingKinds { regular, thematic },
        status: MeetingStatus::Held,
        topic: None,
        start: Some(hm(14, 0)),
        end: Some(hm(16, 0)),
        place: None,
        chair: None,
        secretary: None,
        presenter: None,
        form: None,
        guests: Vec::new(),
        masses_present: None,
        opinions: None,
        speakers: Vec::new(),
        conclusion: None,
        votes_for: None,
        votes_against: None,
        counts: AttendanceCounts::default(),
        doc_number: None,
        note: None,
        attendance: Vec::new(),
        score: None,
        source: Source {
            sheet: "Sinh hoạt".into(),
            row: 4,
        },
    }
}

pub fn regular(date: NaiveDate) -> Meeting {
    meeting(date, true, false)
}

pub fn thematic(date: NaiveDate, topic: &str) -> Meeting {
    Meeting {
        topic: Some(topic.into()),
        ..meeting(date, false, true)
    }
}

/// Marks from a string, one char per person: `x` present, `p` excused, `k` unexcused,
/// `m` exempt, `.` empty cell, `-` no entry at all.
pub fn marks(m: &mut Meeting, pattern: &str) {
    m.attendance.clear();
    for (i, c) in pattern.chars().enumerate() {
        let mark = match c {
            'x' => Some(Mark::Present),
            'p' => Some(Mark::Excused),
            'k' => Some(Mark::Unexcused),
            'm' => Some(Mark::Exempt),
            '.' => None,
            _ => continue,
        };
        m.attendance.push(AttendanceEntry {
            person: i,
            mark,
            reason: (c == 'p').then(|| "đi công tác".to_string()),
            source: Source {
                sheet: "Điểm danh".into(),
                row: 5 + u32::try_from(i).unwrap(),
            },
        });
    }
}

pub fn with_marks(mut m: Meeting, pattern: &str) -> Meeting {
    marks(&mut m, pattern);
    m
}

pub fn with_score(mut m: Meeting, groups: &[f64]) -> Meeting {
    m.score = Some(Score {
        groups: groups.iter().map(|g| Some(*g)).collect(),
        total: None,
        band: None,
        upper: None,
        source: Source {
            sheet: "Chấm điểm".into(),
            row: 3,
        },
    });
    m
}

pub fn cell(name: &str, people: Vec<Person>, meetings: Vec<Meeting>) -> Cell {
    Cell {
        file: format!("{}.xlsx", chibo::text::ascii_slug(name)),
        info: CellInfo {
            name: name.into(),
            symbol: "CB".into(),
            superior: "Đảng bộ Khối Thử Nghiệm".into(),
            place: "Hòa Bình".into(),
            ..CellInfo::default()
        },
        people,
        meetings,
        attendance_source: AttendanceSource::Matrix,
        commendations: Vec::new(),
    }
}

pub fn commendation(
    date: NaiveDate,
    name: &str,
    person: Option<usize>,
    target: Target,
) -> Commendation {
    Commendation {
        date: Some(date),
        name: name.into(),
        person,
        target,
        content: Some("Hoàn thành xuất sắc nhiệm vụ".into()),
        form: None,
        source: Source {
            sheet: "Biểu dương".into(),
            row: 2,
        },
    }
}

/// Two cells for Q1 2023 (as of 5/4/2023), figures worked out by hand in
/// `tests/aggregate_summary.rs`.
pub fn sample_cells() -> Vec<Cell> {
    use chibo::model::{Birth, Score};
    let mut an = member("Nguyễn Văn An");
    an.birth = Some(Birth::Year(1980));
    let people_a = vec![
        an,
        member("Trần Thị Bình"),
        probationary("Lê Văn Cường", d(2022, 6, 1), Some(d(2023, 6, 1))),
        exempted("Phạm Văn Dũng", d(2023, 2, 1)),
        masses("Vũ Thị Em"),
    ];
    let jan = with_score(
        with_marks(regular(d(2023, 1, 10)), "xpxxx"),
        &[15.0, 20.0, 45.0, 20.0],
    );
    let mut feb = with_score(
        with_marks(meeting(d(2023, 2, 14), true, true), "xpk.."),
        &[10.0, 15.0, 40.0, 15.0],
    );
    feb.topic = Some("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".into());
    feb.end = Some(hm(15, 30));
    let mut mar = with_marks(regular(d(2023, 3, 14)), "xxx.x");
    mar.score = Some(Score {
        groups: vec![None; 4],
        total: Some(92.0),
        band: Some("Khá".into()),
        upper: None,
        source: Source {
            sheet: "Chấm điểm".into(),
            row: 5,
        },
    });
    let mut planned = thematic(d(2023, 6, 20), "Chuyên đề quý II");
    planned.status = MeetingStatus::Planned;
    let mut a = cell("Chi bộ Một", people_a, vec![jan, feb, mar, planned]);
    a.commendations = vec![
        commendation(d(2023, 2, 20), "Nguyễn Văn An", Some(0), Target::DangVien),
        commendation(d(2023, 3, 1), "Nguyễn Văn An", Some(0), Target::DangVien),
        commendation(d(2023, 3, 1), "Vũ Thị Em", Some(4), Target::QuanChung),
        commendation(d(2022, 12, 30), "Trần Thị Bình", Some(1), Target::DangVien),
    ];

    let mut an_b = member("Nguyễn Văn An");
    an_b.birth = Some(Birth::Date(d(1980, 5, 2)));
    let people_b = vec![
        an_b,
        member("Đỗ Văn Giang"),
        member("Hồ Thị Hạnh"),
        member("Kiều Văn Khánh"),
        member("=HYPERLINK(\"x\")"),
    ];
    let mut b_jan = regular(d(2023, 1, 12));
    b_jan.counts = AttendanceCounts {
        present: Some(5),
        excused: None,
        unexcused: None,
    };
    let mut b_mar = regular(d(2023, 3, 9));
    b_mar.counts = AttendanceCounts {
        present: Some(4),
        excused: None,
        unexcused: Some(1),
    };
    b_mar.topic = Some("-bàn việc +tháng 3 @chi bộ".into());
    let mut b = cell("Chi bộ Hai", people_b, vec![b_jan, b_mar]);
    b.attendance_source = AttendanceSource::Counts;
    vec![a, b]
}
