//! Bad templates in the committee's `templates/` folder (they override the built-in ones), and
//! the same files through `chibo template check`.
#![allow(clippy::unwrap_used)]

#[path = "hostile_common/mod.rs"]
mod common;

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

fn probe(name: &str, bytes: &[u8]) {
    let f = Folder::samples();
    let t = f.put(&format!("templates/{TEMPLATE}"), bytes);
    let out = f.run();
    eprintln!(
        "=== {name} run: {}\n{}\n{}\n{:?}",
        out.code,
        out.stderr,
        out.stdout,
        f.outputs()
    );
    let out = chibo(&["template", "check", t.to_str().unwrap()]);
    eprintln!(
        "=== {name} check: {}\n{}\n{}",
        out.code, out.stderr, out.stdout
    );
}

#[test]
fn explore() {
    probe(
        "unclosed",
        &with_paragraph(&p("{% if chi_bo.ten %}mở mà không đóng")),
    );
    probe(
        "filter",
        &with_paragraph(&p("{{ chi_bo.ten | khong_co_bo_loc }}")),
    );
    probe(
        "include",
        &with_paragraph(&p("{% include \"/etc/passwd\" %}")),
    );
    let xxe = replace_entry(&builtin(), "word/document.xml", |x| {
        let at = x.find("<w:document").unwrap();
        format!(
            "{}<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>{}",
            &x[..at],
            &x[at..]
        )
        .replace("</w:body>", &format!("{}</w:body>", p("&xxe;")))
    });
    probe("xxe", &xxe);
}
