//! The committee's consolidated workbook (`tong-hop-<period>.xlsx`, outputs.md).
//!
//! Sheets: `Tổng hợp` (one row per cell and `Tổng cộng`), `Sinh hoạt` (every meeting of the
//! period), `Đảng viên` (every person and their standing at the period's end), `Cảnh báo` (every
//! flag, then the data problems of the cells that were skipped), `Biểu dương`, and `Biểu đồ`
//! (the charts, on their own sheet so `Tổng hợp` prints cleanly).
//!
//! Every figure is computed in Rust and written as a number: no formula (crates.md pitfall 8).
//! Text from the data is always written with `write_string*`, so a name such as `=SUM(A1)` stays
//! text. The creation date is the period's last day (pitfall 9), so the same input gives the
//! same bytes.

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatText,
    ConditionalFormatTextRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

use crate::aggregate::{CellSummary, Consolidated, Flag, Period, Rules};
use crate::config::Committee;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Cell;
use crate::register::Entry;
use crate::text::upper;
use crate::xlsx::rows::{Collector, MeetingRow, PersonRow, SheetRows};

/// Everything the workbook is built from.
#[derive(Clone, Copy, Debug)]
pub struct SummaryInput<'a> {
    /// `[dang_uy]` of the config: the title block.
    pub committee: &'a Committee,
    pub consolidated: &'a Consolidated,
    pub rules: &'a Rules,
    /// The problems of the workbooks that were skipped (errors in their data), for `Cảnh báo`.
    pub problems: &'a [Diagnostic],
}

/// Sheet names.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_MEETINGS: &str = "Sinh hoạt";
pub const SHEET_PEOPLE: &str = "Đảng viên";
pub const SHEET_FLAGS: &str = "Cảnh báo";
pub const SHEET_COMMENDATIONS: &str = "Biểu dương";
pub const SHEET_CHARTS: &str = "Biểu đồ";
/// The document number register's sheet (only when `[nhiem_ky]` keeps a register).
pub const SHEET_REGISTER: &str = "Sổ văn bản";

/// The first data row of `Tổng hợp` (0-based): title block rows 0–4, headers rows 5–6.
pub const SUMMARY_FIRST_ROW: u32 = 7;
/// The header row of the other list sheets (0-based): title row 0, note row 1.
pub const LIST_HEADER_ROW: u32 = 3;

const FONT: &str = "Times New Roman";
/// Widths of the wrapped text columns of `Tổng hợp`.
const TOPIC_WIDTH: f64 = 24.0;
/// Width of the cell's name column of `Tổng hợp`: long names wrap, never cut.
const NAME_WIDTH: f64 = 22.0;
const NOTE_WIDTH: f64 = 20.0;
/// `Tổng hợp` prints on two pages across; the second starts at this column (attendance).
const FIRST_PAGE_END: usize = 11;
/// The columns every printed page of a sheet repeats: `STT` and the cell's name.
const REPEATED_COLUMNS: usize = 2;

/// The formats used across the sheets.
struct Formats {
    text: Format,
    wrap: Format,
    int: Format,
    rate: Format,
    score: Format,
    date: Format,
    header: Format,
    total_text: Format,
    total_int: Format,
    total_rate: Format,
    total_score: Format,
    org: Format,
    org_bold: Format,
    national: Format,
    place: Format,
    title: Format,
    note: Format,
    bad: Format,
    good: Format,
    fair: Format,
    weak: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(FONT_SIZE);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let total = cell.clone().set_bold().set_background_color("#F2F2F2");
        let centered = base.clone().set_align(FormatAlign::Center);
        Formats {
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            // Numbers centred: a right-aligned number would touch the left-aligned text of the
            // next column.
            int: cell
                .clone()
                .set_num_format("0")
                .set_align(FormatAlign::Center),
            rate: cell
                .clone()
                .set_num_format("0.0%")
                .set_align(FormatAlign::Center),
            score: cell
                .clone()
                .set_num_format("0.0")
                .set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("#DDEBF7"),
            total_text: total.clone(),
            total_int: total
                .clone()
                .set_num_format("0")
                .set_align(FormatAlign::Center),
            total_rate: total
                .clone()
                .set_num_format("0.0%")
                .set_align(FormatAlign::Center),
            total_score: total.set_num_format("0.0").set_align(FormatAlign::Center),
            org: centered
                .clone()
                .set_font_size(13)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            org_bold: centered
                .clone()
                .set_font_size(13)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            national: centered
                .clone()
                .set_font_size(13)
                .set_bold()
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            place: centered.clone().set_italic().set_font_size(13),
            title: centered
                .clone()
                .set_bold()
                .set_font_size(15)
                .set_text_wrap(),
            note: centered.set_italic().set_text_wrap(),
            bad: Format::new()
                .set_font_color("#9C0006")
                .set_background_color("#FFC7CE"),
            good: Format::new()
                .set_font_color("#006100")
                .set_background_color("#C6EFCE"),
            fair: Format::new()
                .set_font_color("#1F4E78")
                .set_background_color("#DDEBF7"),
            weak: Format::new()
                .set_font_color("#9C5700")
                .set_background_color("#FFEB9C"),
        }
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let month = u8::try_from(d.month()).unwrap_or(1);
    let day = u8::try_from(d.day()).unwrap_or(1);
    ExcelDateTime::from_ymd(year, month, day)
}

fn u(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The font size of every sheet; printed at [`MIN_PRINT_SCALE`] at least, so never under 9 pt.
const FONT_SIZE: f64 = 12.0;
/// The smallest print scale (%): 12 pt × 75 % = 9 pt, the smallest an official reads.
pub const MIN_PRINT_SCALE: u16 = 75;
/// The printable width of an A4 landscape page with the margins below, in inches.
const A4_LANDSCAPE_IN: f64 = 11.69 - 0.5 - 0.4;

/// A column's printed width in inches. LibreOffice draws a unit of column width wider than
/// Excel does (about 0.0986 in against 0.073 in, measured on the rendered PDF), so the wider
/// one is assumed: the page then fits in both.
fn column_in(width: f64) -> f64 {
    width * 0.0986
}

/// How a sheet prints: A4 landscape, header rows repeated, page numbers in the footer, and a
/// print scale that keeps the text at 9 pt at least ([`MIN_PRINT_SCALE`]) instead of shrinking
/// every column onto one page width. A sheet wider than a page goes on over pages across, each
/// starting at one of `breaks` (column indexes) when given, with the first `keep` columns (the
/// STT and the cell's name) repeated on every page so no row loses its name.
struct PrintLayout<'w> {
    widths: &'w [f64],
    header: (u32, u32),
    breaks: &'w [usize],
    keep: usize,
}

