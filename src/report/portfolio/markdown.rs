//! The portfolio as a Markdown table, then the count per level.

use std::io::{self, Write};

use super::{count_line, level_label};
use crate::criteria::Criteria;
use crate::evaluate::portfolio::Row;
use crate::report::percent;
use crate::text::{markdown_code, markdown_inline as escape};

fn line(c: &Criteria, r: &Row) -> String {
    match &r.outcome {
        Ok(s) => {
            let mut line = format!(
                "| {} | {} | {} |",
                escape(s.name.as_deref().unwrap_or("—")),
                escape(&r.file),
                escape(level_label(c, s.level))
            );
            for x in &s.readiness {
                line.push_str(&format!(" {} |", percent(*x)));
            }
            line.push_str(&format!(
                " {} |",
                s.heaviest_gap
                    .as_deref()
                    .map_or("—".to_owned(), markdown_code)
            ));
            line
        }
        Err(e) => {
            let mut line = format!(
                "| error | {} | {} |",
                escape(&r.file),
                escape(e.lines().next().unwrap_or(""))
            );
            line.push_str(&" |".repeat(c.levels.len() + 1));
            line
        }
    }
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Portfolio: {}", escape(&c.title))?;
    writeln!(out)?;
    let mut header = String::from("| Jurisdiction | File | Level |");
    let mut rule = String::from("| --- | --- | --- |");
    for l in &c.levels {
        header.push_str(&format!(" {} |", escape(&l.name)));
        rule.push_str(" ---: |");
    }
    writeln!(out, "{header} Heaviest open gap |\n{rule} --- |")?;
    for r in rows {
        writeln!(out, "{}", line(c, r))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", escape(&count_line(c, rows)))
}
