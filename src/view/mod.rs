//! The serialisable views each default document template sees, and the default templates.
//!
//! A view is plain data: every figure is computed in Rust by the code that builds it, and the
//! template only places and formats it (with the filters of [`crate::docx`]). Field names are
//! Vietnamese without diacritics so that office staff can read the templates they edit; the doc
//! comment of each field is the documentation of that template variable, and
//! `docs/default-documents.md` lists them all with examples.
//!
//! | Template | View | Example |
//! |---|---|---|
//! | `ke-hoach-chuyen-de.docx` | [`KeHoach`] | [`example_ke_hoach`] |
//! | `bien-ban-thuong-ky.docx` | [`BienBan`] (regular) | [`example_bien_ban_thuong_ky`] |
//! | `bien-ban-chuyen-de.docx` | [`BienBan`] (thematic or combined) | [`example_bien_ban_chuyen_de`], [`example_bien_ban_ket_hop`] |
//! | `nghi-quyet-thang.docx` | [`NghiQuyet`] | [`example_nghi_quyet`] |
//! | `bao-cao-quy.docx` | [`BaoCaoQuy`] | [`example_bao_cao_quy`] |
//! | `bao-cao-nam.docx` | [`BaoCaoNam`] | [`example_bao_cao_nam`] |
//! | `bao-cao-tong-hop.docx` | [`BaoCaoTongHop`] | [`example_bao_cao_tong_hop`] |
//!
//! Every kind of document, with its templates, examples, builder and file names, is listed once
//! in [`registry::KINDS`].

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

mod bao_cao_nam;
mod bao_cao_quy;
mod bao_cao_tong_hop;
mod bien_ban;
pub mod build;
mod examples;
mod ke_hoach;
pub mod nghi_quyet;
pub mod registry;
mod shared;

pub use bao_cao_nam::{BaoCaoNam, XepLoaiCaNam, bao_cao_nam, example_bao_cao_nam};
pub use bao_cao_quy::{
    BaoCaoQuy, BieuDuong, BuoiDiem, ChatLuong, ChuyenDeDaHop, DangVienKy, DongBang, SoDangVien,
    SoTheoLoai, ThuongKy,
};
pub use bao_cao_tong_hop::{
    BaoCaoTongHop, ChiBoThieu, ChuyenDeChiBo, DangUy, DongChiBo, HanCheChiBo, KyBaoCao,
    LoaiTongHop, SoChiBoTheoLoai, TongBieuDuong, TongChatLuong, TongChuyenDe, TongThuongKy,
    XepLoaiNam,
};
pub use bien_ban::{BienBan, Buoi, Diem, DiemDanh, DiemNhom, VangCoLyDo, VangKhongLyDo};
pub use examples::{
    example_bao_cao_quy, example_bao_cao_tong_hop, example_bien_ban_chuyen_de,
    example_bien_ban_ket_hop, example_bien_ban_thuong_ky, example_ke_hoach,
};
pub use ke_hoach::{KeHoach, QuyChuyenDe};
pub use nghi_quyet::{NGHI_QUYET, NghiQuyet, NhiemVu, example_nghi_quyet};
pub use shared::{ChiBo, NguoiKy, VanBan};

/// File name of the annual thematic plan's template.
pub const KE_HOACH: &str = "ke-hoach-chuyen-de.docx";
/// File name of the regular meeting minutes' template.
pub const BIEN_BAN_THUONG_KY: &str = "bien-ban-thuong-ky.docx";
/// File name of the thematic (and combined) meeting minutes' template.
pub const BIEN_BAN_CHUYEN_DE: &str = "bien-ban-chuyen-de.docx";
/// File name of the quarterly report's template.
pub const BAO_CAO_QUY: &str = "bao-cao-quy.docx";
/// File name of the cell's annual report's template.
pub const BAO_CAO_NAM: &str = "bao-cao-nam.docx";
/// File name of the committee's report's template.
pub const BAO_CAO_TONG_HOP: &str = "bao-cao-tong-hop.docx";

/// The built-in templates of every kind of [`registry::KINDS`], in list order.
static DEFAULTS: std::sync::LazyLock<Vec<(&'static str, &'static [u8])>> =
    std::sync::LazyLock::new(|| {
        registry::template_files()
            .map(|t| (t.file, t.bytes))
            .collect()
    });

/// The default Word templates shipped inside the binary: `(file name, bytes)`.
#[must_use]
pub fn default_templates() -> &'static [(&'static str, &'static [u8])] {
    &DEFAULTS
}

/// The bytes of the template `file` (a bare file name such as `bao-cao-quy.docx`).
///
/// When `override_dir` (the committee's own `templates/` folder) holds a file of that name, it
/// wins; otherwise the built-in template of that name is used. A file name that is neither
/// there nor built in, or a file that cannot be read, is an error naming the file (boxed: a
/// [`Diagnostic`] is large and this is the only error).
pub fn template_bytes(
    file: &str,
    override_dir: Option<&Path>,
) -> Result<Cow<'static, [u8]>, Box<Diagnostic>> {
    if let Some(dir) = override_dir {
        let path = dir.join(file);
        // A name with a folder in it could reach outside the template folder: only bare
        // names are looked up there.
        let bare = Path::new(file).file_name().is_some_and(|n| n == file);
        if bare && path.is_file() {
            return crate::input::read_at_most(&path, crate::input::DOCUMENT_MAX).map(Cow::Owned).map_err(|e| {
                Box::new(Diagnostic::error(
                    "template-read",
                    Location::file(path.display().to_string()),
                    {
                        let e = crate::os_error::describe(&e);
                        t!("không đọc được mẫu văn bản: {}", e.vi ; "cannot read the template: {}", e.en)
                    },
                ))
            });
        }
    }
    DEFAULTS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, bytes)| Cow::Borrowed(*bytes))
        .ok_or_else(|| {
            let known = DEFAULTS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ");
            Box::new(Diagnostic::error(
                "template-missing",
                Location::file(file),
                t!(
                    "không có mẫu văn bản «{}» trong thư mục mẫu, và đó không phải tên một mẫu có sẵn ({})",
                    file, known ;
                    "no template «{}» in the template folder, and it is not a built-in template ({})",
                    file, known
                ),
            ))
        })
}
