//! The sample committee: five invented cells of an invented `Đảng bộ Sở Văn hóa tỉnh Hòa Bình
//! Xanh`, with a full year (2025). Every person name here is made up.
//!
//! People are hand-written tables; meetings, attendance and scores come from
//! [`super::build`] with a fixed seed per cell.

use chrono::{NaiveDate, Weekday};

use super::build::{Header, Plan, cell};
use super::{Cell, Gender, Person, Status, ymd};

pub const COMMITTEE: &str = "Đảng bộ Sở Văn hóa tỉnh Hòa Bình Xanh";
pub const PLACE: &str = "Hòa Bình Xanh";
pub const YEAR: i32 = 2025;

/// `samples/chibo.toml`.
pub const CHIBO_TOML: &str = r#"# Cấu hình của Đảng bộ mẫu (tên đơn vị và mọi họ tên đều là hư cấu).
[dang_uy]
ten = "Đảng bộ Sở Văn hóa tỉnh Hòa Bình Xanh"
cap_tren = "Đảng bộ Khối các cơ quan tỉnh Hòa Bình Xanh"
dia_danh = "Hòa Bình Xanh"
ky_hieu = "ĐU"
bi_thu = "Trịnh Quang Vĩnh"

[cham_diem]
mau = "phu_tho"
"#;

/// `dd/mm/yyyy` to a date (literals only).
fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap_or(NaiveDate::MIN)
}

/// A person: full name (family names, then the given name last), birth, gender, admission
/// and full-membership dates, card, role.
fn p(
    name: &str,
    birth: &str,
    gender: Gender,
    joined: Option<&str>,
    full: Option<&str>,
    card: Option<&str>,
    role: &str,
) -> Person {
    let (family, given) = name.rsplit_once(' ').unwrap_or(("", name));
    Person {
        family: family.to_string(),
        given: given.to_string(),
        birth: d(birth),
        birth_year_only: false,
        gender,
        joined: joined.map(d),
        full: full.map(d),
        card: card.map(str::to_string),
        role: role.to_string(),
        status: if full.is_some() {
            Some(Status::ChinhThuc)
        } else {
            None
        },
        since: None,
        transferred_in: None,
        note: None,
    }
}

/// A full member with an ordinary role.
fn m(name: &str, birth: &str, g: Gender, joined: &str, card: &str) -> Person {
    let full = d(joined)
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MIN)
        .format("%d/%m/%Y")
        .to_string();
    p(
        name,
        birth,
        g,
        Some(joined),
        Some(&full),
        Some(card),
        "Đảng viên",
    )
}

/// A quần chúng.
fn qc(name: &str, birth: &str, g: Gender) -> Person {
    Person {
        status: Some(Status::QuanChung),
        ..p(name, birth, g, None, None, None, "Quần chúng")
    }
}

trait PersonExt {
    fn role(self, r: &str) -> Self;
    fn status(self, s: Status, since: &str, note: &str) -> Self;
    fn moved_in(self, on: &str) -> Self;
    fn probation(self, joined: &str, full: Option<&str>) -> Self;
    fn year_only(self) -> Self;
}

impl PersonExt for Person {
    fn role(mut self, r: &str) -> Self {
        self.role = r.to_string();
        self
    }
    fn status(mut self, s: Status, since: &str, note: &str) -> Self {
        self.status = Some(s);
        self.since = Some(d(since));
        self.note = Some(note.to_string());
        self
    }
    fn moved_in(mut self, on: &str) -> Self {
        self.transferred_in = Some(d(on));
        self.note = Some("Chuyển sinh hoạt đến".to_string());
        self
    }
    /// A dự bị member admitted on `joined`, full member on `full` (if within the data).
    /// The status column stays empty: the standing is derived from the dates.
    fn probation(mut self, joined: &str, full: Option<&str>) -> Self {
        self.joined = Some(d(joined));
        self.full = full.map(d);
        self.card = None;
        self.status = None;
        self
    }
    fn year_only(mut self) -> Self {
        self.birth_year_only = true;
        self
    }
}

use Gender::{Nam, Nu};

const TOPICS_A: [(&str, &str); 4] = [
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tôn trọng Nhân dân, phát huy dân chủ",
        "Tập trung",
    ),
    (
        "Nâng cao chất lượng sinh hoạt chi bộ gắn với thực hiện nhiệm vụ chuyên môn",
        "Tọa đàm",
    ),
    ("Chuyển đổi số trong hoạt động văn hóa cơ sở", "Thực tế"),
    (
        "Thực hành tiết kiệm, chống lãng phí trong cơ quan",
        "Hội thi",
    ),
];

