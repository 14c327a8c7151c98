//! What the measures show, per service area and per measure, and the quality findings
//! an analyst fixes before applying (each with a stable code).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::period::{Frequency, Period};
use super::read::{MeasureInfo, Table};
use super::target::{self, Published, Targeted};
use crate::vocab::Measure;

pub use super::finding::{Finding, FindingCode, Severity};

/// What the data shows about one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureSummary {
    /// The name, after its program when the file has a program column (`Patrol ·
    /// Overtime hours`).
    pub name: String,
    /// The program inside the service area, when the file has a program column.
    pub program: Option<String>,
    /// Where its data comes from, when the file has a source column.
    pub source: Option<String>,
    pub kind: Option<Measure>,
    /// The (fiscal) years with at least one actual value.
    pub years: Vec<i32>,
    /// The (fiscal) years with at least one target.
    pub target_years: Vec<i32>,
    /// Each period with a target, and the target (the overall one where a breakdown
    /// group has its own too), oldest first.
    pub targets: Vec<(Period, f64)>,
    /// The target the measure publishes: for its latest actual's period or a later one.
    pub target: Option<Published>,
    pub frequency: Option<Frequency>,
    /// The latest period with an actual value.
    pub latest: Option<Period>,
    /// Breakdown categories (`District`, `Race`).
    pub breakdowns: Vec<String>,
    pub has_comparison: bool,
    /// `Some(true)` when higher is better.
    pub direction: Option<bool>,
    pub unit: Option<String>,
    pub owner: Option<String>,
    pub row: u32,
    /// The file (and sheet) the measure is read from, as messages name it.
    pub place: String,
}

/// What the data shows about one service area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary {
    pub name: String,
    /// The (fiscal) years in which any of its measures has an actual value.
    pub years: Vec<i32>,
    /// The kinds of its measures (those with actual values).
    pub kinds: Vec<Measure>,
    /// Each kind's years with actual values.
    pub kind_years: Vec<(Measure, Vec<i32>)>,
    pub measures: Vec<MeasureSummary>,
    /// Why the data gives none of its measures a kind, when it gives none: the file has
    /// no kind column, or no row of the area fills it.
    pub no_kind: Option<String>,
}

impl Targeted for MeasureSummary {
    fn latest(&self) -> Option<Period> {
        self.latest
    }

    fn targets(&self) -> &[(Period, f64)] {
        &self.targets
    }
}

impl AreaSummary {
    /// Its latest actual's period and the first measure with a target for that period
    /// or a later one ([`target::for_area`]); `None` when no measure has an actual.
    pub fn target(&self, fiscal_year_start: u32) -> Option<(Period, Option<(usize, Published)>)> {
        target::for_area(&self.measures, fiscal_year_start)
    }
}

/// The inventory of one or more measures files.
#[derive(Debug, Clone, PartialEq)]
pub struct Inventory {
    pub areas: Vec<AreaSummary>,
    pub findings: Vec<Finding>,
}

