//! Finding the workbooks of a committee's folder.
//!
//! Hand-written over `std::fs::read_dir` rather than `walkdir`: the walk is a dozen lines, and
//! the rules (skip hidden folders, lock files and given folders; never follow a symlinked
//! folder, so no loop can form) are ours either way.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location, Text};
use crate::t;

const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A folder or file the walk leaves out, and whether a workbook found there is named.
#[derive(Clone, Copy, Debug)]
pub struct Skip<'a> {
    pub path: &'a Path,
    kind: SkipKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SkipKind {
    /// chibo's output folder: its workbooks are named, but for chibo's own `tong-hop-*.xlsx`.
    Output,
    /// The committee's templates folder: its workbooks are named.
    Templates,
    /// Left out without a word (`chibo init`'s blank form).
    Quiet,
}

impl<'a> Skip<'a> {
    #[must_use]
    pub fn output(path: &'a Path) -> Self {
        Skip {
            path,
            kind: SkipKind::Output,
        }
    }

    #[must_use]
    pub fn templates(path: &'a Path) -> Self {
        Skip {
            path,
            kind: SkipKind::Templates,
        }
    }

    #[must_use]
    pub fn quiet(path: &'a Path) -> Self {
        Skip {
            path,
            kind: SkipKind::Quiet,
        }
    }
}

/// A skip path in every form it may be met in the walk.
struct SkipForms {
    forms: Vec<PathBuf>,
    kind: SkipKind,
}

/// Every workbook under `dir` (sub-folders too), skipping lock files (`~$…`), hidden files and
/// folders, and the folders and files in `skip`; sorted by the display path (relative, `/` separators).
/// Symlinked folders are not entered (no loops); symlinked files are read. A folder holding
/// chibo's record of what it wrote (`.chibo-manifest.json`) is an output folder wherever it is.
/// Each workbook left out because it sits in an output or the templates folder or in a
/// symlinked folder is named in a warning, so that `check` never ignores a cell silently.
#[must_use]
pub fn discover(dir: &Path, skip: &[Skip<'_>]) -> (Vec<(PathBuf, String)>, Vec<Diagnostic>) {
    let skip: Vec<SkipForms> = skip
        .iter()
        .map(|s| {
            let p = s.path;
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
            SkipForms {
                forms,
                kind: s.kind,
            }
        })
        .collect();
    let mut found = Vec::new();
    let mut diags = Vec::new();
    walk(dir, &[], &skip, &mut found, &mut diags);
    found.sort_by(|a: &(PathBuf, String), b| a.1.cmp(&b.1));
    (found, diags)
}

fn is_workbook(name: &str) -> bool {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
        && !name.starts_with('.')
        && !name.starts_with("~$")
}

/// The skip entry `path` matches.
fn skipped<'s>(skip: &'s [SkipForms], path: &Path) -> Option<&'s SkipForms> {
    let canon = std::fs::canonicalize(path).ok();
    skip.iter().find(|s| {
        s.forms
            .iter()
            .any(|f| f == path || canon.as_ref().is_some_and(|c| c == f))
    })
}

fn walk(
    dir: &Path,
    rel: &[String],
    skip: &[SkipForms],
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
        let is_dir = ft.is_dir() || (ft.is_symlink() && path.is_dir());
        if is_dir {
            if let Some(s) = skipped(skip, &path) {
                if s.kind != SkipKind::Quiet {
                    name_left_out(&path, &child_rel, s.kind, diags);
                }
            } else if path.join(crate::manifest::MANIFEST_FILE).is_file() {
                // A folder chibo wrote into (`--out` somewhere inside the committee's folder):
                // never read back as cells.
                name_left_out(&path, &child_rel, SkipKind::Output, diags);
            } else if ft.is_symlink() {
                name_left_out(&path, &child_rel, SkipKind::Quiet, diags);
            } else {
                walk(&path, &child_rel, skip, found, diags);
            }
        } else if (ft.is_file() || (ft.is_symlink() && path.is_file())) && is_workbook(&name) {
            match skipped(skip, &path) {
                None => found.push((path, child_rel.join("/"))),
                Some(s) if s.kind == SkipKind::Quiet => {}
                Some(s) => left_out(child_rel.join("/"), s.kind, diags),
            }
        }
    }
}

/// Names in warnings the workbooks of a folder the walk does not enter (`kind` `Quiet` here
/// means a symlinked folder). Looks only into the folder itself and, for the output folder,
/// its period folders, never through a further link.
fn name_left_out(dir: &Path, rel: &[String], kind: SkipKind, diags: &mut Vec<Diagnostic>) {
    let mut stack = vec![(dir.to_path_buf(), rel.to_vec(), 0u8)];
    while let Some((dir, rel, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut list: Vec<_> = entries.filter_map(Result::ok).collect();
        list.sort_by_key(std::fs::DirEntry::file_name);
        for e in list.into_iter().rev() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(ft) = e.file_type() else { continue };
            let mut child = rel.clone();
            child.push(name.clone());
            if ft.is_dir() && depth < 1 && !name.starts_with('.') {
                stack.push((e.path(), child, depth + 1));
            } else if ft.is_file() && is_workbook(&name) {
                let chibos_own = kind == SkipKind::Output && name.starts_with("tong-hop-");
                if !chibos_own {
                    left_out(child.join("/"), kind, diags);
                }
            }
        }
    }
}

fn left_out(file: String, kind: SkipKind, diags: &mut Vec<Diagnostic>) {
    let why: Text = match kind {
        SkipKind::Output => {
            t!("nằm trong thư mục kết quả của chibo" ; "it is in chibo's output folder")
        }
        SkipKind::Templates => {
            t!("nằm trong thư mục mẫu văn bản" ; "it is in the templates folder")
        }
        SkipKind::Quiet => {
            t!("nằm trong một thư mục liên kết (symlink), chibo không đọc qua liên kết" ;
                              "it is in a symbolically linked folder, which chibo does not follow")
        }
    };
    diags.push(
        Diagnostic::warning(
            "input.skipped",
            Location::file(file.clone()),
            t!("sổ {file} bị bỏ qua: {}", why.vi ; "{file} is skipped: {}", why.en),
        )
        .with_hint(
            t!("nếu đây là sổ của một chi bộ, chép nó ra thư mục chính của Đảng ủy" ;
                      "if this is a cell's workbook, copy it into the committee's main folder"),
        ),
    );
}
