//! Mutation test: real fixtures (the sample workbooks in .xlsx, .xls and .ods, the default
//! .docx templates) with bytes flipped, inserted or cut, many times; the reader (and the model
//! after it) and the template engine (parse, then render with the example view) run in-process
//! inside `catch_unwind`, and must give a result or diagnostics, never a panic. A panic is
//! reported with the seed that reproduces it.
//!
//! Two kinds of mutation: on the raw file bytes (mostly caught by the zip/OLE layer), and on
//! the bytes of one decompressed XML part, re-zipped (reaching the XML readers).
//!
//! `CHIBO_MUTATIONS` sets the number of cases (default 240, bounded for CI); `CHIBO_SEED`
//! replays one case: `CHIBO_SEED=1234 cargo test --test hostile prop_mutation:: -- --nocapture`;
//! `CHIBO_TRACE=1` prints each seed before it runs (to find a case that aborts the process,
//! e.g. by exhausting memory, rather than panicking).
#![allow(clippy::unwrap_used)]

use std::io::{Read as _, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use chibo::config::Config;
use chibo::docx::{RenderOptions, Template};
use chibo::workbook::{ReadOptions, read_workbook};
use chrono::NaiveDate;

/// A small deterministic generator (xorshift64*): the same seed gives the same mutation.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }
}

/// Bytes that matter to the parsers, chosen more often than random ones.
const INTERESTING: &[u8] = b"<>/&\"'=#;:0123456789 \x00\xff\xc3\xa1{}%PK";

fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let n = 1 + rng.below(8);
    for _ in 0..n {
        if bytes.is_empty() {
            bytes.push(b'<');
            continue;
        }
        let at = rng.below(bytes.len());
        let byte = if rng.below(2) == 0 {
            INTERESTING[rng.below(INTERESTING.len())]
        } else {
            u8::try_from(rng.below(256)).unwrap()
        };
        match rng.below(6) {
            0..=2 => bytes[at] = byte,
            3 => bytes.insert(at, byte),
            4 => {
                bytes.remove(at);
            }
            _ => {
                // Cut or duplicate a run (truncation, repeated elements).
                let len = 1 + rng.below(64.min(bytes.len() - at));
                if rng.below(2) == 0 {
                    bytes.drain(at..at + len);
                } else {
                    let run: Vec<u8> = bytes[at..at + len].to_vec();
                    for (k, b) in run.into_iter().enumerate() {
                        bytes.insert(at + k, b);
                    }
                }
            }
        }
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
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

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (n, b) in entries {
        w.start_file(n.as_str(), opt).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One mutated copy of `original`: raw bytes, or (for a zip) one XML part's bytes.
fn mutated(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let is_zip = original.starts_with(b"PK");
    if is_zip && rng.below(3) != 0 {
        let mut entries = unzip(original);
        let xml: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| n.ends_with(".xml") || n.ends_with(".rels"))
            .map(|(i, _)| i)
            .collect();
        let pick = xml[rng.below(xml.len())];
        mutate(&mut entries[pick].1, rng);
        zip_of(&entries)
    } else {
        let mut b = original.to_vec();
        mutate(&mut b, rng);
        b
    }
}

fn cases(default: u64) -> u64 {
    std::env::var("CHIBO_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn seeds(default: u64) -> Vec<u64> {
    match std::env::var("CHIBO_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seed) => vec![seed],
        None => (0..cases(default)).collect(),
    }
}

/// Runs `f` for every seed (`default` of them unless `CHIBO_MUTATIONS` says); collects the
/// seeds that panicked, with the panic message.
fn every_seed(label: &str, default: u64, f: impl Fn(u64)) {
    // Keep the default hook quiet: a panic is reported below, with its seed.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut panics = Vec::new();
    let seeds = seeds(default);
    let trace = std::env::var_os("CHIBO_TRACE").is_some();
    for &seed in &seeds {
        if trace {
            eprintln!("{label}: seed {seed}");
        }
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| f(seed))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_default();
            panics.push(format!("seed {seed}: {msg}"));
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{label}: {} mutated inputs tried", seeds.len());
    assert!(
        panics.is_empty(),
        "{label}: {} panics (replay one with CHIBO_SEED=<seed>):\n{}",
        panics.len(),
        panics.join("\n")
    );
}

#[test]
fn mutated_workbooks_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let fixtures: Vec<(&str, Vec<u8>)> = [
        "chi-bo-1.xlsx",
        "chi-bo-2-messy.xlsx",
        "chi-bo-3.xls",
        "chi-bo-5-so-luong.ods",
    ]
    .iter()
    .map(|n| (*n, std::fs::read(root.join(n)).unwrap()))
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let options = ReadOptions::from_config(&config);
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    every_seed("workbooks", 240, |seed| {
        let mut rng = Rng::new(seed);
        let (name, original) = &fixtures[usize::try_from(seed).unwrap() % fixtures.len()];
        let bytes = mutated(original, &mut rng);
        let path = dir.path().join(format!("{seed}-{name}"));
        std::fs::write(&path, &bytes).unwrap();
        let out = read_workbook(&path, name, &options);
        if let Some(raw) = &out.workbook {
            let _ = chibo::model::build_cell(raw, &config, as_of);
        } else {
            assert!(!out.diagnostics.is_empty(), "no workbook and no diagnostic");
        }
        let _ = std::fs::remove_file(&path);
    });
}

#[test]
fn mutated_templates_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures: Vec<(&str, Vec<u8>, serde_json::Value)> = [
        ("bao-cao-quy.docx", "bao_cao_quy.json"),
        ("bien-ban-thuong-ky.docx", "bien_ban_thuong_ky.json"),
        ("ke-hoach-chuyen-de.docx", "ke_hoach.json"),
    ]
    .iter()
    .map(|(t, v)| {
        let view = std::fs::read_to_string(root.join("tests/fixtures/views").join(v)).unwrap();
        (
            *t,
            std::fs::read(root.join("templates").join(t)).unwrap(),
            serde_json::from_str(&view).unwrap(),
        )
    })
    .collect();
    every_seed("templates", 240, |seed| {
        let mut rng = Rng::new(seed);
        let (name, original, view) = &fixtures[usize::try_from(seed).unwrap() % fixtures.len()];
        let bytes = mutated(original, &mut rng);
        match Template::parse(&bytes, name) {
            Ok(t) => {
                let _ = t.render(view, &RenderOptions::default());
                let _ = t.render(
                    view,
                    &RenderOptions {
                        lenient: true,
                        ..RenderOptions::default()
                    },
                );
            }
            Err(diags) => assert!(!diags.is_empty(), "refused without a diagnostic"),
        }
    });
}

