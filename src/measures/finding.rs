//! The quality findings of measures data: each with a stable code (documented in
//! docs/reference.md, its table generated from [`FindingCode::ALL`]), a severity, what it
//! says, and the sheet, row and column it is about.

use super::read::Table;

/// A quality finding's code: stable, kebab-case, documented in docs/reference.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingCode {
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

impl FindingCode {
    pub const ALL: [FindingCode; 23] = [
        FindingCode::NoKind,
        FindingCode::KindConflict,
        FindingCode::NoTarget,
        FindingCode::NoOwner,
        FindingCode::MissingPeriod,
        FindingCode::Stale,
        FindingCode::FuturePeriod,
        FindingCode::ValueJump,
        FindingCode::UnreadColumn,
        FindingCode::NotARole,
        FindingCode::FilledDown,
        FindingCode::SkippedRows,
        FindingCode::UnreadableValue,
        FindingCode::ConflictingValues,
        FindingCode::TotalRow,
        FindingCode::FootnoteMarker,
        FindingCode::NameMatched,
        FindingCode::SheetSkipped,
        FindingCode::AreaFromSheet,
        FindingCode::UnitConflict,
        FindingCode::RatioAsPercent,
        FindingCode::PeriodsFromDates,
        FindingCode::FormatsNotRead,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FindingCode::NoKind => "no-kind",
            FindingCode::KindConflict => "kind-conflict",
            FindingCode::NoTarget => "no-target",
            FindingCode::NoOwner => "no-owner",
            FindingCode::MissingPeriod => "missing-period",
            FindingCode::Stale => "stale",
            FindingCode::FuturePeriod => "future-period",
            FindingCode::ValueJump => "value-jump",
            FindingCode::UnreadColumn => "unread-column",
            FindingCode::NotARole => "not-a-role",
            FindingCode::FilledDown => "filled-down",
            FindingCode::SkippedRows => "skipped-rows",
            FindingCode::UnreadableValue => "unreadable-value",
            FindingCode::ConflictingValues => "conflicting-values",
            FindingCode::TotalRow => "total-row",
            FindingCode::FootnoteMarker => "footnote-marker",
            FindingCode::NameMatched => "name-matched",
            FindingCode::UnitConflict => "unit-conflict",
            FindingCode::RatioAsPercent => "ratio-as-percent",
            FindingCode::SheetSkipped => "sheet-skipped",
            FindingCode::AreaFromSheet => "area-from-sheet",
            FindingCode::PeriodsFromDates => "periods-from-dates",
            FindingCode::FormatsNotRead => "formats-not-read",
        }
    }

    /// How much it matters ([`Severity`]).
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::UnreadableValue | FindingCode::ConflictingValues => Severity::Error,
            FindingCode::NoKind
            | FindingCode::KindConflict
            | FindingCode::NoTarget
            | FindingCode::MissingPeriod
            | FindingCode::Stale
            | FindingCode::FuturePeriod
            | FindingCode::ValueJump
            | FindingCode::NotARole
            | FindingCode::UnitConflict
            | FindingCode::RatioAsPercent
            | FindingCode::FormatsNotRead => Severity::Warning,
            FindingCode::NoOwner
            | FindingCode::UnreadColumn
            | FindingCode::FilledDown
            | FindingCode::SkippedRows
            | FindingCode::TotalRow
            | FindingCode::FootnoteMarker
            | FindingCode::NameMatched
            | FindingCode::SheetSkipped
            | FindingCode::AreaFromSheet
            | FindingCode::PeriodsFromDates => Severity::Note,
        }
    }

    /// One line on what the code means.
    pub fn describe(self) -> &'static str {
        match self {
            FindingCode::NoKind => {
                "a measure has no kind (input, output, workload, efficiency, outcome)"
            }
            FindingCode::KindConflict => "the same measure is given two kinds",
            FindingCode::NoTarget => {
                "a measure has no target for its latest actual's period or any later period"
            }
            FindingCode::NoOwner => "a measure names no owner",
            FindingCode::MissingPeriod => {
                "a year, quarter or month is missing inside a measure's series"
            }
            FindingCode::Stale => {
                "a measure's latest value is more than two years before the as-of year"
            }
            FindingCode::FuturePeriod => {
                "a measure has a value for a period that starts after the as-of date"
            }
            FindingCode::ValueJump => {
                "a value changes more than tenfold from one period to the next: check it"
            }
            FindingCode::UnreadColumn => "a column was not read as any role",
            FindingCode::NotARole => {
                "a column whose header names a role does not hold what that role needs"
            }
            FindingCode::FilledDown => {
                "rows with no service area took the one named above them (a grouped export)"
            }
            FindingCode::SkippedRows => {
                "rows were skipped (no measure name, no service area, or a row of totals)"
            }
            FindingCode::UnreadableValue => {
                "a cell of a column that is read holds what is not a value there (text, an error value); it is not used"
            }
            FindingCode::ConflictingValues => {
                "two rows give one measure two values for one period; neither is used"
            }
            FindingCode::TotalRow => {
                "a row of totals (Total, Subtotal, Department Total) was skipped: a total is not a measure"
            }
            FindingCode::FootnoteMarker => {
                "a value carries a footnote marker (`45.3%*`, `12†`, `88 [1]`); it is read without it"
            }
            FindingCode::NameMatched => {
                "a service area's name was matched to another spelling of it (case, punctuation, `&` and `and`, `Dept.`) and read as that one"
            }
            FindingCode::RatioAsPercent => {
                "a measure whose unit is percent has every value between 0 and 1: read as ratios, times 100"
            }
            FindingCode::UnitConflict => {
                "one measure of one area is given different units in different files or sheets: its series are kept apart, each named by its source"
            }
            FindingCode::SheetSkipped => {
                "a sheet of a workbook was not read: it is empty or has no header row pmcheck recognises"
            }
            FindingCode::AreaFromSheet => {
                "a sheet has no service-area column: the sheet's name is the service area"
            }
            FindingCode::FormatsNotRead => {
                "a legacy workbook (.xls, .xlsb) has values between 0 and 1: its cell formats (percent, currency) are not read, so a percentage shown as 37% reads as 0.37"
            }
            FindingCode::PeriodsFromDates => {
                "a measure's dates fall a year (or a quarter) apart, each at the start or the end of a fiscal year (or quarter): read as years (or quarters), not months"
            }
        }
    }
}

