//! Library errors in the user's words. serde_json, the YAML and TOML readers, zip, quick-xml,
//! calamine, rust_xlsxwriter and tera print English sentences; the office reads a Vietnamese
//! phrase chosen by the error's kind (its variant, or its category and message where the crate
//! gives nothing finer), with the position it gives (line and column, or byte) and the
//! library's own words kept in brackets (`nguyên văn: …`) for whoever helps them, as
//! [`crate::os_error`] keeps the system's error code. An I/O error inside any of them is
//! worded by [`os_error::describe`]. The English texts (`--lang en`) keep the library's words.
//!
//! Written by hand: none of these crates has a Vietnamese translation, and their messages are
//! stable enough to be matched (an unknown one still gets a Vietnamese phrase by its kind).

use crate::diagnostic::Text;
use crate::os_error;

/// `phrase (nguyên văn: original)`.
fn with_original(vi: &str, original: &str) -> String {
    format!("{vi} (nguyên văn: {original})")
}

/// `dòng 3, cột 7: ` when the position is known (1-based, 0 for unknown).
fn at_line(line: u64, column: u64) -> (String, String) {
    match (line, column) {
        (0, _) => (String::new(), String::new()),
        (l, 0) => (format!("dòng {l}: "), format!("line {l}: ")),
        (l, c) => (
            format!("dòng {l}, cột {c}: "),
            format!("line {l}, column {c}: "),
        ),
    }
}

/// A JSON error: where (line and column) and what (`thiếu một giá trị`), by its category and
/// message.
#[must_use]
pub fn json(e: &serde_json::Error) -> Text {
    if let Some(kind) = e.io_error_kind() {
        return os_error::describe(&std::io::Error::from(kind));
    }
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let phrase = match e.classify() {
        serde_json::error::Category::Eof => json_eof(message),
        serde_json::error::Category::Syntax => json_syntax(message),
        serde_json::error::Category::Data => json_data(message),
        serde_json::error::Category::Io => "không đọc được dữ liệu",
    };
    let (lvi, len) = at_line(e.line() as u64, e.column() as u64);
    Text::new(
        format!("{lvi}{}", with_original(phrase, message)),
        format!("{len}{message}"),
    )
}

/// The file ended inside something.
fn json_eof(message: &str) -> &'static str {
    match message.strip_prefix("EOF while parsing ") {
        Some("an object") => "hết tệp khi đang đọc một đối tượng (thiếu `}`)",
        Some("a list") => "hết tệp khi đang đọc một mảng (thiếu `]`)",
        Some("a string") => "hết tệp khi đang đọc một chuỗi (thiếu dấu `\"` đóng)",
        Some("a value") => "hết tệp khi đang chờ một giá trị",
        _ => "hết tệp giữa chừng: dữ liệu bị cụt",
    }
}

/// The common syntax errors of hand-written JSON.
fn json_syntax(message: &str) -> &'static str {
    match message {
        "expected `:`" => "thiếu dấu `:` sau tên khóa",
        "expected `,` or `]`" => "thiếu dấu `,` hoặc `]` trong mảng",
        "expected `,` or `}`" => "thiếu dấu `,` hoặc `}` trong đối tượng",
        "expected ident" => "từ viết sai: ngoài chuỗi trong ngoặc kép chỉ dùng true, false, null",
        "expected value" => "thiếu một giá trị, hoặc có ký tự không hợp lệ",
        "expected `\"`" => "thiếu dấu ngoặc kép `\"`",
        "invalid escape" => "ký tự sau dấu `\\` trong chuỗi viết sai",
        "invalid number" => "số viết sai",
        "number out of range" => "số quá lớn",
        "invalid unicode code point"
        | "unexpected end of hex escape"
        | "lone leading surrogate in hex escape" => "mã Unicode `\\u…` viết sai",
        "key must be a string" => "tên khóa phải là một chuỗi trong ngoặc kép",
        "trailing comma" => "thừa dấu `,` ở cuối",
        "trailing characters" => "có ký tự thừa sau phần dữ liệu",
        "recursion limit exceeded" => "dữ liệu lồng nhau quá sâu",
        m if m.starts_with("control character") => {
            "chuỗi có ký tự điều khiển (xuống dòng, tab): viết chúng là \\n, \\t"
        }
        _ => "dữ liệu JSON viết sai cú pháp",
    }
}

