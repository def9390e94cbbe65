//! Builds raw workbooks by hand, as the reader would hand them over, for the model tests.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::PathBuf;

use chibo::config::Config;
use chibo::diagnostic::Diagnostic;
use chibo::model::{Cell, build_cell};
use chibo::schema::{Col, InfoLabel, SheetKind};
use chibo::workbook::{
    AttendanceShape, Column, InfoEntry, InfoSheet, RawCell, RawRow, RawWorkbook, Table, Value,
};
use chrono::NaiveDate;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn dt(y: i32, m: u32, day: u32) -> Value {
    Value::DateTime(d(y, m, day).and_hms_opt(0, 0, 0).unwrap())
}

pub fn t(s: &str) -> Value {
    Value::Text(s.into())
}

pub fn n(x: f64) -> Value {
    Value::Number(x)
}

/// The first column of every test table: tables start at column B (absolute column 1) so that
/// locations are checked as absolute positions.
pub const FIRST_COL: u32 = 1;

/// A table built column by column, then row by row. Data rows start right under the header.
pub struct TableBuilder {
    table: Table,
    next_row: u32,
}

impl TableBuilder {
    pub fn new(kind: SheetKind, header_row: u32) -> Self {
        Self {
            table: Table {
                sheet: kind.name().to_string(),
                kind,
                header_row,
                columns: Vec::new(),
                rows: Vec::new(),
                shape: None,
            },
            next_row: header_row + 1,
        }
    }

    pub fn sheet(mut self, name: &str) -> Self {
        self.table.sheet = name.to_string();
        self
    }

    pub fn shape(mut self, shape: AttendanceShape) -> Self {
        self.table.shape = Some(shape);
        self
    }

    fn next_col(&self) -> u32 {
        FIRST_COL + u32::try_from(self.table.columns.len()).unwrap()
    }

    /// A known column.
    pub fn col(mut self, header: &str, field: Col) -> Self {
        let col = self.next_col();
        self.table.columns.push(Column {
            col,
            header: header.to_string(),
            field: Some(field),
            date: None,
        });
        self
    }

    /// An attendance-matrix column headed by a date.
    pub fn date_col(mut self, header: &str, date: Value) -> Self {
        let col = self.next_col();
        self.table.columns.push(Column {
            col,
            header: header.to_string(),
            field: None,
            date: Some(date),
        });
        self
    }

    /// A row of text cells, left to right; `""` is an empty cell.
    pub fn row(self, cells: &[&str]) -> Self {
        let values = cells
            .iter()
            .map(|s| (!s.is_empty()).then(|| t(s)))
            .collect();
        self.row_values(values)
    }

    /// A row of typed cells; `None` is an empty cell.
    pub fn row_values(mut self, cells: Vec<Option<Value>>) -> Self {
        let row = self.next_row;
        self.next_row += 1;
        let cells = cells
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.map(|value| RawCell {
                    row,
                    col: FIRST_COL + u32::try_from(i).unwrap(),
                    value,
                })
            })
            .collect();
        self.table.rows.push(RawRow { row, cells });
        self
    }

    /// Leaves a gap (a row the reader dropped, such as a group row).
    pub fn skip_row(mut self) -> Self {
        self.next_row += 1;
        self
    }

    pub fn build(self) -> Table {
        self.table
    }
}

/// The `Thông tin` sheet: labels in column A, values in column B, from row 1.
pub fn info(pairs: &[(InfoLabel, &str, &str)]) -> InfoSheet {
    InfoSheet {
        sheet: "Thông tin".into(),
        entries: pairs
            .iter()
            .enumerate()
            .map(|(i, (label, text, value))| {
                let row = u32::try_from(i).unwrap();
                InfoEntry {
                    label: *label,
                    label_text: (*text).to_string(),
                    value: (!value.is_empty()).then(|| RawCell {
                        row,
                        col: 1,
                        value: t(value),
                    }),
                    row,
                }
            })
            .collect(),
    }
}

pub fn standard_info() -> InfoSheet {
    info(&[
        (InfoLabel::Name, "Tên chi bộ", "Chi bộ Thử Nghiệm"),
        (InfoLabel::Symbol, "Ký hiệu", "CBTN"),
        (InfoLabel::Superior, "Đảng bộ cấp trên", "Đảng bộ Khối Mẫu"),
        (InfoLabel::Place, "Địa danh", "Hà Tĩnh"),
        (InfoLabel::Secretary, "Bí thư", "Lê Văn Mẫu"),
    ])
}

pub fn workbook(info: Option<InfoSheet>, tables: Vec<Table>) -> RawWorkbook {
    RawWorkbook {
        path: PathBuf::from("cb-thu.xlsx"),
        display: "cb-thu.xlsx".into(),
        info,
        tables,
        ignored_sheets: Vec::new(),
    }
}

/// The members sheet every test starts from (header on row 3, so data from row 4; columns
/// from B): B STT, C Họ và tên, D Ngày sinh, E Ngày vào Đảng, F Ngày chính thức, G Số thẻ,
/// H Trạng thái, I Từ ngày.
pub fn members() -> TableBuilder {
    TableBuilder::new(SheetKind::Members, 2)
        .col("STT", Col::Stt)
        .col("Họ và tên", Col::FullName)
        .col("Ngày sinh", Col::Birth)
        .col("Ngày vào Đảng", Col::Joined)
        .col("Ngày chính thức", Col::FullMemberSince)
        .col("Số thẻ", Col::CardNo)
        .col("Trạng thái", Col::Status)
        .col("Từ ngày", Col::StatusSince)
}

/// Four people: two full members, one probationary, one quần chúng.
pub fn four_people() -> Table {
    members()
        .row(&[
            "1",
            "Lê Văn Mẫu",
            "1975",
            "03/02/2000",
            "03/02/2001",
            "01234567",
            "",
            "",
        ])
        .row(&[
            "2",
            "Trần Thị Hòa",
            "12/08/1982",
            "19/05/2010",
            "19/05/2011",
            "",
            "",
            "",
        ])
        .row(&[
            "3",
            "Phạm Minh Thử",
            "1995",
            "01/03/2023",
            "",
            "",
            "Dự bị",
            "",
        ])
        .row(&["4", "Võ Thị Quần", "2000", "", "", "", "Quần chúng", ""])
        .build()
}

/// The meetings sheet: header on row 1; B Ngày, C Loại, D Nội dung, E Tình trạng.
pub fn meetings() -> TableBuilder {
    TableBuilder::new(SheetKind::Meetings, 0)
        .col("Ngày", Col::Date)
        .col("Loại", Col::Kind)
        .col("Nội dung", Col::Topic)
        .col("Tình trạng", Col::MeetingStatus)
}

pub fn config() -> Config {
    Config::default()
}

pub fn as_of() -> NaiveDate {
    d(2024, 12, 31)
}

pub fn build(raw: &RawWorkbook) -> (Cell, Vec<Diagnostic>) {
    build_cell(raw, &config(), as_of())
}

/// The diagnostics with `code`.
pub fn with_code<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// The only diagnostic with `code`.
pub fn one<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found = with_code(diags, code);
    assert_eq!(found.len(), 1, "expected one `{code}` in {diags:#?}");
    found[0]
}

/// `'Sheet'!C7`.
pub fn at(diag: &Diagnostic) -> String {
    diag.location.sheet_cell().unwrap_or_default()
}
