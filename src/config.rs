//! The committee's settings: `chibo.toml` (`shared/spec/config.md`).
//!
//! Every key has a default, so no file (or an empty one) works. Keys are Vietnamese without
//! diacritics, like the template variables. An unknown key or a bad value is a diagnostic
//! naming the key and its line; the scoring scheme is checked on load (groups sum to the total,
//! bands ordered, gates name real groups).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Language of the messages, `vi` or `en` (empty: the machine's locale decides; `--lang`
    /// wins). Read by `cli::config_lang`; checked here.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ngon_ngu: String,
    /// The committee (Đảng ủy) itself.
    pub dang_uy: Committee,
    /// Meeting scoring.
    pub cham_diem: ScoringConfig,
    /// Attendance rules.
    pub diem_danh: AttendanceRules,
    /// Minimum durations.
    pub thoi_luong: DurationRules,
    /// Document format.
    pub the_thuc: DocFormat,
    /// Extra sheet and column names.
    pub bi_danh: Aliases,
    /// What to write, and where.
    pub dau_ra: OutputConfig,
    /// Limits on the size of the files read.
    pub gioi_han: LimitsConfig,
    /// The year of the period the config was resolved for ([`Config::for_year`]): it picks the
    /// scoring scheme when `[cham_diem] mau` is `theo_nam` (not set). Not a key of the file.
    #[serde(skip)]
    pub nam: Option<i32>,
    /// The issuing bodies' term: present, it switches on the document number register
    /// (`so-van-ban.toml`, [`crate::register`]); absent, documents keep a blank number to fill.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhiem_ky: Option<TermConfig>,
}

/// `[nhiem_ky]`: the term documents are numbered in. Party documents are numbered from 01 for
/// each type over the term of the issuing body; a new `ten` starts every issuer over.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct TermConfig {
    /// The term's name as the documents write it: `2025-2030`.
    pub ten: String,
}

/// `[dang_uy]`
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Committee {
    /// `Đảng bộ Sở Công Thương`: the committee's name; first header line of its cells'
    /// documents when a workbook gives no `Đảng bộ cấp trên`.
    pub ten: String,
    /// The committee's own superior: first header line of the committee's report.
    pub cap_tren: String,
    /// Default place name for the date line.
    pub dia_danh: String,
    /// The committee's issuer symbol (`ĐU`); `ĐU` when empty.
    pub ky_hieu: String,
    /// The committee's secretary (Bí thư Đảng ủy): signs the committee's report.
    pub bi_thu: String,
    /// The deputy secretary: signs the committee's report when no secretary is named.
    pub pho_bi_thu: String,
}

/// `[cham_diem]`: a preset, or a custom scheme.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ScoringConfig {
    /// `theo_nam` (default, also when the key is absent: the preset of the rules in force in the
    /// period's year, [`Guideline::default_preset`]), `hd42`, `phu_tho`, `nghe_an`,
    /// `binh_thuan`, `dat_khong_dat`, or `tu_dinh` (custom: give `nhom` and `xep_loai`).
    pub mau: String,
    /// Which score counts when a meeting has both: `chi_bo` (the cell's) or `cap_tren`.
    pub diem_tinh: String,
    /// Custom groups.
    pub nhom: Vec<GroupConfig>,
    /// Custom bands, best first.
    pub xep_loai: Vec<BandConfig>,
    /// Custom annual rule.
    pub xep_loai_nam: Option<AnnualRule>,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        Self {
            mau: BY_YEAR.into(),
            diem_tinh: "chi_bo".into(),
            nhom: Vec::new(),
            xep_loai: Vec::new(),
            xep_loai_nam: None,
        }
    }
}

/// `[cham_diem] mau = "theo_nam"`: the scheme follows the period's year.
pub const BY_YEAR: &str = "theo_nam";

/// The names `[cham_diem] mau` accepts, as a message lists them.
const SCHEME_NAMES: &str = "theo_nam, hd42, phu_tho, nghe_an, binh_thuan, dat_khong_dat, tu_dinh";

/// The central guideline on the quality of cell meetings in force in a year (docs/rules.md,
/// domain.md §0.1). Stored and printed as number + symbol + date + issuer, never the number
/// alone: "12-HD/BTCTW" is the number of three different guidelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Guideline {
    /// Hướng dẫn 12-HD/BTCTW ngày 06/7/2018 of the Ban Tổ chức Trung ương: periods up to 2025.
    Hd12,
    /// Hướng dẫn 42-HD/BTCTW ngày 28/10/2025 of the Ban Tổ chức Trung ương (implementing Chỉ
    /// thị 50-CT/TW ngày 23/7/2025): periods from 2026.
    Hd42,
}

impl Guideline {
    /// The first year whose periods follow 42-HD/BTCTW. It was issued on 28/10/2025; a 2025
    /// period keeps the rules its cells planned the year by (docs/decisions.md).
    pub const HD42_FROM: i32 = 2026;

    /// The guideline in force for a period of `year`.
    #[must_use]
    pub fn of_year(year: i32) -> Guideline {
        if year >= Self::HD42_FROM {
            Guideline::Hd42
        } else {
            Guideline::Hd12
        }
    }

    /// The scoring preset a period under this guideline gets when `mau` is not set: before
    /// 2026 the one chibo has always defaulted to (Phú Thọ, the strictest), then 42-HD's.
    #[must_use]
    pub fn default_preset(self) -> &'static str {
        match self {
            Guideline::Hd12 => "phu_tho",
            Guideline::Hd42 => "hd42",
        }
    }

    /// `Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương`.
    #[must_use]
    pub fn citation(self) -> &'static str {
        match self {
            Guideline::Hd12 => "Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương",
            Guideline::Hd42 => {
                "Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương"
            }
        }
    }

    /// The guideline's subject as its title gives it.
    #[must_use]
    pub fn subject(self) -> &'static str {
        match self {
            Guideline::Hd12 => "một số vấn đề nâng cao chất lượng sinh hoạt chi bộ",
            Guideline::Hd42 => "nâng cao chất lượng sinh hoạt chi bộ",
        }
    }
}

/// A criteria group.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    /// Short code (`1`, `2` …) used by gates.
    pub ma: String,
    pub ten: String,
    pub diem_toi_da: f64,
}

/// A band: label, inclusive lower bound, groups that must have full marks.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BandConfig {
    pub ten: String,
    pub tu: f64,
    #[serde(default)]
    pub du_diem: Vec<String>,
}

/// The annual grade of a cell's meetings from its monthly grades (Phú Thọ rule).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AnnualRule {
    /// The band the rule grants (`Tốt`).
    pub loai: String,
    /// Every regular meeting must be at least this band (`Khá`).
    pub tat_ca_tu: String,
    /// And at least this many meetings of band `loai`.
    pub so_ky_toi_thieu: u32,
}