const TOPICS_B: [(&str, &str); 4] = [
    (
        "Rèn luyện đạo đức cách mạng, chống chủ nghĩa cá nhân",
        "Tập trung",
    ),
    (
        "Bảo tồn và phát huy giá trị di sản văn hóa của tỉnh",
        "Thực tế",
    ),
    (
        "Nêu cao tinh thần trách nhiệm, nêu gương của cán bộ, đảng viên",
        "Tọa đàm",
    ),
    ("Phát triển văn hóa đọc trong cán bộ, viên chức", "Hội thi"),
];

const NEXT_TOPICS: [(&str, &str); 4] = [
    (
        "Học tập và làm theo Bác về tinh thần đoàn kết, xây dựng cơ quan vững mạnh",
        "Tập trung",
    ),
    (
        "Đổi mới phương thức phục vụ người dân trong lĩnh vực văn hóa",
        "Tọa đàm",
    ),
    ("Xây dựng môi trường văn hóa công sở", "Thực tế"),
    ("Nâng cao năng lực số của cán bộ, đảng viên", "Hội thi"),
];

fn plan(seed: u64, place: &str) -> Plan {
    Plan {
        year: YEAR,
        seed,
        weekday: Weekday::Tue,
        regular_day: 5,
        skip_month: None,
        short_month: None,
        combined_month: 6,
        topics: TOPICS_A,
        next_topics: NEXT_TOPICS.to_vec(),
        place: place.to_string(),
        chair: 0,
        deputy: Some(1),
        clerk: 2,
        presenters: [1, 2, 3, 1],
        unexcused: Vec::new(),
        presence: 88,
        commendations: Vec::new(),
    }
}

/// Cell 1: the canonical workbook.
#[must_use]
pub fn cell1() -> Cell {
    let people = vec![
        p(
            "Nguyễn Văn Hùng",
            "12/03/1972",
            Nam,
            Some("19/05/1998"),
            Some("19/05/1999"),
            Some("06012345"),
            "Bí thư",
        ),
        p(
            "Trần Thị Thu Hà",
            "25/08/1978",
            Nu,
            Some("03/02/2004"),
            Some("03/02/2005"),
            Some("06023456"),
            "Phó Bí thư",
        ),
        p(
            "Lê Minh Tuấn",
            "07/11/1983",
            Nam,
            Some("27/07/2009"),
            Some("27/07/2010"),
            Some("06034567"),
            "Chi ủy viên",
        ),
        m(
            "Phạm Thị Lan Anh",
            "14/02/1986",
            Nu,
            "02/09/2012",
            "06045678",
        ),
        m("Hoàng Văn Đức", "30/06/1975", Nam, "22/12/2001", "06056789"),
        m(
            "Vũ Thị Hồng Nhung",
            "09/09/1990",
            Nu,
            "26/03/2016",
            "06067890",
        ),
        m("Đỗ Quang Vinh", "18/04/1981", Nam, "15/10/2008", "06078901"),
        m(
            "Bùi Thị Thanh Tâm",
            "03/12/1988",
            Nu,
            "08/03/2014",
            "06089012",
        ),
        m("Ngô Đức Thắng", "21/01/1979", Nam, "03/02/2006", "06090123"),
        m(
            "Đặng Thị Mỹ Linh",
            "11/07/1992",
            Nu,
            "19/05/2018",
            "06101234",
        ),
        m("Lý Văn Phúc", "05/05/1984", Nam, "27/07/2011", "06112345").moved_in("10/03/2025"),
        qc("Mai Thị Ngọc Ánh", "16/10/1995", Nu).probation("15/04/2024", Some("15/04/2025")),
        qc("Trịnh Văn Khải", "28/02/1994", Nam).probation("02/09/2024", Some("02/09/2025")),
        m(
            "Dương Thị Kim Oanh",
            "20/06/1964",
            Nu,
            "01/06/1990",
            "06123456",
        )
        .status(
            Status::MienSinhHoat,
            "01/07/2025",
            "Miễn sinh hoạt do sức khỏe yếu",
        ),
        m("Phan Văn Lợi", "13/03/1987", Nam, "03/02/2013", "06134567").status(
            Status::ChuyenDi,
            "15/09/2025",
            "Chuyển sinh hoạt đến Đảng bộ xã Tân Lạc Xanh",
        ),
        qc("Cao Thị Hương Giang", "22/12/1996", Nu).probation("19/05/2025", None),
        m("Tạ Quang Huy", "01/01/1980", Nam, "30/04/2007", "06145678"),
        qc("Nguyễn Thị Bích Ngọc", "04/04/1998", Nu),
        qc("Lương Văn Toàn", "17/08/1997", Nam),
        qc("Hà Thị Phương Thảo", "29/11/1999", Nu),
    ];
    let mut pl = plan(0x00C1_B001, "Phòng họp tầng 2, trụ sở Sở Văn hóa");
    pl.short_month = Some(10);
    pl.unexcused = vec![(4, 8)];
    pl.commendations = vec![
        (
            6,
            5,
            "Hoàn thành xuất sắc việc tổ chức Ngày hội Văn hóa các dân tộc",
            "Biểu dương trước chi bộ",
        ),
        (
            12,
            2,
            "Hoàn thành xuất sắc nhiệm vụ năm 2025",
            "Giấy khen của Đảng ủy Sở",
        ),
        (
            12,
            17,
            "Tích cực tham gia các phong trào thi đua của cơ quan",
            "Biểu dương trước chi bộ",
        ),
    ];
    let header = Header {
        file: "chi-bo-1.xlsx",
        name: "Chi bộ Văn phòng Sở",
        symbol: "CBVP",
        superior: Some(COMMITTEE),
        place: Some(PLACE),
    };
    cell(&header, people, &pl)
}