impl PrintLayout<'_> {
    /// The scale: the widest page (repeated columns included) fits the paper, within 75–100 %.
    fn scale(&self) -> u16 {
        let px = |cols: &[f64]| cols.iter().copied().map(column_in).sum::<f64>();
        let kept = px(self.widths.get(..self.keep).unwrap_or_default());
        let mut starts: Vec<usize> = vec![0];
        starts.extend(
            self.breaks
                .iter()
                .copied()
                .filter(|&b| b < self.widths.len()),
        );
        starts.push(self.widths.len());
        let widest = starts
            .windows(2)
            .map(|w| {
                let page = px(self.widths.get(w[0]..w[1]).unwrap_or_default());
                if w[0] == 0 { page } else { page + kept }
            })
            .fold(0.0, f64::max);
        let fit = (A4_LANDSCAPE_IN / widest.max(0.01) * 100.0).floor();
        // Bounded to 75..=100 just above, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let scale = fit.clamp(f64::from(MIN_PRINT_SCALE), 100.0) as u16;
        scale
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_margins(0.5, 0.4, 0.6, 0.5, 0.3, 0.3);
        ws.set_print_scale(self.scale());
        ws.set_repeat_rows(self.header.0, self.header.1)?;
        if self.keep > 0 {
            ws.set_repeat_columns(0, col(self.keep - 1))?;
        }
        if !self.breaks.is_empty() {
            let breaks: Vec<u32> = self.breaks.iter().map(|&b| u(b)).collect();
            ws.set_vertical_page_breaks(&breaks)?;
        }
        ws.set_footer("&C&\"Times New Roman\"Trang &P / &N");
        Ok(())
    }
}

/// Writes an optional number.
fn num(ws: &mut Worksheet, row: u32, c: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, c, v, f)?,
        None => ws.write_blank(row, c, f)?,
    };
    Ok(())
}

/// Sets a row's height to fit wrapped text: LibreOffice does not grow rows written without a
/// height, so the lines each text needs in its column are estimated (about 1.1 characters of
/// 12-point Times New Roman per unit of column width).
fn fit_row(ws: &mut Worksheet, row: u32, texts: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = texts
        .iter()
        .map(|(t, w)| {
            let per_line = (w * 1.1).max(1.0);
            let chars = t.chars().count() as f64;
            (chars / per_line).ceil().max(1.0)
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(row, 16.0 * lines)?;
    }
    Ok(())
}

fn text(ws: &mut Worksheet, row: u32, c: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, c, s, f)?;
    Ok(())
}

fn date(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    d: Option<NaiveDate>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match d.map(excel_date).transpose()? {
        Some(x) => ws.write_datetime_with_format(row, c, &x, &f.date)?,
        None => ws.write_blank(row, c, &f.text)?,
    };
    Ok(())
}

/// The labels of a period, upper case for the title: `QUÝ I NĂM 2023`.
fn period_title(p: &Period) -> String {
    upper(&p.label_vi())
}

/// The name and workbook of the `ci`-th cell consolidated.
fn cell_names(c: &Consolidated, ci: usize) -> (&str, &str) {
    c.summaries
        .get(ci)
        .map_or(("", ""), |s| (s.name.as_str(), s.file.as_str()))
}

/// Consolidates `cells` (in order) and gathers the list sheets' rows in the same pass: what
/// [`summary_workbook`] is built from.
#[must_use]
pub fn consolidate_with_rows(
    cells: &[&Cell],
    period: &Period,
    as_of: NaiveDate,
    rules: &Rules,
) -> (Consolidated, SheetRows) {
    let mut c = Collector::new(period, as_of, rules);
    for cell in cells {
        c.add(cell);
    }
    c.finish()
}

/// Builds the workbook from the consolidation and the list sheets' `rows`, and returns its
/// bytes (the caller writes them atomically).
///
/// # Errors
/// rust_xlsxwriter refused a value (a date before 1900, a string over 32,767 characters), or
/// the rows could not be read back from their temporary files.
pub fn summary_workbook(
    input: &SummaryInput<'_>,
    rows: &mut SheetRows,
) -> Result<Vec<u8>, XlsxError> {
    summary_workbook_with_register(input, rows, None)
}

/// [`summary_workbook`], with a last sheet `Sổ văn bản` listing `register` (the numbers of
/// the current term, [`crate::register::Register::of_term`]) when the register is kept.
///
/// # Errors
/// As [`summary_workbook`].
pub fn summary_workbook_with_register(
    input: &SummaryInput<'_>,
    rows: &mut SheetRows,
    register: Option<&[&Entry]>,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let c = input.consolidated;
    let mut wb = Workbook::new();
    let title = format!(
        "Bảng tổng hợp kết quả sinh hoạt chi bộ {}",
        c.period.label_vi()
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author(&input.committee.ten)
            .set_company(&input.committee.ten)
            .set_creation_datetime(&excel_date(c.period.last)?),
    );
    let summary_rows = summary_sheet(wb.add_worksheet(), input, &f)?;
    // The list sheets grow with the committee (a row per meeting, person, flag): they are
    // written row by row in "low memory" mode, each finished row flushed to a temporary file
    // (strings still shared), so a thousand cells do not hold every cell of them in memory.
    // Their rows are written strictly in order, row heights before the next row starts.
    meetings_sheet(wb.add_worksheet_with_low_memory()?, input, rows, &f)?;
    people_sheet(wb.add_worksheet_with_low_memory()?, input, rows, &f)?;
    flags_sheet(wb.add_worksheet_with_low_memory()?, input, &f)?;
    commendations_sheet(wb.add_worksheet_with_low_memory()?, input, rows, &f)?;
    charts_sheet(wb.add_worksheet(), input, summary_rows)?;
    if let Some(entries) = register {
        register_sheet(wb.add_worksheet(), entries, &f)?;
    }
    wb.save_to_buffer()
}

