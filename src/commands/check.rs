//! `chibo check`: read and validate everything, print every problem and a summary per cell,
//! produce nothing. [`execute`] is the library call ([`crate::batch::check`]).

use std::fmt::Write as _;

use chrono::{Datelike as _, NaiveDate};
use serde_json::{Value as Json, json};

use crate::aggregate::flags::{RollEntry, duplicate_flags, duplicate_groups, roll_entries};
use crate::aggregate::{meeting_attendance, meeting_score};
use crate::batch::{
    CellCounts, CheckOptions, CheckReport, CheckedWorkbook, Event, Failure, Progress,
};
use crate::cli::CheckArgs;
use crate::config::{Config, Scheme};
use crate::diagnostic::Location;
use crate::diagnostic::{Diagnostic, Lang, Text, count};
use crate::model::{AttendanceSource, Cell, Meeting, MeetingStatus, Standing};
use crate::pipeline::{Committee, LoadOptions, LoadedCell, open};
use crate::t;

use super::{EXIT_DATA, EXIT_FAIL, EXIT_OK};

/// Reads and checks every workbook of `options.dir`, a window at a time (each cell's model
/// dropped once its figures are taken), with the committee's own templates; finds two
/// workbooks of one cell and people on two cells' rolls; prints nothing.
///
/// # Errors
/// The folder cannot be checked: no such folder, an invalid `chibo.toml`, or no workbook at
/// all (a wrong folder must never look like a clean check).
pub fn execute(options: &CheckOptions, progress: &dyn Progress) -> Result<CheckReport, Failure> {
    let as_of = options.as_of;
    let mut folder = open(&options.dir, None).map_err(|diagnostics| Failure {
        message: t!("không kiểm tra được" ; "could not check"),
        diagnostics,
    })?;
    // `check` has no period: the rules of `as_of`'s year apply (the scheme the scores sheet is
    // read and banded by), or, where the scheme follows the year, those of the year of each
    // workbook's last meeting (docs/decisions.md).
    folder.config = folder.config.for_year(as_of.year());
    folder.rules_by_data = true;
    let rules = folder.config.rules_line();
    if folder.files.is_empty() {
        return Err(Failure {
            message: t!("không có sổ Excel nào để kiểm tra (kiểm tra lại thư mục)" ;
                        "no workbook to check (check the folder)"),
            diagnostics: folder.diagnostics,
        });
    }
    let own = own_template_problems(&options.dir, &folder.config);
    folder.diagnostics.extend(own);
    // A broken number register would stop the next run: said here first.
    if let Some(Err(problems)) = register_of(&options.dir, &folder.config) {
        folder.diagnostics.extend(problems);
    }
    let pool = crate::pipeline::pool(options.jobs);
    let mut findings = Findings::default();
    let window = crate::pipeline::window(pool.as_ref());
    let total = folder.files.len();
    progress.event(&Event::Started { workbooks: total });
    folder.stream(as_of, pool.as_ref(), window, |window| {
        for lc in &window {
            findings.add(lc, as_of);
        }
        progress.event(&Event::Read {
            read: findings.workbooks.len(),
            total,
            documents: 0,
        });
    });
    Ok(findings.finish(folder.diagnostics, as_of, rules))
}

/// What `check` gathers, a workbook at a time: each workbook's figures, who each cell is (two
/// workbooks of one cell) and who is on its rolls (people on two cells' rolls).
#[derive(Default)]
struct Findings {
    workbooks: Vec<CheckedWorkbook>,
    identities: super::run::Identities,
    rolls: Vec<RollEntry>,
    /// Each read cell's name and workbook, by its index in `rolls`.
    names: Vec<(String, String)>,
}

impl Findings {
    fn add(&mut self, lc: &LoadedCell, as_of: NaiveDate) {
        self.note(lc, as_of);
        self.workbooks.push(checked_of(lc, as_of));
    }

