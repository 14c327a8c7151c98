//! `criteria list | show | diff` for the terminal.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};

use super::{diff_rows, level_ids, window, window_cell};
use crate::criteria::Criteria;
use crate::criteria::diff::CriteriaDiff;
use crate::report::{weight_label, weights_note};
use crate::text::{indented, line};

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).force_no_tty();
    t
}

pub(super) fn list(bundled: &[(&str, Criteria)], out: &mut dyn Write) -> io::Result<()> {
    let mut t = table();
    t.set_header(vec![
        "Id",
        "Framework",
        "Version",
        "Levels",
        "Requirements",
        "Application window",
    ]);
    for (id, c) in bundled {
        t.add_row(vec![
            Cell::new(line(id)),
            Cell::new(line(&c.framework)),
            Cell::new(line(&c.version)),
            Cell::new(line(&level_ids(c))),
            Cell::new(c.requirements.len()),
            Cell::new(window_cell(c)),
        ]);
    }
    writeln!(out, "{t}")
}

pub(super) fn show(c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} ({})", line(&c.title), line(&c.label()))?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "{}", line(d))?;
    }
    writeln!(out, "Origin: {}", line(&c.origin))?;
    if let Some(s) = &c.source {
        writeln!(out, "Source: {}", line(s))?;
    }
    if let Some(w) = window(c) {
        writeln!(out, "Application window: {w}")?;
    }
    if let Some(notes) = &c.notes {
        writeln!(out, "Notes: {}", indented(notes, "  "))?;
    }
    if let Some(note) = &c.readiness_note {
        writeln!(out, "Readiness note: {}", indented(note, "  "))?;
    }
    let levels: Vec<String> = c
        .levels
        .iter()
        .map(|l| format!("{} ({})", line(&l.name), line(&l.id)))
        .collect();
    writeln!(out, "Levels, lowest first: {}", levels.join(" < "))?;
    writeln!(out)?;
    let mut cats = table();
    cats.set_header(vec!["Category", "Id", "Weight"]);
    for x in &c.categories {
        cats.add_row(vec![
            Cell::new(line(&x.name)),
            Cell::new(line(&x.id)),
            Cell::new(weight_label(x)),
        ]);
    }
    writeln!(out, "{cats}")?;
    if let Some(note) = weights_note(c, line) {
        writeln!(out, "{note}")?;
    }
    for r in &c.requirements {
        writeln!(out)?;
        let optional = if r.optional { " · optional" } else { "" };
        writeln!(
            out,
            "{} · {} · {}{optional}",
            line(&r.id),
            line(&c.categories[r.category].name),
            line(&c.levels[r.level].name)
        )?;
        writeln!(out, "  Official wording: {}", indented(&r.text, "    "))?;
        writeln!(out, "  pmcheck's reading: {}", indented(&r.reading, "    "))?;
        writeln!(out, "  Rule: {}", line(&r.rule.describe(c)))?;
        writeln!(out, "  Hint: {}", indented(&r.hint, "    "))?;
    }
    Ok(())
}

pub(super) fn diff(
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{} → {}", line(&a.label()), line(&b.label()))?;
    if d.is_empty() {
        return writeln!(out, "No differences.");
    }
    let mut t = table();
    t.set_header(vec!["Change", "Id", "Property", "Before", "After"]);
    for (change, id, property, before, after) in diff_rows(d) {
        t.add_row(vec![
            change.to_owned(),
            line(id),
            property.to_owned(),
            line(before),
            line(after),
        ]);
    }
    writeln!(out, "{t}")
}
