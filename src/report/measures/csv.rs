//! The measures inventory as CSV: one row per measure, each cell made safe for a
//! spreadsheet (formulas neutralised) by `text::csv_cell`.

use std::io::{self, Write};

use super::latest_text;
use crate::measures::inventory::Report;
use crate::text;

/// Years as a spreadsheet splits them: `2019 2020 2021`.
fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "service_area",
        "measure",
        "kind",
        "years",
        "frequency",
        "target_years",
        "latest",
        "breakdowns",
        "owner",
    ])?;
    for a in &report.areas {
        for m in &a.measures {
            let record = [
                a.name.clone(),
                m.name.clone(),
                m.kind.map_or("", |k| k.id()).to_owned(),
                years_list(&m.years),
                m.frequency.map_or("", |f| f.id()).to_owned(),
                years_list(&m.target_years),
                latest_text(report, m),
                m.breakdowns.join("; "),
                m.owner.clone().unwrap_or_default(),
            ];
            w.write_record(record.iter().map(|c| text::csv_cell(c)))?;
        }
    }
    w.flush()?;
    Ok(())
}