/// A value of the wrong kind (rare for chibo, which reads any JSON value).
fn json_data(message: &str) -> &'static str {
    if message.starts_with("invalid type") {
        "giá trị không đúng kiểu"
    } else {
        "dữ liệu không dùng được"
    }
}

/// A YAML error: where, and the reader's words.
#[must_use]
pub fn yaml(e: &serde_saphyr::Error) -> Text {
    let original = e.without_snippet().to_string();
    let mut original = original.lines().next().unwrap_or_default();
    let (lvi, len) = match e.location() {
        Some(l) => {
            // The reader's words end with the position, already said in front.
            let at = format!(" at line {}, column {}", l.line(), l.column());
            original = original.strip_suffix(&at).unwrap_or(original);
            at_line(l.line(), l.column())
        }
        None => at_line(0, 0),
    };
    Text::new(
        format!("{lvi}{}", with_original("cú pháp YAML sai", original)),
        format!("{len}{original}"),
    )
}

/// A TOML error in `text`: where (from its span), and the reader's words.
#[must_use]
pub fn toml(e: &toml::de::Error, text: &str) -> Text {
    let original = e.message().trim();
    let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
    let (lvi, len) = at_line(line, column);
    Text::new(
        format!("{lvi}{}", with_original("cú pháp TOML sai", original)),
        format!("{len}{original}"),
    )
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (u64, u64) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() + 1;
    (line as u64, column as u64)
}

/// A zip error (a template, a workbook), by its variant.
#[must_use]
pub fn zip(e: &zip::result::ZipError) -> Text {
    use zip::result::ZipError;
    let phrase = match e {
        ZipError::Io(io) => return os_error::describe(io),
        ZipError::InvalidArchive(m) if m.contains("EOCD") || m.contains("end of central") => {
            "không tìm thấy mục lục ở cuối tệp nén: tệp bị cụt, hoặc không phải tệp nén"
        }
        ZipError::InvalidArchive(_) => "tệp nén không hợp lệ",
        ZipError::UnsupportedArchive(m) if m.contains("assword") => "tệp nén có mật khẩu",
        ZipError::UnsupportedArchive(_) => "tệp nén thuộc kiểu không đọc được",
        ZipError::CompressionMethodNotSupported(_) => "tệp nén dùng cách nén không đọc được",
        ZipError::FileNotFound => "không có mục này trong tệp nén",
        ZipError::InvalidPassword => "mật khẩu của tệp nén không đúng",
        ZipError::DecompressedSizeLimitExceeded { .. } | ZipError::DecompressedSizeUnknown => {
            "tệp nén giải ra quá lớn"
        }
        _ => "tệp nén bị hỏng",
    };
    let original = e.to_string();
    Text::new(with_original(phrase, &original), original)
}

/// A quick-xml error, by its variant (the caller gives the byte position).
#[must_use]
pub fn xml(e: &quick_xml::Error) -> Text {
    use quick_xml::Error;
    let phrase = match e {
        Error::Io(io) => return os_error::describe(io),
        Error::Syntax(s) => xml_syntax(s),
        Error::IllFormed(f) => return xml_ill_formed(f, e),
        Error::InvalidAttr(_) => "thuộc tính của thẻ viết sai".to_string(),
        Error::Encoding(_) => "chữ không theo bảng mã UTF-8".to_string(),
        Error::Escape(_) => "ký tự viết dạng `&…;` sai".to_string(),
        Error::Namespace(_) => "không gian tên (namespace) của thẻ viết sai".to_string(),
    };
    let original = e.to_string();
    Text::new(with_original(&phrase, &original), original)
}

