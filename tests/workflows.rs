//! Consultant and analyst workflows through the binary: compare, criteria list, show,
//! diff and check, explain.

mod common;

use common::cli::{ok, run, run_in};

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

// --- compare -------------------------------------------------------------------------

#[test]
fn compare_2021_and_2022_shows_equity_as_the_only_difference() {
    let file = "examples/millbrook-distinction.yaml";
    let v = json(&["compare", file, "2021", "2022", "--format", "json"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["evidence"], file);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["criteria"]["version"], "2021");
    assert_eq!(results[1]["criteria"]["version"], "2022");
    // Each result is an evaluation v1, the same as `evaluate --format json` gives.
    let single = json(&["evaluate", file, "--criteria", "2022", "--format", "json"]);
    assert_eq!(results[1], single);
    let diffs = v["differences"].as_array().unwrap();
    assert_eq!(diffs.len(), 1);
    assert_eq!(diffs[0]["requirement"], "equity.excellence");
    assert_eq!(diffs[0]["verdicts"][0]["verdict"], "optional_gap");
    assert_eq!(diffs[0]["verdicts"][1]["verdict"], "gap");
    insta::assert_snapshot!("compare_table", ok(&["compare", file, "2021", "2022"]));
    insta::assert_snapshot!(
        "compare_markdown",
        ok(&["compare", file, "2021", "2022", "-f", "markdown"])
    );
}

#[test]
fn compare_across_frameworks_marks_absent_requirements() {
    let v = json(&[
        "compare",
        "examples/riverton-excellence.yaml",
        "2022",
        "spectrum",
        "-f",
        "json",
    ]);
    let diffs = v["differences"].as_array().unwrap();
    let equity = diffs
        .iter()
        .find(|d| d["requirement"] == "equity.excellence")
        .unwrap();
    assert_eq!(equity["verdicts"][0]["verdict"], "met");
    assert_eq!(equity["verdicts"][1]["verdict"], "absent");
}

#[test]
fn compare_needs_at_least_one_criteria() {
    assert_eq!(
        run(&["compare", "examples/riverton-excellence.yaml"]).code,
        2
    );
    assert_eq!(
        run(&["compare", "examples/riverton-excellence.yaml", "2031"]).code,
        2
    );
}

// --- criteria list / show / diff / check -------------------------------------------

#[test]
fn criteria_list() {
    insta::assert_snapshot!("criteria_list", ok(&["criteria", "list"]));
    let v = json(&["criteria", "list", "--format", "json"]);
    let first = &v[0];
    assert_eq!(first["id"], "icma-2021");
    assert_eq!(first["application_window"]["opens"], "2020-12-01");
    assert_eq!(first["application_window"]["closes"], "2021-05-07");
    assert_eq!(first["requirements"], 18);
    assert_eq!(v.as_array().unwrap().len(), 4);
}

#[test]
fn criteria_show() {
    insta::assert_snapshot!("criteria_show_2021", ok(&["criteria", "show", "2021"]));
    insta::assert_snapshot!(
        "criteria_show_spectrum_markdown",
        ok(&["criteria", "show", "spectrum", "-f", "markdown"])
    );
    let toml = ok(&["criteria", "show", "2022", "--format", "toml"]);
    assert_eq!(
        toml,
        std::fs::read_to_string("criteria/icma-2022.toml").unwrap()
    );
    let v = json(&["criteria", "show", "federal", "--format", "json"]);
    assert_eq!(v["framework"], "federal");
    assert_eq!(v["requirements"].as_array().unwrap().len(), 4);
    let spectrum = ok(&["criteria", "show", "spectrum"]);
    assert!(spectrum.contains("pmcheck's own rubric built from the Spectrum's published stages and themes; not the Alliance's scoring."));
}

#[test]
fn criteria_diff_2021_2022_is_exactly_equity_turning_required() {
    let v = json(&["criteria", "diff", "2021", "2022", "--format", "json"]);
    assert_eq!(
        v,
        serde_json::json!({
            "version": 1,
            "from": "icma 2021",
            "to": "icma 2022",
            "added": [],
            "removed": [],
            "categories_added": [],
            "categories_removed": [],
            "changed": [
                { "id": "equity.excellence", "property": "optional", "before": "optional", "after": "required" }
            ]
        })
    );
    insta::assert_snapshot!(
        "criteria_diff_table",
        ok(&["criteria", "diff", "2021", "2022"])
    );
    insta::assert_snapshot!(
        "criteria_diff_markdown",
        ok(&["criteria", "diff", "2021", "2022", "-f", "markdown"])
    );
    let same = ok(&["criteria", "diff", "2022", "criteria/icma-2022.toml"]);
    assert!(same.contains("No differences."));
}

#[test]
fn criteria_diff_reports_rules_levels_and_weights() {
    let v = json(&[
        "criteria",
        "diff",
        "2022",
        "examples/criteria/riverton-internal.toml",
        "-f",
        "json",
    ]);
    assert_eq!(v["removed"].as_array().unwrap().len(), 18);
    assert_eq!(v["added"].as_array().unwrap().len(), 5);
    assert_eq!(v["categories_removed"].as_array().unwrap().len(), 9);
}

