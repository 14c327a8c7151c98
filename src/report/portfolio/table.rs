//! The portfolio as a terminal table, then the count per level.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Table};

use super::{count_line, level_label};
use crate::criteria::Criteria;
use crate::evaluate::portfolio::Row;
use crate::report::percent;
use crate::text::line;

/// The first line of an error, without the file name it starts with (as errors show
/// it, cleaned).
fn short_error(file: &str, e: &str) -> String {
    let first = e.lines().next().unwrap_or("");
    first
        .strip_prefix(line(file).as_str())
        .map_or(first, |rest| rest.trim_start_matches(':'))
        .trim()
        .to_owned()
}

fn cells(c: &Criteria, r: &Row) -> Vec<Cell> {
    let mut row = Vec::new();
    match &r.outcome {
        Ok(s) => {
            row.push(Cell::new(line(s.name.as_deref().unwrap_or("—"))));
            row.push(Cell::new(line(&r.file)));
            row.push(Cell::new(line(level_label(c, s.level))));
            row.extend(s.readiness.iter().map(|x| Cell::new(percent(*x))));
            row.push(Cell::new(line(s.heaviest_gap.as_deref().unwrap_or("—"))));
        }
        Err(e) => {
            row.push(Cell::new("error"));
            row.push(Cell::new(line(&r.file)));
            row.push(Cell::new("—"));
            row.extend(c.levels.iter().map(|_| Cell::new("")));
            row.push(Cell::new(line(&short_error(&r.file, e))));
        }
    }
    row
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Portfolio · {} · {} files", line(&c.title), rows.len())?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).force_no_tty();
    let mut header = vec![
        Cell::new("Jurisdiction"),
        Cell::new("File"),
        Cell::new("Level"),
    ];
    header.extend(c.levels.iter().map(|l| Cell::new(line(&l.name))));
    header.push(Cell::new("Heaviest open gap"));
    t.set_header(header);
    for r in rows {
        t.add_row(cells(c, r));
    }
    writeln!(out, "{t}")?;
    writeln!(out, "{}", line(&count_line(c, rows)))
}
