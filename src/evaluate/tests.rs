//! Each reading of the ICMA table, with a case just inside and just outside it; the
//! rule kinds (`rules`) and levels, shares and gap order (`levels`) have files of their own.

use std::path::Path;

use super::*;
use crate::criteria::{self, Criteria};
use crate::evidence::{Field, ServiceArea, parse_yaml};

/// Whether `rule` holds.
fn check(rule: &Rule, ctx: &Context<'_>) -> bool {
    judge::judge(rule, ctx, &mut judge::Sink::new(true))
}

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

/// Judges one rule against `yaml` as of 2021-05-07, with `met_so_far` as the results
/// of earlier requirements.
fn check_rule(rule: &Rule, yaml: &str, met_so_far: &[bool]) -> bool {
    let e = evidence(yaml);
    let ctx = Context {
        evidence: &e,
        as_of: date("2021-05-07").0,
        fiscal_year_start: 1,
        requirements: &[],
        met: met_so_far,
        item: None,
    };
    check(rule, &ctx)
}

/// The Riverton example, which meets every requirement.
fn riverton() -> Evidence {
    let text = include_str!("../../examples/riverton-excellence.yaml");
    parse_yaml(text, Path::new("riverton-excellence.yaml")).expect("example parses")
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
fn the_as_of_year_is_the_fiscal_year_the_as_of_date_falls_in() {
    let r = "data_collection.achievement";
    let july = |years: &str| format!("fiscal_year_start: 7\n{}", areas(4, years, "[]"));
    // With July starts, 2026-11-30 is in FY2027: FY2026-FY2027 counts, FY2027-FY2028 not.
    assert!(met_at(&july("[2026, 2027]"), r, "2026-11-30"));
    assert!(!met_at(&july("[2027, 2028]"), r, "2026-11-30"));
    // Just before the fiscal year turns, 2026-06-30 is still in FY2026.
    assert!(!met_at(&july("[2026, 2027]"), r, "2026-06-30"));
    assert!(met_at(&july("[2026, 2027]"), r, "2026-07-01"));
    // Calendar years: 2027 is after 2026.
    assert!(!met_at(&areas(4, "[2026, 2027]", "[]"), r, "2026-11-30"));
    // Staleness counts in the same years: FY2024 is three years before FY2027.
    assert!(!met_at(&july("[2023, 2024]"), r, "2026-11-30"));
    assert!(met_at(&july("[2024, 2025]"), r, "2026-11-30"));
}

#[test]
fn a_fiscal_year_is_never_compared_with_a_calendar_year_in_words() {
    let c = icma("icma-2022");
    let yaml = format!("fiscal_year_start: 7\n{}", areas(1, "[2028]", "[]"));
    let e = evaluate(&c, &evidence(&yaml), date("2026-11-30"), AsOfSource::Flag);
    let warning = e
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::YearAfterAsOf)
        .expect("a year after the as-of year");
    assert_eq!(
        warning.message,
        "service area `Area 0`: year FY2028 is after FY2027 (the fiscal year of the as-of date) and does not count"
    );
    let i = c
        .requirements
        .iter()
        .position(|r| r.id == "data_collection.achievement")
        .unwrap();
    assert_eq!(
        e.findings[i][0].reason,
        "no year up to FY2027; FY2028 is after FY2027 (the fiscal year of the as-of date)"
    );
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
fn service_areas_need_consecutive_years() {
    let r = "data_collection.excellence";
    let six = |years: &str| areas(6, years, "[outcome]");
    // Three years, but far apart: no run of three.
    assert!(!met(&six("[2005, 2012, 2019]"), r));
    assert!(!met(
        &six("[2016, 2018, 2020]"),
        "data_collection.distinction"
    ));
    assert!(met(
        &six("[2016, 2018, 2019, 2020]"),
        "data_collection.distinction"
    ));
    // Two years apart is no run of two for Achievement either.
    assert!(!met(
        &areas(4, "[2018, 2020]", "[]"),
        "data_collection.achievement"
    ));
    // The run's latest year may be two years before the as-of year (2021), not three.
    assert!(met(&six("[2017, 2018, 2019]"), r));
    assert!(!met(&six("[2016, 2017, 2018]"), r));
    // A fresh year does not rescue a stale run: 2014-2016 ended too long ago, and 2020
    // has no run of its own.
    assert!(!met(&six("[2014, 2015, 2016, 2020]"), r));
    // Years after the as-of year break no run and extend none.
    assert!(met(&six("[2019, 2020, 2021, 2022]"), r));
    assert!(!met(
        &six("[2020, 2021, 2022]"),
        "data_collection.distinction"
    ));
}

#[test]
fn each_service_area_says_why_it_counts_or_not() {
    let c = icma("icma-2022");
    let e = evidence(
        "service_areas:
  - {name: Police, years: [2019, 2020, 2021], measures: [outcome]}
  - {name: Parks, years: [2015, 2016, 2017], measures: [outcome]}
  - {name: Fire, years: [2016, 2018, 2020], measures: [outcome]}
  - {name: Roads, years: [2019, 2020, 2021]}
  - {name: Library, years: [2022]}
  - {name: P\u{43e}lice, years: [2019, 2020, 2021], measures: [outcome]}
",
    );
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::Flag);
    let i = c
        .requirements
        .iter()
        .position(|r| r.id == "data_collection.excellence")
        .unwrap();
    let found: Vec<(&str, bool, &str)> = ev.findings[i]
        .iter()
        .map(|f| (f.subject.as_str(), f.counted, f.reason.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Police",
                true,
                "2019–2021: 3 consecutive years, the latest no more than 2 years before 2021"
            ),
            (
                "Parks",
                false,
                "latest year 2017 is more than 2 years before 2021"
            ),
            ("Fire", false, "2016, 2018, 2020 has no 3 consecutive years"),
            ("Roads", false, "no outcome measure"),
            (
                "Library",
                false,
                "no year up to 2021; 2022 is after the as-of year; no outcome measure"
            ),
            (
                "P\u{43e}lice",
                false,
                "looks like `Police`, which is counted already"
            ),
        ]
    );
    assert!(
        ev.findings[i]
            .iter()
            .all(|f| f.field == Some(Field::ServiceAreas))
    );
}

