//! Rendering fixtures end to end: golden XML of every rendered part, the visible text, and
//! LibreOffice opening the result. Re-bless the golden files with
//! `CHIBO_BLESS=1 cargo test --test documents docx_render::`.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use chibo::docx::{RenderOptions, Template};
use common::*;

fn data(case: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(fixture(case).join("data.json")).unwrap()).unwrap()
}

fn render_case(case: &str) -> Vec<u8> {
    let tpl = Template::parse(&build_docx(case), &format!("{case}.docx")).unwrap();
    tpl.render(&data(case), &RenderOptions::default()).unwrap()
}

#[test]
fn word_habits_golden() {
    let out = render_case("word-habits");
    for (name, file) in [
        ("word/document.xml", "document.xml"),
        ("word/header1.xml", "header1.xml"),
        ("word/footer1.xml", "footer1.xml"),
        ("word/footnotes.xml", "footnotes.xml"),
    ] {
        golden("word-habits", file, &normalize(&part(&out, name)));
    }
}

#[test]
fn word_habits_text() {
    let out = render_case("word-habits");
    let body = visible_text(&part(&out, "word/document.xml"));
    let expected = "\
Chi bộ: Chi bộ 2 & <Khu phố 3> – ngày ngày 14 tháng 02 năm 2023
Địa điểm: Hội trường; giờ: 14 giờ 30.
Ghi chú: Dòng 1 \"trích\"
Dòng 2\tcột
Tỷ lệ: 93,8 (93,8%); số: 1.234.567,5 đồng (một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy phẩy năm đồng); quý IV; tháng 03.
Đủ số lượng: 21 đồng chí.
Kết luận: THỐNG NHẤT THÔNG QUA
STT
 | Họ và tên
 | Ngày sinh
 | 1
 | Nguyễn Văn An
 | 03/4/1980
 | 2
 | Trần Thị Bình
 | 15/01/1992
 | 
Chỉ tiêu
 | Quý I
 | Quý II
 | Quý III
 | Quý IV
 | Khung 1: Chi bộ 2 & <Khu phố 3>
Khung 1: Chi bộ 2 & <Khu phố 3>

Khung 2: Chi bộ 2 & <Khu phố 3>
Khung 2: Chi bộ 2 & <Khu phố 3>

Có 2 đảng viên; biểu thức: a & b và CB2-Chi bộ 2 & <Khu phố 3>.
";
    assert_eq!(body, expected);
    assert_eq!(
        visible_text(&part(&out, "word/header1.xml")),
        "ĐẢNG BỘ PHƯỜNG BÌNH MINH\n"
    );
    assert_eq!(
        visible_text(&part(&out, "word/footer1.xml")),
        "Số 05-BB/CB2\n"
    );
    assert!(
        visible_text(&part(&out, "word/footnotes.xml")).contains(" Theo Hướng dẫn 36-HD/VPTW.")
    );
}

