//! The header row and what each column is: found in the first rows of a sheet, by
//! the headers' names and a sample of the values under them, or as the user named them.

use std::collections::HashMap;
use std::path::Path;

use super::MeasuresError;
use super::columns::{normalize, role_of, series_of};
use super::fits::refuse;
use super::months::{has_month_columns, month_header};
use super::period::{self, Period, Series};
use super::read::{Layout, Mapped, Options};
use super::source::{OwnedCell, column_name};
use crate::vocab::Role;

/// Rows searched for the header row.
const HEADER_SEARCH: usize = 30;
/// Rows sampled to check that a column holds what its header says.
const SAMPLE: usize = 200;

/// What each column is, decided from the header row (and a sample of the data).
pub(super) struct Plan {
    pub(super) header_index: usize,
    /// The header row's texts, one per column.
    pub(super) headers: Vec<String>,
    pub(super) header_row: u32,
    pub(super) layout: Layout,
    /// Column index (in the row) per role.
    pub(super) roles: RoleColumns,
    /// Second period column for a year + quarter (or month) pair.
    pub(super) period_part: Option<(usize, PeriodPart)>,
    /// Whether the year of such a pair is a fiscal year (its header says so).
    pub(super) fiscal_year_column: bool,
    /// Wide layout: the period columns.
    pub(super) periods: Vec<(usize, Period, Series)>,
    /// Wide layout by months: the columns that name a month without its year (`jul_01`),
    /// whose year is the row's period (a fiscal year).
    pub(super) months: Vec<(usize, u8, Series)>,
    /// A second actual column (`Actual` and `Measure Value`): each row's actual is in
    /// one or the other.
    pub(super) second_actual: Option<usize>,
    /// The breakdown column's header (the group's category, `District`).
    pub(super) breakdown_name: Option<String>,
    pub(super) mapping: Vec<Mapped>,
    pub(super) unread: Vec<(String, String)>,
    pub(super) notes: Vec<String>,
    /// No service-area column: the sheet's name is the area of every row.
    pub(super) area_from_sheet: Option<String>,
    /// `--area NAME` (`area:` of an evidence `measures:` entry): the area of every row.
    pub(super) file_area: Option<String>,
}

/// Why a sheet's header row does not map: the error for a sheet that must be read,
/// and the short reason for a sheet skipped when every sheet of a workbook is read.
#[derive(Debug)]
pub(super) struct Refusal {
    pub(super) error: Box<MeasuresError>,
    /// `no header row pmcheck recognises (its first rows hold ...)`.
    pub(super) reason: String,
}

impl Refusal {
    pub(super) fn new(path: &Path, message: String, reason: String) -> Refusal {
        Refusal {
            error: Box::new(MeasuresError::file(path, message)),
            reason,
        }
    }
}

/// The column of each role, looked up on every row: an array by role, not a map.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RoleColumns([Option<usize>; Role::ALL.len()]);

impl RoleColumns {
    fn slot(role: Role) -> usize {
        role as usize
    }

    pub(super) fn get(&self, role: &Role) -> Option<&usize> {
        self.0[Self::slot(*role)].as_ref()
    }

    fn contains_key(&self, role: &Role) -> bool {
        self.0[Self::slot(*role)].is_some()
    }

    fn insert(&mut self, role: Role, column: usize) {
        self.0[Self::slot(role)] = Some(column);
    }

