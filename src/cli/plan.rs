//! `pmcheck plan`: the ordered actions to reach a level, with their dated plans.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, level_arg, load_evidence, parse_date, today};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::evaluate::{self, resolve_as_of};
use crate::evidence::Date;
use crate::report::{self, Format};

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The evidence file, with its `plans:` entries (`-` reads standard input).
    pub evidence: PathBuf,

    /// The level to reach (a level id of the criteria; default: the next level
    /// above the one reached).
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    /// Plans due after this date are late (default: the criteria's application
    /// deadline, when the as-of date is before it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub by: Option<Date>,

    /// Criteria: a bundled id or version, or a .toml path.
    #[arg(long, short, value_name = "VERSION|PATH", default_value = DEFAULT_CRITERIA)]
    pub criteria: String,

    /// The date the evidence describes (YYYY-MM-DD); overrides `as_of` in the file.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub(super) fn run(args: PlanArgs) -> Result<ExitStatus> {
    let criteria = criteria::resolve(&args.criteria)?;
    let target = match &args.target {
        Some(level) => Some(level_arg(&criteria, "--target", level)?),
        None => None,
    };
    let (evidence, _) = load_evidence(&args.evidence, &criteria)?;
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today());
    let evaluation = evaluate::evaluate(&criteria, &evidence, as_of, source);
    // Without --target: the next level, or the top level once every level is reached.
    let target = target.unwrap_or_else(|| evaluation.target_or_next(None));
    let report = crate::plan::plan(&evaluation, &evidence, target, args.by);
    emit(|out| report::plan::render(args.format, &evaluation, &report, out))?;
    Ok(ExitStatus::Success)
}
