//! The document number register `so-van-ban.toml` (#17): numbers per issuer and type over a
//! term, the same number for the same document, a new term from 01, hand edits respected, a
//! broken register refused and left alone, the register's sheet in the consolidated workbook.
//! Every case through the real binary, on a synthetic committee.
#![allow(clippy::unwrap_used)]

use crate::docx_common;
use crate::examples_common as common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, DataType as _, Reader as _, Xlsx, open_workbook};
use chibo::register::{FILE_NAME, Register};
use common::canonical::{Options, write};
use common::synth::{CHIBO_TOML, synthetic_cell};

const AS_OF: &str = "2025-12-31";
const SEED: u64 = 17;
const TERM: &str = "\n[nhiem_ky]\nten = \"2025-2030\"\n";

fn chibo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// `chibo run DIR --period PERIOD --as-of 2025-12-31` and `more`.
fn run(dir: &Path, period: &str, more: &[&str]) -> Output {
    let mut args = vec!["run", dir.to_str().unwrap(), "--period", period];
    args.extend(["--as-of", AS_OF]);
    args.extend(more);
    let o = chibo(&args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A committee of two synthetic cells, with `extra` after the usual `chibo.toml`.
fn committee(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dang-bo");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chibo.toml"), format!("{CHIBO_TOML}{extra}")).unwrap();
    for n in 1..=2 {
        let cell = synthetic_cell(SEED, n, 2025);
        std::fs::write(
            dir.join(&cell.file),
            write(&cell, Options::default()).unwrap(),
        )
        .unwrap();
    }
    (tmp, dir)
}

fn register_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(FILE_NAME)).unwrap()
}

fn register(dir: &Path, term: &str) -> Register {
    Register::parse(&register_text(dir), term).unwrap()
}

/// The visible text of a document of the output folder.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    docx_common::visible_text(&docx_common::part(&bytes, "word/document.xml"))
}

/// The document of the register's entry `ma` of `issuer`, and its number line.
fn numbered(dir: &Path, out: &str, issuer_prefix: &str, ma: &str) -> (PathBuf, String) {
    let r = register(dir, "2025-2030");
    let e = r
        .of_term()
        .into_iter()
        .find(|e| e.noi_ban_hanh.starts_with(issuer_prefix) && e.ma == ma)
        .unwrap_or_else(|| panic!("no entry {ma} of {issuer_prefix}:\n{}", register_text(dir)));
    (dir.join(out).join(&e.tep), e.so_ky_hieu())
}

/// Every file under `dir`, relative, `/`-separated.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The files of `a` and `b` that differ (or are in one only), `.chibo.lock` aside.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// The documents of a tree (the workbook lists the whole register, which grows).
fn documents(t: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    t.into_iter()
        .filter(|(k, _)| k.ends_with(".docx"))
        .collect()
}

#[test]
fn each_new_document_takes_the_next_number_of_its_issuer_and_type() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q3", &[]);
    let (doc, line) = numbered(&dir, "ket-qua/2025-Q3", "", "bao_cao_quy 2025-Q3");
    assert!(line.starts_with("Số 01-BC/"), "{line}");
    assert!(
        text_of(&doc).contains(&line),
        "{line} not in {}",
        doc.display()
    );
    let (committee_doc, line) = numbered(
        &dir,
        "ket-qua/2025-Q3",
        "Đảng bộ",
        "bao_cao_tong_hop 2025-Q3",
    );
    assert_eq!(line, "Số 01-BC/ĐU");
    assert!(text_of(&committee_doc).contains("Số 01-BC/ĐU"));

    // The next quarter: each issuer's reports go on from 02; the plan type starts at its own 01.
    run(&dir, "2025-Q4", &[]);
    let r = register(&dir, "2025-2030");
    let issuers: std::collections::BTreeSet<&str> = r
        .entries()
        .iter()
        .map(|e| e.noi_ban_hanh.as_str())
        .collect();
    assert!(
        issuers.len() >= 3,
        "two cells and the committee: {issuers:?}"
    );
    for issuer in issuers {
        let q4 = if issuer.starts_with("Đảng bộ") {
            "bao_cao_tong_hop 2025-Q4"
        } else {
            "bao_cao_quy 2025-Q4"
        };
        let (doc, line) = numbered(&dir, "ket-qua/2025-Q4", issuer, q4);
        assert!(line.starts_with("Số 02-BC/"), "{issuer}: {line}");
        assert!(text_of(&doc).contains(&line), "{issuer}: {line}");
        assert_eq!(r.next(issuer, "BC"), 3, "{issuer}");
        assert_eq!(r.next(issuer, "KH"), 1, "{issuer}");
    }
}

