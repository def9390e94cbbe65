//! `[the_thuc]` takes effect in every default document (issue #12 item 11): the font, the
//! sizes and the margins of `chibo.toml` rewrite the built-in templates
//! (`chibo::docx::format::apply`), checked in the XML of all five and on the printed page of one.

use chibo::config::DocFormat;
use chibo::docx::format;
use chibo::docx::{RenderOptions, Template};
use chibo::view;

use crate::docx_common::part;
use crate::layout::{find, longest_rule, on_one_line, words};
use crate::support::tools;

/// A committee's format: the older handbook's margins, a smaller body, a 14 pt title.
fn committee_format() -> DocFormat {
    let mut f = DocFormat {
        phong_chu: "Liberation Serif".into(),
        ..DocFormat::default()
    };
    f.co_chu.tieu_de = 14.0;
    f.co_chu.noi_dung = 13.0;
    f.co_chu.noi_nhan_dong = 11.0;
    f.le.tren = 25.0;
    f.le.duoi = 25.0;
    f.le.trai = 35.0;
    f.le.phai = 20.0;
    f
}

fn style_size(styles: &str, id: &str) -> String {
    let at = styles
        .find(&format!(r#"w:styleId="{id}""#))
        .unwrap_or_else(|| panic!("no style {id}"));
    let def = &styles[at..at + styles[at..].find("</w:style>").expect("end")];
    let i = def.find(r#"<w:sz w:val=""#).expect("size") + 13;
    def[i..i + def[i..].find('"').expect("quote")].to_string()
}

#[test]
fn the_default_format_leaves_the_templates_as_generated() {
    for (name, bytes) in view::default_templates() {
        let out = format::apply(bytes, &DocFormat::default()).expect("apply");
        assert_eq!(&out[..], *bytes, "{name}");
    }
}

#[test]
fn font_sizes_and_margins_reach_every_default_template() {
    let f = committee_format();
    for (name, bytes) in view::default_templates() {
        let out = format::apply(bytes, &f).expect("apply");
        let doc = part(&out, "word/document.xml");
        let styles = part(&out, "word/styles.xml");
        // Margins in twips: 25 mm = 1417, 35 mm = 1984, 20 mm = 1134.
        for m in [
            r#"w:top="1417""#,
            r#"w:bottom="1417""#,
            r#"w:left="1984""#,
            r#"w:right="1134""#,
        ] {
            assert!(doc.contains(m), "{name}: margin {m}");
        }
        assert_eq!(style_size(&styles, "TieuDe"), "28", "{name}: title size");
        assert_eq!(
            style_size(&styles, "NoiNhanDong"),
            "22",
            "{name}: recipients"
        );
        assert_eq!(style_size(&styles, "Bang"), "24", "{name}: table text");
        let defaults = &styles[..styles.find("</w:docDefaults>").expect("defaults")];
        assert!(
            defaults.contains(r#"<w:sz w:val="26""#),
            "{name}: body size"
        );
        assert!(
            defaults.contains(r#"w:ascii="Liberation Serif""#),
            "{name}: font"
        );
        for p in [&doc, &styles] {
            assert!(
                !p.contains("Times New Roman"),
                "{name}: the old font is left"
            );
        }
        // No table is wider than the new text width (11906 − 1984 − 1134 = 8788 twips), the
        // header block's reach into the left margin aside.
        let widest = doc
            .match_indices("<w:tblW w:w=\"")
            .map(|(i, m)| {
                let v = &doc[i + m.len()..];
                v[..v.find('"').expect("quote")]
                    .parse::<i32>()
                    .expect("width")
            })
            .max()
            .expect("tables");
        assert!(
            widest <= 8788 + format::header_overhang(&f) + 2,
            "{name}: table {widest} twips wide"
        );
    }
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext, has_pdftoppm)),
    ignore = "LibreOffice (soffice), pdftotext hoặc pdftoppm không có trên máy"
)]
fn a_committee_format_is_what_the_page_shows() {
    let f = committee_format();
    let bytes = view::template_bytes(view::BAO_CAO_QUY, None).expect("built in");
    let bytes = format::apply(&bytes, &f).expect("apply");
    let t = Template::parse(&bytes, view::BAO_CAO_QUY).expect("parse");
    let data = serde_json::to_value(view::example_bao_cao_quy()).expect("json");
    let docx = t.render(&data, &RenderOptions::default()).expect("render");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bao_cao_quy.docx");
    std::fs::write(&path, docx).expect("write");
    let pdf = tools::convert(&[path], "pdf", dir.path()).remove(0);
    let pages = words(&pdf);
    // The title at 14 pt: 13.78 em = 192.9 pt, on one line, the rule as long.
    let title = find(&pages[0], "ĐẢNG CỘNG SẢN VIỆT NAM").expect("title");
    assert!(on_one_line(&title), "{title:?}");
    let width = title[title.len() - 1].x1 - title[0].x0;
    assert!((width - 192.9).abs() < 1.5, "title {width:.1} pt wide");
    let rule = longest_rule(&pdf, title[0].y0 + 13.0, title[0].y0 + 23.0);
    assert!(
        rule <= width + 2.0 && rule >= width - 8.0,
        "rule {rule:.1} pt, title {width:.1} pt"
    );
    // The body starts at the 35 mm margin (99.2 pt) and runs to the 20 mm one (538.6 pt).
    // (Below the header block; continuation lines of body paragraphs start at the margin.)
    let body: Vec<_> = pages.iter().flatten().filter(|w| w.y0 > 200.0).collect();
    let left = body.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let right = body.iter().map(|w| w.x1).fold(0.0, f64::max);
    assert!((left - 99.2).abs() < 1.5, "left edge {left:.1} pt");
    assert!(
        right <= 538.6 + 0.5 && right > 520.0,
        "right edge {right:.1} pt"
    );
}