/// A resolved scoring scheme.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    pub groups: Vec<GroupConfig>,
    /// Best first; the last band starts at 0.
    pub bands: Vec<BandConfig>,
    pub annual: Option<AnnualRule>,
    /// The upper level's score counts when both exist.
    pub upper_wins: bool,
}

impl Scheme {
    /// The sum of the groups' maxima.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.groups.iter().map(|g| g.diem_toi_da).sum()
    }

    /// The scheme of a preset name, or `None`.
    #[must_use]
    pub fn preset(id: &str) -> Option<Scheme> {
        let (name, groups, bands, annual) = match id {
            "hd42" => presets::hd42(),
            "nghe_an" => presets::nghe_an(),
            "phu_tho" => presets::phu_tho(),
            "binh_thuan" => presets::binh_thuan(),
            "dat_khong_dat" => presets::dat_khong_dat(),
            _ => return None,
        };
        Some(Scheme {
            id: id.into(),
            name: name.into(),
            groups,
            bands,
            annual,
            upper_wins: false,
        })
    }
}

/// The published scoring schemes (domain.md §2): name, groups, bands, annual rule.
mod presets {
    use super::{AnnualRule, BandConfig, GroupConfig};

    type Parts = (
        &'static str,
        Vec<GroupConfig>,
        Vec<BandConfig>,
        Option<AnnualRule>,
    );

    fn group(ma: &str, ten: &str, max: f64) -> GroupConfig {
        GroupConfig {
            ma: ma.into(),
            ten: ten.into(),
            diem_toi_da: max,
        }
    }

    fn band(ten: &str, tu: f64, du: &[&str]) -> BandConfig {
        BandConfig {
            ten: ten.into(),
            tu,
            du_diem: du.iter().map(|s| (*s).to_string()).collect(),
        }
    }

    /// Tốt from `tot`, Khá from 70, Trung bình from 50, Kém below.
    fn standard_bands(tot: f64) -> Vec<BandConfig> {
        vec![
            band("Tốt", tot, &[]),
            band("Khá", 70.0, &[]),
            band("Trung bình", 50.0, &[]),
            band("Kém", 0.0, &[]),
        ]
    }

    /// domain.md §0.2: Hướng dẫn 42-HD/BTCTW with the split of ward A (the Đà Nẵng template:
    /// seven groups, 5/5/10/40/5/30/5). Ward B's split (eight groups, a separate 10 for the
    /// secretary's chairing, 30 for conduct) is configured with `[[cham_diem.nhom]]`
    /// (docs/config.md). The guideline sets no annual rule that we hold: the annual grade is the
    /// lowest band of the year's meetings.
    pub(super) fn hd42() -> Parts {
        let groups = vec![
            group("1", "Thời gian, thời lượng sinh hoạt", 5.0),
            group("2", "Tỷ lệ đảng viên dự sinh hoạt", 5.0),
            group("3", "Công tác chuẩn bị", 10.0),
            group("4", "Tổ chức sinh hoạt", 40.0),
            group("5", "Thực hiện nguyên tắc tổ chức, sinh hoạt đảng", 5.0),
            group("6", "Kết quả thực hiện nghị quyết tháng trước", 30.0),
            group("7", "Kết thúc sinh hoạt", 5.0),
        ];
        (
            "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025",
            groups,
            standard_bands(90.0),
            None,
        )
    }

    /// domain.md §2.2
    pub(super) fn nghe_an() -> Parts {
        let groups = vec![
            group("1", "Công tác chuẩn bị sinh hoạt chi bộ", 20.0),
            group("2", "Tỷ lệ đảng viên dự sinh hoạt chi bộ", 10.0),
            group("3", "Tổ chức sinh hoạt chi bộ", 45.0),
            group("4", "Thực hiện nguyên tắc tổ chức, sinh hoạt chi bộ", 15.0),
            group(
                "5",
                "Chất lượng của các báo cáo và kết luận tại kỳ họp",
                10.0,
            ),
        ];
        (
            "Nghệ An, Quy định 08-QĐ/TU ngày 15/9/2021",
            groups,
            standard_bands(80.0),
            None,
        )
    }

    /// domain.md §2.3
    pub(super) fn phu_tho() -> Parts {
        let groups = vec![
            group("1", "Công tác chuẩn bị", 15.0),
            group("2", "Tỷ lệ đảng viên tham dự", 20.0),
            group("3", "Tổ chức sinh hoạt", 45.0),
            group("4", "Kết thúc hội nghị", 20.0),
        ];
        let annual = AnnualRule {
            loai: "Tốt".into(),
            tat_ca_tu: "Khá".into(),
            so_ky_toi_thieu: 7,
        };
        (
            "Phú Thọ, Đảng ủy Khối các cơ quan tỉnh",
            groups,
            standard_bands(90.0),
            Some(annual),
        )
    }

    /// domain.md §2.4: the group split was not published; these six groups carry the four
    /// gating criteria (attendance, duration, members' opinions, minutes) as groups of their
    /// own so that "Tốt only with full marks on them" can be checked. docs/decisions.md
    /// records this choice.
    pub(super) fn binh_thuan() -> Parts {
        let groups = vec![
            group("1", "Công tác chuẩn bị", 15.0),
            group("2", "Tỷ lệ đảng viên dự họp", 20.0),
            group("3", "Thời gian sinh hoạt", 10.0),
            group("4", "Đảng viên tham gia ý kiến", 15.0),
            group("5", "Nội dung và tổ chức sinh hoạt", 25.0),
            group("6", "Ghi chép biên bản", 15.0),
        ];
        let bands = vec![
            band("Tốt", 90.0, &["2", "3", "4", "6"]),
            band("Khá", 70.0, &[]),
            band("Trung bình", 50.0, &[]),
            band("Kém", 0.0, &[]),
        ];
        ("Bình Thuận, Đảng ủy Khối", groups, bands, None)
    }

    /// domain.md §2.1: the five 12-HD criteria, each met (1) or not (0).
    pub(super) fn dat_khong_dat() -> Parts {
        let groups = vec![
            group("1", "Tỷ lệ đảng viên dự sinh hoạt", 1.0),
            group("2", "Công tác chuẩn bị", 1.0),
            group("3", "Tổ chức sinh hoạt", 1.0),
            group("4", "Thực hiện nguyên tắc tổ chức, sinh hoạt đảng", 1.0),
            group("5", "Kết quả lãnh đạo thực hiện kết luận, nghị quyết", 1.0),
        ];
        let bands = vec![
            band("Đạt", 5.0, &["1", "2", "3", "4", "5"]),
            band("Không đạt", 0.0, &[]),
        ];
        (
            "Hướng dẫn 12-HD/BTCTW ngày 06/7/2018: đạt / không đạt",
            groups,
            bands,
            None,
        )
    }
}

