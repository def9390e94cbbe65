//! One realistic value of each view, with fictional people. They document the views
//! (`tests/fixtures/views/*.json` is written from them by a test, so the JSON always matches the
//! types), feed `chibo render` examples, and let the templates be checked end to end.

use chrono::{NaiveDate, NaiveTime};

use super::*;

/// A fixed calendar date. The examples only use valid dates; the fallback keeps this free of
/// panics anyway.
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn t(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

fn s(x: &str) -> String {
    x.to_string()
}

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| (*x).to_string()).collect()
}

pub(super) fn chi_bo() -> ChiBo {
    ChiBo {
        ten: s("Chi bộ 2"),
        ten_hoa: s("CHI BỘ 2"),
        ky_hieu: s("CB2"),
        cap_tren: s("Đảng bộ Sở Công Thương"),
        cap_tren_hoa: s("ĐẢNG BỘ SỞ CÔNG THƯƠNG"),
        dia_danh: s("Bình Thuận"),
        bi_thu: s("Nguyễn Văn An"),
        pho_bi_thu: s("Trần Thị Bình"),
        nhiem_ky: s("2020-2025"),
    }
}

pub(super) fn bi_thu_ky() -> NguoiKy {
    NguoiKy {
        quyen_han: s("T/M CHI BỘ"),
        chuc_vu: s("BÍ THƯ"),
        ho_ten: s("Nguyễn Văn An"),
    }
}

/// The annual thematic plan of a cell for 2023.
#[must_use]
pub fn example_ke_hoach() -> KeHoach {
    let row =
        |quy: u32, la_ma: &str, ten: &str, thang: u32, day: u32, ai: &str, ht: &str| QuyChuyenDe {
            quy,
            quy_la_ma: s(la_ma),
            ten_chuyen_de: s(ten),
            thang: Some(thang),
            ngay: Some(d(2023, thang, day)),
            nguoi_trinh_bay: s(ai),
            hinh_thuc: s(ht),
            thanh_phan: s("Đảng viên trong chi bộ"),
        };
    let mut quy = vec![
        row(
            1,
            "I",
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong thực thi công vụ",
            2,
            14,
            "Nguyễn Văn An",
            "Sinh hoạt tập trung",
        ),
        row(
            2,
            "II",
            "Nâng cao chất lượng sinh hoạt chi bộ gắn với nhiệm vụ chuyên môn của cơ quan",
            5,
            9,
            "Trần Thị Bình",
            "Tọa đàm",
        ),
        row(
            3,
            "III",
            "Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
            8,
            8,
            "Lê Văn Cường",
            "Sinh hoạt tập trung",
        ),
        row(
            4,
            "IV",
            "Xây dựng tác phong làm việc khoa học, kỷ cương và văn hóa công sở",
            11,
            14,
            "Phạm Thị Dung",
            "Tọa đàm",
        ),
    ];
    if let Some(last) = quy.last_mut() {
        last.thanh_phan = s("Đảng viên trong chi bộ và quần chúng");
    }
    KeHoach {
        chi_bo: chi_bo(),
        van_ban: VanBan {
            so: s("05"),
            so_ky_hieu: s("Số 05-KH/CB2"),
            ngay: d(2023, 1, 10),
            dia_danh_ngay: s("Bình Thuận, ngày 10 tháng 01 năm 2023"),
            ten_loai: s("KẾ HOẠCH"),
            trich_yeu: s("sinh hoạt chuyên đề năm 2023"),
        },
        noi_nhan: v(&[
            "Đảng ủy Sở Công Thương (để báo cáo),",
            "Chi ủy, đảng viên trong chi bộ,",
            "Lưu Chi bộ.",
        ]),
        nguoi_ky: bi_thu_ky(),
        nam: 2023,
        co_chi_uy: true,
        chi_uy: s("Chi ủy"),
        chi_uy_thuong: s("chi ủy"),
        can_cu: v(&[
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            "Căn cứ Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương về một số vấn đề nâng cao chất lượng sinh hoạt chi bộ;",
            "Căn cứ Nghị quyết năm 2023 của Chi bộ 2,",
        ]),
        quy,
        nguoi_chuan_bi: v(&[
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Phạm Thị Dung",
        ]),
    }
}

