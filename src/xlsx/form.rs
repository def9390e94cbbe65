//! The blank input form (`mau-so-chi-bo.xlsx`) that `chibo init` writes: every sheet of
//! `shared/spec/input-workbook.md` with its canonical headers from [`crate::schema`], a
//! drop-down on every enumerated column, one example row with an invented person, a frozen
//! header row and sensible widths. Filling it gives data the reader takes without a warning.

use chrono::{NaiveDate, NaiveTime};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use crate::config::{Config, GroupConfig};
use crate::schema::{Col, Field, INFO_LABELS, InfoLabel, SheetKind};

/// Rows that get the drop-downs and formats (the header is row 0).
const LAST_ROW: u32 = 1000;

/// The values offered by the drop-down of a column (the first is what the example row uses).
fn choices(kind: SheetKind, col: Col, config: &Config) -> Option<Vec<String>> {
    let v = |xs: &[&str]| Some(xs.iter().map(|s| (*s).to_string()).collect());
    match (kind, col) {
        (_, Col::Gender) => v(&["Nam", "Nữ"]),
        (SheetKind::Members, Col::Status) => v(&[
            "Chính thức",
            "Dự bị",
            "Miễn sinh hoạt",
            "Sinh hoạt tạm thời",
            "Chuyển đi",
            "Từ trần",
            "Quần chúng",
        ]),
        (SheetKind::Members, Col::Role) => v(&["Bí thư", "Phó Bí thư", "Chi ủy viên", "Đảng viên"]),
        (SheetKind::Meetings | SheetKind::Scores, Col::Kind) => {
            v(&["Thường kỳ", "Chuyên đề", "Thường kỳ + Chuyên đề"])
        }
        (SheetKind::Meetings, Col::MeetingStatus) => v(&["Đã họp", "Kế hoạch", "Hoãn"]),
        (SheetKind::Meetings, Col::Form) => v(&["Tập trung", "Tọa đàm", "Thực tế", "Hội thi"]),
        (SheetKind::Attendance, Col::Mark) => {
            v(&["Có mặt", "Vắng có lý do", "Vắng không lý do", "Miễn"])
        }
        (SheetKind::Scores, Col::Band) => Some(
            config
                .scheme()
                .bands
                .iter()
                .map(|b| b.ten.clone())
                .collect(),
        ),
        (SheetKind::Commendations, Col::Target) => v(&["Đảng viên", "Quần chúng"]),
        _ => None,
    }
}

/// What a column holds, for its format and width.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Date,
    Time,
    Number,
    Text,
    Name,
    Long,
}

fn kind_of(col: Col) -> Kind {
    match col {
        Col::Date
        | Col::Birth
        | Col::Joined
        | Col::FullMemberSince
        | Col::StatusSince
        | Col::TransferredIn => Kind::Date,
        Col::Start | Col::End => Kind::Time,
        Col::Stt
        | Col::MassesPresent
        | Col::Opinions
        | Col::VotesFor
        | Col::VotesAgainst
        | Col::Present
        | Col::Excused
        | Col::Unexcused
        | Col::Group(_)
        | Col::Total
        | Col::UpperScore => Kind::Number,
        Col::FullName | Col::Chair | Col::Secretary | Col::Presenter => Kind::Name,
        Col::Topic | Col::Conclusion | Col::Guests | Col::Speakers | Col::Content | Col::Note => {
            Kind::Long
        }
        _ => Kind::Text,
    }
}

