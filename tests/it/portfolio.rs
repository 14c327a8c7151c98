//! `portfolio`: ranking many evidence files, errors reported at the end, deterministic
//! output in every format.

use std::path::Path;

use crate::common::cli::run;

fn portfolio_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let nested = dir.path().join("counties");
    std::fs::create_dir(&nested).unwrap();
    for (from, to) in [
        ("examples/riverton-excellence.yaml", "riverton.yaml"),
        ("examples/oakdale-achievement.yaml", "oakdale.yml"),
        ("examples/lakeside-none.yaml", "lakeside.yaml"),
        (
            "examples/millbrook-distinction.yaml",
            "counties/millbrook.yaml",
        ),
        (
            "tests/fixtures/bad/unknown-field.yaml",
            "counties/broken.yaml",
        ),
        ("tests/fixtures/good/formula-name.yaml", "formula.yaml"),
    ] {
        std::fs::copy(root.join(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("notes.txt"), "not evidence").unwrap();
    dir
}

#[test]
fn portfolio_ranks_reports_errors_and_is_deterministic() {
    let dir = portfolio_dir();
    let d = dir.path().to_str().unwrap();
    let r = run(&[
        "portfolio",
        d,
        "--as-of",
        "2022-04-30",
        "-f",
        "json",
        "-c",
        "2021",
    ]);
    assert_eq!(r.code, 2, "one bad file makes the exit code 2 at the end");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rows = v["jurisdictions"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let order: Vec<&str> = rows
        .iter()
        .map(|r| r["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "millbrook.yaml",
            "riverton.yaml",
            "oakdale.yml",
            "lakeside.yaml",
            "formula.yaml",
            "broken.yaml"
        ]
    );
    assert!(
        rows[5]["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `servce_areas`")
    );
    assert_eq!(v["counts"]["distinction"], 1);
    assert_eq!(v["errors"], 1);

    // Byte-identical output across runs and worker counts, in every format.
    for format in ["table", "json", "markdown", "html", "csv"] {
        let a = run(&[
            "portfolio",
            d,
            "--as-of",
            "2022-04-30",
            "-f",
            format,
            "--jobs",
            "1",
        ])
        .stdout;
        let b = run(&[
            "portfolio",
            d,
            "--as-of",
            "2022-04-30",
            "-f",
            format,
            "--jobs",
            "4",
        ])
        .stdout;
        let c = run(&["portfolio", d, "--as-of", "2022-04-30", "-f", format]).stdout;
        assert_eq!(a, b, "{format}");
        assert_eq!(a, c, "{format}");
        let snap = a.replace(d, "[DIR]");
        insta::assert_snapshot!(format!("portfolio_{format}"), snap);
    }
    // No progress bar when stderr is not a terminal.
    let r = run(&["portfolio", d]);
    assert!(!r.stderr.contains('['), "{}", r.stderr);
}

#[test]
fn portfolio_csv_neutralizes_formulas() {
    let dir = portfolio_dir();
    let out = run(&["portfolio", dir.path().to_str().unwrap(), "-f", "csv"]).stdout;
    assert!(
        out.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","),
        "{out}"
    );
    assert!(!out.contains(",=HYPERLINK"));
}

#[test]
fn portfolio_of_good_files_exits_0() {
    let r = run(&[
        "portfolio",
        "examples/riverton-excellence.yaml",
        "examples/oakdale-achievement.yaml",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Excellence: 1 · Distinction: 0 · Achievement: 1 · none: 0"),
        "{}",
        r.stdout
    );
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

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sub = dir.path().join("loop");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(
        root.join("examples/lakeside-none.yaml"),
        sub.join("lakeside.yaml"),
    )
    .unwrap();
    // Two links back to the folder: 2^40 paths if followed blindly.
    std::os::unix::fs::symlink(".", sub.join("self")).unwrap();
    std::os::unix::fs::symlink(".", sub.join("again")).unwrap();
    // A second name for the same file counts once.
    std::os::unix::fs::symlink("lakeside.yaml", sub.join("alias.yaml")).unwrap();
    let d = dir.path().to_str().unwrap();
    let r = run(&["portfolio", d, "-f", "json", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["jurisdictions"].as_array().unwrap().len(), 1, "{v}");
    assert!(r.stderr.contains("skipped"), "{}", r.stderr);
    assert!(r.stderr.contains("self"), "{}", r.stderr);
    assert!(r.stderr.contains("again"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_an_error_row_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("b.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this machine
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("examples/lakeside-none.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    let r = run(&["portfolio", dir.path().to_str().unwrap(), "-f", "json"]);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rows = v["jurisdictions"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let error = rows
        .iter()
        .find(|r| r["error"].is_string())
        .expect("an error row");
    assert!(error["error"].as_str().unwrap().contains("FIFO"), "{error}");
    let r = run(&["evaluate", fifo.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

#[test]
fn an_empty_folder_is_an_error_not_zero_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not evidence").unwrap();
    let r = run(&["portfolio", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no evidence files"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_does_not_change_the_exit_code() {
    use std::process::Stdio;
    let dir = portfolio_dir();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pmcheck"))
        .args(["portfolio", dir.path().to_str().unwrap(), "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Close the reading end before pmcheck writes: every write gets a broken pipe.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "a bad file is still exit 2");
}

// Portfolio once read each file its own way: no plan check, and the warnings of linking
// measures dropped. It now loads each file as `evaluate` does.
#[test]
fn portfolio_checks_plans_and_keeps_the_warnings_of_linked_measures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("kpis.csv"),
        "Department,Measure,Type,Fiscal Year,Actual\nPolice,Response time,outcome,2022,6\nPolice,Response time,outcome,2023,5\n",
    )
    .unwrap();
    std::fs::write(
        d.join("linked.yaml"),
        "version: 1\nas_of: 2023-06-30\nmeasures:\n  - file: kpis.csv\n",
    )
    .unwrap();
    std::fs::write(
        d.join("planned.yaml"),
        "version: 1\nplans:\n  - requirement: training.achievment\n    due: 2026-01-01\n",
    )
    .unwrap();
    let r = run(&["portfolio", d.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rows = v["jurisdictions"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"));
    let row = |file: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("no row for {file}: {v}"))
    };
    let planned = row("planned.yaml")["error"].as_str().unwrap();
    assert!(
        planned.contains("planned.yaml:3:18: plans: `training.achievment` is not a requirement id"),
        "{planned}"
    );
    let codes: Vec<&str> = row("linked.yaml")["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"derived-from-measures"), "{codes:?}");
}
