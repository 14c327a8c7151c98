//! `pmcheck evaluate`: one evidence file against one criteria file, in any format,
//! with further formats written beside it (`--report`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::ExitStatus;
use super::common::{
    ColorChoice, display_path, emit, is_stdio, level_arg, load_linked, parse_date, today, use_color,
};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::evaluate::{self, resolve_as_of};
use crate::evidence::Date;
use crate::report::{self, EvaluateFormat, RenderOptions};

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The evidence file (YAML, or JSON when it ends in .json; `-` reads standard input).
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

    /// Count a requirement as met only when the sections it reads cite `sources`; claims
    /// about service areas count only as far as linked measures data backs them.
    #[arg(long)]
    pub strict: bool,

    /// Measures files (CSV, Excel, OpenDocument) to read besides those the evidence
    /// file links under `measures:` (repeatable).
    #[arg(long = "measures", value_name = "FILE")]
    pub measures: Vec<PathBuf>,

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

pub(super) fn run(args: EvaluateArgs) -> Result<ExitStatus> {
    let criteria = criteria::resolve(&args.criteria)?;
    let target = match &args.require {
        None => None,
        Some(level) => Some(level_arg(&criteria, "--require", level)?),
    };
    let baseline = match &args.baseline {
        Some(path) => Some(crate::baseline::load(path)?),
        None => None,
    };
    let loaded = load_linked(
        &args.evidence,
        &criteria,
        &args.measures,
        args.as_of,
        args.strict,
    )?;
    let (evidence, evidence_text) = (loaded.evidence, loaded.text);
    let (as_of, source) = resolve_as_of(args.as_of, evidence.as_of, today());
    let mut evaluation = evaluate::evaluate_with(
        &criteria,
        &evidence,
        as_of,
        source,
        evaluate::Options {
            strict: args.strict,
            ..evaluate::Options::default()
        },
    );
    // The measures files read are inputs too: no `--report` may write over them.
    let mut measures_read: Vec<PathBuf> = Vec::new();
    if let Some(linked) = loaded.linked {
        evaluation.warnings.extend(linked.warnings);
        measures_read = linked
            .report
            .tables
            .iter()
            .map(|t| t.file.clone())
            .collect();
    }
    let changes = baseline
        .as_ref()
        .zip(args.baseline.as_ref())
        .map(|(b, path)| {
            crate::baseline::changes(b, &display_path(path).display().to_string(), &evaluation)
        });
    let regressed = changes.as_ref().is_some_and(|c| !c.lost.is_empty());

    let mut options = RenderOptions {
        evidence: display_path(&args.evidence).display().to_string(),
        target,
        color: false,
        changes,
        section_lines: report::section_lines(&evidence_text),
    };
    let mut inputs = inputs(&args);
    inputs.extend(measures_read.iter().map(PathBuf::as_path));
    write_reports(&args, &inputs, &evaluation, &options)?;
    if args.format == EvaluateFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty())
    {
        append_step_summary(Path::new(&summary), &inputs, &evaluation, &options)?;
    }
    options.color = use_color(args.color) && args.format == EvaluateFormat::Table;
    emit(|out| report::render(args.format, &evaluation, &options, out))?;

    let below = target.is_some_and(|t| !evaluation.reaches(t));
    Ok(if below || (args.fail_on_regression && regressed) {
        ExitStatus::BelowTarget
    } else {
        ExitStatus::Success
    })
}

/// The files this run reads, which it never writes to.
fn inputs(args: &EvaluateArgs) -> Vec<&Path> {
    let mut inputs: Vec<&Path> = Vec::new();
    if !is_stdio(&args.evidence) {
        inputs.push(&args.evidence);
    }
    if let Some(b) = &args.baseline {
        inputs.push(b);
    }
    for m in &args.measures {
        inputs.push(m);
    }
    let criteria_path = Path::new(&args.criteria);
    if criteria_path.is_file() {
        inputs.push(criteria_path);
    }
    inputs
}

/// Writes every `--report FORMAT=PATH`, before any other output, so that a failed
/// write stops the run first. `-` is standard output.
fn write_reports(
    args: &EvaluateArgs,
    protected: &[&Path],
    evaluation: &evaluate::Evaluation<'_>,
    options: &RenderOptions,
) -> Result<()> {
    // Two reports with one target would write the first, then fail on the second:
    // refuse before writing anything.
    for (i, (_, path)) in args.report.iter().enumerate() {
        if is_stdio(path) {
            continue;
        }
        if let Some((_, first)) = args.report[..i]
            .iter()
            .find(|(_, p)| !is_stdio(p) && same_target(p, path))
        {
            anyhow::bail!(
                "--report: {} is named twice (also as {}); give each report its own file",
                path.display(),
                first.display()
            );
        }
    }
    for (format, path) in &args.report {
        if is_stdio(path) {
            emit(|out| report::render(*format, evaluation, options, out))?;
            continue;
        }
        let mut bytes = Vec::new();
        report::render(*format, evaluation, options, &mut bytes)?;
        crate::write::write_atomic(path, &bytes, args.force, protected)?;
    }
    Ok(())
}

/// Whether two paths name one file: the same absolute path, or (when both exist) the
/// same file through links.
fn same_target(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// Appends the Markdown report to the GitHub Actions step summary file. The summary
/// is a convenience: a target that is an input of the run or not a regular file is
/// skipped with a warning, and the evaluation still stands.
fn append_step_summary(
    path: &Path,
    inputs: &[&Path],
    evaluation: &evaluate::Evaluation<'_>,
    options: &RenderOptions,
) -> Result<()> {
    let skip = |why: &str| {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "warning: GITHUB_STEP_SUMMARY ({}) {why}; the step summary is not written",
            crate::diagnostic::printable(&path.display().to_string())
        );
        Ok(())
    };
    if inputs.iter().any(|input| same_target(input, path)) {
        return skip("is an input of this run");
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return skip("is not a regular file"),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return skip(&format!("cannot be read ({e})")),
    }
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
