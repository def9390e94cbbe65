//! The `figures` test binary: one executable for the tests of one area (links once).

#[allow(clippy::unwrap_used)]
#[path = "../aggregate_common/mod.rs"]
mod aggregate_common;
#[path = "../support/mod.rs"]
mod support;

mod aggregate_attendance;
mod aggregate_period;
mod aggregate_score;
mod aggregate_summary;
mod rules_by_year;
mod shortcomings;
mod xlsx_summary;