    /// Notes who the workbook's cell is and who is on its rolls.
    fn note(&mut self, lc: &LoadedCell, as_of: NaiveDate) {
        if let Some(cell) = &lc.cell {
            self.identities.note(cell, &lc.display);
            self.rolls
                .extend(roll_entries(cell, self.names.len(), as_of));
            self.names
                .push((cell.info.name.clone(), lc.display.clone()));
        }
    }

    fn finish(
        mut self,
        mut diagnostics: Vec<Diagnostic>,
        as_of: NaiveDate,
        rules: Text,
    ) -> CheckReport {
        for w in &mut self.workbooks {
            if let Some(d) = self.identities.conflicts.remove(&w.file) {
                w.diagnostics.push(d);
            }
        }
        diagnostics.extend(two_rolls(&self.rolls, &self.names));
        let errors = diagnostics.iter().any(Diagnostic::is_error)
            || self
                .workbooks
                .iter()
                .any(|w| w.diagnostics.iter().any(Diagnostic::is_error));
        CheckReport {
            as_of,
            rules,
            diagnostics,
            workbooks: self.workbooks,
            exit_code: if errors { EXIT_DATA } else { EXIT_OK },
        }
    }
}

/// The problems no single workbook shows: two workbooks of one cell (an error at each) and
/// people on the rolls of two cells (a warning at each), as the text report gives them.
fn across_workbooks(committee: &Committee, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut f = Findings::default();
    for lc in &committee.cells {
        f.note(lc, as_of);
    }
    let mut out: Vec<Diagnostic> = f.identities.conflicts.into_values().collect();
    out.extend(two_rolls(&f.rolls, &f.names));
    out
}

/// One warning per person on the rolls of two or more cells, at the person's row.
fn two_rolls(rolls: &[RollEntry], names: &[(String, String)]) -> Vec<Diagnostic> {
    let groups = duplicate_groups(rolls);
    let name_of = |i: usize| names.get(i).map(|(n, f)| (n.as_str(), f.as_str()));
    duplicate_flags(rolls, name_of, &groups)
        .into_iter()
        .map(|f| {
            let mut at = Location::file(f.file.clone());
            if let Some(src) = &f.source {
                at = at.sheet(src.sheet.clone()).row(src.row);
            }
            Diagnostic::warning("people.two_rolls", at, f.message).with_hint(t!(
                "một người chỉ sinh hoạt chính thức ở một chi bộ: xóa tên ở sổ không đúng, hoặc ghi «Sinh hoạt tạm thời» nếu đúng là sinh hoạt tạm thời" ;
                "a person is a full member of one cell only: remove the name from the wrong workbook, or mark «Sinh hoạt tạm thời» for a temporary stay"
            ))
        })
        .collect()
}

/// What `check` keeps of a workbook once its model is dropped.
fn checked_of(lc: &LoadedCell, as_of: NaiveDate) -> CheckedWorkbook {
    CheckedWorkbook {
        file: lc.display.clone(),
        cell: lc.cell.as_ref().map(|c| cell_counts(c, as_of)),
        diagnostics: lc.diagnostics.clone(),
        ignored_sheets: lc.ignored_sheets.clone(),
        rules: lc.read_by.as_ref().map(|r| {
            let (year, rules) = (r.year, &r.rules);
            t!("Các buổi họp của sổ là của năm {year}, nên sổ được đọc theo quy định năm {year}: {}", rules.vi ;
               "The workbook's meetings are of {year}, so it was read by the rules of {year}: {}", rules.en)
        }),
    }
}

