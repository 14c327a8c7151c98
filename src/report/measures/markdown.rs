//! The measures inventory as a Markdown document.

use std::io::{self, Write};

use super::{
    MEASURE_HEADER, MeasuresOptions, finding_text, icma_line, measure_row, skipped_line, table_line,
};
use crate::measures::inventory::Report;
use crate::report::MARKDOWN;
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
        writeln!(out, "- {}", table_line(t, MARKDOWN))?;
    }
    for a in &report.areas {
        writeln!(out)?;
        writeln!(out, "## {}", text::markdown_inline(&a.name))?;
        writeln!(out)?;
        writeln!(out, "ICMA: {}", icma_line(a, report, MARKDOWN, "; "))?;
        writeln!(out)?;
        writeln!(out, "| {} |", MEASURE_HEADER.join(" | "))?;
        writeln!(out, "|{}", " --- |".repeat(MEASURE_HEADER.len()))?;
        for m in &a.measures {
            writeln!(
                out,
                "| {} |",
                measure_row(report, m, text::markdown_cell).join(" | ")
            )?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Findings")?;
        writeln!(out)?;
        for (t, f) in &report.findings {
            let what = finding_text(report, *t, f, MARKDOWN);
            writeln!(out, "- `{}` {what}", f.code.id())?;
        }
    }
    if options.list_skipped {
        writeln!(out)?;
        writeln!(out, "## Skipped rows")?;
        writeln!(out)?;
        for t in &report.tables {
            for s in &t.skipped {
                writeln!(out, "- {}", skipped_line(t, s, MARKDOWN))?;
            }
        }
    }
    Ok(())
}
