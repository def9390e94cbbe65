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
