//! `measures`: the inventory of a jurisdiction's own measures files, run as a user runs
//! it on files laid out the way jurisdictions publish them (column layouts modeled on
//! public open-data feeds, performance tables and budget books; the data is made up).
//! Every fixture is written by the test into a temporary directory: CSV as text or raw
//! bytes, workbooks by real XLSX and ODS writers. The JSON is read back through the
//! independent structs of [`contract`], so a renamed key fails here.

use std::path::Path;

use tempfile::TempDir;

use crate::common::cli::{Run, run, run_in};

/// The measures JSON contract v1, written independently of the renderer.
pub(crate) mod contract {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Inventory {
        pub version: u32,
        pub as_of: String,
        pub files: Vec<File>,
        pub service_areas: Vec<Area>,
        pub findings: Vec<Finding>,
        pub rows: Rows,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct File {
        pub file: String,
        pub sheet: Option<String>,
        pub layout: Layout,
        pub fiscal_year_start: u32,
        pub columns: Vec<Column>,
        pub rows: Rows,
    }

    #[derive(Debug, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Layout {
        Long,
        Wide,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Column {
        pub role: String,
        pub header: String,
        /// The column's letter.
        pub column: String,
        pub named: bool,
    }

    #[derive(Debug, PartialEq, Eq, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Rows {
        pub read: usize,
        pub used: usize,
        pub skipped: usize,
        pub no_value: usize,
        pub filled_down: usize,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Area {
        pub name: String,
        pub years: Vec<i32>,
        pub kinds: Vec<Kind>,
        pub icma: Icma,
        pub measures: Vec<Measure>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Icma {
        pub two_years: Verdict,
        pub three_years: Verdict,
        pub outcome: Verdict,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Verdict {
        pub counts: bool,
        pub reason: String,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Kind {
        Input,
        Output,
        Workload,
        Efficiency,
        Outcome,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Frequency {
        Annual,
        Quarterly,
        Monthly,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Measure {
        pub name: String,
        pub kind: Option<Kind>,
        pub years: Vec<i32>,
        pub frequency: Option<Frequency>,
        pub target_years: Vec<i32>,
        pub latest: Option<String>,
        pub breakdowns: Vec<String>,
        pub comparison: bool,
        pub higher_is_better: Option<bool>,
        pub unit: Option<String>,
        pub owner: Option<String>,
        pub row: u32,
        pub program: Option<String>,
        pub source: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Finding {
        pub code: Code,
        pub message: String,
        pub file: String,
        pub sheet: Option<String>,
        pub row: Option<u32>,
        /// Added in contract v1: `error`, `warning` or `note`.
        pub severity: Severity,
        /// Added in contract v1: the column's letter for a finding about one cell.
        pub column: Option<String>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Severity {
        Error,
        Warning,
        Note,
    }

    /// The finding codes of the measures contract v1.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Code {
        NoKind,
        KindConflict,
        NoTarget,
        NoOwner,
        MissingPeriod,
        Stale,
        FuturePeriod,
        ValueJump,
        UnreadColumn,
        NotARole,
        FilledDown,
        SkippedRows,
        UnreadableValue,
        ConflictingValues,
        TotalRow,
        FootnoteMarker,
        NameMatched,
        SheetSkipped,
        AreaFromSheet,
        UnitConflict,
        RatioAsPercent,
        PeriodsFromDates,
        FormatsNotRead,
    }

    impl Inventory {
        pub fn area(&self, name: &str) -> &Area {
            self.service_areas
                .iter()
                .find(|a| a.name == name)
                .unwrap_or_else(|| panic!("no service area {name}: {self:#?}"))
        }

        pub fn measure(&self, area: &str, name: &str) -> &Measure {
            self.area(area)
                .measures
                .iter()
                .find(|m| m.name == name)
                .unwrap_or_else(|| panic!("no measure {name} in {area}"))
        }

        pub fn findings(&self, code: Code) -> Vec<&Finding> {
            self.findings.iter().filter(|f| f.code == code).collect()
        }

        /// `role=HEADER (letter)` for each column of file `i`, as a compact check.
        pub fn columns(&self, i: usize) -> Vec<String> {
            self.files[i]
                .columns
                .iter()
                .map(|c| format!("{}={} ({})", c.role, c.header, c.column))
                .collect()
        }
    }
}

use contract::{Code, Frequency, Inventory, Kind, Layout, Rows, Severity};

/// A temporary directory holding `files`, each written as given.
pub(crate) fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// `pmcheck measures ARGS` run inside `dir`, so files are named relative to it.
pub(crate) fn measures(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["measures"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// The JSON inventory of a run that must succeed, read through the contract.
pub(crate) fn inventory(dir: &Path, args: &[&str]) -> Inventory {
    let mut all = args.to_vec();
    all.extend_from_slice(&["-f", "json"]);
    let r = measures(dir, &all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    let inv: Inventory = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!("not contract v1: {e}\n{}", r.stdout);
    });
    assert_eq!(inv.version, 1);
    inv
}

/// The data errors of a run that reads its files (exit 0): the table's lines of
/// `unreadable-value` and `conflicting-values` findings.
fn data_errors(dir: &Path, args: &[&str]) -> String {
    let r = measures(dir, args);
    assert_eq!(r.code, 0, "{args:?}: a bad cell is a finding: {}", r.stderr);
    r.stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("[unreadable-value]") || l.starts_with("[conflicting-values]"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The error of a run that must fail with exit status 2, with the files in `dir` given
/// by their absolute paths and the temporary directory shown as `[DIR]`.
fn failure(dir: &Path, args: &[&str]) -> String {
    let absolute: Vec<String> = args
        .iter()
        .map(|a| {
            if dir.join(a).exists() {
                dir.join(a).display().to_string()
            } else {
                (*a).to_owned()
            }
        })
        .collect();
    let mut all = vec!["measures"];
    all.extend(absolute.iter().map(String::as_str));
    let r = run(&all);
    assert_eq!(r.code, 2, "{args:?} should fail: {}{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "{args:?} printed: {}", r.stdout);
    r.stderr.replace(&dir.display().to_string(), "[DIR]")
}

// ---------------------------------------------------------------------------------------
// The layouts jurisdictions publish.

/// An open-data monthly feed: one row per measure per month, with a strategic goal in
/// words, a category that is the measure's kind, and the date the data was pulled.
const MONTHLY_FEED: &str = "\
Measure Code,Department,Measure,Goal,Category,Actual,Calendar Month,Data As Of
PW-01,Public Works,Potholes repaired within 48 hours (%),Safe and well-maintained streets,Outcome,91.5,2023-07,2023-10-02
PW-01,Public Works,Potholes repaired within 48 hours (%),Safe and well-maintained streets,Outcome,88,2023-08,2023-10-02
PW-01,Public Works,Potholes repaired within 48 hours (%),Safe and well-maintained streets,Outcome,93.2,2023-09,2023-10-02
LIB-04,Library,Library visits,An informed and connected community,Output,\"12,410\",Jul 2023,2023-10-02
LIB-04,Library,Library visits,An informed and connected community,Output,\"11,980\",Aug 2023,2023-10-02
LIB-04,Library,Library visits,An informed and connected community,Output,\"12,005\",Sep 2023,2023-10-02
,,,,,,,
Source: City performance dashboard export,,,,,,,
";

#[test]
fn monthly_feed_reads_months_and_never_takes_a_strategic_goal_for_a_target() {
    let dir = dir_with(&[("monthly.csv", MONTHLY_FEED.as_bytes())]);
    let inv = inventory(dir.path(), &["monthly.csv", "--as-of", "2023-10-15"]);
    assert_eq!(inv.as_of, "2023-10-15");
    assert_eq!(inv.files[0].layout, Layout::Long);
    assert_eq!(inv.files[0].sheet, None);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (B)",
            "measure=Measure (C)",
            "kind=Category (E)",
            "period=Calendar Month (G)",
            "actual=Actual (F)",
        ]
    );
    assert!(inv.files[0].columns.iter().all(|c| !c.named));
    // "Goal" holds strategic goals in words: it is not read as the target.
    assert!(inv.files[0].columns.iter().all(|c| c.role != "target"));
    let not_a_role = inv.findings(Code::NotARole);
    assert_eq!(not_a_role.len(), 1, "{not_a_role:#?}");
    let m = &not_a_role[0].message;
    assert!(m.contains("`Goal`") && m.contains("not numbers"), "{m}");
    assert!(m.contains("not read as the target"), "{m}");
    assert!(m.contains("Safe and well-maintained streets"), "{m}");
    assert_eq!(not_a_role[0].file, "monthly.csv");
    assert_eq!(not_a_role[0].row, None);
    // The measure code and the pull date are columns of no role.
    let unread: Vec<&str> = inv
        .findings(Code::UnreadColumn)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    // One finding lists the columns not read, each with its letter.
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert!(unread[0].contains("`A Measure Code`"), "{unread:?}");
    assert!(unread[0].contains("`H Data As Of`"), "{unread:?}");

    // "2023-07" and "Jul 2023" are both months.
    for (area, name, row) in [
        ("Public Works", "Potholes repaired within 48 hours (%)", 2),
        ("Library", "Library visits", 5),
    ] {
        let measure = inv.measure(area, name);
        assert_eq!(measure.frequency, Some(Frequency::Monthly));
        assert_eq!(measure.years, [2023]);
        assert_eq!(measure.latest.as_deref(), Some("2023-09"));
        assert!(measure.target_years.is_empty());
        assert_eq!(measure.row, row);
    }
    assert_eq!(
        inv.measure("Library", "Library visits").kind,
        Some(Kind::Output)
    );
    assert_eq!(inv.area("Public Works").kinds, [Kind::Outcome]);
    // Areas come sorted by name.
    let names: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Library", "Public Works"]);
    // No targets at all: each measure says so, on the row that first names it.
    let no_target: Vec<Option<u32>> = inv.findings(Code::NoTarget).iter().map(|f| f.row).collect();
    assert_eq!(no_target, [Some(2), Some(5)]);
    // A finding about a measure is a warning placed at its row, not at one cell.
    for f in inv.findings(Code::NoTarget) {
        assert_eq!((f.severity, f.column.as_deref()), (Severity::Warning, None));
    }
    // The footnote row names no measure: skipped, and counted.
    assert_eq!(
        inv.rows,
        Rows {
            read: 7,
            used: 6,
            skipped: 1,
            no_value: 0,
            filled_down: 0
        }
    );
    assert_eq!(inv.findings(Code::SkippedRows).len(), 1);
    let icma = &inv.area("Library").icma;
    assert!(!icma.two_years.counts, "{}", icma.two_years.reason);

    let r = measures(
        dir.path(),
        &["monthly.csv", "--as-of", "2023-10-15", "--list-skipped"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("skipped: monthly.csv, row 9: no measure name"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!("measures_monthly_feed_table", r.stdout);

    // Markdown names the file of a skipped row too, as a code span.
    let r = measures(
        dir.path(),
        &[
            "monthly.csv",
            "--as-of",
            "2023-10-15",
            "--list-skipped",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("\n- `monthly.csv`, row 9: no measure name\n"),
        "{}",
        r.stdout
    );
}

/// A fiscal-year performance table: one row per measure, actual and target columns per
/// fiscal year, the measure type in the words budget offices use.
const FISCAL_YEAR_TABLE: &str = "\
Department,Measure Name,Measure Type,FY2021 Actual,FY2021 Target,FY2022 Actual,FY2022 Target,FY2023 Actual,FY2023 Target,FY2024 Target
Fire,Fire responses within 6 minutes 20 seconds (%),Outcome,88.1,90,89.4,90,90.2,90,90
Fire,Fire inspections completed,Output,\"4,210\",\"4,000\",\"4,388\",\"4,200\",\"4,502\",\"4,400\",\"4,500\"
Fire,Cost per inspection ($),Efficiency,61.2,65,63.0,65,64.8,65,66
Parks & Recreation,Program participants,Output,\"18,200\",\"17,500\",\"19,050\",\"18,000\",\"20,310\",\"19,000\",\"20,000\"
Parks & Recreation,Residents satisfied with park maintenance (%),Effectiveness,78,80,81,80,79,80,82
Parks & Recreation,Park acres maintained,Input,1210,1210,1215,1215,1230,1230,1230
Parks & Recreation,Park acres maintained,Output,1210,1210,1215,1215,1230,1230,1230
";

#[test]
fn fiscal_year_table_is_wide_and_reads_kinds_targets_and_fiscal_years() {
    let dir = dir_with(&[("performance.csv", FISCAL_YEAR_TABLE.as_bytes())]);
    let args = [
        "performance.csv",
        "--fiscal-year-start",
        "7",
        "--as-of",
        "2023-08-15",
    ];
    let inv = inventory(dir.path(), &args);
    let file = &inv.files[0];
    assert_eq!(file.layout, Layout::Wide);
    assert_eq!(file.fiscal_year_start, 7);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure Name (B)",
            "kind=Measure Type (C)",
            "actual=FY2021 Actual (D)",
            "target=FY2021 Target (E)",
            "actual=FY2022 Actual (F)",
            "target=FY2022 Target (G)",
            "actual=FY2023 Actual (H)",
            "target=FY2023 Target (I)",
            "target=FY2024 Target (J)",
        ]
    );
    assert_eq!(inv.area("Fire").years, [2021, 2022, 2023]);
    assert_eq!(
        inv.area("Fire").kinds,
        [Kind::Output, Kind::Efficiency, Kind::Outcome]
    );
    // "Effectiveness" is read as an outcome measure.
    let satisfied = inv.measure(
        "Parks & Recreation",
        "Residents satisfied with park maintenance (%)",
    );
    assert_eq!(satisfied.kind, Some(Kind::Outcome));
    assert_eq!(satisfied.frequency, Some(Frequency::Annual));
    // The next year's target is a target year, never a year with data.
    assert_eq!(satisfied.years, [2021, 2022, 2023]);
    assert_eq!(satisfied.target_years, [2021, 2022, 2023, 2024]);
    assert_eq!(satisfied.latest.as_deref(), Some("FY2023"));
    for a in &inv.service_areas {
        assert!(
            a.icma.three_years.counts,
            "{}: {}",
            a.name, a.icma.three_years.reason
        );
        assert!(
            a.icma.outcome.counts,
            "{}: {}",
            a.name, a.icma.outcome.reason
        );
    }
    // The same measure given two kinds on two rows is one measure with a conflict.
    let conflict = inv.findings(Code::KindConflict);
    assert_eq!(conflict.len(), 1, "{conflict:#?}");
    assert!(
        conflict[0].message.contains("`Park acres maintained`")
            && conflict[0].message.contains("input and output"),
        "{}",
        conflict[0].message
    );
    assert_eq!(conflict[0].row, Some(7));
    assert!(inv.findings(Code::NoTarget).is_empty());
    assert!(inv.findings(Code::Stale).is_empty());
    assert!(inv.findings(Code::NoKind).is_empty());
    assert_eq!(inv.rows.read, 7);
    assert_eq!(inv.rows.used, 7);
    // Every row's FY2024 has a target and no actual column yet: no actual cell is
    // empty, so no value is missing.
    assert_eq!(inv.rows.no_value, 0);

    let r = measures(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("measures_fiscal_year_table", r.stdout);
}

/// A budget-book export: a title row or two above the header, fiscal years written
/// "FY 2022-23", thousands separators, dollar signs and "N/A".
const BUDGET_BOOK: &str = "\
City of Example — Adopted Budget FY 2023-24,,,,,
Performance Measures by Department,,,,,
Department,Performance Measure,FY 2021-22 Actual,FY 2022-23 Actual,FY 2022-23 Target,FY 2023-24 Target
Finance,Invoices paid within 30 days,\"12,480\",\"13,102\",\"13,000\",\"13,500\"
Finance,Cost per invoice processed,$4.10,$3.95,$4.00,$3.90
Human Resources,Average days to fill a vacancy,N/A,54,60,50
";

#[test]
fn budget_book_export_finds_the_header_below_the_titles_and_reads_its_values() {
    let dir = dir_with(&[("budget.csv", BUDGET_BOOK.as_bytes())]);
    let inv = inventory(
        dir.path(),
        &[
            "budget.csv",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2023-09-01",
        ],
    );
    assert_eq!(inv.files[0].layout, Layout::Wide);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Performance Measure (B)",
            "actual=FY 2021-22 Actual (C)",
            "actual=FY 2022-23 Actual (D)",
            "target=FY 2022-23 Target (E)",
            "target=FY 2023-24 Target (F)",
        ]
    );
    // "FY 2021-22" is the fiscal year that ends in 2022.
    let invoices = inv.measure("Finance", "Invoices paid within 30 days");
    assert_eq!(invoices.years, [2022, 2023]);
    assert_eq!(invoices.target_years, [2023, 2024]);
    assert_eq!(invoices.latest.as_deref(), Some("FY2023"));
    assert_eq!(invoices.row, 4);
    assert_eq!(
        inv.measure("Finance", "Cost per invoice processed").years,
        [2022, 2023]
    );
    // "N/A" is no value, not an error.
    let vacancy = inv.measure("Human Resources", "Average days to fill a vacancy");
    assert_eq!(vacancy.years, [2023]);
    assert!(inv.rows.no_value >= 1, "{:?}", inv.rows);
    // No kind column: every measure is reported without one, on its own row.
    let rows: Vec<Option<u32>> = inv.findings(Code::NoKind).iter().map(|f| f.row).collect();
    assert_eq!(rows, [Some(4), Some(5), Some(6)]);
    // The title rows are above the header: not data, not skipped.
    assert_eq!(inv.rows.read, 3);
    assert_eq!(inv.rows.skipped, 0);
}

/// A quarterly series missing a quarter, with one value ten times its neighbours.
const QUARTERLY: &str = "\
Department,Indicator,Quarter,Actual,Target
Planning,Building permits issued,2021 Q1,120,110
Planning,Building permits issued,2021 Q2,131,110
Planning,Building permits issued,2021 Q4,128,110
Planning,Building permits issued,2022 Q1,1290,110
Planning,Building permits issued,2022 Q2,125,110
";

#[test]
fn quarterly_series_reports_the_missing_quarter_and_the_tenfold_jump() {
    let dir = dir_with(&[("quarterly.csv", QUARTERLY.as_bytes())]);
    let inv = inventory(dir.path(), &["quarterly.csv", "--as-of", "2022-09-01"]);
    let permits = inv.measure("Planning", "Building permits issued");
    assert_eq!(permits.frequency, Some(Frequency::Quarterly));
    assert_eq!(permits.latest.as_deref(), Some("2022 Q2"));
    assert_eq!(permits.target_years, [2021, 2022]);
    let missing = inv.findings(Code::MissingPeriod);
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(
        missing[0].message.ends_with("has no row for 2021 Q3"),
        "{}",
        missing[0].message
    );
    let jumps = inv.findings(Code::ValueJump);
    let jump_rows: Vec<Option<u32>> = jumps.iter().map(|f| f.row).collect();
    // Up on row 5, and back down on row 6.
    assert_eq!(jump_rows, [Some(5), Some(6)]);
    assert!(
        jumps[0]
            .message
            .contains("goes from 128 in 2021 Q4 to 1290 in 2022 Q1"),
        "{}",
        jumps[0].message
    );
    insta::assert_snapshot!(
        "measures_quarterly_table",
        measures(dir.path(), &["quarterly.csv", "--as-of", "2022-09-01"]).stdout
    );
}

/// A transportation export: "Measure Type" says how a value is aggregated.
const TRANSPORTATION: &str = "\
Department,Measure,Measure Type,Year,Value
Transportation,Average daily transit boardings,Average,2021,\"14,200\"
Transportation,Average daily transit boardings,Average,2022,\"15,010\"
Transportation,Lane miles resurfaced,Sum,2021,42
Transportation,Lane miles resurfaced,Sum,2022,47
";

#[test]
fn aggregation_words_in_a_measure_type_column_are_not_kinds() {
    let dir = dir_with(&[("transportation.csv", TRANSPORTATION.as_bytes())]);
    let inv = inventory(dir.path(), &["transportation.csv", "--as-of", "2023-01-01"]);
    assert!(inv.files[0].columns.iter().all(|c| c.role != "kind"));
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure (B)",
            "period=Year (D)",
            "actual=Value (E)",
        ]
    );
    let notes = inv.findings(Code::NotARole);
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let m = &notes[0].message;
    assert!(m.contains("`Average`, `Sum`, not measure kinds"), "{m}");
    assert!(m.contains("not read as the kind"), "{m}");
    // Mapping that column as the kind would only fail on every row: the advice is to
    // add a kind column.
    assert!(m.contains("--column kind=HEADER"), "{m}");
    assert!(inv.area("Transportation").kinds.is_empty());
    assert_eq!(inv.findings(Code::NoKind).len(), 2);
}

#[test]
fn semicolon_csv_with_a_byte_order_mark_reads_its_first_header() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "Department;Measure;Fiscal Year;Actual;Target\n\
         Police;Average response time, priority 1 (min);2022;7.5;7\n\
         Police;Average response time, priority 1 (min);2023;7.1;7\n"
            .as_bytes(),
    );
    let dir = dir_with(&[("police.csv", &bytes)]);
    let inv = inventory(dir.path(), &["police.csv", "--as-of", "2023-12-31"]);
    // The BOM is not part of the first header: `Department` is the service area.
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure (B)",
            "period=Fiscal Year (C)",
            "actual=Actual (D)",
            "target=Target (E)",
        ]
    );
    // The comma inside a field is not a delimiter in a semicolon file.
    let m = inv.measure("Police", "Average response time, priority 1 (min)");
    assert_eq!(m.years, [2022, 2023]);
    assert_eq!(m.target_years, [2022, 2023]);
    assert!(inv.findings(Code::UnreadColumn).is_empty());
}

#[test]

fn semicolon_csv_with_decimal_commas_names_each_cell() {
    let dir = dir_with(&[(
        "police.csv",
        b"Department;Measure;Fiscal Year;Actual\nPolice;Response time (min);2022;7,5\nPolice;Response time (min);2023;7,1\n",
    )]);
    let err = data_errors(dir.path(), &["police.csv"]);
    assert!(err.contains("cell D2: `7,5` is not a number"), "{err}");
    assert!(err.contains("cell D3: `7,1` is not a number"), "{err}");
    assert!(err.contains("write decimals with a point"), "{err}");
}

#[test]
fn utf16_tab_separated_export_with_crlf_reads_like_utf8() {
    let text = "Department\tMeasure\tYear\tActual\r\n\
                Library\tItems circulated\t2021\t1000\r\n\
                Library\tItems circulated\t2022\t1100\r\n\
                Library\tItems circulated\t2023\t1180\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = dir_with(&[("library.csv", &bytes)]);
    let inv = inventory(dir.path(), &["library.csv", "--as-of", "2024-01-01"]);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure (B)",
            "period=Year (C)",
            "actual=Actual (D)",
        ]
    );
    let m = inv.measure("Library", "Items circulated");
    assert_eq!(m.years, [2021, 2022, 2023]);
    assert_eq!(m.latest.as_deref(), Some("2023"));
    assert!(inv.area("Library").icma.three_years.counts);
    // The CR is not part of the last header or value.
    assert!(inv.findings(Code::UnreadColumn).is_empty());
}

/// An equity-minded feed: a council-district breakdown beside the citywide rows, a
/// national comparison, the desired direction and the unit.
const DISTRICTS: &str = "\
Service Area,Performance Measure,Measure Type,Fiscal Year,Council District,Actual,Target,National Average,Desired Direction,Unit
Police,Priority 1 response time,Outcome,2022,,6.1,6,7.2,Lower,minutes
Police,Priority 1 response time,Outcome,2023,,5.9,6,7.0,Lower,minutes
Police,Priority 1 response time,Outcome,2023,1,5.2,6,,Lower,minutes
Police,Priority 1 response time,Outcome,2023,2,6.7,6,,Lower,minutes
";

#[test]
fn breakdowns_comparisons_direction_and_unit_are_read() {
    let dir = dir_with(&[("districts.csv", DISTRICTS.as_bytes())]);
    let inv = inventory(dir.path(), &["districts.csv", "--as-of", "2024-01-01"]);
    let roles: Vec<String> = inv.columns(0)[6..].to_vec();
    assert_eq!(
        roles,
        [
            "unit=Unit (J)",
            "comparison=National Average (H)",
            "direction=Desired Direction (I)",
            "breakdown=Council District (E)",
        ]
    );
    let m = inv.measure("Police", "Priority 1 response time");
    assert_eq!(m.breakdowns, ["Council District"]);
    assert!(m.comparison);
    assert_eq!(m.higher_is_better, Some(false));
    assert_eq!(m.unit.as_deref(), Some("minutes"));
    // A district's row for 2023 is not a second citywide 2023.
    assert_eq!(m.years, [2022, 2023]);
    assert!(inv.findings.is_empty(), "{:#?}", inv.findings);
}

#[test]
fn markdown_and_csv_render_the_same_inventory_and_neutralise_formulas() {
    let dir = dir_with(&[
        ("quarterly.csv", QUARTERLY.as_bytes()),
        (
            "formula.csv",
            b"Department,Measure,Year,Actual\n=cmd|calc,\"=HYPERLINK(\"\"http://evil\"\")\",2022,1\n",
        ),
    ]);
    let args = ["quarterly.csv", "--as-of", "2022-09-01", "-f"];
    let markdown = measures(dir.path(), &[&args[..], &["markdown"]].concat());
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    insta::assert_snapshot!("measures_quarterly_markdown", markdown.stdout);
    let csv = measures(dir.path(), &[&args[..], &["csv"]].concat());
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    insta::assert_snapshot!("measures_quarterly_csv", csv.stdout);

    let csv = measures(
        dir.path(),
        &["formula.csv", "--as-of", "2022-09-01", "-f", "csv"],
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let row = csv.stdout.lines().nth(1).unwrap();
    assert!(row.starts_with("'=cmd|calc,\"'=HYPERLINK("), "{row}");
}

#[test]

fn stale_agrees_with_the_icma_recency_reading() {
    let dir = dir_with(&[(
        "parks.csv",
        b"Department,Measure,Year,Actual\nParks,Visits,2020,10\nParks,Visits,2021,11\n",
    )]);
    let inv = inventory(dir.path(), &["parks.csv", "--as-of", "2023-03-01"]);
    let icma = &inv.area("Parks").icma.two_years;
    assert!(icma.counts, "{}", icma.reason);
    assert!(
        inv.findings(Code::Stale).is_empty(),
        "{:#?}",
        inv.findings(Code::Stale)
    );
}

// ---------------------------------------------------------------------------------------
// Workbooks, written by real spreadsheet writers.

/// An XLSX workbook: a notes sheet first, then the data with real dates for months and
/// numbers stored as numbers.
fn xlsx_workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "About this workbook")
        .unwrap()
        .write_string(1, 0, "Measures are updated monthly by the Budget Office.")
        .unwrap();
    let month = Format::new().set_num_format("mmm yyyy");
    let data = book.add_worksheet().set_name("Data").unwrap();
    for (c, h) in ["Department", "KPI", "Month", "Actual", "Target", "Owner"]
        .iter()
        .enumerate()
    {
        data.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, u8, f64, f64, &str); 4] = [
        (
            "Solid Waste",
            "Tons collected",
            7,
            4210.0,
            4000.0,
            "J. Rivera",
        ),
        (
            "Solid Waste",
            "Tons collected",
            8,
            4385.5,
            4000.0,
            "J. Rivera",
        ),
        ("Solid Waste", "Missed pickups per 10,000", 7, 3.2, 2.5, ""),
        ("Solid Waste", "Missed pickups per 10,000", 8, 2.9, 2.5, ""),
    ];
    for (i, (area, kpi, m, actual, target, owner)) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        let date = ExcelDateTime::from_ymd(2023, m, 1).unwrap();
        data.write_string(r, 0, area)
            .unwrap()
            .write_string(r, 1, kpi)
            .unwrap()
            .write_datetime_with_format(r, 2, &date, &month)
            .unwrap()
            .write_number(r, 3, actual)
            .unwrap()
            .write_number(r, 4, target)
            .unwrap();
        if !owner.is_empty() {
            data.write_string(r, 5, owner).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn xlsx_sheet_chosen_by_name_whatever_its_case_reads_dates_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    xlsx_workbook(&dir.path().join("solid-waste.xlsx"));
    let inv = inventory(
        dir.path(),
        &[
            "solid-waste.xlsx",
            "--sheet",
            "DATA",
            "--as-of",
            "2023-09-30",
        ],
    );
    let file = &inv.files[0];
    assert_eq!(file.sheet.as_deref(), Some("Data"));
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=KPI (B)",
            "period=Month (C)",
            "actual=Actual (D)",
            "target=Target (E)",
            "owner=Owner (F)",
        ]
    );
    let tons = inv.measure("Solid Waste", "Tons collected");
    assert_eq!(tons.frequency, Some(Frequency::Monthly));
    assert_eq!(tons.latest.as_deref(), Some("2023-08"));
    assert_eq!(tons.owner.as_deref(), Some("J. Rivera"));
    assert_eq!(tons.target_years, [2023]);
    // The measure with no owner is found, in the sheet, on its first row.
    let no_owner = inv.findings(Code::NoOwner);
    assert_eq!(no_owner.len(), 1, "{no_owner:#?}");
    assert!(no_owner[0].message.contains("`Missed pickups per 10,000`"));
    assert_eq!(no_owner[0].sheet.as_deref(), Some("Data"));
    assert_eq!(no_owner[0].file, "solid-waste.xlsx");
    assert_eq!(no_owner[0].row, Some(4));
    assert_eq!(inv.rows.used, 4);
    // With a July fiscal year, July and August 2023 are in FY2024.
    let fy = inventory(
        dir.path(),
        &[
            "solid-waste.xlsx",
            "--sheet",
            "Data",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2023-09-30",
        ],
    );
    assert_eq!(fy.measure("Solid Waste", "Tons collected").years, [2024]);
    insta::assert_snapshot!(
        "measures_xlsx_table",
        measures(
            dir.path(),
            &[
                "solid-waste.xlsx",
                "--sheet",
                "data",
                "--as-of",
                "2023-09-30"
            ]
        )
        .stdout
    );
}

