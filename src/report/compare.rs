//! `pmcheck compare`: one evidence file under several criteria versions.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};
use serde::Serialize;

use super::{Format, JsonReport, RenderOptions, level_name, status_label};
use crate::evaluate::Evaluation;
use crate::evaluate::compare::{self, Difference};
use crate::text::{line, markdown_code, markdown_inline};

/// The version of the compare JSON contract.
pub const COMPARE_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonCompare<'a> {
    version: u32,
    evidence: &'a str,
    results: Vec<JsonReport<'a>>,
    differences: Vec<JsonDifference<'a>>,
}

#[derive(Serialize)]
struct JsonDifference<'a> {
    requirement: &'a str,
    /// One entry per result, in order: `{criteria, verdict}`.
    verdicts: Vec<JsonVerdict<'a>>,
}

#[derive(Serialize)]
struct JsonVerdict<'a> {
    criteria: String,
    verdict: &'a str,
}

fn cell_text(e: &Evaluation<'_>, category: &str) -> Vec<String> {
    let c = e.criteria;
    match c.categories.iter().position(|x| x.id == category) {
        None => vec!["—".to_owned(); c.levels.len()],
        Some(ci) => (0..c.levels.len())
            .map(|l| status_label(e.status(ci, l)).to_owned())
            .collect(),
    }
}

fn verdict_label(v: &str) -> &'static str {
    match v {
        "met" => "✓ met",
        "gap" => "✗ gap",
        "optional_gap" => "○ optional gap",
        _ => "— absent",
    }
}

pub fn render(
    format: Format,
    evaluations: &[Evaluation<'_>],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let differences = compare::differences(evaluations);
    match format {
        Format::Json => {
            let report = JsonCompare {
                version: COMPARE_JSON_VERSION,
                evidence: &options.evidence,
                results: evaluations
                    .iter()
                    .map(|e| JsonReport::new(e, options))
                    .collect(),
                differences: differences
                    .iter()
                    .map(|d| JsonDifference {
                        requirement: &d.requirement,
                        verdicts: evaluations
                            .iter()
                            .zip(&d.verdicts)
                            .map(|(e, v)| JsonVerdict {
                                criteria: e.criteria.label(),
                                verdict: v,
                            })
                            .collect(),
                    })
                    .collect(),
            };
            crate::report::write_json(out, &report)
        }
        Format::Table => table(evaluations, &differences, options, out),
        Format::Markdown => markdown(evaluations, &differences, options, out),
    }
}

fn table(
    evaluations: &[Evaluation<'_>],
    differences: &[Difference],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let who = evaluations
        .first()
        .and_then(|e| e.jurisdiction.as_ref())
        .map_or_else(|| line(&options.evidence), |j| line(j.name.as_str()));
    writeln!(out, "{who} · compared under {} criteria", evaluations.len())?;
    writeln!(out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).force_no_tty();
    let mut header = vec![Cell::new("Category")];
    for e in evaluations {
        for l in &e.criteria.levels {
            header.push(Cell::new(format!(
                "{}\n{}",
                line(&e.criteria.label()),
                line(&l.name)
            )));
        }
    }
    t.set_header(header);
    for (id, name) in compare::categories(evaluations) {
        let mut row = vec![Cell::new(line(&name))];
        for e in evaluations {
            row.extend(cell_text(e, &id).into_iter().map(Cell::new));
        }
        t.add_row(row);
    }
    let mut level_row = vec![Cell::new("Level reached")];
    for e in evaluations {
        let n = e.criteria.levels.len();
        level_row.push(Cell::new(line(&level_name(e, e.level))));
        level_row.extend((1..n).map(|_| Cell::new("")));
    }
    t.add_row(level_row);
    writeln!(out, "{t}")?;
    writeln!(out)?;
    if differences.is_empty() {
        writeln!(
            out,
            "Every requirement gets the same verdict under each criteria."
        )?;
    } else {
        writeln!(out, "Requirements whose verdict differs:")?;
        let mut d = Table::new();
        d.load_style(UTF8_FULL_CONDENSED).force_no_tty();
        let mut header = vec![Cell::new("Requirement")];
        header.extend(
            evaluations
                .iter()
                .map(|e| Cell::new(line(&e.criteria.label()))),
        );
        d.set_header(header);
        for diff in differences {
            let mut row = vec![Cell::new(line(&diff.requirement))];
            row.extend(diff.verdicts.iter().map(|v| Cell::new(verdict_label(v))));
            d.add_row(row);
        }
        writeln!(out, "{d}")?;
    }
    let summary: Vec<String> = evaluations
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                line(&e.criteria.label()),
                line(&level_name(e, e.level))
            )
        })
        .collect();
    writeln!(out)?;
    writeln!(out, "Level reached · {}", summary.join(" · "))
}

fn markdown(
    evaluations: &[Evaluation<'_>],
    differences: &[Difference],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let md = markdown_inline;
    let who = evaluations
        .first()
        .and_then(|e| e.jurisdiction.as_ref())
        .map_or_else(|| md(&options.evidence), |j| md(j.name.as_str()));
    writeln!(out, "# pmcheck compare: {who}")?;
    writeln!(out)?;
    for e in evaluations {
        writeln!(
            out,
            "- {}: **{}** (as of {})",
            md(&e.criteria.label()),
            md(&level_name(e, e.level)),
            e.as_of
        )?;
    }
    writeln!(out)?;
    let mut header = String::from("| Category |");
    let mut rule = String::from("| --- |");
    for e in evaluations {
        for l in &e.criteria.levels {
            header.push_str(&format!(" {} {} |", md(&e.criteria.label()), md(&l.name)));
            rule.push_str(" --- |");
        }
    }
    writeln!(out, "{header}\n{rule}")?;
    for (id, name) in compare::categories(evaluations) {
        let mut row = format!("| {} |", md(&name));
        for e in evaluations {
            for cell in cell_text(e, &id) {
                row.push_str(&format!(" {cell} |"));
            }
        }
        writeln!(out, "{row}")?;
    }
    writeln!(out)?;
    writeln!(out, "## Differences")?;
    writeln!(out)?;
    if differences.is_empty() {
        writeln!(out, "None: every requirement gets the same verdict.")?;
        return Ok(());
    }
    let mut header = String::from("| Requirement |");
    let mut rule = String::from("| --- |");
    for e in evaluations {
        header.push_str(&format!(" {} |", md(&e.criteria.label())));
        rule.push_str(" --- |");
    }
    writeln!(out, "{header}\n{rule}")?;
    for d in differences {
        let mut row = format!("| {} |", markdown_code(&d.requirement));
        for v in &d.verdicts {
            row.push_str(&format!(" {} |", verdict_label(v)));
        }
        writeln!(out, "{row}")?;
    }
    Ok(())
}
