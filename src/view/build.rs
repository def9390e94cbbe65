//! Builds the views the default templates see from a cell's model and the aggregate figures.
//!
//! Every figure is computed here, in Rust (attendance with each person's standing on the day,
//! scores and bands through [`crate::aggregate`]); the templates only print. Lists of names are
//! in Vietnamese order ([`crate::text::compare_names`]).

use chrono::{Datelike as _, NaiveDate};

use crate::aggregate::{
    self, CellSummary, CellsConcerned, Consolidated, FlagKind, MemberCounts, Period, PeriodKind,
    Rules, Shortcoming, meeting_attendance, meeting_score, member_counts, period::roman,
};
use crate::config::{Config, Guideline};
use crate::dates::party_date;
use crate::docx::filters::{phan_tram, so_2, so_le};
use crate::model::{Cell, Meeting, MeetingStatus};
use crate::text::{compare_names, upper};

/// A name the workbook does not give, printed as a blank to fill by hand (`đồng chí ……………`),
/// never as nothing.
const BLANK_NAME: &str = "……………………";

use super::registry;
use super::{
    BaoCaoQuy, BaoCaoTongHop, BienBan, BieuDuong, Buoi, BuoiDiem, ChatLuong, ChiBo, ChiBoThieu,
    ChuyenDeChiBo, ChuyenDeDaHop, DangUy, DangVienKy, Diem, DiemDanh, DiemNhom, DongBang,
    DongChiBo, HanCheChiBo, KeHoach, KyBaoCao, LoaiTongHop, NguoiKy, QuyChuyenDe, SoChiBoTheoLoai,
    SoDangVien, SoTheoLoai, ThuongKy, TongBieuDuong, TongChatLuong, TongChuyenDe, TongThuongKy,
    VanBan, VangCoLyDo, VangKhongLyDo, XepLoaiNam,
};

/// What every builder needs: the cell, the committee's settings and rules, and "today".
#[derive(Clone, Copy, Debug)]
pub struct Ctx<'a> {
    pub cell: &'a Cell,
    pub config: &'a Config,
    pub rules: &'a Rules,
    /// The date of generated documents when the data gives none.
    pub as_of: NaiveDate,
}

/// `chi_bo`: the issuing cell.
#[must_use]
pub fn chi_bo(cell: &Cell) -> ChiBo {
    let info = &cell.info;
    ChiBo {
        ten: info.name.clone(),
        ten_hoa: upper(&info.name),
        ky_hieu: info.symbol.clone(),
        cap_tren: info.superior.clone(),
        cap_tren_hoa: upper(&info.superior),
        dia_danh: info.place.clone(),
        bi_thu: info.secretary.clone().unwrap_or_default(),
        pho_bi_thu: info.deputy.clone().unwrap_or_default(),
        nhiem_ky: info.term.clone().unwrap_or_default(),
    }
}

/// `Số 05-KH/CB2`, or with a blank to fill by hand (`Số     -KH/CB2`) when the number is not
/// known, as offices do. A number below 10 gets its leading zero.
#[must_use]
pub fn so_ky_hieu(number: Option<&str>, kind: &str, symbol: &str) -> String {
    let symbol = if symbol.is_empty() { "…" } else { symbol };
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => {
            // `5`, `05`, `5-BB/CB2` (a full number typed in the sheet): keep only the number.
            let n = n
                .trim_start_matches(['S', 's', 'ố', 'o', ':', ' '])
                .split(['-', '/'])
                .next()
                .unwrap_or(n)
                .trim();
            let n = n.parse::<i64>().map_or_else(|_| n.to_string(), so_2);
            format!("Số {n}-{kind}/{symbol}")
        }
        None => format!("Số     -{kind}/{symbol}"),
    }
}

pub(super) fn van_ban(
    cell: &Cell,
    date: NaiveDate,
    so_line: String,
    ten_loai: &str,
    trich_yeu: String,
) -> VanBan {
    let so = so_line
        .strip_prefix("Số ")
        .and_then(|r| r.split('-').next())
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    VanBan {
        so,
        so_ky_hieu: so_line,
        ngay: date,
        dia_danh_ngay: dia_danh_ngay(&cell.info.place, date),
        ten_loai: ten_loai.to_string(),
        trich_yeu,
    }
}