#[test]
fn xlsx_without_sheet_reads_the_data_and_skips_the_notes_sheet_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    xlsx_workbook(&dir.path().join("solid-waste.xlsx"));
    let inv = inventory(dir.path(), &["solid-waste.xlsx", "--as-of", "2023-09-30"]);
    assert_eq!(inv.files.len(), 1);
    assert_eq!(inv.files[0].sheet.as_deref(), Some("Data"));
    assert_eq!(inv.rows.used, 4);
    let skipped = inv.findings(Code::SheetSkipped);
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    assert_eq!(skipped[0].sheet.as_deref(), Some("Notes"));
    assert_eq!(skipped[0].severity, Severity::Note);
    assert_eq!(skipped[0].row, None);
    assert!(
        skipped[0].message.starts_with(
            "sheet `Notes` was not read: no header row pmcheck recognises (its first rows hold `About this workbook`, `Measures are updated monthly by the Budg…`)"
        ),
        "{}",
        skipped[0].message
    );
}

/// A cell of a fixture sheet: text, or a number stored as a number.
#[derive(Clone, Copy)]
enum Val<'a> {
    T(&'a str),
    N(f64),
}

/// Adds the sheet `name` to `book` with `rows` (the first the header, if it has one).
fn add_sheet(book: &mut rust_xlsxwriter::Workbook, name: &str, rows: &[&[Val<'_>]]) {
    let sheet = book.add_worksheet().set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match *v {
                Val::T(t) => sheet.write_string(r, c, t).unwrap(),
                Val::N(n) => sheet.write_number(r, c, n).unwrap(),
            };
        }
    }
}