fn xml_syntax(s: &quick_xml::errors::SyntaxError) -> String {
    use quick_xml::errors::SyntaxError;
    match s {
        SyntaxError::InvalidBangMarkup => "thẻ bắt đầu bằng `<!` viết sai",
        SyntaxError::UnclosedPI => "chỉ thị `<?…?>` không được đóng",
        SyntaxError::UnclosedXmlDecl => "khai báo `<?xml …?>` không được đóng",
        SyntaxError::UnclosedComment => "chú thích `<!-- … -->` không được đóng",
        SyntaxError::UnclosedDoctype => "khai báo DOCTYPE không được đóng",
        SyntaxError::UnclosedCData => "khối CDATA không được đóng",
        SyntaxError::UnclosedTag => "thẻ không được đóng (thiếu `>`)",
        SyntaxError::UnclosedSingleQuotedAttributeValue
        | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
            "giá trị thuộc tính thiếu dấu nháy đóng"
        }
    }
    .to_string()
}

fn xml_ill_formed(f: &quick_xml::errors::IllFormedError, e: &quick_xml::Error) -> Text {
    use quick_xml::errors::IllFormedError;
    let phrase = match f {
        IllFormedError::MissingDeclVersion(_) => "khai báo `<?xml?>` thiếu phiên bản".to_string(),
        IllFormedError::UnknownVersion => "phiên bản XML không rõ".to_string(),
        IllFormedError::MissingDoctypeName => "khai báo DOCTYPE thiếu tên".to_string(),
        IllFormedError::MissingEndTag(n) => format!("thẻ <{n}> không có thẻ đóng"),
        IllFormedError::UnmatchedEndTag(n) => format!("thẻ đóng </{n}> không có thẻ mở"),
        IllFormedError::MismatchedEndTag { expected, found } => {
            format!("cần thẻ đóng </{expected}> nhưng gặp </{found}>")
        }
        IllFormedError::DoubleHyphenInComment => "chú thích có hai dấu gạch `--`".to_string(),
        IllFormedError::UnclosedReference => "ký tự viết dạng `&…;` thiếu dấu `;`".to_string(),
    };
    let original = e.to_string();
    Text::new(with_original(&phrase, &original), original)
}

/// An error of one of the libraries above behind `dyn Error` (a reader that can fail in
/// several of them); otherwise a general phrase and its words.
#[must_use]
pub fn any(e: &(dyn std::error::Error + 'static)) -> Text {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        os_error::describe(io)
    } else if let Some(z) = e.downcast_ref::<zip::result::ZipError>() {
        zip(z)
    } else if let Some(x) = e.downcast_ref::<quick_xml::Error>() {
        xml(x)
    } else {
        let original = e.to_string();
        Text::new(with_original("nội dung bị hỏng", &original), original)
    }
}

/// A workbook or sheet calamine could not read.
#[must_use]
pub fn calamine(e: impl Into<calamine::Error>) -> Text {
    use calamine::Error;
    let e: Error = e.into();
    if let Some(inner) = calamine_inner(&e) {
        return inner;
    }
    let phrase = match &e {
        Error::Xls(calamine::XlsError::Password) | Error::Ods(calamine::OdsError::Password) => {
            "tệp có mật khẩu"
        }
        Error::Xlsx(calamine::XlsxError::XmlEof(_)) | Error::Ods(calamine::OdsError::Eof(_)) => {
            "nội dung bị cụt"
        }
        _ => "nội dung bị hỏng hoặc có dạng không đọc được",
    };
    let original = e.to_string();
    Text::new(with_original(phrase, &original), original)
}

/// The I/O, zip or XML error inside a calamine error, in the words of its own kind.
fn calamine_inner(e: &calamine::Error) -> Option<Text> {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    match e {
        Error::Io(io)
        | Error::Xlsx(XlsxError::Io(io))
        | Error::Xls(XlsError::Io(io))
        | Error::Xlsb(XlsbError::Io(io))
        | Error::Ods(OdsError::Io(io)) => Some(os_error::describe(io)),
        Error::Xlsx(XlsxError::Zip(z))
        | Error::Xlsb(XlsbError::Zip(z))
        | Error::Ods(OdsError::Zip(z)) => Some(zip(z)),
        Error::Xlsx(XlsxError::Xml(x))
        | Error::Xlsb(XlsbError::Xml(x))
        | Error::Ods(OdsError::Xml(x)) => Some(xml(x)),
        _ => None,
    }
}

