//! `pmcheck publish`: the site written, what it refuses, hostile text, and the page in a
//! real browser (search, anchors, no JavaScript, axe-core).

use std::path::Path;

use crate::common::browser::chromium;
use crate::common::cli::{Run, run, run_env};

const FAIRVIEW: [&str; 6] = [
    "publish",
    "--evidence",
    "examples/fairview-measures.yaml",
    "examples/measures/fairview-benchmarks.csv",
    "--narratives",
    "examples/measures/fairview-narratives.yaml",
];

fn publish(args: &[&str], out: &Path) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", out.to_str().unwrap()]);
    run_env(&all, &[("SOURCE_DATE_EPOCH", "1764000000")])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn fairview_publishes_its_report_and_the_terminal_maps_it_to_the_criteria() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let r = publish(&FAIRVIEW, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("City of Fairview, FY2021 to FY2024: 7 service areas, 11 measures (✓ 8 meet their target, ✗ 3 miss their target)"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("1 measure missing its target without a narrative and action steps")
    );
    assert!(
        r.stdout
            .contains("✓ public_reporting.achievement (Achievement)")
    );
    assert!(
        r.stdout
            .contains("✗ public_reporting.distinction (Distinction)")
    );
    assert!(r.stdout.contains("✗ narrative: no narrative with action steps for `Calls for service`, which miss their targets"));
    assert!(
        r.stdout
            .contains("✓ comparisons: every service area shows comparison values")
    );
    assert!(
        r.stdout
            .contains("✓ public_reporting.excellence (Excellence)")
    );
    assert!(r.stdout.contains("    channels: [report, website]\n"));
    assert!(!r.stdout.contains("    narrative: true"));

    let page = read(&out.join("index.html"));
    assert!(page.contains(r#"<h1 id="pm_title">City of Fairview</h1>"#));
    assert!(page.contains("Performance measures, FY2021 to FY2024"));
    assert!(page.contains("Generated 2025-11-24"));
    assert!(page.contains("Data as of 2024-09-30"));
    assert_eq!(page.matches(r#"<article class="measure""#).count(), 11);
    assert_eq!(page.matches(r#"<section class="area""#).count(), 7);
    // Eleven measures: every area starts open.
    assert_eq!(
        page.matches(r#"<details class="measures" open>"#).count(),
        7
    );
    // Police's response time: lower is better, 43 against 42 misses; slower than last year.
    let police = section(&page, "police--priority-1-response-time");
    assert!(police.contains(r#"<span class="badge misses"><span aria-hidden="true">✗</span> Misses target</span> <span class="latest">FY2024: 43 minutes</span>"#), "{police}");
    assert!(police.contains(r#"<li class="worse"><span aria-hidden="true">▲</span> Up 1 minute from FY2023: worse</li>"#), "{police}");
    assert!(police.contains("Comparison 41 minutes: worse than comparable"));
    assert!(police.contains("Equity: Priority 1 response time by District, FY2024"));
    assert!(police.contains("Gap between the best group (District 1: 38 minutes) and the worst (District 4: 49 minutes): 11 minutes."));
    assert!(police.contains("Finish dispatcher training"));
    // A measure that misses without a narrative says so, once.
    assert_eq!(page.matches(r#"<p class="no-narrative">"#).count(), 1);
    assert!(section(&page, "police--calls-for-service").contains(r#"<p class="no-narrative">"#));
    // Charts: inline SVG, each with a title, a description and a data table.
    assert_eq!(page.matches("<svg role=\"img\"").count(), 11 + 2);
    assert_eq!(page.matches("<title id=").count(), 13);
    assert_eq!(page.matches("<desc id=").count(), 13);
    assert_eq!(page.matches(r#"<details class="data">"#).count(), 13);
    // Self-contained: nothing fetched, one inline script.
    let without_namespaces = page.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    for external in [
        "src=", "<link", "@import", "url(", "<img", "http://", "https://",
    ] {
        assert!(!without_namespaces.contains(external), "{external}");
    }
    assert_eq!(page.matches("<script").count(), 1);
    assert!(out.join(".pmcheck-publish").is_file());

    let csv = read(&out.join("measures.csv"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "service_area,measure,kind,unit,higher_is_better,period,breakdown,actual,target,comparison,file,row,program"
        )
    );
    assert!(csv.contains(
        "Police,Priority 1 response time,outcome,minutes,,FY2024,,43,42,,fairview-kpis.xlsx,4,\n"
    ));
    assert!(csv.contains("Police,Priority 1 response time,,,false,FY2024,District: District 4,49,,,fairview-benchmarks.csv,35,\n"), "{csv}");
}

/// The text of the article with this anchor.
fn section<'a>(page: &'a str, anchor: &str) -> &'a str {
    let start = page
        .find(&format!(r#"<article class="measure" id="{anchor}""#))
        .unwrap_or_else(|| panic!("no measure {anchor}"));
    let end = page[start..].find("</article>").unwrap() + start;
    &page[start..end]
}

#[test]
fn a_site_is_replaced_only_with_force_and_only_when_pmcheck_wrote_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(publish(&FAIRVIEW, &out).code, 0);
    // Named as given (not as resolved): `TMP/./site`.
    let given = tmp.path().join(".").join("site");
    let again = publish(&FAIRVIEW, &given);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains(&format!("{}: holds", given.display())),
        "{}",
        again.stderr
    );
    assert!(
        again
            .stderr
            .contains("holds a site published earlier; use --force to replace it"),
        "{}",
        again.stderr
    );
    let mut forced: Vec<&str> = FAIRVIEW.to_vec();
    forced.push("--force");
    assert_eq!(publish(&forced, &out).code, 0);

    // A folder of the user's own is never replaced, even with --force.
    let mine = tmp.path().join("documents");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("budget.xlsx"), "mine").unwrap();
    let r = publish(&forced, &mine);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("is not empty and is not a site pmcheck published"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&mine.join("budget.xlsx")), "mine");
    // Nor a file.
    let file = tmp.path().join("report.html");
    std::fs::write(&file, "x").unwrap();
    let r = publish(&forced, &file);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
    // Nothing is left behind beside the sites.
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["documents", "report.html", "site"]);
}

#[test]
fn a_site_folder_holding_an_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    std::fs::create_dir(&out).unwrap();
    let data = out.join("kpis.csv");
    std::fs::write(
        &data,
        "Department,Measure,Year,Actual\nParks,Visits,2024,3\n",
    )
    .unwrap();
    std::fs::write(out.join(".pmcheck-publish"), "").unwrap();
    let r = publish(&["publish", data.to_str().unwrap(), "--force"], &out);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("an input of this run"), "{}", r.stderr);
    assert!(data.is_file());
}

const HOSTILE_CSV: &str = "\
Department,Measure,Year,Actual,Target,Unit,Desired direction
\"<script>alert(1)</script>\",\"Say \"\"hi\"\" & 'bye' </p>\",2023,5,6,<b>u</b>,higher
\"<script>alert(1)</script>\",\"Say \"\"hi\"\" & 'bye' </p>\",2024,4,6,<b>u</b>,higher
Parks,\"\u{1b}[31mRed\u{1b}[0m\u{7} bell\u{202e}evil\",2024,3,2,,higher
Parks,=HYPERLINK(\"http://x\"),2024,1,,,
Parks,LONGNAME,2024,1,,,
";

#[test]
fn hostile_text_is_escaped_and_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("hostile.csv");
    std::fs::write(&data, HOSTILE_CSV.replace("LONGNAME", &"Long".repeat(2000))).unwrap();
    let narratives = tmp.path().join("n.yaml");
    std::fs::write(
        &narratives,
        "version: 1\nservice_areas:\n  \"<script>alert(1)</script>\":\n    narrative: \"<img src=x onerror=alert(2)> \\\"quoted\\\"\\n\\u001b[2Jcleared\"\n    action_steps: [\"</li><script>alert(3)</script>\"]\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let r = publish(
        &[
            "publish",
            data.to_str().unwrap(),
            "--narratives",
            narratives.to_str().unwrap(),
            "--title",
            "<i>Town</i>",
        ],
        &out,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('\u{1b}'));
    let page = read(&out.join("index.html"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only pmcheck's own script"
    );
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>u"));
    assert!(!page.contains("<i>Town"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot;"));
    assert!(page.contains("Say &quot;hi&quot; &amp; &#39;bye&#39; &lt;/p&gt;"));
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!page.contains(c), "{c:?}");
    }
    // A 8,000-character name is cut wherever it is shown; the search text keeps it whole
    // only in an attribute, escaped.
    let long = "Long".repeat(2000);
    let shown = page.matches(&long[..200]).count();
    assert!(shown <= 1, "{shown}");
    assert!(page.contains(&format!("{}…", &long[..159])));
    // measures.csv neutralizes a formula.
    let csv = read(&out.join("measures.csv"));
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn narratives_that_name_what_the_data_does_not_have_are_errors_with_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let narratives = tmp.path().join("n.yaml");
    let out = tmp.path().join("site");
    let case = |text: &str| {
        std::fs::write(&narratives, text).unwrap();
        let mut args: Vec<&str> = FAIRVIEW[..4].to_vec();
        args.extend(["--narratives", narratives.to_str().unwrap()]);
        publish(&args, &out)
    };
    let r = case(
        "version: 1\nservice_areas:\n  Police:\n    measures:\n      Priority 1 respons time:\n        narrative: Slower.\n",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("n.yaml:5:7"), "{}", r.stderr);
    assert!(r.stderr.contains("no measure named `Priority 1 respons time` of `Police` in the measures; did you mean `Priority 1 response time`?"), "{}", r.stderr);
    let r = case("version: 1\nservice_areas:\n  Polise:\n    narrative: x\n");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("n.yaml:3:3"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `Police`?"), "{}", r.stderr);
    let r = case("version: 1\nservice_areas:\n  Police:\n    action_step: [x]\n");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("n.yaml:4"), "{}", r.stderr);
    assert!(r.stderr.contains("action_step"), "{}", r.stderr);
    let r = case("version: 2\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("narratives version 2 is not known"),
        "{}",
        r.stderr
    );
    let r = case(
        "version: 1\nservice_areas:\n  Police:\n    measures:\n      Calls for service:\n        direction: sideways\n",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("n.yaml:6"), "{}", r.stderr);
    let r = case("");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("the narratives file is empty"),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "nothing is written when an input is wrong");
}

#[test]
fn measures_without_values_or_arguments_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("empty.csv");
    std::fs::write(
        &data,
        "Department,Measure,Year,Actual\nParks,Visits,2024,N/A\n",
    )
    .unwrap();
    let r = publish(
        &["publish", data.to_str().unwrap()],
        &tmp.path().join("site"),
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no actual values in "), "{}", r.stderr);
    let r = run(&["publish", "examples/measures/fairview-benchmarks.csv"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--out"), "{}", r.stderr);
    let r = run(&["publish", "--out", "x"]);
    assert_eq!(r.code, 2);
}

/// A unit column that says `Percent` gives percentages: shown with `%`, and a change
/// between two of them in percentage points, never "percent".
#[test]
fn a_percent_unit_column_shows_percentages_and_changes_in_points() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kpis.csv");
    std::fs::write(
        &data,
        "Department,Measure,Type,Year,Actual,Target,Unit\nParks,Satisfied residents,Outcome,2022,37,40,Percent\nParks,Satisfied residents,Outcome,2023,38.2,40,Percent\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let r = publish(
        &["publish", data.to_str().unwrap(), "--as-of", "2024-01-01"],
        &out,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out.join("index.html"));
    assert!(
        page.contains("Up 1.2 percentage points from 2022"),
        "{page}"
    );
    assert!(page.contains(">38.2%"), "{page}");
    assert!(!page.contains("Percent"), "{page}");
}

#[test]
fn a_value_after_the_as_of_date_is_refused_with_its_row() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kpis.csv");
    std::fs::write(
        &data,
        "Department,Measure,Year,Actual\nParks,Visits,2023,3\nParks,Visits,2099,4\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let r = publish(
        &["publish", data.to_str().unwrap(), "--as-of", "2024-06-30"],
        &out,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("kpis.csv, row 3: 2099 starts after the as-of date 2024-06-30"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // The day the period starts is not after it.
    let r = publish(
        &["publish", data.to_str().unwrap(), "--as-of", "2099-01-01"],
        &out,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_target_adopted_for_the_year_after_the_latest_value_is_shown_not_judged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("book.csv");
    let out = tmp.path().join("site");
    // The page and the summary of `csv` published (fiscal years from July), as of
    // 2025-09-30.
    let book = |csv: &str| {
        std::fs::write(&data, csv).unwrap();
        let args = [
            "publish",
            data.to_str().unwrap(),
            "--fiscal-year-start",
            "7",
        ];
        let r = publish(
            &[&args[..], &["--as-of", "2025-09-30", "--force"]].concat(),
            &out,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let page = read(&out.join("index.html"));
        (
            section(&page, "parks--acres-maintained").to_owned(),
            r.stdout,
        )
    };
    // A budget book: actuals to FY2025, adopted targets for FY2026 and FY2027.
    let (acres, printed) = book(
        "Department,Measure,FY2024 Actual,FY2025 Actual,FY2026 Adopted,FY2027 Adopted\nParks,Acres maintained,\"6,250\",\"6,300\",\"6,500\",\"6,600\"\n",
    );
    assert!(
        acres.contains(r#"<span class="badge target-ahead"><span aria-hidden="true">→</span> Target FY2026: 6,500</span>"#),
        "{acres}"
    );
    assert!(!acres.contains("No target"), "{acres}");
    assert!(
        acres.contains("Target FY2026: 6,500, for a period after the latest value."),
        "{acres}"
    );
    // The terminal counts it, and the report covers targets.
    assert!(
        printed.contains("→ 1 has a target for a later period only"),
        "{printed}"
    );
    assert!(
        printed.contains(
            "✓ targets: every service area shows a measure with a target for its latest period or a later one"
        ),
        "{printed}"
    );
    // A target only before the latest value is no target.
    let (acres, printed) = book(
        "Department,Measure,FY2024 Actual,FY2024 Target,FY2025 Actual\nParks,Acres maintained,6250,6200,6300\n",
    );
    assert!(acres.contains("No target"), "{acres}");
    assert!(
        printed.contains(
            "✗ targets: no target for the latest period or a later one in any measure of `Parks`"
        ),
        "{printed}"
    );
}

/// 2,000 measures over five years in twenty service areas, some with a breakdown.
fn many_measures(path: &Path) {
    let mut csv =
        String::from("Department,Measure,Year,District,Actual,Target,Desired direction\n");
    for m in 0..2000 {
        let area = m % 20;
        for year in 2020..2025 {
            let value = 50 + (m * 7 + year as usize * 3) % 40;
            csv.push_str(&format!(
                "Area {area},Measure {m} of area {area},{year},,{value},60,higher\n"
            ));
        }
        if m % 100 == 0 {
            for d in 1..=5 {
                csv.push_str(&format!(
                    "Area {area},Measure {m} of area {area},2024,D{d},{},,higher\n",
                    40 + d * 5
                ));
            }
        }
    }
    std::fs::write(path, csv).unwrap();
}

#[test]
fn two_thousand_measures_start_collapsed_by_service_area() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("many.csv");
    many_measures(&data);
    let out = tmp.path().join("site");
    let r = publish(&["publish", data.to_str().unwrap()], &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out.join("index.html"));
    assert_eq!(page.matches(r#"<article class="measure""#).count(), 2000);
    assert_eq!(page.matches(r#"<details class="measures">"#).count(), 20);
    assert!(!page.contains(r#"<details class="measures" open>"#));
    eprintln!("2,000 measures: index.html {} bytes", page.len());
}

#[test]
fn the_published_page_works_in_a_real_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium (set PMCHECK_BROWSER_TESTS=1 to require it; .ci/run does)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        assert!(
            std::env::var_os("PMCHECK_BROWSER_TESTS").is_none(),
            "PMCHECK_BROWSER_TESTS is set but tests/browser has no node_modules: run `npm ci --prefix tests/browser`"
        );
        eprintln!("skipped: run `npm ci --prefix tests/browser` for the browser test of publish");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let drive = |site: &Path, anchor: &str, query: &str, flags: &[&str]| -> serde_json::Value {
        let out = std::process::Command::new("node")
            .arg(root.join("tests/browser/publish.mjs"))
            .arg(&browser)
            .arg(site)
            .args([anchor, query])
            .args(flags)
            .output()
            .expect("node runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };

    // Fairview: axe-core finds nothing serious or critical; search and anchors work.
    let site = tmp.path().join("fairview");
    assert_eq!(publish(&FAIRVIEW, &site).code, 0);
    let seen = drive(
        &site,
        "parks-and-recreation--residents-within-a-10-minute-walk-of-a-park",
        "main breaks",
        &[],
    );
    assert_eq!(seen["violations"], serde_json::json!([]), "{seen}");
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen}");
    assert_eq!(seen["measures"], 11);
    assert_eq!(seen["searchVisible"], true);
    assert_eq!(
        seen["search"],
        serde_json::json!(["utilities--water-main-breaks-per-100-miles"])
    );
    assert_eq!(seen["searchCount"], "1 of 11 measures match");
    assert_eq!(seen["afterClear"], 11);
    assert_eq!(seen["anchor"]["visible"], true);
    assert!(seen["anchor"]["top"].as_i64().unwrap().abs() <= 2, "{seen}");
    assert!(seen["anchor"]["scrollY"].as_i64().unwrap() > 0, "{seen}");
    assert_eq!(
        seen["noscript"],
        serde_json::json!({"measures": 11, "searchVisible": false})
    );
    eprintln!("Fairview: loaded in {} ms", seen["loadMs"]);

    // Hostile text: still accessible, and nothing the data says runs.
    let data = tmp.path().join("hostile.csv");
    std::fs::write(&data, HOSTILE_CSV.replace("LONGNAME", &"Long".repeat(2000))).unwrap();
    let hostile = tmp.path().join("hostile");
    assert_eq!(
        publish(&["publish", data.to_str().unwrap()], &hostile).code,
        0
    );
    let seen = drive(&hostile, "parks", "say", &[]);
    assert_eq!(seen["violations"], serde_json::json!([]), "{seen}");
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen}");
    assert_eq!(seen["search"].as_array().unwrap().len(), 1, "{seen}");

    // 2,000 measures, collapsed: a search opens the area it finds in, and a link to a
    // measure in a closed area opens it and shows the measure.
    let data = tmp.path().join("many.csv");
    many_measures(&data);
    let many = tmp.path().join("many");
    assert_eq!(publish(&["publish", data.to_str().unwrap()], &many).code, 0);
    let seen = drive(
        &many,
        "area-7--measure-1207-of-area-7",
        "measure 1999 of",
        &["--no-axe"],
    );
    assert_eq!(seen["measures"], 2000);
    assert_eq!(
        seen["search"],
        serde_json::json!(["area-19--measure-1999-of-area-19"]),
        "{seen}"
    );
    assert_eq!(seen["anchor"]["visible"], true, "{seen}");
    assert!(seen["anchor"]["top"].as_i64().unwrap().abs() <= 2, "{seen}");
    assert_eq!(seen["noscript"]["measures"], 2000);
    eprintln!("2,000 measures: loaded in {} ms", seen["loadMs"]);
}

/// The page with what changes from run to run made constant: the folder written to.
fn normalized(text: &str, dir: &Path) -> String {
    text.replace(dir.to_str().unwrap(), "[DIR]")
}

#[test]
fn the_publish_summary_and_the_page_are_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let r = publish(&FAIRVIEW, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("publish_summary", normalized(&r.stdout, tmp.path()));
    let page = read(&out.join("index.html"));
    // The page is one line per element where the template breaks lines; the snapshot
    // keeps the page's text structure reviewable, one tag-led line at a time.
    let page: String = normalized(&page, tmp.path())
        .replace("><", ">\n<")
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("publish_page_fairview", page);
}
