//! A broken `chibo.toml`: the run stops before reading any workbook (exit 2), says which key and
//! line, and writes nothing.
#![allow(clippy::unwrap_used)]

use crate::hostile_common as common;

use common::*;

fn refused(toml: &str, message: &str) {
    let f = Folder::samples();
    f.put("chibo.toml", toml.as_bytes());
    f.run().code(2).no_panic().says(message);
    assert_eq!(f.outputs(), Vec::<String>::new());
    assert!(!f.dir.join("ket-qua").exists());
}

#[test]
fn syntax_error() {
    refused(
        "[dang_uy]\nten = \"Đảng bộ Thử\n",
        "lỗi: chibo.toml không đọc được: invalid basic string, expected `\"`\n  --> chibo.toml, dòng 2",
    );
}

#[test]
fn unknown_key() {
    refused(
        "[dang_uy]\nten = \"Đảng bộ Thử\"\nmau_sac = \"do\"\n",
        "lỗi: khóa không có trong chibo.toml: `mau_sac`; các khóa hợp lệ ở chỗ này: `ten`, `cap_tren`, `dia_danh`, `ky_hieu`, `bi_thu`, `pho_bi_thu`\n  --> chibo.toml, dòng 3\n  gợi ý: xem các khóa hợp lệ trong tệp do `chibo init` tạo ra hoặc docs/config.md",
    );
}

#[test]
fn scheme_groups_do_not_sum_to_the_total() {
    refused(
        "[cham_diem]\nmau = \"tu_dinh\"\n\
         [[cham_diem.nhom]]\nma = \"1\"\nten = \"A\"\ndiem_toi_da = 60\n\
         [[cham_diem.nhom]]\nma = \"2\"\nten = \"B\"\ndiem_toi_da = 30\n\
         [[cham_diem.xep_loai]]\nten = \"Tốt\"\ntu = 80\n\
         [[cham_diem.xep_loai]]\nten = \"Kém\"\ntu = 0\n",
        "lỗi: tổng điểm tối đa của các nhóm là 90 (60 + 30), không bằng 100\n  --> chibo.toml, dòng 3, khóa `cham_diem.nhom`",
    );
}

#[test]
fn not_text_at_all() {
    refused(
        "\u{FEFF}[dang_uy]\nten = \"A\"\n\0\0\0",
        "lỗi: chibo.toml không đọc được",
    );
}
