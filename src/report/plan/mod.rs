//! `pmcheck plan`: the ordered actions to reach a target level, with their plans.
//! One file per output format, chosen in the one `match` of [`render`]; the table
//! and the Markdown document share their lines from here.

mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::{Format, SafeText, weight_at};
use crate::evaluate::Evaluation;
use crate::evaluate::plan::PlanReport;
use crate::evidence::Plan;

pub fn render(
    format: Format,
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(e, report, out),
        Format::Json => json::render(e, report, out),
        Format::Markdown => markdown::render(e, report, out),
    }
}

/// The heading of the list of actions.
const ACTIONS: &str = "Actions, nearest level first, then by weight";

/// `due 2022-06-30, owner Lee Park: the note`, the owner and note made safe by `esc`.
fn describe(p: &Plan, esc: SafeText) -> String {
    let owner = p.owner.as_ref().map_or(String::new(), |o| {
        format!(", owner {}", (esc.text)(o.as_str()))
    });
    let note = p
        .note
        .as_ref()
        .map_or(String::new(), |n| format!(": {}", (esc.text)(n.as_str())));
    format!("due {}{owner}{note}", p.due)
}

/// `Plan to reach Excellence under icma 2022 (as of 2022-04-30, by 2022-12-31)`.
fn title(e: &Evaluation<'_>, report: &PlanReport<'_>, esc: SafeText) -> String {
    let by = match (report.by, report.by_source) {
        (Some(d), "application_deadline") => format!(", by {d} (the application deadline)"),
        (Some(d), _) => format!(", by {d}"),
        _ => String::new(),
    };
    format!(
        "Plan to reach {} under {} (as of {}{by})",
        (esc.text)(&e.criteria.levels[report.target].name),
        (esc.text)(&e.criteria.label()),
        e.as_of
    )
}

/// The line saying the target is already reached, when it is.
fn already_reached(e: &Evaluation<'_>, report: &PlanReport<'_>, esc: SafeText) -> Option<String> {
    e.reaches(report.target).then(|| {
        format!(
            "{} is already reached; nothing to do.",
            (esc.text)(&e.criteria.levels[report.target].name)
        )
    })
}

/// The numbered actions, each with its hint and plans; `esc` makes text from the
/// evidence and criteria safe for the format. A hint's further lines, if the format
/// keeps any, are indented under its first.
fn action_lines(e: &Evaluation<'_>, report: &PlanReport<'_>, esc: SafeText) -> Vec<String> {
    let c = e.criteria;
    let mut lines = Vec::new();
    for (n, a) in report.actions.iter().enumerate() {
        let r = &c.requirements[a.requirement];
        let cat = &c.categories[r.category];
        let optional = if r.optional { " (optional)" } else { "" };
        lines.push(format!(
            "{:>2}. {} · {} · {} · weight {}{optional}",
            n + 1,
            (esc.text)(&c.levels[r.level].name),
            (esc.text)(&cat.name),
            (esc.id)(&r.id),
            weight_at(cat, r.level)
        ));
        lines.push(format!(
            "    {}",
            (esc.prose)(&r.hint).replace('\n', "\n    ")
        ));
        for m in &a.missing {
            lines.push(format!("    Missing: {}", (esc.text)(m)));
        }
        if a.plans.is_empty() {
            lines.push("    Plan: none".to_owned());
        }
        for p in &a.plans {
            lines.push(format!("    Plan: {}", describe(p, esc)));
        }
    }
    lines
}

/// The sections after the actions, each a heading and its bullet lines.
fn sections(
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    esc: SafeText,
) -> [(&'static str, Vec<String>); 3] {
    let list = |plans: &[&Plan]| -> Vec<String> {
        plans
            .iter()
            .map(|p| format!("- {}: {}", (esc.id)(p.requirement()), describe(p, esc)))
            .collect()
    };
    [
        (
            "Gaps with no plan",
            report
                .unplanned
                .iter()
                .map(|&i| format!("- {}", (esc.id)(&e.criteria.requirements[i].id)))
                .collect(),
        ),
        ("Plans due after the deadline", list(&report.late)),
        (
            "Overdue plans (due before the as-of date, still unmet)",
            list(&report.overdue),
        ),
    ]
}

/// The bullet lines of a section, or `- none`, then a blank line.
fn write_list(lines: &[String], out: &mut dyn Write) -> io::Result<()> {
    if lines.is_empty() {
        writeln!(out, "- none")?;
    }
    for l in lines {
        writeln!(out, "{l}")?;
    }
    writeln!(out)
}
