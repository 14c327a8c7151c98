//! The JSON output, version 1, read back through structs written independently of the
//! renderer. `deny_unknown_fields` everywhere: a key added, renamed or dropped by
//! accident fails here, so the contract changes only on purpose.

use assert_cmd::Command;

use crate::common::contract::Report;

fn report(args: &[&str]) -> (String, Report) {
    let out = Command::cargo_bin("pmcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["evaluate", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let parsed: Report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("output does not match contract v1: {e}\n{text}"));
    (text, parsed)
}

const CATEGORY_IDS: [&str; 10] = [
    "data_collection",
    "verification",
    "training",
    "public_reporting",
    "accountability",
    "networking",
    "planning_budgeting",
    "equity",
    "leadership",
    "surveying",
];

#[test]
fn every_example_matches_contract_v1() {
    for file in [
        "examples/riverton-excellence.yaml",
        "examples/millbrook-distinction.yaml",
        "examples/oakdale-achievement.yaml",
        "examples/lakeside-none.yaml",
    ] {
        for criteria in ["2021", "2022"] {
            let (_, r) = report(&[file, "--criteria", criteria, "--require", "distinction"]);
            assert_eq!(r.version, 1);
            assert_eq!(r.evidence, file);
            assert_eq!(r.criteria.framework, "icma");
            assert_eq!(r.criteria.version, criteria);
            assert!(!r.criteria.title.is_empty() && !r.criteria.origin.is_empty());
            assert_eq!(r.as_of.len(), 10);
            assert_eq!(r.as_of_source, "file");
            let level_ids: Vec<&str> = r.levels.iter().map(|l| l.id.as_str()).collect();
            assert_eq!(level_ids, ["achievement", "distinction", "excellence"]);
            assert!(r.level == "none" || level_ids.contains(&r.level.as_str()));
            assert_eq!(r.target.as_deref(), Some("distinction"));
            let reached = r.levels.iter().any(|l| l.id == "distinction" && l.reached);
            assert_eq!(r.target_met, Some(reached));
            for l in &r.levels {
                assert!(!l.name.is_empty());
                assert_eq!(r.readiness[&l.id], l.readiness);
                assert!((0.0..=100.0).contains(&l.readiness));
                // A level is reached exactly when its readiness is 100.
                assert_eq!(l.reached, l.readiness == 100.0, "{file} {}", l.id);
            }
            let ids: Vec<&str> = r.categories.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, CATEGORY_IDS);
            let total: f64 = r.categories.iter().map(|c| c.weight).sum();
            assert!((total - 1.0).abs() < 0.001);
            // At every level the shares used add up to the whole, Public Reporting
            // carrying exactly a third; `weight` is the share at the highest level.
            for l in &level_ids {
                let total: f64 = r.categories.iter().map(|c| c.weights[*l]).sum();
                assert!((total - 1.0).abs() < 0.001, "{file} {l}: {total}");
            }
            let all_ids: Vec<&str> = r
                .categories
                .iter()
                .flat_map(|c| &c.requirements)
                .map(|q| q.id.as_str())
                .collect();
            for c in &r.categories {
                assert!(!c.name.is_empty());
                assert_eq!(c.weights.len(), 3);
                assert_eq!(c.weights["excellence"], c.weight);
                assert!(c.weights.values().all(|w| (0.0..=1.0).contains(w)));
                if c.id == "public_reporting" {
                    assert!(c.weights.values().all(|w| (w - 0.3333).abs() < 0.0001));
                }
                assert_eq!(c.status.len(), 3);
                for s in c.status.values() {
                    assert!(["met", "gap", "optional_gap", "not_applicable"].contains(&s.as_str()));
                }
                for req in &c.requirements {
                    assert!(req.id.starts_with(&c.id));
                    assert!(level_ids.contains(&req.level.as_str()));
                    assert!(
                        !req.text.is_empty() && !req.reading.is_empty() && !req.hint.is_empty()
                    );
                    let _ = req.optional;
                    // Every requirement judged something; a met one counted something,
                    // an unmet one that asks for something of its own left something
                    // uncounted.
                    assert!(!req.items.is_empty(), "{file} {}: no items", req.id);
                    if req.met {
                        assert!(req.items.iter().any(|i| i.counted), "{file} {}", req.id);
                    }
                    for item in &req.items {
                        assert!(!item.subject.is_empty() && !item.reason.is_empty());
                        if let Some(field) = &item.field {
                            assert!(
                                !field.is_empty()
                                    && field
                                        .bytes()
                                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.'),
                                "{field}"
                            );
                        }
                    }
                    for id in &req.follows_from {
                        assert!(all_ids.contains(&id.as_str()), "{id}");
                        assert_ne!(id, &req.id);
                    }
                    if req.id == "training.excellence" {
                        assert_eq!(
                            req.follows_from,
                            ["training.achievement", "training.distinction"]
                        );
                    }
                }
            }
            // Gaps are exactly the unmet requirements.
            let unmet = r
                .categories
                .iter()
                .flat_map(|c| &c.requirements)
                .filter(|q| !q.met)
                .count();
            assert_eq!(r.gaps.len(), unmet);
            for g in &r.gaps {
                assert!(CATEGORY_IDS.contains(&g.category.as_str()));
                assert!(g.requirement.starts_with(&g.category));
                assert!(level_ids.contains(&g.level.as_str()));
                assert!(!g.text.is_empty() && !g.hint.is_empty());
                let _ = g.optional;
            }
            for w in &r.warnings {
                assert!(
                    w.category
                        .as_deref()
                        .is_none_or(|c| CATEGORY_IDS.contains(&c))
                );
                assert!(!w.message.is_empty());
            }
            assert!(!r.strict);
            assert!(r.changes.is_none());
            for u in &r.unsupported {
                assert!(!u.requirement.is_empty() && !u.sections.is_empty());
            }
            if let Some(j) = &r.jurisdiction {
                assert!(!j.name.is_empty() && !j.kind.is_empty());
                let _ = (&j.state, j.population);
            }
        }
    }
}

