//! The annual report of a cell to its Party committee (`bao-cao-nam.docx`, domain.md §4.5
//! "or *năm 2024*"): the year's figures in one document, so that the clerk no longer merges
//! four quarterly reports by hand.
//!
//! The view, its builder, its example and its plan (which runs bring it, its file name) live
//! here; its entry in [`super::registry::KINDS`] names them. Every figure comes from
//! [`crate::aggregate`]: the year's [`CellSummary`] (the same function the quarterly report
//! uses, over the year) and the summaries of its quarters
//! ([`crate::aggregate::summary::quarter_summaries`]); this module only words and orders them.

use chrono::NaiveDate;
use serde::Serialize;

use super::build::{
    Ctx, band_short, bieu_duong, chat_luong, chi_bo, dang_vien_ky, dong_chi_bo, han_che,
    ngay_hop_va_buoi, nguoi_ky, noi_nhan, so_ky_hieu, thuong_ky, van_ban,
};
use super::registry::{Built, Planned, Planning, Subject};
use super::{
    BieuDuong, BuoiDiem, ChatLuong, ChiBo, ChuyenDeDaHop, DangVienKy, DongChiBo, NguoiKy,
    SoTheoLoai, ThuongKy, VanBan,
};
use crate::aggregate::{self, Period, PeriodKind, period::roman, summary::quarter_summaries};
use crate::diagnostic::Diagnostic;

/// Everything `bao-cao-nam.docx` sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaoCaoNam {
    /// The reporting cell.
    pub chi_bo: ChiBo,
    /// `Số 15-BC/CB2`, `BÁO CÁO`, `kết quả sinh hoạt chi bộ năm 2023`.
    pub van_ban: VanBan,
    /// `Nơi nhận` lines, without the leading `- `.
    pub noi_nhan: Vec<String>,
    /// `T/M CHI BỘ` / `BÍ THƯ` / name.
    pub nguoi_ky: NguoiKy,
    /// The year reported on: `2023`.
    pub nam: i32,
    /// The next year, for `PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024`.
    pub nam_toi: i32,
    /// The day the figures are counted to (ISO) when the year has not ended by `--as-of`
    /// (`số liệu tính đến ngày 20/12/2023`); null once the year is over.
    pub tinh_den: Option<NaiveDate>,
    /// Members on the first day of the year and at its end (or on `--as-of`, when earlier).
    pub dang_vien: DangVienKy,
    /// Non-members (quần chúng) under the cell's leadership at the end of the year.
    pub quan_chung: u32,
    /// Regular meetings of the year: `so_ke_hoach` is the months due (12 once the year is over),
    /// `so_da_hop` the meetings held, `ngay_hop` their dates, then the year's attendance.
    pub thuong_ky: ThuongKy,
    /// Months due without a regular meeting, as printed after `tháng`: `8/2023`, `02/2023`
    /// (months 01 and 02 zero-padded, as in Party dates). Empty when none.
    pub thang_thieu: Vec<String>,
    /// Thematic meetings held in the year, in date order.
    pub chuyen_de: Vec<ChuyenDeDaHop>,
    /// Quarters due a thematic meeting (4 once the year is over).
    pub chuyen_de_ke_hoach: u32,
    /// Quarters due without a thematic meeting, as printed after `quý`: `III/2023`. Empty when
    /// none.
    pub quy_thieu: Vec<String>,
    /// Scores and bands of every meeting held in the year (`cac_buoi`: one row per meeting).
    pub chat_luong: ChatLuong,
    /// The annual grade of the regular meetings and its reason; null when no regular meeting
    /// was graded and no month is due yet.
    pub xep_loai_nam: Option<XepLoaiCaNam>,
    /// Commendations in the year (people counted once over the year).
    pub bieu_duong: BieuDuong,
    /// One row per quarter begun by `--as-of` (`ten` is `Quý I` …; the same figures as that
    /// quarter's report), for the table `{%tr for r in theo_quy %}`.
    pub theo_quy: Vec<DongChiBo>,
    /// The `Cả năm` row: counts summed over the quarters, rates and the average score from the
    /// sums (never a mean of the quarters' percentages).
    pub ca_nam: DongChiBo,
    /// Heading of the band column: the scheme's bands joined by ` / ` (`Tốt / Khá / TB / Kém`).
    pub cot_xep_loai: String,
    /// `Hạn chế` of section III: each breach of the meeting rules the data shows in the year,
    /// one sentence each as in the quarterly report (`Tháng 8/2023 chi bộ không tổ chức sinh
    /// hoạt thường kỳ.`), in time order; empty when the data shows none.
    pub han_che: Vec<String>,
}