/// The place and date line: `Hòa Bình Xanh, ngày 31 tháng 12 năm 2025`, or `Ngày …` without
/// a place.
fn dia_danh_ngay(place: &str, date: NaiveDate) -> String {
    let place = place.trim();
    if place.is_empty() {
        upper_first(&party_date(date))
    } else {
        format!("{place}, {}", party_date(date))
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The `Nơi nhận` lines of the config with `{dang_uy}` and `{chi_bo}` filled in.
pub(crate) fn noi_nhan(lines: &[String], cell: &Cell) -> Vec<String> {
    let superior = if cell.info.superior.is_empty() {
        "Đảng ủy cấp trên".to_string()
    } else {
        crate::text::committee_of(&cell.info.superior)
    };
    lines
        .iter()
        .map(|l| {
            l.replace("{dang_uy}", &superior)
                .replace("{chi_bo}", &cell.info.name)
        })
        .collect()
}

pub(super) fn nguoi_ky(cell: &Cell) -> NguoiKy {
    let (chuc_vu, ho_ten) = match (&cell.info.secretary, &cell.info.deputy) {
        (Some(s), _) if !s.is_empty() => ("BÍ THƯ", s.clone()),
        (_, Some(d)) if !d.is_empty() => ("PHÓ BÍ THƯ", d.clone()),
        _ => ("BÍ THƯ", String::new()),
    };
    NguoiKy {
        quyen_han: "T/M CHI BỘ".into(),
        chuc_vu: chuc_vu.into(),
        ho_ten,
    }
}

/// `tháng 3`, `tháng 02`: months 01 and 02 zero-padded, as in Party dates.
fn thang(m: u32) -> String {
    if m <= 2 {
        format!("tháng {m:02}")
    } else {
        format!("tháng {m}")
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// The legal bases of the annual plan: the Party statute and the central guideline on cell
/// meetings in force in that year ([`Guideline::of_year`]: 12-HD/BTCTW of 06/7/2018 up to 2025,
/// 42-HD/BTCTW of 28/10/2025 from 2026; docs/rules.md).
fn can_cu(cell: &Cell, year: i32) -> Vec<String> {
    let g = Guideline::of_year(year);
    let guideline = format!("Căn cứ {} về {};", g.citation(), g.subject());
    let mut v = vec![
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;".to_string(),
        guideline,
    ];
    if !cell.info.superior.is_empty() {
        v.push(format!(
            "Căn cứ chương trình công tác năm {year} của {};",
            crate::text::committee_of(&cell.info.superior)
        ));
    }
    v.push(format!("Căn cứ tình hình thực tế của {},", cell.info.name));
    v
}

/// A cell elects a chi ủy from 9 chính thức members on (Điều lệ Đảng, Điều 24); a smaller cell
/// has only a bí thư (and maybe a phó bí thư).
const CHI_UY_FROM: u32 = 9;

/// The date of the plan of `year`: a document of the start of its year. Made before the year
/// (`as_of` earlier), it is dated `as_of`; otherwise the first working day of the year
/// (2 January, or the Monday after when it falls on a weekend), never a day of the year it
/// has already half run (docs/decisions.md).
#[must_use]
pub fn plan_date(year: i32, as_of: NaiveDate) -> NaiveDate {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return as_of;
    };
    if as_of < first {
        return as_of;
    }
    let mut d = first.succ_opt().unwrap_or(first);
    while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        d = d.succ_opt().unwrap_or(d);
    }
    d
}

/// The annual thematic plan of `year`: every thematic meeting of that year in the sheet,
/// planned or already held, in date order.
#[must_use]
pub fn ke_hoach(ctx: &Ctx<'_>, year: i32) -> KeHoach {
    let cell = ctx.cell;
    let mut quy = Vec::new();
    let mut nguoi_chuan_bi: Vec<String> = Vec::new();
    for m in cell
        .meetings
        .iter()
        .filter(|m| m.kinds.thematic && m.date.year() == year)
    {
        if m.status == MeetingStatus::Postponed {
            continue;
        }
        let presenter = m.presenter.clone().unwrap_or_default();
        if !presenter.is_empty() && !nguoi_chuan_bi.contains(&presenter) {
            nguoi_chuan_bi.push(presenter.clone());
        }
        let q = quarter_of(m.date);
        let masses = m.masses_present.is_some_and(|n| n > 0);
        quy.push(QuyChuyenDe {
            quy: q,
            quy_la_ma: roman(q).to_string(),
            ten_chuyen_de: m.topic.clone().unwrap_or_default(),
            thang: Some(m.date.month()),
            ngay: Some(m.date),
            nguoi_trinh_bay: presenter,
            hinh_thuc: m.form.clone().unwrap_or_default(),
            thanh_phan: if masses {
                "Đảng viên trong chi bộ và quần chúng".into()
            } else {
                "Đảng viên trong chi bộ".into()
            },
        });
    }
    let date = plan_date(year, ctx.as_of);
    let co_chi_uy = member_counts(cell, date).full >= CHI_UY_FROM;
    let (chi_uy, chi_uy_thuong) = if co_chi_uy {
        ("Chi ủy", "chi ủy")
    } else {
        ("Bí thư chi bộ", "bí thư chi bộ")
    };
    KeHoach {
        chi_bo: chi_bo(cell),
        van_ban: van_ban(
            cell,
            date,
            so_ky_hieu(None, registry::symbol("ke_hoach"), &cell.info.symbol),
            "KẾ HOẠCH",
            format!("sinh hoạt chuyên đề năm {year}"),
        ),
        noi_nhan: noi_nhan(&ctx.config.the_thuc.noi_nhan.ke_hoach, cell)
            .into_iter()
            .map(|l| {
                // A cell without a chi ủy sends the plan to its bí thư.
                match l.strip_prefix("Chi ủy") {
                    Some(rest) if !co_chi_uy => format!("Bí thư chi bộ{rest}"),
                    _ => l,
                }
            })
            .collect(),
        nguoi_ky: nguoi_ky(cell),
        nam: year,
        co_chi_uy,
        chi_uy: chi_uy.into(),
        chi_uy_thuong: chi_uy_thuong.into(),
        can_cu: can_cu(cell, year),
        quy,
        nguoi_chuan_bi,
    }
}

/// `06 cá nhân (04 đảng viên và 02 quần chúng)`.
#[must_use]
pub fn commendation_phrase(members: u32, masses: u32) -> String {
    let total = members + masses;
    let n = |x: u32| so_2(i64::from(x));
    match (members, masses) {
        (m, 0) => format!("{} cá nhân ({} đảng viên)", n(total), n(m)),
        (0, q) => format!("{} cá nhân ({} quần chúng)", n(total), n(q)),
        (m, q) => format!(
            "{} cá nhân ({} đảng viên và {} quần chúng)",
            n(total),
            n(m),
            n(q)
        ),
    }
}

/// The minutes of meeting `index` of the cell.
#[must_use]
pub fn bien_ban(ctx: &Ctx<'_>, index: usize) -> Option<BienBan> {
    let cell = ctx.cell;
    let m = cell.meetings.get(index)?;
    let a = meeting_attendance(cell, m, &ctx.rules.attendance);
    let score = meeting_score(m, &ctx.rules.scheme);
    let diem_danh = diem_danh(cell, m, &a);
    let diem = score.as_ref().and_then(|s| diem(s, &ctx.rules.scheme));

    let cm = aggregate::commendation_counts(cell, m.date, m.date);
    let bieu_duong =
        (cm.people() > 0).then(|| commendation_phrase(cm.members_people, cm.masses_people));

    let q = quarter_of(m.date);
    let trich_yeu = minutes_summary_line(m);
    let so_line = if ctx.config.the_thuc.bien_ban_co_so {
        so_ky_hieu(
            m.doc_number.as_deref(),
            registry::symbol("bien_ban"),
            &cell.info.symbol,
        )
    } else {
        String::new()
    };
    let mut vb = van_ban(cell, m.date, so_line, "BIÊN BẢN", trich_yeu);
    if !ctx.config.the_thuc.bien_ban_co_so {
        vb.so.clear();
    }
    let vote = vote_line(m, &a);
    Some(BienBan {
        chi_bo: chi_bo(cell),
        van_ban: vb,
        noi_nhan: noi_nhan(&ctx.config.the_thuc.noi_nhan.bien_ban, cell),
        nguoi_ky: nguoi_ky(cell),
        thuong_ky: m.kinds.regular || !m.kinds.thematic,
        chuyen_de: m.kinds.thematic,
        buoi: Buoi {
            ngay: m.date,
            thang: m.date.month(),
            quy_la_ma: roman(q).to_string(),
            nam: m.date.year(),
            gio_bat_dau: m.start,
            gio_ket_thuc: m.end,
            thoi_luong_phut: m.duration_minutes(),
            dia_diem: m.place.clone().unwrap_or_default(),
            chu_tri: m
                .chair
                .clone()
                .or_else(|| cell.info.secretary.clone())
                .unwrap_or_else(|| BLANK_NAME.into()),
            thu_ky: m.secretary.clone().unwrap_or_else(|| BLANK_NAME.into()),
            chu_de: m.topic.clone().unwrap_or_default(),
            nguoi_trinh_bay: m.presenter.clone().unwrap_or_default(),
            hinh_thuc: m.form.clone().unwrap_or_default(),
            dai_bieu: m.guests.clone(),
            nguoi_phat_bieu: m.speakers.clone(),
            so_y_kien: m
                .opinions
                .unwrap_or(u32::try_from(m.speakers.len()).unwrap_or(0)),
            ket_luan: m.conclusion.clone().unwrap_or_default(),
            tan_thanh: m.votes_for.unwrap_or(0),
            khong_tan_thanh: m.votes_against.unwrap_or(0),
            bieu_quyet_co_mat: a.voters_present,
            ty_le_tan_thanh: vote.0,
            bieu_quyet: vote.1,
        },
        diem_danh,
        diem,
        bieu_duong,
    })
}

/// The attendance block of the minutes: the rolls of the day (the one definition of each
/// member count, [`MemberCounts`]), who came, who did not and why.
fn diem_danh(cell: &Cell, m: &Meeting, a: &aggregate::MeetingAttendance) -> DiemDanh {
    let name = |i: usize| {
        cell.people
            .get(i)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut vang_co_ly_do: Vec<VangCoLyDo> = a
        .excused
        .iter()
        .map(|e| VangCoLyDo {
            ho_ten: name(e.person),
            ly_do: e.reason.clone().unwrap_or_default(),
        })
        .collect();
    vang_co_ly_do.sort_by(|x, y| compare_names(&x.ho_ten, &y.ho_ten));
    let mut vang_khong_ly_do: Vec<VangKhongLyDo> = a
        .unexcused
        .iter()
        .map(|&i| VangKhongLyDo { ho_ten: name(i) })
        .collect();
    vang_khong_ly_do.sort_by(|x, y| compare_names(&x.ho_ten, &y.ho_ten));

    let rolls = member_counts(cell, m.date);
    DiemDanh {
        tong_so: rolls.total,
        chinh_thuc: rolls.full,
        du_bi: rolls.probationary,
        mien: rolls.exempted,
        phai_du: a.eligible,
        co_mat: a.present,
        co_mat_chinh_thuc: a.voters_present,
        co_mat_du_bi: a.voters_present.map(|v| a.present.saturating_sub(v)),
        mien_co_mat: a.exempted_present,
        vang: a.excused_count + a.unexcused_count,
        vang_co_ly_do,
        vang_khong_ly_do,
        quan_chung_du: a.masses_present,
        ty_le: a.rate.unwrap_or(0.0),
        co_so_lieu: a.recorded,
    }
}

/// The score of the minutes, or `None` when the meeting has no counted score.
fn diem(s: &aggregate::ScoreResult, scheme: &crate::config::Scheme) -> Option<Diem> {
    Some(Diem {
        tong: s.counted?,
        toi_da: scheme.total(),
        xep_loai: s.band.clone().unwrap_or_default(),
        cap_tren: s.upper,
        nhom: scheme
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| DiemNhom {
                ten: g.ten.clone(),
                diem: s.groups.get(i).copied().flatten(),
                toi_da: g.diem_toi_da,
            })
            .collect(),
    })
}

/// The summary line of the minutes: regular, thematic or combined.
fn minutes_summary_line(m: &Meeting) -> String {
    let q = quarter_of(m.date);
    match (m.kinds.regular, m.kinds.thematic) {
        (true, true) => format!(
            "sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề {} năm {}",
            thang(m.date.month()),
            m.date.year()
        ),
        (false, true) => format!("sinh hoạt chuyên đề quý {} năm {}", roman(q), m.date.year()),
        _ => format!(
            "sinh hoạt chi bộ thường kỳ {} năm {}",
            thang(m.date.month()),
            m.date.year()
        ),
    }
}

/// The vote on the conclusion, over the members who may vote (only chính thức members vote):
/// the ratio (`None` when who may vote is not known) and the whole statement the minutes print,
/// `13/13 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán
/// thành`. Votes not typed are left as blanks to fill by hand.
fn vote_line(m: &Meeting, a: &aggregate::MeetingAttendance) -> (Option<f64>, String) {
    let n2 = |x: u32| so_2(i64::from(x));
    let yes = m.votes_for.map_or_else(|| "……".to_string(), n2);
    let no = m.votes_against.map_or_else(
        || {
            if m.votes_for.is_some() {
                n2(0)
            } else {
                "……".to_string()
            }
        },
        n2,
    );
    match a.voters_present.filter(|&v| v > 0) {
        Some(voters) => {
            let ratio = m
                .votes_for
                .map(|y| (f64::from(y) / f64::from(voters)).min(1.0));
            let pct = ratio.map_or_else(|| "……%".to_string(), phan_tram);
            (
                ratio,
                format!(
                    "{yes}/{} đồng chí đảng viên chính thức có mặt tán thành, đạt {pct}; {no} đồng chí không tán thành",
                    n2(voters)
                ),
            )
        }
        None => (
            None,
            format!("{yes} đồng chí đảng viên chính thức tán thành; {no} đồng chí không tán thành"),
        ),
    }
}

/// The held meetings of a report's period (`summary.meetings`), in date order: the dates of
/// the regular ones, the thematic ones as listed, and every one with its score.
pub(super) fn ngay_hop_va_buoi(
    cell: &Cell,
    summary: &CellSummary,
) -> (Vec<NaiveDate>, Vec<ChuyenDeDaHop>, Vec<BuoiDiem>) {
    let mut ngay_hop = Vec::new();
    let mut chuyen_de = Vec::new();
    let mut cac_buoi = Vec::new();
    for f in &summary.meetings {
        let Some(m) = cell.meetings.get(f.index) else {
            continue;
        };
        if m.kinds.regular {
            ngay_hop.push(m.date);
        }
        if m.kinds.thematic {
            chuyen_de.push(ChuyenDeDaHop {
                ten: m.topic.clone().unwrap_or_default(),
                ngay: m.date,
                nguoi_trinh_bay: m.presenter.clone().unwrap_or_default(),
                hinh_thuc: m.form.clone().unwrap_or_default(),
            });
        }
        cac_buoi.push(BuoiDiem {
            ngay: m.date,
            loai: m.kinds.label().to_string(),
            diem: f.score.as_ref().and_then(|s| s.counted),
            xep_loai: f
                .score
                .as_ref()
                .and_then(|s| s.band.clone())
                .unwrap_or_default(),
        });
    }
    (ngay_hop, chuyen_de, cac_buoi)
}

/// The quarterly report of quarter `quarter` of `year`.
#[must_use]
pub fn bao_cao_quy(ctx: &Ctx<'_>, year: i32, quarter: u32) -> Option<BaoCaoQuy> {
    let cell = ctx.cell;
    let period = Period::quarter(year, quarter)?;
    let summary = aggregate::cell_summary(cell, &period, ctx.as_of, ctx.rules);
    let scheme = &ctx.rules.scheme;

    let (ngay_hop, chuyen_de, cac_buoi) = ngay_hop_va_buoi(cell, &summary);
    let chat_luong = chat_luong(&summary, cac_buoi, scheme);
    let bieu_duong = bieu_duong(&summary.commendations);
    let dang_vien = dang_vien_ky(&summary);
    let bang = bang_quy(&summary, &dang_vien.cuoi_ky, &chat_luong.theo_loai);
    Some(BaoCaoQuy {
        chi_bo: chi_bo(cell),
        van_ban: van_ban(
            cell,
            ctx.as_of,
            so_ky_hieu(None, registry::symbol("bao_cao_quy"), &cell.info.symbol),
            "BÁO CÁO",
            format!("kết quả sinh hoạt chi bộ quý {} năm {year}", roman(quarter)),
        ),
        noi_nhan: noi_nhan(&ctx.config.the_thuc.noi_nhan.bao_cao, cell),
        nguoi_ky: nguoi_ky(cell),
        quy: quarter,
        quy_la_ma: roman(quarter).to_string(),
        nam: year,
        dang_vien,
        quan_chung: summary.members.masses,
        thuong_ky: thuong_ky(&summary, ngay_hop),
        chuyen_de,
        chat_luong,
        bieu_duong,
        bang,
        han_che: han_che(&aggregate::cell_shortcomings(
            cell, &period, ctx.as_of, ctx.rules,
        )),
    })
}

/// The members at the period's start and end.
pub(super) fn dang_vien_ky(summary: &CellSummary) -> DangVienKy {
    DangVienKy {
        dau_ky: so_dang_vien_of(&summary.members_start),
        cuoi_ky: so_dang_vien_of(&summary.members),
    }
}

/// The regular meetings of a cell's period: due, held (on `ngay_hop`), the attendance rate and
/// the absences.
pub(super) fn thuong_ky(summary: &CellSummary, ngay_hop: Vec<NaiveDate>) -> ThuongKy {
    ThuongKy {
        so_ke_hoach: summary.regular_due,
        so_da_hop: summary.regular_held,
        ngay_hop,
        ty_le_binh_quan: summary.attendance_rate(),
        vang_co_ly_do: summary.attendance.excused,
        vang_khong_ly_do: summary.attendance.unexcused,
    }
}

/// The quarterly report's table of figures, a row per indicator.
fn bang_quy(
    summary: &CellSummary,
    cuoi_ky: &SoDangVien,
    theo_loai: &[SoTheoLoai],
) -> Vec<DongBang> {
    let cm = summary.commendations;
    let (dv, qc, luot) = (cm.members_people, cm.masses_people, cm.times());
    let dong = |stt: usize, chi_tieu: &str, ket_qua: String, ghi_chu: String| DongBang {
        stt: stt.to_string(),
        chi_tieu: chi_tieu.to_string(),
        ket_qua,
        ghi_chu,
    };
    let n2 = |x: u32| so_2(i64::from(x));
    let band_note = theo_loai
        .iter()
        .filter(|t| t.so_buoi > 0)
        .map(|t| format!("{}: {}", t.ten, t.so_buoi))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        dong(
            1,
            "Đảng viên cuối quý (chính thức / dự bị)",
            format!(
                "{} ({} / {})",
                n2(cuoi_ky.tong_so),
                n2(cuoi_ky.chinh_thuc),
                n2(cuoi_ky.du_bi)
            ),
            if cuoi_ky.mien > 0 {
                format!("Miễn sinh hoạt: {}", n2(cuoi_ky.mien))
            } else {
                String::new()
            },
        ),
        dong(
            2,
            "Sinh hoạt thường kỳ đã tổ chức / kế hoạch",
            format!("{}/{}", n2(summary.regular_held), n2(summary.regular_due)),
            String::new(),
        ),
        dong(
            3,
            "Sinh hoạt chuyên đề đã tổ chức",
            summary.thematic_held.to_string(),
            String::new(),
        ),
        dong(
            4,
            "Tỷ lệ đảng viên dự sinh hoạt thường kỳ bình quân",
            summary
                .attendance_rate()
                .map(phan_tram)
                .unwrap_or_else(|| "—".into()),
            String::new(),
        ),
        dong(
            5,
            "Lượt vắng sinh hoạt thường kỳ có lý do / không lý do",
            format!(
                "{} / {}",
                summary.attendance.excused, summary.attendance.unexcused
            ),
            String::new(),
        ),
        dong(
            6,
            "Điểm bình quân",
            // One decimal, as every score in the documents and the workbook.
            summary
                .score_avg()
                .map(|x| so_le(x, 1, false))
                .unwrap_or_else(|| "—".into()),
            band_note,
        ),
        dong(
            7,
            "Biểu dương (người / lượt)",
            format!("{} / {}", dv + qc, luot),
            if dv + qc > 0 {
                format!("{} đảng viên, {} quần chúng", n2(dv), n2(qc))
            } else {
                String::new()
            },
        ),
    ]
}

/// The quality block: every held meeting with its score, the count per band of the scheme,
/// the average of the counted scores.
pub(super) fn chat_luong(
    summary: &CellSummary,
    cac_buoi: Vec<BuoiDiem>,
    scheme: &crate::config::Scheme,
) -> ChatLuong {
    let theo_loai: Vec<SoTheoLoai> = scheme
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| SoTheoLoai {
            ten: b.ten.clone(),
            so_buoi: summary.band_counts.get(i).copied().unwrap_or(0),
        })
        .collect();
    let band = |label: &str| {
        theo_loai
            .iter()
            .find(|t| aggregate::score::band_key(&t.ten) == aggregate::score::band_key(label))
            .map_or(0, |t| t.so_buoi)
    };
    ChatLuong {
        cac_buoi,
        tot: band("Tốt"),
        kha: band("Khá"),
        trung_binh: band("Trung bình"),
        kem: band("Kém"),
        diem_binh_quan: summary.score_avg(),
        theo_loai,
    }
}

