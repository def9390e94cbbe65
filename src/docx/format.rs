//! `[the_thuc]` applied to the built-in templates: font, type sizes and margins.
//!
//! The default templates (`examples/gen_templates.rs`) are generated with the 36-HD defaults
//! of [`DocFormat`], and every run whose size is a setting carries a character style named after
//! the setting (`CoQuan`, `TieuDe`, `DiaDanh` …) instead of a size of its own; body text takes the
//! document default. So applying a committee's `[the_thuc]` is a matter of rewriting
//! `word/styles.xml` (the sizes, the font, the indents that make the rule under
//! `ĐẢNG CỘNG SẢN VIỆT NAM` as long as the title) and the page setup of `word/document.xml`
//! (margins; table widths and right tabs scaled to the new text width). The layout numbers used
//! here are the ones the generator uses ([`text_width`], [`title_rule_indent`],
//! [`summary_rule_indent`]), so a template rewritten for the default format is the generated one.
//!
//! Hand-written string edits rather than a DOM: the parts are the generator's own output, whose
//! shape is known, and quick-xml has no tree to edit; every rewrite keeps the XML well-formed
//! (values are numbers, and the font name is escaped).

use std::io::{Cursor, Read, Write};

use crate::config::{DocFormat, FontSizes};

/// A4 width in twips.
pub const PAGE_W: i32 = 11906;
/// The font the default templates are generated with.
const DEFAULT_FONT: &str = "Times New Roman";
/// Cell padding left + right of a table cell (Word's default 0.19 cm each side), twips.
pub const CELL_PADDING: i32 = 216;
/// `ĐẢNG CỘNG SẢN VIỆT NAM` in Times New Roman Bold (and Liberation Serif Bold, its
/// metric-compatible substitute) is 13.78 em wide; in thousandths of an em.
const TITLE_EM_MILLI: i32 = 13_780;
/// Length of the short rule under the summary line, twips (3 cm).
pub const SUMMARY_RULE: i32 = 1700;

/// A character style: id, name shown in Word, the setting that sizes it.
pub type CharStyle = (&'static str, &'static str, fn(&FontSizes) -> f64);

/// The character styles of the default templates, each with the setting that sizes it.
pub const CHAR_STYLES: [CharStyle; 11] = [
    ("TieuDe", "Tiêu đề Đảng", |c| c.tieu_de),
    ("CoQuan", "Tên cơ quan", |c| c.co_quan),
    ("SoKyHieu", "Số và ký hiệu", |c| c.so_ky_hieu),
    ("DiaDanh", "Địa danh, ngày tháng", |c| c.dia_danh),
    ("TenLoai", "Tên loại văn bản", |c| c.ten_loai),
    ("TrichYeu", "Trích yếu", |c| c.trich_yeu),
    ("ChuKy", "Chữ ký", |c| c.chu_ky),
    ("NoiNhan", "Nơi nhận", |c| c.noi_nhan),
    ("NoiNhanDong", "Dòng nơi nhận", |c| c.noi_nhan_dong),
    ("SoTrang", "Số trang", |c| c.so_trang),
    // Table text: one point under the body.
    ("Bang", "Chữ trong bảng", |c| c.noi_dung - 1.0),
];

/// Points to half-points (docx sizes), rounded; at least 1 pt.
#[must_use]
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn half_points(pt: f64) -> usize {
    if pt.is_finite() {
        (pt * 2.0).round().clamp(2.0, 3276.0) as usize
    } else {
        28
    }
}

/// Millimetres to twips, rounded (clamped to a page).
#[must_use]
#[allow(clippy::cast_possible_truncation)]
pub fn twips(mm: f64) -> i32 {
    if mm.is_finite() {
        (mm * 1440.0 / 25.4).round().clamp(0.0, 16838.0) as i32
    } else {
        0
    }
}

/// Margins top, bottom, left, right in twips.
#[must_use]
pub fn margins(f: &DocFormat) -> [i32; 4] {
    [
        twips(f.le.tren),
        twips(f.le.duoi),
        twips(f.le.trai),
        twips(f.le.phai),
    ]
}

