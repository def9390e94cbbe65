//! Finding the workbooks of a committee's folder.
//!
//! Hand-written over `std::fs::read_dir` rather than `walkdir`: the walk is a dozen lines, and
//! the rules (skip hidden folders, lock files and given folders; never follow a symlinked
//! folder, so no loop can form) are ours either way.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Every workbook under `dir` (sub-folders too), skipping lock files (`~$…`), hidden files and
/// folders, and the folders and files in `skip`; sorted by the display path (relative, `/` separators).
/// Symlinked folders are not entered (no loops); symlinked files are read.
#[must_use]
pub fn discover(dir: &Path, skip: &[&Path]) -> (Vec<(PathBuf, String)>, Vec<Diagnostic>) {
    let skip: Vec<PathBuf> = skip
        .iter()
        .flat_map(|p| {
            // A skip path may be given as the caller built it (`dir.join("ket-qua")`) or
            // relative to `dir` (`templates`): accept both, and their canonical forms.
            let mut forms = vec![p.to_path_buf()];
            if p.is_relative() {
                forms.push(dir.join(p));
            }
            let canon: Vec<PathBuf> = forms
                .iter()
                .filter_map(|f| std::fs::canonicalize(f).ok())
                .collect();
            forms.extend(canon);
            forms
        })
        .collect();
    let mut found = Vec::new();
    let mut diags = Vec::new();
    walk(dir, &[], &skip, &mut found, &mut diags);
    found.sort_by(|a: &(PathBuf, String), b| a.1.cmp(&b.1));
    (found, diags)
}

fn walk(
    dir: &Path,
    rel: &[String],
    skip: &[PathBuf],
    found: &mut Vec<(PathBuf, String)>,
    diags: &mut Vec<Diagnostic>,
) {
    let shown = if rel.is_empty() {
        ".".to_string()
    } else {
        rel.join("/")
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::warning(
                "folder.unreadable",
                Location::file(shown),
                t!("không đọc được thư mục: {}", crate::os_error::describe(&e).vi ; "cannot read the folder: {}", crate::os_error::describe(&e).en),
            ));
            return;
        }
    };
    let mut list: Vec<_> = entries.filter_map(Result::ok).collect();
    list.sort_by_key(std::fs::DirEntry::file_name);
    for entry in list {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        let mut child_rel = rel.to_vec();
        child_rel.push(name.clone());
        if ft.is_dir() {
            let canon = std::fs::canonicalize(&path).ok();
            if skip
                .iter()
                .any(|s| *s == path || canon.as_ref().is_some_and(|c| c == s))
            {
                continue;
            }
            walk(&path, &child_rel, skip, found, diags);
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            let ext = Path::new(&name)
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase());
            let skipped = || {
                let canon = std::fs::canonicalize(&path).ok();
                skip.iter()
                    .any(|s| *s == path || canon.as_ref().is_some_and(|c| c == s))
            };
            if ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) && !skipped() {
                found.push((path, child_rel.join("/")));
            }
        }
    }
}
