//! CI formats (JUnit, SARIF, GitHub), the HTML report (in a real browser when one is
//! installed), and `--report`.

use std::path::Path;
use std::process::Command as Process;

use crate::common::browser::{chromium, headless};
use crate::common::cli::{Run, json, ok, run, run_env};

const FIXTURE: &str = "examples/millbrook-distinction.yaml";

fn evaluate(format: &str) -> Run {
    run(&[
        "evaluate",
        FIXTURE,
        "--require",
        "excellence",
        "--format",
        format,
    ])
}

#[test]
fn every_ci_format_is_snapshotted_from_the_shared_fixture() {
    for format in [
        "table", "json", "markdown", "junit", "sarif", "github", "html",
    ] {
        let r = evaluate(format);
        assert_eq!(r.code, 1, "{format}: below the required level");
        let stdout = r.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("format_{format}"), stdout);
    }
}

#[test]
fn junit_parses_back_with_suites_cases_failures_and_skips() {
    let xml = evaluate("junit").stdout;
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 10, "one suite per category");
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 18, "one case per requirement");
    let failed: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    assert_eq!(
        failed,
        [
            "data_collection.excellence (Excellence)",
            "public_reporting.excellence (Excellence)",
            "accountability.excellence (Excellence)",
            "equity.excellence (Excellence)",
            "leadership.excellence (Excellence)",
            "surveying.excellence (Excellence)"
        ]
    );
    assert_eq!(root.attribute("failures"), Some("6"));
    for s in &suites {
        let n = s.children().filter(|c| c.has_tag_name("testcase")).count();
        assert_eq!(s.attribute("tests").unwrap().parse::<usize>().unwrap(), n);
    }
    // The failure carries the hint.
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    let message = failure.attribute("message").unwrap();
    assert!(message.contains("outcome measures"), "{message}");
    // ... and the items that did not count, with their reasons.
    assert!(
        message.contains("Not counted: Roads and Bridges: no outcome measure; Elections:"),
        "{message}"
    );
    assert!(
        failure
            .text()
            .unwrap()
            .contains("- Solid Waste: no outcome measure"),
        "the description lists one item a line"
    );

    // Without --require the target is the next level; gaps above it are skipped.
    let xml = run(&[
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "-f",
        "junit",
    ])
    .stdout;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let skipped = doc
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .count();
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, 6, "the Distinction gaps fail");
    assert!(skipped >= 6, "the Excellence gaps are skipped");
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0-rtm.5.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The vendored schema's `language` patterns end in `]?$`, which ECMA-262 reads as a
    // literal `]` but the validator's regex engine rejects; pmcheck never writes
    // `language`, so those patterns are dropped before compiling the schema.
    let mut dropped = 0;
    for def in schema["definitions"].as_object_mut().unwrap().values_mut() {
        if let Some(language) = def
            .pointer_mut("/properties/language")
            .and_then(|l| l.as_object_mut())
            && language
                .get("pattern")
                .and_then(|p| p.as_str())
                .is_some_and(|p| p.ends_with("]?$"))
        {
            language.remove("pattern");
            dropped += 1;
        }
    }
    assert!(dropped >= 2);
    let validator = jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .expect("the SARIF schema compiles");
    for file in [
        FIXTURE,
        "examples/lakeside-none.yaml",
        "examples/riverton-excellence.yaml",
    ] {
        let out = run(&["evaluate", file, "-f", "sarif"]).stdout;
        let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let sarif: serde_json::Value = serde_json::from_str(&evaluate("sarif").stdout).unwrap();
    let run0 = &sarif["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        18 + 1,
        "a rule per requirement, and one per warning code present"
    );
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 6 + 3, "a result per gap and per warning");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).unwrap();
    let line_of = |key: &str| text.lines().position(|l| l.starts_with(key)).unwrap() as u64 + 1;
    let warning = results
        .iter()
        .find(|r| {
            r["ruleId"] == "category-unmet"
                && r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .starts_with("Surveying")
        })
        .expect("the warning is a result");
    assert_eq!(warning["level"], "warning");
    assert_eq!(
        warning["locations"][0]["physicalLocation"]["region"]["startLine"],
        line_of("surveys:"),
        "located at the section the category reads"
    );
    assert_eq!(warning["ruleIndex"], 18);
    assert_eq!(
        run0["tool"]["driver"]["rules"][18]["id"], "category-unmet",
        "ruleIndex points at the code's rule"
    );
    // Located at the section the requirement reads, or line 1 when it is missing.
    let line = |id: &str| {
        results.iter().find(|r| r["ruleId"] == id).unwrap()["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        line("data_collection.excellence"),
        line_of("service_areas:")
    );
    assert_eq!(
        line("accountability.excellence"),
        line_of("accountability:")
    );
    assert_eq!(line("surveying.excellence"), line_of("surveys:"));
    assert_eq!(line("equity.excellence"), 1, "no equity section");
    let message = |id: &str| {
        results.iter().find(|r| r["ruleId"] == id).unwrap()["message"]["text"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        message("data_collection.excellence")
            .ends_with("Not counted: Roads and Bridges: no outcome measure; Elections: no outcome measure; Solid Waste: no outcome measure"),
        "{}",
        message("data_collection.excellence")
    );
}

/// The items of a gap that did not count reach every output: the first five with their
/// reasons, then "and N more" (Oakdale's `accountability.excellence` leaves six).
#[test]
fn every_format_lists_the_uncounted_items_of_a_gap() {
    let first = ["2020-04-01 to 2020-06-30", "nothing dated in this quarter"];
    let sixth = "internal reviews of performance data with elected_officials";
    for format in ["table", "markdown", "junit", "sarif", "github", "html"] {
        let r = run(&[
            "evaluate",
            "examples/oakdale-achievement.yaml",
            "--require",
            "excellence",
            "-f",
            format,
        ]);
        assert_eq!(r.code, 1, "{format}");
        for part in first {
            assert!(r.stdout.contains(part), "{format}: {part}\n{}", r.stdout);
        }
        assert!(r.stdout.contains("and 1 more"), "{format}\n{}", r.stdout);
        assert!(!r.stdout.contains(sixth), "{format}: only five are named");
    }
    // The JSON lists every item, counted or not.
    let v = json(&[
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "-f",
        "json",
    ]);
    let items = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["requirements"].as_array().unwrap())
        .find(|r| r["id"] == "accountability.excellence")
        .unwrap()["items"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(items.iter().filter(|i| i["counted"] == false).count(), 6);
    assert!(
        items
            .iter()
            .any(|i| i["subject"].as_str().unwrap().starts_with(sixth))
    );
}

/// A gap that only repeats others (Training Excellence: "meets criteria for
/// achievement and distinction") says so and is not counted again.
#[test]
fn a_gap_that_follows_from_others_says_so_and_is_not_counted_again() {
    let args = [
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "--require",
        "excellence",
    ];
    let table = run(&args).stdout;
    assert!(
        table.contains(
            "This gap follows from training.achievement, training.distinction; it is not counted again"
        ),
        "{table}"
    );
    // 13 gaps, of which training.excellence only repeats training.distinction.
    assert!(
        table.contains("Required level Excellence: not reached (12 gaps to close)"),
        "{table}"
    );
    let md = run(&[&args[..], &["-f", "markdown"]].concat()).stdout;
    assert!(md.contains("follows from `training.achievement`, `training.distinction`"));
    assert!(md.contains("- Required level: Excellence (not reached, 12 gaps to close)"));
    let html = run(&[&args[..], &["-f", "html"]].concat()).stdout;
    assert!(html.contains(
        "This gap follows from <code>training.achievement</code>, <code>training.distinction</code>"
    ));
    assert!(html.contains(r#"<span id="to-close">(12 gaps to close)</span>"#));
}

#[test]
fn sarif_uris_are_relative_references_or_absolute_file_uris() {
    // A relative path stays relative; pmcheck names no home page it does not have.
    let sarif: serde_json::Value = serde_json::from_str(&evaluate("sarif").stdout).unwrap();
    let run0 = &sarif["runs"][0];
    assert!(run0["tool"]["driver"].get("informationUri").is_none());
    for result in run0["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uri"], FIXTURE);
        assert!(location.get("uriBaseId").is_none());
    }
    // An absolute path without a base id would be refused (SARIF1004): a file:// URI.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("with space é.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &file).unwrap();
    let out = run(&["evaluate", file.to_str().unwrap(), "-f", "sarif"]).stdout;
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(uri.ends_with("/with%20space%20%C3%A9.yaml"), "{uri}");
    assert!(uri.is_ascii() && !uri.contains('\\'), "{uri}");
}

#[test]
fn github_format_with_and_without_a_step_summary() {
    let r = evaluate("github");
    assert!(
        r.stdout
            .contains("::error file=examples/millbrook-distinction.yaml,line=")
    );
    assert!(
        r.stdout
            .contains("title=pmcheck surveying.excellence::Excellence · Surveying: ")
    );
    assert!(r.stdout.contains(
        "::warning file=examples/millbrook-distinction.yaml,line=1,title=pmcheck category-unmet::Equity: "
    ));
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let r = run_env(
        &[
            "evaluate",
            FIXTURE,
            "--require",
            "excellence",
            "-f",
            "github",
        ],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(r.code, 1);
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("previous step\n# pmcheck: Millbrook County"),
        "{written}"
    );
    assert!(written.contains("## Gaps"));
    // Other formats leave the summary alone.
    let before = std::fs::read_to_string(&summary).unwrap();
    run_env(
        &["evaluate", FIXTURE],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), before);
}

