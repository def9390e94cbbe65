//! The rows of the consolidated workbook's list sheets (`Sinh hoạt`, `Đảng viên`,
//! `Biểu dương`), taken from each cell as it is consolidated.
//!
//! A run over a thousand cells drops each cell's model once its documents are made
//! ([`crate::aggregate::Consolidator`]); what the workbook lists of the cell goes to a
//! temporary file ([`Spool`]) as plain values, and is read back, in order, when the workbook is
//! built. The rows cannot go straight into the sheets: `Đảng viên` names, for each person, the
//! other cells whose rolls they are on, which is known only once every cell has been read. So
//! memory holds neither the models nor the rows, however many cells the committee has.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek as _, SeekFrom, Write as _};
use std::marker::PhantomData;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::aggregate::{Consolidated, Consolidator, MeetingFigures, Period, Rules};
use crate::model::{Birth, Cell, Target};

/// One row of `Sinh hoạt`: a meeting of the period (held or not).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct MeetingRow {
    /// Index of the cell in the consolidation (its name and workbook are in the summary).
    pub cell: usize,
    pub date: NaiveDate,
    /// `Thường kỳ`, `Chuyên đề` …
    pub kinds: String,
    /// `Đã họp`, `Kế hoạch`, `Hoãn`.
    pub status: String,
    pub topic: Option<String>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub duration: Option<u32>,
    /// The figures of a held meeting.
    pub figures: Option<MeetingNumbers>,
    pub sheet: String,
    /// Absolute 0-based row in the cell's workbook.
    pub row: u32,
}

/// What `Sinh hoạt` shows of a held meeting's attendance and score.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct MeetingNumbers {
    pub on_rolls: u32,
    pub exempted: u32,
    pub masses_present: u32,
    /// Only when the meeting has attendance data.
    pub attendance: Option<Attendance>,
    pub score: Option<f64>,
    pub band: Option<String>,
}

/// The attendance columns of `Sinh hoạt`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Attendance {
    pub eligible: u32,
    pub present: u32,
    pub exempted_present: u32,
    pub excused: u32,
    pub unexcused: u32,
    pub missing: u32,
    pub rate: Option<f64>,
}

/// One row of `Đảng viên`.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct PersonRow {
    pub cell: usize,
    /// Index of the person in the cell's rolls (matches [`crate::aggregate::DuplicateGroup`]).
    pub person: usize,
    pub name: String,
    /// The date of birth, when the cell keeps it.
    pub birth_date: Option<NaiveDate>,
    /// The year of birth, when the cell keeps only the year.
    pub birth_year: Option<i32>,
    pub joined: Option<NaiveDate>,
    pub full_member_since: Option<NaiveDate>,
    pub card_no: Option<String>,
    pub role: Option<String>,
    /// The standing at the period's end, as a label.
    pub standing: String,
    pub status_since: Option<NaiveDate>,
    pub transferred_in: Option<NaiveDate>,
    pub temporary: bool,
    pub sheet: String,
    pub row: u32,
}

/// One row of `Biểu dương`.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct CommendationRow {
    pub cell: usize,
    pub date: Option<NaiveDate>,
    pub name: String,
    /// `Đảng viên` or `Quần chúng`.
    pub target: String,
    pub content: Option<String>,
    pub form: Option<String>,
}

/// Rows of one kind kept in a temporary file, in the order pushed, and read back in that
/// order: JSON values one after another (`serde_json` is already how views are serialised;
/// the file lives only as long as the run). The file is created with the first row.
#[derive(Debug)]
pub struct Spool<T> {
    file: Option<BufWriter<File>>,
    len: usize,
    /// Read since the last write: the next write goes back to the end first.
    read: bool,
    /// The first write error: the rows are incomplete, the workbook must not be built.
    error: Option<std::io::Error>,
    rows: PhantomData<T>,
}

impl<T> Default for Spool<T> {
    fn default() -> Self {
        Spool {
            file: None,
            len: 0,
            read: false,
            error: None,
            rows: PhantomData,
        }
    }
}

impl<T: Serialize + DeserializeOwned> Spool<T> {
    /// Appends a row (a write error is kept and returned by [`Spool::rows`]).
    pub fn push(&mut self, row: &T) {
        if self.error.is_some() {
            return;
        }
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(f) => self.file = Some(BufWriter::new(f)),
                Err(e) => {
                    self.error = Some(e);
                    return;
                }
            }
        }
        if let Some(w) = self.file.as_mut() {
            if self.read {
                self.read = false;
                if let Err(e) = w.get_mut().seek(SeekFrom::End(0)) {
                    self.error = Some(e);
                    return;
                }
            }
            match serde_json::to_writer(&mut *w, row) {
                Ok(()) => self.len += 1,
                Err(e) => self.error = Some(std::io::Error::other(e)),
            }
        }
    }

    /// How many rows were pushed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// No row was pushed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every row, in the order pushed. The spool can be read again afterwards, and pushed to.
    ///
    /// # Errors
    /// A row could not be written, or the file cannot be read back.
    pub fn rows(&mut self) -> std::io::Result<impl Iterator<Item = std::io::Result<T>> + '_> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let file = match self.file.as_mut() {
            Some(w) => {
                w.flush()?;
                let f = w.get_mut();
                f.rewind()?;
                self.read = true;
                Some(&*f)
            }
            None => None,
        };
        let values = file.map(|f| {
            serde_json::Deserializer::from_reader(BufReader::new(f))
                .into_iter::<T>()
                .map(|r| r.map_err(std::io::Error::other))
        });
        Ok(values.into_iter().flatten().take(self.len))
    }
}

