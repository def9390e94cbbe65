//! `chibo summary`.

use crate::cli::RunArgs;
use crate::diagnostic::Lang;

/// Runs `chibo summary`.
#[must_use]
pub fn run(_args: &RunArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo summary");
    super::EXIT_FAIL
}
