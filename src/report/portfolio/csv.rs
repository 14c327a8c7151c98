//! The portfolio as comma-separated values, a row per file.

use std::io::{self, Write};

use super::level_id;
use crate::criteria::Criteria;
use crate::diagnostic::printable;
use crate::portfolio::Row;

/// Neutralizes a CSV cell against formula injection and quotes it when needed.
fn csv_cell(s: &str) -> String {
    let mut s = printable(s).replace('\n', " ");
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn cells(c: &Criteria, r: &Row) -> Vec<String> {
    let mut cells = vec![csv_cell(&r.file)];
    match &r.outcome {
        Ok(s) => {
            cells.push(csv_cell(s.name.as_deref().unwrap_or("")));
            cells.push(level_id(c, s.level).to_owned());
            cells.extend(s.readiness.iter().map(|x| format!("{x:.1}")));
            cells.push(s.heaviest_gap.clone().unwrap_or_default());
            cells.push(String::new());
        }
        Err(e) => {
            cells.extend(std::iter::repeat_n(String::new(), 2 + c.levels.len() + 1));
            cells.push(csv_cell(e));
        }
    }
    cells
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let mut header = vec![
        "file".to_owned(),
        "jurisdiction".to_owned(),
        "level".to_owned(),
    ];
    header.extend(c.levels.iter().map(|l| format!("readiness_{}", l.id)));
    header.extend(["heaviest_gap".to_owned(), "error".to_owned()]);
    writeln!(out, "{}", header.join(","))?;
    for r in rows {
        writeln!(out, "{}", cells(c, r).join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_cannot_run_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("City of Riverton"), "City of Riverton");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }
}
