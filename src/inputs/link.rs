//! Measures linked from an evidence file (`measures:`) or named on the command line
//! (`--measures`): read, then brought into the evidence. Where the evidence lists no
//! service areas, the data's areas are used; where it lists them, each claim the data
//! does not support is a `contradicted-by-measures` warning, and under `--strict` the
//! claims are cut down to what the data shows.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Warning, WarningCode};
use crate::evidence::{Evidence, ServiceArea, TargetsInData, Text, Year, same_name_key};
use crate::measures::MeasuresError;
use crate::measures::inventory::{AreaSummary, Report};
use crate::measures::read::{Options, Table, read_file};

/// The measures files `evidence` links (relative to `base`, its folder), then the
/// `extra` files, each a table per sheet read: the linked ones with their own sheets and
/// columns, the extra ones with `options`' sheets and columns, all with one fiscal year (`options`', else the
/// evidence's, else the calendar year).
pub(super) fn read_tables(
    evidence: Option<&Evidence>,
    base: &Path,
    extra: &[PathBuf],
    options: &super::MeasuresOptions,
) -> Result<Vec<Table>, MeasuresError> {
    let fys = options
        .fiscal_year_start
        .or_else(|| evidence.and_then(|e| e.fiscal_year_start).map(|m| m.0))
        .unwrap_or(1);
    let links = evidence.map_or(&[][..], |e| &e.measures[..]);
    let mut tables = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let path = base.join(link.file.as_str());
        if !path.exists() {
            return Err(MeasuresError::file(
                &path,
                format!(
                    "no such file; entry {} of the evidence file's `measures:` names `{}`, which is read relative to the evidence file's folder{}",
                    i + 1,
                    crate::diagnostic::printable(link.file.as_str()),
                    if base.as_os_str().is_empty() {
                        String::new()
                    } else {
                        format!(" (`{}`)", base.display())
                    }
                ),
            ));
        }
        let link_options = Options {
            sheets: link.sheets().map(str::to_owned).collect(),
            columns: link
                .columns
                .iter()
                .map(|(role, header)| (*role, header.0.clone()))
                .collect(),
            fiscal_year_start: fys,
            area: link.area.as_ref().map(|a| a.0.clone()),
        };
        let areas: Vec<(&str, &str)> = link
            .areas
            .iter()
            .map(|(from, to)| (from.as_str(), to.as_str()))
            .collect();
        for mut table in read_file(&path, &link_options)? {
            crate::measures::names::rename_areas(&mut table, &areas);
            tables.push(table);
        }
    }
    let extra_options = Options {
        sheets: options.sheets.clone(),
        columns: options.columns.clone(),
        fiscal_year_start: fys,
        area: options.area.clone(),
    };
    for file in extra {
        tables.extend(read_file(file, &extra_options)?);
    }
    Ok(tables)
}

/// Gives each service area of `tables` one name, the evidence's where its name or an
/// alias matches (see [`crate::measures::names`]).
pub(super) fn unify_names(tables: &mut [Table], evidence: Option<&Evidence>) {
    let areas = evidence.map_or(&[][..], |e| &e.service_areas.0[..]);
    let aliases: Vec<Vec<&str>> = areas
        .iter()
        .map(|a| a.aliases.iter().map(Text::as_str).collect())
        .collect();
    let claimed: Vec<crate::measures::names::Claimed<'_>> = areas
        .iter()
        .zip(&aliases)
        .map(|(a, aliases)| crate::measures::names::Claimed {
            name: a.name.as_str(),
            aliases,
        })
        .collect();
    crate::measures::names::unify(tables, &claimed);
}

/// Brings the measures of `report` into `evidence`, returning what it noticed.
pub(super) fn link(evidence: &mut Evidence, report: &Report, strict: bool) -> Vec<Warning> {
    // A workbook read as several tables (a sheet each) is one source.
    let mut files: Vec<String> = Vec::new();
    for t in &report.tables {
        let file = t.file.display().to_string();
        if !files.contains(&file) {
            files.push(file);
        }
    }
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
        reconcile(evidence, report, &files, strict, &mut warnings);
    }
    targets(evidence, report, strict, &mut warnings);
    evidence.accountability.tracking = tracking(report);
    equity_basis(evidence, report, &mut warnings);
    warnings
}

