//! `chibo init`: a ready working folder: `chibo.toml` with every setting commented, the blank
//! input form, and copies of the default templates to edit.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::config::Config;
use crate::diagnostic::Lang;
use crate::output::{safe_relative_path, write_atomic};

use super::{EXIT_FAIL, EXIT_OK};

pub use crate::xlsx::form::FORM_FILE;

/// The folder the default templates are copied to.
pub const TEMPLATES_DIR: &str = "templates";

/// `chibo.toml` as `init` writes it: every key with its default value, commented in
/// Vietnamese. Parsing it gives exactly [`Config::default`] (a test checks it).
pub const CONFIG_TEMPLATE: &str = r#"# chibo.toml: cấu hình của Đảng ủy cho chương trình chibo.
#
# Mọi khóa đều có giá trị mặc định: xóa một dòng thì chibo dùng giá trị mặc định ghi ở đây.
# Dòng bắt đầu bằng dấu # là chú thích. Chữ trong ngoặc kép "..." là văn bản; true/false là có/không.
# Khóa viết sai tên sẽ bị báo lỗi kèm số dòng. Xem thêm docs/config.md.

# ── Đảng ủy ──────────────────────────────────────────────────────────────────────────────
[dang_uy]
# Tên Đảng bộ / Đảng ủy, ví dụ "Đảng bộ Sở Công Thương". Là dòng đầu của tiêu đề văn bản các
# chi bộ khi sổ của chi bộ không ghi «Đảng bộ cấp trên».
ten = ""
# Cấp trên của Đảng ủy: dòng đầu tiên của tiêu đề báo cáo tổng hợp của Đảng ủy.
cap_tren = ""
# Địa danh mặc định ở dòng «..., ngày ... tháng ... năm ...» (sổ chi bộ ghi «Địa danh» thì dùng của sổ).
dia_danh = ""
# Ký hiệu của Đảng ủy trong số văn bản, ví dụ "ĐU" (để trống thì dùng "ĐU").
ky_hieu = ""
# Họ tên Bí thư Đảng ủy: người ký báo cáo tổng hợp (để trống thì để trống dòng họ tên để ký tay).
bi_thu = ""
# Họ tên Phó Bí thư Đảng ủy: người ký thay khi không ghi Bí thư.
pho_bi_thu = ""

# ── Chấm điểm chất lượng sinh hoạt chi bộ ─────────────────────────────────────────────────
[cham_diem]
# Thang điểm: "phu_tho" (mặc định: 15/20/45/20; Tốt ≥ 90, Khá ≥ 70, TB ≥ 50),
# "nghe_an" (20/10/45/15/10; Tốt ≥ 80), "binh_thuan" (Tốt ≥ 90 và đủ điểm 4 tiêu chí),
# "dat_khong_dat" (5 tiêu chí đạt / không đạt theo 12-HD/BTCTW),
# hoặc "tu_dinh" (tự định: khai báo nhom và xep_loai bên dưới).
mau = "phu_tho"
# Điểm được tính khi một buổi có cả điểm chi bộ tự chấm và điểm cấp trên: "chi_bo" hoặc "cap_tren".
diem_tinh = "chi_bo"
# Nhóm tiêu chí tự định; để trống [] thì dùng nhóm của thang mẫu. Muốn khai báo thì xóa dòng
# «nhom = []» và thêm, cho mỗi nhóm, một khối như sau (tổng điểm tối đa các nhóm phải bằng 100):
#   [[cham_diem.nhom]]
#   ma = "1"
#   ten = "Công tác chuẩn bị"
#   diem_toi_da = 15
nhom = []
# Các mức xếp loại tự định, từ cao xuống thấp; mức cuối bắt đầu từ 0. Để trống [] thì dùng của
# thang mẫu. Muốn khai báo thì xóa dòng «xep_loai = []» và thêm, cho mỗi mức:
#   [[cham_diem.xep_loai]]
#   ten = "Tốt"
#   tu = 90
#   du_diem = ["2", "3"]   # (không bắt buộc) các nhóm phải đạt điểm tối đa mới được mức này
xep_loai = []
# Xếp loại cả năm từ các tháng (không bắt buộc; thang phu_tho đã có sẵn quy tắc này). Ví dụ:
#   [cham_diem.xep_loai_nam]
#   loai = "Tốt"              # mức được xếp
#   tat_ca_tu = "Khá"         # khi mọi buổi thường kỳ đạt từ mức này trở lên
#   so_ky_toi_thieu = 7       # và có ít nhất chừng này buổi đạt mức «loai»

