//! Whatever text the data holds (XML specials, quotes, Vietnamese, control characters, line
//! breaks, tabs, things that look like tags), the document stays well-formed and shows the
//! text as it was given.
#![allow(clippy::unwrap_used)]

use crate::docx_common as common;

use std::collections::BTreeMap;

use chibo::docx::{RenderOptions, Template};
use common::*;
use proptest::prelude::*;

fn template() -> Template {
    let mut files: BTreeMap<String, Vec<u8>> = unzip(&build_docx("skeleton"));
    files.insert(
        "word/document.xml".into(),
        br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>[{{ a }}]</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{%tr for x in ds %}</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>{{ x }}|</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>{%tr endfor %}</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#.to_vec(),
    );
    files.remove("word/header1.xml");
    Template::parse(&zip_files(&files), "p.docx").unwrap()
}

/// What the reader sees for a value: control characters other than tab and line breaks are
/// dropped; `\r\n` and `\r` are line breaks.
fn shown(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_text_is_safe(
        a in "[a-zA-Z0-9 &<>\"'{}%#\\n\\r\\t\\x01\\x0bđăươĐẠỮ“”]{0,40}",
        ds in proptest::collection::vec("[ &<>\"'{}%#\\nđư]{0,12}", 0..4),
    ) {
        let tpl = template();
        let out = tpl
            .render(&serde_json::json!({"a": a, "ds": ds}), &RenderOptions::default())
            .unwrap();
        let xml = part(&out, "word/document.xml");
        let text = visible_text(&xml);
        let mut expected = format!("[{}]\n", shown(&a));
        for x in &ds {
            expected.push_str(&format!("{}|\n | ", shown(x)));
        }
        prop_assert_eq!(text, expected);
    }
}

fn template_from_runs(runs: &[String]) -> Vec<u8> {
    let mut files: BTreeMap<String, Vec<u8>> = unzip(&build_docx("skeleton"));
    let body: String = runs
        .iter()
        .map(|r| {
            format!(
                "<w:r><w:t>{}</w:t></w:r>",
                r.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect();
    files.insert(
        "word/document.xml".into(),
        format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>{body}</w:p><w:tbl><w:tr><w:tc><w:p>{body}</w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#).into_bytes(),
    );
    files.remove("word/header1.xml");
    zip_files(&files)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Tag-like garbage split over runs never panics: the template is either refused with
    /// located problems, or renders (leniently) into well-formed XML.
    #[test]
    fn garbage_tags_never_panic(
        runs in proptest::collection::vec("[{}%# a-x.|=\"“”]{0,6}", 1..8),
    ) {
        let bytes = template_from_runs(&runs);
        match Template::parse(&bytes, "g.docx") {
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in &diags {
                    prop_assert!(d.location.place.is_some(), "{:?}", d);
                }
            }
            Ok(tpl) => {
                if let Ok(out) = tpl.render(&serde_json::json!({}), &RenderOptions { lenient: true, ..RenderOptions::default() }) {
                    let xml = part(&out, "word/document.xml");
                    let _ = normalize(&xml);
                }
            }
        }
    }
}
