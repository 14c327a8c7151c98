//! Values with one meaning wherever they appear: a non-blank text, a real date, a year in
//! the accepted range, a month that starts a fiscal year. Each checks itself while it is
//! deserialized, so the parser's line and column travel with the message.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// Earliest and latest years (and date years) accepted anywhere in evidence.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

/// Longest text accepted in any one field, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Replaces a parser's type error with a plain `message`, keeping a missing-field error.
pub(crate) fn plain<E: de::Error>(e: E, message: &str) -> E {
    if e.to_string().starts_with("missing field") {
        e
    } else {
        E::custom(message)
    }
}

/// The month a fiscal year starts in: 1 (January, the calendar year) to 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Month(#[schemars(range(min = 1, max = 12))] pub u32);

impl Default for Month {
    fn default() -> Self {
        Month(1)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d).map_err(|e| {
            plain(
                e,
                "expected a month number from 1 (January) to 12 (December)",
            )
        })?;
        if (1..=12).contains(&v) {
            Ok(Month(v as u32))
        } else {
            Err(de::Error::custom(format!(
                "month {v} is out of range; write a month number from 1 (January) to 12 (December), for example 7 for a fiscal year starting in July"
            )))
        }
    }
}

/// A non-blank string (surrounding whitespace is trimmed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let trimmed = s.trim();
        if trimmed.chars().count() > MAX_TEXT_CHARS {
            return Err(de::Error::custom(format!(
                "text longer than {MAX_TEXT_CHARS} characters"
            )));
        }
        if trimmed.is_empty() {
            return Err(de::Error::custom(
                "empty text; write a name or description, or leave the key out",
            ));
        }
        Ok(Text(trimmed.to_owned()))
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible dates and years outside the accepted range.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(format!(
                "`{s}` is not a date; write it as YYYY-MM-DD, for example 2021-05-07"
            ));
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            format!("`{s}` is not a real calendar date; check the month and day (YYYY-MM-DD)")
        })?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
            return Err(format!(
                "`{s}` is out of range; dates must fall in the years {MIN_YEAR} to {MAX_YEAR}"
            ));
        }
        Ok(Date(date))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s =
            String::deserialize(d).map_err(|e| plain(e, "expected a date written YYYY-MM-DD"))?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

/// A calendar year in the accepted range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Year(pub i32);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v =
            i64::deserialize(d).map_err(|e| plain(e, "expected a four-digit year such as 2020"))?;
        if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&v) {
            Ok(Year(v as i32))
        } else {
            Err(de::Error::custom(format!(
                "year {v} is out of range; write a four-digit year from {MIN_YEAR} to {MAX_YEAR}"
            )))
        }
    }
}
