//! Renderers: one file per output format, chosen in exactly one `match`.
//! A renderer only displays an [`Evaluation`]; it never decides what is met.

pub mod compare;
pub mod criteria_view;
pub mod explain;
mod json;
pub(crate) mod markdown;
pub mod plan;
mod table;

use std::io::{self, Write};

use crate::evaluate::{Evaluation, Status};

pub use json::{JSON_VERSION, JsonReport};

/// Output formats of `pmcheck evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table per category and level, the gaps with hints, and a summary line.
    Table,
    /// The versioned JSON contract (see the README).
    Json,
    /// The same report as a Markdown document, for a pull request or memo.
    Markdown,
}

/// What every renderer is given besides the evaluation.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The evidence file as the user named it.
    pub evidence: String,
    /// The level the user requires (`--require`), as an index.
    pub target: Option<usize>,
    /// Whether to use color (a terminal, without `NO_COLOR`).
    pub color: bool,
    /// Progress since a baseline result (`--baseline`).
    pub changes: Option<crate::baseline::Changes>,
}

pub fn render(
    format: Format,
    evaluation: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(evaluation, options, out),
        Format::Json => json::render(evaluation, options, out),
        Format::Markdown => markdown::render(evaluation, options, out),
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

/// Lines describing progress since a baseline, shared by the text renderers.
pub(crate) fn change_lines(e: &Evaluation<'_>, ch: &crate::baseline::Changes) -> Vec<String> {
    let c = e.criteria;
    let mut lines = Vec::new();
    let other = if ch.same_criteria {
        String::new()
    } else {
        format!(
            "; the baseline used other criteria ({}), so only requirement ids in both are compared",
            ch.baseline_criteria
        )
    };
    lines.push(format!(
        "Since the baseline {} (as of {}{other}):",
        printable_path(&ch.baseline),
        ch.baseline_as_of
    ));
    lines.push(format!("Level: {} → {}", ch.level_before, ch.level_after));
    let readiness: Vec<String> = ch
        .readiness
        .iter()
        .map(|(id, before, after)| {
            let name = c
                .levels
                .iter()
                .find(|l| &l.id == id)
                .map_or(id.as_str(), |l| l.name.as_str());
            match before {
                Some(b) => format!(
                    "{name} {} → {} ({:+.1})",
                    percent(*b),
                    percent(*after),
                    after - b
                ),
                None => format!("{name} (new) {}", percent(*after)),
            }
        })
        .collect();
    lines.push(format!("Readiness: {}", readiness.join(", ")));
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "none".to_owned()
        } else {
            ids.join(", ")
        }
    };
    lines.push(format!("Newly met: {}", list(&ch.newly_met)));
    lines.push(format!("Lost (regressions): {}", list(&ch.lost)));
    lines
}

fn printable_path(p: &str) -> String {
    crate::diagnostic::printable(p)
}

/// The note on claims that cite no sources, when not `--strict`.
pub(crate) fn unsupported_note(e: &Evaluation<'_>) -> Option<String> {
    if e.strict || e.unsupported.is_empty() {
        return None;
    }
    let ids: Vec<&str> = e
        .unsupported
        .iter()
        .map(|(i, _)| e.criteria.requirements[*i].id.as_str())
        .collect();
    Some(format!(
        "Note: {} met requirement{} cite no `sources` (claimed, unsupported): {}. With --strict they count as gaps.",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", ")
    ))
}

/// For `--strict`: the sections a gap's requirement reads that lack sources.
pub(crate) fn unsupported_sections(e: &Evaluation<'_>, requirement: usize) -> Option<String> {
    if !e.strict {
        return None;
    }
    e.unsupported
        .iter()
        .find(|(i, _)| *i == requirement)
        .map(|(_, s)| s.join(", "))
}

/// `82.5%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{value:.1}%")
}
