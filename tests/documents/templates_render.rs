//! Each default template rendered with its example view through the template engine: every
//! tag resolves, the values land where they should, and (when `soffice` is installed) the
//! document converts to PDF with the expected text.

use crate::docx_common;

use std::io::Read as _;

use chibo::docx::{RenderOptions, Template};
use chibo::view;
use serde_json::Value;

/// (template, example name, example value)
fn cases() -> Vec<(&'static str, &'static str, Value)> {
    let v = |x: Result<Value, serde_json::Error>| x.expect("serialise");
    vec![
        (
            view::KE_HOACH,
            "ke_hoach",
            v(serde_json::to_value(view::example_ke_hoach())),
        ),
        (
            view::BIEN_BAN_THUONG_KY,
            "bien_ban_thuong_ky",
            v(serde_json::to_value(view::example_bien_ban_thuong_ky())),
        ),
        (
            view::BIEN_BAN_CHUYEN_DE,
            "bien_ban_chuyen_de",
            v(serde_json::to_value(view::example_bien_ban_chuyen_de())),
        ),
        (
            view::BIEN_BAN_CHUYEN_DE,
            "bien_ban_ket_hop",
            v(serde_json::to_value(view::example_bien_ban_ket_hop())),
        ),
        (
            view::NGHI_QUYET,
            "nghi_quyet",
            v(serde_json::to_value(view::example_nghi_quyet())),
        ),
        (
            view::BAO_CAO_QUY,
            "bao_cao_quy",
            v(serde_json::to_value(view::example_bao_cao_quy())),
        ),
        (
            view::BAO_CAO_NAM,
            "bao_cao_nam",
            v(serde_json::to_value(view::example_bao_cao_nam())),
        ),
        (
            view::BAO_CAO_TONG_HOP,
            "bao_cao_tong_hop",
            v(serde_json::to_value(view::example_bao_cao_tong_hop())),
        ),
    ]
}

fn render(template: &str, data: &Value) -> Vec<u8> {
    let bytes = view::template_bytes(template, None).expect("built in");
    let t = Template::parse(&bytes, template).unwrap_or_else(|d| panic!("{template}: {:#?}", d));
    t.render(data, &RenderOptions::default())
        .unwrap_or_else(|d| panic!("{template}: {:#?}", d))
}

