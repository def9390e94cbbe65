//! Bad templates in the committee's `templates/` folder (they override the built-in ones):
//! `chibo run` stops before writing anything (exit 2) and leaves earlier outputs as they were;
//! `chibo template check` reports the same problem.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use std::path::Path;

use common::*;

const TEMPLATE: &str = "bien-ban-thuong-ky.docx";

fn builtin() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .join(TEMPLATE),
    )
    .unwrap()
}

/// The built-in template with `para` (raw WordprocessingML) added at the end of the body.
fn with_paragraph(para: &str) -> Vec<u8> {
    replace_entry(&builtin(), "word/document.xml", |x| {
        let at = x.rfind("<w:sectPr").unwrap();
        format!("{}{para}{}", &x[..at], &x[at..])
    })
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

const STOP: &str = "lỗi: mẫu văn bản có lỗi: sửa mẫu (xem `chibo template check`) rồi chạy lại; chưa tạo văn bản nào";

/// Runs with the bad template: exit 2, `message` then the stop line, nothing written (`run`
/// names the committee's own file by its folder). Then `template check` on the same file:
/// exit 2 and the same message, naming the file as given.
fn refused(bytes: &[u8], message: &str) {
    let f = Folder::samples();
    let t = f.put(&format!("templates/{TEMPLATE}"), bytes);
    let in_run = message.replace(
        &format!("--> {TEMPLATE}"),
        &format!("--> templates/{TEMPLATE}"),
    );
    f.run().code(2).no_panic().says(&in_run).says(STOP);
    assert_eq!(f.outputs(), Vec::<String>::new());
    let out = chibo(&["template", "check", t.to_str().unwrap()]);
    out.code(2).no_panic();
    assert!(
        out.stderr.contains(message) || out.stdout.contains(message),
        "{out:#?}"
    );
    out.says(&format!("mẫu {TEMPLATE} có 1 lỗi"));
}

#[test]
fn unclosed_block() {
    refused(
        &with_paragraph(&p("{% if chi_bo.ten %}mở mà không đóng")),
        "lỗi: thẻ `{% if chi_bo.ten %}` chưa được đóng (thiếu `{% endif %}`), trong đoạn «{% if chi_bo.ten %}mở mà không đóng»\n  --> bien-ban-thuong-ky.docx, thân văn bản, đoạn 69",
    );
}

#[test]
fn unknown_filter() {
    refused(
        &with_paragraph(&p("{{ chi_bo.ten | khong_co_bo_loc }}")),
        "lỗi: thẻ `{{ chi_bo.ten | khong_co_bo_loc }}`: không có bộ lọc `khong_co_bo_loc` (các bộ lọc tiếng Việt: ngay_thang, ngay, gio, so, so_2, phan_tram, la_ma, bang_chu, viet_hoa, viet_hoa_dau, viet_thuong; và các bộ lọc của tera), trong đoạn «{{ chi_bo.ten | khong_co_bo_loc }}»\n  --> bien-ban-thuong-ky.docx, thân văn bản, đoạn 69",
    );
}

#[test]
fn templates_cannot_read_files() {
    for tag in [
        "{% include \"../../bi-mat.txt\" %}",
        "{% extends \"../chibo.toml\" %}",
        "{% import \"macros.docx\" as m %}",
    ] {
        refused(
            &with_paragraph(&p(&tag.replace('"', "&quot;"))),
            &format!(
                "lỗi: thẻ `{tag}` không được phép: mẫu không được đọc tệp hay mẫu khác, trong đoạn «{tag}»"
            ),
        );
    }
}

#[test]
fn xml_external_entity_is_never_expanded() {
    let f = Folder::samples();
    let secret = f.put("bi-mat.txt", b"NOI-DUNG-BI-MAT");
    let xxe = replace_entry(&builtin(), "word/document.xml", |x| {
        let at = x.find("<w:document").unwrap();
        format!(
            "{}<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://{}\">]>{}",
            &x[..at],
            secret.display(),
            &x[at..]
        )
        .replace("</w:body>", &format!("{}</w:body>", p("&xxe;")))
    });
    refused(
        &xxe,
        "lỗi: phần này có khai báo DOCTYPE/ENTITY; chibo không đọc tệp như vậy (nguy cơ XXE)\n  --> bien-ban-thuong-ky.docx, thân văn bản",
    );
}

#[test]
fn zip_bomb_template() {
    refused(
        &patch_declared_size(&builtin(), "word/document.xml", 0xFFFF_FFF0),
        "lỗi: nội dung giải nén của tệp là 4097 MiB, vượt giới hạn 512 MiB (tệp có thể là «bom zip»)\n  --> bien-ban-thuong-ky.docx\n  gợi ý: mẫu có thể bị hỏng hoặc cố ý làm phình to: lấy lại mẫu gốc; nếu đó thật là mẫu của Đảng ủy, nâng giới hạn `giai_nen_mb` trong mục [gioi_han] của chibo.toml",
    );
}

#[test]
fn a_broken_template_leaves_the_previous_outputs_intact() {
    let f = Folder::samples();
    f.run().code(0);
    let before = snapshot(&f.out());
    // 24 documents of the cells (no plan in quarter IV), the committee's report, the
    // workbook, the log, chibo's record of what it wrote and the folder's lock.
    assert_eq!(before.len(), 29);
    f.put(
        &format!("templates/{TEMPLATE}"),
        &with_paragraph(&p("{% for x in %}")),
    );
    f.run().code(2).says(STOP);
    assert_eq!(snapshot(&f.out()), before);
}
