//! Shared by the hostile-input tests: a temporary committee folder holding a copy of
//! `samples/` plus one bad file, the real `chibo` binary, and the checks every case makes
//! (exit code, message, no half-written output, the five sample cells' documents).

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "test support code"
)]

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Formula, Workbook};

/// The period and "today" of every run.
pub const PERIOD: &str = "2025-Q4";
pub const AS_OF: &str = "2025-12-31";

/// What a finished run of the samples writes, per cell folder (`chibo run samples --period
/// 2025-Q4 --as-of 2025-12-31`): no thematic plan, a document of the start of its year.
pub const SAMPLE_DOCS: [(&str, &[&str]); 5] = [
    (
        "chi-bo-van-phong-so",
        &[
            "bao-cao-quy-IV-2025.docx",
            "bien-ban-2025-10-07-thuong-ky.docx",
            "bien-ban-2025-11-11-thuong-ky.docx",
            "bien-ban-2025-11-27-chuyen-de.docx",
            "bien-ban-2025-12-09-thuong-ky.docx",
        ],
    ),
    (
        "chi-bo-phong-quan-ly-van-hoa",
        &[
            "bao-cao-quy-IV-2025.docx",
            "bien-ban-2025-10-10-thuong-ky.docx",
            "bien-ban-2025-11-14-thuong-ky.docx",
            "bien-ban-2025-11-27-chuyen-de.docx",
            "bien-ban-2025-12-12-thuong-ky.docx",
        ],
    ),
    (
        "chi-bo-thu-vien-tinh",
        &[
            "bao-cao-quy-IV-2025.docx",
            "bien-ban-2025-10-08-thuong-ky.docx",
            "bien-ban-2025-11-12-thuong-ky.docx",
            "bien-ban-2025-11-27-chuyen-de.docx",
            "bien-ban-2025-12-10-thuong-ky.docx",
        ],
    ),
    (
        "chi-bo-bao-tang-tinh",
        &[
            "bao-cao-quy-IV-2025.docx",
            "bien-ban-2025-10-09-thuong-ky.docx",
            "bien-ban-2025-11-06-thuong-ky.docx",
            "bien-ban-2025-11-27-chuyen-de.docx",
            "bien-ban-2025-12-04-thuong-ky.docx",
        ],
    ),
    (
        "chi-bo-trung-tam-van-hoa-nghe-thuat",
        &[
            "bao-cao-quy-IV-2025.docx",
            "bien-ban-2025-10-13-thuong-ky.docx",
            "bien-ban-2025-11-10-thuong-ky-chuyen-de.docx",
            "bien-ban-2025-12-08-thuong-ky.docx",
        ],
    ),
];

/// The documents of the test cell built by [`CellBook::good`] for 2025-Q4.
pub const TEST_CELL: &str = "chi-bo-thu-nghiem";
pub const TEST_CELL_DOCS: [&str; 4] = [
    "bao-cao-quy-IV-2025.docx",
    "bien-ban-2025-10-07-thuong-ky.docx",
    "bien-ban-2025-11-11-thuong-ky.docx",
    "bien-ban-2025-12-09-thuong-ky.docx",
];

/// A temporary committee folder: `root/<dir name>/` holds a copy of `samples/`.
pub struct Folder {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Folder {
    /// A copy of `samples/` in a folder called `samples`.
    pub fn samples() -> Folder {
        Folder::samples_in("samples")
    }

