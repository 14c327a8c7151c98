//! What a published report covers of ICMA's Public Reporting requirements, part by
//! part, with the data it was generated from. Each part is judged as strictly as the
//! evaluation reads the evidence flag it stands for: a part the data cannot show is
//! not covered, and sharing the report is the jurisdiction's step, never assumed.

use super::{Site, Status};
use crate::criteria::Criteria;

/// How far the report covers one part of a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Covered,
    Missing,
    /// Covered once the jurisdiction does something pmcheck cannot see (posting the site).
    AfterPublishing,
}

impl State {
    pub fn symbol(self) -> &'static str {
        match self {
            State::Covered => "✓",
            State::Missing => "✗",
            State::AfterPublishing => "→",
        }
    }
}

/// One part of a requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// `comparisons`
    pub name: &'static str,
    pub state: State,
    pub detail: String,
    /// The evidence setting under `public_reporting:` it backs, once true: the key and
    /// the value (`comparisons`, `true`); a list's values are merged (`channels`).
    pub evidence: (&'static str, &'static str),
}

/// One requirement of the criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct Covered {
    pub id: String,
    pub level: String,
    pub parts: Vec<Part>,
}

impl Covered {
    /// Whether the report covers it (once posted).
    pub fn covered(&self) -> bool {
        self.parts.iter().all(|p| p.state != State::Missing)
    }
}

/// The first three names of a list, then "and N more".
fn few(names: &[&str]) -> String {
    crate::measures::few(names, 3)
}

fn part(
    name: &'static str,
    missing: bool,
    yes: String,
    no: String,
    evidence: (&'static str, &'static str),
) -> Part {
    Part {
        name,
        state: if missing {
            State::Missing
        } else {
            State::Covered
        },
        detail: if missing { no } else { yes },
        evidence,
    }
}

fn achievement(site: &Site) -> Vec<Part> {
    // Each area needs a measure with a target for its latest period or a later one (the
    // reading of `public_reporting.targets` against measures data).
    let without: Vec<&str> = site
        .areas
        .iter()
        .filter(|a| {
            crate::measures::target::for_area(&a.measures, site.fiscal_year_start)
                .is_none_or(|(_, found)| found.is_none())
        })
        .map(|a| a.name.as_str())
        .collect();
    vec![
        Part {
            name: "in a document",
            state: State::Covered,
            detail: "this report is a document of the jurisdiction's performance data".into(),
            evidence: ("channels", "report"),
        },
        Part {
            name: "shared online",
            state: State::AfterPublishing,
            detail: "once the site is posted on the jurisdiction's website (or presented at a public meeting)".into(),
            evidence: ("channels", "website"),
        },
        part(
            "targets",
            site.areas.is_empty() || !without.is_empty(),
            "every service area shows a measure with a target for its latest period or a later one".into(),
            if site.areas.is_empty() {
                "no measures".into()
            } else {
                format!(
                    "no target for the latest period or a later one in any measure of {}",
                    few(&without)
                )
            },
            ("targets", "true"),
        ),
    ]
}

