//! `pmcheck measures`: the measures inventory, one file per output format, chosen in
//! the one `match` of [`render`]. What the lines say is decided here once.

mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::SafeText;
use crate::evidence::Measure;
pub(crate) use crate::measures::inventory::years_text;
use crate::measures::inventory::{AreaSummary, Finding, MeasureSummary, Report};
use crate::measures::read::{Skipped, Table};

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

/// Where a finding is: `file`, `file (sheet S)`, with `row N` or `cell C7`.
pub(crate) fn place(report: &Report, table: usize, f: &Finding) -> String {
    let t = &report.tables[table];
    let mut s = crate::text::portable_path(&t.file);
    if let Some(sheet) = f.sheet_in(t) {
        s.push_str(&format!(" (sheet {sheet})"));
    }
    match (f.row, &f.column) {
        (Some(r), Some(c)) => s.push_str(&format!(", cell {c}{r}")),
        (Some(r), None) => s.push_str(&format!(", row {r}")),
        _ => {}
    }
    s
}

/// The line that says what was read from one file (or sheet): its layout and row counts.
pub(crate) fn table_line(t: &Table, esc: SafeText) -> String {
    let sheet = t
        .sheet
        .as_deref()
        .map(|s| format!(", sheet {}", (esc.text)(s)))
        .unwrap_or_default();
    format!(
        "{}{sheet}: {} layout; rows read {}, used {}, skipped {}; periods with no actual value {}",
        (esc.id)(&t.file.display().to_string()),
        t.layout.id(),
        t.rows.read,
        t.rows.used,
        t.rows.skipped,
        t.rows.no_value
    )
}

/// A service area's heading line: its years with data and the kinds of its measures.
pub(crate) fn area_line(a: &AreaSummary, esc: SafeText) -> String {
    let years = if a.years.is_empty() {
        "none".to_owned()
    } else {
        years_text(&a.years)
    };
    let kinds: Vec<&str> = a.kinds.iter().map(|k| k.id()).collect();
    format!(
        "{} · years with data: {years} · kinds: {}",
        (esc.text)(&a.name),
        kinds.join(", ")
    )
}

/// The three ICMA tests of a service area with their reasons, joined by `sep`.
pub(crate) fn icma_line(
    a: &AreaSummary,
    report: &crate::measures::inventory::Report,
    esc: SafeText,
    sep: &str,
) -> String {
    let v = crate::evaluate::IcmaView::of(a, report);
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    [
        (v.two_years, "2 years"),
        (v.three_years, "3 years"),
        (v.outcome, "outcome measures"),
    ]
    .iter()
    .map(|((ok, why), what)| format!("{} {what} ({})", mark(*ok), (esc.text)(why)))
    .collect::<Vec<_>>()
    .join(sep)
}

/// The header of the table of an area's measures, and [`measure_row`]'s cells.
pub(crate) const MEASURE_HEADER: [&str; 6] =
    ["Measure", "Kind", "Years", "Frequency", "Targets", "Latest"];

/// One measure's cells, its name made safe by `cell`; the other cells are pmcheck's own.
pub(crate) fn measure_row(
    report: &Report,
    m: &MeasureSummary,
    cell: fn(&str) -> String,
) -> [String; 6] {
    [
        cell(&m.name),
        kind_text(m).to_owned(),
        years_text(&m.years),
        m.frequency.map_or("—", |f| f.id()).to_owned(),
        target_text(m),
        latest_text(report, m),
    ]
}

/// `place: message` for one finding; each format puts its code before it.
pub(crate) fn finding_text(report: &Report, table: usize, f: &Finding, esc: SafeText) -> String {
    format!(
        "{}: {}",
        (esc.text)(&place(report, table, f)),
        (esc.text)(&f.message)
    )
}

/// `file, row N: reason` for one skipped row.
pub(crate) fn skipped_line(t: &Table, s: &Skipped, esc: SafeText) -> String {
    format!(
        "{}, row {}: {}",
        (esc.id)(&crate::text::portable_path(&t.file)),
        s.row,
        (esc.text)(&s.reason)
    )
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
