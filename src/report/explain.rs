//! `pmcheck explain`: what one requirement or category means and how to meet it.
//! Criteria text is shown through [`crate::text`]: names on one line, the wording,
//! reading and hint indented under their heading.

use std::io::{self, Write};

use crate::criteria::Criteria;
use crate::evidence::Date;
use crate::snippet;
use crate::text::{indented, line};

pub fn requirement(c: &Criteria, index: usize, as_of: Date, out: &mut dyn Write) -> io::Result<()> {
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
    writeln!(out, "To close the gap:\n  {}", indented(&r.hint, "  "))
}

pub fn category(c: &Criteria, index: usize, out: &mut dyn Write) -> io::Result<()> {
    let cat = &c.categories[index];
    writeln!(
        out,
        "{} · {} · weight {:.1}% of the total · {}",
        line(&cat.id),
        line(&cat.name),
        cat.share * 100.0,
        line(&c.label())
    )?;
    writeln!(out)?;
    for r in c.requirements.iter().filter(|r| r.category == index) {
        let optional = if r.optional { ", optional" } else { "" };
        writeln!(
            out,
            "{} ({}{optional})",
            line(&r.id),
            line(&c.levels[r.level].name)
        )?;
        writeln!(out, "  Official wording: {}", indented(&r.text, "    "))?;
        writeln!(out, "  pmcheck's reading: {}", indented(&r.reading, "    "))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Run `pmcheck explain ID` with a requirement id for an evidence example."
    )
}
