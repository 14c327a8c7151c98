//! `pmcheck measures`: the inventory of a jurisdiction's measures files.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, parse_date, read_measures, today};
use crate::diagnostic;
use crate::evidence::Date;
use crate::measures::Role;
use crate::measures::inventory::Report;
use crate::report::measures::{MeasuresFormat, MeasuresOptions, render};

#[derive(Debug, Args)]
pub struct MeasuresArgs {
    /// Measures files: CSV (comma, semicolon or tab), Excel (.xlsx, .xlsm, .xls) or
    /// OpenDocument (.ods).
    #[arg(value_name = "FILE", required_unless_present = "evidence")]
    pub files: Vec<PathBuf>,

    /// An evidence file: read the measures files it links under `measures:` (relative
    /// to it), with its `fiscal_year_start`, column names and `as_of`.
    #[arg(long, value_name = "EVIDENCE")]
    pub evidence: Option<PathBuf>,

    /// The sheet of a workbook to read (default: the first sheet with data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Read the column with this header as this role (repeatable), for example
    /// `--column service_area=Dept`. Roles: service_area, measure, kind, period,
    /// actual, target, unit, owner, source, comparison, direction, breakdown.
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = parse_column)]
    pub columns: Vec<(Role, String)>,

    /// The month the fiscal year starts in, 1 to 12 (7 for July): years, quarters and
    /// months are read as fiscal years named by the year they end.
    #[arg(long, value_name = "MONTH", value_parser = parse_month)]
    pub fiscal_year_start: Option<u32>,

    /// The date the inventory is judged at, for stale measures (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// List every skipped row with its reason.
    #[arg(long)]
    pub list_skipped: bool,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = MeasuresFormat::Table)]
    pub format: MeasuresFormat,
}

/// A month for `--fiscal-year-start`: 1 to 12, or its name (`July`, `Jul`).
pub(super) fn parse_month(s: &str) -> Result<u32, String> {
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

/// `ROLE=HEADER` for `--column`.
pub(super) fn parse_column(s: &str) -> Result<(Role, String), String> {
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

pub(super) fn run(args: MeasuresArgs) -> Result<ExitStatus> {
    let criteria = crate::criteria::resolve(crate::criteria::DEFAULT_CRITERIA)?;
    let (tables, evidence) = read_measures(
        &args.files,
        args.evidence.as_deref(),
        &criteria,
        args.sheet.as_deref(),
        &args.columns,
        args.fiscal_year_start,
    )?;
    let file_as_of = evidence.and_then(|e| e.as_of);
    let as_of = args.as_of.or(file_as_of).unwrap_or(Date(today()));
    let report = Report::new(tables, as_of.0);
    let options = MeasuresOptions {
        list_skipped: args.list_skipped,
    };
    emit(|out| render(args.format, &report, options, out))?;
    Ok(ExitStatus::Success)
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