/// Cell 2: the messy workbook.
#[must_use]
pub fn cell2() -> Cell {
    let people = vec![
        p(
            "Đinh Công Bằng",
            "02/02/1970",
            Nam,
            Some("03/02/1996"),
            Some("03/02/1997"),
            Some("06201234"),
            "Bí thư",
        )
        .year_only(),
        p(
            "Lưu Thị Minh Nguyệt",
            "15/05/1977",
            Nu,
            Some("19/05/2003"),
            Some("19/05/2004"),
            Some("06202345"),
            "Phó Bí thư",
        ),
        p(
            "Kiều Văn Sơn",
            "08/08/1982",
            Nam,
            Some("02/09/2008"),
            Some("02/09/2009"),
            Some("06203456"),
            "Chi ủy viên",
        ),
        m(
            "Nguyễn Thị Diệu Huyền",
            "19/12/1985",
            Nu,
            "26/03/2011",
            "06204567",
        ),
        m(
            "Tôn Thất Quyết",
            "23/09/1976",
            Nam,
            "22/12/2000",
            "06205678",
        )
        .year_only(),
        m("Lê Thị Hải Yến", "06/06/1991", Nu, "03/02/2017", "06206789"),
        m("Hồ Văn Nghĩa", "27/03/1980", Nam, "19/08/2005", "06207890"),
        m(
            "Chu Thị Thùy Dung",
            "10/10/1989",
            Nu,
            "08/03/2015",
            "06208901",
        ),
        qc("Âu Văn Trọng", "12/12/1993", Nam).probation("03/02/2024", Some("03/02/2025")),
        qc("Khúc Thị Quỳnh Như", "25/07/1996", Nu).probation("19/08/2024", Some("19/08/2025")),
        m("Mạc Đình Khoa", "14/02/1968", Nam, "14/02/1994", "06209012").status(
            Status::MienSinhHoat,
            "14/02/2025",
            "Miễn sinh hoạt theo đơn đề nghị",
        ),
        m(
            "Nông Văn Thành",
            "30/04/1983",
            Nam,
            "27/07/2010",
            "06210123",
        )
        .moved_in("14/02/2025"),
        m(
            "Quách Thị Tuyết Mai",
            "05/01/1987",
            Nu,
            "02/09/2013",
            "06211234",
        )
        .status(
            Status::ChuyenDi,
            "14/10/2025",
            "Chuyển sinh hoạt đến Chi bộ Sở Du lịch Xanh",
        ),
        m("La Văn Cường", "17/11/1979", Nam, "19/05/2004", "06212345"),
        qc("Văn Thị Hồng Gấm", "09/03/1998", Nu),
        qc("Thân Văn Lực", "20/10/1995", Nam),
    ];
    let mut pl = plan(0x00C1_B002, "Hội trường Phòng Quản lý Văn hóa");
    pl.weekday = Weekday::Fri;
    pl.regular_day = 10;
    pl.combined_month = 9;
    pl.topics = TOPICS_B;
    pl.presenters = [2, 3, 1, 5];
    pl.commendations = vec![
        (
            9,
            3,
            "Có nhiều đóng góp trong công tác thẩm định hồ sơ di tích",
            "Biểu dương trước chi bộ",
        ),
        (
            12,
            14,
            "Nhiệt tình tham gia hoạt động văn nghệ của cơ quan",
            "Biểu dương trước chi bộ",
        ),
    ];
    let header = Header {
        file: "chi-bo-2-messy.xlsx",
        name: "Chi bộ Phòng Quản lý Văn hóa",
        symbol: "CBQLVH",
        superior: Some(COMMITTEE),
        place: Some(PLACE),
    };
    cell(&header, people, &pl)
}

