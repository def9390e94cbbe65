//! The document kinds chibo writes, in ONE list: [`KINDS`].
//!
//! Each [`Kind`] is the one home of a kind of paper: its key (`bao_cao_quy`, as `run --van-ban`
//! and `[dau_ra] van_ban` name it), its Vietnamese label, its number symbol (`KH`, `BB`, `BC`,
//! `NQ` …), its templates (file name, built-in bytes, example data), its `[the_thuc.noi_nhan]`
//! key, and for a cell's document the rule that says which documents a period brings (with
//! their file names) and the builder of each one's view. Everything that lists kinds reads this
//! list: the planning, building and template loading of `chibo run`, `chibo template check`,
//! the `--van-ban` values, the valid `van_ban` keys of `chibo.toml` and their hints, the
//! templates `chibo init` copies and the web page lists, and `examples/gen_templates.rs`.
//!
//! # How to add a kind
//! 1. Write one module under `src/view/` (see `nghi_quyet.rs`): the view (a `Serialize` struct,
//!    its fields documented as template variables), its builder from [`build::Ctx`] (figures
//!    come from [`crate::aggregate`], never computed in the view), its example value, its plan
//!    (`fn(&Planning, &mut Vec<Diagnostic>) -> Vec<Planned>`: which documents a period brings
//!    for a cell, and their file names) and `fn build(&Ctx, Subject) -> Option<Built>`.
//! 2. Add its template: a function in `examples/gen_templates.rs` named in that file's
//!    `builder_of`, then `cargo run --example gen_templates` writes `templates/<file>.docx`.
//! 3. Add one entry to [`KINDS`] (its position is its place in lists and help texts;
//!    [`Kind::order`] places its documents among a cell's in the run's log).
//! 4. Document it in `docs/default-documents.md`; if it has its own `Nơi nhận`, add the key to
//!    `[the_thuc.noi_nhan]` ([`crate::config::Recipients`]).

use chrono::{Datelike as _, NaiveDate};

use crate::aggregate::Period;
use crate::aggregate::period::roman;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::Cell;
use crate::t;
use crate::text::ascii_slug;

use super::build::{self, Ctx};

/// One template file of a kind.
pub struct TemplateFile {
    /// The file name, in `templates/` and built in: `bao-cao-quy.docx`.
    pub file: &'static str,
    /// What the office calls the document this template makes (the web page's list).
    pub label: &'static str,
    /// The built-in template.
    pub bytes: &'static [u8],
    /// Example data the template must accept (`chibo template check`, the views goldens): one
    /// value per shape of the data (the thematic minutes serve combined sessions too).
    pub examples: fn() -> Vec<serde_json::Value>,
}

/// Who issues a kind's documents.
pub enum Produce {
    /// A cell: `plan` says which documents a period brings, `build` builds each one's view.
    Cell {
        plan: fn(&Planning<'_>, &mut Vec<Diagnostic>) -> Vec<Planned>,
        build: fn(&Ctx<'_>, Subject) -> Option<Built>,
    },
    /// The committee: its report from the consolidated figures (`chibo run` builds it).
    Committee,
    /// The consolidated Excel workbook (no template).
    Workbook,
}

/// A kind of document.
pub struct Kind {
    /// `ke_hoach`: the name in `run --van-ban` and `[dau_ra] van_ban`.
    pub key: &'static str,
    /// What the office calls it: `báo cáo quý của chi bộ`.
    pub label: &'static str,
    /// The document type's symbol in its number (`Số 05-KH/CB2`); empty when it has none.
    pub symbol: &'static str,
    /// Its Word templates (none for the workbook).
    pub templates: &'static [TemplateFile],
    /// Its key in `[the_thuc.noi_nhan]`, when it has recipients.
    pub noi_nhan: Option<&'static str>,
    /// Who issues it, and how a period's documents are found and built.
    pub produce: Produce,
    /// Produced when `[dau_ra] van_ban` is not set.
    pub default_on: bool,
    /// Place of its documents among a cell's documents in a run (smaller first).
    pub order: u8,
}

/// What the planning of one cell's documents knows.
pub struct Planning<'a> {
    pub cell: &'a Cell,
    pub config: &'a Config,
    pub period: &'a Period,
    /// "Today": nothing is planned that has not happened by then.
    pub as_of: NaiveDate,
    /// The kinds were named for this run (`run --van-ban`), not only configured.
    pub chosen: bool,
}

impl Planning<'_> {
    /// File names in Vietnamese (`[dau_ra] ten_tieng_viet`).
    #[must_use]
    pub fn vietnamese(&self) -> bool {
        self.config.dau_ra.ten_tieng_viet
    }
}

