//! Each reading of the ICMA table, with a case just inside and just outside it,
//! plus every rule kind, the cumulative levels, weights and gap order.

use std::path::Path;

use super::*;
use crate::criteria::{self, Criteria};
use crate::evidence::parse_yaml;

fn icma(version: &str) -> Criteria {
    criteria::bundled(version).expect("bundled criteria are valid")
}

fn evidence(yaml: &str) -> Evidence {
    parse_yaml(&format!("version: 1\n{yaml}"), Path::new("test.yaml"))
        .unwrap_or_else(|e| panic!("test evidence must parse: {e}"))
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

/// Evaluates against ICMA 2022 as of 2021-05-07 and returns whether `id` is met.
fn met_at(yaml: &str, id: &str, as_of: &str) -> bool {
    let c = icma("icma-2022");
    let e = evaluate(&c, &evidence(yaml), date(as_of), AsOfSource::Flag);
    let i = c
        .requirements
        .iter()
        .position(|r| r.id == id)
        .unwrap_or_else(|| panic!("no requirement {id}"));
    e.met[i]
}

fn met(yaml: &str, id: &str) -> bool {
    met_at(yaml, id, "2021-05-07")
}

fn areas(n: usize, years: &str, measures: &str) -> String {
    let mut s = String::from("service_areas:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - name: Area {i}\n    years: {years}\n    measures: {measures}\n"
        ));
    }
    s
}

// --- Data Collection --------------------------------------------------------

#[test]
fn data_collection_achievement_needs_four_areas_with_two_years() {
    assert!(met(
        &areas(4, "[2019, 2020]", "[]"),
        "data_collection.achievement"
    ));
    assert!(!met(
        &areas(3, "[2019, 2020]", "[]"),
        "data_collection.achievement"
    ));
    assert!(!met(
        &areas(4, "[2020]", "[]"),
        "data_collection.achievement"
    ));
    // Repeated years are one year.
    assert!(!met(
        &areas(4, "[2020, 2020]", "[]"),
        "data_collection.achievement"
    ));
}

#[test]
fn years_after_the_as_of_year_do_not_count() {
    assert!(!met(
        &areas(4, "[2021, 2022]", "[]"),
        "data_collection.achievement"
    ));
    assert!(met(
        &areas(4, "[2020, 2021, 2022]", "[]"),
        "data_collection.achievement"
    ));
}

#[test]
fn stale_service_areas_do_not_count() {
    // As of 2021: a latest year of 2019 is two years before (counts); 2018 is three.
    assert!(met(
        &areas(4, "[2018, 2019]", "[]"),
        "data_collection.achievement"
    ));
    assert!(!met(
        &areas(4, "[2017, 2018]", "[]"),
        "data_collection.achievement"
    ));
}

#[test]
fn data_collection_distinction_needs_six_areas_with_three_years() {
    assert!(met(
        &areas(6, "[2018, 2019, 2020]", "[]"),
        "data_collection.distinction"
    ));
    assert!(!met(
        &areas(5, "[2018, 2019, 2020]", "[]"),
        "data_collection.distinction"
    ));
    assert!(!met(
        &areas(6, "[2019, 2020]", "[]"),
        "data_collection.distinction"
    ));
}

#[test]
fn data_collection_excellence_needs_outcome_measures_in_six_areas() {
    let six = areas(6, "[2018, 2019, 2020]", "[output, outcome]");
    assert!(met(&six, "data_collection.excellence"));
    let mut five = areas(5, "[2018, 2019, 2020]", "[output, outcome]");
    five.push_str("  - name: Other\n    years: [2018, 2019, 2020]\n    measures: [output]\n");
    assert!(!met(&five, "data_collection.excellence"));
    assert!(met(&five, "data_collection.distinction"));
}

