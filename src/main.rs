use std::process::ExitCode;

use clap::FromArgMatches as _;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = chibo::cli::lang_from_args(&args);
    let matches = chibo::cli::command(lang).get_matches_from(args);
    let cli = match chibo::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    ExitCode::from(chibo::commands::dispatch(cli))
}
