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

/// At most this many bytes in one rendered document's filled parts, by default
/// (`[gioi_han] van_ban_mb`).
pub const MAX_DOCUMENT_SIZE: u64 = 256 * 1024 * 1024;
/// At most this many blocks nested in one another, by default (`[gioi_han] khoi_long_nhau`).
pub const MAX_NESTING: usize = 100;

/// The limits a template is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateLimits {
    /// Entries in the zip package.
    pub max_entries: usize,
    /// Total bytes of the entries once decompressed, as the zip directory declares them.
    pub max_total_size: u64,
    /// Bytes of one part that is rendered, as read.
    pub max_part_size: u64,
    /// Bytes of one rendered document's filled parts.
    pub max_document_size: u64,
    /// Blocks nested in one another.
    pub max_nesting: usize,
}

impl TemplateLimits {
    /// The limits of `[gioi_han]`.
    #[must_use]
    pub fn from_config(c: &LimitsConfig) -> Self {
        Self {
            max_entries: usize::try_from(c.so_thanh_phan_nen).unwrap_or(usize::MAX),
            max_total_size: c.giai_nen_mb.saturating_mul(MIB),
            max_part_size: c.phan_mau_mb.saturating_mul(MIB),
            max_document_size: c.van_ban_mb.saturating_mul(MIB),
            max_nesting: usize::try_from(c.khoi_long_nhau).unwrap_or(usize::MAX),
        }
    }
}

impl Default for TemplateLimits {
    fn default() -> Self {
        Self {
            max_entries: MAX_ENTRIES,
            max_total_size: MAX_TOTAL_SIZE,
            max_part_size: MAX_PART_SIZE,
            max_document_size: MAX_DOCUMENT_SIZE,
            max_nesting: MAX_NESTING,
        }
    }
}

