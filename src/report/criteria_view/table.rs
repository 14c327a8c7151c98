//! `criteria list | show | diff` for the terminal.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};

use super::{diff_rows, level_ids, window};
use crate::criteria::Criteria;
use crate::diff::CriteriaDiff;

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
            Cell::new(id),
            Cell::new(&c.framework),
            Cell::new(&c.version),
            Cell::new(level_ids(c)),
            Cell::new(c.requirements.len()),
            Cell::new(window(c).unwrap_or_else(|| "—".to_owned())),
        ]);
    }
    writeln!(out, "{t}")
}

pub(super) fn show(c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} ({})", c.title, c.label())?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "{d}")?;
    }
    writeln!(out, "Origin: {}", c.origin)?;
    if let Some(s) = &c.source {
        writeln!(out, "Source: {s}")?;
    }
    if let Some(w) = window(c) {
        writeln!(out, "Application window: {w}")?;
    }
    let levels: Vec<String> = c
        .levels
        .iter()
        .map(|l| format!("{} ({})", l.name, l.id))
        .collect();
    writeln!(out, "Levels, lowest first: {}", levels.join(" < "))?;
    writeln!(out)?;
    let mut cats = table();
    cats.set_header(vec!["Category", "Id", "Weight"]);
    for x in &c.categories {
        cats.add_row(vec![
            Cell::new(&x.name),
            Cell::new(&x.id),
            Cell::new(format!("{:.1}%", x.share * 100.0)),
        ]);
    }
    writeln!(out, "{cats}")?;
    for r in &c.requirements {
        writeln!(out)?;
        let optional = if r.optional { " · optional" } else { "" };
        writeln!(
            out,
            "{} · {} · {}{optional}",
            r.id, c.categories[r.category].name, c.levels[r.level].name
        )?;
        writeln!(out, "  Official wording: {}", r.text)?;
        writeln!(out, "  pmcheck's reading: {}", r.reading)?;
        writeln!(out, "  Rule: {}", r.rule.describe(c))?;
        writeln!(out, "  Hint: {}", r.hint)?;
    }
    Ok(())
}

pub(super) fn diff(
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{} → {}", a.label(), b.label())?;
    if d.is_empty() {
        return writeln!(out, "No differences.");
    }
    let mut t = table();
    t.set_header(vec!["Change", "Id", "Property", "Before", "After"]);
    for (change, id, property, before, after) in diff_rows(d) {
        t.add_row(vec![change, id, property, before, after]);
    }
    writeln!(out, "{t}")
}
