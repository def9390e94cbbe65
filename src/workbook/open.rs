//! Opening a workbook: sniff the content (not the name), check a zip package's size before
//! anything is decompressed, open it with calamine, and read one sheet into a sparse [`Grid`]
//! without ever allocating the sheet's declared rectangle.
#![allow(
    clippy::result_large_err,
    reason = "one diagnostic per file or sheet, on a cold path"
)]

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufReader, Read as _};
use std::path::Path;

use calamine::{Data, Ods, Reader as _, Xls, XlsError, Xlsb, Xlsx, XlsxError};

use super::RawCell;
use super::Value;
use super::grid::{Grid, convert_sanitized};
use super::reader::Limits;
use crate::config::MIB;
use crate::diagnostic::Text;
use crate::diagnostic::{Diagnostic, Location, column_letters};
use crate::t;
use crate::text::Sanitized;
use crate::{error_text, os_error};

type Input = BufReader<File>;

/// An opened workbook, by its real format.
pub(crate) enum Book {
    Xlsx(Box<Xlsx<Input>>),
    Xls(Box<Xls<Input>>),
    Ods(Box<Ods<Input>>),
    Xlsb(Box<Xlsb<Input>>),
}

/// What the first bytes say the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sniffed {
    Zip,
    Ole,
    Text,
    Binary,
}

/// The format of a zip package, from its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
    Word,
    Other,
}

/// The hint shared by every "cannot open" message.
fn resave_hint() -> crate::diagnostic::Text {
    t!("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx" ;
       "open the file in Excel or LibreOffice and save it again as .xlsx")
}

/// The hint of a sheet over a `[gioi_han]` limit: `key` raises it.
pub(crate) fn limit_hint(key: &str) -> crate::diagnostic::Text {
    let raise = crate::config::raise_limit(key);
    t!("xóa các dòng, cột hoặc ô thừa ở cuối trang tính rồi lưu lại; nếu dữ liệu thật sự lớn như vậy, {}", raise.vi ;
       "delete the stray rows, columns or cells at the end of the sheet and save again; if the data really is that large, {}", raise.en)
}

/// The hint of a package over a `[gioi_han]` limit: `key` raises it.
fn zip_limit_hint(key: &str) -> crate::diagnostic::Text {
    let raise = crate::config::raise_limit(key);
    t!("tệp có thể bị hỏng hoặc cố ý làm phình to (bom zip): lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, {}", raise.vi ;
       "the file may be damaged or deliberately inflated (a zip bomb): get it again from the sender; if it really is the cell's workbook, {}", raise.en)
}

/// Opens `path` as a workbook, whatever its extension says. An `.xls`, `.ods` or `.xlsb` that
/// passes the guards is first read by a child process under a memory limit
/// ([`super::probe`]).
pub(crate) fn open(path: &Path, display: &str, limits: &Limits) -> Result<Book, Diagnostic> {
    open_with(path, display, limits, Probe::Yes)
}

/// [`open`] without the child process: what the child itself runs.
pub(crate) fn open_unprobed(
    path: &Path,
    display: &str,
    limits: &Limits,
) -> Result<Book, Diagnostic> {
    open_with(path, display, limits, Probe::No)
}

/// Whether a format calamine builds whole is first read in a child process.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Probe {
    Yes,
    No,
}

impl Probe {
    fn check(self, path: &Path, display: &str, limits: &Limits) -> Result<(), Diagnostic> {
        match self {
            Probe::Yes => super::probe::check(path, display, limits),
            Probe::No => Ok(()),
        }
    }
}

