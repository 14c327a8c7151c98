//! `pmcheck evaluate`: one evidence file against one criteria file, in any format,
//! with further formats written beside it (`--report`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::ExitStatus;
use super::common::{
    ColorChoice, criteria_file, display_path, emit, is_stdio, level_arg, load, parse_date,
    strictness, today, use_color,
};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::evaluate;
use crate::evidence::Date;
use crate::inputs::{self, Protected, same_file};
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
        Some(path) => Some(crate::evaluate::baseline::load(path)?),
        None => None,
    };
    let others: Vec<&Path> = args.baseline.iter().map(PathBuf::as_path).collect();
    let loaded = load(&inputs::Request {
        evidence: Some(&args.evidence),
        criteria_file: criteria_file(&args.criteria),
        measures: &args.measures,
        as_of: args.as_of,
        others: &others,
        ..inputs::Request::new(&criteria, today()).judged_strictly(args.strict)
    })?;
    let source = loaded
        .evidence
        .as_ref()
        .expect("an evidence file was asked for");
    let evaluation = evaluate::judge_loaded(&criteria, &loaded, strictness(args.strict))
        .expect("an evidence file was asked for");
    let changes = baseline
        .as_ref()
        .zip(args.baseline.as_ref())
        .map(|(b, path)| {
            crate::evaluate::baseline::changes(
                b,
                &display_path(path).display().to_string(),
                &evaluation,
            )
        });
    let regressed = changes.as_ref().is_some_and(|c| !c.lost.is_empty());

    let mut options = RenderOptions {
        evidence: display_path(&args.evidence).display().to_string(),
        target,
        color: false,
        changes,
        section_lines: source.section_lines.clone(),
    };
    write_reports(&args, &loaded.protected, &evaluation, &options)?;
    if args.format == EvaluateFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty())
    {
        append_step_summary(
            Path::new(&summary),
            &loaded.protected,
            &evaluation,
            &options,
        )?;
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
fn write_reports(
    args: &EvaluateArgs,
    protected: &Protected,
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
            .find(|(_, p)| !is_stdio(p) && same_file(p, path))
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
fn append_step_summary(
    path: &Path,
    inputs: &Protected,
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
    let mut bytes = Vec::new();
    report::render(EvaluateFormat::Markdown, evaluation, options, &mut bytes)?;
    match crate::write::append(path, &bytes, inputs) {
        Ok(()) => Ok(()),
        Err(crate::write::AppendError::Skipped(why)) => skip(&why),
        Err(crate::write::AppendError::Failed(e)) => {
            Err(anyhow::Error::new(e).context("cannot write the GITHUB_STEP_SUMMARY file"))
        }
    }
}