/// `Sổ văn bản`: every number of the term, by issuer, type and number.
fn register_sheet(ws: &mut Worksheet, entries: &[&Entry], f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET_REGISTER)?;
    // 96 units in all: one A4 landscape page across at 100 % in LibreOffice too, whose unit
    // measured about 0.108 in on this sheet's PDF (more than `column_in` assumes).
    let headers: [(&str, f64); 7] = [
        ("STT", 5.0),
        ("Số", 5.0),
        ("Ký hiệu", 10.0),
        ("Ngày", 11.0),
        ("Trích yếu", 26.0),
        ("Nơi ban hành", 17.0),
        ("Tệp", 22.0),
    ];
    let term = entries.first().map_or("", |e| e.nhiem_ky.as_str());
    list_header(
        ws,
        &format!("SỔ ĐĂNG KÝ SỐ VĂN BẢN NHIỆM KỲ {}", upper(term)),
        &format!(
            "(Theo tệp {} trong thư mục làm việc: {} văn bản)",
            crate::register::FILE_NAME,
            entries.len()
        ),
        &headers,
        f,
    )?;
    // `07`, as the documents print it, but still a number Excel sorts.
    let number = f.int.clone().set_num_format("00");
    let mut row = LIST_HEADER_ROW + 1;
    for (stt, e) in entries.iter().enumerate() {
        num(ws, row, 0, Some((stt + 1) as f64), &f.int)?;
        num(ws, row, 1, Some(f64::from(e.so)), &number)?;
        text(ws, row, 2, &e.ky_hieu, &f.text)?;
        match NaiveDate::parse_from_str(&e.ngay, "%d/%m/%Y") {
            Ok(d) => date(ws, row, 3, Some(d), f)?,
            Err(_) => text(ws, row, 3, &e.ngay, &f.text)?,
        }
        text(ws, row, 4, &e.trich_yeu, &f.wrap)?;
        text(ws, row, 5, &e.noi_ban_hanh, &f.wrap)?;
        text(ws, row, 6, &e.tep, &f.wrap)?;
        let texts = [
            (&*e.trich_yeu, 30.0),
            (&*e.noi_ban_hanh, 20.0),
            (&*e.tep, 27.0),
        ];
        fit_row(ws, row, &texts)?;
        row += 1;
    }
    if row > LIST_HEADER_ROW + 1 {
        ws.autofilter(LIST_HEADER_ROW, 0, row - 1, 6)?;
    }
    Ok(())
}

/// The committee's title block (rows 0–2) over columns `from..=to`: the issuer on the left
/// (wrapped over two lines when long), `ĐẢNG CỘNG SẢN VIỆT NAM` and the place and date on the
/// right.
fn title_block(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    (from, to): (u16, u16),
    split: u16,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cm = input.committee;
    let left1 = upper(&cm.cap_tren);
    let left2 = if cm.ten.is_empty() {
        "ĐẢNG ỦY".to_string()
    } else {
        upper(&crate::text::committee_of(&cm.ten))
    };
    ws.merge_range(0, from, 0, split - 1, &left1, &f.org)?;
    ws.merge_range(1, from, 1, split - 1, &left2, &f.org_bold)?;
    ws.merge_range(2, from, 2, split - 1, "*", &f.org)?;
    ws.merge_range(0, split, 0, to, "ĐẢNG CỘNG SẢN VIỆT NAM", &f.national)?;
    let d = input.consolidated.as_of;
    let place = if cm.dia_danh.is_empty() {
        String::new()
    } else {
        format!("{}, ", cm.dia_danh)
    };
    ws.merge_range(
        1,
        split,
        1,
        to,
        &format!("{place}{}", crate::dates::party_date(d)),
        &f.place,
    )?;
    // Issuer names run long (`ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH …`): two lines each.
    ws.set_row_height(0, 34)?;
    ws.set_row_height(1, 34)?;
    Ok(())
}

/// `Tổng hợp`; returns the number of cell rows (for the charts).
fn summary_sheet(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    f: &Formats,
) -> Result<u32, XlsxError> {
    ws.set_name(SHEET_SUMMARY)?;
    let c = input.consolidated;
    let layout = SummaryColumns::of(input);
    summary_title(ws, input, &layout, f)?;
    summary_headers(ws, &layout, f)?;
    for (row, (i, s)) in (SUMMARY_FIRST_ROW..).zip(c.summaries.iter().enumerate()) {
        summary_row(ws, row, Some(i + 1), s, &layout, &RowStyle::body(f))?;
    }
    let n = u(c.summaries.len());
    let total_row = SUMMARY_FIRST_ROW + n;
    summary_row(ws, total_row, None, &c.totals, &layout, &RowStyle::total(f))?;
    if n > 0 {
        summary_highlights(ws, input, &layout, total_row, f)?;
    }
    ws.set_freeze_panes(SUMMARY_FIRST_ROW, 2)?;
    let widths = layout.widths();
    for (cc, w) in widths.iter().enumerate() {
        ws.set_column_width(col(cc), *w)?;
    }
    // Two pages across: the rolls, meetings held and topics; then attendance, scores, grades
    // and commendations, each page with the cells' names.
    PrintLayout {
        widths: &widths,
        header: (SUMMARY_HEADER.0, SUMMARY_HEADER.1),
        breaks: &[FIRST_PAGE_END],
        keep: REPEATED_COLUMNS,
    }
    .apply(ws)?;
    Ok(n)
}

/// The two header rows of `Tổng hợp`.
const SUMMARY_HEADER: (u32, u32) = (5, 6);

/// The columns of `Tổng hợp`: 17 fixed ones, one per band of the scheme, then the year's
/// grade, commendations and notes.
struct SummaryColumns {
    bands: Vec<String>,
    /// The first band column.
    fixed: usize,
    /// The column after the bands (`Xếp loại năm`).
    after: usize,
    width: usize,
}

impl SummaryColumns {
    fn of(input: &SummaryInput<'_>) -> Self {
        let bands = band_names(input);
        let fixed = 17usize;
        let after = fixed + bands.len();
        Self {
            bands,
            fixed,
            after,
            width: after + 6,
        }
    }

