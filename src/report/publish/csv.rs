//! `measures.csv` of a published site: the data behind the page as it was read, one
//! row per value (measure, period and breakdown group), every cell made safe for a
//! spreadsheet by [`text::csv_cell`].

use std::io::{self, Write};

use crate::measures::Table;
use crate::text;

/// The columns, in order; documented in docs/guide.md. New columns go at the end.
pub const COLUMNS: [&str; 13] = [
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
    "program",
];

fn number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes every observation of `tables`.
pub fn render_csv(tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for table in tables {
        let file = text::csv_cell(&table.file_name());
        // Each measure's and breakdown's text made safe once, not once a row.
        let measures: Vec<[String; 6]> = table
            .measures
            .iter()
            .map(|m| {
                [
                    text::csv_cell(table.area_name(m)),
                    text::csv_cell(table.measure_name(m)),
                    m.kind.map_or("", |k| k.id()).to_owned(),
                    text::csv_cell(m.unit.as_deref().unwrap_or_default()),
                    m.direction.map_or(String::new(), |d| d.to_string()),
                    m.program
                        .map(|p| text::csv_cell(table.string(p)))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        let mut strings: Vec<Option<String>> = vec![None; table.strings.len()];
        for o in &table.observations {
            let [area, name, kind, unit, direction, program] = &measures[o.measure as usize];
            let breakdown = match o.breakdown {
                Some(b) => strings
                    .get_mut(b as usize)
                    .map(|slot| {
                        slot.get_or_insert_with(|| text::csv_cell(table.string(b)))
                            .clone()
                    })
                    .unwrap_or_default(),
                None => String::new(),
            };
            // Text from the files is made safe; numbers and periods are pmcheck's own
            // (a negative number keeps its sign rather than gaining a quote).
            w.write_record([
                area.as_str(),
                name,
                kind,
                unit,
                direction,
                &o.period.label(table.fiscal_year_start),
                &breakdown,
                &number(o.actual),
                &number(o.target),
                &number(o.comparison),
                &file,
                &o.row.to_string(),
                program,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
