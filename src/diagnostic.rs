//! Problems found in the user's files, each with where it is and what was found.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping at the first one, so the
//! office sees every problem of every file in one run. A diagnostic carries its message in
//! Vietnamese and in English; the language is chosen only when it is printed.

use std::fmt::Write as _;

use serde::Serialize;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data cannot be used as it is; the cell's documents are skipped.
    Error,
    /// Worth a look; the run goes on.
    Warning,
}

/// The language of the messages the user reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt (mặc định).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language asked for by the environment (`LANG`, `LC_ALL`, `LC_MESSAGES`): English when
    /// it names an English locale, Vietnamese otherwise.
    #[must_use]
    pub fn from_env() -> Self {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.starts_with("en") {
                    Lang::En
                } else {
                    Lang::Vi
                };
            }
        }
        Lang::Vi
    }
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    #[must_use]
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Builds a [`Text`] from two `format!` strings: `t!("ô {}", c ; "cell {}", c)`.
#[macro_export]
macro_rules! t {
    ($($vi:expr),+ ; $($en:expr),+ $(,)?) => {
        $crate::diagnostic::Text::new(format!($($vi),+), format!($($en),+))
    };
}

/// Where a problem is. Rows and columns are absolute sheet positions, 0-based, exactly as they
/// were read (never relative to a range), and are shown the way a spreadsheet user reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, as a path relative to the folder the user named, with `/` separators.
    pub file: String,
    /// The sheet's name exactly as it appears in the workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 0-based absolute row.
    #[serde(skip)]
    pub row: Option<u32>,
    /// 0-based absolute column.
    #[serde(skip)]
    pub col: Option<u32>,
    /// The column's header as the user typed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For templates: the part and paragraph (`thân văn bản, đoạn 12`), already worded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
}

impl Location {
    #[must_use]
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    #[must_use]
    pub fn cell(mut self, row: u32, col: u32) -> Self {
        self.row = Some(row);
        self.col = Some(col);
        self
    }

    #[must_use]
    pub fn row(mut self, row: u32) -> Self {
        self.row = Some(row);
        self
    }

    #[must_use]
    pub fn column(mut self, header: impl Into<String>) -> Self {
        self.column = Some(header.into());
        self
    }

    /// The cell in A1 form (`C7`), the row alone (`7`) or nothing.
    #[must_use]
    pub fn a1(&self) -> Option<String> {
        match (self.row, self.col) {
            (Some(r), Some(c)) => Some(format!("{}{}", column_letters(c), r + 1)),
            (Some(r), None) => Some(format!("{}", r + 1)),
            _ => None,
        }
    }

    /// `'Sinh hoạt'!C7`, the form a spreadsheet formula would use.
    #[must_use]
    pub fn sheet_cell(&self) -> Option<String> {
        let sheet = self.sheet.as_ref()?;
        let cell = self.a1()?;
        Some(format!("'{}'!{cell}", sheet.replace('\'', "''")))
    }

    fn describe(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let Some(sheet) = &self.sheet {
            match lang {
                Lang::Vi => write!(out, ", trang tính '{sheet}'"),
                Lang::En => write!(out, ", sheet '{sheet}'"),
            }
            .ok();
        }
        match (self.row, self.col) {
            (Some(_), Some(_)) => {
                let a1 = self.a1().unwrap_or_default();
                match lang {
                    Lang::Vi => write!(out, ", ô {a1}"),
                    Lang::En => write!(out, ", cell {a1}"),
                }
                .ok();
            }
            (Some(r), None) => {
                match lang {
                    Lang::Vi => write!(out, ", dòng {}", r + 1),
                    Lang::En => write!(out, ", row {}", r + 1),
                }
                .ok();
            }
            _ => {}
        }
        if let Some(col) = &self.column {
            match lang {
                Lang::Vi => write!(out, " (cột «{col}»)"),
                Lang::En => write!(out, " (column «{col}»)"),
            }
            .ok();
        }
        if let Some(place) = &self.place {
            write!(out, ", {}", place.get(lang)).ok();
        }
        out
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`.
#[must_use]
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier of the kind of problem (`date.invalid`), for tests and other programs.
    pub code: &'static str,
    pub location: Location,
    /// The value found, as the user typed it.
    pub value: Option<String>,
    pub message: Text,
    pub hint: Option<Text>,
}

impl Diagnostic {
    #[must_use]
    pub fn error(code: &'static str, location: Location, message: Text) -> Self {
        Self {
            severity: Severity::Error,
            code,
            location,
            value: None,
            message,
            hint: None,
        }
    }

    #[must_use]
    pub fn warning(code: &'static str, location: Location, message: Text) -> Self {
        Self {
            severity: Severity::Warning,
            code,
            location,
            value: None,
            message,
            hint: None,
        }
    }

    #[must_use]
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    #[must_use]
    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as the user reads it, on two or three lines:
    ///
    /// ```text
    /// lỗi: ngày không hợp lệ: `31/02/2024`
    ///   --> cb2.xlsx, trang tính 'Sinh hoạt', ô C7 (cột «Ngày»)
    ///   gợi ý: ghi ngày theo dạng ngày/tháng/năm, ví dụ 14/02/2023
    /// ```
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        };
        // Names and values come from the user's files: their control characters (an escape
        // sequence in a cell's name) are shown, never sent to the terminal or the log.
        use crate::text::escape_controls as esc;
        let mut out = format!("{label}: {}", esc(self.message.get(lang)));
        if let Some(value) = self
            .value
            .as_ref()
            .filter(|v| !self.message.get(lang).contains(v.as_str()))
        {
            write!(out, ": `{}`", esc(value)).ok();
        }
        write!(out, "\n  --> {}", esc(&self.location.describe(lang))).ok();
        if let Some(hint) = &self.hint {
            let h = match lang {
                Lang::Vi => "gợi ý",
                Lang::En => "hint",
            };
            write!(out, "\n  {h}: {}", esc(hint.get(lang))).ok();
        }
        out
    }

    /// The diagnostic for `--json` output.
    #[must_use]
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "code": self.code,
            "file": self.location.file,
            "sheet": self.location.sheet,
            "cell": self.location.a1(),
            "column": self.location.column,
            "value": self.value,
            "message": self.message.get(lang),
            "hint": self.hint.as_ref().map(|h| h.get(lang)),
        })
    }
}