#[test]
fn criteria_check() {
    let out = ok(&[
        "criteria",
        "check",
        "examples/criteria/riverton-internal.toml",
    ]);
    assert_eq!(
        out,
        "examples/criteria/riverton-internal.toml: ok: riverton 2025 (2 levels, 3 categories, 5 requirements)\n"
    );
    for bundled in ["icma-2021", "icma-2022", "spectrum", "federal"] {
        ok(&["criteria", "check", &format!("criteria/{bundled}.toml")]);
    }
    let r = run(&["criteria", "check", "tests/fixtures/criteria/broken.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("14 problems found"), "{}", r.stderr);
}

#[test]
fn the_custom_criteria_example_evaluates() {
    let v = json(&[
        "evaluate",
        "examples/riverton-excellence.yaml",
        "--criteria",
        "examples/criteria/riverton-internal.toml",
        "-f",
        "json",
    ]);
    assert_eq!(v["level"], "exemplary");
    let v = json(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--criteria",
        "examples/criteria/riverton-internal.toml",
        "-f",
        "json",
    ]);
    assert_eq!(v["level"], "none");
}

// --- explain -------------------------------------------------------------------------

#[test]
fn explain_a_requirement_and_a_category() {
    insta::assert_snapshot!(
        "explain_accountability_excellence",
        ok(&[
            "explain",
            "accountability.excellence",
            "--as-of",
            "2021-05-07"
        ])
    );
    insta::assert_snapshot!(
        "explain_category_equity",
        ok(&["explain", "equity", "-c", "2021"])
    );
    let federal = ok(&[
        "explain",
        "transparency.aligned",
        "-c",
        "federal",
        "--as-of",
        "2021-05-07",
    ]);
    assert!(federal.contains("leader:"), "{federal}");
}

#[test]
fn explain_an_unknown_id_suggests_the_closest() {
    let r = run(&["explain", "public_reportng.distinction"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("closest: `public_reporting.distinction`"),
        "{}",
        r.stderr
    );
}

// --- init ----------------------------------------------------------------------------

#[test]
fn init_writes_a_template_that_evaluates_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("wrote evidence.yaml"));
    let written = std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap();
    assert_eq!(written, pmcheck::cli::TEMPLATE);
    // Round trip: the template evaluates without error.
    let r = run_in(
        dir.path(),
        &[
            "evaluate",
            "evidence.yaml",
            "--as-of",
            "2021-05-07",
            "-f",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["level"], "none");

    // No clobbering without --force; the file is untouched.
    std::fs::write(dir.path().join("evidence.yaml"), "version: 1\n# mine\n").unwrap();
    let r = run_in(dir.path(), &["init", "evidence.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap(),
        "version: 1\n# mine\n"
    );
    let r = run_in(dir.path(), &["init", "evidence.yaml", "--force"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("evidence.yaml")).unwrap(),
        pmcheck::cli::TEMPLATE
    );

    // A directory target, and a directory that does not exist: exit 2, nothing left behind.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    assert_eq!(run_in(dir.path(), &["init", "sub"]).code, 2);
    assert_eq!(
        run_in(dir.path(), &["init", "missing/evidence.yaml"]).code,
        2
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["evidence.yaml", "sub"]);
}

#[cfg(unix)]
#[test]
fn init_into_an_unwritable_directory_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("skipped: this user can write into a read-only directory (root)");
        return;
    }
    let r = run_in(dir.path(), &["init", "locked/evidence.yaml"]);
    assert_eq!(r.code, 2);
    assert!(std::fs::read_dir(&locked).unwrap().next().is_none());
}

// --- baseline --------------------------------------------------------------------------

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

// --- plan ------------------------------------------------------------------------------

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
            "data_collection.excellence",
            "accountability.excellence",
            "equity.excellence",
            "surveying.excellence"
        ]
    );
    assert_eq!(
        v["unplanned"],
        serde_json::json!(["data_collection.excellence"])
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

// --- strict ----------------------------------------------------------------------------

#[test]
fn strict_counts_only_claims_with_sources() {
    let file = "examples/riverton-excellence.yaml";
    let lax = json(&["evaluate", file, "-f", "json"]);
    assert_eq!(lax["strict"], false);
    assert_eq!(lax["level"], "excellence");
    let unsupported: Vec<&str> = lax["unsupported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["requirement"].as_str().unwrap())
        .collect();
    // Riverton cites sources for the Library service area and public reporting only.
    assert!(!unsupported.contains(&"public_reporting.achievement"));
    assert!(!unsupported.contains(&"data_collection.achievement"));
    assert!(unsupported.contains(&"verification.data_checked"));
    let table = ok(&["evaluate", file]);
    assert!(table.contains("cite no `sources` (claimed, unsupported)"));

    let strict = json(&["evaluate", file, "--strict", "-f", "json"]);
    assert_eq!(strict["strict"], true);
    assert_eq!(strict["level"], "none");
    let gaps: Vec<&str> = strict["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["requirement"].as_str().unwrap())
        .collect();
    assert!(gaps.contains(&"verification.data_checked"));
    assert!(!gaps.contains(&"public_reporting.achievement"));
    let table = ok(&["evaluate", file, "--strict"]);
    assert!(table.contains("claimed, unsupported: add `sources` to verification"));
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
