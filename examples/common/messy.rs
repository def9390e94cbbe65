//! The messy workbook (`chi-bo-2-messy.xlsx`): every item of the spec's "Tolerance" list.
//! Title rows merged across the width, headers merged over two rows, column-number rows,
//! group and total rows, signature footers, diacritic-free / upper-case headers with colons
//! and line breaks, dates as text in every accepted form and as serials in General cells,
//! numbers as text, NFD names, NBSP, `Ð` (U+00D0), a hidden data row, sheet names such as
//! `DANH SACH DANG VIEN` and `Sinh_hoat`.

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use unicode_normalization::UnicodeNormalization as _;

use super::canonical::{Formats, fixed_properties, matrix_mark};
use super::{BoxResult, Cell, Mark, Meeting, Status, band, ymd};

/// The ways a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// A real date cell (`dd/mm/yyyy` format).
    Real,
    /// The serial number in a General cell.
    Serial,
    /// `14/02/2025`
    Slash,
    /// `14/2/2025`
    SlashShort,
    /// `14-02-2025`
    Dash,
    /// `14.02.2025`
    Dot,
    /// `14/02/25` (only for years from 2000; earlier ones fall back to `Slash`)
    TwoDigitYear,
    /// `ngày 14 tháng 02 năm 2025`
    Words,
}

pub const FORMS: [DateForm; 8] = [
    DateForm::Real,
    DateForm::Slash,
    DateForm::SlashShort,
    DateForm::Dash,
    DateForm::Serial,
    DateForm::Dot,
    DateForm::TwoDigitYear,
    DateForm::Words,
];

/// The text of a date in a text form (`None` for the cell forms).
#[must_use]
pub fn date_text(d: NaiveDate, form: DateForm) -> Option<String> {
    Some(match form {
        DateForm::Real | DateForm::Serial => return None,
        DateForm::Slash => d.format("%d/%m/%Y").to_string(),
        DateForm::SlashShort => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        DateForm::Dash => d.format("%d-%m-%Y").to_string(),
        DateForm::Dot => d.format("%d.%m.%Y").to_string(),
        DateForm::TwoDigitYear if d.year() >= 2000 => d.format("%d/%m/%y").to_string(),
        DateForm::TwoDigitYear => d.format("%d/%m/%Y").to_string(),
        DateForm::Words => format!(
            "ngày {:02} tháng {:02} năm {}",
            d.day(),
            d.month(),
            d.year()
        ),
    })
}

/// The Excel serial of a date (1900 system).
#[must_use]
pub fn serial(d: NaiveDate) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let days = (d - ymd(1899, 12, 30)).num_days() as f64;
    days
}

fn date(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: NaiveDate,
    form: DateForm,
    f: &Formats,
) -> BoxResult<()> {
    match form {
        DateForm::Real => {
            ws.write_datetime_with_format(r, c, d, &f.date)?;
        }
        DateForm::Serial => {
            ws.write_number(r, c, serial(d))?;
        }
        _ => {
            ws.write_string(r, c, date_text(d, form).unwrap_or_default())?;
        }
    }
    Ok(())
}

/// Cycles through [`FORMS`].
struct Cycle(usize);

impl Cycle {
    fn next(&mut self) -> DateForm {
        let f = FORMS[self.0 % FORMS.len()];
        self.0 += 1;
        f
    }
}

/// How person `i`'s name is typed in the messy workbook.
#[must_use]
pub fn messy_name(i: usize, name: &str) -> String {
    match i {
        // Icelandic eth instead of Đ.
        0 => name.replacen('Đ', "\u{D0}", 1),
        // Unikey "tổ hợp": decomposed.
        3 => name.nfd().collect(),
        // A non-breaking space before the given name.
        5 => match name.rsplit_once(' ') {
            Some((a, b)) => format!("{a}\u{A0}{b}"),
            None => name.to_string(),
        },
        // Extra spaces.
        7 => format!("  {}  ", name.replacen(' ', "  ", 1)),
        _ => name.to_string(),
    }
}

