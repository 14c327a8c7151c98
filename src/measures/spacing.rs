//! A measure's frequency from the spacing of its dates. A period column of whole dates
//! (`12/31/2021`, a date cell) is read as the dates' months, and most such files are
//! monthly; but a scorecard export dates a yearly value at its year's end (`12/31/2021`,
//! `12/31/2022`) and a quarterly one at its quarter's end. When every date of a measure
//! falls a year (or a quarter) after the one before, always on the first day or always on
//! the last day of a fiscal year (or quarter), its values are read as those years (or
//! quarters), and a `periods-from-dates` note says so. Dates on other days, or not so
//! aligned, stay months: pmcheck does not guess a calendar year inside a fiscal one.

use chrono::{Datelike, NaiveDate};

use super::finding::{Finding, FindingCode};
use super::period::{Frequency, Period};
use super::table::Observation;

/// What the period cells of a table have been so far.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// Some period cell held a whole date.
    any: bool,
    /// Every period cell held a whole date (none a month, quarter or year).
    only_dates: bool,
    /// Every date was the first day of its month.
    first_days: bool,
    /// Every date was the last day of its month.
    last_days: bool,
}

impl Default for Dates {
    fn default() -> Dates {
        Dates {
            any: false,
            only_dates: true,
            first_days: true,
            last_days: true,
        }
    }
}

impl Dates {
    /// A period cell read: the whole date it held, or `None` for any other period.
    pub fn saw(&mut self, date: Option<NaiveDate>) {
        match date {
            None => self.only_dates = false,
            Some(d) => {
                self.any = true;
                self.first_days &= d.day() == 1;
                self.last_days &= d.succ_opt().is_none_or(|next| next.month() != d.month());
            }
        }
    }
}