#[test]
fn the_same_document_keeps_its_number_and_two_runs_give_the_same_bytes() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q3", &[]);
    run(&dir, "2025-Q4", &[]);
    let register_before = register_text(&dir);
    let out_before = tree(&dir.join("ket-qua/2025-Q3"));
    assert!(out_before.keys().filter(|k| k.ends_with(".docx")).count() > 4);
    // Q3 again, on one thread this time: same numbers, not a byte different.
    run(&dir, "2025-Q3", &["--jobs", "1"]);
    assert_eq!(register_text(&dir), register_before);
    let (_, line) = numbered(&dir, "ket-qua/2025-Q3", "", "bao_cao_quy 2025-Q3");
    assert!(line.starts_with("Số 01-BC/"), "{line}");
    let docs_before = documents(out_before.clone());
    let again = documents(tree(&dir.join("ket-qua/2025-Q3")));
    assert_eq!(differing(&again, &docs_before), Vec::<String>::new());

    // The same input in another folder, on four threads: the same register and documents.
    let (_tmp2, other) = committee(TERM);
    run(&other, "2025-Q3", &["--jobs", "4"]);
    run(&other, "2025-Q4", &["--jobs", "4"]);
    assert_eq!(register_text(&other), register_before);
    let other_q4 = tree(&other.join("ket-qua/2025-Q4"));
    assert_eq!(
        differing(&other_q4, &tree(&dir.join("ket-qua/2025-Q4"))),
        Vec::<String>::new()
    );
}

#[test]
fn a_new_term_starts_every_issuer_over_from_01() {
    let (_tmp, dir) = committee("\n[nhiem_ky]\nten = \"2020-2025\"\n");
    run(&dir, "2025-Q3", &[]);
    run(&dir, "2025-Q4", &[]);
    let old = register(&dir, "2020-2025");
    let old_count = old.entries().len();
    assert!(old.entries().iter().any(|e| e.so == 2));

    let config = std::fs::read_to_string(dir.join("chibo.toml")).unwrap();
    std::fs::write(
        dir.join("chibo.toml"),
        config.replace("2020-2025", "2025-2030"),
    )
    .unwrap();
    run(&dir, "2025-Q4", &[]);
    let new = register(&dir, "2025-2030");
    assert!(
        new.entries().len() > old_count,
        "old entries kept, new ones added"
    );
    assert_eq!(new.entries()[..old_count], old.entries()[..]);
    let (doc, line) = numbered(&dir, "ket-qua/2025-Q4", "", "bao_cao_quy 2025-Q4");
    assert!(line.starts_with("Số 01-BC/"), "{line}");
    assert!(text_of(&doc).contains(&line));
    assert!(new.of_term().iter().all(|e| e.nhiem_ky == "2025-2030"));
}

#[test]
fn a_number_changed_by_hand_is_respected() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q3", &[]);
    let (_, line) = numbered(&dir, "ket-qua/2025-Q3", "", "bao_cao_quy 2025-Q3");
    let entry = format!(
        "so = 1\nky_hieu = \"{}\"",
        line.trim_start_matches("Số 01-")
    );
    let text = register_text(&dir);
    assert!(text.contains(&entry), "{text}");
    // The clerk had already issued 06 reports by hand: this one is 07.
    let edited = text.replacen(&entry, &entry.replace("so = 1", "so = 7"), 1);
    std::fs::write(dir.join(FILE_NAME), &edited).unwrap();

    run(&dir, "2025-Q3", &[]);
    assert_eq!(
        register_text(&dir),
        edited,
        "nothing new: the file is left as the clerk saved it"
    );
    let (doc, line) = numbered(&dir, "ket-qua/2025-Q3", "", "bao_cao_quy 2025-Q3");
    assert!(line.starts_with("Số 07-BC/"), "{line}");
    assert!(text_of(&doc).contains(&line));
    // The next report of that cell follows the clerk's number.
    run(&dir, "2025-Q4", &[]);
    let (_, q3) = numbered(&dir, "ket-qua/2025-Q3", "", "bao_cao_quy 2025-Q3");
    let issuer = register(&dir, "2025-2030")
        .entries()
        .iter()
        .find(|e| e.so_ky_hieu() == q3)
        .unwrap()
        .noi_ban_hanh
        .clone();
    let (_, q4) = numbered(&dir, "ket-qua/2025-Q4", &issuer, "bao_cao_quy 2025-Q4");
    assert!(q4.starts_with("Số 08-BC/"), "{q4}");
}