# ── Điểm danh ────────────────────────────────────────────────────────────────────────────
[diem_danh]
# Mẫu số tính tỷ lệ đảng viên dự họp:
#   "tru_mien": số đảng viên trong danh sách ngày họp, trừ người được miễn sinh hoạt;
#   "tru_mien_va_vang_co_ly_do": trừ thêm người vắng có lý do.
mau_so = "tru_mien"
# Tính cả đảng viên dự bị khi điểm danh.
tinh_du_bi = true
# Ngưỡng tỷ lệ dự họp (%): buổi họp đạt khi tỷ lệ trên ngưỡng này.
nguong = 85.0
# Báo khi một đảng viên vắng có lý do quá chừng này buổi liên tiếp trong năm.
vang_co_ly_do_lien_tiep = 3
# Báo khi một đảng viên vắng không lý do chừng này buổi trong năm.
vang_khong_ly_do_nam = 3

# Ký hiệu điểm danh riêng của Đảng bộ, thêm vào các ký hiệu sẵn có
# (có mặt: x, ✓, 1, có, có mặt, CM; vắng có lý do: P, CP, có phép, vắng có lý do, VCLD, V/CLD;
#  vắng không lý do: K, KP, không phép, vắng không lý do, VKLD, 0; miễn: M, miễn).
# Ví dụ: co_mat = ["Đ", "dự"]
[diem_danh.ky_hieu]
co_mat = []
vang_co_ly_do = []
vang_khong_ly_do = []
mien = []

# ── Thời lượng tối thiểu của một buổi sinh hoạt (phút) ────────────────────────────────────
[thoi_luong]
# Buổi thường kỳ hoặc chuyên đề.
toi_thieu = 90
# Buổi kết hợp thường kỳ và chuyên đề.
ket_hop = 120

# ── Thể thức văn bản (Hướng dẫn 36-HD/VPTW) ───────────────────────────────────────────────
[the_thuc]
# Phông chữ của văn bản.
phong_chu = "Times New Roman"
# Biên bản có ghi số («Số ...-BB/...») hay không.
bien_ban_co_so = false

# Cỡ chữ (pt) của từng thành phần.
[the_thuc.co_chu]
# «ĐẢNG CỘNG SẢN VIỆT NAM».
tieu_de = 15.0
# Tên cơ quan cấp trên và cơ quan ban hành.
co_quan = 14.0
# Số và ký hiệu văn bản.
so_ky_hieu = 14.0
# Dòng địa danh, ngày tháng.
dia_danh = 14.0
# Tên loại văn bản (KẾ HOẠCH, BIÊN BẢN ...).
ten_loai = 16.0
# Trích yếu nội dung.
trich_yeu = 14.0
# Nội dung văn bản.
noi_dung = 14.0
# Chữ ký (T/M CHI BỘ, BÍ THƯ, họ tên).
chu_ky = 14.0
# Chữ «Nơi nhận:».
noi_nhan = 14.0
# Các dòng nơi nhận.
noi_nhan_dong = 12.0
# Số trang.
so_trang = 14.0

# Lề trang (mm).
[the_thuc.le]
tren = 20.0
duoi = 20.0
trai = 30.0
phai = 15.0

