//! What a cell's workbook holds: its sheets, their columns and the names users give them.
//!
//! This is `shared/spec/input-workbook.md` as data. The reader matches sheet names and headers
//! against these aliases after [`crate::text::fold`], so `Họ và tên`, `HO VA TEN` and
//! `Họ và tên:` are all the same column. A committee can add aliases in `chibo.toml`.

use serde::Serialize;

/// The sheets chibo reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// `Thông tin`: label/value pairs.
    Info,
    /// `Đảng viên`: one row per person.
    Members,
    /// `Sinh hoạt`: one row per meeting.
    Meetings,
    /// `Điểm danh`: attendance (matrix or long shape).
    Attendance,
    /// `Chấm điểm`: one row per scored meeting.
    Scores,
    /// `Biểu dương`: commendations.
    Commendations,
}

impl SheetKind {
    pub const ALL: [SheetKind; 6] = [
        SheetKind::Info,
        SheetKind::Members,
        SheetKind::Meetings,
        SheetKind::Attendance,
        SheetKind::Scores,
        SheetKind::Commendations,
    ];

    /// The canonical Vietnamese sheet name (what `chibo init` writes).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Info => "Thông tin",
            SheetKind::Members => "Đảng viên",
            SheetKind::Meetings => "Sinh hoạt",
            SheetKind::Attendance => "Điểm danh",
            SheetKind::Scores => "Chấm điểm",
            SheetKind::Commendations => "Biểu dương",
        }
    }

    #[must_use]
    pub fn required(self) -> bool {
        matches!(
            self,
            SheetKind::Info | SheetKind::Members | SheetKind::Meetings
        )
    }

    /// Folded, space-free keys a sheet name is matched on: the name equals or contains one.
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            SheetKind::Info => &["thongtin", "thongtinchibo"],
            SheetKind::Members => &["dangvien", "danhsachdangvien", "dsdangvien", "dsdv"],
            SheetKind::Meetings => &["sinhhoat", "buoisinhhoat", "lichsinhhoat"],
            SheetKind::Attendance => &["diemdanh", "chamcong"],
            SheetKind::Scores => &["chamdiem", "diemsinhhoat", "xeploai"],
            SheetKind::Commendations => &["bieuduong", "khenthuong"],
        }
    }

    /// The columns of a tabular sheet (empty for [`SheetKind::Info`], which is label/value, and
    /// for the matrix shape of attendance, whose meeting columns are dates).
    #[must_use]
    pub fn fields(self) -> &'static [Field] {
        match self {
            SheetKind::Info => &[],
            SheetKind::Members => MEMBER_FIELDS,
            SheetKind::Meetings => MEETING_FIELDS,
            SheetKind::Attendance => ATTENDANCE_FIELDS,
            SheetKind::Scores => SCORE_FIELDS,
            SheetKind::Commendations => COMMENDATION_FIELDS,
        }
    }
}

/// Every column chibo knows, across all sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Col {
    // shared
    Stt,
    FullName,
    Date,
    Kind,
    Note,
    // Đảng viên
    FamilyAndMiddle,
    GivenName,
    Birth,
    Gender,
    Joined,
    FullMemberSince,
    CardNo,
    Role,
    Status,
    StatusSince,
    TransferredIn,
    // Sinh hoạt
    Topic,
    Start,
    End,
    Place,
    Chair,
    Secretary,
    Presenter,
    Form,
    Guests,
    MassesPresent,
    Opinions,
    Speakers,
    Conclusion,
    VotesFor,
    VotesAgainst,
    Present,
    Excused,
    Unexcused,
    MeetingStatus,
    DocNumber,
    // Điểm danh (long)
    Mark,
    Reason,
    // Chấm điểm
    /// A criteria group, by its 1-based number in the configured scheme.
    Group(u8),
    Total,
    Band,
    UpperScore,
    // Biểu dương
    Target,
    Content,
}

/// A column of a sheet: the names users give it, folded (see [`crate::text::fold`]).
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub col: Col,
    /// The canonical header (what `chibo init` writes).
    pub header: &'static str,
    /// Folded aliases; a header matches when its fold equals one of them.
    pub aliases: &'static [&'static str],
    /// A row is a record only when this column (or another required one) has a value.
    pub required: bool,
}

const fn f(col: Col, header: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        col,
        header,
        aliases,
        required: false,
    }
}

