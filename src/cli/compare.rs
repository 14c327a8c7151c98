//! `pmcheck compare`: one evidence file under several criteria, side by side.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{emit, load, parse_date, today};
use crate::criteria;
use crate::evaluate;
use crate::evidence::Date;
use crate::inputs;
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
    let loaded = load(&inputs::Request {
        evidence: Some(&args.evidence),
        as_of: args.as_of,
        ..inputs::Request::new(&all[0], today())
    })?;
    let source = loaded
        .evidence
        .as_ref()
        .expect("an evidence file was asked for");
    let evaluations: Vec<_> = all
        .iter()
        .map(|c| {
            let mut e =
                evaluate::evaluate(c, &source.evidence, loaded.as_of.date, loaded.as_of.source);
            e.warnings.extend(loaded.warnings.iter().cloned());
            e
        })
        .collect();
    let options = RenderOptions {
        evidence: source.name.display().to_string(),
        target: None,
        color: false,
        changes: None,
        section_lines: Vec::new(),
    };
    emit(|out| report::compare::render(args.format, &evaluations, &options, out))?;
    Ok(ExitStatus::Success)
}
