//! Behaviour added while putting the house in order (issue 11); folded into the
//! per-command modules once the tests are one binary.

mod common;

use common::cli::{ok, pmcheck, run};

const DISTINCTION: &str = "examples/millbrook-distinction.yaml";

fn stdin_run(args: &[&str], input: &[u8]) -> common::cli::Run {
    pmcheck()
        .args(args)
        .write_stdin(input.to_vec())
        .output()
        .expect("pmcheck runs")
        .into()
}

#[test]
fn dash_reads_the_evidence_from_standard_input() {
    let text = std::fs::read(DISTINCTION).unwrap();
    let from_stdin = stdin_run(&["evaluate", "-", "--format", "json"], &text);
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    let from_file = ok(&["evaluate", DISTINCTION, "--format", "json"]);
    let a: serde_json::Value = serde_json::from_str(&from_stdin.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_str(&from_file).unwrap();
    assert_eq!(a["level"], b["level"]);
    assert_eq!(a["requirements"], b["requirements"]);
    assert_eq!(a["evidence"], "<stdin>");
}

#[test]
fn dash_evidence_errors_name_standard_input() {
    let r = stdin_run(&["evaluate", "-"], b"version: 1\nservce_areas: []\n");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>:2:1"), "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean `service_areas`"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_evidence_on_standard_input_is_read_as_json() {
    let r = stdin_run(&["evaluate", "-", "--format", "json"], br#"{"version": 1}"#);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["level"], "none");
}

#[test]
fn report_to_dash_writes_standard_output() {
    let r = run(&[
        "evaluate",
        DISTINCTION,
        "--format",
        "json",
        "--report",
        "markdown=-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let markdown = ok(&["evaluate", DISTINCTION, "--format", "markdown"]);
    let json = ok(&["evaluate", DISTINCTION, "--format", "json"]);
    assert_eq!(r.stdout, format!("{markdown}{json}"));
}

#[test]
fn level_ids_on_the_command_line_ignore_case() {
    let r = run(&["evaluate", DISTINCTION, "--require", "Distinction"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["evaluate", DISTINCTION, "--require", "EXCELLENCE"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = run(&["evaluate", DISTINCTION, "--require", "Excelence"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `excellence`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn plan_without_target_plans_to_the_next_level() {
    let implicit = ok(&["plan", DISTINCTION, "--format", "json"]);
    let explicit = ok(&[
        "plan",
        DISTINCTION,
        "--target",
        "excellence",
        "--format",
        "json",
    ]);
    assert_eq!(implicit, explicit);
    let v: serde_json::Value = serde_json::from_str(&implicit).unwrap();
    assert_eq!(v["target"], "excellence", "{v}");
}

#[test]
fn man_pages_exist_for_every_command() {
    let top = ok(&["man"]);
    assert!(
        top.contains("pmcheck\\-evaluate(1)"),
        "the top page lists sub-pages"
    );
    let page = ok(&["man", "evaluate"]);
    assert!(page.starts_with(".ie"), "roff: {page:.40}");
    assert!(page.contains("pmcheck\\-evaluate"), "{page:.200}");
    assert!(page.contains("\\-\\-require"), "documents its options");
    let nested = ok(&["man", "criteria", "show"]);
    assert!(
        nested.contains("pmcheck\\-criteria\\-show"),
        "{nested:.200}"
    );
    let r = run(&["man", "evalute"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `evaluate`?"),
        "{}",
        r.stderr
    );

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok(&["man", "--dir", d]);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for expected in [
        "pmcheck.1",
        "pmcheck-evaluate.1",
        "pmcheck-criteria.1",
        "pmcheck-criteria-show.1",
        "pmcheck-portfolio.1",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    // Every sub-page the top page names exists.
    for line in top.lines().filter(|l| l.contains("(1)")) {
        let name = line
            .split("\\fB")
            .nth(1)
            .and_then(|s| s.split("\\fR").next());
        if let Some(name) = name.map(|n| n.replace("\\-", "-").replace("(1)", "")) {
            assert!(
                names.contains(&format!("{name}.1")),
                "{name} listed, not written"
            );
        }
    }
    let again = run(&["man", "--dir", d]);
    assert_eq!(again.code, 2, "no clobbering without --force");
    ok(&["man", "--dir", d, "--force"]);
}

#[test]
fn portfolio_jobs_are_capped_not_spawned_blindly() {
    let r = run(&[
        "portfolio",
        "examples/millbrook-distinction.yaml",
        "--jobs",
        "1000000000",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Millbrook"), "{}", r.stdout);
}
