//! The command line: what the office types. Help texts are Vietnamese.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::diagnostic::Lang;

/// chibo: lập văn bản sinh hoạt chi bộ và bảng tổng hợp từ sổ Excel của các chi bộ.
#[derive(Debug, Parser)]
#[command(name = "chibo", version, about, long_about = None)]
pub struct Cli {
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en.
    #[arg(long, global = true, value_enum)]
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
}

/// Options every command that reads the cells' folder shares.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Thư mục chứa chibo.toml và các sổ Excel của chi bộ (mặc định: thư mục hiện tại).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Ngày "hôm nay" dùng cho mọi tính toán (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định là ngày hiện tại.
    #[arg(long, value_parser = parse_date_arg)]
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
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Ghi đè các tệp đã có.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Kỳ báo cáo: tháng (2023-03, 03/2023, "tháng 3/2023"), quý (2023-Q1, Q1/2023, "quý I/2023") hoặc năm (2023).
    #[arg(long)]
    pub period: String,
    /// Thư mục kết quả (mặc định: <DIR>/ket-qua/<kỳ>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Số luồng làm việc song song (mặc định: số nhân CPU).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Chỉ tạo các loại văn bản này trong lần chạy này (thay cho `van_ban` trong chibo.toml):
    /// ke_hoach, bien_ban, bao_cao_quy, tong_hop, bao_cao_tong_hop. Ví dụ lập kế hoạch năm sau:
    /// `--period 2026 --van-ban ke_hoach`.
    #[arg(long = "van-ban", value_name = "LOẠI", num_args = 1.., value_parser = document_kind)]
    pub van_ban: Vec<String>,
    /// Chỉ tạo văn bản của chi bộ này (tên chi bộ, tên tệp sổ hoặc tên thư mục); ghi nhiều lần để chọn nhiều chi bộ.
    #[arg(long = "chi-bo", value_name = "TÊN")]
    pub chi_bo: Vec<String>,
    /// Ghi đè cả văn bản đã được sửa sau lần tạo trước (bản đã sửa được chép vào thư mục ban-da-sua/ trước khi ghi đè).
    #[arg(long = "ghi-de")]
    pub ghi_de: bool,
}

/// The document kinds `run --van-ban` takes (those of `[dau_ra] van_ban`); `ke-hoach` is read
/// as `ke_hoach`.
pub const DOCUMENT_KINDS: [&str; 5] = [
    "ke_hoach",
    "bien_ban",
    "bao_cao_quy",
    "tong_hop",
    "bao_cao_tong_hop",
];

fn document_kind(s: &str) -> Result<String, String> {
    let k = s.trim().to_lowercase().replace('-', "_");
    if DOCUMENT_KINDS.contains(&k.as_str()) {
        Ok(k)
    } else {
        Err(format!(
            "không có loại văn bản «{s}»; dùng: {}",
            DOCUMENT_KINDS.join(", ")
        ))
    }
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Mẫu Word (.docx).
    pub template: PathBuf,
    /// Dữ liệu: một đối tượng (một văn bản) hoặc một mảng (mỗi phần tử một văn bản); .json, .yaml, .toml.
    #[arg(long)]
    pub data: PathBuf,
    /// Tệp kết quả (một văn bản) hoặc thư mục kết quả (nhiều văn bản).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Mẫu tên tệp cho mỗi văn bản, ví dụ "{{ ho_ten }}.docx" (mặc định: đánh số).
    #[arg(long)]
    pub name: Option<String>,
    /// Biến không có trong dữ liệu thì để trống thay vì báo lỗi.
    #[arg(long)]
    pub lenient: bool,
    /// Số luồng làm việc song song (mặc định: số nhân CPU).
    #[arg(long)]
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

/// The language asked for on the command line (`--lang en`, `--lang=en`), else by the
/// environment. Read before parsing so that `--help` itself can be in English.
#[must_use]
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().map(|v| v.to_string()),
            None => None,
        };
        match value.as_deref() {
            Some("en") => return Lang::En,
            Some("vi") => return Lang::Vi,
            _ => {}
        }
    }
    Lang::from_env()
}

/// English help texts: `(subcommand path, argument id or "" for the command itself, text)`.
const ENGLISH_HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "chibo: Party-cell meeting documents and the committee's summary workbook from the cells' Excel workbooks.",
    ),
    ("", "lang", "Language of messages: vi (default) or en."),
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
    ("init", "force", "Overwrite existing files."),
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
    let cmd = <Cli as clap::CommandFactory>::command();
    match lang {
        Lang::Vi => cmd,
        Lang::En => english(cmd, ""),
    }
}
