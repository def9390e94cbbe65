//! The .docx package: reading the zip with limits, and writing a rendered copy that keeps
//! every part we do not render byte for byte (copied raw, never recompressed).

use std::io::{Cursor, Read as _, Seek, Write};
use std::sync::Arc;

use zip::ZipArchive;
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::config::{LimitsConfig, MIB};
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// At most this many entries in a template, by default (`[gioi_han] so_thanh_phan_nen`).
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes once every entry is decompressed (declared sizes), by default
/// (`[gioi_han] giai_nen_mb`).
pub const MAX_TOTAL_SIZE: u64 = 512 * 1024 * 1024;
/// At most this many bytes in one part we render (read with a hard cap, whatever the header
/// claims), by default (`[gioi_han] phan_mau_mb`).
pub const MAX_PART_SIZE: u64 = 64 * 1024 * 1024;

/// The limits a template is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateLimits {
    /// Entries in the zip package.
    pub max_entries: usize,
    /// Total bytes of the entries once decompressed, as the zip directory declares them.
    pub max_total_size: u64,
    /// Bytes of one part that is rendered, as read.
    pub max_part_size: u64,
}

impl TemplateLimits {
    /// The limits of `[gioi_han]`.
    #[must_use]
    pub fn from_config(c: &LimitsConfig) -> Self {
        Self {
            max_entries: usize::try_from(c.so_thanh_phan_nen).unwrap_or(usize::MAX),
            max_total_size: c.giai_nen_mb.saturating_mul(MIB),
            max_part_size: c.phan_mau_mb.saturating_mul(MIB),
        }
    }
}

impl Default for TemplateLimits {
    fn default() -> Self {
        Self {
            max_entries: MAX_ENTRIES,
            max_total_size: MAX_TOTAL_SIZE,
            max_part_size: MAX_PART_SIZE,
        }
    }
}

/// The hint of a template over a limit: `key` raises it.
fn limit_hint(key: &str) -> crate::diagnostic::Text {
    let raise = crate::config::raise_limit(key);
    t!("mẫu có thể bị hỏng hoặc cố ý làm phình to: lấy lại mẫu gốc; nếu đó thật là mẫu của Đảng ủy, {}", raise.vi ;
       "the template may be damaged or deliberately inflated: get the original again; if it really is the committee's template, {}", raise.en)
}

/// What to do with each entry of the template, in the template's order.
#[derive(Clone, Debug)]
pub(crate) enum EntryPlan {
    /// Copy the compressed bytes as they are.
    Raw { index: usize },
    /// Render the part `part` (index into the template's parts) and store it under `name`.
    Render { name: String, part: usize },
}

/// The opened package: the archive (cheap to clone) and every entry's name.
#[derive(Clone, Debug)]
pub(crate) struct Package {
    pub archive: ZipArchive<Cursor<Arc<[u8]>>>,
    pub names: Vec<String>,
    pub limits: TemplateLimits,
}

fn err(file: &str, code: &'static str, message: crate::diagnostic::Text) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(code, Location::file(file), message))
}

fn over(file: &str, key: &str, message: crate::diagnostic::Text) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error("docx.zip_limit", Location::file(file), message)
            .with_hint(limit_hint(key)),
    )
}

