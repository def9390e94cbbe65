//! A table sheet: find the header (scored against the known headers, title rows above it
//! skipped, headers merged over two or three rows flattened to `Parent / Child`), then keep the
//! data rows (column-number, group, total and blank rows dropped, stop at the signature footer).

use std::collections::BTreeSet;

use super::grid::Grid;
use super::matcher::{HeaderMatcher, date_value, header_date, roman};
use super::{AttendanceShape, Column, RawCell, RawRow, Table, Value};
use crate::diagnostic::{Diagnostic, Location, column_letters};
use crate::schema::{Col, SheetKind};
use crate::t;
use crate::text::fold;

/// How many non-empty rows from the top may hold the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Reads a table sheet. `None` when no header row was found (with an error diagnostic) or
/// the sheet is empty.
pub(crate) fn read_table(
    grid: &Grid,
    sheet: &str,
    kind: SheetKind,
    matcher: &HeaderMatcher<'_>,
    display: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let loc = || Location::file(display).sheet(sheet);
    if grid.rows.is_empty() {
        if kind.required() {
            diags.push(
                Diagnostic::error(
                    "sheet.empty",
                    loc(),
                    t!("trang tính «{}» trống", kind.name() ; "the «{}» sheet is empty", kind.name()),
                )
                .with_hint(expected_hint(kind)),
            );
        }
        return None;
    }
    let Some(best) = best_header_row(grid, matcher) else {
        diags.push(
            Diagnostic::error(
                "sheet.no_header",
                loc(),
                t!("không tìm thấy dòng tiêu đề của bảng trong {} dòng đầu", HEADER_SEARCH_ROWS ;
                   "no header row found in the first {} rows", HEADER_SEARCH_ROWS),
            )
            .with_hint(expected_hint(kind)),
        );
        return None;
    };
    let (top, bottom) = header_band(grid, best, matcher);
    let mut columns = flatten(grid, top, bottom, matcher);
    assign_fields(&mut columns, matcher, bottom, display, sheet, diags);

    let shape = (kind == SheetKind::Attendance).then(|| attendance_shape(&columns));
    if shape != Some(AttendanceShape::Matrix) {
        for c in &mut columns {
            c.date = None;
        }
    }
    check_required(&columns, kind, shape, bottom, display, sheet, diags);

    let required_cols: Vec<u32> = required_columns(&columns, kind)
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let header_texts: Vec<(u32, String)> = grid
        .row(bottom)
        .iter()
        .filter_map(|c| match &c.value {
            Value::Text(s) => Some((c.col, fold(s))),
            _ => None,
        })
        .collect();
    let first_cols: Vec<u32> = columns.iter().take(2).map(|c| c.col).collect();
    let mut rows = Vec::new();
    let mut first = true;
    for grow in grid.rows.iter().filter(|r| r.row > bottom) {
        let cells = &grow.cells;
        if first {
            first = false;
            if is_column_number_row(cells) {
                continue;
            }
        }
        if is_footer_row(cells, &required_cols) {
            break;
        }
        if is_total_row(cells)
            || is_group_row(cells, &required_cols, &first_cols)
            || is_repeated_header(cells, &header_texts)
        {
            continue;
        }
        // A formula that evaluated to an error (`#REF!`, `#DIV/0!`) is reported once, at its
        // cell, and read as empty: its text must never become a name or reach a document.
        let mut kept = Vec::with_capacity(cells.len());
        for c in cells {
            match &c.value {
                Value::Error(e) => {
                    if let Some(column) = columns.iter().find(|k| k.col == c.col) {
                        diags.push(formula_error(display, sheet, c, e, Some(column)));
                    }
                }
                _ => kept.push(c.clone()),
            }
        }
        if kept.is_empty() {
            continue;
        }
        rows.push(RawRow {
            row: grow.row,
            cells: kept,
        });
    }
    warn_uncached(grid, Some(bottom), display, sheet, &columns, diags);
    Some(Table {
        sheet: sheet.to_string(),
        kind,
        header_row: bottom,
        columns,
        rows,
        shape,
    })
}

fn expected_hint(kind: SheetKind) -> crate::diagnostic::Text {
    let names: Vec<&str> = kind
        .fields()
        .iter()
        .filter(|f| f.col != Col::Stt)
        .map(|f| f.header)
        .collect();
    let list = names.join(", ");
    t!("bảng cần một dòng tiêu đề với các cột như: {list}" ;
       "the table needs a header row with columns such as: {list}")
}

