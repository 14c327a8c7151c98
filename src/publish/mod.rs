//! `pmcheck publish`: the public performance report built from the measures. This
//! module turns measures tables (and a narratives file) into a [`Site`]: per service
//! area and measure, every period with its target and comparison values, the latest
//! value judged against its target in the measure's desired direction, the change from
//! the period before, breakdowns for equity, and what the report covers of ICMA's
//! Public Reporting requirements. [`crate::report::publish`] renders it;
//! [`crate::write::site`] writes it as a whole.

pub mod coverage;
pub mod narratives;

use std::collections::{BTreeMap, HashMap};

use crate::evidence::{Measure, same_name_key};
use crate::measures::Table;
use crate::measures::period::{Frequency, Period};
use crate::measures::target::{self, Published, Targeted};

pub use narratives::Narratives;

/// Names longer than this many characters are cut, with an ellipsis, wherever the page
/// shows them: a heading or a chart title of a thousand characters helps no reader.
pub const MAX_NAME_CHARS: usize = 160;

/// A chart and its data table show at most this many of the latest periods: thirteen
/// years, quarters or months (a month's chart reaches the same month a year before).
/// Every period is in measures.csv, and judging uses them all; what the report covers
/// is judged on what it shows. Measured in BENCHMARKS.md: a page of 2,000 monthly
/// measures showing 24 periods each took 2.3 s to load in Chromium, 1.2 s of it for
/// the data tables.
pub const SHOWN_PERIODS: usize = 13;

/// Which way a measure should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// Neither the data nor the narratives say: the page never guesses.
    Unknown,
}

impl Direction {
    pub fn from_higher(higher: Option<bool>) -> Direction {
        match higher {
            Some(true) => Direction::HigherIsBetter,
            Some(false) => Direction::LowerIsBetter,
            None => Direction::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
            Direction::Unknown => "desired direction not given",
        }
    }

    /// Whether `a` is better than `b`; `None` when equal or the direction is unknown.
    fn better(self, a: f64, b: f64) -> Option<bool> {
        if a == b {
            return None;
        }
        match self {
            Direction::HigherIsBetter => Some(a > b),
            Direction::LowerIsBetter => Some(a < b),
            Direction::Unknown => None,
        }
    }
}

/// How a measure's latest value stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Misses,
    Meets,
    /// A target is given but no desired direction, and the value differs from it.
    NotJudged,
    /// No target for the latest value's period, but one for a later period (a budget
    /// book's adopted target for the year ahead): shown, not judged against.
    TargetAhead,
    NoTarget,
    NoData,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Meets,
        Status::Misses,
        Status::NotJudged,
        Status::TargetAhead,
        Status::NoTarget,
        Status::NoData,
    ];

    /// The stable id (CSS class, `data-status`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Meets => "meets",
            Status::Misses => "misses",
            Status::NotJudged => "not-judged",
            Status::TargetAhead => "target-ahead",
            Status::NoTarget => "no-target",
            Status::NoData => "no-data",
        }
    }

    /// A symbol beside the words, so that color is never the only signal.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Meets => "✓",
            Status::Misses => "✗",
            Status::NotJudged => "?",
            Status::TargetAhead => "→",
            Status::NoTarget => "–",
            Status::NoData => "…",
        }
    }

    /// After a count: `3 meet their target`, `1 misses its target`.
    pub fn counted(self, one: bool) -> &'static str {
        match (self, one) {
            (Status::Meets, true) => "meets its target",
            (Status::Meets, false) => "meet their target",
            (Status::Misses, true) => "misses its target",
            (Status::Misses, false) => "miss their target",
            (Status::NotJudged, true) => "has a target but no desired direction",
            (Status::NotJudged, false) => "have a target but no desired direction",
            (Status::TargetAhead, true) => "has a target for a later period only",
            (Status::TargetAhead, false) => "have a target for a later period only",
            (Status::NoTarget, true) => "has no target",
            (Status::NoTarget, false) => "have no target",
            (Status::NoData, true) => "has no overall values",
            (Status::NoData, false) => "have no overall values",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Meets => "Meets target",
            Status::Misses => "Misses target",
            Status::NotJudged => "Target given, direction unknown",
            Status::TargetAhead => "Target for a later period",
            Status::NoTarget => "No target",
            Status::NoData => "No overall value",
        }
    }
}

