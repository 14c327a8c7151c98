use super::*;

fn year(y: i32) -> Period {
    Period::Year(y)
}

fn quarter(year: i32, quarter: u8) -> Period {
    Period::Quarter { year, quarter }
}

fn month(year: i32, month: u8) -> Period {
    Period::Month { year, month }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a test date")
}

/// Each text parses, with fiscal years starting in July, to the period given.
fn assert_parses(cases: &[(&str, Period)]) {
    for (text, expected) in cases {
        assert_eq!(parse(text, 7), Ok(*expected), "{text:?}");
    }
}

/// Each text is refused with a message that quotes it and contains `needle`.
fn assert_refused(cases: &[(&str, &str)]) {
    for (text, needle) in cases {
        let error = parse(text, 7).expect_err(text);
        assert!(error.contains(needle), "{text:?}: {error}");
        assert!(error.contains(EXPECTED), "{text:?}: {error}");
    }
}

#[test]
fn years() {
    assert_parses(&[
        ("2023", year(2023)),
        (" 2023 ", year(2023)),
        ("1900", year(1900)),
        ("2100", year(2100)),
    ]);
}

#[test]
fn fiscal_years_are_named_by_the_year_they_end_in() {
    assert_parses(&[
        ("FY2023", year(2023)),
        ("fy2023", year(2023)),
        ("FY23", year(2023)),
        ("FY 2023", year(2023)),
        ("F.Y. 2023", year(2023)),
        ("FY.2023", year(2023)),
        ("Fiscal Year 2023", year(2023)),
        ("fiscal 2023", year(2023)),
        ("FY 2022-23", year(2023)),
        ("FY2022-2023", year(2023)),
        ("2022-23", year(2023)),
        ("2022/2023", year(2023)),
        ("2022-2023", year(2023)),
        ("2022/23", year(2023)),
        ("FY22/23", year(2023)),
        ("FY21-22", year(2022)),
        ("2022 - 23", year(2023)),
        ("2022\u{2013}23", year(2023)),
        ("1999-00", year(2000)),
        ("FY00", year(2000)),
    ]);
}

#[test]
fn a_fiscal_year_range_must_be_two_consecutive_years() {
    assert_refused(&[
        ("2022-24", "consecutive"),
        ("FY2022-24", "consecutive"),
        ("2022/2024", "consecutive"),
        ("2023-22", "consecutive"),
        ("FY2021-07", "consecutive"),
        ("2021-00", "neither a month"),
    ]);
}

#[test]
fn years_outside_1900_to_2100_are_refused() {
    assert_refused(&[
        ("1899", "year 1899 is outside 1900 to 2100"),
        ("2101", "year 2101"),
        ("FY1899", "year 1899"),
        ("1899-07", "year 1899"),
        ("2100-2101", "year 2101"),
        ("Q1 1899", "year 1899"),
        ("7/15/1899", "year 1899"),
    ]);
    assert_eq!(parse("2100-01-01", 7), Ok(month(2100, 1)));
    assert_eq!(parse("1900-01", 7), Ok(month(1900, 1)));
}

#[test]
fn fiscal_quarters_keep_their_numbers() {
    assert_parses(&[
        ("Q3 FY2022", quarter(2022, 3)),
        ("FY2022 Q3", quarter(2022, 3)),
        ("FY22 Q3", quarter(2022, 3)),
        ("FY2022-Q3", quarter(2022, 3)),
        ("FY2022Q3", quarter(2022, 3)),
        ("Q1 2022-23", quarter(2023, 1)),
        ("FY 2022-23 Q2", quarter(2023, 2)),
        ("fy2022 qtr 4", quarter(2022, 4)),
        ("Quarter 1 FY2022", quarter(2022, 1)),
    ]);
}

#[test]
fn calendar_quarters_become_the_fiscal_quarter_of_their_first_month() {
    // With fiscal years starting in July, July to September 2021 is FY2022 Q1.
    assert_parses(&[
        ("2021 Q3", quarter(2022, 1)),
        ("Q3 2021", quarter(2022, 1)),
        ("2021-Q3", quarter(2022, 1)),
        ("2021Q3", quarter(2022, 1)),
        ("q3 2021", quarter(2022, 1)),
        ("Q3-2021", quarter(2022, 1)),
        ("2021 Q4", quarter(2022, 2)),
        ("2021 Q1", quarter(2021, 3)),
        ("2021 Q2", quarter(2021, 4)),
    ]);
    assert_eq!(parse("2021 Q3", 1), Ok(quarter(2021, 3)));
    // October: calendar Q4 is the first fiscal quarter of the next year.
    assert_eq!(parse("2021 Q4", 10), Ok(quarter(2022, 1)));
    assert_eq!(parse("2021 Q1", 10), Ok(quarter(2021, 2)));
    // A fiscal year starting in February: January is in the last quarter.
    assert_eq!(parse("2021 Q1", 2), Ok(quarter(2021, 4)));
}

