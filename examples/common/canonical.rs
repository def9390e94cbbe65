//! The canonical workbook (the layout of the blank form): sheets `Thông tin`, `Đảng viên`,
//! `Sinh hoạt`, `Điểm danh`, `Chấm điểm`, `Biểu dương`, written with rust_xlsxwriter with
//! fixed document properties so that the same cell gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use super::{BoxResult, Cell, Mark, Meeting, Person, band};

/// How the attendance is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attendance {
    /// `Điểm danh` with one column per meeting date.
    Matrix,
    /// `Điểm danh` with `Ngày`, `Họ và tên`, `Tình trạng`, `Lý do`.
    Long,
    /// No `Điểm danh`: counts in `Sinh hoạt`.
    Counts,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub attendance: Attendance,
    /// `Họ và đệm` + `Tên` in two columns of `Đảng viên`.
    pub split_name: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            attendance: Attendance::Matrix,
            split_name: false,
        }
    }
}

/// The fixed creation date written into every generated workbook.
pub fn fixed_properties() -> BoxResult<DocProperties> {
    Ok(DocProperties::new()
        .set_author("chibo gen_samples")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 5)?))
}

pub struct Formats {
    pub header: Format,
    pub date: Format,
    pub time: Format,
    pub wrap: Format,
}

impl Formats {
    #[must_use]
    pub fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(rust_xlsxwriter::FormatBorder::Thin),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            time: Format::new().set_num_format("hh:mm"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// The matrix / canonical text of an attendance mark. Excused absences alternate between the
/// two common spellings (`P: ốm`, `CP (đi công tác)`).
#[must_use]
pub fn matrix_mark(mark: Mark, reason: Option<&str>, variant: usize) -> String {
    match mark {
        Mark::Present => "x".to_string(),
        Mark::Unexcused => "K".to_string(),
        Mark::Exempt => "M".to_string(),
        Mark::Excused => match (reason, variant % 2) {
            (Some(r), 0) => format!("P: {r}"),
            (Some(r), _) => format!("CP ({r})"),
            (None, _) => "P".to_string(),
        },
    }
}

/// The long-shape `Tình trạng` of a mark.
#[must_use]
pub fn long_mark(mark: Mark) -> &'static str {
    match mark {
        Mark::Present => "Có mặt",
        Mark::Excused => "Vắng có lý do",
        Mark::Unexcused => "Vắng không lý do",
        Mark::Exempt => "Miễn",
    }
}

fn headers(ws: &mut Worksheet, row: u32, names: &[&str], f: &Formats) -> BoxResult<()> {
    for (c, h) in names.iter().enumerate() {
        ws.write_string_with_format(row, u16::try_from(c)?, *h, &f.header)?;
    }
    Ok(())
}

fn opt_str(ws: &mut Worksheet, row: u32, col: u16, s: Option<&str>) -> BoxResult<()> {
    if let Some(s) = s.filter(|s| !s.is_empty()) {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

fn opt_num(ws: &mut Worksheet, row: u32, col: u16, n: Option<u32>) -> BoxResult<()> {
    if let Some(n) = n {
        ws.write_number(row, col, f64::from(n))?;
    }
    Ok(())
}

fn time(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    t: Option<(u32, u32)>,
    f: &Formats,
) -> BoxResult<()> {
    if let Some((h, m)) = t {
        let t = ExcelDateTime::from_hms(u16::try_from(h)?, u8::try_from(m)?, 0)?;
        ws.write_datetime_with_format(row, col, &t, &f.time)?;
    }
    Ok(())
}

/// Writes the canonical workbook of `cell`.
pub fn write(cell: &Cell, opts: Options) -> BoxResult<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    info_sheet(wb.add_worksheet(), cell, &f)?;
    members_sheet(wb.add_worksheet(), cell, opts, &f)?;
    meetings_sheet(wb.add_worksheet(), cell, opts, &f)?;
    match opts.attendance {
        Attendance::Matrix => matrix_sheet(wb.add_worksheet(), cell, &f)?,
        Attendance::Long => long_sheet(wb.add_worksheet(), cell, &f)?,
        Attendance::Counts => {}
    }
    scores_sheet(wb.add_worksheet(), cell, &f)?;
    commendations_sheet(wb.add_worksheet(), cell, &f)?;
    Ok(wb.save_to_buffer()?)
}

fn info_sheet(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Thông tin")?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 50)?;
    let rows: [(&str, Option<&str>); 7] = [
        ("Tên chi bộ", Some(&cell.name)),
        ("Ký hiệu", Some(&cell.symbol)),
        ("Đảng bộ cấp trên", cell.superior.as_deref()),
        ("Địa danh", cell.place.as_deref()),
        ("Bí thư", Some(&cell.secretary)),
        ("Phó Bí thư", cell.deputy.as_deref()),
        ("Nhiệm kỳ", Some(&cell.term)),
    ];
    for (r, (label, value)) in rows.iter().enumerate() {
        let r = u32::try_from(r)?;
        ws.write_string_with_format(r, 0, *label, &f.header)?;
        opt_str(ws, r, 1, *value)?;
    }
    Ok(())
}

fn members_sheet(ws: &mut Worksheet, cell: &Cell, opts: Options, f: &Formats) -> BoxResult<()> {
    ws.set_name("Đảng viên")?;
    let mut cols = vec!["STT"];
    if opts.split_name {
        cols.extend(["Họ và đệm", "Tên"]);
    } else {
        cols.push("Họ và tên");
    }
    cols.extend([
        "Ngày sinh",
        "Giới tính",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Số thẻ đảng viên",
        "Chức vụ",
        "Trạng thái",
        "Từ ngày",
        "Ngày chuyển đến",
        "Ghi chú",
    ]);
    headers(ws, 0, &cols, f)?;
    let name_cols: u16 = if opts.split_name { 2 } else { 1 };
    ws.set_column_width(1, if opts.split_name { 18 } else { 26 })?;
    for (i, p) in cell.people.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        ws.write_number(r, 0, f64::from(r))?;
        if opts.split_name {
            ws.write_string(r, 1, &p.family)?;
            ws.write_string(r, 2, &p.given)?;
        } else {
            ws.write_string(r, 1, p.name())?;
        }
        person_tail(ws, r, name_cols + 1, p, f)?;
    }
    Ok(())
}

/// From `Ngày sinh` to `Ghi chú`, starting at column `c`.
fn person_tail(ws: &mut Worksheet, r: u32, c: u16, p: &Person, f: &Formats) -> BoxResult<()> {
    if p.birth_year_only {
        ws.write_number(r, c, f64::from(chrono::Datelike::year(&p.birth)))?;
    } else {
        ws.write_datetime_with_format(r, c, p.birth, &f.date)?;
    }
    ws.write_string(r, c + 1, p.gender.label())?;
    if let Some(d) = p.joined {
        ws.write_datetime_with_format(r, c + 2, d, &f.date)?;
    }
    if let Some(d) = p.full {
        ws.write_datetime_with_format(r, c + 3, d, &f.date)?;
    }
    opt_str(ws, r, c + 4, p.card.as_deref())?;
    ws.write_string(r, c + 5, &p.role)?;
    opt_str(ws, r, c + 6, p.status.map(super::Status::label))?;
    if let Some(d) = p.since {
        ws.write_datetime_with_format(r, c + 7, d, &f.date)?;
    }
    if let Some(d) = p.transferred_in {
        ws.write_datetime_with_format(r, c + 8, d, &f.date)?;
    }
    opt_str(ws, r, c + 9, p.note.as_deref())?;
    Ok(())
}

fn meetings_sheet(ws: &mut Worksheet, cell: &Cell, opts: Options, f: &Formats) -> BoxResult<()> {
    ws.set_name("Sinh hoạt")?;
    let counts = opts.attendance == Attendance::Counts;
    headers(ws, 0, &meeting_columns(counts), f)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(3, 48)?;
    for (i, m) in cell.meetings.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        meeting_row(ws, r, m, counts.then_some(&cell.people[..]), f)?;
    }
    Ok(())
}