/// The hint of a template over a limit: `key` raises it.
pub(crate) fn limit_hint(key: &str) -> crate::diagnostic::Text {
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
    /// Store this XML under `name` (a part chibo changes the same way in every document).
    Replace { name: String, xml: String },
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
        err(file, "docx.not_zip", {
            let e = crate::error_text::zip(&e);
            t!("tệp không phải là văn bản Word .docx (không mở được dạng zip: {})", e.vi ;
                   "the file is not a Word .docx document (not a readable zip: {})", e.en)
        })
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
                {
                    let e = crate::error_text::zip(&e);
                    t!("tệp nén bị hỏng (mục {}): {}", i + 1, e.vi ; "the zip is damaged (entry {}): {}", i + 1, e.en)
                },
            )
        })?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{i}"));
        total = total.saturating_add(entry.size());
        names.push(name);
    }
    if let Some(dup) = duplicate(&names).or_else(|| duplicate_in_directory(bytes, names.len())) {
        return Err(err(
            file,
            "docx.zip_duplicate",
            t!("tệp nén bị hỏng: phần {dup} có hai lần (hai mục trùng tên); lấy lại mẫu gốc hoặc mở bằng Word rồi lưu lại" ;
               "the zip is damaged: part {dup} appears twice (two entries with the same name); get the original template again, or open it in Word and save it again"),
        ));
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

/// A name given to two entries (compared the way Word does, ignoring case), if any.
fn duplicate(names: &[String]) -> Option<String> {
    let mut sorted: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    sorted.sort_unstable();
    sorted
        .windows(2)
        .find(|w| w[0] == w[1])
        .map(|w| w[0].clone())
}

/// A name the zip's central directory gives to two entries. The zip reader keeps one entry per
/// name, so a duplicate shows as fewer entries than the directory's end record declares; the
/// directory is then read for the name. Hand-written: the zip crate does not expose the
/// records it merged.
fn duplicate_in_directory(bytes: &[u8], entries: usize) -> Option<String> {
    const END: &[u8] = b"PK\x05\x06";
    let tail_from = bytes.len().saturating_sub(22 + 65_535);
    let at = tail_from + bytes[tail_from..].windows(4).rposition(|w| w == END)?;
    let u16_at = |p: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(
            bytes.get(p..p + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |p: usize| -> Option<usize> {
        usize::try_from(u32::from_le_bytes(bytes.get(p..p + 4)?.try_into().ok()?)).ok()
    };
    let declared = u16_at(at + 10)?;
    if declared == 0xFFFF || declared <= entries {
        return None;
    }
    let mut names = Vec::with_capacity(declared);
    let mut p = u32_at(at + 16)?;
    for _ in 0..declared {
        if bytes.get(p..p + 4)? != b"PK\x01\x02" {
            break;
        }
        let (n, x, c) = (u16_at(p + 28)?, u16_at(p + 30)?, u16_at(p + 32)?);
        names.push(String::from_utf8_lossy(bytes.get(p + 46..p + 46 + n)?).into_owned());
        p += 46 + n + x + c;
    }
    duplicate(&names).or_else(|| Some("?".to_string()))
}

/// What is wrong with `xml` as an XML document, if anything: a syntax error, a truncated
/// part (elements left open), or no element at all. A DOCTYPE is refused (XXE).
pub(crate) fn xml_problem(xml: &str) -> Option<crate::diagnostic::Text> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth: usize = 0;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Err(e) => {
                let at = reader.error_position();
                let e = crate::error_text::xml(&e);
                return Some(t!("byte {at}: {}", e.vi ; "byte {at}: {}", e.en));
            }
            Ok(Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(_)) => {
                return Some(
                    t!("có khai báo DOCTYPE (không được phép)" ; "a DOCTYPE (not allowed)"),
                );
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
        }
    }
    match (depth, roots) {
        (0, 1) => None,
        (0, 0) => Some(t!("không có phần tử nào" ; "no element")),
        (0, _) => Some(t!("nhiều phần tử gốc" ; "several root elements")),
        _ => Some(t!("bị cắt cụt, còn thẻ chưa đóng" ; "truncated, elements left open")),
    }
}

/// What is wrong with the structure of `xml`, a part chibo has just filled: an element not
/// closed, closed under another name, an unterminated tag, or not exactly one root. This is
/// the check on every document written, so it only walks the markup: the part came from a
/// template part [`xml_problem`] already parsed in full at load, and every value in it was
/// escaped, so what filling can break is how elements nest. Hand-written because a full parse
/// per document was a third of the time of a 5 000-row table (docs/performance.md).
pub(crate) fn structure_problem(b: &[u8]) -> Option<String> {
    let mut stack: Vec<&[u8]> = Vec::with_capacity(64);
    let mut roots = 0;
    let mut i = 0;
    let after = |from: usize, pat: &[u8]| {
        memchr::memmem::find(b.get(from..)?, pat).map(|o| from + o + pat.len())
    };
    while let Some(at) = next_tag(b, i) {
        let rest = &b[at + 1..];
        if rest.starts_with(b"?") {
            i = after(at, b"?>")?;
        } else if rest.starts_with(b"!--") {
            i = after(at, b"-->")?;
        } else if rest.starts_with(b"![CDATA[") {
            i = after(at, b"]]>")?;
        } else if rest.starts_with(b"!") {
            return Some("DOCTYPE".to_string());
        } else {
            let Some((end, name)) = read_tag(b, at) else {
                return Some(format!("byte {at}: thẻ không kết thúc / unterminated tag"));
            };
            if name.is_empty() {
                return Some(format!("byte {at}: thẻ không có tên / tag without a name"));
            }
            if rest.first() == Some(&b'/') {
                if !stack.pop().is_some_and(|open| same_name(open, name)) {
                    return Some(format!(
                        "byte {at}: </{}> không khớp / does not match",
                        String::from_utf8_lossy(name)
                    ));
                }
            } else {
                if stack.is_empty() {
                    roots += 1;
                }
                if b[end - 1] != b'/' {
                    stack.push(name);
                }
            }
            i = end + 1;
        }
    }
    match (stack.last(), roots) {
        (None, 1) => None,
        (None, _) => Some(format!("{roots} phần tử gốc / root elements")),
        (Some(open), _) => Some(format!(
            "bị cắt cụt, <{}> chưa đóng / truncated, <{}> is not closed",
            String::from_utf8_lossy(open),
            String::from_utf8_lossy(open)
        )),
    }
}

/// The next `<` from `i`. Most tags follow the previous one directly, so the byte at `i` is
/// looked at before searching.
fn next_tag(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'<' => Some(i),
        _ => memchr::memchr(b'<', &b[i..]).map(|off| i + off),
    }
}