/// An example value.
enum Ex {
    Text(&'static str),
    Num(f64),
    Date(i32, u32, u32),
    Time(u32, u32),
}

/// The example row of each sheet (an invented person and meeting).
fn example(kind: SheetKind, col: Col) -> Option<Ex> {
    use Ex::{Date, Num, Text, Time};
    let ex = match (kind, col) {
        (SheetKind::Members, c) => match c {
            Col::Stt => Num(1.0),
            Col::FullName => Text("Nguyễn Văn Mẫu"),
            Col::Birth => Date(1980, 5, 12),
            Col::Gender => Text("Nam"),
            Col::Joined => Date(2005, 2, 3),
            Col::FullMemberSince => Date(2006, 2, 3),
            Col::CardNo => Text("01234567"),
            Col::Role => Text("Bí thư"),
            Col::Status => Text("Chính thức"),
            _ => return None,
        },
        (SheetKind::Meetings, c) => match c {
            Col::Stt => Num(1.0),
            Col::Date => Date(2025, 1, 15),
            Col::Kind => Text("Thường kỳ"),
            Col::Topic => Text("Kiểm điểm công tác tháng 12, triển khai nhiệm vụ tháng 01"),
            Col::Start => Time(14, 0),
            Col::End => Time(16, 0),
            Col::Place => Text("Phòng họp tầng 2"),
            Col::Chair => Text("Nguyễn Văn Mẫu"),
            Col::Secretary => Text("Trần Thị Ví Dụ"),
            Col::Opinions => Num(5.0),
            Col::Conclusion => Text("Chi bộ thống nhất các nội dung đã thảo luận."),
            // The example's one member present, chính thức: one vote at most.
            Col::VotesFor => Num(1.0),
            Col::VotesAgainst => Num(0.0),
            Col::MeetingStatus => Text("Đã họp"),
            _ => return None,
        },
        (SheetKind::Attendance, c) => match c {
            Col::Stt => Num(1.0),
            Col::Date => Date(2025, 1, 15),
            Col::FullName => Text("Nguyễn Văn Mẫu"),
            Col::Mark => Text("Có mặt"),
            _ => return None,
        },
        (SheetKind::Scores, c) => match c {
            Col::Stt => Num(1.0),
            Col::Date => Date(2025, 1, 15),
            Col::Kind => Text("Thường kỳ"),
            _ => return None,
        },
        (SheetKind::Commendations, c) => match c {
            Col::Stt => Num(1.0),
            Col::Date => Date(2025, 12, 20),
            Col::FullName => Text("Nguyễn Văn Mẫu"),
            Col::Target => Text("Đảng viên"),
            Col::Content => Text("Hoàn thành xuất sắc nhiệm vụ năm 2025"),
            Col::Form => Text("Giấy khen"),
            _ => return None,
        },
        (SheetKind::Info, _) => return None,
    };
    Some(ex)
}

/// The columns the form has for a table sheet: every field but the split-name alternates.
fn form_fields(kind: SheetKind) -> Vec<Field> {
    kind.fields()
        .iter()
        .filter(|f| !matches!(f.col, Col::FamilyAndMiddle | Col::GivenName))
        .copied()
        .collect()
}

/// The file name `chibo init` gives the blank input form. It is never read as a cell's
/// workbook (it holds only an example row).
pub const FORM_FILE: &str = "mau-so-chi-bo.xlsx";

/// The header of every column of a table sheet, as the form writes it: the canonical names,
/// and in the score sheet one column per criteria group of the scheme the config resolves to,
/// named after the group with its maximum (`1. Công tác chuẩn bị (15)`), before `Tổng điểm`.
/// The reader takes the leading number as the group (src/workbook/matcher.rs).
#[must_use]
pub fn form_headers(kind: SheetKind, config: &Config) -> Vec<(String, Col)> {
    let mut out = Vec::new();
    for f in form_fields(kind) {
        if kind == SheetKind::Scores && f.col == Col::Total {
            for (i, g) in config.scheme().groups.iter().enumerate() {
                let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
                out.push((group_header(n, g), Col::Group(n)));
            }
        }
        out.push((f.header.to_string(), f.col));
    }
    out
}

/// `1. Công tác chuẩn bị (15)`: the group's place in the scheme, its name, its maximum.
#[must_use]
pub fn group_header(n: u8, group: &GroupConfig) -> String {
    format!("{n}. {} ({})", group.ten.trim(), points(group.diem_toi_da))
}

/// A number of points as the office writes it: `15`, `7,5`.
fn points(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}").replace('.', ",")
    }
}

/// What the example row of every table sheet carries in its `Ghi chú` cell. A row with it is
/// the form's example: the reader leaves it out with a warning while it is as the form wrote
/// it, and refuses it when it was written over (src/model/example_row.rs).
pub const EXAMPLE_MARK: &str = "VÍ DỤ – xóa dòng này";

/// Whether a cell's text is the example row's mark, however it was retyped (case, diacritics,
/// dash): it says both «ví dụ» and «xóa dòng».
#[must_use]
pub fn is_example_mark(text: &str) -> bool {
    // Every text cell of every workbook comes here: fold only the short ones with an `x`.
    if text.len() > 80 || !text.contains(['x', 'X']) {
        return false;
    }
    let f = crate::text::fold(text);
    f.contains("vi du") && f.contains("xoa dong")
}

