//! The `documents` test binary: one executable for the tests of one area (links once).

#[path = "../docx_common/mod.rs"]
mod docx_common;
#[allow(dead_code)]
#[path = "../../examples/gen_templates.rs"]
mod gen_templates;
#[path = "../support/mod.rs"]
mod support;

mod check_templates;
mod docx_cli;
mod docx_engine;
mod docx_errors;
mod docx_props;
mod docx_render;
mod error_texts;
mod layout;
mod layout_the_thuc;
mod templates_default;
mod templates_pdf;
mod templates_render;
mod templates_views;
