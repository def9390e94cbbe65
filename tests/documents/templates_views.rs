//! The example value of each view, serialised: `tests/fixtures/views/<kind>.json` must match
//! the types. Run with `CHIBO_BLESS=1` to rewrite the files after changing a view.

use chibo::view;
use serde_json::{Value, json};

/// Each example serialised in its fields' declaration order (the order the docs use).
fn examples() -> Vec<(&'static str, String)> {
    let j = |v: Result<String, serde_json::Error>| v.unwrap_or_else(|e| panic!("serialise: {e}"));
    vec![
        (
            "ke_hoach",
            j(serde_json::to_string_pretty(&view::example_ke_hoach())),
        ),
        (
            "bien_ban_thuong_ky",
            j(serde_json::to_string_pretty(
                &view::example_bien_ban_thuong_ky(),
            )),
        ),
        (
            "bien_ban_chuyen_de",
            j(serde_json::to_string_pretty(
                &view::example_bien_ban_chuyen_de(),
            )),
        ),
        (
            "bien_ban_ket_hop",
            j(serde_json::to_string_pretty(
                &view::example_bien_ban_ket_hop(),
            )),
        ),
        (
            "nghi_quyet",
            j(serde_json::to_string_pretty(&view::example_nghi_quyet())),
        ),
        (
            "bao_cao_quy",
            j(serde_json::to_string_pretty(&view::example_bao_cao_quy())),
        ),
        (
            "bao_cao_nam",
            j(serde_json::to_string_pretty(&view::example_bao_cao_nam())),
        ),
        (
            "bao_cao_tong_hop",
            j(serde_json::to_string_pretty(
                &view::example_bao_cao_tong_hop(),
            )),
        ),
    ]
}

#[test]
fn example_views_match_their_json_fixtures() {
    for (kind, text) in examples() {
        crate::support::golden::check(&format!("tests/fixtures/views/{kind}.json"), &(text + "\n"));
    }
}

#[test]
fn views_serialise_dates_times_and_nulls_as_documented() {
    let bb = serde_json::to_value(view::example_bien_ban_thuong_ky()).expect("json");
    assert_eq!(bb["buoi"]["ngay"], json!("2023-03-10"));
    assert_eq!(bb["buoi"]["gio_bat_dau"], json!("14:00"));
    assert_eq!(bb["buoi"]["gio_ket_thuc"], json!("16:00"));
    assert_eq!(bb["thuong_ky"], json!(true));
    assert_eq!(bb["chuyen_de"], json!(false));
    assert_eq!(bb["bieu_duong"], Value::Null);
    assert_eq!(bb["diem"]["tong"], json!(88.0));
    assert_eq!(bb["diem"]["nhom"][0]["ten"], json!("Công tác chuẩn bị"));
    assert_eq!(
        bb["diem_danh"]["vang_co_ly_do"][0]["ly_do"],
        json!("Đi công tác")
    );
    assert_eq!(bb["chi_bo"]["ten_hoa"], json!("CHI BỘ 2"));

    let kh = serde_json::to_value(view::example_ke_hoach()).expect("json");
    assert_eq!(kh["van_ban"]["so_ky_hieu"], json!("Số 05-KH/CB2"));
    assert_eq!(
        kh["van_ban"]["dia_danh_ngay"],
        json!("Bình Thuận, ngày 10 tháng 01 năm 2023")
    );
    assert_eq!(kh["quy"][3]["quy_la_ma"], json!("IV"));
    assert_eq!(kh["quy"][0]["ngay"], json!("2023-02-14"));

    let bc = serde_json::to_value(view::example_bao_cao_quy()).expect("json");
    assert_eq!(bc["thuong_ky"]["ngay_hop"][2], json!("2023-03-10"));
    assert_eq!(bc["dang_vien"]["cuoi_ky"]["tong_so"], json!(12));
    assert_eq!(
        bc["chat_luong"]["theo_loai"][1],
        json!({"ten": "Khá", "so_buoi": 1})
    );

    let th = serde_json::to_value(view::example_bao_cao_tong_hop()).expect("json");
    assert_eq!(th["dang_uy"]["ten_hoa"], json!("ĐẢNG ỦY SỞ CÔNG THƯƠNG"));
    assert_eq!(th["van_ban"]["so_ky_hieu"], json!("Số     -BC/ĐU"));
    assert_eq!(th["ky"]["tinh_den"], json!("2023-04-05"));
    assert_eq!(th["thuong_ky"]["ty_le_binh_quan"], json!(0.9375));
    assert_eq!(th["chi_bo"][1]["xep_loai"], json!([0, 2, 0, 0]));
    assert_eq!(th["tong_cong"]["stt"], json!(""));
    assert_eq!(th["chat_luong"]["theo_loai"][2]["ty_le"], json!(0.0));
}

#[test]
fn ket_hop_is_the_chuyen_de_example_with_both_parts() {
    let kh = view::example_bien_ban_ket_hop();
    assert!(kh.thuong_ky && kh.chuyen_de);
    assert_eq!(
        kh.van_ban.trich_yeu,
        "sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề tháng 02 năm 2023"
    );
}
