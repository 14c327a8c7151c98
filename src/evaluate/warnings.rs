//! Warnings: what an evaluation noticed besides met and unmet, each kind with a
//! stable code (kebab-case, documented in the README, carried by every machine
//! format) and its own function.

use std::collections::HashMap;

use chrono::Datelike;

use super::Evaluation;
use crate::evidence::{Date, Evidence, Field, look_alike_key, shown_name};

/// The kind of a warning. The codes are a public contract: renamed only with a new
/// JSON version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// A service area lists a year after the as-of year.
    YearAfterAsOf,
    /// A dated item (training session, review, survey, strategic or goal review) is
    /// dated after the as-of date.
    DatedAfterAsOf,
    /// A plan's due date has passed and its requirement is still unmet.
    OverduePlan,
    /// A category has required requirements up to the next level and none is met.
    CategoryUnmet,
    /// Two service area names look alike (UTS #39 confusables) without being the same
    /// name; they count as one area.
    ConfusableNames,
}

impl WarningCode {
    pub const ALL: [WarningCode; 5] = [
        WarningCode::YearAfterAsOf,
        WarningCode::DatedAfterAsOf,
        WarningCode::OverduePlan,
        WarningCode::CategoryUnmet,
        WarningCode::ConfusableNames,
    ];

    /// The stable code, as JSON, SARIF and GitHub annotations print it.
    pub fn id(self) -> &'static str {
        match self {
            WarningCode::YearAfterAsOf => "year-after-as-of",
            WarningCode::DatedAfterAsOf => "dated-after-as-of",
            WarningCode::OverduePlan => "overdue-plan",
            WarningCode::CategoryUnmet => "category-unmet",
            WarningCode::ConfusableNames => "confusable-names",
        }
    }

    /// One line on what the code means.
    pub fn summary(self) -> &'static str {
        match self {
            WarningCode::YearAfterAsOf => {
                "A service area lists a year after the as-of year; that year does not count."
            }
            WarningCode::DatedAfterAsOf => {
                "A session, review or survey is dated after the as-of date; it does not count."
            }
            WarningCode::OverduePlan => {
                "A plan's due date has passed and its requirement is still unmet."
            }
            WarningCode::CategoryUnmet => {
                "No required requirement of a category is met up to the next level (ICMA: may disqualify)."
            }
            WarningCode::ConfusableNames => {
                "Two service area names look alike and may be the same area; they count as one."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: WarningCode,
    /// A category id, or `None` for a warning about the file as a whole.
    pub category: Option<String>,
    /// The top-level evidence section the warning is about (`training`, `plans`),
    /// where there is one, for locating it in the file.
    pub section: Option<&'static str>,
    pub message: String,
}

/// Every warning, in a fixed order: by kind, then in evidence order.
pub(super) fn all(e: &Evaluation<'_>, evidence: &Evidence) -> Vec<Warning> {
    let mut out = Vec::new();
    years_after_as_of(e, evidence, &mut out);
    dated_after_as_of(e, evidence, &mut out);
    overdue_plans(e, evidence, &mut out);
    categories_unmet(e, &mut out);
    confusable_names(e, evidence, &mut out);
    out
}

/// The category of the first requirement that reads `field`.
fn category_reading(e: &Evaluation<'_>, field: Field) -> Option<String> {
    let c = e.criteria;
    c.requirements
        .iter()
        .find(|r| r.fields.contains(&field))
        .map(|r| c.categories[r.category].id.clone())
}

fn push(
    out: &mut Vec<Warning>,
    e: &Evaluation<'_>,
    code: WarningCode,
    field: Field,
    message: String,
) {
    out.push(Warning {
        code,
        category: category_reading(e, field),
        section: Some(field.section()),
        message,
    });
}

fn years_after_as_of(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    let year = e.as_of.0.year();
    for area in &evidence.service_areas.0 {
        let mut future: Vec<i32> = area
            .years
            .iter()
            .map(|y| y.0)
            .filter(|&y| y > year)
            .collect();
        future.sort_unstable();
        future.dedup();
        for y in future {
            let message = format!(
                "service area `{}`: year {y} is after the as-of year {year} and does not count",
                area.name
            );
            push(
                out,
                e,
                WarningCode::YearAfterAsOf,
                Field::ServiceAreas,
                message,
            );
        }
    }
}

fn dated_after_as_of(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    let as_of = e.as_of;
    let code = WarningCode::DatedAfterAsOf;
    let late = |d: &Date| *d > as_of;
    for s in evidence.training.sessions.iter().filter(|s| late(&s.date)) {
        let title = s
            .title
            .as_ref()
            .map_or(String::new(), |t| format!(" `{t}`"));
        let message = format!(
            "training session{title} dated {} is after the as-of date {as_of} and does not count",
            s.date
        );
        push(out, e, code, Field::TrainingSessions, message);
    }
    for r in evidence
        .accountability
        .reviews
        .iter()
        .filter(|r| late(&r.date))
    {
        let message = format!(
            "review dated {} is after the as-of date {as_of} and does not count",
            r.date
        );
        push(out, e, code, Field::Reviews, message);
    }
    for (field, name) in [
        (Field::ResidentSurvey, "resident survey"),
        (Field::EmployeeSurvey, "employee survey"),
    ] {
        if let Some(s) = evidence.survey(field).filter(|s| late(&s.date)) {
            let message = format!(
                "{name} dated {} is after the as-of date {as_of} and does not count",
                s.date
            );
            push(out, e, code, field, message);
        }
    }
    for d in evidence
        .federal
        .strategic_reviews
        .iter()
        .filter(|d| late(d))
    {
        let message = format!(
            "strategic review dated {d} is after the as-of date {as_of} and does not count"
        );
        push(out, e, code, Field::FederalStrategicReviews, message);
    }
    for g in &evidence.federal.priority_goals {
        for d in g.reviews.iter().filter(|d| late(d)) {
            let message = format!(
                "priority goal `{}`: review dated {d} is after the as-of date {as_of} and does not count",
                g.name
            );
            push(out, e, code, Field::GoalReviews, message);
        }
    }
}

fn overdue_plans(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    let c = e.criteria;
    for plan in &evidence.plans {
        let Some(i) = c
            .requirements
            .iter()
            .position(|r| r.id == plan.requirement.as_str())
        else {
            continue;
        };
        if plan.due < e.as_of && !e.met[i] {
            let owner = plan
                .owner
                .as_ref()
                .map_or(String::new(), |o| format!(" ({o})"));
            out.push(Warning {
                code: WarningCode::OverduePlan,
                category: Some(c.categories[c.requirements[i].category].id.clone()),
                section: Some("plans"),
                message: format!(
                    "overdue plan: `{}`{owner} was due {} and is still unmet",
                    plan.requirement, plan.due
                ),
            });
        }
    }
}

/// Disqualification risk: a category with required requirements up to the next level
/// (or the top level, once every level is reached) and none of them met.
fn categories_unmet(e: &Evaluation<'_>, out: &mut Vec<Warning>) {
    let c = e.criteria;
    let horizon = e.next_level().unwrap_or(c.levels.len().saturating_sub(1));
    for (index, category) in c.categories.iter().enumerate() {
        let mut relevant = c
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| r.category == index && r.level <= horizon && !r.optional)
            .peekable();
        let Some(&(_, first)) = relevant.peek() else {
            continue;
        };
        // Located where the category's first requirement reads.
        let section = first.fields.first().map(|f| f.section());
        if relevant.all(|(i, _)| !e.met[i]) {
            let note = c
                .unmet_category_note
                .as_ref()
                .map_or(String::new(), |n| format!("; {n}"));
            out.push(Warning {
                code: WarningCode::CategoryUnmet,
                category: Some(category.id.clone()),
                section,
                message: format!(
                    "{}: no requirement up to {} is met{note}",
                    category.name, c.levels[horizon].name
                ),
            });
        }
    }
}

