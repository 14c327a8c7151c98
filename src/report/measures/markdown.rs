//! The measures inventory as a Markdown document.

use std::io::{self, Write};

use super::{MeasuresOptions, kind_text, latest_text, place, target_text, years_text};
use crate::measures::inventory::Report;
use crate::text;

pub(super) fn render(
    report: &Report,
    options: MeasuresOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# Measures inventory")?;
    writeln!(out)?;
    writeln!(out, "As of {}.", report.as_of.format("%Y-%m-%d"))?;
    writeln!(out)?;
    for t in &report.tables {
        writeln!(
            out,
            "- `{}`{}: {} layout; rows read {}, used {}, skipped {}; periods with no actual value {}",
            text::markdown_code(&t.file.display().to_string()),
            t.sheet
                .as_deref()
                .map(|s| format!(", sheet {}", text::markdown_inline(s)))
                .unwrap_or_default(),
            t.layout.id(),
            t.rows.read,
            t.rows.used,
            t.rows.skipped,
            t.rows.no_value
        )?;
    }
    let as_of_year = chrono::Datelike::year(&report.as_of);
    for a in &report.areas {
        let v = crate::evaluate::IcmaView::of(a, as_of_year);
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        writeln!(out)?;
        writeln!(out, "## {}", text::markdown_inline(&a.name))?;
        writeln!(out)?;
        writeln!(
            out,
            "ICMA: {} 2 years ({}); {} 3 years ({}); {} outcome measures ({})",
            mark(v.two_years.0),
            text::markdown_inline(&v.two_years.1),
            mark(v.three_years.0),
            text::markdown_inline(&v.three_years.1),
            mark(v.outcome.0),
            text::markdown_inline(&v.outcome.1)
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| Measure | Kind | Years | Frequency | Targets | Latest |"
        )?;
        writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
        for m in &a.measures {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                text::markdown_cell(&m.name),
                kind_text(m),
                years_text(&m.years),
                m.frequency.map_or("—", |f| f.id()),
                target_text(m),
                latest_text(report, m)
            )?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Findings")?;
        writeln!(out)?;
        for (t, f) in &report.findings {
            writeln!(
                out,
                "- `{}` {}: {}",
                f.code.id(),
                text::markdown_inline(&place(report, *t, f.row)),
                text::markdown_inline(&f.message)
            )?;
        }
    }
    if options.list_skipped {
        writeln!(out)?;
        writeln!(out, "## Skipped rows")?;
        writeln!(out)?;
        for t in &report.tables {
            for s in &t.skipped {
                writeln!(out, "- row {}: {}", s.row, text::markdown_inline(&s.reason))?;
            }
        }
    }
    Ok(())
}