/// A workbook as a budget office sends it: a Read Me sheet, a sheet for the Library with
/// a Department column, a sheet named for Parks with none, and an empty sheet.
fn departments_workbook(path: &Path) {
    use Val::{N, T};
    let mut book = rust_xlsxwriter::Workbook::new();
    add_sheet(
        &mut book,
        "Read Me",
        &[
            &[T("FY2023 performance measures, one sheet per department")],
            &[],
            &[T("Questions: budget@example.gov")],
        ],
    );
    let visits = |year, n| [T("Library"), T("Visits"), T("Output"), N(year), N(n)];
    add_sheet(
        &mut book,
        "Library",
        &[
            &[
                T("Department"),
                T("Measure"),
                T("Type"),
                T("Fiscal Year"),
                T("Actual"),
            ],
            &visits(2022.0, 118_000.0),
            &visits(2023.0, 121_500.0),
        ],
    );
    add_sheet(
        &mut book,
        "Parks",
        &[
            &[T("Measure"), T("Type"), T("FY2022"), T("FY2023")],
            &[
                T("Residents satisfied with parks (%)"),
                T("Outcome"),
                N(81.0),
                N(84.0),
            ],
        ],
    );
    add_sheet(&mut book, "Chart data", &[]);
    book.save(path).unwrap();
}

#[test]
fn every_sheet_of_a_workbook_is_read_the_others_skipped_and_a_sheet_names_its_area() {
    let dir = tempfile::tempdir().unwrap();
    departments_workbook(&dir.path().join("fy2023.xlsx"));
    let inv = inventory(dir.path(), &["fy2023.xlsx", "--as-of", "2024-01-01"]);
    let sheets: Vec<Option<&str>> = inv.files.iter().map(|f| f.sheet.as_deref()).collect();
    assert_eq!(sheets, [Some("Library"), Some("Parks")]);
    assert_eq!(inv.files[1].layout, Layout::Wide);
    assert_eq!(
        inv.measure("Library", "Visits").years,
        [2022, 2023],
        "{:#?}",
        inv.service_areas
    );
    let parks = inv.measure("Parks", "Residents satisfied with parks (%)");
    assert_eq!(parks.years, [2022, 2023]);
    assert_eq!(parks.kind, Some(Kind::Outcome));
    // The sheets not read, each named with why.
    let skipped: Vec<(Option<&str>, &str)> = inv
        .findings(Code::SheetSkipped)
        .iter()
        .map(|f| (f.sheet.as_deref(), f.message.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                Some("Read Me"),
                "sheet `Read Me` was not read: no header row pmcheck recognises (its first rows hold `FY2023 performance measures, one sheet p…`, `Questions: budget@example.gov`); name the sheets to read with --sheet (or `sheets:` in the evidence file)"
            ),
            (
                Some("Chart data"),
                "sheet `Chart data` was not read: it is empty; name the sheets to read with --sheet (or `sheets:` in the evidence file)"
            ),
        ]
    );
    let from_sheet = inv.findings(Code::AreaFromSheet);
    assert_eq!(from_sheet.len(), 1, "{from_sheet:#?}");
    assert_eq!(from_sheet[0].sheet.as_deref(), Some("Parks"));
    assert_eq!(from_sheet[0].file, "fy2023.xlsx");
    assert_eq!(from_sheet[0].severity, Severity::Note);
    assert!(
        from_sheet[0]
            .message
            .starts_with("sheet `Parks` has no service-area column: its measures are read as the service area `Parks`"),
        "{}",
        from_sheet[0].message
    );
    // The table says the same, each finding at its sheet.
    let out = measures(dir.path(), &["fy2023.xlsx", "--as-of", "2024-01-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "[sheet-skipped] fy2023.xlsx (sheet Read Me): sheet `Read Me` was not read",
        "[area-from-sheet] fy2023.xlsx (sheet Parks): sheet `Parks` has no service-area column",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
}

#[test]
fn sheets_named_on_the_command_line_or_in_the_evidence_are_the_only_ones_read() {
    let dir = tempfile::tempdir().unwrap();
    departments_workbook(&dir.path().join("fy2023.xlsx"));
    let sheets = |inv: &Inventory| -> Vec<String> {
        inv.files
            .iter()
            .map(|f| f.sheet.clone().unwrap_or_default())
            .collect()
    };
    let one = inventory(
        dir.path(),
        &["fy2023.xlsx", "--sheet", "parks", "--as-of", "2024-01-01"],
    );
    assert_eq!(sheets(&one), ["Parks"]);
    assert_eq!(
        one.service_areas
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Parks"]
    );
    assert!(
        one.findings(Code::SheetSkipped).is_empty(),
        "{:#?}",
        one.findings
    );
    // Repeated, in the workbook's order whatever the order given.
    let two = inventory(
        dir.path(),
        &[
            "fy2023.xlsx",
            "--sheet",
            "Parks",
            "--sheet",
            "Library",
            "--as-of",
            "2024-01-01",
        ],
    );
    assert_eq!(sheets(&two), ["Library", "Parks"]);
    // `sheets:` (and `sheet:`) in an evidence file's entry.
    for entry in [
        "{file: fy2023.xlsx, sheets: [Library]}",
        "{file: fy2023.xlsx, sheet: Library}",
    ] {
        std::fs::write(
            dir.path().join("e.yaml"),
            format!("version: 1\nas_of: 2024-01-01\nmeasures: [{entry}]\n"),
        )
        .unwrap();
        let linked = inventory(dir.path(), &["--evidence", "e.yaml"]);
        assert_eq!(sheets(&linked), ["Library"], "{entry}");
        assert!(linked.findings(Code::AreaFromSheet).is_empty(), "{entry}");
    }
}

#[test]
fn a_sheet_named_that_is_missing_or_does_not_map_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    departments_workbook(&dir.path().join("fy2023.xlsx"));
    let err = failure(dir.path(), &["fy2023.xlsx", "--sheet", "Police"]);
    assert_eq!(
        err,
        "error: [DIR]/fy2023.xlsx: has no sheet `Police`; its sheets: `Read Me`, `Library`, `Parks`, `Chart data`\n"
    );
    let err = failure(
        dir.path(),
        &["fy2023.xlsx", "--sheet", "Library", "--sheet", "read me"],
    );
    assert!(
        err.starts_with(
            "error: [DIR]/fy2023.xlsx: sheet `Read Me` has no header row pmcheck recognises in its first"
        ),
        "{err}"
    );
    assert!(
        err.contains("(the workbook's sheets: `Read Me`, `Library`, `Parks`, `Chart data`)"),
        "{err}"
    );
    // From an evidence file, the same.
    std::fs::write(
        dir.path().join("e.yaml"),
        "version: 1\nas_of: 2024-01-01\nmeasures: [{file: fy2023.xlsx, sheets: [Library, Fire]}]\n",
    )
    .unwrap();
    let r = measures(dir.path(), &["--evidence", "e.yaml"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("fy2023.xlsx: has no sheet `Fire`; its sheets: `Read Me`, `Library`, `Parks`, `Chart data`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_workbook_none_of_whose_sheets_maps_is_an_error_saying_why_for_each() {
    use Val::{N, T};
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    add_sheet(&mut book, "Read Me", &[&[T("Nothing here yet")]]);
    add_sheet(
        &mut book,
        "Sheet2",
        &[
            &[T("Measure"), T("Fiscal Year"), T("Actual")],
            &[T("Visits"), N(2023.0), N(5.0)],
        ],
    );
    book.save(dir.path().join("book.xlsx")).unwrap();
    let err = failure(dir.path(), &["book.xlsx"]);
    // A sheet named as a spreadsheet names a new one is no service area's name.
    assert_eq!(
        err,
        "error: [DIR]/book.xlsx: has no sheet with a header row pmcheck recognises (`Read Me`: no header row pmcheck recognises (its first rows hold `Nothing here yet`); `Sheet2`: row 1 has no service area column); name the sheet with --sheet NAME and its columns with --column ROLE=HEADER\n"
    );
}

#[test]
fn one_measure_on_two_sheets_is_one_series_and_two_values_for_a_period_are_neither() {
    use Val::{N, T};
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let header = [T("Department"), T("Measure"), T("Fiscal Year"), T("Actual")];
    let row = |year, n| [T("Fire"), T("Inspections"), N(year), N(n)];
    for (name, first, second) in [
        ("FY2022", row(2022.0, 10.0), row(2023.0, 12.0)),
        ("FY2023", row(2023.0, 13.0), row(2022.0, 10.0)),
    ] {
        add_sheet(&mut book, name, &[&header, &first, &second]);
    }
    book.save(dir.path().join("fire.xlsx")).unwrap();
    let inv = inventory(dir.path(), &["fire.xlsx", "--as-of", "2024-01-01"]);
    let years: Vec<&Vec<i32>> = inv.area("Fire").measures.iter().map(|m| &m.years).collect();
    // 2022 given twice with one value is kept once; 2023 given two values is used by neither.
    assert_eq!(years, [&vec![2022], &vec![]], "{:#?}", inv.service_areas);
    let conflicts = inv.findings(Code::ConflictingValues);
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(conflicts[0].sheet.as_deref(), Some("FY2023"));
    assert_eq!(conflicts[0].row, Some(2));
    assert_eq!(
        conflicts[0].message,
        "`Inspections` of `Fire` for 2023 has actual 13, target no value here and actual 12, target no value on row 3 of sheet `FY2022`; neither is used: keep one row per measure and period"
    );
}

#[test]
fn xlsx_problems_name_the_sheet_and_the_cell() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("FY Measures").unwrap();
    for (c, h) in ["Division", "Measure", "Fiscal Year", "Actual"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, year) in [(1, 2021), (2, 2022), (3, 2023)] {
        sheet
            .write_string(r, 0, "Streets")
            .unwrap()
            .write_string(r, 1, "Lane miles swept")
            .unwrap()
            .write_number(r, 2, year)
            .unwrap();
    }
    // Numbers as numbers, and one note typed where the value belongs.
    sheet
        .write_number(1, 3, 5120)
        .unwrap()
        .write_number(2, 3, 5310)
        .unwrap()
        .write_string(3, 3, "see note")
        .unwrap();
    book.save(dir.path().join("streets.xlsx")).unwrap();
    let err = data_errors(dir.path(), &["streets.xlsx"]);
    assert!(
        err.contains(
            "[unreadable-value] streets.xlsx (sheet FY Measures), cell D4: `see note` is not a number"
        ),
        "{err}"
    );
    insta::assert_snapshot!("measures_error_xlsx_cell", err);
}

/// A legacy `.xls` (written with xlwt: `0.0%` and `$#,##0` formats on its values): its
/// formats are not read, and a note says so and what to do; the values are read as
/// written.
#[test]
fn an_xls_workbook_says_its_formats_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/measures/legacy.xls");
    std::fs::copy(&fixture, dir.path().join("legacy.xls")).unwrap();
    let inv = inventory(dir.path(), &["legacy.xls", "--as-of", "2025-01-01"]);
    let cleared = inv.measure("Police", "Cases cleared");
    assert_eq!(cleared.unit, None);
    let said = inv.findings(Code::FormatsNotRead);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0].row, Some(2));
    assert!(
        said[0].message.contains("not read from .xls workbooks")
            && said[0]
                .message
                .contains("save the workbook as .xlsx or .ods"),
        "{}",
        said[0].message
    );
    // A CSV or an XLSX never gives the note.
    std::fs::write(
        dir.path().join("m.csv"),
        "Department,Measure,Year,Actual\nPolice,Cases cleared,2024,0.437\n",
    )
    .unwrap();
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2025-01-01"]);
    assert!(inv.findings(Code::FormatsNotRead).is_empty());
}