#[test]
fn findings_name_sessions_quarters_surveys_and_groups() {
    let c = icma("icma-2022");
    let e = evidence(
        "training:
  sessions:
    - {date: 2020-05-07, title: Measures 101}
    - {date: 2020-05-06}
accountability:
  reviews:
    - {date: 2020-06-30, with: [department_staff]}
    - {date: 2021-02-01, with: [elected_officials]}
public_reporting: {channels: [budget, other], targets: true}
surveys:
  residents: {date: 2019-05-06, published: true}
  employees: {date: 2019-05-07, published: false}
",
    );
    let ev = evaluate(&c, &e, date("2021-05-07"), AsOfSource::Flag);
    let of = |id: &str| -> Vec<(String, bool, String)> {
        let i = c.requirements.iter().position(|r| r.id == id).unwrap();
        ev.findings[i]
            .iter()
            .map(|f| (f.subject.clone(), f.counted, f.reason.clone()))
            .collect()
    };
    let t = |s: &str, c: bool, r: &str| (s.to_owned(), c, r.to_owned());
    assert_eq!(
        of("training.achievement"),
        [
            t(
                "2020-05-07 Measures 101",
                true,
                "within the 12 months 2020-05-07 to 2021-05-07"
            ),
            t(
                "2020-05-06",
                false,
                "before the 12 months 2020-05-07 to 2021-05-07"
            ),
        ]
    );
    assert_eq!(
        of("accountability.excellence"),
        [
            t("2020-04-01 to 2020-06-30", true, "dated 2020-06-30"),
            t(
                "2020-07-01 to 2020-09-30",
                false,
                "nothing dated in this quarter"
            ),
            t(
                "2020-10-01 to 2020-12-31",
                false,
                "nothing dated in this quarter"
            ),
            t("2021-01-01 to 2021-03-31", true, "dated 2021-02-01"),
            t(
                "internal reviews of performance data with department_staff",
                true,
                "with them on 2020-06-30"
            ),
            t(
                "internal reviews of performance data with elected_officials",
                true,
                "with them on 2021-02-01"
            ),
        ]
    );
    assert_eq!(
        of("surveying.excellence"),
        [
            t(
                "resident satisfaction survey",
                false,
                "dated 2019-05-06, before the 24 months 2019-05-07 to 2021-05-07"
            ),
            t(
                "employee (internal customer) survey",
                false,
                "not published"
            ),
        ]
    );
    let pr = of("public_reporting.achievement");
    assert_eq!(pr.len(), 3);
    assert!(pr[0].1 && pr[0].2 == "listed: budget", "{pr:?}");
    assert!(!pr[1].1, "{pr:?}");
    assert_eq!(
        pr[1].2,
        "none of these is listed; budget, other does not count here"
    );
    assert!(pr[2].1, "{pr:?}");
    let training = c
        .requirements
        .iter()
        .position(|r| r.id == "training.excellence")
        .unwrap();
    let follows: Vec<&str> = ev
        .follows_from(training)
        .iter()
        .map(|&i| c.requirements[i].id.as_str())
        .collect();
    assert_eq!(follows, ["training.achievement", "training.distinction"]);
}

