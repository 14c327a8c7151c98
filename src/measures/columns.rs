//! Column roles: which header is the service area, the measure, its kind, the period,
//! the actual and the target. Headers are matched case- and punctuation-insensitively
//! against common synonyms; the user can name any role's header instead.

use super::period::Series;
use crate::vocab::{Measure, Role};

/// Headers read as a column role, normalised (see [`normalize`]).
pub fn synonyms(role: Role) -> &'static [&'static str] {
    match role {
        Role::ServiceArea => &[
            "servicearea",
            "department",
            "dept",
            // Open-data exports name the area by its name beside its code.
            "departmentname",
            "deptname",
            "bureau",
            "agency",
        ],
        // Read as the service area when the file has no department column (see
        // `header::Decided::recognised`).
        Role::Program => &[
            "program",
            "programname",
            "activity",
            "activityname",
            "subdepartment",
            "subdepartmentname",
            "subdept",
            "subdeptname",
            "division",
            "divisionname",
            "measuredivision",
        ],
        Role::Measure => &[
            "measure",
            "measurename",
            "indicator",
            "kpi",
            "performancemeasure",
            "metric",
            "measuretitle",
            "indicatorname",
            "kpiname",
            "performancemeasurename",
        ],
        Role::Kind => &["measurekind", "measuretype", "type", "category", "kind"],
        Role::Period => &[
            "fiscalyear",
            "fy",
            "year",
            "quarter",
            "month",
            "period",
            "date",
            "calendarmonth",
            "reportingperiod",
            "datereported",
            "actualvaluedate",
        ],
        Role::Actual => &[
            "actual",
            "value",
            "result",
            "actualvalue",
            "actuals",
            "measurevalue",
        ],
        // A budget book's adopted, proposed or planned figure for a period is the target
        // set for it; an estimate, projection or forecast is neither (see `series_of`).
        Role::Target => &[
            "target",
            "goal",
            "targetvalue",
            "measuregoal",
            "targets",
            "goals",
            "objective",
            "objectives",
            "adopted",
            "adoptedbudget",
            "adoptedtarget",
            "budget",
            "budgeted",
            "proposed",
            "proposedbudget",
            "planned",
            "plan",
        ],
        Role::Unit => &["unit", "units", "unitofmeasure"],
        Role::Owner => &["owner", "measureowner", "responsible"],
        Role::Source => &["source", "url", "link", "datasource"],
        Role::Comparison => &[
            "comparison",
            "benchmark",
            "peervalue",
            "nationalaverage",
            "comparisonvalue",
            "comparablecities",
            "comparablejurisdictions",
            "peeraverage",
        ],
        Role::Direction => &[
            "desireddirection",
            "direction",
            "higherisbetter",
            "polarity",
            "betterwhen",
        ],
        Role::Breakdown => &[
            "district",
            "councildistrict",
            "ward",
            "neighborhood",
            "neighbourhood",
            "zip",
            "zipcode",
            "race",
            "ethnicity",
            "raceethnicity",
            "agegroup",
            "income",
            "incomegroup",
            "gender",
        ],
        // Not `type` or `measure type`: those name the kind.
        Role::RowType => &[
            "rowtype",
            "valuetype",
            "typeofvalue",
            "datatype",
            "cprdatatype",
            "seriestype",
            "actualortarget",
        ],
    }
}

/// Where a row-type cell (`Actual`, `Target`, `Goal`, `Actual Value`, any case) sends the
/// row's values: the words of [`series_of`], `Other` for an estimate or a projection
/// (neither what happened nor what was set). `None` for a word of no series.
pub fn row_type_of(text: &str) -> Option<Series> {
    series_of(without_suffix(
        &normalize(text),
        &["values", "value", "figure", "figures"],
    ))
}

/// A normalised cell without the first of `suffixes` it ends with, unless that is all
/// it holds: `outcomemeasure` is `outcome`, `measure` stays `measure`.
fn without_suffix<'k>(key: &'k str, suffixes: &[&str]) -> &'k str {
    suffixes
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix).filter(|k| !k.is_empty()))
        .unwrap_or(key)
}

