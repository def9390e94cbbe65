//! Saving through LibreOffice (`soffice --headless --convert-to`), so that the `.xls`, `.ods`
//! and re-saved `.xlsx` files really are LibreOffice's output.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::BoxResult;

/// Whether `soffice` can be run.
#[must_use]
pub fn available() -> bool {
    Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Converts `input` with the filter `target` (`xls:"MS Excel 97"`, `ods`,
/// `xlsx:"Calc MS Excel 2007 XML"`) into `out_dir`, with a private profile directory so that
/// parallel runs do not collide. Returns the path written.
pub fn convert(input: &Path, target: &str, out_dir: &Path) -> BoxResult<PathBuf> {
    let profile = tempfile::tempdir()?;
    let profile_url = format!("file://{}", profile.path().display());
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .output()?;
    let ext = target.split(':').next().unwrap_or(target);
    let stem = input
        .file_stem()
        .ok_or("input has no file name")?
        .to_string_lossy()
        .to_string();
    let written = out_dir.join(format!("{stem}.{ext}"));
    if !output.status.success() || !written.exists() {
        return Err(format!(
            "soffice failed on {}: {}{}",
            input.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(written)
}

/// Writes `bytes` as `<stem>.xlsx` in a scratch folder, converts it with `target`, and
/// returns the converted bytes.
pub fn convert_bytes(bytes: &[u8], stem: &str, target: &str) -> BoxResult<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    let src_dir = dir.path().join("src");
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&src_dir)?;
    std::fs::create_dir_all(&out_dir)?;
    let src = src_dir.join(format!("{stem}.xlsx"));
    std::fs::write(&src, bytes)?;
    let written = convert(&src, target, &out_dir)?;
    Ok(std::fs::read(written)?)
}
