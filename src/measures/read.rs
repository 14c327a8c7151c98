//! From a sheet's rows to observations: the header row, the layout, the role of each
//! column, then every row read, every problem collected with its cell.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

use super::columns::{self, Role, direction_of, kind_of, normalize, role_of};
use super::period::{self, Period, Series};
use super::source::{self, Cell, OwnedCell, Sheet, column_name};
use super::{CellProblem, MAX_PROBLEMS, MeasuresError, value};
use crate::evidence::Measure;

/// How to read a file beyond what it says itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sheet of a workbook (the first sheet with data when `None`).
    pub sheet: Option<String>,
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
    /// Index into [`Table::strings`].
    pub name: u32,
    pub kind: Option<Measure>,
    /// Every kind the file gives the measure, when it gives more than one.
    pub other_kinds: Vec<Measure>,
    pub unit: Option<String>,
    pub owner: Option<String>,
    /// `Some(true)` when higher is better.
    pub direction: Option<bool>,
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
}

/// Rows searched for the header row.
const HEADER_SEARCH: usize = 30;
/// Rows sampled to check that a column holds what its header says.
const SAMPLE: usize = 200;

/// Reads one measures file with `options`.
pub fn read_file(path: &Path, options: &Options) -> Result<Table, MeasuresError> {
    if options.sheet.is_some() && source::Format::of(path) == Some(source::Format::Csv) {
        return Err(MeasuresError::file(
            path,
            "is a CSV file, which has no sheets; leave out the sheet (it names a sheet of a workbook)",
        ));
    }
    let names = source::sheet_names(path)?;
    if options.sheet.is_some() || names.len() <= 1 {
        let sheet = source::read(path, options.sheet.as_deref())?;
        return read_sheet(path, sheet, options);
    }
    // A workbook with several sheets and none named: the first sheet whose header row
    // is recognised (a notes or cover sheet before the data is common).
    let mut tried = Vec::new();
    for name in &names {
        // An empty sheet (a cover, a chart) is passed over, not an error.
        let Ok(sheet) = source::read(path, Some(name)) else {
            continue;
        };
        let head = sheet.head(path, HEAD)?;
        if head.is_empty() {
            continue;
        }
        let fys = options.fiscal_year_start.clamp(1, 12);
        if plan(path, &head, sheet.first_column, options, fys).is_ok() {
            return read_sheet(path, sheet, options);
        }
        tried.push(format!("`{}`", crate::diagnostic::printable(name)));
    }
    if tried.is_empty() {
        return Err(MeasuresError::file(path, "has no sheet with data"));
    }
    Err(MeasuresError::file(
        path,
        format!(
            "has no sheet with a header row pmcheck recognises (tried {}); name the sheet with --sheet NAME and its columns with --column ROLE=HEADER",
            tried.join(", ")
        ),
    ))
}

/// Reads the rows of a sheet already loaded.
pub fn read_sheet(path: &Path, sheet: Sheet, options: &Options) -> Result<Table, MeasuresError> {
    let fys = options.fiscal_year_start.clamp(1, 12);
    let head = sheet.head(path, HEAD)?;
    let plan = plan(path, &head, sheet.first_column, options, fys)?;
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
        problems: Vec::new(),
        omitted: 0,
        rows: RowCounts::default(),
        skipped: Vec::new(),
        periods: FxHashMap::default(),
        kinds: FxHashMap::default(),
        last_area: None,
    };
    sheet.for_each_row(path, plan.header_index + 1, |row, cells| {
        reader.row(row, cells);
        true
    })?;
    reader.duplicates();
    if reader.problems.is_empty() && reader.observations.is_empty() {
        return Err(MeasuresError::file(
            path,
            format!(
                "has a header row (row {}) but no rows of data under it",
                plan.header_row
            ),
        ));
    }
    if !reader.problems.is_empty() {
        return Err(MeasuresError::Cells {
            file: path.to_path_buf(),
            sheet: sheet.name,
            problems: reader.problems,
            omitted: reader.omitted,
        });
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
    })
}

/// What each column is, decided from the header row (and a sample of the data).
struct Plan {
    header_index: usize,
    header_row: u32,
    layout: Layout,
    /// Column index (in the row) per role.
    roles: RoleColumns,
    /// Second period column for a year + quarter (or month) pair.
    period_part: Option<(usize, PeriodPart)>,
    /// Whether the year of such a pair is a fiscal year (its header says so).
    fiscal_year_column: bool,
    /// Wide layout: the period columns.
    periods: Vec<(usize, Period, Series)>,
    /// The breakdown column's header (the group's category, `District`).
    breakdown_name: Option<String>,
    mapping: Vec<Mapped>,
    unread: Vec<(String, String)>,
    notes: Vec<String>,
}

