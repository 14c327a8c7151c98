//! The Performance Management Spectrum (four stages) and the federal framework (one
//! level) run on the same engine as ICMA: each requirement with a case just inside and
//! just outside it, the cumulative stages, and ICMA files unchanged by the new section;
//! through the binary, both in every output format.

use std::path::Path;

use pmcheck::criteria::{self, Criteria};
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{Date, parse_yaml};

use crate::common::cli::run;

fn load(id: &str) -> Criteria {
    criteria::bundled(id).unwrap()
}

/// Whether requirement `id` of `criteria` is met by the YAML (after `version: 1`).
fn met(criteria: &str, yaml: &str, id: &str) -> bool {
    let c = load(criteria);
    let e = parse_yaml(&format!("version: 1\n{yaml}"), Path::new("t.yaml"))
        .unwrap_or_else(|err| panic!("{err}"));
    let ev = evaluate(&c, &e, Date::parse("2021-05-07").unwrap(), AsOfSource::Flag);
    let i = c.requirements.iter().position(|r| r.id == id).expect(id);
    ev.met[i]
}

fn level_of(criteria: &str, file: &str) -> Option<String> {
    let c = load(criteria);
    let text = std::fs::read_to_string(file).unwrap();
    let e = parse_yaml(&text, Path::new(file)).unwrap();
    let as_of = e.as_of.unwrap();
    let ev = evaluate(&c, &e, as_of, AsOfSource::File);
    ev.level.map(|l| c.levels[l].id.clone())
}

fn areas(n: usize, years: &str, measures: &str) -> String {
    let mut s = String::from("service_areas:\n");
    for i in 0..n {
        s += &format!("  - {{name: A{i}, years: {years}, measures: {measures}}}\n");
    }
    s
}

const S: &str = "spectrum";
const F: &str = "federal";

#[test]
fn spectrum_has_four_stages_and_equal_weights() {
    let c = load(S);
    let ids: Vec<&str> = c.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["basic", "intermediate", "advanced", "excellence"]);
    assert_eq!(c.levels[3].name, "Performance Excellence");
    assert!(
        c.categories
            .iter()
            .all(|x| x.weight == c.categories[0].weight)
    );
    assert!(
        c.disclaimer
            .as_deref()
            .unwrap()
            .contains("not the Alliance's scoring")
    );
}

#[test]
fn spectrum_basic() {
    assert!(met(S, &areas(1, "[2019]", "[]"), "measurement.basic"));
    assert!(!met(S, &areas(1, "[2018]", "[]"), "measurement.basic"));
    assert!(met(
        S,
        "verification: {coordinator: Ana}",
        "leadership_accountability.basic"
    ));
    assert!(!met(
        S,
        "verification: {coordinator: ' '}",
        "leadership_accountability.basic"
    ));
}

#[test]
fn spectrum_intermediate() {
    let four = areas(4, "[2019, 2020]", "[]") + "verification: {data_checked: true}\n";
    assert!(met(S, &four, "measurement.intermediate"));
    assert!(!met(
        S,
        &areas(4, "[2019, 2020]", "[]"),
        "measurement.intermediate"
    ));
    let three = areas(3, "[2019, 2020]", "[]") + "verification: {data_checked: true}\n";
    assert!(!met(S, &three, "measurement.intermediate"));
    let r = "strategic_alignment.intermediate";
    assert!(met(S, "planning_budgeting: {strategic_plan: true}", r));
    assert!(!met(
        S,
        "planning_budgeting: {financial_decisions: true}",
        r
    ));
    let r = "customer_engagement.intermediate";
    assert!(met(
        S,
        "public_reporting: {channels: [website], targets: true}",
        r
    ));
    assert!(!met(S, "public_reporting: {channels: [website]}", r));
    let r = "organizational_learning.intermediate";
    assert!(met(S, "training: {sessions: [{date: 2020-05-07}]}", r));
    assert!(!met(S, "training: {sessions: [{date: 2020-05-06}]}", r));
}