const fn req(col: Col, header: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        col,
        header,
        aliases,
        required: true,
    }
}

const STT: Field = f(Col::Stt, "STT", &["stt", "tt", "so tt", "so thu tu"]);
const NOTE: Field = f(Col::Note, "Ghi chú", &["ghi chu"]);

pub const MEMBER_FIELDS: &[Field] = &[
    STT,
    req(
        Col::FullName,
        "Họ và tên",
        &[
            "ho va ten",
            "ho ten",
            "ho va ten dang vien",
            "ho va ten dv",
            "ho ten dang vien",
            "ten dang vien",
        ],
    ),
    f(
        Col::FamilyAndMiddle,
        "Họ và đệm",
        &["ho va dem", "ho dem", "ho va ten dem", "ho"],
    ),
    f(Col::GivenName, "Tên", &["ten"]),
    f(
        Col::Birth,
        "Ngày sinh",
        &["ngay sinh", "nam sinh", "ngay thang nam sinh"],
    ),
    f(
        Col::Gender,
        "Giới tính",
        &["gioi tinh", "nam nu", "nam hay nu"],
    ),
    f(
        Col::Joined,
        "Ngày vào Đảng",
        &[
            "ngay vao dang",
            "ngay ket nap",
            "ngay ket nap dang",
            "vao dang",
        ],
    ),
    f(
        Col::FullMemberSince,
        "Ngày chính thức",
        &[
            "ngay chinh thuc",
            "ngay cong nhan chinh thuc",
            "chinh thuc ngay",
        ],
    ),
    f(
        Col::CardNo,
        "Số thẻ đảng viên",
        &["so the dang vien", "so the", "so the dv", "the dang vien"],
    ),
    f(
        Col::Role,
        "Chức vụ",
        &["chuc vu", "chuc vu dang", "chuc vu trong chi bo"],
    ),
    f(
        Col::Status,
        "Trạng thái",
        &[
            "trang thai",
            "tinh trang",
            "doi tuong",
            "trang thai dang vien",
        ],
    ),
    f(Col::StatusSince, "Từ ngày", &["tu ngay", "ngay hieu luc"]),
    f(
        Col::TransferredIn,
        "Ngày chuyển đến",
        &[
            "ngay chuyen den",
            "chuyen den ngay",
            "ngay chuyen sinh hoat den",
        ],
    ),
    NOTE,
];

pub const MEETING_FIELDS: &[Field] = &[
    STT,
    req(
        Col::Date,
        "Ngày",
        &[
            "ngay",
            "ngay sinh hoat",
            "thoi gian",
            "ngay hop",
            "ngay thang",
        ],
    ),
    f(
        Col::Kind,
        "Loại",
        &[
            "loai",
            "hinh thuc sinh hoat",
            "loai sinh hoat",
            "loai hinh sinh hoat",
        ],
    ),
    f(
        Col::Topic,
        "Nội dung",
        &["noi dung", "chu de", "ten chuyen de", "noi dung sinh hoat"],
    ),
    f(
        Col::Start,
        "Giờ bắt đầu",
        &["gio bat dau", "bat dau", "thoi gian bat dau"],
    ),
    f(
        Col::End,
        "Giờ kết thúc",
        &["gio ket thuc", "ket thuc", "thoi gian ket thuc"],
    ),
    f(Col::Place, "Địa điểm", &["dia diem"]),
    f(Col::Chair, "Chủ trì", &["chu tri", "nguoi chu tri"]),
    f(Col::Secretary, "Thư ký", &["thu ky", "nguoi ghi bien ban"]),
    f(
        Col::Presenter,
        "Người trình bày",
        &[
            "nguoi trinh bay",
            "nguoi chuan bi",
            "nguoi trinh bay chuyen de",
        ],
    ),
    f(Col::Form, "Hình thức", &["hinh thuc"]),
    f(
        Col::Guests,
        "Đại biểu",
        &["dai bieu", "khach moi", "dai bieu du"],
    ),
    f(
        Col::MassesPresent,
        "Số quần chúng dự",
        &["so quan chung du", "quan chung du", "so quan chung"],
    ),
    f(
        Col::Opinions,
        "Số ý kiến",
        &["so y kien", "luot y kien", "so luot y kien"],
    ),
    f(
        Col::Speakers,
        "Người phát biểu",
        &["nguoi phat bieu", "dang vien phat bieu"],
    ),
    f(
        Col::Conclusion,
        "Kết luận",
        &["ket luan", "ket luan cua chu tri"],
    ),
    f(Col::VotesFor, "Tán thành", &["tan thanh", "so tan thanh"]),
    f(
        Col::VotesAgainst,
        "Không tán thành",
        &["khong tan thanh", "so khong tan thanh"],
    ),
    f(
        Col::Present,
        "Có mặt",
        &["co mat", "so co mat", "so dv co mat", "so dang vien co mat"],
    ),
    f(
        Col::Excused,
        "Vắng có lý do",
        &["vang co ly do", "vang co phep", "so vang co ly do"],
    ),
    f(
        Col::Unexcused,
        "Vắng không lý do",
        &["vang khong ly do", "vang khong phep", "so vang khong ly do"],
    ),
    f(
        Col::MeetingStatus,
        "Tình trạng",
        &["tinh trang", "trang thai"],
    ),
    f(Col::DocNumber, "Số văn bản", &["so van ban", "so bien ban"]),
    NOTE,
];