/// One period of a measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    pub label: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub comparison: Option<f64>,
}

/// The latest value against the one before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub previous_label: String,
    pub delta: f64,
    /// `Some(true)` better, `Some(false)` worse, `None` unchanged or direction unknown.
    pub better: Option<bool>,
}

/// One group of a breakdown in the latest period it has data for.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub value: f64,
}

/// The groups of one breakdown (`District`), in the latest period with data.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub category: String,
    pub period_label: String,
    /// Sorted by value, highest first.
    pub groups: Vec<Group>,
    /// The best and worst group (by direction), when the direction is known and there
    /// are two groups or more.
    pub best: Option<usize>,
    pub worst: Option<usize>,
}

impl Breakdown {
    /// The spread between the highest and the lowest group.
    pub fn gap(&self) -> f64 {
        match (self.groups.first(), self.groups.last()) {
            (Some(hi), Some(lo)) => hi.value - lo.value,
            _ => 0.0,
        }
    }
}

/// A narrative and its action steps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrative {
    pub text: Option<String>,
    pub action_steps: Vec<String>,
}

impl Narrative {
    /// Whether it has a text or an action step (a narratives entry may give only a
    /// direction).
    pub fn says_something(&self) -> bool {
        self.text.is_some() || !self.action_steps.is_empty()
    }
}

/// One measure as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasurePage {
    pub name: String,
    /// The stable anchor: `police--priority-1-response-time`.
    pub anchor: String,
    pub kind: Option<Measure>,
    pub unit: Option<String>,
    pub direction: Direction,
    /// Every period with any value, oldest first.
    pub points: Vec<Point>,
    /// Index into `points` of the latest period with an actual value.
    pub latest: Option<usize>,
    /// Each period with an overall target (of every frequency), oldest first.
    pub targets: Vec<(Period, f64)>,
    /// The target it publishes: for the latest value's period or a later one.
    pub target: Option<Published>,
    /// That target's period, labelled (`FY2026`).
    pub target_label: Option<String>,
    pub status: Status,
    pub change: Option<Change>,
    /// The latest actual against the comparison value of the same period.
    pub versus_comparison: Option<bool>,
    pub breakdowns: Vec<Breakdown>,
    /// Frequencies the measure also has values in, not shown with the latest's.
    pub other_frequencies: Vec<Frequency>,
    pub narrative: Option<Narrative>,
    /// Where it was read: `fairview-kpis.xlsx (KPIs) row 4`.
    pub source: String,
}

impl MeasurePage {
    pub fn latest_point(&self) -> Option<&Point> {
        self.latest.map(|i| &self.points[i])
    }

    /// Whether it misses its target without a narrative and action steps ("action
    /// steps if goals not achieved": both are asked for).
    pub fn needs_narrative(&self) -> bool {
        self.status == Status::Misses
            && self
                .narrative
                .as_ref()
                .is_none_or(|n| n.action_steps.is_empty())
    }

    /// The periods the page shows: the latest [`SHOWN_PERIODS`].
    pub fn shown(&self) -> &[Point] {
        &self.points[self.points.len().saturating_sub(SHOWN_PERIODS)..]
    }

    /// Whether the periods shown have a comparison value.
    pub fn has_comparison(&self) -> bool {
        self.shown().iter().any(|p| p.comparison.is_some())
    }
}

/// One service area as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPage {
    pub name: String,
    pub anchor: String,
    pub narrative: Option<Narrative>,
    pub measures: Vec<MeasurePage>,
}

impl Targeted for MeasurePage {
    fn latest(&self) -> Option<Period> {
        self.latest_point().map(|p| p.period)
    }

    fn targets(&self) -> &[(Period, f64)] {
        &self.targets
    }
}