/// The known columns a text cell of row `cells` names.
fn row_score(cells: &[RawCell], matcher: &HeaderMatcher<'_>) -> usize {
    let mut fields = BTreeSet::new();
    let mut dates = 0;
    for c in cells {
        match &c.value {
            Value::Text(s) => {
                if let Some(f) = matcher.field(s) {
                    fields.insert(f);
                } else if matcher.kind() == SheetKind::Attendance && header_date(&c.value).is_some()
                {
                    dates += 1;
                }
            }
            v if matcher.kind() == SheetKind::Attendance && header_date(v).is_some() => {
                dates += 1;
            }
            _ => {}
        }
    }
    if fields.is_empty() {
        return 0;
    }
    fields.len() + usize::from(dates >= 2)
}

/// The first of the best-scoring rows among the first non-empty rows.
fn best_header_row(grid: &Grid, matcher: &HeaderMatcher<'_>) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    for r in grid.rows.iter().take(HEADER_SEARCH_ROWS) {
        if is_column_number_row(&r.cells) {
            continue;
        }
        let score = row_score(&r.cells, matcher);
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, r.row));
        }
    }
    best.map(|(_, r)| r)
}

/// Extends the best row up to a parent row and down to child rows: at most three rows.
fn header_band(grid: &Grid, best: u32, matcher: &HeaderMatcher<'_>) -> (u32, u32) {
    let (mut top, mut bottom) = (best, best);
    while bottom - top < 2 && top > 0 && is_parent_row(grid, top - 1, top, matcher) {
        top -= 1;
    }
    while bottom - top < 2 && is_child_row(grid, bottom.saturating_add(1), top, bottom, matcher) {
        bottom += 1;
    }
    (top, bottom)
}

fn all_text(cells: &[RawCell]) -> bool {
    cells.iter().all(|c| matches!(c.value, Value::Text(_)))
}

/// Row `r`, just above the header row `below`, is a parent row of a merged header.
fn is_parent_row(grid: &Grid, r: u32, below: u32, matcher: &HeaderMatcher<'_>) -> bool {
    let cells = grid.row(r);
    if cells.is_empty() || !all_text(cells) || is_column_number_row(cells) {
        return false;
    }
    if let Some(merges) = grid.merges.as_ref().filter(|m| !m.is_empty()) {
        // A header cell merged down into the header row.
        return merges
            .iter()
            .any(|d| d.start.0 == r && d.end.0 >= below && grid.get(r, d.start.1).is_some());
    }
    // No merge information (ods): the parent row has header cells over empty cells (merged
    // down) and empty cells over the children.
    let below_cells = grid.row(below);
    cells.len() >= 2
        && cells.iter().any(|c| grid.get(below, c.col).is_none())
        && below_cells.iter().any(|c| grid.get(r, c.col).is_none())
        && cells.iter().any(|c| match &c.value {
            Value::Text(s) => matcher.field(s).is_some(),
            _ => false,
        })
}

