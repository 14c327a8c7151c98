//! Versioned criteria as data: the TOML model, its complete validation, and the
//! bundled criteria files.
//!
//! Loading happens in two stages: serde reads the file into the `raw` structs, which
//! keep the span of every value, then `validate` turns them into [`Criteria`],
//! collecting every problem (with its line) before failing, so that an author fixes a
//! file in one pass rather than one error at a time. Rule kinds, their parameters and
//! their validation live in `rule`.

mod bundled;
pub mod diff;
mod raw;
mod rule;
mod validate;

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{self, Problem, Problems};
use crate::vocab::{Date, Field, MAX_YEAR, MIN_YEAR};

pub use bundled::{BUNDLED, bundled};
pub use rule::{Rule, RuleKind};
pub use validate::parse;

/// The criteria file format version this build reads (`schema = 1`).
pub const SCHEMA_VERSION: i64 = 1;

/// Criteria files larger than this are refused before parsing (1 MiB).
pub const MAX_CRITERIA_BYTES: u64 = 1024 * 1024;

/// What a criteria file may hold, so that loading, evaluating, explaining and
/// rendering stay quick whatever the file says. Enforced by loading (and so by
/// `criteria check`), each with a located error; listed in the README's "Limits".
pub mod limits {
    /// Levels (ICMA has 3).
    pub const MAX_LEVELS: usize = 10;
    /// Categories (ICMA has 10).
    pub const MAX_CATEGORIES: usize = 100;
    /// Requirements (ICMA has about 30).
    pub const MAX_REQUIREMENTS: usize = 1_000;
    /// Rules in the whole file, counting every rule inside `all_of`, `any_of`, `every`.
    pub const MAX_RULES: usize = 5_000;
    /// How deep rules nest inside `all_of`, `any_of` and `every`.
    pub const MAX_RULE_DEPTH: usize = 8;
    /// A category's weight.
    pub const MAX_WEIGHT: f64 = 1_000_000.0;
    /// `min` and `min_areas`: no evidence list holds more entries than this.
    pub const MAX_COUNT: i64 = 10_000;
    /// `min_years` and `max_age_years` (evidence years run from 1900 to 2100).
    pub const MAX_YEARS: i64 = 200;
    /// `months` of `recent_event`: ten years.
    pub const MAX_MONTHS: i64 = 120;
    /// `quarters` of `quarterly`: ten years.
    pub const MAX_QUARTERS: i64 = 40;
    /// Problems listed in full when a file is invalid; the rest are counted.
    pub const MAX_PROBLEMS: usize = 50;
}

/// The bundled criteria used when `--criteria` is not given.
pub const DEFAULT_CRITERIA: &str = "icma-2022";

/// A validated criteria file.
#[derive(Debug, Clone)]
pub struct Criteria {
    pub framework: String,
    pub version: String,
    pub title: String,
    pub source: Option<String>,
    /// Said plainly wherever the criteria are shown, e.g. that a rubric is pmcheck's own.
    pub disclaimer: Option<String>,
    /// Added to the warning for a category with nothing met (ICMA: may disqualify).
    pub unmet_category_note: Option<String>,
    /// Notes for readers of the criteria (`criteria show` prints them).
    pub notes: Option<String>,
    /// Said beside readiness wherever it is shown (ICMA: the evaluation is not
    /// entirely points-based).
    pub readiness_note: Option<String>,
    /// Where the criteria came from: a path, or `bundled:<id>`.
    pub origin: String,
    /// The application window, where the framework has one and it is known.
    pub application_window: Option<(Date, Date)>,
    /// The TOML text the criteria were read from.
    pub file_text: String,
    /// Ordered lowest first; reaching a level needs every lower one.
    pub levels: Vec<Level>,
    pub categories: Vec<Category>,
    /// In file order; a `requirements_met` rule only names earlier requirements.
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Relative weight as written in the file (0 when unusable).
    pub weight: f64,
    /// A share of readiness fixed by the file (`share = "1/3"`), as (numerator,
    /// denominator).
    pub declared_share: Option<(u32, u32)>,
    /// The category's share of readiness (0 to 1) at each level, by level index: a
    /// declared share where the category has required requirements at or below the
    /// level, the rest shared by weight among the other categories that do, 0 where the
    /// category has none. The weights outputs show are these.
    pub shares: Vec<f64>,
    /// The share at the highest level (`shares.last()`).
    pub share: f64,
}

