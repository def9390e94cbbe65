//! chibo: turns the Excel sheets of a Party committee's cells into the documents the office
//! prints and the consolidated workbook the committee reads.
//!
//! # The pipeline
//! 1. [`workbook`]: read each cell's workbook (calamine) into raw tables whose every value keeps
//!    its absolute sheet position ([`workbook::read_workbook`]).
//! 2. [`model`]: parse and validate them into typed records, every problem a
//!    [`diagnostic::Diagnostic`] with file, sheet, cell, column and value ([`model::build_cell`]).
//! 3. [`aggregate`]: pure functions over the model: periods, attendance with each person's
//!    standing on the day, scores and bands, flags.
//! 4. [`docx`]: the Word template engine (tera tags inside `.docx`), fed with serialisable views
//!    ([`view`]); [`xlsx`]: the consolidated workbook (rust_xlsxwriter).
//!
//! [`batch`] runs the committee's batches (`run`, `summary`, `check`) as library calls with a
//! progress sink and a returned report; the subcommands in [`commands`] print them. They wire the stages;
//! only stage 1, the writers and the commands
//! touch the file system. Nothing inside a stage reads the clock: "today" is `--as-of`.

pub mod aggregate;
pub mod batch;
// The doc comments of `cli` are clap's `--help` text for the office (`<DIR>`, `<kỳ>`), not
// rustdoc markup.
#[allow(rustdoc::invalid_html_tags)]
pub mod cli;
pub mod commands;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod docx;
pub mod error_text;
pub mod input;
pub mod manifest;
pub mod model;
pub mod os_error;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod register;
pub mod schema;
pub mod text;
pub mod view;
pub mod web;
pub mod workbook;
pub mod xlsx;