/// Row `r`, just below the header band `top..=bottom`, continues the header (the children of a
/// merged parent).
fn is_child_row(grid: &Grid, r: u32, top: u32, bottom: u32, matcher: &HeaderMatcher<'_>) -> bool {
    let cells = grid.row(r);
    if cells.is_empty() || is_column_number_row(cells) {
        return false;
    }
    let header_like = cells.iter().all(|c| match &c.value {
        Value::Text(s) => !is_footer_text(s) && !is_total_text(s),
        Value::DateTime(_) => matcher.kind() == SheetKind::Attendance,
        _ => false,
    });
    if !header_like {
        return false;
    }
    let in_band = |row: u32| (top..=bottom).contains(&row);
    if let Some(merges) = grid.merges.as_ref().filter(|m| !m.is_empty()) {
        // Each cell of the row sits under a horizontally merged parent of the band (or in a
        // column the band leaves empty), and at least one sits under such a parent.
        let horizontal = |col: u32| {
            merges.iter().any(|d| {
                in_band(d.start.0)
                    && d.end.0 < r
                    && d.start.1 <= col
                    && col <= d.end.1
                    && d.end.1 > d.start.1
            })
        };
        let vertical_into_row = merges
            .iter()
            .any(|d| in_band(d.start.0) && d.end.0 >= r && d.start.1 != u32::MAX);
        let under_parent = cells.iter().filter(|c| horizontal(c.col)).count();
        let all_allowed = cells.iter().all(|c| {
            horizontal(c.col)
                || ((top..=bottom).all(|row| grid.get(row, c.col).is_none())
                    && grid.merge_at(bottom, c.col).is_none())
        });
        return all_allowed && (under_parent > 0 || vertical_into_row);
    }
    // No merge information: the row's cells sit where the band's last row is empty (children
    // right of a parent), a cell in a required column must itself be a known header, and some
    // header column of the band has nothing in this row (a header merged down).
    let required: Vec<u32> = (top..=bottom)
        .flat_map(|row| grid.row(row).iter())
        .filter(|c| match &c.value {
            Value::Text(s) => matcher
                .field(s)
                .is_some_and(|f| matcher.fields().iter().any(|x| x.col == f && x.required)),
            _ => false,
        })
        .map(|c| c.col)
        .collect();
    let allowed = cells.iter().all(|c| {
        let known = match &c.value {
            Value::Text(s) => matcher.field(s).is_some(),
            _ => false,
        };
        // Under nothing, or under a parent whose next column is empty in the band's last row
        // and filled in this one (its second child).
        let under_parent = grid.get(bottom, c.col.saturating_add(1)).is_none()
            && grid.get(r, c.col.saturating_add(1)).is_some();
        (grid.get(bottom, c.col).is_none() || under_parent || top < bottom && known)
            && (!required.contains(&c.col) || known)
    });
    let gap_under_parent = cells.iter().any(|c| {
        grid.get(bottom, c.col).is_none()
            && grid
                .row(bottom)
                .iter()
                .any(|h| h.col < c.col && grid.get(r, h.col).is_some())
    });
    let merged_down = (top..=bottom)
        .flat_map(|row| grid.row(row).iter())
        .any(|h| grid.get(r, h.col).is_none());
    allowed && gap_under_parent && merged_down
}

/// The text a header cell shows, for flattening.
fn header_part(v: &Value) -> String {
    match v {
        Value::Text(s) => s.replace('\n', " "),
        other => other.display(),
    }
}

/// One column per position covered by the band, its parts top to bottom.
fn flatten(grid: &Grid, top: u32, bottom: u32, matcher: &HeaderMatcher<'_>) -> Vec<Column> {
    let mut cols: BTreeSet<u32> = BTreeSet::new();
    for r in top..=bottom {
        for c in grid.row(r) {
            cols.insert(c.col);
            if let Some(d) = grid.merge_at(r, c.col).filter(|d| d.start == (r, c.col)) {
                // Only the top-left cell holds the value; the merge covers the rest.
                cols.extend(d.start.1..=d.end.1.min(d.start.1.saturating_add(200)));
            }
        }
    }
    let no_merges = !grid.has_merges();
    let mut out = Vec::new();
    for col in cols {
        let mut parts: Vec<(String, &Value)> = Vec::new();
        for r in top..=bottom {
            let v = grid.get(r, col).or_else(|| {
                grid.merge_at(r, col)
                    .filter(|d| d.start.0 >= top)
                    .and_then(|d| grid.get(d.start.0, d.start.1))
            });
            let v = v.or_else(|| {
                // ods: a parent cell reaches right over the columns whose next row holds its
                // children, as a merged range would.
                (no_merges && r < bottom && grid.get(r + 1, col).is_some())
                    .then(|| {
                        grid.row(r)
                            .iter()
                            .rev()
                            .find(|c| c.col < col)
                            .filter(|c| {
                                grid.get(r + 1, c.col).is_some()
                                    && (c.col..col).all(|x| x == c.col || grid.get(r, x).is_none())
                            })
                            .map(|c| &c.value)
                    })
                    .flatten()
            });
            if let Some(v) = v {
                let text = header_part(v);
                if parts.last().is_none_or(|(last, _)| *last != text) {
                    parts.push((text, v));
                }
            }
        }
        if parts.is_empty() {
            continue;
        }
        let header = parts
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        let date = if matcher.kind() == SheetKind::Attendance {
            parts
                .iter()
                .rev()
                .find_map(|(_, v)| header_date(v))
                .map(date_value)
        } else {
            None
        };
        out.push(Column {
            col,
            header,
            field: None,
            date,
        });
    }
    out
}

