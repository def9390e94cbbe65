//! The memory guard for an `.xlsx` package's shared-string table: calamine reads the whole
//! table when it opens the file, reserving the count the `<sst>` element declares and keeping
//! one `String` (24 bytes, even when empty) per `<si>`. A hundred million empty `<si/>` unzip
//! to 500 MB (under the unzipped-size limit) and compress to a few hundred kilobytes, yet cost
//! 2.4 GB. Before calamine sees the file, the declared count and the real number of entries
//! are checked against the cell limit (`so_o`): a workbook never needs more distinct strings
//! than it may have cells.
#![allow(
    clippy::result_large_err,
    reason = "one diagnostic per file, on a cold path"
)]

use std::io::{BufReader, Read, Seek};

use quick_xml::events::Event;

use super::reader::Limits;
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// Fails when a shared-string table of the package declares or holds more strings than the
/// limit. `names` are the package's entries.
pub(crate) fn check<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    names: &std::collections::BTreeSet<String>,
    display: &str,
    limits: &Limits,
) -> Result<(), Diagnostic> {
    let limit = limits.max_cells as u64;
    // calamine finds the table through the workbook's relationships; every entry that could
    // be it is checked.
    for name in names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
    {
        let Ok(entry) = zip.by_name(name) else {
            continue;
        };
        let count = count_strings(BufReader::new(entry), limit);
        if count > limit {
            return Err(too_many(display, name, count, limits));
        }
    }
    Ok(())
}

/// The larger of the declared count and the `<si>` entries, counting stops past `limit`.
/// A table that does not parse counts what was read: calamine reports the damage itself.
fn count_strings<R: std::io::BufRead>(input: R, limit: u64) -> u64 {
    let mut xml = quick_xml::Reader::from_reader(input);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut declared = 0u64;
    let mut entries = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    declared = e
                        .try_get_attribute("uniqueCount")
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.trim().parse::<u64>().ok())
                        .unwrap_or(0);
                }
                "si" => entries += 1,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        if entries > limit {
            break;
        }
    }
    // `uniqueCount` is what calamine reserves (`count` counts uses, which may rightly be more).
    declared.max(entries)
}

fn too_many(display: &str, part: &str, count: u64, limits: &Limits) -> Diagnostic {
    let raise = crate::config::raise_limit("so_o");
    Diagnostic::error(
        "file.too_large",
        Location::file(display),
        t!("bảng chuỗi dùng chung của tệp ({part}) có hơn {} chuỗi ({count}), vượt giới hạn số ô {}", limits.max_cells, limits.max_cells ;
           "the file's shared-string table ({part}) holds more than {} strings ({count}), above the cell limit of {}", limits.max_cells, limits.max_cells),
    )
    .with_hint(t!("tệp có thể bị hỏng hoặc cố ý làm phình to: mở bằng Excel hoặc LibreOffice rồi lưu lại, hoặc lấy lại tệp từ người gửi; nếu đó thật là sổ của chi bộ, {}", raise.vi ;
                  "the file may be damaged or deliberately inflated: open it in Excel or LibreOffice and save it again, or get it again from the sender; if it really is the cell's workbook, {}", raise.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_declared_and_real_strings() {
        let xml = |s: &str| std::io::Cursor::new(s.as_bytes().to_vec());
        assert_eq!(
            count_strings(
                xml(r#"<sst count="30" uniqueCount="2"><si><t>a</t></si><si/></sst>"#),
                10
            ),
            2
        );
        assert_eq!(
            count_strings(xml(r#"<sst uniqueCount="100000000"></sst>"#), 10),
            100_000_000
        );
        assert_eq!(
            count_strings(xml(&format!("<sst>{}</sst>", "<si/>".repeat(50))), 10),
            11
        );
    }
}
