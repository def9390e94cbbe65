//! The document number register, `so-van-ban.toml` in the working folder.
//!
//! Party documents are numbered from 01 for each type of document (`KH`, `BC`, `BB`, `NQ` …)
//! over the whole term of the issuing body (nhiệm kỳ cấp ủy), not per year; each cell numbers
//! its own documents and the committee its own. The register remembers every number given:
//! one `[[van_ban]]` table per document, in the order the numbers were given, plain TOML a
//! person can read and correct in Notepad.
//!
//! - A document is known by its issuer (`noi_ban_hanh`), its type (the part of `ky_hieu`
//!   before `/`) and its identity (`ma`: `ke_hoach 2026`, `bao_cao_quy 2026-Q1` …): produced
//!   again, it keeps its number, whatever the file says now (a number changed by hand wins).
//! - A new document gets the highest number of its issuer and type in the term, plus one.
//! - Entries of another term (`nhiem_ky`) are kept as history and count for nothing: a new
//!   term in `chibo.toml` starts every issuer over from 01.
//! - An entry without `ma` is a number used by a document made outside chibo: it is skipped.
//!
//! A file that cannot be read (bad TOML, a number that is not a positive whole number, a
//! number or an identity given twice) is an error naming the file, the line and the value;
//! the register is then left as it is.
//!
//! The file is only written when something in it changed, atomically, so a run that gives no
//! new number leaves a hand-edited register byte for byte as the person saved it.
//!
//! A run that numbers documents holds [`RegisterLock`] (`.so-van-ban.lock` beside the register)
//! from reading the register to writing it: a second run on the same working folder meanwhile
//! is refused, so two documents never get one number and no run's numbers are lost.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// The register's file name, in the working folder (beside `chibo.toml`).
pub const FILE_NAME: &str = "so-van-ban.toml";

/// The lock file beside the register ([`RegisterLock`]).
pub const LOCK_FILE: &str = ".so-van-ban.lock";

/// The highest number a document may carry: a cell puts out a few dozen documents a term.
const MAX_NUMBER: i64 = 99_999;

/// The comment at the top of the file (rewritten with it).
const HEADER: &str = "\
# Sổ đăng ký số văn bản (chibo ghi; có thể sửa bằng tay).
# Mỗi bảng [[van_ban]] là một văn bản đã cấp số:
#   so           số thứ tự (số nguyên, không ghi số 0 ở đầu: so = 7 in ra «Số 07»)
#   ky_hieu      loại văn bản và ký hiệu nơi ban hành: KH/CB2, BC/ĐU
#   ngay         ngày của văn bản (ngày/tháng/năm)
#   trich_yeu    trích yếu
#   noi_ban_hanh chi bộ hoặc đảng ủy ban hành
#   tep          tệp văn bản trong thư mục kết quả
#   nhiem_ky     nhiệm kỳ của số ([nhiem_ky] ten trong chibo.toml)
#   ma           văn bản nào (chibo dùng để giữ nguyên số khi tạo lại; để trống cho văn bản
#                soạn ngoài chibo: số đó được bỏ qua khi cấp số mới)
# Số được đánh liên tục từ 01 cho mỗi loại văn bản của mỗi nơi ban hành trong một nhiệm kỳ.
";

/// One document and its number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The running number: `7` prints as `Số 07-KH/CB2`.
    pub so: u32,
    /// The type and the issuer's symbol: `KH/CB2`.
    pub ky_hieu: String,
    /// The document's date, day first: `05/01/2026` (empty until the document is rendered).
    pub ngay: String,
    /// The summary line: `sinh hoạt chuyên đề năm 2026`.
    pub trich_yeu: String,
    /// The issuing cell or committee: `Chi bộ 2`.
    pub noi_ban_hanh: String,
    /// The document's file in the output folder, `/`-separated.
    pub tep: String,
    /// The term the number belongs to: `2025-2030`.
    pub nhiem_ky: String,
    /// Which document it is (`ke_hoach 2026`); empty for a number used outside chibo.
    pub ma: String,
}