/// Sizes that matter to the readers: repeat counts, space runs, string counts.
const BIG: [u64; 8] = [
    0,
    1,
    1_000,
    16_384,
    1_048_576,
    100_000_000,
    2_147_483_648,
    1 << 40,
];

/// Replaces the number after one random occurrence of `attr="` in `text`.
fn set_random_number(text: &str, attr: &str, rng: &mut Rng) -> String {
    let spots: Vec<usize> = text
        .match_indices(attr)
        .map(|(i, _)| i + attr.len())
        .collect();
    let Some(&at) = spots.get(rng.below(spots.len())) else {
        return text.to_string();
    };
    let end = at + text[at..].find('"').unwrap_or(0);
    let n = BIG[rng.below(BIG.len())];
    format!("{}{n}{}", &text[..at], &text[end..])
}

/// The `.ods` sample's `content.xml` with one structural change: a repeat count, a run of
/// spaces, a value type dropped, or a far-away cell.
fn mutated_ods(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut entries = unzip(original);
    let content = entries
        .iter_mut()
        .find(|(n, _)| n == "content.xml")
        .unwrap();
    let text = String::from_utf8(content.1.clone()).unwrap();
    let text = match rng.below(4) {
        0 => set_random_number(&text, "number-columns-repeated=\"", rng),
        1 => set_random_number(&text, "number-rows-repeated=\"", rng),
        2 => {
            let n = BIG[rng.below(BIG.len())];
            let spots: Vec<usize> = text.match_indices("<text:p>").map(|(i, _)| i + 8).collect();
            let at = spots[rng.below(spots.len())];
            format!("{}<text:s text:c=\"{n}\"/>{}", &text[..at], &text[at..])
        }
        _ => {
            let spots: Vec<usize> = text
                .match_indices(" office:value-type=\"")
                .map(|(i, _)| i)
                .collect();
            let at = spots[rng.below(spots.len())];
            let end = at + 20 + text[at + 20..].find('"').unwrap() + 1;
            format!("{}{}", &text[..at], &text[end..])
        }
    };
    content.1 = text.into_bytes();
    zip_of(&entries)
}

/// The `.xlsx` sample with its shared-string table's declared count or entries changed.
fn mutated_shared_strings(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut entries = unzip(original);
    let sst = entries
        .iter_mut()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap();
    let text = String::from_utf8(sst.1.clone()).unwrap();
    let text = if rng.below(2) == 0 {
        set_random_number(&text, "uniqueCount=\"", rng)
    } else {
        let extra = "<si/>".repeat(rng.below(3_000_000));
        text.replacen("</sst>", &format!("{extra}</sst>"), 1)
    };
    sst.1 = text.into_bytes();
    zip_of(&entries)
}