/// Width of the text area, twips (at least 2 cm, whatever the margins say).
#[must_use]
pub fn text_width(f: &DocFormat) -> i32 {
    let [_, _, left, right] = margins(f);
    (PAGE_W - left - right).max(1134)
}

/// The header block's columns (issuer side, title side), twips: the title side takes the
/// larger share so that `ĐẢNG CỘNG SẢN VIỆT NAM` and a place/date line as long as
/// `Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026` each stay on one line.
#[must_use]
pub fn header_columns(f: &DocFormat) -> (i32, i32) {
    let w = text_width(f) + header_overhang(f);
    let left = w * 36 / 100;
    (left, w - left)
}

/// With the default margins, the header table reaches this far into the left margin (1 cm,
/// twips), as the headers of real Party documents do, so the issuer's lines wrap less.
pub const HEADER_OVERHANG: i32 = 567;
/// The text width of the default margins, twips.
const DEFAULT_TEXT_W: i32 = PAGE_W - 1701 - 850;

/// How far the header table reaches into the left margin: [`HEADER_OVERHANG`] scaled with the
/// text width, as [`apply`] scales every table.
#[must_use]
pub fn header_overhang(f: &DocFormat) -> i32 {
    text_width(f) * HEADER_OVERHANG / DEFAULT_TEXT_W
}

/// The left and right indent of the `ĐẢNG CỘNG SẢN VIỆT NAM` paragraph in a title column of
/// `column` twips: the paragraph's bottom border (the rule) is then as long as the title.
#[must_use]
pub fn title_rule_indent(column: i32, f: &DocFormat) -> i32 {
    let hp = i32::try_from(half_points(f.co_chu.tieu_de)).unwrap_or(30);
    // half-points × 10 = twips per em.
    let title = hp * 10 * TITLE_EM_MILLI / 1000;
    ((column - CELL_PADDING - title - 20) / 2).max(0)
}

/// The left and right indent of the short rule under the summary line.
#[must_use]
pub fn summary_rule_indent(f: &DocFormat) -> i32 {
    ((text_width(f) - SUMMARY_RULE) / 2).max(0)
}

