//! Consultant and analyst workflows through the binary: compare, criteria list, show,
//! diff and check, explain.

use assert_cmd::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::cargo_bin("pmcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

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

fn run_in(dir: &std::path::Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("pmcheck")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

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