/// How many measures of the data report quarterly or monthly, for the accountability
/// items: frequent tracking is shown beside the reviews, and never replaces one.
fn tracking(report: &Report) -> Option<String> {
    use crate::measures::period::Frequency;
    let all: Vec<_> = report.areas.iter().flat_map(|a| &a.measures).collect();
    let frequent = all
        .iter()
        .filter(|m| matches!(m.frequency, Some(Frequency::Quarterly | Frequency::Monthly)))
        .count();
    (frequent > 0).then(|| {
        format!(
            "{frequent} of {} measures in the measures data report quarterly or monthly",
            all.len()
        )
    })
}

/// What the data shows of targets, per service area with an actual value: the measure
/// whose target counts for the area's latest actual's period (that period or a later
/// one, [`crate::measures::target`]), or why none does. "Key measures" need targets
/// (Public Reporting Achievement).
pub fn targets_in_data(report: &Report) -> TargetsInData {
    let fys = report.fiscal_year_start();
    let areas = report
        .areas
        .iter()
        .filter_map(|a| {
            let (latest, found) = a.target(fys)?;
            let shown = match found {
                Some((i, t)) => {
                    let m = &a.measures[i];
                    Ok(format!(
                        "`{}` ({} row {}): {}",
                        crate::diagnostic::printable(&m.name),
                        m.place,
                        m.row,
                        t.describe(fys)
                    ))
                }
                None => Err(format!(
                    "no measure has a target for the area's latest period, {}, or a later one{}",
                    latest.label(fys),
                    a.measures
                        .iter()
                        .filter_map(|m| m.targets.last())
                        .map(|(p, _)| *p)
                        .max_by_key(|p| p.dates(fys).1)
                        .map(|p| format!(" (the last target is for {})", p.label(fys)))
                        .unwrap_or_default()
                )),
            };
            Some((a.name.clone(), shown))
        })
        .collect();
    TargetsInData { areas, cut: false }
}

/// `public_reporting.targets` against the data: each service area of the data needs a
/// measure with a target for its latest period or a later one. Claimed but not backed:
/// `contradicted-by-measures` (cleared under strict, the item saying why).
fn targets(evidence: &mut Evidence, report: &Report, strict: bool, out: &mut Vec<Warning>) {
    if report.areas.is_empty() {
        return;
    }
    let mut data = targets_in_data(report);
    let missing = data.missing();
    let claimed = evidence.public_reporting.targets;
    // Targets in a workbook do not show that they were published: the data can only
    // contradict a claim, never make one.
    if !missing.is_empty() && claimed {
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|n| format!("`{}`", crate::diagnostic::printable(n)))
            .collect();
        out.push(Warning {
            code: WarningCode::ContradictedByMeasures,
            category: Some("public_reporting".to_owned()),
            section: Some("public_reporting"),
            message: format!(
                "`public_reporting.targets` is claimed, but in the measures {}{} {} no measure with a target for {} latest period or a later one",
                shown.join(", "),
                if missing.len() > 5 {
                    format!(" and {} more", missing.len() - 5)
                } else {
                    String::new()
                },
                if missing.len() == 1 { "has" } else { "have" },
                if missing.len() == 1 { "its" } else { "their" },
            ),
        });
        if strict {
            evidence.public_reporting.targets = false;
            data.cut = true;
        }
    }
    evidence.public_reporting.targets_in_data = Some(data);
}

