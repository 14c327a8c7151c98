//! Measures data: the jurisdiction's own performance measures, read from CSV, Excel or
//! OpenDocument files, judged as data rather than typed claims.
//!
//! Reading happens in three steps: [`source`] turns a file (or one sheet) into rows of
//! cells; `header` finds the header row and decides the layout (long: a row per measure
//! and period; wide: a column per period) and the role of each column; [`read`] turns
//! every row into observations, collecting every problem with its cell; [`inventory`] derives
//! per service area and per measure what the data shows, and the quality findings.
//! Beside them: `sheets` chooses a workbook's sheets, `table` holds what a sheet gave,
//! `conflicts` finds two values for one period, [`names`] gives each area one name,
//! [`finding`] the findings' codes and severities, [`numfmt`] what a cell's format shows,
//! `fits` whether a column holds what its header says, `months` the month columns that
//! name no year (`jul_01`), `spacing` a measure's frequency from the spacing of its
//! dates.

pub mod columns;
mod conflicts;
pub mod finding;
mod fits;
mod header;
pub mod inventory;
mod months;
pub mod names;
pub mod numfmt;
pub mod period;
pub mod read;
mod sheets;
pub mod source;
mod spacing;
mod table;
pub mod target;
pub mod value;
mod xlsx;

use std::fmt;
use std::path::Path;

use crate::diagnostic::Problem;

pub use crate::vocab::Role;
pub use read::{Layout, Mapped, Observation, Options, Table, read_file};

/// Measures files larger than this are refused before reading (256 MiB).
pub const MAX_MEASURES_BYTES: u64 = 256 * 1024 * 1024;

/// Problems listed in full for one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// At most `max` items of a list for a message, each quoted and cut short, then
/// `and N more`: a message never grows with the input.
pub(crate) fn few<S: AsRef<str>>(items: &[S], max: usize) -> String {
    let mut shown: Vec<String> = items
        .iter()
        .take(max)
        .map(|s| value::quote(s.as_ref()))
        .collect();
    if items.len() > max {
        shown.push(format!("and {} more", items.len() - max));
    }
    shown.join(", ")
}

/// At most `max` items of a list as they are (pmcheck's own text: cells, rows), then
/// `and N more`.
pub(crate) fn few_plain(items: &[String], max: usize) -> String {
    let mut shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let more = format!("and {} more", items.len().saturating_sub(max));
    if items.len() > max {
        shown.push(&more);
    }
    shown.join(", ")
}

/// Why a measures file could not be read.
#[derive(Debug)]
pub enum MeasuresError {
    /// The whole file is wrong: not text, not a spreadsheet, no header row, no sheet of
    /// that name.
    File(Problem),
}

impl MeasuresError {
    pub fn file(path: &Path, message: impl Into<String>) -> MeasuresError {
        MeasuresError::File(Problem::new(path, None, message))
    }
}

impl fmt::Display for MeasuresError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeasuresError::File(p) => p.fmt(f),
        }
    }
}

impl std::error::Error for MeasuresError {}