/// What a word of a period column's header (`FY2026 Adopted`, `2017_18_proposed_budget`)
/// says the column holds: an actual; a target (target, goal, objective, and a budget
/// book's adopted, proposed, planned or budgeted figure: what was set for the period);
/// or something else, neither what happened nor what was set (an estimate, projection,
/// forecast, request, revision, preliminary or year-to-date figure), skipped and reported
/// as an `unread-column`. `None` for a word of no series.
pub fn series_of(word: &str) -> Option<Series> {
    match word {
        "actual" | "actuals" => Some(Series::Actual),
        "target" | "targets" | "goal" | "goals" | "objective" | "objectives" | "adopted"
        | "budget" | "budgeted" | "proposed" | "plan" | "planned" => Some(Series::Target),
        "estimate" | "estimated" | "estimates" | "est" | "projected" | "projection"
        | "projections" | "forecast" | "forecasted" | "requested" | "revised" | "preliminary"
        | "prelim" | "ytd" => Some(Series::Other),
        _ => None,
    }
}

/// A header for matching: lowercase letters and digits only.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_total_word(w: &str) -> bool {
    matches!(w, "total" | "totals" | "subtotal" | "subtotals")
}

/// Whether a service area (or program) cell marks a row of totals: `Total`,
/// `Subtotal`, `Grand Total`, `Department Total`, `Total Police`, `Police Total`, in any
/// case. An area is never named so; a measure can be (`is_total_measure`).
pub fn is_total_name(text: &str) -> bool {
    let w = words(text);
    match w.as_slice() {
        [] => false,
        [only] => is_total_word(only),
        [first, .., last] => is_total_word(first) || is_total_word(last),
    }
}

/// Whether a measure cell marks a row of totals. Stricter than for an area: `Total calls
/// for service` is a measure, so only a total of a unit of the organisation is a total
/// row: `Total`, `Subtotal`, `Grand Total`, `Department Total`, `Division Total`,
/// `Program Total`, or `Total` before or after the row's own area (`Total Police`).
pub fn is_total_measure(name: &str, area: Option<&str>) -> bool {
    let w = words(name);
    let area = area.map(words).unwrap_or_default();
    let unit = |rest: &[String]| {
        rest.is_empty()
            || (!area.is_empty() && rest == area.as_slice())
            || matches!(
                rest,
                [one] if matches!(one.as_str(), "grand" | "sub" | "department" | "dept" | "division" | "program" | "bureau" | "fund")
            )
    };
    match w.as_slice() {
        [] => false,
        [first, rest @ ..] if is_total_word(first) => unit(rest),
        [rest @ .., last] if is_total_word(last) => unit(rest),
        _ => false,
    }
}

/// The role a header names by itself, if any.
pub fn role_of(header: &str) -> Option<Role> {
    let key = normalize(header);
    Role::ALL
        .into_iter()
        .find(|&r| synonyms(r).contains(&key.as_str()))
}

/// A measure kind as data writes it: the five kinds, and common synonyms.
pub fn kind_of(text: &str) -> Option<Measure> {
    let key = normalize(text);
    // "Outcome Measure", "Workload measures", "Efficiency indicator" name the kind too.
    let key = without_suffix(&key, &["measures", "measure", "indicators", "indicator"]);
    Some(match key {
        "input" | "inputs" | "resource" | "resources" => Measure::Input,
        "output" | "outputs" => Measure::Output,
        "workload" | "demand" => Measure::Workload,
        "efficiency" | "costeffectiveness" | "productivity" => Measure::Efficiency,
        "outcome" | "outcomes" | "effectiveness" | "quality" | "result" | "impact" => {
            Measure::Outcome
        }
        _ => return None,
    })
}

