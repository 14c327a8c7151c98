//! The measures files a command reads (`measures`, `publish`): the arguments that name
//! them, flattened into each command; [`crate::inputs::load`] reads them.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::diagnostic;
use crate::inputs::MeasuresOptions;
use crate::measures::Role;

#[derive(Debug, Args)]
pub struct MeasuresInput {
    /// Measures files: CSV (comma, semicolon or tab), Excel (.xlsx, .xlsm, .xls) or
    /// OpenDocument (.ods); with --evidence, read after the ones it links.
    #[arg(value_name = "FILE", required_unless_present = "evidence")]
    pub files: Vec<PathBuf>,

    /// An evidence file: read the measures files it links under `measures:` (relative
    /// to it), with its `fiscal_year_start`, column names and `as_of`.
    #[arg(long, value_name = "EVIDENCE")]
    pub evidence: Option<PathBuf>,

    /// A sheet to read of each workbook given on the command line (repeatable; default:
    /// every sheet whose header row is recognised, the others skipped with a note).
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,

    /// Read the column with this header as this role (repeatable), for example
    /// `--column service_area=Dept`. Roles: service_area, program, measure, kind, period,
    /// actual, target, unit, owner, source, comparison, direction, breakdown, row_type
    /// (whether the row's values are actuals or targets).
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = parse_column)]
    pub columns: Vec<(Role, String)>,

    /// The month the fiscal year starts in, 1 to 12 (7 for July): years, quarters and
    /// months are read as fiscal years named by the year they end.
    #[arg(long, value_name = "MONTH", value_parser = parse_month)]
    pub fiscal_year_start: Option<u32>,

    /// The service area of every row of the files given on the command line, for a file
    /// of one area with no service-area column (an import for one scorecard).
    #[arg(long, value_name = "NAME", value_parser = parse_area)]
    pub area: Option<String>,
}

impl MeasuresInput {
    /// How the files given are read: `--sheet`, `--column` and `--fiscal-year-start`
    /// (which applies to the files the evidence links too).
    pub(super) fn options(&self) -> MeasuresOptions {
        MeasuresOptions {
            sheets: self.sheets.clone(),
            columns: self.columns.clone(),
            fiscal_year_start: self.fiscal_year_start,
            area: self.area.clone(),
        }
    }
}

/// A month for `--fiscal-year-start`: 1 to 12, or its name (`July`, `Jul`).
fn parse_month(s: &str) -> Result<u32, String> {
    let t = s.trim().to_lowercase();
    match t.parse::<u32>() {
        Ok(n) if (1..=12).contains(&n) => Some(n),
        Ok(_) => None,
        Err(_) => crate::measures::period::month_named(&t),
    }
    .ok_or_else(|| {
        format!(
            "`{}` is not a month; write 1 to 12 or a month's name, for example 7 or July for a fiscal year starting in July",
            diagnostic::printable(s)
        )
    })
}

/// A service area's name for `--area`: not empty.
fn parse_area(s: &str) -> Result<String, String> {
    let name = s.trim();
    if name.is_empty() {
        return Err(
            "the service area's name is empty; write for example --area \"Youth Services\""
                .to_owned(),
        );
    }
    Ok(name.to_owned())
}

/// `ROLE=HEADER` for `--column`.
fn parse_column(s: &str) -> Result<(Role, String), String> {
    let Some((role, header)) = s.split_once('=') else {
        return Err(format!(
            "`{}` is not ROLE=HEADER; write for example service_area=Dept",
            diagnostic::printable(s)
        ));
    };
    let Some(role) = Role::from_id(role) else {
        return Err(format!(
            "`{}` is not a column role; {}roles: {}",
            diagnostic::printable(role),
            diagnostic::did_you_mean(role.trim(), Role::ALL.map(Role::id).into_iter()),
            Role::ALL.map(Role::id).join(", ")
        ));
    };
    if header.trim().is_empty() {
        return Err(format!("no header after `{}=`", role.id()));
    }
    Ok((role, header.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_number_or_name() {
        assert_eq!(parse_month("7"), Ok(7));
        assert_eq!(parse_month("July"), Ok(7));
        assert_eq!(parse_month("oct"), Ok(10));
        assert_eq!(parse_month("12"), Ok(12));
        assert!(parse_month("13").is_err());
        assert!(parse_month("0").is_err());
        assert!(parse_month("ju").is_err());
        assert!(parse_month("Juli").is_err());
    }
}
