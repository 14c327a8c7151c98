//! The plan as plain text for the terminal.

use std::io::{self, Write};

use super::{ACTIONS, action_lines, already_reached, sections, title, write_list};
use crate::evaluate::Evaluation;
use crate::evaluate::plan::PlanReport;
use crate::report::TERMINAL;

pub(super) fn render(
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", title(e, report, TERMINAL))?;
    writeln!(out)?;
    if let Some(line) = already_reached(e, report, TERMINAL) {
        writeln!(out, "{line}")?;
    }
    if !report.actions.is_empty() {
        writeln!(out, "{ACTIONS}:")?;
        write_list(&action_lines(e, report, TERMINAL), out)?;
    }
    for (heading, lines) in sections(e, report, TERMINAL) {
        writeln!(out, "{heading}:")?;
        write_list(&lines, out)?;
    }
    Ok(())
}
