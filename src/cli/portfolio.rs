//! `pmcheck portfolio`: many evidence files against one criteria, ranked.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::ExitStatus;
use super::common::{emit, parse_date, today};
use crate::criteria::{self, DEFAULT_CRITERIA};
use crate::evidence::Date;
use crate::report;

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

pub(super) fn run(args: PortfolioArgs) -> Result<ExitStatus> {
    let criteria = criteria::resolve(&args.criteria)?;
    let found = crate::evaluate::portfolio::collect(&args.paths);
    if found.files.is_empty() && found.unreadable.is_empty() {
        let paths: Vec<String> = args
            .paths
            .iter()
            .map(|p| crate::diagnostic::printable(&p.display().to_string()))
            .collect();
        anyhow::bail!(
            "no evidence files (.yaml, .yml, .json) found in {}",
            paths.join(", ")
        );
    }
    let mut stderr = io::stderr().lock();
    for skipped in &found.skipped {
        let _ = writeln!(
            stderr,
            "note: skipped {}",
            crate::diagnostic::printable(skipped)
        );
    }
    drop(stderr);
    let files = found.files;
    let bar = progress_bar(args.quiet, files.len());
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut rows =
        crate::evaluate::portfolio::run(&criteria, &files, args.as_of, today(), workers, &|| {
            bar.inc(1)
        });
    if !found.unreadable.is_empty() {
        rows.extend(found.unreadable);
        crate::evaluate::portfolio::sort(&mut rows);
    }
    bar.finish_and_clear();
    emit(|out| report::portfolio::render(args.format, &criteria, &rows, out))?;
    Ok(if rows.iter().any(|r| r.outcome.is_err()) {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}

/// A progress bar on standard error, shown only on a terminal, outside CI and
/// without `--quiet`.
fn progress_bar(quiet: bool, total: usize) -> ProgressBar {
    let show = !quiet && super::common::progress_allowed();
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} files, {per_sec}, eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