/// The long shape; the matrix shape has only the name column plus date columns.
pub const ATTENDANCE_FIELDS: &[Field] = &[
    STT,
    f(Col::Date, "Ngày", &["ngay", "ngay sinh hoat", "ngay hop"]),
    req(
        Col::FullName,
        "Họ và tên",
        &[
            "ho va ten",
            "ho ten",
            "ho va ten dang vien",
            "ho ten dang vien",
        ],
    ),
    f(
        Col::Mark,
        "Tình trạng",
        &["tinh trang", "trang thai", "diem danh", "co mat vang"],
    ),
    f(Col::Reason, "Lý do", &["ly do", "ly do vang"]),
    NOTE,
];

pub const SCORE_FIELDS: &[Field] = &[
    STT,
    req(Col::Date, "Ngày", &["ngay", "ngay sinh hoat", "ngay hop"]),
    f(
        Col::Kind,
        "Loại",
        &["loai", "loai sinh hoat", "hinh thuc sinh hoat"],
    ),
    f(
        Col::Total,
        "Tổng điểm",
        &["tong diem", "tong", "diem", "tong cong", "diem tong"],
    ),
    f(Col::Band, "Xếp loại", &["xep loai", "ket qua xep loai"]),
    f(
        Col::UpperScore,
        "Điểm cấp trên",
        &[
            "diem cap tren",
            "cap uy cap tren cham",
            "cap tren cham",
            "diem cap uy cap tren",
        ],
    ),
    NOTE,
];

pub const COMMENDATION_FIELDS: &[Field] = &[
    STT,
    f(Col::Date, "Ngày", &["ngay", "ngay bieu duong"]),
    req(Col::FullName, "Họ và tên", &["ho va ten", "ho ten"]),
    f(Col::Target, "Đối tượng", &["doi tuong"]),
    f(
        Col::Content,
        "Nội dung",
        &["noi dung", "thanh tich", "noi dung bieu duong"],
    ),
    f(
        Col::Form,
        "Hình thức",
        &["hinh thuc", "hinh thuc bieu duong"],
    ),
    NOTE,
];

/// Labels of the `Thông tin` sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InfoLabel {
    Name,
    Symbol,
    Superior,
    Place,
    Secretary,
    Deputy,
    Term,
}

/// Folded aliases of the `Thông tin` labels.
pub const INFO_LABELS: &[(InfoLabel, &str, &[&str])] = &[
    (
        InfoLabel::Name,
        "Tên chi bộ",
        &["ten chi bo", "chi bo", "ten"],
    ),
    (
        InfoLabel::Symbol,
        "Ký hiệu",
        &["ky hieu", "ky hieu van ban", "viet tat"],
    ),
    (
        InfoLabel::Superior,
        "Đảng bộ cấp trên",
        &[
            "dang bo cap tren",
            "dang bo",
            "truc thuoc",
            "dang uy cap tren",
        ],
    ),
    (InfoLabel::Place, "Địa danh", &["dia danh"]),
    (InfoLabel::Secretary, "Bí thư", &["bi thu", "bi thu chi bo"]),
    (
        InfoLabel::Deputy,
        "Phó Bí thư",
        &["pho bi thu", "pho bi thu chi bo"],
    ),
    (InfoLabel::Term, "Nhiệm kỳ", &["nhiem ky"]),
];