    /// A copy of `samples/` in a folder of the given (relative) name.
    pub fn samples_in(name: &str) -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for e in std::fs::read_dir(&src).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
            }
        }
        Folder { tmp, dir }
    }

    /// An empty committee folder.
    pub fn empty() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("trong");
        std::fs::create_dir_all(&dir).unwrap();
        Folder { tmp, dir }
    }

    pub fn put(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn out(&self) -> PathBuf {
        self.dir.join("ket-qua").join(PERIOD)
    }

    /// `chibo run <dir> --period 2025-Q4 --as-of 2025-12-31`.
    pub fn run(&self) -> Out {
        chibo(&[
            "run",
            self.dir.to_str().unwrap(),
            "--period",
            PERIOD,
            "--as-of",
            AS_OF,
            "--jobs",
            "2",
        ])
    }

    /// The run log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.out().join("nhat-ky.txt")).unwrap()
    }

    /// Every entry of the output folder, relative, `/`-separated, sorted (files and folders).
    pub fn outputs(&self) -> Vec<String> {
        let mut v = Vec::new();
        walk(&self.out(), &self.out(), &mut v);
        v.sort();
        v
    }

    /// The output folders of the cells (the first level of the output folder).
    pub fn cell_folders(&self) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(self.out()) else {
            return Vec::new();
        };
        let mut v: Vec<String> = rd
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// The five sample cells' documents are all there and complete, the summary workbook and
    /// the log too, no temporary file is left, and every `.docx` is a readable package; other
    /// folders are only those named in `others` (each with exactly its listed documents).
    pub fn assert_outputs(&self, others: &[(&str, &[&str])]) {
        let mut expected: Vec<String> = vec![
            // chibo's record of what it wrote, and the folder's lock (src/manifest.rs).
            ".chibo-manifest.json".into(),
            ".chibo.lock".into(),
            "nhat-ky.txt".into(),
            format!("tong-hop-{PERIOD}.xlsx"),
            format!("bao-cao-tong-hop-{PERIOD}.docx"),
        ];
        for (folder, docs) in SAMPLE_DOCS.iter().chain(others) {
            expected.push((*folder).to_string());
            for d in *docs {
                expected.push(format!("{folder}/{d}"));
            }
        }
        expected.sort();
        assert_eq!(
            self.outputs(),
            expected,
            "outputs of {}",
            self.dir.display()
        );
        for rel in &expected {
            let p = self.out().join(rel);
            if rel.ends_with(".docx") || rel.ends_with(".xlsx") {
                assert_complete_zip(&p);
            }
        }
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let rel = p
            .strip_prefix(root)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push(rel);
        if p.is_dir() {
            walk(root, &p, out);
        }
    }
}

/// A `.docx`/`.xlsx` that opens as a zip and whose every entry decompresses with a good CRC.
pub fn assert_complete_zip(p: &Path) {
    let bytes = std::fs::read(p).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{} is not a complete zip: {e}", p.display()));
    assert!(!z.is_empty(), "{} is empty", p.display());
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut sink = Vec::new();
        f.read_to_end(&mut sink)
            .unwrap_or_else(|e| panic!("{} entry {i}: {e}", p.display()));
    }
}

/// The text of one entry of a zip file.
pub fn zip_entry(p: &Path, name: &str) -> String {
    let bytes = std::fs::read(p).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Every entry of a zip, by name, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().into_owned(), b)
        })
        .collect()
}

/// A zip of the given entries (deflated).
pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, b) in entries {
        w.start_file(n.as_str(), opt).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A package with one entry replaced (the others kept in order).
pub fn replace_entry(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(bytes)
        .into_iter()
        .map(|(n, b)| {
            if n == name {
                let s = String::from_utf8(b).unwrap();
                (n, edit(&s).into_bytes())
            } else {
                (n, b)
            }
        })
        .collect();
    zip_of(&entries)
}

/// What the binary did.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn chibo(args: &[&str]) -> Out {
    let o = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi"])
        .args(args)
        .env_remove("CHIBO_LANG")
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

impl Out {
    /// Asserts the exit code, with the output on failure.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "{self:#?}");
        self
    }

    /// Asserts that stderr holds every line of `block` (one diagnostic, as rendered), in order.
    pub fn says(&self, block: &str) -> &Self {
        assert!(
            self.stderr.contains(block),
            "stderr lacks:\n{block}\n--- stderr ---\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stdout holds `text`.
    pub fn prints(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks:\n{text}\n--- stdout ---\n{}",
            self.stdout
        );
        self
    }

    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked: {}",
            self.stderr
        );
        self
    }
}

/// One cell value of a workbook built by the tests.
#[derive(Clone, Debug)]
pub enum V {
    S(String),
    N(f64),
    /// A formula and its cached result (`None`: no cached value at all).
    F(String, Option<String>),
    Empty,
}

pub fn s(x: &str) -> V {
    V::S(x.to_string())
}

/// A cell's workbook, sheet by sheet, as rows of values; written with rust_xlsxwriter.
#[derive(Clone, Debug)]
pub struct CellBook {
    pub sheets: Vec<(String, Vec<Vec<V>>)>,
}

/// The test cell's people.
pub const PEOPLE: [&str; 3] = ["Đỗ Văn Khải", "Phan Thị Lụa", "Vũ Minh Tân"];
/// The test cell's meetings in 2025-Q4.
pub const MEETINGS: [&str; 3] = ["07/10/2025", "11/11/2025", "09/12/2025"];

