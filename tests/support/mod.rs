//! Helpers every test binary shares (each `tests/<area>/main.rs` mods this folder):
//! [`tools`] finds the external programs some tests drive and makes their absence visible,
//! [`golden`] compares output with the golden files under `tests/fixtures`. docs/testing.md
//! explains both.
#![allow(dead_code, unreachable_pub)]

pub mod golden;
pub mod tools;