/// The name of a person as written elsewhere than the member list (chair, speakers…).
fn plain(cell: &Cell, i: usize) -> String {
    messy_name(i, &cell.people[i].name())
}

fn title(ws: &mut Worksheet, r: u32, last_col: u16, text: &str) -> BoxResult<()> {
    let f = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.merge_range(r, 0, r, last_col, text, &f)?;
    Ok(())
}

fn footer(ws: &mut Worksheet, r: u32, left: u16, right: u16, cell: &Cell) -> BoxResult<()> {
    let f = Format::new().set_bold().set_align(FormatAlign::Center);
    let it = Format::new().set_italic().set_align(FormatAlign::Center);
    ws.merge_range(
        r,
        right,
        r,
        right + 3,
        "Hòa Bình Xanh, ngày 31 tháng 12 năm 2025",
        &it,
    )?;
    ws.write_string_with_format(r + 1, left, "NGƯỜI LẬP BIỂU", &f)?;
    ws.merge_range(r + 1, right, r + 1, right + 3, "T/M CHI BỘ", &f)?;
    ws.merge_range(r + 2, right, r + 2, right + 3, "BÍ THƯ", &f)?;
    ws.write_string(r + 6, left, plain(cell, 2))?;
    ws.merge_range(r + 6, right, r + 6, right + 3, &plain(cell, 0), &f)?;
    Ok(())
}

/// Writes the messy workbook of `cell`.
pub fn write(cell: &Cell) -> BoxResult<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    info(wb.add_worksheet(), cell, &f)?;
    members(wb.add_worksheet(), cell, &f)?;
    meetings(wb.add_worksheet(), cell, &f)?;
    attendance(wb.add_worksheet(), cell, &f)?;
    scores(wb.add_worksheet(), cell, &f)?;
    commendations(wb.add_worksheet(), cell, &f)?;
    let ws = wb.add_worksheet();
    ws.set_name("Huong dan")?;
    ws.write_string(
        0,
        0,
        "Sổ này do văn phòng chi bộ nhập tay; trang này không được đọc.",
    )?;
    Ok(wb.save_to_buffer()?)
}

fn info(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Thong tin chi bo")?;
    title(ws, 0, 2, "THÔNG TIN CHI BỘ")?;
    let rows: [(&str, Option<String>); 7] = [
        ("Tên chi bộ:", Some(cell.name.clone())),
        ("Ky hieu:", Some(cell.symbol.clone())),
        ("ĐẢNG BỘ CẤP TRÊN:", cell.superior.clone()),
        ("Địa danh:", cell.place.clone()),
        ("Bí thư:", Some(plain(cell, 0))),
        ("Phó Bí thư:", cell.deputy.as_ref().map(|_| plain(cell, 1))),
        ("Nhiệm kỳ:", Some(cell.term.replace('-', " - "))),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let r = u32::try_from(i + 2)?;
        ws.write_string_with_format(r, 1, *label, &f.header)?;
        if let Some(v) = value {
            ws.write_string(r, 2, v)?;
        }
    }
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 48)?;
    Ok(())
}

/// Titles over merged cells, a two-row header with a merged `Ngày` over `Vào Đảng` and
/// `Chính thức`, and a row of column numbers: rows 0 to 6.
fn members_header(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("DANH SACH DANG VIEN")?;
    let last: u16 = 11;
    title(ws, 0, last, "ĐẢNG BỘ SỞ VĂN HÓA TỈNH HÒA BÌNH XANH")?;
    title(ws, 1, last, &cell.name.to_uppercase())?;
    title(ws, 2, last, "DANH SÁCH ĐẢNG VIÊN VÀ QUẦN CHÚNG NĂM 2025")?;
    // Row 3 blank; header over rows 4-5.
    let single = [
        (0u16, "STT"),
        (1, "HỌ VÀ TÊN"),
        (2, "Ngay sinh:"),
        (3, "Giới\ntính"),
        (6, "Số thẻ\nĐV"),
        (7, "CHỨC VỤ:"),
        (8, "Trang thai"),
        (9, "Từ ngày"),
        (10, "Ngày chuyển\nđến"),
        (11, "Ghi chú"),
    ];
    for (c, h) in single {
        ws.merge_range(4, c, 5, c, h, &f.header)?;
    }
    ws.merge_range(4, 4, 4, 5, "Ngày", &f.header)?;
    ws.write_string_with_format(5, 4, "Vào Đảng", &f.header)?;
    ws.write_string_with_format(5, 5, "Chính thức", &f.header)?;
    for c in 0..=last {
        ws.write_string_with_format(6, c, format!("({})", c + 1), &f.header)?;
    }
    ws.set_column_width(1, 26)?;
    for c in [2u16, 4, 5, 9, 10] {
        ws.set_column_width(c, 14)?;
    }
    Ok(())
}

