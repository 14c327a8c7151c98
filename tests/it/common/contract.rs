//! The JSON output contract v1, written independently of the renderer, shared by
//! the contract and property tests. `deny_unknown_fields` everywhere.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub version: u32,
    pub evidence: String,
    pub jurisdiction: Option<Jurisdiction>,
    pub criteria: Criteria,
    pub as_of: String,
    pub as_of_source: String,
    pub levels: Vec<Level>,
    pub level: String,
    pub target: Option<String>,
    pub target_met: Option<bool>,
    pub readiness: BTreeMap<String, f64>,
    pub categories: Vec<Category>,
    pub gaps: Vec<Gap>,
    pub warnings: Vec<Warning>,
    pub strict: bool,
    pub unsupported: Vec<Unsupported>,
    /// Supplementary initiatives, each once; never requirements.
    pub also_reported: Vec<AlsoReported>,
    /// Present only with --baseline.
    pub changes: Option<Changes>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unsupported {
    pub requirement: String,
    pub sections: Vec<String>,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoReported {
    /// An initiative id of the README, or `other`.
    pub id: InitiativeId,
    pub name: String,
}

/// The initiative ids of evidence format v1 (README, `initiatives`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeId {
    DataDictionary,
    Crm,
    SocialMedia,
    ResidentsAcademy,
    LeanSixSigma,
    PredictiveAnalytics,
    DepartmentalAccreditation,
    SmartCommunity,
    GeoMapping,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    pub baseline: String,
    pub baseline_criteria: String,
    pub same_criteria: bool,
    pub baseline_as_of: String,
    pub level: BeforeAfter<String>,
    pub readiness: BTreeMap<String, BeforeAfter<f64>>,
    pub newly_met: Vec<String>,
    pub lost: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeforeAfter<T> {
    pub before: Option<T>,
    pub after: T,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub name: String,
    pub kind: String,
    pub state: Option<String>,
    pub population: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    pub framework: String,
    pub version: String,
    pub title: String,
    pub origin: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub reached: bool,
    pub readiness: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// The share at the highest level.
    pub weight: f64,
    /// Level id to the share used at that level (0 where the category has nothing).
    pub weights: BTreeMap<String, f64>,
    pub status: BTreeMap<String, String>,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub level: String,
    pub met: bool,
    pub optional: bool,
    pub text: String,
    pub reading: String,
    pub hint: String,
    pub items: Vec<Item>,
    /// Requirement ids this one only repeats; `[]` when none.
    pub follows_from: Vec<String>,
}

/// One item a requirement judged.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub subject: String,
    pub counted: bool,
    pub reason: String,
    /// The evidence path (`service_areas`), or null.
    pub field: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub requirement: String,
    pub category: String,
    pub level: String,
    pub optional: bool,
    pub text: String,
    pub hint: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// One of the documented warning codes.
    pub code: WarningCode,
    pub category: Option<String>,
    pub message: String,
}

/// The warning codes of contract v1 (README, "Warning codes").
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    YearAfterAsOf,
    DatedAfterAsOf,
    OverduePlan,
    CategoryUnmet,
    ConfusableNames,
    DuplicateYears,
    PlaceholderName,
    CriteriaOutdated,
    DerivedFromMeasures,
    ContradictedByMeasures,
    UnclaimedInMeasures,
}
