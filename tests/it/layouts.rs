//! `measures` on the layouts jurisdictions and performance software publish (issue 22,
//! item 12): each file has the column names of a public layout and values made up for
//! the test. Each is read as JSON for what must be read (areas, measures, years,
//! targets, findings) and its table inventory is a snapshot. Where pmcheck cannot read
//! a layout fully yet, the test asserts what it does today and a `// GAP:` comment names
//! what is missing.

use std::path::Path;

use tempfile::TempDir;

use crate::measures::contract::{Code, Frequency, Inventory, Kind, Layout};
use crate::measures::{dir_with, inventory, measures};

/// The table inventory of a run that must succeed.
fn table(dir: &Path, args: &[&str]) -> String {
    let r = measures(dir, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// The error of a run that must fail with exit status 2.
fn refused(dir: &Path, args: &[&str]) -> String {
    let r = measures(dir, args);
    assert_eq!(r.code, 2, "{args:?} should fail: {}", r.stdout);
    r.stderr
}

/// `file` holding `csv` in a new directory, and the arguments that read it: the file,
/// then `options` split at spaces.
fn fixture<'a>(file: &'a str, csv: &str, options: &'a str) -> (TempDir, Vec<&'a str>) {
    let dir = dir_with(&[(file, csv.as_bytes())]);
    let mut args = vec![file];
    args.extend(options.split_whitespace());
    (dir, args)
}

/// A layout read only with the `--column` options `named`: `args` alone is refused with
/// an error containing `refusal`; the arguments with `named`, and their inventory.
fn needs<'a>(
    dir: &Path,
    args: &[&'a str],
    named: &[&'a str],
    refusal: &str,
) -> (Vec<&'a str>, Inventory) {
    let error = refused(dir, args);
    assert!(error.contains(refusal), "{error}");
    let mut all = args.to_vec();
    all.extend_from_slice(named);
    let inv = inventory(dir, &all);
    (all, inv)
}

/// The service areas' names, in the inventory's order.
fn areas(inv: &Inventory) -> Vec<&str> {
    inv.service_areas.iter().map(|a| a.name.as_str()).collect()
}

/// Each finding's code and row, in the inventory's order.
fn findings(inv: &Inventory) -> Vec<(Code, Option<u32>)> {
    inv.findings.iter().map(|f| (f.code, f.row)).collect()
}

/// The one `unread-column` finding's message.
fn unread(inv: &Inventory) -> &str {
    let unread = inv.findings(Code::UnreadColumn);
    assert_eq!(unread.len(), 1, "{unread:#?}");
    &unread[0].message
}

/// Los Angeles: one row per performance measure of a program, actuals and budget
/// figures per fiscal year (from July) in columns named like `2012_13_actuals`.
const LOS_ANGELES: &str = "\
department_code,department_name,subdept_code,subdept_name,program_code,program_name,performance_measure_code,performance_measure_name,unit,2012_13_actuals,2013_14_actuals,2014_15_actuals,2015_16_adopted_budget,2015_16_actuals,2016_17_adopted,2016_2017_actuals,2017_18_proposed_budget
88,Recreation and Parks,8801,Aquatics,DA8801,Aquatic Programs,RP001,Swim lessons delivered,Number,\"3,120\",\"3,340\",\"3,505\",\"3,600\",\"3,712\",\"3,800\",\"3,655\",\"3,900\"
88,Recreation and Parks,8802,Grounds,DA8802,Park Maintenance,RP014,Park acres mowed per crew,Acres,412,430,425,440,438,450,447,455
70,Police,7001,Patrol,DA7001,Field Forces,PD003,Average response time to emergency calls,Minutes,5.9,6.1,5.7,5.5,5.8,5.5,6.0,5.5
";

#[test]
fn los_angeles_reads_fiscal_years_from_underscored_headers_and_budget_targets() {
    let (dir, args) = fixture(
        "la.csv",
        LOS_ANGELES,
        "--fiscal-year-start 7 --as-of 2017-09-30",
    );
    let inv = inventory(dir.path(), &args);
    assert_eq!(inv.files[0].layout, Layout::Wide);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=department_name (B)",
            "program=program_name (F)",
            "measure=performance_measure_name (H)",
            "unit=unit (I)",
            "actual=2012_13_actuals (J)",
            "actual=2013_14_actuals (K)",
            "actual=2014_15_actuals (L)",
            "target=2015_16_adopted_budget (M)",
            "actual=2015_16_actuals (N)",
            "target=2016_17_adopted (O)",
            "actual=2016_2017_actuals (P)",
            "target=2017_18_proposed_budget (Q)",
        ]
    );
    assert_eq!(areas(&inv), ["Police", "Recreation and Parks"]);
    // `2012_13` is FY2013 and `2016_2017` FY2017; the adopted and proposed budgets are
    // the targets of FY2016 to FY2018.
    // Each measure is its program's: `Aquatic Programs · Swim lessons delivered`.
    for (area, name, unit) in [
        (
            "Recreation and Parks",
            "Aquatic Programs · Swim lessons delivered",
            "Number",
        ),
        (
            "Recreation and Parks",
            "Park Maintenance · Park acres mowed per crew",
            "Acres",
        ),
        (
            "Police",
            "Field Forces · Average response time to emergency calls",
            "Minutes",
        ),
    ] {
        let m = inv.measure(area, name);
        assert_eq!(m.years, [2013, 2014, 2015, 2016, 2017], "{name}");
        assert_eq!(m.target_years, [2016, 2017, 2018], "{name}");
        assert_eq!(m.latest.as_deref(), Some("FY2017"), "{name}");
        assert_eq!(m.frequency, Some(Frequency::Annual), "{name}");
        assert_eq!(m.unit.as_deref(), Some(unit), "{name}");
        assert_eq!(m.kind, None, "{name}");
    }
    // The layout has no kind column: each measure says so, and nothing else is wrong.
    assert_eq!(
        findings(&inv),
        [
            (Code::NoKind, Some(2)),
            (Code::NoKind, Some(3)),
            (Code::NoKind, Some(4)),
            (Code::UnreadColumn, None),
        ]
    );
    // The program (`program_name`) is read below the department; the subdepartment,
    // a coarser grouping, is not.
    assert_eq!(
        inv.measure(
            "Police",
            "Field Forces · Average response time to emergency calls"
        )
        .program
        .as_deref(),
        Some("Field Forces")
    );
    let unread = unread(&inv);
    for column in ["`D subdept_name`", "`G performance_measure_code`"] {
        assert!(unread.contains(column), "{column}: {unread}");
    }
    insta::assert_snapshot!("layouts_los_angeles_table", table(dir.path(), &args));
}

