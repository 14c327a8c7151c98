//! `pmcheck explain`: what one requirement or category means and how to meet it.

use std::io::{self, Write};

use crate::criteria::Criteria;
use crate::evidence::Date;
use crate::snippet;

pub fn requirement(c: &Criteria, index: usize, as_of: Date, out: &mut dyn Write) -> io::Result<()> {
    let r = &c.requirements[index];
    let optional = if r.optional { "optional" } else { "required" };
    writeln!(
        out,
        "{} · {} · {} ({optional}) · {}",
        r.id,
        c.categories[r.category].name,
        c.levels[r.level].name,
        c.label()
    )?;
    if let Some(d) = &c.disclaimer {
        writeln!(out, "{d}")?;
    }
    writeln!(out)?;
    writeln!(out, "Official wording:\n  {}\n", r.text)?;
    writeln!(out, "pmcheck's reading:\n  {}\n", r.reading)?;
    writeln!(out, "Rule:\n  {}\n", r.rule.describe(c))?;
    let fields: Vec<&str> = r.rule.fields(c).iter().map(|f| f.path()).collect();
    writeln!(out, "Evidence fields read:\n  {}\n", fields.join(", "))?;
    writeln!(out, "Evidence that satisfies it (as of {as_of}):")?;
    for line in snippet::for_requirement(c, r, as_of).lines() {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "To close the gap:\n  {}", r.hint)
}

pub fn category(c: &Criteria, index: usize, out: &mut dyn Write) -> io::Result<()> {
    let cat = &c.categories[index];
    writeln!(
        out,
        "{} · {} · weight {:.1}% of the total · {}",
        cat.id,
        cat.name,
        cat.share * 100.0,
        c.label()
    )?;
    writeln!(out)?;
    for r in c.requirements.iter().filter(|r| r.category == index) {
        let optional = if r.optional { ", optional" } else { "" };
        writeln!(out, "{} ({}{optional})", r.id, c.levels[r.level].name)?;
        writeln!(out, "  Official wording: {}", r.text)?;
        writeln!(out, "  pmcheck's reading: {}", r.reading)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Run `pmcheck explain ID` with a requirement id for an evidence example."
    )
}
