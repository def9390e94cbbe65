//! The `Điểm danh` sheet (matrix or long shape) → [`AttendanceEntry`]s on the meetings.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::config::{Config, ExtraMarks};
use crate::diagnostic::{Diagnostic, Location, Text};
use crate::schema::Col;
use crate::t;
use crate::text::{clean, fold_compact};
use crate::workbook::{AttendanceShape, Column, RawCell, Table, Value};

use super::build::{Ctx, Row};
use super::meetings::on_day;
use super::people::{NameIndex, active_on, lookup_error};
use super::values;
use super::{AttendanceEntry, AttendanceSource, Mark, Meeting, Person, Source};

/// The built-in attendance marks (spec `input-workbook.md`), matched case- and
/// diacritic-insensitively; `chibo.toml` `[diem_danh.ky_hieu]` adds more.
pub const ACCEPTED_MARKS: &[(Mark, &[&str])] = &[
    (Mark::Present, &["x", "✓", "1", "có", "có mặt", "CM"]),
    (
        Mark::Excused,
        &["P", "CP", "có phép", "vắng có lý do", "VCLD", "V/CLD"],
    ),
    (
        Mark::Unexcused,
        &["K", "KP", "không phép", "vắng không lý do", "VKLD", "0"],
    ),
    (Mark::Exempt, &["M", "miễn"]),
];

/// Check marks some sheets use for "present".
const CHECKS: &[char] = &['✓', '✔', '☑', '√'];

fn extras(extra: &ExtraMarks, mark: Mark) -> &[String] {
    match mark {
        Mark::Present => &extra.co_mat,
        Mark::Excused => &extra.vang_co_ly_do,
        Mark::Unexcused => &extra.vang_khong_ly_do,
        Mark::Exempt => &extra.mien,
    }
}

fn lookup(part: &str, extra: &ExtraMarks) -> Option<Mark> {
    let part: String = part
        .chars()
        .map(|c| if CHECKS.contains(&c) { 'x' } else { c })
        .collect();
    let key = fold_compact(&part);
    if key.is_empty() {
        return None;
    }
    ACCEPTED_MARKS.iter().find_map(|(mark, marks)| {
        let builtin = marks.iter().any(|m| {
            let m: String = m
                .chars()
                .map(|c| if CHECKS.contains(&c) { 'x' } else { c })
                .collect();
            fold_compact(&m) == key
        });
        let extra = extras(extra, *mark).iter().any(|m| fold_compact(m) == key);
        (builtin || extra).then_some(*mark)
    })
}

/// Reads an attendance cell: the mark and a reason that may follow it (`P: đi công tác`,
/// `CP (ốm)`, `vắng có lý do - ốm`, `P đi học`). `None` when no known mark starts the text.
#[must_use]
pub fn parse_mark(text: &str, extra: &ExtraMarks) -> Option<(Mark, Option<String>)> {
    let s = clean(text);
    if let Some(m) = lookup(&s, extra) {
        return Some((m, None));
    }
    let reason = |r: &str| {
        let r = r
            .trim()
            .trim_start_matches([':', '(', '-', '–', ',', ';'])
            .trim_end_matches(')')
            .trim();
        (!r.is_empty()).then(|| r.to_string())
    };
    // The mark, then a separator, then the reason.
    let seps = [":", "(", " - ", " – ", ",", ";"];
    if let Some(i) = seps.iter().filter_map(|sep| s.find(sep)).min() {
        let (head, tail) = s.split_at(i);
        if let Some(m) = lookup(head, extra) {
            return Some((m, reason(tail)));
        }
    }
    // The mark, then the reason after a space: the longest run of leading words that is a mark.
    let words: Vec<&str> = s.split(' ').collect();
    for k in (1..words.len()).rev() {
        let head = words.get(..k).unwrap_or_default().join(" ");
        if let Some(m) = lookup(&head, extra) {
            return Some((m, reason(&words.get(k..).unwrap_or_default().join(" "))));
        }
    }
    None
}

/// Reads a cell's value as a mark (a number `1`/`0` is present/absent).
fn mark_of(v: &Value, extra: &ExtraMarks) -> Option<(Mark, Option<String>)> {
    match v {
        Value::Number(n) if (*n - 1.0).abs() < f64::EPSILON => Some((Mark::Present, None)),
        Value::Number(n) if *n == 0.0 => Some((Mark::Unexcused, None)),
        Value::Bool(true) => Some((Mark::Present, None)),
        Value::Bool(false) => Some((Mark::Unexcused, None)),
        _ => parse_mark(&v.display(), extra),
    }
}