#[test]
fn service_areas_whose_names_look_alike_count_once() {
    let four = |fourth: &str| {
        format!(
            "service_areas:\n  - {{name: Police, years: [2019, 2020]}}\n  - {{name: Fire, years: [2019, 2020]}}\n  - {{name: Parks, years: [2019, 2020]}}\n  - {{name: {fourth}, years: [2019, 2020]}}\n"
        )
    };
    assert!(met(&four("Library"), "data_collection.achievement"));
    // A Cyrillic `о`: allowed, but the same-looking area counts once.
    assert!(!met(&four("P\u{43e}lice"), "data_collection.achievement"));
    assert!(!met(&four("PARK\u{405}"), "data_collection.achievement"));
    let not_empty = Rule::NotEmpty {
        field: Field::ServiceAreas,
        min: 4,
    };
    assert!(check_rule(&not_empty, &four("Library"), &[]));
    assert!(!check_rule(&not_empty, &four("P\u{43e}lice"), &[]));
}

// --- Verification and Coordination ------------------------------------------

#[test]
fn verification_needs_data_checked_and_a_named_coordinator() {
    assert!(met(
        "verification: {data_checked: true}",
        "verification.data_checked"
    ));
    assert!(!met(
        "verification: {data_checked: false}",
        "verification.data_checked"
    ));
    assert!(met(
        "verification: {coordinator: Dana}",
        "verification.coordinator"
    ));
    assert!(!met(
        "verification: {coordinator: '   '}",
        "verification.coordinator"
    ));
    assert!(!met(
        "verification: {coordinator: ''}",
        "verification.coordinator"
    ));
    assert!(!met("verification: {}", "verification.coordinator"));
}

// --- Training/Support -------------------------------------------------------

#[test]
fn training_session_must_fall_in_the_twelve_months_up_to_the_as_of_date() {
    let session = |d: &str| format!("training:\n  sessions:\n    - date: {d}\n");
    assert!(met(&session("2020-05-07"), "training.achievement"));
    assert!(!met(&session("2020-05-06"), "training.achievement"));
    assert!(met(&session("2021-05-07"), "training.achievement"));
    assert!(!met(&session("2021-05-08"), "training.achievement"));
    let external = "training:\n  sessions:\n    - {date: 2021-01-10, external: true}\n";
    assert!(met(external, "training.achievement"));
}

#[test]
fn training_distinction_and_excellence() {
    assert!(met(
        "training: {new_employees: true}",
        "training.distinction"
    ));
    assert!(!met(
        "training: {new_employees: false}",
        "training.distinction"
    ));
    let both = "training:\n  new_employees: true\n  sessions: [{date: 2021-01-10}]\n";
    assert!(met(both, "training.excellence"));
    assert!(!met(
        "training: {new_employees: true}",
        "training.excellence"
    ));
    assert!(!met(
        "training:\n  sessions: [{date: 2021-01-10}]\n",
        "training.excellence"
    ));
}

// --- Public Reporting -------------------------------------------------------

#[test]
fn public_reporting_achievement_needs_a_channel_and_targets() {
    let r = "public_reporting.achievement";
    assert!(met(
        "public_reporting: {channels: [website], targets: true}",
        r
    ));
    assert!(!met(
        "public_reporting: {channels: [website], targets: false}",
        r
    ));
    assert!(!met("public_reporting: {channels: [], targets: true}", r));
}

#[test]
fn public_reporting_distinction_needs_all_four() {
    let r = "public_reporting.distinction";
    let all = "public_reporting: {past_performance: true, comparisons: true, narrative: true, searchable: true}";
    assert!(met(all, r));
    for missing in ["past_performance", "comparisons", "narrative", "searchable"] {
        let three = all.replace(&format!("{missing}: true"), &format!("{missing}: false"));
        assert!(!met(&three, r), "{missing}");
    }
}

#[test]
fn public_reporting_excellence_needs_a_visual() {
    let r = "public_reporting.excellence";
    assert!(met("public_reporting: {visuals: [dashboard]}", r));
    assert!(!met("public_reporting: {visuals: []}", r));
}

// --- Accountability ---------------------------------------------------------

