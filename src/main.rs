use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = chibo::cli::parse_or_exit(std::env::args_os().collect());
    ExitCode::from(chibo::commands::dispatch(cli))
}
