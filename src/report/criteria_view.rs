//! `pmcheck criteria list | show | diff`: the criteria themselves, for people who
//! compare years or write their own.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};
use serde::Serialize;

use super::Format;
use super::markdown::{escape, escape_html};
use crate::criteria::Criteria;
use crate::diff::CriteriaDiff;

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).force_no_tty();
    t
}

fn window(c: &Criteria) -> Option<String> {
    c.application_window.map(|(o, cl)| format!("{o} to {cl}"))
}

#[derive(Serialize)]
struct JsonListed<'a> {
    id: &'a str,
    framework: &'a str,
    version: &'a str,
    title: &'a str,
    levels: Vec<&'a str>,
    requirements: usize,
    application_window: Option<JsonWindow>,
}

#[derive(Serialize)]
struct JsonWindow {
    opens: String,
    closes: String,
}

fn json_window(c: &Criteria) -> Option<JsonWindow> {
    c.application_window.map(|(o, cl)| JsonWindow {
        opens: o.to_string(),
        closes: cl.to_string(),
    })
}

/// The bundled criteria, one row each.
pub fn list(format: Format, bundled: &[(&str, Criteria)], out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            let rows: Vec<JsonListed> = bundled
                .iter()
                .map(|(id, c)| JsonListed {
                    id,
                    framework: &c.framework,
                    version: &c.version,
                    title: &c.title,
                    levels: c.levels.iter().map(|l| l.id.as_str()).collect(),
                    requirements: c.requirements.len(),
                    application_window: json_window(c),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        Format::Table => {
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
                let levels: Vec<&str> = c.levels.iter().map(|l| l.id.as_str()).collect();
                t.add_row(vec![
                    Cell::new(id),
                    Cell::new(&c.framework),
                    Cell::new(&c.version),
                    Cell::new(levels.join(", ")),
                    Cell::new(c.requirements.len()),
                    Cell::new(window(c).unwrap_or_else(|| "—".to_owned())),
                ]);
            }
            writeln!(out, "{t}")
        }
        Format::Markdown => {
            writeln!(
                out,
                "| Id | Framework | Version | Levels | Requirements | Application window |"
            )?;
            writeln!(out, "| --- | --- | --- | --- | ---: | --- |")?;
            for (id, c) in bundled {
                let levels: Vec<&str> = c.levels.iter().map(|l| l.id.as_str()).collect();
                writeln!(
                    out,
                    "| `{id}` | {} | {} | {} | {} | {} |",
                    escape(&c.framework),
                    escape(&c.version),
                    levels.join(", "),
                    c.requirements.len(),
                    window(c).unwrap_or_else(|| "—".to_owned())
                )?;
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct JsonShown<'a> {
    version: u32,
    framework: &'a str,
    criteria_version: &'a str,
    title: &'a str,
    origin: &'a str,
    source: Option<&'a str>,
    disclaimer: Option<&'a str>,
    application_window: Option<JsonWindow>,
    levels: Vec<JsonShownLevel<'a>>,
    categories: Vec<JsonShownCategory<'a>>,
    requirements: Vec<JsonShownRequirement<'a>>,
}

#[derive(Serialize)]
struct JsonShownLevel<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonShownCategory<'a> {
    id: &'a str,
    name: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct JsonShownRequirement<'a> {
    id: &'a str,
    category: &'a str,
    level: &'a str,
    optional: bool,
    text: &'a str,
    reading: &'a str,
    hint: &'a str,
    rule: String,
    fields: Vec<&'static str>,
}

/// The resolved criteria, requirement by requirement.
pub fn show(format: Format, c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            let shown = JsonShown {
                version: 1,
                framework: &c.framework,
                criteria_version: &c.version,
                title: &c.title,
                origin: &c.origin,
                source: c.source.as_deref(),
                disclaimer: c.disclaimer.as_deref(),
                application_window: json_window(c),
                levels: c
                    .levels
                    .iter()
                    .map(|l| JsonShownLevel {
                        id: &l.id,
                        name: &l.name,
                    })
                    .collect(),
                categories: c
                    .categories
                    .iter()
                    .map(|x| JsonShownCategory {
                        id: &x.id,
                        name: &x.name,
                        weight: (x.share * 10_000.0).round() / 10_000.0,
                    })
                    .collect(),
                requirements: c
                    .requirements
                    .iter()
                    .map(|r| JsonShownRequirement {
                        id: &r.id,
                        category: &c.categories[r.category].id,
                        level: &c.levels[r.level].id,
                        optional: r.optional,
                        text: &r.text,
                        reading: &r.reading,
                        hint: &r.hint,
                        rule: r.rule.describe(c),
                        fields: r.rule.fields(c).iter().map(|f| f.path()).collect(),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &shown)?;
            writeln!(out)
        }
        Format::Table => {
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
        Format::Markdown => {
            writeln!(out, "# {} ({})", escape(&c.title), escape(&c.label()))?;
            writeln!(out)?;
            if let Some(d) = &c.disclaimer {
                writeln!(out, "> {}", escape_html(d))?;
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
                    "| {} | {}{optional} | `{}` | {} | {} |",
                    escape(&c.categories[r.category].name),
                    escape(&c.levels[r.level].name),
                    r.id,
                    escape_html(&r.text).replace('|', "\\|"),
                    escape_html(&r.reading).replace('|', "\\|")
                )?;
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    from: String,
    to: String,
    added: &'a [String],
    removed: &'a [String],
    categories_added: &'a [String],
    categories_removed: &'a [String],
    changed: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    id: &'a str,
    property: &'a str,
    before: &'a str,
    after: &'a str,
}

pub fn diff(
    format: Format,
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let j = JsonDiff {
                version: 1,
                from: a.label(),
                to: b.label(),
                added: &d.added,
                removed: &d.removed,
                categories_added: &d.categories_added,
                categories_removed: &d.categories_removed,
                changed: d
                    .changed
                    .iter()
                    .map(|c| JsonChange {
                        id: &c.id,
                        property: c.property,
                        before: &c.before,
                        after: &c.after,
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &j)?;
            writeln!(out)
        }
        Format::Table => {
            writeln!(out, "{} → {}", a.label(), b.label())?;
            if d.is_empty() {
                writeln!(out, "No differences.")?;
                return Ok(());
            }
            let mut t = table();
            t.set_header(vec!["Change", "Id", "Property", "Before", "After"]);
            for id in &d.categories_added {
                t.add_row(vec!["category added", id, "", "", ""]);
            }
            for id in &d.categories_removed {
                t.add_row(vec!["category removed", id, "", "", ""]);
            }
            for id in &d.added {
                t.add_row(vec!["added", id, "", "", ""]);
            }
            for id in &d.removed {
                t.add_row(vec!["removed", id, "", "", ""]);
            }
            for c in &d.changed {
                t.add_row(vec!["changed", &c.id, c.property, &c.before, &c.after]);
            }
            writeln!(out, "{t}")
        }
        Format::Markdown => {
            writeln!(
                out,
                "# Criteria diff: {} → {}",
                escape(&a.label()),
                escape(&b.label())
            )?;
            writeln!(out)?;
            if d.is_empty() {
                writeln!(out, "No differences.")?;
                return Ok(());
            }
            writeln!(out, "| Change | Id | Property | Before | After |")?;
            writeln!(out, "| --- | --- | --- | --- | --- |")?;
            let rows = d
                .categories_added
                .iter()
                .map(|id| ("category added", id.as_str(), "", "", ""))
                .chain(
                    d.categories_removed
                        .iter()
                        .map(|id| ("category removed", id.as_str(), "", "", "")),
                )
                .chain(d.added.iter().map(|id| ("added", id.as_str(), "", "", "")))
                .chain(
                    d.removed
                        .iter()
                        .map(|id| ("removed", id.as_str(), "", "", "")),
                )
                .chain(d.changed.iter().map(|c| {
                    (
                        "changed",
                        c.id.as_str(),
                        c.property,
                        c.before.as_str(),
                        c.after.as_str(),
                    )
                }));
            for (change, id, property, before, after) in rows {
                writeln!(
                    out,
                    "| {change} | `{id}` | {property} | {} | {} |",
                    escape_html(before).replace('|', "\\|"),
                    escape_html(after).replace('|', "\\|")
                )?;
            }
            Ok(())
        }
    }
}