fn reviews(dates: &[(&str, &str)]) -> String {
    let mut s = String::from("accountability:\n  reviews:\n");
    for (d, with) in dates {
        s.push_str(&format!("    - date: {d}\n      with: {with}\n"));
    }
    s
}

#[test]
fn accountability_distinction_needs_a_staff_policy() {
    assert!(met(
        "accountability: {staff_policy: true}",
        "accountability.distinction"
    ));
    assert!(!met("accountability: {}", "accountability.distinction"));
}

#[test]
fn accountability_excellence_needs_a_review_in_each_of_four_quarters() {
    let r = "accountability.excellence";
    // As of 2021-05-07 the periods are (02-07, 05-07], (11-07, 02-07],
    // (08-07, 11-07] and (2020-05-07, 08-07].
    let both = "[department_staff, elected_officials]";
    let quarterly = [
        ("2020-05-08", both),
        ("2020-08-08", "[department_staff]"),
        ("2020-11-08", "[department_staff]"),
        ("2021-05-07", "[department_staff]"),
    ];
    assert!(met(&reviews(&quarterly), r));
    // The first period excludes its start date.
    let mut late = quarterly;
    late[0].0 = "2020-05-07";
    assert!(!met(&reviews(&late), r));
    // A period's end date belongs to it: 2020-11-07 closes the third period.
    let mut boundary = quarterly;
    boundary[2].0 = "2020-11-07";
    assert!(!met(&reviews(&boundary), r));
    // One quarter empty: two reviews in the same period do not make up for it.
    let mut gap = quarterly;
    gap[2].0 = "2020-08-20";
    assert!(!met(&reviews(&gap), r));
    // Elected officials must take part in at least one of them.
    let mut staff_only = quarterly;
    staff_only[0].1 = "[department_staff]";
    assert!(!met(&reviews(&staff_only), r));
    // A review after the as-of date does not fill the last period.
    let mut future = quarterly;
    future[3].0 = "2021-05-08";
    assert!(!met(&reviews(&future), r));
}

// --- Networking, Planning, Equity, Leadership, Surveying --------------------

#[test]
fn networking_needs_an_activity() {
    assert!(met(
        "networking: {activities: [Talk at the league]}",
        "networking.distinction"
    ));
    assert!(!met(
        "networking: {activities: []}",
        "networking.distinction"
    ));
}

#[test]
fn planning_needs_any_one_of_three() {
    let r = "planning_budgeting.distinction";
    for flag in [
        "strategic_plan",
        "management_decisions",
        "financial_decisions",
    ] {
        assert!(
            met(&format!("planning_budgeting: {{{flag}: true}}"), r),
            "{flag}"
        );
    }
    assert!(!met("planning_budgeting: {}", r));
}

#[test]
fn equity_needs_analysis_reporting_and_a_basis() {
    let r = "equity.excellence";
    assert!(met(
        "equity: {analysis: true, reported: true, basis: [neighborhood]}",
        r
    ));
    assert!(!met(
        "equity: {analysis: true, reported: true, basis: []}",
        r
    ));
    assert!(!met("equity: {analysis: true, basis: [demographic]}", r));
    assert!(!met("equity: {reported: true, basis: [demographic]}", r));
}

#[test]
fn leadership_needs_internal_and_external() {
    let r = "leadership.excellence";
    assert!(met(
        "leadership: {internal: true, external: [presentations]}",
        r
    ));
    assert!(!met("leadership: {internal: true}", r));
    assert!(!met("leadership: {external: [presentations]}", r));
}

#[test]
fn surveying_needs_both_surveys_conducted_and_published() {
    let r = "surveying.excellence";
    let both = "surveys:\n  residents: {date: 2020-09-15, published: true}\n  employees: {date: 2020-11-02, published: true}\n";
    assert!(met(both, r));
    assert!(!met(
        &both.replace(
            "published: true}\n  employees",
            "published: false}\n  employees"
        ),
        r
    ));
    assert!(!met(
        "surveys:\n  residents: {date: 2020-09-15, published: true}\n",
        r
    ));
    assert!(!met(&both.replace("2020-11-02", "2021-05-08"), r));
    assert!(met(&both.replace("2020-11-02", "2021-05-07"), r));
}