#[test]
fn quarters_are_1_to_4() {
    assert_refused(&[
        ("Q5 2021", "quarter 5 does not exist"),
        ("2021 Q0", "quarter 0 does not exist"),
        ("FY2022 Q12", "quarter 12 does not exist"),
        ("Q3", "a quarter needs its year"),
        ("Q 2021", "a quarter needs its number"),
        ("2021 Q", "a quarter needs its number"),
        ("Q3 Jul 2021", "is not a period;"),
    ]);
}

#[test]
fn months() {
    assert_parses(&[
        ("2021-07", month(2021, 7)),
        ("2021/07", month(2021, 7)),
        ("2021-7", month(2021, 7)),
        ("07/2021", month(2021, 7)),
        ("7/2021", month(2021, 7)),
        ("Jul 2021", month(2021, 7)),
        ("July 2021", month(2021, 7)),
        ("JULY 2021", month(2021, 7)),
        ("Jul-2021", month(2021, 7)),
        ("Jul. 2021", month(2021, 7)),
        ("2021 Jul", month(2021, 7)),
        ("Jul-21", month(2021, 7)),
        ("Sept 2021", month(2021, 9)),
        ("sep 2021", month(2021, 9)),
        ("Dec 2021", month(2021, 12)),
        ("2021-12", month(2021, 12)),
        ("2021-01", month(2021, 1)),
    ]);
}

#[test]
fn dates_and_datetimes_are_their_month() {
    assert_parses(&[
        ("2021-07-15", month(2021, 7)),
        ("2021/07/15", month(2021, 7)),
        ("2021-07-15T00:00:00", month(2021, 7)),
        ("2021-07-15T13:45:30.250Z", month(2021, 7)),
        ("2021-07-15 00:00", month(2021, 7)),
        ("7/15/2021", month(2021, 7)),
        ("07/15/2021", month(2021, 7)),
        ("12/31/2021", month(2021, 12)),
    ]);
    assert_refused(&[
        ("2021-02-30", "2021-02-30 is not a date"),
        ("15/7/2021", "is not a date"),
        ("2021-07-15T25:00", "is not a period;"),
        ("2021-07/15", "is not a period;"),
    ]);
}

#[test]
fn a_range_that_could_be_a_month_is_the_month() {
    assert_eq!(parse("2011-12", 7), Ok(month(2011, 12)));
    assert_eq!(parse("FY2011-12", 7), Ok(year(2012)));
    assert_eq!(parse("2012-13", 7), Ok(year(2013)));
}

#[test]
fn months_are_1_to_12() {
    assert_refused(&[
        ("13/2021", "month 13 does not exist"),
        ("00/2021", "month 0 does not exist"),
        ("2021-13", "neither a month"),
        ("Foo 2021", "is not a period;"),
        ("Ju 2021", "is not a period;"),
    ]);
}

#[test]
fn other_text_is_refused_with_the_forms_expected() {
    assert_refused(&[
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("23", "`23` is not a period;"),
        ("202", "is not a period;"),
        ("FY", "is not a period;"),
        ("FY202", "is not a period;"),
        ("CY2023", "is not a period;"),
        ("22-23", "is not a period;"),
        ("2023 2024", "is not a period;"),
        ("2023!", "is not a period;"),
        ("Q3 2021 Q4", "is not a period;"),
        ("44378", "is not a period;"),
        ("123456789012", "is not a period;"),
    ]);
}

