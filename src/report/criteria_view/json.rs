//! `criteria list | show | diff` as JSON (each output versioned where it is an object).

use std::io::{self, Write};

use serde::Serialize;

use crate::criteria::Criteria;
use crate::criteria::diff::CriteriaDiff;
use crate::report::OrderedMap;

fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    crate::report::write_json(out, value)
}

/// A share as a weight rounded to four decimals.
fn weight(share: f64) -> f64 {
    (share * 10_000.0).round() / 10_000.0
}

#[derive(Serialize)]
struct JsonWindow {
    opens: String,
    closes: String,
}

impl JsonWindow {
    fn of(c: &Criteria) -> Option<Self> {
        c.application_window.map(|(o, cl)| JsonWindow {
            opens: o.to_string(),
            closes: cl.to_string(),
        })
    }
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

pub(super) fn list(bundled: &[(&str, Criteria)], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<JsonListed> = bundled
        .iter()
        .map(|(id, c)| JsonListed {
            id,
            framework: &c.framework,
            version: &c.version,
            title: &c.title,
            levels: c.levels.iter().map(|l| l.id.as_str()).collect(),
            requirements: c.requirements.len(),
            application_window: JsonWindow::of(c),
        })
        .collect();
    write(&rows, out)
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
    notes: Option<&'a str>,
    readiness_note: Option<&'a str>,
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
    /// The share at the highest level.
    weight: f64,
    /// Level id to the share at that level (0 where the category has nothing).
    weights: OrderedMap<'a, f64>,
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

pub(super) fn show(c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    let shown = JsonShown {
        version: 1,
        framework: &c.framework,
        criteria_version: &c.version,
        title: &c.title,
        origin: &c.origin,
        source: c.source.as_deref(),
        disclaimer: c.disclaimer.as_deref(),
        notes: c.notes.as_deref(),
        readiness_note: c.readiness_note.as_deref(),
        application_window: JsonWindow::of(c),
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
                weight: weight(x.share),
                weights: OrderedMap(
                    c.levels
                        .iter()
                        .zip(&x.shares)
                        .map(|(l, &s)| (l.id.as_str(), weight(s)))
                        .collect(),
                ),
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
    write(&shown, out)
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

pub(super) fn diff(
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
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
    write(&j, out)
}