// --- Levels, optional Equity, weights, gaps, warnings -----------------------

fn riverton() -> Evidence {
    let text = include_str!("../../examples/riverton-excellence.yaml");
    parse_yaml(text, Path::new("riverton-excellence.yaml")).expect("example parses")
}

#[test]
fn levels_are_cumulative() {
    // Every Excellence requirement met, but no staff policy (Distinction).
    let mut e = riverton();
    e.accountability.staff_policy = false;
    let c = icma("icma-2022");
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::File);
    assert_eq!(ev.level, c.level_index("achievement"));
    assert!(ev.readiness[2] < 100.0 && ev.readiness[0] == 100.0);
}

#[test]
fn equity_is_optional_in_2021_and_required_in_2022() {
    let mut e = riverton();
    e.equity = Default::default();
    let c21 = icma("icma-2021");
    let c22 = icma("icma-2022");
    let r21 = evaluate(&c21, &e, date("2021-05-07"), AsOfSource::File);
    let r22 = evaluate(&c22, &e, date("2021-05-07"), AsOfSource::File);
    assert_eq!(r21.level, c21.level_index("excellence"));
    assert_eq!(r22.level, c22.level_index("distinction"));
    assert_eq!(r21.readiness[2], 100.0);
    assert!(r22.readiness[2] < 100.0);
    // In 2021 the unmet Equity requirement is still listed, as an optional gap.
    let gap = &c21.requirements[r21.gaps[0]];
    assert_eq!((gap.id.as_str(), gap.optional), ("equity.excellence", true));
    assert_eq!(
        r21.status(
            c21.categories
                .iter()
                .position(|c| c.id == "equity")
                .unwrap(),
            2
        ),
        Status::OptionalGap
    );
}

#[test]
fn the_2022_criteria_differ_from_2021_only_in_equity() {
    let (a, b) = (icma("icma-2021"), icma("icma-2022"));
    assert_eq!(a.levels, b.levels);
    assert_eq!(a.categories, b.categories);
    assert_eq!(a.requirements.len(), b.requirements.len());
    for (x, y) in a.requirements.iter().zip(&b.requirements) {
        if x.id == "equity.excellence" {
            assert!(x.optional && !y.optional);
            assert_eq!((&x.text, &x.rule, x.level), (&y.text, &y.rule, y.level));
        } else {
            assert_eq!(x, y);
        }
    }
}

#[test]
fn as_of_precedence_is_flag_then_file_then_today() {
    let (flag, file, today) = (date("2021-01-01"), date("2020-01-01"), date("2019-01-01"));
    assert_eq!(
        resolve_as_of(Some(flag), Some(file), today.0),
        (flag, AsOfSource::Flag)
    );
    assert_eq!(
        resolve_as_of(None, Some(file), today.0),
        (file, AsOfSource::File)
    );
    assert_eq!(
        resolve_as_of(None, None, today.0),
        (today, AsOfSource::Today)
    );
}

