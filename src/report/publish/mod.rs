//! The published site's files: `index.html` (the askama template
//! `templates/publish.html`, every `{{ }}` escaped by [`crate::text::html`]) and
//! `measures.csv` ([`csv`]). This file turns a [`Site`] into what the page shows:
//! words, numbers with their units, and chart geometry; it judges nothing itself.

pub mod chart;
pub mod csv;
pub mod number;
pub mod summary;

use std::io::{self, Write};

use askama::Template;

use crate::publish::{
    AreaPage, Breakdown, Direction, MeasurePage, Narrative, Point, Site, Status, bounded,
};
use chart::{BarChart, LineChart};
use number::{difference, number};

/// Service areas start open when the page has at most this many measures; above it,
/// each area is one line until opened (or searched), so the page stays usable.
pub const OPEN_UP_TO: usize = 60;

/// What the page needs beyond the site.
#[derive(Debug, Clone)]
pub struct PageInfo {
    pub as_of: String,
    pub generated: String,
    /// The files the data was read from, as the footer names them.
    pub sources: String,
}

struct StatusHead {
    id: &'static str,
    symbol: &'static str,
    label: &'static str,
}

struct Count {
    class: &'static str,
    symbol: &'static str,
    count: usize,
}

struct Fact {
    class: &'static str,
    symbol: &'static str,
    text: String,
}

/// A narrative as the page shows it: its paragraphs (split at blank lines) and steps.
struct NarrativeView<'a> {
    paragraphs: Vec<&'a str>,
    action_steps: &'a [String],
}

fn narrative_view(n: &Narrative) -> NarrativeView<'_> {
    NarrativeView {
        paragraphs: n
            .text
            .as_deref()
            .map(|t| {
                t.split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        action_steps: &n.action_steps,
    }
}

struct Row {
    period: String,
    actual: String,
    target: String,
    comparison: String,
}

struct BreakdownView {
    id: String,
    category: String,
    period: String,
    gap_text: String,
    chart: BarChart,
    groups: Vec<(String, String)>,
}

struct MeasureView<'a> {
    /// The full name (`Patrol · Overtime hours`), as charts and tables name it.
    name: String,
    /// The heading: the name without its program under the program's heading.
    heading: String,
    /// The heading's level: 3, or 4 under a program's heading; what it holds is one
    /// below.
    level: u8,
    sub_level: u8,
    anchor: &'a str,
    search: String,
    status_id: &'static str,
    status_symbol: &'static str,
    status_label: String,
    latest: Option<String>,
    facts: Vec<Fact>,
    chart: Option<LineChart>,
    chart_title: String,
    chart_desc: String,
    has_comparison: bool,
    rows: Vec<Row>,
    narrative: Option<NarrativeView<'a>>,
    /// What a measure that misses its target still lacks, said on the page.
    missing_story: Option<&'static str>,
    breakdowns: Vec<BreakdownView>,
    about: String,
}

struct AreaView<'a> {
    name: String,
    anchor: &'a str,
    counts: Vec<Count>,
    summary: String,
    narrative: Option<NarrativeView<'a>>,
    measures_label: String,
    programs: Vec<ProgramView<'a>>,
}

/// An area's measures of one program under its heading, or (`name` none) those
/// outside any program, first.
struct ProgramView<'a> {
    name: Option<String>,
    id: String,
    measures: Vec<MeasureView<'a>>,
}

#[derive(Template)]
#[template(path = "publish.html", config = "templates/askama.toml")]
struct Page<'a> {
    title: String,
    covered: Option<String>,
    as_of: &'a str,
    generated: &'a str,
    sources: &'a str,
    version: &'static str,
    statuses: Vec<StatusHead>,
    areas: Vec<AreaView<'a>>,
    open: bool,
}

fn value(v: Option<f64>, unit: Option<&str>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| number(v, unit))
}

fn facts(m: &MeasurePage) -> Vec<Fact> {
    let unit = m.unit.as_deref();
    let mut facts = Vec::new();
    let latest = m.latest_point();
    if let Some(t) = latest.and_then(|p| p.target) {
        facts.push(Fact {
            class: "target",
            symbol: "",
            text: format!("Target {}", number(t, unit)),
        });
    }
    if let Some(c) = &m.change {
        let amount = if c.delta == 0.0 {
            format!("No change from {}", c.previous_label)
        } else {
            let amount = difference(c.delta, unit);
            format!(
                "{} {amount} from {}",
                if c.delta > 0.0 { "Up" } else { "Down" },
                c.previous_label
            )
        };
        // The arrow says which way the value moved; the word (and color) whether that
        // is better.
        let symbol = if c.delta > 0.0 {
            "▲"
        } else if c.delta < 0.0 {
            "▼"
        } else {
            ""
        };
        let (class, verdict) = match c.better {
            Some(true) => ("better", ": better"),
            Some(false) => ("worse", ": worse"),
            None if c.delta == 0.0 => ("same", ""),
            None => ("neutral", " (desired direction not given)"),
        };
        facts.push(Fact {
            class,
            symbol,
            text: format!("{amount}{verdict}"),
        });
    }
    if let Some(p) = latest
        && let Some(c) = p.comparison
    {
        let verdict = match m.versus_comparison {
            Some(true) => ": better than comparable",
            Some(false) => ": worse than comparable",
            None => "",
        };
        facts.push(Fact {
            class: match m.versus_comparison {
                Some(true) => "better",
                Some(false) => "worse",
                None => "neutral",
            },
            symbol: "",
            text: format!("Comparison {}{verdict}", number(c, unit)),
        });
    }
    facts
}