/// The commendations of a cell's period, worded: `06 cá nhân (04 đảng viên và 02 quần chúng), 07
/// lượt`, or `không có`.
pub(super) fn bieu_duong(cm: &aggregate::CommendationCounts) -> BieuDuong {
    let (dv, qc, luot) = (cm.members_people, cm.masses_people, cm.times());
    BieuDuong {
        text: bieu_duong_text(dv, qc, luot),
        so_nguoi: cm.people(),
        so_luot: luot,
        dang_vien: dv,
        quan_chung: qc,
    }
}

/// `06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt`, or `không có`: the sentence every
/// report prints for its commendations.
fn bieu_duong_text(members: u32, masses: u32, times: u32) -> String {
    if times == 0 {
        "không có".into()
    } else {
        format!(
            "{}, {} lượt",
            commendation_phrase(members, masses),
            so_2(i64::from(times))
        )
    }
}

/// `dd/mm/yyyy`, as the reports print meeting dates.
fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `8/2025`, `02/2025`: months 01 and 02 zero-padded, as in Party dates.
fn thang_nam(month: &Period) -> String {
    if month.number <= 2 {
        format!("{:02}/{}", month.number, month.year)
    } else {
        format!("{}/{}", month.number, month.year)
    }
}

/// The `Hạn chế` lines of a cell's report: one sentence per shortcoming, in the order given
/// ([`aggregate::cell_shortcomings`] gives them in time order), over any period.
#[must_use]
pub fn han_che(list: &[Shortcoming]) -> Vec<String> {
    list.iter().map(han_che_cau).collect()
}

