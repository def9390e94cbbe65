//! Stage 4: Excel output: the committee's consolidated workbook ([`summary`]) and the blank
//! input form `chibo init` writes ([`form`]).

pub mod form;
pub mod summary;

pub use summary::{SummaryInput, summary_workbook};
