use super::*;
use crate::measures::{Options, read_file};

/// A site from CSV text, with narratives YAML (empty for none).
fn site_of(csv: &str, narratives: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kpis.csv");
    std::fs::write(&path, csv).unwrap();
    let tables = read_file(&path, &Options::default()).unwrap();
    let narratives = if narratives.is_empty() {
        Narratives::default()
    } else {
        narratives::parse(narratives, std::path::Path::new("n.yaml")).unwrap()
    };
    build(&tables, &narratives, "Test City".into()).unwrap()
}

fn measure<'a>(site: &'a Site, name: &str) -> &'a MeasurePage {
    site.measures().find(|m| m.name == name).unwrap()
}

const KPIS: &str = "\
Department,Measure,Year,Actual,Target,Benchmark,Desired direction
Police,Response time,2022,6.5,6,7,lower is better
Police,Response time,2023,6.1,6,6.8,lower is better
Police,Response time,2024,5.9,6,6.9,lower is better
Parks,Satisfaction,2023,81,85,,higher is better
Parks,Satisfaction,2024,79,85,,higher is better
Parks,Visits,2023,1200,1000,,
Parks,Visits,2024,1300,1000,,
Parks,Trees planted,2024,40,,,higher is better
";

#[test]
fn the_latest_value_is_judged_against_its_target_in_its_direction() {
    let site = site_of(KPIS, "");
    assert_eq!(site.covered, Some(("2022".into(), "2024".into())));
    // Lower is better: 5.9 under a target of 6 meets it.
    let r = measure(&site, "Response time");
    assert_eq!(r.status, Status::Meets);
    assert_eq!(r.direction, Direction::LowerIsBetter);
    let change = r.change.as_ref().unwrap();
    assert_eq!(change.previous_label, "2023");
    assert!((change.delta + 0.2).abs() < 1e-9);
    assert_eq!(change.better, Some(true));
    // 5.9 against a comparison of 6.9, lower is better: better.
    assert_eq!(r.versus_comparison, Some(true));
    // Higher is better: 79 under 85 misses, and the fall is worse.
    let s = measure(&site, "Satisfaction");
    assert_eq!(s.status, Status::Misses);
    assert_eq!(s.change.as_ref().unwrap().better, Some(false));
    assert!(s.needs_narrative());
    // No direction: a value off its target is not judged, a change is neutral.
    let v = measure(&site, "Visits");
    assert_eq!(v.status, Status::NotJudged);
    assert_eq!(v.change.as_ref().unwrap().better, None);
    assert!(!v.needs_narrative());
    // No target in the latest period; one period only, so no change.
    let t = measure(&site, "Trees planted");
    assert_eq!(t.status, Status::NoTarget);
    assert!(t.change.is_none());
}

#[test]
fn a_target_for_a_later_period_is_shown_and_never_judged_against() {
    let site = site_of(
        "Department,Measure,Year,Actual,Target,Desired direction\n\
         Parks,Acres,2024,6250,,higher\nParks,Acres,2025,6300,,higher\n\
         Parks,Acres,2026,,6500,higher\nParks,Acres,2027,,6600,higher\n\
         Parks,Trees,2024,40,45,higher\nParks,Trees,2025,41,,higher\n",
        "",
    );
    // The next year's target is the one shown: the latest value is not judged by it.
    let acres = measure(&site, "Acres");
    assert_eq!(acres.status, Status::TargetAhead);
    assert_eq!(acres.target_label.as_deref(), Some("2026"));
    assert_eq!(acres.target.map(|t| t.value), Some(6500.0));
    assert!(!acres.needs_narrative());
    // A target only for the year before the latest value is no target.
    let trees = measure(&site, "Trees");
    assert_eq!(trees.status, Status::NoTarget);
    assert_eq!(trees.target, None);
}

#[test]
fn equal_to_the_target_meets_it_whatever_the_direction() {
    let site = site_of(
        "Department,Measure,Year,Actual,Target\nParks,Visits,2024,1000,1000\n",
        "",
    );
    assert_eq!(measure(&site, "Visits").status, Status::Meets);
}

#[test]
fn narratives_give_direction_and_text_and_a_direction_alone_is_no_narrative() {
    let narratives = "\
version: 1
service_areas:
  parks:
    narrative: Parks are busy.
    measures:
      VISITS:
        direction: lower
      satisfaction:
        narrative: Fell after the pool closed.
        action_steps: [Reopen the pool]
";
    let site = site_of(KPIS, narratives);
    let v = measure(&site, "Visits");
    // Matched whatever the case; lower is better now, so 1300 over 1000 misses.
    assert_eq!(v.direction, Direction::LowerIsBetter);
    assert_eq!(v.status, Status::Misses);
    assert!(v.narrative.is_none());
    assert!(v.needs_narrative());
    let s = measure(&site, "Satisfaction");
    assert!(!s.needs_narrative());
    assert_eq!(
        s.narrative.as_ref().unwrap().action_steps,
        ["Reopen the pool"]
    );
    let parks = site.areas.iter().find(|a| a.name == "Parks").unwrap();
    assert_eq!(
        parks.narrative.as_ref().unwrap().text.as_deref(),
        Some("Parks are busy.")
    );
    assert_eq!(parks.count(Status::Misses), 2);
}

