//! From measures tables to a [`Site`]: one measure across files (compared as names
//! are, and apart where their files give it different units), every period with its
//! actual, target and comparison, and the page of each measure.

use std::collections::{BTreeMap, HashMap};

use super::{
    AreaPage, Breakdown, Change, Direction, Group, MeasurePage, Narrative, Narratives, Point, Site,
    Status, narratives, natural, slug, unique,
};
use crate::evidence::{Measure, same_name_key};
use crate::measures::Table;
use crate::measures::period::{Frequency, Period};
use crate::measures::target;

/// A value and where it was read: the index of its file's place and its row.
type Sourced = Option<(f64, usize, u32)>;

/// Where a period sorts (its first day), and the period.
type When = (chrono::NaiveDate, Period);

/// A series of values by period.
type Series<T> = BTreeMap<When, T>;

/// Values of one measure gathered over every file: per period, per breakdown group.
#[derive(Default)]
struct Gathered {
    name: String,
    area: String,
    /// The program inside the area (`Patrol`), when its file has a program column.
    program: Option<String>,
    kind: Option<Measure>,
    unit: Option<String>,
    direction: Option<bool>,
    source: String,
    /// The file (and sheet) it was first read from.
    place: String,
    /// Overall values (no breakdown), per period: actual, target, comparison.
    overall: BTreeMap<(chrono::NaiveDate, Period), [Sourced; 3]>,
    /// Breakdown `Category: group` (by its folded name) → its name as first read, and
    /// period → actual.
    groups: BTreeMap<String, (String, Series<Sourced>)>,
}

/// Measures that cannot be published as they are: two rows that give one measure
/// different values for one period (the data must say which is right), or a value in
/// a period after the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict(pub String);

