//! The renderers of `pmcheck evaluate` (and `--report`): one file per format, chosen
//! in [`render`]'s one `match`. A renderer only displays an [`Evaluation`]; it never
//! decides what is met.

mod github;
mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod table;

use std::io::{self, Write};

use super::{
    MARKDOWN, OrderedMap, SafeText, TERMINAL, follows_note, item_text, level_name, percent,
    readiness_note, status_label, weight_label, weights_note,
};
use crate::evaluate::{Evaluation, Finding};
use crate::text;

pub use json::{JSON_VERSION, JsonReport};

/// Output formats of `pmcheck evaluate` (and `--report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvaluateFormat {
    /// A table per category and level, the gaps with hints, and a summary line.
    Table,
    /// The versioned JSON contract (see the README).
    Json,
    /// The same report as a Markdown document, for a pull request or memo.
    Markdown,
    /// JUnit XML: a test suite per category, a test case per requirement.
    Junit,
    /// SARIF 2.1.0: a rule per requirement, a result per gap, located in the evidence file.
    Sarif,
    /// GitHub Actions workflow commands (and the Markdown report in the step summary).
    Github,
    /// One self-contained HTML page, readable at a glance and printable.
    Html,
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
    pub changes: Option<crate::evaluate::baseline::Changes>,
    /// The line of each top-level section in the evidence file, for SARIF and GitHub.
    pub section_lines: Vec<(String, u64)>,
}

impl RenderOptions {
    /// The line where `section` starts in the evidence file, or 1 when it is not there.
    pub fn line_of_section(&self, section: Option<&str>) -> u64 {
        section
            .and_then(|s| self.section_lines.iter().find(|(name, _)| name == s))
            .map_or(1, |(_, l)| *l)
    }

    /// The line where the first section `requirement` reads starts, or 1 when missing.
    pub fn line_of(&self, e: &Evaluation<'_>, requirement: usize) -> u64 {
        let c = e.criteria;
        c.requirements[requirement]
            .fields
            .iter()
            .find_map(|f| {
                self.section_lines
                    .iter()
                    .find(|(s, _)| s == f.section())
                    .map(|(_, l)| *l)
            })
            .unwrap_or(1)
    }
}

pub fn render(
    format: EvaluateFormat,
    evaluation: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        EvaluateFormat::Table => table::render(evaluation, options, out),
        EvaluateFormat::Json => json::render(evaluation, options, out),
        EvaluateFormat::Markdown => markdown::render(evaluation, options, out),
        EvaluateFormat::Junit => junit::render(evaluation, options, out),
        EvaluateFormat::Sarif => sarif::render(evaluation, options, out),
        EvaluateFormat::Github => github::render(evaluation, options, out),
        EvaluateFormat::Html => html::render(evaluation, options, out),
    }
}

/// Lines describing progress since a baseline, shared by the text renderers; every
/// string from the baseline or the criteria is made safe by `esc`.
/// The warnings split for the human formats: the values of the measures data that
/// could not be used (shown first, above the verdict they are left out of), and the rest.
pub(crate) fn data_problems<'e>(
    e: &'e Evaluation<'_>,
) -> (
    Vec<&'e crate::diagnostic::Warning>,
    Vec<&'e crate::diagnostic::Warning>,
) {
    e.warnings
        .iter()
        .partition(|w| w.code == crate::diagnostic::WarningCode::MeasuresDataError)
}

/// The heading above [`data_problems`].
pub(crate) const DATA_PROBLEMS: &str = "Data problems: these values of the measures data could not be used, and the verdict below is without them";

pub(crate) fn change_lines(
    e: &Evaluation<'_>,
    ch: &crate::evaluate::baseline::Changes,
    esc: SafeText,
) -> Vec<String> {
    let c = e.criteria;
    let mut lines = Vec::new();
    let other = if ch.same_criteria {
        String::new()
    } else {
        format!(
            "; the baseline used other criteria ({}), so only requirement ids in both are compared",
            (esc.text)(&ch.baseline_criteria)
        )
    };
    lines.push(format!(
        "Since the baseline {} (as of {}{other}):",
        (esc.text)(&ch.baseline),
        (esc.text)(&ch.baseline_as_of)
    ));
    lines.push(format!(
        "Level: {} → {}",
        (esc.text)(&ch.level_before),
        (esc.text)(&ch.level_after)
    ));
    let readiness: Vec<String> = ch
        .readiness
        .iter()
        .map(|(id, before, after)| {
            let name = (esc.text)(
                c.levels
                    .iter()
                    .find(|l| &l.id == id)
                    .map_or(id.as_str(), |l| l.name.as_str()),
            );
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
            let ids: Vec<String> = ids.iter().map(|id| (esc.id)(id)).collect();
            ids.join(", ")
        }
    };
    lines.push(format!("Newly met: {}", list(&ch.newly_met)));
    lines.push(format!("Lost (regressions): {}", list(&ch.lost)));
    lines
}

