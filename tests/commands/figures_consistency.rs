//! Every figure that appears in two outputs is the same number (issue #12 item 3): the shipped
//! samples and a generated committee are run for a month, a quarter and a year, and the
//! minutes, the quarterly reports, the committee's report and the consolidated workbook are
//! read back (the documents' text, the workbook's cells) and compared figure by figure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::docx_common;
use crate::examples_common::canonical::{Options, write};
use crate::examples_common::synth::{CHIBO_TOML, synthetic_cell};
use crate::sample_folder::copy_samples;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, DataType as _, Reader as _};
use chibo::docx::filters::{phan_tram, so_le};
use chibo::text::ascii_slug;

const AS_OF: &str = "2025-12-31";

/// A generated committee of `n` cells (examples/gen_committee.rs) in `dst`.
fn generate(dst: &Path, n: usize) {
    std::fs::create_dir_all(dst).unwrap();
    for i in 1..=n {
        let cell = synthetic_cell(12, i, 2025);
        std::fs::write(
            dst.join(&cell.file),
            write(&cell, Options::default()).unwrap(),
        )
        .unwrap();
    }
    std::fs::write(dst.join("chibo.toml"), CHIBO_TOML).unwrap();
}

/// `chibo run DIR --period P --as-of D --out OUT`; returns OUT.
fn run(dir: &Path, period: &str, as_of: &str, out: &str) -> PathBuf {
    let out = dir.join(out);
    let o = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args([
            "run",
            dir.to_str().unwrap(),
            "--period",
            period,
            "--as-of",
            as_of,
        ])
        .arg("--out")
        .arg(&out)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The visible text of a document, one paragraph a line.
fn text(path: &Path) -> String {
    let xml = docx_common::part(&std::fs::read(path).unwrap(), "word/document.xml");
    docx_common::visible_text(&xml)
}

/// The text runs (`<w:t>`) of a piece of document XML, unescaped.
fn runs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at + 4..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(open) = rest.find('>') else { break };
        let body = &rest[open + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        out.push_str(&body[..end]);
        rest = &body[end..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of each table row of a document, cell by cell.
fn table_rows(path: &Path) -> Vec<Vec<String>> {
    let xml = docx_common::part(&std::fs::read(path).unwrap(), "word/document.xml");
    xml.split("<w:tr")
        .skip(1)
        .map(|row| {
            let row = row.split("</w:tr>").next().unwrap_or_default();
            row.split("<w:tc>")
                .skip(1)
                .map(|c| runs(c).trim().to_string())
                .collect()
        })
        .collect()
}

/// The numbers of `s` in order (`16 (chính thức: 14, dự bị: 02)` → 16, 14, 2; `77,8%` → 77.8).
fn nums(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let decimal = c == ',' && !cur.is_empty() && chars.peek().is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || decimal {
            cur.push(if decimal { '.' } else { c });
        } else if !cur.is_empty() {
            out.push(cur.parse().unwrap());
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().unwrap());
    }
    out
}

/// The line of `text` that contains `marker`, from the marker on.
fn line_from<'t>(text: &'t str, marker: &str) -> &'t str {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no «{marker}» in:\n{text}"));
    text[at..].lines().next().unwrap()
}

/// The part of `s` before `end`.
fn until<'s>(s: &'s str, end: &str) -> &'s str {
    s.split(end).next().unwrap()
}

/// One row of `Tổng hợp`, by the cell's name (or `Tổng cộng`).
struct Row(Vec<Data>);

impl Row {
    fn n(&self, c: usize) -> f64 {
        self.0[c]
            .get_float()
            .unwrap_or_else(|| panic!("column {c}: {:?}", self.0[c]))
    }
    fn ns(&self, cols: std::ops::Range<usize>) -> Vec<f64> {
        cols.map(|c| self.n(c)).collect()
    }
    fn rate(&self) -> Option<f64> {
        self.0[13].get_float()
    }
    fn score(&self) -> Option<f64> {
        self.0[16].get_float()
    }
    fn s(&self, c: usize) -> String {
        self.0[c].to_string()
    }
}

/// `Tổng hợp` of the run in `out`, by cell name, and its band names (columns 17…).
fn workbook(out: &Path) -> (BTreeMap<String, Row>, Vec<String>) {
    let xlsx = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let r = wb.worksheet_range("Tổng hợp").unwrap();
    let rows: Vec<Vec<Data>> = r.rows().map(<[Data]>::to_vec).collect();
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.get_string() == Some("STT")))
        .unwrap();
    let bands: Vec<String> = rows[header + 1][17..]
        .iter()
        .map(ToString::to_string)
        .take_while(|s| !s.is_empty())
        .collect();
    let by_name = rows[header + 2..]
        .iter()
        .filter(|r| !r[1].to_string().is_empty())
        .map(|r| (r[1].to_string(), Row(r.clone())))
        .collect();
    (by_name, bands)
}

