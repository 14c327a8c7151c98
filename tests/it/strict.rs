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
