//! `pmcheck criteria list|show|diff|check`: the criteria files themselves, one
//! function per verb.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Subcommand, ValueEnum};

use super::ExitStatus;
use super::common::emit;
use crate::criteria::{self, Criteria};
use crate::report::{self, Format};

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

pub(super) fn run(cmd: CriteriaCommand) -> Result<ExitStatus> {
    match cmd {
        CriteriaCommand::List { format } => list(format),
        CriteriaCommand::Show { criteria, format } => show(&criteria, format),
        CriteriaCommand::Diff { a, b, format } => diff(&a, &b, format),
        CriteriaCommand::Check { file } => check(file),
    }
}

fn list(format: Format) -> Result<ExitStatus> {
    let bundled: Vec<(&str, Criteria)> = criteria::BUNDLED
        .iter()
        .map(|(id, _, _)| criteria::bundled(id).map(|c| (*id, c)))
        .collect::<Result<_, _>>()?;
    emit(|out| report::criteria_view::list(format, &bundled, out))?;
    Ok(ExitStatus::Success)
}

fn show(spec: &str, format: ShowFormat) -> Result<ExitStatus> {
    let c = criteria::resolve(spec)?;
    emit(|out| match format {
        ShowFormat::Toml => out.write_all(c.file_text.as_bytes()),
        ShowFormat::Table => report::criteria_view::show(Format::Table, &c, out),
        ShowFormat::Json => report::criteria_view::show(Format::Json, &c, out),
        ShowFormat::Markdown => report::criteria_view::show(Format::Markdown, &c, out),
    })?;
    Ok(ExitStatus::Success)
}

fn diff(a: &str, b: &str, format: Format) -> Result<ExitStatus> {
    let (a, b) = (criteria::resolve(a)?, criteria::resolve(b)?);
    let d = crate::criteria::diff::diff(&a, &b);
    emit(|out| report::criteria_view::diff(format, &a, &b, &d, out))?;
    Ok(ExitStatus::Success)
}

fn check(file: PathBuf) -> Result<ExitStatus> {
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
    Ok(ExitStatus::Success)
}
