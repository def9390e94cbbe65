//! The `Biểu dương` sheet → [`Commendation`]s.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::schema::Col;
use crate::t;
use crate::text::fold;
use crate::workbook::Table;

use super::build::{Ctx, Row};
use super::people::{Lookup, NameIndex, rows_of, rows_of_en};
use super::{Commendation, Person, Source, Target};

/// Parses `Đối tượng`: `Đảng viên`/`ĐV`, `Quần chúng`/`QC`, folded.
#[must_use]
pub fn parse_target(s: &str) -> Option<Target> {
    match fold(s).as_str() {
        "dang vien" | "dv" | "dvct" | "dvdb" | "dang vien chinh thuc" | "dang vien du bi" => {
            Some(Target::DangVien)
        }
        "quan chung" | "qc" => Some(Target::QuanChung),
        _ => None,
    }
}

/// The list of members a commendation's name is looked up in.
pub(super) struct Roll<'a> {
    pub(super) people: &'a [Person],
    pub(super) names: &'a NameIndex,
}

/// Every row of the sheet with a name; `as_of` decides whether a person is a member when the
/// row has no date.
pub(super) fn build(
    ctx: &mut Ctx<'_>,
    table: &Table,
    roll: &Roll<'_>,
    as_of: NaiveDate,
) -> Vec<Commendation> {
    let mut out = Vec::new();
    for raw in &table.rows {
        let row = Row::new(table, raw);
        let Some(name) = ctx.text(row, Col::FullName) else {
            if row.has_data() {
                ctx.diags.push(Diagnostic::error(
                    "person.no_name",
                    row.loc(ctx.file, Col::FullName),
                    t!("dòng có dữ liệu nhưng thiếu họ và tên: bỏ qua dòng này" ;
                       "the row has data but no name: the row is skipped"),
                ));
            }
            continue;
        };
        let date = ctx.date(row, Col::Date);
        let person = linked_person(ctx, row, roll, &name);
        let target = match (
            declared_target(ctx, row),
            person.and_then(|i| roll.people.get(i)),
        ) {
            (Some(t), _) => t,
            (None, Some(p)) => {
                if p.standing_on(date.unwrap_or(as_of)).is_member_on_rolls() {
                    Target::DangVien
                } else {
                    Target::QuanChung
                }
            }
            (None, None) => Target::QuanChung,
        };
        out.push(Commendation {
            date,
            name,
            person,
            target,
            content: ctx.long_text(row, Col::Content),
            form: ctx.text(row, Col::Form),
            source: Source {
                sheet: table.sheet.clone(),
                row: row.row(),
            },
        });
    }
    out
}

/// The member of that name, if exactly one; a name several members share is reported and
/// linked to nobody.
fn linked_person(ctx: &mut Ctx<'_>, row: Row<'_>, roll: &Roll<'_>, name: &str) -> Option<usize> {
    let people = roll.people;
    match roll.names.find(people, name) {
        Ok(i) => Some(i),
        Err(Lookup::Unknown) => None,
        Err(Lookup::Ambiguous(idx)) => {
            ctx.diags.push(
                Diagnostic::warning(
                    "person.ambiguous",
                    row.loc(ctx.file, Col::FullName),
                    t!("«{name}»: có {} người trùng tên trong danh sách đảng viên ({}); không gắn với ai", idx.len(), rows_of(people, &idx) ;
                       "«{name}»: {} people share this name on the list of members ({}); linked to nobody", idx.len(), rows_of_en(people, &idx)),
                )
                .with_hint(t!("ghi thêm năm sinh sau tên để phân biệt, ví dụ «{name} (1980)»" ;
                              "add the birth year after the name to tell them apart, e.g. «{name} (1980)»")),
            );
            None
        }
    }
}

/// The `Đối tượng` column, if filled; an unknown value is reported.
fn declared_target(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<Target> {
    let (column, cell) = row.cell(Col::Target)?;
    let t = parse_target(&cell.value.display());
    if t.is_none() {
        ctx.diags.push(
            Diagnostic::error(
                "target.unknown",
                row.loc_at(ctx.file, column),
                t!("đối tượng không rõ" ; "unknown target"),
            )
            .with_value(cell.value.display())
            .with_hint(t!("ghi «Đảng viên» hoặc «Quần chúng»; để trống thì tính theo danh sách đảng viên" ;
                          "write «Đảng viên» or «Quần chúng»; leave it empty to take it from the list of members")),
        );
    }
    t
}