/// Runs `chibo check`. The text report is made a window of workbooks at a time
/// ([`execute`]); the JSON report lists every person and meeting of every cell, so it reads
/// them all first.
#[must_use]
pub fn run(args: &CheckArgs, lang: Lang) -> u8 {
    let as_of = crate::cli::today(args.input.as_of);
    if args.json {
        return run_json(args, as_of, lang);
    }
    let options = CheckOptions {
        dir: args.input.dir.clone(),
        as_of,
        jobs: None,
    };
    match execute(&options, &crate::batch::Silent) {
        Err(f) => {
            for d in &f.diagnostics {
                eprintln!("{}\n", d.render(lang));
            }
            eprintln!("{}", f.message.get(lang));
            EXIT_FAIL
        }
        Ok(report) => {
            let checked: Vec<Checked> = report
                .workbooks
                .iter()
                .map(|w| Checked::of(w, as_of, args.input.verbose, lang))
                .collect();
            let text = assemble(&report.diagnostics, &checked, lang);
            print!("{}", super::common::escaped_lines(&text));
            println!("{}", rules_said(&report, lang));
            print!(
                "{}",
                super::common::escaped_lines(&next_numbers(&options.dir, lang))
            );
            report.exit_code
        }
    }
}

/// The number register of working folder `dir` when `[nhiem_ky]` switches it on: read, or
/// every problem of it.
fn register_of(
    dir: &std::path::Path,
    config: &Config,
) -> Option<Result<crate::register::Register, Vec<Diagnostic>>> {
    let term = config.nhiem_ky.as_ref()?;
    Some(crate::register::Register::load(dir, &term.ten))
}

/// The register's next numbers (`[nhiem_ky]` set and the register readable), one line per
/// issuer: `  Chi bộ 2: BC 03, KH 02`; empty otherwise.
fn next_numbers(dir: &std::path::Path, lang: Lang) -> String {
    let Ok(config) = crate::config::Config::load(dir) else {
        return String::new();
    };
    let Some(Ok(register)) = register_of(dir, &config) else {
        return String::new();
    };
    let term = register.term();
    let file = crate::register::FILE_NAME;
    let mut out = if lang == Lang::Vi {
        format!(
            "\nSố văn bản tiếp theo (nhiệm kỳ {term}, {file}; nơi ban hành, loại văn bản chưa có số bắt đầu từ 01):\n"
        )
    } else {
        format!(
            "\nNext document numbers (term {term}, {file}; an issuer or type with no number yet starts at 01):\n"
        )
    };
    for (issuer, kinds) in register.next_numbers() {
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{k} {}", crate::register::two_digits(*n)))
            .collect();
        out.push_str(&format!("  {issuer}: {}\n", kinds.join(", ")));
    }
    out
}

/// `chibo check --json`.
fn run_json(args: &CheckArgs, as_of: NaiveDate, lang: Lang) -> u8 {
    let options = LoadOptions { as_of, jobs: None };
    let (doc, code) = match open(&args.input.dir, None) {
        Err(diags) => (
            json!({
                "as_of": as_of.to_string(),
                "cells": [],
                "diagnostics": diags.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
            }),
            EXIT_FAIL,
        ),
        Ok(mut folder) => {
            folder.config = folder.config.for_year(as_of.year());
            folder.rules_by_data = true;
            let own = own_template_problems(&args.input.dir, &folder.config);
            folder.diagnostics.extend(own);
            // As in the text report: a broken register is an error, a readable one gives the
            // next numbers.
            let register = match register_of(&args.input.dir, &folder.config) {
                Some(Ok(r)) => Some(r),
                Some(Err(problems)) => {
                    folder.diagnostics.extend(problems);
                    None
                }
                None => None,
            };
            let none = folder.files.is_empty();
            let committee = folder.read_all(&options);
            let mut doc = json_report(&committee, as_of, lang);
            doc["register"] = register_json(register.as_ref());
            // The report's errors include those across workbooks (two workbooks of one cell).
            let code = if none {
                EXIT_FAIL
            } else if doc["errors"].as_u64().unwrap_or(0) > 0 {
                EXIT_DATA
            } else {
                EXIT_OK
            };
            (doc, code)
        }
    };
    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    code
}