    fn widths(&self) -> Vec<f64> {
        let mut widths = vec![6.0; self.width];
        for (cc, w) in [
            (0, 5.0),
            (1, NAME_WIDTH),
            (10, TOPIC_WIDTH),
            (16, 7.0),
            (self.after, 9.0),
            (self.after + 5, NOTE_WIDTH),
        ] {
            if let Some(slot) = widths.get_mut(cc) {
                *slot = w;
            }
        }
        widths
    }
}

/// The title block, the table's title and the note on how the rate is computed: over the
/// first printed page only (columns before the page break), and right of the name columns
/// that every page repeats, so that no page prints a piece of a title.
fn summary_title(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    layout: &SummaryColumns,
    f: &Formats,
) -> Result<(), XlsxError> {
    let c = input.consolidated;
    let first_page = FIRST_PAGE_END.min(layout.width);
    let title = (col(REPEATED_COLUMNS), col(first_page - 1));
    title_block(ws, input, title, col(REPEATED_COLUMNS + 5), f)?;
    ws.merge_range(
        3,
        title.0,
        3,
        title.1,
        &format!(
            "BẢNG TỔNG HỢP KẾT QUẢ SINH HOẠT CHI BỘ {}",
            period_title(&c.period)
        ),
        &f.title,
    )?;
    ws.set_row_height(3, 24)?;
    ws.merge_range(
        4,
        title.0,
        4,
        title.1,
        &format!(
            "(Số liệu tính đến ngày {}; tỷ lệ dự sinh hoạt thường kỳ tính từ tổng số lượt, không lấy bình quân các tỷ lệ)",
            c.as_of.format("%d/%m/%Y")
        ),
        &f.note,
    )?;
    ws.set_row_height(4, 32)?;
    Ok(())
}

/// The two header rows: single headers spanning both, groups over their sub-headers.
fn summary_headers(
    ws: &mut Worksheet,
    layout: &SummaryColumns,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (h1, h2) = SUMMARY_HEADER;
    let single = |ws: &mut Worksheet, c: usize, s: &str| -> Result<(), XlsxError> {
        ws.merge_range(h1, col(c), h2, col(c), s, &f.header)?;
        Ok(())
    };
    let group =
        |ws: &mut Worksheet, from: usize, s: &str, subs: &[&str]| -> Result<(), XlsxError> {
            let to = from + subs.len().max(1) - 1;
            if to > from {
                ws.merge_range(h1, col(from), h1, col(to), s, &f.header)?;
            } else {
                ws.write_string_with_format(h1, col(from), s, &f.header)?;
            }
            for (i, sub) in subs.iter().enumerate() {
                ws.write_string_with_format(h2, col(from + i), *sub, &f.header)?;
            }
            Ok(())
        };
    let (fixed, after) = (layout.fixed, layout.after);
    single(ws, 0, "STT")?;
    single(ws, 1, "Tên chi bộ")?;
    group(
        ws,
        2,
        "Số đảng viên cuối kỳ",
        &["Tổng số", "Chính thức", "Dự bị", "Miễn SH"],
    )?;
    group(ws, 6, "SH thường kỳ", &["KH", "TH"])?;
    group(ws, 8, "SH chuyên đề", &["KH", "TH"])?;
    single(ws, 10, "Tên chuyên đề đã sinh hoạt")?;
    group(
        ws,
        11,
        "Dự SH thường kỳ",
        &["Lượt dự", "Lượt phải dự", "Tỷ lệ bình quân"],
    )?;
    group(
        ws,
        14,
        "Vắng SH thường kỳ (lượt)",
        &["Có lý do", "Không lý do"],
    )?;
    single(ws, 16, "Điểm bình quân")?;
    let band_refs: Vec<&str> = layout.bands.iter().map(String::as_str).collect();
    if !band_refs.is_empty() {
        group(ws, fixed, "Xếp loại các buổi sinh hoạt", &band_refs)?;
    }
    single(ws, after, "Xếp loại năm")?;
    group(ws, after + 1, "Biểu dương đảng viên", &["Người", "Lượt"])?;
    group(ws, after + 3, "Biểu dương quần chúng", &["Người", "Lượt"])?;
    single(ws, after + 5, "Ghi chú")?;
    ws.set_row_height(h1, 32)?;
    ws.set_row_height(h2, 48)?;
    Ok(())
}

/// The formats of a row of `Tổng hợp`: a cell's, or the bold total's.
struct RowStyle<'f> {
    text: &'f Format,
    int: &'f Format,
    rate: &'f Format,
    score: &'f Format,
    wrap: &'f Format,
}

impl<'f> RowStyle<'f> {
    fn body(f: &'f Formats) -> Self {
        Self {
            text: &f.text,
            int: &f.int,
            rate: &f.rate,
            score: &f.score,
            wrap: &f.wrap,
        }
    }

    fn total(f: &'f Formats) -> Self {
        Self {
            text: &f.total_text,
            int: &f.total_int,
            rate: &f.total_rate,
            score: &f.total_score,
            wrap: &f.total_text,
        }
    }
}

/// One cell's row (or the total's, without a number), every figure from its summary.
fn summary_row(
    ws: &mut Worksheet,
    row: u32,
    stt: Option<usize>,
    s: &CellSummary,
    layout: &SummaryColumns,
    st: &RowStyle<'_>,
) -> Result<(), XlsxError> {
    num(ws, row, 0, stt.map(|n| n as f64), st.int)?;
    text(ws, row, 1, &s.name, st.wrap)?;
    let ints: [(usize, u32); 9] = [
        (2, s.members.total),
        (3, s.members.full),
        (4, s.members.probationary),
        (5, s.members.exempted),
        (6, s.regular_due),
        (7, s.regular_held),
        (8, s.thematic_due),
        (9, s.thematic_held),
        (11, s.attendance.present),
    ];
    for (cc, v) in ints {
        ws.write_number_with_format(row, col(cc), f64::from(v), st.int)?;
    }
    let topics = s.topics().collect::<Vec<_>>().join("; ");
    text(ws, row, 10, &topics, st.wrap)?;
    ws.write_number_with_format(row, 12, f64::from(s.attendance.eligible), st.int)?;
    num(ws, row, 13, s.attendance_rate(), st.rate)?;
    ws.write_number_with_format(row, 14, f64::from(s.attendance.excused), st.int)?;
    ws.write_number_with_format(row, 15, f64::from(s.attendance.unexcused), st.int)?;
    num(ws, row, 16, s.score_avg(), st.score)?;
    for (i, n) in s.band_counts.iter().enumerate() {
        ws.write_number_with_format(row, col(layout.fixed + i), f64::from(*n), st.int)?;
    }
    let after = layout.after;
    text(
        ws,
        row,
        col(after),
        s.annual_grade.as_deref().unwrap_or(""),
        st.text,
    )?;
    let cm = s.commendations;
    for (i, v) in [
        cm.members_people,
        cm.members_times,
        cm.masses_people,
        cm.masses_times,
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_number_with_format(row, col(after + 1 + i), f64::from(v), st.int)?;
    }
    let notes = summary_notes(s);
    text(ws, row, col(after + 5), &notes, st.wrap)?;
    fit_row(
        ws,
        row,
        &[
            (&s.name, NAME_WIDTH),
            (&topics, TOPIC_WIDTH),
            (&notes, NOTE_WIDTH),
        ],
    )
}