/// A value in a period that starts after the as-of date (the inventory's
/// `future-period`) stops publishing: a public report does not publish the future, and
/// such a period is most often a typo in the data.
pub fn after_as_of(tables: &[Table], as_of: chrono::NaiveDate) -> Result<(), Conflict> {
    for t in tables {
        let fys = t.fiscal_year_start;
        if let Some(o) = t.observations.iter().find(|o| {
            (o.actual.is_some() || o.comparison.is_some()) && o.period.dates(fys).0 > as_of
        }) {
            return Err(Conflict(format!(
                "{}{}, row {}: {} starts after the as-of date {as_of}; correct the period (a two-digit year such as FY99 is read as 2099), or give the date the data describes with --as-of (or `as_of` in the evidence file)",
                crate::text::line(&t.file.display().to_string()),
                t.sheet
                    .as_ref()
                    .map(|s| format!(" (sheet {})", crate::text::line(s)))
                    .unwrap_or_default(),
                o.row,
                o.period.label(fys)
            )));
        }
    }
    Ok(())
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Conflict {}

/// Puts `value` (read at `at`: place, row) in `slot`, or says why it cannot: the slot
/// holds another value. `places` names the files (and sheets).
fn put(
    slot: &mut Sourced,
    value: Option<f64>,
    at: (usize, u32),
    places: &[String],
    what: impl FnOnce() -> String,
) -> Result<(), Conflict> {
    let Some(v) = value else { return Ok(()) };
    match *slot {
        Some((old, _, _)) if old == v => Ok(()),
        Some((old, place, row)) => Err(Conflict(format!(
            "{} row {row} and {} row {} give {} different values ({} and {}); pmcheck does not choose between them: correct or remove one",
            places[place],
            places[at.0],
            at.1,
            what(),
            crate::measures::source::format_number(old),
            crate::measures::source::format_number(v)
        ))),
        None => {
            *slot = Some((v, at.0, at.1));
            Ok(())
        }
    }
}

/// A measure's series of one unit (`None`: no file named one yet) and its index among
/// the gathered measures.
type SeriesByUnit = (Option<String>, usize);

/// Builds the site from measures tables, with the narratives given. Rows of one
/// measure (its service area and name compared as names are: case, spacing and
/// look-alike forms aside) are one measure, across files too.
pub fn build(tables: &[Table], narratives: &Narratives, title: String) -> Result<Site, Conflict> {
    let fiscal_year_start = tables.first().map_or(1, |t| t.fiscal_year_start);
    let mut gathered: Vec<Gathered> = Vec::new();
    // Per measure (area and name), its series by unit.
    let mut index: HashMap<(String, String), Vec<SeriesByUnit>> = HashMap::new();
    let mut places: Vec<String> = Vec::with_capacity(tables.len());
    for table in tables {
        let place = table.short_name();
        places.push(place.clone());
        let p = places.len() - 1;
        let mut local = Vec::with_capacity(table.measures.len());
        for info in &table.measures {
            let area = table.area_name(info);
            let name = table.measure_name(info);
            // One measure across files, unless its files give it different units (an
            // annual ratio and a quarterly percentage): then its series stay apart.
            // A file that names no unit joins the measure as another file names it.
            let unit = info.unit.as_deref().map(same_name_key);
            let key = (same_name_key(area), same_name_key(name));
            let by_unit = index.entry(key).or_default();
            let found = match &unit {
                Some(u) => by_unit
                    .iter()
                    .find(|(v, _)| v.as_ref() == Some(u))
                    .or_else(|| by_unit.iter().find(|(v, _)| v.is_none()))
                    .map(|&(_, at)| at),
                None => by_unit.first().map(|&(_, at)| at),
            };
            let at = found.unwrap_or_else(|| {
                gathered.push(Gathered {
                    name: name.to_owned(),
                    area: area.to_owned(),
                    program: info.program.map(|p| table.string(p).to_owned()),
                    source: format!("{place} row {}", info.row),
                    place: place.clone(),
                    ..Gathered::default()
                });
                by_unit.push((unit.clone(), gathered.len() - 1));
                gathered.len() - 1
            });
            // A measure first read without a unit takes the one a later file names.
            if let Some(slot) = by_unit
                .iter_mut()
                .find(|(v, at2)| *at2 == at && v.is_none())
            {
                slot.0 = unit.clone();
            }
            let g = &mut gathered[at];
            g.kind = g.kind.or(info.kind);
            g.unit = g.unit.clone().or_else(|| info.unit.clone());
            g.direction = g.direction.or(info.direction);
            local.push(at);
        }
        for o in &table.observations {
            let g = &mut gathered[local[o.measure as usize]];
            let key = (o.period.dates(table.fiscal_year_start).0, o.period);
            let at = (p, o.row);
            let (area, name) = (&g.area, &g.name);
            let of = |field: &str| {
                format!(
                    "the {field} of `{}` ({}) for {}",
                    crate::diagnostic::printable(name),
                    crate::diagnostic::printable(area),
                    o.period.label(table.fiscal_year_start)
                )
            };
            match o.breakdown {
                None => {
                    let slot = g.overall.entry(key).or_default();
                    let fields = ["actual", "target", "comparison"];
                    for ((s, v), field) in slot
                        .iter_mut()
                        .zip([o.actual, o.target, o.comparison])
                        .zip(fields)
                    {
                        put(s, v, at, &places, || of(field))?;
                    }
                }
                Some(b) => {
                    let group = table.string(b);
                    let (_, series) = g
                        .groups
                        .entry(same_name_key(group))
                        .or_insert_with(|| (group.to_owned(), BTreeMap::new()));
                    let slot = series.entry(key).or_default();
                    put(slot, o.actual, at, &places, || {
                        of(&format!(
                            "actual for {}",
                            crate::diagnostic::printable(group)
                        ))
                    })?;
                }
            }
        }
    }

    // A measure kept apart by its units (a `unit-conflict` finding of the inventory) is
    // named by its source, so that a reader sees two series, not one twice.
    let mut names: HashMap<(String, String), usize> = HashMap::new();
    for g in &gathered {
        *names
            .entry((same_name_key(&g.area), same_name_key(&g.name)))
            .or_default() += 1;
    }
    for g in &mut gathered {
        if names[&(same_name_key(&g.area), same_name_key(&g.name))] > 1 {
            g.name = format!("{} ({})", g.name, g.place);
        }
    }
    let mut by_area: BTreeMap<String, Vec<Gathered>> = BTreeMap::new();
    let mut area_names: HashMap<String, String> = HashMap::new();
    for g in gathered {
        let key = same_name_key(&g.area);
        let name = area_names
            .entry(key)
            .or_insert_with(|| g.area.clone())
            .clone();
        by_area.entry(name).or_default().push(g);
    }

    let mut taken = HashMap::new();
    let mut areas = Vec::new();
    let mut first: Option<(chrono::NaiveDate, Period)> = None;
    let mut last: Option<(chrono::NaiveDate, Period)> = None;
    for (area_name, mut measures) in by_area {
        // Measures outside any program first, then each program's (its name is the
        // start of theirs), so that the page can head each program once.
        measures.sort_by(|a, b| {
            (a.program.is_some().cmp(&b.program.is_some()))
                .then_with(|| {
                    natural(
                        a.program.as_deref().unwrap_or(""),
                        b.program.as_deref().unwrap_or(""),
                    )
                })
                .then_with(|| natural(&a.name, &b.name))
        });
        let area_anchor = unique(slug(&area_name), &mut taken);
        let area_story = narratives.area(&area_name);
        let mut pages = Vec::new();
        for g in measures {
            let story = narratives.measure(&area_name, &g.name);
            for (key, values) in &g.overall {
                if values[0].is_some() {
                    first = Some(first.map_or(*key, |f| f.min(*key)));
                    last = Some(last.map_or(*key, |l| l.max(*key)));
                }
            }
            let direction = Direction::from_higher(story.and_then(|s| s.direction).or(g.direction));
            let anchor = unique(format!("{area_anchor}--{}", slug(&g.name)), &mut taken);
            pages.push(measure_page(g, direction, anchor, story, fiscal_year_start));
        }
        areas.push(AreaPage {
            name: area_name,
            anchor: area_anchor,
            narrative: area_story
                .map(|s| s.narrative.clone())
                .filter(Narrative::says_something),
            measures: pages,
        });
    }
    Ok(Site {
        title,
        covered: first
            .zip(last)
            .map(|(f, l)| (f.1.label(fiscal_year_start), l.1.label(fiscal_year_start))),
        areas,
        fiscal_year_start,
    })
}

fn measure_page(
    g: Gathered,
    direction: Direction,
    anchor: String,
    story: Option<&narratives::MeasureStory>,
    fys: u32,
) -> MeasurePage {
    let value = |v: &Sourced| v.map(|(v, _, _)| v);
    // One frequency: that of the latest actual value (a month is never compared with a
    // quarter or a year, nor drawn on one line with them); the others are named.
    let frequency = g
        .overall
        .iter()
        .rev()
        .find(|(_, v)| v[0].is_some())
        .map(|((_, p), _)| p.frequency());
    let mut other_frequencies: Vec<Frequency> = g
        .overall
        .keys()
        .map(|(_, p)| p.frequency())
        .filter(|f| Some(*f) != frequency)
        .collect();
    other_frequencies.sort();
    other_frequencies.dedup();
    let points: Vec<Point> = g
        .overall
        .iter()
        .filter(|((_, p), _)| frequency.is_none_or(|f| p.frequency() == f))
        .map(|((_, period), [actual, target, comparison])| Point {
            period: *period,
            label: period.label(fys),
            actual: value(actual),
            target: value(target),
            comparison: value(comparison),
        })
        .collect();
    let with_actual: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].actual.is_some())
        .collect();
    let latest = with_actual.last().copied();
    let targets: Vec<(Period, f64)> = g
        .overall
        .iter()
        .filter_map(|((_, p), v)| value(&v[1]).map(|t| (*p, t)))
        .collect();
    let target =
        latest.and_then(|i| target::published(points[i].period, targets.iter().copied(), fys));
    let status = match latest.map(|i| &points[i]) {
        None => Status::NoData,
        Some(Point { target: None, .. }) if target.is_some() => Status::TargetAhead,
        Some(Point {
            actual: Some(a),
            target: Some(t),
            ..
        }) => match direction.better(*a, *t) {
            _ if a == t => Status::Meets,
            Some(true) => Status::Meets,
            Some(false) => Status::Misses,
            None => Status::NotJudged,
        },
        Some(_) => Status::NoTarget,
    };
    let change = match with_actual.as_slice() {
        [.., before, now] => {
            let (a, b) = (
                points[*now].actual.unwrap_or(0.0),
                points[*before].actual.unwrap_or(0.0),
            );
            Some(Change {
                previous_label: points[*before].label.clone(),
                delta: a - b,
                better: direction.better(a, b),
            })
        }
        _ => None,
    };
    let versus_comparison = latest.and_then(|i| {
        let p = &points[i];
        direction.better(p.actual?, p.comparison?)
    });
    let groups: Vec<(&str, Series<f64>)> = g
        .groups
        .values()
        .map(|(name, series)| {
            let values = series
                .iter()
                .filter_map(|(k, v)| value(v).map(|v| (*k, v)))
                .collect();
            (name.as_str(), values)
        })
        .collect();
    let breakdowns = breakdowns(&groups, direction, fys);
    MeasurePage {
        other_frequencies,
        name: g.name,
        program: g.program,
        anchor,
        kind: g.kind,
        unit: g.unit,
        direction,
        points,
        latest,
        targets,
        target_label: target.map(|t| t.period.label(fys)),
        target,
        status,
        change,
        versus_comparison,
        breakdowns,
        narrative: story
            .map(|s| s.narrative.clone())
            .filter(Narrative::says_something),
        source: g.source,
    }
}