/// The register's part of `check --json`: its file, its term and the next number of each
/// issuer and type that has numbers in the term (as the text report lists them); `null`
/// without `[nhiem_ky]` or when the register has errors (those are in `diagnostics`).
fn register_json(register: Option<&crate::register::Register>) -> Json {
    let Some(register) = register else {
        return Json::Null;
    };
    let next: Vec<Json> = register
        .next_numbers()
        .into_iter()
        .flat_map(|(issuer, kinds)| {
            kinds
                .into_iter()
                .map(move |(kind, next)| json!({ "issuer": issuer, "type": kind, "next": next }))
        })
        .collect();
    json!({
        "file": crate::register::FILE_NAME,
        "term": register.term(),
        "next_numbers": next,
    })
}

/// Every problem of the committee's own Word templates (`templates/*.docx`, or the folder
/// `[dau_ra] mau` names): they replace the built-in ones in `chibo run`, so a broken one must
/// show up here before the monthly run.
fn own_template_problems(dir: &std::path::Path, config: &crate::config::Config) -> Vec<Diagnostic> {
    let folder_name = config.dau_ra.mau.trim_matches(['/', '\\']).to_string();
    let folder = dir.join(crate::output::safe_relative_path(&config.dau_ra.mau));
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("~$") || n.starts_with('.'))
        })
        .collect();
    files.sort();
    let limits = crate::docx::TemplateLimits::from_config(&config.gioi_han);
    let mut out = Vec::new();
    for path in files {
        let name = format!(
            "{folder_name}/{}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        match crate::input::read_at_most(&path, crate::input::DOCUMENT_MAX) {
            Ok(bytes) => {
                out.extend(crate::docx::check_template_with_limits(&bytes, &name, limits).0)
            }
            Err(e) => out.push(Diagnostic::error(
                "template.unreadable",
                crate::diagnostic::Location::file(name),
                crate::t!("không mở được mẫu: {}", crate::os_error::describe(&e).vi ; "cannot open the template: {}", crate::os_error::describe(&e).en),
            )),
        }
    }
    out
}

/// Every diagnostic of the load: the folder's, then each file's in display order.
fn all_diagnostics(committee: &Committee) -> impl Iterator<Item = &Diagnostic> {
    committee
        .diagnostics
        .iter()
        .chain(committee.cells.iter().flat_map(|c| c.diagnostics.iter()))
}

/// `0` no error (warnings allowed), `1` some data has errors.
#[must_use]
pub fn exit_code(committee: &Committee) -> u8 {
    if all_diagnostics(committee).any(Diagnostic::is_error) {
        EXIT_DATA
    } else {
        EXIT_OK
    }
}

fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// What the text report says of one workbook, made while its model is in memory.
struct Checked {
    display: String,
    /// Its problems, rendered.
    problems: Vec<String>,
    /// Its summary block (name, people, meetings, verdict).
    summary: String,
    errors: usize,
    warnings: usize,
}

impl Checked {
    fn of(w: &CheckedWorkbook, as_of: NaiveDate, verbose: bool, lang: Lang) -> Checked {
        let (errors, warnings) = count(&w.diagnostics);
        let mut out = String::new();
        match &w.cell {
            Some(cell) => {
                writeln!(out, "{} ({})", cell.name, w.file).ok();
                out.push_str(&cell_summary(cell, as_of, lang));
                if let Some(rules) = &w.rules {
                    writeln!(out, "  {}", rules.get(lang)).ok();
                }
            }
            None => {
                writeln!(
                    out,
                    "{} — {}",
                    w.file,
                    pick(lang, "không đọc được sổ", "the workbook could not be read")
                )
                .ok();
            }
        }
        if verbose && !w.ignored_sheets.is_empty() {
            writeln!(
                out,
                "  {}: {}",
                pick(lang, "Trang tính bỏ qua", "Sheets ignored"),
                w.ignored_sheets.join(", ")
            )
            .ok();
        }
        let verdict = match (errors, lang) {
            (0, Lang::Vi) => format!("  Dùng được ({warnings} cảnh báo)"),
            (0, Lang::En) => format!("  Usable ({warnings} warnings)"),
            (e, Lang::Vi) => format!(
                "  Có {e} lỗi, {warnings} cảnh báo: văn bản của chi bộ này sẽ không được tạo"
            ),
            (e, Lang::En) => format!(
                "  {e} errors, {warnings} warnings: this cell's documents will not be produced"
            ),
        };
        writeln!(out, "{verdict}\n").ok();
        Checked {
            display: w.file.clone(),
            problems: w.diagnostics.iter().map(|d| d.render(lang)).collect(),
            summary: out,
            errors,
            warnings,
        }
    }
}

