//! Public Reporting Achievement's "targets or goals for key measures" against linked
//! measures data, at its boundaries: every service area of the data needs a measure
//! with a target for the area's latest actual's period or a later one.

use super::*;

/// Evidence claiming both channels and `targets: true`, linking `csv` (fiscal years from
/// July), loaded as of 2025-09-30 (`--strict` or not) and judged against ICMA 2022:
/// whether Public Reporting Achievement is met, and the items of its targets flag (the
/// files named without their folder).
fn judged(csv: &str, strict: bool) -> (bool, Vec<(String, bool, String)>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kpis.csv"), csv).unwrap();
    let path = dir.path().join("e.yaml");
    std::fs::write(
        &path,
        "version: 1\nfiscal_year_start: 7\npublic_reporting: {channels: [budget, website], targets: true}\nmeasures:\n  - file: kpis.csv\n",
    )
    .unwrap();
    let c = icma("icma-2022");
    let request = crate::inputs::Request {
        evidence: Some(&path),
        strict,
        as_of: Some(date("2025-09-30")),
        ..crate::inputs::Request::new(&c, date("2030-01-01").0)
    };
    let loaded = crate::inputs::load(&request, &|_| {}).unwrap();
    let e = loaded.evidence.unwrap().evidence;
    let ev = evaluate(&c, &e, loaded.as_of.date, AsOfSource::Flag);
    let i = c
        .requirements
        .iter()
        .position(|r| r.id == "public_reporting.achievement")
        .unwrap();
    let folder = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    let items = ev.findings[i]
        .iter()
        .filter(|f| f.field == Some(Field::Targets))
        .map(|f| (f.subject.clone(), f.counted, f.reason.replace(&folder, "")))
        .collect();
    (ev.met[i], items)
}

const HEADER: &str = "Department,Measure,Fiscal Year,Actual,Target\n";

/// The area items (after the flag's own).
fn areas(items: &[(String, bool, String)]) -> Vec<(&str, bool, String)> {
    items[1..]
        .iter()
        .map(|(s, c, r)| (s.as_str(), *c, r.clone()))
        .collect()
}

#[test]
fn a_target_for_the_latest_actuals_period_counts() {
    let csv = format!("{HEADER}Parks,Acres,FY2024,10,\nParks,Acres,FY2025,11,12\n");
    for strict in [false, true] {
        let (met, items) = judged(&csv, strict);
        assert!(met, "{items:?}");
        assert_eq!(
            items[0].2,
            "marked true in the evidence file; the measures show a target for every service area's latest period or a later one"
        );
        assert_eq!(
            areas(&items),
            [(
                "Parks",
                true,
                "`Acres` (kpis.csv row 2): target FY2025 12, for the period of the latest actual"
                    .to_owned()
            )]
        );
    }
}

#[test]
fn a_target_for_a_later_period_counts() {
    // A budget book: actuals to FY2025, adopted targets for FY2026 and FY2027.
    let csv = format!(
        "{HEADER}Parks,Acres,FY2024,6100,\nParks,Acres,FY2025,6300,\nParks,Acres,FY2026,,6500\nParks,Acres,FY2027,,6600\n"
    );
    let (met, items) = judged(&csv, true);
    assert!(met, "{items:?}");
    assert!(items[0].1);
    assert_eq!(
        areas(&items),
        [(
            "Parks",
            true,
            "`Acres` (kpis.csv row 2): target FY2026 6,500, set for the year after the latest actual FY2025"
                .to_owned()
        )]
    );
}

#[test]
fn a_target_only_for_an_earlier_period_does_not_count() {
    let csv = format!("{HEADER}Parks,Acres,FY2024,10,10\nParks,Acres,FY2025,11,\n");
    let without =
        "in the measures `Parks` has no measure with a target for its latest period or a later one";
    // Under --strict the claim is cut, and the item says what the data shows.
    let (met, items) = judged(&csv, true);
    assert!(!met);
    assert_eq!(
        (items[0].1, items[0].2.as_str()),
        (
            false,
            format!("claimed in the evidence file, but {without}, so --strict cuts the claim")
                .as_str()
        )
    );
    assert!(!items[0].2.contains("not marked true"));
    assert_eq!(
        areas(&items),
        [(
            "Parks",
            false,
            "no measure has a target for the area's latest period, FY2025, or a later one (the last target is for FY2024)"
                .to_owned()
        )]
    );
    // Without --strict the claim stands, with the data's word beside it.
    let (met, items) = judged(&csv, false);
    assert!(met);
    assert_eq!(
        items[0].2,
        format!(
            "marked true in the evidence file, but {without} (contradicted-by-measures; --strict cuts the claim)"
        )
    );
}

#[test]
fn one_area_without_a_target_fails_the_whole_reading() {
    let csv = format!(
        "{HEADER}Parks,Acres,FY2025,11,\nParks,Acres,FY2026,,12\nPolice,Calls,FY2024,5,5\nPolice,Calls,FY2025,6,\nPolice,Response,FY2025,7,\n"
    );
    let (met, items) = judged(&csv, true);
    assert!(!met);
    assert!(
        items[0].2.contains("`Police` has no measure"),
        "{}",
        items[0].2
    );
    let counted: Vec<(&str, bool)> = areas(&items).into_iter().map(|(a, c, _)| (a, c)).collect();
    assert_eq!(counted, [("Parks", true), ("Police", false)]);
}

#[test]
fn a_measure_whose_data_stops_earlier_counts_only_with_a_target_that_reaches_the_areas_latest() {
    // `Calls` stops at FY2023 with a target for FY2024: a target of its own, but not
    // one for Police's latest period, FY2025.
    let csv = format!(
        "{HEADER}Police,Calls,FY2023,5,\nPolice,Calls,FY2024,,6\nPolice,Response,FY2025,7,\n"
    );
    let (met, items) = judged(&csv, true);
    assert!(!met);
    assert_eq!(
        areas(&items),
        [(
            "Police",
            false,
            "no measure has a target for the area's latest period, FY2025, or a later one (the last target is for FY2024)"
                .to_owned()
        )]
    );
}