/// Per breakdown category, the groups in the latest period any of them has.
fn breakdowns(groups: &[(&str, Series<f64>)], direction: Direction, fys: u32) -> Vec<Breakdown> {
    let mut by_category: BTreeMap<&str, Vec<(&str, &BTreeMap<_, f64>)>> = BTreeMap::new();
    for (name, series) in groups {
        let (category, group) = name.split_once(": ").unwrap_or(("Group", name));
        by_category
            .entry(category)
            .or_default()
            .push((group, series));
    }
    by_category
        .into_iter()
        .filter_map(|(category, members)| {
            let latest = members.iter().filter_map(|(_, s)| s.keys().last()).max()?;
            let mut groups: Vec<Group> = members
                .iter()
                .filter_map(|(name, s)| {
                    s.get(latest).map(|&value| Group {
                        name: (*name).to_owned(),
                        value,
                    })
                })
                .collect();
            groups.sort_by(|a, b| {
                b.value
                    .total_cmp(&a.value)
                    .then_with(|| a.name.cmp(&b.name))
            });
            let n = groups.len();
            let (best, worst) = match direction {
                _ if n < 2 => (None, None),
                Direction::HigherIsBetter => (Some(0), Some(n - 1)),
                Direction::LowerIsBetter => (Some(n - 1), Some(0)),
                Direction::Unknown => (None, None),
            };
            Some(Breakdown {
                category: category.to_owned(),
                period_label: latest.1.label(fys),
                groups,
                best,
                worst,
            })
        })
        .collect()
}