impl Entry {
    /// The type of the document: the part of `ky_hieu` before `/` (`KH`).
    #[must_use]
    pub fn loai(&self) -> &str {
        self.ky_hieu.split('/').next().unwrap_or_default().trim()
    }

    /// The whole number line: `Số 07-KH/CB2`.
    #[must_use]
    pub fn so_ky_hieu(&self) -> String {
        format!("Số {}-{}", two_digits(self.so), self.ky_hieu)
    }
}

/// What a document is, for the register: its issuer, its type, which one it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// The issuing cell or committee, as its workbook or `[dang_uy]` names it.
    pub issuer: String,
    /// The type symbol: `KH`, `BC`, `BB`, `NQ`.
    pub kind: String,
    /// The document's identity within its issuer and type: `ke_hoach 2026`.
    pub identity: String,
}

/// What the register notes of a document once it is made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    /// `KH/CB2`.
    pub ky_hieu: String,
    /// Day first: `05/01/2026`.
    pub ngay: String,
    pub trich_yeu: String,
    /// `/`-separated, relative to the output folder.
    pub tep: String,
}

/// The right to number documents from the register of one working folder, held by one run from
/// reading the register to writing it back. It is the operating system's lock on
/// [`LOCK_FILE`], taken as the output folder's is ([`crate::output::FolderLock`]): released
/// when the run ends, even when it is killed, so a lock file left by a dead run blocks nothing
/// and never needs deleting; the file itself stays.
#[derive(Debug)]
pub struct RegisterLock {
    _file: std::fs::File,
}

impl RegisterLock {
    /// Locks the register of working folder `dir`.
    ///
    /// # Errors
    /// Another run holds it, or the lock file cannot be created (a working folder that cannot
    /// be written, where the register could not be written either): a message naming the file
    /// and what to do.
    pub fn take(dir: &Path) -> Result<RegisterLock, crate::diagnostic::Text> {
        match crate::output::try_lock_file(&dir.join(LOCK_FILE)) {
            Ok(Some(file)) => Ok(RegisterLock { _file: file }),
            Ok(None) => Err(t!(
                "một lần chạy chibo khác đang cấp số văn bản từ sổ {FILE_NAME} của thư mục này (tệp khóa {LOCK_FILE}); đợi lần đó xong rồi chạy lại; chưa tạo văn bản nào và sổ được giữ nguyên. Không cần xóa {LOCK_FILE}: khóa tự mở khi lần chạy kia kết thúc, kể cả khi nó bị tắt ngang" ;
                "another chibo run is numbering documents from this folder's register {FILE_NAME} (lock file {LOCK_FILE}); wait for it to finish and run again; nothing was produced and the register is left as it is. No need to delete {LOCK_FILE}: the lock opens by itself when the other run ends, even if it was killed"
            )),
            Err(e) => {
                let why = crate::os_error::describe(&e);
                Err(t!(
                    "không tạo được tệp khóa {LOCK_FILE} bên cạnh sổ văn bản {FILE_NAME}: {}; thư mục làm việc phải ghi được để cấp số văn bản (hoặc bỏ [nhiem_ky] trong chibo.toml); chưa tạo văn bản nào", why.vi ;
                    "cannot create the lock file {LOCK_FILE} beside the number register {FILE_NAME}: {}; the working folder must be writable to number documents (or remove [nhiem_ky] from chibo.toml); nothing was produced", why.en
                ))
            }
        }
    }
}

/// `07`: a number with its leading zero below 10, as Party documents print it.
#[must_use]
pub fn two_digits(n: u32) -> String {
    format!("{n:02}")
}

/// The register of one term, read from its file (or empty), with the numbers given since.
#[derive(Clone, Debug)]
pub struct Register {
    term: String,
    entries: Vec<Entry>,
    /// (issuer, type, identity), folded → index in `entries`, for the current term.
    by_identity: BTreeMap<(String, String, String), usize>,
    /// (issuer, type), folded → the highest number of the current term.
    highest: BTreeMap<(String, String), u32>,
    changed: bool,
}