/// The `Ghi chú` of a row: months and quarters without their meeting, the reason of the
/// year's grade, the count of warnings.
fn summary_notes(s: &CellSummary) -> String {
    let mut notes = Vec::new();
    if !s.regular_missing.is_empty() {
        let list: Vec<String> = s
            .regular_missing
            .iter()
            .map(|m| format!("{}/{}", m.number, m.year))
            .collect();
        notes.push(format!("Thiếu SH thường kỳ tháng {}", list.join(", ")));
    }
    if !s.thematic_missing.is_empty() {
        let list: Vec<String> = s
            .thematic_missing
            .iter()
            .map(|q| format!("{}/{}", crate::aggregate::period::roman(q.number), q.year))
            .collect();
        notes.push(format!("Thiếu SH chuyên đề quý {}", list.join(", ")));
    }
    if let (Some(grade), Some(reason)) = (&s.annual_grade, &s.annual_reason) {
        notes.push(format!("Xếp loại năm {grade}: {reason}"));
    }
    if s.flag_errors + s.flag_warnings > 0 {
        notes.push(format!(
            "{} cảnh báo (xem trang «{SHEET_FLAGS}»)",
            s.flag_errors + s.flag_warnings
        ));
    }
    notes.join("; ")
}

/// Conditional formats: a rate at or under the threshold, any absence without reason, the
/// worst and best band counts; and the filter over the cells' rows.
fn summary_highlights(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    layout: &SummaryColumns,
    total_row: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let last = total_row;
    low_rates(ws, (SUMMARY_FIRST_ROW, last), 13, input, f)?;
    ws.add_conditional_format(
        SUMMARY_FIRST_ROW,
        15,
        last - 1,
        15,
        &ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::GreaterThan(0))
            .set_format(&f.bad),
    )?;
    band_formats(
        ws,
        SUMMARY_FIRST_ROW,
        col(layout.after),
        last - 1,
        &layout.bands,
        f,
    )?;
    ws.autofilter(SUMMARY_HEADER.1, 0, last - 1, col(layout.width - 1))?;
    Ok(())
}

/// The labels of the scheme's bands, best first.
fn band_names(input: &SummaryInput<'_>) -> Vec<String> {
    input
        .rules
        .scheme
        .bands
        .iter()
        .map(|b| b.ten.clone())
        .collect()
}

/// Rates at or under the attendance threshold in red, in column `c` over `rows`.
fn low_rates(
    ws: &mut Worksheet,
    rows: (u32, u32),
    c: u16,
    input: &SummaryInput<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.add_conditional_format(
        rows.0,
        c,
        rows.1,
        c,
        &ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::LessThanOrEqualTo(
                input.rules.attendance.nguong / 100.0,
            ))
            .set_format(&f.bad),
    )?;
    Ok(())
}

/// Colours the band labels of a column range: best band green, worst red, the others in
/// between.
fn band_formats(
    ws: &mut Worksheet,
    r1: u32,
    c: u16,
    r2: u32,
    bands: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    if r2 < r1 {
        return Ok(());
    }
    let n = bands.len();
    for (i, b) in bands.iter().enumerate() {
        let fmt = if i == 0 {
            &f.good
        } else if i + 1 == n {
            &f.bad
        } else if i == 1 {
            &f.fair
        } else {
            &f.weak
        };
        ws.add_conditional_format(
            r1,
            c,
            r2,
            c,
            &ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::BeginsWith(b.clone()))
                .set_format(fmt),
        )?;
    }
    Ok(())
}

/// Title row and note row of a list sheet, and its header row.
fn list_header(
    ws: &mut Worksheet,
    title: &str,
    note: &str,
    headers: &[(&str, f64)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let last = col(headers.len().max(1) - 1);
    ws.merge_range(0, 0, 0, last, title, &f.title)?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(1, 0, 1, last, note, &f.note)?;
    for (i, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(LIST_HEADER_ROW, col(i), *h, &f.header)?;
        ws.set_column_width(col(i), *w)?;
    }
    ws.set_row_height(LIST_HEADER_ROW, 48)?;
    ws.set_freeze_panes(LIST_HEADER_ROW + 1, 0)?;
    let widths: Vec<f64> = headers.iter().map(|(_, w)| *w).collect();
    PrintLayout {
        widths: &widths,
        header: (LIST_HEADER_ROW, LIST_HEADER_ROW),
        breaks: &[],
        keep: 2,
    }
    .apply(ws)?;
    Ok(())
}

fn meetings_sheet(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    rows: &mut SheetRows,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_MEETINGS)?;
    let c = input.consolidated;
    let headers: [(&str, f64); 24] = [
        ("STT", 5.0),
        ("Chi bộ", 18.0),
        ("Ngày", 11.0),
        ("Loại", 20.0),
        ("Tình trạng", 10.0),
        ("Nội dung / chuyên đề", 32.0),
        ("Bắt đầu", 8.0),
        ("Kết thúc", 8.0),
        ("Thời lượng (phút)", 9.0),
        ("Đảng viên trong danh sách", 10.0),
        ("Miễn SH", 7.0),
        ("Phải dự", 7.0),
        ("Có mặt", 7.0),
        ("Trong đó miễn SH dự", 8.0),
        ("Vắng có lý do", 8.0),
        ("Vắng không lý do", 8.0),
        ("Chưa điểm danh", 8.0),
        ("Quần chúng dự", 8.0),
        ("Tỷ lệ dự", 8.0),
        ("Điểm", 7.0),
        ("Xếp loại", 11.0),
        ("Tệp nguồn", 18.0),
        ("Trang tính", 11.0),
        ("Dòng", 6.0),
    ];
    list_header(
        ws,
        &format!("CÁC BUỔI SINH HOẠT CHI BỘ {}", period_title(&c.period)),
        "(Tỷ lệ dự = lượt dự / lượt phải dự; đảng viên miễn sinh hoạt có dự được tính cả hai vế)",
        &headers,
        f,
    )?;
    let mut row = LIST_HEADER_ROW + 1;
    for m in rows.meetings.rows()? {
        let m = m?;
        meeting_row(ws, row, &m, cell_names(c, m.cell), f)?;
        row += 1;
    }
    if row > LIST_HEADER_ROW + 1 {
        meeting_highlights(ws, input, row - 1, f)?;
    }
    Ok(())
}

