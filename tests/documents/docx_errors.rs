//! Every error kind: its code, its place and its message, pinned.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use std::collections::BTreeMap;

use chibo::diagnostic::{Diagnostic, Lang};
use chibo::docx::{RenderOptions, Template, check_template};
use common::*;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn table(rows: &[&[&str]]) -> String {
    let mut s = String::from(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>",
    );
    for row in rows {
        s.push_str("<w:tr>");
        for cell in *row {
            s.push_str(&format!("<w:tc>{}</w:tc>", p(cell)));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// A package from the skeleton with this body (and header).
fn docx(body: &str, header: Option<&str>) -> Vec<u8> {
    let mut files = BTreeMap::new();
    for (name, content) in unzip(&build_docx("skeleton")) {
        files.insert(name, content);
    }
    files.insert(
        "word/document.xml".to_string(),
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/></w:sectPr></w:body></w:document>").into_bytes(),
    );
    files.insert(
        "word/header1.xml".to_string(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr {NS}>{}</w:hdr>",
            header.unwrap_or(&p("Đầu trang"))
        )
        .into_bytes(),
    );
    zip_files(&files)
}

/// (code, place, message in Vietnamese) of each problem.
fn problems(body: &str, header: Option<&str>) -> Vec<(String, String, String)> {
    let err = Template::parse(&docx(body, header), "mau.docx").unwrap_err();
    err.iter().map(triple).collect()
}

fn triple(d: &Diagnostic) -> (String, String, String) {
    assert_eq!(d.location.file, "mau.docx");
    (
        d.code.to_string(),
        d.location
            .place
            .as_ref()
            .map(|p| p.vi.clone())
            .unwrap_or_default(),
        d.message.vi.clone(),
    )
}

fn one(body: &str) -> (String, String, String) {
    let mut all = problems(body, None);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

fn s(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_string(), b.to_string(), c.to_string())
}

#[test]
fn unclosed_tag() {
    assert_eq!(
        one(&p("Chi bộ: {{ chi_bo.ten }")),
        s(
            "docx.tag_unclosed",
            "thân văn bản, đoạn 1",
            "thẻ `{{ chi_bo.ten }` chưa đóng (thiếu `}}`), trong đoạn «Chi bộ: {{ chi_bo.ten }»"
        )
    );
}

#[test]
fn unopened_tag() {
    assert_eq!(
        one(&p("Chi bộ: { chi_bo.ten }}")),
        s(
            "docx.tag_unopened",
            "thân văn bản, đoạn 1",
            "có `}}` mà không có thẻ mở tương ứng, trong đoạn «Chi bộ: { chi_bo.ten }}»"
        )
    );
}

#[test]
fn unknown_filter() {
    let (code, place, msg) = one(&p("Ngày {{ ngay | ngay_vn }}"));
    assert_eq!(code, "docx.unknown_filter");
    assert_eq!(place, "thân văn bản, đoạn 1");
    assert!(
        msg.starts_with("thẻ `{{ ngay | ngay_vn }}`: không có bộ lọc `ngay_vn` (các bộ lọc tiếng Việt: ngay_thang, ngay, gio,"),
        "{msg}"
    );
    assert!(
        msg.ends_with(", trong đoạn «Ngày {{ ngay | ngay_vn }}»"),
        "{msg}"
    );
}

#[test]
fn bad_syntax() {
    assert_eq!(
        one(&p("Tên: {{ chi_bo. }}")),
        s(
            "docx.syntax",
            "thân văn bản, đoạn 1",
            "thẻ `{{ chi_bo. }}` viết sai cú pháp (nguyên văn: Found `}}` but expected identifier.), trong đoạn «Tên: {{ chi_bo. }}»"
        )
    );
}

#[test]
fn unclosed_block() {
    assert_eq!(
        one(&(p("{% for x in ds %}") + &p("{{ x }}"))),
        s(
            "docx.block_unclosed",
            "thân văn bản, đoạn 1",
            "thẻ `{% for x in ds %}` chưa được đóng (thiếu `{% endfor %}`), trong đoạn «{% for x in ds %}»"
        )
    );
}

#[test]
fn unopened_block() {
    assert_eq!(
        one(&(p("a") + &p("xong {% endif %}"))),
        s(
            "docx.block_unopened",
            "thân văn bản, đoạn 2",
            "thẻ `{% endif %}` không có thẻ `{% if … %}` mở trước nó, trong đoạn «xong {% endif %}»"
        )
    );
}

#[test]
fn mismatched_blocks() {
    assert_eq!(
        problems(&(p("{% if a %}{% for x in b %}") + &p("{% endif %}")), None),
        vec![s(
            "docx.block_unclosed",
            "thân văn bản, đoạn 1",
            "thẻ `{% for x in b %}` chưa được đóng trước `{% endif %}` (thiếu `{% endfor %}`), trong đoạn «{% if a %}{% for x in b %}»"
        )]
    );
}

#[test]
fn structural_tag_outside_a_table() {
    let all = problems(&(p("{%tr for x in ds %}") + &p("{%tr endfor %}")), None);
    assert_eq!(
        all,
        vec![
            s(
                "docx.structural_place",
                "thân văn bản, đoạn 1",
                "thẻ `{%tr for x in ds %}` phải nằm trong dòng của bảng, trong đoạn «{%tr for x in ds %}»"
            ),
            s(
                "docx.structural_place",
                "thân văn bản, đoạn 2",
                "thẻ `{%tr endfor %}` phải nằm trong dòng của bảng, trong đoạn «{%tr endfor %}»"
            ),
        ]
    );
}

#[test]
fn structural_tag_sharing_its_row() {
    let body = table(&[
        &["{%tr for x in ds %}", "{{ x }}"],
        &["{{ x }}", ""],
        &["{%tr endfor %}", ""],
    ]);
    assert_eq!(
        one(&body),
        s(
            "docx.structural_mixed",
            "thân văn bản, bảng 1, dòng 1, ô 1",
            "thẻ `{%tr for x in ds %}` thay cả phần tử chứa nó, nên thẻ `{{ x }}` ở cùng dòng/ô/đoạn sẽ mất; hãy đặt thẻ `{%tr for x in ds %}` ở dòng/đoạn riêng, trong đoạn «{%tr for x in ds %}»"
        )
    );
}

#[test]
fn two_structural_tags_in_one_row() {
    let body = table(&[&["{%tr if a %}", "{%tr if b %}"], &["{%tr endif %}", ""]]);
    let all = problems(&body, None);
    assert_eq!(all[0].0, "docx.structural_duplicate");
    assert_eq!(all[0].1, "thân văn bản, bảng 1, dòng 1, ô 2");
    assert!(
        all[0]
            .2
            .starts_with("thẻ `{%tr if a %}` và `{%tr if b %}` cùng thay một phần tử")
    );
}

#[test]
fn block_tags_at_different_levels() {
    assert_eq!(
        one(&(p("{%p if a %}") + &p("chữ") + &p("cuối {% endif %}"))),
        s(
            "docx.block_position",
            "thân văn bản, đoạn 3",
            "thẻ `{% endif %}` không cùng cấp với thẻ mở `{%p if a %}` (thân văn bản, đoạn 1): một thẻ trong bảng còn thẻ kia ngoài bảng, hoặc một thẻ là dạng {%tr/%p …%} còn thẻ kia thì không, trong đoạn «cuối {% endif %}»"
        )
    );
}

#[test]
fn include_is_forbidden() {
    assert_eq!(
        one(&p("{% include \"khac.docx\" %}")),
        s(
            "docx.forbidden_tag",
            "thân văn bản, đoạn 1",
            "thẻ `{% include \"khac.docx\" %}` không được phép: mẫu không được đọc tệp hay mẫu khác, trong đoạn «{% include \"khac.docx\" %}»"
        )
    );
    assert_eq!(one(&p("{% extends \"a\" %}")).0, "docx.forbidden_tag");
    assert_eq!(one(&p("{% import \"a\" as b %}")).0, "docx.forbidden_tag");
}

#[test]
fn unknown_statement() {
    assert_eq!(
        one(&p("{% lap x %}")),
        s(
            "docx.unknown_tag",
            "thân văn bản, đoạn 1",
            "thẻ `{% lap x %}` không hợp lệ: sau `{%` phải là for, if, elif, else, endfor, endif, set …, trong đoạn «{% lap x %}»"
        )
    );
}

#[test]
fn raw_blocks_are_refused() {
    assert_eq!(
        problems(&p("{% raw %}{{ x }}{% endraw %}"), None)[0],
        s(
            "docx.unknown_tag",
            "thân văn bản, đoạn 1",
            "thẻ `{% raw %}` không dùng được trong mẫu Word, trong đoạn «{% raw %}{{ x }}{% endraw %}»"
        )
    );
}

#[test]
fn rich_text_form() {
    assert_eq!(
        one(&p("{{r ten }}")),
        s(
            "docx.rich_unsupported",
            "thân văn bản, đoạn 1",
            "thẻ `{{r ten }}`: dạng {{p …}} / {{r …}} (văn bản định dạng sẵn) không được hỗ trợ; dùng {{ … }}, trong đoạn «{{r ten }}»"
        )
    );
}

#[test]
fn places_in_header_and_table() {
    let body = table(&[&["a", "b"], &["{{ x | khong_co }}", ""]]);
    let all = problems(&body, Some(&(p("x") + &p("ĐẢNG BỘ {{ dang_bo }"))));
    assert_eq!(
        all.iter()
            .map(|t| (t.0.as_str(), t.1.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("docx.unknown_filter", "thân văn bản, bảng 1, dòng 2, ô 1"),
            ("docx.tag_unclosed", "đầu trang 1, đoạn 2"),
        ]
    );
    // English wording of the same places.
    let err = Template::parse(&docx(&body, Some(&p("{{ a }"))), "mau.docx").unwrap_err();
    assert_eq!(
        err[0].render(Lang::En).lines().nth(1).unwrap(),
        "  --> mau.docx, body, table 1, row 2, cell 1"
    );
    assert_eq!(
        err[1].render(Lang::En).lines().nth(1).unwrap(),
        "  --> mau.docx, header 1, paragraph 1"
    );
}

#[test]
fn every_problem_at_once() {
    let body = p("{{ a }") + &p("{{ b | nope }}") + &p("{% if c %}") + &p("{{ d. }}");
    let all = problems(&body, Some(&p("{% endfor %}")));
    let codes: Vec<&str> = all.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "docx.tag_unclosed",
            "docx.block_unclosed",
            "docx.unknown_filter",
            "docx.syntax",
            "docx.block_unopened"
        ]
    );
}

#[test]
fn long_paragraphs_are_quoted_around_the_tag() {
    let long = format!(
        "{} {{{{ x | khong }}}} {}",
        "chữ ".repeat(30),
        "đuôi ".repeat(30)
    );
    let (_, _, msg) = one(&p(&long));
    assert!(
        msg.ends_with("trong đoạn «… chữ chữ chữ chữ chữ chữ chữ  {{ x | khong }} đuôi đuôi đuôi đuôi đuôi đuôi…»"),
        "{msg}"
    );
}

#[test]
fn doctype_is_refused() {
    let mut files = unzip(&docx(&p("a"), None));
    files.insert(
        "word/document.xml".into(),
        format!("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"http://example.invalid/x\">]><w:document {NS}><w:body>{}</w:body></w:document>", p("&x;")).into_bytes(),
    );
    let err = Template::parse(&zip_files(&files), "mau.docx").unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code, "docx.doctype");
    assert_eq!(
        err[0].message.vi,
        "phần này có khai báo DOCTYPE/ENTITY; chibo không đọc tệp như vậy (nguy cơ XXE)"
    );
    assert_eq!(err[0].location.place.as_ref().unwrap().vi, "thân văn bản");
}

#[test]
fn malformed_xml() {
    let mut files = unzip(&docx(&p("a"), None));
    files.insert(
        "word/header1.xml".into(),
        format!("<w:hdr {NS}><w:p></w:hdr>").into_bytes(),
    );
    let err = Template::parse(&zip_files(&files), "mau.docx").unwrap_err();
    assert_eq!(err[0].code, "docx.xml_malformed");
    assert!(
        err[0].message.vi.starts_with("XML hỏng ở byte "),
        "{}",
        err[0].message.vi
    );
    assert_eq!(err[0].location.place.as_ref().unwrap().vi, "đầu trang 1");
}

#[test]
fn not_a_docx() {
    let err = Template::parse(b"hello", "a.docx").unwrap_err();
    assert_eq!(err[0].code, "docx.not_zip");
    assert!(
        err[0]
            .message
            .vi
            .starts_with("tệp không phải là văn bản Word .docx (không mở được dạng zip: "),
        "{}",
        err[0].message.vi
    );
    let mut files = BTreeMap::new();
    files.insert("x.txt".to_string(), b"x".to_vec());
    let err = Template::parse(&zip_files(&files), "a.docx").unwrap_err();
    assert_eq!(err[0].code, "docx.not_docx");
    assert_eq!(
        err[0].message.vi,
        "tệp không phải văn bản Word .docx (không có word/document.xml)"
    );
}

#[test]
fn zip_bomb_is_refused_by_declared_size() {
    let mut bytes = docx(&p("a"), None);
    // Make the central directory claim that the styles part is 3.75 GiB.
    let sig = [0x50, 0x4b, 0x01, 0x02];
    let at = (0..bytes.len() - 4)
        .find(|&i| bytes[i..i + 4] == sig)
        .unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
    let err = Template::parse(&bytes, "bom.docx").unwrap_err();
    assert_eq!(err[0].code, "docx.zip_limit");
    assert_eq!(
        err[0].message.vi,
        "nội dung giải nén của tệp là 3841 MiB, vượt giới hạn 512 MiB (tệp có thể là «bom zip»)"
    );
}

#[test]
fn too_many_entries() {
    let mut files = unzip(&docx(&p("a"), None));
    for i in 0..10_001 {
        files.insert(format!("x/{i}.txt"), Vec::new());
    }
    let err = Template::parse(&zip_files(&files), "nhieu.docx").unwrap_err();
    assert_eq!(err[0].code, "docx.zip_limit");
    assert!(
        err[0].message.vi.contains("vượt giới hạn 10000 mục"),
        "{}",
        err[0].message.vi
    );
}

#[test]
fn missing_variables_are_all_reported() {
    let body = p("Chi bộ {{ chi_bo.ten }}, bí thư {{ bi_thu }}")
        + &table(&[
            &["{%tr for dv in ds %}", ""],
            &["{{ dv.ho_ten }}", "{{ dv.ly_do }}"],
            &["{%tr endfor %}", ""],
        ]);
    let tpl = Template::parse(&docx(&body, Some(&p("{{ dang_bo }}"))), "mau.docx").unwrap();
    let data = serde_json::json!({
        "chi_bo": {"ma": "CB2"},
        "ds": [{"ho_ten": "A", "ly_do": ""}, {"ho_ten": "B"}]
    });
    let offer = RenderOptions {
        offer_lenient: true,
        ..RenderOptions::default()
    };
    let err = tpl.render(&data, &offer).unwrap_err();
    let got: Vec<(String, String, String)> = err.iter().map(triple).collect();
    assert_eq!(
        got,
        vec![
            s(
                "docx.missing_variable",
                "thân văn bản, đoạn 1",
                "dữ liệu không có biến `chi_bo.ten` (dùng ở thẻ `{{ chi_bo.ten }}`), trong đoạn «Chi bộ {{ chi_bo.ten }}, bí thư {{ bi_thu }}»"
            ),
            s(
                "docx.missing_variable",
                "thân văn bản, đoạn 1",
                "dữ liệu không có biến `bi_thu` (dùng ở thẻ `{{ bi_thu }}`), trong đoạn «Chi bộ {{ chi_bo.ten }}, bí thư {{ bi_thu }}»"
            ),
            s(
                "docx.missing_variable",
                "thân văn bản, bảng 1, dòng 2, ô 2",
                "dữ liệu không có biến `ds[].ly_do` (dùng ở thẻ `{{ dv.ly_do }}`), trong đoạn «{{ dv.ly_do }}»"
            ),
            s(
                "docx.missing_variable",
                "đầu trang 1, đoạn 1",
                "dữ liệu không có biến `dang_bo` (dùng ở thẻ `{{ dang_bo }}`), trong đoạn «{{ dang_bo }}»"
            ),
        ]
    );
    assert_eq!(err[0].value.as_deref(), Some("chi_bo.ten"));
    assert_eq!(
        err[0].hint.as_ref().unwrap().vi,
        "thêm biến này vào dữ liệu, hoặc dùng --lenient để để trống"
    );
    // Lenient: the same data renders, the missing values empty.
    let out = tpl
        .render(
            &data,
            &RenderOptions {
                lenient: true,
                ..RenderOptions::default()
            },
        )
        .unwrap();
    let text = visible_text(&part(&out, "word/document.xml"));
    assert_eq!(text, "Chi bộ , bí thư \nA\n | \n | B\n | \n | ");
    assert_eq!(visible_text(&part(&out, "word/header1.xml")), "\n");
}

#[test]
fn lenient_keeps_defaults_and_tests() {
    let body = p(
        "{{ a | default(value=\"mặc định\") }}|{% if b is defined %}có{% else %}không{% endif %}|{{ c.d }}|{% for x in e %}{{ x }}{% endfor %}|{% if f %}f{% endif %}",
    );
    let tpl = Template::parse(&docx(&body, None), "mau.docx").unwrap();
    let out = tpl
        .render(
            &serde_json::json!({}),
            &RenderOptions {
                lenient: true,
                ..RenderOptions::default()
            },
        )
        .unwrap();
    assert_eq!(
        visible_text(&part(&out, "word/document.xml")),
        "mặc định|không|||\n"
    );
}

#[test]
fn filter_given_a_wrong_value() {
    let tpl = Template::parse(&docx(&p("Ngày {{ ngay | ngay_thang }}"), None), "mau.docx").unwrap();
    let err = tpl
        .render(
            &serde_json::json!({"ngay": "hôm qua"}),
            &RenderOptions::default(),
        )
        .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code, "docx.render");
    assert_eq!(
        err[0].location.place.as_ref().unwrap().vi,
        "thân văn bản, đoạn 1"
    );
    assert!(
        err[0]
            .message
            .vi
            .contains("bộ lọc `ngay_thang` cần một ngày / a date, nhận được `hôm qua`"),
        "{}",
        err[0].message.vi
    );
}

#[test]
fn data_must_be_an_object() {
    let tpl = Template::parse(&docx(&p("{{ a }}"), None), "mau.docx").unwrap();
    let err = tpl
        .render(&serde_json::json!([1]), &RenderOptions::default())
        .unwrap_err();
    assert_eq!(err[0].code, "docx.data_not_object");
    assert_eq!(
        err[0].message.vi,
        "dữ liệu của một văn bản phải là một đối tượng JSON { … }"
    );
}

#[test]
fn check_lists_variables_even_with_problems() {
    let body = p("{{ a.b }} {{ c | nope }}")
        + &p("{% for x in ds %}{{ x.ten }}{{ loop.index }}{% endfor %}");
    let (diags, vars) = check_template(
        &docx(&body, Some(&p("{% set t = a.b %}{{ t }}"))),
        "mau.docx",
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(vars, vec!["a.b", "c", "ds", "ds[].ten"]);
    let body = p("{{ a.b }} {{ c | upper }}")
        + &p("{% for x in ds %}{{ x.ten }}{{ loop.index }}{% endfor %}");
    let (diags, vars) =
        check_template(&docx(&body, Some(&p("{% set t = e %}{{ t }}"))), "mau.docx");
    assert!(diags.is_empty());
    assert_eq!(vars, vec!["a.b", "c", "ds", "ds[].ten", "e"]);
}
