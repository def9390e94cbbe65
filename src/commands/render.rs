//! `chibo render`.

use crate::cli::RenderArgs;
use crate::diagnostic::Lang;

/// Runs `chibo render`.
#[must_use]
pub fn run(_args: &RenderArgs, _lang: Lang) -> u8 {
    eprintln!("chưa làm: chibo render");
    super::EXIT_FAIL
}