fn open_with(
    path: &Path,
    display: &str,
    limits: &Limits,
    probe: Probe,
) -> Result<Book, Diagnostic> {
    let loc = || Location::file(display);
    let mut head = [0u8; 512];
    let n = File::open(path)
        .and_then(|mut f| {
            let mut n = 0;
            while n < head.len() {
                let k = f.read(&mut head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            Ok(n)
        })
        .map_err(|e| {
            Diagnostic::error(
                "file.unreadable",
                loc(),
                t!("không mở được tệp: {}", crate::os_error::describe(&e).vi ; "cannot open the file: {}", crate::os_error::describe(&e).en),
            )
        })?;
    let head = head.get(..n).unwrap_or_default();
    if n == 0 {
        return Err(Diagnostic::error(
            "file.empty",
            loc(),
            t!("tệp rỗng (0 byte)" ; "the file is empty (0 bytes)"),
        )
        .with_hint(t!("tệp có thể chưa được chép hoặc tải xong; lấy lại tệp từ người gửi" ;
                      "the file may not have been copied or downloaded completely; get it again from the sender")));
    }
    match sniff(head) {
        Sniffed::Zip => open_zip(path, display, limits, probe),
        Sniffed::Ole => open_ole(path, display, limits, probe),
        Sniffed::Text => Err(Diagnostic::error(
            "file.not_workbook",
            loc(),
            t!("tệp không phải là bảng tính Excel hay OpenDocument: nội dung là văn bản (có thể là CSV hoặc trang HTML được đặt tên .xls/.xlsx)" ;
               "the file is not an Excel or OpenDocument workbook: it holds text (perhaps CSV or an HTML page named .xls/.xlsx)"),
        )
        .with_hint(resave_hint())),
        Sniffed::Binary => Err(Diagnostic::error(
            "file.not_workbook",
            loc(),
            t!("tệp không phải là bảng tính Excel hay OpenDocument" ;
               "the file is not an Excel or OpenDocument workbook"),
        )
        .with_hint(resave_hint())),
    }
}

fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    let text_like = head
        .iter()
        .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        || std::str::from_utf8(head).is_ok()
        || head.starts_with(&[0xEF, 0xBB, 0xBF])
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF]);
    if text_like {
        Sniffed::Text
    } else {
        Sniffed::Binary
    }
}

/// A workbook that cannot be read, with what went wrong in each language ([`crate::error_text`]).
pub(crate) fn corrupt(display: &str, detail: &Text) -> Diagnostic {
    let (vi, en) = (&detail.vi, &detail.en);
    Diagnostic::error(
        "file.corrupt",
        Location::file(display),
        t!("tệp bị hỏng hoặc chưa được chép/tải xong, không đọc được ({vi})" ;
           "the file is damaged or was not copied/downloaded completely and cannot be read ({en})"),
    )
    .with_hint(t!("lấy lại tệp từ người gửi, hoặc mở bằng Excel/LibreOffice (có thể sửa được) rồi lưu lại" ;
                  "get the file again from the sender, or open it in Excel/LibreOffice (which may repair it) and save it again"))
}

fn password(display: &str) -> Diagnostic {
    Diagnostic::error(
        "file.password",
        Location::file(display),
        t!("tệp có mật khẩu, không đọc được" ; "the file is password-protected and cannot be read"),
    )
    .with_hint(t!("mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, để trống) rồi lưu lại" ;
                  "open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, leave it empty) and save again"))
}

