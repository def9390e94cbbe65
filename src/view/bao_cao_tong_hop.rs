//! The committee's own report on its cells' meetings (`bao-cao-tong-hop.docx`, domain.md §4.5
//! at committee level and the summary table of §5.1).

use chrono::NaiveDate;
use serde::Serialize;

use super::{DangVienKy, NguoiKy, VanBan};

/// Everything `bao-cao-tong-hop.docx` sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaoCaoTongHop {
    /// The issuing committee (header block and signature).
    pub dang_uy: DangUy,
    /// `Số     -BC/ĐU`, `BÁO CÁO`, `tổng hợp kết quả sinh hoạt chi bộ quý IV năm 2025`.
    pub van_ban: VanBan,
    /// `Nơi nhận` lines, without the leading `- `.
    pub noi_nhan: Vec<String>,
    /// `T/M ĐẢNG ỦY` / `BÍ THƯ` / name.
    pub nguoi_ky: NguoiKy,
    /// The period reported on.
    pub ky: KyBaoCao,
    /// Cells whose figures are included (the usable workbooks).
    pub so_chi_bo: u32,
    /// Workbooks left out because of errors in their data (file names, in reading order); the
    /// report says their figures are missing.
    pub chua_tong_hop: Vec<String>,
    /// Members of all cells at the first and the last day of the period.
    pub dang_vien: DangVienKy,
    /// Non-members (quần chúng) under the cells' leadership at the end of the period.
    pub quan_chung: u32,
    /// Regular meetings of all cells.
    pub thuong_ky: TongThuongKy,
    /// Thematic meetings of all cells.
    pub chuyen_de: TongChuyenDe,
    /// Scores and bands of all held meetings.
    pub chat_luong: TongChatLuong,
    /// Commendations in the period.
    pub bieu_duong: TongBieuDuong,
    /// One row per cell for the table (`{%tr for r in chi_bo %}`), in the order the cells were
    /// read.
    pub chi_bo: Vec<DongChiBo>,
    /// The `Tổng cộng` row: counts summed, rates and the average score from the sums.
    pub tong_cong: DongChiBo,
    /// Heading of the band column: the scheme's bands joined by ` / ` (`Tốt / Khá / TB / Kém`).
    pub cot_xep_loai: String,
    /// Year reports: each cell's annual grade of its regular meetings with the reason, in the
    /// order the cells were read (empty for a month or a quarter).
    pub xep_loai_nam: Vec<XepLoaiNam>,
    /// `Hạn chế` of section III: for each kind of breach of the meeting rules found in the
    /// period, the cells concerned (empty when none was found).
    pub han_che: Vec<HanCheChiBo>,
}

/// One kind of shortcoming and the cells concerned (`han_che`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HanCheChiBo {
    /// What the cells fell short of: `Chưa tổ chức sinh hoạt chuyên đề trong quý`.
    pub noi_dung: String,
    /// The cells, in Vietnamese alphabetical order, numbers by value (`Chi bộ 3`, `Chi bộ 10`).
    pub chi_bo: Vec<String>,
    /// The whole line as the report prints it: `Chưa tổ chức sinh hoạt chuyên đề trong quý:
    /// Chi bộ 3, Chi bộ 7.`
    pub text: String,
}

/// The committee (`dang_uy`), from `[dang_uy]` of `chibo.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DangUy {
    /// The committee: `Đảng ủy Sở Công Thương`.
    pub ten: String,
    /// The same in upper case, the issuer line of the header block: `ĐẢNG ỦY SỞ CÔNG THƯƠNG`.
    pub ten_hoa: String,
    /// The whole Party organisation it leads: `Đảng bộ Sở Công Thương`.
    pub dang_bo: String,
    /// The issuer symbol in document numbers: `ĐU`.
    pub ky_hieu: String,
    /// The committee's superior: `Đảng bộ Khối các cơ quan tỉnh`.
    pub cap_tren: String,
    /// The superior in upper case, first line of the header block.
    pub cap_tren_hoa: String,
    /// The place name of the date line.
    pub dia_danh: String,
    /// The secretary's full name (empty when unknown).
    pub bi_thu: String,
    /// The deputy secretary's full name (empty when unknown).
    pub pho_bi_thu: String,
}

/// The period of the report (`ky`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KyBaoCao {
    /// The code used in file names: `2025-Q4`, `2025-03`, `2025`.
    pub ma: String,
    /// `thang`, `quy` or `nam`.
    pub loai: String,
    /// As the prose says it: `quý IV năm 2025`, `tháng 02 năm 2025`, `năm 2025`.
    pub ten: String,
    /// The unit alone, for `Đầu quý` / `cuối quý`: `quý`, `tháng` or `năm`.
    pub don_vi: String,
    /// The next period, for the heading of section IV: `quý tới`, `tháng tới`, `năm tới`.
    pub ky_toi: String,
    /// The year.
    pub nam: i32,
    /// First day of the period (ISO).
    pub tu_ngay: NaiveDate,
    /// Last day of the period (ISO).
    pub den_ngay: NaiveDate,
    /// The day the figures are counted to (`--as-of`).
    pub tinh_den: NaiveDate,
}

