//! The command line: what the office types. Help texts are Vietnamese.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::diagnostic::Lang;

/// chibo: lập văn bản sinh hoạt chi bộ và bảng tổng hợp từ sổ Excel của các chi bộ.
#[derive(Debug, Parser)]
#[command(name = "chibo", version, about, long_about = None)]
pub struct Cli {
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en; không ghi thì theo `ngon_ngu` trong chibo.toml.
    #[arg(long, global = true, value_enum, value_name = "NN")]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Đọc và kiểm tra mọi sổ Excel, in mọi lỗi tìm thấy; không tạo văn bản nào.
    Check(CheckArgs),
    /// Tạo thư mục làm việc: chibo.toml có chú thích, mẫu sổ Excel trống và các mẫu văn bản.
    Init(InitArgs),
    /// Tạo toàn bộ văn bản của một kỳ (tháng, quý, năm) và bảng tổng hợp.
    Run(RunArgs),
    /// Chỉ tạo bảng tổng hợp Excel của một kỳ.
    Summary(RunArgs),
    /// Điền một mẫu Word bất kỳ từ dữ liệu JSON, YAML hoặc TOML.
    Render(RenderArgs),
    /// Làm việc với mẫu Word.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Mở trang làm việc trên trình duyệt (chỉ trên máy này): kiểm tra sổ, tạo văn bản, tải về.
    GiaoDien(GiaoDienArgs),
}

#[derive(Debug, Args)]
pub struct GiaoDienArgs {
    /// Thư mục làm việc mở sẵn (mặc định: thư mục hiện tại).
    #[arg(default_value = ".", value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
    /// Không tự mở trình duyệt; chỉ in địa chỉ trang.
    #[arg(long)]
    pub khong_mo: bool,
}

/// Options every command that reads the cells' folder shares.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Thư mục chứa chibo.toml và các sổ Excel của chi bộ (mặc định: thư mục hiện tại).
    #[arg(default_value = ".", value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
    /// Ngày "hôm nay" dùng cho mọi tính toán (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định là ngày hiện tại.
    #[arg(long, value_parser = parse_date_arg, value_name = "NGÀY")]
    pub as_of: Option<NaiveDate>,
    /// In thêm chi tiết (các trang tính bị bỏ qua …).
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// In kết quả dạng JSON cho chương trình khác đọc.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục sẽ tạo (mặc định: thư mục hiện tại).
    #[arg(default_value = ".", value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
    /// Thay các tệp đã có bằng bản mới; bản cũ được giữ trong thư mục ban-sao-luu.
    #[arg(long)]
    pub force: bool,
    /// Ngày "hôm nay" (YYYY-MM-DD hoặc dd/mm/yyyy): khi chibo.toml để thang điểm theo năm, sổ mẫu
    /// theo thang điểm của năm này; mặc định là ngày hiện tại.
    #[arg(long, value_parser = parse_date_arg, value_name = "NGÀY")]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Kỳ báo cáo: tháng (2023-03, 03/2023, "tháng 3/2023"), quý (2023-Q1, Q1/2023, "quý I/2023") hoặc năm (2023).
    #[arg(long, value_name = "KỲ")]
    pub period: String,
    /// Thư mục kết quả (mặc định: <THƯ_MỤC>/ket-qua/<kỳ>).
    #[arg(long, value_name = "THƯ_MỤC_KQ")]
    pub out: Option<PathBuf>,
    /// Số luồng làm việc song song (mặc định: số nhân CPU).
    #[arg(long, value_name = "SỐ")]
    pub jobs: Option<usize>,
    /// Chỉ tạo các loại văn bản này trong lần chạy này (thay cho `van_ban` trong chibo.toml):
    /// ke_hoach, bien_ban, nghi_quyet, bao_cao_quy, bao_cao_nam, tong_hop, bao_cao_tong_hop. Ví dụ
    /// lập kế hoạch năm sau:
    /// `--period 2026 --van-ban ke_hoach`.
    #[arg(long = "van-ban", value_name = "LOẠI", num_args = 1.., value_parser = document_kind)]
    pub van_ban: Vec<String>,
    /// Chỉ tạo văn bản của chi bộ này (tên chi bộ, tên tệp sổ hoặc tên thư mục); ghi nhiều lần để chọn nhiều chi bộ.
    #[arg(long = "chi-bo", value_name = "TÊN")]
    pub chi_bo: Vec<String>,
    /// Ghi đè cả văn bản đã được sửa sau lần tạo trước (bản đã sửa được chép vào thư mục ban-da-sua/ trước khi ghi đè).
    #[arg(long = "ghi-de")]
    pub ghi_de: bool,
    /// Ghi thêm bản PDF cạnh mỗi văn bản Word (cần LibreOffice).
    #[arg(long)]
    pub pdf: bool,
}