/// Cell 3: saved as `.xls` by LibreOffice; one month missing, one death.
#[must_use]
pub fn cell3() -> Cell {
    let people = vec![
        p(
            "Vương Thị Ngọc Hân",
            "03/03/1974",
            Nu,
            Some("08/03/2000"),
            Some("08/03/2001"),
            Some("06301234"),
            "Bí thư",
        ),
        p(
            "Triệu Minh Khang",
            "11/11/1981",
            Nam,
            Some("19/05/2007"),
            Some("19/05/2008"),
            Some("06302345"),
            "Phó Bí thư",
        ),
        p(
            "Đoàn Thị Bảo Châu",
            "24/04/1988",
            Nu,
            Some("26/03/2014"),
            Some("26/03/2015"),
            Some("06303456"),
            "Chi ủy viên",
        ),
        m("Lâm Văn Hòa", "15/09/1978", Nam, "02/09/2004", "06304567"),
        m(
            "Tăng Thị Mộng Tuyền",
            "01/02/1990",
            Nu,
            "03/02/2016",
            "06305678",
        ),
        m("Giang Văn Lộc", "12/06/1960", Nam, "22/12/1985", "06306789").status(
            Status::TuTran,
            "20/07/2025",
            "Từ trần ngày 20/7/2025",
        ),
        m(
            "Ninh Thị Thu Trang",
            "07/07/1986",
            Nu,
            "19/05/2012",
            "06307890",
        ),
        m("Phí Văn Tiến", "30/10/1983", Nam, "27/07/2009", "06308901"),
        qc("Ông Thị Kim Ngân", "18/05/1995", Nu).probation("19/05/2024", Some("19/05/2025")),
        m("Hứa Văn Bình", "22/08/1965", Nam, "03/02/1992", "06309012").status(
            Status::MienSinhHoat,
            "01/04/2025",
            "Miễn sinh hoạt do tuổi cao",
        ),
        m("Yên Thị Lệ Thu", "13/01/1985", Nu, "08/03/2011", "06310123").moved_in("05/05/2025"),
        m("Sầm Văn Kiên", "02/12/1982", Nam, "02/09/2008", "06311234").status(
            Status::ChuyenDi,
            "01/11/2025",
            "Chuyển sinh hoạt đến Chi bộ Bảo tàng tỉnh",
        ),
        m(
            "Phùng Thị Ánh Tuyết",
            "26/06/1992",
            Nu,
            "19/05/2019",
            "06312345",
        ),
        qc("Lục Văn Đông", "09/09/1999", Nam),
        qc("Mã Thị Kiều Oanh", "15/12/2000", Nu),
    ];
    let mut pl = plan(0x00C1_B003, "Phòng đọc tổng hợp, Thư viện tỉnh");
    pl.weekday = Weekday::Wed;
    pl.regular_day = 6;
    pl.skip_month = Some(8);
    pl.presenters = [1, 2, 6, 3];
    pl.unexcused = vec![(5, 7)];
    pl.topics = TOPICS_B;
    pl.commendations = vec![(
        12,
        4,
        "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        "Giấy khen của Đảng ủy Sở",
    )];
    let header = Header {
        file: "chi-bo-3.xls",
        name: "Chi bộ Thư viện tỉnh",
        symbol: "CBTV",
        superior: Some(COMMITTEE),
        place: Some(PLACE),
    };
    cell(&header, people, &pl)
}

