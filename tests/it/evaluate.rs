//! `evaluate` as a user runs it: the examples, exit codes and `--require`, the as-of
//! date, table and markdown snapshots, color, and every kind of bad input (exit 2, one
//! clear message, never a panic).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::cli::{pmcheck, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let r = run(&all);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

#[test]
fn each_example_reaches_the_level_the_readme_gives() {
    let expected = [
        ("examples/riverton-excellence.yaml", "2021", "excellence"),
        ("examples/riverton-excellence.yaml", "2022", "excellence"),
        ("examples/millbrook-distinction.yaml", "2021", "distinction"),
        ("examples/millbrook-distinction.yaml", "2022", "distinction"),
        ("examples/oakdale-achievement.yaml", "2021", "achievement"),
        ("examples/oakdale-achievement.yaml", "2022", "achievement"),
        ("examples/lakeside-none.yaml", "2021", "none"),
        ("examples/lakeside-none.yaml", "2022", "none"),
    ];
    for (file, version, level) in expected {
        let v = json(&["evaluate", file, "--criteria", version]);
        assert_eq!(v["level"], level, "{file} under {version}");
        assert_eq!(v["criteria"]["version"], version);
    }
}

#[test]
fn bundled_criteria_work_from_any_directory() {
    let example = root().join("examples/oakdale-achievement.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out = pmcheck()
        .current_dir(dir.path())
        .args([
            "evaluate",
            example.to_str().unwrap(),
            "--criteria",
            "2021",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["criteria"]["origin"], "bundled:icma-2021");
}

#[test]
fn criteria_load_from_a_path() {
    let v = json(&[
        "evaluate",
        "examples/riverton-excellence.yaml",
        "--criteria",
        "criteria/icma-2021.toml",
    ]);
    assert_eq!(v["criteria"]["origin"], "criteria/icma-2021.toml");
    assert_eq!(v["level"], "excellence");
}

#[test]
fn json_evidence_loads_like_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oakdale.json");
    std::fs::write(
        &path,
        r#"{"version": 1, "as_of": "2021-05-01",
            "service_areas": [
              {"name": "Police", "years": [2019, 2020]},
              {"name": "Public Works", "years": [2019, 2020]},
              {"name": "Parks", "years": [2020, 2021]},
              {"name": "Planning", "years": [2019, 2020]}],
            "verification": {"data_checked": true, "coordinator": "Sam Reyes"},
            "training": {"sessions": [{"date": "2021-01-26", "external": true}]},
            "public_reporting": {"channels": ["budget", "public_meeting"], "targets": true}}"#,
    )
    .unwrap();
    let v = json(&["evaluate", path.to_str().unwrap()]);
    assert_eq!(v["level"], "achievement");
}

#[test]
fn exit_codes() {
    let distinction = "examples/millbrook-distinction.yaml";
    assert_eq!(run(&["evaluate", distinction]).code, 0);
    assert_eq!(
        run(&["evaluate", distinction, "--require", "distinction"]).code,
        0
    );
    assert_eq!(
        run(&["evaluate", distinction, "--require", "achievement"]).code,
        0
    );
    let below = run(&["evaluate", distinction, "--require", "excellence"]);
    assert_eq!(below.code, 1);
    assert!(
        below
            .stdout
            .contains("Required level Excellence: not reached")
    );
    assert_eq!(
        run(&[
            "evaluate",
            "examples/lakeside-none.yaml",
            "--require",
            "achievement"
        ])
        .code,
        1
    );
    // Usage, input and criteria errors.
    assert_eq!(run(&["evaluate"]).code, 2);
    assert_eq!(run(&["evaluate", distinction, "--format", "xml"]).code, 2);
    assert_eq!(run(&["evaluate", "no/such/file.yaml"]).code, 2);
    assert_eq!(
        run(&["evaluate", distinction, "--criteria", "1999"]).code,
        2
    );
}

#[test]
fn require_names_a_level_of_the_criteria() {
    let r = run(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--require",
        "excelence",
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --require: `excelence` is not a level of icma 2022; did you mean `excellence`? levels: achievement, distinction, excellence\n"
    );
}

