//! The quarterly report of a cell to its Party committee (`bao-cao-quy.docx`, domain.md §4.5).

use chrono::NaiveDate;
use serde::Serialize;

use super::{ChiBo, NguoiKy, VanBan};

/// Everything `bao-cao-quy.docx` sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaoCaoQuy {
    /// The reporting cell.
    pub chi_bo: ChiBo,
    /// `Số 06-BC/CB2`, `BÁO CÁO`, `kết quả sinh hoạt chi bộ quý I năm 2023`.
    pub van_ban: VanBan,
    /// `Nơi nhận` lines, without the leading `- `.
    pub noi_nhan: Vec<String>,
    /// `T/M CHI BỘ` / `BÍ THƯ` / name.
    pub nguoi_ky: NguoiKy,
    /// The quarter, 1–4.
    pub quy: u32,
    /// The quarter in Roman numerals: `I`.
    pub quy_la_ma: String,
    /// The year.
    pub nam: i32,
    /// Members at the first and at the last day of the quarter.
    pub dang_vien: DangVienKy,
    /// Non-members (quần chúng) under the cell's leadership at the end of the quarter.
    pub quan_chung: u32,
    /// Regular meetings of the quarter.
    pub thuong_ky: ThuongKy,
    /// Thematic meetings held in the quarter, in date order.
    pub chuyen_de: Vec<ChuyenDeDaHop>,
    /// Scores and bands of the quarter's meetings.
    pub chat_luong: ChatLuong,
    /// Commendations in the quarter.
    pub bieu_duong: BieuDuong,
    /// The figures table at the end of the report, one row per figure, already worded.
    pub bang: Vec<DongBang>,
    /// `Hạn chế` of section III: each breach of the meeting rules the data shows in the
    /// quarter, one sentence each with its month, meeting date or figure (`Tháng 8/2025 chi bộ
    /// không tổ chức sinh hoạt thường kỳ.`), in time order; empty when the data shows none.
    /// The same breaches, with the same figures, as the `Cảnh báo` sheet's `Vi phạm` rows.
    pub han_che: Vec<String>,
}

/// Member counts at the start and end of the period (`dang_vien`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DangVienKy {
    /// On the first day of the quarter.
    pub dau_ky: SoDangVien,
    /// On the last day of the quarter (or the as-of date, when earlier).
    pub cuoi_ky: SoDangVien,
}

/// Members on the rolls on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SoDangVien {
    /// All members on the rolls.
    pub tong_so: u32,
    /// Full members (exempted ones included).
    pub chinh_thuc: u32,
    /// Probationary members.
    pub du_bi: u32,
    /// Members exempted from meetings.
    pub mien: u32,
}

/// Regular meetings of the quarter (`thuong_ky`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThuongKy {
    /// Meetings due (3 a quarter).
    pub so_ke_hoach: u32,
    /// Meetings held.
    pub so_da_hop: u32,
    /// The dates they were held (ISO); print each with `ngay`.
    pub ngay_hop: Vec<NaiveDate>,
    /// Average attendance over the quarter as a ratio of summed counts (`0.9375`; never a mean
    /// of percentages), or null when no attendance is known; print with `phan_tram` (`93,8%`).
    pub ty_le_binh_quan: Option<f64>,
    /// Absences with a reason (person-meetings, "lượt").
    pub vang_co_ly_do: u32,
    /// Absences without a reason (person-meetings).
    pub vang_khong_ly_do: u32,
}

/// One thematic meeting held in the quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChuyenDeDaHop {
    /// The topic.
    pub ten: String,
    /// The date (ISO).
    pub ngay: NaiveDate,
    /// Who presented it (empty when not given).
    pub nguoi_trinh_bay: String,
    /// The form (empty when not given).
    pub hinh_thuc: String,
}

/// Quality of the quarter's meetings (`chat_luong`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChatLuong {
    /// Every held meeting, in date order, with its score.
    pub cac_buoi: Vec<BuoiDiem>,
    /// Meetings graded `Tốt`.
    pub tot: u32,
    /// Meetings graded `Khá`.
    pub kha: u32,
    /// Meetings graded `Trung bình`.
    pub trung_binh: u32,
    /// Meetings graded `Kém`.
    pub kem: u32,
    /// The count for every band of the scheme in force, best first (also the bands of a
    /// custom scheme, or `Đạt` / `Không đạt`).
    pub theo_loai: Vec<SoTheoLoai>,
    /// Mean of the scored meetings' totals, or null when none was scored; print with `so`.
    pub diem_binh_quan: Option<f64>,
}

/// One held meeting and its score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BuoiDiem {
    /// The date (ISO).
    pub ngay: NaiveDate,
    /// `Thường kỳ`, `Chuyên đề` or `Thường kỳ + Chuyên đề`.
    pub loai: String,
    /// The total that counts, or null when not scored.
    pub diem: Option<f64>,
    /// The band, or empty when not scored.
    pub xep_loai: String,
}

/// How many meetings got one band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SoTheoLoai {
    /// The band's label: `Tốt`.
    pub ten: String,
    /// Meetings with that band.
    pub so_buoi: u32,
}

/// Commendations of the quarter (`bieu_duong`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BieuDuong {
    /// The phrase the report prints: `06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt`;
    /// `không có` when none.
    pub text: String,
    /// Distinct people commended.
    pub so_nguoi: u32,
    /// Commendations in all ("lượt"; one person may be commended twice).
    pub so_luot: u32,
    /// Distinct members commended.
    pub dang_vien: u32,
    /// Distinct non-members commended.
    pub quan_chung: u32,
}

/// One row of the figures table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DongBang {
    /// Row number as printed: `1`.
    pub stt: String,
    /// What is counted: `Số buổi sinh hoạt thường kỳ đã tổ chức / kế hoạch`.
    pub chi_tieu: String,
    /// The figure, already formatted: `3/3`, `93,8%`.
    pub ket_qua: String,
    /// A remark (empty when none).
    pub ghi_chu: String,
}