fn chart_desc(m: &MeasurePage, shown: &[Point]) -> String {
    let unit = m.unit.as_deref();
    let actuals: Vec<_> = shown
        .iter()
        .filter_map(|p| p.actual.map(|a| (p.label.as_str(), a)))
        .collect();
    let mut text = match (actuals.first(), actuals.last()) {
        (Some(first), Some(last)) if actuals.len() > 1 => format!(
            "Actual values for {} periods, from {} in {} to {} in {}.",
            actuals.len(),
            number(first.1, unit),
            first.0,
            number(last.1, unit),
            last.0
        ),
        (Some(only), _) => format!("One actual value: {} in {}.", number(only.1, unit), only.0),
        _ => "No actual values.".to_owned(),
    };
    if let Some(p) = m.latest_point()
        && let Some(t) = p.target
    {
        text.push_str(&format!(
            " Target {} in {}: {}.",
            number(t, unit),
            p.label,
            m.status.label().to_lowercase()
        ));
    } else if let Some((label, t)) = target_ahead(m) {
        text.push_str(&format!(
            " Target {label}: {}, for a period after the latest value.",
            number(t, unit)
        ));
    }
    if shown.iter().any(|p| p.comparison.is_some()) {
        text.push_str(" Comparison values are drawn as a dotted line with squares.");
    }
    text
}

/// The period and value of a target for a period after the latest value's.
fn target_ahead(m: &MeasurePage) -> Option<(&str, f64)> {
    let t = m.target.filter(|_| m.status == Status::TargetAhead)?;
    Some((m.target_label.as_deref()?, t.value))
}

/// The badge: the status, or for a target ahead the target itself (`Target FY2026:
/// 6,500`).
fn status_label(m: &MeasurePage) -> String {
    match target_ahead(m) {
        Some((label, t)) => format!("Target {label}: {}", number(t, m.unit.as_deref())),
        None => m.status.label().to_owned(),
    }
}

fn breakdown_view(m: &MeasurePage, b: &Breakdown, i: usize) -> BreakdownView {
    let unit = m.unit.as_deref();
    let gap_text = match (b.best, b.worst) {
        (Some(best), Some(worst)) => format!(
            "Gap between the best group ({}: {}) and the worst ({}: {}): {}.",
            b.groups[best].name,
            number(b.groups[best].value, unit),
            b.groups[worst].name,
            number(b.groups[worst].value, unit),
            difference(b.gap(), unit)
        ),
        _ if b.groups.len() < 2 => "Only one group has data in this period.".to_owned(),
        _ => format!(
            "Highest {} ({}), lowest {} ({}): a spread of {}. Which is better is not given.",
            b.groups[0].name,
            number(b.groups[0].value, unit),
            b.groups[b.groups.len() - 1].name,
            number(b.groups[b.groups.len() - 1].value, unit),
            difference(b.gap(), unit)
        ),
    };
    BreakdownView {
        id: format!("{}__by{i}", m.anchor),
        category: bounded(&b.category),
        period: b.period_label.clone(),
        gap_text,
        chart: chart::bar_chart(b, unit),
        groups: b
            .groups
            .iter()
            .map(|g| (bounded(&g.name), number(g.value, unit)))
            .collect(),
    }
}

