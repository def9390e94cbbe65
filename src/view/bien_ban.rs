//! The minutes of one meeting (`bien-ban-thuong-ky.docx`, `bien-ban-chuyen-de.docx`,
//! domain.md §4.2 and §4.3). One view for regular, thematic and combined sessions.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::shared::hh_mm;
use super::{ChiBo, NguoiKy, VanBan};

/// Everything the two minutes templates see.
///
/// A regular meeting uses `bien-ban-thuong-ky.docx`; a thematic meeting and a combined
/// (`Thường kỳ + Chuyên đề`) session use `bien-ban-chuyen-de.docx`, whose regular-meeting
/// sections sit inside `{%p if thuong_ky %}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BienBan {
    /// The cell that met.
    pub chi_bo: ChiBo,
    /// `BIÊN BẢN` and the summary line (`sinh hoạt chi bộ thường kỳ tháng 02 năm 2023`,
    /// `sinh hoạt chuyên đề quý I năm 2023`, or for a combined session
    /// `sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề tháng 02 năm 2023`). The number is
    /// empty unless the committee numbers its minutes (`[the_thuc] bien_ban_co_so`).
    pub van_ban: VanBan,
    /// `Nơi nhận` lines (minutes usually carry only `Lưu Chi bộ.`), without the leading `- `.
    pub noi_nhan: Vec<String>,
    /// The cell's usual signer (`T/M CHI BỘ` / `BÍ THƯ`); the default minutes are signed by the
    /// secretary of the meeting and the chair instead (`buoi.thu_ky`, `buoi.chu_tri`).
    pub nguoi_ky: NguoiKy,
    /// The session includes a regular meeting.
    pub thuong_ky: bool,
    /// The session includes a thematic meeting.
    pub chuyen_de: bool,
    /// The meeting itself.
    pub buoi: Buoi,
    /// Who was there, computed from the rolls on the day and the attendance sheet.
    pub diem_danh: DiemDanh,
    /// The meeting's score, or null when it was not scored.
    pub diem: Option<Diem>,
    /// Commendations proposed at the meeting, as one phrase:
    /// `06 cá nhân (04 đảng viên và 02 quần chúng)`; null when none.
    pub bieu_duong: Option<String>,
}

/// One meeting (`buoi`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Buoi {
    /// The date (ISO `2023-02-14`); print it with `ngay_thang` or `ngay`.
    pub ngay: NaiveDate,
    /// The month, 1–12.
    pub thang: u32,
    /// The quarter in Roman numerals: `I`.
    pub quy_la_ma: String,
    /// The year.
    pub nam: i32,
    /// Start time (`14:00`), or null; print it with `gio` (`14 giờ 00`).
    #[serde(serialize_with = "hh_mm")]
    pub gio_bat_dau: Option<NaiveTime>,
    /// End time (`16:00`), or null.
    #[serde(serialize_with = "hh_mm")]
    pub gio_ket_thuc: Option<NaiveTime>,
    /// Duration in minutes, or null when a time is missing.
    pub thoi_luong_phut: Option<u32>,
    /// Where (empty when not given): `Hội trường tầng 3`.
    pub dia_diem: String,
    /// The chair (the secretary of the cell when the sheet names nobody; a blank to fill when
    /// neither is known).
    pub chu_tri: String,
    /// The person who took the minutes (`……………………`, a blank to fill, when not given).
    pub thu_ky: String,
    /// The topic of a thematic meeting, or the content of a regular one (empty when not given).
    pub chu_de: String,
    /// Who presented the topic (empty when not given).
    pub nguoi_trinh_bay: String,
    /// The form of a thematic meeting: `Sinh hoạt tập trung`, `Tọa đàm` … (empty when not given).
    pub hinh_thuc: String,
    /// Guests who attend and direct the meeting (`dự và chỉ đạo`), one per entry as typed
    /// (`Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở`): the sheet separates them by
    /// `;` or line breaks, never by commas.
    pub dai_bieu: Vec<String>,
    /// Members who spoke in the discussion, in order.
    pub nguoi_phat_bieu: Vec<String>,
    /// How many opinions were given.
    pub so_y_kien: u32,
    /// The chair's conclusion (may hold several lines; each `\n` becomes a line break).
    pub ket_luan: String,
    /// Votes for adopting the conclusion.
    pub tan_thanh: u32,
    /// Votes against.
    pub khong_tan_thanh: u32,
    /// Chính thức members present, who may vote (exempted chính thức members who came
    /// included); null when only counts are known.
    pub bieu_quyet_co_mat: Option<u32>,
    /// Votes for as a ratio of `bieu_quyet_co_mat` (`1.0`), or null when that is not known or
    /// no vote was typed; print with `phan_tram` (`100%`).
    pub ty_le_tan_thanh: Option<f64>,
    /// The whole vote statement, over the chính thức members present:
    /// `13/13 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán
    /// thành`. Votes not typed are printed as blanks to fill (`……`).
    pub bieu_quyet: String,
}