/// Gives each column its field: by the whole header, its child, or its parent; the first column
/// wins when two name the same field.
fn assign_fields(
    columns: &mut [Column],
    matcher: &HeaderMatcher<'_>,
    bottom: u32,
    display: &str,
    sheet: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut taken: Vec<(Col, u32, bool)> = Vec::new();
    for c in columns.iter_mut() {
        let parts: Vec<&str> = c.header.split(" / ").collect();
        let whole = matcher.field(&c.header);
        let child = parts.last().and_then(|p| matcher.field(p));
        let parent = parts.first().and_then(|p| matcher.field(p));
        let (field, exact) = match (whole, child, parent) {
            (Some(f), _, _) | (None, Some(f), _) => (Some(f), true),
            (None, None, Some(f)) => (Some(f), false),
            _ => (None, false),
        };
        let Some(field) = field else { continue };
        if let Some((_, first_col, first_exact)) = taken.iter().find(|(f, _, _)| *f == field) {
            if exact && *first_exact {
                diags.push(
                    Diagnostic::warning(
                        "sheet.duplicate_column",
                        Location::file(display).sheet(sheet).cell(bottom, c.col).column(c.header.clone()),
                        t!("cột «{}» có hai lần; dùng cột {} đầu tiên, bỏ qua cột {}", c.header, column_letters(*first_col), column_letters(c.col) ;
                           "column «{}» appears twice; the first one ({}) is used, column {} is ignored", c.header, column_letters(*first_col), column_letters(c.col)),
                    ),
                );
            }
            continue;
        }
        taken.push((field, c.col, exact));
        c.field = Some(field);
    }
}

fn attendance_shape(columns: &[Column]) -> AttendanceShape {
    let has = |f: Col| columns.iter().any(|c| c.field == Some(f));
    let dates = columns
        .iter()
        .filter(|c| c.field.is_none() && c.date.is_some())
        .count();
    if has(Col::Date) && has(Col::Mark) {
        AttendanceShape::Long
    } else if dates > 0 {
        AttendanceShape::Matrix
    } else {
        AttendanceShape::Long
    }
}

/// The columns whose value makes a row a record.
fn required_columns(columns: &[Column], kind: SheetKind) -> Vec<u32> {
    let mut out: Vec<u32> = columns
        .iter()
        .filter(|c| {
            c.field.is_some_and(|f| {
                kind.fields().iter().any(|x| x.col == f && x.required)
                    || (kind == SheetKind::Members && f == Col::GivenName)
            })
        })
        .map(|c| c.col)
        .collect();
    out.sort_unstable();
    out
}

fn check_required(
    columns: &[Column],
    kind: SheetKind,
    shape: Option<AttendanceShape>,
    header_row: u32,
    display: &str,
    sheet: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let has = |f: Col| columns.iter().any(|c| c.field == Some(f));
    let mut missing: Vec<&str> = kind
        .fields()
        .iter()
        .filter(|f| f.required && !has(f.col))
        .filter(|f| !(kind == SheetKind::Members && f.col == Col::FullName && has(Col::GivenName)))
        .map(|f| f.header)
        .collect();
    if shape == Some(AttendanceShape::Long) {
        if !has(Col::Date) {
            missing.push("Ngày");
        }
        if !has(Col::Mark) {
            missing.push("Tình trạng");
        }
    }
    let found = columns
        .iter()
        .map(|c| format!("«{}»", c.header))
        .collect::<Vec<_>>()
        .join(", ");
    for m in missing {
        diags.push(
            Diagnostic::error(
                "sheet.missing_column",
                Location::file(display).sheet(sheet).row(header_row),
                t!("bảng thiếu cột «{m}»; các cột tìm thấy: {found}" ;
                   "the table has no «{m}» column; columns found: {found}"),
            )
            .with_hint(t!("đặt tiêu đề cột là «{m}», hoặc thêm bí danh trong chibo.toml (mục [bi_danh.cot])" ;
                          "name the column «{m}», or add an alias in chibo.toml ([bi_danh.cot])")),
        );
    }
}

/// `1 2 3 …`, `(1) (2) (3)`, `A B C`: at least two cells, increasing.
pub(crate) fn is_column_number_row(cells: &[RawCell]) -> bool {
    if cells.len() < 2 {
        return false;
    }
    let mut last = 0usize;
    for c in cells {
        let n = match &c.value {
            Value::Number(n) if n.fract() == 0.0 && (1.0..=500.0).contains(n) =>
            {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "range checked"
                )]
                Some(*n as usize)
            }
            Value::Text(s) => {
                let t = s
                    .trim()
                    .trim_start_matches(['(', '['])
                    .trim_end_matches([')', ']'])
                    .trim();
                if t.len() <= 3 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
                    t.parse().ok()
                } else if t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()) {
                    t.chars().next().map(|c| (c as usize) - ('A' as usize) + 1)
                } else {
                    None
                }
            }
            _ => None,
        };
        match n {
            Some(n) if n > last => last = n,
            _ => return false,
        }
    }
    true
}

