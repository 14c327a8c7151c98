//! `pmcheck publish`: the public performance report, generated from the measures.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use super::ExitStatus;
use super::common::{criteria_file, emit, load, parse_date, today};
use super::measures_input::MeasuresInput;
use crate::criteria;
use crate::evidence::Date;
use crate::inputs;
use crate::measures::Table;
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
        others: &others,
        ..inputs::Request::new(&criteria, generated)
    })?;
    let evidence = loaded.evidence.as_ref().map(|s| &s.evidence);
    let tables = &loaded
        .measures
        .as_ref()
        .expect("measures were required")
        .tables;
    let title = args.title.clone().or_else(|| {
        evidence
            .as_ref()
            .and_then(|e| e.jurisdiction.as_ref())
            .map(|j| j.name.as_str().to_owned())
    });
    if !tables
        .iter()
        .any(|t| t.observations.iter().any(|o| o.actual.is_some()))
    {
        let files: Vec<String> = tables
            .iter()
            .map(|t| crate::text::line(&t.file.display().to_string()))
            .collect();
        bail!(
            "no actual values in {}, so there is nothing to publish; `pmcheck measures` shows how the files were read",
            files.join(", ")
        );
    }

    let narratives = match &args.narratives {
        Some(path) => {
            let (narratives, text) = publish::narratives::load(path)?;
            narratives.check_names(path, &text, &known_names(tables))?;
            narratives
        }
        None => Narratives::default(),
    };
    let title = title.filter(|t| !crate::text::line(t).trim().is_empty());
    let titled_by_default = title.is_none();
    let title = title.unwrap_or_else(|| "Performance report".to_owned());
    let as_of = loaded.as_of.date;
    publish::after_as_of(tables, as_of.0)?;
    let site = publish::build(tables, &narratives, title)?;
    let info = PageInfo {
        as_of: as_of.to_string(),
        generated: generated.format("%Y-%m-%d").to_string(),
        sources: sources(tables),
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
    let mut defaults = Vec::new();
    if titled_by_default {
        defaults.push(
            "The page is titled \"Performance report\": give the jurisdiction's name with --title (or --evidence)".to_owned(),
        );
    }
    if loaded.as_of.source == inputs::AsOfSource::Today {
        defaults.push(format!(
            "The page says the data is as of {as_of} (today): give the date the data describes with --as-of"
        ));
    }
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

/// Areas and their measures as the data names them, for checking narratives.
fn known_names(tables: &[Table]) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut known: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for t in tables {
        for m in &t.measures {
            known
                .entry(t.area_name(m).to_owned())
                .or_default()
                .push(t.measure_name(m).to_owned());
        }
    }
    known
}

/// The files read, by name, for the page's footer.
fn sources(tables: &[Table]) -> String {
    let mut names: Vec<String> = tables.iter().map(Table::short_name).collect();
    names.dedup();
    names.join(", ")
}