/// Austin: one row per measure per fiscal year (from October), with the measure's goal
/// (its target, a number) and its division. The column of the value itself differs
/// between exports: this one calls it `Measure Value`.
const AUSTIN: &str = "\
Activity Code,Frequency,Measure ID,Measure Name,Measure Goal,Measure Division,Fiscal Year,If the measure is new?,Measure Type,Measure Value
LIB1A,Annual,4101,Library program attendance,\"150,000\",Public Services,2021,No,Output,\"138,400\"
LIB1A,Annual,4101,Library program attendance,\"150,000\",Public Services,2022,No,Output,\"146,210\"
LIB1A,Annual,4101,Library program attendance,\"155,000\",Public Services,2023,No,Output,\"157,932\"
LIB1A,Annual,4102,Patrons satisfied with library services,90%,Public Services,2022,Yes,Result,88.5%
LIB1A,Annual,4102,Patrons satisfied with library services,90%,Public Services,2023,No,Result,91.2%
SWM2B,Annual,6120,Tons of curbside recycling collected,\"52,000\",Collection Services,2022,No,Demand,\"51,870\"
SWM2B,Annual,6120,Tons of curbside recycling collected,\"53,000\",Collection Services,2023,No,Demand,\"53,405\"
SWM2B,Annual,6121,Cost per household for curbside collection,$12.40,Collection Services,2023,Yes,Efficiency,$12.15
";

#[test]
fn austin_reads_the_measure_value_the_goal_as_target_and_the_division_as_area() {
    let (dir, args) = fixture(
        "austin.csv",
        AUSTIN,
        "--fiscal-year-start 10 --as-of 2023-12-31",
    );
    let inv = inventory(dir.path(), &args);
    assert_eq!(inv.files[0].layout, Layout::Long);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Measure Division (F)",
            "measure=Measure Name (D)",
            "kind=Measure Type (I)",
            "period=Fiscal Year (G)",
            "actual=Measure Value (J)",
            "target=Measure Goal (E)",
        ]
    );
    assert_eq!(areas(&inv), ["Collection Services", "Public Services"]);
    for (area, name, kind, years) in [
        (
            "Public Services",
            "Library program attendance",
            Kind::Output,
            &[2021, 2022, 2023][..],
        ),
        (
            "Public Services",
            "Patrons satisfied with library services",
            Kind::Outcome,
            &[2022, 2023],
        ),
        (
            "Collection Services",
            "Tons of curbside recycling collected",
            Kind::Workload,
            &[2022, 2023],
        ),
        (
            "Collection Services",
            "Cost per household for curbside collection",
            Kind::Efficiency,
            &[2023],
        ),
    ] {
        let m = inv.measure(area, name);
        assert_eq!(m.kind, Some(kind), "{name}");
        assert_eq!(m.years, years, "{name}");
        // The goal of each year is its target.
        assert_eq!(m.target_years, years, "{name}");
        assert_eq!(m.latest.as_deref(), Some("FY2023"), "{name}");
    }
    // Activity code, frequency, measure ID and the new-measure flag are not roles.
    assert_eq!(findings(&inv), [(Code::UnreadColumn, None)]);
    assert!(unread(&inv).contains("`H If the measure is new?`"));
    let public = &inv.area("Public Services").icma;
    assert!(public.three_years.counts, "{}", public.three_years.reason);
    insta::assert_snapshot!("layouts_austin_table", table(dir.path(), &args));
}

/// An Austin export of several years where older rows hold the value in `Actual` and
/// newer ones in `Measure Value`; one row has it in both, one two different values.
const AUSTIN_TWO_VALUE_COLUMNS: &str = "\
Activity Code,Frequency,Measure ID,Measure Name,Measure Goal,Measure Division,Fiscal Year,If the measure is new?,Measure Type,Actual,Measure Value
LIB1A,Annual,4101,Library program attendance,\"145,000\",Public Services,2020,No,Output,\"121,050\",
LIB1A,Annual,4101,Library program attendance,\"150,000\",Public Services,2021,No,Output,,\"138,400\"
LIB1A,Annual,4101,Library program attendance,\"150,000\",Public Services,2022,No,Output,,\"146,210\"
LIB1A,Annual,4101,Library program attendance,\"155,000\",Public Services,2023,No,Output,\"157,932\",\"157,932\"
LIB1A,Annual,4102,Patrons satisfied with library services,90%,Public Services,2023,No,Result,88.5%,91.2%
";

