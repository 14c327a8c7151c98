//! The JSON contract, version 1. Serialize-only structs, separate from the domain
//! types, so that the shape changes only when this file does. Keys are never
//! dropped: an absent value is `null`.

use std::io::{self, Write};

use serde::Serialize;

use super::{OrderedMap, RenderOptions};
use crate::evaluate::Evaluation;
use crate::evidence::Jurisdiction;

/// The version of the JSON output contract; bump it on any breaking change.
pub const JSON_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub version: u32,
    pub evidence: &'a str,
    pub jurisdiction: Option<&'a Jurisdiction>,
    pub criteria: JsonCriteria<'a>,
    pub as_of: String,
    pub as_of_source: &'static str,
    pub levels: Vec<JsonLevel<'a>>,
    pub level: &'a str,
    pub target: Option<&'a str>,
    pub target_met: Option<bool>,
    /// Level id to readiness, in level order (lowest first).
    pub readiness: OrderedMap<'a, f64>,
    pub categories: Vec<JsonCategory<'a>>,
    pub gaps: Vec<JsonGap<'a>>,
    pub warnings: Vec<JsonWarning<'a>>,
    pub strict: bool,
    pub unsupported: Vec<JsonUnsupported<'a>>,
    /// Supplementary initiatives from the evidence, each once; never requirements.
    pub also_reported: Vec<JsonInitiative<'a>>,
    /// Present only when a baseline was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonChanges<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonUnsupported<'a> {
    pub requirement: &'a str,
    pub sections: &'a [&'static str],
}

/// An initiative: its id (`other` for one the list does not name) and its name.
#[derive(Debug, Serialize)]
pub struct JsonInitiative<'a> {
    pub id: &'static str,
    pub name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonChanges<'a> {
    pub baseline: &'a str,
    pub baseline_criteria: &'a str,
    pub same_criteria: bool,
    pub baseline_as_of: &'a str,
    pub level: JsonBeforeAfter<&'a str>,
    pub readiness: OrderedMap<'a, JsonBeforeAfter<f64>>,
    pub newly_met: &'a [String],
    pub lost: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct JsonBeforeAfter<T> {
    pub before: Option<T>,
    pub after: T,
}

#[derive(Debug, Serialize)]
pub struct JsonCriteria<'a> {
    pub framework: &'a str,
    pub version: &'a str,
    pub title: &'a str,
    pub origin: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonLevel<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub reached: bool,
    pub readiness: f64,
}

#[derive(Debug, Serialize)]
pub struct JsonCategory<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Share of readiness at the highest level, 0 to 1.
    pub weight: f64,
    /// Level id to the share of readiness the category carries at that level (0 where
    /// it has no requirement), in level order.
    pub weights: OrderedMap<'a, f64>,
    /// Level id to status, in level order.
    pub status: OrderedMap<'a, &'static str>,
    pub requirements: Vec<JsonRequirement<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonRequirement<'a> {
    pub id: &'a str,
    pub level: &'a str,
    pub met: bool,
    pub optional: bool,
    pub text: &'a str,
    pub reading: &'a str,
    pub hint: &'a str,
    /// Every item the requirement judged, counted or not, with the reason.
    pub items: Vec<JsonItem<'a>>,
    /// The requirements this one only repeats (ids); empty when it asks for something.
    pub follows_from: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct JsonItem<'a> {
    pub subject: &'a str,
    pub counted: bool,
    pub reason: &'a str,
    /// The evidence path the item comes from (`service_areas`), or null.
    pub field: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct JsonGap<'a> {
    pub requirement: &'a str,
    pub category: &'a str,
    pub level: &'a str,
    pub optional: bool,
    pub text: &'a str,
    pub hint: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonWarning<'a> {
    /// The stable warning code (`overdue-plan`); see the README.
    pub code: &'static str,
    pub category: Option<&'a str>,
    pub message: &'a str,
}

