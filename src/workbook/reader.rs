//! calamine → [`RawWorkbook`](super::RawWorkbook): options, limits, and the per-file driver.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::{Config, LimitsConfig, MIB};
use crate::diagnostic::{Diagnostic, Location};
use crate::schema::{Col, SheetKind};
use crate::t;
use crate::text::{fold, fold_compact};

use super::matcher::{HeaderMatcher, SheetMatch, sheet_kind};
use super::{RawWorkbook, ReadOutcome};

/// Limits that keep a hostile or broken file from exhausting memory.
///
/// The defaults (those of `[gioi_han]` in `chibo.toml`, [`LimitsConfig`]) are far above any
/// Party cell's workbook (tens to hundreds of rows). A file over a limit is reported with the
/// limit's value, and the hint names the `[gioi_han]` key that raises it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Rows with data a sheet may have (for `.ods`: the rows its data spans).
    pub max_rows: u32,
    /// Columns with data a sheet may have (for `.ods`: the columns its data spans).
    pub max_cols: u32,
    /// Non-empty cells a sheet may have (for `.ods`: the cells of the rectangle its data spans,
    /// which calamine allocates).
    pub max_cells: usize,
    /// Total uncompressed bytes of an `.xlsx`/`.ods` package, as its zip directory declares.
    pub max_unzipped_bytes: u64,
    /// Entries in an `.xlsx`/`.ods` package.
    pub max_zip_entries: usize,
}

impl Limits {
    /// The limits of `[gioi_han]`.
    #[must_use]
    pub fn from_config(c: &LimitsConfig) -> Self {
        Self {
            max_rows: c.so_dong,
            max_cols: c.so_cot,
            max_cells: usize::try_from(c.so_o).unwrap_or(usize::MAX),
            max_unzipped_bytes: c.giai_nen_mb.saturating_mul(MIB),
            max_zip_entries: usize::try_from(c.so_thanh_phan_nen).unwrap_or(usize::MAX),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::from_config(&LimitsConfig::default())
    }
}

/// What the reader needs besides the file.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Extra sheet names per kind, folded without spaces.
    pub sheet_aliases: BTreeMap<SheetKind, Vec<String>>,
    /// Extra header names per column, folded.
    pub column_aliases: BTreeMap<Col, Vec<String>>,
    /// The titles of the configured scoring scheme's groups, in order.
    pub group_titles: Vec<String>,
    pub limits: Limits,
}

/// `[bi_danh.trang_tinh]` keys.
const SHEET_KEYS: [(&str, SheetKind); 6] = [
    ("thong_tin", SheetKind::Info),
    ("dang_vien", SheetKind::Members),
    ("sinh_hoat", SheetKind::Meetings),
    ("diem_danh", SheetKind::Attendance),
    ("cham_diem", SheetKind::Scores),
    ("bieu_duong", SheetKind::Commendations),
];

/// The columns a `[bi_danh.cot]` key names: every field whose canonical header, folded with
/// `_`, is the key (`tinh_trang` is both the meeting status and the attendance mark).
fn columns_for_key(key: &str) -> Vec<Col> {
    let mut out = Vec::new();
    for kind in SheetKind::ALL {
        for f in kind.fields() {
            if fold(f.header).replace(' ', "_") == key && !out.contains(&f.col) {
                out.push(f.col);
            }
        }
    }
    out
}

impl ReadOptions {
    /// The options a committee's config implies.
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        let mut sheet_aliases: BTreeMap<SheetKind, Vec<String>> = BTreeMap::new();
        for (key, names) in &config.bi_danh.trang_tinh {
            if let Some((_, kind)) = SHEET_KEYS.iter().find(|(k, _)| k == key) {
                let list = sheet_aliases.entry(*kind).or_default();
                for n in names
                    .iter()
                    .map(|n| fold_compact(n))
                    .filter(|n| !n.is_empty())
                {
                    if !list.contains(&n) {
                        list.push(n);
                    }
                }
            }
        }
        // Deduplicated through a set: a list checked with `contains` was quadratic in the
        // number of aliases (100,000 of them took minutes).
        let mut column_sets: BTreeMap<Col, BTreeSet<String>> = BTreeMap::new();
        for (key, names) in &config.bi_danh.cot {
            let folded: Vec<String> = names
                .iter()
                .map(|n| fold(n))
                .filter(|n| !n.is_empty())
                .collect();
            for col in columns_for_key(key) {
                column_sets
                    .entry(col)
                    .or_default()
                    .extend(folded.iter().cloned());
            }
        }
        let column_aliases: BTreeMap<Col, Vec<String>> = column_sets
            .into_iter()
            .map(|(col, set)| (col, set.into_iter().collect()))
            .collect();
        Self {
            sheet_aliases,
            column_aliases,
            group_titles: config.scheme().groups.into_iter().map(|g| g.ten).collect(),
            limits: Limits::from_config(&config.gioi_han),
        }
    }
}

