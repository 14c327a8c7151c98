//! Measures data: the jurisdiction's own performance measures, read from CSV, Excel or
//! OpenDocument files, judged as data rather than typed claims.
//!
//! Reading happens in three steps: [`source`] turns a file (or one sheet) into rows of
//! cells; `header` finds the header row and decides the layout (long: a row per measure
//! and period; wide: a column per period) and the role of each column; [`read`] turns
//! every row into observations, collecting every problem with its cell; [`inventory`] derives
//! per service area and per measure what the data shows, and the quality findings.

pub mod columns;
mod header;
pub mod inventory;
pub mod link;
pub mod period;
pub mod read;
pub mod source;
pub mod value;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, InputError};

pub use columns::Role;
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

/// One problem in one cell (or row) of a measures file.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// 1-based row number, as the spreadsheet shows it.
    pub row: u32,
    /// The column's letter (`B`), when one column is concerned.
    pub column: Option<String>,
    /// The cell's text, when a cell is concerned.
    pub text: Option<String>,
    /// What is wrong and what would be right.
    pub message: String,
}

/// Why a measures file could not be read.
#[derive(Debug)]
pub enum MeasuresError {
    /// The file could not be read as text (CSV).
    Input(InputError),
    /// The whole file is wrong: not a spreadsheet, no header row, no sheet of that name.
    File { file: PathBuf, message: String },
    /// Cells are wrong: every problem, up to [`MAX_PROBLEMS`].
    Cells {
        file: PathBuf,
        sheet: Option<String>,
        problems: Vec<CellProblem>,
        omitted: usize,
    },
}

impl MeasuresError {
    pub fn file(path: &Path, message: impl Into<String>) -> MeasuresError {
        MeasuresError::File {
            file: path.to_path_buf(),
            message: message.into(),
        }
    }
}

impl fmt::Display for MeasuresError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeasuresError::Input(e) => e.fmt(f),
            MeasuresError::File { file, message } => {
                write!(f, "{}: {}", file.display(), message)
            }
            MeasuresError::Cells {
                file,
                sheet,
                problems,
                omitted,
            } => {
                let total = problems.len() + omitted;
                let heading = sheet
                    .as_deref()
                    .map(|s| format!(" (sheet `{}`)", diagnostic::printable(s)))
                    .unwrap_or_default();
                write!(
                    f,
                    "{}{heading}: {total} problem{} found",
                    file.display(),
                    if total == 1 { "" } else { "s" }
                )?;
                let sheet_part = sheet
                    .as_deref()
                    .map(|s| format!(", sheet `{}`", diagnostic::printable(s)))
                    .unwrap_or_default();
                for p in problems {
                    let at = match &p.column {
                        Some(c) => format!("cell {c}{}", p.row),
                        None => format!("row {}", p.row),
                    };
                    write!(f, "\n{}{sheet_part}, {at}: {}", file.display(), p.message)?;
                }
                if *omitted > 0 {
                    write!(f, "\n... and {omitted} more problems not listed")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for MeasuresError {}
