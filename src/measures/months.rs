//! Month columns that name a month without its year (`jul_01` … `jun_01`, `Jan`,
//! `Feb Target`), as a file with one row per measure and fiscal year lays out its months:
//! each column's year is the row's, from its period column.

use super::columns::series_of;
use super::period::{Period, Series, month_named};

/// The month (1 to 12) and series a header names with no year: a month's name or its
/// abbreviation, then at most a day of the month (`jul_01`) and a series word (`Jan
/// Target`). `None` for any other header (`Jul 2021` names its year: a period column).
pub(super) fn month_header(header: &str) -> Option<(u8, Series)> {
    let lower = header.trim().to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let month = month_named(words.next()?)?;
    let mut series = None;
    for word in words {
        let day = word.len() <= 2 && word.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
        match series_of(word) {
            _ if day => {}
            Some(s) if series.is_none() => series = Some(s),
            _ => return None,
        }
    }
    Some((u8::try_from(month).ok()?, series.unwrap_or(Series::Actual)))
}

/// Whether a header row has month columns enough to be read so: two months or more.
pub(super) fn has_month_columns<S: AsRef<str>>(headers: &[S]) -> bool {
    headers
        .iter()
        .filter(|h| month_header(h.as_ref()).is_some())
        .count()
        >= 2
}

/// The calendar month `month` of fiscal year `year` (named by the year it ends in), with
/// the fiscal year starting in month `fiscal_year_start`: with July, July of FY2023 is
/// 2022-07 and June 2023-06; with January, fiscal and calendar years agree.
pub(super) fn month_of_fiscal_year(month: u8, year: i32, fiscal_year_start: u32) -> Period {
    let start = fiscal_year_start.clamp(1, 12);
    let year = if start > 1 && u32::from(month) >= start {
        year - 1
    } else {
        year
    };
    Period::Month { year, month }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_headers_without_a_year() {
        assert_eq!(month_header("jul_01"), Some((7, Series::Actual)));
        assert_eq!(month_header("JUN_01"), Some((6, Series::Actual)));
        assert_eq!(month_header("Sept"), Some((9, Series::Actual)));
        assert_eq!(month_header("Jan Target"), Some((1, Series::Target)));
        assert_eq!(month_header("December"), Some((12, Series::Actual)));
        // A year makes it a period column; other words make it no month column.
        assert_eq!(month_header("Jul 2021"), None);
        assert_eq!(month_header("Jul_32"), None);
        assert_eq!(month_header("Mayor"), None);
        assert_eq!(month_header("March madness"), None);
        assert_eq!(month_header("Month"), None);
        assert!(has_month_columns(&["agency", "jul_01", "aug_01"]));
        assert!(!has_month_columns(&["agency", "May"]));
    }

    #[test]
    fn a_month_of_a_fiscal_year_is_in_the_calendar_year_it_falls_in() {
        let month = |year, month| Period::Month { year, month };
        assert_eq!(month_of_fiscal_year(7, 2023, 7), month(2022, 7));
        assert_eq!(month_of_fiscal_year(12, 2023, 7), month(2022, 12));
        assert_eq!(month_of_fiscal_year(1, 2023, 7), month(2023, 1));
        assert_eq!(month_of_fiscal_year(6, 2023, 7), month(2023, 6));
        assert_eq!(month_of_fiscal_year(10, 2024, 10), month(2023, 10));
        assert_eq!(month_of_fiscal_year(7, 2023, 1), month(2023, 7));
    }
}