/// The document kinds `run --van-ban` takes (those of `[dau_ra] van_ban`, listed in
/// [`crate::view::registry::KINDS`]); `ke-hoach` is read as `ke_hoach`.
fn document_kind(s: &str) -> Result<String, String> {
    let k = s.trim().to_lowercase().replace('-', "_");
    if crate::view::registry::kind(&k).is_some() {
        Ok(k)
    } else {
        Err(format!(
            "không có loại văn bản «{s}»; dùng: {}",
            crate::view::registry::keys_joined()
        ))
    }
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Mẫu Word (.docx).
    #[arg(value_name = "MẪU")]
    pub template: PathBuf,
    /// Dữ liệu: một đối tượng (một văn bản) hoặc một mảng (mỗi phần tử một văn bản); .json, .yaml, .toml.
    #[arg(long, value_name = "DỮ_LIỆU")]
    pub data: PathBuf,
    /// Tệp kết quả (một văn bản) hoặc thư mục kết quả (nhiều văn bản).
    #[arg(long, value_name = "KẾT_QUẢ")]
    pub out: Option<PathBuf>,
    /// Mẫu tên tệp cho mỗi văn bản, ví dụ "{{ ho_ten }}.docx" (mặc định: đánh số).
    #[arg(long, value_name = "TÊN")]
    pub name: Option<String>,
    /// Biến không có trong dữ liệu thì để trống thay vì báo lỗi.
    #[arg(long)]
    pub lenient: bool,
    /// Số luồng làm việc song song (mặc định: số nhân CPU).
    #[arg(long, value_name = "SỐ")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Kiểm tra một mẫu Word: mọi lỗi thẻ cùng lúc, và danh sách biến mẫu dùng.
    Check(TemplateCheckArgs),
}

#[derive(Debug, Args)]
pub struct TemplateCheckArgs {
    /// Mẫu Word (.docx).
    #[arg(value_name = "MẪU")]
    pub template: PathBuf,
    /// In kết quả dạng JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_text_date(s)
        .ok_or_else(|| format!("ngày không hợp lệ: `{s}` (ghi YYYY-MM-DD hoặc dd/mm/yyyy)"))
}

/// The date "today" for this run: `--as-of`, or the machine's date. This is the only place the
/// clock is read.
#[must_use]
pub fn today(as_of: Option<NaiveDate>) -> NaiveDate {
    #[expect(
        clippy::disallowed_methods,
        reason = "the CLI edge is where the clock may be read"
    )]
    as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The language asked for on the command line (`--lang en`, `--lang=en`), else by `ngon_ngu` in
/// the current folder's `chibo.toml`, else by the environment. Read before parsing so that
/// `--help` itself can be in English.
#[must_use]
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Lang {
    lang_flag(args)
        .or_else(|| config_lang(std::path::Path::new(".")))
        .unwrap_or_else(Lang::from_env)
}

