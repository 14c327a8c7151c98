//! A sheet read: its observations, its measures and the names they use, how its columns
//! were read, and its row counts and findings.

use std::path::PathBuf;

use super::inventory::Finding;
use super::period::Period;
use crate::vocab::{Measure, Role};

/// How to read a file beyond what it says itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sheets of a workbook to read, whatever their case (every sheet whose header
    /// row maps when empty).
    pub sheets: Vec<String>,
    /// Headers named for roles (`--column ROLE=HEADER`, evidence `columns:`).
    pub columns: Vec<(Role, String)>,
    /// The month the fiscal year starts in, 1 to 12.
    pub fiscal_year_start: u32,
    /// The service area of every row (`--area`, evidence `area:`), for a file of one
    /// area with no service-area column.
    pub area: Option<String>,
}

/// How the file lays out its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per measure per period.
    Long,
    /// One row per measure, one column per period and series.
    Wide,
}

impl Layout {
    pub fn id(self) -> &'static str {
        match self {
            Layout::Long => "long",
            Layout::Wide => "wide",
        }
    }
}

/// A header read as a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    pub role: Role,
    pub header: String,
    /// The column's letter.
    pub column: String,
    /// Whether the user named it (rather than pmcheck recognising it).
    pub named: bool,
}

/// One value of one measure in one period (and, with a breakdown, for one group).
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Index into [`Table::measures`].
    pub measure: u32,
    pub period: Period,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub comparison: Option<f64>,
    /// Index into [`Table::strings`]: `District: 3`.
    pub breakdown: Option<u32>,
    /// The row it was read from.
    pub row: u32,
}

/// A measure of a service area, as the file names it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInfo {
    /// Index into [`Table::strings`].
    pub area: u32,
    /// The program inside the area, when the file has a program column: index into
    /// [`Table::strings`]. The measure's name then starts with it (`Patrol · Overtime
    /// hours`), so that one name under two programs is two measures.
    pub program: Option<u32>,
    /// Index into [`Table::strings`].
    pub name: u32,
    pub kind: Option<Measure>,
    /// Every kind the file gives the measure, when it gives more than one.
    pub other_kinds: Vec<Measure>,
    pub unit: Option<String>,
    pub owner: Option<String>,
    /// `Some(true)` when higher is better.
    pub direction: Option<bool>,
    /// Where the measure's data comes from (a source column: a link or a system), the
    /// first given.
    pub source: Option<String>,
    /// The first row that names it.
    pub row: u32,
}

/// A row not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub row: u32,
    pub reason: String,
}

/// How many rows were read, used and skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Data rows below the header.
    pub read: usize,
    pub used: usize,
    pub skipped: usize,
    /// Values left empty or written as "N/A" (counted, never an error).
    pub no_value: usize,
    /// Rows whose empty service area was filled down from the row above.
    pub filled_down: usize,
}

/// One measures file (one sheet), read.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub layout: Layout,
    pub fiscal_year_start: u32,
    /// Which header was read as which role.
    pub mapping: Vec<Mapped>,
    /// Headers read as no role, with their column letters.
    pub unread: Vec<(String, String)>,
    /// Columns that look like a role but were not read as it, and why.
    pub notes: Vec<String>,
    /// Names of areas, measures and breakdowns, each stored once.
    pub strings: Vec<String>,
    pub measures: Vec<MeasureInfo>,
    pub observations: Vec<Observation>,
    pub rows: RowCounts,
    pub skipped: Vec<Skipped>,
    /// What reading the rows found (a value not read, a total row, a footnote marker).
    pub findings: Vec<Finding>,
}

impl Table {
    pub fn string(&self, index: u32) -> &str {
        self.strings.get(index as usize).map_or("", String::as_str)
    }

    pub fn area_name(&self, measure: &MeasureInfo) -> &str {
        self.string(measure.area)
    }

    pub fn measure_name(&self, measure: &MeasureInfo) -> &str {
        self.string(measure.name)
    }

    /// The file (and sheet) as messages name it: `kpis.xlsx (KPIs)`.
    pub fn place(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} ({sheet})", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// The file's name without its folders, as a published page names its source.
    pub fn file_name(&self) -> String {
        self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The file's name and its sheet: `kpis.xlsx (KPIs)`.
    pub fn short_name(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} ({sheet})", self.file_name()),
            None => self.file_name(),
        }
    }
}