/// The `>` ending the tag that starts at `at` and the tag's name (after `<` or `</`, up to a
/// space, `/` or `>`); `None` when the tag never ends or a `<` comes first outside quotes.
///
/// Byte loops over two tables rather than `memchr`: a Word tag is a few dozen bytes
/// (`<w:tcW w:w="1728" w:type="dxa"/>`), too short for a vector search to pay for its
/// set-up, and these loops run over every byte of every filled part (docs/performance.md).
fn read_tag(b: &[u8], at: usize) -> Option<(usize, &[u8])> {
    let from = at + 1 + usize::from(b.get(at + 1) == Some(&b'/'));
    let mut j = from;
    while b.get(j).is_some_and(|&c| !NAME_STOP[usize::from(c)]) {
        j += 1;
    }
    if b.get(j).is_some_and(u8::is_ascii_whitespace) || matches!(b.get(j), Some(b'/' | b'>')) {
        return Some((tag_end(b, j)?, &b[from..j]));
    }
    // A quote or `<` before the name ends (never in a part Word wrote): the tag's end first,
    // then the name within it.
    let end = tag_end(b, from)?;
    let len = b[from..end]
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        .unwrap_or(end - from);
    Some((end, &b[from..from + len]))
}

/// The first `>` at or after `from` outside quoted attribute values; `None` when a `<` comes
/// first outside quotes, or a quote or the tag never closes.
fn tag_end(b: &[u8], mut from: usize) -> Option<usize> {
    loop {
        while !TAG_STOP[usize::from(*b.get(from)?)] {
            from += 1;
        }
        match b[from] {
            b'>' => return Some(from),
            b'<' => return None,
            quote => {
                from += 1;
                while *b.get(from)? != quote {
                    from += 1;
                }
                from += 1;
            }
        }
    }
}

/// A table of the bytes in `stops`, for byte loops that look each byte up (here [`read_tag`]
/// and [`tag_end`]; the JSON array splitter of `chibo render`).
pub(crate) const fn byte_set(stops: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut k = 0;
    while k < stops.len() {
        set[stops[k] as usize] = true;
        k += 1;
    }
    set
}

/// What ends the quick reading of a tag's name: what ends a name (white space, `/`, `>`) and
/// what makes [`read_tag`] give way to the general reading (a quote, `<`).
static NAME_STOP: [bool; 256] = byte_set(b" \t\n\r\x0c/><\"'");

/// What stops [`tag_end`]: the tag's end, a `<`, or the start of a quoted value.
static TAG_STOP: [bool; 256] = byte_set(b"><\"'");