/// Breakdowns in the data name the basis of an equity analysis: districts, wards,
/// neighborhoods and zip codes are `neighborhood`; race, ethnicity, age, income and
/// gender are `demographic`. Filled in only where the evidence names no basis.
fn equity_basis(evidence: &mut Evidence, report: &Report, out: &mut Vec<Warning>) {
    use crate::evidence::EquityBasis;
    if !evidence.equity.basis.is_empty() {
        return;
    }
    let mut found: Vec<EquityBasis> = Vec::new();
    for m in report.areas.iter().flat_map(|a| &a.measures) {
        for b in &m.breakdowns {
            let basis = match crate::measures::columns::normalize(b).as_str() {
                "district" | "councildistrict" | "ward" | "neighborhood" | "neighbourhood"
                | "zip" | "zipcode" => EquityBasis::Neighborhood,
                _ => EquityBasis::Demographic,
            };
            if !found.contains(&basis) {
                found.push(basis);
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let names: Vec<&str> = found
        .iter()
        .map(|b| match b {
            EquityBasis::Neighborhood => "neighborhood",
            EquityBasis::Demographic => "demographic",
            EquityBasis::Other => "other",
        })
        .collect();
    evidence.equity.basis = found;
    out.push(Warning {
        code: WarningCode::DerivedFromMeasures,
        category: Some("equity".to_owned()),
        section: Some("equity"),
        message: format!(
            "the measures break values down by group: `equity.basis` is read as {} (the analysis and its public reporting are still claims of the evidence file)",
            names.join(" and ")
        ),
    });
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
        aliases: Vec::new(),
        years: a.years.iter().map(|&y| Year(y)).collect(),
        measures: a.kinds.clone(),
        sources: files.iter().map(|f| Text(f.clone())).collect(),
        data: Some(where_in_data(a)),
        kind_years: a.kind_years.clone(),
        no_kind: a.no_kind.clone(),
    }
}

/// Where the data shows an area: its measures' files, sheets and first rows, for the
/// requirement items (`measures: kpis.xlsx (KPIs) rows 4, 5`).
fn where_in_data(a: &AreaSummary) -> String {
    // Only the measures that hold the years counted: a measure with targets alone, or
    // with no value at all, shows no year of data.
    let with_values: Vec<_> = a.measures.iter().filter(|m| !m.years.is_empty()).collect();
    if with_values.is_empty() {
        let places: BTreeSet<&str> = a.measures.iter().map(|m| m.place.as_str()).collect();
        return format!(
            "measures: no actual value in {}",
            places.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let mut places: Vec<(String, Vec<u32>)> = Vec::new();
    for m in with_values {
        match places.iter_mut().find(|(p, _)| *p == m.place) {
            Some((_, rows)) => rows.push(m.row),
            None => places.push((m.place.clone(), vec![m.row])),
        }
    }
    let parts: Vec<String> = places
        .into_iter()
        .map(|(place, mut rows)| {
            rows.sort_unstable();
            let rows: Vec<String> = rows.iter().map(u32::to_string).collect();
            let shown = if rows.len() > 5 {
                format!("{} and {} more", rows[..5].join(", "), rows.len() - 5)
            } else {
                rows.join(", ")
            };
            format!(
                "{place} row{} {shown}",
                if rows.len() == 1 { "" } else { "s" }
            )
        })
        .collect();
    format!("measures: {}", parts.join("; "))
}

/// Each claimed area against the data: claimed years with no actual value, claimed
/// kinds with no measure, and areas of the data the evidence does not list. Areas are
/// matched by name (case, width and spacing aside), each name keyed once.
fn reconcile(
    evidence: &mut Evidence,
    report: &Report,
    files: &[String],
    strict: bool,
    out: &mut Vec<Warning>,
) {
    let by_key: HashMap<String, &AreaSummary> = report
        .areas
        .iter()
        .map(|a| (same_name_key(&a.name), a))
        .collect();
    let claimed: HashSet<String> = evidence
        .service_areas
        .0
        .iter()
        .map(|a| same_name_key(a.name.as_str()))
        .collect();
    // The data's areas no claim matches: what a claim missing from the data may be.
    let others: Vec<&str> = report
        .areas
        .iter()
        .filter(|a| !claimed.contains(&same_name_key(&a.name)))
        .map(|a| a.name.as_str())
        .collect();
    for area in &mut evidence.service_areas.0 {
        match by_key.get(&same_name_key(area.name.as_str())) {
            Some(data) => reconcile_area(area, data, strict, out),
            None => not_in_data(area, &others, strict, out),
        }
        for f in files {
            if !area.sources.iter().any(|s| s.0 == *f) {
                area.sources.push(Text(f.clone()));
            }
        }
    }
    // Claims the data does not have: what an unclaimed area of the data may be.
    let missing: Vec<&str> = evidence
        .service_areas
        .0
        .iter()
        .map(|a| a.name.as_str())
        .filter(|n| !by_key.contains_key(&same_name_key(n)))
        .collect();
    let mut unclaimed: Vec<String> = Vec::new();
    let mut likely: Vec<String> = Vec::new();
    for data in &report.areas {
        if claimed.contains(&same_name_key(&data.name)) {
            continue;
        }
        unclaimed.push(format!("{} ({})", data.name, years_or_none(&data.years)));
        if let Some(name) = closest_area(&data.name, missing.iter().copied()) {
            likely.push(format!(
                "`{}` for `{}`",
                crate::diagnostic::printable(&data.name),
                crate::diagnostic::printable(name)
            ));
        }
    }
    if !unclaimed.is_empty() {
        let likely = if likely.is_empty() {
            String::new()
        } else {
            format!(
                "; did you mean {}? If so, add the data's name to that area's `aliases`",
                likely.join(", ")
            )
        };
        out.push(warning(
            WarningCode::UnclaimedInMeasures,
            format!(
                "the measures have {} service area{} that the evidence file does not list: {}{likely}",
                unclaimed.len(),
                if unclaimed.len() == 1 { "" } else { "s" },
                crate::measures::few(&unclaimed, 10)
            ),
        ));
    }
}

fn years_or_none(years: &[i32]) -> String {
    if years.is_empty() {
        "no year with data".to_owned()
    } else {
        crate::measures::inventory::years_text(years)
    }
}

/// The name among `candidates` that `name` most likely abbreviates or misspells,
/// compared by [`crate::vocab::area_key`].
fn closest_area<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<(String, &str)> =
        candidates.map(|c| (crate::vocab::area_key(c), c)).collect();
    let key = crate::vocab::area_key(name);
    let best = crate::diagnostic::closest(&key, candidates.iter().map(|(k, _)| k.as_str()))?;
    candidates.iter().find(|(k, _)| k == best).map(|(_, c)| *c)
}

/// A claimed area the data does not have: every claim unbacked (cut under strict).
fn not_in_data(area: &mut ServiceArea, others: &[&str], strict: bool, out: &mut Vec<Warning>) {
    let name = area.name.as_str();
    let like = match closest_area(name, others.iter().copied()) {
        Some(data) => format!(
            " (did you mean `{}`? if so, add it to the area's `aliases`)",
            crate::diagnostic::printable(data)
        ),
        None => String::new(),
    };
    out.push(warning(
        WarningCode::ContradictedByMeasures,
        format!(
            "service area `{}` is claimed, but the measures have no area of that name{like}; its years are not backed by data",
            crate::diagnostic::printable(name)
        ),
    ));
    area.data = Some(if strict {
        area.years.clear();
        area.measures.clear();
        "measures: no area of that name, so its claims are cut by --strict".to_owned()
    } else {
        "measures: no area of that name".to_owned()
    });
}

/// A claimed area the data has: its claimed years and kinds against the data's.
fn reconcile_area(
    area: &mut ServiceArea,
    data: &AreaSummary,
    strict: bool,
    out: &mut Vec<Warning>,
) {
    let name = crate::diagnostic::printable(area.name.as_str());
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
                crate::measures::few(&unbacked, 10),
                years_or_none(&data.years)
            ),
        ));
    }
    let missing_kinds: Vec<&str> = area
        .measures
        .iter()
        .filter(|k| !data.kinds.contains(k))
        .map(|k| k.id())
        .collect();
    if !missing_kinds.is_empty() {
        out.push(warning(
            WarningCode::ContradictedByMeasures,
            format!(
                "service area `{name}` claims {} measures, but the measures give it none of that kind",
                missing_kinds.join(", ")
            ),
        ));
    }
    let cut = strict && (!unbacked.is_empty() || !missing_kinds.is_empty());
    // Under strict, a kind asked for (outcome) is judged on its own measures' years in
    // the data, as for areas read from the data.
    if strict {
        area.kind_years = data.kind_years.clone();
        area.no_kind = data.no_kind.clone();
    }
    if strict {
        area.years.retain(|y| data_years.contains(&y.0));
        area.measures.retain(|k| data.kinds.contains(k));
    }
    area.data = Some(if cut {
        format!(
            "{}; claims the data does not show are cut by --strict",
            where_in_data(data)
        )
    } else {
        where_in_data(data)
    });
}
