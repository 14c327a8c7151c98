//! The bundled measures example: its workbook is written by a real XLSX writer, and reads
//! back as the README says.

use std::path::Path;

use crate::common::cli::{json, ok};

const WORKBOOK: &str = "examples/measures/fairview-kpis.xlsx";

/// A measure: name, kind, unit.
type MeasureRow = (&'static str, &'static str, &'static str);

/// Departments, their measures, and the fiscal years with data.
fn fairview() -> Vec<(&'static str, Vec<MeasureRow>, Vec<i32>)> {
    let all = vec![2021, 2022, 2023, 2024];
    let recent = vec![2023, 2024];
    vec![
        (
            "Police",
            vec![
                ("Priority 1 response time", "Outcome", "minutes"),
                ("Calls for service", "Workload", "calls"),
            ],
            all.clone(),
        ),
        (
            "Fire",
            vec![
                ("Fires confined to room of origin", "Outcome", "%"),
                ("Inspections completed", "Output", "inspections"),
            ],
            all.clone(),
        ),
        (
            "Parks and Recreation",
            vec![
                (
                    "Residents within a 10-minute walk of a park",
                    "Outcome",
                    "%",
                ),
                ("Acres maintained per FTE", "Efficiency", "acres"),
            ],
            all.clone(),
        ),
        (
            "Library",
            vec![("Visits per capita", "Output", "visits")],
            all.clone(),
        ),
        (
            "Public Works",
            vec![
                ("Potholes repaired within 48 hours", "Outcome", "%"),
                ("Lane miles resurfaced", "Output", "miles"),
            ],
            all.clone(),
        ),
        (
            "Utilities",
            vec![("Water main breaks per 100 miles", "Outcome", "breaks")],
            all.clone(),
        ),
        (
            "Planning",
            vec![("Permits issued within 30 days", "Efficiency", "%")],
            recent,
        ),
    ]
}

/// Writes the example workbook (`cargo test -- --ignored write_the_fairview_workbook`).
#[test]
#[ignore = "writes examples/measures/fairview-kpis.xlsx; run by hand when the example changes"]
fn write_the_fairview_workbook() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let about = book.add_worksheet();
    about.set_name("About").unwrap();
    about
        .write_string(
            0,
            0,
            "City of Fairview performance measures, fiscal years ending June 30",
        )
        .unwrap();
    about
        .write_string(
            1,
            0,
            "Maintained by the Budget Office; one row per measure.",
        )
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("KPIs").unwrap();
    sheet
        .write_string(0, 0, "City of Fairview: key performance indicators")
        .unwrap();
    let mut headers = vec![
        "Department".to_owned(),
        "Measure".to_owned(),
        "Measure Type".to_owned(),
        "Unit".to_owned(),
    ];
    for fy in 2021..=2024 {
        headers.push(format!("FY{fy} Actual"));
        headers.push(format!("FY{fy} Target"));
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, h).unwrap();
    }
    let mut row = 3;
    for (d, (dept, measures, years)) in fairview().into_iter().enumerate() {
        for (m, (name, kind, unit)) in measures.into_iter().enumerate() {
            sheet.write_string(row, 0, dept).unwrap();
            sheet.write_string(row, 1, name).unwrap();
            sheet.write_string(row, 2, kind).unwrap();
            sheet.write_string(row, 3, unit).unwrap();
            for (i, fy) in (2021..=2024).enumerate() {
                let col = 4 + 2 * i as u16;
                let base = 40.0 + 7.0 * d as f64 + 3.0 * m as f64;
                if years.contains(&fy) {
                    sheet.write_number(row, col, base + i as f64).unwrap();
                } else {
                    sheet.write_string(row, col, "N/A").unwrap();
                }
                sheet.write_number(row, col + 1, base + 2.0).unwrap();
            }
            row += 1;
        }
    }
    book.save(Path::new(env!("CARGO_MANIFEST_DIR")).join(WORKBOOK))
        .unwrap();
}

#[test]
fn the_fairview_workbook_reads_as_the_readme_says() {
    let v = json(&[
        "measures",
        WORKBOOK,
        "--sheet",
        "kpis",
        "--fiscal-year-start",
        "7",
        "--as-of",
        "2024-09-30",
        "-f",
        "json",
    ]);
    assert_eq!(v["files"][0]["layout"], "wide");
    assert_eq!(v["files"][0]["sheet"], "KPIs");
    let areas = v["service_areas"].as_array().unwrap();
    let expected = fairview();
    assert_eq!(areas.len(), expected.len());
    for (dept, measures, years) in expected {
        let area = areas
            .iter()
            .find(|a| a["name"] == dept)
            .unwrap_or_else(|| panic!("no area {dept}"));
        assert_eq!(area["years"], serde_json::json!(years), "{dept}");
        assert_eq!(area["measures"].as_array().unwrap().len(), measures.len());
    }
    // The evidence file derives its service areas from the workbook and reaches
    // Distinction.
    let e = json(&["evaluate", "examples/fairview-measures.yaml", "-f", "json"]);
    assert_eq!(e["level"], "distinction");
    let e2021 = json(&[
        "evaluate",
        "examples/fairview-measures.yaml",
        "-c",
        "2021",
        "-f",
        "json",
    ]);
    assert_eq!(e2021["level"], "distinction");
    let codes: Vec<&str> = e["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"derived-from-measures"), "{codes:?}");
    let table = ok(&["evaluate", "examples/fairview-measures.yaml"]);
    assert!(table.contains("read from the measures"), "{table}");
}