    fn remove(&mut self, role: &Role) -> Option<usize> {
        self.0[Self::slot(*role)].take()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PeriodPart {
    Quarter,
    Month,
}

fn header_texts(cells: &[OwnedCell]) -> Vec<String> {
    cells.iter().map(|c| c.cell().text().into_owned()).collect()
}

/// Rows kept to decide the header and the roles: the rows searched for the header,
/// and the sample under it.
pub(super) const HEAD: usize = HEADER_SEARCH + SAMPLE + 1;

/// Finds the header row and decides what each column is. `sheet` is the name of the
/// workbook sheet read, which is the service area when no column gives one.
pub(super) fn plan(
    path: &Path,
    rows: &[(u32, Vec<OwnedCell>)],
    first_column: u32,
    options: &Options,
    fys: u32,
    sheet: Option<&str>,
) -> Result<Plan, Refusal> {
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
        months: Vec::new(),
        second_actual: None,
        period_columns: Vec::new(),
        taken: vec![false; headers.len()],
    };
    let file_area = options
        .area
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned);
    if file_area.is_some() && named.contains_key(&Role::ServiceArea) {
        let message = "--column service_area=HEADER and --area NAME both give the service area: give the column, or the area of the whole file";
        return Err(Refusal::new(path, message.to_owned(), message.to_owned()));
    }
    d.named(path, header_row, options, &named)?;
    let sample: Vec<&Vec<OwnedCell>> = rows
        .iter()
        .skip(header_index + 1)
        .take(SAMPLE)
        .map(|(_, c)| c)
        .collect();
    d.recognised(&sample, &named, fys);
    let period_part = choose_period(&mut d);
    // A sheet named as a spreadsheet names a new one (`Sheet1`) names no service area.
    // Nor does one named for what it holds (`Measures`, `KPIs`, `Data`).
    let area_sheet = sheet
        .map(str::trim)
        .filter(|s| !s.is_empty() && !is_default_sheet_name(s) && !is_generic_sheet_name(s))
        .filter(|_| file_area.is_none());
    if file_area.is_some() {
        // The area named for the whole file: a column recognised as the area is not read.
        if let Some(i) = d.roles.remove(&Role::ServiceArea) {
            d.mapping.retain(|m| m.role != Role::ServiceArea);
            d.unread(i);
        }
    } else if area_sheet.is_none() {
        // In a sheet that is no department's, a program column with no department column
        // is the service area.
        d.program_as_area(&named);
    }
    let whole_area = area_sheet.is_some() || file_area.is_some();
    let layout = d.layout(path, header_row, sheet, whole_area, &named, fys)?;
    let area_from_sheet = area_sheet
        .filter(|_| !d.roles.contains_key(&Role::ServiceArea))
        .map(str::to_owned);
    Ok(Plan {
        area_from_sheet,
        file_area,
        months: d.months,
        second_actual: d.second_actual,
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
        headers: headers.clone(),
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
) -> Result<(usize, Vec<String>), Refusal> {
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
        has(Role::Measure)
            && ((has(Role::Period) && (has(Role::Actual) || has_month_columns(headers))) || wide)
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
            let series_below = below
                .iter()
                .any(|h| series_of(&normalize(h)).is_some() || role_of(h) == Some(Role::Target));
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
    // What the first rows hold, for a sheet skipped (a Read Me says what it is).
    let held: Vec<String> = rows
        .iter()
        .take(HEADER_SEARCH)
        .flat_map(|(_, c)| header_texts(c))
        .filter(|h| !h.is_empty())
        .collect();
    Err(Refusal::new(
        path,
        format!(
            "has no header row pmcheck recognises in its first {HEADER_SEARCH} rows: it needs a measure column (measure, indicator, KPI, metric) and either a period column (fiscal year, year, quarter, month, date) with an actual column (actual, value, result), or one column per period (FY2023 Actual, 2022 Q3); the first row holds: {}. Name the columns with --column ROLE=HEADER (roles: {})",
            super::few(&first, 10),
            Role::ALL.map(Role::id).join(", ")
        ),
        format!(
            "no header row pmcheck recognises (its first rows hold {})",
            super::few(&held, 3)
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
    /// The columns that name a month without its year.
    months: Vec<(usize, u8, Series)>,
    second_actual: Option<usize>,
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
    ) -> Result<(), Refusal> {
        for (role, want) in named {
            let Some(i) = self.headers.iter().position(|h| normalize(h) == *want) else {
                let header = crate::diagnostic::printable(
                    options
                        .columns
                        .iter()
                        .find(|(r, _)| r == role)
                        .map_or("", |(_, h)| h.as_str()),
                );
                return Err(Refusal::new(
                    path,
                    format!(
                        "has no column `{header}` for the role `{}` (row {header_row} holds: {})",
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
                    format!("no column `{header}` for the role `{}`", role.id()),
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
            if let Some((m, s)) = month_header(header) {
                self.months.push((i, m, s));
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
            if role == Role::Actual
                && self.roles.contains_key(&Role::Actual)
                && !named.contains_key(&Role::Actual)
                && self.second_actual.is_none()
            {
                // `Actual` and `Measure Value`: each row's actual is in one of them.
                self.second_actual = Some(i);
                self.taken[i] = true;
                self.map(role, i, false);
                continue;
            }
            if let Some(&held) = self.roles.get(&role) {
                // Of two program columns (a subdepartment and a program), the program.
                let better = role == Role::Program
                    && !named.contains_key(&Role::Program)
                    && program_rank(header) < program_rank(&self.headers[held]);
                if !better {
                    self.unread(i);
                    continue;
                }
                self.unread(held);
                self.mapping.retain(|m| m.role != Role::Program);
                self.roles.remove(&role);
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

    /// A program (or division) column with no department column is the service area,
    /// as a file of one department's programs means it; not in a workbook sheet named for
    /// its department (a budget book's sheet per department), whose name is the area.
    fn program_as_area(&mut self, named: &HashMap<Role, String>) {
        if !self.roles.contains_key(&Role::ServiceArea)
            && !named.contains_key(&Role::Program)
            && let Some(i) = self.roles.remove(&Role::Program)
        {
            self.roles.insert(Role::ServiceArea, i);
            for m in &mut self.mapping {
                if m.role == Role::Program {
                    m.role = Role::ServiceArea;
                }
            }
        }
    }

    /// Long when there is a period and an actual column, wide when there are period
    /// columns; a service area column either way, unless the sheet's name is the area.
    fn layout(
        &mut self,
        path: &Path,
        header_row: u32,
        sheet: Option<&str>,
        area_from_sheet: bool,
        named: &HashMap<Role, String>,
        fys: u32,
    ) -> Result<Layout, Refusal> {
        let has_period = self.roles.contains_key(&Role::Period);
        let layout = if has_period && self.roles.contains_key(&Role::Actual) {
            for (i, _, _) in std::mem::take(&mut self.periods) {
                self.unread(i);
            }
            for (i, _, _) in std::mem::take(&mut self.months) {
                self.unread(i);
            }
            Layout::Long
        } else if !self.periods.is_empty() {
            for (i, _, _) in std::mem::take(&mut self.months) {
                self.unread(i);
            }
            Layout::Wide
        } else if has_period && self.months.len() >= 2 {
            // A row per measure and year, a column per month of the year.
            Layout::Wide
        } else {
            let (what, role) = if has_period {
                ("actual column", "actual")
            } else {
                ("period column", "period")
            };
            return Err(Refusal::new(
                path,
                format!(
                    "row {header_row} has a measure column but no {what}: name it with --column {role}=HEADER"
                ),
                format!("row {header_row} has a measure column but no {what}"),
            ));
        };
        if !self.roles.contains_key(&Role::ServiceArea) && !area_from_sheet {
            let or_rename = if sheet.is_some() {
                ", or name the sheet for its service area (a sheet with no service-area column is read as the area it is named for; `Sheet1`, or a name for what it holds such as `Measures` or `Data`, names none)"
            } else {
                ""
            };
            return Err(Refusal::new(
                path,
                format!(
                    "row {header_row} has no service area column (service area, department, dept, program, division, bureau): name it with --column service_area=HEADER, or give the service area of the whole file with --area NAME (`area:` in an evidence `measures:` entry){or_rename}"
                ),
                format!("row {header_row} has no service area column"),
            ));
        }
        if layout == Layout::Wide {
            if let Some(i) = self.second_actual.take() {
                let letter = self.letter(i);
                self.mapping.retain(|m| m.column != letter);
                self.unread(i);
            }
            self.named_in_wide(path, named, fys)?;
        }
        self.mapping.sort_by_key(|m| m.role);
        // Wide layout: each period column, read as the actual or the target of its period.
        for (i, _, series) in self.periods.clone() {
            let was_named = |role: Role| {
                named
                    .get(&role)
                    .is_some_and(|want| normalize(&self.headers[i]) == *want)
            };
            match series {
                Series::Actual => self.map(Role::Actual, i, was_named(Role::Actual)),
                Series::Target => self.map(Role::Target, i, was_named(Role::Target)),
                Series::Other => self.unread(i),
            }
        }
        // By months: each month column, its year the row's.
        for (i, _, series) in self.months.clone() {
            match series {
                Series::Actual => self.map(Role::Actual, i, false),
                Series::Target => self.map(Role::Target, i, false),
                Series::Other => self.unread(i),
            }
        }
        Ok(layout)
    }

    /// In a wide layout (a column per period) every role named is honoured or refused:
    /// an actual or target column is read as the period its header names
    /// (`--column actual="FY 2025-26 Estimate"` reads that column as FY2026's actual);
    /// a target column whose header names no period is a standing goal, the target of
    /// every period of its row; an actual column naming no period, a period column (unless
    /// month columns take their year from it) and a comparison column have no period to be
    /// read for, and are refused with the reason (a comparison column found by its header
    /// is said in a note and not read).
    fn named_in_wide(
        &mut self,
        path: &Path,
        named: &HashMap<Role, String>,
        fys: u32,
    ) -> Result<(), Refusal> {
        let wide = "the file has one column per period (FY2023 Actual, 2022 Q3), so each value's period comes from its column's header";
        for (role, series) in [
            (Role::Actual, Series::Actual),
            (Role::Target, Series::Target),
        ] {
            let Some(i) = self.roles.get(&role).copied() else {
                continue;
            };
            let header = self.headers[i].clone();
            let parsed = period::parse_header(&header, fys);
            if parsed.is_none() && role == Role::Target {
                // A standing goal (`Goal` beside `1/31/2024`): the target of every period
                // of its row.
                continue;
            }
            if parsed.is_none() && !named.contains_key(&role) {
                // Found by its header (`Target` beside `FY2023 Actual`): no period to read.
                self.roles.remove(&role);
                self.mapping.retain(|m| m.role != role);
                self.unread(i);
                self.notes.push(format!(
                    "column `{}` looks like {} values, but {wide}, and it names none: it is not read",
                    crate::diagnostic::printable(&header),
                    role.id()
                ));
                continue;
            }
            let Some((period, _)) = parsed else {
                return Err(Refusal::new(
                    path,
                    format!(
                        "--column {}={}: {wide}, and `{}` names no period; name a column whose header names one, or a period column too (--column period=HEADER) to read the file by rows",
                        role.id(),
                        crate::diagnostic::printable(&header),
                        crate::diagnostic::printable(&header)
                    ),
                    format!(
                        "column `{}` ({}) names no period",
                        crate::diagnostic::printable(&header),
                        role.id()
                    ),
                ));
            };
            self.roles.remove(&role);
            self.mapping.retain(|m| m.role != role);
            self.periods.retain(|(j, _, _)| *j != i);
            self.periods.push((i, period, series));
        }
        if named.contains_key(&Role::Period) && self.months.is_empty() {
            return Err(Refusal::new(
                path,
                format!(
                    "--column period=...: {wide}; name an actual column too (--column actual=HEADER) to read the file by rows, or leave out the period"
                ),
                "a period column named in a file with a column per period".to_owned(),
            ));
        }
        if let Some(i) = self.roles.remove(&Role::Comparison) {
            let header = crate::diagnostic::printable(&self.headers[i]);
            if named.contains_key(&Role::Comparison) {
                return Err(Refusal::new(
                    path,
                    format!(
                        "--column comparison={header}: {wide}, and a comparison column has no period to be the comparison for; give the comparison values a period (a long layout), or leave it out"
                    ),
                    format!("comparison column `{header}` has no period"),
                ));
            }
            self.mapping.retain(|m| m.role != Role::Comparison);
            self.unread(i);
            self.notes.push(format!(
                "column `{header}` looks like comparison values, but {wide}, and it names none: it is not read"
            ));
        }
        Ok(())
    }
}

/// Whether `name` is one a spreadsheet gives a new sheet (`Sheet1`, `Sheet 2`, `Tabelle1`,
/// `Feuil1`, `Hoja1`, `Foglio1`, `Blad1`), which names no service area.
fn is_default_sheet_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let word = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    matches!(
        word,
        "sheet" | "tabelle" | "feuil" | "hoja" | "foglio" | "blad" | "planilha" | "arkusz"
    )
}

/// Whether a sheet's name says what it holds rather than whose it is (`Measures`,
/// `KPIs`, `Performance Data`): such a sheet's program column is its service area.
fn is_generic_sheet_name(name: &str) -> bool {
    matches!(
        normalize(name).trim_end_matches(|c: char| c.is_ascii_digit()),
        "data"
            | "measures"
            | "measure"
            | "kpis"
            | "kpi"
            | "metrics"
            | "indicators"
            | "performance"
            | "performancemeasures"
            | "performancedata"
            | "export"
            | "report"
            | "summary"
            | "results"
            | "dashboard"
            | "scorecard"
    )
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

/// Picks the period column among several: a year with a quarter or month column beside
/// How surely a header names a program: `Program` before `Activity`, a subdepartment
/// and a division, so that a file with a subdepartment and a program column reads the
/// program (lower is surer).
fn program_rank(header: &str) -> u8 {
    let h = normalize(header);
    if h.starts_with("program") {
        0
    } else if h.starts_with("activity") {
        1
    } else if h.starts_with("subdep") {
        2
    } else {
        3
    }
}

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
