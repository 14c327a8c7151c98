//! Command-line arguments and the `run` function behind `main`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::diagnostic;
use crate::evaluate::{self, resolve_as_of};
use crate::evidence::{self, Date};
use crate::report::{self, Format, RenderOptions};

const EXIT_CODES: &str = "\
Exit codes:
  0  evaluated (and, with --require LEVEL, that level is reached)
  1  evaluated, but below the level given with --require
  2  usage, input or criteria error";

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
    Evaluate(EvaluateArgs),
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The evidence file (YAML, or JSON when it ends in .json).
    pub evidence: PathBuf,

    /// Criteria: a bundled id (icma-2021, icma-2022 or just 2021, 2022; spectrum; federal)
    /// or the path of a .toml criteria file.
    #[arg(long, short, value_name = "VERSION|PATH", default_value = DEFAULT_CRITERIA)]
    pub criteria: String,

    /// The date the evidence describes (YYYY-MM-DD); overrides `as_of` in the file.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Exit with status 1 unless this level (a level id of the criteria) is reached.
    #[arg(long, value_name = "LEVEL")]
    pub require: Option<String>,

    /// When to color the table output. `auto` colors only a terminal, and never when
    /// NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// Runs a parsed command line; any error is an exit status 2 for `main`.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Evaluate(args) => run_evaluate(args),
    }
}

fn run_evaluate(args: EvaluateArgs) -> Result<ExitCode> {
    let criteria = criteria::resolve(&args.criteria)?;
    let target = match &args.require {
        None => None,
        Some(level) => Some(criteria.level_index(level).ok_or_else(|| {
            let ids: Vec<&str> = criteria.levels.iter().map(|l| l.id.as_str()).collect();
            let hint = diagnostic::closest(level, ids.iter().copied())
                .map(|b| format!("did you mean `{b}`? "))
                .unwrap_or_default();
            anyhow::anyhow!(
                "--require: `{}` is not a level of {}; {hint}levels: {}",
                diagnostic::printable(level),
                criteria.label(),
                ids.join(", ")
            )
        })?),
    };
    let evidence = evidence::load(&args.evidence)?;
    let today = chrono::Local::now().date_naive();
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today);
    let evaluation = evaluate::evaluate(&criteria, &evidence, as_of, source);

    let options = RenderOptions {
        evidence: args.evidence.display().to_string(),
        target,
        color: use_color(args.color),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    report::render(args.format, &evaluation, &options, &mut out)
        .and_then(|()| out.flush())
        .context("cannot write the report to standard output")?;

    Ok(match target {
        Some(t) if !evaluation.reaches(t) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && io::stdout().is_terminal()
        }
    }
}

/// True when the error is a write to a closed pipe, which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
