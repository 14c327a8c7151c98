//! One self-contained HTML page: no external fonts, scripts or images, readable at a
//! glance (a badge, a colored grid with symbols, a readiness bar chart in inline SVG)
//! and printable. The page is the askama template `templates/evaluate.html`; this file
//! fills it from the evaluation. Every string is cleaned and HTML-escaped by
//! [`crate::text::html`] (through [`crate::report::html::Escape`]), which askama applies to every `{{ ... }}` (see
//! `templates/askama.toml`).

use std::io::{self, Write};

use askama::Template;

use super::{
    RenderOptions, gaps_to_close_label, level_name, percent, status_label, uncounted, weight_label,
    weights_note,
};
use crate::evaluate::{Evaluation, Finding, Status};

/// A piece of criteria text; the pieces between backticks are shown as `<code>`.
struct Span<'a> {
    code: bool,
    text: &'a str,
}

/// Text left as it is, for notes the template escapes itself.
const PLAIN: super::SafeText = super::SafeText {
    text: str::to_owned,
    prose: str::to_owned,
    id: str::to_owned,
};

fn code_spans(text: &str) -> Vec<Span<'_>> {
    text.split('`')
        .enumerate()
        .map(|(i, text)| Span {
            code: i % 2 == 1,
            text,
        })
        .collect()
}

struct Target<'a> {
    class: &'static str,
    name: &'a str,
    verdict: &'static str,
    /// `6 gaps to close`, when not reached.
    to_close: Option<String>,
}

/// A category's row in the grid.
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    weight: String,
    cells: Vec<Cell>,
}

struct Cell {
    class: &'static str,
    label: &'static str,
}

/// The readiness bar chart: geometry in pixels, a bar per level.
struct Chart<'a> {
    width: usize,
    height: usize,
    bar_x: usize,
    bar_width: usize,
    value_x: usize,
    bars: Vec<Bar<'a>>,
}

struct Bar<'a> {
    id: &'a str,
    name: &'a str,
    y: usize,
    text_y: usize,
    width: usize,
    color: &'static str,
    value: String,
}

struct Gap<'a> {
    id: &'a str,
    level: &'a str,
    category: &'a str,
    optional: bool,
    /// The official wording.
    text: Vec<Span<'a>>,
    /// The ids of the requirements the gap only repeats.
    follows_from: Vec<&'a str>,
    /// The items that did not count (the first five), with their reasons.
    items: Vec<&'a Finding>,
    /// How many more items did not count.
    more: usize,
    /// The hint naming the evidence fields.
    hint: Vec<Span<'a>>,
}

#[derive(Template)]
#[template(path = "evaluate.html", config = "templates/askama.toml")]
struct Page<'a> {
    who: &'a str,
    title: &'a str,
    label: String,
    as_of: String,
    as_of_source: &'static str,
    disclaimer: Option<&'a str>,
    badge: &'static str,
    level: String,
    target: Option<Target<'a>>,
    levels: Vec<&'a str>,
    rows: Vec<Row<'a>>,
    /// How to read weights that differ by level, when some do.
    weights_note: Option<String>,
    chart: Chart<'a>,
    gaps: Vec<Gap<'a>>,
    warnings: Vec<Vec<Span<'a>>>,
    readiness_note: Option<Vec<Span<'a>>>,
    /// "Next level: Distinction (2 gaps to close)" when no level is required.
    next: Option<String>,
    /// Met requirements whose claims cite no sources (the table's note).
    unsupported: Option<String>,
    also_reported: Vec<&'a str>,
    version: &'static str,
    evidence: &'a str,
}

fn rows<'a>(e: &Evaluation<'a>) -> Vec<Row<'a>> {
    let c = e.criteria;
    c.categories
        .iter()
        .enumerate()
        .map(|(ci, cat)| Row {
            id: &cat.id,
            name: &cat.name,
            weight: weight_label(cat),
            cells: (0..c.levels.len())
                .map(|l| {
                    let status = e.status(ci, l);
                    let label = match status {
                        Status::NotApplicable => "· n/a",
                        s => status_label(s),
                    };
                    Cell {
                        class: status.id(),
                        label,
                    }
                })
                .collect(),
        })
        .collect()
}

