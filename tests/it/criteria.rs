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
    // A window not known stays null in JSON; the table and Markdown say `unknown`.
    assert_eq!(v[1]["id"], "icma-2022");
    assert!(v[1]["application_window"].is_null());
    let markdown = ok(&["criteria", "list", "-f", "markdown"]);
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| `icma-2022`"))
        .unwrap();
    assert!(row.ends_with("| unknown |"), "{row}");
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| `spectrum`"))
        .unwrap();
    assert!(row.ends_with("| — |"), "{row}");
}

#[test]
fn criteria_show_prints_the_notes_and_the_readiness_note() {
    let icma_2021 = json(&["criteria", "show", "2021", "--format", "json"]);
    let icma_2022 = json(&["criteria", "show", "2022", "--format", "json"]);
    assert!(
        icma_2021["notes"]
            .as_str()
            .unwrap()
            .starts_with("The evaluation process is not entirely points-based")
    );
    let note = icma_2021["readiness_note"].as_str().unwrap();
    assert!(note.starts_with("ICMA's evaluation is not entirely points-based"));
    // The same note in both years, so that `criteria diff 2021 2022` shows one change.
    assert_eq!(icma_2022["readiness_note"], note);
    for other in ["spectrum", "federal"] {
        let v = json(&["criteria", "show", other, "--format", "json"]);
        assert!(v["readiness_note"].is_null(), "{other}");
        assert!(v["notes"].is_string(), "{other}");
    }
    let table = ok(&["criteria", "show", "2022"]);
    assert!(table.contains("\nNotes: The evaluation process is not entirely points-based"));
    assert!(table.contains(&format!("\nReadiness note: {note}\n")));
    let markdown = ok(&["criteria", "show", "2022", "-f", "markdown"]);
    assert!(
        markdown.contains("\nNotes: The evaluation process is not entirely points-based"),
        "{markdown}"
    );
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

/// A criteria file with one level and category and the given requirements (TOML).
fn criteria_with(requirements: &str) -> String {
    format!(
        "schema = 1\nframework = \"t\"\nversion = \"1\"\ntitle = \"T\"\n\n[[levels]]\nid = \"a\"\nname = \"A\"\n\n[[categories]]\nid = \"c\"\nname = \"C\"\nweight = 1\n{requirements}"
    )
}

fn requirement(id: &str, rule: &str) -> String {
    format!(
        "\n[[requirements]]\nid = \"{id}\"\ncategory = \"c\"\nlevel = \"a\"\ntext = \"x\"\nreading = \"x\"\nhint = \"x\"\nrule = {rule}\n"
    )
}

#[test]
fn a_chain_of_requirements_met_is_read_once_per_requirement() {
    // r1..r29 each name the one before twice: 2^29 walks when fields were re-collected.
    let mut reqs = requirement(
        "r0",
        "{ kind = \"flag\", field = \"verification.data_checked\" }",
    );
    for i in 1..30 {
        let prev = format!("r{}", i - 1);
        reqs.push_str(&requirement(
            &format!("r{i}"),
            &format!("{{ kind = \"requirements_met\", requirements = [\"{prev}\", \"{prev}\"] }}"),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.toml");
    std::fs::write(&path, criteria_with(&reqs)).unwrap();
    let c = path.to_str().unwrap();
    ok(&["criteria", "check", c]);
    for format in [
        "table", "json", "sarif", "github", "html", "junit", "markdown",
    ] {
        let r = run(&[
            "evaluate",
            "examples/millbrook-distinction.yaml",
            "-c",
            c,
            "-f",
            format,
        ]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
    }
    let explained = ok(&["explain", "r29", "-c", c]);
    assert!(
        explained.contains("verification.data_checked"),
        "{explained}"
    );
}

#[test]
fn criteria_that_would_take_unbounded_work_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "5,787 quarterly rules over 400 quarters",
            criteria_with(
                &(0..5787)
                    .map(|i| {
                        requirement(
                            &format!("q{i}"),
                            "{ kind = \"quarterly\", field = \"accountability.reviews\", quarters = 400 }",
                        )
                    })
                    .collect::<String>(),
            ),
            "over pmcheck's limit of 40",
        ),
        (
            "every nested in every",
            criteria_with(&requirement(
                "e",
                &(0..30).fold(
                    "{ kind = \"flag\", field = \"federal.priority_goals[].publicly_reported\" }".to_owned(),
                    |inner, _| {
                        format!("{{ kind = \"every\", field = \"federal.priority_goals\", rule = {inner} }}")
                    },
                ),
            )),
            "cannot sit inside another `every`",
        ),
        (
            "weights that overflow",
            criteria_with(&requirement("w", "{ kind = \"flag\", field = \"verification.data_checked\" }"))
                .replace("weight = 1", "weight = 1e308")
                + "\n[[categories]]\nid = \"d\"\nname = \"D\"\nweight = 1e308\n",
            "over pmcheck's limit",
        ),
        (
            "a minimum of i64::MAX",
            criteria_with(&requirement(
                "m",
                "{ kind = \"not_empty\", field = \"training.sessions\", min = 9223372036854775807 }",
            )),
            "over pmcheck's limit of 10000",
        ),
        (
            "3,000 levels",
            criteria_with(&requirement("l", "{ kind = \"flag\", field = \"verification.data_checked\" }"))
                .replace(
                    "[[categories]]",
                    &((0..3000)
                        .map(|i| format!("[[levels]]\nid = \"l{i}\"\nname = \"L\"\n\n"))
                        .collect::<String>()
                        + "[[categories]]"),
                ),
            "pmcheck reads at most 10",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join("hostile.toml");
        std::fs::write(&path, text).unwrap();
        let c = path.to_str().unwrap();
        for args in [
            vec!["criteria", "check", c],
            vec!["evaluate", "examples/millbrook-distinction.yaml", "-c", c],
            vec!["explain", "m", "-c", c],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 2, "{name}: {args:?}: {}", r.stderr);
            assert!(r.stderr.contains(expected), "{name}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        }
    }
}
