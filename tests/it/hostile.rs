//! Hostile text from every input (criteria, evidence, a baseline, file paths) through
//! every command and format: nothing reaches the output that drives a terminal, hides
//! or reorders text, forges a report line, is live Markdown or HTML, or runs as a
//! spreadsheet formula.

use std::path::Path;

use crate::common::cli::{Run, run, run_in};

const CRITERIA: &str = "tests/fixtures/criteria/hostile.toml";
const EVIDENCE: &str = "tests/fixtures/good/hostile-lines.yaml";
const BASELINE: &str = "tests/fixtures/baseline/hostile.json";

/// Characters that must never reach any output as they are: ESC, BEL, CR, the C1 CSI,
/// bidi overrides and isolates, zero-width characters, the byte-order mark, the line
/// separator.
const RAW: [char; 12] = [
    '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}', '\u{202c}', '\u{2066}', '\u{2069}', '\u{200b}',
    '\u{200d}', '\u{feff}', '\u{2028}',
];

fn assert_inert(what: &str, text: &str) {
    for c in RAW {
        assert!(
            !text.contains(c),
            "{what}: U+{:04X} reached the output:\n{text}",
            c as u32
        );
    }
}

/// Runs a command that must evaluate (exit 0 or 1), with inert output and errors.
fn checked(args: &[&str]) -> String {
    let r = run(args);
    check(args, &r);
    r.stdout
}

fn check(args: &[&str], r: &Run) {
    // A portfolio with a file in error exits 2 after its report.
    let evaluated = r.code == 0 || r.code == 1 || (args[0] == "portfolio" && r.code == 2);
    assert!(evaluated, "{args:?}: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    assert_inert(&format!("{args:?} stdout"), &r.stdout);
    assert_inert(&format!("{args:?} stderr"), &r.stderr);
}

/// The lines that say which level was reached, at the start of a line (after a
/// Markdown list marker); a forged value would add one.
fn verdicts(text: &str) -> usize {
    text.lines()
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .filter(|l| l.starts_with("Level reached"))
        .count()
}

/// How many `|` split a Markdown table row: those not escaped by a backslash.
fn cell_breaks(row: &str) -> usize {
    let mut breaks = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        if c == '|' && backslashes % 2 == 0 {
            breaks += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    breaks
}

/// No link, image or HTML from the input is live, and no row of a table has more cells
/// than its header.
fn assert_markdown_inert(what: &str, md: &str) {
    assert!(!md.contains("!["), "{what}: a live image:\n{md}");
    for (i, _) in md.match_indices("](") {
        assert!(
            md[..i].ends_with('\\'),
            "{what}: a live link at byte {i}:\n{md}"
        );
    }
    for tag in ["<script", "<img", "<b>"] {
        assert!(!md.contains(tag), "{what}: {tag} is live:\n{md}");
    }
    let mut header = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = cell_breaks(line);
        match header {
            None => header = Some(n),
            Some(h) => assert_eq!(n, h, "{what}: a row with other cells: {line}"),
        }
    }
}

fn assert_html_inert(what: &str, html: &str) {
    for tag in ["<script", "<img", "<b>", "src=", "href="] {
        assert!(!html.contains(tag), "{what}: {tag} is live");
    }
}

/// No cell of a CSV document starts what a spreadsheet would run as a formula.
fn assert_csv_inert(what: &str, csv: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            let first = cell.trim_start_matches(' ').chars().next();
            assert!(
                !matches!(
                    first,
                    Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
                ),
                "{what}: the cell {cell:?} starts a formula"
            );
        }
    }
    assert!(cells > 0);
}

#[test]
fn hostile_criteria_and_evidence_are_inert_in_every_evaluate_format() {
    for format in [
        "table", "json", "markdown", "junit", "sarif", "github", "html",
    ] {
        let args = ["evaluate", EVIDENCE, "-c", CRITERIA, "-f", format];
        let out = checked(&args);
        // JUnit keeps the line breaks of a description, as XML text can.
        if format != "junit" {
            let expected = usize::from(matches!(format, "table" | "markdown"));
            assert_eq!(verdicts(&out), expected, "{format}: a forged line:\n{out}");
        }
        match format {
            "markdown" => assert_markdown_inert(format, &out),
            "html" => assert_html_inert(format, &out),
            "junit" => {
                roxmltree::Document::parse(&out).expect("JUnit is well-formed XML");
            }
            "github" => {
                for line in out.lines() {
                    assert!(
                        line.starts_with("::") || line.starts_with("pmcheck: "),
                        "a line that is neither a command nor the summary: {line}"
                    );
                }
                // Two gaps, one warning, the summary.
                assert_eq!(out.lines().count(), 4, "{out}");
            }
            "json" | "sarif" => {
                // JSON keeps the text exactly; only its spelling escapes it.
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                if format == "json" {
                    assert_eq!(
                        v["jurisdiction"]["name"],
                        "Lakeside\nLevel reached: Excellence \u{202e}txt.exe\u{200b}"
                    );
                    assert!(out.contains("\\u202e"), "{out}");
                }
            }
            _ => {}
        }
    }
    // With a required level, its line is the only verdict line too.
    let out = checked(&["evaluate", EVIDENCE, "-c", CRITERIA, "--require", "top"]);
    assert_eq!(verdicts(&out), 1, "{out}");
    let required: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Required level"))
        .collect();
    assert_eq!(required.len(), 1, "{out}");
    // The hint's second line stays indented under the gap it belongs to.
    assert!(
        out.lines()
            .any(|l| l.trim_start() == "Level reached: Excellence" && l.starts_with("       ")),
        "{out}"
    );
}