#[test]
fn public_reporting_is_one_third_of_the_weight() {
    for c in [icma("icma-2021"), icma("icma-2022")] {
        let total: f64 = c.categories.iter().map(|c| c.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
        for cat in &c.categories {
            let expected = if cat.id == "public_reporting" {
                1.0 / 3.0
            } else {
                2.0 / 27.0
            };
            assert!((cat.share - expected).abs() < 1e-9, "{}", cat.id);
        }
    }
}

#[test]
fn a_public_reporting_gap_costs_more_than_a_networking_gap() {
    let c = icma("icma-2022");
    let as_of = date("2021-05-07");
    let mut no_networking = riverton();
    no_networking.networking = Default::default();
    let mut no_reporting = riverton();
    no_reporting.public_reporting.comparisons = false;
    let a = evaluate(&c, &no_networking, as_of, AsOfSource::File);
    let b = evaluate(&c, &no_reporting, as_of, AsOfSource::File);
    let distinction = c.level_index("distinction").unwrap();
    assert!(b.readiness[distinction] < a.readiness[distinction]);
    // Distinction: 7 categories weigh 9 + 6 * 2 = 21; public reporting has 2
    // requirements at or below it, networking 1.
    assert_eq!(a.readiness[distinction], 90.5); // 1 - 2/21
    assert_eq!(b.readiness[distinction], 78.6); // 1 - 4.5/21
}

#[test]
fn gaps_are_ordered_nearest_level_first_then_by_weight() {
    let c = icma("icma-2022");
    let e = evidence("networking: {activities: [x]}");
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::Flag);
    let ids: Vec<&str> = ev
        .gaps
        .iter()
        .map(|&g| c.requirements[g].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "public_reporting.achievement",
            "data_collection.achievement",
            "verification.data_checked",
            "verification.coordinator",
            "training.achievement",
            "public_reporting.distinction",
            "data_collection.distinction",
            "training.distinction",
            "accountability.distinction",
            "planning_budgeting.distinction",
            "public_reporting.excellence",
            "data_collection.excellence",
            "training.excellence",
            "accountability.excellence",
            "equity.excellence",
            "leadership.excellence",
            "surveying.excellence",
        ]
    );
}

#[test]
fn a_category_with_nothing_met_up_to_the_next_level_is_a_disqualification_risk() {
    let c = icma("icma-2022");
    let mut e = riverton();
    e.surveys = Default::default();
    e.leadership.external.clear();
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::File);
    let flagged: Vec<_> = ev
        .warnings
        .iter()
        .filter_map(|w| w.category.as_deref())
        .collect();
    assert_eq!(flagged, ["leadership", "surveying"]);
    // With everything met, there is no such warning.
    let full = evaluate(&c, &riverton(), date("2021-05-07"), AsOfSource::File);
    assert!(full.warnings.is_empty());
}

#[test]
fn items_after_the_as_of_date_are_named_in_warnings() {
    let c = icma("icma-2022");
    let e = evidence(
        "service_areas:\n  - {name: Parks, years: [2020, 2022]}\ntraining:\n  sessions: [{date: 2021-06-01, title: Late}]\naccountability:\n  reviews: [{date: 2021-09-01}]\nsurveys:\n  residents: {date: 2021-12-01, published: true}\n",
    );
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::Flag);
    let messages: Vec<&str> = ev.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.contains(
        &"service area `Parks`: year 2022 is after the as-of year 2021 and does not count"
    ));
    assert!(messages.contains(&"training session `Late` dated 2021-06-01 is after the as-of date 2021-05-07 and does not count"));
    assert!(messages.contains(
        &"review dated 2021-09-01 is after the as-of date 2021-05-07 and does not count"
    ));
    assert!(messages.contains(
        &"resident survey dated 2021-12-01 is after the as-of date 2021-05-07 and does not count"
    ));
}

#[test]
fn blocking_gaps_and_the_ci_target() {
    let c = icma("icma-2021");
    let mut e = riverton();
    e.equity = Default::default();
    e.accountability.staff_policy = false;
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::File);
    let idx = |id: &str| c.requirements.iter().position(|r| r.id == id).unwrap();
    // Achievement reached; the next level, Distinction, is the default target.
    assert_eq!(ev.target_or_next(None), 1);
    assert_eq!(ev.target_or_next(Some(2)), 2);
    assert!(ev.blocks(idx("accountability.distinction"), 1));
    assert!(
        !ev.blocks(idx("accountability.distinction"), 0),
        "above the target"
    );
    assert!(!ev.blocks(idx("equity.excellence"), 2), "optional in 2021");
    assert!(!ev.blocks(idx("surveying.excellence"), 2), "met");
    let full = evaluate(&c, &riverton(), date("2021-05-07"), AsOfSource::File);
    assert_eq!(
        full.target_or_next(None),
        2,
        "the top level once all are reached"
    );
}