/// One shortcoming as a sentence of official prose, with its month, date or figure.
fn han_che_cau(s: &Shortcoming) -> String {
    let n2 = |x: u32| so_2(i64::from(x));
    match s {
        Shortcoming::MissingRegular { month } => format!(
            "Tháng {} chi bộ không tổ chức sinh hoạt thường kỳ.",
            thang_nam(month)
        ),
        Shortcoming::MissingThematic { quarter } => format!(
            "Quý {}/{} chi bộ không tổ chức sinh hoạt chuyên đề.",
            roman(quarter.number),
            quarter.year
        ),
        Shortcoming::ShortMeeting {
            date,
            minutes,
            minimum,
            combined,
        } => format!(
            "{} ngày {} chỉ kéo dài {minutes} phút, dưới {minimum} phút theo quy định.",
            if *combined {
                "Buổi sinh hoạt kết hợp thường kỳ và chuyên đề"
            } else {
                "Buổi sinh hoạt"
            },
            dmy(*date)
        ),
        Shortcoming::LowAttendance {
            date,
            present,
            eligible,
            rate,
            threshold,
        } => format!(
            "Buổi sinh hoạt ngày {} chỉ có {}/{} đảng viên dự, đạt {}, chưa vượt mức {} theo quy định.",
            dmy(*date),
            n2(*present),
            n2(*eligible),
            phan_tram(*rate),
            phan_tram(threshold / 100.0)
        ),
        Shortcoming::UnexcusedAbsence {
            date,
            count,
            people,
        } => {
            let who = match people.as_slice() {
                [] => String::new(),
                [one] => format!(" (đồng chí {one})"),
                many => format!(" (các đồng chí: {})", many.join(", ")),
            };
            format!(
                "Buổi sinh hoạt ngày {} có {} đảng viên vắng không lý do{who}.",
                dmy(*date),
                n2(*count)
            )
        }
        Shortcoming::ConsecutiveExcused {
            person,
            times,
            limit,
            year,
        } => format!(
            "Đồng chí {person} vắng sinh hoạt có lý do {} lần liên tiếp trong năm {year}, quá {} lần theo quy định.",
            n2(*times),
            n2(*limit)
        ),
        Shortcoming::UnexcusedYear {
            person,
            count,
            limit,
            year,
        } => format!(
            "Đồng chí {person} vắng sinh hoạt không lý do {} lần trong năm {year}, đến mức phải xem xét xóa tên ({} lần, Điều 8 Điều lệ Đảng).",
            n2(*count),
            n2(*limit)
        ),
    }
}