/// What one document is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Year(i32),
    Quarter(i32, u32),
    /// A meeting, by its index in the cell's meetings.
    Meeting(usize),
}

/// A document a period brings: what it is about and its file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub subject: Subject,
    pub file: String,
}

/// A document's view and the template it fills.
pub struct Built {
    pub template: &'static str,
    pub data: serde_json::Value,
}

/// Every kind, in the order lists and help texts name them.
pub static KINDS: &[Kind] = &[
    Kind {
        key: "ke_hoach",
        label: "kế hoạch sinh hoạt chuyên đề năm",
        symbol: "KH",
        templates: &[TemplateFile {
            file: super::KE_HOACH,
            label: "Kế hoạch sinh hoạt chuyên đề",
            bytes: include_bytes!("../../templates/ke-hoach-chuyen-de.docx"),
            examples: || values([serde_json::to_value(super::example_ke_hoach())]),
        }],
        noi_nhan: Some("ke_hoach"),
        produce: Produce::Cell {
            plan: plan_ke_hoach,
            build: build_ke_hoach,
        },
        default_on: true,
        order: 4,
    },
    Kind {
        key: "bien_ban",
        label: "biên bản từng buổi sinh hoạt",
        symbol: "BB",
        templates: &[
            TemplateFile {
                file: super::BIEN_BAN_THUONG_KY,
                label: "Biên bản sinh hoạt thường kỳ",
                bytes: include_bytes!("../../templates/bien-ban-thuong-ky.docx"),
                examples: || values([serde_json::to_value(super::example_bien_ban_thuong_ky())]),
            },
            TemplateFile {
                file: super::BIEN_BAN_CHUYEN_DE,
                label: "Biên bản sinh hoạt chuyên đề",
                bytes: include_bytes!("../../templates/bien-ban-chuyen-de.docx"),
                examples: || {
                    values([
                        serde_json::to_value(super::example_bien_ban_chuyen_de()),
                        serde_json::to_value(super::example_bien_ban_ket_hop()),
                    ])
                },
            },
        ],
        noi_nhan: Some("bien_ban"),
        produce: Produce::Cell {
            plan: plan_bien_ban,
            build: build_bien_ban,
        },
        default_on: true,
        order: 1,
    },
    Kind {
        key: "nghi_quyet",
        label: "nghị quyết chi bộ hằng tháng (chỉ các chi bộ ghi ở [dau_ra] nghi_quyet)",
        symbol: "NQ",
        templates: &[TemplateFile {
            file: super::NGHI_QUYET,
            label: "Nghị quyết chi bộ hằng tháng",
            bytes: include_bytes!("../../templates/nghi-quyet-thang.docx"),
            examples: || values([serde_json::to_value(super::example_nghi_quyet())]),
        }],
        noi_nhan: Some("nghi_quyet"),
        produce: Produce::Cell {
            plan: super::nghi_quyet::plan,
            build: super::nghi_quyet::build,
        },
        default_on: true,
        order: 2,
    },
    Kind {
        key: "bao_cao_quy",
        label: "báo cáo quý của chi bộ",
        symbol: "BC",
        templates: &[TemplateFile {
            file: super::BAO_CAO_QUY,
            label: "Báo cáo quý của chi bộ",
            bytes: include_bytes!("../../templates/bao-cao-quy.docx"),
            examples: || values([serde_json::to_value(super::example_bao_cao_quy())]),
        }],
        noi_nhan: Some("bao_cao"),
        produce: Produce::Cell {
            plan: plan_bao_cao_quy,
            build: build_bao_cao_quy,
        },
        default_on: true,
        order: 3,
    },
    Kind {
        key: "bao_cao_nam",
        label: "báo cáo năm của chi bộ",
        symbol: "BC",
        templates: &[TemplateFile {
            file: super::BAO_CAO_NAM,
            label: "Báo cáo năm của chi bộ",
            bytes: include_bytes!("../../templates/bao-cao-nam.docx"),
            examples: || values([serde_json::to_value(super::example_bao_cao_nam())]),
        }],
        noi_nhan: Some("bao_cao"),
        produce: Produce::Cell {
            plan: super::bao_cao_nam::plan,
            build: super::bao_cao_nam::build,
        },
        default_on: true,
        order: 3,
    },
    Kind {
        key: "tong_hop",
        label: "bảng tổng hợp Excel",
        symbol: "",
        templates: &[],
        noi_nhan: None,
        produce: Produce::Workbook,
        default_on: true,
        order: 0,
    },
    Kind {
        key: "bao_cao_tong_hop",
        label: "báo cáo tổng hợp của Đảng ủy",
        symbol: "BC",
        templates: &[TemplateFile {
            file: super::BAO_CAO_TONG_HOP,
            label: "Báo cáo tổng hợp của Đảng ủy",
            bytes: include_bytes!("../../templates/bao-cao-tong-hop.docx"),
            examples: || values([serde_json::to_value(super::example_bao_cao_tong_hop())]),
        }],
        noi_nhan: Some("bao_cao_tong_hop"),
        produce: Produce::Committee,
        default_on: true,
        order: 0,
    },
];

