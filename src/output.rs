//! Writing files safely: atomically, inside the output folder, with names every system accepts.
//!
//! A document is written to a temporary file in the same folder and renamed over the target,
//! so a reader (or an interrupted run) never sees half a file and the previous version stays
//! until the new one is complete. Names that come from data (a cell's name, a `--name`
//! pattern) go through [`safe_relative_path`], which keeps them inside the output folder.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed, then renamed.
///
/// # Errors
/// The folder cannot be created, the temporary file cannot be written, or the rename fails
/// (for example because the target is open and locked in another program).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One file or folder name that every system accepts: characters Windows forbids
/// (`< > : " / \ | ? *` and control characters) become `-`, trailing dots and spaces go, a
/// reserved device name gets a `_` in front, a leading dot becomes `_` (no hidden files), and
/// an empty result becomes `_`.
#[must_use]
pub fn safe_component(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let trimmed_len = s.trim_end_matches(['.', ' ']).len();
    s.truncate(trimmed_len);
    let s = s.trim_start().to_string();
    if s.is_empty() || s.chars().all(|c| c == '.' || c == '-') {
        return "_".to_string();
    }
    // A leading dot would hide the file (and look like one of write_atomic's temporaries).
    let s = match s.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None => s,
    };
    let stem = s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return format!("_{s}");
    }
    s
}

/// A relative path built from user-controlled text, split on `/` and `\`, each part made safe
/// with [`safe_component`]; `.`, `..`, drive letters and roots are dropped, so the result can
/// never leave the folder it is joined to.
#[must_use]
pub fn safe_relative_path(name: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for part in name.split(['/', '\\']) {
        let part = part.trim();
        if part.is_empty() || part == "." || part == ".." {
            continue;
        }
        out.push(safe_component(part));
    }
    if out.as_os_str().is_empty() {
        out.push("_");
    }
    debug_assert!(out.components().all(|c| matches!(c, Component::Normal(_))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert_eq!(
            safe_relative_path("../../etc/passwd"),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(
            safe_relative_path("/abs/x.docx"),
            PathBuf::from("abs/x.docx")
        );
        assert_eq!(
            safe_relative_path("C:\\Windows\\x.docx"),
            PathBuf::from("C-/Windows/x.docx")
        );
        assert_eq!(safe_relative_path(".."), PathBuf::from("_"));
        assert_eq!(safe_component("CON.docx"), "_CON.docx");
        assert_eq!(safe_component("a:b?.docx"), "a-b-.docx");
        assert_eq!(safe_component("Biên bản. "), "Biên bản");
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers = std::fs::read_dir(p.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
