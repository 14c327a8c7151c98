//! Properties over random valid evidence, for every bundled criteria: evaluation never
//! panics, levels are cumulative, more evidence never lowers a level or a readiness,
//! output is deterministic, and the JSON output always reads back as contract v1.

use chrono::NaiveDate;
use proptest::prelude::*;

use pmcheck::criteria::{self, Criteria};
use pmcheck::evaluate::{AsOfSource, Evaluation, Options, evaluate_with};
use pmcheck::evidence::*;
use pmcheck::report::{self, EvaluateFormat as Format, RenderOptions};

use crate::common;

fn date() -> impl Strategy<Value = Date> {
    (2019i32..=2022, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
}

fn text(prefix: &'static str) -> impl Strategy<Value = Text> {
    (0u32..1000).prop_map(move |n| Text(format!("{prefix} {n}")))
}

fn subset<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    proptest::sample::subsequence(all.to_vec(), 0..=all.len())
}

const MEASURES: &[Measure] = &[
    Measure::Input,
    Measure::Output,
    Measure::Workload,
    Measure::Efficiency,
    Measure::Outcome,
];
const CHANNELS: &[Channel] = &[
    Channel::Budget,
    Channel::Website,
    Channel::PublicMeeting,
    Channel::Report,
];
const VISUALS: &[Visual] = &[Visual::Graphs, Visual::ColorCoding, Visual::Dashboard];
const PARTICIPANTS: &[Participant] = &[
    Participant::DepartmentStaff,
    Participant::ElectedOfficials,
    Participant::Executives,
];
const BASES: &[EquityBasis] = &[EquityBasis::Neighborhood, EquityBasis::Demographic];
const EXTERNAL: &[ExternalLeadership] = &[
    ExternalLeadership::Presentations,
    ExternalLeadership::DataSharing,
];

fn service_area(n: usize) -> impl Strategy<Value = ServiceArea> {
    (
        subset(&[2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]),
        subset(MEASURES),
        any::<bool>(),
    )
        .prop_map(move |(years, measures, cited)| ServiceArea {
            name: Text(format!("Area {n}")),
            aliases: Vec::new(),
            no_kind: None,
            years: years.into_iter().map(Year).collect(),
            measures,
            sources: if cited {
                vec![Text("report.pdf".into())]
            } else {
                vec![]
            },
            data: None,
            kind_years: vec![],
        })
}

fn review() -> impl Strategy<Value = Review> {
    (date(), subset(PARTICIPANTS)).prop_map(|(date, with)| Review { date, with })
}

fn session() -> impl Strategy<Value = Session> {
    (date(), any::<bool>()).prop_map(|(date, external)| Session {
        date,
        title: None,
        external,
    })
}

fn survey() -> impl Strategy<Value = Survey> {
    (date(), any::<bool>()).prop_map(|(date, published)| Survey { date, published })
}

/// A known initiative or another one with a name.
fn initiative() -> impl Strategy<Value = Initiative> {
    prop_oneof![
        proptest::sample::select(Initiative::KNOWN.to_vec()),
        text("Initiative").prop_map(Initiative::Other),
    ]
}

fn sources() -> impl Strategy<Value = Vec<Text>> {
    prop_oneof![Just(vec![]), Just(vec![Text("https://example.gov".into())])]
}

