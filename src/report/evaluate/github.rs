//! GitHub Actions workflow commands: `::error` for gaps at or below the target level,
//! `::notice` for gaps above it, `::warning` for warnings. The Markdown report for the
//! step summary is written by the caller when `GITHUB_STEP_SUMMARY` names a file.
//! Messages and properties are cleaned and escaped by [`crate::text`], so that no text
//! from the input can end a command or start another.

use std::io::{self, Write};

use super::{RenderOptions, level_name};
use crate::evaluate::Evaluation;
use crate::text::{github_data as data, github_property as property, line};

pub(super) fn render(
    e: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = e.criteria;
    let target = e.target_or_next(options.target);
    let file = property(&options.evidence);
    for &g in &e.gaps {
        let r = &c.requirements[g];
        let command = if e.blocks(g, target) {
            "error"
        } else {
            "notice"
        };
        let optional = if r.optional { " (optional)" } else { "" };
        writeln!(
            out,
            "::{command} file={file},line={},title={}::{}",
            options.line_of(e, g),
            property(&format!("pmcheck {}{optional}", r.id)),
            data(&format!(
                "{} · {}: {}{}",
                line(&c.levels[r.level].name),
                line(&c.categories[r.category].name),
                r.hint,
                super::gap_message_suffix(e, g)
            ))
        )?;
    }
    for w in &e.warnings {
        writeln!(
            out,
            "::warning file={file},line={},title={}::{}",
            options.line_of_section(w.section),
            property(&format!("pmcheck {}", w.code.id())),
            data(&line(&w.message))
        )?;
    }
    let verdict = match options.target {
        Some(t) if e.reaches(t) => format!("; required {}: reached", line(&c.levels[t].name)),
        Some(t) => format!("; required {}: not reached", line(&c.levels[t].name)),
        None => String::new(),
    };
    writeln!(
        out,
        "pmcheck: {} under {} as of {}{verdict}",
        line(&level_name(e, e.level)),
        line(&c.label()),
        e.as_of
    )
}