/// The `.xls` sample with one BIFF record's length, or a cell's row and column, changed. The
/// records are walked from the first BOF (the sample's workbook stream is contiguous).
fn mutated_biff(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let start = bytes
        .windows(4)
        .position(|w| w == [0x09, 0x08, 0x10, 0x00])
        .unwrap();
    let mut records = Vec::new();
    let mut at = start;
    while at + 4 <= bytes.len() && records.len() < 5_000 {
        let typ = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let len = usize::from(u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]));
        if typ == 0 && len == 0 {
            break;
        }
        records.push((at, typ));
        at += 4 + len;
    }
    let (at, typ) = records[rng.below(records.len())];
    let cell = matches!(
        typ,
        0x0203 | 0x0204 | 0x00FD | 0x027E | 0x00BD | 0x0205 | 0x0006
    );
    if cell && rng.below(2) == 0 && at + 8 <= bytes.len() {
        let row = u16::try_from(rng.below(65_536)).unwrap();
        let col = u16::try_from(rng.below(65_536)).unwrap();
        bytes[at + 4..at + 6].copy_from_slice(&row.to_le_bytes());
        bytes[at + 6..at + 8].copy_from_slice(&col.to_le_bytes());
    } else {
        let len = u16::try_from(rng.below(65_536)).unwrap();
        bytes[at + 2..at + 4].copy_from_slice(&len.to_le_bytes());
    }
    bytes
}

/// A binary workbook (`.xlsb`, under an `.xlsx` name) with random cells, some far away, and
/// a few bytes of its sheet or workbook records changed.
fn mutated_xlsb(rng: &mut Rng) -> Vec<u8> {
    let cells: Vec<(u32, u32)> = (0..1 + rng.below(4))
        .map(|_| {
            let far = rng.below(2) == 0;
            let row = if far {
                rng.below(1_048_576)
            } else {
                rng.below(20)
            };
            let col = if far {
                rng.below(16_384)
            } else {
                rng.below(10)
            };
            (u32::try_from(row).unwrap(), u32::try_from(col).unwrap())
        })
        .collect();
    let rel = if rng.below(8) == 0 { "rId7" } else { "rId1" };
    let mut entries = unzip(&crate::hostile_common::xlsb("Đảng viên", rel, &cells));
    let pick = rng.below(entries.len());
    if !entries[pick].0.ends_with(".rels") {
        mutate(&mut entries[pick].1, rng);
    }
    zip_of(&entries)
}

/// Structure-aware mutations of the formats the memory classes of issue 14 came from: `.ods`
/// repeat counts and `<text:s>` runs, shared-string counts, BIFF record lengths and cell
/// positions, binary-workbook content. Read as `chibo` reads them: `.xls`, `.ods` and `.xlsb`
/// first in a child process under a memory limit (the binary of this build). Every case must
/// give a workbook or diagnostics: no panic, and no abort (which would end this test binary).
#[test]
fn mutated_workbook_structures_never_panic_or_exhaust_memory() {
    chibo::workbook::isolate_reading_with(env!("CARGO_BIN_EXE_chibo").into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let ods = std::fs::read(root.join("chi-bo-5-so-luong.ods")).unwrap();
    let xlsx = std::fs::read(root.join("chi-bo-1.xlsx")).unwrap();
    let xls = std::fs::read(root.join("chi-bo-3.xls")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let options = ReadOptions::from_config(&config);
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    every_seed("structures", 80, |seed| {
        let mut rng = Rng::new(seed);
        let (name, bytes) = match seed % 4 {
            0 => ("so.ods", mutated_ods(&ods, &mut rng)),
            1 => ("so.xlsx", mutated_shared_strings(&xlsx, &mut rng)),
            2 => ("so.xls", mutated_biff(&xls, &mut rng)),
            _ => ("nhi-phan.xlsx", mutated_xlsb(&mut rng)),
        };
        let path = dir.path().join(format!("{seed}-{name}"));
        std::fs::write(&path, &bytes).unwrap();
        let out = read_workbook(&path, name, &options);
        if let Some(raw) = &out.workbook {
            let _ = chibo::model::build_cell(raw, &config, as_of);
        } else {
            assert!(!out.diagnostics.is_empty(), "no workbook and no diagnostic");
        }
        let _ = std::fs::remove_file(&path);
    });
}