/// The accepted marks, for the hint of `mark.unknown`.
fn marks_hint(extra: &ExtraMarks) -> Text {
    let group = |mark: Mark| {
        let mut all: Vec<String> = ACCEPTED_MARKS
            .iter()
            .filter(|(m, _)| *m == mark)
            .flat_map(|(_, ms)| ms.iter().map(|s| (*s).to_string()))
            .collect();
        all.extend(extras(extra, mark).iter().cloned());
        all.join(", ")
    };
    let (p, e, u, x) = (
        group(Mark::Present),
        group(Mark::Excused),
        group(Mark::Unexcused),
        group(Mark::Exempt),
    );
    t!("dùng {p} (có mặt); {e} (vắng có lý do); {u} (vắng không lý do); {x} (miễn). Lý do ghi sau ký hiệu, ví dụ «P: đi công tác»" ;
       "use {p} (present); {e} (excused); {u} (unexcused); {x} (exempt). A reason may follow the mark, e.g. «P: đi công tác»")
}

/// Everything the attendance pass needs besides the sheet.
struct Pass<'a, 'c> {
    ctx: &'a mut Ctx<'c>,
    people: &'a [Person],
    names: &'a NameIndex,
    meetings: &'a mut [Meeting],
    config: &'a Config,
    meetings_sheet: &'a str,
    members_sheet: String,
}

/// Reads the `Điểm danh` sheet into the meetings' attendance. Returns the sheet's shape.
pub(super) fn build(
    ctx: &mut Ctx<'_>,
    table: &Table,
    people: &[Person],
    names: &NameIndex,
    meetings: &mut [Meeting],
    config: &Config,
    meetings_sheet: &str,
) -> AttendanceSource {
    let shape = table.shape.unwrap_or_else(|| {
        if table.columns.iter().any(|c| c.date.is_some()) {
            AttendanceShape::Matrix
        } else {
            AttendanceShape::Long
        }
    });
    let members_sheet = people
        .first()
        .map_or_else(|| "Đảng viên".to_string(), |p| p.source.sheet.clone());
    let mut pass = Pass {
        ctx,
        people,
        names,
        meetings,
        config,
        meetings_sheet,
        members_sheet,
    };
    match shape {
        AttendanceShape::Matrix => {
            pass.matrix(table);
            AttendanceSource::Matrix
        }
        AttendanceShape::Long => {
            pass.long(table);
            AttendanceSource::Long
        }
    }
}

impl Pass<'_, '_> {
    fn file(&self) -> &str {
        self.ctx.file
    }

    /// The person a name cell names, or a diagnostic.
    fn person(&mut self, row: Row<'_>) -> Option<usize> {
        let Some(name) = self.ctx.text(row, Col::FullName) else {
            if row.has_data() {
                self.ctx.diags.push(Diagnostic::error(
                    "person.no_name",
                    row.loc(self.file(), Col::FullName),
                    t!("dòng có dữ liệu nhưng thiếu họ và tên: bỏ qua dòng này" ;
                       "the row has data but no name: the row is skipped"),
                ));
            }
            return None;
        };
        match self.names.find(self.people, &name) {
            Ok(i) => Some(i),
            Err(e) => {
                let d = lookup_error(
                    self.people,
                    &self.members_sheet,
                    row.loc(self.file(), Col::FullName),
                    &name,
                    &e,
                );
                self.ctx.diags.push(d);
                None
            }
        }
    }

    /// The meetings on the day `what` names; an error at `loc` when there is none.
    fn meetings_on(&mut self, d: NaiveDate, loc: Location, what: Text) -> Vec<usize> {
        let found = on_day(self.meetings, d);
        if found.is_empty() {
            let sheet = self.meetings_sheet;
            self.ctx.diags.push(
                Diagnostic::error(
                    "meeting.no_match",
                    loc,
                    t!("{}: không có buổi sinh hoạt nào ngày {} trong trang «{sheet}»", what.vi, values::dmy(d) ;
                       "{}: no meeting on {} in sheet «{sheet}»", what.en, values::dmy(d)),
                )
                .with_hint(t!("kiểm tra ngày, hoặc thêm buổi sinh hoạt đó vào trang «{sheet}»" ;
                              "check the date, or add that meeting to sheet «{sheet}»")),
            );
        }
        found
    }

