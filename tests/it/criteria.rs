//! `criteria list`, `show`, `diff` and `check`, and a custom criteria file.

use crate::common::cli::{json, ok, run};

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
    assert!(r.stderr.contains("13 problems found"), "{}", r.stderr);
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
