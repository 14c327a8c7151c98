//! From a sheet's rows to observations: the header row, the layout, the role of each
//! column, then every row read, every problem collected with its cell.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

use super::columns::{self, direction_of, kind_of, normalize};
use super::header::{HEAD, PeriodPart, Plan, Refusal, plan};
use super::inventory::{Finding, FindingCode};
use super::period::{self, Period, Series};
use super::source::{self, Cell, Sheet, column_name};
use super::{MAX_PROBLEMS, MeasuresError, value};
use crate::vocab::Measure;
use crate::vocab::Role;

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

    /// Makes measures of one area and name one measure, after their areas were renamed
    /// to one name ([`super::names`]): their values are one series, and two values for one
    /// period are a `conflicting-values` finding, neither used.
    pub fn merge_same_measures(&mut self) {
        let mut first: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut to: Vec<u32> = Vec::with_capacity(self.measures.len());
        let mut kept: Vec<MeasureInfo> = Vec::with_capacity(self.measures.len());
        for m in std::mem::take(&mut self.measures) {
            match first.get(&(m.area, m.name)) {
                Some(&i) => {
                    let k = &mut kept[i as usize];
                    for kind in m.kind.into_iter().chain(m.other_kinds) {
                        if k.kind.is_none() {
                            k.kind = Some(kind);
                        } else if k.kind != Some(kind) && !k.other_kinds.contains(&kind) {
                            k.other_kinds.push(kind);
                        }
                    }
                    k.unit = k.unit.take().or(m.unit);
                    k.owner = k.owner.take().or(m.owner);
                    k.source = k.source.take().or(m.source);
                    k.direction = k.direction.or(m.direction);
                    k.row = k.row.min(m.row);
                    to.push(i);
                }
                None => {
                    let i = u32::try_from(kept.len()).expect("measures fit in u32");
                    first.insert((m.area, m.name), i);
                    kept.push(m);
                    to.push(i);
                }
            }
        }
        let merged = kept.len() < to.len();
        self.measures = kept;
        if !merged {
            return;
        }
        for o in &mut self.observations {
            o.measure = to[o.measure as usize];
        }
        for (first, o) in drop_conflicts(&mut self.observations) {
            let m = &self.measures[o.measure as usize];
            let message = conflict_message(
                self.area_name(m),
                self.measure_name(m),
                self.fiscal_year_start,
                &first,
                &o,
                &format!("row {}", first.row),
            );
            self.findings.push(Finding::new(
                FindingCode::ConflictingValues,
                message,
                Some(o.row),
            ));
        }
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

/// Reads one measures file with `options`: a CSV file is one table; a workbook is a
/// table per sheet (the sheets named, or every sheet whose header row maps, the others
/// skipped with a `sheet-skipped` finding carried by the first table read).
pub fn read_file(path: &Path, options: &Options) -> Result<Vec<Table>, MeasuresError> {
    let format = source::Format::of(path);
    if !options.sheets.is_empty() && format == Some(source::Format::Csv) {
        return Err(MeasuresError::file(
            path,
            "is a CSV file, which has no sheets; leave out the sheet (it names a sheet of a workbook)",
        ));
    }
    if format != Some(source::Format::Workbook) || path.is_dir() {
        let sheet = source::read(path, None)?;
        return Ok(vec![read_sheet(path, sheet, options)?]);
    }
    let names = source::sheet_names(path)?;
    if options.sheets.is_empty() {
        every_sheet(path, &names, options)
    } else {
        named_sheets(path, &names, options)
    }
}

/// The sheets `options` names, each of which must exist, hold data and map.
fn named_sheets(
    path: &Path,
    names: &[String],
    options: &Options,
) -> Result<Vec<Table>, MeasuresError> {
    let mut chosen: Vec<String> = Vec::new();
    for want in &options.sheets {
        let name = source::find_sheet(path, names, want)?;
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    let mut tables = Vec::new();
    source::for_each_sheet(path, Some(&chosen), |name, found| {
        let sheet = match found {
            source::Found::Cells(sheet) => sheet,
            source::Found::Empty => {
                return Err(MeasuresError::file(
                    path,
                    format!("sheet `{}` is empty", crate::diagnostic::printable(name)),
                ));
            }
            source::Found::NotAWorksheet => {
                return Err(MeasuresError::file(
                    path,
                    format!(
                        "sheet `{}` is a chart sheet, with no cells to read; its sheets: {}",
                        crate::diagnostic::printable(name),
                        source::sheet_list(names)
                    ),
                ));
            }
        };
        match read_planned(path, sheet, options) {
            Ok(table) => tables.push(table),
            Err(SheetError::Failed(e)) => return Err(e),
            Err(SheetError::Refused(r)) => return Err(in_sheet(*r.error, name, names)),
        }
        Ok(())
    })?;
    Ok(tables)
}

/// Every sheet of a workbook: a table for each whose header row maps, a `sheet-skipped`
/// finding for each other; an error when none maps.
fn every_sheet(
    path: &Path,
    names: &[String],
    options: &Options,
) -> Result<Vec<Table>, MeasuresError> {
    let mut tables: Vec<Table> = Vec::new();
    // Sheets passed over: name, why, and the error had it been named.
    let mut skipped: Vec<(String, String, Option<MeasuresError>)> = Vec::new();
    source::for_each_sheet(path, None, |name, found| {
        match found {
            source::Found::Cells(sheet) => match read_planned(path, sheet, options) {
                Ok(table) => tables.push(table),
                Err(SheetError::Failed(e)) => return Err(e),
                Err(SheetError::Refused(r)) => {
                    skipped.push((name.to_owned(), r.reason, Some(*r.error)));
                }
            },
            source::Found::Empty => skipped.push((name.to_owned(), "it is empty".into(), None)),
            source::Found::NotAWorksheet => skipped.push((
                name.to_owned(),
                "it is a chart sheet, with no cells to read".into(),
                None,
            )),
        }
        Ok(())
    })?;
    let Some(first) = tables.first_mut() else {
        return Err(nothing_mapped(path, names, skipped));
    };
    for (name, why, _) in skipped {
        first.findings.push(Finding::on_sheet(
            FindingCode::SheetSkipped,
            format!(
                "sheet `{}` was not read: {}; name the sheets to read with --sheet (or `sheets:` in the evidence file)",
                crate::diagnostic::printable(&name),
                crate::diagnostic::printable(&why)
            ),
            &name,
        ));
    }
    Ok(tables)
}

/// The error of a workbook none of whose sheets maps: the one sheet's own error when
/// only one sheet holds cells, else each sheet with why it was passed over.
fn nothing_mapped(
    path: &Path,
    names: &[String],
    mut skipped: Vec<(String, String, Option<MeasuresError>)>,
) -> MeasuresError {
    let with_cells = skipped.iter().filter(|s| s.2.is_some()).count();
    if with_cells == 0 {
        return MeasuresError::file(path, "has no sheet with data");
    }
    if with_cells == 1
        && let Some((name, _, Some(error))) = skipped
            .iter_mut()
            .find(|s| s.2.is_some())
            .map(|(n, w, e)| (std::mem::take(n), std::mem::take(w), e.take()))
    {
        return if names.len() == 1 {
            error
        } else {
            in_sheet(error, &name, names)
        };
    }
    let tried: Vec<String> = skipped
        .iter()
        .map(|(name, why, _)| {
            format!(
                "`{}`: {}",
                crate::diagnostic::printable(name),
                crate::diagnostic::printable(why)
            )
        })
        .collect();
    MeasuresError::file(
        path,
        format!(
            "has no sheet with a header row pmcheck recognises ({}); name the sheet with --sheet NAME and its columns with --column ROLE=HEADER",
            tried.join("; ")
        ),
    )
}

/// A file error about one sheet of a workbook, naming the sheet and the workbook's
/// sheets.
fn in_sheet(error: MeasuresError, name: &str, names: &[String]) -> MeasuresError {
    let MeasuresError::File(mut p) = error;
    let sep = if p.message.starts_with("has ") {
        " "
    } else {
        ": "
    };
    p.message = format!(
        "sheet `{}`{sep}{} (the workbook's sheets: {})",
        crate::diagnostic::printable(name),
        p.message,
        source::sheet_list(names)
    );
    MeasuresError::File(p)
}

/// Why a sheet gave no table: its header row does not map (a sheet that may be
/// skipped), or it cannot be read (an error whatever the sheet).
enum SheetError {
    Refused(Refusal),
    Failed(MeasuresError),
}

impl From<MeasuresError> for SheetError {
    fn from(e: MeasuresError) -> SheetError {
        SheetError::Failed(e)
    }
}

/// Reads the rows of a sheet already loaded.
pub fn read_sheet(path: &Path, sheet: Sheet, options: &Options) -> Result<Table, MeasuresError> {
    read_planned(path, sheet, options).map_err(|e| match e {
        SheetError::Refused(r) => *r.error,
        SheetError::Failed(e) => e,
    })
}

fn read_planned(path: &Path, sheet: Sheet, options: &Options) -> Result<Table, SheetError> {
    let fys = options.fiscal_year_start.clamp(1, 12);
    let head = sheet.head(path, HEAD)?;
    let plan = plan(
        path,
        &head,
        sheet.first_column,
        options,
        fys,
        sheet.name.as_deref(),
    )
    .map_err(SheetError::Refused)?;
    drop(head);
    let mut reader = RowReader {
        plan: &plan,
        fys,
        first_column: sheet.first_column,
        strings: Vec::new(),
        string_index: FxHashMap::default(),
        measures: Vec::new(),
        measure_index: FxHashMap::default(),
        observations: Vec::new(),
        findings: Vec::new(),
        unreadable: 0,
        observed_in_row: false,
        footnotes: Vec::new(),
        footnote_count: 0,
        signed_percent: rustc_hash::FxHashSet::default(),
        notices: Vec::new(),
        totals: Vec::new(),
        rows: RowCounts::default(),
        skipped: Vec::new(),
        periods: FxHashMap::default(),
        kinds: FxHashMap::default(),
        last_area: None,
        last_program: None,
    };
    sheet.for_each_row(path, plan.header_index + 1, |row, cells| {
        reader.row(row, cells);
        true
    })?;
    reader.duplicates();
    reader.ratios_as_percent();
    if reader.unreadable == 0 && reader.observations.is_empty() && reader.totals.is_empty() {
        let rows = format!(
            "a header row (row {}) but no rows of data under it",
            plan.header_row
        );
        return Err(SheetError::Refused(Refusal::new(
            path,
            format!("has {rows}"),
            format!("it has {rows}"),
        )));
    }
    let mut findings = reader.findings();
    if let Some(area) = &plan.area_from_sheet {
        findings.push(Finding::new(
            FindingCode::AreaFromSheet,
            format!(
                "sheet `{}` has no service-area column: its measures are read as the service area `{}`; name the column with --column service_area=HEADER if it has one",
                crate::diagnostic::printable(sheet.name.as_deref().unwrap_or_default()),
                crate::diagnostic::printable(area)
            ),
            None,
        ));
    }
    Ok(Table {
        file: path.to_path_buf(),
        sheet: sheet.name,
        layout: plan.layout,
        fiscal_year_start: fys,
        mapping: plan.mapping.clone(),
        unread: plan.unread.clone(),
        notes: plan.notes.clone(),
        strings: reader.strings,
        measures: reader.measures,
        observations: reader.observations,
        rows: reader.rows,
        skipped: reader.skipped,
        findings,
    })
}

/// Reads data rows one by one into the table being built.
struct RowReader<'p> {
    plan: &'p Plan,
    fys: u32,
    first_column: u32,
    strings: Vec<String>,
    string_index: FxHashMap<String, u32>,
    measures: Vec<MeasureInfo>,
    measure_index: FxHashMap<(u32, u32), u32>,
    observations: Vec<Observation>,
    /// `unreadable-value` and `conflicting-values` findings, the first
    /// [`MAX_PROBLEMS`] of them; [`RowReader::unreadable`] counts them all.
    findings: Vec<Finding>,
    unreadable: usize,
    /// Whether the row being read gave an observation.
    observed_in_row: bool,
    /// Values read without their footnote marker: row, column letter, the cell's text
    /// (the first [`MAX_PROBLEMS`]; [`RowReader::footnote_count`] counts them all).
    footnotes: Vec<(u32, String, String)>,
    footnote_count: usize,
    /// Measures with a value written with a percent sign, or formatted as a percentage:
    /// their values are percentages whatever their size.
    signed_percent: rustc_hash::FxHashSet<u32>,
    /// Findings about whole measures (not cells): `ratio-as-percent`.
    notices: Vec<Finding>,
    /// Rows skipped as totals.
    totals: Vec<u32>,
    rows: RowCounts,
    skipped: Vec<Skipped>,
    /// Period texts already parsed.
    periods: FxHashMap<String, Result<Period, String>>,
    /// Kind texts already read.
    kinds: FxHashMap<String, Option<Measure>>,
    /// The last service area named, for rows that leave it empty under it.
    last_area: Option<(u32, String)>,
    /// The program of the rows being read, filled down under its department.
    last_program: Option<String>,
}

impl RowReader<'_> {
    /// A cell that could not be read: an error-severity finding naming it; the value is
    /// not used, and the rest of the file is read.
    fn problem(&mut self, row: u32, column: Option<usize>, message: String) {
        self.problem_coded(FindingCode::UnreadableValue, row, column, message);
    }

    fn problem_coded(
        &mut self,
        code: FindingCode,
        row: u32,
        column: Option<usize>,
        message: String,
    ) {
        self.unreadable += 1;
        if self.findings.len() >= MAX_PROBLEMS {
            return;
        }
        let finding = match column {
            Some(c) => {
                let letter = column_name(self.first_column + c as u32);
                Finding::in_cell(code, message, row, letter)
            }
            None => Finding::new(code, message, Some(row)),
        };
        self.findings.push(finding);
    }

    /// Every finding of the reading: the cells not read (and a count of those not
    /// listed), the total rows skipped, the values read without a footnote marker.
    fn findings(&mut self) -> Vec<Finding> {
        let mut out = std::mem::take(&mut self.findings);
        let notices = std::mem::take(&mut self.notices);
        if self.unreadable > out.len() {
            out.push(Finding::new(
                FindingCode::UnreadableValue,
                format!(
                    "and {} more cells could not be read (the first {MAX_PROBLEMS} are listed)",
                    self.unreadable - out.len()
                ),
                None,
            ));
        }
        if !self.totals.is_empty() {
            let rows: Vec<String> = self.totals.iter().map(u32::to_string).collect();
            out.push(Finding::new(
                FindingCode::TotalRow,
                format!(
                    "{} total row{} skipped (a total is not a measure): row{} {}",
                    rows.len(),
                    if rows.len() == 1 { " was" } else { "s were" },
                    if rows.len() == 1 { "" } else { "s" },
                    super::few_plain(&rows, 20)
                ),
                Some(self.totals[0]),
            ));
        }
        if !self.footnotes.is_empty() {
            let mut cells: Vec<String> = self
                .footnotes
                .iter()
                .map(|(row, column, text)| format!("{column}{row} {}", value::quote(text)))
                .collect();
            let count = self.footnote_count;
            if count > cells.len() {
                cells.push(format!("and {} more", count - cells.len()));
            }
            let (row, column, _) = &self.footnotes[0];
            out.push(Finding::in_cell(
                FindingCode::FootnoteMarker,
                format!(
                    "{count} value{} read without {} footnote marker: {}; the note itself is not read, check that it does not change the value",
                    if count == 1 { " was" } else { "s were" },
                    if count == 1 { "its" } else { "their" },
                    super::few_plain(&cells, 10)
                ),
                *row,
                column.clone(),
            ));
        }
        out.extend(notices);
        out
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.string_index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_owned());
        self.string_index.insert(s.to_owned(), i);
        i
    }

    fn text<'c>(&self, cells: &[Cell<'c>], role: Role) -> Option<std::borrow::Cow<'c, str>> {
        let i = *self.plan.roles.get(&role)?;
        let t = cells.get(i)?.text();
        (!t.is_empty()).then_some(t)
    }

    fn skip(&mut self, row: u32, reason: &str) {
        self.rows.skipped += 1;
        self.skipped.push(Skipped {
            row,
            reason: reason.to_owned(),
        });
    }

    fn row(&mut self, row: u32, cells: &[Cell<'_>]) {
        if cells.iter().all(Cell::is_empty) {
            return;
        }
        self.rows.read += 1;
        self.observed_in_row = false;
        let area = self.text(cells, Role::ServiceArea);
        let name = self.text(cells, Role::Measure);
        let program = self.text(cells, Role::Program);
        if area.as_deref().is_some_and(columns::is_total_name)
            || program.as_deref().is_some_and(columns::is_total_name)
            || name
                .as_deref()
                .is_some_and(|n| columns::is_total_measure(n, area.as_deref()))
        {
            self.rows.skipped += 1;
            self.skipped.push(Skipped {
                row,
                reason: "a total row".to_owned(),
            });
            self.totals.push(row);
            return;
        }
        let Some(measure_name) = self.text(cells, Role::Measure) else {
            self.skip(row, "no measure name");
            return;
        };
        // A grouped export names the department on its first row only: an empty
        // service area right under a named one is filled down, and counted.
        let plan = self.plan;
        let area_name = match self.text(cells, Role::ServiceArea) {
            // A workbook sheet with no service-area column: the sheet is the area.
            None if plan.area_from_sheet.is_some() => {
                std::borrow::Cow::Borrowed(plan.area_from_sheet.as_deref().unwrap_or_default())
            }
            Some(name) => {
                self.last_area = Some((row, name.clone().into_owned()));
                // A new department row starts with its own program, or none.
                self.last_program = None;
                name
            }
            None => match &self.last_area {
                Some((_, name)) => {
                    self.rows.filled_down += 1;
                    std::borrow::Cow::Owned(name.clone())
                }
                None => {
                    self.skip(row, "no service area");
                    return;
                }
            },
        };
        // The program, filled down as the department is (merged program cells of a
        // budget book): a row that names its department names its program too.
        let program = match program {
            Some(p) => {
                self.last_program = Some(p.clone().into_owned());
                Some(p)
            }
            None => self.last_program.clone().map(std::borrow::Cow::Owned),
        };
        let measure_name = match &program {
            Some(p) => std::borrow::Cow::Owned(format!("{p} · {measure_name}")),
            None => measure_name,
        };
        let Some(measure) = self.measure(row, cells, &area_name, &measure_name) else {
            return;
        };
        if let Some(p) = program {
            let p = self.intern(&p);
            self.measures[measure as usize].program = Some(p);
        }
        let breakdown = self.breakdown(cells);
        match self.plan.layout {
            Layout::Long => self.long(row, cells, measure, breakdown),
            Layout::Wide => self.wide(row, cells, measure, breakdown),
        }
        if self.observed_in_row {
            self.rows.used += 1;
        }
    }

    /// The kind a text names (each distinct text read once).
    fn kind(&mut self, text: &str) -> Option<Measure> {
        if let Some(k) = self.kinds.get(text) {
            return *k;
        }
        let k = kind_of(text);
        self.kinds.insert(text.to_owned(), k);
        k
    }

    fn breakdown(&mut self, cells: &[Cell<'_>]) -> Option<u32> {
        let value = self.text(cells, Role::Breakdown)?;
        let name = self.plan.breakdown_name.clone().unwrap_or_default();
        Some(self.intern(&format!("{name}: {value}")))
    }

    /// The measure a row names, created on first sight; its kind checked.
    fn measure(&mut self, row: u32, cells: &[Cell<'_>], area: &str, name: &str) -> Option<u32> {
        let kind = match (
            self.text(cells, Role::Kind),
            self.plan.roles.get(&Role::Kind),
        ) {
            (Some(t), Some(&i)) => match self.kind(&t) {
                Some(k) => Some(k),
                None => {
                    let message = format!(
                        "{} is not a measure kind; write input, output, workload, efficiency or outcome (effectiveness and demand are read as outcome and workload), or leave it empty",
                        value::quote(&t)
                    );
                    self.problem(row, Some(i), message);
                    None
                }
            },
            _ => None,
        };
        let (a, n) = (self.intern(area), self.intern(name));
        let direction = self
            .text(cells, Role::Direction)
            .and_then(|t| direction_of(&t));
        let unit = self.text(cells, Role::Unit);
        let owner = self.text(cells, Role::Owner);
        let source = self.text(cells, Role::Source);
        let index = match self.measure_index.get(&(a, n)) {
            Some(&i) => i,
            None => {
                let i = self.measures.len() as u32;
                self.measures.push(MeasureInfo {
                    area: a,
                    program: None,
                    name: n,
                    kind,
                    other_kinds: Vec::new(),
                    unit: None,
                    owner: None,
                    direction: None,
                    source: None,
                    row,
                });
                self.measure_index.insert((a, n), i);
                i
            }
        };
        let m = &mut self.measures[index as usize];
        if let Some(k) = kind {
            match m.kind {
                None => m.kind = Some(k),
                Some(first) if first != k && !m.other_kinds.contains(&k) => m.other_kinds.push(k),
                Some(_) => {}
            }
        }
        if m.unit.is_none() {
            // `Percent` as `%`: the values show as percentages, changes in points.
            m.unit = unit.map(|u| value::canonical_unit(&u).into_owned());
        }
        m.owner = m.owner.take().or(owner.map(std::borrow::Cow::into_owned));
        if m.source.is_none() {
            m.source = source.map(std::borrow::Cow::into_owned);
        }
        m.direction = m.direction.or(direction);
        Some(index)
    }

    /// A number cell of a role: `Ok(None)` for no value.
    fn number(&mut self, row: u32, cells: &[Cell<'_>], i: usize) -> Result<Option<f64>, ()> {
        match cells.get(i) {
            None | Some(Cell::Empty) => Ok(None),
            Some(Cell::Number(n) | Cell::Unit(n, _)) if n.is_finite() => Ok(Some(*n)),
            Some(Cell::Number(_) | Cell::Unit(..)) => Ok(None),
            Some(Cell::Date(d)) => {
                self.problem(
                    row,
                    Some(i),
                    format!("{d} is a date where a number belongs; write the value as a number"),
                );
                Err(())
            }
            Some(Cell::Text(t)) => match value::parse(t) {
                Ok(v) => Ok(v),
                Err(message) => {
                    // `45.3%*`: the value, read without its footnote marker, and said.
                    if let Some((base, _)) = value::split_footnote(t)
                        && let Ok(Some(v)) = value::parse(base)
                    {
                        self.footnote_count += 1;
                        if self.footnotes.len() < MAX_PROBLEMS {
                            let column = column_name(self.first_column + i as u32);
                            self.footnotes.push((row, column, (*t).to_owned()));
                        }
                        return Ok(Some(v));
                    }
                    self.problem(row, Some(i), message);
                    Err(())
                }
            },
        }
    }

    /// A value cell of `measure` read as a number: when the file gives the measure no
    /// unit, a percent or currency sign written with its values, or shown by the cell's
    /// format, is its unit.
    fn value(
        &mut self,
        row: u32,
        cells: &[Cell<'_>],
        i: usize,
        measure: u32,
    ) -> Result<Option<f64>, ()> {
        let v = self.number(row, cells, i)?;
        if v.is_none() {
            return Ok(v);
        }
        let sign = match cells.get(i) {
            Some(Cell::Text(t)) => {
                value::unit_sign(value::split_footnote(t).map_or(t, |(base, _)| base))
            }
            // The cell's format: `0%`, `$#,##0`.
            Some(Cell::Unit(_, unit)) => Some(*unit),
            _ => None,
        };
        if sign == Some("%") {
            self.signed_percent.insert(measure);
        }
        if let Some(sign) = sign {
            let m = &mut self.measures[measure as usize];
            if m.unit.is_none() {
                m.unit = Some(sign.to_owned());
            }
        }
        Ok(v)
    }

    fn period(&mut self, row: u32, cells: &[Cell<'_>]) -> Option<Period> {
        let i = *self.plan.roles.get(&Role::Period)?;
        let cell = cells.get(i).copied().unwrap_or(Cell::Empty);
        let text = match (&cell, self.plan.period_part) {
            (Cell::Empty, _) => {
                self.problem(
                    row,
                    Some(i),
                    "the period is empty; write a year (2023), a fiscal year (FY2023), a quarter (2021 Q3) or a month (2021-07)".to_owned(),
                );
                return None;
            }
            (_, Some((j, part))) => {
                let sub = cells.get(j).map(Cell::text).unwrap_or_default();
                let year = cell.text();
                // Fiscal only when the column or the cell says so: a calendar year
                // with a calendar quarter is mapped to the fiscal quarter it falls in.
                let fy = normalize(&year).starts_with("fy") || self.plan.fiscal_year_column;
                match part {
                    PeriodPart::Quarter => {
                        let q = sub.trim().trim_start_matches(['Q', 'q']);
                        if fy {
                            format!(
                                "FY{} Q{q}",
                                year.trim_start_matches(['F', 'Y', 'f', 'y']).trim()
                            )
                        } else {
                            format!("{year} Q{q}")
                        }
                    }
                    PeriodPart::Month => format!("{sub} {year}"),
                }
            }
            (Cell::Date(d), None) => return Some(period::from_date(*d)),
            (Cell::Number(n), None) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
                return Some(Period::Year(*n as i32));
            }
            (Cell::Number(n), None) => match period::from_excel_serial(*n) {
                Some(d) => return Some(period::from_date(d)),
                None => source::format_number(*n),
            },
            // A percentage or an amount is no period: said as the cell shows it.
            (Cell::Unit(..), None) => cell.text().into_owned(),
            (Cell::Text(t), None) => {
                // Periods repeat on every row of a long file: each text is parsed once.
                if let Some(found) = self.periods.get(*t) {
                    return match found {
                        Ok(p) => Some(*p),
                        Err(message) => {
                            let message = message.clone();
                            self.problem(row, Some(i), message);
                            None
                        }
                    };
                }
                let parsed = period::parse(t, self.fys);
                self.periods.insert((*t).to_owned(), parsed.clone());
                return match parsed {
                    Ok(p) => Some(p),
                    Err(message) => {
                        self.problem(row, Some(i), message);
                        None
                    }
                };
            }
        };
        match period::parse(&text, self.fys) {
            Ok(p) => Some(p),
            Err(message) => {
                self.problem(row, Some(i), message);
                None
            }
        }
    }

    fn long(&mut self, row: u32, cells: &[Cell<'_>], measure: u32, breakdown: Option<u32>) {
        let period = self.period(row, cells);
        let role_number = |r: &mut Self, role: Role| -> Result<Option<f64>, ()> {
            match r.plan.roles.get(&role) {
                Some(&i) => r.value(row, cells, i, measure),
                None => Ok(None),
            }
        };
        let actual = role_number(self, Role::Actual);
        let target = role_number(self, Role::Target);
        let comparison = role_number(self, Role::Comparison);
        let (Some(period), Ok(actual), Ok(target), Ok(comparison)) =
            (period, actual, target, comparison)
        else {
            return;
        };
        if actual.is_none() {
            self.rows.no_value += 1;
        }
        self.observe(Observation {
            measure,
            period,
            actual,
            target,
            comparison,
            breakdown,
            row,
        });
    }

    fn wide(&mut self, row: u32, cells: &[Cell<'_>], measure: u32, breakdown: Option<u32>) {
        let mut by_period: Vec<Observation> = Vec::new();
        for &(i, period, series) in &self.plan.periods {
            if series == Series::Other {
                continue;
            }
            let Ok(v) = self.value(row, cells, i, measure) else {
                continue;
            };
            if series == Series::Actual && v.is_none() {
                self.rows.no_value += 1;
            }
            let slot = match by_period.iter_mut().find(|o| o.period == period) {
                Some(o) => o,
                None => {
                    by_period.push(Observation {
                        measure,
                        period,
                        actual: None,
                        target: None,
                        comparison: None,
                        breakdown,
                        row,
                    });
                    by_period.last_mut().expect("just pushed")
                }
            };
            match series {
                Series::Actual => slot.actual = v,
                Series::Target => slot.target = v,
                Series::Other => {}
            }
        }
        for o in by_period {
            self.observe(o);
        }
    }

    fn observe(&mut self, o: Observation) {
        self.observed_in_row = true;
        self.observations.push(o);
    }

    /// A measure whose unit column says percent but whose every value lies between 0 and
    /// 1, none written with a percent sign (a scorecard's 0.612 for 61.2%), is read as
    /// ratios: its values times 100, with a `ratio-as-percent` finding naming it.
    fn ratios_as_percent(&mut self) {
        let mut ratio: Vec<bool> = self
            .measures
            .iter()
            .map(|m| m.unit.as_deref() == Some("%"))
            .collect();
        let mut fraction: Vec<bool> = vec![false; self.measures.len()];
        for &m in &self.signed_percent {
            ratio[m as usize] = false;
        }
        for o in &self.observations {
            let i = o.measure as usize;
            for v in [o.actual, o.target, o.comparison].into_iter().flatten() {
                if !(0.0..=1.0).contains(&v) {
                    ratio[i] = false;
                }
                fraction[i] |= v > 0.0 && v < 1.0;
            }
        }
        let scaled: Vec<bool> = ratio.iter().zip(&fraction).map(|(r, f)| *r && *f).collect();
        if !scaled.contains(&true) {
            return;
        }
        let percent = |v: Option<f64>| v.map(|v| (v * 1e11).round() / 1e9);
        for o in &mut self.observations {
            if scaled[o.measure as usize] {
                o.actual = percent(o.actual);
                o.target = percent(o.target);
                o.comparison = percent(o.comparison);
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            if scaled[i] {
                self.notices.push(Finding::new(
                    FindingCode::RatioAsPercent,
                    format!(
                        "`{}` ({}) has the unit % and every value between 0 and 1: read as ratios (0.612 is 61.2%); if they are percentages already, write them with a % sign",
                        crate::diagnostic::printable(self.string(m.name)),
                        crate::diagnostic::printable(self.string(m.area)),
                    ),
                    Some(m.row),
                ));
            }
        }
    }

    /// The same measure, group and period on two rows: see [`drop_conflicts`].
    fn duplicates(&mut self) {
        for (first, o) in drop_conflicts(&mut self.observations) {
            let m = &self.measures[o.measure as usize];
            let message = conflict_message(
                self.string(m.area),
                self.string(m.name),
                self.fys,
                &first,
                &o,
                &format!("row {}", first.row),
            );
            self.problem_coded(FindingCode::ConflictingValues, o.row, None, message);
        }
    }

    fn string(&self, i: u32) -> &str {
        self.strings.get(i as usize).map_or("", String::as_str)
    }
}

/// The same measure, group and period on two rows: identical values are kept once;
/// of different values neither is kept (which one is right, only the file's owner knows),
/// and the pairs are returned, each the earlier row first, in the later rows' order.
/// Found by sorting (stable, so the earlier row of a pair comes first) rather than with a
/// map looked up on every row.
fn drop_conflicts(observations: &mut Vec<Observation>) -> Vec<(Observation, Observation)> {
    let key = |o: &Observation| (o.measure, o.breakdown, o.period);
    observations.sort_by_key(key);
    let mut clashes: Vec<(Observation, Observation)> = Vec::new();
    // In place: of consecutive observations with one key, the first (earliest row) is kept.
    observations.dedup_by(|later, first| {
        let same = key(later) == key(first);
        if same && (first.actual != later.actual || first.target != later.target) {
            clashes.push((first.clone(), later.clone()));
        }
        same
    });
    if !clashes.is_empty() {
        let clashed: rustc_hash::FxHashSet<_> = clashes.iter().map(|(f, _)| key(f)).collect();
        observations.retain(|o| !clashed.contains(&key(o)));
    }
    clashes.sort_by_key(|(_, later)| later.row);
    clashes
}

/// The sheets of one workbook judged as one table would be: a measure (its service area
/// and name, after [`super::names`]) on two sheets with one value for one period keeps it
/// once; with two different values, neither is used, and the later sheet's table gains a
/// `conflicting-values` finding naming the other sheet. Tables of different files, or of
/// one file read twice, are left as they are.
pub fn judge_sheets_together(tables: &mut [Table]) {
    for later in 1..tables.len() {
        let (before, rest) = tables.split_at_mut(later);
        let table = &mut rest[0];
        for earlier in before.iter_mut() {
            if earlier.file == table.file && earlier.sheet.is_some() && earlier.sheet != table.sheet
            {
                clash_across_sheets(earlier, table);
            }
        }
    }
}

/// One measure's value for one period in one group, named by its strings: the key two
/// tables compare.
type ValueKey<'t> = (&'t str, &'t str, Option<&'t str>, Period);

fn value_key<'t>(t: &'t Table, o: &Observation) -> ValueKey<'t> {
    let m = &t.measures[o.measure as usize];
    (
        t.area_name(m),
        t.measure_name(m),
        o.breakdown.map(|b| t.string(b)),
        o.period,
    )
}

/// What [`judge_sheets_together`] does for one pair of sheets.
fn clash_across_sheets(earlier: &mut Table, later: &mut Table) {
    let shared: rustc_hash::FxHashSet<(&str, &str)> = later
        .measures
        .iter()
        .map(|m| (later.area_name(m), later.measure_name(m)))
        .collect();
    let index: FxHashMap<ValueKey<'_>, usize> = earlier
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            let m = &earlier.measures[o.measure as usize];
            shared.contains(&(earlier.area_name(m), earlier.measure_name(m)))
        })
        .map(|(i, o)| (value_key(earlier, o), i))
        .collect();
    if index.is_empty() {
        return;
    }
    let mut drop_earlier: Vec<usize> = Vec::new();
    let mut drop_later: Vec<usize> = Vec::new();
    let mut findings: Vec<Finding> = Vec::new();
    for (i, o) in later.observations.iter().enumerate() {
        let Some(&j) = index.get(&value_key(later, o)) else {
            continue;
        };
        let first = &earlier.observations[j];
        drop_later.push(i);
        if first.actual == o.actual && first.target == o.target {
            continue;
        }
        drop_earlier.push(j);
        let m = &later.measures[o.measure as usize];
        let on = format!(
            "row {} of sheet `{}`",
            first.row,
            crate::diagnostic::printable(earlier.sheet.as_deref().unwrap_or_default())
        );
        findings.push(Finding::new(
            FindingCode::ConflictingValues,
            conflict_message(
                later.area_name(m),
                later.measure_name(m),
                later.fiscal_year_start,
                first,
                o,
                &on,
            ),
            Some(o.row),
        ));
    }
    remove_indices(&mut earlier.observations, &drop_earlier);
    remove_indices(&mut later.observations, &drop_later);
    later.findings.extend(findings);
}

/// `items` without those at `indices`.
fn remove_indices<T>(items: &mut Vec<T>, indices: &[usize]) {
    if indices.is_empty() {
        return;
    }
    let gone: rustc_hash::FxHashSet<usize> = indices.iter().copied().collect();
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// A `conflicting-values` finding's words for measure `name` of `area`, the other value
/// being `on` (`row 4`, `row 4 of sheet `Parks``).
fn conflict_message(
    area: &str,
    name: &str,
    fys: u32,
    first: &Observation,
    o: &Observation,
    on: &str,
) -> String {
    format!(
        "`{}` of `{}` for {} has {} here and {} on {on}; neither is used: keep one row per measure and period",
        crate::diagnostic::printable(name),
        crate::diagnostic::printable(area),
        o.period.label(fys),
        describe_values(o.actual, o.target),
        describe_values(first.actual, first.target),
    )
}

fn describe_values(actual: Option<f64>, target: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or("no value".to_owned(), source::format_number);
    format!("actual {}, target {}", show(actual), show(target))
}