#[test]
fn ods_workbook_reads_like_xlsx() {
    use spreadsheet_ods::{Sheet, WorkBook};
    let dir = tempfile::tempdir().unwrap();
    let mut book = WorkBook::new_empty();
    let mut sheet = Sheet::new("Measures");
    for (c, h) in ["Program", "Performance Measure", "Type", "Year", "Result"]
        .iter()
        .enumerate()
    {
        sheet.set_value(0, c as u32, *h);
    }
    let rows: [(&str, &str, &str, f64, f64); 3] = [
        (
            "Code Enforcement",
            "Cases closed within 30 days (%)",
            "Outcome",
            2021.0,
            71.0,
        ),
        (
            "Code Enforcement",
            "Cases closed within 30 days (%)",
            "Outcome",
            2022.0,
            74.5,
        ),
        (
            "Code Enforcement",
            "Cases closed within 30 days (%)",
            "Outcome",
            2023.0,
            77.25,
        ),
    ];
    for (i, (program, measure, kind, year, result)) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        sheet.set_value(r, 0, program);
        sheet.set_value(r, 1, measure);
        sheet.set_value(r, 2, kind);
        sheet.set_value(r, 3, year);
        sheet.set_value(r, 4, result);
    }
    book.push_sheet(sheet);
    spreadsheet_ods::write_ods(&mut book, dir.path().join("code.ods")).unwrap();
    let inv = inventory(dir.path(), &["code.ods", "--as-of", "2024-03-01"]);
    assert_eq!(inv.files[0].sheet.as_deref(), Some("Measures"));
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Program (A)",
            "measure=Performance Measure (B)",
            "kind=Type (C)",
            "period=Year (D)",
            "actual=Result (E)",
        ]
    );
    let area = inv.area("Code Enforcement");
    assert_eq!(area.years, [2021, 2022, 2023]);
    assert_eq!(area.kinds, [Kind::Outcome]);
    assert!(area.icma.outcome.counts, "{}", area.icma.outcome.reason);
    let m = &area.measures[0];
    assert_eq!(m.latest.as_deref(), Some("2023"));
    assert_eq!(m.row, 2);
}

#[test]
fn several_files_make_one_inventory_with_findings_per_file() {
    let dir = dir_with(&[
        ("performance.csv", FISCAL_YEAR_TABLE.as_bytes()),
        ("quarterly.csv", QUARTERLY.as_bytes()),
    ]);
    let inv = inventory(
        dir.path(),
        &["performance.csv", "quarterly.csv", "--as-of", "2023-06-30"],
    );
    let files: Vec<&str> = inv.files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(files, ["performance.csv", "quarterly.csv"]);
    let areas: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(areas, ["Fire", "Parks & Recreation", "Planning"]);
    assert_eq!(inv.findings(Code::MissingPeriod)[0].file, "quarterly.csv");
    assert_eq!(inv.findings(Code::KindConflict)[0].file, "performance.csv");
    // The totals add the files' rows.
    assert_eq!(
        inv.rows.read,
        inv.files[0].rows.read + inv.files[1].rows.read
    );
}

// ---------------------------------------------------------------------------------------
// Bad input: exit status 2, the file, the sheet, the cell and the text, and what is right.

/// A long file with one header and `rows` under it.
fn long_csv(rows: &str) -> Vec<u8> {
    format!("Department,Measure,Type,Period,Actual,Target\n{rows}").into_bytes()
}

#[test]
fn a_non_number_in_a_value_column_names_the_cell() {
    let dir = dir_with(&[(
        "police.csv",
        &long_csv(
            "Police,Calls answered,Output,2020,1180,1000\nPolice,Calls answered,Output,2021,\"1,204\",1000\nPolice,Calls answered,Output,2022,twelve hundred,1000\n",
        ),
    )]);
    let err = data_errors(dir.path(), &["police.csv"]);
    assert!(
        err.contains("[unreadable-value] police.csv, cell E4: `twelve hundred` is not a number"),
        "{err}"
    );
    // The other rows are read: 2020 and 2021.
    let inv = inventory(dir.path(), &["police.csv", "--as-of", "2023-01-01"]);
    assert_eq!(inv.measure("Police", "Calls answered").years, [2020, 2021]);
    let bad = inv.findings(Code::UnreadableValue);
    assert_eq!(bad.len(), 1);
    assert_eq!(
        (bad[0].severity, bad[0].row, bad[0].column.as_deref()),
        (Severity::Error, Some(4), Some("E"))
    );
    assert_eq!(inv.rows.used, 2, "{:?}", inv.rows);
    assert!(err.contains("write a number such as"), "{err}");
    insta::assert_snapshot!("measures_error_not_a_number", err);
}

/// A bad cell in the measures of an evidence file: `evaluate` judges the rest of the
/// data and says first what it left out; `--strict` and `publish` refuse, naming the
/// cell; `plan` says it on standard error.
#[test]
fn a_bad_cell_is_said_first_by_evaluate_and_refused_by_strict_and_publish() {
    let dir = dir_with(&[(
        "police.csv",
        &long_csv(
            "Police,Calls answered,Output,2020,1180,1000\nPolice,Calls answered,Output,2021,\"1,204\",1000\nPolice,Calls answered,Output,2022,twelve hundred,1000\n",
        ),
    )]);
    let evidence = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/oakdale-achievement.yaml"
    );
    let cell = "police.csv, cell E4: `twelve hundred` is not a number";
    let evaluate = |extra: &[&str]| {
        let mut args = vec![
            "evaluate",
            evidence,
            "--measures",
            "police.csv",
            "--as-of",
            "2023-01-01",
        ];
        args.extend_from_slice(extra);
        run_in(dir.path(), &args)
    };

    let table = evaluate(&[]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table
            .stdout
            .starts_with("Data problems: these values of the measures data could not be used"),
        "{}",
        table.stdout
    );
    let first = table.stdout.lines().nth(1).unwrap();
    assert!(
        first.contains(cell) && first.ends_with("(the value is left out)"),
        "{first}"
    );
    // Said once, not again among the other warnings.
    assert_eq!(table.stdout.matches(cell).count(), 1, "{}", table.stdout);

    let json: serde_json::Value = serde_json::from_str(&evaluate(&["-f", "json"]).stdout).unwrap();
    let data: Vec<&serde_json::Value> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "measures-data-error")
        .collect();
    assert_eq!(data.len(), 1, "{json}");
    assert!(data[0]["message"].as_str().unwrap().contains(cell));

    let markdown = evaluate(&["-f", "markdown"]).stdout;
    let title = markdown.find("# pmcheck:").unwrap();
    let problems = markdown.find("**Data problems:").unwrap();
    let criteria = markdown.find("- Criteria:").unwrap();
    assert!(title < problems && problems < criteria, "{markdown}");

    let strict = evaluate(&["--strict"]);
    assert_eq!(strict.code, 2, "{}", strict.stdout);
    assert!(strict.stdout.is_empty(), "{}", strict.stdout);
    assert!(
        strict.stderr.contains("--strict judges only clean data"),
        "{}",
        strict.stderr
    );
    assert!(strict.stderr.contains(cell), "{}", strict.stderr);
    assert!(
        strict.stderr.contains("run without --strict"),
        "{}",
        strict.stderr
    );

    let publish = run_in(
        dir.path(),
        &[
            "publish",
            "police.csv",
            "--out",
            "site",
            "--as-of",
            "2023-01-01",
        ],
    );
    assert_eq!(publish.code, 2, "{}", publish.stdout);
    assert!(publish.stderr.contains(cell), "{}", publish.stderr);
    assert!(
        publish.stderr.contains("then publish again"),
        "{}",
        publish.stderr
    );
    assert!(!dir.path().join("site").exists(), "nothing is written");

    // The inventory lists the finding and exits 0: reading the data is its job.
    let inv = measures(dir.path(), &["police.csv", "--as-of", "2023-01-01"]);
    assert_eq!(inv.code, 0, "{}", inv.stderr);

    // An evidence file that links the measures: `plan` says the problem on stderr.
    std::fs::write(
        dir.path().join("evidence.yaml"),
        std::fs::read_to_string(evidence).unwrap() + "\nmeasures:\n  - file: police.csv\n",
    )
    .unwrap();
    let plan = run_in(
        dir.path(),
        &["plan", "evidence.yaml", "--as-of", "2023-01-01"],
    );
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    assert!(
        plan.stderr.contains(&format!("warning: {cell}")),
        "{}",
        plan.stderr
    );
    assert!(!plan.stdout.contains(cell), "{}", plan.stdout);
}

#[test]
fn impossible_periods_name_their_cells() {
    let dir = dir_with(&[(
        "police.csv",
        &long_csv(
            "Police,Calls answered,Output,Q5 2021,12,10\nPolice,Calls answered,Output,2022-24,12,10\nPolice,Calls answered,Output,2023-13,12,10\n",
        ),
    )]);
    let err = data_errors(dir.path(), &["police.csv"]);
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.contains("cell D2: `Q5 2021` is not a period"), "{err}");
    assert!(err.contains("cell D3: `2022-24` is not a period"), "{err}");
    assert!(err.contains("cell D4: `2023-13`"), "{err}");
    assert!(err.contains("a quarter (2021 Q3"), "{err}");
    insta::assert_snapshot!("measures_error_periods", err);
}