#[test]
fn initiatives_are_also_reported_never_required() {
    use crate::common::contract::{AlsoReported, InitiativeId};
    let (_, r) = report(&["examples/riverton-excellence.yaml"]);
    let named = |id, name: &str| AlsoReported {
        id,
        name: name.to_owned(),
    };
    assert_eq!(
        r.also_reported,
        [
            named(InitiativeId::DataDictionary, "Data dictionary"),
            named(InitiativeId::LeanSixSigma, "Lean Six Sigma"),
            named(InitiativeId::GeoMapping, "Geo-mapping"),
        ]
    );
    // No requirement or gap of ICMA's is about them.
    let reads_initiatives = r
        .categories
        .iter()
        .flat_map(|c| &c.requirements)
        .any(|q| q.reading.contains("initiatives"));
    assert!(!reads_initiatives);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.yaml");
    std::fs::write(
        &path,
        "version: 1\nas_of: 2021-05-07\ninitiatives: [crm, {other: Open data portal}, crm]\n",
    )
    .unwrap();
    let (_, r) = report(&[path.to_str().unwrap()]);
    assert_eq!(
        r.also_reported,
        [
            named(InitiativeId::Crm, "CRM"),
            named(InitiativeId::Other, "Open data portal"),
        ]
    );
    let (text, r) = report(&["examples/oakdale-achievement.yaml"]);
    assert!(r.also_reported.is_empty());
    assert!(text.contains("\"also_reported\": []"));
}

#[test]
fn the_new_warning_codes_reach_the_json_output() {
    use crate::common::contract::WarningCode;
    fn codes(r: &Report) -> Vec<(&WarningCode, Option<String>)> {
        r.warnings
            .iter()
            .map(|w| (&w.code, w.category.clone()))
            .collect()
    }
    // Criteria 2021 a year and a month past their window.
    let (_, r) = report(&[
        "examples/riverton-excellence.yaml",
        "--criteria",
        "2021",
        "--as-of",
        "2022-06-01",
    ]);
    assert!(codes(&r).contains(&(&WarningCode::CriteriaOutdated, None)));
    let (_, r) = report(&[
        "examples/riverton-excellence.yaml",
        "--criteria",
        "2021",
        "--as-of",
        "2022-05-07",
    ]);
    assert!(
        r.warnings
            .iter()
            .all(|w| w.code != WarningCode::CriteriaOutdated)
    );

    // The template as `pmcheck init` writes it, with a TBD coordinator and a year twice.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.yaml");
    let template = include_str!("../../src/template.yaml")
        .replace("coordinator: \"\"", "coordinator: TBD")
        .replace(
            "service_areas: []",
            "service_areas:\n  - {name: Parks, years: [2020, 2020]}",
        );
    std::fs::write(&path, template).unwrap();
    let (_, r) = report(&[path.to_str().unwrap(), "--as-of", "2021-05-07"]);
    let found = codes(&r);
    assert!(
        found.contains(&(&WarningCode::PlaceholderName, None)),
        "{found:?}"
    );
    assert!(
        found.contains(&(&WarningCode::PlaceholderName, Some("verification".into()))),
        "{found:?}"
    );
    assert!(
        found.contains(&(&WarningCode::DuplicateYears, Some("data_collection".into()))),
        "{found:?}"
    );
    let coordinator = r
        .categories
        .iter()
        .flat_map(|c| &c.requirements)
        .find(|q| q.id == "verification.coordinator")
        .unwrap();
    assert!(!coordinator.met, "a TBD coordinator is no coordinator");
}