#[test]
fn a_direction_in_the_narratives_overrides_the_data() {
    let narratives = "version: 1\nservice_areas:\n  Police:\n    measures:\n      Response time:\n        direction: higher\n";
    let site = site_of(KPIS, narratives);
    assert_eq!(measure(&site, "Response time").status, Status::Misses);
}

#[test]
fn breakdowns_name_the_best_and_worst_group_of_the_latest_period() {
    let csv = "\
Department,Measure,Year,District,Actual,Desired direction
Parks,Walk to a park,2023,North,70,higher
Parks,Walk to a park,2024,North,72,higher
Parks,Walk to a park,2024,South,41,higher
Parks,Walk to a park,2024,East,55,higher
Parks,Walk to a park,2024,,60,higher
";
    let site = site_of(csv, "");
    let m = measure(&site, "Walk to a park");
    // The overall series has no breakdown rows in it.
    assert_eq!(m.points.len(), 1);
    assert_eq!(m.points[0].actual, Some(60.0));
    let b = &m.breakdowns[0];
    assert_eq!(b.category, "District");
    assert_eq!(b.period_label, "2024");
    let names: Vec<&str> = b.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["North", "East", "South"]);
    assert_eq!(b.best.map(|i| b.groups[i].name.as_str()), Some("North"));
    assert_eq!(b.worst.map(|i| b.groups[i].name.as_str()), Some("South"));
    assert_eq!(b.gap(), 31.0);
    // Lower is better turns best and worst around; unknown names neither.
    let lower = site_of(&csv.replace("higher", "lower"), "");
    let b = &measure(&lower, "Walk to a park").breakdowns[0];
    assert_eq!(b.best.map(|i| b.groups[i].name.as_str()), Some("South"));
    let unknown = site_of(&csv.replace(",higher", ","), "");
    let b = &measure(&unknown, "Walk to a park").breakdowns[0];
    assert_eq!((b.best, b.worst), (None, None));
}

#[test]
fn anchors_are_stable_and_unique() {
    assert_eq!(slug("Parks & Recreation"), "parks-recreation");
    assert_eq!(
        slug("  Priority 1 response time (min.)"),
        "priority-1-response-time-min"
    );
    assert_eq!(slug("Zürich Straßen"), "zürich-straßen");
    assert_eq!(slug("!!!"), "x");
    let csv = "\
Department,Measure,Year,Actual
Parks,Visits!,2024,1
Parks,Visits?,2024,2
Parks & Rec,Visits,2024,3
Parks Rec,Visits,2024,4
";
    let site = site_of(csv, "");
    let mut anchors: Vec<&str> = site.areas.iter().map(|a| a.anchor.as_str()).collect();
    anchors.extend(site.measures().map(|m| m.anchor.as_str()));
    let mut unique = anchors.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), anchors.len(), "{anchors:?}");
    assert!(anchors.contains(&"parks--visits"));
    assert!(anchors.contains(&"parks--visits-2"));
    // The same data gives the same anchors.
    let again = site_of(csv, "");
    let again: Vec<&str> = again.measures().map(|m| m.anchor.as_str()).collect();
    assert_eq!(
        again,
        site.measures()
            .map(|m| m.anchor.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn long_names_are_bounded() {
    let long = "x".repeat(5000);
    let b = bounded(&long);
    assert_eq!(b.chars().count(), MAX_NAME_CHARS);
    assert!(b.ends_with('…'));
    assert_eq!(bounded("Parks"), "Parks");
}

#[test]
fn measures_of_one_name_in_two_files_are_one_measure() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(
        &a,
        "Department,Measure,Year,Actual,Target\nParks,Visits,2023,10,12\nParks,Visits,2024,11,12\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Department,Measure,Year,Actual,Benchmark,Direction\nparks,visits,2024,,9,higher\n",
    )
    .unwrap();
    let tables = [
        read_file(&a, &Options::default()).unwrap(),
        read_file(&b, &Options::default()).unwrap(),
    ]
    .concat();
    let site = build(&tables, &Narratives::default(), "T".into()).unwrap();
    assert_eq!(site.measures().count(), 1);
    let m = measure(&site, "Visits");
    assert_eq!(m.direction, Direction::HigherIsBetter);
    assert_eq!(m.status, Status::Misses);
    assert_eq!(m.points[1].comparison, Some(9.0));
    assert_eq!(m.points[1].actual, Some(11.0));
}

#[test]
fn two_rows_with_different_values_for_one_period_stop_publishing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, "Department,Measure,Year,Actual\nPolice,Response time,2024,5\nPOLICE,Response  Time,2024,8\n").unwrap();
    std::fs::write(
        &b,
        "Department,Measure,Year,Actual\npolice,response time,2024,5\n",
    )
    .unwrap();
    let read = |p: &std::path::Path| read_file(p, &Options::default()).unwrap();
    let e = build(&read(&a), &Narratives::default(), "T".into()).unwrap_err();
    assert_eq!(
        e.0,
        "a.csv row 2 and a.csv row 3 give the actual of `Response time` (Police) for 2024 different values (5 and 8); pmcheck does not choose between them: correct or remove one"
    );
    // The same value twice, from two files, is one value.
    let site = build(
        &[read(&b), read(&b)].concat(),
        &Narratives::default(),
        "T".into(),
    )
    .unwrap();
    assert_eq!(site.measures().count(), 1);
}

