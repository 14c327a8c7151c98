//! Warnings: what an evaluation noticed besides met and unmet, each kind with a
//! stable code (kebab-case, documented in docs/reference.md, carried by every machine
//! format) and its own function.

use std::collections::{BTreeMap, HashMap};

use chrono::Months;

use super::Evaluation;
use crate::criteria::Closes;
use crate::diagnostic::{Warning, WarningCode};
use crate::evidence::{Date, Evidence, Field, is_placeholder, look_alike_key, shown_name};

/// Every warning, in a fixed order: by kind, then in evidence order.
pub(super) fn all(e: &Evaluation<'_>, evidence: &Evidence) -> Vec<Warning> {
    let mut out = Vec::new();
    years_after_as_of(e, evidence, &mut out);
    dated_after_as_of(e, evidence, &mut out);
    overdue_plans(e, evidence, &mut out);
    categories_unmet(e, &mut out);
    confusable_names(e, evidence, &mut out);
    duplicate_years(e, evidence, &mut out);
    placeholder_names(e, evidence, &mut out);
    criteria_outdated(e, &mut out);
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
    use crate::measures::period::{fiscal_year_of, year_label};
    let fys = evidence.fiscal_year_start.unwrap_or_default().0;
    let year = fiscal_year_of(e.as_of.0, fys);
    let of_as_of = if fys <= 1 {
        format!("the as-of year {year}")
    } else {
        format!(
            "{} (the fiscal year of the as-of date)",
            year_label(year, fys)
        )
    };
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
                "service area `{}`: year {} is after {of_as_of} and does not count",
                area.name,
                year_label(y, fys)
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
            .position(|r| r.id == plan.requirement())
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
                    plan.requirement(),
                    plan.due
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

/// A year listed twice in one service area counts once; say so, naming the area, so that
/// `years: [2025, 2025, 2025]` is not mistaken for three years of data.
fn duplicate_years(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    for area in &evidence.service_areas.0 {
        let mut times: BTreeMap<i32, usize> = BTreeMap::new();
        for y in &area.years {
            *times.entry(y.0).or_default() += 1;
        }
        let repeated: Vec<String> = times
            .iter()
            .filter(|&(_, &n)| n > 1)
            .map(|(y, n)| format!("{y} ({n} times)"))
            .collect();
        if repeated.is_empty() {
            continue;
        }
        let message = format!(
            "service area `{}` lists {} more than once; each year counts once, so list it once",
            area.name,
            repeated.join(", ")
        );
        push(
            out,
            e,
            WarningCode::DuplicateYears,
            Field::ServiceAreas,
            message,
        );
    }
}

/// Names that only stand in for one: the template's jurisdiction name, and a
/// coordinator such as `TBD` (which the criteria then do not count).
fn placeholder_names(e: &Evaluation<'_>, evidence: &Evidence, out: &mut Vec<Warning>) {
    let code = WarningCode::PlaceholderName;
    if let Some(j) = &evidence.jurisdiction
        && is_placeholder(j.name.as_str())
    {
        out.push(Warning {
            code,
            category: None,
            section: Some("jurisdiction"),
            message: format!(
                "the jurisdiction's name `{}` is a placeholder; write its name under `jurisdiction.name`",
                j.name
            ),
        });
    }
    // Only where the criteria read the coordinator (not the federal framework).
    if let Some(coordinator) = evidence.verification.coordinator.as_deref()
        && is_placeholder(coordinator)
        && category_reading(e, Field::Coordinator).is_some()
    {
        let message = format!(
            "`verification.coordinator` is `{}`, a placeholder, not a named person, so no coordinator counts; name the primary staff person(s) overseeing performance management",
            coordinator.trim()
        );
        push(out, e, code, Field::Coordinator, message);
    }
}

/// Criteria are dated: more than a year after their application window closed (or,
/// when the window is unknown, after the end of their version year), newer criteria
/// may apply. Frameworks not tied to a year never warn.
fn criteria_outdated(e: &Evaluation<'_>, out: &mut Vec<Warning>) {
    let c = e.criteria;
    let (closes, since) = match c.closes() {
        Closes::Window(d) => (d, format!("their application window closed on {d}")),
        Closes::VersionYear(d) => (
            d,
            format!("the end of their version year, {d} (their application window is not known)"),
        ),
        Closes::Undated => return,
    };
    let Some(a_year_later) = closes.0.checked_add_months(Months::new(12)) else {
        return;
    };
    if e.as_of.0 > a_year_later {
        out.push(Warning {
            code: WarningCode::CriteriaOutdated,
            category: None,
            section: None,
            message: format!(
                "the criteria `{}` may be out of date: as of {}, more than a year has passed since {since}; newer criteria may apply (`pmcheck criteria list`, or your own with `--criteria FILE`)",
                c.label(),
                e.as_of
            ),
        });
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

    fn warnings_under(criteria: &str, as_of: &str, yaml: &str) -> Vec<Warning> {
        let c = criteria::bundled(criteria).unwrap();
        let evidence = parse_yaml(yaml, Path::new("e.yaml")).unwrap();
        let as_of = Date::parse(as_of).unwrap();
        evaluate(&c, &evidence, as_of, AsOfSource::Flag).warnings
    }

    fn with_code(w: &[Warning], code: WarningCode) -> Vec<&Warning> {
        w.iter().filter(|w| w.code == code).collect()
    }

    #[test]
    fn a_year_listed_twice_is_warned_about_naming_the_area() {
        let w = warnings(
            "version: 1\nservice_areas:\n  - name: Parks\n    years: [2020, 2019, 2020, 2020, 2019]\n  - name: Police\n    years: [2019, 2020]\n",
        );
        let dup = with_code(&w, WarningCode::DuplicateYears);
        assert_eq!(dup.len(), 1, "{w:?}");
        assert_eq!(
            dup[0].message,
            "service area `Parks` lists 2019 (2 times), 2020 (3 times) more than once; each year counts once, so list it once"
        );
        assert_eq!(dup[0].section, Some("service_areas"));
        assert_eq!(dup[0].category.as_deref(), Some("data_collection"));
        // The issue's own example: one warning, naming the area, beside the future year.
        let w =
            warnings("version: 1\nservice_areas:\n  - name: Fire\n    years: [2025, 2025, 2025]\n");
        let dup = with_code(&w, WarningCode::DuplicateYears);
        assert_eq!(dup.len(), 1);
        assert!(
            dup[0]
                .message
                .starts_with("service area `Fire` lists 2025 (3 times)")
        );
        // Distinct years: nothing.
        let w = warnings("version: 1\nservice_areas:\n  - name: Parks\n    years: [2019, 2020]\n");
        assert!(with_code(&w, WarningCode::DuplicateYears).is_empty());
    }

    #[test]
    fn the_template_jurisdiction_name_is_a_placeholder() {
        let template = include_str!("../template.yaml");
        let w = warnings(template);
        let placeholder = with_code(&w, WarningCode::PlaceholderName);
        assert_eq!(placeholder.len(), 1, "{w:?}");
        assert_eq!(
            placeholder[0].message,
            "the jurisdiction's name `Replace with the jurisdiction's name` is a placeholder; write its name under `jurisdiction.name`"
        );
        assert_eq!(placeholder[0].section, Some("jurisdiction"));
        assert_eq!(placeholder[0].category, None);
        let named = warnings("version: 1\njurisdiction: {name: Replacement Falls, kind: city}\n");
        assert!(with_code(&named, WarningCode::PlaceholderName).is_empty());
    }

    #[test]
    fn a_placeholder_coordinator_is_warned_about_where_the_criteria_read_one() {
        let w = warnings("version: 1\nverification:\n  coordinator: ' N/A '\n");
        let placeholder = with_code(&w, WarningCode::PlaceholderName);
        assert_eq!(placeholder.len(), 1, "{w:?}");
        assert!(
            placeholder[0].message.starts_with(
                "`verification.coordinator` is `N/A`, a placeholder, not a named person"
            ),
            "{}",
            placeholder[0].message
        );
        assert_eq!(placeholder[0].category.as_deref(), Some("verification"));
        for name in ["Tad", "Nancy", "", "  "] {
            let w = warnings(&format!(
                "version: 1\nverification:\n  coordinator: '{name}'\n"
            ));
            assert!(
                with_code(&w, WarningCode::PlaceholderName).is_empty(),
                "{name:?}"
            );
        }
        // The federal framework never reads a coordinator: nothing to say.
        let w = warnings_under(
            "federal",
            "2021-05-07",
            "version: 1\nverification:\n  coordinator: TBD\n",
        );
        assert!(with_code(&w, WarningCode::PlaceholderName).is_empty());
    }

    #[test]
    fn criteria_warn_one_day_after_a_year_past_their_window() {
        let outdated = |criteria: &str, as_of: &str| {
            let w = warnings_under(criteria, as_of, "version: 1\n");
            let found = with_code(&w, WarningCode::CriteriaOutdated);
            assert!(found.len() <= 1);
            found
                .first()
                .map(|w| (w.message.clone(), w.category.clone(), w.section))
        };
        // icma-2021 closes 2021-05-07: exactly a year later is still in time.
        assert_eq!(outdated("icma-2021", "2022-05-07"), None);
        let (message, category, section) = outdated("icma-2021", "2022-05-08").unwrap();
        assert_eq!(
            message,
            "the criteria `icma 2021` may be out of date: as of 2022-05-08, more than a year has passed since their application window closed on 2021-05-07; newer criteria may apply (`pmcheck criteria list`, or your own with `--criteria FILE`)"
        );
        assert_eq!((category, section), (None, None));
        assert!(outdated("icma-2021", "2022-06-01").is_some());
        // icma-2022's window is unknown: the end of 2022 stands in for its close.
        assert_eq!(outdated("icma-2022", "2023-12-31"), None);
        let (message, ..) = outdated("icma-2022", "2024-01-01").unwrap();
        assert!(
            message.contains("since the end of their version year, 2022-12-31 (their application window is not known)"),
            "{message}"
        );
        assert!(outdated("icma-2022", "2026-10-31").is_some());
        // Frameworks without a year never warn.
        assert_eq!(outdated("spectrum", "2100-12-31"), None);
        assert_eq!(outdated("federal", "2100-12-31"), None);
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
