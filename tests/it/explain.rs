//! `explain`: a requirement or a category, an unknown id, and, for every requirement, an
//! evidence snippet that satisfies it (each one checked by evaluating it); with
//! `--evidence`, every item of a file judged, for every requirement of every bundled
//! criteria.

use std::path::Path;

use pmcheck::criteria;
use pmcheck::evaluate::snippet;
use pmcheck::evaluate::{AsOfSource, evaluate};
use pmcheck::evidence::{Date, parse_yaml};

use crate::common::cli::{ok, pmcheck, run};

#[test]
fn every_snippet_meets_its_requirement() {
    let as_of = Date::parse("2021-05-07").unwrap();
    for (id, _, _) in criteria::BUNDLED {
        let c = criteria::bundled(id).unwrap();
        for (i, r) in c.requirements.iter().enumerate() {
            let yaml = format!("version: 1\n{}", snippet::for_requirement(&c, r, as_of));
            let e = parse_yaml(&yaml, Path::new("snippet.yaml")).unwrap_or_else(|err| {
                panic!("{id} {}: snippet does not parse: {err}\n{yaml}", r.id)
            });
            let ev = evaluate(&c, &e, as_of, AsOfSource::Flag);
            assert!(
                ev.met[i],
                "{id} {}: snippet does not meet it:\n{yaml}",
                r.id
            );
        }
    }
}

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

/// The example each bundled criteria is explained against.
fn example_for(framework: &str) -> &'static str {
    match framework {
        "icma" => "examples/riverton-excellence.yaml",
        "spectrum" => "examples/cedar-falls-advanced.yaml",
        "federal" => "examples/agency-aligned.yaml",
        other => panic!("no example for the {other} framework"),
    }
}