#[test]
fn hostile_criteria_are_inert_in_every_other_command() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        (EVIDENCE, "lines.yaml"),
        ("tests/fixtures/good/hostile-strings.yaml", "strings.yaml"),
        ("tests/fixtures/good/formula-name.yaml", "formula.yaml"),
        ("tests/fixtures/bad/unknown-field.yaml", "broken.yaml"),
    ] {
        std::fs::copy(root.join(from), dir.path().join(to)).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "markdown", "json"] {
        runs.push(vec!["criteria", "show", CRITERIA, "-f", format]);
        runs.push(vec![
            "criteria",
            "diff",
            CRITERIA,
            "icma-2022",
            "-f",
            format,
        ]);
        runs.push(vec![
            "plan", EVIDENCE, "-c", CRITERIA, "--target", "top", "-f", format,
        ]);
        runs.push(vec![
            "compare",
            EVIDENCE,
            CRITERIA,
            "icma-2022",
            "-f",
            format,
        ]);
    }
    for id in ["c.low", "d.low", "e.top", "c", "e"] {
        runs.push(vec!["explain", id, "-c", CRITERIA]);
    }
    for format in ["table", "markdown", "csv", "html", "json"] {
        runs.push(vec!["portfolio", d, "-c", CRITERIA, "-f", format]);
    }
    for args in &runs {
        let out = checked(args);
        let what = format!("{args:?}");
        let table = args.contains(&"table") || !args.contains(&"-f");
        let expected = usize::from(args[0] == "compare" && table);
        assert_eq!(verdicts(&out), expected, "{what}: a forged line:\n{out}");
        if args.contains(&"markdown") {
            assert_markdown_inert(&what, &out);
        } else if args.contains(&"csv") {
            assert_csv_inert(&what, &out);
        } else if args.contains(&"html") {
            assert_html_inert(&what, &out);
        } else if args.contains(&"json") {
            serde_json::from_str::<serde_json::Value>(&out).unwrap();
        }
    }
    // The portfolio CSV holds the level id `-low` and the gap id `-c.top`, neutralized.
    let csv = checked(&["portfolio", d, "-c", CRITERIA, "-f", "csv"]);
    assert!(csv.contains(",'-low,"), "{csv}");
    assert!(csv.contains(",'-c.top,"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn hostile_plan_owner_and_note_are_no_markup() {
    let md = checked(&[
        "plan", EVIDENCE, "-c", CRITERIA, "--target", "top", "-f", "markdown",
    ]);
    assert_markdown_inert("plan", &md);
    assert!(
        md.contains("owner \\[x\\](javascript:alert(1)) \\!\\[\\](http://t.example/p.gif)"),
        "{md}"
    );
    assert!(
        md.contains("&lt;img src=x onerror=alert(1)&gt; \\| \\# heading"),
        "{md}"
    );
    let table = checked(&["plan", EVIDENCE, "-c", CRITERIA, "--target", "top"]);
    assert_eq!(verdicts(&table), 0, "{table}");
}

#[test]
fn hostile_baseline_strings_are_inert() {
    for format in ["table", "markdown", "html", "github", "json"] {
        let args = [
            "evaluate",
            "examples/oakdale-achievement.yaml",
            "--baseline",
            BASELINE,
            "-f",
            format,
        ];
        let out = checked(&args);
        let expected = usize::from(matches!(format, "table" | "markdown"));
        assert_eq!(verdicts(&out), expected, "{format}: a forged line:\n{out}");
        if format == "markdown" {
            assert_markdown_inert(format, &out);
        }
    }
    let table = checked(&[
        "evaluate",
        "examples/oakdale-achievement.yaml",
        "--baseline",
        BASELINE,
    ]);
    assert!(
        table.contains(
            "  Level: \u{fffd}]8;;http://evil.example/\u{fffd}\\link\u{fffd}]8;;\u{fffd}\\ Level reached: Excellence \u{fffd} → achievement"
        ),
        "{table}"
    );
}

/// A file name that sets the terminal title when printed raw.
const TITLE: &str = "\u{1b}]0;pwn\u{7}";

#[test]
fn a_path_with_escape_sequences_is_shown_inert() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!("{TITLE}.yaml");
    let bad = format!("{TITLE}-bad.yaml");
    let criteria = format!("{TITLE}.toml");
    std::fs::write(dir.path().join(&good), "version: 1\nas_of: 2021-05-07\n").unwrap();
    std::fs::write(dir.path().join(&bad), "version: 2\n").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(CRITERIA),
        dir.path().join(&criteria),
    )
    .unwrap();
    let shown = "\u{fffd}]0;pwn\u{fffd}";
    // In reports: the table names the file when the evidence names no jurisdiction.
    for format in [
        "table", "markdown", "junit", "sarif", "github", "html", "json",
    ] {
        let args = ["evaluate", good.as_str(), "-f", format];
        let r = run_in(dir.path(), &args);
        check(&args, &r);
        if format == "sarif" {
            assert!(
                r.stdout.contains("\"uri\": \"%1B%5D0;pwn%07.yaml\""),
                "{}",
                r.stdout
            );
        }
    }
    let table = run_in(dir.path(), &["evaluate", &good]).stdout;
    assert!(table.starts_with(&format!("{shown}.yaml · ")), "{table}");
    let args = ["portfolio", ".", "-f", "table"];
    let r = run_in(dir.path(), &args);
    check(&args, &r);
    assert!(r.stdout.contains(&format!("{shown}.yaml")), "{}", r.stdout);
    // The error row names the file once, in its own column.
    assert_eq!(
        r.stdout.matches(&format!("{shown}-bad.yaml")).count(),
        1,
        "{}",
        r.stdout
    );
    let args = ["criteria", "show", criteria.as_str()];
    let r = run_in(dir.path(), &args);
    check(&args, &r);
    assert!(
        r.stdout.contains(&format!("Origin: {shown}.toml")),
        "{}",
        r.stdout
    );

    // In error messages: a bad file, a missing one, a bad criteria file.
    let missing = format!("{TITLE}missing.yaml");
    for args in [
        vec!["evaluate", bad.as_str()],
        vec!["evaluate", missing.as_str()],
        vec!["evaluate", good.as_str(), "-c", missing.as_str()],
        vec!["evaluate", good.as_str(), "-c", bad.as_str()],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_inert(&format!("{args:?}"), &r.stderr);
        assert!(r.stderr.contains(shown), "{args:?}: {}", r.stderr);
    }
}

