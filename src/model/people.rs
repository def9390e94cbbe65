//! The `Đảng viên` sheet → [`Person`]s, and the index other sheets find people by.

use std::collections::BTreeMap;

use chrono::{Datelike as _, NaiveDate};

use crate::diagnostic::{Diagnostic, Location};
use crate::schema::Col;
use crate::t;
use crate::text::{fold, name_key};
use crate::workbook::Table;

use super::build::{Ctx, Row};
use super::values;
use super::{Birth, DeclaredStatus, Gender, Person, Source};

/// Builds the people of the `Đảng viên` sheet, in sheet order.
pub(super) fn build(ctx: &mut Ctx<'_>, table: Option<&Table>) -> Vec<Person> {
    let Some(table) = table else {
        return Vec::new();
    };
    let mut people: Vec<Person> = Vec::new();
    for raw in &table.rows {
        let row = Row::new(table, raw);
        if let Some(p) = person(ctx, row) {
            if let Some((first, same)) = duplicate_of(&people, &p) {
                report_duplicate(ctx, row, &p, first, &same);
                continue;
            }
            people.push(p);
        }
    }
    if table.column(Col::Joined).is_none() && table.column(Col::Status).is_none() {
        ctx.diags.push(
            Diagnostic::warning(
                "members.assumed_full",
                Location::file(ctx.file)
                    .sheet(table.sheet.clone())
                    .row(table.header_row),
                t!("trang «{}» không có cột «Ngày vào Đảng» hay «Trạng thái»: coi mọi người là đảng viên chính thức", table.sheet ;
                   "sheet «{}» has neither a «Ngày vào Đảng» nor a «Trạng thái» column: everyone is taken as a full member", table.sheet),
            )
            .with_hint(t!("thêm cột «Trạng thái» (Chính thức, Dự bị, Quần chúng …) để tính đúng tỷ lệ dự họp" ;
                          "add a «Trạng thái» column (Chính thức, Dự bị, Quần chúng …) for correct attendance rates")),
        );
        for p in &mut people {
            p.status.get_or_insert(DeclaredStatus::ChinhThuc);
        }
    }
    people
}

