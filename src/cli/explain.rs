//! `pmcheck explain ID`: a requirement or a category in full and, with `--evidence`,
//! how a file fares against it, item by item.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::ExitStatus;
use super::common::{criteria_file, emit, load, parse_date, strictness, today, warn_data_problems};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::diagnostic;
use crate::evaluate;
use crate::evidence::Date;
use crate::inputs;
use crate::report;

/// The arguments of `pmcheck explain` (its help is the doc comment of `Command::Explain`).
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A requirement id (public_reporting.distinction) or a category id (equity).
    pub id: String,

    /// Criteria: a bundled id or version, or a .toml path.
    #[arg(long, short, value_name = "VERSION|PATH", default_value = DEFAULT_CRITERIA)]
    pub criteria: String,

    /// An evidence file (YAML or JSON; `-` for standard input) to judge against the
    /// requirement, item by item.
    #[arg(long, short, value_name = "FILE")]
    pub evidence: Option<PathBuf>,

    /// The as-of date, for the evidence example and for judging `--evidence`
    /// (default: the evidence file's `as_of`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// With `--evidence`: measures files to read besides those it links (repeatable),
    /// as `evaluate --measures` does.
    #[arg(long = "measures", value_name = "FILE", requires = "evidence")]
    pub measures: Vec<PathBuf>,

    /// Count a requirement as met only when the sections it reads cite `sources`; claims
    /// about service areas count only as far as linked measures data backs them, and
    /// measures data with values that could not be used is refused (as `evaluate --strict`).
    #[arg(long, requires = "evidence")]
    pub strict: bool,
}

pub(super) fn run(args: ExplainArgs) -> Result<ExitStatus> {
    let c = criteria::resolve(&args.criteria)?;
    let requirement = c.requirements.iter().position(|r| r.id == args.id);
    let category = c.categories.iter().position(|x| x.id == args.id);
    if requirement.is_none() && category.is_none() {
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

    let loaded = load(&inputs::Request {
        evidence: args.evidence.as_deref(),
        criteria_file: criteria_file(&args.criteria),
        measures: &args.measures,
        as_of: args.as_of,
        ..inputs::Request::new(&c, today()).judged_strictly(args.strict)
    })?;
    warn_data_problems(&loaded);
    let as_of = loaded.as_of.date;
    let evaluation = evaluate::judge_loaded(&c, &loaded, strictness(args.strict));
    let judged = evaluation
        .as_ref()
        .zip(loaded.evidence.as_ref())
        .map(|(e, s)| report::explain::Judged {
            evaluation: e,
            evidence: s.name.display().to_string(),
        });

    if let Some(i) = requirement {
        emit(|out| report::explain::requirement(&c, i, as_of, judged.as_ref(), out))?;
    } else if let Some(i) = category {
        emit(|out| report::explain::category(&c, i, judged.as_ref(), out))?;
    }
    Ok(ExitStatus::Success)
}
