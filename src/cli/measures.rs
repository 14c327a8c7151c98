//! `pmcheck measures`: the inventory of a jurisdiction's measures files.

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, load, parse_date, today};
use super::measures_input::MeasuresInput;
use crate::evidence::Date;
use crate::inputs;
use crate::report::measures::{MeasuresFormat, MeasuresOptions, render};

#[derive(Debug, Args)]
pub struct MeasuresArgs {
    #[command(flatten)]
    pub input: MeasuresInput,

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

pub(super) fn run(args: MeasuresArgs) -> Result<ExitStatus> {
    let criteria = crate::criteria::resolve(crate::criteria::DEFAULT_CRITERIA)?;
    let loaded = load(&inputs::Request {
        evidence: args.input.evidence.as_deref(),
        measures: &args.input.files,
        measures_options: args.input.options(),
        as_of: args.as_of,
        need_measures: true,
        ..inputs::Request::new(&criteria, today())
    })?;
    let report = loaded.measures.expect("measures were required");
    let options = MeasuresOptions {
        list_skipped: args.list_skipped,
    };
    emit(|out| render(args.format, &report, options, out))?;
    Ok(ExitStatus::Success)
}
