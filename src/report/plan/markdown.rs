//! The plan as a Markdown document.

use std::io::{self, Write};

use super::{ACTIONS, action_lines, already_reached, sections, title, write_list};
use crate::evaluate::Evaluation;
use crate::plan::PlanReport;
use crate::report::markdown::{escape, escape_html};

pub(super) fn render(
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# {}", escape(&title(e, report)))?;
    writeln!(out)?;
    if let Some(line) = already_reached(e, report) {
        writeln!(out, "{line}")?;
    }
    if !report.actions.is_empty() {
        writeln!(out, "## {ACTIONS}")?;
        writeln!(out)?;
        write_list(&action_lines(e, report, escape_html), out)?;
    }
    for (heading, lines) in sections(e, report, escape_html) {
        writeln!(out, "## {heading}")?;
        writeln!(out)?;
        write_list(&lines, out)?;
    }
    Ok(())
}
