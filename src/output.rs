//! Writing files safely: atomically, inside the output folder, with names every system accepts.
//!
//! A document is written to a temporary file in the same folder and renamed over the target,
//! so a reader (or an interrupted run) never sees half a file and the previous version stays
//! until the new one is complete. Names that come from data (a cell's name, a `--name`
//! pattern) go through [`safe_relative_path`], which keeps them inside the output folder.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to a new hidden temporary file beside `path`, `.name.<pid>-<tag>.tmp`, and
/// returns its path; with `sync`, flushed to the disk. The name follows from the target, the
/// tag and the process, so a caller can find it again without keeping it ([`Batch`]); a
/// leftover of an earlier process with the same id is replaced. A temporary file that could not
/// be written is removed.
fn write_temporary(path: &Path, tag: &str, bytes: &[u8], sync: bool) -> std::io::Result<PathBuf> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = temporary_path(path, tag);
    let open = || {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        // A document is an ordinary file that the office's other accounts and the shared
        // folder must read: 0666 less the umask, as any program's output.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            o.mode(0o666);
        }
        o.open(&tmp)
    };
    let written = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(&tmp).and_then(|()| open())
        }
        other => other,
    }
    .and_then(|mut f| {
        f.write_all(bytes)?;
        if sync { f.sync_all() } else { Ok(()) }
    });
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The temporary file [`write_temporary`] writes for `path` and `tag`.
fn temporary_path(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{tag}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed, then renamed.
///
/// # Errors
/// The folder cannot be created, the temporary file cannot be written, or the rename fails
/// (for example because the target is open and locked in another program).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = write_temporary(path, "w", bytes, true)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Many files written as one batch, with the guarantees of [`write_atomic`] at a fraction of
/// its cost: each file goes to a temporary file beside its target as soon as it is ready
/// ([`Batch::stage`]), then [`Batch::commit`] makes them all durable with ONE sync of the file
/// system and renames each over its target. A flush per file makes the disk wait once per
/// document (most of a run's time on a small machine); one sync at the end waits once.
///
/// An interrupted batch leaves only hidden `.name.….tmp` files beside the targets, never a
/// half-written document, and the previous documents stay as they were.
///
/// The batch keeps nothing per file but its key: the caller knows where each of its files goes
/// and says so at [`Batch::commit`], and a temporary file's name follows from its target, the
/// key and the process (`.name.<pid>-<key>.tmp`). A province-wide run stages tens of thousands
/// of documents; a path kept for each would be a small allocation made on a render thread and
/// held to the end, which is what made that run's memory grow (docs/performance.md).
#[derive(Debug, Default)]
pub struct Batch {
    staged: std::sync::Mutex<Vec<usize>>,
}

impl Batch {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `bytes` to a temporary file beside `path`. `key` is the caller's name for the
    /// file, unique in the batch: [`Batch::commit`] asks for its target by it, and names
    /// failures by it.
    ///
    /// # Errors
    /// The folder cannot be created or the temporary file cannot be written.
    pub fn stage(&self, key: usize, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        // No file-system-wide sync at the commit elsewhere: flush each file now.
        write_temporary(path, &key.to_string(), bytes, !cfg!(unix))?;
        if let Ok(mut staged) = self.staged.lock() {
            staged.push(key);
        }
        Ok(())
    }

    /// Syncs every staged file to the disk, then renames each over its target, in key order;
    /// `target` gives the path a key was staged for (the `path` of [`Batch::stage`]). Returns
    /// the files that could not be put in place (target locked, read-only folder …); their
    /// temporary files are removed.
    #[must_use]
    pub fn commit(
        self,
        target: impl Fn(usize) -> PathBuf,
    ) -> Vec<(usize, PathBuf, std::io::Error)> {
        self.commit_from(&target, |key| Some(target(key)))
    }

    /// As [`Batch::commit`], for files staged under a provisional name: `staged_at` gives the
    /// path a key was staged for, `target` the path it goes to; a key without a target has its
    /// temporary file removed.
    #[must_use]
    pub fn commit_from(
        self,
        staged_at: impl Fn(usize) -> PathBuf,
        target: impl Fn(usize) -> Option<PathBuf>,
    ) -> Vec<(usize, PathBuf, std::io::Error)> {
        let mut staged = self
            .staged
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        staged.sort_unstable();
        // Each key's temporary file and target, worked out once for the sync and the renames.
        let files: Vec<(usize, PathBuf, Option<PathBuf>)> = staged
            .into_iter()
            .map(|key| {
                (
                    key,
                    temporary_path(&staged_at(key), &key.to_string()),
                    target(key),
                )
            })
            .collect();
        sync_filesystems(
            files
                .iter()
                .filter(|(_, _, to)| to.is_some())
                .map(|(_, tmp, _)| tmp.as_path()),
        );
        let mut failures = Vec::new();
        for (key, tmp, to) in files {
            let Some(to) = to else {
                let _ = std::fs::remove_file(&tmp);
                continue;
            };
            if let Err(e) = std::fs::rename(&tmp, &to) {
                let _ = std::fs::remove_file(&tmp);
                failures.push((key, to, e));
            }
        }
        failures
    }
}

impl Batch {
    /// Gives the batch up: every staged file is removed (and its folder, when that leaves it
    /// empty), no target is touched; `target` as for [`Batch::commit`].
    pub fn abandon(self, target: impl Fn(usize) -> PathBuf) {
        let staged = self
            .staged
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for key in staged {
            let to = target(key);
            let _ = std::fs::remove_file(temporary_path(&to, &key.to_string()));
            // The folder made for it, when nothing else is in it.
            if let Some(dir) = to.parent() {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// Flushes the files to the disk: one `syncfs` per file system on unix; elsewhere each file
/// was flushed when it was staged. When `syncfs` fails, each file is flushed on its own.
fn sync_filesystems<'a>(files: impl Iterator<Item = &'a Path>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let mut devices: Vec<u64> = Vec::new();
        for file in files {
            let Ok(meta) = std::fs::metadata(file) else {
                continue;
            };
            if devices.contains(&meta.dev()) {
                continue;
            }
            devices.push(meta.dev());
            let synced = std::fs::File::open(file)
                .and_then(|f| rustix::fs::syncfs(&f).map_err(std::io::Error::from));
            if synced.is_err() {
                // Fall back on flushing this file alone; the other files of the device follow
                // through the same path because the device is not marked as synced.
                devices.pop();
                if let Ok(f) = std::fs::OpenOptions::new().write(true).open(file) {
                    let _ = f.sync_all();
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = files;
    }
}

/// Creates the folders of `rel` (a path relative to `base`, `/`-separated; `base` itself is
/// created as given) one at a time, refusing any that is a symbolic link: a link someone left in the output folder must never
/// make chibo write outside it.
///
/// # Errors
/// A folder on the way is a symbolic link, or is a file, or cannot be created.
pub fn real_parent(base: &Path, rel: &str) -> Result<(), crate::diagnostic::Text> {
    let mut dir = base.to_path_buf();
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    parts.pop();
    if !parts.is_empty()
        && let Err(e) = std::fs::create_dir_all(base)
    {
        let shown = base.display();
        let e = crate::os_error::describe(&e);
        return Err(crate::t!("không tạo được thư mục «{shown}»: {}", e.vi ;
                             "cannot create the folder «{shown}»: {}", e.en));
    }
    for part in parts {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                let shown = dir.display();
                return Err(crate::t!(
                    "«{shown}» là một liên kết (symlink): chibo không ghi qua liên kết ra ngoài thư mục kết quả; xóa liên kết rồi chạy lại" ;
                    "«{shown}» is a symbolic link: chibo does not write through links out of the output folder; remove it and run again"
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                let shown = dir.display();
                return Err(crate::t!("«{shown}» là một tệp, không phải thư mục" ;
                                     "«{shown}» is a file, not a folder"));
            }
            Err(_) => {
                if let Err(e) = std::fs::create_dir(&dir)
                    && !dir.is_dir()
                {
                    let shown = dir.display();
                    let e = crate::os_error::describe(&e);
                    return Err(crate::t!("không tạo được thư mục «{shown}»: {}", e.vi ;
                                         "cannot create the folder «{shown}»: {}", e.en));
                }
            }
        }
    }
    Ok(())
}

/// The lock of an output folder, held for a whole run: a second run into the same folder is
/// refused instead of mixing its files with the first one's (or removing its staged files).
/// The lock is the operating system's on `.chibo.lock`, released when the run ends, even when
/// it is killed; the file itself stays.
#[derive(Debug)]
pub struct FolderLock {
    _file: std::fs::File,
}

/// The lock file of an output folder.
pub const LOCK_FILE: &str = ".chibo.lock";

impl FolderLock {
    /// Creates `dir` if needed and locks it.
    ///
    /// # Errors
    /// The folder cannot be created or written (one message naming it), or another run holds
    /// it.
    pub fn take(dir: &Path) -> Result<FolderLock, crate::diagnostic::Text> {
        let shown = dir.display();
        let cannot = |e: &std::io::Error| {
            let e = crate::os_error::describe(e);
            crate::t!("không tạo hoặc ghi được thư mục kết quả «{shown}»: {}; chọn thư mục khác (--out) hoặc xin quyền ghi vào thư mục này; chưa tạo văn bản nào", e.vi ;
                      "cannot create or write the output folder «{shown}»: {}; choose another folder (--out) or get write access to it; nothing was produced", e.en)
        };
        std::fs::create_dir_all(dir).map_err(|e| cannot(&e))?;
        match try_lock_file(&dir.join(LOCK_FILE)) {
            Ok(Some(file)) => Ok(FolderLock { _file: file }),
            Ok(None) => Err(crate::t!(
                "một lần chạy chibo khác đang ghi vào thư mục «{shown}»; đợi lần đó xong rồi chạy lại" ;
                "another chibo run is writing into «{shown}»; wait for it to finish and run again"
            )),
            Err(e) => Err(cannot(&e)),
        }
    }
}

/// Opens `path` (created empty if missing, never truncated) and takes the operating system's
/// exclusive lock on it: `Ok(None)` when another process holds it. The lock goes with the
/// returned file: released when it is dropped or the process ends, even when it is killed, so
/// a lock file left on disk by a dead run never blocks the next one (and is never removed:
/// removing it while another run opens it would let two runs each lock a different file).
///
/// # Errors
/// The file cannot be created or opened, or the lock cannot be asked for.
pub(crate) fn try_lock_file(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// The absolute form of `p` with every existing part resolved (links, `..`): the folder that
/// will be written to, even when its last parts do not exist yet.
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while std::fs::canonicalize(&existing).is_err() {
        match (
            existing.file_name().map(std::ffi::OsStr::to_os_string),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return abs,
        }
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    out
}

/// The output folder may be used for a run over `input`: it is not the input folder itself,
/// it does not hold the input folder, and no workbook of the input is inside it (a run must
/// never overwrite an input file). An output folder inside the input folder is fine: it is left
/// out of the workbooks read.
///
/// # Errors
/// The message naming both folders.
pub fn check_out_dir(
    input: &Path,
    out: &Path,
    workbooks: &[(PathBuf, String)],
) -> Result<(), crate::diagnostic::Text> {
    let (i, o) = (resolved(input), resolved(out));
    let shown = out.display();
    if i == o || i.starts_with(&o) {
        return Err(crate::t!(
            "thư mục kết quả «{shown}» trùng với (hoặc chứa) thư mục sổ Excel; chọn thư mục khác bằng --out, ví dụ một thư mục con mới; chưa tạo văn bản nào" ;
            "the output folder «{shown}» is (or holds) the workbooks' folder; choose another one with --out, for example a new sub-folder; nothing was produced"
        ));
    }
    if let Some((_, file)) = workbooks.iter().find(|(p, _)| resolved(p).starts_with(&o)) {
        return Err(crate::t!(
            "thư mục kết quả «{shown}» chứa sổ Excel {file}; chọn thư mục khác bằng --out; chưa tạo văn bản nào" ;
            "the output folder «{shown}» holds the workbook {file}; choose another one with --out; nothing was produced"
        ));
    }
    Ok(())
}

/// The longest file or folder name chibo writes, in bytes: well under the 255 of every usual
/// file system, so that a path of a few levels also stays under Windows' usual 260 characters.
pub const MAX_NAME_BYTES: usize = 100;

/// `name` when it fits in [`MAX_NAME_BYTES`]; otherwise cut on a character boundary, with 8
/// hex digits of its SHA-256 and its extension after the cut: the same long name always gives
/// the same short one, and two long names sharing their start stay apart.
#[must_use]
pub fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let ext = match name.rsplit_once('.') {
        Some((_, e)) if !e.is_empty() && e.len() <= 5 && e.is_ascii() => format!(".{e}"),
        _ => String::new(),
    };
    let hash = crate::manifest::sha256_hex(name.as_bytes());
    let keep = MAX_NAME_BYTES - ext.len() - 9;
    let mut cut = keep.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = name
        .get(..cut)
        .unwrap_or_default()
        .trim_end_matches([' ', '.', '-']);
    format!("{head}-{}{ext}", hash.get(..8).unwrap_or_default())
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
        return shorten(&format!("_{s}"));
    }
    shorten(&s)
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
    fn a_batch_puts_every_file_in_place_and_reports_the_ones_it_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let batch = Batch::new();
        let a = dir.path().join("x/a.docx");
        let b = dir.path().join("x/b.docx");
        std::fs::create_dir_all(dir.path().join("x")).unwrap();
        std::fs::write(&a, b"old").unwrap();
        // A folder where a file should go: the rename fails, as for a locked file.
        std::fs::create_dir_all(b.join("blocked")).unwrap();
        batch.stage(1, &a, b"new a").unwrap();
        batch.stage(0, &b, b"new b").unwrap();
        // Nothing is in place before the commit.
        assert_eq!(std::fs::read(&a).unwrap(), b"old");
        let failures = batch.commit(|key| if key == 0 { b.clone() } else { a.clone() });
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].0, 0);
        assert_eq!(failures[0].1, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        // No temporary file is left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path().join("x"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_ne!(mode & 0o044, 0, "others can read the output: {mode:o}");
        }
    }
}