#[test]
fn explain_with_evidence_works_for_every_requirement_of_every_bundled_criteria() {
    for (id, _, _) in criteria::BUNDLED {
        let c = criteria::bundled(id).unwrap();
        let file = example_for(&c.framework);
        // What evaluate says, requirement by requirement, to check explain agrees.
        let report = run(&["evaluate", file, "-c", id, "-f", "json"]);
        let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
        let requirements: Vec<&serde_json::Value> = report["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|x| x["requirements"].as_array().unwrap())
            .collect();
        assert_eq!(requirements.len(), c.requirements.len());
        for r in &c.requirements {
            let out = run(&["explain", &r.id, "-c", id, "--evidence", file]);
            assert_eq!(out.code, 0, "{id} {}: {}", r.id, out.stderr);
            let stdout = &out.stdout;
            assert!(
                stdout.contains(&format!("In {file} (as of ")),
                "{id} {}: {stdout}",
                r.id
            );
            let json = requirements
                .iter()
                .find(|q| q["id"] == r.id.as_str())
                .unwrap();
            let verdict = if json["met"] == true {
                "  ✓ met\n"
            } else {
                "  ✗ not met\n"
            };
            assert!(stdout.contains(verdict), "{id} {}: {stdout}", r.id);
            // Every item, counted or not, with its reason: as many lines as the JSON has.
            let items = json["items"].as_array().unwrap();
            assert!(!items.is_empty(), "{id} {}", r.id);
            let counted = items.iter().filter(|i| i["counted"] == true).count();
            assert!(
                stdout.contains(&format!("Items ({counted} of {} counted):", items.len())),
                "{id} {}: {stdout}",
                r.id
            );
            for item in items {
                let mark = if item["counted"] == true {
                    "✓"
                } else {
                    "✗"
                };
                let line = format!(
                    "    {mark} {}: {}",
                    item["subject"].as_str().unwrap(),
                    item["reason"].as_str().unwrap()
                );
                assert!(stdout.contains(&line), "{id} {}: {line}\n{stdout}", r.id);
            }
        }
    }
}

#[test]
fn explain_with_evidence_snapshots() {
    // Service areas, one still recent and five stale at a later as-of date.
    insta::assert_snapshot!(
        "explain_evidence_stale_service_areas",
        ok(&[
            "explain",
            "data_collection.achievement",
            "--evidence",
            "examples/riverton-excellence.yaml",
            "--as-of",
            "2023-01-15"
        ])
    );
    // Quarterly reviews: two quarters empty.
    insta::assert_snapshot!(
        "explain_evidence_quarterly_reviews",
        ok(&[
            "explain",
            "accountability.excellence",
            "--evidence",
            "examples/millbrook-distinction.yaml"
        ])
    );
    // Surveys: the residents' counts, the employees' is missing.
    insta::assert_snapshot!(
        "explain_evidence_survey",
        ok(&[
            "explain",
            "surveying.excellence",
            "--evidence",
            "examples/millbrook-distinction.yaml"
        ])
    );
    // A category: each requirement with its items; one follows from the others.
    insta::assert_snapshot!(
        "explain_evidence_category_training",
        ok(&[
            "explain",
            "training",
            "--evidence",
            "examples/oakdale-achievement.yaml"
        ])
    );
}

#[test]
fn explain_with_evidence_reads_the_as_of_date_and_standard_input() {
    let file = "examples/millbrook-distinction.yaml";
    // The file's as_of by default; --as-of overrides it.
    let from_file = ok(&["explain", "surveying.excellence", "--evidence", file]);
    assert!(from_file.contains("(as of 2022-04-30, from the evidence file)"));
    assert!(from_file.contains("Evidence that satisfies it (as of 2022-04-30)"));
    let flag = ok(&[
        "explain",
        "surveying.excellence",
        "--evidence",
        file,
        "--as-of",
        "2025-01-01",
    ]);
    assert!(flag.contains("(as of 2025-01-01, from --as-of)"));
    assert!(
        flag.contains("dated 2021-10-01, before the 24 months"),
        "{flag}"
    );
    // `-` reads standard input.
    let text = std::fs::read(file).unwrap();
    let out = pmcheck()
        .args(["explain", "surveying.excellence", "--evidence", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("In <stdin> (as of 2022-04-30"), "{stdout}");
    assert_eq!(
        stdout.replace("<stdin>", file),
        from_file,
        "the same as from the file"
    );
}

#[test]
fn explain_with_evidence_exits_0_when_unmet_and_2_on_input_errors() {
    // Unmet is not an error here.
    let r = run(&[
        "explain",
        "equity.excellence",
        "--evidence",
        "examples/lakeside-none.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("  ✗ not met\n"));
    // A missing file, a bad file, an unknown id: exit 2.
    let r = run(&["explain", "equity.excellence", "--evidence", "no/such.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such.yaml"), "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "version: 1\nservice_area: []\n").unwrap();
    let r = run(&[
        "explain",
        "equity.excellence",
        "--evidence",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("service_areas"), "{}", r.stderr);
    let r = run(&[
        "explain",
        "equity.excelence",
        "--evidence",
        "examples/lakeside-none.yaml",
    ]);
    assert_eq!(r.code, 2);
}

/// `explain --evidence` and `evaluate` judge by one code path: for every bundled example,
/// with and without `--strict`, every item `evaluate` reports for a requirement is the
/// item `explain` shows, and no other.
#[test]
fn explain_and_evaluate_give_the_same_items_for_every_example() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut files: Vec<_> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    for file in &files {
        let file = file.to_str().unwrap();
        for strict in [false, true] {
            let mut args = vec!["evaluate", file, "-f", "json"];
            if strict {
                args.push("--strict");
            }
            let r = run(&args);
            let json: serde_json::Value = serde_json::from_str(&r.stdout)
                .unwrap_or_else(|e| panic!("{file}: {e}: {}", r.stderr));
            for category in json["categories"].as_array().unwrap() {
                let id = category["id"].as_str().unwrap();
                let mut args = vec!["explain", id, "--evidence", file];
                if strict {
                    args.push("--strict");
                }
                let shown = ok(&args);
                let blocks: Vec<&str> = shown.split("\n\n").collect();
                for requirement in category["requirements"].as_array().unwrap() {
                    let rid = requirement["id"].as_str().unwrap();
                    let block = blocks
                        .iter()
                        .find(|b| b.starts_with(&format!("{rid} (")))
                        .unwrap_or_else(|| panic!("{file} {rid}: not explained:\n{shown}"));
                    let items = requirement["items"].as_array().unwrap();
                    let counted = items.iter().filter(|i| i["counted"] == true).count();
                    let lines: Vec<&str> = block
                        .lines()
                        .filter(|l| l.starts_with("    ✓ ") || l.starts_with("    ✗ "))
                        .collect();
                    assert_eq!(
                        lines.len(),
                        items.len(),
                        "{file} {rid} strict={strict}:\n{block}"
                    );
                    assert!(
                        block.contains(&format!("Items ({counted} of {} counted)", items.len())),
                        "{file} {rid} strict={strict}:\n{block}"
                    );
                    for (line, item) in lines.iter().zip(items) {
                        let mark = if item["counted"] == true {
                            "✓"
                        } else {
                            "✗"
                        };
                        let expected = format!(
                            "    {mark} {}: {}",
                            item["subject"].as_str().unwrap(),
                            item["reason"].as_str().unwrap()
                        );
                        assert!(
                            line.starts_with(&expected),
                            "{file} {rid} strict={strict}:\n{line}\nnot\n{expected}"
                        );
                    }
                }
            }
        }
    }
}
