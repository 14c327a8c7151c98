//! Measures data: the jurisdiction's own performance measures, read from CSV, Excel or
//! OpenDocument files, judged as data rather than typed claims.

pub mod period;
pub mod value;
