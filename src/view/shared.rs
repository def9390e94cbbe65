//! The parts every default document shares: the cell, the document's number and date, the
//! recipients and the signer.

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

/// The Party cell that issues the document (`chi_bo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChiBo {
    /// The cell's name as the workbook spells it: `Chi bộ 2`.
    pub ten: String,
    /// The same name in Vietnamese upper case, for the header block: `CHI BỘ 2`.
    pub ten_hoa: String,
    /// The issuer symbol used in document numbers: `CB2`.
    pub ky_hieu: String,
    /// The direct superior: `Đảng bộ Sở Công Thương`.
    pub cap_tren: String,
    /// The superior in upper case, first line of the header block: `ĐẢNG BỘ SỞ CÔNG THƯƠNG`.
    pub cap_tren_hoa: String,
    /// The place name of the date line: `Bình Thuận`.
    pub dia_danh: String,
    /// The secretary's full name (empty when unknown): `Nguyễn Văn An`.
    pub bi_thu: String,
    /// The deputy secretary's full name (empty when unknown).
    pub pho_bi_thu: String,
    /// The term of the cell committee (empty when unknown): `2020-2025`.
    pub nhiem_ky: String,
}

/// The document's own identity: number, date, type name and summary line (`van_ban`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VanBan {
    /// The running number alone, two digits at least (`05`); empty when unknown.
    pub so: String,
    /// The whole number line of the header block: `Số 05-KH/CB2`, or with a blank to fill by hand
    /// when no number is known: `Số     -KH/CB2`.
    pub so_ky_hieu: String,
    /// The date of the document (ISO `2023-02-14`); use `ngay_thang` or `ngay` to print it.
    pub ngay: NaiveDate,
    /// The whole italic place and date line: `Bình Thuận, ngày 14 tháng 02 năm 2023`.
    pub dia_danh_ngay: String,
    /// The type name in upper case: `KẾ HOẠCH`, `BIÊN BẢN`, `BÁO CÁO`.
    pub ten_loai: String,
    /// The summary line under the type name, lower case: `sinh hoạt chuyên đề năm 2023`.
    pub trich_yeu: String,
}

/// The signature block at the bottom right (`nguoi_ky`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NguoiKy {
    /// Authority line: `T/M CHI BỘ`.
    pub quyen_han: String,
    /// Position line: `BÍ THƯ` (or `PHÓ BÍ THƯ` when the deputy signs).
    pub chuc_vu: String,
    /// The signer's full name (empty when unknown: the line is left to write by hand).
    pub ho_ten: String,
}

/// Serialises an optional time as `HH:MM` (`14:00`), the form staff type and the `gio` filter reads.
#[allow(clippy::ref_option)] // serde's `serialize_with` hands us `&Option<T>`
pub(crate) fn hh_mm<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
        None => s.serialize_none(),
    }
}