/// The cell's annual grade of its regular meetings (`xep_loai_nam`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct XepLoaiCaNam {
    /// The grade: `Tốt`, `Khá` …
    pub xep_loai: String,
    /// Why: `12/12 kỳ từ Khá trở lên, 08 kỳ Tốt`, or the months that kept it down
    /// (`tháng 8/2023 không sinh hoạt thường kỳ`).
    pub ly_do: String,
}

/// The annual report of `year`, or `None` for a year chrono cannot represent.
#[must_use]
pub fn bao_cao_nam(ctx: &Ctx<'_>, year: i32) -> Option<BaoCaoNam> {
    let cell = ctx.cell;
    let period = Period::year(year)?;
    let scheme = &ctx.rules.scheme;
    let summary = aggregate::cell_summary(cell, &period, ctx.as_of, ctx.rules);
    let quarters = quarter_summaries(cell, year, ctx.as_of, ctx.rules);
    let (ngay_hop, chuyen_de, cac_buoi) = ngay_hop_va_buoi(cell, &summary);
    let bands = scheme.bands.len();
    Some(BaoCaoNam {
        chi_bo: chi_bo(cell),
        van_ban: van_ban(
            cell,
            ctx.as_of,
            so_ky_hieu(
                None,
                super::registry::symbol("bao_cao_nam"),
                &cell.info.symbol,
            ),
            "BÁO CÁO",
            format!("kết quả sinh hoạt chi bộ năm {year}"),
        ),
        noi_nhan: noi_nhan(&ctx.config.the_thuc.noi_nhan.bao_cao, cell),
        nguoi_ky: nguoi_ky(cell),
        nam: year,
        nam_toi: year.saturating_add(1),
        tinh_den: (!period.ended_by(ctx.as_of)).then_some(ctx.as_of),
        dang_vien: dang_vien_ky(&summary),
        quan_chung: summary.members.masses,
        thuong_ky: thuong_ky(&summary, ngay_hop),
        thang_thieu: summary.regular_missing.iter().map(thang_nam).collect(),
        chuyen_de,
        chuyen_de_ke_hoach: summary.thematic_due,
        quy_thieu: summary.thematic_missing.iter().map(thang_nam).collect(),
        chat_luong: chat_luong(&summary, cac_buoi, scheme),
        xep_loai_nam: summary.annual_grade.clone().map(|xep_loai| XepLoaiCaNam {
            xep_loai,
            ly_do: summary.annual_reason.clone().unwrap_or_default(),
        }),
        bieu_duong: bieu_duong(&summary.commendations),
        theo_quy: quarters
            .iter()
            .map(|q| {
                let mut r = dong_chi_bo(String::new(), q, bands);
                r.ten = format!("Quý {}", roman(q.period.number));
                r
            })
            .collect(),
        ca_nam: DongChiBo {
            ten: "Cả năm".into(),
            ..dong_chi_bo(String::new(), &summary, bands)
        },
        cot_xep_loai: scheme
            .bands
            .iter()
            .map(|b| band_short(&b.ten))
            .collect::<Vec<_>>()
            .join(" / "),
        han_che: han_che(&aggregate::cell_shortcomings(
            cell, &period, ctx.as_of, ctx.rules,
        )),
    })
}