#[test]
fn austin_with_the_value_in_two_columns_reads_each_rows_actual_from_either() {
    let (dir, args) = fixture(
        "austin.csv",
        AUSTIN_TWO_VALUE_COLUMNS,
        "--fiscal-year-start 10 --as-of 2023-12-31",
    );
    let inv = inventory(dir.path(), &args);
    let columns = inv.columns(0);
    for column in ["actual=Actual (J)", "actual=Measure Value (K)"] {
        assert!(columns.contains(&column.to_string()), "{columns:?}");
    }
    // Each row's actual from whichever column holds it; one value in both is read once.
    let m = inv.measure("Public Services", "Library program attendance");
    assert_eq!(m.years, [2020, 2021, 2022, 2023]);
    assert_eq!(m.target_years, [2020, 2021, 2022, 2023]);
    assert_eq!(m.latest.as_deref(), Some("FY2023"));
    assert_eq!(inv.files[0].rows.no_value, 0);
    // Two different values on one row: an error naming both cells, neither used; the
    // row's goal is still its target.
    let patrons = inv.measure("Public Services", "Patrons satisfied with library services");
    assert!(patrons.years.is_empty(), "{:?}", patrons.years);
    assert_eq!(patrons.target_years, [2023]);
    let conflicts = inv.findings(Code::ConflictingValues);
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(conflicts[0].row, Some(6));
    assert_eq!(conflicts[0].column.as_deref(), Some("J"));
    for said in [
        "88.5 in `Actual` (J6)",
        "91.2 in `Measure Value` (K6)",
        "neither is used",
    ] {
        assert!(
            conflicts[0].message.contains(said),
            "{said}: {}",
            conflicts[0].message
        );
    }
    assert_eq!(
        findings(&inv),
        [
            (Code::Stale, Some(6)),
            (Code::UnreadColumn, None),
            (Code::ConflictingValues, Some(6)),
        ]
    );
    assert!(!unread(&inv).contains("Measure Value"), "{}", unread(&inv));
    insta::assert_snapshot!(
        "layouts_austin_two_value_columns_table",
        table(dir.path(), &args)
    );
}

/// New York City: one row per indicator, fiscal year (from July) and data type (actual
/// or target), with a column per month of the fiscal year.
const NEW_YORK: &str = "\
agency,indicator,cpr_data_type,fiscal_year,jul_01,aug_01,sep_01,oct_01,nov_01,dec_01,jan_01,feb_01,mar_01,apr_01,may_01,jun_01
DSNY,Tons of refuse collected per truck-shift,Actual,2023,10.4,10.1,10.6,10.9,10.2,10.8,10.5,10.3,10.7,10.6,10.4,10.2
DSNY,Tons of refuse collected per truck-shift,Target,2023,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5
DSNY,Tons of refuse collected per truck-shift,Actual,2024,10.6,10.3,10.2,,,,,,,,,
DSNY,Tons of refuse collected per truck-shift,Target,2024,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5,10.5
DPR,Parks rated acceptable for overall condition (%),Actual,2023,86,87,85,88,86,89,87,86,88,87,85,86
DPR,Parks rated acceptable for overall condition (%),Target,2023,85,85,85,85,85,85,85,85,85,85,85,85
";

#[test]
fn new_york_reads_month_columns_in_the_rows_fiscal_year_and_data_type_rows() {
    let (dir, args) = fixture(
        "nyc.csv",
        NEW_YORK,
        "--fiscal-year-start 7 --as-of 2023-10-15",
    );
    let inv = inventory(dir.path(), &args);
    assert_eq!(inv.files[0].layout, Layout::Wide);
    let months = [
        "jul_01 (E)",
        "aug_01 (F)",
        "sep_01 (G)",
        "oct_01 (H)",
        "nov_01 (I)",
        "dec_01 (J)",
        "jan_01 (K)",
        "feb_01 (L)",
        "mar_01 (M)",
        "apr_01 (N)",
        "may_01 (O)",
        "jun_01 (P)",
    ]
    .map(|m| format!("actual={m}"));
    let mut columns = vec![
        "service_area=agency (A)".to_string(),
        "measure=indicator (B)".to_string(),
        "period=fiscal_year (D)".to_string(),
        "row_type=cpr_data_type (C)".to_string(),
    ];
    columns.extend(months);
    assert_eq!(inv.columns(0), columns);
    assert_eq!(areas(&inv), ["DPR", "DSNY"]);
    // `jul_01` of fiscal year 2023 is July 2022, `jun_01` June 2023: FY2023's months.
    // The actual rows give the actuals, the target rows the targets of the same months.
    let dsny = inv.measure("DSNY", "Tons of refuse collected per truck-shift");
    assert_eq!(dsny.frequency, Some(Frequency::Monthly));
    assert_eq!(dsny.years, [2023, 2024]);
    assert_eq!(dsny.target_years, [2023, 2024]);
    // FY2024's actuals stop at September 2023.
    assert_eq!(dsny.latest.as_deref(), Some("2023-09"));
    let dpr = inv.measure("DPR", "Parks rated acceptable for overall condition (%)");
    assert_eq!(dpr.years, [2023]);
    assert_eq!(dpr.target_years, [2023]);
    assert_eq!(dpr.latest.as_deref(), Some("2023-06"));
    // An actual and a target for one month, on two rows, are no conflict; the months
    // FY2024 has not reached yet have no actual.
    assert_eq!(inv.files[0].rows.no_value, 9);
    assert_eq!(
        findings(&inv),
        [(Code::NoKind, Some(2)), (Code::NoKind, Some(6))]
    );
    insta::assert_snapshot!("layouts_new_york_table", table(dir.path(), &args));
}

/// A layout like New York's whose type-of-value column has a header pmcheck does not
/// know, and types written other ways: `GOAL` and `target` are targets, an estimate
/// neither, and `Mid-year` no type of value.
const TYPED_ROWS: &str = "\
agency,indicator,figure,fiscal_year,jul_01,aug_01,sep_01
DSNY,Tons of refuse collected per truck-shift,actual,2023,10.4,10.1,10.6
DSNY,Tons of refuse collected per truck-shift,GOAL,2023,10.5,10.5,10.5
DSNY,Tons of refuse collected per truck-shift,Estimate,2024,10.6,10.6,10.6
DSNY,Tons of refuse collected per truck-shift,Mid-year,2024,10.2,10.2,10.2
DSNY,Tons of refuse collected per truck-shift,target,2024,10.4,10.4,10.4
";