/// Checks a zip package against the limits (with the `zip` crate, before calamine decompresses
/// anything), finds what it holds, and opens it.
fn open_zip(path: &Path, display: &str, limits: &Limits, probe: Probe) -> Result<Book, Diagnostic> {
    let file = File::open(path).map_err(|e| corrupt(display, &os_error::describe(&e)))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| corrupt(display, &error_text::zip(&e)))?;
    if zip.has_duplicate_names() {
        // Two parts of the same name: which one a program reads is anyone's guess (Excel
        // refuses the file), so the file is damaged, not ambiguous.
        return Err(corrupt(
            display,
            &t!("tệp nén có hai mục trùng tên" ; "zip: duplicate entry names"),
        ));
    }
    if zip.len() > limits.max_zip_entries {
        return Err(Diagnostic::error(
            "file.too_large",
            Location::file(display),
            t!("tệp chứa {} thành phần nén, vượt giới hạn {} thành phần", zip.len(), limits.max_zip_entries ;
               "the file holds {} compressed entries, above the limit of {}", zip.len(), limits.max_zip_entries),
        )
        .with_hint(zip_limit_hint("so_thanh_phan_nen")));
    }
    let mut total: u64 = 0;
    let mut names = BTreeSet::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| corrupt(display, &error_text::zip(&e)))?;
        total = total.saturating_add(entry.size());
        names.insert(entry.name().map(|n| n.to_string()).unwrap_or_default());
    }
    if total > limits.max_unzipped_bytes {
        return Err(Diagnostic::error(
            "file.too_large",
            Location::file(display),
            t!("tệp giải nén ra {} MB, vượt giới hạn {} MB", total.div_ceil(MIB), limits.max_unzipped_bytes / MIB ;
               "the file unpacks to {} MB, above the limit of {} MB", total.div_ceil(MIB), limits.max_unzipped_bytes / MIB),
        )
        .with_hint(zip_limit_hint("giai_nen_mb")));
    }
    let kind = zip_kind(&mut zip, &names);
    if kind == ZipKind::Xlsx {
        super::sst_scan::check(&mut zip, &names, display, limits)?;
    }
    drop(zip);
    let reader = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|e| corrupt(display, &os_error::describe(&e)))
    };
    match kind {
        ZipKind::Xlsx => match Xlsx::new(reader()?) {
            Ok(x) => Ok(Book::Xlsx(Box::new(x))),
            Err(XlsxError::Password) => Err(password(display)),
            Err(e) => Err(corrupt(display, &error_text::calamine(e))),
        },
        ZipKind::Xlsb => {
            probe.check(path, display, limits)?;
            Xlsb::new(reader()?)
                .map(|x| Book::Xlsb(Box::new(x)))
                .map_err(|e| corrupt(display, &error_text::calamine(e)))
        }
        ZipKind::Ods => {
            super::ods_scan::check(path, display, limits)?;
            probe.check(path, display, limits)?;
            match Ods::new(reader()?) {
                Ok(x) => Ok(Book::Ods(Box::new(x))),
                Err(calamine::OdsError::Password) => Err(password(display)),
                Err(e) => Err(corrupt(display, &error_text::calamine(e))),
            }
        }
        ZipKind::Word => Err(Diagnostic::error(
            "file.not_workbook",
            Location::file(display),
            t!("tệp là văn bản Word, không phải bảng tính" ; "the file is a Word document, not a workbook"),
        )),
        ZipKind::Other => Err(Diagnostic::error(
            "file.not_workbook",
            Location::file(display),
            t!("tệp là tệp nén (zip) nhưng không phải bảng tính Excel hay OpenDocument" ;
               "the file is a zip archive but not an Excel or OpenDocument workbook"),
        )
        .with_hint(resave_hint())),
    }
}

fn zip_kind(zip: &mut zip::ZipArchive<BufReader<File>>, names: &BTreeSet<String>) -> ZipKind {
    if names.contains("xl/workbook.bin") {
        return ZipKind::Xlsb;
    }
    if names.iter().any(|n| n.starts_with("xl/")) {
        return ZipKind::Xlsx;
    }
    if names.contains("content.xml") {
        let mut mime = String::new();
        if let Ok(mut f) = zip.by_name("mimetype") {
            let _ = f.by_ref().take(200).read_to_string(&mut mime);
        }
        if mime.is_empty() || mime.contains("spreadsheet") {
            return ZipKind::Ods;
        }
        return ZipKind::Other;
    }
    if names.iter().any(|n| n.starts_with("word/")) {
        return ZipKind::Word;
    }
    ZipKind::Other
}

/// An OLE container: a `.xls` workbook, or an encrypted `.xlsx` (Excel wraps a password-protected
/// package in OLE), or some other Office file.
fn open_ole(path: &Path, display: &str, limits: &Limits, probe: Probe) -> Result<Book, Diagnostic> {
    // calamine reads an OLE file whole, and its streams again: the file's size is bounded first
    // (an `.xls` is not compressed, so its size counts against the unzipped-size limit), and
    // the chains are checked on a bounded read; a file that cannot be read whole is refused,
    // never handed to calamine unchecked.
    let size = std::fs::metadata(path)
        .map_err(|e| corrupt(display, &os_error::describe(&e)))?
        .len();
    if size > limits.max_unzipped_bytes {
        return Err(Diagnostic::error(
            "file.too_large",
            Location::file(display),
            t!("tệp nặng {} MB, vượt giới hạn {} MB", size.div_ceil(MIB), limits.max_unzipped_bytes / MIB ;
               "the file is {} MB, above the limit of {} MB", size.div_ceil(MIB), limits.max_unzipped_bytes / MIB),
        )
        .with_hint(zip_limit_hint("giai_nen_mb")));
    }
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(size).read_to_end(&mut bytes))
        .map_err(|e| corrupt(display, &os_error::describe(&e)))?;
    if let Err(why) = ole_chains_ok(&bytes) {
        return Err(corrupt(
            display,
            &t!("cấu trúc bên trong của tệp .xls bị đứt hoặc lặp vòng" ; "{why}"),
        ));
    }
    let has_workbook_stream = ole_has_workbook_stream(&bytes);
    drop(bytes);
    probe.check(path, display, limits)?;
    let reader = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|e| corrupt(display, &os_error::describe(&e)))
    };
    match Xls::new(reader()?) {
        Ok(x) => Ok(Book::Xls(Box::new(x))),
        Err(XlsError::Password) => Err(password(display)),
        Err(xls_err) => {
            // calamine's xlsx opener recognises the encrypted package.
            if let Err(XlsxError::Password) = Xlsx::new(reader()?) {
                return Err(password(display));
            }
            if matches!(xls_err, XlsError::Cfb(_)) && has_workbook_stream {
                return Err(corrupt(display, &error_text::calamine(xls_err)));
            }
            if matches!(xls_err, XlsError::Cfb(_)) {
                return Err(Diagnostic::error(
                    "file.not_workbook",
                    Location::file(display),
                    t!("tệp là tài liệu Office cũ nhưng không phải bảng tính Excel (có thể là tệp Word .doc)" ;
                       "the file is an old Office document but not an Excel workbook (perhaps a Word .doc)"),
                )
                .with_hint(resave_hint()));
            }
            Err(corrupt(display, &error_text::calamine(xls_err)))
        }
    }
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids at or above this are markers (DIFAT, FAT, end of chain, free), not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