#[test]
fn a_kind_that_is_not_a_kind_in_an_accepted_kind_column_is_an_error() {
    // Most values are kinds, so the column is read as the kind; the odd one is an error.
    let dir = dir_with(&[(
        "parks.csv",
        &long_csv(
            "Parks,Acres mowed,Output,2021,1200,\nParks,Acres mowed,Output,2022,1250,\nParks,Cost per acre,Efficiency,2022,41,\nParks,Satisfaction,Outcom,2022,81,\n",
        ),
    )]);
    let err = data_errors(dir.path(), &["parks.csv"]);
    assert!(
        err.contains("cell C5: `Outcom` is not a measure kind"),
        "{err}"
    );
    assert!(
        err.contains("write input, output, workload, efficiency or outcome"),
        "{err}"
    );
    insta::assert_snapshot!("measures_error_kind", err);
}

#[test]
fn naming_an_aggregation_column_as_the_kind_makes_each_cell_an_error() {
    let dir = dir_with(&[("transportation.csv", TRANSPORTATION.as_bytes())]);
    let err = data_errors(
        dir.path(),
        &["transportation.csv", "--column", "kind=Measure Type"],
    );
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(
        err.contains("cell C2: `Average` is not a measure kind"),
        "{err}"
    );
    assert!(
        err.contains("cell C4: `Sum` is not a measure kind"),
        "{err}"
    );
}

#[test]
fn two_rows_for_one_measure_and_period_name_both_rows() {
    let dir = dir_with(&[(
        "police.csv",
        &long_csv(
            "Police,Calls answered,Output,2021,1204,1000\nPolice,Calls answered,Output,2022,1310,1000\nPolice,Calls answered,Output,2021,1240,1000\n",
        ),
    )]);
    let err = data_errors(dir.path(), &["police.csv"]);
    assert!(
        err.contains("[conflicting-values] police.csv, row 4:"),
        "{err}"
    );
    assert!(
        err.contains("actual 1240, target 1000 here and actual 1204, target 1000 on row 2"),
        "{err}"
    );
    assert!(err.contains("neither is used"), "{err}");
    // Neither value of 2021 is used; 2022 is.
    let inv = inventory(dir.path(), &["police.csv", "--as-of", "2023-01-01"]);
    assert_eq!(inv.measure("Police", "Calls answered").years, [2022]);
    let clash = inv.findings(Code::ConflictingValues);
    assert_eq!((clash.len(), clash[0].severity), (1, Severity::Error));
    insta::assert_snapshot!("measures_error_duplicate", err);

    // The same values twice are one observation, not an error.
    let dir = dir_with(&[(
        "police.csv",
        &long_csv(
            "Police,Calls answered,Output,2021,1204,1000\nPolice,Calls answered,Output,2021,1204,1000\n",
        ),
    )]);
    let inv = inventory(dir.path(), &["police.csv", "--as-of", "2022-01-01"]);
    assert_eq!(inv.measure("Police", "Calls answered").years, [2021]);
}

#[test]
fn no_header_row_says_what_a_header_needs() {
    let dir = dir_with(&[("export.csv", b"Col1,Col2,Col3\nPolice,Calls,12\n")]);
    let err = failure(dir.path(), &["export.csv"]);
    assert!(
        err.contains("[DIR]/export.csv: has no header row pmcheck recognises"),
        "{err}"
    );
    assert!(
        err.contains("the first row holds: `Col1`, `Col2`, `Col3`"),
        "{err}"
    );
    assert!(err.contains("--column ROLE=HEADER"), "{err}");
    insta::assert_snapshot!("measures_error_no_header", err);
}

#[test]
fn a_header_with_no_data_under_it_is_an_error() {
    let dir = dir_with(&[("empty-table.csv", b"Department,Measure,Year,Actual\n")]);
    let err = failure(dir.path(), &["empty-table.csv"]);
    assert_eq!(
        err,
        "error: [DIR]/empty-table.csv: has a header row (row 1) but no rows of data under it\n"
    );
}

#[test]

fn an_empty_csv_says_it_is_empty() {
    let dir = dir_with(&[("empty.csv", b"")]);
    let err = failure(dir.path(), &["empty.csv"]);
    assert!(err.contains("empty"), "{err}");
    assert!(!err.contains("holds: ."), "{err}");
}

#[test]
fn a_named_column_that_is_not_in_the_file_lists_the_headers() {
    let dir = dir_with(&[("quarterly.csv", QUARTERLY.as_bytes())]);
    let err = failure(
        dir.path(),
        &["quarterly.csv", "--column", "owner=Responsible Manager"],
    );
    assert!(
        err.contains("has no column `Responsible Manager` for the role `owner`"),
        "{err}"
    );
    assert!(
        err.contains("`Department`, `Indicator`, `Quarter`, `Actual`, `Target`"),
        "{err}"
    );
    insta::assert_snapshot!("measures_error_named_column", err);
}

#[test]
fn a_named_column_is_read_as_its_role_and_marked_named() {
    let dir = dir_with(&[(
        "feed.csv",
        b"Dept Name,Indicator,Period,Actual,Lead\nLibrary,Visits,2022,100,A. Chen\nLibrary,Visits,2023,110,A. Chen\n",
    )]);
    let inv = inventory(
        dir.path(),
        &[
            "feed.csv",
            "--column",
            "service_area=dept name",
            "--column",
            "owner=Lead",
            "--as-of",
            "2024-01-01",
        ],
    );
    let named: Vec<(&str, bool)> = inv.files[0]
        .columns
        .iter()
        .map(|c| (c.role.as_str(), c.named))
        .collect();
    assert!(named.contains(&("service_area", true)), "{named:?}");
    assert!(named.contains(&("owner", true)), "{named:?}");
    assert!(named.contains(&("measure", false)), "{named:?}");
    assert_eq!(
        inv.measure("Library", "Visits").owner.as_deref(),
        Some("A. Chen")
    );
}

#[test]
fn an_unknown_column_role_suggests_the_nearest() {
    let dir = dir_with(&[("quarterly.csv", QUARTERLY.as_bytes())]);
    let err = failure(dir.path(), &["quarterly.csv", "--column", "tagret=Goal"]);
    assert!(
        err.contains("`tagret` is not a column role; did you mean `target`?"),
        "{err}"
    );
    assert!(
        err.contains("roles: service_area, program, measure, kind, period, actual, target"),
        "{err}"
    );
    let err = failure(dir.path(), &["quarterly.csv", "--column", "Goal"]);
    assert!(err.contains("`Goal` is not ROLE=HEADER"), "{err}");
}

#[test]
fn an_unknown_sheet_lists_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    xlsx_workbook(&dir.path().join("solid-waste.xlsx"));
    let err = failure(dir.path(), &["solid-waste.xlsx", "--sheet", "FY2023"]);
    assert_eq!(
        err,
        "error: [DIR]/solid-waste.xlsx: has no sheet `FY2023`; its sheets: `Notes`, `Data`\n"
    );
}

#[test]
fn an_empty_sheet_named_is_an_error_naming_it() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Data").unwrap();
    book.add_worksheet().set_name("Blank").unwrap();
    book.save(dir.path().join("book.xlsx")).unwrap();
    let err = failure(dir.path(), &["book.xlsx", "--sheet", "blank"]);
    assert_eq!(err, "error: [DIR]/book.xlsx: sheet `Blank` is empty\n");
    let err = failure(dir.path(), &["book.xlsx"]);
    assert_eq!(err, "error: [DIR]/book.xlsx: has no sheet with data\n");
}

#[test]
fn files_that_are_not_spreadsheets_are_refused_with_what_would_be() {
    let dir = dir_with(&[
        ("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
        ("export.txt", b"PK\x03\x04\x00\x00\x00binary\x00\x01\x02"),
        ("fake.xlsx", b"Department,Measure\n"),
    ]);
    let err = failure(dir.path(), &["report.pdf"]);
    assert!(
        err.contains("[DIR]/report.pdf: is not a measures file pmcheck reads"),
        "{err}"
    );
    assert!(
        err.contains(".csv") && err.contains(".xlsx") && err.contains(".ods"),
        "{err}"
    );
    let err = failure(dir.path(), &["export.txt"]);
    assert!(err.contains("[DIR]/export.txt"), "{err}");
    assert!(err.contains("binary"), "{err}");
    let err = failure(dir.path(), &["fake.xlsx"]);
    assert!(
        err.contains("[DIR]/fake.xlsx: is not a readable workbook"),
        "{err}"
    );
    assert!(err.contains("export the sheet as CSV"), "{err}");
    insta::assert_snapshot!(
        "measures_error_not_spreadsheets",
        [
            failure(dir.path(), &["report.pdf"]),
            failure(dir.path(), &["export.txt"]),
            failure(dir.path(), &["fake.xlsx"]),
        ]
        .concat()
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("exports.csv")).unwrap();
    std::fs::create_dir(dir.path().join("book.xlsx")).unwrap();
    let err = failure(dir.path(), &["exports.csv"]);
    assert!(err.contains("[DIR]/exports.csv: is a directory"), "{err}");
    let err = failure(dir.path(), &["book.xlsx"]);
    assert!(err.contains("[DIR]/book.xlsx: is a directory"), "{err}");
}

#[test]

fn a_directory_without_an_extension_says_it_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("exports")).unwrap();
    let r = measures(dir.path(), &["exports"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("directory"), "{}", r.stderr);
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let r = measures(dir.path(), &["measures-2023.csv"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: measures-2023.csv: no such file; check the path of the measures file\n"
    );
}

#[test]

fn a_missing_workbook_is_named_like_a_missing_csv() {
    let dir = tempfile::tempdir().unwrap();
    let r = measures(dir.path(), &["measures-2023.xlsx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no such file; check the path"),
        "{}",
        r.stderr
    );
}

#[test]
fn more_than_fifty_problems_list_fifty_then_count_the_rest() {
    let mut rows = String::new();
    for i in 0..57 {
        rows.push_str(&format!("Police,Measure {i},Output,FY2022 Q5,12,\n"));
    }
    let dir = dir_with(&[("police.csv", &long_csv(&rows))]);
    let err = data_errors(dir.path(), &["police.csv"]);
    let listed = err
        .lines()
        .filter(|l| l.contains("is not a period"))
        .count();
    assert_eq!(listed, 50, "{err}");
    assert!(err.contains("cell D51: `FY2022 Q5`"), "{err}");
    assert!(!err.contains("cell D52:"), "{err}");
    assert!(
        err.trim_end().ends_with(
            "[unreadable-value] police.csv: and 7 more cells could not be read (the first 50 are listed)"
        ),
        "{err}"
    );
}

#[test]
fn standard_input_is_refused_with_what_to_give() {
    let r = run(&["measures", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "error: measures are read from files, not standard input; give the path of a .csv, .xlsx or .ods file\n"
    );
}

// --- Regressions from the review of the first measures slice ----------------------

#[test]
fn a_workbook_cell_far_to_the_right_is_refused_not_allocated() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Department").unwrap();
    // XFD1048576, the last cell of a sheet: a dense range would be 2^34 cells.
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(dir.path().join("bomb.xlsx")).unwrap();
    let err = failure(dir.path(), &["bomb.xlsx"]);
    assert!(
        err.contains("has a cell in column XFD (cell XFD1048576)"),
        "{err}"
    );
    assert!(err.contains("up to 2000 columns"), "{err}");
}

#[test]
fn a_lone_cell_far_down_costs_only_its_row() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Department", "Measure", "Year", "Actual"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, y) in [2022.0, 2023.0].iter().enumerate() {
        sheet.write_string(r as u32 + 1, 0, "Parks").unwrap();
        sheet.write_string(r as u32 + 1, 1, "Acres").unwrap();
        sheet.write_number(r as u32 + 1, 2, *y).unwrap();
        sheet.write_number(r as u32 + 1, 3, 10.0).unwrap();
    }
    sheet.write_string(999_999, 0, "note").unwrap();
    book.save(dir.path().join("sparse.xlsx")).unwrap();
    let inv = inventory(dir.path(), &["sparse.xlsx", "--as-of", "2024-01-01"]);
    assert_eq!(inv.area("Parks").years, [2022, 2023]);
    // The note row has no measure: skipped and counted.
    assert_eq!(inv.rows.skipped, 1);
}

#[test]
fn an_outcome_measure_with_no_values_gives_its_area_no_outcome_kind() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Type,Year,Actual
\
Parks,Acres,Output,2022,10
Parks,Acres,Output,2023,11
Parks,Satisfaction,Outcome,2023,N/A
",
    )]);
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2024-01-01"]);
    assert_eq!(inv.area("Parks").kinds, [Kind::Output]);
}

