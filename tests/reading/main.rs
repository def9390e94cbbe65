//! The `reading` test binary: one executable for the tests of one area (links once).
//!
//! `workbook_*` and `model_*` test chibo's reading; `samples_*` guard the samples' truth (the
//! committed files are what the generators write, and read back to `samples/expected.json`),
//! which the other binaries then check chibo's output against (docs/testing.md).

#[allow(clippy::unwrap_used)]
#[path = "../../examples/common/mod.rs"]
mod examples_common;
#[path = "../model_support/mod.rs"]
mod model_support;
#[path = "../workbook_common/mod.rs"]
mod workbook_common;

mod form_read_back;
mod model_attendance;
mod model_build;
mod model_scores;
mod samples_committee;
mod samples_files;
mod samples_fixtures;
mod samples_messy;
mod samples_truth;
mod workbook_files;
mod workbook_fixtures;
mod workbook_libreoffice;
mod workbook_read;