/// The inventory of a table, judged as of `as_of_year` for staleness.
pub fn inventory(table: &Table, as_of: chrono::NaiveDate) -> Inventory {
    let mut findings = Vec::new();
    let mut by_measure: Vec<Vec<usize>> = vec![Vec::new(); table.measures.len()];
    for (i, o) in table.observations.iter().enumerate() {
        by_measure[o.measure as usize].push(i);
    }
    let mut areas: BTreeMap<&str, Vec<MeasureSummary>> = BTreeMap::new();
    // The (fiscal) year of the as-of date, as the data's years count.
    let as_of_year = super::period::fiscal_year_of(as_of, table.fiscal_year_start);
    for (m, info) in table.measures.iter().enumerate() {
        let summary = summarize(table, info, &by_measure[m], as_of);
        measure_findings(
            table,
            info,
            &summary,
            &by_measure[m],
            as_of,
            as_of_year,
            &mut findings,
        );
        areas
            .entry(table.area_name(info))
            .or_default()
            .push(summary);
    }
    file_findings(table, &mut findings);
    findings.extend(table.findings.iter().cloned());
    let has_kind_column = table.mapping.iter().any(|m| m.role == super::Role::Kind);
    let place = table.place();
    let areas = areas
        .into_iter()
        .map(|(name, measures)| {
            let years: BTreeSet<i32> = measures.iter().flat_map(|m| m.years.clone()).collect();
            // A kind counts for the area only through measures with actual values.
            let kinds: Vec<Measure> = Measure::ALL
                .into_iter()
                .filter(|k| {
                    measures
                        .iter()
                        .any(|m| m.kind == Some(*k) && !m.years.is_empty())
                })
                .collect();
            let kind_years = kinds
                .iter()
                .map(|&k| {
                    let years: BTreeSet<i32> = measures
                        .iter()
                        .filter(|m| m.kind == Some(k))
                        .flat_map(|m| m.years.iter().copied())
                        .collect();
                    (k, years.into_iter().collect())
                })
                .collect();
            let no_kind = measures.iter().all(|m| m.kind.is_none()).then(|| {
                if has_kind_column {
                    format!("no row of it in {place} gives a kind")
                } else {
                    format!("{place} has no kind column (type, kind, measure type, category)")
                }
            });
            AreaSummary {
                no_kind,
                name: name.to_owned(),
                years: years.into_iter().collect(),
                kinds,
                kind_years,
                measures,
            }
        })
        .collect();
    Inventory { areas, findings }
}

/// What one measure's rows show. A (fiscal) year is a year of data through its periods
/// that ended by `as_of`: FY2027 Q1 (July to September 2026) makes FY2027 a year with data
/// as of 2026-11-30; an annual value for a year not yet over does not.
fn summarize(
    table: &Table,
    info: &MeasureInfo,
    rows: &[usize],
    as_of: chrono::NaiveDate,
) -> MeasureSummary {
    let fys = table.fiscal_year_start;
    let obs = rows.iter().map(|&i| &table.observations[i]);
    let mut years = BTreeSet::new();
    let mut target_years = BTreeSet::new();
    let mut targets: BTreeMap<Period, f64> = BTreeMap::new();
    let mut breakdowns = BTreeSet::new();
    let mut latest: Option<Period> = None;
    let mut frequency: Option<Frequency> = None;
    let mut has_comparison = false;
    for o in obs {
        let fy = o.period.fiscal_year(fys);
        // Observations come sorted by period: most inserts repeat the last year.
        if o.actual.is_some() {
            if years.last() != Some(&fy) && o.period.dates(fys).1 <= as_of {
                years.insert(fy);
            }
            // By the day a period ends: FY2024 is later than 2019-01 whatever its kind.
            let ends = |p: Period| p.dates(fys).1;
            if latest.is_none_or(|l| ends(o.period) > ends(l)) {
                latest = Some(o.period);
            }
        }
        if let Some(t) = o.target {
            if target_years.last() != Some(&fy) {
                target_years.insert(fy);
            }
            if o.breakdown.is_none() {
                targets.insert(o.period, t);
            } else {
                targets.entry(o.period).or_insert(t);
            }
        }
        has_comparison |= o.comparison.is_some();
        if let Some(b) = o.breakdown {
            let name = table.string(b);
            breakdowns.insert(name.split(": ").next().unwrap_or(name).to_owned());
        }
        let f = o.period.frequency();
        frequency = Some(frequency.map_or(f, |g: Frequency| g.max(f)));
    }
    MeasureSummary {
        name: table.measure_name(info).to_owned(),
        program: info.program.map(|p| table.string(p).to_owned()),
        source: info.source.clone(),
        kind: info.kind,
        years: years.into_iter().collect(),
        target_years: target_years.into_iter().collect(),
        target: latest
            .and_then(|l| target::published(l, targets.iter().map(|(&p, &t)| (p, t)), fys)),
        targets: targets.into_iter().collect(),
        frequency,
        latest,
        breakdowns: breakdowns.into_iter().collect(),
        has_comparison,
        direction: info.direction,
        unit: info.unit.clone(),
        owner: info.owner.clone(),
        row: info.row,
        place: table.place(),
    }
}