/// `[diem_danh]`
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AttendanceRules {
    /// `tru_mien` (default: on the rolls that day minus the exempted) or
    /// `tru_mien_va_vang_co_ly_do` (also minus excused absences).
    pub mau_so: String,
    /// Count dự bị members in attendance (default yes).
    pub tinh_du_bi: bool,
    /// A meeting's attendance must be above this percentage (default 85).
    pub nguong: f64,
    /// More than this many consecutive excused absences in a year is flagged (3).
    pub vang_co_ly_do_lien_tiep: u32,
    /// This many unexcused absences in a year is flagged (3).
    pub vang_khong_ly_do_nam: u32,
    /// Extra attendance marks.
    pub ky_hieu: ExtraMarks,
}

impl Default for AttendanceRules {
    fn default() -> Self {
        Self {
            mau_so: "tru_mien".into(),
            tinh_du_bi: true,
            nguong: 85.0,
            vang_co_ly_do_lien_tiep: 3,
            vang_khong_ly_do_nam: 3,
            ky_hieu: ExtraMarks::default(),
        }
    }
}

impl AttendanceRules {
    /// Whether excused absences leave the denominator.
    #[must_use]
    pub fn excludes_excused(&self) -> bool {
        self.mau_so == "tru_mien_va_vang_co_ly_do"
    }
}

/// `[diem_danh.ky_hieu]`: marks added to the built-in ones.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct ExtraMarks {
    pub co_mat: Vec<String>,
    pub vang_co_ly_do: Vec<String>,
    pub vang_khong_ly_do: Vec<String>,
    pub mien: Vec<String>,
}

/// `[thoi_luong]`, in minutes.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct DurationRules {
    pub toi_thieu: u32,
    pub ket_hop: u32,
}

impl Default for DurationRules {
    fn default() -> Self {
        Self {
            toi_thieu: 90,
            ket_hop: 120,
        }
    }
}

/// `[the_thuc]`: the Party document format (36-HD/VPTW defaults).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DocFormat {
    pub phong_chu: String,
    /// Sizes in points.
    pub co_chu: FontSizes,
    /// Margins in millimetres.
    pub le: Margins,
    /// `Nơi nhận` lines per document kind.
    pub noi_nhan: Recipients,
    /// Whether minutes carry a document number (`Số …-BB/…`).
    pub bien_ban_co_so: bool,
}

impl Default for DocFormat {
    fn default() -> Self {
        Self {
            phong_chu: "Times New Roman".into(),
            co_chu: FontSizes::default(),
            le: Margins::default(),
            noi_nhan: Recipients::default(),
            bien_ban_co_so: false,
        }
    }
}

/// Type sizes, points (domain.md §3.6).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FontSizes {
    pub tieu_de: f64,
    pub co_quan: f64,
    pub so_ky_hieu: f64,
    pub dia_danh: f64,
    pub ten_loai: f64,
    pub trich_yeu: f64,
    pub noi_dung: f64,
    pub chu_ky: f64,
    pub noi_nhan: f64,
    pub noi_nhan_dong: f64,
    pub so_trang: f64,
}

impl Default for FontSizes {
    fn default() -> Self {
        Self {
            tieu_de: 15.0,
            co_quan: 14.0,
            so_ky_hieu: 14.0,
            dia_danh: 14.0,
            ten_loai: 16.0,
            trich_yeu: 14.0,
            noi_dung: 14.0,
            chu_ky: 14.0,
            noi_nhan: 14.0,
            noi_nhan_dong: 12.0,
            so_trang: 14.0,
        }
    }
}

/// Margins, millimetres (36-HD: 20/20/30/15).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Margins {
    pub tren: f64,
    pub duoi: f64,
    pub trai: f64,
    pub phai: f64,
}

impl Default for Margins {
    fn default() -> Self {
        Self {
            tren: 20.0,
            duoi: 20.0,
            trai: 30.0,
            phai: 15.0,
        }
    }
}

/// `[the_thuc.noi_nhan]`: one list of lines per document kind. In the cells' documents
/// `{dang_uy}` is replaced by the superior's name and `{chi_bo}` by the cell's; in the
/// committee's report `{cap_tren}` is replaced by the committee's superior committee and
/// `{dang_uy}` by the committee itself.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Recipients {
    pub ke_hoach: Vec<String>,
    pub bien_ban: Vec<String>,
    pub bao_cao: Vec<String>,
    /// The monthly resolution (`nghi_quyet`).
    pub nghi_quyet: Vec<String>,
    pub bao_cao_tong_hop: Vec<String>,
}

impl Default for Recipients {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        Self {
            ke_hoach: v(&[
                "{dang_uy} (để báo cáo),",
                "Chi ủy, đảng viên trong chi bộ,",
                "Lưu Chi bộ.",
            ]),
            bien_ban: v(&["{dang_uy} (để báo cáo),", "Lưu Chi bộ."]),
            bao_cao: v(&["{dang_uy} (để báo cáo),", "Lưu Chi bộ."]),
            nghi_quyet: v(&[
                "{dang_uy} (để báo cáo),",
                "Đảng viên trong chi bộ,",
                "Lưu Chi bộ.",
            ]),
            bao_cao_tong_hop: v(&[
                "{cap_tren} (để báo cáo),",
                "Các chi bộ trực thuộc,",
                "Lưu Văn phòng.",
            ]),
        }
    }
}

/// `[bi_danh]`: extra names for sheets and columns, folded before matching.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Aliases {
    /// Extra sheet names, keyed by `thong_tin`, `dang_vien`, `sinh_hoat`, `diem_danh`,
    /// `cham_diem`, `bieu_duong`.
    pub trang_tinh: std::collections::BTreeMap<String, Vec<String>>,
    /// Extra column headers, keyed by the canonical header folded with `_`
    /// (`ho_va_ten`, `ngay_vao_dang` …).
    pub cot: std::collections::BTreeMap<String, Vec<String>>,
}

/// `[dau_ra]`
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// Output folder, relative to the input folder.
    pub thu_muc: String,
    /// Keep Vietnamese file names (default: ASCII).
    pub ten_tieng_viet: bool,
    /// The documents to produce: the keys of [`crate::view::registry::KINDS`] (`ke_hoach`,
    /// `bien_ban`, `bao_cao_quy`, `tong_hop`, `bao_cao_tong_hop` …).
    pub van_ban: Vec<String>,
    /// The cells that issue a monthly resolution (`nghi_quyet`), by the cell's name as its
    /// workbook gives it or the workbook's file name (with or without extension); `"*"`: every
    /// cell. Empty (the default): no cell does.
    pub nghi_quyet: Vec<String>,
    /// A folder of the committee's own templates, relative to the input folder; its files win
    /// over the built-in ones.
    pub mau: String,
}

impl Default for OutputConfig {
    fn default() -> Self {
        Self {
            thu_muc: "ket-qua".into(),
            ten_tieng_viet: false,
            van_ban: crate::view::registry::default_keys(),
            nghi_quyet: Vec::new(),
            mau: "templates".into(),
        }
    }
}