fn members(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    members_header(ws, cell, f)?;
    let mut cycle = Cycle(0);
    let mut r = 7u32;
    let half = cell.people.len() / 2;
    let mut stt = 0;
    for (i, p) in cell.people.iter().enumerate() {
        if i == 0 || i == half {
            let g = if i == 0 {
                "I. Tổ đảng 1"
            } else {
                "II. Tổ đảng 2"
            };
            ws.merge_range(r, 0, r, 3, g, &Format::new().set_bold())?;
            r += 1;
        }
        stt += 1;
        ws.write_number(r, 0, f64::from(stt))?;
        ws.write_string(r, 1, messy_name(i, &p.name()))?;
        if p.birth_year_only {
            // One bare year as a number, one as text.
            if i == 0 {
                ws.write_number(r, 2, f64::from(p.birth.year()))?;
            } else {
                ws.write_string(r, 2, p.birth.year().to_string())?;
            }
        } else {
            date(ws, r, 2, p.birth, cycle.next(), f)?;
        }
        ws.write_string(r, 3, p.gender.label())?;
        if let Some(d) = p.joined {
            date(ws, r, 4, d, cycle.next(), f)?;
        }
        if let Some(d) = p.full {
            date(ws, r, 5, d, cycle.next(), f)?;
        }
        if let Some(card) = &p.card {
            ws.write_string(r, 6, card)?;
        }
        ws.write_string(r, 7, &p.role)?;
        if let Some(s) = p.status {
            let text = if s == Status::ChinhThuc && i % 3 == 1 {
                "chính thức".to_string()
            } else {
                s.label().to_string()
            };
            ws.write_string(r, 8, text)?;
        }
        if let Some(d) = p.since {
            date(ws, r, 9, d, cycle.next(), f)?;
        }
        if let Some(d) = p.transferred_in {
            date(ws, r, 10, d, cycle.next(), f)?;
        }
        if let Some(n) = &p.note {
            ws.write_string(r, 11, n)?;
        }
        if i == 9 {
            ws.set_row_hidden(r)?;
        }
        r += 1;
    }
    ws.merge_range(r, 0, r, 1, "Tổng cộng", &Format::new().set_bold())?;
    ws.write_string(r, 2, format!("{} người", cell.people.len()))?;
    footer(ws, r + 2, 1, 8, cell)?;
    Ok(())
}

fn hm_text(t: (u32, u32), k: usize) -> String {
    match (t.1, k % 3) {
        (0, 0) => format!("{} giờ", t.0),
        (_, 1) => format!("{}:{:02}", t.0, t.1),
        _ => format!("{}h{:02}", t.0, t.1),
    }
}