#[test]
fn a_row_type_column_named_sends_rows_to_the_actual_or_the_target() {
    let (dir, base) = fixture(
        "typed.csv",
        TYPED_ROWS,
        "--fiscal-year-start 7 --as-of 2023-10-15",
    );
    // Unnamed, `figure` is no role: every row is an actual, and the two rows of one
    // fiscal year conflict.
    let unnamed = inventory(dir.path(), &base);
    assert!(
        unnamed
            .columns(0)
            .iter()
            .all(|c| !c.starts_with("row_type"))
    );
    assert!(!unnamed.findings(Code::ConflictingValues).is_empty());
    let mut args = base.clone();
    args.extend(["--column", "row_type=figure"]);
    let inv = inventory(dir.path(), &args);
    assert!(inv.columns(0).contains(&"row_type=figure (C)".to_string()));
    let m = inv.measure("DSNY", "Tons of refuse collected per truck-shift");
    assert_eq!(m.years, [2023]);
    assert_eq!(m.target_years, [2023, 2024]);
    // The estimate row is skipped, said with its reason; `Mid-year` is an error naming
    // its cell, its values not used.
    assert_eq!(inv.files[0].rows.skipped, 1);
    let unreadable = inv.findings(Code::UnreadableValue);
    assert_eq!(unreadable.len(), 1, "{unreadable:#?}");
    assert_eq!(unreadable[0].row, Some(5));
    assert_eq!(unreadable[0].column.as_deref(), Some("C"));
    assert!(
        unreadable[0]
            .message
            .contains("`Mid-year` is not a type of value; write Actual or Target"),
        "{}",
        unreadable[0].message
    );
    assert!(inv.findings(Code::ConflictingValues).is_empty());
}

#[test]
fn a_row_type_in_a_long_file_sends_the_value_and_a_data_type_of_units_is_no_row_type() {
    let dir = dir_with(&[
        (
            "long.csv",
            b"Department,Measure,Fiscal Year,Type of value,Value\nParks,Acres,2022,Actual,10\nParks,Acres,2022,Target,12\nParks,Acres,2023,actual,11\nParks,Acres,2023,Projection,13\nParks,Acres,2024,Goal,14\n",
        ),
        (
            "units.csv",
            b"Department,Measure,Fiscal Year,Data Type,Value\nParks,Acres,2022,Number,10\nParks,Acres,2023,Percent,11\n",
        ),
    ]);
    let inv = inventory(dir.path(), &["long.csv", "--as-of", "2024-01-01"]);
    assert!(
        inv.columns(0)
            .contains(&"row_type=Type of value (D)".to_string())
    );
    let m = inv.measure("Parks", "Acres");
    assert_eq!(m.years, [2022, 2023]);
    assert_eq!(m.target_years, [2022, 2024]);
    assert_eq!(inv.files[0].rows.skipped, 1);
    assert!(inv.findings(Code::ConflictingValues).is_empty());
    // `Number` and `Percent` say no actual or target: the column is no row type, and each
    // row is an actual.
    let inv = inventory(dir.path(), &["units.csv", "--as-of", "2024-01-01"]);
    assert!(inv.columns(0).iter().all(|c| !c.starts_with("row_type")));
    let not_a_role = inv.findings(Code::NotARole);
    assert_eq!(not_a_role.len(), 1, "{not_a_role:#?}");
    assert!(
        not_a_role[0]
            .message
            .contains("--column row_type=\"Data Type\""),
        "{}",
        not_a_role[0].message
    );
    assert_eq!(inv.measure("Parks", "Acres").years, [2022, 2023]);
}

#[test]
fn month_columns_need_a_year_on_their_row() {
    let dir = dir_with(&[(
        "months.csv",
        b"agency,indicator,fiscal_year,jul_01,aug_01\nDPR,Parks cleaned,2023,86,87\nDPR,Parks cleaned,2023-08,85,88\n",
    )]);
    let inv = inventory(
        dir.path(),
        &[
            "months.csv",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2023-10-15",
        ],
    );
    // FY2023's July and August are 2022's.
    let m = inv.measure("DPR", "Parks cleaned");
    assert_eq!(m.latest.as_deref(), Some("2022-08"));
    let unreadable = inv.findings(Code::UnreadableValue);
    assert_eq!(unreadable.len(), 1, "{unreadable:#?}");
    assert_eq!(unreadable[0].row, Some(3));
    assert_eq!(unreadable[0].column.as_deref(), Some("C"));
    assert!(
        unreadable[0]
            .message
            .contains("2023-08 is not a year, and the month columns (`jul_01` …) take their year from this column"),
        "{}",
        unreadable[0].message
    );
}

/// San Francisco's scorecard feed: one row per measure code and calendar month, the
/// actual a ratio from 0 to 1, with the department, the goal and four categories.
const SAN_FRANCISCO: &str = "\
measure_code,calendar_month,actual,department,goal,category_1,category_2,category_3,category_4,data_loaded_at,data_as_of
MTA-07,2023-07-01T00:00:00.000,0.612,Municipal Transportation Agency,0.85,Transportation,On-time performance,Muni,,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
MTA-07,2023-08-01T00:00:00.000,0.598,Municipal Transportation Agency,0.85,Transportation,On-time performance,Muni,,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
MTA-07,2023-09-01T00:00:00.000,0.634,Municipal Transportation Agency,0.85,Transportation,On-time performance,Muni,,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
DPW-12,2023-07-01T00:00:00.000,0.941,Public Works,0.95,Livability,Street cleaning,Response,311 requests,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
DPW-12,2023-08-01T00:00:00.000,0.957,Public Works,0.95,Livability,Street cleaning,Response,311 requests,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
DPW-12,2023-09-01T00:00:00.000,0.962,Public Works,0.95,Livability,Street cleaning,Response,311 requests,2023-10-03T09:15:00.000,2023-09-30T00:00:00.000
";

