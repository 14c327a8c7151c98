//! `pmcheck measures`: the inventory of a jurisdiction's measures files.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::ExitStatus;
use super::common::{emit, parse_date, today};
use crate::diagnostic;
use crate::evidence::Date;
use crate::measures::inventory::Report;
use crate::measures::{Options, Role, read_file};
use crate::report::measures::{MeasuresFormat, MeasuresOptions, render};

#[derive(Debug, Args)]
pub struct MeasuresArgs {
    /// Measures files: CSV (comma, semicolon or tab), Excel (.xlsx, .xlsm, .xls) or
    /// OpenDocument (.ods).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

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
    #[arg(long, value_name = "MONTH", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=12))]
    pub fiscal_year_start: u32,

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
    let options = Options {
        sheet: args.sheet.clone(),
        columns: args.columns.clone(),
        fiscal_year_start: args.fiscal_year_start,
    };
    let mut tables = Vec::new();
    for file in &args.files {
        if file.as_os_str() == "-" {
            bail!(
                "measures are read from files, not standard input; give the path of a .csv, .xlsx or .ods file"
            );
        }
        tables.push(read_file(file, &options)?);
    }
    let as_of = args.as_of.unwrap_or(Date(today()));
    let report = Report::new(tables, as_of.0);
    let options = MeasuresOptions {
        list_skipped: args.list_skipped,
    };
    emit(|out| render(args.format, &report, options, out))?;
    Ok(ExitStatus::Success)
}