fn diem_danh() -> DiemDanh {
    DiemDanh {
        tong_so: 12,
        chinh_thuc: 10,
        du_bi: 2,
        mien: 1,
        phai_du: 11,
        co_mat: 9,
        co_mat_chinh_thuc: Some(8),
        co_mat_du_bi: Some(1),
        mien_co_mat: 0,
        vang: 2,
        vang_co_ly_do: vec![VangCoLyDo {
            ho_ten: s("Hoàng Văn Em"),
            ly_do: s("Đi công tác"),
        }],
        vang_khong_ly_do: vec![VangKhongLyDo {
            ho_ten: s("Vũ Thị Giang"),
        }],
        quan_chung_du: 0,
        ty_le: 9.0 / 11.0,
        co_so_lieu: true,
    }
}

fn diem(tong_nhom: [f64; 4], xep_loai: &str) -> Diem {
    let nhom = [
        ("Công tác chuẩn bị", 15.0),
        ("Tỷ lệ đảng viên tham dự", 20.0),
        ("Tổ chức sinh hoạt", 45.0),
        ("Kết thúc hội nghị", 20.0),
    ]
    .iter()
    .zip(tong_nhom)
    .map(|((ten, toi_da), diem)| DiemNhom {
        ten: s(ten),
        diem: Some(diem),
        toi_da: *toi_da,
    })
    .collect();
    Diem {
        tong: tong_nhom.iter().sum(),
        toi_da: 100.0,
        xep_loai: s(xep_loai),
        cap_tren: None,
        nhom,
    }
}

fn buoi_thuong_ky() -> Buoi {
    Buoi {
        ngay: d(2023, 3, 10),
        thang: 3,
        quy_la_ma: s("I"),
        nam: 2023,
        gio_bat_dau: t(14, 0),
        gio_ket_thuc: t(16, 0),
        thoi_luong_phut: Some(120),
        dia_diem: s("Hội trường tầng 3, trụ sở Sở Công Thương"),
        chu_tri: s("Nguyễn Văn An"),
        thu_ky: s("Trần Thị Bình"),
        chu_de: s(
            "Đánh giá kết quả thực hiện nhiệm vụ tháng 02, triển khai nhiệm vụ tháng 3 năm 2023",
        ),
        nguoi_trinh_bay: s("Nguyễn Văn An"),
        hinh_thuc: String::new(),
        dai_bieu: Vec::new(),
        nguoi_phat_bieu: v(&["Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Hải"]),
        so_y_kien: 3,
        ket_luan: s(
            "Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ tháng 02 năm 2023 và phương hướng nhiệm vụ tháng 3 năm 2023 như dự thảo.\nGiao các đồng chí chi ủy viên theo dõi, đôn đốc việc thực hiện.",
        ),
        tan_thanh: 8,
        khong_tan_thanh: 0,
        bieu_quyet_co_mat: Some(8),
        ty_le_tan_thanh: Some(1.0),
        bieu_quyet: s(
            "08/08 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán thành",
        ),
    }
}

/// Minutes of a regular meeting (`bien-ban-thuong-ky.docx`).
#[must_use]
pub fn example_bien_ban_thuong_ky() -> BienBan {
    BienBan {
        chi_bo: chi_bo(),
        van_ban: VanBan {
            so: String::new(),
            so_ky_hieu: String::new(),
            ngay: d(2023, 3, 10),
            dia_danh_ngay: s("Bình Thuận, ngày 10 tháng 3 năm 2023"),
            ten_loai: s("BIÊN BẢN"),
            trich_yeu: s("sinh hoạt chi bộ thường kỳ tháng 3 năm 2023"),
        },
        noi_nhan: v(&["Đảng ủy Sở Công Thương (để báo cáo),", "Lưu Chi bộ."]),
        nguoi_ky: bi_thu_ky(),
        thuong_ky: true,
        chuyen_de: false,
        buoi: buoi_thuong_ky(),
        diem_danh: diem_danh(),
        diem: Some(diem([15.0, 16.0, 40.0, 17.0], "Khá")),
        bieu_duong: None,
    }
}

