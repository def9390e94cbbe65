//! The `Chấm điểm` sheet → each meeting's [`Score`].

use crate::config::{Config, Scheme};
use crate::diagnostic::{Diagnostic, Location};
use crate::schema::Col;
use crate::t;
use crate::workbook::{Column, Table, numbered_group};
use crate::xlsx::form;

use super::build::{Ctx, Row};
use super::meetings::{on_day, parse_kinds};
use super::values::{self, num};
use super::{Meeting, Score, Source};

/// Reads every score row onto its meeting.
pub(super) fn build(
    ctx: &mut Ctx<'_>,
    table: &Table,
    meetings: &mut [Meeting],
    config: &Config,
    meetings_sheet: &str,
) {
    let scheme = config.scheme();
    let maxima: Vec<f64> = scheme.groups.iter().map(|g| g.diem_toi_da).collect();
    let total_max = scheme.total();
    let read_groups = groups_match(ctx, table, &scheme);
    for raw in &table.rows {
        let row = Row::new(table, raw);
        if !row.has_data() {
            continue;
        }
        let Some(mi) = meeting_of(ctx, row, meetings, meetings_sheet) else {
            continue;
        };
        let mut score = Score {
            groups: vec![None; maxima.len()],
            total: None,
            band: ctx.text(row, Col::Band),
            upper: None,
            source: Source {
                sheet: table.sheet.clone(),
                row: row.row(),
            },
        };
        for column in table.columns.iter().filter(|_| read_groups) {
            let Some(Col::Group(n)) = column.field else {
                continue;
            };
            let Some(idx) = usize::from(n).checked_sub(1) else {
                continue;
            };
            let Some(&max) = maxima.get(idx) else {
                continue;
            };
            let what = t!("điểm nhóm {n}" ; "the score of group {n}");
            if let Some(v) = points(ctx, row, column, max, &what)
                && let Some(slot) = score.groups.get_mut(idx)
            {
                *slot = Some(v);
            }
        }
        if let Some(column) = row.column(Col::Total) {
            score.total = points(
                ctx,
                row,
                column,
                total_max,
                &t!("tổng điểm" ; "the total score"),
            );
        }
        if let Some(column) = row.column(Col::UpperScore) {
            score.upper = points(
                ctx,
                row,
                column,
                total_max,
                &t!("điểm cấp trên" ; "the upper level's score"),
            );
        }
        let all_groups: Option<Vec<f64>> = score.groups.iter().copied().collect();
        match (score.total, all_groups) {
            (Some(total), Some(groups)) if !groups.is_empty() => {
                let sum: f64 = groups.iter().sum();
                if (sum - total).abs() > 1e-6 {
                    ctx.diags.push(
                        Diagnostic::warning(
                            "score.total_mismatch",
                            row.loc(ctx.file, Col::Total),
                            t!("tổng điểm ghi {} nhưng cộng các nhóm được {}", num(total), num(sum) ;
                               "the total is {} but the groups add up to {}", num(total), num(sum)),
                        )
                        .with_hint(t!("sửa tổng điểm hoặc điểm các nhóm; chibo dùng tổng điểm đã ghi" ;
                                      "fix the total or the groups; chibo uses the total as written")),
                    );
                }
            }
            (None, Some(groups)) if !groups.is_empty() => {
                score.total = Some(groups.iter().sum());
            }
            _ => {}
        }
        let Some(meeting) = meetings.get_mut(mi) else {
            continue;
        };
        if let Some(first) = &meeting.score {
            let line = first.source.row + 1;
            let date = values::dmy(meeting.date);
            ctx.diags.push(
                Diagnostic::error(
                    "score.duplicate",
                    row.loc(ctx.file, Col::Date),
                    t!("buổi sinh hoạt ngày {date} đã được chấm điểm ở dòng {line}" ;
                       "the meeting of {date} is already scored at row {line}"),
                )
                .with_hint(t!("giữ một dòng chấm điểm cho mỗi buổi; nếu hôm đó có hai buổi, ghi «Loại» để phân biệt" ;
                              "keep one score row per meeting; when two meetings share the day, fill «Loại» to tell them apart")),
            );
            continue;
        }
        meeting.score = Some(score);
        check_band(ctx, row, meeting, &scheme);
    }
}

/// A group column of the sheet: the column and the group number its header gives.
struct GroupColumn<'a> {
    column: &'a Column,
    n: usize,
}