fn first_text(cells: &[RawCell]) -> Option<&str> {
    match cells.first().map(|c| &c.value) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    }
}

fn is_total_text(s: &str) -> bool {
    let f = fold(s);
    matches!(
        f.as_str(),
        "tong cong" | "cong" | "tong so" | "tong" | "trong do" | "cong so"
    ) || ["tong cong ", "tong so ", "trong do "]
        .iter()
        .any(|p| f.starts_with(p))
        || f.strip_prefix("cong ")
            .or_else(|| f.strip_prefix("tong "))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// `Tổng cộng`, `Cộng`, `Tổng số`, `Tổng`, `Trong đó: …` as the row's first cell.
fn is_total_row(cells: &[RawCell]) -> bool {
    first_text(cells).is_some_and(is_total_text)
}

/// A group label: `I. Tổ đảng 1`, `A`, `II`, `B - Quần chúng`, `Tổ đảng 2`.
fn is_group_label(s: &str) -> bool {
    let t = s.trim();
    let head: String = t.chars().take_while(char::is_ascii_alphabetic).collect();
    let rest = t.get(head.len()..).unwrap_or_default().trim_start();
    let labelled = !head.is_empty()
        && head.chars().all(|c| c.is_ascii_uppercase())
        && (roman(&head).is_some() || head.len() == 1)
        && (rest.is_empty() || rest.starts_with(['.', ')', '-', ':', '/']));
    let f = fold(t);
    labelled
        || f.starts_with("to dang")
        || (f.starts_with("to ") && f[3..].starts_with(|c: char| c.is_ascii_digit()))
}

fn is_group_row(cells: &[RawCell], required: &[u32], first_cols: &[u32]) -> bool {
    if cells.len() > 2 {
        return false;
    }
    if first_text(cells).is_some_and(is_group_label) {
        return true;
    }
    let left_limit = first_cols.last().copied().unwrap_or(1);
    !required.is_empty()
        && all_text(cells)
        && cells.iter().all(|c| c.col <= left_limit)
        && !cells.iter().any(|c| required.contains(&c.col))
}

/// A row repeating the header (the header printed again on each page).
fn is_repeated_header(cells: &[RawCell], header: &[(u32, String)]) -> bool {
    let same = cells
        .iter()
        .filter(|c| match &c.value {
            Value::Text(s) => header.iter().any(|(col, h)| *col == c.col && *h == fold(s)),
            _ => false,
        })
        .count();
    same >= 2 && same * 2 >= cells.len()
}

/// The place/date line (`Phan Thiết, ngày 20 tháng 12 năm 2024`, `…, ngày … tháng … năm …`)
/// and signature titles.
fn is_footer_text(s: &str) -> bool {
    is_footer_folded(s, &fold(s))
}

/// [`is_footer_text`] given `f = fold(s)`.
fn is_footer_folded(s: &str, f: &str) -> bool {
    let date_line = {
        let (a, b, c) = (f.find("ngay"), f.find("thang"), f.find(" nam"));
        matches!((a, b, c), (Some(a), Some(b), Some(c)) if a < b && b < c)
            && (s.contains(',')
                || s.contains('…')
                || s.contains("..")
                || crate::dates::parse_text_date(s).is_none())
    };
    date_line
        || [
            "nguoi lap bieu",
            "nguoi lap",
            "t m chi bo",
            "tm chi bo",
            "t m chi uy",
            "tm chi uy",
            "t m ban chi uy",
            "thay mat chi bo",
            "xac nhan",
            "noi nhan",
            "ky ten",
        ]
        .iter()
        .any(|k| {
            f.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
}

fn is_signature_folded(f: &str) -> bool {
    matches!(f, "bi thu" | "pho bi thu" | "chi uy vien" | "nguoi lap")
}

/// The footer starts at a row whose cells are all footer text (a signature title alone counts
/// only when nothing else is in the row), or a row of at most three cells with a place/date line
/// or a signature heading and no record value.
fn is_footer_row(cells: &[RawCell], required: &[u32]) -> bool {
    // Every row of every table comes through here: each text is folded once (folding was a
    // tenth of reading a workbook when the checks below each folded it again).
    let marks: Vec<(bool, bool)> = cells
        .iter()
        .map(|c| match &c.value {
            Value::Text(s) => {
                let f = fold(s);
                (is_footer_folded(s, &f), is_signature_folded(&f))
            }
            _ => (false, false),
        })
        .collect();
    let footer = |i: usize| marks.get(i).is_some_and(|m| m.0);
    let signature = |i: usize| marks.get(i).is_some_and(|m| m.1);
    let idx = 0..cells.len();
    if idx.clone().any(footer) && idx.clone().all(|i| footer(i) || signature(i)) {
        return true;
    }
    if idx.clone().all(signature)
        && !cells
            .iter()
            .any(|c| required.contains(&c.col) && cells.len() > 1)
    {
        return true;
    }
    cells.len() <= 3
        && idx.clone().any(footer)
        && cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !footer(*i))
            .all(|(_, c)| !required.contains(&c.col))
}

/// Formula cells without a cached value inside the table: a warning each.
/// The error for a cell whose formula evaluated to an error value.
pub(crate) fn formula_error(
    display: &str,
    sheet: &str,
    cell: &RawCell,
    error: &str,
    column: Option<&Column>,
) -> Diagnostic {
    let mut loc = Location::file(display)
        .sheet(sheet)
        .cell(cell.row, cell.col);
    if let Some(c) = column {
        loc = loc.column(c.header.clone());
    }
    Diagnostic::error(
        "cell.formula_error",
        loc,
        t!("công thức trong ô cho kết quả lỗi `{error}`" ; "the cell's formula gives the error `{error}`"),
    )
    .with_value(error.to_string())
    .with_hint(t!("sửa công thức (ô nó tham chiếu có thể đã bị xóa), hoặc thay bằng giá trị" ;
                  "fix the formula (a cell it refers to may have been deleted), or type the value instead"))
}

pub(crate) fn warn_uncached(
    grid: &Grid,
    header_row: Option<u32>,
    display: &str,
    sheet: &str,
    columns: &[Column],
    diags: &mut Vec<Diagnostic>,
) {
    for &(row, col) in grid
        .uncached_formulas
        .iter()
        .filter(|(r, _)| header_row.is_none_or(|h| *r > h))
    {
        let mut loc = Location::file(display).sheet(sheet).cell(row, col);
        if let Some(c) = columns.iter().find(|c| c.col == col) {
            loc = loc.column(c.header.clone());
        }
        diags.push(
            Diagnostic::warning(
                "cell.formula_no_value",
                loc,
                t!("công thức chưa có giá trị" ; "the formula has no computed value"),
            )
            .with_hint(t!("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính" ;
                          "open the file in Excel or LibreOffice and save it again so the formula is computed")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(vals: &[Value]) -> Vec<RawCell> {
        vals.iter()
            .enumerate()
            .map(|(i, v)| RawCell {
                row: 0,
                col: u32::try_from(i).unwrap(),
                value: v.clone(),
            })
            .collect()
    }
    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn column_numbers() {
        assert!(is_column_number_row(&cells(&[
            Value::Number(1.0),
            Value::Number(2.0),
            Value::Number(3.0)
        ])));
        assert!(is_column_number_row(&cells(&[
            t("(1)"),
            t("(2)"),
            t("(3)")
        ])));
        assert!(is_column_number_row(&cells(&[t("A"), t("B"), t("C")])));
        assert!(!is_column_number_row(&cells(&[
            Value::Number(1.0),
            t("Nguyễn Văn A")
        ])));
        assert!(!is_column_number_row(&cells(&[Value::Number(2.0)])));
    }

    #[test]
    fn totals_groups_footers() {
        for s in ["Tổng cộng", "CỘNG", "Tổng số: 25", "Tổng", "Trong đó: nữ 5"] {
            assert!(is_total_text(s), "{s}");
        }
        assert!(!is_total_text("Tổng kết năm"));
        assert!(!is_total_text("Công tác Đảng"));
        for s in [
            "I. Tổ đảng 1",
            "A",
            "II",
            "B - Quần chúng",
            "Tổ đảng 2",
            "IV",
        ] {
            assert!(is_group_label(s), "{s}");
        }
        assert!(!is_group_label("Nguyễn Văn A"));
        assert!(!is_group_label("An"));
        for s in [
            "Phan Thiết, ngày 20 tháng 12 năm 2024",
            "……, ngày … tháng … năm 2024",
            "NGƯỜI LẬP BIỂU",
            "T/M CHI BỘ",
            "Xác nhận của chi ủy",
        ] {
            assert!(is_footer_text(s), "{s}");
        }
        assert!(!is_footer_text("ngày 14 tháng 02 năm 2023"));
        assert!(!is_footer_text("Bí thư"));
    }
}
