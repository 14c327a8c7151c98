//! The portfolio as comma-separated values, a row per file. pmcheck neutralizes every
//! cell, header and ids included, with [`crate::text::csv_cell`] so that a spreadsheet
//! never runs it as a formula; the `csv` writer quotes it.

use std::io::{self, Write};

use super::level_id;
use crate::criteria::Criteria;
use crate::evaluate::portfolio::Row;
use crate::text::csv_cell;

/// Writes one row, every cell neutralized before the writer quotes it.
fn write_row<W: Write, S: AsRef<str>>(
    w: &mut ::csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> ::csv::Result<()> {
    w.write_record(cells.into_iter().map(|c| csv_cell(c.as_ref())))
}

fn header(c: &Criteria) -> Vec<String> {
    let mut header = vec![
        "file".to_owned(),
        "jurisdiction".to_owned(),
        "level".to_owned(),
    ];
    header.extend(c.levels.iter().map(|l| format!("readiness_{}", l.id)));
    header.extend(["heaviest_gap".to_owned(), "error".to_owned()]);
    header
}

fn cells(c: &Criteria, r: &Row) -> Vec<String> {
    let mut cells = vec![r.file.clone()];
    match &r.outcome {
        Ok(s) => {
            cells.push(s.name.clone().unwrap_or_default());
            cells.push(level_id(c, s.level).to_owned());
            cells.extend(s.readiness.iter().map(|x| format!("{x:.1}")));
            cells.push(s.heaviest_gap.clone().unwrap_or_default());
            cells.push(String::new());
        }
        Err(e) => {
            cells.extend(std::iter::repeat_n(String::new(), 2 + c.levels.len() + 1));
            cells.push(e.clone());
        }
    }
    cells
}

pub(super) fn render(c: &Criteria, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    write_row(&mut w, header(c))?;
    for r in rows {
        write_row(&mut w, cells(c, r))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::write_row;

    fn row(cells: &[&str]) -> String {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        write_row(&mut w, cells).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn csv_cells_cannot_run_formulas() {
        assert_eq!(row(&["=HYPERLINK(\"x\")"]), "\"'=HYPERLINK(\"\"x\"\")\"\n");
        assert_eq!(row(&["+1", "-1", "@SUM(A1)"]), "'+1,'-1,'@SUM(A1)\n");
        assert_eq!(
            row(&["City of Riverton", "a,b"]),
            "City of Riverton,\"a,b\"\n"
        );
        assert_eq!(row(&["two\nlines", "\tx"]), "two lines,' x\n");
        assert_eq!(row(&["\t=cmd", "\r@x"]), "' =cmd,' @x\n");
        assert_eq!(row(&["-level", "＝1"]), "'-level,'＝1\n");
    }
}