/// The annual report a period brings: a year run's, once the year has ended by `--as-of`, or
/// whenever `--van-ban bao_cao_nam` names it (a report counted to `--as-of`, for the year-end
/// review held in December). Never for a month or a quarter.
pub(super) fn plan(p: &Planning<'_>, _: &mut Vec<Diagnostic>) -> Vec<Planned> {
    if p.period.kind != PeriodKind::Year || !(p.chosen || p.period.ended_by(p.as_of)) {
        return Vec::new();
    }
    let year = p.period.year;
    vec![Planned {
        subject: Subject::Year(year),
        file: if p.vietnamese() {
            format!("Báo cáo năm {year}.docx")
        } else {
            format!("bao-cao-nam-{year}.docx")
        },
    }]
}

/// The view of a planned annual report.
pub(super) fn build(ctx: &Ctx<'_>, subject: Subject) -> Option<Built> {
    let Subject::Year(year) = subject else {
        return None;
    };
    Some(Built {
        template: super::BAO_CAO_NAM,
        data: serde_json::to_value(bao_cao_nam(ctx, year)?).ok()?,
    })
}

/// `8/2023`, `02/2023` for a month; `III/2023` for a quarter.
fn thang_nam(p: &Period) -> String {
    match p.kind {
        PeriodKind::Quarter => format!("{}/{}", roman(p.number), p.year),
        _ if p.number <= 2 => format!("{:02}/{}", p.number, p.year),
        _ => format!("{}/{}", p.number, p.year),
    }
}

