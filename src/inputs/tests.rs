use std::path::Path;

use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const MEASURES: &str = "Department,Measure,Type,Fiscal Year,Actual,Target\n\
    Police,Response time,outcome,2021,6.1,6\n\
    Police,Response time,outcome,2022,5.8,6\n\
    Police,Response time,outcome,2023,5.5,6\n";

fn day(s: &str) -> NaiveDate {
    Date::parse(s).unwrap().0
}

#[test]
fn measures_are_taken_stock_of_as_of_the_date_the_run_judges_at() {
    // `plan` and `compare` once read the measures as of the file's date and judged as of
    // `--as-of`: one date now serves both.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "kpis.csv", MEASURES);
    let evidence = write(
        dir.path(),
        "e.yaml",
        "version: 1\nas_of: 2023-06-30\nmeasures:\n  - file: kpis.csv\n",
    );
    let c = criteria::bundled("icma-2022").unwrap();
    let flag = Date::parse("2026-01-31").unwrap();
    for (as_of, expected, source) in [
        (None, day("2023-06-30"), AsOfSource::File),
        (Some(flag), flag.0, AsOfSource::Flag),
    ] {
        let request = Request {
            evidence: Some(&evidence),
            as_of,
            ..Request::new(&c, day("2030-01-01"))
        };
        let loaded = load(&request, &|_| {}).unwrap();
        assert_eq!(loaded.as_of.date.0, expected);
        assert_eq!(loaded.as_of.source, source);
        assert_eq!(loaded.measures.as_ref().unwrap().as_of, expected);
    }
}

#[test]
fn linking_keeps_its_warnings_and_protects_every_file_read() {
    let dir = tempfile::tempdir().unwrap();
    let kpis = write(dir.path(), "kpis.csv", MEASURES);
    let evidence = write(
        dir.path(),
        "e.yaml",
        "version: 1\nas_of: 2023-06-30\nmeasures:\n  - file: kpis.csv\n",
    );
    let narratives = write(dir.path(), "n.yaml", "version: 1\n");
    let c = criteria::bundled("icma-2022").unwrap();
    let others = [narratives.as_path()];
    let request = Request {
        evidence: Some(&evidence),
        others: &others,
        ..Request::new(&c, day("2030-01-01"))
    };
    let loaded = load(&request, &|_| {}).unwrap();
    let codes: Vec<&str> = loaded.warnings.iter().map(|w| w.code.id()).collect();
    assert!(codes.contains(&"derived-from-measures"), "{codes:?}");
    let source = loaded.evidence.as_ref().unwrap();
    assert_eq!(
        source.evidence.service_areas.0.len(),
        1,
        "the area read from the data"
    );
    assert_eq!(
        source.section_lines,
        [
            ("version".to_owned(), 1),
            ("as_of".to_owned(), 2),
            ("measures".to_owned(), 3)
        ]
    );
    for input in [&evidence, &kpis, &narratives] {
        assert!(loaded.protected.contains(input), "{}", input.display());
    }
    assert!(!loaded.protected.contains(&dir.path().join("report.json")));
}

#[test]
fn a_plan_for_no_known_requirement_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = write(
        dir.path(),
        "e.yaml",
        "version: 1\nplans:\n  - requirement: training.achievment\n    due: 2026-01-01\n",
    );
    let c = criteria::bundled("icma-2022").unwrap();
    let request = Request {
        evidence: Some(&evidence),
        ..Request::new(&c, day("2025-01-01"))
    };
    let Err(LoadError::Evidence(problem)) = load(&request, &|_| {}) else {
        panic!("the unknown plan was not refused");
    };
    assert_eq!(problem.line_column(), Some((3, 18)));
    assert!(
        problem
            .message
            .starts_with("plans: `training.achievment` is not a requirement id; closest in"),
        "{}",
        problem.message
    );
    assert!(
        problem.message.contains("`training.achievement`"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.source_line.as_deref(),
        Some("  - requirement: training.achievment")
    );
}

#[test]
fn measures_are_never_read_from_standard_input() {
    let c = criteria::bundled("icma-2022").unwrap();
    let measures = [PathBuf::from("-")];
    let request = Request {
        measures: &measures,
        need_measures: true,
        ..Request::new(&c, day("2025-01-01"))
    };
    let err = load(&request, &|_| {}).unwrap_err();
    assert!(
        err.to_string().starts_with("measures are read from files"),
        "{err}"
    );
}