#[test]
fn readiness_keys_keep_level_order() {
    let (text, _) = report(&["examples/oakdale-achievement.yaml"]);
    let a = text
        .find("\"achievement\": 100.0")
        .expect("achievement readiness");
    let d = text
        .find("\"distinction\": ")
        .expect("distinction readiness");
    let e = text.find("\"excellence\": ").expect("excellence readiness");
    assert!(a < d && d < e);
}

#[test]
fn absent_values_are_null_not_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minimal.yaml");
    std::fs::write(&path, "version: 1\nas_of: 2021-05-07\n").unwrap();
    let (text, r) = report(&[path.to_str().unwrap()]);
    assert!(r.jurisdiction.is_none());
    assert!(text.contains("\"jurisdiction\": null"));
    assert!(text.contains("\"target\": null"));
    assert!(text.contains("\"target_met\": null"));
    assert_eq!(r.level, "none");
}

#[test]
fn output_is_deterministic() {
    let args = ["examples/millbrook-distinction.yaml", "--criteria", "2021"];
    assert_eq!(report(&args).0, report(&args).0);
}

#[test]
fn changes_match_the_contract_with_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let (text, _) = report(&["examples/oakdale-achievement.yaml"]);
    std::fs::write(&base, text).unwrap();
    let (_, r) = report(&[
        "examples/millbrook-distinction.yaml",
        "--baseline",
        base.to_str().unwrap(),
    ]);
    let ch = r.changes.expect("changes with --baseline");
    assert!(ch.same_criteria);
    assert_eq!(ch.baseline_criteria, "icma 2022");
    assert_eq!(ch.baseline, base.to_str().unwrap());
    assert_eq!(ch.baseline_as_of, "2021-05-01");
    assert_eq!(
        (ch.level.before.as_deref(), ch.level.after.as_str()),
        (Some("achievement"), "distinction")
    );
    assert_eq!(ch.readiness.len(), 3);
    assert!(ch.readiness.values().all(|b| b.before.is_some()));
    assert!(!ch.newly_met.is_empty());
    assert!(ch.lost.is_empty());
}

#[test]
fn items_and_follows_from_are_always_present() {
    let (text, r) = report(&["examples/oakdale-achievement.yaml"]);
    let requirements: Vec<_> = r.categories.iter().flat_map(|c| &c.requirements).collect();
    // `follows_from` is `[]`, not missing, for a requirement that asks for something.
    let own = requirements
        .iter()
        .filter(|q| q.follows_from.is_empty())
        .count();
    assert_eq!(
        own,
        requirements.len() - 1,
        "only training.excellence follows"
    );
    assert!(text.contains("\"follows_from\": []"));
    // An item with no evidence field says `null`: the requirements a repeat reads.
    let training = requirements
        .iter()
        .find(|q| q.id == "training.excellence")
        .unwrap();
    let items: Vec<(&str, bool, Option<&str>)> = training
        .items
        .iter()
        .map(|i| (i.subject.as_str(), i.counted, i.field.as_deref()))
        .collect();
    assert_eq!(
        items,
        [
            ("training.achievement", true, None),
            ("training.distinction", false, None)
        ]
    );
    assert!(text.contains("\"field\": null"));
    // A service area judged and not counted, with its reason and field.
    let distinction = requirements
        .iter()
        .find(|q| q.id == "data_collection.distinction")
        .unwrap();
    let police = distinction
        .items
        .iter()
        .find(|i| i.subject == "Police")
        .unwrap();
    assert!(!police.counted);
    assert_eq!(police.reason, "2019, 2020 has no 3 consecutive years");
    assert_eq!(police.field.as_deref(), Some("service_areas"));
}
