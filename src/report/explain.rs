//! `pmcheck explain`: what one requirement or category means and how to meet it and,
//! given an evaluated evidence file, every item the requirement judged in it.
//! Criteria text is shown through [`crate::text`]: names on one line, the wording,
//! reading and hint indented under their heading; the items (which may hold text from
//! the evidence file) on one line each.

use std::io::{self, Write};

use crate::criteria::Criteria;
use crate::evaluate::Evaluation;
use crate::evaluate::snippet;
use crate::evidence::Date;
use crate::text::{indented, line};

/// An evidence file judged against the criteria, for `explain --evidence`.
#[derive(Debug)]
pub struct Judged<'e> {
    pub evaluation: &'e Evaluation<'e>,
    /// The evidence file as the user named it (`<stdin>` for `-`).
    pub evidence: String,
}

pub fn requirement(
    c: &Criteria,
    index: usize,
    as_of: Date,
    judged: Option<&Judged<'_>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let r = &c.requirements[index];
    let optional = if r.optional { "optional" } else { "required" };
    writeln!(
        out,
        "{} · {} · {} ({optional}) · {}",
        line(&r.id),
        line(&c.categories[r.category].name),
        line(&c.levels[r.level].name),
        line(&c.label())
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "{}", line(d))?;
    }
    writeln!(out)?;
    writeln!(out, "Official wording:\n  {}\n", indented(&r.text, "  "))?;
    writeln!(
        out,
        "pmcheck's reading:\n  {}\n",
        indented(&r.reading, "  ")
    )?;
    writeln!(out, "Rule:\n  {}\n", line(&r.rule.describe(c)))?;
    let fields: Vec<&str> = r.rule.fields(c).iter().map(|f| f.path()).collect();
    writeln!(out, "Evidence fields read:\n  {}\n", fields.join(", "))?;
    writeln!(out, "Evidence that satisfies it (as of {as_of}):")?;
    for snippet_line in snippet::for_requirement(c, r, as_of).lines() {
        writeln!(out, "  {}", line(snippet_line))?;
    }
    writeln!(out)?;
    writeln!(out, "To close the gap:\n  {}", indented(&r.hint, "  "))?;
    if let Some(j) = judged {
        writeln!(out)?;
        writeln!(
            out,
            "In {} (as of {}, {}):",
            line(&j.evidence),
            j.evaluation.as_of,
            j.evaluation.as_of_source.describe()
        )?;
        write_items(j.evaluation, index, "  ", out)?;
    }
    Ok(())
}

/// The verdict on requirement `index`, then every item it judged, counted or not, with
/// the reason; each line starts with `indent`.
fn write_items(
    e: &Evaluation<'_>,
    index: usize,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let verdict = if e.met[index] {
        "✓ met"
    } else {
        "✗ not met"
    };
    writeln!(out, "{indent}{verdict}")?;
    if let Some(note) = super::follows_note(e, index, line) {
        let again = if e.met[index] {
            ""
        } else {
            "; as a gap it is not counted again in the gaps to close"
        };
        writeln!(out, "{indent}This requirement {note}{again}.")?;
    }
    if let Some((_, sections)) = e.unsupported.iter().find(|(i, _)| *i == index) {
        writeln!(
            out,
            "{indent}Claimed, unsupported: no `sources` in {} (a gap with --strict).",
            sections.join(", ")
        )?;
    }
    let findings = &e.findings[index];
    if findings.is_empty() {
        return writeln!(out, "{indent}No item of the file was judged.");
    }
    let counted = findings.iter().filter(|f| f.counted).count();
    writeln!(
        out,
        "{indent}Items ({counted} of {} counted):",
        findings.len()
    )?;
    for f in findings {
        let mark = if f.counted { "✓" } else { "✗" };
        let field = f
            .field
            .map_or(String::new(), |field| format!(" [{}]", field.path()));
        writeln!(out, "{indent}  {mark} {}{field}", super::item_text(f, line))?;
    }
    Ok(())
}

pub fn category(
    c: &Criteria,
    index: usize,
    judged: Option<&Judged<'_>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cat = &c.categories[index];
    let weight = if cat.varies() {
        let per_level: Vec<String> = c
            .levels
            .iter()
            .zip(&cat.shares)
            .filter(|(_, s)| **s > 0.0)
            .map(|(l, s)| format!("{} {:.1}%", line(&l.name), s * 100.0))
            .collect();
        format!("weight {} of readiness", per_level.join(", "))
    } else if cat.shares.iter().all(|s| *s == 0.0)
        && c.requirements
            .iter()
            .filter(|r| r.category == index)
            .all(|r| r.optional)
    {
        "weight 0.0% of readiness (its requirements are optional)".to_owned()
    } else {
        format!("weight {:.1}% of readiness", cat.share * 100.0)
    };
    writeln!(
        out,
        "{} · {} · {weight} · {}",
        line(&cat.id),
        line(&cat.name),
        line(&c.label())
    )?;
    if let Some(j) = judged {
        writeln!(
            out,
            "Judged against {} (as of {}, {}).",
            line(&j.evidence),
            j.evaluation.as_of,
            j.evaluation.as_of_source.describe()
        )?;
    }
    writeln!(out)?;
    for (i, r) in c.requirements.iter().enumerate() {
        if r.category != index {
            continue;
        }
        let optional = if r.optional { ", optional" } else { "" };
        writeln!(
            out,
            "{} ({}{optional})",
            line(&r.id),
            line(&c.levels[r.level].name)
        )?;
        writeln!(out, "  Official wording: {}", indented(&r.text, "    "))?;
        writeln!(out, "  pmcheck's reading: {}", indented(&r.reading, "    "))?;
        if let Some(j) = judged {
            write_items(j.evaluation, i, "  ", out)?;
            writeln!(out)?;
        }
    }
    if judged.is_none() {
        writeln!(out)?;
    }
    writeln!(
        out,
        "Run `pmcheck explain ID` with a requirement id for an evidence example."
    )
}