/// The month's place in the fiscal year: 0 for its first month, 11 for its last.
fn fiscal_month(month: u8, fiscal_year_start: u32) -> u32 {
    let start = fiscal_year_start.clamp(1, 12) - 1;
    (u32::from(month.clamp(1, 12)) - 1 + 12 - start) % 12
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The frequency the dates `months` (month numbers since year 0, distinct, ascending)
/// of one measure are spaced at, when it is a quarter or a year aligned with the fiscal
/// year as `dates` allow; `None` to keep them months.
fn spaced(months: &[(i64, u8)], fiscal_year_start: u32, dates: Dates) -> Option<Frequency> {
    if months.len() < 2 {
        return None;
    }
    let step = months.windows(2).map(|w| w[1].0 - w[0].0).fold(0, gcd);
    let places: Vec<u32> = months
        .iter()
        .map(|&(_, m)| fiscal_month(m, fiscal_year_start))
        .collect();
    let aligned = |within: u32| {
        let first = places[0] % within;
        places.iter().all(|p| p % within == first)
            && ((first == 0 && dates.first_days) || (first == within - 1 && dates.last_days))
    };
    if step % 12 == 0 && aligned(12) {
        Some(Frequency::Annual)
    } else if step % 3 == 0 && step % 12 != 0 && aligned(3) {
        // Only when some date is less than a year after the one before: dates a year
        // apart that end no fiscal year (December 31 with years from July) are a
        // calendar year's, not one fiscal quarter's.
        Some(Frequency::Quarterly)
    } else {
        None
    }
}

/// Reads the months of each measure whose dates are spaced a year or a quarter apart
/// as those years or quarters; a `periods-from-dates` note per frequency names the
/// measures (`name` gives a measure's name by its index).
pub fn apply(
    observations: &mut [Observation],
    fiscal_year_start: u32,
    dates: Dates,
    name: impl Fn(u32) -> String,
) -> Vec<Finding> {
    if !dates.any || !dates.only_dates || !(dates.first_days || dates.last_days) {
        return Vec::new();
    }
    let mut keys: Vec<(u32, i64, u8)> = observations
        .iter()
        .filter_map(|o| match o.period {
            Period::Month { year, month } => {
                Some((o.measure, i64::from(year) * 12 + i64::from(month), month))
            }
            _ => None,
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut decided: rustc_hash::FxHashMap<u32, Frequency> = rustc_hash::FxHashMap::default();
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        let months: Vec<(i64, u8)> = group.iter().map(|&(_, at, m)| (at, m)).collect();
        if let Some(f) = spaced(&months, fiscal_year_start, dates) {
            decided.insert(group[0].0, f);
        }
    }
    for o in observations.iter_mut() {
        let (Some(f), Period::Month { month, .. }) = (decided.get(&o.measure), o.period) else {
            continue;
        };
        let year = o.period.fiscal_year(fiscal_year_start);
        o.period = match f {
            Frequency::Annual => Period::Year(year),
            _ => Period::Quarter {
                year,
                quarter: (fiscal_month(month, fiscal_year_start) / 3 + 1) as u8,
            },
        };
    }
    let mut findings = Vec::new();
    for (f, what, within) in [
        (Frequency::Annual, "years", "year"),
        (Frequency::Quarterly, "quarters", "quarter"),
    ] {
        let mut names: Vec<(u32, String)> = decided
            .iter()
            .filter(|(_, g)| **g == f)
            .map(|(&m, _)| (m, name(m)))
            .collect();
        if names.is_empty() {
            continue;
        }
        names.sort();
        let count = names.len();
        let listed: Vec<String> = names
            .iter()
            .take(5)
            .map(|(_, n)| format!("`{}`", crate::diagnostic::printable(n)))
            .collect();
        let more = if count > 5 {
            format!(" and {} more", count - 5)
        } else {
            String::new()
        };
        let day = if dates.last_days { "last" } else { "first" };
        findings.push(Finding::new(
            FindingCode::PeriodsFromDates,
            format!(
                "the dates of {count} measure{} ({}{more}) fall a {within} apart, each on the {day} day of a fiscal {within}: read as {what}, not months; write the periods as {what} (FY2024{}) if that is wrong",
                if count == 1 { "" } else { "s" },
                listed.join(", "),
                if f == Frequency::Quarterly { " Q1" } else { "" },
            ),
            None,
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn obs(measure: u32, year: i32, month: u8) -> Observation {
        Observation {
            measure,
            period: Period::Month { year, month },
            actual: Some(1.0),
            target: None,
            comparison: None,
            breakdown: None,
            row: 2,
        }
    }

    fn seen(days: &[NaiveDate]) -> Dates {
        let mut dates = Dates::default();
        for day in days {
            dates.saw(Some(*day));
        }
        dates
    }

    fn periods(o: &[Observation]) -> Vec<Period> {
        o.iter().map(|o| o.period).collect()
    }

    #[test]
    fn year_end_dates_a_year_apart_are_years() {
        let dates = seen(&[d(2021, 12, 31), d(2022, 12, 31)]);
        let mut o = vec![obs(0, 2021, 12), obs(0, 2022, 12), obs(0, 2024, 12)];
        let found = apply(&mut o, 1, dates, |_| "PM-1".to_owned());
        assert_eq!(
            periods(&o),
            [Period::Year(2021), Period::Year(2022), Period::Year(2024)]
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("read as years"),
            "{}",
            found[0].message
        );
        // With fiscal years from July, December 31 ends no fiscal year: months stay.
        let mut o = vec![obs(0, 2021, 12), obs(0, 2022, 12)];
        assert!(apply(&mut o, 7, dates, |_| String::new()).is_empty());
        assert_eq!(
            periods(&o)[0],
            Period::Month {
                year: 2021,
                month: 12
            }
        );
        // June 30 does end one: FY2023 and FY2024.
        let dates = seen(&[d(2023, 6, 30)]);
        let mut o = vec![obs(0, 2023, 6), obs(0, 2024, 6)];
        apply(&mut o, 7, dates, |_| String::new());
        assert_eq!(periods(&o), [Period::Year(2023), Period::Year(2024)]);
    }

    #[test]
    fn first_days_start_their_periods_and_quarters_are_read_too() {
        // July 1 starts FY2024 with July fiscal years.
        let dates = seen(&[d(2023, 7, 1), d(2024, 7, 1)]);
        let mut o = vec![obs(0, 2023, 7), obs(0, 2024, 7)];
        apply(&mut o, 7, dates, |_| String::new());
        assert_eq!(periods(&o), [Period::Year(2024), Period::Year(2025)]);
        // Quarter ends three and six months apart: quarters (Q2 and Q4 of 2023).
        let dates = seen(&[d(2023, 3, 31), d(2023, 6, 30)]);
        let mut o = vec![obs(0, 2023, 3), obs(0, 2023, 6), obs(0, 2023, 12)];
        let found = apply(&mut o, 1, dates, |_| String::new());
        assert_eq!(
            periods(&o),
            [
                Period::Quarter {
                    year: 2023,
                    quarter: 1
                },
                Period::Quarter {
                    year: 2023,
                    quarter: 2
                },
                Period::Quarter {
                    year: 2023,
                    quarter: 4
                },
            ]
        );
        assert!(found[0].message.contains("read as quarters"));
    }

    #[test]
    fn months_stay_months() {
        // A month apart.
        let dates = seen(&[d(2023, 7, 1)]);
        let mut o = vec![obs(0, 2023, 7), obs(0, 2023, 8)];
        assert!(apply(&mut o, 1, dates, |_| String::new()).is_empty());
        // One date alone says nothing of its spacing.
        let mut o = vec![obs(0, 2023, 1), obs(1, 2023, 12)];
        assert!(apply(&mut o, 1, dates, |_| String::new()).is_empty());
        // Mid-month dates a year apart are no year's ends.
        let dates = seen(&[d(2021, 12, 15)]);
        let mut o = vec![obs(0, 2021, 12), obs(0, 2022, 12)];
        assert!(apply(&mut o, 1, dates, |_| String::new()).is_empty());
        // A period column that also holds months or years is not one of dates.
        let mut dates = seen(&[d(2021, 12, 31)]);
        dates.saw(None);
        let mut o = vec![obs(0, 2021, 12), obs(0, 2022, 12)];
        assert!(apply(&mut o, 1, dates, |_| String::new()).is_empty());
        assert_eq!(
            periods(&o)[1],
            Period::Month {
                year: 2022,
                month: 12
            }
        );
    }
}