/// The form a person may write an entry in: `so` a whole number or digits in quotes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    van_ban: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    so: toml::Spanned<RawNumber>,
    #[serde(default = "blank")]
    ky_hieu: toml::Spanned<String>,
    #[serde(default)]
    ngay: String,
    #[serde(default)]
    trich_yeu: String,
    #[serde(default = "blank")]
    noi_ban_hanh: toml::Spanned<String>,
    #[serde(default)]
    tep: String,
    #[serde(default = "blank")]
    nhiem_ky: toml::Spanned<String>,
    #[serde(default = "blank")]
    ma: toml::Spanned<String>,
}

/// A key the entry leaves out: empty, with an empty span (its entry's line is named instead).
fn blank() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, String::new())
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawNumber {
    Int(i64),
    Text(String),
    Other(toml::Value),
}

#[derive(Serialize)]
struct OutFile<'a> {
    van_ban: &'a [Entry],
}

/// A name as the register compares it: NFC, spaces collapsed, lower case.
fn fold(s: &str) -> String {
    crate::text::clean(s).to_lowercase()
}

impl Register {
    /// An empty register of `term`.
    #[must_use]
    pub fn new(term: &str) -> Register {
        Register {
            term: crate::text::clean(term),
            entries: Vec::new(),
            by_identity: BTreeMap::new(),
            highest: BTreeMap::new(),
            changed: false,
        }
    }

