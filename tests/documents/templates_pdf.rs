//! The default templates open in LibreOffice: each converts to PDF, and the PDF's text holds the
//! fixed parts of the Party format. Ignored, with the reason, when `soffice` or `pdftotext` is
//! missing (`support::tools`).

use crate::docx_common;

use chibo::view;

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc pdftotext không có trên máy"
)]
fn default_templates_convert_to_pdf_with_the_party_format() {
    let docs: Vec<(&str, &[u8])> = view::default_templates()
        .iter()
        .map(|(name, bytes)| (name.trim_end_matches(".docx"), *bytes))
        .collect();
    let texts = docx_common::libreoffice_texts(&docs);
    for (text, (name, _)) in texts.iter().zip(view::default_templates()) {
        assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{name}: {text}");
        let issuer = if *name == "bao-cao-tong-hop.docx" {
            "{{ dang_uy.ten_hoa }}"
        } else {
            "{{ chi_bo.ten_hoa }}"
        };
        assert!(text.contains(issuer), "{name}: {text}");
        let title = match *name {
            "ke-hoach-chuyen-de.docx" => "KẾ HOẠCH",
            "nghi-quyet-thang.docx" => "NGHỊ QUYẾT",
            "bao-cao-quy.docx" | "bao-cao-nam.docx" | "bao-cao-tong-hop.docx" => "BÁO CÁO",
            _ => "BIÊN BẢN",
        };
        assert!(text.contains(title), "{name}: {text}");
        if name.starts_with("bien-ban") {
            assert!(
                text.contains("THƯ KÝ") && text.contains("CHỦ TRÌ"),
                "{name}"
            );
        } else {
            assert!(text.contains("Nơi nhận:"), "{name}: {text}");
            assert!(text.contains("{{ nguoi_ky.quyen_han }}"), "{name}");
        }
    }
}