/// Opens a template's bytes, checking the limits.
pub(crate) fn open(
    bytes: &[u8],
    file: &str,
    limits: TemplateLimits,
) -> Result<Package, Box<Diagnostic>> {
    let data: Arc<[u8]> = Arc::from(bytes);
    let archive = ZipArchive::new(Cursor::new(data)).map_err(|e| {
        err(
            file,
            "docx.not_zip",
            t!("tệp không phải là văn bản Word .docx (không mở được dạng zip: {e})" ;
               "the file is not a Word .docx document (not a readable zip: {e})"),
        )
    })?;
    let max = limits.max_entries;
    if archive.len() > max {
        return Err(over(
            file,
            "so_thanh_phan_nen",
            t!("tệp có {} mục nén, vượt giới hạn {max} mục", archive.len() ;
               "the file holds {} zip entries, over the limit of {max}", archive.len()),
        ));
    }
    let mut archive = archive;
    let mut names = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| {
            err(
                file,
                "docx.not_zip",
                t!("tệp nén bị hỏng (mục {}): {e}", i + 1 ; "the zip is damaged (entry {}): {e}", i + 1),
            )
        })?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{i}"));
        total = total.saturating_add(entry.size());
        names.push(name);
    }
    if total > limits.max_total_size {
        let (mb, max) = (total.div_ceil(MIB), limits.max_total_size / MIB);
        return Err(over(
            file,
            "giai_nen_mb",
            t!("nội dung giải nén của tệp là {mb} MiB, vượt giới hạn {max} MiB (tệp có thể là «bom zip»)" ;
               "the file decompresses to {mb} MiB, over the limit of {max} MiB (it may be a zip bomb)"),
        ));
    }
    Ok(Package {
        archive,
        names,
        limits,
    })
}

impl Package {
    /// The text of one part, read with a hard size cap.
    pub(crate) fn read_text(
        &mut self,
        index: usize,
        file: &str,
    ) -> Result<String, Box<Diagnostic>> {
        let name = self.names.get(index).cloned().unwrap_or_default();
        let entry = self.archive.by_index(index).map_err(|e| {
            err(
                file,
                "docx.not_zip",
                t!("không đọc được phần {name} của tệp: {e}" ; "cannot read part {name}: {e}"),
            )
        })?;
        let max = self.limits.max_part_size;
        let mut buf = Vec::new();
        entry
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| {
                err(
                    file,
                    "docx.not_zip",
                    t!("không đọc được phần {name} của tệp: {e}" ; "cannot read part {name}: {e}"),
                )
            })?;
        if buf.len() as u64 > max {
            let max = max / MIB;
            return Err(over(
                file,
                "phan_mau_mb",
                t!("phần {name} lớn hơn giới hạn {max} MiB" ; "part {name} is larger than the limit of {max} MiB"),
            ));
        }
        // A byte-order mark is allowed before the XML declaration.
        let text = String::from_utf8(buf).map_err(|_| {
            err(
                file,
                "docx.xml_malformed",
                t!("phần {name} không phải văn bản UTF-8" ; "part {name} is not UTF-8 text"),
            )
        })?;
        Ok(text
            .strip_prefix('\u{FEFF}')
            .map(str::to_string)
            .unwrap_or(text))
    }
}

/// Writes the output package: raw copies and rendered parts, in the template's order.
/// `rendered(part)` gives the XML of a rendered part.
pub(crate) fn write<W: Write + Seek>(
    package: &Package,
    plan: &[EntryPlan],
    rendered: &[String],
    out: W,
) -> zip::result::ZipResult<W> {
    let mut archive = package.archive.clone();
    let mut zip = ZipWriter::new(out);
    // Level 1 deflate: rendered parts are small and this keeps the writer off the profile;
    // a fixed date keeps the output reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    for entry in plan {
        match entry {
            EntryPlan::Raw { index } => {
                let file = archive.by_index_raw(*index)?;
                zip.raw_copy_file(file)?;
            }
            EntryPlan::Render { name, part } => {
                zip.start_file(name.as_str(), options)?;
                zip.write_all(rendered.get(*part).map_or(&b""[..], |s| s.as_bytes()))?;
            }
        }
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_from_config() {
        assert_eq!(
            TemplateLimits::from_config(&LimitsConfig::default()),
            TemplateLimits::default()
        );
        let c = LimitsConfig {
            so_thanh_phan_nen: 20_000,
            giai_nen_mb: 1024,
            phan_mau_mb: 128,
            ..LimitsConfig::default()
        };
        assert_eq!(
            TemplateLimits::from_config(&c),
            TemplateLimits {
                max_entries: 20_000,
                max_total_size: 1024 * 1024 * 1024,
                max_part_size: 128 * 1024 * 1024,
            }
        );
    }
}
