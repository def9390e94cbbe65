//! The template engine keeps every character Word or LibreOffice gave it, reads mail-merge
//! templates, refuses damaged packages at load, and writes only well-formed parts: one test
//! per behaviour, on templates with Word's XML habits (split runs, `w:rsid` attributes,
//! proofing marks) and on one saved by LibreOffice (`tests/fixtures/docx/libreoffice-engine.*`).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::docx_common as common;

use chibo::docx::{RenderOptions, Template, TemplateLimits, check_template};
use common::*;
use serde_json::json;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A `word/document.xml` with this body, the way Word writes it.
fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// The skeleton package with these parts added or replaced.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for rel in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        files.insert(
            rel.to_string(),
            std::fs::read(fixture("skeleton").join(rel)).unwrap(),
        );
    }
    for (name, xml) in parts {
        files.insert((*name).to_string(), xml.as_bytes().to_vec());
    }
    zip_files(&files)
}

fn body(b: &str) -> Vec<u8> {
    package(&[("word/document.xml", document(b))])
}

fn render(bytes: &[u8], data: &serde_json::Value) -> Vec<u8> {
    let tpl = Template::parse(bytes, "mau.docx").unwrap_or_else(|d| panic!("{d:?}"));
    let out = tpl.render(data, &RenderOptions::default()).unwrap();
    assert_well_formed(&out);
    out
}

fn text_of(bytes: &[u8]) -> String {
    visible_text(&part(bytes, "word/document.xml"))
}

/// Every XML part of a package parses, with every element closed and one root.
pub(crate) fn assert_well_formed(bytes: &[u8]) {
    for (name, data) in unzip(bytes) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let xml = String::from_utf8(data).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut depth = 0usize;
        loop {
            match reader.read_event() {
                Err(e) => panic!("{name} is not well-formed: {e}"),
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
            }
        }
        assert_eq!(depth, 0, "{name} has unclosed elements");
        assert!(
            !xml.contains('\u{FFFE}') && !xml.contains('\u{FFFF}') && !xml.contains('\u{1}'),
            "{name} holds characters XML 1.0 forbids"
        );
    }
}

/// The `w:t` start tag that holds `text`.
fn t_holding<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(text)
        .unwrap_or_else(|| panic!("no {text:?} in {xml}"));
    let open = xml[..at].rfind("<w:t").unwrap();
    &xml[open..at]
}

#[test]
fn text_after_a_split_tag_keeps_its_space() {
    // Word split the tag when a typo was fixed in it: the text after `}}` lands in a run
    // whose `w:t` had no leading space, hence no `xml:space`.
    let tpl = body(
        r#"<w:p w:rsidR="00A1"><w:r w:rsidRPr="00B2"><w:t>{{ ho_</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>ten }} là đảng viên</w:t></w:r></w:p>"#,
    );
    let out = render(&tpl, &json!({"ho_ten": "Nguyễn Văn An"}));
    let xml = part(&out, "word/document.xml");
    assert!(
        t_holding(&xml, " là đảng viên").contains("xml:space=\"preserve\""),
        "{xml}"
    );
    assert_eq!(text_of(&out), "Nguyễn Văn An là đảng viên\n");
}

#[test]
fn comment_only_templates_lose_their_comments() {
    let tpl = body(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Văn bản {# ghi chú cho người soạn #}</w:t></w:r><w:r><w:t>chính.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{#p đoạn này chỉ để ghi chú #}</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>{#tr dòng ghi chú #}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"#,
        r#"</w:tbl><w:p/>"#
    ));
    let out = render(&tpl, &json!({}));
    let text = text_of(&out);
    assert!(!text.contains("{#") && !text.contains("#}"), "{text}");
    assert!(text.starts_with("Văn bản chính.\n"), "{text}");
    assert!(!part(&out, "word/document.xml").contains("dòng ghi chú"));
}