/// Regular meetings of all cells (`thuong_ky`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TongThuongKy {
    /// Meetings due: one per cell and per month of the period that has ended.
    pub so_ke_hoach: u32,
    /// Meetings held (a combined session included).
    pub so_da_hop: u32,
    /// Cells that held a regular meeting in every month due.
    pub so_chi_bo_du: u32,
    /// Cells that missed one or more months, with the months.
    pub chi_bo_thieu: Vec<ChiBoThieu>,
    /// Average attendance from the summed counts (`luot_co_mat / luot_phai_du`, never a mean of
    /// the cells' percentages), or null when no attendance is known; print with `phan_tram`.
    pub ty_le_binh_quan: Option<f64>,
    /// Person-meetings present (lượt), the rate's numerator.
    pub luot_co_mat: u32,
    /// Person-meetings expected (lượt), the rate's denominator.
    pub luot_phai_du: u32,
    /// Absences with a reason (lượt).
    pub vang_co_ly_do: u32,
    /// Absences without a reason (lượt).
    pub vang_khong_ly_do: u32,
}

/// Thematic meetings of all cells (`chuyen_de`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TongChuyenDe {
    /// Meetings due: one per cell and per quarter of the period that has ended.
    pub so_ke_hoach: u32,
    /// Meetings held (a combined session included).
    pub so_da_hop: u32,
    /// Cells that held one in every quarter due.
    pub so_chi_bo_du: u32,
    /// Cells that missed one or more quarters, with the quarters.
    pub chi_bo_thieu: Vec<ChiBoThieu>,
    /// Every thematic meeting held, cell by cell, in date order within a cell.
    pub cac_buoi: Vec<ChuyenDeChiBo>,
}

/// A cell that missed meetings due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChiBoThieu {
    /// The cell: `Chi bộ Văn phòng Sở`.
    pub ten: String,
    /// What it missed, worded: `tháng 02/2025, 11/2025` or `quý III/2025`.
    pub thieu: String,
    /// How many meetings it missed.
    pub so_buoi: u32,
}

/// One thematic meeting held by a cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChuyenDeChiBo {
    /// The cell.
    pub chi_bo: String,
    /// The topic (empty when the sheet gives none).
    pub ten: String,
    /// The date (ISO).
    pub ngay: NaiveDate,
}

/// Scores and bands of all held meetings (`chat_luong`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TongChatLuong {
    /// Meetings held (regular and thematic; a combined session once).
    pub so_buoi: u32,
    /// Meetings with a score.
    pub so_buoi_cham: u32,
    /// Mean of the scored meetings' totals (summed over all cells, then divided), or null when
    /// none was scored; print with `so`.
    pub diem_binh_quan: Option<f64>,
    /// Meetings graded `Tốt`.
    pub tot: u32,
    /// Meetings graded `Khá`.
    pub kha: u32,
    /// Meetings graded `Trung bình`.
    pub trung_binh: u32,
    /// Meetings graded `Kém`.
    pub kem: u32,
    /// Every band of the scheme in force, best first, with its count and share.
    pub theo_loai: Vec<LoaiTongHop>,
}

/// How many meetings got one band, across all cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoaiTongHop {
    /// The band's label: `Tốt`.
    pub ten: String,
    /// Meetings with that band.
    pub so_buoi: u32,
    /// Its share of the graded meetings (a ratio), or null when none was graded.
    pub ty_le: Option<f64>,
}

/// Commendations of the period (`bieu_duong`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TongBieuDuong {
    /// The phrase the report prints: `06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt`;
    /// `không có` when none.
    pub text: String,
    /// People commended (each counted once per cell).
    pub so_nguoi: u32,
    /// Commendations in all (lượt).
    pub so_luot: u32,
    /// Members commended.
    pub dang_vien: u32,
    /// Commendations of members (lượt).
    pub dang_vien_luot: u32,
    /// Non-members commended.
    pub quan_chung: u32,
    /// Commendations of non-members (lượt).
    pub quan_chung_luot: u32,
}

/// One row of the table: a cell, or the `Tổng cộng` row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DongChiBo {
    /// Row number as printed (`1`); empty on the `Tổng cộng` row.
    pub stt: String,
    /// The cell's name, or `Tổng cộng`.
    pub ten: String,
    /// Members at the end of the period.
    pub dang_vien: u32,
    /// Regular meetings held.
    pub thuong_ky_da_hop: u32,
    /// Regular meetings due.
    pub thuong_ky_ke_hoach: u32,
    /// Thematic meetings held.
    pub chuyen_de_da_hop: u32,
    /// Thematic meetings due.
    pub chuyen_de_ke_hoach: u32,
    /// Average attendance from summed counts (a ratio), or null; print with `phan_tram`.
    pub ty_le_du: Option<f64>,
    /// Average score, or null when no meeting was scored; print with `so`.
    pub diem_binh_quan: Option<f64>,
    /// Meetings per band of the scheme, best first.
    pub xep_loai: Vec<u32>,
    /// The same counts joined by ` / ` (`2 / 1 / 0 / 0`), under the heading `cot_xep_loai`.
    pub xep_loai_text: String,
    /// Year reports: the annual grade (`Tốt`), empty otherwise and on `Tổng cộng`.
    pub xep_loai_nam: String,
}

/// One cell's annual grade (`xep_loai_nam`), as the workbook's `Xếp loại năm` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct XepLoaiNam {
    /// The cell.
    pub chi_bo: String,
    /// The grade: `Tốt`, `Khá` …
    pub xep_loai: String,
    /// Why: `12/12 kỳ từ Khá trở lên, 08 kỳ Tốt`, or `tháng 8/2025 không sinh hoạt thường kỳ`.
    pub ly_do: String,
}
