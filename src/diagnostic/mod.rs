//! Problems with the files a person gave pmcheck, told so that the person can act on
//! them: the file, where in it (a line and column, or a sheet, row and column), what is
//! wrong and what would be right. One [`Problem`] type serves evidence, criteria,
//! baselines, narratives and measures files; [`Problems`] lists several found in one
//! file. The stable codes of warnings live in [`code`]; suggestions of the closest name
//! in [`suggest`]; parser messages made plain in [`serde_message`].

pub mod code;
mod serde_message;
mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

pub use code::{Warning, WarningCode};
pub use serde_message::improve_serde_message;
pub use suggest::{closest, did_you_mean, ranked};

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A text file's 1-based line and column.
    Line { line: u64, column: u64 },
    /// A spreadsheet's (or CSV file's) cell: the sheet of a workbook, the 1-based row as
    /// the spreadsheet shows it, and the column's letter when one column is concerned.
    Cell {
        sheet: Option<Box<str>>,
        row: u32,
        column: Option<Box<str>>,
    },
}

/// A problem with a file the user gave pmcheck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// Where in the file, when known.
    pub at: Option<Location>,
    pub message: String,
    /// The offending source line of a text file, shown under the message.
    pub source_line: Option<String>,
}

impl Problem {
    /// A problem at a 1-based line and column of a text file, or in the file as a whole.
    pub fn new(file: &Path, at: Option<(u64, u64)>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_path_buf(),
            at: at.map(|(line, column)| Location::Line { line, column }),
            message: message.into(),
            source_line: None,
        }
    }

    /// A problem in a cell (or, without a column, a row) of a spreadsheet.
    pub fn in_cell(
        file: &Path,
        sheet: Option<&str>,
        row: u32,
        column: Option<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_path_buf(),
            at: Some(Location::Cell {
                sheet: sheet.map(Box::from),
                row,
                column: column.map(String::into_boxed_str),
            }),
            message: message.into(),
            source_line: None,
        }
    }

    /// The line and column, for a problem in a text file.
    pub fn line_column(&self) -> Option<(u64, u64)> {
        match self.at {
            Some(Location::Line { line, column }) => Some((line, column)),
            _ => None,
        }
    }

    /// Attaches the line the problem points at, when the caller has it at hand.
    pub fn with_source_line(mut self, line: &str) -> Problem {
        if self.line_column().is_some() {
            self.source_line = Some(printable(line.trim_end_matches('\r')));
        }
        self
    }

    /// Attaches the line the problem points at, taken from the whole source text.
    pub fn with_source_text(mut self, text: &str) -> Problem {
        if let Some((line, _)) = self.line_column() {
            self.source_line = usize::try_from(line)
                .ok()
                .and_then(|l| l.checked_sub(1))
                .and_then(|l| text.lines().nth(l))
                .map(|l| printable(l.trim_end_matches('\r')));
        }
        self
    }

    /// The sheet the problem is in, for a workbook.
    fn sheet(&self) -> Option<&str> {
        match &self.at {
            Some(Location::Cell { sheet, .. }) => sheet.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.file.display().to_string()))?;
        match &self.at {
            None => {}
            Some(Location::Line { line, column }) => write!(f, ":{line}:{column}")?,
            Some(Location::Cell { sheet, row, column }) => {
                if let Some(sheet) = sheet {
                    write!(f, ", sheet `{}`", printable(sheet))?;
                }
                match column {
                    Some(c) => write!(f, ", cell {}{row}", printable(c))?,
                    None => write!(f, ", row {row}")?,
                }
            }
        }
        write!(f, ": {}", printable(&self.message))?;
        if let (Some((line, column)), Some(src)) = (self.line_column(), &self.source_line) {
            let gutter = line.to_string().len();
            // Show at most 100 characters, in a window that holds the column.
            let col = usize::try_from(column).unwrap_or(1).max(1);
            let skip = col.saturating_sub(60);
            let mut shown: String = src.chars().skip(skip).take(100).collect();
            let mut caret = col - skip;
            if skip > 0 {
                shown.insert(0, '…');
                caret += 1;
            }
            write!(f, "\n{:gutter$} |\n{line} | {shown}", "")?;
            if caret <= shown.chars().count() + 1 {
                write!(f, "\n{:gutter$} | {:>caret$}", "", "^")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

/// Several problems found in one file; all are reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
    /// Further problems found but not listed, to keep the report readable.
    pub omitted: usize,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len() + self.omitted;
        let sheet = self
            .problems
            .first()
            .and_then(Problem::sheet)
            .map(|s| format!(" (sheet `{}`)", printable(s)))
            .unwrap_or_default();
        write!(
            f,
            "{}{sheet}: {n} problem{} found",
            printable(&self.file.display().to_string()),
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        if self.omitted > 0 {
            write!(
                f,
                "\n... and {} more; fix these first, then check again",
                self.omitted
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Text from a file or the command line, fit for one line of a terminal message: control,
/// bidirectional and invisible characters replaced, line breaks and tabs made spaces
/// (see [`crate::text::line`], which this is).
pub fn printable(s: &str) -> String {
    crate::text::line(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{fffd}[31mb");
    }

    #[test]
    fn file_names_and_messages_cannot_drive_the_terminal() {
        let e = Problem::new(
            Path::new("\u{1b}]0;pwn\u{7}\nerror: forged.yaml"),
            None,
            "bad `\u{202e}x`\nerror: forged",
        );
        assert_eq!(
            e.to_string(),
            "\u{fffd}]0;pwn\u{fffd} error: forged.yaml: bad `\u{fffd}x` error: forged"
        );
        let p = Problems {
            file: PathBuf::from("\u{1b}[31m.toml"),
            problems: vec![],
            omitted: 1,
        };
        assert!(
            p.to_string()
                .starts_with("\u{fffd}[31m.toml: 1 problem found")
        );
    }

    #[test]
    fn error_shows_the_line_with_a_caret() {
        let e = Problem::new(Path::new("e.yaml"), Some((2, 3)), "bad")
            .with_source_text("version: 1\nxxyy: 2\n");
        assert_eq!(e.to_string(), "e.yaml:2:3: bad\n  |\n2 | xxyy: 2\n  |   ^");
    }

    #[test]
    fn a_cell_is_named_by_its_sheet_row_and_column() {
        let file = Path::new("kpis.xlsx");
        let p = Problem::in_cell(
            file,
            Some("Parks"),
            7,
            Some("C".into()),
            "`45.3%*` is not a number",
        );
        assert_eq!(
            p.to_string(),
            "kpis.xlsx, sheet `Parks`, cell C7: `45.3%*` is not a number"
        );
        assert_eq!(p.line_column(), None);
        let row = Problem::in_cell(file, None, 9, None, "no measure name");
        assert_eq!(row.to_string(), "kpis.xlsx, row 9: no measure name");
        let all = Problems {
            file: file.into(),
            problems: vec![
                p,
                Problem::in_cell(file, Some("Parks"), 8, Some("D".into()), "bad"),
            ],
            omitted: 2,
        };
        assert_eq!(
            all.to_string(),
            "kpis.xlsx (sheet `Parks`): 4 problems found\n\
             kpis.xlsx, sheet `Parks`, cell C7: `45.3%*` is not a number\n\
             kpis.xlsx, sheet `Parks`, cell D8: bad\n\
             ... and 2 more; fix these first, then check again"
        );
    }
}
