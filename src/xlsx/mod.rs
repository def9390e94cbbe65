//! Stage 4: Excel output: the committee's consolidated workbook ([`summary`]) and the blank
//! input form `chibo init` writes ([`form`]).

pub mod form;
pub mod rows;
pub mod summary;

pub use rows::SheetRows;
pub use summary::{
    SummaryInput, consolidate_with_rows, summary_workbook, summary_workbook_with_register,
};
