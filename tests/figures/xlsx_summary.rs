//! End to end: consolidate hand-built cells, write the workbook, read it back with calamine.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common;

use std::io::Cursor;

use aggregate_common::*;
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use chibo::aggregate::{Consolidated, Period, Rules};
use chibo::config::Committee;
use chibo::diagnostic::{Diagnostic, Location};
use chibo::model::Cell;
use chibo::t;
use chibo::xlsx::summary::{LIST_HEADER_ROW, SUMMARY_FIRST_ROW};
use chibo::xlsx::{SummaryInput, consolidate_with_rows, summary_workbook};

fn committee() -> Committee {
    Committee {
        ten: "Đảng bộ Khối Thử Nghiệm".into(),
        cap_tren: "Đảng bộ Tỉnh Mẫu".into(),
        dia_danh: "Hòa Bình".into(),
        ky_hieu: "ĐU".into(),
        ..Committee::default()
    }
}

fn problems() -> Vec<Diagnostic> {
    vec![
        Diagnostic::error(
            "date.invalid",
            Location::file("chi-bo-ba.xlsx")
                .sheet("Sinh hoạt")
                .cell(6, 2)
                .column("Ngày"),
            t!("ngày không hợp lệ" ; "invalid date"),
        )
        .with_value("31/02/2023"),
    ]
}

fn build(cells: &[Cell]) -> (Consolidated, Vec<u8>) {
    let refs: Vec<&Cell> = cells.iter().collect();
    let rules = Rules::default();
    let period = Period::parse("2023-Q1").unwrap();
    let (c, mut rows) = consolidate_with_rows(&refs, &period, d(2023, 4, 5), &rules);
    let committee = committee();
    let problems = problems();
    let input = SummaryInput {
        committee: &committee,
        consolidated: &c,
        rules: &rules,
        problems: &problems,
    };
    let bytes = summary_workbook(&input, &mut rows).unwrap();
    (c, bytes)
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

fn s(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({row},{col}) is not text: {other:?}"),
    }
}

