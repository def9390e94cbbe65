//! PDF conversion, side by side: one `soffice --convert-to pdf` call per document against
//! chibo's batch (`chibo::pdf::convert`, one LibreOffice process for the batch), on the same
//! documents in one run. Figures in docs/performance.md.
//!
//! `cargo run --release --example pdf_bench -- <folder with .docx> [documents]`: the `.docx`
//! under the folder (a `chibo run` result), repeated until there are `documents` of them
//! (default 30).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(args.next().expect("a folder of .docx documents"));
    let want: usize = args.next().map_or(30, |n| n.parse().expect("a number"));
    let soffice = chibo::pdf::find_soffice().expect("LibreOffice (soffice) must be installed");
    let found = chibo::pdf::documents_under(&folder);
    assert!(!found.is_empty(), "no .docx under {}", folder.display());

    let work = tempfile::tempdir().unwrap();
    let one_by_one = copies(&found, want, &work.path().join("mot-mot"));
    let batch = copies(&found, want, &work.path().join("ca-lo"));

    // One call per document, the way a script would do it; the profile is made beforehand
    // (not timed), so each call pays only LibreOffice's start.
    let profile = work.path().join("profile");
    convert_alone(&soffice, &profile, &one_by_one[0]);
    let start = Instant::now();
    for doc in &one_by_one {
        convert_alone(&soffice, &profile, doc);
    }
    let alone = start.elapsed().as_secs_f64();

    // chibo: the whole batch through one process, its fresh profile included in the time.
    let start = Instant::now();
    let done = chibo::pdf::convert(&soffice, &batch, &work.path().join("ca-lo")).unwrap();
    let together = start.elapsed().as_secs_f64();
    assert_eq!(done.written.len(), batch.len(), "{:?}", done.failed);
    for doc in &one_by_one {
        assert!(doc.with_extension("pdf").is_file(), "{}", doc.display());
    }

    let n = want as f64;
    println!("tài liệu / documents: {want}");
    println!(
        "mỗi văn bản một lần soffice / one soffice call per document: {alone:.1} s, {:.2} văn bản/s",
        n / alone
    );
    println!(
        "cả lô một tiến trình / one process for the batch:            {together:.1} s, {:.2} văn bản/s",
        n / together
    );
    println!("nhanh hơn / speed-up: {:.1}×", alone / together);
}

/// `want` documents copied from `found` (round robin) into `dir`, each under its own name.
fn copies(found: &[PathBuf], want: usize, dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..want)
        .map(|i| {
            let to = dir.join(format!("van-ban-{i:04}.docx"));
            std::fs::copy(&found[i % found.len()], &to).unwrap();
            to
        })
        .collect()
}

fn convert_alone(soffice: &Path, profile: &Path, doc: &Path) {
    let url = format!("file://{}", profile.display());
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation={url}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(doc.parent().unwrap())
        .arg(doc)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}