impl CellBook {
    /// A small complete cell, "Chi bộ Thử Nghiệm": three full members, three regular meetings
    /// held in 2025-Q4, everyone present, each meeting scored 98.
    pub fn good() -> CellBook {
        let row = |xs: &[&str]| xs.iter().map(|x| s(x)).collect::<Vec<V>>();
        let info = vec![
            row(&["Tên chi bộ", "Chi bộ Thử Nghiệm"]),
            row(&["Ký hiệu", "CBTN"]),
            row(&["Đảng bộ cấp trên", "Đảng bộ Sở Thử Nghiệm"]),
            row(&["Địa danh", "Hòa Bình Xanh"]),
            row(&["Bí thư", PEOPLE[0]]),
        ];
        let members = vec![
            row(&[
                "STT",
                "Họ và tên",
                "Ngày sinh",
                "Ngày vào Đảng",
                "Ngày chính thức",
                "Trạng thái",
            ]),
            row(&[
                "1",
                PEOPLE[0],
                "12/03/1975",
                "10/05/2000",
                "10/05/2001",
                "Chính thức",
            ]),
            row(&[
                "2",
                PEOPLE[1],
                "02/09/1982",
                "19/05/2008",
                "19/05/2009",
                "Chính thức",
            ]),
            row(&[
                "3",
                PEOPLE[2],
                "21/07/1990",
                "03/02/2015",
                "03/02/2016",
                "Chính thức",
            ]),
        ];
        let mut meetings = vec![row(&[
            "STT",
            "Ngày",
            "Loại",
            "Tình trạng",
            "Giờ bắt đầu",
            "Giờ kết thúc",
        ])];
        for (i, d) in MEETINGS.iter().enumerate() {
            meetings.push(row(&[
                &(i + 1).to_string(),
                d,
                "Thường kỳ",
                "Đã họp",
                "14:00",
                "16:00",
            ]));
        }
        let mut attendance = vec![row(&["Ngày", "Họ và tên", "Tình trạng"])];
        for d in MEETINGS {
            for p in PEOPLE {
                attendance.push(row(&[d, p, "x"]));
            }
        }
        let mut scores = vec![row(&[
            "Ngày",
            "Nhóm 1",
            "Nhóm 2",
            "Nhóm 3",
            "Nhóm 4",
            "Tổng điểm",
        ])];
        for d in MEETINGS {
            scores.push(vec![
                s(d),
                V::N(15.0),
                V::N(20.0),
                V::N(45.0),
                V::N(18.0),
                V::N(98.0),
            ]);
        }
        CellBook {
            sheets: vec![
                ("Thông tin".into(), info),
                ("Đảng viên".into(), members),
                ("Sinh hoạt".into(), meetings),
                ("Điểm danh".into(), attendance),
                ("Chấm điểm".into(), scores),
            ],
        }
    }

    /// The rows of a sheet.
    pub fn sheet(&mut self, name: &str) -> &mut Vec<Vec<V>> {
        &mut self
            .sheets
            .iter_mut()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
            .1
    }

    /// Sets one cell (0-based row and column), growing the row if needed.
    pub fn set(&mut self, sheet: &str, row: usize, col: usize, v: V) -> &mut Self {
        let rows = self.sheet(sheet);
        while rows.len() <= row {
            rows.push(Vec::new());
        }
        let r = &mut rows[row];
        while r.len() <= col {
            r.push(V::Empty);
        }
        r[col] = v;
        self
    }

    /// The workbook as .xlsx bytes. A formula result starting with `#` is stored as an error
    /// cell (`t="e"`), as Excel does; a formula without a cached value is stripped of its
    /// `<v>`, as a program that never calculated would leave it.
    pub fn xlsx(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        let mut uncached = Vec::new();
        for (si, (name, rows)) in self.sheets.iter().enumerate() {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                    match v {
                        V::S(x) => {
                            ws.write_string(r, c, x).unwrap();
                        }
                        V::N(x) => {
                            ws.write_number(r, c, *x).unwrap();
                        }
                        V::F(f, Some(res)) => {
                            ws.write_formula(r, c, Formula::new(f).set_result(res))
                                .unwrap();
                        }
                        V::F(f, None) => {
                            ws.write_formula(r, c, Formula::new(f).set_result("§NOCACHE§"))
                                .unwrap();
                            uncached.push(si + 1);
                        }
                        V::Empty => {}
                    }
                }
            }
        }
        let mut bytes = wb.save_to_buffer().unwrap();
        for (si, (_, rows)) in self.sheets.iter().enumerate() {
            let errors: Vec<&String> = rows
                .iter()
                .flatten()
                .filter_map(|v| match v {
                    V::F(_, Some(r)) if r.starts_with('#') => Some(r),
                    _ => None,
                })
                .collect();
            if !errors.is_empty() {
                bytes = replace_entry(&bytes, &format!("xl/worksheets/sheet{}.xml", si + 1), |x| {
                    errors
                        .iter()
                        .fold(x.to_string(), |acc, e| mark_error(&acc, e))
                });
            }
        }
        for si in uncached {
            bytes = replace_entry(&bytes, &format!("xl/worksheets/sheet{si}.xml"), |x| {
                x.replace(" t=\"str\"", "").replace("<v>§NOCACHE§</v>", "")
            });
        }
        bytes
    }
}