/// An error of rust_xlsxwriter while building a workbook.
#[must_use]
pub fn xlsxwriter(e: &rust_xlsxwriter::XlsxError) -> Text {
    use rust_xlsxwriter::XlsxError;
    match e {
        XlsxError::IoError(io) | XlsxError::TempFileError(_, io) => os_error::describe(io),
        _ => {
            let original = e.to_string();
            Text::new(with_original("lỗi khi dựng bảng tính", &original), original)
        }
    }
}

/// A tera error in a short template such as `--name`: an unknown variable or field, or a
/// syntax error, with its line and column; others by a general phrase.
#[must_use]
pub fn tera(e: &tera::Error) -> Text {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => {
            let s = r.span();
            let phrase = if r.message().starts_with("Unexpected end of input") {
                "hết mẫu khi thẻ chưa đóng (thiếu `}}` hoặc `%}`)"
            } else {
                "viết sai cú pháp"
            };
            located(s.start_line, s.start_col + 1, phrase, r.message())
        }
        tera::ErrorKind::RenderingError(r) => {
            let s = r.span();
            let phrase = tera_rendering(r.message());
            located(s.start_line, s.start_col + 1, &phrase, r.message())
        }
        tera::ErrorKind::Io(kind) => os_error::describe(&std::io::Error::from(*kind)),
        _ => {
            let original = e.to_string();
            let original = original.lines().next().unwrap_or_default();
            let phrase = if original.contains("as a root") || original.contains("object") {
                "dữ liệu phải là một đối tượng (các cặp tên: giá trị)"
            } else {
                "không dùng được mẫu"
            };
            Text::new(with_original(phrase, original), original)
        }
    }
}

/// `dòng 1, cột 4: phrase (nguyên văn: message)`.
fn located(line: usize, column: usize, phrase: &str, message: &str) -> Text {
    let message = message.lines().next().unwrap_or_default();
    let (lvi, len) = at_line(line as u64, column as u64);
    Text::new(
        format!("{lvi}{}", with_original(phrase, message)),
        format!("{len}{message}"),
    )
}