#[test]
fn spectrum_advanced() {
    let r = "decision_making.advanced";
    assert!(met(
        S,
        "planning_budgeting: {management_decisions: true, financial_decisions: true}",
        r
    ));
    assert!(!met(
        S,
        "planning_budgeting: {management_decisions: true}",
        r
    ));
    let r = "leadership_accountability.advanced";
    let quarterly = "accountability:\n  staff_policy: true\n  reviews: [{date: 2020-06-01}, {date: 2020-09-01}, {date: 2020-12-01}, {date: 2021-03-01}]\n";
    assert!(met(S, quarterly, r));
    // Calendar quarters: 2020-09-30 is in Q3, so Q4 2020 would hold no review.
    assert!(met(S, &quarterly.replace("2020-12-01", "2020-10-01"), r));
    assert!(!met(S, &quarterly.replace("2020-12-01", "2020-09-30"), r));
    assert!(!met(
        S,
        &quarterly.replace("staff_policy: true", "staff_policy: false"),
        r
    ));
    let r = "customer_engagement.advanced";
    let engaged = "surveys: {residents: {date: 2021-01-01, published: true}}\npublic_reporting: {narrative: true, comparisons: true}\n";
    assert!(met(S, engaged, r));
    assert!(!met(
        S,
        &engaged.replace("published: true", "published: false"),
        r
    ));
    assert!(!met(
        S,
        &engaged.replace("comparisons: true", "comparisons: false"),
        r
    ));
    let r = "organizational_learning.advanced";
    assert!(met(
        S,
        "networking: {activities: [x]}\ntraining: {new_employees: true}\n",
        r
    ));
    assert!(!met(
        S,
        "networking: {activities: []}\ntraining: {new_employees: true}\n",
        r
    ));
}

#[test]
fn spectrum_excellence() {
    let r = "measurement.excellence";
    assert!(met(S, &areas(6, "[2018, 2019, 2020]", "[outcome]"), r));
    assert!(!met(S, &areas(6, "[2018, 2019, 2020]", "[output]"), r));
    let r = "strategic_alignment.excellence";
    let all = "planning_budgeting: {strategic_plan: true, management_decisions: true, financial_decisions: true}";
    assert!(met(S, all, r));
    assert!(!met(
        S,
        &all.replace("strategic_plan: true", "strategic_plan: false"),
        r
    ));
    let r = "customer_engagement.excellence";
    let eq = "equity: {analysis: true, reported: true, basis: [neighborhood]}\npublic_reporting: {visuals: [dashboard]}\n";
    assert!(met(S, eq, r));
    assert!(!met(
        S,
        &eq.replace("visuals: [dashboard]", "visuals: []"),
        r
    ));
    assert!(!met(
        S,
        &eq.replace("basis: [neighborhood]", "basis: []"),
        r
    ));
    let r = "organizational_learning.excellence";
    let culture = "surveys: {employees: {date: 2021-01-01, published: true}}\nleadership: {internal: true, external: [presentations]}\n";
    assert!(met(S, culture, r));
    assert!(!met(
        S,
        &culture.replace("external: [presentations]", "external: []"),
        r
    ));
    assert!(!met(S, &culture.replace("2021-01-01", "2021-06-01"), r));
    let r = "innovation.excellence";
    assert!(met(S, "initiatives: [lean_six_sigma, geo_mapping]", r));
    assert!(!met(S, "initiatives: [lean_six_sigma]", r));
}

#[test]
fn spectrum_stages_are_cumulative() {
    // Every Performance Excellence requirement met, nothing at Basic: no stage.
    let top = areas(6, "[2018, 2019, 2020]", "[outcome]")
        + "planning_budgeting: {strategic_plan: true, management_decisions: true, financial_decisions: true}\n"
        + "equity: {analysis: true, reported: true, basis: [neighborhood]}\n"
        + "public_reporting: {visuals: [dashboard]}\n"
        + "surveys: {employees: {date: 2021-01-01, published: true}}\n"
        + "leadership: {internal: true, external: [presentations]}\n"
        + "initiatives: [crm, smart_community]\n";
    let c = load(S);
    let e = parse_yaml(&format!("version: 1\n{top}"), Path::new("t.yaml")).unwrap();
    let ev = evaluate(&c, &e, Date::parse("2021-05-07").unwrap(), AsOfSource::Flag);
    assert_eq!(ev.level, None);
    assert!(ev.readiness[3] < 100.0);
}

#[test]
fn the_examples_reach_their_documented_stage_and_level() {
    assert_eq!(
        level_of(S, "examples/cedar-falls-advanced.yaml").as_deref(),
        Some("advanced")
    );
    assert_eq!(
        level_of(S, "examples/riverton-excellence.yaml").as_deref(),
        Some("excellence")
    );
    assert_eq!(
        level_of(F, "examples/agency-aligned.yaml").as_deref(),
        Some("aligned")
    );
    assert_eq!(level_of(F, "examples/riverton-excellence.yaml"), None);
    // The agency file holds no ICMA evidence.
    assert_eq!(level_of("icma-2022", "examples/agency-aligned.yaml"), None);
}