/// The values that serialised (every example does; a failure is left out, never a panic).
fn values<const N: usize>(
    v: [Result<serde_json::Value, serde_json::Error>; N],
) -> Vec<serde_json::Value> {
    v.into_iter().flatten().collect()
}

/// The kind of key `key`.
#[must_use]
pub fn kind(key: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.key == key)
}

/// The number symbol of kind `key` (`KH` for `ke_hoach`): the one home of the symbol, which
/// the view builders print in the number line and the register numbers by. Empty for a key
/// that is not a kind (the number line then shows it: `Số     -/CB2`).
#[must_use]
pub fn symbol(key: &str) -> &'static str {
    kind(key).map_or("", |k| k.symbol)
}

/// Every kind's key, in list order: `ke_hoach, bien_ban, …`.
#[must_use]
pub fn keys() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.key).collect()
}

/// The keys as the hints name them: `ke_hoach, bien_ban, …`.
#[must_use]
pub fn keys_joined() -> String {
    keys().join(", ")
}

/// The keys produced when `[dau_ra] van_ban` is not set.
#[must_use]
pub fn default_keys() -> Vec<String> {
    KINDS
        .iter()
        .filter(|k| k.default_on)
        .map(|k| k.key.to_string())
        .collect()
}

/// Every built-in template, kind by kind.
pub fn template_files() -> impl Iterator<Item = &'static TemplateFile> {
    KINDS.iter().flat_map(|k| k.templates)
}

/// The template file named `file`, when it is one of the built-in ones.
#[must_use]
pub fn template_file(file: &str) -> Option<&'static TemplateFile> {
    template_files().find(|t| t.file == file)
}

/// The kinds a cell issues, in the order their documents come in a run.
pub fn cell_kinds() -> impl Iterator<Item = &'static Kind> {
    let mut v: Vec<&'static Kind> = KINDS
        .iter()
        .filter(|k| matches!(k.produce, Produce::Cell { .. }))
        .collect();
    v.sort_by_key(|k| k.order);
    v.into_iter()
}

