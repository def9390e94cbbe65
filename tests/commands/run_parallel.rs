//! `chibo run` reads and renders on `--jobs` threads (a window of workbooks at a time): whatever
//! the number of threads, the same folder gives the same files, byte for byte, and every
//! planned document is there.
#![allow(clippy::unwrap_used)]

use crate::sample_folder::samples;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Runs `chibo run` on the samples for 2025 into `out`; returns the exit code and stdout.
fn run(out: &Path, jobs: &str) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--lang", "vi", "run"])
        .arg(samples())
        .args(["--period", "2025", "--as-of", "2025-12-31", "--jobs", jobs])
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(rel.join("/"), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn one_thread_and_many_threads_write_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, many) = (tmp.path().join("one"), tmp.path().join("many"));
    let (code1, stdout1) = run(&one, "1");
    let (code4, stdout4) = run(&many, "4");
    assert_eq!(code1, Some(0), "{stdout1}");
    assert_eq!(code4, Some(0), "{stdout4}");
    // The closing summary names the output folder; the rest is the same.
    assert_eq!(
        stdout1.replace(&one.display().to_string(), "OUT"),
        stdout4.replace(&many.display().to_string(), "OUT")
    );
    assert!(
        // 14 minutes, four quarterly reports, the plan and the annual report.
        stdout1.contains("  Chi bộ Thư viện tỉnh: 20 văn bản\n"),
        "{stdout1}"
    );

    let a = files(&one);
    let b = files(&many);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same file names"
    );
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs between --jobs 1 and 4");
    }

    // Five cells, each: 15 meetings in 2025 (12 regular, one of them with a thematic
    // session, three thematic alone; cell 3 misses August), four quarterly reports, one plan,
    // one annual report; then the committee's report, the workbook and the log. No temporary
    // file is left behind.
    let docx = a.keys().filter(|k| k.ends_with(".docx")).count();
    assert_eq!(docx, 5 * (15 + 4 + 1 + 1) - 1 + 1);
    assert!(a.contains_key("bao-cao-tong-hop-2025.docx"));
    assert!(a.contains_key("tong-hop-2025.xlsx"));
    assert!(a.contains_key("nhat-ky.txt"));
    assert!(
        !a.keys().any(|k| k.ends_with(".tmp")),
        "{:?}",
        a.keys().collect::<Vec<_>>()
    );
    let log = String::from_utf8(a["nhat-ky.txt"].clone()).unwrap();
    let listed = log.lines().filter(|l| l.ends_with(".docx")).count();
    assert_eq!(listed, docx, "{log}");
    assert!(log.contains("- tong-hop-2025.xlsx\n"), "{log}");
    assert!(log.contains("KHÔNG TẠO ĐƯỢC\n(không có)\n"), "{log}");
}
