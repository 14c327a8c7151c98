//! `pmcheck publish`: the public performance report, generated from the measures.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::ExitStatus;
use super::common::{criteria_file, emit, load, parse_date, today};
use super::measures_input::MeasuresInput;
use crate::criteria;
use crate::evidence::Date;
use crate::inputs;
use crate::publish::{self, Narratives, coverage};
use crate::report::publish::{PageInfo, csv::render_csv, render_html, summary};
use crate::write::site;

#[derive(Debug, Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub input: MeasuresInput,

    /// The narratives file (YAML): per service area and measure, the narrative, the
    /// action steps and, where the data does not say, the desired direction.
    #[arg(long, value_name = "FILE")]
    pub narratives: Option<PathBuf>,

    /// The folder to write the site to (index.html, measures.csv); created, or an
    /// empty folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Replace a site published earlier in --out (only a folder pmcheck wrote).
    #[arg(long)]
    pub force: bool,

    /// The report's title (default: the evidence file's jurisdiction name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The date the data is reported as of (default: the evidence file's as_of, or today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// The criteria whose Public Reporting requirements the summary maps the report to.
    #[arg(long, value_name = "ID|PATH", default_value = criteria::DEFAULT_CRITERIA)]
    pub criteria: String,
}

/// The date the page says it was generated: `SOURCE_DATE_EPOCH` when set (for
/// reproducible output), otherwise today.
fn generated() -> Result<chrono::NaiveDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|secs| *secs >= 0)
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|t| t.date_naive())
            .with_context(|| {
                format!(
                    "SOURCE_DATE_EPOCH is `{}`, not a number of seconds since 1970",
                    crate::diagnostic::printable(&s)
                )
            }),
        _ => Ok(today()),
    }
}

pub(super) fn run(args: PublishArgs) -> Result<ExitStatus> {
    let criteria = criteria::resolve(&args.criteria)?;
    let generated = generated()?;
    let others: Vec<&Path> = args.narratives.iter().map(PathBuf::as_path).collect();
    let loaded = load(&inputs::Request {
        evidence: args.input.evidence.as_deref(),
        criteria_file: criteria_file(&args.criteria),
        measures: &args.input.files,
        measures_options: args.input.options(),
        as_of: args.as_of,
        need_measures: true,
        refuse_data_errors: Some(inputs::Refusal::Publish),
        others: &others,
        ..inputs::Request::new(&criteria, generated)
    })?;
    let tables = &loaded
        .measures
        .as_ref()
        .expect("measures were required")
        .tables;
    publish::has_actuals(tables)?;
    let narratives = match &args.narratives {
        Some(path) => {
            let (narratives, text) = publish::narratives::load(path)?;
            narratives.check_names(path, &text, &publish::known_names(tables))?;
            narratives
        }
        None => Narratives::default(),
    };
    let as_of = loaded.as_of.date;
    publish::after_as_of(tables, as_of.0)?;
    let title = publish::Title::choose(
        args.title.as_deref(),
        loaded.evidence.as_ref().map(|s| &s.evidence),
    );
    let defaults = title
        .default_note()
        .into_iter()
        .chain(publish::as_of_note(loaded.as_of.source, as_of));
    let defaults: Vec<String> = defaults.collect();
    let site = publish::build(tables, &narratives, title.text)?;
    let info = PageInfo {
        as_of: as_of.to_string(),
        generated: generated.format("%Y-%m-%d").to_string(),
        sources: publish::sources(tables),
    };

    let mut html = Vec::new();
    render_html(&site, &info, &mut html).context("cannot build the page")?;
    let mut csv = Vec::new();
    render_csv(tables, &mut csv).context("cannot build measures.csv")?;
    site::write_site(
        &args.out,
        &[("index.html", &html), ("measures.csv", &csv)],
        args.force,
        &loaded.protected,
    )?;

    let covered = coverage::coverage(&site, &criteria);
    let written = summary::Written {
        dir: &args.out,
        html_bytes: html.len(),
        csv_bytes: csv.len(),
        defaults,
        unread: tables
            .iter()
            .flat_map(|t| {
                let file = t.file_name();
                t.unread
                    .iter()
                    .map(move |(header, _)| (file.clone(), header.clone()))
            })
            .collect(),
    };
    emit(|out| summary::render(&site, &written, &criteria, &covered, out))?;
    Ok(ExitStatus::Success)
}
