//! Stage 4: Excel output: the committee's consolidated workbook ([`summary`]).

pub mod summary;

pub use summary::{SummaryInput, summary_workbook};
