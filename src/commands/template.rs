//! `chibo template check`.

use crate::cli::TemplateCheckArgs;
use crate::diagnostic::Lang;

/// Runs `chibo template check`.
#[must_use]
pub fn check(_args: &TemplateCheckArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo template check");
    super::EXIT_FAIL
}