fn measure_findings(
    table: &Table,
    info: &MeasureInfo,
    summary: &MeasureSummary,
    rows: &[usize],
    as_of: chrono::NaiveDate,
    as_of_year: i32,
    out: &mut Vec<Finding>,
) {
    let fys = table.fiscal_year_start;
    let name = format!(
        "`{}` ({})",
        crate::diagnostic::printable(&summary.name),
        crate::diagnostic::printable(table.area_name(info))
    );
    let mut add = |code, message: String, row| out.push(Finding::new(code, message, row));
    if info.kind.is_none() {
        add(
            FindingCode::NoKind,
            format!(
                "{name} has no kind; say whether it is an input, output, workload, efficiency or outcome measure"
            ),
            Some(info.row),
        );
    }
    if !info.other_kinds.is_empty() {
        let kinds: Vec<&str> = info
            .kind
            .iter()
            .chain(&info.other_kinds)
            .map(|k| k.id())
            .collect();
        add(
            FindingCode::KindConflict,
            format!(
                "{name} is given the kinds {}; give it one",
                kinds.join(" and ")
            ),
            Some(info.row),
        );
    }
    if let Some(latest) = summary.latest {
        if summary.target.is_none() {
            let earlier = summary
                .targets
                .last()
                .map(|(p, _)| format!("; its last target is for {}", p.label(fys)))
                .unwrap_or_default();
            add(
                FindingCode::NoTarget,
                format!(
                    "{name} has no target for its latest period, {}, or any later period{earlier}",
                    latest.label(fys)
                ),
                Some(info.row),
            );
        }
        // As ICMA's recency reading: a latest year more than two years before the
        // as-of year is stale.
        if latest.fiscal_year(fys) < as_of_year - 2 {
            add(
                FindingCode::Stale,
                format!(
                    "{name} has no value since {}, more than two years before {}",
                    latest.label(fys),
                    super::period::year_label(as_of_year, fys)
                ),
                Some(info.row),
            );
        }
        if latest.dates(fys).0 > as_of {
            add(
                FindingCode::FuturePeriod,
                format!(
                    "{name} has a value for {}, which starts after the as-of date {}; check the period (a two-digit year such as FY99 is read as 2099)",
                    latest.label(fys),
                    as_of.format("%Y-%m-%d")
                ),
                Some(info.row),
            );
        }
    } else {
        add(
            FindingCode::Stale,
            format!("{name} has no actual value at all"),
            Some(info.row),
        );
    }
    if table.mapping.iter().any(|m| m.role == super::Role::Owner) && info.owner.is_none() {
        add(
            FindingCode::NoOwner,
            format!("{name} names no owner"),
            Some(info.row),
        );
    }
    series_findings(table, &name, rows, out);
}

