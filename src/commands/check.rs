//! `chibo check`.

use crate::cli::CheckArgs;
use crate::diagnostic::Lang;

/// Runs `chibo check`.
#[must_use]
pub fn run(_args: &CheckArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo check");
    super::EXIT_FAIL
}