/// The built-in template `bytes` with `f` applied. When `f` is the default format, the bytes
/// are returned as they are.
///
/// # Errors
/// A package that is not a readable zip (never the case for a built-in template).
pub fn apply(bytes: &[u8], f: &DocFormat) -> Result<Vec<u8>, String> {
    let default = DocFormat::default();
    if same_page_format(f, &default) {
        return Ok(bytes.to_vec());
    }
    let ratio = (f64::from(text_width(f)), f64::from(text_width(&default)));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        let data = match String::from_utf8(data) {
            Ok(xml) if name.ends_with(".xml") => rewrite_part(&name, &xml, f, ratio).into_bytes(),
            Ok(text) => text.into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name, opts).map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// A rendered document with its Word properties (`docProps/core.xml`) set: the author and the
/// last editor are `issuer` (`Chi bộ 2`), the creation and modification times `date` (the
/// run's `--as-of`) at midnight UTC, so that the same input gives the same bytes. Every other
/// entry is copied without being recompressed. A package without `docProps/core.xml` (a
/// committee's own template may lack it) is returned as it is.
///
/// # Errors
/// A package that is not a readable zip.
pub fn properties(bytes: &[u8], issuer: &str, date: chrono::NaiveDate) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    if zip.index_for_name("docProps/core.xml").is_none() {
        return Ok(bytes.to_vec());
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let when = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        if name != "docProps/core.xml" {
            out.raw_copy_file(entry).map_err(|e| e.to_string())?;
            continue;
        }
        let mut xml = String::new();
        let mut entry = entry;
        entry.read_to_string(&mut xml).map_err(|e| e.to_string())?;
        let who = escape(issuer);
        for (tag, value) in [
            ("dc:creator", who.as_str()),
            ("cp:lastModifiedBy", who.as_str()),
            ("dcterms:created", when.as_str()),
            ("dcterms:modified", when.as_str()),
        ] {
            xml = set_text(&xml, tag, value);
        }
        out.start_file(name, opts).map_err(|e| e.to_string())?;
        out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// The text of the element `tag` replaced by `value` (already escaped); unchanged when absent.
fn set_text(xml: &str, tag: &str, value: &str) -> String {
    let Some(open) = xml.find(&format!("<{tag}")) else {
        return xml.to_string();
    };
    let Some(gt) = xml[open..].find('>').map(|g| open + g + 1) else {
        return xml.to_string();
    };
    if xml[..gt].ends_with("/>") {
        return xml.to_string();
    }
    let Some(close) = xml[gt..].find(&format!("</{tag}>")).map(|c| gt + c) else {
        return xml.to_string();
    };
    format!("{}{value}{}", &xml[..gt], &xml[close..])
}

/// Whether the font, sizes and margins are those of `b` (the recipients and numbering do not
/// change the page).
fn same_page_format(a: &DocFormat, b: &DocFormat) -> bool {
    a.phong_chu == b.phong_chu && a.co_chu == b.co_chu && a.le == b.le
}

/// One part rewritten; `ratio` is (new text width, old text width).
fn rewrite_part(name: &str, xml: &str, f: &DocFormat, ratio: (f64, f64)) -> String {
    let xml = if f.phong_chu == DEFAULT_FONT {
        xml.to_string()
    } else {
        xml.replace(
            &format!("\"{DEFAULT_FONT}\""),
            &format!("\"{}\"", escape(&f.phong_chu)),
        )
    };
    match name {
        "word/styles.xml" => rewrite_styles(&xml, f),
        "word/document.xml" => rewrite_document(&xml, f, ratio),
        _ => xml,
    }
}

/// Sizes of the document default and of each character style; the rule indents.
fn rewrite_styles(xml: &str, f: &DocFormat) -> String {
    let body = half_points(f.co_chu.noi_dung);
    // The document default (`<w:docDefaults>`): body size.
    let mut out = edit_block(xml, "<w:docDefaults>", "</w:docDefaults>", |b| {
        set_size(b, body)
    });
    for (id, _, size) in CHAR_STYLES {
        let hp = half_points(size(&f.co_chu));
        out = edit_style(&out, id, |b| set_size(b, hp));
    }
    let (_, right) = header_columns(f);
    let title = title_rule_indent(right, f);
    out = edit_style(&out, "TieuDeDang", |b| set_indent(b, title));
    let summary = summary_rule_indent(f);
    edit_style(&out, "GachChan", |b| set_indent(b, summary))
}

/// Margins, table widths and right tabs for the new text width.
fn rewrite_document(xml: &str, f: &DocFormat, (new_w, old_w): (f64, f64)) -> String {
    let [top, bottom, left, right] = margins(f);
    let mut out = map_tags(xml, "<w:pgMar ", |tag| {
        let tag = set_attr(tag, "w:top", top);
        let tag = set_attr(&tag, "w:bottom", bottom);
        let tag = set_attr(&tag, "w:left", left);
        set_attr(&tag, "w:right", right)
    });
    #[allow(clippy::cast_possible_truncation)]
    let scale = |v: i32| (f64::from(v) * new_w / old_w).round() as i32;
    for open in ["<w:gridCol ", "<w:tblW ", "<w:tcW ", "<w:tblInd "] {
        out = map_tags(&out, open, |tag| match attr(tag, "w:w") {
            Some(v) if !tag.contains("w:type=\"pct\"") => set_attr(tag, "w:w", scale(v)),
            _ => tag.to_string(),
        });
    }
    map_tags(&out, "<w:tab ", |tag| match attr(tag, "w:pos") {
        Some(v) => set_attr(tag, "w:pos", scale(v)),
        None => tag.to_string(),
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Applies `f` to each element starting with `open` (up to its `>`).
fn map_tags(xml: &str, open: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        out.push_str(&f(&tail[..end]));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Applies `f` to the text between the first `open` and the next `close`.
fn edit_block(xml: &str, open: &str, close: &str, f: impl Fn(&str) -> String) -> String {
    let Some(start) = xml.find(open) else {
        return xml.to_string();
    };
    let Some(len) = xml[start..].find(close) else {
        return xml.to_string();
    };
    let end = start + len;
    format!("{}{}{}", &xml[..start], f(&xml[start..end]), &xml[end..])
}

/// Applies `f` to the definition of the style `id`.
fn edit_style(xml: &str, id: &str, f: impl Fn(&str) -> String) -> String {
    let marker = format!("w:styleId=\"{id}\"");
    let Some(at) = xml.find(&marker) else {
        return xml.to_string();
    };
    let start = xml[..at].rfind("<w:style ").unwrap_or(at);
    let edited = edit_block(&xml[start..], "<w:style ", "</w:style>", f);
    format!("{}{edited}", &xml[..start])
}

fn set_size(block: &str, hp: usize) -> String {
    let block = map_tags(block, "<w:sz ", |t| set_attr(t, "w:val", hp));
    map_tags(&block, "<w:szCs ", |t| set_attr(t, "w:val", hp))
}

fn set_indent(block: &str, v: i32) -> String {
    map_tags(block, "<w:ind ", |t| {
        let t = set_attr(t, "w:left", v);
        set_attr(&t, "w:right", v)
    })
}

/// The integer value of `name` in the tag.
fn attr(tag: &str, name: &str) -> Option<i32> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let len = tag[i..].find('"')?;
    tag[i..i + len].parse().ok()
}

/// The tag with `name` set to `v` (when the tag has it).
fn set_attr(tag: &str, name: &str, v: impl std::fmt::Display) -> String {
    let key = format!(" {name}=\"");
    let Some(i) = tag.find(&key).map(|i| i + key.len()) else {
        return tag.to_string();
    };
    let Some(len) = tag[i..].find('"') else {
        return tag.to_string();
    };
    format!("{}{v}{}", &tag[..i], &tag[i + len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_rewritten_in_place() {
        let t = r#"<w:pgMar w:top="1134" w:left="1701" />"#;
        assert_eq!(
            set_attr(t, "w:left", 2000),
            r#"<w:pgMar w:top="1134" w:left="2000" />"#
        );
        assert_eq!(attr(t, "w:top"), Some(1134));
        assert_eq!(set_attr(t, "w:right", 5), t);
    }

    #[test]
    fn a_style_is_found_by_its_id() {
        let xml = r#"<w:styles><w:style w:type="character" w:styleId="A"><w:rPr><w:sz w:val="28" /></w:rPr></w:style><w:style w:type="character" w:styleId="B"><w:rPr><w:sz w:val="28" /></w:rPr></w:style></w:styles>"#;
        let out = edit_style(xml, "B", |b| set_size(b, 30));
        assert!(
            out.contains(r#"w:styleId="A"><w:rPr><w:sz w:val="28""#),
            "{out}"
        );
        assert!(
            out.contains(r#"w:styleId="B"><w:rPr><w:sz w:val="30""#),
            "{out}"
        );
    }

    #[test]
    fn element_text_is_replaced() {
        let xml = r#"<a><dc:creator>unknown</dc:creator><x/></a>"#;
        assert_eq!(
            set_text(xml, "dc:creator", "Chi bộ 2"),
            r#"<a><dc:creator>Chi bộ 2</dc:creator><x/></a>"#
        );
        assert_eq!(set_text(xml, "dc:title", "t"), xml);
    }

    #[test]
    fn sizes_and_lengths_are_bounded() {
        assert_eq!(half_points(f64::NAN), 28);
        assert_eq!(half_points(-3.0), 2);
        assert_eq!(twips(f64::INFINITY), 0);
        assert_eq!(twips(25.4), 1440);
    }

    #[test]
    fn the_default_layout_numbers_are_the_generated_ones() {
        let d = DocFormat::default();
        assert_eq!(text_width(&d), DEFAULT_TEXT_W);
        assert_eq!(header_overhang(&d), HEADER_OVERHANG);
    }
}