#[test]
fn a_calendar_year_and_quarter_in_two_columns_read_as_one_in_one_column() {
    let dir = dir_with(&[
        (
            "one.csv",
            b"Department,Measure,Period,Actual
Police,Calls,2024 Q3,10
",
        ),
        (
            "two.csv",
            b"Department,Measure,Year,Quarter,Actual
Police,Calls,2024,Q3,10
",
        ),
        (
            "fiscal.csv",
            b"Department,Measure,Fiscal Year,Quarter,Actual
Police,Calls,2024,Q3,10
",
        ),
    ]);
    let latest = |file: &str| {
        let inv = inventory(
            dir.path(),
            &[file, "--fiscal-year-start", "7", "--as-of", "2025-06-30"],
        );
        inv.area("Police").measures[0].latest.clone().unwrap()
    };
    // With a July fiscal year, calendar 2024 Q3 is FY2025 Q1.
    assert_eq!(latest("one.csv"), "FY2025 Q1");
    assert_eq!(latest("two.csv"), "FY2025 Q1");
    // A column headed Fiscal Year says the quarter is fiscal.
    assert_eq!(latest("fiscal.csv"), "FY2024 Q3");
}

#[test]
fn the_latest_period_is_the_one_that_ends_last_whatever_its_kind() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Period,Actual,Target
Parks,Acres,2019-01,5,5
Parks,Acres,2024,10,10
",
    )]);
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2024-12-31"]);
    assert_eq!(
        inv.area("Parks").measures[0].latest.as_deref(),
        Some("2024")
    );
    assert!(inv.findings(Code::NoTarget).is_empty());
    assert!(inv.findings(Code::Stale).is_empty());
}

#[test]
fn a_value_after_the_as_of_date_is_a_future_period() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Period,Actual
Fire,Runs,FY23,5
Fire,Runs,FY99,6
",
    )]);
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2024-01-01"]);
    let future = inv.findings(Code::FuturePeriod);
    assert_eq!(future.len(), 1, "{future:?}");
    assert!(future[0].message.contains("2099"), "{}", future[0].message);
}

#[test]
fn targets_in_the_data_never_make_the_claim_by_themselves() {
    let dir = dir_with(&[
        (
            "m.csv",
            b"Department,Measure,Year,Actual,Target
Parks,Acres,2022,10,10
Parks,Acres,2023,11,10
",
        ),
        (
            "e.yaml",
            b"version: 1\nas_of: 2024-01-01\nmeasures: [{file: m.csv}]\n",
        ),
    ]);
    let v = crate::common::cli::json(&[
        "evaluate",
        dir.path().join("e.yaml").to_str().unwrap(),
        "-f",
        "json",
    ]);
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "derived-from-measures")
            .count(),
        1
    );
    let pr = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "public_reporting")
        .unwrap();
    let items = &pr["requirements"][0]["items"];
    let targets = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["field"] == "public_reporting.targets")
        .unwrap();
    assert_eq!(targets["counted"], false);
}

#[test]
fn items_name_the_measure_rows_and_show_tracking_beside_the_reviews() {
    let dir = dir_with(&[
        (
            "m.csv",
            b"Department,Measure,Period,Actual\nParks,Visits,2023 Q1,5\nParks,Visits,2023 Q2,6\nParks,Acres,2022,10\nParks,Acres,2023,11\n",
        ),
        ("e.yaml", b"version: 1\nas_of: 2023-12-31\nmeasures: [{file: m.csv}]\n"),
    ]);
    let e = dir.path().join("e.yaml");
    let out = crate::common::cli::ok(&[
        "explain",
        "data_collection.achievement",
        "--evidence",
        e.to_str().unwrap(),
    ]);
    assert!(out.contains("m.csv rows 2, 4)"), "{out}");
    let out = crate::common::cli::ok(&[
        "explain",
        "accountability.excellence",
        "--evidence",
        e.to_str().unwrap(),
    ]);
    assert!(
        out.contains("1 of 2 measures in the measures data report quarterly or monthly: tracking, not a review"),
        "{out}"
    );
}

#[test]
fn crlf_line_ends_name_the_same_cells_as_lf() {
    let lf = "Department,Measure,Year,Actual\nPolice,Calls,2022,10\nPolice,Calls,2023,oops\n";
    let crlf = lf.replace('\n', "\r\n");
    let dir = dir_with(&[("lf.csv", lf.as_bytes()), ("crlf.csv", crlf.as_bytes())]);
    for file in ["lf.csv", "crlf.csv"] {
        let err = data_errors(dir.path(), &[file]);
        assert!(
            err.contains("cell D3: `oops` is not a number"),
            "{file}: {err}"
        );
    }
}

#[test]
fn a_sheet_named_for_a_csv_file_is_an_error() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Year,Actual\nPolice,Calls,2022,10\n",
    )]);
    let err = failure(dir.path(), &["m.csv", "--sheet", "KPIs"]);
    assert!(err.contains("is a CSV file, which has no sheets"), "{err}");
}

#[test]
fn a_missing_linked_file_says_it_is_relative_to_the_evidence_file() {
    let dir = dir_with(&[(
        "e.yaml",
        b"version: 1\nmeasures: [{file: kpis/fy2025.csv}]\n",
    )]);
    let r = crate::common::cli::run(&["evaluate", dir.path().join("e.yaml").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no such file; entry 1 of the evidence file's `measures:` names `kpis/fy2025.csv`, which is read relative to the evidence file's folder"),
        "{}",
        r.stderr
    );
}

#[test]
fn outcome_measures_are_judged_on_their_own_years() {
    // Each area has output data for 2021-2023 but its outcome measure only for 2023.
    let mut csv = String::from("Department,Measure,Type,Year,Actual\n");
    for d in ["A", "B", "C", "D", "E", "F"] {
        for y in [2021, 2022, 2023] {
            csv.push_str(&format!("{d},Output,Output,{y},1\n"));
        }
        csv.push_str(&format!("{d},Result,Outcome,2023,1\n"));
    }
    let dir = dir_with(&[
        ("m.csv", csv.as_bytes()),
        (
            "e.yaml",
            b"version: 1\nas_of: 2023-12-31\nmeasures: [{file: m.csv}]\n",
        ),
    ]);
    let v = crate::common::cli::json(&[
        "evaluate",
        dir.path().join("e.yaml").to_str().unwrap(),
        "-f",
        "json",
    ]);
    let dc = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "data_collection")
        .unwrap();
    let met: Vec<(String, bool)> = dc["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["met"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        met,
        [
            ("data_collection.achievement".to_owned(), true),
            ("data_collection.distinction".to_owned(), true),
            ("data_collection.excellence".to_owned(), false),
        ]
    );
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2023-12-31"]);
    assert_eq!(inv.area("A").kinds, [Kind::Output, Kind::Outcome]);
}

#[test]
fn a_grouped_export_fills_the_department_down() {
    let dir = dir_with(&[(
        "grouped.csv",
        b"Department,Measure,Type,Year,Actual\n\
Parks,Visits,Output,2022,5\n,Visits,Output,2023,6\n,Satisfaction,Outcome,2023,80\n\
Library,Loans,Output,2023,7\n",
    )]);
    let inv = inventory(dir.path(), &["grouped.csv", "--as-of", "2024-01-01"]);
    assert_eq!(inv.area("Parks").years, [2022, 2023]);
    assert_eq!(inv.area("Parks").kinds, [Kind::Output, Kind::Outcome]);
    assert_eq!(inv.rows.skipped, 0);
    let filled = inv.findings(Code::FilledDown);
    assert_eq!(filled.len(), 1);
    assert!(
        filled[0].message.starts_with("2 rows had no service area"),
        "{}",
        filled[0].message
    );
}

#[test]
fn a_misspelt_series_in_a_period_header_is_pointed_out() {
    let dir = dir_with(&[(
        "typo.csv",
        b"Department,Measure,FY2022 Actual,FY2023 Acutal,FY2023 Estimate\nParks,Visits,5,6,7\n",
    )]);
    let inv = inventory(dir.path(), &["typo.csv", "--as-of", "2024-01-01"]);
    let notes = inv.findings(Code::NotARole);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].message.contains("did you mean `FY2023 Actual`?"),
        "{}",
        notes[0].message
    );
}

#[test]
fn a_two_row_header_joins_each_period_to_actual_and_target() {
    let dir = dir_with(&[(
        "book.csv",
        b"City of Millhaven - Performance Measures\n\nDepartment,Measure,Type,FY2023,,FY2024,\n,,,Actual,Target,Actual,Target\nParks,Visits,Output,5,6,7,8\n",
    )]);
    let inv = inventory(dir.path(), &["book.csv", "--as-of", "2024-12-31"]);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure (B)",
            "kind=Type (C)",
            "actual=FY2023 Actual (D)",
            "target=FY2023 Target (E)",
            "actual=FY2024 Actual (F)",
            "target=FY2024 Target (G)",
        ]
    );
    let m = &inv.area("Parks").measures[0];
    assert_eq!(m.years, [2023, 2024]);
    assert_eq!(m.target_years, [2023, 2024]);
}

/// A budget book's table: totals under each department, values with footnote markers.
const BOOK_WITH_TOTALS: &str = "\
Department,Measure,Type,Fiscal Year,Actual,Target
Police,Calls answered,Output,2023,\"1,204 (a)\",1000
Police,Calls answered,Output,2024,1310*,1000
Police,Total calls for service,Workload,2024,45000,
Police,Police Total,Input,2024,9000000,
Department Total,Operating expenditures,Input,2024,12000000,
Parks,Residents satisfied (%),Outcome,2024,45.3%†,50
Grand Total,,,2024,21000000,
";