/// The report from the folder's problems and each workbook's lines: the problems grouped by
/// file, then a summary per cell, then the closing line.
/// The rules a committee was read by: its config's, resolved for `as_of`'s year when the caller
/// read it without a year ([`crate::pipeline::load`] and `check` resolve it).
fn rules_of(config: &Config, as_of: NaiveDate) -> Text {
    if config.nam.is_some() {
        config.rules_line()
    } else {
        config.clone().for_year(as_of.year()).rules_line()
    }
}

/// `Quy định áp dụng: …`, the last line of `check`, saying how many workbooks were read by
/// the rules of their own year instead.
fn rules_said(report: &CheckReport, lang: Lang) -> String {
    let rules = &report.rules;
    let own = report
        .workbooks
        .iter()
        .filter(|w| w.rules.is_some())
        .count();
    match (lang, own) {
        (Lang::Vi, 0) => format!("Quy định áp dụng: {}.", rules.vi),
        (Lang::En, 0) => format!("Rules applied: {}.", rules.en),
        (Lang::Vi, n) => format!(
            "Quy định áp dụng: {}; trừ {n} sổ đọc theo quy định năm của các buổi họp trong sổ (ghi ở từng sổ).",
            rules.vi
        ),
        (Lang::En, n) => format!(
            "Rules applied: {}; except {n} workbooks read by the rules of their meetings' year (given with each).",
            rules.en
        ),
    }
}

fn assemble(folder: &[Diagnostic], cells: &[Checked], lang: Lang) -> String {
    let mut out = String::new();
    for d in folder {
        writeln!(out, "{}\n", d.render(lang)).ok();
    }
    for c in cells.iter().filter(|c| !c.problems.is_empty()) {
        writeln!(out, "── {} ──", c.display).ok();
        for p in &c.problems {
            writeln!(out, "{p}\n").ok();
        }
    }
    for c in cells {
        out.push_str(&c.summary);
    }
    let (folder_errors, folder_warnings) = count(folder);
    let errors = folder_errors + cells.iter().map(|c| c.errors).sum::<usize>();
    let warnings = folder_warnings + cells.iter().map(|c| c.warnings).sum::<usize>();
    let files = cells.len();
    let closing = match lang {
        Lang::Vi => format!("Đã kiểm tra {files} sổ: {errors} lỗi, {warnings} cảnh báo."),
        Lang::En => format!("Checked {files} workbooks: {errors} errors, {warnings} warnings."),
    };
    writeln!(out, "{closing}").ok();
    out
}

/// The report a person reads: the diagnostics grouped by file, then a summary per cell, then
/// the closing line.
#[must_use]
pub fn text_report(committee: &Committee, as_of: NaiveDate, verbose: bool, lang: Lang) -> String {
    let mut findings = Findings::default();
    for lc in &committee.cells {
        findings.add(lc, as_of);
    }
    let rules = rules_of(&committee.config, as_of);
    let report = findings.finish(committee.diagnostics.clone(), as_of, rules);
    let cells: Vec<Checked> = report
        .workbooks
        .iter()
        .map(|w| Checked::of(w, as_of, verbose, lang))
        .collect();
    let mut out = assemble(&report.diagnostics, &cells, lang);
    out.push_str(&rules_said(&report, lang));
    out.push('\n');
    out
}

