//! The monthly resolution of a cell (`nghi-quyet-thang.docx`, domain.md §0.2 and §4.4): the
//! kind `nghi_quyet` of [`super::registry::KINDS`], written for each regular meeting held in
//! the period by the cells listed in `[dau_ra] nghi_quyet`.
//!
//! Its figures are those of the same meeting's minutes: the builder takes the minutes' view
//! ([`build::bien_ban`]) and the meeting's attendance from [`crate::aggregate`], so the two
//! documents can never disagree.

use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use super::build::{self, Ctx};
use super::registry::{Built, Planned, Planning, Subject, meeting_file_name};
use super::{Buoi, ChiBo, Diem, DiemDanh, NguoiKy, VanBan};
use crate::diagnostic::Diagnostic;
use crate::text::upper;

/// File name of the monthly resolution's template.
pub const NGHI_QUYET: &str = "nghi-quyet-thang.docx";

/// Everything `nghi-quyet-thang.docx` sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NghiQuyet {
    /// The issuing cell.
    pub chi_bo: ChiBo,
    /// `Số     -NQ/CB2` (a blank to fill by hand unless the number is known), the meeting's
    /// date, `NGHỊ QUYẾT`, `chi bộ tháng 3 năm 2023`.
    pub van_ban: VanBan,
    /// `Nơi nhận` lines (`[the_thuc.noi_nhan] nghi_quyet`), without the leading `- `.
    pub noi_nhan: Vec<String>,
    /// `T/M CHI BỘ` / `BÍ THƯ` / name.
    pub nguoi_ky: NguoiKy,
    /// The month of the meeting, in Party wording: `tháng 3 năm 2023`.
    pub ky: String,
    /// The same in upper case, for headings: `THÁNG 3 NĂM 2023`.
    pub ky_hoa: String,
    /// The month after, whose tasks the resolution sets: `tháng 4 năm 2023`.
    pub ky_toi: String,
    /// The same in upper case: `THÁNG 4 NĂM 2023`.
    pub ky_toi_hoa: String,
    /// The meeting, as the minutes see it (date, place, chair, secretary, content, the vote
    /// statement `buoi.bieu_quyet` …).
    pub buoi: Buoi,
    /// Who was there, exactly as in the minutes.
    pub diem_danh: DiemDanh,
    /// Members absent with a reason (also when only counts are typed).
    pub vang_co_ly_do: u32,
    /// Members absent without a reason.
    pub vang_khong_ly_do: u32,
    /// The meeting's score and band, or null when it was not scored.
    pub diem: Option<Diem>,
    /// Commendations proposed at the meeting, as one phrase, or null.
    pub bieu_duong: Option<String>,
    /// Next month's tasks: each line of the chair's conclusion, lettered a, b, c, d, đ, e, g …
    /// (empty when the conclusion was not typed: the template leaves lines to fill).
    pub nhiem_vu: Vec<NhiemVu>,
}

/// One task of the resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NhiemVu {
    /// Its letter: `a`, `b` … `đ` … (Vietnamese order, no `f`, `j`, `w`, `z`).
    pub chu: String,
    /// The task as typed, without a leading list mark.
    pub noi_dung: String,
}

/// The letters of lettered items, in Vietnamese order.
const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The letter of item `i` (from 0); past `y`, its number.
#[must_use]
pub fn letter(i: usize) -> String {
    LETTERS
        .get(i)
        .map_or_else(|| (i + 1).to_string(), |l| (*l).to_string())
}

/// The tasks of a conclusion: one per non-empty line, any list mark the clerk typed (`-`, `+`,
/// `•`, `a)`, `1.`) removed, lettered in order.
#[must_use]
pub fn tasks(conclusion: &str) -> Vec<NhiemVu> {
    conclusion
        .lines()
        .map(strip_mark)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| NhiemVu {
            chu: letter(i),
            noi_dung: l.to_string(),
        })
        .collect()
}

/// A line without its leading list mark: `- `, `+ `, `• `, `a) `, `đ. `, `1) `, `12. `.
fn strip_mark(line: &str) -> &str {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix(['-', '+', '•', '*', '–']) {
        return rest.trim_start();
    }
    let head: String = l.chars().take_while(|c| c.is_alphanumeric()).collect();
    let short = head.chars().count() == 1 || head.chars().all(|c| c.is_ascii_digit());
    match l[head.len()..].strip_prefix([')', '.']) {
        Some(rest) if short && !head.is_empty() && rest.starts_with(' ') => rest.trim_start(),
        _ => l,
    }
}

/// `tháng 3 năm 2023` (months 01 and 02 zero-padded, as in Party dates).
fn month_words(d: NaiveDate) -> String {
    let m = d.month();
    if m <= 2 {
        format!("tháng {m:02} năm {}", d.year())
    } else {
        format!("tháng {m} năm {}", d.year())
    }
}