fn meetings(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Sinh_hoat")?;
    let cols = [
        "TT",
        "Ngày sinh hoạt:",
        "LOẠI SINH HOẠT",
        "Nội dung",
        "Bắt đầu",
        "Kết thúc",
        "Dia diem",
        "Chu tri",
        "Thư ký",
        "Người\nchuẩn bị",
        "Hình thức",
        "Khách mời",
        "Số quần\nchúng dự",
        "Lượt ý kiến",
        "Người phát biểu",
        "Kết luận",
        "Tán thành",
        "Không tán thành",
        "Tình trạng",
        "Ghi chú",
    ];
    let last = u16::try_from(cols.len() - 1)?;
    title(ws, 0, last, &cell.name.to_uppercase())?;
    title(ws, 1, last, "SỔ THEO DÕI SINH HOẠT CHI BỘ NĂM 2025")?;
    for (c, h) in cols.iter().enumerate() {
        let c = u16::try_from(c)?;
        ws.write_string_with_format(3, c, *h, &f.header)?;
        ws.write_number_with_format(4, c, f64::from(c + 1), &f.header)?;
    }
    ws.set_column_width(1, 16)?;
    ws.set_column_width(3, 40)?;
    let mut cycle = Cycle(0);
    let mut r = 5u32;
    let mut stt = 0;
    let (held, planned): (Vec<&Meeting>, Vec<&Meeting>) =
        cell.meetings.iter().partition(|m| !m.planned);
    for (group, list) in [("I. NĂM 2025", held), ("II. KẾ HOẠCH NĂM 2026", planned)] {
        ws.merge_range(r, 0, r, 3, group, &Format::new().set_bold())?;
        r += 1;
        for m in list {
            stt += 1;
            let k = usize::try_from(stt)?;
            ws.write_number(r, 0, f64::from(stt))?;
            date(ws, r, 1, m.date, cycle.next(), f)?;
            let kind = match (m.regular, m.thematic) {
                (true, true) => "Thường kỳ và chuyên đề",
                (false, true) => "chuyên đề",
                _ => "Thường kỳ",
            };
            ws.write_string(r, 2, kind)?;
            ws.write_string(r, 3, &m.topic)?;
            meeting_cells(ws, r, m, k)?;
            r += 1;
        }
        r += 1; // a blank row after each group
    }
    ws.merge_range(r, 0, r, 2, "Tổng số", &Format::new().set_bold())?;
    ws.write_string(r, 3, format!("{} buổi", stt))?;
    footer(ws, r + 2, 1, 6, cell)?;
    Ok(())
}

/// Columns 4 (`Bắt đầu`) to 18 (`Tình trạng`) of a meeting's row; `k` varies how times are
/// typed.
fn meeting_cells(ws: &mut Worksheet, r: u32, m: &Meeting, k: usize) -> BoxResult<()> {
    if let Some(t) = m.start {
        ws.write_string(r, 4, hm_text(t, k))?;
    }
    if let Some(t) = m.end {
        ws.write_string(r, 5, hm_text(t, k + 1))?;
    }
    ws.write_string(r, 6, &m.place)?;
    ws.write_string(r, 7, &m.chair)?;
    if !m.secretary.is_empty() {
        ws.write_string(r, 8, &m.secretary)?;
    }
    if let Some(p) = &m.presenter {
        ws.write_string(r, 9, p)?;
    }
    if let Some(x) = &m.form {
        ws.write_string(r, 10, x)?;
    }
    if !m.guests.is_empty() {
        ws.write_string(r, 11, m.guests.join("\n"))?;
    }
    if let Some(n) = m.masses_present {
        ws.write_string(r, 12, format!("{n:02}"))?;
    }
    if let Some(n) = m.opinions {
        ws.write_string(r, 13, format!("{n:02}"))?;
    }
    if !m.speakers.is_empty() {
        ws.write_string(r, 14, m.speakers.join("; "))?;
    }
    if let Some(c) = &m.conclusion {
        ws.write_string(r, 15, c)?;
    }
    if let Some(n) = m.votes_for {
        ws.write_string(r, 16, format!("{n:02} đ/c"))?;
    }
    if let Some(n) = m.votes_against {
        ws.write_number(r, 17, f64::from(n))?;
    }
    if m.planned {
        ws.write_string(r, 18, "Kế hoạch")?;
    }
    Ok(())
}

