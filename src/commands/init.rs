//! `chibo init`: a ready working folder: `chibo.toml` with every setting commented, the blank
//! input form, and copies of the default templates to edit.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::config::Config;
use crate::diagnostic::{Lang, Text};
use crate::output::{safe_relative_path, write_atomic};
use crate::t;

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

# Ngôn ngữ thông báo của chibo: "vi" (tiếng Việt) hoặc "en" (tiếng Anh). Để trống thì theo ngôn
# ngữ của máy; tùy chọn --lang khi chạy chibo được ưu tiên hơn.
ngon_ngu = ""

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
# Thang điểm: "theo_nam" (mặc định: theo năm của kỳ báo cáo: đến năm 2025 là "phu_tho",
# từ năm 2026 là "hd42"), "hd42" (Hướng dẫn 42-HD/BTCTW ngày 28/10/2025: 5/5/10/40/5/30/5;
# Tốt ≥ 90, Khá ≥ 70, TB ≥ 50), "phu_tho" (15/20/45/20; Tốt ≥ 90, Khá ≥ 70, TB ≥ 50),
# "nghe_an" (20/10/45/15/10; Tốt ≥ 80), "binh_thuan" (Tốt ≥ 90 và đủ điểm 4 tiêu chí),
# "dat_khong_dat" (5 tiêu chí đạt / không đạt theo Hướng dẫn 12-HD/BTCTW ngày 06/7/2018),
# hoặc "tu_dinh" (tự định: khai báo nhom và xep_loai bên dưới).
mau = "theo_nam"
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
# bao_cao_quy (báo cáo quý của chi bộ), bao_cao_nam (báo cáo năm của chi bộ, khi chạy cả năm),
# tong_hop (bảng tổng hợp Excel), bao_cao_tong_hop (báo cáo tổng hợp của Đảng ủy).
van_ban = ["ke_hoach", "bien_ban", "nghi_quyet", "bao_cao_quy", "bao_cao_nam", "tong_hop", "bao_cao_tong_hop"]
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
# Dung lượng tối đa (MB) của một văn bản tạo ra (các phần đã điền gộp lại). Vòng lặp lồng nhau
# trong mẫu làm văn bản lớn hơn thế thì văn bản đó không được ghi.
van_ban_mb = 256
# Số khối ({% if %}, {% for %} ...) lồng vào nhau tối đa trong một mẫu văn bản.
khoi_long_nhau = 100
# Tổng số tên gọi khác khai báo trong mục [bi_danh] (mọi danh sách gộp lại).
so_bi_danh = 1000
"#;

/// The folder `init --force` keeps a copy of each file it replaces in, under the file's own
/// relative path (`ban-sao-luu/templates/ke-hoach.docx`).
pub const BACKUP_DIR: &str = "ban-sao-luu";

/// Most backups of one file `init --force` numbers (`chibo-2.toml` … ) before it gives up.
const MAX_BACKUPS: u32 = 10_000;

/// Every file `init` writes into a folder whose settings are `config`: relative path and
/// bytes. The blank form follows the scheme `config` resolves to.
///
/// # Errors
/// The blank form could not be built (what went wrong, in both languages).
pub fn plan(config: &Config) -> Result<Vec<(PathBuf, Vec<u8>)>, Text> {
    let form =
        crate::xlsx::form::blank_form(config).map_err(|e| crate::error_text::xlsxwriter(&e))?;
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

/// What [`init_folder`] did, file by file (relative paths).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Written because the folder did not have them.
    pub added: Vec<PathBuf>,
    /// Already there and left byte for byte as they were (without `--force`; with it, the ones
    /// already identical to what `init` writes).
    pub kept: Vec<PathBuf>,
    /// Replaced (`--force`): the file and where its previous content was kept.
    pub replaced: Vec<(PathBuf, PathBuf)>,
    /// Files that could not be written or backed up, and why; the others are done anyway.
    pub failed: Vec<(PathBuf, Text)>,
}

