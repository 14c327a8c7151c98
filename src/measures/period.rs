//! Reporting periods as measures files write them: years, fiscal years, quarters and
//! months, mapped to fiscal years and quarters by the fiscal year's first month.
//!
//! A fiscal year is named by the calendar year it ends in: with a fiscal year starting in
//! July, FY2023 runs from 2022-07-01 to 2023-06-30. With `fiscal_year_start` 1 fiscal and
//! calendar years agree. Every function here is pure and total: odd text is an `Err` or
//! `None`, never a panic.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};

use super::value::quote;

/// A reporting period, normalised. Years and quarters are fiscal; months are calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A fiscal year, named by the calendar year it ends in.
    Year(i32),
    /// A fiscal quarter (1 to 4) of a fiscal year.
    Quarter { year: i32, quarter: u8 },
    /// A calendar month (1 to 12) of a calendar year.
    Month { year: i32, month: u8 },
}

/// How often a series reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    Annual,
    Quarterly,
    Monthly,
}

impl Frequency {
    /// The stable id used in output.
    pub fn id(self) -> &'static str {
        match self {
            Frequency::Annual => "annual",
            Frequency::Quarterly => "quarterly",
            Frequency::Monthly => "monthly",
        }
    }
}

/// What a wide-layout column holds for its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Series {
    /// What happened ("Actual", or no word at all).
    Actual,
    /// What was aimed at ("Target", "Goal", "Adopted", "Proposed Budget").
    Target,
    /// Anything else about the period (estimates, projections, forecasts, year to
    /// date): neither what happened nor what was aimed at, to be skipped and reported.
    Other,
}

impl Series {
    /// The stable id used in output.
    pub fn id(self) -> &'static str {
        match self {
            Series::Actual => "actual",
            Series::Target => "target",
            Series::Other => "other",
        }
    }
}

/// The earliest and latest years a period may name.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// What `parse` accepts, said in every error.
const EXPECTED: &str = "write a year (2023), a fiscal year (FY2023, 2022-23), a quarter \
     (2021 Q3, Q3 FY2022) or a month (2021-07, Jul 2021)";

impl Period {
    /// How often a series of such periods reports.
    pub fn frequency(self) -> Frequency {
        match self {
            Period::Year(_) => Frequency::Annual,
            Period::Quarter { .. } => Frequency::Quarterly,
            Period::Month { .. } => Frequency::Monthly,
        }
    }

    /// The fiscal year the period falls in (for a month: by `fiscal_year_start`).
    pub fn fiscal_year(self, fiscal_year_start: u32) -> i32 {
        match self {
            Period::Year(year) | Period::Quarter { year, .. } => year,
            Period::Month { year, month } => fiscal_of(year, month.into(), fiscal_year_start).0,
        }
    }

    /// The first and last calendar day of the period.
    pub fn dates(self, fiscal_year_start: u32) -> (NaiveDate, NaiveDate) {
        let (first, months) = match self {
            Period::Year(year) => (fiscal_year_first_day(year, fiscal_year_start), 12),
            Period::Quarter { year, quarter } => {
                let offset = 3 * (u32::from(quarter.clamp(1, 4)) - 1);
                (
                    add_months(fiscal_year_first_day(year, fiscal_year_start), offset),
                    3,
                )
            }
            Period::Month { year, month } => (first_day(year, month.into()), 1),
        };
        let last = first
            .checked_add_months(Months::new(months))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        (first, last)
    }