/// The first day of the month after `d`'s.
fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The resolution of meeting `index` of the cell: `None` when there is no such meeting.
#[must_use]
pub fn nghi_quyet(ctx: &Ctx<'_>, index: usize) -> Option<NghiQuyet> {
    let cell = ctx.cell;
    let m = cell.meetings.get(index)?;
    let minutes = build::bien_ban(ctx, index)?;
    let a = crate::aggregate::meeting_attendance(cell, m, &ctx.rules.attendance);
    let ky = month_words(m.date);
    let ky_toi = month_words(next_month(m.date));
    let van_ban = VanBan {
        so: String::new(),
        so_ky_hieu: build::so_ky_hieu(
            None,
            super::registry::symbol("nghi_quyet"),
            &cell.info.symbol,
        ),
        ngay: m.date,
        dia_danh_ngay: minutes.van_ban.dia_danh_ngay,
        ten_loai: "NGHỊ QUYẾT".into(),
        trich_yeu: format!("chi bộ {ky}"),
    };
    Some(NghiQuyet {
        chi_bo: minutes.chi_bo,
        van_ban,
        noi_nhan: build::noi_nhan(&ctx.config.the_thuc.noi_nhan.nghi_quyet, cell),
        nguoi_ky: minutes.nguoi_ky,
        ky_hoa: upper(&ky),
        ky,
        ky_toi_hoa: upper(&ky_toi),
        ky_toi,
        nhiem_vu: tasks(&minutes.buoi.ket_luan),
        buoi: minutes.buoi,
        diem_danh: minutes.diem_danh,
        vang_co_ly_do: a.excused_count,
        vang_khong_ly_do: a.unexcused_count,
        diem: minutes.diem,
        bieu_duong: minutes.bieu_duong,
    })
}

/// A resolution for each regular meeting (combined sessions included) held in the period by
/// `--as-of`, for the cells that issue one (`[dau_ra] nghi_quyet`); named as the minutes are:
/// `nghi-quyet-2025-10-07-thuong-ky.docx`.
pub(super) fn plan(p: &Planning<'_>, _: &mut Vec<Diagnostic>) -> Vec<Planned> {
    if !p.config.dau_ra.issues_resolutions(p.cell) {
        return Vec::new();
    }
    crate::aggregate::held_meetings(p.cell, p.period, p.as_of)
        .filter(|(_, m)| m.kinds.regular)
        .map(|(meeting, m)| Planned {
            subject: Subject::Meeting(meeting),
            file: meeting_file_name("nghi-quyet", "Nghị quyết", m, p.vietnamese()),
        })
        .collect()
}

pub(super) fn build(ctx: &Ctx<'_>, subject: Subject) -> Option<Built> {
    let Subject::Meeting(meeting) = subject else {
        return None;
    };
    Some(Built {
        template: NGHI_QUYET,
        data: serde_json::to_value(nghi_quyet(ctx, meeting)?).ok()?,
    })
}

/// The resolution of the regular meeting of [`super::example_bien_ban_thuong_ky`] (the same
/// meeting, the same figures).
#[must_use]
pub fn example_nghi_quyet() -> NghiQuyet {
    let minutes = super::example_bien_ban_thuong_ky();
    let ngay = minutes.van_ban.ngay;
    let mut buoi = minutes.buoi;
    buoi.ket_luan = [
        "Tiếp tục quán triệt, thực hiện nghiêm các chỉ thị, nghị quyết của cấp ủy cấp trên; giữ vững đoàn kết nội bộ.",
        "- Hoàn thành báo cáo tổng kết công tác quý I năm 2023 của cơ quan trước ngày 25/3/2023.",
        "- Đồng chí Lê Văn Cường chuẩn bị nội dung sinh hoạt chuyên đề quý II.",
        "- Thu nộp đảng phí tháng 4 đầy đủ, đúng hạn.",
    ]
    .join("\n");
    NghiQuyet {
        chi_bo: minutes.chi_bo,
        van_ban: VanBan {
            so: String::new(),
            so_ky_hieu: "Số     -NQ/CB2".into(),
            ngay,
            dia_danh_ngay: minutes.van_ban.dia_danh_ngay,
            ten_loai: "NGHỊ QUYẾT".into(),
            trich_yeu: "chi bộ tháng 3 năm 2023".into(),
        },
        noi_nhan: vec![
            "Đảng ủy Sở Công Thương (để báo cáo),".into(),
            "Đảng viên trong chi bộ,".into(),
            "Lưu Chi bộ.".into(),
        ],
        nguoi_ky: minutes.nguoi_ky,
        ky: "tháng 3 năm 2023".into(),
        ky_hoa: "THÁNG 3 NĂM 2023".into(),
        ky_toi: "tháng 4 năm 2023".into(),
        ky_toi_hoa: "THÁNG 4 NĂM 2023".into(),
        nhiem_vu: tasks(&buoi.ket_luan),
        buoi,
        vang_co_ly_do: u32::try_from(minutes.diem_danh.vang_co_ly_do.len()).unwrap_or(0),
        vang_khong_ly_do: u32::try_from(minutes.diem_danh.vang_khong_ly_do.len()).unwrap_or(0),
        diem_danh: minutes.diem_danh,
        diem: minutes.diem,
        bieu_duong: minutes.bieu_duong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_skip_f() {
        let l: Vec<String> = (0..11).map(letter).collect();
        assert_eq!(l, ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l"]);
        assert_eq!(letter(23), "24");
    }

    #[test]
    fn tasks_drop_list_marks_and_empty_lines() {
        let t = tasks("- Một\n\n+ Hai\na) Ba\n12. Bốn\nĐảng viên gương mẫu.\n• Năm");
        let got: Vec<(&str, &str)> = t
            .iter()
            .map(|x| (x.chu.as_str(), x.noi_dung.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "Một"),
                ("b", "Hai"),
                ("c", "Ba"),
                ("d", "Bốn"),
                ("đ", "Đảng viên gương mẫu."),
                ("e", "Năm")
            ]
        );
    }

    #[test]
    fn months_in_party_wording() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(month_words(d(2023, 2, 14)), "tháng 02 năm 2023");
        assert_eq!(month_words(next_month(d(2025, 12, 9))), "tháng 01 năm 2026");
        assert_eq!(month_words(next_month(d(2025, 3, 31))), "tháng 4 năm 2025");
    }
}
