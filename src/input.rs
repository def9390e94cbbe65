//! Reading a whole input file, never more than a bound: a template, a data file, `chibo.toml`.
//! A crafted or mistaken input (a multi-gigabyte file, a link to a device that never ends)
//! is refused with a message instead of filling the machine's memory. Workbooks have their own
//! guards (`crate::workbook`), and JSON arrays given to `chibo render` are streamed.

use std::io::Read as _;
use std::path::Path;

use crate::config::MIB;

/// Templates (`.docx`) and data read whole by `chibo render`: far above any real one.
pub const DOCUMENT_MAX: u64 = 512 * MIB;

/// Settings and records chibo keeps as text (`chibo.toml`, the register, the output record, the
/// run log): the register of a year of a thousand cells is about 5 MB.
pub const SETTINGS_MAX: u64 = 64 * MIB;

/// The error of a file over its bound: [`crate::os_error::describe`] words it with the bound.
#[derive(Debug)]
pub struct TooLarge {
    /// The bound, in bytes.
    pub max: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "larger than {} MB", self.max / MIB)
    }
}

impl std::error::Error for TooLarge {}

/// The bytes of the file at `path`, at most `max` of them; a larger file (or a device or pipe
/// that gives more) is an error of kind [`std::io::ErrorKind::FileTooLarge`] carrying
/// [`TooLarge`], read no further than one byte past the bound.
///
/// # Errors
/// The file cannot be opened or read, or holds more than `max` bytes.
pub fn read_at_most(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let too_large = || std::io::Error::new(std::io::ErrorKind::FileTooLarge, TooLarge { max });
    let declared = file.metadata().map(|m| m.len()).unwrap_or(0);
    if declared > max {
        return Err(too_large());
    }
    // The declared size is only a hint: a pipe or a device declares 0, a growing file more.
    let hint = usize::try_from(declared).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_bound_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_at_most(&p, 10).unwrap(), b"0123456789");
        let e = read_at_most(&p, 9).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.get_ref().unwrap().downcast_ref::<TooLarge>().is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_stops_at_the_bound() {
        let e = read_at_most(Path::new("/dev/zero"), MIB).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        let words = crate::os_error::describe(&e);
        assert!(words.vi.contains("1 MB"), "{}", words.vi);
    }
}
