//! The portfolio as one self-contained HTML page, styled like the evaluate report.

use std::io::{self, Write};

use super::{count_line, level_label};
use crate::criteria::Criteria;
use crate::portfolio::Row;
use crate::report::html::{STYLE, html};
use crate::report::percent;

fn row(c: &Criteria, r: &Row, out: &mut dyn Write) -> io::Result<()> {
    match &r.outcome {
        Ok(s) => {
            let class = if s.level.is_some() { "met" } else { "gap" };
            write!(
                out,
                r#"<tr><th scope="row">{}</th><td>{}</td><td class="{class}">{}</td>"#,
                html(s.name.as_deref().unwrap_or("—")),
                html(&r.file),
                html(level_label(c, s.level))
            )?;
            for x in &s.readiness {
                write!(out, r#"<td class="weight">{}</td>"#, percent(*x))?;
            }
            writeln!(
                out,
                "<td>{}</td></tr>",
                html(s.heaviest_gap.as_deref().unwrap_or("—"))
            )
        }
        Err(e) => writeln!(
            out,
            r#"<tr><th scope="row">error</th><td>{}</td><td class="gap" colspan="{}">{}</td></tr>"#,
            html(&r.file),
            c.levels.len() + 2,
            html(e.lines().next().unwrap_or(""))
        ),
    }
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!doctype html>")?;
    writeln!(
        out,
        r#"<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        out,
        "<title>pmcheck portfolio: {}</title><style>{STYLE}</style></head><body>",
        html(&c.label())
    )?;
    writeln!(
        out,
        "<h1>Portfolio</h1><p class=\"meta\">{} · {} files · {}</p>",
        html(&c.title),
        rows.len(),
        html(&count_line(c, rows))
    )?;
    write!(
        out,
        r#"<table class="grid"><thead><tr><th>Jurisdiction</th><th>File</th><th>Level</th>"#
    )?;
    for l in &c.levels {
        write!(out, "<th>{}</th>", html(&l.name))?;
    }
    writeln!(out, "<th>Heaviest open gap</th></tr></thead><tbody>")?;
    for r in rows {
        row(c, r, out)?;
    }
    writeln!(out, "</tbody></table></body></html>")
}
