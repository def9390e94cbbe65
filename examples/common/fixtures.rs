//! Sources of the small LibreOffice-saved fixtures in `tests/fixtures/libreoffice/`. Each is
//! written here with rust_xlsxwriter, then opened and saved by LibreOffice (see that folder's
//! README), so what the tests read is LibreOffice's own output.

use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook};

use super::BoxResult;
use super::canonical::{Formats, fixed_properties};

/// `tieu-de-gop-ngay-van-ban`: a member list under two merged title rows, with a text-date
/// column (`Ngày vào Đảng`) and a real-date column (`Ngày chính thức`).
/// Name, birth year, admission date as typed, full-membership date (y, m, d), card.
pub type MemberRow = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static str,
);

pub const MEMBERS: [MemberRow; 4] = [
    (
        "Hồ Thị Thanh Loan",
        "1985",
        "14/02/2009",
        (2010, 2, 14),
        "06901234",
    ),
    ("Tạ Văn Quang", "1979", "3/2/2005", (2006, 2, 3), "06902345"),
    (
        "Nguyễn Thị Mai Hoa",
        "1990",
        "19-05-2015",
        (2016, 5, 19),
        "06903456",
    ),
    (
        "Lương Đức Xuân Thịnh",
        "1988",
        "ngày 02 tháng 09 năm 2012",
        (2013, 9, 2),
        "06904567",
    ),
];

/// The scores of `cong-thuc-tong-diem`: date (y, m, d) and the four Phú Thọ groups. Totals
/// and bands are formulas without cached values; LibreOffice computes them on load.
pub const SCORES: [((i32, u32, u32), [u32; 4]); 4] = [
    ((2025, 1, 7), [15, 20, 43, 19]),
    ((2025, 2, 11), [14, 18, 40, 18]),
    ((2025, 3, 4), [15, 16, 38, 17]),
    ((2025, 4, 8), [13, 12, 30, 14]),
];

/// The band formula of row `r` (1-based Excel row).
#[must_use]
pub fn band_formula(r: u32) -> String {
    format!(r#"=IF(H{r}>=90,"Tốt",IF(H{r}>=70,"Khá",IF(H{r}>=50,"Trung bình","Kém")))"#)
}

pub fn members_source() -> BoxResult<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên")?;
    let t = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 5, "ĐẢNG BỘ SỞ VĂN HÓA TỈNH HÒA BÌNH XANH", &t)?;
    ws.merge_range(1, 0, 1, 5, "DANH SÁCH ĐẢNG VIÊN CHI BỘ MẪU", &t)?;
    let cols = [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Số thẻ đảng viên",
    ];
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(3, u16::try_from(c)?, *h, &f.header)?;
    }
    for (i, (name, year, joined, (y, m, d), card)) in MEMBERS.iter().enumerate() {
        let r = u32::try_from(i + 4)?;
        ws.write_number(r, 0, f64::from(u32::try_from(i + 1)?))?;
        ws.write_string(r, 1, *name)?;
        ws.write_string(r, 2, *year)?;
        ws.write_string(r, 3, *joined)?;
        ws.write_datetime_with_format(r, 4, super::ymd(*y, *m, *d), &f.date)?;
        ws.write_string(r, 5, *card)?;
    }
    Ok(wb.save_to_buffer()?)
}

pub fn scores_source() -> BoxResult<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    let ws = wb.add_worksheet();
    ws.set_name("Chấm điểm")?;
    // An empty default result: LibreOffice then computes every formula when it loads the file.
    ws.set_formula_result_default("");
    let cols = [
        "STT",
        "Ngày",
        "Loại",
        "Nhóm 1",
        "Nhóm 2",
        "Nhóm 3",
        "Nhóm 4",
        "Tổng điểm",
        "Xếp loại",
    ];
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, &f.header)?;
    }
    for (i, ((y, m, d), groups)) in SCORES.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        let x = r + 1; // Excel's 1-based row
        ws.write_number(r, 0, f64::from(r))?;
        ws.write_datetime_with_format(r, 1, super::ymd(*y, *m, *d), &f.date)?;
        ws.write_string(r, 2, "Thường kỳ")?;
        for (k, g) in groups.iter().enumerate() {
            ws.write_number(r, u16::try_from(3 + k)?, f64::from(*g))?;
        }
        ws.write_formula(r, 7, Formula::new(format!("=SUM(D{x}:G{x})")))?;
        ws.write_formula(r, 8, Formula::new(band_formula(x)))?;
    }
    Ok(wb.save_to_buffer()?)
}
