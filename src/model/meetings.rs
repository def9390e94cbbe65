//! The `Sinh hoạt` sheet → [`Meeting`]s.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::schema::Col;
use crate::t;
use crate::text::fold;
use crate::workbook::Table;

use super::build::{Ctx, Row};
use super::values;
use super::{AttendanceCounts, CellInfo, Meeting, MeetingKinds, MeetingStatus, Source};

/// A meeting being built: the status the sheet declares, settled once attendance and scores
/// are known ([`settle_status`]).
pub(super) struct Draft {
    pub(super) meeting: Meeting,
    pub(super) declared: Option<MeetingStatus>,
}

/// Builds the meetings, sorted by date then source row, with the status each row declares.
/// Their `status` is provisional until [`settle_status`].
pub(super) fn build(
    ctx: &mut Ctx<'_>,
    table: Option<&Table>,
    info: &CellInfo,
) -> (Vec<Meeting>, Vec<Option<MeetingStatus>>) {
    let Some(table) = table else {
        return (Vec::new(), Vec::new());
    };
    let mut drafts: Vec<Draft> = table
        .rows
        .iter()
        .filter_map(|raw| meeting(ctx, Row::new(table, raw), info))
        .collect();
    drafts.sort_by_key(|d| (d.meeting.date, d.meeting.source.row));
    let declared = drafts.iter().map(|d| d.declared).collect();
    (drafts.into_iter().map(|d| d.meeting).collect(), declared)
}

/// Parses `Loại`: `Thường kỳ`, `Chuyên đề`, both (`Thường kỳ + Chuyên đề`, `TK+CĐ` …), folded.
#[must_use]
pub fn parse_kinds(s: &str) -> Option<MeetingKinds> {
    let f = fold(s);
    let words: Vec<&str> = f.split(' ').collect();
    let regular = f.contains("thuong ky")
        || f.contains("thuong le")
        || words.contains(&"tk")
        || f == "thuongky";
    let thematic = f.contains("chuyen de") || words.contains(&"cd") || f == "chuyende";
    // `TK+CĐ` without a separator folds to `tkcd`.
    let (regular, thematic) = if f == "tkcd" {
        (true, true)
    } else {
        (regular, thematic)
    };
    (regular || thematic).then_some(MeetingKinds { regular, thematic })
}

/// Parses `Tình trạng`: `Đã họp`, `Kế hoạch`, `Hoãn` and their usual variants, folded.
#[must_use]
pub fn parse_status(s: &str) -> Option<MeetingStatus> {
    let status = match fold(s).as_str() {
        "da hop" | "da to chuc" | "da sinh hoat" | "hop" | "xong" | "da thuc hien"
        | "hoan thanh" => MeetingStatus::Held,
        "ke hoach" | "chua hop" | "chua to chuc" | "du kien" | "sap hop" | "kh" => {
            MeetingStatus::Planned
        }
        "hoan" | "hoan lai" | "tam hoan" | "da hoan" | "lui lai" => MeetingStatus::Postponed,
        _ => return None,
    };
    Some(status)
}

fn meeting(ctx: &mut Ctx<'_>, row: Row<'_>, info: &CellInfo) -> Option<Draft> {
    let date = meeting_date(ctx, row)?;
    let kinds = meeting_kinds(ctx, row);
    let topic = ctx.long_text(row, Col::Topic);
    if kinds.thematic && topic.is_none() {
        no_topic(ctx, row, date);
    }
    let declared = declared_status(ctx, row);
    let list = |col| {
        row.cell(col)
            .map(|(_, c)| values::list_of(&c.value))
            .unwrap_or_default()
    };
    let counts = AttendanceCounts {
        present: ctx.count(row, Col::Present),
        excused: ctx.count(row, Col::Excused),
        unexcused: ctx.count(row, Col::Unexcused),
    };
    let meeting = Meeting {
        date,
        kinds,
        // Provisional, until settled.
        status: declared.unwrap_or(MeetingStatus::Planned),
        topic,
        start: ctx.time(row, Col::Start),
        end: ctx.time(row, Col::End),
        place: ctx.text(row, Col::Place),
        chair: ctx.text(row, Col::Chair).or_else(|| info.secretary.clone()),
        secretary: ctx.text(row, Col::Secretary),
        presenter: ctx.text(row, Col::Presenter),
        form: ctx.text(row, Col::Form),
        guests: row
            .cell(Col::Guests)
            .map(|(_, c)| guest_list(&c.value.display()))
            .unwrap_or_default(),
        masses_present: ctx.count(row, Col::MassesPresent),
        opinions: ctx.count(row, Col::Opinions),
        speakers: list(Col::Speakers),
        conclusion: ctx.long_text(row, Col::Conclusion),
        votes_for: ctx.count(row, Col::VotesFor),
        votes_against: ctx.count(row, Col::VotesAgainst),
        counts,
        doc_number: ctx.text(row, Col::DocNumber),
        note: ctx.long_text(row, Col::Note),
        attendance: Vec::new(),
        score: None,
        source: Source {
            sheet: row.table.sheet.clone(),
            row: row.row(),
        },
    };
    Some(Draft { meeting, declared })
}

