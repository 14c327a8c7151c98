//! The command line: the `Cli` and `Command` types, one file per command (its
//! arguments and its `run`), and the one place where a command's outcome becomes an
//! exit code.

mod common;
mod compare;
mod completions;
mod criteria;
mod evaluate;
mod explain;
mod init;
mod man;
mod measures;
mod measures_input;
mod plan;
mod portfolio;
mod publish;
mod schema;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

pub use init::TEMPLATE;

/// How a command ended. Commands return this; only [`ExitStatus::code`] turns it
/// into a number, beside the text that documents the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: the command did what was asked (evaluate: the required level is reached).
    Success,
    /// 1: evaluated, but below the level given with `--require`, or a requirement
    /// met in the baseline is lost under `--fail-on-regression`.
    BelowTarget,
    /// 2: a usage, input or criteria error; in `portfolio`, a file that could not be
    /// evaluated.
    Error,
}

/// The exit codes, as `--help` prints them.
const EXIT_CODES: &str = "\
Exit codes:
  0  evaluated (and, with --require LEVEL, that level is reached)
  1  evaluated, but below the level given with --require (or, with
     --fail-on-regression, a requirement met in the baseline is lost)
  2  usage, input or criteria error";

/// The exit codes of `publish`, as its `--help` prints them.
const PUBLISH_EXIT_CODES: &str = "\
Exit codes:
  0  the site is written (what it does not cover is said, not an error)
  2  usage, input or criteria error; nothing is written, and a site published earlier is kept";

/// The exit codes of `portfolio`, as its `--help` prints them.
const PORTFOLIO_EXIT_CODES: &str = "\
Exit codes:
  0  every file evaluated
  2  usage or criteria error, or at least one file could not be evaluated (it is listed as an error row)";

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::BelowTarget => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// How ready a local government is for an ICMA Certificate in Performance
/// Management, and exactly what it must still do.
#[derive(Debug, Parser)]
#[command(name = "pmcheck", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate an evidence file against versioned criteria and list the gaps.
    #[command(after_help = EXIT_CODES)]
    Evaluate(evaluate::EvaluateArgs),
    /// Evaluate one evidence file under several criteria and show what differs.
    Compare(compare::CompareArgs),
    /// List, show, compare and check criteria files.
    #[command(subcommand)]
    Criteria(criteria::CriteriaCommand),
    /// Explain a requirement or category; with --evidence, how a file fares, item by item.
    ///
    /// The official wording, pmcheck's reading, the rule, the evidence fields it reads, an
    /// evidence example that satisfies it and the hint. With `--evidence`, also every
    /// item of that file the requirement judged (a service area, a quarter, a flag),
    /// whether it counted and why, and whether the requirement is met; for a category id,
    /// each of its requirements so. The exit status is 0 whether or not the requirement
    /// is met, and 2 for an unknown id or an input error.
    Explain(explain::ExplainArgs),
    /// Write a commented evidence template with every field of format v1.
    Init(init::InitArgs),
    /// Print the JSON Schema (draft 2020-12) of evidence format v1, for editors.
    Schema,
    /// The ordered actions to reach a target level, with their dated plans.
    Plan(plan::PlanArgs),
    /// The inventory of measures files (CSV, Excel, OpenDocument): per service area its
    /// measures, what ICMA's Data Collection readings make of them, and data findings.
    Measures(measures::MeasuresArgs),
    /// Publish the public performance report, a static site, from measures files.
    ///
    /// Writes a self-contained index.html (an at-a-glance summary, a chart per measure
    /// against its target, change from the previous period, comparisons, equity
    /// breakdowns, narratives, search) and measures.csv to --out, as a whole. Then says
    /// which Public Reporting requirements the report covers with this data.
    #[command(after_help = PUBLISH_EXIT_CODES)]
    Publish(publish::PublishArgs),
    /// Evaluate many evidence files (files or directories) and rank the jurisdictions.
    #[command(after_help = PORTFOLIO_EXIT_CODES)]
    Portfolio(portfolio::PortfolioArgs),
    /// Print shell completions for bash, zsh, fish, powershell or elvish.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff) of pmcheck or of one of its commands.
    Man(man::ManArgs),
}

/// Runs a parsed command line; an error is exit status 2 for `main`.
pub fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Evaluate(args) => evaluate::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Criteria(cmd) => criteria::run(cmd),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Schema => schema::run(),
        Command::Plan(args) => plan::run(args),
        Command::Measures(args) => measures::run(args),
        Command::Portfolio(args) => portfolio::run(args),
        Command::Publish(args) => publish::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}
