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
use crate::report::{self, EvaluateFormat, Format, RenderOptions};

/// The evidence template that `pmcheck init` writes.
pub const TEMPLATE: &str = include_str!("template.yaml");

const EXIT_CODES: &str = "\
Exit codes:
  0  evaluated (and, with --require LEVEL, that level is reached)
  1  evaluated, but below the level given with --require (or, with
     --fail-on-regression, a requirement met in the baseline is lost)
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
    /// Evaluate one evidence file under several criteria and show what differs.
    Compare(CompareArgs),
    /// List, show, compare and check criteria files.
    #[command(subcommand)]
    Criteria(CriteriaCommand),
    /// Explain a requirement or category: wording, reading, fields, an example, the hint.
    Explain(ExplainArgs),
    /// Write a commented evidence template with every field of format v1.
    Init {
        /// Where to write it.
        #[arg(default_value = "evidence.yaml")]
        path: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema (draft 2020-12) of evidence format v1, for editors.
    Schema,
    /// The ordered actions to reach a target level, with their dated plans.
    Plan(PlanArgs),
    /// Evaluate many evidence files (files or directories) and rank the jurisdictions.
    #[command(
        after_help = "Exit codes:\n  0  every file evaluated\n  2  usage or criteria error, or at least one file could not be evaluated (it is listed as an error row)"
    )]
    Portfolio(PortfolioArgs),
    /// Print shell completions for bash, zsh, fish, powershell or elvish.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct PortfolioArgs {
    /// Evidence files or directories (searched recursively for .yaml, .yml, .json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Criteria: a bundled id or version, or a .toml path.
    #[arg(long, short, value_name = "VERSION|PATH", default_value = DEFAULT_CRITERIA)]
    pub criteria: String,

    /// One as-of date for every file (otherwise each file's `as_of`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = report::portfolio::PortfolioFormat::Table)]
    pub format: report::portfolio::PortfolioFormat,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,

    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

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

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// The bundled criteria: framework, version, levels, requirements, application window.
    List {
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The resolved criteria, requirement by requirement.
    Show {
        /// A bundled id or version, or a .toml path.
        #[arg(value_name = "VERSION|PATH")]
        criteria: String,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Requirements added, removed and changed between two criteria.
    Diff {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Validate a criteria file, listing every problem with its line (exit 2 when any).
    Check {
        /// The criteria file to check.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
    Markdown,
    /// The criteria file itself.
    Toml,
}

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
    #[arg(long, short, value_enum, default_value_t = EvaluateFormat::Table)]
    pub format: EvaluateFormat,

    /// Exit with status 1 unless this level (a level id of the criteria) is reached.
    #[arg(long, value_name = "LEVEL")]
    pub require: Option<String>,

    /// When to color the table output. `auto` colors only a terminal, and never when
    /// NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// An earlier JSON result (`--format json`) to report progress against.
    #[arg(long, value_name = "RESULT.json")]
    pub baseline: Option<PathBuf>,

    /// With --baseline: exit with status 1 when any requirement met in the baseline is lost.
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,

    /// Count a requirement as met only when the sections it reads cite `sources`.
    #[arg(long)]
    pub strict: bool,

    /// Also write FORMAT to PATH (repeatable), e.g. `--report junit=pmcheck.xml
    /// --report html=report.html`. Each is written atomically.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub report: Vec<(EvaluateFormat, PathBuf)>,

    /// Let --report replace existing files.
    #[arg(long)]
    pub force: bool,
}

fn parse_report(s: &str) -> Result<(EvaluateFormat, PathBuf), String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not FORMAT=PATH, for example junit=pmcheck.xml"))?;
    let format = EvaluateFormat::from_str(format, true).map_err(|_| {
        let names: Vec<String> = EvaluateFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        format!("unknown format `{format}`; formats: {}", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file after `=`"));
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The evidence file, with its `plans:` entries.
    pub evidence: PathBuf,

    /// The level to reach (a level id of the criteria).
    #[arg(long, value_name = "LEVEL")]
    pub target: String,

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
        Command::Compare(args) => run_compare(args),
        Command::Criteria(cmd) => run_criteria(cmd),
        Command::Explain(args) => run_explain(args),
        Command::Plan(args) => run_plan(args),
        Command::Portfolio(args) => run_portfolio(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            emit(|out| {
                clap_complete::generate(shell, &mut cmd, "pmcheck", out);
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            emit(|out| clap_mangen::Man::new(cmd).render(out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { path, force } => {
            crate::write::write_atomic(&path, TEMPLATE.as_bytes(), force, &[])?;
            emit(|out| {
                writeln!(
                    out,
                    "wrote {}; fill it in, then run: pmcheck evaluate {}",
                    path.display(),
                    path.display()
                )
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let schema = evidence::json_schema();
            emit(|out| {
                serde_json::to_writer_pretty(&mut *out, &schema)?;
                writeln!(out)
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes a report to standard output through a buffer.
fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn run_compare(args: CompareArgs) -> Result<ExitCode> {
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
        evidence: args.evidence.display().to_string(),
        target: None,
        color: false,
        changes: None,
        section_lines: Vec::new(),
    };
    emit(|out| report::compare::render(args.format, &evaluations, &options, out))?;
    Ok(ExitCode::SUCCESS)
}

fn run_criteria(cmd: CriteriaCommand) -> Result<ExitCode> {
    match cmd {
        CriteriaCommand::List { format } => {
            let bundled: Vec<(&str, criteria::Criteria)> = criteria::BUNDLED
                .iter()
                .map(|(id, _, _)| criteria::bundled(id).map(|c| (*id, c)))
                .collect::<Result<_, _>>()?;
            emit(|out| report::criteria_view::list(format, &bundled, out))?;
        }
        CriteriaCommand::Show {
            criteria: spec,
            format,
        } => {
            let c = criteria::resolve(&spec)?;
            emit(|out| match format {
                ShowFormat::Toml => out.write_all(c.file_text.as_bytes()),
                ShowFormat::Table => report::criteria_view::show(Format::Table, &c, out),
                ShowFormat::Json => report::criteria_view::show(Format::Json, &c, out),
                ShowFormat::Markdown => report::criteria_view::show(Format::Markdown, &c, out),
            })?;
        }
        CriteriaCommand::Diff { a, b, format } => {
            let (a, b) = (criteria::resolve(&a)?, criteria::resolve(&b)?);
            let d = crate::diff::diff(&a, &b);
            emit(|out| report::criteria_view::diff(format, &a, &b, &d, out))?;
        }
        CriteriaCommand::Check { file } => {
            let c = criteria::load(&file)?;
            emit(|out| {
                writeln!(
                    out,
                    "{}: ok: {} ({} levels, {} categories, {} requirements)",
                    file.display(),
                    c.label(),
                    c.levels.len(),
                    c.categories.len(),
                    c.requirements.len()
                )
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_explain(args: ExplainArgs) -> Result<ExitCode> {
    let c = criteria::resolve(&args.criteria)?;
    let as_of = args.as_of.unwrap_or(Date(today()));
    if let Some(i) = c.requirements.iter().position(|r| r.id == args.id) {
        emit(|out| report::explain::requirement(&c, i, as_of, out))?;
    } else if let Some(i) = c.categories.iter().position(|x| x.id == args.id) {
        emit(|out| report::explain::category(&c, i, out))?;
    } else {
        let ids: Vec<&str> = c
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .chain(c.categories.iter().map(|x| x.id.as_str()))
            .collect();
        let mut scored: Vec<(f64, &str)> = ids
            .iter()
            .map(|id| (strsim::jaro_winkler(&args.id, id), *id))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let closest: Vec<String> = scored
            .iter()
            .take(3)
            .map(|(_, id)| format!("`{id}`"))
            .collect();
        anyhow::bail!(
            "`{}` is not a requirement or category id of {}; closest: {} (see `pmcheck criteria show {}`)",
            diagnostic::printable(&args.id),
            c.label(),
            closest.join(", "),
            args.criteria
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The index of a level id of the criteria, or an error naming the flag and the levels.
fn level_arg(criteria: &criteria::Criteria, flag: &str, level: &str) -> Result<usize> {
    criteria.level_index(level).ok_or_else(|| {
        let ids: Vec<&str> = criteria.levels.iter().map(|l| l.id.as_str()).collect();
        let hint = diagnostic::closest(level, ids.iter().copied())
            .map(|b| format!("did you mean `{b}`? "))
            .unwrap_or_default();
        anyhow::anyhow!(
            "{flag}: `{}` is not a level of {}; {hint}levels: {}",
            diagnostic::printable(level),
            criteria.label(),
            ids.join(", ")
        )
    })
}

/// Loads evidence (and the text read) and refuses plans that name a requirement no
/// criteria know.
fn load_evidence(
    path: &std::path::Path,
    c: &criteria::Criteria,
) -> Result<(evidence::Evidence, String)> {
    let (evidence, text) = evidence::load_with_text(path)?;
    if let Some((id, closest)) = crate::plan::unknown_plan(c, &evidence) {
        let line = text.lines().enumerate().find_map(|(n, l)| {
            let col = l.find(id.as_str())?;
            l.contains("requirement")
                .then(|| (n as u64 + 1, l[..col].chars().count() as u64 + 1))
        });
        let closest: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
        return Err(diagnostic::InputError::new(
            path,
            line,
            format!(
                "plans: `{id}` is not a requirement id; closest in {}: {}",
                c.label(),
                closest.join(", ")
            ),
        )
        .with_source_text(&text)
        .into());
    }
    Ok((evidence, text))
}

fn run_evaluate(args: EvaluateArgs) -> Result<ExitCode> {
    let criteria = criteria::resolve(&args.criteria)?;
    let target = match &args.require {
        None => None,
        Some(level) => Some(level_arg(&criteria, "--require", level)?),
    };
    let baseline = match &args.baseline {
        Some(path) => Some(crate::baseline::load(path)?),
        None => None,
    };
    let (evidence, evidence_text) = load_evidence(&args.evidence, &criteria)?;
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today());
    let evaluation = evaluate::evaluate_with(
        &criteria,
        &evidence,
        as_of,
        source,
        evaluate::Options {
            strict: args.strict,
        },
    );
    let changes = baseline
        .as_ref()
        .zip(args.baseline.as_ref())
        .map(|(b, path)| crate::baseline::changes(b, &path.display().to_string(), &evaluation));
    let regressed = changes.as_ref().is_some_and(|c| !c.lost.is_empty());

    let mut options = RenderOptions {
        evidence: args.evidence.display().to_string(),
        target,
        color: false,
        changes,
        section_lines: report::section_lines(&evidence_text),
    };
    // Further formats first, so that a failed write stops the run before any output.
    let mut protected: Vec<&std::path::Path> = vec![&args.evidence];
    if let Some(b) = &args.baseline {
        protected.push(b);
    }
    let criteria_path = std::path::Path::new(&args.criteria);
    if criteria_path.is_file() {
        protected.push(criteria_path);
    }
    for (format, path) in &args.report {
        let mut bytes = Vec::new();
        report::render(*format, &evaluation, &options, &mut bytes)?;
        crate::write::write_atomic(path, &bytes, args.force, &protected)?;
    }
    if args.format == EvaluateFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty())
    {
        append_step_summary(std::path::Path::new(&summary), &evaluation, &options)?;
    }
    options.color = use_color(args.color) && args.format == EvaluateFormat::Table;
    emit(|out| report::render(args.format, &evaluation, &options, out))?;

    let below = target.is_some_and(|t| !evaluation.reaches(t));
    Ok(if below || (args.fail_on_regression && regressed) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Appends the Markdown report to the GitHub Actions step summary file.
fn append_step_summary(
    path: &std::path::Path,
    evaluation: &evaluate::Evaluation<'_>,
    options: &RenderOptions,
) -> Result<()> {
    let mut bytes = Vec::new();
    report::render(EvaluateFormat::Markdown, evaluation, options, &mut bytes)?;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("cannot open GITHUB_STEP_SUMMARY file {}", path.display()))?;
    file.write_all(&bytes)
        .with_context(|| format!("cannot append to {}", path.display()))
}

fn run_portfolio(args: PortfolioArgs) -> Result<ExitCode> {
    let criteria = criteria::resolve(&args.criteria)?;
    let files = crate::portfolio::collect(&args.paths);
    let show_progress = !args.quiet
        && io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty());
    let total = files.len();
    let progress = |done: usize| {
        if show_progress && (done == total || done.is_multiple_of(16)) {
            let width = 30;
            let filled = (done * width).checked_div(total).unwrap_or(width);
            eprint!(
                "\r[{}{}] {done}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done == total {
                eprintln!();
            }
        }
    };
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let rows = crate::portfolio::run(&criteria, &files, args.as_of, today(), workers, &progress);
    emit(|out| report::portfolio::render(args.format, &criteria, &rows, out))?;
    let failed = rows.iter().any(|r| r.outcome.is_err());
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_plan(args: PlanArgs) -> Result<ExitCode> {
    let criteria = criteria::resolve(&args.criteria)?;
    let target = level_arg(&criteria, "--target", &args.target)?;
    let (evidence, _) = load_evidence(&args.evidence, &criteria)?;
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today());
    let evaluation = evaluate::evaluate(&criteria, &evidence, as_of, source);
    let report = crate::plan::plan(&evaluation, &evidence, target, args.by);
    emit(|out| report::plan::render(args.format, &evaluation, &report, out))?;
    Ok(ExitCode::SUCCESS)
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
