//! The working folder's files, as the page sees them: paths checked to stay inside the folder,
//! listings, files and a folder's `.zip` streamed from disk.

use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// `rel` (a `/`-separated path a request names) inside `root`, or `None` when it could reach
/// outside: an absolute path, a drive, `..`, or a link that leads out. `root` is canonical;
/// the answer is the canonical path of an existing file or folder.
#[must_use]
pub fn inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = rel.replace('\\', "/");
    let mut path = root.to_path_buf();
    for part in rel.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let mut comps = Path::new(part).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(c)), None) => path.push(c),
            _ => return None,
        }
    }
    // A symbolic link inside the folder may still point out of it. `dunce`: on Windows the
    // canonical form without the `\\?\` prefix, as the folder itself was made canonical.
    let real = dunce::canonicalize(&path).ok()?;
    real.starts_with(root).then_some(real)
}

/// One entry of a listing.
#[derive(Serialize)]
pub(crate) struct Entry {
    /// Path relative to the working folder, `/`-separated.
    pub duong_dan: String,
    pub ten: String,
    pub thu_muc: bool,
    pub kich_thuoc: u64,
}

/// The entries of `dir` (inside `root`), folders first, then by name; hidden and temporary
/// files (`.x`, `~$x`) left out.
pub(crate) fn list(root: &Path, dir: &Path) -> Vec<Entry> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Entry> = entries
        .flatten()
        .filter_map(|e| {
            let ten = e.file_name().to_string_lossy().into_owned();
            if ten.starts_with('.') || ten.starts_with("~$") {
                return None;
            }
            let meta = e.metadata().ok()?;
            Some(Entry {
                duong_dan: relative(root, &e.path()),
                ten,
                thu_muc: meta.is_dir(),
                kich_thuoc: meta.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.thu_muc.cmp(&a.thu_muc).then_with(|| a.ten.cmp(&b.ten)));
    out
}

/// Every file under `dir`, recursively, as listed by [`list`], sorted by path.
pub(crate) fn files_under(root: &Path, dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in list(root, &d) {
            if e.thu_muc {
                stack.push(root.join(&e.duong_dan));
            } else {
                out.push(e);
            }
        }
    }
    out.sort_by(|a, b| a.duong_dan.cmp(&b.duong_dan));
    out
}

/// `path` relative to `root`, `/`-separated.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The content type the browser needs to open or save a file.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        "txt" | "toml" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// `attachment; filename="…"; filename*=UTF-8''…`: the Vietnamese name kept, an ASCII one for
/// old browsers. Hand-written percent-encoding (RFC 5987): a few lines.
pub(crate) fn attachment(name: &str) -> String {
    let ascii: String = crate::text::ascii_slug(name.trim_end_matches(|c| c != '.'))
        .trim_end_matches('-')
        .to_string();
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ascii = if ext.is_empty() {
        ascii
    } else {
        format!("{ascii}.{ext}")
    };
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A file sent from disk in chunks (never whole in memory); `download` asks the browser to save
/// it rather than open it.
pub(crate) fn send(file: std::fs::File, name: &str, kind: &Path, download: bool) -> Response {
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let stream = futures_util::stream::unfold(file, |mut f| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match f.read(&mut buf) {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(buf), f))
            }
            Err(e) => Some((Err(e), f)),
        }
    });
    let disposition = if download {
        attachment(name)
    } else {
        attachment(name).replacen("attachment", "inline", 1)
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type(kind).to_string()),
            (header::CONTENT_LENGTH, len.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// Every file under `dir` in a `.zip` written to a temporary file (a year's documents can be
/// large), named inside the archive by their path under `dir`.
///
/// # Errors
/// The temporary file cannot be written, or a file cannot be read.
pub(crate) fn zip_folder(root: &Path, dir: &Path) -> std::io::Result<std::fs::File> {
    let mut tmp = tempfile::tempfile()?;
    {
        let mut zip = zip::ZipWriter::new(&mut tmp);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            // A fixed time: the same folder gives the same archive.
            .last_modified_time(zip::DateTime::default());
        for e in files_under(root, dir) {
            let name = relative(dir, &root.join(&e.duong_dan));
            zip.start_file(name, options)
                .map_err(std::io::Error::other)?;
            let mut f = std::fs::File::open(root.join(&e.duong_dan))?;
            std::io::copy(&mut f, &mut zip)?;
        }
        zip.finish().map_err(std::io::Error::other)?;
    }
    tmp.flush()?;
    tmp.rewind()?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
        let root = dunce::canonicalize(dir.path()).unwrap_or_else(|_| unreachable!());
        std::fs::create_dir(root.join("a")).unwrap_or_else(|_| unreachable!());
        std::fs::write(root.join("a/b.txt"), "x").unwrap_or_else(|_| unreachable!());
        assert_eq!(inside(&root, "a/b.txt"), Some(root.join("a/b.txt")));
        assert_eq!(inside(&root, "a\\b.txt"), Some(root.join("a/b.txt")));
        assert_eq!(inside(&root, "../x"), None);
        assert_eq!(inside(&root, "a/../../x"), None);
        assert_eq!(inside(&root, "/etc/passwd"), None);
        assert_eq!(inside(&root, "a/missing"), None);
    }

    #[test]
    fn attachment_names_keep_vietnamese() {
        let a = attachment("Biên bản.docx");
        assert!(a.contains("filename=\"bien-ban.docx\""), "{a}");
        assert!(
            a.contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.docx"),
            "{a}"
        );
    }
}
