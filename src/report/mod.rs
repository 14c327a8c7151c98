//! Renderers: one file per output format, chosen in exactly one `match`.
//! A renderer only displays an [`Evaluation`]; it never decides what is met.

pub mod compare;
pub mod criteria_view;
pub mod explain;
pub mod github;
pub(crate) mod html;
mod json;
mod junit;
mod markdown;
pub mod measures;
pub mod plan;
pub mod portfolio;
pub mod publish;
mod sarif;
mod table;

use std::io::{self, Write};

use crate::criteria::{Category, Criteria};
use crate::evaluate::{Evaluation, Finding, Status};
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

/// Lines describing progress since a baseline, shared by the text renderers; every
/// string from the baseline or the criteria is made safe by `esc`.
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

/// The criteria's note on readiness ("not entirely points-based"), shown beside it,
/// made safe by `prose`.
pub(crate) fn readiness_note(e: &Evaluation<'_>, prose: fn(&str) -> String) -> Option<String> {
    e.criteria
        .readiness_note
        .as_deref()
        .map(|note| format!("Readiness note: {}", prose(note)))
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

/// `82.5%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{value:.1}%")
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

/// `Parks: latest year 2017 is more than 2 years before 2021`, both parts made safe by
/// `esc` (they may hold text from the evidence file).
pub(crate) fn item_text(f: &Finding, esc: fn(&str) -> String) -> String {
    format!("{}: {}", esc(&f.subject), esc(&f.reason))
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