/// Cell 4: long-form attendance, `Họ và đệm` + `Tên`; no `Địa danh` (from the config).
#[must_use]
pub fn cell4() -> Cell {
    let people = vec![
        p(
            "Hoàng Thị Mai Phương",
            "21/04/1976",
            Nu,
            Some("02/09/2002"),
            Some("02/09/2003"),
            Some("06401234"),
            "Bí thư",
        ),
        p(
            "Tô Văn Hiếu",
            "19/07/1980",
            Nam,
            Some("19/05/2006"),
            Some("19/05/2007"),
            Some("06402345"),
            "Phó Bí thư",
        ),
        p(
            "Trương Thị Lệ Quyên",
            "08/01/1987",
            Nu,
            Some("03/02/2013"),
            Some("03/02/2014"),
            Some("06403456"),
            "Chi ủy viên",
        ),
        m("Đàm Văn Khôi", "14/11/1984", Nam, "22/12/2010", "06404567"),
        m(
            "Nghiêm Thị Tố Uyên",
            "27/05/1991",
            Nu,
            "26/03/2017",
            "06405678",
        ),
        m("Bạch Văn Long", "03/08/1977", Nam, "30/04/2003", "06406789"),
        m(
            "Lã Thị Thanh Hương",
            "16/12/1983",
            Nu,
            "08/03/2009",
            "06407890",
        ),
        m("Võ Đình Nam", "05/02/1979", Nam, "19/08/2005", "06408901"),
        m(
            "Diệp Thị Hồng Vân",
            "12/10/1989",
            Nu,
            "02/09/2015",
            "06409012",
        ),
        m("Châu Văn Tài", "29/03/1986", Nam, "19/05/2012", "06410123"),
        qc("Thái Thị Minh Thư", "23/06/1994", Nu).probation("08/03/2024", Some("08/03/2025")),
        qc("Ứng Văn Duy", "11/11/1995", Nam).probation("26/03/2024", Some("26/03/2025")),
        qc("Lò Văn Chiến", "07/07/1996", Nam).probation("22/12/2024", None),
        m(
            "Kha Thị Bích Hợp",
            "02/04/1966",
            Nu,
            "03/02/1991",
            "06411234",
        )
        .status(
            Status::MienSinhHoat,
            "01/09/2025",
            "Miễn sinh hoạt do sức khỏe yếu",
        ),
        m(
            "Mông Văn Thiện",
            "18/09/1985",
            Nam,
            "27/07/2011",
            "06412345",
        )
        .moved_in("01/06/2025"),
        m("Từ Thị Ngân Hà", "25/12/1990", Nu, "19/05/2016", "06413456").status(
            Status::ChuyenDi,
            "01/05/2025",
            "Chuyển sinh hoạt đến Chi bộ Thư viện tỉnh",
        ),
        qc("Hà Văn Khánh", "30/01/1998", Nam),
        qc("Lê Thị Cẩm Tú", "14/03/2000", Nu),
    ];
    let mut pl = plan(0x00C1_B004, "Phòng họp Bảo tàng tỉnh");
    pl.weekday = Weekday::Thu;
    pl.regular_day = 3;
    pl.combined_month = 3;
    pl.presenters = [1, 3, 4, 2];
    pl.presence = 90;
    pl.commendations = vec![
        (
            12,
            3,
            "Hoàn thành xuất sắc nhiệm vụ năm 2025",
            "Giấy khen của Đảng ủy Sở",
        ),
        (
            7,
            16,
            "Tích cực tham gia công tác tu bổ hiện vật",
            "Biểu dương trước chi bộ",
        ),
    ];
    let header = Header {
        file: "chi-bo-4-dai.xlsx",
        name: "Chi bộ Bảo tàng tỉnh",
        symbol: "CBBT",
        superior: Some(COMMITTEE),
        place: None,
    };
    cell(&header, people, &pl)
}