    /// The next period of the same frequency (for finding gaps inside a series).
    pub fn next(self) -> Period {
        match self {
            Period::Year(year) => Period::Year(year.saturating_add(1)),
            Period::Quarter { year, quarter } if quarter >= 4 => Period::Quarter {
                year: year.saturating_add(1),
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Month { year, month } if month >= 12 => Period::Month {
                year: year.saturating_add(1),
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
        }
    }

    /// How the period is shown: "FY2023" / "2023" (when fiscal_year_start is 1),
    /// "FY2023 Q1" / "2023 Q1", "2023-07". `parse` reads every label back.
    pub fn label(self, fiscal_year_start: u32) -> String {
        let fy = if start_month(fiscal_year_start) == 1 {
            ""
        } else {
            "FY"
        };
        match self {
            Period::Year(year) => format!("{fy}{year}"),
            Period::Quarter { year, quarter } => format!("{fy}{year} Q{quarter}"),
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }
}

/// Parses a period cell written as text. `Err` says what was expected, with examples.
///
/// A quarter written with FY is a fiscal quarter; without FY it is a calendar quarter,
/// converted to the fiscal quarter its first month falls in. "2011-12" and the like, which
/// could be a month or a fiscal year, are read as the month (ISO 8601); write FY2012 or
/// FY2011-12 for the fiscal year.
pub fn parse(text: &str, fiscal_year_start: u32) -> Result<Period, String> {
    let lower = text.trim().to_lowercase();
    let tokens = tokenize(without_time(&lower)).ok_or(None);
    tokens
        .and_then(|tokens| from_tokens(&tokens, fiscal_year_start))
        .map_err(|problem| message(text, problem))
}

/// The day a period text names when it is a whole date (`12/31/2023`, `2023-07-01`,
/// `2023-07-01T00:00:00.000`), not a month or a year: what [`parse`] reads as the
/// date's month, before the spacing of a measure's dates may read it as a quarter or a
/// year ([`crate::measures::spacing`]).
pub fn date_of(text: &str) -> Option<NaiveDate> {
    let lower = text.trim().to_lowercase();
    let (y, m, d) = whole_date(&tokenize(without_time(&lower))?)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// Year, month and day of a date written `2023-07-01` or `7/1/2023` (one separator).
fn whole_date(tokens: &[Token<'_>]) -> Option<(u32, u32, u32)> {
    use Token::{Num, Sep};
    match *tokens {
        [
            Num {
                value: y,
                digits: 4,
            },
            Sep(a),
            Num {
                value: m,
                digits: 1 | 2,
            },
            Sep(b),
            Num {
                value: d,
                digits: 1 | 2,
            },
        ] if a == b => Some((y, m, d)),
        [
            Num {
                value: m,
                digits: 1 | 2,
            },
            Sep(a),
            Num {
                value: d,
                digits: 1 | 2,
            },
            Sep(b),
            Num {
                value: y,
                digits: 4,
            },
        ] if a == b => Some((y, m, d)),
        _ => None,
    }
}

/// A period from a date (a spreadsheet date cell, an ISO date): its calendar month.
pub fn from_date(date: NaiveDate) -> Period {
    Period::Month {
        year: date.year(),
        month: date.month() as u8,
    }
}

/// An Excel date serial (days since 1899-12-30; serials below 60 count from 1899-12-31,
/// because Excel counts 1900-02-29, a day that never was, as serial 60) as a date, when it
/// is a plausible date (years 1900 to 2100). A time of day (the fraction) is dropped.
/// Serial 60 itself is `None`: it names no real day.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..1_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial as u64;
    let epoch = match days {
        60 => return None,
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let date = epoch.checked_add_days(Days::new(days))?;
    (date.year() <= *YEARS.end() as i32).then_some(date)
}

/// Parses a wide-layout column header such as "FY2019 Actual", "FY 2020 Target", "2021",
/// "FY21-22 Actual", "2022 Q3", "Jul 2021 Target" or "2016_17_adopted" (a fiscal year
/// written with an underscore, as exports name columns): the period and the series. The series
/// is Actual when no word says otherwise, Target for a target, goal, objective or an
/// adopted, proposed or planned budget figure, Other for estimates, projections,
/// forecasts and year-to-date figures (see [`super::columns::series_of`]).
/// None when the header names no period, names a period among other words, or says both
/// actual and target.
pub fn parse_header(header: &str, fiscal_year_start: u32) -> Option<(Period, Series)> {
    let punctuation = ['(', ')', '[', ']', ':', ',', '_', '|', '*', '#', '$', '%'];
    let lower = header.trim().to_lowercase();
    let lower = fiscal_pairs(without_time(&lower)).replace(punctuation, " ");
    let mut series = None;
    let mut period = Vec::new();
    for token in tokenize(&lower)? {
        match token {
            Token::Word(word) if FILLERS.contains(&word) => {}
            Token::Word(word) => match super::columns::series_of(word) {
                Some(named) => series = Some(combine(series, named)?),
                None => period.push(token),
            },
            _ => period.push(token),
        }
    }
    let period = from_tokens(trim_separators(&period), fiscal_year_start).ok()?;
    Some((period, series.unwrap_or(Series::Actual)))
}

/// `2016_17` or `2016_2017` (a year and the next one, or its last two digits, joined by
/// `_`) as `fy2016-17`, `fy2016-2017`: an export's column name for a fiscal year, never a
/// month, whatever the number.
fn fiscal_pairs(text: &str) -> String {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && b.get(from + n).is_none_or(|c| !c.is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let starts = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let next_digits = [2, 4].into_iter().find(|&n| digits(i + 5, n));
        if let Some(n) =
            next_digits.filter(|_| starts && digits(i, 4) && b.get(i + 4) == Some(&b'_'))
        {
            let year: u32 = text[i..i + 4].parse().unwrap_or(0);
            let next: u32 = text[i + 5..i + 5 + n].parse().unwrap_or(0);
            if (year + 1) % 10u32.pow(n as u32) == next {
                out.push_str(&format!(
                    "fy{}-{}",
                    &text[i..i + 4],
                    &text[i + 5..i + 5 + n]
                ));
                i += 5 + n;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Words a header may carry that say nothing about its period or series.
const FILLERS: [&str; 6] = ["value", "values", "result", "results", "data", "total"];

/// Two series words in one header: Other wins (skip it), actual with target is no series.
fn combine(current: Option<Series>, named: Series) -> Option<Series> {
    match (current, named) {
        (None, named) => Some(named),
        (Some(Series::Other), _) | (_, Series::Other) => Some(Series::Other),
        (Some(current), named) => (current == named).then_some(current),
    }
}

/// A piece of a period as written: a run of digits, a run of letters, or a `-` or `/`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Num { value: u32, digits: usize },
    Word(&'a str),
    Sep(char),
}

/// Why a text is not a period: `None` when it is simply not one of the accepted forms.
type Problem = Option<String>;

/// Splits lower-case text into tokens; spaces and dots only separate. None for any other
/// character, or a run of digits too long to be part of a date.
fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            let len = run_length(rest, |c| c.is_ascii_digit());
            let value = rest.get(..len).filter(|_| len <= 8)?.parse().ok()?;
            tokens.push(Token::Num { value, digits: len });
            len
        } else if c.is_ascii_alphabetic() {
            let len = run_length(rest, |c| c.is_ascii_alphabetic());
            tokens.push(Token::Word(rest.get(..len)?));
            len
        } else {
            match c {
                '/' => tokens.push(Token::Sep('/')),
                '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => {
                    tokens.push(Token::Sep('-'))
                }
                c if c.is_whitespace() || c == '.' => {}
                _ => return None,
            }
            c.len_utf8()
        };
        rest = rest.get(len..)?;
    }
    Some(merge_fiscal_words(tokens))
}

fn run_length(text: &str, in_run: fn(char) -> bool) -> usize {
    text.find(|c: char| !in_run(c)).unwrap_or(text.len())
}

/// "F.Y.", "fiscal year" and "fiscal" all mean "fy".
fn merge_fiscal_words(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let mut merged: Vec<Token<'_>> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if let (Some(last), Token::Word("y" | "year")) = (merged.last_mut(), token)
            && matches!(last, Token::Word("f" | "fy"))
        {
            *last = Token::Word("fy");
            continue;
        }
        merged.push(match token {
            Token::Word("fiscal") => Token::Word("fy"),
            other => other,
        });
    }
    merged
}

/// "2021-07-15t00:00:00" and "2021-07-15 00:00" without their time of day.
fn without_time(text: &str) -> &str {
    let is_time = |time: &str| {
        let time = time.strip_suffix('z').unwrap_or(time);
        NaiveTime::parse_from_str(time, "%H:%M:%S%.f").is_ok()
            || NaiveTime::parse_from_str(time, "%H:%M").is_ok()
    };
    match (text.get(..10), text.get(11..)) {
        (Some(date), Some(time)) if matches!(text.as_bytes()[10], b't' | b' ') && is_time(time) => {
            date
        }
        _ => text,
    }
}

fn from_tokens(tokens: &[Token<'_>], fiscal_year_start: u32) -> Result<Period, Problem> {
    if tokens.is_empty() {
        return Err(Some("it is empty".to_string()));
    }
    if let Some((quarter, rest)) = split_quarter(tokens)? {
        return quarter_period(quarter, &rest, fiscal_year_start);
    }
    if let Some(month) = month_period(tokens)? {
        return Ok(month);
    }
    year_of(tokens).map(|(year, _)| Period::Year(year))
}

/// The quarter number ("Q3", "qtr 3", "quarter 3") and the tokens left for its year.
fn split_quarter<'a>(tokens: &[Token<'a>]) -> Result<Option<(u8, Vec<Token<'a>>)>, Problem> {
    let is_quarter = |t: &Token<'_>| matches!(t, Token::Word("q" | "qtr" | "quarter"));
    let Some(at) = tokens.iter().position(is_quarter) else {
        return Ok(None);
    };
    let Some(&Token::Num {
        value,
        digits: 1 | 2,
    }) = tokens.get(at + 1)
    else {
        return Err(Some("a quarter needs its number, Q1 to Q4".to_string()));
    };
    let quarter = u8::try_from(value)
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| {
            Some(format!(
                "quarter {value} does not exist; quarters are 1 to 4"
            ))
        })?;
    let mut rest = tokens.to_vec();
    rest.drain(at..at + 2);
    // The separator between year and quarter: "2021-Q3", "Q3-2021".
    if at == rest.len() && matches!(rest.last(), Some(Token::Sep(_))) {
        rest.pop();
    } else if at == 0 && matches!(rest.first(), Some(Token::Sep(_))) {
        rest.remove(0);
    }
    Ok(Some((quarter, rest)))
}

fn quarter_period(
    quarter: u8,
    year_tokens: &[Token<'_>],
    fiscal_year_start: u32,
) -> Result<Period, Problem> {
    if year_tokens.is_empty() {
        return Err(Some("a quarter needs its year".to_string()));
    }
    let (year, fiscal) = year_of(year_tokens)?;
    if fiscal {
        return Ok(Period::Quarter { year, quarter });
    }
    let first_month = 3 * u32::from(quarter) - 2;
    let (year, quarter) = fiscal_of(year, first_month, fiscal_year_start);
    Ok(Period::Quarter { year, quarter })
}

/// A month or a date, when the tokens are one; `Ok(None)` when they are not.
fn month_period(tokens: &[Token<'_>]) -> Result<Option<Period>, Problem> {
    use Token::{Num, Sep, Word};
    let (year, month) = match *tokens {
        [
            Word(name),
            Num {
                value: y,
                digits: 4,
            },
        ]
        | [
            Word(name),
            Sep(_),
            Num {
                value: y,
                digits: 4,
            },
        ]
        | [
            Num {
                value: y,
                digits: 4,
            },
            Word(name),
        ] => match month_named(name) {
            Some(month) => (y, month),
            None => return Ok(None),
        },
        // Excel's mmm-yy: "Jul-21".
        [
            Word(name),
            Sep('-'),
            Num {
                value: y,
                digits: 2,
            },
        ] => match month_named(name) {
            Some(month) => (2000 + y, month),
            None => return Ok(None),
        },
        [
            Num {
                value: y,
                digits: 4,
            },
            Sep(_),
            Num {
                value: m,
                digits: 1 | 2,
            },
        ] if (1..=12).contains(&m) => (y, m),
        [
            Num {
                value: m,
                digits: 1 | 2,
            },
            Sep(_),
            Num {
                value: y,
                digits: 4,
            },
        ] => (y, m),
        _ => match whole_date(tokens) {
            Some((y, m, d)) => return date_month(y, m, d).map(Some),
            None => return Ok(None),
        },
    };
    month_in(year, month).map(Some)
}

/// A month's name or its abbreviation of three letters or more (`jul`, `July`),
/// lowercase, as its number.
pub(crate) fn month_named(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let at = NAMES
        .iter()
        .position(|name| word.len() >= 3 && name.starts_with(word))?;
    Some(at as u32 + 1)
}

fn month_in(year: u32, month: u32) -> Result<Period, Problem> {
    let year = checked_year(year)?;
    match u8::try_from(month) {
        Ok(month @ 1..=12) => Ok(Period::Month { year, month }),
        _ => Err(Some(format!("month {month} does not exist"))),
    }
}

fn date_month(year: u32, month: u32, day: u32) -> Result<Period, Problem> {
    let date = NaiveDate::from_ymd_opt(checked_year(year)?, month, day);
    date.map(from_date)
        .ok_or_else(|| Some(format!("{year:04}-{month:02}-{day:02} is not a date")))
}

/// A year ("2023"), a fiscal year ("FY2023", "FY23") or a fiscal year range ("2022-23",
/// "FY2022/2023"), and whether it was written as fiscal.
fn year_of(tokens: &[Token<'_>]) -> Result<(i32, bool), Problem> {
    use Token::{Num, Sep, Word};
    match *tokens {
        [Num { value, digits: 4 }] => Ok((checked_year(value)?, false)),
        [Word("fy"), Num { value, digits }] if matches!(digits, 2 | 4) => {
            Ok((checked_year(full_year(value, digits))?, true))
        }
        [
            Word("fy"),
            Num {
                value: a,
                digits: da,
            },
            Sep(_),
            Num {
                value: b,
                digits: db,
            },
        ] if matches!(da, 2 | 4) && matches!(db, 2 | 4) => {
            fiscal_range(full_year(a, da), b, db, true)
        }
        [
            Num {
                value: a,
                digits: 4,
            },
            Sep(_),
            Num {
                value: b,
                digits: db,
            },
        ] if matches!(db, 2 | 4) => fiscal_range(a, b, db, false),
        _ => Err(None),
    }
}

/// Two-digit years are 20xx.
fn full_year(value: u32, digits: usize) -> u32 {
    if digits == 2 { 2000 + value } else { value }
}

/// The fiscal year a range such as 2022-23 names: the year it ends in.
fn fiscal_range(
    first: u32,
    last: u32,
    last_digits: usize,
    fy: bool,
) -> Result<(i32, bool), Problem> {
    let last = match last_digits {
        2 => {
            let same_century = first - first % 100 + last;
            if same_century <= first {
                same_century + 100
            } else {
                same_century
            }
        }
        _ => last,
    };
    if last != first + 1 {
        let problem = if fy || last_digits == 4 {
            "a fiscal year range must be two consecutive years, such as 2022-23"
        } else {
            "it is neither a month (2022-07) nor a fiscal year of two consecutive years (2022-23)"
        };
        return Err(Some(problem.to_string()));
    }
    Ok((checked_year(last)?, true))
}

fn checked_year(year: u32) -> Result<i32, Problem> {
    if YEARS.contains(&year) {
        Ok(year as i32)
    } else {
        Err(Some(format!("year {year} is outside 1900 to 2100")))
    }
}

fn trim_separators<'a, 't>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let is_separator = |t: &Token<'_>| matches!(t, Token::Sep(_));
    let start = tokens
        .iter()
        .position(|t| !is_separator(t))
        .unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|t| !is_separator(t))
        .map_or(start, |at| at + 1);
    tokens.get(start..end).unwrap_or_default()
}

fn message(text: &str, problem: Problem) -> String {
    let quoted = quote(text);
    match problem {
        Some(problem) => format!("{quoted} is not a period: {problem}; {EXPECTED}"),
        None => format!("{quoted} is not a period; {EXPECTED}"),
    }
}

fn start_month(fiscal_year_start: u32) -> u32 {
    fiscal_year_start.clamp(1, 12)
}

/// The fiscal year and fiscal quarter that calendar month `month` of `year` falls in.
/// The (fiscal) year a day falls in: the year a fiscal year ends in names it, so with
/// July starts, 2026-11-30 is in FY2027.
pub fn fiscal_year_of(date: NaiveDate, fiscal_year_start: u32) -> i32 {
    use chrono::Datelike;
    fiscal_of(date.year(), date.month(), fiscal_year_start).0
}

/// A year as messages write it: `FY2027` for a fiscal year not starting in January, else
/// `2027`.
pub fn year_label(year: i32, fiscal_year_start: u32) -> String {
    if start_month(fiscal_year_start) == 1 {
        year.to_string()
    } else {
        format!("FY{year}")
    }
}

fn fiscal_of(year: i32, month: u32, fiscal_year_start: u32) -> (i32, u8) {
    let start = start_month(fiscal_year_start);
    let month = month.clamp(1, 12);
    let fiscal_year = if start == 1 || month < start {
        year
    } else {
        year.saturating_add(1)
    };
    (fiscal_year, (((month + 12 - start) % 12) / 3 + 1) as u8)
}

fn fiscal_year_first_day(year: i32, fiscal_year_start: u32) -> NaiveDate {
    let start = start_month(fiscal_year_start);
    let calendar_year = if start == 1 {
        year
    } else {
        year.saturating_sub(1)
    };
    first_day(calendar_year, start)
}

/// The first day of a month; the far end of chrono's range for years beyond it.
fn first_day(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month.clamp(1, 12), 1).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
#[path = "period_tests.rs"]
mod tests;