#[test]
fn a_measure_is_judged_and_drawn_in_the_frequency_of_its_latest_value() {
    let csv = "\
Department,Measure,Period,Actual,Target,Direction
Roads,Potholes,2023,1200,1000,higher
Roads,Potholes,2024,1300,1000,higher
Roads,Potholes,2024 Q1,300,250,higher
Roads,Potholes,2024 Q2,350,250,higher
Roads,Potholes,2024 Q3,200,250,higher
";
    let site = site_of(csv, "");
    let m = measure(&site, "Potholes");
    assert!(
        m.points
            .iter()
            .all(|p| p.period.frequency() == Frequency::Quarterly)
    );
    assert_eq!(m.status, Status::Misses);
    assert_eq!(m.change.as_ref().unwrap().previous_label, "2024 Q2");
    assert_eq!(m.other_frequencies, [Frequency::Annual]);
}

#[test]
fn breakdown_groups_are_one_group_whatever_their_case() {
    let csv = "\
Department,Measure,Year,District,Actual
Parks,Walk,2024,District 2,60
Parks,Walk,2024,district  2,60
Parks,Walk,2024,District 3,50
";
    let site = site_of(csv, "");
    let b = &measure(&site, "Walk").breakdowns[0];
    assert_eq!(b.groups.len(), 2);
}

#[test]
fn a_narratives_file_naming_one_thing_twice_is_an_error_at_the_second() {
    let n =
        "version: 1\nservice_areas:\n  Police:\n    narrative: a\n  police:\n    narrative: b\n";
    let e = narratives::parse(n, std::path::Path::new("n.yaml")).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("n.yaml:5:3"), "{text}");
    assert!(
        text.contains("`Police` and `police` (line 3) name the same service area"),
        "{text}"
    );
    let n = "version: 1\nservice_areas:\n  Police:\n    measures:\n      Response time: {narrative: a}\n      response  time: {narrative: b}\n";
    let e = narratives::parse(n, std::path::Path::new("n.yaml")).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("n.yaml:6:7"), "{text}");
    assert!(text.contains("name the same measure"), "{text}");
}

#[test]
fn an_unknown_measure_is_found_under_its_own_area() {
    let n = "version: 1\nservice_areas:\n  Police:\n    measures:\n      Response time: {narrative: a}\n  Fire:\n    measures:\n      Response time: {narrative: b}\n";
    let narratives = narratives::parse(n, std::path::Path::new("n.yaml")).unwrap();
    let known: BTreeMap<String, Vec<String>> = [
        ("Police".to_owned(), vec!["Response time".to_owned()]),
        ("Fire".to_owned(), vec!["Fires contained".to_owned()]),
    ]
    .into();
    let e = narratives
        .check_names(std::path::Path::new("n.yaml"), n, &known)
        .unwrap_err()
        .to_string();
    assert!(e.contains("n.yaml:8:7"), "{e}");
    assert!(
        e.contains("no measure named `Response time` of `Fire`"),
        "{e}"
    );
}

#[test]
fn measures_are_in_natural_order() {
    let mut names = vec![
        "Measure 10",
        "measure 2",
        "Measure 1",
        "Alpha",
        "Measure 02b",
    ];
    names.sort_by(|a, b| natural(a, b));
    assert_eq!(
        names,
        [
            "Alpha",
            "Measure 1",
            "measure 2",
            "Measure 02b",
            "Measure 10"
        ]
    );
}