fn goal() -> impl Strategy<Value = PriorityGoal> {
    (
        text("Goal"),
        proptest::option::of(text("Leader")),
        proptest::collection::vec(date(), 0..6),
        any::<bool>(),
    )
        .prop_map(|(name, leader, reviews, publicly_reported)| PriorityGoal {
            name,
            leader: leader.map(|l| l.0),
            reviews,
            publicly_reported,
        })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    let areas = (0usize..9).prop_flat_map(|n| (0..n).map(service_area).collect::<Vec<_>>());
    let part1 = (
        areas,
        (
            any::<bool>(),
            prop_oneof![
                Just(None),
                Just(Some(String::new())),
                Just(Some("Dana".to_owned()))
            ],
            sources(),
        ),
        (
            proptest::collection::vec(session(), 0..4),
            any::<bool>(),
            sources(),
        ),
        (
            subset(CHANNELS),
            proptest::array::uniform6(any::<bool>()),
            subset(VISUALS),
            sources(),
        ),
        (
            any::<bool>(),
            proptest::collection::vec(review(), 0..9),
            sources(),
        ),
    );
    let part2 = (
        proptest::collection::vec(text("Activity"), 0..3),
        proptest::array::uniform3(any::<bool>()),
        (any::<bool>(), any::<bool>(), subset(BASES)),
        (any::<bool>(), subset(EXTERNAL)),
        (
            proptest::option::of(survey()),
            proptest::option::of(survey()),
        ),
        proptest::collection::vec(initiative(), 0..3),
        (
            any::<bool>(),
            proptest::collection::vec(date(), 0..3),
            proptest::collection::vec(goal(), 0..3),
            proptest::collection::vec(text("CAP"), 0..2),
            sources(),
        ),
    );
    (part1, part2).prop_map(|(p1, p2)| {
        let (areas, verification, training, reporting, accountability) = p1;
        let (activities, planning, equity, leadership, surveys, initiatives, federal) = p2;
        Evidence {
            version: FormatVersion,
            jurisdiction: None,
            as_of: None,
            fiscal_year_start: None,
            service_areas: ServiceAreas(areas),
            verification: Verification {
                data_checked: verification.0,
                coordinator: verification.1,
                sources: verification.2,
            },
            training: Training {
                sessions: training.0,
                new_employees: training.1,
                sources: training.2,
            },
            public_reporting: PublicReporting {
                channels: reporting.0,
                targets: reporting.1[0],
                past_performance: reporting.1[1],
                comparisons: reporting.1[2],
                narrative: reporting.1[3],
                searchable: reporting.1[4],
                highlights: reporting.1[5],
                visuals: reporting.2,
                sources: reporting.3,
                targets_in_data: None,
            },
            accountability: Accountability {
                staff_policy: accountability.0,
                reviews: accountability.1,
                sources: accountability.2,
                tracking: None,
            },
            networking: Networking {
                activities,
                sources: vec![],
            },
            planning_budgeting: PlanningBudgeting {
                strategic_plan: planning[0],
                management_decisions: planning[1],
                financial_decisions: planning[2],
                sources: vec![],
            },
            equity: Equity {
                analysis: equity.0,
                reported: equity.1,
                basis: equity.2,
                sources: vec![],
            },
            leadership: Leadership {
                internal: leadership.0,
                external: leadership.1,
                sources: vec![],
            },
            surveys: Surveys {
                residents: surveys.0,
                employees: surveys.1,
                sources: vec![],
            },
            initiatives,
            measures: vec![],
            plans: vec![],
            federal: Federal {
                strategic_plan: federal.0,
                strategic_reviews: federal.1,
                priority_goals: federal.2,
                cross_agency_goals: federal.3,
                sources: federal.4,
            },
        }
    })
}

/// One way of adding evidence; none of them may lower a level or a readiness.
#[derive(Debug, Clone)]
enum More {
    Flag(usize),
    ServiceArea(ServiceArea),
    Year(usize, i32),
    Review(Review),
    Session(Session),
    ResidentSurvey(Survey),
    EmployeeSurvey(Survey),
    Activity,
    Initiative,
    Coordinator,
}

fn more() -> impl Strategy<Value = More> {
    prop_oneof![
        (0usize..16).prop_map(More::Flag),
        service_area(99).prop_map(More::ServiceArea),
        (0usize..10, 2015i32..=2022).prop_map(|(a, y)| More::Year(a, y)),
        review().prop_map(More::Review),
        session().prop_map(More::Session),
        survey().prop_map(More::ResidentSurvey),
        survey().prop_map(More::EmployeeSurvey),
        Just(More::Activity),
        Just(More::Initiative),
        Just(More::Coordinator),
    ]
}