#[test]
fn a_broken_register_is_named_and_left_as_it_is() {
    let (_tmp, dir) = committee(TERM);
    let broken = "[[van_ban]]\nso = 1\nky_hieu = \"BC/CB1\"\nnoi_ban_hanh = \"Chi bộ 1\"\nnhiem_ky = \"2025-2030\"\n\n[[van_ban]]\nso = \"bảy\"\nky_hieu = \"BC/CB1\"\nnoi_ban_hanh = \"Chi bộ 1\"\nnhiem_ky = \"2025-2030\"\n";
    std::fs::write(dir.join(FILE_NAME), broken).unwrap();
    let args = [
        "run",
        dir.to_str().unwrap(),
        "--period",
        "2025-Q4",
        "--as-of",
        AS_OF,
    ];
    let o = chibo(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("so-van-ban.toml, dòng 8"), "{err}");
    assert!(err.contains("bảy"), "{err}");
    assert!(err.contains("chưa tạo văn bản nào"), "{err}");
    assert_eq!(register_text(&dir), broken);
    assert!(!dir.join("ket-qua/2025-Q4").exists());

    // A syntax error too: its line and text.
    std::fs::write(dir.join(FILE_NAME), "[[van_ban]]\nso = 07\n").unwrap();
    let o = chibo(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("dòng 2") && err.contains("so = 07"), "{err}");
    assert_eq!(register_text(&dir), "[[van_ban]]\nso = 07\n");
}

#[test]
fn the_consolidated_workbook_lists_the_register() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q4", &[]);
    let xlsx = dir.join("ket-qua/2025-Q4/tong-hop-2025-Q4.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let rows: Vec<Vec<Data>> = wb
        .worksheet_range("Sổ văn bản")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.get_string() == Some("STT")))
        .unwrap();
    let names: Vec<String> = rows[header].iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "STT",
            "Số",
            "Ký hiệu",
            "Ngày",
            "Trích yếu",
            "Nơi ban hành",
            "Tệp"
        ]
    );
    let data = &rows[header + 1..];
    let r = register(&dir, "2025-2030");
    assert_eq!(data.len(), r.of_term().len());
    let committee = data
        .iter()
        .find(|row| row[2].get_string() == Some("BC/ĐU"))
        .unwrap();
    assert_eq!(committee[1], Data::Float(1.0));
    assert!(committee[4].to_string().contains("quý IV năm 2025"));
    assert_eq!(committee[6].to_string(), "bao-cao-tong-hop-2025-Q4.docx");
}

#[test]
fn without_a_term_documents_keep_the_blank_to_fill() {
    let (_tmp, dir) = committee("");
    run(&dir, "2025-Q4", &[]);
    assert!(!dir.join(FILE_NAME).exists());
    let out = dir.join("ket-qua/2025-Q4");
    assert!(text_of(&out.join("bao-cao-tong-hop-2025-Q4.docx")).contains("Số     -BC/ĐU"));
    let wb: Xlsx<_> = open_workbook(out.join("tong-hop-2025-Q4.xlsx")).unwrap();
    assert!(!wb.sheet_names().iter().any(|s| s == "Sổ văn bản"));
}

#[test]
fn check_shows_the_next_numbers_and_a_broken_register() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q4", &[]);
    let args = ["check", dir.to_str().unwrap(), "--as-of", AS_OF];
    let o = chibo(&args);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("Số văn bản tiếp theo (nhiệm kỳ 2025-2030"),
        "{out}"
    );
    assert!(out.contains("  Đảng bộ Khối Thử nghiệm: BC 02\n"), "{out}");

    let text = register_text(&dir).replacen("so = 1\n", "so = 0\n", 1);
    std::fs::write(dir.join(FILE_NAME), &text).unwrap();
    let o = chibo(&args);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(
        all.contains("so-van-ban.toml, dòng") && all.contains("`0`"),
        "{all}"
    );
    assert!(!all.contains("Số văn bản tiếp theo"), "{all}");
    assert_eq!(register_text(&dir), text);
}

