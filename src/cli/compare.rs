//! `pmcheck compare`: one evidence file under several criteria, side by side.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, load_evidence, parse_date, today};
use crate::criteria;
use crate::evaluate::{self, resolve_as_of};
use crate::evidence::Date;
use crate::report::{self, Format, RenderOptions};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The evidence file.
    pub evidence: PathBuf,

    /// Criteria to compare: bundled ids or versions (2021, 2022, spectrum, ...) or paths.
    #[arg(required = true, value_name = "VERSION|PATH")]
    pub criteria: Vec<String>,

    /// The date the evidence describes (YYYY-MM-DD); overrides `as_of` in the file.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub(super) fn run(args: CompareArgs) -> Result<ExitStatus> {
    let all: Vec<criteria::Criteria> = args
        .criteria
        .iter()
        .map(|c| criteria::resolve(c))
        .collect::<Result<_, _>>()?;
    let (evidence, _) = load_evidence(&args.evidence, &all[0])?;
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today());
    let evaluations: Vec<_> = all
        .iter()
        .map(|c| evaluate::evaluate(c, &evidence, as_of, source))
        .collect();
    let options = RenderOptions {
        evidence: super::common::display_path(&args.evidence)
            .display()
            .to_string(),
        target: None,
        color: false,
        changes: None,
        section_lines: Vec::new(),
    };
    emit(|out| report::compare::render(args.format, &evaluations, &options, out))?;
    Ok(ExitStatus::Success)
}