    /// Reads the register of `dir` for `term`; no file gives an empty register.
    ///
    /// # Errors
    /// The file cannot be read, is too large, or is not a valid register: every problem, each
    /// with the file, its line and the value.
    pub fn load(dir: &Path, term: &str) -> Result<Register, Vec<Diagnostic>> {
        let path = dir.join(FILE_NAME);
        let unreadable = |why: crate::diagnostic::Text| {
            vec![
                Diagnostic::error("register.unreadable", Location::file(FILE_NAME), why)
                    .with_hint(t!("đóng tệp nếu đang mở, hoặc khôi phục bản sao; chưa tạo văn bản nào" ;
                                  "close the file if it is open, or restore a copy; nothing was produced")),
            ]
        };
        let bytes = match crate::input::read_at_most(&path, crate::input::SETTINGS_MAX) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Register::new(term)),
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                let mb = crate::input::SETTINGS_MAX >> 20;
                return Err(unreadable(
                    t!("sổ văn bản {FILE_NAME} lớn hơn {mb} MB: không phải sổ do chibo ghi" ;
                       "the number register {FILE_NAME} is over {mb} MB: not one chibo wrote"),
                ));
            }
            Err(e) => {
                let why = crate::os_error::describe(&e);
                return Err(unreadable(
                    t!("không đọc được sổ văn bản {FILE_NAME}: {}", why.vi ; "cannot read the number register {FILE_NAME}: {}", why.en),
                ));
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return Err(unreadable(
                t!("sổ văn bản {FILE_NAME} không phải văn bản UTF-8 (đã lưu bằng bảng mã khác?)" ;
                   "the number register {FILE_NAME} is not UTF-8 text (saved in another encoding?)"),
            ));
        };
        Register::parse(text.trim_start_matches('\u{feff}'), term)
    }

    /// Reads register text for `term`.
    ///
    /// # Errors
    /// Every problem of the text, each with the line and the value.
    pub fn parse(text: &str, term: &str) -> Result<Register, Vec<Diagnostic>> {
        let raw: RawFile = toml::from_str(text).map_err(|e| vec![syntax_error(&e, text)])?;
        let mut register = Register::new(term);
        let mut problems = Vec::new();
        // Where each number and identity was first written, to name both lines of a repeat.
        let mut number_at: BTreeMap<(String, String, String, u32), u32> = BTreeMap::new();
        let mut identity_at: BTreeMap<(String, String, String, String), u32> = BTreeMap::new();
        for spanned in raw.van_ban {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            let entry = match entry_of(raw, text) {
                Ok(e) => e,
                Err(mut d) => {
                    problems.append(&mut d);
                    continue;
                }
            };
            let scope = (
                fold(&entry.nhiem_ky),
                fold(&entry.noi_ban_hanh),
                fold(entry.loai()),
            );
            let n = (scope.0.clone(), scope.1.clone(), scope.2.clone(), entry.so);
            if let Some(first) = number_at.insert(n, line) {
                problems.push(repeated(
                    line,
                    &entry.so_ky_hieu(),
                    t!("số {} của {} nhiệm kỳ {} đã ghi ở dòng {}: hai văn bản không được cùng một số", entry.so_ky_hieu(), entry.noi_ban_hanh, entry.nhiem_ky, first + 1 ;
                       "number {} of {} in term {} is already on line {}: two documents cannot share a number", entry.so_ky_hieu(), entry.noi_ban_hanh, entry.nhiem_ky, first + 1),
                ));
                continue;
            }
            if !entry.ma.is_empty() {
                let id = (scope.0, scope.1, scope.2, fold(&entry.ma));
                if let Some(first) = identity_at.insert(id, line) {
                    problems.push(repeated(
                        line,
                        &entry.ma,
                        t!("văn bản «{}» của {} đã có số ở dòng {}: mỗi văn bản chỉ một số", entry.ma, entry.noi_ban_hanh, first + 1 ;
                           "document «{}» of {} already has a number on line {}: one number per document", entry.ma, entry.noi_ban_hanh, first + 1),
                    ));
                    continue;
                }
            }
            register.push(entry);
        }
        if problems.is_empty() {
            Ok(register)
        } else {
            Err(problems)
        }
    }

    /// Adds an entry read or given, indexing it when it belongs to the current term.
    fn push(&mut self, entry: Entry) {
        if fold(&entry.nhiem_ky) == fold(&self.term) {
            let scope = (fold(&entry.noi_ban_hanh), fold(entry.loai()));
            let top = self.highest.entry(scope.clone()).or_insert(0);
            *top = (*top).max(entry.so);
            if !entry.ma.is_empty() {
                self.by_identity
                    .insert((scope.0, scope.1, fold(&entry.ma)), self.entries.len());
            }
        }
        self.entries.push(entry);
    }

    /// The term numbers are given in.
    #[must_use]
    pub fn term(&self) -> &str {
        &self.term
    }

    /// The number of the document `key`: the one it already has in this term, or the next of
    /// its issuer and type (noted, with `ky_hieu` as its symbol, until [`Register::describe`]
    /// fills in the rest).
    pub fn number(&mut self, key: &Key, ky_hieu: &str) -> u32 {
        let id = (fold(&key.issuer), fold(&key.kind), fold(&key.identity));
        if let Some(&i) = self.by_identity.get(&id)
            && let Some(e) = self.entries.get(i)
        {
            return e.so;
        }
        let so = self.next(&key.issuer, &key.kind);
        self.push(Entry {
            so,
            ky_hieu: ky_hieu.to_string(),
            ngay: String::new(),
            trich_yeu: String::new(),
            noi_ban_hanh: crate::text::clean(&key.issuer),
            tep: String::new(),
            nhiem_ky: self.term.clone(),
            ma: crate::text::clean(&key.identity),
        });
        self.changed = true;
        so
    }

    /// The number the next new document of `issuer` and type `kind` gets.
    #[must_use]
    pub fn next(&self, issuer: &str, kind: &str) -> u32 {
        self.highest
            .get(&(fold(issuer), fold(kind)))
            .map_or(1, |n| n.saturating_add(1))
    }

    /// Notes what document `key` (numbered by [`Register::number`]) is: symbol, date, summary
    /// line, file. Nothing changes when the register already says so.
    pub fn describe(&mut self, key: &Key, details: Details) {
        let id = (fold(&key.issuer), fold(&key.kind), fold(&key.identity));
        let Some(e) = self
            .by_identity
            .get(&id)
            .and_then(|&i| self.entries.get_mut(i))
        else {
            return;
        };
        let now = (
            e.ky_hieu.as_str(),
            e.ngay.as_str(),
            e.trich_yeu.as_str(),
            e.tep.as_str(),
        );
        let new = (
            details.ky_hieu.as_str(),
            details.ngay.as_str(),
            details.trich_yeu.as_str(),
            details.tep.as_str(),
        );
        if now != new {
            e.ky_hieu = details.ky_hieu;
            e.ngay = details.ngay;
            e.trich_yeu = details.trich_yeu;
            e.tep = details.tep;
            self.changed = true;
        }
    }

    /// Every entry, in the file's order (other terms too).
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries of the current term, by issuer (Vietnamese alphabetical order), type and
    /// number: the rows of the consolidated workbook's `Sổ văn bản`.
    #[must_use]
    pub fn of_term(&self) -> Vec<&Entry> {
        let term = fold(&self.term);
        let mut rows: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| fold(&e.nhiem_ky) == term)
            .collect();
        rows.sort_by(|a, b| {
            crate::text::collate(&a.noi_ban_hanh, &b.noi_ban_hanh)
                .then_with(|| a.loai().cmp(b.loai()))
                .then(a.so.cmp(&b.so))
        });
        rows
    }

    /// The next number of each issuer and type that has numbers in the term: issuers in
    /// Vietnamese alphabetical order, types in order (`[("Chi bộ 2", [("BC", 3), ("KH", 2)])]`).
    /// An issuer or type not listed starts at 01.
    #[must_use]
    pub fn next_numbers(&self) -> Vec<(String, Vec<(String, u32)>)> {
        let mut out: Vec<(String, Vec<(String, u32)>)> = Vec::new();
        for e in self.of_term() {
            let next = self.next(&e.noi_ban_hanh, e.loai());
            match out.last_mut() {
                Some((issuer, kinds)) if fold(issuer) == fold(&e.noi_ban_hanh) => {
                    if kinds.last().is_none_or(|(k, _)| fold(k) != fold(e.loai())) {
                        kinds.push((e.loai().to_string(), next));
                    }
                }
                _ => out.push((e.noi_ban_hanh.clone(), vec![(e.loai().to_string(), next)])),
            }
        }
        out
    }

    /// Something was numbered or described since the file was read.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The file's text: the explaining comment, then one `[[van_ban]]` per entry in order.
    #[must_use]
    pub fn to_text(&self) -> String {
        let body = toml::to_string(&OutFile {
            van_ban: &self.entries,
        })
        .unwrap_or_default();
        format!("{HEADER}\n{body}")
    }

    /// Writes the register into `dir` (atomically) when it changed.
    ///
    /// # Errors
    /// The file could not be written: the error names it.
    pub fn save(&self, dir: &Path) -> Result<(), Box<Diagnostic>> {
        if !self.changed {
            return Ok(());
        }
        let path = dir.join(FILE_NAME);
        crate::output::write_atomic(&path, self.to_text().as_bytes()).map_err(|e| {
            let why = crate::os_error::describe(&e);
            Box::new(Diagnostic::error(
                "register.write",
                Location::file(FILE_NAME),
                t!("không ghi được sổ văn bản {FILE_NAME}: {}; số của các văn bản vừa tạo chưa được ghi lại", why.vi ;
                   "cannot write the number register {FILE_NAME}: {}; the numbers just given are not recorded", why.en),
            )
            .with_hint(t!("đóng tệp nếu đang mở rồi chạy lại: văn bản tạo lại giữ đúng số này" ;
                          "close the file if it is open and run again: the documents made again keep these numbers")))
        })
    }
}