// ── ke_hoach ─────────────────────────────────────────────────────────────────────────────────

/// The thematic plan of the period's year, a document of the start of its year: made by the
/// runs whose period starts the year (January, quarter I, the year), or whenever `--van-ban`
/// names it (so `--period 2026 --van-ban ke_hoach` in December makes next year's plan alone).
/// A cell that plans no thematic meeting that year gets a warning instead (an empty plan is
/// never written).
fn plan_ke_hoach(p: &Planning<'_>, notes: &mut Vec<Diagnostic>) -> Vec<Planned> {
    let year = p.period.year;
    if !(p.chosen || p.period.first.ordinal() == 1) {
        return Vec::new();
    }
    if !plans_thematic(p.cell, year) {
        notes.push(empty_plan(p.cell, year));
        return Vec::new();
    }
    let file = if p.vietnamese() {
        format!("Kế hoạch chuyên đề năm {year}.docx")
    } else {
        format!("ke-hoach-chuyen-de-{year}.docx")
    };
    vec![Planned {
        subject: Subject::Year(year),
        file,
    }]
}

fn build_ke_hoach(ctx: &Ctx<'_>, subject: Subject) -> Option<Built> {
    let Subject::Year(year) = subject else {
        return None;
    };
    Some(Built {
        template: super::KE_HOACH,
        data: serde_json::to_value(build::ke_hoach(ctx, year)).ok()?,
    })
}

/// The cell has a thematic meeting of `year` to plan (held or planned, not postponed): the
/// rows [`build::ke_hoach`] lists.
fn plans_thematic(cell: &Cell, year: i32) -> bool {
    cell.meetings.iter().any(|m| {
        m.kinds.thematic
            && m.date.year() == year
            && m.status != crate::model::MeetingStatus::Postponed
    })
}

/// The warning for a plan left out: an empty plan (`phân công ()`) is never written.
fn empty_plan(cell: &Cell, year: i32) -> Diagnostic {
    let sheet = cell
        .meetings
        .first()
        .map_or_else(|| "Sinh hoạt".to_string(), |m| m.source.sheet.clone());
    Diagnostic::warning(
        "plan.empty",
        Location::file(cell.file.clone()).sheet(sheet),
        t!("{}: không lập kế hoạch sinh hoạt chuyên đề năm {year} vì trang «Sinh hoạt» chưa có buổi chuyên đề nào của năm {year}", cell.info.name ;
           "{}: no thematic plan for {year}: the «Sinh hoạt» sheet has no thematic meeting in {year}", cell.info.name),
    )
    .with_hint(t!("ghi các buổi chuyên đề dự kiến của năm (Loại «Chuyên đề», Tình trạng «Kế hoạch») rồi chạy lại" ;
                  "add the year's planned thematic meetings (Loại «Chuyên đề», Tình trạng «Kế hoạch») and run again"))
}

// ── bien_ban ─────────────────────────────────────────────────────────────────────────────────

/// The minutes of each meeting held in the period by `--as-of`.
fn plan_bien_ban(p: &Planning<'_>, _: &mut Vec<Diagnostic>) -> Vec<Planned> {
    crate::aggregate::held_meetings(p.cell, p.period, p.as_of)
        .map(|(meeting, m)| Planned {
            subject: Subject::Meeting(meeting),
            file: meeting_file_name("bien-ban", "Biên bản", m, p.vietnamese()),
        })
        .collect()
}

fn build_bien_ban(ctx: &Ctx<'_>, subject: Subject) -> Option<Built> {
    let Subject::Meeting(meeting) = subject else {
        return None;
    };
    let m = ctx.cell.meetings.get(meeting)?;
    Some(Built {
        template: build::minutes_template(m),
        data: serde_json::to_value(build::bien_ban(ctx, meeting)?).ok()?,
    })
}

