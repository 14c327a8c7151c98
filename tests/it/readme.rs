//! The README (the front door) and the documents in docs/ show what pmcheck prints, and
//! stay in step with the criteria and with CI. The generated tables and the links are
//! checked in `docs`.

use pmcheck::criteria;

/// A document of the repository, by its path from the root.
fn doc(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn readme() -> String {
    doc("README.md")
}

/// The guide: the first evaluation, the examples, measures data, publishing.
fn guide() -> String {
    doc("docs/guide.md")
}

/// The reference: evidence format, criteria, output formats, codes, errors, limits.
fn reference() -> String {
    doc("docs/reference.md")
}

#[test]
fn the_reference_gives_every_requirement_with_its_official_wording_and_reading() {
    let text = reference();
    for version in ["icma-2021", "icma-2022"] {
        let c = criteria::bundled(version).unwrap();
        for r in &c.requirements {
            assert!(text.contains(&format!("`{}`", r.id)), "{}", r.id);
            assert!(
                text.contains(&r.text.replace('|', "\\|")),
                "wording of {}",
                r.id
            );
            let reading = r.reading.split(" Optional in 2021.").next().unwrap();
            let reading = reading.split(" Required from 2022.").next().unwrap();
            assert!(text.contains(reading), "reading of {}", r.id);
        }
    }
}

#[test]
fn ci_runs_the_test_command_the_readme_gives() {
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(readme().contains("cargo test --locked"));
    assert!(ci.lines().any(|l| l.trim() == "cargo test --locked"));
    assert!(ci.lines().any(|l| l.trim() == "cargo fmt --check"));
    assert!(
        ci.lines()
            .any(|l| l.trim() == "cargo clippy --all-targets -- -D warnings")
    );
}

#[test]
fn the_documents_name_every_bundled_requirement() {
    // The reference tables the bundled criteria and ICMA's requirements; the guide the
    // requirements of the other frameworks, beside their story.
    let text = reference() + &guide();
    for (id, _, _) in criteria::BUNDLED {
        let c = criteria::bundled(id).unwrap();
        assert!(reference().contains(&format!("`{id}`")), "criteria {id}");
        for r in &c.requirements {
            assert!(text.contains(&format!("`{}`", r.id)), "{id}: {}", r.id);
        }
    }
}

#[test]
fn the_quick_start_output_in_the_readme_is_what_pmcheck_prints() {
    let out = assert_cmd::Command::cargo_bin("pmcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["evaluate", "examples/oakdale-achievement.yaml"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    let text = readme();
    let start = text.find("<!-- quick-start -->").unwrap();
    let block = &text[start..];
    for line in printed
        .lines()
        .take(16)
        .chain(printed.lines().rev().take(3))
    {
        assert!(
            block.contains(line),
            "README lacks the printed line {line:?}"
        );
    }
    // And the README shows nothing pmcheck does not print (`...` stands for lines left out).
    let shown = marked_block(&text, "quick-start");
    assert_printed("quick-start", &lines_but_elisions(&shown), &printed);
}

#[test]
fn the_guide_shows_what_the_oakdale_example_prints_in_full() {
    let out = assert_cmd::Command::cargo_bin("pmcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["evaluate", "examples/oakdale-achievement.yaml"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        marked_block(&guide(), "example: oakdale"),
        printed,
        "regenerate the guide's Oakdale block from `pmcheck evaluate examples/oakdale-achievement.yaml`"
    );
}

#[test]
fn the_usage_block_is_what_evaluate_help_prints() {
    let out = assert_cmd::Command::cargo_bin("pmcheck")
        .unwrap()
        .args(["evaluate", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let text = reference();
    let start = text.find("<!-- evaluate-help -->\n```text\n").unwrap()
        + "<!-- evaluate-help -->\n```text\n".len();
    let end = start + text[start..].find("```\n").unwrap();
    assert_eq!(
        &text[start..end],
        help,
        "regenerate the block from `pmcheck evaluate --help`"
    );
}

#[test]
fn the_reference_documents_every_warning_code() {
    let text = reference();
    for code in pmcheck::evaluate::WarningCode::ALL {
        let row = format!("| `{}` | {} |", code.id(), code.summary());
        assert!(text.contains(&row), "docs/reference.md lacks the row {row}");
    }
}

/// The rows of the Markdown table whose first line is `header`.
fn table_rows(text: &str, header: &str) -> Vec<Vec<String>> {
    let start = text
        .find(header)
        .unwrap_or_else(|| panic!("no table {header}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| ---"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_guide_lists_every_column_role_with_its_headers() {
    use pmcheck::measures::Role;
    use pmcheck::measures::columns::normalize;
    let rows = table_rows(&guide(), "| Role | Headers read as it |");
    assert_eq!(rows.len(), Role::ALL.len());
    for role in Role::ALL {
        let row = rows
            .iter()
            .find(|r| r[0].starts_with(&format!("`{}`", role.id())))
            .unwrap_or_else(|| panic!("the guide lacks the role {}", role.id()));
        let mut listed: Vec<String> = row[1].split(", ").map(normalize).collect();
        let mut synonyms: Vec<String> = pmcheck::measures::columns::synonyms(role)
            .iter()
            .map(|s| s.to_string())
            .collect();
        listed.sort();
        synonyms.sort();
        assert_eq!(listed, synonyms, "headers of {}", role.id());
    }
}

#[test]
fn the_reference_lists_every_measures_finding_code() {
    use pmcheck::measures::inventory::FindingCode;
    let rows = table_rows(
        &reference(),
        "<!-- generated:finding-codes -->\n\n| Code | Severity | Meaning |",
    );
    let listed: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[0].trim_matches('`').to_owned(),
                r[1].clone(),
                r[2].clone(),
            )
        })
        .collect();
    let codes: Vec<(String, String, String)> = FindingCode::ALL
        .iter()
        .map(|c| {
            let severity = c.severity().id().to_owned();
            (c.id().to_owned(), severity, c.describe().to_owned())
        })
        .collect();
    assert_eq!(listed, codes);
}

/// The lines of a block, but for `...`, which stands for lines left out.
fn lines_but_elisions(block: &str) -> Vec<String> {
    block
        .lines()
        .filter(|l| *l != "...")
        .map(str::to_owned)
        .collect()
}

/// The lines of the `text` block under `<!-- first-evaluation: NAME -->`, but for `...`,
/// which stands for lines left out.
fn walkthrough_block(text: &str, name: &str) -> Vec<String> {
    lines_but_elisions(&marked_block(text, &format!("first-evaluation: {name}")))
}

/// Every line of the block is a line pmcheck printed.
fn assert_printed(name: &str, block: &[String], printed: &str) {
    assert!(!block.is_empty(), "the {name} block is empty");
    for line in block {
        assert!(
            printed.lines().any(|p| p == line),
            "the document's {name} block shows {line:?}, which pmcheck does not print:\n{printed}"
        );
    }
}

#[test]
fn the_first_evaluation_walkthrough_shows_what_pmcheck_prints() {
    use crate::common::cli::run_in;
    let text = guide();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/first-evaluation");
    let evidence = std::fs::read_to_string(docs.join("evidence.yaml")).unwrap();
    let kpis = std::fs::read_to_string(docs.join("kpis.csv")).unwrap();

    // Step 2: the lines the guide says were filled in are the file's (comments aside).
    let filled_at = text
        .find("The City of Brookfield filled in these lines:")
        .unwrap();
    let yaml_at = filled_at + text[filled_at..].find("```yaml\n").unwrap() + "```yaml\n".len();
    let yaml_end = yaml_at + text[yaml_at..].find("```\n").unwrap();
    let without_comment = |l: &str| l.split(" #").next().unwrap().trim_end().to_owned();
    let file_lines: Vec<String> = evidence.lines().map(without_comment).collect();
    for line in text[yaml_at..yaml_end].lines().map(without_comment) {
        assert!(file_lines.contains(&line), "evidence.yaml lacks {line:?}");
    }
    // Step 5: the CSV lines shown are the file's first lines, and the file links it.
    let csv_at = text.find("Brookfield's `kpis.csv` starts:").unwrap();
    let csv_at = csv_at + text[csv_at..].find("```text\n").unwrap() + "```text\n".len();
    let csv_end = csv_at + text[csv_at..].find("```\n").unwrap();
    assert!(kpis.starts_with(&text[csv_at..csv_end]));
    let link = "measures:\n  - file: kpis.csv\n";
    assert!(evidence.contains(link) && text.contains(&format!("```yaml\n{link}```")));

    // Steps 3 and 4 come before the measures are linked: the same file without them.
    let before = tempfile::tempdir().unwrap();
    std::fs::write(
        before.path().join("evidence.yaml"),
        evidence.replace(link, "measures: []\n"),
    )
    .unwrap();
    let r = run_in(before.path(), &["evaluate", "evidence.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_printed("evaluate", &walkthrough_block(&text, "evaluate"), &r.stdout);
    assert_printed("gap", &walkthrough_block(&text, "gap"), &r.stdout);
    let r = run_in(
        before.path(),
        &[
            "explain",
            "data_collection.distinction",
            "--evidence",
            "evidence.yaml",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_printed("explain", &walkthrough_block(&text, "explain"), &r.stdout);

    // Step 5, with the measures linked.
    let r = run_in(&docs, &["measures", "--evidence", "evidence.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_printed("measures", &walkthrough_block(&text, "measures"), &r.stdout);
    let r = run_in(&docs, &["evaluate", "evidence.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_printed("linked", &walkthrough_block(&text, "linked"), &r.stdout);
}

/// The `text` block under `<!-- NAME -->`, whole.
fn marked_block(text: &str, name: &str) -> String {
    let marker = format!("<!-- {name} -->\n```text\n");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no block {marker:?}"))
        + marker.len();
    let end = start + text[start..].find("```\n").unwrap();
    text[start..end].to_owned()
}

#[test]
fn the_publish_section_shows_what_publish_prints_and_its_narratives_example_reads() {
    use crate::common::cli::pmcheck;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = pmcheck()
        .current_dir(tmp.path())
        .env("SOURCE_DATE_EPOCH", "1000000000")
        .arg("publish")
        .arg("--evidence")
        .arg(root.join("examples/fairview-measures.yaml"))
        .arg(root.join("examples/measures/fairview-benchmarks.csv"))
        .arg("--narratives")
        .arg(root.join("examples/measures/fairview-narratives.yaml"))
        .args(["--out", "fairview-report"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    // The page's size changes with any change to the page; the guide shows one.
    let sizes = |text: &str| -> String {
        text.split_once(" (")
            .and_then(|(head, rest)| Some((head, rest.split_once("), measures.csv")?.1)))
            .map_or(text.to_owned(), |(head, rest)| {
                format!("{head} (N), measures.csv{rest}")
            })
    };
    assert_eq!(
        sizes(&marked_block(&guide(), "publish-summary")),
        sizes(&printed),
        "regenerate the guide's publish block"
    );

    // The narratives example of the guide reads (its names are Fairview's).
    let text = guide();
    let at = text.find("\n## The narratives file\n").unwrap();
    let yaml_at = at + text[at..].find("```yaml\n").unwrap() + "```yaml\n".len();
    let yaml_end = yaml_at + text[yaml_at..].find("```\n").unwrap();
    let file = tmp.path().join("n.yaml");
    std::fs::write(&file, &text[yaml_at..yaml_end]).unwrap();
    let out = pmcheck()
        .current_dir(tmp.path())
        .arg("publish")
        .arg("--evidence")
        .arg(root.join("examples/fairview-measures.yaml"))
        .arg("--narratives")
        .arg(&file)
        .args(["--out", "site"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
