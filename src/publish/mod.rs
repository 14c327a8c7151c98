//! `pmcheck publish`: the public performance report built from the measures. This
//! module turns measures tables (and a narratives file) into a [`Site`]: per service
//! area and measure, every period with its target and comparison values, the latest
//! value judged against its target in the measure's desired direction, the change from
//! the period before, breakdowns for equity, and what the report covers of ICMA's
//! Public Reporting requirements. [`crate::report::publish`] renders it;
//! [`crate::write::site`] writes it as a whole.

mod build;
pub mod coverage;
pub mod narratives;

use std::collections::{BTreeMap, HashMap};

use crate::evidence::Measure;
use crate::measures::Table;
use crate::measures::period::{Frequency, Period};
use crate::measures::target::{Published, Targeted};

pub use build::{Conflict, after_as_of, build};
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
    /// The name, after its program when it has one (`Patrol · Overtime hours`).
    pub name: String,
    /// The program inside the service area, when its file has a program column: the
    /// page heads the area's measures of each program with it.
    pub program: Option<String>,
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
pub(super) fn natural(a: &str, b: &str) -> std::cmp::Ordering {
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
pub(super) fn slug(name: &str) -> String {
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
pub(super) fn unique(base: String, taken: &mut HashMap<String, usize>) -> String {
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
