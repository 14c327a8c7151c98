//! `pmcheck explain ID`: a requirement or a category in full.

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, parse_date, today};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::diagnostic;
use crate::evidence::Date;
use crate::report;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A requirement id (public_reporting.distinction) or a category id (equity).
    pub id: String,

    /// Criteria: a bundled id or version, or a .toml path.
    #[arg(long, short, value_name = "VERSION|PATH", default_value = DEFAULT_CRITERIA)]
    pub criteria: String,

    /// The as-of date used for the dates of the evidence example (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

pub(super) fn run(args: ExplainArgs) -> Result<ExitStatus> {
    let c = criteria::resolve(&args.criteria)?;
    let as_of = args.as_of.unwrap_or(Date(today()));
    if let Some(i) = c.requirements.iter().position(|r| r.id == args.id) {
        emit(|out| report::explain::requirement(&c, i, as_of, out))?;
    } else if let Some(i) = c.categories.iter().position(|x| x.id == args.id) {
        emit(|out| report::explain::category(&c, i, out))?;
    } else {
        let ids = c
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .chain(c.categories.iter().map(|x| x.id.as_str()));
        let closest: Vec<String> = diagnostic::ranked(&args.id, ids)
            .into_iter()
            .take(3)
            .map(|id| format!("`{id}`"))
            .collect();
        anyhow::bail!(
            "`{}` is not a requirement or category id of {}; closest: {} (see `pmcheck criteria show {}`)",
            diagnostic::printable(&args.id),
            c.label(),
            closest.join(", "),
            args.criteria
        );
    }
    Ok(ExitStatus::Success)
}