/// The visible text of `word/document.xml`: the `<w:t>` contents, one line per paragraph.
fn document_text(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let mut text = String::new();
    for para in xml.split("</w:p>") {
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            rest = &rest[i + 4..];
            // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tbl>`, `<w:tc>` …
            if !(rest.starts_with('>') || rest.starts_with(' ')) {
                continue;
            }
            let Some(open_end) = rest.find('>') else {
                break;
            };
            let body = &rest[open_end + 1..];
            let Some(close) = body.find("</w:t>") else {
                break;
            };
            text.push_str(&body[..close]);
            rest = &body[close..];
        }
        text.push('\n');
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

#[test]
fn every_example_renders_into_its_template() {
    for (template, kind, data) in cases() {
        let text = document_text(&render(template, &data));
        assert!(
            !text.contains("{{") && !text.contains("{%"),
            "{kind}: tag left\n{text}"
        );
        let header: &[&str] = if kind == "bao_cao_tong_hop" {
            &["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY SỞ CÔNG THƯƠNG"]
        } else {
            &["ĐẢNG BỘ SỞ CÔNG THƯƠNG", "CHI BỘ 2"]
        };
        for want in ["ĐẢNG CỘNG SẢN VIỆT NAM", "*"].iter().chain(header) {
            assert!(text.contains(want), "{kind}: no «{want}»\n{text}");
        }
        let expected: &[&str] = match kind {
            "ke_hoach" => &[
                "Số 05-KH/CB2",
                "Bình Thuận, ngày 10 tháng 01 năm 2023",
                "KẾ HOẠCH",
                "sinh hoạt chuyên đề năm 2023",
                "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "Quý IV/2023",
                "Tháng 11",
                "(Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung)",
                "Nơi nhận:",
                "- Đảng ủy Sở Công Thương (để báo cáo),",
                "- Lưu Chi bộ.",
                "T/M CHI BỘ",
                "BÍ THƯ",
                "Nguyễn Văn An",
            ],
            "bien_ban_thuong_ky" => &[
                "BIÊN BẢN",
                "sinh hoạt chi bộ thường kỳ tháng 3 năm 2023",
                "Hôm nay, vào lúc 14 giờ 00 phút, ngày 10 tháng 3 năm 2023, tại Hội trường tầng 3",
                "- Có mặt: 09/11 đồng chí phải dự (chính thức: 08, dự bị: 01), đạt 81,8%.",
                "+ Vắng có lý do: đồng chí Hoàng Văn Em (Đi công tác).",
                "+ Vắng không lý do: đồng chí Vũ Thị Giang.",
                "- Đồng chí Đặng Văn Hải: ",
                "biểu quyết thông qua kết luận: 08/08 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán thành.",
                "88,0/100 điểm; xếp loại: Khá.",
                "kết thúc vào hồi 16 giờ 00 phút cùng ngày",
                "THƯ KÝ",
                "CHỦ TRÌ",
                "Trần Thị Bình",
            ],
            "bien_ban_chuyen_de" => &[
                "sinh hoạt chuyên đề quý I năm 2023",
                "tiến hành sinh hoạt chuyên đề quý I năm 2023.",
                "- Quần chúng dự: 02 người.",
                "II. NỘI DUNG CHUYÊN ĐỀ",
                "III. BIỂU QUYẾT",
                "biểu dương 06 cá nhân (04 đảng viên và 02 quần chúng)",
                "IV. CHẤM ĐIỂM, XẾP LOẠI BUỔI SINH HOẠT",
                "93,0/100 điểm; xếp loại: Tốt.",
            ],
            "bien_ban_ket_hop" => &[
                "sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề tháng 02 năm 2023",
                "sinh hoạt chi bộ thường kỳ tháng 02 kết hợp sinh hoạt chuyên đề quý I năm 2023",
                "II. SINH HOẠT THƯỜNG KỲ",
                "III. NỘI DUNG CHUYÊN ĐỀ",
                "V. CHẤM ĐIỂM, XẾP LOẠI BUỔI SINH HOẠT",
            ],
            "bao_cao_nam" => &[
                "Số 15-BC/CB2",
                "Bình Thuận, ngày 28 tháng 12 năm 2023",
                "kết quả sinh hoạt chi bộ năm 2023",
                "Chi bộ 2 báo cáo kết quả sinh hoạt chi bộ năm 2023 (số liệu tính đến ngày 28/12/2023) như sau:",
                "Đầu năm, chi bộ có 11 đảng viên (chính thức: 09, dự bị: 02; miễn sinh hoạt: 01). Đến ngày 28/12/2023, chi bộ có 12 đảng viên",
                "đã tổ chức 11/11 buổi sinh hoạt thường kỳ theo kế hoạch; chưa sinh hoạt thường kỳ tháng 8/2023. Tỷ lệ đảng viên dự sinh hoạt bình quân: 92,6%; vắng có lý do: 07 lượt; vắng không lý do: 02 lượt.",
                "Trong năm, chi bộ tổ chức 04 buổi sinh hoạt chuyên đề:",
                "- Chuyên đề “Phòng, chống lãng phí trong cơ quan”, ngày 12/09/2023, do đồng chí Lê Văn Cường trình bày",
                "Tốt: 08 buổi; Khá: 03 buổi; Trung bình: 00 buổi; Kém: 00 buổi. Điểm bình quân: 90,3 điểm.",
                "Xếp loại chất lượng sinh hoạt chi bộ năm 2023: Trung bình (tháng 8/2023 không sinh hoạt thường kỳ).",
                "Biểu dương: 06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt.",
                "Quý III\n12\n2/3\n1/1\n95,5%\n92,0\n2 / 0 / 0 / 0\n",
                "Cả năm\n12\n11/11\n4/3\n92,6%\n90,3\n8 / 3 / 0 / 0\n",
                "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
                "Trên đây là báo cáo kết quả sinh hoạt chi bộ năm 2023 của Chi bộ 2./.",
                "T/M CHI BỘ",
                "Nguyễn Văn An",
            ],
            "bao_cao_tong_hop" => &[
                "Số     -BC/ĐU",
                "Bình Thuận, ngày 05 tháng 4 năm 2023",
                "BÁO CÁO",
                "tổng hợp kết quả sinh hoạt chi bộ quý I năm 2023",
                "Đảng ủy Sở Công Thương báo cáo tổng hợp kết quả sinh hoạt chi bộ quý I năm 2023 của các chi bộ trực thuộc (số liệu tính đến ngày 05/04/2023) như sau:",
                "Đảng bộ Sở Công Thương có 03 chi bộ trực thuộc. Đầu quý có 35 đảng viên (chính thức: 31, dự bị: 04; miễn sinh hoạt: 02). Cuối quý có 36 đảng viên",
                "Quần chúng chịu sự lãnh đạo của các chi bộ: 08 người.",
                "Các chi bộ đã tổ chức 08 buổi sinh hoạt thường kỳ (phải tổ chức 09 buổi trong các tháng tính đến ngày 05/04/2023); 02/03 chi bộ sinh hoạt đủ các tháng. Tỷ lệ đảng viên dự sinh hoạt bình quân: 93,8% (90/96 lượt); vắng có lý do: 05 lượt; vắng không lý do: 01 lượt.",
                "- Chi bộ 2: chưa sinh hoạt tháng 02/2023.",
                "Các chi bộ đã tổ chức 02 buổi sinh hoạt chuyên đề (phải tổ chức 03 buổi trong các quý đã kết thúc tính đến ngày 05/04/2023); 02/03 chi bộ sinh hoạt chuyên đề đủ các quý:",
                "TH: số buổi đã tổ chức; KH: số buổi phải tổ chức trong các tháng (quý) đã kết thúc tính đến ngày 05/04/2023.",
                "- Chi bộ 1, ngày 14/02/2023: chuyên đề “Học tập và làm theo",
                "- Chi bộ 3, ngày 21/03/2023: chuyên đề “Nâng cao chất lượng sinh hoạt chi bộ gắn với nhiệm vụ chuyên môn”.",
                "- Chi bộ 2: chưa sinh hoạt chuyên đề quý I/2023.",
                "Có 09/09 buổi sinh hoạt được chấm điểm, điểm bình quân 90,8 điểm. Kết quả xếp loại: Tốt: 05 buổi (55,6%); Khá: 04 buổi (44,4%); Trung bình: 00 buổi (0%); Kém: 00 buổi (0%).",
                "Biểu dương: 07 cá nhân (05 đảng viên và 02 quần chúng), 08 lượt.",
                "Xếp loại các buổi (Tốt / Khá / TB / Kém)",
                "SH thường kỳ TH/KH",
                "2\nChi bộ 2\n9\n2/3\n0/1\n90,9%\n85,0\n0 / 2 / 0 / 0\n",
                "\nTổng cộng\n36\n8/9\n2/3\n93,8%\n90,8\n5 / 4 / 0 / 0\n",
                "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI",
                "của Đảng ủy Sở Công Thương./.",
                "- Đảng ủy Khối các cơ quan tỉnh (để báo cáo),",
                "T/M ĐẢNG ỦY",
                "BÍ THƯ",
                "Đỗ Văn Khoa",
            ],
            "nghi_quyet" => &[
                "Số     -NQ/CB2",
                "Bình Thuận, ngày 10 tháng 3 năm 2023",
                "NGHỊ QUYẾT",
                "chi bộ tháng 3 năm 2023",
                "Vào ngày 10 tháng 3 năm 2023, tại Hội trường tầng 3, trụ sở Sở Công Thương, Chi bộ 2 họp phiên thường kỳ tháng 3 năm 2023. Tổng số đảng viên của chi bộ: 12 đồng chí (chính thức: 10, dự bị: 02), trong đó miễn sinh hoạt: 01 đồng chí; có mặt: 09/11 đồng chí phải dự, đạt 81,8%; vắng: 02 đồng chí (có lý do: 01, không lý do: 01). Chủ trì: đồng chí Nguyễn Văn An; thư ký: đồng chí Trần Thị Bình.",
                "QUYẾT NGHỊ:",
                "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3 NĂM 2023",
                "Chi bộ tự chấm điểm buổi sinh hoạt: 88,0/100 điểm; xếp loại: Khá.",
                "II- NHIỆM VỤ THÁNG 4 NĂM 2023",
                "a) Tiếp tục quán triệt",
                "b) Hoàn thành báo cáo tổng kết công tác quý I năm 2023",
                "d) Thu nộp đảng phí tháng 4 đầy đủ, đúng hạn.",
                "III- TỔ CHỨC THỰC HIỆN",
                "Nghị quyết được Chi bộ biểu quyết thông qua: 08/08 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán thành./.",
                "- Đảng viên trong chi bộ,",
                "T/M CHI BỘ",
                "BÍ THƯ",
                "Nguyễn Văn An",
            ],
            _ => &[
                "Số 12-BC/CB2",
                "BÁO CÁO",
                "kết quả sinh hoạt chi bộ quý I năm 2023",
                "Đầu quý, chi bộ có 11 đảng viên",
                "03/03 buổi sinh hoạt thường kỳ theo kế hoạch (các ngày 10/01/2023, 14/02/2023, 10/03/2023)",
                "bình quân: 93,8%",
                "Trong quý, chi bộ tổ chức 01 buổi sinh hoạt chuyên đề:",
                "Thường kỳ + Chuyên đề",
                "Tốt: 02 buổi; Khá: 01 buổi; Trung bình: 00 buổi; Kém: 00 buổi. Điểm bình quân: 91,0 điểm.",
                "Biểu dương: 06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt.",
                "Đảng viên cuối quý (chính thức / dự bị)",
                "T/M CHI BỘ",
            ],
        };
        for want in expected {
            assert!(text.contains(want), "{kind}: no «{want}»\n{text}");
        }
        let minutes = kind.starts_with("bien_ban");
        assert_eq!(text.contains("Nơi nhận:"), !minutes, "{kind}");
        if kind == "bien_ban_chuyen_de" {
            assert!(
                !text.contains("SINH HOẠT THƯỜNG KỲ"),
                "{kind}: regular part shown"
            );
        }
        if kind == "bien_ban_ket_hop" {
            assert!(
                !text.contains("biểu dương"),
                "{kind}: no commendation in this example"
            );
        }
    }
}

#[test]
fn minutes_without_a_score_or_times_still_render() {
    let mut bb = view::example_bien_ban_thuong_ky();
    bb.diem = None;
    bb.buoi.gio_bat_dau = None;
    bb.buoi.gio_ket_thuc = None;
    bb.buoi.dia_diem = String::new();
    bb.buoi.ket_luan = String::new();
    bb.diem_danh.vang_co_ly_do.clear();
    bb.diem_danh.vang_khong_ly_do.clear();
    let data = serde_json::to_value(bb).expect("json");
    let text = document_text(&render(view::BIEN_BAN_THUONG_KY, &data));
    assert!(
        text.contains("Hôm nay, ngày 10 tháng 3 năm 2023, Chi bộ 2 tiến hành"),
        "{text}"
    );
    assert!(
        text.contains("Chi bộ chấm điểm buổi sinh hoạt: ………… điểm; xếp loại: …………."),
        "{text}"
    );
    assert!(
        text.contains("kết thúc vào hồi …… giờ …… phút cùng ngày"),
        "{text}"
    );
    assert!(!text.contains("Vắng có lý do"), "{text}");
}

#[test]
fn minutes_of_a_meeting_without_attendance_leave_blanks_not_zero_percent() {
    for (template, mut bb) in [
        (view::BIEN_BAN_THUONG_KY, view::example_bien_ban_thuong_ky()),
        (view::BIEN_BAN_CHUYEN_DE, view::example_bien_ban_chuyen_de()),
    ] {
        // What the builder gives when nothing was recorded: zeros and no names.
        bb.diem_danh.co_so_lieu = false;
        bb.diem_danh.co_mat = 0;
        bb.diem_danh.vang = 0;
        bb.diem_danh.ty_le = 0.0;
        bb.diem_danh.co_mat_chinh_thuc = None;
        bb.diem_danh.co_mat_du_bi = None;
        bb.diem_danh.vang_co_ly_do.clear();
        bb.diem_danh.vang_khong_ly_do.clear();
        let phai_du = bb.diem_danh.phai_du;
        let data = serde_json::to_value(bb).expect("json");
        let text = document_text(&render(template, &data));
        assert!(
            text.contains(&format!(
                "- Có mặt: ……/{phai_du:02} đồng chí phải dự, đạt ……%."
            )),
            "{template}: {text}"
        );
        assert!(text.contains("- Vắng: …… đồng chí."), "{template}: {text}");
        assert!(!text.contains("đạt 0%"), "{template}: {text}");
    }
    // The monthly resolution's opening totals leave the same blanks.
    let mut nq = view::example_nghi_quyet();
    nq.diem_danh.co_so_lieu = false;
    nq.diem_danh.co_mat = 0;
    nq.diem_danh.ty_le = 0.0;
    let phai_du = nq.diem_danh.phai_du;
    let data = serde_json::to_value(nq).expect("json");
    let text = document_text(&render(view::NGHI_QUYET, &data));
    assert!(
        text.contains(&format!(
            "có mặt: ……/{phai_du:02} đồng chí phải dự, đạt ……%; vắng: …… đồng chí."
        )),
        "{text}"
    );
    assert!(!text.contains("đạt 0%"), "{text}");
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_pdftotext)),
    ignore = "LibreOffice (soffice) hoặc pdftotext không có trên máy"
)]
fn rendered_examples_convert_to_pdf() {
    let rendered: Vec<(String, Vec<u8>)> = cases()
        .into_iter()
        .map(|(template, kind, data)| (kind.to_string(), render(template, &data)))
        .collect();
    let docs: Vec<(&str, &[u8])> = rendered
        .iter()
        .map(|(k, b)| (k.as_str(), b.as_slice()))
        .collect();
    let texts = docx_common::libreoffice_texts(&docs);
    for (text, (_, kind, _)) in texts.iter().zip(cases()) {
        let names: &[&str] = if kind == "bao_cao_tong_hop" {
            &["ĐẢNG ỦY SỞ", "Đỗ Văn Khoa", "Tổng cộng"]
        } else {
            &["CHI BỘ 2", "Nguyễn Văn An"]
        };
        for want in ["ĐẢNG CỘNG SẢN VIỆT NAM"].iter().chain(names) {
            assert!(
                text.contains(want),
                "{kind}: no «{want}» in the PDF\n{text}"
            );
        }
        let signer = if kind.starts_with("bien_ban") {
            "CHỦ TRÌ"
        } else if kind == "bao_cao_tong_hop" {
            "T/M ĐẢNG ỦY"
        } else {
            "T/M CHI BỘ"
        };
        assert!(
            text.contains(signer),
            "{kind}: no «{signer}» in the PDF\n{text}"
        );
    }
}