fn apply(e: &mut Evidence, m: More) {
    match m {
        More::Flag(i) => {
            let flags: [&mut bool; 16] = [
                &mut e.verification.data_checked,
                &mut e.training.new_employees,
                &mut e.public_reporting.targets,
                &mut e.public_reporting.past_performance,
                &mut e.public_reporting.comparisons,
                &mut e.public_reporting.narrative,
                &mut e.public_reporting.searchable,
                &mut e.public_reporting.highlights,
                &mut e.accountability.staff_policy,
                &mut e.planning_budgeting.strategic_plan,
                &mut e.planning_budgeting.management_decisions,
                &mut e.planning_budgeting.financial_decisions,
                &mut e.equity.analysis,
                &mut e.equity.reported,
                &mut e.leadership.internal,
                &mut e.federal.strategic_plan,
            ];
            *flags.into_iter().nth(i).unwrap() = true;
        }
        More::ServiceArea(a) => e.service_areas.0.push(a),
        More::Year(i, y) => {
            if let Some(area) = e.service_areas.0.get_mut(i) {
                area.years.push(Year(y));
            }
        }
        More::Review(r) => e.accountability.reviews.push(r),
        More::Session(s) => e.training.sessions.push(s),
        More::ResidentSurvey(s) => {
            e.surveys.residents.get_or_insert(s);
        }
        More::EmployeeSurvey(s) => {
            e.surveys.employees.get_or_insert(s);
        }
        More::Activity => e.networking.activities.push(Text("Shared lessons".into())),
        More::Initiative => e.initiatives.push(Initiative::LeanSixSigma),
        More::Coordinator => e.verification.coordinator = Some("Dana".into()),
    }
}

fn all_criteria() -> Vec<Criteria> {
    criteria::BUNDLED
        .iter()
        .map(|(id, _, _)| criteria::bundled(id).unwrap())
        .collect()
}

fn render(e: &Evaluation<'_>, format: Format) -> Vec<u8> {
    let options = RenderOptions {
        evidence: "e.yaml".into(),
        target: Some(0),
        color: false,
        changes: None,
        section_lines: vec![("service_areas".into(), 3)],
    };
    let mut out = Vec::new();
    report::render(format, e, &options, &mut out).unwrap();
    out
}

fn rank(level: Option<usize>) -> i64 {
    level.map_or(-1, |l| l as i64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_total_cumulative_deterministic_and_matches_the_contract(
        e in evidence(), as_of in date(), strict in any::<bool>()
    ) {
        for c in all_criteria() {
            let ev = evaluate_with(&c, &e, as_of, AsOfSource::Flag, Options { strict, ..Options::default() });
            // (b) Cumulative: every level up to the one reached is complete; the next is not.
            for l in 0..c.levels.len() {
                let complete = c.requirements.iter().zip(&ev.met).all(|(r, &m)| r.level > l || r.optional || m);
                let reached = rank(ev.level) >= l as i64;
                prop_assert!(!reached || complete, "{} level {l} reached but incomplete", c.label());
                if reached {
                    for k in 0..l {
                        prop_assert!(ev.reaches(k));
                        prop_assert_eq!(ev.readiness[k], 100.0);
                    }
                }
                if rank(ev.level) + 1 == l as i64 {
                    prop_assert!(!complete);
                    prop_assert!(ev.readiness[l] < 100.0);
                }
                prop_assert!((0.0..=100.0).contains(&ev.readiness[l]));
            }
            // (d) Determinism: the same input gives byte-identical output in every format.
            let again = evaluate_with(&c, &e, as_of, AsOfSource::Flag, Options { strict, ..Options::default() });
            for format in [Format::Table, Format::Json, Format::Markdown, Format::Junit, Format::Sarif, Format::Github, Format::Html] {
                prop_assert_eq!(render(&ev, format), render(&again, format));
            }
            // (e) The JSON output reads back into the contract types.
            let json = render(&ev, Format::Json);
            let parsed: common::contract::Report = serde_json::from_slice(&json)
                .map_err(|err| TestCaseError::fail(format!("{err}")))?;
            prop_assert_eq!(parsed.levels.len(), c.levels.len());
            prop_assert_eq!(parsed.gaps.len(), ev.gaps.len());
        }
    }

    #[test]
    fn more_evidence_never_lowers_a_level_or_a_readiness(
        e in evidence(), as_of in date(), m in more()
    ) {
        let mut richer = e.clone();
        apply(&mut richer, m);
        for c in all_criteria() {
            let before = evaluate_with(&c, &e, as_of, AsOfSource::Flag, Options::default());
            let after = evaluate_with(&c, &richer, as_of, AsOfSource::Flag, Options::default());
            prop_assert!(rank(after.level) >= rank(before.level), "{}: level fell", c.label());
            for (l, (b, a)) in before.readiness.iter().zip(&after.readiness).enumerate() {
                prop_assert!(a >= b, "{}: readiness of level {l} fell from {b} to {a}", c.label());
            }
            for (i, (b, a)) in before.met.iter().zip(&after.met).enumerate() {
                prop_assert!(!b || *a, "{}: {} lost", c.label(), c.requirements[i].id);
            }
        }
    }
}