/// The headers of `Sinh hoạt`; with `counts`, the attendance counts too (no attendance sheet).
fn meeting_columns(counts: bool) -> Vec<&'static str> {
    let mut cols = vec![
        "STT",
        "Ngày",
        "Loại",
        "Nội dung",
        "Giờ bắt đầu",
        "Giờ kết thúc",
        "Địa điểm",
        "Chủ trì",
        "Thư ký",
        "Người trình bày",
        "Hình thức",
        "Đại biểu",
        "Số quần chúng dự",
        "Số ý kiến",
        "Người phát biểu",
        "Kết luận",
        "Tán thành",
        "Không tán thành",
    ];
    if counts {
        cols.extend(["Có mặt", "Vắng có lý do", "Vắng không lý do"]);
    }
    cols.extend(["Tình trạng", "Số văn bản", "Ghi chú"]);
    cols
}

/// One meeting's row; `counts_of` (the people) when the sheet carries attendance counts.
fn meeting_row(
    ws: &mut Worksheet,
    r: u32,
    m: &Meeting,
    counts_of: Option<&[Person]>,
    f: &Formats,
) -> BoxResult<()> {
    ws.write_number(r, 0, f64::from(r))?;
    ws.write_datetime_with_format(r, 1, m.date, &f.date)?;
    ws.write_string(r, 2, m.kind_label())?;
    ws.write_string(r, 3, &m.topic)?;
    time(ws, r, 4, m.start, f)?;
    time(ws, r, 5, m.end, f)?;
    ws.write_string(r, 6, &m.place)?;
    ws.write_string(r, 7, &m.chair)?;
    opt_str(ws, r, 8, Some(&m.secretary))?;
    opt_str(ws, r, 9, m.presenter.as_deref())?;
    opt_str(ws, r, 10, m.form.as_deref())?;
    opt_str(ws, r, 11, Some(&m.guests.join("; ")))?;
    opt_num(ws, r, 12, m.masses_present)?;
    opt_num(ws, r, 13, m.opinions)?;
    opt_str(ws, r, 14, Some(&m.speakers.join("; ")))?;
    opt_str(ws, r, 15, m.conclusion.as_deref())?;
    opt_num(ws, r, 16, m.votes_for)?;
    opt_num(ws, r, 17, m.votes_against)?;
    let mut c = 18;
    if let Some(people) = counts_of {
        if !m.planned {
            let (p, e, u) = m.counts(people);
            ws.write_number(r, 18, f64::from(p))?;
            ws.write_number(r, 19, f64::from(e))?;
            ws.write_number(r, 20, f64::from(u))?;
        }
        c = 21;
    }
    ws.write_string(
        r,
        c,
        if m.planned {
            "Kế hoạch"
        } else {
            "Đã họp"
        },
    )?;
    Ok(())
}