/// The meeting's date; a row with data but no date is an error, and skipped.
fn meeting_date(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<NaiveDate> {
    match row.cell(Col::Date) {
        Some(_) => ctx.date(row, Col::Date),
        None => {
            if row.has_data() {
                ctx.diags.push(
                    Diagnostic::error(
                        "meeting.no_date",
                        row.loc(ctx.file, Col::Date),
                        t!("buổi sinh hoạt không có ngày: bỏ qua dòng này" ;
                           "the meeting has no date: the row is skipped"),
                    )
                    .with_hint(super::build::date_hint()),
                );
            }
            None
        }
    }
}

/// Thường kỳ, chuyên đề or both; an empty `Loại` is a regular meeting, an unknown one an
/// error (read as regular).
fn meeting_kinds(ctx: &mut Ctx<'_>, row: Row<'_>) -> MeetingKinds {
    match row.cell(Col::Kind) {
        None => MeetingKinds {
            regular: true,
            thematic: false,
        },
        Some((column, cell)) => match parse_kinds(&cell.value.display()) {
            Some(k) => k,
            None => {
                ctx.diags.push(
                    Diagnostic::error(
                        "meeting.kind_unknown",
                        row.loc_at(ctx.file, column),
                        t!("loại sinh hoạt không rõ" ; "unknown kind of meeting"),
                    )
                    .with_value(cell.value.display())
                    .with_hint(
                        t!("ghi «Thường kỳ», «Chuyên đề» hoặc «Thường kỳ + Chuyên đề»" ;
                                  "write «Thường kỳ», «Chuyên đề» or «Thường kỳ + Chuyên đề»"),
                    ),
                );
                MeetingKinds {
                    regular: true,
                    thematic: false,
                }
            }
        },
    }
}

/// A thematic meeting without its topic is an error at `Nội dung`.
fn no_topic(ctx: &mut Ctx<'_>, row: Row<'_>, date: NaiveDate) {
    ctx.diags.push(
        Diagnostic::error(
            "meeting.no_topic",
            row.loc(ctx.file, Col::Topic),
            t!("buổi sinh hoạt chuyên đề ngày {} chưa có «Nội dung» (tên chuyên đề)", values::dmy(date) ;
               "the thematic meeting of {} has no «Nội dung» (its topic)", values::dmy(date)),
        )
        .with_hint(t!("ghi tên chuyên đề vào cột «Nội dung»" ; "write the topic in the «Nội dung» column")),
    );
}

/// The status written in `Tình trạng`, if any; an unknown one is an error.
fn declared_status(ctx: &mut Ctx<'_>, row: Row<'_>) -> Option<MeetingStatus> {
    match row.cell(Col::MeetingStatus) {
        None => None,
        Some((column, cell)) => {
            let s = parse_status(&cell.value.display());
            if s.is_none() {
                ctx.diags.push(
                    Diagnostic::error(
                        "meeting.status_unknown",
                        row.loc_at(ctx.file, column),
                        t!("tình trạng buổi sinh hoạt không rõ" ; "unknown meeting status"),
                    )
                    .with_value(cell.value.display())
                    .with_hint(t!("ghi «Đã họp», «Kế hoạch» hoặc «Hoãn»; để trống thì tính theo kết quả đã ghi" ;
                                  "write «Đã họp», «Kế hoạch» or «Hoãn»; leave it empty to derive it from the results")),
                );
            }
            s
        }
    }
}

/// Settles each meeting's status: the declared one, else held when the meeting has any
/// result, else planned. A held meeting after `as_of` is a warning.
pub(super) fn settle_status(
    ctx: &mut Ctx<'_>,
    meetings: &mut [Meeting],
    declared: &[Option<MeetingStatus>],
    as_of: NaiveDate,
) {
    for (i, m) in meetings.iter_mut().enumerate() {
        let declared = declared.get(i).copied().flatten();
        m.status = match declared {
            Some(s) => s,
            None if m.has_result() => MeetingStatus::Held,
            None => MeetingStatus::Planned,
        };
        if m.status == MeetingStatus::Held && m.date > as_of {
            let loc = crate::diagnostic::Location::file(ctx.file)
                .sheet(m.source.sheet.clone())
                .row(m.source.row);
            let why = if declared.is_some() {
                t!("ghi «{}»", MeetingStatus::Held.label() ; "marked «{}»", MeetingStatus::Held.label())
            } else {
                t!("đã có kết quả" ; "has results")
            };
            ctx.diags.push(
                Diagnostic::warning(
                    "meeting.held_in_future",
                    loc,
                    t!("buổi sinh hoạt ngày {} {} nhưng ngày đó chưa tới (hôm nay là {})", values::dmy(m.date), why.vi, values::dmy(as_of) ;
                       "the meeting of {} {} but that day has not come yet (today is {})", values::dmy(m.date), why.en, values::dmy(as_of)),
                )
                .with_hint(t!("kiểm tra ngày của buổi sinh hoạt" ; "check the meeting's date")),
            );
        }
    }
}

/// Votes for plus votes against above the members who may vote at a held meeting is a warning
/// at its `Tán thành` cell: only chính thức members present vote. Who may vote comes from
/// [`crate::aggregate::MeetingAttendance::voters_bound`], the figure the minutes print.
pub(super) fn check_votes(
    diags: &mut Vec<Diagnostic>,
    cell: &super::Cell,
    table: Option<&Table>,
    rules: &crate::config::AttendanceRules,
) {
    for m in cell
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
    {
        let (yes, no) = (m.votes_for.unwrap_or(0), m.votes_against.unwrap_or(0));
        if yes == 0 && no == 0 {
            continue;
        }
        let a = crate::aggregate::meeting_attendance(cell, m, rules);
        let (bound, who) = a.voters_bound();
        if yes.saturating_add(no) <= bound {
            continue;
        }
        let mut loc =
            crate::diagnostic::Location::file(cell.file.clone()).sheet(m.source.sheet.clone());
        loc = match table.and_then(|t| t.column(Col::VotesFor)) {
            Some(c) => loc.cell(m.source.row, c.col).column(c.header.clone()),
            None => loc.row(m.source.row),
        };
        let date = values::dmy(m.date);
        diags.push(
            Diagnostic::warning(
                "meeting.votes_exceed",
                loc,
                t!("buổi sinh hoạt ngày {date}: {yes} tán thành và {no} không tán thành, nhiều hơn {bound} {} có mặt", who.vi ;
                   "the meeting of {date}: {yes} for and {no} against, more than the {bound} {} present", who.en),
            )
            .with_value(format!("{yes}/{no}"))
            .with_hint(t!("chỉ đảng viên chính thức có mặt được biểu quyết; sửa số «Tán thành», «Không tán thành» hoặc điểm danh" ;
                          "only chính thức members present vote; fix «Tán thành», «Không tán thành» or the attendance")),
        );
    }
}

/// The guests of a meeting: separated by `;` or line breaks only (input-workbook.md), never by
/// a comma, so that `Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở` stays one guest.
pub(crate) fn guest_list(s: &str) -> Vec<String> {
    s.split([';', '\n', '\r'])
        .map(|g| g.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|g| !g.is_empty())
        .collect()
}

/// Meetings on day `d`, by index.
pub(super) fn on_day(meetings: &[Meeting], d: NaiveDate) -> Vec<usize> {
    meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.date == d)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let k = |r, t| {
            Some(MeetingKinds {
                regular: r,
                thematic: t,
            })
        };
        assert_eq!(parse_kinds("Thường kỳ"), k(true, false));
        assert_eq!(parse_kinds("THUONG KY"), k(true, false));
        assert_eq!(parse_kinds("Chuyên đề"), k(false, true));
        assert_eq!(parse_kinds("TK"), k(true, false));
        assert_eq!(parse_kinds("CĐ"), k(false, true));
        assert_eq!(parse_kinds("TK+CĐ"), k(true, true));
        assert_eq!(parse_kinds("Thường kỳ + Chuyên đề"), k(true, true));
        assert_eq!(parse_kinds("Thường kỳ và chuyên đề"), k(true, true));
        assert_eq!(parse_kinds("Họp bất thường"), None);
    }

    #[test]
    fn guests_split_on_semicolons_and_lines_only() {
        assert_eq!(
            guest_list(
                "Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở; Đ/c Lê Thu Hà\nĐ/c Võ An"
            ),
            vec![
                "Đ/c Trịnh Minh Khôi, Ủy viên Ban Thường vụ Đảng ủy Sở",
                "Đ/c Lê Thu Hà",
                "Đ/c Võ An"
            ]
        );
        assert!(guest_list(" ; \n").is_empty());
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("Đã họp"), Some(MeetingStatus::Held));
        assert_eq!(parse_status("đã tổ chức"), Some(MeetingStatus::Held));
        assert_eq!(parse_status("Chưa họp"), Some(MeetingStatus::Planned));
        assert_eq!(parse_status("KẾ HOẠCH"), Some(MeetingStatus::Planned));
        assert_eq!(parse_status("Hoãn lại"), Some(MeetingStatus::Postponed));
        assert_eq!(parse_status("?"), None);
    }
}
