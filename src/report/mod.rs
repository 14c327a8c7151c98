//! Renderers: one folder or file per command, one file per output format, each set
//! chosen in exactly one `match`. A renderer only displays what the library decided;
//! it never decides what is met.

pub mod compare;
pub mod criteria_view;
pub mod evaluate;
pub mod explain;
pub(crate) mod html;
pub mod measures;
pub mod plan;
pub mod portfolio;
pub mod publish;

use std::io::{self, Write};

use crate::criteria::{Category, Criteria};
use crate::evaluate::{Evaluation, Finding, Status};
use crate::text;

pub use evaluate::{EvaluateFormat, JSON_VERSION, JsonReport, RenderOptions, render};

/// Output formats of the other commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// JSON (see the README).
    Json,
    /// A Markdown document.
    Markdown,
}

/// Writes a JSON document, pretty-printed, then a newline. Its strings keep their
/// content; the characters that would hide or reorder text are written as `\u`
/// escapes ([`text::json`]).
pub(crate) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let document = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", text::json(&document))
}

/// A JSON object whose keys keep the order given (level order, not alphabetical).
#[derive(Debug)]
pub struct OrderedMap<'a, V>(pub Vec<(&'a str, V)>);

impl<V: serde::Serialize> serde::Serialize for OrderedMap<'_, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A symbol and a word for a status, so that color is never the only signal.
pub(crate) fn status_label(status: Status) -> &'static str {
    match status {
        Status::Met => "✓ met",
        Status::Gap => "✗ gap",
        Status::OptionalGap => "○ optional gap",
        Status::NotApplicable => "·",
    }
}

/// `Distinction` for a level index, or `none`.
pub(crate) fn level_name(evaluation: &Evaluation<'_>, level: Option<usize>) -> String {
    match level {
        Some(l) => evaluation.criteria.levels[l].name.clone(),
        None => "none".to_owned(),
    }
}

/// How a text renderer makes input safe for its format: `text` for names and other
/// one-line values, `prose` for criteria text written with code spans (hints,
/// wording), `id` for ids (already limited to `[a-z0-9._-]` when the criteria load).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SafeText {
    pub text: fn(&str) -> String,
    pub prose: fn(&str) -> String,
    pub id: fn(&str) -> String,
}

/// For the terminal: one line per value; prose keeps its line breaks, for the caller
/// to indent (see [`text::indented`]).
pub(crate) const TERMINAL: SafeText = SafeText {
    text: text::line,
    prose: text::block,
    id: text::line,
};

/// For Markdown: nothing from the input is markup; prose keeps its code spans and ids
/// are code spans.
pub(crate) const MARKDOWN: SafeText = SafeText {
    text: text::markdown_inline,
    prose: text::markdown_text,
    id: text::markdown_code,
};

/// The criteria's note on readiness ("not entirely points-based"), shown beside it,
/// made safe by `prose`.
pub(crate) fn readiness_note(e: &Evaluation<'_>, prose: fn(&str) -> String) -> Option<String> {
    e.criteria
        .readiness_note
        .as_deref()
        .map(|note| format!("Readiness note: {}", prose(note)))
}

/// `82.5%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

/// `Parks: latest year 2017 is more than 2 years before 2021`, both parts made safe by
/// `esc` (they may hold text from the evidence file).
pub(crate) fn item_text(f: &Finding, esc: fn(&str) -> String) -> String {
    format!("{}: {}", esc(&f.subject), esc(&f.reason))
}

/// `follows from training.achievement, training.distinction` for a requirement that
/// only repeats others, ids made safe by `id`; `None` for one that asks for something.
pub(crate) fn follows_note(
    e: &Evaluation<'_>,
    index: usize,
    id: fn(&str) -> String,
) -> Option<String> {
    let from = e.follows_from(index);
    (!from.is_empty()).then(|| {
        let ids: Vec<String> = from
            .iter()
            .map(|&i| id(&e.criteria.requirements[i].id))
            .collect();
        format!("follows from {}", ids.join(", "))
    })
}

/// The weight a category is shown with: its share of readiness as used, one figure
/// (`22.2%`) when it is the same at every level where the category has requirements,
/// else one per level (`22.2 / 11.1 / 8.3%`, `–` where it has none).
pub(crate) fn weight_label(category: &Category) -> String {
    if !category.varies() {
        return percent(category.share * 100.0);
    }
    let parts: Vec<String> = category
        .shares
        .iter()
        .map(|&s| {
            if s > 0.0 {
                format!("{:.1}", s * 100.0)
            } else {
                "–".to_owned()
            }
        })
        .collect();
    format!("{}%", parts.join(" / "))
}

/// The note under a table of weights when some category's weight differs by level:
/// `Weight: ...; where it differs by level, one per level: Achievement / Distinction /
/// Excellence ...`, level names made safe by `esc`. `None` when every weight is one figure.
pub(crate) fn weights_note(c: &Criteria, esc: fn(&str) -> String) -> Option<String> {
    c.categories.iter().any(Category::varies).then(|| {
        let names: Vec<String> = c.levels.iter().map(|l| esc(&l.name)).collect();
        format!(
            "Weight: a category's share of readiness; where it differs by level, one per level: {} (– where the category has no requirement yet).",
            names.join(" / ")
        )
    })
}

/// `22.2%`: a category's share of readiness at one level.
pub(crate) fn weight_at(category: &Category, level: usize) -> String {
    percent(
        category
            .shares
            .get(level)
            .copied()
            .unwrap_or(category.share)
            * 100.0,
    )
}
