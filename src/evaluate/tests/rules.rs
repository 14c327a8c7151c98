//! Every rule kind, judged directly, and the fast path that judges without items.

use super::*;

// --- Every rule kind, directly ----------------------------------------------

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
        among: vec![],
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
    // As of 2021-05-07 the two most recent complete quarters are 2020 Q4 and 2021 Q1.
    assert!(check_rule(
        &r,
        "training: {sessions: [{date: 2021-03-31}, {date: 2020-10-01}]}",
        &[]
    ));
    // A session in the quarter still under way does not stand in for one before it.
    assert!(!check_rule(
        &r,
        "training: {sessions: [{date: 2021-05-01}, {date: 2021-02-01}]}",
        &[]
    ));
}

#[test]
fn rule_survey() {
    let r = Rule::Survey {
        field: Field::EmployeeSurvey,
        months: None,
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

#[test]
fn the_verdict_alone_agrees_with_the_verdict_and_its_items() {
    // AreaNeed::counts (portfolio's fast path) against AreaNeed::judge, over year sets
    // built from every subset of 2014..=2022 with a gap or two, each minimum and age.
    let patterns: Vec<Vec<i32>> = (0u32..512)
        .map(|bits| {
            (0..9)
                .filter(|i| bits & (1 << i) != 0)
                .map(|i| 2014 + i)
                .collect()
        })
        .collect();
    for years in &patterns {
        for measures in [vec![], vec![crate::evidence::Measure::Outcome]] {
            let area = ServiceArea {
                name: crate::evidence::Text("A".into()),
                aliases: Vec::new(),
                years: years.iter().map(|&y| crate::evidence::Year(y)).collect(),
                measures: measures.clone(),
                sources: vec![],
                data: None,
                kind_years: vec![],
                no_kind: None,
            };
            for min_years in 1..=4 {
                for max_age_years in 0..=3 {
                    let need = AreaNeed {
                        as_of_year: 2021,
                        fiscal_year_start: 1,
                        min_years,
                        max_age_years,
                        measure: Some(crate::evidence::Measure::Outcome),
                    };
                    assert_eq!(
                        need.counts(&area),
                        need.judge(&area).0,
                        "{years:?} {measures:?} {min_years} {max_age_years}"
                    );
                }
            }
        }
    }
    // A whole evaluation without items reaches the same verdicts.
    let c = icma("icma-2022");
    for example in [
        riverton(),
        evidence(&areas(6, "[2016, 2018, 2019, 2020]", "[outcome]")),
    ] {
        let with = evaluate(&c, &example, date("2021-05-07"), AsOfSource::Flag);
        let without = evaluate_with(
            &c,
            &example,
            date("2021-05-07"),
            AsOfSource::Flag,
            Options {
                items: false,
                ..Options::default()
            },
        );
        assert_eq!(with.met, without.met);
        assert_eq!(with.readiness, without.readiness);
        assert!(without.findings.iter().all(Vec::is_empty));
    }
}