// --- Every rule kind, directly ----------------------------------------------

fn check_rule(rule: &Rule, yaml: &str, met_so_far: &[bool]) -> bool {
    let e = evidence(yaml);
    let ctx = Context {
        evidence: &e,
        as_of: date("2021-05-07").0,
        met: met_so_far,
        item: None,
    };
    check(rule, &ctx)
}

#[test]
fn rule_flag() {
    let r = Rule::Flag {
        field: Field::StaffPolicy,
    };
    assert!(check_rule(&r, "accountability: {staff_policy: true}", &[]));
    assert!(!check_rule(&r, "", &[]));
}

#[test]
fn rule_not_empty_with_min() {
    let r = Rule::NotEmpty {
        field: Field::Initiatives,
        min: 2,
    };
    assert!(check_rule(
        &r,
        "initiatives: [crm, {other: Open data}]",
        &[]
    ));
    assert!(!check_rule(&r, "initiatives: [crm]", &[]));
    // The same initiative twice is one initiative.
    assert!(!check_rule(&r, "initiatives: [crm, crm]", &[]));
    assert!(!check_rule(
        &r,
        "initiatives: [{other: Open data}, {other: open data}]",
        &[]
    ));
}

#[test]
fn rule_service_areas_with_max_age() {
    let r = Rule::ServiceAreas {
        min_areas: 1,
        min_years: 1,
        max_age_years: 0,
        measure: None,
    };
    assert!(check_rule(
        &r,
        "service_areas: [{name: A, years: [2021]}]",
        &[]
    ));
    assert!(!check_rule(
        &r,
        "service_areas: [{name: A, years: [2020]}]",
        &[]
    ));
}

#[test]
fn rule_recent_event() {
    let r = Rule::RecentEvent {
        field: Field::Reviews,
        months: 1,
    };
    assert!(check_rule(
        &r,
        "accountability: {reviews: [{date: 2021-04-07}]}",
        &[]
    ));
    assert!(!check_rule(
        &r,
        "accountability: {reviews: [{date: 2021-04-06}]}",
        &[]
    ));
}

#[test]
fn rule_quarterly_without_participants() {
    let r = Rule::Quarterly {
        field: Field::TrainingSessions,
        quarters: 2,
        with_all: vec![],
    };
    assert!(check_rule(
        &r,
        "training: {sessions: [{date: 2021-05-01}, {date: 2020-12-01}]}",
        &[]
    ));
    assert!(!check_rule(
        &r,
        "training: {sessions: [{date: 2021-05-01}, {date: 2021-04-01}]}",
        &[]
    ));
}

#[test]
fn rule_survey() {
    let r = Rule::Survey {
        field: Field::EmployeeSurvey,
    };
    assert!(check_rule(
        &r,
        "surveys: {employees: {date: 2021-01-01, published: true}}",
        &[]
    ));
    assert!(!check_rule(
        &r,
        "surveys: {employees: {date: 2021-01-01}}",
        &[]
    ));
}

#[test]
fn rule_all_of_and_any_of() {
    let a = Rule::Flag {
        field: Field::Targets,
    };
    let b = Rule::Flag {
        field: Field::Narrative,
    };
    let yaml = "public_reporting: {targets: true}";
    assert!(!check_rule(
        &Rule::AllOf(vec![a.clone(), b.clone()]),
        yaml,
        &[]
    ));
    assert!(check_rule(
        &Rule::AnyOf(vec![a.clone(), b.clone()]),
        yaml,
        &[]
    ));
    assert!(check_rule(&Rule::AllOf(vec![a]), yaml, &[]));
    assert!(!check_rule(&Rule::AnyOf(vec![b]), yaml, &[]));
}

#[test]
fn rule_requirements_met() {
    let r = Rule::RequirementsMet(vec![0, 2]);
    assert!(check_rule(&r, "", &[true, false, true]));
    assert!(!check_rule(&r, "", &[true, true, false]));
}
