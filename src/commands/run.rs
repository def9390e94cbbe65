//! `chibo run`.

use crate::cli::RunArgs;
use crate::diagnostic::Lang;

/// Runs `chibo run`.
#[must_use]
pub fn run(_args: &RunArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo run");
    super::EXIT_FAIL
}