/// A document of one meeting, named as the minutes are: `bien-ban-2025-03-14-thuong-ky.docx`,
/// or `Biên bản 2025-03-14 Thường kỳ.docx` with Vietnamese names (`ascii` and `vietnamese` are
/// the kind's word in each form).
#[must_use]
pub fn meeting_file_name(
    ascii: &str,
    vietnamese_word: &str,
    m: &crate::model::Meeting,
    vietnamese: bool,
) -> String {
    let day = m.date.format("%Y-%m-%d");
    if vietnamese {
        format!(
            "{vietnamese_word} {day} {}.docx",
            m.kinds.label().replace(" + ", " và ")
        )
    } else {
        format!("{ascii}-{day}-{}.docx", ascii_slug(m.kinds.label()))
    }
}

// ── bao_cao_quy ──────────────────────────────────────────────────────────────────────────────

/// A quarterly report for each quarter the period brings that has ended by `--as-of` (never a
/// report of a quarter still running).
fn plan_bao_cao_quy(p: &Planning<'_>, _: &mut Vec<Diagnostic>) -> Vec<Planned> {
    report_quarters(p.period)
        .into_iter()
        .filter(|&(y, q)| Period::quarter(y, q).is_some_and(|q| q.last <= p.as_of))
        .map(|(year, quarter)| Planned {
            subject: Subject::Quarter(year, quarter),
            file: if p.vietnamese() {
                format!("Báo cáo quý {} năm {year}.docx", roman(quarter))
            } else {
                format!("bao-cao-quy-{}-{year}.docx", roman(quarter))
            },
        })
        .collect()
}

fn build_bao_cao_quy(ctx: &Ctx<'_>, subject: Subject) -> Option<Built> {
    let Subject::Quarter(year, quarter) = subject else {
        return None;
    };
    Some(Built {
        template: super::BAO_CAO_QUY,
        data: serde_json::to_value(build::bao_cao_quy(ctx, year, quarter)?).ok()?,
    })
}

/// The quarters whose report a period brings: every quarter of a year or a quarter; for a month,
/// the quarter it closes (March brings quarter I), so the monthly run at a quarter's end gives
/// the report.
fn report_quarters(period: &Period) -> Vec<(i32, u32)> {
    use crate::aggregate::period::PeriodKind;
    match period.kind {
        PeriodKind::Month => {
            let m = period.first.month();
            if m.is_multiple_of(3) {
                vec![(period.year, m / 3)]
            } else {
                Vec::new()
            }
        }
        PeriodKind::Quarter | PeriodKind::Year => period
            .quarters()
            .iter()
            .map(|q| (q.year, q.number))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_templates_too() {
        let mut keys = keys();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), KINDS.len());
        let mut files: Vec<&str> = template_files().map(|t| t.file).collect();
        let n = files.len();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), n);
    }

    /// The examples are hand-written (templates and goldens use them), so they can disagree
    /// with the registry; the builders print [`symbol`] itself (the run's test
    /// `every_numbered_document_carries_its_kinds_symbol_from_the_registry` checks them).
    #[test]
    fn every_numbered_example_carries_its_kinds_symbol() {
        for kind in KINDS.iter().filter(|k| !k.symbol.is_empty()) {
            for t in kind.templates {
                for e in (t.examples)() {
                    let so = e["van_ban"]["so_ky_hieu"].as_str().unwrap_or_default();
                    assert!(
                        so.is_empty() || so.contains(&format!("-{}/", kind.symbol)),
                        "{}: {so}",
                        t.file
                    );
                }
            }
        }
    }

    #[test]
    fn a_kinds_symbol_is_found_by_its_key() {
        assert_eq!(symbol("ke_hoach"), "KH");
        assert_eq!(symbol("bao_cao_tong_hop"), "BC");
        assert_eq!(symbol("tong_hop"), "");
        assert_eq!(symbol("khong_co"), "");
    }

    #[test]
    fn every_template_has_an_example() {
        for t in template_files() {
            assert!(!(t.examples)().is_empty(), "{}", t.file);
        }
    }
}