#[test]
fn total_rows_are_skipped_and_footnote_markers_come_off_the_values() {
    let dir = dir_with(&[("book.csv", BOOK_WITH_TOTALS.as_bytes())]);
    let inv = inventory(dir.path(), &["book.csv", "--as-of", "2025-01-01"]);
    // The three total rows are skipped, listed in one finding; a measure that counts a
    // total (`Total calls for service`) is a measure.
    let totals = inv.findings(Code::TotalRow);
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0].severity, Severity::Note);
    assert!(
        totals[0].message.contains("3 total rows were skipped")
            && totals[0].message.contains("rows 5, 6, 8"),
        "{}",
        totals[0].message
    );
    let names: Vec<&str> = inv
        .area("Police")
        .measures
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["Calls answered", "Total calls for service"]);
    assert!(inv.service_areas.iter().all(|a| !a.name.contains("Total")));
    // Footnoted values are read as the values, and the cells named.
    assert_eq!(inv.measure("Police", "Calls answered").years, [2023, 2024]);
    assert_eq!(
        inv.measure("Parks", "Residents satisfied (%)").years,
        [2024]
    );
    let notes = inv.findings(Code::FootnoteMarker);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].row, notes[0].column.as_deref()),
        (Some(2), Some("E"))
    );
    assert!(
        notes[0]
            .message
            .contains("3 values were read without their footnote marker: E2 `1,204 (a)`, E3 `1310*`, E7 `45.3%†`"),
        "{}",
        notes[0].message
    );
    assert!(inv.findings(Code::UnreadableValue).is_empty());
    // The inventory's table names the rows skipped as totals.
    let r = measures(
        dir.path(),
        &["book.csv", "--as-of", "2025-01-01", "--list-skipped"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("skipped: book.csv, row 8: a total row"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------
// Names that differ: one department under the names each file gives it.

const KPIS_NAMED: &[u8] = b"Department,Measure,Type,Period,Actual,Target\n\
Parks & Rec,Acres maintained,Output,2022,100,100\n\
Parks & Rec,Acres maintained,Output,2023,110,100\n\
Fire & Rescue,Response time,Outcome,2022,6,6\n\
Fire & Rescue,Response time,Outcome,2023,6,6\n\
Police Dept,Calls,Output,2023,6,6\n";

const PORTAL_NAMED: &[u8] = b"Department,Measure,Type,Period,Actual,Target\n\
Fire and Rescue,Inspections,Output,2022,60,60\n\
FIRE AND RESCUE,Inspections,Output,2023,60,60\n";

fn warnings_of(json: &serde_json::Value, code: &str) -> Vec<String> {
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == code)
        .map(|w| w["message"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn names_that_differ_are_one_area_matched_by_the_evidence_and_its_aliases() {
    let dir = dir_with(&[
        ("kpis.csv", KPIS_NAMED),
        ("portal.csv", PORTAL_NAMED),
        (
            "e.yaml",
            b"version: 1\nas_of: 2024-01-01\nservice_areas:\n  - name: Parks and Recreation\n    aliases: [\"Parks & Rec\"]\n    years: [2022, 2023]\n  - name: Fire and Rescue\n    years: [2022, 2023]\n  - name: Police\n    years: [2023]\nmeasures:\n  - file: kpis.csv\n  - file: portal.csv\n",
        ),
    ]);
    let inv = inventory(dir.path(), &["--evidence", "e.yaml"]);
    let names: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["Fire and Rescue", "Parks and Recreation", "Police Dept"]
    );
    // Both files' measures are one area's.
    assert_eq!(inv.area("Fire and Rescue").measures.len(), 2);
    // The loose match is said once, where the file first writes it; the exact alias and
    // the difference of case alone are not.
    let matched = inv.findings(Code::NameMatched);
    assert_eq!(matched.len(), 1, "{matched:?}");
    assert_eq!(
        (matched[0].file.as_str(), matched[0].row),
        ("kpis.csv", Some(4))
    );
    assert!(
        matched[0]
            .message
            .starts_with("service area `Fire & Rescue` is read as `Fire and Rescue`"),
        "{}",
        matched[0].message
    );

    let e = dir.path().join("e.yaml");
    let json = crate::common::cli::json(&["evaluate", e.to_str().unwrap(), "-f", "json"]);
    let contradicted = warnings_of(&json, "contradicted-by-measures");
    assert_eq!(
        contradicted.len(),
        1,
        "only Police is not found: {contradicted:?}"
    );
    assert!(
        contradicted[0].contains("`Police` is claimed, but the measures have no area of that name (did you mean `Police Dept`?"),
        "{}",
        contradicted[0]
    );
    let unclaimed = warnings_of(&json, "unclaimed-in-measures");
    assert_eq!(unclaimed.len(), 1);
    assert!(
        unclaimed[0].contains("did you mean `Police Dept` for `Police`? If so, add the data's name to that area's `aliases`"),
        "{}",
        unclaimed[0]
    );
}

#[test]
fn derived_areas_count_one_department_once_and_a_map_names_the_rest() {
    let dir = dir_with(&[
        ("kpis.csv", KPIS_NAMED),
        ("portal.csv", PORTAL_NAMED),
        (
            "e.yaml",
            b"version: 1\nas_of: 2024-01-01\nmeasures:\n  - file: kpis.csv\n    areas: {\"Police Dept\": Police, \"PARKS & REC\": Parks and Recreation}\n  - file: portal.csv\n",
        ),
    ]);
    // Without the evidence: three departments, not four.
    let inv = inventory(
        dir.path(),
        &["kpis.csv", "portal.csv", "--as-of", "2024-01-01"],
    );
    let names: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Fire & Rescue", "Parks & Rec", "Police Dept"]);
    let matched = inv.findings(Code::NameMatched);
    assert_eq!(matched.len(), 2, "{matched:?}");
    assert!(
        matched.iter().all(|f| f.file == "portal.csv"),
        "{matched:?}"
    );

    // With the map, matched loosely (case, `&`), and no word for the evidence's own names.
    let inv = inventory(dir.path(), &["--evidence", "e.yaml"]);
    let names: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Fire & Rescue", "Parks and Recreation", "Police"]);
    let e = dir.path().join("e.yaml");
    let json = crate::common::cli::json(&["evaluate", e.to_str().unwrap(), "-f", "json"]);
    let derived = warnings_of(&json, "derived-from-measures");
    assert!(
        derived
            .iter()
            .any(|w| w.contains("3 are read from the measures")),
        "{derived:?}"
    );

    // The public site: one section per department, its rows under one name.
    let out = dir.path().join("site");
    let r = run_in(
        dir.path(),
        &[
            "publish",
            "--evidence",
            "e.yaml",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read_to_string(out.join("measures.csv")).unwrap();
    let areas: std::collections::BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        areas.into_iter().collect::<Vec<_>>(),
        ["Fire & Rescue", "Parks and Recreation", "Police"],
        "{csv}"
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(html.matches("<section class=\"area\"").count(), 3, "{html}");
    assert_eq!(html.matches(">Fire &amp; Rescue</h2>").count(), 1);
}

#[test]
fn two_evidence_areas_that_one_name_matches_are_refused() {
    for (yaml, line, said) in [
        (
            "version: 1\nservice_areas:\n  - name: Fire & Rescue\n  - name: Parks\n  - name: Fire and Rescue\n",
            ":5:5:",
            "service area `Fire and Rescue` (entry 3) is service area `Fire & Rescue` (entry 1) or one of its aliases, written differently",
        ),
        (
            "version: 1\nservice_areas:\n  - name: Parks\n  - name: Recreation\n    aliases: [PARKS]\n",
            ":4:5:",
            "the alias `PARKS` of service area `Recreation` (entry 2) is service area `Parks` (entry 1)",
        ),
    ] {
        let dir = dir_with(&[("e.yaml", yaml.as_bytes())]);
        let r = run_in(dir.path(), &["evaluate", "e.yaml"]);
        assert_eq!(r.code, 2, "{yaml}");
        assert!(r.stderr.contains(&format!("e.yaml{line}")), "{}", r.stderr);
        assert!(r.stderr.contains(said), "{}", r.stderr);
    }
}

#[test]
fn two_spellings_of_one_area_giving_two_values_for_a_period_use_neither() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Period,Actual\nFire & Rescue,Inspections,2022,50\nFire and Rescue,Inspections,2022,50\nFire & Rescue,Inspections,2023,60\nFire and Rescue,Inspections,2023,61\n",
    )]);
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2024-01-01"]);
    assert_eq!(inv.service_areas.len(), 1);
    let m = inv.measure("Fire & Rescue", "Inspections");
    assert_eq!(
        m.years,
        [2022],
        "the same value twice is one; two values are neither"
    );
    let conflicts = inv.findings(Code::ConflictingValues);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].row, Some(5));
    assert!(
        conflicts[0].message.contains("on row 4"),
        "{}",
        conflicts[0].message
    );
}

