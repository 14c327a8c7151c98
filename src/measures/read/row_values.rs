//! Where a row's values go beyond one column per role: a row-type column
//! (`cpr_data_type`: `Actual` or `Target`) sends them to the actual or the target, and
//! one measure's period given on an actual row and a target row is one observation; of
//! two actual columns (`Actual` and `Measure Value`) each row's actual is in one; month
//! columns (`jul_01`) take their year from the row's fiscal year.

use super::{
    Cell, FindingCode, Observation, Period, Role, RowReader, Series, column_name, columns, source,
    value,
};

impl RowReader<'_> {
    /// Where the row's values go, by its row-type cell (an actual when the file has no
    /// row-type column); `None` when they go nowhere: a type of value that is neither an
    /// actual nor a target (an estimate), skipped, or one not known, an error naming the
    /// cell.
    pub(super) fn row_type(&mut self, row: u32, cells: &[Cell<'_>]) -> Option<Series> {
        let Some(&i) = self.plan.roles.get(&Role::RowType) else {
            return Some(Series::Actual);
        };
        let text = self.text(cells, Role::RowType).unwrap_or_default();
        match columns::row_type_of(&text) {
            Some(Series::Other) => {
                let reason = format!(
                    "a row of {} values (neither actual nor target)",
                    value::quote(&text)
                );
                self.skip(row, &reason);
                None
            }
            Some(series) => Some(series),
            None => {
                let message = format!(
                    "{} is not a type of value; write Actual or Target (Goal, Plan and Budget are read as targets; Estimate and Projection rows are skipped)",
                    if text.is_empty() {
                        "an empty cell".to_owned()
                    } else {
                        value::quote(&text)
                    }
                );
                self.problem(row, Some(i), message);
                None
            }
        }
    }

    /// The row's actual, from the actual column or, in a file with two (`Actual` and
    /// `Measure Value`), from whichever holds it, and whether the row's two actuals
    /// clashed: two different values are a `conflicting-values` finding naming both cells,
    /// and no actual. `Err` for a cell that could not be read.
    pub(super) fn actual(
        &mut self,
        row: u32,
        cells: &[Cell<'_>],
        measure: u32,
        period: Option<Period>,
    ) -> Result<(Option<f64>, bool), ()> {
        let first = match self.plan.roles.get(&Role::Actual) {
            Some(&i) => self.value(row, cells, i, measure)?,
            None => None,
        };
        let (Some(&i), Some(j)) = (self.plan.roles.get(&Role::Actual), self.plan.second_actual)
        else {
            return Ok((first, false));
        };
        match (first, self.value(row, cells, j, measure)?) {
            (Some(a), Some(b)) if a != b => {
                let m = &self.measures[measure as usize];
                let cell = |c: usize| format!("{}{row}", column_name(self.first_column + c as u32));
                let message = format!(
                    "`{}` of `{}`{} has {} in `{}` ({}) and {} in `{}` ({}); neither is used: keep the actual in one of the two columns",
                    crate::diagnostic::printable(self.string(m.name)),
                    crate::diagnostic::printable(self.string(m.area)),
                    period
                        .map(|p| format!(" for {}", p.label(self.fys)))
                        .unwrap_or_default(),
                    source::format_number(a),
                    crate::diagnostic::printable(&self.plan.headers[i]),
                    cell(i),
                    source::format_number(b),
                    crate::diagnostic::printable(&self.plan.headers[j]),
                    cell(j),
                );
                self.problem_coded(FindingCode::ConflictingValues, row, Some(i), message);
                Ok((None, true))
            }
            (a, b) => Ok((a.or(b), false)),
        }
    }

    /// The row's fiscal year, for its month columns: its period cell, which must name a
    /// year; `None` (and an error naming the cell) when it does not.
    pub(super) fn fiscal_year(&mut self, row: u32, cells: &[Cell<'_>]) -> Option<i32> {
        match self.period(row, cells)? {
            Period::Year(year) => Some(year),
            other => {
                let i = self.plan.roles.get(&Role::Period).copied();
                let message = format!(
                    "{} is not a year, and the month columns (`{}` …) take their year from this column; write the fiscal year (2023, FY2023)",
                    other.label(self.fys),
                    crate::diagnostic::printable(
                        self.plan
                            .headers
                            .get(self.plan.months[0].0)
                            .map_or("", String::as_str)
                    ),
                );
                self.problem(row, i, message);
                None
            }
        }
    }
}

/// Joins the observations of one measure, group and period whose values do not overlap
/// (an actual on one row, a target on another) into one, with the earlier row. Two rows
/// that give one period two actuals, or two targets, are left for
/// the conflicts' judge (`drop_conflicts`) to judge.
pub(super) fn join_actual_and_target_rows(observations: &mut Vec<Observation>) {
    let key = |o: &Observation| (o.measure, o.breakdown, o.period);
    // Stable: the earlier row of a pair comes first.
    observations.sort_by_key(key);
    observations.dedup_by(|later, first| {
        let disjoint = |a: Option<f64>, b: Option<f64>| a.is_none() || b.is_none();
        let joins = key(later) == key(first)
            && disjoint(first.actual, later.actual)
            && disjoint(first.target, later.target)
            && disjoint(first.comparison, later.comparison);
        if joins {
            first.actual = first.actual.or(later.actual);
            first.target = first.target.or(later.target);
            first.comparison = first.comparison.or(later.comparison);
            first.row = first.row.min(later.row);
        }
        joins
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(row: u32, actual: Option<f64>, target: Option<f64>) -> Observation {
        Observation {
            measure: 0,
            period: Period::Month {
                year: 2022,
                month: 7,
            },
            actual,
            target,
            comparison: None,
            breakdown: None,
            row,
        }
    }

    #[test]
    fn an_actual_row_and_a_target_row_are_one_observation() {
        let mut all = vec![o(3, None, Some(10.5)), o(2, Some(10.4), None)];
        join_actual_and_target_rows(&mut all);
        assert_eq!(all, [o(2, Some(10.4), Some(10.5))]);
    }

    #[test]
    fn two_actuals_for_one_period_are_left_to_conflict() {
        let mut all = vec![o(2, Some(10.4), None), o(4, Some(9.0), None)];
        join_actual_and_target_rows(&mut all);
        assert_eq!(all.len(), 2);
    }
}