impl OutputConfig {
    /// The cell issues a monthly resolution: `nghi_quyet` names it (by name or workbook, case
    /// and Unicode form ignored) or holds `"*"`.
    #[must_use]
    pub fn issues_resolutions(&self, cell: &crate::model::Cell) -> bool {
        let key = |s: &str| crate::text::clean(s).to_lowercase();
        let file = key(&cell.file);
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        self.nghi_quyet.iter().map(|n| key(n)).any(|n| {
            n == "*" || (!n.is_empty() && (n == key(&cell.info.name) || n == file || n == stem))
        })
    }
}

/// `[gioi_han]`: limits that keep a broken or crafted file (a "zip bomb", a sheet with a value
/// in its millionth row) from exhausting memory. The defaults are far above any Party cell's
/// workbook and any template; a message over a limit names its key here, so that a committee
/// with really large files can raise it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Rows with data in one sheet (for `.ods`: the rows its data spans).
    pub so_dong: u32,
    /// Columns with data in one sheet (for `.ods`: the columns its data spans).
    pub so_cot: u32,
    /// Cells with data in one sheet (for `.ods`: the cells of the rectangle its data spans).
    pub so_o: u64,
    /// Entries in the zip package of a workbook (`.xlsx`, `.ods`) or a template (`.docx`).
    pub so_thanh_phan_nen: u64,
    /// Total unzipped size of a workbook or template, as its zip directory declares, MB (MiB).
    pub giai_nen_mb: u64,
    /// One part of a template (the body, a header …) once unzipped, MB (MiB).
    pub phan_mau_mb: u64,
    /// One rendered document, its filled parts together, MB (MiB).
    pub van_ban_mb: u64,
    /// Blocks (`{% if %}`, `{% for %}` …) nested inside one another in a template.
    pub khoi_long_nhau: u64,
    /// Names in `[bi_danh]`, all lists together: each header of each workbook is looked up
    /// among them.
    pub so_bi_danh: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            so_dong: 100_000,
            so_cot: 1_000,
            so_o: 2_000_000,
            so_thanh_phan_nen: 10_000,
            giai_nen_mb: 512,
            phan_mau_mb: 64,
            van_ban_mb: 256,
            khoi_long_nhau: 100,
            so_bi_danh: 1_000,
        }
    }
}

/// Bytes in the MB of the `*_mb` limits.
pub const MIB: u64 = 1024 * 1024;

/// How a message over a limit says what to do: «nâng giới hạn `so_dong` trong mục \[gioi_han\] của
/// chibo.toml». `key` is a key of [`LimitsConfig`].
#[must_use]
pub fn raise_limit(key: &str) -> crate::diagnostic::Text {
    t!("nâng giới hạn `{key}` trong mục [gioi_han] của chibo.toml" ;
       "raise `{key}` in the [gioi_han] section of chibo.toml")
}

impl Config {
    /// The config for a period of `year`: `theo_nam` resolves to that year's preset.
    #[must_use]
    pub fn for_year(mut self, year: i32) -> Config {
        self.nam = Some(year);
        self
    }

    /// The guideline in force for the period the config was resolved for; `None` before
    /// [`Config::for_year`].
    #[must_use]
    pub fn guideline(&self) -> Option<Guideline> {
        self.nam.map(Guideline::of_year)
    }

    /// Whether `[cham_diem] mau` leaves the scheme to the period's year.
    #[must_use]
    pub fn scheme_by_year(&self) -> bool {
        self.cham_diem.mau.trim().is_empty() || self.cham_diem.mau == BY_YEAR
    }

    /// The preset (or `tu_dinh`) in force: the one set, or the year's. Before
    /// [`Config::for_year`], `theo_nam` gives the pre-2026 default (`phu_tho`).
    #[must_use]
    pub fn scheme_id(&self) -> &str {
        if self.scheme_by_year() {
            self.guideline().unwrap_or(Guideline::Hd12).default_preset()
        } else {
            &self.cham_diem.mau
        }
    }

    /// One line saying which rules apply, for the run log and `check`: the guideline of the
    /// period and the scheme, and whether the scheme was set or follows the year.
    #[must_use]
    pub fn rules_line(&self) -> crate::diagnostic::Text {
        let scheme = self.scheme();
        let (id, name) = (scheme.id, scheme.name);
        let guideline = self
            .guideline()
            .map(|g| format!("{}; ", g.citation()))
            .unwrap_or_default();
        match (self.scheme_by_year(), self.nam) {
            (true, Some(year)) => {
                t!("{guideline}thang điểm `{id}` ({name}), mặc định của năm {year}" ;
                                     "{guideline}scoring scheme `{id}` ({name}), the default of {year}")
            }
            (true, None) => t!("thang điểm `{id}` ({name}), mặc định" ;
                               "scoring scheme `{id}` ({name}), the default"),
            (false, _) => t!("{guideline}thang điểm `{id}` ({name}), đặt trong chibo.toml" ;
                             "{guideline}scoring scheme `{id}` ({name}), set in chibo.toml"),
        }
    }

    /// The scoring scheme in force: a preset, or the custom one.
    #[must_use]
    pub fn scheme(&self) -> Scheme {
        let mut scheme = Scheme::preset(self.scheme_id()).unwrap_or_else(|| Scheme {
            id: "tu_dinh".into(),
            name: "Tự định".into(),
            groups: self.cham_diem.nhom.clone(),
            bands: self.cham_diem.xep_loai.clone(),
            annual: self.cham_diem.xep_loai_nam.clone(),
            upper_wins: false,
        });
        if scheme.id != "tu_dinh" {
            if !self.cham_diem.nhom.is_empty() {
                scheme.groups.clone_from(&self.cham_diem.nhom);
            }
            if !self.cham_diem.xep_loai.is_empty() {
                scheme.bands.clone_from(&self.cham_diem.xep_loai);
            }
            if self.cham_diem.xep_loai_nam.is_some() {
                scheme.annual.clone_from(&self.cham_diem.xep_loai_nam);
            }
        }
        scheme.upper_wins = self.cham_diem.diem_tinh == "cap_tren";
        scheme
    }

    /// Parses `chibo.toml` text. `file` is the name shown in messages.
    ///
    /// # Errors
    /// Every problem found: a syntax error or an unknown key (one diagnostic, with its line),
    /// or every bad value, each with the line and the key.
    pub fn parse(text: &str, file: &str) -> Result<Config, Vec<Diagnostic>> {
        let config: Config =
            toml::from_str(text).map_err(|e| vec![syntax_diagnostic(&e, text, file)])?;
        let keys = KeyLines::new(text, file);
        let problems = config.validate(&keys);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Loads `chibo.toml` from `dir`; no file gives the defaults.
    ///
    /// # Errors
    /// The file exists but cannot be read or is invalid.
    pub fn load(dir: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = dir.join("chibo.toml");
        match crate::input::read_at_most(&path, crate::input::SETTINGS_MAX) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                Config::parse(text.trim_start_matches('\u{feff}'), "chibo.toml")
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(vec![Diagnostic::error(
                "config.unreadable",
                Location::file("chibo.toml"),
                {
                    let why = crate::os_error::describe(&e);
                    t!("không mở được chibo.toml: {}", why.vi ; "cannot open chibo.toml: {}", why.en)
                },
            )]),
        }
    }

