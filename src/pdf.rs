//! PDF copies of the Word documents, for the members' app where meeting documents are posted
//! (42-HD/BTCTW). LibreOffice does the conversion in headless mode, with a profile folder of its
//! own (so it never touches, or waits for, the profile of a LibreOffice the user has open), and
//! a whole batch of documents goes through one LibreOffice process: starting LibreOffice costs
//! seconds, converting one more document a fraction of that (figures in docs/performance.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::RunArgs;
use crate::diagnostic::{Lang, Text};
use crate::t;

/// Documents per LibreOffice process: keeps the command line well under Windows' 32 767
/// characters (names are `00000.docx`, given relative to the batch folder).
const PER_PROCESS: usize = 400;

/// LibreOffice's program: `CHIBO_SOFFICE` when set (an empty or wrong value means none), else
/// `soffice` (or `libreoffice`) on `PATH`, else where the installers put it (Windows, macOS, the
/// Linux tarball under `/opt`).
#[must_use]
pub fn find_soffice() -> Option<PathBuf> {
    if let Some(given) = std::env::var_os("CHIBO_SOFFICE") {
        let given = PathBuf::from(given);
        return given.is_file().then_some(given);
    }
    on_path().or_else(|| usual_places().into_iter().find(|p| p.is_file()))
}

/// The first `soffice` or `libreoffice` program on `PATH`. Hand-written: a dozen lines of
/// `std::env::split_paths`, not worth a dependency.
fn on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Where LibreOffice's installers put the program.
fn usual_places() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"] {
            if let Some(dir) = std::env::var_os(var) {
                out.push(
                    PathBuf::from(dir)
                        .join("LibreOffice")
                        .join("program")
                        .join("soffice.exe"),
                );
            }
        }
    } else if cfg!(target_os = "macos") {
        out.push(PathBuf::from(
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ));
    } else {
        // Distribution packages put `soffice` on PATH; LibreOffice's own packages install
        // under /opt/libreofficeX.Y.
        if let Ok(entries) = std::fs::read_dir("/opt") {
            let mut dirs: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("libreoffice"))
                })
                .collect();
            dirs.sort();
            out.extend(dirs.into_iter().rev().map(|d| d.join("program/soffice")));
        }
    }
    out
}

/// What became of a batch.
#[derive(Debug, Default)]
pub struct Converted {
    /// The PDFs written, beside their documents.
    pub written: Vec<PathBuf>,
    /// The documents LibreOffice gave no PDF for, with why.
    pub failed: Vec<(PathBuf, Text)>,
}

/// Converts `docs` to PDF beside each (`x.docx` → `x.pdf`), through as few LibreOffice
/// processes as the batch needs. The work happens in a temporary folder inside `work` (the
/// output folder: same disk, so each PDF is put in place by an atomic rename).
///
/// # Errors
/// The temporary folder cannot be made, or LibreOffice cannot be started.
pub fn convert(soffice: &Path, docs: &[PathBuf], work: &Path) -> Result<Converted, Text> {
    let tmp = tempfile::Builder::new()
        .prefix(".chibo-pdf-")
        .tempdir_in(work)
        .map_err(|e| {
            let why = crate::os_error::describe(&e);
            t!("không tạo được thư mục tạm trong {}: {}", work.display(), why.vi ;
               "cannot make a temporary folder in {}: {}", work.display(), why.en)
        })?;
    let mut done = Converted::default();
    for (chunk_no, chunk) in docs.chunks(PER_PROCESS).enumerate() {
        let dir = tmp.path().join(format!("lo-{chunk_no}"));
        convert_chunk(soffice, chunk, &dir, &mut done)?;
    }
    Ok(done)
}

/// One LibreOffice process for `docs`: each copied in as `00000.docx` … (names LibreOffice
/// cannot stumble on, and unique where two cells both have `ke-hoach-chuyen-de-2025.docx`),
/// converted into `out/`, and each PDF renamed beside its document.
fn convert_chunk(
    soffice: &Path,
    docs: &[PathBuf],
    dir: &Path,
    done: &mut Converted,
) -> Result<(), Text> {
    let (input, output, profile) = (dir.join("in"), dir.join("out"), dir.join("profile"));
    for d in [&input, &output, &profile] {
        std::fs::create_dir_all(d).map_err(|e| io_text(d, &e))?;
    }
    let mut names = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let name = format!("{i:05}.docx");
        if let Err(e) = std::fs::copy(doc, input.join(&name)) {
            done.failed.push((doc.clone(), io_text(doc, &e)));
            continue;
        }
        names.push((i, name));
    }
    if names.is_empty() {
        return Ok(());
    }
    let status = run_soffice(soffice, &input, &output, &profile, &names)?;
    for (i, name) in &names {
        let Some(doc) = docs.get(*i) else { continue };
        let pdf = output.join(name.replace(".docx", ".pdf"));
        let target = doc.with_extension("pdf");
        match std::fs::rename(&pdf, &target) {
            Ok(()) => done.written.push(target),
            Err(_) if !pdf.exists() => done.failed.push((
                doc.clone(),
                t!("LibreOffice không chuyển được văn bản này sang PDF ({status})" ;
                   "LibreOffice did not convert this document to PDF ({status})"),
            )),
            Err(e) => done.failed.push((doc.clone(), io_text(&target, &e))),
        }
    }
    Ok(())
}