/// Cell 5: counts only, saved as `.ods` by LibreOffice.
#[must_use]
pub fn cell5() -> Cell {
    let people = vec![
        p(
            "Phạm Quốc Trung",
            "10/10/1973",
            Nam,
            Some("22/12/1999"),
            Some("22/12/2000"),
            Some("06501234"),
            "Bí thư",
        ),
        p(
            "Nguyễn Thị Hoài Thương",
            "04/04/1982",
            Nu,
            Some("08/03/2008"),
            Some("08/03/2009"),
            Some("06502345"),
            "Phó Bí thư",
        ),
        p(
            "Đinh Văn Tùng",
            "15/01/1985",
            Nam,
            Some("02/09/2011"),
            Some("02/09/2012"),
            Some("06503456"),
            "Chi ủy viên",
        ),
        m(
            "Hoàng Thị Thanh Xuân",
            "20/12/1988",
            Nu,
            "19/05/2014",
            "06504567",
        ),
        m(
            "Trần Văn Khiêm",
            "09/06/1979",
            Nam,
            "03/02/2005",
            "06505678",
        ),
        m(
            "Lê Thị Ngọc Bích",
            "31/07/1990",
            Nu,
            "26/03/2016",
            "06506789",
        ),
        m("Vũ Đức Mạnh", "12/02/1981", Nam, "27/07/2007", "06507890"),
        qc("Đỗ Thị Hằng Nga", "06/09/1995", Nu).probation("03/02/2024", Some("03/02/2025")),
        m("Lê Văn Bảy", "01/05/1963", Nam, "19/05/1989", "06508901").status(
            Status::MienSinhHoat,
            "01/03/2025",
            "Miễn sinh hoạt do tuổi cao",
        ),
        m("Bùi Minh Quân", "22/11/1986", Nam, "22/12/2012", "06509012").moved_in("15/07/2025"),
        m(
            "Ngô Thị Thủy Tiên",
            "17/03/1992",
            Nu,
            "02/09/2018",
            "06510123",
        )
        .status(
            Status::ChuyenDi,
            "01/08/2025",
            "Chuyển sinh hoạt đến Đảng bộ phường Sông Biếc",
        ),
        qc("Trần Thị Mỹ Duyên", "28/08/1999", Nu),
        qc("Phan Văn Hậu", "13/05/1997", Nam),
    ];
    let mut pl = plan(0x00C1_B005, "Nhà hát Trung tâm Văn hóa Nghệ thuật");
    pl.weekday = Weekday::Mon;
    pl.regular_day = 8;
    pl.combined_month = 11;
    pl.presenters = [1, 2, 3, 5];
    pl.commendations = vec![(
        11,
        12,
        "Có nhiều đóng góp cho chương trình nghệ thuật chào mừng Đại hội Đảng bộ",
        "Biểu dương trước chi bộ",
    )];
    let header = Header {
        file: "chi-bo-5-so-luong.ods",
        name: "Chi bộ Trung tâm Văn hóa Nghệ thuật",
        symbol: "CBTTVH",
        superior: Some(COMMITTEE),
        place: Some(PLACE),
    };
    cell(&header, people, &pl)
}

/// All five cells, in file order.
#[must_use]
pub fn cells() -> Vec<Cell> {
    vec![cell1(), cell2(), cell3(), cell4(), cell5()]
}

/// The year's first day, for tests.
#[must_use]
pub fn year_start() -> NaiveDate {
    ymd(YEAR, 1, 1)
}

/// The workbook the generator writes for `cell`: the file itself for `.xlsx`, the source that
/// LibreOffice converts for `.xls` and `.ods`.
pub fn source_xlsx(cell: &Cell) -> super::BoxResult<Vec<u8>> {
    use super::canonical::{Attendance, Options, write};
    match cell.file.as_str() {
        "chi-bo-2-messy.xlsx" => super::messy::write(cell),
        "chi-bo-4-dai.xlsx" => write(
            cell,
            Options {
                attendance: Attendance::Long,
                split_name: true,
            },
        ),
        "chi-bo-5-so-luong.ods" => write(
            cell,
            Options {
                attendance: Attendance::Counts,
                split_name: false,
            },
        ),
        _ => write(cell, Options::default()),
    }
}

/// The `soffice --convert-to` target of a file LibreOffice must save, if any.
#[must_use]
pub fn soffice_target(file: &str) -> Option<&'static str> {
    if file.ends_with(".xls") {
        Some("xls:MS Excel 97")
    } else if file.ends_with(".ods") {
        Some("ods")
    } else {
        None
    }
}

/// `samples/expected.json`, as text.
pub fn expected_json() -> super::BoxResult<String> {
    let truth = super::truth::committee_truth(COMMITTEE, PLACE, &cells(), YEAR);
    Ok(serde_json::to_string_pretty(&truth)? + "\n")
}
