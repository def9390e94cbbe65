//! The annual thematic-meeting plan (`ke-hoach-chuyen-de.docx`, domain.md §4.1).

use chrono::NaiveDate;
use serde::Serialize;

use super::{ChiBo, NguoiKy, VanBan};

/// Everything `ke-hoach-chuyen-de.docx` sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeHoach {
    /// The issuing cell.
    pub chi_bo: ChiBo,
    /// Number (`Số 05-KH/CB2`), date, `KẾ HOẠCH`, `sinh hoạt chuyên đề năm 2023`.
    pub van_ban: VanBan,
    /// `Nơi nhận` lines, without the leading `- ` (the template adds it), each ending in `,` or
    /// `.` as configured.
    pub noi_nhan: Vec<String>,
    /// `T/M CHI BỘ` / `BÍ THƯ` / name.
    pub nguoi_ky: NguoiKy,
    /// The plan's year: `2023`.
    pub nam: i32,
    /// Whether the cell has a chi ủy: 9 chính thức members or more on the plan's date (the
    /// exempted included; Điều lệ Đảng). A smaller cell has only a bí thư.
    pub co_chi_uy: bool,
    /// Who leads the cell, at the start of a sentence: `Chi ủy`, or `Bí thư chi bộ` for a cell
    /// without a chi ủy.
    pub chi_uy: String,
    /// The same in a sentence: `chi ủy` or `bí thư chi bộ`.
    pub chi_uy_thuong: String,
    /// The legal bases, one line each, without the leading `- `:
    /// `Căn cứ Điều lệ Đảng Cộng sản Việt Nam;`.
    pub can_cu: Vec<String>,
    /// The rows of the quarter table, one per planned thematic meeting, in date order.
    pub quy: Vec<QuyChuyenDe>,
    /// The people who prepare the drafts, in order of first appearance, without repeats
    /// (section III of the plan).
    pub nguoi_chuan_bi: Vec<String>,
}

/// One row of the plan's table: one thematic meeting of a quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuyChuyenDe {
    /// The quarter, 1 to 4.
    pub quy: u32,
    /// The quarter in Roman numerals: `I`.
    pub quy_la_ma: String,
    /// The topic: `Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh …`.
    pub ten_chuyen_de: String,
    /// The planned month (1–12), or null when the plan names only the quarter.
    pub thang: Option<u32>,
    /// The planned date, or null.
    pub ngay: Option<NaiveDate>,
    /// Who prepares and presents it (empty when not yet assigned).
    pub nguoi_trinh_bay: String,
    /// The form: `Sinh hoạt tập trung`, `Tọa đàm` … (empty when not given).
    pub hinh_thuc: String,
    /// Who attends: `Đảng viên trong chi bộ`, or with `và quần chúng` when they are invited.
    pub thanh_phan: String,
}