fn buoi_chuyen_de() -> Buoi {
    Buoi {
        ngay: d(2023, 2, 14),
        thang: 2,
        quy_la_ma: s("I"),
        nam: 2023,
        gio_bat_dau: t(14, 0),
        gio_ket_thuc: t(16, 30),
        thoi_luong_phut: Some(150),
        dia_diem: s("Hội trường tầng 3, trụ sở Sở Công Thương"),
        chu_tri: s("Nguyễn Văn An"),
        thu_ky: s("Trần Thị Bình"),
        chu_de: s(
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong thực thi công vụ",
        ),
        nguoi_trinh_bay: s("Nguyễn Văn An"),
        hinh_thuc: s("Sinh hoạt tập trung"),
        dai_bieu: v(&["Đồng chí Đỗ Văn Khoa, Đảng ủy viên, Đảng ủy Sở Công Thương"]),
        nguoi_phat_bieu: v(&[
            "Lê Văn Cường",
            "Phạm Thị Dung",
            "Bùi Thị Hoa",
            "Ngô Thị Lan (quần chúng)",
        ]),
        so_y_kien: 4,
        ket_luan: s(
            "Chi bộ thống nhất nội dung chuyên đề; mỗi đảng viên đăng ký ít nhất một việc làm cụ thể để thực hiện trong năm 2023.",
        ),
        tan_thanh: 8,
        khong_tan_thanh: 0,
        bieu_quyet_co_mat: Some(8),
        ty_le_tan_thanh: Some(1.0),
        bieu_quyet: s(
            "08/08 đồng chí đảng viên chính thức có mặt tán thành, đạt 100%; 00 đồng chí không tán thành",
        ),
    }
}

/// Minutes of a thematic meeting (`bien-ban-chuyen-de.docx`).
#[must_use]
pub fn example_bien_ban_chuyen_de() -> BienBan {
    let mut dd = diem_danh();
    dd.quan_chung_du = 2;
    BienBan {
        chi_bo: chi_bo(),
        van_ban: VanBan {
            so: String::new(),
            so_ky_hieu: String::new(),
            ngay: d(2023, 2, 14),
            dia_danh_ngay: s("Bình Thuận, ngày 14 tháng 02 năm 2023"),
            ten_loai: s("BIÊN BẢN"),
            trich_yeu: s("sinh hoạt chuyên đề quý I năm 2023"),
        },
        noi_nhan: v(&["Đảng ủy Sở Công Thương (để báo cáo),", "Lưu Chi bộ."]),
        nguoi_ky: bi_thu_ky(),
        thuong_ky: false,
        chuyen_de: true,
        buoi: buoi_chuyen_de(),
        diem_danh: dd,
        diem: Some(diem([15.0, 18.0, 42.0, 18.0], "Tốt")),
        bieu_duong: Some(s("06 cá nhân (04 đảng viên và 02 quần chúng)")),
    }
}

/// Minutes of a combined session, a regular meeting and a thematic one in one sitting
/// (`bien-ban-chuyen-de.docx` with `thuong_ky` and `chuyen_de` both true).
#[must_use]
pub fn example_bien_ban_ket_hop() -> BienBan {
    let mut bb = example_bien_ban_chuyen_de();
    bb.thuong_ky = true;
    bb.van_ban.trich_yeu = s("sinh hoạt chi bộ thường kỳ và sinh hoạt chuyên đề tháng 02 năm 2023");
    bb.bieu_duong = None;
    bb
}