/// Rewrites `<c … t="str"><f>…</f><v>ERR</v></c>` into `t="e"` for one error text.
fn mark_error(xml: &str, err: &str) -> String {
    let needle = format!("<v>{err}</v>");
    let mut out = String::new();
    let mut rest = xml;
    while let Some(pos) = rest.find(&needle) {
        let (before, after) = rest.split_at(pos);
        // The cell's opening tag is the last `<c ` before the value.
        if let Some(cpos) = before.rfind("<c ") {
            let (head, cell) = before.split_at(cpos);
            out.push_str(head);
            out.push_str(&cell.replacen(" t=\"str\"", " t=\"e\"", 1));
        } else {
            out.push_str(before);
        }
        out.push_str(&needle);
        rest = &after[needle.len()..];
    }
    out.push_str(rest);
    out
}

/// The modification times and bytes of every file under `dir` (outputs excepted).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut m = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if p.file_name().is_some_and(|n| n == "ket-qua") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let meta = std::fs::metadata(&p).unwrap();
                m.insert(
                    p.clone(),
                    (std::fs::read(&p).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    m
}

/// A zip with the declared (uncompressed) size of one entry changed, in its local header and
/// its central directory record, the rest untouched: what a crafted "zip bomb" looks like.
pub fn patch_declared_size(bytes: &[u8], entry: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= out.len() {
        if out[i..i + 4] == *b"PK\x01\x02" {
            let name_len = usize::from(u16::from_le_bytes([out[i + 28], out[i + 29]]));
            let name = &out[i + 46..i + 46 + name_len];
            if name == entry.as_bytes() {
                out[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                let local =
                    u32::from_le_bytes([out[i + 42], out[i + 43], out[i + 44], out[i + 45]]);
                let l = usize::try_from(local).unwrap();
                assert_eq!(&out[l..l + 4], b"PK\x03\x04");
                out[l + 22..l + 26].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        i += 1;
    }
    assert_eq!(patched, 1, "entry {entry} not found once");
    out
}

/// What a run under a memory cap did, and its peak resident memory.
#[derive(Debug)]
pub struct Capped {
    pub out: Out,
    /// Peak resident set of chibo (and any child it waited for), in KiB (`/usr/bin/time`).
    pub peak_kib: u64,
    /// Whether chibo ended by a signal (killed, aborted) instead of exiting.
    pub signalled: bool,
}

/// The binary the capped runs use: `chibo` of this build, or the one `CHIBO_TEST_BIN` names
/// (how each memory test was shown to fail on the binary from before its fix).
pub fn chibo_bin() -> String {
    std::env::var("CHIBO_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_chibo").to_string())
}

/// Runs `chibo --lang vi <args>` as the acceptance of issue 14 asks: under `ulimit -v 4000000`
/// (4 GB of address space, so that a blow-up aborts quickly instead of exhausting the machine),
/// measured by `/usr/bin/time`.
pub fn chibo_capped(args: &[&str]) -> Capped {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 4000000; exec /usr/bin/time -f 'PEAK_KIB=%M EXIT=%x' '{}' --lang vi {}",
            chibo_bin(),
            quoted.join(" ")
        ))
        .env_remove("CHIBO_LANG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let tail = stderr.rsplit_once("PEAK_KIB=").map(|(_, t)| t.to_string());
    let (peak_kib, signalled) = match &tail {
        Some(t) => {
            let peak = t.split_whitespace().next().unwrap().parse().unwrap();
            (peak, stderr.contains("Command terminated by signal"))
        }
        None => panic!("/usr/bin/time printed no figure: {stderr}"),
    };
    let code = if signalled {
        -1
    } else {
        tail.as_deref()
            .and_then(|t| t.split("EXIT=").nth(1))
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(-1)
    };
    Capped {
        out: Out {
            code,
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr,
        },
        peak_kib,
        signalled,
    }
}

impl Folder {
    /// `chibo run` on the folder under the memory cap ([`chibo_capped`]).
    pub fn run_capped(&self) -> Capped {
        chibo_capped(&[
            "run",
            self.dir.to_str().unwrap(),
            "--period",
            PERIOD,
            "--as-of",
            AS_OF,
            "--jobs",
            "2",
        ])
    }

    /// [`Folder::assert_outputs`], and every XML part of every `.docx`/`.xlsx` written parses.
    pub fn assert_outputs_well_formed(&self, others: &[(&str, &[&str])]) {
        self.assert_outputs(others);
        for rel in self.outputs() {
            if rel.ends_with(".docx") || rel.ends_with(".xlsx") {
                assert_xml_parts_parse(&self.out().join(rel));
            }
        }
    }
}

impl Capped {
    /// The acceptance of every memory class: exited 0, 1 or 2 (never a signal), at most 1 GB of
    /// peak memory, no English panic line.
    pub fn contained(&self) -> &Out {
        assert!(
            !self.signalled,
            "chibo was killed by a signal: {:#?}",
            self.out
        );
        assert!(
            matches!(self.out.code, 0..=2),
            "exit code {}: {:#?}",
            self.out.code,
            self.out
        );
        assert!(
            self.peak_kib <= 1_000_000,
            "peak memory {} KiB is over 1 GB: {:#?}",
            self.peak_kib,
            self.out
        );
        self.out.no_panic();
        &self.out
    }
}

/// Every `.xml`/`.rels` part of a package parses with quick-xml (names checked, to the end).
pub fn assert_xml_parts_parse(p: &Path) {
    for (name, bytes) in unzip(&std::fs::read(p).unwrap()) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let text = std::str::from_utf8(&bytes)
            .unwrap_or_else(|e| panic!("{}: {name} is not UTF-8: {e}", p.display()));
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    let raw: &str = &t;
                    assert!(
                        !raw.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')),
                        "{}: {name} holds a character XML 1.0 forbids",
                        p.display()
                    );
                }
                Ok(_) => {}
                Err(e) => panic!("{}: {name} does not parse: {e}", p.display()),
            }
        }
    }
}