#[test]
fn require_is_reported_in_json() {
    let v = json(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--require",
        "distinction",
    ]);
    assert_eq!(v["target"], "distinction");
    assert_eq!(v["target_met"], true);
    let v = json(&["evaluate", "examples/millbrook-distinction.yaml"]);
    assert_eq!(v["target"], serde_json::Value::Null);
    assert_eq!(v["target_met"], serde_json::Value::Null);
}

#[test]
fn as_of_flag_wins_over_the_file_and_the_file_over_today() {
    let file = "examples/riverton-excellence.yaml";
    let v = json(&["evaluate", file]);
    assert_eq!(
        (v["as_of"].as_str(), v["as_of_source"].as_str()),
        (Some("2021-05-07"), Some("file"))
    );
    let v = json(&["evaluate", file, "--as-of", "2023-01-31"]);
    assert_eq!(
        (v["as_of"].as_str(), v["as_of_source"].as_str()),
        (Some("2023-01-31"), Some("flag"))
    );
    // Two years on, the same evidence is stale: the data and sessions are too old.
    assert_eq!(v["level"], "none");

    let dir = tempfile::tempdir().unwrap();
    let no_date = dir.path().join("e.yaml");
    std::fs::write(&no_date, "version: 1\n").unwrap();
    let before = chrono::Local::now().date_naive().to_string();
    let v = json(&["evaluate", no_date.to_str().unwrap()]);
    let after = chrono::Local::now().date_naive().to_string();
    assert_eq!(v["as_of_source"], "today");
    assert!(v["as_of"] == before.as_str() || v["as_of"] == after.as_str());
}

#[test]
fn every_format_states_the_as_of_date() {
    let file = "examples/oakdale-achievement.yaml";
    for format in ["table", "markdown"] {
        let r = run(&[
            "evaluate",
            file,
            "--format",
            format,
            "--as-of",
            "2021-06-30",
        ]);
        assert!(
            r.stdout.contains("2021-06-30 (from --as-of)"),
            "{format}: {}",
            r.stdout
        );
    }
}