/// The list sheets' rows of every cell consolidated, in order.
#[derive(Debug, Default)]
pub struct SheetRows {
    pub meetings: Spool<MeetingRow>,
    pub people: Spool<PersonRow>,
    pub commendations: Spool<CommendationRow>,
}

impl SheetRows {
    /// Adds the rows of `cell`, the `ci`-th cell consolidated, for `period`. `figures` are the
    /// cell's held meetings' figures, in meeting order (what
    /// [`crate::aggregate::Consolidator::add`] returns); `on` is the day the standings are
    /// shown for (the period's end, or "today" when it has not ended).
    pub fn add_cell(
        &mut self,
        ci: usize,
        cell: &Cell,
        period: &Period,
        on: NaiveDate,
        figures: &[MeetingFigures],
    ) {
        let mut figures = figures.iter().peekable();
        for (mi, m) in cell.meetings.iter().enumerate() {
            if !period.contains(m.date) {
                continue;
            }
            while figures.peek().is_some_and(|x| x.index < mi) {
                figures.next();
            }
            let numbers = figures.peek().filter(|x| x.index == mi).map(|x| {
                let a = &x.attendance;
                MeetingNumbers {
                    on_rolls: a.on_rolls,
                    exempted: a.exempted,
                    masses_present: a.masses_present,
                    attendance: a.recorded.then(|| Attendance {
                        eligible: a.eligible,
                        present: a.present,
                        exempted_present: a.exempted_present,
                        excused: a.excused_count,
                        unexcused: a.unexcused_count,
                        missing: u32::try_from(a.missing.len()).unwrap_or(u32::MAX),
                        rate: a.rate,
                    }),
                    score: x.score.as_ref().and_then(|s| s.counted),
                    band: x.score.as_ref().and_then(|s| s.band.clone()),
                }
            });
            self.meetings.push(&MeetingRow {
                cell: ci,
                date: m.date,
                kinds: m.kinds.label().to_string(),
                status: m.status.label().to_string(),
                topic: m.topic.clone(),
                start: m.start,
                end: m.end,
                duration: m.duration_minutes(),
                figures: numbers,
                sheet: m.source.sheet.clone(),
                row: m.source.row,
            });
        }
        for (pi, p) in cell.people.iter().enumerate() {
            let (birth_date, birth_year) = match p.birth {
                Some(Birth::Date(d)) => (Some(d), None),
                Some(Birth::Year(y)) => (None, Some(y)),
                None => (None, None),
            };
            self.people.push(&PersonRow {
                cell: ci,
                person: pi,
                name: p.name.clone(),
                birth_date,
                birth_year,
                joined: p.joined,
                full_member_since: p.full_member_since,
                card_no: p.card_no.clone(),
                role: p.role.clone(),
                standing: p.standing_on(on).label().to_string(),
                status_since: p.status_since,
                transferred_in: p.transferred_in,
                temporary: p.temporary,
                sheet: p.source.sheet.clone(),
                row: p.source.row,
            });
        }
        for cm in &cell.commendations {
            if !cm.date.is_some_and(|d| period.contains(d)) {
                continue;
            }
            self.commendations.push(&CommendationRow {
                cell: ci,
                date: cm.date,
                name: cm.name.clone(),
                target: match cm.target {
                    Target::DangVien => "Đảng viên",
                    Target::QuanChung => "Quần chúng",
                }
                .to_string(),
                content: cm.content.clone(),
                form: cm.form.clone(),
            });
        }
    }
}

/// The consolidation and the list sheets' rows, gathered cell after cell in one pass: all the
/// consolidated workbook is built from, without keeping any cell's model.
#[derive(Debug)]
pub struct Collector<'r> {
    con: Consolidator<'r>,
    rows: SheetRows,
    period: Period,
    /// The day the standings are shown for.
    on: NaiveDate,
}

impl<'r> Collector<'r> {
    #[must_use]
    pub fn new(period: &Period, as_of: NaiveDate, rules: &'r Rules) -> Self {
        Collector {
            con: Consolidator::new(period, as_of, rules),
            rows: SheetRows::default(),
            period: *period,
            on: period.last.min(as_of).max(period.first),
        }
    }

    /// Adds the next cell; returns its index among the cells added.
    pub fn add(&mut self, cell: &Cell) -> usize {
        let ci = self.con.len();
        let figures = self.con.add(cell);
        self.rows
            .add_cell(ci, cell, &self.period, self.on, &figures);
        ci
    }

    /// The consolidation of the cells added, and their rows.
    #[must_use]
    pub fn finish(self) -> (Consolidated, SheetRows) {
        (self.con.finish(), self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spool_gives_back_every_row_in_order_and_can_be_read_twice() {
        let mut s: Spool<CommendationRow> = Spool::default();
        assert_eq!(s.rows().unwrap().count(), 0);
        let rows: Vec<CommendationRow> = (0..2_000)
            .map(|i| CommendationRow {
                cell: i,
                date: NaiveDate::from_ymd_opt(2025, 1, 1 + (i % 28) as u32),
                name: format!("Nguyễn Văn \"{i}\"\n"),
                target: "Đảng viên".into(),
                content: (i % 3 == 0).then(|| "=SUM(A1)".to_string()),
                form: None,
            })
            .collect();
        for r in &rows {
            s.push(r);
        }
        assert_eq!(s.len(), 2_000);
        let back: Vec<CommendationRow> = s.rows().unwrap().map(Result::unwrap).collect();
        assert_eq!(back, rows);
        s.push(&rows[0]);
        let again: Vec<CommendationRow> = s.rows().unwrap().map(Result::unwrap).collect();
        assert_eq!(again.len(), 2_001);
        assert_eq!(again[2_000], rows[0]);
    }
}
