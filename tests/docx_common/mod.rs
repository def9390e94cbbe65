//! Helpers shared by the `docx_*` integration tests: building fixture packages from folders
//! of XML, reading rendered parts back, golden files and the LibreOffice check.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

/// `tests/fixtures/docx/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(rel)
}

fn collect(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if path.is_dir() {
            if prefix.is_empty() && name == "expected" {
                continue;
            }
            collect(&path, &format!("{prefix}{name}/"), out);
        } else if !(prefix.is_empty() && (name.ends_with(".json") || name.ends_with(".md"))) {
            out.insert(format!("{prefix}{name}"), std::fs::read(&path).unwrap());
        }
    }
}

/// Zips `tests/fixtures/docx/skeleton` overlaid with `tests/fixtures/docx/<case>`.
pub fn build_docx(case: &str) -> Vec<u8> {
    let mut files = BTreeMap::new();
    collect(&fixture("skeleton"), "", &mut files);
    collect(&fixture(case), "", &mut files);
    zip_files(&files)
}

pub fn zip_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut names: Vec<&String> = files.keys().collect();
    names.sort_by_key(|n| (*n != "[Content_Types].xml", (*n).clone()));
    for n in names {
        zip.start_file(n.as_str(), opts).unwrap();
        zip.write_all(&files[n]).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Every entry of a package.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        out.insert(f.name().unwrap().into_owned(), buf);
    }
    out
}

pub fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(unzip(bytes).remove(name).unwrap()).unwrap()
}

/// XML one element per line, indented, text kept inline and byte for byte as written (so
/// diffs read well); fails on malformed XML.
pub fn normalize(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut inline = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().expect("well-formed XML");
        let raw = &xml[before..reader.buffer_position() as usize];
        match event {
            Event::Eof => break,
            Event::Start(_) => {
                out.push('\n');
                out.push_str(&" ".repeat(depth));
                out.push_str(raw);
                depth += 1;
                // An element closed right away stays on one line.
                inline = true;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if !inline {
                    out.push('\n');
                    out.push_str(&" ".repeat(depth));
                }
                out.push_str(raw);
                inline = false;
            }
            Event::Text(_) if raw.trim().is_empty() && raw.contains('\n') => {}
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                out.push_str(raw);
                inline = true;
            }
            _ => {
                out.push('\n');
                out.push_str(&" ".repeat(depth));
                out.push_str(raw);
                inline = false;
            }
        }
    }
    out.push('\n');
    out.trim_start().to_string()
}

/// The visible text: paragraphs on their own lines, `<w:br/>` as `\n`, `<w:tab/>` as `\t`,
/// table cells separated by ` | `.
pub fn visible_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:p" => out.push('\n'),
                "w:tc" => out.push_str(" | "),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:br" => out.push('\n'),
                "w:tab" => out.push('\t'),
                "w:p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_t => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let s = format!("&{};", r.xml10_content());
                out.push_str(&quick_xml::escape::unescape(&s).unwrap());
            }
            _ => {}
        }
    }
    out
}

/// Compares `actual` with the golden file `tests/fixtures/docx/<case>/expected/<file>`
/// (`support::golden`: a unified diff on mismatch, `CHIBO_BLESS=1` rewrites it).
pub fn golden(case: &str, file: &str, actual: &str) {
    crate::support::golden::check(
        &format!("tests/fixtures/docx/{case}/expected/{file}"),
        actual,
    );
}

/// Converts the documents to PDF with LibreOffice and returns each PDF's text (via
/// `pdftotext -layout`). The calling test is marked
/// `#[cfg_attr(not(all(has_soffice, has_pdftotext)), ignore = "…")]` (`support::tools`).
pub fn libreoffice_texts(docs: &[(&str, &[u8])]) -> Vec<String> {
    use crate::support::tools;
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, bytes) in docs {
        let p = dir.path().join(format!("{name}.docx"));
        std::fs::write(&p, bytes).unwrap();
        paths.push(p);
    }
    let out = dir.path().join("pdf");
    tools::convert(&paths, "pdf", &out)
        .iter()
        .map(|pdf| tools::pdf_text(pdf))
        .collect()
}

/// `chibo ARGS` run in `dir`, in Vietnamese.
pub fn chibo_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .current_dir(dir)
        .env("LANG", "vi_VN.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

/// What a command printed on standard error.
pub fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A new folder holding the LibreOffice-made template as `mau.docx`.
pub fn folder_with_template() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("libreoffice.docx"), dir.path().join("mau.docx")).unwrap();
    dir
}