/// Held meetings, in order.
fn held(cell: &Cell) -> Vec<&Meeting> {
    cell.meetings.iter().filter(|m| !m.planned).collect()
}

fn matrix_sheet(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Điểm danh")?;
    headers(ws, 0, &["STT", "Họ và tên"], f)?;
    ws.set_column_width(1, 26)?;
    let held = held(cell);
    let date_header = f.header.clone().set_num_format("dd/mm/yyyy");
    for (j, m) in held.iter().enumerate() {
        let c = u16::try_from(j + 2)?;
        ws.write_datetime_with_format(0, c, m.date, &date_header)?;
        ws.set_column_width(c, 11)?;
    }
    for (i, &p) in cell.attendance_people().iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        ws.write_number(r, 0, f64::from(r))?;
        ws.write_string(r, 1, cell.people[p].name())?;
        for (j, m) in held.iter().enumerate() {
            if let Some(a) = cell.att(m, p) {
                let text = matrix_mark(a.mark, a.reason.as_deref(), i + j);
                ws.write_string(r, u16::try_from(j + 2)?, text)?;
            }
        }
    }
    Ok(())
}

fn long_sheet(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Điểm danh")?;
    headers(
        ws,
        0,
        &["STT", "Ngày", "Họ và tên", "Tình trạng", "Lý do"],
        f,
    )?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 26)?;
    ws.set_column_width(3, 18)?;
    let mut r = 1u32;
    for m in held(cell) {
        for a in &m.attendance {
            ws.write_number(r, 0, f64::from(r))?;
            ws.write_datetime_with_format(r, 1, m.date, &f.date)?;
            ws.write_string(r, 2, cell.people[a.person].name())?;
            ws.write_string(r, 3, long_mark(a.mark))?;
            opt_str(ws, r, 4, a.reason.as_deref())?;
            r += 1;
        }
    }
    Ok(())
}

fn scores_sheet(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Chấm điểm")?;
    // One `Nhóm k` column per group of the year's scheme (4 for Phú Thọ, 7 for 42-HD).
    let groups = cell
        .meetings
        .iter()
        .find_map(|m| m.score.as_ref().map(Vec::len))
        .unwrap_or(4);
    let group_headers: Vec<String> = (1..=groups).map(|k| format!("Nhóm {k}")).collect();
    let mut columns = vec!["STT", "Ngày", "Loại"];
    columns.extend(group_headers.iter().map(String::as_str));
    columns.extend(["Tổng điểm", "Xếp loại", "Điểm cấp trên", "Ghi chú"]);
    headers(ws, 0, &columns, f)?;
    ws.set_column_width(1, 12)?;
    let mut r = 1u32;
    for m in cell.meetings.iter().filter(|m| m.score.is_some()) {
        let (Some(groups), Some(total)) = (m.score.as_ref(), m.total_score()) else {
            continue;
        };
        ws.write_number(r, 0, f64::from(r))?;
        ws.write_datetime_with_format(r, 1, m.date, &f.date)?;
        ws.write_string(r, 2, m.kind_label())?;
        for (k, g) in groups.iter().enumerate() {
            ws.write_number(r, u16::try_from(3 + k)?, f64::from(*g))?;
        }
        let after = u16::try_from(3 + groups.len())?;
        ws.write_number(r, after, f64::from(total))?;
        ws.write_string(r, after + 1, band(total))?;
        r += 1;
    }
    Ok(())
}

fn commendations_sheet(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Biểu dương")?;
    headers(
        ws,
        0,
        &[
            "STT",
            "Ngày",
            "Họ và tên",
            "Đối tượng",
            "Nội dung",
            "Hình thức",
        ],
        f,
    )?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 26)?;
    ws.set_column_width(4, 50)?;
    for (i, c) in cell.commendations.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        ws.write_number(r, 0, f64::from(r))?;
        ws.write_datetime_with_format(r, 1, c.date, &f.date)?;
        ws.write_string(r, 2, cell.people[c.person].name())?;
        ws.write_string(
            r,
            3,
            if c.masses {
                "Quần chúng"
            } else {
                "Đảng viên"
            },
        )?;
        ws.write_string_with_format(r, 4, &c.content, &f.wrap)?;
        ws.write_string(r, 5, &c.form)?;
    }
    Ok(())
}