/// The quarterly report of a cell for quarter I of 2023.
#[must_use]
pub fn example_bao_cao_quy() -> BaoCaoQuy {
    let buoi = |m: u32, day: u32, loai: &str, diem: f64, xl: &str| BuoiDiem {
        ngay: d(2023, m, day),
        loai: s(loai),
        diem: Some(diem),
        xep_loai: s(xl),
    };
    let dong = |stt: &str, chi_tieu: &str, ket_qua: &str, ghi_chu: &str| DongBang {
        stt: s(stt),
        chi_tieu: s(chi_tieu),
        ket_qua: s(ket_qua),
        ghi_chu: s(ghi_chu),
    };
    BaoCaoQuy {
        chi_bo: chi_bo(),
        van_ban: VanBan {
            so: s("12"),
            so_ky_hieu: s("Số 12-BC/CB2"),
            ngay: d(2023, 3, 28),
            dia_danh_ngay: s("Bình Thuận, ngày 28 tháng 3 năm 2023"),
            ten_loai: s("BÁO CÁO"),
            trich_yeu: s("kết quả sinh hoạt chi bộ quý I năm 2023"),
        },
        noi_nhan: v(&["Đảng ủy Sở Công Thương (để báo cáo),", "Lưu Chi bộ."]),
        nguoi_ky: bi_thu_ky(),
        quy: 1,
        quy_la_ma: s("I"),
        nam: 2023,
        dang_vien: DangVienKy {
            dau_ky: SoDangVien {
                tong_so: 11,
                chinh_thuc: 9,
                du_bi: 2,
                mien: 1,
            },
            cuoi_ky: SoDangVien {
                tong_so: 12,
                chinh_thuc: 10,
                du_bi: 2,
                mien: 1,
            },
        },
        quan_chung: 5,
        thuong_ky: ThuongKy {
            so_ke_hoach: 3,
            so_da_hop: 3,
            ngay_hop: vec![d(2023, 1, 10), d(2023, 2, 14), d(2023, 3, 10)],
            ty_le_binh_quan: Some(30.0 / 32.0),
            vang_co_ly_do: 1,
            vang_khong_ly_do: 1,
        },
        chuyen_de: vec![ChuyenDeDaHop {
            ten: s(
                "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong thực thi công vụ",
            ),
            ngay: d(2023, 2, 14),
            nguoi_trinh_bay: s("Nguyễn Văn An"),
            hinh_thuc: s("Sinh hoạt tập trung"),
        }],
        chat_luong: ChatLuong {
            cac_buoi: vec![
                buoi(1, 10, "Thường kỳ", 92.0, "Tốt"),
                buoi(2, 14, "Thường kỳ + Chuyên đề", 93.0, "Tốt"),
                buoi(3, 10, "Thường kỳ", 88.0, "Khá"),
            ],
            tot: 2,
            kha: 1,
            trung_binh: 0,
            kem: 0,
            theo_loai: [("Tốt", 2), ("Khá", 1), ("Trung bình", 0), ("Kém", 0)]
                .iter()
                .map(|(ten, so_buoi)| SoTheoLoai {
                    ten: s(ten),
                    so_buoi: *so_buoi,
                })
                .collect(),
            diem_binh_quan: Some(91.0),
        },
        bieu_duong: BieuDuong {
            text: s("06 cá nhân (04 đảng viên và 02 quần chúng), 07 lượt"),
            so_nguoi: 6,
            so_luot: 7,
            dang_vien: 4,
            quan_chung: 2,
        },
        bang: vec![
            dong(
                "1",
                "Đảng viên cuối quý (chính thức / dự bị)",
                "12 (10 / 02)",
                "Miễn sinh hoạt: 01",
            ),
            dong("2", "Sinh hoạt thường kỳ đã tổ chức / kế hoạch", "3/3", ""),
            dong(
                "3",
                "Sinh hoạt chuyên đề đã tổ chức",
                "1",
                "Kết hợp với kỳ tháng 02",
            ),
            dong("4", "Tỷ lệ đảng viên dự sinh hoạt bình quân", "93,8%", ""),
            dong("5", "Lượt vắng có lý do / không lý do", "1 / 1", ""),
            dong("6", "Điểm bình quân", "91", "Tốt: 2, Khá: 1"),
            dong(
                "7",
                "Biểu dương (người / lượt)",
                "6 / 7",
                "04 đảng viên, 02 quần chúng",
            ),
        ],
        han_che: v(&[
            "Buổi sinh hoạt ngày 14/02/2023 có 01 đảng viên vắng không lý do (đồng chí Vũ Thị Giang).",
        ]),
    }
}