#[test]
fn san_francisco_reads_months_from_timestamps_once_the_measure_code_is_named() {
    let (dir, base) = fixture(
        "scorecard.csv",
        SAN_FRANCISCO,
        "--fiscal-year-start 7 --as-of 2023-10-15",
    );
    // The feed names a measure only by its code, which is no measure name by itself.
    let (args, inv) = needs(
        dir.path(),
        &base,
        &["--column", "measure=measure_code"],
        "it needs a measure column",
    );
    assert_eq!(
        inv.columns(0),
        [
            "service_area=department (D)",
            "measure=measure_code (A)",
            "period=calendar_month (B)",
            "actual=actual (C)",
            "target=goal (E)",
        ]
    );
    assert_eq!(
        areas(&inv),
        ["Municipal Transportation Agency", "Public Works"]
    );
    for (area, code) in [
        ("Municipal Transportation Agency", "MTA-07"),
        ("Public Works", "DPW-12"),
    ] {
        let m = inv.measure(area, code);
        // July to September 2023 are months of FY2024.
        assert_eq!(m.frequency, Some(Frequency::Monthly), "{code}");
        assert_eq!(m.years, [2024], "{code}");
        assert_eq!(m.target_years, [2024], "{code}");
        assert_eq!(m.latest.as_deref(), Some("2023-09"), "{code}");
        // GAP: the actual and the goal are ratios (0.612 is 61.2%) and no unit says
        // so; a measure's unit from its values (a ratio read as a percent) needs
        // inventory.rs. The values themselves are read as written.
        assert_eq!(m.unit, None, "{code}");
    }
    // The categories and load dates are no roles.
    assert_eq!(
        findings(&inv),
        [
            (Code::NoKind, Some(2)),
            (Code::NoKind, Some(5)),
            (Code::UnreadColumn, None),
        ]
    );
    assert!(unread(&inv).contains("`K data_as_of`"));
    insta::assert_snapshot!("layouts_san_francisco_table", table(dir.path(), &args));
}

/// A Clear Impact Scorecard import: one row per measure (by its ID) and date, dates
/// written MM/DD/YYYY.
const CLEAR_IMPACT: &str = "\
id,actual_value_date,target_value,actual_value,comment
PM-2281,12/31/2021,75,68,Baseline year
PM-2281,12/31/2022,75,71,
PM-2281,12/31/2023,78,77,New outreach staff hired in March
PM-2294,06/30/2023,1200,1134,
PM-2294,12/31/2023,1200,1262,Includes two winter events
";

#[test]
fn clear_impact_import_is_read_as_the_area_named_for_the_whole_file() {
    let (dir, args) = fixture(
        "import.csv",
        CLEAR_IMPACT,
        "--as-of 2024-02-15 --column measure=id",
    );
    // The date, actual and target columns are recognised: only the area is missing, and
    // the error says how to give it.
    let error = refused(dir.path(), &args);
    assert!(
        error.contains("row 1 has no service area column"),
        "{error}"
    );
    for option in ["--column service_area=HEADER", "--area NAME", "`area:`"] {
        assert!(error.contains(option), "{option}: {error}");
    }
    insta::assert_snapshot!("layouts_clear_impact_error", error);
    // An import for one scorecard: its area named for the whole file.
    let mut named = args.clone();
    named.extend(["--area", "Youth Services"]);
    let inv = inventory(dir.path(), &named);
    assert_eq!(
        inv.columns(0),
        [
            "measure=id (A)",
            "period=actual_value_date (B)",
            "actual=actual_value (D)",
            "target=target_value (C)",
        ]
    );
    assert_eq!(areas(&inv), ["Youth Services"]);
    let m = inv.measure("Youth Services", "PM-2281");
    assert_eq!(m.years, [2021, 2022, 2023]);
    assert_eq!(m.target_years, [2021, 2022, 2023]);
    let m = inv.measure("Youth Services", "PM-2294");
    assert_eq!(m.years, [2023]);
    assert_eq!(m.target_years, [2023]);
    // Year-end dates a year apart are years; the dates of PM-2294, six months apart at
    // quarter ends, are quarters (Q2 and Q4, Q3 missing).
    assert_eq!(
        inv.measure("Youth Services", "PM-2281").frequency,
        Some(Frequency::Annual)
    );
    assert_eq!(
        inv.measure("Youth Services", "PM-2281").latest.as_deref(),
        Some("2023")
    );
    assert_eq!(m.frequency, Some(Frequency::Quarterly));
    assert_eq!(m.latest.as_deref(), Some("2023 Q4"));
    assert_eq!(inv.findings(Code::PeriodsFromDates).len(), 2);
    assert!(table(dir.path(), &named).contains("Youth Services · years with data: 2021–2023"));

    // The same from an evidence file's `measures:` entry.
    std::fs::write(
        dir.path().join("e.yaml"),
        "version: 1\nas_of: 2024-02-15\nmeasures:\n  - file: import.csv\n    area: Youth Services\n    columns: { measure: id }\n",
    )
    .unwrap();
    let linked = inventory(dir.path(), &["--evidence", "e.yaml"]);
    assert_eq!(areas(&linked), ["Youth Services"]);
    assert_eq!(
        linked.measure("Youth Services", "PM-2281").years,
        [2021, 2022, 2023]
    );
    // A column named for the area and an area for the whole file contradict each other.
    let mut both = named.clone();
    both.extend(["--column", "service_area=comment"]);
    let error = refused(dir.path(), &both);
    assert!(
        error.contains("--column service_area=HEADER and --area NAME both give the service area"),
        "{error}"
    );
}