/// An item's reason names the real cause and cites only the rows that gave what it
/// counts: no kind column is said as such; a measure with targets alone is not cited.
#[test]
fn items_name_the_real_cause_and_only_the_rows_that_hold_the_years() {
    let dir = dir_with(&[
        (
            "kpis.csv",
            b"Department,Measure,Period,Actual,Target\nPolice,Calls,2021,5,\nPolice,Calls,2022,6,\nPolice,Calls,2023,6,\nPolice,Response budget,2025,,40\n",
        ),
        ("e.yaml", b"version: 1\nas_of: 2024-01-01\nmeasures: [{file: kpis.csv}]\n"),
    ]);
    let r = run_in(dir.path(), &["evaluate", "e.yaml", "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let items = |id: &str| -> Vec<String> {
        json["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["requirements"].as_array().unwrap())
            .find(|r| r["id"] == id)
            .unwrap()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["reason"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        items("data_collection.excellence"),
        [
            "no outcome measure: kpis.csv has no kind column (type, kind, measure type, category) (measures: kpis.csv row 2)"
        ]
    );
    let achievement = items("data_collection.achievement");
    assert!(
        achievement[0].ends_with("(measures: kpis.csv row 2)"),
        "{achievement:?}"
    );
}

/// Periods are dates: portal data for FY2027 Q1 (July to September 2026) counts as of
/// 2026-11-30 with July fiscal years; an annual FY2027 value (a year not over) does not,
/// and no message compares a fiscal year with a calendar one.
#[test]
fn a_fiscal_year_in_progress_counts_through_its_ended_quarters() {
    let dir = dir_with(&[
        (
            "portal.csv",
            b"Department,Measure,Type,Period,Actual\nParks,Visits,Output,FY2026 Q4,10\nParks,Visits,Output,FY2027 Q1,12\nParks,Visits,Output,FY2027 Q2,13\n",
        ),
        (
            "annual.csv",
            b"Department,Measure,Type,Fiscal Year,Actual\nLibrary,Visits,Output,2026,10\nLibrary,Visits,Output,2027,12\n",
        ),
        (
            "e.yaml",
            b"version: 1\nas_of: 2026-11-30\nfiscal_year_start: 7\nmeasures: [{file: portal.csv}, {file: annual.csv}]\n",
        ),
    ]);
    let inv = inventory(dir.path(), &["--evidence", "e.yaml"]);
    // FY2027 Q2 (October to December 2026) has not ended: its value is no year yet, but
    // Q1 makes FY2027 a year with data.
    assert_eq!(inv.measure("Parks", "Visits").years, [2026, 2027]);
    assert_eq!(inv.measure("Library", "Visits").years, [2026]);
    assert!(inv.findings(Code::Stale).is_empty());
    let r = run_in(dir.path(), &["evaluate", "e.yaml", "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(warnings_of(&json, "year-after-as-of").is_empty(), "{json}");
    assert!(
        !r.stdout.contains("before 2026") && !r.stdout.contains("year 2026"),
        "{}",
        r.stdout
    );
    let parks: Vec<&str> = json["categories"][0]["requirements"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["subject"] == "Parks")
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert_eq!(parks.len(), 1, "{json}");
    assert!(
        parks[0].starts_with(
            "FY2026–2027: 2 consecutive years, the latest no more than 2 years before FY2027"
        ),
        "{}",
        parks[0]
    );
}

// ---------------------------------------------------------------------------------------
// Targets in time: a budget book's targets for the years after its latest actual.

/// A budget book, wide: actuals to FY2025, an estimate of FY2025, adopted and planned
/// targets for FY2026 and FY2027.
const BUDGET_BOOK_AHEAD: &str = "\
Department,Measure,Type,FY2024 Actual,FY2025 Actual,FY2025 Estimate,FY2026 Adopted,FY2027 Planned
Parks,Acres maintained,Output,\"6,250\",\"6,300\",\"6,320\",\"6,500\",\"6,600\"
Police,Calls answered,Output,900,950,960,1000,1050
";

#[test]
fn targets_adopted_for_later_years_are_targets_and_an_estimate_is_not_read() {
    let dir = dir_with(&[("book.csv", BUDGET_BOOK_AHEAD.as_bytes())]);
    let args = [
        "book.csv",
        "--fiscal-year-start",
        "7",
        "--as-of",
        "2025-09-30",
    ];
    let inv = inventory(dir.path(), &args);
    assert_eq!(
        inv.columns(0),
        [
            "service_area=Department (A)",
            "measure=Measure (B)",
            "kind=Type (C)",
            "actual=FY2024 Actual (D)",
            "actual=FY2025 Actual (E)",
            "target=FY2026 Adopted (G)",
            "target=FY2027 Planned (H)",
        ]
    );
    let acres = inv.measure("Parks", "Acres maintained");
    assert_eq!(acres.years, [2024, 2025]);
    assert_eq!(acres.target_years, [2026, 2027]);
    assert_eq!(acres.latest.as_deref(), Some("FY2025"));
    assert!(
        inv.findings(Code::NoTarget).is_empty(),
        "{:#?}",
        inv.findings
    );
    // The estimate is neither an actual nor a target.
    assert_unread(&inv, "`F FY2025 Estimate`");
}

/// The file's one `unread-column` finding names `column`.
fn assert_unread(inv: &Inventory, column: &str) {
    let unread = inv.findings(Code::UnreadColumn);
    assert_eq!(unread.len(), 1, "{unread:#?}");
    assert!(
        unread[0].message.contains(column),
        "{column}: {}",
        unread[0].message
    );
}

#[test]
fn budget_headers_of_exports_and_long_files_name_targets() {
    // Exports name columns `2016_17_adopted`, `2017_18_proposed_budget`.
    let dir = dir_with(&[(
        "export.csv",
        b"Department,Measure,2015_16_actual,2016_17_actual,2016_17_adopted,2017_18_proposed_budget,2017_18_projected\nParks,Visits,5,6,6,7,7\n",
    )]);
    let inv = inventory(
        dir.path(),
        &[
            "export.csv",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2017-09-30",
        ],
    );
    let visits = inv.measure("Parks", "Visits");
    assert_eq!(visits.years, [2016, 2017]);
    assert_eq!(visits.target_years, [2017, 2018]);
    assert!(inv.findings(Code::NoTarget).is_empty());
    assert_unread(&inv, "`G 2017_18_projected`");
    // In a long file: an `Adopted Budget` column is the target, `Estimated` is not read.
    for header in [
        "Target",
        "Goal",
        "Objective",
        "Adopted",
        "Adopted Budget",
        "Budget",
        "Proposed",
        "Planned",
    ] {
        let csv = format!(
            "Department,Measure,Fiscal Year,Actual,{header},Estimated\nParks,Visits,FY2025,6,,6\nParks,Visits,FY2026,,7,\n"
        );
        let dir = dir_with(&[("long.csv", csv.as_bytes())]);
        let inv = inventory(
            dir.path(),
            &[
                "long.csv",
                "--fiscal-year-start",
                "7",
                "--as-of",
                "2025-09-30",
            ],
        );
        assert!(
            inv.columns(0).contains(&format!("target={header} (E)")),
            "{header}: {:?}",
            inv.columns(0)
        );
        assert!(inv.findings(Code::NoTarget).is_empty(), "{header}");
        assert_unread(&inv, "`F Estimated`");
    }
}

#[test]
fn a_target_only_before_the_latest_actual_is_no_target() {
    let dir = dir_with(&[(
        "kpis.csv",
        &long_csv("Parks,Visits,Output,FY2024,5,5\nParks,Visits,Output,FY2025,6,\n"),
    )]);
    let inv = inventory(
        dir.path(),
        &[
            "kpis.csv",
            "--fiscal-year-start",
            "7",
            "--as-of",
            "2025-09-30",
        ],
    );
    let no_target = inv.findings(Code::NoTarget);
    assert_eq!(no_target.len(), 1);
    assert_eq!(
        no_target[0].message,
        "`Visits` (Parks) has no target for its latest period, FY2025, or any later period; its last target is for FY2024"
    );
}

// ---------------------------------------------------------------------------------------
// Values as formatted: a workbook's percent and currency formats.

/// A budget book's sheet: satisfaction kept as 0.37 formatted `0%` (and one value typed
/// as the text `72.5%`), spending as 1200 formatted `$#,##0`, a count with no format.
fn formatted_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let dollars = Format::new().set_num_format("$#,##0");
    let sheet = book.add_worksheet().set_name("Parks").unwrap();
    for (c, h) in ["Department", "Measure", "Year", "Actual", "Target"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1;
    for (year, actual, target) in [(2022, 0.37, 0.4), (2023, 0.382, 0.4)] {
        sheet.write_string(row, 0, "Parks").unwrap();
        sheet.write_string(row, 1, "Residents satisfied").unwrap();
        sheet.write_number(row, 2, year).unwrap();
        sheet
            .write_number_with_format(row, 3, actual, &percent)
            .unwrap();
        sheet
            .write_number_with_format(row, 4, target, &percent)
            .unwrap();
        row += 1;
    }
    sheet.write_string(row, 0, "Parks").unwrap();
    sheet.write_string(row, 1, "Residents satisfied").unwrap();
    sheet.write_number(row, 2, 2024).unwrap();
    sheet.write_string(row, 3, "72.5%").unwrap();
    row += 1;
    for (year, actual) in [(2022, 1200.0), (2023, -350.0)] {
        sheet.write_string(row, 0, "Parks").unwrap();
        sheet.write_string(row, 1, "Net cost per acre").unwrap();
        sheet.write_number(row, 2, year).unwrap();
        sheet
            .write_number_with_format(row, 3, actual, &dollars)
            .unwrap();
        row += 1;
    }
    for (year, actual) in [(2022, 41.0), (2023, 44.0)] {
        sheet.write_string(row, 0, "Parks").unwrap();
        sheet.write_string(row, 1, "Acres maintained").unwrap();
        sheet.write_number(row, 2, year).unwrap();
        sheet.write_number(row, 3, actual).unwrap();
        row += 1;
    }
    book.save(path).unwrap();
}

#[test]
fn cells_formatted_as_percentages_and_currency_are_read_as_they_show() {
    let dir = tempfile::tempdir().unwrap();
    formatted_workbook(&dir.path().join("book.xlsx"));
    let inv = inventory(dir.path(), &["book.xlsx", "--as-of", "2025-01-01"]);
    let satisfied = inv.measure("Parks", "Residents satisfied");
    assert_eq!(satisfied.unit.as_deref(), Some("%"));
    assert_eq!(satisfied.years, [2022, 2023, 2024]);
    assert_eq!(
        inv.measure("Parks", "Net cost per acre").unit.as_deref(),
        Some("$")
    );
    assert_eq!(inv.measure("Parks", "Acres maintained").unit, None);
    // The public site shows what the book shows: 38.2%, 72.5%, $1,200 and -$350, and the
    // change between two percentages in points.
    let out = dir.path().join("site");
    let r = run_in(
        dir.path(),
        &[
            "publish",
            "book.xlsx",
            "--as-of",
            "2025-01-01",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read_to_string(out.join("measures.csv")).unwrap();
    for line in [
        "Parks,Residents satisfied,,%,,2022,,37,40,",
        "Parks,Residents satisfied,,%,,2023,,38.2,40,",
        "Parks,Residents satisfied,,%,,2024,,72.5,,",
        "Parks,Net cost per acre,,$,,2022,,1200,,",
        "Parks,Net cost per acre,,$,,2023,,-350,,",
    ] {
        assert!(csv.contains(line), "{line}\n{csv}");
    }
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains(">72.5%"), "{page}");
    assert!(page.contains("-$350"), "{page}");
    assert!(!page.contains("0.38"), "no fraction is shown: {page}");
    assert!(page.contains("percentage points"), "{page}");
}

// ---------------------------------------------------------------------------------------
// Programs: a measure is one of its area's program.

#[test]
fn a_program_column_makes_one_name_under_two_programs_two_measures() {
    let dir = dir_with(&[(
        "book.csv",
        b"Department,Program,Measure,Type,Fiscal Year,Actual,Target
Police,Patrol,Operating expenditures,Input,2024,1200,1250
,,Operating expenditures,Input,2025,1300,1250
Police,Investigations,Operating expenditures,Input,2024,800,820
Police,Investigations,Cases cleared,Outcome,2024,61,60
Police,,Sworn officers,Input,2024,210,
Police,Department Total,Operating expenditures,Input,2024,2000,2070
",
    )]);
    let inv = inventory(dir.path(), &["book.csv", "--as-of", "2025-12-31"]);
    assert!(
        inv.columns(0).contains(&"program=Program (B)".to_owned()),
        "{:?}",
        inv.columns(0)
    );
    let police = inv.area("Police");
    let names: Vec<(&str, Option<&str>)> = police
        .measures
        .iter()
        .map(|m| (m.name.as_str(), m.program.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Patrol · Operating expenditures", Some("Patrol")),
            (
                "Investigations · Operating expenditures",
                Some("Investigations")
            ),
            ("Investigations · Cases cleared", Some("Investigations")),
            ("Sworn officers", None),
        ]
    );
    // The program is filled down with its department (merged cells): Patrol has 2025.
    assert_eq!(
        inv.measure("Police", "Patrol · Operating expenditures")
            .years,
        [2024, 2025]
    );
    assert!(inv.findings(Code::ConflictingValues).is_empty());
    // A total in the program cell is a total row.
    let totals = inv.findings(Code::TotalRow);
    assert_eq!(totals.len(), 1);
    assert!(totals[0].message.contains("row 7"), "{}", totals[0].message);
}

#[test]
fn a_program_column_without_a_department_column_is_the_service_area() {
    let dir = dir_with(&[(
        "programs.csv",
        b"Program,Measure,Year,Actual
Patrol,Calls answered,2024,10
Library,Visits,2024,5
",
    )]);
    let inv = inventory(dir.path(), &["programs.csv", "--as-of", "2025-01-01"]);
    assert!(
        inv.columns(0)
            .contains(&"service_area=Program (A)".to_owned()),
        "{:?}",
        inv.columns(0)
    );
    let names: Vec<&str> = inv.service_areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Library", "Patrol"]);
    assert_eq!(inv.measure("Patrol", "Calls answered").program, None);
}

// ---------------------------------------------------------------------------------------
// --column ROLE=HEADER is honoured for every role, or refused with the reason.

const WIDE_WITH_ESTIMATE: &[u8] =
    b"Department,Measure,FY2024 Actual,FY2025 Actual,FY 2025-26 Estimate,Comparable cities\n\
Parks,Visits,100,110,120,95\n";

#[test]
fn a_column_named_as_the_actual_of_a_wide_file_is_read_for_its_period() {
    let dir = dir_with(&[("book.csv", WIDE_WITH_ESTIMATE)]);
    let as_of = ["--as-of", "2026-07-31", "--fiscal-year-start", "7"];
    // Unnamed, the estimate is neither an actual nor a target; the comparison column has
    // no period and is said not to be read.
    let mut args = vec!["book.csv"];
    args.extend(as_of);
    let inv = inventory(dir.path(), &args);
    assert_eq!(inv.measure("Parks", "Visits").years, [2024, 2025]);
    let unread = inv.findings(Code::UnreadColumn);
    assert!(
        unread
            .iter()
            .any(|f| f.message.contains("FY 2025-26 Estimate")),
        "{unread:#?}"
    );
    let r = measures(dir.path(), &args);
    assert!(
        r.stdout.contains("column `Comparable cities` looks like comparison values, but the file has one column per period"),
        "{}",
        r.stdout
    );
    // Named as the actual, it is FY2026's actual.
    let mut args = vec!["book.csv", "--column", "actual=FY 2025-26 Estimate"];
    args.extend(as_of);
    let inv = inventory(dir.path(), &args);
    assert_eq!(inv.measure("Parks", "Visits").years, [2024, 2025, 2026]);
    assert!(
        inv.files[0]
            .columns
            .iter()
            .any(|c| c.role == "actual" && c.header == "FY 2025-26 Estimate" && c.named),
        "{:?}",
        inv.files[0].columns
    );
}

#[test]
fn a_role_a_wide_file_has_no_place_for_is_refused_with_the_reason() {
    let dir = dir_with(&[("book.csv", WIDE_WITH_ESTIMATE)]);
    for (column, said) in [
        (
            "actual=Comparable cities",
            "--column actual=Comparable cities: the file has one column per period (FY2023 Actual, 2022 Q3), so each value's period comes from its column's header, and `Comparable cities` names no period",
        ),
        (
            "period=Measure",
            "--column period=...: the file has one column per period",
        ),
        (
            "comparison=Comparable cities",
            "a comparison column has no period to be the comparison for",
        ),
    ] {
        let err = failure(dir.path(), &["book.csv", "--column", column]);
        assert!(err.contains(said), "{column}: {err}");
    }
}

#[test]
fn a_source_column_gives_each_measure_its_source() {
    let dir = dir_with(&[(
        "m.csv",
        b"Department,Measure,Year,Actual,Source\nParks,Visits,2024,5,https://data.example.gov/parks\nParks,Visits,2025,6,\nPolice,Calls,2024,9,\n",
    )]);
    let inv = inventory(dir.path(), &["m.csv", "--as-of", "2026-01-01"]);
    assert_eq!(
        inv.measure("Parks", "Visits").source.as_deref(),
        Some("https://data.example.gov/parks")
    );
    assert_eq!(inv.measure("Police", "Calls").source, None);
}

/// A sheet named for what it holds names no department: with no service-area column it
/// is refused, as `Sheet1` is, rather than read as an area called `Data`.
#[test]
fn a_sheet_named_for_its_contents_is_no_service_area() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Data", "KPIs", "Performance Measures"] {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in ["Measure", "Year", "Actual"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Visits").unwrap();
        sheet.write_number(1, 1, 2024).unwrap();
        sheet.write_number(1, 2, 5).unwrap();
        book.save(dir.path().join("book.xlsx")).unwrap();
        let err = failure(dir.path(), &["book.xlsx"]);
        assert!(err.contains("has no service area column"), "{name}: {err}");
        assert!(
            err.contains("such as `Measures` or `Data`, names none"),
            "{name}: {err}"
        );
    }
}

/// One measure name from two files with different units (an annual ratio, a quarterly
/// percentage) is never merged silently: a `unit-conflict` finding, and on the public
/// site two series, each named by its file.
#[test]
fn one_measure_in_two_units_is_kept_apart_and_said() {
    let dir = dir_with(&[
        (
            "annual.csv",
            b"Department,Measure,Year,Actual,Unit\nParks,Residents satisfied,2022,0.77,ratio\nParks,Residents satisfied,2023,0.79,ratio\n",
        ),
        (
            "quarterly.csv",
            b"Department,Measure,Period,Actual\nParks,Residents satisfied,2023 Q3,80.9%\nParks,Residents satisfied,2023 Q4,81.2%\n",
        ),
    ]);
    let args = ["annual.csv", "quarterly.csv", "--as-of", "2024-03-01"];
    let inv = inventory(dir.path(), &args);
    let conflicts = inv.findings(Code::UnitConflict);
    assert_eq!(conflicts.len(), 1, "{:#?}", inv.findings);
    assert_eq!(conflicts[0].file, "quarterly.csv");
    assert_eq!(conflicts[0].severity, Severity::Warning);
    assert!(
        conflicts[0]
            .message
            .contains("has `%` here and `ratio` in annual.csv"),
        "{}",
        conflicts[0].message
    );
    let out = dir.path().join("site");
    let mut publish = vec!["publish"];
    publish.extend(args);
    publish.extend(["--out", out.to_str().unwrap()]);
    let r = run_in(dir.path(), &publish);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("Residents satisfied (annual.csv)"), "{page}");
    assert!(
        page.contains("Residents satisfied (quarterly.csv)"),
        "{page}"
    );
}

/// A scorecard's ratio declared as a percentage (values 0 to 1, unit `percent`) is read
/// as percent, and said; a measure written with `%`, or with a value above 1, is not.
#[test]
fn a_ratio_declared_as_percent_is_read_as_percent() {
    let dir = dir_with(&[(
        "scorecard.csv",
        b"Department,Measure,Month,Actual,Target,Unit\n\
Airport,On-time departures,2024-01,0.612,0.65,percent\n\
Airport,On-time departures,2024-02,0.633,0.65,percent\n\
Airport,Error rate,2024-01,0.2%,,percent\n\
Airport,Error rate,2024-02,0.3%,,percent\n\
Library,Branches open,2024-01,1,1,percent\n\
Library,Seats filled,2024-01,0.5,,percent\n\
Library,Seats filled,2024-02,12,,percent\n",
    )]);
    let inv = inventory(dir.path(), &["scorecard.csv", "--as-of", "2024-06-30"]);
    let said = inv.findings(Code::RatioAsPercent);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0]
            .message
            .starts_with("`On-time departures` (Airport)"),
        "{}",
        said[0].message
    );
    assert_eq!(said[0].severity, Severity::Warning);
    let out = dir.path().join("site");
    let r = run_in(
        dir.path(),
        &[
            "publish",
            "scorecard.csv",
            "--as-of",
            "2024-06-30",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read_to_string(out.join("measures.csv")).unwrap();
    for line in [
        "Airport,On-time departures,,%,,2024-02,,63.3,65,",
        "Airport,Error rate,,%,,2024-02,,0.3,,",
        "Library,Seats filled,,%,,2024-01,,0.5,,",
    ] {
        assert!(csv.contains(line), "{line}\n{csv}");
    }
}