#[test]
fn a_bad_as_of_flag_is_a_usage_error() {
    let r = run(&[
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "--as-of",
        "2021-02-30",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("`2021-02-30` is not a real calendar date"),
        "{}",
        r.stderr
    );
}

#[test]
fn table_snapshots() {
    for (name, file, criteria) in [
        (
            "table_millbrook_2022",
            "examples/millbrook-distinction.yaml",
            "2022",
        ),
        (
            "table_oakdale_2021",
            "examples/oakdale-achievement.yaml",
            "2021",
        ),
        (
            "table_riverton_2022",
            "examples/riverton-excellence.yaml",
            "2022",
        ),
    ] {
        let r = run(&[
            "evaluate",
            file,
            "--criteria",
            criteria,
            "--require",
            "excellence",
        ]);
        insta::assert_snapshot!(name, r.stdout);
    }
}

#[test]
fn markdown_snapshots() {
    for (name, file) in [
        (
            "markdown_millbrook_2022",
            "examples/millbrook-distinction.yaml",
        ),
        ("markdown_lakeside_2022", "examples/lakeside-none.yaml"),
    ] {
        let r = run(&["evaluate", file, "--format", "markdown"]);
        assert_eq!(r.code, 0);
        insta::assert_snapshot!(name, r.stdout);
    }
}

#[test]
fn color_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let file = "examples/millbrook-distinction.yaml";
    // Not a terminal: no escape codes.
    assert!(!run(&["evaluate", file]).stdout.contains('\x1b'));
    assert!(
        run(&["evaluate", file, "--color", "always"])
            .stdout
            .contains("\x1b[")
    );
    let out = pmcheck()
        .env("NO_COLOR", "1")
        .args(["evaluate", file, "--color", "auto"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn text_from_the_evidence_cannot_drive_the_terminal_or_inject_markup() {
    let file = "tests/fixtures/good/hostile-strings.yaml";
    for format in ["table", "markdown"] {
        let r = run(&[
            "evaluate",
            file,
            "--format",
            format,
            "--as-of",
            "2021-05-07",
        ]);
        assert_eq!(r.code, 0);
        assert!(!r.stdout.contains('\x1b'), "{format}");
        assert!(!r.stdout.contains('\x07'), "{format}");
    }
    let md = run(&["evaluate", file, "--format", "markdown"]).stdout;
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"),
        "{md}"
    );
    assert!(!md.contains("<script>"));
    // The service area name reaches the warnings; its escape sequence must not.
    let table = run(&["evaluate", file, "--as-of", "2021-05-07"]).stdout;
    assert!(
        table.contains("service area `\u{fffd}]0;pwned\u{fffd}`"),
        "{table}"
    );
    // JSON carries the text exactly, escaped by JSON itself.
    let json = run(&["evaluate", file, "--format", "json"]).stdout;
    assert!(json.contains("\\u001b[31mRed"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        v["jurisdiction"]["name"]
            .as_str()
            .unwrap()
            .starts_with("\u{1b}[31mRed")
    );
    // The other commands that print evidence text.
    for args in [
        vec!["compare", file, "2021", "2022"],
        vec!["compare", file, "2021", "2022", "-f", "markdown"],
        vec!["plan", file, "--target", "excellence"],
        vec!["plan", file, "--target", "excellence", "-f", "markdown"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\x1b') && !r.stdout.contains('\x07'),
            "{args:?}"
        );
        if args.contains(&"markdown") {
            assert!(!r.stdout.contains("<script>"), "{args:?}");
        }
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let v = json(&["evaluate", "tests/fixtures/good/bom-crlf.yaml"]);
    assert_eq!(v["jurisdiction"]["name"], "Windows Town");
}

/// Runs pmcheck on each file and returns a report of exit codes and messages.
fn bad_input_report(dir: &str, files: &[&str], args: &[&str]) -> String {
    let mut report = String::new();
    for file in files {
        let path = format!("{dir}/{file}");
        let mut all = vec!["evaluate"];
        all.extend_from_slice(args);
        all.push(&path);
        let start = Instant::now();
        let r = run(&all);
        let took = start.elapsed();
        assert_eq!(r.code, 2, "{file}: exit code; stderr: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{file}: nothing on stdout");
        assert!(!r.stderr.contains("panicked"), "{file}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{file}: {}", r.stderr);
        assert!(
            r.stderr.contains(&path),
            "{file}: the message names the file"
        );
        assert!(took < Duration::from_secs(10), "{file}: took {took:?}");
        report.push_str(&format!("=== {file}\n{}\n", r.stderr));
    }
    report
}

#[test]
fn bad_evidence_files() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the bad-input corpus shrank: {}",
        files.len()
    );
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let report = bad_input_report("tests/fixtures/bad", &names, &["--as-of", "2021-05-07"]);
    insta::assert_snapshot!("bad_evidence", report);
}

#[test]
fn bad_criteria_files() {
    let files = [
        "broken.toml",
        "no-levels.toml",
        "schema-2.toml",
        "syntax-error.toml",
        "unknown-key.toml",
        "zero-weights.toml",
    ];
    let mut report = String::new();
    for file in files {
        let path = format!("tests/fixtures/criteria/{file}");
        let r = run(&[
            "evaluate",
            "examples/riverton-excellence.yaml",
            "--criteria",
            &path,
        ]);
        assert_eq!(r.code, 2, "{file}");
        assert!(r.stderr.contains(&path), "{file}: names the file");
        assert!(!r.stderr.contains("panicked"), "{file}");
        report.push_str(&format!("=== {file}\n{}\n", r.stderr));
    }
    insta::assert_snapshot!("bad_criteria", report);
}

#[test]
fn every_criteria_problem_is_reported_at_once() {
    let r = run(&[
        "evaluate",
        "examples/riverton-excellence.yaml",
        "--criteria",
        "tests/fixtures/criteria/broken.toml",
    ]);
    for expected in [
        "level `basic` is named twice",
        "weight -1 is not allowed",
        "duplicate category id `measurement`",
        "unknown category `measurment`; did you mean `measurement`?",
        "unknown rule kind `flg`; did you mean `flag`?",
        "duplicate requirement id `m.one`",
        "unknown level `advanced`",
        "`verification.data_chekced` is not a field of evidence format v1; did you mean `verification.data_checked`?",
        "rule kind `flag` cannot read `service_areas`",
        "rule kind `not_empty` takes no `months` parameter",
        "rule kind `recent_event` needs the `field` parameter",
        "`m.three` is not a requirement declared earlier in this file",
    ] {
        assert!(
            r.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            r.stderr
        );
    }
}

fn with_tempdir(f: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    f(dir.path());
}

#[test]
fn files_that_cannot_be_read_as_text() {
    with_tempdir(|dir| {
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "binary.yaml",
                vec![0x7f, b'E', b'L', b'F', 0, 1, 2, 0],
                "looks like a binary file",
            ),
            (
                "latin1.yaml",
                b"version: 1\njurisdiction:\n  name: M\xfcnchen\n".to_vec(),
                ":3:10: invalid UTF-8 at byte 34",
            ),
            (
                // UTF-16 LE with a lone surrogate where `b` belongs (line 2, column 8).
                "utf16-broken.yaml",
                [
                    &[0xFF, 0xFE][..],
                    &utf16_le("version: 1\nname: a")[..],
                    &[0x00, 0xD8],
                ]
                .concat(),
                ":2:8: invalid UTF-16 in UTF-16 LE text; save the evidence file as UTF-8 text",
            ),
        ];
        for (name, bytes, expected) in cases {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let r = run(&["evaluate", path.to_str().unwrap()]);
            assert_eq!(r.code, 2, "{name}");
            assert!(r.stderr.contains(expected), "{name}: {}", r.stderr);
        }
    });
}