/// The columns of a score sheet that hold a group's points: those the reader matched to a
/// group of the scheme, and those whose header names a group by its number beyond the scheme
/// (`Nhóm 5` when the scheme has 4), which the reader leaves unmatched.
fn group_columns(table: &Table) -> Vec<GroupColumn<'_>> {
    table
        .columns
        .iter()
        .filter_map(|column| {
            let n = match column.field {
                Some(Col::Group(n)) => Some(usize::from(n)),
                Some(_) => None,
                None => numbered_group(&column.header)
                    .or_else(|| column.header.rsplit(" / ").next().and_then(numbered_group)),
            };
            n.map(|n| GroupColumn { column, n })
        })
        .collect()
}

/// The maximum a header states in brackets, as the form writes it: `1. Công tác chuẩn bị (15)`,
/// also `(15đ)`, `(7,5 điểm)`.
fn stated_max(header: &str) -> Option<f64> {
    let open = header.rfind('(')?;
    let inside = header.get(open + 1..)?;
    let number: String = inside
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    number.replace(',', ".").parse().ok()
}

/// Whether the sheet's group columns are the scheme's: as many, numbered 1, 2 … once each,
/// with the maximum their header states (if any) the scheme's. If not, ONE error at the first
/// group header names what the sheet has and what the scheme expects, and the sheet's group
/// points are not read (each would otherwise be "over the maximum" or land in the wrong group);
/// `Tổng điểm` still is. A sheet with no group column (only totals) matches.
fn groups_match(ctx: &mut Ctx<'_>, table: &Table, scheme: &Scheme) -> bool {
    let found = group_columns(table);
    let Some(first) = found.first() else {
        return true;
    };
    let expected = scheme.groups.len();
    let headers: Vec<String> = found
        .iter()
        .map(|g| format!("«{}»", g.column.header))
        .collect();
    let headers = headers.join(", ");
    let names: Vec<String> = scheme
        .groups
        .iter()
        .zip(1u8..)
        .map(|(g, n)| form::group_header(n, g))
        .collect();
    let names = names.join("; ");
    let sheet = &table.sheet;
    let scheme_name = &scheme.name;
    let numbered_in_order = found.iter().zip(1..).all(|(g, n)| g.n == n);
    let message = if found.len() != expected {
        let n = found.len();
        t!("trang «{sheet}» có {n} cột điểm nhóm ({headers}), nhưng thang điểm «{scheme_name}» có {expected} nhóm: {names}" ;
           "sheet «{sheet}» has {n} group columns ({headers}), but the scheme «{scheme_name}» expects {expected}: {names}")
    } else if !numbered_in_order {
        t!("các cột điểm nhóm của trang «{sheet}» ({headers}) không theo thứ tự nhóm 1, 2 … của thang điểm «{scheme_name}»: {names}" ;
           "the group columns of sheet «{sheet}» ({headers}) are not the groups 1, 2 … of the scheme «{scheme_name}»: {names}")
    } else if let Some((g, max)) = found.iter().zip(&scheme.groups).find_map(|(g, sg)| {
        stated_max(&g.column.header)
            .filter(|m| (m - sg.diem_toi_da).abs() > 1e-9)
            .map(|m| (g, m))
    }) {
        let (header, stated) = (&g.column.header, num(max));
        t!("cột «{header}» ghi điểm tối đa {stated}, nhưng thang điểm «{scheme_name}» có các nhóm: {names}" ;
           "column «{header}» states a maximum of {stated}, but the scheme «{scheme_name}» has the groups: {names}")
    } else {
        return true;
    };
    ctx.diags.push(
        Diagnostic::error(
            "score.groups_mismatch",
            Location::file(ctx.file)
                .sheet(sheet.clone())
                .cell(table.header_row, first.column.col)
                .column(first.column.header.clone()),
            t!("{}; chibo không đọc điểm các nhóm của trang này", message.vi ;
               "{}; chibo does not read the group points of this sheet", message.en),
        )
        .with_value(headers.clone())
        .with_hint(t!("đặt tên các cột điểm nhóm theo thang điểm như sổ mẫu {} của `chibo init`, hoặc chọn đúng thang điểm ở mục [cham_diem] trong chibo.toml", form::FORM_FILE ;
                      "name the group columns after the scheme as in the blank form {} of `chibo init`, or choose the right scheme in [cham_diem] of chibo.toml", form::FORM_FILE)),
    );
    false
}

