//! Page layout of the default documents, read on the pages LibreOffice prints (issue #12):
//! each kind is rendered from its example view (with a place name as long as
//! `Thành phố Hồ Chí Minh`), converted to PDF, and read with `pdftotext -bbox` (word boxes) and
//! `pdftoppm` (pixels, for the rule under the title). Ignored, with the reason, when `soffice`,
//! `pdftotext` or `pdftoppm` is missing (`support::tools`; under `CI=true` a missing tool fails).

use std::path::Path;
use std::process::Command;

use crate::support::tools;

use chibo::docx::{RenderOptions, Template};
use chibo::view;
use serde_json::Value;

/// The longest place/date line the header must hold on one line.
const LONG_DATE: &str = "Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026";

/// One word on a page, in points from the top left.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) text: String,
}

/// One rendered document: its pages' words and the PDF's path.
struct Doc {
    kind: &'static str,
    pages: Vec<Vec<Word>>,
    pdf: std::path::PathBuf,
    xml: String,
}

/// Each kind: (name, template, view as JSON), the place/date line made long.
fn kinds() -> Vec<(&'static str, &'static str, Value)> {
    let v = |x: Result<Value, serde_json::Error>| x.expect("serialise");
    let mut out = vec![
        (
            "ke_hoach",
            view::KE_HOACH,
            v(serde_json::to_value(view::example_ke_hoach())),
        ),
        (
            "bien_ban_thuong_ky",
            view::BIEN_BAN_THUONG_KY,
            v(serde_json::to_value(view::example_bien_ban_thuong_ky())),
        ),
        (
            "bien_ban_chuyen_de",
            view::BIEN_BAN_CHUYEN_DE,
            v(serde_json::to_value(view::example_bien_ban_chuyen_de())),
        ),
        (
            "bien_ban_ket_hop",
            view::BIEN_BAN_CHUYEN_DE,
            v(serde_json::to_value(view::example_bien_ban_ket_hop())),
        ),
        (
            "nghi_quyet",
            view::NGHI_QUYET,
            v(serde_json::to_value(view::example_nghi_quyet())),
        ),
        (
            "bao_cao_quy",
            view::BAO_CAO_QUY,
            v(serde_json::to_value(view::example_bao_cao_quy())),
        ),
        (
            "bao_cao_nam",
            view::BAO_CAO_NAM,
            v(serde_json::to_value(view::example_bao_cao_nam())),
        ),
        (
            "bao_cao_tong_hop",
            view::BAO_CAO_TONG_HOP,
            v(serde_json::to_value(view::example_bao_cao_tong_hop())),
        ),
    ];
    for (_, _, data) in &mut out {
        data["van_ban"]["dia_danh_ngay"] = Value::from(LONG_DATE);
    }
    out
}

pub(crate) fn render(template: &str, data: &Value) -> Vec<u8> {
    let bytes = view::template_bytes(template, None).expect("built in");
    let t = Template::parse(&bytes, template).unwrap_or_else(|d| panic!("{template}: {d:#?}"));
    t.render(data, &RenderOptions::default())
        .unwrap_or_else(|d| panic!("{template}: {d:#?}"))
}

