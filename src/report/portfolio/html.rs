//! The portfolio as one self-contained HTML page, styled like the evaluate report:
//! the askama template `templates/portfolio.html`, filled here. Every string is escaped
//! by `text::html` (see `templates/askama.toml`).

use std::io::{self, Write};

use askama::Template;

use super::{count_line, level_label};
use crate::criteria::Criteria;
use crate::evaluate::portfolio::Row;
use crate::report::percent;

/// A file's row in the table.
enum Line<'a> {
    Evaluated {
        name: &'a str,
        file: &'a str,
        class: &'static str,
        level: &'a str,
        readiness: Vec<String>,
        gap: &'a str,
    },
    Failed {
        file: &'a str,
        columns: usize,
        error: &'a str,
    },
}

impl<'a> Line<'a> {
    fn new(c: &'a Criteria, r: &'a Row) -> Self {
        match &r.outcome {
            Ok(s) => Line::Evaluated {
                name: s.name.as_deref().unwrap_or("—"),
                file: &r.file,
                class: if s.level.is_some() { "met" } else { "gap" },
                level: level_label(c, s.level),
                readiness: s.readiness.iter().map(|x| percent(*x)).collect(),
                gap: s.heaviest_gap.as_deref().unwrap_or("—"),
            },
            Err(e) => Line::Failed {
                file: &r.file,
                columns: c.levels.len() + 2,
                error: e.lines().next().unwrap_or(""),
            },
        }
    }
}

#[derive(Template)]
#[template(path = "portfolio.html", config = "templates/askama.toml")]
struct Page<'a> {
    label: String,
    title: &'a str,
    files: usize,
    counts: String,
    levels: Vec<&'a str>,
    lines: Vec<Line<'a>>,
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let page = Page {
        label: c.label(),
        title: &c.title,
        files: rows.len(),
        counts: count_line(c, rows),
        levels: c.levels.iter().map(|l| l.name.as_str()).collect(),
        lines: rows.iter().map(|r| Line::new(c, r)).collect(),
    };
    page.write_into(out)?;
    // askama drops the final newline of a template file.
    writeln!(out)
}
