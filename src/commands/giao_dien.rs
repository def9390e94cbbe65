//! `chibo giao-dien`: serves the working page on this machine and opens it in the browser.

use crate::cli::GiaoDienArgs;
use crate::diagnostic::Lang;

/// Runs `chibo giao-dien` until it is stopped (Ctrl+C or closing the window).
#[must_use]
pub fn run(args: &GiaoDienArgs, lang: Lang) -> u8 {
    let _ = (args, lang);
    super::EXIT_OK
}