#[test]
fn a_directory_or_a_missing_file() {
    with_tempdir(|dir| {
        let r = run(&["evaluate", dir.to_str().unwrap()]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("is a directory; give the path of the evidence file itself")
        );
        let missing = dir.join("missing.yaml");
        let r = run(&["evaluate", missing.to_str().unwrap()]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("no such file; check the path of the evidence file")
        );
        let r = run(&[
            "evaluate",
            "examples/oakdale-achievement.yaml",
            "--criteria",
            missing.with_extension("toml").to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("no such file; check the path of the criteria file"),
            "{}",
            r.stderr
        );
    });
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    with_tempdir(|dir| {
        let path = dir.join("huge.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(16 * 1024 * 1024 + 1).unwrap();
        let start = Instant::now();
        let r = run(&["evaluate", path.to_str().unwrap()]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("over the 16 MiB limit for evidence files"),
            "{}",
            r.stderr
        );
        assert!(start.elapsed() < Duration::from_secs(5));
    });
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    with_tempdir(|dir| {
        let path = dir.join("secret.yaml");
        std::fs::write(&path, "version: 1\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&path).is_ok() {
            // Running as root: permissions do not stop reads, so there is nothing to test.
            eprintln!("skipped: this user can read a mode-000 file");
            return;
        }
        let r = run(&["evaluate", path.to_str().unwrap()]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("permission denied"), "{}", r.stderr);
    });
}

#[test]
fn deep_nesting_fails_fast() {
    let start = Instant::now();
    let r = run(&["evaluate", "tests/fixtures/bad/deep-nesting.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn requirement_and_category_ids_are_stable() {
    let v = json(&["evaluate", "examples/riverton-excellence.yaml"]);
    let mut ids = Vec::new();
    for c in v["categories"].as_array().unwrap() {
        ids.push(c["id"].as_str().unwrap().to_string());
        for r in c["requirements"].as_array().unwrap() {
            ids.push(format!(
                "  {} ({})",
                r["id"].as_str().unwrap(),
                r["level"].as_str().unwrap()
            ));
        }
    }
    let mut unique = ids.iter().map(|s| s.trim()).collect::<Vec<_>>();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    insta::assert_snapshot!("ids", ids.join("\n"));
}

#[test]
fn empty_sections_claim_nothing() {
    let v = json(&[
        "evaluate",
        "tests/fixtures/good/empty-sections.yaml",
        "--as-of",
        "2021-05-07",
    ]);
    assert_eq!(v["level"], "none");
    assert_eq!(v["jurisdiction"], serde_json::Value::Null);
}

#[test]
fn lists_and_texts_past_the_limits_are_refused_fast() {
    with_tempdir(|dir| {
        let mut areas = String::from("version: 1\nservice_areas:\n");
        for i in 0..10_001 {
            areas.push_str(&format!("  - {{name: A{i}}}\n"));
        }
        let years = format!(
            "version: 1\nservice_areas:\n  - name: Police\n    years: [{}]\n",
            vec!["2020"; 10_001].join(", ")
        );
        let long = format!(
            "version: 1\njurisdiction:\n  name: {}\n  kind: city\n",
            "x".repeat(10_001)
        );
        let cases = [
            ("areas.yaml", areas, "more than 10000 service areas"),
            ("years.yaml", years, "more than 10000 entries in one list"),
            ("long.yaml", long, "text longer than 10000 characters"),
        ];
        for (name, text, expected) in cases {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            let start = Instant::now();
            let r = run(&["evaluate", path.to_str().unwrap()]);
            assert_eq!(r.code, 2, "{name}");
            assert!(r.stderr.contains(expected), "{name}: {}", r.stderr);
            assert!(start.elapsed() < Duration::from_secs(5), "{name}");
        }
    });
}

const DISTINCTION: &str = "examples/millbrook-distinction.yaml";

fn stdin_run(args: &[&str], input: &[u8]) -> crate::common::cli::Run {
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
    let from_file = crate::common::cli::ok(&["evaluate", DISTINCTION, "--format", "json"]);
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
fn section_lines_was_quadratic_in_a_flow_list_written_one_item_per_line() {
    // `sources: [` then 100,100 lines `sN,` at the start of the line: each looked like
    // a new top-level key, and each was compared with every earlier one (~12 s).
    let mut text = String::from("version: 1\nas_of: 2021-05-07\nservice_areas:\n");
    let mut n = 0;
    for area in 0..11 {
        text.push_str(&format!(
            "  - name: Area {area}\n    years: [2020]\n    sources: [\n"
        ));
        for _ in 0..9100 {
            text.push_str(&format!("s{n},\n"));
            n += 1;
        }
        text.push_str("    ]\n");
    }
    let verification = text.lines().count() as u64 + 1;
    text.push_str("verification:\n  data_checked: true\n");
    assert!(text.lines().count() > 100_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long-lists.yaml");
    std::fs::write(&file, text).unwrap();
    let r = run(&["evaluate", file.to_str().unwrap(), "-f", "sarif"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let line = |id: &str| {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == id)
            .unwrap_or_else(|| panic!("no result for {id}"))["locations"][0]["physicalLocation"]
            ["region"]["startLine"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(line("data_collection.achievement"), 3);
    assert_eq!(line("verification.coordinator"), verification);
    assert_eq!(line("training.achievement"), 1, "no training section");
}

fn utf16_le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16_be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

#[test]
fn utf16_evidence_with_a_byte_order_mark_evaluates_like_its_utf8_twin() {
    let utf8 = std::fs::read_to_string(DISTINCTION).unwrap();
    let expected = json(&["evaluate", DISTINCTION]);
    with_tempdir(|dir| {
        // What Excel and Notepad save as "Unicode text": a BOM, and often CRLF.
        let crlf = utf8.replace('\n', "\r\n");
        for (name, bytes) in [
            ("le.yaml", [&[0xFF, 0xFE][..], &utf16_le(&utf8)].concat()),
            ("be.yaml", [&[0xFE, 0xFF][..], &utf16_be(&utf8)].concat()),
            (
                "le-crlf.yaml",
                [&[0xFF, 0xFE][..], &utf16_le(&crlf)].concat(),
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let mut v = json(&["evaluate", path.to_str().unwrap()]);
            assert_eq!(v["evidence"], path.to_str().unwrap());
            v["evidence"] = expected["evidence"].clone();
            assert_eq!(v, expected, "{name}");
        }
    });
}

#[test]
fn a_service_area_spelled_with_invisible_or_wide_characters_is_listed_twice() {
    let r = run(&[
        "evaluate",
        "tests/fixtures/bad/service-area-invisible-character.yaml",
    ]);
    assert_eq!(r.code, 2);
    // Located at the later entry (line 7), not the first or the list.
    assert!(
        r.stderr.starts_with(
            "error: tests/fixtures/bad/service-area-invisible-character.yaml:7:5: service area `Police<U+200B>` is listed twice (entries 1 and 3, `Police` and `Police<U+200B>`"
        ),
        "{}",
        r.stderr
    );
    with_tempdir(|dir| {
        for spelling in [
            "Pol\u{ad}ice",
            "\u{ff30}olice",
            "Police\u{2060}",
            "Police\u{feff}",
            "Police\u{202e}",
            "POLICE",
            "police ",
        ] {
            let path = dir.join("e.yaml");
            std::fs::write(
                &path,
                format!(
                    "version: 1\nservice_areas:\n  - name: Police\n    years: [2020]\n  - name: Fire\n  - name: \"{spelling}\"\n    years: [2019]\n"
                ),
            )
            .unwrap();
            let r = run(&["evaluate", path.to_str().unwrap()]);
            assert_eq!(r.code, 2, "{spelling:?}");
            let at = format!("{}:6:5: service area `", path.display());
            assert!(r.stderr.contains(&at), "{spelling:?}: {}", r.stderr);
            assert!(
                r.stderr.contains("is listed twice (entries 1 and 3"),
                "{spelling:?}: {}",
                r.stderr
            );
        }
    });
}

#[test]
fn look_alike_service_area_names_are_warned_about_and_count_once() {
    let areas = |fourth: &str| {
        format!(
            "version: 1\nas_of: 2021-05-07\nservice_areas:\n  - {{name: Police, years: [2019, 2020]}}\n  - {{name: Fire, years: [2019, 2020]}}\n  - {{name: Parks, years: [2019, 2020]}}\n  - {{name: {fourth}, years: [2019, 2020]}}\n"
        )
    };
    let achievement = |v: &serde_json::Value| {
        v["categories"][0]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "data_collection.achievement")
            .unwrap()["met"]
            .clone()
    };
    with_tempdir(|dir| {
        let path = dir.join("e.yaml");
        // A Cyrillic `о`: not the same name, but it looks the same.
        std::fs::write(&path, areas("P\u{43e}lice")).unwrap();
        let out = crate::common::cli::ok(&["evaluate", path.to_str().unwrap(), "-f", "json"]);
        let report: crate::common::contract::Report = serde_json::from_str(&out).unwrap();
        let confusable: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.code == crate::common::contract::WarningCode::ConfusableNames)
            .collect();
        assert_eq!(confusable.len(), 1);
        assert_eq!(confusable[0].category.as_deref(), Some("data_collection"));
        assert_eq!(
            confusable[0].message,
            "service areas `Po<U+006F>lice` (entry 1) and `P\u{43e}<U+043E>lice` (entry 4) look alike and may be the same area, so they count as one; merge them, or retype the name with the letters you meant"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|w| w["code"] == "confusable-names")
                .count(),
            1
        );
        // Three areas that look different, not the four the requirement needs.
        assert_eq!(achievement(&v), false);

        std::fs::write(&path, areas("Library")).unwrap();
        let v = json(&["evaluate", path.to_str().unwrap()]);
        assert_eq!(achievement(&v), true);
        assert!(
            v["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|w| w["code"] != "confusable-names")
        );
    });
}

#[test]
fn a_tab_indenting_a_line_is_reported_at_the_tab() {
    with_tempdir(|dir| {
        let mut text = String::from("version: 1\njurisdiction:\n  name: Oakdale\n  kind: city\n");
        text.push_str(&"# filler\n".repeat(40));
        text.push_str("verification:\n  data_checked: true\n\tcoordinator: Sam Reyes\n");
        let path = dir.join("e.yaml");
        std::fs::write(&path, &text).unwrap();
        let r = run(&["evaluate", path.to_str().unwrap()]);
        assert_eq!(r.code, 2);
        // The tab is on line 47, column 1; the parser alone said 46:17.
        let expected = format!(
            "error: {}:47:1: a tab indents this line; YAML indents with spaces, not tabs: replace the tab with spaces\n",
            path.display()
        );
        assert!(r.stderr.starts_with(&expected), "{}", r.stderr);
        assert!(
            r.stderr.contains("47 |  coordinator: Sam Reyes"),
            "{}",
            r.stderr
        );
    });
}
