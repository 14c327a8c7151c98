//! `pmcheck plan`: the ordered actions to reach a level, with their dated plans.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{
    criteria_file, emit, level_arg, load, parse_date, strictness, today, warn_data_problems,
};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::evaluate;
use crate::evidence::Date;
use crate::inputs;
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

    /// Measures files (CSV, Excel, OpenDocument) to read besides those the evidence
    /// file links under `measures:` (repeatable), as `evaluate --measures` does.
    #[arg(long = "measures", value_name = "FILE")]
    pub measures: Vec<PathBuf>,

    /// Count a requirement as met only when the sections it reads cite `sources`; claims
    /// about service areas count only as far as linked measures data backs them, and
    /// measures data with values that could not be used is refused (as `evaluate --strict`).
    #[arg(long)]
    pub strict: bool,

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
    let loaded = load(&inputs::Request {
        evidence: Some(&args.evidence),
        criteria_file: criteria_file(&args.criteria),
        measures: &args.measures,
        as_of: args.as_of,
        ..inputs::Request::new(&criteria, today()).judged_strictly(args.strict)
    })?;
    warn_data_problems(&loaded);
    let evidence = &loaded
        .evidence
        .as_ref()
        .expect("an evidence file was asked for")
        .evidence;
    let evaluation = evaluate::judge_loaded(&criteria, &loaded, strictness(args.strict))
        .expect("an evidence file was asked for");
    // Without --target: the next level, or the top level once every level is reached.
    let target = target.unwrap_or_else(|| evaluation.target_or_next(None));
    let report = crate::evaluate::plan::plan(&evaluation, evidence, target, args.by);
    emit(|out| report::plan::render(args.format, &evaluation, &report, out))?;
    Ok(ExitStatus::Success)
}