/// The `--lang` value on the command line, if any.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    let mut found = None;
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().map(|v| v.to_string()),
            None => None,
        };
        match value.as_deref() {
            Some("en") => found = Some(Lang::En),
            Some("vi") => found = Some(Lang::Vi),
            _ => {}
        }
    }
    found
}

/// `ngon_ngu = "vi"` or `"en"` in `dir/chibo.toml`: many office PCs run an English locale, and
/// the office wants Vietnamese anyway. Only a peek: a missing or broken file says nothing here
/// (the commands report a broken `chibo.toml` themselves).
#[must_use]
pub fn config_lang(dir: &std::path::Path) -> Option<Lang> {
    let bytes =
        crate::input::read_at_most(&dir.join("chibo.toml"), crate::input::SETTINGS_MAX).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().ok()?;
    match table.get("ngon_ngu")?.as_str()?.trim() {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Parses the command line in the user's language; on a mistake prints the message (Vietnamese
/// unless English was asked for) and exits with code 2, after `--help` or `--version` with 0.
/// Without any argument it means `chibo giao-dien`.
#[must_use]
pub fn parse_or_exit(mut args: Vec<std::ffi::OsString>) -> Cli {
    use clap::FromArgMatches as _;
    // No arguments at all: chibo was opened with a double click (or a shortcut). The office
    // gets its working page on the current folder instead of a command-line error.
    if args.len() <= 1 {
        args.push("giao-dien".into());
    }
    let lang = lang_from_args(&args);
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) if lang == Lang::En => e.exit(),
        Err(e) => {
            let code = e.exit_code();
            let shown_as_is = !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            if shown_as_is {
                // Help or version: already in Vietnamese (the layout of `vietnamese`).
                let text = e.render().to_string();
                let text = if text.ends_with('\n') {
                    text
                } else {
                    text + "\n"
                };
                if e.use_stderr() {
                    eprint!("{text}");
                } else {
                    print!("{text}");
                }
            } else {
                eprint!("{}", vietnamese_error(&e));
            }
            std::process::exit(code)
        }
    }
}

/// clap's error in Vietnamese: the problem, the usage line, where to read more.
#[must_use]
pub fn vietnamese_error(e: &clap::Error) -> String {
    let usage = context(e, clap::error::ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("lỗi: {}{}\n", problem_of(e), hints_of(e));
    if !usage.is_empty() {
        out.push_str(&format!("\nCách dùng: {usage}\n"));
    }
    // The command whose help to read: the usage line's words before its first option.
    let program: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['-', '<', '[']))
        .collect();
    let program = if program.is_empty() {
        "chibo".to_string()
    } else {
        program.join(" ")
    };
    out.push_str(&format!("\nXem hướng dẫn: {program} --help\n"));
    out
}

/// A piece of clap's error context as text (empty when absent).
fn context(e: &clap::Error, kind: clap::error::ContextKind) -> String {
    e.get(kind).map(ToString::to_string).unwrap_or_default()
}

/// What is wrong, from clap's error kind and context.
fn problem_of(e: &clap::Error) -> String {
    use clap::error::{ContextKind as K, ErrorKind};
    let arg = context(e, K::InvalidArg);
    let value = context(e, K::InvalidValue);
    match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu đối số bắt buộc: {}", arg.replace(", ", "; "))
        }
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh `{}`", context(e, K::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn hay đối số `{arg}`"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} cần một giá trị"),
        ErrorKind::InvalidValue => format!("giá trị `{value}` không hợp lệ cho {arg}"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(ToString::to_string);
            format!(
                "giá trị `{value}` không hợp lệ cho {arg}: {}",
                why.unwrap_or_default()
            )
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} không dùng cùng với {}", context(e, K::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("quá nhiều giá trị cho {arg}: `{value}`")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh".to_string()
        }
        ErrorKind::InvalidUtf8 => "đối số có ký tự không đọc được (không phải UTF-8)".to_string(),
        _ => "dòng lệnh không hợp lệ".to_string(),
    }
}