/// How much a finding matters: an error is a value pmcheck could not use (the data is
/// wrong, and `--strict` refuses it); a warning is a weakness an application would
/// show; a note says how the file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One finding: its code, what it says, and the row (and column) concerned, where one is.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: FindingCode,
    pub message: String,
    pub row: Option<u32>,
    /// The column's letter, where the finding is about one cell.
    pub column: Option<String>,
    /// The sheet it is about when that is not its table's: a sheet skipped, whose
    /// finding is carried by the first table read from the same workbook.
    pub sheet: Option<String>,
}

impl Finding {
    pub fn new(code: FindingCode, message: String, row: Option<u32>) -> Finding {
        Finding {
            code,
            message,
            row,
            column: None,
            sheet: None,
        }
    }

    /// A finding about a whole sheet other than its table's.
    pub fn on_sheet(code: FindingCode, message: String, sheet: &str) -> Finding {
        Finding {
            sheet: Some(sheet.to_owned()),
            ..Finding::new(code, message, None)
        }
    }

    /// The sheet the finding is about: its own, else its table's.
    pub fn sheet_in<'a>(&'a self, table: &'a Table) -> Option<&'a str> {
        self.sheet.as_deref().or(table.sheet.as_deref())
    }

    /// A finding about one cell.
    pub fn in_cell(code: FindingCode, message: String, row: u32, column: String) -> Finding {
        Finding {
            code,
            message,
            row: Some(row),
            column: Some(column),
            sheet: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_described() {
        let mut ids: Vec<&str> = FindingCode::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FindingCode::ALL.len());
        for c in FindingCode::ALL {
            assert!(!c.describe().is_empty());
        }
    }
}