/// Gaps inside a series and tenfold jumps, on the totals (rows without a breakdown).
fn series_findings(table: &Table, name: &str, rows: &[usize], out: &mut Vec<Finding>) {
    let fys = table.fiscal_year_start;
    let mut series: Vec<(Period, Option<f64>, u32)> = rows
        .iter()
        .map(|&i| &table.observations[i])
        .filter(|o| o.breakdown.is_none())
        .map(|o| (o.period, o.actual, o.row))
        .collect();
    series.sort_by_key(|s| s.0);
    let mut missing = Vec::new();
    for pair in series.windows(2) {
        let (a, b) = (pair[0].0, pair[1].0);
        if a.frequency() != b.frequency() {
            continue;
        }
        let mut p = a.next();
        // Bounded: a series spans at most the years a period may name.
        let mut steps = 0;
        while p < b && steps < 3000 {
            missing.push(p.label(fys));
            p = p.next();
            steps += 1;
        }
        if let ((_, Some(x), _), (_, Some(y), row)) = (pair[0], pair[1])
            && x != 0.0
            && y != 0.0
            && (y / x).abs().max((x / y).abs()) > 10.0
        {
            out.push(Finding::new(
                FindingCode::ValueJump,
                format!(
                    "{name} goes from {} in {} to {} in {}: more than tenfold, check this value",
                    super::source::format_number(x),
                    a.label(fys),
                    super::source::format_number(y),
                    b.label(fys)
                ),
                Some(row),
            ));
        }
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        out.push(Finding::new(
            FindingCode::MissingPeriod,
            format!("{name} has no row for {}{more}", shown.join(", ")),
            None,
        ));
    }
}

fn file_findings(table: &Table, out: &mut Vec<Finding>) {
    if !table.unread.is_empty() {
        let shown: Vec<String> = table
            .unread
            .iter()
            .map(|(header, column)| format!("{column} {header}"))
            .collect();
        out.push(Finding::new(
            FindingCode::UnreadColumn,
            format!(
                "{} column{} not read: {}; name a column's role with --column ROLE=HEADER if it holds one",
                table.unread.len(),
                if table.unread.len() == 1 { " was" } else { "s were" },
                super::few(&shown, 10)
            ),
            None,
        ));
    }
    for note in &table.notes {
        out.push(Finding::new(FindingCode::NotARole, note.clone(), None));
    }
    if table.rows.filled_down > 0 {
        out.push(Finding::new(
            FindingCode::FilledDown,
            format!(
                "{} row{} no service area and took the one above (a grouped export); check that each measure sits under its own area",
                table.rows.filled_down,
                if table.rows.filled_down == 1 { " had" } else { "s had" }
            ),
            None,
        ));
    }
    if table.rows.skipped > 0 {
        out.push(Finding::new(
            FindingCode::SkippedRows,
            format!(
                "{} row{} skipped (no measure name, no service area, or a row of totals); `--list-skipped` lists them",
                table.rows.skipped,
                if table.rows.skipped == 1 { " was" } else { "s were" }
            ),
            None,
        ));
    }
}

/// `2019–2021, 2023` for a list of years.
pub fn years_text(years: &[i32]) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == y => *last = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The inventory of several files: service areas of the same name merged, each
/// finding with the index of its file.
#[derive(Debug, Clone)]
pub struct Report {
    pub as_of: chrono::NaiveDate,
    pub tables: Vec<Table>,
    pub areas: Vec<AreaSummary>,
    pub findings: Vec<(usize, Finding)>,
}

impl Report {
    pub fn new(tables: Vec<Table>, as_of: chrono::NaiveDate) -> Report {
        let mut areas: Vec<AreaSummary> = Vec::new();
        let mut findings = Vec::new();
        for (t, table) in tables.iter().enumerate() {
            let inv = inventory(table, as_of);
            findings.extend(inv.findings.into_iter().map(|f| (t, f)));
            for area in inv.areas {
                match areas.iter_mut().find(|a| a.name == area.name) {
                    Some(a) => {
                        let years: BTreeSet<i32> =
                            a.years.iter().chain(&area.years).copied().collect();
                        a.years = years.into_iter().collect();
                        for k in area.kinds {
                            if !a.kinds.contains(&k) {
                                a.kinds.push(k);
                            }
                        }
                        for (k, years) in area.kind_years {
                            match a.kind_years.iter_mut().find(|(x, _)| *x == k) {
                                Some((_, ys)) => {
                                    let all: BTreeSet<i32> =
                                        ys.iter().chain(&years).copied().collect();
                                    *ys = all.into_iter().collect();
                                }
                                None => a.kind_years.push((k, years)),
                            }
                        }
                        a.kinds
                            .sort_by_key(|k| Measure::ALL.iter().position(|x| x == k));
                        a.measures.extend(area.measures);
                        a.no_kind = match (a.no_kind.take(), area.no_kind) {
                            (Some(x), Some(y)) => Some(format!("{x}; {y}")),
                            // One file gives a kind: the note is no longer the reason.
                            _ => None,
                        };
                    }
                    None => areas.push(area),
                }
            }
        }
        areas.sort_by(|a, b| a.name.cmp(&b.name));
        unit_conflicts(&areas, &tables, &mut findings);
        Report {
            as_of,
            tables,
            areas,
            findings,
        }
    }