/// One meeting: when, what, how long, its attendance figures, score and band, and where it
/// was read. `names` are the cell's name and file.
fn meeting_row(
    ws: &mut Worksheet,
    row: u32,
    m: &MeetingRow,
    (name, file): (&str, &str),
    f: &Formats,
) -> Result<(), XlsxError> {
    num(ws, row, 0, Some(list_number(row)), &f.int)?;
    text(ws, row, 1, name, &f.text)?;
    date(ws, row, 2, Some(m.date), f)?;
    text(ws, row, 3, &m.kinds, &f.text)?;
    text(ws, row, 4, &m.status, &f.text)?;
    let topic = m.topic.as_deref().unwrap_or("");
    text(ws, row, 5, topic, &f.wrap)?;
    fit_row(ws, row, &[(topic, 32.0)])?;
    let hm = |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    text(ws, row, 6, &hm(m.start).unwrap_or_default(), &f.text)?;
    text(ws, row, 7, &hm(m.end).unwrap_or_default(), &f.text)?;
    num(ws, row, 8, m.duration.map(f64::from), &f.int)?;
    let fig = m.figures.as_ref();
    let a = fig.and_then(|x| x.attendance.as_ref());
    let n = |v: Option<u32>| v.map(f64::from);
    num(ws, row, 9, n(fig.map(|x| x.on_rolls)), &f.int)?;
    num(ws, row, 10, n(fig.map(|x| x.exempted)), &f.int)?;
    num(ws, row, 11, n(a.map(|a| a.eligible)), &f.int)?;
    num(ws, row, 12, n(a.map(|a| a.present)), &f.int)?;
    num(ws, row, 13, n(a.map(|a| a.exempted_present)), &f.int)?;
    num(ws, row, 14, n(a.map(|a| a.excused)), &f.int)?;
    num(ws, row, 15, n(a.map(|a| a.unexcused)), &f.int)?;
    num(ws, row, 16, n(a.map(|a| a.missing)), &f.int)?;
    num(ws, row, 17, n(fig.map(|x| x.masses_present)), &f.int)?;
    num(ws, row, 18, a.and_then(|a| a.rate), &f.rate)?;
    num(ws, row, 19, fig.and_then(|x| x.score), &f.score)?;
    text(
        ws,
        row,
        20,
        fig.and_then(|x| x.band.as_deref()).unwrap_or(""),
        &f.text,
    )?;
    text(ws, row, 21, file, &f.text)?;
    text(ws, row, 22, &m.sheet, &f.text)?;
    ws.write_number_with_format(row, 23, f64::from(m.row) + 1.0, &f.int)?;
    Ok(())
}

/// The filter over the meetings; rates at or under the threshold red, the bands coloured.
fn meeting_highlights(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    last: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.autofilter(LIST_HEADER_ROW, 0, last, 23)?;
    low_rates(ws, (LIST_HEADER_ROW + 1, last), 18, input, f)?;
    band_formats(ws, LIST_HEADER_ROW + 1, 20, last, &band_names(input), f)
}

/// Other cells named in a person's row: at most this many, then how many more.
const OTHER_CELLS_NAMED: usize = 5;

/// The cells of `groups` other than `own`, by name, `; `-separated: the first
/// [`OTHER_CELLS_NAMED`], then `và N chi bộ khác`.
fn other_cells(
    c: &Consolidated,
    group_cells: &[Vec<usize>],
    groups: &[usize],
    own: usize,
) -> String {
    let union: Vec<usize> = match groups {
        [one] => group_cells.get(*one).cloned().unwrap_or_default(),
        many => many
            .iter()
            .filter_map(|g| group_cells.get(*g))
            .flatten()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    // `union` is sorted: counting skips the walk over the whole group.
    let count = union.len() - usize::from(union.binary_search(&own).is_ok());
    let shown: Vec<&str> = union
        .iter()
        .filter(|&&o| o != own)
        .take(OTHER_CELLS_NAMED)
        .map(|&o| cell_names(c, o).0)
        .collect();
    let mut text = shown.join("; ");
    if count > shown.len() {
        text.push_str(&format!(" và {} chi bộ khác", count - shown.len()));
    }
    text
}

fn people_sheet(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    rows: &mut SheetRows,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_PEOPLE)?;
    let c = input.consolidated;
    let on = c.period.last.min(c.as_of).max(c.period.first);
    let headers: [(&str, f64); 15] = [
        ("STT", 5.0),
        ("Chi bộ", 18.0),
        ("Họ và tên", 24.0),
        ("Ngày sinh", 11.0),
        ("Ngày vào Đảng", 11.0),
        ("Ngày chính thức", 11.0),
        ("Số thẻ", 11.0),
        ("Chức vụ", 12.0),
        ("Tình trạng cuối kỳ", 14.0),
        ("Từ ngày", 11.0),
        ("Ngày chuyển đến", 11.0),
        ("Sinh hoạt tạm thời", 9.0),
        ("Có tên ở chi bộ khác", 24.0),
        ("Trang tính", 11.0),
        ("Dòng", 6.0),
    ];
    list_header(
        ws,
        &format!("DANH SÁCH ĐẢNG VIÊN CÁC CHI BỘ {}", period_title(&c.period)),
        &format!("(Tình trạng tính đến ngày {})", on.format("%d/%m/%Y")),
        &headers,
        f,
    )?;
    let duplicates = DuplicateIndex::of(c);
    let mut row = LIST_HEADER_ROW + 1;
    for p in rows.people.rows()? {
        let p = p?;
        let (name, _) = cell_names(c, p.cell);
        let others = duplicates.others(c, p.cell, p.person);
        person_row(ws, row, &p, (name, &others), f)?;
        row += 1;
    }
    if row > LIST_HEADER_ROW + 1 {
        let last = row - 1;
        ws.autofilter(LIST_HEADER_ROW, 0, last, 14)?;
        ws.add_conditional_format(
            LIST_HEADER_ROW + 1,
            12,
            last,
            12,
            &rust_xlsxwriter::ConditionalFormatBlank::new()
                .invert()
                .set_format(&f.weak),
        )?;
    }
    Ok(())
}