    /// Records one entry on every meeting of the day (a day's attendance is the same for a
    /// regular and a thematic session held that day).
    fn record(&mut self, slot: Slot<'_>, mark: Option<Mark>, at: &ReadAt) {
        for &mi in slot.targets {
            let Some(meeting) = self.meetings.get_mut(mi) else {
                continue;
            };
            if let Some(first) = meeting.attendance.iter().find(|e| e.person == slot.person) {
                let name = self.people.get(slot.person).map_or("", |p| p.name.as_str());
                let line = first.source.row + 1;
                let date = values::dmy(meeting.date);
                self.ctx.diags.push(
                    Diagnostic::error(
                        "attendance.duplicate",
                        at.loc.clone(),
                        t!("«{name}» được điểm danh hai lần cho buổi sinh hoạt ngày {date} (lần đầu ở dòng {line})" ;
                           "«{name}» has two attendance entries for the meeting of {date} (the first at row {line})"),
                    )
                    .with_hint(t!("giữ một dòng cho mỗi người mỗi buổi" ; "keep one entry per person per meeting")),
                );
                continue;
            }
            meeting.attendance.push(AttendanceEntry {
                person: slot.person,
                mark,
                reason: slot.reason.clone(),
                source: at.source.clone(),
            });
        }
    }

    /// A mark cell (`Some`) or an empty one (`None`) for `slot`.
    fn entry(&mut self, row: Row<'_>, column: &Column, cell: Option<&RawCell>, slot: Slot<'_>) {
        let at = ReadAt {
            loc: row.loc_at(self.file(), column),
            source: Source {
                sheet: row.table.sheet.clone(),
                row: row.row(),
            },
        };
        match cell.filter(|c| values::text_of(&c.value).is_some()) {
            Some(c) => self.marked(c, slot, at),
            None => self.unmarked(slot, &at),
        }
    }

    /// A filled mark cell: recorded, or reported when the mark is unknown.
    fn marked(&mut self, c: &RawCell, slot: Slot<'_>, at: ReadAt) {
        match mark_of(&c.value, &self.config.diem_danh.ky_hieu) {
            Some((mark, reason)) => {
                let slot = Slot {
                    reason: slot.reason.or(reason),
                    ..slot
                };
                self.record(slot, Some(mark), &at);
            }
            None => {
                let hint = marks_hint(&self.config.diem_danh.ky_hieu);
                self.ctx.diags.push(
                    Diagnostic::error(
                        "mark.unknown",
                        at.loc,
                        t!("ký hiệu điểm danh không rõ" ; "unknown attendance mark"),
                    )
                    .with_value(c.value.display())
                    .with_hint(hint),
                );
            }
        }
    }

    /// An empty mark cell of someone on the rolls that day: warned about and recorded as no
    /// mark (never as present).
    fn unmarked(&mut self, slot: Slot<'_>, at: &ReadAt) {
        let Some(p) = self.people.get(slot.person) else {
            return;
        };
        if !active_on(p, slot.day) {
            return;
        }
        let (name, date) = (p.name.clone(), values::dmy(slot.day));
        self.ctx.diags.push(
            Diagnostic::warning(
                "attendance.empty",
                at.loc.clone(),
                t!("«{name}» chưa được điểm danh buổi sinh hoạt ngày {date}" ;
                   "«{name}» has no attendance mark for the meeting of {date}"),
            )
            .with_hint(t!("ghi x (có mặt), P (vắng có lý do), K (vắng không lý do) hoặc M (miễn); ô trống không được tính là có mặt" ;
                          "write x (present), P (excused), K (unexcused) or M (exempt); an empty cell never counts as present")),
        );
        self.record(slot, None, at);
    }