fn measure_view<'a>(area: &AreaPage, m: &'a MeasurePage) -> MeasureView<'a> {
    let unit = m.unit.as_deref();
    let name = bounded(&m.name);
    let kind = m.kind.map(|k| k.id());
    let search = [area.name.as_str(), m.name.as_str(), kind.unwrap_or("")]
        .join(" ")
        .to_lowercase();
    let latest = m
        .latest_point()
        .map(|p| format!("{}: {}", p.label, value(p.actual, unit)));
    let shown = m.shown();
    let mut about = Vec::new();
    if let Some(k) = kind {
        about.push(format!("{} measure", capitalized(k)));
    }
    about.push(match m.direction {
        Direction::Unknown => "Desired direction not given".to_owned(),
        d => capitalized(d.label()),
    });
    if !m.other_frequencies.is_empty() {
        let names: Vec<&str> = m.other_frequencies.iter().map(|f| f.id()).collect();
        about.push(format!(
            "Also reported {} (in measures.csv; shown here: the frequency of the latest value)",
            names.join(" and ")
        ));
    }
    if shown.len() < m.points.len() {
        about.push(format!(
            "The chart and table show the latest {} of {} periods; all are in measures.csv",
            shown.len(),
            m.points.len()
        ));
    }
    about.push(format!("Source: {}", m.source));
    // Under its program's heading a measure is headed by its own name.
    let heading = match &m.program {
        Some(p) => m
            .name
            .strip_prefix(p.as_str())
            .and_then(|rest| rest.strip_prefix(" · "))
            .map_or_else(|| name.clone(), bounded),
        None => name.clone(),
    };
    let level = if m.program.is_some() { 4 } else { 3 };
    MeasureView {
        heading,
        level,
        sub_level: level + 1,
        chart_title: if shown.len() < m.points.len() {
            format!("{name}, latest {} periods", shown.len())
        } else {
            format!("{name}, every period")
        },
        chart_desc: chart_desc(m, shown),
        name,
        anchor: &m.anchor,
        search,
        status_id: m.status.id(),
        status_symbol: m.status.symbol(),
        status_label: status_label(m),
        latest,
        facts: facts(m),
        chart: chart::line_chart(shown),
        has_comparison: shown.iter().any(|p| p.comparison.is_some()),
        rows: shown
            .iter()
            .map(|p| Row {
                period: p.label.clone(),
                actual: value(p.actual, unit),
                target: value(p.target, unit),
                comparison: value(p.comparison, unit),
            })
            .collect(),
        narrative: m.narrative.as_ref().map(narrative_view),
        missing_story: match &m.narrative {
            _ if !m.needs_narrative() => None,
            None => Some(
                "No narrative: this measure misses its target and the report does not yet say why or what is being done.",
            ),
            Some(_) => Some(
                "No action steps: this measure misses its target and the report does not yet say what is being done about it.",
            ),
        },
        breakdowns: m
            .breakdowns
            .iter()
            .enumerate()
            .map(|(i, b)| breakdown_view(m, b, i + 1))
            .collect(),
        about: about.join(" · "),
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The columns of the at-a-glance table: meets and misses always, the others when
/// some measure has them.
fn shown_statuses(site: &Site) -> Vec<Status> {
    Status::ALL
        .into_iter()
        .filter(|&s| {
            matches!(s, Status::Meets | Status::Misses) || site.measures().any(|m| m.status == s)
        })
        .collect()
}

fn area_view<'a>(area: &'a AreaPage, statuses: &[Status]) -> AreaView<'a> {
    let counts: Vec<Count> = statuses
        .iter()
        .map(|&s| {
            let count = area.count(s);
            Count {
                class: if count == 0 { "zero" } else { s.id() },
                symbol: s.symbol(),
                count,
            }
        })
        .collect();
    let summary = Status::ALL
        .iter()
        .filter(|&&s| area.count(s) > 0)
        .map(|&s| format!("{} {}: {}", s.symbol(), s.label(), area.count(s)))
        .collect::<Vec<_>>()
        .join(" · ");
    let n = area.measures.len();
    AreaView {
        name: bounded(&area.name),
        anchor: &area.anchor,
        counts,
        summary,
        narrative: area.narrative.as_ref().map(narrative_view),
        measures_label: format!("{n} measure{}", if n == 1 { "" } else { "s" }),
        programs: programs(area),
    }
}

/// The area's measures by program, in the order the site keeps them (those outside
/// any program first; one program's measures together).
fn programs(area: &AreaPage) -> Vec<ProgramView<'_>> {
    let mut out: Vec<ProgramView<'_>> = Vec::new();
    let mut last: Option<Option<String>> = None;
    for m in &area.measures {
        let key = m.program.as_deref().map(crate::evidence::same_name_key);
        if last.as_ref() != Some(&key) {
            last = Some(key);
            out.push(ProgramView {
                name: m.program.as_deref().map(bounded),
                id: format!("{}__p{}", area.anchor, out.len() + 1),
                measures: Vec::new(),
            });
        }
        if let Some(p) = out.last_mut() {
            p.measures.push(measure_view(area, m));
        }
    }
    out
}

/// Writes `index.html`.
pub fn render_html(site: &Site, info: &PageInfo, out: &mut dyn Write) -> io::Result<()> {
    let page = Page {
        title: bounded(&site.title),
        covered: site.covered.as_ref().map(|(first, last)| {
            if first == last {
                first.clone()
            } else {
                format!("{first} to {last}")
            }
        }),
        as_of: &info.as_of,
        generated: &info.generated,
        sources: &info.sources,
        version: env!("CARGO_PKG_VERSION"),
        statuses: shown_statuses(site)
            .iter()
            .map(|s| StatusHead {
                id: s.id(),
                symbol: s.symbol(),
                label: s.label(),
            })
            .collect(),
        areas: site
            .areas
            .iter()
            .map(|a| area_view(a, &shown_statuses(site)))
            .collect(),
        open: site.measures().count() <= OPEN_UP_TO,
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}
