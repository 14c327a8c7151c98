//! `evaluate --strict`: only claims that cite sources count.

use crate::common::cli::{json, ok};

#[test]
fn strict_counts_only_claims_with_sources() {
    let file = "examples/riverton-excellence.yaml";
    let lax = json(&["evaluate", file, "-f", "json"]);
    assert_eq!(lax["strict"], false);
    assert_eq!(lax["level"], "excellence");
    let unsupported: Vec<&str> = lax["unsupported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["requirement"].as_str().unwrap())
        .collect();
    // Riverton cites sources for the Library service area and public reporting only.
    assert!(!unsupported.contains(&"public_reporting.achievement"));
    assert!(!unsupported.contains(&"data_collection.achievement"));
    assert!(unsupported.contains(&"verification.data_checked"));
    let table = ok(&["evaluate", file]);
    assert!(table.contains("cite no `sources` (claimed, unsupported)"));

    let strict = json(&["evaluate", file, "--strict", "-f", "json"]);
    assert_eq!(strict["strict"], true);
    assert_eq!(strict["level"], "none");
    let gaps: Vec<&str> = strict["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["requirement"].as_str().unwrap())
        .collect();
    assert!(gaps.contains(&"verification.data_checked"));
    assert!(!gaps.contains(&"public_reporting.achievement"));
    let table = ok(&["evaluate", file, "--strict"]);
    assert!(table.contains("claimed, unsupported: add `sources` to verification"));
}

/// A budget book's table in long layout: actuals to FY2025, targets adopted for FY2026
/// and FY2027, an estimate beside them.
const BUDGET_BOOK: &str = "\
Department,Measure,Type,Fiscal Year,Actual,Adopted,Estimate
Parks,Acres maintained,output,FY2023,\"6,100\",,
Parks,Acres maintained,output,FY2024,\"6,250\",,
Parks,Acres maintained,output,FY2025,\"6,300\",,\"6,320\"
Parks,Acres maintained,output,FY2026,,\"6,500\",
Parks,Acres maintained,output,FY2027,,\"6,600\",
Police,Calls answered,output,FY2024,900,,
Police,Calls answered,output,FY2025,950,,
Police,Calls answered,output,FY2026,,1000,
";

/// Evidence claiming targets and both channels (with sources, so `--strict` weighs the
/// claim), linking `kpis.csv` (fiscal years from July), as of 2025-09-30.
const CLAIMS_TARGETS: &str = "\
version: 1
as_of: 2025-09-30
fiscal_year_start: 7
public_reporting:
  channels: [budget, website]
  targets: true
  sources: [Adopted budget FY2026]
measures:
  - file: kpis.csv
";

/// Public Reporting Achievement of `evaluate [--strict] -f json` on `csv`.
fn public_reporting(csv: &str, strict: bool) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kpis.csv"), csv).unwrap();
    std::fs::write(dir.path().join("e.yaml"), CLAIMS_TARGETS).unwrap();
    let mut args = vec!["evaluate", "e.yaml", "-f", "json"];
    if strict {
        args.push("--strict");
    }
    let r = crate::common::cli::run_in(dir.path(), &args);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["requirements"].as_array().unwrap().iter())
        .find(|r| r["id"] == "public_reporting.achievement")
        .unwrap()
        .clone()
}

fn items(r: &serde_json::Value) -> Vec<(String, bool, String)> {
    r["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["field"] == "public_reporting.targets")
        .map(|i| {
            (
                i["subject"].as_str().unwrap().to_owned(),
                i["counted"].as_bool().unwrap(),
                i["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn targets_adopted_for_the_years_after_the_latest_actual_meet_public_reporting_under_strict() {
    let r = public_reporting(BUDGET_BOOK, true);
    let items = items(&r);
    assert_eq!(r["met"], true, "{items:?}");
    assert_eq!(
        items[0].2,
        "marked true in the evidence file; the measures show a target for every service area's latest period or a later one"
    );
    assert_eq!(items[1].0, "Parks");
    assert!(
        items[1].2.ends_with(
            "kpis.csv row 2): target FY2026 6,500, set for the year after the latest actual FY2025"
        ),
        "{}",
        items[1].2
    );
    assert!(
        items[1].2.starts_with("`Acres maintained` ("),
        "{}",
        items[1].2
    );
    assert_eq!(items[2].0, "Police");
    assert!(items[2].1);
}

#[test]
fn a_target_only_before_the_latest_actual_is_a_gap_under_strict_naming_the_data() {
    let csv = "\
Department,Measure,Fiscal Year,Actual,Target
Parks,Acres maintained,FY2024,6250,6200
Parks,Acres maintained,FY2025,6300,
";
    let r = public_reporting(csv, true);
    assert_eq!(r["met"], false);
    let found = items(&r);
    assert_eq!(
        found[0],
        (
            "targets or goals published for key measures".to_owned(),
            false,
            "claimed in the evidence file, but in the measures `Parks` has no measure with a target for its latest period or a later one, so --strict cuts the claim".to_owned()
        )
    );
    assert!(!r.to_string().contains("not marked true"), "{r}");
    assert_eq!(
        found[1],
        (
            "Parks".to_owned(),
            false,
            "no measure has a target for the area's latest period, FY2025, or a later one (the last target is for FY2024)".to_owned()
        )
    );
    // Without --strict the claim stands, with the data's word beside it.
    let r = public_reporting(csv, false);
    assert_eq!(r["met"], true);
    assert!(
        items(&r)[0]
            .2
            .contains("but in the measures `Parks` has no measure with a target"),
        "{r}"
    );
}