#[test]
fn a_year_run_numbers_the_quarters_reports_before_the_years_report() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025", &[]);
    let r = register(&dir, "2025-2030");
    let issuer = r.of_term()[0].noi_ban_hanh.clone();
    let reports: Vec<(u32, &str)> = r
        .of_term()
        .into_iter()
        .filter(|e| e.noi_ban_hanh == issuer && e.loai() == "BC")
        .map(|e| (e.so, e.ma.as_str()))
        .collect();
    assert_eq!(
        reports,
        [
            (1, "bao_cao_quy 2025-Q1"),
            (2, "bao_cao_quy 2025-Q2"),
            (3, "bao_cao_quy 2025-Q3"),
            (4, "bao_cao_quy 2025-Q4"),
            (5, "bao_cao_nam 2025"),
        ],
        "{}",
        register_text(&dir)
    );
}

/// The number symbol has one home, the registry: every document the register numbers prints
/// its kind's symbol there (minutes and resolutions included), and the register files it under
/// that type.
#[test]
fn every_numbered_document_carries_its_kinds_symbol_from_the_registry() {
    let extra = "\n[the_thuc]\nbien_ban_co_so = true\n\n[dau_ra]\nnghi_quyet = [\"*\"]\n";
    let (_tmp, dir) = committee(&format!("{TERM}{extra}"));
    run(&dir, "2025", &[]);
    let r = register(&dir, "2025-2030");
    let mut types = std::collections::BTreeSet::new();
    for e in r.of_term() {
        let key = e.ma.split(' ').next().unwrap();
        let kind = chibo::view::registry::kind(key).unwrap_or_else(|| panic!("{e:?}"));
        assert_eq!(e.loai(), kind.symbol, "{e:?}");
        let text = text_of(&dir.join("ket-qua/2025").join(&e.tep));
        assert!(text.contains(&e.so_ky_hieu()), "{e:?}");
        types.insert(kind.symbol);
    }
    assert_eq!(
        types.into_iter().collect::<Vec<_>>(),
        ["BB", "BC", "KH", "NQ"],
        "{}",
        register_text(&dir)
    );
}

/// `chibo run DIR --period PERIOD --as-of 2025-12-31 --out OUT`, started, not waited for.
fn spawn_run(dir: &Path, period: &str, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["run", dir.to_str().unwrap(), "--period", period])
        .args(["--as-of", AS_OF, "--out", out.to_str().unwrap()])
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The `.docx` files of an output folder (none when it does not exist).
fn docx_files(out: &Path) -> Vec<String> {
    if !out.exists() {
        return Vec::new();
    }
    documents(tree(out)).into_keys().collect()
}

const REFUSED: &str = "một lần chạy chibo khác đang cấp số văn bản";

#[test]
fn a_run_is_refused_while_another_holds_the_register_and_nothing_is_lost() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q3", &[]);
    let before = register_text(&dir);

    let lock = chibo::register::RegisterLock::take(&dir).unwrap();
    let args = ["run", dir.to_str().unwrap(), "--period", "2025-Q4"];
    let o = chibo(&[&args[..], &["--as-of", AS_OF]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(REFUSED), "{err}");
    assert!(err.contains(chibo::register::LOCK_FILE), "{err}");
    assert!(err.contains("đợi lần đó xong rồi chạy lại"), "{err}");
    assert_eq!(register_text(&dir), before, "the register is left as it is");
    assert_eq!(
        docx_files(&dir.join("ket-qua/2025-Q4")),
        Vec::<String>::new()
    );

    // The holder ends (as a killed run's lock ends with its process): its lock file stays on
    // disk and blocks nothing; the refused run, run again, takes the next numbers.
    drop(lock);
    assert!(dir.join(chibo::register::LOCK_FILE).exists());
    run(&dir, "2025-Q4", &[]);
    let (doc, line) = numbered(&dir, "ket-qua/2025-Q4", "", "bao_cao_quy 2025-Q4");
    assert!(line.starts_with("Số 02-BC/"), "{line}");
    assert!(text_of(&doc).contains(&line));
    assert!(register_text(&dir).starts_with(before.trim_end()));
}