fn distinction(site: &Site) -> Vec<Part> {
    let with_data: Vec<_> = site.measures().filter(|m| m.latest.is_some()).collect();
    let single: Vec<&str> = with_data
        .iter()
        .filter(|m| m.shown().iter().filter(|p| p.actual.is_some()).count() < 2)
        .map(|m| m.name.as_str())
        .collect();
    let no_comparison: Vec<&str> = site
        .areas
        .iter()
        .filter(|a| !a.measures.iter().any(|m| m.has_comparison()))
        .map(|a| a.name.as_str())
        .collect();
    let silent_areas: Vec<&str> = site
        .areas
        .iter()
        .filter(|a| {
            a.narrative.as_ref().is_none_or(|n| n.text.is_none())
                && !a
                    .measures
                    .iter()
                    .any(|m| m.narrative.as_ref().is_some_and(|n| n.text.is_some()))
        })
        .map(|a| a.name.as_str())
        .collect();
    let unexplained: Vec<&str> = site
        .measures()
        .filter(|m| m.needs_narrative())
        .map(|m| m.name.as_str())
        .collect();
    // Everything missing at once, so that one pass over the narratives file mends it.
    let mut missing = Vec::new();
    if !silent_areas.is_empty() {
        missing.push(format!("no narrative for {}", few(&silent_areas)));
    }
    if !unexplained.is_empty() {
        missing.push(format!(
            "no narrative with action steps for {}, which miss their targets",
            few(&unexplained)
        ));
    }
    let narrative_missing = (!missing.is_empty()).then(|| missing.join("; "));
    vec![
        part(
            "past performance",
            with_data.is_empty() || !single.is_empty(),
            "every measure shows its earlier periods beside the latest".into(),
            if with_data.is_empty() {
                "no measure has a value".into()
            } else {
                format!("only one period of data for {}", few(&single))
            },
            ("past_performance", "true"),
        ),
        part(
            "comparisons",
            site.areas.is_empty() || !no_comparison.is_empty(),
            "every service area shows comparison values from other jurisdictions".into(),
            if no_comparison.len() == site.areas.len() {
                "no comparison values in the measures (add a comparison column, for example `Comparable cities`)".into()
            } else {
                format!("no comparison values for {}", few(&no_comparison))
            },
            ("comparisons", "true"),
        ),
        part(
            "narrative",
            site.areas.is_empty() || narrative_missing.is_some(),
            "every service area has a narrative, and every measure that misses its target has one with action steps".into(),
            narrative_missing.unwrap_or_else(|| "no measures".into()),
            ("narrative", "true"),
        ),
        Part {
            name: "searchable",
            state: State::Covered,
            detail: "a search box, a link to every measure, and the data as measures.csv".into(),
            evidence: ("searchable", "true"),
        },
    ]
}

fn excellence(site: &Site) -> Vec<Part> {
    let judged = |m: &&super::MeasurePage| matches!(m.status, Status::Meets | Status::Misses);
    let unmarked: Vec<&str> = site
        .areas
        .iter()
        .filter(|a| !a.measures.iter().any(|m| judged(&m)))
        .map(|a| a.name.as_str())
        .collect();
    let count = site.measures().filter(judged).count();
    let no_chart: Vec<&str> = site
        .measures()
        .filter(|m| !m.shown().iter().any(|p| p.actual.is_some()))
        .map(|m| m.name.as_str())
        .collect();
    vec![
        part(
            "highlights",
            site.areas.is_empty() || !unmarked.is_empty(),
            format!(
                "every service area has measures marked above or below target ({count} in all), at a glance and in their charts"
            ),
            if unmarked.len() == site.areas.len() {
                "no measure has both a target in its latest period and a desired direction, so none can be marked above or below expectations".into()
            } else {
                format!(
                    "no measure of {} has both a target in its latest period and a desired direction",
                    few(&unmarked)
                )
            },
            ("highlights", "true"),
        ),
        part(
            "visuals",
            site.areas.is_empty() || !no_chart.is_empty(),
            "a chart for every measure, and color coding with symbols".into(),
            format!(
                "no chart for {}, which have no overall values",
                few(&no_chart)
            ),
            ("visuals", "graphs, color_coding"),
        ),
    ]
}

/// What the site covers of the Public Reporting requirements of `criteria` (those of
/// the ICMA criteria; other frameworks have none by these ids).
pub fn coverage(site: &Site, criteria: &Criteria) -> Vec<Covered> {
    type Judge = fn(&Site) -> Vec<Part>;
    let parts: [(&str, Judge); 3] = [
        ("public_reporting.achievement", achievement),
        ("public_reporting.distinction", distinction),
        ("public_reporting.excellence", excellence),
    ];
    parts
        .into_iter()
        .filter_map(|(id, judge)| {
            let r = criteria.requirements.iter().find(|r| r.id == id)?;
            Some(Covered {
                id: id.to_owned(),
                level: criteria.levels[r.level].name.clone(),
                parts: judge(site),
            })
        })
        .collect()
}
