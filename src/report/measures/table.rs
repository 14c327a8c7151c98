//! The measures inventory for the terminal.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{MeasuresOptions, kind_text, latest_text, place, target_text, years_text};
use crate::measures::inventory::Report;
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
        let sheet = t
            .sheet
            .as_deref()
            .map(|s| format!(", sheet {}", text::line(s)))
            .unwrap_or_default();
        writeln!(
            out,
            "{}{sheet}: {} layout; rows read {}, used {}, skipped {}; periods with no actual value {}",
            text::line(&t.file.display().to_string()),
            t.layout.id(),
            t.rows.read,
            t.rows.used,
            t.rows.skipped,
            t.rows.no_value
        )?;
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
    let as_of_year = chrono::Datelike::year(&report.as_of);
    for a in &report.areas {
        writeln!(out)?;
        let v = crate::evaluate::IcmaView::of(a, as_of_year);
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        writeln!(
            out,
            "{} · years with data: {} · kinds: {}",
            text::line(&a.name),
            if a.years.is_empty() {
                "none".to_owned()
            } else {
                years_text(&a.years)
            },
            a.kinds
                .iter()
                .map(|k| k.id())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(
            out,
            "  ICMA: {} 2 years ({}) · {} 3 years ({}) · {} outcome measures ({})",
            mark(v.two_years.0),
            text::line(&v.two_years.1),
            mark(v.three_years.0),
            text::line(&v.three_years.1),
            mark(v.outcome.0),
            text::line(&v.outcome.1)
        )?;
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(["Measure", "Kind", "Years", "Frequency", "Targets", "Latest"]);
        for m in &a.measures {
            table.add_row([
                text::line(&m.name),
                kind_text(m).to_owned(),
                years_text(&m.years),
                m.frequency.map_or("—", |f| f.id()).to_owned(),
                target_text(m),
                latest_text(report, m),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
        writeln!(out, "Findings:")?;
        for (t, f) in &report.findings {
            writeln!(
                out,
                "  [{}] {}: {}",
                f.code.id(),
                text::line(&place(report, *t, f.row)),
                text::line(&f.message)
            )?;
        }
    }
    if options.list_skipped {
        for t in &report.tables {
            for s in &t.skipped {
                writeln!(
                    out,
                    "  skipped: {}, row {}: {}",
                    text::line(&t.file.display().to_string()),
                    s.row,
                    s.reason
                )?;
            }
        }
    }
    Ok(())
}
