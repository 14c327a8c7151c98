//! `evaluate --baseline` and `--fail-on-regression`: progress and regressions against
//! last year's JSON result.

use crate::common::cli::{json, ok, run};

#[test]
fn baseline_reports_progress_and_regressions() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("last-year.json");
    let out = ok(&[
        "evaluate",
        "examples/riverton-excellence.yaml",
        "-f",
        "json",
    ]);
    std::fs::write(&base, out).unwrap();
    // This year: the surveys were not repeated and equity was dropped.
    let this_year = dir.path().join("this-year.yaml");
    let text = std::fs::read_to_string("examples/riverton-excellence.yaml").unwrap();
    let text = text.replace("  residents: { date: 2020-09-15, published: true }\n", "");
    let text = text.replace("  analysis: true\n", "  analysis: false\n");
    std::fs::write(&this_year, text).unwrap();
    let (base_s, this_s) = (base.to_str().unwrap(), this_year.to_str().unwrap());

    let v = json(&["evaluate", this_s, "--baseline", base_s, "-f", "json"]);
    let ch = &v["changes"];
    assert_eq!(ch["baseline"], base_s);
    assert_eq!(ch["same_criteria"], true);
    assert_eq!(ch["level"]["before"], "excellence");
    assert_eq!(ch["level"]["after"], "distinction");
    assert_eq!(ch["readiness"]["excellence"]["before"], 100.0);
    assert!(ch["readiness"]["excellence"]["after"].as_f64().unwrap() < 100.0);
    assert_eq!(ch["newly_met"], serde_json::json!([]));
    assert_eq!(
        ch["lost"],
        serde_json::json!(["equity.excellence", "surveying.excellence"])
    );

    // Exit 1 with --fail-on-regression, 0 without.
    assert_eq!(run(&["evaluate", this_s, "--baseline", base_s]).code, 0);
    let r = run(&[
        "evaluate",
        this_s,
        "--baseline",
        base_s,
        "--fail-on-regression",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("Lost (regressions): equity.excellence, surveying.excellence"),
        "{}",
        r.stdout
    );
    // Going the other way, everything lost comes back.
    let back = dir.path().join("back.json");
    std::fs::write(&back, ok(&["evaluate", this_s, "-f", "json"])).unwrap();
    let v = json(&[
        "evaluate",
        "examples/riverton-excellence.yaml",
        "--baseline",
        back.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert_eq!(
        v["changes"]["newly_met"],
        serde_json::json!(["equity.excellence", "surveying.excellence"])
    );
    assert_eq!(v["changes"]["lost"], serde_json::json!([]));
    // Without a baseline there is no `changes` key.
    let v = json(&["evaluate", this_s, "-f", "json"]);
    assert!(v.get("changes").is_none());
}

#[test]
fn a_baseline_from_other_criteria_is_allowed_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(
        &base,
        ok(&[
            "evaluate",
            "examples/millbrook-distinction.yaml",
            "-c",
            "2021",
            "-f",
            "json",
        ]),
    )
    .unwrap();
    let b = base.to_str().unwrap();
    let v = json(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "-c",
        "2022",
        "--baseline",
        b,
        "-f",
        "json",
    ]);
    assert_eq!(v["changes"]["same_criteria"], false);
    assert_eq!(v["changes"]["baseline_criteria"], "icma 2021");
    let table = ok(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "-c",
        "2022",
        "--baseline",
        b,
    ]);
    assert!(
        table.contains("the baseline used other criteria (icma 2021)"),
        "{table}"
    );
}

#[test]
fn a_bad_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(&base, "{\"version\": 1,\n \"level\": 3}").unwrap();
    let r = run(&[
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "--baseline",
        base.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a pmcheck JSON result"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("base.json:"), "{}", r.stderr);
    assert_eq!(
        run(&[
            "evaluate",
            "examples/oakdale-achievement.yaml",
            "--fail-on-regression"
        ])
        .code,
        2
    );
}

#[test]
fn baseline_and_strict_snapshots() {
    let args = [
        "evaluate",
        "tests/fixtures/baseline/oakdale-2022.yaml",
        "--baseline",
        "tests/fixtures/baseline/oakdale-2021.json",
    ];
    insta::assert_snapshot!("baseline_table", ok(&args));
    let mut md = args.to_vec();
    md.extend(["-f", "markdown"]);
    insta::assert_snapshot!("baseline_markdown", ok(&md));
    let r = run(&[&args[..], &["--fail-on-regression"]].concat());
    assert_eq!(r.code, 1, "training.achievement was lost");
    insta::assert_snapshot!(
        "strict_table",
        ok(&["evaluate", "examples/riverton-excellence.yaml", "--strict"])
    );
    insta::assert_snapshot!(
        "criteria_list_markdown",
        ok(&["criteria", "list", "-f", "markdown"])
    );
}