/// Spider Impact's "data in columns" import: one row per KPI, with its goal and red
/// flag, and a column per month-end date.
const SPIDER_IMPACT: &str = "\
Organization,KPI,Goal,Red Flag,1/31/2024,2/29/2024,3/31/2024,4/30/2024,5/31/2024,6/30/2024
Fire Department,Turnout time under 80 seconds (%),90,80,88.2,91.0,89.5,92.3,90.8,
Fire Department,Hydrants inspected,400,300,352,368,401,395,,
Finance,Invoices paid within 30 days (%),95,85,93.1,94.8,96.2,95.5,97.0,
";

#[test]
fn spider_impact_reads_date_columns_and_the_standing_goal_as_each_periods_target() {
    let (dir, base) = fixture("spider.csv", SPIDER_IMPACT, "--as-of 2024-06-15");
    // `Organization` is not taken for a service area by itself (it can name the
    // jurisdiction); naming it reads the file.
    let (args, inv) = needs(
        dir.path(),
        &base,
        &["--column", "service_area=Organization"],
        "no service area column",
    );
    assert_eq!(inv.files[0].layout, Layout::Wide);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Organization (A)",
            "measure=KPI (B)",
            "target=Goal (C)",
            "actual=1/31/2024 (E)",
            "actual=2/29/2024 (F)",
            "actual=3/31/2024 (G)",
            "actual=4/30/2024 (H)",
            "actual=5/31/2024 (I)",
            "actual=6/30/2024 (J)",
        ]
    );
    assert_eq!(areas(&inv), ["Finance", "Fire Department"]);
    for (area, name, latest) in [
        (
            "Fire Department",
            "Turnout time under 80 seconds (%)",
            "2024-05",
        ),
        ("Fire Department", "Hydrants inspected", "2024-04"),
        ("Finance", "Invoices paid within 30 days (%)", "2024-05"),
    ] {
        let m = inv.measure(area, name);
        assert_eq!(m.frequency, Some(Frequency::Monthly), "{name}");
        assert_eq!(m.years, [2024], "{name}");
        assert_eq!(m.latest.as_deref(), Some(latest), "{name}");
        // The `Goal` column holds no period: a standing goal, the target of every
        // period of its row.
        assert_eq!(m.target_years, [2024], "{name}");
    }
    // `Red Flag` (the threshold below which a KPI is red) is no target: it is not read.
    assert!(unread(&inv).contains("`D Red Flag`"));
    assert!(!unread(&inv).contains("Goal"), "{}", unread(&inv));
    assert_eq!(
        findings(&inv),
        [
            (Code::NoKind, Some(2)),
            (Code::NoKind, Some(3)),
            (Code::NoKind, Some(4)),
            (Code::UnreadColumn, None),
        ]
    );
    insta::assert_snapshot!("layouts_spider_impact_table", table(dir.path(), &args));
}

/// Esri Performance Management: one row per metric, boundary and reporting date, under
/// a strategic outcome, with targets set for dates not yet reported.
const ESRI: &str = "\
Boundary Name,Date Reported,Metric,Outcome,Actual,Target
Citywide,2022-12-31,Residents within a 10-minute walk of a park (%),Healthy Community,71.5,75
Citywide,2023-12-31,Residents within a 10-minute walk of a park (%),Healthy Community,73.2,75
Citywide,2024-12-31,Residents within a 10-minute walk of a park (%),Healthy Community,,77
Citywide,2025-12-31,Residents within a 10-minute walk of a park (%),Healthy Community,,80
Citywide,2022-12-31,Traffic fatalities,Safe Streets,14,10
Citywide,2023-12-31,Traffic fatalities,Safe Streets,11,8
Citywide,2024-12-31,Traffic fatalities,Safe Streets,,6
";

#[test]
fn esri_reads_future_targets_without_actuals_under_their_outcome() {
    let (dir, base) = fixture("metrics.csv", ESRI, "--as-of 2024-03-31");
    // The layout has no department: the strategic outcome is the nearest grouping.
    let (args, inv) = needs(
        dir.path(),
        &base,
        &[
            "--column",
            "service_area=Outcome",
            "--column",
            "breakdown=Boundary Name",
        ],
        "no service area column",
    );
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Outcome (D)",
            "measure=Metric (C)",
            "period=Date Reported (B)",
            "actual=Actual (E)",
            "target=Target (F)",
            "breakdown=Boundary Name (A)",
        ]
    );
    assert_eq!(areas(&inv), ["Healthy Community", "Safe Streets"]);
    let park = inv.measure(
        "Healthy Community",
        "Residents within a 10-minute walk of a park (%)",
    );
    assert_eq!(park.years, [2022, 2023]);
    // The targets set ahead, with no actual yet, are targets and no future value.
    assert_eq!(park.target_years, [2022, 2023, 2024, 2025]);
    // Dated at each year's end, a year apart: years, not Decembers.
    assert_eq!(park.latest.as_deref(), Some("2023"));
    assert_eq!(park.frequency, Some(Frequency::Annual));
    // The boundary is a breakdown of the metric, named by its column.
    assert_eq!(park.breakdowns, ["Boundary Name"]);
    let fatalities = inv.measure("Safe Streets", "Traffic fatalities");
    assert_eq!(fatalities.years, [2022, 2023]);
    assert_eq!(fatalities.target_years, [2022, 2023, 2024]);
    assert_eq!(inv.files[0].rows.no_value, 3);
    assert!(inv.findings(Code::NoTarget).is_empty());
    assert!(inv.findings(Code::FuturePeriod).is_empty());
    assert_eq!(
        findings(&inv),
        [
            (Code::NoKind, Some(2)),
            (Code::NoKind, Some(6)),
            (Code::PeriodsFromDates, None),
        ]
    );
    let said = &inv.findings(Code::PeriodsFromDates)[0].message;
    assert!(
        said.contains("the dates of 2 measures")
            && said.contains(
                "fall a year apart, each on the last day of a fiscal year: read as years"
            ),
        "{said}"
    );
    // Without the boundary as a breakdown, no month is missing between the years.
    let without_boundary = inventory(dir.path(), &args[..args.len() - 2]);
    let missing = without_boundary.findings(Code::MissingPeriod);
    assert!(missing.is_empty(), "{missing:#?}");
    insta::assert_snapshot!("layouts_esri_table", table(dir.path(), &args));
}