/// What the cells concerned by a kind of shortcoming fell short of, for the committee's report
/// of `period`.
fn han_che_noi_dung(kind: FlagKind, period: &Period) -> &'static str {
    let year = period.kind == PeriodKind::Year;
    match kind {
        FlagKind::MissingRegular if period.kind == PeriodKind::Month => {
            "Không tổ chức sinh hoạt thường kỳ trong tháng"
        }
        FlagKind::MissingRegular => "Chưa tổ chức sinh hoạt thường kỳ đủ các tháng",
        FlagKind::MissingThematic if year => "Chưa tổ chức sinh hoạt chuyên đề đủ các quý",
        FlagKind::MissingThematic => "Chưa tổ chức sinh hoạt chuyên đề trong quý",
        FlagKind::ShortMeeting => "Có buổi sinh hoạt chưa bảo đảm thời lượng tối thiểu",
        FlagKind::LowAttendance => "Có buổi sinh hoạt tỷ lệ đảng viên dự chưa đạt mức quy định",
        FlagKind::UnexcusedAbsence => "Có đảng viên vắng sinh hoạt không lý do",
        FlagKind::ConsecutiveExcused => "Có đảng viên vắng sinh hoạt có lý do nhiều lần liên tiếp",
        FlagKind::UnexcusedYear => {
            "Có đảng viên vắng sinh hoạt không lý do đến mức phải xem xét xóa tên"
        }
        _ => "Có vi phạm quy định sinh hoạt chi bộ",
    }
}

