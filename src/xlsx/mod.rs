//! Stage 4: the consolidated workbook and the blank input form. (Being built.)
pub mod form;
