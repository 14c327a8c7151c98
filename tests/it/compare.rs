//! `compare`: one evidence file under several criteria.

use crate::common::cli::{json, ok, run};

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
