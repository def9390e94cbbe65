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

pub(super) fn build(
    ctx: &mut Ctx<'_>,
    table: &Table,
    people: &[Person],
    names: &NameIndex,
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
        let person = match names.find(people, &name) {
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
        };
        let declared = match row.cell(Col::Target) {
            None => None,
            Some((column, cell)) => {
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
        };
        let target = match (declared, person.and_then(|i| people.get(i))) {
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