/// Other cells of each duplicated person: the groups' cells once, sorted, and for each
/// person the groups it is in (a list of every other cell per person was quadratic: 2,000
/// cells sharing 20 names took gigabytes, and a cell over Excel's text limit).
struct DuplicateIndex {
    group_cells: Vec<Vec<usize>>,
    groups_of: std::collections::BTreeMap<(usize, usize), Vec<usize>>,
}

impl DuplicateIndex {
    fn of(c: &Consolidated) -> Self {
        let group_cells: Vec<Vec<usize>> = c
            .duplicates
            .iter()
            .map(|g| {
                let mut v: Vec<usize> = g.members.iter().map(|&(o, _)| o).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut groups_of: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
            std::collections::BTreeMap::new();
        for (gi, g) in c.duplicates.iter().enumerate() {
            for &(ci, pi) in &g.members {
                groups_of.entry((ci, pi)).or_default().push(gi);
            }
        }
        Self {
            group_cells,
            groups_of,
        }
    }

    /// The other cells person `person` of cell `cell` is on the rolls of (empty for most).
    fn others(&self, c: &Consolidated, cell: usize, person: usize) -> String {
        self.groups_of
            .get(&(cell, person))
            .map(|groups| other_cells(c, &self.group_cells, groups, cell))
            .unwrap_or_default()
    }
}

/// One person: identity, dates, standing at the period's end, the other cells they are on,
/// and where they were read. `names` are the cell's name and the other cells.
fn person_row(
    ws: &mut Worksheet,
    row: u32,
    p: &PersonRow,
    (name, others): (&str, &str),
    f: &Formats,
) -> Result<(), XlsxError> {
    num(ws, row, 0, Some(list_number(row)), &f.int)?;
    text(ws, row, 1, name, &f.text)?;
    text(ws, row, 2, &p.name, &f.text)?;
    match (p.birth_date, p.birth_year) {
        (None, Some(y)) => num(ws, row, 3, Some(f64::from(y)), &f.int)?,
        (d, _) => date(ws, row, 3, d, f)?,
    }
    date(ws, row, 4, p.joined, f)?;
    date(ws, row, 5, p.full_member_since, f)?;
    text(ws, row, 6, p.card_no.as_deref().unwrap_or(""), &f.text)?;
    text(ws, row, 7, p.role.as_deref().unwrap_or(""), &f.text)?;
    text(ws, row, 8, &p.standing, &f.text)?;
    date(ws, row, 9, p.status_since, f)?;
    date(ws, row, 10, p.transferred_in, f)?;
    text(ws, row, 11, if p.temporary { "x" } else { "" }, &f.text)?;
    text(ws, row, 12, others, &f.text)?;
    text(ws, row, 13, &p.sheet, &f.text)?;
    ws.write_number_with_format(row, 14, f64::from(p.row) + 1.0, &f.int)?;
    Ok(())
}

/// `Vi phạm` for a breach of the meeting rules, `Cần xem` for data that does not add up.
fn flag_level(flag: &Flag) -> &'static str {
    match flag.severity {
        Severity::Error => "Vi phạm",
        Severity::Warning => "Cần xem",
    }
}

fn flags_sheet(ws: &mut Worksheet, input: &SummaryInput<'_>, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET_FLAGS)?;
    let c = input.consolidated;
    // Officials read this sheet: every kind is a Vietnamese label, no internal code.
    let headers: [(&str, f64); 10] = [
        ("STT", 5.0),
        ("Chi bộ", 18.0),
        ("Tệp", 18.0),
        ("Mức", 10.0),
        ("Loại", 22.0),
        ("Ngày / kỳ", 12.0),
        ("Đảng viên", 20.0),
        ("Nội dung", 60.0),
        ("Trang tính", 11.0),
        ("Ô / dòng", 8.0),
    ];
    list_header(
        ws,
        &format!("CÁC VẤN ĐỀ CẦN XỬ LÝ {}", period_title(&c.period)),
        "(Vi phạm: trái quy định sinh hoạt chi bộ; Cần xem: số liệu chưa khớp; Lỗi dữ liệu: sổ của chi bộ chưa đọc được, chưa tổng hợp)",
        &headers,
        f,
    )?;
    let mut row = LIST_HEADER_ROW + 1;
    for flag in &c.flags {
        flag_row(ws, row, flag, f)?;
        row += 1;
    }
    for d in input.problems {
        problem_row(ws, row, d, f)?;
        row += 1;
    }
    if row > LIST_HEADER_ROW + 1 {
        flag_highlights(ws, row - 1, f)?;
    }
    Ok(())
}

/// The number of the list's row `row` (`STT`).
fn list_number(row: u32) -> f64 {
    f64::from(row - LIST_HEADER_ROW)
}

/// A flag of the period: where, what kind, when, who, and the message.
fn flag_row(ws: &mut Worksheet, row: u32, flag: &Flag, f: &Formats) -> Result<(), XlsxError> {
    num(ws, row, 0, Some(list_number(row)), &f.int)?;
    text(ws, row, 1, &flag.cell, &f.text)?;
    text(ws, row, 2, &flag.file, &f.text)?;
    text(ws, row, 3, flag_level(flag), &f.text)?;
    text(ws, row, 4, flag.kind.label_vi(), &f.wrap)?;
    let when = match (flag.date, flag.period) {
        (Some(d), _) => d.format("%d/%m/%Y").to_string(),
        (None, Some(p)) => p.label_vi(),
        (None, None) => String::new(),
    };
    text(ws, row, 5, &when, &f.text)?;
    text(ws, row, 6, flag.person.as_deref().unwrap_or(""), &f.text)?;
    text(ws, row, 7, &flag.message.vi, &f.wrap)?;
    fit_row(ws, row, &[(&flag.message.vi, 60.0)])?;
    text(
        ws,
        row,
        8,
        flag.source.as_ref().map_or("", |s| s.sheet.as_str()),
        &f.text,
    )?;
    num(
        ws,
        row,
        9,
        flag.source.as_ref().map(|s| f64::from(s.row) + 1.0),
        &f.int,
    )
}

/// A problem of a workbook left out of the period's figures, with its value, column and cell.
fn problem_row(ws: &mut Worksheet, row: u32, d: &Diagnostic, f: &Formats) -> Result<(), XlsxError> {
    num(ws, row, 0, Some(list_number(row)), &f.int)?;
    text(ws, row, 1, "", &f.text)?;
    text(ws, row, 2, &d.location.file, &f.text)?;
    let level = if d.is_error() {
        "Lỗi dữ liệu"
    } else {
        "Cảnh báo dữ liệu"
    };
    text(ws, row, 3, level, &f.text)?;
    text(ws, row, 4, "Sổ chi bộ có lỗi", &f.wrap)?;
    text(ws, row, 5, "", &f.text)?;
    text(ws, row, 6, "", &f.text)?;
    let mut msg = d.message.vi.clone();
    if let Some(v) = d.value.as_ref().filter(|v| !msg.contains(v.as_str())) {
        msg.push_str(&format!(": `{v}`"));
    }
    if let Some(col) = &d.location.column {
        msg.push_str(&format!(" (cột «{col}»)"));
    }
    text(ws, row, 7, &msg, &f.wrap)?;
    fit_row(ws, row, &[(&msg, 60.0)])?;
    text(
        ws,
        row,
        8,
        d.location.sheet.as_deref().unwrap_or(""),
        &f.text,
    )?;
    text(ws, row, 9, &d.location.a1().unwrap_or_default(), &f.text)
}

/// The filter over the list, and the levels coloured: breaches and unread workbooks red,
/// figures to look at amber.
fn flag_highlights(ws: &mut Worksheet, last: u32, f: &Formats) -> Result<(), XlsxError> {
    ws.autofilter(LIST_HEADER_ROW, 0, last, 9)?;
    for (label, fmt) in [
        ("Vi phạm", &f.bad),
        ("Lỗi dữ liệu", &f.bad),
        ("Cần xem", &f.weak),
    ] {
        ws.add_conditional_format(
            LIST_HEADER_ROW + 1,
            3,
            last,
            3,
            &ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::BeginsWith(label.to_string()))
                .set_format(fmt),
        )?;
    }
    Ok(())
}