/// Service areas whose names look alike (the same UTS #39 confusables skeleton) but are
/// not the same name, which the evidence would have refused: each later one is named
/// with the first that looks like it. One hash lookup per area, never pairwise.
fn confusable_names(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    let areas = &evidence.service_areas.0;
    let mut first_looking: HashMap<String, usize> = HashMap::new();
    for (i, area) in areas.iter().enumerate() {
        let first = *first_looking
            .entry(look_alike_key(area.name.as_str()))
            .or_insert(i);
        if first == i {
            continue;
        }
        let (a, b) = (areas[first].name.as_str(), area.name.as_str());
        let message = format!(
            "service areas `{}` (entry {}) and `{}` (entry {}) look alike and may be the same area, so they count as one; merge them, or retype the name with the letters you meant",
            shown_name(a, Some(b)),
            first + 1,
            shown_name(b, Some(a)),
            i + 1
        );
        push(
            out,
            e,
            WarningCode::ConfusableNames,
            Field::ServiceAreas,
            message,
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{AsOfSource, evaluate};
    use super::*;
    use crate::criteria;
    use crate::evidence::parse_yaml;

    fn warnings(yaml: &str) -> Vec<Warning> {
        let c = criteria::bundled("icma-2022").unwrap();
        let evidence = parse_yaml(yaml, Path::new("e.yaml")).unwrap();
        let as_of = Date::parse("2021-05-07").unwrap();
        evaluate(&c, &evidence, as_of, AsOfSource::Flag).warnings
    }

    #[test]
    fn look_alike_names_are_warned_about_once_each_naming_the_first() {
        let w = warnings(
            "version: 1\nservice_areas:\n  - name: Police\n  - name: Fire\n  - name: P\u{43e}lice\n  - name: POLIC\u{415}\n  - name: Parks\n",
        );
        let confusable: Vec<&Warning> = w
            .iter()
            .filter(|w| w.code == WarningCode::ConfusableNames)
            .collect();
        assert_eq!(confusable.len(), 2, "{w:?}");
        assert_eq!(
            confusable[0].message,
            "service areas `Po<U+006F>lice` (entry 1) and `P\u{43e}<U+043E>lice` (entry 3) look alike and may be the same area, so they count as one; merge them, or retype the name with the letters you meant"
        );
        assert!(
            confusable[1].message.starts_with(
                "service areas `Police<U+0065>` (entry 1) and `POLIC\u{415}<U+0415>` (entry 4)"
            ),
            "{}",
            confusable[1].message
        );
        assert_eq!(confusable[0].section, Some("service_areas"));
        assert_eq!(confusable[0].category.as_deref(), Some("data_collection"));
        let plain = warnings("version: 1\nservice_areas:\n  - name: Police\n  - name: Fire\n");
        assert!(plain.iter().all(|w| w.code != WarningCode::ConfusableNames));
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut ids: Vec<&str> = WarningCode::ALL.iter().map(|c| c.id()).collect();
        for id in &ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id} is kebab-case"
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), WarningCode::ALL.len());
        for c in WarningCode::ALL {
            assert!(c.summary().ends_with('.'), "{c:?} has a one-line summary");
        }
    }
}
