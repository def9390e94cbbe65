use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = chibo::cli::Cli::parse();
    let code = chibo::commands::dispatch(cli);
    ExitCode::from(code)
}
