//! Reporting periods as measures files write them: years, fiscal years, quarters and
//! months, mapped to fiscal years and quarters by the fiscal year's first month.

// TEMPORARY STUB: replaced by the full implementation on branch h-m.
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter { year: i32, quarter: u8 },
    Month { year: i32, month: u8 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    Annual,
    Quarterly,
    Monthly,
}

impl Frequency {
    pub fn id(self) -> &'static str {
        match self {
            Frequency::Annual => "annual",
            Frequency::Quarterly => "quarterly",
            Frequency::Monthly => "monthly",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Actual,
    Target,
    Other,
}

impl Period {
    pub fn frequency(self) -> Frequency {
        match self {
            Period::Year(_) => Frequency::Annual,
            Period::Quarter { .. } => Frequency::Quarterly,
            Period::Month { .. } => Frequency::Monthly,
        }
    }
    pub fn fiscal_year(self, fiscal_year_start: u32) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter { year: y, .. } => y,
            Period::Month { year, month } => {
                if fiscal_year_start == 1 || u32::from(month) < fiscal_year_start {
                    year
                } else {
                    year + 1
                }
            }
        }
    }
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter { year, quarter: 4 } => Period::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
        }
    }
    pub fn label(self, fiscal_year_start: u32) -> String {
        let fy = if fiscal_year_start == 1 { "" } else { "FY" };
        match self {
            Period::Year(y) => format!("{fy}{y}"),
            Period::Quarter { year, quarter } => format!("{fy}{year} Q{quarter}"),
            Period::Month { year, month } => format!("{year}-{month:02}"),
        }
    }
}

pub fn parse(text: &str, _fiscal_year_start: u32) -> Result<Period, String> {
    let t = text.trim();
    if let Ok(y) = t.parse::<i32>() {
        return Ok(Period::Year(y));
    }
    if let Some(y) = t
        .strip_prefix("FY")
        .and_then(|y| y.trim().parse::<i32>().ok())
    {
        return Ok(Period::Year(y));
    }
    if let Some((y, m)) = t.split_once('-')
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u8>())
    {
        return Ok(Period::Month { year: y, month: m });
    }
    Err(format!("`{t}` is not a period"))
}

pub fn from_date(date: NaiveDate) -> Period {
    Period::Month {
        year: date.year(),
        month: date.month() as u8,
    }
}

pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial as u64))
}

pub fn parse_header(header: &str, fiscal_year_start: u32) -> Option<(Period, Series)> {
    let h = header.trim();
    let (p, s) = if let Some(p) = h.strip_suffix("Target") {
        (p, Series::Target)
    } else if let Some(p) = h.strip_suffix("Actual") {
        (p, Series::Actual)
    } else {
        (h, Series::Actual)
    };
    parse(p, fiscal_year_start).ok().map(|p| (p, s))
}