impl Category {
    /// Whether the category's share differs between levels where it has one.
    pub fn varies(&self) -> bool {
        let present: Vec<f64> = self.shares.iter().copied().filter(|s| *s > 0.0).collect();
        present.windows(2).any(|w| (w[0] - w[1]).abs() > 1e-9)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub id: String,
    /// Index into [`Criteria::categories`].
    pub category: usize,
    /// Index into [`Criteria::levels`].
    pub level: usize,
    pub optional: bool,
    /// The official wording, copied from the source table.
    pub text: String,
    /// The project's reading: how the rule judges the evidence.
    pub reading: String,
    /// What evidence or action closes the gap.
    pub hint: String,
    pub rule: Rule,
    /// Every evidence field the rule reads (through named requirements too), in
    /// order, computed once when the criteria are loaded.
    pub fields: Vec<Field>,
}

impl Criteria {
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// A level named on the command line: its id in any case (`Excellence`).
    pub fn level_index_ignore_case(&self, id: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.id.eq_ignore_ascii_case(id))
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// A short name such as `icma 2022`.
    pub fn label(&self) -> String {
        format!("{} {}", self.framework, self.version)
    }

    /// When these criteria stop applying to a new application: the close of the
    /// application window where it is known, else the end of the version's year when the
    /// version is a year, else never.
    pub fn closes(&self) -> Closes {
        if let Some((_, closes)) = self.application_window {
            return Closes::Window(closes);
        }
        let year = (self.version.len() == 4 && self.version.bytes().all(|b| b.is_ascii_digit()))
            .then(|| self.version.parse::<i32>().ok())
            .flatten()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y));
        match year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)) {
            Some(end) => Closes::VersionYear(Date(end)),
            None => Closes::Undated,
        }
    }
}

/// When criteria stop applying (see [`Criteria::closes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closes {
    /// The application window closes on this date.
    Window(Date),
    /// The window is unknown; the version is a year, which ends on this date.
    VersionYear(Date),
    /// Neither: a framework not tied to a year (pmcheck's rubrics).
    Undated,
}

/// How the user named the criteria: a bundled id or version, or a file path.
pub fn resolve(spec: &str) -> Result<Criteria, CriteriaError> {
    if let Some((id, file, text)) = bundled::find(spec) {
        return parse(text, Path::new(file), format!("bundled:{id}"));
    }
    let path = Path::new(spec);
    let looks_like_path = spec.ends_with(".toml") || spec.contains('/') || spec.contains('\\');
    if looks_like_path || path.exists() {
        return load(path);
    }
    let ids: Vec<&str> = BUNDLED.iter().map(|b| b.0).collect();
    let hint = match diagnostic::closest(spec, ids.iter().copied()) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    };
    Err(CriteriaError::Unknown(format!(
        "unknown criteria `{}`{hint}; bundled: {} (or 2021, 2022 for ICMA); or give the path of a .toml criteria file",
        diagnostic::printable(spec),
        ids.join(", ")
    )))
}

/// Loads and validates a criteria file from disk.
pub fn load(path: &Path) -> Result<Criteria, CriteriaError> {
    let text = crate::read::text(path, MAX_CRITERIA_BYTES, "criteria")?;
    parse(&text, path, path.display().to_string())
}

#[derive(Debug)]
pub enum CriteriaError {
    /// The file could not be read or parsed as TOML of the right shape.
    Input(Problem),
    /// The file parsed, but its content is invalid.
    Invalid(Problems),
    /// The name given is neither a bundled criteria nor a file.
    Unknown(String),
}

impl fmt::Display for CriteriaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CriteriaError::Input(e) => e.fmt(f),
            CriteriaError::Invalid(p) => p.fmt(f),
            CriteriaError::Unknown(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CriteriaError {}

impl From<Problem> for CriteriaError {
    fn from(e: Problem) -> Self {
        CriteriaError::Input(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn criteria_close_with_their_window_else_their_version_year() {
        let closes = |id: &str| bundled(id).unwrap().closes();
        assert_eq!(closes("icma-2021"), Closes::Window(date("2021-05-07")));
        assert_eq!(closes("icma-2022"), Closes::VersionYear(date("2022-12-31")));
        assert_eq!(closes("spectrum"), Closes::Undated);
        assert_eq!(closes("federal"), Closes::Undated);
        let mut custom = bundled("icma-2022").unwrap();
        for (version, expected) in [
            ("2023", Closes::VersionYear(date("2023-12-31"))),
            ("1899", Closes::Undated),
            ("2101", Closes::Undated),
            ("20x3", Closes::Undated),
            ("202", Closes::Undated),
            ("2023b", Closes::Undated),
        ] {
            custom.version = version.to_owned();
            assert_eq!(custom.closes(), expected, "{version}");
        }
    }

    #[test]
    fn the_readiness_note_is_icmas_alone_and_the_same_both_years() {
        let note = |id: &str| bundled(id).unwrap().readiness_note;
        let icma = note("icma-2021").unwrap();
        assert!(icma.contains("not entirely points-based"), "{icma}");
        assert_eq!(note("icma-2022").as_deref(), Some(icma.as_str()));
        assert_eq!(note("spectrum"), None);
        assert_eq!(note("federal"), None);
    }
}