/// The annual report of 2023 of the example cell (the cell of the other examples): one month
/// without a regular meeting, which holds the annual grade below `Khá` (docs/rules.md).
#[must_use]
pub fn example_bao_cao_nam() -> BaoCaoNam {
    use super::examples::{bi_thu_ky, chi_bo as chi_bo_2};
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2023, m, day).unwrap_or_default();
    let s = |x: &str| x.to_string();
    let months: [(u32, u32, &str, f64, &str); 11] = [
        (1, 10, "Thường kỳ", 92.0, "Tốt"),
        (2, 14, "Thường kỳ + Chuyên đề", 93.0, "Tốt"),
        (3, 10, "Thường kỳ", 88.0, "Khá"),
        (4, 11, "Thường kỳ", 90.0, "Tốt"),
        (5, 9, "Thường kỳ + Chuyên đề", 91.0, "Tốt"),
        (6, 13, "Thường kỳ", 86.0, "Khá"),
        (7, 11, "Thường kỳ", 90.0, "Tốt"),
        (9, 12, "Thường kỳ + Chuyên đề", 94.0, "Tốt"),
        (10, 10, "Thường kỳ", 87.0, "Khá"),
        (11, 14, "Thường kỳ + Chuyên đề", 92.0, "Tốt"),
        (12, 12, "Thường kỳ", 90.0, "Tốt"),
    ];
    let cac_buoi: Vec<BuoiDiem> = months
        .iter()
        .map(|&(m, day, loai, diem, xl)| BuoiDiem {
            ngay: d(m, day),
            loai: s(loai),
            diem: Some(diem),
            xep_loai: s(xl),
        })
        .collect();
    let chuyen_de = |m: u32, day: u32, ten: &str, ai: &str| ChuyenDeDaHop {
        ten: s(ten),
        ngay: d(m, day),
        nguoi_trinh_bay: s(ai),
        hinh_thuc: s("Sinh hoạt tập trung"),
    };
    let dong = |ten: &str, tk: (u32, u32), cd: (u32, u32), ty_le: f64, diem: f64, xl: [u32; 4]| {
        super::examples::dong("", ten, 12, tk, cd, ty_le, diem, &xl)
    };
    BaoCaoNam {
        chi_bo: chi_bo_2(),
        van_ban: VanBan {
            so: s("15"),
            so_ky_hieu: s("Số 15-BC/CB2"),
            ngay: d(12, 28),
            dia_danh_ngay: s("Bình Thuận, ngày 28 tháng 12 năm 2023"),
            ten_loai: s("BÁO CÁO"),
            trich_yeu: s("kết quả sinh hoạt chi bộ năm 2023"),
        },
        noi_nhan: vec![s("Đảng ủy Sở Công Thương (để báo cáo),"), s("Lưu Chi bộ.")],
        nguoi_ky: bi_thu_ky(),
        nam: 2023,
        nam_toi: 2024,
        tinh_den: Some(d(12, 28)),
        dang_vien: DangVienKy {
            dau_ky: super::SoDangVien {
                tong_so: 11,
                chinh_thuc: 9,
                du_bi: 2,
                mien: 1,
            },
            cuoi_ky: super::SoDangVien {
                tong_so: 12,
                chinh_thuc: 11,
                du_bi: 1,
                mien: 1,
            },
        },
        quan_chung: 5,
        thuong_ky: ThuongKy {
            so_ke_hoach: 11,
            so_da_hop: 11,
            ngay_hop: cac_buoi.iter().map(|b| b.ngay).collect(),
            ty_le_binh_quan: Some(112.0 / 121.0),
            vang_co_ly_do: 7,
            vang_khong_ly_do: 2,
        },
        thang_thieu: vec![s("8/2023")],
        chuyen_de: vec![
            chuyen_de(
                2,
                14,
                "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong thực thi công vụ",
                "Nguyễn Văn An",
            ),
            chuyen_de(
                5,
                9,
                "Nâng cao chất lượng tham mưu của cán bộ, công chức",
                "Trần Thị Bình",
            ),
            chuyen_de(9, 12, "Phòng, chống lãng phí trong cơ quan", "Lê Văn Cường"),
            chuyen_de(
                11,
                14,
                "Chuyển đổi số trong công tác văn phòng",
                "Nguyễn Văn An",
            ),
        ],
        chuyen_de_ke_hoach: 3,
        quy_thieu: Vec::new(),
        chat_luong: ChatLuong {
            cac_buoi,
            tot: 8,
            kha: 3,
            trung_binh: 0,
            kem: 0,
            theo_loai: [("Tốt", 8), ("Khá", 3), ("Trung bình", 0), ("Kém", 0)]
                .iter()
                .map(|&(ten, so_buoi)| SoTheoLoai {
                    ten: s(ten),
                    so_buoi,
                })
                .collect(),
            diem_binh_quan: Some(993.0 / 11.0),
        },
        xep_loai_nam: Some(XepLoaiCaNam {
            xep_loai: s("Trung bình"),
            ly_do: s("tháng 8/2023 không sinh hoạt thường kỳ"),
        }),
        bieu_duong: BieuDuong {
            text: s("06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt"),
            so_nguoi: 6,
            so_luot: 7,
            dang_vien: 4,
            quan_chung: 2,
        },
        theo_quy: vec![
            dong("Quý I", (3, 3), (1, 1), 30.0 / 32.0, 91.0, [2, 1, 0, 0]),
            dong("Quý II", (3, 3), (1, 1), 29.0 / 32.0, 89.0, [2, 1, 0, 0]),
            dong("Quý III", (2, 3), (1, 1), 21.0 / 22.0, 92.0, [2, 0, 0, 0]),
            dong("Quý IV", (3, 2), (1, 0), 32.0 / 35.0, 89.7, [2, 1, 0, 0]),
        ],
        ca_nam: dong(
            "Cả năm",
            (11, 11),
            (4, 3),
            112.0 / 121.0,
            90.3,
            [8, 3, 0, 0],
        ),
        cot_xep_loai: s("Tốt / Khá / TB / Kém"),
        han_che: vec![
            s("Tháng 8/2023 chi bộ không tổ chức sinh hoạt thường kỳ."),
            s(
                "Buổi sinh hoạt ngày 13/06/2023 có 01 đảng viên vắng không lý do (đồng chí Vũ Thị Giang).",
            ),
            s(
                "Buổi sinh hoạt ngày 10/10/2023 có 01 đảng viên vắng không lý do (đồng chí Vũ Thị Giang).",
            ),
        ],
    }
}