fn le32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(END_OF_CHAIN, |x| {
        u32::from_le_bytes([x[0], x[1], x[2], x[3]])
    })
}

/// Checks the sector chains of an OLE compound file (CFB) before calamine reads it. calamine
/// follows a chain until it ends and indexes its tables without a bound check, so a chain that
/// loops makes it allocate without limit (the mutation test found a mutated .xls that made it
/// ask for 4 GiB, then more) and an out-of-range id makes it panic. Every chain calamine
/// follows (directory, mini FAT, mini stream, and each stream's) must stay inside the file and
/// its tables and never visit a sector twice. Hand-written: no CFB crate is a dependency, and
/// this check needs only the header, the FAT and the directory.
fn ole_chains_ok(bytes: &[u8]) -> Result<(), &'static str> {
    const BAD: &str = "OLE: broken sector chain";
    let shift = bytes
        .get(0x1E..0x20)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
    if shift != 9 && shift != 12 {
        return Err(BAD);
    }
    let ss = 1usize << shift;
    let sectors = bytes.len().div_ceil(ss).saturating_sub(1);
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (usize::try_from(id).ok()?)
            .checked_add(1)?
            .checked_mul(ss)?;
        bytes.get(start..start.checked_add(ss)?.min(bytes.len()))
    };
    // The FAT: the header's 109 DIFAT entries, then the DIFAT chain (bounded by the file).
    let mut difat: Vec<u32> = (0..109).map(|i| le32(bytes, 0x4C + 4 * i)).collect();
    let mut next = le32(bytes, 0x44);
    let mut hops = 0;
    while next < MAX_REGULAR {
        hops += 1;
        let sec = sector(next).ok_or(BAD)?;
        if hops > sectors {
            return Err(BAD);
        }
        let n = ss / 4 - 1;
        difat.extend((0..n).map(|i| le32(sec, 4 * i)));
        next = le32(sec, 4 * n);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < MAX_REGULAR) {
        if fat.len() / (ss / 4) > sectors {
            return Err(BAD);
        }
        let sec = sector(id).ok_or(BAD)?;
        fat.extend((0..sec.len() / 4).map(|i| le32(sec, 4 * i)));
    }
    // A chain: its ids, each inside the table and the file, none twice.
    let chain = |start: u32, table: &[u32], limit: usize| -> Result<Vec<u32>, &'static str> {
        let mut seen = vec![false; table.len()];
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            let i = usize::try_from(id).map_err(|_| BAD)?;
            if i >= limit || seen.get(i).copied().unwrap_or(true) {
                return Err(BAD);
            }
            if let Some(s) = seen.get_mut(i) {
                *s = true;
            }
            ids.push(id);
            id = table.get(i).copied().ok_or(BAD)?;
        }
        Ok(ids)
    };
    let dir: Vec<u8> = chain(le32(bytes, 0x30), &fat, sectors)?
        .into_iter()
        .filter_map(sector)
        .flatten()
        .copied()
        .collect();
    let mini_len = le32(bytes, 0x40);
    let minifat: Vec<u32> = if mini_len > 0 {
        chain(le32(bytes, 0x3C), &fat, sectors)?
            .into_iter()
            .filter_map(sector)
            .flat_map(|s| (0..s.len() / 4).map(|i| le32(s, 4 * i)))
            .collect()
    } else {
        Vec::new()
    };
    let mut root_len = 0usize;
    for (k, entry) in dir.chunks_exact(128).enumerate() {
        let kind = entry.get(0x42).copied().unwrap_or(0);
        let (start, size) = (le32(entry, 0x74), le32(entry, 0x78));
        if k == 0 {
            root_len = usize::try_from(size).unwrap_or(usize::MAX);
            if mini_len > 0 {
                chain(start, &fat, sectors)?;
            }
        } else if kind == 2 && size >= 4096 {
            chain(start, &fat, sectors)?;
        } else if kind == 2 && size > 0 {
            chain(start, &minifat, root_len.div_ceil(64))?;
        }
    }
    Ok(())
}

