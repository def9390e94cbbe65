//! Operating-system errors in the user's words. `std::io::Error` prints the system's English
//! (`Is a directory (os error 21)`); the office reads a Vietnamese sentence chosen by the error's
//! [`std::io::ErrorKind`], with the system's code kept in brackets for whoever helps them.

use std::io::ErrorKind;

use crate::diagnostic::Text;

/// What went wrong, as a short phrase in both languages (`đây là một thư mục, không phải tệp`).
#[must_use]
pub fn describe(e: &std::io::Error) -> Text {
    let (vi, en) = phrase(e.kind());
    let code = e.raw_os_error().map(|n| {
        (
            format!(" (mã lỗi hệ thống {n})"),
            format!(" (os error {n})"),
        )
    });
    let bound = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::input::TooLarge>());
    match code {
        Some((cvi, cen)) => Text::new(format!("{vi}{cvi}"), format!("{en}{cen}")),
        None if let Some(b) = bound => {
            let mb = b.max / crate::config::MIB;
            Text::new(
                format!("tệp lớn hơn {mb} MB, mức chibo đọc cho loại tệp này"),
                format!("the file is larger than {mb} MB, the most chibo reads of this kind"),
            )
        }
        // Not from the system (a short read, bad data from a zip or a parser): its own words
        // say most, kept as they are for whoever helps the office.
        None if matches!(e.kind(), ErrorKind::Other | ErrorKind::InvalidData) => {
            Text::new(format!("{vi} (nguyên văn: {e})"), format!("{en}: {e}"))
        }
        None => Text::new(vi, en),
    }
}

/// The phrase of each kind of error the office meets: a missing file, a file open in Word on
/// Windows, a full disk, a read-only folder, a folder given for a file.
fn phrase(kind: ErrorKind) -> (&'static str, &'static str) {
    match kind {
        ErrorKind::NotFound => ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
        ErrorKind::PermissionDenied => (
            "không có quyền truy cập (tệp đang mở trong chương trình khác, hoặc chỉ đọc)",
            "permission denied (the file is open in another program, or read-only)",
        ),
        ErrorKind::IsADirectory => (
            "đây là một thư mục, không phải tệp",
            "this is a folder, not a file",
        ),
        ErrorKind::NotADirectory => (
            "đây là một tệp, không phải thư mục",
            "this is a file, not a folder",
        ),
        ErrorKind::AlreadyExists => (
            "tệp hoặc thư mục đã có",
            "the file or folder already exists",
        ),
        ErrorKind::DirectoryNotEmpty => ("thư mục không trống", "the folder is not empty"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => (
            "ổ đĩa đã đầy: xóa bớt tệp rồi làm lại",
            "the disk is full: free some space and try again",
        ),
        ErrorKind::ReadOnlyFilesystem => {
            ("ổ đĩa chỉ cho đọc, không ghi được", "the disk is read-only")
        }
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => (
            "tệp đang được chương trình khác dùng: đóng chương trình đó rồi làm lại",
            "the file is in use by another program: close it and try again",
        ),
        ErrorKind::FileTooLarge => ("tệp quá lớn", "the file is too large"),
        ErrorKind::InvalidFilename => ("tên tệp không hợp lệ", "invalid file name"),
        ErrorKind::CrossesDevices => (
            "không chuyển được tệp sang ổ đĩa khác",
            "cannot move a file to another disk",
        ),
        ErrorKind::TimedOut => ("quá thời gian chờ", "timed out"),
        ErrorKind::Interrupted => ("bị ngắt giữa chừng", "interrupted"),
        ErrorKind::UnexpectedEof => ("tệp bị cụt (thiếu phần cuối)", "the file is cut short"),
        ErrorKind::InvalidData => ("dữ liệu không hợp lệ", "invalid data"),
        ErrorKind::OutOfMemory => ("máy hết bộ nhớ", "out of memory"),
        ErrorKind::AddrInUse => ("cổng mạng đang bận", "the network port is in use"),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset => {
            ("kết nối bị từ chối", "connection refused")
        }
        _ => ("lỗi hệ thống", "system error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_given_for_a_file_is_said_in_vietnamese() {
        let e = std::io::Error::from_raw_os_error(21);
        let t = describe(&e);
        if cfg!(target_os = "linux") {
            assert_eq!(
                t.vi,
                "đây là một thư mục, không phải tệp (mã lỗi hệ thống 21)"
            );
            assert_eq!(t.en, "this is a folder, not a file (os error 21)");
        }
        let t = describe(&std::io::Error::from(ErrorKind::NotFound));
        assert_eq!(t.vi, "không tìm thấy tệp hoặc thư mục");
        let t = describe(&std::io::Error::new(
            ErrorKind::InvalidData,
            "Invalid checksum",
        ));
        assert_eq!(t.vi, "dữ liệu không hợp lệ (nguyên văn: Invalid checksum)");
        assert_eq!(t.en, "invalid data: Invalid checksum");
    }
}