/// The cell folders of a run, by the cell's name.
fn folder(out: &Path, cell: &str) -> PathBuf {
    out.join(ascii_slug(cell))
}

/// The committee report agrees with `Tổng hợp`: its table row by row, and the text's totals.
fn committee_report_agrees(out: &Path, unit: &str) {
    let (rows, bands) = workbook(out);
    let report = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bao-cao-tong-hop")
        })
        .unwrap();
    let mut seen = 0;
    for cells in table_rows(&report) {
        let Some(row) = cells.get(1).and_then(|name| rows.get(name)) else {
            continue;
        };
        seen += 1;
        let name = &cells[1];
        assert_eq!(nums(&cells[2]), [row.n(2)], "{name}: members");
        assert_eq!(nums(&cells[3]), [row.n(7), row.n(6)], "{name}: regular");
        assert_eq!(nums(&cells[4]), [row.n(9), row.n(8)], "{name}: thematic");
        assert_eq!(
            cells[5],
            row.rate().map(phan_tram).unwrap_or_default(),
            "{name}: rate"
        );
        assert_eq!(
            cells[6],
            // Scores print with one decimal in every document (docs/decisions.md).
            row.score().map(|x| so_le(x, 1, false)).unwrap_or_default(),
            "{name}: score"
        );
        assert_eq!(
            nums(&cells[7]),
            row.ns(17..17 + bands.len()),
            "{name}: bands"
        );
    }
    assert_eq!(
        seen,
        rows.len(),
        "every workbook row is in the report's table"
    );
    let t = &rows["Tổng cộng"];
    let body = text(&report);
    let end = line_from(&body, &format!("Cuối {unit} có"));
    assert_eq!(nums(until(end, ")")), t.ns(2..6), "end-of-period rolls");
    let regular = line_from(&body, "Các chi bộ đã tổ chức");
    assert_eq!(nums(regular)[..2], [t.n(7), t.n(6)], "regular held / due");
    if let Some(rate) = t.rate() {
        let line = line_from(&body, "Tỷ lệ đảng viên dự sinh hoạt bình quân:");
        assert!(
            line.contains(&format!(
                "{} ({}/{} lượt)",
                phan_tram(rate),
                t.n(11),
                t.n(12)
            )),
            "{line}"
        );
        let absences = nums(line.split("vắng có lý do").nth(1).unwrap());
        assert_eq!(absences, t.ns(14..16), "absences: {line}");
    }
    let annual = body
        .lines()
        .skip_while(|l| !l.starts_with("Xếp loại chất lượng sinh hoạt chi bộ năm"));
    for line in annual.skip(1).take_while(|l| l.starts_with("- ")) {
        let (name, rest) = line[2..].split_once(": ").unwrap();
        assert!(
            rest.starts_with(&rows[name].s(17 + bands.len())),
            "{name}: annual grade {rest}"
        );
    }
}

/// A quarterly report agrees with the cell's row of `Tổng hợp` of a run of that quarter.
fn quarterly_report_agrees(report: &Path, row: &Row, bands: &[String]) {
    let body = text(report);
    let end = line_from(&body, "Cuối quý, chi bộ có");
    assert_eq!(
        nums(until(end, ")")),
        row.ns(2..6),
        "{}: rolls",
        report.display()
    );
    let regular = line_from(&body, "Chi bộ đã tổ chức");
    assert_eq!(nums(regular)[..2], [row.n(7), row.n(6)], "{regular}");
    let rate = row
        .rate()
        .map_or_else(|| "chưa có số liệu".to_string(), phan_tram);
    assert!(
        regular.contains(&format!("bình quân: {rate};")),
        "{regular}"
    );
    let absences = nums(regular.split("vắng có lý do").nth(1).unwrap());
    assert_eq!(absences, row.ns(14..16), "{regular}");
    let graded = line_from(&body, "Kết quả xếp loại:");
    let counts: Vec<f64> = bands
        .iter()
        .map(|b| {
            nums(until(
                graded.split(&format!("{b}: ")).nth(1).unwrap(),
                " buổi",
            ))[0]
        })
        .collect();
    assert_eq!(counts, row.ns(17..17 + bands.len()), "{graded}");
    if let Some(score) = row.score() {
        assert!(
            graded.contains(&format!("Điểm bình quân: {} điểm", so_le(score, 1, false))),
            "{graded}"
        );
    }
    let praised = line_from(&body, "Biểu dương:");
    let after = 17 + bands.len() + 1;
    let (people, times) = (
        row.n(after) + row.n(after + 2),
        row.n(after + 1) + row.n(after + 3),
    );
    if times > 0.0 {
        let n = nums(praised);
        assert_eq!((n[0], *n.last().unwrap()), (people, times), "{praised}");
    }
}