#[test]
fn no_format_lets_evidence_text_drive_a_terminal() {
    for format in [
        "table", "json", "markdown", "junit", "sarif", "github", "html",
    ] {
        let r = run(&[
            "evaluate",
            "tests/fixtures/good/hostile-strings.yaml",
            "--as-of",
            "2021-05-07",
            "--format",
            format,
        ]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\x1b') && !r.stdout.contains('\x07'),
            "{format}"
        );
        if matches!(format, "markdown" | "html" | "junit") {
            assert!(!r.stdout.contains("<script>"), "{format}");
        }
    }
}

#[test]
fn html_escapes_every_string_from_the_evidence() {
    let r = run(&[
        "evaluate",
        "tests/fixtures/good/hostile-strings.yaml",
        "-f",
        "html",
        "--as-of",
        "2021-05-07",
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!r.stdout.contains("<script>"));
    assert!(!r.stdout.contains('\x1b'));
    // Self-contained: nothing is fetched.
    for external in [
        "src=", "href=", "<link", "<script", "@import", "url(", "<img",
    ] {
        assert!(!evaluate("html").stdout.contains(external), "{external}");
    }
}

#[test]
fn the_html_report_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium (set PMCHECK_BROWSER_TESTS=1 to require it; .ci/run does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let hostile = dir.path().join("hostile.html");
    std::fs::write(&page, evaluate("html").stdout).unwrap();
    std::fs::write(
        &hostile,
        run(&[
            "evaluate",
            "tests/fixtures/good/hostile-strings.yaml",
            "-f",
            "html",
        ])
        .stdout,
    )
    .unwrap();

    let dump = |file: &Path| {
        let out = headless(&browser, &dir.path().join("profile"))
            .arg("--dump-dom")
            .arg(format!("file://{}", file.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let dom = dump(&page);
    assert!(
        dom.contains(r#"<h1 id="jurisdiction">Millbrook County</h1>"#),
        "{dom}"
    );
    assert!(
        dom.contains(r#"<span id="level" class="badge reached">Level reached: Distinction</span>"#)
    );
    assert!(dom.contains(
        r#"<span id="target" class="target no">Required Excellence: not reached</span>"#
    ));
    assert_eq!(dom.matches("<tr data-category=").count(), 10);
    assert_eq!(dom.matches(r#"<td class="gap">✗ gap</td>"#).count(), 6);
    assert_eq!(dom.matches(r#"<g class="bar""#).count(), 3);
    assert_eq!(dom.matches("<li data-requirement=").count(), 6);
    // Under each gap: the wording, the items that did not count with their reasons,
    // and the evidence fields in a smaller line of their own.
    assert!(
        dom.contains("<li><strong>Roads and Bridges</strong>: no outcome measure</li>"),
        "{dom}"
    );
    assert_eq!(dom.matches(r#"<p class="wording">"#).count(), 6);
    assert_eq!(
        dom.matches(r#"<p class="evidence-file">In the evidence file: "#)
            .count(),
        6
    );
    // The hostile name is text in the rendered DOM, not an element.
    let dom = dump(&hostile);
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom.contains("<script>alert"));

    let shot = dir.path().join("report.png");
    let out = headless(&browser, &dir.path().join("profile"))
        .arg("--window-size=1100,1400")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
}

#[test]
fn report_writes_further_formats_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("pmcheck.xml");
    let html = dir.path().join("report.html");
    let (j, h) = (
        format!("junit={}", junit.display()),
        format!("html={}", html.display()),
    );
    let r = run(&["evaluate", FIXTURE, "--report", &j, "--report", &h]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Level reached: Distinction"),
        "the table still goes to stdout"
    );
    assert!(roxmltree::Document::parse(&std::fs::read_to_string(&junit).unwrap()).is_ok());
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!doctype html>")
    );

    // An existing file is kept unless --force.
    let r = run(&["evaluate", FIXTURE, "--report", &j]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        run(&["evaluate", FIXTURE, "--report", &j, "--force"]).code,
        0
    );

    // A directory, a missing directory, the evidence itself: exit 2, nothing partial.
    let d = format!("html={}", dir.path().display());
    assert_eq!(run(&["evaluate", FIXTURE, "--report", &d]).code, 2);
    let missing = format!("junit={}", dir.path().join("no/such/dir/x.xml").display());
    assert_eq!(run(&["evaluate", FIXTURE, "--report", &missing]).code, 2);
    let copy = dir.path().join("evidence.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &copy).unwrap();
    let onto = format!("json={}", copy.display());
    let r = run(&[
        "evaluate",
        copy.to_str().unwrap(),
        "--report",
        &onto,
        "--force",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("never writes over the file it reads"),
        "{}",
        r.stderr
    );
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .starts_with("# Millbrook County")
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["evidence.yaml", "pmcheck.xml", "report.html"]);
    // A bad FORMAT=PATH is a usage error.
    assert_eq!(run(&["evaluate", FIXTURE, "--report", "pdf=x.pdf"]).code, 2);
    assert_eq!(run(&["evaluate", FIXTURE, "--report", "junit"]).code, 2);
}

#[test]
fn report_to_dash_writes_standard_output() {
    let r = run(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--format",
        "json",
        "--report",
        "markdown=-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let markdown = ok(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--format",
        "markdown",
    ]);
    let json = ok(&[
        "evaluate",
        "examples/millbrook-distinction.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(r.stdout, format!("{markdown}{json}"));
}

#[test]
fn two_reports_with_one_target_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let target = out.to_str().unwrap();
    let r = run(&[
        "evaluate",
        FIXTURE,
        "--report",
        &format!("json={target}"),
        "--report",
        &format!("html={target}"),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("named twice"), "{}", r.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_step_summary_that_is_an_input_is_skipped_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("e.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE),
        &evidence,
    )
    .unwrap();
    let before = std::fs::read(&evidence).unwrap();
    let e = evidence.to_str().unwrap();
    let r = run_env(
        &["evaluate", e, "-f", "github", "--require", "achievement"],
        &[("GITHUB_STEP_SUMMARY", e)],
    );
    assert_eq!(r.code, 0, "the evaluation stands: {}", r.stderr);
    assert!(r.stderr.contains("is an input of this run"), "{}", r.stderr);
    assert_eq!(std::fs::read(&evidence).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_step_summary_that_is_a_device_is_skipped() {
    let r = run_env(
        &["evaluate", FIXTURE, "-f", "github"],
        &[("GITHUB_STEP_SUMMARY", "/dev/null")],
    );
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_write_stopped_by_a_file_size_limit_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let r: Run = Process::new("sh")
        .arg("-c")
        .arg("ulimit -f 2 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("pmcheck"))
        .args(["evaluate", FIXTURE, "--report"])
        .arg(format!("html={}", out.display()))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 2, "an error, not killed by SIGXFSZ: {}", r.stderr);
    assert!(r.stderr.contains("File too large"), "{}", r.stderr);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_does_not_change_the_verdict() {
    use std::process::Stdio;
    for (level, code) in [("excellence", 1), ("achievement", 0)] {
        let mut child = Process::new(assert_cmd::cargo::cargo_bin("pmcheck"))
            .args(["evaluate", FIXTURE, "--require", level, "-f", "json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        assert_eq!(
            child.wait().unwrap().code(),
            Some(code),
            "--require {level}"
        );
    }
}