    /// Checks values serde cannot: names of presets and rules, limits, the document format,
    /// the scheme's arithmetic.
    fn validate(&self, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
        let mut out = self.validate_names(keys);
        out.extend(self.validate_characters(keys));
        if let Some(term) = &self.nhiem_ky
            && crate::text::clean(&term.ten).is_empty()
        {
            out.push(
                Diagnostic::error("config.bad_value", keys.at("nhiem_ky.ten"), t!("[nhiem_ky] thiếu `ten`: tên nhiệm kỳ để đánh số văn bản, ví dụ ten = \"2025-2030\"" ;
                                  "[nhiem_ky] lacks `ten`: the term documents are numbered in, e.g. ten = \"2025-2030\""))
                    .with_hint(t!("ghi tên nhiệm kỳ, hoặc xóa cả mục [nhiem_ky] để không đánh số văn bản" ;
                                  "write the term's name, or remove the whole [nhiem_ky] section to leave numbers blank")),
            );
        }
        out.extend(self.gioi_han.validate(keys));
        out.extend(self.the_thuc.validate(keys));
        // An unknown preset is one mistake: not also a scheme without groups.
        let mau = &self.cham_diem.mau;
        if self.scheme_by_year() {
            // Whichever year a run picks, its scheme is checked now; a problem both share is
            // told once.
            for year in [Guideline::HD42_FROM - 1, Guideline::HD42_FROM] {
                for d in validate_scheme(&self.clone().for_year(year).scheme(), keys) {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        } else if mau == "tu_dinh" || Scheme::preset(mau).is_some() {
            out.extend(validate_scheme(&self.scheme(), keys));
        }
        out
    }

    /// A TOML escape (`\u0001`, `\uFFFE`) can put into a value a character Word and Excel
    /// refuse; it would reach every document. Refused here, at its key and line.
    fn validate_characters(&self, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
        let mut forbidden = Vec::new();
        if let Ok(value) = serde_json::to_value(self) {
            forbidden_chars(&value, "", &mut forbidden);
        }
        forbidden
            .into_iter()
            .map(|(key, n)| {
                Diagnostic::error(
                    "config.bad_value",
                    keys.at(&key),
                    t!("giá trị của `{key}` có {n} ký tự điều khiển hoặc ký tự không hợp lệ (Word và Excel không nhận các ký tự này)" ;
                       "the value of `{key}` holds {n} control or invalid characters (Word and Excel refuse them)"),
                )
                .with_hint(t!("xóa ký tự đó khỏi chibo.toml (thường là một mã \\u… hoặc ký tự vô hình được dán vào)" ;
                              "remove it from chibo.toml (usually a \\u… escape or an invisible pasted character)"))
            })
            .collect()
    }

    /// The values that must be one of a few names, and the attendance threshold.
    fn validate_names(&self, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !matches!(self.ngon_ngu.trim(), "" | "vi" | "en") {
            out.push(
                Diagnostic::error("config.bad_value", keys.at("ngon_ngu"), t!("ngôn ngữ không có: `{}`", self.ngon_ngu ; "no such language: `{}`", self.ngon_ngu))
                    .with_value(self.ngon_ngu.clone())
                    .with_hint(t!("ghi ngon_ngu = \"vi\" (tiếng Việt) hoặc \"en\" (tiếng Anh)" ; "write ngon_ngu = \"vi\" (Vietnamese) or \"en\" (English)")),
            );
        }
        let c = &self.cham_diem;
        if !self.scheme_by_year() && Scheme::preset(&c.mau).is_none() && c.mau != "tu_dinh" {
            out.push(
                Diagnostic::error("config.bad_value", keys.at("cham_diem.mau"), t!("mẫu chấm điểm không có: `{}`", c.mau ; "no such scoring preset: `{}`", c.mau))
                    .with_value(c.mau.clone())
                    .with_hint(t!("dùng một trong: {SCHEME_NAMES}" ; "use one of: {SCHEME_NAMES}")),
            );
        }
        if !matches!(c.diem_tinh.as_str(), "chi_bo" | "cap_tren") {
            out.push(
                Diagnostic::error("config.bad_value", keys.at("cham_diem.diem_tinh"), t!("`diem_tinh` phải là chi_bo hoặc cap_tren" ; "`diem_tinh` must be chi_bo or cap_tren"))
                    .with_value(c.diem_tinh.clone()),
            );
        }
        let d = &self.diem_danh;
        if !matches!(d.mau_so.as_str(), "tru_mien" | "tru_mien_va_vang_co_ly_do") {
            out.push(
                Diagnostic::error(
                    "config.bad_value",
                    keys.at("diem_danh.mau_so"),
                    t!("`mau_so` phải là tru_mien hoặc tru_mien_va_vang_co_ly_do" ; "`mau_so` must be tru_mien or tru_mien_va_vang_co_ly_do"),
                )
                .with_value(d.mau_so.clone()),
            );
        }
        // `contains` is false for NaN too.
        if !(0.0..=100.0).contains(&d.nguong) {
            out.push(
                Diagnostic::error(
                    "config.bad_value",
                    keys.at("diem_danh.nguong"),
                    t!("`nguong` phải từ 0 đến 100" ; "`nguong` must be between 0 and 100"),
                )
                .with_value(d.nguong.to_string()),
            );
        }
        for (i, doc) in self.dau_ra.van_ban.iter().enumerate() {
            if crate::view::registry::kind(doc).is_none() {
                let known = crate::view::registry::keys_joined();
                out.push(
                    Diagnostic::error(
                        "config.bad_value",
                        keys.at(&format!("dau_ra.van_ban.{i}")),
                        t!("loại văn bản không có: `{doc}`" ; "no such document kind: `{doc}`"),
                    )
                    .with_value(doc.clone())
                    .with_hint(t!("dùng: {known}" ; "use: {known}")),
                );
            }
        }
        out
    }
}

impl LimitsConfig {
    /// Every limit is above 0.
    fn validate(&self, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
        [
            ("so_dong", u64::from(self.so_dong)),
            ("so_cot", u64::from(self.so_cot)),
            ("so_o", self.so_o),
            ("so_thanh_phan_nen", self.so_thanh_phan_nen),
            ("giai_nen_mb", self.giai_nen_mb),
            ("phan_mau_mb", self.phan_mau_mb),
            ("van_ban_mb", self.van_ban_mb),
            ("khoi_long_nhau", self.khoi_long_nhau),
            ("so_bi_danh", self.so_bi_danh),
        ]
        .into_iter()
        .filter(|(_, value)| *value == 0)
        .map(|(key, _)| {
            Diagnostic::error(
                "config.bad_value",
                keys.at(&format!("gioi_han.{key}")),
                t!("giới hạn `{key}` trong mục [gioi_han] phải lớn hơn 0" ;
                   "the limit `{key}` in [gioi_han] must be above 0"),
            )
            .with_value("0")
        })
        .collect()
    }
}

/// Type sizes `[the_thuc.co_chu]` accepts, points: a Party document uses 12 to 16; below 6 or
/// above 40 is a typing slip (docs/decisions.md).
pub const FONT_SIZE_RANGE: std::ops::RangeInclusive<f64> = 6.0..=40.0;
/// Margins `[the_thuc.le]` accepts, millimetres: 36-HD asks for 15 to 35; below 5 a printer
/// cuts the text, above 60 little is left of an A4 page (docs/decisions.md).
pub const MARGIN_RANGE: std::ops::RangeInclusive<f64> = 5.0..=60.0;
/// Characters in a font name, at most.
const FONT_NAME_MAX: usize = 64;

impl FontSizes {
    /// Each size with its key, in the order of the file `chibo init` writes.
    #[must_use]
    pub fn entries(&self) -> [(&'static str, f64); 11] {
        [
            ("tieu_de", self.tieu_de),
            ("co_quan", self.co_quan),
            ("so_ky_hieu", self.so_ky_hieu),
            ("dia_danh", self.dia_danh),
            ("ten_loai", self.ten_loai),
            ("trich_yeu", self.trich_yeu),
            ("noi_dung", self.noi_dung),
            ("chu_ky", self.chu_ky),
            ("noi_nhan", self.noi_nhan),
            ("noi_nhan_dong", self.noi_nhan_dong),
            ("so_trang", self.so_trang),
        ]
    }
}

impl Margins {
    /// Each margin with its key.
    #[must_use]
    pub fn entries(&self) -> [(&'static str, f64); 4] {
        [
            ("tren", self.tren),
            ("duoi", self.duoi),
            ("trai", self.trai),
            ("phai", self.phai),
        ]
    }
}

impl DocFormat {
    /// The font is a plain name; sizes and margins are finite numbers in a sensible range
    /// (NaN, infinity and negative values are refused); sizes are whole or half points, as
    /// Word stores them.
    fn validate(&self, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let font = self.phong_chu.trim();
        if font.is_empty()
            || font.chars().count() > FONT_NAME_MAX
            || font.chars().any(char::is_control)
        {
            out.push(
                Diagnostic::error(
                    "config.bad_value",
                    keys.at("the_thuc.phong_chu"),
                    t!("`phong_chu` phải là tên một phông chữ (như \"Times New Roman\"), không quá {FONT_NAME_MAX} ký tự" ;
                       "`phong_chu` must be a font name (such as \"Times New Roman\"), at most {FONT_NAME_MAX} characters"),
                )
                .with_value(self.phong_chu.clone()),
            );
        }
        for (key, size) in self.co_chu.entries() {
            let whole_or_half = (size * 2.0).fract() == 0.0;
            if !FONT_SIZE_RANGE.contains(&size) || !whole_or_half {
                let (lo, hi) = (FONT_SIZE_RANGE.start(), FONT_SIZE_RANGE.end());
                out.push(
                    Diagnostic::error(
                        "config.bad_value",
                        keys.at(&format!("the_thuc.co_chu.{key}")),
                        t!("cỡ chữ `{key}` phải từ {lo} đến {hi} điểm, chẵn hoặc lẻ nửa điểm (như 13 hoặc 13.5)" ;
                           "the size `{key}` must be {lo} to {hi} points, whole or half (such as 13 or 13.5)"),
                    )
                    .with_value(size.to_string()),
                );
            }
        }
        for (key, mm) in self.le.entries() {
            if !MARGIN_RANGE.contains(&mm) {
                let (lo, hi) = (MARGIN_RANGE.start(), MARGIN_RANGE.end());
                out.push(
                    Diagnostic::error(
                        "config.bad_value",
                        keys.at(&format!("the_thuc.le.{key}")),
                        t!("lề `{key}` phải từ {lo} đến {hi} mm" ; "the margin `{key}` must be {lo} to {hi} mm"),
                    )
                    .with_value(mm.to_string()),
                );
            }
        }
        out
    }
}

/// A syntax error, a value of the wrong type or an unknown key, at the line the parser gives.
fn syntax_diagnostic(e: &toml::de::Error, text: &str, file: &str) -> Diagnostic {
    let mut loc = Location::file(file);
    loc.row = e.span().map(|s| line_of(text, s.start));
    let msg = e.message().trim().to_string();
    let key = e
        .span()
        .map(|s| text.get(s).unwrap_or_default().trim().to_string());
    let d = if let Some(rest) = msg.strip_prefix("unknown field ") {
        // toml says "unknown field `x`, expected one of `a`, `b`": keep the names, word the
        // rest in the user's language.
        let (key, valid) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        let (vi, en) = if valid.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("; các khóa hợp lệ ở chỗ này: {valid}"),
                format!("; valid keys here: {valid}"),
            )
        };
        Diagnostic::error(
            "config.unknown_key",
            loc,
            t!("khóa không có trong chibo.toml: {key}{vi}" ; "unknown key in chibo.toml: {key}{en}"),
        )
        .with_hint(t!("xem các khóa hợp lệ trong tệp do `chibo init` tạo ra hoặc docs/config.md" ;
                      "see the valid keys in the file `chibo init` writes, or docs/config.md"))
    } else {
        Diagnostic::error(
            "config.syntax",
            loc,
            t!("chibo.toml không đọc được: {msg}" ; "chibo.toml cannot be read: {msg}"),
        )
    };
    match key.filter(|k| !k.is_empty()) {
        Some(k) => d.with_value(k),
        None => d,
    }
}

/// The scheme's own arithmetic: groups sum to the total, bands best first with distinct lower
/// bounds, the last band starts at 0, gates name real groups.
fn validate_scheme(s: &Scheme, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
    if s.groups.is_empty() {
        return vec![Diagnostic::error(
            "config.scheme",
            keys.at("cham_diem.nhom"),
            t!("thang điểm chưa có nhóm tiêu chí nào" ; "the scoring scheme has no criteria groups"),
        )];
    }
    let mut out = validate_groups(s, keys);
    out.extend(validate_bands(s, keys));
    out.extend(validate_annual(s, keys));
    out
}

/// Each group's maximum is above 0, and the maxima sum to 100 (5 for đạt / không đạt).
fn validate_groups(s: &Scheme, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, g) in s.groups.iter().enumerate() {
        if g.diem_toi_da <= 0.0 || !g.diem_toi_da.is_finite() {
            out.push(
                Diagnostic::error("config.scheme", keys.at(&format!("cham_diem.nhom.{i}.diem_toi_da")), t!("nhóm `{}`: điểm tối đa phải lớn hơn 0", g.ma ; "group `{}`: its maximum must be above 0", g.ma))
                    .with_value(g.diem_toi_da.to_string()),
            );
        }
    }
    let total = s.total();
    let expected = if s.id == "dat_khong_dat" { 5.0 } else { 100.0 };
    if (total - expected).abs() > 1e-9 {
        let parts = s
            .groups
            .iter()
            .map(|g| format!("{}", g.diem_toi_da))
            .collect::<Vec<_>>()
            .join(" + ");
        out.push(
            Diagnostic::error(
                "config.scheme",
                keys.at("cham_diem.nhom"),
                t!("tổng điểm tối đa của các nhóm là {total} ({parts}), không bằng {expected}" ;
                   "the groups' maxima sum to {total} ({parts}), not {expected}"),
            )
            .with_value(format!("{total}")),
        );
    }
    out
}

/// Bands exist, go from best to worst, the last starts at 0, none starts above the total, and
/// their gates name real groups.
fn validate_bands(s: &Scheme, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let band_key = |i: usize, key: &str| format!("cham_diem.xep_loai.{i}.{key}");
    if s.bands.is_empty() {
        out.push(Diagnostic::error(
            "config.scheme",
            keys.at("cham_diem.xep_loai"),
            t!("thang điểm chưa có mức xếp loại nào" ; "the scheme has no bands"),
        ));
    }
    for (i, pair) in s.bands.windows(2).enumerate() {
        if pair[1].tu >= pair[0].tu {
            out.push(
                Diagnostic::error(
                    "config.scheme",
                    keys.at(&band_key(i + 1, "tu")),
                    t!("các mức xếp loại phải xếp từ cao xuống thấp: `{}` ({}) đứng trước `{}` ({})", pair[0].ten, pair[0].tu, pair[1].ten, pair[1].tu ;
                       "bands must go from best to worst: `{}` ({}) comes before `{}` ({})", pair[0].ten, pair[0].tu, pair[1].ten, pair[1].tu),
                )
                .with_value(pair[1].tu.to_string()),
            );
        }
    }
    if let Some(last) = s.bands.last().filter(|l| l.tu != 0.0) {
        out.push(
            Diagnostic::error(
                "config.scheme",
                keys.at(&band_key(s.bands.len() - 1, "tu")),
                t!("mức thấp nhất (`{}`) phải bắt đầu từ 0 để mọi điểm đều có xếp loại", last.ten ;
                   "the lowest band (`{}`) must start at 0 so every score has a band", last.ten),
            )
            .with_value(last.tu.to_string()),
        );
    }
    let total = s.total();
    for (i, band) in s.bands.iter().enumerate() {
        if band.tu > total {
            out.push(
                Diagnostic::error("config.scheme", keys.at(&band_key(i, "tu")), t!("mức `{}` bắt đầu từ {} điểm, quá tổng {total}", band.ten, band.tu ; "band `{}` starts at {}, above the total {total}", band.ten, band.tu))
                    .with_value(band.tu.to_string()),
            );
        }
        for code in band
            .du_diem
            .iter()
            .filter(|c| !s.groups.iter().any(|g| &g.ma == *c))
        {
            out.push(
                Diagnostic::error("config.scheme", keys.at(&band_key(i, "du_diem")), t!("mức `{}` đòi đủ điểm nhóm `{code}`, nhưng không có nhóm đó", band.ten ; "band `{}` requires full marks on group `{code}`, which does not exist", band.ten))
                    .with_value(code.clone()),
            );
        }
    }
    out
}

/// The annual rule names bands the scheme has.
fn validate_annual(s: &Scheme, keys: &KeyLines<'_>) -> Vec<Diagnostic> {
    let Some(a) = &s.annual else {
        return Vec::new();
    };
    [("loai", &a.loai), ("tat_ca_tu", &a.tat_ca_tu)]
        .into_iter()
        .filter(|(_, label)| !s.bands.iter().any(|b| &b.ten == *label))
        .map(|(key, label)| {
            Diagnostic::error("config.scheme", keys.at(&format!("cham_diem.xep_loai_nam.{key}")), t!("xếp loại năm nhắc tới mức `{label}` không có trong thang" ; "the annual rule names band `{label}`, which the scheme lacks"))
                .with_value(label.clone())
        })
        .collect()
}

/// Where each key of the file is, from the TOML parser's spans (not by searching the text:
/// `mau` is a key of both `[cham_diem]` and `[dau_ra]`).
struct KeyLines<'a> {
    text: &'a str,
    file: &'a str,
    /// The parsed document; `None` only if it does not parse, which `parse` has ruled out.
    root: Option<toml::de::DeTable<'a>>,
}

