//! The JSON Schema printed by `pmcheck schema` agrees with the parser: every example and
//! the `init` template validate; the bad-input fixtures that are schema errors fail it.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn schema() -> Value {
    let out = Command::cargo_bin("pmcheck")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid draft 2020-12 schema")
}

/// Reads a YAML or JSON file as a JSON value, as an editor's language server would.
fn instance(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(text).unwrap()
    } else {
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_example_validates() {
    let v = validator();
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let errors: Vec<String> = v
                .iter_errors(&instance(&path))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            n += 1;
        }
    }
    assert!(n >= 6);
    for good in [
        "bom-crlf.yaml",
        "empty-sections.yaml",
        "hostile-strings.yaml",
    ] {
        let path = root().join("tests/fixtures/good").join(good);
        assert!(v.is_valid(&instance(&path)), "{good}");
    }
}

#[test]
fn the_init_template_validates() {
    let template: Value = serde_saphyr::from_str(pmcheck::cli::TEMPLATE).unwrap();
    let v = validator();
    let errors: Vec<String> = v.iter_errors(&template).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn bad_fixtures_that_are_schema_errors_fail_it() {
    let v = validator();
    let schema_errors = [
        "bad-date.json",
        "date-format.yaml",
        "empty-name.yaml",
        "empty-service-area-name.yaml",
        "flag-as-string.yaml",
        "impossible-date.yaml",
        "initiative-as-record.yaml",
        "initiative-misspelt.yaml",
        "initiative-other-without-name.yaml",
        "list-as-string.yaml",
        "missing-name.yaml",
        "missing-version.yaml",
        "negative-population.yaml",
        "section-as-list.yaml",
        "session-without-date.yaml",
        "survey-as-flag.yaml",
        "unknown-channel.yaml",
        "unknown-field.json",
        "unknown-field.yaml",
        "unknown-kind.yaml",
        "unknown-nested-field.yaml",
        "unknown-participant.yaml",
        "version-2.yaml",
        "year-99999.yaml",
        "year-zero.yaml",
        "years-as-string.yaml",
    ];
    for file in schema_errors {
        let path = root().join("tests/fixtures/bad").join(file);
        assert!(
            !v.is_valid(&instance(&path)),
            "{file} should fail the schema"
        );
    }
}

#[test]
fn a_measures_entry_with_an_area_for_the_whole_file_validates() {
    let validator = validator();
    let evidence = serde_json::json!({
        "version": 1,
        "measures": [{
            "file": "import.csv",
            "area": "Youth Services",
            "columns": { "measure": "id", "row_type": "cpr_data_type" },
        }],
    });
    assert!(validator.is_valid(&evidence), "{evidence}");
    let schema = schema();
    let area = &schema["$defs"]["MeasuresLink"]["properties"]["area"];
    assert!(
        area["description"]
            .as_str()
            .is_some_and(|d| d.contains("service area of every row")),
        "{area}"
    );
}
