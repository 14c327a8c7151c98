//! `pmcheck criteria list | show | diff`: the criteria themselves, for people who
//! compare years or write their own. One file per output format, each with a function
//! per verb; each verb chooses the format in one `match`.

mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::Format;
use crate::criteria::diff::CriteriaDiff;
use crate::criteria::{Closes, Criteria};

/// The bundled criteria, one row each.
pub fn list(format: Format, bundled: &[(&str, Criteria)], out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::list(bundled, out),
        Format::Json => json::list(bundled, out),
        Format::Markdown => markdown::list(bundled, out),
    }
}

/// The resolved criteria, requirement by requirement.
pub fn show(format: Format, c: &Criteria, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::show(c, out),
        Format::Json => json::show(c, out),
        Format::Markdown => markdown::show(c, out),
    }
}

pub fn diff(
    format: Format,
    a: &Criteria,
    b: &Criteria,
    d: &CriteriaDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::diff(a, b, d, out),
        Format::Json => json::diff(a, b, d, out),
        Format::Markdown => markdown::diff(a, b, d, out),
    }
}

/// `2020-12-01 to 2021-05-07`.
fn window(c: &Criteria) -> Option<String> {
    c.application_window.map(|(o, cl)| format!("{o} to {cl}"))
}

/// The window for a list: its dates; `unknown` for criteria of a year whose window is
/// not known; `—` for a framework not tied to a year.
fn window_cell(c: &Criteria) -> String {
    match (window(c), c.closes()) {
        (Some(w), _) => w,
        (None, Closes::VersionYear(_)) => "unknown".to_owned(),
        (None, _) => "—".to_owned(),
    }
}

/// The level ids, lowest first: `achievement, distinction, excellence`.
fn level_ids(c: &Criteria) -> String {
    let levels: Vec<&str> = c.levels.iter().map(|l| l.id.as_str()).collect();
    levels.join(", ")
}

/// The rows of a diff, in order: `(change, id, property, before, after)`.
fn diff_rows(d: &CriteriaDiff) -> impl Iterator<Item = (&str, &str, &str, &str, &str)> {
    d.categories_added
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
        }))
}