fn commendations_sheet(
    ws: &mut Worksheet,
    input: &SummaryInput<'_>,
    rows: &mut SheetRows,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_COMMENDATIONS)?;
    let c = input.consolidated;
    let headers: [(&str, f64); 7] = [
        ("STT", 5.0),
        ("Chi bộ", 18.0),
        ("Ngày", 11.0),
        ("Họ và tên", 24.0),
        ("Đối tượng", 12.0),
        ("Nội dung", 40.0),
        ("Hình thức", 16.0),
    ];
    list_header(
        ws,
        &format!("BIỂU DƯƠNG {}", period_title(&c.period)),
        &format!(
            "(Tổng: {} người, {} lượt đảng viên; {} người, {} lượt quần chúng)",
            c.totals.commendations.members_people,
            c.totals.commendations.members_times,
            c.totals.commendations.masses_people,
            c.totals.commendations.masses_times
        ),
        &headers,
        f,
    )?;
    let mut row = LIST_HEADER_ROW + 1;
    for (stt, cm) in rows.commendations.rows()?.enumerate() {
        let cm = cm?;
        num(ws, row, 0, Some((stt + 1) as f64), &f.int)?;
        text(ws, row, 1, cell_names(c, cm.cell).0, &f.text)?;
        date(ws, row, 2, cm.date, f)?;
        text(ws, row, 3, &cm.name, &f.text)?;
        text(ws, row, 4, &cm.target, &f.text)?;
        let content = cm.content.as_deref().unwrap_or("");
        text(ws, row, 5, content, &f.wrap)?;
        fit_row(ws, row, &[(content, 40.0)])?;
        text(ws, row, 6, cm.form.as_deref().unwrap_or(""), &f.text)?;
        row += 1;
    }
    if row > LIST_HEADER_ROW + 1 {
        ws.autofilter(LIST_HEADER_ROW, 0, row - 1, 6)?;
    }
    Ok(())
}

fn charts_sheet(ws: &mut Worksheet, input: &SummaryInput<'_>, n: u32) -> Result<(), XlsxError> {
    ws.set_name(SHEET_CHARTS)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if n == 0 {
        return Ok(());
    }
    let (first, last) = (SUMMARY_FIRST_ROW, SUMMARY_FIRST_ROW + n - 1);
    let cats = (SHEET_SUMMARY, first, 1u16, last, 1u16);
    let mut rate = Chart::new(ChartType::Column);
    rate.title()
        .set_name("Tỷ lệ đảng viên dự sinh hoạt theo chi bộ");
    rate.add_series()
        .set_name("Tỷ lệ dự")
        .set_categories(cats)
        .set_values((SHEET_SUMMARY, first, 13u16, last, 13u16))
        .set_data_label(
            rust_xlsxwriter::ChartDataLabel::new()
                .show_value()
                .set_num_format("0.0%"),
        );
    rate.y_axis().set_num_format("0%").set_min(0).set_max(1);
    rate.legend().set_hidden();
    rate.set_width(900).set_height(360);
    ws.insert_chart(1, 1, &rate)?;
    let mut bands = Chart::new(ChartType::ColumnStacked);
    bands
        .title()
        .set_name("Xếp loại các buổi sinh hoạt theo chi bộ");
    for (i, b) in input.rules.scheme.bands.iter().enumerate() {
        let cc = col(17 + i);
        bands
            .add_series()
            .set_name(b.ten.as_str())
            .set_categories(cats)
            .set_values((SHEET_SUMMARY, first, cc, last, cc));
    }
    bands.y_axis().set_name("Số buổi");
    bands.set_width(900).set_height(360);
    ws.insert_chart(21, 1, &bands)?;
    Ok(())
}
