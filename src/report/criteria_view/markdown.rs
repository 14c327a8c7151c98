//! `criteria list | show | diff` as Markdown. Names are escaped; the wording and
//! reading keep their code spans, and nothing else in them is markup.

use std::io::{self, Write};

use super::{diff_rows, level_ids, window_cell};
use crate::criteria::Criteria;
use crate::criteria::diff::CriteriaDiff;
use crate::text::{markdown_cell as cell, markdown_code, markdown_inline as escape, markdown_text};

pub(super) fn list(bundled: &[(&str, Criteria)], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| Id | Framework | Version | Levels | Requirements | Application window |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | ---: | --- |")?;
    for (id, c) in bundled {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            markdown_code(id),
            escape(&c.framework),
            escape(&c.version),
            escape(&level_ids(c)),
            c.requirements.len(),
            window_cell(c)
        )?;
    }
    Ok(())
}

pub(super) fn show(c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {} ({})", escape(&c.title), escape(&c.label()))?;
    writeln!(out)?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "> {}", markdown_text(d))?;
        writeln!(out)?;
    }
    if let Some(notes) = &c.notes {
        writeln!(out, "Notes: {}", markdown_text(notes))?;
        writeln!(out)?;
    }
    if let Some(note) = &c.readiness_note {
        writeln!(out, "Readiness note: {}", markdown_text(note))?;
        writeln!(out)?;
    }
    let levels: Vec<String> = c.levels.iter().map(|l| escape(&l.name)).collect();
    writeln!(out, "Levels, lowest first: {}", levels.join(" < "))?;
    writeln!(out)?;
    writeln!(
        out,
        "| Category | Level | Requirement | Official wording | pmcheck's reading |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for r in &c.requirements {
        let optional = if r.optional { " (optional)" } else { "" };
        writeln!(
            out,
            "| {} | {}{optional} | {} | {} | {} |",
            escape(&c.categories[r.category].name),
            escape(&c.levels[r.level].name),
            markdown_code(&r.id),
            cell(&r.text),
            cell(&r.reading)
        )?;
    }
    Ok(())
}

pub(super) fn diff(
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "# Criteria diff: {} → {}",
        escape(&a.label()),
        escape(&b.label())
    )?;
    writeln!(out)?;
    if d.is_empty() {
        return writeln!(out, "No differences.");
    }
    writeln!(out, "| Change | Id | Property | Before | After |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for (change, id, property, before, after) in diff_rows(d) {
        writeln!(
            out,
            "| {change} | {} | {property} | {} | {} |",
            markdown_code(id),
            cell(before),
            cell(after)
        )?;
    }
    Ok(())
}
