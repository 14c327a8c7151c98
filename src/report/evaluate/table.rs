//! The terminal report: a table of categories by levels, the gaps with their hints,
//! then one summary line. Color only when `RenderOptions::color` says so.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};

use super::{
    RenderOptions, TERMINAL, follows_note, gaps_to_close_label, level_name, percent, status_label,
    uncounted_lines, weight_label, weights_note,
};
use crate::evaluate::{Evaluation, Status};
use crate::text::{indented, line};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let color = options.color;
    let (data, warnings) = super::data_problems(e);
    if !data.is_empty() {
        writeln!(
            out,
            "{}",
            paint(&format!("{}:", super::DATA_PROBLEMS), BOLD, color)
        )?;
        for w in &data {
            writeln!(out, "  {} {}", paint("✗", RED, color), line(&w.message))?;
        }
        writeln!(out)?;
    }
    write_title(e, options, out)?;
    write_grid(e, color, out)?;
    write_gaps(e, color, out)?;
    if !warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint("Warnings:", BOLD, color))?;
        for w in &warnings {
            writeln!(out, "  {} {}", paint("!", YELLOW, color), line(&w.message))?;
        }
    }

    if let Some(note) = super::unsupported_note(e, TERMINAL) {
        writeln!(out)?;
        writeln!(out, "{}", paint(&note, DIM, color))?;
    }

    if let Some(ch) = &options.changes {
        writeln!(out)?;
        for (i, line) in super::change_lines(e, ch, TERMINAL).iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            writeln!(out, "{indent}{line}")?;
        }
    }

    if let Some(also) = super::also_reported(e, line) {
        writeln!(out)?;
        writeln!(out, "{also}")?;
    }

    write_summary(e, options, out)
}

/// The jurisdiction and the criteria, and the criteria's disclaimer.
fn write_title(e: &Evaluation<'_>, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let c = e.criteria;
    let color = options.color;
    let who = match &e.jurisdiction {
        Some(j) => {
            let mut s = format!("{} ({}", line(j.name.as_str()), kind_name(j));
            if let Some(state) = &j.state {
                s.push_str(&format!(", {}", line(state.as_str())));
            }
            s.push(')');
            s
        }
        None => line(&options.evidence),
    };
    writeln!(
        out,
        "{}",
        paint(&format!("{who} · {}", line(&c.title)), BOLD, color)
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "{}", paint(&line(d), DIM, color))?;
    }
    writeln!(out)?;

    Ok(())
}

/// A row per category, a column per level, and the note on weights.
fn write_grid(e: &Evaluation<'_>, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let c = e.criteria;
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    if color {
        table
            .enforce_styling()
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.force_no_tty();
    }
    let mut header = vec![Cell::new("Category"), Cell::new("Weight")];
    header.extend(c.levels.iter().map(|l| Cell::new(line(&l.name))));
    table.set_header(header);
    for (ci, cat) in c.categories.iter().enumerate() {
        let mut row = vec![Cell::new(line(&cat.name)), Cell::new(weight_label(cat))];
        for l in 0..c.levels.len() {
            let status = e.status(ci, l);
            let mut cell = Cell::new(status_label(status));
            if color {
                cell = cell.fg(match status {
                    Status::Met => Color::Green,
                    Status::Gap => Color::Red,
                    Status::OptionalGap => Color::Yellow,
                    Status::NotApplicable => Color::DarkGrey,
                });
            }
            row.push(cell);
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    if let Some(note) = weights_note(c, line) {
        writeln!(out, "{}", paint(&note, DIM, color))?;
    }

    Ok(())
}

/// The gaps, nearest level first, each with its items and hint.
fn write_gaps(e: &Evaluation<'_>, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let c = e.criteria;
    if !e.gaps.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint("Gaps (nearest level first, then by weight):", BOLD, color)
        )?;
        for (n, &g) in e.gaps.iter().enumerate() {
            let r = e.requirement(g);
            let cat = &c.categories[r.category];
            let optional = if r.optional { " (optional)" } else { "" };
            let marker = if r.optional {
                paint("○", YELLOW, color)
            } else {
                paint("✗", RED, color)
            };
            writeln!(
                out,
                "{:>3}. {marker} {} · {} · {}{optional}",
                n + 1,
                line(&c.levels[r.level].name),
                line(&cat.name),
                line(&r.id)
            )?;
            write_gap_details(e, g, color, out)?;
            if let Some(sections) = super::unsupported_sections(e, g) {
                writeln!(
                    out,
                    "       {}",
                    paint(
                        &format!("claimed, unsupported: add `sources` to {sections}"),
                        YELLOW,
                        color
                    )
                )?;
            }
        }
    }

    Ok(())
}

/// The level reached, readiness, and the next or required level with its gaps.
fn write_summary(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let color = options.color;
    writeln!(out)?;
    let readiness: Vec<String> = c
        .levels
        .iter()
        .zip(&e.readiness)
        .map(|(l, &r)| format!("{} {}", line(&l.name), percent(r)))
        .collect();
    let level = line(&level_name(e, e.level));
    let level = match e.level {
        Some(_) => paint(&level, GREEN, color),
        None => paint(&level, RED, color),
    };
    writeln!(
        out,
        "Level reached: {level} · readiness: {} · criteria {} · as of {} ({})",
        readiness.join(", "),
        line(&c.label()),
        e.as_of,
        e.as_of_source.describe()
    )?;
    if let Some(note) = super::readiness_note(e, line) {
        writeln!(out, "{}", paint(&note, DIM, color))?;
    }
    if let Some(t) = options.target {
        let name = line(&c.levels[t].name);
        let verdict = if e.reaches(t) {
            paint(&format!("Required level {name}: reached"), GREEN, color)
        } else {
            paint(
                &format!(
                    "Required level {name}: not reached ({})",
                    gaps_to_close_label(e, t)
                ),
                RED,
                color,
            )
        };
        writeln!(out, "{verdict}")?;
    } else if let Some(next) = e.next_level() {
        writeln!(
            out,
            "{}",
            paint(
                &format!(
                    "Next level: {} ({})",
                    line(&c.levels[next].name),
                    gaps_to_close_label(e, next)
                ),
                DIM,
                color
            )
        )?;
    }
    Ok(())
}

/// Under a gap: the official wording, the items that did not count with their reasons,
/// what the gap follows from, and the hint naming the evidence fields.
fn write_gap_details(
    e: &Evaluation<'_>,
    g: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    const INDENT: &str = "       ";
    let r = e.requirement(g);
    writeln!(out, "{INDENT}{}", indented(&r.text, INDENT))?;
    if let Some(note) = follows_note(e, g, line) {
        writeln!(
            out,
            "{INDENT}{}",
            paint(
                &format!("This gap {note}; it is not counted again in the gaps to close."),
                DIM,
                color
            )
        )?;
    }
    let items = uncounted_lines(e, g, line);
    if !items.is_empty() {
        writeln!(out, "{INDENT}Not counted:")?;
        for item in items {
            writeln!(out, "{INDENT}  · {item}")?;
        }
    }
    writeln!(
        out,
        "{INDENT}{} {}",
        paint("In the evidence file:", DIM, color),
        indented(&r.hint, INDENT)
    )
}

fn kind_name(j: &crate::evidence::Jurisdiction) -> String {
    serde_json::to_value(j.kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}