/// The `Hạn chế` lines of the committee's report: for each kind of shortcoming, the cells
/// concerned ([`aggregate::cells_concerned`] over the consolidation's flags).
#[must_use]
pub fn han_che_tong_hop(concerned: &[CellsConcerned], period: &Period) -> Vec<HanCheChiBo> {
    concerned
        .iter()
        .map(|c| {
            let noi_dung = han_che_noi_dung(c.kind, period).to_string();
            HanCheChiBo {
                text: format!("{noi_dung}: {}.", c.cells.join(", ")),
                noi_dung,
                chi_bo: c.cells.clone(),
            }
        })
        .collect()
}

/// Member counts as every document prints them ([`MemberCounts`]: chính thức includes the
/// exempted, `tong_so = chinh_thuc + du_bi`).
pub(super) fn so_dang_vien_of(c: &MemberCounts) -> SoDangVien {
    SoDangVien {
        tong_so: c.total,
        chinh_thuc: c.full,
        du_bi: c.probationary,
        mien: c.exempted,
    }
}

/// What the committee's report takes from the cells' own `Thông tin` when `[dang_uy]` leaves it
/// out: the superior and the place of the first cell (in the consolidation's order) that gives
/// one. Kept as the cells go by, so their models need not be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellFacts {
    pub superior: String,
    pub place: String,
}

impl CellFacts {
    /// Takes the cell's superior and place where none was found yet.
    pub fn add(&mut self, cell: &Cell) {
        let keep = |slot: &mut String, v: &str| {
            if slot.is_empty() && !v.trim().is_empty() {
                *slot = v.trim().to_string();
            }
        };
        keep(&mut self.superior, &cell.info.superior);
        keep(&mut self.place, &cell.info.place);
    }
}

/// The committee of `[dang_uy]`: `Đảng bộ Sở X` (or `Đảng ủy Sở X`) gives the issuer
/// `Đảng ủy Sở X`. An empty name falls back on the cells' superior, an empty place on the
/// first cell's place, an empty symbol on `ĐU` (domain.md §3.2).
#[must_use]
pub fn dang_uy(config: &Config, facts: &CellFacts) -> DangUy {
    let c = &config.dang_uy;
    let name = if c.ten.trim().is_empty() {
        facts.superior.clone()
    } else {
        c.ten.trim().to_string()
    };
    let ten = if name.is_empty() {
        "Đảng ủy".to_string()
    } else {
        crate::text::committee_of(&name)
    };
    let dang_bo = match ten.strip_prefix("Đảng ủy ") {
        Some(rest) => format!("Đảng bộ {rest}"),
        None => "Đảng bộ".to_string(),
    };
    let dia_danh = if c.dia_danh.trim().is_empty() {
        facts.place.clone()
    } else {
        c.dia_danh.trim().to_string()
    };
    let ky_hieu = if c.ky_hieu.trim().is_empty() {
        "ĐU".to_string()
    } else {
        c.ky_hieu.trim().to_string()
    };
    DangUy {
        ten_hoa: upper(&ten),
        ten,
        dang_bo,
        ky_hieu,
        cap_tren: c.cap_tren.trim().to_string(),
        cap_tren_hoa: upper(c.cap_tren.trim()),
        dia_danh,
        bi_thu: c.bi_thu.trim().to_string(),
        pho_bi_thu: c.pho_bi_thu.trim().to_string(),
    }
}

/// `quý IV năm 2025`, `tháng 02 năm 2025` (months 01 and 02 zero-padded), `năm 2025`.
fn ky_ten(p: &Period) -> String {
    match p.kind {
        PeriodKind::Month => format!("{} năm {}", thang(p.number), p.year),
        PeriodKind::Quarter | PeriodKind::Year => p.label_vi(),
    }
}

/// A band label short enough for a table heading (`Trung bình` → `TB`).
pub(super) fn band_short(label: &str) -> String {
    if aggregate::score::band_key(label) == "trung binh" {
        "TB".to_string()
    } else {
        label.to_string()
    }
}

fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One row of the committee report's table.
pub(super) fn dong_chi_bo(stt: String, s: &CellSummary, bands: usize) -> DongChiBo {
    let xep_loai: Vec<u32> = (0..bands)
        .map(|i| s.band_counts.get(i).copied().unwrap_or(0))
        .collect();
    DongChiBo {
        stt,
        ten: s.name.clone(),
        dang_vien: s.members.total,
        thuong_ky_da_hop: s.regular_held,
        thuong_ky_ke_hoach: s.regular_due,
        chuyen_de_da_hop: s.thematic_held,
        chuyen_de_ke_hoach: s.thematic_due,
        ty_le_du: s.attendance_rate(),
        diem_binh_quan: s.score_avg(),
        xep_loai_text: xep_loai
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" / "),
        xep_loai,
        xep_loai_nam: s.annual_grade.clone().unwrap_or_default(),
    }
}