/// An entry as the register keeps it, or what is wrong with it.
fn entry_of(raw: RawEntry, text: &str) -> Result<Entry, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let so_line = line_of(text, raw.so.span().start);
    let so = match raw.so.get_ref() {
        RawNumber::Int(n) => Ok(*n),
        RawNumber::Text(s) => s.trim().parse::<i64>().map_err(|_| s.clone()),
        RawNumber::Other(v) => Err(v.to_string()),
    };
    let so = match so {
        Ok(n) if (1..=MAX_NUMBER).contains(&n) => u32::try_from(n).unwrap_or(1),
        Ok(n) => {
            problems.push(bad_value(so_line, "so", &n.to_string(), t!("số văn bản phải từ 1 đến {MAX_NUMBER}" ; "a document number is from 1 to {MAX_NUMBER}")));
            1
        }
        Err(v) => {
            problems.push(bad_value(so_line, "so", &v, t!("số văn bản phải là một số nguyên, ví dụ so = 7" ; "a document number is a whole number, e.g. so = 7")));
            1
        }
    };
    let required = [
        ("ky_hieu", &raw.ky_hieu),
        ("noi_ban_hanh", &raw.noi_ban_hanh),
        ("nhiem_ky", &raw.nhiem_ky),
    ];
    for (key, value) in required {
        if crate::text::clean(value.get_ref()).is_empty() {
            let line = if value.span().is_empty() {
                so_line
            } else {
                line_of(text, value.span().start)
            };
            problems.push(bad_value(line, key, value.get_ref(), t!("thiếu `{key}` của văn bản số {so}" ; "`{key}` of document number {so} is missing")));
        }
    }
    let ky_hieu = crate::text::clean(raw.ky_hieu.get_ref());
    if !ky_hieu.is_empty() && !ky_hieu.contains('/') {
        let line = line_of(text, raw.ky_hieu.span().start);
        problems.push(bad_value(line, "ky_hieu", &ky_hieu, t!("ký hiệu phải có dạng LOẠI/NƠI BAN HÀNH, ví dụ KH/CB2" ; "the symbol reads TYPE/ISSUER, e.g. KH/CB2")));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Entry {
        so,
        ky_hieu,
        ngay: crate::text::clean(&raw.ngay),
        trich_yeu: crate::text::clean(&raw.trich_yeu),
        noi_ban_hanh: crate::text::clean(raw.noi_ban_hanh.get_ref()),
        tep: crate::text::clean(&raw.tep),
        nhiem_ky: crate::text::clean(raw.nhiem_ky.get_ref()),
        ma: crate::text::clean(raw.ma.get_ref()),
    })
}

