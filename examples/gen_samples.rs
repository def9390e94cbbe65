//! Regenerates the sample committee in `samples/` and the LibreOffice fixtures in
//! `tests/fixtures/libreoffice/`:
//!
//! ```text
//! cargo run --example gen_samples
//! ```
//!
//! The `.xlsx` samples are written directly (byte-reproducible). The `.xls` and `.ods` ones,
//! and the fixtures, are written as `.xlsx` first and then saved by LibreOffice
//! (`soffice --headless --convert-to …`); when `soffice` is not installed those files are
//! left as they are and a note is printed.

mod common;

use std::path::Path;

use common::{BoxResult, fixtures, samples, soffice};

fn main() -> BoxResult<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("samples");
    std::fs::create_dir_all(&out)?;
    let have_soffice = soffice::available();
    if !have_soffice {
        eprintln!(
            "note: soffice not found; the .xls/.ods samples and the LibreOffice fixtures are not regenerated"
        );
    }
    for cell in samples::cells() {
        let bytes = samples::source_xlsx(&cell)?;
        let path = out.join(&cell.file);
        match samples::soffice_target(&cell.file) {
            None => std::fs::write(&path, bytes)?,
            Some(target) if have_soffice => {
                let stem = path
                    .file_stem()
                    .ok_or("no file stem")?
                    .to_string_lossy()
                    .to_string();
                let converted = soffice::convert_bytes(&bytes, &stem, target)?;
                std::fs::write(&path, converted)?;
            }
            Some(_) => continue,
        }
        println!("wrote {}", Path::new("samples").join(&cell.file).display());
    }
    std::fs::write(out.join("chibo.toml"), samples::CHIBO_TOML)?;
    std::fs::write(out.join("expected.json"), samples::expected_json()?)?;
    println!("wrote samples/chibo.toml, samples/expected.json");

    if have_soffice {
        let fx = root.join("tests").join("fixtures").join("libreoffice");
        std::fs::create_dir_all(&fx)?;
        let members = fixtures::members_source()?;
        let scores = fixtures::scores_source()?;
        let jobs: [(&[u8], &str, &str, &str); 3] = [
            (
                &members,
                "tieu-de-gop-ngay-van-ban",
                "xlsx:Calc MS Excel 2007 XML",
                "xlsx",
            ),
            (
                &scores,
                "cong-thuc-tong-diem",
                "xlsx:Calc MS Excel 2007 XML",
                "xlsx",
            ),
            (&scores, "cong-thuc-tong-diem", "ods", "ods"),
        ];
        for (bytes, stem, target, ext) in jobs {
            let converted = soffice::convert_bytes(bytes, stem, target)?;
            std::fs::write(fx.join(format!("{stem}.{ext}")), converted)?;
            println!("wrote tests/fixtures/libreoffice/{stem}.{ext}");
        }
    }
    Ok(())
}
