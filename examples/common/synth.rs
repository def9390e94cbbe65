//! Synthetic cells for benchmarks (`gen_committee`): ~25 invented people per cell, a year of
//! monthly meetings plus four thematic ones, matrix attendance, scores under the scheme of the
//! year (Phú Thọ up to 2025, 42-HD/BTCTW from 2026; the config leaves the scheme to the year). Everything is drawn
//! from [`SplitMix64`] seeded with the committee seed and the cell number, so a cell does not
//! depend on the others (they can be built in parallel) and a seed always gives the same files.

use chrono::{Months, NaiveDate, Weekday};

use super::build::{Header, Plan, cell};
use super::{Cell, Gender, Person, SplitMix64, Status, ymd};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ",
];
const MIDDLE_M: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân",
];
const MIDDLE_F: &[&str] = &["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mỹ", "Kim", "Bích"];
const GIVEN_M: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân",
    "Sơn", "Tuấn", "Thắng", "Vinh", "Trung", "Lâm",
];
const GIVEN_F: &[&str] = &[
    "Anh", "Giang", "Hà", "Hạnh", "Hoa", "Huyền", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo",
    "Trang", "Tú", "Vân", "Yến", "Hương", "Nhung",
];

const TOPICS: [(&str, &str); 4] = [
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Tập trung",
    ),
    ("Nâng cao chất lượng sinh hoạt chi bộ", "Tọa đàm"),
    ("Chuyển đổi số trong cơ quan", "Thực tế"),
    ("Thực hành tiết kiệm, chống lãng phí", "Hội thi"),
];

/// `samples`-style config for a synthetic committee.
pub const CHIBO_TOML: &str = r#"# Đảng bộ tổng hợp (dữ liệu sinh tự động, mọi tên đều hư cấu).
[dang_uy]
ten = "Đảng bộ Khối Thử nghiệm"
dia_danh = "Hòa Bình Xanh"

[cham_diem]
# Thang điểm theo năm của kỳ: đến năm 2025 là phu_tho, từ năm 2026 là hd42.
mau = "theo_nam"
"#;

fn date(rng: &mut SplitMix64, from_year: i32, to_year: i32) -> NaiveDate {
    let y = from_year
        + i32::try_from(rng.below(u32::try_from(to_year - from_year + 1).unwrap_or(1)))
            .unwrap_or(0);
    ymd(y, rng.range(1, 12), rng.range(1, 28))
}

fn person(rng: &mut SplitMix64, taken: &mut Vec<String>) -> Person {
    loop {
        let gender = if rng.below(2) == 0 {
            Gender::Nam
        } else {
            Gender::Nu
        };
        let (mid, given) = match gender {
            Gender::Nam => (MIDDLE_M, GIVEN_M),
            Gender::Nu => (MIDDLE_F, GIVEN_F),
        };
        let family = format!("{} {}", rng.pick(FAMILY), rng.pick(mid));
        let given = (*rng.pick(given)).to_string();
        let name = format!("{family} {given}");
        if taken.contains(&name) {
            continue;
        }
        taken.push(name);
        let birth = date(rng, 1962, 1998);
        let joined = date(rng, 1990, 2020).max(
            birth
                .checked_add_months(Months::new(12 * 19))
                .unwrap_or(birth),
        );
        let full = joined.checked_add_months(Months::new(12));
        return Person {
            family,
            given,
            birth,
            birth_year_only: false,
            gender,
            joined: Some(joined),
            full,
            card: Some(format!("{:08}", rng.below(100_000_000))),
            role: "Đảng viên".to_string(),
            status: Some(Status::ChinhThuc),
            since: None,
            transferred_in: None,
            note: None,
        };
    }
}

/// Synthetic cell number `n` (1-based) of a committee generated with `seed`.
#[must_use]
pub fn synthetic_cell(seed: u64, n: usize, year: i32) -> Cell {
    let mut rng = SplitMix64::new(seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    // People first, then the plan: the random draws come in this order.
    let people = people(&mut rng, year);
    let plan = plan(&mut rng, year, n);
    let file = file_name(n);
    let (name, symbol) = (format!("Chi bộ {n}"), format!("CB{n}"));
    let header = Header {
        file: &file,
        name: &name,
        symbol: &symbol,
        superior: Some("Đảng bộ Khối Thử nghiệm"),
        place: Some("Hòa Bình Xanh"),
    };
    cell(&header, people, &plan)
}

/// 22 to 28 people: the chi ủy first, two dự bị members who become chính thức during the
/// year, one exempted, one transferred in, one transferred out, three non-members last.
fn people(rng: &mut SplitMix64, year: i32) -> Vec<Person> {
    let size = usize::try_from(rng.range(22, 28)).unwrap_or(25);
    let mut taken = Vec::new();
    let mut people: Vec<Person> = (0..size).map(|_| person(rng, &mut taken)).collect();
    for (i, role) in ["Bí thư", "Phó Bí thư", "Chi ủy viên"].iter().enumerate() {
        people[i].role = (*role).to_string();
    }
    for i in [size - 8, size - 7] {
        let joined = ymd(year - 1, rng.range(2, 11), rng.range(1, 28));
        people[i].joined = Some(joined);
        people[i].full = joined.checked_add_months(Months::new(12));
        people[i].status = None;
        people[i].card = None;
    }
    let exempt = size - 6;
    people[exempt].status = Some(Status::MienSinhHoat);
    people[exempt].since = Some(ymd(year, rng.range(2, 11), 1));
    people[size - 5].transferred_in = Some(ymd(year, rng.range(2, 11), rng.range(1, 28)));
    people[size - 4].status = Some(Status::ChuyenDi);
    people[size - 4].since = Some(ymd(year, rng.range(2, 11), rng.range(1, 28)));
    for p in people.iter_mut().skip(size - 3) {
        p.joined = None;
        p.full = None;
        p.card = None;
        p.role = "Quần chúng".to_string();
        p.status = Some(Status::QuanChung);
    }
    people
}

/// The cell's year: a weekday and day for the regular meetings, the combined month, the
/// presence rate.
fn plan(rng: &mut SplitMix64, year: i32, n: usize) -> Plan {
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    Plan {
        year,
        seed: rng.next_u64(),
        weekday: *rng.pick(&weekdays),
        regular_day: rng.range(3, 12),
        skip_month: None,
        short_month: None,
        combined_month: *rng.pick(&[3, 6, 9, 11]),
        topics: TOPICS,
        next_topics: TOPICS.to_vec(),
        place: format!("Phòng họp Chi bộ {n}"),
        chair: 0,
        deputy: Some(1),
        clerk: 2,
        presenters: [1, 2, 3, 4],
        unexcused: Vec::new(),
        presence: rng.range(85, 93),
        commendations: vec![(12, 3, "Hoàn thành xuất sắc nhiệm vụ", "Giấy khen")],
    }
}

/// `chi-bo-0001.xlsx`.
#[must_use]
pub fn file_name(n: usize) -> String {
    format!("chi-bo-{n:04}.xlsx")
}