/// More names in `[bi_danh]` than `so_bi_danh` allows: every header of every workbook is looked
/// up among them. Located at the longest list. Checked when a committee folder is opened.
#[must_use]
pub fn too_many_aliases(config: &Config) -> Option<Diagnostic> {
    let lists = config
        .bi_danh
        .trang_tinh
        .iter()
        .map(|(k, v)| (format!("bi_danh.trang_tinh.{k}"), v.len()))
        .chain(
            config
                .bi_danh
                .cot
                .iter()
                .map(|(k, v)| (format!("bi_danh.cot.{k}"), v.len())),
        );
    let mut total = 0u64;
    let mut longest: Option<(String, usize)> = None;
    for (key, n) in lists {
        total = total.saturating_add(n as u64);
        if longest.as_ref().is_none_or(|(_, m)| n > *m) {
            longest = Some((key, n));
        }
    }
    let limit = config.gioi_han.so_bi_danh;
    if total <= limit {
        return None;
    }
    let (key, _) = longest?;
    let raise = crate::config::raise_limit("so_bi_danh");
    Some(
        Diagnostic::error(
            "config.too_many_aliases",
            Location::file("chibo.toml").column(key),
            t!("[bi_danh] có {total} bí danh, vượt giới hạn {limit}" ;
               "[bi_danh] holds {total} aliases, above the limit of {limit}"),
        )
        .with_hint(t!("chỉ giữ những tên thật sự dùng trong sổ của các chi bộ; nếu cần nhiều như vậy, {}", raise.vi ;
                      "keep only the names the cells' workbooks really use; if that many are needed, {}", raise.en)),
    )
}

/// Keys of `[bi_danh.trang_tinh]` and `[bi_danh.cot]` that name no sheet or column.
#[must_use]
pub fn alias_problems(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(too_many_aliases(config));
    let sheet_keys: Vec<&str> = SHEET_KEYS.iter().map(|(k, _)| *k).collect();
    for key in config.bi_danh.trang_tinh.keys() {
        if !sheet_keys.contains(&key.as_str()) {
            let list = sheet_keys.join(", ");
            out.push(
                Diagnostic::error(
                    "config.unknown_key",
                    Location::file("chibo.toml").column(format!("bi_danh.trang_tinh.{key}")),
                    t!("[bi_danh.trang_tinh] không có trang tính `{key}`" ;
                       "[bi_danh.trang_tinh] has no sheet `{key}`"),
                )
                .with_value(key.clone())
                .with_hint(t!("dùng một trong: {list}" ; "use one of: {list}")),
            );
        }
    }
    for key in config.bi_danh.cot.keys() {
        if columns_for_key(key).is_empty() {
            out.push(
                Diagnostic::error(
                    "config.unknown_key",
                    Location::file("chibo.toml").column(format!("bi_danh.cot.{key}")),
                    t!("[bi_danh.cot] không có cột `{key}`" ; "[bi_danh.cot] has no column `{key}`"),
                )
                .with_value(key.clone())
                .with_hint(t!("khóa là tên cột chuẩn viết không dấu, nối bằng `_`, ví dụ ho_va_ten, ngay_vao_dang, so_the_dang_vien" ;
                              "a key is the canonical header without diacritics, joined by `_`, e.g. ho_va_ten, ngay_vao_dang, so_the_dang_vien")),
            );
        }
    }
    out
}

/// Reads one workbook. `display` is the path shown in messages. Never panics; every problem
/// is a diagnostic in the outcome.
#[must_use]
pub fn read_workbook(path: &Path, display: &str, options: &ReadOptions) -> ReadOutcome {
    // calamine is third-party code fed with whatever a cell sent: should it ever panic on a
    // malformed file, that file is reported as unreadable and the run goes on with the others.
    crate::diagnostic::panics::in_file(display, || read_workbook_inner(path, display, options))
        .unwrap_or_else(|why| ReadOutcome {
            workbook: None,
            diagnostics: vec![
                Diagnostic::error(
                    "file.corrupt",
                    Location::file(display),
                    t!("tệp bị hỏng, không đọc được (thư viện đọc bảng tính gặp lỗi nội bộ)" ;
                       "the file is damaged and cannot be read (the spreadsheet library failed internally)"),
                )
                .with_value(why)
                .with_hint(t!("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx" ;
                              "open the file in Excel or LibreOffice and save it again as .xlsx")),
            ],
        })
}

