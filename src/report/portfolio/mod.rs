//! `pmcheck portfolio`: one row per jurisdiction, ranked, with a count per level.
//! One file per output format, chosen in the one `match` of [`render`].

mod csv;
mod html;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::criteria::Criteria;
use crate::evaluate::portfolio::{Row, counts};

/// Output formats of `pmcheck portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    Table,
    Json,
    Markdown,
    Html,
    /// Comma-separated values; cells that a spreadsheet would run as formulas are neutralized.
    Csv,
}

pub fn render(
    format: PortfolioFormat,
    c: &Criteria,
    rows: &[Row],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        PortfolioFormat::Table => table::render(c, rows, out),
        PortfolioFormat::Json => json::render(c, rows, out),
        PortfolioFormat::Markdown => markdown::render(c, rows, out),
        PortfolioFormat::Html => html::render(c, rows, out),
        PortfolioFormat::Csv => csv::render(c, rows, out),
    }
}

/// `Excellence: 0 · Distinction: 1 · Achievement: 0 · none: 4 · errors: 1`, highest level first.
fn count_line(c: &Criteria, rows: &[Row]) -> String {
    let (per_level, errors) = counts(c, rows);
    let mut parts: Vec<String> = std::iter::once("none")
        .chain(c.levels.iter().map(|l| l.name.as_str()))
        .zip(&per_level)
        .map(|(name, n)| format!("{name}: {n}"))
        .collect();
    parts.reverse();
    if errors > 0 {
        parts.push(format!("errors: {errors}"));
    }
    parts.join(" · ")
}

fn level_id(c: &Criteria, level: Option<usize>) -> &str {
    level.map_or("none", |l| c.levels[l].id.as_str())
}

fn level_label(c: &Criteria, level: Option<usize>) -> &str {
    level.map_or("none", |l| c.levels[l].name.as_str())
}