/// Whether the OLE file names a `Workbook` stream (UTF-16 directory name), i.e. it is an xls
/// that calamine could not parse rather than another kind of Office file.
fn ole_has_workbook_stream(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

impl Book {
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
        }
    }

    /// Reads one sheet into a sparse grid. xlsx is streamed cell by cell, so a sheet whose
    /// used range claims `XFD1048576` costs only its real cells.
    ///
    /// `text_bytes` counts the text kept from the workbook's sheets so far, against the
    /// text limit (half of `giai_nen_mb`): a shared string repeated in many cells is copied
    /// into each of them.
    pub(crate) fn load(
        &mut self,
        sheet: &str,
        display: &str,
        limits: &Limits,
        text_bytes: &mut u64,
    ) -> Result<Grid, Diagnostic> {
        let loc = || Location::file(display).sheet(sheet);
        let unreadable = |e: Text| {
            Diagnostic::error(
                "sheet.unreadable",
                loc(),
                t!("không đọc được trang tính: {}", e.vi ; "cannot read the sheet: {}", e.en),
            )
            .with_hint(resave_hint())
        };
        let mut cells = Cells::new(Guard::new(sheet, display, limits, text_bytes));
        let mut grid = match self {
            Book::Xlsx(b) => {
                let mut uncached = Vec::new();
                {
                    let mut reader = b
                        .worksheet_cells_reader(sheet)
                        .map_err(|e| unreadable(error_text::calamine(e)))?;
                    while let Some(rec) = reader
                        .next_cell_with_formula_metadata()
                        .map_err(|e| unreadable(error_text::calamine(e)))?
                    {
                        let (row, col) = rec.pos;
                        if !cells.push(row, col, &Data::from(rec.value))? && rec.formula.is_some() {
                            uncached.push((row, col));
                        }
                    }
                }
                let merges = b
                    .merge_cells_by_sheet_name(sheet)
                    .map_err(|e| unreadable(error_text::calamine(e)))?;
                let mut grid = cells.into_grid();
                grid.merges = Some(merges);
                grid.uncached_formulas = uncached;
                grid
            }
            Book::Xls(b) => {
                let range = b
                    .worksheet_range(sheet)
                    .map_err(|e| unreadable(error_text::calamine(e)))?;
                cells.extend_range(&range)?;
                let mut grid = cells.into_grid();
                grid.merges = Some(
                    b.merge_cells_by_sheet_name(sheet)
                        .map_err(|e| unreadable(error_text::calamine(e)))?,
                );
                grid
            }
            Book::Ods(b) => {
                let range = b
                    .worksheet_range(sheet)
                    .map_err(|e| unreadable(error_text::calamine(e)))?;
                cells.extend_range(&range)?;
                cells.into_grid()
            }
            Book::Xlsb(b) => {
                // Streamed cell by cell like xlsx: calamine's `worksheet_range` would build the
                // rectangle up to the farthest cell, gigabytes for one stray cell.
                let mut reader = b
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| unreadable(error_text::calamine(e)))?;
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| unreadable(error_text::calamine(e)))?
                {
                    let (row, col) = cell.get_position();
                    cells.push(row, col, &Data::from(cell.get_value().clone()))?;
                }
                drop(reader);
                cells.into_grid()
            }
        };
        grid.uncached_formulas.sort_unstable();
        Ok(grid)
    }
}

/// The cells of a sheet as they are read: converted, sanitized, counted against the limits.
struct Cells<'a> {
    guard: Guard<'a>,
    cells: Vec<RawCell>,
    sanitized: Vec<(u32, u32, Sanitized)>,
}