fn person(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<Person> {
    let name = person_name(ctx, row)?;
    let birth = birth(ctx, row);
    let gender = gender(ctx, row);
    let joined = ctx.date(row, Col::Joined);
    let full_member_since = ctx.date(row, Col::FullMemberSince);
    let card_no = ctx.text(row, Col::CardNo);
    let role = ctx.text(row, Col::Role);
    let status = status(ctx, row);
    let status_since = ctx.date(row, Col::StatusSince);
    let transferred_in = ctx.date(row, Col::TransferredIn);
    let note = ctx.long_text(row, Col::Note);
    check_membership_dates(ctx, row, &name, (joined, full_member_since));
    check_status_since(ctx, row, &name, (status, status_since));
    Some(Person {
        key: name_key(&name),
        name,
        birth,
        gender,
        joined,
        full_member_since,
        card_no,
        role,
        status,
        status_since,
        transferred_in,
        temporary: status == Some(DeclaredStatus::SinhHoatTamThoi),
        note,
        source: Source {
            sheet: row.table.sheet.clone(),
            row: row.row(),
        },
    })
}

/// The person's name: «Họ và tên», or «Họ và tên đệm» + «Tên»; a row with data but no name
/// is reported and skipped.
fn person_name(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<String> {
    match ctx.text(row, Col::FullName) {
        Some(n) => Some(n),
        None => {
            let parts: Vec<String> = [Col::FamilyAndMiddle, Col::GivenName]
                .into_iter()
                .filter_map(|c| ctx.text(row, c))
                .collect();
            if parts.is_empty() {
                if row.has_data() {
                    let col = if row.column(Col::FullName).is_some() {
                        Col::FullName
                    } else {
                        Col::FamilyAndMiddle
                    };
                    ctx.diags.push(Diagnostic::error(
                        "person.no_name",
                        row.loc(ctx.file, col),
                        t!("dòng có dữ liệu nhưng thiếu họ và tên: bỏ qua dòng này" ;
                               "the row has data but no name: the row is skipped"),
                    ));
                }
                return None;
            }
            Some(parts.join(" "))
        }
    }
}

/// Full membership cannot come before admission.
fn check_membership_dates(
    ctx: &mut Ctx<'_>,
    row: Row<'_>,
    name: &str,
    (joined, full_member_since): (Option<NaiveDate>, Option<NaiveDate>),
) {
    if let (Some(j), Some(f)) = (joined, full_member_since)
        && f < j
    {
        ctx.diags.push(
                Diagnostic::error(
                    "person.dates_order",
                    row.loc(ctx.file, Col::FullMemberSince),
                    t!("«{name}»: ngày chính thức {} trước ngày vào Đảng {}", values::dmy(f), values::dmy(j) ;
                       "«{name}»: full membership {} is before admission {}", values::dmy(f), values::dmy(j)),
                )
                .with_hint(t!("kiểm tra hai ngày này; ngày chính thức thường sau ngày vào Đảng 12 tháng" ;
                              "check both dates; full membership usually comes 12 months after admission")),
            );
    }
}

/// A status that takes a member off the rolls should say since when.
fn check_status_since(
    ctx: &mut Ctx<'_>,
    row: Row<'_>,
    name: &str,
    (status, status_since): (Option<DeclaredStatus>, Option<NaiveDate>),
) {
    if let Some(
        s @ (DeclaredStatus::ChuyenDi | DeclaredStatus::TuTran | DeclaredStatus::MienSinhHoat),
    ) = status
        && status_since.is_none()
    {
        ctx.diags.push(
                Diagnostic::warning(
                    "status.no_since",
                    row.loc(ctx.file, Col::Status),
                    t!("«{name}»: trạng thái «{}» không có «Từ ngày»: coi như đã có hiệu lực từ trước mọi buổi sinh hoạt", declared_label(s) ;
                       "«{name}»: status «{}» has no «Từ ngày»: taken as in force before every meeting", declared_label(s)),
                )
                .with_hint(t!("ghi ngày bắt đầu của trạng thái vào cột «Từ ngày»" ;
                              "write the day the status took effect in the «Từ ngày» column")),
            );
    }
}

fn birth(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<Birth> {
    let (column, cell) = row.cell(Col::Birth)?;
    let b = values::birth_of(&cell.value);
    if b.is_none() {
        ctx.diags.push(
            super::build::invalid_date(row.loc_at(ctx.file, column), &cell.value).with_hint(
                t!("ghi ngày sinh dạng ngày/tháng/năm (14/02/1980) hoặc chỉ năm sinh (1980)" ;
                   "write the birth date day/month/year (14/02/1980) or the year alone (1980)"),
            ),
        );
    }
    b
}

fn gender(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<Gender> {
    let (column, cell) = row.cell(Col::Gender)?;
    match fold(&cell.value.display()).as_str() {
        "nam" | "m" | "male" => Some(Gender::Nam),
        "nu" | "f" | "female" => Some(Gender::Nu),
        _ => {
            ctx.diags.push(
                Diagnostic::warning(
                    "gender.unknown",
                    row.loc_at(ctx.file, column),
                    t!("giới tính không rõ: bỏ trống" ; "unknown gender: left blank"),
                )
                .with_value(cell.value.display())
                .with_hint(t!("ghi «Nam» hoặc «Nữ»" ; "write «Nam» or «Nữ»")),
            );
            None
        }
    }
}

/// The accepted values of `Trạng thái`, for the hint.
const STATUS_CHOICES: &str =
    "Chính thức, Dự bị, Miễn sinh hoạt, Sinh hoạt tạm thời, Chuyển đi, Từ trần, Quần chúng";

/// Parses a `Trạng thái` value (folded aliases).
#[must_use]
pub fn parse_status(s: &str) -> Option<DeclaredStatus> {
    let f = fold(s);
    let status = match f.as_str() {
        "chinh thuc" | "dang vien chinh thuc" | "dvct" | "ct" => DeclaredStatus::ChinhThuc,
        "du bi" | "dang vien du bi" | "dvdb" | "db" => DeclaredStatus::DuBi,
        "sinh hoat tam thoi" | "sht" | "sinh hoat tam thoi den" | "tam thoi" => {
            DeclaredStatus::SinhHoatTamThoi
        }
        "chuyen di" | "da chuyen" | "da chuyen di" | "chuyen sinh hoat di" | "chuyen sinh hoat" => {
            DeclaredStatus::ChuyenDi
        }
        "tu tran" | "da tu tran" | "da mat" | "qua doi" | "da qua doi" | "mat" => {
            DeclaredStatus::TuTran
        }
        "quan chung" | "qc" => DeclaredStatus::QuanChung,
        _ if f == "mien" || f.starts_with("mien ") || f.starts_with("duoc mien ") => {
            // miễn sinh hoạt, miễn công tác và sinh hoạt đảng, miễn SH …
            DeclaredStatus::MienSinhHoat
        }
        _ => return None,
    };
    Some(status)
}

fn status(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<DeclaredStatus> {
    let (column, cell) = row.cell(Col::Status)?;
    let s = parse_status(&cell.value.display());
    if s.is_none() {
        ctx.diags.push(
            Diagnostic::error(
                "status.unknown",
                row.loc_at(ctx.file, column),
                t!("trạng thái không rõ" ; "unknown status"),
            )
            .with_value(cell.value.display())
            .with_hint(t!("dùng một trong: {STATUS_CHOICES}; để trống thì tính theo các ngày" ;
                          "use one of: {STATUS_CHOICES}; leave it empty to derive it from the dates")),
        );
    }
    s
}

/// The Vietnamese label of a declared status.
pub(crate) fn declared_label(s: DeclaredStatus) -> &'static str {
    match s {
        DeclaredStatus::ChinhThuc => "Chính thức",
        DeclaredStatus::DuBi => "Dự bị",
        DeclaredStatus::MienSinhHoat => "Miễn sinh hoạt",
        DeclaredStatus::SinhHoatTamThoi => "Sinh hoạt tạm thời",
        DeclaredStatus::ChuyenDi => "Chuyển đi",
        DeclaredStatus::TuTran => "Từ trần",
        DeclaredStatus::QuanChung => "Quần chúng",
    }
}

/// Why two rows are the same person.
enum Same {
    NameAndBirth,
    Card,
}

fn duplicate_of<'p>(people: &'p [Person], p: &Person) -> Option<(&'p Person, Same)> {
    people.iter().find_map(|q| {
        if p.card_no.is_some() && p.card_no == q.card_no {
            Some((q, Same::Card))
        } else if p.key == q.key && births_agree(p.birth, q.birth) {
            Some((q, Same::NameAndBirth))
        } else {
            None
        }
    })
}

/// Both known and the same (a bare year agrees with any date of that year).
fn births_agree(a: Option<Birth>, b: Option<Birth>) -> bool {
    match (a, b) {
        (Some(Birth::Date(x)), Some(Birth::Date(y))) => x == y,
        (Some(x), Some(y)) => birth_year(x) == birth_year(y),
        _ => false,
    }
}

pub(crate) fn birth_year(b: Birth) -> i32 {
    match b {
        Birth::Date(d) => d.year(),
        Birth::Year(y) => y,
    }
}

fn report_duplicate(ctx: &mut Ctx<'_>, row: Row<'_>, p: &Person, first: &Person, same: &Same) {
    let name = &p.name;
    let line = first.source.row + 1;
    let (vi, en) = match same {
        Same::NameAndBirth => ("trùng họ tên và ngày sinh", "same name and birth as"),
        Same::Card => ("trùng số thẻ đảng viên", "same card number as"),
    };
    ctx.diags.push(
        Diagnostic::error(
            "person.duplicate",
            row.loc(ctx.file, Col::FullName),
            t!("«{name}» bị ghi hai lần: {vi} với dòng {line}; bỏ qua dòng này" ;
               "«{name}» is listed twice: {en} row {line}; this row is skipped"),
        )
        .with_hint(t!("xóa một trong hai dòng, hoặc sửa ngày sinh / số thẻ nếu là hai người khác nhau" ;
                      "delete one of the two rows, or fix the birth / card number if they are two people")),
    );
}

/// Finds people by name ([`name_key`]); two people may share a name.
pub(crate) struct NameIndex {
    by_key: BTreeMap<String, Vec<usize>>,
}

/// Why a name found no single person.
pub(crate) enum Lookup {
    Unknown,
    /// Indices of every person with that name.
    Ambiguous(Vec<usize>),
}

impl NameIndex {
    pub(crate) fn new(people: &[Person]) -> Self {
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in people.iter().enumerate() {
            by_key.entry(p.key.clone()).or_default().push(i);
        }
        Self { by_key }
    }

    /// The one person called `name`. A trailing `(1980)` or `(05/03/1980)` picks among people
    /// sharing a name by their birth.
    pub(crate) fn find(&self, people: &[Person], name: &str) -> Result<usize, Lookup> {
        let (bare, birth) = split_birth(name);
        let found = self.by_key.get(&name_key(bare)).ok_or(Lookup::Unknown)?;
        let found: Vec<usize> = match birth {
            Some(b) if found.len() > 1 => found
                .iter()
                .copied()
                .filter(|&i| {
                    people
                        .get(i)
                        .and_then(|p| p.birth)
                        .is_some_and(|pb| births_agree(Some(pb), Some(b)))
                })
                .collect(),
            _ => found.clone(),
        };
        match found.as_slice() {
            [i] => Ok(*i),
            [] => Err(Lookup::Unknown),
            _ => Err(Lookup::Ambiguous(found)),
        }
    }
}

/// `Nguyễn Văn An (1980)` → (`Nguyễn Văn An`, 1980).
fn split_birth(name: &str) -> (&str, Option<Birth>) {
    let trimmed = name.trim_end();
    if let Some(open) = trimmed.rfind('(')
        && trimmed.ends_with(')')
    {
        let inner = trimmed.get(open + 1..trimmed.len() - 1).unwrap_or("");
        let birth = crate::dates::parse_year(inner)
            .map(Birth::Year)
            .or_else(|| crate::dates::parse_text_date(inner).map(Birth::Date));
        if let (Some(b), Some(bare)) = (birth, trimmed.get(..open)) {
            return (bare.trim_end(), Some(b));
        }
    }
    (name, None)
}

/// The people a lookup named, as `dòng 4, dòng 9` (1-based sheet rows).
pub(crate) fn rows_of(people: &[Person], idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|&i| people.get(i))
        .map(|p| format!("dòng {}", p.source.row + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`rows_of`] in English.
pub(crate) fn rows_of_en(people: &[Person], idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|&i| people.get(i))
        .map(|p| format!("row {}", p.source.row + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The two diagnostics a failed lookup gives: `person.unknown` or `person.ambiguous`, at `loc`.
pub(crate) fn lookup_error(
    people: &[Person],
    members_sheet: &str,
    loc: Location,
    name: &str,
    err: &Lookup,
) -> Diagnostic {
    match err {
        Lookup::Unknown => Diagnostic::error(
            "person.unknown",
            loc,
            t!("«{name}»: người không có trong danh sách đảng viên" ;
               "«{name}»: not on the list of members"),
        )
        .with_hint(t!("kiểm tra chính tả họ tên, hoặc thêm người này vào trang «{members_sheet}»" ;
                      "check the spelling, or add this person to sheet «{members_sheet}»")),
        Lookup::Ambiguous(idx) => Diagnostic::error(
            "person.ambiguous",
            loc,
            t!("«{name}»: có {} người trùng tên trong danh sách đảng viên ({})", idx.len(), rows_of(people, idx) ;
               "«{name}»: {} people share this name on the list of members ({})", idx.len(), rows_of_en(people, idx)),
        )
        .with_hint(t!("ghi thêm năm sinh sau tên để phân biệt, ví dụ «{name} (1980)»" ;
                      "add the birth year after the name to tell them apart, e.g. «{name} (1980)»")),
    }
}

/// The standing of every person on a day, for the attendance checks.
pub(crate) fn active_on(p: &Person, d: NaiveDate) -> bool {
    matches!(
        p.standing_on(d),
        super::Standing::ChinhThuc | super::Standing::DuBi
    )
}