/// The minutes of a cell's one regular meeting of a month agree with its row of a month run:
/// present / expected, the absences and who votes; the rolls too when the run was made on the
/// meeting day (`on_day`; otherwise the workbook gives the rolls at the month's end).
fn minutes_agree(minutes: &Path, row: &Row, on_day: bool) {
    let body = text(minutes);
    if on_day {
        let rolls = line_from(&body, "Tổng số đảng viên của chi bộ:");
        let n = nums(rolls);
        let exempted = if rolls.contains("miễn sinh hoạt") {
            n[3]
        } else {
            0.0
        };
        assert_eq!(vec![n[0], n[1], n[2], exempted], row.ns(2..6), "{rolls}");
    }
    let present = line_from(&body, "Có mặt:");
    assert_eq!(nums(present)[..2], [row.n(11), row.n(12)], "{present}");
    let absent = line_from(&body, "Vắng:");
    assert_eq!(nums(absent), [row.n(14) + row.n(15)], "{absent}");
    if let Some(rate) = row.rate() {
        assert!(
            present.contains(&format!("đạt {}", phan_tram(rate))),
            "{present}"
        );
    }
    // The vote is over the chính thức members present that the attendance line gives.
    let vote = line_from(&body, "biểu quyết thông qua kết luận:");
    if let Some(breakdown) = present.split("(chính thức: ").nth(1) {
        let voters = nums(breakdown)[0];
        assert_eq!(nums(vote)[1], voters, "{vote} / {present}");
        assert!(vote.contains("đảng viên chính thức có mặt"), "{vote}");
    }
}

/// Runs a committee for a month, a quarter and a year, and for each cell's March regular
/// meeting a month run made on its day, and compares every shared figure.
fn committee_agrees(dir: &Path) {
    // Quarter: the committee's report and every quarterly report against `Tổng hợp`.
    let q = run(dir, "2025-Q1", AS_OF, "q");
    committee_report_agrees(&q, "quý");
    let (rows, bands) = workbook(&q);
    for name in rows.keys().filter(|n| *n != "Tổng cộng") {
        let report = folder(&q, name).join("bao-cao-quy-I-2025.docx");
        quarterly_report_agrees(&report, &rows[name], &bands);
    }
    // Year: the report and the fourth quarter's reports (the year ends with the quarter).
    let y = run(dir, "2025", AS_OF, "y");
    committee_report_agrees(&y, "năm");
    let (year_rows, _) = workbook(&y);
    let q4 = run(dir, "2025-Q4", AS_OF, "q4");
    let (q4_rows, _) = workbook(&q4);
    for name in year_rows.keys().filter(|n| *n != "Tổng cộng") {
        let report = folder(&y, name).join("bao-cao-quy-IV-2025.docx");
        quarterly_report_agrees(&report, &q4_rows[name], &bands);
        assert_eq!(
            year_rows[name].ns(2..6),
            q4_rows[name].ns(2..6),
            "{name}: year-end rolls"
        );
    }
    // Month: the report, then each cell's March minutes against a run made on its day.
    let m = run(dir, "2025-03", AS_OF, "m");
    committee_report_agrees(&m, "tháng");
    let (month_rows, _) = workbook(&m);
    let mut compared = 0;
    for name in month_rows.keys().filter(|n| *n != "Tổng cộng") {
        let regular: Vec<PathBuf> = std::fs::read_dir(folder(&m, name))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with("-thuong-ky.docx"))
            .collect();
        let [minutes] = regular.as_slice() else {
            continue;
        };
        let file = minutes.file_name().unwrap().to_string_lossy().into_owned();
        let day = &file["bien-ban-".len().."bien-ban-2025-03-14".len()];
        let on_day = run(dir, "2025-03", day, &format!("d-{day}"));
        let (day_rows, _) = workbook(&on_day);
        minutes_agree(&folder(&on_day, name).join(&file), &day_rows[name], true);
        minutes_agree(minutes, &month_rows[name], false);
        compared += 1;
    }
    assert!(
        compared > 0,
        "no month with a single regular meeting compared"
    );
}

#[test]
fn sample_figures_agree_across_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    copy_samples(tmp.path());
    committee_agrees(tmp.path());
}

#[test]
fn generated_committee_figures_agree_across_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), 4);
    committee_agrees(tmp.path());
}