/// The column of each role, looked up on every row: an array by role, not a map.
#[derive(Debug, Clone, Copy, Default)]
struct RoleColumns([Option<usize>; Role::ALL.len()]);

impl RoleColumns {
    fn slot(role: Role) -> usize {
        role as usize
    }

    fn get(&self, role: &Role) -> Option<&usize> {
        self.0[Self::slot(*role)].as_ref()
    }

    fn contains_key(&self, role: &Role) -> bool {
        self.0[Self::slot(*role)].is_some()
    }

    fn insert(&mut self, role: Role, column: usize) {
        self.0[Self::slot(role)] = Some(column);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodPart {
    Quarter,
    Month,
}

fn header_texts(cells: &[OwnedCell]) -> Vec<String> {
    cells.iter().map(|c| c.cell().text().into_owned()).collect()
}

/// Rows kept to decide the header and the roles: the rows searched for the header,
/// and the sample under it.
const HEAD: usize = HEADER_SEARCH + SAMPLE + 1;

/// Finds the header row and decides what each column is.
fn plan(
    path: &Path,
    rows: &[(u32, Vec<OwnedCell>)],
    first_column: u32,
    options: &Options,
    fys: u32,
) -> Result<Plan, MeasuresError> {
    let named: HashMap<Role, String> = options
        .columns
        .iter()
        .map(|(r, h)| (*r, normalize(h)))
        .collect();
    let (header_index, headers) = find_header(path, rows, &named, fys)?;
    let header_row = rows[header_index].0;
    let mut d = Decided {
        headers: &headers,
        first_column,
        roles: RoleColumns::default(),
        mapping: Vec::new(),
        unread: Vec::new(),
        notes: Vec::new(),
        periods: Vec::new(),
        period_columns: Vec::new(),
        taken: vec![false; headers.len()],
    };
    d.named(path, header_row, options, &named)?;
    let sample: Vec<&Vec<OwnedCell>> = rows
        .iter()
        .skip(header_index + 1)
        .take(SAMPLE)
        .map(|(_, c)| c)
        .collect();
    d.recognised(&sample, &named, fys);
    let period_part = choose_period(&mut d);
    let layout = d.layout(path, header_row)?;
    Ok(Plan {
        header_index,
        header_row,
        layout,
        period_part,
        fiscal_year_column: d
            .roles
            .get(&Role::Period)
            .is_some_and(|&i| matches!(normalize(&headers[i]).as_str(), "fiscalyear" | "fy")),
        breakdown_name: d.roles.get(&Role::Breakdown).map(|&i| headers[i].clone()),
        roles: d.roles,
        periods: d.periods,
        mapping: d.mapping,
        unread: d.unread,
        notes: d.notes,
    })
}

/// The first row (of the first [`HEADER_SEARCH`]) with a measure column and either a
/// period and an actual column or a column per period, with its headers.
fn find_header(
    path: &Path,
    rows: &[(u32, Vec<OwnedCell>)],
    named: &HashMap<Role, String>,
    fys: u32,
) -> Result<(usize, Vec<String>), MeasuresError> {
    let recognised = |headers: &[String]| {
        let has = |role: Role| {
            headers.iter().any(|h| {
                named
                    .get(&role)
                    .map_or(role_of(h) == Some(role), |want| *want == normalize(h))
            })
        };
        let wide = headers
            .iter()
            .any(|h| period::parse_header(h, fys).is_some());
        has(Role::Measure) && ((has(Role::Period) && has(Role::Actual)) || wide)
    };
    for (i, (_, cells)) in rows.iter().enumerate().take(HEADER_SEARCH) {
        let headers = header_texts(cells);
        // A budget book's two-row header: periods above (one per pair of merged
        // cells), Actual and Target below.
        if let Some((_, below)) = rows.get(i + 1) {
            let below = header_texts(below);
            let periods_above = headers
                .iter()
                .any(|h| period::parse_header(h, fys).is_some());
            let series_below = below.iter().any(|h| {
                matches!(
                    normalize(h).as_str(),
                    "actual" | "actuals" | "target" | "goal"
                )
            });
            if periods_above && series_below {
                let combined = two_row_headers(&headers, &below, fys);
                if recognised(&combined) {
                    return Ok((i + 1, combined));
                }
            }
        }
        if recognised(&headers) {
            return Ok((i, headers));
        }
    }
    let first: Vec<String> = rows
        .iter()
        .find(|(_, c)| c.iter().any(|x| !x.cell().is_empty()))
        .map(|(_, c)| {
            header_texts(c)
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Err(MeasuresError::file(
        path,
        format!(
            "has no header row pmcheck recognises in its first {HEADER_SEARCH} rows: it needs a measure column (measure, indicator, KPI, metric) and either a period column (fiscal year, year, quarter, month, date) with an actual column (actual, value, result), or one column per period (FY2023 Actual, 2022 Q3); the first row holds: {}. Name the columns with --column ROLE=HEADER (roles: {})",
            super::few(&first, 10),
            Role::ALL.map(Role::id).join(", ")
        ),
    ))
}

/// The columns of the header row as they are decided.
struct Decided<'h> {
    headers: &'h [String],
    first_column: u32,
    roles: RoleColumns,
    mapping: Vec<Mapped>,
    unread: Vec<(String, String)>,
    notes: Vec<String>,
    /// Wide layout: the columns that name a period and series.
    periods: Vec<(usize, Period, Series)>,
    /// Columns whose header names a period (one is chosen).
    period_columns: Vec<usize>,
    taken: Vec<bool>,
}

impl Decided<'_> {
    fn letter(&self, i: usize) -> String {
        column_name(self.first_column + i as u32)
    }

    fn map(&mut self, role: Role, i: usize, named: bool) {
        self.mapping.push(Mapped {
            role,
            header: self.headers[i].clone(),
            column: self.letter(i),
            named,
        });
    }

    fn unread(&mut self, i: usize) {
        self.unread.push((self.headers[i].clone(), self.letter(i)));
    }

    /// The columns the user named: each must exist.
    fn named(
        &mut self,
        path: &Path,
        header_row: u32,
        options: &Options,
        named: &HashMap<Role, String>,
    ) -> Result<(), MeasuresError> {
        for (role, want) in named {
            let Some(i) = self.headers.iter().position(|h| normalize(h) == *want) else {
                return Err(MeasuresError::file(
                    path,
                    format!(
                        "has no column `{}` for the role `{}` (row {header_row} holds: {})",
                        options
                            .columns
                            .iter()
                            .find(|(r, _)| r == role)
                            .map_or("", |(_, h)| h.as_str()),
                        role.id(),
                        super::few(
                            &self
                                .headers
                                .iter()
                                .filter(|h| !h.is_empty())
                                .collect::<Vec<_>>(),
                            20
                        )
                    ),
                ));
            };
            self.roles.insert(*role, i);
            self.taken[i] = true;
            if *role == Role::Period {
                self.period_columns.push(i);
            }
            self.map(*role, i, true);
        }
        Ok(())
    }

    /// The other columns, by their headers (and a sample of their values).
    fn recognised(&mut self, sample: &[&Vec<OwnedCell>], named: &HashMap<Role, String>, fys: u32) {
        for i in 0..self.headers.len() {
            let header = &self.headers[i];
            if self.taken[i] || header.is_empty() {
                continue;
            }
            if let Some((p, s)) = period::parse_header(header, fys) {
                self.periods.push((i, p, s));
                self.taken[i] = true;
                continue;
            }
            let Some(role) = role_of(header) else {
                if let Some(fixed) = misspelt_period_header(header, fys) {
                    self.notes.push(format!(
                        "column `{}` looks like a period column with a misspelt series: did you mean `{fixed}`? Its values are not read until the header is corrected",
                        crate::diagnostic::printable(header)
                    ));
                }
                self.unread(i);
                continue;
            };
            if role == Role::Period && !named.contains_key(&Role::Period) {
                self.period_columns.push(i);
                self.taken[i] = true;
                continue;
            }
            if self.roles.contains_key(&role) {
                self.unread(i);
                continue;
            }
            if let Some(why) = refuse(role, header, i, sample) {
                self.notes.push(why);
                continue;
            }
            self.roles.insert(role, i);
            self.taken[i] = true;
            self.map(role, i, false);
        }
    }

    /// Long when there is a period and an actual column, wide when there are period
    /// columns; a service area column either way.
    fn layout(&mut self, path: &Path, header_row: u32) -> Result<Layout, MeasuresError> {
        let has_period = self.roles.contains_key(&Role::Period);
        let layout = if has_period && self.roles.contains_key(&Role::Actual) {
            for (i, _, _) in std::mem::take(&mut self.periods) {
                self.unread(i);
            }
            Layout::Long
        } else if !self.periods.is_empty() {
            Layout::Wide
        } else {
            let (what, role) = if has_period {
                ("actual column", "actual")
            } else {
                ("period column", "period")
            };
            return Err(MeasuresError::file(
                path,
                format!(
                    "row {header_row} has a measure column but no {what}: name it with --column {role}=HEADER"
                ),
            ));
        };
        if !self.roles.contains_key(&Role::ServiceArea) {
            return Err(MeasuresError::file(
                path,
                format!(
                    "row {header_row} has no service area column (service area, department, dept, program, division, bureau): name it with --column service_area=HEADER"
                ),
            ));
        }
        self.mapping.sort_by_key(|m| m.role);
        // Wide layout: each period column, read as the actual or the target of its period.
        for (i, _, series) in self.periods.clone() {
            match series {
                Series::Actual => self.map(Role::Actual, i, false),
                Series::Target => self.map(Role::Target, i, false),
                Series::Other => self.unread(i),
            }
        }
        Ok(layout)
    }
}

/// The headers of a two-row header: a period in the top row carries over the empty
/// cells to its right (merged cells), and joins the label below it (`FY2023` over
/// `Actual` is `FY2023 Actual`); a label alone in either row stands as it is.
fn two_row_headers(top: &[String], below: &[String], fys: u32) -> Vec<String> {
    let mut carry: Option<&str> = None;
    (0..top.len().max(below.len()))
        .map(|c| {
            let t = top.get(c).map_or("", String::as_str);
            let b = below.get(c).map_or("", String::as_str);
            if !t.is_empty() {
                carry = period::parse_header(t, fys).is_some().then_some(t);
            }
            match (t.is_empty(), b.is_empty(), carry) {
                (false, false, _) => format!("{t} {b}"),
                (true, false, Some(p)) => format!("{p} {b}"),
                (true, false, None) => b.to_owned(),
                (false, true, _) => t.to_owned(),
                (true, true, _) => String::new(),
            }
        })
        .collect()
}

/// A wide-layout header whose last word is a misspelling of Actual or Target
/// (`FY2023 Acutal`): the header as it was probably meant.
fn misspelt_period_header(header: &str, fys: u32) -> Option<String> {
    let (period, word) = header.trim().rsplit_once(' ')?;
    period::parse_header(period, fys)?;
    let word_lower = word.to_lowercase();
    let best = crate::diagnostic::closest(&word_lower, ["actual", "target"])?;
    (best != word_lower).then(|| {
        let mut fixed = best.to_owned();
        fixed[..1].make_ascii_uppercase();
        format!("{period} {fixed}")
    })
}

/// Why a column whose header names `role` is not read as it: a kind column whose
/// values are not measure kinds, a number column holding text.
fn refuse(role: Role, header: &str, i: usize, data: &[&Vec<OwnedCell>]) -> Option<String> {
    let values: Vec<Cell<'_>> = data
        .iter()
        .filter_map(|row| row.get(i))
        .map(OwnedCell::cell)
        .filter(|c| !c.is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    let (fits, what): (fn(&Cell) -> bool, &str) = match role {
        Role::Kind => (|c| kind_of(&c.text()).is_some(), "measure kinds"),
        // An actual column is never refused: its cells are read one by one, and a
        // cell that is not a number is an error naming it.
        Role::Target | Role::Comparison => (
            |c| matches!(c, Cell::Number(_)) || value::parse(&c.text()).is_ok(),
            "numbers",
        ),
        _ => return None,
    };
    let fitting = values.iter().filter(|c| fits(c)).count();
    if fitting * 2 > values.len() {
        return None;
    }
    // Examples of what does not fit (not of what does).
    let mut examples: Vec<String> = values
        .iter()
        .filter(|c| !fits(c))
        .map(|c| c.text().into_owned())
        .collect();
    examples.sort();
    examples.dedup();
    examples.truncate(3);
    Some(format!(
        "column `{header}` holds {}, not {what}: it is not read as the {}{}; {}",
        examples
            .iter()
            .map(|e| format!("`{}`", crate::diagnostic::printable(e)))
            .collect::<Vec<_>>()
            .join(", "),
        role.id(),
        if role == Role::Kind {
            " (it may describe how a value is computed, such as an average or a sum, rather than input, output, workload, efficiency or outcome)"
        } else {
            ""
        },
        if role == Role::Kind {
            "add a column giving each measure's kind (input, output, workload, efficiency or outcome) and name it with --column kind=HEADER".to_owned()
        } else {
            format!(
                "if it does hold numbers, name it with --column {}=\"{header}\" to have each cell checked",
                role.id()
            )
        }
    ))
}

/// Picks the period column among several: a year with a quarter or month column beside
/// it is read as one period; otherwise the most specific one.
fn choose_period(d: &mut Decided<'_>) -> Option<(usize, PeriodPart)> {
    let candidates = d.period_columns.clone();
    let headers = d.headers;
    if candidates.is_empty() || d.roles.contains_key(&Role::Period) && candidates.len() <= 1 {
        return None;
    }
    let key = |i: usize| normalize(&headers[i]);
    let is_year = |i: usize| matches!(key(i).as_str(), "fiscalyear" | "fy" | "year");
    let part = |i: usize| match key(i).as_str() {
        "quarter" => Some(PeriodPart::Quarter),
        "month" | "calendarmonth" => Some(PeriodPart::Month),
        _ => None,
    };
    let year = candidates.iter().copied().find(|&i| is_year(i));
    let sub = candidates.iter().copied().find(|&i| part(i).is_some());
    let (main, extra) = match (d.roles.get(&Role::Period).copied(), year, sub) {
        (Some(named), _, _) => (named, None),
        (None, Some(y), Some(s)) => (y, part(s).map(|p| (s, p))),
        (None, _, _) => {
            let rank = |i: usize| match key(i).as_str() {
                "date" | "month" | "calendarmonth" => 0,
                "quarter" => 1,
                "period" | "reportingperiod" => 2,
                _ => 3,
            };
            (
                candidates.iter().copied().min_by_key(|&i| (rank(i), i))?,
                None,
            )
        }
    };
    d.roles.insert(Role::Period, main);
    if !d.mapping.iter().any(|m| m.role == Role::Period) {
        d.map(Role::Period, main, false);
    }
    if let Some((s, _)) = extra {
        d.map(Role::Period, s, false);
    }
    for i in candidates {
        if i != main && extra.is_none_or(|(s, _)| s != i) {
            d.unread(i);
        }
    }
    extra
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
    problems: Vec<CellProblem>,
    omitted: usize,
    rows: RowCounts,
    skipped: Vec<Skipped>,
    /// Period texts already parsed.
    periods: FxHashMap<String, Result<Period, String>>,
    /// Kind texts already read.
    kinds: FxHashMap<String, Option<Measure>>,
    /// The last service area named, for rows that leave it empty under it.
    last_area: Option<(u32, String)>,
}

impl RowReader<'_> {
    fn problem(&mut self, row: u32, column: Option<usize>, text: Option<String>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.omitted += 1;
            return;
        }
        self.problems.push(CellProblem {
            row,
            column: column.map(|c| column_name(self.first_column + c as u32)),
            text,
            message,
        });
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
        let Some(measure_name) = self.text(cells, Role::Measure) else {
            self.skip(row, "no measure name");
            return;
        };
        // A grouped export names the department on its first row only: an empty
        // service area right under a named one is filled down, and counted.
        let area_name = match self.text(cells, Role::ServiceArea) {
            Some(name) => {
                self.last_area = Some((row, name.clone().into_owned()));
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
        let Some(measure) = self.measure(row, cells, &area_name, &measure_name) else {
            return;
        };
        let breakdown = self.breakdown(cells);
        let before = self.problems.len() + self.omitted;
        match self.plan.layout {
            Layout::Long => self.long(row, cells, measure, breakdown),
            Layout::Wide => self.wide(row, cells, measure, breakdown),
        }
        if self.problems.len() + self.omitted == before {
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
                    self.problem(row, Some(i), Some(t.into_owned()), message);
                    return None;
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
        let index = match self.measure_index.get(&(a, n)) {
            Some(&i) => i,
            None => {
                let i = self.measures.len() as u32;
                self.measures.push(MeasureInfo {
                    area: a,
                    name: n,
                    kind,
                    other_kinds: Vec::new(),
                    unit: None,
                    owner: None,
                    direction: None,
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
        m.unit = m.unit.take().or(unit.map(std::borrow::Cow::into_owned));
        m.owner = m.owner.take().or(owner.map(std::borrow::Cow::into_owned));
        m.direction = m.direction.or(direction);
        Some(index)
    }

    /// A number cell of a role: `Ok(None)` for no value.
    fn number(&mut self, row: u32, cells: &[Cell<'_>], i: usize) -> Result<Option<f64>, ()> {
        match cells.get(i) {
            None | Some(Cell::Empty) => Ok(None),
            Some(Cell::Number(n)) if n.is_finite() => Ok(Some(*n)),
            Some(Cell::Number(_)) => Ok(None),
            Some(Cell::Date(d)) => {
                self.problem(
                    row,
                    Some(i),
                    Some(d.to_string()),
                    format!("{d} is a date where a number belongs; write the value as a number"),
                );
                Err(())
            }
            Some(Cell::Text(t)) => value::parse(t).map_err(|message| {
                self.problem(row, Some(i), Some(t.trim().to_owned()), message);
            }),
        }
    }

    fn period(&mut self, row: u32, cells: &[Cell<'_>]) -> Option<Period> {
        let i = *self.plan.roles.get(&Role::Period)?;
        let cell = cells.get(i).copied().unwrap_or(Cell::Empty);
        let text = match (&cell, self.plan.period_part) {
            (Cell::Empty, _) => {
                self.problem(
                    row,
                    Some(i),
                    None,
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
            (Cell::Text(t), None) => {
                // Periods repeat on every row of a long file: each text is parsed once.
                if let Some(found) = self.periods.get(*t) {
                    return match found {
                        Ok(p) => Some(*p),
                        Err(message) => {
                            let message = message.clone();
                            self.problem(row, Some(i), Some(t.trim().to_owned()), message);
                            None
                        }
                    };
                }
                let parsed = period::parse(t, self.fys);
                self.periods.insert((*t).to_owned(), parsed.clone());
                return match parsed {
                    Ok(p) => Some(p),
                    Err(message) => {
                        self.problem(row, Some(i), Some(t.trim().to_owned()), message);
                        None
                    }
                };
            }
        };
        match period::parse(&text, self.fys) {
            Ok(p) => Some(p),
            Err(message) => {
                self.problem(row, Some(i), Some(text.trim().to_owned()), message);
                None
            }
        }
    }

    fn long(&mut self, row: u32, cells: &[Cell<'_>], measure: u32, breakdown: Option<u32>) {
        let period = self.period(row, cells);
        let role_number = |r: &mut Self, role: Role| -> Result<Option<f64>, ()> {
            match r.plan.roles.get(&role) {
                Some(&i) => r.number(row, cells, i),
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
            let Ok(v) = self.number(row, cells, i) else {
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
        self.observations.push(o);
    }

    /// The same measure, group and period on two rows: identical values are kept once;
    /// different values are an error naming both rows. Found by sorting (stable, so the
    /// earlier row of a pair comes first) rather than with a map looked up on every row.
    fn duplicates(&mut self) {
        let key = |o: &Observation| (o.measure, o.breakdown, o.period);
        self.observations.sort_by_key(key);
        let mut clashes: Vec<(Observation, Observation)> = Vec::new();
        // In place: of consecutive observations with one key, the first (earliest row)
        // is kept.
        self.observations.dedup_by(|later, first| {
            let same = key(later) == key(first);
            if same && (first.actual != later.actual || first.target != later.target) {
                clashes.push((first.clone(), later.clone()));
            }
            same
        });
        clashes.sort_by_key(|(_, later)| later.row);
        for (first, o) in clashes {
            let m = &self.measures[o.measure as usize];
            let message = format!(
                "`{}` of `{}` for {} has {} here and {} on row {}; keep one row per measure and period",
                crate::diagnostic::printable(self.string(m.name)),
                crate::diagnostic::printable(self.string(m.area)),
                o.period.label(self.fys),
                describe_values(o.actual, o.target),
                describe_values(first.actual, first.target),
                first.row,
            );
            self.problem(
                o.row,
                None,
                Some(describe_values(o.actual, o.target)),
                message,
            );
        }
    }

    fn string(&self, i: u32) -> &str {
        self.strings.get(i as usize).map_or("", String::as_str)
    }
}

fn describe_values(actual: Option<f64>, target: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or("no value".to_owned(), source::format_number);
    format!("actual {}, target {}", show(actual), show(target))
}

/// The roles a file's header row would be read as, for `--column` help.
pub fn known_roles() -> String {
    columns::Role::ALL.map(Role::id).join(", ")
}