/// The attendance block of the minutes (`diem_danh`). Counts are of people on the cell's rolls
/// on the meeting day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiemDanh {
    /// Members on the rolls that day (`chinh_thuc + du_bi`; docs/rules.md "Member counts").
    pub tong_so: u32,
    /// Of which chính thức members, the exempted included.
    pub chinh_thuc: u32,
    /// Of which probationary members.
    pub du_bi: u32,
    /// Of the chính thức, those exempted from meetings (miễn sinh hoạt).
    pub mien: u32,
    /// Members expected to attend (the denominator of `ty_le`).
    pub phai_du: u32,
    /// Members present (exempted members who came included: they are in `phai_du` too).
    pub co_mat: u32,
    /// Of which chính thức members (who may vote), or null when only counts are known: the
    /// template then leaves the breakdown out instead of printing zeros.
    pub co_mat_chinh_thuc: Option<u32>,
    /// Of which dự bị members, or null when only counts are known.
    pub co_mat_du_bi: Option<u32>,
    /// Exempted members who came anyway.
    pub mien_co_mat: u32,
    /// Members absent (with and without reason).
    pub vang: u32,
    /// Absent with a reason, each with the reason.
    pub vang_co_ly_do: Vec<VangCoLyDo>,
    /// Absent without a reason.
    pub vang_khong_ly_do: Vec<VangKhongLyDo>,
    /// Non-members (quần chúng) who attended.
    pub quan_chung_du: u32,
    /// Attendance as a ratio (`co_mat / phai_du`, `0.818…`); print with `phan_tram` (`81,8%`).
    pub ty_le: f64,
    /// Whether the meeting's attendance was recorded (marks in `Điểm danh`, or the typed
    /// counts). When false, `co_mat`, `vang` and `ty_le` are 0 because nothing is known: the
    /// default template then leaves the figures blank to fill by hand instead of `đạt 0%`.
    pub co_so_lieu: bool,
}

/// One member absent with a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VangCoLyDo {
    /// Full name.
    pub ho_ten: String,
    /// The reason as typed (`Đi công tác`); empty when the sheet gives none.
    pub ly_do: String,
}

/// One member absent without a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VangKhongLyDo {
    /// Full name.
    pub ho_ten: String,
}

/// The meeting's score (`diem`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diem {
    /// The total that counts (`92.0`); print with `so`.
    pub tong: f64,
    /// The scheme's maximum (`100.0`).
    pub toi_da: f64,
    /// The band: `Tốt`, `Khá`, `Trung bình`, `Kém` (or `Đạt` / `Không đạt`).
    pub xep_loai: String,
    /// The upper level's score, or null.
    pub cap_tren: Option<f64>,
    /// Each criteria group of the scheme, in order.
    pub nhom: Vec<DiemNhom>,
}

/// One criteria group's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiemNhom {
    /// The group's title: `Công tác chuẩn bị`.
    pub ten: String,
    /// Points given, or null when the sheet left it empty.
    pub diem: Option<f64>,
    /// The group's maximum.
    pub toi_da: f64,
}