fn chart<'a>(e: &Evaluation<'a>) -> Chart<'a> {
    let c = e.criteria;
    let row = 34;
    let (bar_x, bar_width) = (190, 420);
    let bars = c
        .levels
        .iter()
        .zip(&e.readiness)
        .enumerate()
        .map(|(i, (l, &r))| {
            let y = i * row + 5;
            let color = if r >= 100.0 {
                "#2b8a3e"
            } else if r >= 50.0 {
                "#e67700"
            } else {
                "#c92a2a"
            };
            Bar {
                id: &l.id,
                name: &l.name,
                y,
                text_y: y + 16,
                width: (r / 100.0 * bar_width as f64).round() as usize,
                color,
                value: percent(r),
            }
        })
        .collect();
    Chart {
        width: bar_x + bar_width + 80,
        height: row * c.levels.len() + 10,
        bar_x,
        bar_width,
        value_x: bar_x + bar_width + 8,
        bars,
    }
}

fn gaps<'a>(e: &'a Evaluation<'a>) -> Vec<Gap<'a>> {
    let c = e.criteria;
    e.gaps
        .iter()
        .map(|&g| {
            let r = e.requirement(g);
            let (items, more) = uncounted(e, g);
            Gap {
                id: &r.id,
                level: &c.levels[r.level].name,
                category: &c.categories[r.category].name,
                optional: r.optional,
                text: code_spans(&r.text),
                follows_from: e
                    .follows_from(g)
                    .iter()
                    .map(|&i| c.requirements[i].id.as_str())
                    .collect(),
                items,
                more,
                hint: code_spans(&r.hint),
            }
        })
        .collect()
}

impl<'a> Page<'a> {
    fn new(e: &'a Evaluation<'a>, options: &'a RenderOptions) -> Self {
        let c = e.criteria;
        Page {
            who: e
                .jurisdiction
                .as_ref()
                .map_or(options.evidence.as_str(), |j| j.name.as_str()),
            title: &c.title,
            label: c.label(),
            as_of: e.as_of.to_string(),
            as_of_source: e.as_of_source.describe(),
            disclaimer: c.disclaimer.as_deref(),
            badge: if e.level.is_some() { "reached" } else { "none" },
            level: level_name(e, e.level),
            target: options.target.map(|t| Target {
                class: if e.reaches(t) { "ok" } else { "no" },
                name: &c.levels[t].name,
                verdict: if e.reaches(t) {
                    "reached"
                } else {
                    "not reached"
                },
                to_close: (!e.reaches(t)).then(|| gaps_to_close_label(e, t)),
            }),
            levels: c.levels.iter().map(|l| l.name.as_str()).collect(),
            rows: rows(e),
            weights_note: weights_note(c, str::to_owned),
            chart: chart(e),
            gaps: gaps(e),
            warnings: e.warnings.iter().map(|w| code_spans(&w.message)).collect(),
            readiness_note: c.readiness_note.as_deref().map(code_spans),
            next: options
                .target
                .is_none()
                .then(|| e.next_level())
                .flatten()
                .map(|n| {
                    format!(
                        "Next level: {} ({})",
                        c.levels[n].name,
                        gaps_to_close_label(e, n)
                    )
                }),
            // Escaped by the template, so the note is built from the plain text.
            unsupported: super::unsupported_note(e, PLAIN),
            also_reported: e.also_reported.iter().map(|i| i.name()).collect(),
            version: env!("CARGO_PKG_VERSION"),
            evidence: &options.evidence,
        }
    }
}

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    Page::new(e, options).write_into(out)?;
    // askama drops the final newline of a template file.
    writeln!(out)
}
