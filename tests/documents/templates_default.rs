//! The default templates: the committed files are exactly what the generator writes, they are
//! the ones built into the binary, and they carry the Party document format.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use chibo::view;

use crate::gen_templates;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One part of a .docx, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 part");
    s
}

#[test]
fn committed_templates_equal_a_fresh_generation_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let written = gen_templates::generate(dir.path()).expect("generate");
    assert_eq!(written.len(), view::default_templates().len());
    for path in written {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let fresh = std::fs::read(&path).expect("read fresh");
        let committed = std::fs::read(repo().join("templates").join(name)).expect("committed");
        assert!(
            fresh == committed,
            "templates/{name} differs from the generator's output: run `cargo run --example gen_templates`"
        );
        let built_in = view::default_templates()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| *b)
            .expect("built in");
        assert!(
            built_in == committed.as_slice(),
            "{name}: built-in copy is stale"
        );
    }
}

#[test]
fn default_templates_are_the_documents_of_every_kind() {
    let names: Vec<&str> = view::default_templates().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "ke-hoach-chuyen-de.docx",
            "bien-ban-thuong-ky.docx",
            "bien-ban-chuyen-de.docx",
            "nghi-quyet-thang.docx",
            "bao-cao-quy.docx",
            "bao-cao-nam.docx",
            "bao-cao-tong-hop.docx"
        ]
    );
}

#[test]
fn every_template_has_the_party_format() {
    for (name, bytes) in view::default_templates() {
        let doc = part(bytes, "word/document.xml");
        // A4, margins 20/20/30/15 mm, "different first page".
        assert!(
            doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "{name}: A4"
        );
        for m in [
            r#"w:top="1134""#,
            r#"w:bottom="1134""#,
            r#"w:left="1701""#,
            r#"w:right="850""#,
        ] {
            assert!(doc.contains(m), "{name}: margin {m}");
        }
        assert!(doc.contains("<w:titlePg"), "{name}: different first page");
        assert!(doc.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{name}: title");
        // The committee's report is issued by the committee, the others by a cell.
        let org = if *name == "bao-cao-tong-hop.docx" {
            "dang_uy"
        } else {
            "chi_bo"
        };
        assert!(
            doc.contains(&format!("{{{{ {org}.cap_tren_hoa }}}}")),
            "{name}: superior"
        );
        assert!(
            doc.contains(&format!("{{{{ {org}.ten_hoa }}}}")),
            "{name}: issuer"
        );
        assert!(
            doc.contains("{{ van_ban.trich_yeu }}"),
            "{name}: summary line"
        );
        // Times New Roman comes from the document default: no run names a font of its own
        // (so that `[the_thuc] phong_chu` changes every run).
        assert!(
            !doc.contains("<w:rFonts"),
            "{name}: a run with its own font"
        );
        assert!(!doc.contains("Calibri"), "{name}: no other font");
        let styles = part(bytes, "word/styles.xml");
        assert!(
            styles.contains(r#"w:eastAsia="Times New Roman""#),
            "{name}: default fonts"
        );
        assert!(
            styles.contains(r#"<w:sz w:val="28""#),
            "{name}: 14 pt default"
        );
        // Every sized element has its character style, at the 36-HD size.
        for (id, size) in [
            ("TieuDe", 30),
            ("CoQuan", 28),
            ("DiaDanh", 28),
            ("TenLoai", 32),
            ("NoiNhanDong", 24),
        ] {
            let at = styles
                .find(&format!(r#"w:styleId="{id}""#))
                .unwrap_or_else(|| panic!("{name}: no style {id}"));
            let def = &styles[at..at + styles[at..].find("</w:style>").expect("style end")];
            assert!(
                def.contains(&format!(r#"<w:sz w:val="{size}""#)),
                "{name}: {id} {def}"
            );
        }
        // The page number: a PAGE field in the default header, the first page's header empty.
        let headers: Vec<String> = (1..=2)
            .map(|i| part(bytes, &format!("word/header{i}.xml")))
            .collect();
        assert_eq!(
            headers.iter().filter(|h| h.contains("PAGE")).count(),
            1,
            "{name}: one header with the page number"
        );
        let minutes = name.starts_with("bien-ban");
        assert_eq!(
            doc.contains("{{ van_ban.dia_danh_ngay }}"),
            !minutes,
            "{name}: date line"
        );
        if minutes {
            assert!(
                doc.contains("THƯ KÝ") && doc.contains("CHỦ TRÌ"),
                "{name}: signatures"
            );
        } else {
            assert!(doc.contains("Nơi nhận:"), "{name}: recipients");
            assert!(doc.contains("{{ nguoi_ky.quyen_han }}"), "{name}: signer");
        }
    }
}

#[test]
fn template_bytes_prefers_the_committees_own_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let own = dir.path().join("bao-cao-quy.docx");
    std::fs::write(&own, b"own template").expect("write");
    let got = view::template_bytes("bao-cao-quy.docx", Some(dir.path())).expect("own");
    assert_eq!(&*got, b"own template");
    // Not in the folder: the built-in one.
    let got = view::template_bytes("ke-hoach-chuyen-de.docx", Some(dir.path())).expect("default");
    assert_eq!(&*got, view::default_templates()[0].1);
    let got = view::template_bytes("ke-hoach-chuyen-de.docx", None).expect("default");
    assert_eq!(&*got, view::default_templates()[0].1);
    // A committee may add a template of its own name.
    std::fs::write(dir.path().join("nghi-quyet.docx"), b"x").expect("write");
    assert_eq!(
        &*view::template_bytes("nghi-quyet.docx", Some(dir.path())).expect("own"),
        b"x"
    );
}

#[test]
fn template_bytes_names_an_unknown_template() {
    let err = view::template_bytes("khong-co.docx", None).expect_err("unknown");
    assert_eq!(err.code, "template-missing");
    assert_eq!(err.location.file, "khong-co.docx");
    assert_eq!(
        err.message.vi,
        "không có mẫu văn bản «khong-co.docx» trong thư mục mẫu, và đó không phải tên một mẫu có sẵn \
         (ke-hoach-chuyen-de.docx, bien-ban-thuong-ky.docx, bien-ban-chuyen-de.docx, nghi-quyet-thang.docx, \
         bao-cao-quy.docx, bao-cao-nam.docx, bao-cao-tong-hop.docx)"
    );
    // A path is not looked up in the folder.
    let dir = tempfile::tempdir().expect("tempdir");
    let err = view::template_bytes("../bao-cao-quy.docx", Some(dir.path())).expect_err("path");
    assert_eq!(err.code, "template-missing");
}

#[test]
fn generate_writes_into_a_new_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub: &Path = &dir.path().join("a/b");
    let written = gen_templates::generate(sub).expect("generate");
    assert!(written.iter().all(|p| p.starts_with(sub) && p.is_file()));
}
