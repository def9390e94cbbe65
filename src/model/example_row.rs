//! The blank form's example row never becomes data.
//!
//! `chibo init`'s form (src/xlsx/form.rs) fills one row of each table sheet with an invented
//! person and meeting, grey and italic, with [`EXAMPLE_MARK`] in `Ghi chú`. A clerk who fills
//! the form may forget to delete it; read as data, it would add a member «Nguyễn Văn Mẫu» and a
//! meeting of 15/01/2025 to the cell's reports. So a row carrying the mark is never read:
//! - left as the form wrote it: a warning (`row.example`) naming the row, and the row is left out;
//! - written over (a value differs from the example, or a column the example leaves empty is
//!   filled), the mark still there: an error (`row.example_edited`) and the row is left out,
//!   because chibo cannot know whether it now holds real data (the clerk removes the mark to
//!   keep it, or the row to drop it).

use std::borrow::Cow;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::schema::Col;
use crate::t;
use crate::workbook::{RawRow, RawWorkbook, Table};
use crate::xlsx::form::{self, EXAMPLE_MARK};

use super::build::Ctx;
use super::values;

/// `raw` without the example rows (borrowed when it has none, which is the rule), each one
/// reported.
pub(super) fn without_examples<'a>(
    ctx: &mut Ctx<'_>,
    raw: &'a RawWorkbook,
    config: &Config,
) -> Cow<'a, RawWorkbook> {
    let has_example = raw
        .tables
        .iter()
        .any(|t| t.rows.iter().any(|r| mark_of(r).is_some()));
    if !has_example {
        return Cow::Borrowed(raw);
    }
    let mut owned = raw.clone();
    for table in &mut owned.tables {
        let rows = std::mem::take(&mut table.rows);
        let kept = rows
            .into_iter()
            .filter(|row| !is_reported_example(ctx, table, row, config))
            .collect();
        table.rows = kept;
    }
    Cow::Owned(owned)
}

/// The absolute column of the cell carrying the example mark, if the row has one.
fn mark_of(row: &RawRow) -> Option<u32> {
    row.cells
        .iter()
        .find(|c| values::text_of(&c.value).is_some_and(|s| form::is_example_mark(&s)))
        .map(|c| c.col)
}

/// Whether `row` is an example row; if so, reported (warning or error) at its mark.
fn is_reported_example(ctx: &mut Ctx<'_>, table: &Table, row: &RawRow, config: &Config) -> bool {
    let Some(col) = mark_of(row) else {
        return false;
    };
    let header = table
        .columns
        .iter()
        .find(|c| c.col == col)
        .map(|c| c.header.clone())
        .unwrap_or_default();
    let loc = Location::file(ctx.file)
        .sheet(table.sheet.clone())
        .cell(row.row, col)
        .column(header);
    let line = row.row + 1;
    let diagnostic = match edited_column(table, row, config) {
        None => Diagnostic::warning(
            "row.example",
            loc,
            t!("dòng {line} là dòng ví dụ của sổ mẫu («{EXAMPLE_MARK}»): chibo bỏ qua dòng này" ;
               "row {line} is the blank form's example row («{EXAMPLE_MARK}»): chibo leaves it out"),
        )
        .with_hint(t!("xóa dòng ví dụ khi đã ghi số liệu thật" ; "delete the example row once real data is in")),
        Some(changed) => Diagnostic::error(
            "row.example_edited",
            loc,
            t!("dòng {line} còn ghi «{EXAMPLE_MARK}» nhưng đã được sửa (cột «{changed}»): chibo không biết đây là số liệu thật hay ví dụ nên bỏ qua dòng này" ;
               "row {line} still says «{EXAMPLE_MARK}» but was edited (column «{changed}»): chibo cannot tell real data from the example, so it leaves the row out"),
        )
        .with_value(EXAMPLE_MARK)
        .with_hint(t!("nếu dòng này là số liệu thật, xóa chữ «{EXAMPLE_MARK}»; nếu không, xóa cả dòng" ;
                      "if the row is real data, delete the words «{EXAMPLE_MARK}»; if not, delete the row")),
    };
    ctx.diags.push(diagnostic);
    true
}

/// The header of the first column of `row` that differs from the form's example row, if any.
/// The score groups, total and band are left out: they follow the scheme, which may have
/// changed since the form was made (the sheet's groups are checked on their own).
fn edited_column(table: &Table, row: &RawRow, config: &Config) -> Option<String> {
    let example = form::example_cells(table.kind, config);
    let scheme_bound = |c: Col| matches!(c, Col::Group(_) | Col::Total | Col::Band | Col::Note);
    table.columns.iter().find_map(|column| {
        let field = column.field?;
        if scheme_bound(field) {
            return None;
        }
        let expected = example
            .iter()
            .find(|(c, _)| *c == field)
            .map_or("", |(_, v)| v.as_str());
        let actual = row
            .get(column.col)
            .map(|c| c.value.display())
            .unwrap_or_default();
        (crate::text::fold(actual.trim()) != crate::text::fold(expected))
            .then(|| column.header.clone())
    })
}