/// The note on claims that cite no sources, when not `--strict`; ids made safe by `esc`.
pub(crate) fn unsupported_note(e: &Evaluation<'_>, esc: SafeText) -> Option<String> {
    if e.strict || e.unsupported.is_empty() {
        return None;
    }
    let ids: Vec<String> = e
        .unsupported
        .iter()
        .map(|(i, _)| (esc.id)(&e.criteria.requirements[*i].id))
        .collect();
    let (requirements, cite, count) = if ids.len() == 1 {
        ("requirement", "cites", "it counts as a gap")
    } else {
        ("requirements", "cite", "they count as gaps")
    };
    Some(format!(
        "Note: {} met {requirements} {cite} no `sources` (claimed, unsupported): {}. With --strict {count}.",
        ids.len(),
        ids.join(", ")
    ))
}

/// The supplementary initiatives of the evidence, on one line, each name made safe by
/// `text`: "Also reported (not required): Data dictionary, Geo-mapping." `None` when
/// there are none. Shown, never judged: no level requires them.
pub(crate) fn also_reported(e: &Evaluation<'_>, text: fn(&str) -> String) -> Option<String> {
    if e.also_reported.is_empty() {
        return None;
    }
    let names: Vec<String> = e.also_reported.iter().map(|i| text(i.name())).collect();
    Some(format!(
        "Also reported (not required): {}.",
        names.join(", ")
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

/// `6 gaps to close` (or `1 gap to close`) on the way to `level`: the gaps that ask for
/// something of their own ([`Evaluation::gaps_to_close`]).
pub(crate) fn gaps_to_close_label(e: &Evaluation<'_>, level: usize) -> String {
    let n = e.gaps_to_close(level);
    format!("{n} gap{} to close", if n == 1 { "" } else { "s" })
}

/// Items of a gap shown before "and N more".
pub(crate) const ITEMS_SHOWN: usize = 5;

/// The items of requirement `index` that did not count: the first [`ITEMS_SHOWN`], and
/// how many more there are.
pub(crate) fn uncounted<'e>(e: &'e Evaluation<'_>, index: usize) -> (Vec<&'e Finding>, usize) {
    let all: Vec<&Finding> = e.findings[index].iter().filter(|f| !f.counted).collect();
    let more = all.len().saturating_sub(ITEMS_SHOWN);
    (all.into_iter().take(ITEMS_SHOWN).collect(), more)
}

/// The lines naming the uncounted items of requirement `index`, each made safe by
/// `esc`, then `and N more` when there are more than [`ITEMS_SHOWN`].
pub(crate) fn uncounted_lines(
    e: &Evaluation<'_>,
    index: usize,
    esc: fn(&str) -> String,
) -> Vec<String> {
    let (shown, more) = uncounted(e, index);
    let mut lines: Vec<String> = shown.iter().map(|f| item_text(f, esc)).collect();
    if more > 0 {
        lines.push(format!("and {more} more"));
    }
    lines
}

/// The uncounted items of requirement `index` on one line, for the CI formats:
/// `Not counted: Parks: ...; Roads: ...; and 2 more`. `None` when every item counted.
pub(crate) fn uncounted_summary(e: &Evaluation<'_>, index: usize) -> Option<String> {
    let lines = uncounted_lines(e, index, text::line);
    (!lines.is_empty()).then(|| format!("Not counted: {}", lines.join("; ")))
}

/// What the CI formats add to a gap's message, on one line: what it follows from, and
/// the items that did not count (`. Not counted: Parks: ...; and 2 more`); empty when
/// there is neither.
pub(crate) fn gap_message_suffix(e: &Evaluation<'_>, index: usize) -> String {
    let mut out = String::new();
    if let Some(note) = follows_note(e, index, text::line) {
        out.push_str(&format!(" (This gap {note}.)"));
    }
    if let Some(items) = uncounted_summary(e, index) {
        out.push_str(&format!(" {items}"));
    }
    out
}