/// The example row of a table sheet as its cells read back: each column the form fills and its
/// value as [`crate::workbook::Value::display`] shows it (dates `15/01/2025`, times `14:00`,
/// numbers `98`). The score groups, total and band follow the scheme of `config`.
#[must_use]
pub fn example_cells(kind: SheetKind, config: &Config) -> Vec<(Col, String)> {
    form_headers(kind, config)
        .into_iter()
        .filter_map(|(_, col)| {
            let shown = match example_value(kind, col, config)? {
                Ex::Text(s) => s.to_string(),
                Ex::Num(x) => points(x).replace(',', "."),
                Ex::Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
                Ex::Time(h, m) => format!("{h:02}:{m:02}"),
            };
            Some((col, shown))
        })
        .collect()
}

/// The blank form as `.xlsx` bytes. The same config gives the same bytes.
///
/// # Errors
/// Only if rust_xlsxwriter rejects a value (it does not for the fixed content written here).
pub fn blank_form(config: &Config) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Sổ sinh hoạt chi bộ (mẫu)")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?),
    );
    info_sheet(wb.add_worksheet())?;
    let formats = Formats::new();
    for kind in SheetKind::ALL.into_iter().filter(|k| *k != SheetKind::Info) {
        let ws = wb.add_worksheet();
        ws.set_name(kind.name())?;
        ws.set_freeze_panes(1, 0)?;
        // The score groups' headers (`3. Tổ chức sinh hoạt (45)`) take three lines.
        ws.set_row_height(0, if kind == SheetKind::Scores { 48 } else { 32 })?;
        for (i, (name, col)) in form_headers(kind, config).into_iter().enumerate() {
            let c = u16::try_from(i).unwrap_or(u16::MAX);
            ws.write_with_format(0, c, &name, &formats.header)?;
            format_column(ws, col, c, &formats)?;
            validate_column(ws, (kind, col, c), config)?;
            write_example(ws, (kind, col, c), config, &formats.example)?;
        }
    }
    wb.save_to_buffer()
}

/// `Thông tin`: label/value pairs of an invented cell.
fn info_sheet(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Info.name())?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 48)?;
    let bold = Format::new().set_bold();
    let scheme_example = |label: InfoLabel| match label {
        InfoLabel::Name => "Chi bộ Mẫu",
        InfoLabel::Symbol => "CBM",
        InfoLabel::Superior => "Đảng bộ Cơ quan Mẫu",
        InfoLabel::Place => "Tỉnh Mẫu",
        InfoLabel::Secretary => "Nguyễn Văn Mẫu",
        InfoLabel::Deputy => "",
        InfoLabel::Term => "2025-2030",
    };
    for (i, (label, name, _)) in INFO_LABELS.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0);
        ws.write_with_format(row, 0, *name, &bold)?;
        let value = scheme_example(*label);
        if !value.is_empty() {
            ws.write(row, 1, value)?;
        }
    }
    Ok(())
}

/// The formats of the table sheets.
struct Formats {
    header: Format,
    date: Format,
    time: Format,
    text: Format,
    wrap: Format,
    example: ExampleFormats,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_background_color(0x00DD_EBF7),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            time: Format::new().set_num_format("hh:mm"),
            text: Format::new().set_num_format("@"),
            wrap: Format::new().set_text_wrap(),
            example: ExampleFormats::new(),
        }
    }
}

/// A column's width and number format, from what it holds.
fn format_column(ws: &mut Worksheet, col: Col, c: u16, formats: &Formats) -> Result<(), XlsxError> {
    let k = kind_of(col);
    let width = match (k, col) {
        (_, Col::Stt) => 6.0,
        (_, Col::Group(_)) => 18.0,
        (Kind::Date, _) => 13.0,
        (Kind::Time | Kind::Number, _) => 11.0,
        (Kind::Name, _) => 26.0,
        (Kind::Long, _) => 40.0,
        (Kind::Text, _) => 16.0,
    };
    ws.set_column_width(c, width)?;
    match k {
        Kind::Date => {
            ws.set_column_format(c, &formats.date)?;
        }
        Kind::Time => {
            ws.set_column_format(c, &formats.time)?;
        }
        Kind::Long => {
            ws.set_column_format(c, &formats.wrap)?;
        }
        // Card numbers keep their leading zeros only in a text cell.
        Kind::Text if col == Col::CardNo => {
            ws.set_column_format(c, &formats.text)?;
        }
        _ => {}
    }
    Ok(())
}