/// An element's closing name equals its opening one. A loop, not `memcmp`: names are a few
/// bytes long and the call cost more than the comparison.
fn same_name(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl Package {
    /// The main part, as the package's relationships (`_rels/.rels`) name it: Word writes
    /// `word/document.xml`, Word Online and Office 365 sometimes `word/document2.xml`.
    pub(crate) fn main_part(&mut self, file: &str) -> Result<String, Box<Diagnostic>> {
        let from_rels = self
            .names
            .iter()
            .position(|n| n == "_rels/.rels")
            .and_then(|i| self.read_text(i, file).ok())
            .and_then(|rels| office_document(&rels));
        let main = from_rels.unwrap_or_else(|| "word/document.xml".to_string());
        if self.names.contains(&main) {
            return Ok(main);
        }
        Err(err(
            file,
            "docx.not_docx",
            t!("tệp không phải văn bản Word .docx (không có {main})" ;
               "the file is not a Word .docx document (no {main})"),
        ))
    }

    /// Every XML part (`.xml`, `.rels`) that `skip` does not name (the parts that are
    /// prepared, which report their own problems) must parse: a truncated or damaged part
    /// is refused at load, not written into documents Word refuses.
    pub(crate) fn check_xml(&mut self, file: &str, skip: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for index in 0..self.names.len() {
            let name = self.names[index].clone();
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".xml") || lower.ends_with(".rels")) || skip(&name) {
                continue;
            }
            let problem = match self.read_text(index, file) {
                Ok(xml) => xml_problem(&xml),
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            if let Some(e) = problem {
                diags.push(
                    Diagnostic::error(
                        "docx.xml_malformed",
                        Location::file(file),
                        t!("phần {name} của mẫu hỏng, không phải XML hợp lệ ({})", e.vi ;
                           "part {name} of the template is damaged, not well-formed XML ({})", e.en),
                    )
                    .with_hint(t!("lấy lại mẫu gốc, hoặc mở mẫu bằng Word rồi lưu lại" ;
                                  "get the original template again, or open it in Word and save it again")),
                );
            }
        }
        diags
    }

    /// The text of one part, read with a hard size cap.
    pub(crate) fn read_text(
        &mut self,
        index: usize,
        file: &str,
    ) -> Result<String, Box<Diagnostic>> {
        let name = self.names.get(index).cloned().unwrap_or_default();
        let entry = self.archive.by_index(index).map_err(|e| {
            let e = crate::error_text::zip(&e);
            err(
                file,
                "docx.not_zip",
                t!("không đọc được phần {name} của tệp: {}", e.vi ; "cannot read part {name}: {}", e.en),
            )
        })?;
        let max = self.limits.max_part_size;
        let mut buf = Vec::new();
        entry
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| {
                // The zip reader's own errors (a bad checksum, a broken stream) come as I/O.
                let e = crate::error_text::zip(&zip::result::ZipError::from(e));
                err(
                    file,
                    "docx.not_zip",
                    t!("không đọc được phần {name} của tệp: {}", e.vi ; "cannot read part {name}: {}", e.en),
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
    rendered: &[Vec<u8>],
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
                zip.write_all(rendered.get(*part).map_or(&b""[..], Vec::as_slice))?;
            }
            EntryPlan::Replace { name, xml } => {
                zip.start_file(name.as_str(), options)?;
                zip.write_all(xml.as_bytes())?;
            }
        }
    }
    zip.finish()
}

/// The target of the `officeDocument` relationship in `_rels/.rels`, as a part name.
fn office_document(rels: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let get = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                let is_main = get("Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if is_main && let Some(target) = get("Target") {
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_problems() {
        let structure_problem = |xml: &str| structure_problem(xml.as_bytes());
        assert_eq!(
            structure_problem(r#"<?xml version="1.0"?><a x="1>2"><!-- <c> --><b/><c></c></a>"#),
            None
        );
        assert!(structure_problem("<a><b></a>").is_some());
        assert!(structure_problem("<a><b/>").is_some());
        assert!(structure_problem("<a x=\"1></a>").is_some());
        assert!(structure_problem("<a/><b/>").is_some());
        assert!(structure_problem("không phải XML").is_some());
        assert_eq!(structure_problem("<a y='>\"'><b z=\"'\"/></a>"), None);
        assert!(structure_problem("<a <b/></a>").is_some());
        assert!(structure_problem("<a y='1></a>").is_some());
        assert!(structure_problem("<a").is_some());
        assert!(structure_problem("<").is_some());
        assert!(structure_problem("<>").is_some());
        assert!(structure_problem("</>").is_some());
        assert!(structure_problem("<a y=\"1\"").is_some());
        assert!(structure_problem("<a></a ").is_some());
        // A quote inside a name: the tag ends after the quoted text, the name stops at `>`.
        assert_eq!(structure_problem("<a\"x>y\"></a\"x>y\">"), None);
        assert!(structure_problem("<a\"x>y\"></a>").is_some());
        assert_eq!(structure_problem("<a\x0cb='1'></a\t>"), None);
        assert!(structure_problem("<ab></a>").is_some());
        assert!(structure_problem("<a></ab>").is_some());
    }

    #[test]
    fn xml_problems() {
        assert_eq!(xml_problem("<a><b/></a>"), None);
        assert!(xml_problem("<a><b/>").is_some());
        assert!(xml_problem("<a></b>").is_some());
        assert!(xml_problem("PK\u{3}\u{4}").is_some());
        assert!(xml_problem("<a/><b/>").is_some());
    }

    #[test]
    fn main_part_from_relationships() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        assert_eq!(office_document(rels).as_deref(), Some("word/document2.xml"));
    }

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
                max_document_size: MAX_DOCUMENT_SIZE,
                max_nesting: MAX_NESTING,
            }
        );
    }
}