/// A bad value at `line` (0-based) of key `key`.
fn bad_value(line: u32, key: &str, value: &str, why: crate::diagnostic::Text) -> Diagnostic {
    let mut loc = Location::file(FILE_NAME).row(line);
    loc.place = Some(t!("khóa `{key}`" ; "key `{key}`"));
    Diagnostic::error(
        "register.bad_value",
        loc,
        t!("sổ văn bản có giá trị sai: {}", why.vi ; "the number register has a bad value: {}", why.en),
    )
    .with_value(value)
    .with_hint(fix_hint())
}

/// A number or identity written twice.
fn repeated(line: u32, value: &str, why: crate::diagnostic::Text) -> Diagnostic {
    Diagnostic::error(
        "register.repeated",
        Location::file(FILE_NAME).row(line),
        t!("sổ văn bản: {}", why.vi ; "number register: {}", why.en),
    )
    .with_value(value)
    .with_hint(fix_hint())
}

fn fix_hint() -> crate::diagnostic::Text {
    t!("sửa dòng đó trong so-van-ban.toml (Notepad) rồi chạy lại; chibo không ghi đè sổ khi sổ có lỗi" ;
       "fix that line in so-van-ban.toml (Notepad) and run again; chibo does not overwrite a register with errors")
}

/// The error of a register that is not valid TOML, at its line, with the text there.
fn syntax_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    let mut loc = Location::file(FILE_NAME);
    loc.row = e.span().map(|s| line_of(text, s.start));
    let msg = e.message().trim().to_string();
    let mut d = Diagnostic::error(
        "register.syntax",
        loc,
        t!("sổ văn bản {FILE_NAME} không đọc được: {msg}" ; "the number register {FILE_NAME} cannot be read: {msg}"),
    )
    .with_hint(t!("mỗi văn bản là một bảng [[van_ban]] với các dòng khóa = giá trị; chữ trong ngoặc kép; số không có số 0 ở đầu (so = 7). Sửa dòng đó rồi chạy lại; chibo không ghi đè sổ khi sổ có lỗi" ;
                  "each document is a [[van_ban]] table of key = value lines; text in double quotes; numbers without a leading zero (so = 7). Fix that line and run again; chibo does not overwrite a register with errors"));
    if let Some(line) = e
        .span()
        .and_then(|s| text.get(..s.start.min(text.len())))
        .map(|before| before.rfind('\n').map_or(0, |i| i + 1))
        .and_then(|start| text.get(start..))
        .and_then(|rest| rest.lines().next())
    {
        d = d.with_value(line.trim());
    }
    d
}

