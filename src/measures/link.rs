//! Measures linked from an evidence file (`measures:`) or named on the command line
//! (`--measures`): read, then brought into the evidence. Where the evidence lists no
//! service areas, the data's areas are used; where it lists them, each claim the data
//! does not support is a `contradicted-by-measures` warning, and under `--strict` the
//! claims are cut down to what the data shows.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::MeasuresError;
use super::inventory::{AreaSummary, Report};
use super::read::{Options, Table, read_file};
use crate::evaluate::{Warning, WarningCode};
use crate::evidence::{Evidence, Measure, ServiceArea, Text, Year, same_name_key};

/// What linking read and noticed.
#[derive(Debug, Clone)]
pub struct Linked {
    pub report: Report,
    pub warnings: Vec<Warning>,
}

/// The measures files of `evidence` (relative to `base`, the evidence file's folder)
/// and `extra` ones, read with the evidence's fiscal year.
pub fn read_linked(
    evidence: &Evidence,
    base: &Path,
    extra: &[PathBuf],
) -> Result<Vec<Table>, MeasuresError> {
    let fys = evidence.fiscal_year_start.map_or(1, |m| m.0);
    let mut tables = Vec::new();
    for link in &evidence.measures {
        let options = Options {
            sheet: link.sheet.as_ref().map(|s| s.0.clone()),
            columns: link
                .columns
                .iter()
                .map(|(role, header)| (*role, header.0.clone()))
                .collect(),
            fiscal_year_start: fys,
        };
        tables.push(read_file(&base.join(link.file.as_str()), &options)?);
    }
    for file in extra {
        let options = Options {
            fiscal_year_start: fys,
            ..Options::default()
        };
        tables.push(read_file(file, &options)?);
    }
    Ok(tables)
}

/// Reads the measures and brings them into `evidence`; `None` when there are none.
pub fn link(
    evidence: &mut Evidence,
    base: &Path,
    extra: &[PathBuf],
    as_of: chrono::NaiveDate,
    strict: bool,
) -> Result<Option<Linked>, MeasuresError> {
    let tables = read_linked(evidence, base, extra)?;
    if tables.is_empty() {
        return Ok(None);
    }
    let report = Report::new(tables, as_of);
    let files: Vec<String> = report
        .tables
        .iter()
        .map(|t| t.file.display().to_string())
        .collect();
    let mut warnings = Vec::new();
    if evidence.service_areas.0.is_empty() {
        evidence.service_areas.0 = report
            .areas
            .iter()
            .map(|a| derived_area(a, &files))
            .collect();
        warnings.push(warning(
            WarningCode::DerivedFromMeasures,
            format!(
                "the evidence file lists no service areas: {} {} read from the measures ({})",
                report.areas.len(),
                if report.areas.len() == 1 { "is" } else { "are" },
                files.join(", ")
            ),
        ));
    } else {
        reconcile(evidence, &report, &files, strict, &mut warnings);
    }
    Ok(Some(Linked { report, warnings }))
}

fn warning(code: WarningCode, message: String) -> Warning {
    Warning {
        code,
        category: Some("data_collection".to_owned()),
        section: Some("service_areas"),
        message,
    }
}

fn derived_area(a: &AreaSummary, files: &[String]) -> ServiceArea {
    ServiceArea {
        name: Text(a.name.clone()),
        years: a.years.iter().map(|&y| Year(y)).collect(),
        measures: a.kinds.clone(),
        sources: files.iter().map(|f| Text(f.clone())).collect(),
    }
}

/// Each claimed area against the data: claimed years with no actual value, claimed
/// kinds with no measure, and areas of the data the evidence does not list.
fn reconcile(
    evidence: &mut Evidence,
    report: &Report,
    files: &[String],
    strict: bool,
    out: &mut Vec<Warning>,
) {
    let key = |name: &str| same_name_key(name);
    for area in &mut evidence.service_areas.0 {
        let found = report
            .areas
            .iter()
            .find(|a| key(&a.name) == key(area.name.as_str()));
        let name = crate::diagnostic::printable(area.name.as_str());
        let Some(data) = found else {
            out.push(warning(
                WarningCode::ContradictedByMeasures,
                format!(
                    "service area `{name}` is claimed, but the measures have no area of that name; its years are not backed by data"
                ),
            ));
            if strict {
                area.years.clear();
                area.measures.clear();
            }
            continue;
        };
        let data_years: BTreeSet<i32> = data.years.iter().copied().collect();
        let unbacked: Vec<String> = area
            .years
            .iter()
            .filter(|y| !data_years.contains(&y.0))
            .map(|y| y.0.to_string())
            .collect();
        if !unbacked.is_empty() {
            out.push(warning(
                WarningCode::ContradictedByMeasures,
                format!(
                    "service area `{name}` claims {} with no actual value in the measures (which have {})",
                    unbacked.join(", "),
                    if data.years.is_empty() {
                        "no year".to_owned()
                    } else {
                        crate::report::measures::years_text(&data.years)
                    }
                ),
            ));
        }
        let missing_kinds: Vec<Measure> = area
            .measures
            .iter()
            .copied()
            .filter(|k| !data.kinds.contains(k))
            .collect();
        if !missing_kinds.is_empty() {
            out.push(warning(
                WarningCode::ContradictedByMeasures,
                format!(
                    "service area `{name}` claims {} measures, but the measures give it none of that kind",
                    missing_kinds.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        if strict {
            area.years.retain(|y| data_years.contains(&y.0));
            area.measures.retain(|k| data.kinds.contains(k));
        }
        for f in files {
            if !area.sources.iter().any(|s| s.0 == *f) {
                area.sources.push(Text(f.clone()));
            }
        }
    }
    for data in &report.areas {
        let claimed = evidence
            .service_areas
            .0
            .iter()
            .any(|a| key(a.name.as_str()) == key(&data.name));
        if !claimed {
            out.push(Warning {
                code: WarningCode::UnclaimedInMeasures,
                category: Some("data_collection".to_owned()),
                section: Some("service_areas"),
                message: format!(
                    "the measures have service area `{}` ({}) that the evidence file does not list",
                    crate::diagnostic::printable(&data.name),
                    if data.years.is_empty() {
                        "no year with data".to_owned()
                    } else {
                        crate::report::measures::years_text(&data.years)
                    }
                ),
            });
        }
    }
}