#[test]
fn map_loops_render_the_same_bytes_every_time() {
    let tpl =
        body(r#"<w:p><w:r><w:t>{% for k, v in m %}{{ k }}={{ v }};{% endfor %}</w:t></w:r></w:p>"#);
    let m: serde_json::Map<String, serde_json::Value> =
        (0..40).map(|i| (format!("k{i:02}"), json!(i))).collect();
    let expected: String = (0..40).map(|i| format!("k{i:02}={i};")).collect();
    let data = json!({ "m": m });
    let first = render(&tpl, &data);
    assert_eq!(text_of(&first), format!("{expected}\n"));
    for _ in 0..5 {
        assert_eq!(render(&tpl, &data), first);
    }
}

#[test]
fn run_tags_keep_the_text_of_their_run() {
    let tpl = body(
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Trước {%r if co %}có{%r endif %} sau</w:t></w:r></w:p>"#,
    );
    let out = render(&tpl, &json!({"co": true}));
    assert_eq!(text_of(&out), "Trước có sau\n");
    let xml = part(&out, "word/document.xml");
    assert!(t_holding(&xml, " sau").contains("preserve"));
    assert_eq!(
        xml.matches("<w:b/>").count(),
        3,
        "each piece keeps the run's bold: {xml}"
    );
    let out = render(&tpl, &json!({"co": false}));
    assert_eq!(text_of(&out), "Trước  sau\n");
    // A run holding only the tag is replaced as before.
    let tpl = body(
        r#"<w:p><w:r><w:t xml:space="preserve">A </w:t></w:r><w:r><w:t>{%r if co %}</w:t></w:r><w:r><w:t>B</w:t></w:r><w:r><w:t>{%r endif %}</w:t></w:r></w:p>"#,
    );
    assert_eq!(text_of(&render(&tpl, &json!({"co": false}))), "A \n");
}

#[test]
fn a_main_part_named_document2_is_rendered() {
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let types = std::fs::read_to_string(fixture("skeleton").join("[Content_Types].xml"))
        .unwrap()
        .replace("/word/document.xml", "/word/document2.xml");
    let tpl = package(&[
        ("_rels/.rels", rels.to_string()),
        ("[Content_Types].xml", types),
        (
            "word/document2.xml",
            document(r#"<w:p><w:r><w:t>Chi bộ {{ ten }}</w:t></w:r></w:p>"#),
        ),
        (
            "word/_rels/document2.xml.rels",
            std::fs::read_to_string(fixture("skeleton").join("word/_rels/document.xml.rels"))
                .unwrap(),
        ),
    ]);
    // The skeleton's word/document.xml.rels stays, harmless; there is no word/document.xml.
    let out = render(&tpl, &json!({"ten": "Khu phố 3"}));
    assert!(!unzip(&out).contains_key("word/document.xml"));
    assert_eq!(
        visible_text(&part(&out, "word/document2.xml")),
        "Chi bộ Khu phố 3\n"
    );
    let (diags, vars) = check_template(&tpl, "mau.docx");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(vars, vec!["ten"]);
}

#[test]
fn core_properties_are_rendered() {
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Biên bản {{ chi_bo }}</dc:title><dc:subject>Họp &amp; {{ thang }}</dc:subject><dc:creator>Văn phòng</dc:creator></cp:coreProperties>"#;
    let tpl = package(&[
        (
            "word/document.xml",
            document("<w:p><w:r><w:t>x</w:t></w:r></w:p>"),
        ),
        ("docProps/core.xml", core.to_string()),
    ]);
    let out = render(&tpl, &json!({"chi_bo": "Chi bộ 2 & <3>", "thang": 5}));
    let core = part(&out, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Biên bản Chi bộ 2 &amp; &lt;3&gt;</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:subject>Họp &amp; 5</dc:subject>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>Văn phòng</dc:creator>"));
    assert!(!core.contains("xml:space"), "core.xml keeps its own schema");
}

#[test]
fn a_cell_emptied_by_a_paragraph_tag_keeps_a_paragraph() {
    let tpl = body(concat!(
        r#"<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>"#,
        r#"<w:p><w:r><w:t>{%p if x %}</w:t></w:r></w:p><w:p><w:r><w:t>Chỉ khi có x</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>"#,
        r#"</w:tc></w:tr></w:tbl><w:p/>"#
    ));
    let xml = part(&render(&tpl, &json!({"x": false})), "word/document.xml");
    let cell = &xml[xml.find("<w:tc>").unwrap()..xml.find("</w:tc>").unwrap()];
    assert!(cell.contains("<w:p"), "the cell has no paragraph: {cell}");
    let xml = part(&render(&tpl, &json!({"x": true})), "word/document.xml");
    assert!(xml.contains("Chỉ khi có x"));
}

#[test]
fn braces_are_printed_from_string_literals() {
    let tpl = body(
        r#"<w:p><w:r><w:t>Dấu: {{ "{{" }} và {{ '}}' }} và {{ “{%” }} và {{ "%}" }}</w:t></w:r></w:p>"#,
    );
    let (diags, _) = check_template(&tpl, "mau.docx");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        text_of(&render(&tpl, &json!({}))),
        "Dấu: {{ và }} và {% và %}\n"
    );
}

#[test]
fn jinja_habits_get_a_hint() {
    let tpl = body(r#"<w:p><w:r><w:t>{{ x | default("không có") }}</w:t></w:r></w:p>"#);
    let (diags, _) = check_template(&tpl, "mau.docx");
    let hint = diags
        .iter()
        .find_map(|d| d.hint.as_ref())
        .unwrap_or_else(|| panic!("no hint in {diags:?}"));
    assert!(hint.vi.contains("default(value="), "{}", hint.vi);
    assert!(hint.en.contains("default(value="), "{}", hint.en);
}

#[test]
fn variables_with_vietnamese_letters_work() {
    let tpl = body(
        r#"<w:p><w:r><w:t>{{ Chức_vụ }} – {{ dv.Họ_tên }}{% for đv in ds %}; {{ đv.tên }}{% endfor %}</w:t></w:r></w:p>"#,
    );
    let (diags, vars) = check_template(&tpl, "mau.docx");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(vars, vec!["Chức_vụ", "ds", "ds[].tên", "dv.Họ_tên"]);
    let out = render(
        &tpl,
        &json!({"Chức_vụ": "Bí thư", "dv": {"Họ_tên": "Lê Thị Hoa"}, "ds": [{"tên": "A"}, {"tên": "B"}]}),
    );
    assert_eq!(text_of(&out), "Bí thư – Lê Thị Hoa; A; B\n");
}

#[test]
fn a_missing_variable_hint_offers_lenient_only_where_it_exists() {
    let tpl = Template::parse(
        &body(r#"<w:p><w:r><w:t>{{ khong_co }}</w:t></w:r></w:p>"#),
        "mau.docx",
    )
    .unwrap();
    let hint = |offer| {
        let options = RenderOptions {
            lenient: false,
            offer_lenient: offer,
        };
        let diags = tpl.render(&json!({}), &options).unwrap_err();
        diags[0].hint.clone().unwrap().vi
    };
    assert!(hint(true).contains("--lenient"));
    assert!(!hint(false).contains("--lenient"), "{}", hint(false));
}

/// A Word mail-merge letter: a simple field, a complex field with a date switch, a
/// Vietnamese field name, and the data source Word links in `word/settings.xml`.
fn mail_merge_template() -> Vec<u8> {
    let doc = document(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Kính gửi đồng chí </w:t></w:r>"#,
        r#"<w:fldSimple w:instr=" MERGEFIELD Họ_và_tên \* MERGEFORMAT "><w:r><w:rPr><w:b/><w:noProof/></w:rPr><w:t>«Họ_và_tên»</w:t></w:r></w:fldSimple>"#,
        r#"<w:r><w:t xml:space="preserve">, sinh ngày </w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD </w:instrText></w:r><w:r><w:instrText xml:space="preserve">Ngay_sinh \@ "dd/MM/yyyy" </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:t>«Ngay_sinh»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:t xml:space="preserve">, đảng phí </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD Dang_phi \# &quot;#,##0&quot; "><w:r><w:t>«Dang_phi»</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> đồng.</w:t></w:r></w:p>"#,
        r#"<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"#
    ));
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}><w:zoom w:percent="100"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType w:val="native"/><w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=C:\Users\vanphong\Danh sach.xlsx"/><w:query w:val="SELECT * FROM `Sheet1$`"/><w:dataSource r:id="rId1"/></w:mailMerge><w:defaultTabStop w:val="720"/></w:settings>"#
    );
    package(&[("word/document.xml", doc), ("word/settings.xml", settings)])
}

#[test]
fn mail_merge_fields_are_variables() {
    let tpl = mail_merge_template();
    let (diags, vars) = check_template(&tpl, "thu-moi.docx");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(vars, vec!["Dang_phi", "Họ_và_tên", "Ngay_sinh"]);
    // Keys as an Excel header row gives them (with spaces) match Word's field names.
    let out = render(
        &tpl,
        &json!({"Họ và tên": "Trần Văn Bình", "Ngay_sinh": "1980-04-03", "Dang_phi": 150000}),
    );
    assert_eq!(
        text_of(&out),
        "Kính gửi đồng chí Trần Văn Bình, sinh ngày 03/04/1980, đảng phí 150.000 đồng.\n1\n"
    );
    let doc = part(&out, "word/document.xml");
    assert!(!doc.contains("MERGEFIELD"), "{doc}");
    assert!(
        doc.contains("<w:b/><w:noProof/>"),
        "the field's formatting stays"
    );
    assert!(doc.contains(r#"w:instr=" PAGE ""#), "other fields stay");
    let settings = part(&out, "word/settings.xml");
    assert!(!settings.contains("mailMerge"), "{settings}");
    assert!(settings.contains("<w:defaultTabStop"));
}

#[test]
fn damaged_template_parts_are_refused_at_load() {
    let doc = document(r#"<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>"#);
    let truncated = body("<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>");
    let cut = {
        let mut files = unzip(&truncated);
        files.insert(
            "word/document.xml".into(),
            doc.as_bytes()[..doc.len() - 40].to_vec(),
        );
        zip_files(&files)
    };
    let not_xml = package(&[
        ("word/document.xml", doc.clone()),
        ("word/styles.xml", "PK\u{3}\u{4} không phải XML".to_string()),
    ]);
    for (bytes, what) in [(cut, "thân văn bản"), (not_xml, "word/styles.xml")] {
        let diags = Template::parse(&bytes, "mau.docx").unwrap_err();
        assert_eq!(diags[0].code, "docx.xml_malformed", "{diags:?}");
        assert_eq!(diags[0].location.file, "mau.docx");
        let shown = format!(
            "{} {}",
            diags[0]
                .location
                .place
                .as_ref()
                .map_or("", |p| p.vi.as_str()),
            diags[0].message.vi
        );
        assert!(shown.contains(what), "{shown}");
        let (check, _) = check_template(&bytes, "mau.docx");
        assert!(!check.is_empty());
    }
}

#[test]
fn duplicate_zip_entries_are_refused() {
    let good = body("<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>");
    // Two entries named word/document.xml: rewrite the name of styles.xml in place (same
    // length) in both the local header and the central directory.
    let mut files = unzip(&good);
    files.insert(
        "word/documenX.xml".into(),
        document("<w:p><w:r><w:t>khác</w:t></w:r></w:p>").into_bytes(),
    );
    let mut bytes = zip_files(&files);
    let from = b"word/documenX.xml";
    let to = b"word/document.xml";
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at..i + at + from.len()].copy_from_slice(to);
        i += at + from.len();
    }
    let diags = Template::parse(&bytes, "mau.docx").unwrap_err();
    assert_eq!(diags[0].code, "docx.zip_duplicate", "{diags:?}");
    assert!(diags[0].message.vi.contains("word/document.xml"));
}

#[test]
fn characters_xml_forbids_never_reach_a_part() {
    let tpl = body("<w:p><w:r><w:t>{{ x }}|{{ y }}</w:t></w:r></w:p>");
    let out = render(
        &tpl,
        &json!({"x": "a\u{FFFE}b\u{FFFF}c\u{1}d\u{1F}e", "y": "Chi bộ\u{B}2"}),
    );
    assert_eq!(text_of(&out), "abcde|Chi bộ2\n");
}

#[test]
fn a_rendered_document_has_a_size_bound() {
    let tpl = body(
        r#"<w:p><w:r><w:t>{% for a in ds %}{% for b in ds %}{% for c in ds %}{{ s }}{% endfor %}{% endfor %}{% endfor %}</w:t></w:r></w:p>"#,
    );
    let limits = TemplateLimits {
        max_document_size: 1024 * 1024,
        ..TemplateLimits::default()
    };
    let tpl = Template::parse_with_limits(&tpl, "mau.docx", limits).unwrap();
    // 100³ × 1 000 characters would be 1 GB.
    let data = json!({"ds": (0..100).collect::<Vec<_>>(), "s": "x".repeat(1000)});
    let diags = tpl.render(&data, &RenderOptions::default()).unwrap_err();
    assert_eq!(diags[0].code, "docx.too_large", "{diags:?}");
    assert_eq!(diags[0].location.place.as_ref().unwrap().vi, "thân văn bản");
    assert!(diags[0].hint.as_ref().unwrap().vi.contains("van_ban_mb"));
}

#[test]
fn deeply_nested_blocks_are_bounded() {
    let n = 30_000;
    let mut b = String::new();
    for i in 0..n {
        b.push_str(&format!("<w:p><w:r><w:t>{{% if x{i} %}}</w:t></w:r></w:p>"));
    }
    b.push_str("<w:p><w:r><w:t>giữa</w:t></w:r></w:p>");
    for _ in 0..n {
        b.push_str("<w:p><w:r><w:t>{% endif %}</w:t></w:r></w:p>");
    }
    let tpl = body(&b);
    let (diags, _) = check_template(&tpl, "mau.docx");
    assert_eq!(diags.len(), 1, "{:?}", &diags[..diags.len().min(3)]);
    assert_eq!(diags[0].code, "docx.nesting_limit");
    assert!(
        diags[0]
            .location
            .place
            .as_ref()
            .unwrap()
            .vi
            .contains("đoạn 101")
    );
    assert!(
        diags[0]
            .hint
            .as_ref()
            .unwrap()
            .vi
            .contains("khoi_long_nhau")
    );
    // The same with `{%p if %}`, where each tag replaces its paragraph.
    let b = b
        .replace("{% if", "{%p if")
        .replace("{% endif", "{%p endif");
    let (diags, _) = check_template(&body(&b), "mau.docx");
    assert_eq!(diags[0].code, "docx.nesting_limit");
}

/// The LibreOffice-saved template: every item above in one document, as LibreOffice writes
/// it (split runs, empty `w:rPr`, a database field exported as `MERGEFIELD`, core
/// properties).
#[test]
fn libreoffice_template() {
    let bytes = std::fs::read(fixture("libreoffice-engine.docx")).unwrap();
    let (diags, vars) = check_template(&bytes, "libreoffice-engine.docx");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        vars,
        vec!["Chức_vụ", "Họ_tên", "chi_bo", "co", "ho_ten", "thang", "x"]
    );
    let data = json!({"ho_ten": "Nguyễn Văn An", "co": true, "Chức vụ": "Bí thư",
                      "Chức_vụ": "Bí thư", "Họ tên": "Phạm Thị Lan", "x": false,
                      "chi_bo": "Chi bộ 2", "thang": 5});
    let out = render(&bytes, &data);
    let text = text_of(&out);
    assert_eq!(
        text,
        "Nguyễn Văn An là đảng viên\nGhi chú hết.\nTrước có sau\nDấu: {{ và }} và {%\nChức vụ: Bí thư\nThư gửi Phạm Thị Lan.\n\n | B\n | \n"
    );
    let core = part(&out, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Biên bản Chi bộ 2</dc:title>"),
        "{core}"
    );
}

/// Every output above opens in LibreOffice, which shows the filled text.
#[test]
#[cfg_attr(not(has_soffice), ignore = "LibreOffice (soffice) không có trên máy")]
fn outputs_open_in_libreoffice() {
    let lo = std::fs::read(fixture("libreoffice-engine.docx")).unwrap();
    let lo_out = render(
        &lo,
        &json!({"ho_ten": "Nguyễn Văn An", "co": false, "Chức_vụ": "Bí thư",
                "Họ_tên": "Phạm Thị Lan", "x": false, "chi_bo": "Chi bộ 2", "thang": 5}),
    );
    let merge = render(
        &mail_merge_template(),
        &json!({"Họ_và_tên": "Trần Văn Bình", "Ngay_sinh": "1980-04-03", "Dang_phi": 150000}),
    );
    let split = render(
        &body(
            r#"<w:p><w:r><w:t>{{ ho_</w:t></w:r><w:r><w:t>ten }} là đảng viên</w:t></w:r></w:p>"#,
        ),
        &json!({"ho_ten": "Nguyễn Văn An"}),
    );
    let cell = render(
        &body(concat!(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc>"#,
            r#"<w:p><w:r><w:t>{%p if x %}</w:t></w:r></w:p><w:p><w:r><w:t>C</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>"#,
            r#"</w:tc></w:tr></w:tbl><w:p><w:r><w:t>Sau bảng</w:t></w:r></w:p>"#
        )),
        &json!({"x": false}),
    );
    let docs: Vec<(&str, &[u8])> = vec![
        ("libreoffice", &lo_out),
        ("mail-merge", &merge),
        ("split", &split),
        ("cell", &cell),
    ];
    let texts = libreoffice_texts(&docs);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squash(&texts[0]).contains("Nguyễn Văn An là đảng viên"),
        "{}",
        texts[0]
    );
    assert!(squash(&texts[0]).contains("Trước sau"));
    assert!(
        squash(&texts[1]).contains("Kính gửi đồng chí Trần Văn Bình, sinh ngày 03/04/1980"),
        "{}",
        texts[1]
    );
    assert!(
        texts[2].contains("Nguyễn Văn An là đảng viên"),
        "{}",
        texts[2]
    );
    assert!(texts[3].contains("Sau bảng"));
}