fn read_workbook_inner(path: &Path, display: &str, options: &ReadOptions) -> ReadOutcome {
    let mut diags = Vec::new();
    let mut book = match super::open::open(path, display, &options.limits) {
        Ok(b) => b,
        Err(d) => {
            return ReadOutcome {
                workbook: None,
                diagnostics: vec![d],
            };
        }
    };
    let names = book.sheet_names();
    let mut candidates: BTreeMap<SheetKind, Vec<(SheetMatch, usize)>> = BTreeMap::new();
    let mut ignored = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match sheet_kind(name, options) {
            Some((kind, m)) => candidates.entry(kind).or_default().push((m, i)),
            None => ignored.push(i),
        }
    }
    let mut chosen: BTreeMap<SheetKind, usize> = BTreeMap::new();
    for (kind, list) in &candidates {
        // Exact names first, then workbook order.
        let mut sorted = list.clone();
        sorted.sort_by_key(|(m, i)| (*m != SheetMatch::Exact, *i));
        let Some(&(_, use_i)) = sorted.first() else {
            continue;
        };
        chosen.insert(*kind, use_i);
        for &(_, other) in sorted.iter().skip(1) {
            ignored.push(other);
            let (used, skipped) = (
                names.get(use_i).cloned().unwrap_or_default(),
                names.get(other).cloned().unwrap_or_default(),
            );
            diags.push(Diagnostic::warning(
                "sheet.duplicate",
                Location::file(display).sheet(skipped.clone()),
                t!("có hai trang tính «{}»: dùng '{used}', bỏ qua '{skipped}'", kind.name() ;
                   "two «{}» sheets: '{used}' is used, '{skipped}' is ignored", kind.name()),
            ));
        }
    }
    for kind in SheetKind::ALL.into_iter().filter(|k| k.required()) {
        if !chosen.contains_key(&kind) {
            let found = names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ");
            diags.push(
                Diagnostic::error(
                    "sheet.missing",
                    Location::file(display),
                    t!("không có trang tính «{}»; các trang tính trong tệp: {found}", kind.name() ;
                       "no «{}» sheet; the sheets in the file: {found}", kind.name()),
                )
                .with_hint(t!("đặt tên trang tính là «{}», hoặc thêm bí danh trong chibo.toml (mục [bi_danh.trang_tinh])", kind.name() ;
                              "name the sheet «{}», or add an alias in chibo.toml ([bi_danh.trang_tinh])", kind.name())),
            );
        }
    }
    let mut info = None;
    let mut tables = Vec::new();
    let mut text_bytes = 0;
    for kind in SheetKind::ALL {
        let Some(name) = chosen.get(&kind).and_then(|&i| names.get(i)) else {
            continue;
        };
        let grid = match book.load(name, display, &options.limits, &mut text_bytes) {
            Ok(g) => g,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        warn_sanitized(&grid, display, name, &mut diags);
        if kind == SheetKind::Info {
            info = Some(super::info::read_info(&grid, name, display, &mut diags));
            super::table::warn_uncached(&grid, None, display, name, &[], &mut diags);
        } else {
            let matcher = HeaderMatcher::new(kind, options);
            if let Some(t) =
                super::table::read_table(&grid, name, kind, &matcher, display, &mut diags)
            {
                tables.push(t);
            }
        }
    }
    ignored.sort_unstable();
    ReadOutcome {
        workbook: Some(RawWorkbook {
            path: path.to_path_buf(),
            display: display.to_string(),
            info,
            tables,
            ignored_sheets: ignored
                .into_iter()
                .filter_map(|i| names.get(i).cloned())
                .collect(),
        }),
        diagnostics: diags,
    }
}

/// One warning per cell whose text was changed as it was read.
fn warn_sanitized(
    grid: &super::grid::Grid,
    display: &str,
    sheet: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for &(row, col, what) in &grid.sanitized {
        let loc = || Location::file(display).sheet(sheet).cell(row, col);
        if what.removed > 0 {
            diags.push(
                Diagnostic::warning(
                    "cell.forbidden_chars",
                    loc(),
                    t!("đã bỏ {} ký tự điều khiển hoặc ký tự không hợp lệ khỏi ô (Word và Excel không nhận các ký tự này)", what.removed ;
                       "{} control or invalid characters were removed from the cell (Word and Excel refuse them)", what.removed),
                )
                .with_hint(t!("xem lại nội dung ô: có thể được dán từ phần mềm khác" ;
                              "check the cell's text: it may have been pasted from another program")),
            );
        }
        if let Some(len) = what.cut_from {
            let limit = crate::text::CELL_TEXT_LIMIT;
            diags.push(
                Diagnostic::warning(
                    "cell.text_cut",
                    loc(),
                    t!("chữ trong ô dài {len} ký tự, quá giới hạn {limit} ký tự của một ô Excel: chỉ giữ {limit} ký tự đầu" ;
                       "the cell's text is {len} characters long, over Excel's limit of {limit} characters a cell: only the first {limit} are kept"),
                )
                .with_hint(t!("rút gọn nội dung ô" ; "shorten the cell's text")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_gioi_han() {
        assert_eq!(
            ReadOptions::from_config(&Config::default()).limits,
            Limits {
                max_rows: 100_000,
                max_cols: 1_000,
                max_cells: 2_000_000,
                max_unzipped_bytes: 512 * 1024 * 1024,
                max_zip_entries: 10_000,
            }
        );
        let config = Config::parse(
            "[gioi_han]\nso_dong = 7\nso_cot = 8\nso_o = 9\nso_thanh_phan_nen = 10\ngiai_nen_mb = 11\n",
            "chibo.toml",
        )
        .unwrap_or_default();
        assert_eq!(
            ReadOptions::from_config(&config).limits,
            Limits {
                max_rows: 7,
                max_cols: 8,
                max_cells: 9,
                max_unzipped_bytes: 11 * 1024 * 1024,
                max_zip_entries: 10,
            }
        );
    }
}