impl<'a> Cells<'a> {
    fn new(guard: Guard<'a>) -> Self {
        Self {
            guard,
            cells: Vec::new(),
            sanitized: Vec::new(),
        }
    }

    /// Adds one cell; `false` when it is empty.
    fn push(&mut self, row: u32, col: u32, data: &Data) -> Result<bool, Diagnostic> {
        let (value, what) = convert_sanitized(data);
        if what.changed() {
            self.sanitized.push((row, col, what));
        }
        let Some(value) = value else {
            return Ok(false);
        };
        let bytes = match &value {
            Value::Text(t) | Value::Error(t) => t.len(),
            _ => 0,
        };
        self.guard.add(row, col, bytes)?;
        self.cells.push(RawCell { row, col, value });
        Ok(true)
    }

    /// Adds the non-empty cells of a calamine range, at absolute positions (a `Range` is
    /// indexed from its first used cell, not from A1: pitfall 2).
    fn extend_range(&mut self, range: &calamine::Range<Data>) -> Result<(), Diagnostic> {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let col = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            self.push(row, col, data)?;
        }
        Ok(())
    }

    fn into_grid(self) -> Grid {
        let mut grid = Grid::from_cells(self.cells);
        grid.sanitized = self.sanitized;
        grid
    }
}

/// Counts a sheet's real data while it is read and stops at the first limit passed.
struct Guard<'a> {
    sheet: &'a str,
    display: &'a str,
    limits: &'a Limits,
    rows: BTreeSet<u32>,
    cols: BTreeSet<u32>,
    cells: usize,
    /// Text bytes kept from the whole workbook so far.
    text_bytes: &'a mut u64,
}

impl<'a> Guard<'a> {
    fn new(sheet: &'a str, display: &'a str, limits: &'a Limits, text_bytes: &'a mut u64) -> Self {
        Self {
            sheet,
            display,
            limits,
            rows: BTreeSet::new(),
            cols: BTreeSet::new(),
            cells: 0,
            text_bytes,
        }
    }

    fn add(&mut self, row: u32, col: u32, bytes: usize) -> Result<(), Diagnostic> {
        self.cells += 1;
        self.rows.insert(row);
        self.cols.insert(col);
        *self.text_bytes = self.text_bytes.saturating_add(bytes as u64);
        let l = self.limits;
        let text_limit = l.max_unzipped_bytes / 2;
        let what = if *self.text_bytes > text_limit {
            Some((
                "giai_nen_mb",
                t!("chữ trong các ô của sổ đã vượt {} MB khi đọc ra (giới hạn bằng một nửa giới hạn giải nén {} MB)", text_limit.div_ceil(MIB), l.max_unzipped_bytes / MIB ;
                    "the text of the workbook's cells passed {} MB as it was read (the limit is half the unzipped-size limit of {} MB)", text_limit.div_ceil(MIB), l.max_unzipped_bytes / MIB),
            ))
        } else if self.rows.len() > l.max_rows as usize {
            Some((
                "so_dong",
                t!("trang tính có hơn {} dòng có dữ liệu (giới hạn số dòng)", l.max_rows ;
                    "the sheet has more than {} rows with data (the row limit)", l.max_rows),
            ))
        } else if self.cols.len() > l.max_cols as usize {
            Some((
                "so_cot",
                t!("trang tính có hơn {} cột có dữ liệu (giới hạn số cột)", l.max_cols ;
                    "the sheet has more than {} columns with data (the column limit)", l.max_cols),
            ))
        } else if self.cells > l.max_cells {
            Some((
                "so_o",
                t!("trang tính có hơn {} ô có dữ liệu (giới hạn số ô)", l.max_cells ;
                    "the sheet has more than {} cells with data (the cell limit)", l.max_cells),
            ))
        } else {
            None
        };
        match what {
            None => Ok(()),
            Some((key, message)) => Err(Diagnostic::error(
                "sheet.too_large",
                Location::file(self.display).sheet(self.sheet),
                message,
            )
            .with_value(format!("{}{}", column_letters(col), u64::from(row) + 1))
            .with_hint(limit_hint(key))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Sniffed::Ole
        );
        assert_eq!(sniff(b"STT,Ho va ten\n1,A\n"), Sniffed::Text);
        assert_eq!(sniff("<html><body>Đảng viên".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(&[0x00, 0x01, 0x02, 0xFF]), Sniffed::Binary);
    }
}