/// A desired direction as data writes it: `Some(true)` when higher is better.
pub fn direction_of(text: &str) -> Option<bool> {
    match normalize(text).as_str() {
        "higher" | "higherisbetter" | "high" | "more" | "greater" | "up" | "increase"
        | "maximize" | "yes" | "true" | "y" => Some(true),
        "lower" | "lowerisbetter" | "low" | "less" | "fewer" | "down" | "decrease" | "minimize"
        | "no" | "false" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn total_rows_are_told_from_measures_that_count_a_total() {
        use super::{is_total_measure, is_total_name};
        for area in [
            "Total",
            "SUBTOTAL",
            "Grand Total",
            "Department Total",
            "Total Police",
            "Police - Total",
        ] {
            assert!(is_total_name(area), "{area}");
        }
        for area in ["Police", "Parks & Recreation", "Totality Services"] {
            assert!(!is_total_name(area), "{area}");
        }
        let police = Some("Police");
        for name in [
            "Total",
            "Sub-total",
            "Grand Total",
            "Department Total",
            "Total Police",
            "police total",
        ] {
            assert!(is_total_measure(name, police), "{name}");
        }
        for name in [
            "Total calls for service",
            "Total library visits",
            "Operating expenditures",
            "Total Fire",
        ] {
            assert!(!is_total_measure(name, police), "{name}");
        }
    }

    use super::*;

    #[test]
    fn headers_match_whatever_their_case_and_punctuation() {
        assert_eq!(role_of("Service Area"), Some(Role::ServiceArea));
        assert_eq!(role_of("DEPT."), Some(Role::ServiceArea));
        assert_eq!(role_of("Measure Name"), Some(Role::Measure));
        assert_eq!(role_of("KPI"), Some(Role::Measure));
        assert_eq!(role_of("Measure_Type"), Some(Role::Kind));
        assert_eq!(role_of("Fiscal Year"), Some(Role::Period));
        assert_eq!(role_of("Calendar Month"), Some(Role::Period));
        assert_eq!(role_of("Actual"), Some(Role::Actual));
        assert_eq!(role_of("Goal"), Some(Role::Target));
        assert_eq!(role_of("Council District"), Some(Role::Breakdown));
        assert_eq!(role_of("National Average"), Some(Role::Comparison));
        assert_eq!(role_of("Data as of"), None);
        // A row type is not a kind: `Measure Type` stays the kind.
        for header in ["cpr_data_type", "Data Type", "Value Type", "Type of value"] {
            assert_eq!(role_of(header), Some(Role::RowType), "{header}");
        }
        assert_eq!(role_of("Measure Type"), Some(Role::Kind));
        assert_eq!(role_of("Type"), Some(Role::Kind));
        // The headers of published layouts: Los Angeles, Austin, Clear Impact, Esri.
        for (header, role) in [
            ("department_name", Role::ServiceArea),
            // A division is a program, read as the area where no department column is.
            ("Measure Division", Role::Program),
            ("performance_measure_name", Role::Measure),
            ("Measure Value", Role::Actual),
            ("Measure Goal", Role::Target),
            ("actual_value_date", Role::Period),
            ("Date Reported", Role::Period),
        ] {
            assert_eq!(role_of(header), Some(role), "{header}");
        }
        // A program is below the department: the area only when no department is there.
        assert_eq!(role_of("program_name"), Some(Role::Program));
        assert_eq!(role_of("Measure Code"), None);
    }

    #[test]
    fn each_role_is_at_its_own_place_in_all() {
        // `RoleColumns` in read.rs indexes an array by `role as usize`.
        for (i, role) in Role::ALL.into_iter().enumerate() {
            assert_eq!(role as usize, i, "{role:?}");
        }
    }

    #[test]
    fn every_synonym_belongs_to_one_role() {
        let mut seen = std::collections::HashMap::new();
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
            for s in synonyms(role) {
                assert_eq!(normalize(s), *s, "{s} is not normalised");
                assert!(seen.insert(*s, role).is_none(), "{s} is in two roles");
            }
        }
    }

    #[test]
    fn kinds_and_their_synonyms() {
        assert_eq!(kind_of("Outcome"), Some(Measure::Outcome));
        assert_eq!(kind_of("effectiveness"), Some(Measure::Outcome));
        assert_eq!(kind_of("Demand"), Some(Measure::Workload));
        assert_eq!(kind_of("Efficiency"), Some(Measure::Efficiency));
        assert_eq!(kind_of("Outcome Measure"), Some(Measure::Outcome));
        assert_eq!(kind_of("Workload measures"), Some(Measure::Workload));
        assert_eq!(kind_of("Measure"), None);
        // Aggregation words describe how a value is computed, not the kind of measure.
        assert_eq!(kind_of("Average"), None);
        assert_eq!(kind_of("Sum"), None);
    }

    #[test]
    fn row_types_send_values_to_the_actual_or_the_target() {
        for t in ["Actual", "ACTUAL", "actuals", "Actual Value"] {
            assert_eq!(row_type_of(t), Some(Series::Actual), "{t}");
        }
        for t in ["Target", "target", "Goal", "Plan", "Budget", "Target value"] {
            assert_eq!(row_type_of(t), Some(Series::Target), "{t}");
        }
        assert_eq!(row_type_of("Estimate"), Some(Series::Other));
        assert_eq!(row_type_of("Number"), None);
        assert_eq!(row_type_of("Value"), None);
    }

    #[test]
    fn directions() {
        assert_eq!(direction_of("Higher is better"), Some(true));
        assert_eq!(direction_of("lower"), Some(false));
        assert_eq!(direction_of("maybe"), None);
        assert_eq!(direction_of("High"), Some(true));
        assert_eq!(direction_of("Less"), Some(false));
    }
}