#[test]
fn word_habits_package_hygiene() {
    let tpl_bytes = build_docx("word-habits");
    let out = render_case("word-habits");
    let before = unzip(&tpl_bytes);
    let after = unzip(&out);
    // Same entries, same order of names; parts without tags byte-identical.
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for name in [
        "word/styles.xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
    ] {
        assert_eq!(before[name], after[name], "{name} changed");
    }
    let doc = part(&out, "word/document.xml");
    // Loops copied the text box: drawing ids are unique again.
    assert_eq!(doc.matches("<wp:docPr id=\"1\"").count(), 1);
    assert_eq!(doc.matches("<wp:docPr id=\"2\"").count(), 1);
    // The bookmark in the repeated row got a new id and name in the second copy.
    assert!(doc.contains(r#"<w:bookmarkStart w:id="3" w:name="ten"/>"#));
    assert!(doc.contains(r#"<w:bookmarkStart w:id="8" w:name="ten_2"/>"#));
    assert!(doc.contains(r#"<w:bookmarkEnd w:id="8"/>"#));
    // The {%tc %} loop made 5 columns; the grid follows.
    assert_eq!(doc.matches("<w:gridCol w:w=\"1800\"/>").count(), 5);
    // Rendering twice gives the same bytes.
    assert_eq!(out, render_case("word-habits"));
}

#[test]
fn peer_template_renders_unchanged() {
    let bytes = std::fs::read(fixture("bien-ban-peer.docx")).unwrap();
    let tpl = Template::parse(&bytes, "bien-ban-peer.docx").unwrap();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("bien-ban-peer.json")).unwrap()).unwrap();
    let out = tpl.render(&data, &RenderOptions::default()).unwrap();
    let text = visible_text(&part(&out, "word/document.xml"));
    assert!(text.starts_with("ĐẢNG BỘ SỞ CÔNG THƯƠNG\nCHI BỘ 2\n*\nSố 05-BB/CB2\n | ĐẢNG CỘNG SẢN VIỆT NAM\nBình Thuận, ngày 14 tháng 02 năm 2023\n | "));
    assert!(text.contains("Đoạn văn số 0: Hôm nay, vào lúc 14 giờ, tại Hội trường tầng 3, chi bộ 2 tiến hành sinh hoạt. Chủ trì: Nguyễn Văn An; thư ký: Trần Thị Bình."));
    assert!(text.contains("Nguyễn Văn Thành 29"));
    assert!(!text.contains("{{") && !text.contains("{%"));
    golden(
        "peer",
        "document.xml",
        &normalize(&part(&out, "word/document.xml")),
    );
    // Only the body was rendered: every other part is byte-identical.
    let before = unzip(&bytes);
    let after = unzip(&out);
    for (name, content) in &before {
        if name != "word/document.xml" {
            assert_eq!(content, &after[name], "{name} changed");
        }
    }
}

#[test]
fn libreoffice_template_renders() {
    let bytes = std::fs::read(fixture("libreoffice.docx")).unwrap();
    let tpl = Template::parse(&bytes, "libreoffice.docx").unwrap();
    assert_eq!(
        tpl.variables(),
        vec![
            "chi_bo.ten",
            "dang_vien",
            "dang_vien[].ho_ten",
            "dang_vien[].vai_tro",
            "ngay",
            "nguoi_ky"
        ]
    );
    let data = serde_json::json!({
        "chi_bo": {"ten": "Chi bộ 5 <A&B>"},
        "ngay": "2024-03-08",
        "nguoi_ky": "Lê Văn Cường",
        "dang_vien": [
            {"ho_ten": "Phạm Thị Dung", "vai_tro": "Bí thư"},
            {"ho_ten": "Hoàng Văn Em", "vai_tro": "Đảng viên"}
        ]
    });
    let out = tpl.render(&data, &RenderOptions::default()).unwrap();
    let mut all = String::new();
    for (name, content) in unzip(&out) {
        if name.starts_with("word/") && name.ends_with(".xml") && !name.contains("/_rels/") {
            let xml = String::from_utf8(content).unwrap();
            all.push_str(&visible_text(&xml));
            if name == "word/document.xml" || name == "word/header1.xml" {
                golden("libreoffice", &name.replace('/', "_"), &normalize(&xml));
            }
        }
    }
    for want in [
        "Chi bộ 5 <A&B>",
        "ngày 08 tháng 3 năm 2024",
        "ĐẢNG BỘ — Chi bộ 5 <A&B>",
        "Khung: Chi bộ 5 <A&B>\nKhung: Chi bộ 5 <A&B>",
        "Phạm Thị Dung\n | Bí thư",
        "Hoàng Văn Em\n | Đảng viên",
        "Lê Văn Cường",
    ] {
        assert!(all.contains(want), "missing «{want}» in:\n{all}");
    }
    assert!(!all.contains("{{") && !all.contains("{%"), "{all}");
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc pdftotext không có trên máy"
)]
fn outputs_open_in_libreoffice() {
    let peer = {
        let bytes = std::fs::read(fixture("bien-ban-peer.docx")).unwrap();
        let data: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture("bien-ban-peer.json")).unwrap()).unwrap();
        Template::parse(&bytes, "p")
            .unwrap()
            .render(&data, &RenderOptions::default())
            .unwrap()
    };
    let habits = render_case("word-habits");
    let lo = Template::parse(&std::fs::read(fixture("libreoffice.docx")).unwrap(), "lo")
        .unwrap()
        .render(
            &serde_json::json!({"chi_bo": {"ten": "Chi bộ 5"}, "ngay": "2024-03-08", "nguoi_ky": "Lê Văn Cường",
                "dang_vien": [{"ho_ten": "Phạm Thị Dung", "vai_tro": "Bí thư"}]}),
            &RenderOptions::default(),
        )
        .unwrap();
    let texts = libreoffice_texts(&[("habits", &habits), ("peer", &peer), ("lo", &lo)]);
    assert!(texts[0].contains("Chi bộ 2 & <Khu phố 3>"), "{}", texts[0]);
    assert!(
        texts[0].contains("ĐẢNG BỘ PHƯỜNG BÌNH MINH"),
        "{}",
        texts[0]
    );
    assert!(texts[0].contains("Trần Thị Bình"), "{}", texts[0]);
    // The last of the 30 table rows; the narrow name column wraps the name after «Văn».
    assert!(
        texts[1].contains("Nguyễn Văn") && texts[1].contains("Thành 29"),
        "{}",
        texts[1]
    );
    assert!(texts[2].contains("Phạm Thị Dung"), "{}", texts[2]);
    assert!(texts[2].contains("Lê Văn Cường"), "{}", texts[2]);
}

#[test]
fn filter_examples_from_the_docs() {
    let examples = [
        (
            r#"{{ "2018-04-03" | ngay_thang }}"#,
            "ngày 03 tháng 4 năm 2018",
        ),
        (
            r#"{{ "03/04/2018" | ngay_thang }}"#,
            "ngày 03 tháng 4 năm 2018",
        ),
        (
            r#"{{ "2018-04-03T08:00:00" | ngay_thang }}"#,
            "ngày 03 tháng 4 năm 2018",
        ),
        (r#"{{ "2018-04-03" | ngay }}"#, "03/4/2018"),
        (
            r#"{{ "2018-04-03" | ngay(kieu="dd/mm/yyyy") }}"#,
            "03/04/2018",
        ),
        (r#"{{ "2018-04-03" | ngay(kieu="d/m/yyyy") }}"#, "3/4/2018"),
        (r#"{{ "14:30" | gio }}"#, "14 giờ 30"),
        (r#"{{ "14h30" | gio }}"#, "14 giờ 30"),
        (r#"{{ 14 | gio }}"#, "14 giờ"),
        (r#"{{ 1234.5 | so }}"#, "1.234,5"),
        (r#"{{ 1234.5 | so(le=2) }}"#, "1.234,50"),
        (r#"{{ "1234567" | so }}"#, "1.234.567"),
        (r#"{{ 6 | so_2 }}"#, "06"),
        (r#"{{ 0.938 | phan_tram }}"#, "93,8%"),
        (r#"{{ 0.93756 | phan_tram(le=2) }}"#, "93,76%"),
        (r#"{{ 4 | la_ma }}"#, "IV"),
        (r#"{{ 21 | bang_chu }}"#, "hai mươi mốt"),
        (r#"{{ 105 | bang_chu }}"#, "một trăm linh năm"),
        (r#"{{ 1005 | bang_chu }}"#, "một nghìn không trăm linh năm"),
        (r#"{{ 1.5 | bang_chu }}"#, "một phẩy năm"),
        (r#"{{ "Nguyễn Văn An" | viet_hoa }}"#, "NGUYỄN VĂN AN"),
        (r#"{{ "chi bộ 2" | viet_hoa_dau }}"#, "Chi bộ 2"),
        (r#"{{ "ĐẢNG BỘ" | viet_thuong }}"#, "đảng bộ"),
        (
            r#"{{ 93.8 }}|{{ 9.0 }}|{{ 2023 }}|{{ none_value }}"#,
            "93,8|9|2023|",
        ),
        (r#"{{ x | safe }}"#, "<b>"),
        (r#"{{ nothing | ngay_thang }}"#, ""),
        (r#"{% if 3 > 2 %}lớn{% endif %}"#, "lớn"),
    ];
    let mut files = unzip(&build_docx("skeleton"));
    let body: String = examples
        .iter()
        .map(|(tag, _)| {
            format!(
                "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
                tag.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect();
    files.insert(
        "word/document.xml".into(),
        format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).into_bytes(),
    );
    let tpl = Template::parse(&zip_files(&files), "loc.docx").unwrap();
    let out = tpl
        .render(
            &serde_json::json!({"none_value": null, "x": "<b>", "nothing": null}),
            &RenderOptions::default(),
        )
        .unwrap();
    let text = visible_text(&part(&out, "word/document.xml"));
    let got: Vec<&str> = text.lines().collect();
    for (i, (tag, want)) in examples.iter().enumerate() {
        assert_eq!(got[i], *want, "{tag}");
    }
}