# Nơi nhận của từng loại văn bản, mỗi dòng một nơi. Trong văn bản của chi bộ, {dang_uy} được
# thay bằng tên Đảng ủy cấp trên của chi bộ, {chi_bo} bằng tên chi bộ. Trong báo cáo tổng hợp
# của Đảng ủy, {cap_tren} được thay bằng cấp ủy cấp trên của Đảng ủy, {dang_uy} bằng tên Đảng ủy.
[the_thuc.noi_nhan]
# Kế hoạch sinh hoạt chuyên đề năm.
ke_hoach = ["{dang_uy} (để báo cáo),", "Chi ủy, đảng viên trong chi bộ,", "Lưu Chi bộ."]
# Biên bản sinh hoạt chi bộ.
bien_ban = ["{dang_uy} (để báo cáo),", "Lưu Chi bộ."]
# Báo cáo kết quả sinh hoạt chi bộ (quý).
bao_cao = ["{dang_uy} (để báo cáo),", "Lưu Chi bộ."]
# Nghị quyết chi bộ hằng tháng.
nghi_quyet = ["{dang_uy} (để báo cáo),", "Đảng viên trong chi bộ,", "Lưu Chi bộ."]
# Báo cáo tổng hợp của Đảng ủy.
bao_cao_tong_hop = ["{cap_tren} (để báo cáo),", "Các chi bộ trực thuộc,", "Lưu Văn phòng."]

# ── Tên gọi khác của trang tính và cột trong sổ Excel ─────────────────────────────────────
# chibo đã nhận nhiều cách ghi quen thuộc (có dấu hay không dấu, hoa hay thường). Chỉ cần khai
# báo ở đây những tên lạ hơn.
[bi_danh]

# Tên khác của trang tính, theo loại trang: thong_tin, dang_vien, sinh_hoat, diem_danh,
# cham_diem, bieu_duong. Ví dụ: dang_vien = ["DS chi bo 2024"]
[bi_danh.trang_tinh]

# Tên khác của cột, theo tên chuẩn viết không dấu, nối bằng dấu gạch dưới (ho_va_ten,
# ngay_vao_dang, so_the_dang_vien ...). Ví dụ: ho_va_ten = ["Tên đồng chí"]
[bi_danh.cot]

# ── Kết quả ──────────────────────────────────────────────────────────────────────────────
[dau_ra]
# Thư mục ghi kết quả, tính từ thư mục này.
thu_muc = "ket-qua"
# Đặt tên tệp kết quả bằng tiếng Việt có dấu (false: tên không dấu, mở được trên mọi máy).
ten_tieng_viet = false
# Các văn bản cần tạo: ke_hoach (kế hoạch chuyên đề năm), bien_ban (biên bản từng buổi),
# nghi_quyet (nghị quyết chi bộ hằng tháng, chỉ cho các chi bộ ghi ở nghi_quyet dưới đây),
# bao_cao_quy (báo cáo quý của chi bộ), tong_hop (bảng tổng hợp Excel),
# bao_cao_tong_hop (báo cáo tổng hợp của Đảng ủy).
van_ban = ["ke_hoach", "bien_ban", "nghi_quyet", "bao_cao_quy", "tong_hop", "bao_cao_tong_hop"]
# Các chi bộ ra nghị quyết hằng tháng (mỗi buổi sinh hoạt thường kỳ một nghị quyết): tên chi bộ
# như trong sổ, hoặc tên tệp sổ; "*" là mọi chi bộ. Để trống: không chi bộ nào.
# Ví dụ: nghi_quyet = ["Chi bộ Văn phòng Sở"]
nghi_quyet = []
# Thư mục mẫu văn bản riêng của Đảng ủy (tính từ thư mục này); tệp ở đây thay mẫu có sẵn.
mau = "templates"