/// A typed `Xếp loại` that disagrees with the band of the score is a warning at that cell
/// (input-workbook.md `Chấm điểm`). The band is computed once, by
/// [`crate::aggregate::meeting_score`], the same one every output prints.
fn check_band(ctx: &mut Ctx<'_>, row: Row<'_>, meeting: &Meeting, scheme: &Scheme) {
    let Some(r) = crate::aggregate::meeting_score(meeting, scheme) else {
        return;
    };
    let (true, Some(given), Some(band), Some(score)) =
        (r.band_mismatch, &r.given_band, &r.band, r.counted)
    else {
        return;
    };
    let date = values::dmy(meeting.date);
    let score = num(score);
    ctx.diags.push(
        Diagnostic::warning(
            "score.band_mismatch",
            row.loc(ctx.file, Col::Band),
            t!("buổi sinh hoạt ngày {date}: xếp loại ghi «{given}» nhưng {score} điểm theo thang điểm là «{band}»" ;
               "the meeting of {date}: the band is «{given}» but {score} points give «{band}» under the scheme"),
        )
        .with_value(given.clone())
        .with_hint(t!("sửa «Xếp loại» hoặc điểm; chibo dùng xếp loại tính từ điểm" ;
                      "fix «Xếp loại» or the score; chibo uses the band computed from the score")),
    );
}

/// The meeting a score row is for: by date, then by `Loại` when the day has several.
fn meeting_of(
    ctx: &mut Ctx<'_>,
    row: Row<'_>,
    meetings: &[Meeting],
    meetings_sheet: &str,
) -> Option<usize> {
    let Some(_) = row.cell(Col::Date) else {
        ctx.diags.push(
            Diagnostic::error(
                "score.no_date",
                row.loc(ctx.file, Col::Date),
                t!("dòng chấm điểm không có ngày: bỏ qua dòng này" ;
                   "the score row has no date: the row is skipped"),
            )
            .with_hint(super::build::date_hint()),
        );
        return None;
    };
    let d = ctx.date(row, Col::Date)?;
    let mut found = on_day(meetings, d);
    let kinds = row
        .cell(Col::Kind)
        .and_then(|(_, c)| parse_kinds(&c.value.display()));
    if found.len() > 1
        && let Some(k) = kinds
    {
        found.retain(|&i| meetings.get(i).is_some_and(|m| m.kinds == k));
    }
    let date = values::dmy(d);
    match found.as_slice() {
        [i] => Some(*i),
        [] => {
            ctx.diags.push(
                Diagnostic::error(
                    "meeting.no_match",
                    row.loc(ctx.file, Col::Date),
                    t!("điểm chấm cho ngày {date}: không có buổi sinh hoạt nào ngày {date} trong trang «{meetings_sheet}»" ;
                       "score for {date}: no meeting on {date} in sheet «{meetings_sheet}»"),
                )
                .with_hint(t!("kiểm tra ngày, hoặc thêm buổi sinh hoạt đó vào trang «{meetings_sheet}»" ;
                              "check the date, or add that meeting to sheet «{meetings_sheet}»")),
            );
            None
        }
        many => {
            let n = many.len();
            ctx.diags.push(
                Diagnostic::error(
                    "meeting.ambiguous",
                    row.loc(ctx.file, Col::Date),
                    t!("ngày {date} có {n} buổi sinh hoạt: không biết điểm này của buổi nào" ;
                       "{date} has {n} meetings: which one this score is for is unclear"),
                )
                .with_hint(t!("ghi cột «Loại» (Thường kỳ hoặc Chuyên đề) để chọn đúng buổi" ;
                              "fill the «Loại» column (Thường kỳ or Chuyên đề) to pick the meeting")),
            );
            None
        }
    }
}

/// A score within `0..=max`, or a diagnostic (`score.invalid`, `score.over_max`).
fn points(
    ctx: &mut Ctx<'_>,
    row: Row<'_>,
    column: &Column,
    max: f64,
    what: &crate::diagnostic::Text,
) -> Option<f64> {
    let cell = row.raw.get(column.col)?;
    values::text_of(&cell.value)?;
    let loc = row.loc_at(ctx.file, column);
    let Some(v) = values::score_of(&cell.value) else {
        ctx.diags.push(
            Diagnostic::error(
                "score.invalid",
                loc,
                t!("{}: không đọc được số điểm", what.vi ; "{}: not a number", what.en),
            )
            .with_value(cell.value.display())
            .with_hint(t!("ghi một số, ví dụ 85 hoặc 85,5" ; "write a number, e.g. 85 or 85,5")),
        );
        return None;
    };
    if v < 0.0 {
        ctx.diags.push(
            Diagnostic::error(
                "score.over_max",
                loc,
                t!("{} là {}: điểm không được âm", what.vi, num(v) ; "{} is {}: a score cannot be negative", what.en, num(v)),
            )
            .with_value(cell.value.display()),
        );
        return None;
    }
    if v > max + 1e-9 {
        ctx.diags.push(
            Diagnostic::error(
                "score.over_max",
                loc,
                t!("{} là {}, vượt quá điểm tối đa {}", what.vi, num(v), num(max) ;
                   "{} is {}, above the maximum {}", what.en, num(v), num(max)),
            )
            .with_value(cell.value.display()),
        );
        return None;
    }
    Some(v)
}