/// `chibo init` into `dir`, the CLI's and the web page's: adds every file the folder lacks and
/// never overwrites one. With `force`, a file that differs from what `init` writes is first
/// copied into [`BACKUP_DIR`] (never over an earlier backup), then replaced.
///
/// The blank form follows the folder's settings: its `chibo.toml` when it has one and it is
/// kept, the defaults otherwise, resolved for `year` (the scheme `theo_nam` gives that year's
/// preset: the form of a 2026 folder has the 42-HD groups).
///
/// # Errors
/// Nothing was written: `dir` is a file, cannot be created, or its `chibo.toml` is invalid
/// (every problem of it, rendered in `lang`).
pub fn init_folder(dir: &Path, force: bool, year: i32, lang: Lang) -> Result<InitReport, String> {
    if dir.exists() && !dir.is_dir() {
        let d = shown(dir);
        return Err(pick(
            lang,
            &t!("«{d}» là một tệp, không phải thư mục" ; "«{d}» is a file, not a folder"),
        ));
    }
    let config = folder_config(dir, force, lang)?.for_year(year);
    let files = plan(&config).map_err(|e| {
        pick(
            lang,
            &t!("không tạo được sổ mẫu: {}", e.vi ; "the blank form could not be built: {}", e.en),
        )
    })?;
    std::fs::create_dir_all(dir).map_err(|e| {
        let why = crate::os_error::describe(&e);
        pick(
            lang,
            &t!("không tạo được thư mục: {}", why.vi ; "cannot create the folder: {}", why.en),
        )
    })?;
    let mut report = InitReport::default();
    for (rel, bytes) in files {
        match place(dir, &rel, &bytes, force) {
            Ok(Placed::Added) => report.added.push(rel),
            Ok(Placed::Kept) => report.kept.push(rel),
            Ok(Placed::Replaced(backup)) => report.replaced.push((rel, backup)),
            Err(why) => report.failed.push((rel, why)),
        }
    }
    Ok(report)
}

/// The settings the blank form follows: the folder's `chibo.toml` when it stays, the defaults
/// when there is none or `--force` replaces it.
fn folder_config(dir: &Path, force: bool, lang: Lang) -> Result<Config, String> {
    if force || !dir.join("chibo.toml").exists() {
        return Ok(Config::default());
    }
    Config::load(dir).map_err(|problems| {
        let head = pick(
            lang,
            &t!("chibo.toml có lỗi: chibo chưa thêm tệp nào (sổ mẫu phải theo đúng thang điểm trong chibo.toml). Sửa các lỗi sau rồi chạy lại `chibo init`:" ;
                "chibo.toml is invalid: nothing was added (the blank form must follow its scoring scheme). Fix these problems, then run `chibo init` again:"),
        );
        let lines: Vec<String> = problems.iter().map(|d| d.render(lang)).collect();
        format!("{head}\n{}", lines.join("\n"))
    })
}

/// What happened to one file.
enum Placed {
    Added,
    Kept,
    /// Replaced; the backup's relative path.
    Replaced(PathBuf),
}

/// Writes one file of the plan unless it is there (or, with `force`, backs it up first).
fn place(dir: &Path, rel: &Path, bytes: &[u8], force: bool) -> Result<Placed, Text> {
    let path = dir.join(rel);
    let p = shown(rel);
    let io = |e: &std::io::Error, doing: Text| {
        let why = crate::os_error::describe(e);
        t!("{}: {}", doing.vi, why.vi ; "{}: {}", doing.en, why.en)
    };
    if path.is_dir() {
        return Err(t!("«{p}» là một thư mục, không phải tệp" ; "«{p}» is a folder, not a file"));
    }
    if !path.exists() {
        write_atomic(&path, bytes).map_err(|e| io(&e, t!("không ghi được" ; "cannot write")))?;
        return Ok(Placed::Added);
    }
    if !force || same_bytes(&path, bytes) {
        return Ok(Placed::Kept);
    }
    let backup = back_up(dir, rel)
        .map_err(|e| io(&e, t!("không sao lưu được, chưa thay tệp này" ; "cannot back it up, so it was not replaced")))?;
    write_atomic(&path, bytes).map_err(|e| {
        let b = shown(&backup);
        io(
            &e,
            t!("đã sao lưu vào {b} nhưng không ghi được bản mới" ; "backed up to {b} but the new file cannot be written"),
        )
    })?;
    Ok(Placed::Replaced(backup))
}

/// Whether the file at `path` holds exactly `bytes` (read only when the sizes agree, so a huge
/// file is never loaded).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let same_len = std::fs::metadata(path)
        .is_ok_and(|m| usize::try_from(m.len()).is_ok_and(|n| n == bytes.len()));
    same_len && std::fs::read(path).is_ok_and(|b| b == bytes)
}

/// Copies `dir/rel` to a free name under [`BACKUP_DIR`] (`ban-sao-luu/chibo.toml`, then
/// `chibo-2.toml` …), streaming, and atomically: the copy is finished and flushed before it
/// gets its name, and it never takes the name of an earlier backup. Returns the backup's
/// relative path.
fn back_up(dir: &Path, rel: &Path) -> std::io::Result<PathBuf> {
    let first = Path::new(BACKUP_DIR).join(rel);
    let parent = dir.join(first.parent().unwrap_or(Path::new(BACKUP_DIR)));
    std::fs::create_dir_all(&parent)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".chibo-sao-luu")
        .tempfile_in(&parent)?;
    std::io::copy(&mut std::fs::File::open(dir.join(rel))?, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    for n in 1..=MAX_BACKUPS {
        let candidate = numbered(&first, n);
        match tmp.persist_noclobber(dir.join(&candidate)) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{MAX_BACKUPS} bản sao lưu"),
    ))
}