/// The phrase of a rendering error: the common one is a name the data does not have.
fn tera_rendering(message: &str) -> String {
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|r| r.split('`').next())
            .map(str::to_string)
    };
    if let Some(name) = quoted("Variable `") {
        format!("dữ liệu không có biến `{name}`")
    } else if let Some(name) = quoted("Field `") {
        format!("dữ liệu không có trường `{name}`")
    } else if message.contains("undefined") {
        "một giá trị không có trong dữ liệu".to_string()
    } else {
        "không tạo được từ dữ liệu".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_error_is_located_and_worded() {
        let e =
            serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,\n  \"b\": \n}").unwrap_err();
        let t = json(&e);
        assert_eq!(
            t.vi,
            "dòng 4, cột 1: thiếu một giá trị, hoặc có ký tự không hợp lệ (nguyên văn: expected value)"
        );
        assert_eq!(t.en, "line 4, column 1: expected value");
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": [1, 2").unwrap_err();
        assert!(
            json(&e)
                .vi
                .contains("hết tệp khi đang đọc một mảng (thiếu `]`)"),
            "{}",
            json(&e).vi
        );
        let e = serde_json::from_str::<serde_json::Value>("{\"a\" 1}").unwrap_err();
        assert_eq!(
            json(&e).vi,
            "dòng 1, cột 6: thiếu dấu `:` sau tên khóa (nguyên văn: expected `:`)"
        );
        let e = serde_json::from_str::<serde_json::Value>("[1,]").unwrap_err();
        assert!(json(&e).vi.contains("thừa dấu `,` ở cuối"));
    }

    #[test]
    fn a_zip_error_is_worded_by_its_variant() {
        let e = zip::ZipArchive::new(std::io::Cursor::new(b"not a zip".to_vec())).unwrap_err();
        let t = zip(&e);
        assert!(
            t.vi.starts_with(
                "không tìm thấy mục lục ở cuối tệp nén: tệp bị cụt, hoặc không phải tệp nén (nguyên văn: "
            ),
            "{}",
            t.vi
        );
        let t = zip(&zip::result::ZipError::FileNotFound);
        assert!(t.vi.starts_with("không có mục này trong tệp nén"));
        let io = zip::result::ZipError::Io(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(zip(&io).vi, "không tìm thấy tệp hoặc thư mục");
    }

    #[test]
    fn an_xml_error_is_worded_by_its_variant() {
        let mut r = quick_xml::Reader::from_str("<a><b></a>");
        r.config_mut().check_end_names = true;
        let e = loop {
            match r.read_event() {
                Err(e) => break e,
                Ok(quick_xml::events::Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        let t = xml(&e);
        assert!(
            t.vi.starts_with("cần thẻ đóng </b> nhưng gặp </a> (nguyên văn: "),
            "{}",
            t.vi
        );
        let mut r = quick_xml::Reader::from_str("<a x=\"1></a>");
        let e = loop {
            match r.read_event() {
                Err(e) => break e,
                Ok(quick_xml::events::Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        assert!(
            xml(&e)
                .vi
                .starts_with("giá trị thuộc tính thiếu dấu nháy đóng"),
            "{}",
            xml(&e).vi
        );
    }

    #[test]
    fn a_tera_error_names_the_missing_variable() {
        let mut t = tera::Tera::new();
        t.add_raw_template("name", "{{ ho_ten }}.docx").unwrap();
        let ctx = tera::Context::from_serialize(&serde_json::json!({"ten": "An"})).unwrap();
        let e = t.render("name", &ctx).unwrap_err();
        let text = tera(&e);
        assert!(
            text.vi
                .starts_with("dòng 1, cột 4: dữ liệu không có biến `ho_ten` (nguyên văn: "),
            "{}",
            text.vi
        );
        let e = t.add_raw_template("bad", "{{ ho_ten ").unwrap_err();
        let text = tera(&e);
        assert_eq!(
            text.vi,
            "dòng 1, cột 10: hết mẫu khi thẻ chưa đóng (thiếu `}}` hoặc `%}`) (nguyên văn: Unexpected end of input)"
        );
        let e = t.add_raw_template("bad", "{{ ho_ten | }}").unwrap_err();
        let text = tera(&e);
        assert!(
            text.vi.starts_with("dòng 1, cột ")
                && text.vi.contains(": viết sai cú pháp (nguyên văn: "),
            "{}",
            text.vi
        );
    }

    #[test]
    fn yaml_and_toml_errors_are_located() {
        let e = serde_saphyr::from_str::<serde_json::Value>("a: [1, 2\nb: 3\n").unwrap_err();
        let t = yaml(&e);
        assert!(t.vi.starts_with("dòng "), "{}", t.vi);
        assert!(
            t.vi.contains(": cú pháp YAML sai (nguyên văn: "),
            "{}",
            t.vi
        );
        assert!(!t.vi.contains("at line"), "{}", t.vi);
        let text = "a = 1\nb = \n";
        let e = toml::from_str::<toml::Value>(text).unwrap_err();
        let t = toml(&e, text);
        assert!(
            t.vi.starts_with("dòng 2, cột 5: cú pháp TOML sai (nguyên văn: "),
            "{}",
            t.vi
        );
    }

    #[test]
    fn calamine_and_xlsxwriter_errors_in_words() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(calamine(io).vi.starts_with("không có quyền truy cập"));
        let x = quick_xml::Error::Syntax(quick_xml::errors::SyntaxError::UnclosedTag);
        assert!(
            calamine(calamine::XlsxError::Xml(x))
                .vi
                .starts_with("thẻ không được đóng (thiếu `>`) (nguyên văn: ")
        );
        let t = calamine(calamine::Error::Msg("odd"));
        assert_eq!(
            t.vi,
            "nội dung bị hỏng hoặc có dạng không đọc được (nguyên văn: odd)"
        );
        let boxed: Box<dyn std::error::Error> =
            Box::new(zip::result::ZipError::InvalidArchive("x".into()));
        assert_eq!(
            any(&*boxed).vi,
            "tệp nén không hợp lệ (nguyên văn: invalid Zip archive: x)"
        );
        let e = rust_xlsxwriter::XlsxError::SheetnameCannotBeBlank(String::new());
        assert!(
            xlsxwriter(&e)
                .vi
                .starts_with("lỗi khi dựng bảng tính (nguyên văn: "),
        );
    }
}