/// One row of an example table of cells or quarters: name, members, regular and thematic
/// meetings held/due, attendance, average score and the meetings by band.
#[allow(clippy::too_many_arguments)]
pub(super) fn dong(
    stt: &str,
    ten: &str,
    dang_vien: u32,
    tk: (u32, u32),
    cd: (u32, u32),
    ty_le: f64,
    diem: f64,
    xep_loai: &[u32],
) -> DongChiBo {
    DongChiBo {
        stt: s(stt),
        ten: s(ten),
        dang_vien,
        thuong_ky_da_hop: tk.0,
        thuong_ky_ke_hoach: tk.1,
        chuyen_de_da_hop: cd.0,
        chuyen_de_ke_hoach: cd.1,
        ty_le_du: Some(ty_le),
        diem_binh_quan: Some(diem),
        xep_loai: xep_loai.to_vec(),
        xep_loai_text: xep_loai
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" / "),
        xep_loai_nam: String::new(),
    }
}

/// The committee's report for quarter I of 2023, over three cells.
#[must_use]
pub fn example_bao_cao_tong_hop() -> BaoCaoTongHop {
    let loai = |ten: &str, so_buoi: u32| LoaiTongHop {
        ten: s(ten),
        so_buoi,
        ty_le: Some(f64::from(so_buoi) / 9.0),
    };
    BaoCaoTongHop {
        dang_uy: DangUy {
            ten: s("Đảng ủy Sở Công Thương"),
            ten_hoa: s("ĐẢNG ỦY SỞ CÔNG THƯƠNG"),
            dang_bo: s("Đảng bộ Sở Công Thương"),
            ky_hieu: s("ĐU"),
            cap_tren: s("Đảng bộ Khối các cơ quan tỉnh"),
            cap_tren_hoa: s("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"),
            dia_danh: s("Bình Thuận"),
            bi_thu: s("Đỗ Văn Khoa"),
            pho_bi_thu: s("Lý Thị Hoa"),
        },
        van_ban: VanBan {
            so: s(""),
            so_ky_hieu: s("Số     -BC/ĐU"),
            ngay: d(2023, 4, 5),
            dia_danh_ngay: s("Bình Thuận, ngày 05 tháng 4 năm 2023"),
            ten_loai: s("BÁO CÁO"),
            trich_yeu: s("tổng hợp kết quả sinh hoạt chi bộ quý I năm 2023"),
        },
        noi_nhan: v(&[
            "Đảng ủy Khối các cơ quan tỉnh (để báo cáo),",
            "Các chi bộ trực thuộc,",
            "Lưu Văn phòng.",
        ]),
        nguoi_ky: NguoiKy {
            quyen_han: s("T/M ĐẢNG ỦY"),
            chuc_vu: s("BÍ THƯ"),
            ho_ten: s("Đỗ Văn Khoa"),
        },
        ky: KyBaoCao {
            ma: s("2023-Q1"),
            loai: s("quy"),
            ten: s("quý I năm 2023"),
            don_vi: s("quý"),
            ky_toi: s("quý tới"),
            nam: 2023,
            tu_ngay: d(2023, 1, 1),
            den_ngay: d(2023, 3, 31),
            tinh_den: d(2023, 4, 5),
        },
        so_chi_bo: 3,
        chua_tong_hop: Vec::new(),
        dang_vien: DangVienKy {
            dau_ky: SoDangVien {
                tong_so: 35,
                chinh_thuc: 31,
                du_bi: 4,
                mien: 2,
            },
            cuoi_ky: SoDangVien {
                tong_so: 36,
                chinh_thuc: 32,
                du_bi: 4,
                mien: 2,
            },
        },
        quan_chung: 8,
        thuong_ky: TongThuongKy {
            so_ke_hoach: 9,
            so_da_hop: 8,
            so_chi_bo_du: 2,
            chi_bo_thieu: vec![ChiBoThieu {
                ten: s("Chi bộ 2"),
                thieu: s("tháng 02/2023"),
                so_buoi: 1,
            }],
            ty_le_binh_quan: Some(90.0 / 96.0),
            luot_co_mat: 90,
            luot_phai_du: 96,
            vang_co_ly_do: 5,
            vang_khong_ly_do: 1,
        },
        chuyen_de: TongChuyenDe {
            so_ke_hoach: 3,
            so_da_hop: 2,
            so_chi_bo_du: 2,
            chi_bo_thieu: vec![ChiBoThieu {
                ten: s("Chi bộ 2"),
                thieu: s("quý I/2023"),
                so_buoi: 1,
            }],
            cac_buoi: vec![
                ChuyenDeChiBo {
                    chi_bo: s("Chi bộ 1"),
                    ten: s(
                        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong thực thi công vụ",
                    ),
                    ngay: d(2023, 2, 14),
                },
                ChuyenDeChiBo {
                    chi_bo: s("Chi bộ 3"),
                    ten: s("Nâng cao chất lượng sinh hoạt chi bộ gắn với nhiệm vụ chuyên môn"),
                    ngay: d(2023, 3, 21),
                },
            ],
        },
        chat_luong: TongChatLuong {
            so_buoi: 9,
            so_buoi_cham: 9,
            diem_binh_quan: Some(817.0 / 9.0),
            tot: 5,
            kha: 4,
            trung_binh: 0,
            kem: 0,
            theo_loai: vec![
                loai("Tốt", 5),
                loai("Khá", 4),
                loai("Trung bình", 0),
                loai("Kém", 0),
            ],
        },
        bieu_duong: TongBieuDuong {
            text: s("07 cá nhân (05 đảng viên và 02 quần chúng), 08 lượt"),
            so_nguoi: 7,
            so_luot: 8,
            dang_vien: 5,
            dang_vien_luot: 6,
            quan_chung: 2,
            quan_chung_luot: 2,
        },
        chi_bo: vec![
            dong(
                "1",
                "Chi bộ 1",
                12,
                (3, 3),
                (1, 1),
                30.0 / 32.0,
                91.0,
                &[2, 1, 0, 0],
            ),
            dong(
                "2",
                "Chi bộ 2",
                9,
                (2, 3),
                (0, 1),
                20.0 / 22.0,
                85.0,
                &[0, 2, 0, 0],
            ),
            dong(
                "3",
                "Chi bộ 3",
                15,
                (3, 3),
                (1, 1),
                40.0 / 42.0,
                93.5,
                &[3, 1, 0, 0],
            ),
        ],
        tong_cong: dong(
            "",
            "Tổng cộng",
            36,
            (8, 9),
            (2, 3),
            90.0 / 96.0,
            817.0 / 9.0,
            &[5, 4, 0, 0],
        ),
        cot_xep_loai: s("Tốt / Khá / TB / Kém"),
        xep_loai_nam: Vec::new(),
        xep_loai_nam_tong: Vec::new(),
        han_che: vec![
            HanCheChiBo {
                noi_dung: s("Chưa tổ chức sinh hoạt thường kỳ đủ các tháng"),
                chi_bo: v(&["Chi bộ 2"]),
                text: s("Chưa tổ chức sinh hoạt thường kỳ đủ các tháng: Chi bộ 2."),
            },
            HanCheChiBo {
                noi_dung: s("Chưa tổ chức sinh hoạt chuyên đề trong quý"),
                chi_bo: v(&["Chi bộ 2"]),
                text: s("Chưa tổ chức sinh hoạt chuyên đề trong quý: Chi bộ 2."),
            },
            HanCheChiBo {
                noi_dung: s("Có đảng viên vắng sinh hoạt không lý do"),
                chi_bo: v(&["Chi bộ 2"]),
                text: s("Có đảng viên vắng sinh hoạt không lý do: Chi bộ 2."),
            },
        ],
    }
}