impl<'a> JsonReport<'a> {
    pub fn new(e: &'a Evaluation<'a>, options: &'a RenderOptions) -> JsonReport<'a> {
        let c = e.criteria;
        let level_id = |l: usize| c.levels[l].id.as_str();
        JsonReport {
            version: JSON_VERSION,
            evidence: &options.evidence,
            jurisdiction: e.jurisdiction.as_ref(),
            criteria: JsonCriteria {
                framework: &c.framework,
                version: &c.version,
                title: &c.title,
                origin: &c.origin,
            },
            as_of: e.as_of.to_string(),
            as_of_source: e.as_of_source.id(),
            levels: c
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| JsonLevel {
                    id: &l.id,
                    name: &l.name,
                    reached: e.reaches(i),
                    readiness: e.readiness[i],
                })
                .collect(),
            level: e.level.map_or("none", level_id),
            target: options.target.map(level_id),
            target_met: options.target.map(|t| e.reaches(t)),
            readiness: OrderedMap(
                c.levels
                    .iter()
                    .zip(&e.readiness)
                    .map(|(l, &r)| (l.id.as_str(), r))
                    .collect(),
            ),
            categories: c
                .categories
                .iter()
                .enumerate()
                .map(|(ci, cat)| JsonCategory {
                    id: &cat.id,
                    name: &cat.name,
                    weight: rounded(cat.share),
                    weights: OrderedMap(
                        (0..c.levels.len())
                            .map(|l| (level_id(l), rounded(cat.shares[l])))
                            .collect(),
                    ),
                    status: OrderedMap(
                        (0..c.levels.len())
                            .map(|l| (level_id(l), e.status(ci, l).id()))
                            .collect(),
                    ),
                    requirements: c
                        .requirements
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.category == ci)
                        .map(|(ri, r)| JsonRequirement {
                            id: &r.id,
                            level: level_id(r.level),
                            met: e.met[ri],
                            optional: r.optional,
                            text: &r.text,
                            reading: &r.reading,
                            hint: &r.hint,
                            items: e.findings[ri]
                                .iter()
                                .map(|f| JsonItem {
                                    subject: &f.subject,
                                    counted: f.counted,
                                    reason: &f.reason,
                                    field: f.field.map(|f| f.path()),
                                })
                                .collect(),
                            follows_from: e
                                .follows_from(ri)
                                .iter()
                                .map(|&i| c.requirements[i].id.as_str())
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            gaps: e
                .gaps
                .iter()
                .map(|&g| {
                    let r = e.requirement(g);
                    JsonGap {
                        requirement: &r.id,
                        category: &c.categories[r.category].id,
                        level: level_id(r.level),
                        optional: r.optional,
                        text: &r.text,
                        hint: &r.hint,
                    }
                })
                .collect(),
            warnings: e
                .warnings
                .iter()
                .map(|w| JsonWarning {
                    code: w.code.id(),
                    category: w.category.as_deref(),
                    message: &w.message,
                })
                .collect(),
            strict: e.strict,
            unsupported: e
                .unsupported
                .iter()
                .map(|(i, sections)| JsonUnsupported {
                    requirement: &c.requirements[*i].id,
                    sections,
                })
                .collect(),
            also_reported: e
                .also_reported
                .iter()
                .map(|i| JsonInitiative {
                    id: i.id(),
                    name: i.name(),
                })
                .collect(),
            changes: options.changes.as_ref().map(|ch| JsonChanges {
                baseline: &ch.baseline,
                baseline_criteria: &ch.baseline_criteria,
                same_criteria: ch.same_criteria,
                baseline_as_of: &ch.baseline_as_of,
                level: JsonBeforeAfter {
                    before: Some(ch.level_before.as_str()),
                    after: ch.level_after.as_str(),
                },
                readiness: OrderedMap(
                    ch.readiness
                        .iter()
                        .map(|(k, before, after)| {
                            (
                                k.as_str(),
                                JsonBeforeAfter {
                                    before: *before,
                                    after: *after,
                                },
                            )
                        })
                        .collect(),
                ),
                newly_met: &ch.newly_met,
                lost: &ch.lost,
            }),
        }
    }
}

/// A share rounded to four decimals.
fn rounded(share: f64) -> f64 {
    (share * 10_000.0).round() / 10_000.0
}

pub(super) fn render(
    evaluation: &Evaluation<'_>,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let report = JsonReport::new(evaluation, options);
    crate::report::write_json(out, &report)
}
