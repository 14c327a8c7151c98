//! The measures inventory for the terminal.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{
    MEASURE_HEADER, MeasuresOptions, area_line, finding_text, icma_line, measure_row, skipped_line,
    table_line,
};
use crate::measures::inventory::Report;
use crate::report::TERMINAL;
use crate::text;

/// Columns listed on the "Columns read" line; JSON lists them all.
const COLUMNS_SHOWN: usize = 24;

pub(super) fn render(
    report: &Report,
    options: MeasuresOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "Measures as of {} (stale and future periods are judged at this date)",
        report.as_of.format("%Y-%m-%d")
    )?;
    for t in &report.tables {
        writeln!(out, "{}", table_line(t, TERMINAL))?;
        let mut columns: Vec<String> = t
            .mapping
            .iter()
            .take(COLUMNS_SHOWN)
            .map(|m| format!("{} = {} ({})", m.role.id(), text::line(&m.header), m.column))
            .collect();
        if t.mapping.len() > COLUMNS_SHOWN {
            columns.push(format!(
                "and {} more (all in --format json)",
                t.mapping.len() - COLUMNS_SHOWN
            ));
        }
        writeln!(out, "  Columns read: {}", columns.join(", "))?;
    }
    for a in &report.areas {
        writeln!(out)?;
        writeln!(out, "{}", area_line(a, TERMINAL))?;
        writeln!(out, "  ICMA: {}", icma_line(a, report, TERMINAL, " · "))?;
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(MEASURE_HEADER);
        for m in &a.measures {
            table.add_row(measure_row(report, m, text::line));
        }
        writeln!(out, "{table}")?;
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
        writeln!(out, "Findings:")?;
        for (t, f) in &report.findings {
            let what = finding_text(report, *t, f, TERMINAL);
            writeln!(out, "  [{}] {what}", f.code.id())?;
        }
    }
    if options.list_skipped {
        for t in &report.tables {
            for s in &t.skipped {
                writeln!(out, "  skipped: {}", skipped_line(t, s, TERMINAL))?;
            }
        }
    }
    Ok(())
}