fn n(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        Some(Data::Empty) | None => None,
        Some(other) => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

fn ns(r: &Range<Data>, row: u32, cols: std::ops::Range<u32>) -> Vec<Option<f64>> {
    cols.map(|c| n(r, row, c)).collect()
}

#[test]
fn summary_sheet_figures() {
    let (_, bytes) = build(&sample_cells());
    let mut wb = open(&bytes);
    assert_eq!(
        wb.sheet_names(),
        [
            "Tổng hợp",
            "Sinh hoạt",
            "Đảng viên",
            "Cảnh báo",
            "Biểu dương",
            "Biểu đồ"
        ]
    );
    let r = wb.worksheet_range("Tổng hợp").unwrap();
    // The title block sits right of the name columns every printed page repeats.
    assert_eq!(s(&r, 0, 2), "ĐẢNG BỘ TỈNH MẪU");
    assert_eq!(s(&r, 1, 2), "ĐẢNG ỦY KHỐI THỬ NGHIỆM");
    assert_eq!(s(&r, 0, 7), "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(s(&r, 1, 7), "Hòa Bình, ngày 05 tháng 4 năm 2023");
    assert_eq!(
        s(&r, 3, 2),
        "BẢNG TỔNG HỢP KẾT QUẢ SINH HOẠT CHI BỘ QUÝ I NĂM 2023"
    );
    assert_eq!(s(&r, 6, 17), "Tốt");
    assert_eq!(s(&r, 6, 20), "Kém");
    let a = SUMMARY_FIRST_ROW;
    assert_eq!(n(&r, a, 0), Some(1.0));
    assert_eq!(s(&r, a, 1), "Chi bộ Một");
    let some = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    assert_eq!(
        ns(&r, a, 2..10),
        some(&[4.0, 3.0, 1.0, 1.0, 3.0, 3.0, 1.0, 1.0])
    );
    assert_eq!(
        s(&r, a, 10),
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    );
    assert_eq!(ns(&r, a, 11..16), some(&[7.0, 10.0, 0.7, 2.0, 1.0]));
    assert!((n(&r, a, 16).unwrap() - 272.0 / 3.0).abs() < 1e-9);
    assert_eq!(ns(&r, a, 17..21), some(&[2.0, 1.0, 0.0, 0.0]));
    assert_eq!(s(&r, a, 21), "");
    assert_eq!(ns(&r, a, 22..26), some(&[1.0, 2.0, 1.0, 1.0]));
    assert_eq!(s(&r, a, 26), "6 cảnh báo (xem trang «Cảnh báo»)");

    let b = a + 1;
    assert_eq!(s(&r, b, 1), "Chi bộ Hai");
    assert_eq!(
        ns(&r, b, 2..10),
        some(&[5.0, 5.0, 0.0, 0.0, 3.0, 2.0, 1.0, 0.0])
    );
    assert_eq!(ns(&r, b, 11..16), some(&[9.0, 10.0, 0.9, 0.0, 1.0]));
    assert_eq!(n(&r, b, 16), None);
    assert_eq!(ns(&r, b, 17..21), some(&[0.0, 0.0, 0.0, 0.0]));
    assert_eq!(
        s(&r, b, 26),
        "Thiếu SH thường kỳ tháng 2/2023; Thiếu SH chuyên đề quý I/2023; 5 cảnh báo (xem trang «Cảnh báo»)"
    );

    let t = b + 1;
    assert_eq!(n(&r, t, 0), None);
    assert_eq!(s(&r, t, 1), "Tổng cộng");
    assert_eq!(
        ns(&r, t, 2..10),
        some(&[9.0, 8.0, 1.0, 1.0, 6.0, 5.0, 2.0, 1.0])
    );
    // 16/20 from the sums, not (70 % + 90 %) / 2 = 80 % by coincidence: check the counts too.
    assert_eq!(ns(&r, t, 11..16), some(&[16.0, 20.0, 0.8, 2.0, 2.0]));
    assert!((n(&r, t, 16).unwrap() - 272.0 / 3.0).abs() < 1e-9);
    assert_eq!(ns(&r, t, 17..21), some(&[2.0, 1.0, 0.0, 0.0]));
    assert_eq!(ns(&r, t, 22..26), some(&[1.0, 2.0, 1.0, 1.0]));
    // No formula anywhere.
    for sheet in wb.sheet_names() {
        let f = wb.worksheet_formula(&sheet).unwrap();
        assert!(
            f.used_cells().all(|(_, _, v)| v.is_empty()),
            "{sheet} has a formula"
        );
    }
}

#[test]
fn flags_sheet_lists_every_flag_and_skipped_problems() {
    let (c, bytes) = build(&sample_cells());
    let mut wb = open(&bytes);
    let r = wb.worksheet_range("Cảnh báo").unwrap();
    let first = LIST_HEADER_ROW + 1;
    // Officials read this sheet: kinds as Vietnamese labels, no internal code anywhere.
    let kinds: Vec<String> = (0..12).map(|i| s(&r, first + i, 4)).collect();
    assert_eq!(
        kinds,
        [
            "Tỷ lệ dự thấp",
            "Thời lượng dưới mức tối thiểu",
            "Tỷ lệ dự thấp",
            "Vắng không lý do",
            "Xếp loại không khớp",
            "Thiếu sinh hoạt thường kỳ",
            "Thiếu sinh hoạt chuyên đề",
            "Tỷ lệ dự thấp",
            "Vắng không lý do",
            "Có tên ở hai chi bộ",
            "Có tên ở hai chi bộ",
            "Sổ chi bộ có lỗi",
        ]
    );
    for row in r.rows() {
        for cell in row {
            let t = cell.to_string();
            assert!(
                !(t.contains('_') || t.contains(".invalid")),
                "a code in «Cảnh báo»: {t}"
            );
        }
    }
    assert_eq!(c.flags.len(), 11);
    for (i, flag) in c.flags.iter().enumerate() {
        let row = first + u32::try_from(i).unwrap();
        assert_eq!(s(&r, row, 1), flag.cell);
        assert_eq!(s(&r, row, 2), flag.file);
        assert_eq!(s(&r, row, 7), flag.message.vi);
    }
    assert_eq!(s(&r, first + 3, 3), "Vi phạm");
    assert_eq!(s(&r, first + 3, 6), "Lê Văn Cường");
    assert_eq!(s(&r, first + 3, 5), "14/02/2023");
    assert_eq!(s(&r, first + 4, 3), "Cần xem");
    assert_eq!(s(&r, first + 5, 5), "tháng 2 năm 2023");
    let p = first + 11;
    assert_eq!(s(&r, p, 2), "chi-bo-ba.xlsx");
    assert_eq!(s(&r, p, 3), "Lỗi dữ liệu");
    assert_eq!(s(&r, p, 7), "ngày không hợp lệ: `31/02/2023` (cột «Ngày»)");
    assert_eq!(s(&r, p, 8), "Sinh hoạt");
    assert_eq!(s(&r, p, 9), "C7");
}

#[test]
fn data_text_is_never_a_formula() {
    let (_, bytes) = build(&sample_cells());
    let mut wb = open(&bytes);
    let people = wb.worksheet_range("Đảng viên").unwrap();
    let names: Vec<String> = (LIST_HEADER_ROW + 1..LIST_HEADER_ROW + 11)
        .map(|row| s(&people, row, 2))
        .collect();
    assert!(
        names.contains(&"=HYPERLINK(\"x\")".to_string()),
        "{names:?}"
    );
    // Standing at the end of the period and the duplicate marker.
    assert_eq!(s(&people, LIST_HEADER_ROW + 1, 8), "Chính thức");
    assert_eq!(s(&people, LIST_HEADER_ROW + 1, 12), "Chi bộ Hai");
    assert_eq!(s(&people, LIST_HEADER_ROW + 3, 8), "Dự bị");
    assert_eq!(s(&people, LIST_HEADER_ROW + 4, 8), "Miễn sinh hoạt");
    assert_eq!(s(&people, LIST_HEADER_ROW + 5, 8), "Quần chúng");
    let meetings = wb.worksheet_range("Sinh hoạt").unwrap();
    let topics: Vec<String> = (LIST_HEADER_ROW + 1..LIST_HEADER_ROW + 6)
        .map(|row| s(&meetings, row, 5))
        .collect();
    assert_eq!(topics.last().unwrap(), "-bàn việc +tháng 3 @chi bộ");
}

#[test]
fn meetings_sheet_rows() {
    let (_, bytes) = build(&sample_cells());
    let mut wb = open(&bytes);
    let r = wb.worksheet_range("Sinh hoạt").unwrap();
    let feb = LIST_HEADER_ROW + 2;
    assert_eq!(s(&r, feb, 1), "Chi bộ Một");
    assert!(matches!(r.get_value((feb, 2)), Some(Data::DateTime(_))));
    assert_eq!(s(&r, feb, 3), "Thường kỳ + Chuyên đề");
    assert_eq!(s(&r, feb, 4), "Đã họp");
    assert_eq!(n(&r, feb, 8), Some(90.0));
    // on rolls, exempted, eligible, present, exempted present, excused, unexcused, missing, masses
    let some = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    assert_eq!(
        ns(&r, feb, 9..18),
        some(&[4.0, 1.0, 3.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0])
    );
    assert!((n(&r, feb, 18).unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(n(&r, feb, 19), Some(80.0));
    assert_eq!(s(&r, feb, 20), "Khá");
    assert_eq!(s(&r, feb, 21), "chi-bo-mot.xlsx");
    assert_eq!(s(&r, feb, 22), "Sinh hoạt");
    assert_eq!(n(&r, feb, 23), Some(5.0));
    // The planned June meeting is outside Q1; cell two's rows follow.
    assert_eq!(s(&r, LIST_HEADER_ROW + 4, 1), "Chi bộ Hai");
    assert_eq!(n(&r, LIST_HEADER_ROW + 4, 11), Some(5.0));
    assert_eq!(s(&r, LIST_HEADER_ROW + 6, 1), "");
    let bd = wb.worksheet_range("Biểu dương").unwrap();
    assert_eq!(
        s(&bd, 1, 0),
        "(Tổng: 1 người, 2 lượt đảng viên; 1 người, 1 lượt quần chúng)"
    );
    assert_eq!(s(&bd, LIST_HEADER_ROW + 3, 3), "Vũ Thị Em");
    assert_eq!(s(&bd, LIST_HEADER_ROW + 3, 4), "Quần chúng");
    assert_eq!(s(&bd, LIST_HEADER_ROW + 4, 3), "");
}

#[test]
fn same_input_same_bytes() {
    let (_, a) = build(&sample_cells());
    let (_, b) = build(&sample_cells());
    assert_eq!(a, b);
}

#[test]
#[cfg_attr(not(has_soffice), ignore = "LibreOffice (soffice) không có trên máy")]
fn opens_in_libreoffice() {
    let (_, bytes) = build(&sample_cells());
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("tong-hop-2023-Q1.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    let pdf = crate::support::tools::convert(&[xlsx], "pdf", dir.path());
    let pdf = std::fs::read(&pdf[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() > 10_000, "{} bytes", pdf.len());
}

/// Printed by LibreOffice, the table text is 9 pt at least: a word's box (about 1.15 × the
/// font size) is never under 10.3 pt high. Fitting `Tổng hợp` onto one page width printed it at
/// about 6 pt (boxes of about 7 pt).
#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc pdftotext không có trên máy"
)]
fn prints_at_nine_points_in_libreoffice() {
    let (_, bytes) = build(&sample_cells());
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("tong-hop-2023-Q1.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    let pdf = crate::support::tools::convert(&[xlsx], "pdf", dir.path());
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&pdf[0])
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, a: &str| -> f64 {
        let at = line.find(&format!("{a}=\"")).unwrap() + a.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    // The cells' names and the table's headers on every page of a table (each repeats its
    // header row with `STT`; the charts' pages, whose labels are the charts' own, do not).
    let heights: Vec<(String, f64)> = html
        .split("<page ")
        .filter(|page| page.contains(">STT<"))
        .flat_map(str::lines)
        .filter(|l| l.contains("<word ") && (l.contains(">Chi<") || l.contains(">STT<")))
        .map(|l| (l.to_string(), attr(l, "yMax") - attr(l, "yMin")))
        .collect();
    assert!(heights.len() >= 6, "{html}");
    for (line, h) in heights {
        assert!(h >= 10.3, "printed under 9 pt: {line}");
    }
}

/// Writes the sample workbook to `CHIBO_DUMP_XLSX` for a look by hand.
#[test]
#[ignore = "writes a file for manual inspection"]
fn dump_sample() {
    let (_, bytes) = build(&sample_cells());
    if let Ok(path) = std::env::var("CHIBO_DUMP_XLSX") {
        std::fs::write(path, bytes).unwrap();
    }
}

/// 1,000 cells of 25 people and 12 monthly meetings (plus 4 thematic) each, for a year:
/// consolidate and write the workbook. Run with
/// `cargo test --release --test figures -- --ignored --nocapture consolidate_1000`.
#[test]
#[ignore = "measurement"]
fn consolidate_1000_cells() {
    use chibo::model::Birth;
    let pattern = "xxxxxxxxxxxxxxxxxxxxpxkx.";
    let cells: Vec<Cell> = (0..1000)
        .map(|i| {
            let people = (0..25)
                .map(|j| {
                    let mut p = member(&format!("Người Thử {i} {j}"));
                    p.birth = Some(Birth::Year(1960 + (j % 30)));
                    p.card_no = Some(format!("{:08}", i * 100 + j));
                    p
                })
                .collect();
            let mut meetings: Vec<_> = (1..=12)
                .map(|m| {
                    with_score(
                        with_marks(regular(d(2023, m, 10)), pattern),
                        &[15.0, 20.0, 40.0, 18.0],
                    )
                })
                .collect();
            for q in 0..4 {
                meetings.push(with_marks(
                    thematic(d(2023, q * 3 + 2, 20), "Chuyên đề"),
                    pattern,
                ));
            }
            meetings.sort_by_key(|m| m.date);
            cell(&format!("Chi bộ {i}"), people, meetings)
        })
        .collect();
    let refs: Vec<&Cell> = cells.iter().collect();
    let rules = Rules::default();
    let period = Period::parse("2023").unwrap();
    let t0 = std::time::Instant::now();
    let (c, mut rows) = consolidate_with_rows(&refs, &period, d(2024, 1, 5), &rules);
    let t1 = t0.elapsed();
    let committee = committee();
    let input = SummaryInput {
        committee: &committee,
        consolidated: &c,
        rules: &rules,
        problems: &[],
    };
    let bytes = summary_workbook(&input, &mut rows).unwrap();
    let t2 = t0.elapsed();
    eprintln!(
        "1000 cells: consolidate {:.0} ms, workbook {:.0} ms ({} bytes, {} flags)",
        t1.as_secs_f64() * 1000.0,
        (t2 - t1).as_secs_f64() * 1000.0,
        bytes.len(),
        c.flags.len()
    );
    assert_eq!(c.summaries.len(), 1000);
}

/// The text of one part of the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The value of `attr="…"` in the first `<tag …>` of `xml`.
fn attr(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag} "))?;
    let end = start + xml[start..].find('>')?;
    let el = &xml[start..end];
    let at = el.find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(el[at..].split('"').next()?.to_string())
}

#[test]
fn every_sheet_prints_at_nine_points_at_least() {
    let (_, bytes) = build(&sample_cells());
    let styles = part(&bytes, "xl/styles.xml");
    // Every font the sheets use is 12 pt (the default font of the file aside).
    let sizes: Vec<f64> = styles
        .match_indices("<sz val=\"")
        .map(|(i, m)| {
            styles[i + m.len()..]
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    let smallest = sizes.iter().copied().skip(1).fold(f64::MAX, f64::min);
    assert!(smallest >= 12.0, "font sizes {sizes:?}");
    // Sheets 1–5 are the tables (sheet 6 holds only the charts).
    for i in 1..=5 {
        let sheet = part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            attr(&sheet, "pageSetup", "fitToWidth").is_none() && !sheet.contains("fitToPage"),
            "sheet {i} shrinks to one page width"
        );
        let scale: f64 = attr(&sheet, "pageSetup", "scale").map_or(100.0, |s| s.parse().unwrap());
        assert!(
            smallest * scale / 100.0 >= 9.0,
            "sheet {i} prints at {} pt",
            smallest * scale / 100.0
        );
    }
    // `Tổng hợp`: two pages across, the second from the attendance columns, and the STT and
    // name columns on every page.
    let summary = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(summary.contains("<brk id=\"11\""), "no page break at L");
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains("'Tổng hợp'!$A:$B"),
        "name columns not repeated: {book}"
    );
}

#[test]
fn summary_numbers_are_centred_away_from_text() {
    let (_, bytes) = build(&sample_cells());
    let styles = part(&bytes, "xl/styles.xml");
    // Every number format in use (`0`, `0.0`, `0.0%`) is centred.
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    for xf in xfs.split("<xf ").skip(1) {
        let num_fmt: u32 = attr(&format!("<xf {xf}"), "xf", "numFmtId")
            .unwrap()
            .parse()
            .unwrap();
        // 1 = `0`; 164+ are the custom `0.0` and `0.0%`; 14 and dates are excluded.
        if num_fmt == 1 || (num_fmt >= 164 && !xf.contains("dd")) {
            assert!(
                xf.contains("horizontal=\"center\""),
                "a number format not centred: {xf}"
            );
        }
    }
}