# ── Giới hạn kích thước tệp ───────────────────────────────────────────────────────────────
# Giữ cho chibo không bị treo hay hết bộ nhớ vì một tệp hỏng hoặc cố ý làm phình to («bom zip»).
# Các giá trị mặc định lớn hơn rất nhiều so với sổ của bất kỳ chi bộ nào: chỉ nâng lên khi chibo
# báo một tệp thật vượt giới hạn (thông báo ghi rõ tên khóa cần nâng). Mọi giá trị phải lớn hơn 0.
[gioi_han]
# Số dòng có dữ liệu tối đa của một trang tính.
so_dong = 100000
# Số cột có dữ liệu tối đa của một trang tính.
so_cot = 1000
# Số ô có dữ liệu tối đa của một trang tính.
so_o = 2000000
# Số thành phần nén tối đa trong một tệp .xlsx, .ods hay mẫu .docx.
so_thanh_phan_nen = 10000
# Dung lượng tối đa (MB) của một tệp .xlsx, .ods hay mẫu .docx sau khi giải nén.
giai_nen_mb = 512
# Dung lượng tối đa (MB) của một phần trong mẫu .docx (thân văn bản, đầu trang ...) sau khi giải nén.
phan_mau_mb = 64
"#;

/// Every file `init` writes into `dir`: relative path and bytes.
///
/// # Errors
/// The blank form could not be built (a message).
pub fn plan() -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let form = crate::xlsx::form::blank_form(&Config::default()).map_err(|e| e.to_string())?;
    let mut files = vec![
        (
            PathBuf::from("chibo.toml"),
            CONFIG_TEMPLATE.as_bytes().to_vec(),
        ),
        (PathBuf::from(FORM_FILE), form),
    ];
    for (name, bytes) in crate::view::default_templates() {
        files.push((
            Path::new(TEMPLATES_DIR).join(safe_relative_path(name)),
            bytes.to_vec(),
        ));
    }
    Ok(files)
}

fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Runs `chibo init`.
#[must_use]
pub fn run(args: &InitArgs, lang: Lang) -> u8 {
    let vi = lang == Lang::Vi;
    let files = match plan() {
        Ok(f) => f,
        Err(e) => {
            if vi {
                eprintln!("lỗi: không tạo được sổ mẫu: {e}");
            } else {
                eprintln!("error: the blank form could not be built: {e}");
            }
            return EXIT_FAIL;
        }
    };
    if args.dir.exists() && !args.dir.is_dir() {
        let d = shown(&args.dir);
        if vi {
            eprintln!("lỗi: «{d}» là một tệp, không phải thư mục");
        } else {
            eprintln!("error: «{d}» is a file, not a folder");
        }
        return EXIT_FAIL;
    }
    let existing: Vec<&PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| args.dir.join(p).exists())
        .collect();
    if !existing.is_empty() && !args.force {
        if vi {
            eprintln!("lỗi: các tệp sau đã có, chibo không ghi đè (thêm --force để ghi đè):");
        } else {
            eprintln!(
                "error: these files exist and were not overwritten (add --force to overwrite):"
            );
        }
        for p in existing {
            eprintln!("  {}", shown(p));
        }
        return EXIT_FAIL;
    }
    for (rel, bytes) in &files {
        if let Err(e) = write_atomic(&args.dir.join(rel), bytes) {
            let p = shown(rel);
            if vi {
                eprintln!(
                    "lỗi: không ghi được {p}: {}",
                    crate::os_error::describe(&e).vi
                );
            } else {
                eprintln!(
                    "error: cannot write {p}: {}",
                    crate::os_error::describe(&e).en
                );
            }
            return EXIT_FAIL;
        }
    }
    println!("{}", if vi { "Đã tạo:" } else { "Created:" });
    for (rel, _) in &files {
        println!("  {}", shown(rel));
    }
    if vi {
        println!(
            "Bước tiếp theo: sửa chibo.toml, chép sổ Excel của các chi bộ (theo mẫu {FORM_FILE}) vào thư mục này, rồi chạy `chibo check`."
        );
    } else {
        println!(
            "Next: edit chibo.toml, copy the cells' workbooks (see {FORM_FILE}) into this folder, then run `chibo check`."
        );
    }
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_config_is_the_default() {
        let parsed = Config::parse(CONFIG_TEMPLATE, "chibo.toml").unwrap();
        assert_eq!(parsed, Config::default());
    }
}