/// `path` for `n == 1`, else its name with `-n` before the extension (`chibo-2.toml`).
fn numbered(path: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn pick(lang: Lang, text: &Text) -> String {
    text.get(lang).to_string()
}

/// Runs `chibo init`.
#[must_use]
pub fn run(args: &InitArgs, lang: Lang) -> u8 {
    let vi = lang == Lang::Vi;
    let year = chrono::Datelike::year(&crate::cli::today(args.as_of));
    let report = match init_folder(&args.dir, args.force, year, lang) {
        Ok(r) => r,
        Err(message) => {
            eprintln!("{} {message}", if vi { "lỗi:" } else { "error:" });
            return EXIT_FAIL;
        }
    };
    print_report(&report, args.force, lang);
    if !report.failed.is_empty() {
        return EXIT_FAIL;
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

/// The summary: what was added, kept, backed up and replaced, and what failed (on stderr).
fn print_report(report: &InitReport, force: bool, lang: Lang) {
    let list = |title: Text, items: Vec<String>| {
        if !items.is_empty() {
            println!("{}", title.get(lang));
            for i in items {
                println!("  {i}");
            }
        }
    };
    list(
        t!("Đã thêm:" ; "Added:"),
        report.added.iter().map(|p| shown(p)).collect(),
    );
    let kept_title = if force {
        t!("Giữ nguyên (giống hệt bản mới):" ; "Kept (identical to the new file):")
    } else {
        t!("Giữ nguyên (đã có; chibo không ghi đè, thêm --force để thay bằng bản mới và giữ bản sao lưu):" ;
           "Kept (already there; chibo does not overwrite: add --force to replace them, keeping a backup):")
    };
    list(kept_title, report.kept.iter().map(|p| shown(p)).collect());
    list(
        t!("Đã sao lưu bản cũ rồi thay bằng bản mới:" ; "Backed up, then replaced:"),
        report
            .replaced
            .iter()
            .map(|(p, b)| format!("{} → {}", shown(p), shown(b)))
            .collect(),
    );
    if !report.failed.is_empty() {
        eprintln!(
            "{}",
            t!("lỗi: không ghi được:" ; "error: not written:").get(lang)
        );
        for (p, why) in &report.failed {
            eprintln!("  {}: {}", shown(p), why.get(lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_config_is_the_default() {
        let parsed = Config::parse(CONFIG_TEMPLATE, "chibo.toml").unwrap();
        assert_eq!(parsed, Config::default());
    }

    /// Every key path of a TOML table (`gioi_han.so_dong`), tables of tables walked into.
    fn key_paths(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
        for (key, value) in table {
            let path = format!("{prefix}{key}");
            if let toml::Value::Table(t) = value {
                key_paths(t, &format!("{path}."), out);
            }
            out.push(path);
        }
    }

    #[test]
    fn the_written_config_names_every_key_of_the_config() {
        let mut known = Vec::new();
        let default = toml::Table::try_from(Config::default()).unwrap();
        key_paths(&default, "", &mut known);
        // Keys the serializer leaves out when empty are keys all the same.
        known.push("ngon_ngu".into());
        let mut written = Vec::new();
        key_paths(&CONFIG_TEMPLATE.parse().unwrap(), "", &mut written);
        let missing: Vec<&String> = known.iter().filter(|k| !written.contains(k)).collect();
        assert!(
            missing.is_empty(),
            "chibo.toml written by init lacks: {missing:?}"
        );
        for key in [
            "gioi_han.van_ban_mb",
            "gioi_han.khoi_long_nhau",
            "gioi_han.so_bi_danh",
        ] {
            assert!(written.iter().any(|k| k == key), "{key}");
        }
    }

    #[test]
    fn every_written_key_has_a_comment_above_its_block() {
        // Each `key = value` line follows a comment, a section header or another key: a key
        // right after a blank line would stand with no word of explanation.
        let lines: Vec<&str> = CONFIG_TEMPLATE.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let is_key = line.contains(" = ") && !line.starts_with('#');
            if is_key {
                let before = lines.get(i.wrapping_sub(1)).copied().unwrap_or("");
                assert!(!before.trim().is_empty(), "no comment above «{line}»");
            }
        }
    }

    #[test]
    fn backups_are_numbered_before_the_extension() {
        let p = Path::new("ban-sao-luu/templates/ke-hoach.docx");
        assert_eq!(numbered(p, 1), p);
        assert_eq!(
            numbered(p, 3),
            Path::new("ban-sao-luu/templates/ke-hoach-3.docx")
        );
        assert_eq!(numbered(Path::new("a/README"), 2), Path::new("a/README-2"));
    }
}