#[test]
fn surveys_count_for_24_months_to_the_day() {
    let r = "surveying.excellence";
    let both = |residents: &str| {
        format!(
            "surveys:\n  residents: {{date: {residents}, published: true}}\n  employees: {{date: 2020-11-02, published: true}}\n"
        )
    };
    assert!(met(&both("2019-05-07"), r));
    assert!(!met(&both("2019-05-06"), r));
    assert!(!met(&both("1990-01-01"), r));
    // A biennial cycle always qualifies: the day after the previous survey turned two.
    assert!(met_at(&both("2019-05-07"), r, "2021-05-07"));
    // The end of February: 24 months before 2022-02-28 is 2020-02-28.
    assert!(met_at(&both("2020-02-28"), r, "2022-02-28"));
    assert!(!met_at(&both("2020-02-27"), r, "2022-02-28"));
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
        among: vec![],
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
fn public_reporting_achievement_needs_both_sentences_and_targets() {
    let r = "public_reporting.achievement";
    let pr = |channels: &str, targets: bool| {
        met(
            &format!("public_reporting: {{channels: {channels}, targets: {targets}}}"),
            r,
        )
    };
    // A document or media channel and a sharing channel, with targets.
    for document in [
        "budget",
        "report",
        "newsletter",
        "local_media",
        "social_media",
    ] {
        for sharing in ["website", "mailing", "public_meeting"] {
            assert!(
                pr(&format!("[{document}, {sharing}]"), true),
                "{document} {sharing}"
            );
            assert!(!pr(&format!("[{document}]"), true), "{document} alone");
            assert!(!pr(&format!("[{sharing}]"), true), "{sharing} alone");
        }
    }
    assert!(!pr("[budget, website]", false));
    // `other` counts for neither sentence.
    assert!(!pr("[other, website]", true));
    assert!(!pr("[budget, other]", true));
    assert!(!pr("[]", true));
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
fn public_reporting_excellence_needs_highlighting_visuals() {
    let r = "public_reporting.excellence";
    for visual in ["graphs", "color_coding", "dashboard", "maps"] {
        assert!(
            met(
                &format!("public_reporting: {{highlights: true, visuals: [{visual}]}}"),
                r
            ),
            "{visual}"
        );
        // A chart that highlights nothing is "simply providing a data table".
        assert!(
            !met(&format!("public_reporting: {{visuals: [{visual}]}}"), r),
            "{visual}"
        );
    }
    assert!(!met(
        "public_reporting: {highlights: true, visuals: [other]}",
        r
    ));
    assert!(!met("public_reporting: {highlights: true, visuals: []}", r));
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
fn accountability_excellence_needs_a_review_in_each_of_four_complete_quarters() {
    let r = "accountability.excellence";
    // As of 2021-05-07 the complete quarters are 2020 Q2, Q3, Q4 and 2021 Q1; 2021 Q2
    // is under way and does not count.
    let both = "[department_staff, elected_officials]";
    let quarterly = [
        ("2020-06-30", both),
        ("2020-07-01", "[department_staff]"),
        ("2020-12-31", "[department_staff]"),
        ("2021-01-01", "[department_staff]"),
    ];
    assert!(met(&reviews(&quarterly), r));
    // The first quarter starts on 2020-04-01; 2020-03-31 belongs to the quarter before.
    let mut early = quarterly;
    early[3].1 = both;
    early[0].0 = "2020-04-01";
    assert!(met(&reviews(&early), r));
    early[0].0 = "2020-03-31";
    assert!(!met(&reviews(&early), r));
    // One quarter empty: two reviews in the same quarter do not make up for it.
    let mut gap = quarterly;
    gap[2].0 = "2020-09-30";
    assert!(!met(&reviews(&gap), r));
    // A review in the quarter under way does not stand in for a complete one.
    let mut current = quarterly;
    current[3].0 = "2021-04-01";
    assert!(!met(&reviews(&current), r));
    // Elected officials must take part in a review within the 12 months up to the
    // as-of date (2020-05-07 to 2021-05-07).
    let mut staff_only = quarterly;
    staff_only[0].1 = "[department_staff]";
    assert!(!met(&reviews(&staff_only), r));
    let mut with_officials = staff_only;
    with_officials[3].1 = both;
    assert!(met(&reviews(&with_officials), r));
    let both_early = [("2020-05-07", both), ("2020-05-06", both)];
    let officials = |first: (&str, &str)| {
        let mut list = staff_only;
        list[0] = first;
        met(&reviews(&list), r)
    };
    assert!(officials(both_early[0]));
    assert!(!officials(both_early[1]));
}

#[test]
fn the_quarter_that_ends_on_the_as_of_date_is_complete() {
    let r = "accountability.excellence";
    let both = "[department_staff, elected_officials]";
    let list = [
        ("2020-09-01", both),
        ("2020-12-01", both),
        ("2021-03-01", both),
        ("2021-06-30", both),
    ];
    // As of 2021-06-30 the quarter 2021 Q2 has ended: 2020 Q3 to 2021 Q2.
    assert!(met_at(&reviews(&list), r, "2021-06-30"));
    // A day earlier it is under way, and 2020 Q2 (empty here) is needed instead.
    assert!(!met_at(&reviews(&list), r, "2021-06-29"));
}

#[test]
fn fiscal_quarters_follow_fiscal_year_start() {
    let r = "accountability.excellence";
    let both = "[department_staff, elected_officials]";
    // Fiscal year starting in February: quarters Feb-Apr, May-Jul, Aug-Oct, Nov-Jan.
    // As of 2021-05-07 the complete ones are 2020-05..07, 08..10, 11..01, 2021-02..04.
    let list = [
        ("2020-05-01", both),
        ("2020-08-01", both),
        ("2021-01-31", both),
        ("2021-04-30", both),
    ];
    let fiscal = format!("fiscal_year_start: 2\n{}", reviews(&list));
    assert!(met(&fiscal, r));
    // In calendar quarters 2020 Q2 holds none (2020-05-01 is in it, but 2021 Q1 holds
    // 2021-01-31 and 2020 Q3 holds 2020-08-01; 2020 Q4 holds nothing).
    assert!(!met(&reviews(&list), r));
    let quarters = complete_quarters(date("2021-05-07").0, 2, 4);
    let shown: Vec<String> = quarters
        .iter()
        .map(|(a, b)| format!("{} to {}", Date(*a), Date(*b)))
        .collect();
    assert_eq!(
        shown,
        [
            "2020-05-01 to 2020-07-31",
            "2020-08-01 to 2020-10-31",
            "2020-11-01 to 2021-01-31",
            "2021-02-01 to 2021-04-30"
        ]
    );
    // July and October start quarters on the calendar's boundaries.
    for start in [1, 4, 7, 10] {
        assert_eq!(
            complete_quarters(date("2021-05-07").0, start, 1),
            [(date("2021-01-01").0, date("2021-03-31").0)]
        );
    }
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
    let all = "[networking, presentations, data_sharing]";
    assert!(met(
        &format!("leadership: {{internal: true, external: {all}}}"),
        r
    ));
    // "networking, presentations, and data sharing": all three.
    for missing in ["networking", "presentations", "data_sharing"] {
        let two = all
            .replace(&format!("{missing}, "), "")
            .replace(&format!(", {missing}"), "");
        assert!(
            !met(
                &format!("leadership: {{internal: true, external: {two}}}"),
                r
            ),
            "{missing}"
        );
    }
    assert!(!met(
        "leadership: {internal: true, external: [other, presentations]}",
        r
    ));
    assert!(!met("leadership: {internal: true}", r));
    assert!(!met(&format!("leadership: {{external: {all}}}"), r));
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

mod levels;
mod rules;
mod targets;