/// Two runs started together on one working folder, into two output folders: each either
/// numbers its documents or is refused (and writes none); the register ends with the numbers
/// of every run that made documents, never one number twice (a repeat fails its parse).
#[test]
fn two_runs_started_together_never_share_or_lose_a_number() {
    let mut refused = 0;
    for _round in 0..3 {
        let (tmp, dir) = committee(TERM);
        let outs = [tmp.path().join("ra-q3"), tmp.path().join("ra-q4")];
        let children = [
            spawn_run(&dir, "2025-Q3", &outs[0]),
            spawn_run(&dir, "2025-Q4", &outs[1]),
        ];
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let r = register(&dir, "2025-2030");
        let mut made = 0;
        for ((o, out), quarter) in outputs.iter().zip(&outs).zip(["2025-Q3", "2025-Q4"]) {
            let err = String::from_utf8_lossy(&o.stderr);
            match o.status.code() {
                Some(0 | 1) => {
                    made += 1;
                    let ours: Vec<_> = r
                        .of_term()
                        .into_iter()
                        .filter(|e| e.ma.ends_with(quarter))
                        .collect();
                    assert!(ours.len() >= 3, "two cells and the committee: {ours:?}");
                    for e in ours {
                        let text = text_of(&out.join(&e.tep));
                        assert!(text.contains(&e.so_ky_hieu()), "{}: {e:?}", out.display());
                    }
                }
                Some(2) => {
                    refused += 1;
                    assert!(err.contains(REFUSED), "{err}");
                    assert_eq!(docx_files(out), Vec::<String>::new());
                    assert!(r.of_term().iter().all(|e| !e.ma.ends_with(quarter)));
                }
                other => panic!("{other:?}: {err}"),
            }
        }
        assert!(made >= 1, "one of the two runs makes its documents");
    }
    eprintln!("two runs together: {refused} of 6 refused");
}

#[test]
fn check_json_gives_the_next_numbers() {
    let (_tmp, dir) = committee(TERM);
    run(&dir, "2025-Q3", &[]);
    run(&dir, "2025-Q4", &[]);
    let args = ["check", dir.to_str().unwrap(), "--as-of", AS_OF];
    let text = String::from_utf8_lossy(&chibo(&args).stdout).into_owned();
    let o = chibo(&[&args[..], &["--json"]].concat());
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reg = &doc["register"];
    assert_eq!(reg["file"], FILE_NAME);
    assert_eq!(reg["term"], "2025-2030");
    let next = reg["next_numbers"].as_array().unwrap();
    assert!(next.contains(&serde_json::json!(
        {"issuer": "Đảng bộ Khối Thử nghiệm", "type": "BC", "next": 3}
    )));
    // The same numbers as the text report, issuer by issuer.
    let mut lines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in next {
        let issuer = n["issuer"].as_str().unwrap().to_string();
        let so = format!(
            "{} {:02}",
            n["type"].as_str().unwrap(),
            n["next"].as_u64().unwrap()
        );
        lines.entry(issuer).or_default().push(so);
    }
    assert!(lines.len() >= 3, "{next:?}");
    for (issuer, kinds) in lines {
        let line = format!("  {issuer}: {}\n", kinds.join(", "));
        assert!(text.contains(&line), "{line} not in {text}");
    }

    // A broken register: an error in `diagnostics`, no numbers, exit 1; the file untouched.
    let broken = register_text(&dir).replacen("so = 1\n", "so = 0\n", 1);
    std::fs::write(dir.join(FILE_NAME), &broken).unwrap();
    let o = chibo(&[&args[..], &["--json"]].concat());
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["register"], serde_json::Value::Null);
    assert!(doc["errors"].as_u64().unwrap() >= 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["file"] == FILE_NAME && d["code"] == "register.bad_value"),
        "{diags:?}"
    );
    assert_eq!(register_text(&dir), broken);
}

#[test]
fn check_json_has_no_register_without_a_term() {
    let (_tmp, dir) = committee("");
    let o = chibo(&["check", dir.to_str().unwrap(), "--as-of", AS_OF, "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["register"], serde_json::Value::Null);
    assert!(!dir.join(chibo::register::LOCK_FILE).exists());
}