/// The drop-down of an enumerated column; the range and note of a score group column.
fn validate_column(
    ws: &mut Worksheet,
    (kind, col, c): (SheetKind, Col, u16),
    config: &Config,
) -> Result<(), XlsxError> {
    if let Some(list) = choices(kind, col, config) {
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        let dv = DataValidation::new()
            .allow_list_strings(&refs)?
            // A warning, not a stop: `P: ốm` or a committee's own mark stays possible.
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Giá trị ngoài danh sách")?
            .set_error_message(format!("Nên chọn một trong: {}", list.join(", ")))?;
        ws.add_data_validation(1, c, LAST_ROW, c, &dv)?;
    }
    if let Col::Group(n) = col {
        let scheme = config.scheme();
        if let Some(g) = scheme.groups.get(usize::from(n).saturating_sub(1)) {
            let max = points(g.diem_toi_da);
            let dv = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, g.diem_toi_da))
                .set_error_title("Điểm không hợp lệ")?
                .set_error_message(format!("Điểm nhóm {n} từ 0 đến {max}"))?;
            ws.add_data_validation(1, c, LAST_ROW, c, &dv)?;
            ws.insert_note(
                0,
                c,
                &Note::new(format!("{} (tối đa {max} điểm)", g.ten)).add_author_prefix(false),
            )?;
        }
    }
    Ok(())
}

/// The example row's value in column `col` of sheet `kind`: the invented person and meeting,
/// the scheme's scores, and the mark in `Ghi chú`.
fn example_value(kind: SheetKind, col: Col, config: &Config) -> Option<Ex> {
    match (kind, col) {
        (SheetKind::Info, _) => None,
        (_, Col::Note) => Some(Ex::Text(EXAMPLE_MARK)),
        // The score example: every group at its maximum but the last, which loses 2 points.
        (SheetKind::Scores, Col::Group(n)) => {
            let scheme = config.scheme();
            let max = scheme
                .groups
                .get(usize::from(n).saturating_sub(1))
                .map_or(0.0, |g| g.diem_toi_da);
            let last = usize::from(n) == scheme.groups.len();
            Some(Ex::Num(if last && max >= 2.0 { max - 2.0 } else { max }))
        }
        (SheetKind::Scores, Col::Total) => {
            let total = config.scheme().total();
            Some(Ex::Num(if total >= 2.0 { total - 2.0 } else { total }))
        }
        _ => example(kind, col),
    }
}

/// The formats of the example row: grey italic, so that it reads as an example, each with the
/// number format of its column.
struct ExampleFormats {
    plain: Format,
    date: Format,
    time: Format,
    text: Format,
}

impl ExampleFormats {
    fn new() -> Self {
        let grey = Format::new().set_italic().set_font_color(0x0080_8080);
        Self {
            date: grey.clone().set_num_format("dd/mm/yyyy"),
            time: grey.clone().set_num_format("hh:mm"),
            text: grey.clone().set_num_format("@"),
            plain: grey,
        }
    }
}

/// Writes the example row's cell of column `col` (row 1, under the header).
fn write_example(
    ws: &mut Worksheet,
    (kind, col, c): (SheetKind, Col, u16),
    config: &Config,
    formats: &ExampleFormats,
) -> Result<(), XlsxError> {
    match example_value(kind, col, config) {
        Some(Ex::Text(s)) if col == Col::CardNo => {
            ws.write_with_format(1, c, s, &formats.text)?;
        }
        Some(Ex::Text(s)) => {
            ws.write_with_format(1, c, s, &formats.plain)?;
        }
        Some(Ex::Num(x)) => {
            ws.write_with_format(1, c, x, &formats.plain)?;
        }
        Some(Ex::Date(y, m, d)) => {
            if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                ws.write_date_with_format(1, c, day, &formats.date)?;
            }
        }
        Some(Ex::Time(h, m)) => {
            if let Some(t) = NaiveTime::from_hms_opt(h, m, 0) {
                ws.write_time_with_format(1, c, t, &formats.time)?;
            }
        }
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_config_same_bytes() {
        let a = blank_form(&Config::default()).unwrap();
        let b = blank_form(&Config::default()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn score_headers_follow_the_scheme() {
        let h: Vec<String> = form_headers(SheetKind::Scores, &Config::default())
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        assert_eq!(
            h,
            [
                "STT",
                "Ngày",
                "Loại",
                "1. Công tác chuẩn bị (15)",
                "2. Tỷ lệ đảng viên tham dự (20)",
                "3. Tổ chức sinh hoạt (45)",
                "4. Kết thúc hội nghị (20)",
                "Tổng điểm",
                "Xếp loại",
                "Điểm cấp trên",
                "Ghi chú"
            ]
        );
    }
}