/// The run log says `file` was skipped for its errors.
pub fn assert_skipped(f: &Folder, file: &str) {
    let log = f.log();
    assert!(log.contains(&format!("- {file}: BỎ QUA vì có ")), "{log}");
}

/// A minimal binary workbook (`.xlsb`): one sheet named `name` with a number at each of
/// `cells` (0-based row, column).
pub fn xlsb(name: &str, rel_id: &str, cells: &[(u32, u32)]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
        if typ < 0x80 {
            out.push(u8::try_from(typ).unwrap());
        } else {
            out.push(u8::try_from(typ & 0x7F).unwrap() | 0x80);
            out.push(u8::try_from(typ >> 7).unwrap());
        }
        let mut len = body.len();
        loop {
            let b = u8::try_from(len & 0x7F).unwrap();
            len >>= 7;
            if len == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        out.extend_from_slice(body);
    }
    fn wide(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut v = u32::try_from(units.len()).unwrap().to_le_bytes().to_vec();
        v.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        v
    }
    let mut book = Vec::new();
    let mut bundle = vec![0, 0, 0, 0, 1, 0, 0, 0];
    bundle.extend(wide("rId1"));
    bundle.extend(wide(name));
    record(&mut book, 0x009C, &bundle);
    record(&mut book, 0x0090, &[]);
    record(&mut book, 0x009D, &[0; 4]);
    let mut sheet = Vec::new();
    let (last_row, last_col) = cells
        .iter()
        .fold((0, 0), |(r, c), &(x, y)| (r.max(x), c.max(y)));
    let dim: Vec<u8> = [0, last_row, 0, last_col]
        .iter()
        .flat_map(|v: &u32| v.to_le_bytes())
        .collect();
    record(&mut sheet, 0x0094, &dim);
    record(&mut sheet, 0x0091, &[]);
    for &(row, col) in cells {
        let mut hdr = row.to_le_bytes().to_vec();
        hdr.extend([0; 13]);
        record(&mut sheet, 0x0000, &hdr);
        let mut cell = col.to_le_bytes().to_vec();
        cell.extend([0; 4]);
        cell.extend(7.0f64.to_le_bytes());
        record(&mut sheet, 0x0005, &cell);
    }
    record(&mut sheet, 0x0092, &[]);
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;
    let _ = rel_id;
    zip_of(&[
        ("xl/workbook.bin".into(), book),
        (
            "xl/_rels/workbook.bin.rels".into(),
            rels.replace("rId1\" Type", &format!("{rel_id}\" Type"))
                .into_bytes(),
        ),
        ("xl/worksheets/sheet1.bin".into(), sheet),
    ])
}