/// The items listed under a gap and by `explain --evidence` name entries of the evidence
/// file (service area names): they stay one inert line in every format.
#[test]
fn hostile_item_subjects_are_inert_under_every_gap_and_in_explain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("areas.yaml");
    std::fs::write(
        &path,
        concat!(
            "version: 1\nas_of: 2022-04-30\nservice_areas:\n",
            "  - name: \"Roads\\nLevel reached: Excellence \\e[2J\\u202E\"\n    years: [2021]\n",
            "  - name: \"[x](javascript:alert(1)) ![](http://t.example/p.gif)\"\n    years: [2021]\n",
            "  - name: \"<img onerror=alert(1)> | cell\"\n    years: [2021]\n",
            "  - name: \"=cmd|' /C calc'!A0\"\n    years: [2021]\n",
        ),
    )
    .unwrap();
    let file = path.to_str().unwrap();
    for format in ["table", "markdown", "junit", "sarif", "github", "html"] {
        let out = checked(&["evaluate", file, "-f", format]);
        // The items are there ...
        assert!(out.contains("Roads"), "{format}:\n{out}");
        assert!(
            out.contains("has no 2 consecutive years"),
            "{format}:\n{out}"
        );
        // ... and forge nothing.
        if format != "junit" {
            let expected = usize::from(matches!(format, "table" | "markdown"));
            assert_eq!(verdicts(&out), expected, "{format}: a forged line:\n{out}");
        }
        match format {
            "markdown" => assert_markdown_inert(format, &out),
            "html" => assert_html_inert(format, &out),
            "junit" => {
                roxmltree::Document::parse(&out).expect("JUnit is well-formed XML");
            }
            "github" => {
                for line in out.lines() {
                    assert!(
                        line.starts_with("::") || line.starts_with("pmcheck: "),
                        "a line that is neither a command nor the summary: {line}"
                    );
                }
            }
            _ => {}
        }
    }
    let out = checked(&["explain", "data_collection.achievement", "--evidence", file]);
    assert!(out.contains("✗ Roads Level reached: Excellence"), "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("Level reached")),
        "{out}"
    );
    let out = checked(&["explain", "data_collection", "--evidence", file]);
    assert!(
        !out.lines().any(|l| l.starts_with("Level reached")),
        "{out}"
    );
}
