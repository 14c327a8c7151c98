//! `pmcheck plan`: the ordered actions to reach a target level, with their plans.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use super::markdown::{escape, escape_html};
use crate::diagnostic::printable;
use crate::evaluate::Evaluation;
use crate::evidence::Plan;
use crate::plan::PlanReport;

#[derive(Serialize)]
struct JsonPlanReport<'a> {
    version: u32,
    criteria: String,
    as_of: String,
    target: &'a str,
    target_met: bool,
    by: Option<String>,
    by_source: &'a str,
    actions: Vec<JsonAction<'a>>,
    unplanned: Vec<&'a str>,
    late: Vec<JsonPlan<'a>>,
    overdue: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonAction<'a> {
    requirement: &'a str,
    category: &'a str,
    level: &'a str,
    optional: bool,
    weight: f64,
    hint: &'a str,
    plans: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    requirement: &'a str,
    due: String,
    owner: Option<&'a str>,
    note: Option<&'a str>,
}

fn json_plan(p: &Plan) -> JsonPlan<'_> {
    JsonPlan {
        requirement: p.requirement.as_str(),
        due: p.due.to_string(),
        owner: p.owner.as_ref().map(|o| o.as_str()),
        note: p.note.as_ref().map(|n| n.as_str()),
    }
}

fn describe(p: &Plan) -> String {
    let owner = p
        .owner
        .as_ref()
        .map_or(String::new(), |o| format!(", owner {o}"));
    let note = p.note.as_ref().map_or(String::new(), |n| format!(": {n}"));
    printable(&format!("due {}{owner}{note}", p.due))
}

pub fn render(
    format: Format,
    e: &Evaluation<'_>,
    report: &PlanReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = &c.levels[report.target];
    let by = report.by.map(|d| d.to_string());
    match format {
        Format::Json => {
            let j = JsonPlanReport {
                version: 1,
                criteria: c.label(),
                as_of: e.as_of.to_string(),
                target: &target.id,
                target_met: e.reaches(report.target),
                by,
                by_source: report.by_source,
                actions: report
                    .actions
                    .iter()
                    .map(|a| {
                        let r = &c.requirements[a.requirement];
                        JsonAction {
                            requirement: &r.id,
                            category: &c.categories[r.category].id,
                            level: &c.levels[r.level].id,
                            optional: r.optional,
                            weight: (c.categories[r.category].share * 10_000.0).round() / 10_000.0,
                            hint: &r.hint,
                            plans: a.plans.iter().map(|p| json_plan(p)).collect(),
                        }
                    })
                    .collect(),
                unplanned: report
                    .unplanned
                    .iter()
                    .map(|&i| c.requirements[i].id.as_str())
                    .collect(),
                late: report.late.iter().map(|p| json_plan(p)).collect(),
                overdue: report.overdue.iter().map(|p| json_plan(p)).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &j)?;
            writeln!(out)
        }
        Format::Table | Format::Markdown => {
            let md = format == Format::Markdown;
            let esc = |s: &str| if md { escape_html(s) } else { printable(s) };
            let heading = |s: &str| {
                if md {
                    format!("## {s}")
                } else {
                    format!("{s}:")
                }
            };
            let by_text = match (&by, report.by_source) {
                (Some(d), "application_deadline") => format!(", by {d} (the application deadline)"),
                (Some(d), _) => format!(", by {d}"),
                _ => String::new(),
            };
            let title = format!(
                "Plan to reach {} under {} (as of {}{by_text})",
                target.name,
                c.label(),
                e.as_of
            );
            if md {
                writeln!(out, "# {}", escape(&title))?;
            } else {
                writeln!(out, "{title}")?;
            }
            writeln!(out)?;
            if e.reaches(report.target) {
                writeln!(out, "{} is already reached; nothing to do.", target.name)?;
            }
            if !report.actions.is_empty() {
                writeln!(
                    out,
                    "{}",
                    heading("Actions, nearest level first, then by weight")
                )?;
                if md {
                    writeln!(out)?;
                }
                for (n, a) in report.actions.iter().enumerate() {
                    let r = &c.requirements[a.requirement];
                    let cat = &c.categories[r.category];
                    let optional = if r.optional { " (optional)" } else { "" };
                    writeln!(
                        out,
                        "{:>2}. {} · {} · {} · weight {:.1}%{optional}",
                        n + 1,
                        c.levels[r.level].name,
                        cat.name,
                        r.id,
                        cat.share * 100.0
                    )?;
                    writeln!(out, "    {}", esc(&r.hint))?;
                    if a.plans.is_empty() {
                        writeln!(out, "    Plan: none")?;
                    }
                    for p in &a.plans {
                        writeln!(out, "    Plan: {}", esc(&describe(p)))?;
                    }
                }
                writeln!(out)?;
            }
            let list = |plans: &[&Plan]| -> Vec<String> {
                plans
                    .iter()
                    .map(|p| format!("- {}: {}", p.requirement, esc(&describe(p))))
                    .collect()
            };
            let sections: [(&str, Vec<String>); 3] = [
                (
                    "Gaps with no plan",
                    report
                        .unplanned
                        .iter()
                        .map(|&i| format!("- {}", c.requirements[i].id))
                        .collect(),
                ),
                ("Plans due after the deadline", list(&report.late)),
                (
                    "Overdue plans (due before the as-of date, still unmet)",
                    list(&report.overdue),
                ),
            ];
            for (title, lines) in sections {
                writeln!(out, "{}", heading(title))?;
                if md {
                    writeln!(out)?;
                }
                if lines.is_empty() {
                    writeln!(out, "- none")?;
                }
                for l in lines {
                    writeln!(out, "{l}")?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
    }
}
