//! `plan`: ordered actions to a target level, and the plans section of the evidence.

use crate::common::cli::{json, ok, run};

#[test]
fn plan_orders_actions_and_finds_missing_late_and_overdue_plans() {
    let file = "tests/fixtures/plans/millbrook-plans.yaml";
    let args = ["plan", file, "--target", "excellence", "--by", "2022-12-31"];
    insta::assert_snapshot!("plan_table", ok(&args));
    let mut md = args.to_vec();
    md.extend(["-f", "markdown"]);
    insta::assert_snapshot!("plan_markdown", ok(&md));
    let mut js = args.to_vec();
    js.extend(["-f", "json"]);
    let v = json(&js);
    let actions: Vec<&str> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "public_reporting.excellence",
            "data_collection.excellence",
            "accountability.excellence",
            "equity.excellence",
            "leadership.excellence",
            "surveying.excellence"
        ]
    );
    assert_eq!(
        v["unplanned"],
        serde_json::json!([
            "public_reporting.excellence",
            "data_collection.excellence",
            "leadership.excellence"
        ])
    );
    assert_eq!(v["late"][0]["requirement"], "equity.excellence");
    assert_eq!(v["overdue"][0]["requirement"], "surveying.excellence");
    assert_eq!(v["by"], "2022-12-31");
    assert_eq!(v["by_source"], "flag");
    // evaluate warns about the overdue plan too.
    let table = ok(&["evaluate", file]);
    assert!(table.contains(
        "overdue plan: `surveying.excellence` (Lee Park) was due 2022-03-31 and is still unmet"
    ));
}

#[test]
fn plan_deadline_defaults_to_the_application_deadline() {
    let v = json(&[
        "plan",
        "tests/fixtures/plans/millbrook-plans.yaml",
        "--target",
        "excellence",
        "--criteria",
        "2021",
        "--as-of",
        "2021-03-01",
        "-f",
        "json",
    ]);
    assert_eq!(v["by"], "2021-05-07");
    assert_eq!(v["by_source"], "application_deadline");
    // After the deadline there is none.
    let v = json(&[
        "plan",
        "tests/fixtures/plans/millbrook-plans.yaml",
        "--target",
        "excellence",
        "-c",
        "2021",
        "-f",
        "json",
    ]);
    assert_eq!(v["by"], serde_json::Value::Null);
}

#[test]
fn a_plan_for_an_unknown_requirement_is_an_error_with_the_closest_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.yaml");
    std::fs::write(
        &path,
        "version: 1\nplans:\n  - requirement: surveying.excelence\n    due: 2022-01-01\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for args in [
        vec!["evaluate", p],
        vec!["plan", p, "--target", "excellence"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("e.yaml:3:18: plans: `surveying.excelence` is not a requirement id; closest in icma 2022: `surveying.excellence`"), "{}", r.stderr);
    }
    // A plan for another bundled framework's requirement is not an error.
    std::fs::write(
        &path,
        "version: 1\nplans:\n  - requirement: innovation.excellence\n    due: 2022-01-01\n",
    )
    .unwrap();
    assert_eq!(run(&["evaluate", p]).code, 0);
}

#[test]
fn plan_without_target_plans_to_the_next_level() {
    let implicit = ok(&[
        "plan",
        "examples/millbrook-distinction.yaml",
        "--format",
        "json",
    ]);
    let explicit = ok(&[
        "plan",
        "examples/millbrook-distinction.yaml",
        "--target",
        "excellence",
        "--format",
        "json",
    ]);
    assert_eq!(implicit, explicit);
    let v: serde_json::Value = serde_json::from_str(&implicit).unwrap();
    assert_eq!(v["target"], "excellence", "{v}");
}

/// `plan --strict` judges as `evaluate --strict`, and says what exactly is missing: the
/// sections a claim needs `sources` in, the quarters with no review.
#[test]
fn plan_takes_strict_and_names_what_is_missing() {
    let file = "examples/riverton-excellence.yaml";
    let lax = crate::common::cli::ok(&["plan", file]);
    assert!(lax.contains("Excellence is already reached"), "{lax}");
    let strict = crate::common::cli::json(&["plan", file, "--strict", "-f", "json"]);
    let actions = strict["actions"].as_array().unwrap();
    let data_checked = actions
        .iter()
        .find(|a| a["requirement"] == "verification.data_checked")
        .expect("a gap under --strict");
    assert_eq!(
        data_checked["missing"][0],
        "claimed, unsupported: cite `sources` in `verification` (--strict counts only claims with sources)"
    );
    let md = crate::common::cli::json(&[
        "plan",
        "examples/millbrook-distinction.yaml",
        "--target",
        "excellence",
        "-f",
        "json",
    ]);
    let reviews = md["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["requirement"] == "accountability.excellence")
        .unwrap();
    assert_eq!(
        reviews["missing"],
        serde_json::json!([
            "2021-04-01 to 2021-06-30: nothing dated in this quarter",
            "2021-10-01 to 2021-12-31: nothing dated in this quarter"
        ])
    );
}
