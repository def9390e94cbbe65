//! `chibo init`.

use crate::cli::InitArgs;
use crate::diagnostic::Lang;

/// Runs `chibo init`.
#[must_use]
pub fn run(_args: &InitArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo init");
    super::EXIT_FAIL
}