/// Year reports: every cell's annual grade, a cell without one included; none for a month or a
/// quarter.
fn xep_loai_nam(c: &Consolidated) -> Vec<XepLoaiNam> {
    if c.period.kind != PeriodKind::Year {
        return Vec::new();
    }
    c.summaries
        .iter()
        .map(|s| XepLoaiNam {
            chi_bo: s.name.clone(),
            xep_loai: s.annual_grade.clone().unwrap_or_default(),
            ly_do: s.annual_reason.clone().unwrap_or_default(),
        })
        .collect()
}

/// Year reports: the cells per annual grade ([`aggregate::summary::annual_grade_counts`]), then
/// those without one.
fn xep_loai_nam_tong(c: &Consolidated, scheme: &crate::config::Scheme) -> Vec<SoChiBoTheoLoai> {
    if c.period.kind != PeriodKind::Year {
        return Vec::new();
    }
    let (counts, none) = aggregate::summary::annual_grade_counts(&c.summaries, scheme);
    let cells = count_u32(c.summaries.len());
    let row = |ten: String, so_chi_bo: u32| SoChiBoTheoLoai {
        ten,
        so_chi_bo,
        ty_le: ratio(so_chi_bo, cells),
    };
    let mut rows: Vec<SoChiBoTheoLoai> = scheme
        .bands
        .iter()
        .zip(counts)
        .map(|(b, n)| row(b.ten.clone(), n))
        .collect();
    if none > 0 {
        rows.push(row("Chưa xếp loại".into(), none));
    }
    rows
}

/// The committee's report for the consolidated period (`bao-cao-tong-hop.docx`).
///
/// `facts` come from the usable cells ([`CellFacts`]); `skipped` names the workbooks left out
/// because of errors. Every figure comes from `consolidated` (the same
/// numbers as the consolidated workbook's `Tổng hợp` sheet and its `Tổng cộng` row).
#[must_use]
pub fn bao_cao_tong_hop(
    consolidated: &Consolidated,
    facts: &CellFacts,
    config: &Config,
    skipped: &[String],
) -> BaoCaoTongHop {
    let c = consolidated;
    let t = &c.totals;
    let period = &c.period;
    let scheme = config.scheme();
    let du = dang_uy(config, facts);
    let thieu_thuong_ky: Vec<ChiBoThieu> = c
        .summaries
        .iter()
        .filter_map(|s| chi_bo_thieu(s, true))
        .collect();
    let thieu_chuyen_de: Vec<ChiBoThieu> = c
        .summaries
        .iter()
        .filter_map(|s| chi_bo_thieu(s, false))
        .collect();
    let n_cells = count_u32(c.summaries.len());
    let bands = scheme.bands.len();
    let chi_bo: Vec<DongChiBo> = c
        .summaries
        .iter()
        .enumerate()
        .map(|(i, s)| dong_chi_bo((i + 1).to_string(), s, bands))
        .collect();
    BaoCaoTongHop {
        van_ban: VanBan {
            so: String::new(),
            so_ky_hieu: so_ky_hieu(None, registry::symbol("bao_cao_tong_hop"), &du.ky_hieu),
            ngay: c.as_of,
            dia_danh_ngay: dia_danh_ngay(&du.dia_danh, c.as_of),
            ten_loai: "BÁO CÁO".into(),
            trich_yeu: format!("tổng hợp kết quả sinh hoạt chi bộ {}", ky_ten(period)),
        },
        noi_nhan: noi_nhan_dang_uy(&config.the_thuc.noi_nhan.bao_cao_tong_hop, &du),
        nguoi_ky: nguoi_ky_dang_uy(&du),
        dang_uy: du,
        ky: ky_bao_cao(period, c.as_of),
        so_chi_bo: n_cells,
        chua_tong_hop: skipped.to_vec(),
        dang_vien: DangVienKy {
            dau_ky: so_dang_vien_of(&t.members_start),
            cuoi_ky: so_dang_vien_of(&t.members),
        },
        quan_chung: t.members.masses,
        thuong_ky: TongThuongKy {
            so_ke_hoach: t.regular_due,
            so_da_hop: t.regular_held,
            so_chi_bo_du: n_cells.saturating_sub(count_u32(thieu_thuong_ky.len())),
            chi_bo_thieu: thieu_thuong_ky,
            ty_le_binh_quan: t.attendance_rate(),
            luot_co_mat: t.attendance.present,
            luot_phai_du: t.attendance.eligible,
            vang_co_ly_do: t.attendance.excused,
            vang_khong_ly_do: t.attendance.unexcused,
        },
        chuyen_de: TongChuyenDe {
            so_ke_hoach: t.thematic_due,
            so_da_hop: t.thematic_held,
            so_chi_bo_du: n_cells.saturating_sub(count_u32(thieu_chuyen_de.len())),
            chi_bo_thieu: thieu_chuyen_de,
            cac_buoi: cac_buoi_chuyen_de(c),
        },
        chat_luong: tong_chat_luong(c, &scheme),
        bieu_duong: tong_bieu_duong(&t.commendations),
        chi_bo,
        tong_cong: dong_chi_bo(String::new(), t, bands),
        xep_loai_nam: xep_loai_nam(c),
        xep_loai_nam_tong: xep_loai_nam_tong(c, &scheme),
        cot_xep_loai: scheme
            .bands
            .iter()
            .map(|b| band_short(&b.ten))
            .collect::<Vec<_>>()
            .join(" / "),
        han_che: han_che_tong_hop(&aggregate::cells_concerned(&c.flags), period),
    }
}

