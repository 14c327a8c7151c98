//! The measures inventory as JSON: a versioned contract, changed only additively.

use std::io::{self, Write};

use serde::Serialize;

use crate::measures::inventory::Report;

/// The version of the measures JSON contract.
pub const MEASURES_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonMeasures<'a> {
    version: u32,
    as_of: String,
    files: Vec<JsonFile<'a>>,
    service_areas: Vec<JsonArea<'a>>,
    findings: Vec<JsonFinding>,
    rows: JsonRows,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: String,
    sheet: Option<&'a str>,
    layout: &'static str,
    fiscal_year_start: u32,
    columns: Vec<JsonColumn<'a>>,
    rows: JsonRows,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    role: &'static str,
    header: &'a str,
    column: &'a str,
    named: bool,
}

#[derive(Serialize)]
struct JsonRows {
    read: usize,
    used: usize,
    skipped: usize,
    no_value: usize,
    filled_down: usize,
}

#[derive(Serialize)]
struct JsonArea<'a> {
    name: &'a str,
    years: &'a [i32],
    kinds: Vec<&'static str>,
    icma: JsonIcma,
    measures: Vec<JsonMeasure<'a>>,
}

#[derive(Serialize)]
struct JsonIcma {
    two_years: JsonVerdict,
    three_years: JsonVerdict,
    outcome: JsonVerdict,
}

#[derive(Serialize)]
struct JsonVerdict {
    counts: bool,
    reason: String,
}

#[derive(Serialize)]
struct JsonMeasure<'a> {
    name: &'a str,
    kind: Option<&'static str>,
    years: &'a [i32],
    frequency: Option<&'static str>,
    target_years: &'a [i32],
    latest: Option<String>,
    breakdowns: &'a [String],
    comparison: bool,
    higher_is_better: Option<bool>,
    unit: Option<&'a str>,
    owner: Option<&'a str>,
    row: u32,
    /// Added in version 1: the program inside the service area, or `null`.
    program: Option<&'a str>,
    /// Added in version 1: the measure's source column, or `null`.
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFinding {
    code: &'static str,
    severity: &'static str,
    message: String,
    file: String,
    sheet: Option<String>,
    row: Option<u32>,
    column: Option<String>,
}

fn rows(r: crate::measures::read::RowCounts) -> JsonRows {
    JsonRows {
        read: r.read,
        used: r.used,
        skipped: r.skipped,
        no_value: r.no_value,
        filled_down: r.filled_down,
    }
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let fys = report.tables.first().map_or(1, |t| t.fiscal_year_start);
    let j = JsonMeasures {
        version: MEASURES_JSON_VERSION,
        as_of: report.as_of.format("%Y-%m-%d").to_string(),
        files: report
            .tables
            .iter()
            .map(|t| JsonFile {
                file: crate::text::portable_path(&t.file),
                sheet: t.sheet.as_deref(),
                layout: t.layout.id(),
                fiscal_year_start: t.fiscal_year_start,
                columns: t
                    .mapping
                    .iter()
                    .map(|m| JsonColumn {
                        role: m.role.id(),
                        header: &m.header,
                        column: &m.column,
                        named: m.named,
                    })
                    .collect(),
                rows: rows(t.rows),
            })
            .collect(),
        service_areas: report
            .areas
            .iter()
            .map(|a| {
                let v = crate::evaluate::IcmaView::of(a, report);
                let verdict = |(counts, reason): (bool, String)| JsonVerdict { counts, reason };
                JsonArea {
                    name: &a.name,
                    years: &a.years,
                    kinds: a.kinds.iter().map(|k| k.id()).collect(),
                    icma: JsonIcma {
                        two_years: verdict(v.two_years),
                        three_years: verdict(v.three_years),
                        outcome: verdict(v.outcome),
                    },
                    measures: a
                        .measures
                        .iter()
                        .map(|m| JsonMeasure {
                            name: &m.name,
                            kind: m.kind.map(|k| k.id()),
                            years: &m.years,
                            frequency: m.frequency.map(|f| f.id()),
                            target_years: &m.target_years,
                            latest: m.latest.map(|p| p.label(fys)),
                            breakdowns: &m.breakdowns,
                            comparison: m.has_comparison,
                            higher_is_better: m.direction,
                            unit: m.unit.as_deref(),
                            owner: m.owner.as_deref(),
                            row: m.row,
                            program: m.program.as_deref(),
                            source: m.source.as_deref(),
                        })
                        .collect(),
                }
            })
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|(t, f)| JsonFinding {
                code: f.code.id(),
                severity: f.code.severity().id(),
                message: f.message.clone(),
                file: crate::text::portable_path(&report.tables[*t].file),
                sheet: f.sheet_in(&report.tables[*t]).map(str::to_owned),
                row: f.row,
                column: f.column.clone(),
            })
            .collect(),
        rows: rows(report.rows()),
    };
    crate::report::write_json(out, &j)
}
