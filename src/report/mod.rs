//! Renderers: one file per output format, chosen in exactly one `match`.
//! A renderer only displays an [`Evaluation`]; it never decides what is met.

pub mod compare;
pub mod criteria_view;
pub mod explain;
mod json;
pub(crate) mod markdown;
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

/// `82.5%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{value:.1}%")
}