/// A cell that missed meetings due (regular: months; thematic: quarters), by name; `None`
/// when it missed none.
fn chi_bo_thieu(s: &CellSummary, regular: bool) -> Option<ChiBoThieu> {
    let missing = if regular {
        &s.regular_missing
    } else {
        &s.thematic_missing
    };
    if missing.is_empty() {
        return None;
    }
    let list = missing
        .iter()
        .map(|m| {
            if regular {
                // Months 01 and 02 zero-padded, as in Party dates.
                if m.number <= 2 {
                    format!("{:02}/{}", m.number, m.year)
                } else {
                    format!("{}/{}", m.number, m.year)
                }
            } else {
                format!("{}/{}", roman(m.number), m.year)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(ChiBoThieu {
        ten: s.name.clone(),
        thieu: if regular {
            format!("tháng {list}")
        } else {
            format!("quý {list}")
        },
        so_buoi: count_u32(missing.len()),
    })
}

/// Every cell's thematic meetings of the period, cell by cell.
fn cac_buoi_chuyen_de(c: &Consolidated) -> Vec<ChuyenDeChiBo> {
    c.summaries
        .iter()
        .flat_map(|s| {
            s.thematic_meetings.iter().map(|m| ChuyenDeChiBo {
                chi_bo: s.name.clone(),
                ten: m.topic.clone(),
                ngay: m.date,
            })
        })
        .collect()
}

/// The meetings held and scored, the average score and the count in each band.
fn tong_chat_luong(c: &Consolidated, scheme: &crate::config::Scheme) -> TongChatLuong {
    let t = &c.totals;
    let graded: u32 = t.band_counts.iter().sum();
    let theo_loai: Vec<LoaiTongHop> = scheme
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let n = t.band_counts.get(i).copied().unwrap_or(0);
            LoaiTongHop {
                ten: b.ten.clone(),
                so_buoi: n,
                ty_le: ratio(n, graded),
            }
        })
        .collect();
    let band = |label: &str| {
        theo_loai
            .iter()
            .find(|l| aggregate::score::band_key(&l.ten) == aggregate::score::band_key(label))
            .map_or(0, |l| l.so_buoi)
    };
    TongChatLuong {
        so_buoi: c.summaries.iter().map(|s| s.held).sum(),
        so_buoi_cham: t.score_count,
        diem_binh_quan: t.score_avg(),
        tot: band("Tốt"),
        kha: band("Khá"),
        trung_binh: band("Trung bình"),
        kem: band("Kém"),
        theo_loai,
    }
}

/// The commendations of the period, with the sentence the report prints.
fn tong_bieu_duong(cm: &aggregate::CommendationCounts) -> TongBieuDuong {
    let so_luot = cm.members_times + cm.masses_times;
    TongBieuDuong {
        text: bieu_duong_text(cm.members_people, cm.masses_people, so_luot),
        so_nguoi: cm.people(),
        so_luot,
        dang_vien: cm.members_people,
        dang_vien_luot: cm.members_times,
        quan_chung: cm.masses_people,
        quan_chung_luot: cm.masses_times,
    }
}

/// The committee's `Nơi nhận` lines with `{cap_tren}` and `{dang_uy}` filled in.
fn noi_nhan_dang_uy(lines: &[String], du: &DangUy) -> Vec<String> {
    let cap_tren = if du.cap_tren.is_empty() {
        "Cấp ủy cấp trên".to_string()
    } else {
        crate::text::committee_of(&du.cap_tren)
    };
    lines
        .iter()
        .map(|l| {
            l.replace("{cap_tren}", &cap_tren)
                .replace("{dang_uy}", &du.ten)
        })
        .collect()
}

/// Who signs for the committee: its secretary, else its deputy, else a blank under `BÍ THƯ`.
fn nguoi_ky_dang_uy(du: &DangUy) -> NguoiKy {
    let (chuc_vu, ho_ten) = if !du.bi_thu.is_empty() {
        ("BÍ THƯ", du.bi_thu.clone())
    } else if !du.pho_bi_thu.is_empty() {
        ("PHÓ BÍ THƯ", du.pho_bi_thu.clone())
    } else {
        ("BÍ THƯ", String::new())
    };
    NguoiKy {
        quyen_han: "T/M ĐẢNG ỦY".into(),
        chuc_vu: chuc_vu.into(),
        ho_ten,
    }
}

/// The period as the committee's report names it.
fn ky_bao_cao(period: &Period, as_of: NaiveDate) -> KyBaoCao {
    let (loai, don_vi) = match period.kind {
        PeriodKind::Month => ("thang", "tháng"),
        PeriodKind::Quarter => ("quy", "quý"),
        PeriodKind::Year => ("nam", "năm"),
    };
    KyBaoCao {
        ma: period.code(),
        loai: loai.into(),
        ten: ky_ten(period),
        don_vi: don_vi.into(),
        ky_toi: format!("{don_vi} tới"),
        nam: period.year,
        tu_ngay: period.first,
        den_ngay: period.last,
        tinh_den: as_of,
    }
}

/// The minutes template a meeting uses: thematic and combined sessions the thematic one.
#[must_use]
pub fn minutes_template(m: &Meeting) -> &'static str {
    if m.kinds.thematic {
        super::BIEN_BAN_CHUYEN_DE
    } else {
        super::BIEN_BAN_THUONG_KY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(so_ky_hieu(None, "KH", "CB2"), "Số     -KH/CB2");
        assert_eq!(so_ky_hieu(Some("5"), "KH", "CB2"), "Số 05-KH/CB2");
        assert_eq!(so_ky_hieu(Some("72"), "KH", "CB2"), "Số 72-KH/CB2");
        assert_eq!(so_ky_hieu(Some("07-BB/CB2"), "BB", "CB2"), "Số 07-BB/CB2");
    }

    #[test]
    fn phrases() {
        assert_eq!(
            commendation_phrase(4, 2),
            "06 cá nhân (04 đảng viên và 02 quần chúng)"
        );
        assert_eq!(commendation_phrase(3, 0), "03 cá nhân (03 đảng viên)");
        assert_eq!(thang(2), "tháng 02");
        assert_eq!(thang(11), "tháng 11");
        assert_eq!(
            crate::text::committee_of("Đảng bộ Sở Công Thương"),
            "Đảng ủy Sở Công Thương"
        );
    }
}