pub(crate) fn document_xml(docx: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// Renders every kind, converts all to PDF in one LibreOffice call and reads the words.
fn rendered(dir: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut paths = Vec::new();
    for (kind, template, data) in kinds() {
        let bytes = render(template, &data);
        let path = dir.join(format!("{kind}.docx"));
        std::fs::write(&path, &bytes).expect("write");
        paths.push(path);
        docs.push((kind, document_xml(&bytes)));
    }
    tools::convert(&paths, "pdf", dir);
    docs.into_iter()
        .map(|(kind, xml)| {
            let pdf = dir.join(format!("{kind}.pdf"));
            assert!(pdf.exists(), "LibreOffice did not convert {kind}");
            Doc {
                kind,
                pages: words(&pdf),
                pdf,
                xml,
            }
        })
        .collect()
}

/// The words of each page (`pdftotext -bbox`).
pub(crate) fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new(tools::pdftotext())
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let num = |s: &str, key: &str| -> f64 {
        let k = format!("{key}=\"");
        let i = s.find(&k).expect("attribute") + k.len();
        s[i..i + s[i..].find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut ws = Vec::new();
        for w in page.split("<word ").skip(1) {
            let text_start = w.find('>').expect("word") + 1;
            let text_end = w.find("</word>").expect("word end");
            let text = w[text_start..text_end]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            ws.push(Word {
                x0: num(w, "xMin"),
                y0: num(w, "yMin"),
                x1: num(w, "xMax"),
                text,
            });
        }
        pages.push(ws);
    }
    pages
}

/// The boxes of `phrase`'s words where they appear in a row on `page`.
pub(crate) fn find(page: &[Word], phrase: &str) -> Option<Vec<Word>> {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    (0..page.len()).find_map(|i| {
        let got = page.get(i..i + want.len())?;
        got.iter()
            .zip(&want)
            .all(|(w, t)| w.text == *t)
            .then(|| got.to_vec())
    })
}

pub(crate) fn on_one_line(ws: &[Word]) -> bool {
    ws.iter().all(|w| (w.y0 - ws[0].y0).abs() < 1.0)
}

/// The page index holding `phrase`.
fn page_of(doc: &Doc, phrase: &str) -> Option<usize> {
    doc.pages.iter().position(|p| find(p, phrase).is_some())
}

/// The longest run of dark pixels on one pixel row between `y0` and `y1` (points) of page 1,
/// in points (rendered at 288 dpi, grey).
pub(crate) fn longest_rule(pdf: &Path, y0: f64, y1: f64) -> f64 {
    const DPI: f64 = 288.0;
    let out = Command::new(tools::pdftoppm())
        .args(["-r", "288", "-gray", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    let (w, h, pixels) = pgm(&out.stdout);
    let scale = DPI / 72.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rows = ((y0 * scale) as usize)..((y1 * scale) as usize).min(h);
    let mut best = 0usize;
    for y in rows {
        let mut run = 0usize;
        for x in 0..w {
            if pixels[y * w + x] < 128 {
                run += 1;
                best = best.max(run);
            } else {
                run = 0;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let pt = best as f64 / scale;
    pt
}

/// A binary PGM (`P5`): width, height, one byte per pixel.
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    let data = &bytes[i + 1..];
    assert!(data.len() >= w * h, "short PGM");
    (w, h, data)
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext, has_pdftoppm)),
    ignore = "LibreOffice (soffice), pdftotext hoặc pdftoppm không có trên máy"
)]
fn every_default_document_holds_the_party_format_on_its_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = rendered(dir.path());
    let mut problems = Vec::new();
    for doc in &docs {
        problems.extend(header_problems(doc));
        problems.extend(signature_problems(doc));
        problems.extend(table_header_problems(doc));
    }
    let plan = docs.iter().find(|d| d.kind == "ke_hoach").expect("plan");
    if page_of(plan, "II- NỘI DUNG, THỜI GIAN") != page_of(plan, "Tên chuyên đề") {
        problems.push("ke_hoach: the table does not start under its heading".to_string());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The title on one line, the rule under it no longer (nor much shorter) than the title, the
/// place/date line on one line.
fn header_problems(doc: &Doc) -> Vec<String> {
    let kind = doc.kind;
    let mut out = Vec::new();
    let page = &doc.pages[0];
    let Some(title) = find(page, "ĐẢNG CỘNG SẢN VIỆT NAM") else {
        return vec![format!(
            "{kind}: the title is not on page 1 as one run of words"
        )];
    };
    if !on_one_line(&title) {
        out.push(format!("{kind}: «ĐẢNG CỘNG SẢN VIỆT NAM» wraps: {title:?}"));
        return out;
    }
    let width = title[title.len() - 1].x1 - title[0].x0;
    // The rule sits just under the title's line.
    let top = title[0].y0 + 14.0;
    let rule = longest_rule(&doc.pdf, top, top + 10.0);
    if rule > width + 2.0 || rule < width - 8.0 {
        out.push(format!(
            "{kind}: the rule under the title is {rule:.1} pt, the title {width:.1} pt"
        ));
    }
    let minutes = kind.starts_with("bien_ban");
    if !minutes {
        match find(page, LONG_DATE) {
            Some(ws) if on_one_line(&ws) => {}
            Some(ws) => out.push(format!("{kind}: the place/date line wraps: {ws:?}")),
            None => out.push(format!(
                "{kind}: the place/date line is not on page 1 in one piece"
            )),
        }
    }
    out
}

/// The signature block on the same page as the paragraph before it, and that paragraph kept
/// with the signatures in the XML (so any length of text keeps them together).
fn signature_problems(doc: &Doc) -> Vec<String> {
    let kind = doc.kind;
    let (last, sign) = if kind.starts_with("bien_ban") {
        ("Buổi sinh hoạt kết thúc", "THƯ KÝ")
    } else if kind == "nghi_quyet" {
        // The resolution closes on its vote.
        ("Nghị quyết được", "Nơi nhận:")
    } else {
        ("Trên đây là", "Nơi nhận:")
    };
    let mut out = Vec::new();
    match (page_of(doc, last), page_of(doc, sign)) {
        (Some(a), Some(b)) if a == b => {}
        (a, b) => out.push(format!(
            "{kind}: «{last}» on page {a:?}, the signatures on page {b:?}"
        )),
    }
    // The paragraphs just before the signature table (the closing sentence and the small
    // gap) keep with the next.
    let before = doc.xml.rfind("<w:tbl>").map_or("", |i| &doc.xml[..i]);
    let starts: Vec<usize> = before
        .match_indices("<w:p>")
        .chain(before.match_indices("<w:p "))
        .map(|(i, _)| i)
        .collect();
    let mut starts = starts;
    starts.sort_unstable();
    let kept = starts.len() >= 2
        && starts[starts.len() - 2..].iter().all(|&i| {
            before[i..]
                .split("</w:p>")
                .next()
                .is_some_and(|p| p.contains("<w:keepNext"))
        });
    if !kept {
        out.push(format!(
            "{kind}: the paragraphs before the signatures are not kept with them"
        ));
    }
    out
}

/// Every word of every table heading appears whole in the heading row, and no word there is a
/// piece of a heading word (`Đản` + `g viên` is a broken word). The heading row is the band of
/// the page around the table's first heading word.
fn table_header_problems(doc: &Doc) -> Vec<String> {
    let tables: &[&[&str]] = match doc.kind {
        "ke_hoach" => &[&[
            "Quý",
            "Tên chuyên đề",
            "Thời gian",
            "Người chuẩn bị, trình bày",
            "Hình thức",
            "Thành phần",
        ]],
        "bao_cao_quy" => &[
            &["Ngày sinh hoạt", "Loại", "Điểm", "Xếp loại"],
            &["STT", "Chỉ tiêu", "Kết quả", "Ghi chú"],
        ],
        "bao_cao_nam" => &[
            &["Ngày sinh hoạt", "Loại", "Điểm", "Xếp loại"],
            &[
                "Kỳ",
                "Đảng viên",
                "SH thường kỳ TH/KH",
                "SH chuyên đề TH/KH",
                "Tỷ lệ dự SH",
                "Điểm BQ",
                "Xếp loại các buổi",
            ],
        ],
        "bao_cao_tong_hop" => &[&[
            "STT",
            "Chi bộ",
            "Đảng viên",
            "SH thường kỳ TH/KH",
            "SH chuyên đề TH/KH",
            "Tỷ lệ dự SH",
            "Điểm BQ",
            "Xếp loại",
        ]],
        _ => &[],
    };
    let mut out = Vec::new();
    for headings in tables {
        let tokens: Vec<&str> = headings.iter().flat_map(|h| h.split_whitespace()).collect();
        let anchor = tokens[0];
        let Some((page, a)) = doc
            .pages
            .iter()
            .find_map(|p| p.iter().find(|w| w.text == anchor).map(|w| (p, w)))
        else {
            out.push(format!("{}: no table heading «{anchor}»", doc.kind));
            continue;
        };
        let band: Vec<&str> = page
            .iter()
            .filter(|w| w.y0 > a.y0 - 45.0 && w.y0 < a.y0 + 45.0)
            .map(|w| w.text.as_str())
            .collect();
        for t in &tokens {
            if !band.contains(t) {
                out.push(format!(
                    "{}: the heading word «{t}» is broken: {band:?}",
                    doc.kind
                ));
            }
        }
        for w in &band {
            let piece = !tokens.contains(w)
                && tokens
                    .iter()
                    .any(|t| t != w && (t.starts_with(w) || t.ends_with(w)));
            if piece {
                out.push(format!(
                    "{}: «{w}» is a piece of a heading word: {band:?}",
                    doc.kind
                ));
            }
        }
    }
    out
}

/// The plan of a sample cell with four legal bases and four quarters: its table starts on
/// page 1 under its heading (it used to be pushed to page 2, leaving a quarter page blank).
#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext, has_pdftoppm)),
    ignore = "LibreOffice (soffice), pdftotext hoặc pdftoppm không có trên máy"
)]
fn a_sample_plan_keeps_its_table_under_its_heading() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for name in ["chibo.toml", "chi-bo-2-messy.xlsx"] {
        std::fs::copy(samples.join(name), tmp.path().join(name)).expect("copy");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("run")
        .arg(tmp.path())
        .args(["--period", "2025-01", "--as-of", "2026-01-10"])
        .output()
        .expect("chibo runs");
    assert!(out.status.success(), "{out:?}");
    let plan = tmp
        .path()
        .join("ket-qua/2025-01/chi-bo-phong-quan-ly-van-hoa/ke-hoach-chuyen-de-2025.docx");
    let pdf = tools::convert(&[plan], "pdf", tmp.path()).remove(0);
    let doc = Doc {
        kind: "ke_hoach",
        pages: words(&pdf),
        pdf,
        xml: String::new(),
    };
    let heading = page_of(&doc, "II- NỘI DUNG, THỜI GIAN");
    assert!(heading.is_some(), "no heading");
    assert_eq!(
        heading,
        page_of(&doc, "Tên chuyên đề"),
        "the table left its heading"
    );
}