fn attendance(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("DIEM DANH")?;
    let held: Vec<&Meeting> = cell.meetings.iter().filter(|m| !m.planned).collect();
    let last = u16::try_from(held.len() + 1)?;
    title(
        ws,
        0,
        last,
        "BẢNG ĐIỂM DANH ĐẢNG VIÊN DỰ SINH HOẠT CHI BỘ NĂM 2025",
    )?;
    ws.write_string_with_format(2, 0, "STT", &f.header)?;
    ws.write_string_with_format(2, 1, "Ho va ten", &f.header)?;
    ws.set_column_width(1, 26)?;
    let header_forms = [
        DateForm::Real,
        DateForm::Slash,
        DateForm::SlashShort,
        DateForm::Dash,
        DateForm::Dot,
        DateForm::TwoDigitYear,
        DateForm::Words,
    ];
    let date_header = f.header.clone().set_num_format("dd/mm/yyyy");
    for (j, m) in held.iter().enumerate() {
        let c = u16::try_from(j + 2)?;
        let form = header_forms[j % header_forms.len()];
        match date_text(m.date, form) {
            Some(t) => ws.write_string_with_format(2, c, t, &f.header)?,
            None => ws.write_datetime_with_format(2, c, m.date, &date_header)?,
        };
        ws.set_column_width(c, 12)?;
    }
    let present = ["x", "X", "✓", "có", "có mặt", "CM"];
    let people = cell.attendance_people();
    let mut totals = vec![0u32; held.len()];
    for (i, &p) in people.iter().enumerate() {
        let r = u32::try_from(i + 3)?;
        ws.write_number(r, 0, f64::from(u32::try_from(i + 1)?))?;
        ws.write_string(r, 1, plain(cell, p))?;
        for (j, m) in held.iter().enumerate() {
            let Some(a) = cell.att(m, p) else { continue };
            let text = match a.mark {
                Mark::Present => {
                    totals[j] += 1;
                    present[(i + j) % present.len()].to_string()
                }
                Mark::Exempt if (i + j) % 2 == 0 => "miễn".to_string(),
                _ => matrix_mark(a.mark, a.reason.as_deref(), i + j),
            };
            ws.write_string(r, u16::try_from(j + 2)?, text)?;
        }
    }
    let r = u32::try_from(people.len() + 3)?;
    ws.write_string_with_format(r, 1, "Tổng số có mặt", &Format::new().set_bold())?;
    for (j, t) in totals.iter().enumerate() {
        ws.write_number(r, u16::try_from(j + 2)?, f64::from(*t))?;
    }
    Ok(())
}

fn scores(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Cham diem")?;
    title(ws, 0, 8, "KẾT QUẢ CHẤM ĐIỂM SINH HOẠT CHI BỘ NĂM 2025")?;
    let cols = [
        "STT",
        "NGÀY",
        "Loại",
        "Nhóm 1",
        "Nhóm 2",
        "Nhóm 3",
        "Nhóm 4",
        "TỔNG ĐIỂM:",
        "Xếp\nloại",
    ];
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(2, u16::try_from(c)?, *h, &f.header)?;
    }
    let mut r = 3u32;
    for m in cell.meetings.iter().filter(|m| m.score.is_some()) {
        let (Some(groups), Some(total)) = (m.score.as_ref(), m.total_score()) else {
            continue;
        };
        ws.write_number(r, 0, f64::from(r - 2))?;
        // Serial numbers in General cells.
        ws.write_number(r, 1, serial(m.date))?;
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

fn commendations(ws: &mut Worksheet, cell: &Cell, f: &Formats) -> BoxResult<()> {
    ws.set_name("Bieu duong")?;
    let cols = [
        "TT",
        "Ngày",
        "Họ tên",
        "Đối tượng",
        "Nội dung biểu dương",
        "Hình thức",
    ];
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, &f.header)?;
    }
    for (i, c) in cell.commendations.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        ws.write_number(r, 0, f64::from(r))?;
        ws.write_string(r, 1, date_text(c.date, DateForm::Words).unwrap_or_default())?;
        ws.write_string(r, 2, plain(cell, c.person))?;
        ws.write_string(
            r,
            3,
            if c.masses {
                "Quần chúng"
            } else {
                "Đảng viên"
            },
        )?;
        ws.write_string(r, 4, &c.content)?;
        ws.write_string(r, 5, &c.form)?;
    }
    Ok(())
}
