//! The `commands` test binary: one executable for the tests of one area (links once).

#[path = "../docx_common/mod.rs"]
mod docx_common;
#[allow(clippy::unwrap_used)]
#[path = "../../examples/common/mod.rs"]
mod examples_common;
#[path = "../model_support/mod.rs"]
mod model_support;
#[path = "../support/mod.rs"]
mod support;

mod check_cli;
mod check_e2e;
mod check_samples;
mod cli_help;
mod cli_vietnamese;
mod figures_cells;
mod figures_consistency;
mod giao_dien_browser;
mod giao_dien_http;
mod init_cli;
mod init_keep;
mod nghi_quyet_run;
mod register;
mod registry_lists;
mod reruns;
mod run_2026;
mod run_e2e;
mod run_e2e_annual;
mod run_parallel;
mod run_pdf;
mod run_the_thuc;
mod run_windows;
mod sample_folder;
mod web_support;