#[test]
fn odd_text_is_an_error_not_a_panic() {
    let long = "9".repeat(100_000);
    let long_words = "FY2023 ".repeat(10_000);
    let odd = [
        "\u{0}",
        "\u{feff}2023",
        "２０２３",
        "٢٠٢٣",
        "2023\u{301}",
        "é",
        "İ",
        "🙂 2023",
        "2021-07-15T",
        "2021-07-15T\u{1f642}",
        "2021-07-1🙂",
        "ǅ",
        "\u{10ffff}",
        long.as_str(),
        long_words.as_str(),
        "-",
        "/",
        "--",
        "q",
        "Q99999999 2021",
        "FY99999999",
    ];
    for text in odd {
        let error = parse(text, 7).expect_err(text);
        assert!(error.chars().count() < 300, "{error}");
        assert_eq!(parse_header(text, 7), None, "{text:?}");
    }
}

#[test]
fn fiscal_year_of_a_month_follows_the_start_month() {
    assert_eq!(month(2022, 6).fiscal_year(7), 2022);
    assert_eq!(month(2022, 7).fiscal_year(7), 2023);
    assert_eq!(month(2022, 12).fiscal_year(1), 2022);
    assert_eq!(month(2022, 1).fiscal_year(1), 2022);
    assert_eq!(month(2022, 9).fiscal_year(10), 2022);
    assert_eq!(month(2022, 10).fiscal_year(10), 2023);
    assert_eq!(month(2022, 11).fiscal_year(12), 2022);
    assert_eq!(month(2022, 12).fiscal_year(12), 2023);
    assert_eq!(year(2023).fiscal_year(7), 2023);
    assert_eq!(quarter(2023, 4).fiscal_year(7), 2023);
}

#[test]
fn fiscal_quarters_of_months() {
    assert_eq!(fiscal_of(2022, 7, 7), (2023, 1));
    assert_eq!(fiscal_of(2022, 9, 7), (2023, 1));
    assert_eq!(fiscal_of(2022, 10, 7), (2023, 2));
    assert_eq!(fiscal_of(2023, 6, 7), (2023, 4));
    assert_eq!(fiscal_of(2022, 12, 12), (2023, 1));
    assert_eq!(fiscal_of(2022, 11, 12), (2022, 4));
    assert_eq!(fiscal_of(2022, 1, 1), (2022, 1));
    assert_eq!(fiscal_of(2022, 12, 1), (2022, 4));
    assert_eq!(fiscal_of(2022, 10, 10), (2023, 1));
    assert_eq!(fiscal_of(2022, 9, 10), (2022, 4));
}

#[test]
fn dates_of_years() {
    assert_eq!(year(2023).dates(7), (date(2022, 7, 1), date(2023, 6, 30)));
    assert_eq!(year(2023).dates(1), (date(2023, 1, 1), date(2023, 12, 31)));
    assert_eq!(year(2023).dates(10), (date(2022, 10, 1), date(2023, 9, 30)));
    assert_eq!(
        year(2023).dates(12),
        (date(2022, 12, 1), date(2023, 11, 30))
    );
}

#[test]
fn dates_of_quarters() {
    assert_eq!(
        quarter(2023, 1).dates(7),
        (date(2022, 7, 1), date(2022, 9, 30))
    );
    assert_eq!(
        quarter(2023, 3).dates(7),
        (date(2023, 1, 1), date(2023, 3, 31))
    );
    assert_eq!(
        quarter(2023, 4).dates(7),
        (date(2023, 4, 1), date(2023, 6, 30))
    );
    assert_eq!(
        quarter(2023, 4).dates(1),
        (date(2023, 10, 1), date(2023, 12, 31))
    );
    assert_eq!(
        quarter(2023, 1).dates(12),
        (date(2022, 12, 1), date(2023, 2, 28))
    );
    assert_eq!(
        quarter(2024, 1).dates(12),
        (date(2023, 12, 1), date(2024, 2, 29))
    );
    assert_eq!(
        quarter(2023, 2).dates(10),
        (date(2023, 1, 1), date(2023, 3, 31))
    );
}

#[test]
fn dates_of_months() {
    assert_eq!(
        month(2024, 2).dates(7),
        (date(2024, 2, 1), date(2024, 2, 29))
    );
    assert_eq!(
        month(2023, 12).dates(12),
        (date(2023, 12, 1), date(2023, 12, 31))
    );
    assert_eq!(
        month(2023, 7).dates(1),
        (date(2023, 7, 1), date(2023, 7, 31))
    );
}

