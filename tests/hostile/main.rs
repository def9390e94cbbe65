//! The `hostile` test binary: one executable for the tests of one area (links once).

#[path = "../hostile_common/mod.rs"]
mod hostile_common;

mod hostile_config;
mod hostile_data;
mod hostile_files;
mod hostile_memory;
mod hostile_paths;
mod hostile_templates;
mod hostile_text;
mod limits_config;
mod prop_mutation;
mod prop_parsers;
