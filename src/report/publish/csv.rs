//! `measures.csv` of a published site: the data behind the page as it was read, one
//! row per value (measure, period and breakdown group), every cell made safe for a
//! spreadsheet by [`text::csv_cell`].

use std::io::{self, Write};

use crate::measures::Table;
use crate::text;

/// The columns, in order; documented in the README.
pub const COLUMNS: [&str; 12] = [
    "service_area",
    "measure",
    "kind",
    "unit",
    "higher_is_better",
    "period",
    "breakdown",
    "actual",
    "target",
    "comparison",
    "file",
    "row",
];

fn number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes every observation of `tables`.
pub fn render_csv(tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for table in tables {
        let file = table
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for o in &table.observations {
            let m = &table.measures[o.measure as usize];
            // Text from the files is made safe; numbers and periods are pmcheck's own
            // (a negative number keeps its sign rather than gaining a quote).
            let record = [
                text::csv_cell(table.area_name(m)),
                text::csv_cell(table.measure_name(m)),
                m.kind.map_or("", |k| k.id()).to_owned(),
                text::csv_cell(m.unit.as_deref().unwrap_or_default()),
                m.direction.map_or(String::new(), |d| d.to_string()),
                o.period.label(table.fiscal_year_start),
                text::csv_cell(o.breakdown.map_or("", |b| table.string(b))),
                number(o.actual),
                number(o.target),
                number(o.comparison),
                text::csv_cell(&file),
                o.row.to_string(),
            ];
            w.write_record(&record)?;
        }
    }
    w.flush()?;
    Ok(())
}