#[test]
fn every_month_of_a_fiscal_year_lies_in_its_dates() {
    for start in 1..=12 {
        for m in 1..=12 {
            let period = month(2022, m);
            let (first, last) = year(period.fiscal_year(start)).dates(start);
            let (month_first, month_last) = period.dates(start);
            assert!(first <= month_first && month_last <= last, "{start} {m}");
            let (fiscal_year, q) = fiscal_of(2022, m.into(), start);
            let (q_first, q_last) = quarter(fiscal_year, q).dates(start);
            assert!(
                q_first <= month_first && month_last <= q_last,
                "{start} {m}"
            );
        }
    }
}

#[test]
fn periods_built_by_hand_out_of_range_do_not_panic() {
    for period in [
        year(i32::MAX),
        year(i32::MIN),
        quarter(i32::MAX, 4),
        quarter(2023, 0),
        quarter(2023, 9),
        month(i32::MAX, 12),
        month(i32::MIN, 1),
        month(2023, 0),
        month(2023, 13),
    ] {
        for start in [0, 1, 7, 12, 13, u32::MAX] {
            let _ = (
                period.dates(start),
                period.fiscal_year(start),
                period.label(start),
            );
            let _ = period.next();
        }
    }
    assert_eq!(year(i32::MAX).next(), year(i32::MAX));
}

#[test]
fn next_crosses_year_ends() {
    assert_eq!(year(2023).next(), year(2024));
    assert_eq!(quarter(2023, 1).next(), quarter(2023, 2));
    assert_eq!(quarter(2023, 4).next(), quarter(2024, 1));
    assert_eq!(month(2023, 11).next(), month(2023, 12));
    assert_eq!(month(2023, 12).next(), month(2024, 1));
    assert_eq!(month(2023, 6).next(), month(2023, 7));
}

#[test]
fn frequencies() {
    assert_eq!(year(2023).frequency().id(), "annual");
    assert_eq!(quarter(2023, 1).frequency().id(), "quarterly");
    assert_eq!(month(2023, 1).frequency().id(), "monthly");
}

#[test]
fn labels() {
    assert_eq!(year(2023).label(7), "FY2023");
    assert_eq!(year(2023).label(1), "2023");
    assert_eq!(quarter(2023, 1).label(7), "FY2023 Q1");
    assert_eq!(quarter(2023, 1).label(1), "2023 Q1");
    assert_eq!(month(2023, 7).label(7), "2023-07");
    assert_eq!(month(2023, 7).label(1), "2023-07");
}

#[test]
fn labels_parse_back() {
    for start in 1..=12 {
        for y in [1900, 2000, 2011, 2023, 2100] {
            let mut periods = vec![year(y)];
            periods.extend((1..=4).map(|q| quarter(y, q)));
            periods.extend((1..=12).map(|m| month(y, m)));
            for period in periods {
                let label = period.label(start);
                assert_eq!(parse(&label, start), Ok(period), "{label} ({start})");
            }
        }
    }
}

#[test]
fn dates_give_their_month() {
    assert_eq!(from_date(date(2021, 7, 15)), month(2021, 7));
    assert_eq!(from_date(date(2021, 12, 31)), month(2021, 12));
}

#[test]
fn a_whole_date_is_told_from_a_month() {
    assert_eq!(date_of("12/31/2021"), Some(date(2021, 12, 31)));
    assert_eq!(date_of(" 2023-07-01T00:00:00.000 "), Some(date(2023, 7, 1)));
    assert_eq!(date_of("2023-07"), None);
    assert_eq!(date_of("Jul 2023"), None);
    assert_eq!(date_of("FY2023"), None);
    assert_eq!(date_of("2023-07/01"), None);
    assert_eq!(date_of("2/30/2023"), None);
}

#[test]
fn excel_serials() {
    assert_eq!(from_excel_serial(44378.0), Some(date(2021, 7, 1)));
    assert_eq!(from_excel_serial(44378.75), Some(date(2021, 7, 1)));
    assert_eq!(from_excel_serial(1.0), Some(date(1900, 1, 1)));
    assert_eq!(from_excel_serial(59.0), Some(date(1900, 2, 28)));
    assert_eq!(from_excel_serial(60.0), None);
    assert_eq!(from_excel_serial(61.0), Some(date(1900, 3, 1)));
    assert_eq!(from_excel_serial(73_415.0), Some(date(2100, 12, 31)));
    assert_eq!(from_excel_serial(73_416.0), None);
    for odd in [
        0.0,
        0.5,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e300,
    ] {
        assert_eq!(from_excel_serial(odd), None, "{odd}");
    }
}