/// The figures `check` shows for one cell: people by standing on `as_of`, meetings by status,
/// attendance coverage.
fn cell_counts(cell: &Cell, as_of: NaiveDate) -> CellCounts {
    let mut standing = [0usize; 5];
    for p in &cell.people {
        let slot = match p.standing_on(as_of) {
            Standing::ChinhThuc => 0,
            Standing::DuBi => 1,
            Standing::MienSinhHoat => 2,
            Standing::QuanChung => 3,
            Standing::ChuaDen | Standing::DaChuyenDi | Standing::DaTuTran => 4,
        };
        if let Some(n) = standing.get_mut(slot) {
            *n += 1;
        }
    }
    let status = |s: MeetingStatus| cell.meetings.iter().filter(|m| m.status == s).count();
    CellCounts {
        name: cell.info.name.clone(),
        standing,
        held: status(MeetingStatus::Held),
        planned: status(MeetingStatus::Planned),
        postponed: status(MeetingStatus::Postponed),
        covered: cell
            .meetings
            .iter()
            .filter(|m| m.status == MeetingStatus::Held && has_attendance(cell, m))
            .count(),
        attendance_source: cell.attendance_source,
    }
}

/// The summary lines of one cell.
fn cell_summary(c: &CellCounts, as_of: NaiveDate, lang: Lang) -> String {
    let [ct, db, mien, qc, off] = c.standing;
    let (held, planned, postponed, covered) = (c.held, c.planned, c.postponed, c.covered);
    let date = as_of.format("%d/%m/%Y");
    let shape = shape_label(c.attendance_source, lang);
    match lang {
        Lang::Vi => format!(
            "  Người (ngày {date}): {ct} chính thức, {db} dự bị, {mien} miễn sinh hoạt, {qc} quần chúng, {off} không còn/chưa có trong danh sách\n  Buổi sinh hoạt: {held} đã họp, {planned} kế hoạch, {postponed} hoãn\n  Điểm danh: {covered}/{held} buổi đã họp có điểm danh ({shape})\n"
        ),
        Lang::En => format!(
            "  People (on {date}): {ct} full members, {db} probationary, {mien} exempted, {qc} non-members, {off} off the rolls\n  Meetings: {held} held, {planned} planned, {postponed} postponed\n  Attendance: {covered}/{held} held meetings have attendance ({shape})\n"
        ),
    }
}

fn shape_label(source: AttendanceSource, lang: Lang) -> &'static str {
    match source {
        AttendanceSource::Matrix => pick(
            lang,
            "trang Điểm danh, mỗi buổi một cột",
            "Điểm danh sheet, one column per meeting",
        ),
        AttendanceSource::Long => pick(
            lang,
            "trang Điểm danh, mỗi dòng một người một buổi",
            "Điểm danh sheet, one row per person and meeting",
        ),
        AttendanceSource::Counts => pick(
            lang,
            "số có mặt/vắng ghi trong trang Sinh hoạt",
            "counts typed in the Sinh hoạt sheet",
        ),
        AttendanceSource::None => pick(lang, "không có số liệu điểm danh", "no attendance data"),
    }
}

/// The meeting has attendance data of the cell's source.
fn has_attendance(cell: &Cell, m: &Meeting) -> bool {
    match cell.attendance_source {
        AttendanceSource::Matrix | AttendanceSource::Long => {
            m.attendance.iter().any(|e| e.mark.is_some())
        }
        AttendanceSource::Counts => m.has_counts(),
        AttendanceSource::None => false,
    }
}

