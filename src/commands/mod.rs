//! One file per subcommand; each `run` returns the process exit code:
//! `0` done (warnings allowed), `1` the data has errors (some cells skipped), `2` the tool could
//! not run (bad arguments, unreadable config, no such folder, broken template).

use crate::cli::{Cli, Command, TemplateCommand};
use crate::diagnostic::Lang;

pub mod check;
mod common;
pub mod giao_dien;
pub mod init;
pub mod render;
pub mod run;
pub mod summary;
pub mod template;

/// Exit code: everything done.
pub const EXIT_OK: u8 = 0;
/// Exit code: the data has errors.
pub const EXIT_DATA: u8 = 1;
/// Exit code: the tool could not run.
pub const EXIT_FAIL: u8 = 2;

/// Runs the command the user asked for. The language: `--lang`, else `ngon_ngu` in the named
/// folder's `chibo.toml`, else the current folder's, else the environment.
#[must_use]
pub fn dispatch(cli: Cli) -> u8 {
    let folder = match &cli.command {
        Command::Check(a) => Some(a.input.dir.as_path()),
        Command::Run(a) | Command::Summary(a) => Some(a.input.dir.as_path()),
        Command::GiaoDien(a) => Some(a.dir.as_path()),
        _ => None,
    };
    let lang = cli
        .lang
        .or_else(|| folder.and_then(crate::cli::config_lang))
        .or_else(|| crate::cli::config_lang(std::path::Path::new(".")))
        .unwrap_or_else(Lang::from_env);
    match cli.command {
        Command::Check(args) => check::run(&args, lang),
        Command::Init(args) => init::run(&args, lang),
        Command::Run(args) => {
            let code = run::run(&args, lang);
            if args.pdf && code != EXIT_FAIL {
                code.max(crate::pdf::after_run(&args, lang))
            } else {
                code
            }
        }
        Command::Summary(args) => summary::run(&args, lang),
        Command::Render(args) => render::run(&args, lang),
        Command::Template(TemplateCommand::Check(args)) => template::check(&args, lang),
        Command::GiaoDien(args) => giao_dien::run(&args, lang),
    }
}