    /// The month the fiscal year of the data starts (one for every file of a run).
    pub fn fiscal_year_start(&self) -> u32 {
        self.tables.first().map_or(1, |t| t.fiscal_year_start)
    }

    /// The error-severity findings (values that could not be used), each as a problem
    /// located at its file, sheet and cell.
    pub fn errors(&self) -> Vec<crate::diagnostic::Problem> {
        use crate::diagnostic::Problem;
        self.findings
            .iter()
            .filter(|(_, f)| f.code.severity() == Severity::Error)
            .map(|(t, f)| {
                let table = &self.tables[*t];
                match f.row {
                    Some(row) => Problem::in_cell(
                        &table.file,
                        f.sheet_in(table),
                        row,
                        f.column.clone(),
                        f.message.clone(),
                    ),
                    None => Problem::new(&table.file, None, f.message.clone()),
                }
            })
            .collect()
    }

    /// Row counts over every file.
    pub fn rows(&self) -> super::read::RowCounts {
        let mut total = super::read::RowCounts::default();
        for t in &self.tables {
            total.read += t.rows.read;
            total.used += t.rows.used;
            total.skipped += t.rows.skipped;
            total.no_value += t.rows.no_value;
            total.filled_down += t.rows.filled_down;
        }
        total
    }
}

/// One measure name of one area read from two files (or sheets) with different units
/// (an annual ratio, a quarterly percentage): never one series. Each later
/// source gets an `unit-conflict` finding naming both; the series stay apart, as the
/// inventory lists each file's measure, and the public site names each by its source.
fn unit_conflicts(areas: &[AreaSummary], tables: &[Table], out: &mut Vec<(usize, Finding)>) {
    // As publishing keeps series apart: both name a unit, and not the same one (case and
    // spacing aside).
    let differ = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => crate::vocab::same_name_key(a) != crate::vocab::same_name_key(b),
        _ => false,
    };
    let unit = |u: &Option<String>| {
        u.as_deref().map_or("no unit".to_owned(), |u| {
            format!("`{}`", crate::diagnostic::printable(u))
        })
    };
    for area in areas {
        let mut first: HashMap<String, &MeasureSummary> = HashMap::new();
        for m in &area.measures {
            let key = crate::vocab::same_name_key(&m.name);
            match first.get(&key) {
                None => {
                    first.insert(key, m);
                }
                // Both sources name a unit, and not the same one: a file that names none
                // (comparison values from a benchmark file) joins the one that does.
                Some(earlier) if earlier.place != m.place && differ(&earlier.unit, &m.unit) => {
                    let Some(t) = tables.iter().position(|t| t.place() == m.place) else {
                        continue;
                    };
                    out.push((
                        t,
                        Finding::new(
                            FindingCode::UnitConflict,
                            format!(
                                "`{}` ({}) has {} here and {} in {}: its series are kept apart, each named by its file; give both one unit, or name the measures apart",
                                crate::diagnostic::printable(&m.name),
                                crate::diagnostic::printable(&area.name),
                                unit(&m.unit),
                                unit(&earlier.unit),
                                crate::text::line(&earlier.place)
                            ),
                            Some(m.row),
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
}
