//! From a sheet's rows to observations: the header row, the layout, the role of each
//! column, then every row read, every problem collected with its cell.

use rustc_hash::FxHashMap;
use std::path::Path;

use super::columns::{self, direction_of, kind_of, normalize};
pub use super::conflicts::judge_sheets_together;
use super::header::{HEAD, PeriodPart, Plan, Refusal, plan};
use super::inventory::{Finding, FindingCode};
use super::months::month_of_fiscal_year;

mod row_values;
mod whole;
use super::period::{self, Period, Series};
pub use super::sheets::read_file;
use super::source::{self, Cell, Sheet, column_name};
pub use super::table::{
    Layout, Mapped, MeasureInfo, Observation, Options, RowCounts, Skipped, Table,
};
use super::{MAX_PROBLEMS, MeasuresError, value};
use crate::vocab::Measure;
use crate::vocab::Role;

/// Why a sheet gave no table: its header row does not map (a sheet that may be
/// skipped), or it cannot be read (an error whatever the sheet).
pub(super) enum SheetError {
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

pub(super) fn read_planned(
    path: &Path,
    sheet: Sheet,
    options: &Options,
) -> Result<Table, SheetError> {
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
        dates: super::spacing::Dates::default(),
        kinds: FxHashMap::default(),
        last_area: None,
        last_program: None,
    };
    sheet.for_each_row(path, plan.header_index + 1, |row, cells| {
        reader.row(row, cells);
        true
    })?;
    if plan.roles.get(&Role::RowType).is_some() {
        row_values::join_actual_and_target_rows(&mut reader.observations);
    }
    reader.whole_table();
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
    if let Some(note) = formats_not_read(path, &reader.observations) {
        findings.push(note);
    }
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

/// A `formats-not-read` note for a legacy workbook (`.xls`, `.xlsb`), whose cell
/// formats pmcheck does not read, when some value lies between 0 and 1: it may be a
/// percentage shown as one (0.37 shown as 37%) and read as the fraction.
fn formats_not_read(path: &Path, observations: &[Observation]) -> Option<Finding> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "xls" | "xlsb") {
        return None;
    }
    let fraction = |v: Option<f64>| v.is_some_and(|v| v > 0.0 && v < 1.0);
    let o = observations
        .iter()
        .find(|o| fraction(o.actual) || fraction(o.target) || fraction(o.comparison))?;
    Some(Finding::new(
        FindingCode::FormatsNotRead,
        format!(
            "cell formats are not read from .{ext} workbooks: a value between 0 and 1 (as on this row) is read as written, even where the sheet shows it as a percentage (0.37 shown as 37%), and currency signs are lost; save the workbook as .xlsx or .ods to have them read, or give each measure's unit in a unit column"
        ),
        Some(o.row),
    ))
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
    periods: FxHashMap<String, (Result<Period, String>, Option<chrono::NaiveDate>)>,
    /// Whether the period cells are whole dates, for a measure's frequency from their
    /// spacing.
    dates: super::spacing::Dates,
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
            // `--area`: the area of every row.
            _ if plan.file_area.is_some() => {
                std::borrow::Cow::Borrowed(plan.file_area.as_deref().unwrap_or_default())
            }
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
        let Some(row_type) = self.row_type(row, cells) else {
            return;
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
            Layout::Long => self.long(row, cells, measure, breakdown, row_type),
            Layout::Wide => self.wide(row, cells, measure, breakdown, row_type),
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
                self.dates.saw(None);
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
            (Cell::Date(d), None) => {
                self.dates.saw(Some(*d));
                return Some(period::from_date(*d));
            }
            (Cell::Number(n), None) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
                self.dates.saw(None);
                return Some(Period::Year(*n as i32));
            }
            (Cell::Number(n), None) => match period::from_excel_serial(*n) {
                Some(d) => {
                    self.dates.saw(Some(d));
                    return Some(period::from_date(d));
                }
                None => source::format_number(*n),
            },
            // A percentage or an amount is no period: said as the cell shows it.
            (Cell::Unit(..), None) => cell.text().into_owned(),
            (Cell::Text(t), None) => {
                // Periods repeat on every row of a long file: each text is parsed once.
                if let Some((found, date)) = self.periods.get(*t) {
                    self.dates.saw(*date);
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
                let date = parsed.as_ref().ok().and_then(|_| period::date_of(t));
                self.dates.saw(date);
                self.periods.insert((*t).to_owned(), (parsed.clone(), date));
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

    fn long(
        &mut self,
        row: u32,
        cells: &[Cell<'_>],
        measure: u32,
        breakdown: Option<u32>,
        row_type: Series,
    ) {
        let period = self.period(row, cells);
        let role_number = |r: &mut Self, role: Role| -> Result<Option<f64>, ()> {
            match r.plan.roles.get(&role) {
                Some(&i) => r.value(row, cells, i, measure),
                None => Ok(None),
            }
        };
        let actual = self.actual(row, cells, measure, period);
        let target = role_number(self, Role::Target);
        let comparison = role_number(self, Role::Comparison);
        // Two actuals that differ: none, and the target of the row is still read.
        let (Some(period), Ok((actual, clash)), Ok(target), Ok(comparison)) =
            (period, actual, target, comparison)
        else {
            return;
        };
        // A target row's value is the period's target.
        let (actual, target) = match row_type {
            Series::Target => (None, actual.or(target)),
            _ => (actual, target),
        };
        if actual.is_none() && row_type == Series::Actual && !clash {
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

    fn wide(
        &mut self,
        row: u32,
        cells: &[Cell<'_>],
        measure: u32,
        breakdown: Option<u32>,
        row_type: Series,
    ) {
        let plan = self.plan;
        let fys = self.fys;
        // Month columns (`jul_01`): their year is the row's.
        let year = match plan.months.is_empty() {
            true => None,
            false => self.fiscal_year(row, cells),
        };
        let months = plan.months.iter().filter_map(|&(i, month, series)| {
            Some((i, month_of_fiscal_year(month, year?, fys), series))
        });
        let mut by_period: Vec<Observation> = Vec::new();
        for (i, period, series) in plan.periods.iter().copied().chain(months) {
            // A target row's values are targets.
            let series = match (series, row_type) {
                (Series::Actual, Series::Target) => Series::Target,
                _ => series,
            };
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
        // A standing goal (a target column naming no period): the target of every period
        // of the row that has none of its own.
        if let Some(&g) = plan.roles.get(&Role::Target)
            && let Ok(Some(goal)) = self.value(row, cells, g, measure)
        {
            for o in &mut by_period {
                o.target = o.target.or(Some(goal));
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

    fn string(&self, i: u32) -> &str {
        self.strings.get(i as usize).map_or("", String::as_str)
    }
}
