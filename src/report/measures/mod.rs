//! `pmcheck measures`: the measures inventory, one file per output format, chosen in
//! the one `match` of [`render`]. What the lines say is decided here once.

mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::evidence::Measure;
pub(crate) use crate::measures::inventory::years_text;
use crate::measures::inventory::{MeasureSummary, Report};

pub use json::MEASURES_JSON_VERSION;

/// Output formats of `pmcheck measures`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MeasuresFormat {
    /// Tables for the terminal: per service area, its measures; then the findings.
    Table,
    /// The versioned JSON contract (see the README).
    Json,
    /// The same inventory as a Markdown document.
    Markdown,
    /// One row per measure, for a spreadsheet.
    Csv,
}

/// What to show besides the inventory.
#[derive(Debug, Clone, Copy, Default)]
pub struct MeasuresOptions {
    /// List every skipped row with its reason.
    pub list_skipped: bool,
}

pub fn render(
    format: MeasuresFormat,
    report: &Report,
    options: MeasuresOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        MeasuresFormat::Table => table::render(report, options, out),
        MeasuresFormat::Json => json::render(report, out),
        MeasuresFormat::Markdown => markdown::render(report, options, out),
        MeasuresFormat::Csv => csv::render(report, out),
    }
}

pub(crate) fn kind_text(m: &MeasureSummary) -> &'static str {
    m.kind.map_or("—", Measure::id)
}

/// `3 of 4 years`, the years with a target among the years with data.
pub(crate) fn target_text(m: &MeasureSummary) -> String {
    if m.target_years.is_empty() {
        "none".to_owned()
    } else {
        years_text(&m.target_years)
    }
}

/// The period label of the latest value.
pub(crate) fn latest_text(report: &Report, m: &MeasureSummary) -> String {
    let fys = report.tables.first().map_or(1, |t| t.fiscal_year_start);
    m.latest.map_or("—".to_owned(), |p| p.label(fys))
}

/// Where a finding is: `file`, `file (sheet S)`, with `row N`.
pub(crate) fn place(report: &Report, table: usize, row: Option<u32>) -> String {
    let t = &report.tables[table];
    let mut s = crate::text::portable_path(&t.file);
    if let Some(sheet) = &t.sheet {
        s.push_str(&format!(" (sheet {sheet})"));
    }
    if let Some(r) = row {
        s.push_str(&format!(", row {r}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_as_runs() {
        assert_eq!(years_text(&[2019, 2020, 2021, 2023]), "2019–2021, 2023");
        assert_eq!(years_text(&[]), "");
        assert_eq!(years_text(&[2020]), "2020");
    }
}