/// A county's adopted budget book, as its performance tables are kept: a Read Me sheet,
/// one sheet per department with no department column (the sheet is the department),
/// title and note rows above a two-row header (`FY 2025-26` merged over `Target` and
/// `Estimate`), program cells merged down their rows, a Department Total row, a
/// footnoted value, `N/A` and `TBD`, percent and currency formats, actuals to FY2025 and
/// targets only for FY2026 and FY2027.
fn budget_book(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let dollars = Format::new().set_num_format("$#,##0");
    let merged = Format::new();
    let readme = book.add_worksheet().set_name("Read Me").unwrap();
    readme
        .write_string(0, 0, "Performance measures, FY 2025-26 Adopted Budget")
        .unwrap()
        .write_string(2, 0, "Each department's measures are on its own sheet.")
        .unwrap();
    type Row<'a> = (&'a str, &'a str, &'a str, [Val<'a>; 6]);
    #[derive(Clone, Copy)]
    enum Val<'a> {
        N(f64),
        Pct(f64),
        Usd(f64),
        T(&'a str),
    }
    let departments: [(&str, Vec<Row<'_>>); 2] = [
        (
            "Police",
            vec![
                (
                    "Patrol",
                    "Emergency response time (minutes)",
                    "Outcome",
                    [
                        Val::N(6.1),
                        Val::N(5.8),
                        Val::N(5.5),
                        Val::N(5.7),
                        Val::N(5.5),
                        Val::T(""),
                    ],
                ),
                (
                    "",
                    "Operating expenditures",
                    "Input",
                    [
                        Val::Usd(1_200_000.0),
                        Val::Usd(1_250_000.0),
                        Val::Usd(1_300_000.0),
                        Val::T("TBD"),
                        Val::Usd(1_350_000.0),
                        Val::T(""),
                    ],
                ),
                (
                    "Investigations",
                    "Operating expenditures",
                    "Input",
                    [
                        Val::Usd(800_000.0),
                        Val::Usd(820_000.0),
                        Val::Usd(850_000.0),
                        Val::T("N/A"),
                        Val::Usd(870_000.0),
                        Val::T(""),
                    ],
                ),
                (
                    "",
                    "Cases cleared",
                    "Outcome",
                    [
                        Val::Pct(0.61),
                        Val::T("45.3%*"),
                        Val::Pct(0.62),
                        Val::T("N/A"),
                        Val::Pct(0.63),
                        Val::T(""),
                    ],
                ),
                (
                    "Department Total",
                    "",
                    "",
                    [
                        Val::Usd(2_000_000.0),
                        Val::Usd(2_070_000.0),
                        Val::Usd(2_150_000.0),
                        Val::T(""),
                        Val::Usd(2_220_000.0),
                        Val::T(""),
                    ],
                ),
            ],
        ),
        (
            "Parks & Rec",
            vec![
                (
                    "Aquatics",
                    "Swim lessons delivered",
                    "Output",
                    [
                        Val::N(3120.0),
                        Val::N(3340.0),
                        Val::N(3500.0),
                        Val::N(3450.0),
                        Val::N(3600.0),
                        Val::T(""),
                    ],
                ),
                (
                    "Grounds",
                    "Residents satisfied with parks",
                    "Outcome",
                    [
                        Val::Pct(0.71),
                        Val::Pct(0.74),
                        Val::Pct(0.75),
                        Val::Pct(0.74),
                        Val::Pct(0.76),
                        Val::T(""),
                    ],
                ),
            ],
        ),
    ];
    for (name, rows) in departments {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        sheet
            .write_string(0, 0, "County of Example · FY 2025-26 Adopted Budget")
            .unwrap()
            .write_string(1, 0, "Performance measures (see Read Me)")
            .unwrap();
        for (c, h) in ["Program", "Measure", "Type", "FY 2023-24", "FY 2024-25"]
            .iter()
            .enumerate()
        {
            sheet.write_string(3, c as u16, *h).unwrap();
        }
        sheet
            .merge_range(3, 5, 3, 6, "FY 2025-26", &merged)
            .unwrap();
        sheet.write_string(3, 7, "FY 2026-27").unwrap();
        for (c, h) in ["Actual", "Actual", "Target", "Estimate", "Target"]
            .iter()
            .enumerate()
        {
            sheet.write_string(4, 3 + c as u16, *h).unwrap();
        }
        let mut r = 5;
        let mut program_start: Option<(u32, &str)> = None;
        for (program, measure, kind, values) in &rows {
            if !program.is_empty() {
                program_start = Some((r, program));
            }
            if program.is_empty()
                && let Some((start, p)) = program_start
            {
                // The program cell merged down over its rows.
                sheet.merge_range(start, 0, r, 0, p, &merged).unwrap();
            } else {
                sheet.write_string(r, 0, *program).unwrap();
            }
            sheet.write_string(r, 1, *measure).unwrap();
            sheet.write_string(r, 2, *kind).unwrap();
            for (i, v) in values.iter().take(5).enumerate() {
                let c = 3 + i as u16;
                match *v {
                    Val::N(n) => sheet.write_number(r, c, n).map(|_| ()),
                    Val::Pct(n) => sheet
                        .write_number_with_format(r, c, n, &percent)
                        .map(|_| ()),
                    Val::Usd(n) => sheet
                        .write_number_with_format(r, c, n, &dollars)
                        .map(|_| ()),
                    Val::T("") => Ok(()),
                    Val::T(t) => sheet.write_string(r, c, t).map(|_| ()),
                }
                .unwrap();
            }
            r += 1;
        }
        sheet
            .write_string(
                r + 1,
                0,
                "* Preliminary: the FY 2024-25 clearance rate is before the year-end audit.",
            )
            .unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_budget_book_is_read_as_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    budget_book(&dir.path().join("book.xlsx"));
    let args = [
        "book.xlsx",
        "--fiscal-year-start",
        "7",
        "--as-of",
        "2025-11-30",
    ];
    let inv = inventory(dir.path(), &args);
    assert_eq!(areas(&inv), ["Parks & Rec", "Police"]);
    // Every department's sheet is read; the Read Me is skipped and said.
    let skipped = inv.findings(Code::SheetSkipped);
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    assert_eq!(skipped[0].sheet.as_deref(), Some("Read Me"));
    assert_eq!(inv.findings(Code::AreaFromSheet).len(), 2);
    // Programs: one name under two programs is two measures; merged program cells fill
    // down.
    let police: Vec<&str> = inv
        .area("Police")
        .measures
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        police,
        [
            "Patrol · Emergency response time (minutes)",
            "Patrol · Operating expenditures",
            "Investigations · Operating expenditures",
            "Investigations · Cases cleared",
        ]
    );
    // Actuals to FY2025, targets for FY2026 and FY2027: every measure has a target in
    // time, and the estimate is neither.
    for area in &inv.service_areas {
        for m in &area.measures {
            assert_eq!(m.years, [2024, 2025], "{}", m.name);
            assert_eq!(m.target_years, [2026, 2027], "{}", m.name);
        }
    }
    assert!(
        inv.findings(Code::NoTarget).is_empty(),
        "{:#?}",
        inv.findings(Code::NoTarget)
    );
    assert!(
        inv.findings(Code::UnreadColumn)
            .iter()
            .all(|f| f.message.contains("Estimate")),
        "{:#?}",
        inv.findings(Code::UnreadColumn)
    );
    // Values as formatted: percentages and dollars; the footnoted value read without its
    // marker; the total row skipped; no cell stops the reading.
    let cleared = inv.measure("Police", "Investigations · Cases cleared");
    assert_eq!(cleared.unit.as_deref(), Some("%"));
    assert_eq!(
        inv.measure("Police", "Patrol · Operating expenditures")
            .unit
            .as_deref(),
        Some("$")
    );
    assert_eq!(inv.findings(Code::FootnoteMarker).len(), 1);
    assert_eq!(inv.findings(Code::TotalRow).len(), 1);
    assert!(
        inv.findings(Code::UnreadableValue).is_empty(),
        "{:#?}",
        inv.findings
    );
    assert!(inv.findings(Code::ConflictingValues).is_empty());

    // With an evidence file that names the departments its own way, and claims targets:
    // one area per department, the claim backed, and --strict agrees.
    std::fs::write(
        dir.path().join("e.yaml"),
        "version: 1\nas_of: 2025-11-30\nfiscal_year_start: 7\nservice_areas:\n  - name: Parks and Recreation\n    aliases: [\"Parks & Rec\"]\n    years: [2024, 2025]\n  - name: Police Department\n    aliases: [Police]\n    years: [2024, 2025]\npublic_reporting:\n  channels: [budget, website]\n  targets: true\n  sources: [\"https://example.gov/budget\"]\nmeasures:\n  - file: book.xlsx\n",
    )
    .unwrap();
    for strict in [false, true] {
        let mut args = vec!["evaluate", "e.yaml", "-f", "json"];
        if strict {
            args.push("--strict");
        }
        let r = crate::common::cli::run_in(dir.path(), &args);
        let json: serde_json::Value =
            serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
        let warnings: Vec<&str> = json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| {
                w["code"] == "contradicted-by-measures" || w["code"] == "unclaimed-in-measures"
            })
            .map(|w| w["message"].as_str().unwrap())
            .collect();
        assert!(warnings.is_empty(), "strict={strict}: {warnings:?}");
        let achievement = json["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["requirements"].as_array().unwrap())
            .find(|r| r["id"] == "public_reporting.achievement")
            .unwrap();
        assert_eq!(achievement["met"], true, "strict={strict}: {achievement}");
    }
    insta::assert_snapshot!("layouts_budget_book_table", table(dir.path(), &args));

    // The public site heads each program once inside its department, and each measure
    // under it by its own name; measures.csv keeps the program.
    let r = crate::common::cli::run_in(
        dir.path(),
        &[
            "publish",
            "book.xlsx",
            "--out",
            "site",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2025-11-30",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    let police = &page[page.find(">Police</h2>").unwrap()..];
    let headings: Vec<&str> = police
        .split("<h3 ")
        .skip(1)
        .take(2)
        .map(|h| &h[h.find('>').unwrap() + 1..h.find("</h3>").unwrap()])
        .collect();
    assert_eq!(headings, ["Investigations", "Patrol"]);
    let patrol = &police[police.find(">Patrol</h3>").unwrap()..];
    // Up to the program's end (the book has no equity sections of its own).
    let patrol = &patrol[..patrol.find("</section>").unwrap()];
    assert!(
        patrol.contains(">Operating expenditures</a></h4>"),
        "{patrol}"
    );
    assert!(
        patrol.contains(">Emergency response time (minutes)</a></h4>"),
        "{patrol}"
    );
    assert!(!patrol.contains("Cases cleared"), "{patrol}");
    let csv = std::fs::read_to_string(dir.path().join("site/measures.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Police,Patrol · Operating expenditures,")
                && l.ends_with(",Patrol")),
        "{csv}"
    );
}
