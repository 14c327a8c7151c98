//! The report as a Markdown document, fit to paste into a pull request or a memo.
//! Text from the evidence, the criteria and the baseline is escaped by the Markdown
//! functions of [`crate::text`], so that none of it is markup.

use std::io::{self, Write};

use super::{
    MARKDOWN, RenderOptions, follows_note, gaps_to_close_label, level_name, percent, status_label,
    uncounted_lines, weight_label, weights_note,
};
use crate::evaluate::Evaluation;
use crate::text::{markdown_code, markdown_inline as escape, markdown_text};

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let who = match &e.jurisdiction {
        Some(j) => escape(j.name.as_str()),
        None => escape(&options.evidence),
    };
    writeln!(out, "# pmcheck: {who}")?;
    writeln!(out)?;
    let (data, warnings) = super::data_problems(e);
    if !data.is_empty() {
        writeln!(out, "**{}:**", super::DATA_PROBLEMS)?;
        writeln!(out)?;
        for w in &data {
            writeln!(out, "- {}", escape(&w.message))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "- Criteria: {} ({})",
        escape(&c.title),
        escape(&c.label())
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "- Note: {}", markdown_text(d))?;
    }
    writeln!(out, "- As of: {} ({})", e.as_of, e.as_of_source.describe())?;
    writeln!(
        out,
        "- Level reached: **{}**",
        escape(&level_name(e, e.level))
    )?;
    if let Some(t) = options.target {
        let verdict = if e.reaches(t) {
            "reached".to_owned()
        } else {
            format!("not reached, {}", gaps_to_close_label(e, t))
        };
        writeln!(
            out,
            "- Required level: {} ({verdict})",
            escape(&c.levels[t].name)
        )?;
    }
    let readiness: Vec<String> = c
        .levels
        .iter()
        .zip(&e.readiness)
        .map(|(l, &r)| format!("{} {}", escape(&l.name), percent(r)))
        .collect();
    writeln!(out, "- Readiness: {}", readiness.join(", "))?;
    if let Some(note) = super::readiness_note(e, markdown_text) {
        writeln!(out, "- {note}")?;
    }
    writeln!(out)?;

    writeln!(out, "## Categories")?;
    writeln!(out)?;
    let mut header = String::from("| Category | Weight |");
    let mut rule = String::from("| --- | ---: |");
    for l in &c.levels {
        header.push_str(&format!(" {} |", escape(&l.name)));
        rule.push_str(" --- |");
    }
    writeln!(out, "{header}")?;
    writeln!(out, "{rule}")?;
    for (ci, cat) in c.categories.iter().enumerate() {
        let mut row = format!("| {} | {} |", escape(&cat.name), weight_label(cat));
        for l in 0..c.levels.len() {
            row.push_str(&format!(" {} |", status_label(e.status(ci, l))));
        }
        writeln!(out, "{row}")?;
    }
    if let Some(note) = weights_note(c, escape) {
        writeln!(out)?;
        writeln!(out, "{note}")?;
    }

    writeln!(out)?;
    writeln!(out, "## Gaps")?;
    writeln!(out)?;
    if e.gaps.is_empty() {
        writeln!(out, "None: every requirement is met.")?;
    }
    for (n, &g) in e.gaps.iter().enumerate() {
        let r = e.requirement(g);
        let optional = if r.optional { " (optional)" } else { "" };
        writeln!(
            out,
            "{}. **{}** · {} · {}{optional}: {}",
            n + 1,
            escape(&c.levels[r.level].name),
            escape(&c.categories[r.category].name),
            markdown_code(&r.id),
            markdown_text(&r.text)
        )?;
        write_gap_details(e, g, out)?;
        if let Some(sections) = super::unsupported_sections(e, g) {
            writeln!(out, "   Claimed, unsupported: add `sources` to {sections}.")?;
        }
    }

    if let Some(note) = super::unsupported_note(e, MARKDOWN) {
        writeln!(out)?;
        writeln!(out, "{note}")?;
    }

    if let Some(also) = super::also_reported(e, escape) {
        writeln!(out)?;
        writeln!(out, "{also}")?;
    }

    if let Some(ch) = &options.changes {
        writeln!(out)?;
        writeln!(out, "## Since the baseline")?;
        writeln!(out)?;
        for line in super::change_lines(e, ch, MARKDOWN).iter().skip(1) {
            writeln!(out, "- {line}")?;
        }
    }

    if !warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Warnings")?;
        writeln!(out)?;
        for w in &warnings {
            writeln!(out, "- {}", escape(&w.message))?;
        }
    }
    Ok(())
}

/// Under a gap: what it follows from, the items that did not count with their reasons,
/// and the hint naming the evidence fields, as a nested list.
fn write_gap_details(e: &Evaluation<'_>, g: usize, out: &mut dyn Write) -> io::Result<()> {
    let r = e.requirement(g);
    if let Some(note) = follows_note(e, g, markdown_code) {
        writeln!(
            out,
            "   - This gap {note}; it is not counted again in the gaps to close."
        )?;
    }
    let items = uncounted_lines(e, g, escape);
    if !items.is_empty() {
        writeln!(out, "   - Not counted:")?;
        for item in items {
            writeln!(out, "     - {item}")?;
        }
    }
    writeln!(out, "   - In the evidence file: {}", markdown_text(&r.hint))
}