#[test]
fn headers_name_a_period_and_a_series() {
    let cases = [
        ("FY2019 Actual", year(2019), Series::Actual),
        ("FY 2020 Target", year(2020), Series::Target),
        ("2021", year(2021), Series::Actual),
        ("FY21-22 Actual", year(2022), Series::Actual),
        ("2022 Q3", quarter(2023, 1), Series::Actual),
        ("Jul 2021 Target", month(2021, 7), Series::Target),
        ("FY2023 Goal", year(2023), Series::Target),
        ("Target FY2023", year(2023), Series::Target),
        ("FY2023 - Actual", year(2023), Series::Actual),
        ("FY2023_Actual", year(2023), Series::Actual),
        ("FY2023 (Actual)", year(2023), Series::Actual),
        ("FY2023 Actual Results", year(2023), Series::Actual),
        ("FY2024 Estimate", year(2024), Series::Other),
        ("FY2024 Projected", year(2024), Series::Other),
        ("FY2024 Estimated", year(2024), Series::Other),
        ("FY2024 Forecast", year(2024), Series::Other),
        // A budget book's adopted, proposed or planned figure is the target set.
        ("FY2024 Proposed", year(2024), Series::Target),
        ("FY2024 Budget", year(2024), Series::Target),
        ("FY2026 Adopted", year(2026), Series::Target),
        ("FY2026 Adopted Budget", year(2026), Series::Target),
        ("FY2026 Objective", year(2026), Series::Target),
        ("FY2026 Planned", year(2026), Series::Target),
        ("2016_17_adopted", year(2017), Series::Target),
        ("2017_18_proposed_budget", year(2018), Series::Target),
        ("2016_2017_actuals", year(2017), Series::Actual),
        ("2012_13_actuals", year(2013), Series::Actual),
        ("FY2024 Estimated Actual", year(2024), Series::Other),
        ("FY2024 YTD", year(2024), Series::Other),
        ("FY2024 Revised Target", year(2024), Series::Other),
        ("fy2023 actual", year(2023), Series::Actual),
        ("FY2023*", year(2023), Series::Actual),
        ("2021-07-01T00:00:00", month(2021, 7), Series::Actual),
        ("Q1 FY2022 Target", quarter(2022, 1), Series::Target),
    ];
    for (header, period, series) in cases {
        assert_eq!(parse_header(header, 7), Some((period, series)), "{header}");
    }
}

#[test]
fn headers_without_one_period_are_none() {
    for header in [
        "Measure",
        "Actual",
        "Target",
        "Department",
        "Q3 Actual",
        "FY2023 Actual vs Target",
        "Population 2020",
        "FY2023 Q5",
        "2016_2018_actuals",
        "1899",
        "",
        "Units",
    ] {
        assert_eq!(parse_header(header, 7), None, "{header}");
    }
}

#[test]
fn series_ids() {
    assert_eq!(Series::Actual.id(), "actual");
    assert_eq!(Series::Target.id(), "target");
    assert_eq!(Series::Other.id(), "other");
}

proptest::proptest! {
    #[test]
    fn any_text_is_a_period_or_an_error(text in "\\PC{0,30}") {
        let _ = parse(&text, 7);
        let _ = parse_header(&text, 7);
    }

    #[test]
    fn period_like_text_is_a_period_or_an_error(
        text in "[0-9FYQfyqJulAc/ .:T-]{0,16}",
        start in 1u32..=12,
    ) {
        if let Ok(period) = parse(&text, start) {
            proptest::prop_assert_eq!(parse(&period.label(start), start), Ok(period));
        }
        let _ = parse_header(&text, start);
    }

    #[test]
    fn every_plausible_period_parses_back_from_its_label(
        year in 1900i32..=2100,
        part in 0u8..=16,
        start in 1u32..=12,
    ) {
        let period = match part {
            0 => Period::Year(year),
            1..=4 => Period::Quarter { year, quarter: part },
            _ => Period::Month { year, month: part - 4 },
        };
        proptest::prop_assert_eq!(parse(&period.label(start), start), Ok(period));
        let (first, last) = period.dates(start);
        proptest::prop_assert!(first <= last);
        proptest::prop_assert_eq!(period.next().dates(start).0, last.succ_opt().expect("a date"));
    }
}