/// The values that would do, and clap's suggestion of what was meant.
fn hints_of(e: &clap::Error) -> String {
    use clap::error::ContextKind as K;
    let mut out = String::new();
    let valid = context(e, K::ValidValue);
    if !valid.is_empty() {
        out.push_str(&format!("\n  giá trị dùng được: {valid}"));
    }
    for k in [K::SuggestedSubcommand, K::SuggestedArg, K::SuggestedValue] {
        let s = context(e, k);
        if !s.is_empty() {
            out.push_str(&format!("\n  có phải ý bạn là `{s}`?"));
        }
    }
    out
}

/// English help texts: `(subcommand path, argument id or "" for the command itself, text)`.
const ENGLISH_HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "chibo: Party-cell meeting documents and the committee's summary workbook from the cells' Excel workbooks.",
    ),
    (
        "",
        "lang",
        "Language of messages: vi (default) or en; when absent, `ngon_ngu` in chibo.toml.",
    ),
    (
        "check",
        "",
        "Read and check every workbook, print every problem found; produces nothing.",
    ),
    (
        "check",
        "json",
        "Print the result as JSON for other programs.",
    ),
    (
        "init",
        "",
        "Create a working folder: a commented chibo.toml, the blank input workbook and the templates.",
    ),
    (
        "init",
        "dir",
        "Folder to create (default: the current folder).",
    ),
    (
        "init",
        "force",
        "Replace existing files with new ones; the old ones are kept in the ban-sao-luu folder.",
    ),
    (
        "init",
        "as_of",
        "The date taken as \"today\" (YYYY-MM-DD or dd/mm/yyyy): when chibo.toml leaves the scheme to the year, the blank form follows this year's; default: the machine's date.",
    ),
    (
        "run",
        "",
        "Produce every document of a period (month, quarter, year) and the summary workbook.",
    ),
    (
        "summary",
        "",
        "Produce only the summary workbook of a period.",
    ),
    (
        "render",
        "",
        "Fill any Word template from JSON, YAML or TOML data.",
    ),
    ("render", "template", "Word template (.docx)."),
    (
        "render",
        "data",
        "Data: an object (one document) or an array (one document per element); .json, .yaml, .toml.",
    ),
    (
        "render",
        "out",
        "Output file (one document) or folder (several).",
    ),
    (
        "render",
        "name",
        "File name pattern for each document, e.g. \"{{ ho_ten }}.docx\" (default: numbered).",
    ),
    (
        "render",
        "lenient",
        "Render variables missing from the data as empty instead of failing.",
    ),
    ("render", "jobs", "Worker threads (default: one per core)."),
    ("template", "", "Work with Word templates."),
    (
        "giao-dien",
        "",
        "Open the working page in the browser (this computer only): check, produce, download.",
    ),
    (
        "giao-dien",
        "dir",
        "Working folder to open (default: the current folder).",
    ),
    (
        "giao-dien",
        "khong_mo",
        "Do not open the browser; only print the page's address.",
    ),
    (
        "template check",
        "",
        "Check a Word template: every tag problem at once, and the variables it uses.",
    ),
    ("template check", "template", "Word template (.docx)."),
    ("template check", "json", "Print the result as JSON."),
];

/// Shared arguments of `check`, `run` and `summary` in English.
const ENGLISH_INPUT_HELP: &[(&str, &str)] = &[
    (
        "dir",
        "Folder holding chibo.toml and the cells' workbooks (default: the current folder).",
    ),
    (
        "as_of",
        "The date taken as \"today\" (YYYY-MM-DD or dd/mm/yyyy); default: the machine's date.",
    ),
    ("verbose", "Print more detail (ignored sheets …)."),
    (
        "period",
        "Period: a month (2023-03, 03/2023, \"tháng 3/2023\"), a quarter (2023-Q1, Q1/2023, \"quý I/2023\") or a year (2023).",
    ),
    ("out", "Output folder (default: <DIR>/ket-qua/<period>)."),
    ("jobs", "Worker threads (default: one per core)."),
    (
        "chi_bo",
        "Only this cell's documents (its name, its workbook's file name or its folder); repeat to choose several.",
    ),
    (
        "ghi_de",
        "Overwrite documents edited since chibo wrote them too (each is first copied to ban-da-sua/).",
    ),
    (
        "pdf",
        "Also write a PDF beside each Word document (needs LibreOffice).",
    ),
];