    fn matrix(&mut self, table: &Table) {
        let file = self.ctx.file;
        let header_loc = |c: &Column| {
            Location::file(file)
                .sheet(table.sheet.clone())
                .cell(table.header_row, c.col)
                .column(c.header.clone())
        };
        // Meeting columns: (column, day, meetings that day).
        let mut columns: Vec<(&Column, NaiveDate, Vec<usize>)> = Vec::new();
        for column in table.columns.iter().filter(|c| c.date.is_some()) {
            let Some(v) = &column.date else { continue };
            let loc = header_loc(column);
            let Some(d) = values::date_of(v) else {
                self.ctx.diags.push(super::build::invalid_date(loc, v));
                continue;
            };
            let header = &column.header;
            let targets = self.meetings_on(d, loc, t!("cột «{header}»" ; "column «{header}»"));
            if targets.is_empty() {
                continue;
            }
            // A column nobody was marked in is a meeting whose attendance is not taken yet.
            let marked = table.rows.iter().any(|r| {
                r.get(column.col)
                    .is_some_and(|c| values::text_of(&c.value).is_some())
            });
            if marked {
                columns.push((column, d, targets));
            }
        }
        for raw in &table.rows {
            let row = Row::new(table, raw);
            let Some(person) = self.person(row) else {
                continue;
            };
            for (column, d, targets) in &columns {
                let slot = Slot {
                    person,
                    day: *d,
                    targets,
                    reason: None,
                };
                self.entry(row, column, raw.get(column.col), slot);
            }
        }
    }

    fn long(&mut self, table: &Table) {
        let mut unmatched: BTreeSet<NaiveDate> = BTreeSet::new();
        let Some(mark_column) = table.column(Col::Mark) else {
            // The reader reports the missing column (`sheet.missing_column`); nothing to read.
            return;
        };
        for raw in &table.rows {
            let row = Row::new(table, raw);
            if !row.has_data() {
                continue;
            }
            let Some(d) = (match row.cell(Col::Date) {
                Some(_) => self.ctx.date(row, Col::Date),
                None => {
                    self.ctx.diags.push(
                        Diagnostic::error(
                            "attendance.no_date",
                            row.loc(self.file(), Col::Date),
                            t!("dòng điểm danh không có ngày: bỏ qua dòng này" ;
                               "the attendance row has no date: the row is skipped"),
                        )
                        .with_hint(super::build::date_hint()),
                    );
                    None
                }
            }) else {
                continue;
            };
            let targets = on_day(self.meetings, d);
            if targets.is_empty() {
                // One error per unknown day, at its first row.
                if unmatched.insert(d) {
                    let loc = row.loc(self.file(), Col::Date);
                    self.meetings_on(d, loc, t!("ngày điểm danh" ; "attendance date"));
                }
                continue;
            }
            let Some(person) = self.person(row) else {
                continue;
            };
            let reason = self.ctx.text(row, Col::Reason);
            let slot = Slot {
                person,
                day: d,
                targets: &targets,
                reason,
            };
            self.entry(row, mark_column, raw.get(mark_column.col), slot);
        }
    }
}

/// Whose mark, for which day (and its meetings), with the reason the row gives.
struct Slot<'a> {
    person: usize,
    day: NaiveDate,
    targets: &'a [usize],
    reason: Option<String>,
}

/// Where an entry was read: for messages, and for the entry's source.
struct ReadAt {
    loc: Location,
    source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Mark, Option<String>)> {
        parse_mark(s, &ExtraMarks::default())
    }

    #[test]
    fn marks_and_reasons() {
        assert_eq!(m("x"), Some((Mark::Present, None)));
        assert_eq!(m("X"), Some((Mark::Present, None)));
        assert_eq!(m("✓"), Some((Mark::Present, None)));
        assert_eq!(m("Có mặt"), Some((Mark::Present, None)));
        assert_eq!(m("cm"), Some((Mark::Present, None)));
        assert_eq!(m("V/CLD"), Some((Mark::Excused, None)));
        assert_eq!(m("vắng không lý do"), Some((Mark::Unexcused, None)));
        assert_eq!(m("VANG KHONG LY DO"), Some((Mark::Unexcused, None)));
        assert_eq!(m("miễn"), Some((Mark::Exempt, None)));
        assert_eq!(
            m("P: đi công tác"),
            Some((Mark::Excused, Some("đi công tác".into())))
        );
        assert_eq!(m("CP (ốm)"), Some((Mark::Excused, Some("ốm".into()))));
        assert_eq!(
            m("vắng có lý do - ốm"),
            Some((Mark::Excused, Some("ốm".into())))
        );
        assert_eq!(m("P đi học"), Some((Mark::Excused, Some("đi học".into()))));
        assert_eq!(m("vắng"), None);
        assert_eq!(m("?"), None);
        let extra = ExtraMarks {
            co_mat: vec!["Đ".into()],
            ..ExtraMarks::default()
        };
        assert_eq!(parse_mark("đ", &extra), Some((Mark::Present, None)));
    }
}