const GOAL: &str = "    - name: Backlog\n      leader: J. Roe\n      reviews: [2020-06-01, 2020-09-01, 2020-12-01, 2021-03-01]\n      publicly_reported: true\n";

fn federal(goals: &str, extra: &str) -> String {
    format!("federal:\n  priority_goals:\n{goals}{extra}")
}

#[test]
fn federal_has_one_level_and_four_elements() {
    let c = load(F);
    assert_eq!(c.levels.len(), 1);
    assert_eq!(c.levels[0].id, "aligned");
    assert_eq!(c.categories.len(), 4);
}

#[test]
fn federal_strategic_alignment() {
    let r = "strategic_alignment.aligned";
    assert!(met(
        F,
        "federal: {strategic_plan: true, strategic_reviews: [2020-05-07]}",
        r
    ));
    assert!(!met(
        F,
        "federal: {strategic_plan: true, strategic_reviews: [2020-05-06]}",
        r
    ));
    assert!(!met(F, "federal: {strategic_reviews: [2021-02-10]}", r));
}

#[test]
fn federal_agency_priorities_need_every_goal_reviewed_each_quarter() {
    let r = "agency_priorities.aligned";
    assert!(met(F, &federal(GOAL, ""), r));
    assert!(!met(F, "federal: {priority_goals: []}", r));
    let second_late = GOAL
        .replace("Backlog", "Appeals")
        .replace("2020-12-01", "2020-09-30");
    assert!(!met(F, &federal(&(GOAL.to_owned() + &second_late), ""), r));
    let second_ok = GOAL.replace("Backlog", "Appeals");
    assert!(met(F, &federal(&(GOAL.to_owned() + &second_ok), ""), r));
}

#[test]
fn federal_cross_agency() {
    let r = "cross_agency.aligned";
    assert!(met(
        F,
        "federal: {cross_agency_goals: [customer experience]}",
        r
    ));
    assert!(!met(F, "federal: {cross_agency_goals: []}", r));
}

#[test]
fn federal_transparency_needs_a_leader_and_public_reporting_for_every_goal() {
    let r = "transparency.aligned";
    assert!(met(F, &federal(GOAL, ""), r));
    assert!(!met(F, &federal(&GOAL.replace("J. Roe", "' '"), ""), r));
    assert!(!met(
        F,
        &federal(
            &GOAL.replace("publicly_reported: true", "publicly_reported: false"),
            ""
        ),
        r
    ));
    assert!(!met(F, "federal: {priority_goals: []}", r));
}

#[test]
fn a_record_field_outside_every_is_a_criteria_error() {
    let text = r#"schema = 1
framework = "x"
version = "1"
title = "t"
[[levels]]
id = "a"
name = "A"
[[categories]]
id = "c"
name = "C"
weight = 1
[[requirements]]
id = "r"
category = "c"
level = "a"
text = "t"
reading = "r"
hint = "h"
rule = { kind = "flag", field = "federal.priority_goals[].publicly_reported" }
"#;
    let err = criteria::parse(text, Path::new("x.toml"), "x".into()).unwrap_err();
    assert!(
        err.to_string()
            .contains("is a field of each record of `federal.priority_goals`"),
        "{err}"
    );
}

#[test]
fn four_stage_and_one_level_frameworks_in_every_format() {
    for (name, file, criteria) in [
        ("spectrum", "examples/cedar-falls-advanced.yaml", "spectrum"),
        ("federal", "examples/agency-aligned.yaml", "federal"),
    ] {
        for format in [
            "table", "markdown", "json", "junit", "sarif", "github", "html",
        ] {
            let r = run(&["evaluate", file, "--criteria", criteria, "--format", format]);
            assert_eq!(r.code, 0, "{name} {format}: {}", r.stderr);
            let stdout = r.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
            insta::assert_snapshot!(format!("{name}_{format}"), stdout);
        }
    }
    let r = run(&[
        "evaluate",
        "examples/cedar-falls-advanced.yaml",
        "-c",
        "spectrum",
        "--require",
        "excellence",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("Required level Performance Excellence: not reached")
    );
}
