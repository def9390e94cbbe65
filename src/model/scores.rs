//! The `Chấm điểm` sheet → each meeting's [`Score`].

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::schema::Col;
use crate::t;
use crate::workbook::{Column, Table};

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
    // Group columns outside the scheme: reported once, at their header.
    for column in &table.columns {
        if let Some(Col::Group(n)) = column.field
            && (n == 0 || usize::from(n) > maxima.len())
        {
            ctx.diags.push(
                    Diagnostic::warning(
                        "score.unknown_group",
                        Location::file(ctx.file)
                            .sheet(table.sheet.clone())
                            .cell(table.header_row, column.col)
                            .column(column.header.clone()),
                        t!("cột «{}» là nhóm {n}, nhưng thang điểm «{}» chỉ có {} nhóm: bỏ qua cột này", column.header, scheme.name, maxima.len() ;
                           "column «{}» is group {n}, but scheme «{}» has only {} groups: the column is ignored", column.header, scheme.name, maxima.len()),
                    )
                    .with_hint(t!("kiểm tra mục [cham_diem] trong chibo.toml" ; "check [cham_diem] in chibo.toml")),
                );
        }
    }
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
        for column in &table.columns {
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

/// A typed `Xếp loại` that disagrees with the band of the score is a warning at that cell
/// (input-workbook.md `Chấm điểm`). The band is computed once, by
/// [`crate::aggregate::meeting_score`], the same one every output prints.
fn check_band(ctx: &mut Ctx<'_>, row: Row<'_>, meeting: &Meeting, scheme: &crate::config::Scheme) {
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