impl<'a> KeyLines<'a> {
    fn new(text: &'a str, file: &'a str) -> Self {
        let root = toml::de::DeTable::parse(text)
            .ok()
            .map(toml::Spanned::into_inner);
        Self { text, file, root }
    }

    /// The location of a dotted key path (`cham_diem.mau`; a number is an entry of an array,
    /// `cham_diem.nhom.1.diem_toi_da`): the file, the line of the deepest part of the path the
    /// file writes (a default has no line of its own: its table's, or none), and the key,
    /// worded `khóa`.
    fn at(&self, path: &str) -> Location {
        let mut loc = Location::file(self.file);
        loc.row = self
            .root
            .as_ref()
            .and_then(|root| deepest_span(root, path))
            .map(|span| line_of(self.text, span.start));
        let key = path
            .split('.')
            .filter(|seg| seg.parse::<usize>().is_err())
            .collect::<Vec<_>>()
            .join(".");
        loc.place = Some(t!("khóa `{key}`" ; "key `{key}`"));
        loc
    }
}

/// The span of the deepest part of `path` present under `root`.
fn deepest_span(root: &toml::de::DeTable<'_>, path: &str) -> Option<std::ops::Range<usize>> {
    use toml::de::DeValue;
    let mut span = None;
    let mut table = Some(root);
    let mut array = None;
    for seg in path.split('.') {
        let found = match seg.parse::<usize>() {
            Ok(i) => array
                .and_then(|a: &toml::de::DeArray<'_>| a.get(i))
                .map(|v| (v.span(), v)),
            Err(_) => table.and_then(|t| {
                t.iter()
                    .find(|(k, _)| k.get_ref() == seg)
                    .map(|(k, v)| (k.span(), v))
            }),
        };
        let Some((at, value)) = found else { break };
        span = Some(at);
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    span
}

/// Every string of the config (as `key.path`) holding characters chibo never writes
/// ([`crate::text::is_forbidden_char`]), with how many.
fn forbidden_chars(value: &serde_json::Value, path: &str, out: &mut Vec<(String, usize)>) {
    match value {
        serde_json::Value::String(s) => {
            let n = s
                .chars()
                .filter(|&c| crate::text::is_forbidden_char(c))
                .count();
            if n > 0 {
                out.push((path.to_string(), n));
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                forbidden_chars(item, path, out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                forbidden_chars(v, &key, out);
            }
        }
        _ => {}
    }
}

/// 0-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u32 {
    let upto = text.get(..offset.min(text.len())).unwrap_or(text);
    u32::try_from(upto.matches('\n').count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_defaults() {
        let c = Config::parse("", "chibo.toml").unwrap();
        assert_eq!(c, Config::default());
        let s = c.scheme();
        assert_eq!(s.id, "phu_tho");
        assert!((s.total() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn every_preset_is_valid() {
        for id in ["hd42", "phu_tho", "nghe_an", "binh_thuan", "dat_khong_dat"] {
            let c = Config::parse(&format!("[cham_diem]\nmau = \"{id}\"\n"), "chibo.toml").unwrap();
            assert_eq!(c.scheme().id, id);
        }
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse("[diem_danh]\nnguong = 80\nnguon = 3\n", "chibo.toml").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].code, "config.unknown_key");
        assert_eq!(err[0].location.row, Some(2));
        assert!(
            err[0].message.vi.contains("`nguon`"),
            "{}",
            err[0].message.vi
        );
    }

    #[test]
    fn groups_must_sum_to_total() {
        let text = "[cham_diem]\nmau = \"tu_dinh\"\n[[cham_diem.nhom]]\nma = \"1\"\nten = \"A\"\ndiem_toi_da = 60\n[[cham_diem.nhom]]\nma = \"2\"\nten = \"B\"\ndiem_toi_da = 30\n[[cham_diem.xep_loai]]\nten = \"Tốt\"\ntu = 80\n[[cham_diem.xep_loai]]\nten = \"Kém\"\ntu = 0\n";
        let err = Config::parse(text, "chibo.toml").unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(
            err[0].message.vi,
            "tổng điểm tối đa của các nhóm là 90 (60 + 30), không bằng 100"
        );
    }

    #[test]
    fn limits_are_read_and_checked() {
        let c = Config::parse(
            "[gioi_han]\nso_dong = 250000\ngiai_nen_mb = 2048\n",
            "chibo.toml",
        )
        .unwrap();
        assert_eq!(
            c.gioi_han,
            LimitsConfig {
                so_dong: 250_000,
                giai_nen_mb: 2048,
                ..LimitsConfig::default()
            }
        );
        let err =
            Config::parse("[gioi_han]\nso_cot = 0\nphan_mau_mb = 0\n", "chibo.toml").unwrap_err();
        let got: Vec<_> = err
            .iter()
            .map(|d| (d.code, d.location.row, d.message.vi.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "config.bad_value",
                    Some(1),
                    "giới hạn `so_cot` trong mục [gioi_han] phải lớn hơn 0"
                ),
                (
                    "config.bad_value",
                    Some(2),
                    "giới hạn `phan_mau_mb` trong mục [gioi_han] phải lớn hơn 0"
                ),
            ]
        );
    }

    #[test]
    fn a_bad_value_is_placed_by_the_parser_not_by_searching_the_text() {
        // `[dau_ra]` also has a `mau` key, earlier in the file.
        let text = "[dau_ra]\nmau = \"mau-rieng\"\n\n[cham_diem]\nmau = \"khong_co\"\n";
        let err = Config::parse(text, "chibo.toml").unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].location.row, Some(4));
        assert_eq!(
            err[0].render(crate::diagnostic::Lang::Vi),
            "lỗi: mẫu chấm điểm không có: `khong_co`\n  --> chibo.toml, dòng 5, khóa `cham_diem.mau`\n  gợi ý: dùng một trong: theo_nam, hd42, phu_tho, nghe_an, binh_thuan, dat_khong_dat, tu_dinh"
        );
    }

    #[test]
    fn a_custom_group_is_placed_at_its_own_line() {
        let text = "[cham_diem]\nmau = \"tu_dinh\"\n[[cham_diem.nhom]]\nma = \"1\"\nten = \"A\"\ndiem_toi_da = 100\n[[cham_diem.nhom]]\nma = \"2\"\nten = \"B\"\ndiem_toi_da = -5\n[[cham_diem.xep_loai]]\nten = \"Tốt\"\ntu = 80\ndu_diem = [\"9\"]\n[[cham_diem.xep_loai]]\nten = \"Kém\"\ntu = 0\n";
        let err = Config::parse(text, "chibo.toml").unwrap_err();
        let rows: Vec<_> = err
            .iter()
            .map(|d| (d.location.row, d.value.clone()))
            .collect();
        assert!(rows.contains(&(Some(9), Some("-5".into()))), "{rows:?}");
        assert!(rows.contains(&(Some(13), Some("9".into()))), "{rows:?}");
    }

    #[test]
    fn the_document_format_is_checked_with_line_and_key() {
        let text = "[the_thuc]\nphong_chu = \"\"\n[the_thuc.co_chu]\nnoi_dung = nan\ntieu_de = inf\nchu_ky = -14\nten_loai = 400\nnoi_nhan = 13.3\nso_trang = 13.5\n[the_thuc.le]\ntrai = -30\nphai = 15\ntren = 1e9\n";
        let err = Config::parse(text, "chibo.toml").unwrap_err();
        let got: Vec<_> = err
            .iter()
            .map(|d| {
                let place = d.location.place.as_ref().map(|p| p.vi.clone());
                (
                    d.location.row,
                    place.unwrap_or_default(),
                    d.value.clone().unwrap_or_default(),
                )
            })
            .collect();
        let want = [
            (1, "the_thuc.phong_chu", ""),
            (3, "the_thuc.co_chu.noi_dung", "NaN"),
            (4, "the_thuc.co_chu.tieu_de", "inf"),
            (5, "the_thuc.co_chu.chu_ky", "-14"),
            (6, "the_thuc.co_chu.ten_loai", "400"),
            (7, "the_thuc.co_chu.noi_nhan", "13.3"),
            (10, "the_thuc.le.trai", "-30"),
            (12, "the_thuc.le.tren", "1000000000"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(r, k, v)| (Some(*r), format!("khóa `{k}`"), (*v).to_string()))
            .collect();
        // The font, then the sizes and margins in the order of their struct.
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted);
        assert!(
            err[1].message.vi.starts_with("cỡ chữ `"),
            "{}",
            err[1].message.vi
        );
        // The defaults and sensible values pass.
        let ok = "[the_thuc]\nphong_chu = \"Times New Roman\"\n[the_thuc.co_chu]\nnoi_dung = 13.5\n[the_thuc.le]\ntrai = 35\n";
        assert!(Config::parse(ok, "chibo.toml").is_ok());
    }

    #[test]
    fn syntax_error_has_line() {
        let err = Config::parse("[dang_uy]\nten = \"abc\n", "chibo.toml").unwrap_err();
        assert_eq!(err[0].code, "config.syntax");
        assert_eq!(err[0].location.row, Some(1));
    }
}