/// The 0-based line of byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> u32 {
    let upto = text.get(..offset.min(text.len())).unwrap_or(text);
    u32::try_from(upto.matches('\n').count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(issuer: &str, kind: &str, identity: &str) -> Key {
        Key {
            issuer: issuer.into(),
            kind: kind.into(),
            identity: identity.into(),
        }
    }

    #[test]
    fn numbers_run_per_issuer_and_type_from_one() {
        let mut r = Register::new("2025-2030");
        assert_eq!(
            r.number(&key("Chi bộ 2", "KH", "ke_hoach 2026"), "KH/CB2"),
            1
        );
        assert_eq!(
            r.number(&key("Chi bộ 2", "BC", "bao_cao_quy 2026-Q1"), "BC/CB2"),
            1
        );
        assert_eq!(
            r.number(&key("Chi bộ 2", "BC", "bao_cao_quy 2026-Q2"), "BC/CB2"),
            2
        );
        assert_eq!(
            r.number(&key("Chi bộ 3", "BC", "bao_cao_quy 2026-Q1"), "BC/CB3"),
            1
        );
        assert_eq!(r.next("Chi bộ 2", "BC"), 3);
        assert!(r.changed());
    }

    #[test]
    fn the_same_document_keeps_its_number_after_a_reload() {
        let mut r = Register::new("2025-2030");
        let k = key("Chi bộ 2", "BC", "bao_cao_quy 2026-Q1");
        assert_eq!(r.number(&k, "BC/CB2"), 1);
        r.describe(
            &k,
            Details {
                ky_hieu: "BC/CB2".into(),
                ngay: "31/03/2026".into(),
                trich_yeu: "kết quả sinh hoạt chi bộ quý I năm 2026".into(),
                tep: "chi-bo-2/bao-cao-quy-I-2026.docx".into(),
            },
        );
        let text = r.to_text();
        let mut again = Register::parse(&text, "2025-2030").expect("reads back");
        assert!(!again.changed());
        assert_eq!(again.number(&k, "BC/CB2"), 1);
        assert!(!again.changed(), "a known document changes nothing");
        assert_eq!(again.entries(), r.entries());
        assert_eq!(again.to_text(), text);
    }

    #[test]
    fn a_new_term_starts_over_and_keeps_the_old_entries() {
        let mut r = Register::new("2020-2025");
        r.number(&key("Chi bộ 2", "KH", "ke_hoach 2024"), "KH/CB2");
        r.number(&key("Chi bộ 2", "KH", "ke_hoach 2025"), "KH/CB2");
        let mut next = Register::parse(&r.to_text(), "2025-2030").expect("reads");
        assert_eq!(
            next.number(&key("Chi bộ 2", "KH", "ke_hoach 2025"), "KH/CB2"),
            1
        );
        assert_eq!(next.entries().len(), 3);
        assert_eq!(next.of_term().len(), 1);
    }

    #[test]
    fn a_number_changed_by_hand_is_kept_and_counted_from() {
        let text = "[[van_ban]]\nso = 12\nky_hieu = \"KH/CB2\"\nnoi_ban_hanh = \"Chi bộ 2\"\nnhiem_ky = \"2025-2030\"\nma = \"ke_hoach 2026\"\n\n[[van_ban]]\nso = \"30\"\nky_hieu = \"KH/CB2\"\nnoi_ban_hanh = \"Chi bộ 2\"\nnhiem_ky = \"2025-2030\"\n";
        let mut r = Register::parse(text, "2025-2030").expect("reads");
        assert_eq!(
            r.number(&key("chi  bộ 2", "KH", "ke_hoach 2026"), "KH/CB2"),
            12
        );
        assert_eq!(
            r.number(&key("Chi bộ 2", "KH", "ke_hoach 2027"), "KH/CB2"),
            31
        );
    }

    #[test]
    fn a_broken_register_names_the_line_and_the_value() {
        let text = "[[van_ban]]\nso = 1\nky_hieu = \"KH/CB2\"\nnoi_ban_hanh = \"Chi bộ 2\"\nnhiem_ky = \"2025-2030\"\n\n[[van_ban]]\nso = \"bảy\"\nky_hieu = \"KH/CB2\"\nnoi_ban_hanh = \"Chi bộ 2\"\nnhiem_ky = \"2025-2030\"\n";
        let errors = Register::parse(text, "2025-2030").expect_err("refused");
        let shown = errors[0].render(crate::diagnostic::Lang::Vi);
        assert!(shown.contains("so-van-ban.toml, dòng 8"), "{shown}");
        assert!(shown.contains("bảy"), "{shown}");

        let syntax = Register::parse("[[van_ban]]\nso = 07\n", "x").expect_err("refused");
        let shown = syntax[0].render(crate::diagnostic::Lang::Vi);
        assert!(
            shown.contains("dòng 2") && shown.contains("so = 07"),
            "{shown}"
        );
    }

    #[test]
    fn a_number_given_twice_is_an_error() {
        let one = "[[van_ban]]\nso = 3\nky_hieu = \"BC/CB2\"\nnoi_ban_hanh = \"Chi bộ 2\"\nnhiem_ky = \"2025-2030\"\n\n";
        let errors = Register::parse(&format!("{one}{one}"), "2025-2030").expect_err("refused");
        let shown = errors[0].render(crate::diagnostic::Lang::Vi);
        assert!(
            shown.contains("dòng 7") && shown.contains("dòng 1"),
            "{shown}"
        );
    }

    #[test]
    fn next_numbers_by_issuer_and_type() {
        let mut r = Register::new("2025-2030");
        r.number(&key("Chi bộ 2", "KH", "ke_hoach 2026"), "KH/CB2");
        r.number(&key("Chi bộ 10", "BC", "bao_cao_quy 2026-Q1"), "BC/CB10");
        r.number(&key("Chi bộ 2", "BC", "bao_cao_quy 2026-Q1"), "BC/CB2");
        r.number(&key("Chi bộ 2", "BC", "bao_cao_quy 2026-Q2"), "BC/CB2");
        assert_eq!(
            r.next_numbers(),
            vec![
                ("Chi bộ 10".to_string(), vec![("BC".to_string(), 2)]),
                (
                    "Chi bộ 2".to_string(),
                    vec![("BC".to_string(), 3), ("KH".to_string(), 2)]
                ),
            ]
        );
    }

    #[test]
    fn two_digits_below_ten() {
        assert_eq!(two_digits(7), "07");
        assert_eq!(two_digits(123), "123");
    }
}
