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
