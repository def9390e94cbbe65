//! The `Thông tin` sheet: label in the first non-empty cell of a row, value in the next
//! non-empty cell to its right, or `Label: value` in one cell.

use super::grid::Grid;
use super::matcher::info_label;
use super::{InfoEntry, InfoSheet, RawCell, Value};
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

pub(crate) fn read_info(
    grid: &Grid,
    sheet: &str,
    display: &str,
    diags: &mut Vec<Diagnostic>,
) -> InfoSheet {
    let mut entries: Vec<InfoEntry> = Vec::new();
    for row in &grid.rows {
        let Some(first) = row.cells.first() else {
            continue;
        };
        let Value::Text(text) = &first.value else {
            continue;
        };
        // `Tên chi bộ: Chi bộ 2` in one cell.
        let (label_text, inline) = match text.split_once(':') {
            Some((l, v)) if !v.trim().is_empty() && info_label(l).is_some() => {
                (l.trim().to_string(), Some(v.trim().to_string()))
            }
            _ => (text.trim_end_matches([':', ' ']).to_string(), None),
        };
        let Some(label) = info_label(&label_text) else {
            continue;
        };
        let value = match inline {
            Some(v) => Some(RawCell {
                row: first.row,
                col: first.col,
                value: Value::Text(v),
            }),
            None => row.cells.get(1).cloned(),
        };
        // A formula error is reported and read as no value (never a cell's name).
        let value = match value {
            Some(c) if matches!(c.value, Value::Error(_)) => {
                if let Value::Error(e) = &c.value {
                    diags.push(super::table::formula_error(display, sheet, &c, e, None));
                }
                None
            }
            v => v,
        };
        if let Some(prev) = entries.iter().find(|e| e.label == label) {
            let shown = |v: &Option<RawCell>| v.as_ref().map(|c| c.value.display());
            if shown(&prev.value) != shown(&value) {
                diags.push(
                    Diagnostic::warning(
                        "info.duplicate_label",
                        Location::file(display).sheet(sheet).cell(first.row, first.col),
                        t!("mục «{label_text}» có hai lần; dùng dòng {} đầu tiên", prev.row + 1 ;
                           "«{label_text}» is given twice; the first one (row {}) is used", prev.row + 1),
                    )
                    .with_value(shown(&value).unwrap_or_default()),
                );
            }
            continue;
        }
        entries.push(InfoEntry {
            label,
            label_text,
            value,
            row: first.row,
        });
    }
    InfoSheet {
        sheet: sheet.to_string(),
        entries,
    }
}