impl AreaPage {
    /// How many of its measures have each status.
    pub fn count(&self, status: Status) -> usize {
        self.measures.iter().filter(|m| m.status == status).count()
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub title: String,
    /// The first and last period with an actual value.
    pub covered: Option<(String, String)>,
    pub areas: Vec<AreaPage>,
    /// The month the fiscal year starts in.
    pub fiscal_year_start: u32,
}

impl Site {
    pub fn measures(&self) -> impl Iterator<Item = &MeasurePage> {
        self.areas.iter().flat_map(|a| a.measures.iter())
    }
}

/// Names in the order people expect: runs of digits by their value (`Measure 2` before
/// `Measure 10`), letters without regard to case, then as written.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, run)) if *d == digit => run.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let key = |(digit, run): &(bool, String)| -> (u8, String, usize) {
        if *digit {
            let trimmed = run.trim_start_matches('0');
            (0, format!("{:0>40}", trimmed), run.len())
        } else {
            (1, run.to_lowercase(), 0)
        }
    };
    let (pa, pb) = (parts(a), parts(b));
    pa.iter()
        .map(key)
        .cmp(pb.iter().map(key))
        .then_with(|| a.cmp(b))
}

/// A name cut to [`MAX_NAME_CHARS`] characters, with an ellipsis when cut.
pub fn bounded(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let mut cut: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The anchor of a name: lowercase letters and digits (any script), other runs as `-`.
/// An anchor never holds `_`: the page's own ids start with `pm_`, and the ids within a
/// measure add `__h`, `__ct` and the like to its anchor, so none can collide.
fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    if out.is_empty() { "x".to_owned() } else { out }
}

/// Gives `base` a numbered suffix when it is taken.
fn unique(base: String, taken: &mut HashMap<String, usize>) -> String {
    let n = taken.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        let id = format!("{base}-{n}");
        // A numbered id could itself be a name's slug; take it too.
        unique(id, taken)
    }
}

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
        measures.sort_by(|a, b| natural(&a.name, &b.name));
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

/// Refuses measures with no actual value at all: a page of targets alone reports nothing.
pub fn has_actuals(tables: &[Table]) -> Result<(), Conflict> {
    if tables
        .iter()
        .any(|t| t.observations.iter().any(|o| o.actual.is_some()))
    {
        return Ok(());
    }
    let files: Vec<String> = tables
        .iter()
        .map(|t| crate::text::line(&t.file.display().to_string()))
        .collect();
    Err(Conflict(format!(
        "no actual values in {}, so there is nothing to publish; `pmcheck measures` shows how the files were read",
        files.join(", ")
    )))
}

/// The measures of each service area, as the data names them: what a narratives file's
/// names are checked against.
pub fn known_names(tables: &[Table]) -> BTreeMap<String, Vec<String>> {
    let mut known: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in tables {
        for m in &t.measures {
            known
                .entry(t.area_name(m).to_owned())
                .or_default()
                .push(t.measure_name(m).to_owned());
        }
    }
    known
}

/// The files the page names as its sources, by their short names.
pub fn sources(tables: &[Table]) -> String {
    let mut names: Vec<String> = tables.iter().map(Table::short_name).collect();
    names.dedup();
    names.join(", ")
}

/// The page's title: `--title`, else the evidence's jurisdiction, else a default the
/// summary points out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    pub by_default: bool,
}

impl Title {
    pub const DEFAULT: &str = "Performance report";

    pub fn choose(flag: Option<&str>, evidence: Option<&crate::evidence::Evidence>) -> Title {
        let given = flag
            .map(str::to_owned)
            .or_else(|| {
                evidence
                    .and_then(|e| e.jurisdiction.as_ref())
                    .map(|j| j.name.as_str().to_owned())
            })
            .filter(|t| !crate::text::line(t).trim().is_empty());
        match given {
            Some(text) => Title {
                text,
                by_default: false,
            },
            None => Title {
                text: Title::DEFAULT.to_owned(),
                by_default: true,
            },
        }
    }

    /// What the summary says when the title is the default.
    pub fn default_note(&self) -> Option<String> {
        self.by_default.then(|| {
            format!(
                "The page is titled \"{}\": give the jurisdiction's name with --title (or --evidence)",
                Title::DEFAULT
            )
        })
    }
}

/// What the summary says when the page's as-of date is the day it was generated.
pub fn as_of_note(
    source: crate::inputs::AsOfSource,
    as_of: crate::evidence::Date,
) -> Option<String> {
    (source == crate::inputs::AsOfSource::Today).then(|| {
        format!(
            "The page says the data is as of {as_of} (today): give the date the data describes with --as-of"
        )
    })
}

#[cfg(test)]
mod tests;