/// The diagnostic of a file whose processing panicked ([`panics::in_file`]): the cell is
/// skipped, the others go on.
#[must_use]
pub fn internal_error(display: &str, why: String) -> Diagnostic {
    Diagnostic::error(
        "internal",
        Location::file(display),
        t!("chibo gặp lỗi nội bộ khi xử lý sổ này; bỏ qua sổ, các sổ khác vẫn được xử lý" ;
           "chibo failed internally on this workbook; it is skipped, the others go on"),
    )
    .with_value(why)
    .with_hint(t!("gửi tệp và dòng này cho người phụ trách chibo" ;
                  "send the file and this message to whoever maintains chibo"))
}

/// Panics: what the user reads instead of Rust's English `thread … panicked at …` line.
///
/// A panic while a workbook is read or built ([`panics::in_file`]) is caught there and
/// becomes a diagnostic of that file, so the hook prints nothing for it. A panic on a closed standard
/// output (`chibo check --json | head`) ends the process quietly. Any other panic is printed
/// in the user's language, with where it happened, for whoever maintains chibo.
pub mod panics {
    use std::cell::RefCell;
    use std::panic::PanicHookInfo;
    use std::sync::OnceLock;

    use super::Lang;

    static LANG: OnceLock<Lang> = OnceLock::new();

    thread_local! {
        /// The file this thread is reading, while it reads it.
        static FILE: RefCell<Option<String>> = const { RefCell::new(None) };
        /// The last panic caught on this thread inside [`in_file`].
        static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// Installs the hook (the binary does, in `src/main.rs`).
    pub fn install(lang: Lang) {
        let _ = LANG.set(lang);
        std::panic::set_hook(Box::new(hook));
    }

    fn message(info: &PanicHookInfo<'_>) -> String {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        match info.location() {
            Some(l) => format!("{text} ({}:{})", l.file(), l.line()),
            None => text,
        }
    }

    fn hook(info: &PanicHookInfo<'_>) {
        let text = message(info);
        if FILE.with(|f| f.borrow().is_some()) {
            CAUGHT.with(|c| *c.borrow_mut() = Some(text));
            return;
        }
        if text.contains("failed printing to stdout") || text.contains("Broken pipe") {
            // The reader of the output went away (`| head`): nothing left to say to anyone.
            std::process::exit(0);
        }
        let text = crate::text::escape_controls(&text);
        let line = match LANG.get().copied().unwrap_or_default() {
            Lang::Vi => format!(
                "lỗi: chibo gặp lỗi nội bộ và phải dừng: {text}\n  gợi ý: các văn bản đã ghi xong vẫn dùng được; chạy lại lệnh, và nếu lỗi lặp lại, gửi dòng này cho người phụ trách chibo"
            ),
            Lang::En => format!(
                "error: chibo failed internally and must stop: {text}\n  hint: the documents already written are usable; run the command again, and if it fails again, send this line to whoever maintains chibo"
            ),
        };
        eprintln!("{line}");
    }

    /// Runs `f` for the file `display`; a panic inside it comes back as `Err` with its message,
    /// printed nowhere (the caller reports it as a diagnostic of the file).
    ///
    /// # Errors
    /// `f` panicked: the panic's message and where it happened.
    pub fn in_file<T>(display: &str, f: impl FnOnce() -> T) -> Result<T, String> {
        let before = FILE.with(|c| c.replace(Some(display.to_string())));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        FILE.with(|c| *c.borrow_mut() = before);
        result.map_err(|_| CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default())
    }
}

/// Counts errors and warnings.
#[must_use]
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn renders_in_both_languages() {
        let d = Diagnostic::error(
            "date.invalid",
            Location::file("cb2.xlsx")
                .sheet("Sinh hoạt")
                .cell(6, 2)
                .column("Ngày"),
            t!("ngày không hợp lệ" ; "invalid date"),
        )
        .with_value("31/02/2024")
        .with_hint(t!("ghi ngày/tháng/năm" ; "write day/month/year"));
        assert_eq!(
            d.render(Lang::Vi),
            "lỗi: ngày không hợp lệ: `31/02/2024`\n  --> cb2.xlsx, trang tính 'Sinh hoạt', ô C7 (cột «Ngày»)\n  gợi ý: ghi ngày/tháng/năm"
        );
        assert_eq!(
            d.render(Lang::En),
            "error: invalid date: `31/02/2024`\n  --> cb2.xlsx, sheet 'Sinh hoạt', cell C7 (column «Ngày»)\n  hint: write day/month/year"
        );
        assert_eq!(d.location.sheet_cell().as_deref(), Some("'Sinh hoạt'!C7"));
    }
}