/// Runs LibreOffice over the named files of `input` and waits for it, at most a minute and a
/// few seconds per document (a LibreOffice stuck on a dialog must not hang the run).
fn run_soffice(
    soffice: &Path,
    input: &Path,
    output: &Path,
    profile: &Path,
    names: &[(usize, String)],
) -> Result<String, Text> {
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={}", file_url(profile)))
        .args([
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
        ])
        .arg(output)
        .args(names.iter().map(|(_, n)| n))
        .current_dir(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            let why = crate::os_error::describe(&e);
            t!("không chạy được LibreOffice ({}): {}", soffice.display(), why.vi ;
               "cannot start LibreOffice ({}): {}", soffice.display(), why.en)
        })?;
    let limit = Duration::from_secs(60 + 5 * names.len() as u64);
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status.to_string()),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok("quá thời gian chờ / timed out".to_string());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(io_text(soffice, &e)),
        }
    }
}

fn io_text(path: &Path, e: &std::io::Error) -> Text {
    let why = crate::os_error::describe(e);
    t!("{}: {}", path.display(), why.vi ; "{}: {}", path.display(), why.en)
}

/// A folder as the `file:///` URL LibreOffice's `-env:UserInstallation` wants, on Windows too
/// (`file:///C:/…`). Hand-written: percent-encoding a path is a few lines, and the `url` crate
/// is not otherwise needed.
fn file_url(dir: &Path) -> String {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Every `.docx` under the output folder `dir`, sorted: not LibreOffice's or Word's lock and
/// temporary files, nor the documents a rerun moved aside (`van-ban-cu/`) or backed up before
/// overwriting (`ban-da-sua/`).
#[must_use]
pub fn documents_under(dir: &Path) -> Vec<PathBuf> {
    let set_aside = [crate::manifest::STALE_DIR, crate::manifest::BACKUP_DIR].map(|d| dir.join(d));
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.starts_with("~$") || set_aside.contains(&path) {
                continue;
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if name.to_lowercase().ends_with(".docx") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The output folder `chibo run` wrote to with these arguments.
fn out_dir_of(args: &RunArgs) -> Option<PathBuf> {
    if let Some(out) = &args.out {
        return Some(out.clone());
    }
    let config = crate::config::Config::load(&args.input.dir).ok()?;
    let period = crate::aggregate::Period::parse(&args.period).ok()?;
    Some(
        args.input
            .dir
            .join(crate::output::safe_relative_path(&config.dau_ra.thu_muc))
            .join(period.code()),
    )
}

/// The message when LibreOffice is not installed.
#[must_use]
pub fn missing_message() -> Text {
    t!("không tìm thấy LibreOffice nên chưa tạo PDF; các văn bản Word vẫn đã được tạo đủ. Cài LibreOffice (miễn phí, libreoffice.org) rồi chạy lại với --pdf" ;
       "LibreOffice was not found, so no PDF was made; the Word documents were all produced. Install LibreOffice (free, libreoffice.org) and run again with --pdf")
}

/// `chibo run --pdf`, after the documents are written: a PDF beside each. Returns the exit code
/// the PDF step adds (`1` when some or all PDFs could not be made).
#[must_use]
pub fn after_run(args: &RunArgs, lang: Lang) -> u8 {
    let label = if lang == Lang::Vi { "lỗi" } else { "error" };
    let Some(soffice) = find_soffice() else {
        eprintln!("{label}: {}", missing_message().get(lang));
        return crate::commands::EXIT_DATA;
    };
    let Some(out_dir) = out_dir_of(args) else {
        return crate::commands::EXIT_DATA;
    };
    let docs = documents_under(&out_dir);
    match convert(&soffice, &docs, &out_dir) {
        Ok(done) => {
            for (doc, why) in &done.failed {
                eprintln!("{label}: {}: {}", doc.display(), why.get(lang));
            }
            let n = done.written.len();
            println!(
                "{}",
                t!("Đã tạo {n} tệp PDF cạnh các văn bản Word." ; "{n} PDF files written beside the Word documents.").get(lang)
            );
            if done.failed.is_empty() {
                crate::commands::EXIT_OK
            } else {
                crate::commands::EXIT_DATA
            }
        }
        Err(e) => {
            eprintln!("{label}: {}", e.get(lang));
            crate::commands::EXIT_DATA
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_folder_is_a_file_url() {
        let url = file_url(Path::new("/ho-so/thư mục/profile"));
        assert_eq!(url, "file:///ho-so/th%C6%B0%20m%E1%BB%A5c/profile");
    }
}