/// English value names (`<KỲ>` → `<PERIOD>`), by argument id.
const ENGLISH_VALUE_NAMES: &[(&str, &str)] = &[
    ("lang", "LANG"),
    ("dir", "DIR"),
    ("as_of", "DATE"),
    ("period", "PERIOD"),
    ("out", "OUT"),
    ("jobs", "N"),
    ("template", "TEMPLATE"),
    ("data", "DATA"),
    ("name", "NAME"),
    ("chi_bo", "CELL"),
];

fn english(mut cmd: clap::Command, path: &str) -> clap::Command {
    for (p, id, text) in ENGLISH_HELP {
        if *p != path {
            continue;
        }
        cmd = if id.is_empty() {
            cmd.about(*text)
        } else {
            cmd.mut_arg(*id, |a| a.help(*text))
        };
    }
    if matches!(path, "check" | "run" | "summary") {
        for (id, text) in ENGLISH_INPUT_HELP {
            if cmd.get_arguments().any(|a| a.get_id() == *id) {
                cmd = cmd.mut_arg(*id, |a| a.help(*text));
            }
        }
    }
    for (id, name) in ENGLISH_VALUE_NAMES {
        if cmd.get_arguments().any(|a| a.get_id() == *id) {
            cmd = cmd.mut_arg(*id, |a| a.value_name(*name));
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| english(s, &sub_path));
    }
    cmd
}

/// The command line definition in the user's language (the Vietnamese texts are the doc
/// comments above; English replaces them when asked for).
#[must_use]
pub fn command(lang: Lang) -> clap::Command {
    let cmd = <Cli as clap::CommandFactory>::command()
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version),
        );
    match lang {
        Lang::Vi => vietnamese(cmd, "chibo"),
        Lang::En => english(cmd.mut_arg("version", |a| a.help("Print the version.")), ""),
    }
}

/// clap writes its headings (`Usage:`, `Options:`), defaults and possible values in English:
/// each command gets a Vietnamese help layout, and every argument a Vietnamese heading with its
/// default and values written into its help text.
fn vietnamese(cmd: clap::Command, path: &str) -> clap::Command {
    let root = path == "chibo";
    // The usage line clap would write, with its `[OPTIONS]` in Vietnamese.
    let usage = cmd.clone().bin_name(path).render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = usage
        .replace("[OPTIONS]", "[TÙY_CHỌN]")
        .replace("<COMMAND>", "<LỆNH>");
    let mut cmd = cmd
        .override_usage(usage)
        .help_template(
            "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("In hướng dẫn này."),
        );
    if root {
        cmd = cmd.mut_arg("version", |a| a.help("In số phiên bản."));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, vietnamese_arg);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(name, |s| vietnamese(s, &sub_path));
    }
    cmd
}

/// One argument's heading, default and possible values in Vietnamese.
fn vietnamese_arg(a: clap::Arg) -> clap::Arg {
    let heading = if a.is_positional() {
        "Đối số"
    } else {
        "Tùy chọn"
    };
    let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let values: Vec<String> = if a.get_action().takes_values() {
        a.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    } else {
        Vec::new()
    };
    if !values.is_empty() {
        help.push_str(&format!(" [giá trị: {}]", values.join(", ")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() && !help.contains("mặc định") {
        help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
    }
    let a = a.help_heading(heading).help(help);
    if a.get_action().takes_values() {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
}