/// The `--json` document (see `docs/input.md`).
#[must_use]
pub fn json_report(committee: &Committee, as_of: NaiveDate, lang: Lang) -> Json {
    let scheme = committee.config.scheme();
    let cells: Vec<Json> = committee
        .cells
        .iter()
        .map(|loaded| match (&loaded.cell, &loaded.read_by) {
            (Some(cell), None) => cell_json(
                cell,
                as_of,
                loaded.diagnostics.iter().any(Diagnostic::is_error),
                &committee.config,
                &scheme,
            ),
            (Some(cell), Some(read_by)) => {
                let theirs = committee.config.clone().for_year(read_by.year);
                let mut json = cell_json(
                    cell,
                    as_of,
                    loaded.diagnostics.iter().any(Diagnostic::is_error),
                    &theirs,
                    &theirs.scheme(),
                );
                json["rules"] = json!(read_by.rules.get(lang));
                json
            }
            (None, _) => json!({
                "file": loaded.display,
                "readable": false,
                "usable": false,
                "name": null,
                "symbol": null,
                "members": [],
                "meetings": [],
            }),
        })
        .collect();
    let mut all: Vec<Diagnostic> = all_diagnostics(committee).cloned().collect();
    all.extend(across_workbooks(committee, as_of));
    let (errors, warnings) = count(&all);
    json!({
        "as_of": as_of.to_string(),
        "rules": rules_of(&committee.config, as_of).get(lang),
        "cells": cells,
        "diagnostics": all.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
        "errors": errors,
        "warnings": warnings,
    })
}

fn cell_json(
    cell: &Cell,
    as_of: NaiveDate,
    has_errors: bool,
    config: &Config,
    scheme: &Scheme,
) -> Json {
    let members: Vec<Json> = cell
        .people
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "status": p.standing_on(as_of).code(),
                "party_joined": p.joined.map(|d| d.to_string()),
                "full_member_since": p.full_member_since.map(|d| d.to_string()),
                "card_no": p.card_no,
                "row": p.source.row + 1,
            })
        })
        .collect();
    let meetings: Vec<Json> = cell
        .meetings
        .iter()
        .map(|m| {
            let n = meeting_numbers(cell, m, config, scheme);
            json!({
                "date": m.date.to_string(),
                "kinds": m.kinds.codes(),
                "status": m.status.code(),
                "topic": m.topic,
                "present": n.present,
                "excused": n.excused,
                "unexcused": n.unexcused,
                "eligible": n.eligible,
                "score": n.score,
                "band": n.band,
                "row": m.source.row + 1,
            })
        })
        .collect();
    json!({
        "file": cell.file,
        "readable": true,
        "usable": !has_errors,
        "name": cell.info.name,
        "symbol": cell.info.symbol,
        "superior": cell.info.superior,
        "place": cell.info.place,
        "attendance_source": cell.attendance_source,
        "members": members,
        "meetings": meetings,
    })
}

/// The numbers `check --json` shows for one meeting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingNumbers {
    pub present: Option<u32>,
    pub excused: Option<u32>,
    pub unexcused: Option<u32>,
    /// Members expected that day (the attendance denominator).
    pub eligible: Option<u32>,
    /// The score that counts (the cell's, or the upper level's per `[cham_diem] diem_tinh`).
    pub score: Option<f64>,
    /// The band of that score under the configured scheme.
    pub band: Option<String>,
}

/// Fills a meeting's attendance and score numbers from [`crate::aggregate`]: attendance with
/// each person's standing on the day under `[diem_danh]`, the counted score and its band under
/// the configured scheme. Attendance figures are `None` when the meeting has no attendance data.
#[must_use]
pub fn meeting_numbers(
    cell: &Cell,
    m: &Meeting,
    config: &Config,
    scheme: &Scheme,
) -> MeetingNumbers {
    let a = meeting_attendance(cell, m, &config.diem_danh);
    let s = meeting_score(m, scheme);
    let (score, band) = s.map_or((None, None), |s| (s.counted, s.band));
    if a.recorded {
        MeetingNumbers {
            present: Some(a.present),
            excused: Some(a.excused_count),
            unexcused: Some(a.unexcused_count),
            eligible: Some(a.eligible),
            score,
            band,
        }
    } else {
        MeetingNumbers {
            score,
            band,
            ..MeetingNumbers::default()
        }
    }
}