/// `chibo render` over a JSON array prints bare variables without the output filter where it
/// changes nothing (`src/docx/plain.rs`): for every kind of value the bytes are the general
/// path's, and a number with a fraction is printed the Vietnamese way whichever path runs.
#[test]
fn the_fast_path_prints_what_the_general_path_prints() {
    let values = r#"<w:p><w:r><w:t xml:space="preserve">{{ a }}|{{ b.c }}|{{ n }}|{{ z }}|{{ t }}|{{ ds[1].x }}|{{ a ~ "!" }}</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">{% for r in ds %}{{ r.x }};{{ loop.index }};{% endfor %}{% if z %}có{% endif %}</w:t></w:r></w:p>"#;
    let cases = [
        (
            values,
            r#"{"a": "chữ & <b>", "b": {"c": -7}, "n": null, "z": true, "t": 12, "ds": [{"x": "một"}, {"x": 2}]}"#,
            "chữ & <b>|-7||true|12|2|chữ & <b>!\nmột;1;2;2;có",
        ),
        (
            values,
            r#"{"a": 93.8, "b": {"c": 2.0}, "n": null, "z": false, "t": 18446744073709551615, "ds": [{"x": 0.5}, {"x": 1e3}]}"#,
            "93,8|2||false|18446744073709551615|1000|93.8!\n0,5;1;1000;2;",
        ),
        (
            r#"<w:p><w:r><w:t>{% set h = a / 4 %}{{ h }}</w:t></w:r></w:p>"#,
            r#"{"a": 6}"#,
            "1,5",
        ),
        (
            r#"<w:p><w:r><w:t xml:space="preserve">{% for x in [1.5, 2] %}{{ x }} {% endfor %}</w:t></w:r></w:p>"#,
            "{}",
            "1,5 2 ",
        ),
    ];
    for (xml, data, text) in cases {
        let mut tpl = Template::parse(&body(xml), "mau.docx").unwrap_or_else(|d| panic!("{d:?}"));
        tpl.compile_plain_forms();
        let value: serde_json::Value = serde_json::from_str(data).unwrap();
        let general = tpl.render(&value, &RenderOptions::default()).unwrap();
        let fast = tpl
            .render_json(data.as_bytes(), &RenderOptions::default())
            .unwrap();
        assert_eq!(text_of(&fast), text_of(&general), "{data}");
        assert_eq!(fast, general, "{data}");
        assert_eq!(text_of(&fast).trim_end_matches('\n'), text, "{data}");
    }
    // Lenient: a missing variable is nothing on both paths.
    let mut tpl = Template::parse(&body(values), "mau.docx").unwrap();
    tpl.compile_plain_forms();
    let lenient = RenderOptions {
        lenient: true,
        ..RenderOptions::default()
    };
    let data = r#"{"a": "x", "ds": [{"x": 1}, {"y": 2}]}"#;
    let value: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(
        tpl.render_json(data.as_bytes(), &lenient).unwrap(),
        tpl.render(&value, &lenient).unwrap()
    );
}
